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

/* Removes every item (a stage with its cards, a lane with its cards, a
 * persona with its curve and moments, a metric…). */
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
 * not owned, in the same order. Without cards among @items, a copy of
 * each stage (with its cards, curve points and moments) after it. */
WmCommand *wm_user_edit_duplicate   (WmDocument   *document,
                                     GPtrArray    *items,
                                     GPtrArray    *out_copies);

/* Sets @property to @value on every item that has it and differs (so
 * severity set on a selection of cards and stages sets the cards). */
WmCommand *wm_user_edit_set         (WmDocument   *document,
                                     GPtrArray    *items,
                                     const char   *property,
                                     const GValue *value);

/* Sets @property of one @item to @value while it is typed or spun:
 * successive changes with the same @merge_key (e.g. "typing") merge into
 * one undo step. NULL if the value is unchanged or refused. */
WmCommand *wm_user_edit_type        (WmDocument   *document,
                                     gpointer      item,
                                     const char   *property,
                                     const GValue *value,
                                     const char   *merge_key);

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

/* Adding: each with the default text a new item gets ("New Stage"), so
 * every view names new things alike. */

/* A stage at *@position (clamped to the map: the index it lands at is
 * written back); a card spanning the gap there takes it in. */
WmCommand *wm_user_edit_add_stage   (WmDocument   *document,
                                     guint        *position);
/* A lane of @kind, titled with the kind's label, at *@position (clamped,
 * written back). */
WmCommand *wm_user_edit_add_lane    (WmDocument   *document,
                                     guint        *position,
                                     WmLaneKind    kind);
/* A card at the end of @lane on @stage, with @text (NULL: "New Card"),
 * an assumption (ev:basis) until the user says otherwise.
 * NULL where the reader would refuse it: a lane that holds no cards, a
 * stage that is not the map's. @out_card as for wm_edit_add_card(). */
WmCommand *wm_user_edit_add_card    (WmDocument   *document,
                                     WmLane       *lane,
                                     const char   *stage,
                                     const char   *text,
                                     WmCard      **out_card);
/* A persona ("New Persona") with a flat curve; it is appended. */
WmCommand *wm_user_edit_add_persona (WmDocument   *document);
/* A moment of @persona (NULL or unknown: the first visible persona; a new
 * one, in the same step, if there is none) on @stage (NULL: the first) at
 * @at; appended to the map's moments. NULL without stages. */
WmCommand *wm_user_edit_add_moment  (WmDocument   *document,
                                     WmMomentKind  kind,
                                     const char   *persona,
                                     const char   *stage,
                                     double        at);
/* A metric of @kind on @stage, at its range's lowest value from 0 up;
 * appended to the stage's metrics. */
WmCommand *wm_user_edit_add_metric  (WmStage      *stage,
                                     WmMetricKind  kind);

/* The first persona shown on the map, or NULL. */
const char *wm_user_edit_moment_persona (WmDocument *document);

/* Moving one item */

/* Stage or lane @item (a WmStage or WmLane) to index @to. NULL if it is
 * already there or @to is off the map. */
WmCommand *wm_user_edit_reorder     (WmDocument   *document,
                                     gpointer      item,
                                     int           to);
/* @card into @lane on @stage, before @position of the lane's list (-1:
 * the end). NULL where nothing would change or the reader would refuse
 * it (a lane that holds no cards). */
WmCommand *wm_user_edit_move_card   (WmDocument   *document,
                                     WmCard       *card,
                                     WmLane       *lane,
                                     const char   *stage,
                                     int           position);
/* @card over @span stages; NULL if unchanged or if the span would be 0
 * or run past the last stage. */
WmCommand *wm_user_edit_set_span    (WmDocument   *document,
                                     WmCard       *card,
                                     guint         span);
WmCommand *wm_user_edit_move_moment (WmDocument   *document,
                                     WmMoment     *moment,
                                     const char   *stage,
                                     double        at);
/* @persona's curve value on @stage; repeated calls (a drag) merge into
 * one step. */
WmCommand *wm_user_edit_set_point   (WmDocument   *document,
                                     const char   *persona,
                                     const char   *stage,
                                     double        value);
/* The same for the curve point @point of the map. */
WmCommand *wm_user_edit_set_point_value (WmDocument   *document,
                                         WmCurvePoint *point,
                                         double        value);

/* Pastes @cards (new cards, e.g. from the clipboard) into @lane on
 * @stage from @position on (G_MAXUINT: the end), with fresh ids and spans
 * cut to the map; a card that says nothing of its evidence (plain text)
 * is an assumption. */
WmCommand *wm_user_edit_paste_cards (WmDocument   *document,
                                     GPtrArray    *cards,
                                     WmLane       *lane,
                                     const char   *stage,
                                     guint         position);

/* The cards among @items, in document order (lane by lane). */
GPtrArray *wm_user_edit_cards       (WmDocument   *document,
                                     GPtrArray    *items);

G_END_DECLS
