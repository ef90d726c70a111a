/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Times the core on one map: load (parse + model + layout), save, and
 * renders of a 1920×1080 viewport at 100 % and zoomed to fit.
 * Prints the median of RUNS runs of each, in milliseconds.
 *
 *   bench-core MAP.waymark [RUNS]
 */
#include "config.h"

#include <stdlib.h>

#include "bench-util.h"

#include "wm-layout.h"
#include "wm-reader.h"
#include "wm-render.h"
#include "wm-writer.h"

#define VIEW_WIDTH  1920
#define VIEW_HEIGHT 1080

static WmLayout *
load (GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = wm_reader_load_file (file, &error);
  WmLayout *layout;

  if (document == NULL)
    g_error ("%s", error->message);

  layout = wm_layout_new (document, WM_THEME_LIGHT);
  wm_layout_update (layout);
  return layout;
}

static void
render_view (WmLayout *layout,
             double    zoom)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, VIEW_WIDTH, VIEW_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  WmRenderOptions options = WM_RENDER_OPTIONS_INIT;

  cairo_scale (cr, zoom, zoom);
  options.clip.width = VIEW_WIDTH / zoom;
  options.clip.height = VIEW_HEIGHT / zoom;
  options.scale = zoom;
  wm_render (layout, cr, &options);
  cairo_surface_flush (surface);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static double
fit_zoom (WmLayout *layout)
{
  double width, height;

  wm_layout_get_size (layout, &width, &height);
  return MIN (VIEW_WIDTH / width, VIEW_HEIGHT / height);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) out = NULL;
  g_autoptr(GArray) t_load = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_save = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_view = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_fit = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(WmLayout) layout = NULL;
  g_autofree char *out_path = NULL;
  int runs;

  if (argc < 2)
    {
      g_printerr ("usage: bench-core MAP.waymark [RUNS]\n");
      return 2;
    }

  runs = argc > 2 ? MAX (1, atoi (argv[2])) : 7;
  file = g_file_new_for_commandline_arg (argv[1]);
  out_path = g_build_filename (g_get_tmp_dir (), "waymark-bench-save.waymark", NULL);
  out = g_file_new_for_path (out_path);

  /* Warm the font caches: the first layout loads fonts, a one-off cost. */
  g_object_unref (load (file));

  for (int i = 0; i < runs; i++)
    {
      double start = bench_now_ms ();
      g_autoptr(GError) error = NULL;

      g_clear_object (&layout);
      layout = load (file);
      g_array_append_val (t_load, (double) { bench_now_ms () - start });

      start = bench_now_ms ();
      if (!wm_writer_save_file (wm_layout_get_document (layout), out, &error))
        g_error ("%s", error->message);
      g_array_append_val (t_save, (double) { bench_now_ms () - start });

      start = bench_now_ms ();
      render_view (layout, 1.0);
      g_array_append_val (t_view, (double) { bench_now_ms () - start });

      start = bench_now_ms ();
      render_view (layout, fit_zoom (layout));
      g_array_append_val (t_fit, (double) { bench_now_ms () - start });
    }

  g_print ("cards %u, median of %d runs\n",
           wm_document_count_cards (wm_layout_get_document (layout)), runs);
  bench_print_reference ();
  bench_budget ("load (parse+model+layout)", bench_median (t_load), 40);
  bench_budget ("save (write+verify)", bench_median (t_save), 30);
  bench_budget ("render 1920x1080 at 100%", bench_median (t_view), 8);
  bench_budget ("render 1920x1080 fit", bench_median (t_fit), 16);

  g_file_delete (out, NULL, NULL);
  return 0;
}
