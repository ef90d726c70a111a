/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "wm-item.h"

G_BEGIN_DECLS

#define WM_TYPE_STAGE (wm_stage_get_type ())
G_DECLARE_FINAL_TYPE (WmStage, wm_stage, WM, STAGE, WmItem)

/* Properties: "id", "title", "goal". Metrics are a list of WmMetric. */
WmStage    *wm_stage_new         (const char *id,
                                  const char *title);
const char *wm_stage_get_title   (WmStage    *self);
void        wm_stage_set_title   (WmStage    *self,
                                  const char *title);
const char *wm_stage_get_goal    (WmStage    *self);
void        wm_stage_set_goal    (WmStage    *self,
                                  const char *goal);
GListStore *wm_stage_get_metrics (WmStage    *self);

G_END_DECLS
