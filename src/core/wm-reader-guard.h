/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* The reader's guard: the one hostile-safe path from a file to a libxml2
 * tree, shared by the reader, the validator and the command line. */

/* Reads at most WM_MAX_FILE_SIZE bytes of @file; refuses folders, special
 * files and anything larger. *@name is the name used in messages. */
GBytes     *wm_reader_read_file        (GFile       *file,
                                        char       **name,
                                        GError     **error);

/* The same for a local @path, named @display in messages: anything but
 * a regular file (a folder, a FIFO, a device) is refused at once, never
 * waited on. */
GBytes     *wm_reader_read_path        (const char  *path,
                                        const char  *display,
                                        GError     **error);

/* Checks the bytes (size, UTF-8, NUL, DOCTYPE, counts, depth, value
 * lengths) and parses them with libxml2 without network, DTD or entity
 * expansion. The result belongs to the caller (xmlFreeDoc). */
xmlDoc     *wm_reader_parse_safe       (const char  *data,
                                        gsize        length,
                                        const char  *name,
                                        GError     **error);

/* Appends @text to XML that wm_reader_parse_safe() will read, escaped
 * for an attribute value or text alike; newlines, tabs and carriage
 * returns as character references, so the XML keeps one element per line
 * (for the line numbers) and values keep them unnormalized. */
void        wm_reader_append_escaped   (GString     *out,
                                        const char  *text);

/* "a text (an attribute value) is longer than 1 MiB…", translated. */
const char *wm_reader_too_long_message (gboolean     attribute);

G_END_DECLS
