/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Collects the lines wm_render hands to a text sink as SVG <text>
 * elements, marks their places in the drawing on the cairo_t, and puts
 * them into the SVG cairo wrote for everything else. */
typedef struct _WmSvgText WmSvgText;

WmSvgText *wm_svg_text_new    (const char *lang);
void       wm_svg_text_free   (WmSvgText  *self);
/* From now on, wm_render on @cr gives its text to @self. */
void       wm_svg_text_attach (WmSvgText  *self,
                               cairo_t    *cr);
/* Puts each line into @svg (a whole document from cairo's SVG surface)
 * where cairo drew its marker, so that it stacks as glyphs would; a line
 * without a marker goes above everything. */
gboolean   wm_svg_text_insert (WmSvgText  *self,
                               GByteArray *svg,
                               GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmSvgText, wm_svg_text_free)

G_END_DECLS
