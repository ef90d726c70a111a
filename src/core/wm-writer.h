#pragma once

#include <gio/gio.h>

#include "wm-document.h"

G_BEGIN_DECLS

/* The canonical form of data/waymark-format.md: an unchanged file loads
 * and saves byte for byte. */
char     *wm_writer_to_string (WmDocument    *document,
                               gsize         *length);
/* Atomic and durable: the new content is flushed to the disk before it
 * replaces the old file in one rename, and the folder after it (details in
 * data/waymark-format.md, "How a file is saved"). A failed save leaves the
 * previous file as it was and says why. */
gboolean  wm_writer_save_file (WmDocument    *document,
                               GFile         *file,
                               GError       **error);
/* The same atomic write, for any bytes (exports use it too). */
gboolean  wm_write_file_atomically (GFile       *file,
                                    const char  *data,
                                    gsize        length,
                                    GError     **error);

G_END_DECLS
