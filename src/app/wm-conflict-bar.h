/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "wm-document.h"

G_BEGIN_DECLS

#define WM_TYPE_CONFLICT_BAR (wm_conflict_bar_get_type ())
G_DECLARE_FINAL_TYPE (WmConflictBar, wm_conflict_bar, WM, CONFLICT_BAR, GtkWidget)

/* The merge conflicts `waymark merge` left in a map: a bar, shown while
 * there are any, that counts them ("3 merge conflicts"), steps through
 * them like Find, and for the current one shows what each side had with
 * one button per way out ("Keep Ours" / "Keep Theirs", or "Keep" /
 * "Delete"). It changes nothing itself: its host (the window) hears
 * "step" (gboolean backward) and "resolve" (gboolean other: theirs, or
 * delete), moves the selection and says which conflict is current with
 * wm_conflict_bar_set_current(). It follows the document's edits. */

GtkWidget  *wm_conflict_bar_new              (void);
void        wm_conflict_bar_set_document     (WmConflictBar *self,
                                              WmDocument    *document);
/* The items with a conflict, in the map's order. */
GPtrArray  *wm_conflict_bar_get_items        (WmConflictBar *self);
/* The item the host moved to or the user selected (NULL: none); the bar
 * offers its choices when it has a conflict. */
void        wm_conflict_bar_set_current      (WmConflictBar *self,
                                              GObject       *item);
GObject    *wm_conflict_bar_get_current      (WmConflictBar *self);
/* The buttons, for tests: "previous", "next", "ours", "theirs". */
GtkWidget  *wm_conflict_bar_get_button       (WmConflictBar *self,
                                              const char    *name);
/* What the bar says now: the count, and the current conflict. */
const char *wm_conflict_bar_get_count_text   (WmConflictBar *self);
const char *wm_conflict_bar_get_detail_text  (WmConflictBar *self);
gboolean    wm_conflict_bar_get_shown        (WmConflictBar *self);

G_END_DECLS
