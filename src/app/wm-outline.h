/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "wm-history.h"
#include "wm-search.h"

G_BEGIN_DECLS

#define WM_TYPE_OUTLINE (wm_outline_get_type ())
G_DECLARE_FINAL_TYPE (WmOutline, wm_outline, WM, OUTLINE, GtkWidget)

/* The whole map as a keyboard-friendly tree: stages (with metrics), lanes
 * (with their cards in reading order), curves (persona → a value per
 * stage) and moments, bound to the document's list models. Every edit is
 * a command on the history, the same as the canvas's. Properties:
 * "history" (WmHistory), "selection" (GObject, the same kinds as
 * WmCanvas:selection; bind the two).
 *
 * Actions in the "outline." group, on the selected row: edit (Enter, F2),
 * remove (Delete), add (Insert), add-stage-before, add-stage-after,
 * add-lane (kind nick), add-card-in (stage id), add-card-to (lane id),
 * add-metric (kind), add-persona, add-aha and add-micro (stage id, "": the
 * row's), move-up and move-down (Alt+Up/Down), move-left and move-right
 * (Alt+Left/Right: to another stage), move-lane-up and move-lane-down
 * (Alt+Shift+Up/Down), span-wider and span-narrower (Alt+Shift+Right/Left),
 * duplicate (Ctrl+D), copy, cut, paste (Ctrl+C/X/V), set-touchpoint (nick),
 * toggle-key, set-severity (0–5), menu (Menu, Shift+F10). */

GtkWidget  *wm_outline_new            (void);
void        wm_outline_set_history    (WmOutline *self,
                                       WmHistory *history);
WmHistory  *wm_outline_get_history    (WmOutline *self);
GObject    *wm_outline_get_selection  (WmOutline *self);
void        wm_outline_set_selection  (WmOutline *self,
                                       GObject   *selection);
/* The rows' model (a GtkSingleSelection over a GtkTreeListModel): for
 * tests and for moving the focus. */
GtkSelectionModel *wm_outline_get_model (WmOutline *self);
/* The row's inline editor (GtkEntry or GtkSpinButton), if shown. */
GtkWidget  *wm_outline_get_row_editor (WmOutline *self,
                                       guint      position);
/* What a shown row says, its labels joined by " | "; NULL if the row is
 * not shown. For tests. */
char       *wm_outline_dup_row_text   (WmOutline *self,
                                       guint      position);
/* Commits text being typed into a row (before saving, undoing…). */
void        wm_outline_stop_editing   (WmOutline *self);
/* Find: selects the next row (@backward: the previous one) after the
 * selected one, wrapping around, whose item is a hit of @search, and
 * scrolls to it, leaving the focus where it is (in the search entry).
 * Returns the row's item, or NULL when no row is a hit. */
GObject    *wm_outline_find_step      (WmOutline *self,
                                       WmSearch  *search,
                                       gboolean   backward);
/* The context menu (a GtkPopoverMenu). */
GtkPopover *wm_outline_get_menu       (WmOutline *self);

G_END_DECLS
