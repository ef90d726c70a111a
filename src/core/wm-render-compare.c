/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-render-compare.c - the other version of the map over this one: its
 * emotion curves as ghost lines (dashed, faded, in the persona's colour)
 * and the cards added, changed or moved since, outlined with a badge.
 * Removed cards have no place left on this map: the change list and the
 * comparison PDF name them. */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include "wm-compare.h"
#include "wm-render-private.h"

#define BADGE_RADIUS 7.0
#define GHOST_ALPHA  0.55

/* Told apart by shape as well as colour: "+" added, a dot changed, an
 * arrow moved. */
static const WmRgba mark_light[] = {
  { 0, 0, 0, 0 },
  { 0.15, 0.64, 0.41, 1 },  /* #26a269 */
  { 1.00, 0.47, 0.00, 1 },  /* #ff7800: not the key touchpoints' yellow */
  { 0.11, 0.44, 0.85, 1 },  /* #1c71d8 */
};
static const WmRgba mark_dark[] = {
  { 0, 0, 0, 0 },
  { 0.34, 0.89, 0.54, 1 },  /* #57e389 */
  { 1.00, 0.64, 0.28, 1 },  /* #ffa348 */
  { 0.38, 0.63, 0.92, 1 },  /* #62a0ea */
};

static const WmRgba *
mark_color (Ctx           *ctx,
            WmCompareMark  mark)
{
  return ctx->st->theme == WM_THEME_DARK ? &mark_dark[mark] : &mark_light[mark];
}

static void
badge_glyph (cairo_t       *cr,
             WmCompareMark  mark,
             double         cx,
             double         cy)
{
  double r = BADGE_RADIUS * 0.5;

  switch (mark)
    {
    case WM_COMPARE_ADDED:
      cairo_move_to (cr, cx - r, cy);
      cairo_line_to (cr, cx + r, cy);
      cairo_move_to (cr, cx, cy - r);
      cairo_line_to (cr, cx, cy + r);
      break;
    case WM_COMPARE_MOVED:
      cairo_move_to (cr, cx - r, cy);
      cairo_line_to (cr, cx + r, cy);
      cairo_move_to (cr, cx + r * 0.2, cy - r * 0.8);
      cairo_line_to (cr, cx + r, cy);
      cairo_line_to (cr, cx + r * 0.2, cy + r * 0.8);
      break;
    case WM_COMPARE_CHANGED:
      cairo_new_sub_path (cr);
      cairo_arc (cr, cx, cy, r * 0.45, 0, 2 * G_PI);
      break;
    case WM_COMPARE_SAME:
    default:
      break;
    }
}

static void
mark_card (Ctx           *ctx,
           WmCardGeom    *cg,
           WmCompareMark  mark)
{
  cairo_t *cr = ctx->cr;
  const WmRgba *color = mark_color (ctx, mark);
  double cx = cg->x, cy = cg->y;

  rounded_rect (cr, cg->x - 1.5, cg->y - 1.5, cg->width + 3, cg->height + 3, ctx->st->card_radius + 1.5);
  set_color (cr, color);
  cairo_set_line_width (cr, 2.0);
  cairo_stroke (cr);
  if (BADGE_RADIUS * ctx->scale < 2.0)
    return;
  cairo_new_sub_path (cr);
  cairo_arc (cr, cx, cy, BADGE_RADIUS, 0, 2 * G_PI);
  cairo_fill (cr);
  badge_glyph (cr, mark, cx, cy);
  set_color (cr, &ctx->st->background);
  cairo_set_line_width (cr, 1.6);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (mark == WM_COMPARE_CHANGED)
    cairo_fill (cr);
  else
    cairo_stroke (cr);
}

static void
mark_cards (Ctx       *ctx,
            WmCompare *compare)
{
  WmLayout *l = ctx->layout;
  int s0, s1;

  wm_layout_visible_stages (l, ctx->vx0 - BADGE_RADIUS, ctx->vx1 + BADGE_RADIUS, &s0, &s1);
  for (guint i = 0; i < l->lanes->len && s0 <= s1; i++)
    {
      WmLaneGeom *lg = &g_array_index (l->lanes, WmLaneGeom, i);
      guint *stage_first = l->stage_first + (gsize) i * (l->n_stages + 1);
      int from = MAX (0, s0 - (int) lg->max_span + 1);

      if (lg->n_cards == 0 || lg->y > ctx->vy1 + BADGE_RADIUS || lg->y + lg->height < ctx->vy0 - BADGE_RADIUS)
        continue;
      for (guint c = stage_first[from]; c < stage_first[s1 + 1]; c++)
        {
          WmCardGeom *cg = &g_array_index (l->cards, WmCardGeom, lg->first_card + c);
          WmCompareMark mark;

          if (!visible (ctx, cg->x - BADGE_RADIUS, cg->y - BADGE_RADIUS,
                        cg->width + 2 * BADGE_RADIUS, cg->height + 2 * BADGE_RADIUS))
            continue;
          mark = wm_compare_get_mark (compare, wm_item_get_id (WM_ITEM (cg->card)));
          if (mark != WM_COMPARE_SAME)
            mark_card (ctx, cg, mark);
        }
    }
}

/* The persona's index in this map's layout, or -1 if it has none. */
static int
persona_index (WmLayout   *l,
               const char *id)
{
  for (guint i = 0; i < l->personas->len; i++)
    if (g_strcmp0 (wm_item_get_id (WM_ITEM (g_array_index (l->personas, WmPersonaGeom, i).persona)), id) == 0)
      return (int) i;
  return -1;
}

static int
compare_knots (gconstpointer a,
               gconstpointer b)
{
  const WmKnot *ka = a, *kb = b;

  return (ka->x > kb->x) - (ka->x < kb->x);
}

/* @curve's points at the stages this map still has, where this map's
 * columns put them, sorted and with tangents as the layout makes them. */
static GArray *
ghost_knots (WmLayout *l,
             WmCurve  *curve)
{
  GListModel *points = G_LIST_MODEL (wm_curve_get_points (curve));
  GArray *knots = g_array_new (FALSE, TRUE, sizeof (WmKnot));

  for (guint p = 0; p < g_list_model_get_n_items (points); p++)
    {
      g_autoptr(WmCurvePoint) point = g_list_model_get_item (points, p);
      int s = wm_document_stage_index (l->document, wm_curve_point_get_stage (point));
      WmKnot k = { 0 };

      if (s < 0)
        continue;
      k.stage = s;
      k.x = l->cols_x + (s + CLAMP (wm_curve_point_get_at (point), 0.0, 1.0)) * l->stage_width;
      k.value = CLAMP (wm_curve_point_get_value (point), WM_CURVE_MIN, WM_CURVE_MAX);
      g_array_append_val (knots, k);
    }
  g_array_sort (knots, compare_knots);
  _wm_layout_monotone_tangents ((WmKnot *) knots->data, knots->len);
  return knots;
}

static void
ghost_path (Ctx          *ctx,
            WmLaneGeom   *lg,
            const WmKnot *k,
            guint         n)
{
  WmLayout *l = ctx->layout;
  cairo_t *cr = ctx->cr;

  cairo_move_to (cr, k[0].x, wm_layout_plot_y (l, lg, k[0].value));
  for (guint i = 0; i + 1 < n; i++)
    {
      double dx = k[i + 1].x - k[i].x;

      cairo_curve_to (cr,
                      k[i].x + dx / 3, wm_layout_plot_y (l, lg, k[i].value + k[i].tangent * dx / 3),
                      k[i + 1].x - dx / 3, wm_layout_plot_y (l, lg, k[i + 1].value - k[i + 1].tangent * dx / 3),
                      k[i + 1].x, wm_layout_plot_y (l, lg, k[i + 1].value));
    }
}

static void
ghost_curve (Ctx        *ctx,
             WmLaneGeom *lg,
             WmCurve    *curve)
{
  static const double dash[] = { 7.0, 5.0 };
  int persona = persona_index (ctx->layout, wm_curve_get_persona (curve));
  g_autoptr(GArray) knots = NULL;
  const WmKnot *k;
  cairo_t *cr = ctx->cr;

  if (!_wm_render_persona_shown (ctx, persona))
    return;
  knots = ghost_knots (ctx->layout, curve);
  k = (const WmKnot *) knots->data;
  set_color_alpha (cr, _wm_render_persona_color (ctx, persona), GHOST_ALPHA);
  cairo_set_line_width (cr, MAX (1.5, ctx->st->curve_width * 0.6));
  if (knots->len > 1)
    {
      ghost_path (ctx, lg, k, knots->len);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  for (guint i = 0; i < knots->len; i++)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, k[i].x, wm_layout_plot_y (ctx->layout, lg, k[i].value), 3.0, 0, 2 * G_PI);
    }
  cairo_stroke (cr);
}

static void
ghost_curves (Ctx       *ctx,
              WmCompare *compare)
{
  WmLayout *l = ctx->layout;
  GListModel *curves = G_LIST_MODEL (wm_document_get_curves (wm_compare_get_before (compare)));

  for (guint i = 0; i < l->lanes->len; i++)
    {
      WmLaneGeom *lg = &g_array_index (l->lanes, WmLaneGeom, i);

      if (lg->kind != WM_LANE_EMOTION || !visible (ctx, l->cols_x, lg->y, l->n_stages * l->stage_width, lg->height))
        continue;
      cairo_save (ctx->cr);
      cairo_rectangle (ctx->cr, l->cols_x, lg->y, l->n_stages * l->stage_width, lg->height);
      cairo_clip (ctx->cr);
      cairo_set_line_cap (ctx->cr, CAIRO_LINE_CAP_ROUND);
      for (guint c = 0; c < g_list_model_get_n_items (curves); c++)
        {
          g_autoptr(WmCurve) curve = g_list_model_get_item (curves, c);

          ghost_curve (ctx, lg, curve);
        }
      cairo_restore (ctx->cr);
    }
}

void
_wm_render_compare (Ctx               *ctx,
                    struct _WmCompare *compare)
{
  cairo_save (ctx->cr);
  ghost_curves (ctx, compare);
  mark_cards (ctx, compare);
  cairo_restore (ctx->cr);
}
