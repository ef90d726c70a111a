/* Find (Ctrl+F) in the window, present mode and the outline, and the
 * headers pinned while the canvas scrolls: driven with real keys and
 * clicks under Xvfb, checked by the pixels the canvas draws. */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <string.h>

#include "app-test-util.h"
#include "wm-canvas-private.h"
#include "wm-edits.h"
#include "wm-present-window.h"
#include "wm-reader.h"
#include "wm-search-bar.h"
#include "wm-window.h"
#include "wm-window-private.h"

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

static gboolean
have_shots (void)
{
  return g_getenv ("WAYMARK_FIND_SHOTS") != NULL;
}

/* WAYMARK_FIND_SHOTS=DIR: what a test checked, to look at. */
static void
save_shot (GtkWidget  *widget,
           const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;

  if (!have_shots ())
    return;
  spin_ms (300);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, NULL);
  path = g_build_filename (g_getenv ("WAYMARK_FIND_SHOTS"), name, NULL);
  gdk_texture_save_to_png (texture, path);
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
  WmSearchBar *bar = window->search_bar;
  WmCanvas *canvas = window->canvas;
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
  save_shot (GTK_WIDGET (window), "find-window.png");

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
      scrolled_x = MAX (scrolled_x, gtk_adjustment_get_value (canvas->hadjustment));
      scrolled_y = MAX (scrolled_y, gtk_adjustment_get_value (canvas->vadjustment));
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
  WmCanvas *canvas = window->canvas;
  WmSearch *search;
  cairo_surface_t *before, *after;
  guint marked = 0, n;

  g_assert_true (spin_until (is_mapped, canvas, 5000));
  wm_canvas_zoom_fit (canvas);
  spin_ms (100);
  before = draw_canvas (canvas);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL);
  gtk_editable_set_text (GTK_EDITABLE (wm_search_bar_get_entry (window->search_bar)), "营地");
  search = wm_search_bar_get_search (window->search_bar);
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
  save_shot (GTK_WIDGET (window), "find-highlights.png");
  cairo_surface_destroy (after);

  wm_search_bar_close (window->search_bar);
  spin_a_little ();
  after = draw_canvas (canvas);
  g_assert_false (has_find_outline (after, before, 0, 0, 10000, 10000));
  cairo_surface_destroy (before);
  cairo_surface_destroy (after);
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
  return g_test_run ();
}
