/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "wm-canvas-private.h"
#include "wm-present-window.h"
#include "wm-presenter-window.h"
#include "wm-search-bar.h"
#include "wm-ui-text.h"

/* Present mode. The map is the editor's WmCanvas on the same history, so
 * double-click editing, curve dragging and undo work as in the editor; this
 * window only moves the canvas's zoom and scroll (a short ease-out pan and
 * zoom between stages) and draws the spotlight over it: a dimming outside
 * the spotlighted stage. The lane headers pinned to the left edge and the
 * stage headers pinned to the top are the canvas's own (as in the editor:
 * wm_render_pinned_headers), so a click on one selects that header; the
 * dimming leaves the lane headers and the spotlight's header lit. */

#define ANIMATION_MS 300
#define DIM_ALPHA    0.62
#define SCREEN_PAD   16.0   /* device pixels around a stage */
#define PAGE_OVERLAP 0.1    /* of a screen, when a stage scrolls */
#define TOOLBAR_HIDE_MS 2500

struct _WmPresentWindow
{
  AdwWindow      parent_instance;

  WmHistory     *history;
  GSettings     *settings;
  GtkWindow     *parent;     /* weak */

  GtkWidget     *canvas;
  GtkWidget     *overlay_area;
  GtkWidget     *revealer;
  GtkWidget     *position_label;
  GtkWidget     *persona_label;
  GtkWidget     *monitor_dropdown;
  GtkWidget     *search_bar;
  GObject       *find_current;  /* the hit Find last went to */
  guint          toolbar_timeout_id;
  guint          settle_tick_id;
  double         pointer_x;
  double         pointer_y;

  /* Where the view is going, and where the spotlight comes from. */
  int            stage;      /* -1: overview */
  int            page;
  int            from_stage;
  double         from_zoom;
  double         from_cx;
  double         from_cy;
  double         progress;   /* 0..1 along the animation, eased */
  AdwAnimation  *animation;

  char          *position;   /* "Stage 2 of 5 · Booking" */
  GtkWidget     *presenter;  /* weak: the presenter view, if open */

  gboolean       blanked;
  gboolean       high_contrast;
  int            persona;    /* index in the document's personas, -1: all */
};

enum
{
  PROP_0,
  PROP_HIGH_CONTRAST,
  PROP_BLANKED,
  PROP_STAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (WmPresentWindow, wm_present_window, ADW_TYPE_WINDOW)

/* Geometry */

static guint
n_stages (WmLayout *layout)
{
  return g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (wm_layout_get_document (layout))));
}

/* The column of lane headers, in layout units; FALSE without lanes. */
static gboolean
get_lane_header_column (WmLayout          *layout,
                        cairo_rectangle_t *column)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_lanes (wm_layout_get_document (layout))));
  cairo_rectangle_t last;

  if (n == 0 ||
      !wm_layout_get_lane_header_rect (layout, 0, column) ||
      !wm_layout_get_lane_header_rect (layout, n - 1, &last))
    return FALSE;
  column->height = last.y + last.height - column->y;
  return TRUE;
}

/* The zoom at which the smallest card text is WM_PRESENT_MIN_TEXT_PX tall. */
static double
legible_zoom (WmLayout *layout)
{
  const WmStyle *style = wm_layout_get_style (layout);
  double smallest = style->font_size;

  if (style->small_font_size > 0)
    smallest = MIN (smallest, style->small_font_size);
  /* A hair over, so the canvas's rounding never lands under it. */
  return WM_PRESENT_MIN_TEXT_PX / smallest * (1 + 1e-5);
}

static void
overview_view (WmLayout      *layout,
               int            width,
               int            height,
               WmPresentView *view)
{
  double lw = 0, lh = 0;

  wm_layout_get_size (layout, &lw, &lh);
  view->zoom = lw > 0 && lh > 0 ? MIN (width / lw, height / lh) * 0.999 : 1.0;
  view->zoom = CLAMP (view->zoom, WM_CANVAS_ZOOM_MIN, WM_CANVAS_ZOOM_MAX);
  view->cx = lw / 2;
  view->cy = lh / 2;
  view->stage = -1;
  view->page = 0;
  view->n_pages = 1;
}

typedef struct { double y0, y1; } Span;

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  double d = ((const Span *) a)->y0 - ((const Span *) b)->y0;

  return d < 0 ? -1 : d > 0;
}

static void
add_span (GArray *spans,
          double  y0,
          double  y1)
{
  Span span = { y0, y1 };

  g_array_append_val (spans, span);
}

/* What is worth showing in a stage's column, top to bottom: its header,
 * the emotion lanes (the curve and the moments), and in the other lanes
 * the cards that reach into it. Not the empty rest of a row that another
 * stage's many cards made tall. */
static GArray *
stage_content (WmLayout                *layout,
               guint                    stage,
               const cairo_rectangle_t *rect)
{
  WmDocument *document = wm_layout_get_document (layout);
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (document));
  double pad = wm_layout_get_style (layout)->cell_padding;
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (Span));
  cairo_rectangle_t r;

  if (wm_layout_get_stage_header_rect (layout, stage, &r))
    add_span (spans, r.y, r.y + r.height);
  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      WmLane *lane = wm_list_peek (wm_document_get_lanes (document), i);
      GListModel *cards = G_LIST_MODEL (wm_lane_get_cards (lane));

      if (wm_lane_get_kind (lane) == WM_LANE_EMOTION)
        {
          if (wm_layout_get_cell_rect (layout, i, stage, &r))
            add_span (spans, r.y, r.y + r.height);
          continue;
        }
      for (guint j = 0; j < g_list_model_get_n_items (cards); j++)
        if (wm_layout_get_item_rect (layout, wm_list_peek (wm_lane_get_cards (lane), j), &r) &&
            r.x < rect->x + rect->width && r.x + r.width > rect->x)
          add_span (spans, r.y - pad, r.y + r.height);
    }
  g_array_sort (spans, compare_spans);
  return spans;
}

/* Where each screen of a tall stage starts: the first at the top; each
 * next one where the content not yet fully shown begins, placed just
 * under the pinned stage header. */
static GArray *
stage_pages (WmLayout                *layout,
             guint                    stage,
             const cairo_rectangle_t *rect,
             double                   visible,
             double                   header)
{
  g_autoptr(GArray) spans = stage_content (layout, stage, rect);
  GArray *tops = g_array_new (FALSE, FALSE, sizeof (double));
  double last = rect->y + rect->height - visible;
  double top = rect->y;
  double room = visible - header;

  for (;;)
    {
      double bottom = top + visible;
      double next = G_MAXDOUBLE;

      g_array_append_val (tops, top);
      for (guint i = 0; i < spans->len; i++)
        {
          const Span *span = &g_array_index (spans, Span, i);

          if (span->y1 <= bottom + 0.5)
            continue;
          /* A card cut at the bottom comes whole on the next screen;
           * a part taller than a screen goes on with some overlap. */
          next = span->y0 < bottom && span->y1 - span->y0 > room
                 ? bottom - room * PAGE_OVERLAP
                 : MAX (span->y0, top + header);
          break;
        }
      if (next == G_MAXDOUBLE)
        break;
      next = MIN (next - header, last);
      if (next <= top + 1)
        break;
      top = next;
    }
  return tops;
}

/* A stage fills the screen if it can; never is its text smaller than
 * legible: a stage too tall for the screen at that zoom is shown a screen
 * ("page") at a time, top to bottom, with the stage header pinned. */
void
wm_present_compute_view (WmLayout      *layout,
                         int            width,
                         int            height,
                         int            stage,
                         int            page,
                         WmPresentView *view)
{
  cairo_rectangle_t rect, column = { 0, 0, 0, 0 }, header = { 0, 0, 0, 0 };
  g_autoptr(GArray) tops = NULL;
  double zoom, fit, strip, left, visible;

  g_return_if_fail (WM_IS_LAYOUT (layout));
  g_return_if_fail (view != NULL);

  if (stage < 0 || width <= 0 || height <= 0 ||
      !wm_layout_get_stage_rect (layout, stage, &rect))
    {
      overview_view (layout, MAX (width, 1), MAX (height, 1), view);
      return;
    }
  get_lane_header_column (layout, &column);
  wm_layout_get_stage_header_rect (layout, stage, &header);

  fit = MIN ((width - 2 * SCREEN_PAD) / (column.width + rect.width),
             (height - 2 * SCREEN_PAD) / rect.height);
  zoom = CLAMP (MAX (fit, legible_zoom (layout)), WM_CANVAS_ZOOM_MIN, WM_CANVAS_ZOOM_MAX);

  /* The stage centred in what the pinned lane headers leave free. */
  strip = column.width * zoom;
  left = strip + MAX (SCREEN_PAD, (width - strip - rect.width * zoom) / 2);
  view->zoom = zoom;
  view->cx = rect.x + (width / 2.0 - left) / zoom;
  view->stage = stage;

  visible = height / zoom;
  if (rect.height <= visible)
    {
      view->n_pages = 1;
      view->page = 0;
      view->cy = rect.y + rect.height / 2;
      return;
    }
  tops = stage_pages (layout, stage, &rect, visible, header.height);
  view->n_pages = tops->len;
  view->page = page < 0 ? view->n_pages - 1 : MIN (page, view->n_pages - 1);
  view->cy = g_array_index (tops, double, view->page) + visible / 2;
}

/* The view */

static WmLayout *
get_layout (WmPresentWindow *self)
{
  return wm_canvas_get_layout (WM_CANVAS (self->canvas));
}

static void
target_view (WmPresentWindow *self,
             WmPresentView   *view)
{
  wm_present_compute_view (get_layout (self),
                           gtk_widget_get_width (self->canvas),
                           gtk_widget_get_height (self->canvas),
                           self->stage, self->page, view);
}

static void
apply_view (WmPresentWindow *self,
            double           zoom,
            double           cx,
            double           cy)
{
  WmCanvas *canvas = WM_CANVAS (self->canvas);
  int width = gtk_widget_get_width (self->canvas);
  int height = gtk_widget_get_height (self->canvas);

  if (width <= 0 || height <= 0)
    return;
  wm_canvas_set_zoom (canvas, zoom);
  /* The canvas clamps to the map and centres a map smaller than the view. */
  gtk_adjustment_set_value (canvas->hadjustment, cx * canvas->zoom - width / 2.0);
  gtk_adjustment_set_value (canvas->vadjustment, cy * canvas->zoom - height / 2.0);
  gtk_widget_queue_draw (self->overlay_area);
}

static void
animation_cb (double           value,
              WmPresentWindow *self)
{
  WmPresentView to;
  double zoom, cx, cy;

  target_view (self, &to);
  self->progress = value;
  /* Zoom geometrically, so a zoom-in does not seem to rush at the end. */
  zoom = value >= 1.0 ? to.zoom : self->from_zoom * pow (to.zoom / self->from_zoom, value);
  cx = self->from_cx + (to.cx - self->from_cx) * value;
  cy = self->from_cy + (to.cy - self->from_cy) * value;
  apply_view (self, zoom, cx, cy);
}

static void
animation_done_cb (WmPresentWindow *self)
{
  self->progress = 1.0;
  self->from_stage = self->stage;
  gtk_widget_queue_draw (self->overlay_area);
}

static void
update_labels (WmPresentWindow *self);

/* Moves the view to the current stage and page, animated. */
static void
go (WmPresentWindow *self,
    int              stage,
    int              page)
{
  WmCanvas *canvas = WM_CANVAS (self->canvas);
  int width = gtk_widget_get_width (self->canvas);
  int height = gtk_widget_get_height (self->canvas);
  WmPresentView view;

  /* Where the view is now, whatever moved it (an animation half-way, a
   * scroll, a Ctrl+scroll zoom). */
  self->from_zoom = canvas->zoom;
  wm_canvas_widget_to_layout (canvas, width / 2.0, height / 2.0, &self->from_cx, &self->from_cy);
  self->from_stage = self->progress >= 0.5 ? self->stage : self->from_stage;

  wm_present_compute_view (get_layout (self), width, height, stage, page, &view);
  self->stage = view.stage;
  self->page = view.page;
  self->progress = 0.0;
  update_labels (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
  adw_animation_reset (self->animation);
  adw_animation_play (self->animation);
}

/* Jumps there at once: when the window gets its (full-screen) size. */
static void
settle (WmPresentWindow *self)
{
  WmPresentView view;

  if (adw_animation_get_state (self->animation) == ADW_ANIMATION_PLAYING)
    return;
  target_view (self, &view);
  self->page = view.page;
  apply_view (self, view.zoom, view.cx, view.cy);
}

static void
next (WmPresentWindow *self)
{
  WmPresentView view;

  target_view (self, &view);
  if (self->stage >= 0 && self->page + 1 < view.n_pages)
    go (self, self->stage, self->page + 1);
  else if (self->stage + 1 < (int) n_stages (get_layout (self)))
    go (self, self->stage + 1, 0);
}

static void
previous (WmPresentWindow *self)
{
  if (self->stage < 0)
    return;
  if (self->page > 0)
    go (self, self->stage, self->page - 1);
  else if (self->stage > 0)
    go (self, self->stage - 1, -1);   /* its last page: where "next" left it */
  else
    go (self, -1, 0);
}

/* Drawing over the canvas */

static void
get_spot (WmPresentWindow   *self,
          cairo_rectangle_t *spot,
          double            *alpha)
{
  WmLayout *layout = get_layout (self);
  cairo_rectangle_t a, b;
  gboolean has_a = self->from_stage >= 0 && wm_layout_get_stage_rect (layout, self->from_stage, &a);
  gboolean has_b = self->stage >= 0 && wm_layout_get_stage_rect (layout, self->stage, &b);
  double t = self->progress;

  *alpha = 0;
  if (has_a && has_b)
    {
      spot->x = a.x + (b.x - a.x) * t;
      spot->y = a.y + (b.y - a.y) * t;
      spot->width = a.width + (b.width - a.width) * t;
      spot->height = a.height + (b.height - a.height) * t;
      *alpha = DIM_ALPHA;
    }
  else if (has_b)
    {
      *spot = b;
      *alpha = DIM_ALPHA * t;
    }
  else if (has_a)
    {
      *spot = a;
      *alpha = DIM_ALPHA * (1 - t);
    }
}

static void
draw_dimming (WmPresentWindow *self,
              cairo_t         *cr,
              int              width,
              int              height)
{
  WmCanvas *canvas = WM_CANVAS (self->canvas);
  cairo_rectangle_t spot, column;
  double alpha, x0, y0, x1, y1;

  get_spot (self, &spot, &alpha);
  if (alpha <= 0)
    return;
  wm_canvas_layout_to_widget (canvas, spot.x, spot.y, &x0, &y0);
  wm_canvas_layout_to_widget (canvas, spot.x + spot.width, spot.y + spot.height, &x1, &y1);
  cairo_save (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
  /* The lane headers stay lit: they name the rows of the spotlight. */
  if (get_lane_header_column (get_layout (self), &column))
    {
      double cx0, cy0, cx1, cy1;

      wm_canvas_layout_to_widget (canvas, column.x, column.y, &cx0, &cy0);
      wm_canvas_layout_to_widget (canvas, column.x + column.width, column.y + column.height, &cx1, &cy1);
      if (cx0 < 0)
        {
          cx1 -= cx0;
          cx0 = 0;
        }
      cx1 = MIN (cx1, x0);
      if (cx1 > cx0)
        cairo_rectangle (cr, cx0, cy0, cx1 - cx0, cy1 - cy0);
    }
  cairo_set_source_rgba (cr, 0, 0, 0, alpha);
  cairo_fill (cr);
  cairo_restore (cr);
}

void
wm_present_window_draw_overlay (WmPresentWindow *self,
                                cairo_t         *cr,
                                int              width,
                                int              height)
{
  g_return_if_fail (WM_IS_PRESENT_WINDOW (self));

  if (self->blanked)
    {
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_paint (cr);
      return;
    }
  if (get_layout (self) == NULL)
    return;
  draw_dimming (self, cr, width, height);
}

static void
overlay_draw_cb (GtkDrawingArea *area,
                 cairo_t        *cr,
                 int             width,
                 int             height,
                 gpointer        data)
{
  wm_present_window_draw_overlay (WM_PRESENT_WINDOW (data), cr, width, height);
}

/* The toolbar: shown when the pointer moves, hidden again soon */

static WmPersona *
get_persona (WmPresentWindow *self)
{
  WmDocument *document = wm_history_get_document (self->history);

  if (self->persona < 0)
    return NULL;
  return wm_list_peek (wm_document_get_personas (document), self->persona);
}

static void
update_labels (WmPresentWindow *self)
{
  WmLayout *layout = get_layout (self);
  WmPersona *persona = get_persona (self);
  g_autofree char *position = NULL;

  if (self->stage < 0)
    position = g_strdup (_("Overview"));
  else
    {
      WmStage *stage = wm_list_peek (wm_document_get_stages (wm_layout_get_document (layout)), self->stage);
      g_autofree char *title = wm_ui_text (stage != NULL ? wm_stage_get_title (stage) : NULL);
      WmPresentView view;

      target_view (self, &view);
      if (view.n_pages > 1)
        /* Translators: "Stage 2 of 5 · Booking · 3/4", the last is the screen within the stage */
        position = g_strdup_printf (_("Stage %d of %u · %s · %d/%d"), self->stage + 1,
                                    n_stages (layout), title, self->page + 1, view.n_pages);
      else
        /* Translators: "Stage 2 of 5 · Booking" */
        position = g_strdup_printf (_("Stage %d of %u · %s"), self->stage + 1,
                                    n_stages (layout), title);
    }
  gtk_label_set_text (GTK_LABEL (self->position_label), position);
  g_free (self->position);
  self->position = g_steal_pointer (&position);
  wm_ui_label_set_text (GTK_LABEL (self->persona_label),
                        persona != NULL ? wm_persona_get_name (persona) : _("All Personas"));
}

static gboolean
hide_toolbar_cb (gpointer data)
{
  WmPresentWindow *self = data;

  self->toolbar_timeout_id = 0;
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), FALSE);
  return G_SOURCE_REMOVE;
}

static void
show_toolbar (WmPresentWindow *self)
{
  if (self->blanked)
    return;
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), TRUE);
  g_clear_handle_id (&self->toolbar_timeout_id, g_source_remove);
  self->toolbar_timeout_id = g_timeout_add (TOOLBAR_HIDE_MS, hide_toolbar_cb, self);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           WmPresentWindow          *self)
{
  /* A motion event also comes when the window appears under a still pointer. */
  if (fabs (x - self->pointer_x) + fabs (y - self->pointer_y) > 2)
    show_toolbar (self);
  self->pointer_x = x;
  self->pointer_y = y;
}

/* Monitors */

static GdkMonitor *
monitor_of (GtkWindow *window)
{
  GdkSurface *surface;

  if (window == NULL || (surface = gtk_native_get_surface (GTK_NATIVE (window))) == NULL)
    return NULL;
  return gdk_display_get_monitor_at_surface (gtk_widget_get_display (GTK_WIDGET (window)), surface);
}

static void
monitor_selected_cb (WmPresentWindow *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->monitor_dropdown));
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, selected);

  if (monitor != NULL)
    gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), monitor);
}

static void
monitors_changed_cb (WmPresentWindow *self)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));

  gtk_widget_set_visible (self->monitor_dropdown, g_list_model_get_n_items (monitors) > 1);
}

/* Keys and actions */

static void
set_blanked (WmPresentWindow *self,
             gboolean         blanked)
{
  if (self->blanked == blanked)
    return;
  self->blanked = blanked;
  if (blanked)
    gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), FALSE);
  gtk_widget_queue_draw (self->overlay_area);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLANKED]);
}

static void
set_high_contrast (WmPresentWindow *self,
                   gboolean         high_contrast)
{
  if (self->high_contrast == high_contrast)
    return;
  self->high_contrast = high_contrast;
  wm_canvas_set_theme_override (WM_CANVAS (self->canvas),
                                high_contrast ? WM_THEME_HIGH_CONTRAST : -1);
  gtk_widget_queue_draw (self->overlay_area);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGH_CONTRAST]);
}

/* All personas → the first → the second → … → all again. */
static void
cycle_persona (WmPresentWindow *self)
{
  WmDocument *document = wm_history_get_document (self->history);
  int n = g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_personas (document)));
  WmPersona *persona;

  self->persona = self->persona + 1 < n ? self->persona + 1 : -1;
  persona = get_persona (self);
  wm_canvas_set_persona (WM_CANVAS (self->canvas),
                         persona != NULL ? wm_item_get_id (WM_ITEM (persona)) : NULL);
  gtk_widget_queue_draw (self->overlay_area);
  update_labels (self);
  show_toolbar (self);
}

static void show_presenter_view (WmPresentWindow *self);

static void
present_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WmPresentWindow *self = WM_PRESENT_WINDOW (widget);
  const char *name = action_name + strlen ("present.");

  /* Any move brings the picture back. */
  if (!g_str_equal (name, "blank"))
    set_blanked (self, FALSE);

  if (g_str_equal (name, "next"))
    next (self);
  else if (g_str_equal (name, "previous"))
    previous (self);
  else if (g_str_equal (name, "next-stage"))
    go (self, MIN (self->stage + 1, (int) n_stages (get_layout (self)) - 1), 0);
  else if (g_str_equal (name, "previous-stage"))
    go (self, self->stage > 0 ? self->stage - 1 : -1, 0);
  else if (g_str_equal (name, "overview"))
    go (self, -1, 0);
  else if (g_str_equal (name, "last"))
    go (self, (int) n_stages (get_layout (self)) - 1, 0);
  else if (g_str_equal (name, "blank"))
    set_blanked (self, !self->blanked);
  else if (g_str_equal (name, "persona"))
    cycle_persona (self);
  else if (g_str_equal (name, "leave"))
    gtk_window_destroy (GTK_WINDOW (self));
  else if (g_str_equal (name, "presenter-view"))
    show_presenter_view (self);
  else if (g_str_equal (name, "undo") || g_str_equal (name, "redo"))
    {
      /* Half-typed text lands in the history before it is undone. */
      wm_canvas_stop_editing (WM_CANVAS (self->canvas));
      if (g_str_equal (name, "undo"))
        wm_history_undo (self->history);
      else
        wm_history_redo (self->history);
    }
}

/* The presenter's view: a normal window, to move to the laptop's screen
 * (it opens by itself when there are several monitors). */
static void
show_presenter_view (WmPresentWindow *self)
{
  if (self->presenter == NULL)
    {
      self->presenter = GTK_WIDGET (wm_presenter_window_new (self));
      g_object_add_weak_pointer (G_OBJECT (self->presenter), (gpointer *) &self->presenter);
    }
  gtk_window_present (GTK_WINDOW (self->presenter));
}

gboolean
wm_present_window_handle_key (WmPresentWindow *self,
                              guint            keyval,
                              GdkModifierType  state)
{
  static const struct { guint keyval; const char *action; } keys[] = {
    { GDK_KEY_Page_Down, "next" }, { GDK_KEY_KP_Page_Down, "next" },
    { GDK_KEY_space, "next" }, { GDK_KEY_Down, "next" }, { GDK_KEY_KP_Down, "next" },
    { GDK_KEY_Return, "next" },
    { GDK_KEY_Page_Up, "previous" }, { GDK_KEY_KP_Page_Up, "previous" },
    { GDK_KEY_Up, "previous" }, { GDK_KEY_KP_Up, "previous" }, { GDK_KEY_BackSpace, "previous" },
    /* Arrows across go a whole stage at once, past a tall stage's screens. */
    { GDK_KEY_Right, "next-stage" }, { GDK_KEY_KP_Right, "next-stage" },
    { GDK_KEY_Left, "previous-stage" }, { GDK_KEY_KP_Left, "previous-stage" },
    { GDK_KEY_Home, "overview" }, { GDK_KEY_KP_Home, "overview" },
    { GDK_KEY_End, "last" }, { GDK_KEY_KP_End, "last" },
    { GDK_KEY_b, "blank" }, { GDK_KEY_B, "blank" }, { GDK_KEY_period, "blank" },
    { GDK_KEY_KP_Decimal, "blank" },
    { GDK_KEY_h, "high-contrast" }, { GDK_KEY_H, "high-contrast" },
    { GDK_KEY_p, "persona" }, { GDK_KEY_P, "persona" },
    { GDK_KEY_Escape, "leave" },
  };

  g_return_val_if_fail (WM_IS_PRESENT_WINDOW (self), FALSE);

  /* Keys typed into Find are the query. */
  if (wm_search_bar_get_open (WM_SEARCH_BAR (self->search_bar)) &&
      (gtk_widget_get_state_flags (self->search_bar) & GTK_STATE_FLAG_FOCUS_WITHIN))
    return FALSE;
  /* While a card is being edited, keys are text. */
  if (wm_canvas_get_editing (WM_CANVAS (self->canvas)) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)))
    return FALSE;
  /* Clickers send F5 / Shift+F5 to start a slideshow: we are in one. */
  if (keyval == GDK_KEY_F5)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (keys[i].keyval == keyval)
      {
        g_autofree char *action = g_strconcat ("present.", keys[i].action, NULL);

        gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
        return TRUE;
      }
  return FALSE;
}

/* Find: the hits are highlighted on the map; a step selects the next one
 * and the spotlight goes to its stage (selection_changed_cb), to the
 * stage itself for a stage, to the overview for a persona. */
static void
find_step_cb (WmPresentWindow *self,
              gboolean         backward,
              WmSearchBar     *bar)
{
  WmCanvas *canvas = WM_CANVAS (self->canvas);
  WmSearch *search = wm_search_bar_get_search (bar);
  GObject *origin = self->find_current;
  GObject *item;
  int index;

  if (wm_canvas_get_selection (canvas) != NULL)
    origin = wm_canvas_get_selection (canvas);
  if ((index = wm_search_step (search, origin, backward)) < 0)
    return;
  item = wm_search_get_hit (search, index);
  set_blanked (self, FALSE);
  wm_canvas_set_selection (canvas, WM_IS_PERSONA (item) ? NULL : item);
  if (WM_IS_STAGE (item))
    go (self, wm_canvas_stage_index (canvas, WM_STAGE (item)), 0);
  else if (WM_IS_PERSONA (item))
    go (self, -1, 0);
  g_set_object (&self->find_current, item);
  wm_search_bar_set_current (bar, item);
}

static void
find_changed_cb (WmPresentWindow *self)
{
  gtk_widget_queue_draw (self->canvas);
}

static void
find_closed_cb (WmPresentWindow *self)
{
  g_clear_object (&self->find_current);
  wm_canvas_set_search (WM_CANVAS (self->canvas), NULL);
  gtk_widget_grab_focus (self->canvas);
}

static void
find_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WmPresentWindow *self = WM_PRESENT_WINDOW (widget);

  wm_canvas_stop_editing (WM_CANVAS (self->canvas));
  wm_search_bar_open (WM_SEARCH_BAR (self->search_bar));
  wm_canvas_set_search (WM_CANVAS (self->canvas),
                        wm_search_bar_get_search (WM_SEARCH_BAR (self->search_bar)));
}

static GtkWidget *
build_search_bar (WmPresentWindow *self)
{
  self->search_bar = wm_search_bar_new ();
  gtk_widget_set_valign (self->search_bar, GTK_ALIGN_START);
  g_signal_connect_object (self->search_bar, "step", G_CALLBACK (find_step_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_bar, "changed", G_CALLBACK (find_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_bar, "closed", G_CALLBACK (find_closed_cb), self, G_CONNECT_SWAPPED);
  return self->search_bar;
}

/* Before the canvas sees them: arrows there would move the selection. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                WmPresentWindow       *self)
{
  return wm_present_window_handle_key (self, keyval, state);
}

/* Clicking a card in a dimmed stage moves the spotlight there. */
static void
selection_changed_cb (WmPresentWindow *self)
{
  GObject *selection = wm_canvas_get_selection (WM_CANVAS (self->canvas));
  WmLayout *layout = get_layout (self);
  cairo_rectangle_t item, stage;
  double center;

  if (selection == NULL || self->stage < 0 || WM_IS_STAGE (selection) ||
      !wm_layout_get_item_rect (layout, selection, &item))
    return;
  center = item.x + item.width / 2;
  for (guint i = 0; i < n_stages (layout); i++)
    if (wm_layout_get_stage_rect (layout, i, &stage) &&
        center >= stage.x && center < stage.x + stage.width && (int) i != self->stage)
      {
        go (self, i, 0);
        return;
      }
}

static gboolean
settle_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  WmPresentWindow *self = WM_PRESENT_WINDOW (widget);

  self->settle_tick_id = 0;
  settle (self);
  return G_SOURCE_REMOVE;
}

/* Moving the canvas inside an allocation would leave it unallocated:
 * do it at the start of the next frame, before its layout. */
static void
overlay_resize_cb (WmPresentWindow *self)
{
  if (self->settle_tick_id == 0)
    self->settle_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), settle_tick_cb, NULL, NULL);
}

/* GObject */

static void
wm_present_window_dispose (GObject *object)
{
  WmPresentWindow *self = WM_PRESENT_WINDOW (object);

  g_clear_handle_id (&self->toolbar_timeout_id, g_source_remove);
  if (self->presenter != NULL)
    gtk_window_destroy (GTK_WINDOW (self->presenter));
  g_clear_weak_pointer (&self->presenter);
  g_clear_pointer (&self->position, g_free);
  if (self->settle_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->settle_tick_id);
  self->settle_tick_id = 0;
  if (self->animation != NULL)
    adw_animation_skip (self->animation);
  g_clear_object (&self->animation);
  g_clear_object (&self->settings);
  g_clear_object (&self->history);
  g_clear_object (&self->find_current);
  g_clear_weak_pointer (&self->parent);

  G_OBJECT_CLASS (wm_present_window_parent_class)->dispose (object);
}

static void
wm_present_window_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  WmPresentWindow *self = WM_PRESENT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_HIGH_CONTRAST:
      g_value_set_boolean (value, self->high_contrast);
      break;
    case PROP_BLANKED:
      g_value_set_boolean (value, self->blanked);
      break;
    case PROP_STAGE:
      g_value_set_int (value, self->stage);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_present_window_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  WmPresentWindow *self = WM_PRESENT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_HIGH_CONTRAST:
      set_high_contrast (self, g_value_get_boolean (value));
      break;
    case PROP_BLANKED:
      set_blanked (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_present_window_class_init (WmPresentWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char * const actions[] = {
    "next", "previous", "next-stage", "previous-stage", "overview", "last", "blank", "persona",
    "leave", "undo", "redo", "presenter-view",
  };

  object_class->dispose = wm_present_window_dispose;
  object_class->get_property = wm_present_window_get_property;
  object_class->set_property = wm_present_window_set_property;

  properties[PROP_HIGH_CONTRAST] =
    g_param_spec_boolean ("high-contrast", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BLANKED] =
    g_param_spec_boolean ("blanked", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STAGE] =
    g_param_spec_int ("stage", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autofree char *name = g_strconcat ("present.", actions[i], NULL);
      gtk_widget_class_install_action (widget_class, name, NULL, present_action_cb);
    }
  gtk_widget_class_install_property_action (widget_class, "present.high-contrast", "high-contrast");
  gtk_widget_class_install_action (widget_class, "present.find", NULL, find_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "present.find", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "present.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "present.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "present.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "present.redo", NULL);
}

static GtkWidget *
icon_button (const char *icon,
             const char *action,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_set_focusable (button, FALSE);
  return button;
}

/* A small bar: where we are, the persona, high contrast, the
 * monitor, and a way out for those without a keyboard. */
static GtkWidget *
build_toolbar (WmPresentWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *toggle;
  GtkWidget *button;
  GtkExpression *expression;

  gtk_widget_add_css_class (box, "osd");
  gtk_widget_add_css_class (box, "toolbar");
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (box, GTK_ALIGN_END);
  gtk_widget_set_margin_bottom (box, 12);

  gtk_box_append (GTK_BOX (box), icon_button ("go-previous-symbolic", "present.previous",
                                              _("Previous Stage (Page Up)")));
  self->position_label = gtk_label_new (NULL);
  gtk_widget_set_margin_start (self->position_label, 6);
  gtk_widget_set_margin_end (self->position_label, 6);
  gtk_box_append (GTK_BOX (box), self->position_label);
  gtk_box_append (GTK_BOX (box), icon_button ("go-next-symbolic", "present.next",
                                              _("Next Stage (Page Down)")));

  button = gtk_button_new ();
  self->persona_label = gtk_label_new (NULL);
  gtk_button_set_child (GTK_BUTTON (button), self->persona_label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "present.persona");
  gtk_widget_set_tooltip_text (button, _("Show One Persona’s Curve or All (P)"));
  gtk_widget_set_focusable (button, FALSE);
  gtk_box_append (GTK_BOX (box), button);

  toggle = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (toggle), "display-brightness-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (toggle), "present.high-contrast");
  gtk_widget_set_tooltip_text (toggle, _("High Contrast (H)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, _("High Contrast (H)"), -1);
  gtk_widget_set_focusable (toggle, FALSE);
  gtk_box_append (GTK_BOX (box), toggle);

  expression = gtk_property_expression_new (GDK_TYPE_MONITOR, NULL, "connector");
  self->monitor_dropdown =
    gtk_drop_down_new (g_object_ref (gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)))),
                       expression);
  gtk_widget_set_tooltip_text (self->monitor_dropdown, _("Monitor"));
  gtk_widget_set_focusable (self->monitor_dropdown, FALSE);
  gtk_box_append (GTK_BOX (box), self->monitor_dropdown);

  gtk_box_append (GTK_BOX (box), icon_button ("view-dual-symbolic", "present.presenter-view",
                                              _("Presenter View")));
  gtk_box_append (GTK_BOX (box), icon_button ("window-close-symbolic", "present.leave",
                                              _("Leave Present Mode (Esc)")));

  self->revealer = gtk_revealer_new ();
  gtk_revealer_set_transition_type (GTK_REVEALER (self->revealer),
                                    GTK_REVEALER_TRANSITION_TYPE_CROSSFADE);
  /* At the bottom: the stage titles are at the top. */
  gtk_widget_set_valign (self->revealer, GTK_ALIGN_END);
  gtk_widget_set_halign (self->revealer, GTK_ALIGN_CENTER);
  gtk_revealer_set_child (GTK_REVEALER (self->revealer), box);
  return self->revealer;
}

static void
wm_present_window_init (WmPresentWindow *self)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkEventController *controller;
  AdwAnimationTarget *target;

  self->stage = -1;
  self->from_stage = -1;
  self->persona = -1;
  self->progress = 1.0;

  gtk_window_set_title (GTK_WINDOW (self), _("Present"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1280, 720);
  gtk_widget_add_css_class (GTK_WIDGET (self), "wm-present");

  self->canvas = wm_canvas_new ();
  gtk_overlay_set_child (GTK_OVERLAY (overlay), self->canvas);
  g_signal_connect_object (self->canvas, "notify::selection",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  self->overlay_area = gtk_drawing_area_new ();
  gtk_widget_set_can_target (self->overlay_area, FALSE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->overlay_area), overlay_draw_cb, self, NULL);
  g_signal_connect_object (self->overlay_area, "resize",
                           G_CALLBACK (overlay_resize_cb), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->overlay_area);
  /* The spotlight follows whatever moves the map under it. */
  g_signal_connect_object (WM_CANVAS (self->canvas)->hadjustment, "value-changed",
                           G_CALLBACK (gtk_widget_queue_draw), self->overlay_area, G_CONNECT_SWAPPED);
  g_signal_connect_object (WM_CANVAS (self->canvas)->vadjustment, "value-changed",
                           G_CALLBACK (gtk_widget_queue_draw), self->overlay_area, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "notify::zoom",
                           G_CALLBACK (gtk_widget_queue_draw), self->overlay_area, G_CONNECT_SWAPPED);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), build_toolbar (self));
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), build_search_bar (self));
  adw_window_set_content (ADW_WINDOW (self), overlay);

  g_signal_connect_object (self->monitor_dropdown, "notify::selected",
                           G_CALLBACK (monitor_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self))),
                           "items-changed", G_CALLBACK (monitors_changed_cb), self, G_CONNECT_SWAPPED);
  monitors_changed_cb (self);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  target = adw_callback_animation_target_new ((AdwAnimationTargetFunc) animation_cb, self, NULL);
  self->animation = adw_timed_animation_new (GTK_WIDGET (self), 0.0, 1.0, ANIMATION_MS, target);
  adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (self->animation), ADW_EASE_OUT_CUBIC);
  g_signal_connect_swapped (self->animation, "done", G_CALLBACK (animation_done_cb), self);

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "present-high-contrast", self, "high-contrast",
                   G_SETTINGS_BIND_DEFAULT);
}

/* Public API */

WmPresentWindow *
wm_present_window_new (WmHistory *history,
                       GtkWindow *parent)
{
  WmPresentWindow *self;

  g_return_val_if_fail (WM_IS_HISTORY (history), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (WM_TYPE_PRESENT_WINDOW, NULL);
  self->history = g_object_ref (history);
  wm_canvas_set_history (WM_CANVAS (self->canvas), history);
  wm_search_bar_set_document (WM_SEARCH_BAR (self->search_bar), wm_history_get_document (history));
  g_signal_connect_object (wm_history_get_document (history), "changed",
                           G_CALLBACK (gtk_widget_queue_draw), self->overlay_area, G_CONNECT_SWAPPED);
  if (parent != NULL)
    {
      g_set_weak_pointer (&self->parent, parent);
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
      if (gtk_window_get_application (parent) != NULL)
        gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
    }
  update_labels (self);
  return self;
}

void
wm_present_window_start (WmPresentWindow *self,
                         GdkMonitor      *monitor)
{
  GListModel *monitors;

  g_return_if_fail (WM_IS_PRESENT_WINDOW (self));

  if (monitor == NULL)
    monitor = monitor_of (self->parent);
  monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  for (guint i = 0; monitor != NULL && i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) item = g_list_model_get_item (monitors, i);

      if (item == monitor)
        {
          g_signal_handlers_block_by_func (self->monitor_dropdown, monitor_selected_cb, self);
          gtk_drop_down_set_selected (GTK_DROP_DOWN (self->monitor_dropdown), i);
          g_signal_handlers_unblock_by_func (self->monitor_dropdown, monitor_selected_cb, self);
        }
    }
  if (monitor != NULL)
    {
      GdkRectangle geometry;

      /* The size to have if nothing makes the window full screen. */
      gdk_monitor_get_geometry (monitor, &geometry);
      gtk_window_set_default_size (GTK_WINDOW (self), geometry.width, geometry.height);
      gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), monitor);
    }
  else
    gtk_window_fullscreen (GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (self->canvas);
  show_toolbar (self);
  if (g_list_model_get_n_items (monitors) > 1)
    show_presenter_view (self);
}

WmCanvas *
wm_present_window_get_canvas (WmPresentWindow *self)
{
  g_return_val_if_fail (WM_IS_PRESENT_WINDOW (self), NULL);
  return WM_CANVAS (self->canvas);
}

int
wm_present_window_get_stage (WmPresentWindow *self)
{
  g_return_val_if_fail (WM_IS_PRESENT_WINDOW (self), -1);
  return self->stage;
}

int
wm_present_window_get_page (WmPresentWindow *self)
{
  g_return_val_if_fail (WM_IS_PRESENT_WINDOW (self), 0);
  return self->page;
}

gboolean
wm_present_window_get_blanked (WmPresentWindow *self)
{
  g_return_val_if_fail (WM_IS_PRESENT_WINDOW (self), FALSE);
  return self->blanked;
}

gboolean
wm_present_window_get_animating (WmPresentWindow *self)
{
  g_return_val_if_fail (WM_IS_PRESENT_WINDOW (self), FALSE);
  return adw_animation_get_state (self->animation) == ADW_ANIMATION_PLAYING;
}

const char *
wm_present_window_get_position (WmPresentWindow *self)
{
  g_return_val_if_fail (WM_IS_PRESENT_WINDOW (self), NULL);
  return self->position;
}

guint
wm_present_window_get_n_stages (WmPresentWindow *self)
{
  g_return_val_if_fail (WM_IS_PRESENT_WINDOW (self), 0);
  return get_layout (self) != NULL ? n_stages (get_layout (self)) : 0;
}

/* How many screens the spotlighted stage takes (1 for the overview). */
int
wm_present_window_get_n_pages (WmPresentWindow *self)
{
  WmPresentView view;

  g_return_val_if_fail (WM_IS_PRESENT_WINDOW (self), 1);
  if (get_layout (self) == NULL)
    return 1;
  target_view (self, &view);
  return view.n_pages;
}
