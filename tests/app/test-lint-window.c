/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-lint-window.c - Check Map… in the main menu opens the eight elements
 *
 * WAYMARK_TEST_SHOTS=DIR saves a screenshot of the panel there. */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <string.h>

#include "wm-lint.h"
#include "wm-window.h"

#include "app-test-util.h"

static GtkWindow *
find_panel (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_PREFERENCES_WINDOW (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
panel_shown (gpointer data)
{
  return find_panel () != NULL;
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (ADW_IS_ACTION_ROW (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static GtkWindow *
open_panel (const char *template,
            WmWindow  **window_out)
{
  g_autoptr(GError) error = NULL;
  WmWindow *window = wm_window_new_from_template (NULL, template, &error);

  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  spin_a_little ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.check-map", NULL));
  g_assert_true (spin_until (panel_shown, NULL, 10000));
  *window_out = window;
  return find_panel ();
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

/* Row @i is element @i; its status word is the row's last label. */
static void
assert_rows (GtkWindow   *panel,
             const WmLintLevel *expected)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (panel), rows);
  g_assert_cmpuint (rows->len, ==, WM_LINT_N_ELEMENTS);
  for (guint i = 0; i < rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (rows, i);

      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                       wm_lint_element_label (i));
      g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)));
      g_assert_cmpuint (strlen (adw_action_row_get_subtitle (row)), >, 0);
      if (expected != NULL)
        g_assert_true (has_label (GTK_WIDGET (row), wm_lint_level_label (expected[i])));
    }
}

static void
test_camping (void)
{
  WmWindow *window;
  GtkWindow *panel = open_panel ("camping", &window);

  WmLintLevel all_ok[WM_LINT_N_ELEMENTS] = { 0 };

  assert_rows (panel, all_ok);
  test_save_widget_shot (GTK_WIDGET (panel), "check-map-camping.png");
  gtk_window_destroy (panel);
  gtk_window_destroy (GTK_WINDOW (window));
  spin_a_little ();
}

static void
test_blank (void)
{
  WmWindow *window;
  GtkWindow *panel = open_panel ("blank", &window);
  WmLintLevel levels[WM_LINT_N_ELEMENTS] = {
    WM_LINT_THIN, WM_LINT_MISSING, WM_LINT_OK, WM_LINT_MISSING,
    WM_LINT_MISSING, WM_LINT_THIN, WM_LINT_MISSING, WM_LINT_MISSING,
  };

  assert_rows (panel, levels);
  test_save_widget_shot (GTK_WIDGET (panel), "check-map-blank.png");
  gtk_window_destroy (panel);
  gtk_window_destroy (GTK_WINDOW (window));
  spin_a_little ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;

  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  tmp = g_dir_make_tmp ("waymark-test-lint-XXXXXX", NULL);
  g_setenv ("XDG_CONFIG_HOME", tmp, TRUE);
  g_setenv ("XDG_DATA_HOME", tmp, TRUE);
  g_setenv ("WAYMARK_STATE_DIR", tmp, TRUE);

  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

  g_test_add_func ("/Waymark/CheckMap/camping", test_camping);
  g_test_add_func ("/Waymark/CheckMap/blank", test_blank);

  return g_test_run ();
}
