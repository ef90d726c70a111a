/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-comparison.c - a map compared with an older version of it: the marks
 * the overlay draws, the rows a person reads, the before/after PDF. (What
 * the overlay looks like: test-goldens, compare-*.) */

#include <string.h>

#include <glib.h>

#include "wm-card.h"
#include "wm-compare.h"
#include "wm-reader.h"

static WmDocument *
load (const char *relative)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, relative, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  WmDocument *document;

  document = wm_reader_load_file (file, &error);
  g_assert_no_error (error);
  return document;
}

/* camping (en) and the older version of it the goldens compare with. */
static WmCompare *
camping_compare (void)
{
  g_autoptr(WmDocument) before = load ("core/files/compare/camping-before.waymark");
  g_autoptr(WmDocument) after = load ("../data/templates/en/camping.waymark");

  return wm_compare_new (before, after);
}

static void
test_marks (void)
{
  g_autoptr(WmCompare) compare = camping_compare ();
  WmCard *card;

  g_assert_cmpint (wm_compare_get_mark (compare, "opp-shelter"), ==, WM_COMPARE_ADDED);
  g_assert_cmpint (wm_compare_get_mark (compare, "act-booking"), ==, WM_COMPARE_CHANGED);
  g_assert_cmpint (wm_compare_get_mark (compare, "pain-traffic"), ==, WM_COMPARE_CHANGED);
  g_assert_cmpint (wm_compare_get_mark (compare, "pain-view"), ==, WM_COMPARE_MOVED);
  g_assert_cmpint (wm_compare_get_mark (compare, "tp-call"), ==, WM_COMPARE_SAME);
  g_assert_cmpint (wm_compare_get_mark (compare, "pain-queue"), ==, WM_COMPARE_SAME);
  g_assert_cmpint (wm_compare_get_mark (compare, NULL), ==, WM_COMPARE_SAME);

  /* An edit of the map shown counts at once. */
  card = wm_document_find_card (wm_compare_get_after (compare), "tp-call", NULL);
  wm_card_set_text (card, "Books online");
  wm_document_emit_changed (wm_compare_get_after (compare));
  g_assert_cmpint (wm_compare_get_mark (compare, "tp-call"), ==, WM_COMPARE_CHANGED);
}

static void
test_rows (void)
{
  g_autoptr(WmCompare) compare = camping_compare ();
  g_autoptr(GPtrArray) rows = wm_compare_get_rows (compare);
  static const WmCompareRowKind kinds[] = {
    WM_COMPARE_ROW_CHANGED, WM_COMPARE_ROW_REMOVED, WM_COMPARE_ROW_CHANGED, WM_COMPARE_ROW_MOVED,
    WM_COMPARE_ROW_ADDED, WM_COMPARE_ROW_CURVE, WM_COMPARE_ROW_CURVE, WM_COMPARE_ROW_CURVE,
    WM_COMPARE_ROW_BETTER, WM_COMPARE_ROW_BETTER, WM_COMPARE_ROW_WORSE, WM_COMPARE_ROW_PAIN,
  };
  const WmCompareRow *row;

  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (kinds));
  for (guint i = 0; i < rows->len; i++)
    {
      row = rows->pdata[i];
      g_assert_cmpint (row->kind, ==, kinds[i]);
      g_assert_nonnull (row->text);
      g_assert_null (strchr (row->text, '\n'));
    }
  row = rows->pdata[1];
  g_assert_null (row->item);
  g_assert_cmpstr (row->text, ==, "Card removed: “The owner's phone is always busy”");
  row = rows->pdata[4];
  g_assert_true (WM_IS_CARD (row->item));
  g_assert_cmpstr (wm_item_get_id (WM_ITEM (row->item)), ==, "opp-shelter");
  /* Long texts are clipped as the renderer clips them. */
  row = rows->pdata[0];
  g_assert_true (g_str_has_prefix (row->text, "Card changed: “Phones the owner"));
  g_assert_nonnull (strstr (row->text, "…” (text)"));
  row = rows->pdata[10];
  g_assert_cmpstr (row->text, ==, "NPS at “Sharing”: -5 → -18, worse");
}

static void
test_same (void)
{
  g_autoptr(WmDocument) map = load ("../data/templates/en/camping.waymark");
  g_autoptr(WmCompare) compare = wm_compare_new (map, map);
  g_autoptr(GPtrArray) rows = wm_compare_get_rows (compare);

  g_assert_cmpuint (rows->len, ==, 0);
}

static guint
count (const char *haystack,
       gsize       length,
       const char *needle)
{
  gsize n_needle = strlen (needle);
  guint n = 0;

  for (gsize i = 0; i + n_needle <= length; i++)
    if (memcmp (haystack + i, needle, n_needle) == 0)
      n++;
  return n;
}

static void
test_pdf (void)
{
  g_autoptr(WmCompare) compare = camping_compare ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = wm_compare_to_pdf (compare, &error);
  gsize size;
  const char *data;

  g_assert_no_error (error);
  data = g_bytes_get_data (pdf, &size);
  g_assert_true (size > 1000 && memcmp (data, "%PDF-", 5) == 0);
  /* The map, then one page of changes. */
  g_assert_cmpuint (count (data, size, "/Type /Page %"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/Compare/marks", test_marks);
  g_test_add_func ("/Waymark/Compare/rows", test_rows);
  g_test_add_func ("/Waymark/Compare/same", test_same);
  g_test_add_func ("/Waymark/Compare/pdf", test_pdf);

  return g_test_run ();
}
