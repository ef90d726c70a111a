/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a map may hold: the reader's rules for values, in one place, so
 * that every path into the model (commands, paste, importers, recovery)
 * and the writer enforce exactly what the reader accepts. */

/* The most bytes of UTF-8 in one text value (a title, a card's text, a
 * channel…). The reader refuses longer values; the model cuts them. */
#define WM_MAX_TEXT_BYTES (1024 * 1024)

/* TRUE when @c may stand in a map's text: an XML 1.0 character that is
 * not a Unicode noncharacter (U+FDD0–U+FDEF, U+nFFFE, U+nFFFF). */
gboolean  wm_rules_char_is_valid   (gunichar    c);

/* TRUE when @length bytes of @text (-1: up to the NUL) are valid UTF-8
 * of valid characters, at most WM_MAX_TEXT_BYTES. */
gboolean  wm_rules_text_is_valid   (const char *text,
                                    gssize      length);

/* @text made valid: invalid bytes and characters become U+FFFD, and
 * the result is cut at a character boundary to WM_MAX_TEXT_BYTES.
 * NULL gives NULL. */
char     *wm_rules_normalize_text  (const char *text,
                                    gssize      length);

/* "#rrggbb", the only colour form the file format has. */
gboolean  wm_rules_color_is_valid  (const char *text);

/* An XML NCName (what ids must be), at most WM_MAX_TEXT_BYTES long. */
gboolean  wm_rules_id_is_valid     (const char *text);

/* An xsd:language tag (what xml:lang holds): "zh-CN", "en". */
gboolean  wm_rules_language_is_valid (const char *text);

G_END_DECLS
