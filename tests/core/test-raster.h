/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-raster.h - an exported file drawn by another program (rsvg-convert,
 * pdftoppm) and compared with another drawing, for the tests that hold
 * an export to what a reader of it sees */

#pragma once

#include <math.h>
#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>

/* Renders @bytes with @argv, where "IN" stands for the input file and
 * "OUT" for the output (pdftoppm: its prefix), and loads the PNG. */
static inline cairo_surface_t *
render_with (GBytes      *bytes,
             const char  *input_name,
             const char **argv)
{
  g_autofree char *dir = g_dir_make_tmp ("waymark-raster-XXXXXX", NULL);
  g_autofree char *input = g_build_filename (dir, input_name, NULL);
  g_autofree char *output = g_build_filename (dir, "out.png", NULL);
  g_autofree char *prefix = g_build_filename (dir, "out", NULL);
  gboolean ppm = g_str_equal (argv[0], "pdftoppm");
  cairo_surface_t *image;
  int status;

  g_assert_true (g_file_set_contents (input, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  for (guint i = 0; argv[i] != NULL; i++)
    if (g_str_equal (argv[i], "IN"))
      argv[i] = input;
    else if (g_str_equal (argv[i], "OUT"))
      argv[i] = ppm ? prefix : output;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  image = cairo_image_surface_create_from_png (output);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_unlink (input);
  g_unlink (output);
  g_rmdir (dir);
  return image;
}

/* Mean absolute difference per channel (0..255) of @a and @b averaged
 * over @cell × @cell blocks: antialiasing differences wash out, a
 * misplaced or missing card does not. */
static inline double
mean_difference (cairo_surface_t *a,
                 cairo_surface_t *b,
                 guint            cell)
{
  int w = MIN (cairo_image_surface_get_width (a), cairo_image_surface_get_width (b));
  int h = MIN (cairo_image_surface_get_height (a), cairo_image_surface_get_height (b));
  double total = 0;
  guint cells = 0;

  cairo_surface_flush (a);
  cairo_surface_flush (b);
  for (int cy = 0; cy + (int) cell <= h; cy += cell)
    for (int cx = 0; cx + (int) cell <= w; cx += cell)
      {
        double sum[2][3] = { { 0 } };

        for (int y = cy; y < cy + (int) cell; y++)
          for (int x = cx; x < cx + (int) cell; x++)
            for (guint k = 0; k < 2; k++)
              {
                cairo_surface_t *s = k == 0 ? a : b;
                guint32 px = ((const guint32 *) (cairo_image_surface_get_data (s) +
                                                 y * cairo_image_surface_get_stride (s)))[x];

                sum[k][0] += (px >> 16) & 0xff;
                sum[k][1] += (px >> 8) & 0xff;
                sum[k][2] += px & 0xff;
              }
        for (guint c = 0; c < 3; c++)
          total += fabs (sum[0][c] - sum[1][c]) / (cell * cell);
        cells++;
      }

  return total / (3.0 * MAX (cells, 1u));
}
