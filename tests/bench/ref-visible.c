/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ref-visible.c — reference (b) of `make bench`: what Waymark's export
 * draws, drawn the cheapest way a good cairo programmer would.
 *
 *   ref-visible DIGEST OUT.(pdf|svg|png) [DPI]
 *
 * From the map already parsed (gen-map.py --digest), it draws the title,
 * the persona's card, the stages' chevrons with their numbers and titles,
 * the lane headers, every card's frame and accent bar, its touchpoint tag,
 * key star, severity dots, feedback-count pill, channel and owner lines
 * and text, the persona's curve with its knots, the moments with their
 * callouts, and the legend. Cheap means: shapes of one colour in one path
 * (one fill, one stroke), each text shaped once, a label that repeats
 * ("Core", "×12") shaped once and shown again, opaque colours only.
 * Nothing is measured twice and nothing grows faster than the map.
 */

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>
#include <stdio.h>

#include "ref-digest.h"

#define COL_W     220.0
#define CARD_W    200.0
#define GAP        10.0
#define PAD         8.0
#define GUTTER    160.0
#define TOP       150.0  /* title, scenario, persona card */
#define BAND       40.0  /* the stages' chevrons */
#define EMOTION   180.0
#define META       16.0  /* a card's tag line */
#define FAMILY    "Noto Sans, Noto Sans CJK SC, DejaVu Sans, sans-serif"

typedef enum { F_BODY, F_SMALL, F_SMALL_BOLD, F_HEADER, F_TITLE, N_FONTS } Font;

static const char *font_sizes[N_FONTS] = { "10", "8", "Bold 8", "Bold 11", "Bold 22" };

typedef struct
{
  cairo_t     *cr;
  PangoLayout *layouts[N_FONTS];   /* one per font, for texts seen once */
  GHashTable  *labels;             /* "font\ttext" → PangoLayout, shaped once */
  double       line_h;
  double       card_h;
  double       row_h;
  double      *lane_y;
} Ref;

static void
rgb (cairo_t *cr,
     guint32  hex)
{
  cairo_set_source_rgb (cr, ((hex >> 16) & 255) / 255.0, ((hex >> 8) & 255) / 255.0, (hex & 255) / 255.0);
}

static void
rounded (cairo_t *cr,
         double   x,
         double   y,
         double   w,
         double   h,
         double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
circle (cairo_t *cr,
        double   x,
        double   y,
        double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
}

static void
star (cairo_t *cr,
      double   cx,
      double   cy,
      double   r)
{
  for (int i = 0; i < 10; i++)
    {
      double a = -G_PI / 2 + i * G_PI / 5, rr = i % 2 == 0 ? r : r * 0.45;

      if (i == 0)
        cairo_move_to (cr, cx + rr * cos (a), cy + rr * sin (a));
      else
        cairo_line_to (cr, cx + rr * cos (a), cy + rr * sin (a));
    }
  cairo_close_path (cr);
}

/* A text seen once: shaped where it is drawn. */
static void
text (Ref        *ref,
      Font        font,
      const char *s,
      double      x,
      double      y,
      double      width)
{
  PangoLayout *layout = ref->layouts[font];

  pango_layout_set_width (layout, width > 0 ? pango_units_from_double (width) : -1);
  pango_layout_set_text (layout, s, -1);
  cairo_move_to (ref->cr, x, y);
  pango_cairo_show_layout (ref->cr, layout);
}

/* A label that repeats: shaped the first time, shown again after. Returns
 * its width. */
static double
label (Ref        *ref,
       Font        font,
       const char *s,
       double      x,
       double      y,
       gboolean    draw)
{
  g_autofree char *key = g_strdup_printf ("%d\t%s", font, s);
  PangoLayout *layout = g_hash_table_lookup (ref->labels, key);
  int w;

  if (layout == NULL)
    {
      layout = pango_layout_new (pango_layout_get_context (ref->layouts[font]));
      pango_layout_set_font_description (layout, pango_layout_get_font_description (ref->layouts[font]));
      pango_layout_set_text (layout, s, -1);
      g_hash_table_insert (ref->labels, g_steal_pointer (&key), layout);
    }
  if (draw)
    {
      cairo_move_to (ref->cr, x, y);
      pango_cairo_show_layout (ref->cr, layout);
    }
  pango_layout_get_size (layout, &w, NULL);
  return pango_units_to_double (w);
}

static double
card_x (const Card *c)
{
  return GUTTER + c->stage * COL_W + GAP;
}

static double
card_y (Ref        *ref,
        const Card *c)
{
  return ref->lane_y[c->lane] + GAP;
}

static gboolean
has_meta (const Card *c)
{
  return strcmp (c->touchpoint, "-") != 0 || c->severity > 0 || c->frequency > 0 || c->key;
}

static void
draw_header (Ref          *ref,
             const Digest *d)
{
  cairo_t *cr = ref->cr;

  rgb (cr, 0x241f31);
  text (ref, F_TITLE, "Benchmark journey", GUTTER, 20, -1);
  rgb (cr, 0x77767b);
  text (ref, F_BODY, "Generated benchmark data", GUTTER, 56, -1);
  /* The persona's card. */
  rounded (cr, GUTTER, 80, 260, 56, 8);
  rgb (cr, 0xf6f5f4);
  cairo_fill_preserve (cr);
  rgb (cr, 0xdeddda);
  cairo_stroke (cr);
  rgb (cr, 0x3584e4);
  cairo_rectangle (cr, GUTTER, 80, 260, 4);
  circle (cr, GUTTER + 19, 100, 7);
  cairo_fill (cr);
  rgb (cr, 0x241f31);
  text (ref, F_HEADER, "Weekend camper", GUTTER + 34, 92, -1);
  (void) d;
}

static void
draw_stages (Ref          *ref,
             const Digest *d)
{
  cairo_t *cr = ref->cr;
  double y = TOP;

  /* Chevrons of one shade in one path, of the other in another. */
  for (int odd = 0; odd < 2; odd++)
    {
      for (int s = odd; s < d->n_stages; s += 2)
        {
          double x = GUTTER + s * COL_W;

          cairo_move_to (cr, x + 2, y);
          cairo_line_to (cr, x + COL_W - 7, y);
          cairo_line_to (cr, x + COL_W + 2, y + BAND / 2);
          cairo_line_to (cr, x + COL_W - 7, y + BAND);
          cairo_line_to (cr, x + 2, y + BAND);
          cairo_line_to (cr, x + 11, y + BAND / 2);
          cairo_close_path (cr);
        }
      rgb (cr, odd ? 0x1c71d8 : 0x3584e4);
      cairo_fill (cr);
    }
  for (int s = 0; s < d->n_stages; s++)
    circle (cr, GUTTER + s * COL_W + 22, y + BAND / 2, 9);
  rgb (cr, 0xffffff);
  cairo_fill (cr);
  for (int s = 0; s < d->n_stages; s++)
    {
      char num[16];
      double x = GUTTER + s * COL_W;

      g_snprintf (num, sizeof num, "%d", s + 1);
      rgb (cr, 0x1c71d8);
      text (ref, F_SMALL_BOLD, num, x + 17, y + BAND / 2 - 6, -1);
      rgb (cr, 0xffffff);
      text (ref, F_HEADER, g_array_index (d->stages, const char *, s), x + 38, y + BAND / 2 - 8, -1);
    }
}

static void
draw_lane_headers (Ref          *ref,
                   const Digest *d)
{
  cairo_t *cr = ref->cr;

  for (int l = 0; l < d->n_lanes; l++)
    cairo_rectangle (cr, 0, ref->lane_y[l], GUTTER - 4, ref->lane_y[l + 1] - ref->lane_y[l] - 2);
  rgb (cr, 0xf6f5f4);
  cairo_fill (cr);
  for (int l = 0; l < d->n_lanes; l++)
    {
      cairo_rectangle (cr, 0, ref->lane_y[l], 3, ref->lane_y[l + 1] - ref->lane_y[l] - 2);
      rounded (cr, 12, ref->lane_y[l] + 14, 18, 18, 4);
    }
  rgb (cr, 0x9141ac);
  cairo_fill (cr);
  rgb (cr, 0x241f31);
  for (int l = 0; l < d->n_lanes && l < (int) d->lanes->len; l++)
    text (ref, F_HEADER, g_array_index (d->lanes, Lane, l).title, 38, ref->lane_y[l] + 14, GUTTER - 50);
}

/* Frames, accent bars: one path each, per lane colour. */
static void
draw_card_frames (Ref          *ref,
                  const Digest *d)
{
  static const guint32 accents[] = { 0x1c71d8, 0x2ec27e, 0x9141ac, 0x26a269, 0xe66100, 0xc01c28, 0xf5c211, 0x613583, 0x77767b };
  cairo_t *cr = ref->cr;

  for (int l = 0; l < d->n_lanes; l++)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < d->cards->len; i++)
        {
          const Card *c = &g_array_index (d->cards, Card, i);

          if (c->lane != l)
            continue;
          rounded (cr, card_x (c), card_y (ref, c), CARD_W, ref->card_h, 6);
          any = TRUE;
        }
      if (!any)
        continue;
      rgb (cr, 0xf4f6fb);
      cairo_fill_preserve (cr);
      rgb (cr, 0xd0d3da);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      for (guint i = 0; i < d->cards->len; i++)
        {
          const Card *c = &g_array_index (d->cards, Card, i);

          if (c->lane == l)
            cairo_rectangle (cr, card_x (c) + 3.5, card_y (ref, c) + 5, 3, ref->card_h - 10);
        }
      rgb (cr, accents[l % G_N_ELEMENTS (accents)]);
      cairo_fill (cr);
    }
}

/* Tags, stars, dots and pills: a path per kind and colour. */
static void
draw_card_marks (Ref          *ref,
                 const Digest *d)
{
  static const char *tps[] = { "pre", "first", "core", "missed" };
  static const char *tags[] = { "Pre", "First", "Core", "Missed" };
  static const guint32 heat[] = { 0xf6d32d, 0xf5a623, 0xe66100, 0xd0451b, 0xc01c28 };
  cairo_t *cr = ref->cr;

  for (int t = 0; t < 4; t++)
    {
      for (guint i = 0; i < d->cards->len; i++)
        {
          const Card *c = &g_array_index (d->cards, Card, i);

          if (strcmp (c->touchpoint, tps[t]) == 0)
            rounded (cr, card_x (c) + PAD, card_y (ref, c) + 6, label (ref, F_SMALL_BOLD, tags[t], 0, 0, FALSE) + 10,
                     META - 2, (META - 2) / 2);
        }
      rgb (cr, 0x9141ac);
      if (t == 2)
        cairo_fill (cr);
      else
        cairo_stroke (cr);
    }
  for (guint i = 0; i < d->cards->len; i++)
    {
      const Card *c = &g_array_index (d->cards, Card, i);

      if (c->key)
        star (cr, card_x (c) + CARD_W - PAD - 7, card_y (ref, c) + 6 + META / 2, 6.5);
    }
  rgb (cr, 0xf5c211);
  cairo_fill (cr);
  for (int s = 1; s <= 5; s++)
    {
      for (guint i = 0; i < d->cards->len; i++)
        {
          const Card *c = &g_array_index (d->cards, Card, i);

          for (int k = 0; k < s && c->severity == s; k++)
            circle (cr, card_x (c) + PAD + 3.5 + k * 8.5, card_y (ref, c) + 6 + META / 2, 3);
        }
      rgb (cr, heat[s - 1]);
      cairo_fill (cr);
    }
  for (guint i = 0; i < d->cards->len; i++)
    {
      const Card *c = &g_array_index (d->cards, Card, i);

      for (int k = c->severity; k > 0 && k < 5; k++)
        circle (cr, card_x (c) + PAD + 3.5 + k * 8.5, card_y (ref, c) + 6 + META / 2, 2.55);
    }
  rgb (cr, 0xc0bfbc);
  cairo_stroke (cr);
  for (guint i = 0; i < d->cards->len; i++)
    {
      const Card *c = &g_array_index (d->cards, Card, i);

      if (c->frequency > 0)
        rounded (cr, card_x (c) + CARD_W - PAD - 34, card_y (ref, c) + 6, 30, META - 2, (META - 2) / 2);
    }
  rgb (cr, 0xfbe6e3);
  cairo_fill_preserve (cr);
  rgb (cr, 0xd86b64);
  cairo_stroke (cr);
}

/* Texts: each card's once; tags and counts, shaped once each. */
static void
draw_card_texts (Ref          *ref,
                 const Digest *d)
{
  static const char *tps[] = { "pre", "first", "core", "missed" };
  static const char *tags[] = { "Pre", "First", "Core", "Missed" };
  cairo_t *cr = ref->cr;

  rgb (cr, 0x241f31);
  for (guint i = 0; i < d->cards->len; i++)
    {
      const Card *c = &g_array_index (d->cards, Card, i);
      double top = card_y (ref, c) + PAD + (has_meta (c) ? META : 0);

      text (ref, F_BODY, c->text, card_x (c) + PAD + 2, top, CARD_W - 2 * PAD - 2);
    }
  rgb (cr, 0x77767b);
  for (guint i = 0; i < d->cards->len; i++)
    {
      const Card *c = &g_array_index (d->cards, Card, i);
      double bottom = card_y (ref, c) + ref->card_h - PAD - 12;

      if (strcmp (c->channel, "-") != 0)
        label (ref, F_SMALL, c->channel, card_x (c) + PAD + 14, bottom, TRUE);
      if (strcmp (c->owner, "-") != 0)
        label (ref, F_SMALL, c->owner, card_x (c) + PAD + 14, bottom, TRUE);
    }
  for (guint i = 0; i < d->cards->len; i++)
    {
      const Card *c = &g_array_index (d->cards, Card, i);
      char count[16];

      for (int t = 0; t < 4; t++)
        if (strcmp (c->touchpoint, tps[t]) == 0)
          label (ref, F_SMALL_BOLD, tags[t], card_x (c) + PAD + 5, card_y (ref, c) + 7, TRUE);
      if (c->frequency > 0)
        {
          g_snprintf (count, sizeof count, "×%d", c->frequency);
          label (ref, F_SMALL_BOLD, count, card_x (c) + CARD_W - PAD - 30, card_y (ref, c) + 7, TRUE);
        }
    }
  /* Channel and owner icons: one path. */
  for (guint i = 0; i < d->cards->len; i++)
    {
      const Card *c = &g_array_index (d->cards, Card, i);
      double bottom = card_y (ref, c) + ref->card_h - PAD - 12;

      if (strcmp (c->channel, "-") != 0 || strcmp (c->owner, "-") != 0)
        rounded (cr, card_x (c) + PAD + 2, bottom + 1, 9, 9, 2);
    }
  cairo_fill (cr);
}

static void
draw_emotion (Ref          *ref,
              const Digest *d)
{
  cairo_t *cr = ref->cr;
  double mid = d->emotion_lane >= 0 ? ref->lane_y[d->emotion_lane] + EMOTION / 2 : TOP;
  double px = 0, py = 0;
  gboolean first = TRUE;

  for (int s = 0; s < d->n_stages; s++)
    {
      double x = GUTTER + s * COL_W + COL_W / 2, y;

      if (isnan (d->points[s]))
        continue;
      y = mid - d->points[s] * (EMOTION / 7);
      if (first)
        cairo_move_to (cr, x, y);
      else
        cairo_curve_to (cr, (px + x) / 2, py, (px + x) / 2, y, x, y);
      px = x;
      py = y;
      first = FALSE;
    }
  rgb (cr, 0x3584e4);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);
  for (int s = 0; s < d->n_stages; s++)
    if (!isnan (d->points[s]))
      circle (cr, GUTTER + s * COL_W + COL_W / 2, mid - d->points[s] * (EMOTION / 7), 3.5);
  rgb (cr, 0xffffff);
  cairo_fill_preserve (cr);
  rgb (cr, 0x3584e4);
  cairo_set_line_width (cr, 1.8);
  cairo_stroke (cr);

  /* Moments: markers, leaders, callouts, text. */
  for (guint i = 0; i < d->moments->len; i++)
    {
      const Moment *m = &g_array_index (d->moments, Moment, i);
      double x = GUTTER + m->stage * COL_W + m->at * COL_W;

      star (cr, x, mid - 60, 7);
    }
  rgb (cr, 0xf5c211);
  cairo_fill (cr);
  for (guint i = 0; i < d->moments->len; i++)
    {
      const Moment *m = &g_array_index (d->moments, Moment, i);
      double x = GUTTER + m->stage * COL_W + m->at * COL_W;

      rounded (cr, x + 10, mid - 72, 150, 22, 4);
    }
  rgb (cr, 0xffffff);
  cairo_fill_preserve (cr);
  rgb (cr, 0xc0bfbc);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  rgb (cr, 0x241f31);
  for (guint i = 0; i < d->moments->len; i++)
    {
      const Moment *m = &g_array_index (d->moments, Moment, i);
      double x = GUTTER + m->stage * COL_W + m->at * COL_W;

      text (ref, F_SMALL, m->text, x + 16, mid - 68, -1);
    }
}

static void
draw_legend (Ref *ref,
             double y)
{
  static const char *items[] = { "Legend", "Weekend camper", "Aha-moment", "Micro-moment", "Pre-touchpoint",
                                 "First touchpoint", "Core touchpoint", "Missed touchpoint",
                                 "Key touchpoint", "Pain severity", "Feedback count" };
  cairo_t *cr = ref->cr;

  rgb (cr, 0x77767b);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      circle (cr, GUTTER + i * 130 + 6, y + 6, 5);
      text (ref, i == 0 ? F_SMALL_BOLD : F_SMALL, items[i], GUTTER + i * 130 + 16, y, -1);
    }
  cairo_fill (cr);
}

int
main (int   argc,
      char *argv[])
{
  Digest d = { 0 };
  Ref ref = { 0 };
  g_autofree char *contents = NULL;
  cairo_surface_t *surface;
  PangoFontMetrics *metrics;
  PangoContext *context;
  PangoLanguage *language;
  double w, h, y, scale = 1.0;
  const char *out;

  if ((argc != 3 && argc != 4) || !read_digest (argv[1], &d, &contents))
    {
      fprintf (stderr, "usage: %s DIGEST OUT.(pdf|svg|png) [DPI]\n", argv[0]);
      return 2;
    }
  out = argv[2];
  if (argc == 4)
    scale = g_ascii_strtod (argv[3], NULL) / 72.0;
  language = pango_language_from_string (d.lang);

  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  {
    PangoFontDescription *font = pango_font_description_from_string (FAMILY " 10");

    metrics = pango_context_get_metrics (context, font, language);
    pango_font_description_free (font);
  }
  ref.line_h = pango_units_to_double (pango_font_metrics_get_height (metrics));
  pango_font_metrics_unref (metrics);
  g_object_unref (context);
  ref.card_h = META + 3 * ref.line_h + 2 * PAD + 14;
  ref.row_h = ref.card_h + 2 * GAP;

  ref.lane_y = g_new (double, d.n_lanes + 1);
  y = TOP + BAND + 20;
  for (int l = 0; l <= d.n_lanes; l++)
    {
      ref.lane_y[l] = y;
      y += l == d.emotion_lane ? EMOTION : ref.row_h;
    }
  w = GUTTER + d.n_stages * COL_W + 20;
  h = y + 60;

  if (g_str_has_suffix (out, ".pdf"))
    surface = cairo_pdf_surface_create (out, w, h);
  else if (g_str_has_suffix (out, ".svg"))
    surface = cairo_svg_surface_create (out, w, h);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (w * scale), (int) (h * scale));
  ref.cr = cairo_create (surface);
  if (g_str_has_suffix (out, ".png"))
    cairo_scale (ref.cr, scale, scale);

  for (int f = 0; f < N_FONTS; f++)
    {
      g_autofree char *desc = g_strdup_printf ("%s %s", FAMILY, font_sizes[f]);
      PangoFontDescription *font = pango_font_description_from_string (desc);

      ref.layouts[f] = pango_cairo_create_layout (ref.cr);
      pango_context_set_language (pango_layout_get_context (ref.layouts[f]), language);
      pango_layout_context_changed (ref.layouts[f]);
      pango_layout_set_font_description (ref.layouts[f], font);
      pango_layout_set_wrap (ref.layouts[f], PANGO_WRAP_WORD_CHAR);
      pango_font_description_free (font);
    }
  ref.labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  rgb (ref.cr, 0xffffff);
  cairo_paint (ref.cr);
  draw_header (&ref, &d);
  draw_stages (&ref, &d);
  draw_lane_headers (&ref, &d);
  draw_card_frames (&ref, &d);
  draw_card_marks (&ref, &d);
  draw_card_texts (&ref, &d);
  draw_emotion (&ref, &d);
  draw_legend (&ref, y + 20);

  g_hash_table_unref (ref.labels);
  for (int f = 0; f < N_FONTS; f++)
    g_object_unref (ref.layouts[f]);
  cairo_destroy (ref.cr);
  if (g_str_has_suffix (out, ".png"))
    cairo_surface_write_to_png (surface, out);
  cairo_surface_finish (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      fprintf (stderr, "%s: %s\n", out, cairo_status_to_string (cairo_surface_status (surface)));
      return 1;
    }
  cairo_surface_destroy (surface);
  g_free (ref.lane_y);
  return 0;
}
