/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "wm-command.h"
#include "wm-document.h"

G_BEGIN_DECLS

/* The one edit layer: every user-level edit, on one item or on a
 * selection, as one command (one undo step) with the label the Undo menu
 * shows ("Delete 5 Cards"). The canvas, the outline, the inspector and
 * present mode call these; none of them builds edits of its own.
 *
 * @items is a selection: cards, stages, lanes, moments, curve points, in
 * any order (document order is used). Each returns a new command (transfer
 * full), not yet applied, or NULL when there is nothing to do: callers
 * push only what is not NULL. */

/* Removes every item (a stage with its cards, a lane with its cards…). */
WmCommand *wm_user_edit_remove      (WmDocument   *document,
                                     GPtrArray    *items);

/* Moves the cards among @items by @lanes and @stages, keeping their
 * offsets to one another; the offsets are cut so that every card stays on
 * the map, and a card never lands in a lane that holds no cards. */
WmCommand *wm_user_edit_move_cards  (WmDocument   *document,
                                     GPtrArray    *items,
                                     int           lanes,
                                     int           stages);

/* A copy of each card after it; @out_copies (optional) gets the copies,
 * not owned, in the same order. */
WmCommand *wm_user_edit_duplicate   (WmDocument   *document,
                                     GPtrArray    *items,
                                     GPtrArray    *out_copies);

/* Sets @property to @value on every item that has it and differs (so
 * severity set on a selection of cards and stages sets the cards). */
WmCommand *wm_user_edit_set         (WmDocument   *document,
                                     GPtrArray    *items,
                                     const char   *property,
                                     const GValue *value);

/* Cards for a paste: new cards (no map yet) with their lane and stage
 * offsets from the first one, as copied. */
typedef struct _WmUserClip WmUserClip;

WmUserClip *wm_user_clip_new        (WmDocument   *document,
                                     GPtrArray    *items);
void        wm_user_clip_free       (WmUserClip   *clip);
guint       wm_user_clip_get_size   (WmUserClip   *clip);
WmCard     *wm_user_clip_get_card   (WmUserClip   *clip,
                                     guint         index);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmUserClip, wm_user_clip_free)

/* Pastes fresh copies of @clip's cards with the first at (@lane, @stage),
 * the others at their offsets, cut to the map. @out_cards (optional) gets
 * the pasted cards, not owned. */
WmCommand *wm_user_edit_paste       (WmDocument   *document,
                                     WmUserClip   *clip,
                                     guint         lane,
                                     guint         stage,
                                     GPtrArray    *out_cards);

/* The cards among @items, in document order (lane by lane). */
GPtrArray *wm_user_edit_cards       (WmDocument   *document,
                                     GPtrArray    *items);

G_END_DECLS
