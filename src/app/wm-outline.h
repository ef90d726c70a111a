#pragma once

#include <gtk/gtk.h>

#include "wm-history.h"

G_BEGIN_DECLS

#define WM_TYPE_OUTLINE (wm_outline_get_type ())
G_DECLARE_FINAL_TYPE (WmOutline, wm_outline, WM, OUTLINE, GtkWidget)

/* The whole map as a keyboard-friendly tree: stages (with metrics), lanes
 * (with cards), curves (persona → values per stage) and moments, bound to
 * the document's list models. Every edit is a command on the history.
 * Properties: "history" (WmHistory), "selection" (GObject, the same kinds
 * as WmCanvas:selection; bind the two).
 *
 * Actions in the "outline." group: edit (Enter, F2), remove (Delete),
 * add (Insert), move-up (Alt+Up), move-down (Alt+Down). */

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
/* The row's inline editor (GtkEditableLabel or GtkSpinButton), if shown. */
GtkWidget  *wm_outline_get_row_editor (WmOutline *self,
                                       guint      position);

G_END_DECLS
