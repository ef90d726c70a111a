/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "wm-document.h"

G_BEGIN_DECLS

#define WM_TYPE_PRINT_OPERATION (wm_print_operation_get_type ())
G_DECLARE_FINAL_TYPE (WmPrintOperation, wm_print_operation, WM, PRINT_OPERATION, GtkPrintOperation)

/* Printing a map: fitted onto one sheet, or tiled across sheets as a
 * poster (overlaps, crop marks, page labels), optionally after the summary
 * pages. Plans and draws through wm_page_plan (wm-export.h), so the sheets
 * are exactly those `waymark export --page poster-…` writes for the same
 * paper. The print dialog gets a "Map" tab with the choice. */
WmPrintOperation *wm_print_operation_new         (WmDocument       *document);
gboolean          wm_print_operation_get_tiled   (WmPrintOperation *self);
void              wm_print_operation_set_tiled   (WmPrintOperation *self,
                                                  gboolean          tiled);
gboolean          wm_print_operation_get_summary (WmPrintOperation *self);
void              wm_print_operation_set_summary (WmPrintOperation *self,
                                                  gboolean          summary);

G_END_DECLS
