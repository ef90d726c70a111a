/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "wm-item.h"

G_BEGIN_DECLS

#define WM_TYPE_METRIC (wm_metric_get_type ())
G_DECLARE_FINAL_TYPE (WmMetric, wm_metric, WM, METRIC, WmItem)

/* Properties: "kind" (WmMetricKind), "value" (double). */
WmMetric     *wm_metric_new       (WmMetricKind kind,
                                   double       value);
WmMetricKind  wm_metric_get_kind  (WmMetric    *self);
void          wm_metric_set_kind  (WmMetric    *self,
                                   WmMetricKind kind);
double        wm_metric_get_value (WmMetric    *self);
void          wm_metric_set_value (WmMetric    *self,
                                   double       value);
/* The valid range of a metric's value: NPS -100..100, CES 1..7, CSAT 0..100. */
void          wm_metric_kind_range (WmMetricKind kind,
                                    double      *min,
                                    double      *max);

G_END_DECLS
