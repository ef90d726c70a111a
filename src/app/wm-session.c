/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wm-error.h"
#include "wm-reader.h"
#include "wm-session.h"
#include "wm-session-file.h"
#include "wm-writer.h"

#define LEGACY_SESSION "session.ini"
/* After a failed draft, try again this often even without new edits. */
#define RETRY_SECONDS  10

typedef struct
{
  WmSession *session;
  WmWindow  *window;   /* not owned: removed on "destroy" */
  guint      timeout_id;
  guint      has_draft : 1;
  guint      writing : 1;
} Entry;

/* A dead process's session file we hold the lock of while adopting it. */
typedef struct
{
  char *ini_path;
  char *lock_path;
  int   lock_fd;
  /* Every draft it lists is adopted or gone: it may be removed. */
  guint accounted : 1;
} Claim;

struct _WmSession
{
  GObject     parent_instance;

  char       *state_dir;
  char       *drafts_dir;
  char       *session_path;
  char       *lock_path;
  int         lock_fd;
  GSettings  *settings;

  GPtrArray  *entries;      /* of Entry */
  GPtrArray  *recoverable;  /* of WmSessionDraft */
  guint       n_more;
  guint       loaded : 1;
};

G_DEFINE_FINAL_TYPE (WmSession, wm_session, G_TYPE_OBJECT)

static void
draft_free (WmSessionDraft *draft)
{
  g_free (draft->draft_id);
  g_clear_object (&draft->draft);
  g_clear_object (&draft->original);
  g_free (draft->title);
  g_free (draft->uri);
  g_free (draft->base_etag);
  g_free (draft);
}

static void
entry_free (Entry *entry)
{
  g_clear_handle_id (&entry->timeout_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (entry->window, entry);
  g_free (entry);
}

static void
claim_free (Claim *claim)
{
  if (claim->lock_fd >= 0)
    close (claim->lock_fd);
  g_free (claim->ini_path);
  g_free (claim->lock_path);
  g_free (claim);
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

const char *
wm_session_get_session_path (WmSession *self)
{
  g_return_val_if_fail (WM_IS_SESSION (self), NULL);
  return self->session_path;
}

static char *
draft_name (const char *draft_id)
{
  return g_strconcat (draft_id, ".waymark", NULL);
}

GFile *
wm_session_get_draft_file (WmSession  *self,
                           const char *draft_id)
{
  g_autofree char *name = draft_name (draft_id);
  g_autofree char *path = g_build_filename (self->drafts_dir, name, NULL);

  return g_file_new_for_path (path);
}

/* The drafts folder */

static void
set_folder_error (GError    **error,
                  int         saved_errno,
                  const char *path,
                  gboolean    create)
{
  g_autofree char *name = g_filename_display_name (path);

  if (create)
    g_set_error (error, WM_ERROR, WM_ERROR_IO, _("Could not create the folder “%s”: %s"),
                 name, g_strerror (saved_errno));
  else
    g_set_error (error, WM_ERROR, WM_ERROR_IO, _("Could not open the folder “%s”: %s"),
                 name, g_strerror (saved_errno));
}

/* An fd for STATE/drafts that never follows a symbolic link: a drafts
 * folder that points elsewhere (at a user's maps, say) is refused. */
static int
open_drafts_dir (const char  *state_dir,
                 gboolean     create,
                 GError     **error)
{
  int state_fd, fd, saved_errno;

  if (create && g_mkdir_with_parents (state_dir, 0700) != 0)
    {
      set_folder_error (error, errno, state_dir, TRUE);
      return -1;
    }
  state_fd = open (state_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (state_fd < 0)
    {
      set_folder_error (error, errno, state_dir, FALSE);
      return -1;
    }
  if (create && mkdirat (state_fd, "drafts", 0700) != 0 && errno != EEXIST)
    {
      saved_errno = errno;
      close (state_fd);
      g_set_error (error, WM_ERROR, WM_ERROR_IO, _("Could not create the drafts folder: %s"),
                   g_strerror (saved_errno));
      return -1;
    }
  fd = openat (state_fd, "drafts", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  saved_errno = errno;
  close (state_fd);
  if (fd >= 0)
    return fd;

  if (saved_errno == ELOOP || saved_errno == ENOTDIR)
    g_set_error (error, WM_ERROR, WM_ERROR_FORBIDDEN,
                 _("“%s” is a link or not a folder; drafts are kept only in a real folder"),
                 "drafts");
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Could not open the drafts folder: %s"), g_strerror (saved_errno));
  return -1;
}

/* TRUE if @name in @dir_fd is a regular file, not a link. */
static gboolean
is_plain_file_at (int         dir_fd,
                  const char *name,
                  int        *saved_errno)
{
  struct stat st;

  if (fstatat (dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
    {
      *saved_errno = errno;
      return FALSE;
    }
  *saved_errno = 0;
  return S_ISREG (st.st_mode);
}

/* Deletes one of our drafts, by its UUID only: nothing else in the
 * folder, nothing a link points at. */
static void
delete_draft (const char *state_dir,
              const char *draft_id)
{
  g_autofree char *name = NULL;
  int fd, saved_errno;

  if (draft_id == NULL || !g_uuid_string_is_valid (draft_id))
    return;
  fd = open_drafts_dir (state_dir, FALSE, NULL);
  if (fd < 0)
    return;
  name = draft_name (draft_id);
  if (is_plain_file_at (fd, name, &saved_errno))
    unlinkat (fd, name, 0);
  close (fd);
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length)
{
  while (length > 0)
    {
      ssize_t n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= n;
    }
  return TRUE;
}

/* Atomic and relative to the drafts folder's fd: a temporary file made
 * with O_EXCL | O_NOFOLLOW, synced, then renamed over the draft. */
static gboolean
write_draft_file (const char  *state_dir,
                  const char  *draft_id,
                  GBytes      *bytes,
                  GError     **error)
{
  g_autofree char *name = draft_name (draft_id);
  g_autofree char *tmp = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  int dir_fd, fd, saved_errno = 0;

  dir_fd = open_drafts_dir (state_dir, TRUE, error);
  if (dir_fd < 0)
    return FALSE;

  tmp = g_strdup_printf (".%s.%08x", name, g_random_int ());
  fd = openat (dir_fd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    saved_errno = errno;
  else
    {
      if (!write_all (fd, data, length) || fsync (fd) != 0)
        saved_errno = errno ? errno : EIO;
      if (close (fd) != 0 && saved_errno == 0)
        saved_errno = errno;
      if (saved_errno == 0 && renameat (dir_fd, tmp, dir_fd, name) != 0)
        saved_errno = errno;
      if (saved_errno != 0)
        unlinkat (dir_fd, tmp, 0);
    }
  close (dir_fd);

  if (saved_errno != 0)
    g_set_error (error, WM_ERROR, WM_ERROR_IO, _("Could not write the draft: %s"),
                 g_strerror (saved_errno));
  return saved_errno == 0;
}

/* The session file */

/* Held while we live: a start-up that can take it knows we are gone. */
static gboolean
ensure_lock (WmSession  *self,
             GError    **error)
{
  if (self->lock_fd >= 0)
    return TRUE;
  if (g_mkdir_with_parents (self->state_dir, 0700) != 0)
    {
      set_folder_error (error, errno, self->state_dir, TRUE);
      return FALSE;
    }
  self->lock_fd = open (self->lock_path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (self->lock_fd < 0 || flock (self->lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (self->lock_path);

      g_set_error (error, WM_ERROR, WM_ERROR_IO, _("Could not lock the session file “%s”: %s"),
                   name, g_strerror (saved_errno));
      if (self->lock_fd >= 0)
        close (self->lock_fd);
      self->lock_fd = -1;
      return FALSE;
    }
  return TRUE;
}

static WmSessionRecord *
record_for_window (WmWindow *window)
{
  WmSessionRecord *record = g_new0 (WmSessionRecord, 1);
  g_autofree char *title = wm_window_dup_display_name (window);
  GFile *file = wm_window_get_file (window);

  record->draft_id = g_strdup (wm_window_get_draft_id (window));
  record->uri = file ? g_file_get_uri (file) : NULL;
  record->title = wm_session_clip_title (title, strlen (title));
  record->base_etag = g_strdup (wm_window_get_file_etag (window));
  return record;
}

static WmSessionRecord *
record_for_draft (WmSessionDraft *draft)
{
  WmSessionRecord *record = g_new0 (WmSessionRecord, 1);

  record->draft_id = g_strdup (draft->draft_id);
  record->uri = g_strdup (draft->uri);
  record->title = g_strdup (draft->title);
  record->base_etag = g_strdup (draft->base_etag);
  return record;
}

static GPtrArray *
collect_records (WmSession *self)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_session_record_free);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->has_draft)
        g_ptr_array_add (records, record_for_window (entry->window));
    }
  /* Drafts nobody answered for yet stay listed: a second crash must not
   * lose them. */
  for (guint i = 0; i < self->recoverable->len; i++)
    g_ptr_array_add (records, record_for_draft (g_ptr_array_index (self->recoverable, i)));
  return records;
}

/* Lists our drafts, or removes our session file when there are none. */
static gboolean
write_session (WmSession  *self,
               GError    **error)
{
  g_autoptr(GPtrArray) records = collect_records (self);
  g_autofree char *data = NULL;
  gsize length;

  if (records->len == 0)
    {
      g_unlink (self->session_path);
      return TRUE;
    }
  if (!ensure_lock (self, error))
    return FALSE;
  data = wm_session_file_to_data (records, FALSE, &length);
  return g_file_set_contents_full (self->session_path, data, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static void
write_session_quietly (WmSession *self)
{
  g_autoptr(GError) error = NULL;

  /* The banner says so when the next draft is written. */
  if (!write_session (self, &error))
    g_debug ("Could not write the session file: %s", error->message);
}

/* Drafts */

static void
show_problem (Entry        *entry,
              const GError *error)
{
  g_autofree char *message = NULL;

  if (error != NULL)
    message = g_strdup_printf (_("Crash protection is off: %s"), error->message);
  wm_window_set_draft_problem (entry->window, message);
}

static void
remove_draft (Entry *entry)
{
  g_clear_handle_id (&entry->timeout_id, g_source_remove);
  if (!entry->has_draft)
    return;

  delete_draft (entry->session->state_dir, wm_window_get_draft_id (entry->window));
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
  char   *state_dir;
  GBytes *bytes;
  char   *draft_id;
} DraftJob;

static void
draft_job_free (DraftJob *job)
{
  g_free (job->state_dir);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job->draft_id);
  g_free (job);
}

/* A draft the reader would refuse never replaces the last good one: the
 * crash it is for would then lose every edit. */
static gboolean
draft_reads_back (GBytes  *bytes,
                  GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(WmDocument) check = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  check = wm_reader_load_data (data != NULL ? data : "", length, "draft", &local_error);
  if (check != NULL)
    return TRUE;
  g_set_error (error, WM_ERROR, WM_ERROR_INVALID, _("Could not write the draft: %s"),
               local_error->message);
  return FALSE;
}

static void
draft_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  DraftJob *job = task_data;
  GError *error = NULL;

  if (!draft_reads_back (job->bytes, &error) ||
      !write_draft_file (job->state_dir, job->draft_id, job->bytes, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean autosave_cb (gpointer user_data);

static void
retry_later (Entry *entry)
{
  g_clear_handle_id (&entry->timeout_id, g_source_remove);
  entry->timeout_id = g_timeout_add_seconds (RETRY_SECONDS, autosave_cb, entry);
  g_source_set_name_by_id (entry->timeout_id, "[waymark] draft retry");
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
      g_debug ("Could not write the recovery draft: %s", error->message);
      if (entry != NULL && wm_window_get_modified (entry->window))
        {
          show_problem (entry, error);
          retry_later (entry);
        }
      return;
    }

  /* The window may have been saved or closed while the bytes were on
   * their way: then the draft is stale and must not linger. */
  if (entry == NULL || !wm_window_get_modified (entry->window))
    {
      delete_draft (self->state_dir, job->draft_id);
      return;
    }

  entry->has_draft = TRUE;
  if (!write_session (self, &error))
    {
      show_problem (entry, error);
      retry_later (entry);
      return;
    }
  show_problem (entry, NULL);
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

  contents = wm_writer_to_string (wm_window_get_document (entry->window), &length);
  job = g_new0 (DraftJob, 1);
  job->state_dir = g_strdup (self->state_dir);
  job->draft_id = g_strdup (wm_window_get_draft_id (entry->window));
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
      show_problem (entry, NULL);
      write_session_quietly (entry->session);
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
  show_problem (entry, NULL);
  if (entry->has_draft || entry->timeout_id != 0)
    {
      remove_draft (entry);
      write_session_quietly (entry->session);
    }
}

static void
window_retry_cb (WmWindow *window,
                 Entry    *entry)
{
  if (entry->writing)
    return;
  g_clear_handle_id (&entry->timeout_id, g_source_remove);
  autosave_cb (entry);
}

static void
window_destroy_cb (WmWindow *window,
                   Entry    *entry)
{
  wm_session_remove_window (entry->session, window);
}

static gboolean
draft_exists (WmSession  *self,
              const char *draft_id)
{
  g_autofree char *name = draft_name (draft_id);
  int fd = open_drafts_dir (self->state_dir, FALSE, NULL);
  int saved_errno;
  gboolean exists;

  if (fd < 0)
    return FALSE;
  exists = is_plain_file_at (fd, name, &saved_errno);
  close (fd);
  return exists;
}

void
wm_session_add_window (WmSession *self,
                       WmWindow  *window)
{
  Entry *entry;

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
  g_signal_connect (window, "retry-drafts", G_CALLBACK (window_retry_cb), entry);
  g_signal_connect (window, "destroy", G_CALLBACK (window_destroy_cb), entry);

  /* A restored window adopts its draft: it stays until saved or discarded. */
  if (wm_window_get_modified (window) && draft_exists (self, wm_window_get_draft_id (window)))
    {
      entry->has_draft = TRUE;
      write_session_quietly (self);
    }
  else if (wm_window_get_modified (window))
    arm (entry);
}

void
wm_session_readopt_window (WmSession  *self,
                           WmWindow   *window,
                           const char *old_draft_id)
{
  Entry *entry;
  const char *draft_id;

  g_return_if_fail (WM_IS_SESSION (self));
  g_return_if_fail (WM_IS_WINDOW (window));

  entry = find_entry (self, window);
  if (entry == NULL)
    return;

  draft_id = wm_window_get_draft_id (window);
  /* Its own draft is superseded by the one restored into it. */
  if (old_draft_id != NULL && g_strcmp0 (old_draft_id, draft_id) != 0)
    delete_draft (self->state_dir, old_draft_id);
  entry->has_draft = wm_window_get_modified (window) && draft_exists (self, draft_id);
  if (!entry->has_draft && wm_window_get_modified (window))
    arm (entry);
  write_session_quietly (self);
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
  write_session_quietly (self);
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

static char *
read_bounded (const char *path)
{
  struct stat st;
  GString *data;
  char buffer[16384];
  ssize_t n;
  int fd = open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);

  if (fd < 0)
    return NULL;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      return NULL;
    }
  data = g_string_new (NULL);
  while (data->len < WM_SESSION_FILE_MAX &&
         (n = read (fd, buffer, MIN (sizeof buffer, WM_SESSION_FILE_MAX - data->len))) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        break;
      g_string_append_len (data, buffer, n);
    }
  close (fd);
  return g_string_free (data, FALSE);
}

static gboolean
is_recoverable (WmSession  *self,
                const char *draft_id)
{
  for (guint i = 0; i < self->recoverable->len; i++)
    if (strcmp (((WmSessionDraft *) g_ptr_array_index (self->recoverable, i))->draft_id, draft_id) == 0)
      return TRUE;
  return FALSE;
}

static WmSessionDraft *
draft_from_record (WmSession       *self,
                   WmSessionRecord *record)
{
  WmSessionDraft *draft = g_new0 (WmSessionDraft, 1);

  draft->draft_id = g_strdup (record->draft_id);
  draft->draft = wm_session_get_draft_file (self, draft->draft_id);
  draft->uri = g_strdup (record->uri);
  if (record->uri != NULL && g_uri_is_valid (record->uri, G_URI_FLAGS_NONE, NULL))
    draft->original = g_file_new_for_uri (record->uri);
  draft->title = g_strdup (record->title);
  draft->base_etag = g_strdup (record->base_etag);
  return draft;
}

/* Offers what @file lists; TRUE if every draft it names was taken or is
 * gone, so the file itself is of no more use. */
static gboolean
adopt_records (WmSession     *self,
               WmSessionFile *file,
               int            drafts_fd)
{
  gboolean accounted = file->n_more == 0;

  self->n_more += file->n_more;
  for (guint i = 0; i < file->records->len; i++)
    {
      WmSessionRecord *record = g_ptr_array_index (file->records, i);
      g_autofree char *name = draft_name (record->draft_id);
      int saved_errno = ENOENT;

      if (drafts_fd >= 0 && !is_plain_file_at (drafts_fd, name, &saved_errno))
        {
          accounted &= saved_errno == ENOENT;
          continue;
        }
      if (drafts_fd < 0)
        {
          accounted = FALSE;
          continue;
        }
      if (is_recoverable (self, record->draft_id))
        continue;
      if (self->recoverable->len >= WM_SESSION_MAX_DRAFTS)
        {
          self->n_more++;
          accounted = FALSE;
          continue;
        }
      g_ptr_array_add (self->recoverable, draft_from_record (self, record));
    }
  return accounted;
}

/* A session file of a process that is gone (its lock is free), or the
 * single session.ini of older versions. NULL if its owner still runs
 * or it cannot be read. */
static Claim *
claim_session (WmSession  *self,
               const char *name,
               int         drafts_fd)
{
  g_autofree char *stem = g_strndup (name, strlen (name) - strlen (".ini"));
  g_autofree char *lock_name = g_strconcat (stem, ".lock", NULL);
  g_auto(WmSessionFile) file = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  Claim *claim = g_new0 (Claim, 1);

  claim->ini_path = g_build_filename (self->state_dir, name, NULL);
  claim->lock_path = g_build_filename (self->state_dir, lock_name, NULL);
  claim->lock_fd = open (claim->lock_path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (claim->lock_fd < 0)
    claim->lock_fd = open (claim->lock_path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  /* No lock file that can be opened means no process holds it. */
  if (claim->lock_fd >= 0 && flock (claim->lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      claim_free (claim);
      return NULL;
    }

  data = read_bounded (claim->ini_path);
  if (data == NULL || !wm_session_file_parse (data, strlen (data), &file, &error))
    {
      g_debug ("Ignoring the session file %s: %s", claim->ini_path,
               error ? error->message : "unreadable");
      claim_free (claim);
      return NULL;
    }
  claim->accounted = file.clean_shutdown || adopt_records (self, &file, drafts_fd);
  return claim;
}

static gboolean
is_session_file_name (WmSession  *self,
                      const char *name)
{
  g_autofree char *own = g_path_get_basename (self->session_path);
  g_autofree char *uuid = NULL;

  if (strcmp (name, LEGACY_SESSION) == 0)
    return TRUE;
  if (!g_str_has_prefix (name, "session-") || !g_str_has_suffix (name, ".ini") ||
      strcmp (name, own) == 0)
    return FALSE;
  uuid = g_strndup (name + strlen ("session-"), strlen (name) - strlen ("session-.ini"));
  return g_uuid_string_is_valid (uuid);
}

static void
release_claims (WmSession *self,
                GPtrArray *claims,
                gboolean   adopted)
{
  for (guint i = 0; i < claims->len; i++)
    {
      Claim *claim = g_ptr_array_index (claims, i);

      /* Ours lists them now: the dead one's file can go, its lock last. */
      if (adopted && claim->accounted)
        {
          g_unlink (claim->ini_path);
          g_unlink (claim->lock_path);
        }
    }
  g_ptr_array_set_size (claims, 0);
}

GPtrArray *
wm_session_load (WmSession *self)
{
  g_autoptr(GPtrArray) claims = g_ptr_array_new_with_free_func ((GDestroyNotify) claim_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  int drafts_fd;

  g_return_val_if_fail (WM_IS_SESSION (self), NULL);

  /* Once per process: what we adopted is listed in our file only. */
  if (self->loaded)
    return self->recoverable;
  self->loaded = TRUE;
  dir = g_dir_open (self->state_dir, 0, NULL);
  if (dir == NULL)
    return self->recoverable;

  drafts_fd = open_drafts_dir (self->state_dir, FALSE, &error);
  if (drafts_fd < 0)
    g_debug ("No drafts to recover: %s", error->message);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      Claim *claim;

      if (!is_session_file_name (self, name))
        continue;
      claim = claim_session (self, name, drafts_fd);
      if (claim != NULL)
        g_ptr_array_add (claims, claim);
    }
  if (drafts_fd >= 0)
    close (drafts_fd);

  release_claims (self, claims, write_session (self, NULL));
  return self->recoverable;
}

guint
wm_session_get_n_more (WmSession *self)
{
  g_return_val_if_fail (WM_IS_SESSION (self), 0);
  return self->n_more;
}

void
wm_session_discard_recoverable (WmSession *self)
{
  g_return_if_fail (WM_IS_SESSION (self));

  for (guint i = 0; i < self->recoverable->len; i++)
    {
      WmSessionDraft *draft = g_ptr_array_index (self->recoverable, i);
      delete_draft (self->state_dir, draft->draft_id);
    }
  g_ptr_array_set_size (self->recoverable, 0);
  write_session_quietly (self);
}

void
wm_session_forget_recoverable (WmSession *self)
{
  g_return_if_fail (WM_IS_SESSION (self));

  g_ptr_array_set_size (self->recoverable, 0);
  write_session_quietly (self);
}

void
wm_session_take_recoverable (WmSession  *self,
                             const char *draft_id)
{
  g_return_if_fail (WM_IS_SESSION (self));

  for (guint i = 0; i < self->recoverable->len; i++)
    {
      WmSessionDraft *draft = g_ptr_array_index (self->recoverable, i);

      if (g_strcmp0 (draft->draft_id, draft_id) == 0)
        {
          g_ptr_array_remove_index (self->recoverable, i);
          break;
        }
    }
  write_session_quietly (self);
}

void
wm_session_shutdown (WmSession *self)
{
  g_return_if_fail (WM_IS_SESSION (self));

  for (guint i = 0; i < self->entries->len; i++)
    remove_draft (g_ptr_array_index (self->entries, i));
  g_ptr_array_set_size (self->entries, 0);
  write_session_quietly (self);
  /* Unanswered drafts keep our file, and it needs no owner to be read. */
  if (self->lock_fd >= 0 && self->recoverable->len == 0)
    {
      g_unlink (self->lock_path);
      close (self->lock_fd);
      self->lock_fd = -1;
    }
}

/* GObject */

static void
wm_session_finalize (GObject *object)
{
  WmSession *self = WM_SESSION (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->recoverable, g_ptr_array_unref);
  g_clear_object (&self->settings);
  /* Closing is what a crash does too: the lock frees, the files stay. */
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_free (self->state_dir);
  g_free (self->drafts_dir);
  g_free (self->session_path);
  g_free (self->lock_path);

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
  self->lock_fd = -1;
}

WmSession *
wm_session_new (const char *state_dir)
{
  WmSession *self = g_object_new (WM_TYPE_SESSION, NULL);
  const char *env = g_getenv ("WAYMARK_STATE_DIR");
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *ini = g_strdup_printf ("session-%s.ini", id);
  g_autofree char *lock = g_strdup_printf ("session-%s.lock", id);

  if (state_dir != NULL)
    self->state_dir = g_strdup (state_dir);
  else if (env != NULL && *env != '\0')
    self->state_dir = g_strdup (env);
  else
    self->state_dir = g_build_filename (g_get_user_state_dir (), "waymark", NULL);

  self->drafts_dir = g_build_filename (self->state_dir, "drafts", NULL);
  self->session_path = g_build_filename (self->state_dir, ini, NULL);
  self->lock_path = g_build_filename (self->state_dir, lock, NULL);
  return self;
}
