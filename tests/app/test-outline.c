/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <adwaita.h>

#include "wm-edits.h"
#include "wm-reader.h"
#include "wm-window.h"
#include "wm-writer.h"

#include "app-test-util.h"

/* The outline (keyboard and screen-reader view of the map, with the
 * inspector beside it) and the window's accessibility: names,
 * descriptions, icon buttons. Keys go through the widgets' own key
 * bindings, from the focused widget up as GTK delivers them (press()),
 * and one run of the real application is driven with xdotool. */

static char *tmp_dir;

static void
spin (void)
{
  for (int i = 0; i < 100 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static WmWindow *
new_camping_window (void)
{
  g_autoptr(GError) error = NULL;
  WmWindow *window = wm_window_new_from_template (NULL, "camping", &error);

  g_assert_no_error (error);
  g_assert_nonnull (window);
  gtk_window_present (GTK_WINDOW (window));
  spin ();
  return window;
}

static GListModel *
rows (WmWindow *window)
{
  return G_LIST_MODEL (wm_outline_get_model (wm_window_get_outline (window)));
}

static gpointer
item_at (WmWindow *window,
         guint     position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows (window), position);

  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
}

static guint
count_rows (WmWindow *window,
            GType     type)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (rows (window)); i++)
    {
      g_autoptr(GObject) item = item_at (window, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (item, type))
        n++;
    }
  return n;
}

static guint
position_of (WmWindow *window,
             gpointer  wanted)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows (window)); i++)
    {
      g_autoptr(GObject) item = item_at (window, i);

      if (item == wanted)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static WmCard *
first_card (WmWindow *window,
            WmLane  **out_lane)
{
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (wm_window_get_document (window)));

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(WmLane) lane = g_list_model_get_item (lanes, i);
      g_autoptr(WmCard) card = g_list_model_get_item (G_LIST_MODEL (wm_lane_get_cards (lane)), 0);

      if (card != NULL)
        {
          if (out_lane != NULL)
            *out_lane = lane;
          return card;
        }
    }
  g_assert_not_reached ();
}

static gboolean
canvas_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (GTK_WIDGET (wm_window_get_canvas (data)));
}

static void
show_outline (WmWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-outline", NULL);
  spin ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_child (window, "view_stack")), ==, "outline");
  /* After the crossfade: the canvas could take the focus until then. */
  g_assert_true (spin_until (canvas_unmapped, window, 2000));
}

static void
select_row (WmWindow *window,
            gpointer  item)
{
  guint pos = position_of (window, item);

  g_assert_cmpuint (pos, !=, GTK_INVALID_LIST_POSITION);
  gtk_selection_model_select_item (wm_outline_get_model (wm_window_get_outline (window)), pos, TRUE);
  /* Scrolls to the row and puts the keyboard there. */
  gtk_widget_grab_focus (GTK_WIDGET (wm_window_get_outline (window)));
  spin ();
}

static gboolean
trigger_matches (GtkShortcutTrigger *trigger,
                 guint               keyval,
                 GdkModifierType     mods)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_matches (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, mods) ||
           trigger_matches (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, mods);
  return GTK_IS_KEYVAL_TRIGGER (trigger) &&
         gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
         gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == mods;
}

static gboolean
shortcut_matches (GtkShortcut     *shortcut,
                  guint            keyval,
                  GdkModifierType  mods)
{
  return trigger_matches (gtk_shortcut_get_trigger (shortcut), keyval, mods);
}

/* Runs @widget's key binding for @keyval + @mods, if it has one that
 * runs (a disabled action does not). */
static gboolean
run_binding (GtkWidget       *widget,
             guint            keyval,
             GdkModifierType  mods)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      /* Managed and global controllers carry other widgets' shortcuts. */
      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller)) != GTK_SHORTCUT_SCOPE_LOCAL)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (shortcut_matches (shortcut, keyval, mods) &&
              gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                            GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                            gtk_shortcut_get_arguments (shortcut)))
            return TRUE;
        }
    }
  return FALSE;
}

/* A key press as GTK delivers it to bindings: from the focused widget up
 * to the window. FALSE if nothing took it. */
static gboolean
press (WmWindow        *window,
       guint            keyval,
       GdkModifierType  mods)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  gboolean taken = FALSE;

  for (GtkWidget *w = focus != NULL ? focus : GTK_WIDGET (window); w != NULL && !taken;
       w = gtk_widget_get_parent (w))
    taken = run_binding (w, keyval, mods);
  spin ();
  return taken;
}

static gboolean
focus_within (WmWindow  *window,
              GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

typedef struct
{
  WmWindow  *window;
  GtkWidget *menu;
} FocusBack;

/* The focus is on the outline again, not in its menu. */
static gboolean
focus_back_on_outline (gpointer data)
{
  FocusBack *back = data;

  return focus_within (back->window, GTK_WIDGET (wm_window_get_outline (back->window))) &&
         !focus_within (back->window, back->menu);
}

static gpointer
selected_item (WmWindow *window)
{
  guint pos = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (wm_outline_get_model (wm_window_get_outline (window))));

  return pos == GTK_INVALID_LIST_POSITION ? NULL : item_at (window, pos);
}

static gpointer
nth (GListStore *store,
     guint       position)
{
  gpointer item = g_list_model_get_item (G_LIST_MODEL (store), position);

  g_assert_nonnull (item);
  g_object_unref (item);
  return item;
}

static WmStage *
stage_n (WmWindow *window,
         guint     position)
{
  return nth (wm_document_get_stages (wm_window_get_document (window)), position);
}

static WmLane *
lane_with_id (WmWindow   *window,
              const char *id)
{
  WmLane *lane = wm_document_find_lane (wm_window_get_document (window), id);

  g_assert_nonnull (lane);
  return lane;
}

static WmCard *
card_with_id (WmWindow   *window,
              const char *id)
{
  WmCard *card = wm_document_find_card (wm_window_get_document (window), id, NULL);

  g_assert_nonnull (card);
  return card;
}

static const char *
undo_label (WmWindow *window)
{
  return wm_history_get_undo_label (wm_window_get_history (window));
}

static char *
row_text (WmWindow *window,
          gpointer  item)
{
  return wm_outline_dup_row_text (wm_window_get_outline (window), position_of (window, item));
}

static guint
n_items_of (GListStore *store)
{
  return g_list_model_get_n_items (G_LIST_MODEL (store));
}

static int
index_of (GListStore *store,
          gpointer    item)
{
  guint position;

  return g_list_store_find (store, item, &position) ? (int) position : -1;
}

/* A key to @widget's key controllers (an entry's Escape). */
static gboolean
key_to_controllers (GtkWidget *widget,
                    guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
    }
  return handled;
}

static guint
position_of_section (WmWindow   *window,
                     const char *key)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows (window)); i++)
    {
      g_autoptr(GObject) item = item_at (window, i);

      if (GTK_IS_STRING_OBJECT (item) &&
          g_str_equal (gtk_string_object_get_string (GTK_STRING_OBJECT (item)), key))
        return i;
    }
  g_assert_not_reached ();
}

static gpointer
selected_item_unowned (WmWindow *window)
{
  gpointer item = selected_item (window);

  if (item != NULL)
    g_object_unref (item);
  return item;
}

static void
close_window (WmWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

static void
test_rows (void)
{
  WmWindow *window = new_camping_window ();
  WmDocument *document = wm_window_get_document (window);

  show_outline (window);
  g_assert_cmpuint (count_rows (window, WM_TYPE_STAGE), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (document))));
  g_assert_cmpuint (count_rows (window, WM_TYPE_STAGE), ==, 5);
  g_assert_cmpuint (count_rows (window, WM_TYPE_CARD), ==, wm_document_count_cards (document));
  g_assert_cmpuint (count_rows (window, WM_TYPE_CARD), ==, 42);
  g_assert_cmpuint (count_rows (window, WM_TYPE_LANE), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_lanes (document))));
  g_assert_cmpuint (count_rows (window, WM_TYPE_CURVE_POINT), >, 0);

  /* Back to the map. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-outline", NULL);
  spin ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_child (window, "view_stack")), ==, "map");
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

static void
test_edit_text (void)
{
  WmWindow *window = new_camping_window ();
  WmHistory *history = wm_window_get_history (window);
  WmCard *card = first_card (window, NULL);
  g_autofree char *before = g_strdup (wm_card_get_text (card));
  GtkWidget *editor;
  guint pos;

  show_outline (window);
  pos = position_of (window, card);
  select_row (window, card);
  editor = wm_outline_get_row_editor (wm_window_get_outline (window), pos);
  g_assert_true (GTK_IS_ENTRY (editor));
  g_assert_false (gtk_widget_get_visible (editor));

  gtk_widget_activate_action (GTK_WIDGET (wm_window_get_outline (window)), "outline.edit", NULL);
  spin ();
  g_assert_true (gtk_widget_get_visible (editor));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor)), ==, before);
  gtk_editable_set_text (GTK_EDITABLE (editor), "Typed in the outline");
  /* Typing pushes nothing; Enter commits once. */
  g_assert_cmpstr (wm_card_get_text (card), ==, before);
  g_signal_emit_by_name (editor, "activate");
  spin ();
  g_assert_false (gtk_widget_get_visible (editor));
  g_assert_cmpstr (wm_card_get_text (card), ==, "Typed in the outline");

  /* One step: a single undo restores the text. */
  g_assert_true (wm_history_undo (history));
  g_assert_cmpstr (wm_card_get_text (card), ==, before);
  spin ();
  /* The row follows the model. */
  gtk_widget_activate_action (GTK_WIDGET (wm_window_get_outline (window)), "outline.edit", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor)), ==, before);
  /* Leaving the entry commits too. */
  gtk_editable_set_text (GTK_EDITABLE (editor), "Left behind");
  gtk_widget_grab_focus (GTK_WIDGET (wm_window_get_outline (window)));
  spin ();
  g_assert_false (gtk_widget_get_visible (editor));
  g_assert_cmpstr (wm_card_get_text (card), ==, "Left behind");

  /* Undo while typing: the text lands in the history, then is undone. */
  gtk_widget_activate_action (GTK_WIDGET (wm_window_get_outline (window)), "outline.edit", NULL);
  gtk_editable_set_text (GTK_EDITABLE (editor), "Half typed");
  gtk_widget_activate_action (GTK_WIDGET (window), "doc.undo", NULL);
  spin ();
  g_assert_false (gtk_widget_get_visible (editor));
  g_assert_cmpstr (wm_card_get_text (card), ==, "Left behind");
  g_assert_true (wm_history_redo (history));
  g_assert_cmpstr (wm_card_get_text (card), ==, "Half typed");
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

static void
test_delete (void)
{
  WmWindow *window = new_camping_window ();
  WmDocument *document = wm_window_get_document (window);
  WmHistory *history = wm_window_get_history (window);
  WmLane *lane = NULL;
  WmCard *card = first_card (window, &lane);
  guint cards = wm_document_count_cards (document);

  g_object_ref (card);
  show_outline (window);
  select_row (window, card);
  gtk_widget_activate_action (GTK_WIDGET (wm_window_get_outline (window)), "outline.remove", NULL);
  spin ();
  g_assert_cmpuint (wm_document_count_cards (document), ==, cards - 1);
  g_assert_cmpuint (position_of (window, card), ==, GTK_INVALID_LIST_POSITION);

  g_assert_true (wm_history_undo (history));
  spin ();
  g_assert_cmpuint (wm_document_count_cards (document), ==, cards);
  g_assert_cmpuint (position_of (window, card), !=, GTK_INVALID_LIST_POSITION);
  g_object_unref (card);

  /* A section header is not removable. */
  gtk_selection_model_select_item (wm_outline_get_model (wm_window_get_outline (window)), 0, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (wm_window_get_outline (window)), "outline.remove", NULL);
  g_assert_true (wm_history_get_can_redo (history));
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

static void
test_reorder (void)
{
  WmWindow *window = new_camping_window ();
  WmDocument *document = wm_window_get_document (window);
  GListModel *stages = G_LIST_MODEL (wm_document_get_stages (document));
  g_autoptr(WmStage) first = g_list_model_get_item (stages, 0);
  g_autoptr(WmStage) now_second = NULL;
  g_autoptr(WmStage) back_first = NULL;

  show_outline (window);
  select_row (window, first);
  gtk_widget_activate_action (GTK_WIDGET (wm_window_get_outline (window)), "outline.move-down", NULL);
  spin ();
  now_second = g_list_model_get_item (stages, 1);
  g_assert_true (now_second == first);
  /* The moved stage stays selected, so Alt+Down again keeps moving it. */
  g_assert_true (wm_outline_get_selection (wm_window_get_outline (window)) == G_OBJECT (first));

  gtk_widget_activate_action (GTK_WIDGET (wm_window_get_outline (window)), "outline.move-up", NULL);
  spin ();
  back_first = g_list_model_get_item (stages, 0);
  g_assert_true (back_first == first);
  /* At the top it cannot move further up, and nothing is pushed. */
  wm_history_clear (wm_window_get_history (window));
  gtk_widget_activate_action (GTK_WIDGET (wm_window_get_outline (window)), "outline.move-up", NULL);
  g_assert_false (wm_history_get_can_undo (wm_window_get_history (window)));
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

static void
test_add (void)
{
  WmWindow *window = new_camping_window ();
  WmDocument *document = wm_window_get_document (window);
  GListModel *stages = G_LIST_MODEL (wm_document_get_stages (document));
  WmLane *lane = NULL;
  WmCard *card = first_card (window, &lane);
  guint cards = g_list_model_get_n_items (G_LIST_MODEL (wm_lane_get_cards (lane)));
  guint n_stages = g_list_model_get_n_items (stages);
  g_autoptr(WmStage) first = g_list_model_get_item (stages, 0);
  g_autoptr(WmStage) added = NULL;

  show_outline (window);
  select_row (window, card);
  gtk_widget_activate_action (GTK_WIDGET (wm_window_get_outline (window)), "outline.add", NULL);
  spin ();
  /* A card in the same lane and stage. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (wm_lane_get_cards (lane))), ==, cards + 1);
  g_assert_true (WM_IS_CARD (wm_outline_get_selection (wm_window_get_outline (window))));
  g_assert_cmpstr (wm_card_get_stage (WM_CARD (wm_outline_get_selection (wm_window_get_outline (window)))), ==,
                   wm_card_get_stage (card));

  /* A stage after the selected one. */
  select_row (window, first);
  gtk_widget_activate_action (GTK_WIDGET (wm_window_get_outline (window)), "outline.add", NULL);
  spin ();
  g_assert_cmpuint (g_list_model_get_n_items (stages), ==, n_stages + 1);
  added = g_list_model_get_item (stages, 1);
  g_assert_true (wm_outline_get_selection (wm_window_get_outline (window)) == G_OBJECT (added));
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

static void
test_selection_sync (void)
{
  WmWindow *window = new_camping_window ();
  WmCard *card = first_card (window, NULL);
  GListModel *stages = G_LIST_MODEL (wm_document_get_stages (wm_window_get_document (window)));
  g_autoptr(WmStage) stage = g_list_model_get_item (stages, 2);
  g_autoptr(GObject) selected = NULL;
  guint pos;

  show_outline (window);
  select_row (window, card);
  g_assert_true (wm_canvas_get_selection (wm_window_get_canvas (window)) == G_OBJECT (card));

  /* And back: the canvas selects, the outline follows. */
  wm_canvas_set_selection (wm_window_get_canvas (window), G_OBJECT (stage));
  spin ();
  pos = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (wm_outline_get_model (wm_window_get_outline (window))));
  selected = item_at (window, pos);
  g_assert_true (selected == G_OBJECT (stage));
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

static void
test_canvas_description (void)
{
  WmWindow *window = new_camping_window ();
  WmLane *lane = NULL;
  WmCard *card = first_card (window, &lane);
  WmStage *stage = wm_document_find_stage (wm_window_get_document (window), wm_card_get_stage (card));
  g_autofree char *expected = g_strdup_printf ("Card, %s lane, stage %s: %s",
                                               wm_lane_get_title (lane),
                                               wm_stage_get_title (stage),
                                               wm_card_get_text (card));

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (wm_window_get_canvas (window)), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (wm_window_get_canvas (window)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Journey map");
  wm_canvas_set_selection (wm_window_get_canvas (window), G_OBJECT (card));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (wm_window_get_canvas (window)),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);

  /* An edit of the selected card is announced too. */
  wm_history_push (wm_window_get_history (window), wm_edit_set (card, "text", "Rain all weekend"));
  g_free (expected);
  expected = g_strdup_printf ("Card, %s lane, stage %s: Rain all weekend",
                              wm_lane_get_title (lane), wm_stage_get_title (stage));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (wm_window_get_canvas (window)),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);

  wm_canvas_set_selection (wm_window_get_canvas (window), NULL);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (wm_window_get_canvas (window)),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "Nothing selected");
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

static gboolean
has_text_label (GtkWidget *button)
{
  const char *label = NULL;

  if (GTK_IS_BUTTON (button))
    label = gtk_button_get_label (GTK_BUTTON (button));
  else if (GTK_IS_MENU_BUTTON (button))
    label = gtk_menu_button_get_label (GTK_MENU_BUTTON (button));
  if (label != NULL && label[0] != '\0')
    return TRUE;
  /* A custom child with a label (the persona button of present mode). */
  if (GTK_IS_BUTTON (button) && GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (button))))
    return TRUE;
  return FALSE;
}

static void
check_icon_buttons (GtkWidget *widget,
                    guint     *checked)
{
  /* The menu button's inner button is labelled through its parent. */
  gboolean is_button = GTK_IS_MENU_BUTTON (widget) ||
                       (GTK_IS_BUTTON (widget) && !GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget)));

  if (is_button && gtk_widget_get_visible (widget) && !has_text_label (widget) &&
      gtk_widget_get_ancestor (widget, GTK_TYPE_SPIN_BUTTON) == NULL &&
      gtk_widget_get_ancestor (widget, GTK_TYPE_TREE_EXPANDER) == NULL &&
      gtk_widget_get_ancestor (widget, ADW_TYPE_WINDOW_TITLE) == NULL &&
      !GTK_IS_WINDOW_CONTROLS (gtk_widget_get_parent (widget)))
    {
      if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
        g_error ("%s (tooltip “%s”) has no accessible label",
                 G_OBJECT_TYPE_NAME (widget), gtk_widget_get_tooltip_text (widget));
      (*checked)++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_icon_buttons (child, checked);
}

static void
test_icon_buttons (void)
{
  WmWindow *window = new_camping_window ();
  GListModel *stages = G_LIST_MODEL (wm_document_get_stages (wm_window_get_document (window)));
  g_autoptr(WmStage) stage = g_list_model_get_item (stages, 0);
  guint checked = 0;

  /* A stage fills the inspector with its metric buttons. */
  wm_canvas_set_selection (wm_window_get_canvas (window), G_OBJECT (stage));
  spin ();
  check_icon_buttons (GTK_WIDGET (window), &checked);
  /* Undo, redo, menu, outline, inspector, zoom out/in/fit at least. */
  g_assert_cmpuint (checked, >=, 8);
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

/* The inspector stays beside the outline and shows what its row is about. */
static void
test_inspector_beside (void)
{
  WmWindow *window = new_camping_window ();
  WmCard *card = card_with_id (window, "tp-call");
  WmStage *booking = stage_n (window, 1);
  g_autoptr(GtkTreeListRow) metric_row = NULL;
  WmPersona *persona = nth (wm_document_get_personas (wm_window_get_document (window)), 0);
  guint pos;

  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window_child (window, "zoom_button"))));
  show_outline (window);
  g_assert_true (adw_flap_get_reveal_flap (window_child (window, "flap")));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (wm_window_get_outline (window))));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (wm_window_get_inspector (window))));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (wm_window_get_canvas (window))));
  /* Nothing to zoom in the outline. */
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (window_child (window, "zoom_button"))));
  g_assert_false (press (window, GDK_KEY_plus, GDK_CONTROL_MASK));

  select_row (window, card);
  g_assert_true (wm_inspector_get_selection (wm_window_get_inspector (window)) == G_OBJECT (card));
  g_assert_nonnull (wm_inspector_get_field (wm_window_get_inspector (window), "touchpoint"));

  /* A metric row shows its stage, metrics included. */
  pos = position_of (window, booking) + 1;
  metric_row = g_list_model_get_item (rows (window), pos);
  g_assert_true (WM_IS_METRIC (gtk_tree_list_row_get_item (metric_row)));
  g_object_unref (gtk_tree_list_row_get_item (metric_row));
  gtk_selection_model_select_item (wm_outline_get_model (wm_window_get_outline (window)), pos, TRUE);
  spin ();
  g_assert_true (wm_inspector_get_selection (wm_window_get_inspector (window)) == G_OBJECT (booking));
  g_assert_nonnull (wm_inspector_get_field (wm_window_get_inspector (window), "title"));
  /* The row stays selected. */
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (wm_outline_get_model (wm_window_get_outline (window)))),
                    ==, pos);

  /* A persona row: the inspector's page of the map and its personas. */
  select_row (window, persona);
  g_assert_null (wm_inspector_get_selection (wm_window_get_inspector (window)));
  g_assert_nonnull (wm_inspector_get_field (wm_window_get_inspector (window), "scenario"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-outline", NULL);
  spin ();
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window_child (window, "zoom_button"))));
  close_window (window);
}

/* F6 and Tab reach the inspector from the outline, and come back. */
static void
test_focus_panes (void)
{
  WmWindow *window = new_camping_window ();
  WmCard *card = card_with_id (window, "tp-call");
  int tabs = 0;

  show_outline (window);
  select_row (window, card);
  g_assert_true (focus_within (window, GTK_WIDGET (wm_window_get_outline (window))));

  g_assert_true (press (window, GDK_KEY_F6, 0));
  g_assert_true (focus_within (window, GTK_WIDGET (wm_window_get_inspector (window))));
  g_assert_true (press (window, GDK_KEY_F6, 0));
  g_assert_true (focus_within (window, GTK_WIDGET (wm_window_get_outline (window))));
  /* Back on the selected row. */
  g_assert_true (selected_item_unowned (window) == (gpointer) card);

  while (!focus_within (window, GTK_WIDGET (wm_window_get_inspector (window))) && tabs < 10)
    {
      press (window, GDK_KEY_Tab, 0);
      tabs++;
    }
  g_test_message ("Tab pressed %d times to reach the inspector", tabs);
  g_assert_cmpint (tabs, ==, 1);
  /* Shift+Tab from the inspector's first field: back on the row. */
  g_assert_true (press (window, GDK_KEY_Tab, GDK_SHIFT_MASK));
  g_assert_true (focus_within (window, GTK_WIDGET (wm_window_get_outline (window))));
  g_assert_true (selected_item_unowned (window) == (gpointer) card);
  /* And Shift+Tab from the outline goes on out of it, to the header bar. */
  g_assert_true (press (window, GDK_KEY_Tab, GDK_SHIFT_MASK));
  g_assert_false (focus_within (window, GTK_WIDGET (wm_window_get_outline (window))));
  g_assert_false (focus_within (window, GTK_WIDGET (wm_window_get_inspector (window))));
  g_assert_true (press (window, GDK_KEY_Tab, 0));
  g_assert_true (focus_within (window, GTK_WIDGET (wm_window_get_outline (window))));

  /* On the map, F6 too. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-outline", NULL);
  spin ();
  g_assert_true (focus_within (window, GTK_WIDGET (wm_window_get_canvas (window))));
  g_assert_true (press (window, GDK_KEY_F6, 0));
  g_assert_true (focus_within (window, GTK_WIDGET (wm_window_get_inspector (window))));
  g_assert_true (press (window, GDK_KEY_F6, GDK_SHIFT_MASK));
  g_assert_true (focus_within (window, GTK_WIDGET (wm_window_get_canvas (window))));
  close_window (window);
}

/* Alt+arrows move a card to another stage, lane or place in its cell;
 * each is one undo step and the card stays selected, its row saying
 * where it is now. */
static void
test_move_card (void)
{
  WmWindow *window = new_camping_window ();
  WmHistory *history = wm_window_get_history (window);
  WmCard *card = card_with_id (window, "tp-call");
  WmCard *shop = card_with_id (window, "tp-shop");
  WmLane *touchpoints = lane_with_id (window, "touchpoints");
  GListStore *cards = wm_lane_get_cards (touchpoints);
  WmLane *lane = NULL;
  g_autofree char *text = NULL;
  guint before, after;

  show_outline (window);
  select_row (window, card);
  text = row_text (window, card);
  g_assert_nonnull (strstr (text, "Booking"));

  g_assert_true (press (window, GDK_KEY_Right, GDK_ALT_MASK));
  g_assert_cmpstr (wm_card_get_stage (card), ==, "camp");
  g_assert_cmpstr (undo_label (window), ==, "Move Card");
  g_assert_true (selected_item_unowned (window) == (gpointer) card);
  g_assert_true (wm_outline_get_selection (wm_window_get_outline (window)) == G_OBJECT (card));
  g_free (text);
  text = row_text (window, card);
  g_assert_nonnull (strstr (text, "At the camp"));
  /* Sorted into its new stage: after the camp's other touchpoints. */
  g_assert_cmpuint (position_of (window, card), ==, position_of (window, shop) + 1);

  g_assert_true (press (window, GDK_KEY_Left, GDK_ALT_MASK));
  g_assert_cmpstr (wm_card_get_stage (card), ==, "booking");
  g_assert_true (press (window, GDK_KEY_Left, GDK_ALT_MASK));
  g_assert_cmpstr (wm_card_get_stage (card), ==, "research");
  /* Nowhere before the first stage: the key does nothing. */
  wm_history_clear (history);
  g_assert_false (press (window, GDK_KEY_Left, GDK_ALT_MASK));
  g_assert_false (wm_history_get_can_undo (history));
  g_assert_cmpstr (wm_card_get_stage (card), ==, "research");

  /* Within the cell: above the other research touchpoints. */
  before = position_of (window, card);
  g_assert_true (press (window, GDK_KEY_Up, GDK_ALT_MASK));
  g_assert_true (press (window, GDK_KEY_Up, GDK_ALT_MASK));
  g_assert_cmpuint (position_of (window, card), ==, before - 2);
  g_assert_true (nth (cards, 0) == (gpointer) card);
  g_assert_false (press (window, GDK_KEY_Up, GDK_ALT_MASK));
  g_assert_true (press (window, GDK_KEY_Down, GDK_ALT_MASK));
  g_assert_true (nth (cards, 1) == (gpointer) card);
  g_assert_true (wm_history_undo (history));
  g_assert_true (nth (cards, 0) == (gpointer) card);
  /* The keys stay on the card's row after an undo. */
  g_assert_true (focus_within (window, GTK_WIDGET (wm_window_get_outline (window))));
  g_assert_true (selected_item_unowned (window) == (gpointer) card);

  /* Alt+Shift+Up: to the lane above, same stage; the selection follows. */
  g_assert_true (press (window, GDK_KEY_Up, GDK_ALT_MASK | GDK_SHIFT_MASK));
  wm_document_find_card (wm_window_get_document (window), "tp-call", &lane);
  g_assert_true (lane == lane_with_id (window, "actions"));
  g_assert_cmpstr (wm_card_get_stage (card), ==, "research");
  g_assert_true (selected_item_unowned (window) == (gpointer) card);
  /* Down past the emotion lane, which holds no cards. */
  for (int i = 0; i < 3; i++)
    g_assert_true (press (window, GDK_KEY_Down, GDK_ALT_MASK | GDK_SHIFT_MASK));
  wm_document_find_card (wm_window_get_document (window), "tp-call", &lane);
  g_assert_true (lane == lane_with_id (window, "pains"));

  /* Each move was one step: undo them all and the card is back. */
  while (wm_history_get_can_undo (history))
    wm_history_undo (history);
  wm_document_find_card (wm_window_get_document (window), "tp-call", &lane);
  g_assert_true (lane == touchpoints);
  g_assert_cmpstr (wm_card_get_stage (card), ==, "research");

  /* And the next arrow key goes on from where the card went. */
  select_row (window, card);
  g_assert_true (press (window, GDK_KEY_Right, GDK_ALT_MASK));
  after = position_of (window, card);
  press (window, GDK_KEY_Down, 0);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (wm_outline_get_model (wm_window_get_outline (window)))),
                    ==, after + 1);
  close_window (window);
}

static WmCard *
selected_card (WmWindow *window)
{
  GObject *selection = wm_outline_get_selection (wm_window_get_outline (window));

  g_assert_true (WM_IS_CARD (selection));
  return WM_CARD (selection);
}

static gboolean
lane_has_text (gpointer data)
{
  WmLane *lane = ((gpointer *) data)[0];
  const char *text = ((gpointer *) data)[1];
  GListModel *cards = G_LIST_MODEL (wm_lane_get_cards (lane));

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    if (g_strcmp0 (wm_card_get_text (nth (G_LIST_STORE (cards), i)), text) == 0)
      return TRUE;
  return FALSE;
}

/* Ctrl+D, Ctrl+C, Ctrl+X, Ctrl+V on card rows, the canvas's clipboard. */
static void
test_duplicate_clipboard (void)
{
  WmWindow *window = new_camping_window ();
  WmDocument *document = wm_window_get_document (window);
  WmHistory *history = wm_window_get_history (window);
  WmCard *card = card_with_id (window, "tp-call");
  WmLane *pains = lane_with_id (window, "pains");
  guint n = wm_document_count_cards (document);
  gpointer wait[2];
  WmCard *copy;

  show_outline (window);
  select_row (window, card);
  g_assert_true (press (window, GDK_KEY_d, GDK_CONTROL_MASK));
  g_assert_cmpuint (wm_document_count_cards (document), ==, n + 1);
  copy = selected_card (window);
  g_assert_true (copy != card);
  g_assert_cmpstr (wm_card_get_text (copy), ==, wm_card_get_text (card));
  g_assert_cmpstr (undo_label (window), ==, "Duplicate Card");
  g_assert_true (wm_history_undo (history));
  g_assert_cmpuint (wm_document_count_cards (document), ==, n);

  /* Copy, then paste on the pains lane: a card there with the text and
   * the touchpoint. */
  select_row (window, card);
  g_assert_true (press (window, GDK_KEY_c, GDK_CONTROL_MASK));
  select_row (window, pains);
  g_assert_true (press (window, GDK_KEY_v, GDK_CONTROL_MASK));
  wait[0] = pains;
  wait[1] = (gpointer) wm_card_get_text (card);
  g_assert_true (spin_until (lane_has_text, wait, 5000));
  spin ();
  copy = selected_card (window);
  g_assert_cmpint (wm_card_get_touchpoint (copy), ==, WM_TOUCHPOINT_CORE);
  g_assert_cmpstr (wm_card_get_stage (copy), ==, "research");
  g_assert_cmpstr (undo_label (window), ==, "Paste Card");

  /* Cut removes; paste on a stage row brings it back there. */
  g_assert_true (press (window, GDK_KEY_x, GDK_CONTROL_MASK));
  g_assert_false (lane_has_text (wait));
  g_assert_cmpstr (undo_label (window), ==, "Delete Card");
  select_row (window, stage_n (window, 3));
  g_assert_true (press (window, GDK_KEY_v, GDK_CONTROL_MASK));
  wait[0] = lane_with_id (window, "actions");
  g_assert_true (spin_until (lane_has_text, wait, 5000));
  g_assert_cmpstr (wm_card_get_stage (selected_card (window)), ==, "leaving");
  close_window (window);
}

static gboolean
card_count_is (gpointer data)
{
  gpointer *args = data;

  return wm_document_count_cards (args[0]) == GPOINTER_TO_UINT (args[1]);
}

static char *
deeply_nested (guint depth)
{
  GString *text = g_string_new ("{\"waymark\":\"card\",\"text\":");

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  return g_string_free (text, FALSE);
}

/* Hostile clipboard content pasted with Ctrl+V on the last stage's row:
 * no crash, no critical, and the map saves and loads again. */
static void
test_paste_hostile (void)
{
  static const char * const payloads[] = {
    "{\"waymark\":\"card\",\"text\":5,\"severity\":\"x\",\"span\":-1,\"touchpoint\":[],\"key\":null}",
    "{\"waymark\":\"card\",\"text\":\"\\ud800 \\ufffe \\ufdd0\",\"color\":\"red\\\"/><x/>\"}",
    "{\"waymark\":\"card\",\"text\":\"wide\",\"span\":1000,\"severity\":9,\"touchpoint\":\"sideways\"}",
  };
  WmWindow *window = new_camping_window ();
  WmDocument *document = wm_window_get_document (window);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  guint last = g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (document))) - 1;
  guint n = wm_document_count_cards (document);
  g_autofree char *nested = deeply_nested (100000);
  g_autofree char *huge = g_malloc (30 * 1000 * 1000 + 1);
  g_autofree char *saved = NULL;
  g_autoptr(WmDocument) back = NULL;
  g_autoptr(GError) error = NULL;
  gpointer args[2] = { document, NULL };
  gsize length;

  show_outline (window);
  for (guint i = 0; i < G_N_ELEMENTS (payloads); i++)
    {
      select_row (window, stage_n (window, last));
      gdk_clipboard_set_text (clipboard, payloads[i]);
      g_assert_true (press (window, GDK_KEY_v, GDK_CONTROL_MASK));
      args[1] = GUINT_TO_POINTER (++n);
      g_assert_true (spin_until (card_count_is, args, 5000));
      g_assert_cmpuint (wm_card_get_span (selected_card (window)), ==, 1);
      g_assert_null (wm_card_get_color (selected_card (window)));
    }

  /* Refused (too deep; too large): nothing pasted, the app still here. */
  memset (huge, 'a', 30 * 1000 * 1000);
  huge[30 * 1000 * 1000] = '\0';
  gdk_clipboard_set_text (clipboard, nested);
  g_assert_true (press (window, GDK_KEY_v, GDK_CONTROL_MASK));
  spin_ms (300);
  gdk_clipboard_set_text (clipboard, huge);
  g_assert_true (press (window, GDK_KEY_v, GDK_CONTROL_MASK));
  spin_ms (300);
  g_assert_cmpuint (wm_document_count_cards (document), ==, n);

  saved = wm_writer_to_string (document, &length);
  back = wm_reader_load_data (saved, length, "pasted.waymark", &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  close_window (window);
}

/* Span, touchpoint, key and severity, by key or from the row's menu. */
static void
test_card_attributes (void)
{
  WmWindow *window = new_camping_window ();
  WmHistory *history = wm_window_get_history (window);
  WmCard *card = card_with_id (window, "tp-call");
  g_autofree char *text = NULL;

  show_outline (window);
  select_row (window, card);
  g_assert_true (press (window, GDK_KEY_Right, GDK_ALT_MASK | GDK_SHIFT_MASK));
  g_assert_cmpuint (wm_card_get_span (card), ==, 2);
  g_assert_cmpstr (undo_label (window), ==, "Resize Card");
  text = row_text (window, card);
  g_assert_nonnull (strstr (text, "Spans 2 stages"));
  g_assert_true (press (window, GDK_KEY_Left, GDK_ALT_MASK | GDK_SHIFT_MASK));
  g_assert_cmpuint (wm_card_get_span (card), ==, 1);
  g_assert_false (press (window, GDK_KEY_Left, GDK_ALT_MASK | GDK_SHIFT_MASK));
  /* Not past the last stage: booking is the second of five. */
  for (int i = 0; i < 5; i++)
    press (window, GDK_KEY_Right, GDK_ALT_MASK | GDK_SHIFT_MASK);
  g_assert_cmpuint (wm_card_get_span (card), ==, 4);

  gtk_widget_activate_action (GTK_WIDGET (wm_window_get_outline (window)), "outline.set-touchpoint", "s", "missed");
  g_assert_cmpint (wm_card_get_touchpoint (card), ==, WM_TOUCHPOINT_MISSED);
  g_assert_cmpstr (undo_label (window), ==, "Change Touchpoint Kind");
  gtk_widget_activate_action (GTK_WIDGET (wm_window_get_outline (window)), "outline.toggle-key", NULL);
  g_assert_false (wm_card_get_key (card));
  g_assert_cmpstr (undo_label (window), ==, "Toggle Key Touchpoint");
  gtk_widget_activate_action (GTK_WIDGET (wm_window_get_outline (window)), "outline.set-severity", "u", 4);
  g_assert_cmpuint (wm_card_get_severity (card), ==, 4);
  spin ();
  g_free (text);
  text = row_text (window, card);
  g_assert_nonnull (strstr (text, "Missed touchpoint"));
  g_assert_nonnull (strstr (text, "Severity 4"));
  g_assert_null (strstr (text, "Key touchpoint"));

  while (wm_history_get_can_undo (history))
    wm_history_undo (history);
  g_assert_cmpuint (wm_card_get_span (card), ==, 1);
  g_assert_cmpint (wm_card_get_touchpoint (card), ==, WM_TOUCHPOINT_CORE);
  g_assert_true (wm_card_get_key (card));
  g_assert_cmpuint (wm_card_get_severity (card), ==, 0);
  close_window (window);
}

/* A card in the lane and the stage chosen: from a lane's menu (stages)
 * or a stage's (lanes). */
static void
test_add_card_in_cell (void)
{
  WmWindow *window = new_camping_window ();
  WmLane *needs = lane_with_id (window, "needs");
  GListStore *cards = wm_lane_get_cards (needs);
  guint n = n_items_of (cards);
  WmCard *card;
  GtkWidget *editor;

  show_outline (window);
  select_row (window, needs);
  gtk_widget_activate_action (GTK_WIDGET (wm_window_get_outline (window)), "outline.add-card-in", "s", "leaving");
  spin ();
  g_assert_cmpuint (n_items_of (cards), ==, n + 1);
  card = selected_card (window);
  g_assert_cmpstr (wm_card_get_stage (card), ==, "leaving");
  g_assert_cmpstr (wm_card_get_text (card), ==, "New Card");
  g_assert_cmpstr (undo_label (window), ==, "Add Card");
  /* Typing its text right away. */
  editor = wm_outline_get_row_editor (wm_window_get_outline (window), position_of (window, card));
  g_assert_true (gtk_widget_get_visible (editor));
  gtk_editable_set_text (GTK_EDITABLE (editor), "A place to charge the projector");
  g_signal_emit_by_name (editor, "activate");
  spin ();
  g_assert_cmpstr (wm_card_get_text (card), ==, "A place to charge the projector");

  select_row (window, stage_n (window, 4));
  gtk_widget_activate_action (GTK_WIDGET (wm_window_get_outline (window)), "outline.add-card-to", "s", "thoughts");
  spin ();
  card = selected_card (window);
  g_assert_cmpstr (wm_card_get_stage (card), ==, "sharing");
  g_assert_true (lane_has_text ((gpointer[]) { lane_with_id (window, "thoughts"), (gpointer) "New Card" }));
  close_window (window);
}

/* Stages before and after, lanes of each kind, renamed, moved, deleted. */
static void
test_stages_and_lanes (void)
{
  WmWindow *window = new_camping_window ();
  WmDocument *document = wm_window_get_document (window);
  WmHistory *history = wm_window_get_history (window);
  GListStore *stages = wm_document_get_stages (document);
  GListStore *lanes = wm_document_get_lanes (document);
  WmStage *booking = stage_n (window, 1);
  WmLane *pains = lane_with_id (window, "pains");
  GObject *added;
  GtkWidget *editor;

  show_outline (window);
  select_row (window, booking);
  gtk_widget_activate_action (GTK_WIDGET (wm_window_get_outline (window)), "outline.add-stage-before", NULL);
  spin ();
  added = wm_outline_get_selection (wm_window_get_outline (window));
  g_assert_true (nth (stages, 1) == (gpointer) added);
  g_assert_cmpstr (wm_stage_get_title (WM_STAGE (added)), ==, "New Stage");
  /* Renamed as it comes: its title is being edited. */
  editor = wm_outline_get_row_editor (wm_window_get_outline (window), position_of (window, added));
  g_assert_true (gtk_widget_get_visible (editor));
  gtk_editable_set_text (GTK_EDITABLE (editor), "Getting there");
  g_signal_emit_by_name (editor, "activate");
  spin ();
  g_assert_cmpstr (wm_stage_get_title (WM_STAGE (added)), ==, "Getting there");
  g_assert_cmpstr (undo_label (window), ==, "Rename Stage");

  /* Alt+Right moves a stage later; Delete removes it. */
  g_assert_true (press (window, GDK_KEY_Right, GDK_ALT_MASK));
  g_assert_true (nth (stages, 2) == (gpointer) added);
  g_assert_true (press (window, GDK_KEY_Delete, 0));
  g_assert_cmpint (index_of (stages, added), ==, -1);
  g_assert_cmpstr (undo_label (window), ==, "Delete Stage");

  select_row (window, booking);
  gtk_widget_activate_action (GTK_WIDGET (wm_window_get_outline (window)), "outline.add-stage-after", NULL);
  spin ();
  g_assert_true (nth (stages, 2) == (gpointer) wm_outline_get_selection (wm_window_get_outline (window)));

  /* A lane of the kind chosen, after the selected lane. */
  select_row (window, pains);
  gtk_widget_activate_action (GTK_WIDGET (wm_window_get_outline (window)), "outline.add-lane", "s", "opportunities");
  spin ();
  added = wm_outline_get_selection (wm_window_get_outline (window));
  g_assert_true (WM_IS_LANE (added));
  g_assert_cmpint (wm_lane_get_kind (WM_LANE (added)), ==, WM_LANE_OPPORTUNITIES);
  g_assert_cmpint (index_of (lanes, added), ==, index_of (lanes, pains) + 1);
  g_assert_cmpstr (wm_lane_get_title (WM_LANE (added)), ==, "Opportunities");
  /* Escape leaves the name as it was. */
  editor = wm_outline_get_row_editor (wm_window_get_outline (window), position_of (window, added));
  gtk_editable_set_text (GTK_EDITABLE (editor), "Ideas");
  g_assert_true (key_to_controllers (editor, GDK_KEY_Escape));
  spin ();
  g_assert_false (gtk_widget_get_visible (editor));
  g_assert_cmpstr (wm_lane_get_title (WM_LANE (added)), ==, "Opportunities");
  g_assert_true (press (window, GDK_KEY_Up, GDK_ALT_MASK));
  g_assert_cmpint (index_of (lanes, added), ==, index_of (lanes, pains) - 1);
  g_assert_true (press (window, GDK_KEY_Delete, 0));
  g_assert_cmpint (index_of (lanes, added), ==, -1);
  g_assert_cmpstr (undo_label (window), ==, "Delete Lane");
  g_assert_true (wm_history_undo (history));
  g_assert_cmpint (index_of (lanes, added), ==, index_of (lanes, pains) - 1);

  /* Stages reordered: each lane's cards follow, in reading order. */
  g_assert_cmpuint (position_of (window, card_with_id (window, "tp-moments")), <,
                    position_of (window, card_with_id (window, "tp-deposit")));
  select_row (window, stage_n (window, 0));
  g_assert_true (press (window, GDK_KEY_Down, GDK_ALT_MASK));
  g_assert_cmpstr (wm_item_get_id (WM_ITEM (stage_n (window, 1))), ==, "research");
  g_assert_cmpuint (position_of (window, card_with_id (window, "tp-moments")), >,
                    position_of (window, card_with_id (window, "tp-deposit")));
  close_window (window);
}
static gboolean
in_map (WmDocument *document,
        gpointer    point)
{
  GListModel *curves = G_LIST_MODEL (wm_document_get_curves (document));

  for (guint i = 0; i < g_list_model_get_n_items (curves); i++)
    {
      g_autoptr(WmCurve) curve = g_list_model_get_item (curves, i);

      if (wm_curve_find_point (curve, wm_curve_point_get_stage (point)) == point)
        return TRUE;
    }
  return FALSE;
}

static guint
count_slots (WmWindow *window)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (rows (window)); i++)
    {
      g_autoptr(GObject) item = item_at (window, i);

      /* A slot: a stage's row with no point of the map behind it. */
      if (WM_IS_CURVE_POINT (item) && !in_map (wm_window_get_document (window), item))
        n++;
    }
  return n;
}

/* Personas added, renamed, deleted; a curve value cleared and set again
 * on a stage that has none. */
static void
test_curves (void)
{
  WmWindow *window = new_camping_window ();
  WmDocument *document = wm_window_get_document (window);
  WmHistory *history = wm_window_get_history (window);
  GListStore *personas = wm_document_get_personas (document);
  WmCurve *curve = wm_document_find_curve (document, "camper");
  WmCurvePoint *point = wm_curve_find_point (curve, "camp");
  g_autoptr(GObject) curves = NULL;
  g_autofree char *text = NULL;
  GObject *persona;
  GtkWidget *editor;
  guint pos, n = n_items_of (personas);

  show_outline (window);
  /* One row per stage under the persona, in stage order. */
  g_assert_cmpuint (count_rows (window, WM_TYPE_CURVE_POINT), ==, 5);
  g_assert_cmpuint (count_slots (window), ==, 0);

  /* Delete clears a value: the stage's row stays, saying so. */
  select_row (window, point);
  pos = position_of (window, point);
  g_assert_true (press (window, GDK_KEY_Delete, 0));
  g_assert_null (wm_curve_find_point (curve, "camp"));
  g_assert_cmpstr (undo_label (window), ==, "Delete Curve Point");
  g_assert_cmpuint (count_slots (window), ==, 1);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (wm_outline_get_model (wm_window_get_outline (window)))),
                    ==, pos);
  text = wm_outline_dup_row_text (wm_window_get_outline (window), pos);
  g_assert_nonnull (strstr (text, "At the camp"));
  g_assert_nonnull (strstr (text, "No value"));
  /* Nothing to select on the canvas there. */
  g_assert_null (wm_canvas_get_selection (wm_window_get_canvas (window)));

  /* Enter sets one: a point at 0, its value being edited. */
  gtk_widget_activate_action (GTK_WIDGET (wm_window_get_outline (window)), "outline.edit", NULL);
  spin ();
  point = wm_curve_find_point (curve, "camp");
  g_assert_nonnull (point);
  g_assert_cmpfloat (wm_curve_point_get_value (point), ==, 0.0);
  g_assert_cmpuint (count_slots (window), ==, 0);
  g_assert_true (selected_item_unowned (window) == (gpointer) point);
  editor = wm_outline_get_row_editor (wm_window_get_outline (window), position_of (window, point));
  g_assert_true (GTK_IS_SPIN_BUTTON (editor));
  g_assert_true (gtk_widget_has_focus (editor) || focus_within (window, editor));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (editor), 2.0);
  g_assert_cmpfloat (wm_curve_point_get_value (point), ==, 2.0);
  g_assert_true (wm_history_undo (history));
  g_assert_true (wm_history_undo (history));
  g_assert_null (wm_curve_find_point (curve, "camp"));
  g_assert_true (wm_history_undo (history));
  g_assert_nonnull (wm_curve_find_point (curve, "camp"));

  /* Insert on the Curves section adds a persona, its name being typed. */
  curves = item_at (window, position_of_section (window, "curves"));
  select_row (window, curves);
  g_assert_true (press (window, GDK_KEY_Insert, 0));
  g_assert_cmpuint (n_items_of (personas), ==, n + 1);
  persona = selected_item_unowned (window);
  g_assert_true (WM_IS_PERSONA (persona));
  g_assert_cmpstr (wm_persona_get_name (WM_PERSONA (persona)), ==, "New Persona");
  editor = wm_outline_get_row_editor (wm_window_get_outline (window), position_of (window, persona));
  g_assert_true (gtk_widget_get_visible (editor));
  gtk_editable_set_text (GTK_EDITABLE (editor), "Campsite owner");
  g_signal_emit_by_name (editor, "activate");
  spin ();
  g_assert_cmpstr (wm_persona_get_name (WM_PERSONA (persona)), ==, "Campsite owner");
  g_assert_cmpstr (undo_label (window), ==, "Rename Persona");
  /* Its curve has a row per stage too. */
  g_assert_cmpuint (count_rows (window, WM_TYPE_CURVE_POINT), ==, 10);

  select_row (window, persona);
  g_assert_true (press (window, GDK_KEY_Delete, 0));
  g_assert_cmpuint (n_items_of (personas), ==, n);
  g_assert_cmpstr (undo_label (window), ==, "Delete Persona");
  close_window (window);
}

/* Aha- and micro-moments on the stage chosen, moved, retyped, removed. */
static void
test_moments (void)
{
  WmWindow *window = new_camping_window ();
  WmDocument *document = wm_window_get_document (window);
  WmHistory *history = wm_window_get_history (window);
  GListStore *moments = wm_document_get_moments (document);
  g_autoptr(GObject) section = NULL;
  g_autofree char *text = NULL;
  guint n = n_items_of (moments);
  WmMoment *moment;
  GtkWidget *editor;

  show_outline (window);
  /* From a stage's row: an Aha-moment there. */
  select_row (window, stage_n (window, 3));
  gtk_widget_activate_action (GTK_WIDGET (wm_window_get_outline (window)), "outline.add-aha", "s", "");
  spin ();
  g_assert_cmpuint (n_items_of (moments), ==, n + 1);
  moment = nth (moments, n);
  g_assert_true (selected_item_unowned (window) == (gpointer) moment);
  g_assert_cmpint (wm_moment_get_kind (moment), ==, WM_MOMENT_AHA);
  g_assert_cmpstr (wm_moment_get_stage (moment), ==, "leaving");
  g_assert_cmpstr (wm_moment_get_persona (moment), ==, "camper");
  g_assert_cmpstr (wm_moment_get_text (moment), ==, "Aha!");
  g_assert_cmpstr (undo_label (window), ==, "Add Aha-Moment");
  editor = wm_outline_get_row_editor (wm_window_get_outline (window), position_of (window, moment));
  g_assert_true (gtk_widget_get_visible (editor));
  gtk_editable_set_text (GTK_EDITABLE (editor), "The owner lends a power bank");
  g_signal_emit_by_name (editor, "activate");
  spin ();
  g_assert_cmpstr (wm_moment_get_text (moment), ==, "The owner lends a power bank");

  /* Alt+Left: to the stage before, the row saying so. */
  g_assert_true (press (window, GDK_KEY_Left, GDK_ALT_MASK));
  g_assert_cmpstr (wm_moment_get_stage (moment), ==, "camp");
  g_assert_cmpstr (undo_label (window), ==, "Move Moment");
  text = row_text (window, moment);
  g_assert_nonnull (strstr (text, "At the camp"));
  g_assert_true (wm_history_undo (history));
  g_assert_cmpstr (wm_moment_get_stage (moment), ==, "leaving");

  /* From the Moments section: a micro-moment on the stage picked. */
  section = item_at (window, position_of_section (window, "moments"));
  select_row (window, section);
  gtk_widget_activate_action (GTK_WIDGET (wm_window_get_outline (window)), "outline.add-micro", "s", "booking");
  spin ();
  moment = nth (moments, n + 1);
  g_assert_cmpint (wm_moment_get_kind (moment), ==, WM_MOMENT_MICRO);
  g_assert_cmpstr (wm_moment_get_stage (moment), ==, "booking");
  g_assert_cmpstr (wm_moment_get_text (moment), ==, "Micro-moment");
  spin ();
  select_row (window, moment);
  g_assert_true (press (window, GDK_KEY_Delete, 0));
  g_assert_cmpuint (n_items_of (moments), ==, n + 1);
  g_assert_cmpstr (undo_label (window), ==, "Delete Moment");
  close_window (window);
}

static gboolean
menu_has (GMenuModel *model,
          const char *action,
          const char *accel)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *a = NULL;
      g_autofree char *k = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);

      if (g_menu_model_get_item_attribute (model, i, "action", "s", &a) &&
          g_strcmp0 (a, action) == 0 &&
          (accel == NULL || (g_menu_model_get_item_attribute (model, i, "accel", "s", &k) &&
                             g_strcmp0 (k, accel) == 0)))
        return TRUE;
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);

          if (menu_has (link, action, accel))
            return TRUE;
        }
    }
  return FALSE;
}

static guint
menu_count (GMenuModel *model,
            const char *action)
{
  guint n = 0;

  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *a = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);

      if (g_menu_model_get_item_attribute (model, i, "action", "s", &a) && g_strcmp0 (a, action) == 0)
        n++;
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);

          n += menu_count (link, action);
        }
    }
  return n;
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Clicks the menu item labelled @label (a submenu opens). */
static void
open_submenu (GtkWidget  *menu,
              const char *label)
{
  GtkWidget *item = find_label (menu, label);

  g_assert_nonnull (item);
  while (item != NULL && !g_str_equal (G_OBJECT_TYPE_NAME (item), "GtkModelButton"))
    item = gtk_widget_get_parent (item);
  g_assert_nonnull (item);
  g_signal_emit_by_name (item, "clicked");
  g_assert_true (gtk_widget_get_visible (menu));
}

/* The Menu key and Shift+F10 list what a row can do, with the keys. */
static void
test_context_menu (void)
{
  WmWindow *window = new_camping_window ();
  GtkPopover *menu = wm_outline_get_menu (wm_window_get_outline (window));
  GMenuModel *model;

  show_outline (window);
  select_row (window, card_with_id (window, "tp-call"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (menu)));
  g_assert_true (press (window, GDK_KEY_Menu, 0));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (menu)));
  model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu));
  g_assert_true (menu_has (model, "outline.move-right", "<Alt>Right"));
  g_assert_true (menu_has (model, "outline.move-lane-down", "<Alt><Shift>Down"));
  g_assert_true (menu_has (model, "outline.duplicate", "<Control>d"));
  g_assert_true (menu_has (model, "outline.remove", "Delete"));
  g_assert_true (menu_has (model, "outline.span-wider", "<Alt><Shift>Right"));
  g_assert_cmpuint (menu_count (model, "outline.set-touchpoint"), ==, 5);
  g_assert_true (menu_has (model, "outline.toggle-key", NULL));
  /* The menu's actions run on the row. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (menu), "outline.move-right", NULL));
  g_assert_cmpstr (wm_card_get_stage (card_with_id (window, "tp-call")), ==, "camp");
  popdown_settled (menu);
  spin ();

  /* A lane: cards in any stage, lanes of any kind. */
  select_row (window, lane_with_id (window, "needs"));
  g_assert_true (press (window, GDK_KEY_F10, GDK_SHIFT_MASK));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (menu)));
  model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu));
  g_assert_cmpuint (menu_count (model, "outline.add-card-in"), ==, 5);
  g_assert_cmpuint (menu_count (model, "outline.add-lane"), ==, 8);
  g_assert_true (menu_has (model, "outline.edit", "F2"));
  g_assert_false (menu_has (model, "outline.set-touchpoint", NULL));
  g_assert_true (focus_within (window, GTK_WIDGET (menu)));
  /* Into a submenu and out of the menu from there. */
  open_submenu (GTK_WIDGET (menu), "_Add Lane");
  spin_ms (50);
  popdown_settled (menu);
  /* Back on the row after the menu (the focus moves in an idle: a busy
   * machine needs more than a fixed 50 ms). */
  g_assert_true (spin_until (focus_back_on_outline, &(FocusBack) { window, GTK_WIDGET (menu) }, 5000));
  g_assert_false (focus_within (window, GTK_WIDGET (menu)));
  g_assert_true (press (window, GDK_KEY_Menu, 0));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (menu)));
  popdown_settled (menu);
  spin_ms (50);

  /* A stage: metrics, cards in any lane but emotion, moments. */
  select_row (window, stage_n (window, 0));
  g_assert_true (press (window, GDK_KEY_Menu, 0));
  model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu));
  g_assert_cmpuint (menu_count (model, "outline.add-metric"), ==, 3);
  g_assert_cmpuint (menu_count (model, "outline.add-card-to"), ==, 6);
  g_assert_true (menu_has (model, "outline.add-aha", NULL));
  g_assert_true (menu_has (model, "outline.add-stage-before", NULL));
  gtk_widget_activate_action (GTK_WIDGET (menu), "outline.add-metric", "i", WM_METRIC_NPS);
  spin ();
  g_assert_cmpuint (n_items_of (wm_stage_get_metrics (stage_n (window, 0))), ==, 1);
  g_assert_true (WM_IS_METRIC (selected_item_unowned (window)));
  g_assert_cmpstr (undo_label (window), ==, "Add Metric");
  popdown_settled (menu);
  spin ();
  close_window (window);
}

/* A card's row names its stage as it is now: renamed, or the card moved
 * by an undo. */
static void
test_live_row_labels (void)
{
  WmWindow *window = new_camping_window ();
  WmHistory *history = wm_window_get_history (window);
  WmCard *card = card_with_id (window, "tp-call");
  g_autofree char *text = NULL;

  show_outline (window);
  select_row (window, card);
  wm_history_push (history, wm_edit_set (stage_n (window, 1), "title", "Reserving"));
  spin ();
  text = row_text (window, card);
  g_assert_nonnull (strstr (text, "Reserving"));
  g_assert_null (strstr (text, "Booking"));
  wm_history_push (history, wm_edit_move_card (wm_window_get_document (window), card,
                                               lane_with_id (window, "touchpoints"), "sharing", -1));
  select_row (window, card);
  g_free (text);
  text = row_text (window, card);
  g_assert_nonnull (strstr (text, "Sharing"));
  g_assert_true (wm_history_undo (history));
  spin ();
  select_row (window, card);
  g_free (text);
  text = row_text (window, card);
  g_assert_nonnull (strstr (text, "Reserving"));
  close_window (window);
}
/* A moment's menu names the personas; choosing one gives it the moment,
 * as one undo step. */
static void
test_moment_persona (void)
{
  WmWindow *window = new_camping_window ();
  WmDocument *document = wm_window_get_document (window);
  WmHistory *history = wm_window_get_history (window);
  WmMoment *moment = wm_document_find_moment (document, "micro-beer");
  WmPersona *second;
  g_autofree char *id = NULL;

  wm_history_push (history, wm_edit_add_persona (document, "Second", NULL));
  second = nth (wm_document_get_personas (document), 1);
  id = g_strdup (wm_item_get_id (WM_ITEM (second)));
  show_outline (window);
  select_row (window, moment);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wm_window_get_outline (window)), "outline.set-moment-persona", "s", id));
  spin ();
  g_assert_cmpstr (wm_moment_get_persona (moment), ==, id);
  g_assert_true (selected_item_unowned (window) == (gpointer) moment);
  g_assert_true (wm_history_undo (history));
  g_assert_cmpstr (wm_moment_get_persona (moment), ==, "camper");
  close_window (window);
}

/* The real application */

/* Keys one at a time, as typed, with time for the app to follow. */
static void
keys (const char *first,
      ...)
{
  va_list ap;

  va_start (ap, first);
  for (const char *key = first; key != NULL; key = va_arg (ap, const char *))
    {
      xdo ("key", "--clearmodifiers", key, NULL);
      spin_ms (250);
    }
  va_end (ap);
}

static WmDocument *
load (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  WmDocument *document = wm_reader_load_file (file, &error);

  g_assert_no_error (error);
  return document;
}

static gboolean
file_changed (gpointer data)
{
  g_autoptr(GFile) file = g_file_new_for_path (((char **) data)[0]);
  g_autofree char *contents = NULL;

  return g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL) &&
         g_strcmp0 (contents, ((char **) data)[1]) != 0;
}

/* Ctrl+L, Home, Down, Insert, a name typed, Enter, Alt+Down: a stage
 * added after the first and moved one on; End, the Menu key and "p"
 * (Move to Previous Stage): the last moment into that stage; Ctrl+S. */
static void
test_xdotool (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  const char *bin = g_getenv ("WAYMARK_BIN");
  const char *datadir = g_getenv ("WAYMARK_DATADIR");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *src = NULL, *map = NULL, *contents = NULL, *err_path = NULL;
  g_autofree char *state = NULL, *err = NULL;
  g_autoptr(WmDocument) saved = NULL;
  char *watch[2];
  WmStage *added;
  WmMoment *moment;

  if (xdotool == NULL || bin == NULL || datadir == NULL || g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("needs xdotool, WAYMARK_BIN, WAYMARK_DATADIR and an X display");
      return;
    }
  src = g_build_filename (datadir, "templates", "en", "camping.waymark", NULL);
  map = g_build_filename (tmp_dir, "outline-camping.waymark", NULL);
  g_assert_true (g_file_get_contents (src, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (map, contents, -1, NULL));
  err_path = g_build_filename (tmp_dir, "outline-app.err", NULL);
  state = g_build_filename (tmp_dir, "outline-app-state", NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_stderr_file_path (launcher, err_path);
  g_subprocess_launcher_setenv (launcher, "WAYMARK_STATE_DIR", state, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_STATE_HOME", state, TRUE);
  g_subprocess_launcher_setenv (launcher, "G_DEBUG", "", TRUE);
  g_subprocess_launcher_setenv (launcher, "GTK_A11Y", "none", TRUE);
  app = g_subprocess_launcher_spawn (launcher, &error, bin, map, NULL);
  g_assert_no_error (error);

  xdo ("search", "--sync", "--onlyvisible", "--name", "camping", "windowfocus", "--sync", NULL);
  spin_ms (800);
  keys ("ctrl+l", "Home", "Down", "Insert", NULL);
  xdo ("type", "--delay", "40", "Checkout", NULL);
  keys ("Return", "alt+Down", "End", "Menu", NULL);
  spin_ms (300);
  keys ("p", "ctrl+s", NULL);
  watch[0] = map;
  watch[1] = contents;
  g_assert_true (spin_until (file_changed, watch, 10000));
  spin_ms (300);

  g_subprocess_force_exit (app);
  g_subprocess_wait (app, NULL, NULL);
  g_assert_true (g_file_get_contents (err_path, &err, NULL, NULL));
  g_assert_null (strstr (err, "WARNING"));
  g_assert_null (strstr (err, "CRITICAL"));

  saved = load (map);
  g_assert_cmpuint (n_items_of (wm_document_get_stages (saved)), ==, 6);
  added = nth (wm_document_get_stages (saved), 2);
  g_assert_cmpstr (wm_stage_get_title (added), ==, "Checkout");
  g_assert_cmpstr (wm_item_get_id (nth (wm_document_get_stages (saved), 1)), ==, "booking");
  moment = wm_document_find_moment (saved, "micro-beer");
  g_assert_nonnull (moment);
  g_assert_cmpstr (wm_moment_get_stage (moment), ==, wm_item_get_id (WM_ITEM (added)));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;

  /* The test backend keeps the accessible properties readable without a
   * session bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("waymark-test-outline-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  data_home = g_build_filename (tmp_dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("WAYMARK_STATE_DIR", tmp_dir, TRUE);

  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

  g_test_add_func ("/Waymark/Outline/rows", test_rows);
  g_test_add_func ("/Waymark/Outline/edit-text", test_edit_text);
  g_test_add_func ("/Waymark/Outline/delete", test_delete);
  g_test_add_func ("/Waymark/Outline/reorder", test_reorder);
  g_test_add_func ("/Waymark/Outline/add", test_add);
  g_test_add_func ("/Waymark/Outline/selection-sync", test_selection_sync);
  g_test_add_func ("/Waymark/Outline/inspector-beside", test_inspector_beside);
  g_test_add_func ("/Waymark/Outline/focus-panes", test_focus_panes);
  g_test_add_func ("/Waymark/Outline/move-card", test_move_card);
  g_test_add_func ("/Waymark/Outline/duplicate-clipboard", test_duplicate_clipboard);
  g_test_add_func ("/Waymark/Outline/paste-hostile", test_paste_hostile);
  g_test_add_func ("/Waymark/Outline/card-attributes", test_card_attributes);
  g_test_add_func ("/Waymark/Outline/add-card-in-cell", test_add_card_in_cell);
  g_test_add_func ("/Waymark/Outline/stages-and-lanes", test_stages_and_lanes);
  g_test_add_func ("/Waymark/Outline/curves", test_curves);
  g_test_add_func ("/Waymark/Outline/moments", test_moments);
  g_test_add_func ("/Waymark/Outline/moment-persona", test_moment_persona);
  g_test_add_func ("/Waymark/Outline/context-menu", test_context_menu);
  g_test_add_func ("/Waymark/Outline/live-row-labels", test_live_row_labels);
  g_test_add_func ("/Waymark/Outline/xdotool", test_xdotool);
  g_test_add_func ("/Waymark/Accessibility/canvas-description", test_canvas_description);
  g_test_add_func ("/Waymark/Accessibility/icon-buttons", test_icon_buttons);

  return g_test_run ();
}
