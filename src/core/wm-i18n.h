/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets the locale and binds Waymark's translations. WAYMARK_LOCALEDIR, if
 * set, overrides the installed folder, so a build tree runs translated
 * (`make run` points it at the build's po/). */
void wm_i18n_init (void);

G_END_DECLS
