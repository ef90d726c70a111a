/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* waymark import-feedback FEEDBACK.csv [--map MAP | --template NAME]
 *                 [--stage-map FILE] [--persona NAME] -o OUT
 * @argv[0] is "import-feedback". Returns the exit status (wm-cli.h). */
int wm_cli_import_feedback_main (int    argc,
                                 char **argv);

G_END_DECLS
