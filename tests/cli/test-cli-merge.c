/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-merge.c - `waymark diff` and `waymark merge`, spawned as a user
 * and as git would */

#include <string.h>
#include <sys/wait.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "cli-test-util.h"
#include "wm-reader.h"

static const char base_map[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
  "  <title>T</title>\n"
  "  <stage id=\"s1\">\n"
  "    <title>S1</title>\n"
  "  </stage>\n"
  "  <stage id=\"s2\">\n"
  "    <title>S2</title>\n"
  "  </stage>\n"
  "  <lane id=\"l1\" kind=\"actions\">\n"
  "    <card id=\"c1\" stage=\"s1\">\n"
  "      <text>one</text>\n"
  "    </card>\n"
  "  </lane>\n"
  "</map>\n";

/* Runs @argv[0] (waymark when NULL) with the rest in @cwd; the status. */
static int
run_program_in (const char  *cwd,
                char       **out,
                char       **err,
                ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list ap;
  int status;

  va_start (ap, err);
  arg = va_arg (ap, const char *);
  g_ptr_array_add (argv, (gpointer) (arg != NULL && g_str_equal (arg, "waymark") ? waymark_bin () : arg));
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  status = test_spawn (cwd, (const char * const *) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, out, err);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static char *
write_map (const char *dir,
           const char *name,
           const char *from,
           const char *to)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GString) text = g_string_new (base_map);
  g_autoptr(GError) error = NULL;

  if (from != NULL)
    {
      const char *at = strstr (text->str, from);

      g_assert_nonnull (at);
      g_string_erase (text, at - text->str, strlen (from));
      g_string_insert (text, at - text->str, to);
    }
  g_file_set_contents (path, text->str, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
assert_loads (const char *path)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = NULL;
  gsize length;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (data, "<<<<<<<"));
  document = wm_reader_load_data (data, length, path, &error);
  g_assert_no_error (error);
}

#define CARD2 "<card id=\"c2\" stage=\"s2\"><text>two</text></card>  </lane>"

static void
test_diff_exit (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *a = write_map (fixture->tmp, "a.waymark", NULL, NULL);
  g_autofree char *b = write_map (fixture->tmp, "b.waymark", "  </lane>", CARD2);
  g_autofree char *bad = write_map (fixture->tmp, "bad.waymark", "</map>", "");
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_program_in (fixture->tmp, &out, &err, "waymark", "diff", a, a, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_program_in (fixture->tmp, &out, &err, "waymark", "diff", a, b, NULL), ==, 1);
  g_assert_cmpstr (out, ==, "card “c2” added: two\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_program_in (fixture->tmp, &out, &err, "waymark", "diff", "--format", "json", a, b, NULL), ==, 1);
  g_assert_nonnull (strstr (out, "\"change\" : \"added\""));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_program_in (fixture->tmp, &out, &err, "waymark", "diff", a, bad, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "bad.waymark:"));
}

/* The before/after PDF: the map with the overlay, then the changes. */
static void
test_diff_pdf (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *a = write_map (fixture->tmp, "a.waymark", NULL, NULL);
  g_autofree char *b = write_map (fixture->tmp, "b.waymark", "  </lane>", CARD2);
  g_autofree char *pdf = g_build_filename (fixture->tmp, "out.pdf", NULL);
  g_autofree char *out = NULL, *err = NULL, *bytes = NULL;
  gsize length;
  guint pages = 0;

  g_assert_cmpint (run_program_in (fixture->tmp, &out, &err, "waymark", "diff", "--format", "pdf", "-o", pdf,
                                   a, b, NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_file_get_contents (pdf, &bytes, &length, NULL));
  g_assert_true (length > 5 && memcmp (bytes, "%PDF-", 5) == 0);
  for (gsize i = 0; i + 13 <= length; i++)
    pages += memcmp (bytes + i, "/Type /Page %", 13) == 0;
  g_assert_cmpuint (pages, ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_program_in (fixture->tmp, NULL, &err, "waymark", "diff", "--format", "pdf", a, b, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "-o"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_program_in (fixture->tmp, NULL, &err, "waymark", "diff", "-o", pdf, a, b, NULL), ==, 2);
}

static void
test_merge_exit (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *base = write_map (fixture->tmp, "base.waymark", NULL, NULL);
  g_autofree char *ours = write_map (fixture->tmp, "ours.waymark", "<text>one</text>", "<text>uno</text>");
  g_autofree char *theirs = write_map (fixture->tmp, "theirs.waymark", "<text>one</text>", "<text>eins</text>");
  g_autofree char *bad = write_map (fixture->tmp, "bad.waymark", "stage=\"s1\">\n      <text>",
                                    "stage=\"s9\">\n      <text>");
  g_autofree char *out_path = g_build_filename (fixture->tmp, "out.waymark", NULL);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_program_in (fixture->tmp, &out, &err, "waymark", "merge", base, ours, theirs,
                           "-o", out_path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "card “c1”: text: ours “uno”, theirs “eins”"));
  assert_loads (out_path);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_program_in (fixture->tmp, &out, &err, "waymark", "merge", base, bad, theirs,
                           "-o", out_path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "bad.waymark:11: "));
}

static void
git (const char *repo,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL, *err = NULL;
  const char *arg;
  va_list ap;
  int status;

  g_ptr_array_add (argv, (gpointer) "git");
  va_start (ap, repo);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  status = test_spawn (repo, (const char * const *) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, &out, &err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static void
set_up_repo (const char *repo)
{
  g_autofree char *driver = g_strdup_printf ("%s merge %%O %%A %%B -o %%A", waymark_bin ());
  g_autofree char *differ = g_strdup_printf ("%s diff", waymark_bin ());
  g_autofree char *attributes = g_build_filename (repo, ".gitattributes", NULL);
  g_autofree char *map = NULL;

  git (repo, "init", "-q", NULL);
  git (repo, "config", "user.name", "Test", NULL);
  git (repo, "config", "user.email", "test@example.org", NULL);
  git (repo, "config", "commit.gpgsign", "false", NULL);
  git (repo, "config", "merge.waymark.driver", driver, NULL);
  git (repo, "config", "diff.waymark.command", differ, NULL);
  g_assert_true (g_file_set_contents (attributes, "*.waymark merge=waymark diff=waymark\n", -1, NULL));
  map = write_map (repo, "map.waymark", NULL, NULL);
  git (repo, "add", ".", NULL);
  git (repo, "commit", "-q", "-m", "base", NULL);
  git (repo, "branch", "base", NULL);
}

static void
commit_map (const char *repo,
            const char *branch,
            const char *from,
            const char *to)
{
  g_autofree char *map = NULL;

  git (repo, "checkout", "-q", "-b", branch, "base", NULL);
  map = write_map (repo, "map.waymark", from, to);
  git (repo, "commit", "-q", "-a", "-m", branch, NULL);
}

static void
test_git (Fixture       *fixture,
          gconstpointer  data)
{
  const char *repo = fixture->tmp;
  g_autofree char *map = g_build_filename (repo, "map.waymark", NULL);
  g_autofree char *text = NULL, *out = NULL, *err = NULL;

  if (!test_have_tool ("git"))
    return;
  set_up_repo (repo);
  commit_map (repo, "theirs", "  </lane>", CARD2);
  commit_map (repo, "ours", "<title>S1</title>", "<title>Search</title>");

  /* git diff reads as journey changes. */
  g_assert_cmpint (run_program_in (repo, &out, &err, "git", "diff", "base", "theirs", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "card “c2” added: two"));

  /* Different items: a clean merge with both changes. */
  g_assert_cmpint (run_program_in (repo, NULL, NULL, "git", "merge", "-q", "--no-edit", "theirs", NULL), ==, 0);
  g_assert_true (g_file_get_contents (map, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "<title>Search</title>"));
  g_assert_nonnull (strstr (text, "<card id=\"c2\" stage=\"s2\">"));
  assert_loads (map);
  g_clear_pointer (&text, g_free);

  /* One text changed two ways: git reports the conflict, the map opens. */
  commit_map (repo, "left", "<text>one</text>", "<text>uno</text>");
  commit_map (repo, "right", "<text>one</text>", "<text>eins</text>");
  git (repo, "checkout", "-q", "left", NULL);
  g_assert_cmpint (run_program_in (repo, NULL, NULL, "git", "merge", "-q", "--no-edit", "right", NULL), !=, 0);
  g_assert_true (g_file_get_contents (map, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "wmm:conflict=\"text: ours “uno”, theirs “eins”\""));
  assert_loads (map);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/Waymark/CliMerge/diff-exit", Fixture, NULL, fixture_set_up, test_diff_exit, fixture_tear_down);
  g_test_add ("/Waymark/CliMerge/diff-pdf", Fixture, NULL, fixture_set_up, test_diff_pdf, fixture_tear_down);
  g_test_add ("/Waymark/CliMerge/merge-exit", Fixture, NULL, fixture_set_up, test_merge_exit, fixture_tear_down);
  g_test_add ("/Waymark/CliMerge/git", Fixture, NULL, fixture_set_up, test_git, fixture_tear_down);
  return g_test_run ();
}
