/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-outline-private.h"
#include "wm-outline-curve.h"
#include "wm-outline-row.h"
#include "wm-enums.h"
#include "wm-user-edits.h"

/* The outline: a GtkListView over a GtkTreeListModel whose root is four
 * section keys and whose children are the document's own list stores — a
 * lane's cards sorted into reading order, a persona's curve laid over the
 * stages — so the tree follows every edit, undo and redo by itself. The
 * editing actions and the context menus are in wm-outline-actions.c. */

G_DEFINE_FINAL_TYPE (WmOutline, wm_outline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_SELECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
section_label (const char *key)
{
  if (g_str_equal (key, WM_OUTLINE_STAGES))
    return _("Stages");
  if (g_str_equal (key, WM_OUTLINE_LANES))
    return _("Lanes");
  if (g_str_equal (key, WM_OUTLINE_CURVES))
    return _("Curves");
  return _("Moments");
}

void
_wm_outline_push (WmOutline *self,
                  WmCommand *command)
{
  if (self->history == NULL || command == NULL)
    {
      g_clear_object (&command);
      return;
    }
  wm_history_push (self->history, command);
}

const char *
_wm_outline_section (gpointer item)
{
  return GTK_IS_STRING_OBJECT (item) ? gtk_string_object_get_string (item) : NULL;
}

/* The document's points are its curves' own: any other is a slot. */
gboolean
_wm_outline_is_slot (WmOutline *self,
                     gpointer   item)
{
  GListModel *curves;
  const char *stage;

  if (!WM_IS_CURVE_POINT (item) || self->document == NULL)
    return FALSE;
  curves = G_LIST_MODEL (wm_document_get_curves (self->document));
  stage = wm_curve_point_get_stage (item);
  for (guint i = 0; i < g_list_model_get_n_items (curves); i++)
    {
      g_autoptr(WmCurve) curve = g_list_model_get_item (curves, i);

      if (wm_curve_find_point (curve, stage) == item)
        return FALSE;
    }
  return TRUE;
}

/* The tree */

static int
compare_cards (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  WmOutline *self = user_data;
  int ia, ib;

  if (self->document == NULL)
    return 0;
  ia = wm_document_stage_index (self->document, wm_card_get_stage ((WmCard *) a));
  ib = wm_document_stage_index (self->document, wm_card_get_stage ((WmCard *) b));
  /* Equal stages keep the lane's order (the sort is stable). */
  return (ia > ib) - (ia < ib);
}

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  WmOutline *self = user_data;
  const char *key = _wm_outline_section (item);
  GListModel *children = NULL;

  if (self->document == NULL)
    return NULL;

  if (key != NULL)
    {
      if (g_str_equal (key, WM_OUTLINE_STAGES))
        children = G_LIST_MODEL (wm_document_get_stages (self->document));
      else if (g_str_equal (key, WM_OUTLINE_LANES))
        children = G_LIST_MODEL (wm_document_get_lanes (self->document));
      else if (g_str_equal (key, WM_OUTLINE_CURVES))
        children = G_LIST_MODEL (wm_document_get_personas (self->document));
      else
        children = G_LIST_MODEL (wm_document_get_moments (self->document));
    }
  else if (WM_IS_STAGE (item))
    children = G_LIST_MODEL (wm_stage_get_metrics (item));
  else if (WM_IS_LANE (item))
    return G_LIST_MODEL (gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (wm_lane_get_cards (item))),
                                                  g_object_ref (self->card_sorter)));
  else if (WM_IS_PERSONA (item))
    return G_LIST_MODEL (wm_outline_curve_new (self->document, wm_item_get_id (WM_ITEM (item))));

  return children != NULL ? g_object_ref (children) : NULL;
}

static GtkTreeListRow *
row_at (WmOutline *self,
        guint      position)
{
  return g_list_model_get_item (G_LIST_MODEL (self->tree), position);
}

gpointer
_wm_outline_row_item (GtkTreeListRow *row)
{
  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
}

/* The item of the row's parent (a stage for a metric, a lane for a card,
 * a persona for a curve value). */
gpointer
_wm_outline_parent_item (GtkTreeListRow *row)
{
  g_autoptr(GtkTreeListRow) parent = row != NULL ? gtk_tree_list_row_get_parent (row) : NULL;

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
      g_autoptr(GObject) it = _wm_outline_row_item (row);

      if (it == item)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* Rows */

static WmOutlineRow *
find_row (WmOutline      *self,
          GtkTreeListRow *list_row)
{
  for (guint i = 0; list_row != NULL && i < self->rows->len; i++)
    if (wm_outline_row_get_list_row (g_ptr_array_index (self->rows, i)) == list_row)
      return g_ptr_array_index (self->rows, i);
  return NULL;
}

/* A right click selects the row and opens its menu. */
static void
row_menu_cb (WmOutlineRow *row,
             double        x,
             double        y,
             WmOutline    *self)
{
  GtkTreeListRow *list_row = wm_outline_row_get_list_row (row);
  guint position = list_row != NULL ? gtk_tree_list_row_get_position (list_row) : GTK_INVALID_LIST_POSITION;
  graphene_point_t point;

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  _wm_outline_select_position (self, position);
  if (!gtk_widget_compute_point (GTK_WIDGET (row), GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    point = GRAPHENE_POINT_INIT (x, y);
  _wm_outline_popup_menu (self, point.x, point.y);
}

static void
row_editing_cb (WmOutlineRow *row,
                GParamSpec   *pspec,
                WmOutline    *self)
{
  self->editing = wm_outline_row_get_editing (row);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           WmOutline                *self)
{
  GtkWidget *row = wm_outline_row_new ();

  g_signal_connect_object (row, "menu", G_CALLBACK (row_menu_cb), self, 0);
  g_signal_connect_object (row, "notify::editing", G_CALLBACK (row_editing_cb), self, 0);
  gtk_list_item_set_child (list_item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          WmOutline                *self)
{
  WmOutlineRow *row = WM_OUTLINE_ROW (gtk_list_item_get_child (list_item));
  GtkTreeListRow *list_row = gtk_list_item_get_item (list_item);
  g_autoptr(GObject) item = _wm_outline_row_item (list_row);
  const char *key = _wm_outline_section (item);

  g_ptr_array_add (self->rows, row);
  if (key != NULL)
    wm_outline_row_bind_section (row, list_row, section_label (key));
  else
    wm_outline_row_bind (row, list_row, item, self->history, _wm_outline_is_slot (self, item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            WmOutline                *self)
{
  WmOutlineRow *row = WM_OUTLINE_ROW (gtk_list_item_get_child (list_item));

  wm_outline_row_unbind (row);
  if (self->rows != NULL)
    g_ptr_array_remove_fast (self->rows, row);
}


gboolean
_wm_outline_selected_bounds (WmOutline       *self,
                             graphene_rect_t *bounds)
{
  g_autoptr(GtkTreeListRow) row = _wm_outline_selected_row (self);
  WmOutlineRow *widget = find_row (self, row);

  return widget != NULL && gtk_widget_compute_bounds (GTK_WIDGET (widget), GTK_WIDGET (self), bounds);
}

/* Selection */

static GObject *
canvas_item_for (WmOutline      *self,
                 GtkTreeListRow *row)
{
  g_autoptr(GObject) item = _wm_outline_row_item (row);

  if (WM_IS_CARD (item) || WM_IS_STAGE (item) || WM_IS_LANE (item) ||
      (WM_IS_CURVE_POINT (item) && !_wm_outline_is_slot (self, item)) || WM_IS_MOMENT (item))
    return g_steal_pointer (&item);
  /* A metric belongs to its stage on the canvas and in the inspector. */
  if (WM_IS_METRIC (item))
    return _wm_outline_parent_item (row);
  /* A persona: the inspector shows the map's personas with nothing
   * selected. */
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

  _wm_outline_update_actions (self);
  if (self->syncing)
    return;
  row = gtk_single_selection_get_selected_item (model);
  if (row == NULL)
    return;
  item = canvas_item_for (self, row);
  set_selection_internal (self, item);
}

guint
_wm_outline_selected_position (WmOutline *self)
{
  return gtk_single_selection_get_selected (self->selection_model);
}

GtkTreeListRow *
_wm_outline_selected_row (WmOutline *self)
{
  guint pos = _wm_outline_selected_position (self);

  return pos == GTK_INVALID_LIST_POSITION ? NULL : row_at (self, pos);
}

/* The keyboard focus goes with the selection, or the next arrow key would
 * move from where the focus was (a moved card's old place). The list item
 * widget tells the list where its focus is when it takes it. */
static void
focus_position (WmOutline *self,
                guint      position)
{
  g_autoptr(GtkTreeListRow) row = NULL;
  WmOutlineRow *widget;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    return;
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  row = row_at (self, position);
  widget = find_row (self, row);
  if (widget != NULL && gtk_widget_get_parent (GTK_WIDGET (widget)) != NULL)
    gtk_widget_grab_focus (gtk_widget_get_parent (GTK_WIDGET (widget)));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

void
_wm_outline_select_position (WmOutline *self,
                             guint      position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));

  if (n == 0 || position == GTK_INVALID_LIST_POSITION)
    return;
  position = MIN (position, n - 1);
  gtk_single_selection_set_selected (self->selection_model, position);
  focus_position (self, position);
}

gboolean
_wm_outline_select_item (WmOutline *self,
                         gpointer   item)
{
  guint pos = find_position (self, item);

  if (pos == GTK_INVALID_LIST_POSITION)
    return FALSE;
  _wm_outline_select_position (self, pos);
  return TRUE;
}

/* A slot takes a value: the curve gets a point there (0, then edited). */
static void
fill_slot (WmOutline      *self,
           GtkTreeListRow *row,
           WmCurvePoint   *slot)
{
  g_autoptr(GObject) persona = _wm_outline_parent_item (row);
  g_autofree char *stage = g_strdup (wm_curve_point_get_stage (slot));
  WmCurve *curve;
  WmCurvePoint *point;

  if (!WM_IS_PERSONA (persona) || self->document == NULL)
    return;
  _wm_outline_push (self, wm_user_edit_set_point (self->document, wm_item_get_id (WM_ITEM (persona)),
                                                  stage, 0.0));
  curve = wm_document_find_curve (self->document, wm_item_get_id (WM_ITEM (persona)));
  point = curve != NULL ? wm_curve_find_point (curve, stage) : NULL;
  if (point != NULL && _wm_outline_select_item (self, point))
    _wm_outline_edit_position (self, _wm_outline_selected_position (self));
}

void
_wm_outline_edit_position (WmOutline *self,
                           guint      position)
{
  g_autoptr(GtkTreeListRow) row = row_at (self, position);
  g_autoptr(GObject) item = _wm_outline_row_item (row);
  WmOutlineRow *widget = find_row (self, row);

  if (_wm_outline_is_slot (self, item))
    {
      fill_slot (self, row, WM_CURVE_POINT (item));
      return;
    }
  if (widget != NULL)
    wm_outline_row_start_editing (widget);
}

void
_wm_outline_select_and_edit (WmOutline *self,
                             gpointer   item)
{
  if (item != NULL && _wm_outline_select_item (self, item))
    _wm_outline_edit_position (self, _wm_outline_selected_position (self));
}

static void
activate_cb (GtkListView *list_view,
             guint        position,
             WmOutline   *self)
{
  _wm_outline_edit_position (self, position);
}

/* The document */

static void
rebuild (WmOutline *self)
{
  GListStore *root = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  const char *keys[] = { WM_OUTLINE_STAGES, WM_OUTLINE_LANES, WM_OUTLINE_CURVES, WM_OUTLINE_MOMENTS };

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

/* A curve added or removed (a persona, or its first value) needs a new
 * tree: the persona's rows watch their curve's points. */
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
    _wm_outline_select_item (self, selection);
}

/* A row taken out and put back (a card moved, by an undo too) loses the
 * list's selection, and the focus when it had it (GTK 4.8 leaves the
 * window's focus on the row's unparented widget, where keys go nowhere):
 * the selected item's row gets both back. */
static void
keep_selection (WmOutline *self)
{
  g_autoptr(GtkTreeListRow) row = _wm_outline_selected_row (self);
  g_autoptr(GObject) item = row != NULL ? canvas_item_for (self, row) : NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean lost = focus != NULL && gtk_widget_get_root (focus) == NULL;
  gboolean ours = lost || (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view)));
  guint pos = GTK_INVALID_LIST_POSITION;

  if (self->selection != NULL && item != self->selection)
    pos = find_position (self, self->selection);
  if (pos != GTK_INVALID_LIST_POSITION && ours && !self->editing)
    _wm_outline_select_position (self, pos);
  else if (pos != GTK_INVALID_LIST_POSITION)
    {
      self->syncing = TRUE;
      gtk_single_selection_set_selected (self->selection_model, pos);
      self->syncing = FALSE;
    }
  else if (lost && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
history_changed_cb (WmOutline *self)
{
  /* A card moved to another stage, or the stages reordered: sorted again
   * now if shown, else when shown (a big map's edits on the canvas don't
   * pay for it). */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_sorter_changed (self->card_sorter, GTK_SORTER_CHANGE_DIFFERENT);
  else
    self->resort = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    wm_outline_row_refresh (g_ptr_array_index (self->rows, i));
  keep_selection (self);
  _wm_outline_update_actions (self);
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
  if (self->history != NULL)
    g_clear_signal_handler (&self->changed_id, self->history);
  g_set_object (&self->history, history);
  document = history != NULL ? wm_history_get_document (history) : NULL;
  g_set_object (&self->document, document);
  if (self->document != NULL)
    g_signal_connect (wm_document_get_curves (self->document), "items-changed",
                      G_CALLBACK (curves_changed_cb), self);
  if (self->history != NULL)
    self->changed_id = g_signal_connect_swapped (self->history, "changed",
                                                 G_CALLBACK (history_changed_cb), self);
  set_selection_internal (self, NULL);
  rebuild (self);
  _wm_outline_update_actions (self);
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

/* Find: the rows in their own order, so stepping goes down the list the
 * user sees (moments come last here, in the map they sit in their lane). */
GObject *
wm_outline_find_step (WmOutline *self,
                      WmSearch  *search,
                      gboolean   backward)
{
  guint n, from;

  g_return_val_if_fail (WM_IS_OUTLINE (self), NULL);
  g_return_val_if_fail (WM_IS_SEARCH (search), NULL);

  n = self->tree != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->tree)) : 0;
  from = gtk_single_selection_get_selected (self->selection_model);
  if (from == GTK_INVALID_LIST_POSITION)
    from = backward ? 0 : n - 1;
  for (guint k = 1; k <= n; k++)
    {
      guint pos = backward ? (from + n - k) % n : (from + k) % n;
      g_autoptr(GtkTreeListRow) row = row_at (self, pos);
      g_autoptr(GObject) item = _wm_outline_row_item (row);

      if (item == NULL || wm_search_index_of (search, item) < 0)
        continue;
      gtk_single_selection_set_selected (self->selection_model, pos);
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", pos);
      return item;
    }
  return NULL;
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
  WmOutlineRow *widget;

  g_return_val_if_fail (WM_IS_OUTLINE (self), NULL);
  row = row_at (self, position);
  widget = find_row (self, row);
  return widget != NULL ? wm_outline_row_get_editor (widget) : NULL;
}

char *
wm_outline_dup_row_text (WmOutline *self,
                         guint      position)
{
  g_autoptr(GtkTreeListRow) row = NULL;
  WmOutlineRow *widget;

  g_return_val_if_fail (WM_IS_OUTLINE (self), NULL);
  row = row_at (self, position);
  widget = find_row (self, row);
  return widget != NULL ? wm_outline_row_dup_text (widget) : NULL;
}

void
wm_outline_stop_editing (WmOutline *self)
{
  g_return_if_fail (WM_IS_OUTLINE (self));

  for (guint i = 0; i < self->rows->len; i++)
    wm_outline_row_finish_editing (g_ptr_array_index (self->rows, i), TRUE);
}

GtkPopover *
wm_outline_get_menu (WmOutline *self)
{
  g_return_val_if_fail (WM_IS_OUTLINE (self), NULL);
  return GTK_POPOVER (self->menu);
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
  if (self->history != NULL)
    g_clear_signal_handler (&self->changed_id, self->history);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->selection_model);
  g_clear_object (&self->card_sorter);
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
  guint pos = _wm_outline_selected_position (self);

  if (pos != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", pos);
  return gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* Tab leaves the outline for the next pane (the inspector), as from any
 * list, instead of walking every row as GTK 4.8 lists do. */
static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  WmOutline *self = WM_OUTLINE (widget);
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  GtkDirectionType direction = g_variant_get_int32 (param);

  if (root == NULL)
    return;
  /* Skipped while it cannot take the focus. */
  gtk_widget_set_can_focus (GTK_WIDGET (self->list_view), FALSE);
  if (!gtk_widget_child_focus (root, direction))
    {
      /* At the end of the window: round again, as GtkWindow does. */
      gtk_root_set_focus (GTK_ROOT (root), NULL);
      gtk_widget_child_focus (root, direction);
    }
  gtk_widget_set_can_focus (GTK_WIDGET (self->list_view), TRUE);
}

/* After the context menu, the keys are back on the row, unless what the
 * menu ran took them (an entry to type in). Idle: the menu closes before
 * its item's action runs. */
static gboolean
restore_focus_cb (gpointer data)
{
  WmOutline *self = data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  guint pos = _wm_outline_selected_position (self);

  if (root != NULL && !self->editing && gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      (focus == NULL || gtk_widget_get_root (focus) == NULL ||
       gtk_widget_is_ancestor (focus, self->menu) || focus == self->menu))
    {
      if (pos != GTK_INVALID_LIST_POSITION)
        focus_position (self, pos);
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
    }
  return G_SOURCE_REMOVE;
}

static void
menu_closed_cb (WmOutline *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, restore_focus_cb, g_object_ref (self), g_object_unref);
}

static void
wm_outline_map (GtkWidget *widget)
{
  WmOutline *self = WM_OUTLINE (widget);

  if (self->resort)
    {
      self->resort = FALSE;
      gtk_sorter_changed (self->card_sorter, GTK_SORTER_CHANGE_DIFFERENT);
    }
  GTK_WIDGET_CLASS (wm_outline_parent_class)->map (widget);
}

static void
wm_outline_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  gtk_widget_measure (WM_OUTLINE (widget)->scroller, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
wm_outline_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  WmOutline *self = WM_OUTLINE (widget);

  gtk_widget_allocate (self->scroller, width, height, baseline, NULL);
  /* The context menu is a popover: it needs placing too. */
  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
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
  widget_class->map = wm_outline_map;
  widget_class->measure = wm_outline_measure;
  widget_class->size_allocate = wm_outline_size_allocate;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, WM_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTION] =
    g_param_spec_object ("selection", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _wm_outline_class_actions_init (widget_class);
  gtk_widget_class_install_action (widget_class, "outline.leave", "i", leave_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Tab, 0, "outline.leave", "i", GTK_DIR_TAB_FORWARD);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK,
                                       "outline.leave", "i", GTK_DIR_TAB_BACKWARD);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Tab, GDK_SHIFT_MASK,
                                       "outline.leave", "i", GTK_DIR_TAB_BACKWARD);

  gtk_widget_class_set_css_name (widget_class, "wmoutline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
wm_outline_init (WmOutline *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->rows = g_ptr_array_new ();
  self->card_sorter = GTK_SORTER (gtk_custom_sorter_new (compare_cards, self, NULL));

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
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Press the Menu key or Shift+F10 for what you can do with a row"),
                                  -1);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->list_view));
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  self->menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_position (GTK_POPOVER (self->menu), GTK_POS_BOTTOM);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), TRUE);
  gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
  g_signal_connect_object (self->menu, "closed", G_CALLBACK (menu_closed_cb), self, G_CONNECT_SWAPPED);

  rebuild (self);
}
