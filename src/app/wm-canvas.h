/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "wm-compare.h"
#include "wm-history.h"
#include "wm-layout.h"
#include "wm-search.h"

G_BEGIN_DECLS

#define WM_TYPE_CANVAS (wm_canvas_get_type ())
G_DECLARE_FINAL_TYPE (WmCanvas, wm_canvas, WM, CANVAS, GtkWidget)

/* The journey-map canvas. Implements GtkScrollable: put it in a
 * GtkScrolledWindow. Properties: "history" (WmHistory), "selection"
 * (GObject: a WmCard, WmStage, WmLane, WmCurvePoint or WmMoment, or NULL:
 * the primary one of the multi-selection "selected-items", a GListModel),
 * "zoom" (double, 1.0 = 100 %), "editing" (gboolean, read-only).
 *
 * Actions in the "canvas." group: zoom-in, zoom-out, zoom-fit, zoom-reset,
 * delete, copy, cut, paste, duplicate, edit, add-stage, add-lane, add-card,
 * add-aha, add-micro (plus a few used by its context menus). Undo and redo
 * are the window's. */

#define WM_CANVAS_ZOOM_MIN 0.1
#define WM_CANVAS_ZOOM_MAX 4.0

GtkWidget  *wm_canvas_new            (void);
void        wm_canvas_set_history    (WmCanvas *self,
                                      WmHistory *history);
WmHistory  *wm_canvas_get_history    (WmCanvas *self);
WmDocument *wm_canvas_get_document   (WmCanvas *self);
WmLayout   *wm_canvas_get_layout     (WmCanvas *self);

/* The primary selected item (the last clicked); setting it selects it alone. */
GObject    *wm_canvas_get_selection  (WmCanvas *self);
void        wm_canvas_set_selection  (WmCanvas *self,
                                      GObject  *selection);
/* Every selected item, the primary among them: a GListModel that the
 * inspector binds to ("selected-items"); ::selection-changed fires when
 * it changes. */
GListModel *wm_canvas_get_selected_items (WmCanvas *self);
guint       wm_canvas_get_n_selected (WmCanvas *self);
/* Ctrl+A: every card of the map. */
void        wm_canvas_select_all     (WmCanvas *self);

double      wm_canvas_get_zoom       (WmCanvas *self);
void        wm_canvas_set_zoom       (WmCanvas *self,
                                      double    zoom);
/* Zooms so the whole map fits the visible area. */
void        wm_canvas_zoom_fit       (WmCanvas *self);
/* Zooms to the map's width if its text stays readable there, else to
 * 100 %: how a freshly opened map is shown. */
void        wm_canvas_zoom_readable  (WmCanvas *self);

/* Starts in-place editing of the selection's text (card, stage or lane
 * title, moment); FALSE if the selection has no text to edit. */
gboolean    wm_canvas_edit_selection (WmCanvas *self);
void        wm_canvas_stop_editing   (WmCanvas *self);
gboolean    wm_canvas_get_editing    (WmCanvas *self);

/* Present mode: a theme that overrides the system style (-1 follows it
 * again), and one persona's curve and moments only (NULL: every shown
 * persona, as wm_render's options). */
void        wm_canvas_set_theme_override (WmCanvas   *self,
                                          int         theme);
void        wm_canvas_set_persona        (WmCanvas   *self,
                                          const char *persona);
const char *wm_canvas_get_persona        (WmCanvas   *self);
/* The evidence view: cards that are assumptions drawn faded. */
void        wm_canvas_set_evidence_view  (WmCanvas   *self,
                                          gboolean    evidence_view);
gboolean    wm_canvas_get_evidence_view  (WmCanvas   *self);

/* Find: every hit of @search is highlighted (NULL: none). Call
 * gtk_widget_queue_draw() after changing its query. */
void        wm_canvas_set_search         (WmCanvas   *self,
                                          WmSearch   *search);
WmSearch   *wm_canvas_get_search         (WmCanvas   *self);
/* Compare With…: the other version drawn over the map (NULL: none). */
void        wm_canvas_set_compare        (WmCanvas   *self,
                                          WmCompare  *compare);
/* Whether lane and stage headers stay at the left and top edges while the
 * map scrolls past them (the default); present mode pins its own. */
void        wm_canvas_set_pin_headers    (WmCanvas   *self,
                                          gboolean    pin);

/* Draws what the canvas shows in a @width × @height view at the current
 * zoom and scroll position, with search highlights and pinned headers but
 * no selection feedback: for benchmarks and tests. */
void        wm_canvas_draw_to_cairo  (WmCanvas *self,
                                      cairo_t  *cr,
                                      int       width,
                                      int       height);

/* Widget pixels to layout units and back, at the current zoom and scroll
 * position. */
/* What wm_render would draw has changed: the next frame draws the map
 * afresh instead of its kept copy. */
void        wm_canvas_invalidate_map      (WmCanvas   *self);
void        wm_canvas_widget_to_layout    (WmCanvas   *self,
                                           double      wx,
                                           double      wy,
                                           double     *lx,
                                           double     *ly);
void        wm_canvas_layout_to_widget    (WmCanvas   *self,
                                           double      lx,
                                           double      ly,
                                           double     *wx,
                                           double     *wy);
/* The point of the map under widget (@wx, @wy) for hit-testing: through
 * a pinned header drawn there, the header's own place. */
void        wm_canvas_widget_to_hit_point (WmCanvas   *self,
                                           double      wx,
                                           double      wy,
                                           double     *lx,
                                           double     *ly);

/* The selected items, in the order selected (transfer container). */
GPtrArray  *wm_canvas_dup_selected        (WmCanvas   *self);
/* The cell the selection is in (or the keyboard cursor); FALSE if none. */
gboolean    wm_canvas_get_current_cell    (WmCanvas   *self,
                                           int        *lane,
                                           int        *stage);
/* Moves the keyboard cursor, the cell that Enter and the Menu key act on
 * while nothing is selected. */
void        wm_canvas_set_cursor_cell     (WmCanvas   *self,
                                           int         lane,
                                           int         stage);
/* Starts typing a new card in a cell; it is added, as one undo step, when
 * the text is committed, and not at all when it is empty. */
gboolean    wm_canvas_edit_new_card       (WmCanvas   *self,
                                           int         lane,
                                           int         stage);

/* Drags, in layout units: what the pointer gestures do (a press, moves,
 * a release or cancel), for scripting and tests. */
void        wm_canvas_drag_begin          (WmCanvas   *self,
                                           double      x,
                                           double      y);
void        wm_canvas_drag_update         (WmCanvas   *self,
                                           double      x,
                                           double      y);
void        wm_canvas_drag_end            (WmCanvas   *self,
                                           double      x,
                                           double      y);
void        wm_canvas_drag_cancel         (WmCanvas   *self);
/* A dragged curve value snapped as a drag snaps it (to halves). */
double      wm_canvas_snap_value          (double      value);

/* The context menu (a GtkPopoverMenu). */
GtkPopover *wm_canvas_get_menu            (WmCanvas   *self);
/* Selection, hover and drag feedback, as drawn over the map; @cr in
 * widget pixels. For tests, with wm_canvas_draw_to_cairo(). */
void        wm_canvas_draw_feedback       (WmCanvas   *self,
                                           cairo_t    *cr);

G_END_DECLS
