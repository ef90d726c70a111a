/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-save-changes-dialog.h"
#include "wm-ui-text.h"
#include "wm-window.h"

struct _WmSaveChangesDialog
{
  AdwMessageDialog  parent_instance;

  GPtrArray        *windows;  /* of WmWindow */
  GPtrArray        *checks;   /* of GtkCheckButton, parallel; empty for one map */
  GTask            *task;     /* until the user answers */
};

G_DEFINE_FINAL_TYPE (WmSaveChangesDialog, wm_save_changes_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* The windows still to save; the answer's task owns it, as it outlives
 * the dialog. */
static void
finish (GTask  *task,
        GError *error)
{
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void save_next (GTask *task);

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  /* A map not saved (cancelled, failed) keeps every window open. */
  if (!wm_window_save_finish (WM_WINDOW (object), result, &error))
    finish (task, error);
  else
    save_next (task);
}

/* One at a time: each Save As is a chooser of its own. */
static void
save_next (GTask *task)
{
  GPtrArray *to_save = g_task_get_task_data (task);
  g_autoptr(WmWindow) window = NULL;

  if (to_save->len == 0)
    {
      finish (task, NULL);
      return;
    }
  window = g_ptr_array_steal_index (to_save, 0);
  wm_window_save_async (window, saved_cb, task);
}

static gboolean
is_checked (WmSaveChangesDialog *self,
            guint                index)
{
  if (self->checks->len == 0)
    return TRUE;
  return gtk_check_button_get_active (g_ptr_array_index (self->checks, index));
}

static void
response_cb (WmSaveChangesDialog *self,
             const char          *response)
{
  GTask *task = g_steal_pointer (&self->task);
  GPtrArray *to_save;

  if (task == NULL)
    return;
  to_save = g_ptr_array_new_with_free_func (g_object_unref);
  /* The windows may go away under the dialog: GTK 4.8 trips over a
   * dialog that outlives its parent. */
  gtk_window_set_transient_for (GTK_WINDOW (self), NULL);

  g_task_set_task_data (task, to_save, (GDestroyNotify) g_ptr_array_unref);
  if (g_strcmp0 (response, "save") == 0)
    for (guint i = 0; i < self->windows->len; i++)
      if (is_checked (self, i))
        g_ptr_array_add (to_save, g_object_ref (g_ptr_array_index (self->windows, i)));
  /* Answered: the dialog keeps no window alive from now on. */
  g_ptr_array_set_size (self->windows, 0);

  if (g_strcmp0 (response, "discard") == 0)
    finish (task, NULL);
  else if (g_strcmp0 (response, "save") == 0)
    save_next (task);
  else
    finish (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled")));
}

/* "name.waymark — /folder": the name first, as a long folder is cut. */
static char *
dup_location (WmWindow *window)
{
  GFile *file = wm_window_get_file (window);
  g_autoptr(GFile) parent = NULL;
  g_autofree char *name = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *location = NULL;

  if (file == NULL)
    return g_strdup (_("Never saved: Save asks for a name"));
  name = g_file_get_basename (file);
  parent = g_file_get_parent (file);
  if (parent == NULL)
    return wm_ui_text (name);
  folder = g_file_get_parse_name (parent);
  location = g_strdup_printf ("%s — %s", name, folder);
  return wm_ui_text (location);
}

static GtkWidget *
map_row (WmSaveChangesDialog *self,
         WmWindow            *window)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *title = wm_window_dup_display_name (window);
  g_autofree char *location = dup_location (window);

  /* Map titles and paths are text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), location);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_ptr_array_add (self->checks, check);
  return row;
}

static GtkWidget *
map_list (WmSaveChangesDialog *self)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < self->windows->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), map_row (self, g_ptr_array_index (self->windows, i)));

  /* Many maps must not push the buttons off a small screen. */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  return scroller;
}

static void
set_text (WmSaveChangesDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  WmWindow *first = g_ptr_array_index (self->windows, 0);

  if (self->windows->len == 1)
    {
      g_autofree char *name = wm_window_dup_display_name (first);

      adw_message_dialog_format_heading (dialog, _("Save Changes to “%s”?"), name);
      adw_message_dialog_set_body (dialog, _("If you don’t save, your changes will be lost permanently."));
      adw_message_dialog_add_responses (dialog,
                                        "cancel", _("_Cancel"),
                                        "discard", _("_Discard"),
                                        "save", wm_window_get_file (first) ? _("_Save") : _("_Save As…"),
                                        NULL);
      return;
    }

  adw_message_dialog_set_heading (dialog, _("Save Changes?"));
  adw_message_dialog_set_body (dialog, _("These maps have unsaved changes. "
                                         "Changes you don’t save will be lost permanently."));
  adw_message_dialog_set_extra_child (dialog, map_list (self));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
}

GtkCheckButton *
wm_save_changes_dialog_get_check (WmSaveChangesDialog *self,
                                  guint                index)
{
  g_return_val_if_fail (WM_IS_SAVE_CHANGES_DIALOG (self), NULL);

  if (index >= self->checks->len)
    return NULL;
  return g_ptr_array_index (self->checks, index);
}

static void
wm_save_changes_dialog_dispose (GObject *object)
{
  WmSaveChangesDialog *self = WM_SAVE_CHANGES_DIALOG (object);

  /* Never left without an answer. */
  if (self->task != NULL)
    finish (g_steal_pointer (&self->task),
            g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled")));
  g_clear_pointer (&self->windows, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (wm_save_changes_dialog_parent_class)->dispose (object);
}

static void
wm_save_changes_dialog_class_init (WmSaveChangesDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = wm_save_changes_dialog_dispose;
}

static void
wm_save_changes_dialog_init (WmSaveChangesDialog *self)
{
  self->checks = g_ptr_array_new ();
}

void
wm_save_changes_dialog_run_async (GtkWindow           *parent,
                                  GPtrArray           *windows,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  WmSaveChangesDialog *self;
  AdwMessageDialog *dialog;

  g_return_if_fail (windows != NULL && windows->len > 0);

  self = g_object_new (WM_TYPE_SAVE_CHANGES_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  dialog = ADW_MESSAGE_DIALOG (self);
  self->windows = g_ptr_array_copy (windows, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  g_ptr_array_set_free_func (self->windows, g_object_unref);
  /* No source object: the dialog is gone when the answer comes. */
  self->task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, wm_save_changes_dialog_run_async);

  set_text (self);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (self, "response", G_CALLBACK (response_cb), NULL);
  gtk_window_present (GTK_WINDOW (self));
}

gboolean
wm_save_changes_dialog_run_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
