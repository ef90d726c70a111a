/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

/* wm-layout-hit.c - where things are: rectangles, values and hit-testing */

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "wm-layout-private.h"

/* ------------------------------------------------------------ queries */

void
wm_layout_visible_stages (WmLayout *self,
                          double    x0,
                          double    x1,
                          int      *first,
                          int      *last)
{
  double sw = self->stage_width;

  if (self->n_stages == 0 || sw <= 0.0)
    {
      *first = 0;
      *last = -1;
      return;
    }
  *first = (int) floor ((x0 - self->cols_x) / sw);
  *last = (int) floor ((x1 - self->cols_x) / sw);
  *first = MAX (*first, 0);
  *last = MIN (*last, (int) self->n_stages - 1);
}

/* The lane whose row holds @y, or -1. */
int
wm_layout_lane_at (WmLayout *self,
                   double    y)
{
  guint lo = 0, hi = self->lanes->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const WmLaneGeom *lg = &g_array_index (self->lanes, WmLaneGeom, mid);
      if (y < lg->y)
        hi = mid;
      else if (y >= lg->y + lg->height)
        lo = mid + 1;
      else
        return mid;
    }
  return -1;
}

static gboolean
in_rect (double x,
         double y,
         double rx,
         double ry,
         double rw,
         double rh)
{
  return x >= rx && x < rx + rw && y >= ry && y < ry + rh;
}

static void
set_rect (cairo_rectangle_t *rect,
          double             x,
          double             y,
          double             w,
          double             h)
{
  if (rect)
    {
      rect->x = x;
      rect->y = y;
      rect->width = w;
      rect->height = h;
    }
}

double
wm_layout_plot_y (WmLayout   *self,
                  WmLaneGeom *lane,
                  double      value)
{
  double h = (lane->plot_height > 0.0 ? lane->plot_height : lane->height) - 2 * PLOT_PAD;

  value = CLAMP (value, WM_CURVE_MIN, WM_CURVE_MAX);
  return lane->y + PLOT_PAD + (WM_CURVE_MAX - value) / (WM_CURVE_MAX - WM_CURVE_MIN) * h;
}

static WmLaneGeom *
get_lane (WmLayout *self,
          guint     lane)
{
  wm_layout_update (self);
  if (lane >= self->lanes->len)
    return NULL;
  return &g_array_index (self->lanes, WmLaneGeom, lane);
}

double
wm_layout_value_to_y (WmLayout *self,
                      guint     lane,
                      double    value)
{
  WmLaneGeom *lg;

  g_return_val_if_fail (WM_IS_LAYOUT (self), 0.0);

  lg = get_lane (self, lane);
  if (lg == NULL)
    return 0.0;
  return wm_layout_plot_y (self, lg, value);
}

double
wm_layout_y_to_value (WmLayout *self,
                      guint     lane,
                      double    y)
{
  WmLaneGeom *lg;
  double h, v;

  g_return_val_if_fail (WM_IS_LAYOUT (self), 0.0);

  lg = get_lane (self, lane);
  if (lg == NULL)
    return 0.0;
  h = (lg->plot_height > 0.0 ? lg->plot_height : lg->height) - 2 * PLOT_PAD;
  if (h <= 0.0)
    return 0.0;
  v = WM_CURVE_MAX - (y - lg->y - PLOT_PAD) / h * (WM_CURVE_MAX - WM_CURVE_MIN);
  return CLAMP (v, WM_CURVE_MIN, WM_CURVE_MAX);
}

int
wm_layout_get_emotion_lane (WmLayout *self)
{
  g_return_val_if_fail (WM_IS_LAYOUT (self), -1);

  wm_layout_update (self);
  for (guint i = 0; i < self->lanes->len; i++)
    if (g_array_index (self->lanes, WmLaneGeom, i).kind == WM_LANE_EMOTION)
      return i;
  return -1;
}

gboolean
wm_layout_get_stage_rect (WmLayout          *self,
                          guint              stage,
                          cairo_rectangle_t *rect)
{
  g_return_val_if_fail (WM_IS_LAYOUT (self), FALSE);

  wm_layout_update (self);
  if (stage >= self->n_stages)
    return FALSE;
  set_rect (rect, self->cols_x + stage * self->stage_width, self->grid_y,
            self->stage_width, self->grid_bottom - self->grid_y);
  return TRUE;
}

gboolean
wm_layout_get_stage_header_rect (WmLayout          *self,
                                 guint              stage,
                                 cairo_rectangle_t *rect)
{
  g_return_val_if_fail (WM_IS_LAYOUT (self), FALSE);

  wm_layout_update (self);
  if (stage >= self->n_stages)
    return FALSE;
  set_rect (rect, self->cols_x + stage * self->stage_width, self->grid_y,
            self->stage_width, self->stage_header_height);
  return TRUE;
}

gboolean
wm_layout_get_lane_rect (WmLayout          *self,
                         guint              lane,
                         cairo_rectangle_t *rect)
{
  WmLaneGeom *lg;

  g_return_val_if_fail (WM_IS_LAYOUT (self), FALSE);

  if ((lg = get_lane (self, lane)) == NULL)
    return FALSE;
  set_rect (rect, self->grid_x, lg->y,
            self->style->lane_header_width + self->n_stages * self->stage_width, lg->height);
  return TRUE;
}

gboolean
wm_layout_get_lane_header_rect (WmLayout          *self,
                                guint              lane,
                                cairo_rectangle_t *rect)
{
  WmLaneGeom *lg;

  g_return_val_if_fail (WM_IS_LAYOUT (self), FALSE);

  if ((lg = get_lane (self, lane)) == NULL)
    return FALSE;
  set_rect (rect, self->grid_x, lg->y, self->style->lane_header_width, lg->height);
  return TRUE;
}

gboolean
wm_layout_get_cell_rect (WmLayout          *self,
                         guint              lane,
                         guint              stage,
                         cairo_rectangle_t *rect)
{
  WmLaneGeom *lg;

  g_return_val_if_fail (WM_IS_LAYOUT (self), FALSE);

  if ((lg = get_lane (self, lane)) == NULL || stage >= self->n_stages)
    return FALSE;
  set_rect (rect, self->cols_x + stage * self->stage_width, lg->y, self->stage_width, lg->height);
  return TRUE;
}

static WmCardGeom *
find_card (WmLayout *self,
           gpointer  item)
{
  guint index;

  /* An index of the cards, made once per relayout: drawing the outline
   * of 500 selected cards looked each one up through all 2,000. */
  if (self->card_index == NULL || self->card_index_generation != self->generation)
    {
      if (self->card_index == NULL)
        self->card_index = g_hash_table_new (NULL, NULL);
      g_hash_table_remove_all (self->card_index);
      for (guint i = 0; i < self->cards->len; i++)
        g_hash_table_insert (self->card_index, g_array_index (self->cards, WmCardGeom, i).card,
                             GUINT_TO_POINTER (i + 1));
      self->card_index_generation = self->generation;
    }

  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->card_index, item));
  return index > 0 ? &g_array_index (self->cards, WmCardGeom, index - 1) : NULL;
}

static WmMomentGeom *
find_moment (WmLayout *self,
             gpointer  item)
{
  for (guint i = 0; i < self->moments->len; i++)
    {
      WmMomentGeom *mg = &g_array_index (self->moments, WmMomentGeom, i);
      if ((gpointer) mg->moment == item)
        return mg;
    }
  return NULL;
}

static double
first_emotion_plot_y (WmLayout *self,
                      double    value)
{
  for (guint i = 0; i < self->lanes->len; i++)
    {
      WmLaneGeom *lg = &g_array_index (self->lanes, WmLaneGeom, i);
      if (lg->kind == WM_LANE_EMOTION)
        return wm_layout_plot_y (self, lg, value);
    }
  return -1.0;
}

static WmLaneGeom *
first_emotion_lane (WmLayout *self)
{
  for (guint i = 0; i < self->lanes->len; i++)
    {
      WmLaneGeom *lg = &g_array_index (self->lanes, WmLaneGeom, i);
      if (lg->kind == WM_LANE_EMOTION)
        return lg;
    }
  return NULL;
}

gboolean
wm_layout_get_item_rect (WmLayout          *self,
                         GObject           *item,
                         cairo_rectangle_t *rect)
{
  g_return_val_if_fail (WM_IS_LAYOUT (self), FALSE);

  wm_layout_update (self);
  if (item == NULL)
    return FALSE;

  if (WM_IS_CARD (item))
    {
      WmCardGeom *cg = find_card (self, item);
      if (cg == NULL)
        return FALSE;
      set_rect (rect, cg->x, cg->y, cg->width, cg->height);
      return TRUE;
    }
  if (WM_IS_STAGE (item))
    {
      for (guint i = 0; i < self->stages->len; i++)
        if ((gpointer) g_array_index (self->stages, WmStageGeom, i).stage == (gpointer) item)
          return wm_layout_get_stage_header_rect (self, i, rect);
      return FALSE;
    }
  if (WM_IS_LANE (item))
    {
      for (guint i = 0; i < self->lanes->len; i++)
        if ((gpointer) g_array_index (self->lanes, WmLaneGeom, i).lane == (gpointer) item)
          return wm_layout_get_lane_header_rect (self, i, rect);
      return FALSE;
    }
  if (WM_IS_CURVE_POINT (item))
    {
      for (guint i = 0; i < self->knots->len; i++)
        {
          WmKnot *k = &g_array_index (self->knots, WmKnot, i);
          double y;
          if ((gpointer) k->point != (gpointer) item)
            continue;
          if ((y = first_emotion_plot_y (self, k->value)) < 0.0)
            return FALSE;
          set_rect (rect, k->x - 6.0, y - 6.0, 12.0, 12.0);
          return TRUE;
        }
      return FALSE;
    }
  if (WM_IS_MOMENT (item))
    {
      WmMomentGeom *mg = find_moment (self, item);
      double y;
      if (mg == NULL || (y = first_emotion_plot_y (self, mg->value)) < 0.0)
        return FALSE;
      set_rect (rect, mg->x - 10.0, y - 10.0, 20.0, 20.0);
      return TRUE;
    }
  if (WM_IS_PERSONA (item))
    {
      for (guint i = 0; i < self->personas->len; i++)
        {
          WmPersonaGeom *pg = &g_array_index (self->personas, WmPersonaGeom, i);
          if ((gpointer) pg->persona == (gpointer) item)
            {
              set_rect (rect, pg->x, pg->y, pg->width, pg->height);
              return TRUE;
            }
        }
      return FALSE;
    }
  if ((gpointer) item == (gpointer) self->document)
    {
      set_rect (rect, self->grid_x, self->title_y, self->title.width,
                _wm_layout_block_height (self, WM_FONT_TITLE, &self->title));
      return TRUE;
    }
  return FALSE;
}

gboolean
wm_layout_get_callout_rect (WmLayout          *self,
                            WmMoment          *moment,
                            cairo_rectangle_t *rect)
{
  WmMomentGeom *mg;
  WmLaneGeom *lg;

  g_return_val_if_fail (WM_IS_LAYOUT (self), FALSE);

  wm_layout_update (self);
  mg = find_moment (self, moment);
  lg = first_emotion_lane (self);
  if (mg == NULL || lg == NULL || mg->hidden)
    return FALSE;
  set_rect (rect, mg->callout_x, lg->y + lg->callout_y + mg->callout_dy,
            mg->callout_width, mg->callout_height);
  return TRUE;
}

gboolean
wm_layout_get_text_rect (WmLayout          *self,
                         GObject           *item,
                         cairo_rectangle_t *rect)
{
  const WmStyle *st;

  g_return_val_if_fail (WM_IS_LAYOUT (self), FALSE);

  wm_layout_update (self);
  st = self->style;
  if (item != NULL && WM_IS_CARD (item))
    {
      WmCardGeom *cg = find_card (self, item);
      if (cg == NULL)
        return FALSE;
      set_rect (rect, cg->x + st->card_padding + 2.0, cg->y + cg->body_y,
                cg->width - 2 * st->card_padding - 2.0,
                MAX (_wm_layout_block_height (self, WM_FONT_BODY, &cg->body),
                     self->fonts[WM_FONT_BODY].line_height));
      return TRUE;
    }
  if (item != NULL && WM_IS_MOMENT (item))
    {
      cairo_rectangle_t r;
      if (!wm_layout_get_callout_rect (self, WM_MOMENT (item), &r))
        return FALSE;
      set_rect (rect, r.x + CALLOUT_PAD + CALLOUT_ICON, r.y + CALLOUT_PAD - 1.0,
                r.width - 2 * CALLOUT_PAD - CALLOUT_ICON, r.height - 2 * CALLOUT_PAD + 2.0);
      return TRUE;
    }
  return FALSE;
}

guint
wm_layout_get_text_lines (WmLayout *self,
                          GObject  *item,
                          double   *max_width)
{
  const WmTextBlock *block = NULL;

  g_return_val_if_fail (WM_IS_LAYOUT (self), 0);

  wm_layout_update (self);
  if (item != NULL && WM_IS_CARD (item))
    {
      WmCardGeom *cg = find_card (self, item);
      if (cg)
        block = &cg->body;
    }
  else if (item != NULL && WM_IS_MOMENT (item))
    {
      WmMomentGeom *mg = find_moment (self, item);
      if (mg)
        block = &mg->text;
    }
  if (max_width)
    *max_width = block ? block->width : 0.0;
  return block ? block->n : 0;
}

guint
wm_layout_get_curve_segments (WmLayout   *self,
                              guint       lane,
                              const char *persona,
                              double    **segments)
{
  WmLaneGeom *lg;
  const WmCurveGeom *cg = NULL;
  const WmKnot *k;
  double *out;

  g_return_val_if_fail (WM_IS_LAYOUT (self), 0);
  g_return_val_if_fail (segments != NULL, 0);

  *segments = NULL;
  if ((lg = get_lane (self, lane)) == NULL || persona == NULL)
    return 0;
  for (guint i = 0; i < self->curves->len && cg == NULL; i++)
    {
      const WmCurveGeom *c = &g_array_index (self->curves, WmCurveGeom, i);
      if (g_strcmp0 (wm_curve_get_persona (c->curve), persona) == 0)
        cg = c;
    }
  if (cg == NULL || cg->n_knots < 2)
    return 0;

  k = &g_array_index (self->knots, WmKnot, cg->first_knot);
  out = g_new (double, 8 * (cg->n_knots - 1));
  for (guint i = 0; i + 1 < cg->n_knots; i++)
    {
      double dx = k[i + 1].x - k[i].x;
      double *s = out + 8 * i;
      s[0] = k[i].x;
      s[1] = wm_layout_plot_y (self, lg, k[i].value);
      s[2] = k[i].x + dx / 3;
      s[3] = wm_layout_plot_y (self, lg, k[i].value + k[i].tangent * dx / 3);
      s[4] = k[i + 1].x - dx / 3;
      s[5] = wm_layout_plot_y (self, lg, k[i + 1].value - k[i + 1].tangent * dx / 3);
      s[6] = k[i + 1].x;
      s[7] = wm_layout_plot_y (self, lg, k[i + 1].value);
    }
  *segments = out;
  return cg->n_knots - 1;
}

PangoContext *
wm_layout_get_pango_context (WmLayout *self)
{
  g_return_val_if_fail (WM_IS_LAYOUT (self), NULL);

  wm_layout_update (self);
  return self->context;
}

const PangoFontDescription *
wm_layout_get_font (WmLayout *self)
{
  g_return_val_if_fail (WM_IS_LAYOUT (self), NULL);

  wm_layout_update (self);
  return self->fonts[WM_FONT_BODY].desc;
}

/* -------------------------------------------------------- hit-testing */

static gboolean
hit_emotion (WmLayout   *self,
             guint       lane,
             double      x,
             double      y,
             WmHit      *hit)
{
  WmLaneGeom *lg = &g_array_index (self->lanes, WmLaneGeom, lane);
  double best = G_MAXDOUBLE;
  GObject *found = NULL;
  WmHitKind kind = WM_HIT_NONE;
  int found_stage = -1;

  for (guint i = 0; i < self->moments->len; i++)
    {
      WmMomentGeom *mg = &g_array_index (self->moments, WmMomentGeom, i);
      double my, d;

      if (mg->hidden)
        continue;
      my = wm_layout_plot_y (self, lg, mg->value);
      d = hypot (x - mg->x, y - my);
      if (d <= WM_HIT_RADIUS + 2.0 && d < best)
        {
          best = d;
          found = G_OBJECT (mg->moment);
          kind = WM_HIT_MOMENT;
          found_stage = mg->stage;
        }
    }

  for (guint c = 0; c < self->curves->len; c++)
    {
      const WmCurveGeom *cg = &g_array_index (self->curves, WmCurveGeom, c);
      const WmKnot *k = &g_array_index (self->knots, WmKnot, cg->first_knot);

      if (cg->persona >= 0 && g_array_index (self->personas, WmPersonaGeom, cg->persona).hidden)
        continue;
      for (guint i = 0; i < cg->n_knots; i++)
        {
          double d;
          if (fabs (k[i].x - x) > WM_HIT_RADIUS)
            continue;
          d = hypot (x - k[i].x, y - wm_layout_plot_y (self, lg, k[i].value));
          if (d <= WM_HIT_RADIUS && d < best)
            {
              best = d;
              found = G_OBJECT (k[i].point);
              kind = WM_HIT_CURVE_POINT;
              found_stage = k[i].stage;
            }
        }
    }

  if (found == NULL)
    for (guint i = 0; i < self->moments->len; i++)
      {
        WmMomentGeom *mg = &g_array_index (self->moments, WmMomentGeom, i);
        if (!mg->hidden &&
            in_rect (x, y, mg->callout_x, lg->y + lg->callout_y + mg->callout_dy,
                     mg->callout_width, mg->callout_height))
          {
            found = G_OBJECT (mg->moment);
            kind = WM_HIT_MOMENT;
            found_stage = mg->stage;
            break;
          }
      }

  if (found == NULL)
    return FALSE;
  hit->kind = kind;
  hit->item = found;
  hit->stage = found_stage;
  hit->lane = lane;
  return TRUE;
}

gboolean
wm_layout_hit_test (WmLayout *self,
                    double    x,
                    double    y,
                    WmHit    *hit)
{
  WmHit none = { WM_HIT_NONE, NULL, -1, -1 };
  const WmStyle *st;
  int lane, stage;

  g_return_val_if_fail (WM_IS_LAYOUT (self), FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  wm_layout_update (self);
  st = self->style;
  *hit = none;

  if (y < self->grid_y)
    {
      for (guint i = 0; i < self->personas->len; i++)
        {
          WmPersonaGeom *pg = &g_array_index (self->personas, WmPersonaGeom, i);
          if (in_rect (x, y, pg->x, pg->y, pg->width, pg->height))
            {
              hit->kind = WM_HIT_PERSONA;
              hit->item = G_OBJECT (pg->persona);
              return TRUE;
            }
        }
      if (in_rect (x, y, self->grid_x, self->title_y, MAX (self->title.width, 40.0),
                   _wm_layout_block_height (self, WM_FONT_TITLE, &self->title)))
        {
          hit->kind = WM_HIT_TITLE;
          hit->item = G_OBJECT (self->document);
          return TRUE;
        }
      if (in_rect (x, y, self->grid_x, self->scenario_y, MAX (self->scenario.width, 40.0),
                   MAX (_wm_layout_block_height (self, WM_FONT_SCENARIO, &self->scenario),
                        self->fonts[WM_FONT_SCENARIO].line_height)))
        {
          hit->kind = WM_HIT_SCENARIO;
          hit->item = G_OBJECT (self->document);
          return TRUE;
        }
      return FALSE;
    }

  if (x < self->grid_x || x >= self->cols_x + self->n_stages * self->stage_width ||
      y >= self->grid_bottom)
    return FALSE;

  stage = x >= self->cols_x ? (int) floor ((x - self->cols_x) / self->stage_width) : -1;
  stage = MIN (stage, (int) self->n_stages - 1);

  if (y < self->grid_y + self->stage_header_height)
    {
      if (stage < 0)
        return FALSE;
      hit->kind = WM_HIT_STAGE_HEADER;
      hit->item = G_OBJECT (g_array_index (self->stages, WmStageGeom, stage).stage);
      hit->stage = stage;
      return TRUE;
    }

  if ((lane = wm_layout_lane_at (self, y)) < 0)
    return FALSE;
  if (stage < 0)
    {
      hit->kind = WM_HIT_LANE_HEADER;
      hit->item = G_OBJECT (g_array_index (self->lanes, WmLaneGeom, lane).lane);
      hit->lane = lane;
      return TRUE;
    }

  {
    WmLaneGeom *lg = &g_array_index (self->lanes, WmLaneGeom, lane);
    guint *first = self->stage_first + (gsize) lane * (self->n_stages + 1);
    int s0 = MAX (0, stage - (int) lg->max_span + 1);

    if (lg->kind == WM_LANE_EMOTION && hit_emotion (self, lane, x, y, hit))
      return TRUE;

    for (guint c = first[s0]; c < first[stage + 1]; c++)
      {
        WmCardGeom *cg = &g_array_index (self->cards, WmCardGeom, lg->first_card + c);
        if (in_rect (x, y, cg->x, cg->y, cg->width, cg->height))
          {
            hit->kind = WM_HIT_CARD;
            hit->item = G_OBJECT (cg->card);
            hit->stage = cg->stage;
            hit->lane = lane;
            return TRUE;
          }
      }
  }

  (void) st;
  hit->kind = WM_HIT_CELL;
  hit->stage = stage;
  hit->lane = lane;
  return TRUE;
}
