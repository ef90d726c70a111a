/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include <math.h>

#include "wm-render-private.h"

/* The text back end an exporter can put in place of glyphs: a line that
 * wm_render would draw goes to the sink set on the cairo_t instead (the
 * SVG exporter writes it as <text>, see wm-svg-text.c). */

struct _WmTextSink
{
  WmRenderTextFunc func;
  gpointer         user_data;
};

static const cairo_user_data_key_t text_sink_key;

struct _WmTextSink *
_wm_render_get_text_sink (cairo_t *cr)
{
  return cairo_get_user_data (cr, &text_sink_key);
}

void
wm_render_set_text_sink (cairo_t          *cr,
                         WmRenderTextFunc  func,
                         gpointer          user_data)
{
  struct _WmTextSink *sink = NULL;

  g_return_if_fail (cr != NULL);

  if (func != NULL)
    {
      sink = g_new (struct _WmTextSink, 1);
      sink->func = func;
      sink->user_data = user_data;
    }
  cairo_set_user_data (cr, &text_sink_key, sink, sink != NULL ? g_free : NULL);
}

/* The line in device units: what an SVG's user units are. The exporters
 * scale uniformly and never rotate, so one factor does for the size. */
void
_wm_render_sink_line (Ctx        *ctx,
                      WmFontId    font,
                      const char *text,
                      guint       length,
                      double      x,
                      double      y)
{
  const WmFont *f = &ctx->layout->fonts[font];
  WmRenderText out = { text, length, x, y, 0, f->desc, 0, 0, 0, 1 };
  double dx = 1.0, dy = 0.0;

  cairo_user_to_device (ctx->cr, &out.x, &out.y);
  cairo_user_to_device_distance (ctx->cr, &dx, &dy);
  out.size = f->size * hypot (dx, dy);
  if (cairo_pattern_get_rgba (cairo_get_source (ctx->cr), &out.r, &out.g, &out.b, &out.a)
      != CAIRO_STATUS_SUCCESS)
    out.a = 1.0;
  ctx->sink->func (&out, ctx->sink->user_data);
}
