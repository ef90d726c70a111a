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

/* Sets @error to "Could not save “NAME”: @reason" in WM_ERROR with
 * @code; returns FALSE, for `return wm_atomic_file_set_error (…)`. */
gboolean  wm_atomic_file_set_error  (GFile        *file,
                                     WmErrorCode   code,
                                     const char   *reason,
                                     GError      **error);

G_END_DECLS
