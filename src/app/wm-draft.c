/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-draft.h"
#include "wm-draft-folder.h"
#include "wm-map-file.h"
#include "wm-writer.h"

/* After a failed draft, try again this often even without new edits. */
#define RETRY_SECONDS  10

struct _WmDraft
{
  GObject     parent_instance;

  WmMapFile  *map_file;   /* not owned: it owns us */
  gulong      changed_id;
  gulong      modified_id;
  char       *id;
  char       *folder;
  char       *problem;
  GSettings  *settings;
  guint       timeout_id;
  guint       written : 1;
  guint       writing : 1;
  guint       closed : 1;
  /* Set by a ::written handler that could not list the draft. */
  guint       reported : 1;
};

G_DEFINE_FINAL_TYPE (WmDraft, wm_draft, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROBLEM,
  N_PROPS
};

enum {
  WRITTEN,
  REMOVED,
  CLOSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean autosave_cb (gpointer user_data);

static gboolean
is_modified (WmDraft *self)
{
  return self->map_file != NULL && wm_map_file_get_modified (self->map_file);
}

static void
set_problem (WmDraft      *self,
             const GError *error)
{
  g_autofree char *message = NULL;

  if (error != NULL)
    message = g_strdup_printf (_("Crash protection is off: %s"), error->message);
  if (g_strcmp0 (message, self->problem) == 0)
    return;
  g_free (self->problem);
  self->problem = g_steal_pointer (&message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

/* FALSE if there was no draft on disk to remove. */
static gboolean
remove_file (WmDraft *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!self->written)
    return FALSE;
  wm_draft_folder_delete (self->folder, self->id);
  self->written = FALSE;
  return TRUE;
}

static void
retry_later (WmDraft *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add_seconds (RETRY_SECONDS, autosave_cb, self);
  g_source_set_name_by_id (self->timeout_id, "[waymark] draft retry");
}

static void
arm (WmDraft *self)
{
  guint delay;

  /* Armed once per burst, not pushed back by every keystroke: a long
   * stretch of typing is still saved every few seconds. */
  if (self->timeout_id != 0 || self->folder == NULL)
    return;

  delay = g_settings_get_uint (self->settings, "autosave-delay");
  self->timeout_id = g_timeout_add (MAX (delay, 1) * 1000, autosave_cb, self);
  g_source_set_name_by_id (self->timeout_id, "[waymark] autosave");
}

/* Writing */

typedef struct
{
  char   *folder;
  char   *draft_id;
  GBytes *bytes;
} Job;

static void
job_free (Job *job)
{
  g_free (job->folder);
  g_free (job->draft_id);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (!wm_draft_folder_write (job->folder, job->draft_id, job->bytes, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Saved, closed or superseded by a restored draft while the bytes were
 * on their way: the draft just written is stale. A draft whose folder
 * was taken away (the session went, as in a crash) is left alone. */
static gboolean
is_stale (WmDraft *self,
          Job     *job)
{
  return self->closed || g_strcmp0 (job->draft_id, self->id) != 0 ||
         (self->folder != NULL && !is_modified (self));
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  WmDraft *self = WM_DRAFT (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->writing = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_debug ("Could not write the recovery draft: %s", error->message);
      if (!is_stale (self, job) && self->folder != NULL)
        {
          set_problem (self, error);
          retry_later (self);
        }
      return;
    }
  if (is_stale (self, job))
    {
      wm_draft_folder_delete (job->folder, job->draft_id);
      return;
    }
  if (self->folder == NULL)
    return;

  self->written = TRUE;
  self->reported = FALSE;
  g_signal_emit (self, signals[WRITTEN], 0);
  if (!self->reported)
    set_problem (self, NULL);
}

/* Serializes on the main thread (the document is not thread-safe) and
 * writes in a thread, so a big map never stalls typing. */
static void
write_draft (WmDraft *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job = g_new0 (Job, 1);
  gsize length = 0;
  char *contents;

  contents = wm_writer_to_string (wm_map_file_get_document (self->map_file), &length);
  job->folder = g_strdup (self->folder);
  job->draft_id = g_strdup (self->id);
  job->bytes = g_bytes_new_take (contents, length);

  self->writing = TRUE;
  task = g_task_new (self, NULL, written_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, write_thread);
}

static gboolean
autosave_cb (gpointer user_data)
{
  WmDraft *self = user_data;

  self->timeout_id = 0;
  if (self->writing)
    {
      /* The previous draft is still being written: try again shortly. */
      arm (self);
      return G_SOURCE_REMOVE;
    }
  if (is_modified (self))
    write_draft (self);
  else
    {
      set_problem (self, NULL);
      if (remove_file (self))
        g_signal_emit (self, signals[REMOVED], 0);
    }
  return G_SOURCE_REMOVE;
}

/* The map */

static void
map_changed_cb (WmDraft *self)
{
  if (is_modified (self))
    arm (self);
}

static void
map_modified_cb (WmDraft *self)
{
  if (self->folder == NULL)
    return;
  if (is_modified (self))
    {
      arm (self);
      return;
    }

  /* Saved (or undone back to the saved state): the draft is stale now. */
  set_problem (self, NULL);
  if (remove_file (self))
    g_signal_emit (self, signals[REMOVED], 0);
}

/* A draft on disk under our id is ours while there are changes to keep:
 * a restored map keeps its draft until saved or discarded. */
static void
adopt_or_arm (WmDraft *self)
{
  if (is_modified (self) && wm_draft_folder_has (self->folder, self->id))
    {
      self->written = TRUE;
      g_signal_emit (self, signals[WRITTEN], 0);
    }
  else if (is_modified (self))
    arm (self);
}

/* API */

const char *
wm_draft_get_id (WmDraft *self)
{
  g_return_val_if_fail (WM_IS_DRAFT (self), NULL);
  return self->id;
}

WmMapFile *
wm_draft_get_map_file (WmDraft *self)
{
  g_return_val_if_fail (WM_IS_DRAFT (self), NULL);
  return self->map_file;
}

const char *
wm_draft_get_folder (WmDraft *self)
{
  g_return_val_if_fail (WM_IS_DRAFT (self), NULL);
  return self->folder;
}

gboolean
wm_draft_get_written (WmDraft *self)
{
  g_return_val_if_fail (WM_IS_DRAFT (self), FALSE);
  return self->written;
}

const char *
wm_draft_get_problem (WmDraft *self)
{
  g_return_val_if_fail (WM_IS_DRAFT (self), NULL);
  return self->problem;
}

void
wm_draft_set_folder (WmDraft    *self,
                     const char *state_dir)
{
  g_return_if_fail (WM_IS_DRAFT (self));

  if (self->closed || g_strcmp0 (state_dir, self->folder) == 0)
    return;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->written = FALSE;
  g_free (self->folder);
  self->folder = g_strdup (state_dir);
  if (self->folder == NULL)
    return;
  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);
  adopt_or_arm (self);
}

void
wm_draft_adopt (WmDraft    *self,
                const char *draft_id)
{
  g_return_if_fail (WM_IS_DRAFT (self));

  if (draft_id == NULL || !g_uuid_string_is_valid (draft_id) ||
      g_strcmp0 (draft_id, self->id) == 0)
    return;

  /* Its own draft is superseded by the one restored into it. */
  if (self->folder != NULL)
    remove_file (self);
  g_free (self->id);
  self->id = g_strdup (draft_id);
  if (self->folder == NULL)
    return;
  adopt_or_arm (self);
  if (!self->written)
    g_signal_emit (self, signals[REMOVED], 0);
}

void
wm_draft_report_problem (WmDraft      *self,
                         const GError *error)
{
  g_return_if_fail (WM_IS_DRAFT (self));

  self->reported = TRUE;
  set_problem (self, error);
  if (self->folder != NULL)
    retry_later (self);
}

void
wm_draft_retry (WmDraft *self)
{
  g_return_if_fail (WM_IS_DRAFT (self));

  if (self->writing || self->folder == NULL)
    return;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  autosave_cb (self);
}

void
wm_draft_flush (WmDraft *self)
{
  g_return_if_fail (WM_IS_DRAFT (self));

  if (self->timeout_id != 0)
    {
      g_clear_handle_id (&self->timeout_id, g_source_remove);
      autosave_cb (self);
    }
}

static void
detach (WmDraft *self)
{
  if (self->map_file == NULL)
    return;
  g_clear_signal_handler (&self->changed_id, self->map_file);
  g_clear_signal_handler (&self->modified_id, self->map_file);
  self->map_file = NULL;
}

void
wm_draft_close (WmDraft *self)
{
  g_return_if_fail (WM_IS_DRAFT (self));

  if (self->closed)
    return;
  /* A crash never gets here: only Save, Discard or a clean quit. */
  if (self->folder != NULL)
    remove_file (self);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_pointer (&self->folder, g_free);
  self->closed = TRUE;
  detach (self);
  g_signal_emit (self, signals[CLOSED], 0);
}

/* GObject */

static void
wm_draft_dispose (GObject *object)
{
  WmDraft *self = WM_DRAFT (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  detach (self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (wm_draft_parent_class)->dispose (object);
}

static void
wm_draft_finalize (GObject *object)
{
  WmDraft *self = WM_DRAFT (object);

  g_free (self->id);
  g_free (self->folder);
  g_free (self->problem);

  G_OBJECT_CLASS (wm_draft_parent_class)->finalize (object);
}

static void
wm_draft_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  WmDraft *self = WM_DRAFT (object);

  switch (prop_id)
    {
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_draft_class_init (WmDraftClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wm_draft_dispose;
  object_class->finalize = wm_draft_finalize;
  object_class->get_property = wm_draft_get_property;

  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[WRITTEN] =
    g_signal_new ("written", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[REMOVED] =
    g_signal_new ("removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
wm_draft_init (WmDraft *self)
{
  self->id = g_uuid_string_random ();
}

WmDraft *
wm_draft_new (WmMapFile *map_file)
{
  WmDraft *self = g_object_new (WM_TYPE_DRAFT, NULL);

  self->map_file = map_file;
  self->changed_id = g_signal_connect_swapped (map_file, "changed",
                                               G_CALLBACK (map_changed_cb), self);
  self->modified_id = g_signal_connect_swapped (map_file, "notify::modified",
                                                G_CALLBACK (map_modified_cb), self);
  return self;
}
