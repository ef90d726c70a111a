/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "wm-document.h"

/* libxml2's tree, without making every user of the reader include it. */
struct _xmlDoc;

G_BEGIN_DECLS

#define WM_MAX_FILE_SIZE   (64 * 1024 * 1024)
#define WM_MAX_DEPTH       64
#define WM_MAX_ITEMS       1000000

/* Reads a .waymark document. Hostile-safe: no network, no DTD, no entity
 * expansion, no other file is ever read. Errors are in WM_ERROR and their
 * message reads "NAME:LINE: what is wrong" (NAME is @name as given), so a
 * user can act on it. */
WmDocument *wm_reader_load_data (const char  *data,
                                 gsize        length,
                                 const char  *name,
                                 GError     **error);
WmDocument *wm_reader_load_file (GFile       *file,
                                 GError     **error);

/* Builds the document from a tree wm_reader_parse_safe() gave, enforcing
 * every rule of waymark-format.md. With @messages, keeps going past
 * problems that do not break the structure and appends each one as
 * "NAME:LINE: message"; the first one is also returned in @error. With
 * @messages, the result is NULL whenever a problem was found. @codes, if
 * not NULL, gets the WmErrorCode of each message appended (the messages
 * are translated, so their text cannot tell the kind of problem). */
WmDocument *wm_reader_build     (struct _xmlDoc *xdoc,
                                 const char     *name,
                                 GPtrArray      *messages,
                                 GArray         *codes,
                                 GError        **error);
/* As wm_reader_build() in collect mode, but the document is kept unless a
 * problem broke the structure: out-of-range values are clamped, and a
 * duplicate id or a reference that does not resolve is left NULL for
 * wm-repair.c to mend. The result may break the format's rules: never
 * hand it out unrepaired. */
WmDocument *wm_reader_build_lenient (struct _xmlDoc *xdoc,
                                     const char     *name,
                                     GPtrArray      *messages,
                                     GArray         *codes,
                                     GError        **error);

/* The line of a card, curve, curve point or moment that
 * wm_reader_build_lenient() built; 0 for any other item. */
int         wm_reader_item_line     (gpointer        item);

G_END_DECLS
