/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Times the canvas on one map, in a real window (run under Xvfb):
 * open to the first drawn frame, a 1920×1080 draw at 100 % and zoomed to
 * fit, a keystroke in one card (relayout + redraw), a keystroke in Find
 * (the query, then a redraw with every hit in view highlighted), and with
 * a large map a rubber band over about 500 cards and moving them one
 * stage (each one frame: selection or edit, relayout, redraw).
 *
 *   bench-canvas MAP.waymark [RUNS]
 *   bench-canvas MAP.waymark --open-only   (open to first frame ≤ 1.5 s)
 */
#include "config.h"

#include <stdlib.h>

#include "bench-util.h"
#include <adwaita.h>

#include "wm-canvas.h"
#include "wm-edits.h"
#include "wm-user-edits.h"
#include "wm-reader.h"
#include "wm-search.h"

#define VIEW_WIDTH  1920
#define VIEW_HEIGHT 1080

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static double
draw_ms (WmCanvas        *canvas,
         cairo_surface_t *surface)
{
  cairo_t *cr = cairo_create (surface);
  double start = bench_now_ms ();

  /* What a frame of the window draws: the map, find's hits and pinned
   * headers, then the selection's outlines and the band over them. */
  wm_canvas_draw_to_cairo (canvas, cr, VIEW_WIDTH, VIEW_HEIGHT);
  wm_canvas_draw_feedback (canvas, cr);
  cairo_surface_flush (surface);
  cairo_destroy (cr);

  return bench_now_ms () - start;
}

/* A card the view at 100 % shows, found by hit-testing across it. */
static WmCard *
card_in_view (WmCanvas *canvas)
{
  WmHit hit;
  double lx, ly;

  for (int y = VIEW_HEIGHT / 2; y < VIEW_HEIGHT; y += 20)
    for (int x = VIEW_WIDTH / 2; x < VIEW_WIDTH; x += 20)
      {
        wm_canvas_widget_to_layout (canvas, x, y, &lx, &ly);
        if (wm_layout_hit_test (wm_canvas_get_layout (canvas), lx, ly, &hit) &&
            hit.kind == WM_HIT_CARD)
          return WM_CARD (hit.item);
      }
  g_error ("no card in view at 100 %%");
  return NULL;
}

/* A band from the map's top-left corner wide enough for ~500 cards. */
static double
band_right (WmCanvas *canvas,
            double   *top,
            double   *bottom,
            double   *left)
{
  WmLayout *layout = wm_canvas_get_layout (canvas);
  cairo_rectangle_t first, last;
  guint n_lanes = g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_lanes (wm_canvas_get_document (canvas))));
  double right;

  wm_layout_get_cell_rect (layout, 0, 0, &first);
  wm_layout_get_cell_rect (layout, n_lanes - 1, 0, &last);
  *left = first.x + 1;
  *top = first.y + 1;
  *bottom = last.y + last.height - 1;
  for (right = first.x + 50; ; right += 50)
    {
      wm_canvas_drag_begin (canvas, *left, *top);
      wm_canvas_drag_update (canvas, right, *bottom);
      wm_canvas_drag_cancel (canvas);
      if (wm_canvas_get_n_selected (canvas) >= 500)
        return right;
    }
}

static void
bench_selection (WmCanvas        *canvas,
                 WmHistory       *history,
                 cairo_surface_t *surface,
                 int              runs)
{
  g_autoptr(GArray) t_band = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_move = g_array_new (FALSE, FALSE, sizeof (double));
  double top, bottom, left, right, start;
  guint selected = 0;

  if (wm_document_count_cards (wm_canvas_get_document (canvas)) < 1000)
    return;
  wm_canvas_set_zoom (canvas, 1.0);
  right = band_right (canvas, &top, &bottom, &left);
  for (int i = 0; i < runs; i++)
    {
      g_autoptr(GPtrArray) items = NULL;

      wm_canvas_set_selection (canvas, NULL);
      wm_canvas_drag_begin (canvas, left, top);
      wm_canvas_drag_update (canvas, right - 10, bottom);
      /* As in the window, every step of the drag is a frame: this one
       * untimed, the next (a column more of cards) timed. */
      draw_ms (canvas, surface);
      /* The frame: the band's last step selects the cards, then the redraw. */
      start = bench_now_ms ();
      wm_canvas_drag_update (canvas, right, bottom);
      draw_ms (canvas, surface);
      g_array_append_val (t_band, (double) { bench_now_ms () - start });
      wm_canvas_drag_end (canvas, right, bottom);
      selected = wm_canvas_get_n_selected (canvas);

      /* The drop: one command, the relayout, the redraw. */
      items = wm_canvas_dup_selected (canvas);
      start = bench_now_ms ();
      wm_history_push (history, wm_user_edit_move_cards (wm_canvas_get_document (canvas), items, 0, 1));
      wm_layout_update (wm_canvas_get_layout (canvas));
      draw_ms (canvas, surface);
      g_array_append_val (t_move, (double) { bench_now_ms () - start });
      wm_history_undo (history);
      wm_layout_update (wm_canvas_get_layout (canvas));
      draw_ms (canvas, surface);
    }
  g_print ("rubber band selected %u cards\n", selected);
  bench_budget ("band-select ~500 frame", bench_median (t_band), 16);
  bench_budget ("move ~500 cards frame", bench_median (t_move), 16);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(WmHistory) history = NULL;
  g_autoptr(GArray) t_view = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_fit = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_key = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_find = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(WmSearch) search = NULL;
  static const char *queries[] = { "p", "pa", "par", "park", "parki", "parkin", "parking" };
  cairo_surface_t *surface;
  GtkWidget *window, *scroller, *canvas;
  WmCard *card = NULL;
  gboolean painted = FALSE;
  double start, first_frame;
  int runs;

  if (argc < 2)
    {
      g_printerr ("usage: bench-canvas MAP.waymark [RUNS]\n");
      return 2;
    }

  runs = argc > 2 ? MAX (1, atoi (argv[2])) : 15;
  file = g_file_new_for_commandline_arg (argv[1]);
  gtk_init ();
  adw_init ();

  /* Open → first frame: load, build the window, wait for its first paint. */
  start = bench_now_ms ();
  document = wm_reader_load_file (file, &error);
  if (document == NULL)
    g_error ("%s", error->message);
  history = wm_history_new (document);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), VIEW_WIDTH, VIEW_HEIGHT);
  scroller = gtk_scrolled_window_new ();
  canvas = wm_canvas_new ();
  wm_canvas_set_history (WM_CANVAS (canvas), history);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), canvas);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_widget_realize (window);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), &painted);
  gtk_window_present (GTK_WINDOW (window));
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  first_frame = bench_now_ms () - start;

  /* A huge map (run-all.sh: 100,000 cards): only the opening is timed. */
  if (argc > 2 && g_str_equal (argv[2], "--open-only"))
    {
      g_print ("cards %u\n", wm_document_count_cards (document));
      bench_print_reference ();
      bench_budget ("open to first frame (huge)", first_frame, 1500);
      gtk_window_destroy (GTK_WINDOW (window));
      return 0;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, VIEW_WIDTH, VIEW_HEIGHT);

  for (int i = 0; i < runs; i++)
    {
      g_autofree char *text = NULL;

      /* Whole redraws: the canvas keeps the map's pixels while only what
       * is drawn over it changes, and the keystroke below left a 100 %
       * view of this map behind; these two time drawing it afresh. */
      wm_canvas_set_zoom (WM_CANVAS (canvas), 1.0);
      wm_canvas_invalidate_map (WM_CANVAS (canvas));
      g_array_append_val (t_view, (double) { draw_ms (WM_CANVAS (canvas), surface) });

      wm_canvas_zoom_fit (WM_CANVAS (canvas));
      wm_canvas_invalidate_map (WM_CANVAS (canvas));
      g_array_append_val (t_fit, (double) { draw_ms (WM_CANVAS (canvas), surface) });

      /* A keystroke: the edit, the relayout it causes, the redraw. As in
       * the window, the card is in view and that view was the last frame
       * (untimed), so the canvas repaints only what the edit changed. */
      wm_canvas_set_zoom (WM_CANVAS (canvas), 1.0);
      draw_ms (WM_CANVAS (canvas), surface);
      if (card == NULL)
        card = card_in_view (WM_CANVAS (canvas));
      text = g_strdup_printf ("%s%c", wm_card_get_text (card), 'a' + i % 26);
      start = bench_now_ms ();
      wm_history_push (history, wm_edit_set_merging (card, "typing", "text", text));
      wm_layout_update (wm_canvas_get_layout (WM_CANVAS (canvas)));
      draw_ms (WM_CANVAS (canvas), surface);
      g_array_append_val (t_key, (double) { bench_now_ms () - start });
    }

  /* Find: typing a query at fit zoom, where the most hits are in view. */
  search = wm_search_new (document);
  wm_search_set_query (search, "x");
  wm_canvas_set_search (WM_CANVAS (canvas), search);
  wm_canvas_zoom_fit (WM_CANVAS (canvas));
  for (int i = 0; i < runs; i++)
    for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
      {
        start = bench_now_ms ();
        wm_search_set_query (search, queries[(q + i) % G_N_ELEMENTS (queries)]);
        draw_ms (WM_CANVAS (canvas), surface);
        g_array_append_val (t_find, (double) { bench_now_ms () - start });
      }

  g_print ("cards %u, median of %d runs\n", wm_document_count_cards (document), runs);
  bench_print_reference ();
  bench_budget ("open to first frame", first_frame, 500);
  bench_budget ("canvas draw 1920x1080 100%", bench_median (t_view), 8);
  bench_budget ("canvas draw 1920x1080 fit", bench_median (t_fit), 16);
  bench_budget ("keystroke relayout+redraw", bench_median (t_key), 8);
  bench_budget ("find keystroke + highlights", bench_median (t_find), 50);
  bench_selection (WM_CANVAS (canvas), history, surface, MIN (runs, 5));

  cairo_surface_destroy (surface);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
