/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libxml/tree.h>

#include <glib.h>

G_BEGIN_DECLS

/* For tests: the schema checks of `waymark validate` on their own. */

/* Whether @xdoc matches data/waymark.rng, checked by libxml2 as it is
 * (time quadratic in the number of siblings). */
gboolean wm_validate_published_schema (xmlDoc *xdoc);

/* The same verdict, in linear time: removes from @xdoc the other tools'
 * content that waymark.rng lets in, then checks what is left against
 * data/waymark-strict.rng. @xdoc is modified. */
gboolean wm_validate_strict_schema    (xmlDoc *xdoc);

G_END_DECLS
