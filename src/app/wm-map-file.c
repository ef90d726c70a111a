/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <string.h>

#include "wm-draft.h"
#include "wm-edits.h"
#include "wm-error.h"
#include "wm-map-file.h"
#include "wm-reader.h"
#include "wm-repair.h"
#include "wm-template-chooser.h"
#include "wm-ui-text.h"
#include "wm-writer.h"

struct _WmMapFile
{
  GObject       parent_instance;

  WmHistory    *history;
  gulong        history_changed_id;
  gulong        history_notify_id;

  GFile        *file;
  GFileMonitor *monitor;
  /* What we last read or wrote: tells another program's write from ours. */
  char         *etag;
  char         *disk_message;
  WmDraft      *draft;
  /* A draft restored while its file was still loading. */
  WmDocument   *pending_draft;
  char         *pending_base_etag;
  /* Open and Repair's step, to push over the map shown (pending: over the
   * draft that waits for its file), and what it did. */
  WmDocument   *pending_repair;
  GPtrArray    *repairs;

  /* A restored draft or a repair is unsaved work though its history is
   * fresh. */
  guint         restored_unsaved : 1;
  guint         changed_on_disk : 1;
  guint         loading : 1;
  guint         saving : 1;
  guint         last_modified : 1;
};

G_DEFINE_FINAL_TYPE (WmMapFile, wm_map_file, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_FILE,
  PROP_MODIFIED,
  PROP_CHANGED_ON_DISK,
  PROP_LOADING,
  PROP_SAVING,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* State */

gboolean
wm_map_file_get_modified (WmMapFile *self)
{
  g_return_val_if_fail (WM_IS_MAP_FILE (self), FALSE);

  return self->restored_unsaved || wm_history_get_modified (self->history);
}

static void
update_modified (WmMapFile *self)
{
  gboolean modified = wm_map_file_get_modified (self);

  if (modified != self->last_modified)
    {
      self->last_modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
}

static void
set_flag (WmMapFile *self,
          guint      prop_id,
          gboolean   value)
{
  gboolean old = prop_id == PROP_LOADING ? self->loading : self->saving;

  if (old == !!value)
    return;
  if (prop_id == PROP_LOADING)
    self->loading = !!value;
  else
    self->saving = !!value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_restored_unsaved (WmMapFile *self,
                      gboolean   restored)
{
  self->restored_unsaved = !!restored;
  update_modified (self);
}

static void
history_changed_cb (WmMapFile *self)
{
  update_modified (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
set_document (WmMapFile  *self,
              WmDocument *document)
{
  if (self->history != NULL)
    {
      g_clear_signal_handler (&self->history_changed_id, self->history);
      g_clear_signal_handler (&self->history_notify_id, self->history);
    }
  g_clear_object (&self->history);
  self->history = wm_history_new (document);
  self->history_changed_id =
    g_signal_connect_object (self->history, "changed",
                             G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
  self->history_notify_id =
    g_signal_connect_object (self->history, "notify::modified",
                             G_CALLBACK (update_modified), self, G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
  update_modified (self);
}

/* Notifies on a new message too: the bar shows the latest news. */
static void
set_changed_on_disk (WmMapFile  *self,
                     gboolean    changed,
                     const char *message)
{
  gboolean notify = FALSE;

  if (message != NULL && g_strcmp0 (message, self->disk_message) != 0)
    {
      g_free (self->disk_message);
      self->disk_message = g_strdup (message);
      notify = changed;
    }
  if (self->changed_on_disk != !!changed)
    {
      self->changed_on_disk = !!changed;
      notify = TRUE;
    }
  if (notify)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGED_ON_DISK]);
}

static char *dup_file_display_name (GFile *file);

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
disk_changed (WmMapFile *self,
              gboolean   deleted)
{
  g_autofree char *name = dup_file_display_name (self->file);
  g_autofree char *message = NULL;

  if (deleted)
    message = g_strdup_printf (_("“%s” was deleted or moved by another program. Saving writes it again."), name);
  else if (wm_map_file_get_modified (self))
    message = g_strdup_printf (_("“%s” was changed by another program. Reloading discards your unsaved changes."), name);
  else
    message = g_strdup_printf (_("“%s” was changed by another program."), name);

  set_changed_on_disk (self, TRUE, message);
}

static void
file_monitor_changed_cb (WmMapFile         *self,
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
        disk_changed (self, TRUE);
      return;
    }
  if (g_strcmp0 (etag, self->etag) != 0)
    disk_changed (self, FALSE);
}

static void
stop_monitor (WmMapFile *self)
{
  if (self->monitor == NULL)
    return;
  g_file_monitor_cancel (self->monitor);
  g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
}

static void
set_file (WmMapFile *self,
          GFile     *file)
{
  g_autoptr(GError) error = NULL;

  stop_monitor (self);
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
                             G_CALLBACK (file_monitor_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
add_to_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = {
    .mime_type = (char *) "application/x-waymark+xml",
    .app_name = (char *) "Waymark",
    .app_exec = (char *) "waymark %u",
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

/* Loading */

static void apply_pending_draft (WmMapFile *self,
                                 gboolean   loaded);

/* @file NULL: an untitled copy, which only Save As can write. */
static void
apply_loaded (WmMapFile  *self,
              GFile      *file,
              const char *etag,
              WmDocument *document)
{
  g_free (self->etag);
  self->etag = file != NULL ? g_strdup (etag) : NULL;
  self->restored_unsaved = FALSE;
  g_clear_pointer (&self->repairs, g_ptr_array_unref);
  set_file (self, file);
  set_document (self, document);
  set_changed_on_disk (self, FALSE, NULL);
  if (file != NULL)
    add_to_recent (file);
}

gboolean
wm_map_file_load (WmMapFile  *self,
                  GFile      *file,
                  GError    **error)
{
  g_autoptr(WmDocument) document = NULL;
  g_autofree char *etag = NULL;

  g_return_val_if_fail (WM_IS_MAP_FILE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* The etag before the read: a write that lands in between shows up as a
   * change on disk instead of being silently missed. */
  etag = query_etag (file, NULL, NULL);
  document = wm_reader_load_file (file, error);
  if (document == NULL)
    return FALSE;

  apply_loaded (self, file, etag, document);
  return TRUE;
}

gboolean
wm_map_file_reload (WmMapFile  *self,
                    GError    **error)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (WM_IS_MAP_FILE (self), FALSE);
  g_return_val_if_fail (self->file != NULL, FALSE);

  file = g_object_ref (self->file);
  return wm_map_file_load (self, file, error);
}

typedef struct
{
  GFile      *file;
  char       *etag;
  WmDocument *document;
  gboolean    as_copy;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_clear_object (&job->file);
  g_clear_pointer (&job->etag, g_free);
  g_clear_object (&job->document);
  g_free (job);
}

/* The reader touches no GTK: a big map parses here while the window keeps
 * drawing. The document is handed over whole, never shared. */
static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  GError *error = NULL;

  job->etag = query_etag (job->file, cancellable, NULL);
  job->document = wm_reader_load_file (job->file, &error);
  if (job->document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
load_thread_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  WmMapFile *self = WM_MAP_FILE (object);
  g_autoptr(GTask) outer = user_data;
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  set_flag (self, PROP_LOADING, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* A draft waiting for the file still has a map to show. */
      if (self->pending_draft != NULL)
        {
          g_clear_error (&error);
          apply_pending_draft (self, FALSE);
          g_task_return_boolean (outer, TRUE);
          return;
        }
      g_task_return_error (outer, error);
      return;
    }
  apply_loaded (self, job->as_copy ? NULL : job->file, job->etag, job->document);
  apply_pending_draft (self, TRUE);
  g_task_return_boolean (outer, TRUE);
}

void
wm_map_file_load_async (WmMapFile           *self,
                        GFile               *file,
                        gboolean             as_copy,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *outer;
  g_autoptr(GTask) inner = NULL;
  LoadJob *job;

  g_return_if_fail (WM_IS_MAP_FILE (self));
  g_return_if_fail (G_IS_FILE (file));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, wm_map_file_load_async);

  job = g_new0 (LoadJob, 1);
  job->file = g_object_ref (file);
  job->as_copy = as_copy;
  /* Known by its file while it loads, so a second open finds it; a copy
   * is not that file. */
  if (!as_copy)
    set_file (self, file);
  set_flag (self, PROP_LOADING, TRUE);

  inner = g_task_new (self, cancellable, load_thread_done_cb, outer);
  g_task_set_task_data (inner, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (inner, load_thread);
}

gboolean
wm_map_file_load_finish (WmMapFile     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
wm_map_file_load_template (WmMapFile   *self,
                           const char  *name,
                           GError     **error)
{
  g_autoptr(WmDocument) document = NULL;

  g_return_val_if_fail (WM_IS_MAP_FILE (self), FALSE);

  document = wm_template_load (name, error);
  if (document == NULL)
    return FALSE;
  apply_loaded (self, NULL, NULL, document);
  return TRUE;
}

/* "Repair Map", one step over the map with the dangling items dropped:
 * undo shows what a plain drop would have given. */
static void
apply_pending_repair (WmMapFile *self)
{
  g_autoptr(WmDocument) placed = g_steal_pointer (&self->pending_repair);

  if (placed != NULL)
    wm_history_push (self->history,
                     wm_repair_command_new (wm_history_get_document (self->history), placed));
}

static void
keep_repairs (WmMapFile *self,
              GPtrArray *repairs)
{
  g_clear_pointer (&self->repairs, g_ptr_array_unref);
  self->repairs = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < repairs->len; i++)
    g_ptr_array_add (self->repairs, g_strdup (g_ptr_array_index (repairs, i)));
}

gboolean
wm_map_file_load_repaired (WmMapFile  *self,
                           GFile      *file,
                           GPtrArray  *problems,
                           GPtrArray  *repairs,
                           GError    **error)
{
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(WmDocument) placed = NULL;
  g_autoptr(GPtrArray) own_problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) own_repairs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *etag = NULL;

  g_return_val_if_fail (WM_IS_MAP_FILE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (repairs == NULL)
    repairs = own_repairs;
  /* The version the repair applies to: a write that lands later shows as
   * changed on disk, as for any open map. */
  etag = query_etag (file, NULL, NULL);
  document = wm_repair_load_file_split (file, problems ? problems : own_problems,
                                        repairs, &placed, error);
  if (document == NULL)
    return FALSE;

  apply_loaded (self, file, etag, document);
  g_set_object (&self->pending_repair, placed);
  apply_pending_repair (self);
  set_restored_unsaved (self, TRUE);
  keep_repairs (self, repairs);
  return TRUE;
}

GPtrArray *
wm_map_file_get_repairs (WmMapFile *self)
{
  g_return_val_if_fail (WM_IS_MAP_FILE (self), NULL);

  return self->repairs;
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

/* Drafts */

/* A file name from a session file may not decode: never "(null)". */
static char *
dup_file_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  if (basename == NULL)
    return g_strdup (_("Untitled"));
  return g_filename_display_name (basename);
}

static void
say_draft_is_older (WmMapFile *self,
                    GFile     *original)
{
  g_autofree char *name = dup_file_display_name (original);
  g_autofree char *message = NULL;

  message = g_strdup_printf (_("“%s” was changed after this draft was written. Saving asks before replacing it."), name);
  set_changed_on_disk (self, TRUE, message);
}

/* The draft alone, as a fresh map: for a file that is gone, is no map
 * any more, or cannot be read. It is written to only after the checks a
 * normal save makes. */
static void
restore_alone (WmMapFile  *self,
               WmDocument *document,
               GFile      *original,
               const char *base_etag)
{
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  g_autofree char *current = NULL;
  TargetKind target = original ? query_target (original, FALSE) : TARGET_ABSENT;

  g_free (self->etag);
  /* The version the draft's changes apply to, not what is on disk now. */
  self->etag = g_strdup (base_etag);
  self->restored_unsaved = TRUE;
  set_document (self, document);

  switch (target)
    {
    case TARGET_ABSENT:
      set_file (self, original);
      set_changed_on_disk (self, FALSE, NULL);
      break;
    case TARGET_NOT_A_MAP:
    case TARGET_UNSAFE:
      /* Save asks for a new name: never write there silently. */
      set_file (self, NULL);
      name = dup_file_display_name (original);
      message = g_strdup_printf (_("The draft belonged to “%s”, which is no longer a Waymark map. Save it under a new name."), name);
      set_changed_on_disk (self, TRUE, message);
      break;
    case TARGET_MAP:
    default:
      set_file (self, original);
      current = query_etag (original, NULL, NULL);
      if (base_etag != NULL && g_strcmp0 (current, base_etag) == 0)
        set_changed_on_disk (self, FALSE, NULL);
      else
        say_draft_is_older (self, original);
      break;
    }
}

/* One step over the version shown: undo gives it back. */
static void
restore_over (WmMapFile  *self,
              WmDocument *document,
              const char *base_etag)
{
  wm_history_push (self->history,
                   wm_edit_replace_content (wm_history_get_document (self->history),
                                            document, _("Restore Unsaved Changes")));
  if (base_etag == NULL || g_strcmp0 (base_etag, self->etag) != 0)
    say_draft_is_older (self, self->file);
}

static void
apply_pending_draft (WmMapFile *self,
                     gboolean   loaded)
{
  g_autoptr(WmDocument) document = g_steal_pointer (&self->pending_draft);
  g_autofree char *base_etag = g_steal_pointer (&self->pending_base_etag);

  if (document == NULL)
    return;
  if (loaded)
    restore_over (self, document, base_etag);
  else
    restore_alone (self, document, self->file, base_etag);
  apply_pending_repair (self);
}

/* The map as on disk, unless this map file shows it already. */
static gboolean
show_original (WmMapFile *self,
               GFile     *original)
{
  if (self->file != NULL && g_file_equal (self->file, original) && !self->loading)
    return TRUE;
  return query_target (original, FALSE) == TARGET_MAP &&
         wm_map_file_load (self, original, NULL);
}

/* A draft is the user's own work: one with a broken reference (edited by
 * hand, or written by an older Waymark) is repaired without asking, and
 * the repairs are listed as for Open and Repair. */
static WmDocument *
load_draft (GFile       *draft,
            GPtrArray   *repairs,
            WmDocument **placed,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  WmDocument *document = wm_reader_load_file (draft, &local_error);

  if (document != NULL || !wm_repair_error_is_repairable (local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return document;
    }
  problems = g_ptr_array_new_with_free_func (g_free);
  return wm_repair_load_file_split (draft, problems, repairs, placed, error);
}

static void
keep_repairs_if_any (WmMapFile *self,
                     GPtrArray *repairs)
{
  if (repairs->len > 0)
    keep_repairs (self, repairs);
}

gboolean
wm_map_file_restore_draft (WmMapFile   *self,
                           GFile       *draft,
                           GFile       *original,
                           const char  *draft_id,
                           const char  *base_etag,
                           GError     **error)
{
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(WmDocument) placed = NULL;
  g_autoptr(GPtrArray) repairs = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (WM_IS_MAP_FILE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (draft), FALSE);

  document = load_draft (draft, repairs, &placed, error);
  if (document == NULL)
    return FALSE;

  /* The file is on its way in: the draft goes on top when it is there. */
  if (original != NULL && self->loading && self->file != NULL && g_file_equal (self->file, original))
    {
      g_set_object (&self->pending_draft, document);
      g_free (self->pending_base_etag);
      self->pending_base_etag = g_strdup (base_etag);
      g_set_object (&self->pending_repair, placed);
      keep_repairs_if_any (self, repairs);
      wm_draft_adopt (self->draft, draft_id);
      return TRUE;
    }
  if (original == NULL || !show_original (self, original))
    restore_alone (self, document, original, base_etag);
  else
    restore_over (self, document, base_etag);
  g_set_object (&self->pending_repair, placed);
  apply_pending_repair (self);
  keep_repairs_if_any (self, repairs);
  /* Last: the draft is adopted only while there are changes to keep. */
  wm_draft_adopt (self->draft, draft_id);
  return TRUE;
}

/* Saving */

static gboolean
changed_since_load (WmMapFile *self)
{
  g_autofree char *etag = query_etag (self->file, NULL, NULL);

  /* A file that is gone is written again without asking: nothing to lose. */
  if (etag == NULL)
    return FALSE;
  if (self->changed_on_disk)
    return TRUE;
  return self->etag != NULL && g_strcmp0 (etag, self->etag) != 0;
}

WmMapFileSaveCheck
wm_map_file_check_save (WmMapFile *self)
{
  g_return_val_if_fail (WM_IS_MAP_FILE (self), WM_MAP_FILE_SAVE_NEEDS_NAME);

  if (self->file == NULL)
    return WM_MAP_FILE_SAVE_NEEDS_NAME;
  switch (query_target (self->file, TRUE))
    {
    case TARGET_UNSAFE:
      return WM_MAP_FILE_SAVE_NEEDS_NAME;
    case TARGET_NOT_A_MAP:
      return WM_MAP_FILE_SAVE_NOT_A_MAP;
    case TARGET_ABSENT:
    case TARGET_MAP:
    default:
      return changed_since_load (self) ? WM_MAP_FILE_SAVE_CHANGED : WM_MAP_FILE_SAVE_OK;
    }
}

typedef struct
{
  GFile   *file;
  GBytes  *bytes;
  guint64  serial;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_object (&job->file);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveJob *job = task_data;
  GError *error = NULL;
  gsize length;
  const char *contents = g_bytes_get_data (job->bytes, &length);

  if (!wm_writer_save_data (job->file, contents, length, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, query_etag (job->file, NULL, NULL), g_free);
}

static void
save_thread_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  WmMapFile *self = WM_MAP_FILE (object);
  g_autoptr(GTask) outer = user_data;
  SaveJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  char *etag;

  set_flag (self, PROP_SAVING, FALSE);
  etag = g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL)
    {
      g_task_return_error (outer, error);
      return;
    }

  g_free (self->etag);
  self->etag = etag;
  set_file (self, job->file);
  set_changed_on_disk (self, FALSE, NULL);
  /* An edit made while the bytes were being written is not on disk. */
  if (wm_history_get_serial (self->history) == job->serial)
    wm_history_mark_saved (self->history);
  set_restored_unsaved (self, FALSE);
  add_to_recent (job->file);
  g_task_return_boolean (outer, TRUE);
}

void
wm_map_file_save_async (WmMapFile           *self,
                        GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  g_autoptr(GError) error = NULL;
  SaveJob *job;
  char *contents;
  gsize length = 0;

  g_return_if_fail (WM_IS_MAP_FILE (self));
  g_return_if_fail (G_IS_FILE (file));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, wm_map_file_save_async);
  if (self->saving)
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The map is already being saved."));
      return;
    }

  /* Serialize here, on the main thread: the thread only sees bytes. */
  contents = wm_writer_write (wm_history_get_document (self->history), &length, &error);
  if (contents == NULL)
    {
      g_autofree char *basename = dup_file_display_name (file);

      g_task_return_new_error (outer, WM_ERROR, WM_ERROR_INVALID,
                               _("Could not save “%s”: %s"), basename, error->message);
      return;
    }
  job = g_new0 (SaveJob, 1);
  job->file = g_object_ref (file);
  job->bytes = g_bytes_new_take (contents, length);
  job->serial = wm_history_get_serial (self->history);

  set_flag (self, PROP_SAVING, TRUE);
  inner = g_task_new (self, cancellable, save_thread_done_cb, g_steal_pointer (&outer));
  g_task_set_task_data (inner, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (inner, save_thread);
}

gboolean
wm_map_file_save_finish (WmMapFile     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Names */

char *
wm_map_file_dup_display_name (WmMapFile *self)
{
  const char *title;

  g_return_val_if_fail (WM_IS_MAP_FILE (self), NULL);

  title = wm_document_get_title (wm_history_get_document (self->history));
  if (title != NULL && *title != '\0')
    return wm_ui_text (title);
  if (self->file != NULL)
    return dup_file_display_name (self->file);
  return g_strdup (_("Untitled Map"));
}

char *
wm_map_file_suggest_file_name (WmMapFile  *self,
                               const char *extension)
{
  g_autofree char *name = NULL;
  GString *str;

  g_return_val_if_fail (WM_IS_MAP_FILE (self), NULL);

  if (self->file != NULL)
    {
      name = g_file_get_basename (self->file);
      if (g_str_has_suffix (name, ".waymark"))
        name[strlen (name) - strlen (".waymark")] = '\0';
    }
  else
    name = wm_map_file_dup_display_name (self);

  /* A map title may hold characters a file name cannot. */
  str = g_string_new (name);
  g_strdelimit (str->str, "/\\:*?\"<>|", '-');
  g_string_append_printf (str, ".%s", extension);
  return g_string_free (str, FALSE);
}

/* Getters */

WmDocument *
wm_map_file_get_document (WmMapFile *self)
{
  g_return_val_if_fail (WM_IS_MAP_FILE (self), NULL);
  return wm_history_get_document (self->history);
}

WmHistory *
wm_map_file_get_history (WmMapFile *self)
{
  g_return_val_if_fail (WM_IS_MAP_FILE (self), NULL);
  return self->history;
}

GFile *
wm_map_file_get_file (WmMapFile *self)
{
  g_return_val_if_fail (WM_IS_MAP_FILE (self), NULL);
  return self->file;
}

gboolean
wm_map_file_get_changed_on_disk (WmMapFile *self)
{
  g_return_val_if_fail (WM_IS_MAP_FILE (self), FALSE);
  return self->changed_on_disk;
}

const char *
wm_map_file_get_disk_message (WmMapFile *self)
{
  g_return_val_if_fail (WM_IS_MAP_FILE (self), NULL);
  return self->disk_message;
}

gboolean
wm_map_file_get_loading (WmMapFile *self)
{
  g_return_val_if_fail (WM_IS_MAP_FILE (self), FALSE);
  return self->loading;
}

gboolean
wm_map_file_get_saving (WmMapFile *self)
{
  g_return_val_if_fail (WM_IS_MAP_FILE (self), FALSE);
  return self->saving;
}

const char *
wm_map_file_get_etag (WmMapFile *self)
{
  g_return_val_if_fail (WM_IS_MAP_FILE (self), NULL);
  return self->etag;
}

const char *
wm_map_file_get_draft_id (WmMapFile *self)
{
  g_return_val_if_fail (WM_IS_MAP_FILE (self), NULL);
  return wm_draft_get_id (self->draft);
}

WmDraft *
wm_map_file_get_draft (WmMapFile *self)
{
  g_return_val_if_fail (WM_IS_MAP_FILE (self), NULL);
  return self->draft;
}

void
wm_map_file_close (WmMapFile *self)
{
  g_return_if_fail (WM_IS_MAP_FILE (self));
  if (self->draft != NULL)
    wm_draft_close (self->draft);
}

/* GObject */

static void
wm_map_file_dispose (GObject *object)
{
  WmMapFile *self = WM_MAP_FILE (object);

  wm_map_file_close (self);
  g_clear_object (&self->draft);
  stop_monitor (self);
  if (self->history != NULL)
    {
      g_clear_signal_handler (&self->history_changed_id, self->history);
      g_clear_signal_handler (&self->history_notify_id, self->history);
    }
  g_clear_object (&self->history);
  g_clear_object (&self->file);
  g_clear_object (&self->pending_draft);
  g_clear_object (&self->pending_repair);
  g_clear_pointer (&self->repairs, g_ptr_array_unref);

  G_OBJECT_CLASS (wm_map_file_parent_class)->dispose (object);
}

static void
wm_map_file_finalize (GObject *object)
{
  WmMapFile *self = WM_MAP_FILE (object);

  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->disk_message, g_free);
  g_clear_pointer (&self->pending_base_etag, g_free);

  G_OBJECT_CLASS (wm_map_file_parent_class)->finalize (object);
}

static void
wm_map_file_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  WmMapFile *self = WM_MAP_FILE (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, wm_map_file_get_modified (self));
      break;
    case PROP_CHANGED_ON_DISK:
      g_value_set_boolean (value, self->changed_on_disk);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_SAVING:
      g_value_set_boolean (value, self->saving);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
read_only_boolean (const char *name)
{
  return g_param_spec_boolean (name, NULL, NULL, FALSE,
                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

static void
wm_map_file_class_init (WmMapFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wm_map_file_dispose;
  object_class->finalize = wm_map_file_finalize;
  object_class->get_property = wm_map_file_get_property;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, WM_TYPE_HISTORY,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODIFIED] = read_only_boolean ("modified");
  properties[PROP_CHANGED_ON_DISK] = read_only_boolean ("changed-on-disk");
  properties[PROP_LOADING] = read_only_boolean ("loading");
  properties[PROP_SAVING] = read_only_boolean ("saving");
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
wm_map_file_init (WmMapFile *self)
{
  g_autoptr(WmDocument) document = wm_document_new ();

  self->draft = wm_draft_new (self);
  wm_document_set_title (document, _("Untitled Map"));
  set_document (self, document);
}

WmMapFile *
wm_map_file_new (void)
{
  return g_object_new (WM_TYPE_MAP_FILE, NULL);
}
