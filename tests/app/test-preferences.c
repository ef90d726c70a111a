/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-preferences.c - the Preferences window and the user guide
 *
 * Every row of the Preferences window is bound to GSettings both ways:
 * moving a widget changes the key the session, the export dialog and
 * present mode read, and a key changed elsewhere shows in the widget. The
 * user guide behind Help (F1) exists in English and Chinese and app.help
 * finds it. Needs a display (Xvfb). */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <string.h>

#include "wm-application.h"
#include "wm-preferences-window.h"

#include "app-test-util.h"


/* The first widget of @type under @widget whose row title is @title
 * (any title when NULL), depth first: the real window, not a test hook. */
static GtkWidget *
find_widget (GtkWidget  *widget,
             GType       type,
             const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type)
      && (title == NULL
          || (ADW_IS_PREFERENCES_ROW (widget)
              && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  GtkWindow     *window;
  GtkSpinButton *autosave;
  AdwComboRow   *page;
  AdwComboRow   *theme;
  GtkSwitch     *high_contrast;
  GSettings     *settings;
} Prefs;

static void
prefs_open (Prefs *prefs)
{
  GtkWidget *root;

  prefs->settings = g_settings_new (APP_ID);
  g_settings_reset (prefs->settings, "autosave-delay");
  g_settings_reset (prefs->settings, "export-page");
  g_settings_reset (prefs->settings, "export-theme");
  g_settings_reset (prefs->settings, "present-high-contrast");

  prefs->window = GTK_WINDOW (wm_preferences_window_new (NULL));
  gtk_window_present (prefs->window);
  spin_ms (100);

  root = GTK_WIDGET (prefs->window);
  prefs->autosave = GTK_SPIN_BUTTON (find_widget (root, GTK_TYPE_SPIN_BUTTON, NULL));
  prefs->page = ADW_COMBO_ROW (find_widget (root, ADW_TYPE_COMBO_ROW, "_Page"));
  prefs->theme = ADW_COMBO_ROW (find_widget (root, ADW_TYPE_COMBO_ROW, "_Theme"));
  prefs->high_contrast = GTK_SWITCH (find_widget (root, GTK_TYPE_SWITCH, NULL));
  g_assert_nonnull (prefs->autosave);
  g_assert_nonnull (prefs->page);
  g_assert_nonnull (prefs->theme);
  g_assert_nonnull (prefs->high_contrast);
}

static void
prefs_close (Prefs *prefs)
{
  gtk_window_destroy (prefs->window);
  spin_ms (100);
  g_clear_object (&prefs->settings);
}

/* The window opens showing the schema's defaults. */
static void
test_defaults (void)
{
  Prefs prefs = { 0 };

  prefs_open (&prefs);
  g_assert_cmpfloat (gtk_spin_button_get_value (prefs.autosave), ==, 3);
  g_assert_cmpuint (adw_combo_row_get_selected (prefs.page), ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (prefs.theme), ==, 0);
  g_assert_false (gtk_switch_get_active (prefs.high_contrast));
  prefs_close (&prefs);
}

static void
test_widgets_to_settings (void)
{
  Prefs prefs = { 0 };
  g_autofree char *page = NULL;
  g_autofree char *theme = NULL;

  prefs_open (&prefs);

  gtk_spin_button_set_value (prefs.autosave, 42);
  adw_combo_row_set_selected (prefs.page, 4);
  adw_combo_row_set_selected (prefs.theme, 1);
  gtk_switch_set_active (prefs.high_contrast, TRUE);
  spin_ms (100);

  page = g_settings_get_string (prefs.settings, "export-page");
  theme = g_settings_get_string (prefs.settings, "export-theme");
  g_assert_cmpuint (g_settings_get_uint (prefs.settings, "autosave-delay"), ==, 42);
  g_assert_cmpstr (page, ==, "poster-a4");
  g_assert_cmpstr (theme, ==, "dark");
  g_assert_true (g_settings_get_boolean (prefs.settings, "present-high-contrast"));

  /* The schema's range, 1–600 s, is the spin button's. */
  gtk_spin_button_set_value (prefs.autosave, 5000);
  spin_ms (100);
  g_assert_cmpuint (g_settings_get_uint (prefs.settings, "autosave-delay"), ==, 600);
  gtk_spin_button_set_value (prefs.autosave, 0);
  spin_ms (100);
  g_assert_cmpuint (g_settings_get_uint (prefs.settings, "autosave-delay"), ==, 1);

  prefs_close (&prefs);
}

static void
test_settings_to_widgets (void)
{
  Prefs prefs = { 0 };

  prefs_open (&prefs);

  g_settings_set_uint (prefs.settings, "autosave-delay", 120);
  g_settings_set_string (prefs.settings, "export-page", "letter");
  g_settings_set_string (prefs.settings, "export-theme", "dark");
  g_settings_set_boolean (prefs.settings, "present-high-contrast", TRUE);
  spin_ms (100);

  g_assert_cmpfloat (gtk_spin_button_get_value (prefs.autosave), ==, 120);
  g_assert_cmpuint (adw_combo_row_get_selected (prefs.page), ==, 3);
  g_assert_cmpuint (adw_combo_row_get_selected (prefs.theme), ==, 1);
  g_assert_true (gtk_switch_get_active (prefs.high_contrast));

  g_settings_set_string (prefs.settings, "export-page", "a3");
  g_settings_set_string (prefs.settings, "export-theme", "light");
  spin_ms (100);
  g_assert_cmpuint (adw_combo_row_get_selected (prefs.page), ==, 2);
  g_assert_cmpuint (adw_combo_row_get_selected (prefs.theme), ==, 0);

  prefs_close (&prefs);
}

/* Each combo row lists the pages and themes in the schema's order, so
 * the nth item is the nth choice: a reordered .ui breaks this. */
static void
test_choices_match_schema (void)
{
  static const char * const pages[] = { "fit", "a4", "a3", "letter", "poster-a4", "poster-a3" };
  Prefs prefs = { 0 };

  prefs_open (&prefs);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (prefs.page)), ==, G_N_ELEMENTS (pages));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (prefs.theme)), ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *page = NULL;

      adw_combo_row_set_selected (prefs.page, i);
      spin_ms (100);
      page = g_settings_get_string (prefs.settings, "export-page");
      g_assert_cmpstr (page, ==, pages[i]);
    }
  prefs_close (&prefs);
}

/* The guide is in the source tree in both languages, each with the six
 * sections, and installed from there. */
static void
test_help_in_source_tree (void)
{
  static const char * const sections[] = {
    "id=\"start\"", "id=\"canvas\"", "id=\"keyboard\"",
    "id=\"present\"", "id=\"export\"", "id=\"format\"",
  };
  static const char * const langs[] = { "", "zh_CN" };

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "help",
                                                     langs[i], "index.html", NULL);
      g_autofree char *html = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (g_file_get_contents (path, &html, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_utf8_validate (html, -1, NULL));
      for (guint j = 0; j < G_N_ELEMENTS (sections); j++)
        g_assert_nonnull (strstr (html, sections[j]));
    }
}

static char *
help_path_for (const char *language)
{
  g_autoptr(GFile) file = NULL;

  g_setenv ("LANGUAGE", language, TRUE);
  file = wm_application_find_help ();
  g_assert_nonnull (file);
  return g_file_get_path (file);
}

/* What app.help opens exists, in the UI language when there is a guide
 * in it; also with WAYMARK_DATADIR unset (an uninstalled run finds the
 * source tree). */
static void
test_help_resolves (void)
{
  g_autofree char *saved_language = g_strdup (g_getenv ("LANGUAGE"));
  g_autofree char *saved_datadir = g_strdup (g_getenv ("WAYMARK_DATADIR"));
  g_autofree char *zh = help_path_for ("zh_CN");
  g_autofree char *en = help_path_for ("en");
  g_autofree char *fr = NULL;

  g_assert_true (g_file_test (zh, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_str_has_suffix (zh, "/help/zh_CN/index.html"));
  g_assert_true (g_file_test (en, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_str_has_suffix (en, "/help/index.html"));

  g_unsetenv ("WAYMARK_DATADIR");
  fr = help_path_for ("fr_FR:fr");
  g_assert_true (g_file_test (fr, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_str_has_suffix (fr, "/help/index.html"));

  if (saved_datadir != NULL)
    g_setenv ("WAYMARK_DATADIR", saved_datadir, TRUE);
  if (saved_language != NULL)
    g_setenv ("LANGUAGE", saved_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
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

  g_test_add_func ("/Waymark/Preferences/defaults", test_defaults);
  g_test_add_func ("/Waymark/Preferences/widgets-to-settings", test_widgets_to_settings);
  g_test_add_func ("/Waymark/Preferences/settings-to-widgets", test_settings_to_widgets);
  g_test_add_func ("/Waymark/Preferences/choices-match-schema", test_choices_match_schema);
  g_test_add_func ("/Waymark/Help/in-source-tree", test_help_in_source_tree);
  g_test_add_func ("/Waymark/Help/resolves", test_help_resolves);

  return g_test_run ();
}
