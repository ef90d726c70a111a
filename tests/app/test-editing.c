/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-editing.c - text entry never damages the map
 *
 * Keys go to a real map window under Xvfb with xdotool, as a user types
 * them: Ctrl+Z in a text field undoes the document's step (never records
 * a blank title as a new edit, never loses redo); Add Persona puts the
 * keyboard in the new persona's name, not in the map's title. */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <stdio.h>
#include <string.h>

#include "app-test-util.h"
#include "wm-edits.h"
#include "wm-style.h"
#include "wm-window.h"

static char *tmp_dir;

/* With WAYMARK_TEST_SHOTS=DIR, the screen as the user would see it. */
static void
shot (const char *name)
{
  const char *dir = g_getenv ("WAYMARK_TEST_SHOTS");
  g_autofree char *command = NULL;

  if (dir == NULL)
    return;
  command = g_strdup_printf ("import -window root %s/%s.png", dir, name);
  spin_ms (300);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
}

static gboolean
have_xdotool (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  if (xdotool == NULL || g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("needs xdotool and an X display");
      return FALSE;
    }
  return TRUE;
}

static WmWindow *
new_window (void)
{
  g_autoptr(GError) error = NULL;
  WmWindow *window = wm_window_new_from_template (NULL, "camping", &error);
  g_autofree char *title = NULL;

  g_assert_no_error (error);
  /* A name of its own, for xdotool to find. */
  title = g_strdup_printf ("waymark-editing-%d", g_random_int_range (0, G_MAXINT));
  gtk_window_present (GTK_WINDOW (window));
  spin_ms (300);
  gtk_window_set_title (GTK_WINDOW (window), title);
  spin_ms (100);
  xdo ("search", "--sync", "--onlyvisible", "--name", title, "windowfocus", "--sync", NULL);
  spin_ms (300);
  return window;
}

static void
keys (const char *first,
      ...)
{
  va_list ap;

  va_start (ap, first);
  for (const char *key = first; key != NULL; key = va_arg (ap, const char *))
    {
      xdo ("key", "--clearmodifiers", key, NULL);
      spin_ms (200);
    }
  va_end (ap);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static gboolean
counted (gpointer data)
{
  return *(guint *) data > 0;
}

/* Sends @key and waits until @instance emits @signal: a loaded machine
 * may take its time. */
static void
key_until_signal (gpointer    instance,
                  const char *signal,
                  const char *key)
{
  guint count = 0;
  gulong id = g_signal_connect_swapped (instance, signal, G_CALLBACK (count_cb), &count);

  xdo ("key", "--clearmodifiers", key, NULL);
  spin_until (counted, &count, 10000);
  g_signal_handler_disconnect (instance, id);
  spin_ms (50);
}

/* Ctrl+Z and the like: a key that changes the history. */
static void
history_key (WmWindow   *window,
             const char *key)
{
  key_until_signal (wm_window_get_history (window), "changed", key);
}

typedef struct
{
  GObject    *object;
  const char *property;
  const char *suffix;
} Suffix;

static gboolean
has_suffix (gpointer data)
{
  Suffix *want = data;
  g_autofree char *text = NULL;

  g_object_get (want->object, want->property, &text, NULL);
  return text != NULL && g_str_has_suffix (text, want->suffix);
}

/* Types @text and waits until @object's @property ends with it. */
static void
type_into (gpointer    object,
           const char *property,
           const char *text)
{
  Suffix want = { object, property, text };

  xdo ("type", "--delay", "40", text, NULL);
  spin_until (has_suffix, &want, 10000);
  spin_ms (50);
}

static gboolean
canvas_editing (gpointer data)
{
  return wm_canvas_get_editing (data);
}

static void
close_window (WmWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  spin_a_little ();
}

static GtkWidget *
field (WmWindow   *window,
       const char *property)
{
  GtkWidget *widget = wm_inspector_get_field (wm_window_get_inspector (window), property);

  g_assert_nonnull (widget);
  return widget;
}

static gboolean
has_focus_within (WmWindow  *window,
                  GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Two edits, the second undone; then Ctrl+Z in a text field. */
static void
check_undo_in_field (WmWindow   *window,
                     GtkWidget  *widget)
{
  WmHistory *history = wm_window_get_history (window);
  WmDocument *document = wm_window_get_document (window);
  g_autoptr(WmStage) stage = g_list_model_get_item (G_LIST_MODEL (wm_document_get_stages (document)), 0);
  g_autofree char *stage_title = g_strdup (wm_stage_get_title (stage));
  g_autofree char *title = g_strdup (wm_document_get_title (document));

  wm_history_push (history, wm_edit_set (stage, "title", "First"));
  wm_history_push (history, wm_edit_set (stage, "title", "Second"));
  g_assert_true (wm_history_undo (history));
  spin_a_little ();

  gtk_widget_grab_focus (widget);
  spin_ms (200);
  g_assert_true (has_focus_within (window, widget));
  history_key (window, "ctrl+z");
  /* The document's step was undone; nothing new was recorded. */
  g_assert_cmpstr (wm_stage_get_title (stage), ==, stage_title);
  g_assert_cmpstr (wm_document_get_title (document), ==, title);
  g_assert_false (wm_history_get_can_undo (history));
  g_assert_true (wm_history_get_can_redo (history));

  history_key (window, "ctrl+shift+z");
  g_assert_cmpstr (wm_stage_get_title (stage), ==, "First");
  history_key (window, "ctrl+y");
  g_assert_cmpstr (wm_stage_get_title (stage), ==, "Second");
  g_assert_cmpstr (wm_document_get_title (document), ==, title);
  g_assert_false (wm_history_get_can_redo (history));
}

static void
test_undo_in_title (void)
{
  WmWindow *window;

  if (!have_xdotool ())
    return;
  window = new_window ();
  check_undo_in_field (window, field (window, "title"));
  close_window (window);
}

static char *
field_text (GtkWidget *widget)
{
  GtkTextIter start, end;

  if (GTK_IS_EDITABLE (widget))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), &start, &end);
  return gtk_text_iter_get_text (&start, &end);
}

static char *
document_text (WmDocument *document,
               const char *property)
{
  char *text = NULL;

  g_object_get (document, property, &text, NULL);
  return text;
}

/* Typed text is one step: Ctrl+Z takes the typing back (not as a new
 * edit: redo still brings it back), then the document's earlier step. */
static void
check_undo_typing (const char *property)
{
  WmWindow *window = new_window ();
  WmHistory *history = wm_window_get_history (window);
  WmDocument *document = wm_window_get_document (window);
  GtkWidget *widget = field (window, property);
  g_autofree char *before = document_text (document, property);
  g_autofree char *typed = NULL, *undone = NULL, *shown = NULL, *redone = NULL;

  gtk_widget_grab_focus (widget);
  spin_ms (200);
  keys ("ctrl+End", NULL);
  type_into (document, property, "xyz");
  typed = document_text (document, property);
  g_assert_true (g_str_has_suffix (typed, "xyz"));
  history_key (window, "ctrl+z");
  undone = document_text (document, property);
  shown = field_text (widget);
  g_assert_cmpstr (undone, ==, before);
  g_assert_cmpstr (shown, ==, before);
  g_assert_false (wm_history_get_can_undo (history));
  g_assert_true (wm_history_get_can_redo (history));
  history_key (window, "ctrl+shift+z");
  redone = document_text (document, property);
  g_assert_cmpstr (redone, ==, typed);
  close_window (window);
}

static void
test_undo_typing_title (void)
{
  if (have_xdotool ())
    check_undo_typing ("title");
}

static void
test_undo_typing_scenario (void)
{
  if (have_xdotool ())
    check_undo_typing ("scenario");
}

/* The canvas's in-place editor: Ctrl+Z with nothing typed undoes the
 * document's step and keeps redo; the card keeps its text. */
static void
test_undo_in_card_editor (void)
{
  WmWindow *window;
  WmHistory *history;
  WmDocument *document;
  g_autoptr(WmLane) lane = NULL;
  g_autoptr(WmCard) card = NULL;
  g_autoptr(WmStage) stage = NULL;
  g_autofree char *text = NULL, *stage_title = NULL;

  if (!have_xdotool ())
    return;
  window = new_window ();
  history = wm_window_get_history (window);
  document = wm_window_get_document (window);
  lane = g_list_model_get_item (G_LIST_MODEL (wm_document_get_lanes (document)), 0);
  card = g_list_model_get_item (G_LIST_MODEL (wm_lane_get_cards (lane)), 0);
  stage = g_list_model_get_item (G_LIST_MODEL (wm_document_get_stages (document)), 0);
  text = g_strdup (wm_card_get_text (card));
  stage_title = g_strdup (wm_stage_get_title (stage));
  wm_history_push (history, wm_edit_set (stage, "title", "First"));
  wm_history_push (history, wm_edit_set (stage, "title", "Second"));
  g_assert_true (wm_history_undo (history));
  spin_a_little ();

  wm_canvas_set_selection (wm_window_get_canvas (window), G_OBJECT (card));
  gtk_widget_grab_focus (GTK_WIDGET (wm_window_get_canvas (window)));
  spin_ms (200);
  keys ("Return", NULL);
  g_assert_true (spin_until (canvas_editing, wm_window_get_canvas (window), 10000));
  history_key (window, "ctrl+z");
  g_assert_cmpstr (wm_card_get_text (card), ==, text);
  g_assert_cmpstr (wm_stage_get_title (stage), ==, stage_title);
  g_assert_false (wm_history_get_can_undo (history));
  history_key (window, "ctrl+shift+z");
  g_assert_cmpstr (wm_stage_get_title (stage), ==, "First");
  g_assert_cmpstr (wm_card_get_text (card), ==, text);
  g_assert_true (wm_history_get_can_redo (history));

  /* Typed text is taken back as the document's step: redo brings it. */
  wm_canvas_set_selection (wm_window_get_canvas (window), G_OBJECT (card));
  gtk_widget_grab_focus (GTK_WIDGET (wm_window_get_canvas (window)));
  spin_ms (200);
  keys ("Return", NULL);
  g_assert_true (spin_until (canvas_editing, wm_window_get_canvas (window), 10000));
  keys ("ctrl+End", NULL);
  type_into (card, "text", "xyz");
  history_key (window, "ctrl+z");
  g_assert_cmpstr (wm_card_get_text (card), ==, text);
  g_assert_true (wm_history_get_can_redo (history));
  history_key (window, "ctrl+shift+z");
  g_assert_true (g_str_has_suffix (wm_card_get_text (card), "xyz"));
  close_window (window);
}

static gboolean
focus_in_text (gpointer window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  /* Keys reach a text field only once it is on screen: a field of the
   * persona row just added maps with the next frame. */
  return focus != NULL && GTK_IS_EDITABLE (focus) && gtk_widget_get_mapped (focus);
}

/* Add Persona, then typing: the new persona is named, the map's title
 * untouched. Remove Persona leaves the keyboard in no text field. */
static void
test_add_persona_focus (void)
{
  WmWindow *window;
  WmDocument *document;
  GListModel *personas;
  g_autofree char *title = NULL;
  g_autoptr(WmPersona) added = NULL;
  GtkWidget *focus;
  guint n;

  if (!have_xdotool ())
    return;
  window = new_window ();
  document = wm_window_get_document (window);
  personas = G_LIST_MODEL (wm_document_get_personas (document));
  title = g_strdup (wm_document_get_title (document));
  n = g_list_model_get_n_items (personas);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wm_window_get_inspector (window)), "inspector.add-persona", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (personas), ==, n + 1);
  g_assert_true (spin_until (focus_in_text, window, 5000));
  xdo_focus (GTK_WINDOW (window));
  added = g_list_model_get_item (personas, n);
  type_into (added, "name", "Alice");
  shot ("add-persona");
  g_assert_cmpstr (wm_persona_get_name (added), ==, "Alice");
  g_assert_cmpstr (wm_document_get_title (document), ==, title);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wm_window_get_inspector (window)), "inspector.remove-persona",
                                             "s", wm_item_get_id (WM_ITEM (added))));
  spin_ms (300);
  g_assert_cmpuint (g_list_model_get_n_items (personas), ==, n);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_false (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus));
  xdo ("type", "--delay", "40", "zz", NULL);
  spin_ms (300);
  g_assert_cmpstr (wm_document_get_title (document), ==, title);
  close_window (window);
}

static gboolean
persona_named (gpointer data)
{
  return g_strcmp0 (wm_persona_get_name (data), "Alice") == 0;
}

/* Typing the moment Add Persona is chosen, before the new row has been
 * drawn: no key may be lost (the Name field is mapped a frame later). */
static void
test_add_persona_type_at_once (void)
{
  WmWindow *window;
  WmDocument *document;
  GListModel *personas;
  g_autofree char *title = NULL;
  g_autoptr(WmPersona) added = NULL;
  guint n;

  if (!have_xdotool ())
    return;
  window = new_window ();
  document = wm_window_get_document (window);
  personas = G_LIST_MODEL (wm_document_get_personas (document));
  title = g_strdup (wm_document_get_title (document));
  n = g_list_model_get_n_items (personas);
  xdo_focus (GTK_WINDOW (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wm_window_get_inspector (window)), "inspector.add-persona", NULL));
  /* No spin before: the keys are queued while the row is not yet shown. */
  xdo ("type", "--delay", "0", "Alice", NULL);
  added = g_list_model_get_item (personas, n);
  spin_until (persona_named, added, 5000);
  spin_ms (100);
  g_assert_cmpstr (wm_persona_get_name (added), ==, "Alice");
  g_assert_cmpstr (wm_document_get_title (document), ==, title);
  close_window (window);
}

/* A persona without a colour (older files) shows in the swatch the
 * colour its curve is drawn in, not grey. */
static void
test_persona_swatch (void)
{
  WmWindow *window = NULL;
  WmDocument *document;
  g_autoptr(WmPersona) persona = NULL;
  GtkWidget *swatch;
  GdkRGBA rgba;
  WmRgba drawn;

  {
    g_autoptr(GError) error = NULL;

    window = wm_window_new_from_template (NULL, "camping", &error);
    g_assert_no_error (error);
  }
  gtk_window_present (GTK_WINDOW (window));
  spin_ms (200);
  document = wm_window_get_document (window);
  persona = g_list_model_get_item (G_LIST_MODEL (wm_document_get_personas (document)), 0);
  wm_history_push (wm_window_get_history (window), wm_edit_set (persona, "color", NULL));
  spin_a_little ();
  g_assert_null (wm_persona_get_color (persona));
  swatch = field (window, "color");
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (swatch), &rgba);
  G_GNUC_END_IGNORE_DEPRECATIONS
  wm_style_persona_color (wm_style_get (WM_THEME_LIGHT), 0, &drawn);
  g_assert_cmpfloat_with_epsilon (rgba.red, drawn.r, 0.01);
  g_assert_cmpfloat_with_epsilon (rgba.green, drawn.g, 0.01);
  g_assert_cmpfloat_with_epsilon (rgba.blue, drawn.b, 0.01);
  close_window (window);
}

/* Ctrl+D on a selected stage header duplicates the stage, one step. */
static void
test_duplicate_stage_key (void)
{
  WmWindow *window;
  WmDocument *document;
  WmHistory *history;
  GListModel *stages;
  g_autoptr(WmStage) stage = NULL;
  guint n;

  if (!have_xdotool ())
    return;
  window = new_window ();
  document = wm_window_get_document (window);
  history = wm_window_get_history (window);
  stages = G_LIST_MODEL (wm_document_get_stages (document));
  n = g_list_model_get_n_items (stages);
  stage = g_list_model_get_item (stages, 1);
  wm_canvas_set_selection (wm_window_get_canvas (window), G_OBJECT (stage));
  gtk_widget_grab_focus (GTK_WIDGET (wm_window_get_canvas (window)));
  spin_ms (200);
  history_key (window, "ctrl+d");
  g_assert_cmpuint (g_list_model_get_n_items (stages), ==, n + 1);
  g_assert_cmpstr (wm_history_get_undo_label (history), ==, "Duplicate Stage");
  history_key (window, "ctrl+z");
  g_assert_cmpuint (g_list_model_get_n_items (stages), ==, n);
  g_assert_false (wm_history_get_can_undo (history));
  close_window (window);
}

typedef struct
{
  GListModel *cards;
  guint       want;
} Count;

static gboolean
count_reached (gpointer data)
{
  Count *count = data;

  return g_list_model_get_n_items (count->cards) >= count->want;
}

static void
read_text_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  *(char **) data = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
}

static gboolean
text_arrived (gpointer data)
{
  return *(char **) data != NULL;
}

/* What Ctrl+C put on the clipboard, as another program reads text. */
static char *
clipboard_text (WmWindow *window)
{
  char *text = NULL;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL, read_text_cb, &text);
  g_assert_true (spin_until (text_arrived, &text, 10000));
  return text;
}

/* Ctrl+C on a card gives its words; on a stage, a tab-separated block;
 * Ctrl+V of three lines makes three cards, one undo step. */
static void
test_clipboard_text (void)
{
  WmWindow *window;
  WmDocument *document;
  WmHistory *history;
  g_autoptr(WmLane) lane = NULL;
  g_autoptr(WmCard) card = NULL;
  g_autoptr(WmStage) stage = NULL;
  g_autofree char *copied = NULL, *block = NULL;
  Count count;

  if (!have_xdotool ())
    return;
  window = new_window ();
  document = wm_window_get_document (window);
  history = wm_window_get_history (window);
  lane = g_list_model_get_item (G_LIST_MODEL (wm_document_get_lanes (document)), 0);
  card = g_list_model_get_item (G_LIST_MODEL (wm_lane_get_cards (lane)), 0);
  stage = g_list_model_get_item (G_LIST_MODEL (wm_document_get_stages (document)), 0);

  wm_canvas_set_selection (wm_window_get_canvas (window), G_OBJECT (card));
  gtk_widget_grab_focus (GTK_WIDGET (wm_window_get_canvas (window)));
  spin_ms (200);
  key_until_signal (gtk_widget_get_clipboard (GTK_WIDGET (window)), "changed", "ctrl+c");
  copied = clipboard_text (window);
  g_assert_cmpstr (copied, ==, wm_card_get_text (card));

  wm_canvas_set_selection (wm_window_get_canvas (window), G_OBJECT (stage));
  spin_ms (100);
  key_until_signal (gtk_widget_get_clipboard (GTK_WIDGET (window)), "changed", "ctrl+c");
  block = clipboard_text (window);
  g_assert_true (g_str_has_prefix (block, "\t"));
  g_assert_nonnull (strstr (block, wm_card_get_text (card)));
  g_assert_null (strstr (block, "{"));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), "alpha\n\nbeta\ngamma\n");
  wm_canvas_set_selection (wm_window_get_canvas (window), G_OBJECT (card));
  spin_ms (100);
  count.cards = G_LIST_MODEL (wm_lane_get_cards (lane));
  count.want = g_list_model_get_n_items (count.cards) + 3;
  keys ("ctrl+v", NULL);
  g_assert_true (spin_until (count_reached, &count, 10000));
  spin_ms (200);
  g_assert_cmpuint (g_list_model_get_n_items (count.cards), ==, count.want);
  g_assert_cmpstr (wm_history_get_undo_label (history), ==, "Paste Cards");
  history_key (window, "ctrl+z");
  g_assert_cmpuint (g_list_model_get_n_items (count.cards), ==, count.want - 3);
  g_assert_false (wm_history_get_can_undo (history));
  close_window (window);
}

/* A right-click in the emotion lane offers Add Aha-Moment for the curve
 * nearest the click: here the second persona's, high above the first's. */
static void
test_moment_nearest_curve (void)
{
  WmWindow *window;
  WmDocument *document;
  WmHistory *history;
  WmLayout *layout;
  GListModel *personas, *moments;
  g_autoptr(WmPersona) second = NULL;
  g_autoptr(WmStage) stage = NULL;
  g_autoptr(WmMoment) moment = NULL;
  GMenuModel *model;
  g_autoptr(GVariant) target = NULL;
  g_autofree char *action = NULL, *move = NULL;
  cairo_rectangle_t cell;
  double wx, wy, tx, ty, dx, dy;
  int lane;
  guint n;

  if (!have_xdotool ())
    return;
  window = new_window ();
  document = wm_window_get_document (window);
  history = wm_window_get_history (window);
  personas = G_LIST_MODEL (wm_document_get_personas (document));
  moments = G_LIST_MODEL (wm_document_get_moments (document));
  stage = g_list_model_get_item (G_LIST_MODEL (wm_document_get_stages (document)), 1);
  wm_history_push (history, wm_edit_add_persona (document, "Second", NULL));
  second = g_list_model_get_item (personas, g_list_model_get_n_items (personas) - 1);
  wm_history_push (history, wm_edit_set_point (document, wm_item_get_id (WM_ITEM (second)),
                                               wm_item_get_id (WM_ITEM (stage)), 3.0));
  spin_ms (200);

  layout = wm_canvas_get_layout (wm_window_get_canvas (window));
  lane = wm_layout_get_emotion_lane (layout);
  g_assert_cmpint (lane, >=, 0);
  g_assert_true (wm_layout_get_cell_rect (layout, lane, 1, &cell));
  wm_canvas_layout_to_widget (wm_window_get_canvas (window), cell.x + cell.width / 2,
                              wm_layout_value_to_y (layout, lane, 2.8), &wx, &wy);
  g_assert_true (wx > 0 && wy > 0 && wx < gtk_widget_get_width (GTK_WIDGET (wm_window_get_canvas (window))) &&
                 wy < gtk_widget_get_height (GTK_WIDGET (wm_window_get_canvas (window))));
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (wm_window_get_canvas (window)), GTK_WIDGET (window),
                                                   wx, wy, &tx, &ty));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &dx, &dy);
  move = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))));
  {
    g_autofree char *xs = g_strdup_printf ("%d", (int) (tx + dx));
    g_autofree char *ys = g_strdup_printf ("%d", (int) (ty + dy));

    xdo ("mousemove", "--sync", "--window", move, xs, ys, NULL);
    spin_ms (100);
    xdo ("click", "3", NULL);
    spin_ms (400);
  }
  g_assert_nonnull (GTK_WIDGET (wm_canvas_get_menu (wm_window_get_canvas (window))));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (wm_canvas_get_menu (wm_window_get_canvas (window)))));
  shot ("moment-menu");
  model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (GTK_WIDGET (wm_canvas_get_menu (wm_window_get_canvas (window)))));
  g_assert_true (g_menu_model_get_item_attribute (model, 0, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  g_assert_cmpstr (action, ==, "canvas.add-aha-for");
  target = g_menu_model_get_item_attribute_value (model, 0, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);
  g_assert_nonnull (target);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, wm_item_get_id (WM_ITEM (second)));

  /* As choosing the item does; one step. */
  n = g_list_model_get_n_items (moments);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (wm_canvas_get_menu (wm_window_get_canvas (window))), action, target));
  popdown_settled (GTK_POPOVER (GTK_WIDGET (wm_canvas_get_menu (wm_window_get_canvas (window)))));
  spin_ms (200);
  g_assert_cmpuint (g_list_model_get_n_items (moments), ==, n + 1);
  moment = g_list_model_get_item (moments, n);
  g_assert_cmpstr (wm_moment_get_persona (moment), ==, wm_item_get_id (WM_ITEM (second)));
  g_assert_cmpstr (wm_history_get_undo_label (history), ==, "Add Aha-Moment");

  /* The inspector's persona combo moves it to the first persona. */
  wm_canvas_stop_editing (wm_window_get_canvas (window));
  wm_canvas_set_selection (wm_window_get_canvas (window), G_OBJECT (moment));
  spin_ms (200);
  shot ("moment-inspector");
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (window, "persona")), 0);
  spin_a_little ();
  g_assert_cmpstr (wm_moment_get_persona (moment), ==, "camper");
  g_assert_true (wm_history_undo (history));
  spin_a_little ();
  g_assert_cmpstr (wm_moment_get_persona (moment), ==, wm_item_get_id (WM_ITEM (second)));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (field (window, "persona"))), ==,
                    g_list_model_get_n_items (personas) - 1);
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("waymark-test-editing-XXXXXX", NULL);
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

  g_test_add_func ("/Waymark/Editing/undo-in-title", test_undo_in_title);
  g_test_add_func ("/Waymark/Editing/undo-typing-title", test_undo_typing_title);
  g_test_add_func ("/Waymark/Editing/undo-typing-scenario", test_undo_typing_scenario);

  g_test_add_func ("/Waymark/Editing/undo-in-card-editor", test_undo_in_card_editor);

  g_test_add_func ("/Waymark/Editing/add-persona-focus", test_add_persona_focus);
  g_test_add_func ("/Waymark/Editing/add-persona-type-at-once", test_add_persona_type_at_once);

  g_test_add_func ("/Waymark/Editing/persona-swatch", test_persona_swatch);

  g_test_add_func ("/Waymark/Editing/duplicate-stage-key", test_duplicate_stage_key);

  g_test_add_func ("/Waymark/Editing/clipboard-text", test_clipboard_text);

  g_test_add_func ("/Waymark/Editing/moment-nearest-curve", test_moment_nearest_curve);

  return g_test_run ();
}
