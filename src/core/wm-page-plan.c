/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-page-plan.c - the sheets of a PDF export or a print job
 *
 * Summary pages, then the map: one page the size of the map, shrunk onto
 * one sheet of paper, or tiled across sheets at a readable size with
 * overlaps, crop marks, registration marks and a label on each. The PDF
 * exporter and printing both plan and draw through this.
 */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "wm-error.h"
#include "wm-page-plan-private.h"
#include "wm-map-text.h"

#define MM                (72.0 / 25.4)
#define FIT_MARGIN        (8.0 * MM)
#define PAPER_MARGIN      (10.0 * MM)
#define POSTER_MARGIN     (12.0 * MM)
#define POSTER_OVERLAP    (10.0 * MM)
#define MIN_PRINTED_TEXT  9.0          /* points: the smallest card text a poster prints */
/* Acrobat and others refuse pages over 200 inches a side. */
#define MAX_PDF_PAGE      14400.0
#define MAX_PAGES         5000
/* A sheet label is one line of 7 pt type: 400 characters are wider than
 * an A3 sheet's. */
#define LABEL_MAX_CHARS   400
#define OUTLINE_MAX_CHARS 200

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

const char *
wm_page_plan_document_title (WmDocument *document)
{
  return wm_map_text_title (wm_map_lang_of (document), document);
}

/* Stage titles for the outline (and a print job's page titles): one line
 * each, and short, as a sheet's entry names up to four (a poster of
 * 20,000-letter stage titles had a 70 MB outline). */
char *
wm_page_plan_stage_name (WmDocument *document,
                         guint       index)
{
  g_autoptr(WmStage) stage = g_list_model_get_item (G_LIST_MODEL (wm_document_get_stages (document)), index);
  const char *title = stage != NULL ? wm_stage_get_title (stage) : NULL;

  if (title != NULL && *title != '\0')
    return wm_layout_dup_clipped_text (title, OUTLINE_MAX_CHARS, 1);

  return wm_map_text_stage (wm_map_lang_of (document), index + 1);
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

          name = wm_page_plan_stage_name (self->document, i);
          g_string_append (names, name);
        }
    }
  else
    {
      g_autofree char *title = wm_layout_dup_clipped_text (wm_page_plan_document_title (self->document),
                                                           OUTLINE_MAX_CHARS, 1);

      g_string_append (names, title);
    }

  if (self->pages->len == 1)
    return g_string_free (g_steal_pointer (&names), FALSE);

  return wm_map_text_outline_entry (wm_map_lang_of (self->document), index + 1, self->pages->len, names->str);
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
  g_autofree char *title = wm_layout_dup_clipped_text (wm_page_plan_document_title (self->document),
                                                       LABEL_MAX_CHARS, 1);
  const char *lang = wm_document_get_lang (self->document);
  WmMapLang map_lang = wm_map_lang_of (self->document);
  g_autofree char *sheet = NULL;
  PangoAttribute *lang_attr = NULL;
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
  /* The map's language from its title on (Simplified forms for zh-CN):
   * the title and the labels are in it; "Waymark · " keeps Latin widths. */
  if (lang != NULL)
    {
      lang_attr = pango_attr_language_new (pango_language_from_string (lang));
      lang_attr->start_index = text->len;
    }
  g_string_append_printf (text, "%s · ", title);
  if (stage_range (self, &page->src, &first, &last))
    {
      stages = wm_map_text_stages (map_lang, first + 1, last + 1);
      g_string_append_printf (text, "%s · ", stages);
    }
  sheet = wm_map_text_sheet (map_lang, index + 1, self->pages->len);
  g_string_append (text, sheet);
  if (self->rows > 1)
    {
      g_autofree char *place = wm_map_text_sheet_place (map_lang, page->row + 1, page->column + 1);

      g_string_append (text, " · ");
      g_string_append (text, place);
    }
  if (lang_attr != NULL)
    {
      lang_attr->end_index = text->len;
      attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, lang_attr);
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
void
wm_page_plan_draw_map (Export                  *self,
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
  wm_layout_set_draw_once (self->layout, TRUE);
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
  wm_page_plan_draw_map (self, cr, &page->src, page->x, page->y, page->scale, MAX (1.0, page->scale),
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
      WmMapLang lang = wm_map_lang_of (self->document);

      if (self->n_summary == 1)
        return g_strdup (wm_map_label (lang, WM_LABEL_SUMMARY));
      return wm_map_text_summary_page (lang, index + 1);
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
