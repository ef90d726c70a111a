/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-compare-pdf.c - a comparison as a PDF for stakeholders: the map as
 * it is now with the other version over it, then the changes in words */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "wm-compare.h"
#include "wm-error.h"
#include "wm-layout.h"
#include "wm-render.h"

#define MARGIN    36.0
#define KEY_H     40.0
#define A4_W      595.0
#define A4_H      842.0
#define BULLET_W  16.0

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The rows' and the key's colours: what the overlay marks them with. */
static void
kind_color (WmCompareRowKind kind,
            double           rgb[3])
{
  static const double colors[][3] = {
    [WM_COMPARE_ROW_ADDED] = { 0.15, 0.64, 0.41 },
    [WM_COMPARE_ROW_REMOVED] = { 0.75, 0.11, 0.16 },
    [WM_COMPARE_ROW_CHANGED] = { 1.0, 0.47, 0.0 },
    [WM_COMPARE_ROW_MOVED] = { 0.11, 0.44, 0.85 },
    [WM_COMPARE_ROW_REORDERED] = { 0.11, 0.44, 0.85 },
    [WM_COMPARE_ROW_CURVE] = { 0.5, 0.5, 0.5 },
    [WM_COMPARE_ROW_BETTER] = { 0.15, 0.64, 0.41 },
    [WM_COMPARE_ROW_WORSE] = { 0.75, 0.11, 0.16 },
    [WM_COMPARE_ROW_METRIC] = { 0.5, 0.5, 0.5 },
    [WM_COMPARE_ROW_PAIN] = { 0.75, 0.11, 0.16 },
  };

  memcpy (rgb, colors[kind], sizeof colors[kind]);
}

static PangoLayout *
text_layout (cairo_t    *cr,
             const char *font,
             const char *text,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
show_text (cairo_t    *cr,
           const char *font,
           const char *text,
           double      x,
           double      y,
           double      width)
{
  g_autoptr(PangoLayout) layout = text_layout (cr, font, text, width);
  int h;

  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_pixel_size (layout, NULL, &h);
  return h;
}

static void
key_item (cairo_t          *cr,
          WmCompareRowKind  kind,
          const char       *label,
          double           *x,
          double            y)
{
  double rgb[3];
  g_autoptr(PangoLayout) layout = text_layout (cr, "Sans 9", label, -1);
  int w;

  kind_color (kind, rgb);
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
  cairo_new_path (cr);
  cairo_arc (cr, *x + 5, y + 7, 5, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  cairo_move_to (cr, *x + 14, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_pixel_size (layout, &w, NULL);
  *x += 14 + w + 18;
}

/* The map with the overlay, and a line saying what the marks mean. */
static void
map_page (cairo_t   *cr,
          WmCompare *self,
          WmLayout  *layout,
          double     width)
{
  WmRenderOptions options = WM_RENDER_OPTIONS_INIT;
  g_autofree char *title = g_strdup_printf (_("Compared with “%s”"),
                                            wm_document_get_title (wm_compare_get_before (self)));
  g_autofree char *clipped = wm_layout_dup_clipped_text (title, 120, 1);
  double x = MARGIN;

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  show_text (cr, "Sans Bold 11", clipped, MARGIN, 10, width - 2 * MARGIN);
  key_item (cr, WM_COMPARE_ROW_ADDED, _("added"), &x, 26);
  key_item (cr, WM_COMPARE_ROW_CHANGED, _("changed"), &x, 26);
  key_item (cr, WM_COMPARE_ROW_MOVED, _("moved"), &x, 26);
  key_item (cr, WM_COMPARE_ROW_CURVE, _("dashed: the emotion curve before"), &x, 26);
  cairo_translate (cr, 0, KEY_H + 10);
  options.compare = self;
  wm_render (layout, cr, &options);
  cairo_show_page (cr);
}

static void
list_pages (cairo_t   *cr,
            WmCompare *self)
{
  g_autoptr(GPtrArray) rows = wm_compare_get_rows (self);
  double width = A4_W - 2 * MARGIN - BULLET_W;
  double y;

  cairo_pdf_surface_set_size (cairo_get_target (cr), A4_W, A4_H);
  cairo_identity_matrix (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  y = MARGIN + show_text (cr, "Sans Bold 16", _("Changes"), MARGIN, MARGIN, A4_W - 2 * MARGIN) + 12;
  if (rows->len == 0)
    show_text (cr, "Sans 10", _("The two versions are the same."), MARGIN, y, width);
  for (guint i = 0; i < rows->len; i++)
    {
      const WmCompareRow *row = rows->pdata[i];
      g_autoptr(PangoLayout) layout = text_layout (cr, "Sans 10", row->text, width);
      double rgb[3];
      int h;

      pango_layout_get_pixel_size (layout, NULL, &h);
      if (y + h > A4_H - MARGIN)
        {
          cairo_show_page (cr);
          y = MARGIN;
        }
      kind_color (row->kind, rgb);
      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_new_path (cr);
      cairo_arc (cr, MARGIN + 4, y + 7, 3.5, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_move_to (cr, MARGIN + BULLET_W, y);
      pango_cairo_show_layout (cr, layout);
      y += h + 6;
    }
  cairo_show_page (cr);
}

GBytes *
wm_compare_to_pdf (WmCompare  *self,
                   GError    **error)
{
  g_autoptr(WmLayout) layout = NULL;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double w, h;

  g_return_val_if_fail (WM_IS_COMPARE (self), NULL);

  layout = wm_layout_new (wm_compare_get_after (self), WM_THEME_LIGHT);
  wm_layout_get_size (layout, &w, &h);
  surface = cairo_pdf_surface_create_for_stream (append_cb, out, w, h + KEY_H + 10);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  wm_document_get_title (wm_compare_get_after (self)));
  cr = cairo_create (surface);
  map_page (cr, self, layout, w);
  list_pages (cr, self);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_FAILED, _("Could not draw the comparison: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
