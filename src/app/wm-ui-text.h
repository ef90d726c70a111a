/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Map text (titles, names, card texts…) as a widget may show it.
 *
 * GTK shapes a label's whole text with Pango, and Pango 1.50 and HarfBuzz
 * take quadratic time on long clusters of combining marks, long runs of
 * tabs and long wrapped words: one letter with 200,000 accents as a map's
 * title kept the window at "Opening…" for minutes. Every widget that shows
 * map text (label, row, window title, tooltip, menu item, toast, accessible
 * name) takes it through one of these, which bound it in characters, lines
 * and combining marks (wm_layout_dup_clipped_text()), and a markup or
 * mnemonic API gets it escaped, so "R&D <team>" or "a_b" read literally. */

/* One line (a title, a name): at most this many characters, then "…". */
#define WM_UI_TEXT_LINE_CHARS  200
/* A few lines (a card's or a moment's text in a row or a tooltip). */
#define WM_UI_TEXT_BLOCK_CHARS 1000
#define WM_UI_TEXT_BLOCK_LINES 10
/* The longest text an entry or a text view is given to edit. */
#define WM_UI_TEXT_EDIT_CHARS  10000

/* Plain text, one line; "" for NULL. To g_free(). */
char     *wm_ui_text            (const char *text);
/* Plain text, up to WM_UI_TEXT_BLOCK_LINES lines; "" for NULL. */
char     *wm_ui_text_block      (const char *text);
/* wm_ui_text() escaped for an API that only takes Pango markup. */
char     *wm_ui_markup          (const char *text);
/* wm_ui_text() with '_' doubled, for a label GTK reads mnemonics in
 * (GMenu items, use-underline labels). */
char     *wm_ui_mnemonic_safe   (const char *text);
/* Whether @text can go whole into a GtkEntry or GtkTextView and stay
 * responsive: short enough and nothing wm_ui_text() would have to cut
 * for Pango. NULL is editable. */
gboolean  wm_ui_text_editable   (const char *text);

/* @file's name as a widget may show it: a name that is not UTF-8 (the
 * file system's bytes) gets U+FFFD where it does not decode, then
 * wm_ui_text(). "" for NULL. To g_free(). */
char     *wm_ui_file_name       (GFile      *file);

/* A selectable, wrapping label of wm_ui_text_block (@text), literal: a
 * quote, a note. */
GtkWidget *wm_ui_block_label_new (const char *text);

/* A label showing @text literally (markup and mnemonics off). */
void      wm_ui_label_set_text  (GtkLabel   *label,
                                 const char *text);

G_END_DECLS
