/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `waymark merge` (a three-way merge, usable as git's merge driver) and
 * `waymark diff` (usable as git's diff driver). */

int wm_cli_merge_main (int    argc,
                       char **argv);
int wm_cli_diff_main  (int    argc,
                       char **argv);

G_END_DECLS
