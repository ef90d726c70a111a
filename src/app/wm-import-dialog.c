/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-import-dialog.c - File ▸ Import…: choose, preview, open or merge */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-convert.h"
#include "wm-edits.h"
#include "wm-import-dialog.h"
#include "wm-import-merge.h"
#include "wm-lane.h"
#include "wm-reader-guard.h"

/* The preview lists at most this many warnings; the rest are counted. */
#define MAX_SHOWN_WARNINGS 8

static guint
count_cards (WmDocument *document)
{
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (document));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(WmLane) lane = g_list_model_get_item (lanes, i);

      n += g_list_model_get_n_items (G_LIST_MODEL (wm_lane_get_cards (lane)));
    }
  return n;
}

static char *
describe (WmDocument *document,
          GPtrArray  *warnings)
{
  guint n_stages = g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (document)));
  guint n_personas = g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_personas (document)));
  guint n_cards = count_cards (document);
  g_autofree char *stages = g_strdup_printf (ngettext ("%u stage", "%u stages", n_stages), n_stages);
  g_autofree char *cards = g_strdup_printf (ngettext ("%u card", "%u cards", n_cards), n_cards);
  g_autofree char *personas = g_strdup_printf (ngettext ("%u persona", "%u personas", n_personas), n_personas);
  GString *body = g_string_new (NULL);

  /* Three counts in one sentence: each is its own plural. */
  g_string_append_printf (body, _("“%s”: %s, %s, %s."), wm_document_get_title (document),
                          stages, cards, personas);
  for (guint i = 0; i < MIN (warnings->len, MAX_SHOWN_WARNINGS); i++)
    g_string_append_printf (body, "\n• %s", (const char *) g_ptr_array_index (warnings, i));
  if (warnings->len > MAX_SHOWN_WARNINGS)
    g_string_append_printf (body, "\n• %s", _("and more warnings"));
  return g_string_free (body, FALSE);
}

static void
open_in_new_window (WmWindow   *window,
                    WmDocument *imported)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (window));
  WmWindow *other = wm_window_new (application);
  WmDocument *document = wm_window_get_document (other);

  /* An undoable, unsaved step in the new window: closing it asks. */
  wm_history_push (wm_window_get_history (other),
                   wm_edit_replace_content (document, imported, _("Import")));
  gtk_window_present (GTK_WINDOW (other));
}

static void
merge_into (WmWindow   *window,
            WmDocument *imported)
{
  WmDocument *document = wm_window_get_document (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) merged = wm_import_merge (document, imported, &error);
  g_autofree char *title = NULL;

  if (merged == NULL)
    {
      title = g_markup_escape_text (error->message, -1);
      wm_window_add_toast (window, adw_toast_new (title));
      return;
    }
  wm_history_push (wm_window_get_history (window),
                   wm_edit_replace_content (document, merged, _("Import")));
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             WmWindow         *window)
{
  WmDocument *imported = g_object_get_data (G_OBJECT (dialog), "imported");

  if (g_str_equal (response, "new"))
    open_in_new_window (window, imported);
  else if (g_str_equal (response, "merge"))
    merge_into (window, imported);
}

static GtkWindow *
show_error (WmWindow     *window,
            const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Could Not Import the File"),
                                              error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  return NULL;
}

GtkWindow *
wm_import_dialog_preview (WmWindow *window,
                          GFile    *file)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) imported = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *body = NULL;
  g_autofree char *heading = NULL;
  g_autoptr(GBytes) bytes = wm_reader_read_file (file, &name, &error);
  GtkWidget *dialog;

  g_return_val_if_fail (WM_IS_WINDOW (window), NULL);

  /* The file's own name, in the heading and the "NAME:LINE:" warnings. */
  g_free (name);
  name = g_file_get_basename (file);
  if (bytes != NULL)
    imported = wm_import_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                               path != NULL ? path : name, name, warnings, &error);
  if (imported == NULL)
    return show_error (window, error);

  heading = g_strdup_printf (_("Import “%s”"), name);
  body = describe (imported, warnings);
  dialog = adw_message_dialog_new (GTK_WINDOW (window), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "merge", _("_Merge into This Map"),
                                    "new", _("Open in _New Window"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "new");
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "new",
                                              ADW_RESPONSE_SUGGESTED);
  g_object_set_data_full (G_OBJECT (dialog), "imported", g_steal_pointer (&imported), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (response_cb), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     WmWindow        *window)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    wm_import_dialog_preview (window, file);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static GtkFileFilter *
import_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  const char * const patterns[] = { "*.mmd", "*.mermaid", "*.md", "*.markdown", "*.json", "*.csv" };

  gtk_file_filter_set_name (filter, _("Mermaid, JSON and CSV"));
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  return filter;
}

void
wm_import_dialog_choose (WmWindow *window)
{
  g_autoptr(GtkFileFilter) filter = import_filter ();
  GtkFileChooserNative *chooser;

  g_return_if_fail (WM_IS_WINDOW (window));

  chooser = gtk_file_chooser_native_new (_("Import"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), window, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
