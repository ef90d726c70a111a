#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "wm-session.h"
#include "wm-writer.h"

#define SESSION_GROUP "session"
#define DRAFT_PREFIX  "draft "

typedef struct
{
  WmSession *session;
  WmWindow  *window;   /* not owned: removed on "destroy" */
  guint      timeout_id;
  guint      has_draft : 1;
  guint      writing : 1;
} Entry;

struct _WmSession
{
  GObject     parent_instance;

  char       *state_dir;
  char       *drafts_dir;
  char       *session_path;
  GSettings  *settings;

  GPtrArray  *entries;      /* of Entry */
  GPtrArray  *recoverable;  /* of WmSessionDraft */
};

G_DEFINE_FINAL_TYPE (WmSession, wm_session, G_TYPE_OBJECT)

static void
draft_free (WmSessionDraft *draft)
{
  g_free (draft->draft_id);
  g_clear_object (&draft->draft);
  g_clear_object (&draft->original);
  g_free (draft->title);
  g_free (draft);
}

static void
entry_free (Entry *entry)
{
  g_clear_handle_id (&entry->timeout_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (entry->window, entry);
  g_free (entry);
}

static Entry *
find_entry (WmSession *self,
            WmWindow  *window)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->window == window)
        return entry;
    }
  return NULL;
}

const char *
wm_session_get_state_dir (WmSession *self)
{
  g_return_val_if_fail (WM_IS_SESSION (self), NULL);
  return self->state_dir;
}

GFile *
wm_session_get_draft_file (WmSession  *self,
                           const char *draft_id)
{
  g_autofree char *name = g_strconcat (draft_id, ".waymark", NULL);
  g_autofree char *path = g_build_filename (self->drafts_dir, name, NULL);

  return g_file_new_for_path (path);
}

/* The session file */

static void
add_draft_group (GKeyFile   *key_file,
                 const char *draft_id,
                 GFile      *original,
                 const char *title)
{
  g_autofree char *group = g_strconcat (DRAFT_PREFIX, draft_id, NULL);

  g_key_file_set_string (key_file, group, "id", draft_id);
  if (original != NULL)
    {
      g_autofree char *uri = g_file_get_uri (original);
      g_key_file_set_string (key_file, group, "file", uri);
    }
  if (title != NULL)
    g_key_file_set_string (key_file, group, "title", title);
}

static void
write_session (WmSession *self,
               gboolean   clean)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      g_autofree char *title = NULL;

      if (!entry->has_draft)
        continue;
      title = wm_window_dup_display_name (entry->window);
      add_draft_group (key_file, wm_window_get_draft_id (entry->window),
                       wm_window_get_file (entry->window), title);
    }

  /* Drafts nobody answered for yet stay listed: a second crash must not
   * lose them. */
  for (guint i = 0; i < self->recoverable->len; i++)
    {
      WmSessionDraft *draft = g_ptr_array_index (self->recoverable, i);
      add_draft_group (key_file, draft->draft_id, draft->original, draft->title);
    }

  g_key_file_set_boolean (key_file, SESSION_GROUP, "clean-shutdown",
                          clean && self->recoverable->len == 0);

  data = g_key_file_to_data (key_file, &length, NULL);
  if (g_mkdir_with_parents (self->state_dir, 0700) != 0 ||
      !g_file_set_contents_full (self->session_path, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_warning ("Could not write the session file %s: %s", self->session_path,
               error ? error->message : g_strerror (errno));
}

/* Drafts */

static void
remove_draft (Entry *entry)
{
  g_autoptr(GFile) file = NULL;

  g_clear_handle_id (&entry->timeout_id, g_source_remove);
  if (!entry->has_draft)
    return;

  file = wm_session_get_draft_file (entry->session, wm_window_get_draft_id (entry->window));
  g_file_delete (file, NULL, NULL);
  entry->has_draft = FALSE;
}

static Entry *
find_entry_by_draft_id (WmSession  *self,
                        const char *draft_id)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (g_strcmp0 (wm_window_get_draft_id (entry->window), draft_id) == 0)
        return entry;
    }
  return NULL;
}

typedef struct
{
  GFile  *file;
  GBytes *bytes;
  char   *draft_id;
} DraftJob;

static void
draft_job_free (DraftJob *job)
{
  g_clear_object (&job->file);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job->draft_id);
  g_free (job);
}

static void
draft_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  DraftJob *job = task_data;
  GError *error = NULL;
  gsize length;
  const char *contents = g_bytes_get_data (job->bytes, &length);

  if (!wm_writer_save_data (job->file, contents, length, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
draft_written_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  WmSession *self = WM_SESSION (object);
  DraftJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  Entry *entry = find_entry_by_draft_id (self, job->draft_id);

  if (entry != NULL)
    entry->writing = FALSE;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_warning ("Could not write the recovery draft: %s", error->message);
      return;
    }

  /* The window may have been saved or closed while the bytes were on
   * their way: then the draft is stale and must not linger. */
  if (entry == NULL || !wm_window_get_modified (entry->window))
    {
      g_file_delete (job->file, NULL, NULL);
      return;
    }

  entry->has_draft = TRUE;
  write_session (self, FALSE);
}

/* Serializes on the main thread (the document is not thread-safe) and
 * writes in a thread, so a big map never stalls typing. */
static void
write_draft (Entry *entry)
{
  WmSession *self = entry->session;
  g_autoptr(GTask) task = NULL;
  DraftJob *job;
  char *contents;
  gsize length = 0;

  if (g_mkdir_with_parents (self->drafts_dir, 0700) != 0)
    {
      g_warning ("Could not create %s: %s", self->drafts_dir, g_strerror (errno));
      return;
    }

  contents = wm_writer_to_string (wm_window_get_document (entry->window), &length);
  job = g_new0 (DraftJob, 1);
  job->draft_id = g_strdup (wm_window_get_draft_id (entry->window));
  job->file = wm_session_get_draft_file (self, job->draft_id);
  job->bytes = g_bytes_new_take (contents, length);

  entry->writing = TRUE;
  task = g_task_new (self, NULL, draft_written_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) draft_job_free);
  g_task_run_in_thread (task, draft_thread);
}

static void arm (Entry *entry);

static gboolean
autosave_cb (gpointer user_data)
{
  Entry *entry = user_data;

  entry->timeout_id = 0;
  if (entry->writing)
    {
      /* The previous draft is still being written: try again shortly. */
      arm (entry);
      return G_SOURCE_REMOVE;
    }
  if (wm_window_get_modified (entry->window))
    write_draft (entry);
  else
    {
      remove_draft (entry);
      write_session (entry->session, FALSE);
    }
  return G_SOURCE_REMOVE;
}

static void
arm (Entry *entry)
{
  guint delay;

  /* Armed once per burst, not pushed back by every keystroke: a long
   * stretch of typing is still saved every few seconds. */
  if (entry->timeout_id != 0)
    return;

  delay = g_settings_get_uint (entry->session->settings, "autosave-delay");
  entry->timeout_id = g_timeout_add (MAX (delay, 1) * 1000, autosave_cb, entry);
  g_source_set_name_by_id (entry->timeout_id, "[waymark] autosave");
}

static void
window_changed_cb (WmWindow *window,
                   Entry    *entry)
{
  if (wm_window_get_modified (window))
    arm (entry);
}

static void
window_modified_cb (WmWindow   *window,
                    GParamSpec *pspec,
                    Entry      *entry)
{
  if (wm_window_get_modified (window))
    {
      arm (entry);
      return;
    }

  /* Saved (or undone back to the saved state): the draft is stale now. */
  if (entry->has_draft || entry->timeout_id != 0)
    {
      remove_draft (entry);
      write_session (entry->session, FALSE);
    }
}

static void
window_destroy_cb (WmWindow *window,
                   Entry    *entry)
{
  wm_session_remove_window (entry->session, window);
}

void
wm_session_add_window (WmSession *self,
                       WmWindow  *window)
{
  Entry *entry;
  g_autoptr(GFile) draft = NULL;

  g_return_if_fail (WM_IS_SESSION (self));
  g_return_if_fail (WM_IS_WINDOW (window));

  if (find_entry (self, window) != NULL)
    return;

  entry = g_new0 (Entry, 1);
  entry->session = self;
  entry->window = window;
  g_ptr_array_add (self->entries, entry);

  g_signal_connect (window, "changed", G_CALLBACK (window_changed_cb), entry);
  g_signal_connect (window, "notify::modified", G_CALLBACK (window_modified_cb), entry);
  g_signal_connect (window, "destroy", G_CALLBACK (window_destroy_cb), entry);

  /* A restored window adopts its draft: it stays until saved or discarded. */
  draft = wm_session_get_draft_file (self, wm_window_get_draft_id (window));
  if (wm_window_get_modified (window) && g_file_query_exists (draft, NULL))
    {
      entry->has_draft = TRUE;
      write_session (self, FALSE);
    }
  else if (wm_window_get_modified (window))
    arm (entry);
}

void
wm_session_remove_window (WmSession *self,
                          WmWindow  *window)
{
  Entry *entry;

  g_return_if_fail (WM_IS_SESSION (self));

  entry = find_entry (self, window);
  if (entry == NULL)
    return;

  /* A window goes away after Save or Discard: either way its draft is
   * no longer wanted. A crash never gets here. */
  remove_draft (entry);
  g_ptr_array_remove (self->entries, entry);
  write_session (self, FALSE);
}

void
wm_session_flush (WmSession *self)
{
  g_return_if_fail (WM_IS_SESSION (self));

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->timeout_id != 0)
        {
          g_clear_handle_id (&entry->timeout_id, g_source_remove);
          autosave_cb (entry);
        }
    }
}

/* Recovery */


static void
read_session_file (WmSession *self)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_auto(GStrv) groups = NULL;

  g_ptr_array_set_size (self->recoverable, 0);

  if (!g_key_file_load_from_file (key_file, self->session_path, G_KEY_FILE_NONE, NULL))
    return;
  if (g_key_file_get_boolean (key_file, SESSION_GROUP, "clean-shutdown", NULL))
    return;

  groups = g_key_file_get_groups (key_file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *id = NULL;
      g_autofree char *uri = NULL;
      WmSessionDraft *draft;

      if (!g_str_has_prefix (groups[i], DRAFT_PREFIX))
        continue;
      id = g_key_file_get_string (key_file, groups[i], "id", NULL);
      /* The id names a file: never let it climb out of the drafts folder. */
      if (id == NULL || !g_uuid_string_is_valid (id))
        continue;

      draft = g_new0 (WmSessionDraft, 1);
      draft->draft_id = g_steal_pointer (&id);
      draft->draft = wm_session_get_draft_file (self, draft->draft_id);
      uri = g_key_file_get_string (key_file, groups[i], "file", NULL);
      if (uri != NULL)
        draft->original = g_file_new_for_uri (uri);
      draft->title = g_key_file_get_string (key_file, groups[i], "title", NULL);

      if (g_file_query_exists (draft->draft, NULL))
        g_ptr_array_add (self->recoverable, draft);
      else
        draft_free (draft);
    }
}

static gboolean
is_recoverable (WmSession  *self,
                const char *file_name)
{
  for (guint i = 0; i < self->recoverable->len; i++)
    {
      WmSessionDraft *draft = g_ptr_array_index (self->recoverable, i);
      g_autofree char *name = g_file_get_basename (draft->draft);

      if (g_strcmp0 (name, file_name) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Drafts the session file does not list (a write that finished after a
 * clean quit, say) are of no use to anyone. */
static void
remove_stray_drafts (WmSession *self)
{
  g_autoptr(GDir) dir = g_dir_open (self->drafts_dir, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!g_str_has_suffix (name, ".waymark") || is_recoverable (self, name))
        continue;
      path = g_build_filename (self->drafts_dir, name, NULL);
      g_unlink (path);
    }
}

GPtrArray *
wm_session_load (WmSession *self)
{
  g_return_val_if_fail (WM_IS_SESSION (self), NULL);

  read_session_file (self);
  remove_stray_drafts (self);
  return self->recoverable;
}

void
wm_session_discard_recoverable (WmSession *self)
{
  g_return_if_fail (WM_IS_SESSION (self));

  for (guint i = 0; i < self->recoverable->len; i++)
    {
      WmSessionDraft *draft = g_ptr_array_index (self->recoverable, i);
      g_file_delete (draft->draft, NULL, NULL);
    }
  g_ptr_array_set_size (self->recoverable, 0);
  write_session (self, FALSE);
}

void
wm_session_forget_recoverable (WmSession *self)
{
  g_return_if_fail (WM_IS_SESSION (self));

  g_ptr_array_set_size (self->recoverable, 0);
  write_session (self, FALSE);
}

void
wm_session_shutdown (WmSession *self)
{
  g_return_if_fail (WM_IS_SESSION (self));

  for (guint i = 0; i < self->entries->len; i++)
    remove_draft (g_ptr_array_index (self->entries, i));
  g_ptr_array_set_size (self->entries, 0);
  write_session (self, TRUE);
}

/* GObject */

static void
wm_session_finalize (GObject *object)
{
  WmSession *self = WM_SESSION (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->recoverable, g_ptr_array_unref);
  g_clear_object (&self->settings);
  g_free (self->state_dir);
  g_free (self->drafts_dir);
  g_free (self->session_path);

  G_OBJECT_CLASS (wm_session_parent_class)->finalize (object);
}

static void
wm_session_class_init (WmSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_session_finalize;
}

static void
wm_session_init (WmSession *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->recoverable = g_ptr_array_new_with_free_func ((GDestroyNotify) draft_free);
  self->settings = g_settings_new (APP_ID);
}

WmSession *
wm_session_new (const char *state_dir)
{
  WmSession *self = g_object_new (WM_TYPE_SESSION, NULL);
  const char *env = g_getenv ("WAYMARK_STATE_DIR");

  if (state_dir != NULL)
    self->state_dir = g_strdup (state_dir);
  else if (env != NULL && *env != '\0')
    self->state_dir = g_strdup (env);
  else
    self->state_dir = g_build_filename (g_get_user_state_dir (), "waymark", NULL);

  self->drafts_dir = g_build_filename (self->state_dir, "drafts", NULL);
  self->session_path = g_build_filename (self->state_dir, "session.ini", NULL);
  return self;
}
