/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The question after a crash: which maps had unsaved changes. @drafts
 * (of WmSessionDraft) is shown as a bounded, scrollable list of plain,
 * clipped labels, so a tampered session file cannot make the dialog
 * taller than a small screen; @n_more drafts beyond the list are only
 * counted. Responses: "discard", "restore". */
AdwMessageDialog *wm_recovery_dialog_new (GtkWindow *parent,
                                          GPtrArray *drafts,
                                          guint      n_more);

/* The name to show for a draft's file: its parse name, or a fallback;
 * never NULL. */
char             *wm_recovery_dup_file_label (const char *uri,
                                              GFile      *file);

G_END_DECLS
