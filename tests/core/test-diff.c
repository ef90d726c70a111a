/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-diff.c - what changed between two versions of a map */

#include <string.h>

#include <glib.h>

#include "wm-diff.h"
#include "wm-reader.h"

static const char before_map[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
  "  <title>T</title>\n"
  "  <persona id=\"p1\"><name>P</name></persona>\n"
  "  <stage id=\"s1\"><title>S1</title><metric kind=\"nps\" value=\"10\"/><metric kind=\"ces\" value=\"4\"/></stage>\n"
  "  <stage id=\"s2\"><title>S2</title><metric kind=\"csat\" value=\"70\"/></stage>\n"
  "  <lane id=\"l1\" kind=\"actions\">\n"
  "    <card id=\"c1\" stage=\"s1\"><text>one</text></card>\n"
  "    <card id=\"c2\" stage=\"s2\"><text>two</text></card>\n"
  "  </lane>\n"
  "  <lane id=\"l2\" kind=\"pains\">\n"
  "    <card id=\"c3\" stage=\"s1\" severity=\"2\" frequency=\"8\"><text>three</text></card>\n"
  "  </lane>\n"
  "  <curve persona=\"p1\"><point stage=\"s1\" value=\"1\"/><point stage=\"s2\" value=\"0\"/></curve>\n"
  "</map>\n";

static const char after_map[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
  "  <title>T</title>\n"
  "  <persona id=\"p1\"><name>P</name></persona>\n"
  "  <stage id=\"s1\"><title>Search</title><metric kind=\"nps\" value=\"25\"/><metric kind=\"ces\" value=\"5\"/></stage>\n"
  "  <stage id=\"s2\"><title>S2</title><metric kind=\"csat\" value=\"60\"/></stage>\n"
  "  <lane id=\"l1\" kind=\"actions\">\n"
  "    <card id=\"c2\" stage=\"s1\"><text>two</text></card>\n"
  "    <card id=\"c4\" stage=\"s2\"><text>four</text></card>\n"
  "  </lane>\n"
  "  <lane id=\"l2\" kind=\"pains\">\n"
  "    <card id=\"c3\" stage=\"s1\" severity=\"3\" frequency=\"10\"><text>three</text></card>\n"
  "  </lane>\n"
  "  <curve persona=\"p1\"><point stage=\"s1\" value=\"-0.5\"/><point stage=\"s2\" value=\"0\"/></curve>\n"
  "</map>\n";

static WmDocument *
load (const char *text)
{
  g_autoptr(GError) error = NULL;
  WmDocument *document = wm_reader_load_data (text, strlen (text), "test", &error);

  g_assert_no_error (error);
  return document;
}

static JsonNode *
diff_of (const char *before,
         const char *after)
{
  g_autoptr(WmDocument) b = load (before);
  g_autoptr(WmDocument) a = load (after);
  g_autoptr(GError) error = NULL;
  JsonNode *diff = wm_diff (b, a, &error);

  g_assert_no_error (error);
  return diff;
}

static JsonObject *
find_change (JsonNode   *diff,
             const char *item,
             const char *id)
{
  JsonArray *changes = json_object_get_array_member (json_node_get_object (diff), "changes");

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *c = json_array_get_object_element (changes, i);

      if (g_str_equal (json_object_get_string_member (c, "item"), item) &&
          g_str_equal (json_object_get_string_member (c, "id"), id))
        return c;
    }
  return NULL;
}

static void
test_equal (void)
{
  g_autoptr(JsonNode) diff = diff_of (before_map, before_map);
  g_autofree char *text = wm_diff_to_text (diff);

  g_assert_true (wm_diff_is_equal (diff));
  g_assert_cmpstr (text, ==, "");
}

static void
test_items (void)
{
  g_autoptr(JsonNode) diff = diff_of (before_map, after_map);
  JsonObject *c;
  JsonObject *attr;

  g_assert_false (wm_diff_is_equal (diff));
  c = find_change (diff, "card", "c1");
  g_assert_nonnull (c);
  g_assert_cmpstr (json_object_get_string_member (c, "change"), ==, "removed");
  g_assert_cmpstr (json_object_get_string_member (c, "text"), ==, "one");
  c = find_change (diff, "card", "c4");
  g_assert_cmpstr (json_object_get_string_member (c, "change"), ==, "added");
  g_assert_cmpstr (json_object_get_string_member (c, "lane"), ==, "l1");
  c = find_change (diff, "card", "c2");
  g_assert_cmpstr (json_object_get_string_member (c, "change"), ==, "moved");
  attr = json_array_get_object_element (json_object_get_array_member (c, "attributes"), 0);
  g_assert_cmpstr (json_object_get_string_member (attr, "name"), ==, "stage");
  g_assert_cmpstr (json_object_get_string_member (attr, "before"), ==, "s2");
  g_assert_cmpstr (json_object_get_string_member (attr, "after"), ==, "s1");
  c = find_change (diff, "stage", "s1");
  g_assert_cmpstr (json_object_get_string_member (c, "change"), ==, "changed");
  attr = json_array_get_object_element (json_object_get_array_member (c, "attributes"), 0);
  g_assert_cmpstr (json_object_get_string_member (attr, "name"), ==, "title");
  g_assert_cmpstr (json_object_get_string_member (attr, "after"), ==, "Search");
  g_assert_null (find_change (diff, "lane", "l1"));
  g_assert_null (find_change (diff, "persona", "p1"));
}

static void
test_numbers (void)
{
  g_autoptr(JsonNode) diff = diff_of (before_map, after_map);
  JsonObject *root = json_node_get_object (diff);
  JsonArray *curves = json_object_get_array_member (root, "curves");
  JsonArray *metrics = json_object_get_array_member (root, "metrics");
  JsonArray *pains = json_object_get_array_member (root, "pains");
  JsonObject *o;

  g_assert_cmpuint (json_array_get_length (curves), ==, 1);
  o = json_array_get_object_element (curves, 0);
  g_assert_cmpstr (json_object_get_string_member (o, "stage"), ==, "s1");
  g_assert_cmpfloat (json_object_get_double_member (o, "change"), ==, -1.5);

  g_assert_cmpuint (json_array_get_length (metrics), ==, 3);
  o = json_array_get_object_element (metrics, 0);
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "nps");
  g_assert_cmpstr (json_object_get_string_member (o, "verdict"), ==, "better");
  o = json_array_get_object_element (metrics, 1);
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "ces");
  g_assert_cmpstr (json_object_get_string_member (o, "verdict"), ==, "worse");
  o = json_array_get_object_element (metrics, 2);
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "csat");
  g_assert_cmpstr (json_object_get_string_member (o, "verdict"), ==, "worse");

  g_assert_cmpuint (json_array_get_length (pains), ==, 1);
  o = json_array_get_object_element (pains, 0);
  g_assert_cmpfloat (json_object_get_double_member (o, "percent"), ==, 25);
}

static void
test_text (void)
{
  g_autoptr(JsonNode) diff = diff_of (before_map, after_map);
  g_autofree char *text = wm_diff_to_text (diff);

  g_assert_nonnull (strstr (text, "card “c1” removed: one\n"));
  g_assert_nonnull (strstr (text, "card “c4” added: four\n"));
  g_assert_nonnull (strstr (text, "card “c2” moved\n  stage: “s2” → “s1”\n"));
  g_assert_nonnull (strstr (text, "curve of “p1” at stage “s1”: 1 → -0.5\n"));
  g_assert_nonnull (strstr (text, "NPS of stage “s1”: 10 → 25 (better)\n"));
  g_assert_nonnull (strstr (text, "CES of stage “s1”: 4 → 5 (worse)\n"));
  g_assert_nonnull (strstr (text, "pain “c3” frequency: 8 → 10 (25%)\n"));
}

/* Only the order changed: not equal, and the new order is told. */
static void
test_reordered (void)
{
  static const char swapped[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
    "  <title>T2</title>\n"
    "  <persona id=\"p1\"><name>P</name></persona>\n"
    "  <stage id=\"s2\"><title>S2</title><metric kind=\"csat\" value=\"70\"/></stage>\n"
    "  <stage id=\"s1\"><title>S1</title><metric kind=\"nps\" value=\"10\"/><metric kind=\"ces\" value=\"4\"/></stage>\n"
    "  <lane id=\"l1\" kind=\"actions\">\n"
    "    <card id=\"c2\" stage=\"s2\"><text>two</text></card>\n"
    "    <card id=\"c1\" stage=\"s1\"><text>one</text></card>\n"
    "  </lane>\n"
    "  <lane id=\"l2\" kind=\"pains\">\n"
    "    <card id=\"c3\" stage=\"s1\" severity=\"2\" frequency=\"8\"><text>three</text></card>\n"
    "  </lane>\n"
    "  <curve persona=\"p1\"><point stage=\"s1\" value=\"1\"/><point stage=\"s2\" value=\"0\"/></curve>\n"
    "</map>\n";
  g_autoptr(JsonNode) diff = diff_of (before_map, swapped);
  g_autofree char *text = wm_diff_to_text (diff);

  g_assert_false (wm_diff_is_equal (diff));
  g_assert_cmpstr (text, ==,
                   "map changed\n"
                   "  title: “T” → “T2”\n"
                   "map reordered: persona#p1 stage#s2 stage#s1 lane#l1 lane#l2\n"
                   "lane “l1” reordered: card#c2 card#c1\n");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Waymark/Diff/equal", test_equal);
  g_test_add_func ("/Waymark/Diff/items", test_items);
  g_test_add_func ("/Waymark/Diff/numbers", test_numbers);
  g_test_add_func ("/Waymark/Diff/text", test_text);
  g_test_add_func ("/Waymark/Diff/reordered", test_reordered);
  return g_test_run ();
}
