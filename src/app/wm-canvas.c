/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <math.h>
#include <string.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "wm-canvas-private.h"
#include "wm-render.h"
#include "wm-ui-text.h"

/* The canvas: scrolling, zoom and selection. Drawing is in
 * wm-canvas-draw.c; gestures, keys, edit actions and the clipboard are
 * in wm-canvas-input.c, drags in wm-canvas-drag.c, context
 * menus in wm-canvas-menu.c, the in-place editor in wm-card-editor.c. */

enum
{
  PROP_0,
  PROP_HISTORY,
  PROP_SELECTION,
  PROP_ZOOM,
  PROP_EDITING,
  PROP_SELECTED_ITEMS,
  N_PROPS,
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

enum { SELECTION_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const double zoom_steps[] = {
  0.1, 0.15, 0.25, 0.33, 0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0
};

G_DEFINE_FINAL_TYPE_WITH_CODE (WmCanvas, wm_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

/* Geometry */

static void
get_content_size (WmCanvas *self,
                  double   *width,
                  double   *height)
{
  double w = 0, h = 0;

  if (self->layout != NULL)
    wm_layout_get_size (self->layout, &w, &h);
  *width = w * self->zoom;
  *height = h * self->zoom;
}

/* Where layout (0, 0) is in widget coordinates: centered when the map is
 * smaller than the view, else scrolled. */
void
_wm_canvas_get_origin (WmCanvas *self,
                       double    view_width,
                       double    view_height,
                       double   *ox,
                       double   *oy)
{
  double cw, ch;

  get_content_size (self, &cw, &ch);
  if (cw <= view_width || self->hadjustment == NULL)
    *ox = MAX (0, (view_width - cw) / 2);
  else
    *ox = -gtk_adjustment_get_value (self->hadjustment);
  if (ch <= view_height || self->vadjustment == NULL)
    *oy = MAX (0, (view_height - ch) / 2);
  else
    *oy = -gtk_adjustment_get_value (self->vadjustment);
}

void
wm_canvas_widget_to_layout (WmCanvas *self,
                            double    wx,
                            double    wy,
                            double   *lx,
                            double   *ly)
{
  double ox, oy;

  _wm_canvas_get_origin (self, gtk_widget_get_width (GTK_WIDGET (self)),
              gtk_widget_get_height (GTK_WIDGET (self)), &ox, &oy);
  *lx = (wx - ox) / self->zoom;
  *ly = (wy - oy) / self->zoom;
}

void
wm_canvas_layout_to_widget (WmCanvas *self,
                            double    lx,
                            double    ly,
                            double   *wx,
                            double   *wy)
{
  double ox, oy;

  _wm_canvas_get_origin (self, gtk_widget_get_width (GTK_WIDGET (self)),
              gtk_widget_get_height (GTK_WIDGET (self)), &ox, &oy);
  *wx = lx * self->zoom + ox;
  *wy = ly * self->zoom + oy;
}

static void
configure_adjustment (GtkAdjustment *adjustment,
                      double         content,
                      double         view)
{
  double upper = MAX (content, view);
  double value;

  if (adjustment == NULL)
    return;
  value = CLAMP (gtk_adjustment_get_value (adjustment), 0, upper - view);
  gtk_adjustment_configure (adjustment, value, 0, upper,
                            view * 0.1, view * 0.9, view);
}

static void
configure_adjustments (WmCanvas *self)
{
  double cw, ch;

  get_content_size (self, &cw, &ch);
  configure_adjustment (self->hadjustment, cw, gtk_widget_get_width (GTK_WIDGET (self)));
  configure_adjustment (self->vadjustment, ch, gtk_widget_get_height (GTK_WIDGET (self)));
}

/* Reached by keyboard with nothing selected, the canvas has a current
 * cell at once (the first one): it is drawn, and arrows and typing start
 * from there. */
static void
ensure_cursor (WmCanvas *self)
{
  int lane, stage;

  if (self->selection != NULL || self->cursor_lane >= 0 || self->document == NULL)
    return;
  self->cursor_lane = self->cursor_stage = 0;
  if (!wm_canvas_get_current_cell (self, &lane, &stage))
    self->cursor_lane = self->cursor_stage = -1;
}

static void
wm_canvas_state_flags_changed (GtkWidget     *widget,
                               GtkStateFlags  previous)
{
  GtkStateFlags flags = gtk_widget_get_state_flags (widget);
  GtkStateFlags changed = previous ^ flags;
  GtkStateFlags keyboard = GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_FOCUS_VISIBLE;

  if ((changed & keyboard) && (flags & keyboard) == keyboard)
    ensure_cursor (WM_CANVAS (widget));
  if (changed & keyboard)
    gtk_widget_queue_draw (widget);
  GTK_WIDGET_CLASS (wm_canvas_parent_class)->state_flags_changed (widget, previous);
}

/* Size */

static void
wm_canvas_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  WmCanvas *self = WM_CANVAS (widget);
  double cw, ch;

  get_content_size (self, &cw, &ch);
  *minimum = 0;
  *natural = (int) ceil (orientation == GTK_ORIENTATION_HORIZONTAL ? cw : ch);
}

static void zoom_readable_in_allocate (WmCanvas *self,
                                       int       width);

static void
wm_canvas_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  WmCanvas *self = WM_CANVAS (widget);

  if (self->fit_pending && width > 0 && height > 0)
    {
      self->fit_pending = FALSE;
      if (self->fit_readable)
        zoom_readable_in_allocate (self, width);
      else
        wm_canvas_zoom_fit (self);
    }
  configure_adjustments (self);
  wm_card_editor_allocate (self);
  if (self->popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->popover));
}

/* Scrollable */

static void
adjustment_value_changed_cb (WmCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->editing != NULL || self->editor_pending)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
set_adjustment (WmCanvas       *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (*slot == adjustment && adjustment != NULL)
    return;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, adjustment_value_changed_cb, self);
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  g_set_object (slot, adjustment);
  g_signal_connect_swapped (adjustment, "value-changed",
                            G_CALLBACK (adjustment_value_changed_cb), self);
  configure_adjustments (self);
}

/* Document */

static gboolean
selection_is_alive (WmCanvas *self,
                    GObject  *item)
{
  cairo_rectangle_t rect;

  /* A card is in the map when the layout placed it: one lookup in the
   * layout's index, where finding it by id walked every lane (moving 500
   * selected cards spent 200 ms here). */
  if (WM_IS_CARD (item))
    return wm_layout_get_item_rect (self->layout, item, &rect);
  if (WM_IS_STAGE (item))
    return wm_document_find_stage (self->document, wm_item_get_id (WM_ITEM (item))) == (WmStage *) item;
  if (WM_IS_LANE (item))
    return wm_document_find_lane (self->document, wm_item_get_id (WM_ITEM (item))) == (WmLane *) item;
  if (WM_IS_MOMENT (item))
    return wm_document_find_moment (self->document, wm_item_get_id (WM_ITEM (item))) == (WmMoment *) item;
  return wm_layout_get_item_rect (self->layout, item, &rect);
}

/* Screen readers */

static const char *
stage_title_for (WmCanvas   *self,
                 const char *id)
{
  WmStage *stage = id != NULL ? wm_document_find_stage (self->document, id) : NULL;

  return stage != NULL ? wm_stage_get_title (stage) : "";
}

static gboolean
all_cards (WmCanvas *self)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->selected)); i++)
    if (!WM_IS_CARD (wm_list_peek (self->selected, i)))
      return FALSE;
  return TRUE;
}

/* Kind, lane, stage and text of the selection, for a screen reader:
 * each map text clipped as a label's would be (wm_ui_text()). */
static char *
describe_selection (WmCanvas *self)
{
  GObject *item = self->selection;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selected));

  if (item == NULL || self->document == NULL)
    return g_strdup (_("Nothing selected"));
  if (n > 1)
    return all_cards (self)
      ? g_strdup_printf (ngettext ("%u card selected", "%u cards selected", n), n)
      : g_strdup_printf (ngettext ("%u item selected", "%u items selected", n), n);
  if (WM_IS_CARD (item))
    {
      WmLane *lane = NULL;
      g_autofree char *lane_title = NULL;
      g_autofree char *stage = NULL;
      g_autofree char *text = wm_ui_text (wm_card_get_text (WM_CARD (item)));

      wm_document_find_card (self->document, wm_item_get_id (WM_ITEM (item)), &lane);
      lane_title = wm_ui_text (lane != NULL ? wm_lane_get_title (lane) : NULL);
      stage = wm_ui_text (stage_title_for (self, wm_card_get_stage (WM_CARD (item))));
      /* Translators: card, lane title, stage title, card text */
      return g_strdup_printf (_("Card, %s lane, stage %s: %s"), lane_title, stage, text);
    }
  if (WM_IS_STAGE (item))
    {
      g_autofree char *title = wm_ui_text (wm_stage_get_title (WM_STAGE (item)));

      return g_strdup_printf (_("Stage: %s"), title);
    }
  if (WM_IS_LANE (item))
    {
      g_autofree char *title = wm_ui_text (wm_lane_get_title (WM_LANE (item)));

      return g_strdup_printf (_("Lane: %s"), title);
    }
  if (WM_IS_CURVE_POINT (item))
    {
      g_autofree char *stage = wm_ui_text (stage_title_for (self, wm_curve_point_get_stage (WM_CURVE_POINT (item))));

      return g_strdup_printf (_("Curve value, stage %s: %.1f"), stage,
                              wm_curve_point_get_value (WM_CURVE_POINT (item)));
    }
  if (WM_IS_MOMENT (item))
    {
      g_autofree char *stage = wm_ui_text (stage_title_for (self, wm_moment_get_stage (WM_MOMENT (item))));
      g_autofree char *text = wm_ui_text (wm_moment_get_text (WM_MOMENT (item)));

      /* Translators: moment kind, stage title, moment text */
      return g_strdup_printf (_("%s, stage %s: %s"),
                              wm_moment_kind_label (wm_moment_get_kind (WM_MOMENT (item))),
                              stage, text);
    }
  return g_strdup ("");
}

/* GTK 4.8 has no announce API: the focused canvas's description changes,
 * and screen readers read it out. */
static void
update_accessible_description (WmCanvas *self)
{
  g_autofree char *description = describe_selection (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* An undo can take selected items out of the map: they leave the selection. */
static void
drop_dead_selection (WmCanvas *self)
{
  g_autoptr(GPtrArray) alive = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selected));

  for (guint i = 0; i < n; i++)
    {
      GObject *item = wm_list_peek (self->selected, i);

      if (selection_is_alive (self, item))
        g_ptr_array_add (alive, item);
    }
  if (alive->len != n)
    wm_canvas_select_items (self, alive,
                            self->selection != NULL && g_ptr_array_find (alive, self->selection, NULL)
                            ? self->selection : NULL);
}

static void
document_changed_cb (WmCanvas *self)
{
  /* Not wm_canvas_invalidate_map(): the next frame repaints only the
   * cards the edit changed (wm-canvas-draw.c: repaint_damage). */
  self->map_serial++;
  memset (&self->hover, 0, sizeof self->hover);
  drop_dead_selection (self);
  if (self->editing != NULL && !selection_is_alive (self, self->editing))
    wm_card_editor_stop (self);
  else
    wm_card_editor_sync (self);
  wm_canvas_update_actions (self);
  update_accessible_description (self);
  configure_adjustments (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
style_changed_cb (WmCanvas *self)
{
  wm_canvas_invalidate_map (self);
  if (self->layout != NULL)
    wm_layout_set_theme (self->layout, _wm_canvas_current_theme (self));
  wm_card_editor_sync (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* GObject */

static void
wm_canvas_dispose (GObject *object)
{
  WmCanvas *self = WM_CANVAS (object);

  wm_canvas_input_dispose (self);
  wm_card_editor_dispose (self);
  wm_canvas_set_history (self, NULL);
  g_clear_signal_handler (&self->dark_id, adw_style_manager_get_default ());
  g_clear_signal_handler (&self->contrast_id, adw_style_manager_get_default ());
  g_clear_object (&self->selection);
  if (self->selected != NULL)
    g_list_store_remove_all (self->selected);
  g_clear_object (&self->selected);
  g_clear_pointer (&self->selected_set, g_hash_table_unref);
  g_clear_pointer (&self->band_base, g_ptr_array_unref);
  g_clear_pointer (&self->persona, g_free);
  g_clear_pointer (&self->map_cache, cairo_surface_destroy);
  g_clear_pointer (&self->map_stamp, wm_layout_stamp_free);
  g_clear_object (&self->search);
  g_clear_object (&self->compare);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, adjustment_value_changed_cb, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, adjustment_value_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  G_OBJECT_CLASS (wm_canvas_parent_class)->dispose (object);
}

static void
wm_canvas_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  WmCanvas *self = WM_CANVAS (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_SELECTION:
      g_value_set_object (value, self->selection);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_EDITING:
      g_value_set_boolean (value, wm_canvas_get_editing (self));
      break;
    case PROP_SELECTED_ITEMS:
      g_value_set_object (value, self->selected);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_canvas_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  WmCanvas *self = WM_CANVAS (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      wm_canvas_set_history (self, g_value_get_object (value));
      break;
    case PROP_SELECTION:
      wm_canvas_set_selection (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      wm_canvas_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Zoom actions */

static void
zoom_step (WmCanvas *self,
           int       direction)
{
  double zoom = self->zoom;

  if (direction > 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (zoom_steps); i++)
        if (zoom_steps[i] > zoom + 0.001)
          {
            zoom = zoom_steps[i];
            break;
          }
    }
  else
    {
      for (guint i = G_N_ELEMENTS (zoom_steps); i > 0; i--)
        if (zoom_steps[i - 1] < zoom - 0.001)
          {
            zoom = zoom_steps[i - 1];
            break;
          }
    }
  wm_canvas_zoom_at (self, zoom,
                     gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                     gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

static void
zoom_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WmCanvas *self = WM_CANVAS (widget);

  if (g_str_equal (action_name, "canvas.zoom-in"))
    zoom_step (self, 1);
  else if (g_str_equal (action_name, "canvas.zoom-out"))
    zoom_step (self, -1);
  else if (g_str_equal (action_name, "canvas.zoom-fit"))
    wm_canvas_zoom_fit (self);
  else
    wm_canvas_zoom_at (self, 1.0,
                       gtk_widget_get_width (widget) / 2.0,
                       gtk_widget_get_height (widget) / 2.0);
}

static void
install_zoom_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "canvas.zoom-in", NULL, zoom_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-out", NULL, zoom_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-fit", NULL, zoom_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-reset", NULL, zoom_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "canvas.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "canvas.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "canvas.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1, GDK_CONTROL_MASK, "canvas.zoom-reset", NULL);
}

static void
wm_canvas_class_init (WmCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_canvas_dispose;
  object_class->get_property = wm_canvas_get_property;
  object_class->set_property = wm_canvas_set_property;

  widget_class->snapshot = _wm_canvas_snapshot;
  widget_class->measure = wm_canvas_measure;
  widget_class->size_allocate = wm_canvas_size_allocate;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, WM_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTION] =
    g_param_spec_object ("selection", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, WM_CANVAS_ZOOM_MIN, WM_CANVAS_ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EDITING] =
    g_param_spec_boolean ("editing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTED_ITEMS] =
    g_param_spec_object ("selected-items", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  install_zoom_actions (widget_class);
  wm_canvas_input_class_init (klass);

  gtk_widget_class_set_css_name (widget_class, "wmcanvas");
  widget_class->state_flags_changed = wm_canvas_state_flags_changed;
  /* Interactive, with an editor inside: a group, not an image. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
wm_canvas_init (WmCanvas *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  self->zoom = 1.0;
  self->theme_override = -1;
  self->cursor_lane = -1;
  self->cursor_stage = -1;
  self->selected = g_list_store_new (G_TYPE_OBJECT);
  self->selected_set = g_hash_table_new (NULL, NULL);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Journey map"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Nothing selected"),
                                  -1);
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);

  self->dark_id = g_signal_connect_swapped (manager, "notify::dark",
                                            G_CALLBACK (style_changed_cb), self);
  self->contrast_id = g_signal_connect_swapped (manager, "notify::high-contrast",
                                                G_CALLBACK (style_changed_cb), self);

  wm_card_editor_init (self);
  wm_canvas_input_init (self);
  wm_canvas_update_actions (self);
}

/* Public API */

GtkWidget *
wm_canvas_new (void)
{
  return g_object_new (WM_TYPE_CANVAS, NULL);
}

void
wm_canvas_set_history (WmCanvas  *self,
                       WmHistory *history)
{
  g_return_if_fail (WM_IS_CANVAS (self));
  g_return_if_fail (history == NULL || WM_IS_HISTORY (history));

  if (self->history == history)
    return;

  wm_card_editor_stop (self);
  wm_canvas_set_selection (self, NULL);
  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_id, self->document);
  g_clear_object (&self->layout);
  g_clear_object (&self->document);
  g_clear_pointer (&self->map_cache, cairo_surface_destroy);
  wm_canvas_invalidate_map (self);
  g_set_object (&self->history, history);
  self->cursor_lane = self->cursor_stage = -1;

  if (history != NULL)
    {
      self->document = g_object_ref (wm_history_get_document (history));
      self->layout = wm_layout_new (self->document, _wm_canvas_current_theme (self));
      self->changed_id = g_signal_connect_swapped (self->document, "changed",
                                                   G_CALLBACK (document_changed_cb), self);
    }

  wm_canvas_update_actions (self);
  configure_adjustments (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

WmHistory *
wm_canvas_get_history (WmCanvas *self)
{
  g_return_val_if_fail (WM_IS_CANVAS (self), NULL);
  return self->history;
}

WmDocument *
wm_canvas_get_document (WmCanvas *self)
{
  g_return_val_if_fail (WM_IS_CANVAS (self), NULL);
  return self->document;
}

WmLayout *
wm_canvas_get_layout (WmCanvas *self)
{
  g_return_val_if_fail (WM_IS_CANVAS (self), NULL);
  return self->layout;
}

GObject *
wm_canvas_get_selection (WmCanvas *self)
{
  g_return_val_if_fail (WM_IS_CANVAS (self), NULL);
  return self->selection;
}

static gboolean
same_items (WmCanvas  *self,
            GPtrArray *items)
{
  if (items->len != g_list_model_get_n_items (G_LIST_MODEL (self->selected)))
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    if (!g_hash_table_contains (self->selected_set, g_ptr_array_index (items, i)))
      return FALSE;
  return TRUE;
}

static void
set_primary (WmCanvas *self,
             GObject  *primary)
{
  if (self->editing != NULL && self->editing != primary)
    wm_card_editor_stop (self);
  if (!g_set_object (&self->selection, primary))
    return;
  if (primary != NULL)
    {
      int lane, stage;

      if (wm_canvas_get_current_cell (self, &lane, &stage))
        {
          self->cursor_lane = lane;
          self->cursor_stage = stage;
        }
      /* A rubber band keeps the view where the pointer drags it. */
      if (self->drag != WM_DRAG_BAND)
        wm_canvas_scroll_to_item (self, primary);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

void
wm_canvas_select_items (WmCanvas  *self,
                        GPtrArray *items,
                        GObject   *primary)
{
  gboolean changed;
  g_autoptr(GPtrArray) unique = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  g_return_if_fail (WM_IS_CANVAS (self));

  for (guint i = 0; items != NULL && i < items->len; i++)
    if (g_hash_table_add (seen, g_ptr_array_index (items, i)))
      g_ptr_array_add (unique, g_ptr_array_index (items, i));
  if (primary == NULL && unique->len > 0)
    primary = g_ptr_array_index (unique, unique->len - 1);

  changed = !same_items (self, unique);
  if (changed)
    {
      g_hash_table_remove_all (self->selected_set);
      for (guint i = 0; i < unique->len; i++)
        g_hash_table_add (self->selected_set, g_ptr_array_index (unique, i));
      g_list_store_splice (self->selected, 0, g_list_model_get_n_items (G_LIST_MODEL (self->selected)),
                           unique->pdata, unique->len);
    }
  set_primary (self, primary);
  wm_canvas_update_actions (self);
  update_accessible_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (changed)
    g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

void
wm_canvas_set_selection (WmCanvas *self,
                         GObject  *selection)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  g_return_if_fail (WM_IS_CANVAS (self));
  g_return_if_fail (selection == NULL || G_IS_OBJECT (selection));

  if (selection != NULL)
    g_ptr_array_add (items, selection);
  wm_canvas_select_items (self, items, selection);
}

gboolean
wm_canvas_is_selected (WmCanvas *self,
                       gpointer  item)
{
  return item != NULL && g_hash_table_contains (self->selected_set, item);
}

GPtrArray *
wm_canvas_dup_selected (WmCanvas *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selected));
  GPtrArray *items = g_ptr_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, wm_list_peek (self->selected, i));
  return items;
}

GListModel *
wm_canvas_get_selected_items (WmCanvas *self)
{
  g_return_val_if_fail (WM_IS_CANVAS (self), NULL);
  return G_LIST_MODEL (self->selected);
}

guint
wm_canvas_get_n_selected (WmCanvas *self)
{
  g_return_val_if_fail (WM_IS_CANVAS (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->selected));
}

double
wm_canvas_get_zoom (WmCanvas *self)
{
  g_return_val_if_fail (WM_IS_CANVAS (self), 1.0);
  return self->zoom;
}

void
wm_canvas_set_zoom (WmCanvas *self,
                    double    zoom)
{
  g_return_if_fail (WM_IS_CANVAS (self));
  wm_canvas_zoom_at (self, zoom,
                     gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                     gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

/* Zooms keeping the map point under (@wx, @wy) where it is. */
void
wm_canvas_zoom_at (WmCanvas *self,
                   double    zoom,
                   double    wx,
                   double    wy)
{
  double lx, ly, ox, oy;

  zoom = CLAMP (zoom, WM_CANVAS_ZOOM_MIN, WM_CANVAS_ZOOM_MAX);
  if (fabs (zoom - self->zoom) < 1e-6)
    return;

  wm_canvas_widget_to_layout (self, wx, wy, &lx, &ly);
  self->zoom = zoom;
  configure_adjustments (self);
  /* Scroll so that (lx, ly) lands at (wx, wy) again. */
  gtk_adjustment_set_value (self->hadjustment, lx * zoom - wx);
  gtk_adjustment_set_value (self->vadjustment, ly * zoom - wy);
  wm_canvas_layout_to_widget (self, lx, ly, &ox, &oy);

  wm_card_editor_sync (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

void
wm_canvas_zoom_fit (WmCanvas *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double lw = 0, lh = 0, zoom;

  g_return_if_fail (WM_IS_CANVAS (self));

  if (self->layout == NULL)
    return;
  if (width <= 0 || height <= 0)
    {
      self->fit_pending = TRUE;
      self->fit_readable = FALSE;
      gtk_widget_queue_allocate (GTK_WIDGET (self));
      return;
    }

  wm_layout_get_size (self->layout, &lw, &lh);
  if (lw <= 0 || lh <= 0)
    return;
  /* Floor to a hair under the exact fit so no scrollbar appears. */
  zoom = MIN (width / lw, height / lh) * 0.999;
  zoom = CLAMP (zoom, WM_CANVAS_ZOOM_MIN, WM_CANVAS_ZOOM_MAX);
  if (fabs (zoom - self->zoom) > 1e-6)
    {
      self->zoom = zoom;
      wm_card_editor_sync (self);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  configure_adjustments (self);
  gtk_adjustment_set_value (self->hadjustment, 0);
  gtk_adjustment_set_value (self->vadjustment, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A map opens as wide as the window when its card text stays at least
 * 9 px there; a wide map would be greeked, so it opens at 100 % instead
 * and scrolls. A narrow one stops at 150 % rather than look blown up. */
#define READABLE_TEXT_PX 9.0
#define READABLE_FIT_MAX 1.5

static double
readable_zoom (WmCanvas *self,
               int       width)
{
  double lw = 0, lh = 0, fit;

  wm_layout_get_size (self->layout, &lw, &lh);
  if (lw <= 0)
    return 1.0;
  fit = width / lw * 0.999;
  if (fit * wm_layout_get_style (self->layout)->font_size >= READABLE_TEXT_PX)
    return MIN (fit, READABLE_FIT_MAX);
  return 1.0;
}

static gboolean
resize_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  gtk_widget_queue_resize (widget);
  g_object_notify_by_pspec (G_OBJECT (widget), properties[PROP_ZOOM]);
  return G_SOURCE_REMOVE;
}

/* A resize queued while the window allocates (ours, or the zoom label's
 * on notify) leaves other widgets unallocated for the frame and GTK
 * warns: the scrollbars and the label follow at the next frame, the map
 * is drawn at the new zoom at once. */
static void
zoom_readable_in_allocate (WmCanvas *self,
                           int       width)
{
  double zoom = CLAMP (readable_zoom (self, width), WM_CANVAS_ZOOM_MIN, WM_CANVAS_ZOOM_MAX);

  self->fit_readable = FALSE;
  if (self->layout == NULL)
    return;
  if (fabs (zoom - self->zoom) > 1e-6)
    {
      self->zoom = zoom;
      gtk_widget_add_tick_callback (GTK_WIDGET (self), resize_tick_cb, NULL, NULL);
    }
  configure_adjustments (self);
  gtk_adjustment_set_value (self->hadjustment, 0);
  gtk_adjustment_set_value (self->vadjustment, 0);
}

void
wm_canvas_zoom_readable (WmCanvas *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  g_return_if_fail (WM_IS_CANVAS (self));

  if (self->layout == NULL)
    return;
  if (width <= 0)
    {
      self->fit_pending = TRUE;
      self->fit_readable = TRUE;
      gtk_widget_queue_allocate (GTK_WIDGET (self));
      return;
    }
  self->fit_readable = FALSE;
  wm_canvas_set_zoom (self, readable_zoom (self, width));
  configure_adjustments (self);
  gtk_adjustment_set_value (self->hadjustment, 0);
  gtk_adjustment_set_value (self->vadjustment, 0);
}

/* Scrolls the least needed to show @item. */
void
wm_canvas_scroll_to_item (WmCanvas *self,
                          GObject  *item)
{
  cairo_rectangle_t rect;
  double x0, y0, x1, y1;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  double left = 0, top = 0;

  if (self->layout == NULL || width <= 0 ||
      !wm_layout_get_item_rect (self->layout, item, &rect))
    return;

  /* Out from under the pinned headers; a pinned header is in view. */
  if (!self->no_pins)
    {
      cairo_rectangle_t view, pinned;

      wm_render_pinned_insets (self->layout, &left, &top);
      left = WM_IS_LANE (item) ? 0 : left * self->zoom;
      top = WM_IS_STAGE (item) ? 0 : top * self->zoom;
      _wm_canvas_view_clip (self, &view);
      if (wm_render_pinned_rect (self->layout, &view, WM_CANVAS_PINS, item, &pinned))
        rect = pinned;
    }
  wm_canvas_layout_to_widget (self, rect.x, rect.y, &x0, &y0);
  wm_canvas_layout_to_widget (self, rect.x + rect.width, rect.y + rect.height, &x1, &y1);
  if (x1 > width)
    gtk_adjustment_set_value (self->hadjustment,
                              gtk_adjustment_get_value (self->hadjustment) + MIN (x1 - width + 12, x0 - left - 12));
  else if (x0 < left)
    gtk_adjustment_set_value (self->hadjustment, gtk_adjustment_get_value (self->hadjustment) + x0 - left - 12);
  if (y1 > height)
    gtk_adjustment_set_value (self->vadjustment,
                              gtk_adjustment_get_value (self->vadjustment) + MIN (y1 - height + 12, y0 - top - 12));
  else if (y0 < top)
    gtk_adjustment_set_value (self->vadjustment, gtk_adjustment_get_value (self->vadjustment) + y0 - top - 12);
}

gboolean
wm_canvas_edit_selection (WmCanvas *self)
{
  g_return_val_if_fail (WM_IS_CANVAS (self), FALSE);

  if (self->selection == NULL)
    return FALSE;
  return wm_card_editor_start (self, self->selection);
}

void
wm_canvas_stop_editing (WmCanvas *self)
{
  g_return_if_fail (WM_IS_CANVAS (self));
  wm_card_editor_stop (self);
}

gboolean
wm_canvas_get_editing (WmCanvas *self)
{
  g_return_val_if_fail (WM_IS_CANVAS (self), FALSE);
  return self->editing != NULL || self->editor_pending;
}

void
wm_canvas_notify_editing (WmCanvas *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
}

void
wm_canvas_push (WmCanvas  *self,
                WmCommand *command)
{
  if (command == NULL || self->history == NULL)
    return;
  wm_history_push (self->history, command);
}

void
wm_canvas_set_theme_override (WmCanvas *self,
                              int       theme)
{
  g_return_if_fail (WM_IS_CANVAS (self));
  g_return_if_fail (theme >= -1 && theme <= WM_THEME_HIGH_CONTRAST);

  if (self->theme_override == theme)
    return;
  self->theme_override = theme;
  style_changed_cb (self);
}

void
wm_canvas_set_persona (WmCanvas   *self,
                       const char *persona)
{
  g_return_if_fail (WM_IS_CANVAS (self));

  if (g_strcmp0 (self->persona, persona) == 0)
    return;
  g_free (self->persona);
  self->persona = g_strdup (persona);
  wm_canvas_invalidate_map (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
wm_canvas_set_evidence_view (WmCanvas *self,
                             gboolean  evidence_view)
{
  g_return_if_fail (WM_IS_CANVAS (self));

  if (self->evidence_view == !!evidence_view)
    return;
  self->evidence_view = !!evidence_view;
  wm_canvas_invalidate_map (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
wm_canvas_get_evidence_view (WmCanvas *self)
{
  g_return_val_if_fail (WM_IS_CANVAS (self), FALSE);
  return self->evidence_view;
}

const char *
wm_canvas_get_persona (WmCanvas *self)
{
  g_return_val_if_fail (WM_IS_CANVAS (self), NULL);
  return self->persona;
}

void
wm_canvas_set_search (WmCanvas *self,
                      WmSearch *search)
{
  g_return_if_fail (WM_IS_CANVAS (self));
  g_return_if_fail (search == NULL || WM_IS_SEARCH (search));

  if (g_set_object (&self->search, search))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
wm_canvas_set_compare (WmCanvas  *self,
                       WmCompare *compare)
{
  g_return_if_fail (WM_IS_CANVAS (self));
  g_return_if_fail (compare == NULL || WM_IS_COMPARE (compare));

  if (!g_set_object (&self->compare, compare))
    return;
  wm_canvas_invalidate_map (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

WmSearch *
wm_canvas_get_search (WmCanvas *self)
{
  g_return_val_if_fail (WM_IS_CANVAS (self), NULL);
  return self->search;
}

void
wm_canvas_set_pin_headers (WmCanvas *self,
                           gboolean  pin)
{
  g_return_if_fail (WM_IS_CANVAS (self));

  if (self->no_pins == !pin)
    return;
  self->no_pins = !pin;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GtkPopover *
wm_canvas_get_menu (WmCanvas *self)
{
  g_return_val_if_fail (WM_IS_CANVAS (self), NULL);
  return GTK_POPOVER (self->popover);
}

void
wm_canvas_set_cursor_cell (WmCanvas *self,
                           int       lane,
                           int       stage)
{
  g_return_if_fail (WM_IS_CANVAS (self));

  self->cursor_lane = lane;
  self->cursor_stage = stage;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
wm_canvas_edit_new_card (WmCanvas *self,
                         int       lane,
                         int       stage)
{
  g_return_val_if_fail (WM_IS_CANVAS (self), FALSE);
  return wm_card_editor_start_new (self, lane, stage);
}
