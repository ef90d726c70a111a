/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "wm-canvas.h"
#include "wm-document.h"
#include "wm-history.h"
#include "wm-inspector.h"
#include "wm-map-file.h"
#include "wm-outline.h"

G_BEGIN_DECLS

#define WM_TYPE_WINDOW (wm_window_get_type ())
G_DECLARE_FINAL_TYPE (WmWindow, wm_window, WM, WINDOW, AdwApplicationWindow)

/* One window per journey map: a view on a WmMapFile, which owns the
 * document, its history, the file and its draft. Properties: "history",
 * "file", "modified" (unsaved changes, including a restored draft),
 * "changed-on-disk" (another program rewrote the file since we read it).
 * Emits ::changed after every edit, undo or redo. */

WmWindow   *wm_window_new                 (GtkApplication *application);
WmWindow   *wm_window_new_from_template   (GtkApplication *application,
                                           const char     *name,
                                           GError        **error);

gboolean    wm_window_open_file           (WmWindow      *self,
                                           GFile         *file,
                                           GError       **error);
void        wm_window_open_file_async     (WmWindow            *self,
                                           GFile               *file,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
void        wm_window_open_copy_async     (WmWindow            *self,
                                           GFile               *file,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    wm_window_open_file_finish    (WmWindow            *self,
                                           GAsyncResult        *result,
                                           GError             **error);
gboolean    wm_window_load_template       (WmWindow      *self,
                                           const char    *name,
                                           GError       **error);
/* Restores a recovery draft: the window shows @draft's content, counts as
 * modified, and saves to @original (may be NULL). */
gboolean    wm_window_load_draft          (WmWindow      *self,
                                           GFile         *draft,
                                           GFile         *original,
                                           const char    *draft_id,
                                           GError       **error);
/* The same, knowing @base_etag: the version of @original the draft's
 * changes apply to (wm_window_get_file_etag() when it was written). If
 * @original changed since, or is not a map any more, the window says so
 * and saving asks instead of overwriting. */
gboolean    wm_window_load_draft_full     (WmWindow      *self,
                                           GFile         *draft,
                                           GFile         *original,
                                           const char    *draft_id,
                                           const char    *base_etag,
                                           GError       **error);
/* Opens @file mended by wm_repair_load_file_split() (its @problems and
 * @repairs appended, may be NULL), marked modified: the items of a
 * missing stage or persona dropped, then one undo step "Repair Map" that
 * puts them in "Unplaced"; a bar lists the repairs. The file itself is
 * written only when the user saves. */
gboolean    wm_window_load_repaired       (WmWindow      *self,
                                           GFile         *file,
                                           GPtrArray     *problems,
                                           GPtrArray     *repairs,
                                           GError       **error);
/* The bar's text saying the map shown was repaired; NULL when the bar is
 * not shown. */
const char *wm_window_get_repair_message  (WmWindow      *self);
/* Re-reads the file from disk, dropping unsaved changes. */
gboolean    wm_window_reload              (WmWindow      *self,
                                           GError       **error);

WmMapFile  *wm_window_get_map_file        (WmWindow      *self);
WmDocument *wm_window_get_document        (WmWindow      *self);
WmHistory  *wm_window_get_history         (WmWindow      *self);
/* The window's views of its map: the canvas, the side inspector and the
 * outline (shown in the canvas's place). */
WmCanvas   *wm_window_get_canvas          (WmWindow      *self);
WmInspector *wm_window_get_inspector      (WmWindow      *self);
WmOutline  *wm_window_get_outline         (WmWindow      *self);
GFile      *wm_window_get_file            (WmWindow      *self);
gboolean    wm_window_get_modified        (WmWindow      *self);
gboolean    wm_window_get_changed_on_disk (WmWindow      *self);
/* The map's display name: its title as a widget may show it (one line,
 * clipped: wm_ui_text()), or its file's name, or "Untitled Map". */
char       *wm_window_dup_display_name    (WmWindow      *self);
/* A stable id for this window's recovery draft. */
const char *wm_window_get_draft_id        (WmWindow      *self);
/* The version (etag and size) of the file when it was loaded or last
 * saved, or NULL. */
const char *wm_window_get_file_etag       (WmWindow      *self);
/* The bar's text saying why drafts cannot be written (the map file's
 * draft's problem; its Retry button retries); NULL when not shown. */
const char *wm_window_get_draft_problem   (WmWindow      *self);

/* Writes the map to @file without asking anything (no dialogs): the
 * document is serialized now, the bytes are written atomically in a
 * thread. On success @file becomes the window's file. */
void        wm_window_save_to_file_async  (WmWindow           *self,
                                           GFile              *file,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
gboolean    wm_window_save_to_file_finish (WmWindow      *self,
                                           GAsyncResult  *result,
                                           GError       **error);

/* Saves with the user's help: Save As when there is no file yet, a
 * question when the file changed on disk. @then_close closes the window
 * after a successful save. */
void        wm_window_save                (WmWindow      *self,
                                           gboolean       then_close);
void        wm_window_save_as             (WmWindow      *self);
/* As wm_window_save() without closing, reporting the outcome: TRUE once
 * the map is on disk; G_IO_ERROR_CANCELLED if the user stepped back (an
 * error dialog has been shown for any other error). */
void        wm_window_save_async          (WmWindow            *self,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    wm_window_save_finish         (WmWindow      *self,
                                           GAsyncResult  *result,
                                           GError       **error);

/* A file name for saving or exporting the map: the file's name or the
 * map's title, with @extension (no dot). */
char       *wm_window_suggest_file_name   (WmWindow      *self,
                                           const char    *extension);
/* "Journey Maps": *.waymark, for every file chooser. */
GtkFileFilter *wm_window_map_filter       (void);

void        wm_window_add_toast           (WmWindow      *self,
                                           AdwToast      *toast);
/* Closes without asking: the changes are dropped on purpose. */
void        wm_window_close_discarding    (WmWindow      *self);

G_END_DECLS
