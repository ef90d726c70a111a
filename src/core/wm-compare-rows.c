/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-compare-rows.c - a comparison's changes as rows a person reads */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wm-card.h"
#include "wm-compare.h"
#include "wm-lane.h"
#include "wm-layout.h"
#include "wm-moment.h"
#include "wm-persona.h"
#include "wm-stage.h"

/* What a row quotes of the map: one line, short. */
#define QUOTE_CHARS 60

static void
row_free (gpointer data)
{
  WmCompareRow *row = data;

  g_free (row->text);
  g_free (row);
}

static void
add_row (GPtrArray        *rows,
         WmCompareRowKind  kind,
         GObject          *item,
         char             *text)
{
  WmCompareRow *row = g_new0 (WmCompareRow, 1);

  row->kind = kind;
  row->item = item;
  row->text = text;
  g_ptr_array_add (rows, row);
}

static GObject *
find_item (WmDocument *document,
           const char *item,
           const char *id)
{
  if (g_str_equal (item, "card"))
    return G_OBJECT (wm_document_find_card (document, id, NULL));
  if (g_str_equal (item, "stage"))
    return G_OBJECT (wm_document_find_stage (document, id));
  if (g_str_equal (item, "lane"))
    return G_OBJECT (wm_document_find_lane (document, id));
  if (g_str_equal (item, "persona"))
    return G_OBJECT (wm_document_find_persona (document, id));
  if (g_str_equal (item, "moment"))
    return G_OBJECT (wm_document_find_moment (document, id));
  return NULL;
}

static const char *
text_of (GObject *item)
{
  if (WM_IS_CARD (item))
    return wm_card_get_text (WM_CARD (item));
  if (WM_IS_STAGE (item))
    return wm_stage_get_title (WM_STAGE (item));
  if (WM_IS_LANE (item))
    return wm_lane_get_title (WM_LANE (item));
  if (WM_IS_PERSONA (item))
    return wm_persona_get_name (WM_PERSONA (item));
  if (WM_IS_MOMENT (item))
    return wm_moment_get_text (WM_MOMENT (item));
  return NULL;
}

static const char *
item_name (const char *item)
{
  if (g_str_equal (item, "card"))
    return _("Card");
  if (g_str_equal (item, "stage"))
    return _("Stage");
  if (g_str_equal (item, "lane"))
    return _("Lane");
  if (g_str_equal (item, "persona"))
    return _("Persona");
  if (g_str_equal (item, "moment"))
    return _("Moment");
  return _("Map");
}

/* The map's text quoted: clipped, or its id when it has none. */
static char *
quote (const char *text,
       const char *id)
{
  if (text == NULL || *text == '\0')
    return g_strdup (id);
  return wm_layout_dup_clipped_text (text, QUOTE_CHARS, 1);
}

static char *
attribute_names (JsonObject *change)
{
  JsonArray *attributes = json_object_get_array_member (change, "attributes");
  GString *names = g_string_new (NULL);

  for (guint i = 0; attributes != NULL && i < json_array_get_length (attributes); i++)
    {
      if (i > 0)
        g_string_append (names, _(", "));
      g_string_append (names, json_object_get_string_member (json_array_get_object_element (attributes, i), "name"));
    }
  return g_string_free (names, FALSE);
}

static void
add_change (GPtrArray  *rows,
            WmDocument *after,
            JsonObject *change)
{
  const char *item = json_object_get_string_member (change, "item");
  const char *id = json_object_get_string_member (change, "id");
  const char *kind = json_object_get_string_member (change, "change");
  GObject *found = find_item (after, item, id);
  const char *text = found != NULL ? text_of (found) : json_object_get_string_member_with_default (change, "text", NULL);
  g_autofree char *quoted = quote (text, id);
  g_autofree char *names = NULL;

  if (g_str_equal (kind, "added"))
    /* TRANSLATORS: "Card added: “its text”" */
    add_row (rows, WM_COMPARE_ROW_ADDED, found, g_strdup_printf (_("%s added: “%s”"), item_name (item), quoted));
  else if (g_str_equal (kind, "removed"))
    add_row (rows, WM_COMPARE_ROW_REMOVED, NULL, g_strdup_printf (_("%s removed: “%s”"), item_name (item), quoted));
  else if (g_str_equal (kind, "moved"))
    add_row (rows, WM_COMPARE_ROW_MOVED, found, g_strdup_printf (_("%s moved: “%s”"), item_name (item), quoted));
  else if (g_str_equal (kind, "reordered"))
    add_row (rows, WM_COMPARE_ROW_REORDERED, found,
             *id == '\0' ? g_strdup_printf (_("%s: new order"), item_name (item))
                         : g_strdup_printf (_("%s “%s”: new order"), item_name (item), quoted));
  else if (*id == '\0')
    {
      names = attribute_names (change);
      add_row (rows, WM_COMPARE_ROW_CHANGED, NULL, g_strdup_printf (_("%s changed (%s)"), item_name (item), names));
    }
  else
    {
      names = attribute_names (change);
      /* TRANSLATORS: "Card changed: “its text” (severity, text)" */
      add_row (rows, WM_COMPARE_ROW_CHANGED, found,
               g_strdup_printf (_("%s changed: “%s” (%s)"), item_name (item), quoted, names));
    }
}

static char *
number (JsonObject *object,
        const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("–");
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g", json_node_get_double (node)));
}

static char *
stage_title (WmDocument *after,
             WmDocument *before,
             const char *id)
{
  WmStage *stage = wm_document_find_stage (after, id);

  if (stage == NULL)
    stage = wm_document_find_stage (before, id);
  return quote (stage != NULL ? wm_stage_get_title (stage) : NULL, id);
}

static void
add_curves (GPtrArray  *rows,
            WmCompare  *self,
            JsonArray  *curves)
{
  for (guint i = 0; i < json_array_get_length (curves); i++)
    {
      JsonObject *c = json_array_get_object_element (curves, i);
      const char *id = json_object_get_string_member (c, "persona");
      WmPersona *persona = wm_document_find_persona (wm_compare_get_after (self), id);
      g_autofree char *who = quote (persona != NULL ? wm_persona_get_name (persona) : NULL, id);
      g_autofree char *where = stage_title (wm_compare_get_after (self), wm_compare_get_before (self),
                                            json_object_get_string_member (c, "stage"));
      g_autofree char *b = number (c, "before"), *a = number (c, "after");

      /* TRANSLATORS: "Emotion of “persona” at “stage”: -0.5 → 1" */
      add_row (rows, WM_COMPARE_ROW_CURVE, G_OBJECT (wm_document_find_stage (wm_compare_get_after (self),
                                                                            json_object_get_string_member (c, "stage"))),
               g_strdup_printf (_("Emotion of “%s” at “%s”: %s → %s"), who, where, b, a));
    }
}

static void
add_metrics (GPtrArray  *rows,
             WmCompare  *self,
             JsonArray  *metrics)
{
  for (guint i = 0; i < json_array_get_length (metrics); i++)
    {
      JsonObject *m = json_array_get_object_element (metrics, i);
      const char *verdict = json_object_get_string_member (m, "verdict");
      const char *stage = json_object_get_string_member (m, "stage");
      g_autofree char *where = stage_title (wm_compare_get_after (self), wm_compare_get_before (self), stage);
      g_autofree char *kind = g_ascii_strup (json_object_get_string_member (m, "kind"), -1);
      g_autofree char *b = number (m, "before"), *a = number (m, "after");
      GObject *item = G_OBJECT (wm_document_find_stage (wm_compare_get_after (self), stage));

      if (g_str_equal (verdict, "better"))
        /* TRANSLATORS: "NPS at “stage”: 10 → 20, better" */
        add_row (rows, WM_COMPARE_ROW_BETTER, item, g_strdup_printf (_("%s at “%s”: %s → %s, better"), kind, where, b, a));
      else if (g_str_equal (verdict, "worse"))
        add_row (rows, WM_COMPARE_ROW_WORSE, item, g_strdup_printf (_("%s at “%s”: %s → %s, worse"), kind, where, b, a));
      else
        add_row (rows, WM_COMPARE_ROW_METRIC, item, g_strdup_printf (_("%s at “%s”: %s → %s"), kind, where, b, a));
    }
}

static void
add_pains (GPtrArray  *rows,
           WmCompare  *self,
           JsonArray  *pains)
{
  for (guint i = 0; i < json_array_get_length (pains); i++)
    {
      JsonObject *p = json_array_get_object_element (pains, i);
      const char *id = json_object_get_string_member (p, "id");
      WmCard *card = wm_document_find_card (wm_compare_get_after (self), id, NULL);
      g_autofree char *quoted = quote (card != NULL ? wm_card_get_text (card) : NULL, id);
      g_autofree char *b = number (p, "before"), *a = number (p, "after"), *percent = number (p, "percent");

      /* TRANSLATORS: "Pain “text”: frequency 20 → 23 (15 %)" */
      add_row (rows, WM_COMPARE_ROW_PAIN, G_OBJECT (card),
               g_strdup_printf (_("Pain “%s”: frequency %s → %s (%s %%)"), quoted, b, a, percent));
    }
}

GPtrArray *
wm_compare_get_rows (WmCompare *self)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (row_free);
  JsonNode *diff;
  JsonObject *root;
  JsonArray *changes;

  g_return_val_if_fail (WM_IS_COMPARE (self), rows);

  diff = wm_compare_get_diff (self);
  if (diff == NULL)
    return rows;
  root = json_node_get_object (diff);
  changes = json_object_get_array_member (root, "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    add_change (rows, wm_compare_get_after (self), json_array_get_object_element (changes, i));
  add_curves (rows, self, json_object_get_array_member (root, "curves"));
  add_metrics (rows, self, json_object_get_array_member (root, "metrics"));
  add_pains (rows, self, json_object_get_array_member (root, "pains"));
  return rows;
}
