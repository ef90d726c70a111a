/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "wm-document.h"

G_BEGIN_DECLS

/* The canonical form of data/waymark-format.md: an unchanged file loads
 * and saves byte for byte. NULL and @error (WM_ERROR_INVALID, naming the
 * item: "card “c7”: color “red” is not a color like #3584e4") when the
 * document holds a value the reader would refuse: nothing is written
 * that cannot be read back. */
char     *wm_writer_write     (WmDocument    *document,
                               gsize         *length,
                               GError       **error);
/* The same bytes, unchecked: for a document known to be valid (one just
 * read, a test's). Saves go through wm_writer_save_file() or
 * wm_writer_save_data(), which check. */
char     *wm_writer_to_string (WmDocument    *document,
                               gsize         *length);
/* Atomic and durable: the new content is flushed to the disk before it
 * replaces the old file in one rename, and the folder after it (details in
 * data/waymark-format.md, "How a file is saved"). A failed save leaves the
 * previous file as it was and says why. */
gboolean  wm_writer_save_file (WmDocument    *document,
                               GFile         *file,
                               GError       **error);
/* The atomic write of a map's bytes (a save, a draft), once the reader
 * has read them back: if it would refuse them, the file is not touched
 * and @error says "Could not save “NAME”: the saved map would not open
 * again: …" with the reader's message. */
gboolean  wm_writer_save_data (GFile         *file,
                               const char    *data,
                               gsize          length,
                               GError       **error);

G_END_DECLS
