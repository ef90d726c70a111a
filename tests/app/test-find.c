/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Find (Ctrl+F) in the window, present mode and the outline, and the
 * headers pinned while the canvas scrolls: driven with real keys and
 * clicks under Xvfb, checked by the pixels the canvas draws. */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <string.h>

#include "app-test-util.h"
#include "wm-edits.h"
#include "wm-present-window.h"
#include "wm-reader.h"
#include "wm-search-bar.h"
#include "wm-window.h"

#define LATIN_TEXT "Scan the WeChat QR code at the gate"

static WmWindow *
open_zh_camping (void)
{
  const char *datadir = g_getenv ("WAYMARK_DATADIR");
  g_autofree char *path = g_build_filename (datadir, "templates", "zh-CN", "camping.waymark", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  WmWindow *window = wm_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  g_assert_true (wm_window_open_file (window, file, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 100;
}

/* The keyboard goes to our own window: Xvfb has no window manager. */
static void
focus_window (GtkWidget *window)
{
  g_autofree char *id = NULL;
  GdkSurface *surface;

  g_assert_true (spin_until (is_mapped, window, 5000));
  spin_ms (200);
  surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_assert_true (GDK_IS_X11_SURFACE (surface));
  id = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  xdo ("windowfocus", "--sync", id, NULL);
  spin_ms (200);
}

static void
key (const char *keys)
{
  xdo ("key", "--clearmodifiers", keys, NULL);
  spin_ms (150);
}

static void
type (const char *text)
{
  xdo ("type", "--delay", "30", text, NULL);
  spin_ms (250);
}

/* Text that xdotool cannot type (it has no keys for CJK in Xvfb): pasted,
 * as from an input method's commit, with Ctrl+V. */
static void
paste (GtkWidget  *widget,
       const char *text)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  spin_ms (50);
  key ("ctrl+v");
  spin_ms (200);
}

/* The canvas as drawn now, in an image of its size. */
static cairo_surface_t *
draw_canvas (WmCanvas *canvas)
{
  int w = gtk_widget_get_width (GTK_WIDGET (canvas));
  int h = gtk_widget_get_height (GTK_WIDGET (canvas));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (surface);

  wm_canvas_draw_to_cairo (canvas, cr, w, h);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(guint32 *) (data + y * stride + x * 4) & 0xffffff;
}

/* Whether the find marker's orange outline is drawn in the rectangle of
 * @surface, where @plain (the same view without it) has other colours. */
static gboolean
has_find_outline (cairo_surface_t *surface,
                  cairo_surface_t *plain,
                  int x0, int y0, int x1, int y1)
{
  x0 = MAX (x0, 0);
  y0 = MAX (y0, 0);
  x1 = MIN (x1, cairo_image_surface_get_width (surface) - 1);
  y1 = MIN (y1, cairo_image_surface_get_height (surface) - 1);
  for (int y = y0; y <= y1; y++)
    for (int x = x0; x <= x1; x++)
      {
        guint32 p = pixel (surface, x, y);
        int r = p >> 16, g = (p >> 8) & 0xff, b = p & 0xff;

        if (r > 200 && g > 70 && g < 140 && b < 60 && p != pixel (plain, x, y))
          return TRUE;
      }
  return FALSE;
}

static WmCard *
card_with_text (WmDocument *document,
                const char *needle)
{
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (document));

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(WmLane) lane = g_list_model_get_item (lanes, i);
      GListModel *cards = G_LIST_MODEL (wm_lane_get_cards (lane));

      for (guint c = 0; c < g_list_model_get_n_items (cards); c++)
        {
          g_autoptr(WmCard) card = g_list_model_get_item (cards, c);

          if (strstr (wm_card_get_text (card), needle) != NULL)
            return card;
        }
    }
  return NULL;
}

/* The item's rectangle is inside the canvas's view. */
static gboolean
in_view (WmCanvas *canvas,
         GObject  *item)
{
  cairo_rectangle_t r;
  double x0, y0, x1, y1;

  if (!wm_layout_get_item_rect (wm_canvas_get_layout (canvas), item, &r))
    return FALSE;
  wm_canvas_layout_to_widget (canvas, r.x, r.y, &x0, &y0);
  wm_canvas_layout_to_widget (canvas, r.x + r.width, r.y + r.height, &x1, &y1);
  return x0 >= 0 && y0 >= 0 && x1 <= gtk_widget_get_width (GTK_WIDGET (canvas)) &&
         y1 <= gtk_widget_get_height (GTK_WIDGET (canvas));
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *icon)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), icon) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, icon);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
bar_open (gpointer data)
{
  return wm_search_bar_get_open (data) &&
         (gtk_widget_get_state_flags (wm_search_bar_get_entry (data)) & GTK_STATE_FLAG_FOCUS_WITHIN);
}

static char *
expect_count (guint at,
              guint n)
{
  return g_strdup_printf ("%u of %u", at, n);
}

static guint
count_hits (WmDocument *document,
            const char *query)
{
  g_autoptr(WmSearch) search = wm_search_new (document);

  wm_search_set_query (search, query);
  return wm_search_get_n_hits (search);
}

/* Ctrl+F, a Chinese query, Enter, Shift+Enter, Ctrl+G, a full-width Latin
 * query, Escape: as a user would, with real keys. */
static void
test_window_keys (void)
{
  WmWindow *window = open_zh_camping ();
  WmSearchBar *bar = window_child (window, "search_bar");
  WmCanvas *canvas = wm_window_get_canvas (window);
  WmDocument *document = wm_window_get_document (window);
  WmCard *latin = card_with_text (document, "营地没有邀请评价");
  WmSearch *search;
  GObject *first, *last;
  g_autofree char *count = NULL;
  double scrolled_x = 0, scrolled_y = 0;
  guint n;

  g_assert_nonnull (latin);
  wm_history_push (wm_window_get_history (window), wm_edit_set (latin, "text", LATIN_TEXT));
  focus_window (GTK_WIDGET (window));
  g_assert_false (wm_search_bar_get_open (bar));

  key ("ctrl+f");
  g_assert_true (spin_until (bar_open, bar, 3000));
  paste (GTK_WIDGET (window), "营地");
  search = wm_search_bar_get_search (bar);
  n = count_hits (document, "营地");
  g_assert_cmpuint (n, >, 10);
  g_assert_cmpuint (wm_search_get_n_hits (search), ==, n);
  g_assert_cmpstr (wm_search_get_query (search), ==, "营地");
  /* Typing went to the first hit. */
  first = wm_search_get_hit (search, 0);
  g_assert_true (wm_canvas_get_selection (canvas) == first);
  count = expect_count (1, n);
  g_assert_cmpstr (wm_search_bar_get_count_text (bar), ==, count);
  test_save_widget_shot (GTK_WIDGET (window), "find-window.png");

  key ("Return");
  g_assert_true (wm_canvas_get_selection (canvas) == wm_search_get_hit (search, 1));
  g_free (count);
  count = expect_count (2, n);
  g_assert_cmpstr (wm_search_bar_get_count_text (bar), ==, count);
  key ("shift+Return");
  g_assert_true (wm_canvas_get_selection (canvas) == first);
  /* Back past the first: the last hit, far down the map, scrolled to. */
  /* Back past the first: the last hit (a persona: scrolled to, not
   * selected). */
  key ("shift+Return");
  last = wm_search_get_hit (search, n - 1);
  g_assert_true (wm_canvas_get_selection (canvas) == (WM_IS_PERSONA (last) ? NULL : last));
  g_assert_true (in_view (canvas, last));
  g_free (count);
  count = expect_count (n, n);
  g_assert_cmpstr (wm_search_bar_get_count_text (bar), ==, count);
  key ("ctrl+g");
  g_assert_true (wm_canvas_get_selection (canvas) == first);
  key ("ctrl+shift+g");
  g_assert_cmpstr (wm_search_bar_get_count_text (bar), ==, count);
  key ("ctrl+g");
  /* Every hit in turn is brought into view, across and down the map. */
  for (guint i = 1; i < n; i++)
    {
      GObject *hit = wm_search_get_hit (search, i);

      key ("Return");
      g_assert_true (wm_canvas_get_selection (canvas) == (WM_IS_PERSONA (hit) ? NULL : hit));
      g_assert_true (in_view (canvas, hit));
      scrolled_x = MAX (scrolled_x, gtk_adjustment_get_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (canvas))));
      scrolled_y = MAX (scrolled_y, gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (canvas))));
    }
  g_assert_cmpfloat (scrolled_x, >, 100);
  g_assert_cmpfloat (scrolled_y, >, 100);
  key ("Return");
  g_assert_true (wm_canvas_get_selection (canvas) == first);
  /* The bar's own buttons. */
  g_signal_emit_by_name (find_button (GTK_WIDGET (bar), "go-down-symbolic"), "clicked");
  g_assert_true (wm_canvas_get_selection (canvas) == wm_search_get_hit (search, 1));
  g_signal_emit_by_name (find_button (GTK_WIDGET (bar), "go-up-symbolic"), "clicked");
  g_assert_true (wm_canvas_get_selection (canvas) == first);

  /* Full-width Latin finds the half-width text, ignoring case. */
  key ("ctrl+a");
  paste (GTK_WIDGET (window), "ｗｅｃｈａ");
  type ("T");
  g_assert_cmpstr (wm_search_get_query (search), ==, "ｗｅｃｈａT");
  g_assert_cmpuint (wm_search_get_n_hits (search), ==, 1);
  g_assert_true (wm_canvas_get_selection (canvas) == G_OBJECT (latin));
  g_assert_true (in_view (canvas, G_OBJECT (latin)));
  g_assert_cmpstr (wm_search_bar_get_count_text (bar), ==, "1 of 1");

  key ("ctrl+a");
  type ("zzz");
  g_assert_cmpstr (wm_search_bar_get_count_text (bar), ==, "No results");

  key ("Escape");
  g_assert_false (wm_search_bar_get_open (bar));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (canvas)));

  gtk_window_destroy (GTK_WINDOW (window));
  spin_a_little ();
}

/* Every hit in view is marked on the canvas, over the one renderer's
 * map; closing Find takes the marks away. */
static void
test_highlights (void)
{
  WmWindow *window = open_zh_camping ();
  WmCanvas *canvas = wm_window_get_canvas (window);
  WmSearch *search;
  cairo_surface_t *before, *after;
  guint marked = 0, n;

  g_assert_true (spin_until (is_mapped, canvas, 5000));
  wm_canvas_zoom_fit (canvas);
  spin_ms (100);
  before = draw_canvas (canvas);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL);
  gtk_editable_set_text (GTK_EDITABLE (wm_search_bar_get_entry (window_child (window, "search_bar"))), "营地");
  search = wm_search_bar_get_search (window_child (window, "search_bar"));
  n = wm_search_get_n_hits (search);
  g_assert_cmpuint (n, >, 10);
  after = draw_canvas (canvas);
  for (guint i = 0; i < n; i++)
    {
      cairo_rectangle_t r;
      double x0, y0, x1, y1;

      g_assert_true (wm_layout_get_item_rect (wm_canvas_get_layout (canvas), wm_search_get_hit (search, i), &r));
      wm_canvas_layout_to_widget (canvas, r.x, r.y, &x0, &y0);
      wm_canvas_layout_to_widget (canvas, r.x + r.width, r.y + r.height, &x1, &y1);
      if (has_find_outline (after, before, x0 - 4, y0 - 4, x1 + 4, y1 + 4))
        marked++;
    }
  g_assert_cmpuint (marked, ==, n);
  test_save_widget_shot (GTK_WIDGET (window), "find-highlights.png");
  cairo_surface_destroy (after);

  wm_search_bar_close (window_child (window, "search_bar"));
  spin_a_little ();
  after = draw_canvas (canvas);
  g_assert_false (has_find_outline (after, before, 0, 0, 10000, 10000));
  cairo_surface_destroy (before);
  cairo_surface_destroy (after);
  gtk_window_destroy (GTK_WINDOW (window));
  spin_a_little ();
}

static gboolean
stage_selected (gpointer data)
{
  WmCanvas *canvas = data;

  return WM_IS_STAGE (wm_canvas_get_selection (canvas));
}

/* Scrolled far right and down, the lane headers are drawn at the left
 * edge and the stage headers' band at the top, as the map draws them
 * where they belong; a click on a pinned stage header selects it. */
static void
test_pinned_headers (void)
{
  WmWindow *window = open_zh_camping ();
  WmCanvas *canvas = wm_window_get_canvas (window);
  WmLayout *layout;
  const WmStyle *style;
  cairo_surface_t *natural, *pinned, *unpinned;
  cairo_rectangle_t lane, stage;
  graphene_point_t point;
  double wx, wy, nx, ny, sx, sy, hvalue;
  g_autofree char *id = NULL, *xs = NULL, *ys = NULL;
  GObject *target;
  int s = -1;

  /* Folded only once shown: AdwFlap 1.2 animating before its first
   * allocation gave its content a NaN width (a Gtk-WARNING, now and then). */
  focus_window (GTK_WIDGET (window));
  adw_flap_set_reveal_flap (window_child (window, "flap"), FALSE);
  wm_canvas_set_zoom (canvas, 1.0);
  spin_ms (200);
  layout = wm_canvas_get_layout (canvas);
  style = wm_layout_get_style (layout);
  gtk_adjustment_set_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (canvas)), 0);
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (canvas)), 0);
  natural = draw_canvas (canvas);

  gtk_adjustment_set_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (canvas)), gtk_adjustment_get_upper (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (canvas))));
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (canvas)), 420);
  spin_ms (100);
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (canvas))), >, 200);
  pinned = draw_canvas (canvas);
  wm_canvas_set_pin_headers (canvas, FALSE);
  unpinned = draw_canvas (canvas);
  wm_canvas_set_pin_headers (canvas, TRUE);
  test_save_widget_shot (GTK_WIDGET (window), "pinned-headers.png");

  /* A lane in view: its header's background at the left edge. */
  for (guint i = 0; wm_layout_get_lane_header_rect (layout, i, &lane); i++)
    {
      wm_canvas_layout_to_widget (canvas, lane.x, lane.y + lane.height / 2, &wx, &wy);
      if (wy > 120 && wy < gtk_widget_get_height (GTK_WIDGET (canvas)) - 20)
        break;
    }
  g_assert_cmphex (pixel (pinned, 6, (int) wy), ==,
                   ((guint32) (style->header_background.r * 255 + 0.5) << 16) |
                   ((guint32) (style->header_background.g * 255 + 0.5) << 8) |
                   (guint32) (style->header_background.b * 255 + 0.5));
  g_assert_cmphex (pixel (unpinned, 6, (int) wy), !=, pixel (pinned, 6, (int) wy));

  /* A stage in view: its chevron's top rim at the top edge, the colour it
   * has in its own place. */
  for (guint i = 0; wm_layout_get_stage_header_rect (layout, i, &stage); i++)
    {
      wm_canvas_layout_to_widget (canvas, stage.x + stage.width / 2, stage.y, &wx, &wy);
      if (wx > 200 && wx < gtk_widget_get_width (GTK_WIDGET (canvas)) - 50)
        {
          s = (int) i;
          break;
        }
    }
  g_assert_cmpint (s, >=, 0);
  g_assert_cmpfloat (wy, <, 0);
  hvalue = gtk_adjustment_get_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (canvas)));
  gtk_adjustment_set_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (canvas)), 0);
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (canvas)), 0);
  wm_canvas_layout_to_widget (canvas, stage.x + stage.width / 2, stage.y + 3, &nx, &ny);
  g_assert_cmpfloat (nx, <, gtk_widget_get_width (GTK_WIDGET (canvas)));
  gtk_adjustment_set_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (canvas)), hvalue);
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (canvas)), 420);
  g_assert_cmphex (pixel (pinned, (int) wx, 3), ==, pixel (natural, (int) nx, (int) ny));
  g_assert_cmphex (pixel (unpinned, (int) wx, 3), !=, pixel (pinned, (int) wx, 3));

  /* A real click on the pinned header. */
  target = G_OBJECT (g_list_model_get_item (G_LIST_MODEL (wm_document_get_stages (wm_window_get_document (window))), s));
  g_object_unref (target);
  wm_canvas_set_selection (canvas, NULL);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (canvas), GTK_WIDGET (window),
                                           &GRAPHENE_POINT_INIT (wx, 8), &point));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &sx, &sy);
  id = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))));
  xs = g_strdup_printf ("%d", (int) (point.x + sx));
  ys = g_strdup_printf ("%d", (int) (point.y + sy));
  xdo ("mousemove", "--sync", "--window", id, xs, ys, NULL);
  spin_ms (100);
  xdo ("click", "1", NULL);
  g_assert_true (spin_until (stage_selected, canvas, 3000));
  g_assert_true (wm_canvas_get_selection (canvas) == target);
  /* The click did not scroll the map back. */
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (canvas))), >, 300);

  cairo_surface_destroy (natural);
  cairo_surface_destroy (pinned);
  cairo_surface_destroy (unpinned);
  gtk_window_destroy (GTK_WINDOW (window));
  spin_a_little ();
}

/* In the outline, a step selects the next row that is a hit, in the
 * rows' order, and the focus stays in the search entry. */
static void
test_outline (void)
{
  WmWindow *window = open_zh_camping ();
  GtkSelectionModel *rows = wm_outline_get_model (wm_window_get_outline (window));
  GtkWidget *entry = wm_search_bar_get_entry (window_child (window, "search_bar"));
  WmSearch *search;
  guint previous = 0, visited = 0, n;

  g_assert_true (spin_until (is_mapped, window, 5000));
  gtk_toggle_button_set_active (window_child (window, "outline_button"), TRUE);
  spin_ms (200);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "营地");
  spin_ms (100);
  search = wm_search_bar_get_search (window_child (window, "search_bar"));
  n = wm_search_get_n_hits (search);
  g_assert_cmpuint (n, >, 10);
  for (guint i = 0; i < n; i++)
    {
      guint pos = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (rows));
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (rows), pos);
      g_autoptr(GObject) item = NULL;

      g_assert_nonnull (row);
      item = gtk_tree_list_row_get_item (row);
      g_assert_cmpint (wm_search_index_of (search, item), >=, 0);
      if (i > 0)
        g_assert_cmpuint (pos, >, previous);
      previous = pos;
      visited++;
      g_assert_true (gtk_widget_get_state_flags (entry) & GTK_STATE_FLAG_FOCUS_WITHIN);
      if (i + 1 < n)
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find-next", NULL));
      spin_a_little ();
    }
  g_assert_cmpuint (visited, ==, n);
  test_save_widget_shot (GTK_WIDGET (window), "find-outline.png");
  /* And round again to the first. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.find-next", NULL);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (rows)), <, previous);

  gtk_window_destroy (GTK_WINDOW (window));
  spin_a_little ();
}

/* Present mode: Ctrl+F opens its own bar, the hits are marked, a step
 * selects one and the spotlight goes to its stage. */
static void
test_present (void)
{
  WmWindow *window = open_zh_camping ();
  WmHistory *history = wm_window_get_history (window);
  WmPresentWindow *present = wm_present_window_new (history, GTK_WINDOW (window));
  WmCanvas *canvas = wm_present_window_get_canvas (present);
  WmSearchBar *bar = NULL;
  cairo_surface_t *before, *after;
  WmSearch *search;
  GObject *hit;

  wm_present_window_start (present, NULL);
  g_assert_true (spin_until (is_mapped, canvas, 5000));
  spin_ms (500);
  before = draw_canvas (canvas);
  focus_window (GTK_WIDGET (present));
  key ("ctrl+f");
  for (GtkWidget *w = gtk_widget_get_first_child (gtk_widget_get_parent (GTK_WIDGET (canvas)));
       w != NULL; w = gtk_widget_get_next_sibling (w))
    if (WM_IS_SEARCH_BAR (w))
      bar = WM_SEARCH_BAR (w);
  g_assert_nonnull (bar);
  g_assert_true (spin_until (bar_open, bar, 3000));
  paste (GTK_WIDGET (present), "营地");
  search = wm_canvas_get_search (canvas);
  g_assert_nonnull (search);
  g_assert_cmpuint (wm_search_get_n_hits (search), >, 10);
  after = draw_canvas (canvas);
  g_assert_true (has_find_outline (after, before, 0, 0, 10000, 10000));

  /* Enter: the first hit (the first stage), then the next (a card in the
   * same stage or the next) with the spotlight on its stage. */
  key ("Return");
  hit = wm_search_get_hit (search, 0);
  g_assert_true (wm_canvas_get_selection (canvas) == hit);
  g_assert_true (WM_IS_STAGE (hit));
  g_assert_cmpint (wm_present_window_get_stage (present), ==, 0);
  for (guint i = 1; i < wm_search_get_n_hits (search); i++)
    {
      hit = wm_search_get_hit (search, i);
      key ("Return");
      g_assert_true (wm_canvas_get_selection (canvas) == hit);
      if (WM_IS_CARD (hit))
        {
          int stage = wm_document_stage_index (wm_window_get_document (window),
                                               wm_card_get_stage (WM_CARD (hit)));

          g_assert_cmpint (wm_present_window_get_stage (present), ==, stage);
          break;
        }
    }
  test_save_widget_shot (GTK_WIDGET (present), "find-present.png");
  key ("Escape");
  g_assert_false (wm_search_bar_get_open (bar));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (present)));
  g_assert_null (wm_canvas_get_search (canvas));

  cairo_surface_destroy (before);
  cairo_surface_destroy (after);
  gtk_window_destroy (GTK_WINDOW (present));
  gtk_window_destroy (GTK_WINDOW (window));
  spin_a_little ();
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/Waymark/Find/window-keys", test_window_keys);
  g_test_add_func ("/Waymark/Find/highlights", test_highlights);
  g_test_add_func ("/Waymark/Find/outline", test_outline);
  g_test_add_func ("/Waymark/Find/present", test_present);
  g_test_add_func ("/Waymark/PinnedHeaders/canvas", test_pinned_headers);
  return g_test_run ();
}
