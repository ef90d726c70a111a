/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-lint.c - `waymark validate --lint`: advice, never a refusal */

#include <sys/wait.h>

#include <glib.h>

#include "../test-util.h"
#include "../test-maps.h"

static void
test_lint_blank (void)
{
  g_autofree char *data = test_datadir ();
  g_autofree char *blank = g_build_filename (data, "templates", "en", "blank.waymark", NULL);
  g_autofree char *camping = g_build_filename (data, "templates", "en", "camping.waymark", NULL);
  const char *argv[] = { g_getenv ("WAYMARK_BIN"), "validate", "--lint", "-j", "1", blank, camping, NULL };
  g_autofree char *out = NULL;
  g_autofree char *line = NULL;
  int status;

  g_assert_nonnull (argv[0]);
  status = test_spawn (NULL, argv, NULL, G_SPAWN_DEFAULT, &out, NULL);

  /* A valid map exits 0 whatever lint finds. */
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  line = g_strdup_printf ("%s: Touchpoints: missing: the map has no touchpoint cards\n", blank);
  g_assert_nonnull (strstr (out, line));
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("%s: Internal owners: ok: every opportunity has an owner\n", camping);
  g_assert_nonnull (strstr (out, line));
}

/* Without --lint, validate prints nothing for a valid map, as before. */
static void
test_no_lint_quiet (void)
{
  g_autofree char *data = test_datadir ();
  g_autofree char *blank = g_build_filename (data, "templates", "en", "blank.waymark", NULL);
  const char *argv[] = { g_getenv ("WAYMARK_BIN"), "validate", blank, NULL };
  g_autofree char *out = NULL;
  int status = test_spawn (NULL, argv, NULL, G_SPAWN_DEFAULT, &out, NULL);

  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_cmpstr (out, ==, "");
}

/* The findings follow the UI language, not the map's. */
static void
test_lint_translated (void)
{
  g_autofree char *data = test_datadir ();
  g_autofree char *blank = g_build_filename (data, "templates", "en", "blank.waymark", NULL);
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *mo = g_build_filename (localedir, "zh_CN", "LC_MESSAGES", "waymark.mo", NULL);
  const char *argv[] = { g_getenv ("WAYMARK_BIN"), "validate", "--lint", blank, NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *line = NULL;
  int status;

  if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("the zh_CN translation is not built");
      return;
    }
  envp = g_environ_setenv (envp, "WAYMARK_LOCALEDIR", localedir, TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "zh_CN", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  status = test_spawn (NULL, argv, envp, G_SPAWN_DEFAULT, &out, NULL);

  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  line = g_strdup_printf ("%s: 触点: 缺失: 地图没有触点卡片\n", blank);
  g_assert_nonnull (strstr (out, line));
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/CliLint/blank-and-camping", test_lint_blank);
  g_test_add_func ("/Waymark/CliLint/quiet-without-lint", test_no_lint_quiet);
  g_test_add_func ("/Waymark/CliLint/translated", test_lint_translated);

  return g_test_run ();
}
