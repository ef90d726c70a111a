#pragma once

#include <cairo.h>

#include "wm-layout.h"

G_BEGIN_DECLS

typedef enum
{
  WM_RENDER_DEFAULT       = 0,
  WM_RENDER_NO_BACKGROUND = 1 << 0,  /* transparent PNGs */
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
} WmRenderOptions;

#define WM_RENDER_OPTIONS_INIT { { 0, 0, 0, 0 }, 1.0, WM_RENDER_DEFAULT, NULL }

/* THE drawing code. The canvas, present mode, every exporter and printing
 * call it, with @cr transformed so that one unit is one layout point. */
void wm_render (WmLayout              *layout,
                cairo_t               *cr,
                const WmRenderOptions *options);

G_END_DECLS
