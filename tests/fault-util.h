/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fault-util.h - helpers shared by tests/core/test-faults.c and
 * tests/cli/test-cli-faults.c: scratch folders, byte comparisons, a forked
 * child with its own small tmpfs, big generated maps (and, through
 * test-util.h, spawning and removing trees). */

#pragma once

/* Needs _GNU_SOURCE, defined before any include, for unshare(). */

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "test-util.h"

static inline char *
fault_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("waymark-faults-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Names in @path starting with "." (the writer's temporary files). */
static inline guint
fault_count_hidden (const char *path,
                    gboolean    remove)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (name[0] != '.')
        continue;
      n++;
      if (remove)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          g_unlink (child);
        }
    }

  return n;
}

static inline void
fault_write (const char *path,
             const char *data,
             gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

static inline void
fault_assert_file (const char *path,
                   const char *data,
                   gsize       length)
{
  g_autofree char *now = NULL;
  gsize now_length = 0;

  g_assert_true (g_file_get_contents (path, &now, &now_length, NULL));
  g_assert_cmpmem (now, now_length, data, length);
}

/* In a forked child only: a private mount namespace (so nothing is left
 * mounted if the child dies) with a tmpfs of @size bytes on @dir. As root
 * that needs CAP_SYS_ADMIN; otherwise a user namespace is tried. */
static inline gboolean
fault_write_proc (const char *path,
                  const char *text)
{
  int fd = open (path, O_WRONLY | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = write (fd, text, strlen (text)) == (gssize) strlen (text);
  close (fd);

  return ok;
}

static inline gboolean
fault_mount_tmpfs (const char  *dir,
                   gsize        size,
                   char       **why)
{
  g_autofree char *options = g_strdup_printf ("size=%" G_GSIZE_FORMAT ",mode=0700", size);
  uid_t uid = getuid ();
  gid_t gid = getgid ();

  if (unshare (CLONE_NEWNS) != 0)
    {
      g_autofree char *uid_map = g_strdup_printf ("0 %u 1", (guint) uid);
      g_autofree char *gid_map = g_strdup_printf ("0 %u 1", (guint) gid);

      if (unshare (CLONE_NEWUSER | CLONE_NEWNS) != 0)
        {
          *why = g_strdup_printf ("unshare: %s", g_strerror (errno));
          return FALSE;
        }
      fault_write_proc ("/proc/self/setgroups", "deny");
      if (!fault_write_proc ("/proc/self/uid_map", uid_map) ||
          !fault_write_proc ("/proc/self/gid_map", gid_map))
        {
          *why = g_strdup_printf ("uid_map: %s", g_strerror (errno));
          return FALSE;
        }
    }

  if (mount ("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
      mount ("tmpfs", dir, "tmpfs", MS_NOSUID | MS_NODEV, options) != 0)
    {
      *why = g_strdup_printf ("mount: %s", g_strerror (errno));
      return FALSE;
    }

  return TRUE;
}

/* Fills the file system of @path until it is full, then frees @leave
 * bytes again. Returns the bytes free afterwards. */
static inline guint64
fault_fill_disk (const char *path,
                 gsize       leave)
{
  static const char block[4096];
  struct statvfs vfs;
  goffset total = 0;
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

  g_assert_cmpint (fd, >=, 0);
  for (;;)
    {
      gssize n = write (fd, block, sizeof block);

      if (n > 0)
        {
          total += n;
          continue;
        }
      g_assert_cmpint (errno, ==, ENOSPC);
      break;
    }
  g_assert_cmpint (ftruncate (fd, MAX (0, total - (goffset) leave)), ==, 0);
  close (fd);

  g_assert_cmpint (statvfs (path, &vfs), ==, 0);
  return (guint64) vfs.f_bavail * vfs.f_frsize;
}

/* Runs @func in a forked child (g_assert failures abort it) and returns
 * its wait status. The child shares stdout, so g_test_message works. */
typedef void (*FaultChildFunc) (gpointer data);

static inline int
fault_run_child (FaultChildFunc func,
                 gpointer       data)
{
  int status = 0;
  pid_t pid;

  fflush (stdout);
  fflush (stderr);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      func (data);
      fflush (stdout);
      _exit (0);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  return status;
}

static inline void
fault_assert_child_passed (int status)
{
  if (WIFSIGNALED (status))
    g_error ("the child died of signal %d", WTERMSIG (status));
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

/* A map of @n_cards cards over 10 stages; @tag makes versions differ. */
static inline GString *
fault_big_map (guint       n_cards,
               const char *tag)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n");

  g_string_append_printf (out, "  <title>Version %s</title>\n", tag);
  for (guint s = 0; s < 10; s++)
    g_string_append_printf (out, "  <stage id=\"s%u\">\n    <title>Stage %u</title>\n  </stage>\n", s, s);
  g_string_append (out, "  <lane id=\"l1\" kind=\"actions\">\n");
  for (guint i = 0; i < n_cards; i++)
    g_string_append_printf (out,
                            "    <card id=\"c%u\" stage=\"s%u\">\n"
                            "      <text>%s card %u: the customer compares three offers and 询问价格</text>\n"
                            "    </card>\n",
                            i, i % 10, tag, i);
  g_string_append (out, "  </lane>\n</map>\n");

  return out;
}

/* Time and memory, for tests/RELIABILITY.md. */
static inline void
fault_report (const char *what,
              GTimer     *timer)
{
  struct rusage self;
  struct rusage children;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &self), ==, 0);
  g_assert_cmpint (getrusage (RUSAGE_CHILDREN, &children), ==, 0);
  g_test_message ("%s: %.3f s, peak RSS %ld KiB (children %ld KiB)",
                  what, g_timer_elapsed (timer, NULL), self.ru_maxrss, children.ru_maxrss);
}
