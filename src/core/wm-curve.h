/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "wm-item.h"

G_BEGIN_DECLS

#define WM_TYPE_CURVE (wm_curve_get_type ())
G_DECLARE_FINAL_TYPE (WmCurve, wm_curve, WM, CURVE, WmItem)

/* Properties: "persona" (a persona id). Points: a list of WmCurvePoint, in
 * file order (the layout orders them by stage and "at"). */
WmCurve      *wm_curve_new             (const char *persona);
const char   *wm_curve_get_persona     (WmCurve    *self);
void          wm_curve_set_persona     (WmCurve    *self,
                                        const char *persona);
GListStore   *wm_curve_get_points      (WmCurve    *self);
/* The point on @stage, or NULL. */
WmCurvePoint *wm_curve_find_point      (WmCurve    *self,
                                        const char *stage);

G_END_DECLS
