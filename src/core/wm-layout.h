/* SPDX-License-Identifier: GPL-3.0-or-later */
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
  WM_HIT_MOMENT,       /* the marker or its callout */
  WM_HIT_PERSONA,      /* a persona in the map's header; item: the WmPersona */
  WM_HIT_SCENARIO,     /* item: the WmDocument (WM_HIT_TITLE too) */
} WmHitKind;

typedef struct
{
  WmHitKind  kind;
  GObject   *item;   /* the WmCard, WmCurvePoint, WmMoment, WmStage, WmLane,
                      * WmPersona or WmDocument; NULL for a cell; not owned */
  int        stage;  /* stage index or -1 */
  int        lane;   /* lane index or -1 */
} WmHit;

WmLayout      *wm_layout_new             (WmDocument        *document,
                                          WmTheme            theme);
WmDocument    *wm_layout_get_document    (WmLayout          *self);
const WmStyle *wm_layout_get_style       (WmLayout          *self);
void           wm_layout_set_theme       (WmLayout          *self,
                                          WmTheme            theme);
/* An export or a print draws each line once: TRUE keeps only a few lines
 * shaped for the next time they are drawn, where the canvas keeps 2,048
 * for its next frame. The picture is the same either way. */
void           wm_layout_set_draw_once   (WmLayout          *self,
                                          gboolean           draw_once);
/* Brings the geometry up to date now (queries do it too). */
void           wm_layout_update          (WmLayout          *self);
void           wm_layout_get_size        (WmLayout          *self,
                                          double            *width,
                                          double            *height);
gboolean       wm_layout_hit_test        (WmLayout          *self,
                                          double             x,
                                          double             y,
                                          WmHit             *hit);
/* Rectangles in layout units; FALSE if the index or item is unknown.
 * A stage rect is its whole column (header and every lane), a lane rect
 * its whole row (header and every cell); the *_header_rect variants give
 * just the header. An item rect is what draws the item: a card, a stage's
 * or lane's header, a curve point's or moment's marker, a persona's block
 * in the header, the title for the document. */
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
gboolean       wm_layout_get_stage_header_rect (WmLayout          *self,
                                                guint              stage,
                                                cairo_rectangle_t *rect);
gboolean       wm_layout_get_lane_header_rect  (WmLayout          *self,
                                                guint              lane,
                                                cairo_rectangle_t *rect);
/* Where the text of a card or a moment (its callout) sits: the place for
 * an in-place editor. */
gboolean       wm_layout_get_text_rect         (WmLayout          *self,
                                                GObject           *item,
                                                cairo_rectangle_t *rect);
/* The callout of a moment (in the first emotion lane). */
gboolean       wm_layout_get_callout_rect      (WmLayout          *self,
                                                WmMoment          *moment,
                                                cairo_rectangle_t *rect);
/* How many lines the text of a card or moment wraps to, and the width of
 * the widest one; 0 if the item is unknown or has no text. */
guint          wm_layout_get_text_lines        (WmLayout          *self,
                                                GObject           *item,
                                                double            *max_width);
/* The smooth (monotone cubic, Fritsch–Carlson) emotion curve of @persona
 * as drawn in emotion lane @lane: *segments receives 8 doubles per cubic
 * Bézier segment (x0 y0 x1 y1 x2 y2 x3 y3, layout units), to g_free().
 * Returns the number of segments (0 with fewer than two points). */
guint          wm_layout_get_curve_segments    (WmLayout          *self,
                                                guint              lane,
                                                const char        *persona,
                                                double           **segments);
/* The index of the first emotion lane, or -1. */
int            wm_layout_get_emotion_lane      (WmLayout          *self);
/* The context all text is measured with (language from xml:lang, no
 * hinting) and the card font: what an in-place editor should use. */
PangoContext  *wm_layout_get_pango_context     (WmLayout          *self);
const PangoFontDescription *
               wm_layout_get_font              (WmLayout          *self);
/* @text (@length bytes) as Pango should shape it: @text itself, or a
 * shortened copy in *@copy (to g_free()) with *@length updated. Runs of
 * more than 30 combining marks and tabs past the 256th are left out, as
 * Pango 1.50 and HarfBuzz take quadratic time on them. All text drawn
 * with Pango, on the map or around it (summary, poster labels), goes
 * through it. A NUL-terminated @text gives a NUL-terminated result. */
const char    *wm_layout_shaped_text           (const char        *text,
                                                gsize             *length,
                                                char             **copy);
/* @text for a Pango layout that wraps or ellipsizes it by itself (the
 * summary, sheet labels): at most @max_chars characters (then "…") and
 * @max_lines lines (later line breaks become spaces; with one line, tabs
 * too), passed through wm_layout_shaped_text(). NULL for NULL; to g_free(). */
char          *wm_layout_dup_clipped_text      (const char        *text,
                                                guint              max_chars,
                                                guint              max_lines);

/* Emotion lane @lane: curve value ↔ y. y_to_value clamps to -3..3. */
double         wm_layout_value_to_y      (WmLayout          *self,
                                          guint              lane,
                                          double             value);
double         wm_layout_y_to_value      (WmLayout          *self,
                                          guint              lane,
                                          double             y);

/* What a frame drew, to tell which parts of the map an edit changed (the
 * canvas repaints only those into its kept pixels). */
typedef struct _WmLayoutStamp WmLayoutStamp;

WmLayoutStamp *wm_layout_stamp_new             (WmLayout          *self);
void           wm_layout_stamp_free            (WmLayoutStamp     *stamp);
/* Appends to @damage (cairo_rectangle_t, layout units, each grown by
 * @grow) the rectangles that meet @view and draw differently now than when
 * @stamp was taken (lanes that grew or shrank: all of @view from the first
 * of them down). FALSE when only a full redraw will do: something other
 * than cards and lane heights changed, or more than @max rectangles meet
 * @view. Either
 * way @stamp then records the layout as it is now. */
gboolean       wm_layout_stamp_damage          (WmLayout                *self,
                                                WmLayoutStamp           *stamp,
                                                const cairo_rectangle_t *view,
                                                guint                    max,
                                                double                   grow,
                                                GArray                  *damage);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmLayoutStamp, wm_layout_stamp_free)

G_END_DECLS
