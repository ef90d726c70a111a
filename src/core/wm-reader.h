#pragma once

#include <gio/gio.h>

#include "wm-document.h"

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

G_END_DECLS
