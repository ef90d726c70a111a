/* SPDX-License-Identifier: GPL-3.0-or-later */
/* WmForeign: another tool's attributes and elements, kept for the round
 * trip, holding only what the file can say. */
#include "config.h"

#include "wm-foreign.h"
#include "wm-stage.h"

static void
test_foreign_new (void)
{
  g_autoptr(WmForeign) foreign = wm_foreign_new ();

  g_assert_true (wm_foreign_is_empty (foreign));
  g_assert_true (wm_foreign_is_empty (NULL));
  g_assert_cmpuint (foreign->attrs->len, ==, 0);
  g_assert_cmpuint (foreign->elements->len, ==, 0);
  g_assert_null (wm_foreign_get_anchor (foreign, 0));
}

static void
test_foreign_attrs (void)
{
  g_autoptr(WmForeign) foreign = wm_foreign_new ();
  const WmForeignAttr *attr;

  wm_foreign_add_attr (foreign, "acme", "tag", "v1");
  wm_foreign_add_attr (foreign, NULL, "bare", NULL);
  g_assert_false (wm_foreign_is_empty (foreign));
  g_assert_cmpuint (foreign->attrs->len, ==, 2);

  attr = g_ptr_array_index (foreign->attrs, 0);
  g_assert_cmpstr (attr->prefix, ==, "acme");
  g_assert_cmpstr (attr->name, ==, "tag");
  g_assert_cmpstr (attr->value, ==, "v1");

  /* File order kept; a missing value is an empty one. */
  attr = g_ptr_array_index (foreign->attrs, 1);
  g_assert_null (attr->prefix);
  g_assert_cmpstr (attr->name, ==, "bare");
  g_assert_cmpstr (attr->value, ==, "");
}

static void
test_foreign_elements (void)
{
  g_autoptr(WmForeign) foreign = wm_foreign_new ();

  wm_foreign_add_element_before (foreign, "<a:x xmlns:a=\"urn:a\"/>", "text");
  wm_foreign_add_element (foreign, "<a:y xmlns:a=\"urn:a\"/>");
  g_assert_false (wm_foreign_is_empty (foreign));
  g_assert_cmpuint (foreign->elements->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (foreign->elements, 0), ==, "<a:x xmlns:a=\"urn:a\"/>");
  g_assert_cmpstr (wm_foreign_get_anchor (foreign, 0), ==, "text");
  g_assert_null (wm_foreign_get_anchor (foreign, 1));
  g_assert_null (wm_foreign_get_anchor (foreign, 2));
}

static void
test_foreign_anchor (void)
{
  g_autofree char *title = wm_foreign_anchor ("title", NULL);
  g_autofree char *card = wm_foreign_anchor ("card", "c7");
  g_autofree char *goal = wm_foreign_anchor ("goal", "2");

  g_assert_cmpstr (title, ==, "title");
  g_assert_cmpstr (card, ==, "card#c7");
  g_assert_cmpstr (goal, ==, "goal#2");
}

/* A deep copy: the same content, anchors included, and nothing shared. */
static void
test_foreign_copy (void)
{
  g_autoptr(WmForeign) foreign = wm_foreign_new ();
  g_autoptr(WmForeign) copy = NULL;
  const WmForeignAttr *attr;

  g_assert_null (wm_foreign_copy (NULL));

  wm_foreign_add_attr (foreign, "acme", "tag", "v");
  wm_foreign_add_element_before (foreign, "<a:x xmlns:a=\"urn:a\"/>", "card#c1");
  wm_foreign_add_element (foreign, "<a:y xmlns:a=\"urn:a\"/>");
  copy = wm_foreign_copy (foreign);
  g_clear_pointer (&foreign, wm_foreign_free);

  g_assert_cmpuint (copy->attrs->len, ==, 1);
  attr = g_ptr_array_index (copy->attrs, 0);
  g_assert_cmpstr (attr->prefix, ==, "acme");
  g_assert_cmpstr (attr->name, ==, "tag");
  g_assert_cmpstr (attr->value, ==, "v");
  g_assert_cmpuint (copy->elements->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (copy->elements, 1), ==, "<a:y xmlns:a=\"urn:a\"/>");
  g_assert_cmpstr (wm_foreign_get_anchor (copy, 0), ==, "card#c1");
  g_assert_null (wm_foreign_get_anchor (copy, 1));
}

/* What the reader would refuse never gets in: characters XML or the
 * map cannot hold become U+FFFD (allowed even in names), so the
 * element stays well-formed and the file readable. */
static void
test_foreign_valid (void)
{
  g_autoptr(WmForeign) foreign = wm_foreign_new ();
  const WmForeignAttr *attr;

  wm_foreign_add_attr (foreign, "a\xFF", "n\xEF\xBF\xBE", "v\x01");
  wm_foreign_add_element (foreign, "<a:x xmlns:a=\"urn:a\">\xEF\xB7\x90\x01</a:x>");

  attr = g_ptr_array_index (foreign->attrs, 0);
  g_assert_cmpstr (attr->prefix, ==, "a\xEF\xBF\xBD");
  g_assert_cmpstr (attr->name, ==, "n\xEF\xBF\xBD");
  g_assert_cmpstr (attr->value, ==, "v\xEF\xBF\xBD");
  g_assert_cmpstr (g_ptr_array_index (foreign->elements, 0), ==,
                   "<a:x xmlns:a=\"urn:a\">\xEF\xBF\xBD\xEF\xBF\xBD</a:x>");
}

/* Markup keeps its line breaks and tabs: XML allows them. */
static void
test_foreign_whitespace (void)
{
  g_autoptr(WmForeign) foreign = wm_foreign_new ();
  const char *xml = "<a:x xmlns:a=\"urn:a\">\n\t<a:y/>\r\n</a:x>";

  wm_foreign_add_element (foreign, xml);
  g_assert_cmpstr (g_ptr_array_index (foreign->elements, 0), ==, xml);
}

static void
test_foreign_item (void)
{
  g_autoptr(WmStage) stage = wm_stage_new ("s", NULL);
  g_autoptr(WmForeign) copy = NULL;
  WmForeign *foreign;

  g_assert_false (wm_item_has_foreign (WM_ITEM (stage)));
  foreign = wm_item_get_foreign (WM_ITEM (stage));
  g_assert_nonnull (foreign);
  g_assert_true (wm_foreign_is_empty (foreign));
  g_assert_false (wm_item_has_foreign (WM_ITEM (stage)));

  wm_foreign_add_attr (foreign, "acme", "weight", "3");
  wm_foreign_add_element (foreign, "<acme:note>hi</acme:note>");
  g_assert_true (wm_item_has_foreign (WM_ITEM (stage)));

  copy = wm_foreign_copy (foreign);
  g_assert_cmpuint (copy->attrs->len, ==, 1);
  g_assert_cmpstr (((WmForeignAttr *) g_ptr_array_index (copy->attrs, 0))->name, ==, "weight");
  g_assert_cmpstr (g_ptr_array_index (copy->elements, 0), ==, "<acme:note>hi</acme:note>");

  g_assert_finalize_object (g_steal_pointer (&stage));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/Foreign/new", test_foreign_new);
  g_test_add_func ("/Waymark/Foreign/attrs", test_foreign_attrs);
  g_test_add_func ("/Waymark/Foreign/elements", test_foreign_elements);
  g_test_add_func ("/Waymark/Foreign/anchor", test_foreign_anchor);
  g_test_add_func ("/Waymark/Foreign/copy", test_foreign_copy);
  g_test_add_func ("/Waymark/Foreign/valid", test_foreign_valid);
  g_test_add_func ("/Waymark/Foreign/whitespace", test_foreign_whitespace);
  g_test_add_func ("/Waymark/Foreign/item", test_foreign_item);

  return g_test_run ();
}
