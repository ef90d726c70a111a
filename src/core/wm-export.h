#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "wm-document.h"
#include "wm-style.h"

G_BEGIN_DECLS

typedef enum
{
  WM_EXPORT_PDF,
  WM_EXPORT_SVG,
  WM_EXPORT_PNG,
} WmExportFormat;

typedef enum
{
  WM_PAGE_FIT,
  WM_PAGE_A4,
  WM_PAGE_A3,
  WM_PAGE_LETTER,
  WM_PAGE_POSTER_A4,
  WM_PAGE_POSTER_A3,
} WmPage;

typedef struct
{
  WmExportFormat format;
  WmPage         page;
  gboolean       landscape;
  double         dpi;        /* PNG only; 96 by default */
  WmTheme        theme;
  const char    *persona;    /* NULL: all */
  /* Zero is the default for everything below. */
  int            width;      /* PNG only: pixels wide (height by aspect); 0: by dpi */
  gboolean       transparent;/* PNG only: no background */
  gboolean       summary;    /* PDF and print: summary pages before the map */
  const char    *author;     /* PDF metadata; NULL: the user's real name */
} WmExportOptions;

/* The widest or tallest PNG: cairo's limit for an image surface. */
#define WM_EXPORT_MAX_PNG_SIDE 32767

#define WM_EXPORT_OPTIONS_INIT { WM_EXPORT_PDF, WM_PAGE_FIT, FALSE, 96.0, WM_THEME_LIGHT, NULL, 0, FALSE, FALSE, NULL }

/* Called now and then with the fraction done (0..1); may be NULL. */
typedef void (*WmExportProgress) (double fraction, gpointer user_data);

gboolean wm_export_format_from_string (const char      *name,
                                       WmExportFormat  *format);
gboolean wm_export_format_from_path   (const char      *path,
                                       WmExportFormat  *format);
gboolean wm_page_from_string          (const char      *name,
                                       WmPage          *page);
/* "pdf", "svg" or "png": the file name extension, without the dot. */
const char *wm_export_format_to_extension (WmExportFormat format);
/* The whole export in memory (what wm_export_to_file writes). */
GBytes  *wm_export_to_bytes           (WmDocument            *document,
                                       const WmExportOptions *options,
                                       GCancellable          *cancellable,
                                       WmExportProgress       progress,
                                       gpointer               user_data,
                                       GError               **error);
/* Writes atomically: an existing file is replaced whole or left untouched. */
gboolean wm_export_to_file            (WmDocument            *document,
                                       const WmExportOptions *options,
                                       GFile                 *file,
                                       GCancellable          *cancellable,
                                       WmExportProgress       progress,
                                       gpointer               user_data,
                                       GError               **error);

/* The sheets of a PDF export or a print job: summary pages (if
 * options->summary) and then the map, fitted or tiled as options->page
 * says. The PDF exporter and printing both plan and draw through this, so
 * a job printed to a file has the pages `waymark export` writes.
 *
 * @sheet_width and @sheet_height (points) replace the paper size of
 * options->page (a printer's paper); 0 takes it from options->page and
 * options->landscape. WM_PAGE_FIT ignores them. */
typedef struct _WmPagePlan WmPagePlan;

WmPagePlan *wm_page_plan_new            (WmDocument            *document,
                                         const WmExportOptions *options,
                                         double                 sheet_width,
                                         double                 sheet_height,
                                         GError               **error);
void        wm_page_plan_free           (WmPagePlan            *plan);
guint       wm_page_plan_get_n_pages    (WmPagePlan            *plan);
guint       wm_page_plan_get_n_summary_pages (WmPagePlan       *plan);
void        wm_page_plan_get_page_size  (WmPagePlan            *plan,
                                         guint                  page,
                                         double                *width,
                                         double                *height);
/* Draws sheet @page onto @cr, whose origin is the sheet's corner and whose
 * unit is a point: the map tile, and on posters crop marks, registration
 * marks and the label ("Stages 3–5 · page 2 / 6"). */
void        wm_page_plan_draw_page      (WmPagePlan            *plan,
                                         guint                  page,
                                         cairo_t               *cr);
/* The sheet's outline (bookmark) title. */
char       *wm_page_plan_dup_page_title (WmPagePlan            *plan,
                                         guint                  page);
/* The first sheet showing stage @stage and where its column starts there
 * (points from the sheet's corner); FALSE if no sheet shows it. */
gboolean    wm_page_plan_find_stage     (WmPagePlan            *plan,
                                         guint                  stage,
                                         guint                 *page,
                                         double                *x,
                                         double                *y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmPagePlan, wm_page_plan_free)

G_END_DECLS
