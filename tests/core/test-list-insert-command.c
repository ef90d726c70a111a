/* SPDX-License-Identifier: GPL-3.0-or-later */
/* WmListInsertCommand: inserting into and removing from a list. */
#include "config.h"

#include "wm-card.h"
#include "wm-list-insert-command.h"

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GString    *log)
{
  g_string_append_printf (log, "%u-%u+%u;", position, removed, added);
}

/* The ids of @store's cards, in order: "a,b,c". */
static char *
ids (GListStore *store)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(WmItem) item = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_string_append_printf (out, "%s%s", i ? "," : "", wm_item_get_id (item));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GListStore *
store_of (const char *first,
          ...)
{
  GListStore *store = g_list_store_new (WM_TYPE_CARD);
  va_list args;

  va_start (args, first);
  for (const char *id = first; id != NULL; id = va_arg (args, const char *))
    {
      g_autoptr(WmCard) card = wm_card_new (id, "s1", NULL);

      g_list_store_append (store, card);
    }
  va_end (args);

  return store;
}

static void
check_ids (GListStore *store,
           const char *expected)
{
  g_autofree char *got = ids (store);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_list_insert_apply_revert (void)
{
  g_autoptr(GListStore) store = store_of ("a", "c", NULL);
  g_autoptr(WmCard) b = wm_card_new ("b", "s1", NULL);
  g_autoptr(WmCommand) command = wm_list_insert_command_new (store, 1, b);
  g_autoptr(GString) log = g_string_new (NULL);

  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), log);
  wm_command_apply (command);
  check_ids (store, "a,b,c");
  wm_command_revert (command);
  check_ids (store, "a,c");
  wm_command_apply (command);
  g_assert_cmpstr (log->str, ==, "1-0+1;1-1+0;1-0+1;");

  g_signal_handlers_disconnect_by_data (store, log);
  g_assert_finalize_object (g_steal_pointer (&command));
  g_assert_finalize_object (g_steal_pointer (&store));
  g_assert_finalize_object (g_steal_pointer (&b));
}

/* A position past the end appends. */
static void
test_list_insert_clamped (void)
{
  g_autoptr(GListStore) store = store_of ("a", NULL);
  g_autoptr(WmCard) b = wm_card_new ("b", "s1", NULL);
  g_autoptr(WmCommand) command = wm_list_insert_command_new (store, 99, b);

  wm_command_apply (command);
  check_ids (store, "a,b");
  wm_command_revert (command);
  check_ids (store, "a");

  g_assert_finalize_object (g_steal_pointer (&command));
  g_assert_finalize_object (g_steal_pointer (&store));
  g_assert_finalize_object (g_steal_pointer (&b));
}

/* A removal finds its item when applied and puts it back where it was,
 * so removals grouped in any order undo to the same list. */
static void
test_list_remove (void)
{
  g_autoptr(GListStore) store = store_of ("a", "b", "c", "d", NULL);
  g_autoptr(WmItem) b = g_list_model_get_item (G_LIST_MODEL (store), 1);
  g_autoptr(WmItem) d = g_list_model_get_item (G_LIST_MODEL (store), 3);
  g_autoptr(WmCommand) remove_b = wm_list_remove_command_new (store, b);
  g_autoptr(WmCommand) remove_d = wm_list_remove_command_new (store, d);

  wm_command_apply (remove_b);
  wm_command_apply (remove_d);
  check_ids (store, "a,c");
  wm_command_revert (remove_d);
  wm_command_revert (remove_b);
  check_ids (store, "a,b,c,d");

  /* In the other order too. */
  wm_command_apply (remove_d);
  wm_command_apply (remove_b);
  check_ids (store, "a,c");
  wm_command_revert (remove_b);
  wm_command_revert (remove_d);
  check_ids (store, "a,b,c,d");

  g_assert_finalize_object (g_steal_pointer (&remove_b));
  g_assert_finalize_object (g_steal_pointer (&remove_d));
  g_assert_finalize_object (g_steal_pointer (&store));
  g_assert_finalize_object (g_steal_pointer (&b));
  g_assert_finalize_object (g_steal_pointer (&d));
}

/* A removed item lives on in the command, for undo. */
static void
test_list_remove_keeps_item (void)
{
  g_autoptr(GListStore) store = store_of ("a", NULL);
  WmItem *a = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_autoptr(WmCommand) command = wm_list_remove_command_new (store, a);

  g_object_add_weak_pointer (G_OBJECT (a), (gpointer *) &a);
  g_object_unref (a);
  wm_command_apply (command);
  g_assert_nonnull (a);
  g_assert_finalize_object (g_steal_pointer (&command));
  g_assert_null (a);
  g_assert_finalize_object (g_steal_pointer (&store));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/ListInsertCommand/apply-revert", test_list_insert_apply_revert);
  g_test_add_func ("/Waymark/ListInsertCommand/clamped", test_list_insert_clamped);
  g_test_add_func ("/Waymark/ListInsertCommand/remove", test_list_remove);
  g_test_add_func ("/Waymark/ListInsertCommand/remove-keeps-item", test_list_remove_keeps_item);

  return g_test_run ();
}
