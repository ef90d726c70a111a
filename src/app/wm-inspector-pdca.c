/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-evidence.h"
#include "wm-inspector-pdca.h"

/* What the rows edit; owned by the group. */
typedef struct
{
  WmHistory   *history;
  WmCard      *card;
  AdwComboRow *status_row;
  AdwEntryRow *due_row;
  gboolean     updating;
} Pdca;

static void
pdca_free (Pdca *pdca)
{
  g_clear_object (&pdca->history);
  g_clear_object (&pdca->card);
  g_free (pdca);
}

static void
push (Pdca       *pdca,
      const char *name,
      const char *value)
{
  WmDocument *document = wm_history_get_document (pdca->history);

  if (g_strcmp0 (wm_evidence_get (document, WM_ITEM (pdca->card), name), value) == 0)
    return;
  wm_history_push (pdca->history,
                   wm_evidence_command_new (document, WM_ITEM (pdca->card), name, value));
}

static void
status_selected_cb (AdwComboRow *row,
                    GParamSpec  *pspec,
                    Pdca        *pdca)
{
  if (!pdca->updating)
    push (pdca, "status", wm_evidence_status_name (adw_combo_row_get_selected (row)));
}

static void
due_apply_cb (AdwEntryRow *row,
              Pdca        *pdca)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  gboolean valid = text[0] == '\0' || wm_evidence_due_is_valid (text);

  if (pdca->updating)
    return;
  /* The reader would refuse the map: keep the typing, say so, save nothing. */
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  if (valid)
    push (pdca, "due", text[0] != '\0' ? text : NULL);
}

/* Undo, redo or another view changed the card. */
static void
refresh (Pdca *pdca)
{
  WmDocument *document = wm_history_get_document (pdca->history);
  const char *due = wm_evidence_get (document, WM_ITEM (pdca->card), "due");

  pdca->updating = TRUE;
  adw_combo_row_set_selected (pdca->status_row, wm_evidence_get_status (document, WM_ITEM (pdca->card)));
  gtk_editable_set_text (GTK_EDITABLE (pdca->due_row), due != NULL ? due : "");
  gtk_widget_remove_css_class (GTK_WIDGET (pdca->due_row), "error");
  pdca->updating = FALSE;
}

static void
document_changed_cb (GtkWidget *group)
{
  refresh (g_object_get_data (G_OBJECT (group), "wm-pdca"));
}

void
wm_inspector_add_pdca (AdwPreferencesPage *page,
                       WmHistory          *history,
                       WmCard             *card)
{
  GtkWidget *group = adw_preferences_group_new ();
  const char * const statuses[] = {
    /* Translators: a PDCA status: the opportunity is not in the loop yet */
    _("None"),
    /* Translators: PDCA (plan–do–check–act) statuses of an opportunity */
    _("Plan"), _("Do"), _("Check"), _("Act"), _("Done"), NULL
  };
  g_autoptr(GtkStringList) model = gtk_string_list_new (statuses);
  Pdca *pdca = g_new0 (Pdca, 1);

  pdca->history = g_object_ref (history);
  pdca->card = g_object_ref (card);
  g_object_set_data_full (G_OBJECT (group), "wm-pdca", pdca, (GDestroyNotify) pdca_free);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("PDCA"));

  pdca->status_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (pdca->status_row), _("Status"));
  adw_combo_row_set_model (pdca->status_row, G_LIST_MODEL (model));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (pdca->status_row));

  pdca->due_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  /* Translators: the date format is fixed; keep YYYY-MM-DD as it is */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (pdca->due_row), _("Due Date (YYYY-MM-DD)"));
  adw_entry_row_set_show_apply_button (pdca->due_row, TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (pdca->due_row));

  refresh (pdca);
  g_signal_connect (pdca->status_row, "notify::selected", G_CALLBACK (status_selected_cb), pdca);
  g_signal_connect (pdca->due_row, "apply", G_CALLBACK (due_apply_cb), pdca);
  g_signal_connect_object (wm_history_get_document (history), "changed",
                           G_CALLBACK (document_changed_cb), group, G_CONNECT_SWAPPED);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));
}
