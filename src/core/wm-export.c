/* wm-export.c - PDF, SVG and PNG through wm_render
 *
 * Every export is rendered into memory first and then written with
 * wm_write_file_atomically(), so a failed or cancelled export never leaves
 * a half-written file behind and never touches an existing one.
 */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "wm-atomic-file.h"
#include "wm-error.h"
#include "wm-export.h"
#include "wm-layout.h"
#include "wm-render.h"
#include "wm-summary.h"
#include "wm-writer.h"

#define MM                (72.0 / 25.4)
#define FIT_MARGIN        (8.0 * MM)
#define PAPER_MARGIN      (10.0 * MM)
#define POSTER_MARGIN     (12.0 * MM)
#define POSTER_OVERLAP    (10.0 * MM)
#define MIN_PRINTED_TEXT  9.0          /* points: the smallest card text a poster prints */
/* Acrobat and others refuse pages over 200 inches a side. */
#define MAX_PDF_PAGE      14400.0
#define MAX_PAGES         5000
#define MAX_PNG_SIDE      ((double) WM_EXPORT_MAX_PNG_SIDE)
#define MAX_PNG_BYTES     (512.0 * 1024 * 1024)
#define PNG_CHUNK_PIXELS  (4 * 1024 * 1024)
/* A sheet label is one line of 7 pt type: 400 characters are wider than
 * an A3 sheet's. */
#define LABEL_MAX_CHARS   400
#define OUTLINE_MAX_CHARS 200

typedef struct
{
  double            width;    /* the sheet, points */
  double            height;
  double            scale;    /* printed points per layout unit */
  double            x;        /* where @src's corner lands on the sheet */
  double            y;
  cairo_rectangle_t src;      /* the part of the map, layout units */
  guint             row;
  guint             column;
} Page;

/* The plan is the exporter's state too: SVG and PNG use its layout. */
typedef struct _WmPagePlan Export;

struct _WmPagePlan
{
  WmDocument            *document;
  WmLayout              *layout;
  const WmExportOptions *options; /* &own_options */
  WmExportOptions        own_options;
  char                  *persona;
  char                  *author;
  GCancellable          *cancellable;
  WmExportProgress       progress;
  gpointer               user_data;
  double                 map_width;
  double                 map_height;
  double                 sheet_width;  /* 0: the paper of options->page */
  double                 sheet_height;
  /* Sheets: summary pages first, then the map's */
  WmSummary             *summary;
  guint                  n_summary;
  GArray                *pages;   /* of Page, the map's */
  guint                  rows;
  guint                  columns;
  double                 step_x;  /* printed points between two tiles' corners */
  double                 step_y;
  gboolean               poster;
  gboolean               fill_sheet;
};

static const struct
{
  const char *name;
  WmExportFormat format;
} formats[] = {
  { "pdf", WM_EXPORT_PDF },
  { "svg", WM_EXPORT_SVG },
  { "png", WM_EXPORT_PNG },
};

static const struct
{
  const char *name;
  WmPage page;
} pages[] = {
  { "fit", WM_PAGE_FIT },
  { "a4", WM_PAGE_A4 },
  { "a3", WM_PAGE_A3 },
  { "letter", WM_PAGE_LETTER },
  { "poster-a4", WM_PAGE_POSTER_A4 },
  { "poster-a3", WM_PAGE_POSTER_A3 },
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

gboolean
wm_page_from_string (const char *name,
                     WmPage     *page)
{
  g_return_val_if_fail (page != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (g_ascii_strcasecmp (name, pages[i].name) == 0)
      {
        *page = pages[i].page;
        return TRUE;
      }

  return FALSE;
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
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

static const char *
document_title (WmDocument *document)
{
  const char *title = wm_document_get_title (document);

  return title != NULL && *title != '\0' ? title : _("Untitled journey map");
}

/* Stage titles for the outline (and a print job's page titles): one line
 * each, and short, as a sheet's entry names up to four (a poster of
 * 20,000-letter stage titles had a 70 MB outline). */
static char *
stage_name (WmDocument *document,
            guint       index)
{
  g_autoptr(WmStage) stage = g_list_model_get_item (G_LIST_MODEL (wm_document_get_stages (document)), index);
  const char *title = stage != NULL ? wm_stage_get_title (stage) : NULL;

  if (title != NULL && *title != '\0')
    return wm_layout_dup_clipped_text (title, OUTLINE_MAX_CHARS, 1);

  return g_strdup_printf (_("Stage %u"), index + 1);
}

/* The stages a tile really shows: more than a sliver of their column. */
static gboolean
stage_range (Export                  *self,
             const cairo_rectangle_t *src,
             int                     *first,
             int                     *last)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (self->document)));

  *first = *last = -1;

  for (guint i = 0; i < n; i++)
    {
      cairo_rectangle_t r;
      double from, to;

      if (!wm_layout_get_stage_rect (self->layout, i, &r) || r.width <= 0)
        continue;

      from = MAX (r.x, src->x);
      to = MIN (r.x + r.width, src->x + src->width);
      if (to - from < MIN (r.width, src->width) * 0.3)
        continue;

      if (*first < 0)
        *first = i;
      *last = i;
    }

  return *first >= 0;
}

static char *
stage_range_label (int first,
                   int last)
{
  if (first < 0)
    return NULL;
  if (first == last)
    return g_strdup_printf (_("Stage %d"), first + 1);
  /* TRANSLATORS: a range of stage numbers on a printed page, e.g. "Stages 3–5" */
  return g_strdup_printf (_("Stages %d–%d"), first + 1, last + 1);
}

static char *
outline_title (Export     *self,
               guint       index,
               const Page *page)
{
  g_autoptr(GString) names = g_string_new (NULL);
  int first, last;

  if (stage_range (self, &page->src, &first, &last))
    {
      for (int i = first; i <= last; i++)
        {
          g_autofree char *name = NULL;

          /* Long runs: the first three, an ellipsis, the last. */
          if (last - first >= 5 && i == first + 3)
            {
              g_string_append (names, " … ");
              i = last;
            }
          else if (i > first)
            g_string_append (names, ", ");

          name = stage_name (self->document, i);
          g_string_append (names, name);
        }
    }
  else
    {
      g_autofree char *title = wm_layout_dup_clipped_text (document_title (self->document),
                                                           OUTLINE_MAX_CHARS, 1);

      g_string_append (names, title);
    }

  if (self->pages->len == 1)
    return g_string_free (g_steal_pointer (&names), FALSE);

  /* TRANSLATORS: an entry in a PDF's outline: page number, page count, the stages on it */
  return g_strdup_printf (_("%u / %u: %s"), index + 1, self->pages->len, names->str);
}

static void
paper_size (WmPage    page,
            gboolean  landscape,
            double   *width,
            double   *height)
{
  switch (page)
    {
    case WM_PAGE_A3:
    case WM_PAGE_POSTER_A3:
      *width = 297 * MM;
      *height = 420 * MM;
      break;

    case WM_PAGE_LETTER:
      *width = 612;
      *height = 792;
      break;

    case WM_PAGE_FIT:
    case WM_PAGE_A4:
    case WM_PAGE_POSTER_A4:
    default:
      *width = 210 * MM;
      *height = 297 * MM;
      break;
    }

  if (landscape)
    {
      double t = *width;

      *width = *height;
      *height = t;
    }
}

/* The paper: the printer's when printing, else options->page's. */
static void
sheet_size (Export *self,
            double *width,
            double *height)
{
  if (self->sheet_width > 0 && self->sheet_height > 0)
    {
      *width = self->sheet_width;
      *height = self->sheet_height;
      return;
    }
  paper_size (self->options->page, self->options->landscape, width, height);
}

static void
plan_fit (Export *self)
{
  double s = MIN (1.0, MIN ((MAX_PDF_PAGE - 2 * FIT_MARGIN) / self->map_width,
                            (MAX_PDF_PAGE - 2 * FIT_MARGIN) / self->map_height));
  Page page = {
    .width = ceil (self->map_width * s + 2 * FIT_MARGIN),
    .height = ceil (self->map_height * s + 2 * FIT_MARGIN),
    .scale = s,
    .x = FIT_MARGIN,
    .y = FIT_MARGIN,
    .src = { 0, 0, self->map_width, self->map_height },
  };

  self->fill_sheet = TRUE;
  self->rows = self->columns = 1;
  g_array_append_val (self->pages, page);
}

static void
plan_paper (Export *self)
{
  Page page = { .src = { 0, 0, self->map_width, self->map_height } };
  double avail_w, avail_h;

  sheet_size (self, &page.width, &page.height);
  avail_w = page.width - 2 * PAPER_MARGIN;
  avail_h = page.height - 2 * PAPER_MARGIN;
  /* Shrink to fit; a small map prints at its natural size. */
  page.scale = MIN (1.0, MIN (avail_w / self->map_width, avail_h / self->map_height));
  page.x = (page.width - self->map_width * page.scale) / 2;
  page.y = (page.height - self->map_height * page.scale) / 2;

  self->rows = self->columns = 1;
  g_array_append_val (self->pages, page);
}

/* Tiles of @printed points in @avail-point pieces overlapping by at least
 * POSTER_OVERLAP; the overlap is spread evenly so no tile is a sliver. */
static guint
tile_count (double  printed,
            double  avail,
            double *step)
{
  guint n;

  if (printed <= avail)
    {
      *step = 0;
      return 1;
    }

  n = 1 + (guint) ceil ((printed - avail) / (avail - POSTER_OVERLAP));
  *step = (printed - avail) / (n - 1);
  return n;
}

static gboolean
plan_poster (Export  *self,
             GError **error)
{
  const WmStyle *style = wm_layout_get_style (self->layout);
  double sheet_w, sheet_h, avail_w, avail_h, s, min_scale, font_size;

  sheet_size (self, &sheet_w, &sheet_h);
  avail_w = sheet_w - 2 * POSTER_MARGIN;
  avail_h = sheet_h - 2 * POSTER_MARGIN;

  /* The whole height on one row of sheets if that still prints card text
   * at MIN_PRINTED_TEXT or more; never larger than the map's own size. */
  font_size = style != NULL && style->font_size > 0 ? style->font_size : 10.0;
  min_scale = MIN (1.0, MIN_PRINTED_TEXT / font_size);
  s = CLAMP (avail_h / self->map_height, min_scale, 1.0);

  self->poster = TRUE;
  self->columns = tile_count (self->map_width * s, avail_w, &self->step_x);
  self->rows = tile_count (self->map_height * s, avail_h, &self->step_y);

  if ((double) self->rows * self->columns > MAX_PAGES)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
                   _("This map would print on %u × %u sheets; the limit is %d. "
                     "Use a larger paper size or --page fit."),
                   self->columns, self->rows, MAX_PAGES);
      return FALSE;
    }

  for (guint r = 0; r < self->rows; r++)
    for (guint c = 0; c < self->columns; c++)
      {
        Page page = {
          .width = sheet_w,
          .height = sheet_h,
          .scale = s,
          .x = POSTER_MARGIN,
          .y = POSTER_MARGIN,
          .src = {
            c * self->step_x / s,
            r * self->step_y / s,
            MIN (avail_w / s, self->map_width),
            MIN (avail_h / s, self->map_height),
          },
          .row = r,
          .column = c,
        };

        g_array_append_val (self->pages, page);
      }

  return TRUE;
}

static void
draw_crop_marks (cairo_t                 *cr,
                 const cairo_rectangle_t *image,
                 double                   margin)
{
  double gap = 3.0;
  double len = MIN (5 * MM, margin - gap - 2.0);
  double xs[2] = { image->x, image->x + image->width };
  double ys[2] = { image->y, image->y + image->height };

  for (guint i = 0; i < 2; i++)
    for (guint j = 0; j < 2; j++)
      {
        double dx = i == 0 ? -1 : 1;
        double dy = j == 0 ? -1 : 1;

        cairo_move_to (cr, xs[i] + dx * gap, ys[j]);
        cairo_rel_line_to (cr, dx * len, 0);
        cairo_move_to (cr, xs[i], ys[j] + dy * gap);
        cairo_rel_line_to (cr, 0, dy * len);
      }
  cairo_stroke (cr);
}

static void
draw_registration_mark (cairo_t *cr,
                        double   x,
                        double   y,
                        double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  cairo_move_to (cr, x - r - 2, y);
  cairo_rel_line_to (cr, 2 * r + 4, 0);
  cairo_move_to (cr, x, y - r - 2);
  cairo_rel_line_to (cr, 0, 2 * r + 4);
  cairo_stroke (cr);
}

/* Dashed ticks in the margins where the neighbouring sheets' images begin
 * and end: the strip between them is printed twice, for gluing. */
static void
draw_overlap_ticks (Export                  *self,
                    cairo_t                 *cr,
                    const Page              *page,
                    const cairo_rectangle_t *image)
{
  static const double dash[] = { 2.0, 1.5 };
  double len = MIN (5 * MM, POSTER_MARGIN - 5.0);
  double top = image->y - 3.0, bottom = image->y + image->height + 3.0;
  double left = image->x - 3.0, right = image->x + image->width + 3.0;
  /* [0]: where the next sheet's image begins; [1]: where the previous one's ends. */
  double xs[2] = { image->x + self->step_x, image->x + image->width - self->step_x };
  double ys[2] = { image->y + self->step_y, image->y + image->height - self->step_y };
  gboolean has_x[2] = { page->column + 1 < self->columns, page->column > 0 };
  gboolean has_y[2] = { page->row + 1 < self->rows, page->row > 0 };

  cairo_save (cr);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);

  for (guint i = 0; i < 2; i++)
    {
      if (has_x[i])
        {
          cairo_move_to (cr, xs[i], top);
          cairo_rel_line_to (cr, 0, -len);
          cairo_move_to (cr, xs[i], bottom);
          cairo_rel_line_to (cr, 0, len);
        }
      if (has_y[i])
        {
          cairo_move_to (cr, left, ys[i]);
          cairo_rel_line_to (cr, -len, 0);
          cairo_move_to (cr, right, ys[i]);
          cairo_rel_line_to (cr, len, 0);
        }
    }

  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_poster_label (Export     *self,
                   cairo_t    *cr,
                   guint       index,
                   const Page *page)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 7");
  g_autoptr(GString) text = g_string_new ("Waymark");
  g_autofree char *stages = NULL;
  g_autoptr(PangoAttrList) attrs = NULL;
  /* One line, and no longer than the widest sheet shows (it is
   * ellipsized below): a title of 32,000 accents took 3.5 s to shape
   * here, one of 30,000 lines more than 30 s. */
  g_autofree char *title = wm_layout_dup_clipped_text (document_title (self->document),
                                                       LABEL_MAX_CHARS, 1);
  const char *lang = wm_document_get_lang (self->document);
  cairo_font_options_t *font_options;
  int first, last, w, h;
  double x, y;

  font_options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), font_options);
  cairo_font_options_destroy (font_options);
  pango_layout_context_changed (layout);

  g_string_append (text, " · ");
  /* The map's language for its title only (Simplified forms for zh-CN),
   * so the separators keep their Latin width. */
  if (lang != NULL)
    {
      PangoAttribute *attr = pango_attr_language_new (pango_language_from_string (lang));

      attrs = pango_attr_list_new ();
      attr->start_index = text->len;
      attr->end_index = text->len + strlen (title);
      pango_attr_list_insert (attrs, attr);
    }
  g_string_append_printf (text, "%s · ", title);
  if (stage_range (self, &page->src, &first, &last))
    {
      stages = stage_range_label (first, last);
      g_string_append_printf (text, "%s · ", stages);
    }
  /* TRANSLATORS: the page number and count printed on each sheet of a poster */
  g_string_append_printf (text, _("page %u / %u"), index + 1, self->pages->len);
  if (self->rows > 1)
    {
      g_string_append (text, " · ");
      /* TRANSLATORS: where a sheet goes when the poster is assembled */
      g_string_append_printf (text, _("row %u, column %u"), page->row + 1, page->column + 1);
    }

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text->str, -1);
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_width (layout, pango_units_from_double (page->width - 2 * POSTER_MARGIN - 20 * MM));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_MIDDLE);
  pango_layout_get_size (layout, &w, &h);

  x = (page->width - pango_units_to_double (w)) / 2;
  y = page->height - (POSTER_MARGIN + pango_units_to_double (h)) / 2;

  /* Knocked out of the marks it may cross. */
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x - 3, y, pango_units_to_double (w) + 6, pango_units_to_double (h));
  cairo_fill (cr);
  cairo_restore (cr);

  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_poster_furniture (Export     *self,
                       cairo_t    *cr,
                       guint       index,
                       const Page *page)
{
  cairo_rectangle_t image = {
    page->x, page->y, page->src.width * page->scale, page->src.height * page->scale
  };
  double r = MIN (2.5 * MM, POSTER_MARGIN / 2 - 4.0);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.25);
  draw_crop_marks (cr, &image, POSTER_MARGIN);
  draw_registration_mark (cr, page->width / 2, POSTER_MARGIN / 2, r);
  draw_registration_mark (cr, POSTER_MARGIN / 2, page->height / 2, r);
  draw_registration_mark (cr, page->width - POSTER_MARGIN / 2, page->height / 2, r);
  draw_overlap_ticks (self, cr, page, &image);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  draw_poster_label (self, cr, index, page);
  cairo_restore (cr);
}

/* Draws @src of the map with its corner at (@x, @y), @scale points per unit. */
static void
draw_map (Export                  *self,
          cairo_t                 *cr,
          const cairo_rectangle_t *src,
          double                   x,
          double                   y,
          double                   scale,
          double                   detail,
          WmRenderFlags            flags)
{
  WmRenderOptions options = WM_RENDER_OPTIONS_INIT;

  options.clip = *src;
  options.scale = detail;
  options.flags = flags;
  options.persona = self->options->persona;

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -src->x, -src->y);
  cairo_rectangle (cr, src->x, src->y, src->width, src->height);
  cairo_clip (cr);
  wm_render (self->layout, cr, &options);
  cairo_restore (cr);
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

static gboolean
plan_pages (Export  *self,
            GError **error)
{
  double w, h;

  self->pages = g_array_new (FALSE, FALSE, sizeof (Page));

  switch (self->options->page)
    {
    case WM_PAGE_A4:
    case WM_PAGE_A3:
    case WM_PAGE_LETTER:
      plan_paper (self);
      break;

    case WM_PAGE_POSTER_A4:
    case WM_PAGE_POSTER_A3:
      if (!plan_poster (self, error))
        return FALSE;
      break;

    case WM_PAGE_FIT:
    default:
      plan_fit (self);
      break;
    }

  if (!self->options->summary)
    return TRUE;

  /* On the export's paper; a "fit" page has none, so A4 portrait. */
  if (self->options->page == WM_PAGE_FIT)
    paper_size (WM_PAGE_A4, FALSE, &w, &h);
  else
    sheet_size (self, &w, &h);
  self->summary = wm_summary_new (self->document, self->options->theme, w, h);
  self->n_summary = wm_summary_get_n_pages (self->summary);
  return TRUE;
}

/* How many personas an error lists before "…". */
#define MAX_LISTED_PERSONAS 20

static char *
list_personas (WmDocument *document)
{
  GListModel *personas = G_LIST_MODEL (wm_document_get_personas (document));
  guint n = g_list_model_get_n_items (personas);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < MIN (n, MAX_LISTED_PERSONAS); i++)
    {
      g_autoptr(WmPersona) persona = g_list_model_get_item (personas, i);
      g_autofree char *name = wm_layout_dup_clipped_text (wm_persona_get_name (persona), 40, 1);

      if (out->len > 0)
        g_string_append (out, ", ");
      if (name != NULL)
        g_string_append_printf (out, "%s (%s)", wm_item_get_id (WM_ITEM (persona)), name);
      else
        g_string_append (out, wm_item_get_id (WM_ITEM (persona)));
    }
  if (n > MAX_LISTED_PERSONAS)
    g_string_append (out, ", …");

  return g_string_free (out, FALSE);
}

/* The id of the persona @wanted names: its id, else its name (exactly,
 * then ignoring case), since people know personas by name. */
static const char *
resolve_persona (WmDocument  *document,
                 const char  *wanted,
                 GError     **error)
{
  GListModel *personas = G_LIST_MODEL (wm_document_get_personas (document));
  g_autofree char *folded = g_utf8_casefold (wanted, -1);
  g_autofree char *listed = NULL;
  WmPersona *found;
  const char *by_case = NULL;

  if ((found = wm_document_find_persona (document, wanted)) != NULL)
    return wm_item_get_id (WM_ITEM (found));

  for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
    {
      g_autoptr(WmPersona) persona = g_list_model_get_item (personas, i);
      const char *name = wm_persona_get_name (persona);
      g_autofree char *name_folded = NULL;

      if (name == NULL)
        continue;
      if (g_str_equal (name, wanted))
        return wm_item_get_id (WM_ITEM (persona));
      name_folded = g_utf8_casefold (name, -1);
      if (by_case == NULL && g_str_equal (name_folded, folded))
        by_case = wm_item_get_id (WM_ITEM (persona));
    }
  if (by_case != NULL)
    return by_case;

  listed = list_personas (document);
  if (listed[0] == '\0')
    g_set_error (error, WM_ERROR, WM_ERROR_REFERENCE,
                 _("There is no persona “%s” in this map; it has no personas"), wanted);
  else
    g_set_error (error, WM_ERROR, WM_ERROR_REFERENCE,
                 _("There is no persona “%s” in this map; its personas are: %s"), wanted, listed);
  return NULL;
}

WmPagePlan *
wm_page_plan_new (WmDocument            *document,
                  const WmExportOptions *options,
                  double                 sheet_width,
                  double                 sheet_height,
                  GError               **error)
{
  WmExportOptions defaults = WM_EXPORT_OPTIONS_INIT;
  g_autoptr(WmPagePlan) self = NULL;
  const char *persona = NULL;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;

  if (options->persona != NULL &&
      (persona = resolve_persona (document, options->persona, error)) == NULL)
    return NULL;

  self = g_new0 (WmPagePlan, 1);
  self->document = g_object_ref (document);
  self->own_options = *options;
  self->persona = g_strdup (persona);
  self->author = g_strdup (options->author);
  self->own_options.persona = self->persona;
  self->own_options.author = self->author;
  self->options = &self->own_options;
  self->sheet_width = sheet_width;
  self->sheet_height = sheet_height;

  self->layout = wm_layout_new (document, options->theme);
  wm_layout_update (self->layout);
  wm_layout_get_size (self->layout, &self->map_width, &self->map_height);
  self->map_width = MAX (1.0, self->map_width);
  self->map_height = MAX (1.0, self->map_height);

  if (!plan_pages (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

void
wm_page_plan_free (WmPagePlan *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->pages, g_array_unref);
  g_clear_pointer (&self->summary, wm_summary_free);
  g_clear_object (&self->layout);
  g_clear_object (&self->document);
  g_free (self->persona);
  g_free (self->author);
  g_free (self);
}

guint
wm_page_plan_get_n_pages (WmPagePlan *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_summary + self->pages->len;
}

guint
wm_page_plan_get_n_summary_pages (WmPagePlan *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_summary;
}

static const Page *
map_page (WmPagePlan *self,
          guint       index)
{
  if (index < self->n_summary || index - self->n_summary >= self->pages->len)
    return NULL;
  return &g_array_index (self->pages, Page, index - self->n_summary);
}

void
wm_page_plan_get_page_size (WmPagePlan *self,
                            guint       index,
                            double     *width,
                            double     *height)
{
  const Page *page;

  g_return_if_fail (self != NULL);

  page = map_page (self, index);
  if (page != NULL)
    {
      *width = page->width;
      *height = page->height;
    }
  else if (self->options->page == WM_PAGE_FIT)
    paper_size (WM_PAGE_A4, FALSE, width, height);
  else
    sheet_size (self, width, height);
}

void
wm_page_plan_draw_page (WmPagePlan *self,
                        guint       index,
                        cairo_t    *cr)
{
  const WmStyle *style = wm_layout_get_style (self->layout);
  const Page *page;

  g_return_if_fail (self != NULL);
  g_return_if_fail (index < wm_page_plan_get_n_pages (self));

  if (index < self->n_summary)
    {
      wm_summary_draw_page (self->summary, index, cr);
      return;
    }

  page = map_page (self, index);
  cairo_save (cr);
  if (self->fill_sheet && style != NULL)
    {
      cairo_set_source_rgb (cr, style->background.r, style->background.g, style->background.b);
      cairo_paint (cr);
    }

  /* Paper zooms: never greek text, whatever the printed scale. */
  draw_map (self, cr, &page->src, page->x, page->y, page->scale, MAX (1.0, page->scale),
            WM_RENDER_DEFAULT);
  if (self->poster)
    draw_poster_furniture (self, cr, index - self->n_summary, page);
  cairo_restore (cr);
}

char *
wm_page_plan_dup_page_title (WmPagePlan *self,
                             guint       index)
{
  const Page *page;

  g_return_val_if_fail (self != NULL, NULL);

  page = map_page (self, index);
  if (page == NULL)
    {
      if (self->n_summary == 1)
        return g_strdup (_("Summary"));
      /* TRANSLATORS: an outline entry for the n-th page of the summary */
      return g_strdup_printf (_("Summary, page %u"), index + 1);
    }
  return outline_title (self, index - self->n_summary, page);
}

gboolean
wm_page_plan_find_stage (WmPagePlan *self,
                         guint       stage,
                         guint      *index,
                         double     *x,
                         double     *y)
{
  cairo_rectangle_t r;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!wm_layout_get_stage_rect (self->layout, stage, &r))
    return FALSE;

  /* The first sheet (in reading order) where the column's top-left corner is. */
  for (guint i = 0; i < self->pages->len; i++)
    {
      const Page *page = &g_array_index (self->pages, Page, i);

      if (r.x + 1e-6 < page->src.x || r.x >= page->src.x + page->src.width ||
          r.y + 1e-6 < page->src.y || r.y >= page->src.y + page->src.height)
        continue;

      *index = self->n_summary + i;
      *x = page->x + (r.x - page->src.x) * page->scale;
      *y = page->y + (r.y - page->src.y) * page->scale;
      return TRUE;
    }

  return FALSE;
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
      g_autofree char *name = stage_name (self->document, s);
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
export_pdf (Export      *self,
            GByteArray  *out,
            GError     **error)
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
  surface = cairo_pdf_surface_create_for_stream (append_cb, out, w, h);
  /* Only for what PDF cannot express (none today): rasterise finely. */
  cairo_surface_set_fallback_resolution (surface,
                                         MAX (300.0, self->options->dpi),
                                         MAX (300.0, self->options->dpi));

  creator = g_strdup_printf ("Waymark %s", PACKAGE_VERSION);
  date = pdf_date ();
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, document_title (self->document));
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
export_svg (Export      *self,
            GByteArray  *out,
            GError     **error)
{
  cairo_rectangle_t all = { 0, 0, self->map_width, self->map_height };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_svg_surface_create_for_stream (append_cb, out, self->map_width, self->map_height);
  /* width="…pt": the same physical size as the PDF. */
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);

  cr = cairo_create (surface);
  draw_map (self, cr, &all, 0, 0, 1.0, 1.0,
            self->options->transparent ? WM_RENDER_NO_BACKGROUND : WM_RENDER_DEFAULT);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  report (self, 1.0);

  return check_cairo (status, error);
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
export_png (Export      *self,
            GByteArray  *out,
            GError     **error)
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
      draw_map (self, cr, &src, src.x, src.y, 1.0, s, flags);
      cairo_restore (cr);
      ok = check_cairo (cairo_status (cr), error);
      report (self, 0.9 * (y + rows) / height);
    }

  cairo_destroy (cr);

  if (ok)
    {
      status = cairo_surface_write_to_png_stream (surface, append_cb, out);
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

GBytes *
wm_export_to_bytes (WmDocument            *document,
                    const WmExportOptions *options,
                    GCancellable          *cancellable,
                    WmExportProgress       progress,
                    gpointer               user_data,
                    GError               **error)
{
  g_autoptr(WmPagePlan) self = NULL;
  g_autoptr(GByteArray) out = NULL;
  WmExportOptions defaults = WM_EXPORT_OPTIONS_INIT;
  gboolean ok = FALSE;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

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

  out = g_byte_array_new ();
  report (self, 0.0);

  switch (options->format)
    {
    case WM_EXPORT_SVG:
      ok = export_svg (self, out, error);
      break;

    case WM_EXPORT_PNG:
      ok = export_png (self, out, error);
      break;

    case WM_EXPORT_PDF:
    default:
      ok = export_pdf (self, out, error);
      break;
    }

  if (!ok)
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
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
  g_autoptr(GBytes) bytes = NULL;
  gconstpointer data;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = wm_export_to_bytes (document, options, cancellable, progress, user_data, error);
  if (bytes == NULL)
    return FALSE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  data = g_bytes_get_data (bytes, &length);
  return wm_write_file_atomically (file, data, length, error);
}
