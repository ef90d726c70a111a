/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "wm-document.h"

G_BEGIN_DECLS

/* The formats a map goes in and out of as text, for the command line and
 * the app alike: Mermaid (wm-mermaid.h), JSON (wm-json.h) and CSV
 * (wm-csv-map.h). */

typedef enum
{
  WM_TEXT_MERMAID,
  WM_TEXT_JSON,
  WM_TEXT_CSV,
  WM_TEXT_CSV_GRID,
} WmTextFormat;

/* "mermaid", "json", "csv", "csv-grid" (any case). */
gboolean     wm_text_format_from_string   (const char    *name,
                                           WmTextFormat  *format);
/* From an output's extension: .mmd/.mermaid, .json, .csv (cards). */
gboolean     wm_text_format_from_path     (const char    *path,
                                           WmTextFormat  *format);
const char  *wm_text_format_to_extension  (WmTextFormat   format);

char        *wm_text_export               (WmDocument    *document,
                                           WmTextFormat   format,
                                           gsize         *length,
                                           GError       **error);

/* Reads a file's bytes by its @path's extension: .json a map's JSON,
 * .csv a card table, .waymark a map, anything else Mermaid (.md and
 * .markdown its ```mermaid blocks). @name is the file as the user knows
 * it, for messages; warnings ("NAME:LINE: message") are appended to
 * @warnings when it is not NULL. */
WmDocument  *wm_import_data               (const char    *data,
                                           gsize          length,
                                           const char    *path,
                                           const char    *name,
                                           GPtrArray     *warnings,
                                           GError       **error);

/* The same, read as @format whatever the extension (not
 * WM_TEXT_CSV_GRID, which does not read back). */
WmDocument  *wm_import_data_as            (WmTextFormat   format,
                                           const char    *data,
                                           gsize          length,
                                           const char    *path,
                                           const char    *name,
                                           GPtrArray     *warnings,
                                           GError       **error);

G_END_DECLS
