/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "wm-card.h"
#include "wm-document.h"

G_BEGIN_DECLS

/* The clipboard for cards, shared by the canvas and the outline: our
 * JSON under its own MIME type plus the card's text for other programs;
 * pasting reads at most WM_CLIPBOARD_MAX_BYTES + 1 bytes as a stream
 * (never the whole clipboard) and hands them to wm_clipboard_parse_card(). */

void    wm_paste_copy_card        (GtkWidget            *widget,
                                   WmCard               *card);

/* A stage's cards as a tab-separated block, for spreadsheets and mail. */
void    wm_paste_copy_stage       (GtkWidget            *widget,
                                   WmDocument           *document,
                                   WmStage              *stage);

void    wm_paste_read_card_async  (GtkWidget            *widget,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
/* A new card (no id, no stage), or NULL: nothing to paste (no error) or
 * a refusal, which wm_paste_report() shows. */
WmCard *wm_paste_read_card_finish (GAsyncResult         *result,
                                   GError              **error);
/* The same read as new cards: plain text gives one a non-empty line
 * (wm_clipboard_parse_cards()). */
GPtrArray *wm_paste_read_cards_finish (GAsyncResult      *result,
                                       GError           **error);

/* After a read whose cards were NULL without an error: the Mermaid
 * journey the clipboard held, as a map to merge (or NULL). */
WmDocument *wm_paste_take_mermaid (GAsyncResult         *result);
/* That journey merged into @document as one step to push, or NULL:
 * none, or a refusal shown in @widget's window. */
WmCommand  *wm_paste_take_mermaid_command (GAsyncResult *result,
                                           WmDocument   *document,
                                           GtkWidget    *widget);
/* Shows @error as a toast in @widget's window (WM_ERROR only: a
 * clipboard without text is not worth a word). */
void    wm_paste_report           (GtkWidget            *widget,
                                   const GError         *error);

G_END_DECLS
