/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-i18n.c - new things are named in the language of the UI
 *
 * With the zh_CN translation in use (LANGUAGE=zh_CN, the build's po/),
 * a blank map from the template chooser, a stage, a lane, a moment and a
 * persona added on the canvas or in the inspector get Chinese names; in
 * the C locale, where gettext ignores $LANGUAGE, the templates are English
 * like the rest of the UI. Needs a display (Xvfb) and the built .mo. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "app-test-util.h"
#include "wm-canvas.h"
#include "wm-i18n.h"
#include "wm-inspector.h"
#include "wm-lane.h"
#include "wm-moment.h"
#include "wm-persona.h"
#include "wm-stage.h"
#include "wm-template-chooser.h"

static gpointer
last_item (GListStore *store)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_autoptr(GObject) item = NULL;

  g_assert_cmpuint (n, >, 0);
  item = g_list_model_get_item (G_LIST_MODEL (store), n - 1);
  return item;  /* the store keeps it */
}

/* /Waymark/I18n/zh-default-names: every path that names something new
 * names it in Chinese. */
static void
test_zh_default_names (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(WmHistory) history = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *canvas = wm_canvas_new ();
  GtkWidget *inspector = wm_inspector_new ();

  g_assert_cmpstr (wm_template_get_language (), ==, "zh-CN");
  document = wm_template_load ("blank", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wm_document_get_title (document), ==, "未命名旅程地图");
  g_assert_cmpstr (wm_document_get_lang (document), ==, "zh-CN");

  history = wm_history_new (document);
  gtk_widget_set_size_request (canvas, 800, 600);
  gtk_box_append (GTK_BOX (box), canvas);
  gtk_box_append (GTK_BOX (box), inspector);
  gtk_window_set_child (GTK_WINDOW (window), box);
  wm_canvas_set_history (WM_CANVAS (canvas), history);
  wm_inspector_set_history (WM_INSPECTOR (inspector), history);
  gtk_window_present (GTK_WINDOW (window));
  spin_a_little ();

  /* On the canvas. */
  g_assert_true (gtk_widget_activate_action (canvas, "canvas.add-stage", NULL));
  wm_canvas_stop_editing (WM_CANVAS (canvas));
  g_assert_cmpstr (wm_stage_get_title (last_item (wm_document_get_stages (document))), ==, "新阶段");

  g_assert_true (gtk_widget_activate_action (canvas, "canvas.add-lane-kind", "s", "needs"));
  wm_canvas_stop_editing (WM_CANVAS (canvas));
  g_assert_cmpstr (wm_lane_get_title (last_item (wm_document_get_lanes (document))), ==, "需求");

  g_assert_true (gtk_widget_activate_action (canvas, "canvas.add-aha", NULL));
  wm_canvas_stop_editing (WM_CANVAS (canvas));
  g_assert_cmpstr (wm_moment_get_text (last_item (wm_document_get_moments (document))), ==, "惊喜！");

  /* In the inspector. */
  wm_canvas_set_selection (WM_CANVAS (canvas), NULL);
  spin_a_little ();
  g_assert_true (gtk_widget_activate_action (inspector, "inspector.add-persona", NULL));
  g_assert_cmpstr (wm_persona_get_name (last_item (wm_document_get_personas (document))), ==, "新人物角色");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* /Waymark/I18n/c-locale: in the C locale gettext ignores $LANGUAGE; the
 * templates follow the UI, not $LANGUAGE, so a blank map is not Chinese
 * while its new stages are "New Stage". */
static void
test_c_locale (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = NULL;

  setlocale (LC_ALL, "C");
  g_assert_cmpstr (_("New Stage"), ==, "New Stage");
  g_assert_cmpstr (wm_template_get_language (), ==, "en");
  document = wm_template_load ("blank", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wm_document_get_lang (document), ==, "en");
  setlocale (LC_ALL, "");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = NULL;
  g_autofree char *mo = NULL;

  g_test_init (&argc, &argv, NULL);

  /* The build's translations, as `make run` uses them. */
  localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  mo = g_build_filename (localedir, "zh_CN", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    {
      printf ("1..0 # SKIP %s is not built\n", mo);
      return 0;
    }
  g_setenv ("WAYMARK_LOCALEDIR", localedir, TRUE);
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  wm_i18n_init ();

  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

  g_test_add_func ("/Waymark/I18n/zh-default-names", test_zh_default_names);
  g_test_add_func ("/Waymark/I18n/c-locale", test_c_locale);
  return g_test_run ();
}
