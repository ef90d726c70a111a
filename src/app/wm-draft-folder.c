/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wm-draft-folder.h"
#include "wm-error.h"
#include "wm-reader.h"

void
wm_draft_folder_set_error (GError    **error,
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

int
wm_draft_folder_open (const char  *state_dir,
                      gboolean     create,
                      GError     **error)
{
  int state_fd, fd, saved_errno;

  if (create && g_mkdir_with_parents (state_dir, 0700) != 0)
    {
      wm_draft_folder_set_error (error, errno, state_dir, TRUE);
      return -1;
    }
  state_fd = open (state_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (state_fd < 0)
    {
      wm_draft_folder_set_error (error, errno, state_dir, FALSE);
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

char *
wm_draft_folder_name (const char *draft_id)
{
  return g_strconcat (draft_id, ".waymark", NULL);
}

gboolean
wm_draft_folder_has_at (int         dir_fd,
                        const char *draft_id,
                        int        *saved_errno)
{
  g_autofree char *name = wm_draft_folder_name (draft_id);
  struct stat st;

  if (fstatat (dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
    {
      *saved_errno = errno;
      return FALSE;
    }
  *saved_errno = 0;
  return S_ISREG (st.st_mode);
}

gboolean
wm_draft_folder_has (const char *state_dir,
                     const char *draft_id)
{
  int fd = wm_draft_folder_open (state_dir, FALSE, NULL);
  int saved_errno;
  gboolean exists;

  if (fd < 0)
    return FALSE;
  exists = wm_draft_folder_has_at (fd, draft_id, &saved_errno);
  close (fd);
  return exists;
}

GFile *
wm_draft_folder_get_file (const char *state_dir,
                          const char *draft_id)
{
  g_autofree char *name = wm_draft_folder_name (draft_id);
  g_autofree char *path = g_build_filename (state_dir, "drafts", name, NULL);

  return g_file_new_for_path (path);
}

void
wm_draft_folder_delete (const char *state_dir,
                        const char *draft_id)
{
  g_autofree char *name = NULL;
  int fd, saved_errno;

  if (draft_id == NULL || !g_uuid_string_is_valid (draft_id))
    return;
  fd = wm_draft_folder_open (state_dir, FALSE, NULL);
  if (fd < 0)
    return;
  name = wm_draft_folder_name (draft_id);
  if (wm_draft_folder_has_at (fd, draft_id, &saved_errno))
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

/* A draft the reader would refuse never replaces the last good one: the
 * crash it is for would then lose every edit. */
static gboolean
reads_back (GBytes  *bytes,
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

/* Relative to the folder's fd: a temporary file made with O_EXCL |
 * O_NOFOLLOW, synced, then renamed over the draft. */
static int
replace_at (int          dir_fd,
            const char  *name,
            GBytes      *bytes)
{
  g_autofree char *tmp = g_strdup_printf (".%s.%08x", name, g_random_int ());
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  int fd, saved_errno = 0;

  fd = openat (dir_fd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    return errno;
  if (!write_all (fd, data, length) || fsync (fd) != 0)
    saved_errno = errno ? errno : EIO;
  if (close (fd) != 0 && saved_errno == 0)
    saved_errno = errno;
  if (saved_errno == 0 && renameat (dir_fd, tmp, dir_fd, name) != 0)
    saved_errno = errno;
  if (saved_errno != 0)
    unlinkat (dir_fd, tmp, 0);
  return saved_errno;
}

gboolean
wm_draft_folder_write (const char  *state_dir,
                       const char  *draft_id,
                       GBytes      *bytes,
                       GError     **error)
{
  g_autofree char *name = wm_draft_folder_name (draft_id);
  int dir_fd, saved_errno;

  if (!reads_back (bytes, error))
    return FALSE;
  dir_fd = wm_draft_folder_open (state_dir, TRUE, error);
  if (dir_fd < 0)
    return FALSE;
  saved_errno = replace_at (dir_fd, name, bytes);
  close (dir_fd);

  if (saved_errno != 0)
    g_set_error (error, WM_ERROR, WM_ERROR_IO, _("Could not write the draft: %s"),
                 g_strerror (saved_errno));
  return saved_errno == 0;
}
