/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

/* wm-layout-curves.c - the emotion curves and the moments' callouts */

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "wm-layout-private.h"

/* Fritsch–Carlson: tangents for a monotone piecewise cubic, so the curve
 * never overshoots its points: between two points it stays between their
 * values, and it is flat at every local extremum. */
void
_wm_layout_monotone_tangents (WmKnot *k,
                              guint   n)
{
  double *d;

  if (n < 2)
    {
      for (guint i = 0; i < n; i++)
        k[i].tangent = 0.0;
      return;
    }

  d = g_new (double, n - 1);
  for (guint i = 0; i + 1 < n; i++)
    {
      double dx = k[i + 1].x - k[i].x;
      d[i] = dx > 0.0 ? (k[i + 1].value - k[i].value) / dx : 0.0;
    }
  k[0].tangent = d[0];
  k[n - 1].tangent = d[n - 2];
  for (guint i = 1; i + 1 < n; i++)
    k[i].tangent = d[i - 1] * d[i] <= 0.0 ? 0.0 : (d[i - 1] + d[i]) / 2.0;

  for (guint i = 0; i + 1 < n; i++)
    {
      double a, b, s;

      if (d[i] == 0.0)
        {
          k[i].tangent = k[i + 1].tangent = 0.0;
          continue;
        }
      a = k[i].tangent / d[i];
      b = k[i + 1].tangent / d[i];
      if (a < 0.0)
        k[i].tangent = a = 0.0;
      if (b < 0.0)
        k[i + 1].tangent = b = 0.0;
      s = a * a + b * b;
      if (s > 9.0)
        {
          double t = 3.0 / sqrt (s);
          k[i].tangent = t * a * d[i];
          k[i + 1].tangent = t * b * d[i];
        }
    }
  g_free (d);
}

static int
compare_knots (gconstpointer a,
               gconstpointer b)
{
  const WmKnot *ka = a, *kb = b;
  return (ka->x > kb->x) - (ka->x < kb->x);
}

void
_wm_layout_curves (WmLayout   *self,
                   GHashTable *stage_index,
                   GHashTable *persona_index)
{
  GListModel *model = G_LIST_MODEL (wm_document_get_curves (self->document));
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      WmCurveGeom cg = { 0 };
      GListModel *points;
      guint n_points;

      cg.curve = g_list_model_get_item (model, i);
      cg.persona = _wm_layout_lookup_index (persona_index, wm_curve_get_persona (cg.curve));
      cg.first_knot = self->knots->len;
      points = G_LIST_MODEL (wm_curve_get_points (cg.curve));
      n_points = g_list_model_get_n_items (points);
      for (guint p = 0; p < n_points; p++)
        {
          WmCurvePoint *point = g_list_model_get_item (points, p);
          int s = _wm_layout_lookup_index (stage_index, wm_curve_point_get_stage (point));
          WmKnot k;

          if (s < 0)
            {
              g_object_unref (point);
              continue;
            }
          k.point = point;
          k.stage = s;
          k.x = self->cols_x + (s + CLAMP (wm_curve_point_get_at (point), 0.0, 1.0)) * self->stage_width;
          k.value = CLAMP (wm_curve_point_get_value (point), WM_CURVE_MIN, WM_CURVE_MAX);
          k.tangent = 0.0;
          g_array_append_val (self->knots, k);
          cg.n_knots++;
        }
      if (cg.n_knots > 0)
        {
          WmKnot *k = &g_array_index (self->knots, WmKnot, cg.first_knot);
          qsort (k, cg.n_knots, sizeof (WmKnot), compare_knots);
          _wm_layout_monotone_tangents (k, cg.n_knots);
        }
      g_array_append_val (self->curves, cg);
    }
}

const WmCurveGeom *
wm_layout_find_curve (WmLayout *self,
                      int       persona)
{
  for (guint i = 0; i < self->curves->len; i++)
    {
      const WmCurveGeom *cg = &g_array_index (self->curves, WmCurveGeom, i);
      if (cg->persona == persona && persona >= 0)
        return cg;
    }
  return NULL;
}

double
wm_layout_curve_value_at (WmLayout *self,
                          int       persona,
                          double    x)
{
  const WmCurveGeom *cg = wm_layout_find_curve (self, persona);
  const WmKnot *k;
  guint lo, hi;
  double dx, t, h00, h10, h01, h11;

  if (cg == NULL || cg->n_knots == 0)
    return 0.0;
  k = &g_array_index (self->knots, WmKnot, cg->first_knot);
  if (x <= k[0].x)
    return k[0].value;
  if (x >= k[cg->n_knots - 1].x)
    return k[cg->n_knots - 1].value;

  lo = 0;
  hi = cg->n_knots - 1;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;
      if (k[mid].x <= x)
        lo = mid;
      else
        hi = mid;
    }
  dx = k[hi].x - k[lo].x;
  if (dx <= 0.0)
    return k[hi].value;
  t = (x - k[lo].x) / dx;
  h00 = (1 + 2 * t) * (1 - t) * (1 - t);
  h10 = t * (1 - t) * (1 - t);
  h01 = t * t * (3 - 2 * t);
  h11 = t * t * (t - 1);
  return h00 * k[lo].value + h10 * dx * k[lo].tangent + h01 * k[hi].value + h11 * dx * k[hi].tangent;
}

static int
compare_moments (gconstpointer a,
                 gconstpointer b)
{
  const WmMomentGeom *ma = a, *mb = b;
  return (ma->callout_x > mb->callout_x) - (ma->callout_x < mb->callout_x);
}

/* Drops from @placed the callouts that end too far left of @x to touch a
 * later one. */
static void
evict_out_of_reach (WmLayout *self,
                    GArray   *placed,
                    double    x)
{
  for (guint j = 0; j < placed->len;)
    {
      WmMomentGeom *o = &g_array_index (self->moments, WmMomentGeom,
                                        g_array_index (placed, guint, j));
      if (o->callout_x + o->callout_width + CALLOUT_GAP + CALLOUT_MAX_W < x)
        g_array_remove_index_fast (placed, j);
      else
        j++;
    }
}

/* Past MAX_STACK_SEARCH callouts within reach of each other, a callout
 * goes under the lowest one in the SKYLINE_STEP-wide columns it spans
 * (with the gap on either side): no overlap, in time linear in the
 * callouts, but gaps higher up are no longer filled. */
#define SKYLINE_STEP 8.0

static void
skyline_span (double  cols_x,
              double  x0,
              double  x1,
              guint  *first,
              guint  *last)
{
  *first = (guint) MAX (0.0, floor ((x0 - cols_x) / SKYLINE_STEP));
  *last = (guint) MAX (0.0, floor ((x1 - cols_x) / SKYLINE_STEP));
}

static void
skyline_mark (GArray             *skyline,
              double              cols_x,
              const WmMomentGeom *mg)
{
  double bottom = mg->callout_dy + mg->callout_height + CALLOUT_GAP;
  guint first, last;

  skyline_span (cols_x, mg->callout_x - CALLOUT_GAP, mg->callout_x + mg->callout_width + CALLOUT_GAP,
                &first, &last);
  for (guint c = first; c <= last && c < skyline->len; c++)
    g_array_index (skyline, double, c) = MAX (g_array_index (skyline, double, c), bottom);
}

static void
skyline_place (GArray       *skyline,
               double        cols_x,
               WmMomentGeom *mg)
{
  double y = 0.0;
  guint first, last;

  skyline_span (cols_x, mg->callout_x, mg->callout_x + mg->callout_width, &first, &last);
  for (guint c = first; c <= last && c < skyline->len; c++)
    y = MAX (y, g_array_index (skyline, double, c));
  mg->callout_dy = y;
  skyline_mark (skyline, cols_x, mg);
}

static GArray *
skyline_new (WmLayout *self,
             GArray   *placed,
             double    grid_right)
{
  guint n = (guint) ceil ((grid_right - self->cols_x + CALLOUT_MAX_W) / SKYLINE_STEP) + 2;
  GArray *skyline = g_array_sized_new (FALSE, TRUE, sizeof (double), n);

  g_array_set_size (skyline, n);
  for (guint j = 0; j < placed->len; j++)
    skyline_mark (skyline, self->cols_x,
                  &g_array_index (self->moments, WmMomentGeom, g_array_index (placed, guint, j)));
  return skyline;
}

/* Callouts hang in a band under the curve's area, stacked so that none
 * overlaps another; a leader line ties each to its marker. */
void
_wm_layout_moments (WmLayout   *self,
                    GHashTable *stage_index,
                    GHashTable *persona_index)
{
  GListModel *model = G_LIST_MODEL (wm_document_get_moments (self->document));
  guint n = g_list_model_get_n_items (model);
  double grid_right = self->cols_x + self->n_stages * self->stage_width;
  double lh = self->fonts[WM_FONT_SMALL].line_height;
  GArray *skyline = NULL;
  guint evict_at = MAX_STACK_SEARCH + 1;
  GArray *placed;

  self->callouts_height = 0.0;
  for (guint i = 0; i < n; i++)
    {
      WmMomentGeom mg = { 0 };
      int s;

      mg.moment = g_list_model_get_item (model, i);
      s = _wm_layout_lookup_index (stage_index, wm_moment_get_stage (mg.moment));
      if (s < 0)
        {
          g_object_unref (mg.moment);
          continue;
        }
      mg.kind = wm_moment_get_kind (mg.moment);
      mg.persona = _wm_layout_lookup_index (persona_index, wm_moment_get_persona (mg.moment));
      mg.stage = s;
      mg.hidden = mg.persona >= 0 &&
                  g_array_index (self->personas, WmPersonaGeom, mg.persona).hidden;
      mg.x = self->cols_x + (s + CLAMP (wm_moment_get_at (mg.moment), 0.0, 1.0)) * self->stage_width;
      mg.value = wm_layout_curve_value_at (self, mg.persona, mg.x);
      _wm_layout_measure_text (self, WM_FONT_SMALL, wm_moment_get_text (mg.moment), CALLOUT_MAX_W - 2 * CALLOUT_PAD - CALLOUT_ICON, &mg.text);
      mg.callout_width = MAX (mg.text.width, 10.0) + 2 * CALLOUT_PAD + CALLOUT_ICON;
      mg.callout_height = MAX (mg.text.n, 1) * lh + 2 * CALLOUT_PAD - 2.0;
      mg.callout_x = mg.x - mg.callout_width / 2;
      mg.callout_x = MIN (mg.callout_x, grid_right - 4.0 - mg.callout_width);
      mg.callout_x = MAX (mg.callout_x, self->cols_x + 4.0);
      g_array_append_val (self->moments, mg);
    }
  g_array_sort (self->moments, compare_moments);

  /* Stack: each callout goes just under every earlier one it would touch.
   * That search is quadratic in the callouts within reach of each other;
   * past MAX_STACK_SEARCH of them (thousands of moments on one stage,
   * never a real map) the rest go on a skyline. */
  placed = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < self->moments->len; i++)
    {
      WmMomentGeom *mg = &g_array_index (self->moments, WmMomentGeom, i);
      double y = 0.0;
      gboolean moved;

      if (mg->hidden)
        continue;
      if (skyline != NULL)
        {
          skyline_place (skyline, self->cols_x, mg);
          self->callouts_height = MAX (self->callouts_height, mg->callout_dy + mg->callout_height);
          continue;
        }
      /* Only callouts still within reach can collide with this one or a
       * later one; the others are let go in batches, so that this stays
       * linear, and always before the search would give up. */
      if (placed->len >= evict_at)
        {
          evict_out_of_reach (self, placed, mg->callout_x);
          evict_at = placed->len <= MAX_STACK_SEARCH ? MAX_STACK_SEARCH + 1 : 2 * placed->len;
        }
      if (placed->len > MAX_STACK_SEARCH)
        {
          skyline = skyline_new (self, placed, grid_right);
          i--;
          continue;
        }
      moved = TRUE;
      while (moved)
        {
          moved = FALSE;
          for (guint j = 0; j < placed->len; j++)
            {
              WmMomentGeom *o = &g_array_index (self->moments, WmMomentGeom,
                                                g_array_index (placed, guint, j));
              if (o->callout_x + o->callout_width + CALLOUT_GAP <= mg->callout_x ||
                  mg->callout_x + mg->callout_width + CALLOUT_GAP <= o->callout_x)
                continue;
              if (y + mg->callout_height + CALLOUT_GAP <= o->callout_dy ||
                  o->callout_dy + o->callout_height + CALLOUT_GAP <= y)
                continue;
              y = o->callout_dy + o->callout_height + CALLOUT_GAP;
              moved = TRUE;
            }
        }
      mg->callout_dy = y;
      self->callouts_height = MAX (self->callouts_height, y + mg->callout_height);
      g_array_append_val (placed, i);
    }
  g_clear_pointer (&skyline, g_array_unref);
  g_array_unref (placed);
}
