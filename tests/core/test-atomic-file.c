/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-atomic-file: replacing a file's content whole, or not at all. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "wm-atomic-file.h"

/* A fresh folder, removed with what is in it at the end of the test. */
static char *
make_folder (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("waymark-atomic-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_folder (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_folder (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted, joined by spaces. */
static char *
listing (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (folder)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
assert_contents (const char *path,
                 const char *expected)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, expected, strlen (expected));
}

static void
write_ok (const char *path,
          const char *data)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (wm_write_file_atomically (file, data, strlen (data), &error));
  g_assert_no_error (error);
}

/* A new file is made, an old one replaced whole, and no temporary file
 * stays behind. */
static void
test_atomic_file_replace (void)
{
  g_autofree char *dir = make_folder ();
  g_autofree char *path = g_build_filename (dir, "map.waymark", NULL);
  g_autofree char *names = NULL;

  write_ok (path, "first\n");
  assert_contents (path, "first\n");
  write_ok (path, "second, longer\n");
  assert_contents (path, "second, longer\n");
  write_ok (path, "");
  assert_contents (path, "");

  names = listing (dir);
  g_assert_cmpstr (names, ==, "map.waymark");
  remove_folder (dir);
}

/* A new file gets 0666 less the umask; an existing one keeps its mode. */
static void
test_atomic_file_mode (void)
{
  g_autofree char *dir = make_folder ();
  g_autofree char *fresh = g_build_filename (dir, "new.waymark", NULL);
  g_autofree char *kept = g_build_filename (dir, "kept.waymark", NULL);
  mode_t mask = umask (022);
  struct stat st;

  write_ok (fresh, "x");
  g_assert_cmpint (g_stat (fresh, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0644);

  g_assert_true (g_file_set_contents (kept, "old", -1, NULL));
  g_assert_cmpint (g_chmod (kept, 0640), ==, 0);
  write_ok (kept, "new");
  g_assert_cmpint (g_stat (kept, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);
  assert_contents (kept, "new");

  umask (mask);
  remove_folder (dir);
}

/* Saving through a link replaces its target and keeps the link; a
 * dangling link gets its target made. */
static void
test_atomic_file_symlink (void)
{
  g_autofree char *dir = make_folder ();
  g_autofree char *target = g_build_filename (dir, "target.waymark", NULL);
  g_autofree char *link = g_build_filename (dir, "link.waymark", NULL);
  g_autofree char *dangling = g_build_filename (dir, "dangling.waymark", NULL);
  g_autofree char *made = g_build_filename (dir, "made.waymark", NULL);

  g_assert_true (g_file_set_contents (target, "old", -1, NULL));
  g_assert_cmpint (symlink ("target.waymark", link), ==, 0);
  write_ok (link, "new");
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  assert_contents (target, "new");

  g_assert_cmpint (symlink ("made.waymark", dangling), ==, 0);
  write_ok (dangling, "born");
  g_assert_true (g_file_test (dangling, G_FILE_TEST_IS_SYMLINK));
  assert_contents (made, "born");

  remove_folder (dir);
}

/* A killed save's temporary file (".NAME.XXXXXX", unlocked) is swept by
 * the next save; other files that only look alike stay. */
static void
test_atomic_file_sweep (void)
{
  g_autofree char *dir = make_folder ();
  g_autofree char *path = g_build_filename (dir, "map.waymark", NULL);
  g_autofree char *leftover = g_build_filename (dir, ".map.waymark.Ab3xYz", NULL);
  g_autofree char *other = g_build_filename (dir, ".other.waymark.Ab3xYz", NULL);
  g_autofree char *longer = g_build_filename (dir, ".map.waymark.Ab3xYz7", NULL);
  g_autofree char *alike = g_build_filename (dir, ".MAP.waymark.Ab3xYz", NULL);
  g_autofree char *locked = g_build_filename (dir, ".map.waymark.Lock12", NULL);
  g_autofree char *names = NULL;
  int fd;

  g_assert_true (g_file_set_contents (leftover, "half a sa", -1, NULL));
  g_assert_true (g_file_set_contents (other, "not ours", -1, NULL));
  g_assert_true (g_file_set_contents (longer, "not a temporary name", -1, NULL));
  g_assert_true (g_file_set_contents (alike, "another file's", -1, NULL));
  /* One being written right now is held locked by its writer. */
  g_assert_true (g_file_set_contents (locked, "being writ", -1, NULL));
  fd = g_open (locked, O_RDONLY | O_CLOEXEC, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);

  write_ok (path, "whole");

  names = listing (dir);
  g_assert_cmpstr (names, ==, ".MAP.waymark.Ab3xYz .map.waymark.Ab3xYz7 .map.waymark.Lock12 "
                   ".other.waymark.Ab3xYz map.waymark");
  close (fd);
  remove_folder (dir);
}

/* A failed save says which file and why, in WM_ERROR, and leaves
 * everything as it was. */
static void
test_atomic_file_errors (void)
{
  g_autofree char *dir = make_folder ();
  g_autofree char *folder = g_build_filename (dir, "a folder", NULL);
  g_autofree char *missing = g_build_filename (dir, "no such folder", "map.waymark", NULL);
  g_autoptr(GFile) folder_file = g_file_new_for_path (folder);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_false (wm_write_file_atomically (folder_file, "x", 1, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "“a folder”"));
  g_assert_nonnull (strstr (error->message, g_strerror (EISDIR)));
  g_clear_error (&error);

  g_assert_false (wm_write_file_atomically (missing_file, "x", 1, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "“map.waymark”"));
  g_clear_error (&error);

  names = listing (dir);
  g_assert_cmpstr (names, ==, "a folder");
  remove_folder (dir);
}

/* A file the user made read-only is not quietly replaced (root may
 * write anything, so the check means nothing there). */
static void
test_atomic_file_read_only (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root may write a read-only file");
      return;
    }

  dir = make_folder ();
  path = g_build_filename (dir, "map.waymark", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_false (wm_write_file_atomically (file, "new", 3, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_IO);
  assert_contents (path, "old");
  remove_folder (dir);
}

static void
test_atomic_file_set_error (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/tmp/地图.waymark");
  g_autoptr(GError) error = NULL;

  g_assert_false (wm_atomic_file_set_error (file, WM_ERROR_TOO_LARGE, "too big", &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "“地图.waymark”: too big"));

  /* No error wanted: still FALSE, nothing set. */
  g_assert_false (wm_atomic_file_set_error (file, WM_ERROR_IO, "x", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/AtomicFile/replace", test_atomic_file_replace);
  g_test_add_func ("/Waymark/AtomicFile/mode", test_atomic_file_mode);
  g_test_add_func ("/Waymark/AtomicFile/symlink", test_atomic_file_symlink);
  g_test_add_func ("/Waymark/AtomicFile/sweep", test_atomic_file_sweep);
  g_test_add_func ("/Waymark/AtomicFile/errors", test_atomic_file_errors);
  g_test_add_func ("/Waymark/AtomicFile/read-only", test_atomic_file_read_only);
  g_test_add_func ("/Waymark/AtomicFile/set-error", test_atomic_file_set_error);

  return g_test_run ();
}
