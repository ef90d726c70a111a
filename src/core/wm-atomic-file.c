/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"
#define _GNU_SOURCE  /* O_TMPFILE, O_PATH, linkat() */

/* wm-atomic-file.c - replacing a file's content atomically and durably,
 * for saves, drafts and exports alike (data/waymark-format.md, "How a
 * file is saved"). */

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "wm-atomic-file.h"
#include "wm-error.h"

#ifndef O_PATH
# define O_PATH 0
#endif

gboolean
wm_atomic_file_set_error (GFile        *file,
                          WmErrorCode   code,
                          const char   *reason,
                          GError      **error)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *display = g_filename_display_name (basename != NULL ? basename : "?");

  g_set_error (error, WM_ERROR, code, _("Could not save “%s”: %s"), display, reason);

  return FALSE;
}

static gboolean
set_save_error (GFile       *file,
                const char  *reason,
                GError     **error)
{
  return wm_atomic_file_set_error (file, WM_ERROR_IO, reason, error);
}

static gboolean
set_errno_error (GFile   *file,
                 int      saved_errno,
                 GError **error)
{
  return set_save_error (file, g_strerror (saved_errno), error);
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, MIN (length, (gsize) G_MAXSSIZE));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }

      data += n;
      length -= n;
    }

  return TRUE;
}

/* Small writes (cairo's PDF operators come a few bytes at a time) are
 * gathered into one system call per this many bytes. */
#define SINK_BUFFER_SIZE (64 * 1024)

struct _WmAtomicSink
{
  int         fd;           /* -1: into @bytes instead */
  GByteArray *bytes;
  int         saved_errno;  /* the first write that failed */
  gsize       used;
  char        buffer[SINK_BUFFER_SIZE];
};

static gboolean
sink_flush (WmAtomicSink *sink)
{
  if (sink->used > 0 && sink->saved_errno == 0 && !write_all (sink->fd, sink->buffer, sink->used))
    sink->saved_errno = errno;
  sink->used = 0;
  return sink->saved_errno == 0;
}

gboolean
wm_atomic_sink_write (WmAtomicSink *sink,
                      const void   *data,
                      gsize         length)
{
  g_return_val_if_fail (sink != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (sink->saved_errno != 0)
    return FALSE;
  if (sink->fd < 0)
    {
      g_byte_array_append (sink->bytes, data, length);
      return TRUE;
    }
  if (sink->used + length <= SINK_BUFFER_SIZE)
    {
      memcpy (sink->buffer + sink->used, data, length);
      sink->used += length;
      return TRUE;
    }
  if (!sink_flush (sink))
    return FALSE;
  if (length < SINK_BUFFER_SIZE)
    return wm_atomic_sink_write (sink, data, length);
  if (!write_all (sink->fd, data, length))
    sink->saved_errno = errno;
  return sink->saved_errno == 0;
}

/* The folder and the name in it of the file a save of @path replaces.
 * Symbolic links are followed as the kernel does (at most 40), so saving
 * through a link replaces its target and keeps the link, even across
 * folders; a dangling link gets its target created. */
static gboolean
resolve_target (const char  *path,
                char       **dir,
                char       **base,
                int         *saved_errno)
{
  g_autofree char *current = g_strdup (path);

  for (guint hops = 0;; hops++)
    {
      char target[PATH_MAX];
      struct stat st;
      gssize n;

      if (lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        break;
      if (hops == 40)
        {
          *saved_errno = ELOOP;
          return FALSE;
        }
      n = readlink (current, target, sizeof target - 1);
      if (n < 0)
        {
          *saved_errno = errno;
          return FALSE;
        }
      target[n] = '\0';
      if (target[0] != '/')
        {
          g_autofree char *folder = g_path_get_dirname (current);

          g_free (current);
          current = g_build_filename (folder, target, NULL);
        }
      else
        {
          g_free (current);
          current = g_strdup (target);
        }
    }

  *dir = g_path_get_dirname (current);
  *base = g_path_get_basename (current);
  return TRUE;
}

/* Temporary files are ".NAME.XXXXXX", the Xs random (as mkstemp's);
 * short enough that a long name still has room for them. */
static const char temp_letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

static char *
temp_prefix (const char *base)
{
  return g_strdup_printf (".%.200s.", base);
}

static char *
temp_name (const char *base)
{
  g_autofree char *prefix = temp_prefix (base);
  char suffix[7];

  for (guint i = 0; i < 6; i++)
    suffix[i] = temp_letters[g_random_int_range (0, sizeof temp_letters - 1)];
  suffix[6] = '\0';
  return g_strconcat (prefix, suffix, NULL);
}

/* Every writer holds its temporary file locked (flock) from before it
 * has a name until it is renamed; the kernel drops the lock when the
 * process dies. So a temporary file of @base nobody holds locked was left
 * by a save that was killed (or crashed) at the wrong moment, and a later
 * save removes it. One being written right now is locked and stays. */
static void
sweep_leftovers (int         dirfd,
                 const char *base)
{
  g_autofree char *prefix = temp_prefix (base);
  gsize prefix_length = strlen (prefix);
  struct dirent *entry;
  DIR *listing;
  int listfd;

  listfd = openat (dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (listfd < 0)
    return;  /* a folder we may write to but not list */
  listing = fdopendir (listfd);
  if (listing == NULL)
    {
      close (listfd);
      return;
    }

  while ((entry = readdir (listing)) != NULL)
    {
      const char *name = entry->d_name;
      struct stat st;
      int fd;

      if (strncmp (name, prefix, prefix_length) != 0 ||
          strlen (name + prefix_length) != 6 ||
          strspn (name + prefix_length, temp_letters) != 6)
        continue;

      fd = openat (dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
      if (fd < 0)
        continue;
      if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && flock (fd, LOCK_EX | LOCK_NB) == 0)
        unlinkat (dirfd, name, 0);
      close (fd);
    }

  closedir (listing);
}

/* One save: where the new content goes and what makes it. */
typedef struct
{
  int               dirfd;   /* the folder */
  const char       *base;    /* the file's name in it */
  gboolean          exists;
  mode_t            mode;    /* the existing file's */
  WmAtomicProducer  produce;
  gpointer          user_data;
  GError          **error;   /* the producer's, when it gave up */
} Save;

/* Has the producer write the content to @fd. On failure *@saved_errno is
 * the disk's reason, or 0 when the producer gave up (*save->error). */
static gboolean
fill (const Save *save,
      int         fd,
      int        *saved_errno)
{
  g_autofree WmAtomicSink *sink = g_new0 (WmAtomicSink, 1);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  sink->fd = fd;
  ok = save->produce (sink, save->user_data, &error);
  if (ok)
    ok = sink_flush (sink);
  if (ok)
    return TRUE;

  /* A producer failing because the disk did says less than the disk. */
  *saved_errno = sink->saved_errno;
  if (sink->saved_errno == 0 && error != NULL)
    g_propagate_error (save->error, g_steal_pointer (&error));
  else if (sink->saved_errno == 0)
    *saved_errno = EIO;  /* a producer that failed without a word */
  return FALSE;
}

/* Writes the content to @fd and flushes it to the disk; closes @fd either way. */
static gboolean
write_and_sync (const Save  *save,
                int          fd,
                int         *saved_errno)
{
  if (!fill (save, fd, saved_errno))
    {
      close (fd);
      return FALSE;
    }
  if (fsync (fd) != 0)
    {
      *saved_errno = errno;
      close (fd);
      return FALSE;
    }
  if (close (fd) != 0)
    {
      *saved_errno = errno;
      return FALSE;
    }
  return TRUE;
}

/* Renames @tmp over @base in @dirfd, or removes it. */
static gboolean
rename_over (int         dirfd,
             const char *tmp,
             const char *base,
             int        *saved_errno)
{
  if (renameat (dirfd, tmp, dirfd, base) != 0)
    {
      *saved_errno = errno;
      unlinkat (dirfd, tmp, 0);
      return FALSE;
    }
  return TRUE;
}

typedef enum
{
  UNNAMED_DONE,
  UNNAMED_FAILED,
  UNNAMED_UNSUPPORTED,  /* no O_TMPFILE here, or no /proc to link it by */
} UnnamedResult;

/* Linux: the new content goes into an unnamed file in the folder
 * (O_TMPFILE), which a crash or a kill while writing leaves nowhere. Only
 * once it is whole on the disk does it get a name: the file's own when
 * there is none yet, else a temporary one that is at once renamed over
 * the old file, so a kill can leave it behind only between two
 * consecutive system calls. */
static UnnamedResult
write_unnamed (const Save *save,
               int        *saved_errno)
{
#ifdef O_TMPFILE
  char proc_path[64];
  int fd;

  fd = openat (save->dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, save->exists ? 0600 : 0666);
  if (fd < 0)
    {
      *saved_errno = errno;
      /* Kernels and file systems without O_TMPFILE say so in these ways. */
      if (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)
        return UNNAMED_UNSUPPORTED;
      return UNNAMED_FAILED;
    }
  (void) flock (fd, LOCK_EX);  /* see sweep_leftovers() */

  /* An existing file keeps its permissions; a new one gets 0666 less umask. */
  if (save->exists)
    (void) fchmod (fd, save->mode);  /* not fatal: we may not own the old file */

  /* Linking an unnamed file needs /proc (AT_EMPTY_PATH needs a
   * capability): without it, the named temporary file it is. */
  g_snprintf (proc_path, sizeof proc_path, "/proc/self/fd/%d", fd);
  if (access (proc_path, F_OK) != 0)
    {
      close (fd);
      return UNNAMED_UNSUPPORTED;
    }

  if (!fill (save, fd, saved_errno))
    {
      close (fd);
      return UNNAMED_FAILED;
    }
  if (fsync (fd) != 0)
    {
      *saved_errno = errno;
      close (fd);
      return UNNAMED_FAILED;
    }

  /* A new file takes its name at once, unless one appeared meanwhile. */
  if (!save->exists)
    {
      if (linkat (AT_FDCWD, proc_path, save->dirfd, save->base, AT_SYMLINK_FOLLOW) == 0)
        {
          close (fd);
          return UNNAMED_DONE;
        }
      if (errno != EEXIST)
        {
          *saved_errno = errno;
          close (fd);
          return UNNAMED_FAILED;
        }
    }

  *saved_errno = EEXIST;
  for (guint attempt = 0; attempt < 100 && *saved_errno == EEXIST; attempt++)
    {
      g_autofree char *tmp = temp_name (save->base);

      if (linkat (AT_FDCWD, proc_path, save->dirfd, tmp, AT_SYMLINK_FOLLOW) == 0)
        {
          close (fd);
          return rename_over (save->dirfd, tmp, save->base, saved_errno) ? UNNAMED_DONE : UNNAMED_FAILED;
        }
      *saved_errno = errno;
    }

  close (fd);
  return UNNAMED_FAILED;
#else
  return UNNAMED_UNSUPPORTED;
#endif
}

/* Elsewhere: a named temporary file, written, flushed and renamed. A
 * kill while it is written leaves it; the next save removes it. */
static gboolean
write_named (const Save *save,
             int        *saved_errno)
{
  g_autofree char *tmp = NULL;
  int fd = -1;

  for (guint attempt = 0; attempt < 100 && fd < 0; attempt++)
    {
      g_free (tmp);
      tmp = temp_name (save->base);
      fd = openat (save->dirfd, tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, save->exists ? 0600 : 0666);
      if (fd >= 0 || errno != EEXIST)
        break;
    }
  if (fd < 0)
    {
      *saved_errno = errno;
      return FALSE;
    }
  (void) flock (fd, LOCK_EX);  /* see sweep_leftovers() */
  if (save->exists)
    (void) fchmod (fd, save->mode);

  if (!write_and_sync (save, fd, saved_errno))
    {
      unlinkat (save->dirfd, tmp, 0);
      return FALSE;
    }

  return rename_over (save->dirfd, tmp, save->base, saved_errno);
}

/* Writes @data over @requested so that readers, a crash or a power cut
 * find the old file or the new one, never half of one, and a failure
 * leaves the old one as it was: the new content is written and flushed
 * to the disk before it replaces the old file in one rename, and the
 * folder is flushed after it, so that the rename itself is on the disk
 * when the save reports success. */
static gboolean
write_local (GFile             *file,
             const char        *requested,
             WmAtomicProducer   produce,
             gpointer           user_data,
             GError           **error)
{
  g_autoptr(GError) produce_error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *path = NULL;
  struct stat st;
  mode_t mode = 0666;
  gboolean exists = FALSE;
  gboolean ok;
  int saved_errno = 0;
  int dirfd, syncfd;
  Save save;

  if (!resolve_target (requested, &dir, &base, &saved_errno))
    return set_errno_error (file, saved_errno, error);
  path = g_build_filename (dir, base, NULL);

  if (stat (path, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        return set_errno_error (file, EISDIR, error);
      if (!S_ISREG (st.st_mode))
        return set_save_error (file, _("it is not a regular file"), error);
      /* Renaming over a file the user made read-only would quietly undo
       * that; GIO's replace refuses it too. */
      if (access (path, W_OK) != 0)
        return set_errno_error (file, errno, error);
      mode = st.st_mode & 07777;
      exists = TRUE;
    }

  /* O_PATH: a folder the user may write to but not list is fine. */
  dirfd = open (dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (dirfd < 0)
    return set_errno_error (file, errno, error);
  save = (Save) { dirfd, base, exists, mode, produce, user_data, &produce_error };

  switch (write_unnamed (&save, &saved_errno))
    {
    case UNNAMED_DONE:
      ok = TRUE;
      break;
    case UNNAMED_FAILED:
      ok = FALSE;
      break;
    case UNNAMED_UNSUPPORTED:
    default:
      ok = write_named (&save, &saved_errno);
      break;
    }

  if (ok)
    sweep_leftovers (dirfd, base);

  /* The rename is in the folder, which must reach the disk too. A folder
   * we cannot open for reading (write-only) is left to the file system. */
  if (ok && (syncfd = openat (dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0)
    {
      if (fsync (syncfd) != 0 && errno != EINVAL)
        {
          saved_errno = errno;
          ok = FALSE;
        }
      close (syncfd);
    }
  close (dirfd);

  if (!ok && produce_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&produce_error));
      return FALSE;
    }
  return ok ? TRUE : set_errno_error (file, saved_errno, error);
}

typedef struct
{
  const char *data;
  gsize       length;
} Bytes;

static gboolean
produce_bytes (WmAtomicSink  *sink,
               gpointer       user_data,
               GError       **error)
{
  const Bytes *bytes = user_data;

  return wm_atomic_sink_write (sink, bytes->data, bytes->length);
}

gboolean
wm_write_file_atomically (GFile       *file,
                          const char  *data,
                          gsize        length,
                          GError     **error)
{
  Bytes bytes = { data != NULL ? data : "", length };

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  return wm_write_file_atomically_streamed (file, produce_bytes, &bytes, error);
}

gboolean
wm_write_file_atomically_streamed (GFile             *file,
                                   WmAtomicProducer   produce,
                                   gpointer           user_data,
                                   GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GByteArray) bytes = NULL;
  WmAtomicSink sink = { -1 };
  const char *path;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (produce != NULL, FALSE);

  if ((path = g_file_peek_path (file)) != NULL)
    return write_local (file, path, produce, user_data, error);

  /* Not a local file (a GVfs location): made in memory, then GIO replaces
   * it as atomically as the backend can. */
  bytes = sink.bytes = g_byte_array_new ();
  if (!produce (&sink, user_data, error))
    return FALSE;
  if (!g_file_replace_contents (file, (const char *) bytes->data, bytes->len, NULL, FALSE,
                                G_FILE_CREATE_NONE, NULL, NULL, &local_error))
    return set_save_error (file, local_error->message, error);

  return TRUE;
}

