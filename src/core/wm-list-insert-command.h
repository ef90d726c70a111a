/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "wm-command.h"

G_BEGIN_DECLS

#define WM_TYPE_LIST_INSERT_COMMAND (wm_list_insert_command_get_type ())
G_DECLARE_FINAL_TYPE (WmListInsertCommand, wm_list_insert_command, WM, LIST_INSERT_COMMAND, WmCommand)

/* Inserts @item into @store at @position (clamped to the end). */
WmCommand *wm_list_insert_command_new (GListStore *store,
                                       guint       position,
                                       gpointer    item);
/* Removes @item from @store; its position is found when applied, so removals
 * grouped together need not be ordered. */
WmCommand *wm_list_remove_command_new (GListStore *store,
                                       gpointer    item);

G_END_DECLS
