/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-tooltip.c - tooltips keep their text on one line in Chinese
 *
 * GTK 4.8 wraps a tooltip at as many average Latin characters as the text
 * has characters, so "主菜单" showed one character per line. The pointer
 * is moved onto real buttons (XTest through xdotool) and the label GTK
 * then shows is measured. Needs a display (Xvfb) and xdotool. */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <stdio.h>
#include <string.h>

#include "app-test-util.h"
#include "wm-tooltip.h"

static GtkWidget *
find_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* GTK 4.8 parents the tooltip's popup to the window of the widget it
 * explains. */
static GtkWidget *
shown_tooltip (GtkWidget *widget)
{
  GtkWidget *native = GTK_WIDGET (gtk_widget_get_native (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (native); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_NATIVE (child) && gtk_widget_get_mapped (child) &&
        g_strcmp0 (gtk_widget_get_css_name (child), "tooltip") == 0)
      return child;
  return NULL;
}

static gboolean
tooltip_shown_cb (gpointer data)
{
  GtkWidget *tooltip = shown_tooltip (data);

  return tooltip != NULL && gtk_widget_get_width (tooltip) > 1;
}

static gboolean
tooltip_hidden_cb (gpointer data)
{
  return shown_tooltip (data) == NULL;
}

static void
xdotool (const char *args)
{
  g_autofree char *command = g_strdup_printf ("xdotool %s", args);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_command_line_sync (command, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Moves the pointer off and then onto the middle of @widget. */
static void
hover (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  Window xid = gdk_x11_surface_get_xid (surface);
  graphene_point_t point;
  double dx, dy;
  g_autofree char *off = NULL;
  g_autofree char *on = NULL;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.f,
                                                                 gtk_widget_get_height (widget) / 2.f),
                                           &point));
  gtk_native_get_surface_transform (native, &dx, &dy);
  off = g_strdup_printf ("mousemove --window %lu 1 1", (gulong) xid);
  on = g_strdup_printf ("mousemove --window %lu %d %d", (gulong) xid,
                        (int) (point.x + dx), (int) (point.y + dy));
  xdotool (off);
  spin_ms (100);
  xdotool (on);
}

typedef struct
{
  int lines;
  int width;
  int char_width;  /* of one Han character of the same font */
} Shown;

/* Hovers a button with tooltip @text and measures the label shown. */
static Shown
show_tooltip (GtkWidget  *box,
              const char *text)
{
  GtkWidget *button = gtk_button_new_with_label ("?");
  GtkWidget *tooltip;
  GtkWidget *label;
  PangoLayout *han;
  Shown shown;

  gtk_widget_set_tooltip_text (button, text);
  gtk_box_append (GTK_BOX (box), button);
  g_assert_true (spin_until ((Condition) gtk_widget_get_mapped, button, 2000));
  spin_ms (100);

  hover (button);
  g_assert_true (spin_until (tooltip_shown_cb, button, 5000));
  spin_ms (100);
  tooltip = shown_tooltip (button);
  label = find_label (tooltip);
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, text);

  shown.lines = pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (label)));
  shown.width = gtk_widget_get_width (label);
  han = gtk_widget_create_pango_layout (label, "菜");
  pango_layout_get_pixel_size (han, &shown.char_width, NULL);
  g_object_unref (han);
  g_test_message ("“%s”: %d lines, %d px wide (one Han character: %d px)",
                  text, shown.lines, shown.width, shown.char_width);

  /* Off again, so the next button's tooltip is a fresh one. */
  xdotool ("mousemove 0 0");
  spin_until (tooltip_hidden_cb, button, 2000);
  gtk_box_remove (GTK_BOX (box), button);
  return shown;
}

static GtkWidget *
new_window (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 300);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static gboolean
can_hover (void)
{
  g_autofree char *xdotool_path = g_find_program_in_path ("xdotool");

  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()) || xdotool_path == NULL)
    {
      g_test_skip ("needs X11 and xdotool to move the pointer");
      return FALSE;
    }
  return TRUE;
}

/* /Waymark/Tooltip/chinese: a short Chinese tooltip is one line; a long
 * one wraps with many characters a line, not one. */
static void
test_chinese (void)
{
  const char *long_text = "在检查器中编辑所选卡片、阶段或泳道的全部属性：触点类型、严重程度、"
                          "内部责任部门、渠道和颜色，都可以只用键盘完成，并且每一步都可以撤销";
  GtkWidget *window;
  GtkWidget *box;
  Shown shown;

  if (!can_hover ())
    return;
  window = new_window ();
  box = gtk_window_get_child (GTK_WINDOW (window));

  shown = show_tooltip (box, "主菜单");
  g_assert_cmpint (shown.lines, ==, 1);
  g_assert_cmpint (shown.width, >=, 3 * shown.char_width);

  shown = show_tooltip (box, "显示检查器（F9）");
  g_assert_cmpint (shown.lines, ==, 1);

  /* Wrapped at a sensible width: some 20 to 30 characters a line. */
  shown = show_tooltip (box, long_text);
  g_assert_cmpint (shown.lines, >=, 2);
  g_assert_cmpint (shown.lines, <=, 4);
  g_assert_cmpint (shown.width, >=, 18 * shown.char_width);
  g_assert_cmpint (shown.width, <=, 32 * shown.char_width);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* /Waymark/Tooltip/english: English is unchanged: short on one line,
 * long wrapped at about fifty characters. */
static void
test_english (void)
{
  GtkWidget *window;
  GtkWidget *box;
  Shown shown;

  if (!can_hover ())
    return;
  window = new_window ();
  box = gtk_window_get_child (GTK_WINDOW (window));

  shown = show_tooltip (box, "Main Menu");
  g_assert_cmpint (shown.lines, ==, 1);

  shown = show_tooltip (box, "Show or hide the inspector, where the selected card, stage or "
                             "lane is edited with all of its attributes and its colour");
  g_assert_cmpint (shown.lines, >=, 2);
  g_assert_cmpint (shown.lines, <=, 4);
  g_assert_cmpint (shown.width, <=, 32 * shown.char_width);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();
  /* What the application does at start-up. */
  wm_tooltip_install ();

  g_test_add_func ("/Waymark/Tooltip/chinese", test_chinese);
  g_test_add_func ("/Waymark/Tooltip/english", test_english);
  return g_test_run ();
}
