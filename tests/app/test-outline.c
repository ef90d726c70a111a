#include "config.h"

#include <stdio.h>
#include <adwaita.h>

#include "wm-window-private.h"
#include "wm-edits.h"

/* The outline (keyboard and screen-reader view of the map) and the
 * window's accessibility: names, descriptions, icon buttons. */

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
  return G_LIST_MODEL (wm_outline_get_model (window->outline));
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

static void
show_outline (WmWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-outline", NULL);
  spin ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->content_stack), ==, "outline");
}

static void
select_row (WmWindow *window,
            gpointer  item)
{
  guint pos = position_of (window, item);

  g_assert_cmpuint (pos, !=, GTK_INVALID_LIST_POSITION);
  gtk_selection_model_select_item (wm_outline_get_model (window->outline), pos, TRUE);
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
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->content_stack), ==, "map");
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
  editor = wm_outline_get_row_editor (window->outline, pos);
  g_assert_true (GTK_IS_ENTRY (editor));
  g_assert_false (gtk_widget_get_visible (editor));

  gtk_widget_activate_action (GTK_WIDGET (window->outline), "outline.edit", NULL);
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
  gtk_widget_activate_action (GTK_WIDGET (window->outline), "outline.edit", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor)), ==, before);
  /* Leaving the entry commits too. */
  gtk_editable_set_text (GTK_EDITABLE (editor), "Left behind");
  gtk_widget_grab_focus (GTK_WIDGET (window->outline));
  spin ();
  g_assert_false (gtk_widget_get_visible (editor));
  g_assert_cmpstr (wm_card_get_text (card), ==, "Left behind");
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
  gtk_widget_activate_action (GTK_WIDGET (window->outline), "outline.remove", NULL);
  spin ();
  g_assert_cmpuint (wm_document_count_cards (document), ==, cards - 1);
  g_assert_cmpuint (position_of (window, card), ==, GTK_INVALID_LIST_POSITION);

  g_assert_true (wm_history_undo (history));
  spin ();
  g_assert_cmpuint (wm_document_count_cards (document), ==, cards);
  g_assert_cmpuint (position_of (window, card), !=, GTK_INVALID_LIST_POSITION);
  g_object_unref (card);

  /* A section header is not removable. */
  gtk_selection_model_select_item (wm_outline_get_model (window->outline), 0, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (window->outline), "outline.remove", NULL);
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
  gtk_widget_activate_action (GTK_WIDGET (window->outline), "outline.move-down", NULL);
  spin ();
  now_second = g_list_model_get_item (stages, 1);
  g_assert_true (now_second == first);
  /* The moved stage stays selected, so Alt+Down again keeps moving it. */
  g_assert_true (wm_outline_get_selection (window->outline) == G_OBJECT (first));

  gtk_widget_activate_action (GTK_WIDGET (window->outline), "outline.move-up", NULL);
  spin ();
  back_first = g_list_model_get_item (stages, 0);
  g_assert_true (back_first == first);
  /* At the top it cannot move further up, and nothing is pushed. */
  wm_history_clear (wm_window_get_history (window));
  gtk_widget_activate_action (GTK_WIDGET (window->outline), "outline.move-up", NULL);
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
  gtk_widget_activate_action (GTK_WIDGET (window->outline), "outline.add", NULL);
  spin ();
  /* A card in the same lane and stage. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (wm_lane_get_cards (lane))), ==, cards + 1);
  g_assert_true (WM_IS_CARD (wm_outline_get_selection (window->outline)));
  g_assert_cmpstr (wm_card_get_stage (WM_CARD (wm_outline_get_selection (window->outline))), ==,
                   wm_card_get_stage (card));

  /* A stage after the selected one. */
  select_row (window, first);
  gtk_widget_activate_action (GTK_WIDGET (window->outline), "outline.add", NULL);
  spin ();
  g_assert_cmpuint (g_list_model_get_n_items (stages), ==, n_stages + 1);
  added = g_list_model_get_item (stages, 1);
  g_assert_true (wm_outline_get_selection (window->outline) == G_OBJECT (added));
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
  g_assert_true (wm_canvas_get_selection (window->canvas) == G_OBJECT (card));

  /* And back: the canvas selects, the outline follows. */
  wm_canvas_set_selection (window->canvas, G_OBJECT (stage));
  spin ();
  pos = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (wm_outline_get_model (window->outline)));
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

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (window->canvas), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (window->canvas),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Journey map");
  wm_canvas_set_selection (window->canvas, G_OBJECT (card));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (window->canvas),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);

  /* An edit of the selected card is announced too. */
  wm_history_push (wm_window_get_history (window), wm_edit_set (card, "text", "Rain all weekend"));
  g_free (expected);
  expected = g_strdup_printf ("Card, %s lane, stage %s: Rain all weekend",
                              wm_lane_get_title (lane), wm_stage_get_title (stage));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (window->canvas),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);

  wm_canvas_set_selection (window->canvas, NULL);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (window->canvas),
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
  wm_canvas_set_selection (window->canvas, G_OBJECT (stage));
  spin ();
  check_icon_buttons (GTK_WIDGET (window), &checked);
  /* Undo, redo, menu, outline, inspector, zoom out/in/fit at least. */
  g_assert_cmpuint (checked, >=, 8);
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
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
  g_test_add_func ("/Waymark/Accessibility/canvas-description", test_canvas_description);
  g_test_add_func ("/Waymark/Accessibility/icon-buttons", test_icon_buttons);

  return g_test_run ();
}
