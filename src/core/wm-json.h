/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "wm-document.h"

G_BEGIN_DECLS

/* A map as JSON (data/waymark.schema.json): the tree of the canonical
 * .waymark, element by element, so that nothing is lost — foreign
 * elements, attributes and namespaces included — and reading the JSON
 * back gives the same .waymark byte for byte.
 *
 * Each element is an object: "element" (its name as written, with its
 * prefix), "attributes" (name → string, namespace declarations
 * included), and either "text" (an element holding only text) or
 * "children" (strings, elements, and {"comment"} or {"cdata"} objects).
 * The indentation between Waymark's own elements is not kept: the
 * writer makes it again. */

/* Caps checked with a cheap scan before json-glib's recursive parser
 * sees the text. Two levels per element (object and "children"). */
#define WM_JSON_MAX_BYTES      (64 * 1024 * 1024)
#define WM_JSON_MAX_DEPTH      (2 * 64 + 4)
#define WM_JSON_MAX_CONTAINERS 4000000

/* NULL and @error when the document holds a value the reader would
 * refuse (as wm_writer_write()). */
char       *wm_json_write (WmDocument   *document,
                           gsize        *length,
                           GError      **error);

/* Reads a map's JSON. Every value goes through the .waymark reader and
 * its rules; errors read "NAME:LINE: message", LINE being the JSON's. */
WmDocument *wm_json_read  (const char   *data,
                           gsize         length,
                           const char   *name,
                           GError      **error);
/* The same, appending to @warnings ("NAME:LINE: message") each member
 * the schema does not know, which is left out. */
WmDocument *wm_json_read_full (const char   *data,
                               gsize         length,
                               const char   *name,
                               GPtrArray    *warnings,
                               GError      **error);

G_END_DECLS
