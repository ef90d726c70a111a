/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "wm-command.h"

G_BEGIN_DECLS

#define WM_TYPE_LIST_MOVE_COMMAND (wm_list_move_command_get_type ())
G_DECLARE_FINAL_TYPE (WmListMoveCommand, wm_list_move_command, WM, LIST_MOVE_COMMAND, WmCommand)

/* Moves the item at @from so that it ends up at @to (reordering stages, lanes). */
WmCommand *wm_list_move_command_new (GListStore *store,
                                     guint       from,
                                     guint       to);

G_END_DECLS
