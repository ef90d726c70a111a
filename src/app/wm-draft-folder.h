/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* STATE/drafts, the folder recovery drafts live in, reached only through
 * an fd that never follows a symbolic link. A draft is named by its UUID
 * alone (<uuid>.waymark): nothing else in the folder is ever touched.
 * Shared by WmDraft (which writes and removes one map's draft) and
 * WmSession (which lists and adopts what a crash left). */

/* An fd for STATE/drafts (created with @create), or -1 with @error: a
 * drafts folder that is a link (at a user's maps, say) is refused. */
int       wm_draft_folder_open     (const char  *state_dir,
                                    gboolean     create,
                                    GError     **error);
/* "Could not create (or open) the folder “PATH”: why", as WM_ERROR_IO. */
void      wm_draft_folder_set_error (GError   **error,
                                     int         saved_errno,
                                     const char *path,
                                     gboolean    create);
/* "<uuid>.waymark". */
char     *wm_draft_folder_name     (const char  *draft_id);
/* TRUE if @draft_id's draft in @dir_fd is a regular file, not a link;
 * otherwise @saved_errno says why (0: something else is there). */
gboolean  wm_draft_folder_has_at   (int          dir_fd,
                                    const char  *draft_id,
                                    int         *saved_errno);
gboolean  wm_draft_folder_has      (const char  *state_dir,
                                    const char  *draft_id);
GFile    *wm_draft_folder_get_file (const char  *state_dir,
                                    const char  *draft_id);
/* Deletes the draft named by a valid UUID, never through a link. */
void      wm_draft_folder_delete   (const char  *state_dir,
                                    const char  *draft_id);
/* Checks that @bytes read back as a map, then replaces the draft
 * atomically (a new file, synced, renamed over it). */
gboolean  wm_draft_folder_write    (const char  *state_dir,
                                    const char  *draft_id,
                                    GBytes      *bytes,
                                    GError     **error);

G_END_DECLS
