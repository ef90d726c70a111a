/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include "wm-list-move-command.h"

struct _WmListMoveCommand
{
  WmCommand   parent_instance;

  GListStore *store;
  guint       from;
  guint       to;
};

G_DEFINE_FINAL_TYPE (WmListMoveCommand, wm_list_move_command, WM_TYPE_COMMAND)

static void
move_item (GListStore *store,
           guint       from,
           guint       to)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), from);

  g_return_if_fail (item != NULL);

  g_list_store_remove (store, from);
  g_list_store_insert (store, to, item);
}

static void
wm_list_move_command_apply (WmCommand *command)
{
  WmListMoveCommand *self = WM_LIST_MOVE_COMMAND (command);

  move_item (self->store, self->from, self->to);
}

static void
wm_list_move_command_revert (WmCommand *command)
{
  WmListMoveCommand *self = WM_LIST_MOVE_COMMAND (command);

  move_item (self->store, self->to, self->from);
}

static void
wm_list_move_command_finalize (GObject *object)
{
  WmListMoveCommand *self = WM_LIST_MOVE_COMMAND (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (wm_list_move_command_parent_class)->finalize (object);
}

static void
wm_list_move_command_class_init (WmListMoveCommandClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  WmCommandClass *command_class = WM_COMMAND_CLASS (klass);

  object_class->finalize = wm_list_move_command_finalize;

  command_class->apply = wm_list_move_command_apply;
  command_class->revert = wm_list_move_command_revert;
}

static void
wm_list_move_command_init (WmListMoveCommand *self)
{
}

WmCommand *
wm_list_move_command_new (GListStore *store,
                          guint       from,
                          guint       to)
{
  WmListMoveCommand *self;
  guint n_items;

  g_return_val_if_fail (G_IS_LIST_STORE (store), NULL);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_return_val_if_fail (from < n_items && to < n_items, NULL);

  self = g_object_new (WM_TYPE_LIST_MOVE_COMMAND, NULL);
  self->store = g_object_ref (store);
  self->from = from;
  self->to = to;

  return WM_COMMAND (self);
}
