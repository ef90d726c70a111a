/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "wm-command.h"

G_BEGIN_DECLS

#define WM_TYPE_GROUP_COMMAND (wm_group_command_get_type ())
G_DECLARE_FINAL_TYPE (WmGroupCommand, wm_group_command, WM, GROUP_COMMAND, WmCommand)

/* Several commands as one undo step: applied in order, reverted backwards. */
WmCommand *wm_group_command_new      (const char     *label);
/* Takes ownership of @command. */
void       wm_group_command_add      (WmGroupCommand *self,
                                      WmCommand      *command);
guint      wm_group_command_get_size (WmGroupCommand *self);

G_END_DECLS
