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

#include "wm-draft-folder.h"
#include "wm-error.h"
#include "wm-session.h"
#include "wm-session-file.h"

#define LEGACY_SESSION "session.ini"

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
  char       *session_path;
  char       *lock_path;
  int         lock_fd;

  GPtrArray  *documents;    /* of WmDraft, each an open map's */
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
claim_free (Claim *claim)
{
  if (claim->lock_fd >= 0)
    close (claim->lock_fd);
  g_free (claim->ini_path);
  g_free (claim->lock_path);
  g_free (claim);
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

GFile *
wm_session_get_draft_file (WmSession  *self,
                           const char *draft_id)
{
  return wm_draft_folder_get_file (self->state_dir, draft_id);
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
      wm_draft_folder_set_error (error, errno, self->state_dir, TRUE);
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
record_for_document (WmDraft *draft)
{
  WmSessionRecord *record = g_new0 (WmSessionRecord, 1);
  WmMapFile *map_file = wm_draft_get_map_file (draft);
  g_autofree char *title = wm_map_file_dup_display_name (map_file);
  GFile *file = wm_map_file_get_file (map_file);

  record->draft_id = g_strdup (wm_draft_get_id (draft));
  record->uri = file ? g_file_get_uri (file) : NULL;
  record->title = wm_session_clip_title (title, strlen (title));
  record->base_etag = g_strdup (wm_map_file_get_etag (map_file));
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

  for (guint i = 0; i < self->documents->len; i++)
    {
      WmDraft *draft = g_ptr_array_index (self->documents, i);

      if (wm_draft_get_written (draft) && wm_draft_get_map_file (draft) != NULL)
        g_ptr_array_add (records, record_for_document (draft));
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

/* Open documents */

static void
draft_written_cb (WmDraft   *draft,
                  WmSession *self)
{
  g_autoptr(GError) error = NULL;

  if (!write_session (self, &error))
    wm_draft_report_problem (draft, error);
}

static void
draft_removed_cb (WmDraft   *draft,
                  WmSession *self)
{
  write_session_quietly (self);
}

static void
let_go (WmSession *self,
        WmDraft   *draft)
{
  g_signal_handlers_disconnect_by_data (draft, self);
  g_ptr_array_remove (self->documents, draft);
}

static void
draft_closed_cb (WmDraft   *draft,
                 WmSession *self)
{
  let_go (self, draft);
  write_session_quietly (self);
}

void
wm_session_add_document (WmSession *self,
                         WmMapFile *map_file)
{
  WmDraft *draft;

  g_return_if_fail (WM_IS_SESSION (self));
  g_return_if_fail (WM_IS_MAP_FILE (map_file));

  draft = wm_map_file_get_draft (map_file);
  if (g_ptr_array_find (self->documents, draft, NULL))
    return;
  g_ptr_array_add (self->documents, g_object_ref (draft));
  g_signal_connect (draft, "written", G_CALLBACK (draft_written_cb), self);
  g_signal_connect (draft, "removed", G_CALLBACK (draft_removed_cb), self);
  g_signal_connect (draft, "closed", G_CALLBACK (draft_closed_cb), self);
  /* A restored map adopts its draft: it stays until saved or discarded. */
  wm_draft_set_folder (draft, self->state_dir);
}

GPtrArray *
wm_session_get_documents (WmSession *self)
{
  g_autoptr(GPtrArray) map_files = g_ptr_array_new ();

  g_return_val_if_fail (WM_IS_SESSION (self), NULL);

  for (guint i = 0; i < self->documents->len; i++)
    g_ptr_array_add (map_files, wm_draft_get_map_file (g_ptr_array_index (self->documents, i)));
  return g_steal_pointer (&map_files);
}

void
wm_session_flush (WmSession *self)
{
  g_return_if_fail (WM_IS_SESSION (self));

  for (guint i = 0; i < self->documents->len; i++)
    wm_draft_flush (g_ptr_array_index (self->documents, i));
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
      int saved_errno = ENOENT;

      if (drafts_fd >= 0 && !wm_draft_folder_has_at (drafts_fd, record->draft_id, &saved_errno))
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

  drafts_fd = wm_draft_folder_open (self->state_dir, FALSE, &error);
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
      wm_draft_folder_delete (self->state_dir, draft->draft_id);
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

  /* Drafts of open maps go: a clean quit leaves nothing to recover. */
  while (self->documents->len > 0)
    {
      g_autoptr(WmDraft) draft = g_object_ref (g_ptr_array_index (self->documents, 0));

      let_go (self, draft);
      wm_draft_close (draft);
    }
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

  /* As a crash: the maps stop drafting, their drafts stay listed. */
  for (guint i = 0; self->documents != NULL && i < self->documents->len; i++)
    {
      WmDraft *draft = g_ptr_array_index (self->documents, i);

      g_signal_handlers_disconnect_by_data (draft, self);
      wm_draft_set_folder (draft, NULL);
    }
  g_clear_pointer (&self->documents, g_ptr_array_unref);
  g_clear_pointer (&self->recoverable, g_ptr_array_unref);
  /* Closing is what a crash does too: the lock frees, the files stay. */
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_free (self->state_dir);
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
  self->documents = g_ptr_array_new_with_free_func (g_object_unref);
  self->recoverable = g_ptr_array_new_with_free_func ((GDestroyNotify) draft_free);
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

  self->session_path = g_build_filename (self->state_dir, ini, NULL);
  self->lock_path = g_build_filename (self->state_dir, lock, NULL);
  return self;
}
