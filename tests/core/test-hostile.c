/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <sys/resource.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "../test-util.h"

#include "wm-error.h"
#include "wm-reader.h"
#include "wm-rules.h"

/* Every hostile input is refused with a clear code and a message naming
 * the file and the line, and quickly: each case's CPU time is reported,
 * and its budget (under a second) is a row of `make bench`
 * (tests/bench/run-guards-bench.sh). */

typedef struct
{
  const char  *file;
  WmErrorCode  code;
  int          line;
  const char  *needle;
} HostileFile;

static const HostileFile hostile_files[] = {
  { "malformed", WM_ERROR_MALFORMED, 8, "not well-formed XML" },
  { "unknown-lane-kind", WM_ERROR_INVALID, 7,
    "unknown lane kind “feelings” (expected actions, touchpoints, thoughts, emotion, pains, needs, opportunities or notes)" },
  { "duplicate-id", WM_ERROR_REFERENCE, 8, "id “s2” is already used on line 6" },
  { "dangling-stage", WM_ERROR_REFERENCE, 8, "stage “s9” is not defined" },
  { "dangling-persona", WM_ERROR_REFERENCE, 8, "persona “nobody” is not defined" },
  { "point-value", WM_ERROR_INVALID, 8, "value=“5” is out of range (-3 to 3)" },
  { "severity", WM_ERROR_INVALID, 8, "severity=“9” is out of range (1 to 5)" },
  { "moment-at", WM_ERROR_INVALID, 7, "at=“2” is out of range (0 to 1)" },
  { "span", WM_ERROR_INVALID, 9, "span=“2” runs past the last stage" },
  { "metric-range", WM_ERROR_INVALID, 8, "value=“9” is out of range (1 to 7)" },
  { "not-a-number", WM_ERROR_INVALID, 8, "value=“1e3” is not a number" },
  { "bad-color", WM_ERROR_INVALID, 8, "color=“red” is not a color" },
  { "bad-id", WM_ERROR_INVALID, 7, "“1st lane” is not a valid id" },
  { "unknown-element", WM_ERROR_INVALID, 8, "unknown element <sticker> inside <lane>" },
  { "wrong-order", WM_ERROR_INVALID, 8, "<stage> must come before <lane>" },
  { "doctype-file", WM_ERROR_FORBIDDEN, 3,
    "documents with a DOCTYPE are refused (entities could read other files)" },
  { "doctype-url", WM_ERROR_FORBIDDEN, 2, "documents with a DOCTYPE are refused" },
  { "billion-laughs", WM_ERROR_FORBIDDEN, 2, "documents with a DOCTYPE are refused" },
  { "newer-format", WM_ERROR_NEWER_FORMAT, 2,
    "this map was written by a newer Waymark (format 2); this version reads format 1" },
};

/* The head every generated case starts from: seven lines. */
#define HEAD \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n" \
  "  <title>Hostile</title>\n" \
  "  <persona id=\"p1\"/>\n" \
  "  <stage id=\"s1\"/>\n" \
  "  <stage id=\"s2\"/>\n" \
  "  <lane id=\"l1\" kind=\"notes\">\n"

#define TAIL \
  "  </lane>\n" \
  "</map>\n"

static void
assert_error_at (GError      *error,
                 WmErrorCode  code,
                 const char  *name,
                 int          line,
                 const char  *needle)
{
  g_autofree char *prefix = g_strdup_printf ("%s:%d: ", name, line);

  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_error (error, WM_ERROR, (int) code);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("“%s” does not start with “%s”", error->message, prefix);
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_error ("“%s” does not say “%s”", error->message, needle);
}

static void
assert_quick (TestCpuTimer *timer)
{
  double elapsed = test_cpu_timer_elapsed (timer);

  /* Reported only: the budget is a row of `make bench`
   * (run-guards-bench.sh), a real hang meson's timeout. */
  g_test_message ("took %.3f s", elapsed);
}

/* Loads @data from memory and checks the refusal. */
static void
assert_refused (const char  *data,
                gsize        length,
                WmErrorCode  code,
                int          line,
                const char  *needle)
{
  g_autoptr(TestCpuTimer) timer = test_cpu_timer_new ();
  g_autoptr(GError) error = NULL;
  WmDocument *document;

  document = wm_reader_load_data (data, length, "hostile.waymark", &error);
  test_cpu_timer_stop (timer);

  g_assert_null (document);
  assert_error_at (error, code, "hostile.waymark", line, needle);
  assert_quick (timer);
}

static void
test_hostile_file (gconstpointer data)
{
  const HostileFile *hostile = data;
  g_autofree char *basename = g_strconcat (hostile->file, ".waymark", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "files", "hostile", basename, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TestCpuTimer) timer = test_cpu_timer_new ();
  g_autoptr(GError) error = NULL;
  WmDocument *document;

  document = wm_reader_load_file (file, &error);
  test_cpu_timer_stop (timer);

  g_assert_null (document);
  assert_error_at (error, hostile->code, path, hostile->line, hostile->needle);
  assert_quick (timer);

  /* Nothing from another file ever reaches a message. */
  g_assert_null (strstr (error->message, "root:"));
}

static void
test_truncated (void)
{
  const char *full = HEAD
    "    <card id=\"c1\" stage=\"s1\">\n"
    "      <text>cut short</text>\n"
    "    </card>\n"
    TAIL;
  gsize cut = strstr (full, "<text>cut") - full + 8;

  assert_refused (full, cut, WM_ERROR_MALFORMED, 9, "not well-formed XML");
}

static void
test_invalid_utf8 (void)
{
  const char *data = HEAD
    "    <card id=\"c1\" stage=\"s1\">\n"
    "      <text>caf\xe9 in Latin-1</text>\n"
    "    </card>\n"
    TAIL;

  assert_refused (data, strlen (data), WM_ERROR_MALFORMED, 9, "not valid UTF-8 (byte 0xE9)");
}

static void
test_nul_bytes (void)
{
  static const char data[] = HEAD
    "    <card id=\"c1\" stage=\"s1\">\n"
    "      <text>before\0after</text>\n"
    "    </card>\n"
    TAIL;

  assert_refused (data, sizeof data - 1, WM_ERROR_MALFORMED, 9, "NUL byte");
}

static char *
nested (guint  depth,
        gsize *length)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
                               "  <title>Deep</title>\n"
                               "  <x:deep xmlns:x=\"urn:example:deep\">\n");

  for (guint i = 0; i < depth; i++)
    g_string_append (out, "<x:deep>");
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "</x:deep>");
  g_string_append (out, "\n  </x:deep>\n</map>\n");

  *length = out->len;

  return g_string_free (out, FALSE);
}

static void
test_deep_nesting (void)
{
  gsize length = 0;
  g_autofree char *data = nested (10000, &length);

  assert_refused (data, length, WM_ERROR_TOO_LARGE, 5, "nested more than 64 levels deep");
}

/* Deeper than ours but not than libxml2's own limit: our check. */
static void
test_moderate_nesting (void)
{
  gsize length = 0;
  g_autofree char *data = nested (100, &length);

  assert_refused (data, length, WM_ERROR_TOO_LARGE, 5, "nested more than 64 levels deep");
}

static void
test_element_flood (void)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
                               "  <title>Flood</title>\n"
                               "  <x:flood xmlns:x=\"urn:example:flood\">\n");

  for (guint i = 0; i < 2100000; i++)
    g_string_append_len (out, "<x/>", 4);
  g_string_append (out, "\n  </x:flood>\n</map>\n");

  assert_refused (out->str, out->len, WM_ERROR_TOO_LARGE, 5, "more than 1000000 elements");
  g_string_free (out, TRUE);
}

static void
test_huge_attribute (void)
{
  GString *out = g_string_new (HEAD "    <card id=\"c1\" stage=\"s1\" channel=\"");
  gsize size = 10 * 1024 * 1024;

  g_string_set_size (out, out->len + size);
  memset (out->str + out->len - size, 'a', size);
  g_string_append (out, "\"/>\n" TAIL);

  assert_refused (out->str, out->len, WM_ERROR_TOO_LARGE, 8, "longer than 1 MiB");
  g_string_free (out, TRUE);
}

static void
test_long_word (void)
{
  GString *out = g_string_new (HEAD "    <card id=\"c1\" stage=\"s1\">\n      <text>");
  gsize size = WM_MAX_TEXT_BYTES;   /* the longest text value a map may hold */
  g_autoptr(TestCpuTimer) timer = test_cpu_timer_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = NULL;
  WmCard *card;

  for (gsize i = 0; i < size; i++)
    g_string_append_c (out, "Donaudampfschifffahrt"[i % 21]);
  g_string_append (out, "</text>\n    </card>\n" TAIL);

  test_cpu_timer_start (timer);
  document = wm_reader_load_data (out->str, out->len, "long.waymark", &error);
  test_cpu_timer_stop (timer);

  g_assert_no_error (error);
  card = wm_document_find_card (document, "c1", NULL);
  g_assert_nonnull (card);
  g_assert_cmpuint (strlen (wm_card_get_text (card)), ==, size);
  assert_quick (timer);

  g_string_free (out, TRUE);
}

static char *
sparse_file (const char *dir)
{
  char *path = g_build_filename (dir, "huge.waymark", NULL);

  g_assert_true (g_file_set_contents (path, "<", 1, NULL));
  g_assert_cmpint (truncate (path, (off_t) WM_MAX_FILE_SIZE + 1), ==, 0);

  return path;
}

/* Refused by its size before a byte is read. */
static void
test_over_size_cap (void)
{
  g_autofree char *dir = g_dir_make_tmp ("waymark-hostile-XXXXXX", NULL);
  g_autofree char *path = sparse_file (dir);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TestCpuTimer) timer = test_cpu_timer_new ();
  g_autoptr(GError) error = NULL;
  WmDocument *document;

  document = wm_reader_load_file (file, &error);
  test_cpu_timer_stop (timer);

  g_assert_null (document);
  assert_error_at (error, WM_ERROR_TOO_LARGE, path, 1, "larger than 64 MiB");
  assert_quick (timer);

  g_unlink (path);
  g_rmdir (dir);
}

/* The same bytes in memory (mapped, so never really allocated). */
static void
test_over_size_cap_in_memory (void)
{
  g_autofree char *dir = g_dir_make_tmp ("waymark-hostile-XXXXXX", NULL);
  g_autofree char *path = sparse_file (dir);
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);

  g_assert_nonnull (mapped);
  assert_refused (g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped),
                  WM_ERROR_TOO_LARGE, 1, "larger than 64 MiB");

  g_unlink (path);
  g_rmdir (dir);
}

/* libxml2 2.9 compares an element's attributes pairwise: quadratic. */
static void
test_many_attributes (void)
{
  GString *out = g_string_new (HEAD "    <card id=\"c1\" stage=\"s1\" xmlns:x=\"urn:example:x\"");

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (out, " x:a%u=\"\"", i);
  g_string_append (out, "/>\n" TAIL);

  assert_refused (out->str, out->len, WM_ERROR_TOO_LARGE, 8, "an element has more than 64 attributes");
  g_string_free (out, TRUE);
}

static void
test_attribute_flood (void)
{
  GString *out = g_string_new (HEAD "    <x:flood xmlns:x=\"urn:example:x\">\n");

  for (guint i = 0; i < 20000; i++)
    {
      g_string_append (out, "<x:e");
      for (guint j = 0; j < 60; j++)
        g_string_append_printf (out, " a%u=\"\"", j);
      g_string_append (out, "/>");
    }
  g_string_append (out, "\n    </x:flood>\n" TAIL);

  assert_refused (out->str, out->len, WM_ERROR_TOO_LARGE, 9, "more than 1000000 attributes");
  g_string_free (out, TRUE);
}

static void
test_namespace_flood (void)
{
  GString *out = g_string_new (HEAD "    <x:flood xmlns:x=\"urn:example:x\">\n");

  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (out, "<x:e xmlns:n%u=\"urn:n%u\"/>", i, i);
  g_string_append (out, "\n    </x:flood>\n" TAIL);

  assert_refused (out->str, out->len, WM_ERROR_TOO_LARGE, 9, "declares more than 64 namespaces");
  g_string_free (out, TRUE);
}

static void
test_missing_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("waymark-hostile-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "nowhere.waymark", NULL);
  g_autofree char *expected = g_strdup_printf ("%s: %s", path, g_strerror (ENOENT));
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TestCpuTimer) timer = test_cpu_timer_new ();
  g_autoptr(GError) error = NULL;

  g_assert_null (wm_reader_load_file (file, &error));
  test_cpu_timer_stop (timer);
  g_assert_error (error, WM_ERROR, WM_ERROR_IO);
  g_assert_cmpstr (error->message, ==, expected);
  assert_quick (timer);

  g_rmdir (dir);
}

static void
test_folder (void)
{
  g_autofree char *dir = g_dir_make_tmp ("waymark-hostile-XXXXXX", NULL);
  g_autofree char *expected = g_strdup_printf ("%s: %s", dir, g_strerror (EISDIR));
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(TestCpuTimer) timer = test_cpu_timer_new ();
  g_autoptr(GError) error = NULL;

  g_assert_null (wm_reader_load_file (file, &error));
  test_cpu_timer_stop (timer);
  g_assert_error (error, WM_ERROR, WM_ERROR_IO);
  g_assert_cmpstr (error->message, ==, expected);
  assert_quick (timer);

  g_rmdir (dir);
}

/* One limit per text value wherever it sits: libxml2's own (10,000,000
 * bytes of text in a node) used to decide depending on the position. */
static void
test_long_text_anywhere (void)
{
  gsize size = 10 * 1000 * 1000 + 10;
  g_autoptr(GString) first = g_string_sized_new (size + 512);
  g_autoptr(GString) last = g_string_sized_new (size + 512);
  g_autoptr(GString) cdata = g_string_sized_new (WM_MAX_TEXT_BYTES + 512);

  /* In the title, the first value of the file. */
  g_string_append (first, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n  <title>");
  g_string_set_size (first, first->len + size);
  memset (first->str + first->len - size, 'x', size);
  g_string_append (first, "</title>\n</map>\n");
  assert_refused (first->str, first->len, WM_ERROR_TOO_LARGE, 3, "a text is longer than 1 MiB");

  /* In the last card. */
  g_string_append (last, HEAD "    <card id=\"c1\" stage=\"s1\">\n      <text>");
  g_string_set_size (last, last->len + size);
  memset (last->str + last->len - size, 'y', size);
  g_string_append (last, "</text>\n    </card>\n" TAIL);
  assert_refused (last->str, last->len, WM_ERROR_TOO_LARGE, 9, "a text is longer than 1 MiB");

  /* One byte over, in pieces that are each short enough. */
  g_string_append (cdata, HEAD "    <card id=\"c1\" stage=\"s1\">\n      <text>");
  for (gsize i = 0; i <= WM_MAX_TEXT_BYTES; i += 1000)
    {
      gsize n = MIN (1000, WM_MAX_TEXT_BYTES + 1 - i);

      g_string_append (cdata, i % 2000 ? "<![CDATA[" : "<!-- -->");
      g_string_set_size (cdata, cdata->len + n);
      memset (cdata->str + cdata->len - n, 'z', n);
      if (i % 2000)
        g_string_append (cdata, "]]>");
    }
  g_string_append (cdata, "</text>\n    </card>\n" TAIL);
  assert_refused (cdata->str, cdata->len, WM_ERROR_TOO_LARGE, 9, "a text is longer than 1 MiB");
}

/* The limit counts the value, not its escaped form: 300,000 "&amp;"
 * (1.5 MB in the file) are 300,000 bytes of value, and load. */
static void
test_escaped_value (void)
{
  g_autoptr(GString) out = g_string_new (HEAD "    <card id=\"c1\" stage=\"s1\" channel=\"");
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 300000; i++)
    g_string_append (out, "&amp;");
  g_string_append (out, "\"/>\n" TAIL);

  document = wm_reader_load_data (out->str, out->len, "escaped.waymark", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (wm_card_get_channel (wm_document_find_card (document, "c1", NULL))), ==, 300000);
}

/* A file of exactly the advertised cap is read or refused by our rules,
 * never by libxml2's ("Huge input lookup"), and read from disk. */
static void
assert_cap_sized (const char *head,
                  const char *tail,
                  char        fill,
                  gboolean    loads,
                  const char *needle)
{
  g_autofree char *dir = g_dir_make_tmp ("waymark-hostile-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cap.waymark", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = NULL;
  gsize size = WM_MAX_FILE_SIZE;
  gsize fill_length = size - strlen (head) - strlen (tail);
  char *data = g_malloc (size);

  memcpy (data, head, strlen (head));
  memset (data + strlen (head), fill, fill_length);
  memcpy (data + size - strlen (tail), tail, strlen (tail));
  g_assert_true (g_file_set_contents (path, data, size, NULL));
  g_free (data);

  document = wm_reader_load_file (file, &error);
  if (error != NULL)
    g_test_message ("%s", error->message);
  if (loads)
    g_assert_no_error (error);
  else
    {
      g_assert_nonnull (error);
      g_assert_null (strstr (error->message, "Huge"));
      g_assert_nonnull (strstr (error->message, needle));
    }

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_cap_sized_files (void)
{
  /* One huge comment (dropped, not built), one huge text of ours, one
   * huge foreign attribute. */
  assert_cap_sized ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n  <title>Cap</title>\n<!--",
                    "-->\n</map>\n", 'c', TRUE, NULL);
  assert_cap_sized ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n  <title>",
                    "</title>\n</map>\n", 't', FALSE, "cap.waymark:3: a text is longer than 1 MiB");
  assert_cap_sized ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<map xmlns=\"urn:waymark:map:1\" xmlns:x=\"urn:x\" format=\"1\" x:a=\"",
                    "\">\n  <title>Cap</title>\n</map>\n", 'a', FALSE,
                    "cap.waymark:2: an attribute value is longer than 1 MiB");
  /* Whitespace between our elements is no value, but a run longer than
   * any value is refused all the same, by our rule. */
  assert_cap_sized ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n  <title>Cap</title>",
                    "\n</map>\n", ' ', FALSE, "longer than 1 MiB");
}

static void
test_not_a_map (void)
{
  const char *data = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n";

  assert_refused (data, strlen (data), WM_ERROR_INVALID, 2, "not a Waymark map");
}

static void
test_empty (void)
{
  assert_refused ("", 0, WM_ERROR_MALFORMED, 1, "empty");
}

/* Run last: the peak memory of the whole process, every hostile input
 * above included, stays under 200 MiB. */
static void
test_memory (void)
{
  struct rusage usage;

#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("AddressSanitizer's shadow memory inflates the peak");
  return;
#endif

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  g_test_message ("peak RSS %ld KiB", usage.ru_maxrss);
  g_assert_cmpint (usage.ru_maxrss, <, 200 * 1024);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (hostile_files); i++)
    {
      g_autofree char *name = g_strconcat ("/Waymark/Hostile/", hostile_files[i].file, NULL);

      g_test_add_data_func (name, &hostile_files[i], test_hostile_file);
    }

  g_test_add_func ("/Waymark/Hostile/truncated", test_truncated);
  g_test_add_func ("/Waymark/Hostile/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/Waymark/Hostile/nul-bytes", test_nul_bytes);
  g_test_add_func ("/Waymark/Hostile/deep-nesting", test_deep_nesting);
  g_test_add_func ("/Waymark/Hostile/moderate-nesting", test_moderate_nesting);
  g_test_add_func ("/Waymark/Hostile/element-flood", test_element_flood);
  g_test_add_func ("/Waymark/Hostile/huge-attribute", test_huge_attribute);
  g_test_add_func ("/Waymark/Hostile/long-word", test_long_word);
  g_test_add_func ("/Waymark/Hostile/long-text-anywhere", test_long_text_anywhere);
  g_test_add_func ("/Waymark/Hostile/escaped-value", test_escaped_value);
  g_test_add_func ("/Waymark/Hostile/cap-sized-files", test_cap_sized_files);
  g_test_add_func ("/Waymark/Hostile/over-size-cap", test_over_size_cap);
  g_test_add_func ("/Waymark/Hostile/over-size-cap-in-memory", test_over_size_cap_in_memory);
  g_test_add_func ("/Waymark/Hostile/many-attributes", test_many_attributes);
  g_test_add_func ("/Waymark/Hostile/attribute-flood", test_attribute_flood);
  g_test_add_func ("/Waymark/Hostile/namespace-flood", test_namespace_flood);
  g_test_add_func ("/Waymark/Hostile/missing-file", test_missing_file);
  g_test_add_func ("/Waymark/Hostile/folder", test_folder);
  g_test_add_func ("/Waymark/Hostile/not-a-map", test_not_a_map);
  g_test_add_func ("/Waymark/Hostile/empty", test_empty);
  g_test_add_func ("/Waymark/Hostile/memory", test_memory);

  return g_test_run ();
}
