/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-summary.c - the stakeholder summary page, typeset with cairo + Pango
 *
 * The summary is a list of blocks (a heading, a paragraph, a list item),
 * each one PangoLayout measured once; pagination places whole blocks on
 * sheets, keeping a heading with what follows it. It uses the map's style
 * (fonts, colors) so it reads as part of the same document.
 *
 * Its headings follow the map's xml:lang, as the legend and the tags on
 * the map do (wm_layout_label), not the desktop's locale: a summary is
 * part of the document, so a Chinese map exported by an English batch job
 * still gets Chinese headings, and the same map exports the same anywhere.
 */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <string.h>

#include <pango/pangocairo.h>

#include "wm-enums.h"
#include "wm-evidence.h"
#include "wm-layout.h"
#include "wm-summary.h"
#include "wm-map-text.h"

#define MM            (72.0 / 25.4)
#define MARGIN        (18.0 * MM)
#define FOOTER        14.0
#define INDENT        16.0
#define MAX_PAINS     10
#define MAX_PAGES     200
/* A summary shows a paragraph of each text (the map shows all of it):
 * so many characters and lines of a card's text, of a name or title. */
#define TEXT_CHARS    1000
#define TEXT_LINES    12
#define NAME_CHARS    200
#define TITLE_LINES   3


typedef enum
{
  FONT_TITLE,
  FONT_HEADING,
  FONT_BODY,
  FONT_SMALL,
  N_FONTS
} Font;

typedef enum
{
  MARK_NONE,
  MARK_DOT,
  MARK_BADGE,
  MARK_DIAMOND,
} Mark;

typedef struct
{
  PangoLayout *layout;
  double       indent;   /* from the text column's left edge */
  double       before;   /* space above, dropped at the top of a sheet */
  double       height;
  gboolean     keep_with_next;
  gboolean     rule;     /* a hairline under it: section headings */
  Mark         mark;
  WmRgba       mark_color;
  char        *badge;
  guint        page;
  double       y;
} Block;

struct _WmSummary
{
  WmDocument           *document;
  const WmStyle        *style;
  PangoContext         *context;
  PangoFontDescription *fonts[N_FONTS];
  WmMapLang             lang;
  double                width;
  double                height;
  GArray               *blocks;  /* of Block */
  guint                 n_pages;
  char                 *footer;  /* the title, on one line */
  GPtrArray            *strings; /* clipped texts, while building */
};

static const char *
heading (WmSummary  *self,
         WmMapLabel  h)
{
  return wm_map_label (self->lang, h);
}

static char *
hex (const WmRgba *c)
{
  return g_strdup_printf ("#%02x%02x%02x",
                          (guint) CLAMP (c->r * 255 + 0.5, 0, 255),
                          (guint) CLAMP (c->g * 255 + 0.5, 0, 255),
                          (guint) CLAMP (c->b * 255 + 0.5, 0, 255));
}

static gboolean
is_empty (const char *s)
{
  return s == NULL || *s == '\0';
}

/* Every text from the map goes through clip() before Pango sees it:
 * Pango wraps and ellipsizes the summary itself, in time that grows with
 * the square of a paragraph (see wm_layout_dup_clipped_text), and a block
 * taller than a sheet would run off it. */
static const char *
clip (WmSummary  *self,
      const char *text,
      guint       max_chars,
      guint       max_lines)
{
  char *clipped = wm_layout_dup_clipped_text (text, max_chars, max_lines);

  if (clipped != NULL)
    g_ptr_array_add (self->strings, clipped);
  return clipped;
}

static const char *
paragraph (WmSummary  *self,
           const char *text)
{
  return clip (self, text, TEXT_CHARS, TEXT_LINES);
}

static const char *
name (WmSummary  *self,
      const char *text)
{
  return clip (self, text, NAME_CHARS, 1);
}

static Block *
add_block (WmSummary  *self,
           Font        font,
           const char *markup,
           double      indent,
           double      before)
{
  Block block = { 0 };
  g_autofree char *copy = NULL;
  gsize length = strlen (markup);
  const char *shaped;
  int h;

  /* Every block's text is capped as the map's is (runs of marks, tabs):
   * a title of 32,000 accents took 5.4 s to shape here. Markup tags and
   * escapes are ASCII, so they end any run and are never cut. */
  shaped = wm_layout_shaped_text (markup, &length, &copy);
  block.layout = pango_layout_new (self->context);
  block.indent = indent;
  block.before = before;
  pango_layout_set_font_description (block.layout, self->fonts[font]);
  pango_layout_set_width (block.layout, pango_units_from_double (self->width - 2 * MARGIN - indent));
  pango_layout_set_wrap (block.layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_spacing (block.layout, pango_units_from_double (font == FONT_BODY ? 2.0 : 1.0));
  pango_layout_set_markup (block.layout, shaped, length);
  pango_layout_get_size (block.layout, NULL, &h);
  block.height = pango_units_to_double (h);

  g_array_append_val (self->blocks, block);
  return &g_array_index (self->blocks, Block, self->blocks->len - 1);
}

static void
add_section (WmSummary  *self,
             WmMapLabel  h)
{
  g_autofree char *color = hex (&self->style->accent);
  g_autofree char *markup = g_markup_printf_escaped ("<span foreground='%s'>%s</span>",
                                                     color, heading (self, h));
  Block *block = add_block (self, FONT_HEADING, markup, 0, 16.0);

  block->keep_with_next = TRUE;
  block->rule = TRUE;
  block->height += 4.0;
}

/* An item: @text, and under it in small muted type @meta (may be NULL).
 * The indent is set here, before the text is measured: a block made
 * narrower after it was measured wraps to more lines than its height
 * says, and overlapped the next one. */
static Block *
add_item (WmSummary  *self,
          double      indent,
          const char *text,
          const char *meta,
          Mark        mark,
          const WmRgba *mark_color)
{
  g_autofree char *muted = hex (&self->style->muted);
  g_autofree char *markup = NULL;
  Block *block;

  if (!is_empty (meta))
    markup = g_markup_printf_escaped ("%s\n<span size='%d' foreground='%s'>%s</span>",
                                      is_empty (text) ? "—" : text,
                                      (int) (self->style->small_font_size * PANGO_SCALE),
                                      muted, meta);
  else
    markup = g_markup_printf_escaped ("%s", is_empty (text) ? "—" : text);

  block = add_block (self, FONT_BODY, markup, indent, 4.0);
  block->mark = mark;
  if (mark_color != NULL)
    block->mark_color = *mark_color;
  return block;
}

static const char *
stage_name (WmSummary *self,
            WmStage   *stage)
{
  const char *title = wm_stage_get_title (stage);

  return name (self, is_empty (title) ? wm_item_get_id (WM_ITEM (stage)) : title);
}

static const char *
stage_title (WmSummary  *self,
             const char *id)
{
  WmStage *stage = id != NULL ? wm_document_find_stage (self->document, id) : NULL;

  return stage != NULL ? stage_name (self, stage) : NULL;
}

static void
build_title (WmSummary *self)
{
  const char *title = clip (self, wm_document_get_title (self->document), NAME_CHARS, TITLE_LINES);
  guint stages = g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (self->document)));
  guint personas = g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_personas (self->document)));
  guint cards = wm_document_count_cards (self->document);
  g_autofree char *muted = hex (&self->style->muted);
  g_autofree char *markup = NULL;
  g_autofree char *counts = NULL;

  markup = g_markup_printf_escaped ("<b>%s</b>", is_empty (title) ? heading (self, WM_LABEL_UNTITLED) : title);
  add_block (self, FONT_TITLE, markup, 0, 0);
  g_clear_pointer (&markup, g_free);

  /* Chinese puts no space between a number and its measure word. */
  counts = g_strdup_printf (self->lang == WM_MAP_LANG_ZH ? "%s · %u%s · %u%s · %u%s" : "%s · %u %s · %u %s · %u %s",
                            heading (self, WM_LABEL_SUMMARY),
                            stages, heading (self, stages == 1 ? WM_LABEL_ONE_STAGE : WM_LABEL_N_STAGES),
                            personas, heading (self, personas == 1 ? WM_LABEL_ONE_PERSONA : WM_LABEL_N_PERSONAS),
                            cards, heading (self, cards == 1 ? WM_LABEL_ONE_CARD : WM_LABEL_N_CARDS));
  markup = g_markup_printf_escaped ("<span foreground='%s'>%s</span>", muted, counts);
  add_block (self, FONT_SMALL, markup, 0, 4.0);
}

static void
build_scenario (WmSummary *self)
{
  const char *scenario = paragraph (self, wm_document_get_scenario (self->document));
  g_autofree char *markup = NULL;

  if (is_empty (scenario))
    return;
  add_section (self, WM_LABEL_SCENARIO);
  markup = g_markup_escape_text (scenario, -1);
  add_block (self, FONT_BODY, markup, 0, 6.0);
}

static void
build_personas (WmSummary *self)
{
  GListModel *personas = G_LIST_MODEL (wm_document_get_personas (self->document));
  guint n = g_list_model_get_n_items (personas);

  if (n == 0)
    return;
  add_section (self, WM_LABEL_PERSONAS);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmPersona) persona = g_list_model_get_item (personas, i);
      const char *persona_name = name (self, is_empty (wm_persona_get_name (persona))
                                               ? wm_item_get_id (WM_ITEM (persona))
                                               : wm_persona_get_name (persona));
      const char *description = paragraph (self, wm_persona_get_description (persona));
      const char * const *goals = wm_persona_get_goals (persona);
      g_autofree char *markup = NULL;
      WmRgba color;
      Block *block;

      if (!wm_rgba_parse (&color, wm_persona_get_color (persona)))
        wm_style_persona_color (self->style, i, &color);

      markup = g_markup_printf_escaped ("<b>%s</b>", persona_name);
      block = add_block (self, FONT_BODY, markup, INDENT, 8.0);
      block->mark = MARK_DOT;
      block->mark_color = color;
      if (!is_empty (description))
        {
          g_autofree char *muted = hex (&self->style->muted);

          g_clear_pointer (&markup, g_free);
          markup = g_markup_printf_escaped ("<span foreground='%s'>%s</span>", muted, description);
          block = add_block (self, FONT_BODY, markup, INDENT, 2.0);
        }
      for (guint g = 0; goals != NULL && goals[g] != NULL; g++)
        add_item (self, 2 * INDENT, paragraph (self, goals[g]), NULL, MARK_DOT, &self->style->muted);
    }
}

static guint
pain_score (WmCard *card)
{
  return wm_card_get_severity (card) * MAX (1u, wm_card_get_frequency (card));
}

typedef struct
{
  WmCard *card;
  guint   order;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *ra = a, *rb = b;
  guint sa = pain_score (ra->card), sb = pain_score (rb->card);

  if (sa != sb)
    return sa > sb ? -1 : 1;
  return ra->order < rb->order ? -1 : ra->order > rb->order;
}

GPtrArray *
wm_summary_rank_pains (WmDocument *document)
{
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (document));
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (WM_IS_DOCUMENT (document), out);

  for (guint l = 0; l < g_list_model_get_n_items (lanes); l++)
    {
      g_autoptr(WmLane) lane = g_list_model_get_item (lanes, l);
      GListModel *cards = G_LIST_MODEL (wm_lane_get_cards (lane));

      if (wm_lane_get_kind (lane) != WM_LANE_PAINS)
        continue;
      for (guint c = 0; c < g_list_model_get_n_items (cards); c++)
        {
          g_autoptr(WmCard) card = g_list_model_get_item (cards, c);
          Ranked r = { card, ranked->len };

          g_array_append_val (ranked, r);
        }
    }

  /* g_array_sort is not stable; the order field keeps ties in map order. */
  g_array_sort (ranked, compare_ranked);
  for (guint i = 0; i < ranked->len; i++)
    g_ptr_array_add (out, g_array_index (ranked, Ranked, i).card);
  return out;
}

static void
build_pains (WmSummary *self)
{
  g_autoptr(GPtrArray) pains = wm_summary_rank_pains (self->document);
  g_autofree char *muted = hex (&self->style->muted);
  g_autofree char *note = NULL;

  if (pains->len == 0)
    return;
  add_section (self, WM_LABEL_PAINS);
  note = g_markup_printf_escaped ("<span foreground='%s'>%s</span>", muted, heading (self, WM_LABEL_PAINS_NOTE));
  add_block (self, FONT_SMALL, note, 0, 4.0)->keep_with_next = TRUE;

  for (guint i = 0; i < MIN (pains->len, MAX_PAINS); i++)
    {
      WmCard *card = g_ptr_array_index (pains, i);
      const char *stage = stage_title (self, wm_card_get_stage (card));
      guint severity = wm_card_get_severity (card);
      guint frequency = MAX (1u, wm_card_get_frequency (card));
      g_autofree char *meta = NULL;
      WmRgba color;
      double t = severity > 0 ? (MIN (severity, 5u) - 1) / 4.0 : 0.0;
      Block *block;

      meta = g_strdup_printf ("%s%s%s %u × %s %u = %u",
                              stage != NULL ? stage : "", stage != NULL ? " · " : "",
                              heading (self, WM_LABEL_SEVERITY_WORD), severity,
                              heading (self, WM_LABEL_FEEDBACK_WORD), frequency, severity * frequency);
      color.r = self->style->heat_low.r + t * (self->style->heat_high.r - self->style->heat_low.r);
      color.g = self->style->heat_low.g + t * (self->style->heat_high.g - self->style->heat_low.g);
      color.b = self->style->heat_low.b + t * (self->style->heat_high.b - self->style->heat_low.b);
      color.a = 1.0;
      block = add_item (self, INDENT + 6.0, paragraph (self, wm_card_get_text (card)), meta,
                        MARK_BADGE, &color);
      block->badge = g_strdup_printf ("%u", i + 1);
    }
}

/* Stage, status and due as columns of the line under an opportunity's
 * text (a map that uses PDCA; others keep the stage alone). */
static PangoTabArray *
pdca_tabs (WmSummary *self)
{
  double w = self->width - 2 * MARGIN - INDENT;

  return pango_tab_array_new_with_positions (2, FALSE,
                                             PANGO_TAB_LEFT, pango_units_from_double (w * 0.5),
                                             PANGO_TAB_LEFT, pango_units_from_double (w * 0.7));
}

static void
set_tabs (Block         *block,
          PangoTabArray *tabs)
{
  int h;

  /* Measured again: the line the tabs are in got its width from them. */
  pango_layout_set_tabs (block->layout, tabs);
  pango_layout_get_size (block->layout, NULL, &h);
  block->height = pango_units_to_double (h);
  pango_tab_array_free (tabs);
}

static void
add_pdca_header (WmSummary *self)
{
  g_autofree char *muted = hex (&self->style->muted);
  g_autofree char *markup = g_markup_printf_escaped ("<span size='%d' foreground='%s'><b>%s\t%s\t%s</b></span>",
                                                     (int) (self->style->small_font_size * PANGO_SCALE), muted,
                                                     heading (self, WM_LABEL_STAGE),
                                                     heading (self, WM_LABEL_STATUS),
                                                     heading (self, WM_LABEL_DUE));
  Block *block = add_block (self, FONT_BODY, markup, INDENT, 2.0);

  block->keep_with_next = TRUE;
  set_tabs (block, pdca_tabs (self));
}

static void
add_pdca_item (WmSummary    *self,
               WmCard       *card,
               const char   *stage,
               const WmRgba *color)
{
  WmPdcaStatus status = wm_evidence_get_status (self->document, WM_ITEM (card));
  const char *due = wm_evidence_get (self->document, WM_ITEM (card), "due");
  g_autofree char *where = g_strdup (stage != NULL ? stage : "—");
  g_autofree char *meta = NULL;
  Block *block;

  /* A tab or line break in a stage's name would shift the columns. */
  g_strdelimit (where, "\t\n\r", ' ');
  meta = g_strdup_printf ("%s\t%s\t%s", where,
                          status != WM_PDCA_NONE ? heading (self, WM_LABEL_PDCA_PLAN + status - WM_PDCA_PLAN) : "—",
                          due != NULL ? due : "—");
  block = add_item (self, INDENT, paragraph (self, wm_card_get_text (card)), meta, MARK_DOT, color);
  set_tabs (block, pdca_tabs (self));
}

static void
build_opportunities (WmSummary *self)
{
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (self->document));
  g_autoptr(GPtrArray) owners = g_ptr_array_new ();   /* in order of first use */
  g_autoptr(GHashTable) by_owner = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                           (GDestroyNotify) g_ptr_array_unref);
  const WmRgba *color = &self->style->lane_color[WM_LANE_OPPORTUNITIES];
  gboolean pdca = FALSE;   /* the table gets status and due columns */

  for (guint l = 0; l < g_list_model_get_n_items (lanes); l++)
    {
      g_autoptr(WmLane) lane = g_list_model_get_item (lanes, l);
      GListModel *cards = G_LIST_MODEL (wm_lane_get_cards (lane));

      if (wm_lane_get_kind (lane) != WM_LANE_OPPORTUNITIES)
        continue;
      for (guint c = 0; c < g_list_model_get_n_items (cards); c++)
        {
          g_autoptr(WmCard) card = g_list_model_get_item (cards, c);
          const char *owner = wm_card_get_owner (card);
          GPtrArray *list;

          /* "" stands for no owner; it sorts last below. */
          owner = is_empty (owner) ? "" : owner;
          list = g_hash_table_lookup (by_owner, owner);
          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (by_owner, (gpointer) owner, list);
              if (*owner != '\0')
                g_ptr_array_add (owners, (gpointer) owner);
            }
          g_ptr_array_add (list, card);
          pdca |= wm_evidence_get_status (self->document, WM_ITEM (card)) != WM_PDCA_NONE ||
                  wm_evidence_get (self->document, WM_ITEM (card), "due") != NULL;
        }
    }

  if (g_hash_table_size (by_owner) == 0)
    return;
  if (g_hash_table_contains (by_owner, ""))
    g_ptr_array_add (owners, (gpointer) "");

  add_section (self, WM_LABEL_OPPORTUNITIES);
  for (guint o = 0; o < owners->len; o++)
    {
      const char *owner = g_ptr_array_index (owners, o);
      GPtrArray *list = g_hash_table_lookup (by_owner, owner);
      g_autofree char *markup = NULL;

      markup = g_markup_printf_escaped ("<b>%s</b> (%u)", *owner != '\0' ? name (self, owner) : heading (self, WM_LABEL_NO_OWNER),
                                        list->len);
      add_block (self, FONT_BODY, markup, 0, 8.0)->keep_with_next = TRUE;
      if (pdca)
        add_pdca_header (self);
      for (guint i = 0; i < list->len; i++)
        {
          WmCard *card = g_ptr_array_index (list, i);
          const char *stage = stage_title (self, wm_card_get_stage (card));

          if (pdca)
            add_pdca_item (self, card, stage, color);
          else
            add_item (self, INDENT, paragraph (self, wm_card_get_text (card)), stage, MARK_DOT, color);
        }
    }
}

static void
build_metrics (WmSummary *self)
{
  GListModel *stages = G_LIST_MODEL (wm_document_get_stages (self->document));
  double column = (self->width - 2 * MARGIN) * 0.45;
  double step = (self->width - 2 * MARGIN - column) / 3;
  gboolean any = FALSE;
  g_autofree char *markup = NULL;
  Block *block;

  for (guint s = 0; s < g_list_model_get_n_items (stages) && !any; s++)
    {
      g_autoptr(WmStage) stage = g_list_model_get_item (stages, s);

      any = g_list_model_get_n_items (G_LIST_MODEL (wm_stage_get_metrics (stage))) > 0;
    }
  if (!any)
    return;

  add_section (self, WM_LABEL_METRICS);
  markup = g_markup_printf_escaped ("<b>%s\t%s\t%s\t%s</b>", heading (self, WM_LABEL_STAGE),
                                    wm_metric_kind_label (WM_METRIC_NPS),
                                    wm_metric_kind_label (WM_METRIC_CES),
                                    wm_metric_kind_label (WM_METRIC_CSAT));

  for (guint s = 0; s <= g_list_model_get_n_items (stages); s++)
    {
      PangoTabArray *tabs = pango_tab_array_new_with_positions (3, FALSE,
                                                                PANGO_TAB_LEFT, pango_units_from_double (column),
                                                                PANGO_TAB_LEFT, pango_units_from_double (column + step),
                                                                PANGO_TAB_LEFT, pango_units_from_double (column + 2 * step));

      if (s > 0)
        {
          g_autoptr(WmStage) stage = g_list_model_get_item (stages, s - 1);
          GListModel *metrics = G_LIST_MODEL (wm_stage_get_metrics (stage));
          char values[3][32] = { "—", "—", "—" };

          for (guint m = 0; m < g_list_model_get_n_items (metrics); m++)
            {
              g_autoptr(WmMetric) metric = g_list_model_get_item (metrics, m);
              guint kind = wm_metric_get_kind (metric);

              if (kind < 3)
                g_ascii_formatd (values[kind], sizeof values[kind], "%g", wm_metric_get_value (metric));
            }
          g_clear_pointer (&markup, g_free);
          /* One line without tabs, or the columns would shift. */
          markup = g_markup_printf_escaped ("%s\t%s\t%s\t%s",
                                            stage_name (self, stage),
                                            values[0], values[1], values[2]);
        }
      /* Tab stops must be set before the text is measured. */
      block = add_block (self, FONT_BODY, markup, 0, s == 0 ? 6.0 : 0.0);
      pango_layout_set_tabs (block->layout, tabs);
      pango_layout_set_ellipsize (block->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (block->layout, -1);
      {
        int h;

        pango_layout_get_size (block->layout, NULL, &h);
        block->height = pango_units_to_double (h) + 5.0;
      }
      block->rule = TRUE;
      block->keep_with_next = s == 0;
      pango_tab_array_free (tabs);
    }
}

/* How many of @stage's cards are backed by data, of how many. */
static void
count_data (WmSummary  *self,
            const char *stage,
            guint      *data,
            guint      *all)
{
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (self->document));

  *data = *all = 0;
  for (guint l = 0; l < g_list_model_get_n_items (lanes); l++)
    {
      g_autoptr(WmLane) lane = g_list_model_get_item (lanes, l);
      GListModel *cards = G_LIST_MODEL (wm_lane_get_cards (lane));

      for (guint c = 0; c < g_list_model_get_n_items (cards); c++)
        {
          g_autoptr(WmCard) card = g_list_model_get_item (cards, c);

          if (g_strcmp0 (wm_card_get_stage (card), stage) != 0)
            continue;
          *all += 1;
          *data += wm_evidence_get_basis (self->document, WM_ITEM (card)) == WM_EVIDENCE_DATA;
        }
    }
}

static char *
coverage_row (WmSummary *self,
              WmStage   *stage)
{
  g_autofree char *name = g_strdup (stage_name (self, stage));
  g_autofree char *share = NULL;
  guint data, all;

  count_data (self, wm_item_get_id (WM_ITEM (stage)), &data, &all);
  share = all > 0 ? g_strdup_printf ("%u%%", (data * 100 + all / 2) / all) : g_strdup ("—");
  g_strdelimit (name, "\t\n\r", ' ');
  return g_markup_printf_escaped ("%s\t%u / %u %s\t%s", name, data, all,
                                  heading (self, all == 1 ? WM_LABEL_ONE_CARD : WM_LABEL_N_CARDS),
                                  share);
}

/* Per stage, "3 / 7 cards" backed by data and the share: what a CX lead
 * can stand on, and where the map is still assumed. Only for a map that
 * says how its cards are known. */
static void
build_coverage (WmSummary *self)
{
  GListModel *stages = G_LIST_MODEL (wm_document_get_stages (self->document));
  double column = (self->width - 2 * MARGIN) * 0.45;
  double step = (self->width - 2 * MARGIN - column) / 2;
  guint n = g_list_model_get_n_items (stages);

  if (n == 0 || !wm_evidence_any_basis (self->document))
    return;

  add_section (self, WM_LABEL_DATA_COVERAGE);
  for (guint s = 0; s <= n; s++)
    {
      g_autofree char *markup = NULL;
      Block *block;

      if (s == 0)
        markup = g_markup_printf_escaped ("<b>%s\t%s\t%%</b>", heading (self, WM_LABEL_STAGE),
                                          heading (self, WM_LABEL_EV_DATA));
      else
        {
          g_autoptr(WmStage) stage = g_list_model_get_item (stages, s - 1);

          markup = coverage_row (self, stage);
        }
      block = add_block (self, FONT_BODY, markup, 0, s == 0 ? 6.0 : 0.0);
      /* One line, as the metrics' table. */
      pango_layout_set_ellipsize (block->layout, PANGO_ELLIPSIZE_END);
      set_tabs (block, pango_tab_array_new_with_positions (2, FALSE,
                                                           PANGO_TAB_LEFT, pango_units_from_double (column),
                                                           PANGO_TAB_LEFT, pango_units_from_double (column + step)));
      block->height += 5.0;
      block->rule = TRUE;
      block->keep_with_next = s == 0;
    }
}

static void
build_moments (WmSummary    *self,
               WmMomentKind  kind)
{
  GListModel *moments = G_LIST_MODEL (wm_document_get_moments (self->document));
  gboolean any = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (moments); i++)
    {
      g_autoptr(WmMoment) moment = g_list_model_get_item (moments, i);
      WmPersona *persona;
      const char *stage;
      g_autofree char *meta = NULL;

      if (wm_moment_get_kind (moment) != kind)
        continue;
      if (!any)
        add_section (self, kind == WM_MOMENT_AHA ? WM_LABEL_AHA_MOMENTS : WM_LABEL_MICRO_MOMENTS);
      any = TRUE;

      stage = stage_title (self, wm_moment_get_stage (moment));
      persona = wm_document_find_persona (self->document, wm_moment_get_persona (moment));
      meta = g_strdup_printf ("%s%s%s", stage != NULL ? stage : "",
                              stage != NULL && persona != NULL ? " · " : "",
                              persona != NULL && !is_empty (wm_persona_get_name (persona))
                                ? name (self, wm_persona_get_name (persona)) : "");
      add_item (self, INDENT, paragraph (self, wm_moment_get_text (moment)), meta, MARK_DIAMOND,
                kind == WM_MOMENT_AHA ? &self->style->aha : &self->style->micro);
    }
}

static void
paginate (WmSummary *self)
{
  double top = MARGIN;
  double bottom = self->height - MARGIN - FOOTER;
  double y = top;
  guint page = 0;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *b = &g_array_index (self->blocks, Block, i);
      double need = b->before + b->height;

      if (b->keep_with_next && i + 1 < self->blocks->len)
        {
          Block *next = &g_array_index (self->blocks, Block, i + 1);

          need += next->before + next->height;
        }
      if (y > top && y + need > bottom && page + 1 < MAX_PAGES)
        {
          page++;
          y = top;
        }
      b->page = page;
      b->y = y > top ? y + b->before : top;
      y = b->y + b->height;
    }

  self->n_pages = page + 1;
}

WmSummary *
wm_summary_new (WmDocument *document,
                WmTheme     theme,
                double      width,
                double      height)
{
  WmSummary *self;
  cairo_font_options_t *options;
  const char *lang;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  self = g_new0 (WmSummary, 1);
  self->document = g_object_ref (document);
  self->style = wm_style_get (theme);
  self->width = MAX (width, 4 * MARGIN);
  self->height = MAX (height, 4 * MARGIN);
  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  self->strings = g_ptr_array_new_with_free_func (g_free);

  lang = wm_document_get_lang (document);
  self->lang = wm_map_lang_from_tag (lang);

  /* As the layout measures: no hinting, so the sizes do not depend on the
   * device it lands on; the map's language picks Simplified Han forms. */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  if (lang != NULL)
    pango_context_set_language (self->context, pango_language_from_string (lang));

  for (guint f = 0; f < N_FONTS; f++)
    {
      double size = f == FONT_TITLE ? self->style->title_font_size
                  : f == FONT_HEADING ? self->style->header_font_size * 1.2
                  : f == FONT_BODY ? self->style->font_size
                  : self->style->small_font_size;

      self->fonts[f] = pango_font_description_from_string (self->style->font_family);
      pango_font_description_set_size (self->fonts[f], pango_units_from_double (size));
      if (f == FONT_HEADING)
        pango_font_description_set_weight (self->fonts[f], PANGO_WEIGHT_BOLD);
    }

  build_title (self);
  build_scenario (self);
  build_personas (self);
  build_pains (self);
  build_opportunities (self);
  build_metrics (self);
  build_coverage (self);
  build_moments (self, WM_MOMENT_AHA);
  build_moments (self, WM_MOMENT_MICRO);
  paginate (self);
  self->footer = wm_layout_dup_clipped_text (wm_document_get_title (self->document), NAME_CHARS, 1);
  g_clear_pointer (&self->strings, g_ptr_array_unref);

  return self;
}

void
wm_summary_free (WmSummary *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *b = &g_array_index (self->blocks, Block, i);

      g_object_unref (b->layout);
      g_free (b->badge);
    }
  g_array_unref (self->blocks);
  g_free (self->footer);
  for (guint f = 0; f < N_FONTS; f++)
    pango_font_description_free (self->fonts[f]);
  g_object_unref (self->context);
  g_object_unref (self->document);
  g_free (self);
}

char *
wm_summary_dup_text (WmSummary *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = &g_array_index (self->blocks, Block, i);

      g_string_append (text, pango_layout_get_text (block->layout));
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

guint
wm_summary_get_n_pages (WmSummary *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_pages;
}

static void
set_color (cairo_t      *cr,
           const WmRgba *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a > 0 ? c->a : 1.0);
}

static void
draw_mark (WmSummary   *self,
           cairo_t     *cr,
           const Block *b,
           double       x,
           double       y)
{
  /* Centred on the first line's x-height. */
  double cy = y + pango_units_to_double (pango_layout_get_baseline (b->layout)) - self->style->font_size * 0.35;
  double cx = x - 9.0;

  set_color (cr, &b->mark_color);
  switch (b->mark)
    {
    case MARK_DOT:
      cairo_arc (cr, cx, cy, 3.0, 0, 2 * G_PI);
      cairo_fill (cr);
      break;

    case MARK_DIAMOND:
      cairo_move_to (cr, cx, cy - 4.5);
      cairo_line_to (cr, cx + 4.5, cy);
      cairo_line_to (cr, cx, cy + 4.5);
      cairo_line_to (cr, cx - 4.5, cy);
      cairo_close_path (cr);
      cairo_fill (cr);
      break;

    case MARK_BADGE:
      {
        g_autoptr(PangoLayout) number = pango_layout_new (self->context);
        int w, h;

        cairo_arc (cr, cx - 3.0, cy, 8.0, 0, 2 * G_PI);
        cairo_fill (cr);
        pango_layout_set_font_description (number, self->fonts[FONT_SMALL]);
        pango_layout_set_markup (number, "", -1);
        pango_layout_set_text (number, b->badge, -1);
        pango_layout_get_size (number, &w, &h);
        cairo_set_source_rgb (cr, 1, 1, 1);
        cairo_move_to (cr, cx - 3.0 - pango_units_to_double (w) / 2, cy - pango_units_to_double (h) / 2);
        pango_cairo_show_layout (cr, number);
      }
      break;

    case MARK_NONE:
    default:
      break;
    }
}

static void
draw_footer (WmSummary *self,
             guint      page,
             cairo_t   *cr)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (self->context);
  g_autofree char *text = NULL;
  int w;

  text = g_strdup_printf ("%s · %s %u / %u", is_empty (self->footer) ? heading (self, WM_LABEL_UNTITLED) : self->footer,
                          heading (self, WM_LABEL_SUMMARY), page + 1, self->n_pages);
  pango_layout_set_font_description (layout, self->fonts[FONT_SMALL]);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, pango_units_from_double (self->width - 2 * MARGIN));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_MIDDLE);
  pango_layout_get_size (layout, &w, NULL);
  set_color (cr, &self->style->muted);
  cairo_move_to (cr, self->width - MARGIN - pango_units_to_double (w), self->height - MARGIN);
  pango_cairo_show_layout (cr, layout);
}

void
wm_summary_draw_page (WmSummary *self,
                      guint      page,
                      cairo_t   *cr)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  set_color (cr, &self->style->background);
  cairo_rectangle (cr, 0, 0, self->width, self->height);
  cairo_fill (cr);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      const Block *b = &g_array_index (self->blocks, Block, i);
      double x = MARGIN + b->indent;

      if (b->page != page)
        continue;

      if (b->mark != MARK_NONE)
        draw_mark (self, cr, b, x, b->y);

      set_color (cr, &self->style->foreground);
      cairo_move_to (cr, x, b->y);
      pango_cairo_show_layout (cr, b->layout);
      /* show_layout leaves the current point: the next mark's arc would
       * start with a line from it. */
      cairo_new_path (cr);

      if (b->rule)
        {
          set_color (cr, &self->style->grid);
          cairo_set_line_width (cr, 0.6);
          cairo_move_to (cr, MARGIN, b->y + b->height - 1.0);
          cairo_line_to (cr, self->width - MARGIN, b->y + b->height - 1.0);
          cairo_stroke (cr);
        }
    }

  draw_footer (self, page, cr);
  cairo_restore (cr);
}
