/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-presenter-window.h"
#include "wm-render.h"

/* The presenter view: what the facilitator sees on the laptop. The stage
 * previews are the map itself, each stage's column drawn by wm_render
 * scaled to fit; nothing here draws the map another way. */

struct _WmPresenterWindow
{
  AdwWindow        parent_instance;

  WmPresentWindow *present;   /* weak */
  GtkWidget       *position_label;
  GtkWidget       *clock_label;
  GtkWidget       *now_area;
  GtkWidget       *next_area;
  GtkWidget       *next_label;
  gint64           started;
  guint            clock_id;
  int              now;        /* stages; -1 the overview, -2 none */
  int              now_page;
  int              next;
  int              next_page;
};

G_DEFINE_FINAL_TYPE (WmPresenterWindow, wm_presenter_window, ADW_TYPE_WINDOW)

static WmLayout *
get_layout (WmPresenterWindow *self)
{
  if (self->present == NULL)
    return NULL;
  return wm_canvas_get_layout (wm_present_window_get_canvas (self->present));
}

/* What the room sees (or will see next) at @stage and @page: the present
 * window's view of the map, scaled to fit @width × @height. */
static void
draw_stage_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        data)
{
  WmPresenterWindow *self = data;
  gboolean now = GTK_WIDGET (area) == self->now_area;
  int stage = now ? self->now : self->next;
  int page = now ? self->now_page : self->next_page;
  WmLayout *layout = get_layout (self);
  WmRenderOptions options = WM_RENDER_OPTIONS_INIT;
  GtkWidget *canvas;
  int screen_w, screen_h;
  WmPresentView view;
  double scale;

  if (layout == NULL || stage < -1)
    return;
  canvas = GTK_WIDGET (wm_present_window_get_canvas (self->present));
  screen_w = gtk_widget_get_width (canvas) > 0 ? gtk_widget_get_width (canvas) : 1920;
  screen_h = gtk_widget_get_height (canvas) > 0 ? gtk_widget_get_height (canvas) : 1080;
  wm_present_compute_view (layout, screen_w, screen_h, stage, page, &view);

  scale = MIN ((double) width / screen_w, (double) height / screen_h);
  cairo_translate (cr, (width - screen_w * scale) / 2, (height - screen_h * scale) / 2);
  cairo_rectangle (cr, 0, 0, screen_w * scale, screen_h * scale);
  cairo_clip (cr);
  cairo_scale (cr, scale * view.zoom, scale * view.zoom);
  cairo_translate (cr, -(view.cx - screen_w / 2.0 / view.zoom), -(view.cy - screen_h / 2.0 / view.zoom));
  options.scale = scale * view.zoom * gtk_widget_get_scale_factor (GTK_WIDGET (area));
  options.persona = wm_canvas_get_persona (wm_present_window_get_canvas (self->present));
  wm_render (layout, cr, &options);
}

static void
update_clock (WmPresenterWindow *self)
{
  gint64 seconds = (g_get_monotonic_time () - self->started) / G_USEC_PER_SEC;
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", seconds / 3600,
                                           (int) (seconds / 60 % 60), (int) (seconds % 60));

  gtk_label_set_text (GTK_LABEL (self->clock_label), text);
}

static gboolean
clock_cb (gpointer data)
{
  update_clock (data);
  return G_SOURCE_CONTINUE;
}

static void
stage_changed_cb (WmPresenterWindow *self)
{
  guint n;

  if (self->present == NULL)
    return;
  n = wm_present_window_get_n_stages (self->present);
  self->now = wm_present_window_get_stage (self->present);
  self->now_page = wm_present_window_get_page (self->present);
  self->next = self->now;
  self->next_page = self->now_page + 1;
  /* The next screen of this stage, or the next stage. */
  if (self->now < 0 || self->next_page >= wm_present_window_get_n_pages (self->present))
    {
      self->next = self->now + 1 < (int) n ? self->now + 1 : -2;
      self->next_page = 0;
    }
  gtk_label_set_text (GTK_LABEL (self->position_label),
                      wm_present_window_get_position (self->present));
  gtk_label_set_text (GTK_LABEL (self->next_label),
                      self->next == -2 ? _("The End") : _("Next"));
  gtk_widget_queue_draw (self->now_area);
  gtk_widget_queue_draw (self->next_area);
}

/* Its keys drive the present window, as a clicker would. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                WmPresenterWindow     *self)
{
  if (self->present == NULL)
    return FALSE;
  if (keyval == GDK_KEY_Escape)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return TRUE;
    }
  return wm_present_window_handle_key (self->present, keyval, state);
}

static void
button_clicked_cb (GtkButton         *button,
                   WmPresenterWindow *self)
{
  if (self->present != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->present),
                                g_object_get_data (G_OBJECT (button), "action"), NULL);
}

static GtkWidget *
action_button (WmPresenterWindow *self,
               const char        *icon,
               const char        *action,
               const char        *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  g_object_set_data (G_OBJECT (button), "action", (gpointer) action);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_set_focusable (button, FALSE);
  g_signal_connect (button, "clicked", G_CALLBACK (button_clicked_cb), self);
  return button;
}

static GtkWidget *
stage_preview (WmPresenterWindow  *self,
               GtkWidget         **area,
               GtkWidget          *label,
               int                 width)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *frame = gtk_frame_new (NULL);

  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_halign (label, GTK_ALIGN_START);
  *area = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (*area), width);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (*area), width * 9 / 16);
  gtk_widget_set_hexpand (*area, TRUE);
  gtk_widget_set_vexpand (*area, TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (*area), draw_stage_cb, self, NULL);
  gtk_frame_set_child (GTK_FRAME (frame), *area);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), frame);
  return box;
}

static void
wm_presenter_window_dispose (GObject *object)
{
  WmPresenterWindow *self = WM_PRESENTER_WINDOW (object);

  g_clear_handle_id (&self->clock_id, g_source_remove);
  g_clear_weak_pointer (&self->present);

  G_OBJECT_CLASS (wm_presenter_window_parent_class)->dispose (object);
}

static void
wm_presenter_window_class_init (WmPresenterWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = wm_presenter_window_dispose;
}

static void
wm_presenter_window_init (WmPresenterWindow *self)
{
  GtkWidget *toolbar_view = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkEventController *controller;

  gtk_window_set_title (GTK_WINDOW (self), _("Presenter View"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1000, 640);

  self->clock_label = gtk_label_new ("0:00:00");
  gtk_widget_add_css_class (self->clock_label, "title-1");
  gtk_widget_add_css_class (self->clock_label, "numeric");
  gtk_widget_set_tooltip_text (self->clock_label, _("Time Since the Start"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->clock_label);

  gtk_widget_add_css_class (buttons, "linked");
  gtk_box_append (GTK_BOX (buttons), action_button (self, "go-previous-symbolic", "present.previous",
                                                    _("Previous Stage (Page Up)")));
  gtk_box_append (GTK_BOX (buttons), action_button (self, "go-next-symbolic", "present.next",
                                                    _("Next Stage (Page Down)")));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), buttons);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header),
                           action_button (self, "display-brightness-symbolic", "present.blank",
                                          _("Blank the Screen (B)")));

  self->position_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->position_label, "title-2");
  gtk_label_set_ellipsize (GTK_LABEL (self->position_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_halign (self->position_label, GTK_ALIGN_START);

  self->next_label = gtk_label_new (_("Next"));
  gtk_box_append (GTK_BOX (row), stage_preview (self, &self->now_area, gtk_label_new (_("Now")), 560));
  gtk_box_append (GTK_BOX (row), stage_preview (self, &self->next_area, self->next_label, 360));

  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_box_append (GTK_BOX (content), self->position_label);
  gtk_box_append (GTK_BOX (content), row);

  gtk_box_append (GTK_BOX (toolbar_view), header);
  gtk_box_append (GTK_BOX (toolbar_view), content);
  adw_window_set_content (ADW_WINDOW (self), toolbar_view);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  self->started = g_get_monotonic_time ();
  self->clock_id = g_timeout_add_seconds (1, clock_cb, self);
}

WmPresenterWindow *
wm_presenter_window_new (WmPresentWindow *present)
{
  WmPresenterWindow *self;

  g_return_val_if_fail (WM_IS_PRESENT_WINDOW (present), NULL);

  self = g_object_new (WM_TYPE_PRESENTER_WINDOW, NULL);
  g_set_weak_pointer (&self->present, present);
  if (gtk_window_get_application (GTK_WINDOW (present)) != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (GTK_WINDOW (present)));
  g_signal_connect_object (present, "notify::stage", G_CALLBACK (stage_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (wm_canvas_get_document (wm_present_window_get_canvas (present)), "changed",
                           G_CALLBACK (stage_changed_cb), self, G_CONNECT_SWAPPED);
  stage_changed_cb (self);
  return self;
}

const char *
wm_presenter_window_get_position (WmPresenterWindow *self)
{
  g_return_val_if_fail (WM_IS_PRESENTER_WINDOW (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->position_label));
}

void
wm_presenter_window_get_stages (WmPresenterWindow *self,
                                int               *now,
                                int               *next)
{
  g_return_if_fail (WM_IS_PRESENTER_WINDOW (self));
  *now = self->now;
  *next = self->next >= 0 ? self->next : -1;
}
