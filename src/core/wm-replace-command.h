/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "wm-command.h"
#include "wm-document.h"

G_BEGIN_DECLS

#define WM_TYPE_REPLACE_COMMAND (wm_replace_command_get_type ())
G_DECLARE_FINAL_TYPE (WmReplaceCommand, wm_replace_command, WM, REPLACE_COMMAND, WmCommand)

/* Replaces everything in @document (title, scenario, language, every
 * list, namespaces and foreign XML) with what @content holds, in place:
 * the document object and its list stores stay the same, so views bound
 * to them follow. @content (a document no history owns) is taken over and
 * emptied; it keeps what is replaced, for undo. */
WmCommand *wm_replace_command_new (WmDocument *document,
                                   WmDocument *content);

G_END_DECLS
