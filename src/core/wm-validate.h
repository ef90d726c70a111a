/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* `waymark validate`: the schema (data/waymark.rng, embedded) and the
 * reader's own checks (references, ids, spans, ranges). Returns TRUE when
 * the file is valid. Otherwise appends one "FILE:LINE: message" (char*,
 * owned by @messages, which should free with g_free) per problem found, in
 * line order, and sets @error to the first with a WM_ERROR code. A file
 * that cannot be read or parsed gives a single message. */
gboolean wm_validate_file (GFile        *file,
                           GPtrArray    *messages,
                           GError      **error);
/* The same for bytes in memory; @name stands for FILE in messages. */
gboolean wm_validate_data (const char   *data,
                           gsize         length,
                           const char   *name,
                           GPtrArray    *messages,
                           GError      **error);

G_END_DECLS
