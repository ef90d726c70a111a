/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "wm-present-window.h"

G_BEGIN_DECLS

#define WM_TYPE_PRESENTER_WINDOW (wm_presenter_window_get_type ())
G_DECLARE_FINAL_TYPE (WmPresenterWindow, wm_presenter_window, WM, PRESENTER_WINDOW, AdwWindow)

/* The presenter's view of present mode, for the laptop while the room
 * sees the projector: the screen the room sees and the one that comes
 * next (drawn by wm_render), where we are, the time since the start, and buttons and
 * keys that drive the present window. It closes with it. */

WmPresenterWindow *wm_presenter_window_new         (WmPresentWindow   *present);
/* "Stage 2 of 5 · Booking", as shown. */
const char        *wm_presenter_window_get_position (WmPresenterWindow *self);
/* The stages shown as "now" and "next": -1 for the overview (now) or the
 * end (next); a next in the same stage is its next screen. */
void               wm_presenter_window_get_stages   (WmPresenterWindow *self,
                                                     int               *now,
                                                     int               *next);

G_END_DECLS
