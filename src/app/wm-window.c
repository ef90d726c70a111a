/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wm-reader.h"
#include "wm-repair.h"
#include "wm-template-chooser.h"
#include "wm-ui-text.h"
#include "wm-window-private.h"
#include "wm-error.h"
#include "wm-writer.h"

G_DEFINE_FINAL_TYPE (WmWindow, wm_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_FILE,
  PROP_MODIFIED,
  PROP_CHANGED_ON_DISK,
  N_PROPS
};

enum {
  CHANGED,
  RETRY_DRAFTS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define RECENT_MAX 10

/* Titles and modified state */

char *
wm_window_dup_display_name (WmWindow *self)
{
  const char *title;

  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);

  title = self->document ? wm_document_get_title (self->document) : NULL;
  if (title != NULL && *title != '\0')
    return wm_ui_text (title);
  if (self->file != NULL)
    return g_file_get_basename (self->file);
  return g_strdup (_("Untitled Map"));
}

static char *
dup_subtitle (WmWindow *self)
{
  g_autofree char *name = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autofree char *folder = NULL;
  const char *home = g_get_home_dir ();

  if (self->file == NULL)
    return g_strdup (_("Not Saved"));

  name = g_file_get_basename (self->file);
  parent = g_file_get_parent (self->file);
  if (parent == NULL)
    return g_steal_pointer (&name);

  folder = g_file_get_parse_name (parent);
  /* Paths under home read better the way a shell shows them. */
  if (g_str_has_prefix (folder, home) &&
      (folder[strlen (home)] == '/' || folder[strlen (home)] == '\0'))
    {
      char *tilde = g_strconcat ("~", folder + strlen (home), NULL);
      g_free (folder);
      folder = tilde;
    }
  return g_strdup_printf ("%s — %s", name, folder);
}

static void
update_title (WmWindow *self)
{
  g_autofree char *name = wm_window_dup_display_name (self);
  g_autofree char *subtitle = dup_subtitle (self);
  g_autofree char *title = NULL;
  g_autofree char *window_title = NULL;

  if (wm_window_get_modified (self))
    title = g_strdup_printf ("• %s", name);
  else
    title = g_strdup (name);

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  window_title = g_strdup_printf ("%s — %s", title, _("Waymark"));
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

gboolean
wm_window_get_modified (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);

  if (self->history == NULL)
    return FALSE;
  return self->restored_unsaved || wm_history_get_modified (self->history);
}

static void
update_modified (WmWindow *self)
{
  gboolean modified = wm_window_get_modified (self);

  if (modified != self->last_modified)
    {
      self->last_modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
}

static void
history_changed_cb (WmWindow  *self,
                    WmHistory *history)
{
  update_modified (self);
  update_title (self);
  _wm_window_update_actions (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
history_notify_cb (WmWindow   *self,
                   GParamSpec *pspec,
                   WmHistory  *history)
{
  update_modified (self);
  update_title (self);
  _wm_window_update_actions (self);
}

/* Document and file */

static void
set_history (WmWindow  *self,
             WmHistory *history)
{
  if (self->history != NULL)
    {
      g_clear_signal_handler (&self->history_changed_id, self->history);
      g_clear_signal_handler (&self->history_notify_id, self->history);
    }

  g_set_object (&self->history, history);
  g_set_object (&self->document, wm_history_get_document (history));

  self->history_changed_id =
    g_signal_connect_object (history, "changed",
                             G_CALLBACK (history_changed_cb), self,
                             G_CONNECT_SWAPPED);
  self->history_notify_id =
    g_signal_connect_object (history, "notify",
                             G_CALLBACK (history_notify_cb), self,
                             G_CONNECT_SWAPPED);

  wm_canvas_set_selection (self->canvas, NULL);
  wm_canvas_set_history (self->canvas, history);
  wm_inspector_set_history (self->inspector, history);
  wm_outline_set_history (self->outline, history);
  wm_search_bar_set_document (self->search_bar, self->document);
  wm_canvas_set_search (self->canvas, wm_search_bar_get_open (self->search_bar)
                                        ? wm_search_bar_get_search (self->search_bar) : NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
  update_modified (self);
  update_title (self);
  _wm_window_update_actions (self);
}

/* The outline takes the canvas's place beside the inspector: a list of
 * everything, for the keyboard and screen readers. The zoom buttons have
 * nothing to zoom then. */
static void
outline_button_cb (WmWindow *self)
{
  gboolean shown = gtk_toggle_button_get_active (self->outline_button);

  wm_canvas_stop_editing (self->canvas);
  wm_outline_stop_editing (self->outline);
  gtk_stack_set_visible_child_name (self->view_stack, shown ? "outline" : "map");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->outline_button),
                               shown ? _("Show the Map (Ctrl+L)") : _("Show Outline (Ctrl+L)"));
  _wm_window_update_actions (self);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "loading") != 0)
    gtk_widget_grab_focus (shown ? GTK_WIDGET (self->outline) : GTK_WIDGET (self->canvas));
}

gboolean
_wm_window_get_outline_shown (WmWindow *self)
{
  return gtk_toggle_button_get_active (self->outline_button);
}

static void
set_document (WmWindow   *self,
              WmDocument *document)
{
  g_autoptr(WmHistory) history = wm_history_new (document);

  set_history (self, history);
}

static void
set_changed_on_disk (WmWindow   *self,
                     gboolean    changed,
                     const char *message)
{
  if (message != NULL)
    gtk_label_set_label (self->disk_label, message);
  gtk_info_bar_set_revealed (self->disk_bar, changed);

  if (self->changed_on_disk != !!changed)
    {
      self->changed_on_disk = !!changed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGED_ON_DISK]);
    }
  _wm_window_update_actions (self);
}

/* The file's version: its etag (mtime) and its size, so that a rewrite
 * within the same timestamp still shows. NULL if it cannot be read. */
static char *
query_etag (GFile         *file,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_ETAG_VALUE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  return g_strdup_printf ("%s/%" G_GOFFSET_FORMAT,
                          g_file_info_get_etag (info) ? g_file_info_get_etag (info) : "",
                          g_file_info_get_size (info));
}

static void
disk_changed_message (WmWindow *self,
                      gboolean  deleted)
{
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *message = NULL;

  if (deleted)
    message = g_strdup_printf (_("“%s” was deleted or moved by another program. Saving writes it again."), name);
  else if (wm_window_get_modified (self))
    message = g_strdup_printf (_("“%s” was changed by another program. Reloading discards your unsaved changes."), name);
  else
    message = g_strdup_printf (_("“%s” was changed by another program."), name);

  set_changed_on_disk (self, TRUE, message);
}

static void
file_monitor_changed_cb (WmWindow          *self,
                         GFile             *file,
                         GFile             *other_file,
                         GFileMonitorEvent  event,
                         GFileMonitor      *monitor)
{
  g_autofree char *etag = NULL;
  g_autoptr(GError) error = NULL;

  /* Our own atomic save shows up here as well; its new etag arrives with
   * the save's completion, so wait for it rather than guess. */
  if (self->saving || self->file == NULL)
    return;

  switch (event)
    {
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
      return;
    default:
      break;
    }

  etag = query_etag (self->file, NULL, &error);
  if (etag == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        disk_changed_message (self, TRUE);
      return;
    }

  if (g_strcmp0 (etag, self->etag) != 0)
    disk_changed_message (self, FALSE);
}

static void
add_to_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = {
    .display_name = NULL,
    .description = NULL,
    .mime_type = (char *) "application/x-waymark+xml",
    .app_name = (char *) "Waymark",
    .app_exec = (char *) "waymark %u",
    .groups = NULL,
    .is_private = FALSE,
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

void
_wm_window_set_file (WmWindow *self,
                     GFile    *file)
{
  g_autoptr(GError) error = NULL;

  if (self->monitor != NULL)
    {
      g_file_monitor_cancel (self->monitor);
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_clear_object (&self->monitor);
    }

  if (file != self->file)
    {
      g_set_object (&self->file, file);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
    }

  if (file == NULL)
    return;

  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, &error);
  if (self->monitor == NULL)
    g_debug ("Not watching %s: %s", g_file_peek_path (file), error->message);
  else
    g_signal_connect_object (self->monitor, "changed",
                             G_CALLBACK (file_monitor_changed_cb), self,
                             G_CONNECT_SWAPPED);
}

/* A map just opened (not reloaded) is shown as wide as it reads well. */
static void
set_fresh_document (WmWindow   *self,
                    WmDocument *document)
{
  set_document (self, document);
  wm_canvas_zoom_readable (self->canvas);
}

/* @file NULL: an untitled copy, which only Save As can write. */
static void
apply_loaded (WmWindow   *self,
              GFile      *file,
              const char *etag,
              WmDocument *document,
              gboolean    fresh)
{
  g_free (self->etag);
  self->etag = file != NULL ? g_strdup (etag) : NULL;
  self->restored_unsaved = FALSE;
  _wm_window_set_file (self, file);
  if (fresh)
    set_fresh_document (self, document);
  else
    set_document (self, document);
  set_changed_on_disk (self, FALSE, NULL);
  if (file != NULL)
    add_to_recent (file);
}

static gboolean
open_file (WmWindow  *self,
           GFile     *file,
           gboolean   fresh,
           GError   **error)
{
  g_autoptr(WmDocument) document = NULL;
  g_autofree char *etag = NULL;

  /* The etag before the read: a write that lands in between shows up as a
   * change on disk instead of being silently missed. */
  etag = query_etag (file, NULL, NULL);

  document = wm_reader_load_file (file, error);
  if (document == NULL)
    return FALSE;

  apply_loaded (self, file, etag, document, fresh);
  return TRUE;
}

gboolean
wm_window_open_file (WmWindow  *self,
                     GFile     *file,
                     GError   **error)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return open_file (self, file, TRUE, error);
}

typedef struct
{
  GFile      *file;
  char       *etag;
  WmDocument *document;
  gboolean    as_copy;
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  g_clear_object (&job->file);
  g_clear_pointer (&job->etag, g_free);
  g_clear_object (&job->document);
  g_free (job);
}

/* The reader touches no GTK: a big map parses here while the window keeps
 * drawing its spinner. The document is handed over whole, never shared. */
static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenJob *job = task_data;
  GError *error = NULL;

  job->etag = query_etag (job->file, cancellable, NULL);
  job->document = wm_reader_load_file (job->file, &error);
  if (job->document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
show_loading (WmWindow *self,
              GFile    *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = g_strdup_printf (_("Opening “%s”…"), name);

  gtk_label_set_label (self->loading_label, text);
  gtk_spinner_start (self->loading_spinner);
  /* At once: the empty map it replaces must not fade through. */
  gtk_stack_set_visible_child_full (self->content_stack, "loading", GTK_STACK_TRANSITION_TYPE_NONE);
  adw_window_title_set_title (self->window_title, name);
  adw_window_title_set_subtitle (self->window_title, _("Opening…"));
}

static void
focus_view (WmWindow *self)
{
  gtk_widget_grab_focus (_wm_window_get_outline_shown (self) ? GTK_WIDGET (self->outline)
                                                             : GTK_WIDGET (self->canvas));
}

static void
hide_loading (WmWindow *self)
{
  gtk_spinner_stop (self->loading_spinner);
  gtk_stack_set_visible_child_name (self->content_stack, "map");
  update_title (self);
  /* The spinner page held no focus: give the keys to the map again. */
  focus_view (self);
}

static void
open_async (WmWindow            *self,
            GFile               *file,
            gboolean             as_copy,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenJob *job;

  job = g_new0 (OpenJob, 1);
  job->file = g_object_ref (file);
  job->as_copy = as_copy;

  /* Known by its file while it loads, so a second open finds it; a copy
   * is not that file. */
  if (!as_copy)
    _wm_window_set_file (self, file);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wm_window_open_file_async);
  g_task_set_task_data (task, job, (GDestroyNotify) open_job_free);
  show_loading (self, file);
  g_task_run_in_thread (task, open_thread);
}

/* Reads @file in a thread and shows it; the window shows a spinner until
 * then. Finish with wm_window_open_file_finish(). */
void
wm_window_open_file_async (WmWindow            *self,
                           GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (WM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  open_async (self, file, FALSE, cancellable, callback, user_data);
}

/* As wm_window_open_file_async(), but the map becomes a new, untitled
 * one: saving asks for a name and never writes @file (a template). */
void
wm_window_open_copy_async (WmWindow            *self,
                           GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (WM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  open_async (self, file, TRUE, cancellable, callback, user_data);
}

gboolean
wm_window_open_file_finish (WmWindow      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  OpenJob *job;

  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  hide_loading (self);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  job = g_task_get_task_data (G_TASK (result));
  apply_loaded (self, job->as_copy ? NULL : job->file, job->etag, job->document, TRUE);
  return TRUE;
}

gboolean
wm_window_reload (WmWindow  *self,
                  GError   **error)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->file != NULL, FALSE);

  file = g_object_ref (self->file);
  return open_file (self, file, FALSE, error);
}

gboolean
wm_window_load_template (WmWindow    *self,
                         const char  *name,
                         GError     **error)
{
  g_autoptr(WmDocument) document = NULL;

  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);

  document = wm_template_load (name, error);
  if (document == NULL)
    return FALSE;

  g_clear_pointer (&self->etag, g_free);
  self->restored_unsaved = FALSE;
  _wm_window_set_file (self, NULL);
  set_fresh_document (self, document);
  set_changed_on_disk (self, FALSE, NULL);
  return TRUE;
}

/* What a save to @file would replace. */
typedef enum
{
  TARGET_ABSENT,
  TARGET_MAP,
  TARGET_NOT_A_MAP,  /* a regular file with something else in it */
  TARGET_UNSAFE,     /* a folder, a device, a link (when not followed) */
} TargetKind;

/* Only the first bytes are read: enough for the root element. */
static gboolean
looks_like_map (GFile *file)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  char buffer[4096];
  gssize n;

  if (stream == NULL)
    return FALSE;
  n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer - 1, NULL, NULL);
  if (n <= 0)
    return FALSE;
  buffer[n] = '\0';
  return strstr (buffer, "<map") != NULL && strstr (buffer, "urn:waymark:map:") != NULL;
}

static TargetKind
query_target (GFile    *file,
              gboolean  follow_links)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            follow_links ? G_FILE_QUERY_INFO_NONE : G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                            NULL, &error);
  if (info == NULL)
    return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ? TARGET_ABSENT : TARGET_UNSAFE;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    return TARGET_UNSAFE;
  return looks_like_map (file) ? TARGET_MAP : TARGET_NOT_A_MAP;
}

/* A file name from a session file may not decode: never "(null)". */
static char *
dup_file_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  if (basename == NULL)
    return g_strdup (_("Untitled"));
  return g_filename_display_name (basename);
}

gboolean
wm_window_load_draft (WmWindow    *self,
                      GFile       *draft,
                      GFile       *original,
                      const char  *draft_id,
                      GError     **error)
{
  return wm_window_load_draft_full (self, draft, original, draft_id, NULL, error);
}

/* A draft's file is written to only after the checks a normal save makes:
 * it must still be the map the draft was based on. */
static void
attach_draft_original (WmWindow   *self,
                       GFile      *original,
                       const char *base_etag)
{
  g_autofree char *name = dup_file_display_name (original);
  g_autofree char *message = NULL;
  g_autofree char *current = NULL;

  switch (query_target (original, FALSE))
    {
    case TARGET_ABSENT:
      _wm_window_set_file (self, original);
      set_changed_on_disk (self, FALSE, NULL);
      return;
    case TARGET_NOT_A_MAP:
    case TARGET_UNSAFE:
      /* Save asks for a new name: never write there silently. */
      _wm_window_set_file (self, NULL);
      message = g_strdup_printf (_("The draft belonged to “%s”, which is no longer a Waymark map. Save it under a new name."), name);
      set_changed_on_disk (self, TRUE, message);
      return;
    case TARGET_MAP:
    default:
      break;
    }

  _wm_window_set_file (self, original);
  current = query_etag (original, NULL, NULL);
  if (base_etag != NULL && g_strcmp0 (current, base_etag) == 0)
    {
      set_changed_on_disk (self, FALSE, NULL);
      return;
    }
  message = g_strdup_printf (_("“%s” was changed after this draft was written. Saving asks before replacing it."), name);
  set_changed_on_disk (self, TRUE, message);
}

gboolean
wm_window_load_draft_full (WmWindow    *self,
                           GFile       *draft,
                           GFile       *original,
                           const char  *draft_id,
                           const char  *base_etag,
                           GError     **error)
{
  g_autoptr(WmDocument) document = NULL;

  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (draft), FALSE);

  document = wm_reader_load_file (draft, error);
  if (document == NULL)
    return FALSE;

  if (draft_id != NULL && g_uuid_string_is_valid (draft_id))
    {
      g_free (self->draft_id);
      self->draft_id = g_strdup (draft_id);
    }

  /* The version the draft's changes apply to, not what is on disk now. */
  g_free (self->etag);
  self->etag = g_strdup (base_etag);
  self->restored_unsaved = TRUE;
  set_fresh_document (self, document);
  if (original != NULL)
    attach_draft_original (self, original, base_etag);
  else
    {
      _wm_window_set_file (self, NULL);
      set_changed_on_disk (self, FALSE, NULL);
    }
  return TRUE;
}

/* A map that could only be opened repaired: it shows as it will be saved,
 * marked modified, so nothing changes on disk until the user saves. */
gboolean
wm_window_load_repaired (WmWindow    *self,
                         GFile       *file,
                         GPtrArray   *problems,
                         GPtrArray   *repairs,
                         GError     **error)
{
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(GPtrArray) own_problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) own_repairs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *etag = NULL;

  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (problems == NULL)
    problems = own_problems;
  if (repairs == NULL)
    repairs = own_repairs;

  /* The version the repair applies to: a write that lands later shows as
   * changed on disk, as for any open map. */
  etag = query_etag (file, NULL, NULL);
  document = wm_repair_load_file (file, problems, repairs, error);
  if (document == NULL)
    return FALSE;

  apply_loaded (self, file, etag, document, TRUE);
  self->restored_unsaved = TRUE;
  update_modified (self);
  return TRUE;
}

const char *
wm_window_get_file_etag (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->etag;
}

void
wm_window_set_draft_problem (WmWindow   *self,
                             const char *message)
{
  g_return_if_fail (WM_IS_WINDOW (self));

  if (message != NULL)
    gtk_label_set_label (self->draft_label, message);
  gtk_info_bar_set_revealed (self->draft_bar, message != NULL);
}

const char *
wm_window_get_draft_problem (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);

  if (!gtk_info_bar_get_revealed (self->draft_bar))
    return NULL;
  return gtk_label_get_label (self->draft_label);
}

static void
draft_retry_clicked_cb (WmWindow *self)
{
  g_signal_emit (self, signals[RETRY_DRAFTS], 0);
}

/* Saving */

typedef struct
{
  GFile   *file;
  GBytes  *bytes;
  guint64  serial;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;
  char *etag;
  gsize length;
  const char *contents = g_bytes_get_data (data->bytes, &length);

  if (!wm_writer_save_data (data->file, contents, length, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  etag = query_etag (data->file, NULL, NULL);
  g_task_return_pointer (task, etag, g_free);
}

static void
save_thread_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  WmWindow *self = WM_WINDOW (object);
  g_autoptr(GTask) outer = user_data;
  SaveData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  g_autoptr(GFile) folder = NULL;

  self->saving = FALSE;

  etag = g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL)
    {
      _wm_window_update_actions (self);
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  g_free (self->etag);
  self->etag = g_steal_pointer (&etag);
  _wm_window_set_file (self, data->file);
  set_changed_on_disk (self, FALSE, NULL);
  self->restored_unsaved = FALSE;
  /* An edit made while the bytes were being written is not on disk. */
  if (wm_history_get_serial (self->history) == data->serial)
    wm_history_mark_saved (self->history);

  folder = g_file_get_parent (data->file);
  if (folder != NULL && g_file_peek_path (folder) != NULL)
    g_settings_set_string (self->settings, "last-folder", g_file_peek_path (folder));
  add_to_recent (data->file);

  update_modified (self);
  update_title (self);
  _wm_window_update_actions (self);
  g_task_return_boolean (outer, TRUE);
}

void
wm_window_save_to_file_async (WmWindow            *self,
                              GFile               *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  g_autoptr(GError) error = NULL;
  SaveData *data;
  char *contents;
  gsize length = 0;

  g_return_if_fail (WM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, wm_window_save_to_file_async);

  if (self->saving)
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The map is already being saved."));
      return;
    }

  /* Serialize here, on the main thread: the thread only sees bytes. */
  contents = wm_writer_write (self->document, &length, &error);
  if (contents == NULL)
    {
      g_autofree char *basename = g_file_get_basename (file);

      g_task_return_new_error (outer, WM_ERROR, WM_ERROR_INVALID,
                               _("Could not save “%s”: %s"), basename, error->message);
      return;
    }
  data = g_new0 (SaveData, 1);
  data->file = g_object_ref (file);
  data->bytes = g_bytes_new_take (contents, length);
  data->serial = wm_history_get_serial (self->history);

  self->saving = TRUE;
  _wm_window_update_actions (self);

  inner = g_task_new (self, cancellable, save_thread_done_cb, g_steal_pointer (&outer));
  g_task_set_task_data (inner, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (inner, save_thread);
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
  g_autofree char *name = NULL;
  GString *str;

  if (self->file != NULL)
    {
      name = g_file_get_basename (self->file);
      if (g_str_has_suffix (name, ".waymark"))
        name[strlen (name) - strlen (".waymark")] = '\0';
    }
  else
    name = wm_window_dup_display_name (self);

  /* A map title may hold characters a file name cannot. */
  str = g_string_new (name);
  g_strdelimit (str->str, "/\\:*?\"<>|", '-');
  g_string_append_printf (str, ".%s", extension);
  return g_string_free (str, FALSE);
}

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

typedef struct
{
  WmWindow *self;
  gboolean  then_close;
} SaveRequest;

static void
save_request_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  WmWindow *self = WM_WINDOW (object);
  g_autofree SaveRequest *request = user_data;
  g_autoptr(GError) error = NULL;

  if (!wm_window_save_to_file_finish (self, result, &error))
    {
      g_autofree char *name = self->file ? g_file_get_basename (self->file) : wm_window_dup_display_name (self);
      g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
        _wm_window_show_error (self, heading, error);
      return;
    }

  if (request->then_close)
    wm_window_close_discarding (self);
}

static void
save_to (WmWindow *self,
         GFile    *file,
         gboolean  then_close)
{
  SaveRequest *request = g_new0 (SaveRequest, 1);

  request->self = self;
  request->then_close = then_close;
  wm_window_save_to_file_async (self, file, NULL, save_request_done_cb, request);
}

static void
overwrite_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  WmWindow *self = WM_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  gboolean then_close = GPOINTER_TO_INT (user_data);

  if (g_strcmp0 (response, "overwrite") == 0)
    save_to (self, self->file, then_close);
  else if (g_strcmp0 (response, "save-as") == 0)
    wm_window_save_as (self);
}

static void
ask_overwrite (WmWindow   *self,
               const char *body,
               gboolean    then_close)
{
  g_autofree char *name = g_file_get_basename (self->file);
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
  g_signal_connect (dialog, "response", G_CALLBACK (overwrite_response_cb),
                    GINT_TO_POINTER (then_close));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
file_changed_since_load (WmWindow *self)
{
  g_autofree char *etag = NULL;
  g_autoptr(GError) error = NULL;

  etag = query_etag (self->file, NULL, &error);
  /* A file that is gone is written again without asking: nothing to lose. */
  if (etag == NULL)
    return FALSE;
  if (self->changed_on_disk)
    return TRUE;
  return self->etag != NULL && g_strcmp0 (etag, self->etag) != 0;
}

static void
save_as_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  WmWindow *self = WM_WINDOW (gtk_native_dialog_get_transient_for (chooser));
  gboolean then_close = GPOINTER_TO_INT (user_data);
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file != NULL)
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
      save_to (self, file, then_close);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
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

static void
save_as_with_close (WmWindow *self,
                    gboolean  then_close)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = wm_window_map_filter ();
  g_autofree char *suggested = wm_window_suggest_file_name (self, "waymark");
  g_autofree char *last_folder = g_settings_get_string (self->settings, "last-folder");

  chooser = gtk_file_chooser_native_new (_("Save Map As"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  if (self->file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), self->file, NULL);
  else
    {
      if (*last_folder != '\0')
        {
          g_autoptr(GFile) folder = g_file_new_for_path (last_folder);
          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
        }
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
    }

  g_signal_connect (chooser, "response", G_CALLBACK (save_as_response_cb),
                    GINT_TO_POINTER (then_close));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
wm_window_save_as (WmWindow *self)
{
  g_return_if_fail (WM_IS_WINDOW (self));

  save_as_with_close (self, FALSE);
}

void
wm_window_save (WmWindow *self,
                gboolean  then_close)
{
  g_return_if_fail (WM_IS_WINDOW (self));

  if (self->saving)
    return;
  if (self->file == NULL)
    {
      save_as_with_close (self, then_close);
      return;
    }

  switch (query_target (self->file, TRUE))
    {
    case TARGET_UNSAFE:
      save_as_with_close (self, then_close);
      break;
    case TARGET_NOT_A_MAP:
      ask_overwrite (self, _("The file is no longer a Waymark map. "
                             "Saving replaces what is in it now with your map."),
                     then_close);
      break;
    case TARGET_ABSENT:
    case TARGET_MAP:
    default:
      if (file_changed_since_load (self))
        ask_overwrite (self, _("Another program changed the file after you opened it. "
                               "Saving replaces that version with yours."),
                       then_close);
      else
        save_to (self, self->file, then_close);
      break;
    }
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
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   WmWindow         *self)
{
  /* GTK 4.8 trips over a dialog that outlives its parent window. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);

  if (g_strcmp0 (response, "discard") == 0)
    wm_window_close_discarding (self);
  else if (g_strcmp0 (response, "save") == 0)
    wm_window_save (self, TRUE);
}

static void
ask_save_changes (WmWindow *self)
{
  g_autofree char *name = wm_window_dup_display_name (self);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog),
                                     _("Save Changes to “%s”?"), name);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("If you don’t save, your changes will be lost permanently."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", self->file ? _("_Save") : _("_Save As…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
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

static gboolean
wm_window_close_request (GtkWindow *window)
{
  WmWindow *self = WM_WINDOW (window);

  if (!self->close_confirmed && wm_window_get_modified (self))
    {
      ask_save_changes (self);
      return TRUE;
    }

  save_window_state (self);
  return GTK_WINDOW_CLASS (wm_window_parent_class)->close_request (window);
}

/* Recent files */

static void
update_recent_menu (WmWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  g_autoptr(GPtrArray) maps = g_ptr_array_new ();

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);

      if (g_str_has_suffix (uri, ".waymark") && gtk_recent_info_exists (info))
        g_ptr_array_add (maps, info);
    }

  /* Most recently used first. */
  for (guint i = 1; i < maps->len; i++)
    for (guint j = i; j > 0; j--)
      {
        GDateTime *a = gtk_recent_info_get_modified (maps->pdata[j - 1]);
        GDateTime *b = gtk_recent_info_get_modified (maps->pdata[j]);
        gpointer tmp;

        if (g_date_time_compare (a, b) >= 0)
          break;
        tmp = maps->pdata[j - 1];
        maps->pdata[j - 1] = maps->pdata[j];
        maps->pdata[j] = tmp;
      }

  g_menu_remove_all (self->recent_menu);
  if (maps->len == 0)
    {
      /* No action: shown greyed out, which is the point. */
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Maps"), "win.no-recent-maps");
      g_menu_append_item (self->recent_menu, item);
    }
  for (guint i = 0; i < maps->len && i < RECENT_MAX; i++)
    {
      GtkRecentInfo *info = maps->pdata[i];
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = wm_ui_mnemonic_safe (gtk_recent_info_get_display_name (info));

      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "app.open-uri", "s",
                                         gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_menu, item);
    }

  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* Zoom */

static void
canvas_zoom_cb (WmWindow   *self,
                GParamSpec *pspec,
                WmCanvas   *canvas)
{
  g_autofree char *label = g_strdup_printf ("%.0f%%", 100.0 * wm_canvas_get_zoom (canvas));

  gtk_button_set_label (self->zoom_button, label);
  _wm_window_update_actions (self);
}

/* Dropping .waymark files from the file manager opens them. */
static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         WmWindow      *self)
{
  GSList *files;
  gboolean opened = FALSE;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_value_get_boxed (value);
  for (GSList *l = files; l; l = l->next)
    {
      g_autofree char *uri = g_file_get_uri (l->data);

      if (g_str_has_suffix (uri, ".waymark"))
        opened |= gtk_widget_activate_action (GTK_WIDGET (self), "app.open-uri", "s", uri);
    }
  return opened;
}

static void
add_drop_target (WmWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

/* GObject */

WmDocument *
wm_window_get_document (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->document;
}

WmHistory *
wm_window_get_history (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->history;
}

GFile *
wm_window_get_file (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->file;
}

gboolean
wm_window_get_changed_on_disk (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);
  return self->changed_on_disk;
}

const char *
wm_window_get_draft_id (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->draft_id;
}

void
wm_window_add_toast (WmWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (WM_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
wm_window_dispose (GObject *object)
{
  WmWindow *self = WM_WINDOW (object);

  if (self->monitor != NULL)
    {
      g_file_monitor_cancel (self->monitor);
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_clear_object (&self->monitor);
    }
  g_signal_handlers_disconnect_by_data (gtk_recent_manager_get_default (), self);
  if (self->history != NULL)
    {
      g_clear_signal_handler (&self->history_changed_id, self->history);
      g_clear_signal_handler (&self->history_notify_id, self->history);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_WINDOW);

  g_clear_object (&self->history);
  g_clear_object (&self->document);
  g_clear_object (&self->file);
  g_clear_object (&self->settings);
  g_clear_object (&self->find_current);

  G_OBJECT_CLASS (wm_window_parent_class)->dispose (object);
}

static void
wm_window_finalize (GObject *object)
{
  WmWindow *self = WM_WINDOW (object);

  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->draft_id, g_free);

  G_OBJECT_CLASS (wm_window_parent_class)->finalize (object);
}

static void
wm_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  WmWindow *self = WM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, wm_window_get_modified (self));
      break;
    case PROP_CHANGED_ON_DISK:
      g_value_set_boolean (value, self->changed_on_disk);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_window_class_init (WmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = wm_window_dispose;
  object_class->finalize = wm_window_finalize;
  object_class->get_property = wm_window_get_property;
  window_class->close_request = wm_window_close_request;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, WM_TYPE_HISTORY,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CHANGED_ON_DISK] =
    g_param_spec_boolean ("changed-on-disk", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The Retry button of the "crash protection is off" bar. */
  signals[RETRY_DRAFTS] =
    g_signal_new ("retry-drafts", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/waymark/Waymark/wm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, scroller);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, inspector_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, outline_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, outline);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, disk_bar);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, disk_label);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, draft_bar);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, draft_label);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, draft_retry_button);
  gtk_widget_class_bind_template_callback (widget_class, draft_retry_clicked_cb);

  _wm_window_class_actions_init (klass);

  g_type_ensure (WM_TYPE_CANVAS);
  g_type_ensure (WM_TYPE_INSPECTOR);
  g_type_ensure (WM_TYPE_OUTLINE);
  g_type_ensure (WM_TYPE_SEARCH_BAR);
}

static void
wm_window_init (WmWindow *self)
{
  g_autoptr(WmDocument) document = wm_document_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->content_stack, "map");
  gtk_stack_set_visible_child_name (self->view_stack, "map");
  /* Keys go to the map from the start, not to the first header button. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->canvas));
  g_signal_connect_object (self->outline_button, "notify::active",
                           G_CALLBACK (outline_button_cb), self,
                           G_CONNECT_SWAPPED);
  _wm_window_find_init (self);

  self->draft_id = g_uuid_string_random ();
  self->settings = g_settings_new (APP_ID);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_object (self->canvas, "notify::zoom",
                           G_CALLBACK (canvas_zoom_cb), self,
                           G_CONNECT_SWAPPED);
  canvas_zoom_cb (self, NULL, self->canvas);

  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (update_recent_menu), self,
                           G_CONNECT_SWAPPED);
  update_recent_menu (self);

  add_drop_target (self);

#ifdef DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  wm_document_set_title (document, _("Untitled Map"));
  set_document (self, document);
}

WmWindow *
wm_window_new (GtkApplication *application)
{
  return g_object_new (WM_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

WmWindow *
wm_window_new_from_template (GtkApplication  *application,
                             const char      *name,
                             GError         **error)
{
  /* Like gtk_window_new(), the window belongs to GTK's list of toplevels. */
  WmWindow *self = wm_window_new (application);

  if (!wm_window_load_template (self, name, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  return self;
}
