/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-window-compare.c - File ▸ Compare With…: the other version of the map
 * over this one (drawn by wm_render, wm-render-compare.c) and the side
 * list of its changes; Export Comparison… writes the before/after PDF. */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-atomic-file.h"
#include "wm-canvas-private.h"
#include "wm-compare-panel.h"
#include "wm-reader.h"
#include "wm-window-private.h"

static void
show_item_cb (WmWindow *self,
              GObject  *item)
{
  wm_canvas_set_selection (self->canvas, WM_IS_PERSONA (item) ? NULL : item);
  wm_canvas_scroll_to_item (self->canvas, item);
}

/* The panel goes beside both views, inside the inspector's flap: the
 * window's template is left as it is until a comparison needs it. */
static void
ensure_panel (WmWindow *self)
{
  GtkWidget *box;

  if (self->compare_panel != NULL)
    return;
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  g_object_ref (self->view_stack);
  adw_flap_set_content (self->flap, NULL);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->view_stack));
  g_object_unref (self->view_stack);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  self->compare_panel = wm_compare_panel_new ();
  gtk_box_append (GTK_BOX (box), self->compare_panel);
  adw_flap_set_content (self->flap, box);
  g_signal_connect_object (self->compare_panel, "item-activated", G_CALLBACK (show_item_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
set_compare (WmWindow   *self,
             WmCompare  *compare,
             const char *name)
{
  g_set_object (&self->compare, compare);
  wm_canvas_set_compare (self->canvas, compare);
  if (self->compare_panel != NULL)
    {
      wm_compare_panel_set_compare (WM_COMPARE_PANEL (self->compare_panel), compare, name);
      gtk_widget_set_visible (gtk_widget_get_prev_sibling (self->compare_panel), compare != NULL);
      gtk_widget_set_visible (self->compare_panel, compare != NULL);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.end-compare", compare != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-comparison", compare != NULL);
}

void
_wm_window_end_compare (WmWindow *self)
{
  if (self->compare != NULL)
    set_compare (self, NULL, NULL);
}

/* Read as any map is opened: bounded, and a bad file says why. */
static void
compare_with (WmWindow *self,
              GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) other = wm_reader_load_file (file, &error);
  g_autoptr(WmCompare) compare = NULL;
  g_autofree char *name = NULL;

  if (other == NULL)
    {
      _wm_window_show_error (self, _("Could not compare with this map"), error);
      return;
    }
  ensure_panel (self);
  compare = wm_compare_new (other, self->document);
  name = g_file_get_basename (file);
  set_compare (self, compare, name);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     WmWindow        *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    compare_with (self, file);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static GtkFileFilter *
map_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Journey maps"));
  gtk_file_filter_add_mime_type (filter, "application/x-waymark+xml");
  gtk_file_filter_add_pattern (filter, "*.waymark");
  return filter;
}

static void
win_compare_with_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  g_autoptr(GtkFileFilter) filter = map_filter ();
  GtkFileChooserNative *chooser;

  wm_canvas_stop_editing (WM_WINDOW (widget)->canvas);
  chooser = gtk_file_chooser_native_new (_("Compare With"), GTK_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Compare"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The same with the file given (a URI): for tests and scripts. */
static void
win_compare_with_uri_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  compare_with (WM_WINDOW (widget), file);
}

static void
win_end_compare_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  _wm_window_end_compare (WM_WINDOW (widget));
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    WmWindow        *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file == NULL || self->compare == NULL)
    return;
  pdf = wm_compare_to_pdf (self->compare, &error);
  if (pdf == NULL ||
      !wm_write_file_atomically (file, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error))
    {
      _wm_window_show_error (self, _("Could not export the comparison"), error);
      return;
    }
  wm_window_add_toast (self, adw_toast_new (_("Comparison exported")));
}

static void
win_export_comparison_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (_("Export Comparison"), GTK_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* TRANSLATORS: the default file name of Export Comparison… */
  name = g_strdup_printf ("%s.pdf", _("comparison"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_wm_window_class_compare_init (WmWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.compare-with", NULL, win_compare_with_action);
  gtk_widget_class_install_action (widget_class, "win.compare-with-uri", "s", win_compare_with_uri_action);
  gtk_widget_class_install_action (widget_class, "win.end-compare", NULL, win_end_compare_action);
  gtk_widget_class_install_action (widget_class, "win.export-comparison", NULL, win_export_comparison_action);
}
