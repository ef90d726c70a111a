/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "wm-error.h"

G_BEGIN_DECLS

/* Replaces @file's content with @data, atomically and durably: the new
 * content is flushed to the disk before it replaces the old file in one
 * rename, and the folder after it; symbolic links are followed, the old
 * file's mode is kept, leftovers of killed saves are swept (details in
 * data/waymark-format.md, "How a file is saved"). A failed write leaves
 * the previous file as it was and says why. For any bytes: saves, drafts
 * and exports. */
gboolean  wm_write_file_atomically  (GFile        *file,
                                     const char   *data,
                                     gsize         length,
                                     GError      **error);

/* Where a streamed save's content goes (see
 * wm_write_file_atomically_streamed()). */
typedef struct _WmAtomicSink WmAtomicSink;

/* Writes the whole content into @sink; returns FALSE with @error set to
 * abandon the save (the old file stays). */
typedef gboolean (*WmAtomicProducer) (WmAtomicSink  *sink,
                                      gpointer       user_data,
                                      GError       **error);

/* Appends @length bytes; FALSE when the disk refused them (the save then
 * fails with the reason, whatever the producer says). */
gboolean  wm_atomic_sink_write      (WmAtomicSink *sink,
                                     const void   *data,
                                     gsize         length);

/* As wm_write_file_atomically(), with the content written by @produce
 * straight into the temporary file as it is made: a large export is
 * never held in memory whole. A producer that fails leaves the old file
 * as it was and no temporary file. */
gboolean  wm_write_file_atomically_streamed (GFile             *file,
                                             WmAtomicProducer   produce,
                                             gpointer           user_data,
                                             GError           **error);

/* Sets @error to "Could not save “NAME”: @reason" in WM_ERROR with
 * @code; returns FALSE, for `return wm_atomic_file_set_error (…)`. */
gboolean  wm_atomic_file_set_error  (GFile        *file,
                                     WmErrorCode   code,
                                     const char   *reason,
                                     GError      **error);

G_END_DECLS
