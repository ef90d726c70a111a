/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bare-reference.c - the "physical limit" for Waymark's PDF export benchmark.
 *
 * Build:
 *   cc -O2 $(pkg-config --cflags --libs pangocairo glib-2.0) bare-reference.c -o bare-reference
 * (some linkers want the libraries after the source:
 *   cc -O2 bare-reference.c -o bare-reference $(pkg-config --cflags --libs pangocairo glib-2.0))
 *
 * Usage:
 *   bare-reference IN.waymark OUT.pdf
 *
 * Reads a canonical .waymark file with the bare minimum (g_file_get_contents
 * and a hand-rolled tag scan; no XML library, no validation, no model), then
 * draws the whole map onto ONE PDF page sized to fit it:
 *   - a header row with every stage title (columns COL_W pt wide),
 *   - one row per lane, with the lane title in a left gutter; the row height
 *     is the tallest card stack in that lane, measured with Pango first,
 *   - every card as a filled rounded rectangle plus its text laid out by a
 *     single reused PangoLayout (10 pt, wrapped to the card width),
 *   - in the emotion lane, each persona's curve as a smooth Bezier through
 *     its points, plus moment markers with their text.
 * It does the same visible work as a real renderer (measure, then draw) and
 * nothing more: it is the floor the real exporter is compared against.
 * Input is trusted (benchmark files from gen-map.py); do not use it on
 * anything else.
 */

#include <cairo.h>
#include <cairo-pdf.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COL_W     220.0   /* stage column width */
#define CARD_GAP   10.0   /* space around a card inside its cell */
#define CARD_PAD    6.0   /* text inset inside a card */
#define GUTTER_W  140.0   /* lane titles */
#define HEADER_H   40.0   /* stage titles */
#define EMOTION_H 180.0   /* emotion lane height */
#define MIN_ROW_H  40.0
/* The same families as Waymark's style (wm-style.c), so both draw the same glyphs. */
#define FONT      "Noto Sans, Noto Sans CJK SC, DejaVu Sans, sans-serif 10"

typedef struct { char *id; char *title; } Stage;
typedef struct {
  int stage, span;
  char *text;
  double y, h;               /* offset inside the row, card height */
} Card;
typedef struct {
  char *title;
  char kind[16];
  GArray *cards;             /* Card */
  double y, h;
} Lane;
typedef struct { int stage; double value, at; } Point;
typedef struct { char *persona; GArray *points; } Curve;
typedef struct { int stage; double at; char *text; char kind[8]; char *persona; } Moment;
typedef struct { char *id; double r, g, b; } Persona;

static GHashTable *stage_index;  /* id -> index+1 */
static GArray *stages, *lanes, *curves, *moments, *personas;
static char lang[64] = "";

/* In-place unescape of &amp; &lt; &gt; &quot; (all the canonical writer emits). */
static char *
unescape (char *s, char *end)
{
  char *r = s, *w = s;
  while (r < end)
    {
      if (*r == '&')
        {
          if (!strncmp (r, "&amp;", 5))  { *w++ = '&'; r += 5; continue; }
          if (!strncmp (r, "&lt;", 4))   { *w++ = '<'; r += 4; continue; }
          if (!strncmp (r, "&gt;", 4))   { *w++ = '>'; r += 4; continue; }
          if (!strncmp (r, "&quot;", 6)) { *w++ = '"'; r += 6; continue; }
        }
      *w++ = *r++;
    }
  *w = '\0';
  return s;
}

/* Newly allocated value of attribute NAME inside the tag [tag, end), or
 * NULL if absent. Values are used as written (ids and numbers need no
 * unescaping in benchmark files). */
static char *
attr (char *tag, char *end, const char *name)
{
  size_t n = strlen (name);
  for (char *p = tag; p && p < end; p++)
    {
      p = strstr (p, name);
      if (!p || p >= end)
        return NULL;
      if (p[-1] == ' ' && p[n] == '=' && p[n + 1] == '"')
        {
          char *v = p + n + 2, *q = strchr (v, '"');
          return g_strndup (v, q - v);
        }
    }
  return NULL;
}

static double
attr_num (char *tag, char *end, const char *name, double def)
{
  char *v = attr (tag, end, name);
  double d = v ? g_ascii_strtod (v, NULL) : def;
  g_free (v);
  return d;
}

static int
attr_stage (char *tag, char *end)
{
  char *v = attr (tag, end, "stage");
  int i = v ? GPOINTER_TO_INT (g_hash_table_lookup (stage_index, v)) - 1 : -1;
  g_free (v);
  return i;
}

/* Text content of an inline element starting right after its '>'. */
static char *
inline_text (char **pp, const char *close)
{
  char *s = *pp, *e = strstr (s, close);
  *pp = e + strlen (close);
  return unescape (s, e);  /* s points into the buffer; NUL-terminated in place */
}

static void
parse (char *buf)
{
  enum { NONE, IN_STAGE, IN_LANE, IN_CARD, IN_MOMENT, IN_PERSONA } ctx = NONE;
  char *p = buf;

  while ((p = strchr (p, '<')))
    {
      char *end = strchr (p, '>');
      if (!end)
        break;
      char *tag = p;
      p = end + 1;

      if (!strncmp (tag, "<map ", 5))
        {
          char *l = attr (tag, end, "xml:lang");
          if (l)
            g_strlcpy (lang, l, sizeof lang);
          g_free (l);
        }
      else if (!strncmp (tag, "<persona ", 9))
        {
          Persona pe = { attr (tag, end, "id"), 0.2, 0.52, 0.89 };
          char *c = attr (tag, end, "color");
          if (c && strlen (c) == 7)
            {
              unsigned v = strtoul (c + 1, NULL, 16);
              pe.r = (v >> 16 & 255) / 255.0;
              pe.g = (v >> 8 & 255) / 255.0;
              pe.b = (v & 255) / 255.0;
            }
          g_free (c);
          g_array_append_val (personas, pe);
          ctx = end[-1] == '/' ? NONE : IN_PERSONA;
        }
      else if (!strncmp (tag, "<stage ", 7))
        {
          Stage s = { attr (tag, end, "id"), NULL };
          g_array_append_val (stages, s);
          g_hash_table_insert (stage_index, s.id, GINT_TO_POINTER (stages->len));
          ctx = end[-1] == '/' ? NONE : IN_STAGE;
        }
      else if (!strncmp (tag, "<lane ", 6))
        {
          Lane l = { NULL, "", g_array_new (FALSE, FALSE, sizeof (Card)), 0, 0 };
          char *k = attr (tag, end, "kind");
          g_strlcpy (l.kind, k ? k : "", sizeof l.kind);
          g_free (k);
          g_array_append_val (lanes, l);
          ctx = end[-1] == '/' ? NONE : IN_LANE;
        }
      else if (!strncmp (tag, "<card ", 6))
        {
          Card c = { attr_stage (tag, end), (int) attr_num (tag, end, "span", 1), NULL, 0, 0 };
          Lane *l = &g_array_index (lanes, Lane, lanes->len - 1);
          g_array_append_val (l->cards, c);
          ctx = end[-1] == '/' ? IN_LANE : IN_CARD;
        }
      else if (!strncmp (tag, "</card>", 7) || !strncmp (tag, "</moment>", 9))
        ctx = ctx == IN_CARD ? IN_LANE : NONE;
      else if (!strncmp (tag, "</", 2))
        ctx = NONE;
      else if (!strncmp (tag, "<curve ", 7))
        {
          Curve c = { attr (tag, end, "persona"), g_array_new (FALSE, FALSE, sizeof (Point)) };
          g_array_append_val (curves, c);
        }
      else if (!strncmp (tag, "<point ", 7))
        {
          Point pt = { attr_stage (tag, end), attr_num (tag, end, "value", 0),
                       attr_num (tag, end, "at", 0.5) };
          g_array_append_val (g_array_index (curves, Curve, curves->len - 1).points, pt);
        }
      else if (!strncmp (tag, "<moment ", 8))
        {
          Moment m = { attr_stage (tag, end), attr_num (tag, end, "at", 0.5), NULL, "",
                       attr (tag, end, "persona") };
          char *k = attr (tag, end, "kind");
          g_strlcpy (m.kind, k ? k : "aha", sizeof m.kind);
          g_free (k);
          g_array_append_val (moments, m);
          ctx = end[-1] == '/' ? NONE : IN_MOMENT;
        }
      else if (!strncmp (tag, "<text>", 6))
        {
          char *t = inline_text (&p, "</text>");
          if (ctx == IN_CARD)
            {
              Lane *l = &g_array_index (lanes, Lane, lanes->len - 1);
              g_array_index (l->cards, Card, l->cards->len - 1).text = t;
            }
          else if (ctx == IN_MOMENT)
            g_array_index (moments, Moment, moments->len - 1).text = t;
        }
      else if (!strncmp (tag, "<title>", 7))
        {
          char *t = inline_text (&p, "</title>");
          if (ctx == IN_STAGE)
            g_array_index (stages, Stage, stages->len - 1).title = t;
          else if (ctx == IN_LANE)
            g_array_index (lanes, Lane, lanes->len - 1).title = t;
        }
    }
}

static void
lane_color (const char *kind, double *r, double *g, double *b)
{
  static const struct { const char *k; double r, g, b; } c[] = {
    { "actions", 0.86, 0.91, 0.98 }, { "touchpoints", 0.87, 0.96, 0.89 },
    { "thoughts", 0.97, 0.94, 0.84 }, { "pains", 0.99, 0.87, 0.86 },
    { "needs", 0.93, 0.88, 0.97 }, { "opportunities", 0.85, 0.95, 0.95 },
    { "notes", 0.94, 0.94, 0.93 },
  };
  for (unsigned i = 0; i < G_N_ELEMENTS (c); i++)
    if (!strcmp (kind, c[i].k))
      { *r = c[i].r; *g = c[i].g; *b = c[i].b; return; }
  *r = *g = *b = 0.95;
}

static void
rounded_rect (cairo_t *cr, double x, double y, double w, double h, double r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static double
stage_x (int stage, double at)
{
  return GUTTER_W + (stage + at) * COL_W;
}

int
main (int argc, char **argv)
{
  if (argc != 3)
    {
      fprintf (stderr, "usage: %s IN.waymark OUT.pdf\n", argv[0]);
      return 2;
    }

  char *buf;
  gsize len;
  GError *err = NULL;
  if (!g_file_get_contents (argv[1], &buf, &len, &err))
    {
      fprintf (stderr, "%s\n", err->message);
      return 1;
    }

  stage_index = g_hash_table_new (g_str_hash, g_str_equal);
  stages = g_array_new (FALSE, FALSE, sizeof (Stage));
  lanes = g_array_new (FALSE, FALSE, sizeof (Lane));
  curves = g_array_new (FALSE, FALSE, sizeof (Curve));
  moments = g_array_new (FALSE, FALSE, sizeof (Moment));
  personas = g_array_new (FALSE, FALSE, sizeof (Persona));
  parse (buf);

  int ns = stages->len;
  cairo_surface_t *surface = cairo_pdf_surface_create (argv[2], 1, 1);
  cairo_t *cr = cairo_create (surface);

  PangoLayout *layout = pango_cairo_create_layout (cr);
  /* PDF user units are points: 72 per inch, so "10 pt" is 10 units tall
   * (pangocairo's default of 96 dpi would make it 13.3). */
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72);
  if (*lang)
    pango_context_set_language (pango_layout_get_context (layout),
                                pango_language_from_string (lang));
  PangoFontDescription *font = pango_font_description_from_string (FONT);
  pango_layout_set_font_description (layout, font);
  pango_layout_context_changed (layout);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);

  /* Pass 1: measure every card, stack cards sharing a cell, size the rows. */
  double y = HEADER_H;
  double *stack = g_new (double, MAX (ns, 1));
  for (guint li = 0; li < lanes->len; li++)
    {
      Lane *l = &g_array_index (lanes, Lane, li);
      double row = MIN_ROW_H;
      memset (stack, 0, sizeof (double) * MAX (ns, 1));
      for (guint ci = 0; ci < l->cards->len; ci++)
        {
          Card *c = &g_array_index (l->cards, Card, ci);
          if (c->stage < 0)
            continue;
          int w, h;
          double cw = c->span * COL_W - 2 * CARD_GAP - 2 * CARD_PAD;
          pango_layout_set_width (layout, (int) (cw * PANGO_SCALE));
          pango_layout_set_text (layout, c->text ? c->text : "", -1);
          pango_layout_get_size (layout, &w, &h);
          c->h = (double) h / PANGO_SCALE + 2 * CARD_PAD;
          double top = 0;
          for (int s = c->stage; s < c->stage + c->span && s < ns; s++)
            top = MAX (top, stack[s]);
          c->y = top + CARD_GAP;
          for (int s = c->stage; s < c->stage + c->span && s < ns; s++)
            stack[s] = c->y + c->h;
          row = MAX (row, c->y + c->h + CARD_GAP);
        }
      if (!strcmp (l->kind, "emotion"))
        row = MAX (row, EMOTION_H);
      l->y = y;
      l->h = row;
      y += row;
    }
  g_free (stack);

  double page_w = GUTTER_W + ns * COL_W, page_h = y;
  /* The same page Waymark writes: PDF viewers such as Acrobat refuse pages
   * over 14,400 pt a side, so a wider map is scaled down onto that. */
  double fit = MIN (1.0, 14400.0 / MAX (page_w, page_h));
  cairo_pdf_surface_set_size (surface, page_w * fit, page_h * fit);
  cairo_scale (cr, fit, fit);

  /* Pass 2: draw. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  /* Lane and stage titles are bold, as in Waymark's map: the same faces
   * (a CJK map needs Noto Sans CJK Bold as well as Regular). */
  PangoFontDescription *bold = pango_font_description_copy (font);
  pango_font_description_set_weight (bold, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, bold);

  /* Lane bands and titles. */
  pango_layout_set_width (layout, (int) ((GUTTER_W - 2 * CARD_GAP) * PANGO_SCALE));
  for (guint li = 0; li < lanes->len; li++)
    {
      Lane *l = &g_array_index (lanes, Lane, li);
      if (li % 2)
        {
          cairo_set_source_rgb (cr, 0.97, 0.97, 0.97);
          cairo_rectangle (cr, 0, l->y, page_w, l->h);
          cairo_fill (cr);
        }
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      pango_layout_set_text (layout, l->title ? l->title : l->kind, -1);
      cairo_move_to (cr, CARD_GAP, l->y + CARD_GAP);
      pango_cairo_show_layout (cr, layout);
    }

  /* Stage headers and column rules. */
  pango_layout_set_width (layout, (int) ((COL_W - 2 * CARD_GAP) * PANGO_SCALE));
  cairo_set_line_width (cr, 0.5);
  for (int s = 0; s < ns; s++)
    {
      Stage *st = &g_array_index (stages, Stage, s);
      double x = stage_x (s, 0);
      cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
      cairo_move_to (cr, x, 0);
      cairo_line_to (cr, x, page_h);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      pango_layout_set_text (layout, st->title ? st->title : st->id, -1);
      cairo_move_to (cr, x + CARD_GAP, CARD_GAP);
      pango_cairo_show_layout (cr, layout);
    }

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (bold);

  /* Cards. */
  for (guint li = 0; li < lanes->len; li++)
    {
      Lane *l = &g_array_index (lanes, Lane, li);
      double r, g, b;
      lane_color (l->kind, &r, &g, &b);
      for (guint ci = 0; ci < l->cards->len; ci++)
        {
          Card *c = &g_array_index (l->cards, Card, ci);
          if (c->stage < 0)
            continue;
          double x = stage_x (c->stage, 0) + CARD_GAP, cy = l->y + c->y;
          double w = c->span * COL_W - 2 * CARD_GAP;
          rounded_rect (cr, x, cy, w, c->h, 6);
          cairo_set_source_rgb (cr, r, g, b);
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, r * 0.7, g * 0.7, b * 0.7);
          cairo_stroke (cr);
          cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
          pango_layout_set_width (layout, (int) ((w - 2 * CARD_PAD) * PANGO_SCALE));
          pango_layout_set_text (layout, c->text ? c->text : "", -1);
          cairo_move_to (cr, x + CARD_PAD, cy + CARD_PAD);
          pango_cairo_show_layout (cr, layout);
        }
    }

  /* Emotion lanes: curves (Catmull-Rom as cubic Beziers) and moments. */
  for (guint li = 0; li < lanes->len; li++)
    {
      Lane *l = &g_array_index (lanes, Lane, li);
      if (strcmp (l->kind, "emotion"))
        continue;
      double mid = l->y + l->h / 2, scale = (l->h / 2 - 20) / 3.0;
      cairo_set_source_rgb (cr, 0.7, 0.7, 0.7);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, GUTTER_W, mid);
      cairo_line_to (cr, page_w, mid);
      cairo_stroke (cr);

      for (guint k = 0; k < curves->len; k++)
        {
          Curve *cv = &g_array_index (curves, Curve, k);
          Persona *pe = NULL;
          for (guint i = 0; i < personas->len; i++)
            if (!g_strcmp0 (g_array_index (personas, Persona, i).id, cv->persona))
              pe = &g_array_index (personas, Persona, i);
          int n = cv->points->len;
          if (n == 0)
            continue;
          double *px = g_new (double, n), *py = g_new (double, n);
          for (int i = 0; i < n; i++)
            {
              Point *pt = &g_array_index (cv->points, Point, i);
              px[i] = stage_x (pt->stage, pt->at);
              py[i] = mid - pt->value * scale;
            }
          cairo_set_source_rgb (cr, pe ? pe->r : 0.2, pe ? pe->g : 0.5, pe ? pe->b : 0.9);
          cairo_set_line_width (cr, 2);
          cairo_move_to (cr, px[0], py[0]);
          for (int i = 0; i + 1 < n; i++)
            {
              int a = MAX (i - 1, 0), d = MIN (i + 2, n - 1);
              cairo_curve_to (cr,
                              px[i] + (px[i + 1] - px[a]) / 6, py[i] + (py[i + 1] - py[a]) / 6,
                              px[i + 1] - (px[d] - px[i]) / 6, py[i + 1] - (py[d] - py[i]) / 6,
                              px[i + 1], py[i + 1]);
            }
          cairo_stroke (cr);
          for (int i = 0; i < n; i++)
            {
              cairo_arc (cr, px[i], py[i], 3, 0, 2 * G_PI);
              cairo_fill (cr);
            }
          g_free (px);
          g_free (py);
        }

      pango_layout_set_width (layout, (int) ((COL_W - 2 * CARD_GAP) * PANGO_SCALE));
      for (guint k = 0; k < moments->len; k++)
        {
          Moment *m = &g_array_index (moments, Moment, k);
          if (m->stage < 0)
            continue;
          double x = stage_x (m->stage, m->at), my = l->y + l->h - 30;
          if (!strcmp (m->kind, "aha"))
            cairo_set_source_rgb (cr, 0.96, 0.76, 0.07);
          else
            cairo_set_source_rgb (cr, 0.55, 0.35, 0.85);
          cairo_arc (cr, x, my, 5, 0, 2 * G_PI);
          cairo_fill (cr);
          cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
          pango_layout_set_text (layout, m->text ? m->text : "", -1);
          cairo_move_to (cr, x + 8, my - 7);
          pango_cairo_show_layout (cr, layout);
        }
    }

  cairo_show_page (cr);
  g_object_unref (layout);
  pango_font_description_free (font);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_status_t st = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (st != CAIRO_STATUS_SUCCESS)
    {
      fprintf (stderr, "%s: %s\n", argv[2], cairo_status_to_string (st));
      return 1;
    }
  return 0;
}
