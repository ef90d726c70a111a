/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WM_TYPE_PREFERENCES_WINDOW (wm_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (WmPreferencesWindow, wm_preferences_window, WM, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Every row is bound to the app's GSettings: a change applies at once,
 * and a change made elsewhere shows at once. */
WmPreferencesWindow *wm_preferences_window_new (GtkWindow *parent);

G_END_DECLS
