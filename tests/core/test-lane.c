/* SPDX-License-Identifier: GPL-3.0-or-later */
/* WmLane: kind, title and its list of cards. */
#include "config.h"

#include "wm-card.h"
#include "wm-enums.h"
#include "wm-lane.h"
#include "test-props.h"

static void
test_lane_new (void)
{
  g_autoptr(WmLane) lane = wm_lane_new ("pain", WM_LANE_PAINS, "痛点");
  g_autoptr(WmLane) plain = g_object_new (WM_TYPE_LANE, NULL);
  GListModel *cards = G_LIST_MODEL (wm_lane_get_cards (lane));

  g_assert_cmpstr (wm_item_get_id (WM_ITEM (lane)), ==, "pain");
  g_assert_cmpint (wm_lane_get_kind (lane), ==, WM_LANE_PAINS);
  g_assert_cmpstr (wm_lane_get_title (lane), ==, "痛点");
  g_assert_cmpuint (g_list_model_get_n_items (cards), ==, 0);
  g_assert_true (g_list_model_get_item_type (cards) == WM_TYPE_CARD);

  g_assert_cmpint (wm_lane_get_kind (plain), ==, WM_LANE_ACTIONS);
  g_assert_null (wm_lane_get_title (plain));

  g_assert_finalize_object (g_steal_pointer (&lane));
  g_assert_finalize_object (g_steal_pointer (&plain));
}

static void
test_lane_properties (void)
{
  g_autoptr(WmLane) lane = wm_lane_new (NULL, WM_LANE_ACTIONS, NULL);

  check_string (lane, "id", "touch");
  check_string (lane, "title", "Touchpoints");
  check_enum (lane, "kind", WM_TYPE_LANE_KIND, WM_LANE_NOTES);
  check_text_normalized (lane, "title");

  g_assert_finalize_object (g_steal_pointer (&lane));
}

/* The writer would write an unknown kind as "actions": refused, also
 * when the lane is made. */
static void
test_lane_kind_refused (void)
{
  g_autoptr(WmLane) lane = wm_lane_new (NULL, WM_LANE_EMOTION, NULL);
  g_autoptr(WmLane) made = wm_lane_new (NULL, WM_LANE_NOTES + 1, NULL);
  guint count;
  gulong handler = count_notify (lane, "kind", &count);

  wm_lane_set_kind (lane, WM_LANE_NOTES + 1);
  wm_lane_set_kind (lane, (WmLaneKind) -1);
  g_assert_cmpint (wm_lane_get_kind (lane), ==, WM_LANE_EMOTION);
  g_assert_cmpuint (count, ==, 0);
  g_assert_cmpint (wm_lane_get_kind (made), ==, WM_LANE_ACTIONS);

  g_signal_handler_disconnect (lane, handler);
  g_assert_finalize_object (g_steal_pointer (&lane));
  g_assert_finalize_object (g_steal_pointer (&made));
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GString    *log)
{
  g_string_append_printf (log, "%u-%u+%u;", position, removed, added);
}

static void
test_lane_cards (void)
{
  g_autoptr(WmLane) lane = wm_lane_new ("l1", WM_LANE_ACTIONS, NULL);
  g_autoptr(WmCard) a = wm_card_new ("a", "s1", NULL);
  g_autoptr(WmCard) b = wm_card_new ("b", "s1", NULL);
  g_autoptr(GString) log = g_string_new (NULL);
  GListStore *cards = wm_lane_get_cards (lane);
  g_autoptr(WmCard) first = NULL;

  g_signal_connect (cards, "items-changed", G_CALLBACK (items_changed_cb), log);
  g_list_store_append (cards, a);
  g_list_store_append (cards, b);
  g_list_store_remove (cards, 0);
  g_list_store_insert (cards, 1, a);
  g_assert_cmpstr (log->str, ==, "0-0+1;1-0+1;0-1+0;1-0+1;");

  first = g_list_model_get_item (G_LIST_MODEL (cards), 0);
  g_assert_true (first == b);
  g_clear_object (&first);

  /* The lane holds its cards, and lets them go with it. */
  g_object_add_weak_pointer (G_OBJECT (a), (gpointer *) &a);
  g_object_unref (a);
  g_assert_nonnull (a);
  g_assert_finalize_object (g_steal_pointer (&lane));
  g_assert_null (a);
  g_assert_finalize_object (g_steal_pointer (&b));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/Lane/new", test_lane_new);
  g_test_add_func ("/Waymark/Lane/properties", test_lane_properties);
  g_test_add_func ("/Waymark/Lane/kind-refused", test_lane_kind_refused);
  g_test_add_func ("/Waymark/Lane/cards", test_lane_cards);

  return g_test_run ();
}
