/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "wm-command.h"

G_BEGIN_DECLS

#define WM_TYPE_SET_PROPERTY_COMMAND (wm_set_property_command_get_type ())
G_DECLARE_FINAL_TYPE (WmSetPropertyCommand, wm_set_property_command, WM, SET_PROPERTY_COMMAND, WmCommand)

/* Sets one property of one object; the old value is read when the command
 * is created. Commands with the same object, property and a non-NULL
 * @merge_key merge, so a drag or a burst of typing is one undo step. */
WmCommand *wm_set_property_command_new (GObject      *object,
                                        const char   *property,
                                        const GValue *value,
                                        const char   *merge_key);

G_END_DECLS
