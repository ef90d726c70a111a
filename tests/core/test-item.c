/* SPDX-License-Identifier: GPL-3.0-or-later */
/* WmItem: the id and the foreign content every model object has. */
#include "config.h"

#include "wm-item.h"
#include "test-props.h"

static void
test_item_id (void)
{
  g_autoptr(WmItem) item = g_object_new (WM_TYPE_ITEM, NULL);

  g_assert_null (wm_item_get_id (item));
  check_string (item, "id", "c7");
  check_text_normalized (item, "id");

  g_assert_finalize_object (g_steal_pointer (&item));
}

static void
test_item_set_id_notify (void)
{
  g_autoptr(WmItem) item = g_object_new (WM_TYPE_ITEM, "id", "a", NULL);
  guint count;
  gulong handler = count_notify (item, "id", &count);

  wm_item_set_id (item, "a");
  g_assert_cmpuint (count, ==, 0);
  wm_item_set_id (item, "b");
  g_assert_cmpstr (wm_item_get_id (item), ==, "b");
  g_assert_cmpuint (count, ==, 1);
  wm_item_set_id (item, "");
  g_assert_null (wm_item_get_id (item));
  wm_item_set_id (item, NULL);
  g_assert_cmpuint (count, ==, 2);

  g_signal_handler_disconnect (item, handler);
  g_assert_finalize_object (g_steal_pointer (&item));
}

/* The foreign content is made on first use, is the same every time, and
 * counts as present only once it holds something. */
static void
test_item_foreign (void)
{
  g_autoptr(WmItem) item = g_object_new (WM_TYPE_ITEM, NULL);
  WmForeign *foreign;

  g_assert_false (wm_item_has_foreign (item));
  foreign = wm_item_get_foreign (item);
  g_assert_nonnull (foreign);
  g_assert_true (wm_item_get_foreign (item) == foreign);
  g_assert_false (wm_item_has_foreign (item));

  wm_foreign_add_attr (foreign, "acme", "tag", "v");
  g_assert_true (wm_item_has_foreign (item));

  g_assert_finalize_object (g_steal_pointer (&item));
}

static void
test_item_foreign_element (void)
{
  g_autoptr(WmItem) item = g_object_new (WM_TYPE_ITEM, NULL);
  WmForeign *foreign = wm_item_get_foreign (item);

  wm_foreign_add_element (foreign, "<acme:note xmlns:acme=\"urn:acme\">x</acme:note>");
  g_assert_true (wm_item_has_foreign (item));
  g_assert_cmpuint (foreign->elements->len, ==, 1);

  g_assert_finalize_object (g_steal_pointer (&item));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/Item/id", test_item_id);
  g_test_add_func ("/Waymark/Item/set-id-notify", test_item_set_id_notify);
  g_test_add_func ("/Waymark/Item/foreign", test_item_foreign);
  g_test_add_func ("/Waymark/Item/foreign-element", test_item_foreign_element);

  return g_test_run ();
}
