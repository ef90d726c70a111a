/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <string.h>

#include "wm-layout-private.h"

/* Change tracking for the canvas's kept pixels: a stamp records what a
 * frame drew (every card's place and serial, every lane's rows, and one
 * hash of everything else), so after an edit only the cards that moved or
 * changed need a redraw, and when lanes grew or shrank (moving many cards
 * does) the map from the first such lane down. Anything else changing is
 * a full redraw: stages, curves and the header move or restyle too much of
 * the map to track. */

typedef struct
{
  WmCard  *card;
  guint64  serial;
  double   x, y, width, height;
} WmCardStamp;

/* What of a lane moves with the lanes above it. */
typedef struct
{
  double y, height, plot_height, callout_y;
} WmLaneStamp;

struct _WmLayoutStamp
{
  guint64  others;
  GArray  *lanes;   /* WmLaneStamp */
  GArray  *cards;   /* WmCardStamp */
};

static guint64
mix (guint64 h,
     guint64 v)
{
  /* FNV-1a over the value's 8 bytes. */
  for (int i = 0; i < 8; i++, v >>= 8)
    h = (h ^ (v & 0xff)) * G_GUINT64_CONSTANT (0x100000001b3);
  return h;
}

static guint64
mix_double (guint64 h,
            double  d)
{
  guint64 v;

  memcpy (&v, &d, sizeof v);
  return mix (h, v);
}

static guint64
mix_ptr (guint64       h,
         gconstpointer p)
{
  return mix (h, (guint64) GPOINTER_TO_SIZE (p));
}

static guint64
mix_str (guint64     h,
         const char *s)
{
  return mix (h, s != NULL ? g_str_hash (s) + 1 : 0);
}

static guint64
mix_block (guint64            h,
           const WmTextBlock *b)
{
  /* Not b->first: a card wrapping to one more line shifts every later
   * block in WmLayout.lines without changing what it draws. */
  return mix_double (mix (h, b->n), b->width);
}

static guint64
hash_header (WmLayout *self,
             guint64   h)
{
  /* What lies below the grid, from the grid's bottom: it moves with the
   * lanes, which the stamp's lanes record. */
  double values[] = { self->width, self->height - self->grid_bottom, self->title_y,
                      self->scenario_y, self->header_bottom, self->grid_x, self->grid_y,
                      self->cols_x, self->stage_width, self->stage_header_height,
                      self->stage_band_height, self->legend_y - self->grid_bottom,
                      self->callouts_height };

  h = mix_ptr (mix (h, self->theme), self->style);
  h = mix (mix (h, self->n_stages), self->map_lang);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    h = mix_double (h, values[i]);
  h = mix_str (h, wm_document_get_title (self->document));
  h = mix_str (h, wm_document_get_scenario (self->document));
  return mix_block (mix_block (h, &self->title), &self->scenario);
}

static guint64
hash_personas (WmLayout *self,
               guint64   h)
{
  for (guint i = 0; i < self->personas->len; i++)
    {
      WmPersonaGeom *pg = &g_array_index (self->personas, WmPersonaGeom, i);
      const char * const *goals = wm_persona_get_goals (pg->persona);
      double values[] = { pg->color.r, pg->color.g, pg->color.b, pg->color.a, pg->x, pg->y,
                          pg->width, pg->height, pg->description_y };

      h = mix (mix_ptr (h, pg->persona), pg->hidden);
      for (guint j = 0; j < G_N_ELEMENTS (values); j++)
        h = mix_double (h, values[j]);
      h = mix_str (mix_str (h, wm_persona_get_name (pg->persona)),
                   wm_persona_get_description (pg->persona));
      for (guint j = 0; goals != NULL && goals[j] != NULL; j++)
        h = mix_str (h, goals[j]);
      h = mix_block (mix_block (h, &pg->name), &pg->description);
    }
  for (guint i = 0; i < self->goals->len; i++)
    {
      WmGoalGeom *gg = &g_array_index (self->goals, WmGoalGeom, i);
      h = mix_double (mix_block (h, &gg->block), gg->y);
    }
  return h;
}

static guint64
hash_grid (WmLayout *self,
           guint64   h)
{
  for (guint i = 0; i < self->stages->len; i++)
    {
      WmStageGeom *sg = &g_array_index (self->stages, WmStageGeom, i);
      h = mix_str (mix_str (mix_ptr (h, sg->stage), wm_stage_get_title (sg->stage)),
                   wm_stage_get_goal (sg->stage));
      h = mix (mix (mix_block (mix_block (h, &sg->title), &sg->goal), sg->first_metric),
               sg->n_metrics);
    }
  for (guint i = 0; i < self->metrics->len; i++)
    {
      WmMetricGeom *mg = &g_array_index (self->metrics, WmMetricGeom, i);
      h = mix_double (mix (mix_ptr (h, mg->metric), mg->kind), mg->value);
      h = mix_str (h, mg->label);
      h = mix_double (mix_double (mix_double (mix_double (h, mg->x), mg->y), mg->width),
                      mg->height);
    }
  for (guint i = 0; i < self->lanes->len; i++)
    {
      WmLaneGeom *lg = &g_array_index (self->lanes, WmLaneGeom, i);
      h = mix_str (mix (mix_ptr (h, lg->lane), lg->kind), wm_lane_get_title (lg->lane));
      h = mix (mix_block (h, &lg->title), lg->max_span);
    }
  return h;
}

static guint64
hash_curves (WmLayout *self,
             guint64   h)
{
  for (guint i = 0; i < self->curves->len; i++)
    {
      WmCurveGeom *cg = &g_array_index (self->curves, WmCurveGeom, i);
      h = mix (mix (mix (mix_ptr (h, cg->curve), cg->persona), cg->first_knot), cg->n_knots);
    }
  for (guint i = 0; i < self->knots->len; i++)
    {
      WmKnot *k = &g_array_index (self->knots, WmKnot, i);
      h = mix_double (mix_double (mix_double (mix_ptr (h, k->point), k->x), k->value), k->tangent);
      h = mix (h, k->stage);
    }
  for (guint i = 0; i < self->moments->len; i++)
    {
      WmMomentGeom *mg = &g_array_index (self->moments, WmMomentGeom, i);
      double values[] = { mg->x, mg->value, mg->callout_x, mg->callout_dy, mg->callout_width,
                          mg->callout_height };

      h = mix (mix (mix (mix (mix_ptr (h, mg->moment), mg->kind), mg->persona), mg->stage),
               mg->hidden);
      for (guint j = 0; j < G_N_ELEMENTS (values); j++)
        h = mix_double (h, values[j]);
      h = mix_block (mix_str (h, wm_moment_get_text (mg->moment)), &mg->text);
    }
  return h;
}

static guint64
hash_legend (WmLayout *self,
             guint64   h)
{
  for (guint i = 0; i < self->legend->len; i++)
    {
      WmLegendItem *item = &g_array_index (self->legend, WmLegendItem, i);
      double values[] = { item->x, item->y - self->grid_bottom, item->symbol_width, item->width,
                          item->height };

      h = mix (mix (mix_ptr (h, item->text), item->kind), item->arg);
      for (guint j = 0; j < G_N_ELEMENTS (values); j++)
        h = mix_double (h, values[j]);
      h = mix_block (h, &item->block);
    }
  return h;
}

/* Everything drawn besides the cards. */
static guint64
hash_others (WmLayout *self)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  h = hash_header (self, h);
  h = hash_personas (self, h);
  h = hash_grid (self, h);
  h = hash_curves (self, h);
  return hash_legend (self, h);
}

WmLayoutStamp *
wm_layout_stamp_new (WmLayout *self)
{
  WmLayoutStamp *stamp = g_new0 (WmLayoutStamp, 1);

  g_return_val_if_fail (WM_IS_LAYOUT (self), stamp);

  wm_layout_update (self);
  stamp->others = hash_others (self);
  stamp->lanes = g_array_sized_new (FALSE, FALSE, sizeof (WmLaneStamp), self->lanes->len);
  for (guint i = 0; i < self->lanes->len; i++)
    {
      WmLaneGeom *lg = &g_array_index (self->lanes, WmLaneGeom, i);
      WmLaneStamp ls = { lg->y, lg->height, lg->plot_height, lg->callout_y };

      g_array_append_val (stamp->lanes, ls);
    }
  stamp->cards = g_array_sized_new (FALSE, FALSE, sizeof (WmCardStamp), self->cards->len);
  for (guint i = 0; i < self->cards->len; i++)
    {
      WmCardGeom *cg = &g_array_index (self->cards, WmCardGeom, i);
      WmCardStamp cs = { cg->card, wm_card_get_serial (cg->card), cg->x, cg->y, cg->width,
                         cg->height };

      g_array_append_val (stamp->cards, cs);
    }
  return stamp;
}

void
wm_layout_stamp_free (WmLayoutStamp *stamp)
{
  if (stamp == NULL)
    return;
  g_array_unref (stamp->lanes);
  g_array_unref (stamp->cards);
  g_free (stamp);
}

/* Adds @cs's rect, grown by @grow, if it meets @view above @below (from
 * there down all is redrawn); FALSE when that makes more than @max. */
static gboolean
add_damage (const WmCardStamp       *cs,
            const cairo_rectangle_t *view,
            double                   below,
            double                   grow,
            guint                    max,
            GArray                  *damage)
{
  cairo_rectangle_t r = { cs->x - grow, cs->y - grow, cs->width + 2 * grow,
                          cs->height + 2 * grow };

  if (r.x > view->x + view->width || r.x + r.width < view->x ||
      r.y > view->y + view->height || r.y + r.height < view->y || r.y >= below)
    return TRUE;
  g_array_append_val (damage, r);
  return damage->len <= max;
}

static gboolean
same_card (const WmCardStamp *a,
           const WmCardStamp *b)
{
  return a->serial == b->serial && a->x == b->x && a->y == b->y && a->width == b->width &&
         a->height == b->height;
}

static gboolean
same_lane (const WmLaneStamp *a,
           const WmLaneStamp *b)
{
  return a->y == b->y && a->height == b->height && a->plot_height == b->plot_height &&
         a->callout_y == b->callout_y;
}

/* Where the first lane that grew, shrank or moved starts: everything
 * drawn from there down may have moved. G_MAXDOUBLE when none did. */
static double
lanes_moved_from (const WmLayoutStamp *now,
                  const WmLayoutStamp *stamp)
{
  for (guint i = 0; i < now->lanes->len; i++)
    {
      const WmLaneStamp *a = &g_array_index (now->lanes, WmLaneStamp, i);
      const WmLaneStamp *b = &g_array_index (stamp->lanes, WmLaneStamp, i);

      if (!same_lane (a, b))
        return MIN (a->y, b->y);
    }
  return G_MAXDOUBLE;
}

/* From @top down to the bottom of @view, all of its width. */
static void
add_rows (const cairo_rectangle_t *view,
          double                   top,
          GArray                  *damage)
{
  cairo_rectangle_t r = { view->x, MAX (top, view->y), view->width, 0 };

  r.height = view->y + view->height - r.y;
  if (r.height > 0)
    g_array_append_val (damage, r);
}

static gboolean
stamp_damage (const WmLayoutStamp     *now,
              const WmLayoutStamp     *stamp,
              const cairo_rectangle_t *view,
              guint                    max,
              double                   grow,
              GArray                  *damage);

gboolean
wm_layout_stamp_damage (WmLayout                *self,
                        WmLayoutStamp           *stamp,
                        const cairo_rectangle_t *view,
                        guint                    max,
                        double                   grow,
                        GArray                  *damage)
{
  g_autoptr(WmLayoutStamp) now = NULL;
  gboolean ok;

  g_return_val_if_fail (WM_IS_LAYOUT (self), FALSE);
  g_return_val_if_fail (stamp != NULL && damage != NULL, FALSE);

  now = wm_layout_stamp_new (self);
  ok = stamp_damage (now, stamp, view, max, grow, damage);
  /* The stamp moves on to now: the caller need not take another. */
  stamp->others = now->others;
  g_array_unref (stamp->cards);
  stamp->cards = g_steal_pointer (&now->cards);
  now->cards = g_array_new (FALSE, FALSE, sizeof (WmCardStamp));
  g_array_unref (stamp->lanes);
  stamp->lanes = g_steal_pointer (&now->lanes);
  now->lanes = g_array_new (FALSE, FALSE, sizeof (WmLaneStamp));
  return ok;
}

static gboolean
stamp_damage (const WmLayoutStamp     *now,
              const WmLayoutStamp     *stamp,
              const cairo_rectangle_t *view,
              guint                    max,
              double                   grow,
              GArray                  *damage)
{
  g_autoptr(GHashTable) before = NULL;
  double below;

  if (now->others != stamp->others || now->lanes->len != stamp->lanes->len)
    return FALSE;
  /* A grid line or a card's edge reaches @grow above its lane. */
  below = lanes_moved_from (now, stamp);
  if (below < G_MAXDOUBLE)
    {
      below -= grow;
      add_rows (view, below, damage);
    }
  before = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < stamp->cards->len; i++)
    g_hash_table_insert (before, g_array_index (stamp->cards, WmCardStamp, i).card,
                         &g_array_index (stamp->cards, WmCardStamp, i));
  for (guint i = 0; i < now->cards->len; i++)
    {
      WmCardStamp *cs = &g_array_index (now->cards, WmCardStamp, i);
      WmCardStamp *old = g_hash_table_lookup (before, cs->card);

      if (old != NULL && same_card (old, cs))
        {
          g_hash_table_remove (before, cs->card);
          continue;
        }
      if (old != NULL)
        {
          g_hash_table_remove (before, cs->card);
          if (!add_damage (old, view, below, grow, max, damage))
            return FALSE;
        }
      if (!add_damage (cs, view, below, grow, max, damage))
        return FALSE;
    }
  /* Cards gone since. */
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, before);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      if (!add_damage (value, view, below, grow, max, damage))
        return FALSE;
  }
  return TRUE;
}
