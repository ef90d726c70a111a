/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-export.c - PDF, SVG and PNG through wm_render
 *
 * An export streams into a temporary file through
 * wm_write_file_atomically_streamed(), so a 100,000-card PDF is never held
 * in memory whole, and a failed or cancelled export never leaves a
 * half-written file behind and never touches an existing one. The sheets
 * come from the page plan (wm-page-plan.c).
 */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "wm-atomic-file.h"
#include "wm-error.h"
#include "wm-page-plan-private.h"
#include "wm-svg-text.h"
#include "wm-writer.h"

#define MAX_PNG_SIDE      ((double) WM_EXPORT_MAX_PNG_SIDE)
#define MAX_PNG_BYTES     (512.0 * 1024 * 1024)
#define PNG_CHUNK_PIXELS  (4 * 1024 * 1024)

static const struct
{
  const char *name;
  WmExportFormat format;
} formats[] = {
  { "pdf", WM_EXPORT_PDF },
  { "svg", WM_EXPORT_SVG },
  { "png", WM_EXPORT_PNG },
};

gboolean
wm_export_format_from_string (const char     *name,
                              WmExportFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (name, formats[i].name) == 0)
      {
        *format = formats[i].format;
        return TRUE;
      }

  return FALSE;
}

gboolean
wm_export_format_from_path (const char     *path,
                            WmExportFormat *format)
{
  const char *dot;

  g_return_val_if_fail (format != NULL, FALSE);

  if (path == NULL)
    return FALSE;

  dot = strrchr (path, '.');
  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
    return FALSE;

  return wm_export_format_from_string (dot + 1, format);
}

const char *
wm_export_format_to_extension (WmExportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return formats[i].name;

  g_return_val_if_reached ("pdf");
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Where the exported bytes go: memory or the atomic file's sink. */
typedef struct
{
  cairo_write_func_t  write;
  gpointer            closure;
} Output;

static cairo_status_t
sink_cb (void                *closure,
         const unsigned char *data,
         unsigned int         length)
{
  return wm_atomic_sink_write (closure, data, length) ? CAIRO_STATUS_SUCCESS
                                                       : CAIRO_STATUS_WRITE_ERROR;
}

static void
report (Export *self,
        double  fraction)
{
  if (self->progress != NULL)
    self->progress (CLAMP (fraction, 0.0, 1.0), self->user_data);
}

static gboolean
check_cairo (cairo_status_t   status,
             GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  g_set_error (error, WM_ERROR,
               status == CAIRO_STATUS_NO_MEMORY ? WM_ERROR_TOO_LARGE : WM_ERROR_FAILED,
               _("Could not draw the map: %s"), cairo_status_to_string (status));
  return FALSE;
}

static char *
pdf_date (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  g_autoptr(GDateTime) now = NULL;

  /* Reproducible builds of the documentation export with a fixed date. */
  if (epoch != NULL && *epoch != '\0')
    {
      char *end = NULL;
      gint64 t = g_ascii_strtoll (epoch, &end, 10);

      if (end != NULL && *end == '\0')
        now = g_date_time_new_from_unix_utc (t);
    }
  if (now == NULL)
    now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
}

static const char *
pdf_author (Export *self)
{
  const char *name = self->options->author;

  if (name != NULL)
    return name;
  name = g_get_real_name ();
  /* GLib's placeholder when the system does not know. */
  return g_strcmp0 (name, "Unknown") == 0 ? NULL : name;
}

static void
add_outline (Export          *self,
             cairo_surface_t *surface)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (self->document)));
  g_autofree char *map_link = g_strdup_printf ("page=%u", self->n_summary + 1);
  int stages_id = CAIRO_PDF_OUTLINE_ROOT;
  int pages_id;

  if (self->n_summary > 0)
    cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, _("Summary"), "page=1", 0);

  /* The two groups lead to where the map begins. */
  if (n > 0)
    stages_id = cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, _("Stages"),
                                               map_link, CAIRO_PDF_OUTLINE_FLAG_OPEN);
  for (guint s = 0; s < n; s++)
    {
      g_autofree char *name = wm_page_plan_stage_name (self->document, s);
      g_autofree char *link = NULL;
      guint page;
      double x, y;

      if (!wm_page_plan_find_stage (self, s, &page, &x, &y))
        continue;
      link = g_strdup_printf ("page=%u pos=[%.2f %.2f]", page + 1, x, y);
      cairo_pdf_surface_add_outline (surface, stages_id, name, link, 0);
    }

  pages_id = cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, _("Pages"),
                                            map_link, CAIRO_PDF_OUTLINE_FLAG_OPEN);
  for (guint i = self->n_summary; i < wm_page_plan_get_n_pages (self); i++)
    {
      g_autofree char *title = wm_page_plan_dup_page_title (self, i);
      g_autofree char *link = g_strdup_printf ("page=%u", i + 1);

      cairo_pdf_surface_add_outline (surface, pages_id, title, link, 0);
    }
}

static gboolean
export_pdf (Export        *self,
            const Output  *out,
            GError       **error)
{
  g_autofree char *date = NULL;
  g_autofree char *creator = NULL;
  const char *scenario = wm_document_get_scenario (self->document);
  const char *author = pdf_author (self);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  gboolean ok = TRUE;
  guint n = wm_page_plan_get_n_pages (self);
  double w, h;

  wm_page_plan_get_page_size (self, 0, &w, &h);
  surface = cairo_pdf_surface_create_for_stream (out->write, out->closure, w, h);
  /* Only for what PDF cannot express (none today): rasterise finely. */
  cairo_surface_set_fallback_resolution (surface,
                                         MAX (300.0, self->options->dpi),
                                         MAX (300.0, self->options->dpi));

  creator = g_strdup_printf ("Waymark %s", PACKAGE_VERSION);
  date = pdf_date ();
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, wm_page_plan_document_title (self->document));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  if (author != NULL && *author != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
  if (scenario != NULL && *scenario != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, scenario);

  cr = cairo_create (surface);

  for (guint i = 0; i < n && ok; i++)
    {
      if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
        {
          ok = FALSE;
          break;
        }

      wm_page_plan_get_page_size (self, i, &w, &h);
      if (i > 0)
        cairo_pdf_surface_set_size (surface, w, h);

      wm_page_plan_draw_page (self, i, cr);
      cairo_show_page (cr);
      ok = check_cairo (cairo_status (cr), error);
      report (self, (i + 1.0) / n);
    }

  if (ok)
    add_outline (self, surface);

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return ok && check_cairo (status, error);
}

static gboolean
export_svg_to (Export             *self,
               cairo_write_func_t  write,
               gpointer            closure,
               WmSvgText          *text)
{
  cairo_rectangle_t all = { 0, 0, self->map_width, self->map_height };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_svg_surface_create_for_stream (write, closure, self->map_width, self->map_height);
  /* width="…pt": the same physical size as the PDF. */
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);

  cr = cairo_create (surface);
  if (text != NULL)
    wm_svg_text_attach (text, cr);
  wm_page_plan_draw_map (self, cr, &all, 0, 0, 1.0, 1.0,
            self->options->transparent ? WM_RENDER_NO_BACKGROUND : WM_RENDER_DEFAULT);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

/* cairo draws everything but the text; the text goes in after, as <text>. */
static gboolean
export_svg (Export        *self,
            const Output  *out,
            GError       **error)
{
  g_autoptr(WmSvgText) text = NULL;
  g_autoptr(GByteArray) svg = NULL;
  cairo_status_t status;

  if (self->options->svg_paths)
    {
      status = export_svg_to (self, out->write, out->closure, NULL);
      report (self, 1.0);
      return check_cairo (status, error);
    }

  text = wm_svg_text_new (wm_document_get_lang (self->document));
  svg = g_byte_array_new ();
  status = export_svg_to (self, append_cb, svg, text);
  if (!check_cairo (status, error) || !wm_svg_text_insert (text, svg, error))
    return FALSE;
  report (self, 1.0);
  return check_cairo (out->write (out->closure, svg->data, svg->len), error);
}

/* --width N is N pixels across, whatever the map's size. */
static double
png_dpi (Export *self)
{
  if (self->options->width > 0)
    return 72.0 * self->options->width / self->map_width;
  return self->options->dpi;
}

static gboolean
png_size (Export  *self,
          int     *width,
          int     *height,
          GError **error)
{
  double dpi = png_dpi (self);
  double s = dpi / 72.0;
  double w, h, bytes, limit;

  if (self->options->width < 0 || self->options->width > MAX_PNG_SIDE)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_USAGE,
                   _("The width must be between 1 and %.0f pixels, not %d"),
                   MAX_PNG_SIDE, self->options->width);
      return FALSE;
    }

  if (!isfinite (dpi) || dpi <= 0)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_USAGE,
                   _("The resolution must be a positive number of dots per inch, not %g"), dpi);
      return FALSE;
    }

  w = self->options->width > 0 ? self->options->width
                                : MAX (1.0, ceil (self->map_width * s - 1e-6));
  h = MAX (1.0, ceil (self->map_height * s - 1e-6));
  bytes = 4.0 * w * h;

  if (w <= MAX_PNG_SIDE && h <= MAX_PNG_SIDE && bytes <= MAX_PNG_BYTES)
    {
      *width = (int) w;
      *height = (int) h;
      return TRUE;
    }

  /* The highest resolution that would fit, so the message says what to do. */
  limit = 72.0 * MIN (MIN (MAX_PNG_SIDE / self->map_width, MAX_PNG_SIDE / self->map_height),
                      sqrt (MAX_PNG_BYTES / 4.0 / (self->map_width * self->map_height)));
  g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
               _("At %g dpi this map would be a %.0f × %.0f pixel image; the limit is "
                 "%.0f pixels a side and 512 MB. Use --dpi %d or less, or export to PDF or SVG."),
               dpi, w, h, MAX_PNG_SIDE, MAX (1, (int) floor (limit)));
  return FALSE;
}

static void
paint_background (Export  *self,
                  cairo_t *cr)
{
  const WmStyle *style = wm_layout_get_style (self->layout);

  if (style == NULL)
    return;

  cairo_set_source_rgb (cr, style->background.r, style->background.g, style->background.b);
  cairo_paint (cr);
}

static gboolean
export_png (Export        *self,
            const Output  *out,
            GError       **error)
{
  double s = png_dpi (self) / 72.0;
  WmRenderFlags flags = self->options->transparent ? WM_RENDER_NO_BACKGROUND : WM_RENDER_DEFAULT;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int width, height, chunk;
  gboolean ok = TRUE;

  if (!png_size (self, &width, &height, error))
    return FALSE;

  surface = cairo_image_surface_create (self->options->transparent ? CAIRO_FORMAT_ARGB32
                                                                   : CAIRO_FORMAT_RGB24,
                                       width, height);
  if (!check_cairo (cairo_surface_status (surface), error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }

  cr = cairo_create (surface);
  /* The image is whole pixels, the map is not: the last row and column
   * are only partly covered by the map, so the background goes under all
   * of it (RGB24 starts black and showed a grey seam there). */
  if (!self->options->transparent)
    paint_background (self, cr);

  /* Bands of a few megapixels: progress, cancellation and each band's
   * clip keep the renderer to what it has to draw. */
  chunk = MAX (64, PNG_CHUNK_PIXELS / width);

  for (int y = 0; y < height && ok; y += chunk)
    {
      int rows = MIN (chunk, height - y);
      cairo_rectangle_t src = { 0, y / s, self->map_width, rows / s };

      if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
        {
          ok = FALSE;
          break;
        }

      cairo_save (cr);
      cairo_rectangle (cr, 0, y, width, rows);
      cairo_clip (cr);
      cairo_scale (cr, s, s);
      wm_page_plan_draw_map (self, cr, &src, src.x, src.y, 1.0, s, flags);
      cairo_restore (cr);
      ok = check_cairo (cairo_status (cr), error);
      report (self, 0.9 * (y + rows) / height);
    }

  cairo_destroy (cr);

  if (ok)
    {
      status = cairo_surface_write_to_png_stream (surface, out->write, out->closure);
      ok = check_cairo (status, error);
      report (self, 1.0);
    }

  cairo_surface_destroy (surface);
  return ok;
}

/* A floor under a map's size in layout units, from counts alone: every
 * stage is a column, every lane at least a lane, the cards of one cell
 * and the callouts of one stage at least a line each (16 callouts side
 * by side at most). It never exceeds the size layout finds, so a PNG it
 * shows too large is refused before the layout is paid for (100,000
 * moments on one stage took a minute to lay out before being refused). */
static void
map_size_floor (WmDocument *document,
                WmTheme     theme,
                double     *width,
                double     *height)
{
  const WmStyle *st = wm_style_get (theme);
  GListModel *stages = G_LIST_MODEL (wm_document_get_stages (document));
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (document));
  GListModel *moments = G_LIST_MODEL (wm_document_get_moments (document));
  g_autoptr(GHashTable) per_cell = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) per_stage = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_lanes = g_list_model_get_n_items (lanes), most_cards = 0, most_moments = 0;

  for (guint l = 0; l < n_lanes; l++)
    {
      GListModel *cards = G_LIST_MODEL (wm_lane_get_cards (wm_list_peek (G_LIST_STORE (lanes), l)));

      for (guint c = 0; c < g_list_model_get_n_items (cards); c++)
        {
          const char *stage = wm_card_get_stage (wm_list_peek (G_LIST_STORE (cards), c));
          char *key = g_strdup_printf ("%u %s", l, stage != NULL ? stage : "");
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (per_cell, key)) + 1;

          g_hash_table_replace (per_cell, key, GUINT_TO_POINTER (n));
          most_cards = MAX (most_cards, n);
        }
    }
  for (guint m = 0; m < g_list_model_get_n_items (moments); m++)
    {
      const char *stage = wm_moment_get_stage (wm_list_peek (G_LIST_STORE (moments), m));
      guint n;

      if (stage == NULL)
        continue;
      n = GPOINTER_TO_UINT (g_hash_table_lookup (per_stage, stage)) + 1;
      g_hash_table_replace (per_stage, (gpointer) stage, GUINT_TO_POINTER (n));
      most_moments = MAX (most_moments, n);
    }

  *width = g_list_model_get_n_items (stages) * st->stage_width;
  *height = n_lanes * 40.0 + most_cards * st->font_size + (most_moments / 16) * st->small_font_size;
}

static gboolean
png_too_large_early (WmDocument            *document,
                     const WmExportOptions *options,
                     GError               **error)
{
  double w, h, s = options->dpi / 72.0;

  if (options->format != WM_EXPORT_PNG || options->width > 0 || !isfinite (s) || s <= 0)
    return FALSE;

  map_size_floor (document, options->theme, &w, &h);
  w = ceil (w * s);
  h = ceil (h * s);
  if (w <= MAX_PNG_SIDE && h <= MAX_PNG_SIDE && 4.0 * w * h <= MAX_PNG_BYTES)
    return FALSE;

  g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
               _("At %g dpi this map would be an image of at least %.0f × %.0f pixels; the limit is "
                 "%.0f pixels a side and 512 MB. Use a lower --dpi, or export to PDF or SVG."),
               options->dpi, w, h, MAX_PNG_SIDE);
  return TRUE;
}

/* The plan of an export (NULL and @error when it cannot be made, e.g. a
 * PNG too large), before any file is touched. */
static WmPagePlan *
export_plan_new (WmDocument            *document,
                 const WmExportOptions *options,
                 GCancellable          *cancellable,
                 WmExportProgress       progress,
                 gpointer               user_data,
                 GError               **error)
{
  WmExportOptions defaults = WM_EXPORT_OPTIONS_INIT;
  WmPagePlan *self;

  if (options == NULL)
    options = &defaults;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Sheets and the summary are for PDF only. */
  defaults = *options;
  if (options->format != WM_EXPORT_PDF)
    {
      defaults.page = WM_PAGE_FIT;
      defaults.summary = FALSE;
    }
  if (png_too_large_early (document, &defaults, error))
    return NULL;
  self = wm_page_plan_new (document, &defaults, 0, 0, error);
  if (self == NULL)
    return NULL;

  self->cancellable = cancellable;
  self->progress = progress;
  self->user_data = user_data;
  return self;
}

static gboolean
export_run (WmPagePlan    *self,
            const Output  *out,
            GError       **error)
{
  report (self, 0.0);

  switch (self->options->format)
    {
    case WM_EXPORT_SVG:
      return export_svg (self, out, error);

    case WM_EXPORT_PNG:
      return export_png (self, out, error);

    case WM_EXPORT_PDF:
    default:
      return export_pdf (self, out, error);
    }
}

GBytes *
wm_export_to_bytes (WmDocument            *document,
                    const WmExportOptions *options,
                    GCancellable          *cancellable,
                    WmExportProgress       progress,
                    gpointer               user_data,
                    GError               **error)
{
  g_autoptr(WmPagePlan) self = NULL;
  g_autoptr(GByteArray) bytes = NULL;
  Output out = { append_cb, NULL };

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = export_plan_new (document, options, cancellable, progress, user_data, error);
  if (self == NULL)
    return NULL;

  out.closure = bytes = g_byte_array_new ();
  if (!export_run (self, &out, error))
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static gboolean
produce_export (WmAtomicSink  *sink,
                gpointer       user_data,
                GError       **error)
{
  WmPagePlan *self = user_data;
  Output out = { sink_cb, sink };

  if (!export_run (self, &out, error))
    return FALSE;

  /* Cancelled after the last page: the old file stays. */
  return !g_cancellable_set_error_if_cancelled (self->cancellable, error);
}

gboolean
wm_export_to_file (WmDocument            *document,
                   const WmExportOptions *options,
                   GFile                 *file,
                   GCancellable          *cancellable,
                   WmExportProgress       progress,
                   gpointer               user_data,
                   GError               **error)
{
  g_autoptr(WmPagePlan) self = NULL;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self = export_plan_new (document, options, cancellable, progress, user_data, error);
  if (self == NULL)
    return FALSE;

  return wm_write_file_atomically_streamed (file, produce_export, self, error);
}
