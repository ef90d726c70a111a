/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Drafts, the session file and crash recovery must never lose or delete
 * a user's work: hostile session files, a drafts folder that is a link,
 * two processes sharing the state folder, a file changed while the app
 * was down, drafts that cannot be written, a recovery dialog fed 10,000
 * entries. Needs a display (Xvfb). */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../test-util.h"
#include "app-test-util.h"
#include "wm-draft-folder.h"
#include "wm-edits.h"
#include "wm-recovery.h"
#include "wm-session.h"
#include "wm-session-file.h"
#include "wm-template-chooser.h"
#include "wm-window.h"
#include "wm-reader.h"
#include "wm-writer.h"

#define UUID_A "0a1b2c3d-0000-4000-8000-00000000000a"
#define UUID_B "0a1b2c3d-0000-4000-8000-00000000000b"

static char *tmp_dir;

static char *
new_dir (const char *name)
{
  char *path = g_build_filename (tmp_dir, name, NULL);

  test_remove_tree (path);
  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  return path;
}

static void
write_file (const char *dir,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static gboolean
exists_in (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* Optional screenshots for a human (WAYMARK_TEST_SHOTS=DIR). */
static void
screenshot (const char *name)
{
  const char *dir = g_getenv ("WAYMARK_TEST_SHOTS");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  spin_ms (300);
  path = g_strdup_printf ("%s/%s.png", dir, name);
  {
    g_autofree char *command = g_strdup_printf ("import -window root %s", path);
    g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  }
  g_test_message ("screenshot: %s", path);
}

/* ---- a session file that cannot be trusted deletes nothing ---- */

static const char *valid_session =
  "[session]\nclean-shutdown=false\n\n"
  "[draft " UUID_A "]\nid=" UUID_A "\nfile=file:///tmp/a.waymark\ntitle=A\n";

/* Drafts of ours and someone's maps in the drafts folder, @ini as the
 * session file: loading and discarding delete only what is listed. */
static void
check_deletes_nothing (const char *ini,
                       gssize      length)
{
  g_autofree char *state = new_dir ("state-garbage");
  g_autofree char *drafts = g_build_filename (state, "drafts", NULL);
  g_autoptr(WmSession) session = NULL;

  g_assert_cmpint (g_mkdir (drafts, 0700), ==, 0);
  write_file (drafts, UUID_B ".waymark", "<map/>", -1);
  write_file (drafts, "holiday.waymark", "<map/>", -1);
  write_file (drafts, "00000000-0000-4000-8000-000000000000.waymark", "<map/>", -1);
  write_file (state, "x.waymark", "outside", -1);
  write_file (state, "session.ini", ini, length);

  session = wm_session_new (state);
  wm_session_load (session);
  wm_session_discard_recoverable (session);
  wm_session_shutdown (session);

  g_assert_true (exists_in (drafts, UUID_B ".waymark"));
  g_assert_true (exists_in (drafts, "holiday.waymark"));
  g_assert_true (exists_in (drafts, "00000000-0000-4000-8000-000000000000.waymark"));
  g_assert_true (exists_in (state, "x.waymark"));
}

static void
test_garbage_deletes_nothing (void)
{
  g_autofree char *truncated = g_strndup (valid_session, strlen (valid_session) - 30);
  const char *hostile =
    "[session]\nclean-shutdown=false\n\n"
    "[draft x]\nid=../../x\n\n"
    "[draft y]\nid=../x\n\n"
    "[draft z]\nid=/etc/passwd\n";

  check_deletes_nothing ("", 0);
  check_deletes_nothing ("\x7f" "ELF\x02\x01\x01\0\0\0garbage\n[[[", 20);
  check_deletes_nothing (truncated, -1);
  check_deletes_nothing ("[session]\nclean-shutdown=true\n", -1);
  /* Names that climb out of the drafts folder are never used. */
  check_deletes_nothing (hostile, -1);
}

/* ---- a drafts folder that is a symbolic link ---- */

static void
test_symlinked_drafts (void)
{
  g_autofree char *state = new_dir ("state-link");
  g_autofree char *maps = new_dir ("maps");
  g_autofree char *drafts = g_build_filename (state, "drafts", NULL);
  g_autofree char *ini = g_strdup_printf ("[session]\nclean-shutdown=false\n\n"
                                          "[draft %s]\nid=%s\n", UUID_A, UUID_A);
  g_autoptr(WmSession) session = NULL;
  GPtrArray *drafts_found;

  write_file (maps, "trip.waymark", "<map>mine</map>", -1);
  write_file (maps, UUID_A ".waymark", "<map>named like a draft</map>", -1);
  g_assert_cmpint (symlink (maps, drafts), ==, 0);
  write_file (state, "session.ini", ini, -1);

  session = wm_session_new (state);
  drafts_found = wm_session_load (session);
  /* Nothing is read through the link, so nothing is offered or deleted. */
  g_assert_cmpuint (drafts_found->len, ==, 0);
  wm_session_discard_recoverable (session);
  wm_session_shutdown (session);

  g_assert_true (exists_in (maps, "trip.waymark"));
  g_assert_true (exists_in (maps, UUID_A ".waymark"));
  g_assert_true (g_file_test (drafts, G_FILE_TEST_IS_SYMLINK));
}

/* ---- two processes share the state folder ---- */

static WmWindow *
new_camping_window (void)
{
  g_autoptr(GError) error = NULL;
  WmWindow *window = wm_window_new_from_template (NULL, "camping", &error);

  g_assert_no_error (error);
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

/* @data: { path, text }. */
static gboolean
file_mentions (gpointer data)
{
  const char **path_text = data;
  g_autofree char *contents = NULL;

  return g_file_get_contents (path_text[0], &contents, NULL, NULL) &&
         strstr (contents, path_text[1]) != NULL;
}

/* Edits @window and waits until @session lists its draft. */
static void
edit_until_drafted (WmSession  *session,
                    WmWindow   *window,
                    const char *title)
{
  wm_session_add_document (session, wm_window_get_map_file (window));
  rename_map (window, title);
  g_assert_true (spin_until (file_mentions, (gpointer) &(const char *[]) {
                               wm_session_get_session_path (session),
                               wm_window_get_draft_id (window) }, 8000));
}

static void
test_two_processes (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *state = new_dir ("state-two");
  g_autoptr(WmSession) first = wm_session_new (state);
  g_autoptr(WmSession) second = wm_session_new (state);
  g_autoptr(WmSession) third = NULL;
  g_autoptr(GFile) draft_b = NULL;
  WmWindow *window_a = new_camping_window ();
  WmWindow *window_b = new_camping_window ();
  GPtrArray *found;

  g_settings_set_uint (settings, "autosave-delay", 1);
  g_assert_cmpuint (wm_session_load (first)->len, ==, 0);
  g_assert_cmpuint (wm_session_load (second)->len, ==, 0);
  edit_until_drafted (first, window_a, "First's map");
  edit_until_drafted (second, window_b, "Second's map");
  draft_b = wm_session_get_draft_file (second, wm_window_get_draft_id (window_b));

  /* The first quits cleanly, then starts again: the second still runs,
   * so its draft is neither offered nor deleted. */
  wm_session_shutdown (first);
  gtk_window_destroy (GTK_WINDOW (window_a));
  g_clear_object (&first);
  third = wm_session_new (state);
  g_assert_cmpuint (wm_session_load (third)->len, ==, 0);
  wm_session_shutdown (third);
  g_clear_object (&third);
  g_assert_true (g_file_query_exists (draft_b, NULL));

  /* The second crashes: now its draft is offered. */
  g_clear_object (&second);
  third = wm_session_new (state);
  found = wm_session_load (third);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((WmSessionDraft *) g_ptr_array_index (found, 0))->draft_id, ==,
                   wm_window_get_draft_id (window_b));
  g_assert_true (g_file_query_exists (draft_b, NULL));

  wm_session_discard_recoverable (third);
  g_assert_false (g_file_query_exists (draft_b, NULL));
  wm_session_shutdown (third);
  gtk_window_destroy (GTK_WINDOW (window_b));
  g_settings_reset (settings, "autosave-delay");
}

/* ---- the session follows documents, not windows ---- */

static gboolean
draft_listed (gpointer data)
{
  WmDraft *draft = data;

  return wm_draft_get_written (draft);
}

static void
map_saved_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (wm_map_file_save_finish (WM_MAP_FILE (object), result, NULL));
  *done = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
edit_map_file (WmMapFile  *map_file,
               const char *title)
{
  wm_history_push (wm_map_file_get_history (map_file),
                   wm_edit_set (wm_map_file_get_document (map_file), "title", title));
}

/* A map file with no window: its draft is written, listed, removed by a
 * save and by closing; a crash (the session gone) leaves it, even when
 * the map is closed afterwards; the next run offers it and restoring it
 * into another map file makes that one's own draft go. */
static void
test_documents_without_windows (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *state = new_dir ("state-documents");
  g_autofree char *path = g_build_filename (tmp_dir, "document.waymark", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WmSession) session = wm_session_new (state);
  g_autoptr(WmSession) next_run = NULL;
  g_autoptr(WmMapFile) map_file = wm_map_file_new ();
  g_autoptr(WmMapFile) other = wm_map_file_new ();
  g_autoptr(GFile) draft_file = NULL;
  g_autoptr(GFile) other_draft = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *crashed_id = NULL;
  WmSessionDraft *found;
  gboolean saved = FALSE;

  g_settings_set_uint (settings, "autosave-delay", 1);
  g_assert_true (wm_map_file_load_template (map_file, "camping", NULL));
  wm_session_add_document (session, map_file);
  documents = wm_session_get_documents (session);
  g_assert_cmpuint (documents->len, ==, 1);
  g_assert_true (g_ptr_array_index (documents, 0) == map_file);
  draft_file = wm_session_get_draft_file (session, wm_map_file_get_draft_id (map_file));

  edit_map_file (map_file, "Windowless");
  g_assert_true (spin_until (draft_listed, wm_map_file_get_draft (map_file), 8000));
  g_assert_true (g_file_query_exists (draft_file, NULL));
  g_assert_true (file_mentions ((const char *[]) { wm_session_get_session_path (session),
                                                   "Windowless" }));

  /* Saved: the draft and the listing go. */
  wm_map_file_save_async (map_file, file, NULL, map_saved_cb, &saved);
  g_assert_true (spin_until (is_true, &saved, 5000));
  g_assert_false (wm_draft_get_written (wm_map_file_get_draft (map_file)));
  g_assert_false (g_file_query_exists (draft_file, NULL));
  g_assert_false (g_file_test (wm_session_get_session_path (session), G_FILE_TEST_EXISTS));

  /* Closed with changes let go: the same. */
  edit_map_file (map_file, "Let go");
  g_assert_true (spin_until (draft_listed, wm_map_file_get_draft (map_file), 8000));
  wm_map_file_close (map_file);
  g_assert_false (g_file_query_exists (draft_file, NULL));
  g_assert_false (g_file_test (wm_session_get_session_path (session), G_FILE_TEST_EXISTS));
  g_clear_pointer (&documents, g_ptr_array_unref);
  documents = wm_session_get_documents (session);
  g_assert_cmpuint (documents->len, ==, 0);
  g_clear_object (&map_file);

  /* A crash: the session goes first; closing the map later keeps the
   * draft, as a real crash never closes anything. */
  map_file = wm_map_file_new ();
  g_assert_true (wm_map_file_load (map_file, file, NULL));
  wm_session_add_document (session, map_file);
  edit_map_file (map_file, "Crashed");
  g_assert_true (spin_until (draft_listed, wm_map_file_get_draft (map_file), 8000));
  crashed_id = g_strdup (wm_map_file_get_draft_id (map_file));
  g_clear_object (&session);
  edit_map_file (map_file, "After the crash");
  spin_ms (1500);
  g_clear_object (&map_file);
  g_clear_object (&draft_file);
  draft_file = wm_draft_folder_get_file (state, crashed_id);
  g_assert_true (g_file_query_exists (draft_file, NULL));

  /* The next run offers it; restored into a map file that had a draft of
   * its own, that one goes and the restored one is listed. */
  next_run = wm_session_new (state);
  g_assert_cmpuint (wm_session_load (next_run)->len, ==, 1);
  found = g_ptr_array_index (wm_session_load (next_run), 0);
  g_assert_cmpstr (found->draft_id, ==, crashed_id);
  g_assert_true (wm_map_file_load_template (other, "camping", NULL));
  wm_session_add_document (next_run, other);
  edit_map_file (other, "Other");
  g_assert_true (spin_until (draft_listed, wm_map_file_get_draft (other), 8000));
  other_draft = wm_session_get_draft_file (next_run, wm_map_file_get_draft_id (other));
  g_assert_true (wm_map_file_restore_draft (other, found->draft, found->original, found->draft_id,
                                            found->base_etag, NULL));
  wm_session_take_recoverable (next_run, crashed_id);
  g_assert_cmpstr (wm_map_file_get_draft_id (other), ==, crashed_id);
  g_assert_false (g_file_query_exists (other_draft, NULL));
  g_assert_true (g_file_query_exists (draft_file, NULL));
  g_assert_true (wm_draft_get_written (wm_map_file_get_draft (other)));
  g_assert_true (file_mentions ((const char *[]) { wm_session_get_session_path (next_run),
                                                   crashed_id }));

  wm_session_shutdown (next_run);
  g_assert_false (g_file_query_exists (draft_file, NULL));
  g_settings_reset (settings, "autosave-delay");
}

/* ---- restoring over a file that changed while the app was down ---- */

typedef struct
{
  gboolean done;
  GError  *error;
} SaveResult;

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SaveResult *save = user_data;

  wm_window_save_to_file_finish (WM_WINDOW (object), result, &save->error);
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
}

static AdwMessageDialog *
find_dialog_for (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          gtk_window_get_transient_for (GTK_WINDOW (window)) == parent)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* A map saved to @path, edited, drafted, and the process gone: the
 * next run's recoverable draft. */
static WmSession *
crash_with_draft (const char  *state,
                  GFile       *file,
                  WmWindow   **window_out)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(WmSession) session = wm_session_new (state);
  WmSession *next_run;
  WmWindow *window = new_camping_window ();

  g_settings_set_uint (settings, "autosave-delay", 1);
  save_window (window, file);
  edit_until_drafted (session, window, "Mine");
  g_settings_reset (settings, "autosave-delay");
  g_clear_object (&session);

  next_run = wm_session_new (state);
  g_assert_cmpuint (wm_session_load (next_run)->len, ==, 1);
  *window_out = window;
  return next_run;
}

static WmWindow *
restore_first (WmSession *session)
{
  WmSessionDraft *draft = g_ptr_array_index (wm_session_load (session), 0);
  g_autoptr(GError) error = NULL;
  WmWindow *restored = wm_window_new (NULL);

  g_assert_true (wm_window_load_draft_full (restored, draft->draft, draft->original,
                                            draft->draft_id, draft->base_etag, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (restored));
  spin_a_little ();
  return restored;
}

static void
test_restore_changed_on_disk (void)
{
  g_autofree char *state = new_dir ("state-changed");
  g_autofree char *path = g_build_filename (tmp_dir, "changed.waymark", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WmSession) session = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *after = NULL;
  AdwMessageDialog *dialog;
  WmWindow *window, *restored;

  session = crash_with_draft (state, file, &window);
  gtk_window_destroy (GTK_WINDOW (window));

  /* While the app was down, git pull rewrote the map. */
  {
    g_autoptr(WmDocument) document = wm_template_load ("camping", NULL);
    wm_document_set_title (document, "Theirs, pulled while the app was down");
    theirs = wm_writer_to_string (document, NULL);
    write_file (tmp_dir, "changed.waymark", theirs, -1);
  }

  restored = restore_first (session);
  g_assert_true (wm_window_get_modified (restored));
  g_assert_true (wm_window_get_changed_on_disk (restored));
  g_assert_true (gtk_info_bar_get_revealed (window_child (restored, "disk_bar")));
  /* Over what is on disk now: undo shows theirs. */
  g_assert_cmpstr (wm_history_get_undo_label (wm_window_get_history (restored)), ==,
                   "Restore Unsaved Changes");
  screenshot ("restore-changed-on-disk");

  /* Ctrl+S asks (Save As / Overwrite / Cancel) and writes nothing yet. */
  gtk_widget_activate_action (GTK_WIDGET (restored), "doc.save", NULL);
  spin_a_little ();
  dialog = find_dialog_for (GTK_WINDOW (restored));
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "save-as"));
  g_assert_true (adw_message_dialog_has_response (dialog, "overwrite"));
  spin_ms (200);
  after = read_text (path);
  g_assert_cmpstr (after, ==, theirs);
  adw_message_dialog_response (dialog, "cancel");
  spin_a_little ();

  gtk_window_destroy (GTK_WINDOW (restored));
  wm_session_discard_recoverable (session);
  wm_session_shutdown (session);
}

static char *
document_text (WmWindow *window)
{
  return wm_writer_to_string (wm_window_get_document (window), NULL);
}

/* Issue 12: a draft of a file that exists restores as the file with the
 * draft's content on top, one undo step: undo gives back exactly the
 * version on disk, redo the draft; the window counts as modified and
 * saving writes the draft's content. */
static void
test_restore_over_disk (void)
{
  g_autofree char *state = new_dir ("state-over");
  g_autofree char *path = g_build_filename (tmp_dir, "over.waymark", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WmSession) session = NULL;
  g_autofree char *on_disk = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *text = NULL;
  WmWindow *window, *restored;

  session = crash_with_draft (state, file, &window);
  mine = document_text (window);
  gtk_window_destroy (GTK_WINDOW (window));
  on_disk = read_text (path);
  g_assert_cmpstr (on_disk, !=, mine);

  restored = restore_first (session);
  text = document_text (restored);
  g_assert_cmpstr (text, ==, mine);
  g_assert_true (wm_window_get_modified (restored));
  g_assert_false (wm_window_get_changed_on_disk (restored));
  g_assert_true (g_file_equal (wm_window_get_file (restored), file));
  g_assert_cmpstr (wm_history_get_undo_label (wm_window_get_history (restored)), ==,
                   "Restore Unsaved Changes");

  gtk_widget_activate_action (GTK_WIDGET (restored), "doc.undo", NULL);
  g_free (text);
  text = document_text (restored);
  g_assert_cmpstr (text, ==, on_disk);
  g_assert_false (wm_window_get_modified (restored));

  gtk_widget_activate_action (GTK_WIDGET (restored), "doc.redo", NULL);
  g_free (text);
  text = document_text (restored);
  g_assert_cmpstr (text, ==, mine);
  g_assert_true (wm_window_get_modified (restored));

  save_window (restored, file);
  g_free (text);
  text = read_text (path);
  g_assert_cmpstr (text, ==, mine);
  g_assert_false (wm_window_get_modified (restored));

  gtk_window_destroy (GTK_WINDOW (restored));
  wm_session_discard_recoverable (session);
  wm_session_shutdown (session);
}

/* The file a draft names is now something else: a folder, a text file,
 * a link. The restored map does not claim it; saving asks for a name. */
static void
test_restore_not_a_map (void)
{
  const char *kinds[] = { "folder", "text", "link" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *state = new_dir ("state-not-map");
      g_autofree char *path = g_build_filename (tmp_dir, "target.waymark", NULL);
      g_autofree char *elsewhere = g_build_filename (tmp_dir, "elsewhere.txt", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(WmSession) session = NULL;
      g_autofree char *notes = NULL;
      WmWindow *window, *restored;

      test_remove_tree (path);
      session = crash_with_draft (state, file, &window);
      gtk_window_destroy (GTK_WINDOW (window));
      g_assert_cmpint (g_unlink (path), ==, 0);
      write_file (tmp_dir, "elsewhere.txt", "someone's notes\n", -1);
      if (g_str_equal (kinds[i], "folder"))
        g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
      else if (g_str_equal (kinds[i], "text"))
        write_file (tmp_dir, "target.waymark", "someone's notes\n", -1);
      else
        g_assert_cmpint (symlink (elsewhere, path), ==, 0);

      restored = restore_first (session);
      g_test_message ("%s: file %p", kinds[i], (gpointer) wm_window_get_file (restored));
      g_assert_null (wm_window_get_file (restored));
      g_assert_true (wm_window_get_modified (restored));
      g_assert_true (gtk_info_bar_get_revealed (window_child (restored, "disk_bar")));

      gtk_window_destroy (GTK_WINDOW (restored));
      wm_session_discard_recoverable (session);
      wm_session_shutdown (session);
      notes = read_text (elsewhere);
      g_assert_cmpstr (notes, ==, "someone's notes\n");
      test_remove_tree (path);
    }
}

/* ---- drafts that cannot be written ---- */

static gboolean
has_problem (gpointer data)
{
  return wm_window_get_draft_problem (WM_WINDOW (data)) != NULL;
}

static gboolean
no_problem (gpointer data)
{
  return wm_window_get_draft_problem (WM_WINDOW (data)) == NULL;
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
test_unwritable_banner (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *state = new_dir ("state-read-only");
  g_autofree char *drafts = g_build_filename (state, "drafts", NULL);
  g_autoptr(WmSession) session = wm_session_new (state);
  g_autoptr(GFile) draft = NULL;
  gboolean as_root = geteuid () == 0;
  WmWindow *window = new_camping_window ();

  /* root writes into a read-only folder anyway: then a file named
   * "drafts" stands in the way instead. */
  if (as_root)
    write_file (state, "drafts", "not a folder", -1);
  else
    g_assert_cmpint (g_mkdir (drafts, 0500), ==, 0);

  g_settings_set_uint (settings, "autosave-delay", 1);
  wm_session_add_document (session, wm_window_get_map_file (window));
  rename_map (window, "Unprotected");
  g_assert_true (spin_until (has_problem, window, 8000));
  g_test_message ("banner: %s", wm_window_get_draft_problem (window));
  g_assert_true (g_str_has_prefix (wm_window_get_draft_problem (window), "Crash protection is off: "));
  g_assert_true (spin_until (widget_mapped, window_child (window, "draft_retry_button"), 3000));
  screenshot ("banner");

  /* Writable again: Retry writes the draft and the banner goes. */
  if (as_root)
    g_assert_cmpint (g_unlink (drafts), ==, 0);
  else
    g_assert_cmpint (g_chmod (drafts, 0700), ==, 0);
  gtk_widget_activate (GTK_WIDGET (window_child (window, "draft_retry_button")));
  g_assert_true (spin_until (no_problem, window, 8000));
  draft = wm_session_get_draft_file (session, wm_window_get_draft_id (window));
  g_assert_true (g_file_query_exists (draft, NULL));

  wm_session_shutdown (session);
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "autosave-delay");
}

/* ---- the recovery dialog ---- */

static void
collect_label_texts (GtkWidget *widget,
                     GString   *out)
{
  if (GTK_IS_LABEL (widget))
    {
      g_assert_false (gtk_label_get_use_markup (GTK_LABEL (widget)));
      g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (out, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_label_texts (child, out);
}

static guint
count_rows (GtkWidget *widget)
{
  guint n = GTK_IS_LIST_BOX_ROW (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_rows (child);
  return n;
}

/* A session listing @n drafts that exist, one with a title of
 * @title_bytes bytes. */
static char *
write_huge_session (const char *state,
                    guint       n,
                    gsize       title_bytes)
{
  g_autofree char *drafts = g_build_filename (state, "drafts", NULL);
  GString *ini = g_string_new ("[session]\nclean-shutdown=false\n");
  g_autofree char *long_title = g_strnfill (title_bytes, 'W');

  g_assert_cmpint (g_mkdir_with_parents (drafts, 0700), ==, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("0a1b2c3d-0000-4000-8000-%012u", i);
      g_autofree char *name = g_strconcat (id, ".waymark", NULL);

      write_file (drafts, name, "x", 1);
      g_string_append_printf (ini, "\n[draft %s]\nid=%s\nfile=file:///tmp/map-%u.waymark\ntitle=%s\n",
                              id, id, i, i == 0 ? long_title : "A map");
    }
  write_file (state, "session.ini", ini->str, ini->len);
  return g_string_free (ini, FALSE);
}

static void
test_huge_listing_dialog (void)
{
  g_autofree char *state = new_dir ("state-huge");
  g_autofree char *ini = write_huge_session (state, 10000, 2 * 1024 * 1024);
  g_autoptr(WmSession) session = wm_session_new (state);
  g_autoptr(GString) texts = g_string_new (NULL);
  GtkWidget *parent = gtk_window_new ();
  AdwMessageDialog *dialog;
  GPtrArray *drafts;
  int width, height;

  drafts = wm_session_load (session);
  g_assert_cmpuint (drafts->len, <=, WM_SESSION_MAX_DRAFTS);
  g_assert_cmpuint (wm_session_get_n_more (session), >, 0);
  for (guint i = 0; i < drafts->len; i++)
    {
      WmSessionDraft *draft = g_ptr_array_index (drafts, i);
      g_assert_cmpuint (g_utf8_strlen (draft->title, -1), <=, WM_SESSION_TITLE_CHARS + 1);
    }

  gtk_window_set_default_size (GTK_WINDOW (parent), 1024, 600);
  gtk_window_present (GTK_WINDOW (parent));
  dialog = wm_recovery_dialog_new (GTK_WINDOW (parent), drafts, wm_session_get_n_more (session));
  gtk_window_present (GTK_WINDOW (dialog));
  spin_ms (300);
  screenshot ("recovery-10000");

  width = gtk_widget_get_width (GTK_WIDGET (dialog));
  height = gtk_widget_get_height (GTK_WIDGET (dialog));
  g_test_message ("dialog %d×%d, %u rows", width, height, count_rows (GTK_WIDGET (dialog)));
  g_assert_cmpint (height, <=, 600);
  g_assert_cmpint (width, <=, 1024);
  g_assert_cmpuint (count_rows (GTK_WIDGET (dialog)), <=, WM_SESSION_MAX_DRAFTS);
  collect_label_texts (GTK_WIDGET (dialog), texts);
  g_assert_nonnull (strstr (texts->str, "more drafts"));
  g_assert_cmpuint (texts->len, <, 64 * 1024);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (parent));
  /* Nothing was deleted by looking. */
  {
    g_autofree char *drafts_dir = g_build_filename (state, "drafts", NULL);
    g_assert_cmpuint (test_count_entries (drafts_dir), ==, 10000);
  }
  test_remove_tree (state);
}

static void
test_undecodable_names (void)
{
  g_autofree char *state = new_dir ("state-names");
  g_autofree char *drafts = g_build_filename (state, "drafts", NULL);
  const char *uris[] = {
    "file:///tmp/%FF%FE%FD.waymark",
    "not a uri at all",
    "file:///tmp/\xff\xfe.waymark",
    "file:///",
    "http://[::1",
  };
  GString *ini = g_string_new ("[session]\nclean-shutdown=false\n");
  g_autoptr(WmSession) session = NULL;
  g_autoptr(GString) texts = g_string_new (NULL);
  AdwMessageDialog *dialog;
  GPtrArray *found;

  g_assert_cmpint (g_mkdir_with_parents (drafts, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (uris); i++)
    {
      g_autofree char *id = g_strdup_printf ("0a1b2c3d-0000-4000-8000-%012u", i);
      g_autofree char *name = g_strconcat (id, ".waymark", NULL);

      write_file (drafts, name, "x", 1);
      g_string_append_printf (ini, "\n[draft %s]\nid=%s\nfile=%s\n%s", id, id, uris[i],
                              i % 2 ? "title=\xff\xfe\n" : "");
    }
  write_file (state, "session.ini", ini->str, ini->len);
  g_string_free (ini, TRUE);

  session = wm_session_new (state);
  found = wm_session_load (session);
  g_assert_cmpuint (found->len, ==, G_N_ELEMENTS (uris));
  dialog = wm_recovery_dialog_new (NULL, found, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  spin_a_little ();
  collect_label_texts (GTK_WIDGET (dialog), texts);
  g_test_message ("%s", texts->str);
  g_assert_null (strstr (texts->str, "(null)"));
  g_assert_true (g_utf8_validate (texts->str, -1, NULL));
  screenshot ("recovery-names");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wm_session_discard_recoverable (session);
  wm_session_shutdown (session);
}

/* ---- property: random session files ---- */

static void
mutate (GString *s,
        GRand   *rand)
{
  guint n = g_rand_int_range (rand, 1, 8);

  for (guint i = 0; i < n && s->len > 0; i++)
    {
      guint at = g_rand_int_range (rand, 0, s->len);
      guint span = g_rand_int_range (rand, 1, 40);

      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0: s->str[at] = (char) g_rand_int_range (rand, 0, 256); break;
        case 1: g_string_erase (s, at, MIN (s->len - at, span)); break;
        case 2: g_string_insert (s, at, g_rand_boolean (rand) ? "\n[draft ../../x]\nid=../../x\n" : "\\"); break;
        default: g_string_truncate (s, at); break;
        }
    }
}

static void
test_random_session_files (void)
{
  g_autofree char *state = new_dir ("state-random");
  g_autofree char *drafts = g_build_filename (state, "drafts", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);

  g_assert_cmpint (g_mkdir (drafts, 0700), ==, 0);
  write_file (drafts, "someone.waymark", "<map/>", -1);
  write_file (state, "x.waymark", "outside", -1);
  for (guint round = 0; round < 400; round++)
    {
      g_autoptr(GString) s = g_string_new (valid_session);
      g_auto(WmSessionFile) parsed = { 0 };
      g_autoptr(WmSession) session = NULL;

      g_string_append_printf (s, "[draft %s]\nid=%s\ntitle=B\n", UUID_B, UUID_B);
      mutate (s, rand);
      if (wm_session_file_parse (s->str, s->len, &parsed, NULL))
        for (guint i = 0; i < parsed.records->len; i++)
          {
            WmSessionRecord *record = g_ptr_array_index (parsed.records, i);
            g_assert_true (g_uuid_string_is_valid (record->draft_id));
            g_assert_null (strchr (record->draft_id, '/'));
            g_assert_true (record->title == NULL || g_utf8_validate (record->title, -1, NULL));
          }

      /* The listed drafts of ours exist; loading and quitting keep them,
       * and never touch anything else. */
      write_file (drafts, UUID_A ".waymark", "<map/>", -1);
      write_file (drafts, UUID_B ".waymark", "<map/>", -1);
      write_file (state, "session.ini", s->str, s->len);
      session = wm_session_new (state);
      wm_session_load (session);
      wm_session_shutdown (session);
      g_assert_true (exists_in (drafts, UUID_A ".waymark"));
      g_assert_true (exists_in (drafts, UUID_B ".waymark"));
      g_assert_true (exists_in (drafts, "someone.waymark"));
      g_assert_true (exists_in (state, "x.waymark"));
      test_remove_tree (state);
      g_assert_cmpint (g_mkdir_with_parents (drafts, 0700), ==, 0);
      write_file (drafts, "someone.waymark", "<map/>", -1);
      write_file (state, "x.waymark", "outside", -1);
    }
}

/* ---- the real app, spawned ---- */

static char *
xdo_output (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  char *out = NULL;

  g_ptr_array_add (argv, (char *) "xdotool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, NULL, NULL);
  return out;
}

typedef struct
{
  GPid        pid;
  const char *regex;
  gulong      window;
} WindowWait;

static gboolean
window_shown (gpointer data)
{
  WindowWait *wait = data;
  g_autofree char *pid = g_strdup_printf ("%d", wait->pid);
  const char *args[] = { "search", "--all", "--onlyvisible", "--pid", pid, "--name", wait->regex, NULL };
  g_autofree char *out = xdo_output (args);

  wait->window = out != NULL ? strtoul (out, NULL, 10) : 0;
  return wait->window != 0;
}

/* The app with up to two arguments; @datadir NULL: the tests' own. */
static GPid
start_app_with (const char *state,
                const char *datadir,
                const char *arg1,
                const char *arg2)
{
  const char *bin = g_getenv ("WAYMARK_BIN");
  const char *argv[] = { bin, arg1, arg2, NULL };
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "WAYMARK_STATE_DIR", state, TRUE);
  g_autoptr(GError) error = NULL;
  GPid pid;

  g_assert_nonnull (bin);
  if (datadir != NULL)
    env = g_environ_setenv (env, "WAYMARK_DATADIR", datadir, TRUE);
  g_spawn_async (tmp_dir, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD |
                 G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

static GPid
start_app (const char *state)
{
  return start_app_with (state, NULL, NULL, NULL);
}

static gulong
wait_for_window (GPid        pid,
                 const char *regex)
{
  WindowWait wait = { pid, regex, 0 };

  g_assert_true (spin_until (window_shown, &wait, 20000));
  return wait.window;
}

static void
stop_app (GPid pid)
{
  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
}

/* A draft the reader refuses: Restore reports it, and it is kept and
 * still listed, to be offered again. */
static void
test_app_unreadable_draft (void)
{
  g_autofree char *state = new_dir ("state-app-broken");
  g_autofree char *drafts = g_build_filename (state, "drafts", NULL);
  g_autofree char *ini = g_strdup_printf ("[session]\nclean-shutdown=false\n\n"
                                          "[draft %s]\nid=%s\ntitle=Broken draft\n", UUID_A, UUID_A);
  g_autofree char *xdotool = test_find_tool ("xdotool");
  g_autoptr(WmSession) next_run = NULL;
  g_autofree char *window = NULL;
  GPid pid;

  if (xdotool == NULL)
    return;
  g_assert_cmpint (g_mkdir (drafts, 0700), ==, 0);
  write_file (drafts, UUID_A ".waymark", "<map xmlns=\"urn:waymark:map:1\" format=\"1\"><title>cut he", -1);
  write_file (state, "session.ini", ini, -1);

  pid = start_app (state);
  window = g_strdup_printf ("%lu", wait_for_window (pid, "^Recover Unsaved Maps\\?$"));
  xdo ("windowfocus", "--sync", window, NULL);
  spin_ms (200);
  xdo ("key", "Return", NULL);
  wait_for_window (pid, "^Could Not Recover a Map$");
  screenshot ("recovery-failed");
  stop_app (pid);

  g_assert_true (exists_in (drafts, UUID_A ".waymark"));
  next_run = wm_session_new (state);
  g_assert_cmpuint (wm_session_load (next_run)->len, ==, 1);
}

static gboolean
no_window (gpointer data)
{
  return !window_shown (data);
}

/* Issue 12, in the real app: `waymark over.waymark` after a crash shows
 * the file, and Restore puts the draft into that window instead of a
 * second one beside it; Ctrl+Z there gives back the version on disk. */
static void
test_app_restore_own_window (void)
{
  g_autofree char *state = new_dir ("state-app-own");
  g_autofree char *path = g_build_filename (tmp_dir, "own.waymark", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *xdotool = test_find_tool ("xdotool");
  g_autoptr(WmDocument) disk = NULL;
  g_autofree char *disk_title = NULL;
  g_autofree char *mine_title = NULL;
  g_autofree char *window = NULL;
  WmWindow *crashed;
  GPid pid;

  if (xdotool == NULL)
    return;
  /* Its lock goes with it: the app's start-up finds the draft. */
  g_object_unref (crash_with_draft (state, file, &crashed));
  gtk_window_destroy (GTK_WINDOW (crashed));
  disk = wm_reader_load_file (file, NULL);
  g_assert_nonnull (disk);
  {
    g_autofree char *escaped = g_regex_escape_string (wm_document_get_title (disk), -1);
    disk_title = g_strdup_printf ("^%s — ", escaped);
  }
  mine_title = g_strdup ("^• Mine — ");

  pid = start_app_with (state, NULL, path, NULL);
  wait_for_window (pid, disk_title);
  window = g_strdup_printf ("%lu", wait_for_window (pid, "^Recover Unsaved Maps\\?$"));
  xdo ("windowfocus", "--sync", window, NULL);
  spin_ms (300);
  screenshot ("restore-own-question");
  xdo ("key", "Return", NULL);

  g_free (window);
  window = g_strdup_printf ("%lu", wait_for_window (pid, mine_title));
  /* One window for the file: the one that showed it now shows the draft. */
  g_assert_true (spin_until (no_window, &(WindowWait) { pid, disk_title, 0 }, 10000));
  spin_ms (500);
  g_assert_false (window_shown (&(WindowWait) { pid, disk_title, 0 }));
  screenshot ("restore-own-window");

  xdo ("windowfocus", "--sync", window, NULL);
  spin_ms (300);
  xdo ("key", "ctrl+z", NULL);
  wait_for_window (pid, disk_title);
  g_assert_false (window_shown (&(WindowWait) { pid, mine_title, 0 }));
  screenshot ("restore-own-undone");
  stop_app (pid);
}

/* The real app given 10,000 drafts: its question fits a small screen. */
static void
test_app_huge_listing (void)
{
  g_autofree char *state = new_dir ("state-app-huge");
  g_autofree char *ini = write_huge_session (state, 10000, 60 * 1024);
  g_autofree char *xdotool = test_find_tool ("xdotool");
  g_autofree char *window = NULL;
  g_autofree char *geometry = NULL;
  const char *at;
  int width = 0, height = 0;
  GPid pid;

  if (xdotool == NULL)
    return;
  pid = start_app (state);
  window = g_strdup_printf ("%lu", wait_for_window (pid, "^Recover Unsaved Maps\\?$"));
  spin_ms (500);
  screenshot ("recovery-app-10000");
  geometry = xdo_output ((const char *[]) { "getwindowgeometry", window, NULL });
  stop_app (pid);

  g_test_message ("%s", geometry);
  at = strstr (geometry, "Geometry: ");
  g_assert_nonnull (at);
  g_assert_cmpint (sscanf (at, "Geometry: %dx%d", &width, &height), ==, 2);
  g_assert_cmpint (height, <=, 600);
  g_assert_cmpint (width, <=, 1024);
  test_remove_tree (state);
}

/* ---- shipped templates open as untitled copies ---- */

/* Ctrl+S in the map's window must ask for a name (a Save As chooser)
 * and leave @template as it was. */
static void
assert_save_asks (GPid        pid,
                  const char *template,
                  const char *shot)
{
  g_autofree char *before = read_text (template);
  g_autofree char *after = NULL;
  g_autofree char *window = NULL;
  g_autofree char *sibling = g_strconcat (template, ".new", NULL);

  window = g_strdup_printf ("%lu", wait_for_window (pid, "Waymark$"));
  xdo ("windowfocus", "--sync", window, NULL);
  spin_ms (300);
  xdo ("key", "ctrl+s", NULL);
  wait_for_window (pid, "^Save Map As$");
  screenshot (shot);
  stop_app (pid);

  after = read_text (template);
  g_assert_cmpstr (after, ==, before);
}

/* `waymark --new-from FILE` (what `make run` does) never saves into FILE. */
static void
test_app_new_from (void)
{
  g_autofree char *state = new_dir ("state-new-from");
  g_autofree char *source = g_build_filename (g_getenv ("WAYMARK_DATADIR"), "templates", "en",
                                              "camping.waymark", NULL);
  g_autofree char *text = read_text (source);
  g_autofree char *dir = new_dir ("new-from");
  g_autofree char *path = g_build_filename (dir, "sample.waymark", NULL);
  g_autofree char *xdotool = test_find_tool ("xdotool");

  if (xdotool == NULL)
    return;
  write_file (dir, "sample.waymark", text, -1);
  assert_save_asks (start_app_with (state, NULL, "--new-from", path), path, "new-from-save-as");
}

/* Opening a file in the app's templates folder (here a copy of the data
 * folder the app is told is its own) gives an untitled map too. */
static void
test_app_open_template (void)
{
  g_autofree char *state = new_dir ("state-open-template");
  g_autofree char *source = g_build_filename (g_getenv ("WAYMARK_DATADIR"), "templates", "en",
                                              "camping.waymark", NULL);
  g_autofree char *text = read_text (source);
  g_autofree char *datadir = new_dir ("datadir");
  g_autofree char *templates = g_build_filename (datadir, "templates", "en", NULL);
  g_autofree char *path = g_build_filename (templates, "camping.waymark", NULL);
  g_autofree char *xdotool = test_find_tool ("xdotool");

  if (xdotool == NULL)
    return;
  g_assert_cmpint (g_mkdir_with_parents (templates, 0700), ==, 0);
  write_file (templates, "camping.waymark", text, -1);
  assert_save_asks (start_app_with (state, datadir, path, NULL), path, "template-save-as");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("waymark-test-session-XXXXXX", NULL);
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

  g_test_add_func ("/Waymark/Session/garbage-deletes-nothing", test_garbage_deletes_nothing);
  g_test_add_func ("/Waymark/Session/symlinked-drafts", test_symlinked_drafts);
  g_test_add_func ("/Waymark/Session/two-processes", test_two_processes);
  g_test_add_func ("/Waymark/Session/documents-without-windows", test_documents_without_windows);
  g_test_add_func ("/Waymark/Session/restore-changed-on-disk", test_restore_changed_on_disk);
  g_test_add_func ("/Waymark/Session/restore-not-a-map", test_restore_not_a_map);
  g_test_add_func ("/Waymark/Session/restore-over-disk", test_restore_over_disk);
  g_test_add_func ("/Waymark/Session/unwritable-banner", test_unwritable_banner);
  g_test_add_func ("/Waymark/Session/huge-listing-dialog", test_huge_listing_dialog);
  g_test_add_func ("/Waymark/Session/undecodable-names", test_undecodable_names);
  g_test_add_func ("/Waymark/Session/random-session-files", test_random_session_files);
  g_test_add_func ("/Waymark/Session/app-unreadable-draft", test_app_unreadable_draft);
  g_test_add_func ("/Waymark/Session/app-huge-listing", test_app_huge_listing);
  g_test_add_func ("/Waymark/Session/app-restore-own-window", test_app_restore_own_window);
  g_test_add_func ("/Waymark/Session/app-new-from", test_app_new_from);
  g_test_add_func ("/Waymark/Session/app-open-template", test_app_open_template);

  return g_test_run ();
}
