/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "wm-map-file.h"

G_BEGIN_DECLS

#define WM_TYPE_SESSION (wm_session_get_type ())
G_DECLARE_FINAL_TYPE (WmSession, wm_session, WM, SESSION, GObject)

/* Crash recovery, as GNOME Text Editor's session does it: the session
 * follows open documents (WmMapFile), each of which writes and removes
 * its own draft (WmDraft) in STATE/drafts. This process's session file
 * STATE/session-<uuid>.ini lists every document that has a draft on disk:
 * the draft's id, the file the map belongs to, the map's title and the
 * version of that file the changes apply to. A save, a discard or a
 * clean quit removes the draft, and the listing follows.
 *
 * Each process holds a lock (flock on STATE/session-<uuid>.lock) while
 * it lives; the next start considers only session files whose lock is
 * free, so two processes sharing STATE never take each other's drafts.
 * Drafts are deleted only by name from a session file we could parse
 * (never by listing the folder), and never through a symbolic link.
 * A session.ini of older versions is read the same way.
 *
 * STATE is $WAYMARK_STATE_DIR if set, else $XDG_STATE_HOME/waymark. */

typedef struct
{
  char  *draft_id;
  GFile *draft;      /* the draft file */
  GFile *original;   /* the file the map belongs to, or NULL if never saved */
  char  *title;      /* the map's title when the draft was written, clipped */
  char  *uri;        /* as listed; may not decode */
  char  *base_etag;  /* the original's version the draft is based on */
} WmSessionDraft;

WmSession  *wm_session_new                  (const char *state_dir);
const char *wm_session_get_state_dir        (WmSession  *self);
GFile      *wm_session_get_draft_file       (WmSession  *self,
                                             const char *draft_id);
/* This process's session file. */
const char *wm_session_get_session_path     (WmSession  *self);

/* Follows @map_file until it is closed (wm_map_file_close()): its draft
 * goes to this session's folder and is listed while it is on disk. A
 * restored map (wm_map_file_restore_draft()) adopts its draft. */
void        wm_session_add_document         (WmSession  *self,
                                             WmMapFile  *map_file);
/* The documents followed (transfer container). */
GPtrArray  *wm_session_get_documents        (WmSession  *self);
/* Starts writing every pending draft now instead of when its timer
 * fires (the bytes go to disk in a thread). */
void        wm_session_flush                (WmSession  *self);

/* Reads what dead processes left. Returns the drafts a crash left behind
 * (element type WmSessionDraft, owned by the session), at most
 * WM_SESSION_MAX_DRAFTS; a second call returns the same. They stay
 * listed, so a second crash loses nothing, until they are restored or
 * discarded. */
GPtrArray  *wm_session_load                 (WmSession  *self);
/* Drafts listed beyond the cap, not offered. */
guint       wm_session_get_n_more           (WmSession  *self);
/* The user said no: delete the drafts. */
void        wm_session_discard_recoverable  (WmSession  *self);
/* The drafts now belong to restored documents (added with
 * wm_session_add_document, which adopt them by draft id). */
void        wm_session_forget_recoverable   (WmSession  *self);
/* One draft was restored; the others stay listed. */
void        wm_session_take_recoverable     (WmSession  *self,
                                             const char *draft_id);

/* A clean quit: drafts of open documents are removed. */
void        wm_session_shutdown             (WmSession  *self);

G_END_DECLS
