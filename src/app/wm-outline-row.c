/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-outline-row.h"
#include "wm-enums.h"
#include "wm-field-undo.h"
#include "wm-lane-kind.h"
#include "wm-ui-text.h"
#include "wm-user-edits.h"

struct _WmOutlineRow
{
  GtkWidget       parent_instance;

  /* Template children */
  GtkWidget      *expander;
  GtkWidget      *kind;
  GtkWidget      *title;
  GtkWidget      *text;
  GtkWidget      *entry;
  GtkWidget      *spin;
  GtkWidget      *details;
  GtkWidget      *context;

  /* While bound: */
  GtkTreeListRow *list_row;
  GObject        *item;
  WmHistory      *history;
  GPtrArray      *bindings;
  const char     *property;   /* what the entry edits (static), or NULL */
  gboolean        has_value;  /* the spin button edits the item's value */
  GtkWidget      *editor;     /* what Enter starts: entry, spin or NULL */

  gboolean        binding;    /* the spin button is set from the model */
  gboolean        editing;
};

enum { PROP_0, PROP_EDITING, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { MENU, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WmOutlineRow, wm_outline_row, GTK_TYPE_WIDGET)

/* Notifies even when unchanged: the outline mirrors the last row that
 * started or ended an edit. */
static void
set_editing (WmOutlineRow *self,
             gboolean      editing)
{
  self->editing = editing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
}

static void
push (WmOutlineRow *self,
      WmCommand    *command)
{
  if (self->history == NULL || command == NULL)
    {
      g_clear_object (&command);
      return;
    }
  wm_history_push (self->history, command);
}

static WmDocument *
document (WmOutlineRow *self)
{
  return self->history != NULL ? wm_history_get_document (self->history) : NULL;
}

/* Back to the rows: the keys walk the list again. */
static void
focus_list (WmOutlineRow *self)
{
  GtkWidget *list = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_LIST_VIEW);

  if (list != NULL)
    gtk_widget_grab_focus (list);
}

static void
set_text (WmOutlineRow *self,
          const char   *text)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_auto(GValue) value = G_VALUE_INIT;

  if (document (self) == NULL)
    return;
  g_ptr_array_add (items, self->item);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  push (self, wm_user_edit_set (document (self), items, self->property, &value));
}

void
wm_outline_row_finish_editing (WmOutlineRow *self,
                               gboolean      commit)
{
  gboolean had_focus;

  g_return_if_fail (WM_IS_OUTLINE_ROW (self));

  had_focus = gtk_widget_has_focus (self->entry) || gtk_widget_get_focus_child (self->entry) != NULL;
  if (!gtk_widget_get_visible (self->entry))
    return;
  set_editing (self, FALSE);
  gtk_widget_set_visible (self->entry, FALSE);
  gtk_widget_set_visible (self->text, TRUE);
  if (commit && self->item != NULL && self->property != NULL)
    {
      g_autofree char *old = NULL;
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));

      g_object_get (self->item, self->property, &old, NULL);
      /* One undo step per edit, and none when nothing changed. */
      if (g_strcmp0 (old, text) != 0)
        set_text (self, text);
    }
  if (had_focus)
    focus_list (self);
}

static void
entry_activate_cb (GtkEntry     *entry,
                   WmOutlineRow *self)
{
  wm_outline_row_finish_editing (self, TRUE);
}

static void
entry_leave_cb (GtkEventControllerFocus *focus,
                WmOutlineRow            *self)
{
  wm_outline_row_finish_editing (self, TRUE);
}

static gboolean
entry_key_cb (GtkEventControllerKey *keys,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              WmOutlineRow          *self)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  wm_outline_row_finish_editing (self, FALSE);
  return TRUE;
}

static void
start_text (WmOutlineRow *self)
{
  g_autofree char *text = NULL;

  /* The label shows the text clipped; the entry edits it whole, unless
   * it is too long for an entry to stay responsive. */
  if (self->item == NULL || self->property == NULL)
    return;
  g_object_get (self->item, self->property, &text, NULL);
  if (!wm_ui_text_editable (text))
    {
      gtk_widget_error_bell (self->entry);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
  gtk_widget_set_visible (self->text, FALSE);
  gtk_widget_set_visible (self->entry, TRUE);
  set_editing (self, TRUE);
  gtk_widget_grab_focus (self->entry);
}

static void
spin_value_cb (GtkSpinButton *spin,
               WmOutlineRow  *self)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (!self->has_value || self->binding || document (self) == NULL)
    return;
  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, gtk_spin_button_get_value (spin));
  /* Steps of one spin session merge into one undo step. */
  push (self, wm_user_edit_type (document (self), self->item, "value", &value, "outline-value"));
}

static void
spin_leave_cb (GtkEventControllerFocus *focus,
               WmOutlineRow            *self)
{
  gtk_widget_set_can_focus (self->spin, FALSE);
  set_editing (self, FALSE);
  if (self->history != NULL)
    wm_history_break_merge (self->history);
}

/* Enter or Escape in a spin button: take the value, back to the rows. */
static gboolean
spin_key_cb (GtkEventControllerKey *keys,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             WmOutlineRow          *self)
{
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_Escape)
    return FALSE;
  gtk_spin_button_update (GTK_SPIN_BUTTON (self->spin));
  focus_list (self);
  return TRUE;
}

/* A right click: the outline selects the row and opens its menu. */
static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            WmOutlineRow    *self)
{
  graphene_point_t point;

  if (self->list_row == NULL)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (!gtk_widget_compute_point (self->expander, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    point = GRAPHENE_POINT_INIT (x, y);
  g_signal_emit (self, signals[MENU], 0, (double) point.x, (double) point.y);
}

/* "Core touchpoint · Key touchpoint · Severity 3": what the canvas shows
 * as badges. */
static char *
card_details (WmCard *card)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint severity = wm_card_get_severity (card);
  guint span = wm_card_get_span (card);

  if (wm_card_get_touchpoint (card) != WM_TOUCHPOINT_NONE)
    g_ptr_array_add (parts, g_strdup (wm_touchpoint_label (wm_card_get_touchpoint (card))));
  if (wm_card_get_key (card))
    g_ptr_array_add (parts, g_strdup (_("Key touchpoint")));
  if (severity > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("Severity %u"), severity));
  if (span > 1)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("Spans %u stage", "Spans %u stages", span), span));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
set_label (GtkWidget  *label,
           const char *text)
{
  wm_ui_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_visible (label, text != NULL && text[0] != '\0');
}

static const char *
stage_title (WmOutlineRow *self,
             const char   *stage_id)
{
  WmStage *stage;

  if (document (self) == NULL || stage_id == NULL)
    return "";
  stage = wm_document_find_stage (document (self), stage_id);
  return stage != NULL ? wm_stage_get_title (stage) : "";
}

void
wm_outline_row_refresh (WmOutlineRow *self)
{
  GObject *item;

  g_return_if_fail (WM_IS_OUTLINE_ROW (self));

  item = self->item;
  if (WM_IS_CARD (item))
    {
      g_autofree char *details = card_details (WM_CARD (item));

      set_label (self->details, details);
      set_label (self->context, stage_title (self, wm_card_get_stage (WM_CARD (item))));
    }
  else if (WM_IS_MOMENT (item))
    set_label (self->context, stage_title (self, wm_moment_get_stage (WM_MOMENT (item))));
  else if (WM_IS_CURVE_POINT (item))
    {
      g_autofree char *stage = wm_ui_text (stage_title (self, wm_curve_point_get_stage (WM_CURVE_POINT (item))));

      set_label (self->kind, stage);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->spin),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, stage,
                                      -1);
    }
  else if (WM_IS_LANE (item))
    {
      const char *kind = wm_lane_kind_label (wm_lane_get_kind (WM_LANE (item)));

      /* Most lanes are named after their kind: say it once. */
      set_label (self->kind, g_strcmp0 (kind, wm_lane_get_title (WM_LANE (item))) != 0 ? kind : "");
    }
}

static gboolean
clip_text_cb (GBinding     *binding,
              const GValue *from,
              GValue       *to,
              gpointer      data)
{
  g_value_take_string (to, wm_ui_text (g_value_get_string (from)));
  return TRUE;
}

static void
bind_text (WmOutlineRow *self,
           const char   *property)
{
  self->property = property;
  g_ptr_array_add (self->bindings,
                   g_object_ref (g_object_bind_property_full (self->item, property, self->text, "label",
                                                              G_BINDING_SYNC_CREATE,
                                                              clip_text_cb, NULL, NULL, NULL)));
  gtk_widget_set_visible (self->text, TRUE);
  self->editor = self->entry;
}

static void
bind_value (WmOutlineRow *self,
            double        lower,
            double        upper)
{
  self->binding = TRUE;
  self->has_value = TRUE;
  gtk_spin_button_set_range (GTK_SPIN_BUTTON (self->spin), lower, upper);
  g_ptr_array_add (self->bindings,
                   g_object_ref (g_object_bind_property (self->item, "value", self->spin, "value",
                                                         G_BINDING_SYNC_CREATE)));
  self->binding = FALSE;
  gtk_widget_set_visible (self->spin, TRUE);
  self->editor = self->spin;
}

/* Everything hidden, for a new item. */
static void
reset (WmOutlineRow   *self,
       GtkTreeListRow *list_row)
{
  self->bindings = g_ptr_array_new_with_free_func (g_object_unref);
  g_set_object (&self->list_row, list_row);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (self->expander), list_row);
  set_label (self->kind, NULL);
  set_label (self->details, NULL);
  set_label (self->context, NULL);
  gtk_widget_set_visible (self->title, FALSE);
  gtk_widget_set_visible (self->text, FALSE);
  gtk_widget_set_visible (self->entry, FALSE);
  gtk_widget_set_visible (self->spin, FALSE);
  gtk_widget_remove_css_class (self->text, "dim-label");
}

void
wm_outline_row_bind_section (WmOutlineRow   *self,
                             GtkTreeListRow *list_row,
                             const char     *title)
{
  g_return_if_fail (WM_IS_OUTLINE_ROW (self));

  reset (self, list_row);
  gtk_label_set_label (GTK_LABEL (self->title), title);
  gtk_widget_set_visible (self->title, TRUE);
}

static void
bind_item (WmOutlineRow *self,
           GObject      *item,
           gboolean      is_slot)
{
  if (WM_IS_STAGE (item))
    {
      set_label (self->kind, _("Stage"));
      bind_text (self, "title");
    }
  else if (WM_IS_METRIC (item))
    {
      WmMetricKind kind = wm_metric_get_kind (WM_METRIC (item));
      double min, max;

      wm_metric_kind_range (kind, &min, &max);
      set_label (self->kind, wm_metric_kind_label (kind));
      bind_value (self, min, max);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->spin),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, wm_metric_kind_label (kind),
                                      -1);
    }
  else if (WM_IS_LANE (item))
    bind_text (self, "title");
  else if (WM_IS_CARD (item))
    {
      set_label (self->kind, _("Card"));
      bind_text (self, "text");
    }
  else if (WM_IS_PERSONA (item))
    {
      set_label (self->kind, _("Persona"));
      bind_text (self, "name");
    }
  else if (is_slot)
    {
      /* Enter sets a value here (the outline fills the slot). */
      gtk_label_set_label (GTK_LABEL (self->text), _("No value"));
      gtk_widget_add_css_class (self->text, "dim-label");
      gtk_widget_set_visible (self->text, TRUE);
    }
  else if (WM_IS_CURVE_POINT (item))
    bind_value (self, WM_CURVE_MIN, WM_CURVE_MAX);
  else if (WM_IS_MOMENT (item))
    {
      set_label (self->kind, wm_moment_kind_label (wm_moment_get_kind (WM_MOMENT (item))));
      bind_text (self, "text");
    }
}

void
wm_outline_row_bind (WmOutlineRow   *self,
                     GtkTreeListRow *list_row,
                     GObject        *item,
                     WmHistory      *history,
                     gboolean        is_slot)
{
  g_return_if_fail (WM_IS_OUTLINE_ROW (self));
  g_return_if_fail (G_IS_OBJECT (item));

  reset (self, list_row);
  g_set_object (&self->item, item);
  g_set_object (&self->history, history);
  bind_item (self, item, is_slot);
  wm_outline_row_refresh (self);

  if (self->editor == self->entry)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    gtk_label_get_label (GTK_LABEL (self->kind)),
                                    -1);
}

void
wm_outline_row_unbind (WmOutlineRow *self)
{
  g_return_if_fail (WM_IS_OUTLINE_ROW (self));

  /* A row scrolled away or removed drops its unfinished edit. */
  wm_outline_row_finish_editing (self, FALSE);
  if (gtk_widget_get_can_focus (self->spin))
    {
      gtk_widget_set_can_focus (self->spin, FALSE);
      set_editing (self, FALSE);
    }
  self->property = NULL;
  self->has_value = FALSE;
  self->editor = NULL;
  for (guint i = 0; self->bindings != NULL && i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  g_clear_pointer (&self->bindings, g_ptr_array_unref);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (self->expander), NULL);
  g_clear_object (&self->list_row);
  g_clear_object (&self->item);
  g_clear_object (&self->history);
}

GtkTreeListRow *
wm_outline_row_get_list_row (WmOutlineRow *self)
{
  g_return_val_if_fail (WM_IS_OUTLINE_ROW (self), NULL);
  return self->list_row;
}

GtkWidget *
wm_outline_row_get_editor (WmOutlineRow *self)
{
  g_return_val_if_fail (WM_IS_OUTLINE_ROW (self), NULL);
  return self->editor;
}

void
wm_outline_row_start_editing (WmOutlineRow *self)
{
  g_return_if_fail (WM_IS_OUTLINE_ROW (self));

  if (self->editor == self->entry)
    start_text (self);
  else if (self->editor == self->spin)
    {
      gtk_widget_set_can_focus (self->spin, TRUE);
      set_editing (self, TRUE);
      gtk_widget_grab_focus (self->spin);
    }
}

gboolean
wm_outline_row_get_editing (WmOutlineRow *self)
{
  g_return_val_if_fail (WM_IS_OUTLINE_ROW (self), FALSE);
  return self->editing;
}

char *
wm_outline_row_dup_text (WmOutlineRow *self)
{
  GtkWidget *labels[] = { self->kind, self->title, self->text, self->details, self->context };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (gtk_widget_get_visible (labels[i]))
      g_string_append_printf (text, "%s%s", text->len > 0 ? " | " : "",
                              gtk_label_get_label (GTK_LABEL (labels[i])));
  return g_string_free (text, FALSE);
}

static void
wm_outline_row_dispose (GObject *object)
{
  WmOutlineRow *self = WM_OUTLINE_ROW (object);

  g_clear_pointer (&self->bindings, g_ptr_array_unref);
  g_clear_object (&self->list_row);
  g_clear_object (&self->item);
  g_clear_object (&self->history);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_OUTLINE_ROW);
  G_OBJECT_CLASS (wm_outline_row_parent_class)->dispose (object);
}

static void
wm_outline_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  WmOutlineRow *self = WM_OUTLINE_ROW (object);

  switch (prop_id)
    {
    case PROP_EDITING:
      g_value_set_boolean (value, self->editing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_outline_row_class_init (WmOutlineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_outline_row_dispose;
  object_class->get_property = wm_outline_row_get_property;

  properties[PROP_EDITING] =
    g_param_spec_boolean ("editing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[MENU] = g_signal_new ("menu", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL,
                                G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/waymark/Waymark/wm-outline-row.ui");
  gtk_widget_class_bind_template_child (widget_class, WmOutlineRow, expander);
  gtk_widget_class_bind_template_child (widget_class, WmOutlineRow, kind);
  gtk_widget_class_bind_template_child (widget_class, WmOutlineRow, title);
  gtk_widget_class_bind_template_child (widget_class, WmOutlineRow, text);
  gtk_widget_class_bind_template_child (widget_class, WmOutlineRow, entry);
  gtk_widget_class_bind_template_child (widget_class, WmOutlineRow, spin);
  gtk_widget_class_bind_template_child (widget_class, WmOutlineRow, details);
  gtk_widget_class_bind_template_child (widget_class, WmOutlineRow, context);
  gtk_widget_class_bind_template_callback (widget_class, pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_leave_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_key_cb);
  gtk_widget_class_bind_template_callback (widget_class, spin_value_cb);
  gtk_widget_class_bind_template_callback (widget_class, spin_leave_cb);
  gtk_widget_class_bind_template_callback (widget_class, spin_key_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wmoutlinerow");
}

static void
wm_outline_row_init (WmOutlineRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  wm_field_undo_to_document (self->entry);
}

GtkWidget *
wm_outline_row_new (void)
{
  return g_object_new (WM_TYPE_OUTLINE_ROW, NULL);
}
