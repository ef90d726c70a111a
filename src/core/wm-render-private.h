/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* wm-render-private.h - what the renderer's files share: the drawing
 * context and small helpers. Only wm-render*.c include it. */

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "wm-layout-private.h"
#include "wm-render.h"

G_BEGIN_DECLS

#define TINY_PX       2.0
/* A moment's leader is dashed up to this long (layout points, longer than
 * any lane of a real map). cairo's vector backends find a stroke's extents
 * by cutting it into every dash: 4,800 moments stacked in one column had
 * leaders 250,000 points long, 47 s to export to PDF. Longer ones are a
 * solid hairline of the dashes' average ink. */
#define MAX_DASHED_LEADER 1500.0
#define ELBOW             6.0   /* a long leader's last turn into its callout */

typedef struct
{
  WmLayout       *layout;
  const WmStyle  *st;
  cairo_t        *cr;
  double          scale;
  double          vx0, vy0, vx1, vy1;   /* what is visible, layout units */
  const char     *persona;
  gboolean        greek[WM_N_FONTS];
  const struct _WmTextSink *sink;       /* NULL: draw glyphs */
  WmRenderFlags   flags;
} Ctx;

static inline void
set_color (cairo_t      *cr,
           const WmRgba *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

static inline void
set_color_alpha (cairo_t      *cr,
                 const WmRgba *c,
                 double        alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}

static inline gboolean
visible (const Ctx *ctx,
         double     x,
         double     y,
         double     w,
         double     h)
{
  return x <= ctx->vx1 && x + w >= ctx->vx0 && y <= ctx->vy1 && y + h >= ctx->vy0;
}

static inline void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  if (r <= 0.0)
    {
      cairo_rectangle (cr, x, y, w, h);
      return;
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* wm-render-sink.c: the text sink set on @cr, if any, and a line handed
 * to it instead of drawn */
struct _WmTextSink *_wm_render_get_text_sink (cairo_t    *cr);
void           _wm_render_sink_line          (Ctx               *ctx,
                                              WmFontId           font,
                                              const char        *text,
                                              guint              length,
                                              double             x,
                                              double             y);
/* wm-render.c: a drawing context for @layout on @cr (lays it out first),
 * and the headers the pinned ones repeat */
void           _wm_render_ctx_init           (Ctx                   *ctx,
                                              WmLayout              *layout,
                                              cairo_t               *cr,
                                              const WmRenderOptions *options);
void           _wm_render_stage_header       (Ctx               *ctx,
                                              int                s);
void           _wm_render_lane_header        (Ctx               *ctx,
                                              guint              index,
                                              WmLaneGeom        *lg);
void           _wm_render_draw_block         (Ctx               *ctx,
                                              WmFontId           font,
                                              const char        *text,
                                              const WmTextBlock *block,
                                              double             x,
                                              double             y,
                                              double             width,
                                              double             align,
                                              const WmRgba      *color);
void           _wm_render_draw_marker        (Ctx               *ctx,
                                              WmMomentKind       kind,
                                              double             cx,
                                              double             cy,
                                              double             r);
gboolean       _wm_render_persona_shown      (Ctx               *ctx,
                                              int                persona);
const WmRgba  *_wm_render_persona_color      (Ctx               *ctx,
                                              int                persona);
void           _wm_render_draw_emotion_grid  (Ctx               *ctx,
                                              WmLaneGeom        *lg,
                                              double             x0,
                                              double             x1);
void           _wm_render_draw_curves        (Ctx               *ctx,
                                              WmLaneGeom        *lg);
void           _wm_render_draw_moments       (Ctx               *ctx,
                                              WmLaneGeom        *lg);
/* wm-render-compare.c: the other version over the lanes */
void           _wm_render_compare            (Ctx                *ctx,
                                              struct _WmCompare  *compare);
/* wm-render.c: a one-line label, greeked when too small; its width */
double         _wm_render_label              (Ctx               *ctx,
                                              WmFontId           font,
                                              const char        *text,
                                              double             x,
                                              double             y,
                                              const WmRgba      *color);
/* wm-render-evidence.c: a card's mark, the same symbol in the legend
 * (@basis a WmEvidenceBasis), and the veil the evidence view lays over
 * an assumption */
void           _wm_render_evidence_mark      (Ctx               *ctx,
                                              WmCardGeom        *cg);
void           _wm_render_evidence_symbol    (Ctx               *ctx,
                                              int                basis,
                                              double             cx,
                                              double             cy);
void           _wm_render_evidence_fade      (Ctx               *ctx,
                                              WmCardGeom        *cg);
/* An opportunity's PDCA chip and due date, at the left of its meta row. */
void           _wm_render_pdca               (Ctx               *ctx,
                                              WmCardGeom        *cg);

G_END_DECLS
