/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "wm-window.h"

G_BEGIN_DECLS

/* File ▸ Import…: a file chooser for Mermaid (.mmd, .mermaid, .md), JSON
 * and CSV, then a preview of what the file holds, with the reader's
 * warnings, offering to open it in a new window or to merge it into
 * @window's map as one undoable step. Not a GObject type of its own: an
 * AdwMessageDialog does the asking. */
void       wm_import_dialog_choose (WmWindow  *window);
/* The preview for @file (tests use it without the chooser); NULL when
 * the file cannot be read, after a dialog saying why. */
GtkWindow *wm_import_dialog_preview (WmWindow *window,
                                     GFile    *file);

G_END_DECLS
