/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-convert.c - maps as JSON and CSV, and back */

#include <string.h>

#include "wm-convert.h"
#include "wm-csv-map.h"
#include "wm-error.h"
#include "wm-import-merge.h"
#include "wm-json.h"
#include "wm-mermaid.h"
#include "wm-writer.h"

#include "../test-maps.h"

/* Every shipped template, and the test maps with foreign content,
 * metrics, moments and evidence attributes. */
static GPtrArray *
sample_paths (void)
{
  g_autofree char *datadir = test_datadir ();
  const char *const langs[] = { "en", "zh-CN" };
  const char *const names[] = { "b2b-services", "blank", "camping", "customer-service", "insurance" };
  const char *const files[] = { "foreign", "foreign-anywhere", "noncharacters" };
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    for (guint n = 0; n < G_N_ELEMENTS (names); n++)
      {
        g_autofree char *file = g_strconcat (names[n], ".waymark", NULL);

        g_ptr_array_add (paths, g_build_filename (datadir, "templates", langs[l], file, NULL));
      }
  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *file = g_strconcat (files[f], ".waymark", NULL);

      g_ptr_array_add (paths, g_test_build_filename (G_TEST_DIST, "core", "files", file, NULL));
    }
  return paths;
}

static WmDocument *
load_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  WmDocument *document = wm_reader_load_file (file, &error);

  g_assert_no_error (error);
  return document;
}

static WmDocument *
read_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  WmDocument *document = wm_json_read (text, strlen (text), "map.json", &error);

  g_assert_no_error (error);
  return document;
}

static void
assert_json_error (const char *text,
                   int         code,
                   const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = wm_json_read (text, strlen (text), "map.json", &error);

  g_assert_null (document);
  g_assert_error (error, WM_ERROR, code);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("expected “%s…”, got “%s”", prefix, error->message);
}

/* JSON and back gives the same .waymark, byte for byte. */
static void
test_json_round_trip (void)
{
  g_autoptr(GPtrArray) paths = sample_paths ();

  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(WmDocument) document = load_path (paths->pdata[i]);
      g_autoptr(WmDocument) back = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *json = wm_json_write (document, NULL, &error);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;

      g_test_message ("%s", (const char *) paths->pdata[i]);
      g_assert_no_error (error);
      back = read_json (json);
      before = wm_writer_to_string (document, NULL);
      after = wm_writer_to_string (back, NULL);
      g_assert_cmpstr (after, ==, before);
    }
}

static void
test_json_shape (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "core", "files", "foreign.waymark", NULL);
  g_autoptr(WmDocument) document = load_path (dir);
  g_autofree char *json = wm_json_write (document, NULL, NULL);

  g_assert_true (g_str_has_prefix (json, "{\n  \"element\" : \"map\",\n  \"attributes\" : {\n"
                                         "    \"xmlns\" : \"urn:waymark:map:1\",\n"));
  g_assert_nonnull (strstr (json, "\"ext:source\" : \"interview-7\""));
  g_assert_nonnull (strstr (json, "\"text\" : \"A card annotated by another tool\""));
  g_assert_true (g_str_has_suffix (json, "}\n"));
}

static const char *const small_map =
  "{\n"
  "  \"element\": \"map\",\n"
  "  \"attributes\": {\"xmlns\": \"urn:waymark:map:1\", \"format\": \"1\"},\n"
  "  \"children\": [\n"
  "    {\"element\": \"title\", \"text\": \"T\"},\n"
  "    {\"element\": \"stage\", \"attributes\": {\"id\": \"s1\"}},\n"
  "    {\"element\": \"lane\", \"attributes\": {\"id\": \"l1\", \"kind\": \"notes\"},\n"
  "     \"children\": [\n"
  "       {\"element\": \"card\", \"attributes\": {\"id\": \"c1\", \"stage\": \"s1\"}},\n"
  "       {\"element\": \"card\",\n"
  "        \"attributes\": {\"id\": \"c2\", \"stage\": \"%s\", \"severity\": \"%s\"}}\n"
  "     ]}\n"
  "  ]\n"
  "}\n";

/* The reader's rules apply, and its messages name the JSON's line. */
static void
test_json_rules_and_lines (void)
{
  g_autofree char *good = g_strdup_printf (small_map, "s1", "3");
  g_autofree char *bad_stage = g_strdup_printf (small_map, "s9", "3");
  g_autofree char *bad_severity = g_strdup_printf (small_map, "s1", "9");
  g_autofree char *padded = NULL;
  g_autoptr(WmDocument) document = read_json (good);

  g_assert_nonnull (document);
  assert_json_error (bad_stage, WM_ERROR_REFERENCE, "map.json:10: ");
  assert_json_error (bad_severity, WM_ERROR_INVALID, "map.json:10: ");
  assert_json_error ("{\"element\": \"map\",\n\n \"text\": 3}", WM_ERROR_INVALID, "map.json:1: ");
  assert_json_error ("{\"element\": \"map\",\n\n \"text\": }", WM_ERROR_MALFORMED, "map.json:3: ");
  assert_json_error ("[]", WM_ERROR_INVALID, "map.json:1: ");
  /* Found by fuzz-convert: json-glib leaked what it parsed when a second
   * value followed the first; the scan refuses both before it parses. */
  assert_json_error ("\"1\"{\"element\":\"map\"}", WM_ERROR_INVALID, "map.json:1: ");
  assert_json_error ("\n\n7", WM_ERROR_INVALID, "map.json:3: ");
  assert_json_error ("{\"element\": \"map\"}\n\n{\"a\": {}}", WM_ERROR_MALFORMED, "map.json:3: ");
  assert_json_error ("{\"element\": \"map\"}}", WM_ERROR_MALFORMED, "map.json:1: ");
  g_clear_object (&document);
  padded = g_strconcat ("\xEF\xBB\xBF \n", good, "\r\n\t \n", NULL);
  document = read_json (padded);
  g_assert_nonnull (document);
}

/* Names from the JSON cannot smuggle markup into the XML. */
static void
test_json_hostile_names (void)
{
  assert_json_error ("{\"element\": \"map><!DOCTYPE x [<!ENTITY e SYSTEM '/etc/passwd'>]><map\"}",
                     WM_ERROR_INVALID, "map.json:1: ");
  assert_json_error ("{\"element\": \"map\", \"attributes\": {\"a=\\\"1\\\" b\": \"2\"}}",
                     WM_ERROR_INVALID, "map.json:1: ");
  assert_json_error ("{\"element\": \"map\", \"children\": [{\"comment\": \"a -- b\"}]}",
                     WM_ERROR_INVALID, "map.json:1: ");
}

/* Deep nesting is refused by the scan before json-glib recurses. */
static void
test_json_too_deep (void)
{
  gsize n = 1000000;
  g_autofree char *deep = g_malloc (2 * n + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = NULL;

  /* Inside the one object a map is, or the scan stops at the '['. */
  memset (deep, '[', n);
  memset (deep + n, ']', n);
  memcpy (deep, "{\"a\":", 5);
  deep[2 * n - 1] = '}';
  deep[2 * n] = '\0';
  document = wm_json_read (deep, 2 * n, "deep.json", &error);
  g_assert_null (document);
  g_assert_error (error, WM_ERROR, WM_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "deep.json:1: "));
}

/* ---- CSV ---- */

static char *
cards_csv (WmDocument *document)
{
  g_autoptr(GError) error = NULL;
  char *csv = wm_csv_map_write_cards (document, NULL, &error);

  g_assert_no_error (error);
  return csv;
}

static WmDocument *
read_csv (const char *csv)
{
  g_autoptr(GError) error = NULL;
  WmDocument *document = wm_csv_map_read (csv, strlen (csv), "cards.csv", "Cards", &error);

  g_assert_no_error (error);
  return document;
}

/* The card table read back and written again is the same table. */
static void
test_csv_round_trip (void)
{
  g_autoptr(GPtrArray) paths = sample_paths ();

  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(WmDocument) document = load_path (paths->pdata[i]);
      g_autofree char *csv = cards_csv (document);
      g_autoptr(WmDocument) back = NULL;
      g_autofree char *again = NULL;

      g_test_message ("%s", (const char *) paths->pdata[i]);
      back = read_csv (csv);
      again = cards_csv (back);
      g_assert_cmpstr (again, ==, csv);
    }
}

/* A Mermaid task's score and actors survive the table. */
static void
test_csv_keeps_mermaid (void)
{
  const char *diagram = "journey\nsection A\n  Do it: 4: Me, You\nsection B\n  Rest: 1: Me\n";
  g_autoptr(WmDocument) document = wm_mermaid_read (diagram, strlen (diagram), "d.mmd",
                                                     WM_MERMAID_DIAGRAM, "d", NULL, NULL);
  g_autofree char *csv = cards_csv (document);
  g_autoptr(WmDocument) back = read_csv (csv);
  g_autofree char *mermaid = wm_mermaid_write (back);

  g_assert_nonnull (strstr (csv, ",{urn:waymark:mermaid:1}mmd:score,"));
  g_assert_nonnull (strstr (mermaid, "Do it: 4: Me, You\n"));
  g_assert_nonnull (strstr (mermaid, "Rest: 1: Me\n"));
}

static const char *const camping_head =
  "\xEF\xBB\xBF" "stage,lane,kind,text,id,stage_id,lane_id,";

/* BOM, CRLF, RFC 4180 quotes, and no formula a spreadsheet would run. */
static void
test_csv_quoting_and_formulas (void)
{
  const char *csv =
    "stage,lane,text\n"
    "S,L,\"'=HYPERLINK(\"\"http://x\"\")\"\n"
    "S,L,\"'+1, \"\"two\"\"\n"
    "three\"\n"
    "S,L,\"''quoted\"\n"
    "S,L,@SUM\n";
  g_autoptr(WmDocument) document = read_csv (csv);
  g_autofree char *out = cards_csv (document);
  g_autoptr(WmDocument) camping = test_load_template ("en", "camping.waymark");
  g_autofree char *camping_csv = cards_csv (camping);

  g_assert_true (g_str_has_prefix (camping_csv, camping_head));
  g_assert_nonnull (strstr (camping_csv, "\r\n"));
  g_assert_nonnull (strstr (out, ",\"'=HYPERLINK(\"\"http://x\"\")\","));
  g_assert_nonnull (strstr (out, ",\"'+1, \"\"two\"\"\nthree\","));
  g_assert_nonnull (strstr (out, ",\"''quoted\","));
  /* A bare @ from a hand-made table is read as written, and guarded. */
  g_assert_nonnull (strstr (out, ",\"'@SUM\","));
  for (const char *line = strstr (out, "\r\n"); line != NULL; line = strstr (line + 2, "\r\n"))
    g_assert_false (strchr ("=+-@", line[2]) != NULL && line[2] != '\0');
}

/* Found by fuzz-convert: blanks at either end of a title or a text
 * (ideographic and no-break spaces too) survive the table. */
static void
test_csv_keeps_blanks (void)
{
  const char *csv = "stage,lane,text\n\"  }\",L ,\"\u3000text\u00A0\"\n";
  g_autoptr(WmDocument) document = read_csv (csv);
  g_autoptr(WmStage) stage = g_list_model_get_item (G_LIST_MODEL (wm_document_get_stages (document)), 0);
  g_autoptr(WmLane) lane = g_list_model_get_item (G_LIST_MODEL (wm_document_get_lanes (document)), 0);
  g_autofree char *out = cards_csv (document);
  g_autoptr(WmDocument) back = read_csv (out);
  g_autofree char *again = cards_csv (back);

  g_assert_cmpstr (wm_stage_get_title (stage), ==, "  }");
  g_assert_cmpstr (wm_lane_get_title (lane), ==, "L");
  g_assert_nonnull (strstr (out, ",\"\u3000text\u00A0\","));
  g_assert_cmpstr (again, ==, out);
}

static void
test_csv_errors (void)
{
  const char *bad_kind = "stage,lane,kind,text\nS,L,notes,a\nS,M,feelings,b\n";
  const char *no_text = "stage,lane\nS,L\n";
  const char *stageless = "stage,lane,kind,text\nS,L,notes,a\n,,notes,b\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = wm_csv_map_read (bad_kind, strlen (bad_kind), "t.csv", NULL, &error);

  g_assert_null (document);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "t.csv:3: "));
  g_clear_error (&error);
  document = wm_csv_map_read (no_text, strlen (no_text), "t.csv", NULL, &error);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "t.csv:1: "));
  g_clear_error (&error);
  /* Found by fuzz-convert: a card row with neither stage nor lane. */
  document = wm_csv_map_read (stageless, strlen (stageless), "t.csv", NULL, &error);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "t.csv:3: "));
}

/* Every card of @a in @b, in the same lanes and order, the same. */
static void
assert_same_cards (WmDocument *a,
                   WmDocument *b)
{
  GListModel *lanes_a = G_LIST_MODEL (wm_document_get_lanes (a));
  GListModel *lanes_b = G_LIST_MODEL (wm_document_get_lanes (b));
  guint n = 0;

  g_assert_cmpuint (g_list_model_get_n_items (lanes_a), ==, g_list_model_get_n_items (lanes_b));
  for (guint l = 0; l < g_list_model_get_n_items (lanes_a); l++)
    {
      g_autoptr(WmLane) lane_a = g_list_model_get_item (lanes_a, l);
      g_autoptr(WmLane) lane_b = g_list_model_get_item (lanes_b, l);
      GListModel *cards_a = G_LIST_MODEL (wm_lane_get_cards (lane_a));
      GListModel *cards_b = G_LIST_MODEL (wm_lane_get_cards (lane_b));

      g_assert_cmpstr (wm_lane_get_title (lane_a), ==, wm_lane_get_title (lane_b));
      g_assert_cmpuint (g_list_model_get_n_items (cards_a), ==, g_list_model_get_n_items (cards_b));
      for (guint c = 0; c < g_list_model_get_n_items (cards_a); c++, n++)
        {
          g_autoptr(WmCard) card_a = g_list_model_get_item (cards_a, c);
          g_autoptr(WmCard) card_b = g_list_model_get_item (cards_b, c);

          g_assert_cmpstr (wm_item_get_id (WM_ITEM (card_a)), ==, wm_item_get_id (WM_ITEM (card_b)));
          g_assert_cmpstr (wm_card_get_stage (card_a), ==, wm_card_get_stage (card_b));
          g_assert_cmpstr (wm_card_get_text (card_a), ==, wm_card_get_text (card_b));
          g_assert_cmpuint (wm_card_get_severity (card_a), ==, wm_card_get_severity (card_b));
          g_assert_cmpuint (wm_card_get_span (card_a), ==, wm_card_get_span (card_b));
        }
    }
  g_assert_cmpuint (n, >, 0);
}

/* The map's title and language come back from the table: a Chinese map
 * is not "Untitled" in English after a trip through a spreadsheet. */
static void
test_csv_title_and_lang (void)
{
  g_autoptr(WmDocument) camping = test_load_template ("zh-CN", "camping.waymark");
  g_autofree char *csv = cards_csv (camping);
  g_autoptr(WmDocument) back = read_csv (csv);
  g_autoptr(WmDocument) imported = NULL;
  g_autoptr(WmDocument) empty = wm_document_new ();
  g_autoptr(WmDocument) empty_back = NULL;
  g_autofree char *empty_csv = NULL;
  g_autofree char *sorted = NULL;
  g_autoptr(WmDocument) sorted_back = NULL;

  g_assert_nonnull (strstr (csv, ",map_title,map_lang\r\n"));
  g_assert_cmpstr (wm_document_get_title (back), ==, wm_document_get_title (camping));
  g_assert_cmpstr (wm_document_get_lang (back), ==, "zh-CN");
  assert_same_cards (camping, back);
  /* Through the command line's and the app's way in too. */
  imported = wm_import_data (csv, strlen (csv), "/tmp/export.csv", "export.csv", NULL, NULL);
  g_assert_nonnull (imported);
  g_assert_cmpstr (wm_document_get_title (imported), ==, "周末露营");
  g_assert_cmpstr (wm_document_get_lang (imported), ==, "zh-CN");

  /* A map with nothing but its title still has a row for it. */
  wm_document_set_title (empty, "空白");
  wm_document_set_lang (empty, "zh-CN");
  empty_csv = cards_csv (empty);
  empty_back = read_csv (empty_csv);
  g_assert_cmpstr (wm_document_get_title (empty_back), ==, "空白");
  g_assert_cmpstr (wm_document_get_lang (empty_back), ==, "zh-CN");

  /* A spreadsheet's sort may move the first row: its cells still count. */
  sorted = g_strdup ("stage,text,map_lang,map_title\nA,one,,\nB,two,zh-CN,排序后\n");
  sorted_back = read_csv (sorted);
  g_assert_cmpstr (wm_document_get_title (sorted_back), ==, "排序后");
  g_assert_cmpstr (wm_document_get_lang (sorted_back), ==, "zh-CN");
}

static void
assert_warned (GPtrArray  *warnings,
               const char *prefix,
               const char *part)
{
  for (guint i = 0; i < warnings->len; i++)
    if (g_str_has_prefix (warnings->pdata[i], prefix) && strstr (warnings->pdata[i], part) != NULL)
      return;
  for (guint i = 0; i < warnings->len; i++)
    g_test_message ("warning: %s", (const char *) warnings->pdata[i]);
  g_error ("no warning “%s…%s…”", prefix, part);
}

/* What a hand-made table holds that a map cannot is left out, with a
 * warning naming the line, instead of failing or vanishing unsaid. */
static void
test_csv_warnings (void)
{
  const char *csv =
    "stage,lane,kind,text,priority,text,severity,map_lang\n"
    "S,Pains,pains,a,high,again,2,en\n"
    "S,Pains,notes,b,,,3,de\n"
    "T,Pains,,c,,,,,,surplus\n";
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = wm_import_data (csv, strlen (csv), "hand.csv", "hand.csv", warnings, &error);
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(WmDocument) camping = test_load_template ("en", "camping.waymark");
  g_autofree char *clean = cards_csv (camping);
  g_autoptr(WmDocument) clean_back = wm_import_data (clean, strlen (clean), "c.csv", "c.csv", none, NULL);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  assert_warned (warnings, "hand.csv:1: ", "“priority”");
  assert_warned (warnings, "hand.csv:1: ", "“text”");
  assert_warned (warnings, "hand.csv:3: ", "“notes”");
  assert_warned (warnings, "hand.csv:3: ", "“de”");
  assert_warned (warnings, "hand.csv:4: ", "2");
  g_assert_cmpuint (warnings->len, ==, 5);
  g_assert_cmpstr (wm_document_get_lang (document), ==, "en");
  /* Our own tables have nothing to warn about. */
  g_assert_nonnull (clean_back);
  g_assert_cmpuint (none->len, ==, 0);
}

/* A JSON member the schema does not know is left out, said so. */
static void
test_json_warnings (void)
{
  g_autofree char *good = g_strdup_printf (small_map, "s1", "3");
  g_autofree char *odd = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(WmDocument) plain = NULL;
  g_autoptr(WmDocument) camping = test_load_template ("zh-CN", "camping.waymark");
  g_autofree char *json = wm_json_write (camping, NULL, NULL);
  char *at = strstr (good, "{\"element\": \"stage\"");

  g_assert_nonnull (at);
  odd = g_strdup_printf ("%.*s{\"colour\": \"red\", %s", (int) (at - good), good, at + 1);
  document = wm_import_data (odd, strlen (odd), "m.json", "m.json", warnings, NULL);
  g_assert_nonnull (document);
  assert_warned (warnings, "m.json:6: ", "“colour”");
  g_assert_cmpuint (warnings->len, ==, 1);
  plain = wm_import_data (json, strlen (json), "c.json", "c.json", none, NULL);
  g_assert_nonnull (plain);
  g_assert_cmpuint (none->len, ==, 0);
}

/* Lanes keep their order even when the first stage lacks some. */
static void
test_csv_lane_order (void)
{
  const char *csv =
    "stage,lane,text\n"
    "One,Second,b\n"
    "Two,First,a\n"
    "Two,Second,c\n"
    "Two,Third,d\n"
    "Three,Third,e\n";
  g_autoptr(WmDocument) document = read_csv (csv);
  g_autofree char *xml = wm_writer_to_string (document, NULL);
  const char *first = strstr (xml, "<title>First</title>");
  const char *second = strstr (xml, "<title>Second</title>");
  const char *third = strstr (xml, "<title>Third</title>");

  g_assert_true (first != NULL && second != NULL && third != NULL);
  g_assert_true (first < second && second < third);
}

static void
test_csv_grid (void)
{
  g_autoptr(WmDocument) document = test_load_template ("zh-CN", "camping.waymark");
  g_autofree char *grid = wm_csv_map_write_grid (document, NULL, NULL);

  g_assert_true (g_str_has_prefix (grid, "\xEF\xBB\xBF" ",攻略,预定,营地,离开,传播\r\n"));
  g_assert_nonnull (strstr (grid, "\r\n触点,\"朋友圈里朋友的露营照片\n营地的网红攻略和照片\","));
}

static void
test_dispatch (void)
{
  WmTextFormat format = WM_TEXT_MERMAID;
  g_autoptr(WmDocument) document = test_load_template ("en", "camping.waymark");
  g_autofree char *json = wm_text_export (document, WM_TEXT_JSON, NULL, NULL);
  g_autoptr(WmDocument) back = wm_import_data (json, strlen (json), "/x/y.JSON", "y.JSON", NULL, NULL);

  g_assert_nonnull (back);
  g_assert_true (wm_text_format_from_path ("a/b.csv", &format) && format == WM_TEXT_CSV);
  g_assert_true (wm_text_format_from_path ("a/b.mermaid", &format) && format == WM_TEXT_MERMAID);
  g_assert_true (wm_text_format_from_string ("CSV-grid", &format) && format == WM_TEXT_CSV_GRID);
  g_assert_false (wm_text_format_from_path ("a.b/c", &format));
}

static guint
count (const char *text,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Merging a map into itself: everything twice, the second copy's ids
 * renamed and its references following them. */
static void
test_merge (void)
{
  g_autoptr(WmDocument) camping = test_load_template ("en", "camping.waymark");
  g_autoptr(WmDocument) again = test_load_template ("en", "camping.waymark");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) merged = wm_import_merge (camping, again, &error);
  g_autofree char *before = wm_writer_to_string (camping, NULL);
  g_autofree char *after = NULL;
  const char *diagram = "journey\nsection Extra\n  Task: 3: Me\n";
  g_autoptr(WmDocument) mermaid = wm_mermaid_read (diagram, strlen (diagram), "d.mmd",
                                                    WM_MERMAID_DIAGRAM, "d", NULL, NULL);
  g_autoptr(WmDocument) with_mermaid = NULL;
  g_autofree char *mermaid_xml = NULL;

  g_assert_no_error (error);
  after = wm_writer_to_string (merged, NULL);
  g_assert_cmpuint (count (after, "<stage "), ==, 2 * count (before, "<stage "));
  g_assert_cmpuint (count (after, "<card "), ==, 2 * count (before, "<card "));
  g_assert_cmpuint (count (after, "<moment "), ==, 2 * count (before, "<moment "));
  g_assert_cmpuint (count (after, "<stage id=\"research-2\">"), ==, 1);
  g_assert_cmpuint (count (after, "stage=\"research-2\""), >, 0);
  /* The stages stay together, before the lanes. */
  g_assert_true (strstr (after, "<stage id=\"research-2\">") < strstr (after, "<lane "));
  g_assert_cmpuint (count (after, "<title>"), >, 0);

  with_mermaid = wm_import_merge (camping, mermaid, &error);
  g_assert_no_error (error);
  mermaid_xml = wm_writer_to_string (with_mermaid, NULL);
  g_assert_nonnull (strstr (mermaid_xml, "xmlns:mmd=\"urn:waymark:mermaid:1\""));
  g_assert_nonnull (strstr (mermaid_xml, "<title>Extra</title>"));
  g_assert_cmpuint (count (mermaid_xml, "<stage "), ==, count (before, "<stage ") + 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/Json/round-trip", test_json_round_trip);
  g_test_add_func ("/Waymark/Json/shape", test_json_shape);
  g_test_add_func ("/Waymark/Json/rules-and-lines", test_json_rules_and_lines);
  g_test_add_func ("/Waymark/Json/hostile-names", test_json_hostile_names);
  g_test_add_func ("/Waymark/Json/too-deep", test_json_too_deep);
  g_test_add_func ("/Waymark/CsvMap/round-trip", test_csv_round_trip);
  g_test_add_func ("/Waymark/CsvMap/keeps-mermaid", test_csv_keeps_mermaid);
  g_test_add_func ("/Waymark/CsvMap/quoting-and-formulas", test_csv_quoting_and_formulas);
  g_test_add_func ("/Waymark/CsvMap/keeps-blanks", test_csv_keeps_blanks);
  g_test_add_func ("/Waymark/CsvMap/errors", test_csv_errors);
  g_test_add_func ("/Waymark/CsvMap/lane-order", test_csv_lane_order);
  g_test_add_func ("/Waymark/CsvMap/title-and-lang", test_csv_title_and_lang);
  g_test_add_func ("/Waymark/CsvMap/warnings", test_csv_warnings);
  g_test_add_func ("/Waymark/Json/warnings", test_json_warnings);
  g_test_add_func ("/Waymark/CsvMap/grid", test_csv_grid);
  g_test_add_func ("/Waymark/Convert/dispatch", test_dispatch);
  g_test_add_func ("/Waymark/Convert/merge", test_merge);

  return g_test_run ();
}
