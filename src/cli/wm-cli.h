/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The headless command line of DESIGN.md section 5:
 *
 *   waymark export FILE… [-o OUT | --output-dir DIR] [--format pdf|svg|png]
 *                  [--page fit|a4|a3|letter|poster-a4|poster-a3] [--landscape]
 *                  [--dpi N] [--theme light|dark] [--persona ID]
 *   waymark validate FILE…
 *   waymark --version
 *
 * Errors go to stderr as "FILE:LINE: message" (or "FILE: message");
 * the exit status is 0 when all went well, 1 when any file could not be
 * read or exported (a batch goes on past it), 2 for a usage error. */

#define WM_CLI_EXIT_OK        0
#define WM_CLI_EXIT_BAD_INPUT 1
#define WM_CLI_EXIT_USAGE     2

/* TRUE if @arg (argv[1]) names something wm_cli_main() handles, so the
 * program stays headless. */
gboolean    wm_cli_is_subcommand (const char *arg);
/* @argv[1] is the subcommand. Returns the exit status. */
int         wm_cli_main          (int         argc,
                                  char      **argv);
/* The subcommands in a few translated lines, for the application's
 * `waymark --help` (g_application_set_option_context_description()). */
const char *wm_cli_get_summary   (void);

G_END_DECLS
