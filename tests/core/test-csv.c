/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-csv.c - the bounded CSV reader: Excel's and WPS's exports, traps */

#define G_LOG_DOMAIN "Waymark-Test"

#include "config.h"

#include <string.h>

#include "wm-csv.h"
#include "wm-error.h"

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "core", "files", "feedback", name, NULL);
}

static WmCsv *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  WmCsv *csv = wm_csv_parse (text, strlen (text), "t.csv", &error);

  g_assert_no_error (error);
  g_assert_nonnull (csv);
  return csv;
}

static void
assert_row (WmCsv              *csv,
            guint               row,
            const char * const *expected)
{
  const char * const *cells = wm_csv_get_row (csv, row, NULL);

  g_assert_cmpstrv (cells, expected);
}

/* Parsing must fail with @code and a message starting with @prefix. */
static void
assert_refused (const char *data,
                gsize       length,
                int         code,
                const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCsv) csv = wm_csv_parse (data, length, "bad.csv", &error);

  g_assert_null (csv);
  g_assert_error (error, WM_ERROR, code);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("“%s” does not start with “%s”", error->message, prefix);
}

static void
test_quoting (void)
{
  g_autoptr(WmCsv) csv = parse ("a,b,c\n"
                                "\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n"
                                "\"ab\"cd,\"\",plain \"quote\"\n");

  g_assert_cmpuint (wm_csv_get_n_rows (csv), ==, 3);
  assert_row (csv, 0, (const char *[]) { "a", "b", "c", NULL });
  assert_row (csv, 1, (const char *[]) { "x, y", "say \"hi\"", "two\nlines", NULL });
  /* Excel keeps what follows a quote that closed early. */
  assert_row (csv, 2, (const char *[]) { "abcd", "", "plain \"quote\"", NULL });
  /* Row 2 begins after the line break inside row 1's quotes. */
  g_assert_cmpuint (wm_csv_get_line (csv, 1), ==, 2);
  g_assert_cmpuint (wm_csv_get_line (csv, 2), ==, 4);
}

static void
test_line_ends (void)
{
  g_autoptr(WmCsv) csv = parse ("a,b\r\n1,\"x\r\ny\"\r\n2,z\r3,w");

  g_assert_cmpuint (wm_csv_get_n_rows (csv), ==, 4);
  assert_row (csv, 1, (const char *[]) { "1", "x\ny", NULL });
  assert_row (csv, 2, (const char *[]) { "2", "z", NULL });
  assert_row (csv, 3, (const char *[]) { "3", "w", NULL });
  g_assert_cmpuint (wm_csv_get_line (csv, 3), ==, 5);
}

static void
test_trim_and_empty_rows (void)
{
  g_autoptr(WmCsv) csv = parse ("\n a ,\t\"  b  \"\u3000\n,,\n   \n\u3000c\u3000,d\n\n");

  g_assert_cmpuint (wm_csv_get_n_rows (csv), ==, 2);
  assert_row (csv, 0, (const char *[]) { "a", "b", NULL });
  assert_row (csv, 1, (const char *[]) { "c", "d", NULL });
  g_assert_cmpuint (wm_csv_get_line (csv, 0), ==, 2);
  g_assert_cmpuint (wm_csv_get_line (csv, 1), ==, 5);
}

/* A card table's values are exact: between quotes, blanks stay; outside
 * them (and in unquoted cells) they go, as in a feedback export. */
static void
test_keep_quoted_blanks (void)
{
  const char *text = " a ,\t\"  b\u3000\" \t,\"\",\"x\"y ,\"\u00A0\"\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCsv) exact = wm_csv_parse_full (text, strlen (text), "t.csv",
                                              WM_CSV_KEEP_QUOTED_BLANKS, &error);
  g_autoptr(WmCsv) trimmed = parse (text);

  g_assert_no_error (error);
  assert_row (exact, 0, (const char *[]) { "a", "  b\u3000", "", "xy", "\u00A0", NULL });
  assert_row (trimmed, 0, (const char *[]) { "a", "b", "", "xy", "", NULL });
  g_assert_true (wm_csv_has_blank_end ("\u3000x"));
  g_assert_true (wm_csv_has_blank_end ("x\uFEFF"));
  g_assert_true (wm_csv_has_blank_end (" "));
  g_assert_false (wm_csv_has_blank_end ("x y"));
  g_assert_false (wm_csv_has_blank_end (""));
}

static void
test_separators (void)
{
  g_autoptr(WmCsv) semicolons = parse ("a;b\n1;\"x;y\"\n");
  g_autoptr(WmCsv) tabs = parse ("a\tb\n1\t2,3\n");

  assert_row (semicolons, 1, (const char *[]) { "1", "x;y", NULL });
  assert_row (tabs, 1, (const char *[]) { "1", "2,3", NULL });
}

static void
test_bom (void)
{
  /* A quote right after the BOM still opens a quoted cell. */
  g_autoptr(WmCsv) csv = parse ("\xEF\xBB\xBF\"编号\",内容\n1,好\n");

  g_assert_cmpstr (wm_csv_get_encoding (csv), ==, "UTF-8");
  assert_row (csv, 0, (const char *[]) { "编号", "内容", NULL });
}

static WmCsv *
load (const char *name)
{
  g_autofree char *path = fixture (name);
  g_autoptr(GError) error = NULL;
  WmCsv *csv = wm_csv_load_path (path, name, &error);

  g_assert_no_error (error);
  return csv;
}

/* The fixture was made with iconv from feedback-zh.csv (BOM, CRLF). */
static void
test_gb18030 (void)
{
  g_autoptr(WmCsv) utf8 = load ("feedback-zh.csv");
  g_autoptr(WmCsv) gb = load ("feedback-zh-gb18030.csv");

  g_assert_cmpstr (wm_csv_get_encoding (utf8), ==, "UTF-8");
  g_assert_cmpstr (wm_csv_get_encoding (gb), ==, "GB18030");
  g_assert_cmpuint (wm_csv_get_n_rows (gb), ==, wm_csv_get_n_rows (utf8));
  g_assert_cmpuint (wm_csv_get_n_rows (gb), ==, 10);
  for (guint i = 0; i < wm_csv_get_n_rows (gb); i++)
    {
      g_assert_cmpstrv (wm_csv_get_row (gb, i, NULL), wm_csv_get_row (utf8, i, NULL));
      g_assert_cmpuint (wm_csv_get_line (gb, i), ==, wm_csv_get_line (utf8, i));
    }
  assert_row (utf8, 0, (const char *[]) { "编号", "日期", "渠道", "客户类型", "产品", "类型",
                                          "一级分类", "二级标签", "严重度", "满意度",
                                          "旅程阶段", "内容", "工单状态", NULL });
  g_assert_cmpstr (wm_csv_get_row (utf8, 4, NULL)[11], ==, "师傅几点到？\n能不能给个准确时间");
}

static void
test_refused_encodings (void)
{
  assert_refused ("\xFF\xFE" "a\0,\0b\0", 8, WM_ERROR_MALFORMED, "bad.csv: the file is in UTF-16");
  assert_refused ("PK\x03\x04\0\0", 6, WM_ERROR_MALFORMED, "bad.csv: the file holds NUL bytes");
  assert_refused ("a,b\n\xFF\xFF,\x80\n", 9, WM_ERROR_MALFORMED,
                  "bad.csv: the file is neither UTF-8 nor GB18030");
}

static void
test_unterminated_quote (void)
{
  const char *text = "a,b\n1,2\n3,\"never\nends\n";

  assert_refused (text, strlen (text), WM_ERROR_MALFORMED, "bad.csv:3: a quoted cell");
}

static void
test_caps (void)
{
  g_autoptr(GString) wide = g_string_new ("a\n");
  g_autoptr(GString) long_cell = g_string_new ("a\n\n\"");
  g_autoptr(GString) rows = g_string_new (NULL);

  for (guint i = 0; i <= WM_CSV_MAX_COLUMNS; i++)
    g_string_append (wide, "x,");
  assert_refused (wide->str, wide->len, WM_ERROR_TOO_LARGE, "bad.csv:2: a row has more than");

  for (guint i = 0; i <= WM_CSV_MAX_CELL_BYTES; i++)
    g_string_append_c (long_cell, 'y');
  assert_refused (long_cell->str, long_cell->len, WM_ERROR_TOO_LARGE, "bad.csv:3: a cell is longer");

  for (guint i = 0; i <= WM_CSV_MAX_ROWS; i++)
    g_string_append (rows, "1\n");
  assert_refused (rows->str, rows->len, WM_ERROR_TOO_LARGE, "bad.csv:200001: more than 200000 rows");
}

static void
test_empty (void)
{
  g_autoptr(WmCsv) csv = parse ("");
  g_autoptr(WmCsv) blank = parse ("\r\n\r\n , \n");

  g_assert_cmpuint (wm_csv_get_n_rows (csv), ==, 0);
  g_assert_cmpuint (wm_csv_get_n_rows (blank), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/Csv/quoting", test_quoting);
  g_test_add_func ("/Waymark/Csv/line-ends", test_line_ends);
  g_test_add_func ("/Waymark/Csv/trim-and-empty-rows", test_trim_and_empty_rows);
  g_test_add_func ("/Waymark/Csv/keep-quoted-blanks", test_keep_quoted_blanks);
  g_test_add_func ("/Waymark/Csv/separators", test_separators);
  g_test_add_func ("/Waymark/Csv/bom", test_bom);
  g_test_add_func ("/Waymark/Csv/gb18030", test_gb18030);
  g_test_add_func ("/Waymark/Csv/refused-encodings", test_refused_encodings);
  g_test_add_func ("/Waymark/Csv/unterminated-quote", test_unterminated_quote);
  g_test_add_func ("/Waymark/Csv/caps", test_caps);
  g_test_add_func ("/Waymark/Csv/empty", test_empty);

  return g_test_run ();
}
