/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "wm-card.h"
#include "wm-types.h"

G_BEGIN_DECLS

/* Cards on the clipboard: our own JSON, offered under its own MIME type
 * (and as plain text for other programs). Everything read back is
 * untrusted: sizes and nesting are bounded before any parser sees the
 * data, every member's type is checked, and every value is held to the
 * reader's rules, so a paste can never make a map that cannot be saved
 * and opened again. Headless, so that it can be fuzzed. */

#define WM_CLIPBOARD_MIME_TYPE "application/x-waymark-card+json"

/* The most bytes a paste reads: a card's JSON holds three texts of at
 * most WM_MAX_TEXT_BYTES each, escaped. Plain text is held to
 * WM_MAX_TEXT_BYTES, like any text of a map. */
#define WM_CLIPBOARD_MAX_BYTES (8 * 1024 * 1024)

/* How deeply our JSON may nest (a card is one object deep); anything
 * deeper is refused before json-glib's recursive parser runs. */
#define WM_CLIPBOARD_MAX_DEPTH 64

/* The most cards one paste of plain text makes (one a line). */
#define WM_CLIPBOARD_MAX_CARDS 1000

char   *wm_clipboard_serialize_card (WmCard     *card);

/* A new card, with no id and no stage, from @length bytes of clipboard
 * data: our JSON if it is ours, otherwise the text as the card's text.
 * NULL without an error when there is nothing to paste (empty or blank
 * text); NULL with an error (WM_ERROR_TOO_LARGE) when the data is over
 * the limits. @more: the reader stopped before the end of the data
 * (there were more than @length bytes). */
WmCard *wm_clipboard_parse_card     (const char *data,
                                     gsize       length,
                                     gboolean    more,
                                     GError    **error);

/* Cards as plain text for other programs: one card as its text, several
 * as one line each. */
char      *wm_clipboard_cards_text  (WmCard * const *cards,
                                     guint           n_cards);
/* A stage's cards as a tab-separated block a spreadsheet takes: the
 * stage's title, then a row per lane (its title, then its cards). */
char      *wm_clipboard_stage_text  (WmDocument     *document,
                                     WmStage        *stage);

/* As wm_clipboard_parse_card(), but plain text makes a card per
 * non-empty line (at most WM_CLIPBOARD_MAX_CARDS; more is an error).
 * An array of new cards (no id, no stage), or NULL. */
GPtrArray *wm_clipboard_parse_cards (const char     *data,
                                     gsize           length,
                                     gboolean        more,
                                     GError        **error);

G_END_DECLS
