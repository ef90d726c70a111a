/* SPDX-License-Identifier: GPL-3.0-or-later */
/* WmListMoveCommand: reordering a list (stages, lanes). */
#include "config.h"

#include "wm-list-move-command.h"
#include "wm-stage.h"

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GString    *log)
{
  g_string_append_printf (log, "%u-%u+%u;", position, removed, added);
}

static GListStore *
stages (guint n)
{
  GListStore *store = g_list_store_new (WM_TYPE_STAGE);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%c", 'a' + i);
      g_autoptr(WmStage) stage = wm_stage_new (id, NULL);

      g_list_store_append (store, stage);
    }

  return store;
}

static void
check_ids (GListStore *store,
           const char *expected)
{
  g_autoptr(GString) got = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(WmItem) item = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_string_append (got, wm_item_get_id (item));
    }
  g_assert_cmpstr (got->str, ==, expected);
}

static void
test_list_move_forward (void)
{
  g_autoptr(GListStore) store = stages (4);
  g_autoptr(WmCommand) command = wm_list_move_command_new (store, 0, 2);

  wm_command_apply (command);
  check_ids (store, "bcad");
  wm_command_revert (command);
  check_ids (store, "abcd");

  g_assert_finalize_object (g_steal_pointer (&command));
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_list_move_backward (void)
{
  g_autoptr(GListStore) store = stages (4);
  g_autoptr(WmCommand) command = wm_list_move_command_new (store, 3, 0);
  g_autoptr(GString) log = g_string_new (NULL);

  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), log);
  wm_command_apply (command);
  check_ids (store, "dabc");
  wm_command_revert (command);
  check_ids (store, "abcd");
  g_assert_cmpstr (log->str, ==, "3-1+0;0-0+1;0-1+0;3-0+1;");

  g_signal_handlers_disconnect_by_data (store, log);
  g_assert_finalize_object (g_steal_pointer (&command));
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_list_move_last (void)
{
  g_autoptr(GListStore) store = stages (3);
  g_autoptr(WmCommand) command = wm_list_move_command_new (store, 0, 2);

  wm_command_apply (command);
  check_ids (store, "bca");
  wm_command_apply (command);
  check_ids (store, "cab");
  wm_command_revert (command);
  wm_command_revert (command);
  check_ids (store, "abc");

  g_assert_finalize_object (g_steal_pointer (&command));
  g_assert_finalize_object (g_steal_pointer (&store));
}

/* A move out of range is a programming error, caught when made. */
static void
test_list_move_out_of_range (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GListStore) store = stages (2);

      g_assert_null (wm_list_move_command_new (store, 0, 2));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*from < n_items && to < n_items*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/ListMoveCommand/forward", test_list_move_forward);
  g_test_add_func ("/Waymark/ListMoveCommand/backward", test_list_move_backward);
  g_test_add_func ("/Waymark/ListMoveCommand/last", test_list_move_last);
  g_test_add_func ("/Waymark/ListMoveCommand/out-of-range", test_list_move_out_of_range);

  return g_test_run ();
}
