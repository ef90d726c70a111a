/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-faults.c - `waymark export` over an existing file when things
 * go wrong: the earlier export survives whole, or is replaced whole. */

#define _GNU_SOURCE  /* unshare(), setgroups() */

#include <errno.h>
#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gunixsocketaddress.h>
#include <signal.h>
#include <string.h>

#include "../fault-util.h"

#define OLD_EXPORT   "an earlier export, not to be lost\n"
#define KILL_ROUNDS  40
#define DEFAULT_SEED 20261123

static const char * const formats[] = { "pdf", "svg", "png" };

static const char *
waymark_bin (void)
{
  const char *bin = g_getenv ("WAYMARK_BIN");

  g_assert_nonnull (bin);
  return bin;
}

/* Runs `waymark export INPUT -o OUTPUT [EXTRA]`; returns the exit status. */
static int
export (const char  *input,
        const char  *output,
        const char  *extra,
        const char  *extra_value,
        char       **err)
{
  const char *argv[] = { waymark_bin (), "export", input, "-o", output, extra, extra_value, NULL };
  int status = test_spawn (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, err);

  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static char *
write_map (const char *dir,
           guint       n_cards)
{
  g_autoptr(GString) xml = fault_big_map (n_cards, "CLI");
  char *path = g_build_filename (dir, "map.waymark", NULL);

  fault_write (path, xml->str, xml->len);
  return path;
}

/* Whole: the same bytes as a reference export, except a PDF's dates. */
static void
assert_same_export (const char *path,
                    const char *reference)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gsize a_length = 0;
  gsize b_length = 0;

  g_assert_true (g_file_get_contents (path, &a, &a_length, NULL));
  g_assert_true (g_file_get_contents (reference, &b, &b_length, NULL));
  if (!g_str_has_suffix (path, ".pdf"))
    {
      g_assert_cmpmem (a, a_length, b, b_length);
      return;
    }

  g_assert_cmpuint (a_length, ==, b_length);
  g_assert_true (g_str_has_prefix (a, "%PDF-"));
  g_assert_nonnull (g_strstr_len (a + a_length - MIN (a_length, 32), MIN (a_length, 32), "%%EOF"));
}

/* ---- refused before anything is written ---- */

static void
test_export_refused (void)
{
  g_autofree char *dir = fault_tmp_dir ();
  g_autofree char *map = write_map (dir, 20);
  g_autofree char *broken = g_build_filename (dir, "broken.waymark", NULL);
  g_autofree char *png = g_build_filename (dir, "out.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "out.pdf", NULL);
  g_autofree char *err = NULL;

  fault_write (png, OLD_EXPORT, -1);
  fault_write (pdf, OLD_EXPORT, -1);
  fault_write (broken, "<map xmlns=\"urn:waymark:map:1\" format=\"1\"><title>cut off", -1);

  g_assert_cmpint (export (map, png, "--dpi", "100000", &err), ==, 1);
  g_assert_nonnull (strstr (err, "--dpi"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (export (map, png, "--dpi", "1e999", NULL), ==, 2);
  g_assert_cmpint (export (map, png, "--dpi", "-5", NULL), ==, 2);
  g_assert_cmpint (export (broken, pdf, NULL, NULL, NULL), ==, 1);
  fault_assert_file (png, OLD_EXPORT, strlen (OLD_EXPORT));
  fault_assert_file (pdf, OLD_EXPORT, strlen (OLD_EXPORT));

  g_assert_cmpuint (fault_count_hidden (dir, FALSE), ==, 0);
  g_assert_cmpuint (test_count_entries (dir), ==, 4);
  test_remove_tree (dir);
}

/* ---- a full disk: a 4 MiB tmpfs in a private mount namespace ---- */

typedef struct
{
  const char *disk;
  const char *map;
  const char *reference;
} DiskFull;

static void
disk_full_child (gpointer data)
{
  DiskFull *self = data;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autofree char *why = NULL;
  g_autofree char *fill = g_build_filename (self->disk, "fill", NULL);
  guint64 free_bytes;

  if (!fault_mount_tmpfs (self->disk, 4 * 1024 * 1024, &why))
    {
      g_test_message ("no tmpfs: %s", why);
      fflush (stdout);
      _exit (77);
    }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strconcat ("map.", formats[i], NULL);
      g_autofree char *out = g_build_filename (self->disk, name, NULL);

      fault_write (out, OLD_EXPORT, -1);
    }
  free_bytes = fault_fill_disk (fill, 16 * 1024);
  g_test_message ("%" G_GUINT64_FORMAT " bytes free", free_bytes);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strconcat ("map.", formats[i], NULL);
      g_autofree char *out = g_build_filename (self->disk, name, NULL);
      g_autofree char *expected = g_strdup_printf ("Could not save “%s”: No space left on device", name);
      g_autofree char *err = NULL;

      g_assert_cmpint (export (self->map, out, NULL, NULL, &err), ==, 1);
      g_assert_nonnull (strstr (err, expected));
      fault_assert_file (out, OLD_EXPORT, strlen (OLD_EXPORT));
    }
  g_assert_cmpuint (fault_count_hidden (self->disk, FALSE), ==, 0);
  g_assert_cmpuint (test_count_entries (self->disk), ==, 4);

  /* With room again each export replaces the earlier one whole. */
  g_assert_cmpint (g_unlink (fill), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strconcat ("map.", formats[i], NULL);
      g_autofree char *out = g_build_filename (self->disk, name, NULL);
      g_autofree char *reference = g_build_filename (self->reference, name, NULL);

      g_assert_cmpint (export (self->map, out, NULL, NULL, NULL), ==, 0);
      assert_same_export (out, reference);
    }
  g_assert_cmpuint (fault_count_hidden (self->disk, FALSE), ==, 0);

  fault_report ("cli disk full", timer);
}

static void
test_export_disk_full (void)
{
  g_autofree char *dir = fault_tmp_dir ();
  g_autofree char *disk = g_build_filename (dir, "disk", NULL);
  g_autofree char *map = write_map (dir, 100);
  DiskFull self = { disk, map, dir };
  int status;

  /* References, exported where there is room. */
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strconcat ("map.", formats[i], NULL);
      g_autofree char *out = g_build_filename (dir, name, NULL);

      g_assert_cmpint (export (map, out, NULL, NULL, NULL), ==, 0);
    }
  g_assert_cmpint (g_mkdir (disk, 0700), ==, 0);

  status = fault_run_child (disk_full_child, &self);
  g_assert_cmpuint (test_count_entries (disk), ==, 0);
  test_remove_tree (dir);

  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    {
      g_test_skip ("cannot mount a tmpfs here (needs root or user namespaces)");
      return;
    }
  fault_assert_child_passed (status);
}

/* ---- a read-only folder, as an ordinary user ---- */

static void
read_only_child (gpointer data)
{
  const char *dir = data;
  g_autofree char *map = g_build_filename (dir, "map.waymark", NULL);
  g_autofree char *out = g_build_filename (dir, "map.svg", NULL);
  g_autofree char *err = NULL;

  if (getuid () == 0)
    {
      g_assert_cmpint (setgroups (0, NULL), ==, 0);
      g_assert_cmpint (setgid (65534), ==, 0);
      g_assert_cmpint (setuid (65534), ==, 0);
    }

  g_assert_cmpint (export (map, out, NULL, NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, "Could not save “map.svg”: Permission denied"));
}

static void
test_export_read_only_folder (void)
{
  g_autofree char *dir = fault_tmp_dir ();
  g_autofree char *map = write_map (dir, 20);
  g_autofree char *out = g_build_filename (dir, "map.svg", NULL);

  if (getuid () == 0 && access (waymark_bin (), X_OK) == 0)
    {
      /* The binary must be reachable by "nobody". */
      g_autofree char *folder = g_path_get_dirname (waymark_bin ());
      struct stat st;

      while (strlen (folder) > 1)
        {
          char *parent = g_path_get_dirname (folder);

          if (stat (folder, &st) != 0 || (st.st_mode & 0001) == 0)
            {
              g_free (parent);
              test_remove_tree (dir);
              g_test_skip ("the waymark binary is not reachable by an ordinary user");
              return;
            }
          g_free (folder);
          folder = parent;
        }
    }

  fault_write (out, OLD_EXPORT, -1);
  g_assert_cmpint (g_chmod (map, 0644), ==, 0);
  g_assert_cmpint (g_chmod (out, 0666), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  fault_assert_child_passed (fault_run_child (read_only_child, dir));

  fault_assert_file (out, OLD_EXPORT, strlen (OLD_EXPORT));
  g_assert_cmpuint (test_count_entries (dir), ==, 2);
  test_remove_tree (dir);
}

/* ---- SIGKILL during an export, again and again ---- */

static void
test_export_killed (void)
{
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GTimer) once = g_timer_new ();
  g_autofree char *dir = fault_tmp_dir ();
  g_autofree char *map = write_map (dir, 60);
  g_autofree char *reference = g_build_filename (dir, "reference.png", NULL);
  g_autofree char *out = g_build_filename (dir, "map.png", NULL);
  g_autofree char *whole = NULL;
  gsize whole_length = 0;
  const char *env_seed = g_getenv ("WAYMARK_FAULT_SEED");
  guint32 seed = env_seed != NULL ? (guint32) g_ascii_strtoull (env_seed, NULL, 10) : DEFAULT_SEED;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint killed = 0;
  guint replaced = 0;
  guint untouched = 0;
  gulong span;

  g_timer_start (once);
  g_assert_cmpint (export (map, reference, NULL, NULL, NULL), ==, 0);
  span = (gulong) (g_timer_elapsed (once, NULL) * 1e6);
  g_assert_true (g_file_get_contents (reference, &whole, &whole_length, NULL));
  g_test_message ("seed %u, one export %.3f s, %" G_GSIZE_FORMAT " bytes",
                  seed, span / 1e6, whole_length);

  for (guint round = 0; round < KILL_ROUNDS; round++)
    {
      const char *argv[] = { waymark_bin (), "export", map, "-o", out, NULL };
      g_autofree char *now = NULL;
      gsize now_length = 0;
      /* Up to 2.5 exports long: on a busy machine an export can take twice
       * the first one's time, and some must finish. */
      gulong delay = g_rand_int_range (rand, 0, (gint32) MIN (span * 5 / 2, 4000000) + 1);
      int status = 0;
      pid_t pid;

      fault_write (out, OLD_EXPORT, -1);
      fflush (stdout);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          int null = open ("/dev/null", O_WRONLY);

          dup2 (null, STDERR_FILENO);
          execv (argv[0], (char **) argv);
          _exit (127);
        }

      g_usleep (delay);
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      if (WIFSIGNALED (status))
        killed++;
      else
        g_assert_cmpint (WEXITSTATUS (status), ==, 0);

      g_assert_true (g_file_get_contents (out, &now, &now_length, NULL));
      if (now_length == whole_length && memcmp (now, whole, now_length) == 0)
        replaced++;
      else
        {
          g_assert_cmpmem (now, now_length, OLD_EXPORT, strlen (OLD_EXPORT));
          untouched++;
        }

      fault_count_hidden (dir, TRUE);
    }

  g_test_message ("%d rounds: %u killed before exiting; the file found replaced whole %u "
                  "times, untouched %u times", KILL_ROUNDS, killed, replaced, untouched);
  fault_report ("cli export killed", timer);
  g_assert_cmpuint (killed, >, 0);
  g_assert_cmpuint (replaced, >, 0);
  test_remove_tree (dir);
}

/* ---- durable: the order of the system calls ---- */

/* Index of the first of @lines from @from on that contains all of @needles
 * (NULL-terminated), or -1. */
static int
find_line (char       **lines,
           int          from,
           const char  *first,
           ...)
{
  for (int i = MAX (from, 0); lines[i] != NULL; i++)
    {
      gboolean all = TRUE;
      const char *needle = first;
      va_list ap;

      va_start (ap, first);
      for (; needle != NULL && all; needle = va_arg (ap, const char *))
        all = strstr (lines[i], needle) != NULL;
      va_end (ap);
      if (all)
        return i;
    }
  return -1;
}

/* What a power cut may undo is only what `waymark export` has not yet
 * reported done: under strace, the new content is flushed (fsync) before
 * it takes the name, and the folder after the rename, so that the rename
 * is on the disk too. Without O_TMPFILE the temporary file is named, but
 * the order is the same. */
static void
test_export_durable (void)
{
  g_autofree char *strace = g_find_program_in_path ("strace");
  g_autofree char *dir = fault_tmp_dir ();
  g_autofree char *map = write_map (dir, 20);
  g_autofree char *pdf = g_build_filename (dir, "out.pdf", NULL);
  g_autofree char *log = g_build_filename (dir, "strace.log", NULL);
  g_autofree char *dir_fd = g_strdup_printf ("<%s>)", dir);
  g_autofree char *trace = NULL;
  g_auto(GStrv) envp = test_environ_for_strace ();
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  int tmp, synced, renamed, dir_synced;

  if (strace == NULL)
    {
      g_test_skip ("strace is not installed");
      test_remove_tree (dir);
      return;
    }

  fault_write (pdf, OLD_EXPORT, -1);
  {
    const char *argv[] = { strace, "-y", "-qq", "-e", "trace=openat,fsync,fdatasync,linkat,renameat,renameat2,rename",
                           "-o", log, waymark_bin (), "export", map, "-o", pdf, NULL };

    g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_true (g_file_get_contents (log, &trace, NULL, NULL));
  g_test_message ("%s", trace);
  lines = g_strsplit (trace, "\n", -1);

  /* The new content: an unnamed file, or a named ".out.pdf.XXXXXX". */
  tmp = find_line (lines, 0, "O_TMPFILE", "(deleted)", NULL);
  if (tmp >= 0)
    synced = find_line (lines, tmp, "fsync(", "(deleted)", NULL);
  else
    {
      tmp = find_line (lines, 0, ".out.pdf.", "O_CREAT", NULL);
      synced = find_line (lines, tmp, "fsync(", "/.out.pdf.", NULL);
    }
  renamed = find_line (lines, synced, "rename", "out.pdf\")", NULL);
  dir_synced = find_line (lines, renamed, "fsync(", dir_fd, NULL);
  g_test_message ("temporary file at line %d, flushed at %d, renamed at %d, folder flushed at %d",
                  tmp, synced, renamed, dir_synced);
  g_assert_cmpint (tmp, >=, 0);
  g_assert_cmpint (synced, >, tmp);
  g_assert_cmpint (renamed, >, synced);
  g_assert_cmpint (dir_synced, >, renamed);

  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (fault_count_hidden (dir, FALSE), ==, 0);
  test_remove_tree (dir);
}

/* Anything but a regular file is refused at once, never waited on: a
 * FIFO (read_map() used to block forever opening it), a symbolic link
 * to one, a device, a socket, a folder. */
static void
test_not_regular (void)
{
  g_autofree char *dir = g_dir_make_tmp ("waymark-cli-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "pipe.waymark", NULL);
  g_autofree char *link = g_build_filename (dir, "link.waymark", NULL);
  g_autofree char *sock = g_build_filename (dir, "socket.waymark", NULL);
  g_autofree char *out = g_build_filename (dir, "out.pdf", NULL);
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  const char *paths[] = { fifo, link, "/dev/zero", sock, dir };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink (fifo, link), ==, 0);
  socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, NULL);
  address = g_unix_socket_address_new (sock);
  g_assert_true (g_socket_bind (socket, address, FALSE, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GTimer) timer = g_timer_new ();
      const char *validate[] = { waymark_bin (), "validate", paths[i], NULL };
      g_autofree char *err = NULL;
      g_autofree char *err2 = NULL;
      int status;

      /* A hang is the failure: generous, the command takes milliseconds. */
      status = test_spawn (NULL, validate, NULL, G_SPAWN_DEFAULT, NULL, &err);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 1);
      g_assert_cmpint (export (paths[i], out, NULL, NULL, &err2), ==, 1);
      g_test_message ("%s | %s", err, err2);
      g_assert_true (strstr (err, "not a regular file") != NULL || strstr (err, g_strerror (EISDIR)) != NULL);
      g_assert_true (strstr (err2, "not a regular file") != NULL || strstr (err2, g_strerror (EISDIR)) != NULL);
      g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 10.0);
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }

  g_unlink (link);
  g_unlink (fifo);
  g_unlink (sock);
  g_rmdir (dir);
}

/* The importers read through the same guard: a FIFO as the Mermaid
 * diagram, the feedback CSV, the --stage-map CSV or the --map to add to
 * is refused at once, and nothing is written. */
static void
test_not_regular_imports (void)
{
  g_autofree char *dir = g_dir_make_tmp ("waymark-cli-XXXXXX", NULL);
  g_autofree char *fifo_mmd = g_build_filename (dir, "pipe.mmd", NULL);
  g_autofree char *fifo_csv = g_build_filename (dir, "pipe.csv", NULL);
  g_autofree char *fifo_map = g_build_filename (dir, "pipe.waymark", NULL);
  g_autofree char *csv = g_build_filename (dir, "feedback.csv", NULL);
  g_autofree char *out = g_build_filename (dir, "out.waymark", NULL);
  const char *bin = waymark_bin ();
  const char *commands[][8] = {
    { bin, "import", fifo_mmd, "-o", out, NULL },
    { bin, "import-feedback", fifo_csv, "-o", out, NULL },
    { bin, "import-feedback", csv, "--stage-map", fifo_csv, "-o", out, NULL },
    { bin, "import-feedback", csv, "--map", fifo_map, "-o", out, NULL },
  };

  g_assert_cmpint (mkfifo (fifo_mmd, 0600), ==, 0);
  g_assert_cmpint (mkfifo (fifo_csv, 0600), ==, 0);
  g_assert_cmpint (mkfifo (fifo_map, 0600), ==, 0);
  g_assert_true (g_file_set_contents (csv, "text,tag\nSlow reply,wait\n", -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(GTimer) timer = g_timer_new ();
      g_autofree char *err = NULL;
      int status;

      /* A hang is the failure: generous, the command takes milliseconds. */
      status = test_spawn (NULL, commands[i], NULL, G_SPAWN_DEFAULT, NULL, &err);
      g_test_message ("%s %s: %s", commands[i][1], commands[i][2], err);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 1);
      g_assert_nonnull (strstr (err, "not a regular file"));
      g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 10.0);
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }

  g_unlink (fifo_mmd);
  g_unlink (fifo_csv);
  g_unlink (fifo_map);
  g_unlink (csv);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/CliFaults/export-refused", test_export_refused);
  g_test_add_func ("/Waymark/CliFaults/not-regular", test_not_regular);
  g_test_add_func ("/Waymark/CliFaults/not-regular-imports", test_not_regular_imports);
  g_test_add_func ("/Waymark/CliFaults/export-disk-full", test_export_disk_full);
  g_test_add_func ("/Waymark/CliFaults/export-read-only-folder", test_export_read_only_folder);
  g_test_add_func ("/Waymark/CliFaults/export-killed", test_export_killed);
  g_test_add_func ("/Waymark/CliFaults/export-durable", test_export_durable);

  return g_test_run ();
}
