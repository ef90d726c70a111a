/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "wm-history.h"

G_BEGIN_DECLS

#define WM_TYPE_INSPECTOR (wm_inspector_get_type ())
G_DECLARE_FINAL_TYPE (WmInspector, wm_inspector, WM, INSPECTOR, AdwBin)

/* The side panel that edits the selection's attributes, or with nothing
 * selected the map's title, scenario and personas. Properties: "history"
 * (WmHistory), "selection" (GObject or NULL; bind it to the canvas's).
 * It scrolls by itself. */
GtkWidget *wm_inspector_new           (void);
void       wm_inspector_set_history   (WmInspector *self,
                                       WmHistory   *history);
WmHistory *wm_inspector_get_history   (WmInspector *self);
GObject   *wm_inspector_get_selection (WmInspector *self);
/* The whole selection (bind it to the canvas's "selected-items"): with
 * several cards, one page edits them all. */
void       wm_inspector_set_items     (WmInspector *self,
                                       GListModel  *items);
void       wm_inspector_set_selection (WmInspector *self,
                                       GObject     *selection);
/* The widget editing @property of the selection (or of the map with nothing
 * selected), or NULL: for tests. */
GtkWidget *wm_inspector_get_field     (WmInspector *self,
                                       const char  *property);

G_END_DECLS
