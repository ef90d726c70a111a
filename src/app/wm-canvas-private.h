/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "wm-canvas.h"

G_BEGIN_DECLS

typedef enum
{
  WM_DRAG_NONE,
  WM_DRAG_PENDING,      /* pressed, not yet moved past the threshold */
  WM_DRAG_PAN,
  WM_DRAG_CARD,
  WM_DRAG_SPAN,
  WM_DRAG_STAGE,
  WM_DRAG_LANE,
  WM_DRAG_POINT,
  WM_DRAG_MOMENT,
  WM_DRAG_BAND,         /* a rubber band selecting the cards it touches */
} WmDragKind;

struct _WmCanvas
{
  GtkWidget      parent_instance;

  WmHistory     *history;
  WmDocument    *document;
  WmLayout      *layout;
  gulong         changed_id;
  gulong         dark_id;
  gulong         contrast_id;

  GObject       *selection;      /* the primary item: the last clicked */
  GListStore    *selected;       /* every selected item, the primary among them */
  GHashTable    *selected_set;   /* the same, for membership at drawing speed */
  GPtrArray     *band_base;      /* what a Ctrl+band adds to */
  gboolean       space_down;     /* Space+drag pans */
  GdkModifierType drag_state;    /* modifiers at the press */
  WmHit          hover;          /* item not owned; cleared on ::changed */
  gboolean       hover_span_edge;
  int            cursor_lane;    /* the keyboard's cell when nothing is selected */
  int            cursor_stage;

  double         zoom;
  int            theme_override; /* a WmTheme, or -1: follow the system */
  char          *persona;        /* draw only this persona's curve; NULL: all */
  gboolean       evidence_view;  /* assumptions faded (WM_RENDER_EVIDENCE_VIEW) */
  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  guint          hscroll_policy : 1;
  guint          vscroll_policy : 1;
  gboolean       fit_pending;
  gboolean       fit_readable;   /* the pending fit is wm_canvas_zoom_readable() */

  /* in-place editor (wm-card-editor.c) */
  GtkWidget     *editor;         /* a GtkScrolledWindow around a GtkTextView */
  GtkWidget     *editor_view;
  GObject       *editing;        /* the item being edited, owned */
  char          *editing_property;
  gboolean       editor_updating;
  gboolean       editor_pending; /* a new card, added when editing ends */
  int            pending_lane;
  int            pending_stage;
  GtkCssProvider *editor_css;

  /* gestures (wm-canvas-input.c) */
  WmDragKind     drag;
  GObject       *drag_item;      /* owned */
  WmHit          drag_hit;       /* what was pressed */
  GObject       *drag_target_card; /* owned: a card drop goes before it */
  double         drag_start_value;
  double         pointer_x;      /* widget coordinates, for zooming */
  double         pointer_y;
  double         drag_wx;        /* widget coordinates of a drag, for autoscroll */
  double         drag_wy;
  guint          autoscroll_id;
  double         drag_start_x;   /* layout units */
  double         drag_start_y;
  double         drag_x;
  double         drag_y;
  double         drag_value;     /* the snapped curve value or "at" */
  int            drag_target_lane;
  int            drag_target_stage;
  guint          drag_target_span;
  guint          drag_grouped : 1;
  double         pan_hvalue;
  double         pan_vvalue;
  double         zoom_gesture_start;

  GtkWidget     *popover;        /* the context menu */
  GtkWidget     *quotes_popover; /* a card's quotes (wm-canvas-quotes.c) */
  WmHit          menu_hit;       /* where the context menu was opened */

  /* Find: every hit highlighted; headers pinned while scrolled past. */
  WmSearch      *search;
  WmCompare     *compare;        /* File ▸ Compare With…: drawn by wm_render */
  gboolean       no_pins;

  /* The map as last drawn (wm-canvas.c: draw_map), kept while only what
   * is drawn over it changes: a selection, a band, find's hits, a hover. */
  cairo_surface_t *map_cache;
  guint64        map_serial;     /* bumped by anything that changes the map's look */
  guint64        map_cache_serial;
  double         map_cache_key[5]; /* zoom, origin x and y, width, height */
  int            map_cache_scale;
  WmLayoutStamp *map_stamp;      /* what map_cache shows; NULL: redraw it all */
};

/* wm-canvas.c */
void     wm_canvas_zoom_at             (WmCanvas   *self,
                                        double      zoom,
                                        double      wx,
                                        double      wy);
void     wm_canvas_scroll_to_item      (WmCanvas   *self,
                                        GObject    *item);
void     wm_canvas_update_actions      (WmCanvas   *self);
WmLane  *wm_canvas_get_card_lane       (WmCanvas   *self,
                                        WmCard     *card);
void     wm_canvas_push                (WmCanvas   *self,
                                        WmCommand  *command);
void     wm_canvas_notify_editing      (WmCanvas   *self);
/* Replaces the whole selection; @primary (one of @items, or NULL: the
 * last) is what the single-item API reports. */
void     wm_canvas_select_items        (WmCanvas   *self,
                                        GPtrArray  *items,
                                        GObject    *primary);
gboolean wm_canvas_is_selected         (WmCanvas   *self,
                                        gpointer    item);

/* wm-canvas.c: where layout (0, 0) is in a view of @width × @height */
void     _wm_canvas_get_origin         (WmCanvas   *self,
                                        double      width,
                                        double      height,
                                        double     *ox,
                                        double     *oy);

/* wm-canvas-draw.c; the canvas pins both kinds of header */
#define WM_CANVAS_PINS (WM_RENDER_PIN_LANES | WM_RENDER_PIN_STAGES)

WmTheme  _wm_canvas_current_theme      (WmCanvas   *self);
/* What the canvas shows, in layout units. */
void     _wm_canvas_view_clip          (WmCanvas   *self,
                                        cairo_rectangle_t *view);
void     _wm_canvas_snapshot           (GtkWidget  *widget,
                                        GtkSnapshot *snapshot);

/* wm-canvas-feedback.c */
void     wm_canvas_rounded_rect        (cairo_t    *cr,
                                        const cairo_rectangle_t *r,
                                        double      radius);
/* The accent colour at @alpha, as the selection is drawn. */
void     wm_canvas_set_accent          (WmCanvas   *self,
                                        cairo_t    *cr,
                                        double      alpha);

/* wm-canvas-input.c, wm-canvas-drag.c */
#define WM_CANVAS_DRAG_THRESHOLD 4.0   /* pixels */
#define WM_CANVAS_EDGE_GRAB      7.0   /* pixels from a card's right edge that resize it */

void     wm_canvas_input_init          (WmCanvas   *self);
void     wm_canvas_input_class_init    (WmCanvasClass *klass);
void     wm_canvas_input_dispose       (WmCanvas   *self);
int      wm_canvas_lane_index          (WmCanvas   *self,
                                        WmLane     *lane);
int      wm_canvas_stage_index         (WmCanvas   *self,
                                        WmStage    *stage);
/* A press with Ctrl or Shift held adds to (or toggles in) the selection. */
void     wm_canvas_drag_begin_with_state (WmCanvas      *self,
                                          double         x,
                                          double         y,
                                          GdkModifierType state);
void     wm_canvas_clear_drag          (WmCanvas   *self);
/* Whether (@x, layout units) is on @card's right edge, which resizes it. */
gboolean wm_canvas_near_right_edge     (WmCanvas   *self,
                                        GObject    *card,
                                        double      x);
WmStage *wm_canvas_stage_at            (WmCanvas   *self,
                                        int         index);
WmLane  *wm_canvas_lane_at             (WmCanvas   *self,
                                        int         index);
/* The stage column under @x, the lane row under @y (layout units),
 * clamped to the first and last. */
int      wm_canvas_stage_at_x          (WmCanvas   *self,
                                        double      x);
int      wm_canvas_lane_at_y           (WmCanvas   *self,
                                        double      y);
/* The cards of one cell, in drawing order (transfer container). */
GPtrArray *wm_canvas_cell_cards        (WmCanvas   *self,
                                        int         lane,
                                        int         stage);

/* wm-canvas-menu.c */
/* The context menu for what is at widget (@wx, @wy). */
void     wm_canvas_show_context_menu   (WmCanvas   *self,
                                        double      wx,
                                        double      wy);
/* Menu or Shift+F10: the menu a right-click on the selection would show. */
void     wm_canvas_keyboard_menu       (WmCanvas   *self);

/* wm-canvas-quotes.c */
gboolean wm_canvas_card_has_quotes     (WmCanvas   *self,
                                        WmCard     *card);
void     wm_canvas_show_quotes         (WmCanvas   *self);
void     wm_canvas_quotes_dispose      (WmCanvas   *self);

/* wm-card-editor.c */
void     wm_card_editor_init           (WmCanvas   *self);
void     wm_card_editor_dispose        (WmCanvas   *self);
gboolean wm_card_editor_start          (WmCanvas   *self,
                                        GObject    *item);
/* A new card in a cell, created when the text is committed. */
gboolean wm_card_editor_start_new      (WmCanvas   *self,
                                        int         lane,
                                        int         stage);
void     wm_card_editor_stop           (WmCanvas   *self);
void     wm_card_editor_allocate       (WmCanvas   *self);
void     wm_card_editor_sync           (WmCanvas   *self);
void     wm_card_editor_replace_text   (WmCanvas   *self,
                                        const char *text);
void     wm_card_editor_select_all     (WmCanvas   *self);

G_END_DECLS
