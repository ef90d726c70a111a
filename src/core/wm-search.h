/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "wm-document.h"

G_BEGIN_DECLS

#define WM_TYPE_SEARCH (wm_search_get_type ())
G_DECLARE_FINAL_TYPE (WmSearch, wm_search, WM, SEARCH, GObject)

/* Find in a map: the items whose text holds the query, ignoring case and
 * width (NFKC: "ＷｅＣｈａｔ" finds "wechat"), in the map's reading order —
 * stage headers left to right, then lane by lane (its title, then its
 * cards by stage; the emotion lane's moments), then personas. Searched:
 * card text, channel and owner; stage title and goal; lane title;
 * persona name, description and goals; moment text.
 *
 * The folded text of each item is kept and refolded only when the item's
 * text changed, so a keystroke in the search field costs one scan. The
 * hits follow the document's edits. Property: "n-hits". */

WmSearch   *wm_search_new          (WmDocument *document);
void        wm_search_set_query    (WmSearch   *self,
                                    const char *query);
const char *wm_search_get_query    (WmSearch   *self);
guint       wm_search_get_n_hits   (WmSearch   *self);
/* Borrowed: a WmStage, WmLane, WmCard, WmMoment or WmPersona. */
GObject    *wm_search_get_hit      (WmSearch   *self,
                                    guint       index);
/* The index of @item among the hits, or -1. */
int         wm_search_index_of     (WmSearch   *self,
                                    GObject    *item);
/* The hit after (or before, @backward) @from in reading order, wrapping
 * around; the first (last) when @from is NULL or no hit. -1 when there
 * are no hits. */
int         wm_search_step         (WmSearch   *self,
                                    GObject    *from,
                                    gboolean    backward);

G_END_DECLS
