/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "wm-document.h"

G_BEGIN_DECLS

/* A map's cards as CSV for spreadsheets, and back.
 *
 * Cards: a row per stage (stage and stage_id only), then per lane (lane,
 * kind and lane_id only), so that empty ones and the order of both come
 * back; then one row per card, stage by stage, lane by lane within a
 * stage, in the map's order. Columns: stage, lane, kind, text, id, stage_id,
 * lane_id, then one per card attribute any card has (touchpoint, key,
 * channel, severity, frequency, owner, span, color), and one per foreign
 * attribute, headed "{URI}prefix:name" so it reads back into its
 * namespace; last, map_title and map_lang, the map's title and
 * language (xml:lang), on the first row only. Reading it back rebuilds
 * the title, language, stages, lanes and cards: every card's text,
 * attributes, stage, lane and order in its cell (lossless for cards;
 * the scenario, personas, curves, moments and other tools' elements are
 * not in the table). A map with neither stages nor lanes is a row with
 * only its map_title and map_lang.
 *
 * Grid: lanes × stages, a lane per row, the texts of a cell's cards one
 * per line: for reading, not for reading back.
 *
 * Both are UTF-8 with a BOM (so Excel, WPS and Feishu open Chinese
 * correctly), RFC 4180 quoting, CRLF. Formula injection: a cell that
 * begins with = + - @, a tab, a carriage return or ' is written with a
 * ' in front, so no spreadsheet runs it as a formula; reading strips one
 * leading ' again, so nothing is lost. */

/* Caps beyond wm-csv.h's, so that the lane ordering stays cheap. */
#define WM_CSV_MAP_MAX_LANES  1000
#define WM_CSV_MAP_MAX_STAGES 1000

char       *wm_csv_map_write_cards (WmDocument  *document,
                                    gsize       *length,
                                    GError     **error);
char       *wm_csv_map_write_grid  (WmDocument  *document,
                                    gsize       *length,
                                    GError     **error);
/* Reads a card table (as wm_csv_map_write_cards() writes, or a hand-made
 * one with at least "stage" and "text" columns; "lane" and "kind" default
 * to one notes lane). The table's map_title, else @title, becomes the
 * map's title. Every value goes through the .waymark reader; errors read
 * "NAME:LINE: message". */
WmDocument *wm_csv_map_read        (const char  *data,
                                    gsize        length,
                                    const char  *name,
                                    const char  *title,
                                    GError     **error);
/* The same, appending to @warnings ("NAME:LINE: message") what was left
 * out: a column that is no card attribute or repeats one, cells past the
 * last column, a lane's second kind, a second map_title or map_lang. */
WmDocument *wm_csv_map_read_full   (const char  *data,
                                    gsize        length,
                                    const char  *name,
                                    const char  *title,
                                    GPtrArray   *warnings,
                                    GError     **error);

G_END_DECLS
