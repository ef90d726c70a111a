/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-canvas-private.h"
#include "wm-export-dialog.h"
#include "wm-lint-window.h"
#include "wm-feedback-assistant.h"
#include "wm-import-dialog.h"
#include "wm-mermaid.h"
#include "wm-layout.h"
#include "wm-present-window.h"
#include "wm-print-operation.h"
#include "wm-render.h"
#include "wm-ui-text.h"
#include "wm-window-private.h"

/* Text being typed, in the canvas or in the outline, belongs in what is
 * saved, exported or undone. */
static void
stop_editing (WmWindow *self)
{
  wm_canvas_stop_editing (self->canvas);
  wm_outline_stop_editing (self->outline);
}

/* The one place that decides which actions can run now. */
void
_wm_window_update_actions (WmWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean modified = wm_window_get_modified (self);
  gboolean can_undo = self->history && wm_history_get_can_undo (self->history);
  gboolean can_redo = self->history && wm_history_get_can_redo (self->history);
  double zoom = wm_canvas_get_zoom (self->canvas);
  /* The outline has nothing to zoom. */
  gboolean zoomable = !_wm_window_get_outline_shown (self);
  g_autofree char *undo_tip = NULL;
  g_autofree char *redo_tip = NULL;
  GFile *file = wm_map_file_get_file (self->map_file);
  gboolean saving = wm_map_file_get_saving (self->map_file);

  /* A map that was never saved can always be saved; one with a file, only
   * when there is something new to write. */
  gtk_widget_action_set_enabled (widget, "doc.save",
                                 (modified || file == NULL) && !saving);
  gtk_widget_action_set_enabled (widget, "doc.save-as", !saving);
  gtk_widget_action_set_enabled (widget, "doc.reload", file != NULL && !saving);
  gtk_widget_action_set_enabled (widget, "doc.ignore-disk-change",
                                 wm_map_file_get_changed_on_disk (self->map_file));
  gtk_widget_action_set_enabled (widget, "doc.undo", can_undo);
  gtk_widget_action_set_enabled (widget, "doc.redo", can_redo);
  gtk_widget_action_set_enabled (widget, "win.zoom-in", zoomable && zoom < WM_CANVAS_ZOOM_MAX - 1e-6);
  gtk_widget_action_set_enabled (widget, "win.zoom-out", zoomable && zoom > WM_CANVAS_ZOOM_MIN + 1e-6);
  gtk_widget_action_set_enabled (widget, "win.zoom-fit", zoomable);
  gtk_widget_action_set_enabled (widget, "win.zoom-reset", zoomable);
  gtk_widget_action_set_enabled (widget, "win.end-compare", self->compare != NULL);
  gtk_widget_action_set_enabled (widget, "win.export-comparison", self->compare != NULL);

  /* "Undo Rename Stage": say what will be undone. */
  if (can_undo && wm_history_get_undo_label (self->history) != NULL)
    undo_tip = g_strdup_printf (_("Undo %s"), wm_history_get_undo_label (self->history));
  if (can_redo && wm_history_get_redo_label (self->history) != NULL)
    redo_tip = g_strdup_printf (_("Redo %s"), wm_history_get_redo_label (self->history));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->undo_button), undo_tip ? undo_tip : _("Undo"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->redo_button), redo_tip ? redo_tip : _("Redo"));
}

static void
doc_save_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);

  /* Text being typed into a card belongs in what is saved. */
  stop_editing (self);
  wm_window_save (self, FALSE);
}

static void
doc_save_as_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);

  stop_editing (self);
  wm_window_save_as (self);
}

static void
doc_import_feedback_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);

  stop_editing (self);
  gtk_window_present (wm_feedback_assistant_new (self));
}

static void
doc_undo_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);

  /* A half-typed card text must land in the history before it is undone. */
  stop_editing (self);
  wm_history_undo (self->history);
}

static void
doc_redo_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);

  stop_editing (self);
  wm_history_redo (self->history);
}

static void
do_reload (WmWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!wm_window_reload (self, &error))
    {
      g_autofree char *name = wm_ui_file_name (wm_window_get_file (self));
      g_autofree char *heading = g_strdup_printf (_("Could Not Reload “%s”"), name);

      _wm_window_show_error (self, heading, error);
    }
}

static void
reload_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    WmWindow         *self)
{
  if (g_strcmp0 (response, "reload") == 0)
    do_reload (self);
}

static void
doc_reload_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);
  GtkWidget *dialog;

  if (!wm_window_get_modified (self))
    {
      do_reload (self);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard Your Changes?"),
                                   _("Reloading replaces the map with the version on disk. "
                                     "Your unsaved changes will be lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "reload", _("_Reload"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reload",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (reload_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
doc_ignore_disk_change_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);

  /* Hide the bar but remember: the next Save still asks before overwriting. */
  gtk_info_bar_set_revealed (self->disk_bar, FALSE);
}

static void
doc_export_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  GtkWindow *dialog;

  stop_editing (WM_WINDOW (widget));
  dialog = wm_export_dialog_new (WM_WINDOW (widget));

  gtk_window_present (dialog);
}

static void
doc_import_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  stop_editing (WM_WINDOW (widget));
  wm_import_dialog_choose (WM_WINDOW (widget));
}

/* The map as a Mermaid journey, for a README or an issue. */
static void
doc_copy_mermaid_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  g_autofree char *text = wm_mermaid_write (wm_window_get_document (WM_WINDOW (widget)));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  wm_window_add_toast (WM_WINDOW (widget), adw_toast_new (_("Copied as Mermaid")));
}

/* Printing: WmPrintOperation plans the sheets as the PDF export does. The
 * settings and paper chosen last are kept for the next print. */

static GtkPrintSettings *last_print_settings;
static GtkPageSetup *last_page_setup;

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               WmWindow                *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      _wm_window_show_error (self, _("Could Not Print the Map"), error);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_set_object (&last_print_settings, gtk_print_operation_get_print_settings (operation));
      g_set_object (&last_page_setup, gtk_print_operation_get_default_page_setup (operation));
    }
  g_object_unref (operation);
}

static void
doc_print_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autofree char *job_name = wm_window_dup_display_name (self);
  g_autoptr(GError) error = NULL;

  stop_editing (self);
  operation = GTK_PRINT_OPERATION (wm_print_operation_new (self->document));

  if (last_page_setup != NULL)
    setup = gtk_page_setup_copy (last_page_setup);
  else
    {
      /* Journey maps are wide. */
      setup = gtk_page_setup_new ();
      gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
    }
  gtk_print_operation_set_default_page_setup (operation, setup);
  if (last_print_settings != NULL)
    gtk_print_operation_set_print_settings (operation, last_print_settings);
  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    _wm_window_show_error (self, _("Could Not Print the Map"), error);
}

/* Present mode: the same document and history, full screen on the
 * monitor this window is on. */
static void
win_check_map_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);
  WmDocument *document = wm_window_get_document (self);

  if (document == NULL)
    return;
  stop_editing (self);
  gtk_window_present (wm_lint_window_new (document, GTK_WINDOW (self)));
}

static void
win_present_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);
  WmPresentWindow *present;

  if (self->history == NULL)
    return;
  stop_editing (self);
  present = wm_present_window_new (self->history, GTK_WINDOW (self));
  /* A reloaded or reopened map is another history: present it anew. */
  g_signal_connect_object (self, "notify::history", G_CALLBACK (gtk_window_destroy),
                           present, G_CONNECT_SWAPPED);
  wm_present_window_start (present, NULL);
}

static void
win_close_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
win_toggle_inspector_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
win_toggle_outline_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);

  gtk_toggle_button_set_active (self->outline_button,
                                !gtk_toggle_button_get_active (self->outline_button));
}

/* F6: between the view (map or outline) and the inspector, as between
 * the panes of other GNOME apps. Tab does it too from the outline; on the
 * canvas Tab walks the cards. */
static void
win_next_pane_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *inspector = GTK_WIDGET (self->inspector);
  GtkWidget *view = _wm_window_get_outline_shown (self) ? GTK_WIDGET (self->outline)
                                                         : GTK_WIDGET (self->canvas);

  if ((focus == NULL || !gtk_widget_is_ancestor (focus, inspector)) &&
      adw_flap_get_reveal_flap (self->flap))
    {
      stop_editing (self);
      if (!gtk_widget_child_focus (inspector, GTK_DIR_TAB_FORWARD))
        gtk_widget_grab_focus (inspector);
    }
  else
    gtk_widget_grab_focus (view);
}

/* The header bar's zoom buttons sit outside the canvas, so they cannot see
 * its "canvas." actions: forward them. */
static void
win_zoom_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);
  g_autofree char *canvas_action = g_strconcat ("canvas.", action_name + strlen ("win."), NULL);

  gtk_widget_activate_action (GTK_WIDGET (self->canvas), canvas_action, NULL);
}

/* Find */

/* The bar keeps its query when closed, for the next Ctrl+F; the map shows
 * the hits only while it is open. */
static void
show_find (WmWindow *self)
{
  wm_search_bar_open (self->search_bar);
  wm_canvas_set_search (self->canvas, wm_search_bar_get_search (self->search_bar));
}

static void
win_find_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);

  stop_editing (self);
  show_find (self);
}

/* Where stepping starts: the selection, or the hit last stepped to when
 * that cannot be selected (a persona). */
static GObject *
find_origin (WmWindow *self)
{
  GObject *selection = wm_canvas_get_selection (self->canvas);

  return selection != NULL ? selection : self->find_current;
}

/* A hit on the map: selected (a persona cannot be) and scrolled into view. */
static void
show_hit (WmWindow *self,
          GObject  *item)
{
  wm_canvas_set_selection (self->canvas, WM_IS_PERSONA (item) ? NULL : item);
  wm_canvas_scroll_to_item (self->canvas, item);
}

static void
find_go (WmWindow *self,
         GObject  *item)
{
  g_set_object (&self->find_current, item);
  wm_search_bar_set_current (self->search_bar, item);
}

static void
find_step (WmWindow *self,
           gboolean  backward)
{
  WmSearch *search = wm_search_bar_get_search (self->search_bar);
  GObject *item = NULL;
  int index;

  if (search == NULL || wm_search_get_n_hits (search) == 0)
    return;
  stop_editing (self);
  if (_wm_window_get_outline_shown (self))
    item = wm_outline_find_step (self->outline, search, backward);
  else if ((index = wm_search_step (search, find_origin (self), backward)) >= 0)
    {
      item = wm_search_get_hit (search, index);
      show_hit (self, item);
    }
  find_go (self, item);
}

static void
win_find_step_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);

  if (!wm_search_bar_get_open (self->search_bar))
    show_find (self);
  find_step (self, g_str_equal (action_name, "win.find-previous"));
}

static void
search_step_cb (WmWindow    *self,
                gboolean     backward,
                WmSearchBar *bar)
{
  find_step (self, backward);
}

/* As the query is typed the view goes to the first hit, unless what is
 * selected is still one. */
static void
search_changed_cb (WmWindow *self)
{
  WmSearch *search = wm_search_bar_get_search (self->search_bar);
  GObject *origin = find_origin (self);

  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  if (origin != NULL && wm_search_index_of (search, origin) >= 0)
    find_go (self, origin);
  else if (wm_search_get_n_hits (search) > 0)
    {
      wm_canvas_set_selection (self->canvas, NULL);
      find_go (self, NULL);
      find_step (self, FALSE);
    }
  else
    find_go (self, NULL);
}

static void
search_closed_cb (WmWindow *self)
{
  find_go (self, NULL);
  wm_canvas_set_search (self->canvas, NULL);
  gtk_widget_grab_focus (_wm_window_get_outline_shown (self) ? GTK_WIDGET (self->outline)
                                                             : GTK_WIDGET (self->canvas));
}

static void
evidence_view_changed_cb (GSimpleAction *action,
                          GVariant      *state,
                          WmWindow      *self)
{
  g_simple_action_set_state (action, state);
  wm_canvas_set_evidence_view (self->canvas, g_variant_get_boolean (state));
}

/* win.evidence-view, a check item in the menu: a stateful action, which
 * the widget class's own actions cannot be. */
static void
evidence_view_init (WmWindow *self)
{
  g_autoptr(GSimpleAction) action = g_simple_action_new_stateful ("evidence-view", NULL,
                                                                  g_variant_new_boolean (FALSE));

  g_signal_connect_object (action, "change-state", G_CALLBACK (evidence_view_changed_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
}

void
_wm_window_find_init (WmWindow *self)
{
  evidence_view_init (self);
  g_signal_connect_object (self->search_bar, "changed",
                           G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_bar, "step",
                           G_CALLBACK (search_step_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_bar, "closed",
                           G_CALLBACK (search_closed_cb), self, G_CONNECT_SWAPPED);
}

void
_wm_window_class_actions_init (WmWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "doc.save", NULL, doc_save_action);
  gtk_widget_class_install_action (widget_class, "doc.save-as", NULL, doc_save_as_action);
  gtk_widget_class_install_action (widget_class, "doc.undo", NULL, doc_undo_action);
  gtk_widget_class_install_action (widget_class, "doc.redo", NULL, doc_redo_action);
  gtk_widget_class_install_action (widget_class, "doc.reload", NULL, doc_reload_action);
  gtk_widget_class_install_action (widget_class, "doc.ignore-disk-change", NULL, doc_ignore_disk_change_action);
  gtk_widget_class_install_action (widget_class, "doc.export", NULL, doc_export_action);
  gtk_widget_class_install_action (widget_class, "doc.import-feedback", NULL, doc_import_feedback_action);
  gtk_widget_class_install_action (widget_class, "doc.import", NULL, doc_import_action);
  gtk_widget_class_install_action (widget_class, "doc.copy-mermaid", NULL, doc_copy_mermaid_action);
  gtk_widget_class_install_action (widget_class, "doc.print", NULL, doc_print_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, win_close_action);
  gtk_widget_class_install_action (widget_class, "win.present", NULL, win_present_action);
  gtk_widget_class_install_action (widget_class, "win.check-map", NULL, win_check_map_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-inspector", NULL, win_toggle_inspector_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-outline", NULL, win_toggle_outline_action);
  gtk_widget_class_install_action (widget_class, "win.next-pane", NULL, win_next_pane_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, win_find_action);
  gtk_widget_class_install_action (widget_class, "win.find-next", NULL, win_find_step_action);
  gtk_widget_class_install_action (widget_class, "win.find-previous", NULL, win_find_step_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, win_zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, win_zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, win_zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, win_zoom_action);

  /* Window-wide keys; they also work in a window without an application. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "doc.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "doc.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "doc.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "doc.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "doc.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "doc.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "doc.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "doc.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "doc.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "win.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.find-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_G, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.find-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-inspector", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.toggle-outline", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.present", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.evidence-view", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.evidence-view", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "win.next-pane", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, GDK_SHIFT_MASK, "win.next-pane", NULL);

  /* The canvas has these too; here they also work while the inspector
   * has the focus. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "win.zoom-reset", NULL);
}
