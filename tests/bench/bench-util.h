/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the benchmarks share: a clock and the median of a run's times. */

#include <glib.h>

static inline int
bench_compare_doubles (gconstpointer a,
                       gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static inline double
bench_median (GArray *times)
{
  g_array_sort (times, bench_compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

static inline double
bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>

/* A fixed workload of the same libraries, measured in the same run: 400
 * rounded boxes with a line of text each on a 1920×1080 image. A budget
 * divided by it tells a loaded or slower machine (the ratio holds) from a
 * regression (the ratio grows). */
static inline double
bench_reference_ms (void)
{
  static double reference;
  g_autoptr(GArray) times = NULL;
  cairo_surface_t *surface;

  if (reference > 0)
    return reference;

  times = g_array_new (FALSE, FALSE, sizeof (double));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  for (int run = 0; run < 9; run++)
    {
      cairo_t *cr = cairo_create (surface);
      PangoLayout *layout = pango_cairo_create_layout (cr);
      PangoFontDescription *font = pango_font_description_from_string ("Sans 10");
      double start = bench_now_ms ();

      pango_layout_set_font_description (layout, font);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      for (int i = 0; i < 400; i++)
        {
          char text[64];
          double x = (i % 20) * 96 + 4, y = (i / 20) * 54 + 4;

          g_snprintf (text, sizeof text, "Card %d: read reviews", i);
          cairo_new_sub_path (cr);
          cairo_arc (cr, x + 84, y + 6, 6, -G_PI / 2, 0);
          cairo_arc (cr, x + 84, y + 40, 6, 0, G_PI / 2);
          cairo_arc (cr, x + 6, y + 40, 6, G_PI / 2, G_PI);
          cairo_arc (cr, x + 6, y + 6, 6, G_PI, 3 * G_PI / 2);
          cairo_close_path (cr);
          cairo_set_source_rgb (cr, 0.9, 0.94, 1);
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, 0.2, 0.4, 0.8);
          cairo_stroke (cr);
          cairo_move_to (cr, x + 4, y + 4);
          pango_layout_set_text (layout, text, -1);
          pango_cairo_show_layout (cr, layout);
        }
      cairo_surface_flush (surface);
      if (run > 0)   /* the first run loads fonts */
        g_array_append_val (times, (double) { bench_now_ms () - start });
      pango_font_description_free (font);
      g_object_unref (layout);
      cairo_destroy (cr);
    }
  cairo_surface_destroy (surface);
  reference = bench_median (times);
  return reference;
}

/* One budget line: the measure, its limit, its ratio to the reference
 * workload and a verdict that run-all.sh counts. */
static inline gboolean
bench_budget (const char *name,
              double      ms,
              double      limit)
{
  gboolean pass = ms <= limit;

  g_print ("  %-30s %8.2f ms  limit %6.1f  %6.2fx ref  %s\n",
           name, ms, limit, ms / bench_reference_ms (), pass ? "PASS" : "FAIL");
  return pass;
}

static inline void
bench_print_reference (void)
{
  double load[3] = { 0 };
  FILE *f = fopen ("/proc/loadavg", "r");

  if (f != NULL)
    {
      if (fscanf (f, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3)
        load[0] = load[1] = load[2] = -1;
      fclose (f);
    }
  g_print ("  reference workload             %8.2f ms  (load average %.2f %.2f %.2f)\n",
           bench_reference_ms (), load[0], load[1], load[2]);
}
