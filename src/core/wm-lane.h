/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "wm-item.h"

G_BEGIN_DECLS

#define WM_TYPE_LANE (wm_lane_get_type ())
G_DECLARE_FINAL_TYPE (WmLane, wm_lane, WM, LANE, WmItem)

/* Properties: "id", "kind" (WmLaneKind), "title". Cards: a list of WmCard,
 * in document order (within a stage, that order is the order drawn). */
WmLane     *wm_lane_new       (const char *id,
                               WmLaneKind  kind,
                               const char *title);
WmLaneKind  wm_lane_get_kind  (WmLane     *self);
void        wm_lane_set_kind  (WmLane     *self,
                               WmLaneKind  kind);
const char *wm_lane_get_title (WmLane     *self);
void        wm_lane_set_title (WmLane     *self,
                               const char *title);
GListStore *wm_lane_get_cards (WmLane     *self);

G_END_DECLS
