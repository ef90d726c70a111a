/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "wm-document.h"
#include "wm-style.h"

G_BEGIN_DECLS

typedef enum
{
  WM_EXPORT_PDF,
  WM_EXPORT_SVG,
  WM_EXPORT_PNG,
} WmExportFormat;

typedef enum
{
  WM_PAGE_FIT,
  WM_PAGE_A4,
  WM_PAGE_A3,
  WM_PAGE_LETTER,
  WM_PAGE_POSTER_A4,
  WM_PAGE_POSTER_A3,
} WmPage;

typedef struct
{
  WmExportFormat format;
  WmPage         page;
  gboolean       landscape;
  double         dpi;        /* PNG only; 96 by default */
  WmTheme        theme;
  const char    *persona;    /* NULL: all */
  /* Zero is the default for everything below. */
  int            width;      /* PNG only: pixels wide (height by aspect); 0: by dpi */
  gboolean       transparent;/* PNG only: no background */
  gboolean       summary;    /* PDF and print: summary pages before the map */
  const char    *author;     /* PDF metadata; NULL: the user's real name */
  gboolean       svg_paths;  /* SVG only: glyph outlines, not <text> */
} WmExportOptions;

/* The widest or tallest PNG: cairo's limit for an image surface. */
#define WM_EXPORT_MAX_PNG_SIDE 32767

#define WM_EXPORT_OPTIONS_INIT { WM_EXPORT_PDF, WM_PAGE_FIT, FALSE, 96.0, WM_THEME_LIGHT, NULL, 0, FALSE, FALSE, NULL, FALSE }

/* Called now and then with the fraction done (0..1); may be NULL. */
typedef void (*WmExportProgress) (double fraction, gpointer user_data);

gboolean wm_export_format_from_string (const char      *name,
                                       WmExportFormat  *format);
gboolean wm_export_format_from_path   (const char      *path,
                                       WmExportFormat  *format);
gboolean wm_page_from_string          (const char      *name,
                                       WmPage          *page);
/* "pdf", "svg" or "png": the file name extension, without the dot. */
const char *wm_export_format_to_extension (WmExportFormat format);
/* The whole export in memory (what wm_export_to_file writes). */
GBytes  *wm_export_to_bytes           (WmDocument            *document,
                                       const WmExportOptions *options,
                                       GCancellable          *cancellable,
                                       WmExportProgress       progress,
                                       gpointer               user_data,
                                       GError               **error);
/* Writes atomically: an existing file is replaced whole or left untouched. */
gboolean wm_export_to_file            (WmDocument            *document,
                                       const WmExportOptions *options,
                                       GFile                 *file,
                                       GCancellable          *cancellable,
                                       WmExportProgress       progress,
                                       gpointer               user_data,
                                       GError               **error);

G_END_DECLS
