/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "wm-session.h"
#include "wm-window.h"

G_BEGIN_DECLS

#define WM_TYPE_APPLICATION (wm_application_get_type ())
G_DECLARE_FINAL_TYPE (WmApplication, wm_application, WM, APPLICATION, AdwApplication)

/* One instance per user: `waymark FILE` while Waymark runs opens FILE in
 * the running instance. A plain start offers recovered drafts if the last
 * run crashed, then the template chooser. */
WmApplication *wm_application_new                 (void);
WmSession     *wm_application_get_session         (WmApplication *self);
/* Presents the window that already shows @file, or opens a new one;
 * a file that cannot be read gets an error dialog and NULL. */
WmWindow      *wm_application_open_file           (WmApplication *self,
                                                   GFile         *file);
/* A new, untitled map with @file's content (Save asks for a name); files
 * in the app's own templates folders always open this way. */
WmWindow      *wm_application_open_copy           (WmApplication *self,
                                                   GFile         *file);
WmWindow      *wm_application_new_from_template   (WmApplication *self,
                                                   const char    *name);
void           wm_application_show_template_chooser (WmApplication *self);
/* The user guide in the UI language (else English), installed or in the
 * source tree; NULL if neither has it. */
GFile         *wm_application_find_help           (void);

G_END_DECLS
