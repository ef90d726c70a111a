/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "wm-item.h"

G_BEGIN_DECLS

#define WM_TYPE_CURVE_POINT (wm_curve_point_get_type ())
G_DECLARE_FINAL_TYPE (WmCurvePoint, wm_curve_point, WM, CURVE_POINT, WmItem)

/* Properties: "stage" (a stage id), "value" (-3..3), "at" (0..1 inside the stage). */
WmCurvePoint *wm_curve_point_new       (const char   *stage,
                                        double        value,
                                        double        at);
const char   *wm_curve_point_get_stage (WmCurvePoint *self);
void          wm_curve_point_set_stage (WmCurvePoint *self,
                                        const char   *stage);
double        wm_curve_point_get_value (WmCurvePoint *self);
void          wm_curve_point_set_value (WmCurvePoint *self,
                                        double        value);
double        wm_curve_point_get_at    (WmCurvePoint *self);
void          wm_curve_point_set_at    (WmCurvePoint *self,
                                        double        at);

G_END_DECLS
