/* SPDX-License-Identifier: GPL-3.0-or-later */
/* WmGroupCommand: several commands as one undo step. */
#include "config.h"

#include "wm-card.h"
#include "wm-group-command.h"
#include "wm-list-insert-command.h"
#include "wm-set-property-command.h"
#include "test-props.h"

static WmCommand *
set_text (WmCard     *card,
          const char *text)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, text);
  return wm_set_property_command_new (G_OBJECT (card), "text", &v, NULL);
}

static void
test_group_label (void)
{
  g_autoptr(WmCommand) group = wm_group_command_new ("Delete Cards");

  g_assert_cmpstr (wm_command_get_label (group), ==, "Delete Cards");
  g_assert_cmpuint (wm_group_command_get_size (WM_GROUP_COMMAND (group)), ==, 0);
  /* Empty: nothing to do either way. */
  wm_command_apply (group);
  wm_command_revert (group);

  g_assert_finalize_object (g_steal_pointer (&group));
}

/* Applied in order, reverted backwards: an insert and then an edit of
 * the inserted card undo without touching a card that is gone. */
static void
test_group_order (void)
{
  g_autoptr(GListStore) store = g_list_store_new (WM_TYPE_CARD);
  g_autoptr(WmCard) card = wm_card_new ("c1", "s1", NULL);
  g_autoptr(WmCommand) group = wm_group_command_new ("Add Card");
  g_autoptr(GString) log = g_string_new (NULL);
  guint count;
  gulong handler = count_notify (card, "text", &count);

  wm_group_command_add (WM_GROUP_COMMAND (group), wm_list_insert_command_new (store, 0, card));
  wm_group_command_add (WM_GROUP_COMMAND (group), set_text (card, "One"));
  wm_group_command_add (WM_GROUP_COMMAND (group), set_text (card, "Two"));
  g_assert_cmpuint (wm_group_command_get_size (WM_GROUP_COMMAND (group)), ==, 3);

  wm_command_apply (group);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_cmpstr (wm_card_get_text (card), ==, "Two");

  wm_command_revert (group);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_null (wm_card_get_text (card));
  /* NULL→One, One→Two, then back to NULL once: both edits read NULL as
   * their old value when made, and the second revert changes nothing. */
  g_assert_cmpuint (count, ==, 3);

  g_signal_handler_disconnect (card, handler);
  g_assert_finalize_object (g_steal_pointer (&group));
  g_assert_finalize_object (g_steal_pointer (&store));
  g_assert_finalize_object (g_steal_pointer (&card));
}

/* Two removals of neighbours: reverted backwards they come back in
 * their places. */
static void
test_group_removals (void)
{
  g_autoptr(GListStore) store = g_list_store_new (WM_TYPE_CARD);
  g_autoptr(WmCommand) group = wm_group_command_new ("Delete Cards");
  const char *ids[] = { "a", "b", "c" };
  g_autoptr(WmCard) b = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(WmCard) card = wm_card_new (ids[i], "s1", NULL);

      g_list_store_append (store, card);
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(WmCard) card = g_list_model_get_item (G_LIST_MODEL (store), i);

      wm_group_command_add (WM_GROUP_COMMAND (group), wm_list_remove_command_new (store, card));
    }

  wm_command_apply (group);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  wm_command_revert (group);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  b = g_list_model_get_item (G_LIST_MODEL (store), 1);
  g_assert_cmpstr (wm_item_get_id (WM_ITEM (b)), ==, "b");
  g_clear_object (&b);

  g_assert_finalize_object (g_steal_pointer (&group));
  g_assert_finalize_object (g_steal_pointer (&store));
}

/* The group owns what it was given, and frees it with itself. */
static void
test_group_owns (void)
{
  g_autoptr(WmCard) card = wm_card_new ("c1", "s1", NULL);
  g_autoptr(WmCommand) group = wm_group_command_new (NULL);
  WmCommand *child = set_text (card, "x");

  wm_group_command_add (WM_GROUP_COMMAND (group), child);
  g_object_add_weak_pointer (G_OBJECT (child), (gpointer *) &child);
  g_assert_finalize_object (g_steal_pointer (&group));
  g_assert_null (child);
  g_assert_finalize_object (g_steal_pointer (&card));
}

/* Groups do not merge: each is its own undo step. */
static void
test_group_no_merge (void)
{
  g_autoptr(WmCommand) a = wm_group_command_new ("A");
  g_autoptr(WmCommand) b = wm_group_command_new ("A");

  g_assert_false (wm_command_merge (a, b));

  g_assert_finalize_object (g_steal_pointer (&a));
  g_assert_finalize_object (g_steal_pointer (&b));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/GroupCommand/label", test_group_label);
  g_test_add_func ("/Waymark/GroupCommand/order", test_group_order);
  g_test_add_func ("/Waymark/GroupCommand/removals", test_group_removals);
  g_test_add_func ("/Waymark/GroupCommand/owns", test_group_owns);
  g_test_add_func ("/Waymark/GroupCommand/no-merge", test_group_no_merge);

  return g_test_run ();
}
