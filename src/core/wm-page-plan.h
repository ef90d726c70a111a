/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "wm-export.h"

G_BEGIN_DECLS

/* The sheets of a PDF export or a print job: summary pages (if
 * options->summary) and then the map, fitted or tiled as options->page
 * says. The PDF exporter and printing both plan and draw through this, so
 * a job printed to a file has the pages `waymark export` writes.
 *
 * @sheet_width and @sheet_height (points) replace the paper size of
 * options->page (a printer's paper); 0 takes it from options->page and
 * options->landscape. WM_PAGE_FIT ignores them. */
typedef struct _WmPagePlan WmPagePlan;

WmPagePlan *wm_page_plan_new            (WmDocument            *document,
                                         const WmExportOptions *options,
                                         double                 sheet_width,
                                         double                 sheet_height,
                                         GError               **error);
void        wm_page_plan_free           (WmPagePlan            *plan);
guint       wm_page_plan_get_n_pages    (WmPagePlan            *plan);
guint       wm_page_plan_get_n_summary_pages (WmPagePlan       *plan);
void        wm_page_plan_get_page_size  (WmPagePlan            *plan,
                                         guint                  page,
                                         double                *width,
                                         double                *height);
/* Draws sheet @page onto @cr, whose origin is the sheet's corner and whose
 * unit is a point: the map tile, and on posters crop marks, registration
 * marks and the label ("Stages 3–5 · page 2 / 6"). */
void        wm_page_plan_draw_page      (WmPagePlan            *plan,
                                         guint                  page,
                                         cairo_t               *cr);
/* The sheet's outline (bookmark) title. */
char       *wm_page_plan_dup_page_title (WmPagePlan            *plan,
                                         guint                  page);
/* The first sheet showing stage @stage and where its column starts there
 * (points from the sheet's corner); FALSE if no sheet shows it. */
gboolean    wm_page_plan_find_stage     (WmPagePlan            *plan,
                                         guint                  stage,
                                         guint                 *page,
                                         double                *x,
                                         double                *y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmPagePlan, wm_page_plan_free)

G_END_DECLS
