/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include "wm-group-command.h"

struct _WmGroupCommand
{
  WmCommand  parent_instance;

  GPtrArray *commands;
};

G_DEFINE_FINAL_TYPE (WmGroupCommand, wm_group_command, WM_TYPE_COMMAND)

static void
wm_group_command_apply (WmCommand *command)
{
  WmGroupCommand *self = WM_GROUP_COMMAND (command);

  for (guint i = 0; i < self->commands->len; i++)
    wm_command_apply (g_ptr_array_index (self->commands, i));
}

static void
wm_group_command_revert (WmCommand *command)
{
  WmGroupCommand *self = WM_GROUP_COMMAND (command);

  for (guint i = self->commands->len; i > 0; i--)
    wm_command_revert (g_ptr_array_index (self->commands, i - 1));
}

static void
wm_group_command_finalize (GObject *object)
{
  WmGroupCommand *self = WM_GROUP_COMMAND (object);

  g_clear_pointer (&self->commands, g_ptr_array_unref);

  G_OBJECT_CLASS (wm_group_command_parent_class)->finalize (object);
}

static void
wm_group_command_class_init (WmGroupCommandClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  WmCommandClass *command_class = WM_COMMAND_CLASS (klass);

  object_class->finalize = wm_group_command_finalize;

  command_class->apply = wm_group_command_apply;
  command_class->revert = wm_group_command_revert;
}

static void
wm_group_command_init (WmGroupCommand *self)
{
  self->commands = g_ptr_array_new_with_free_func (g_object_unref);
}

WmCommand *
wm_group_command_new (const char *label)
{
  return g_object_new (WM_TYPE_GROUP_COMMAND, "label", label, NULL);
}

void
wm_group_command_add (WmGroupCommand *self,
                      WmCommand      *command)
{
  g_return_if_fail (WM_IS_GROUP_COMMAND (self));
  g_return_if_fail (WM_IS_COMMAND (command));

  g_ptr_array_add (self->commands, command);
}

guint
wm_group_command_get_size (WmGroupCommand *self)
{
  g_return_val_if_fail (WM_IS_GROUP_COMMAND (self), 0);

  return self->commands->len;
}
