#pragma once

#include <gio/gio.h>
#include <libxml/tree.h>

#include "wm-document.h"

G_BEGIN_DECLS

/* Shared by the reader and the validator, so that both read a file through
 * the same hostile-safe path. */

/* The tokens of the file format, indexed by enum value, NULL-terminated
 * (wm_format_touchpoints[WM_TOUCHPOINT_NONE] is ""). */
extern const char * const wm_format_lane_kinds[];
extern const char * const wm_format_touchpoints[];
extern const char * const wm_format_moment_kinds[];
extern const char * const wm_format_metric_kinds[];

/* xsd:language, as the schema has xml:lang: "zh-CN", "en". */
gboolean    wm_reader_is_language_tag (const char *text);

/* Reads at most WM_MAX_FILE_SIZE bytes of @file; refuses folders, special
 * files and anything larger. *@name is the name used in messages. */
GBytes     *wm_reader_read_file  (GFile       *file,
                                  char       **name,
                                  GError     **error);

/* The same for a local @path, named @display in messages: anything but
 * a regular file (a folder, a FIFO, a device) is refused at once, never
 * waited on. */
GBytes     *wm_reader_read_path  (const char  *path,
                                  const char  *display,
                                  GError     **error);

/* Checks the bytes (size, UTF-8, NUL, DOCTYPE) and parses them with
 * libxml2 without network, DTD or entity expansion; then checks depth and
 * element count. The result belongs to the caller (xmlFreeDoc). */
xmlDoc     *wm_reader_parse_safe (const char  *data,
                                  gsize        length,
                                  const char  *name,
                                  GError     **error);

/* Builds the document from a parsed tree, enforcing every rule of
 * waymark-format.md. With @messages, keeps going past problems that do
 * not break the structure and appends each one as "NAME:LINE: message";
 * the first one is also returned in @error. With @messages, the result is
 * NULL whenever a problem was found. @codes, if not NULL, gets the
 * WmErrorCode of each message appended (the messages are translated, so
 * their text cannot tell the kind of problem). */
WmDocument *wm_reader_build      (xmlDoc      *xdoc,
                                  const char  *name,
                                  GPtrArray   *messages,
                                  GArray      *codes,
                                  GError     **error);

G_END_DECLS
