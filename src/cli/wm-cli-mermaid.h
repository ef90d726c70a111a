/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `waymark import` (Mermaid journeys to maps) and `waymark export
 * --format mermaid`, kept apart from wm-cli.c's other commands. */

int       wm_cli_import_main            (int    argc,
                                         char **argv);
/* TRUE when `waymark export` @argv asks for Mermaid: --format mermaid,
 * or no --format and an -o ending in .mmd or .mermaid. */
gboolean  wm_cli_mermaid_export_wanted  (int    argc,
                                         char **argv);
int       wm_cli_export_mermaid_main    (int    argc,
                                         char **argv);

G_END_DECLS
