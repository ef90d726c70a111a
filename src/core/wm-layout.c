#define G_LOG_DOMAIN "Waymark"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "wm-layout-private.h"

/* Text measuring is where layout time goes, and a PangoLayout per card is
 * both slow (~25 µs) and heavy. So text is broken into lines here, greedily
 * at Pango's own break opportunities (pango_get_log_attrs(): UAX #14, so
 * Chinese breaks between characters and keeps "，" off a line start), and
 * the width of each piece between two opportunities — a word, a Han
 * character — is shaped once with the one measuring PangoLayout and kept
 * in a per-font cache. A piece longer than a line is cut between grapheme
 * clusters, as PANGO_WRAP_WORD_CHAR does. The renderer draws exactly these
 * lines, one PangoLayout line each, so measure and paint never disagree. */

#define CHIP_WIDTH      260.0
#define HEADER_MIN_W    760.0
#define TEXT_MAX_W      1000.0
#define PLOT_PAD        22.0
#define CARD_MIN_H      30.0
#define LANE_MIN_H      64.0
#define CALLOUT_MAX_W   200.0
#define CALLOUT_PAD     6.0
#define CALLOUT_ICON    14.0
#define CALLOUT_GAP     6.0
#define MAX_STACK_SEARCH 64
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

static const char *labels_en[WM_N_LABELS] = {
  "Legend", "Aha-moment", "Micro-moment",
  "Touchpoint", "Pre-touchpoint", "First touchpoint", "Core touchpoint", "Missed touchpoint",
  "Pre", "First", "Core", "Missed",
  "Key touchpoint", "Pain severity", "Feedback count",
  "Actions", "Touchpoints", "Thoughts", "Emotion", "Pain points", "Needs",
  "Opportunities", "Notes", "Untitled journey",
};

static const char *labels_zh[WM_N_LABELS] = {
  "图例", "惊喜时刻", "微瞬间",
  "触点", "预触点", "首触点", "核心触点", "未触点",
  "预触点", "首触点", "核心触点", "未触点",
  "关键触点", "痛点严重程度", "反馈次数",
  "客户行为", "触点", "想法", "情绪", "痛点", "需求",
  "机会", "备注", "未命名旅程",
};

/* The map is a document in its own language: its legend and tags follow
 * xml:lang (zh* → Chinese, else English), not the desktop's locale, so an
 * export looks the same wherever it is made. */
const char *
wm_layout_label (WmLayout *self,
                 int       label)
{
  g_return_val_if_fail (label >= 0 && label < WM_N_LABELS, "");
  return self->zh ? labels_zh[label] : labels_en[label];
}

/* ------------------------------------------------------- width cache */

typedef struct
{
  const char *s;
  gsize       len;
  guint       hash;
  double      width;
} WmSegment;

static guint
segment_hash (gconstpointer key)
{
  return ((const WmSegment *) key)->hash;
}

static gboolean
segment_equal (gconstpointer a,
               gconstpointer b)
{
  const WmSegment *sa = a, *sb = b;
  return sa->len == sb->len && memcmp (sa->s, sb->s, sa->len) == 0;
}

static guint
hash_bytes (const char *s,
            gsize       len)
{
  guint h = 2166136261u;
  for (gsize i = 0; i < len; i++)
    h = (h ^ (guchar) s[i]) * 16777619u;
  return h;
}

static void
set_measure_font (WmLayout *self,
                  WmFontId  font)
{
  if (self->measure_font != font)
    {
      pango_layout_set_font_description (self->measure, self->fonts[font].desc);
      self->measure_font = font;
    }
}

/* HarfBuzz places each mark of a cluster by looking back for its base, so
 * shaping time grows with the square of a cluster's length: one letter
 * with 20,000 accents took 1.5 s. Unicode's stream-safe form (UAX #15)
 * needs no more than 30 marks in a row, so longer runs are cut to that for
 * Pango, alike when measuring and drawing; the document keeps them all. */
#define MAX_MARK_RUN 30
/* Pango 1.50 finds each tab's stop by summing the line so far: quadratic
 * too (40,000 tabs, 2 s). 256 tabs are wider than any line, so a piece of
 * text with more is cut either way and no drawn line ever holds that many. */
#define MAX_TABS 256

static gboolean
extends_cluster (gunichar c)
{
  return g_unichar_ismark (c) || c == 0x200D;
}

/* @text (@length bytes) as Pango should shape it: @text itself, or a
 * shortened copy returned in *@copy (to g_free()) with *@length updated. */
const char *
wm_layout_shaped_text (const char  *text,
                       gsize       *length,
                       char       **copy)
{
  const char *end = text + *length;
  GString *out = NULL;
  guint run = 0, tabs = 0;

  *copy = NULL;
  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean drop;

      run = extends_cluster (c) ? run + 1 : 0;
      tabs += c == '\t';
      drop = run > MAX_MARK_RUN || (c == '\t' && tabs > MAX_TABS);
      if (drop && out == NULL)
        out = g_string_new_len (text, p - text);
      else if (!drop && out != NULL)
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  if (out == NULL)
    return text;
  *length = out->len;
  *copy = g_string_free (out, FALSE);
  return *copy;
}

double
wm_layout_seg_width (WmLayout   *self,
                     WmFontId    font,
                     const char *text,
                     gssize      length)
{
  WmSegment key, *seg;
  g_autofree char *copy = NULL;
  gsize shaped_length;
  const char *shaped;
  int w, h;

  if (length < 0)
    length = strlen (text);
  if (length == 0)
    return 0.0;

  key.s = text;
  key.len = length;
  key.hash = hash_bytes (text, length);
  seg = g_hash_table_lookup (self->fonts[font].widths, &key);
  if (seg != NULL)
    return seg->width;

  set_measure_font (self, font);
  shaped_length = length;
  shaped = wm_layout_shaped_text (text, &shaped_length, &copy);
  pango_layout_set_text (self->measure, shaped, shaped_length);
  pango_layout_get_size (self->measure, &w, &h);

  seg = g_malloc (sizeof (WmSegment) + length + 1);
  memcpy ((char *) (seg + 1), text, length);
  ((char *) (seg + 1))[length] = '\0';
  seg->s = (const char *) (seg + 1);
  seg->len = length;
  seg->hash = key.hash;
  seg->width = (double) w / PANGO_SCALE;
  g_hash_table_add (self->fonts[font].widths, seg);
  return seg->width;
}

/* ------------------------------------------------------ line breaking */

static void
push_line (WmLayout    *self,
           WmTextBlock *block,
           gsize        start,
           gsize        end,
           double       width)
{
  WmTextLine line = { (guint) start, (guint) (end - start), (float) width };

  g_array_append_val (self->lines, line);
  block->n++;
  block->width = MAX (block->width, (float) width);
}

static gboolean
is_line_separator (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029 || c == 0x0b || c == 0x0c || c == 0x85;
}

/* Text that Pango itself wraps or ellipsizes, outside the map: Pango 1.50
 * re-shapes the rest of a paragraph for every line it breaks, so a
 * 32,000-letter word took 2.3 s as the summary's title, and ellipsizing
 * 30,000 lines more than 30 s. Where a few lines are shown, @max_chars
 * and @max_lines bound that work. */
char *
wm_layout_dup_clipped_text (const char *text,
                            guint       max_chars,
                            guint       max_lines)
{
  g_autoptr(GString) out = NULL;
  g_autofree char *copy = NULL;
  const char *shaped;
  gsize length;
  guint n = 0, lines = 1;

  if (text == NULL)
    return NULL;

  out = g_string_sized_new (MIN (strlen (text), (gsize) max_chars * 4) + 4);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      if (is_line_separator (c) && lines >= max_lines)
        c = ' ';
      else if (is_line_separator (c))
        lines++;
      else if (c == '\t' && max_lines <= 1)
        c = ' ';
      g_string_append_unichar (out, c);
    }

  length = out->len;
  shaped = wm_layout_shaped_text (out->str, &length, &copy);
  if (shaped == out->str)
    return g_string_free (g_steal_pointer (&out), FALSE);
  return g_steal_pointer (&copy);
}

/* Cuts [a, b) — a piece wider than the line — between grapheme clusters.
 * Returns the width of the last, unfinished line, which starts at *start. */
static double
cut_piece (WmLayout           *self,
           WmFontId            font,
           const char         *text,
           const PangoLogAttr *attrs,
           const gsize        *offsets,
           int                 ca,
           int                 cb,
           double              width,
           WmTextBlock        *block,
           gsize              *start)
{
  double pen = 0.0;
  int c = ca;

  *start = offsets[ca];
  while (c < cb)
    {
      int d = c + 1;
      double w;

      while (d < cb && !attrs[d].is_cursor_position)
        d++;
      w = wm_layout_seg_width (self, font, text + offsets[c], offsets[d] - offsets[c]);
      if (pen > 0.0 && pen + w > width)
        {
          push_line (self, block, *start, offsets[c], pen);
          *start = offsets[c];
          pen = 0.0;
        }
      pen += w;
      c = d;
    }
  return pen;
}

/* Breaks @text into lines no wider than @width and appends them to
 * self->lines; fills @block. */
static void
measure_text (WmLayout    *self,
              WmFontId     font,
              const char  *text,
              double       width,
              WmTextBlock *block)
{
  PangoLogAttr attrs_buf[257];
  gsize offsets_buf[257];
  PangoLogAttr *attrs = attrs_buf;
  gsize *offsets = offsets_buf;
  gsize len;
  int n_chars, c;
  gsize line_start = 0, line_end = 0;
  double line_w = 0.0, pen = 0.0;
  gboolean line_open = FALSE;
  const char *p;

  block->first = self->lines->len;
  block->n = 0;
  block->width = 0.0f;
  if (text == NULL || text[0] == '\0')
    return;

  len = strlen (text);
  n_chars = g_utf8_strlen (text, len);
  if (n_chars + 1 > (int) G_N_ELEMENTS (attrs_buf))
    {
      attrs = g_new (PangoLogAttr, n_chars + 1);
      offsets = g_new (gsize, n_chars + 1);
    }
  pango_get_log_attrs (text, len, -1, pango_context_get_language (self->context),
                       attrs, n_chars + 1);
  for (c = 0, p = text; c < n_chars; c++, p = g_utf8_next_char (p))
    offsets[c] = p - text;
  offsets[n_chars] = len;

  c = 0;
  while (c < n_chars)
    {
      int next = c + 1, vis_end;
      double w, ws = 0.0;
      gboolean hard;

      while (next < n_chars && !attrs[next].is_line_break && !attrs[next].is_mandatory_break)
        next++;
      hard = next < n_chars && attrs[next].is_mandatory_break;
      vis_end = next;
      while (vis_end > c && attrs[vis_end - 1].is_white)
        vis_end--;

      w = wm_layout_seg_width (self, font, text + offsets[c], offsets[vis_end] - offsets[c]);
      if (!hard && vis_end < next)
        {
          /* Trailing spaces count for what follows on the line, never for
           * the line's own width. Line separators never reach here. */
          gsize ws_end = offsets[next];
          const char *q = text + offsets[vis_end];
          while (q < text + ws_end && !is_line_separator (g_utf8_get_char (q)))
            q = g_utf8_next_char (q);
          ws = wm_layout_seg_width (self, font, text + offsets[vis_end], q - (text + offsets[vis_end]));
        }

      if (line_open && pen + w > width && offsets[vis_end] > offsets[c])
        {
          push_line (self, block, line_start, line_end, line_w);
          line_open = FALSE;
        }

      if (!line_open)
        {
          if (w > width)
            {
              line_w = cut_piece (self, font, text, attrs, offsets, c, vis_end,
                                  width, block, &line_start);
            }
          else
            {
              line_start = offsets[c];
              line_w = w;
            }
          line_end = offsets[vis_end];
          pen = line_w + ws;
          line_open = TRUE;
        }
      else if (vis_end > c)
        {
          line_w = pen + w;
          line_end = offsets[vis_end];
          pen = line_w + ws;
        }
      else
        {
          /* Only white space (e.g. "\t \t …"): like trailing spaces it
           * moves the pen but never widens the line, or 20,000 of them made
           * one line Pango took seconds to lay out, and a callout as wide. */
          pen += ws;
        }

      if (hard)
        {
          push_line (self, block, line_start, line_end, line_w);
          line_open = FALSE;
          line_start = line_end = offsets[next];
          line_w = pen = 0.0;
        }
      c = next;
    }
  if (line_open)
    push_line (self, block, line_start, line_end, line_w);

  if (attrs != attrs_buf)
    {
      g_free (attrs);
      g_free (offsets);
    }
}

static double
block_height (WmLayout          *self,
              WmFontId           font,
              const WmTextBlock *block)
{
  return block->n * self->fonts[font].line_height;
}

/* ------------------------------------------------------------- fonts */

static void
clear_fonts (WmLayout *self)
{
  if (self->measures != NULL)
    g_hash_table_remove_all (self->measures);
  for (guint i = 0; i < WM_N_FONTS; i++)
    {
      g_clear_pointer (&self->fonts[i].desc, pango_font_description_free);
      g_clear_pointer (&self->fonts[i].widths, g_hash_table_unref);
    }
}

static void
setup_fonts (WmLayout *self)
{
  const WmStyle *st = self->style;
  const struct { double size; PangoWeight weight; } spec[WM_N_FONTS] = {
    [WM_FONT_BODY] = { st->font_size, PANGO_WEIGHT_NORMAL },
    [WM_FONT_SMALL] = { st->small_font_size, PANGO_WEIGHT_NORMAL },
    [WM_FONT_SMALL_BOLD] = { st->small_font_size, PANGO_WEIGHT_BOLD },
    [WM_FONT_HEADER] = { st->header_font_size, PANGO_WEIGHT_BOLD },
    [WM_FONT_SCENARIO] = { st->font_size * 1.25, PANGO_WEIGHT_NORMAL },
    [WM_FONT_TITLE] = { st->title_font_size, PANGO_WEIGHT_BOLD },
  };

  clear_fonts (self);
  for (guint i = 0; i < WM_N_FONTS; i++)
    {
      WmFont *f = &self->fonts[i];
      PangoRectangle logical;

      f->size = spec[i].size;
      f->desc = pango_font_description_new ();
      pango_font_description_set_family (f->desc, st->font_family);
      pango_font_description_set_weight (f->desc, spec[i].weight);
      pango_font_description_set_absolute_size (f->desc, spec[i].size * PANGO_SCALE);
      f->widths = g_hash_table_new_full (segment_hash, segment_equal, g_free, NULL);

      /* One pitch for every line, so a block's height is its line count
       * times this. Only CJK maps probe a Han glyph: loading the CJK font
       * costs every other export 7 MB, and a stray Han glyph still fits
       * the Latin pitch (lines are drawn at explicit positions). */
      pango_layout_set_font_description (self->measure, f->desc);
      pango_layout_set_text (self->measure, self->zh ? "Ag中" : "Ag", -1);
      pango_layout_get_extents (self->measure, NULL, &logical);
      f->line_height = (double) logical.height / PANGO_SCALE;
      f->baseline = (double) pango_layout_get_baseline (self->measure) / PANGO_SCALE;
    }
  self->measure_font = WM_N_FONTS;
  self->draw_font = WM_N_FONTS;
}

/* Without a Latin "Noto Sans", Latin text falls back to Noto Sans CJK,
 * whose quotes and dashes are full width: right for Chinese, odd in an
 * English sentence. Outside CJK maps, ask for proportional ones. */
static void
set_features (WmLayout   *self,
              const char *lang)
{
  PangoAttrList *attrs = NULL;
  gboolean cjk = lang != NULL && (g_ascii_strncasecmp (lang, "zh", 2) == 0 ||
                                  g_ascii_strncasecmp (lang, "ja", 2) == 0 ||
                                  g_ascii_strncasecmp (lang, "ko", 2) == 0);

  if (!cjk)
    {
      attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("palt"));
    }
  pango_layout_set_attributes (self->measure, attrs);
  pango_layout_set_attributes (self->draw, attrs);
  g_clear_pointer (&attrs, pango_attr_list_unref);
}

static void
sync_context (WmLayout *self)
{
  const char *lang = wm_document_get_lang (self->document);
  gboolean fonts_stale = self->fonts[0].desc == NULL;

  if (g_strcmp0 (lang, self->lang) != 0 || fonts_stale)
    {
      PangoLanguage *language;

      g_free (self->lang);
      self->lang = g_strdup (lang);
      language = lang != NULL && lang[0] != '\0' ? pango_language_from_string (lang)
                                                 : pango_language_get_default ();
      pango_context_set_language (self->context, language);
      pango_layout_context_changed (self->measure);
      pango_layout_context_changed (self->draw);
      self->zh = lang != NULL && g_ascii_strncasecmp (lang, "zh", 2) == 0;
      set_features (self, lang);
      setup_fonts (self);
    }
}

double
wm_layout_meta_height (WmLayout *self)
{
  return self->fonts[WM_FONT_SMALL_BOLD].line_height + 4.0;
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

  geom->text = wm_card_get_text (card);
  geom->has_meta = tp != WM_TOUCHPOINT_NONE || wm_card_get_key (card) ||
                   wm_card_get_severity (card) > 0 || frequency > 0;
  geom->channel_inline = FALSE;
  geom->channel.n = geom->owner.n = 0;
  geom->channel.width = geom->owner.width = 0.0f;

  if (channel != NULL && channel[0] == '\0')
    channel = NULL;
  if (owner != NULL && owner[0] == '\0')
    owner = NULL;

  if (geom->has_meta)
    {
      double left = 0.0, right = 0.0;

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
          measure_text (self, WM_FONT_SMALL, channel, inner - left - right, &geom->channel);
        }
      y += wm_layout_meta_height (self) + 5.0;
    }

  geom->body_y = y;
  measure_text (self, WM_FONT_BODY, geom->text, inner, &geom->body);
  y += block_height (self, WM_FONT_BODY, &geom->body);

  if (channel != NULL && !geom->channel_inline)
    {
      y += 4.0;
      geom->channel_y = y;
      measure_text (self, WM_FONT_SMALL, channel, inner - FOOTER_ICON, &geom->channel);
      y += block_height (self, WM_FONT_SMALL, &geom->channel);
    }
  if (owner != NULL)
    {
      y += 4.0;
      geom->owner_y = y;
      measure_text (self, WM_FONT_SMALL, owner, inner - FOOTER_ICON, &geom->owner);
      y += block_height (self, WM_FONT_SMALL, &geom->owner);
    }
  y += st->card_padding;
  geom->height = MAX (y, CARD_MIN_H);
}

static int
lookup_index (GHashTable *table,
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

      measure_text (self, WM_FONT_HEADER, wm_persona_get_name (pg.persona), w - 22.0, &pg.name);
      y += MAX (block_height (self, WM_FONT_HEADER, &pg.name), 16.0);
      pg.description_y = y + 3.0;
      measure_text (self, WM_FONT_SMALL, wm_persona_get_description (pg.persona), w, &pg.description);
      if (pg.description.n > 0)
        y += 3.0 + block_height (self, WM_FONT_SMALL, &pg.description);

      pg.first_goal = self->goals->len;
      goals = wm_persona_get_goals (pg.persona);
      if (goals != NULL && goals[0] != NULL)
        y += 4.0;
      for (guint g = 0; goals != NULL && goals[g] != NULL; g++)
        {
          WmGoalGeom gg = { { 0 }, y + 2.0 };
          measure_text (self, WM_FONT_SMALL, goals[g], w - 12.0, &gg.block);
          y += 2.0 + MAX (block_height (self, WM_FONT_SMALL, &gg.block),
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
      measure_text (self, WM_FONT_HEADER, wm_stage_get_title (sg.stage), title_w, &sg.title);
      max_title_lines = MAX (max_title_lines, sg.title.n);
      measure_text (self, WM_FONT_SMALL, wm_stage_get_goal (sg.stage), sw - 2 * STAGE_PAD, &sg.goal);
      if (sg.goal.n > 0)
        below += block_height (self, WM_FONT_SMALL, &sg.goal) + 6.0;

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

/* Fritsch–Carlson: tangents for a monotone piecewise cubic, so the curve
 * never overshoots its points: between two points it stays between their
 * values, and it is flat at every local extremum. */
static void
monotone_tangents (WmKnot *k,
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

static void
layout_curves (WmLayout   *self,
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
      cg.persona = lookup_index (persona_index, wm_curve_get_persona (cg.curve));
      cg.first_knot = self->knots->len;
      points = G_LIST_MODEL (wm_curve_get_points (cg.curve));
      n_points = g_list_model_get_n_items (points);
      for (guint p = 0; p < n_points; p++)
        {
          WmCurvePoint *point = g_list_model_get_item (points, p);
          int s = lookup_index (stage_index, wm_curve_point_get_stage (point));
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
          monotone_tangents (k, cg.n_knots);
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
static void
layout_moments (WmLayout   *self,
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
      s = lookup_index (stage_index, wm_moment_get_stage (mg.moment));
      if (s < 0)
        {
          g_object_unref (mg.moment);
          continue;
        }
      mg.kind = wm_moment_get_kind (mg.moment);
      mg.persona = lookup_index (persona_index, wm_moment_get_persona (mg.moment));
      mg.stage = s;
      mg.hidden = mg.persona >= 0 &&
                  g_array_index (self->personas, WmPersonaGeom, mg.persona).hidden;
      mg.x = self->cols_x + (s + CLAMP (wm_moment_get_at (mg.moment), 0.0, 1.0)) * self->stage_width;
      mg.value = wm_layout_curve_value_at (self, mg.persona, mg.x);
      measure_text (self, WM_FONT_SMALL, wm_moment_get_text (mg.moment), CALLOUT_MAX_W - 2 * CALLOUT_PAD - CALLOUT_ICON, &mg.text);
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
} WmCardMeasure;

static void
card_measure_free (gpointer data)
{
  WmCardMeasure *m = data;

  g_free (m->lines);
  g_free (m);
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
  rebase_block (&m->geom.body, -(int) first_line);
  rebase_block (&m->geom.channel, -(int) first_line);
  rebase_block (&m->geom.owner, -(int) first_line);
}

static void
measure_card_cached (WmLayout   *self,
                     WmCardGeom *cg)
{
  WmCardMeasure *m = g_hash_table_lookup (self->measures, cg->card);

  if (m != NULL && m->serial == wm_card_get_serial (cg->card) && m->width == cg->width)
    {
      restore_measure (self, cg, m);
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
      measure_text (self, WM_FONT_HEADER, title, title_w, &lg.title);
      head_h = 14.0 + MAX (LANE_ICON, block_height (self, WM_FONT_HEADER, &lg.title)) + 14.0;

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
          int s = lookup_index (stage_index, wm_card_get_stage (card));
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

  measure_text (self, kind == WM_LEGEND_HEADING ? WM_FONT_SMALL_BOLD : WM_FONT_SMALL,
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
  sync_context (self);
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
  measure_text (self, WM_FONT_TITLE, title, text_w, &self->title);
  y = self->title_y + block_height (self, WM_FONT_TITLE, &self->title);
  measure_text (self, WM_FONT_SCENARIO, wm_document_get_scenario (self->document), text_w, &self->scenario);
  self->scenario_y = y + 4.0;
  if (self->scenario.n > 0)
    y = self->scenario_y + block_height (self, WM_FONT_SCENARIO, &self->scenario);
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
  layout_curves (self, stage_index, persona_index);
  layout_moments (self, stage_index, persona_index);
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
  clear_fonts (self);
  g_clear_object (&self->measure);
  g_clear_object (&self->draw);
  g_clear_object (&self->context);
  g_clear_pointer (&self->lines, g_array_unref);
  g_clear_pointer (&self->measures, g_hash_table_unref);
  g_clear_pointer (&self->cards, g_array_unref);
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
      clear_fonts (self);
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
  for (guint i = 0; i < self->cards->len; i++)
    {
      WmCardGeom *cg = &g_array_index (self->cards, WmCardGeom, i);
      if ((gpointer) cg->card == item)
        return cg;
    }
  return NULL;
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
                block_height (self, WM_FONT_TITLE, &self->title));
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
                MAX (block_height (self, WM_FONT_BODY, &cg->body),
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
                   block_height (self, WM_FONT_TITLE, &self->title)))
        {
          hit->kind = WM_HIT_TITLE;
          hit->item = G_OBJECT (self->document);
          return TRUE;
        }
      if (in_rect (x, y, self->grid_x, self->scenario_y, MAX (self->scenario.width, 40.0),
                   MAX (block_height (self, WM_FONT_SCENARIO, &self->scenario),
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
