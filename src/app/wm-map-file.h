/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "wm-document.h"
#include "wm-draft.h"
#include "wm-history.h"

G_BEGIN_DECLS

#define WM_TYPE_MAP_FILE (wm_map_file_get_type ())
G_DECLARE_FINAL_TYPE (WmMapFile, wm_map_file, WM, MAP_FILE, GObject)

/* One journey map as a file, as GNOME Text Editor's EditorDocument: the
 * document and its history, the GFile it belongs to and a monitor on it,
 * the version (etag) last read or written, its recovery draft (WmDraft,
 * which writes and removes itself as the map changes and is saved), and
 * async loading and saving. No widgets: a window is a view on it.
 *
 * Properties: "history" (replaced by every load; the document is
 * wm_history_get_document()), "file", "modified" (unsaved changes,
 * including a restored draft), "changed-on-disk" (another program wrote
 * the file since we read it; wm_map_file_get_disk_message() says what
 * happened), "loading", "saving". Emits ::changed after every edit, undo
 * or redo. */

/* What saving to the map's own file needs first. */
typedef enum
{
  WM_MAP_FILE_SAVE_OK,          /* write it */
  WM_MAP_FILE_SAVE_NEEDS_NAME,  /* no file, or not a plain file: Save As */
  WM_MAP_FILE_SAVE_NOT_A_MAP,   /* the file holds something else now: ask */
  WM_MAP_FILE_SAVE_CHANGED,     /* another program changed it: ask */
} WmMapFileSaveCheck;

WmMapFile  *wm_map_file_new                 (void);

WmDocument *wm_map_file_get_document        (WmMapFile  *self);
WmHistory  *wm_map_file_get_history         (WmMapFile  *self);
GFile      *wm_map_file_get_file            (WmMapFile  *self);
gboolean    wm_map_file_get_modified        (WmMapFile  *self);
gboolean    wm_map_file_get_changed_on_disk (WmMapFile  *self);
const char *wm_map_file_get_disk_message    (WmMapFile  *self);
gboolean    wm_map_file_get_loading         (WmMapFile  *self);
gboolean    wm_map_file_get_saving          (WmMapFile  *self);
/* The version (etag and size) of the file when it was loaded or last
 * saved, or NULL. */
const char *wm_map_file_get_etag            (WmMapFile  *self);
/* The map's recovery draft, and its stable id. */
WmDraft    *wm_map_file_get_draft           (WmMapFile  *self);
const char *wm_map_file_get_draft_id        (WmMapFile  *self);
/* The map is closed (saved, or its changes let go): its draft goes. A
 * crash never calls this, so the draft stays for the next start. */
void        wm_map_file_close               (WmMapFile  *self);
/* The map's title as a widget may show it (one line, clipped), or its
 * file's name, or "Untitled Map". */
char       *wm_map_file_dup_display_name    (WmMapFile  *self);
/* The file's name or the map's title, with @extension (no dot). */
char       *wm_map_file_suggest_file_name   (WmMapFile  *self,
                                             const char *extension);

/* Reads @file now. */
gboolean    wm_map_file_load                (WmMapFile  *self,
                                             GFile      *file,
                                             GError    **error);
/* Reads @file in a thread. With @as_copy the map becomes a new, untitled
 * one that never writes @file (a template). */
void        wm_map_file_load_async          (WmMapFile           *self,
                                             GFile               *file,
                                             gboolean             as_copy,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean    wm_map_file_load_finish         (WmMapFile     *self,
                                             GAsyncResult  *result,
                                             GError       **error);
/* Re-reads the file, dropping unsaved changes. */
gboolean    wm_map_file_reload              (WmMapFile  *self,
                                             GError    **error);
/* A new, untitled map from the template @name. */
gboolean    wm_map_file_load_template       (WmMapFile  *self,
                                             const char *name,
                                             GError    **error);
/* @file mended by wm_repair_load_file_split() (@problems and @repairs
 * appended, may be NULL), marked modified: the map with the items of a
 * missing stage or persona dropped, then one step "Repair Map" that puts
 * them in "Unplaced". */
gboolean    wm_map_file_load_repaired       (WmMapFile  *self,
                                             GFile      *file,
                                             GPtrArray  *problems,
                                             GPtrArray  *repairs,
                                             GError    **error);
/* What the last Open and Repair (or the repair of a draft) did, as
 * "NAME:LINE: …"; NULL when the map shown was not repaired. */
GPtrArray  *wm_map_file_get_repairs         (WmMapFile  *self);
/* Restores the recovery @draft of @original (NULL: never saved), whose
 * changes apply to @original's version @base_etag (may be NULL).
 *
 * When @original is a map that can be read, the map is @original as on
 * disk (or as already shown, if this map file holds it) with the draft's
 * content on top as one undo step, "Restore Unsaved Changes": undo gives
 * back the version on disk. If @original changed since the draft was
 * written, changed-on-disk says so and saving asks. Otherwise the draft
 * opens alone, modified, as an untitled map if @original is not a map
 * any more. */
gboolean    wm_map_file_restore_draft       (WmMapFile  *self,
                                             GFile      *draft,
                                             GFile      *original,
                                             const char *draft_id,
                                             const char *base_etag,
                                             GError    **error);

/* What wm_map_file_save_async() to the map's own file would replace. */
WmMapFileSaveCheck wm_map_file_check_save   (WmMapFile  *self);
/* Writes the map to @file without asking: serialized now, written
 * atomically in a thread. On success @file becomes the map's file. */
void        wm_map_file_save_async          (WmMapFile           *self,
                                             GFile               *file,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean    wm_map_file_save_finish         (WmMapFile     *self,
                                             GAsyncResult  *result,
                                             GError       **error);

G_END_DECLS
