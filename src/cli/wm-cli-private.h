/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What every `waymark` command file shares (wm-cli.c, wm-cli-mermaid.c,
 * wm-cli-feedback.c). */

/* Prints "waymark COMMAND: MESSAGE" and the --help hint; returns
 * WM_CLI_EXIT_USAGE. */
int      _wm_cli_usage_error  (const char   *command,
                               const char   *message);
/* "NAME:LINE: message" already names @path's file; anything else gets
 * "NAME: " in front. */
void     _wm_cli_report_error (const char   *path,
                               const GError *error);
/* @text as it may reach a terminal: control characters (but line
 * breaks and tabs) and the bidirectional overrides a cell or a map can
 * hold are shown as \xNN or \uNNNN instead of acting on the terminal. */
char    *_wm_cli_printable    (const char   *text);
/* Whether @a and @b are one file, whatever the names: an output that is a
 * link to an input, or a hard link of it, would be written over it. */
gboolean _wm_cli_same_file    (const char   *a,
                               const char   *b);

/* Runs `waymark COMMAND OPTIONS… -j 1 -- FILES…` as @n_jobs jobs at once,
 * each with a run of @files, and prints their output in the files'
 * order; returns the worst exit status, or -1 when it cannot (do the
 * files one by one then). */
int      _wm_cli_run_jobs     (const char         *command,
                               const char * const *options,
                               char              **files,
                               guint               n_files,
                               guint               n_jobs);

G_END_DECLS
