/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "wm-card.h"
#include "wm-evidence.h"
#include "wm-feedback.h"
#include "wm-group-command.h"
#include "wm-lane.h"

struct _WmEvidenceCommand
{
  WmCommand   parent_instance;

  WmDocument *document;
  WmItem     *item;       /* NULL: only declares the namespace */
  gboolean    declares;   /* the map had no prefix for the namespace */
  char       *prefix;
  char       *name;
  char       *old_value;
  char       *new_value;
};

G_DEFINE_FINAL_TYPE (WmEvidenceCommand, wm_evidence_command, WM_TYPE_COMMAND)

static const char * const basis_names[] = { NULL, "assumption", "anecdote", "data" };
static const char * const status_names[] = { NULL, "plan", "do", "check", "act", "done" };

const char *
wm_evidence_prefix (WmDocument *document)
{
  GPtrArray *namespaces = wm_document_get_namespaces (document);

  for (guint i = 0; i + 1 < namespaces->len; i += 2)
    if (g_str_equal (g_ptr_array_index (namespaces, i + 1), WM_EVIDENCE_NAMESPACE))
      return g_ptr_array_index (namespaces, i);
  return NULL;
}

static const char *
attr_value (WmItem     *item,
            const char *prefix,
            const char *name)
{
  WmForeign *foreign;

  if (prefix == NULL || !wm_item_has_foreign (item))
    return NULL;
  foreign = wm_item_get_foreign (item);
  for (guint i = 0; i < foreign->attrs->len; i++)
    {
      const WmForeignAttr *attr = g_ptr_array_index (foreign->attrs, i);

      if (g_str_equal (attr->prefix, prefix) && g_str_equal (attr->name, name))
        return attr->value;
    }
  return NULL;
}

const char *
wm_evidence_get (WmDocument *document,
                 WmItem     *item,
                 const char *name)
{
  /* Most cards have no foreign XML: no namespace lookup for them. */
  if (!wm_item_has_foreign (item))
    return NULL;
  return attr_value (item, wm_evidence_prefix (document), name);
}

WmEvidenceBasis
wm_evidence_get_basis (WmDocument *document,
                       WmItem     *item)
{
  const char *value = wm_evidence_get (document, item, "basis");

  for (guint i = 1; value != NULL && i < G_N_ELEMENTS (basis_names); i++)
    if (g_str_equal (value, basis_names[i]))
      return i;
  return WM_EVIDENCE_NONE;
}

const char *
wm_evidence_basis_name (WmEvidenceBasis basis)
{
  return basis < G_N_ELEMENTS (basis_names) ? basis_names[basis] : NULL;
}

WmPdcaStatus
wm_evidence_status_from_name (const char *name)
{
  for (guint i = 1; name != NULL && i < G_N_ELEMENTS (status_names); i++)
    if (g_str_equal (name, status_names[i]))
      return i;
  return WM_PDCA_NONE;
}

WmPdcaStatus
wm_evidence_get_status (WmDocument *document,
                        WmItem     *item)
{
  return wm_evidence_status_from_name (wm_evidence_get (document, item, "status"));
}

const char *
wm_evidence_status_name (WmPdcaStatus status)
{
  return status < G_N_ELEMENTS (status_names) ? status_names[status] : NULL;
}

gboolean
wm_evidence_due_is_valid (const char *text)
{
  guint year, month, day;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  year = g_ascii_strtoull (text, NULL, 10);
  month = g_ascii_strtoull (text + 5, NULL, 10);
  day = g_ascii_strtoull (text + 8, NULL, 10);
  return year >= 1 && g_date_valid_dmy (day, month, year);
}

char *
wm_evidence_check_value (const char *name,
                         const char *value)
{
  if (g_str_equal (name, "status") && wm_evidence_status_from_name (value) == WM_PDCA_NONE)
    /* Translators: the words in quotes are file-format tokens, not translated */
    return g_strdup_printf (_("unknown PDCA status “%s” (expected plan, do, check, act or done)"), value);
  if (g_str_equal (name, "due") && !wm_evidence_due_is_valid (value))
    return g_strdup_printf (_("due date “%s” is not a day written YYYY-MM-DD"), value);
  return NULL;
}

gboolean
wm_evidence_any_basis (WmDocument *document)
{
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (document));

  if (wm_evidence_prefix (document) == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(WmLane) lane = g_list_model_get_item (lanes, i);
      GListModel *cards = G_LIST_MODEL (wm_lane_get_cards (lane));

      for (guint c = 0; c < g_list_model_get_n_items (cards); c++)
        {
          g_autoptr(WmItem) card = g_list_model_get_item (cards, c);

          if (wm_evidence_get_basis (document, card) != WM_EVIDENCE_NONE)
            return TRUE;
        }
    }
  return FALSE;
}

typedef struct
{
  GString *record;
  GString *text;
} Quote;

static void
quote_start_cb (GMarkupParseContext  *context,
                const char           *element,
                const char          **names,
                const char          **values,
                gpointer              data,
                GError              **error)
{
  Quote *quote = data;

  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], "record"))
      g_string_assign (quote->record, values[i]);
}

static void
quote_text_cb (GMarkupParseContext  *context,
               const char           *text,
               gsize                 length,
               gpointer              data,
               GError              **error)
{
  g_string_append_len (((Quote *) data)->text, text, length);
}

/* One serialized <P:quote record="ID">text</P:quote>, as "ID: text". */
static char *
parse_quote (const char *xml)
{
  const GMarkupParser parser = { quote_start_cb, NULL, quote_text_cb, NULL, NULL };
  Quote quote = { g_string_new (NULL), g_string_new (NULL) };
  GMarkupParseContext *context = g_markup_parse_context_new (&parser, 0, &quote, NULL);
  gboolean ok = g_markup_parse_context_parse (context, xml, -1, NULL)
                && g_markup_parse_context_end_parse (context, NULL);
  char *result = NULL;

  if (ok && quote.text->len > 0)
    result = quote.record->len > 0 ? g_strdup_printf ("%s: %s", quote.record->str, quote.text->str)
                                    : g_strdup (quote.text->str);
  g_markup_parse_context_free (context);
  g_string_free (quote.record, TRUE);
  g_string_free (quote.text, TRUE);
  return result;
}

GPtrArray *
wm_evidence_dup_quotes (WmDocument *document,
                        WmItem     *item)
{
  GPtrArray *quotes = g_ptr_array_new_with_free_func (g_free);
  const char *prefix = wm_item_has_foreign (item) ? wm_evidence_prefix (document) : NULL;
  g_autofree char *start = prefix != NULL ? g_strdup_printf ("<%s:quote", prefix) : NULL;
  WmForeign *foreign;

  if (prefix == NULL)
    return quotes;
  foreign = wm_item_get_foreign (item);
  for (guint i = 0; i < foreign->elements->len; i++)
    {
      const char *xml = g_ptr_array_index (foreign->elements, i);
      char *quote;

      if (g_str_has_prefix (xml, start) && (xml[strlen (start)] == ' ' || xml[strlen (start)] == '>')
          && (quote = parse_quote (xml)) != NULL)
        g_ptr_array_add (quotes, quote);
    }
  return quotes;
}

static void
set_attr (WmEvidenceCommand *self,
          const char        *value)
{
  WmForeign *foreign = wm_item_get_foreign (self->item);

  for (guint i = 0; i < foreign->attrs->len; i++)
    {
      WmForeignAttr *attr = g_ptr_array_index (foreign->attrs, i);

      if (g_str_equal (attr->prefix, self->prefix) && g_str_equal (attr->name, self->name))
        {
          if (value != NULL)
            {
              g_free (attr->value);
              attr->value = g_strdup (value);
            }
          else
            g_ptr_array_remove_index (foreign->attrs, i);
          return;
        }
    }
  if (value != NULL)
    wm_foreign_add_attr (foreign, self->prefix, self->name, value);
}

static void
set_value (WmEvidenceCommand *self,
           const char        *value)
{
  set_attr (self, value);
  if (WM_IS_CARD (self->item))
    wm_card_touch (WM_CARD (self->item));
}

/* The declaration is part of the step, so that undoing the first
 * evidence a map gets gives back its exact bytes. */
static void
undeclare (WmEvidenceCommand *self)
{
  GPtrArray *namespaces = wm_document_get_namespaces (self->document);

  for (guint i = 0; i + 1 < namespaces->len; i += 2)
    if (g_str_equal (g_ptr_array_index (namespaces, i), self->prefix) &&
        g_str_equal (g_ptr_array_index (namespaces, i + 1), WM_EVIDENCE_NAMESPACE))
      {
        g_ptr_array_remove_range (namespaces, i, 2);
        return;
      }
}

static void
wm_evidence_command_apply (WmCommand *command)
{
  WmEvidenceCommand *self = WM_EVIDENCE_COMMAND (command);

  if (self->declares)
    wm_document_add_namespace (self->document, self->prefix, WM_EVIDENCE_NAMESPACE);
  if (self->item != NULL)
    set_value (self, self->new_value);
}

static void
wm_evidence_command_revert (WmCommand *command)
{
  WmEvidenceCommand *self = WM_EVIDENCE_COMMAND (command);

  if (self->item != NULL)
    set_value (self, self->old_value);
  if (self->declares)
    undeclare (self);
}

static void
wm_evidence_command_finalize (GObject *object)
{
  WmEvidenceCommand *self = WM_EVIDENCE_COMMAND (object);

  g_clear_object (&self->document);
  g_clear_object (&self->item);
  g_free (self->prefix);
  g_free (self->name);
  g_free (self->old_value);
  g_free (self->new_value);
  G_OBJECT_CLASS (wm_evidence_command_parent_class)->finalize (object);
}

static void
wm_evidence_command_class_init (WmEvidenceCommandClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  WmCommandClass *command_class = WM_COMMAND_CLASS (klass);

  object_class->finalize = wm_evidence_command_finalize;
  command_class->apply = wm_evidence_command_apply;
  command_class->revert = wm_evidence_command_revert;
}

static void
wm_evidence_command_init (WmEvidenceCommand *self)
{
}

/* "ev", or "ev2"… if another tool took "ev", as the importer does. */
static char *
free_prefix (WmDocument *document)
{
  GPtrArray *namespaces = wm_document_get_namespaces (document);

  for (guint n = 1;; n++)
    {
      g_autofree char *prefix = n == 1 ? g_strdup ("ev") : g_strdup_printf ("ev%u", n);
      gboolean taken = FALSE;

      for (guint i = 0; i + 1 < namespaces->len && !taken; i += 2)
        taken = g_str_equal (g_ptr_array_index (namespaces, i), prefix);
      if (!taken)
        return g_steal_pointer (&prefix);
    }
}

static WmEvidenceCommand *
command_new (WmDocument *document)
{
  WmEvidenceCommand *self = g_object_new (WM_TYPE_EVIDENCE_COMMAND, NULL);
  const char *prefix = wm_evidence_prefix (document);

  self->document = g_object_ref (document);
  self->declares = prefix == NULL;
  self->prefix = prefix != NULL ? g_strdup (prefix) : free_prefix (document);
  return self;
}

WmCommand *
wm_evidence_command_new (WmDocument *document,
                         WmItem     *item,
                         const char *name,
                         const char *value)
{
  WmEvidenceCommand *self;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (WM_IS_ITEM (item), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = command_new (document);
  self->item = g_object_ref (item);
  self->name = g_strdup (name);
  self->old_value = g_strdup (attr_value (item, self->prefix, name));
  self->new_value = g_strdup (value);
  return WM_COMMAND (self);
}

WmCommand *
wm_evidence_assume (WmDocument *document,
                    GPtrArray  *cards,
                    WmCommand  *insert)
{
  WmCommand *declare;
  WmCommand *group;
  g_autofree char *prefix = NULL;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), insert);

  if (insert == NULL || cards == NULL || cards->len == 0)
    return insert;
  declare = wm_evidence_declare_command_new (document);
  prefix = g_strdup (declare != NULL ? WM_EVIDENCE_COMMAND (declare)->prefix : wm_evidence_prefix (document));
  for (guint i = 0; i < cards->len; i++)
    {
      WmItem *card = g_ptr_array_index (cards, i);

      if (attr_value (card, prefix, "basis") == NULL)
        wm_foreign_add_attr (wm_item_get_foreign (card), prefix, "basis",
                             basis_names[WM_EVIDENCE_ASSUMPTION]);
    }
  if (declare == NULL)
    return insert;
  group = wm_group_command_new (wm_command_get_label (insert));
  wm_group_command_add (WM_GROUP_COMMAND (group), declare);
  wm_group_command_add (WM_GROUP_COMMAND (group), insert);
  return group;
}

WmCommand *
wm_evidence_declare_command_new (WmDocument *document)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  if (wm_evidence_prefix (document) != NULL)
    return NULL;
  return WM_COMMAND (command_new (document));
}
