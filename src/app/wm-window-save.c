/* SPDX-License-Identifier: GPL-3.0-or-later */
/* WmWindow: saving with the user's help (Save As, the question when the
 * file changed on disk) and closing with unsaved changes. The file work
 * itself is WmMapFile's. */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-save-changes-dialog.h"
#include "wm-ui-text.h"
#include "wm-window-private.h"

void
_wm_window_show_error (WmWindow     *self,
                       const char   *heading,
                       const GError *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Without asking */

static void
save_to_file_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WmWindow *self = g_task_get_source_object (task);
  GFile *file = g_task_get_task_data (task);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  GError *error = NULL;

  if (!wm_map_file_save_finish (WM_MAP_FILE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (folder != NULL && g_file_peek_path (folder) != NULL)
    g_settings_set_string (self->settings, "last-folder", g_file_peek_path (folder));
  g_task_return_boolean (task, TRUE);
}

void
wm_window_save_to_file_async (WmWindow            *self,
                              GFile               *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (WM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wm_window_save_to_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  wm_map_file_save_async (self->map_file, file, cancellable, save_to_file_done_cb, task);
}

gboolean
wm_window_save_to_file_finish (WmWindow      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
wm_window_suggest_file_name (WmWindow   *self,
                             const char *extension)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return wm_map_file_suggest_file_name (self->map_file, extension);
}

GtkFileFilter *
wm_window_map_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Journey Maps"));
  gtk_file_filter_add_pattern (filter, "*.waymark");
  gtk_file_filter_add_mime_type (filter, "application/x-waymark+xml");
  return filter;
}

/* With the user's help: one GTask carried through the dialogs, TRUE once
 * the map is on disk, G_IO_ERROR_CANCELLED when the user stepped back. */

static void
return_cancelled (GTask *task)
{
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Not saved"));
  g_object_unref (task);
}

static void
save_request_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WmWindow *self = WM_WINDOW (object);
  GError *error = NULL;

  if (!wm_window_save_to_file_finish (self, result, &error))
    {
      g_autofree char *name = wm_window_dup_display_name (self);
      g_autofree char *heading = NULL;

      if (wm_window_get_file (self) != NULL)
        {
          g_free (name);
          name = wm_ui_file_name (wm_window_get_file (self));
        }
      heading = g_strdup_printf (_("Could Not Save “%s”"), name);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
        _wm_window_show_error (self, heading, error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
save_to (GTask *task,
         GFile *file)
{
  WmWindow *self = g_task_get_source_object (task);

  wm_window_save_to_file_async (self, file, NULL, save_request_done_cb, task);
}

static void
save_as_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     GTask           *task)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (file == NULL)
    {
      return_cancelled (task);
      return;
    }

  {
    g_autofree char *basename = g_file_get_basename (file);

    /* People type a name without the extension; the file manager then
     * would not know the file is a map. */
    if (!g_str_has_suffix (basename, ".waymark"))
      {
        g_autoptr(GFile) parent = g_file_get_parent (file);
        g_autofree char *with_ext = g_strconcat (basename, ".waymark", NULL);

        g_set_object (&file, g_file_get_child (parent, with_ext));
      }
  }
  save_to (task, file);
}

static void
ask_name (GTask *task)
{
  WmWindow *self = g_task_get_source_object (task);
  GFile *current = wm_window_get_file (self);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = wm_window_map_filter ();
  g_autofree char *suggested = wm_window_suggest_file_name (self, "waymark");
  g_autofree char *last_folder = g_settings_get_string (self->settings, "last-folder");

  chooser = gtk_file_chooser_native_new (_("Save Map As"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  if (current != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), current, NULL);
  else
    {
      if (*last_folder != '\0')
        {
          g_autoptr(GFile) folder = g_file_new_for_path (last_folder);
          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
        }
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
    }

  g_signal_connect (chooser, "response", G_CALLBACK (save_as_response_cb), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
overwrite_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       GTask            *task)
{
  WmWindow *self = g_task_get_source_object (task);

  /* Closing after a response would answer a second time. */
  g_signal_handlers_disconnect_by_func (dialog, overwrite_response_cb, task);
  if (g_strcmp0 (response, "overwrite") == 0)
    save_to (task, wm_window_get_file (self));
  else if (g_strcmp0 (response, "save-as") == 0)
    ask_name (task);
  else
    return_cancelled (task);
}

static void
ask_overwrite (GTask      *task,
               const char *body)
{
  WmWindow *self = g_task_get_source_object (task);
  g_autofree char *name = wm_ui_file_name (wm_window_get_file (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog),
                                     _("“%s” Changed on Disk"), name);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save-as", _("Save _As…"),
                                    "overwrite", _("_Overwrite"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "overwrite",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (overwrite_response_cb), task);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
start_save (WmWindow            *self,
            gboolean             as,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, wm_window_save_async);
  if (wm_map_file_get_saving (self->map_file))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The map is already being saved."));
      g_object_unref (task);
      return;
    }
  if (as)
    {
      ask_name (task);
      return;
    }

  switch (wm_map_file_check_save (self->map_file))
    {
    case WM_MAP_FILE_SAVE_NEEDS_NAME:
      ask_name (task);
      break;
    case WM_MAP_FILE_SAVE_NOT_A_MAP:
      ask_overwrite (task, _("The file is no longer a Waymark map. "
                             "Saving replaces what is in it now with your map."));
      break;
    case WM_MAP_FILE_SAVE_CHANGED:
      ask_overwrite (task, _("Another program changed the file after you opened it. "
                             "Saving replaces that version with yours."));
      break;
    case WM_MAP_FILE_SAVE_OK:
    default:
      save_to (task, wm_window_get_file (self));
      break;
    }
}

/* Saves as Save does: Save As when there is no file yet, a question when
 * the file changed on disk. TRUE once the map is on disk. */
void
wm_window_save_async (WmWindow            *self,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (WM_IS_WINDOW (self));
  start_save (self, FALSE, callback, user_data);
}

gboolean
wm_window_save_finish (WmWindow      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
saved_then_close_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  if (wm_window_save_finish (WM_WINDOW (object), result, NULL) && GPOINTER_TO_INT (user_data))
    wm_window_close_discarding (WM_WINDOW (object));
}

void
wm_window_save (WmWindow *self,
                gboolean  then_close)
{
  g_return_if_fail (WM_IS_WINDOW (self));

  if (wm_map_file_get_saving (self->map_file))
    return;
  start_save (self, FALSE, saved_then_close_cb, GINT_TO_POINTER (then_close));
}

void
wm_window_save_as (WmWindow *self)
{
  g_return_if_fail (WM_IS_WINDOW (self));
  start_save (self, TRUE, saved_then_close_cb, GINT_TO_POINTER (FALSE));
}

/* Closing */

void
wm_window_close_discarding (WmWindow *self)
{
  g_return_if_fail (WM_IS_WINDOW (self));

  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_changes_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(WmWindow) self = user_data;

  if (wm_save_changes_dialog_run_finish (result, NULL))
    wm_window_close_discarding (self);
}

static void
save_window_state (WmWindow *self)
{
  int width, height;
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  if (!maximized)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

/* TRUE if the user is asked first; else the window may close now. */
gboolean
_wm_window_ask_before_close (WmWindow *self)
{
  g_autoptr(GPtrArray) windows = NULL;

  if (self->close_confirmed || !wm_window_get_modified (self))
    {
      save_window_state (self);
      return FALSE;
    }

  windows = g_ptr_array_new ();
  g_ptr_array_add (windows, self);
  wm_save_changes_dialog_run_async (GTK_WINDOW (self), windows, NULL, save_changes_done_cb,
                                    g_object_ref (self));
  return TRUE;
}
