/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "wm-evidence.h"
#include "wm-layout-private.h"

#define CHIP_WIDTH      260.0
#define HEADER_MIN_W    760.0
#define TEXT_MAX_W      1000.0
#define CARD_MIN_H      30.0
#define LANE_MIN_H      64.0
#define STAGE_PAD       10.0
#define STAGE_NUMBER    20.0
#define LANE_ICON       18.0
#define SCALE_ZONE      30.0
#define FOOTER_ICON     12.0
#define LEGEND_GAP      18.0

struct _WmLayoutClass
{
  GObjectClass parent_class;
};

G_DEFINE_FINAL_TYPE (WmLayout, wm_layout, G_TYPE_OBJECT)

/* ---------------------------------------------------------------- labels */

/* In the map's language (wm-map-text.h). */
const char *
wm_layout_label (WmLayout *self,
                 int       label)
{
  return wm_map_label (self->map_lang, label);
}

/* ----------------------------------------------------------- geometry */

static void
clear_geometry (WmLayout *self)
{
  for (guint i = 0; i < self->cards->len; i++)
    g_object_unref (g_array_index (self->cards, WmCardGeom, i).card);
  for (guint i = 0; i < self->lanes->len; i++)
    g_object_unref (g_array_index (self->lanes, WmLaneGeom, i).lane);
  for (guint i = 0; i < self->stages->len; i++)
    g_object_unref (g_array_index (self->stages, WmStageGeom, i).stage);
  for (guint i = 0; i < self->metrics->len; i++)
    g_object_unref (g_array_index (self->metrics, WmMetricGeom, i).metric);
  for (guint i = 0; i < self->personas->len; i++)
    g_object_unref (g_array_index (self->personas, WmPersonaGeom, i).persona);
  for (guint i = 0; i < self->curves->len; i++)
    g_object_unref (g_array_index (self->curves, WmCurveGeom, i).curve);
  for (guint i = 0; i < self->knots->len; i++)
    g_object_unref (g_array_index (self->knots, WmKnot, i).point);
  for (guint i = 0; i < self->moments->len; i++)
    g_object_unref (g_array_index (self->moments, WmMomentGeom, i).moment);

  g_array_set_size (self->cards, 0);
  g_clear_pointer (&self->card_index, g_hash_table_unref);
  g_array_set_size (self->lanes, 0);
  g_array_set_size (self->stages, 0);
  g_array_set_size (self->metrics, 0);
  g_array_set_size (self->personas, 0);
  g_array_set_size (self->goals, 0);
  g_array_set_size (self->curves, 0);
  g_array_set_size (self->knots, 0);
  g_array_set_size (self->moments, 0);
  g_array_set_size (self->legend, 0);
  g_array_set_size (self->lines, 0);
  g_clear_pointer (&self->stage_first, g_free);
  self->n_stages = 0;
}

static const char *
touchpoint_tag (WmLayout     *self,
                WmTouchpoint  tp)
{
  switch (tp)
    {
    case WM_TOUCHPOINT_PRE:    return wm_layout_label (self, WM_LABEL_TAG_PRE);
    case WM_TOUCHPOINT_FIRST:  return wm_layout_label (self, WM_LABEL_TAG_FIRST);
    case WM_TOUCHPOINT_CORE:   return wm_layout_label (self, WM_LABEL_TAG_CORE);
    case WM_TOUCHPOINT_MISSED: return wm_layout_label (self, WM_LABEL_TAG_MISSED);
    case WM_TOUCHPOINT_NONE:
    default:                   return NULL;
    }
}

/* Sizes @geom->height and its parts from its card's attributes; x, y and
 * width are the caller's. Re-measuring one card is this call. */
void
wm_layout_measure_card (WmLayout   *self,
                        WmCardGeom *geom)
{
  const WmStyle *st = self->style;
  WmCard *card = geom->card;
  WmTouchpoint tp = wm_card_get_touchpoint (card);
  const char *channel = wm_card_get_channel (card);
  const char *owner = wm_card_get_owner (card);
  guint frequency = wm_card_get_frequency (card);
  double inner = geom->width - 2 * st->card_padding - 2.0;
  double y = st->card_padding;
  double pdca = _wm_layout_pdca_width (self, card);

  geom->text = wm_card_get_text (card);
  geom->has_meta = tp != WM_TOUCHPOINT_NONE || wm_card_get_key (card) ||
                   wm_card_get_severity (card) > 0 || frequency > 0 || pdca > 0;
  geom->channel_inline = FALSE;
  geom->channel.n = geom->owner.n = 0;
  geom->channel.width = geom->owner.width = 0.0f;

  if (channel != NULL && channel[0] == '\0')
    channel = NULL;
  if (owner != NULL && owner[0] == '\0')
    owner = NULL;

  if (geom->has_meta)
    {
      double left = pdca, right = 0.0;

      geom->meta_y = y;
      if (tp != WM_TOUCHPOINT_NONE)
        left += wm_layout_seg_width (self, WM_FONT_SMALL_BOLD, touchpoint_tag (self, tp), -1)
                + 2 * WM_BADGE_PAD + 6.0;
      if (wm_card_get_severity (card) > 0)
        left += WM_DOTS_WIDTH + 6.0;
      if (wm_card_get_key (card))
        right += 16.0;
      if (frequency > 0)
        {
          char buf[32];
          g_snprintf (buf, sizeof buf, "×%u", frequency);
          right += wm_layout_seg_width (self, WM_FONT_SMALL_BOLD, buf, -1) + 2 * WM_BADGE_PAD + 4.0;
        }
      if (channel != NULL &&
          FOOTER_ICON + wm_layout_seg_width (self, WM_FONT_SMALL, channel, -1) <= inner - left - right &&
          strchr (channel, '\n') == NULL)
        {
          geom->channel_inline = TRUE;
          _wm_layout_measure_text (self, WM_FONT_SMALL, channel, inner - left - right, &geom->channel);
        }
      y += wm_layout_meta_height (self) + 5.0;
    }

  geom->body_y = y;
  _wm_layout_measure_text (self, WM_FONT_BODY, geom->text, inner, &geom->body);
  y += _wm_layout_block_height (self, WM_FONT_BODY, &geom->body);

  if (channel != NULL && !geom->channel_inline)
    {
      y += 4.0;
      geom->channel_y = y;
      _wm_layout_measure_text (self, WM_FONT_SMALL, channel, inner - FOOTER_ICON, &geom->channel);
      y += _wm_layout_block_height (self, WM_FONT_SMALL, &geom->channel);
    }
  if (owner != NULL)
    {
      y += 4.0;
      geom->owner_y = y;
      _wm_layout_measure_text (self, WM_FONT_SMALL, owner, inner - FOOTER_ICON, &geom->owner);
      y += _wm_layout_block_height (self, WM_FONT_SMALL, &geom->owner);
    }
  y += st->card_padding;
  geom->height = MAX (y, CARD_MIN_H);
}

int
_wm_layout_lookup_index (GHashTable *table,
                         const char *id)
{
  if (id == NULL)
    return -1;
  return GPOINTER_TO_INT (g_hash_table_lookup (table, id)) - 1;
}

static void
layout_personas (WmLayout *self,
                 double    top,
                 double    content_w)
{
  const WmStyle *st = self->style;
  GListModel *model = G_LIST_MODEL (wm_document_get_personas (self->document));
  guint n = g_list_model_get_n_items (model);
  double x = self->grid_x, row_y = top, row_h = 0.0;
  guint row_first = 0;

  for (guint i = 0; i < n; i++)
    {
      WmPersonaGeom pg = { 0 };
      const char * const *goals;
      const char *color;
      double y = 12.0, w = CHIP_WIDTH - 24.0;

      pg.persona = g_list_model_get_item (model, i);
      color = wm_persona_get_color (pg.persona);
      if (color == NULL || !wm_rgba_parse (&pg.color, color))
        wm_style_persona_color (st, i, &pg.color);
      pg.hidden = wm_persona_get_hidden (pg.persona);

      _wm_layout_measure_text (self, WM_FONT_HEADER, wm_persona_get_name (pg.persona), w - 22.0, &pg.name);
      y += MAX (_wm_layout_block_height (self, WM_FONT_HEADER, &pg.name), 16.0);
      pg.description_y = y + 3.0;
      _wm_layout_measure_text (self, WM_FONT_SMALL, wm_persona_get_description (pg.persona), w, &pg.description);
      if (pg.description.n > 0)
        y += 3.0 + _wm_layout_block_height (self, WM_FONT_SMALL, &pg.description);

      pg.first_goal = self->goals->len;
      goals = wm_persona_get_goals (pg.persona);
      if (goals != NULL && goals[0] != NULL)
        y += 4.0;
      for (guint g = 0; goals != NULL && goals[g] != NULL; g++)
        {
          WmGoalGeom gg = { { 0 }, y + 2.0 };
          _wm_layout_measure_text (self, WM_FONT_SMALL, goals[g], w - 12.0, &gg.block);
          y += 2.0 + MAX (_wm_layout_block_height (self, WM_FONT_SMALL, &gg.block),
                          self->fonts[WM_FONT_SMALL].line_height);
          g_array_append_val (self->goals, gg);
          pg.n_goals++;
        }
      y += 12.0;

      if (x > self->grid_x && x + CHIP_WIDTH > self->grid_x + content_w)
        {
          for (guint k = row_first; k < self->personas->len; k++)
            g_array_index (self->personas, WmPersonaGeom, k).height = row_h;
          row_y += row_h + 12.0;
          row_h = 0.0;
          x = self->grid_x;
          row_first = self->personas->len;
        }
      pg.x = x;
      pg.y = row_y;
      pg.width = CHIP_WIDTH;
      pg.height = y;
      row_h = MAX (row_h, y);
      x += CHIP_WIDTH + 12.0;
      g_array_append_val (self->personas, pg);
    }
  for (guint k = row_first; k < self->personas->len; k++)
    g_array_index (self->personas, WmPersonaGeom, k).height = row_h;

  self->header_bottom = n > 0 ? row_y + row_h : top - 12.0;
}

static void
format_metric (WmMetricGeom *mg)
{
  static const char *names[] = { "NPS", "CES", "CSAT" };
  char num[G_ASCII_DTOSTR_BUF_SIZE];
  double v = mg->value;

  if (v == floor (v) && fabs (v) < 1e9)
    g_snprintf (num, sizeof num, "%d", (int) v);
  else
    g_ascii_formatd (num, sizeof num, "%.1f", v);
  g_snprintf (mg->label, sizeof mg->label, "%s %s%s",
              names[CLAMP ((int) mg->kind, 0, 2)], num,
              mg->kind == WM_METRIC_CSAT ? "%" : "");
}

static void
layout_stages (WmLayout   *self,
               GHashTable *stage_index)
{
  GListModel *model = G_LIST_MODEL (wm_document_get_stages (self->document));
  double sw = self->stage_width;
  double title_w = sw - 2 * STAGE_PAD - STAGE_NUMBER - 6.0 - 10.0;
  guint max_title_lines = 1;
  double max_below = 0.0;
  double pill_h = self->fonts[WM_FONT_SMALL_BOLD].line_height + 4.0;

  self->n_stages = g_list_model_get_n_items (model);
  for (guint i = 0; i < self->n_stages; i++)
    {
      WmStageGeom sg = { 0 };
      GListModel *metrics;
      double below = 0.0, px = 0.0, py;
      guint n_metrics;

      sg.stage = g_list_model_get_item (model, i);
      g_hash_table_insert (stage_index, (gpointer) wm_item_get_id (WM_ITEM (sg.stage)),
                           GINT_TO_POINTER (i + 1));
      _wm_layout_measure_text (self, WM_FONT_HEADER, wm_stage_get_title (sg.stage), title_w, &sg.title);
      max_title_lines = MAX (max_title_lines, sg.title.n);
      _wm_layout_measure_text (self, WM_FONT_SMALL, wm_stage_get_goal (sg.stage), sw - 2 * STAGE_PAD, &sg.goal);
      if (sg.goal.n > 0)
        below += _wm_layout_block_height (self, WM_FONT_SMALL, &sg.goal) + 6.0;

      metrics = G_LIST_MODEL (wm_stage_get_metrics (sg.stage));
      n_metrics = g_list_model_get_n_items (metrics);
      sg.first_metric = self->metrics->len;
      py = below;
      for (guint m = 0; m < n_metrics; m++)
        {
          WmMetricGeom mg = { 0 };

          mg.metric = g_list_model_get_item (metrics, m);
          mg.kind = wm_metric_get_kind (mg.metric);
          mg.value = wm_metric_get_value (mg.metric);
          format_metric (&mg);
          mg.width = wm_layout_seg_width (self, WM_FONT_SMALL_BOLD, mg.label, -1) + 2 * WM_BADGE_PAD + 4.0;
          mg.height = pill_h;
          if (px > 0.0 && px + mg.width > sw - 2 * STAGE_PAD)
            {
              px = 0.0;
              py += pill_h + 4.0;
            }
          mg.x = px;   /* relative to the stage's content box, fixed below */
          mg.y = py;
          px += mg.width + 4.0;
          g_array_append_val (self->metrics, mg);
          sg.n_metrics++;
        }
      if (n_metrics > 0)
        below = py + pill_h + 6.0;
      max_below = MAX (max_below, below);
      g_array_append_val (self->stages, sg);
    }

  self->stage_band_height = max_title_lines * self->fonts[WM_FONT_HEADER].line_height + 14.0;
  self->stage_header_height = self->stage_band_height + 10.0 + max_below + 4.0;

  /* Metric pills to absolute positions. */
  for (guint i = 0; i < self->n_stages; i++)
    {
      WmStageGeom *sg = &g_array_index (self->stages, WmStageGeom, i);
      for (guint m = 0; m < sg->n_metrics; m++)
        {
          WmMetricGeom *mg = &g_array_index (self->metrics, WmMetricGeom, sg->first_metric + m);
          mg->x += self->cols_x + i * sw + STAGE_PAD;
          mg->y += self->grid_y + self->stage_band_height + 10.0;
        }
    }
}

/* A card's measurement, kept across relayouts. Measuring (breaking text
 * into lines) is what a layout costs, and an edit changes one card: so a
 * keystroke re-measures that card and only moves the others. */
typedef struct
{
  guint64     serial;     /* wm_card_get_serial() when measured */
  double      width;
  guint       generation;
  WmCardGeom  geom;       /* the measured fields; blocks index into lines */
  WmTextLine *lines;
  guint       n_lines;
  /* What the measure depends on, for a card whose serial moved for
   * something else (moved to another stage or lane, recoloured). */
  char       *text;
  char       *channel;
  char       *owner;
  guint64     attrs;
  double      pdca;
} WmCardMeasure;

static void
card_measure_free (gpointer data)
{
  WmCardMeasure *m = data;

  g_free (m->lines);
  g_free (m->text);
  g_free (m->channel);
  g_free (m->owner);
  g_free (m);
}

/* The attributes a card's measure depends on besides its strings. */
static guint64
measured_attrs (WmCard *card)
{
  return (guint64) wm_card_get_frequency (card) << 32 |
         (guint64) MIN (wm_card_get_severity (card), 0xffffu) << 16 |
         (guint64) (wm_card_get_key (card) ? 1u << 8 : 0) | (guint64) (wm_card_get_touchpoint (card) & 0xff);
}

static gboolean
same_measured (WmLayout            *self,
               const WmCardMeasure *m,
               WmCard              *card)
{
  return m->attrs == measured_attrs (card) && m->pdca == _wm_layout_pdca_width (self, card) &&
         g_strcmp0 (m->text, wm_card_get_text (card)) == 0 &&
         g_strcmp0 (m->channel, wm_card_get_channel (card)) == 0 &&
         g_strcmp0 (m->owner, wm_card_get_owner (card)) == 0;
}

static void
rebase_block (WmTextBlock *block,
              int          delta)
{
  if (block->n > 0)
    block->first = (guint) ((int) block->first + delta);
}

static void
restore_measure (WmLayout            *self,
                 WmCardGeom          *cg,
                 const WmCardMeasure *m)
{
  int delta = (int) self->lines->len;

  g_array_append_vals (self->lines, m->lines, m->n_lines);
  cg->text = m->geom.text;
  cg->has_meta = m->geom.has_meta;
  cg->channel_inline = m->geom.channel_inline;
  cg->meta_y = m->geom.meta_y;
  cg->body_y = m->geom.body_y;
  cg->channel_y = m->geom.channel_y;
  cg->owner_y = m->geom.owner_y;
  cg->height = m->geom.height;
  cg->body = m->geom.body;
  cg->channel = m->geom.channel;
  cg->owner = m->geom.owner;
  rebase_block (&cg->body, delta);
  rebase_block (&cg->channel, delta);
  rebase_block (&cg->owner, delta);
}

static void
store_measure (WmLayout   *self,
               WmCardGeom *cg,
               guint       first_line)
{
  WmCardMeasure *m = g_hash_table_lookup (self->measures, cg->card);

  if (m == NULL)
    {
      m = g_new0 (WmCardMeasure, 1);
      g_hash_table_insert (self->measures, cg->card, m);
    }

  g_free (m->lines);
  m->n_lines = self->lines->len - first_line;
  m->lines = g_memdup2 (&g_array_index (self->lines, WmTextLine, first_line),
                        sizeof (WmTextLine) * m->n_lines);
  m->serial = wm_card_get_serial (cg->card);
  m->width = cg->width;
  m->geom = *cg;
  g_free (m->text);
  g_free (m->channel);
  g_free (m->owner);
  m->text = g_strdup (wm_card_get_text (cg->card));
  m->channel = g_strdup (wm_card_get_channel (cg->card));
  m->owner = g_strdup (wm_card_get_owner (cg->card));
  m->attrs = measured_attrs (cg->card);
  m->pdca = _wm_layout_pdca_width (self, cg->card);
  rebase_block (&m->geom.body, -(int) first_line);
  rebase_block (&m->geom.channel, -(int) first_line);
  rebase_block (&m->geom.owner, -(int) first_line);
}

static void
measure_card_cached (WmLayout   *self,
                     WmCardGeom *cg)
{
  WmCardMeasure *m = g_hash_table_lookup (self->measures, cg->card);

  if (m != NULL && m->width == cg->width &&
      (m->serial == wm_card_get_serial (cg->card) || same_measured (self, m, cg->card)))
    {
      restore_measure (self, cg, m);
      /* The text drawn is the card's string now, equal to the one measured. */
      cg->text = m->geom.text = wm_card_get_text (cg->card);
      m->serial = wm_card_get_serial (cg->card);
    }
  else
    {
      guint first_line = self->lines->len;

      wm_layout_measure_card (self, cg);
      store_measure (self, cg, first_line);
      m = g_hash_table_lookup (self->measures, cg->card);
    }
  m->generation = self->generation;
}

static gboolean
measure_is_stale (gpointer key,
                  gpointer value,
                  gpointer user_data)
{
  WmCardMeasure *m = value;

  return m->generation != GPOINTER_TO_UINT (user_data);
}

static void
layout_lanes (WmLayout   *self,
              GHashTable *stage_index)
{
  const WmStyle *st = self->style;
  GListModel *model = G_LIST_MODEL (wm_document_get_lanes (self->document));
  guint n_lanes = g_list_model_get_n_items (model);
  guint ns = self->n_stages;
  double sw = self->stage_width;
  double y = self->grid_y + self->stage_header_height;
  double *bottom = g_new (double, MAX (ns, 1));
  guint *fill = g_new (guint, ns + 1);
  int *card_stage = NULL;
  guint card_stage_len = 0;

  self->stage_first = g_new0 (guint, (gsize) MAX (n_lanes, 1) * (ns + 1));

  for (guint l = 0; l < n_lanes; l++)
    {
      WmLaneGeom lg = { 0 };
      GListModel *cards;
      guint n_cards, *first = self->stage_first + (gsize) l * (ns + 1);
      double top, title_w, head_h, lane_bottom = 0.0;
      const char *title;

      lg.lane = g_list_model_get_item (model, l);
      lg.kind = wm_lane_get_kind (lg.lane);
      lg.y = y;
      title = wm_lane_get_title (lg.lane);
      if (title == NULL || title[0] == '\0')
        title = wm_layout_label (self, WM_LABEL_LANE_ACTIONS + CLAMP ((int) lg.kind, 0, 7));
      title_w = st->lane_header_width - 12.0 - LANE_ICON - 8.0 - 10.0;
      if (lg.kind == WM_LANE_EMOTION)
        title_w -= SCALE_ZONE;
      _wm_layout_measure_text (self, WM_FONT_HEADER, title, title_w, &lg.title);
      head_h = 14.0 + MAX (LANE_ICON, _wm_layout_block_height (self, WM_FONT_HEADER, &lg.title)) + 14.0;

      top = 0.0;
      if (lg.kind == WM_LANE_EMOTION)
        {
          lg.plot_height = st->emotion_height;
          lg.callout_y = lg.plot_height + 4.0;
          top = lg.callout_y + (self->callouts_height > 0 ? self->callouts_height + 10.0 : 0.0);
        }

      /* Cards by stage, stable: a counting sort. */
      cards = G_LIST_MODEL (wm_lane_get_cards (lg.lane));
      n_cards = g_list_model_get_n_items (cards);
      if (n_cards > card_stage_len)
        {
          card_stage_len = MAX (n_cards, card_stage_len * 2);
          card_stage = g_renew (int, card_stage, card_stage_len);
        }
      lg.first_card = self->cards->len;
      for (guint c = 0; c < n_cards; c++)
        {
          WmCard *card = g_list_model_get_item (cards, c);
          int s = _wm_layout_lookup_index (stage_index, wm_card_get_stage (card));
          card_stage[c] = s;
          if (s >= 0)
            first[s + 1]++;
          g_object_unref (card);
        }
      for (guint s = 0; s < ns; s++)
        first[s + 1] += first[s];
      lg.n_cards = first[ns];
      g_array_set_size (self->cards, lg.first_card + lg.n_cards);
      memcpy (fill, first, sizeof (guint) * (ns + 1));
      for (guint c = 0; c < n_cards; c++)
        if (card_stage[c] >= 0)
          {
            WmCardGeom *cg = &g_array_index (self->cards, WmCardGeom,
                                             lg.first_card + fill[card_stage[c]]++);
            memset (cg, 0, sizeof *cg);
            cg->card = g_list_model_get_item (cards, c);
            cg->stage = card_stage[c];
          }

      /* A skyline per lane: each card sits under whatever is already in
       * the columns it covers, so cells grow and nothing overlaps. */
      for (guint s = 0; s < ns; s++)
        bottom[s] = top + st->cell_padding;
      lg.max_span = 1;
      for (guint c = 0; c < lg.n_cards; c++)
        {
          WmCardGeom *cg = &g_array_index (self->cards, WmCardGeom, lg.first_card + c);
          double cy = 0.0;

          cg->lane = l;
          cg->span = CLAMP (wm_card_get_span (cg->card), 1u, ns - cg->stage);
          lg.max_span = MAX (lg.max_span, cg->span);
          for (guint s = cg->stage; s < cg->stage + cg->span; s++)
            cy = MAX (cy, bottom[s]);
          cg->x = self->cols_x + cg->stage * sw + st->cell_padding;
          cg->width = cg->span * sw - 2 * st->cell_padding;
          cg->y = y + cy;
          measure_card_cached (self, cg);
          for (guint s = cg->stage; s < cg->stage + cg->span; s++)
            bottom[s] = cy + cg->height + st->card_gap;
          lane_bottom = MAX (lane_bottom, cy + cg->height + st->cell_padding);
        }
      lg.height = MAX (MAX (LANE_MIN_H, head_h), MAX (lane_bottom, top));
      y += lg.height;
      g_array_append_val (self->lanes, lg);
    }
  self->grid_bottom = y;
  /* Cards gone from the map (deleted, or only in the undo stack) let go. */
  g_hash_table_foreach_remove (self->measures, measure_is_stale, GUINT_TO_POINTER (self->generation));
  g_free (bottom);
  g_free (fill);
  g_free (card_stage);
}

static void
add_legend (WmLayout     *self,
            WmLegendKind  kind,
            int           arg,
            const char   *text,
            double        symbol_width)
{
  WmLegendItem item = { kind, arg, text, { 0 }, 0, 0, symbol_width, 0, 0 };

  _wm_layout_measure_text (self, kind == WM_LEGEND_HEADING ? WM_FONT_SMALL_BOLD : WM_FONT_SMALL,
                text, TEXT_MAX_W, &item.block);
  item.width = symbol_width + (symbol_width > 0 ? 6.0 : 0.0) + item.block.width;
  if (kind == WM_LEGEND_PERSONA)
    item.text = NULL;   /* the persona's; the renderer reads it afresh */
  item.height = MAX (self->fonts[WM_FONT_SMALL].line_height, 14.0);
  g_array_append_val (self->legend, item);
}

static void
layout_legend (WmLayout *self,
               double    content_w)
{
  gboolean tp = FALSE, key = FALSE, severity = FALSE, frequency = FALSE;
  gboolean aha = FALSE, micro = FALSE;
  double x, y, row_h;

  for (guint i = 0; i < self->cards->len; i++)
    {
      WmCard *card = g_array_index (self->cards, WmCardGeom, i).card;
      tp |= wm_card_get_touchpoint (card) != WM_TOUCHPOINT_NONE;
      key |= wm_card_get_key (card);
      severity |= wm_card_get_severity (card) > 0;
      frequency |= wm_card_get_frequency (card) > 0;
    }
  for (guint i = 0; i < self->moments->len; i++)
    {
      WmMomentGeom *mg = &g_array_index (self->moments, WmMomentGeom, i);
      aha |= mg->kind == WM_MOMENT_AHA;
      micro |= mg->kind == WM_MOMENT_MICRO;
    }

  add_legend (self, WM_LEGEND_HEADING, 0, wm_layout_label (self, WM_LABEL_LEGEND), 0.0);
  for (guint i = 0; i < self->personas->len; i++)
    {
      WmPersonaGeom *pg = &g_array_index (self->personas, WmPersonaGeom, i);
      if (!pg->hidden)
        add_legend (self, WM_LEGEND_PERSONA, i, wm_persona_get_name (pg->persona), 24.0);
    }
  if (aha)
    add_legend (self, WM_LEGEND_AHA, 0, wm_layout_label (self, WM_LABEL_AHA), 14.0);
  if (micro)
    add_legend (self, WM_LEGEND_MICRO, 0, wm_layout_label (self, WM_LABEL_MICRO), 14.0);
  if (tp)
    for (int t = WM_TOUCHPOINT_PRE; t <= WM_TOUCHPOINT_MISSED; t++)
      add_legend (self, WM_LEGEND_TOUCHPOINT, t,
                  wm_layout_label (self, WM_LABEL_TP_PRE + t - WM_TOUCHPOINT_PRE), 22.0);
  if (key)
    add_legend (self, WM_LEGEND_KEY, 0, wm_layout_label (self, WM_LABEL_KEY), 14.0);
  if (severity)
    add_legend (self, WM_LEGEND_SEVERITY, 0, wm_layout_label (self, WM_LABEL_SEVERITY), WM_DOTS_WIDTH);
  if (frequency)
    add_legend (self, WM_LEGEND_FREQUENCY, 0, wm_layout_label (self, WM_LABEL_FREQUENCY), 26.0);
  if (wm_evidence_any_basis (self->document))
    for (int b = WM_EVIDENCE_DATA; b >= WM_EVIDENCE_ASSUMPTION; b--)
      add_legend (self, WM_LEGEND_EVIDENCE, b,
                  wm_layout_label (self, WM_LABEL_EV_DATA + WM_EVIDENCE_DATA - b), 10.0);

  if (self->legend->len == 1)
    {
      g_array_set_size (self->legend, 0);
      self->legend_y = self->grid_bottom;
      return;
    }

  self->legend_y = self->grid_bottom + 20.0;
  x = self->grid_x;
  y = self->legend_y;
  row_h = 0.0;
  for (guint i = 0; i < self->legend->len; i++)
    {
      WmLegendItem *item = &g_array_index (self->legend, WmLegendItem, i);
      if (x > self->grid_x && x + item->width > self->grid_x + content_w)
        {
          x = self->grid_x;
          y += row_h + 8.0;
          row_h = 0.0;
        }
      item->x = x;
      item->y = y;
      x += item->width + LEGEND_GAP;
      row_h = MAX (row_h, item->height);
    }
  self->legend_y = y + row_h;
}

static void
relayout (WmLayout *self)
{
  const WmStyle *st = self->style;
  GHashTable *stage_index = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *persona_index = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *personas;
  guint n_stages;
  double grid_w, content_w, text_w, y;
  const char *title;

  clear_geometry (self);
  _wm_layout_sync_context (self);
  self->generation++;
  /* The width caches outlive layouts, so edits re-measure little; a long
   * session's worth of old words is let go now and then. */
  for (guint i = 0; i < WM_N_FONTS; i++)
    if (g_hash_table_size (self->fonts[i].widths) > 200000)
      g_hash_table_remove_all (self->fonts[i].widths);

  personas = G_LIST_MODEL (wm_document_get_personas (self->document));
  n_stages = g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (self->document)));
  self->stage_width = st->stage_width;
  self->grid_x = st->margin;
  self->cols_x = self->grid_x + st->lane_header_width;
  grid_w = st->lane_header_width + n_stages * self->stage_width;
  content_w = MAX (grid_w, HEADER_MIN_W);
  text_w = MIN (content_w, TEXT_MAX_W);

  /* The header: title, scenario, personas. */
  title = wm_document_get_title (self->document);
  if (title == NULL || title[0] == '\0')
    title = wm_layout_label (self, WM_LABEL_UNTITLED);
  self->title_y = st->margin;
  _wm_layout_measure_text (self, WM_FONT_TITLE, title, text_w, &self->title);
  y = self->title_y + _wm_layout_block_height (self, WM_FONT_TITLE, &self->title);
  _wm_layout_measure_text (self, WM_FONT_SCENARIO, wm_document_get_scenario (self->document), text_w, &self->scenario);
  self->scenario_y = y + 4.0;
  if (self->scenario.n > 0)
    y = self->scenario_y + _wm_layout_block_height (self, WM_FONT_SCENARIO, &self->scenario);
  for (guint i = 0, n = g_list_model_get_n_items (personas); i < n; i++)
    {
      WmPersona *p = g_list_model_get_item (personas, i);
      g_hash_table_insert (persona_index, (gpointer) wm_item_get_id (WM_ITEM (p)),
                           GINT_TO_POINTER (i + 1));
      g_object_unref (p);  /* the list keeps it; geometry takes its own */
    }
  layout_personas (self, y + 16.0, content_w);
  self->grid_y = self->header_bottom + 24.0;

  /* The grid. */
  layout_stages (self, stage_index);
  _wm_layout_curves (self, stage_index, persona_index);
  _wm_layout_moments (self, stage_index, persona_index);
  layout_lanes (self, stage_index);
  layout_legend (self, content_w);

  self->width = st->margin + content_w + st->margin;
  for (guint i = 0; i < self->legend->len; i++)
    {
      WmLegendItem *item = &g_array_index (self->legend, WmLegendItem, i);
      self->width = MAX (self->width, item->x + item->width + st->margin);
    }
  self->height = self->legend_y + st->margin;

  g_hash_table_unref (stage_index);
  g_hash_table_unref (persona_index);
  self->dirty = FALSE;
}

/* ------------------------------------------------------------ GObject */

static void
document_changed_cb (WmLayout *self)
{
  self->dirty = TRUE;
}

static void
wm_layout_finalize (GObject *object)
{
  WmLayout *self = WM_LAYOUT (object);

  clear_geometry (self);
  _wm_layout_clear_fonts (self);
  g_clear_object (&self->measure);
  g_clear_pointer (&self->shaped, g_hash_table_unref);
  g_clear_object (&self->draw);
  g_clear_object (&self->context);
  g_clear_pointer (&self->lines, g_array_unref);
  g_clear_pointer (&self->measures, g_hash_table_unref);
  g_clear_pointer (&self->cards, g_array_unref);
  g_clear_pointer (&self->card_index, g_hash_table_unref);
  g_clear_pointer (&self->lanes, g_array_unref);
  g_clear_pointer (&self->stages, g_array_unref);
  g_clear_pointer (&self->metrics, g_array_unref);
  g_clear_pointer (&self->personas, g_array_unref);
  g_clear_pointer (&self->goals, g_array_unref);
  g_clear_pointer (&self->curves, g_array_unref);
  g_clear_pointer (&self->knots, g_array_unref);
  g_clear_pointer (&self->moments, g_array_unref);
  g_clear_pointer (&self->legend, g_array_unref);
  g_clear_pointer (&self->lang, g_free);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (wm_layout_parent_class)->finalize (object);
}

static void
wm_layout_class_init (WmLayoutClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_layout_finalize;
}

static void
wm_layout_init (WmLayout *self)
{
  cairo_font_options_t *options;

  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  /* Positions stay fractional: the same at every zoom and in a PDF. */
  pango_context_set_round_glyph_positions (self->context, FALSE);

  self->measure = pango_layout_new (self->context);
  pango_layout_set_single_paragraph_mode (self->measure, TRUE);
  self->draw = pango_layout_new (self->context);
  pango_layout_set_single_paragraph_mode (self->draw, TRUE);
  self->measure_font = self->draw_font = WM_N_FONTS;
  self->shaped = _wm_layout_shaped_new ();

  self->lines = g_array_new (FALSE, FALSE, sizeof (WmTextLine));
  self->measures = g_hash_table_new_full (NULL, NULL, NULL, card_measure_free);
  self->cards = g_array_new (FALSE, FALSE, sizeof (WmCardGeom));
  self->lanes = g_array_new (FALSE, FALSE, sizeof (WmLaneGeom));
  self->stages = g_array_new (FALSE, FALSE, sizeof (WmStageGeom));
  self->metrics = g_array_new (FALSE, FALSE, sizeof (WmMetricGeom));
  self->personas = g_array_new (FALSE, FALSE, sizeof (WmPersonaGeom));
  self->goals = g_array_new (FALSE, FALSE, sizeof (WmGoalGeom));
  self->curves = g_array_new (FALSE, FALSE, sizeof (WmCurveGeom));
  self->knots = g_array_new (FALSE, FALSE, sizeof (WmKnot));
  self->moments = g_array_new (FALSE, FALSE, sizeof (WmMomentGeom));
  self->legend = g_array_new (FALSE, FALSE, sizeof (WmLegendItem));
  self->dirty = TRUE;
}

WmLayout *
wm_layout_new (WmDocument *document,
               WmTheme     theme)
{
  WmLayout *self;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  self = g_object_new (WM_TYPE_LAYOUT, NULL);
  self->document = g_object_ref (document);
  self->theme = theme;
  self->style = wm_style_get (theme);
  g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb),
                           self, G_CONNECT_SWAPPED);
  return self;
}

WmDocument *
wm_layout_get_document (WmLayout *self)
{
  g_return_val_if_fail (WM_IS_LAYOUT (self), NULL);
  return self->document;
}

const WmStyle *
wm_layout_get_style (WmLayout *self)
{
  g_return_val_if_fail (WM_IS_LAYOUT (self), NULL);
  return self->style;
}

static gboolean
same_sizes (const WmStyle *a,
            const WmStyle *b)
{
  return g_strcmp0 (a->font_family, b->font_family) == 0 &&
         a->font_size == b->font_size && a->title_font_size == b->title_font_size &&
         a->header_font_size == b->header_font_size && a->small_font_size == b->small_font_size &&
         a->stage_width == b->stage_width && a->lane_header_width == b->lane_header_width &&
         a->card_padding == b->card_padding && a->card_gap == b->card_gap &&
         a->cell_padding == b->cell_padding && a->emotion_height == b->emotion_height &&
         a->margin == b->margin;
}

void
wm_layout_set_theme (WmLayout *self,
                     WmTheme   theme)
{
  const WmStyle *style;

  g_return_if_fail (WM_IS_LAYOUT (self));

  style = wm_style_get (theme);
  self->theme = theme;
  if (style == self->style)
    return;
  /* Themes share their sizes: a switch repaints, it does not re-measure. */
  if (!same_sizes (style, self->style))
    {
      _wm_layout_clear_fonts (self);
      self->dirty = TRUE;
    }
  self->style = style;
  if (!self->dirty)
    {
      /* Persona fallback colors differ in high contrast. */
      for (guint i = 0; i < self->personas->len; i++)
        {
          WmPersonaGeom *pg = &g_array_index (self->personas, WmPersonaGeom, i);
          const char *color = wm_persona_get_color (pg->persona);
          if (color == NULL || !wm_rgba_parse (&pg->color, color))
            wm_style_persona_color (style, i, &pg->color);
        }
    }
}

void
wm_layout_update (WmLayout *self)
{
  g_return_if_fail (WM_IS_LAYOUT (self));

  if (self->dirty)
    relayout (self);
}

void
wm_layout_get_size (WmLayout *self,
                    double   *width,
                    double   *height)
{
  g_return_if_fail (WM_IS_LAYOUT (self));

  wm_layout_update (self);
  if (width)
    *width = self->width;
  if (height)
    *height = self->height;
}
