/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <math.h>
#include <string.h>
#include <adwaita.h>

#include "wm-canvas-private.h"
#include "wm-render.h"

/* The canvas's drawing: the map through wm_render (kept between frames
 * while only what is drawn over it changes), then find's highlights, the
 * feedback of wm-canvas-feedback.c, the pinned headers and the focus
 * frame on top. */

WmTheme
_wm_canvas_current_theme (WmCanvas *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  if (self->theme_override >= 0)
    return self->theme_override;
  if (adw_style_manager_get_high_contrast (manager))
    return WM_THEME_HIGH_CONTRAST;
  return adw_style_manager_get_dark (manager) ? WM_THEME_DARK : WM_THEME_LIGHT;
}

static void
set_source_rgba (cairo_t      *cr,
                 const WmRgba *rgba)
{
  cairo_set_source_rgba (cr, rgba->r, rgba->g, rgba->b, rgba->a);
}

/* What a view of @width × @height shows, as render options; @cr moved to
 * layout units. */
static void
view_options (WmCanvas        *self,
              cairo_t         *cr,
              int              width,
              int              height,
              int              scale_factor,
              WmRenderOptions *options)
{
  double ox, oy;

  _wm_canvas_get_origin (self, width, height, &ox, &oy);
  options->clip.x = -ox / self->zoom;
  options->clip.y = -oy / self->zoom;
  options->clip.width = width / self->zoom;
  options->clip.height = height / self->zoom;
  options->scale = self->zoom * scale_factor;
  options->persona = self->persona;
  options->compare = self->compare;
  if (self->evidence_view)
    options->flags |= WM_RENDER_EVIDENCE_VIEW;
  cairo_translate (cr, ox, oy);
  cairo_scale (cr, self->zoom, self->zoom);
}

void
wm_canvas_invalidate_map (WmCanvas *self)
{
  self->map_serial++;
  g_clear_pointer (&self->map_stamp, wm_layout_stamp_free);
}

/* More damaged cards in view than this and a full redraw is as cheap. */
#define MAX_DAMAGE 200
/* How far a card's drawing reaches past its rect (border, marks). */
#define DAMAGE_GROW 8.0

static gboolean
map_cache_valid (WmCanvas     *self,
                 const double  key[5],
                 int           scale_factor)
{
  return self->map_cache != NULL && self->map_cache_serial == self->map_serial &&
         self->map_cache_scale == scale_factor &&
         memcmp (self->map_cache_key, key, sizeof self->map_cache_key) == 0;
}

/* The map itself, through the one renderer, for a view of @width × @height,
 * into @cr at device scale @scale_factor. */
static void
render_map (WmCanvas *self,
            cairo_t  *cr,
            int       width,
            int       height,
            int       scale_factor)
{
  WmRenderOptions options = WM_RENDER_OPTIONS_INIT;

  set_source_rgba (cr, &wm_layout_get_style (self->layout)->background);
  cairo_paint (cr);
  view_options (self, cr, width, height, scale_factor, &options);
  /* The paint above is the background already: not a second fill. */
  options.flags |= WM_RENDER_NO_BACKGROUND;
  wm_render (self->layout, cr, &options);
}

/* @rect (layout units) as whole device pixels of the view, in @region. */
static void
add_device_rect (WmCanvas                *self,
                 const cairo_rectangle_t *rect,
                 double                   ox,
                 double                   oy,
                 int                      width,
                 int                      height,
                 cairo_region_t          *region)
{
  int x0 = MAX (0, (int) floor (ox + rect->x * self->zoom));
  int y0 = MAX (0, (int) floor (oy + rect->y * self->zoom));
  int x1 = MIN (width, (int) ceil (ox + (rect->x + rect->width) * self->zoom));
  int y1 = MIN (height, (int) ceil (oy + (rect->y + rect->height) * self->zoom));

  if (x1 > x0 && y1 > y0)
    cairo_region_union_rectangle (region, &(cairo_rectangle_int_t) { x0, y0, x1 - x0, y1 - y0 });
}

/* Redraws the map within @box (whole pixels of the view) into @cr: the
 * same drawing as render_map() there, so the same pixels. */
static void
render_box (WmCanvas                    *self,
            cairo_t                     *cr,
            const cairo_rectangle_int_t *box,
            int                          width,
            int                          height,
            int                          scale_factor)
{
  WmRenderOptions options = WM_RENDER_OPTIONS_INIT;

  cairo_save (cr);
  cairo_rectangle (cr, box->x, box->y, box->width, box->height);
  cairo_clip (cr);
  set_source_rgba (cr, &wm_layout_get_style (self->layout)->background);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  view_options (self, cr, width, height, scale_factor, &options);
  options.clip.x += box->x / self->zoom;
  options.clip.y += box->y / self->zoom;
  options.clip.width = box->width / self->zoom;
  options.clip.height = box->height / self->zoom;
  options.flags |= WM_RENDER_NO_BACKGROUND;
  wm_render (self->layout, cr, &options);
  cairo_restore (cr);
}

/* After an edit, repaints into the kept pixels only the cards it moved or
 * changed (where they were and where they are); FALSE when only a full
 * redraw will do. */
static gboolean
repaint_damage (WmCanvas *self,
                int       width,
                int       height,
                int       scale_factor)
{
  g_autoptr(GArray) damage = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  cairo_region_t *region;
  cairo_rectangle_t view;
  cairo_t *cr;
  double ox, oy;

  if (self->map_stamp == NULL)
    return FALSE;
  _wm_canvas_get_origin (self, width, height, &ox, &oy);
  view = (cairo_rectangle_t) { -ox / self->zoom, -oy / self->zoom, width / self->zoom,
                               height / self->zoom };
  if (!wm_layout_stamp_damage (self->layout, self->map_stamp, &view, MAX_DAMAGE, DAMAGE_GROW,
                               damage))
    return FALSE;
  region = cairo_region_create ();
  for (guint i = 0; i < damage->len; i++)
    add_device_rect (self, &g_array_index (damage, cairo_rectangle_t, i), ox, oy, width, height,
                     region);
  cr = cairo_create (self->map_cache);
  for (int i = 0; i < cairo_region_num_rectangles (region); i++)
    {
      cairo_rectangle_int_t box;

      cairo_region_get_rectangle (region, i, &box);
      render_box (self, cr, &box, width, height, scale_factor);
    }
  cairo_destroy (cr);
  cairo_region_destroy (region);
  return TRUE;
}

static gboolean
same_view (WmCanvas     *self,
           const double  key[5],
           int           scale_factor)
{
  return self->map_cache != NULL && self->map_cache_scale == scale_factor &&
         memcmp (self->map_cache_key, key, sizeof self->map_cache_key) == 0;
}

/* The whole map afresh into the kept pixels, for the view @key. */
static void
redraw_map (WmCanvas     *self,
            const double  key[5],
            int           width,
            int           height,
            int           scale_factor)
{
  cairo_t *mcr;

  if (self->map_cache == NULL || self->map_cache_key[3] != width ||
      self->map_cache_key[4] != height || self->map_cache_scale != scale_factor)
    {
      g_clear_pointer (&self->map_cache, cairo_surface_destroy);
      self->map_cache = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale_factor,
                                                    height * scale_factor);
      cairo_surface_set_device_scale (self->map_cache, scale_factor, scale_factor);
    }
  mcr = cairo_create (self->map_cache);
  render_map (self, mcr, width, height, scale_factor);
  cairo_destroy (mcr);
  memcpy (self->map_cache_key, key, sizeof self->map_cache_key);
  self->map_cache_scale = scale_factor;
  g_clear_pointer (&self->map_stamp, wm_layout_stamp_free);
  self->map_stamp = wm_layout_stamp_new (self->layout);
}

/* The map, from its cached copy while nothing it shows has changed: a
 * frame that only moves a selection, a band or find's hits costs a copy
 * of the pixels, not a redraw of every card in view. */
static void
draw_map (WmCanvas *self,
          cairo_t  *cr,
          int       width,
          int       height,
          int       scale_factor)
{
  double key[5] = { self->zoom, 0, 0, width, height };

  if (self->layout == NULL)
    return;

  wm_layout_update (self->layout);
  _wm_canvas_get_origin (self, width, height, &key[1], &key[2]);
  if (!map_cache_valid (self, key, scale_factor) &&
      !(same_view (self, key, scale_factor) && repaint_damage (self, width, height, scale_factor)))
    redraw_map (self, key, width, height, scale_factor);
  self->map_cache_serial = self->map_serial;

  cairo_save (cr);
  cairo_set_source_surface (cr, self->map_cache, 0, 0);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void draw_hits   (WmCanvas                *self,
                         cairo_t                 *cr,
                         const cairo_rectangle_t *view);
static void draw_pinned (WmCanvas                *self,
                         cairo_t                 *cr,
                         const WmRenderOptions   *options);

/* Find's highlights and the pinned headers, over the map. */
static void
draw_overlays (WmCanvas *self,
               cairo_t  *cr,
               int       width,
               int       height,
               int       scale_factor,
               gboolean  feedback)
{
  WmRenderOptions options = WM_RENDER_OPTIONS_INIT;

  if (self->layout == NULL)
    return;
  cairo_save (cr);
  view_options (self, cr, width, height, scale_factor, &options);
  draw_hits (self, cr, &options.clip);
  cairo_restore (cr);
  if (feedback)
    wm_canvas_draw_feedback (self, cr);
  cairo_save (cr);
  view_options (self, cr, width, height, scale_factor, &options);
  draw_pinned (self, cr, &options);
  cairo_restore (cr);
}

void
wm_canvas_draw_to_cairo (WmCanvas *self,
                         cairo_t  *cr,
                         int       width,
                         int       height)
{
  g_return_if_fail (WM_IS_CANVAS (self));

  draw_map (self, cr, width, height, 1);
  draw_overlays (self, cr, width, height, 1, FALSE);
}

/* WAYMARK_DEBUG=geometry: print where layout (0, 0) is on the toplevel's
 * surface and the zoom, whenever that changes, so the smoke test
 * (tests/app/test-smoke.c) can click on items it locates with wm_layout. */
static void
debug_geometry (WmCanvas *self,
                int       width,
                int       height)
{
  static int enabled = -1;
  static double last[3] = { -1e9, -1e9, -1 };
  GtkNative *native;
  graphene_point_t point;
  double ox, oy, sx = 0, sy = 0;

  if (enabled < 0)
    enabled = g_strcmp0 (g_getenv ("WAYMARK_DEBUG"), "geometry") == 0;
  native = gtk_widget_get_native (GTK_WIDGET (self));
  if (!enabled || native == NULL)
    return;

  _wm_canvas_get_origin (self, width, height, &ox, &oy);
  if (!gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (native),
                                 &GRAPHENE_POINT_INIT (ox, oy), &point))
    return;
  gtk_native_get_surface_transform (native, &sx, &sy);
  point.x += sx;
  point.y += sy;
  if (point.x == last[0] && point.y == last[1] && self->zoom == last[2])
    return;
  last[0] = point.x;
  last[1] = point.y;
  last[2] = self->zoom;
  g_printerr ("waymark-debug: geometry x=%.2f y=%.2f zoom=%.6f\n", point.x, point.y, self->zoom);
}

/* The keyboard focus must always show: an accent frame inside the canvas's
 * edge while it has visible focus (the selection is outlined on top). */
static void
draw_focus_frame (WmCanvas *self,
                  cairo_t  *cr,
                  int       width,
                  int       height)
{
  if (!gtk_widget_has_visible_focus (GTK_WIDGET (self)) || self->layout == NULL)
    return;
  cairo_rectangle (cr, 1.0, 1.0, width - 2.0, height - 2.0);
  wm_canvas_set_accent (self, cr, 0.6);
  cairo_set_line_width (cr, 2.0);
  cairo_stroke (cr);
}

void
_wm_canvas_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  WmCanvas *self = WM_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0 || self->layout == NULL)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_map (self, cr, width, height, gtk_widget_get_scale_factor (widget));
  draw_overlays (self, cr, width, height, gtk_widget_get_scale_factor (widget), TRUE);
  draw_focus_frame (self, cr, width, height);
  cairo_destroy (cr);
  debug_geometry (self, width, height);

  if (self->editor != NULL && gtk_widget_get_visible (self->editor))
    gtk_widget_snapshot_child (widget, self->editor, snapshot);
}

/* Find and pinned headers */

static gboolean
meets (const cairo_rectangle_t *a,
       const cairo_rectangle_t *b)
{
  return a->x <= b->x + b->width && a->x + a->width >= b->x &&
         a->y <= b->y + b->height && a->y + a->height >= b->y;
}

static void
hit_path (WmCanvas                *self,
          cairo_t                 *cr,
          const cairo_rectangle_t *item)
{
  const WmStyle *style = wm_layout_get_style (self->layout);
  double grow = 3.0 / self->zoom;
  cairo_rectangle_t r = { item->x - grow, item->y - grow,
                          item->width + 2 * grow, item->height + 2 * grow };

  /* Zoomed far out a corner's curve is under a pixel: four arcs per hit
   * cost a 20,000-hit map most of a keystroke's budget. */
  if (MIN (r.width, r.height) * self->zoom < 24)
    cairo_rectangle (cr, r.x, r.y, r.width, r.height);
  else
    wm_canvas_rounded_rect (cr, &r, style->card_radius + grow);
}

/* A marker's tint and an orange outline, as GNOME's editors mark a match;
 * one path for every hit in view, so thousands cost one fill. */
static void
paint_hits (WmCanvas *self,
            cairo_t  *cr)
{
  cairo_set_source_rgba (cr, 0.97, 0.83, 0.18, 0.30);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0.90, 0.38, 0.0, 0.95);
  cairo_set_line_width (cr, 2.0 / self->zoom);
  cairo_stroke (cr);
}

static void
draw_hits (WmCanvas                *self,
           cairo_t                 *cr,
           const cairo_rectangle_t *view)
{
  guint n = self->search != NULL ? wm_search_get_n_hits (self->search) : 0;
  cairo_rectangle_t rect;

  if (n == 0)
    return;
  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    if (wm_layout_get_item_rect (self->layout, wm_search_get_hit (self->search, i), &rect) &&
        meets (&rect, view))
      hit_path (self, cr, &rect);
  paint_hits (self, cr);
}

/* Hits and the selection among the pinned headers are marked there too. */
static void
draw_pinned_marks (WmCanvas              *self,
                   cairo_t               *cr,
                   const WmRenderOptions *options)
{
  guint n = self->search != NULL ? wm_search_get_n_hits (self->search) : 0;
  cairo_rectangle_t rect;

  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    {
      GObject *hit = wm_search_get_hit (self->search, i);

      if ((WM_IS_STAGE (hit) || WM_IS_LANE (hit)) &&
          wm_render_pinned_rect (self->layout, &options->clip, WM_CANVAS_PINS, hit, &rect))
        hit_path (self, cr, &rect);
    }
  paint_hits (self, cr);
  if (self->selection != NULL &&
      wm_render_pinned_rect (self->layout, &options->clip, WM_CANVAS_PINS, self->selection, &rect))
    {
      hit_path (self, cr, &rect);
      wm_canvas_set_accent (self, cr, 1.0);
      cairo_set_line_width (cr, 2.5 / self->zoom);
      cairo_stroke (cr);
    }
}

static void
draw_pinned (WmCanvas              *self,
             cairo_t               *cr,
             const WmRenderOptions *options)
{
  if (self->no_pins)
    return;
  if (wm_render_pinned_headers (self->layout, cr, options, WM_CANVAS_PINS) != WM_RENDER_PIN_NONE)
    draw_pinned_marks (self, cr, options);
}

/* What the canvas shows, in layout units. */
void
_wm_canvas_view_clip (WmCanvas          *self,
           cairo_rectangle_t *view)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double ox, oy;

  _wm_canvas_get_origin (self, width, height, &ox, &oy);
  view->x = -ox / self->zoom;
  view->y = -oy / self->zoom;
  view->width = width / self->zoom;
  view->height = height / self->zoom;
}

void
wm_canvas_widget_to_hit_point (WmCanvas *self,
                               double    wx,
                               double    wy,
                               double   *lx,
                               double   *ly)
{
  cairo_rectangle_t view;

  wm_canvas_widget_to_layout (self, wx, wy, lx, ly);
  if (self->no_pins || self->layout == NULL)
    return;
  _wm_canvas_view_clip (self, &view);
  wm_render_pinned_point (self->layout, &view, WM_CANVAS_PINS, lx, ly);
}
