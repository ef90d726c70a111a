/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "wm-document.h"

G_BEGIN_DECLS

/* The Check Map panel: the eight elements of @document with their status,
 * a snapshot taken when it opens, transient for @parent. */
GtkWindow *wm_lint_window_new (WmDocument *document,
                               GtkWindow  *parent);

G_END_DECLS
