/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-evidence.h"
#include "wm-inspector-evidence.h"
#include "wm-ui-text.h"

/* What the rows edit; owned by the group. */
typedef struct
{
  WmHistory   *history;
  WmCard      *card;
  AdwComboRow *basis_row;
  AdwEntryRow *source_row;
  gboolean     updating;
} Evidence;

static void
evidence_free (Evidence *evidence)
{
  g_clear_object (&evidence->history);
  g_clear_object (&evidence->card);
  g_free (evidence);
}

static WmDocument *
document_of (Evidence *evidence)
{
  return wm_history_get_document (evidence->history);
}

static void
push (Evidence   *evidence,
      const char *name,
      const char *value)
{
  WmDocument *document = document_of (evidence);

  if (g_strcmp0 (wm_evidence_get (document, WM_ITEM (evidence->card), name), value) == 0)
    return;
  wm_history_push (evidence->history,
                   wm_evidence_command_new (document, WM_ITEM (evidence->card), name, value));
}

static void
basis_selected_cb (AdwComboRow *row,
                   GParamSpec  *pspec,
                   Evidence    *evidence)
{
  if (!evidence->updating)
    push (evidence, "basis", wm_evidence_basis_name (adw_combo_row_get_selected (row)));
}

static void
source_apply_cb (AdwEntryRow *row,
                 Evidence    *evidence)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (!evidence->updating)
    push (evidence, "source", text[0] != '\0' ? text : NULL);
}

/* Undo, redo or another view changed the card. */
static void
refresh (Evidence *evidence)
{
  WmDocument *document = document_of (evidence);
  const char *source = wm_evidence_get (document, WM_ITEM (evidence->card), "source");

  evidence->updating = TRUE;
  adw_combo_row_set_selected (evidence->basis_row,
                              wm_evidence_get_basis (document, WM_ITEM (evidence->card)));
  if (wm_ui_text_editable (source))
    {
      gtk_widget_set_sensitive (GTK_WIDGET (evidence->source_row), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (evidence->source_row), source ? source : "");
    }
  else
    {
      g_autofree char *shown = wm_ui_text (source);

      /* Too long to edit here: shown clipped, not truncated by an edit. */
      gtk_widget_set_sensitive (GTK_WIDGET (evidence->source_row), FALSE);
      gtk_editable_set_text (GTK_EDITABLE (evidence->source_row), shown);
    }
  evidence->updating = FALSE;
}

static void
document_changed_cb (GtkWidget *group)
{
  refresh (g_object_get_data (G_OBJECT (group), "wm-evidence"));
}

static void
add_quotes (AdwPreferencesGroup *group,
            GPtrArray           *quotes)
{
  GtkWidget *expander = adw_expander_row_new ();
  g_autofree char *title = g_strdup_printf (ngettext ("%u Quote", "%u Quotes", quotes->len),
                                            quotes->len);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  for (guint i = 0; i < quotes->len; i++)
    {
      GtkWidget *label = wm_ui_block_label_new (g_ptr_array_index (quotes, i));

      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 8);
      gtk_widget_set_margin_bottom (label, 8);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), label);
    }
  adw_preferences_group_add (group, expander);
}

void
wm_inspector_add_evidence (AdwPreferencesPage *page,
                           WmHistory          *history,
                           WmCard             *card)
{
  GtkWidget *group = adw_preferences_group_new ();
  const char * const bases[] = { _("None"), _("Assumption"), _("Anecdote"), _("Data"), NULL };
  g_autoptr(GtkStringList) model = gtk_string_list_new (bases);
  g_autoptr(GPtrArray) quotes = wm_evidence_dup_quotes (wm_history_get_document (history),
                                                        WM_ITEM (card));
  Evidence *evidence = g_new0 (Evidence, 1);

  evidence->history = g_object_ref (history);
  evidence->card = g_object_ref (card);
  g_object_set_data_full (G_OBJECT (group), "wm-evidence", evidence, (GDestroyNotify) evidence_free);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Evidence"));

  evidence->basis_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (evidence->basis_row), _("Basis"));
  adw_combo_row_set_model (evidence->basis_row, G_LIST_MODEL (model));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (evidence->basis_row));

  evidence->source_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (evidence->source_row), _("Source"));
  adw_entry_row_set_show_apply_button (evidence->source_row, TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (evidence->source_row));
  if (quotes->len > 0)
    add_quotes (ADW_PREFERENCES_GROUP (group), quotes);

  refresh (evidence);
  g_signal_connect (evidence->basis_row, "notify::selected", G_CALLBACK (basis_selected_cb), evidence);
  g_signal_connect (evidence->source_row, "apply", G_CALLBACK (source_apply_cb), evidence);
  g_signal_connect_object (wm_history_get_document (history), "changed",
                           G_CALLBACK (document_changed_cb), group, G_CONNECT_SWAPPED);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));
}
