/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "wm-compare.h"

G_BEGIN_DECLS

/* The side list of a comparison's changes (File ▸ Compare With…): one
 * row per change; activating a row emits ::item-activated with what to
 * select on the map. Its buttons run win.export-comparison and
 * win.end-compare. */

#define WM_TYPE_COMPARE_PANEL (wm_compare_panel_get_type ())
G_DECLARE_FINAL_TYPE (WmComparePanel, wm_compare_panel, WM, COMPARE_PANEL, GtkWidget)

GtkWidget *wm_compare_panel_new         (void);
/* @name: what to call the other version (its file's name). */
void       wm_compare_panel_set_compare (WmComparePanel *self,
                                         WmCompare      *compare,
                                         const char     *name);
WmCompare *wm_compare_panel_get_compare (WmComparePanel *self);

G_END_DECLS
