/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include "wm-tooltip.h"

/* GTK 4.8 gives a tooltip's label max-width-chars = the text's length in
 * characters, and a "char" there is an average Latin character. A Chinese
 * character is about twice as wide, so "主菜单" gets room for one and a
 * half characters and wraps one character per line; English is right by
 * luck. No CSS property reaches max-width-chars, so Waymark shows text
 * tooltips in its own label: a fixed wrap width (GTK's own fifty
 * characters), which a short text in any script does not reach. */

#define MAX_WIDTH_CHARS 50

static const char *hooked_key = "wm-tooltip-hooked";
static const char *label_key = "wm-tooltip-label";

GtkWidget *
wm_tooltip_label_new (const char *markup)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  /* A long path or URL with no space still wraps. */
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), MAX_WIDTH_CHARS);
  return label;
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_tooltip,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  const char *markup = gtk_widget_get_tooltip_markup (widget);
  GtkWidget *label;

  if (markup == NULL)
    return FALSE;

  /* One label per tooltip (per display), reused while the pointer moves:
   * GTK queries again on every motion. */
  label = g_object_get_data (G_OBJECT (tooltip), label_key);
  if (label == NULL)
    {
      label = g_object_ref_sink (wm_tooltip_label_new (markup));
      g_object_set_data_full (G_OBJECT (tooltip), label_key, label, g_object_unref);
    }
  else if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), markup) != 0)
    gtk_label_set_markup (GTK_LABEL (label), markup);

  gtk_tooltip_set_custom (tooltip, label);
  return TRUE;
}

/* Widgets with a tooltip query of their own (links in a label, icons in
 * an entry) keep it: only GtkWidget's plain text tooltip is replaced. */
static gboolean
uses_default_tooltip (GtkWidget *widget)
{
  GtkWidgetClass *base = g_type_class_peek (GTK_TYPE_WIDGET);

  return GTK_WIDGET_GET_CLASS (widget)->query_tooltip == base->query_tooltip;
}

static gboolean
hook_cb (GSignalInvocationHint *hint,
         guint                  n_params,
         const GValue          *params,
         gpointer               user_data)
{
  GObject *object = g_value_get_object (&params[0]);
  GtkWidget *widget;

  if (!GTK_IS_WIDGET (object))
    return TRUE;
  widget = GTK_WIDGET (object);
  if (gtk_widget_get_has_tooltip (widget) &&
      g_object_get_data (object, hooked_key) == NULL &&
      uses_default_tooltip (widget))
    {
      g_object_set_data (object, hooked_key, GINT_TO_POINTER (TRUE));
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
    }
  return TRUE;
}

void
wm_tooltip_install (void)
{
  static gsize installed = 0;

  if (!g_once_init_enter (&installed))
    return;

  /* The signals exist once the class does; keep it for the hooks' life. */
  g_type_class_ref (GTK_TYPE_WIDGET);

  /* Every widget is mapped before it can show a tooltip, so the handler is
   * in place for the first one. A tooltip given to a widget already on
   * screen is caught at its first query, in time for the next. */
  g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0,
                              hook_cb, NULL, NULL);
  g_signal_add_emission_hook (g_signal_lookup ("query-tooltip", GTK_TYPE_WIDGET), 0,
                              hook_cb, NULL, NULL);
  g_once_init_leave (&installed, 1);
}
