/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "wm-command.h"
#include "wm-document.h"

G_BEGIN_DECLS

/* Ready-made commands for every edit of a journey map, with the labels the
 * Undo menu shows. Each returns a new command (transfer full) that is not
 * yet applied: push it on the document's WmHistory.
 *
 * Whatever they are given, the map they leave is one the reader loads:
 * numbers are clamped to the file format's ranges (NaN dropped), text
 * made valid by the setters, spans kept within the stages. An edit that
 * would break a reference (a stage or persona that is not the map's)
 * returns NULL instead: callers push only what is not NULL. */

/* One property, typed like g_object_set: wm_edit_set (card, "severity", 3u).
 * Edits with the same @merge_key on the same property merge (typing, drags). */
WmCommand *wm_edit_set             (gpointer      object,
                                    const char   *property,
                                    ...);
WmCommand *wm_edit_set_merging     (gpointer      object,
                                    const char   *merge_key,
                                    const char   *property,
                                    ...);
WmCommand *wm_edit_set_value       (gpointer      object,
                                    const char   *property,
                                    const GValue *value,
                                    const char   *merge_key);
/* As wm_edit_set_value(), with the rules that need the map: a card's
 * span is cut at the last stage, a card moved to a later stage is
 * shortened to fit, a stage or persona reference must exist and an id
 * must be a free NCName (NULL otherwise). Use it for what a user types
 * or pastes; wm_edit_set_value() only enforces each value's own rules
 * (ranges, colours, text), as every setter does. */
WmCommand *wm_edit_set_checked     (WmDocument   *document,
                                    gpointer      object,
                                    const char   *property,
                                    const GValue *value,
                                    const char   *merge_key);

WmCommand *wm_edit_add_stage       (WmDocument   *document,
                                    guint         position,
                                    const char   *title);
/* Removes the stage with its cards, curve points, moments; shortens spans over it. */
WmCommand *wm_edit_remove_stage    (WmDocument   *document,
                                    WmStage      *stage);
/* Moves a stage; a card spanning stages keeps covering the same ones. If
 * the move tears them apart, it keeps the unbroken run that holds its own
 * stage (a shorter span, undone with the move). */
WmCommand *wm_edit_move_stage      (WmDocument   *document,
                                    guint         from,
                                    guint         to);
/* As wm_edit_add_stage(), but a card spanning the gap at @position takes
 * the new stage in: for inserting between stages. */
WmCommand *wm_edit_insert_stage    (WmDocument   *document,
                                    guint         position,
                                    const char   *title);
/* A copy of @stage right after it, with copies of its cards, curve points,
 * moments and metrics under new ids; cards spanning past it take the copy
 * in. @out_stage (optional) gets the copy, not owned. */
WmCommand *wm_edit_duplicate_stage (WmDocument   *document,
                                    WmStage      *stage,
                                    WmStage     **out_stage);

WmCommand *wm_edit_add_lane        (WmDocument   *document,
                                    guint         position,
                                    WmLaneKind    kind,
                                    const char   *title);
WmCommand *wm_edit_remove_lane     (WmDocument   *document,
                                    WmLane       *lane);
WmCommand *wm_edit_move_lane       (WmDocument   *document,
                                    guint         from,
                                    guint         to);

/* Appends a card to @lane in @stage; @out_card (optional) gets it, not owned.
 * NULL if @stage is not one of the map's. */
WmCommand *wm_edit_add_card        (WmDocument   *document,
                                    WmLane       *lane,
                                    const char   *stage,
                                    const char   *text,
                                    WmCard      **out_card);
/* Adds @card (a new card, e.g. pasted, not yet in any map) to @lane at
 * @position, on @stage. The card is made to fit: a fresh id if its own
 * is missing or taken, its span cut at the last stage. NULL if @stage
 * or @lane is not the map's. */
WmCommand *wm_edit_insert_card     (WmDocument   *document,
                                    WmLane       *lane,
                                    const char   *stage,
                                    guint         position,
                                    WmCard       *card);
/* As wm_edit_insert_card() for each of @cards (new cards), from
 * @position on, as one step. */
WmCommand *wm_edit_insert_cards    (WmDocument   *document,
                                    WmLane       *lane,
                                    const char   *stage,
                                    guint         position,
                                    GPtrArray    *cards);
WmCommand *wm_edit_remove_card     (WmDocument   *document,
                                    WmCard       *card);
/* Into @lane, stage @stage, before @position of the lane's list (-1: end). */
WmCommand *wm_edit_move_card       (WmDocument   *document,
                                    WmCard       *card,
                                    WmLane       *lane,
                                    const char   *stage,
                                    int           position);
WmCommand *wm_edit_duplicate_card  (WmDocument   *document,
                                    WmCard       *card,
                                    WmCard      **out_card);

/* Adds a persona with a flat curve over every stage. With @color NULL it
 * gets the first palette colour no other persona wears. */
WmCommand *wm_edit_add_persona     (WmDocument   *document,
                                    const char   *name,
                                    const char   *color);
WmCommand *wm_edit_remove_persona  (WmDocument   *document,
                                    WmPersona    *persona);

/* Sets @persona's curve value on @stage, adding the point (and curve) if needed. */
WmCommand *wm_edit_set_point       (WmDocument   *document,
                                    const char   *persona,
                                    const char   *stage,
                                    double        value);
/* Removes @persona's value on @stage: the curve then passes over that
 * stage. NULL if there is no such point. */
WmCommand *wm_edit_remove_point    (WmDocument   *document,
                                    const char   *persona,
                                    const char   *stage);

WmCommand *wm_edit_add_moment      (WmDocument   *document,
                                    WmMomentKind  kind,
                                    const char   *persona,
                                    const char   *stage,
                                    double        at,
                                    const char   *text);
WmCommand *wm_edit_remove_moment   (WmDocument   *document,
                                    WmMoment     *moment);
WmCommand *wm_edit_move_moment     (WmDocument   *document,
                                    WmMoment     *moment,
                                    const char   *stage,
                                    double        at);

WmCommand *wm_edit_add_metric      (WmStage      *stage,
                                    WmMetricKind  kind,
                                    double        value);
/* Replaces the whole map with @content's (which it takes over and
 * empties) as one step, e.g. a recovered draft over the version on disk;
 * undo gives back exactly what was there. @label NULL: "Replace Map". */
WmCommand *wm_edit_replace_content (WmDocument   *document,
                                    WmDocument   *content,
                                    const char   *label);

WmCommand *wm_edit_remove_metric   (WmStage      *stage,
                                    WmMetric     *metric);

G_END_DECLS
