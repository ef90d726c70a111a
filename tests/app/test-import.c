/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-import.c - File ▸ Import…, Copy as Mermaid, a Mermaid paste and
 * the export dialog's text formats, driven under Xvfb */

#include <string.h>

#include <adwaita.h>

#include "app-test-util.h"
#include "wm-export-dialog.h"
#include "wm-import-dialog.h"
#include "wm-outline.h"
#include "wm-window.h"

static char *tmp_dir;

static const char *const diagram =
  "journey\n"
  "    title Weekend\n"
  "    section Plan\n"
  "      Pick a site: 4: Me, Friend\n"
  "    section Go\n"
  "      Drive: 2: Me\n"
  "      Odd score: 9: Me\n";

static char *
tmp_file (const char *name,
          const char *text)
{
  char *path = g_build_filename (tmp_dir, name, NULL);

  if (text != NULL)
    g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static guint
n_stages (WmWindow *window)
{
  return g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (wm_window_get_document (window))));
}

static WmWindow *
camping_window (void)
{
  g_autoptr(GError) error = NULL;
  WmWindow *window = wm_window_new_from_template (NULL, "camping", &error);

  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  spin_a_little ();
  return window;
}

/* The preview counts what the file holds and shows the warnings; Merge
 * adds its stages as one step that one undo takes back. */
static void
test_merge (void)
{
  g_autofree char *path = tmp_file ("weekend.mmd", diagram);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  WmWindow *window = camping_window ();
  guint before = n_stages (window);
  GtkWindow *dialog = wm_import_dialog_preview (window, file);
  const char *body;

  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, "2 stages, 3 cards, 2 personas"));
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                                   "Import “weekend.mmd”"));
  g_assert_nonnull (strstr (body, "\n• weekend.mmd:7: "));
  test_save_widget_shot (GTK_WIDGET (dialog), "import-preview.png");

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "merge");
  spin_a_little ();
  g_assert_cmpuint (n_stages (window), ==, before + 2);
  g_assert_true (wm_window_get_modified (window));
  test_save_widget_shot (GTK_WIDGET (window), "import-merged.png");
  g_assert_true (wm_history_undo (wm_window_get_history (window)));
  g_assert_cmpuint (n_stages (window), ==, before);
  wm_window_close_discarding (window);
  spin_a_little ();
}

/* A CSV's and a JSON's warnings show in the preview too. */
static void
test_csv_json_warnings (void)
{
  g_autofree char *csv = tmp_file ("hand.csv", "stage,text,priority\nS,a,high\nT,b,low,extra\n");
  g_autofree char *json = tmp_file ("odd.json",
                                    "{\"element\": \"map\",\n"
                                    " \"attributes\": {\"xmlns\": \"urn:waymark:map:1\", \"format\": \"1\"},\n"
                                    " \"children\": [{\"element\": \"title\", \"text\": \"T\", \"note\": 1}]}\n");
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
  g_autoptr(GFile) json_file = g_file_new_for_path (json);
  WmWindow *window = camping_window ();
  GtkWindow *dialog = wm_import_dialog_preview (window, csv_file);
  const char *body;

  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, "2 stages, 2 cards"));
  g_assert_nonnull (strstr (body, "\n• hand.csv:1: column 3, “priority”"));
  g_assert_nonnull (strstr (body, "\n• hand.csv:3: "));
  test_save_widget_shot (GTK_WIDGET (dialog), "import-csv-warnings.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  spin_a_little ();

  dialog = wm_import_dialog_preview (window, json_file);
  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, "\n• odd.json:3: “note”"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  spin_a_little ();
  wm_window_close_discarding (window);
  spin_a_little ();
}

static gboolean
has_window_with_stages (gpointer data)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (WM_IS_WINDOW (l->data) && l->data != data && n_stages (l->data) == 2)
      return TRUE;
  return FALSE;
}

/* JSON opens in a new window; a file that is not a map says why. */
static void
test_new_window (void)
{
  g_autofree char *path = tmp_file ("bad.json", "{\"element\": \"map\",\n \"text\": 3}");
  g_autofree char *mmd = tmp_file ("weekend.mmd", diagram);
  g_autoptr(GFile) bad = g_file_new_for_path (path);
  g_autoptr(GFile) good = g_file_new_for_path (mmd);
  WmWindow *window = camping_window ();
  GtkWindow *dialog;
  g_autoptr(GList) windows = NULL;

  g_assert_null (wm_import_dialog_preview (window, bad));
  spin_a_little ();
  dialog = wm_import_dialog_preview (window, good);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "new");
  g_assert_true (spin_until (has_window_with_stages, window, 10000));
  windows = gtk_window_list_toplevels ();
  for (GList *l = windows; l != NULL; l = l->next)
    if (WM_IS_WINDOW (l->data))
      wm_window_close_discarding (l->data);
    else
      gtk_window_destroy (l->data);
  spin_a_little ();
}

typedef struct
{
  WmWindow *window;
  guint     n;
} StageCount;

static gboolean
stages_are (gpointer data)
{
  StageCount *count = data;

  return n_stages (count->window) == count->n;
}

static void
text_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  char **text = data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
is_set (gpointer data)
{
  return *(char **) data != NULL;
}

/* Copy as Mermaid, then paste it back: the map's stages again, one step. */
static void
test_copy_paste_mermaid (void)
{
  WmWindow *window = camping_window ();
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  StageCount count = { window, 0 };
  guint before = n_stages (window);
  g_autofree char *text = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.copy-mermaid", NULL));
  gdk_clipboard_read_text_async (clipboard, NULL, text_read_cb, &text);
  g_assert_true (spin_until (is_set, &text, 10000));
  g_assert_true (g_str_has_prefix (text, "journey\n"));

  gdk_clipboard_set_text (clipboard, text);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wm_window_get_canvas (window)), "canvas.paste", NULL));
  count.n = 2 * before;
  g_assert_true (spin_until (stages_are, &count, 10000));
  g_assert_true (wm_history_undo (wm_window_get_history (window)));
  g_assert_cmpuint (n_stages (window), ==, before);
  wm_window_close_discarding (window);
  spin_a_little ();
}

static gboolean
canvas_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (GTK_WIDGET (wm_window_get_canvas (data)));
}

/* Mermaid pasted into the outline joins the map as on the canvas: its
 * sections are stages, in one step that one undo takes back. */
static void
test_outline_paste_mermaid (void)
{
  WmWindow *window = camping_window ();
  WmOutline *outline = wm_window_get_outline (window);
  StageCount count = { window, n_stages (window) + 2 };
  guint before = n_stages (window);
  g_autoptr(WmStage) first = g_list_model_get_item (G_LIST_MODEL (wm_document_get_stages (wm_window_get_document (window))), 0);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-outline", NULL);
  g_assert_true (spin_until (canvas_unmapped, window, 10000));
  wm_outline_set_selection (outline, G_OBJECT (first));
  gtk_widget_grab_focus (GTK_WIDGET (outline));
  spin_a_little ();

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), diagram);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (outline), "outline.paste", NULL));
  g_assert_true (spin_until (stages_are, &count, 10000));
  g_assert_true (wm_window_get_modified (window));
  g_assert_true (wm_history_undo (wm_window_get_history (window)));
  g_assert_cmpuint (n_stages (window), ==, before);
  g_assert_false (wm_history_get_can_undo (wm_window_get_history (window)));
  wm_window_close_discarding (window);
  spin_a_little ();
}

static gboolean
is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The export dialog writes JSON that imports back to the same map. */
static void
test_export_json (void)
{
  g_autofree char *path = tmp_file ("camping.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  WmWindow *window = camping_window ();
  GtkWindow *dialog = wm_export_dialog_new (window);
  g_autoptr(GtkWidget) format = NULL;
  g_autofree char *json = NULL;
  WmTextFormat text_format;

  gtk_window_present (dialog);
  spin_a_little ();
  g_assert_false (wm_export_dialog_get_text_format (WM_EXPORT_DIALOG (dialog), NULL));
  format = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), WM_TYPE_EXPORT_DIALOG, "format_row"));
  g_object_ref (format);
  adw_combo_row_set_selected (ADW_COMBO_ROW (format), 4);
  g_assert_true (wm_export_dialog_get_text_format (WM_EXPORT_DIALOG (dialog), &text_format));
  g_assert_cmpint (text_format, ==, WM_TEXT_JSON);
  test_save_widget_shot (GTK_WIDGET (dialog), "export-json.png");

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  wm_export_dialog_export_to (WM_EXPORT_DIALOG (dialog), file);
  g_assert_true (spin_until (is_gone, &dialog, 10000));
  g_assert_true (g_file_get_contents (path, &json, NULL, NULL));
  g_assert_true (g_str_has_prefix (json, "{\n  \"element\" : \"map\","));
  wm_window_close_discarding (window);
  spin_a_little ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("waymark-test-import-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  data_home = g_build_filename (tmp_dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("WAYMARK_STATE_DIR", tmp_dir, TRUE);

  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

  g_test_add_func ("/Waymark/Import/merge", test_merge);
  g_test_add_func ("/Waymark/Import/new-window", test_new_window);
  g_test_add_func ("/Waymark/Import/csv-json-warnings", test_csv_json_warnings);
  g_test_add_func ("/Waymark/Import/copy-paste-mermaid", test_copy_paste_mermaid);
  g_test_add_func ("/Waymark/Import/outline-paste-mermaid", test_outline_paste_mermaid);
  g_test_add_func ("/Waymark/Import/export-json", test_export_json);

  return g_test_run ();
}
