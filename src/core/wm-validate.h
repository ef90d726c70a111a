/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libxml/tree.h>

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

/* The two schema checks `waymark validate` chooses between, on a tree
 * from wm_reader_parse_safe(). Public because their verdicts must agree
 * on every map (tests/core/test-validate.c compares them on thousands),
 * and because a tool holding a tree may want the linear one. */

/* Whether @xdoc matches data/waymark.rng, checked by libxml2 as it is
 * (time quadratic in the number of siblings). */
gboolean wm_validate_published_schema (xmlDoc *xdoc);

/* The same verdict, in linear time: removes from @xdoc the other tools'
 * content that waymark.rng lets in, then checks what is left against
 * data/waymark-strict.rng. @xdoc is modified. */
gboolean wm_validate_strict_schema    (xmlDoc *xdoc);

G_END_DECLS
