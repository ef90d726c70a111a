/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include "wm-list-insert-command.h"

struct _WmListInsertCommand
{
  WmCommand   parent_instance;

  GListStore *store;
  GObject    *item;
  guint       position;
  gboolean    remove;
};

G_DEFINE_FINAL_TYPE (WmListInsertCommand, wm_list_insert_command, WM_TYPE_COMMAND)

static void
insert_item (WmListInsertCommand *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  g_list_store_insert (self->store, MIN (self->position, n_items), self->item);
}

static void
remove_item (WmListInsertCommand *self)
{
  guint position;

  if (!g_list_store_find (self->store, self->item, &position))
    {
      g_critical ("Removing an item that is not in its list");
      return;
    }

  self->position = position;
  g_list_store_remove (self->store, position);
}

static void
wm_list_insert_command_apply (WmCommand *command)
{
  WmListInsertCommand *self = WM_LIST_INSERT_COMMAND (command);

  if (self->remove)
    remove_item (self);
  else
    insert_item (self);
}

static void
wm_list_insert_command_revert (WmCommand *command)
{
  WmListInsertCommand *self = WM_LIST_INSERT_COMMAND (command);

  if (self->remove)
    insert_item (self);
  else
    remove_item (self);
}

static void
wm_list_insert_command_finalize (GObject *object)
{
  WmListInsertCommand *self = WM_LIST_INSERT_COMMAND (object);

  g_clear_object (&self->store);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (wm_list_insert_command_parent_class)->finalize (object);
}

static void
wm_list_insert_command_class_init (WmListInsertCommandClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  WmCommandClass *command_class = WM_COMMAND_CLASS (klass);

  object_class->finalize = wm_list_insert_command_finalize;

  command_class->apply = wm_list_insert_command_apply;
  command_class->revert = wm_list_insert_command_revert;
}

static void
wm_list_insert_command_init (WmListInsertCommand *self)
{
}

static WmCommand *
list_command_new (GListStore *store,
                  guint       position,
                  gpointer    item,
                  gboolean    is_remove)
{
  WmListInsertCommand *self;

  g_return_val_if_fail (G_IS_LIST_STORE (store), NULL);
  g_return_val_if_fail (G_IS_OBJECT (item), NULL);

  self = g_object_new (WM_TYPE_LIST_INSERT_COMMAND, NULL);
  self->store = g_object_ref (store);
  self->item = g_object_ref (item);
  self->position = position;
  self->remove = is_remove;

  return WM_COMMAND (self);
}

WmCommand *
wm_list_insert_command_new (GListStore *store,
                            guint       position,
                            gpointer    item)
{
  return list_command_new (store, position, item, FALSE);
}

WmCommand *
wm_list_remove_command_new (GListStore *store,
                            gpointer    item)
{
  return list_command_new (store, 0, item, TRUE);
}
