/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ref-minimal.c — reference (a) of `make bench`: the least a cairo program
 * must do to draw the same map.
 *
 *   ref-minimal DIGEST OUT.(pdf|svg|png) [DPI]
 *
 * (DPI: a PNG's resolution, 72 unless given, as `waymark export --dpi`.)
 * DIGEST is the map already parsed (gen-map.py --digest): this program
 * pays for no parsing, no model and no layout engine. It draws every card
 * as a rounded box (all boxes in one path: one fill, one stroke) with its
 * text set by one reused PangoLayout, and the persona's curve as one
 * Bézier path; nothing else. Each card's text is shaped once. Work is
 * linear in the number of cards: run-export-bench.sh checks that too.
 * The fonts are Waymark's (wm-style.c), so both embed the same glyphs.
 */

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ref-digest.h"

#define COL_W     220.0  /* a stage's column */
#define CARD_W    200.0
#define GAP        10.0
#define PAD         8.0
#define GUTTER    160.0
#define HEADER     60.0
#define EMOTION   180.0
#define FONT      "Noto Sans, Noto Sans CJK SC, DejaVu Sans, sans-serif 10"

static double
lane_y (const Digest *d,
        int           lane,
        double        row_h)
{
  double y = HEADER;

  for (int i = 0; i < lane; i++)
    y += i == d->emotion_lane ? EMOTION : row_h;
  return y;
}

static void
draw (cairo_t      *cr,
      const Digest *d,
      double        card_h,
      double        row_h)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT);
  double *ys = g_new (double, d->n_lanes + 1);
  double ey, prev_x = 0, prev_y = 0;
  gboolean first = TRUE;

  pango_context_set_language (pango_layout_get_context (layout), pango_language_from_string (d->lang));
  pango_layout_context_changed (layout);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, pango_units_from_double (CARD_W - 2 * PAD));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  for (int i = 0; i <= d->n_lanes; i++)
    ys[i] = lane_y (d, i, row_h);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  /* Every box in one path. */
  for (guint i = 0; i < d->cards->len; i++)
    {
      const Card *c = &g_array_index (d->cards, Card, i);
      double x = GUTTER + c->stage * COL_W + GAP, y = ys[c->lane] + GAP, r = 6;

      cairo_new_sub_path (cr);
      cairo_arc (cr, x + CARD_W - r, y + r, r, -G_PI / 2, 0);
      cairo_arc (cr, x + CARD_W - r, y + card_h - r, r, 0, G_PI / 2);
      cairo_arc (cr, x + r, y + card_h - r, r, G_PI / 2, G_PI);
      cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
      cairo_close_path (cr);
    }
  cairo_set_source_rgb (cr, 0.94, 0.96, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.75, 0.78, 0.84);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  /* Each text shaped once, where it is drawn. */
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  for (guint i = 0; i < d->cards->len; i++)
    {
      const Card *c = &g_array_index (d->cards, Card, i);

      cairo_move_to (cr, GUTTER + c->stage * COL_W + GAP + PAD, ys[c->lane] + GAP + PAD);
      pango_layout_set_text (layout, c->text, -1);
      pango_cairo_show_layout (cr, layout);
    }

  /* The curve: one path through the points. */
  ey = d->emotion_lane >= 0 ? ys[d->emotion_lane] + EMOTION / 2 : HEADER;
  for (int s = 0; s < d->n_stages; s++)
    {
      double x = GUTTER + s * COL_W + COL_W / 2, y;

      if (isnan (d->points[s]))
        continue;
      y = ey - d->points[s] * (EMOTION / 7);
      if (first)
        cairo_move_to (cr, x, y);
      else
        cairo_curve_to (cr, (prev_x + x) / 2, prev_y, (prev_x + x) / 2, y, x, y);
      prev_x = x;
      prev_y = y;
      first = FALSE;
    }
  cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);

  g_free (ys);
  pango_font_description_free (font);
  g_object_unref (layout);
}

int
main (int   argc,
      char *argv[])
{
  Digest d = { 0 };
  g_autofree char *contents = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoFontMetrics *metrics;
  PangoFontDescription *font;
  PangoContext *context;
  double line_h, card_h, row_h, w, h, scale = 1.0;
  const char *out;

  if ((argc != 3 && argc != 4) || !read_digest (argv[1], &d, &contents))
    {
      fprintf (stderr, "usage: %s DIGEST OUT.(pdf|svg|png) [DPI]\n", argv[0]);
      return 2;
    }
  out = argv[2];
  if (argc == 4)
    scale = g_ascii_strtod (argv[3], NULL) / 72.0;

  /* Room for three lines a card (gen-map.py writes two or three): the row
   * height comes from the font, not from measuring every card twice. */
  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  font = pango_font_description_from_string (FONT);
  metrics = pango_context_get_metrics (context, font, pango_language_from_string (d.lang));
  line_h = pango_units_to_double (pango_font_metrics_get_height (metrics));
  pango_font_metrics_unref (metrics);
  pango_font_description_free (font);
  g_object_unref (context);
  card_h = 3 * line_h + 2 * PAD;
  row_h = card_h + 2 * GAP;

  w = GUTTER + d.n_stages * COL_W;
  h = lane_y (&d, d.n_lanes, row_h);
  if (g_str_has_suffix (out, ".pdf"))
    surface = cairo_pdf_surface_create (out, w, h);
  else if (g_str_has_suffix (out, ".svg"))
    surface = cairo_svg_surface_create (out, w, h);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (w * scale), (int) (h * scale));
  cr = cairo_create (surface);
  if (g_str_has_suffix (out, ".png"))
    cairo_scale (cr, scale, scale);
  draw (cr, &d, card_h, row_h);
  cairo_destroy (cr);
  if (g_str_has_suffix (out, ".png"))
    cairo_surface_write_to_png (surface, out);
  cairo_surface_finish (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      fprintf (stderr, "%s: %s\n", out, cairo_status_to_string (cairo_surface_status (surface)));
      return 1;
    }
  cairo_surface_destroy (surface);
  g_array_unref (d.cards);
  g_free (d.points);
  return 0;
}
