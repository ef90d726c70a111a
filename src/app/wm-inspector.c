/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-inspector-private.h"
#include "wm-lane-kind.h"
#include "wm-ui-text.h"
#include "wm-user-edits.h"

/* The inspector: a preferences page built for the selection's type. Each
 * row is a "field" bound to one property of one model object; a change in
 * a row pushes one command, and every history change refreshes the rows
 * (guarded, so a refresh never pushes anything). The page is rebuilt only
 * when its shape changes (another selection, a persona or metric added). */

#define NATURAL_WIDTH 340

enum { PROP_0, PROP_HISTORY, PROP_SELECTION, PROP_ITEMS, N_PROPS };
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (WmInspector, wm_inspector, ADW_TYPE_BIN)

static void rebuild (WmInspector *self);

static void
refresh (WmInspector *self)
{
  gboolean was_updating = self->updating;

  self->updating = TRUE;
  self->stale = FALSE;
  for (guint i = 0; i < self->fields->len; i++)
    _wm_inspector_refresh_field (g_ptr_array_index (self->fields, i));
  self->updating = was_updating;
  if (self->stale)
    rebuild (self);
}

/* Pages */

static const char *lane_kind_label (int v) { return wm_lane_kind_label (v); }
static const char *moment_kind_label (int v) { return wm_moment_kind_label (v); }

static void
build_stage (WmInspector *self,
             WmStage     *stage)
{
  AdwPreferencesGroup *group = _wm_inspector_new_group (self, _("Stage"));
  GListModel *metrics = G_LIST_MODEL (wm_stage_get_metrics (stage));
  GtkWidget *add;
  g_autoptr(GMenu) menu = g_menu_new ();

  _wm_inspector_add_entry (self, group, stage, "title", _("Title"));
  _wm_inspector_add_text (self, group, stage, "goal", _("Goal"), FIELD_TEXT);

  group = _wm_inspector_new_group (self, _("Metrics"));
  for (int k = WM_METRIC_NPS; k <= WM_METRIC_CSAT; k++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (wm_metric_kind_label (k), NULL);

      g_menu_item_set_action_and_target (item, "inspector.add-metric", "i", k);
      g_menu_append_item (menu, item);
    }
  add = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (add), "list-add-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (add), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (add, _("Add Metric"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add Metric"), -1);
  gtk_widget_add_css_class (add, "flat");
  adw_preferences_group_set_header_suffix (group, add);

  for (guint i = 0; i < g_list_model_get_n_items (metrics); i++)
    {
      g_autoptr(WmMetric) metric = g_list_model_get_item (metrics, i);
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      GtkWidget *row;
      double min, max;

      wm_metric_kind_range (wm_metric_get_kind (metric), &min, &max);
      row = _wm_inspector_add_spin (self, group, metric, "value", wm_metric_kind_label (wm_metric_get_kind (metric)),
                                    NULL, min, max, 1);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (remove, _("Remove Metric"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove Metric"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "inspector.remove-metric");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "u", i);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
    }
  if (g_list_model_get_n_items (metrics) == 0)
    adw_preferences_group_set_description (group, _("No NPS, CES or CSAT measured for this stage yet."));
}

static void
build_lane (WmInspector *self,
            WmLane      *lane)
{
  AdwPreferencesGroup *group = _wm_inspector_new_group (self, _("Lane"));

  _wm_inspector_add_entry (self, group, lane, "title", _("Title"));
  _wm_inspector_add_combo (self, group, lane, "kind", _("Kind"), lane_kind_label, WM_LANE_NOTES + 1);
}

static void
build_point (WmInspector  *self,
             WmCurvePoint *point)
{
  AdwPreferencesGroup *group = _wm_inspector_new_group (self, _("Curve Point"));
  WmStage *stage = wm_document_find_stage (self->document, wm_curve_point_get_stage (point));

  if (stage != NULL)
    {
      /* A group's description is always markup. */
      g_autofree char *description = wm_ui_markup (wm_stage_get_title (stage));

      adw_preferences_group_set_description (group, description);
    }
  _wm_inspector_add_spin (self, group, point, "value", _("Feeling"), _("From −3 (awful) to +3 (delighted)"),
                          WM_CURVE_MIN, WM_CURVE_MAX, 0.5);
  _wm_inspector_add_spin (self, group, point, "at", _("Position in Stage"), NULL, 0, 1, 0.05);
}

static void
build_moment (WmInspector *self,
              WmMoment    *moment)
{
  AdwPreferencesGroup *group = _wm_inspector_new_group (self, _("Moment"));

  _wm_inspector_add_combo (self, group, moment, "kind", _("Kind"), moment_kind_label, WM_MOMENT_MICRO + 1);
  _wm_inspector_add_persona_combo (self, group, moment);
  _wm_inspector_add_text (self, group, moment, "text", _("Text"), FIELD_TEXT);
  _wm_inspector_add_spin (self, group, moment, "at", _("Position in Stage"), NULL, 0, 1, 0.05);
}

/* The page's shape: what the rows are bound to. */
static char *
compute_shape (WmInspector *self)
{
  GString *shape = g_string_new (NULL);
  GListModel *list = NULL;

  g_string_append_printf (shape, "%p:%p", self->document, self->selection);
  _wm_inspector_update_cards (self);
  for (guint i = 0; self->cards != NULL && i < self->cards->len; i++)
    g_string_append_printf (shape, ":%p/%" G_GUINT64_FORMAT, g_ptr_array_index (self->cards, i),
                            wm_card_get_serial (g_ptr_array_index (self->cards, i)));
  if (WM_IS_STAGE (self->selection))
    list = G_LIST_MODEL (wm_stage_get_metrics (WM_STAGE (self->selection)));
  else if ((self->selection == NULL || WM_IS_MOMENT (self->selection)) && self->document != NULL)
    list = G_LIST_MODEL (wm_document_get_personas (self->document));
  else if (WM_IS_CARD (self->selection))
    g_string_append_printf (shape, ":%p", _wm_inspector_card_lane (self, WM_CARD (self->selection)));
  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      g_string_append_printf (shape, ":%p", item);
    }
  return g_string_free (shape, FALSE);
}

static void
rebuild (WmInspector *self)
{
  g_free (self->shape);
  self->shape = compute_shape (self);
  g_ptr_array_set_size (self->fields, 0);
  g_hash_table_remove_all (self->multi);
  self->add_persona = NULL;

  self->updating = TRUE;
  self->page = adw_preferences_page_new ();
  adw_bin_set_child (ADW_BIN (self), self->page);

  if (self->document == NULL)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Map"));
      adw_bin_set_child (ADW_BIN (self), status);
      self->page = NULL;
    }
  else if (self->cards != NULL)
    _wm_inspector_build_cards (self);
  else if (WM_IS_CARD (self->selection))
    _wm_inspector_build_card (self, WM_CARD (self->selection));
  else if (WM_IS_STAGE (self->selection))
    build_stage (self, WM_STAGE (self->selection));
  else if (WM_IS_LANE (self->selection))
    build_lane (self, WM_LANE (self->selection));
  else if (WM_IS_CURVE_POINT (self->selection))
    build_point (self, WM_CURVE_POINT (self->selection));
  else if (WM_IS_MOMENT (self->selection))
    build_moment (self, WM_MOMENT (self->selection));
  else
    _wm_inspector_build_document (self);
  self->updating = FALSE;
}

static gboolean
rebuild_idle_cb (gpointer data)
{
  g_autoptr(WmInspector) self = data;

  self->rebuild_id = 0;
  if (self->fields != NULL)
    rebuild (self);
  return G_SOURCE_REMOVE;
}

void
_wm_inspector_history_changed_cb (WmInspector *self)
{
  g_autofree char *shape = compute_shape (self);

  if (g_strcmp0 (shape, self->shape) == 0)
    refresh (self);
  else if (self->updating && self->cards != NULL)
    {
      /* A value set on the multi-card page: its widget is still in its
       * own signal handler, so the page is rebuilt once that returns. */
      if (self->rebuild_id == 0)
        self->rebuild_id = g_idle_add (rebuild_idle_cb, g_object_ref (self));
    }
  else
    rebuild (self);
}

/* Actions */

void
_wm_inspector_remove_item (WmInspector *self,
                           gpointer     item)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  g_ptr_array_add (items, item);
  _wm_inspector_push (self, wm_user_edit_remove (self->document, items));
}

static void
add_metric_cb (GtkWidget  *widget,
               const char *name,
               GVariant   *parameter)
{
  WmInspector *self = WM_INSPECTOR (widget);
  WmMetricKind kind = g_variant_get_int32 (parameter);

  if (!WM_IS_STAGE (self->selection))
    return;
  _wm_inspector_push (self, wm_user_edit_add_metric (WM_STAGE (self->selection), kind));
  _wm_inspector_history_changed_cb (self);
}

static void
remove_metric_cb (GtkWidget  *widget,
                  const char *name,
                  GVariant   *parameter)
{
  WmInspector *self = WM_INSPECTOR (widget);
  g_autoptr(WmMetric) metric = NULL;

  if (!WM_IS_STAGE (self->selection))
    return;
  metric = g_list_model_get_item (G_LIST_MODEL (wm_stage_get_metrics (WM_STAGE (self->selection))),
                                  g_variant_get_uint32 (parameter));
  if (metric != NULL)
    _wm_inspector_remove_item (self, metric);
  _wm_inspector_history_changed_cb (self);
}

/* GObject */

static void
wm_inspector_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  *minimum = *natural = 0;
  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
  /* Long texts wrap: they must not widen the sidebar. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, MIN (*natural, NATURAL_WIDTH));
}

static void
wm_inspector_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
wm_inspector_dispose (GObject *object)
{
  WmInspector *self = WM_INSPECTOR (object);

  wm_inspector_set_history (self, NULL);
  g_clear_object (&self->selection);
  wm_inspector_set_items (self, NULL);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->multi, g_hash_table_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->shape, g_free);
  G_OBJECT_CLASS (wm_inspector_parent_class)->dispose (object);
}

static void
wm_inspector_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  WmInspector *self = WM_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_SELECTION:
      g_value_set_object (value, self->selection);
      break;
    case PROP_ITEMS:
      g_value_set_object (value, self->items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_inspector_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  WmInspector *self = WM_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      wm_inspector_set_history (self, g_value_get_object (value));
      break;
    case PROP_SELECTION:
      wm_inspector_set_selection (self, g_value_get_object (value));
      break;
    case PROP_ITEMS:
      wm_inspector_set_items (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_inspector_class_init (WmInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_inspector_dispose;
  object_class->get_property = wm_inspector_get_property;
  object_class->set_property = wm_inspector_set_property;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, WM_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTION] =
    g_param_spec_object ("selection", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ITEMS] =
    g_param_spec_object ("items", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->measure = wm_inspector_measure;
  widget_class->size_allocate = wm_inspector_size_allocate;

  gtk_widget_class_install_action (widget_class, "inspector.add-metric", "i", add_metric_cb);
  gtk_widget_class_install_action (widget_class, "inspector.remove-metric", "u", remove_metric_cb);
  gtk_widget_class_install_action (widget_class, "inspector.add-persona", NULL, _wm_inspector_add_persona_cb);
  gtk_widget_class_install_action (widget_class, "inspector.remove-persona", "s", _wm_inspector_remove_persona_cb);
  gtk_widget_class_set_css_name (widget_class, "wminspector");
}

static void
wm_inspector_init (WmInspector *self)
{
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) _wm_inspector_field_free);
  self->multi = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* Our own measure caps the natural width; a layout manager would bypass it. */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
  /* The page inside expands; the sidebar must not take the canvas's room. */
  gtk_widget_set_hexpand (GTK_WIDGET (self), FALSE);
  gtk_widget_set_size_request (GTK_WIDGET (self), 320, -1);
  rebuild (self);
}

/* Public API */

GtkWidget *
wm_inspector_new (void)
{
  return g_object_new (WM_TYPE_INSPECTOR, NULL);
}

void
wm_inspector_set_history (WmInspector *self,
                          WmHistory   *history)
{
  g_return_if_fail (WM_IS_INSPECTOR (self));
  g_return_if_fail (history == NULL || WM_IS_HISTORY (history));

  if (self->history == history)
    return;
  if (self->history != NULL)
    g_clear_signal_handler (&self->changed_id, self->history);
  g_set_object (&self->history, history);
  g_clear_object (&self->document);
  g_clear_object (&self->selection);
  if (history != NULL)
    {
      self->document = g_object_ref (wm_history_get_document (history));
      self->changed_id = g_signal_connect_swapped (history, "changed",
                                                   G_CALLBACK (_wm_inspector_history_changed_cb), self);
    }
  if (self->fields != NULL)
    rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

WmHistory *
wm_inspector_get_history (WmInspector *self)
{
  g_return_val_if_fail (WM_IS_INSPECTOR (self), NULL);
  return self->history;
}

GObject *
wm_inspector_get_selection (WmInspector *self)
{
  g_return_val_if_fail (WM_IS_INSPECTOR (self), NULL);
  return self->selection;
}

void
wm_inspector_set_selection (WmInspector *self,
                            GObject     *selection)
{
  g_return_if_fail (WM_IS_INSPECTOR (self));

  if (self->selection == selection)
    return;
  if (self->history != NULL)
    wm_history_break_merge (self->history);
  g_set_object (&self->selection, selection);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

GtkWidget *
wm_inspector_get_field (WmInspector *self,
                        const char  *property)
{
  g_return_val_if_fail (WM_IS_INSPECTOR (self), NULL);

  if (g_hash_table_contains (self->multi, property))
    return g_hash_table_lookup (self->multi, property);
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (g_str_equal (field->property, property) && field->kind != FIELD_TITLE)
        return field->widget;
    }
  return NULL;
}

static void
items_changed_cb (WmInspector *self)
{
  rebuild (self);
}

void
wm_inspector_set_items (WmInspector *self,
                        GListModel  *items)
{
  g_return_if_fail (WM_IS_INSPECTOR (self));

  if (self->items == items)
    return;
  if (self->items != NULL)
    g_signal_handlers_disconnect_by_func (self->items, items_changed_cb, self);
  g_set_object (&self->items, items);
  if (items != NULL)
    g_signal_connect_swapped (items, "items-changed", G_CALLBACK (items_changed_cb), self);
  if (self->fields != NULL)
    rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEMS]);
}
