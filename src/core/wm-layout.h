#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "wm-document.h"
#include "wm-style.h"

G_BEGIN_DECLS

/* Geometry of a document: a rectangle for every stage, lane, cell and
 * card, the curves' control points, the moments' anchors. Pure: it owns
 * its own PangoContext (hinting off, so the canvas and a PDF agree) and
 * needs no cairo_t. Units are points. It re-lays out when the document
 * emits ::changed (lazily, on the next query). */

#define WM_TYPE_LAYOUT (wm_layout_get_type ())
G_DECLARE_FINAL_TYPE (WmLayout, wm_layout, WM, LAYOUT, GObject)

typedef enum
{
  WM_HIT_NONE,
  WM_HIT_TITLE,
  WM_HIT_STAGE_HEADER,
  WM_HIT_LANE_HEADER,
  WM_HIT_CELL,
  WM_HIT_CARD,
  WM_HIT_CURVE_POINT,
  WM_HIT_MOMENT,
} WmHitKind;

typedef struct
{
  WmHitKind  kind;
  GObject   *item;   /* the WmCard, WmCurvePoint, WmMoment, WmStage or WmLane; not owned */
  int        stage;  /* stage index or -1 */
  int        lane;   /* lane index or -1 */
} WmHit;

WmLayout      *wm_layout_new             (WmDocument        *document,
                                          WmTheme            theme);
WmDocument    *wm_layout_get_document    (WmLayout          *self);
const WmStyle *wm_layout_get_style       (WmLayout          *self);
void           wm_layout_set_theme       (WmLayout          *self,
                                          WmTheme            theme);
/* Brings the geometry up to date now (queries do it too). */
void           wm_layout_update          (WmLayout          *self);
void           wm_layout_get_size        (WmLayout          *self,
                                          double            *width,
                                          double            *height);
gboolean       wm_layout_hit_test        (WmLayout          *self,
                                          double             x,
                                          double             y,
                                          WmHit             *hit);
/* Rectangles in layout units; FALSE if the index or item is unknown. */
gboolean       wm_layout_get_stage_rect  (WmLayout          *self,
                                          guint              stage,
                                          cairo_rectangle_t *rect);
gboolean       wm_layout_get_lane_rect   (WmLayout          *self,
                                          guint              lane,
                                          cairo_rectangle_t *rect);
gboolean       wm_layout_get_cell_rect   (WmLayout          *self,
                                          guint              lane,
                                          guint              stage,
                                          cairo_rectangle_t *rect);
gboolean       wm_layout_get_item_rect   (WmLayout          *self,
                                          GObject           *item,
                                          cairo_rectangle_t *rect);
/* Emotion lane @lane: curve value ↔ y. */
double         wm_layout_value_to_y      (WmLayout          *self,
                                          guint              lane,
                                          double             value);
double         wm_layout_y_to_value      (WmLayout          *self,
                                          guint              lane,
                                          double             y);

G_END_DECLS
