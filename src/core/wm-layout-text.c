/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

/* wm-layout-text.c - measuring text: lines, widths, fonts */

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

/* ------------------------------------------------------- shaped lines */

/* Shaping a line (HarfBuzz, through a PangoLayout) cost a redraw more
 * than painting it: most of a frame at 100 %. A line's glyphs depend only
 * on its text and font, so each is shaped once and kept; a frame that
 * shows what the last one showed shapes nothing. */
#define MAX_SHAPED 2048

typedef struct
{
  const char *s;
  gsize       len;
  guint       hash;
  WmFontId    font;
} WmShapedKey;

static guint
shaped_key_hash (gconstpointer key)
{
  return ((const WmShapedKey *) key)->hash;
}

static gboolean
shaped_key_equal (gconstpointer a,
                  gconstpointer b)
{
  const WmShapedKey *ka = a, *kb = b;
  return ka->font == kb->font && ka->len == kb->len && memcmp (ka->s, kb->s, ka->len) == 0;
}

GHashTable *
_wm_layout_shaped_new (void)
{
  return g_hash_table_new_full (shaped_key_hash, shaped_key_equal, g_free, g_object_unref);
}

static PangoLayout *
shape_line (WmLayout   *self,
            WmFontId    font,
            const char *text,
            gsize       length)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autofree char *copy = NULL;
  const char *shaped = wm_layout_shaped_text (text, &length, &copy);

  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_font_description (layout, self->fonts[font].desc);
  pango_layout_set_attributes (layout, pango_layout_get_attributes (self->draw));
  pango_layout_set_text (layout, shaped, length);
  return layout;
}

void
wm_layout_set_draw_once (WmLayout *self,
                         gboolean  draw_once)
{
  g_return_if_fail (WM_IS_LAYOUT (self));

  self->draw_once = !!draw_once;
  g_hash_table_remove_all (self->shaped);
}

/* An export draws most lines once: 2,048 PangoLayouts kept were an eighth
 * of a 2,000-card PDF export's memory, for nothing. A few are worth
 * keeping (tags, channels, owners: a third of a big map's lines repeat).
 * Shaping every line through one reused PangoLayout instead cost a Chinese
 * export 12 MB more peak memory than these 256. */
#define MAX_SHAPED_ONCE 256

/* The first line of @text (@length bytes) in @font, shaped: owned by
 * @self, valid until the next call. */
PangoLayoutLine *
wm_layout_shaped_line (WmLayout   *self,
                       WmFontId    font,
                       const char *text,
                       gsize       length)
{
  WmShapedKey key = { text, length, hash_bytes (text, length) ^ (guint) font, font }, *stored;
  PangoLayout *layout = g_hash_table_lookup (self->shaped, &key);

  if (layout == NULL)
    {
      if (g_hash_table_size (self->shaped) >= (self->draw_once ? MAX_SHAPED_ONCE : MAX_SHAPED))
        g_hash_table_remove_all (self->shaped);
      stored = g_malloc (sizeof (WmShapedKey) + length + 1);
      memcpy ((char *) (stored + 1), text, length);
      ((char *) (stored + 1))[length] = '\0';
      *stored = key;
      stored->s = (const char *) (stored + 1);
      layout = shape_line (self, font, text, length);
      g_hash_table_insert (self->shaped, stored, layout);
    }
  return pango_layout_get_line_readonly (layout, 0);
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

/* In text of only ASCII letters, digits, spaces and < > & the
 * line-break rules (UAX #14) come down to "after a run of spaces", and
 * every character is a cluster of its own: no need for Pango's whole
 * analysis, which was most of the time laying out a big English map
 * takes. Anything else goes to pango_get_log_attrs(). */
static gboolean
is_simple (guchar c)
{
  return g_ascii_isalnum (c) || c == ' ' || c == '<' || c == '>' || c == '&';
}

void
_wm_layout_log_attrs (const char    *text,
                      int            length,
                      PangoLanguage *language,
                      PangoLogAttr  *attrs,
                      int            n_attrs)
{
  int i;

  for (i = 0; i < length && is_simple ((guchar) text[i]); i++)
    ;
  if (i < length || n_attrs != length + 1)
    {
      /* Pango sets only the flags its break pass decides; the rest of a
       * stack buffer would be whatever was there. */
      memset (attrs, 0, n_attrs * sizeof *attrs);
      pango_get_log_attrs (text, length, -1, language, attrs, n_attrs);
      return;
    }

  memset (attrs, 0, n_attrs * sizeof *attrs);
  for (i = 0; i <= length; i++)
    {
      gboolean space = i < length && text[i] == ' ';
      gboolean after_space = i > 0 && text[i - 1] == ' ';

      attrs[i].is_cursor_position = TRUE;
      attrs[i].is_char_break = TRUE;
      attrs[i].is_white = space;
      attrs[i].is_line_break = i > 0 && after_space && !space;
    }
}

/* Breaks @text into lines no wider than @width and appends them to
 * self->lines; fills @block. */
void
_wm_layout_measure_text (WmLayout    *self,
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
  _wm_layout_log_attrs (text, len, pango_context_get_language (self->context),
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

double
_wm_layout_block_height (WmLayout          *self,
                         WmFontId           font,
                         const WmTextBlock *block)
{
  return block->n * self->fonts[font].line_height;
}

/* ------------------------------------------------------------- fonts */

void
_wm_layout_clear_fonts (WmLayout *self)
{
  if (self->measures != NULL)
    g_hash_table_remove_all (self->measures);
  if (self->shaped != NULL)
    g_hash_table_remove_all (self->shaped);
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

  _wm_layout_clear_fonts (self);
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
      pango_layout_set_text (self->measure, self->map_lang == WM_MAP_LANG_ZH ? "Ag中" : "Ag", -1);
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
  g_hash_table_remove_all (self->shaped);
  g_clear_pointer (&attrs, pango_attr_list_unref);
}

void
_wm_layout_sync_context (WmLayout *self)
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
      self->map_lang = wm_map_lang_from_tag (lang);
      set_features (self, lang);
      setup_fonts (self);
    }
}

double
wm_layout_meta_height (WmLayout *self)
{
  return self->fonts[WM_FONT_SMALL_BOLD].line_height + 4.0;
}
