/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "wm-error.h"

G_DEFINE_QUARK (wm-error-quark, wm_error)
