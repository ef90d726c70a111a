/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Makes Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y in @field (an entry, a text view,
 * a spin button or a row holding one) undo and redo the document, through
 * the window's doc.undo and doc.redo, instead of the field's own history.
 * GTK records text put into a field by code as typing: its own Ctrl+Z
 * would take that text out, and the field would push the blank as a new
 * edit, dropping redo. What the user types is pushed as it is typed, so
 * the document's undo takes the typing back first. */
void wm_field_undo_to_document (GtkWidget *field);

G_END_DECLS
