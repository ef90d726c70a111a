/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window half of the editor: titles, the modified marker, saving,
 * autosave drafts and recovery, bad files, files changed on disk, the
 * template previews and the export dialog. Needs a display (Xvfb). */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "app-test-util.h"
#include "wm-application.h"
#include "wm-edits.h"
#include "wm-error.h"
#include "wm-export-dialog.h"
#include "wm-reader.h"
#include "wm-session.h"
#include "wm-stage.h"
#include "wm-template-chooser.h"
#include "wm-window.h"
#include "wm-writer.h"

static char *tmp_dir;

static GFile *
tmp_file (const char *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

  g_unlink (path);
  return g_file_new_for_path (path);
}

static GtkWidget *
find_header_bar (GtkWidget *widget)
{
  if (ADW_IS_HEADER_BAR (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_header_bar (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Reads an action's enabled state the way the UI sees it: through an
 * actionable button placed in the window. */
static gboolean
action_enabled (WmWindow   *window,
                const char *action)
{
  GtkWidget *header_bar = find_header_bar (GTK_WIDGET (window));
  GtkWidget *probe = gtk_button_new ();
  gboolean enabled;

  g_assert_nonnull (header_bar);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), action);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header_bar), probe);
  spin_a_little ();
  enabled = gtk_widget_get_sensitive (probe);
  adw_header_bar_remove (ADW_HEADER_BAR (header_bar), probe);
  return enabled;
}

static WmWindow *
new_camping_window (void)
{
  g_autoptr(GError) error = NULL;
  WmWindow *window = wm_window_new_from_template (NULL, "camping", &error);

  g_assert_no_error (error);
  g_assert_nonnull (window);
  gtk_window_present (GTK_WINDOW (window));
  spin_a_little ();
  return window;
}

static void
rename_map (WmWindow   *window,
            const char *title)
{
  wm_history_push (wm_window_get_history (window),
                   wm_edit_set (wm_window_get_document (window), "title", title));
}

static void
test_template_title (void)
{
  WmWindow *window = new_camping_window ();
  const char *map_title = wm_document_get_title (wm_window_get_document (window));

  g_assert_nonnull (map_title);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), map_title));
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "•"));
  g_assert_false (wm_window_get_modified (window));
  /* Never saved: Save is there (it asks for a name). */
  g_assert_true (action_enabled (window, "doc.save"));
  g_assert_true (action_enabled (window, "doc.save-as"));
  g_assert_false (action_enabled (window, "doc.undo"));
  g_assert_null (wm_window_get_file (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void save_window (WmWindow *window,
                         GFile    *file);

static void
test_modified_marker (void)
{
  WmWindow *window = new_camping_window ();
  g_autoptr(GFile) file = tmp_file ("marker.waymark");
  const char *title;

  save_window (window, file);
  g_assert_false (action_enabled (window, "doc.save"));

  rename_map (window, "Renamed Trip");
  spin_a_little ();

  title = gtk_window_get_title (GTK_WINDOW (window));
  g_assert_true (g_str_has_prefix (title, "• "));
  g_assert_nonnull (strstr (title, "Renamed Trip"));
  g_assert_true (wm_window_get_modified (window));
  g_assert_true (action_enabled (window, "doc.save"));
  g_assert_true (action_enabled (window, "doc.undo"));
  g_assert_false (action_enabled (window, "doc.redo"));
  /* The Undo button says what it undoes. */
  g_assert_nonnull (wm_history_get_undo_label (wm_window_get_history (window)));
  {
    g_autofree char *tip = g_strdup_printf ("Undo %s", wm_history_get_undo_label (wm_window_get_history (window)));
    g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (window_child (window, "undo_button"))), ==, tip);
    g_test_message ("undo tooltip: %s", tip);
  }

  /* Undo back to the loaded state: nothing to save any more. */
  gtk_widget_activate_action (GTK_WIDGET (window), "doc.undo", NULL);
  spin_a_little ();
  g_assert_false (wm_window_get_modified (window));
  g_assert_false (action_enabled (window, "doc.save"));
  g_assert_true (action_enabled (window, "doc.redo"));
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "•"));

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  gboolean done;
  gboolean ok;
  GError  *error;
} SaveResult;

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SaveResult *save = user_data;

  save->ok = wm_window_save_to_file_finish (WM_WINDOW (object), result, &save->error);
  save->done = TRUE;
}

static gboolean
save_done (gpointer data)
{
  return ((SaveResult *) data)->done;
}

static void
save_window (WmWindow *window,
             GFile    *file)
{
  SaveResult save = { 0 };

  wm_window_save_to_file_async (window, file, NULL, save_done_cb, &save);
  g_assert_true (spin_until (save_done, &save, 5000));
  g_assert_no_error (save.error);
  g_assert_true (save.ok);
}

static void
test_save (void)
{
  WmWindow *window = new_camping_window ();
  g_autoptr(GFile) file = tmp_file ("saved.waymark");
  g_autofree char *expected = NULL;
  g_autofree char *contents = NULL;
  gsize expected_length, length;

  rename_map (window, "Saved Trip");
  expected = wm_writer_to_string (wm_window_get_document (window), &expected_length);
  save_window (window, file);

  g_assert_true (g_file_load_contents (file, NULL, &contents, &length, NULL, NULL));
  g_assert_cmpmem (contents, length, expected, expected_length);
  g_assert_false (wm_window_get_modified (window));
  g_assert_false (action_enabled (window, "doc.save"));
  g_assert_true (g_file_equal (wm_window_get_file (window), file));
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "•"));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Saved Trip"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
file_exists (gpointer data)
{
  return g_file_query_exists (G_FILE (data), NULL);
}

static gboolean
file_missing (gpointer data)
{
  return !g_file_query_exists (G_FILE (data), NULL);
}

/* @data: { path, text }. */
static gboolean
file_mentions (gpointer data)
{
  const char **path_text = data;
  g_autofree char *contents = NULL;

  return g_file_get_contents (path_text[0], &contents, NULL, NULL) &&
         strstr (contents, path_text[1]) != NULL;
}

static void
test_session_draft (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *state = g_build_filename (tmp_dir, "state-draft", NULL);
  g_autoptr(WmSession) session = wm_session_new (state);
  g_autoptr(GFile) saved = tmp_file ("draft-saved.waymark");
  g_autoptr(GFile) draft = NULL;
  const char *session_path = wm_session_get_session_path (session);
  g_autofree char *ini = NULL;
  WmWindow *window = new_camping_window ();

  g_settings_set_uint (settings, "autosave-delay", 1);
  wm_session_add_document (session, wm_window_get_map_file (window));
  draft = wm_session_get_draft_file (session, wm_window_get_draft_id (window));

  rename_map (window, "Draft Trip");
  g_assert_true (spin_until (file_exists, draft, 5000));
  /* The draft lands in a thread; the session file follows on the main
   * loop once that thread is done. */
  g_assert_true (spin_until (file_mentions, (gpointer) &(const char *[]) {
                               session_path, wm_window_get_draft_id (window) }, 5000));

  g_assert_true (g_file_get_contents (session_path, &ini, NULL, NULL));
  g_assert_nonnull (strstr (ini, "clean-shutdown=false"));
  g_assert_nonnull (strstr (ini, wm_window_get_draft_id (window)));

  /* A real save makes the draft redundant. */
  save_window (window, saved);
  g_assert_true (spin_until (file_missing, draft, 2000));

  gtk_window_destroy (GTK_WINDOW (window));
  wm_session_shutdown (session);
  g_settings_reset (settings, "autosave-delay");
}

static void
test_session_recover (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *state = g_build_filename (tmp_dir, "state-recover", NULL);
  g_autoptr(WmSession) session = wm_session_new (state);
  g_autoptr(WmSession) next_run = NULL;
  g_autoptr(GFile) original = tmp_file ("recover.waymark");
  g_autoptr(GFile) draft = NULL;
  g_autoptr(GFile) stray = NULL;
  g_autoptr(GError) error = NULL;
  WmSessionDraft *found;
  GPtrArray *drafts;
  WmWindow *window = new_camping_window ();
  WmWindow *restored;

  g_settings_set_uint (settings, "autosave-delay", 1);
  save_window (window, original);
  wm_session_add_document (session, wm_window_get_map_file (window));
  draft = wm_session_get_draft_file (session, wm_window_get_draft_id (window));
  rename_map (window, "Unsaved Trip");
  g_assert_true (spin_until (file_exists, draft, 5000));

  g_assert_true (spin_until (file_mentions, (gpointer) &(const char *[]) {
                               wm_session_get_session_path (session), wm_window_get_draft_id (window) }, 5000));

  /* A draft nobody lists is not ours to judge: it is left alone. */
  stray = wm_session_get_draft_file (session, "00000000-0000-4000-8000-000000000000");
  g_assert_true (g_file_replace_contents (stray, "x", 1, NULL, FALSE, G_FILE_CREATE_NONE,
                                          NULL, NULL, NULL));

  /* While this run lives, the next one must not take its drafts. */
  next_run = wm_session_new (state);
  g_assert_cmpuint (wm_session_load (next_run)->len, ==, 0);
  g_clear_object (&next_run);

  /* Simulate the crash (the lock goes with the process): the next run
   * reads what this one left. */
  g_clear_object (&session);
  next_run = wm_session_new (state);
  drafts = wm_session_load (next_run);
  g_assert_true (g_file_query_exists (stray, NULL));
  g_assert_true (g_file_query_exists (draft, NULL));
  g_assert_cmpuint (drafts->len, ==, 1);
  found = g_ptr_array_index (drafts, 0);
  g_assert_cmpstr (found->draft_id, ==, wm_window_get_draft_id (window));
  g_assert_true (g_file_equal (found->original, original));
  g_assert_cmpstr (found->title, ==, "Unsaved Trip");

  restored = wm_window_new (NULL);
  g_assert_true (wm_window_load_draft (restored, found->draft, found->original,
                                       found->draft_id, &error));
  g_assert_no_error (error);
  g_assert_true (wm_window_get_modified (restored));
  g_assert_true (g_file_equal (wm_window_get_file (restored), original));
  g_assert_cmpstr (wm_document_get_title (wm_window_get_document (restored)), ==, "Unsaved Trip");
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (restored)), "•"));
  g_assert_true (action_enabled (restored, "doc.save"));

  gtk_window_destroy (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (restored));

  /* After a clean quit there is nothing to offer. */
  wm_session_discard_recoverable (next_run);
  wm_session_shutdown (next_run);
  g_assert_cmpuint (wm_session_load (next_run)->len, ==, 0);
  g_settings_reset (settings, "autosave-delay");
}

static void
test_open_malformed (void)
{
  g_autoptr(GFile) file = tmp_file ("broken.waymark");
  g_autoptr(GError) error = NULL;
  const char *bad = "<?xml version=\"1.0\"?>\n<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n  <title>Broken</title\n";
  WmWindow *window = wm_window_new (NULL);

  g_assert_true (g_file_replace_contents (file, bad, strlen (bad), NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, NULL));
  g_assert_false (wm_window_open_file (window, file, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "broken.waymark"));
  g_test_message ("error: %s", error->message);

  /* The window is unharmed and still holds its empty map. */
  g_assert_null (wm_window_get_file (window));
  g_assert_false (wm_window_get_modified (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} OpenResult;

static void
open_async_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  OpenResult *r = user_data;

  r->ok = wm_window_open_file_finish (WM_WINDOW (object), result, &r->error);
  r->done = TRUE;
}

static gboolean
open_done (gpointer data)
{
  return ((OpenResult *) data)->done;
}

/* Opening reads in a thread: the window shows a spinner page meanwhile,
 * then the map; a bad file gives the reader's error. */
static void
test_open_async (void)
{
  const char *datadir = g_getenv ("WAYMARK_DATADIR");
  g_autofree char *path = g_build_filename (datadir, "templates", "en", "insurance.waymark", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = tmp_file ("dangling.waymark");
  const char *text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
                     "  <title>Dangling</title>\n"
                     "  <lane id=\"l\" kind=\"pains\">\n"
                     "    <card id=\"c\" stage=\"nowhere\"/>\n"
                     "  </lane>\n"
                     "</map>\n";
  OpenResult r = { 0 };
  WmWindow *window = wm_window_new (NULL);

  wm_window_open_file_async (window, file, NULL, open_async_cb, &r);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_child (window, "content_stack")), ==, "loading");
  g_assert_cmpstr (adw_window_title_get_subtitle (window_child (window, "window_title")), ==, "Opening…");
  g_assert_true (spin_until (open_done, &r, 10000));
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_child (window, "content_stack")), ==, "map");
  g_assert_true (g_file_equal (wm_window_get_file (window), file));
  g_assert_cmpuint (wm_document_count_cards (wm_window_get_document (window)), >, 10);
  g_assert_false (wm_window_get_modified (window));
  gtk_window_destroy (GTK_WINDOW (window));

  g_assert_true (g_file_replace_contents (bad, text, strlen (text), NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, NULL));
  memset (&r, 0, sizeof r);
  window = wm_window_new (NULL);
  wm_window_open_file_async (window, bad, NULL, open_async_cb, &r);
  g_assert_true (spin_until (open_done, &r, 10000));
  g_assert_false (r.ok);
  g_assert_error (r.error, WM_ERROR, WM_ERROR_REFERENCE);
  g_assert_nonnull (strstr (r.error->message, "dangling.waymark:5:"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_child (window, "content_stack")), ==, "map");
  g_clear_error (&r.error);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A map of @n_stages stages, one card in each, written to @name. */
static GFile *
write_stages_map (const char *name,
                  guint       n_stages)
{
  GFile *file = tmp_file (name);
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
                                         "  <title>Stages</title>\n");

  for (guint i = 0; i < n_stages; i++)
    g_string_append_printf (xml, "  <stage id=\"s%u\">\n    <title>Stage %u</title>\n  </stage>\n", i, i);
  g_string_append (xml, "  <lane id=\"l\" kind=\"actions\">\n");
  for (guint i = 0; i < n_stages; i++)
    g_string_append_printf (xml, "    <card id=\"c%u\" stage=\"s%u\">\n      <text>Card %u</text>\n    </card>\n", i, i, i);
  g_string_append (xml, "  </lane>\n</map>\n");
  g_assert_true (g_file_replace_contents (file, xml->str, xml->len, NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, NULL));
  return file;
}

static gboolean
canvas_allocated (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

/* Opens @file as the app does, in a 1200 × 800 window, and returns the
 * zoom it shows; @fit is the zoom that fits the map's width. */
static double
opened_zoom (GFile  *file,
             double *fit)
{
  OpenResult r = { 0 };
  WmWindow *window = wm_window_new (NULL);
  double lw = 0, lh = 0, zoom;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  wm_window_open_file_async (window, file, NULL, open_async_cb, &r);
  g_assert_true (spin_until (open_done, &r, 10000));
  g_assert_no_error (r.error);
  g_assert_true (spin_until (canvas_allocated, wm_window_get_canvas (window), 10000));
  spin_a_little ();

  wm_layout_get_size (wm_canvas_get_layout (wm_window_get_canvas (window)), &lw, &lh);
  *fit = gtk_widget_get_width (GTK_WIDGET (wm_window_get_canvas (window))) / lw;
  zoom = wm_canvas_get_zoom (wm_window_get_canvas (window));
  g_test_message ("map %.0f px wide, canvas %d px: fit %.3f, zoom %.3f", lw,
                  gtk_widget_get_width (GTK_WIDGET (wm_window_get_canvas (window))), *fit, zoom);
  gtk_window_destroy (GTK_WINDOW (window));
  return zoom;
}

/* A map opens as wide as the window if its 10 px card text stays >= 9 px
 * (capped at 150 %), else at 100 %: never at the last window's zoom. */
static void
test_open_zoom_readable (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GFile) wide = write_stages_map ("wide.waymark", 30);
  g_autoptr(GFile) medium = write_stages_map ("medium.waymark", 2);
  double fit, zoom;

  /* What the last window was left at must not matter. */
  g_settings_set_double (settings, "zoom", 0.5);

  zoom = opened_zoom (wide, &fit);
  g_assert_cmpfloat (fit, <, 0.9);
  g_assert_cmpfloat_with_epsilon (zoom, 1.0, 1e-6);

  zoom = opened_zoom (medium, &fit);
  g_assert_cmpfloat (fit, >=, 0.9);
  g_assert_cmpfloat (fit, <=, 1.5);
  g_assert_cmpfloat_with_epsilon (zoom, fit, 0.01);
  g_assert_cmpfloat (zoom, <=, fit);

  g_settings_reset (settings, "zoom");
}

/* A small map in a very wide view stops at 150 %. */
static void
test_zoom_readable_cap (void)
{
  g_autoptr(GFile) file = write_stages_map ("narrow.waymark", 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = wm_reader_load_file (file, &error);
  g_autoptr(WmHistory) history = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *canvas = wm_canvas_new ();
  double lw = 0, lh = 0;

  g_assert_no_error (error);
  history = wm_history_new (document);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), canvas);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_set_default_size (GTK_WINDOW (window), 2400, 800);
  wm_canvas_set_history (WM_CANVAS (canvas), history);
  wm_canvas_zoom_readable (WM_CANVAS (canvas));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (spin_until (canvas_allocated, canvas, 10000));
  spin_a_little ();

  wm_layout_get_size (wm_canvas_get_layout (WM_CANVAS (canvas)), &lw, &lh);
  g_test_message ("map %.0f px wide, canvas %d px", lw, gtk_widget_get_width (canvas));
  g_assert_cmpfloat (gtk_widget_get_width (canvas) / lw, >, 1.5);
  g_assert_cmpfloat_with_epsilon (wm_canvas_get_zoom (WM_CANVAS (canvas)), 1.5, 1e-6);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
changed_on_disk (gpointer data)
{
  return wm_window_get_changed_on_disk (WM_WINDOW (data));
}

static void
test_changed_on_disk (void)
{
  g_autoptr(GFile) file = tmp_file ("outside.waymark");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *changed = NULL;
  WmWindow *window = new_camping_window ();
  WmWindow *reader = wm_window_new (NULL);
  char *at;

  save_window (window, file);
  gtk_window_destroy (GTK_WINDOW (window));

  g_assert_true (wm_window_open_file (reader, file, &error));
  g_assert_no_error (error);
  spin_a_little ();
  g_assert_false (wm_window_get_changed_on_disk (reader));

  /* Another program (git pull) rewrites the title. */
  contents = wm_writer_to_string (wm_window_get_document (reader), NULL);
  at = strstr (contents, "<title>");
  g_assert_nonnull (at);
  changed = g_strdup_printf ("%.*s<title>Pulled Trip</title>%s",
                             (int) (at - contents), contents, strstr (at, "</title>") + 8);
  g_usleep (10000);
  g_assert_true (g_file_set_contents (g_file_peek_path (file), changed, -1, NULL));

  g_assert_true (spin_until (changed_on_disk, reader, 5000));

  g_assert_true (wm_window_reload (reader, &error));
  g_assert_no_error (error);
  g_assert_false (wm_window_get_changed_on_disk (reader));
  g_assert_cmpstr (wm_document_get_title (wm_window_get_document (reader)), ==, "Pulled Trip");

  gtk_window_destroy (GTK_WINDOW (reader));
}

static AdwMessageDialog *
find_dialog_for (GtkWindow *parent)
{
  g_autoptr(GListModel) toplevels = NULL;
  AdwMessageDialog *found = NULL;

  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && !found; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          gtk_window_get_transient_for (GTK_WINDOW (window)) == parent)
        found = ADW_MESSAGE_DIALOG (window);
    }
  return found;
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
test_close_asks (void)
{
  WmWindow *window = new_camping_window ();
  AdwMessageDialog *dialog;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  rename_map (window, "Unsaved Trip");
  gtk_window_close (GTK_WINDOW (window));
  spin_a_little ();

  /* Still there, asking. */
  g_assert_nonnull (window);
  dialog = find_dialog_for (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Unsaved Trip"));

  /* Cancel keeps the window and its changes. As a click does: the
   * answer, then the dialog goes. */
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin_a_little ();
  g_assert_nonnull (window);
  g_assert_true (wm_window_get_modified (window));

  /* Discard closes it for good. */
  gtk_window_close (GTK_WINDOW (window));
  spin_a_little ();
  dialog = find_dialog_for (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  g_assert_true (spin_until (pointer_cleared, &window, 2000));
}

static void
test_close_unmodified (void)
{
  WmWindow *window = new_camping_window ();

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (spin_until (pointer_cleared, &window, 2000));
}

static void
test_template_previews (void)
{
  const char * const *names = wm_template_get_names ();
  GtkWidget *chooser;

  g_assert_cmpstr (names[0], ==, "blank");
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(WmDocument) document = NULL;
      g_autoptr(GError) error = NULL;
      cairo_surface_t *preview;

      document = wm_template_load (names[i], &error);
      g_assert_no_error (error);
      g_assert_nonnull (document);

      preview = wm_template_get_preview (names[i], FALSE);
      g_assert_nonnull (preview);
      g_assert_cmpint (cairo_image_surface_get_width (preview), >, 0);
      /* Cached: the chooser opens instantly the second time. */
      g_assert_true (preview == wm_template_get_preview (names[i], FALSE));
    }

  chooser = wm_template_chooser_new ();
  gtk_window_present (GTK_WINDOW (chooser));
  spin_a_little ();
  g_assert_cmpstr (wm_template_chooser_get_selected (WM_TEMPLATE_CHOOSER (chooser)), ==, "blank");
  gtk_window_destroy (GTK_WINDOW (chooser));
}

static gboolean
pdf_written (gpointer data)
{
  GtkWindow **dialog = data;

  /* The dialog closes itself once the file is there. */
  return *dialog == NULL;
}

static void
test_export_pdf (void)
{
  g_autoptr(GFile) file = tmp_file ("export.pdf");
  g_autofree char *contents = NULL;
  gsize length;
  WmWindow *window = new_camping_window ();
  GtkWindow *dialog = wm_export_dialog_new (window);
  WmExportOptions options;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (dialog);
  wm_export_dialog_get_options (WM_EXPORT_DIALOG (dialog), &options);
  g_assert_cmpint (options.format, ==, WM_EXPORT_PDF);
  g_assert_cmpint (options.theme, ==, WM_THEME_LIGHT);

  wm_export_dialog_export_to (WM_EXPORT_DIALOG (dialog), file);
  g_assert_true (spin_until (pdf_written, &dialog, 8000));

  g_assert_true (g_file_load_contents (file, NULL, &contents, &length, NULL, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static char *
file_text (GFile *file)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (g_file_peek_path (file), &text, NULL, NULL));
  return text;
}

static gboolean
file_has_mine (gpointer data)
{
  g_autofree char *text = file_text (data);

  return strstr (text, "<title>Mine</title>") != NULL;
}

/* Another program (or another window) wrote the file after we read it:
 * Save asks instead of overwriting, Cancel keeps their version, and only
 * Overwrite replaces it. */
static void
test_no_silent_overwrite (void)
{
  g_autoptr(GFile) file = tmp_file ("shared.waymark");
  g_autoptr(GError) error = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *after_cancel = NULL;
  WmWindow *window = new_camping_window ();
  WmWindow *other = wm_window_new (NULL);
  AdwMessageDialog *dialog;

  save_window (window, file);
  g_assert_true (wm_window_open_file (other, file, &error));
  g_assert_no_error (error);

  /* The other window saves first; then ours. */
  g_usleep (10000);
  rename_map (other, "Theirs");
  save_window (other, file);
  theirs = file_text (file);
  rename_map (window, "Mine");
  wm_window_save (window, FALSE);
  spin_a_little ();

  dialog = find_dialog_for (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  after_cancel = file_text (file);
  g_assert_cmpstr (after_cancel, ==, theirs);

  /* As a click does: the answer, then the dialog goes. */
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin_a_little ();
  g_free (after_cancel);
  after_cancel = file_text (file);
  g_assert_cmpstr (after_cancel, ==, theirs);
  g_assert_true (wm_window_get_modified (window));

  wm_window_save (window, FALSE);
  spin_a_little ();
  dialog = find_dialog_for (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "overwrite");
  g_assert_true (spin_until (file_has_mine, file, 5000));

  gtk_window_destroy (GTK_WINDOW (other));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* One application for the process: a second one cannot register. */
static WmApplication *
registered_app (void)
{
  static WmApplication *app;
  g_autoptr(GError) error = NULL;

  if (app != NULL)
    return g_object_ref (app);
  app = wm_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  return g_object_ref (app);
}

typedef struct
{
  WmWindow         *window;
  AdwMessageDialog *dialog;
} RepairWait;

static gboolean
repair_dialog_shown (gpointer data)
{
  RepairWait *wait = data;

  wait->dialog = find_dialog_for (GTK_WINDOW (wait->window));
  return wait->dialog != NULL;
}

/* The text of the first label at or below @widget. */
static const char *
first_label_text (GtkWidget *widget)
{
  if (widget == NULL)
    return NULL;
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_label (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = first_label_text (child);

      if (text != NULL)
        return text;
    }
  return NULL;
}

static gboolean
window_modified (gpointer data)
{
  return wm_window_get_modified (data);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A map with broken references and values out of range opens through
 * "Open and Repair": every problem listed, the map mended and marked
 * modified, the file untouched until it is saved, and what is saved
 * reads back. Cancel opens nothing. */
static void
test_open_and_repair (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "core", "repair", "five-problems.waymark", NULL);
  g_autofree char *path = g_build_filename (tmp_dir, "problems.waymark", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WmApplication) app = registered_app ();
  g_autofree char *original = NULL;
  g_autofree char *after = NULL;
  g_autoptr(WmDocument) saved = NULL;
  g_autoptr(GError) error = NULL;
  RepairWait wait = { 0 };
  const char *body;
  guint bullets = 0;
  gsize length;

  g_assert_true (g_file_get_contents (fixture, &original, &length, NULL));
  g_assert_true (g_file_set_contents (path, original, length, NULL));

  /* Cancel: nothing opens, nothing changes. */
  wait.window = wm_application_open_file (app, file);
  g_object_add_weak_pointer (G_OBJECT (wait.window), (gpointer *) &wait.window);
  g_assert_true (spin_until (repair_dialog_shown, &wait, 10000));
  /* Its buttons, as a user clicks them: a response alone leaves the
   * modal dialog open, taking the keys of every later window. */
  g_assert_true (gtk_widget_activate (find_button (GTK_WIDGET (wait.dialog), "_Cancel")));
  g_assert_true (spin_until (pointer_cleared, &wait.window, 5000));

  wait.window = wm_application_open_file (app, file);
  g_assert_true (spin_until (repair_dialog_shown, &wait, 10000));
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (wait.dialog), "Has Problems"));
  /* It says where the dangling items go, before the user chooses. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (wait.dialog), "“Unplaced”"));
  body = first_label_text (adw_message_dialog_get_extra_child (wait.dialog));
  g_assert_nonnull (body);
  for (const char *p = body; (p = strstr (p, "• Line ")) != NULL; p++)
    bullets++;
  g_test_message ("%s", body);
  g_assert_cmpuint (bullets, >=, 5);
  g_assert_true (adw_message_dialog_has_response (wait.dialog, "repair"));
  g_assert_true (gtk_widget_activate (find_button (GTK_WIDGET (wait.dialog), "_Open and Repair")));
  g_assert_true (spin_until (window_modified, wait.window, 10000));
  g_assert_nonnull (wm_window_get_document (wait.window));
  g_assert_true (g_file_equal (wm_window_get_file (wait.window), file));

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, original);

  save_window (wait.window, file);
  saved = wm_reader_load_file (file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  g_assert_false (wm_window_get_modified (wait.window));
  wm_window_close_discarding (wait.window);
}

/* With WAYMARK_TEST_SHOTS set, the screen as @name.png there. */
static void
screenshot (const char *name)
{
  const char *dir = g_getenv ("WAYMARK_TEST_SHOTS");
  g_autofree char *command = NULL;

  if (dir == NULL)
    return;
  spin_ms (300);
  command = g_strdup_printf ("import -window root %s/%s.png", dir, name);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
}

static guint
n_stages (WmWindow *window)
{
  return g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (wm_window_get_document (window))));
}

typedef struct
{
  WmWindow *window;
  guint     n;
} StageWait;

static gboolean
stages_are (gpointer data)
{
  StageWait *wait = data;

  return n_stages (wait->window) == wait->n;
}

static WmWindow *
window_for_file (WmApplication *app,
                 GFile         *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    {
      if (WM_IS_WINDOW (l->data) && wm_window_get_file (l->data) != NULL &&
          g_file_equal (wm_window_get_file (l->data), file))
        return l->data;
    }
  return NULL;
}

static gboolean
any_line_has (GPtrArray  *lines,
              const char *needle)
{
  for (guint i = 0; lines != NULL && i < lines->len; i++)
    if (strstr (g_ptr_array_index (lines, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

static WmStage *
last_stage (WmDocument *document)
{
  GListModel *stages = G_LIST_MODEL (wm_document_get_stages (document));

  return wm_list_peek (wm_document_get_stages (document), g_list_model_get_n_items (stages) - 1);
}

static gboolean
repair_dialog_gone (gpointer data)
{
  AdwMessageDialog *dialog = find_dialog_for (data);

  return dialog == NULL || !gtk_widget_get_visible (GTK_WIDGET (dialog));
}

static void
unblock_keys (WmWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) other = g_list_model_get_item (toplevels, i);

      if (other != GTK_WINDOW (window) && gtk_window_get_transient_for (other) != GTK_WINDOW (window))
        gtk_window_set_modal (other, FALSE);
    }
}

/* @keys on the real window, as a user types them. */
static void
press_keys (WmWindow   *window,
            const char *keys)
{
  g_autofree char *title = g_strdup_printf ("waymark-repair-%d", g_random_int_range (0, G_MAXINT));

  /* Earlier tests answer dialogs through their response signal, which
   * leaves them shown and modal: their grab would take these keys. */
  unblock_keys (window);
  /* A name of its own, for xdotool to find. */
  gtk_window_set_title (GTK_WINDOW (window), title);
  spin_ms (100);
  xdo ("search", "--sync", "--onlyvisible", "--name", title, "windowfocus", "--sync", NULL);
  gtk_widget_grab_focus (GTK_WIDGET (wm_window_get_canvas (window)));
  spin_ms (300);
  xdo ("key", "--clearmodifiers", keys, NULL);
}

/* Open and Repair through the real window, as `waymark FILE` opens it:
 * the card of a missing stage shows in a stage "Unplaced" at the end;
 * the repairs bar names each item; Ctrl+Z drops the items (the map
 * still modified, the file untouched), Ctrl+Shift+Z brings "Unplaced"
 * back, and what is saved reads back strictly with it. */
static void
test_repair_unplaced (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "core", "repair", "five-problems.waymark", NULL);
  g_autofree char *path = g_build_filename (tmp_dir, "unplaced.waymark", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WmApplication) app = registered_app ();
  g_autofree char *original = NULL;
  g_autofree char *after = NULL;
  g_autoptr(WmDocument) saved = NULL;
  g_autoptr(GError) error = NULL;
  GFile *files[1] = { file };
  RepairWait wait = { 0 };
  StageWait stages = { 0 };
  GPtrArray *repairs;
  gsize length;

  if (xdotool == NULL || g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("needs xdotool and an X display");
      return;
    }
  g_assert_true (g_file_get_contents (fixture, &original, &length, NULL));
  g_assert_true (g_file_set_contents (path, original, length, NULL));

  g_application_open (G_APPLICATION (app), files, 1, "");
  wait.window = window_for_file (app, file);
  g_assert_nonnull (wait.window);
  g_assert_true (spin_until (repair_dialog_shown, &wait, 10000));
  /* Its button, as a user clicks it: the response alone leaves the
   * modal dialog open, taking the keys. */
  g_assert_true (gtk_widget_activate (find_button (GTK_WIDGET (wait.dialog), "_Open and Repair")));
  g_assert_true (spin_until (window_modified, wait.window, 10000));
  stages.window = wait.window;

  g_assert_cmpuint (n_stages (wait.window), ==, 3);
  g_assert_cmpstr (wm_stage_get_title (last_stage (wm_window_get_document (wait.window))), ==, "Unplaced");
  g_assert_cmpstr (wm_history_get_undo_label (wm_window_get_history (wait.window)), ==, "Repair Map");
  g_assert_nonnull (wm_window_get_repair_message (wait.window));
  repairs = wm_map_file_get_repairs (wm_window_get_map_file (wait.window));
  g_assert_true (any_line_has (repairs, "unplaced.waymark:14: card “c1” (“On a missing stage”) was put in the stage “Unplaced”"));
  gtk_window_set_default_size (GTK_WINDOW (wait.window), 1250, 780);
  gtk_window_present (GTK_WINDOW (wait.window));
  spin_ms (500);
  screenshot ("repair-unplaced");

  /* Show Repairs lists each repair by file and line. */
  g_assert_true (spin_until (repair_dialog_gone, wait.window, 5000));
  g_assert_true (gtk_widget_activate (find_button (GTK_WIDGET (wait.window), "_Show Repairs")));
  g_assert_true (spin_until (repair_dialog_shown, &wait, 5000));
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (wait.dialog), "Repairs to"));
  g_assert_nonnull (strstr (first_label_text (adw_message_dialog_get_extra_child (wait.dialog)),
                            "• unplaced.waymark:14: card “c1” (“On a missing stage”) was put in the stage “Unplaced”"));
  screenshot ("repair-list");
  g_assert_true (gtk_widget_activate (find_button (GTK_WIDGET (wait.dialog), "_Close")));
  g_assert_true (spin_until (repair_dialog_gone, wait.window, 5000));

  press_keys (wait.window, "ctrl+z");
  stages.n = 2;
  g_assert_true (spin_until (stages_are, &stages, 5000));
  g_assert_true (wm_window_get_modified (wait.window));
  screenshot ("repair-undone");
  press_keys (wait.window, "ctrl+shift+z");
  stages.n = 3;
  g_assert_true (spin_until (stages_are, &stages, 5000));

  /* Nothing was written until now. */
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, original);
  save_window (wait.window, file);
  saved = wm_reader_load_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wm_stage_get_title (last_stage (saved)), ==, "Unplaced");
  g_assert_false (wm_window_get_modified (wait.window));
  xdo ("mousemove", "--sync", "1279", "799", NULL);
  wm_window_close_discarding (wait.window);
}

/* A draft with a broken reference (edited by hand, or cut short) is the
 * user's own work: it is restored repaired, without asking, with the
 * repairs listed; "Repair Map" is one step over the draft, and a draft of
 * a map on disk is one more step over that map. */
static void
test_repair_draft (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "core", "repair", "five-problems.waymark", NULL);
  g_autofree char *draft_path = g_build_filename (tmp_dir, "broken-draft.waymark", NULL);
  g_autoptr(GFile) draft = g_file_new_for_path (draft_path);
  g_autoptr(GFile) original = tmp_file ("draft-original.waymark");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *on_disk =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
    "  <title>On disk</title>\n"
    "  <stage id=\"s1\"/>\n"
    "</map>\n";
  WmWindow *alone;
  WmWindow *over;
  WmHistory *history;
  gsize length;

  g_assert_true (g_file_get_contents (fixture, &text, &length, NULL));
  g_assert_true (g_file_set_contents (draft_path, text, length, NULL));
  g_assert_true (g_file_replace_contents (original, on_disk, strlen (on_disk), NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, NULL));

  alone = wm_window_new (NULL);
  g_assert_true (wm_window_load_draft (alone, draft, NULL, NULL, &error));
  g_assert_no_error (error);
  history = wm_window_get_history (alone);
  g_assert_cmpuint (n_stages (alone), ==, 3);
  g_assert_cmpstr (wm_stage_get_title (last_stage (wm_window_get_document (alone))), ==, "Unplaced");
  g_assert_cmpstr (wm_history_get_undo_label (history), ==, "Repair Map");
  g_assert_nonnull (wm_window_get_repair_message (alone));
  g_assert_true (any_line_has (wm_map_file_get_repairs (wm_window_get_map_file (alone)),
                               "broken-draft.waymark:14: card “c1”"));
  g_assert_true (wm_history_undo (history));
  g_assert_cmpuint (n_stages (alone), ==, 2);
  g_assert_true (wm_window_get_modified (alone));
  g_assert_false (wm_history_get_can_undo (history));

  over = wm_window_new (NULL);
  g_assert_true (wm_window_load_draft_full (over, draft, original, NULL,
                                            wm_window_get_file_etag (over), &error));
  g_assert_no_error (error);
  history = wm_window_get_history (over);
  g_assert_cmpuint (n_stages (over), ==, 3);
  g_assert_cmpstr (wm_history_get_undo_label (history), ==, "Repair Map");
  g_assert_true (wm_history_undo (history));
  g_assert_cmpuint (n_stages (over), ==, 2);
  g_assert_true (wm_history_undo (history));
  g_assert_cmpstr (wm_document_get_title (wm_window_get_document (over)), ==, "On disk");
  g_assert_nonnull (wm_window_get_repair_message (over));

  wm_window_close_discarding (alone);
  wm_window_close_discarding (over);
}

/* The check box in the row of the dialog's map list titled @title. */
static GtkCheckButton *
find_map_check (GtkWidget  *widget,
                const char *title)
{
  if (widget == NULL)
    return NULL;
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    title = NULL;
  if (title == NULL && GTK_IS_CHECK_BUTTON (widget))
    return GTK_CHECK_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkCheckButton *found = find_map_check (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static AdwMessageDialog *
find_save_changes_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      const char *heading;

      if (!ADW_IS_MESSAGE_DIALOG (window) || !gtk_widget_get_visible (GTK_WIDGET (window)))
        continue;
      /* The one about several maps; earlier tests leave answered dialogs
       * about one map behind. */
      heading = adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window));
      if (g_str_has_prefix (heading, "Save Changes") && strstr (heading, "“") == NULL)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
any_dialog_shown (gpointer data)
{
  return find_save_changes_dialog () != NULL;
}

static WmWindow *
app_map_window (WmApplication *app,
                GFile         *file,
                const char    *title)
{
  g_autoptr(GError) error = NULL;
  WmWindow *window = wm_window_new (GTK_APPLICATION (app));

  g_assert_true (wm_window_load_template (window, "camping", &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  save_window (window, file);
  rename_map (window, title);
  return window;
}

static gboolean
file_has_title (gpointer data)
{
  const char **file_title = data;
  g_autofree char *text = NULL;

  return g_file_get_contents (file_title[0], &text, NULL, NULL) && strstr (text, file_title[1]) != NULL;
}

/* Quitting with several unsaved maps asks once, listing each map with a
 * check box, all checked; Save writes only the checked ones, and every
 * window closes (the unchecked map's changes let go). */
static void
test_quit_save_checked (void)
{
  g_autoptr(WmApplication) app = registered_app ();
  g_autoptr(GFile) keep = tmp_file ("quit-keep.waymark");
  g_autoptr(GFile) drop = tmp_file ("quit-drop.waymark");
  WmWindow *keep_window = app_map_window (app, keep, "Quit Saves This");
  WmWindow *drop_window = app_map_window (app, drop, "Quit Drops This");
  g_autofree char *drop_before = file_text (drop);
  g_autofree char *drop_after = NULL;
  AdwMessageDialog *dialog;
  GtkCheckButton *keep_check, *drop_check;

  g_object_add_weak_pointer (G_OBJECT (keep_window), (gpointer *) &keep_window);
  g_object_add_weak_pointer (G_OBJECT (drop_window), (gpointer *) &drop_window);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_true (spin_until (any_dialog_shown, NULL, 5000));
  dialog = find_save_changes_dialog ();
  keep_check = find_map_check (adw_message_dialog_get_extra_child (dialog), "Quit Saves This");
  drop_check = find_map_check (adw_message_dialog_get_extra_child (dialog), "Quit Drops This");
  g_assert_nonnull (keep_check);
  g_assert_nonnull (drop_check);
  g_assert_true (gtk_check_button_get_active (keep_check));
  g_assert_true (gtk_check_button_get_active (drop_check));

  gtk_check_button_set_active (drop_check, FALSE);
  screenshot ("quit-save-changes");
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (spin_until (file_has_title, (gpointer) &(const char *[]) {
                               g_file_peek_path (keep), "Quit Saves This" }, 5000));
  g_assert_true (spin_until (pointer_cleared, &keep_window, 5000));
  g_assert_true (spin_until (pointer_cleared, &drop_window, 5000));
  drop_after = file_text (drop);
  g_assert_cmpstr (drop_after, ==, drop_before);
}

/* Cancel keeps every map open and unsaved. */
static void
test_quit_cancel (void)
{
  g_autoptr(WmApplication) app = registered_app ();
  g_autoptr(GFile) one = tmp_file ("quit-one.waymark");
  g_autoptr(GFile) two = tmp_file ("quit-two.waymark");
  WmWindow *first = app_map_window (app, one, "First");
  WmWindow *second = app_map_window (app, two, "Second");
  AdwMessageDialog *dialog;

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_true (spin_until (any_dialog_shown, NULL, 5000));
  dialog = find_save_changes_dialog ();
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin_a_little ();
  g_assert_true (wm_window_get_modified (first));
  g_assert_true (wm_window_get_modified (second));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (first)));
  wm_window_close_discarding (first);
  wm_window_close_discarding (second);
  spin_a_little ();
}

/* The evidence view is a checked menu item and Ctrl+Shift+E: a stateful
 * win. action that the canvas follows (issue 14). */
static void
test_evidence_view (void)
{
  WmWindow *window = new_camping_window ();
  WmCanvas *canvas = window_child (window, "canvas");
  g_autoptr(GVariant) state = NULL;

  g_assert_false (wm_canvas_get_evidence_view (canvas));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.evidence-view", NULL));
  g_assert_true (wm_canvas_get_evidence_view (canvas));
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "evidence-view");
  g_assert_true (g_variant_get_boolean (state));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.evidence-view", NULL));
  g_assert_false (wm_canvas_get_evidence_view (canvas));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("waymark-test-window-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  /* Keep the user's recent files and drafts out of it. */
  data_home = g_build_filename (tmp_dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("WAYMARK_STATE_DIR", tmp_dir, TRUE);

  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

  g_test_add_func ("/Waymark/Window/template-title", test_template_title);
  g_test_add_func ("/Waymark/Window/evidence-view", test_evidence_view);
  g_test_add_func ("/Waymark/Window/modified-marker", test_modified_marker);
  g_test_add_func ("/Waymark/Window/save", test_save);
  g_test_add_func ("/Waymark/Window/open-async", test_open_async);
  g_test_add_func ("/Waymark/Window/open-zoom-readable", test_open_zoom_readable);
  g_test_add_func ("/Waymark/Window/zoom-readable-cap", test_zoom_readable_cap);
  g_test_add_func ("/Waymark/Window/session-draft", test_session_draft);
  g_test_add_func ("/Waymark/Window/session-recover", test_session_recover);
  g_test_add_func ("/Waymark/Window/open-malformed", test_open_malformed);
  g_test_add_func ("/Waymark/Window/changed-on-disk", test_changed_on_disk);
  g_test_add_func ("/Waymark/Window/no-silent-overwrite", test_no_silent_overwrite);
  g_test_add_func ("/Waymark/Window/close-asks", test_close_asks);
  g_test_add_func ("/Waymark/Window/close-unmodified", test_close_unmodified);
  g_test_add_func ("/Waymark/Window/open-and-repair", test_open_and_repair);
  g_test_add_func ("/Waymark/Window/repair-unplaced", test_repair_unplaced);
  g_test_add_func ("/Waymark/Window/repair-draft", test_repair_draft);
  g_test_add_func ("/Waymark/Window/quit-save-checked", test_quit_save_checked);
  g_test_add_func ("/Waymark/Window/quit-cancel", test_quit_cancel);
  g_test_add_func ("/Waymark/TemplateChooser/previews", test_template_previews);
  g_test_add_func ("/Waymark/ExportDialog/pdf", test_export_pdf);

  ret = g_test_run ();
  return ret;
}
