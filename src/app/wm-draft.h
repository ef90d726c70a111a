/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _WmMapFile WmMapFile;

#define WM_TYPE_DRAFT (wm_draft_get_type ())
G_DECLARE_FINAL_TYPE (WmDraft, wm_draft, WM, DRAFT, GObject)

/* One map's recovery draft, owned by its WmMapFile as GNOME Text
 * Editor's EditorDocument owns its draft. Once the session gives it a
 * folder (STATE), an edit arms a timer (GSettings "autosave-delay");
 * when it fires the map is written to STATE/drafts/<id>.waymark (read
 * back first, then atomically, in a thread). Saving or undoing back to
 * the saved state removes it; so does closing the map. Without a folder
 * nothing is written.
 *
 * Signals, for the session's listing: ::written (a draft of the current
 * changes is on disk), ::removed (it is gone), ::closed (the map was
 * closed; the draft is gone and will not come back). Property "problem":
 * why drafts cannot be written ("Crash protection is off: …"), or NULL. */

WmDraft    *wm_draft_new            (WmMapFile  *map_file);

const char *wm_draft_get_id         (WmDraft    *self);
/* The map this draft belongs to; NULL once closed. */
WmMapFile  *wm_draft_get_map_file   (WmDraft    *self);
/* Drafts go to @state_dir from now on; NULL stops drafting and leaves
 * any draft on disk, as a crash would. A draft already on disk under
 * this id is adopted while the map has unsaved changes. */
void        wm_draft_set_folder     (WmDraft    *self,
                                     const char *state_dir);
const char *wm_draft_get_folder     (WmDraft    *self);
/* A restored draft @draft_id is this map's now; its own goes. */
void        wm_draft_adopt          (WmDraft    *self,
                                     const char *draft_id);
/* TRUE while a draft of the unsaved changes is on disk. */
gboolean    wm_draft_get_written    (WmDraft    *self);
const char *wm_draft_get_problem    (WmDraft    *self);
/* The draft was written but could not be listed: says so and retries. */
void        wm_draft_report_problem (WmDraft      *self,
                                     const GError *error);
/* Tries again now (the banner's Retry). */
void        wm_draft_retry          (WmDraft    *self);
/* Starts writing a pending draft now instead of when its timer fires. */
void        wm_draft_flush          (WmDraft    *self);
/* The map is closed (saved, or its changes let go): the draft goes. */
void        wm_draft_close          (WmDraft    *self);

G_END_DECLS
