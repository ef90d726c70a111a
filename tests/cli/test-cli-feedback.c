/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-feedback.c - `waymark import-feedback`, spawned as a user would */

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "cli-test-util.h"

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "core", "files", "feedback", name, NULL);
}

/* Runs argv (NULL-terminated) with the C locale; returns the exit status. */
static int
run (char      **out,
     char      **err,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "LANGUAGE", "C", TRUE);
  const char *arg;
  va_list ap;
  int status;

  /* English messages, with the file's Chinese in them intact. */
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);

  g_ptr_array_add (argv, (gpointer) first);
  va_start (ap, first);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  status = test_spawn (NULL, (const char * const *) argv->pdata, envp, G_SPAWN_DEFAULT, out, err);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
test_help (void)
{
  g_autofree char *out = NULL;
  g_autofree char *top = NULL;

  g_assert_cmpint (run (&out, NULL, waymark_bin (), "import-feedback", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "--stage-map"));
  g_assert_nonnull (strstr (out, "--persona"));
  g_assert_nonnull (strstr (out, "--template"));
  g_assert_nonnull (strstr (out, "GB18030"));

  g_assert_cmpint (run (&top, NULL, waymark_bin (), "--help", NULL), ==, 0);
  /* Too wide for the column: the summary goes under it, aligned. */
  g_assert_true (g_regex_match_simple ("^  waymark import-feedback FEEDBACK\\.csv -o OUT \\[OPTION…\\]\n"
                                       " {35}turn customer feedback into a map$",
                                       top, G_REGEX_MULTILINE, 0));
}

/* The Chinese export (BOM, CRLF) with its stage map into the template:
 * the map validates, the summary is on stdout, the unsorted row a
 * warning on stderr. */
static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *csv = fixture_path ("feedback-zh.csv");
  g_autofree char *tags = fixture_path ("stage-map-zh.csv");
  g_autofree char *map = g_build_filename (fixture->tmp, "service.waymark", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (run (&out, &err, waymark_bin (), "import-feedback", csv, "--stage-map", tags,
                        "-o", map, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "9 feedback records read, 8 placed on stages."));
  g_assert_nonnull (strstr (out, "Cards: 5 new, 0 updated."));
  g_assert_nonnull (strstr (err, "warning: "));
  g_assert_nonnull (strstr (err, "stays Unsorted: T008"));

  text = read_text (map);
  g_assert_nonnull (strstr (text, "<title>售后客服旅程（客户声音）</title>"));
  g_assert_nonnull (strstr (text, "ev:key=\"seek/热线排队久\""));
  g_assert_nonnull (strstr (text, "ev:records=\"T001 T002 T003\""));
  g_free (out);
  g_assert_cmpint (run (&out, NULL, waymark_bin (), "validate", map, NULL), ==, 0);

  /* Into the map just written: updated, not duplicated. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (&out, NULL, waymark_bin (), "import-feedback", csv, "--stage-map", tags,
                        "--map", map, "-o", map, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Cards: 0 new, 5 updated."));
  g_assert_null (strstr (out, "Total"));
  g_free (out);

  /* --report adds the pivot table. */
  g_assert_cmpint (run (&out, NULL, waymark_bin (), "import-feedback", csv, "--stage-map", tags,
                        "--map", map, "-o", map, "--report", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\nStage     投诉  咨询  建议  表扬  Total\n"
                                 "求助         3     0     0     0      3\n"));
  g_assert_nonnull (strstr (out, "\nTotal        6     1     1     1      9\n"));
  g_free (out);
  out = read_text (map);
  g_assert_cmpstr (out, ==, text);
}

static void
test_english_template (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *csv = fixture_path ("feedback-en.csv");
  g_autofree char *map = g_build_filename (fixture->tmp, "en.waymark", NULL);
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (run (NULL, &err, waymark_bin (), "import-feedback", csv, "--persona", "customer",
                        "-o", map, NULL), ==, 0);
  /* English headers pick the English template. */
  text = read_text (map);
  g_assert_nonnull (strstr (text, "<title>After-sales customer service journey"));
  g_assert_nonnull (strstr (err, "feedback-en.csv:7: Severity “9” is not a whole number"));
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *csv = fixture_path ("feedback-en.csv");
  g_autofree char *map = g_build_filename (fixture->tmp, "out.waymark", NULL);
  g_autofree char *err = NULL;

  g_assert_cmpint (run (NULL, NULL, waymark_bin (), "import-feedback", NULL), ==, 2);
  g_assert_cmpint (run (NULL, &err, waymark_bin (), "import-feedback", csv, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "-o OUT is required"));
  g_assert_cmpint (run (NULL, NULL, waymark_bin (), "import-feedback", csv, csv, "-o", map, NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, waymark_bin (), "import-feedback", csv, "--map", map,
                        "--template", "blank", "-o", map, NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, waymark_bin (), "import-feedback", csv, "--template", "nope",
                        "-o", map, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "there is no template “nope”; try b2b-services, blank, camping, "
                                 "customer-service, insurance, one-person-business, ssvssj, optionally"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, waymark_bin (), "import-feedback", csv, "--persona", "nobody",
                        "-o", map, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "There is no persona “nobody” in this map; its personas are: customer"));
  g_assert_false (g_file_test (map, G_FILE_TEST_EXISTS));
}

/* -o naming the feedback (or the stage map) is refused, the file intact. */
static void
test_output_is_input (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *original = fixture_path ("feedback-en.csv");
  g_autofree char *csv = g_build_filename (fixture->tmp, "feedback.csv", NULL);
  g_autofree char *link = g_build_filename (fixture->tmp, "link.waymark", NULL);
  g_autofree char *before = read_text (original);
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;

  g_assert_true (g_file_set_contents (csv, before, -1, NULL));
  g_assert_cmpint (symlink (csv, link), ==, 0);
  g_assert_cmpint (run (NULL, &err, waymark_bin (), "import-feedback", csv, "-o", csv, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "-o names an input file"));
  g_assert_cmpint (run (NULL, NULL, waymark_bin (), "import-feedback", csv, "-o", link, NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, waymark_bin (), "import-feedback", original, "--stage-map", csv,
                        "-o", link, NULL), ==, 2);
  after = read_text (csv);
  g_assert_cmpstr (after, ==, before);
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *no_text = fixture_path ("no-text.csv");
  g_autofree char *bad_quote = g_build_filename (fixture->tmp, "quote.csv", NULL);
  g_autofree char *tags = g_build_filename (fixture->tmp, "tags.csv", NULL);
  g_autofree char *csv = fixture_path ("feedback-en.csv");
  g_autofree char *map = g_build_filename (fixture->tmp, "out.waymark", NULL);
  g_autofree char *err = NULL;

  g_assert_cmpint (run (NULL, &err, waymark_bin (), "import-feedback", no_text, "-o", map, NULL), ==, 1);
  g_assert_nonnull (strstr (err, ":1: no text column (内容 or text) in the header; "
                                 "the columns found are “编号”, “类型”, “二级标签”, “满意度”"));

  g_assert_true (g_file_set_contents (bad_quote, "text\nok\n\"never ends\n", -1, NULL));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, waymark_bin (), "import-feedback", bad_quote, "-o", map, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "quote.csv:3: a quoted cell begins here and never ends"));

  g_assert_true (g_file_set_contents (tags, "long queue,nowhere\n", -1, NULL));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, waymark_bin (), "import-feedback", csv, "--stage-map", tags,
                        "-o", map, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "tags.csv:1: “nowhere” is not a stage of the map"));
  g_assert_false (g_file_test (map, G_FILE_TEST_EXISTS));
}

/* What a cell holds reaches the terminal shown, not acting on it: an
 * escape sequence in a tag (the report names tags, the warnings ids)
 * comes out as \x1B. */
static void
test_control_characters (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *map = g_build_filename (fixture->tmp, "out.waymark", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  write_file (fixture->tmp, "fb.csv", "id,kind,tag,stage,text\n"
              "A\x1b]0;pwned\x07,complaint,queue\x1b[31m,nowhere\x1b[2J,slow\n"
              "B,complaint,queue,seek,slow\n");
  g_assert_cmpint (run_in (fixture->tmp, &out, &err, "import-feedback", "fb.csv",
                           "--template", "en/customer-service", "-o", map, NULL), ==, 0);
  g_assert_null (strchr (out, '\x1b'));
  g_assert_null (strchr (err, '\x1b'));
  g_assert_null (strchr (err, '\x07'));
  g_assert_nonnull (strstr (err, "nowhere\\x1B[2J"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/Waymark/CliFeedback/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/Waymark/CliFeedback/help", test_help);
  ADD ("import", test_import);
  ADD ("control-characters", test_control_characters);
  ADD ("english-template", test_english_template);
  ADD ("usage-errors", test_usage_errors);
  ADD ("output-is-input", test_output_is_input);
  ADD ("bad-input", test_bad_input);

  return g_test_run ();
}
