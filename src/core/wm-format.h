/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The file format's tokens (data/waymark-format.md), shared by the
 * reader, the writer and the validator: indexed by enum value and
 * NULL-terminated (wm_format_touchpoints[WM_TOUCHPOINT_NONE] is ""). */
extern const char * const wm_format_lane_kinds[];
extern const char * const wm_format_touchpoints[];
extern const char * const wm_format_moment_kinds[];
extern const char * const wm_format_metric_kinds[];

G_END_DECLS
