/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "wm-document.h"

G_BEGIN_DECLS

#define WM_TYPE_OUTLINE_CURVE (wm_outline_curve_get_type ())
G_DECLARE_FINAL_TYPE (WmOutlineCurve, wm_outline_curve, WM, OUTLINE_CURVE, GObject)

/* A persona's values in the outline (a GListModel of WmCurvePoint), one
 * row per stage in stage order: its curve point there, or a slot to set
 * one (a point not in the document, the same one for a stage each time,
 * so that the row and its selection stay). It follows the stages and the
 * persona's curve, splicing only the rows that change. (GtkMapListModel
 * in GTK 4.8 maps an inserted stage to its neighbour's point.) */

WmOutlineCurve *wm_outline_curve_new (WmDocument *document,
                                      const char *persona);

G_END_DECLS
