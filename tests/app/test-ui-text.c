/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "wm-present-window.h"
#include "wm-save-changes-dialog.h"
#include "wm-reader.h"
#include "wm-ui-text.h"
#include "wm-window.h"

#include "app-test-util.h"
#include "../test-util.h"

/* Map text in the real window's widgets: shown literally (never read as
 * markup or mnemonics) and clipped (a hostile text reaches a drawn window
 * in seconds, not minutes). */

/* Every markup and mnemonic trap at once; each field adds a tag of its own
 * so a label can be traced to the field it shows. */
#define TRAP "<b>bold</b> R&D team <span foreground=\"red\">x</span> Users < 18 a_b &amp;"

/* Generous: before the fix a 200,000-mark title took minutes. */
#define DRAWN_WITHIN_S 20.0

static const char *fields[] = {
  "title", "scenario", "persona-name", "persona-description", "persona-goal",
  "stage-title", "stage-goal", "lane-title", "card-text", "card-channel",
  "card-owner", "moment-text",
};

static char *tmp_dir;

static char *
trap_text (const char *field)
{
  return g_strdup_printf ("%s [%s]", TRAP, field);
}

/* The map, written as a file would be: every text field holds the trap. */
static char *
trap_map_xml (void)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n");
  /* g_autofree on an array frees only its first element. */
  char *t[G_N_ELEMENTS (fields)] = { NULL };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *text = trap_text (fields[i]);

      t[i] = g_markup_escape_text (text, -1);
    }
  g_string_append_printf (xml,
                          "  <title>%s</title>\n  <scenario>%s</scenario>\n"
                          "  <persona id=\"p\" color=\"#3584e4\"><name>%s</name>"
                          "<description>%s</description><goal>%s</goal></persona>\n"
                          "  <stage id=\"s\"><title>%s</title><goal>%s</goal></stage>\n"
                          "  <stage id=\"s2\"><title>Second</title></stage>\n"
                          "  <lane id=\"l\" kind=\"opportunities\"><title>%s</title>\n"
                          "    <card id=\"c\" stage=\"s\" channel=\"%s\" owner=\"%s\"><text>%s</text></card>\n"
                          "  </lane>\n  <lane id=\"e\" kind=\"emotion\"/>\n"
                          "  <curve persona=\"p\"><point stage=\"s\" value=\"1\"/></curve>\n"
                          "  <moment id=\"m\" kind=\"aha\" persona=\"p\" stage=\"s\"><text>%s</text></moment>\n"
                          "</map>\n",
                          t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[9], t[10], t[8], t[11]);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_free (t[i]);
  return g_string_free (xml, FALSE);
}

static GFile *
write_map (const char *name,
           const char *xml)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, xml, -1, &error));
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

/* Walking the widget tree */

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static GPtrArray *
widgets_of (GtkWidget *root,
            GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (root, type, found);
  return found;
}

/* No label shows a field's tag without the whole trap before it: markup
 * or a mnemonic would have eaten part of it. Markup that fails to parse
 * is a g_warning, fatal here. Returns how many labels show @wanted. */
static guint
check_labels (GtkWidget  *root,
              const char *wanted)
{
  g_autoptr(GPtrArray) labels = widgets_of (root, GTK_TYPE_LABEL);
  guint shown = 0;

  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);
      const char *text = gtk_label_get_text (label);

      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          g_autofree char *tag = g_strdup_printf ("[%s]", fields[f]);
          g_autofree char *literal = trap_text (fields[f]);

          if (strstr (text, tag) == NULL)
            continue;
          if (strstr (text, literal) == NULL)
            g_error ("a label shows “%s” for the map text “%s” (markup %d, underline %d)",
                     text, literal, gtk_label_get_use_markup (label), gtk_label_get_use_underline (label));
          g_assert_false (gtk_label_get_use_markup (label) && strstr (gtk_label_get_label (label), TRAP));
        }
      if (wanted != NULL && strstr (text, wanted) != NULL)
        shown++;
    }
  return shown;
}

static void
assert_label_shows (GtkWidget  *root,
                    const char *field)
{
  g_autofree char *literal = trap_text (field);

  if (check_labels (root, literal) == 0)
    g_error ("no label shows the %s “%s”", field, literal);
}

/* Rows holding map text read it back literally, markup off. */
static void
check_rows (GtkWidget *root)
{
  g_autoptr(GPtrArray) rows = widgets_of (root, ADW_TYPE_PREFERENCES_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      AdwPreferencesRow *row = g_ptr_array_index (rows, i);
      const char *title = adw_preferences_row_get_title (row);

      if (strstr (title, TRAP) != NULL)
        g_assert_false (adw_preferences_row_get_use_markup (row));
      if (ADW_IS_ACTION_ROW (row) && adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) != NULL &&
          strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), TRAP) != NULL)
        g_assert_false (adw_preferences_row_get_use_markup (row));
    }
}

/* Editors hold the whole text, to edit. */
static gboolean
editor_holds (GtkWidget  *root,
              const char *text)
{
  g_autoptr(GPtrArray) entries = widgets_of (root, GTK_TYPE_TEXT);
  g_autoptr(GPtrArray) views = widgets_of (root, GTK_TYPE_TEXT_VIEW);

  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (gtk_editable_get_text (g_ptr_array_index (entries, i)), text) == 0)
      return TRUE;
  for (guint i = 0; i < views->len; i++)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (g_ptr_array_index (views, i));
      GtkTextIter start, end;
      g_autofree char *held = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      held = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      if (g_strcmp0 (held, text) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
assert_editor_holds (GtkWidget  *root,
                     const char *field)
{
  g_autofree char *literal = trap_text (field);

  if (!editor_holds (root, literal))
    g_error ("no editor holds the %s", field);
}

/* Opening and drawing */

typedef struct
{
  gboolean done;
  gboolean ok;
  gboolean painted;
} Open;

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  Open *open = data;

  open->ok = wm_window_open_file_finish (WM_WINDOW (object), result, NULL);
  open->done = TRUE;
}

static gboolean
open_done (gpointer data)
{
  return ((Open *) data)->done;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Open          *open)
{
  open->painted = TRUE;
}

static gboolean
painted (gpointer data)
{
  return ((Open *) data)->painted;
}

/* Lays out and paints @window once more; asserts it does so in time. */
static void
draw_window (WmWindow *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  Open open = { 0 };
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &open);
  gtk_widget_queue_resize (GTK_WIDGET (window));
  g_assert_true (spin_until (painted, &open, DRAWN_WITHIN_S * 1000 * test_time_scale ()));
  g_signal_handler_disconnect (clock, id);
  spin_a_little ();
}

/* Opens @file as the application does (async), and waits for it drawn. */
static WmWindow *
open_window (GFile *file)
{
  WmWindow *window = wm_window_new (NULL);
  Open open = { 0 };

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  wm_window_open_file_async (window, file, NULL, opened_cb, &open);
  g_assert_true (spin_until (open_done, &open, DRAWN_WITHIN_S * 1000 * test_time_scale ()));
  g_assert_true (open.ok);
  draw_window (window);
  return window;
}

static void
select_item (WmWindow *window,
             gpointer  item)
{
  wm_canvas_set_selection (wm_window_get_canvas (window), item);
  g_assert_true (wm_inspector_get_selection (wm_window_get_inspector (window)) == item);
  draw_window (window);
}

static void
show_outline (WmWindow *window,
              gboolean  shown)
{
  gtk_toggle_button_set_active (window_child (window, "outline_button"), shown);
  draw_window (window);
}

static void
canvas_menu_at_cell (WmWindow *window,
                     int       lane,
                     int       stage)
{
  WmCanvas *canvas = wm_window_get_canvas (window);

  wm_canvas_set_cursor_cell (canvas, lane, stage);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.menu", NULL));
  draw_window (window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (wm_canvas_get_menu (canvas))));
  assert_label_shows (GTK_WIDGET (wm_canvas_get_menu (canvas)), "persona-name");
  popdown_settled (GTK_POPOVER (GTK_WIDGET (wm_canvas_get_menu (canvas))));
  spin_a_little ();
}

/* With WAYMARK_TEST_SCREENSHOTS=DIR, saves @window as DIR/NAME.png, to
 * look at. */
static void
screenshot (WmWindow   *window,
            const char *name)
{
  const char *dir = g_getenv ("WAYMARK_TEST_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;

  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (GTK_WIDGET (window)),
                          gtk_widget_get_height (GTK_WIDGET (window)));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  texture = gsk_renderer_render_texture (renderer, node, NULL);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static gboolean
present_ready (gpointer data)
{
  GtkWidget *canvas = GTK_WIDGET (wm_present_window_get_canvas (data));

  return gtk_widget_get_mapped (canvas) && gtk_widget_get_width (canvas) > 0 &&
         !wm_present_window_get_animating (data);
}

static void
check_present (WmHistory *history)
{
  WmPresentWindow *present = wm_present_window_new (history, NULL);

  gtk_window_set_default_size (GTK_WINDOW (present), 1280, 800);
  gtk_window_present (GTK_WINDOW (present));
  g_assert_true (spin_until (present_ready, present, 5000));
  spin_ms (100);   /* the first frame settles the view */
  g_assert_true (wm_present_window_handle_key (present, GDK_KEY_p, 0));
  g_assert_true (spin_until (present_ready, present, 5000));
  g_assert_true (wm_present_window_handle_key (present, GDK_KEY_Right, 0));
  g_assert_true (spin_until (present_ready, present, 5000));
  spin_a_little ();
  g_test_message ("present: %s (stage %d)", wm_present_window_get_position (present), wm_present_window_get_stage (present));
  assert_label_shows (GTK_WIDGET (present), "stage-title");
  assert_label_shows (GTK_WIDGET (present), "persona-name");
  gtk_window_destroy (GTK_WINDOW (present));
  spin_a_little ();
}

/* Test 1: markup and mnemonics */

static void
test_markup (void)
{
  g_autofree char *xml = trap_map_xml ();
  g_autoptr(GFile) file = write_map ("trap.waymark", xml);
  WmWindow *window = open_window (file);
  GtkWidget *root = GTK_WIDGET (window);
  WmDocument *document = wm_window_get_document (window);
  WmCurve *curve = wm_document_find_curve (document, "p");
  AdwExpanderRow *expander;
  g_autoptr(GPtrArray) expanders = NULL;
  g_autofree char *name = trap_text ("persona-name");
  g_autofree char *title = trap_text ("title");

  /* The map: window title, inspector with the map's fields. */
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), title));
  assert_label_shows (root, "title");
  assert_editor_holds (root, "title");
  assert_editor_holds (root, "scenario");
  expanders = widgets_of (GTK_WIDGET (wm_window_get_inspector (window)), ADW_TYPE_EXPANDER_ROW);
  g_assert_cmpuint (expanders->len, ==, 1);
  expander = g_ptr_array_index (expanders, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (expander)), ==, name);
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (expander)));
  assert_label_shows (GTK_WIDGET (wm_window_get_inspector (window)), "persona-name");
  adw_expander_row_set_expanded (expander, TRUE);
  draw_window (window);
  assert_editor_holds (root, "persona-name");
  assert_editor_holds (root, "persona-description");
  assert_editor_holds (root, "persona-goal");
  check_rows (root);
  screenshot (window, "inspector-map");

  /* Each item in the inspector. */
  select_item (window, wm_document_find_stage (document, "s"));
  assert_editor_holds (root, "stage-title");
  assert_editor_holds (root, "stage-goal");
  check_labels (root, NULL);
  select_item (window, wm_document_find_lane (document, "l"));
  assert_editor_holds (root, "lane-title");
  check_labels (root, NULL);
  select_item (window, wm_document_find_card (document, "c", NULL));
  assert_editor_holds (root, "card-text");
  assert_editor_holds (root, "card-channel");
  assert_editor_holds (root, "card-owner");
  check_labels (root, NULL);
  select_item (window, wm_document_find_moment (document, "m"));
  assert_editor_holds (root, "moment-text");
  check_labels (root, NULL);
  select_item (window, wm_curve_find_point (curve, "s"));
  /* The point's group names its stage (a markup-only description). */
  assert_label_shows (GTK_WIDGET (wm_window_get_inspector (window)), "stage-title");
  check_rows (root);

  /* The canvas's menu on the emotion lane offers the persona by name
   * where it has no value yet. */
  select_item (window, NULL);
  canvas_menu_at_cell (window, 1, 1);

  /* The outline: a row for every item. */
  show_outline (window, TRUE);
  assert_label_shows (root, "persona-name");
  assert_label_shows (root, "stage-title");
  assert_label_shows (root, "lane-title");
  assert_label_shows (root, "card-text");
  assert_label_shows (root, "moment-text");
  check_rows (root);
  screenshot (window, "outline");

  /* The lane's menu lists the stages to add a card in. */
  wm_outline_set_selection (wm_window_get_outline (window), G_OBJECT (wm_document_find_lane (document, "l")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wm_window_get_outline (window)), "outline.menu", NULL));
  draw_window (window);
  assert_label_shows (GTK_WIDGET (wm_outline_get_menu (wm_window_get_outline (window))), "stage-title");
  popdown_settled (wm_outline_get_menu (wm_window_get_outline (window)));

  /* Present mode names the stage and the persona in its toolbar. */
  check_present (wm_window_get_history (window));

  gtk_window_destroy (GTK_WINDOW (window));
  spin_a_little ();
}

/* Test 2: hostile texts */

static void
check_clipped (GtkWidget *root)
{
  g_autoptr(GPtrArray) labels = widgets_of (root, GTK_TYPE_LABEL);
  g_autoptr(GPtrArray) texts = widgets_of (root, GTK_TYPE_TEXT);
  g_autoptr(GPtrArray) views = widgets_of (root, GTK_TYPE_TEXT_VIEW);

  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_label (g_ptr_array_index (labels, i));

      g_assert_cmpuint (g_utf8_strlen (text, -1), <=, WM_UI_TEXT_BLOCK_CHARS + 1);
    }
  g_assert_cmpuint (g_utf8_strlen (gtk_window_get_title (GTK_WINDOW (root)), -1), <=,
                    WM_UI_TEXT_LINE_CHARS + 32);
  for (guint i = 0; i < texts->len; i++)
    g_assert_true (wm_ui_text_editable (gtk_editable_get_text (g_ptr_array_index (texts, i))));
  for (guint i = 0; i < views->len; i++)
    g_assert_cmpint (gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (g_ptr_array_index (views, i))),
                     <=, WM_UI_TEXT_EDIT_CHARS);
}

/* Everything that names an item, in turn in the inspector. */
static void
select_each (WmWindow *window)
{
  WmDocument *document = wm_window_get_document (window);
  GListModel *lists[] = {
    G_LIST_MODEL (wm_document_get_stages (document)),
    G_LIST_MODEL (wm_document_get_lanes (document)),
    G_LIST_MODEL (wm_document_get_moments (document)),
  };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < MIN (g_list_model_get_n_items (lists[l]), 3); i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (lists[l], i);

        select_item (window, item);
        check_clipped (GTK_WIDGET (window));
        if (WM_IS_LANE (item) && g_list_model_get_n_items (G_LIST_MODEL (wm_lane_get_cards (WM_LANE (item)))) > 0)
          {
            g_autoptr(GObject) card = g_list_model_get_item (G_LIST_MODEL (wm_lane_get_cards (WM_LANE (item))), 0);

            select_item (window, card);
            check_clipped (GTK_WIDGET (window));
          }
      }
  select_item (window, NULL);
}

static void
replay (GFile *file)
{
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autofree char *path = g_file_get_path (file);
  WmWindow *window = open_window (file);
  GListModel *stages = G_LIST_MODEL (wm_document_get_stages (wm_window_get_document (window)));
  g_autoptr(GPtrArray) expanders = NULL;

  check_clipped (GTK_WIDGET (window));
  expanders = widgets_of (GTK_WIDGET (wm_window_get_inspector (window)), ADW_TYPE_EXPANDER_ROW);
  for (guint i = 0; i < expanders->len; i++)
    adw_expander_row_set_expanded (g_ptr_array_index (expanders, i), TRUE);
  draw_window (window);
  check_clipped (GTK_WIDGET (window));
  select_each (window);
  /* The in-place editor takes a stage's title or refuses it. */
  if (g_list_model_get_n_items (stages) > 0)
    {
      g_autoptr(GObject) stage = g_list_model_get_item (stages, 0);

      select_item (window, stage);
      gtk_widget_activate_action (GTK_WIDGET (wm_window_get_canvas (window)), "canvas.edit", NULL);
      draw_window (window);
      check_clipped (GTK_WIDGET (window));
      wm_canvas_stop_editing (wm_window_get_canvas (window));
      select_item (window, NULL);
    }
  show_outline (window, TRUE);
  check_clipped (GTK_WIDGET (window));
  show_outline (window, FALSE);

  g_test_message ("%s: %.2f s", path, g_timer_elapsed (timer, NULL));
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 3 * DRAWN_WITHIN_S * test_time_scale ());
  gtk_window_destroy (GTK_WINDOW (window));
  spin_a_little ();
}

static void
test_hostile_file (gconstpointer data)
{
  g_autoptr(GFile) file = g_file_new_for_path (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = wm_reader_load_file (file, &error);

  if (document == NULL)
    {
      g_test_skip ("the reader refuses it");
      return;
    }
  replay (file);
}

/* One letter and 200,000 combining marks in the title, a persona's name,
 * a stage's title and a card's text. */
static void
test_combining_marks (void)
{
  GString *marks = g_string_new ("a");
  g_autofree char *xml = NULL;
  g_autoptr(GFile) file = NULL;

  for (guint i = 0; i < 200000; i++)
    g_string_append (marks, "\xcc\x81");
  xml = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
                         "  <title>%s</title>\n"
                         "  <persona id=\"p\"><name>%s</name></persona>\n"
                         "  <stage id=\"s\"><title>%s</title></stage>\n"
                         "  <lane id=\"l\" kind=\"actions\"><title>Lane</title>\n"
                         "    <card id=\"c\" stage=\"s\"><text>%s</text></card>\n"
                         "  </lane>\n"
                         "</map>\n", marks->str, marks->str, marks->str, marks->str);
  g_string_free (marks, TRUE);
  file = write_map ("marks.waymark", xml);
  replay (file);
}

/* Test 3: a file name that is not UTF-8 */

/* Every label and row under @root is UTF-8 (Pango warns on anything
 * else) and none holds the bytes of the file name; returns how many show
 * it decoded as far as it goes ("map-\uFFFD\uFFFD"). */
static guint
check_decoded (GtkWidget *root)
{
  g_autoptr(GPtrArray) labels = widgets_of (root, GTK_TYPE_LABEL);
  g_autoptr(GPtrArray) rows = widgets_of (root, ADW_TYPE_ACTION_ROW);
  guint shown = 0;

  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_label (g_ptr_array_index (labels, i));

      g_assert_true (g_utf8_validate (text, -1, NULL));
      if (strstr (text, "map-\xef\xbf\xbd") != NULL)
        shown++;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const char *subtitle = adw_action_row_get_subtitle (g_ptr_array_index (rows, i));

      g_assert_true (g_utf8_validate (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), -1, NULL));
      g_assert_true (subtitle == NULL || g_utf8_validate (subtitle, -1, NULL));
    }
  return shown;
}

static WmSaveChangesDialog *
shown_save_changes_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (WM_IS_SAVE_CHANGES_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return WM_SAVE_CHANGES_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return shown_save_changes_dialog () != NULL;
}

static void
asked_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (wm_save_changes_dialog_run_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *(gboolean *) data = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* A map without a title is named by its file; "map-\xff\xfe.waymark" (a
 * name in another encoding) in the window's title, subtitle and loading
 * label, in the save-changes list beside a map whose title is markup, and
 * in the bar saying another program changed it. */
static gboolean
names_changed_file (gpointer data)
{
  g_autoptr(GPtrArray) labels = widgets_of (data, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_label (g_ptr_array_index (labels, i));

      if (strstr (text, "changed by another program") != NULL && strstr (text, "map-") != NULL)
        return TRUE;
    }
  return FALSE;
}

#define CHANGED "<?xml version=\"1.0\"?>\n<map xmlns=\"urn:waymark:map:1\" format=\"1\"><title/></map>\n"

static void
test_undecodable_file_name (void)
{
  g_autoptr(GFile) file = write_map ("map-\xff\xfe.waymark",
                                     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                     "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
                                     "  <title></title>\n"
                                     "  <stage id=\"s\"><title>Stage</title></stage>\n"
                                     "</map>\n");
  g_autofree char *xml = trap_map_xml ();
  g_autoptr(GFile) trap_file = write_map ("trap-list.waymark", xml);
  WmWindow *window = open_window (file);
  WmWindow *trap_window = open_window (trap_file);
  g_autoptr(GPtrArray) windows = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  WmSaveChangesDialog *dialog;
  gboolean asked = FALSE;

  g_assert_true (g_utf8_validate (gtk_window_get_title (GTK_WINDOW (window)), -1, NULL));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "map-\xef\xbf\xbd"));
  g_assert_cmpuint (check_decoded (GTK_WIDGET (window)), >, 0);

  g_ptr_array_add (windows, window);
  g_ptr_array_add (windows, trap_window);
  wm_save_changes_dialog_run_async (GTK_WINDOW (window), windows, NULL, asked_cb, &asked);
  g_assert_true (spin_until (dialog_shown, NULL, 5000));
  dialog = shown_save_changes_dialog ();
  spin_a_little ();
  g_assert_cmpuint (check_decoded (GTK_WIDGET (dialog)), >, 0);
  check_rows (GTK_WIDGET (dialog));
  assert_label_shows (GTK_WIDGET (dialog), "title");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_assert_true (spin_until (flag_set, &asked, 5000));

  g_assert_true (g_file_replace_contents (file, CHANGED, strlen (CHANGED), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (spin_until (names_changed_file, window, 5000));
  draw_window (window);
  check_decoded (GTK_WIDGET (window));

  gtk_window_destroy (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (trap_window));
  spin_a_little ();
}

static void
add_hostile_tests (const char *folder,
                   const char *prefix)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, folder, NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *test_path = NULL;

      if (!g_str_has_suffix (name, ".waymark"))
        continue;
      test_path = g_strdup_printf ("/Waymark/UiText/%s/%s", prefix, name);
      g_test_add_data_func_full (test_path, g_build_filename (dir_path, name, NULL),
                                 test_hostile_file, g_free);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  tmp_dir = g_dir_make_tmp ("waymark-ui-text-XXXXXX", NULL);

  g_test_add_func ("/Waymark/UiText/markup", test_markup);
  g_test_add_func ("/Waymark/UiText/combining-marks", test_combining_marks);
  g_test_add_func ("/Waymark/UiText/undecodable-file-name", test_undecodable_file_name);
  add_hostile_tests ("fuzz/regressions", "fuzz");
  add_hostile_tests ("core/files/hostile", "hostile");

  status = g_test_run ();
  test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
