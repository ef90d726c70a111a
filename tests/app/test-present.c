/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Present mode: the view for each stage (legible text, every card of a
 * stage shown on one of its screens), the keys a clicker sends, the
 * dimming and the blank screen as pixels, leaving, edits made while
 * presenting undone from the editor window, and one run of the real
 * application driven with xdotool. Needs a display (Xvfb). */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "wm-canvas.h"
#include "wm-present-window.h"
#include "wm-presenter-window.h"
#include "wm-reader.h"
#include "wm-template-chooser.h"
#include "wm-window.h"

#include "app-test-util.h"

/* The screen present mode is judged at; a window gets what the display
 * has room for (1270 × 790 in a 1280 × 800 Xvfb: run under a 1920 × 1080
 * one for the real thing). */
static int W = 1920;
static int H = 1080;

static char *tmp_dir;

/* Text sizes */

static double
smallest_card_font (WmLayout *layout)
{
  const WmStyle *style = wm_layout_get_style (layout);

  return MIN (style->font_size, style->small_font_size);
}

/* A present window of exactly W × H on @history, settled. */

static gboolean
window_ready (gpointer data)
{
  WmPresentWindow *window = data;
  GtkWidget *canvas = GTK_WIDGET (wm_present_window_get_canvas (window));

  return gtk_widget_get_mapped (canvas) && gtk_widget_get_width (canvas) > 0 &&
         !wm_present_window_get_animating (window);
}

static gboolean
settled (gpointer data)
{
  return !wm_present_window_get_animating (data);
}

static WmPresentWindow *
new_present_window (WmHistory *history)
{
  WmPresentWindow *window = wm_present_window_new (history, NULL);
  GtkWidget *canvas = GTK_WIDGET (wm_present_window_get_canvas (window));

  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (spin_until (window_ready, window, 5000));
  spin_ms (100);   /* the first frame settles the view */
  W = gtk_widget_get_width (canvas);
  H = gtk_widget_get_height (canvas);
  g_assert_cmpint (W, >=, 1000);
  g_assert_cmpint (H, >=, 700);
  g_test_message ("present window %d × %d", W, H);
  return window;
}

static void
press (WmPresentWindow *window,
       guint            keyval)
{
  g_assert_true (wm_present_window_handle_key (window, keyval, 0));
  g_assert_true (spin_until (settled, window, 3000));
  spin_ms (30);
}

static WmHistory *
camping_history (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = wm_template_load ("camping", &error);

  g_assert_no_error (error);
  return wm_history_new (document);
}

/* The spotlighted stage is where the view says, at a legible zoom. */
static void
assert_stage_in_view (WmPresentWindow *window,
                      int              stage)
{
  WmCanvas *canvas = wm_present_window_get_canvas (window);
  WmLayout *layout = wm_canvas_get_layout (canvas);
  double zoom = wm_canvas_get_zoom (canvas);
  cairo_rectangle_t rect, column;
  double x0, y0, x1, y1;

  g_assert_cmpint (wm_present_window_get_stage (window), ==, stage);
  g_assert_true (wm_layout_get_stage_rect (layout, stage, &rect));
  g_assert_true (wm_layout_get_lane_header_rect (layout, 0, &column));
  wm_canvas_layout_to_widget (canvas, rect.x, rect.y, &x0, &y0);
  wm_canvas_layout_to_widget (canvas, rect.x + rect.width, rect.y + rect.height, &x1, &y1);

  /* Legible: the smallest card text ≥ 24 px (em size × zoom). */
  g_assert_cmpfloat (smallest_card_font (layout) * zoom, >=, WM_PRESENT_MIN_TEXT_PX - 1e-6);
  g_assert_cmpfloat (wm_layout_get_style (layout)->font_size * zoom, >=, WM_PRESENT_MIN_TEXT_PX);
  /* The whole width of the stage on screen, right of the pinned lane
   * headers; vertically the screen lies within the stage. */
  g_assert_cmpfloat (x0, >=, column.width * zoom - 0.5);
  g_assert_cmpfloat (x1, <=, W + 0.5);
  g_assert_cmpfloat (y0, <=, 0.5 + H);
  g_assert_cmpfloat (y1, >=, -0.5);
  g_assert_cmpfloat (MAX (y0, 0), <, MIN (y1, H));
}

/* The pure view: every template, both languages */

static gboolean
card_in_stage (const cairo_rectangle_t *card,
               const cairo_rectangle_t *stage)
{
  return card->x >= stage->x - 0.5 && card->x < stage->x + stage->width;
}

/* Every card that starts in a stage is whole on one of the stage's
 * screens, below the pinned header, at a legible zoom. */
static void
check_views (WmLayout *layout,
             guint    *total_pages)
{
  WmDocument *document = wm_layout_get_document (layout);
  GListModel *stages = G_LIST_MODEL (wm_document_get_stages (document));
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (document));
  WmPresentView view;

  for (guint s = 0; s < g_list_model_get_n_items (stages); s++)
    {
      cairo_rectangle_t stage, header;
      int n_pages;

      g_assert_true (wm_layout_get_stage_rect (layout, s, &stage));
      g_assert_true (wm_layout_get_stage_header_rect (layout, s, &header));
      wm_present_compute_view (layout, W, H, s, 0, &view);
      n_pages = view.n_pages;
      g_assert_cmpint (n_pages, >=, 1);
      g_assert_cmpint (n_pages, <, 20);
      *total_pages += n_pages;

      for (guint l = 0; l < g_list_model_get_n_items (lanes); l++)
        {
          WmLane *lane = wm_list_peek (wm_document_get_lanes (document), l);
          GListModel *cards = G_LIST_MODEL (wm_lane_get_cards (lane));

          for (guint c = 0; c < g_list_model_get_n_items (cards); c++)
            {
              cairo_rectangle_t card;
              gboolean seen = FALSE;

              g_assert_true (wm_layout_get_item_rect (layout, wm_list_peek (wm_lane_get_cards (lane), c), &card));
              if (!card_in_stage (&card, &stage))
                continue;
              for (int p = 0; p < n_pages && !seen; p++)
                {
                  double visible_w = W / view.zoom, visible_h = H / view.zoom;
                  double left, top;

                  wm_present_compute_view (layout, W, H, s, p, &view);
                  g_assert_cmpint (view.page, ==, p);
                  g_assert_cmpfloat (smallest_card_font (layout) * view.zoom, >=,
                                     WM_PRESENT_MIN_TEXT_PX - 1e-6);
                  left = view.cx - visible_w / 2;
                  top = view.cy - visible_h / 2 + (p > 0 ? header.height : 0);
                  seen = card.y >= top - 0.5 && card.y + card.height <= top + visible_h + 0.5 &&
                         card.x >= left && MIN (card.x + card.width, stage.x + stage.width) <= left + visible_w;
                }
              if (!seen)
                g_error ("stage %u: the card at y %.0f–%.0f is on none of its %d screens",
                         s, card.y, card.y + card.height, n_pages);
            }
        }
    }

  /* The overview fits the whole map. */
  wm_present_compute_view (layout, W, H, -1, 0, &view);
  {
    double lw, lh;

    wm_layout_get_size (layout, &lw, &lh);
    g_assert_cmpint (view.stage, ==, -1);
    g_assert_cmpfloat (lw * view.zoom, <=, W);
    g_assert_cmpfloat (lh * view.zoom, <=, H);
  }
}

static void
test_views (void)
{
  const char *datadir = g_getenv ("WAYMARK_DATADIR");
  const char *languages[] = { "en", "zh-CN" };
  guint n_maps = 0, total_pages = 0;

  g_assert_nonnull (datadir);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *dir_path = g_build_filename (datadir, "templates", languages[i], NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir_path, name, NULL);
          g_autoptr(GFile) file = g_file_new_for_path (path);
          g_autoptr(GError) error = NULL;
          g_autoptr(WmDocument) document = NULL;
          g_autoptr(WmLayout) layout = NULL;

          if (!g_str_has_suffix (name, ".waymark"))
            continue;
          document = wm_reader_load_file (file, &error);
          g_assert_no_error (error);
          layout = wm_layout_new (document, WM_THEME_LIGHT);
          W = 1920, H = 1080;
          check_views (layout, &total_pages);
          W = 1280, H = 720;
          check_views (layout, &total_pages);
          n_maps++;
        }
    }
  g_assert_cmpuint (n_maps, >=, 8);
  g_test_message ("%u maps, %u stage screens in all at 1920 × 1080 and 1280 × 720",
                  n_maps, total_pages);
}

/* Keys in the window */

static void
test_keys (void)
{
  g_autoptr(WmHistory) history = camping_history ();
  WmPresentWindow *window = new_present_window (history);
  WmCanvas *canvas = wm_present_window_get_canvas (window);
  WmLayout *layout = wm_canvas_get_layout (canvas);
  guint n_stages = g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (wm_history_get_document (history))));
  double lw, lh, x0, y0, x1, y1;
  int last_stage = -1, last_page = -1, steps = 0;

  g_assert_cmpuint (n_stages, ==, 5);
  g_assert_cmpint (wm_present_window_get_stage (window), ==, -1);

  /* Page_Down walks every screen of every stage, in order. */
  while (steps++ < 60)
    {
      int stage, page;

      press (window, GDK_KEY_Page_Down);
      stage = wm_present_window_get_stage (window);
      page = wm_present_window_get_page (window);
      if (stage == last_stage && page == last_page)
        break;   /* the end */
      if (stage == last_stage)
        g_assert_cmpint (page, ==, last_page + 1);
      else
        {
          g_assert_cmpint (stage, ==, last_stage + 1);
          g_assert_cmpint (page, ==, 0);
        }
      assert_stage_in_view (window, stage);
      last_stage = stage;
      last_page = page;
    }
  g_assert_cmpint (last_stage, ==, n_stages - 1);
  g_test_message ("Page_Down: %d screens for %u stages", steps - 1, n_stages);

  /* Home: the overview, the whole map in the window. */
  press (window, GDK_KEY_Home);
  g_assert_cmpint (wm_present_window_get_stage (window), ==, -1);
  wm_layout_get_size (layout, &lw, &lh);
  wm_canvas_layout_to_widget (canvas, 0, 0, &x0, &y0);
  wm_canvas_layout_to_widget (canvas, lw, lh, &x1, &y1);
  g_assert_cmpfloat (x0, >=, -0.5);
  g_assert_cmpfloat (y0, >=, -0.5);
  g_assert_cmpfloat (x1, <=, W + 0.5);
  g_assert_cmpfloat (y1, <=, H + 0.5);

  /* Right goes a whole stage at a time; space and Down are "next" too. */
  press (window, GDK_KEY_Right);
  assert_stage_in_view (window, 0);
  press (window, GDK_KEY_Right);
  assert_stage_in_view (window, 1);
  g_assert_cmpint (wm_present_window_get_page (window), ==, 0);
  press (window, GDK_KEY_space);
  press (window, GDK_KEY_Down);
  g_assert_cmpint (wm_present_window_get_stage (window) * 100 + wm_present_window_get_page (window), >, 100);
  /* Page_Up comes back up the stage, then to the previous one's end. */
  while (wm_present_window_get_page (window) > 0)
    press (window, GDK_KEY_Page_Up);
  assert_stage_in_view (window, 1);
  press (window, GDK_KEY_Page_Up);
  assert_stage_in_view (window, 0);
  g_assert_cmpint (wm_present_window_get_page (window), >, 0);
  press (window, GDK_KEY_Left);
  g_assert_cmpint (wm_present_window_get_stage (window), ==, -1);

  /* End: the last stage. */
  press (window, GDK_KEY_End);
  assert_stage_in_view (window, n_stages - 1);

  /* Clicking a card in a dimmed stage brings the spotlight to it. */
  {
    WmDocument *document = wm_history_get_document (history);
    WmLane *lane = wm_list_peek (wm_document_get_lanes (document), 0);
    WmStage *stage = wm_list_peek (wm_document_get_stages (document), 2);

    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (wm_lane_get_cards (lane))); i++)
      {
        WmCard *card = wm_list_peek (wm_lane_get_cards (lane), i);

        if (g_strcmp0 (wm_card_get_stage (card), wm_item_get_id (WM_ITEM (stage))) == 0)
          {
            wm_canvas_set_selection (canvas, G_OBJECT (card));
            break;
          }
      }
    g_assert_true (spin_until (settled, window, 3000));
    assert_stage_in_view (window, 2);
    wm_canvas_set_selection (canvas, NULL);
  }

  /* Keys it does not know are left to the canvas; with Ctrl too. */
  g_assert_false (wm_present_window_handle_key (window, GDK_KEY_x, 0));
  g_assert_false (wm_present_window_handle_key (window, GDK_KEY_Page_Down, GDK_CONTROL_MASK));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Pixels: the dimming and the blank screen */

static cairo_surface_t *
render (WmPresentWindow *window,
        gboolean         overlay)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  cairo_t *cr = cairo_create (surface);

  wm_canvas_draw_to_cairo (wm_present_window_get_canvas (window), cr, W, H);
  if (overlay)
    wm_present_window_draw_overlay (window, cr, W, H);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static double
luminance (cairo_surface_t *surface,
           int              x,
           int              y)
{
  const guint8 *row = cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface);
  guint32 px = ((const guint32 *) row)[x];

  return (0.2126 * ((px >> 16) & 0xff) + 0.7152 * ((px >> 8) & 0xff) + 0.0722 * (px & 0xff)) / 255.0;
}

static void
save_shot (cairo_surface_t *surface,
           const char      *name)
{
  const char *dir = g_getenv ("WAYMARK_PRESENT_SHOTS");

  if (dir != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      cairo_surface_write_to_png (surface, path);
    }
}

static void
test_dimming (void)
{
  g_autoptr(WmHistory) history = camping_history ();
  WmPresentWindow *window = new_present_window (history);
  WmCanvas *canvas = wm_present_window_get_canvas (window);
  WmLayout *layout = wm_canvas_get_layout (canvas);
  cairo_surface_t *plain, *dimmed;
  cairo_rectangle_t stage, column;
  double sx0, sy0, sx1, sy1, cx1, dummy;
  guint n_dim = 0, n_lit = 0;

  press (window, GDK_KEY_Right);
  press (window, GDK_KEY_Right);
  press (window, GDK_KEY_Right);   /* stage 2, "At the camp" */
  assert_stage_in_view (window, 2);

  plain = render (window, FALSE);
  dimmed = render (window, TRUE);
  save_shot (plain, "present-plain.png");
  save_shot (dimmed, "present-stage-3.png");

  g_assert_true (wm_layout_get_stage_rect (layout, 2, &stage));
  g_assert_true (wm_layout_get_lane_header_rect (layout, 0, &column));
  wm_canvas_layout_to_widget (canvas, stage.x, stage.y, &sx0, &sy0);
  wm_canvas_layout_to_widget (canvas, stage.x + stage.width, stage.y + stage.height, &sx1, &sy1);
  cx1 = column.width * wm_canvas_get_zoom (canvas);
  wm_canvas_layout_to_widget (canvas, column.x + column.width, 0, &dummy, &dummy);

  for (int y = 4; y < H; y += 16)
    for (int x = 4; x < W; x += 16)
      {
        double before = luminance (plain, x, y);
        double after = luminance (dimmed, x, y);

        if (x > sx0 + 2 && x < sx1 - 2 && y > sy0 + 2 && y < sy1 - 2)
          {
            /* The spotlight is untouched. */
            g_assert_cmpfloat (fabs (after - before), <, 1e-9);
            n_lit++;
          }
        else if (x > cx1 + 4 && (x < sx0 - 2 || x > sx1 + 2) && before > 0.2)
          {
            /* Outside it, darker: dimmed to well under half. */
            if (!(after < before * 0.5))
              g_error ("(%d, %d) not dimmed: %.3f → %.3f", x, y, before, after);
            n_dim++;
          }
      }
  /* Of the (W / 16) × (H / 16) points, many on each side. */
  g_test_message ("%u points in the spotlight, %u dimmed", n_lit, n_dim);
  g_assert_cmpuint (n_lit, >, (W / 16) * (H / 16) / 10);
  g_assert_cmpuint (n_dim, >, (W / 16) * (H / 16) / 10);
  cairo_surface_destroy (plain);
  cairo_surface_destroy (dimmed);

  /* The overview dims nothing. */
  press (window, GDK_KEY_Home);
  plain = render (window, FALSE);
  dimmed = render (window, TRUE);
  for (int y = 0; y < H; y += 37)
    for (int x = 0; x < W; x += 37)
      g_assert_cmpfloat (luminance (plain, x, y), ==, luminance (dimmed, x, y));
  cairo_surface_destroy (plain);
  cairo_surface_destroy (dimmed);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A stage's second screen: its header is scrolled past, and the lane
 * headers too. Both are pinned by the canvas itself, with the editor's
 * renderer (wm_render_pinned_headers), so a click there finds the header
 * drawn there, and the dimming leaves them lit. */
static void
test_pinned_headers (void)
{
  g_autoptr(WmHistory) history = camping_history ();
  WmPresentWindow *window = new_present_window (history);
  WmCanvas *canvas = wm_present_window_get_canvas (window);
  WmLayout *layout = wm_canvas_get_layout (canvas);
  cairo_surface_t *plain, *dimmed, *unpinned;
  cairo_rectangle_t header, lane, spot;
  double wx, wy, lx, ly, lane_y = -1;
  int steps = 0, stage;
  WmHit hit;

  while ((wm_present_window_get_page (window) < 1 || wm_present_window_get_stage (window) < 1) &&
         steps++ < 60)
    press (window, GDK_KEY_Page_Down);
  g_assert_cmpint (wm_present_window_get_page (window), >=, 1);
  stage = wm_present_window_get_stage (window);
  g_assert_true (wm_layout_get_stage_header_rect (layout, stage, &header));
  g_assert_true (wm_layout_get_stage_rect (layout, stage, &spot));
  wm_canvas_layout_to_widget (canvas, header.x + header.width / 2, header.y, &wx, &wy);
  g_assert_cmpfloat (wy, <, 0);   /* scrolled past */
  for (guint i = 0; wm_layout_get_lane_header_rect (layout, i, &lane); i++)
    {
      double y;

      wm_canvas_layout_to_widget (canvas, lane.x, lane.y + lane.height / 2, &lx, &y);
      if (y > H / 4 && y < H - 20)
        {
          lane_y = y;
          break;
        }
    }
  g_assert_cmpfloat (lane_y, >, 0);
  g_assert_cmpfloat (lx, <, 0);   /* the lane headers are scrolled past too */

  /* A click on the pinned headers reaches the header drawn there. */
  wm_canvas_widget_to_hit_point (canvas, wx, 4, &lx, &ly);
  g_assert_true (wm_layout_hit_test (layout, lx, ly, &hit));
  g_assert_cmpint (hit.kind, ==, WM_HIT_STAGE_HEADER);
  g_assert_cmpint (hit.stage, ==, stage);
  wm_canvas_widget_to_hit_point (canvas, 6, lane_y, &lx, &ly);
  g_assert_true (wm_layout_hit_test (layout, lx, ly, &hit));
  g_assert_cmpint (hit.kind, ==, WM_HIT_LANE_HEADER);

  /* Drawn by the canvas (not by present mode's overlay), and lit. */
  plain = render (window, FALSE);
  dimmed = render (window, TRUE);
  wm_canvas_set_pin_headers (canvas, FALSE);
  unpinned = render (window, TRUE);
  wm_canvas_set_pin_headers (canvas, TRUE);
  save_shot (dimmed, "present-pinned.png");
  g_assert_cmpfloat (luminance (dimmed, (int) wx, 4), !=, luminance (unpinned, (int) wx, 4));
  g_assert_cmpfloat (luminance (dimmed, 6, (int) lane_y), !=, luminance (unpinned, 6, (int) lane_y));
  g_assert_cmpfloat (luminance (dimmed, (int) wx, 4), ==, luminance (plain, (int) wx, 4));
  g_assert_cmpfloat (luminance (dimmed, 6, (int) lane_y), ==, luminance (plain, 6, (int) lane_y));
  cairo_surface_destroy (plain);
  cairo_surface_destroy (dimmed);
  cairo_surface_destroy (unpinned);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_blank (void)
{
  g_autoptr(WmHistory) history = camping_history ();
  WmPresentWindow *window = new_present_window (history);
  cairo_surface_t *surface;
  guint lit = 0;

  press (window, GDK_KEY_Page_Down);
  press (window, GDK_KEY_b);
  g_assert_true (wm_present_window_get_blanked (window));
  surface = render (window, TRUE);
  save_shot (surface, "present-blank.png");
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      if (luminance (surface, x, y) != 0)
        lit++;
  g_assert_cmpuint (lit, ==, 0);
  cairo_surface_destroy (surface);

  /* B again brings it back; so does period (a clicker's "blank"), twice. */
  press (window, GDK_KEY_B);
  g_assert_false (wm_present_window_get_blanked (window));
  surface = render (window, TRUE);
  for (int y = 0; y < H && lit == 0; y += 7)
    for (int x = 0; x < W; x += 7)
      if (luminance (surface, x, y) > 0.5)
        lit++;
  g_assert_cmpuint (lit, >, 0);
  cairo_surface_destroy (surface);
  press (window, GDK_KEY_period);
  g_assert_true (wm_present_window_get_blanked (window));
  /* Moving on shows the picture again. */
  press (window, GDK_KEY_Page_Down);
  g_assert_false (wm_present_window_get_blanked (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_leave (void)
{
  g_autoptr(WmHistory) history = camping_history ();
  WmPresentWindow *window = new_present_window (history);
  GtkWidget *weak = GTK_WIDGET (window);

  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  g_assert_true (wm_present_window_handle_key (window, GDK_KEY_Escape, 0));
  spin_ms (50);
  g_assert_null (weak);
}

/* High contrast (and its setting) and the persona filter. */
static void
test_contrast_persona (void)
{
  g_autoptr(WmHistory) history = camping_history ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  WmPresentWindow *window;
  WmCanvas *canvas;
  WmDocument *document = wm_history_get_document (history);
  WmPersona *persona = wm_list_peek (wm_document_get_personas (document), 0);

  g_settings_set_boolean (settings, "present-high-contrast", FALSE);
  window = new_present_window (history);
  canvas = wm_present_window_get_canvas (window);
  g_assert_cmpint (wm_layout_get_style (wm_canvas_get_layout (canvas))->theme, !=, WM_THEME_HIGH_CONTRAST);

  press (window, GDK_KEY_h);
  g_assert_cmpint (wm_layout_get_style (wm_canvas_get_layout (canvas))->theme, ==, WM_THEME_HIGH_CONTRAST);
  g_assert_true (g_settings_get_boolean (settings, "present-high-contrast"));
  press (window, GDK_KEY_H);
  g_assert_cmpint (wm_layout_get_style (wm_canvas_get_layout (canvas))->theme, !=, WM_THEME_HIGH_CONTRAST);
  g_assert_false (g_settings_get_boolean (settings, "present-high-contrast"));
  gtk_window_destroy (GTK_WINDOW (window));

  /* The setting is remembered for the next time. */
  g_settings_set_boolean (settings, "present-high-contrast", TRUE);
  window = new_present_window (history);
  canvas = wm_present_window_get_canvas (window);
  g_assert_cmpint (wm_layout_get_style (wm_canvas_get_layout (canvas))->theme, ==, WM_THEME_HIGH_CONTRAST);
  g_settings_set_boolean (settings, "present-high-contrast", FALSE);

  /* P: all personas → the first → … → all. */
  g_assert_nonnull (persona);
  g_assert_null (wm_canvas_get_persona (canvas));
  press (window, GDK_KEY_p);
  g_assert_cmpstr (wm_canvas_get_persona (canvas), ==, wm_item_get_id (WM_ITEM (persona)));
  for (guint i = 1; i < g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_personas (document))); i++)
    press (window, GDK_KEY_p);
  press (window, GDK_KEY_P);
  g_assert_null (wm_canvas_get_persona (canvas));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Edits while presenting are the editor's: same document, same history. */

static WmPresentWindow *
find_present_window (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (WM_IS_PRESENT_WINDOW (l->data))
      return l->data;
  return NULL;
}

static gboolean
present_window_shown (gpointer data)
{
  WmPresentWindow *window = find_present_window ();

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         gtk_widget_get_width (GTK_WIDGET (wm_present_window_get_canvas (window))) > 0;
}

static void
test_edit_undo (void)
{
  g_autoptr(GError) error = NULL;
  WmWindow *main_window = wm_window_new_from_template (NULL, "camping", &error);
  WmHistory *history;
  WmDocument *document;
  WmPresentWindow *window;
  WmCanvas *canvas;
  WmLane *lane;
  WmCard *card;
  g_autofree char *before = NULL;
  g_autoptr(WmCurve) curve = NULL;
  g_autoptr(WmCurvePoint) point = NULL;
  cairo_rectangle_t rect;
  double value, x, y;

  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (main_window));
  spin_ms (50);
  history = wm_window_get_history (main_window);
  document = wm_window_get_document (main_window);
  g_assert_false (wm_history_get_can_undo (history));

  /* F5's action opens it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (main_window), "win.present", NULL));
  g_assert_true (spin_until (present_window_shown, NULL, 5000));
  window = find_present_window ();
  canvas = wm_present_window_get_canvas (window);
  g_assert_true (wm_canvas_get_history (canvas) == history);
  press (window, GDK_KEY_Page_Down);

  /* Double-click-and-type, in place; while editing, keys are text. */
  lane = wm_list_peek (wm_document_get_lanes (document), 0);
  card = wm_list_peek (wm_lane_get_cards (lane), 0);
  before = g_strdup (wm_card_get_text (card));
  wm_canvas_set_selection (canvas, G_OBJECT (card));
  g_assert_true (wm_canvas_edit_selection (canvas));
  g_assert_false (wm_present_window_handle_key (window, GDK_KEY_space, 0));
  g_assert_false (wm_present_window_handle_key (window, GDK_KEY_b, 0));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_descendant (GTK_WIDGET (canvas), GTK_TYPE_TEXT_VIEW))),
                            "Said in the room", -1);
  wm_canvas_stop_editing (canvas);
  g_assert_cmpstr (wm_card_get_text (card), ==, "Said in the room");
  g_assert_true (wm_window_get_modified (main_window));

  /* Drag a curve point in the present window. */
  curve = g_list_model_get_item (G_LIST_MODEL (wm_document_get_curves (document)), 0);
  point = g_list_model_get_item (G_LIST_MODEL (wm_curve_get_points (curve)), 0);
  value = wm_curve_point_get_value (point);
  g_assert_true (wm_layout_get_item_rect (wm_canvas_get_layout (canvas), G_OBJECT (point), &rect));
  x = rect.x + rect.width / 2;
  y = rect.y + rect.height / 2;
  wm_canvas_drag_begin (canvas, x, y);
  for (int i = 1; i <= 8; i++)
    wm_canvas_drag_update (canvas, x, y + i * 5);
  wm_canvas_drag_end (canvas, x, y + 40);
  g_assert_cmpfloat (wm_curve_point_get_value (point), !=, value);

  /* Ctrl+Z in the present window undoes the drag (one step)… */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "present.undo", NULL));
  g_assert_cmpfloat (wm_curve_point_get_value (point), ==, value);
  g_assert_cmpstr (wm_card_get_text (card), ==, "Said in the room");
  /* …and the editor window's Undo the text. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (main_window), "doc.undo", NULL));
  g_assert_cmpstr (wm_card_get_text (card), ==, before);
  g_assert_false (wm_history_get_can_undo (history));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (main_window), "doc.redo", NULL));
  g_assert_cmpstr (wm_card_get_text (card), ==, "Said in the room");

  /* Closing the editor window takes the present window with it. */
  {
    GtkWidget *weak = GTK_WIDGET (window);

    g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
    wm_window_close_discarding (main_window);
    spin_ms (100);
    g_assert_null (weak);
  }
}

/* The presenter view follows the present window and closes with it. */

static WmPresenterWindow *
find_presenter_window (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (WM_IS_PRESENTER_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* Draws @widget the way GTK shows it; how many distinct colors it has. */
static guint
count_colors (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GHashTable) colors = g_hash_table_new (NULL, NULL);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autofree guint32 *data = NULL;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (g_getenv ("WAYMARK_PRESENT_SHOTS") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("WAYMARK_PRESENT_SHOTS"), "presenter-view.png", NULL);
      gdk_texture_save_to_png (texture, path);
    }
  data = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, (guint8 *) data, width * 4);
  for (int i = 0; i < width * height; i += 3)
    g_hash_table_add (colors, GUINT_TO_POINTER (data[i]));
  return g_hash_table_size (colors);
}

static void
test_presenter_view (void)
{
  g_autoptr(WmHistory) history = camping_history ();
  WmPresentWindow *window = new_present_window (history);
  WmPresenterWindow *presenter;
  GtkWidget *weak;
  int now, next;

  g_assert_null (find_presenter_window ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "present.presenter-view", NULL));
  presenter = find_presenter_window ();
  g_assert_nonnull (presenter);
  spin_ms (200);
  wm_presenter_window_get_stages (presenter, &now, &next);
  g_assert_cmpint (now, ==, -1);
  g_assert_cmpint (next, ==, 0);

  press (window, GDK_KEY_Page_Down);
  wm_presenter_window_get_stages (presenter, &now, &next);
  g_assert_cmpint (now, ==, 0);
  /* Next: the stage's next screen, if it has one. */
  g_assert_cmpint (next, ==, wm_present_window_get_n_pages (window) > 1 ? 0 : 1);
  g_assert_cmpstr (wm_presenter_window_get_position (presenter), ==,
                   wm_present_window_get_position (window));
  g_assert_true (g_str_has_prefix (wm_presenter_window_get_position (presenter), "Stage 1 of 5"));
  /* The stage previews are the map, drawn: many colors, not a blank. */
  g_assert_cmpuint (count_colors (GTK_WIDGET (presenter)), >, 50);

  press (window, GDK_KEY_End);
  while (wm_present_window_get_page (window) + 1 < wm_present_window_get_n_pages (window))
    press (window, GDK_KEY_Page_Down);
  wm_presenter_window_get_stages (presenter, &now, &next);
  g_assert_cmpint (now, ==, 4);
  g_assert_cmpint (next, ==, -1);   /* the end */

  weak = GTK_WIDGET (presenter);
  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  spin_ms (50);
  g_assert_null (weak);
}

/* The real application, driven with xdotool */

typedef struct
{
  GSubprocess *app;
  char        *err_path;
  double       zoom;
  double       ox;
  double       oy;
} App;

static gboolean
window_named (const char *name)
{
  const char *argv[] = { "xdotool", "search", "--onlyvisible", "--name", name, NULL };
  int status = 1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL);
  return g_spawn_check_wait_status (status, NULL);
}

/* The last "waymark-debug: geometry" line: where layout (0, 0) is on the
 * window that drew last, and its zoom. */
static gboolean
read_geometry (App *app)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean found = FALSE;

  if (!g_file_get_contents (app->err_path, &text, NULL, NULL))
    return FALSE;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    found |= sscanf (lines[i], "waymark-debug: geometry x=%lf y=%lf zoom=%lf",
                     &app->ox, &app->oy, &app->zoom) == 3;
  return found;
}

static GdkTexture *
screenshot (const char *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  const char *argv[] = { "import", "-window", "root", path, NULL };
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  return texture;
}

/* Mean luminance of a rectangle of a screenshot. */
static double
mean_luminance (GdkTexture *texture,
                int         x0,
                int         y0,
                int         x1,
                int         y1)
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guint8 *data = g_malloc ((gsize) width * height * 4);
  double sum = 0;
  guint n = 0;

  gdk_texture_download (texture, data, width * 4);
  x0 = CLAMP (x0, 0, width - 1);
  x1 = CLAMP (x1, 0, width);
  y0 = CLAMP (y0, 0, height - 1);
  y1 = CLAMP (y1, 0, height);
  for (int y = y0; y < y1; y += 2)
    for (int x = x0; x < x1; x += 2)
      {
        const guint8 *p = data + ((gsize) y * width + x) * 4;   /* B G R A */

        sum += (0.0722 * p[0] + 0.7152 * p[1] + 0.2126 * p[2]) / 255.0;
        n++;
      }
  return n > 0 ? sum / n : 0;
}

static void
test_xdotool (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *import = g_find_program_in_path ("import");
  const char *bin = g_getenv ("WAYMARK_BIN");
  const char *datadir = g_getenv ("WAYMARK_DATADIR");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *src = NULL, *map = NULL, *contents = NULL, *state = NULL;
  g_autoptr(GdkTexture) shot = NULL;
  g_autoptr(WmHistory) history = camping_history ();
  WmLayout *layout;
  cairo_rectangle_t first, next;
  double min_zoom, lit, dim;
  App app = { 0 };

  if (xdotool == NULL || import == NULL || bin == NULL || g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("needs xdotool, import, WAYMARK_BIN and an X display");
      return;
    }

  src = g_build_filename (datadir, "templates", "en", "camping.waymark", NULL);
  map = g_build_filename (tmp_dir, "camping.waymark", NULL);
  g_assert_true (g_file_get_contents (src, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (map, contents, -1, NULL));
  app.err_path = g_build_filename (tmp_dir, "app.err", NULL);
  state = g_build_filename (tmp_dir, "app-state", NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_stderr_file_path (launcher, app.err_path);
  g_subprocess_launcher_setenv (launcher, "WAYMARK_DEBUG", "geometry", TRUE);
  g_subprocess_launcher_setenv (launcher, "WAYMARK_STATE_DIR", state, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_STATE_HOME", state, TRUE);
  g_subprocess_launcher_setenv (launcher, "G_DEBUG", "", TRUE);
  app.app = g_subprocess_launcher_spawn (launcher, &error, bin, map, NULL);
  g_assert_no_error (error);

  for (int i = 0; i < 100 && !read_geometry (&app); i++)
    spin_ms (100);
  g_assert_true (read_geometry (&app));
  spin_ms (500);
  xdo ("search", "--sync", "--onlyvisible", "--name", "camping", "windowfocus", "--sync", NULL);

  xdo ("key", "F5", NULL);
  for (int i = 0; i < 50 && !window_named ("^Present$"); i++)
    spin_ms (100);
  g_assert_true (window_named ("^Present$"));
  spin_ms (800);
  xdo ("key", "Next", NULL);
  spin_ms (1000);

  /* The present canvas drew last: at a legible zoom. */
  g_assert_true (read_geometry (&app));
  layout = wm_layout_new (wm_history_get_document (history), WM_THEME_LIGHT);
  min_zoom = WM_PRESENT_MIN_TEXT_PX / smallest_card_font (layout);
  g_test_message ("present zoom %.3f (needs ≥ %.3f)", app.zoom, min_zoom);
  g_assert_cmpfloat (app.zoom, >=, min_zoom - 1e-3);

  /* The spotlighted first stage is lit, the next one dimmed. */
  g_assert_true (wm_layout_get_stage_rect (layout, 0, &first));
  g_assert_true (wm_layout_get_stage_rect (layout, 1, &next));
  shot = screenshot ("xdotool-stage-1.png");
  lit = mean_luminance (shot, app.ox + first.x * app.zoom + 4, 0,
                        app.ox + (first.x + first.width) * app.zoom - 4, 600);
  /* The next stage shows at the right edge of the screen (not its border). */
  g_assert_cmpfloat (app.ox + next.x * app.zoom + 4, <, gdk_texture_get_width (shot) - 40);
  dim = mean_luminance (shot, app.ox + next.x * app.zoom + 4, 0,
                        MIN (app.ox + (next.x + next.width) * app.zoom - 4,
                             gdk_texture_get_width (shot) - 20), 600);
  g_test_message ("screen: spotlight %.3f, dimmed stage %.3f", lit, dim);
  g_assert_cmpfloat (lit, >, 0.6);
  g_assert_cmpfloat (dim, <, lit * 0.6);
  g_clear_object (&shot);

  /* B blanks the screen. */
  xdo ("key", "b", NULL);
  spin_ms (500);
  shot = screenshot ("xdotool-blank.png");
  g_assert_cmpfloat (mean_luminance (shot, 40, 40, 1200, 760), <, 0.01);
  g_clear_object (&shot);
  xdo ("key", "b", NULL);

  /* Esc leaves. */
  xdo ("key", "Escape", NULL);
  for (int i = 0; i < 30 && window_named ("^Present$"); i++)
    spin_ms (100);
  g_assert_false (window_named ("^Present$"));

  g_subprocess_force_exit (app.app);
  g_subprocess_wait (app.app, NULL, NULL);
  g_object_unref (app.app);
  g_object_unref (layout);
  g_free (app.err_path);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_autofree char *data_home = NULL;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("waymark-test-present-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  data_home = g_build_filename (tmp_dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("WAYMARK_STATE_DIR", tmp_dir, TRUE);

  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

  g_test_add_func ("/Waymark/Present/views", test_views);
  g_test_add_func ("/Waymark/Present/keys", test_keys);
  g_test_add_func ("/Waymark/Present/dimming", test_dimming);
  g_test_add_func ("/Waymark/Present/pinned-headers", test_pinned_headers);
  g_test_add_func ("/Waymark/Present/blank", test_blank);
  g_test_add_func ("/Waymark/Present/leave", test_leave);
  g_test_add_func ("/Waymark/Present/contrast-persona", test_contrast_persona);
  g_test_add_func ("/Waymark/Present/edit-undo", test_edit_undo);
  g_test_add_func ("/Waymark/Present/presenter-view", test_presenter_view);
  g_test_add_func ("/Waymark/Present/xdotool", test_xdotool);

  ret = g_test_run ();
  remove_tree (tmp_dir);
  return ret;
}
