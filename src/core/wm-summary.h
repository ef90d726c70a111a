/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "wm-document.h"
#include "wm-style.h"

G_BEGIN_DECLS

/* The stakeholder summary: title, scenario, personas with their goals,
 * the top pain points ranked by severity × feedback count, opportunities
 * grouped by internal owner, metrics per stage and the Aha- and
 * micro-moments, typeset with cairo + Pango in the map's own style onto
 * sheets of a given size; it flows onto more sheets when it is long. */

typedef struct _WmSummary WmSummary;

WmSummary *wm_summary_new         (WmDocument *document,
                                   WmTheme     theme,
                                   double      width,
                                   double      height);
void       wm_summary_free        (WmSummary  *self);
guint      wm_summary_get_n_pages (WmSummary  *self);
/* Every block's text, one a line, in order (tabs between columns). */
char      *wm_summary_dup_text    (WmSummary  *self);
/* Draws sheet @page (points, origin at the sheet's corner). */
void       wm_summary_draw_page   (WmSummary  *self,
                                   guint       page,
                                   cairo_t    *cr);
/* The pain points of every pains lane, highest severity × frequency first
 * (a frequency of 0 counts as 1), then in document order: WmCards, not
 * owned. The summary lists the first few. */
GPtrArray *wm_summary_rank_pains  (WmDocument *document);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmSummary, wm_summary_free)

G_END_DECLS
