/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "wm-layout.h"

G_BEGIN_DECLS

typedef enum
{
  WM_RENDER_DEFAULT       = 0,
  WM_RENDER_NO_BACKGROUND = 1 << 0,  /* transparent PNGs */
  WM_RENDER_EVIDENCE_VIEW = 1 << 1,  /* fades the cards that are assumptions */
} WmRenderFlags;

typedef struct
{
  /* The part of the map to draw, in layout units; width <= 0: all of it. */
  cairo_rectangle_t clip;
  /* Device pixels per layout unit: below ~3 px a line of text is greeked. */
  double            scale;
  WmRenderFlags     flags;
  /* Draw only this persona's curve and moments; NULL: every shown persona. */
  const char       *persona;
  /* Overlay the other version of the map (wm-render-compare.c): its
   * curves as ghost lines, added, changed and moved cards marked. */
  struct _WmCompare *compare;
} WmRenderOptions;

#define WM_RENDER_OPTIONS_INIT { { 0, 0, 0, 0 }, 1.0, WM_RENDER_DEFAULT, NULL, NULL }

/* THE drawing code. The canvas, present mode, every exporter and printing
 * call it, with @cr transformed so that one unit is one layout point. */
void wm_render (WmLayout              *layout,
                cairo_t               *cr,
                const WmRenderOptions *options);

/* One laid-out line of text, in @cr's device units (x, baseline y, size). */
typedef struct
{
  const char                 *text;
  gsize                       length;
  double                      x;
  double                      y;
  double                      size;
  const PangoFontDescription *font;
  double                      r, g, b, a;
} WmRenderText;

typedef void (*WmRenderTextFunc) (const WmRenderText *line,
                                  gpointer            user_data);

/* Makes wm_render on @cr hand each line of text to @func instead of
 * drawing its glyphs, so that a vector exporter can write real text while
 * everything else is drawn as usual. NULL @func draws glyphs again. */
void wm_render_set_text_sink (cairo_t          *cr,
                              WmRenderTextFunc  func,
                              gpointer          user_data);

typedef enum
{
  WM_RENDER_PIN_NONE   = 0,
  WM_RENDER_PIN_LANES  = 1 << 0,  /* the lane header column, at the left edge */
  WM_RENDER_PIN_STAGES = 1 << 1,  /* the stage headers' band, at the top edge */
} WmRenderPins;

/* Headers that the view @options->clip has scrolled past, drawn over the
 * map pinned to its left edge (the lane header column) and its top edge
 * (the stage headers' band), as a spreadsheet freezes panes: the same
 * header drawing as wm_render's, on the map's background, with a soft
 * shadow edge. @cr as for wm_render. Returns the pins drawn: none while
 * the headers are in view where they belong. */
WmRenderPins wm_render_pinned_headers (WmLayout              *layout,
                                       cairo_t               *cr,
                                       const WmRenderOptions *options,
                                       WmRenderPins           which);

/* For hit-testing: moves (*@x, *@y), a point of the view @clip in layout
 * units, to the point of the map that the pinned header drawn there
 * shows. FALSE, and the point unchanged, where no header is pinned. */
gboolean     wm_render_pinned_point   (WmLayout                *layout,
                                       const cairo_rectangle_t *clip,
                                       WmRenderPins             which,
                                       double                  *x,
                                       double                  *y);
/* How much of the view pinned headers can cover, in layout units: the
 * lane header column's width and the stage band's height (0 without
 * lanes or stages). */
void         wm_render_pinned_insets  (WmLayout                *layout,
                                       double                  *left,
                                       double                  *top);
/* Where the header of @item (a WmStage or WmLane) is drawn pinned, in
 * layout units; FALSE if it is not pinned. */
gboolean     wm_render_pinned_rect    (WmLayout                *layout,
                                       const cairo_rectangle_t *clip,
                                       WmRenderPins             which,
                                       GObject                 *item,
                                       cairo_rectangle_t       *rect);

G_END_DECLS
