/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli.c - the real `waymark` binary, spawned as a user would */

#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "cli-test-util.h"

static char *
template_path (const char *lang,
               const char *name)
{
  const char *env = g_getenv ("WAYMARK_DATADIR");
  g_autofree char *dir = env != NULL ? g_strdup (env)
                                     : g_test_build_filename (G_TEST_DIST, "..", "..", "data", NULL);

  return g_build_filename (dir, "templates", lang, name, NULL);
}

/* Runs argv (NULL-terminated), returns the exit status; NULL outputs are not kept. */
static int
run (char      **out,
     char      **err,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list ap;
  int status;

  g_ptr_array_add (argv, (gpointer) first);
  va_start (ap, first);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  status = test_spawn (NULL, (const char * const *) argv->pdata, NULL, G_SPAWN_DEFAULT, out, err);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (from, &data, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, data, length, &error);
  g_assert_no_error (error);
}

static void
png_dimensions (const char *path,
                guint      *width,
                guint      *height)
{
  g_autofree guchar *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, (char **) &data, &len, NULL));
  g_assert_cmpuint (len, >, 24);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  *width = (guint) data[16] << 24 | data[17] << 16 | data[18] << 8 | data[19];
  *height = (guint) data[20] << 24 | data[21] << 16 | data[22] << 8 | data[23];
}

static char *
strip_space (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (s, *p);
  return g_string_free (s, FALSE);
}

/* A map whose card names a stage that does not exist, on line 6. */
static const char bad_reference[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
  "  <title>Bad</title>\n"
  "  <stage id=\"s1\"/>\n"
  "  <lane id=\"l1\" kind=\"actions\">\n"
  "    <card id=\"c1\" stage=\"nowhere\">\n"
  "      <text>Lost</text>\n"
  "    </card>\n"
  "  </lane>\n"
  "</map>\n";

/* A lane of a kind the schema does not know, on line 5. */
static const char bad_schema[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
  "  <title>Bad</title>\n"
  "  <stage id=\"s1\"/>\n"
  "  <lane id=\"l1\" kind=\"sideways\"/>\n"
  "</map>\n";

static void
assert_names_line (const char *err,
                   const char *file)
{
  g_autofree char *escaped = g_regex_escape_string (file, -1);
  g_autofree char *pattern = g_strdup_printf ("(^|[/\\n])%s:[0-9]+: \\S", escaped);

  g_assert_nonnull (err);
  if (!g_regex_match_simple (pattern, err, G_REGEX_MULTILINE, 0))
    g_error ("stderr does not name %s:LINE: — it reads:\n%s", file, err);
}

static void
test_version (void)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (run (&out, NULL, waymark_bin (), "--version", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "waymark "));
}

static void
test_help (void)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (run (&out, NULL, waymark_bin (), "export", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "--output-dir"));
  g_assert_nonnull (strstr (out, "poster-a4"));
  g_assert_nonnull (strstr (out, "--dpi"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run (&out, NULL, waymark_bin (), "validate", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "FILE"));
}

/* `waymark --help` is the CLI's, not the GUI's: every subcommand on a line
 * of its own with what it does, and no display opened for it. */
static void
test_top_help (void)
{
  const char *flags[] = { "--help", "-h", "help" };

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run (&out, &err, waymark_bin (), flags[i], NULL), ==, 0);
      g_assert_true (g_regex_match_simple ("^  waymark export .*  export maps to PDF, SVG, PNG or Mermaid$",
                                           out, G_REGEX_MULTILINE, 0));
      g_assert_true (g_regex_match_simple ("^  waymark validate .*  check maps against the schema$",
                                           out, G_REGEX_MULTILINE, 0));
      g_assert_null (strstr (out, "GApplication"));
      g_assert_cmpstr (err, ==, "");
    }
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *camping = template_path ("en", "camping.waymark");
  g_autofree char *zh = template_path ("zh-CN", "camping.waymark");
  g_autofree char *out = g_build_filename (fixture->tmp, "x.pdf", NULL);
  g_autofree char *odd = g_build_filename (fixture->tmp, "x.odd", NULL);
  g_autofree char *err = NULL;
  const char *bin = waymark_bin ();

  g_assert_cmpint (run (NULL, &err, bin, "export", "--frobnicate", camping, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--frobnicate"));
  g_assert_cmpint (run (NULL, NULL, bin, "export", "-o", out, camping, zh, NULL), ==, 2);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run (NULL, NULL, bin, "export", NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, bin, "export", "--page", "a5", camping, "-o", out, NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, bin, "export", "--format", "gif", camping, "-o", out, NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, bin, "export", "--theme", "purple", camping, "-o", out, NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, bin, "export", "--dpi", "0", camping, "-o", out, NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, bin, "export", camping, "-o", odd, NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, bin, "export", "-o", out, "--output-dir", fixture->tmp, camping, NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, bin, "export", "--width", "800", "--dpi", "96", camping, "-o", out, NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, bin, "export", "--width", "-5", camping, "-o", out, NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, bin, "export", "--background", "plaid", camping, "-o", out, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--background"));
  g_assert_cmpint (run (NULL, NULL, bin, "validate", NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, bin, "validate", "--strict", camping, NULL), ==, 2);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* `waymark export MAP -o OUT OPTION VALUE` is a usage error naming both,
 * and writes nothing. */
static void
assert_refused (const char *map,
                const char *out,
                const char *option,
                const char *value)
{
  g_autofree char *err = NULL;
  g_autofree char *quoted = g_strdup_printf ("“%s”", value);

  g_test_message ("%s “%s”", option, value);
  g_assert_cmpint (run (NULL, &err, waymark_bin (), "export", map, "-o", out, option, value, NULL), ==, 2);
  g_assert_nonnull (strstr (err, option));
  g_assert_nonnull (strstr (err, quoted));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* Every numeric option refuses what is not a plain decimal number in its
 * range, with exit status 2 and a message naming the option and the
 * value: "nan" once passed every range check and exported at 96 dpi,
 * "--width 0" at the default size, "0x60" in hexadecimal, "010" in octal. */
static void
test_bad_numbers (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *bad_dpi[] = { "nan", "NaN", "-nan", "inf", "-inf", "Infinity", "1e999", "-1e999",
                            "1e-400", "0", "-0", "-5", "0x60", " 96", "96 ", "96dpi", "", "." };
  const char *bad_width[] = { "0", "-0", "-5", "0x10", "1e3", "800.5", "32768", "99999999999",
                              "nan", " 100", "100 ", "" };
  g_autofree char *camping = template_path ("en", "camping.waymark");
  g_autofree char *png = g_build_filename (fixture->tmp, "x.png", NULL);
  const char *bin = waymark_bin ();
  guint w, h, w100, h100;

  for (guint i = 0; i < G_N_ELEMENTS (bad_dpi); i++)
    assert_refused (camping, png, "--dpi", bad_dpi[i]);
  for (guint i = 0; i < G_N_ELEMENTS (bad_width); i++)
    assert_refused (camping, png, "--width", bad_width[i]);

  /* What is taken: decimals, exponents, leading zeros as decimal. */
  g_assert_cmpint (run (NULL, NULL, bin, "export", camping, "-o", png, "--width", "010", NULL), ==, 0);
  png_dimensions (png, &w, &h);
  g_assert_cmpuint (w, ==, 10);
  g_assert_cmpint (run (NULL, NULL, bin, "export", camping, "-o", png, "--dpi", "100", NULL), ==, 0);
  png_dimensions (png, &w100, &h100);
  g_assert_cmpint (run (NULL, NULL, bin, "export", camping, "-o", png, "--dpi", "1e2", NULL), ==, 0);
  png_dimensions (png, &w, &h);
  g_assert_cmpuint (w, ==, w100);
  g_assert_cmpuint (h, ==, h100);
  g_assert_cmpint (run (NULL, NULL, bin, "export", camping, "-o", png, "--dpi", "100.5", NULL), ==, 0);
  png_dimensions (png, &w, &h);
  g_assert_cmpuint (w, >, w100);
}

static void
test_pdf_text (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *camping = template_path ("zh-CN", "camping.waymark");
  g_autofree char *pdf = g_build_filename (fixture->tmp, "camping.pdf", NULL);
  g_autofree char *tool = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;

  g_assert_cmpint (run (NULL, NULL, waymark_bin (), "export", camping, "-o", pdf, NULL), ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  if ((tool = test_find_tool ("pdftotext")) == NULL)
    return;

  g_assert_cmpint (run (&text, NULL, tool, "-enc", "UTF-8", pdf, "-", NULL), ==, 0);
  g_assert_nonnull (strstr (text, "攻略"));
  g_assert_nonnull (strstr (text, "营地"));
  g_assert_nonnull (strstr (text, "周末露营"));
  /* Pain text, wherever the card wrapped it. */
  flat = strip_space (text);
  g_assert_nonnull (strstr (flat, "进山交通极为拥堵"));
  g_assert_nonnull (strstr (flat, "营地不能买酒"));
}

static void
test_pdf_fonts (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *camping = template_path ("zh-CN", "camping.waymark");
  g_autofree char *pdf = g_build_filename (fixture->tmp, "camping.pdf", NULL);
  g_autofree char *tool = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  const char *dashes;
  guint emb_start = 0, emb_len = 0, fonts = 0;

  g_assert_cmpint (run (NULL, NULL, waymark_bin (), "export", camping, "-o", pdf,
                        "--page", "poster-a3", NULL), ==, 0);

  if ((tool = test_find_tool ("pdffonts")) == NULL)
    return;

  g_assert_cmpint (run (&out, NULL, tool, pdf, NULL), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 3);

  /* Columns are as wide as the dashes under the header; emb is the 4th. */
  dashes = lines[1];
  for (guint i = 0, column = 0; dashes[i] != '\0'; i++)
    if (dashes[i] == '-' && (i == 0 || dashes[i - 1] == ' '))
      {
        if (column++ == 3)
          {
            emb_start = i;
            while (dashes[i] == '-')
              i++;
            emb_len = i - emb_start;
            break;
          }
      }
  g_assert_cmpuint (emb_len, >, 0);

  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_autofree char *emb = NULL;

      if (strlen (lines[i]) < emb_start + emb_len)
        continue;
      emb = g_strstrip (g_strndup (lines[i] + emb_start, emb_len));
      if (g_strcmp0 (emb, "yes") != 0)
        g_error ("font not embedded: %s", lines[i]);
      fonts++;
    }
  g_assert_cmpuint (fonts, >, 0);
}

static void
test_svg (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *camping = template_path ("en", "camping.waymark");
  g_autofree char *svg = g_build_filename (fixture->tmp, "camping.svg", NULL);
  g_autofree char *png = g_build_filename (fixture->tmp, "camping.png", NULL);
  g_autofree char *tool = NULL;
  g_autofree char *head = NULL;
  guint w, h;

  /* The format follows -o's extension. */
  g_assert_cmpint (run (NULL, NULL, waymark_bin (), "export", camping, "-o", svg, NULL), ==, 0);
  g_assert_true (g_file_get_contents (svg, &head, NULL, NULL));
  g_assert_nonnull (strstr (head, "<svg"));

  if ((tool = test_find_tool ("rsvg-convert")) == NULL)
    return;

  g_assert_cmpint (run (NULL, NULL, tool, "-o", png, svg, NULL), ==, 0);
  png_dimensions (png, &w, &h);
  g_assert_cmpuint (w, >, 100);
  g_assert_cmpuint (h, >, 100);
}

/* Text by default (valid, per xmllint), glyph outlines on request. */
static void
test_svg_text (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *zh = template_path ("zh-CN", "camping.waymark");
  g_autofree char *text = g_build_filename (fixture->tmp, "text.svg", NULL);
  g_autofree char *paths = g_build_filename (fixture->tmp, "paths.svg", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *err = NULL;
  g_autofree char *tool = NULL;
  gsize a_len, b_len;

  g_assert_cmpint (run (NULL, NULL, waymark_bin (), "export", zh, "-o", text, NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, waymark_bin (), "export", zh, "-o", paths, "--svg-text", "paths", NULL), ==, 0);
  g_assert_true (g_file_get_contents (text, &a, &a_len, NULL));
  g_assert_true (g_file_get_contents (paths, &b, &b_len, NULL));
  g_assert_nonnull (strstr (a, "<text x=\""));
  g_assert_nonnull (strstr (a, "xml:lang=\"zh-CN\""));
  g_assert_nonnull (strstr (a, "周末露营"));
  g_assert_null (strstr (b, "<text"));
  g_assert_cmpuint (a_len * 3, <=, b_len);

  g_assert_cmpint (run (NULL, &err, waymark_bin (), "export", zh, "-o", text, "--svg-text", "glyphs", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--svg-text"));

  if ((tool = test_find_tool ("xmllint")) == NULL)
    return;
  g_assert_cmpint (run (NULL, NULL, tool, "--noout", "--nonet", text, NULL), ==, 0);
}

static void
test_png_dpi (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *camping = template_path ("en", "camping.waymark");
  g_autofree char *a = g_build_filename (fixture->tmp, "a.png", NULL);
  g_autofree char *b = g_build_filename (fixture->tmp, "b.png", NULL);
  const char *bin = waymark_bin ();
  guint w1, h1, w2, h2;

  g_assert_cmpint (run (NULL, NULL, bin, "export", camping, "-o", a, "--dpi", "72", NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, bin, "export", camping, "--format", "png", "--dpi", "144",
                        "--theme", "dark", "-o", b, NULL), ==, 0);
  png_dimensions (a, &w1, &h1);
  png_dimensions (b, &w2, &h2);
  g_assert_cmpint (ABS ((int) w2 - 2 * (int) w1), <=, 2);
  g_assert_cmpint (ABS ((int) h2 - 2 * (int) h1), <=, 2);
}

/* The stakeholder PDF: summary first, metadata, Chinese text searchable. */
static void
test_summary_pdf (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *camping = template_path ("zh-CN", "camping.waymark");
  g_autofree char *plain = g_build_filename (fixture->tmp, "plain.pdf", NULL);
  g_autofree char *pdf = g_build_filename (fixture->tmp, "summary.pdf", NULL);
  g_autofree char *info_tool = NULL;
  g_autofree char *text_tool = NULL;
  g_autofree char *info = NULL;
  g_autofree char *plain_info = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *value = NULL;
  guint64 pages, plain_pages;

  g_assert_cmpint (run (NULL, NULL, waymark_bin (), "export", camping, "-o", plain, NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, waymark_bin (), "export", camping, "-o", pdf, "--summary",
                        "--author", "Camp CX team", NULL), ==, 0);

  if ((info_tool = test_find_tool ("pdfinfo")) == NULL || (text_tool = test_find_tool ("pdftotext")) == NULL)
    return;

  g_assert_cmpint (run (&info, NULL, info_tool, pdf, NULL), ==, 0);
  g_assert_cmpint (run (&plain_info, NULL, info_tool, plain, NULL), ==, 0);
  value = test_info_field (plain_info, "Pages");
  plain_pages = g_ascii_strtoull (value, NULL, 10);
  g_clear_pointer (&value, g_free);
  value = test_info_field (info, "Pages");
  pages = g_ascii_strtoull (value, NULL, 10);
  g_clear_pointer (&value, g_free);
  g_assert_cmpuint (plain_pages, ==, 1);
  g_assert_cmpuint (pages, >, plain_pages);

  value = test_info_field (info, "Author");
  g_assert_cmpstr (value, ==, "Camp CX team");
  g_clear_pointer (&value, g_free);
  value = test_info_field (info, "Title");
  g_assert_cmpstr (value, ==, "周末露营");
  g_clear_pointer (&value, g_free);
  value = test_info_field (info, "Subject");
  g_assert_nonnull (value);
  g_assert_nonnull (strstr (value, "网红营地"));

  g_assert_cmpint (run (&text, NULL, text_tool, "-enc", "UTF-8", "-f", "1", "-l", "1", pdf, "-", NULL), ==, 0);
  flat = strip_space (text);
  g_assert_nonnull (strstr (flat, "主要痛点"));
  g_assert_nonnull (strstr (flat, "进山交通极为拥堵"));
}

static void
png_color_type (const char *path,
                guint      *type)
{
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpuint (length, >, 26);
  *type = (guchar) data[25];
}

static void
test_png_width (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *camping = template_path ("en", "camping.waymark");
  g_autofree char *a = g_build_filename (fixture->tmp, "slide.png", NULL);
  g_autofree char *b = g_build_filename (fixture->tmp, "solid.png", NULL);
  g_autofree char *c = g_build_filename (fixture->tmp, "ref.png", NULL);
  const char *bin = waymark_bin ();
  guint w, h, w72, h72, type;

  g_assert_cmpint (run (NULL, NULL, bin, "export", camping, "-o", a, "--width", "1920",
                        "--background", "transparent", NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, bin, "export", camping, "-o", b, "--width", "1920",
                        "--background", "solid", NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, bin, "export", camping, "-o", c, "--dpi", "72", NULL), ==, 0);

  png_dimensions (a, &w, &h);
  png_dimensions (c, &w72, &h72);
  g_assert_cmpuint (w, ==, 1920);
  /* The height follows the map's aspect. */
  g_assert_cmpfloat_with_epsilon (h, (double) h72 * 1920 / w72, 3.0);
  png_color_type (a, &type);
  g_assert_cmpuint (type, ==, 6);   /* RGBA */
  png_color_type (b, &type);
  g_assert_cmpuint (type, ==, 2);   /* RGB */
}

static void
test_png_too_large_keeps_old (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *camping = template_path ("en", "camping.waymark");
  g_autofree char *png = g_build_filename (fixture->tmp, "old.png", NULL);
  g_autofree char *err = NULL;
  g_autofree char *after = NULL;
  const char old[] = "not really a png, but ours";

  g_assert_true (g_file_set_contents (png, old, -1, NULL));
  g_assert_cmpint (run (NULL, &err, waymark_bin (), "export", camping, "-o", png,
                        "--dpi", "200000", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "camping.waymark: "));
  g_assert_nonnull (strstr (err, "dpi"));
  g_assert_true (g_file_get_contents (png, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, old);
}

/* An export onto a symbolic link replaces what it points to and keeps the
 * link; a link to the map itself is refused (it used to write the PDF
 * over the map). */
static void
test_export_through_symlink (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *camping = template_path ("en", "camping.waymark");
  g_autofree char *map = g_build_filename (fixture->tmp, "map.waymark", NULL);
  g_autofree char *folder = g_build_filename (fixture->tmp, "exports", NULL);
  g_autofree char *target = g_build_filename (folder, "real.png", NULL);
  g_autofree char *link = g_build_filename (fixture->tmp, "slide.png", NULL);
  g_autofree char *to_map = g_build_filename (fixture->tmp, "map.pdf", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  guint w, h;

  copy_file (camping, map);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (target, "an old export", -1, NULL));
  g_assert_cmpint (symlink ("exports/real.png", link), ==, 0);

  g_assert_cmpint (run (NULL, NULL, waymark_bin (), "export", map, "-o", link, "--width", "300", NULL), ==, 0);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  png_dimensions (target, &w, &h);
  g_assert_cmpuint (w, ==, 300);
  {
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);

    g_assert_cmpstr (g_dir_read_name (dir), ==, "real.png");
    g_assert_null (g_dir_read_name (dir));
  }

  g_assert_true (g_file_get_contents (map, &before, NULL, NULL));
  g_assert_cmpint (symlink ("map.waymark", to_map), ==, 0);
  g_assert_cmpint (run (NULL, &err, waymark_bin (), "export", map, "-o", to_map, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "map.pdf"));
  g_assert_true (g_file_get_contents (map, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
  g_assert_true (g_file_test (to_map, G_FILE_TEST_IS_SYMLINK));
}

static void
test_batch (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *en = template_path ("en", "camping.waymark");
  g_autofree char *zh = template_path ("zh-CN", "insurance.waymark");
  g_autofree char *one = g_build_filename (fixture->tmp, "one.waymark", NULL);
  g_autofree char *two = g_build_filename (fixture->tmp, "two.waymark", NULL);
  g_autofree char *bad = g_build_filename (fixture->tmp, "bad.waymark", NULL);
  g_autofree char *outdir = g_build_filename (fixture->tmp, "out", NULL);
  g_autofree char *one_pdf = g_build_filename (outdir, "one.pdf", NULL);
  g_autofree char *two_pdf = g_build_filename (outdir, "two.pdf", NULL);
  g_autofree char *bad_pdf = g_build_filename (outdir, "bad.pdf", NULL);
  g_autofree char *missing = g_build_filename (fixture->tmp, "missing.waymark", NULL);
  g_autofree char *err = NULL;

  copy_file (en, one);
  copy_file (zh, two);
  g_assert_true (g_file_set_contents (bad, bad_reference, -1, NULL));

  g_assert_cmpint (run (NULL, &err, waymark_bin (), "export", "--output-dir", outdir,
                        one, bad, missing, two, NULL), ==, 1);
  g_assert_true (g_file_test (one_pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (two_pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (bad_pdf, G_FILE_TEST_EXISTS));
  assert_names_line (err, "bad.waymark");
  g_assert_nonnull (strstr (err, "bad.waymark:6:"));
  /* Every failure is reported, not only the first. */
  g_assert_nonnull (strstr (err, "missing.waymark"));
}

/* Exports and checks @files into @outdir with -j @jobs; returns stderr. */
static char *
run_jobs (const char  *command,
          const char  *outdir,
          const char  *jobs,
          char       **files,
          int          expected)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  char *err = NULL;
  int status;

  g_ptr_array_add (argv, (gpointer) waymark_bin ());
  g_ptr_array_add (argv, (gpointer) command);
  if (outdir != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--output-dir");
      g_ptr_array_add (argv, (gpointer) outdir);
    }
  g_ptr_array_add (argv, (gpointer) "-j");
  g_ptr_array_add (argv, (gpointer) jobs);
  for (guint i = 0; files[i] != NULL; i++)
    g_ptr_array_add (argv, files[i]);
  g_ptr_array_add (argv, NULL);

  status = test_spawn (NULL, (const char * const *) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, &err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, expected);
  return err;
}

static void
assert_same_file (const char *a,
                  const char *b)
{
  g_autofree char *da = NULL;
  g_autofree char *db = NULL;
  gsize la, lb;

  g_assert_true (g_file_get_contents (a, &da, &la, NULL));
  g_assert_true (g_file_get_contents (b, &db, &lb, NULL));
  g_assert_cmpmem (da, la, db, lb);
}

/* -j 2 shares the maps between two jobs: the same files, byte for byte,
 * the same messages in the same order and the same exit status as -j 1. */
static void
test_parallel_jobs (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *names[] = { "camping", "insurance", "b2b-services", "bad", "customer-service", "missing" };
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *one = g_build_filename (fixture->tmp, "one", NULL);
  g_autofree char *two = g_build_filename (fixture->tmp, "two", NULL);
  g_autofree char *err_one = NULL;
  g_autofree char *err_two = NULL;
  g_autofree char *check_one = NULL;
  g_autofree char *check_two = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *base = g_strconcat (names[i], ".waymark", NULL);
      g_autofree char *from = template_path (i % 2 == 0 ? "en" : "zh-CN", base);
      char *to = g_build_filename (fixture->tmp, base, NULL);

      if (g_str_equal (names[i], "bad"))
        g_assert_true (g_file_set_contents (to, bad_reference, -1, NULL));
      else if (!g_str_equal (names[i], "missing"))
        copy_file (from, to);
      g_ptr_array_add (files, to);
    }
  g_ptr_array_add (files, NULL);

  /* Same dates in both PDFs. */
  g_setenv ("SOURCE_DATE_EPOCH", "1700000000", TRUE);
  err_one = run_jobs ("export", one, "1", (char **) files->pdata, 1);
  err_two = run_jobs ("export", two, "2", (char **) files->pdata, 1);
  g_unsetenv ("SOURCE_DATE_EPOCH");

  g_assert_cmpstr (err_one, ==, err_two);
  g_assert_nonnull (strstr (err_two, "bad.waymark:6:"));
  g_assert_nonnull (strstr (err_two, "missing.waymark"));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *base = g_strconcat (names[i], ".pdf", NULL);
      g_autofree char *a = g_build_filename (one, base, NULL);
      g_autofree char *b = g_build_filename (two, base, NULL);

      g_assert_cmpint (g_file_test (a, G_FILE_TEST_EXISTS), ==, g_file_test (b, G_FILE_TEST_EXISTS));
      if (g_file_test (a, G_FILE_TEST_EXISTS))
        assert_same_file (a, b);
    }

  check_one = run_jobs ("validate", NULL, "1", (char **) files->pdata, 1);
  check_two = run_jobs ("validate", NULL, "2", (char **) files->pdata, 1);
  g_assert_cmpstr (check_one, ==, check_two);
  g_assert_nonnull (strstr (check_two, "bad.waymark:6:"));
}

static void
test_next_to_input (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *en = template_path ("en", "b2b-services.waymark");
  g_autofree char *map = g_build_filename (fixture->tmp, "b2b.waymark", NULL);
  g_autofree char *pdf = g_build_filename (fixture->tmp, "b2b.pdf", NULL);
  g_autofree char *svg = g_build_filename (fixture->tmp, "b2b.svg", NULL);

  copy_file (en, map);
  g_assert_cmpint (run (NULL, NULL, waymark_bin (), "export", map, NULL), ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (run (NULL, NULL, waymark_bin (), "export", "--format", "svg", map, NULL), ==, 0);
  g_assert_true (g_file_test (svg, G_FILE_TEST_IS_REGULAR));
}

static void
test_validate_templates (void)
{
  const char *langs[] = { "en", "zh-CN" };
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  g_ptr_array_add (argv, g_strdup (waymark_bin ()));
  g_ptr_array_add (argv, g_strdup ("validate"));
  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_autofree char *dir = template_path (langs[l], "");
      g_autoptr(GDir) listing = g_dir_open (dir, 0, &error);
      const char *name;

      g_assert_no_error (error);
      while ((name = g_dir_read_name (listing)) != NULL)
        if (g_str_has_suffix (name, ".waymark"))
          g_ptr_array_add (argv, g_build_filename (dir, name, NULL));
    }
  g_assert_cmpuint (argv->len, >=, 2 + 10);
  g_ptr_array_add (argv, NULL);

  status = test_spawn (NULL, (const char * const *) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, &err);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("validate failed on the templates:\n%s", err);
}

static void
test_validate_bad (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *good = template_path ("zh-CN", "camping.waymark");
  g_autofree char *schema = g_build_filename (fixture->tmp, "schema.waymark", NULL);
  g_autofree char *bad = g_build_filename (fixture->tmp, "bad.waymark", NULL);
  g_autofree char *err = NULL;

  g_assert_true (g_file_set_contents (schema, bad_schema, -1, NULL));
  g_assert_true (g_file_set_contents (bad, bad_reference, -1, NULL));

  g_assert_cmpint (run (NULL, &err, waymark_bin (), "validate", good, schema, bad, NULL), ==, 1);
  assert_names_line (err, "schema.waymark");
  assert_names_line (err, "bad.waymark");
  g_assert_nonnull (strstr (err, "schema.waymark:5:"));
  g_assert_null (strstr (err, "camping.waymark"));
}

/* Every hostile file and every template, validated and exported under
 * strace: Waymark never opens a network socket nor connects anywhere,
 * whatever a file's DOCTYPE or entities point at. */
static void
test_no_network (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *strace = test_find_tool ("strace");
  g_autofree char *log = g_build_filename (fixture->tmp, "strace.log", NULL);
  g_autofree char *trace = NULL;
  g_autofree char *hostile = g_test_build_filename (G_TEST_DIST, "core", "files", "hostile", NULL);
  g_autofree char *templates = template_path ("zh-CN", "");
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) envp = NULL;
  const char *dirs[] = { hostile, templates };
  int status;

  if (strace == NULL)
    return;

  g_ptr_array_add (argv, g_strdup (strace));
  g_ptr_array_add (argv, g_strdup ("-f"));
  g_ptr_array_add (argv, g_strdup ("-qq"));
  g_ptr_array_add (argv, g_strdup ("-e"));
  g_ptr_array_add (argv, g_strdup ("trace=socket,connect"));
  g_ptr_array_add (argv, g_strdup ("-o"));
  g_ptr_array_add (argv, g_strdup (log));
  g_ptr_array_add (argv, g_strdup (waymark_bin ()));
  g_ptr_array_add (argv, g_strdup ("export"));
  g_ptr_array_add (argv, g_strdup ("--output-dir"));
  g_ptr_array_add (argv, g_strdup (fixture->tmp));
  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autoptr(GDir) dir = g_dir_open (dirs[d], 0, &error);
      const char *name;

      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (argv, g_build_filename (dirs[d], name, NULL));
    }
  g_ptr_array_add (argv, NULL);

  /* In sanitizer builds this run skips the leak check (every other test
   * keeps it). */
  envp = test_environ_for_strace ();

  g_spawn_sync (NULL, (char **) argv->pdata, envp,
                G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  /* Bad files make the batch exit 1; it must still have gone through. */
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);

  g_assert_true (g_file_get_contents (log, &trace, NULL, NULL));
  g_test_message ("strace: %s", trace);
  g_assert_null (strstr (trace, "AF_INET"));
  g_assert_null (strstr (trace, "AF_PACKET"));
  /* Local sockets only (glibc's user lookup for the PDF's author may ask nscd). */
  lines = g_strsplit (trace, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "connect(") != NULL)
      g_assert_nonnull (strstr (lines[i], "sa_family=AF_UNIX"));
}

static char *
write_big_map (const char *dir,
               guint       n_stages)
{
  static const char *kinds[] = { "actions", "touchpoints", "thoughts", "pains",
                                 "needs", "opportunities", "notes", "actions" };
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<map xmlns=\"urn:waymark:map:1\" format=\"1\" xml:lang=\"en\">\n"
                                         "  <title>One hundred thousand cards</title>\n");
  char *path = g_build_filename (dir, "huge.waymark", NULL);

  for (guint s = 0; s < n_stages; s++)
    g_string_append_printf (xml, "  <stage id=\"s%u\">\n    <title>Stage %u</title>\n  </stage>\n", s, s + 1);
  for (guint l = 0; l < G_N_ELEMENTS (kinds); l++)
    {
      g_string_append_printf (xml, "  <lane id=\"l%u\" kind=\"%s\">\n", l, kinds[l]);
      for (guint s = 0; s < n_stages; s++)
        g_string_append_printf (xml, "    <card id=\"c%u-%u\" stage=\"s%u\">\n"
                                     "      <text>Card %u in stage %u: waited on hold, then called back</text>\n"
                                     "    </card>\n", l, s, s, l, s);
      g_string_append (xml, "  </lane>\n");
    }
  g_string_append (xml, "</map>\n");
  g_assert_true (g_file_set_contents (path, xml->str, xml->len, NULL));
  return path;
}

/* 100,000 cards: validated, and rendered to a PNG the size of a slide, in
 * bounded time and memory. */
static void
test_hundred_thousand_cards (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *map = write_big_map (fixture->tmp, 12500);
  g_autofree char *png = g_build_filename (fixture->tmp, "huge.png", NULL);
  struct rusage usage;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  g_assert_cmpint (run (NULL, NULL, waymark_bin (), "validate", map, NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, waymark_bin (), "export", map, "-o", png, "--width", "3000", NULL), ==, 0);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));

  g_assert_cmpint (getrusage (RUSAGE_CHILDREN, &usage), ==, 0);
  g_test_message ("100,000 cards: validate + export %.1f s, peak RSS of a child %ld MiB",
                  seconds, usage.ru_maxrss / 1024);
#if !defined(__SANITIZE_ADDRESS__)
  g_assert_cmpfloat (seconds, <, 30.0);
  g_assert_cmpint (usage.ru_maxrss, <, 1024 * 1024);
#endif
}

/* A map with 20,000 problems (as many cards naming no stage): at most 100
 * "FILE:LINE: message" lines, then how many more; before, all 20,000. */
static void
test_validate_many_problems (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
                                         "  <title>Problems</title>\n"
                                         "  <stage id=\"s\"/>\n"
                                         "  <lane id=\"l\" kind=\"actions\">\n");
  g_autofree char *map = g_build_filename (fixture->tmp, "problems.waymark", NULL);
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_lines;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (xml, "    <card id=\"c%u\" stage=\"nowhere\"/>\n", i);
  g_string_append (xml, "  </lane>\n</map>\n");
  g_assert_true (g_file_set_contents (map, xml->str, xml->len, NULL));

  g_assert_cmpint (run (NULL, &err, waymark_bin (), "validate", map, NULL), ==, 1);
  lines = g_strsplit (g_strchomp (err), "\n", -1);
  n_lines = g_strv_length (lines);
  g_assert_cmpuint (n_lines, <=, 101);
  g_assert_true (g_str_has_prefix (lines[0], map));
  g_assert_nonnull (strstr (lines[0], ":6: "));
  g_assert_nonnull (strstr (lines[n_lines - 1], "19900 more problems"));
}

/* Right-to-left text, piles of combining marks and absurd numbers: the
 * first render sanely and stay text, the last are clear errors. */
static void
test_bidi_and_absurd (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *good = g_build_filename (fixture->tmp, "bidi.waymark", NULL);
  g_autofree char *bad = g_build_filename (fixture->tmp, "absurd.waymark", NULL);
  g_autofree char *pdf = g_build_filename (fixture->tmp, "bidi.pdf", NULL);
  g_autofree char *err = NULL;
  g_autofree char *pdftotext = test_find_tool ("pdftotext");
  g_autofree char *text = NULL;
  g_autoptr(GString) zalgo = g_string_new ("Z");
  g_autofree char *map = NULL;
  const char *absurd =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
    "  <title>Absurd</title>\n"
    "  <persona id=\"p\"/>\n"
    "  <stage id=\"s\"/>\n"
    "  <lane id=\"l\" kind=\"pains\">\n"
    "    <card id=\"c\" stage=\"s\" frequency=\"99999999999999999999999\"/>\n"
    "  </lane>\n"
    "  <curve persona=\"p\">\n"
    "    <point stage=\"s\" value=\"1e308\"/>\n"
    "  </curve>\n"
    "</map>\n";

  for (guint i = 0; i < 400; i++)
    g_string_append (zalgo, "\xcc\x81\xcd\x9b");  /* U+0301, U+035B */
  map = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
                         "  <title>مرحبا بالعالم — שלום עולם</title>\n"
                         "  <stage id=\"s\">\n"
                         "    <title>\xe2\x80\xae" "evil override</title>\n"
                         "  </stage>\n"
                         "  <lane id=\"l\" kind=\"thoughts\">\n"
                         "    <card id=\"c\" stage=\"s\">\n"
                         "      <text>%s ok</text>\n"
                         "    </card>\n"
                         "  </lane>\n"
                         "</map>\n", zalgo->str);
  g_assert_true (g_file_set_contents (good, map, -1, NULL));
  g_assert_true (g_file_set_contents (bad, absurd, -1, NULL));

  g_assert_cmpint (run (NULL, NULL, waymark_bin (), "export", good, "-o", pdf, NULL), ==, 0);
  if (pdftotext != NULL)
    {
      g_autoptr(GString) letters = NULL;

      /* pdftotext spaces out right-to-left glyphs; the letters stay in order. */
      g_assert_cmpint (run (&text, NULL, pdftotext, pdf, "-", NULL), ==, 0);
      letters = g_string_new (text);
      g_string_replace (letters, " ", "", 0);
      g_assert_nonnull (strstr (letters->str, "שלום"));
    }

  g_assert_cmpint (run (NULL, &err, waymark_bin (), "validate", bad, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "absurd.waymark:7:"));
  g_assert_nonnull (strstr (err, "absurd.waymark:10:"));
}

/* A map with @title and a stage titled @stage, that stage also named by a
 * pain point, an opportunity, a moment and a metric: the summary shows it
 * in each of those. */
static char *
write_text_map (const char *dir,
                const char *name,
                const char *title,
                const char *stage)
{
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped_stage = g_markup_escape_text (stage, -1);
  g_autofree char *xml = NULL;
  char *path = g_build_filename (dir, name, NULL);

  xml = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
                         "  <title>%s</title>\n"
                         "  <persona id=\"p\"><name>Camper</name></persona>\n"
                         "  <stage id=\"s\"><title>%s</title><metric kind=\"nps\" value=\"12\"/></stage>\n"
                         "  <stage id=\"t\"><title>Booking</title></stage>\n"
                         "  <lane id=\"l\" kind=\"pains\">\n"
                         "    <card id=\"c\" stage=\"s\" severity=\"4\"><text>No shelter</text></card>\n"
                         "  </lane>\n"
                         "  <lane id=\"o\" kind=\"opportunities\">\n"
                         "    <card id=\"d\" stage=\"s\" owner=\"Operations\"><text>Build one</text></card>\n"
                         "  </lane>\n"
                         "  <moment id=\"m\" kind=\"aha\" persona=\"p\" stage=\"s\"><text>A campfire</text></moment>\n"
                         "</map>\n", escaped_title, escaped_stage);
  g_assert_true (g_file_set_contents (path, xml, -1, NULL));
  return path;
}

/* --persona takes what people call a persona (its name, any case) as
 * well as its id; an unknown one lists the ones there are. */
static void
test_persona_by_name (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *map = template_path ("en", "b2b-services.waymark");
  const char *names[] = { "presales", "Pre-sales", "PRE-SALES" };
  g_autofree char *first = NULL;
  g_autofree char *all = g_build_filename (fixture->tmp, "all.png", NULL);
  g_autofree char *all_png = NULL;
  g_autofree char *err = NULL;
  gsize first_length = 0, all_length;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *out = g_build_filename (fixture->tmp, "one.png", NULL);
      g_autofree char *png = NULL;
      gsize length;

      g_assert_cmpint (run (NULL, NULL, waymark_bin (), "export", map, "-o", out,
                            "--persona", names[i], NULL), ==, 0);
      g_assert_true (g_file_get_contents (out, &png, &length, NULL));
      if (first == NULL)
        {
          first_length = length;
          first = g_steal_pointer (&png);
        }
      else
        g_assert_true (length == first_length && memcmp (png, first, length) == 0);
    }

  /* Filtering by that persona draws less than all three curves. */
  g_assert_cmpint (run (NULL, NULL, waymark_bin (), "export", map, "-o", all, NULL), ==, 0);
  g_assert_true (g_file_get_contents (all, &all_png, &all_length, NULL));
  g_assert_false (all_length == first_length && memcmp (all_png, first, all_length) == 0);

  g_assert_cmpint (run (NULL, &err, waymark_bin (), "export", map, "-o", all,
                        "--persona", "Pre-sales engineer", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "“Pre-sales engineer”"));
  g_assert_nonnull (strstr (err, "marketing (Marketing), presales (Pre-sales), delivery (Delivery)"));
}

static char *
repeat (const char *piece,
        guint       times)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (s, piece);
  return g_string_free (s, FALSE);
}

/* Text shaped outside the map (the summary, a poster sheet's label) is
 * capped as the map's own text is: before, each of these exports took
 * 3.5–9.5 s (a title of 2,000 lines made every poster label 2,000 lines
 * tall); now well under 0.2 s each. */
static void
test_extreme_text_outside_map (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *marks = NULL;
  g_autofree char *lines = repeat ("x\n", 2000);
  g_autofree char *word = repeat ("a", 60000);
  g_autofree char *spaces = repeat (" ", 64000);
  g_autofree char *spaced = g_strconcat (spaces, "x", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *pdf = g_build_filename (fixture->tmp, "out.pdf", NULL);
  struct {
    const char *name;
    const char *title;
    const char *stage;
  } maps[] = {
    { "marks.waymark", NULL, "Camp" },       /* one letter, 32,000 accents */
    { "lines.waymark", lines, "Camp" },
    { "word.waymark", word, "Camp" },
    { "spaces.waymark", "Spaces", spaced },
  };
  const char *pages[] = { "--summary", "--page" };

  {
    g_autofree char *accents = repeat ("\xcc\x81", 32000);   /* U+0301 */

    marks = g_strconcat ("Z", accents, NULL);
    maps[0].title = marks;
  }

  for (guint i = 0; i < G_N_ELEMENTS (maps); i++)
    {
      g_autofree char *map = write_text_map (fixture->tmp, maps[i].name, maps[i].title, maps[i].stage);

      for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
        {
          double start = test_children_cpu_seconds ();
          double seconds;

          g_assert_cmpint (run (NULL, NULL, waymark_bin (), "export", map, "-o", pdf, pages[p],
                                p == 1 ? "poster-a4" : "--landscape", NULL), ==, 0);
          seconds = test_children_cpu_seconds () - start;
          /* Reported only: the budget is a row of `make bench`. */
          g_test_message ("%s %s: %.2f s", maps[i].name, pages[p], seconds);
        }
    }

  /* The summary shows the start of the long title, then an ellipsis. */
  if (pdftotext != NULL)
    {
      g_autofree char *map = write_text_map (fixture->tmp, "word.waymark", word, "Camp");
      g_autofree char *text = NULL;

      g_assert_cmpint (run (NULL, NULL, waymark_bin (), "export", map, "-o", pdf, "--summary", NULL), ==, 0);
      g_assert_cmpint (run (&text, NULL, pdftotext, "-f", "1", "-l", "1", pdf, "-", NULL), ==, 0);
      g_assert_nonnull (strstr (text, "aaaaaaaaaa"));
      g_assert_nonnull (strstr (text, "…"));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/Waymark/Cli/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/Waymark/Cli/version", test_version);
  g_test_add_func ("/Waymark/Cli/help", test_help);
  g_test_add_func ("/Waymark/Cli/top-help", test_top_help);
  ADD ("usage-errors", test_usage_errors);
  ADD ("bad-numbers", test_bad_numbers);
  ADD ("pdf-text", test_pdf_text);
  ADD ("pdf-fonts", test_pdf_fonts);
  ADD ("svg", test_svg);
  ADD ("svg-text", test_svg_text);
  ADD ("png-dpi", test_png_dpi);
  ADD ("png-width", test_png_width);
  ADD ("summary-pdf", test_summary_pdf);
  ADD ("png-too-large-keeps-old", test_png_too_large_keeps_old);
  ADD ("export-through-symlink", test_export_through_symlink);
  ADD ("batch", test_batch);
  ADD ("next-to-input", test_next_to_input);
  ADD ("parallel-jobs", test_parallel_jobs);
  g_test_add_func ("/Waymark/Cli/validate-templates", test_validate_templates);
  ADD ("validate-bad", test_validate_bad);
  ADD ("validate-many-problems", test_validate_many_problems);
  ADD ("no-network", test_no_network);
  ADD ("hundred-thousand-cards", test_hundred_thousand_cards);
  ADD ("bidi-and-absurd", test_bidi_and_absurd);
  ADD ("extreme-text-outside-map", test_extreme_text_outside_map);
  ADD ("persona-by-name", test_persona_by_name);

#undef ADD

  return g_test_run ();
}
