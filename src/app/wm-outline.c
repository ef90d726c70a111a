#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-outline.h"
#include "wm-edits.h"
#include "wm-enums.h"

/* The outline: a GtkListView over a GtkTreeListModel whose root is four
 * section keys (GtkStringObject) and whose children are the document's own
 * list stores, so the tree follows every edit, undo and redo by itself. */

struct _WmOutline
{
  GtkWidget           parent_instance;

  GtkWidget          *scroller;
  GtkListView        *list_view;
  GtkSingleSelection *selection_model;
  GtkTreeListModel   *tree;

  WmHistory          *history;
  WmDocument         *document;
  GObject            *selection;
  /* Set while we move the list's selection ourselves. */
  gboolean            syncing;
};

G_DEFINE_FINAL_TYPE (WmOutline, wm_outline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_SELECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define SECTION_STAGES  "stages"
#define SECTION_LANES   "lanes"
#define SECTION_CURVES  "curves"
#define SECTION_MOMENTS "moments"

static const char *
section_label (const char *key)
{
  if (g_str_equal (key, SECTION_STAGES))
    return _("Stages");
  if (g_str_equal (key, SECTION_LANES))
    return _("Lanes");
  if (g_str_equal (key, SECTION_CURVES))
    return _("Curves");
  return _("Moments");
}

static void
push (WmOutline *self,
      WmCommand *command)
{
  if (self->history == NULL || command == NULL)
    {
      g_clear_object (&command);
      return;
    }
  wm_history_push (self->history, command);
}

static const char *
stage_title (WmOutline  *self,
             const char *stage_id)
{
  WmStage *stage;

  if (self->document == NULL || stage_id == NULL)
    return "";
  stage = wm_document_find_stage (self->document, stage_id);
  return stage != NULL ? wm_stage_get_title (stage) : "";
}

/* The tree */

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  WmOutline *self = user_data;
  GListModel *children = NULL;

  if (self->document == NULL)
    return NULL;

  if (GTK_IS_STRING_OBJECT (item))
    {
      const char *key = gtk_string_object_get_string (item);

      if (g_str_equal (key, SECTION_STAGES))
        children = G_LIST_MODEL (wm_document_get_stages (self->document));
      else if (g_str_equal (key, SECTION_LANES))
        children = G_LIST_MODEL (wm_document_get_lanes (self->document));
      else if (g_str_equal (key, SECTION_CURVES))
        children = G_LIST_MODEL (wm_document_get_personas (self->document));
      else
        children = G_LIST_MODEL (wm_document_get_moments (self->document));
    }
  else if (WM_IS_STAGE (item))
    children = G_LIST_MODEL (wm_stage_get_metrics (item));
  else if (WM_IS_LANE (item))
    children = G_LIST_MODEL (wm_lane_get_cards (item));
  else if (WM_IS_PERSONA (item))
    {
      WmCurve *curve = wm_document_find_curve (self->document, wm_item_get_id (item));

      if (curve != NULL)
        children = G_LIST_MODEL (wm_curve_get_points (curve));
    }

  return children != NULL ? g_object_ref (children) : NULL;
}

static GtkTreeListRow *
row_at (WmOutline *self,
        guint      position)
{
  return g_list_model_get_item (G_LIST_MODEL (self->tree), position);
}

static gpointer
row_item (GtkTreeListRow *row)
{
  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
}

/* The item of the row's parent (a stage for a metric, a lane for a card). */
static gpointer
parent_item (GtkTreeListRow *row)
{
  g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);

  return parent != NULL ? gtk_tree_list_row_get_item (parent) : NULL;
}

static guint
find_position (WmOutline *self,
               gpointer   item)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = row_at (self, i);
      g_autoptr(GObject) it = row_item (row);

      if (it == item)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* Rows */

typedef struct
{
  GtkWidget *expander;
  GtkWidget *kind;
  GtkWidget *title;
  GtkWidget *text;
  GtkWidget *entry;
  GtkWidget *spin;
  GtkWidget *context;
  GPtrArray *bindings;
} RowWidgets;

static void
row_widgets_free (gpointer data)
{
  RowWidgets *w = data;

  g_clear_pointer (&w->bindings, g_ptr_array_unref);
  g_free (w);
}

/* Text is edited in an entry shown in the label's place: Enter or leaving
 * it commits (one command), Escape cancels. */
static void
finish_editing (WmOutline *self,
                GtkWidget *entry,
                gboolean   commit)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (entry), "wm-label");
  GObject *item = g_object_get_data (G_OBJECT (entry), "wm-item");
  const char *property = g_object_get_data (G_OBJECT (entry), "wm-property");
  gboolean had_focus = gtk_widget_has_focus (entry) ||
                       gtk_widget_get_focus_child (entry) != NULL;

  if (!gtk_widget_get_visible (entry))
    return;
  gtk_widget_set_visible (entry, FALSE);
  gtk_widget_set_visible (label, TRUE);
  if (commit && item != NULL && property != NULL)
    {
      g_autofree char *old = NULL;
      const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

      g_object_get (item, property, &old, NULL);
      /* One undo step per edit, and none when nothing changed. */
      if (g_strcmp0 (old, text) != 0)
        push (self, wm_edit_set (item, property, text));
    }
  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
entry_activate_cb (GtkEntry  *entry,
                   WmOutline *self)
{
  finish_editing (self, GTK_WIDGET (entry), TRUE);
}

static void
entry_leave_cb (GtkEventControllerFocus *focus,
                WmOutline               *self)
{
  finish_editing (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus)), TRUE);
}

static gboolean
entry_key_cb (GtkEventControllerKey *keys,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              WmOutline             *self)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  finish_editing (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (keys)), FALSE);
  return TRUE;
}

static void
start_editing (GtkWidget *entry)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (entry), "wm-label");

  gtk_editable_set_text (GTK_EDITABLE (entry), gtk_label_get_label (GTK_LABEL (label)));
  gtk_widget_set_visible (label, FALSE);
  gtk_widget_set_visible (entry, TRUE);
  gtk_widget_grab_focus (entry);
}

static void
spin_value_cb (GtkSpinButton *spin,
               WmOutline     *self)
{
  GObject *item = g_object_get_data (G_OBJECT (spin), "wm-item");
  double value = gtk_spin_button_get_value (spin);
  double old;

  if (item == NULL || self->syncing)
    return;
  g_object_get (item, "value", &old, NULL);
  if (old == value)
    return;
  /* Steps of one spin session merge into one undo step. */
  push (self, wm_edit_set_merging (item, "outline-value", "value", value));
}

static void
spin_leave_cb (GtkEventControllerFocus *focus,
               WmOutline               *self)
{
  /* Arrow keys walk rows, not into spin buttons: focusable only while
   * edited (Enter). */
  gtk_widget_set_can_focus (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus)), FALSE);
  if (self->history != NULL)
    wm_history_break_merge (self->history);
}

/* Enter or Escape in a spin button: take the value, back to the rows. */
static gboolean
spin_key_cb (GtkEventControllerKey *keys,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             WmOutline             *self)
{
  GtkWidget *spin = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (keys));

  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_Escape)
    return FALSE;
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  return TRUE;
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           WmOutline                *self)
{
  RowWidgets *w = g_new0 (RowWidgets, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkEventController *focus, *keys;

  w->expander = gtk_tree_expander_new ();
  w->kind = gtk_label_new (NULL);
  gtk_widget_add_css_class (w->kind, "dim-label");
  /* A column: texts and spin buttons line up. */
  gtk_label_set_width_chars (GTK_LABEL (w->kind), 12);
  gtk_label_set_xalign (GTK_LABEL (w->kind), 0);
  gtk_label_set_ellipsize (GTK_LABEL (w->kind), PANGO_ELLIPSIZE_END);
  w->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (w->title), 0);
  gtk_widget_add_css_class (w->title, "heading");
  w->text = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (w->text), 0);
  gtk_label_set_ellipsize (GTK_LABEL (w->text), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (w->text, TRUE);
  w->entry = gtk_entry_new ();
  gtk_widget_set_hexpand (w->entry, TRUE);
  gtk_widget_set_visible (w->entry, FALSE);
  g_object_set_data (G_OBJECT (w->entry), "wm-label", w->text);
  w->spin = gtk_spin_button_new_with_range (-100, 100, 0.5);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (w->spin), 1);
  gtk_widget_set_halign (w->spin, GTK_ALIGN_START);
  gtk_widget_set_can_focus (w->spin, FALSE);
  w->context = gtk_label_new (NULL);
  gtk_widget_add_css_class (w->context, "dim-label");
  gtk_label_set_ellipsize (GTK_LABEL (w->context), PANGO_ELLIPSIZE_END);

  g_signal_connect_object (w->entry, "activate",
                           G_CALLBACK (entry_activate_cb), self, 0);
  g_signal_connect_object (w->spin, "value-changed",
                           G_CALLBACK (spin_value_cb), self, 0);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (entry_leave_cb), self, 0);
  gtk_widget_add_controller (w->entry, focus);
  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (entry_key_cb), self, 0);
  gtk_widget_add_controller (w->entry, keys);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (spin_leave_cb), self, 0);
  gtk_widget_add_controller (w->spin, focus);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (spin_key_cb), self, 0);
  gtk_widget_add_controller (w->spin, keys);

  gtk_box_append (GTK_BOX (box), w->kind);
  gtk_box_append (GTK_BOX (box), w->title);
  gtk_box_append (GTK_BOX (box), w->text);
  gtk_box_append (GTK_BOX (box), w->entry);
  gtk_box_append (GTK_BOX (box), w->spin);
  gtk_box_append (GTK_BOX (box), w->context);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (w->expander), box);
  gtk_list_item_set_child (list_item, w->expander);
  g_object_set_data_full (G_OBJECT (list_item), "wm-row", w, row_widgets_free);
}

static void
bind_text (RowWidgets *w,
           GObject    *item,
           const char *property)
{
  g_object_set_data (G_OBJECT (w->entry), "wm-item", item);
  g_object_set_data (G_OBJECT (w->entry), "wm-property", (gpointer) property);
  g_ptr_array_add (w->bindings,
                   g_object_ref (g_object_bind_property (item, property, w->text, "label",
                                                         G_BINDING_SYNC_CREATE)));
  gtk_widget_set_visible (w->text, TRUE);
}

static void
bind_value (WmOutline  *self,
            RowWidgets *w,
            GObject    *item,
            double      lower,
            double      upper,
            const char *accessible_name)
{
  self->syncing = TRUE;
  g_object_set_data (G_OBJECT (w->spin), "wm-item", item);
  gtk_spin_button_set_range (GTK_SPIN_BUTTON (w->spin), lower, upper);
  g_ptr_array_add (w->bindings,
                   g_object_ref (g_object_bind_property (item, "value", w->spin, "value",
                                                         G_BINDING_SYNC_CREATE)));
  self->syncing = FALSE;
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name,
                                  -1);
  gtk_widget_set_visible (w->spin, TRUE);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          WmOutline                *self)
{
  RowWidgets *w = g_object_get_data (G_OBJECT (list_item), "wm-row");
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  g_autoptr(GObject) item = row_item (row);
  GtkWidget *editor = NULL;

  w->bindings = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (w->expander), row);
  gtk_widget_set_visible (w->kind, FALSE);
  gtk_widget_set_visible (w->title, FALSE);
  gtk_widget_set_visible (w->text, FALSE);
  gtk_widget_set_visible (w->entry, FALSE);
  gtk_widget_set_visible (w->spin, FALSE);
  gtk_widget_set_visible (w->context, FALSE);
  gtk_label_set_label (GTK_LABEL (w->context), "");

  if (GTK_IS_STRING_OBJECT (item))
    {
      gtk_label_set_label (GTK_LABEL (w->title),
                           section_label (gtk_string_object_get_string (GTK_STRING_OBJECT (item))));
      gtk_widget_set_visible (w->title, TRUE);
    }
  else if (WM_IS_STAGE (item))
    {
      gtk_label_set_label (GTK_LABEL (w->kind), _("Stage"));
      bind_text (w, item, "title");
      editor = w->entry;
    }
  else if (WM_IS_METRIC (item))
    {
      const char *label = wm_metric_kind_label (wm_metric_get_kind (WM_METRIC (item)));

      gtk_label_set_label (GTK_LABEL (w->kind), label);
      bind_value (self, w, item, -100, 100, label);
      editor = w->spin;
    }
  else if (WM_IS_LANE (item))
    {
      const char *kind = wm_lane_kind_label (wm_lane_get_kind (WM_LANE (item)));

      /* Most lanes are named after their kind: say it once. */
      if (g_strcmp0 (kind, wm_lane_get_title (WM_LANE (item))) != 0)
        gtk_label_set_label (GTK_LABEL (w->kind), kind);
      else
        gtk_label_set_label (GTK_LABEL (w->kind), "");
      bind_text (w, item, "title");
      editor = w->entry;
    }
  else if (WM_IS_CARD (item))
    {
      gtk_label_set_label (GTK_LABEL (w->kind), _("Card"));
      bind_text (w, item, "text");
      gtk_label_set_label (GTK_LABEL (w->context),
                           stage_title (self, wm_card_get_stage (WM_CARD (item))));
      editor = w->entry;
    }
  else if (WM_IS_PERSONA (item))
    {
      gtk_label_set_label (GTK_LABEL (w->kind), _("Persona"));
      bind_text (w, item, "name");
      editor = w->entry;
    }
  else if (WM_IS_CURVE_POINT (item))
    {
      const char *stage = stage_title (self, wm_curve_point_get_stage (WM_CURVE_POINT (item)));

      gtk_label_set_label (GTK_LABEL (w->kind), stage);
      bind_value (self, w, item, -3, 3, stage);
      editor = w->spin;
    }
  else if (WM_IS_MOMENT (item))
    {
      gtk_label_set_label (GTK_LABEL (w->kind), wm_moment_kind_label (wm_moment_get_kind (WM_MOMENT (item))));
      bind_text (w, item, "text");
      gtk_label_set_label (GTK_LABEL (w->context),
                           stage_title (self, wm_moment_get_stage (WM_MOMENT (item))));
      editor = w->entry;
    }

  gtk_widget_set_visible (w->kind, gtk_label_get_label (GTK_LABEL (w->kind))[0] != '\0' &&
                                   !gtk_widget_get_visible (w->title));
  gtk_widget_set_visible (w->context, gtk_label_get_label (GTK_LABEL (w->context))[0] != '\0');
  if (editor == w->entry)
    gtk_accessible_update_property (GTK_ACCESSIBLE (editor),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    gtk_label_get_label (GTK_LABEL (w->kind)),
                                    -1);
  /* Enter on a row starts this editor. */
  g_object_set_data (G_OBJECT (row), "wm-outline-editor", editor);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            WmOutline                *self)
{
  RowWidgets *w = g_object_get_data (G_OBJECT (list_item), "wm-row");
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);

  if (row != NULL)
    g_object_set_data (G_OBJECT (row), "wm-outline-editor", NULL);
  /* A row scrolled away or removed drops its unfinished edit. */
  finish_editing (self, w->entry, FALSE);
  g_object_set_data (G_OBJECT (w->entry), "wm-item", NULL);
  g_object_set_data (G_OBJECT (w->spin), "wm-item", NULL);
  for (guint i = 0; w->bindings != NULL && i < w->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (w->bindings, i));
  g_clear_pointer (&w->bindings, g_ptr_array_unref);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (w->expander), NULL);
}

/* Selection */

static GObject *
canvas_item_for (GtkTreeListRow *row)
{
  g_autoptr(GObject) item = row_item (row);

  if (WM_IS_CARD (item) || WM_IS_STAGE (item) || WM_IS_LANE (item) ||
      WM_IS_CURVE_POINT (item) || WM_IS_MOMENT (item))
    return g_steal_pointer (&item);
  /* A metric belongs to its stage on the canvas. */
  if (WM_IS_METRIC (item))
    return parent_item (row);
  return NULL;
}

static void
set_selection_internal (WmOutline *self,
                        GObject   *selection)
{
  if (!g_set_object (&self->selection, selection))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

static void
selected_cb (GtkSingleSelection *model,
             GParamSpec         *pspec,
             WmOutline          *self)
{
  g_autoptr(GObject) item = NULL;
  GtkTreeListRow *row;

  if (self->syncing)
    return;
  row = gtk_single_selection_get_selected_item (model);
  if (row == NULL)
    return;
  item = canvas_item_for (row);
  set_selection_internal (self, item);
}

static guint
selected_position (WmOutline *self)
{
  return gtk_single_selection_get_selected (self->selection_model);
}

static GtkTreeListRow *
selected_row (WmOutline *self)
{
  guint pos = selected_position (self);

  return pos == GTK_INVALID_LIST_POSITION ? NULL : row_at (self, pos);
}

static void
select_position (WmOutline *self,
                 guint      position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));

  if (n == 0 || position == GTK_INVALID_LIST_POSITION)
    return;
  position = MIN (position, n - 1);
  gtk_single_selection_set_selected (self->selection_model, position);
  /* Keep the keyboard focus on the selected row. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

static void
select_item (WmOutline *self,
             gpointer   item)
{
  guint pos = find_position (self, item);

  if (pos != GTK_INVALID_LIST_POSITION)
    select_position (self, pos);
}

/* Actions */

static void
edit_position (WmOutline *self,
               guint      position)
{
  g_autoptr(GtkTreeListRow) row = row_at (self, position);
  GtkWidget *editor = row != NULL ? g_object_get_data (G_OBJECT (row), "wm-outline-editor") : NULL;

  if (editor == NULL)
    return;
  if (GTK_IS_ENTRY (editor))
    start_editing (editor);
  else
    {
      gtk_widget_set_can_focus (editor, TRUE);
      gtk_widget_grab_focus (editor);
    }
}

static void
activate_cb (GtkListView *list_view,
             guint        position,
             WmOutline   *self)
{
  edit_position (self, position);
}

static void
outline_edit_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  WmOutline *self = WM_OUTLINE (widget);

  edit_position (self, selected_position (self));
}

static void
outline_remove_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  WmOutline *self = WM_OUTLINE (widget);
  g_autoptr(GtkTreeListRow) row = selected_row (self);
  g_autoptr(GObject) item = row_item (row);
  guint position = selected_position (self);
  WmCommand *command = NULL;

  if (item == NULL || self->document == NULL)
    return;
  if (WM_IS_CARD (item))
    command = wm_edit_remove_card (self->document, WM_CARD (item));
  else if (WM_IS_STAGE (item))
    command = wm_edit_remove_stage (self->document, WM_STAGE (item));
  else if (WM_IS_LANE (item))
    command = wm_edit_remove_lane (self->document, WM_LANE (item));
  else if (WM_IS_MOMENT (item))
    command = wm_edit_remove_moment (self->document, WM_MOMENT (item));
  else if (WM_IS_PERSONA (item))
    command = wm_edit_remove_persona (self->document, WM_PERSONA (item));
  else if (WM_IS_METRIC (item))
    {
      g_autoptr(GObject) stage = parent_item (row);

      command = wm_edit_remove_metric (WM_STAGE (stage), WM_METRIC (item));
    }
  if (command == NULL)
    return;
  push (self, command);
  /* The row below takes the removed one's place. */
  select_position (self, position);
}

static void
add_card (WmOutline  *self,
          WmLane     *lane,
          const char *stage)
{
  WmCard *card = NULL;

  if (stage == NULL)
    {
      g_autoptr(WmStage) first = g_list_model_get_item (G_LIST_MODEL (wm_document_get_stages (self->document)), 0);

      if (first == NULL)
        return;
      stage = wm_item_get_id (WM_ITEM (first));
      push (self, wm_edit_add_card (self->document, lane, stage, _("New Card"), &card));
    }
  else
    push (self, wm_edit_add_card (self->document, lane, stage, _("New Card"), &card));
  if (card != NULL)
    {
      select_item (self, card);
      edit_position (self, selected_position (self));
    }
}

static void
add_stage (WmOutline *self,
           guint      position)
{
  g_autoptr(WmStage) stage = NULL;

  push (self, wm_edit_add_stage (self->document, position, _("New Stage")));
  stage = g_list_model_get_item (G_LIST_MODEL (wm_document_get_stages (self->document)), position);
  if (stage != NULL)
    {
      select_item (self, stage);
      edit_position (self, selected_position (self));
    }
}

static gboolean
list_find (GListStore *store,
           gpointer    item,
           guint      *position)
{
  return g_list_store_find (store, item, position);
}

static void
outline_add_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  WmOutline *self = WM_OUTLINE (widget);
  g_autoptr(GtkTreeListRow) row = selected_row (self);
  g_autoptr(GObject) item = row_item (row);
  guint pos;

  if (item == NULL || self->document == NULL)
    return;
  if (WM_IS_CARD (item))
    {
      g_autoptr(GObject) lane = parent_item (row);

      add_card (self, WM_LANE (lane), wm_card_get_stage (WM_CARD (item)));
    }
  else if (WM_IS_LANE (item))
    add_card (self, WM_LANE (item), NULL);
  else if (WM_IS_STAGE (item) &&
           list_find (wm_document_get_stages (self->document), item, &pos))
    add_stage (self, pos + 1);
  else if (GTK_IS_STRING_OBJECT (item) &&
           g_str_equal (gtk_string_object_get_string (GTK_STRING_OBJECT (item)), SECTION_STAGES))
    add_stage (self, g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (self->document))));
  else if (GTK_IS_STRING_OBJECT (item) &&
           g_str_equal (gtk_string_object_get_string (GTK_STRING_OBJECT (item)), SECTION_LANES))
    {
      GListStore *lanes = wm_document_get_lanes (self->document);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (lanes));
      g_autoptr(WmLane) lane = NULL;

      push (self, wm_edit_add_lane (self->document, n, WM_LANE_NOTES, wm_lane_kind_label (WM_LANE_NOTES)));
      lane = g_list_model_get_item (G_LIST_MODEL (lanes), n);
      if (lane != NULL)
        {
          select_item (self, lane);
          edit_position (self, selected_position (self));
        }
    }
}

static void
outline_move_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  WmOutline *self = WM_OUTLINE (widget);
  g_autoptr(GtkTreeListRow) row = selected_row (self);
  g_autoptr(GObject) item = row_item (row);
  int delta = g_str_equal (action_name, "outline.move-up") ? -1 : 1;
  GListStore *store;
  guint from, n;

  if (item == NULL || self->document == NULL)
    return;
  if (WM_IS_STAGE (item))
    store = wm_document_get_stages (self->document);
  else if (WM_IS_LANE (item))
    store = wm_document_get_lanes (self->document);
  else
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  if (!list_find (store, item, &from) || (delta < 0 && from == 0) || from + delta >= n)
    return;
  if (WM_IS_STAGE (item))
    push (self, wm_edit_move_stage (self->document, from, from + delta));
  else
    push (self, wm_edit_move_lane (self->document, from, from + delta));
  select_item (self, item);
}

/* The document */

static void
rebuild (WmOutline *self)
{
  GListStore *root = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  const char *keys[] = { SECTION_STAGES, SECTION_LANES, SECTION_CURVES, SECTION_MOMENTS };

  if (self->document != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      {
        g_autoptr(GtkStringObject) key = gtk_string_object_new (keys[i]);

        g_list_store_append (root, key);
      }
  self->tree = gtk_tree_list_model_new (G_LIST_MODEL (root), FALSE, TRUE,
                                        create_children, self, NULL);
  self->syncing = TRUE;
  gtk_single_selection_set_model (self->selection_model, G_LIST_MODEL (self->tree));
  self->syncing = FALSE;
  g_object_unref (self->tree);
}

/* A curve added later (the first value of a persona) needs a new tree. */
static void
curves_changed_cb (GListModel *curves,
                   guint       position,
                   guint       removed,
                   guint       added,
                   WmOutline  *self)
{
  g_autoptr(GObject) selection = self->selection ? g_object_ref (self->selection) : NULL;

  rebuild (self);
  if (selection != NULL)
    select_item (self, selection);
}

void
wm_outline_set_history (WmOutline *self,
                        WmHistory *history)
{
  WmDocument *document;

  g_return_if_fail (WM_IS_OUTLINE (self));
  g_return_if_fail (history == NULL || WM_IS_HISTORY (history));

  if (self->history == history)
    return;
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (wm_document_get_curves (self->document), self);
  g_set_object (&self->history, history);
  document = history != NULL ? wm_history_get_document (history) : NULL;
  g_set_object (&self->document, document);
  if (self->document != NULL)
    g_signal_connect (wm_document_get_curves (self->document), "items-changed",
                      G_CALLBACK (curves_changed_cb), self);
  set_selection_internal (self, NULL);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

WmHistory *
wm_outline_get_history (WmOutline *self)
{
  g_return_val_if_fail (WM_IS_OUTLINE (self), NULL);
  return self->history;
}

GObject *
wm_outline_get_selection (WmOutline *self)
{
  g_return_val_if_fail (WM_IS_OUTLINE (self), NULL);
  return self->selection;
}

void
wm_outline_set_selection (WmOutline *self,
                          GObject   *selection)
{
  guint pos;

  g_return_if_fail (WM_IS_OUTLINE (self));

  if (self->selection == selection)
    return;
  set_selection_internal (self, selection);
  pos = selection != NULL ? find_position (self, selection) : GTK_INVALID_LIST_POSITION;
  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection_model, pos);
  self->syncing = FALSE;
}

GtkSelectionModel *
wm_outline_get_model (WmOutline *self)
{
  g_return_val_if_fail (WM_IS_OUTLINE (self), NULL);
  return GTK_SELECTION_MODEL (self->selection_model);
}

GtkWidget *
wm_outline_get_row_editor (WmOutline *self,
                           guint      position)
{
  g_autoptr(GtkTreeListRow) row = NULL;

  g_return_val_if_fail (WM_IS_OUTLINE (self), NULL);
  row = row_at (self, position);
  return row != NULL ? g_object_get_data (G_OBJECT (row), "wm-outline-editor") : NULL;
}

GtkWidget *
wm_outline_new (void)
{
  return g_object_new (WM_TYPE_OUTLINE, NULL);
}

static void
wm_outline_dispose (GObject *object)
{
  WmOutline *self = WM_OUTLINE (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (wm_document_get_curves (self->document), self);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->selection_model);
  g_clear_object (&self->selection);
  g_clear_object (&self->document);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (wm_outline_parent_class)->dispose (object);
}

static void
wm_outline_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  WmOutline *self = WM_OUTLINE (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_SELECTION:
      g_value_set_object (value, self->selection);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_outline_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  WmOutline *self = WM_OUTLINE (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      wm_outline_set_history (self, g_value_get_object (value));
      break;
    case PROP_SELECTION:
      wm_outline_set_selection (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
wm_outline_grab_focus (GtkWidget *widget)
{
  WmOutline *self = WM_OUTLINE (widget);
  guint pos = selected_position (self);

  if (pos != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", pos);
  return gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
wm_outline_class_init (WmOutlineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_outline_dispose;
  object_class->get_property = wm_outline_get_property;
  object_class->set_property = wm_outline_set_property;
  widget_class->grab_focus = wm_outline_grab_focus;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, WM_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTION] =
    g_param_spec_object ("selection", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "outline.edit", NULL, outline_edit_action);
  gtk_widget_class_install_action (widget_class, "outline.remove", NULL, outline_remove_action);
  gtk_widget_class_install_action (widget_class, "outline.add", NULL, outline_add_action);
  gtk_widget_class_install_action (widget_class, "outline.move-up", NULL, outline_move_action);
  gtk_widget_class_install_action (widget_class, "outline.move-down", NULL, outline_move_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "outline.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "outline.remove", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "outline.remove", NULL);
  /* Not Ctrl+N: the application's New Map accelerator runs before any
   * widget's bindings. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Insert, 0, "outline.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Insert, 0, "outline.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "outline.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "outline.move-down", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wmoutline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
wm_outline_init (WmOutline *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_row), self, 0);

  self->selection_model = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection_model, FALSE);
  gtk_single_selection_set_can_unselect (self->selection_model, TRUE);
  g_signal_connect (self->selection_model, "notify::selected",
                    G_CALLBACK (selected_cb), self);

  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (g_object_ref (GTK_SELECTION_MODEL (self->selection_model)),
                                                      factory));
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "navigation-sidebar");
  g_signal_connect (self->list_view, "activate", G_CALLBACK (activate_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Map Outline"),
                                  -1);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->list_view));
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  rebuild (self);
}
