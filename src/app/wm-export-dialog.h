/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "wm-convert.h"
#include "wm-export.h"
#include "wm-window.h"

G_BEGIN_DECLS

#define WM_TYPE_EXPORT_DIALOG (wm_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WmExportDialog, wm_export_dialog, WM, EXPORT_DIALOG, AdwWindow)

/* Export… for @window's map: format, page, orientation, summary page,
 * author, PNG size (resolution or width), background and theme (the
 * command line's options), then a file chooser. The export runs
 * in a thread on a copy of the map, with progress and Cancel; a toast in
 * @window offers to open the result. */
GtkWindow *wm_export_dialog_new         (WmWindow              *window);
void       wm_export_dialog_get_options (WmExportDialog        *self,
                                         WmExportOptions       *options);
/* TRUE when the chosen format is Mermaid, JSON or CSV (@format). */
gboolean   wm_export_dialog_get_text_format (WmExportDialog    *self,
                                             WmTextFormat      *format);
/* Exports to @file without the file chooser (tests use it). */
void       wm_export_dialog_export_to   (WmExportDialog        *self,
                                         GFile                 *file);

G_END_DECLS
