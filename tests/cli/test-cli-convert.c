/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-convert.c - `waymark export --format json|csv|csv-grid` and
 * `waymark import` of JSON and CSV, spawned as a user would */

#include <string.h>
#include <sys/wait.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "cli-test-util.h"

static char *
template_path (const char *lang)
{
  const char *env = g_getenv ("WAYMARK_DATADIR");
  g_autofree char *dir = env != NULL ? g_strdup (env)
                                     : g_test_build_filename (G_TEST_DIST, "..", "..", "data", NULL);

  return g_build_filename (dir, "templates", lang, "camping.waymark", NULL);
}

static char *
read_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* export --format json, import: the same .waymark byte for byte. */
static void
test_json_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *camping = template_path ("zh-CN");
  g_autofree char *original = read_path (camping);
  g_autofree char *back = NULL;
  g_autofree char *json = NULL;

  g_assert_cmpint (run_in (fixture->tmp, NULL, NULL, "export", camping, "--format", "json",
                           "--output-dir", ".", NULL), ==, 0);
  json = read_file (fixture->tmp, "camping.json");
  g_assert_true (g_str_has_prefix (json, "{\n  \"element\" : \"map\","));
  g_assert_cmpint (run_in (fixture->tmp, NULL, NULL, "import", "camping.json", "-o", "back.waymark", NULL), ==, 0);
  back = read_file (fixture->tmp, "back.waymark");
  g_assert_cmpstr (back, ==, original);
}

/* -o's extension picks the format; csv reads back to the same table. */
static void
test_csv_round_trip (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *camping = template_path ("en");
  g_autofree char *csv = NULL;
  g_autofree char *again = NULL;
  g_autofree char *grid = NULL;

  g_assert_cmpint (run_in (fixture->tmp, NULL, NULL, "export", camping, "-o", "cards.csv", NULL), ==, 0);
  csv = read_file (fixture->tmp, "cards.csv");
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF" "stage,lane,kind,text,id,stage_id,lane_id,"));
  g_assert_cmpint (run_in (fixture->tmp, NULL, NULL, "import", "cards.csv", NULL), ==, 0);
  g_assert_cmpint (run_in (fixture->tmp, NULL, NULL, "validate", "cards.waymark", NULL), ==, 0);
  g_assert_cmpint (run_in (fixture->tmp, NULL, NULL, "export", "cards.waymark", "--format", "csv",
                           "-o", "again.csv", NULL), ==, 0);
  again = read_file (fixture->tmp, "again.csv");
  g_assert_cmpstr (again, ==, csv);
  g_assert_cmpint (run_in (fixture->tmp, &grid, NULL, "export", camping, "--format", "csv-grid",
                           "-o", "-", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (grid, "\xEF\xBB\xBF" ",Research,"));
}

/* A Chinese map comes back from its table with its title and language;
 * what a hand-made table holds that a map cannot is a warning on stderr,
 * FILE:LINE: warning: …, and the import goes on. */
static void
test_csv_title_and_warnings (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *camping = template_path ("zh-CN");
  g_autofree char *back = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_in (fixture->tmp, NULL, NULL, "export", camping, "-o", "cards.csv", NULL), ==, 0);
  g_assert_cmpint (run_in (fixture->tmp, NULL, NULL, "import", "cards.csv", NULL), ==, 0);
  back = read_file (fixture->tmp, "cards.waymark");
  g_assert_nonnull (strstr (back, " xml:lang=\"zh-CN\""));
  g_assert_nonnull (strstr (back, "<title>周末露营</title>"));

  write_file (fixture->tmp, "hand.csv", "stage,text,priority\nS,a,high\n");
  g_assert_cmpint (run_in (fixture->tmp, NULL, &err, "import", "hand.csv", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (err, "hand.csv:1: warning: column 3, “priority”"));
  g_assert_true (exists (fixture->tmp, "hand.waymark"));
}

/* A bad value is refused with the JSON's own line, exit 1. */
static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *err = NULL;

  write_file (fixture->tmp, "bad.json",
              "{\"element\": \"map\",\n"
              " \"attributes\": {\"xmlns\": \"urn:waymark:map:1\", \"format\": \"1\"},\n"
              " \"children\": [{\"element\": \"title\", \"text\": \"T\"},\n"
              "   {\"element\": \"lane\", \"attributes\": {\"id\": \"l\", \"kind\": \"moods\"}}]}\n");
  g_assert_cmpint (run_in (fixture->tmp, NULL, &err, "import", "bad.json", NULL), ==, 1);
  g_assert_true (g_str_has_prefix (err, "bad.json:4: "));
  g_assert_false (exists (fixture->tmp, "bad.waymark"));
  g_assert_cmpint (run_in (fixture->tmp, NULL, NULL, "export", "bad.json", "--format", "yaml", NULL), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/Waymark/CliConvert/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("json-round-trip", test_json_round_trip);
  ADD ("csv-round-trip", test_csv_round_trip);
  ADD ("errors", test_errors);
  ADD ("csv-title-and-warnings", test_csv_title_and_warnings);
#undef ADD

  return g_test_run ();
}
