/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

/* wm-render-emotion.c - the emotion lane: its grid, the personas' curves
 * and the moments with their leaders and callouts. */

#include "wm-render-private.h"

void
_wm_render_draw_emotion_grid (Ctx        *ctx,
                              WmLaneGeom *lg,
                              double      x0,
                              double      x1)
{
  WmLayout *l = ctx->layout;
  const WmStyle *st = ctx->st;
  cairo_t *cr = ctx->cr;

  cairo_set_line_width (cr, 0.6);
  for (int v = -3; v <= 3; v++)
    {
      double y = wm_layout_plot_y (l, lg, v);
      if (v == 0)
        continue;
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x1, y);
    }
  set_color_alpha (cr, &st->grid, st->theme == WM_THEME_HIGH_CONTRAST ? 0.35 : 0.8);
  cairo_stroke (cr);

  {
    double dash[] = { 6.0, 4.0 };
    double y = wm_layout_plot_y (l, lg, 0);
    cairo_set_dash (cr, dash, 2, 0);
    cairo_set_line_width (cr, st->theme == WM_THEME_HIGH_CONTRAST ? 1.5 : 1.0);
    set_color (cr, &st->zero_line);
    cairo_move_to (cr, x0, y);
    cairo_line_to (cr, x1, y);
    cairo_stroke (cr);
    cairo_set_dash (cr, NULL, 0, 0);
  }
}

gboolean
_wm_render_persona_shown (Ctx *ctx,
                          int  persona)
{
  WmPersonaGeom *pg;

  if (persona < 0)
    return ctx->persona == NULL;
  pg = &g_array_index (ctx->layout->personas, WmPersonaGeom, persona);
  if (ctx->persona != NULL)
    return g_strcmp0 (wm_item_get_id (WM_ITEM (pg->persona)), ctx->persona) == 0;
  return !pg->hidden;
}

const WmRgba *
_wm_render_persona_color (Ctx *ctx,
                          int  persona)
{
  if (persona < 0)
    return &ctx->st->muted;
  return &g_array_index (ctx->layout->personas, WmPersonaGeom, persona).color;
}

static void
curve_path (Ctx          *ctx,
            WmLaneGeom   *lg,
            const WmKnot *k,
            guint         i0,
            guint         i1)
{
  cairo_t *cr = ctx->cr;

  cairo_move_to (cr, k[i0].x, wm_layout_plot_y (ctx->layout, lg, k[i0].value));
  for (guint i = i0; i < i1; i++)
    {
      double dx = k[i + 1].x - k[i].x;
      cairo_curve_to (cr,
                      k[i].x + dx / 3, wm_layout_plot_y (ctx->layout, lg, k[i].value + k[i].tangent * dx / 3),
                      k[i + 1].x - dx / 3, wm_layout_plot_y (ctx->layout, lg, k[i + 1].value - k[i + 1].tangent * dx / 3),
                      k[i + 1].x, wm_layout_plot_y (ctx->layout, lg, k[i + 1].value));
    }
}

static guint
knot_at (const WmKnot *k,
         guint         n,
         double        x)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (k[mid].x < x)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

void
_wm_render_draw_curves (Ctx        *ctx,
                        WmLaneGeom *lg)
{
  WmLayout *l = ctx->layout;
  const WmStyle *st = ctx->st;
  cairo_t *cr = ctx->cr;
  double zero = wm_layout_plot_y (l, lg, 0);

  for (guint c = 0; c < l->curves->len; c++)
    {
      const WmCurveGeom *cg = &g_array_index (l->curves, WmCurveGeom, c);
      const WmKnot *k = &g_array_index (l->knots, WmKnot, cg->first_knot);
      const WmRgba *color = _wm_render_persona_color (ctx, cg->persona);
      guint i0, i1;

      if (cg->n_knots == 0 || !_wm_render_persona_shown (ctx, cg->persona))
        continue;
      i0 = knot_at (k, cg->n_knots, ctx->vx0);
      i1 = knot_at (k, cg->n_knots, ctx->vx1);
      i0 = i0 > 0 ? i0 - 1 : 0;
      i1 = MIN (i1, cg->n_knots - 1);

      if (i1 > i0)
        {
          /* A soft fill to the zero line, then the line itself. */
          curve_path (ctx, lg, k, i0, i1);
          cairo_line_to (cr, k[i1].x, zero);
          cairo_line_to (cr, k[i0].x, zero);
          cairo_close_path (cr);
          set_color_alpha (cr, color, st->theme == WM_THEME_DARK ? 0.16 : 0.10);
          cairo_fill (cr);

          curve_path (ctx, lg, k, i0, i1);
          set_color (cr, color);
          cairo_set_line_width (cr, st->curve_width);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
          cairo_stroke (cr);
        }

      if (4.5 * ctx->scale < 1.0)
        continue;
      for (guint i = i0; i <= i1; i++)
        {
          double y = wm_layout_plot_y (l, lg, k[i].value);
          cairo_arc (cr, k[i].x, y, 4.5, 0, 2 * G_PI);
          set_color (cr, &st->background);
          cairo_fill_preserve (cr);
          set_color (cr, color);
          cairo_set_line_width (cr, 2.0);
          cairo_stroke (cr);
        }
    }
}

typedef struct
{
  double x, top, bottom;
} Trunk;

/* Joins the leader from (x, top) straight down to bottom to the trunk
 * of its column; @columns maps an x (its bits) to its trunk's index + 1. */
static void
add_trunk (GArray     *trunks,
           GHashTable *columns,
           double      x,
           double      top,
           double      bottom)
{
  gint64 key;
  guint index;

  memcpy (&key, &x, sizeof key);
  index = GPOINTER_TO_UINT (g_hash_table_lookup (columns, &key));
  if (index > 0)
    {
      Trunk *t = &g_array_index (trunks, Trunk, index - 1);

      t->top = MIN (t->top, top);
      t->bottom = MAX (t->bottom, bottom);
      return;
    }
  g_array_append_val (trunks, ((Trunk) { x, top, bottom }));
  g_hash_table_insert (columns, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (trunks->len));
}

/* A moment's leader: dotted, or past MAX_DASHED_LEADER a solid hairline
 * at the dots' ink (cairo spends seconds on the extents of long dashed
 * strokes). */
static void
draw_leader (Ctx     *ctx,
             double   x0,
             double   y0,
             double   x1,
             double   y1,
             gboolean dashed)
{
  cairo_t *cr = ctx->cr;
  double dash[] = { 2.0, 2.5 };

  if (dashed)
    cairo_set_dash (cr, dash, 2, 0);
  cairo_set_line_width (cr, 1.0);
  set_color_alpha (cr, &ctx->st->muted, dashed ? 0.8 : 0.8 * dash[0] / (dash[0] + dash[1]));
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
draw_callout (Ctx          *ctx,
              WmMomentGeom *mg,
              double        cy)
{
  WmLayout *l = ctx->layout;
  const WmStyle *st = ctx->st;
  cairo_t *cr = ctx->cr;
  const WmRgba *c = mg->kind == WM_MOMENT_AHA ? &st->aha : &st->micro;
  WmRgba edge = st->theme == WM_THEME_HIGH_CONTRAST ? st->foreground : *c;

  rounded_rect (cr, mg->callout_x, cy, mg->callout_width, mg->callout_height, 5.0);
  set_color (cr, &st->callout_background);
  cairo_fill_preserve (cr);
  set_color (cr, &edge);
  cairo_set_line_width (cr, st->theme == WM_THEME_HIGH_CONTRAST ? 1.5 : 1.2);
  cairo_stroke (cr);
  if (mg->callout_height * ctx->scale >= TINY_PX)
    {
      _wm_render_draw_marker (ctx, mg->kind, mg->callout_x + 6.0 + 5.0,
                              cy + 5.0 + l->fonts[WM_FONT_SMALL].line_height / 2, 5.0);
      _wm_render_draw_block (ctx, WM_FONT_SMALL, wm_moment_get_text (mg->moment), &mg->text,
                             mg->callout_x + 6.0 + 14.0, cy + 5.0, mg->text.width, 0, &st->foreground);
    }
}

void
_wm_render_draw_moments (Ctx        *ctx,
                         WmLaneGeom *lg)
{
  WmLayout *l = ctx->layout;
  double band = lg->y + lg->callout_y;

  /* Leaders and callouts first, markers on top. Long leaders of one
   * marker run down one trunk and turn into their callouts at the end:
   * thousands of callouts stacked under a stage made every poster sheet
   * below it stroke thousands of overlapping lines. */
  g_autoptr(GArray) trunks = g_array_new (FALSE, FALSE, sizeof (Trunk));
  g_autoptr(GHashTable) columns = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < l->moments->len; i++)
    {
      WmMomentGeom *mg = &g_array_index (l->moments, WmMomentGeom, i);
      double cy = band + mg->callout_dy, my, lx;

      if (mg->hidden || !_wm_render_persona_shown (ctx, mg->persona))
        continue;
      my = wm_layout_plot_y (l, lg, mg->value);
      lx = CLAMP (mg->x, mg->callout_x + 10.0, mg->callout_x + mg->callout_width - 10.0);
      if (hypot (lx - mg->x, cy - my - 9.0) <= MAX_DASHED_LEADER)
        {
          if (visible (ctx, MIN (mg->x, lx) - 1, my + 9.0 - 1, fabs (lx - mg->x) + 2, cy - my - 9.0 + 2))
            draw_leader (ctx, mg->x, my + 9.0, lx, cy, TRUE);
        }
      else
        {
          /* Down the marker's trunk, then a short elbow into the callout. */
          add_trunk (trunks, columns, mg->x, my + 9.0, cy - ELBOW);
          if (lx != mg->x && visible (ctx, MIN (mg->x, lx) - 1, cy - ELBOW - 1, fabs (lx - mg->x) + 2, ELBOW + 2))
            draw_leader (ctx, mg->x, cy - ELBOW, lx, cy, FALSE);
        }

      if (visible (ctx, mg->callout_x - 2, cy - 2, mg->callout_width + 4, mg->callout_height + 4))
        draw_callout (ctx, mg, cy);
    }
  for (guint i = 0; i < trunks->len; i++)
    {
      const Trunk *t = &g_array_index (trunks, Trunk, i);

      if (visible (ctx, t->x - 1, t->top - 1, 2, t->bottom - t->top + 2))
        draw_leader (ctx, t->x, t->top, t->x, t->bottom, FALSE);
    }
  for (guint i = 0; i < l->moments->len; i++)
    {
      WmMomentGeom *mg = &g_array_index (l->moments, WmMomentGeom, i);
      double my;

      if (mg->hidden || !_wm_render_persona_shown (ctx, mg->persona))
        continue;
      my = wm_layout_plot_y (l, lg, mg->value);
      if (!visible (ctx, mg->x - 10, my - 10, 20, 20))
        continue;
      _wm_render_draw_marker (ctx, mg->kind, mg->x, my, mg->kind == WM_MOMENT_AHA ? 10.0 : 8.0);
    }
}
