#pragma once

#include <gio/gio.h>

#include "wm-window.h"

G_BEGIN_DECLS

#define WM_TYPE_SESSION (wm_session_get_type ())
G_DECLARE_FINAL_TYPE (WmSession, wm_session, WM, SESSION, GObject)

/* Autosave and crash recovery, as GNOME Text Editor's session does it.
 * An edit arms a timer (GSettings "autosave-delay", 3 s by default); when
 * it fires, the map is written to STATE/drafts/<id>.waymark and the
 * session file STATE/session.ini lists each draft with the file it
 * belongs to, and says that shutdown was not clean. A save, a discard or a
 * clean quit removes the draft. The next start after a crash finds the
 * drafts and offers them back.
 *
 * STATE is $WAYMARK_STATE_DIR if set, else $XDG_STATE_HOME/waymark. */

typedef struct
{
  char  *draft_id;
  GFile *draft;     /* the draft file */
  GFile *original;  /* the file the map belongs to, or NULL if never saved */
  char  *title;     /* the map's title when the draft was written */
} WmSessionDraft;

WmSession  *wm_session_new                  (const char *state_dir);
const char *wm_session_get_state_dir        (WmSession  *self);
GFile      *wm_session_get_draft_file       (WmSession  *self,
                                             const char *draft_id);

/* Watches @window: its edits are autosaved until it is saved or closed. */
void        wm_session_add_window           (WmSession  *self,
                                             WmWindow   *window);
void        wm_session_remove_window        (WmSession  *self,
                                             WmWindow   *window);
/* Starts writing every pending draft now instead of when its timer
 * fires (the bytes go to disk in a thread). */
void        wm_session_flush                (WmSession  *self);

/* Reads what the previous run left. Returns the drafts a crash left
 * behind (element type WmSessionDraft, owned by the session), empty after
 * a clean quit. They stay listed, so a second crash loses nothing, until
 * they are restored or discarded. */
GPtrArray  *wm_session_load                 (WmSession  *self);
/* The user said no: delete the drafts. */
void        wm_session_discard_recoverable  (WmSession  *self);
/* The drafts now belong to restored windows (added with
 * wm_session_add_window, which adopt them by draft id). */
void        wm_session_forget_recoverable   (WmSession  *self);

/* A clean quit: drafts of open windows are removed, the file says so. */
void        wm_session_shutdown             (WmSession  *self);

G_END_DECLS
