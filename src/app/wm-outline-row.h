/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "wm-history.h"

G_BEGIN_DECLS

#define WM_TYPE_OUTLINE_ROW (wm_outline_row_get_type ())
G_DECLARE_FINAL_TYPE (WmOutlineRow, wm_outline_row, WM, OUTLINE_ROW, GtkWidget)

/* One row of the outline (WmOutline's list view): a tree expander, what
 * the item is, its text or value, and an inline editor. Text is edited in
 * an entry shown in the label's place (Enter or leaving it commits one
 * command, Escape cancels); a value in a spin button whose steps merge
 * into one undo step. Edits are pushed onto the bound history.
 *
 * Property "editing" (boolean, read-only): set each time the row starts or
 * ends an edit, so the outline's row actions can wait for it.
 * Signal "menu" (double x, double y): a right click at (@x, @y), in the
 * row's coordinates; the row's list row is bound. */

GtkWidget      *wm_outline_row_new            (void);
/* Shows a section's heading. */
void            wm_outline_row_bind_section   (WmOutlineRow   *self,
                                               GtkTreeListRow *list_row,
                                               const char     *title);
/* Shows @item, the item of @list_row. @is_slot: a stage's row under a
 * persona with no value there yet. */
void            wm_outline_row_bind           (WmOutlineRow   *self,
                                               GtkTreeListRow *list_row,
                                               GObject        *item,
                                               WmHistory      *history,
                                               gboolean        is_slot);
/* Drops an unfinished edit and the bindings. */
void            wm_outline_row_unbind         (WmOutlineRow   *self);
GtkTreeListRow *wm_outline_row_get_list_row   (WmOutlineRow   *self);
/* Says again what the row's item is beyond its bound text (its stage,
 * its badges), after any change. */
void            wm_outline_row_refresh        (WmOutlineRow   *self);
/* The editor Enter starts (a GtkEntry or GtkSpinButton), or NULL. */
GtkWidget      *wm_outline_row_get_editor     (WmOutlineRow   *self);
void            wm_outline_row_start_editing  (WmOutlineRow   *self);
/* Ends text editing, committing it when @commit. */
void            wm_outline_row_finish_editing (WmOutlineRow   *self,
                                               gboolean        commit);
gboolean        wm_outline_row_get_editing    (WmOutlineRow   *self);
/* The shown labels joined by " | ". */
char           *wm_outline_row_dup_text       (WmOutlineRow   *self);

G_END_DECLS
