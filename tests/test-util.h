/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-util.h - helpers shared by the core and CLI tests: spawning a
 * program, finding a tool (or skipping), removing a scratch folder, and
 * time bounds that grow under sanitizers. Header-only, like fault-util.h. */

#pragma once

#include <errno.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <glib.h>
#include <glib/gstdio.h>

/* WAYMARK_TEST_TIMEOUT_SCALE (the sanitizer builds set it): a test's time
 * bounds are multiplied by it, never divided. */
static inline double
test_time_scale (void)
{
  const char *scale = g_getenv ("WAYMARK_TEST_TIMEOUT_SCALE");
  double factor = scale != NULL ? g_ascii_strtod (scale, NULL) : 1.0;

  return MAX (factor, 1.0);
}

/* A timer of this process's CPU time (user + system), with GTimer's
 * shape. Tests only report it (g_test_message): the budgets are rows of
 * `make bench` (tests/bench/run-guards-bench.sh). CPU rather than wall
 * time: another job on the machine slows the wall clock, not the work. */
typedef struct
{
  double start;
  double stop;   /* < 0 while running */
} TestCpuTimer;

static inline double
test_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* The CPU time of the children waited for so far: a bound on what a
 * spawned CLI run did, whatever else loads the machine. */
static inline double
test_children_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static inline void
test_cpu_timer_start (TestCpuTimer *timer)
{
  timer->start = test_cpu_seconds ();
  timer->stop = -1.0;
}

static inline TestCpuTimer *
test_cpu_timer_new (void)
{
  TestCpuTimer *timer = g_new (TestCpuTimer, 1);

  test_cpu_timer_start (timer);
  return timer;
}

static inline void
test_cpu_timer_stop (TestCpuTimer *timer)
{
  timer->stop = test_cpu_seconds ();
}

static inline double
test_cpu_timer_elapsed (TestCpuTimer *timer)
{
  return (timer->stop >= 0.0 ? timer->stop : test_cpu_seconds ()) - timer->start;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestCpuTimer, g_free)

/* The path of @tool, or NULL after marking the test skipped: a missing
 * tool skips only the check that needs it. */
static inline char *
test_find_tool (const char *tool)
{
  char *path = g_find_program_in_path (tool);

  if (path == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s is not installed", tool);

      g_test_skip (message);
    }
  return path;
}

static inline gboolean
test_have_tool (const char *tool)
{
  g_autofree char *path = test_find_tool (tool);

  return path != NULL;
}

/* Removes @path and everything below it, even what a test made read-only;
 * symbolic links are removed, never followed. */
static inline void
test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        test_remove_tree (child);
      else
        g_unlink (child);
    }

  if (dir == NULL)
    g_unlink (path);
  else
    g_rmdir (path);
}

/* How many entries @path holds. */
static inline guint
test_count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

/* The value of "FIELD:" in `pdfinfo` output, stripped; NULL if absent. */
static inline char *
test_info_field (const char *info,
                 const char *field)
{
  g_autofree char *key = g_strdup_printf ("\n%s:", field);
  g_autofree char *all = g_strconcat ("\n", info, NULL);
  const char *p = strstr (all, key);
  const char *end;

  if (p == NULL)
    return NULL;
  p += strlen (key);
  end = strchr (p, '\n');
  return g_strstrip (g_strndup (p, end != NULL ? (gsize) (end - p) : strlen (p)));
}

/* Runs @argv (in @cwd, with @envp; NULL: ours) and returns its wait
 * status. Its stdout and stderr go to @out and @err when given; a
 * non-empty stderr is logged either way. @flags: G_SPAWN_DEFAULT or
 * G_SPAWN_SEARCH_PATH (both outputs are always captured). */
static inline int
test_spawn (const char         *cwd,
            const char * const *argv,
            char              **envp,
            GSpawnFlags         flags,
            char              **out,
            char              **err)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *o = NULL;
  g_autofree char *e = NULL;
  int status = 0;

  /* Captured even when not wanted: it must not end up in the TAP stream. */
  g_spawn_sync (cwd, (char **) argv, envp, flags, NULL, NULL, &o, &e, &status, &error);
  g_assert_no_error (error);

  if (e != NULL && *e != '\0')
    g_test_message ("%s: stderr: %s", argv[0], e);
  if (out != NULL)
    *out = g_steal_pointer (&o);
  if (err != NULL)
    *err = g_steal_pointer (&e);

  return status;
}

/* test_spawn() that fails the test unless @argv exits 0 (found on the
 * PATH); returns its stdout. */
static inline char *
test_run_ok (const char         *cwd,
             const char * const *argv,
             char              **envp,
             char              **err_out)
{
  g_autofree char *command = g_strjoinv (" ", (char **) argv);
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_test_message ("running: %s", command);
  status = test_spawn (cwd, argv, envp, G_SPAWN_SEARCH_PATH, &out, &err);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("“%s” failed:\n%s%s", command, out != NULL ? out : "", err != NULL ? err : "");

  if (err_out != NULL)
    *err_out = g_steal_pointer (&err);
  return out;
}

/* Our environment, for a child run under strace: LeakSanitizer stops the
 * process with ptrace at exit, which it cannot do under strace, so in
 * sanitizer builds that one run skips the leak check. To g_strfreev(). */
static inline char **
test_environ_for_strace (void)
{
  char **envp = g_get_environ ();
  g_autofree char *asan = g_strconcat (g_environ_getenv (envp, "ASAN_OPTIONS") ?: "",
                                       ":detect_leaks=0", NULL);

  return g_environ_setenv (envp, "ASAN_OPTIONS", asan, TRUE);
}
