/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "wm-command.h"
#include "wm-document.h"

G_BEGIN_DECLS

#define WM_TYPE_HISTORY (wm_history_get_type ())
G_DECLARE_FINAL_TYPE (WmHistory, wm_history, WM, HISTORY, GObject)

/* The undo and redo stacks of one document. Properties: "document",
 * "can-undo", "can-redo", "undo-label", "redo-label", "modified".
 * Emits ::changed and the document's ::changed after every apply or revert. */
WmHistory  *wm_history_new            (WmDocument *document);
WmDocument *wm_history_get_document   (WmHistory  *self);
/* Applies @command (transfer full) and records it, merging it into the
 * previous one where that command allows it. */
void        wm_history_push           (WmHistory  *self,
                                       WmCommand  *command);
gboolean    wm_history_undo           (WmHistory  *self);
gboolean    wm_history_redo           (WmHistory  *self);
gboolean    wm_history_get_can_undo   (WmHistory  *self);
gboolean    wm_history_get_can_redo   (WmHistory  *self);
const char *wm_history_get_undo_label (WmHistory  *self);
const char *wm_history_get_redo_label (WmHistory  *self);
/* Commands pushed between begin and end become one undo step; nests. */
void        wm_history_begin_group    (WmHistory  *self,
                                       const char *label);
void        wm_history_end_group      (WmHistory  *self);
/* The next push starts a new undo step even if it could merge. */
void        wm_history_break_merge    (WmHistory  *self);
/* The document now matches what is on disk. */
void        wm_history_mark_saved     (WmHistory  *self);
gboolean    wm_history_get_modified   (WmHistory  *self);
/* Grows with every change, undo and redo: autosave compares it. */
guint64     wm_history_get_serial     (WmHistory  *self);
void        wm_history_clear          (WmHistory  *self);

G_END_DECLS
