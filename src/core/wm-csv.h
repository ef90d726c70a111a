/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A CSV table as Excel, WPS and ticket systems export it: RFC 4180
 * quoting (commas, quotes and line breaks inside quotes), CRLF or LF,
 * UTF-8 with or without a BOM, or GB18030 (Chinese Excel's plain CSV),
 * told apart by UTF-8 validity. A header line of semicolons or tabs and
 * no commas switches the separator (European Excel, "text" exports).
 * Cells are trimmed of white space (ideographic spaces included) and
 * rows whose cells are all empty are skipped; WM_CSV_KEEP_QUOTED_BLANKS
 * keeps the white space inside a cell's quotes (RFC 4180), for tables
 * whose values are exact (a map's card table).
 *
 * Hostile input is bounded: errors are WM_ERROR_TOO_LARGE, naming the
 * line, past these caps. */
#define WM_CSV_MAX_BYTES      (64 * 1024 * 1024)
#define WM_CSV_MAX_ROWS       200000
#define WM_CSV_MAX_COLUMNS    256
#define WM_CSV_MAX_CELL_BYTES (64 * 1024)
#define WM_CSV_MAX_CELLS      4000000

typedef struct _WmCsv WmCsv;

typedef enum
{
  WM_CSV_KEEP_QUOTED_BLANKS = 1 << 0,
} WmCsvFlags;

/* Parses @length bytes of @data; @name (the file as the user knows it)
 * starts every error message: "NAME:LINE: message". */
WmCsv              *wm_csv_parse          (const char  *data,
                                           gsize        length,
                                           const char  *name,
                                           GError     **error);
WmCsv              *wm_csv_parse_full     (const char  *data,
                                           gsize        length,
                                           const char  *name,
                                           WmCsvFlags   flags,
                                           GError     **error);
/* Whether @cell begins or ends with what the parser trims: a writer
 * quotes such a cell. */
gboolean            wm_csv_has_blank_end  (const char  *cell);
/* Reads @path (a regular file, at most WM_CSV_MAX_BYTES) and parses it. */
WmCsv              *wm_csv_load_path      (const char  *path,
                                           const char  *name,
                                           GError     **error);
void                wm_csv_free           (WmCsv       *self);

const char         *wm_csv_get_name       (WmCsv       *self);
/* Rows that are not empty, the header (if any) first. */
guint               wm_csv_get_n_rows     (WmCsv       *self);
/* Row @row's cells, NULL-terminated, valid UTF-8; @n_cells optional. */
const char * const *wm_csv_get_row        (WmCsv       *self,
                                           guint        row,
                                           guint       *n_cells);
/* The file line (1-based) where row @row begins. */
guint               wm_csv_get_line       (WmCsv       *self,
                                           guint        row);
/* The encoding the file was in: "UTF-8" or "GB18030". */
const char         *wm_csv_get_encoding   (WmCsv       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmCsv, wm_csv_free)

G_END_DECLS
