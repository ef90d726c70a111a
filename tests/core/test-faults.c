/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-faults.c - saving and exporting when the disk, the folder or the
 * process itself fails: the previous file always survives whole.
 *
 * Numbers printed with g_test_message go into tests/RELIABILITY.md. */

#define _GNU_SOURCE  /* unshare(), setgroups() */

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/file.h>
#include <string.h>
#include <time.h>
#include <grp.h>

#include "../fault-util.h"

#include "wm-error.h"
#include "wm-export.h"
#include "wm-reader.h"
#include "wm-atomic-file.h"
#include "wm-writer.h"

#if defined(__SANITIZE_ADDRESS__)
# define WM_TEST_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define WM_TEST_ASAN 1
# endif
#endif

#define KILL_ROUNDS     200
/* Under AddressSanitizer every fork and every load is 5-50 times slower
 * (LeakSanitizer's slow unwinding): a smaller map keeps the run bounded. */
#ifdef WM_TEST_ASAN
# define KILL_CARDS     200
#else
# define KILL_CARDS     2000
#endif
#define KILL_MAX_DELAY  20000   /* µs */
#define DEFAULT_SEED    20261123
#define TMPFS_SIZE      (4 * 1024 * 1024)
#define CHILD_SKIP      77

/* ---- helpers ---- */

static WmDocument *
load_xml (GString *xml)
{
  g_autoptr(GError) error = NULL;
  WmDocument *document = wm_reader_load_data (xml->str, xml->len, "generated", &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_string_free (xml, TRUE);

  return document;
}

static WmDocument *
big_document (guint       n_cards,
              const char *tag)
{
  return load_xml (fault_big_map (n_cards, tag));
}

static void
save_or_die (WmDocument *document,
             const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (wm_writer_save_file (document, file, &error));
  g_assert_no_error (error);
}

/* Saves @document to @path and returns what is on disk. */
static char *
save_old (WmDocument *document,
          const char *path,
          gsize      *length)
{
  char *contents = NULL;

  save_or_die (document, path);
  g_assert_true (g_file_get_contents (path, &contents, length, NULL));

  return contents;
}

static void
assert_save_fails (WmDocument *document,
                   const char *path,
                   const char *message)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_false (wm_writer_save_file (document, file, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_IO);
  g_test_message ("%s", error->message);
  g_assert_cmpstr (error->message, ==, message);
}

static GBytes *
export_bytes (WmDocument     *document,
              WmExportFormat  format)
{
  g_autoptr(GError) error = NULL;
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  GBytes *bytes;

  options.format = format;
  bytes = wm_export_to_bytes (document, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);

  return bytes;
}

static gboolean
export_file (WmDocument     *document,
             WmExportFormat  format,
             double          dpi,
             const char     *path,
             GCancellable   *cancellable,
             GError        **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;

  options.format = format;
  options.dpi = dpi;

  return wm_export_to_file (document, &options, file, cancellable, NULL, NULL, error);
}

/* Two exports of the same map differ only in a PDF's dates and in the
 * ids cairo numbers per process in SVG: blank those out, compare the rest. */
static GByteArray *
normalize_export (const char *data,
                  gsize       length)
{
  static const char * const keys[] = { "/CreationDate (", "/ModDate (", "surface" };
  GByteArray *out = g_byte_array_sized_new (length);
  gsize i = 0;

  while (i < length)
    {
      gboolean matched = FALSE;

      for (guint k = 0; k < G_N_ELEMENTS (keys) && !matched; k++)
        {
          gsize n = strlen (keys[k]);

          if (length - i < n || memcmp (data + i, keys[k], n) != 0)
            continue;
          g_byte_array_append (out, (const guint8 *) keys[k], n);
          g_byte_array_append (out, (const guint8 *) "#", 1);
          i += n;
          if (k < 2)
            while (i < length && data[i] != ')')
              i++;
          else
            while (i < length && g_ascii_isdigit (data[i]))
              i++;
          matched = TRUE;
        }

      if (!matched)
        g_byte_array_append (out, (const guint8 *) data + i++, 1);
    }

  return out;
}

static void
assert_export_whole (const char     *path,
                     WmExportFormat  format,
                     GBytes         *expected)
{
  g_autofree char *now = NULL;
  g_autoptr(GByteArray) now_normal = NULL;
  g_autoptr(GByteArray) expected_normal = NULL;
  gsize length = 0;
  gsize expected_length = 0;
  const char *data = g_bytes_get_data (expected, &expected_length);

  g_assert_true (g_file_get_contents (path, &now, &length, NULL));
  if (format == WM_EXPORT_PNG)
    {
      g_assert_cmpmem (now, length, data, expected_length);
      return;
    }

  now_normal = normalize_export (now, length);
  expected_normal = normalize_export (data, expected_length);
  g_assert_cmpmem (now_normal->data, now_normal->len, expected_normal->data, expected_normal->len);
}

static const char *
export_name (WmExportFormat format)
{
  switch (format)
    {
    case WM_EXPORT_PDF: return "map.pdf";
    case WM_EXPORT_SVG: return "map.svg";
    case WM_EXPORT_PNG: return "map.png";
    default: g_assert_not_reached ();
    }
}

static const WmExportFormat all_formats[] = { WM_EXPORT_PDF, WM_EXPORT_SVG, WM_EXPORT_PNG };

/* ---- full disk: a 4 MiB tmpfs in a private mount namespace ---- */

typedef struct
{
  const char *dir;
} DiskFull;

static void
disk_full_child (gpointer data)
{
  DiskFull *self = data;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autofree char *why = NULL;
  g_autofree char *path = g_build_filename (self->dir, "map.waymark", NULL);
  g_autofree char *fill = g_build_filename (self->dir, "fill", NULL);
  g_autoptr(WmDocument) small = big_document (3, "Old");
  g_autoptr(WmDocument) big = big_document (2000, "New");
  g_autoptr(WmDocument) medium = big_document (100, "Export");
  g_autofree char *old = NULL;
  g_autofree char *new_data = NULL;
  gsize old_length = 0;
  gsize new_length = 0;
  guint64 free_bytes;

  if (!fault_mount_tmpfs (self->dir, TMPFS_SIZE, &why))
    {
      g_test_message ("no tmpfs: %s", why);
      fflush (stdout);
      _exit (CHILD_SKIP);
    }

  old = save_old (small, path, &old_length);
  for (guint i = 0; i < G_N_ELEMENTS (all_formats); i++)
    {
      g_autofree char *out = g_build_filename (self->dir, export_name (all_formats[i]), NULL);

      fault_write (out, "an earlier export, not to be lost\n", -1);
    }

  free_bytes = fault_fill_disk (fill, 16 * 1024);
  new_data = wm_writer_to_string (big, &new_length);
  g_test_message ("tmpfs of %d KiB: %" G_GUINT64_FORMAT " bytes free, saving %" G_GSIZE_FORMAT
                  " bytes over %" G_GSIZE_FORMAT, TMPFS_SIZE / 1024, free_bytes, new_length, old_length);
  g_assert_cmpuint (new_length, >, free_bytes);

  assert_save_fails (big, path, "Could not save “map.waymark”: No space left on device");
  fault_assert_file (path, old, old_length);

  /* Each export is larger than the space left, and fails the same way. */
  for (guint i = 0; i < G_N_ELEMENTS (all_formats); i++)
    {
      g_autofree char *out = g_build_filename (self->dir, export_name (all_formats[i]), NULL);
      g_autofree char *expected = g_strdup_printf ("Could not save “%s”: No space left on device",
                                                   export_name (all_formats[i]));
      g_autoptr(GBytes) bytes = export_bytes (medium, all_formats[i]);
      g_autoptr(GError) error = NULL;

      g_test_message ("%s: %" G_GSIZE_FORMAT " bytes", export_name (all_formats[i]), g_bytes_get_size (bytes));
      g_assert_cmpuint (g_bytes_get_size (bytes), >, free_bytes);
      g_assert_false (export_file (medium, all_formats[i], 96, out, NULL, &error));
      g_assert_error (error, WM_ERROR, WM_ERROR_IO);
      g_assert_cmpstr (error->message, ==, expected);
      fault_assert_file (out, "an earlier export, not to be lost\n", 34);
    }

  /* Nothing left behind: the map, three exports and the filler. */
  g_assert_cmpuint (fault_count_hidden (self->dir, FALSE), ==, 0);
  g_assert_cmpuint (test_count_entries (self->dir), ==, 5);

  /* With room again, the same saves replace the files whole. */
  g_assert_cmpint (g_unlink (fill), ==, 0);
  save_or_die (big, path);
  fault_assert_file (path, new_data, new_length);
  for (guint i = 0; i < G_N_ELEMENTS (all_formats); i++)
    {
      g_autofree char *out = g_build_filename (self->dir, export_name (all_formats[i]), NULL);
      g_autoptr(GBytes) bytes = export_bytes (medium, all_formats[i]);
      g_autoptr(GError) error = NULL;

      export_file (medium, all_formats[i], 96, out, NULL, &error);
      g_assert_no_error (error);
      assert_export_whole (out, all_formats[i], bytes);
    }
  g_assert_cmpuint (fault_count_hidden (self->dir, FALSE), ==, 0);

  fault_report ("disk full", timer);
}

static void
test_disk_full (void)
{
  g_autofree char *dir = fault_tmp_dir ();
  DiskFull self = { dir };
  int status = fault_run_child (disk_full_child, &self);

  /* The tmpfs went away with the child's mount namespace. */
  g_assert_cmpuint (test_count_entries (dir), ==, 0);
  test_remove_tree (dir);

  if (WIFEXITED (status) && WEXITSTATUS (status) == CHILD_SKIP)
    {
      /* tests/core/test-io.c /Waymark/IO/save-disk-full still covers a
       * failed write with RLIMIT_FSIZE. */
      g_test_skip ("cannot mount a tmpfs here (needs root or user namespaces)");
      return;
    }
  fault_assert_child_passed (status);
}

/* ---- read-only folder and read-only file, as an ordinary user ---- */

static void
become_nobody (void)
{
  if (getuid () != 0)
    return;

  g_assert_cmpint (setgroups (0, NULL), ==, 0);
  g_assert_cmpint (setgid (65534), ==, 0);
  g_assert_cmpint (setuid (65534), ==, 0);
  g_assert_cmpint (getuid (), ==, 65534);
}

typedef struct
{
  const char *path;
  const char *out;
} ReadOnly;

static void
read_only_child (gpointer data)
{
  ReadOnly *self = data;
  g_autoptr(WmDocument) document = big_document (20, "New");
  g_autoptr(GError) error = NULL;

  become_nobody ();

  assert_save_fails (document, self->path, "Could not save “map.waymark”: Permission denied");
  g_assert_false (export_file (document, WM_EXPORT_PNG, 96, self->out, NULL, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_IO);
  g_assert_cmpstr (error->message, ==, "Could not save “map.png”: Permission denied");
}

/* Saves and exports as nobody with the files at @file_mode and their
 * folder at @dir_mode: both fail, and the old files are untouched. */
static void
check_read_only (int file_mode,
                 int dir_mode)
{
  g_autofree char *dir = fault_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "map.waymark", NULL);
  g_autofree char *out = g_build_filename (dir, "map.png", NULL);
  g_autoptr(WmDocument) old_document = big_document (3, "Old");
  ReadOnly self = { path, out };
  g_autofree char *old = NULL;
  gsize old_length = 0;

  old = save_old (old_document, path, &old_length);
  fault_write (out, "an earlier export\n", -1);
  g_assert_cmpint (g_chmod (path, file_mode), ==, 0);
  g_assert_cmpint (g_chmod (out, file_mode), ==, 0);
  g_assert_cmpint (g_chmod (dir, dir_mode), ==, 0);

  fault_assert_child_passed (fault_run_child (read_only_child, &self));

  fault_assert_file (path, old, old_length);
  fault_assert_file (out, "an earlier export\n", 18);
  g_assert_cmpuint (test_count_entries (dir), ==, 2);
  test_remove_tree (dir);
}

/* Only the folder stands in the way: the files themselves are writable. */
static void
test_read_only_folder (void)
{
  check_read_only (0666, 0555);
}

/* A file marked read-only in a folder the user may write: replacing it
 * would silently undo the user's protection (GIO refuses it too). */
static void
test_read_only_file (void)
{
  check_read_only (0444, 0777);
}

/* ---- the target became a folder ---- */

static void
test_target_is_folder (void)
{
  g_autofree char *dir = fault_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "map.waymark", NULL);
  g_autofree char *inside = g_build_filename (path, "keep.txt", NULL);
  g_autofree char *out = g_build_filename (dir, "map.pdf", NULL);
  g_autofree char *out_inside = g_build_filename (out, "keep.txt", NULL);
  g_autoptr(WmDocument) document = big_document (3, "Old");
  g_autoptr(GError) error = NULL;
  g_autofree char *old = NULL;
  gsize old_length = 0;

  /* Saved once, then replaced behind our back by a folder with a file. */
  old = save_old (document, path, &old_length);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  fault_write (inside, old, old_length);
  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
  fault_write (out_inside, "kept\n", -1);

  assert_save_fails (document, path, "Could not save “map.waymark”: Is a directory");
  g_assert_false (export_file (document, WM_EXPORT_PDF, 96, out, NULL, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_IO);
  g_assert_cmpstr (error->message, ==, "Could not save “map.pdf”: Is a directory");

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (test_count_entries (path), ==, 1);
  fault_assert_file (inside, old, old_length);
  fault_assert_file (out_inside, "kept\n", 5);
  g_assert_cmpuint (test_count_entries (dir), ==, 2);
  test_remove_tree (dir);
}

/* ---- the folder vanished: moved away, or replaced by a file ---- */

static void
test_vanished_folder (void)
{
  g_autofree char *dir = fault_tmp_dir ();
  g_autofree char *project = g_build_filename (dir, "project", NULL);
  g_autofree char *moved = g_build_filename (dir, "project-moved", NULL);
  g_autofree char *path = g_build_filename (project, "map.waymark", NULL);
  g_autofree char *moved_path = g_build_filename (moved, "map.waymark", NULL);
  g_autoptr(WmDocument) document = big_document (3, "Old");
  g_autoptr(WmDocument) edited = big_document (5, "New");
  g_autoptr(GError) error = NULL;
  g_autofree char *old = NULL;
  gsize old_length = 0;

  g_assert_cmpint (g_mkdir (project, 0755), ==, 0);
  old = save_old (document, path, &old_length);

  /* Someone moves the folder while the map is open. */
  g_assert_cmpint (g_rename (project, moved), ==, 0);
  assert_save_fails (edited, path, "Could not save “map.waymark”: No such file or directory");
  g_assert_false (g_file_test (project, G_FILE_TEST_EXISTS));
  fault_assert_file (moved_path, old, old_length);
  g_assert_cmpuint (test_count_entries (moved), ==, 1);

  /* ... or a file now has the folder's name. */
  fault_write (project, "not a folder\n", -1);
  assert_save_fails (edited, path, "Could not save “map.waymark”: Not a directory");
  g_assert_false (export_file (edited, WM_EXPORT_SVG, 96, path, NULL, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_IO);
  fault_assert_file (project, "not a folder\n", 13);
  g_assert_cmpuint (test_count_entries (dir), ==, 2);

  test_remove_tree (dir);
}

/* ---- exports: cancelled, absurd resolution, then replaced whole ---- */

static void
cancel_at_once (double   fraction,
                gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_export_atomic (void)
{
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autofree char *dir = fault_tmp_dir ();
  g_autoptr(WmDocument) older = big_document (3, "Old");
  g_autoptr(WmDocument) document = big_document (300, "New");

  for (guint i = 0; i < G_N_ELEMENTS (all_formats); i++)
    {
      WmExportFormat format = all_formats[i];
      g_autofree char *path = g_build_filename (dir, export_name (format), NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GBytes) earlier = export_bytes (older, format);
      g_autoptr(GBytes) expected = export_bytes (document, format);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) error = NULL;
      WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
      gsize earlier_length = 0;
      const char *earlier_data = g_bytes_get_data (earlier, &earlier_length);

      fault_write (path, earlier_data, earlier_length);

      /* Cancelled as soon as it reports progress. */
      options.format = format;
      g_assert_false (wm_export_to_file (document, &options, file, cancellable,
                                         cancel_at_once, cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      fault_assert_file (path, earlier_data, earlier_length);

      /* An impossible resolution (it matters for PNG only). */
      if (format == WM_EXPORT_PNG)
        {
          g_assert_false (export_file (document, format, 1e6, path, NULL, &error));
          g_assert_error (error, WM_ERROR, WM_ERROR_TOO_LARGE);
          g_clear_error (&error);
          g_assert_false (export_file (document, format, -1, path, NULL, &error));
          g_assert_error (error, WM_ERROR, WM_ERROR_USAGE);
          g_clear_error (&error);
          fault_assert_file (path, earlier_data, earlier_length);
        }

      /* A good export replaces the earlier one whole. */
      g_assert_true (export_file (document, format, 96, path, NULL, &error));
      g_assert_no_error (error);
      assert_export_whole (path, format, expected);
    }

  g_assert_cmpuint (fault_count_hidden (dir, FALSE), ==, 0);
  g_assert_cmpuint (test_count_entries (dir), ==, 3);
  test_remove_tree (dir);
  fault_report ("export atomic", timer);
}

/* ---- SIGKILL during a save, again and again ---- */

typedef struct
{
  const char *data[2];
  gsize       length[2];
  const char *path;
  int         first;
} KillChild;

/* Writes the two versions in turn, starting with the one not on disk,
 * until it is killed. The bytes are the saves' (wm_writer_save_data()
 * reads them back before it writes anything: that part cannot leave a
 * file behind, and it would take most of the time the kills aim at). */
static void
kill_child (gpointer data)
{
  KillChild *self = data;
  g_autoptr(GFile) file = g_file_new_for_path (self->path);

  for (guint i = 0;; i++)
    {
      int v = (self->first + i) % 2;

      if (!wm_write_file_atomically (file, self->data[v], self->length[v], NULL))
        _exit (3);
    }
}

/* Whether @pid has a file open in @dir that is not (yet) the map: an
 * unnamed O_TMPFILE one ("DIR/#12345 (deleted)") or a named temporary
 * ".map.waymark.XXXXXX". A glance at /proc just before the kill, so that
 * the test knows some kills landed in the middle of writing. */
static gboolean
writing_now (pid_t       pid,
             const char *dir)
{
  g_autofree char *fds = g_strdup_printf ("/proc/%d/fd", (int) pid);
  g_autofree char *prefix = g_strconcat (dir, "/", NULL);
  g_autoptr(GDir) listing = g_dir_open (fds, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *link = g_build_filename (fds, name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      if (target != NULL && g_str_has_prefix (target, prefix) &&
          (target[strlen (prefix)] == '#' || target[strlen (prefix)] == '.'))
        return TRUE;
    }
  return FALSE;
}

/* Whether the writer's unnamed temporary files work in @dir. */
static gboolean
have_o_tmpfile (const char *dir)
{
#ifdef O_TMPFILE
  int fd = open (dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);

  if (fd >= 0)
    {
      close (fd);
      return g_file_test ("/proc/self/fd", G_FILE_TEST_IS_DIR);
    }
#endif
  return FALSE;
}

/* Kills a saving child @rounds times, each after a seeded random delay;
 * after each kill the file must be one version or the other, whole, and
 * the next save must leave no temporary file behind. */
static void
kill_saves (const char *dir,
            guint       rounds,
            const char *what)
{
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autofree char *path = g_build_filename (dir, "map.waymark", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WmDocument) a = big_document (KILL_CARDS, "Alpha");
  g_autoptr(WmDocument) b = big_document (KILL_CARDS, "Beta, a longer version");
  const char *env_seed = g_getenv ("WAYMARK_FAULT_SEED");
  guint32 seed = env_seed != NULL ? (guint32) g_ascii_strtoull (env_seed, NULL, 10) : DEFAULT_SEED;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree char *data_a = NULL;
  g_autofree char *data_b = NULL;
  const char *data[2];
  WmDocument *versions[2] = { a, b };
  gsize length[2] = { 0, 0 };
  guint seen[2] = { 0, 0 };
  guint changes = 0;
  guint mid_write = 0;
  guint left_behind = 0;
  gboolean unnamed = have_o_tmpfile (dir);
  double load_time = 0;
  gint64 start_all;
  int on_disk = 0;
  guint round;

  data[0] = data_a = wm_writer_to_string (a, &length[0]);
  data[1] = data_b = wm_writer_to_string (b, &length[1]);
  start_all = g_get_monotonic_time ();
  save_or_die (a, path);
  g_test_message ("%s: seed %u (set WAYMARK_FAULT_SEED to repeat), %d cards, %" G_GSIZE_FORMAT
                  " and %" G_GSIZE_FORMAT " bytes; one save %.1f ms", what, seed, KILL_CARDS,
                  length[0], length[1], (g_get_monotonic_time () - start_all) / 1e3);

  /* On a loaded machine a child may not even start before its kill: the
   * rounds go on (up to four times as many) until kills have landed
   * inside saves and between them, which the asserts below need. */
  for (round = 0; round < rounds || ((mid_write == 0 || changes == 0) && round < 4 * rounds); round++)
    {
      KillChild child = { { data[0], data[1] }, { length[0], length[1] }, path, 1 - on_disk };
      g_autoptr(WmDocument) loaded = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *now = NULL;
      gsize now_length = 0;
      gulong delay = g_rand_int_range (rand, 0, KILL_MAX_DELAY + 1);
      gboolean writing;
      guint hidden;
      int status = 0;
      int which;
      pid_t pid;
      gint64 start;

      fflush (stdout);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        kill_child (&child);

      g_usleep (delay);
      writing = writing_now (pid, dir);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

      g_assert_true (g_file_get_contents (path, &now, &now_length, NULL));
      if (now_length == length[0] && memcmp (now, data[0], now_length) == 0)
        which = 0;
      else if (now_length == length[1] && memcmp (now, data[1], now_length) == 0)
        which = 1;
      else
        g_error ("round %u (seed %u, %lu µs): the file is neither version: %" G_GSIZE_FORMAT " bytes",
                 round, seed, delay, now_length);

      start = g_get_monotonic_time ();
      loaded = wm_reader_load_file (file, &error);
      load_time += (g_get_monotonic_time () - start) / 1e6;
      g_assert_no_error (error);
      g_assert_cmpuint (wm_document_count_cards (loaded), ==, KILL_CARDS);

      seen[which]++;
      changes += which != on_disk;
      on_disk = which;

      /* With O_TMPFILE the new content has no name until it is whole and
       * only gets one (a temporary one) just before the rename: a kill
       * leaves it only between those two system calls. Without O_TMPFILE
       * (some file systems) a kill anywhere in the write leaves the named
       * temporary file. Either way it is hidden, never the map itself, and
       * the next save removes it: the same version saved again here. */
      hidden = fault_count_hidden (dir, FALSE);
      left_behind += hidden;
      mid_write += writing || hidden > 0;
      save_or_die (versions[on_disk], path);
      fault_assert_file (path, data[on_disk], length[on_disk]);
      if (fault_count_hidden (dir, FALSE) != 0)
        g_error ("round %u (seed %u, %lu µs): the next save left a temporary file", round, seed, delay);
    }

  g_test_message ("%s: %u kills: %u times version A, %u times B, %u changes, %u kills mid-write, "
                  "%u temporary files left until the next save (%s); reading back %.3f s in all",
                  what, round, seen[0], seen[1], changes, mid_write, left_behind,
                  unnamed ? "O_TMPFILE" : "named temporary files", load_time);
  fault_report (what, timer);

  /* Otherwise the kills all landed before or after the saves and the test
   * would prove nothing. */
  g_assert_cmpuint (mid_write, >, 0);
  g_assert_cmpuint (changes, >, 0);
  /* With named temporary files every kill mid-write leaves one (108–129
   * of 200 before O_TMPFILE). With O_TMPFILE only a kill between naming
   * and renaming does: measured 40 in 2,000 kills with 1.4 ms saves, 7 in
   * 3,000 with 10 ms ones; so far fewer than the kills mid-write, never
   * all of them. */
  if (unnamed)
    g_assert_cmpuint (left_behind, <, mid_write);
  else
    g_assert_cmpuint (left_behind, >, 0);
  g_assert_cmpuint (test_count_entries (dir), ==, 1);
}

static void
test_kill_during_save (void)
{
  g_autofree char *dir = fault_tmp_dir ();

  if (!have_o_tmpfile (dir))
    g_test_message ("no O_TMPFILE in %s: the writer falls back to named temporary files", dir);
  kill_saves (dir, KILL_ROUNDS, "kill during save");
  test_remove_tree (dir);
}

/* Where O_TMPFILE or /proc is missing (some file systems, some sandboxes)
 * the writer uses a named temporary file: /proc is hidden here under an
 * empty tmpfs, in a forked child's private mount namespace. */
static void
named_child (gpointer data)
{
  const char *dir = data;
  g_autofree char *why = NULL;
  g_autofree char *path = g_build_filename (dir, "map.waymark", NULL);
  g_autofree char *stale = g_build_filename (dir, ".map.waymark.Ab12Cd", NULL);
  g_autofree char *busy = g_build_filename (dir, ".map.waymark.Busy00", NULL);
  g_autofree char *other = g_build_filename (dir, ".other.waymark.Ab12Cd", NULL);
  g_autoptr(WmDocument) document = big_document (20, "Named");
  g_autofree char *expected = NULL;
  gsize expected_length = 0;
  struct stat st;
  int fd;

  if (!fault_mount_tmpfs ("/proc", 64 * 1024, &why))
    {
      g_test_message ("cannot hide /proc: %s", why);
      fflush (stdout);
      _exit (CHILD_SKIP);
    }
  g_assert_false (have_o_tmpfile (dir));

  /* A new file, then over it: the mode it had is kept. */
  expected = wm_writer_to_string (document, &expected_length);
  save_or_die (document, path);
  fault_assert_file (path, expected, expected_length);
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  save_or_die (document, path);
  fault_assert_file (path, expected, expected_length);
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);

  /* What a killed save left is removed by the next save; a temporary
   * file someone holds locked (a save under way) and other names stay. */
  fault_write (stale, "left by a killed save", -1);
  fault_write (busy, "being written", -1);
  fault_write (other, "another map's", -1);
  fd = open (busy, O_RDONLY | O_CLOEXEC);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);
  save_or_die (document, path);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (busy, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  close (fd);
  save_or_die (document, path);
  g_assert_false (g_file_test (busy, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_unlink (other), ==, 0);
  g_assert_cmpint (g_unlink (path), ==, 0);

  kill_saves (dir, KILL_ROUNDS / 5, "kill during a named save");
  fflush (stdout);
}

static void
test_kill_named (void)
{
  g_autofree char *dir = fault_tmp_dir ();
  int status = fault_run_child (named_child, dir);

  test_remove_tree (dir);
  if (WIFEXITED (status) && WEXITSTATUS (status) == CHILD_SKIP)
    {
      g_test_skip ("no private mount namespace to hide /proc in");
      return;
    }
  fault_assert_child_passed (status);
}

/* ---- two writers ---- */

/* The core does not lock files: two documents saved one after the other
 * leave the second one, complete. The app refuses the silent overwrite
 * before it gets here: tests/app/test-window.c /Waymark/Window/changed-on-disk. */
static void
test_two_writers (void)
{
  g_autofree char *dir = fault_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "map.waymark", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WmDocument) original = big_document (50, "Original");
  g_autoptr(WmDocument) first = NULL;
  g_autoptr(WmDocument) second = NULL;
  g_autoptr(WmDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *second_data = NULL;
  gsize second_length = 0;

  save_or_die (original, path);
  first = wm_reader_load_file (file, &error);
  g_assert_no_error (error);
  second = wm_reader_load_file (file, &error);
  g_assert_no_error (error);

  wm_document_set_title (first, "First window");
  wm_document_set_title (second, "Second window");
  save_or_die (first, path);
  save_or_die (second, path);

  second_data = wm_writer_to_string (second, &second_length);
  fault_assert_file (path, second_data, second_length);
  loaded = wm_reader_load_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wm_document_get_title (loaded), ==, "Second window");
  g_assert_cmpuint (wm_document_count_cards (loaded), ==, 50);
  g_assert_cmpuint (test_count_entries (dir), ==, 1);

  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/Faults/disk-full", test_disk_full);
  g_test_add_func ("/Waymark/Faults/read-only-folder", test_read_only_folder);
  g_test_add_func ("/Waymark/Faults/read-only-file", test_read_only_file);
  g_test_add_func ("/Waymark/Faults/target-is-folder", test_target_is_folder);
  g_test_add_func ("/Waymark/Faults/vanished-folder", test_vanished_folder);
  g_test_add_func ("/Waymark/Faults/export-atomic", test_export_atomic);
  g_test_add_func ("/Waymark/Faults/kill-during-save", test_kill_during_save);
  g_test_add_func ("/Waymark/Faults/kill-during-named-save", test_kill_named);
  g_test_add_func ("/Waymark/Faults/two-writers", test_two_writers);

  return g_test_run ();
}
