/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* wm-page-plan-private.h - the page plan's state, shared by its own file
 * (planning sheets, drawing them) and wm-export.c, whose PDF, SVG and
 * PNG writers run on a plan. Nothing else includes it. */

#include <cairo.h>

#include "wm-page-plan.h"
#include "wm-layout.h"
#include "wm-render.h"
#include "wm-summary.h"

G_BEGIN_DECLS

typedef struct
{
  double            width;    /* the sheet, points */
  double            height;
  double            scale;    /* printed points per layout unit */
  double            x;        /* where @src's corner lands on the sheet */
  double            y;
  cairo_rectangle_t src;      /* the part of the map, layout units */
  guint             row;
  guint             column;
} Page;

/* The plan is the exporter's state too: SVG and PNG use its layout. */
typedef struct _WmPagePlan Export;

struct _WmPagePlan
{
  WmDocument            *document;
  WmLayout              *layout;
  const WmExportOptions *options; /* &own_options */
  WmExportOptions        own_options;
  char                  *persona;
  char                  *author;
  GCancellable          *cancellable;
  WmExportProgress       progress;
  gpointer               user_data;
  double                 map_width;
  double                 map_height;
  double                 sheet_width;  /* 0: the paper of options->page */
  double                 sheet_height;
  /* Sheets: summary pages first, then the map's */
  WmSummary             *summary;
  guint                  n_summary;
  GArray                *pages;   /* of Page, the map's */
  guint                  rows;
  guint                  columns;
  double                 step_x;  /* printed points between two tiles' corners */
  double                 step_y;
  gboolean               poster;
  gboolean               fill_sheet;
};

/* The map's title for metadata and labels ("Untitled journey" if none). */
const char *wm_page_plan_document_title (WmDocument              *document);
/* Stage @index's title, or its id; NULL past the end. To g_free(). */
char       *wm_page_plan_stage_name     (WmDocument              *document,
                                         guint                    index);
/* @src of the map drawn at (@x, @y) scaled by @scale; @detail (device
 * pixels per layout unit) decides what is legible enough to draw as text. */
void        wm_page_plan_draw_map       (Export                  *self,
                                         cairo_t                 *cr,
                                         const cairo_rectangle_t *src,
                                         double                   x,
                                         double                   y,
                                         double                   scale,
                                         double                   detail,
                                         WmRenderFlags            flags);

G_END_DECLS
