/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-test-util.h - what the CLI tests share: a temporary folder per
 * test, and `waymark` spawned in it as a user would run it */

#pragma once

#include <stdarg.h>
#include <sys/wait.h>

#include <glib.h>

#include "../test-util.h"

typedef struct
{
  char *tmp;
} Fixture;

static inline void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->tmp = g_dir_make_tmp ("waymark-cli-XXXXXX", &error);
  g_assert_no_error (error);
}

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_remove_tree (fixture->tmp);
  g_free (fixture->tmp);
}

static inline const char *
waymark_bin (void)
{
  const char *bin = g_getenv ("WAYMARK_BIN");

  g_assert_nonnull (bin);
  return bin;
}

/* Runs `waymark ARGS…` (up to NULL) in @cwd, returns the exit status. */
static inline int
run_in (const char  *cwd,
        char       **out,
        char       **err,
        ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list ap;
  int status;

  g_ptr_array_add (argv, (gpointer) waymark_bin ());
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  status = test_spawn (cwd, (const char * const *) argv->pdata, NULL, G_SPAWN_DEFAULT, out, err);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static inline void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static inline char *
read_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static inline gboolean
exists (const char *dir,
        const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}
