/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include <math.h>

#include "wm-render-private.h"

/* Lane and stage headers pinned at the view's left and top edges, drawn
 * with the headers' own code from wm-render.c over a scrolled map (the
 * canvas and present mode), and the hit-testing that sees through them. */

/* --------------------------------------------------------- pinned headers */

/* Which headers the view has scrolled past while the grid is still in
 * view, and how far each has to move to sit at the view's edge. */
static WmRenderPins
pinned_offsets (WmLayout                *l,
                const cairo_rectangle_t *clip,
                WmRenderPins             which,
                double                  *dx,
                double                  *dy)
{
  WmRenderPins pins = WM_RENDER_PIN_NONE;
  double grid_right = l->cols_x + l->n_stages * l->stage_width;

  wm_layout_update (l);
  *dx = *dy = 0;
  if (clip->width <= 0 || clip->height <= 0)
    return pins;
  if ((which & WM_RENDER_PIN_LANES) && l->lanes->len > 0 &&
      clip->x > l->grid_x && clip->x < grid_right && clip->y < l->grid_bottom)
    {
      pins |= WM_RENDER_PIN_LANES;
      *dx = clip->x - l->grid_x;
    }
  if ((which & WM_RENDER_PIN_STAGES) && l->n_stages > 0 &&
      clip->y > l->grid_y && clip->y < l->grid_bottom && clip->x < grid_right)
    {
      pins |= WM_RENDER_PIN_STAGES;
      *dy = clip->y - l->grid_y;
    }
  return pins;
}

/* A shadow falling right (@vertical) or down from an edge at @x, @y. */
static void
draw_pin_shadow (Ctx     *ctx,
                 double   x,
                 double   y,
                 double   length,
                 gboolean vertical)
{
  cairo_t *cr = ctx->cr;
  double depth = 6.0 / ctx->scale;
  cairo_pattern_t *shade;

  if (length <= 0)
    return;
  shade = vertical ? cairo_pattern_create_linear (x, 0, x + depth, 0)
                   : cairo_pattern_create_linear (0, y, 0, y + depth);
  cairo_pattern_add_color_stop_rgba (shade, 0, 0, 0, 0, 0.18);
  cairo_pattern_add_color_stop_rgba (shade, 1, 0, 0, 0, 0);
  if (vertical)
    cairo_rectangle (cr, x, y, depth, length);
  else
    cairo_rectangle (cr, x, y, length, depth);
  cairo_set_source (cr, shade);
  cairo_fill (cr);
  cairo_pattern_destroy (shade);
}

static void
draw_pinned_lanes (Ctx                     *ctx,
                   const cairo_rectangle_t *clip,
                   double                   dx)
{
  WmLayout *l = ctx->layout;
  double top = MAX (clip->y, l->grid_y);
  double bottom = MIN (clip->y + clip->height, l->grid_bottom);
  double width = l->cols_x - l->grid_x;
  int first, last;

  if (bottom <= top)
    return;
  first = wm_layout_lane_at (l, MAX (top, l->grid_y + l->stage_header_height));
  last = wm_layout_lane_at (l, MIN (bottom, l->grid_bottom - 0.001));
  if (first < 0)
    first = 0;
  if (last < 0)
    last = (int) l->lanes->len - 1;

  cairo_save (ctx->cr);
  cairo_translate (ctx->cr, dx, 0);
  ctx->vx0 = l->grid_x;
  ctx->vx1 = l->cols_x;
  ctx->vy0 = top;
  ctx->vy1 = bottom;
  set_color (ctx->cr, &ctx->st->background);
  cairo_rectangle (ctx->cr, l->grid_x, top, width, bottom - top);
  cairo_fill (ctx->cr);
  for (int i = first; i <= last; i++)
    {
      WmLaneGeom *lg = &g_array_index (l->lanes, WmLaneGeom, i);

      if (lg->y + lg->height >= top && lg->y <= bottom)
        _wm_render_lane_header (ctx, i, lg);
    }
  cairo_restore (ctx->cr);
  draw_pin_shadow (ctx, clip->x + width, top, bottom - top, TRUE);
}

/* The band of chevrons (a stage's goal and metrics stay with its column):
 * the whole width of the view, under the pinned lane column's corner
 * (@left wide) if there is one. */
static void
draw_pinned_stages (Ctx                     *ctx,
                    const cairo_rectangle_t *clip,
                    double                   dy,
                    double                   left)
{
  WmLayout *l = ctx->layout;
  double bh = l->stage_band_height;
  double x0 = clip->x + left, x1 = clip->x + clip->width;
  int s0, s1;

  cairo_save (ctx->cr);
  cairo_translate (ctx->cr, 0, dy);
  set_color (ctx->cr, &ctx->st->background);
  cairo_rectangle (ctx->cr, clip->x, l->grid_y, clip->width, bh);
  cairo_fill (ctx->cr);
  cairo_rectangle (ctx->cr, x0, l->grid_y, x1 - x0, bh);
  cairo_clip (ctx->cr);
  ctx->vx0 = x0;
  ctx->vx1 = x1;
  ctx->vy0 = l->grid_y;
  ctx->vy1 = l->grid_y + bh;
  wm_layout_visible_stages (l, x0 - 4.0, x1, &s0, &s1);
  for (int s = s0; s <= s1; s++)
    _wm_render_stage_header (ctx, s);
  cairo_restore (ctx->cr);
  draw_pin_shadow (ctx, clip->x, clip->y + bh, clip->width, FALSE);
}

WmRenderPins
wm_render_pinned_headers (WmLayout              *layout,
                          cairo_t               *cr,
                          const WmRenderOptions *options,
                          WmRenderPins           which)
{
  Ctx ctx = { 0 };
  WmRenderPins pins;
  double dx, dy;

  g_return_val_if_fail (WM_IS_LAYOUT (layout), WM_RENDER_PIN_NONE);
  g_return_val_if_fail (cr != NULL, WM_RENDER_PIN_NONE);
  g_return_val_if_fail (options != NULL, WM_RENDER_PIN_NONE);

  _wm_render_ctx_init (&ctx, layout, cr, options);
  pins = pinned_offsets (layout, &options->clip, which, &dx, &dy);
  if (pins == WM_RENDER_PIN_NONE)
    return pins;

  cairo_save (cr);
  cairo_rectangle (cr, options->clip.x, options->clip.y, options->clip.width, options->clip.height);
  cairo_clip (cr);
  if (pins & WM_RENDER_PIN_LANES)
    draw_pinned_lanes (&ctx, &options->clip, dx);
  if (pins & WM_RENDER_PIN_STAGES)
    draw_pinned_stages (&ctx, &options->clip, dy,
                        pins & WM_RENDER_PIN_LANES ? layout->cols_x - layout->grid_x : 0);
  cairo_restore (cr);
  return pins;
}

gboolean
wm_render_pinned_point (WmLayout                *layout,
                        const cairo_rectangle_t *clip,
                        WmRenderPins             which,
                        double                  *x,
                        double                  *y)
{
  WmRenderPins pins;
  double dx, dy;
  gboolean moved = FALSE;

  g_return_val_if_fail (WM_IS_LAYOUT (layout), FALSE);
  g_return_val_if_fail (clip != NULL && x != NULL && y != NULL, FALSE);

  pins = pinned_offsets (layout, clip, which, &dx, &dy);
  if ((pins & WM_RENDER_PIN_STAGES) && *y >= clip->y && *y < clip->y + layout->stage_band_height)
    {
      *y -= dy;
      moved = TRUE;
    }
  if ((pins & WM_RENDER_PIN_LANES) && *x >= clip->x && *x < layout->cols_x + dx &&
      *y >= layout->grid_y && *y < layout->grid_bottom)
    {
      *x -= dx;
      moved = TRUE;
    }
  return moved;
}

gboolean
wm_render_pinned_rect (WmLayout                *layout,
                       const cairo_rectangle_t *clip,
                       WmRenderPins             which,
                       GObject                 *item,
                       cairo_rectangle_t       *rect)
{
  WmRenderPins pins;
  double dx, dy;

  g_return_val_if_fail (WM_IS_LAYOUT (layout), FALSE);
  g_return_val_if_fail (clip != NULL && rect != NULL, FALSE);

  pins = pinned_offsets (layout, clip, which, &dx, &dy);
  if (WM_IS_STAGE (item) && (pins & WM_RENDER_PIN_STAGES) &&
      wm_layout_get_item_rect (layout, item, rect))
    {
      rect->y = clip->y;
      rect->height = layout->stage_band_height;
      return TRUE;
    }
  if (WM_IS_LANE (item) && (pins & WM_RENDER_PIN_LANES) &&
      wm_layout_get_item_rect (layout, item, rect))
    {
      rect->x += dx;
      return TRUE;
    }
  return FALSE;
}

void
wm_render_pinned_insets (WmLayout *layout,
                         double   *left,
                         double   *top)
{
  g_return_if_fail (WM_IS_LAYOUT (layout));

  wm_layout_update (layout);
  *left = layout->lanes->len > 0 ? layout->cols_x - layout->grid_x : 0;
  *top = layout->n_stages > 0 ? layout->stage_band_height : 0;
}
