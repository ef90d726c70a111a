/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-preferences-window.h"

struct _WmPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GtkSpinButton        *autosave_spin;
  AdwComboRow          *page_row;
  AdwComboRow          *theme_row;
  GtkSwitch            *high_contrast_switch;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (WmPreferencesWindow, wm_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* In the order the combo rows list them (the .ui file). */
static const char * const page_names[] = {
  "fit", "a4", "a3", "letter", "poster-a4", "poster-a3", NULL,
};
static const char * const theme_names[] = {
  "light", "dark", NULL,
};

static gboolean
name_to_index (GValue   *value,
               GVariant *variant,
               gpointer  user_data)
{
  const char * const *names = user_data;
  const char *name = g_variant_get_string (variant, NULL);

  for (guint i = 0; names[i] != NULL; i++)
    if (g_strcmp0 (names[i], name) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
index_to_name (const GValue       *value,
               const GVariantType *expected_type,
               gpointer            user_data)
{
  const char * const *names = user_data;
  guint index = g_value_get_uint (value);

  if (index >= g_strv_length ((char **) names))
    return NULL;
  return g_variant_new_string (names[index]);
}

static void
bind_choice (WmPreferencesWindow *self,
             const char          *key,
             AdwComboRow         *row,
             const char * const  *names)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                name_to_index, index_to_name,
                                (gpointer) names, NULL);
}

static void
wm_preferences_window_dispose (GObject *object)
{
  WmPreferencesWindow *self = WM_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (wm_preferences_window_parent_class)->dispose (object);
}

static void
wm_preferences_window_class_init (WmPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/waymark/Waymark/wm-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, autosave_spin);
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, page_row);
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, theme_row);
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, high_contrast_switch);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wm_preferences_window_init (WmPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  /* The spin button's adjustment holds the schema's range, 1–600 s. */
  g_settings_bind (self->settings, "autosave-delay",
                   self->autosave_spin, "value", G_SETTINGS_BIND_DEFAULT);
  bind_choice (self, "export-page", self->page_row, page_names);
  bind_choice (self, "export-theme", self->theme_row, theme_names);
  g_settings_bind (self->settings, "present-high-contrast",
                   self->high_contrast_switch, "active", G_SETTINGS_BIND_DEFAULT);
}

WmPreferencesWindow *
wm_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (WM_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
}
