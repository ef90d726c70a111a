/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-po.c - the zh_CN translation is complete and keeps up with the code
 *
 * "Every user-visible string is translatable and zh_CN is kept complete":
 * this fails when po/zh_CN.po has untranslated or fuzzy messages, when a
 * string in the code (any file in po/POTFILES.in) has no translation yet,
 * and when a file under src/ marks strings but is missing from
 * po/POTFILES.in. It runs the gettext tools; without them it is skipped. */

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "../test-util.h"

/* The repository: G_TEST_SRCDIR is its tests/ folder. */
static char *
repo_root (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", NULL);
}

static gboolean
have_tools (const char * const *tools)
{
  for (guint i = 0; tools[i] != NULL; i++)
    if (!test_have_tool (tools[i]))
      return FALSE;

  return TRUE;
}

/* Runs @argv in @cwd; asserts that it exits 0 and returns its stderr. */
static char *
run (const char         *cwd,
     const char * const *argv)
{
  char *err = NULL;

  g_free (test_run_ok (cwd, argv, NULL, &err));
  return err;
}

/* msgfmt --statistics prints e.g. "398 translated messages, 2 fuzzy
 * translations, 1 untranslated message." on stderr. */
static void
assert_all_translated (const char *statistics,
                       const char *what)
{
  g_test_message ("%s: %s", what, statistics);

  if (strstr (statistics, "untranslated") != NULL || strstr (statistics, "fuzzy") != NULL)
    {
      g_test_fail_printf ("%s is not complete: %s"
                          "Run `ninja -C BUILDDIR waymark-pot waymark-update-po`, translate the new "
                          "messages in po/zh_CN.po and remove their fuzzy flags.", what, statistics);
      return;
    }

  g_assert_nonnull (strstr (statistics, "translated"));
}

/* The files listed in po/POTFILES.in, comments and blank lines left out. */
static GPtrArray *
read_potfiles (const char *root)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (root, "po", "POTFILES.in", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line != '\0' && *line != '#')
        g_ptr_array_add (files, g_strdup (line));
    }

  return files;
}

static gboolean
potfiles_has (GPtrArray  *files,
              const char *name)
{
  for (guint i = 0; i < files->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (files, i), name))
        return TRUE;
    }

  return FALSE;
}

/* /Waymark/Po/complete: po/zh_CN.po itself has every message translated. */
static void
test_po_complete (void)
{
  static const char * const tools[] = { "msgfmt", NULL };
  g_autofree char *root = NULL;
  g_autofree char *po = NULL;
  g_autofree char *statistics = NULL;

  if (!have_tools (tools))
    return;

  root = repo_root ();
  po = g_build_filename (root, "po", "zh_CN.po", NULL);
  g_assert_true (g_file_test (po, G_FILE_TEST_IS_REGULAR));

  {
    const char *argv[] = { "msgfmt", "--check", "--statistics", "-o", "/dev/null", po, NULL };

    statistics = run (root, argv);
  }

  assert_all_translated (statistics, "po/zh_CN.po");
}

/* /Waymark/Po/up-to-date: the strings in the code today, extracted as
 * meson's glib preset does, are all translated in po/zh_CN.po. */
static void
test_po_up_to_date (void)
{
  static const char * const tools[] = { "xgettext", "msgmerge", "msgfmt", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) argv = NULL;
  g_autofree char *root = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *pot = NULL;
  g_autofree char *merged = NULL;
  g_autofree char *po = NULL;
  g_autofree char *ignored = NULL;
  g_autofree char *statistics = NULL;

  if (!have_tools (tools))
    return;

  root = repo_root ();
  po = g_build_filename (root, "po", "zh_CN.po", NULL);
  files = read_potfiles (root);
  g_assert_cmpuint (files->len, >, 0);

  tmp = g_dir_make_tmp ("waymark-po-XXXXXX", &error);
  g_assert_no_error (error);
  pot = g_build_filename (tmp, "waymark.pot", NULL);
  merged = g_build_filename (tmp, "zh_CN.po", NULL);

  /* .c files are read as C; .ui and .gschema.xml through xgettext's own
   * GtkBuilder and GSettings rules, as meson's waymark-pot target does. */
  argv = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (argv, g_strdup ("xgettext"));
  g_ptr_array_add (argv, g_strdup ("--package-name=waymark"));
  g_ptr_array_add (argv, g_strdup ("--from-code=UTF-8"));
  g_ptr_array_add (argv, g_strdup ("--add-comments"));
  g_ptr_array_add (argv, g_strdup ("--keyword=_"));
  g_ptr_array_add (argv, g_strdup ("--keyword=N_"));
  g_ptr_array_add (argv, g_strdup ("--keyword=C_:1c,2"));
  g_ptr_array_add (argv, g_strdup ("--keyword=NC_:1c,2"));
  g_ptr_array_add (argv, g_strdup ("--keyword=g_dcgettext:2"));
  g_ptr_array_add (argv, g_strdup ("--keyword=g_dngettext:2,3"));
  g_ptr_array_add (argv, g_strdup ("--keyword=g_dpgettext2:2c,3"));
  g_ptr_array_add (argv, g_strdup ("--flag=N_:1:pass-c-format"));
  g_ptr_array_add (argv, g_strdup ("--flag=C_:2:pass-c-format"));
  g_ptr_array_add (argv, g_strdup ("--flag=NC_:2:pass-c-format"));
  g_ptr_array_add (argv, g_strdup ("--flag=g_dngettext:2:pass-c-format"));
  g_ptr_array_add (argv, g_strdup ("--flag=g_strdup_printf:1:c-format"));
  g_ptr_array_add (argv, g_strdup ("--flag=g_set_error:4:c-format"));
  g_ptr_array_add (argv, g_strdup ("-o"));
  g_ptr_array_add (argv, g_strdup (pot));
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (argv, g_strdup (g_ptr_array_index (files, i)));
  g_ptr_array_add (argv, NULL);
  g_free (run (root, (const char * const *) argv->pdata));

  g_assert_true (g_file_test (pot, G_FILE_TEST_IS_REGULAR));

  {
    const char *merge[] = { "msgmerge", "--quiet", "-o", merged, po, pot, NULL };

    ignored = run (root, merge);
  }

  {
    const char *check[] = { "msgfmt", "--check", "--statistics", "-o", "/dev/null", merged, NULL };

    statistics = run (root, check);
  }

  g_unlink (merged);
  g_unlink (pot);
  g_rmdir (tmp);

  assert_all_translated (statistics, "po/zh_CN.po merged with the strings in the code");
}

/* Whether @contents calls _(), N_(), C_(), NC_() or a ngettext. */
static gboolean
marks_strings (const char *contents)
{
  static const char * const markers[] = { "_", "N_", "C_", "NC_", "Q_", NULL };
  const char *p;

  if (strstr (contents, "ngettext") != NULL)
    return TRUE;

  for (p = strstr (contents, "_("); p != NULL; p = strstr (p + 1, "_("))
    {
      const char *start = p;

      /* The identifier that ends in this "_". */
      while (start > contents && (g_ascii_isalnum (start[-1]) || start[-1] == '_'))
        start--;

      for (guint i = 0; markers[i] != NULL; i++)
        {
          gsize len = strlen (markers[i]);

          if ((gsize) (p + 1 - start) == len && strncmp (start, markers[i], len) == 0)
            return TRUE;
        }
    }

  return FALSE;
}

static void
collect_marked (const char *root,
                const char *relative,
                GPtrArray  *found)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  const char *name;

  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (relative, name, NULL);
      g_autofree char *full = g_build_filename (root, child, NULL);
      g_autofree char *contents = NULL;

      if (g_file_test (full, G_FILE_TEST_IS_DIR))
        {
          collect_marked (root, child, found);
          continue;
        }

      if (!g_str_has_suffix (name, ".c") && !g_str_has_suffix (name, ".h"))
        continue;

      g_file_get_contents (full, &contents, NULL, &error);
      g_assert_no_error (error);

      if (marks_strings (contents))
        g_ptr_array_add (found, g_steal_pointer (&child));
    }
}

/* /Waymark/Po/potfiles: every file under src/ that marks strings is in
 * po/POTFILES.in (or its strings would never reach the translators). */
static void
test_po_potfiles (void)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) marked = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autofree char *root = repo_root ();

  files = read_potfiles (root);
  collect_marked (root, "src", marked);
  g_assert_cmpuint (marked->len, >, 0);

  for (guint i = 0; i < marked->len; i++)
    {
      const char *name = g_ptr_array_index (marked, i);

      if (!potfiles_has (files, name))
        g_string_append_printf (missing, "  %s\n", name);
    }

  if (missing->len > 0)
    g_test_fail_printf ("These files mark strings for translation but are not in po/POTFILES.in:\n%s",
                        missing->str);

  /* And the other way: a listed file that is gone breaks `ninja waymark-pot`. */
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *path = g_build_filename (root, g_ptr_array_index (files, i), NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_test_fail_printf ("po/POTFILES.in lists %s, which does not exist",
                            (char *) g_ptr_array_index (files, i));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/Po/complete", test_po_complete);
  g_test_add_func ("/Waymark/Po/up-to-date", test_po_up_to_date);
  g_test_add_func ("/Waymark/Po/potfiles", test_po_potfiles);

  return g_test_run ();
}
