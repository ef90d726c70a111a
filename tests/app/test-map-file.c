/* SPDX-License-Identifier: GPL-3.0-or-later */
/* WmMapFile without a window: load, save and the modified flag, another
 * program's write, and restoring a draft over the version on disk. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "app-test-util.h"
#include "wm-edits.h"
#include "wm-map-file.h"
#include "wm-template-chooser.h"
#include "wm-writer.h"

static char *tmp_dir;

static GFile *
tmp_file (const char *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

  g_unlink (path);
  return g_file_new_for_path (path);
}

static char *
file_text (GFile *file)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (g_file_peek_path (file), &text, NULL, NULL));
  return text;
}

static void
write_text (GFile      *file,
            const char *text)
{
  g_assert_true (g_file_set_contents (g_file_peek_path (file), text, -1, NULL));
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* g_assert_finalize_object(), waiting out a worker thread that drops its
 * task (and so its reference) just after the task's callback ran. */
static void
assert_finalized (WmMapFile *map_file)
{
  g_object_add_weak_pointer (G_OBJECT (map_file), (gpointer *) &map_file);
  g_object_unref (map_file);
  g_assert_true (spin_until (pointer_cleared, &map_file, 5000));
}

static char *
map_text (WmMapFile *map_file)
{
  return wm_writer_to_string (wm_map_file_get_document (map_file), NULL);
}

/* The camping template as a file, and the same map renamed @title. */
static char *
camping_text (const char *title)
{
  g_autoptr(WmDocument) document = wm_template_load ("camping", NULL);

  g_assert_nonnull (document);
  if (title != NULL)
    wm_document_set_title (document, title);
  return wm_writer_to_string (document, NULL);
}

static WmMapFile *
loaded (GFile *file)
{
  WmMapFile *map_file = wm_map_file_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (wm_map_file_load (map_file, file, &error));
  g_assert_no_error (error);
  return map_file;
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Result;

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      data)
{
  Result *r = data;

  r->ok = wm_map_file_save_finish (WM_MAP_FILE (object), result, &r->error);
  r->done = TRUE;
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      data)
{
  Result *r = data;

  r->ok = wm_map_file_load_finish (WM_MAP_FILE (object), result, &r->error);
  r->done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return ((Result *) data)->done;
}

static void
save (WmMapFile *map_file,
      GFile     *file)
{
  Result r = { 0 };

  wm_map_file_save_async (map_file, file, NULL, save_cb, &r);
  g_assert_true (spin_until (is_done, &r, 5000));
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
}

static void
rename_map (WmMapFile  *map_file,
            const char *title)
{
  wm_history_push (wm_map_file_get_history (map_file),
                   wm_edit_set (wm_map_file_get_document (map_file), "title", title));
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
test_load_save (void)
{
  g_autoptr(GFile) file = tmp_file ("load-save.waymark");
  g_autofree char *original = camping_text (NULL);
  g_autofree char *etag = NULL;
  g_autofree char *text = NULL;
  g_autofree char *mine = NULL;
  WmMapFile *map_file;
  guint notified = 0;

  write_text (file, original);
  map_file = loaded (file);
  g_signal_connect (map_file, "notify::modified", G_CALLBACK (count_cb), &notified);
  g_assert_true (g_file_equal (wm_map_file_get_file (map_file), file));
  g_assert_false (wm_map_file_get_modified (map_file));
  text = map_text (map_file);
  g_assert_cmpstr (text, ==, original);
  g_assert_nonnull (wm_map_file_get_etag (map_file));
  etag = g_strdup (wm_map_file_get_etag (map_file));
  g_assert_cmpint (wm_map_file_check_save (map_file), ==, WM_MAP_FILE_SAVE_OK);

  rename_map (map_file, "Saved Here");
  g_assert_true (wm_map_file_get_modified (map_file));
  g_assert_cmpuint (notified, ==, 1);
  mine = map_text (map_file);

  save (map_file, file);
  g_assert_false (wm_map_file_get_modified (map_file));
  g_assert_cmpuint (notified, ==, 2);
  g_free (text);
  text = file_text (file);
  g_assert_cmpstr (text, ==, mine);
  g_assert_cmpstr (wm_map_file_get_etag (map_file), !=, etag);

  g_signal_handlers_disconnect_by_func (map_file, count_cb, &notified);
  assert_finalized (map_file);
}

static gboolean
changed_on_disk (gpointer data)
{
  return wm_map_file_get_changed_on_disk (data);
}

static gboolean
disk_says_deleted (gpointer data)
{
  const char *message = wm_map_file_get_disk_message (data);

  return message != NULL && strstr (message, "deleted") != NULL;
}

static void
test_changed_on_disk (void)
{
  guint notified = 0;
  g_autoptr(GFile) file = tmp_file ("changed.waymark");
  g_autofree char *original = camping_text (NULL);
  g_autofree char *theirs = camping_text ("Theirs");
  WmMapFile *map_file;

  write_text (file, original);
  map_file = loaded (file);
  g_signal_connect (map_file, "notify::changed-on-disk", G_CALLBACK (count_cb), &notified);
  /* A rewrite within the same second still shows: the size differs. */
  write_text (file, theirs);
  g_assert_true (spin_until (changed_on_disk, map_file, 5000));
  g_assert_nonnull (wm_map_file_get_disk_message (map_file));
  g_assert_cmpint (wm_map_file_check_save (map_file), ==, WM_MAP_FILE_SAVE_CHANGED);

  /* Then deleted: still changed, and the news is told again. */
  notified = 0;
  g_assert_cmpint (g_unlink (g_file_peek_path (file)), ==, 0);
  g_assert_true (spin_until (disk_says_deleted, map_file, 5000));
  g_assert_cmpuint (notified, >=, 1);
  g_signal_handlers_disconnect_by_func (map_file, count_cb, &notified);
  assert_finalized (map_file);
}

/* A draft of a map, written where a session keeps them. */
static GFile *
write_draft (const char *text)
{
  GFile *draft = tmp_file ("draft.waymark");

  write_text (draft, text);
  return draft;
}

static WmMapFile *
restored (GFile      *draft,
          GFile      *original,
          const char *base_etag)
{
  WmMapFile *map_file = wm_map_file_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (wm_map_file_restore_draft (map_file, draft, original, NULL, base_etag, &error));
  g_assert_no_error (error);
  return map_file;
}

static void
check_undo_gives (WmMapFile  *map_file,
                  const char *before,
                  const char *after)
{
  WmHistory *history = wm_map_file_get_history (map_file);
  g_autofree char *text = map_text (map_file);

  g_assert_cmpstr (text, ==, after);
  g_assert_true (wm_map_file_get_modified (map_file));
  g_assert_cmpstr (wm_history_get_undo_label (history), ==, "Restore Unsaved Changes");
  g_assert_true (wm_history_undo (history));
  g_free (text);
  text = map_text (map_file);
  g_assert_cmpstr (text, ==, before);
  g_assert_true (wm_history_redo (history));
  g_free (text);
  text = map_text (map_file);
  g_assert_cmpstr (text, ==, after);
}

static char *
etag_of (GFile *file)
{
  WmMapFile *probe = loaded (file);
  char *etag = g_strdup (wm_map_file_get_etag (probe));

  g_assert_finalize_object (probe);
  return etag;
}

static void
test_restore_over_disk (void)
{
  g_autoptr(GFile) file = tmp_file ("over.waymark");
  g_autofree char *on_disk = camping_text (NULL);
  g_autofree char *mine = camping_text ("Mine, from the draft");
  g_autoptr(GFile) draft = write_draft (mine);
  g_autofree char *etag = NULL;
  g_autofree char *text = NULL;
  WmMapFile *map_file;

  write_text (file, on_disk);
  etag = etag_of (file);
  map_file = restored (draft, file, etag);
  g_assert_true (g_file_equal (wm_map_file_get_file (map_file), file));
  g_assert_false (wm_map_file_get_changed_on_disk (map_file));
  check_undo_gives (map_file, on_disk, mine);
  g_assert_cmpint (wm_map_file_check_save (map_file), ==, WM_MAP_FILE_SAVE_OK);

  save (map_file, file);
  text = file_text (file);
  g_assert_cmpstr (text, ==, mine);
  assert_finalized (map_file);
}

/* The file changed after the draft was written: undo gives what is on
 * disk now, and saving asks. */
static void
test_restore_over_newer (void)
{
  g_autoptr(GFile) file = tmp_file ("newer.waymark");
  g_autofree char *theirs = camping_text ("Theirs, written after the draft");
  g_autofree char *mine = camping_text ("Mine, from the draft");
  g_autoptr(GFile) draft = write_draft (mine);
  WmMapFile *map_file;

  write_text (file, theirs);
  map_file = restored (draft, file, "an-older-version/123");
  g_assert_true (wm_map_file_get_changed_on_disk (map_file));
  g_assert_nonnull (strstr (wm_map_file_get_disk_message (map_file), "changed after this draft"));
  g_assert_cmpint (wm_map_file_check_save (map_file), ==, WM_MAP_FILE_SAVE_CHANGED);
  check_undo_gives (map_file, theirs, mine);
  assert_finalized (map_file);
}

/* Restored while the file is still being read: the draft goes on top
 * once it is in. */
static void
test_restore_while_loading (void)
{
  g_autoptr(GFile) file = tmp_file ("loading.waymark");
  g_autofree char *on_disk = camping_text (NULL);
  g_autofree char *mine = camping_text ("Mine, from the draft");
  g_autoptr(GFile) draft = write_draft (mine);
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  WmMapFile *map_file = wm_map_file_new ();
  Result r = { 0 };

  write_text (file, on_disk);
  etag = etag_of (file);
  wm_map_file_load_async (map_file, file, FALSE, NULL, load_cb, &r);
  g_assert_true (wm_map_file_get_loading (map_file));
  g_assert_true (wm_map_file_restore_draft (map_file, draft, file, NULL, etag, &error));
  g_assert_no_error (error);
  g_assert_true (spin_until (is_done, &r, 5000));
  g_assert_true (r.ok);
  check_undo_gives (map_file, on_disk, mine);
  assert_finalized (map_file);
}

/* The draft's file is not a map any more: the draft opens untitled, and
 * saving asks for a name. */
static void
test_restore_not_a_map (void)
{
  g_autoptr(GFile) file = tmp_file ("notes.waymark");
  g_autofree char *mine = camping_text ("Mine, from the draft");
  g_autoptr(GFile) draft = write_draft (mine);
  g_autofree char *text = NULL;
  WmMapFile *map_file;

  write_text (file, "shopping list\n");
  map_file = restored (draft, file, NULL);
  g_assert_null (wm_map_file_get_file (map_file));
  g_assert_true (wm_map_file_get_modified (map_file));
  g_assert_true (wm_map_file_get_changed_on_disk (map_file));
  g_assert_cmpint (wm_map_file_check_save (map_file), ==, WM_MAP_FILE_SAVE_NEEDS_NAME);
  text = map_text (map_file);
  g_assert_cmpstr (text, ==, mine);
  assert_finalized (map_file);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("waymark-test-map-file-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  /* Keep the user's recent files out of it. */
  data_home = g_build_filename (tmp_dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

  g_test_add_func ("/Waymark/MapFile/load-save", test_load_save);
  g_test_add_func ("/Waymark/MapFile/changed-on-disk", test_changed_on_disk);
  g_test_add_func ("/Waymark/MapFile/restore-over-disk", test_restore_over_disk);
  g_test_add_func ("/Waymark/MapFile/restore-over-newer", test_restore_over_newer);
  g_test_add_func ("/Waymark/MapFile/restore-while-loading", test_restore_while_loading);
  g_test_add_func ("/Waymark/MapFile/restore-not-a-map", test_restore_not_a_map);
  return g_test_run ();
}
