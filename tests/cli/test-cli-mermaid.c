/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-mermaid.c - `waymark import` and `waymark export --format
 * mermaid`, spawned as a user would */

#include <string.h>
#include <sys/wait.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "cli-test-util.h"

static const char *const day =
  "journey\n"
  "    title My working day\n"
  "    section Go to work\n"
  "      Make tea: 5: Me\n"
  "      Go upstairs: 3: Me, Cat\n"
  "      Do work: 1: Me, Cat\n"
  "    section Go home\n"
  "      Go downstairs: 5: Me\n"
  "      Sit down: 5: Me\n";

static void
test_help (void)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (run_in (NULL, &out, NULL, "--help", NULL), ==, 0);
  g_assert_true (g_regex_match_simple ("^  waymark import .*  import Mermaid journey diagrams as maps$",
                                       out, G_REGEX_MULTILINE, 0));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_in (NULL, &out, NULL, "import", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "--output-dir"));
}

/* Import, validate, export: the diagram comes back line for line. */
static void
test_import_export (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_autofree char *map = NULL;
  g_autofree char *back = NULL;

  write_file (fixture->tmp, "day.mmd", day);
  g_assert_cmpint (run_in (fixture->tmp, NULL, &err, "import", "day.mmd", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  map = read_file (fixture->tmp, "day.waymark");
  g_assert_nonnull (strstr (map, "mmd:score=\"3\" mmd:actors=\"Me, Cat\""));
  g_assert_cmpint (run_in (fixture->tmp, NULL, NULL, "validate", "day.waymark", NULL), ==, 0);

  g_assert_cmpint (run_in (fixture->tmp, &out, NULL, "export", "day.waymark", "--format", "mermaid",
                           "-o", "-", NULL), ==, 0);
  g_assert_cmpstr (out, ==, day);

  /* The format follows -o's extension. */
  g_assert_cmpint (run_in (fixture->tmp, NULL, NULL, "export", "day.waymark", "-o", "back.mermaid",
                           NULL), ==, 0);
  back = read_file (fixture->tmp, "back.mermaid");
  g_assert_cmpstr (back, ==, day);
}

static void
test_warnings (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *err = NULL;

  write_file (fixture->tmp, "odd.mmd", "journey\nEarly: 9\nsection A\nT: 3: Me\n");
  g_assert_cmpint (run_in (fixture->tmp, NULL, &err, "import", "odd.mmd", NULL), ==, 0);
  g_assert_true (exists (fixture->tmp, "odd.waymark"));
  g_assert_true (g_regex_match_simple ("^odd.mmd:2: .*\n^odd.mmd:2: .*\n^odd.mmd:2: .*\n\\z",
                                       err, G_REGEX_MULTILINE, 0));
}

/* A refused file is named with its line, exit 1; the batch goes on. */
static void
test_refused_batch (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *err = NULL;
  g_autofree char *out_dir = g_build_filename (fixture->tmp, "out", NULL);

  write_file (fixture->tmp, "bad.mmd", "journey\nsection A\nBuy; sell: 5: Me\n");
  write_file (fixture->tmp, "good.mermaid", day);
  write_file (fixture->tmp, "notes.md", "# Notes\n\n```mermaid\njourney\nsection A\nT: 4: Me\n```\n");
  g_assert_cmpint (run_in (fixture->tmp, NULL, &err, "import", "bad.mmd", "good.mermaid", "notes.md",
                           "--output-dir", "out", NULL), ==, 1);
  g_assert_true (g_str_has_prefix (err, "bad.mmd:3: "));
  g_assert_null (strchr (strchr (err, '\n') + 1, '\n'));
  g_assert_false (exists (out_dir, "bad.waymark"));
  g_assert_true (exists (out_dir, "good.waymark"));
  g_assert_true (exists (out_dir, "notes.waymark"));
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  write_file (fixture->tmp, "day.mmd", day);
  g_assert_cmpint (run_in (fixture->tmp, NULL, NULL, "import", NULL), ==, 2);
  g_assert_cmpint (run_in (fixture->tmp, NULL, NULL, "import", "day.mmd", "day.mmd", "-o", "x", NULL), ==, 2);
  g_assert_cmpint (run_in (fixture->tmp, NULL, NULL, "import", "day.mmd", "--format", "csv-grid", NULL), ==, 2);
  g_assert_cmpint (run_in (fixture->tmp, NULL, NULL, "import", "day.mmd", "--dpi", "9", NULL), ==, 2);
  g_assert_cmpint (run_in (fixture->tmp, NULL, NULL, "export", "--format", "mermaid", NULL), ==, 2);
  /* Never over the input itself. */
  g_assert_cmpint (run_in (fixture->tmp, NULL, NULL, "import", "day.mmd", "-o", "day.mmd", NULL), ==, 1);
  g_assert_cmpint (run_in (fixture->tmp, NULL, NULL, "import", "missing.mmd", NULL), ==, 1);
}

/* A map made in Waymark exports, and the export imports again. */
static void
test_template_round_trip (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *env = g_getenv ("WAYMARK_DATADIR");
  g_autofree char *dir = env != NULL ? g_strdup (env)
                                     : g_test_build_filename (G_TEST_DIST, "..", "..", "data", NULL);
  g_autofree char *camping = g_build_filename (dir, "templates", "zh-CN", "camping.waymark", NULL);
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (run_in (fixture->tmp, NULL, &err, "export", camping, "--format", "mermaid",
                           "--output-dir", ".", NULL), ==, 0);
  text = read_file (fixture->tmp, "camping.mmd");
  g_assert_true (g_str_has_prefix (text, "journey\n    title "));
  g_assert_nonnull (strstr (text, "    section "));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_in (fixture->tmp, NULL, &err, "import", "camping.mmd", NULL), ==, 0);
  g_assert_cmpint (run_in (fixture->tmp, NULL, NULL, "validate", "camping.waymark", NULL), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/CliMermaid/help", test_help);
#define ADD(path, func) \
  g_test_add ("/Waymark/CliMermaid/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("import-export", test_import_export);
  ADD ("warnings", test_warnings);
  ADD ("refused-batch", test_refused_batch);
  ADD ("usage", test_usage);
  ADD ("template-round-trip", test_template_round_trip);
#undef ADD

  return g_test_run ();
}
