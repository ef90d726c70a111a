/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-layout.c: geometry of a journey map. */

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "wm-document.h"
#include "wm-layout.h"
#include "wm-layout-private.h"
#include "wm-reader.h"

#include "../test-util.h"

#define EPS 1e-6

static WmStage *
add_stage (WmDocument *doc,
           const char *id,
           const char *title)
{
  g_autoptr(WmStage) stage = wm_stage_new (id, title);
  g_list_store_append (wm_document_get_stages (doc), stage);
  return stage;
}

static WmLane *
add_lane (WmDocument *doc,
          const char *id,
          WmLaneKind  kind,
          const char *title)
{
  g_autoptr(WmLane) lane = wm_lane_new (id, kind, title);
  g_list_store_append (wm_document_get_lanes (doc), lane);
  return lane;
}

static WmCard *
add_card (WmLane     *lane,
          const char *id,
          const char *stage,
          const char *text)
{
  g_autoptr(WmCard) card = wm_card_new (id, stage, text);
  g_list_store_append (wm_lane_get_cards (lane), card);
  return card;
}

static WmCurve *
add_curve (WmDocument   *doc,
           const char   *persona,
           const double *values,
           const double *ats,
           guint         n)
{
  g_autoptr(WmCurve) curve = wm_curve_new (persona);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *stage = g_strdup_printf ("s%u", i);
      g_autoptr(WmCurvePoint) point = wm_curve_point_new (stage, values[i], ats ? ats[i] : 0.5);
      g_list_store_append (wm_curve_get_points (curve), point);
    }
  g_list_store_append (wm_document_get_curves (doc), curve);
  return curve;
}

static WmPersona *
add_persona (WmDocument *doc,
             const char *id,
             const char *name,
             const char *color)
{
  g_autoptr(WmPersona) persona = wm_persona_new (id);
  wm_persona_set_name (persona, name);
  wm_persona_set_color (persona, color);
  g_list_store_append (wm_document_get_personas (doc), persona);
  return persona;
}

/* n stages s0.., one persona, an actions lane, an emotion lane. */
static WmDocument *
make_document (guint       n_stages,
               const char *lang)
{
  WmDocument *doc = wm_document_new ();

  wm_document_set_title (doc, "Test journey");
  wm_document_set_lang (doc, lang);
  add_persona (doc, "p", "Camper", "#3584e4");
  for (guint i = 0; i < n_stages; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      g_autofree char *title = g_strdup_printf ("Stage %u", i + 1);
      add_stage (doc, id, title);
    }
  return doc;
}

static gboolean
rects_overlap (const cairo_rectangle_t *a,
               const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width - EPS && b->x < a->x + a->width - EPS &&
         a->y < b->y + b->height - EPS && b->y < a->y + a->height - EPS;
}

static gboolean
rect_inside (const cairo_rectangle_t *in,
             const cairo_rectangle_t *out)
{
  return in->x >= out->x - EPS && in->y >= out->y - EPS &&
         in->x + in->width <= out->x + out->width + EPS &&
         in->y + in->height <= out->y + out->height + EPS;
}

/* Every card of every lane: inside the cells it covers, overlapping no
 * other card; its text no wider than its text box. */
static void
assert_cards_sane (WmLayout   *layout,
                   WmDocument *doc)
{
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (doc));
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));

  for (guint l = 0; l < g_list_model_get_n_items (lanes); l++)
    {
      g_autoptr(WmLane) lane = g_list_model_get_item (lanes, l);
      GListModel *cards = G_LIST_MODEL (wm_lane_get_cards (lane));
      guint first = rects->len;

      for (guint c = 0; c < g_list_model_get_n_items (cards); c++)
        {
          g_autoptr(WmCard) card = g_list_model_get_item (cards, c);
          cairo_rectangle_t r, cell, last, text;
          int s = wm_document_stage_index (doc, wm_card_get_stage (card));
          guint span = wm_card_get_span (card);
          double max_width;

          g_assert_cmpint (s, >=, 0);
          g_assert_true (wm_layout_get_item_rect (layout, G_OBJECT (card), &r));
          g_assert_true (wm_layout_get_cell_rect (layout, l, s, &cell));
          span = MIN (span, g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (doc))) - s);
          g_assert_true (wm_layout_get_cell_rect (layout, l, s + span - 1, &last));
          cell.width = last.x + last.width - cell.x;
          g_assert_true (rect_inside (&r, &cell));

          g_assert_true (wm_layout_get_text_rect (layout, G_OBJECT (card), &text));
          g_assert_true (rect_inside (&text, &r));
          wm_layout_get_text_lines (layout, G_OBJECT (card), &max_width);
          g_assert_cmpfloat (max_width, <=, text.width + EPS);

          for (guint o = first; o < rects->len; o++)
            g_assert_false (rects_overlap (&r, &g_array_index (rects, cairo_rectangle_t, o)));
          g_array_append_val (rects, r);
        }
    }
}

static void
test_cells_grow (void)
{
  g_autoptr(WmDocument) doc = make_document (3, "en");
  WmLane *lane = add_lane (doc, "act", WM_LANE_ACTIONS, "Actions");
  WmLane *after = add_lane (doc, "pain", WM_LANE_PAINS, "Pains");
  WmCard *a = add_card (lane, "a", "s0", "Short");
  WmCard *b = add_card (lane, "b", "s1", "Also short");
  g_autoptr(WmLayout) layout = wm_layout_new (doc, WM_THEME_LIGHT);
  cairo_rectangle_t row1, row2, next1, next2, ra, rb;
  GString *text = g_string_new (NULL);

  add_card (after, "c", "s2", "Below");
  wm_layout_update (layout);
  g_assert_true (wm_layout_get_lane_rect (layout, 0, &row1));
  g_assert_true (wm_layout_get_lane_rect (layout, 1, &next1));
  assert_cards_sane (layout, doc);

  for (guint i = 0; i < 30; i++)
    g_string_append (text, "a long sentence that has to wrap ");
  wm_card_set_text (b, text->str);
  g_string_free (text, TRUE);
  wm_document_emit_changed (doc);

  g_assert_true (wm_layout_get_lane_rect (layout, 0, &row2));
  g_assert_true (wm_layout_get_lane_rect (layout, 1, &next2));
  g_assert_cmpfloat (row2.height, >, row1.height + 50);
  /* The next lane moved down by as much. */
  g_assert_cmpfloat (fabs ((next2.y - next1.y) - (row2.height - row1.height)), <, EPS);
  /* The short card's cell grew with the row: a row is one height. */
  g_assert_true (wm_layout_get_item_rect (layout, G_OBJECT (a), &ra));
  g_assert_true (wm_layout_get_item_rect (layout, G_OBJECT (b), &rb));
  g_assert_cmpfloat (rb.height, >, ra.height + 50);
  g_assert_cmpuint (wm_layout_get_text_lines (layout, G_OBJECT (b), NULL), >, 4);
  assert_cards_sane (layout, doc);
}

static void
test_stacked (void)
{
  g_autoptr(WmDocument) doc = make_document (2, "en");
  WmLane *lane = add_lane (doc, "pain", WM_LANE_PAINS, "Pains");
  g_autoptr(WmLayout) layout = NULL;
  cairo_rectangle_t r[4];
  WmCard *cards[4];

  cards[0] = add_card (lane, "a", "s0", "First pain, with a fairly long description that wraps");
  cards[1] = add_card (lane, "b", "s1", "In the other stage");
  cards[2] = add_card (lane, "c", "s0", "Second pain in the same cell");
  cards[3] = add_card (lane, "d", "s0", "Third");
  wm_card_set_severity (cards[2], 4);
  wm_card_set_frequency (cards[2], 12);
  wm_card_set_severity (cards[3], 5);

  layout = wm_layout_new (doc, WM_THEME_LIGHT);
  for (guint i = 0; i < 4; i++)
    g_assert_true (wm_layout_get_item_rect (layout, G_OBJECT (cards[i]), &r[i]));
  /* Stacked in document order. */
  g_assert_cmpfloat (r[0].y, <, r[2].y);
  g_assert_cmpfloat (r[2].y, <, r[3].y);
  g_assert_cmpfloat (r[0].y + r[0].height, <=, r[2].y);
  assert_cards_sane (layout, doc);
}

static void
test_span (void)
{
  g_autoptr(WmDocument) doc = make_document (4, "en");
  WmLane *lane = add_lane (doc, "pain", WM_LANE_PAINS, "Pains");
  WmCard *wide = add_card (lane, "w", "s1", "Spans two stages");
  WmCard *left = add_card (lane, "l", "s1", "Under it, first column");
  WmCard *right = add_card (lane, "r", "s2", "Under it, second column");
  WmCard *clamped = add_card (lane, "z", "s3", "Runs past the end");
  g_autoptr(WmLayout) layout = NULL;
  cairo_rectangle_t rw, rl, rr, rz, c1, c2, c3;

  wm_card_set_span (wide, 2);
  wm_card_set_span (clamped, 5);
  layout = wm_layout_new (doc, WM_THEME_LIGHT);
  g_assert_true (wm_layout_get_item_rect (layout, G_OBJECT (wide), &rw));
  g_assert_true (wm_layout_get_item_rect (layout, G_OBJECT (left), &rl));
  g_assert_true (wm_layout_get_item_rect (layout, G_OBJECT (right), &rr));
  g_assert_true (wm_layout_get_item_rect (layout, G_OBJECT (clamped), &rz));
  g_assert_true (wm_layout_get_cell_rect (layout, 0, 1, &c1));
  g_assert_true (wm_layout_get_cell_rect (layout, 0, 2, &c2));
  g_assert_true (wm_layout_get_cell_rect (layout, 0, 3, &c3));

  /* Covers both columns: starts in the first, ends in the second, and is
   * as wide as two cells less the same padding as one. */
  g_assert_cmpfloat (rw.x, <, c1.x + c1.width / 2);
  g_assert_cmpfloat (rw.x + rw.width, >, c2.x + c2.width / 2);
  g_assert_cmpfloat (fabs ((c1.width - rl.width) - (c1.width + c2.width - rw.width)), <, EPS);
  /* Both cards under it start below it. */
  g_assert_cmpfloat (rl.y, >=, rw.y + rw.height);
  g_assert_cmpfloat (rr.y, >=, rw.y + rw.height);
  /* A span running past the last stage stops there. */
  g_assert_cmpfloat (rz.x + rz.width, <=, c3.x + c3.width);
  assert_cards_sane (layout, doc);
}

/* A cubic Bézier's y at t. */
static double
bezier (const double *s,
        int           axis,
        double        t)
{
  double u = 1 - t;
  return u * u * u * s[axis] + 3 * u * u * t * s[2 + axis] + 3 * u * t * t * s[4 + axis] + t * t * t * s[6 + axis];
}

/* The curve of @values at @ats: each segment ends on its points, stays
 * between their values and is monotone in between. */
static void
assert_monotone_curve (const double *values,
                       const double *ats,
                       guint         n)
{
  g_autoptr(WmDocument) doc = make_document (n, "en");
  g_autoptr(WmLayout) layout = NULL;
  g_autofree double *segments = NULL;
  guint n_segments;
  int emotion;

  add_lane (doc, "act", WM_LANE_ACTIONS, "Actions");
  add_lane (doc, "feel", WM_LANE_EMOTION, "Emotion");
  add_curve (doc, "p", values, ats, n);
  layout = wm_layout_new (doc, WM_THEME_LIGHT);
  emotion = wm_layout_get_emotion_lane (layout);
  g_assert_cmpint (emotion, ==, 1);

  n_segments = wm_layout_get_curve_segments (layout, emotion, "p", &segments);
  g_assert_cmpuint (n_segments, ==, n - 1);
  for (guint i = 0; i < n_segments; i++)
    {
      const double *s = segments + 8 * i;
      double lo = MIN (s[1], s[7]), hi = MAX (s[1], s[7]);
      double prev = s[1];
      gboolean rising = s[7] < s[1];   /* y grows downwards */

      /* Ends on the points, at stage x + at × width. */
      g_assert_cmpfloat (fabs (s[1] - wm_layout_value_to_y (layout, emotion, values[i])), <, EPS);
      g_assert_cmpfloat (fabs (s[7] - wm_layout_value_to_y (layout, emotion, values[i + 1])), <, EPS);
      {
        cairo_rectangle_t stage;
        g_assert_true (wm_layout_get_stage_rect (layout, i, &stage));
        g_assert_cmpfloat (fabs (s[0] - (stage.x + ats[i] * stage.width)), <, EPS);
      }

      for (guint k = 0; k <= 200; k++)
        {
          double t = k / 200.0;
          double y = bezier (s, 1, t);
          double x = bezier (s, 0, t);
          /* Never past its neighbours, and monotone in between. */
          g_assert_cmpfloat (y, >=, lo - EPS);
          g_assert_cmpfloat (y, <=, hi + EPS);
          if (rising)
            g_assert_cmpfloat (y, <=, prev + EPS);
          else
            g_assert_cmpfloat (y, >=, prev - EPS);
          g_assert_cmpfloat (x, >=, s[0] - EPS);
          g_assert_cmpfloat (x, <=, s[6] + EPS);
          prev = y;
        }
    }

  /* Fewer than two points: nothing to draw. */
  g_clear_pointer (&segments, g_free);
  g_assert_cmpuint (wm_layout_get_curve_segments (layout, emotion, "nobody", &segments), ==, 0);
  g_assert_null (segments);
}

static void
test_monotone (void)
{
  static const double values[] = { -3, 3, 2.9, -1, -1, 3, 0.5, 0.6, -2.5, 3, 3, -3 };
  static const double ats[] = { 0.1, 0.9, 0.0, 0.5, 0.5, 0.2, 0.8, 0.5, 0.05, 0.95, 0.5, 0.5 };
  /* A gentle rise into a steep one: the averaged tangent at 0.1 is 15
   * times the first segment's slope, which only Fritsch–Carlson's
   * limiter (α² + β² ≤ 9) keeps from overshooting 0.1. */
  static const double steep[] = { 0, 0.1, 3, 2.9, -3 };
  static const double centred[] = { 0.5, 0.5, 0.5, 0.5, 0.5 };

  assert_monotone_curve (values, ats, G_N_ELEMENTS (values));
  assert_monotone_curve (steep, centred, G_N_ELEMENTS (steep));
}

static void
test_value_y (void)
{
  static const double values[] = { 1, -2 };
  g_autoptr(WmDocument) doc = make_document (2, "en");
  g_autoptr(WmLayout) layout = NULL;
  cairo_rectangle_t lane;
  double prev = -G_MAXDOUBLE;

  add_lane (doc, "feel", WM_LANE_EMOTION, "Emotion");
  add_curve (doc, "p", values, NULL, 2);
  layout = wm_layout_new (doc, WM_THEME_LIGHT);
  g_assert_true (wm_layout_get_lane_rect (layout, 0, &lane));

  for (double v = 3.0; v >= -3.0; v -= 0.25)
    {
      double y = wm_layout_value_to_y (layout, 0, v);
      g_assert_cmpfloat (fabs (wm_layout_y_to_value (layout, 0, y) - v), <, 1e-9);
      g_assert_cmpfloat (y, >, prev);   /* up is more */
      g_assert_cmpfloat (y, >=, lane.y);
      g_assert_cmpfloat (y, <=, lane.y + lane.height);
      prev = y;
    }
  /* Dragging past the ends clamps. */
  g_assert_cmpfloat (wm_layout_y_to_value (layout, 0, lane.y - 1000), ==, 3.0);
  g_assert_cmpfloat (wm_layout_y_to_value (layout, 0, lane.y + 5000), ==, -3.0);
}

static void
test_hit (void)
{
  static const double values[] = { 2, -1, 0.5 };
  g_autoptr(WmDocument) doc = make_document (3, "en");
  WmLane *touch = add_lane (doc, "touch", WM_LANE_TOUCHPOINTS, "Touchpoints");
  WmLane *feel = add_lane (doc, "feel", WM_LANE_EMOTION, "Emotion");
  WmLane *pain = add_lane (doc, "pain", WM_LANE_PAINS, "Pains");
  WmCurve *curve = add_curve (doc, "p", values, NULL, 3);
  g_autoptr(WmMoment) moment = wm_moment_new ("m1", WM_MOMENT_AHA, "p", "s1");
  g_autoptr(WmLayout) layout = NULL;
  GPtrArray *cards = g_ptr_array_new ();
  cairo_rectangle_t r;
  WmHit hit;
  GListModel *points;

  wm_moment_set_text (moment, "A rain shelter and a campfire!");
  wm_moment_set_at (moment, 0.2);
  g_list_store_append (wm_document_get_moments (doc), moment);
  g_ptr_array_add (cards, add_card (touch, "t1", "s0", "Reads guides online"));
  g_ptr_array_add (cards, add_card (touch, "t2", "s0", "Asks friends"));
  g_ptr_array_add (cards, add_card (touch, "t3", "s2", "Books by phone"));
  g_ptr_array_add (cards, add_card (pain, "p1", "s1", "Traffic jam for an hour"));
  wm_card_set_touchpoint (cards->pdata[0], WM_TOUCHPOINT_FIRST);
  wm_card_set_key (cards->pdata[0], TRUE);
  wm_card_set_channel (cards->pdata[0], "Xiaohongshu");
  wm_card_set_span (cards->pdata[3], 2);
  layout = wm_layout_new (doc, WM_THEME_LIGHT);

  for (guint i = 0; i < cards->len; i++)
    {
      g_assert_true (wm_layout_get_item_rect (layout, cards->pdata[i], &r));
      g_assert_true (wm_layout_hit_test (layout, r.x + r.width / 2, r.y + r.height / 2, &hit));
      g_assert_cmpint (hit.kind, ==, WM_HIT_CARD);
      g_assert_true (hit.item == cards->pdata[i]);
      /* A spanning card is hit in its second column too. */
      g_assert_true (wm_layout_hit_test (layout, r.x + r.width - 2, r.y + 2, &hit));
      g_assert_true (hit.item == cards->pdata[i]);
    }

  /* Curve points, within a few points of their centre. */
  points = G_LIST_MODEL (wm_curve_get_points (curve));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(WmCurvePoint) point = g_list_model_get_item (points, i);
      cairo_rectangle_t stage;
      double x, y;

      g_assert_true (wm_layout_get_stage_rect (layout, i, &stage));
      x = stage.x + 0.5 * stage.width;
      y = wm_layout_value_to_y (layout, 1, values[i]);
      g_assert_true (wm_layout_hit_test (layout, x + 4, y - 4, &hit));
      g_assert_cmpint (hit.kind, ==, WM_HIT_CURVE_POINT);
      g_assert_true (hit.item == G_OBJECT (point));
      g_assert_cmpint (hit.stage, ==, (int) i);
      g_assert_cmpint (hit.lane, ==, 1);
      g_assert_true (wm_layout_get_item_rect (layout, G_OBJECT (point), &r));
      g_assert_cmpfloat (fabs (r.x + r.width / 2 - x), <, EPS);
      /* Far from it: the emotion cell. */
      g_assert_true (wm_layout_hit_test (layout, x + 40, y, &hit));
      g_assert_true (hit.kind == WM_HIT_CELL || hit.kind == WM_HIT_MOMENT);
    }

  /* The moment: its marker and its callout. */
  g_assert_true (wm_layout_get_item_rect (layout, G_OBJECT (moment), &r));
  g_assert_true (wm_layout_hit_test (layout, r.x + r.width / 2, r.y + r.height / 2, &hit));
  g_assert_cmpint (hit.kind, ==, WM_HIT_MOMENT);
  g_assert_true (hit.item == G_OBJECT (moment));
  g_assert_true (wm_layout_get_callout_rect (layout, moment, &r));
  g_assert_true (wm_layout_hit_test (layout, r.x + r.width / 2, r.y + r.height / 2, &hit));
  g_assert_cmpint (hit.kind, ==, WM_HIT_MOMENT);
  g_assert_true (hit.item == G_OBJECT (moment));

  /* Headers, cells, the title, a persona, nothing. */
  g_assert_true (wm_layout_get_stage_header_rect (layout, 2, &r));
  g_assert_true (wm_layout_hit_test (layout, r.x + 5, r.y + 5, &hit));
  g_assert_cmpint (hit.kind, ==, WM_HIT_STAGE_HEADER);
  g_assert_cmpint (hit.stage, ==, 2);
  g_assert_true (WM_IS_STAGE (hit.item));
  g_assert_true (wm_layout_get_lane_header_rect (layout, 2, &r));
  g_assert_true (wm_layout_hit_test (layout, r.x + 5, r.y + r.height - 2, &hit));
  g_assert_cmpint (hit.kind, ==, WM_HIT_LANE_HEADER);
  g_assert_true (hit.item == G_OBJECT (pain));
  g_assert_true (wm_layout_get_cell_rect (layout, 0, 1, &r));
  g_assert_true (wm_layout_hit_test (layout, r.x + r.width / 2, r.y + r.height - 2, &hit));
  g_assert_cmpint (hit.kind, ==, WM_HIT_CELL);
  g_assert_cmpint (hit.stage, ==, 1);
  g_assert_cmpint (hit.lane, ==, 0);
  g_assert_null (hit.item);
  g_assert_true (wm_layout_get_item_rect (layout, G_OBJECT (doc), &r));
  g_assert_true (wm_layout_hit_test (layout, r.x + 2, r.y + r.height / 2, &hit));
  g_assert_cmpint (hit.kind, ==, WM_HIT_TITLE);
  {
    g_autoptr(WmPersona) persona = g_list_model_get_item (G_LIST_MODEL (wm_document_get_personas (doc)), 0);
    g_assert_true (wm_layout_get_item_rect (layout, G_OBJECT (persona), &r));
    g_assert_true (wm_layout_hit_test (layout, r.x + r.width / 2, r.y + r.height / 2, &hit));
    g_assert_cmpint (hit.kind, ==, WM_HIT_PERSONA);
    g_assert_true (hit.item == G_OBJECT (persona));
  }
  g_assert_false (wm_layout_hit_test (layout, -10, -10, &hit));
  g_assert_cmpint (hit.kind, ==, WM_HIT_NONE);
  (void) feel;
  g_ptr_array_unref (cards);
}

static void
test_chinese_wrap (void)
{
  g_autoptr(WmDocument) doc = make_document (2, "zh-CN");
  WmLane *lane = add_lane (doc, "pain", WM_LANE_PAINS, "痛点");
  WmCard *zh = add_card (lane, "a", "s0",
                         "进山的路上交通拥堵超过一个小时指示牌也不清楚错过了两个出口烧烤的炭两个小时都点不着也没有人来帮忙");
  WmCard *url = add_card (lane, "b", "s1",
                          "https://example.com/a/really/long/path/without/any/spaces/at/all/that/must/wrap/somewhere");
  g_autoptr(WmLayout) layout = wm_layout_new (doc, WM_THEME_LIGHT);
  cairo_rectangle_t text, cell;
  double width;
  guint lines;

  lines = wm_layout_get_text_lines (layout, G_OBJECT (zh), &width);
  g_assert_true (wm_layout_get_text_rect (layout, G_OBJECT (zh), &text));
  g_assert_true (wm_layout_get_cell_rect (layout, 0, 0, &cell));
  g_assert_cmpuint (lines, >=, 3);
  g_assert_cmpfloat (width, <=, text.width + EPS);
  g_assert_cmpfloat (width, >, text.width * 0.8);   /* lines are filled */
  g_assert_cmpfloat (text.width, <, cell.width);

  lines = wm_layout_get_text_lines (layout, G_OBJECT (url), &width);
  g_assert_true (wm_layout_get_text_rect (layout, G_OBJECT (url), &text));
  g_assert_cmpuint (lines, >=, 2);
  g_assert_cmpfloat (width, <=, text.width + EPS);
  assert_cards_sane (layout, doc);
}

/* The layout breaks lines itself (for speed); it must agree with Pango's
 * own PANGO_WRAP_WORD_CHAR on ordinary text. */
static void
test_pango_agrees (void)
{
  static const char *texts[] = {
    "Reads online guides, wary of over-edited influencer photos",
    "Books by phone, pays by WeChat transfer — slightly anxious about it",
    "Traffic into the mountains jammed for over an hour; unclear signs, two exits missed",
    "进山交通拥堵 1 小时以上，指示牌不清楚，错过了两个出口。",
    "到了营地才发现：厕所离帐篷和水源都很远，晚上还下起了暴雨，又冷又湿。",
    "Line one\nLine two\n\nLine four",
    "Supercalifragilisticexpialidocious-antidisestablishmentarianism words",
  };
  g_autoptr(WmDocument) doc = make_document (1, "zh-CN");
  WmLane *lane = add_lane (doc, "act", WM_LANE_ACTIONS, "Actions");
  GPtrArray *cards = g_ptr_array_new ();
  g_autoptr(WmLayout) layout = NULL;
  g_autoptr(PangoLayout) pl = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      g_ptr_array_add (cards, add_card (lane, id, "s0", texts[i]));
    }
  layout = wm_layout_new (doc, WM_THEME_LIGHT);
  pl = pango_layout_new (wm_layout_get_pango_context (layout));
  pango_layout_set_font_description (pl, wm_layout_get_font (layout));
  pango_layout_set_wrap (pl, PANGO_WRAP_WORD_CHAR);

  for (guint i = 0; i < cards->len; i++)
    {
      cairo_rectangle_t text;
      guint ours, theirs;

      g_assert_true (wm_layout_get_text_rect (layout, cards->pdata[i], &text));
      ours = wm_layout_get_text_lines (layout, cards->pdata[i], NULL);
      pango_layout_set_width (pl, (int) (text.width * PANGO_SCALE));
      pango_layout_set_text (pl, texts[i], -1);
      theirs = pango_layout_get_line_count (pl);
      g_test_message ("\"%s\": %u lines, Pango %u", texts[i], ours, theirs);
      g_assert_cmpuint (ours, ==, theirs);
    }
  g_ptr_array_unref (cards);
}

static void
test_callouts (void)
{
  static const double values[] = { 1, 2, -1 };
  g_autoptr(WmDocument) doc = make_document (3, "en");
  g_autoptr(GPtrArray) moments = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(WmLayout) layout = NULL;
  cairo_rectangle_t lane;

  add_lane (doc, "feel", WM_LANE_EMOTION, "Emotion");
  add_lane (doc, "pain", WM_LANE_PAINS, "Pains");
  add_curve (doc, "p", values, NULL, 3);
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *id = g_strdup_printf ("m%u", i);
      WmMoment *m = wm_moment_new (id, i % 2 ? WM_MOMENT_MICRO : WM_MOMENT_AHA, "p", i < 6 ? "s1" : "s2");
      wm_moment_set_at (m, 0.1 * i);
      wm_moment_set_text (m, i == 3 ? "A much longer callout text that needs to wrap over a few lines to fit" : "Short");
      g_list_store_append (wm_document_get_moments (doc), m);
      g_ptr_array_add (moments, m);
    }
  layout = wm_layout_new (doc, WM_THEME_LIGHT);
  g_assert_true (wm_layout_get_lane_rect (layout, 0, &lane));

  for (guint i = 0; i < moments->len; i++)
    {
      cairo_rectangle_t a;
      g_assert_true (wm_layout_get_callout_rect (layout, moments->pdata[i], &a));
      g_assert_true (rect_inside (&a, &lane));
      for (guint j = 0; j < i; j++)
        {
          cairo_rectangle_t b;
          g_assert_true (wm_layout_get_callout_rect (layout, moments->pdata[j], &b));
          g_assert_false (rects_overlap (&a, &b));
        }
    }
}

static void
test_newlines (void)
{
  g_autoptr(WmDocument) doc = make_document (1, "en");
  WmLane *lane = add_lane (doc, "n", WM_LANE_NOTES, NULL);
  WmCard *card = add_card (lane, "a", "s0", "one\n\nthree\n");
  WmCard *empty = add_card (lane, "b", "s0", "");
  g_autoptr(WmLayout) layout = wm_layout_new (doc, WM_THEME_DARK);

  g_assert_cmpuint (wm_layout_get_text_lines (layout, G_OBJECT (card), NULL), ==, 3);
  g_assert_cmpuint (wm_layout_get_text_lines (layout, G_OBJECT (empty), NULL), ==, 0);
  assert_cards_sane (layout, doc);
}

static void
test_empty (void)
{
  WmDocument *doc = wm_document_new ();
  WmLayout *layout = wm_layout_new (doc, WM_THEME_HIGH_CONTRAST);
  double w, h;
  WmHit hit;

  wm_layout_get_size (layout, &w, &h);
  g_assert_cmpfloat (w, >, 0);
  g_assert_cmpfloat (h, >, 0);
  g_assert_cmpint (wm_layout_get_emotion_lane (layout), ==, -1);
  g_assert_false (wm_layout_get_stage_rect (layout, 0, NULL));
  g_assert_false (wm_layout_get_lane_rect (layout, 0, NULL));
  wm_layout_hit_test (layout, w / 2, h / 2, &hit);
  g_assert_finalize_object (layout);
  g_assert_finalize_object (doc);
}

static void
test_theme_keeps_geometry (void)
{
  g_autoptr(WmDocument) doc = make_document (2, "en");
  WmLane *lane = add_lane (doc, "a", WM_LANE_ACTIONS, "Actions");
  WmCard *card = add_card (lane, "a", "s1", "Some text that wraps onto a second line, probably");
  g_autoptr(WmLayout) layout = wm_layout_new (doc, WM_THEME_LIGHT);
  cairo_rectangle_t a, b;

  g_assert_true (wm_layout_get_item_rect (layout, G_OBJECT (card), &a));
  wm_layout_set_theme (layout, WM_THEME_DARK);
  g_assert_true (wm_layout_get_style (layout)->theme == WM_THEME_DARK);
  g_assert_true (wm_layout_get_item_rect (layout, G_OBJECT (card), &b));
  g_assert_cmpmem (&a, sizeof a, &b, sizeof b);
}

static char *
template_path (const char *lang,
               const char *name)
{
  const char *datadir = g_getenv ("WAYMARK_DATADIR");

  if (datadir != NULL)
    return g_build_filename (datadir, "templates", lang, name, NULL);
  return g_test_build_filename (G_TEST_DIST, "..", "..", "data", "templates", lang, name, NULL);
}

static void
test_templates (void)
{
  static const char *langs[] = { "zh-CN", "en" };
  static const char *names[] = {
    "camping.waymark", "insurance.waymark", "b2b-services.waymark",
    "customer-service.waymark", "blank.waymark",
  };

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    for (guint n = 0; n < G_N_ELEMENTS (names); n++)
      {
        g_autofree char *path = template_path (langs[l], names[n]);
        g_autoptr(GFile) file = g_file_new_for_path (path);
        g_autoptr(GError) error = NULL;
        g_autoptr(WmDocument) doc = NULL;
        g_autoptr(WmLayout) layout = NULL;
        GListModel *moments;

        if (!g_file_test (path, G_FILE_TEST_EXISTS))
          {
            g_test_message ("%s: missing", path);
            continue;
          }
        doc = wm_reader_load_file (file, &error);
        g_assert_no_error (error);
        layout = wm_layout_new (doc, WM_THEME_LIGHT);
        assert_cards_sane (layout, doc);

        moments = G_LIST_MODEL (wm_document_get_moments (doc));
        for (guint i = 0; i < g_list_model_get_n_items (moments); i++)
          for (guint j = 0; j < i; j++)
            {
              g_autoptr(WmMoment) a = g_list_model_get_item (moments, i);
              g_autoptr(WmMoment) b = g_list_model_get_item (moments, j);
              cairo_rectangle_t ra, rb;
              if (wm_layout_get_callout_rect (layout, a, &ra) &&
                  wm_layout_get_callout_rect (layout, b, &rb))
                g_assert_false (rects_overlap (&ra, &rb));
            }
      }
}

static void
test_big (void)
{
  g_autoptr(WmDocument) doc = make_document (250, "en");
  g_autoptr(WmLayout) layout = NULL;
  static const WmLaneKind kinds[] = {
    WM_LANE_ACTIONS, WM_LANE_ACTIONS, WM_LANE_TOUCHPOINTS, WM_LANE_THOUGHTS,
    WM_LANE_PAINS, WM_LANE_NEEDS, WM_LANE_OPPORTUNITIES, WM_LANE_NOTES,
  };
  gint64 start;
  double ms, w, h;
  guint n = 0;

  for (guint l = 0; l < G_N_ELEMENTS (kinds); l++)
    {
      g_autofree char *lid = g_strdup_printf ("l%u", l);
      WmLane *lane = add_lane (doc, lid, kinds[l], NULL);
      for (guint s = 0; s < 250; s++)
        {
          g_autofree char *id = g_strdup_printf ("c%u", n++);
          g_autofree char *stage = g_strdup_printf ("s%u", s);
          g_autofree char *text = g_strdup_printf ("Card %u: compare the price, call support, wait in the queue %u", n, s);
          WmCard *card = add_card (lane, id, stage, text);
          if (kinds[l] == WM_LANE_PAINS)
            wm_card_set_severity (card, 1 + s % 5);
        }
    }
  layout = wm_layout_new (doc, WM_THEME_LIGHT);
  start = g_get_monotonic_time ();
  wm_layout_get_size (layout, &w, &h);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_test_message ("2,000 cards laid out in %.1f ms (%.0f × %.0f)", ms, w, h);
  g_assert_cmpfloat (w, >, 250 * 200);
  assert_cards_sane (layout, doc);
}

/* The incremental layout (measurements kept across relayouts) must give
 * exactly what a fresh layout of the same document gives. */
static void
assert_same_as_fresh (WmLayout   *layout,
                      WmDocument *doc)
{
  g_autoptr(WmLayout) fresh = wm_layout_new (doc, WM_THEME_LIGHT);
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (doc));
  double w1, h1, w2, h2;

  wm_layout_get_size (layout, &w1, &h1);
  wm_layout_get_size (fresh, &w2, &h2);
  g_assert_cmpfloat (w1, ==, w2);
  g_assert_cmpfloat (h1, ==, h2);

  for (guint l = 0; l < g_list_model_get_n_items (lanes); l++)
    {
      g_autoptr(WmLane) lane = g_list_model_get_item (lanes, l);
      GListModel *cards = G_LIST_MODEL (wm_lane_get_cards (lane));

      for (guint c = 0; c < g_list_model_get_n_items (cards); c++)
        {
          g_autoptr(GObject) card = g_list_model_get_item (cards, c);
          cairo_rectangle_t a, b;

          g_assert_true (wm_layout_get_item_rect (layout, card, &a));
          g_assert_true (wm_layout_get_item_rect (fresh, card, &b));
          g_assert_cmpfloat (a.x, ==, b.x);
          g_assert_cmpfloat (a.y, ==, b.y);
          g_assert_cmpfloat (a.width, ==, b.width);
          g_assert_cmpfloat (a.height, ==, b.height);
        }
    }
}

static WmCard *
card_at (WmDocument *doc,
         guint       lane,
         guint       position)
{
  g_autoptr(WmLane) l = g_list_model_get_item (G_LIST_MODEL (wm_document_get_lanes (doc)), lane);
  g_autoptr(WmCard) card = g_list_model_get_item (G_LIST_MODEL (wm_lane_get_cards (l)), position);

  return card;
}

static void
test_incremental (void)
{
  const char *datadir = g_getenv ("WAYMARK_DATADIR");
  g_autofree char *path = g_build_filename (datadir, "templates", "zh-CN", "camping.waymark", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) doc = wm_reader_load_file (file, &error);
  g_autoptr(WmLayout) layout = NULL;
  g_autoptr(WmLane) first_lane = NULL;
  g_autoptr(WmCard) added = NULL;
  WmCard *card;

  g_assert_no_error (error);
  layout = wm_layout_new (doc, WM_THEME_LIGHT);
  wm_layout_update (layout);

  /* Longer text: that card grows, the ones under it move. */
  card = card_at (doc, 0, 0);
  wm_card_set_text (card, "一段很长很长的文字，让这张卡片多出好几行，下面的卡片都得往下挪一挪才对。"
                          " And some English words too, to wrap at spaces.");
  wm_document_emit_changed (doc);
  assert_same_as_fresh (layout, doc);

  /* Attributes that change a card's rows, and a span. */
  card = card_at (doc, 1, 0);
  wm_card_set_touchpoint (card, WM_TOUCHPOINT_NONE);
  wm_card_set_key (card, TRUE);
  wm_card_set_channel (card, "一个很长的渠道名称，长到放不进标签那一行");
  wm_card_set_span (card, 2);
  wm_document_emit_changed (doc);
  assert_same_as_fresh (layout, doc);

  /* A card moves to another stage; one goes away; one arrives. */
  card = card_at (doc, 0, 1);
  wm_card_set_stage (card, wm_item_get_id (g_list_model_get_item (G_LIST_MODEL (wm_document_get_stages (doc)), 4)));
  g_object_unref (g_list_model_get_item (G_LIST_MODEL (wm_document_get_stages (doc)), 4));
  first_lane = g_list_model_get_item (G_LIST_MODEL (wm_document_get_lanes (doc)), 0);
  g_list_store_remove (wm_lane_get_cards (first_lane), 0);
  added = wm_card_new ("fresh-card", wm_card_get_stage (card), "新的卡片");
  g_list_store_append (wm_lane_get_cards (first_lane), added);
  wm_document_emit_changed (doc);
  assert_same_as_fresh (layout, doc);

  /* Another language: every measurement is redone. */
  wm_document_set_lang (doc, "en");
  wm_document_emit_changed (doc);
  assert_same_as_fresh (layout, doc);
}

static void
assert_clipped (const char *text,
                guint       max_chars,
                guint       max_lines,
                const char *expected)
{
  g_autofree char *clipped = wm_layout_dup_clipped_text (text, max_chars, max_lines);

  g_assert_cmpstr (clipped, ==, expected);
}

/* Text for Pango outside the map: bounded in characters and lines, on
 * one line when asked, with the same caps on marks and tabs as the map's
 * own text; short text comes back as it was. */
static void
test_clipped_text (void)
{
  g_autoptr(GString) marks = g_string_new ("Z");
  g_autoptr(GString) tabs = g_string_new (NULL);
  g_autofree char *text = NULL;

  g_assert_null (wm_layout_dup_clipped_text (NULL, 10, 1));
  assert_clipped ("", 10, 1, "");
  assert_clipped ("露营\n攻略", 10, 2, "露营\n攻略");

  /* Characters, not bytes. */
  assert_clipped ("周末露营攻略", 4, 1, "周末露营…");
  assert_clipped ("周末露营", 4, 1, "周末露营");

  /* Lines: breaks past the last allowed line become spaces; one line
   * turns tabs into spaces too (a tab in a table row shifts its columns). */
  assert_clipped ("a\nb\r\nc\u2028d\te", 100, 2, "a\nb  c d\te");
  assert_clipped ("a\nb\td", 100, 1, "a b d");

  /* 32,000 accents on one letter: 30 are kept (as when the map draws it). */
  for (guint i = 0; i < 32000; i++)
    g_string_append (marks, "\xcc\x81");
  text = wm_layout_dup_clipped_text (marks->str, 100000, 1);
  g_assert_cmpuint (g_utf8_strlen (text, -1), ==, 31);
  g_clear_pointer (&text, g_free);

  /* Tabs past the 256th go, on a text of many lines. */
  for (guint i = 0; i < 1000; i++)
    g_string_append (tabs, "\t");
  text = wm_layout_dup_clipped_text (tabs->str, 100000, 10);
  g_assert_cmpuint (strlen (text), ==, 256);
}

static int
compare_rect_y (gconstpointer a,
                gconstpointer b)
{
  const cairo_rectangle_t *ra = a, *rb = b;

  return (ra->y > rb->y) - (ra->y < rb->y);
}

/* 40,000 moments on one stage: the callouts
 * used to be stacked by testing each against every one placed before it,
 * again after each move (1.7 s for 20,000 moments, 57 s for a PDF of
 * 100,000). They must still not overlap. */
static void
test_layout_moments_one_stage (void)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
                                         "  <title>One stage, many moments</title>\n"
                                         "  <persona id=\"p\"/>\n"
                                         "  <stage id=\"s1\"/>\n"
                                         "  <lane id=\"e\" kind=\"emotion\"/>\n");
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(WmLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TestCpuTimer) timer = NULL;
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  GListModel *moments;
  guint n = 40000;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (xml, "  <moment id=\"m%u\" kind=\"%s\" persona=\"p\" stage=\"s1\" at=\"%.1f\"/>\n",
                            i, i % 2 ? "aha" : "micro", (i % 11) / 10.0);
  g_string_append (xml, "</map>\n");
  document = wm_reader_load_data (xml->str, xml->len, "moments.waymark", &error);
  g_assert_no_error (error);

  /* The layout alone: the PDF of so many callouts takes cairo seconds
   * (bin/waymark: 3.6 s of CPU for 20,000, as for 20,000 cards). */
  timer = test_cpu_timer_new ();
  layout = wm_layout_new (document, WM_THEME_LIGHT);
  wm_layout_update (layout);
  g_test_message ("%u moments on one stage: laid out in %.2f s", n, test_cpu_timer_elapsed (timer));

  moments = G_LIST_MODEL (wm_document_get_moments (document));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmMoment) moment = g_list_model_get_item (moments, i);
      cairo_rectangle_t rect;

      g_assert_true (wm_layout_get_callout_rect (layout, moment, &rect));
      g_array_append_val (rects, rect);
    }
  /* Every callout spans the stage's middle, so sorted by height each must
   * end above the next. */
  g_array_sort (rects, compare_rect_y);
  for (guint i = 1; i < rects->len; i++)
    {
      cairo_rectangle_t *a = &g_array_index (rects, cairo_rectangle_t, i - 1);
      cairo_rectangle_t *b = &g_array_index (rects, cairo_rectangle_t, i);

      if (a->x + a->width > b->x && b->x + b->width > a->x)
        g_assert_cmpfloat (a->y + a->height, <=, b->y);
    }
}

/* The fast path for plain ASCII text finds the same break opportunities,
 * spaces and clusters as Pango, on random text of its alphabet and on
 * text just outside it. */
static void
test_log_attrs_fast_path (void)
{
  static const char alphabet[] = ",.aZ09 <>&";  /* , and . are outside */
  static const char *fixed[] = { "", " ", "  a", "a  b ", "1,2 x.y", "R&D <beta> 3.5", "a-b c", "x\ny", "née" };
  PangoLanguage *en = pango_language_from_string ("en");
  g_autoptr(GRand) rand = g_rand_new_with_seed (16);

  for (guint t = 0; t < G_N_ELEMENTS (fixed) + 2000; t++)
    {
      char buf[64];
      const char *text = buf;
      int length, n_chars;
      PangoLogAttr ours[64] = { 0 }, theirs[64] = { 0 };

      if (t < G_N_ELEMENTS (fixed))
        text = fixed[t];
      else
        {
          int n = g_rand_int_range (rand, 0, 40);

          for (int i = 0; i < n; i++)
            /* Every other text within the fast path's alphabet. */
            buf[i] = alphabet[g_rand_int_range (rand, t % 2 == 0 ? 0 : 2, sizeof alphabet - 1)];
          buf[n] = '\0';
        }
      length = strlen (text);
      n_chars = g_utf8_strlen (text, length);
      _wm_layout_log_attrs (text, length, en, ours, n_chars + 1);
      pango_get_log_attrs (text, length, -1, en, theirs, n_chars + 1);
      for (int i = 0; i < n_chars; i++)
        {
          if (ours[i].is_line_break != theirs[i].is_line_break ||
              ours[i].is_mandatory_break != theirs[i].is_mandatory_break ||
              ours[i].is_white != theirs[i].is_white ||
              ours[i].is_cursor_position != theirs[i].is_cursor_position)
            g_error ("“%s”: the attributes of character %d differ from Pango’s (%d%d%d%d, %d%d%d%d)", text, i, ours[i].is_line_break, ours[i].is_mandatory_break, ours[i].is_white, ours[i].is_cursor_position, theirs[i].is_line_break, theirs[i].is_mandatory_break, theirs[i].is_white, theirs[i].is_cursor_position);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/Layout/cells-grow", test_cells_grow);
  g_test_add_func ("/Waymark/Layout/stacked", test_stacked);
  g_test_add_func ("/Waymark/Layout/span", test_span);
  g_test_add_func ("/Waymark/Layout/monotone", test_monotone);
  g_test_add_func ("/Waymark/Layout/value-y", test_value_y);
  g_test_add_func ("/Waymark/Layout/hit", test_hit);
  g_test_add_func ("/Waymark/Layout/log-attrs-fast-path", test_log_attrs_fast_path);
  g_test_add_func ("/Waymark/Layout/chinese-wrap", test_chinese_wrap);
  g_test_add_func ("/Waymark/Layout/pango-agrees", test_pango_agrees);
  g_test_add_func ("/Waymark/Layout/callouts", test_callouts);
  g_test_add_func ("/Waymark/Layout/newlines", test_newlines);
  g_test_add_func ("/Waymark/Layout/empty", test_empty);
  g_test_add_func ("/Waymark/Layout/theme-keeps-geometry", test_theme_keeps_geometry);
  g_test_add_func ("/Waymark/Layout/templates", test_templates);
  g_test_add_func ("/Waymark/Layout/big", test_big);
  g_test_add_func ("/Waymark/Layout/incremental", test_incremental);
  g_test_add_func ("/Waymark/Layout/clipped-text", test_clipped_text);
  g_test_add_func ("/Waymark/Layout/moments-one-stage", test_layout_moments_one_stage);

  return g_test_run ();
}
