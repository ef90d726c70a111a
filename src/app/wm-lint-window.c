/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-lint-window.c - Check Map: which of the eight elements a map lacks
 *
 * Read-only advice from wm_lint_document(); a row per element, its status
 * as an icon and a word (not colour alone), the reason as its subtitle. */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-lint.h"
#include "wm-lint-window.h"
#include "wm-ui-text.h"

static const char *
level_icon (WmLintLevel level)
{
  switch (level)
    {
    case WM_LINT_OK:
      return "emblem-ok-symbolic";
    case WM_LINT_THIN:
      return "dialog-information-symbolic";
    case WM_LINT_MISSING:
    default:
      return "dialog-warning-symbolic";
    }
}

static GtkWidget *
finding_row (const WmLintFinding *finding)
{
  g_autofree char *title = wm_ui_text (wm_lint_element_label (finding->element));
  g_autofree char *subtitle = wm_ui_text (finding->message);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (level_icon (finding->level));
  GtkWidget *status = gtk_label_new (wm_lint_level_label (finding->level));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (status, "dim-label");
  if (finding->level == WM_LINT_OK)
    gtk_widget_add_css_class (icon, "success");
  else
    gtk_widget_add_css_class (icon, "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  wm_lint_level_label (finding->level), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  return row;
}

GtkWindow *
wm_lint_window_new (WmDocument *document,
                    GtkWindow  *parent)
{
  g_autoptr(GPtrArray) findings = wm_lint_document (document);
  GtkWidget *window = adw_preferences_window_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();

  gtk_window_set_title (GTK_WINDOW (window), _("Check Map"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 620);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (window), FALSE);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("The Eight Elements"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Advice only: a map is never refused for what is missing."));
  for (guint i = 0; i < findings->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), finding_row (g_ptr_array_index (findings, i)));

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  return GTK_WINDOW (window);
}
