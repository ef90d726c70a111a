/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include "wm-format.h"

/* The tokens of the file format, indexed by the enum values. */
const char * const wm_format_lane_kinds[] = {
  "actions", "touchpoints", "thoughts", "emotion",
  "pains", "needs", "opportunities", "notes", NULL
};
const char * const wm_format_touchpoints[] = {
  "", "pre", "first", "core", "missed", NULL
};
const char * const wm_format_moment_kinds[] = { "aha", "micro", NULL };
const char * const wm_format_metric_kinds[] = { "nps", "ces", "csat", NULL };
