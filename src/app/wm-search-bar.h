/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "wm-search.h"

G_BEGIN_DECLS

#define WM_TYPE_SEARCH_BAR (wm_search_bar_get_type ())
G_DECLARE_FINAL_TYPE (WmSearchBar, wm_search_bar, WM, SEARCH_BAR, GtkWidget)

/* Find: a GtkSearchBar with its entry, the count ("3 of 12", "No
 * results") and buttons to the previous and next hit, over a WmSearch of
 * the document. It moves nothing itself: its host (the window, present
 * mode) hears the signals, moves the selection, and says which hit is
 * current with wm_search_bar_set_current().
 *
 * Signals: "changed" (the query changed: redraw the hits), "step"
 * (gboolean backward: Enter, Shift+Enter, Ctrl+G, Ctrl+Shift+G, the
 * buttons), "closed" (Escape or the close button: give the focus back). */

GtkWidget  *wm_search_bar_new            (void);
void        wm_search_bar_set_document   (WmSearchBar *self,
                                          WmDocument  *document);
/* NULL until a document is set. */
WmSearch   *wm_search_bar_get_search     (WmSearchBar *self);
/* Shows the bar and puts the focus in its entry, its text selected. */
void        wm_search_bar_open           (WmSearchBar *self);
void        wm_search_bar_close          (WmSearchBar *self);
gboolean    wm_search_bar_get_open       (WmSearchBar *self);
/* The hit the host moved to (NULL: none): the count says "N of M". */
void        wm_search_bar_set_current    (WmSearchBar *self,
                                          GObject     *item);
GtkWidget  *wm_search_bar_get_entry      (WmSearchBar *self);
/* What the count says now; for tests. */
const char *wm_search_bar_get_count_text (WmSearchBar *self);

G_END_DECLS
