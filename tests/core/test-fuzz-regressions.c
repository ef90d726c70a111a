/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark-Test"

#include "config.h"

#include "../fuzz/fuzz-common.h"
#include "../fuzz/fuzz-convert.h"
#include "../test-util.h"

/* Replays, through the very checks the libFuzzer targets make
 * (tests/fuzz/fuzz-common.h), every input a fuzzer once crashed on
 * (tests/fuzz/regressions/) and every seed of the fuzz corpus (the
 * templates, tests/core/files/ and its hostile files): load → save →
 * reload → save again byte-identically; layout → render. So `meson test`
 * catches a regression without clang or libFuzzer. */

/* libFuzzer's -timeout is 5 s per input under ASan; a kept hang must come
 * back well inside that (before its fix, hang-combining-marks took 8 s):
 * that budget, 2 s of CPU per input, is a row of `make bench`
 * (tests/bench/run-guards-bench.sh). */

typedef struct
{
  char     *path;
  gboolean  must_load;  /* the templates and good test files */
} Input;

static void
input_free (gpointer data)
{
  Input *input = data;

  g_free (input->path);
  g_free (input);
}

static void
test_replay (gconstpointer data)
{
  const Input *input = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TestCpuTimer) timer = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  WmDocument *document;

  g_assert_true (g_file_get_contents (input->path, &contents, &length, &error));
  g_assert_no_error (error);

  timer = test_cpu_timer_new ();
  /* Both targets' paths, each on its own bytes: fuzz-reader … */
  document = fuzz_load_round_trip ((const guint8 *) contents, length);
  if (input->must_load)
    g_assert_nonnull (document);
  g_clear_object (&document);

  /* … and fuzz-render, with the theme it picks from the size. */
  document = wm_reader_load_data (contents, length, "fuzz.waymark", NULL);
  if (document != NULL)
    fuzz_render (document, (WmTheme) (length % 3));
  g_clear_object (&document);

  /* … and fuzz-convert: the bytes as JSON and as a CSV card table. */
  fuzz_convert_round_trip ((const guint8 *) contents, length);

  /* Reported only: the budget is a row of `make bench`; a hang that
   * came back would still meet meson's timeout here. */
  g_test_message ("%s: %.3f s", input->path, test_cpu_timer_elapsed (timer));
}

/* The property itself: a writer that does not reach a fixed point must
 * abort the replay, or this whole test proves nothing. */
static void
test_check_can_fail (void)
{
  if (g_test_subprocess ())
    {
      FUZZ_CHECK (1 + 1 == 3);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*fuzz check failed*");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static guint
add_dir (GPtrArray  *inputs,
         const char *dir,
         const char *suffix,
         gboolean    must_load)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return 0;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_str_has_suffix (name, ".md") ||
          (suffix != NULL && !g_str_has_suffix (name, suffix)) ||
          !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      Input *input = g_new0 (Input, 1);

      input->path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      input->must_load = must_load;
      g_ptr_array_add (inputs, input);
    }

  return names->len;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (input_free);
  g_autofree char *tests = NULL;
  const char *datadir;
  guint templates = 0;

  g_test_init (&argc, &argv, NULL);

  tests = g_test_build_filename (G_TEST_DIST, ".", NULL);
  datadir = g_getenv ("WAYMARK_DATADIR");
  if (datadir == NULL)
    datadir = SRCDATADIR;

  for (const char *lang = "en"; lang != NULL; lang = g_str_equal (lang, "en") ? "zh-CN" : NULL)
    {
      g_autofree char *dir = g_build_filename (datadir, "templates", lang, NULL);

      templates += add_dir (inputs, dir, ".waymark", TRUE);
    }
  {
    g_autofree char *files = g_build_filename (tests, "core", "files", NULL);
    g_autofree char *hostile = g_build_filename (tests, "core", "files", "hostile", NULL);
    g_autofree char *regressions = g_build_filename (tests, "fuzz", "regressions", NULL);

    add_dir (inputs, files, ".waymark", TRUE);
    add_dir (inputs, hostile, NULL, FALSE);
    add_dir (inputs, regressions, NULL, FALSE);
  }

  /* The seeds must be there: an empty replay would pass on anything. */
  g_assert_cmpuint (templates, >=, 10);

  for (guint i = 0; i < inputs->len; i++)
    {
      Input *input = g_ptr_array_index (inputs, i);
      g_autofree char *relative = NULL;
      g_autofree char *test_path = NULL;
      g_autofree char *base = g_path_get_basename (input->path);
      g_autofree char *dir = g_path_get_dirname (input->path);
      g_autofree char *parent = g_path_get_basename (dir);

      relative = g_strconcat (parent, "/", base, NULL);
      test_path = g_strconcat ("/Waymark/Fuzz/replay/", relative, NULL);
      g_test_add_data_func (test_path, input, test_replay);
    }
  g_test_add_func ("/Waymark/Fuzz/check-can-fail", test_check_can_fail);

  return g_test_run ();
}
