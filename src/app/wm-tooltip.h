/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Makes every plain text tooltip of the process size itself by its
 * rendered width, not by its count of characters. Idempotent; call once
 * GTK is initialised (the application does so at start-up). */
void       wm_tooltip_install   (void);

/* The label a tooltip with @markup shows: one line while it fits in about
 * fifty average characters, wrapped at that width beyond. */
GtkWidget *wm_tooltip_label_new (const char *markup);

G_END_DECLS
