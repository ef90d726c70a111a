/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-export.c - PDF, SVG and PNG exports */

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "../test-maps.h"
#include "test-raster.h"
#include "../test-util.h"

#include "wm-document.h"
#include "wm-error.h"
#include "wm-export.h"
#include "wm-page-plan.h"
#include "wm-layout.h"
#include "wm-reader.h"
#include "wm-summary.h"

#define A4_W (210 * 72 / 25.4)
#define A4_H (297 * 72 / 25.4)

/* A map of @n_stages stages with a card per stage in three lanes, an
 * emotion lane and a curve: as wide as real maps get. */
static WmDocument *
build_map (guint n_stages)
{
  WmDocument *document = wm_document_new ();
  const WmLaneKind kinds[] = { WM_LANE_ACTIONS, WM_LANE_TOUCHPOINTS, WM_LANE_EMOTION, WM_LANE_PAINS };
  g_autoptr(WmPersona) persona = wm_persona_new ("p");
  g_autoptr(WmCurve) curve = wm_curve_new ("p");

  wm_document_set_title (document, "Wide map");
  wm_persona_set_name (persona, "Weekend camper");
  g_list_store_append (wm_document_get_personas (document), persona);

  for (guint s = 0; s < n_stages; s++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", s);
      g_autofree char *title = g_strdup_printf ("Stage %u", s + 1);
      g_autoptr(WmStage) stage = wm_stage_new (id, title);
      g_autoptr(WmCurvePoint) point = wm_curve_point_new (id, (s % 7) - 3.0, 0.5);

      g_list_store_append (wm_document_get_stages (document), stage);
      g_list_store_append (wm_curve_get_points (curve), point);
    }

  for (guint l = 0; l < G_N_ELEMENTS (kinds); l++)
    {
      g_autofree char *lane_id = g_strdup_printf ("l%u", l);
      g_autoptr(WmLane) lane = wm_lane_new (lane_id, kinds[l], wm_lane_kind_label (kinds[l]));

      for (guint s = 0; kinds[l] != WM_LANE_EMOTION && s < n_stages; s++)
        {
          g_autofree char *card_id = g_strdup_printf ("c%u-%u", l, s);
          g_autofree char *stage_id = g_strdup_printf ("s%u", s);
          g_autofree char *text = g_strdup_printf ("Card %u in stage %u: compare prices and read reviews", l, s + 1);
          g_autoptr(WmCard) card = wm_card_new (card_id, stage_id, text);

          g_list_store_append (wm_lane_get_cards (lane), card);
        }
      g_list_store_append (wm_document_get_lanes (document), lane);
    }

  g_list_store_append (wm_document_get_curves (document), curve);
  return document;
}

static void
map_size (WmDocument *document,
          double     *width,
          double     *height)
{
  g_autoptr(WmLayout) layout = wm_layout_new (document, WM_THEME_LIGHT);

  wm_layout_get_size (layout, width, height);
}

static GBytes *
export_bytes (WmDocument            *document,
              const WmExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = wm_export_to_bytes (document, options, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static const char *
find (const char *from,
      const char *end,
      const char *needle)
{
  gsize n = strlen (needle);

  for (const char *p = from; p + n <= end; p++)
    if (*p == *needle && memcmp (p, needle, n) == 0)
      return p;
  return NULL;
}

/* cairo writes one uncompressed "/Type /Page" dictionary per page. */
static guint
count_pdf_pages (GBytes *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  const char *end = data + len;
  const char *needle = "/Type /Page";
  guint n = 0;

  for (const char *p = data; (p = find (p, end, needle)) != NULL; p++)
    if (p + strlen (needle) < end && p[strlen (needle)] != 's')
      n++;

  return n;
}

static guint
count_occurrences (GBytes     *bytes,
                   const char *needle)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  guint n = 0;

  for (const char *p = data; (p = find (p, data + len, needle)) != NULL; p++)
    n++;
  return n;
}

/* Every page's MediaBox, as (width, height) pairs. */
static GArray *
pdf_media_boxes (GBytes *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  const char *end = data + len;
  const char *needle = "/MediaBox [";
  GArray *boxes = g_array_new (FALSE, FALSE, sizeof (double));

  for (const char *p = data; (p = find (p, end, needle)) != NULL; p++)
    {
      g_autofree char *line = g_strndup (p + strlen (needle), MIN (100, end - p - strlen (needle)));
      double x0, y0, x1, y1;
      char *q = line;

      x0 = g_ascii_strtod (q, &q);
      y0 = g_ascii_strtod (q, &q);
      x1 = g_ascii_strtod (q, &q);
      y1 = g_ascii_strtod (q, &q);
      x1 -= x0;
      y1 -= y0;
      g_array_append_val (boxes, x1);
      g_array_append_val (boxes, y1);
    }

  return boxes;
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *text)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  return find (data, data + len, text) != NULL;
}

static void
png_dimensions (GBytes *bytes,
                guint  *width,
                guint  *height)
{
  gsize len;
  const guchar *data = g_bytes_get_data (bytes, &len);

  g_assert_cmpuint (len, >, 24);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpmem (data + 12, 4, "IHDR", 4);
  *width = (guint) data[16] << 24 | data[17] << 16 | data[18] << 8 | data[19];
  *height = (guint) data[20] << 24 | data[21] << 16 | data[22] << 8 | data[23];
}

/* Text of a PDF through pdftotext, or NULL (and the test skipped). */
static char *
pdf_to_text (GBytes *bytes)
{
  g_autofree char *tool = g_find_program_in_path ("pdftotext");
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  int status;

  if (tool == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return NULL;
    }

  dir = g_dir_make_tmp ("waymark-export-XXXXXX", &error);
  g_assert_no_error (error);
  pdf = g_build_filename (dir, "map.pdf", NULL);
  g_file_set_contents (pdf, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  {
    const char *argv[] = { tool, "-enc", "UTF-8", pdf, "-", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                  &text, NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  g_unlink (pdf);
  g_rmdir (dir);
  return text;
}

static void
test_names (void)
{
  WmExportFormat format;
  WmPage page;

  g_assert_true (wm_export_format_from_string ("svg", &format));
  g_assert_cmpint (format, ==, WM_EXPORT_SVG);
  g_assert_false (wm_export_format_from_string ("jpeg", &format));
  g_assert_true (wm_export_format_from_path ("out/map.PNG", &format));
  g_assert_cmpint (format, ==, WM_EXPORT_PNG);
  g_assert_true (wm_export_format_from_path ("map.pdf", &format));
  g_assert_cmpint (format, ==, WM_EXPORT_PDF);
  g_assert_false (wm_export_format_from_path ("map", &format));
  g_assert_false (wm_export_format_from_path ("dir.pdf/map", &format));
  g_assert_cmpstr (wm_export_format_to_extension (WM_EXPORT_SVG), ==, "svg");
  g_assert_true (wm_page_from_string ("poster-a3", &page));
  g_assert_cmpint (page, ==, WM_PAGE_POSTER_A3);
  g_assert_true (wm_page_from_string ("letter", &page));
  g_assert_cmpint (page, ==, WM_PAGE_LETTER);
  g_assert_false (wm_page_from_string ("a5", &page));
}

static void
test_pdf_fit (void)
{
  g_autoptr(WmDocument) document = build_map (5);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GArray) boxes = NULL;
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  double w, h;

  map_size (document, &w, &h);
  bytes = export_bytes (document, &options);

  g_assert_true (bytes_contain (bytes, "%PDF-"));
  g_assert_cmpuint (count_pdf_pages (bytes), ==, 1);
  boxes = pdf_media_boxes (bytes);
  g_assert_cmpuint (boxes->len, ==, 2);
  /* The map plus a margin on each side. */
  g_assert_cmpfloat (g_array_index (boxes, double, 0), >, w);
  g_assert_cmpfloat (g_array_index (boxes, double, 0), <, w + 72);
  g_assert_cmpfloat (g_array_index (boxes, double, 1), >, h);
  g_assert_cmpfloat (g_array_index (boxes, double, 1), <, h + 72);
  g_assert_true (bytes_contain (bytes, "/Title (Wide map)"));
  g_assert_true (bytes_contain (bytes, "/Creator (Waymark"));
  /* cairo 1.16 leaves out the "D:" prefix; poppler and others read it anyway. */
  g_assert_true (bytes_contain (bytes, "/CreationDate ("));
  g_assert_true (bytes_contain (bytes, "/Outlines"));

  g_clear_pointer (&bytes, g_bytes_unref);
  g_assert_finalize_object (g_steal_pointer (&document));
}

static void
assert_single_page (WmPage   page,
                    gboolean landscape,
                    double   width,
                    double   height)
{
  g_autoptr(WmDocument) document = build_map (8);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GArray) boxes = NULL;
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;

  options.page = page;
  options.landscape = landscape;
  bytes = export_bytes (document, &options);

  g_assert_cmpuint (count_pdf_pages (bytes), ==, 1);
  boxes = pdf_media_boxes (bytes);
  g_assert_cmpuint (boxes->len, ==, 2);
  g_assert_cmpfloat_with_epsilon (g_array_index (boxes, double, 0), width, 0.5);
  g_assert_cmpfloat_with_epsilon (g_array_index (boxes, double, 1), height, 0.5);

  g_clear_pointer (&bytes, g_bytes_unref);
  g_assert_finalize_object (g_steal_pointer (&document));
}

static void
test_pdf_paper (void)
{
  assert_single_page (WM_PAGE_A4, FALSE, A4_W, A4_H);
  assert_single_page (WM_PAGE_A4, TRUE, A4_H, A4_W);
  assert_single_page (WM_PAGE_A3, FALSE, 297 * 72 / 25.4, 420 * 72 / 25.4);
  assert_single_page (WM_PAGE_LETTER, TRUE, 792, 612);
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  GArray *fractions = user_data;

  g_array_append_val (fractions, fraction);
}

static void
test_pdf_poster (void)
{
  g_autoptr(WmDocument) document = build_map (20);
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GArray) boxes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  double w, h, last = -1;
  guint n;

  map_size (document, &w, &h);
  options.page = WM_PAGE_POSTER_A4;
  bytes = wm_export_to_bytes (document, &options, NULL, progress_cb, fractions, &error);
  g_assert_no_error (error);

  n = count_pdf_pages (bytes);
  g_test_message ("map %.0f × %.0f pt → %u A4 sheets", w, h, n);
  g_assert_cmpuint (n, >, 1);
  /* Printed at most at natural size, with 10 mm overlaps: never more
   * sheets than the map's area over a sheet's, with slack for overlaps. */
  g_assert_cmpuint (n, <=, 2 * ceil (w * h / ((A4_W - 68) * (A4_H - 68))) + 2);

  boxes = pdf_media_boxes (bytes);
  g_assert_cmpuint (boxes->len, ==, 2 * n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat_with_epsilon (g_array_index (boxes, double, 2 * i), A4_W, 0.5);
      g_assert_cmpfloat_with_epsilon (g_array_index (boxes, double, 2 * i + 1), A4_H, 0.5);
    }

  /* Progress: monotonic, per page, ending at 1. */
  g_assert_cmpuint (fractions->len, >=, n);
  for (guint i = 0; i < fractions->len; i++)
    {
      g_assert_cmpfloat (g_array_index (fractions, double, i), >=, last);
      last = g_array_index (fractions, double, i);
    }
  g_assert_cmpfloat (last, ==, 1.0);

  /* One outline entry per sheet naming its stages, one per stage, and
   * the two groups. */
  g_assert_true (bytes_contain (bytes, "/Outlines"));
  g_assert_cmpuint (count_occurrences (bytes, "/Dest ["), ==, n + 20 + 2);
  {
    g_autofree char *entry = g_strdup_printf ("/Title (2 / %u: Stage ", n);

    g_assert_true (bytes_contain (bytes, entry));
  }

  text = pdf_to_text (bytes);
  if (text != NULL)
    {
      g_autofree char *label = g_strdup_printf ("page 2 / %u", n);

      g_assert_nonnull (strstr (text, "Waymark · Wide map · Stages 1–"));
      g_assert_nonnull (strstr (text, label));
    }

  g_clear_pointer (&bytes, g_bytes_unref);
  g_assert_finalize_object (g_steal_pointer (&document));
}

/* A tall map: rows of sheets too, each labelled with its place. */
static void
test_pdf_poster_rows (void)
{
  g_autoptr(WmDocument) document = test_load_template ("zh-CN", "camping.waymark");
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  double w, h;
  guint n;

  map_size (document, &w, &h);
  options.page = WM_PAGE_POSTER_A3;
  options.landscape = TRUE;
  bytes = export_bytes (document, &options);
  n = count_pdf_pages (bytes);
  g_test_message ("map %.0f × %.0f pt → %u A3 landscape sheets", w, h, n);
  g_assert_cmpuint (n, >, 1);
  g_assert_cmpuint (count_occurrences (bytes, "/Dest ["), ==, n + 5 + 2);

  text = pdf_to_text (bytes);
  if (text != NULL)
    {
      g_autofree char *label = g_strdup_printf ("第 %u / %u 页", n, n);

      /* The sheets speak the map's language (zh-CN), whatever the
       * process's locale (C here). */
      g_assert_nonnull (strstr (text, "Waymark · 周末露营 · 阶段 1–"));
      g_assert_nonnull (strstr (text, " · 第 1 / "));
      g_assert_nonnull (strstr (text, label));
      g_assert_null (strstr (text, "page 1 /"));
      if (h * 0.9 > 297 * 72 / 25.4)
        g_assert_nonnull (strstr (text, "第 2 行，第 1 列"));
    }

  g_clear_pointer (&bytes, g_bytes_unref);
  g_assert_finalize_object (g_steal_pointer (&document));
}

static void
test_svg (void)
{
  g_autoptr(WmDocument) document = build_map (4);
  g_autoptr(GBytes) bytes = NULL;
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  xmlDoc *xml;
  xmlNode *root;
  xmlChar *width, *height;
  double w, h;

  map_size (document, &w, &h);
  options.format = WM_EXPORT_SVG;
  bytes = export_bytes (document, &options);

  xml = xmlReadMemory (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                       "map.svg", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  g_assert_nonnull (xml);
  root = xmlDocGetRootElement (xml);
  g_assert_cmpstr ((const char *) root->name, ==, "svg");
  width = xmlGetProp (root, (const xmlChar *) "width");
  height = xmlGetProp (root, (const xmlChar *) "height");
  g_assert_true (g_str_has_suffix ((const char *) width, "pt"));
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod ((const char *) width, NULL), w, 1.0);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod ((const char *) height, NULL), h, 1.0);
  xmlFree (width);
  xmlFree (height);
  xmlFreeDoc (xml);

  g_clear_pointer (&bytes, g_bytes_unref);
  g_assert_finalize_object (g_steal_pointer (&document));
}

static void
test_png_size (void)
{
  g_autoptr(WmDocument) document = build_map (3);
  const double dpis[] = { 72, 96, 144, 30 };
  double w, h;

  map_size (document, &w, &h);

  for (guint i = 0; i < G_N_ELEMENTS (dpis); i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
      guint pw, ph;

      options.format = WM_EXPORT_PNG;
      options.dpi = dpis[i];
      bytes = export_bytes (document, &options);
      png_dimensions (bytes, &pw, &ph);
      g_assert_cmpfloat_with_epsilon (pw, w * dpis[i] / 72, 1.0);
      g_assert_cmpfloat_with_epsilon (ph, h * dpis[i] / 72, 1.0);
    }

  g_assert_finalize_object (g_steal_pointer (&document));
}

static void
test_png_too_large (void)
{
  g_autoptr(WmDocument) document = build_map (3);
  g_autoptr(GError) error = NULL;
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  GBytes *bytes;

  options.format = WM_EXPORT_PNG;
  options.dpi = 100000;
  bytes = wm_export_to_bytes (document, &options, NULL, NULL, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, WM_ERROR, WM_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "dpi"));
  g_clear_error (&error);

  options.dpi = -3;
  bytes = wm_export_to_bytes (document, &options, NULL, NULL, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, WM_ERROR, WM_ERROR_USAGE);

  g_assert_finalize_object (g_steal_pointer (&document));
}

static void
test_atomic (void)
{
  g_autoptr(WmDocument) document = build_map (3);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *dir = g_dir_make_tmp ("waymark-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "map.png", NULL);
  g_autofree char *contents = NULL;
  const char old[] = "an older export, not to be lost\n";
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  gsize length;
  guint entries = 0;

  g_assert_nonnull (dir);
  g_assert_true (g_file_set_contents (path, old, -1, NULL));
  file = g_file_new_for_path (path);
  options.format = WM_EXPORT_PNG;

  /* An export that fails... */
  options.dpi = 1e6;
  g_assert_false (wm_export_to_file (document, &options, file, NULL, NULL, NULL, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* ...or is cancelled leaves the old file as it was. */
  options.dpi = 96;
  g_cancellable_cancel (cancellable);
  g_assert_false (wm_export_to_file (document, &options, file, cancellable, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, old, strlen (old));
  g_clear_pointer (&contents, g_free);

  /* A good one replaces it whole, and leaves no temporary file behind. */
  g_assert_true (wm_export_to_file (document, &options, file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);

  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    entries++;
  g_assert_cmpuint (entries, ==, 1);

  g_unlink (path);
  g_rmdir (dir);
  g_assert_finalize_object (g_steal_pointer (&document));
}

/* Files open in @dir, found through /proc/self/fd: the export's temporary
 * file while it is written (unnamed files show as "DIR/#N (deleted)"). */
static guint
count_open_in (const char *dir)
{
  g_autoptr(GDir) fds = g_dir_open ("/proc/self/fd", 0, NULL);
  g_autofree char *prefix = g_strconcat (dir, G_DIR_SEPARATOR_S, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (fds);
  while ((name = g_dir_read_name (fds)) != NULL)
    {
      g_autofree char *link = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      if (target != NULL && g_str_has_prefix (target, prefix))
        n++;
    }

  return n;
}

typedef struct
{
  const char   *dir;
  GCancellable *cancellable;
  guint         open_while_drawing;
} HalfWay;

/* After the first sheet: note whether the export already writes into the
 * folder, then make it fail. */
static void
half_way_cb (double   fraction,
             gpointer user_data)
{
  HalfWay *half = user_data;

  if (fraction <= 0.0 || g_cancellable_is_cancelled (half->cancellable))
    return;
  half->open_while_drawing = count_open_in (half->dir);
  g_cancellable_cancel (half->cancellable);
}

/* A poster is streamed to its file sheet by sheet, not held in memory
 * whole; one failing half-way leaves the old file and no temporary one. */
static void
test_streamed_half_way (void)
{
  g_autoptr(WmDocument) document = build_map (20);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *dir = g_dir_make_tmp ("waymark-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "map.pdf", NULL);
  g_autofree char *contents = NULL;
  const char old[] = "an older export, not to be lost\n";
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  HalfWay half = { dir, cancellable, 0 };
  gsize length;
  guint entries = 0;

  g_assert_nonnull (dir);
  g_assert_true (g_file_set_contents (path, old, -1, NULL));
  file = g_file_new_for_path (path);
  options.page = WM_PAGE_POSTER_A4;

  g_assert_false (wm_export_to_file (document, &options, file, cancellable,
                                     half_way_cb, &half, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (half.open_while_drawing, ==, 1);
  g_assert_cmpuint (count_open_in (dir), ==, 0);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, old, strlen (old));
  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    entries++;
  g_assert_cmpuint (entries, ==, 1);

  g_unlink (path);
  g_rmdir (dir);
  g_assert_finalize_object (g_steal_pointer (&document));
}

static void
test_unknown_persona (void)
{
  g_autoptr(WmDocument) document = build_map (2);
  g_autoptr(GError) error = NULL;
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  g_autoptr(GBytes) bytes = NULL;

  options.persona = "nobody";
  g_assert_null (wm_export_to_bytes (document, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_REFERENCE);
  g_assert_nonnull (strstr (error->message, "nobody"));

  options.persona = "p";
  bytes = export_bytes (document, &options);
  g_clear_pointer (&bytes, g_bytes_unref);

  g_assert_finalize_object (g_steal_pointer (&document));
}

static void
test_chinese_text (void)
{
  g_autoptr(WmDocument) document = test_load_template ("zh-CN", "camping.waymark");
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;

  for (WmPage page = WM_PAGE_FIT; page <= WM_PAGE_POSTER_A3; page++)
    {
      g_clear_pointer (&bytes, g_bytes_unref);
      g_clear_pointer (&text, g_free);

      options.page = page;
      bytes = export_bytes (document, &options);
      text = pdf_to_text (bytes);
      if (text == NULL)
        break;

      g_assert_nonnull (strstr (text, "攻略"));
      g_assert_nonnull (strstr (text, "营地"));
    }

  g_clear_pointer (&bytes, g_bytes_unref);
  g_assert_finalize_object (g_steal_pointer (&document));
}

static void
test_every_template (void)
{
  const char *langs[] = { "en", "zh-CN" };
  const char *names[] = { "blank", "camping", "insurance", "b2b-services", "customer-service" };

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    for (guint n = 0; n < G_N_ELEMENTS (names); n++)
      for (WmExportFormat f = WM_EXPORT_PDF; f <= WM_EXPORT_PNG; f++)
        {
          g_autofree char *file = g_strconcat (names[n], ".waymark", NULL);
          g_autoptr(WmDocument) document = test_load_template (langs[l], file);
          g_autoptr(GBytes) bytes = NULL;
          WmExportOptions options = WM_EXPORT_OPTIONS_INIT;

          options.format = f;
          options.theme = n % 2 ? WM_THEME_DARK : WM_THEME_LIGHT;
          bytes = export_bytes (document, &options);
          g_assert_cmpuint (g_bytes_get_size (bytes), >, 100);
          g_clear_pointer (&bytes, g_bytes_unref);
          g_assert_finalize_object (g_steal_pointer (&document));
        }
}

static WmCard *
pain (WmLane     *lane,
      const char *id,
      guint       severity,
      guint       frequency)
{
  g_autoptr(WmCard) card = wm_card_new (id, "s0", id);

  wm_card_set_severity (card, severity);
  wm_card_set_frequency (card, frequency);
  g_list_store_append (wm_lane_get_cards (lane), card);
  return card;
}

/* Severity × frequency, a frequency of 0 counting as 1, ties in map order. */
static void
test_summary_rank (void)
{
  g_autoptr(WmDocument) document = build_map (1);
  g_autoptr(WmLane) lane = wm_lane_new ("pains2", WM_LANE_PAINS, "More pains");
  g_autoptr(GPtrArray) ranked = NULL;
  const char *expected[] = { "b", "c", "d", "a" };
  guint first_ours = 0;

  pain (lane, "a", 3, 0);   /* 3 */
  pain (lane, "b", 1, 5);   /* 5 */
  pain (lane, "c", 2, 2);   /* 4 */
  pain (lane, "d", 4, 0);   /* 4: frequency 0 counts as 1 */
  pain (lane, "e", 0, 9);   /* 0: no severity */
  g_list_store_append (wm_document_get_lanes (document), lane);

  ranked = wm_summary_rank_pains (document);
  /* build_map's own pain card has no severity: it ties with "e" at 0
   * and, earlier in the map, goes first. */
  g_assert_cmpuint (ranked->len, ==, 6);
  g_assert_cmpstr (wm_card_get_text (g_ptr_array_index (ranked, 5)), ==, "e");
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      WmCard *card = g_ptr_array_index (ranked, first_ours + i);

      g_assert_cmpstr (wm_card_get_text (card), ==, expected[i]);
    }

  g_clear_pointer (&ranked, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&document));
}

static char *
pdf_page_text (GBytes *bytes,
               guint   page)
{
  g_autofree char *tool = g_find_program_in_path ("pdftotext");
  g_autofree char *dir = g_dir_make_tmp ("waymark-export-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "map.pdf", NULL);
  g_autofree char *number = g_strdup_printf ("%u", page);
  char *text = NULL;

  if (tool == NULL)
    return NULL;
  g_assert_true (g_file_set_contents (pdf, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  {
    const char *argv[] = { tool, "-enc", "UTF-8", "-f", number, "-l", number, pdf, "-", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                 &text, NULL, NULL, NULL));
  }
  g_unlink (pdf);
  g_rmdir (dir);
  return text;
}

/* Text without white space: a card's text, wherever it wrapped. */
static char *
flatten (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static void
test_summary_pdf (void)
{
  g_autoptr(WmDocument) document = test_load_template ("zh-CN", "camping.waymark");
  g_autoptr(WmPagePlan) plan = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GArray) boxes = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *map_text = NULL;
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  guint n_summary;
  const char *top, *second;

  /* Off by default. */
  plain = export_bytes (document, &options);
  g_assert_cmpuint (count_pdf_pages (plain), ==, 1);

  options.summary = TRUE;
  plan = wm_page_plan_new (document, &options, 0, 0, NULL);
  n_summary = wm_page_plan_get_n_summary_pages (plan);
  g_assert_cmpuint (n_summary, >=, 1);
  bytes = export_bytes (document, &options);
  g_assert_cmpuint (count_pdf_pages (bytes), ==, n_summary + 1);

  /* The summary on A4 portrait, then the map's own page. */
  boxes = pdf_media_boxes (bytes);
  g_assert_cmpfloat_with_epsilon (g_array_index (boxes, double, 0), A4_W, 0.5);
  g_assert_cmpfloat_with_epsilon (g_array_index (boxes, double, 1), A4_H, 0.5);

  text = pdf_page_text (bytes, 1);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      g_clear_pointer (&plan, wm_page_plan_free);
      g_assert_finalize_object (g_steal_pointer (&document));
      return;
    }
  flat = flatten (text);
  g_test_message ("summary page 1: %s", text);
  /* Chinese headings for a zh-CN map, whatever the locale. */
  g_assert_nonnull (strstr (flat, "周末露营"));
  g_assert_nonnull (strstr (flat, "场景"));
  g_assert_nonnull (strstr (flat, "人物角色"));
  g_assert_nonnull (strstr (flat, "城市露营爱好者"));
  g_assert_nonnull (strstr (flat, "主要痛点"));
  /* Ranked: severity 3 × 23 before 3 × 17. */
  top = strstr (flat, "进山交通极为拥堵");
  second = strstr (flat, "营地指示牌不明显");
  g_assert_nonnull (top);
  g_assert_nonnull (second);
  g_assert_true (top < second);
  g_assert_nonnull (strstr (flat, "严重程度3×反馈23=69"));

  g_clear_pointer (&text, g_free);
  g_clear_pointer (&flat, g_free);
  for (guint i = 1; i <= n_summary; i++)
    {
      g_autofree char *page = pdf_page_text (bytes, i);
      g_autofree char *before = g_steal_pointer (&text);

      text = g_strconcat (before != NULL ? before : "", page, NULL);
    }
  flat = flatten (text);
  g_assert_nonnull (strstr (flat, "按内部责任部门分组的机会"));
  g_assert_nonnull (strstr (flat, "营地运营部(3)"));
  g_assert_nonnull (strstr (flat, "各阶段指标"));
  g_assert_nonnull (strstr (flat, "惊喜时刻"));
  g_assert_nonnull (strstr (flat, "营地有遮雨棚"));
  g_assert_nonnull (strstr (flat, "微瞬间"));

  /* The map follows the summary, not in it. */
  map_text = pdf_page_text (bytes, n_summary + 1);
  g_assert_null (strstr (map_text, "主要痛点"));
  g_assert_nonnull (strstr (map_text, "攻略"));

  g_clear_pointer (&plan, wm_page_plan_free);
  g_clear_pointer (&bytes, g_bytes_unref);
  g_assert_finalize_object (g_steal_pointer (&document));
}

/* A long summary flows onto more sheets, each with its footer. */
static void
test_summary_flows (void)
{
  g_autoptr(WmDocument) document = build_map (3);
  g_autoptr(WmLane) lane = wm_lane_new ("opps", WM_LANE_OPPORTUNITIES, "Opportunities");
  g_autoptr(WmPagePlan) plan = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  guint n_summary;

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *id = g_strdup_printf ("o%u", i);
      g_autofree char *words = g_strdup_printf ("Opportunity %u: call back within a day and say what happens next", i);
      g_autoptr(WmCard) card = wm_card_new (id, "s1", words);

      wm_card_set_owner (card, i % 3 == 0 ? "Service desk" : "Marketing");
      g_list_store_append (wm_lane_get_cards (lane), card);
    }
  g_list_store_append (wm_document_get_lanes (document), lane);

  options.summary = TRUE;
  options.page = WM_PAGE_A4;
  options.landscape = TRUE;
  plan = wm_page_plan_new (document, &options, 0, 0, NULL);
  n_summary = wm_page_plan_get_n_summary_pages (plan);
  g_test_message ("%u summary sheets", n_summary);
  g_assert_cmpuint (n_summary, >=, 3);
  g_assert_cmpuint (n_summary, <=, 8);

  bytes = export_bytes (document, &options);
  g_assert_cmpuint (count_pdf_pages (bytes), ==, n_summary + 1);
  text = pdf_page_text (bytes, 2);
  if (text != NULL)
    {
      g_autofree char *footer = g_strdup_printf ("Summary 2 / %u", n_summary);

      g_assert_nonnull (strstr (text, footer));
      g_assert_nonnull (strstr (text, "Opportunity"));
    }

  g_clear_pointer (&plan, wm_page_plan_free);
  g_clear_pointer (&bytes, g_bytes_unref);
  g_assert_finalize_object (g_steal_pointer (&document));
}

/* Runs a tool on @bytes written to a file; NULL (test skipped) if absent. */
static char *
run_tool (GBytes     *bytes,
          const char *name,
          const char *arg1,
          const char *arg2)
{
  g_autofree char *tool = g_find_program_in_path (name);
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  char *out = NULL;
  int status;

  if (tool == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s is not installed", name);

      g_test_skip (message);
      return NULL;
    }
  dir = g_dir_make_tmp ("waymark-export-XXXXXX", NULL);
  pdf = g_build_filename (dir, "map.pdf", NULL);
  g_assert_true (g_file_set_contents (pdf, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  {
    const char *argv[] = { tool, arg1 != NULL ? arg1 : pdf, arg1 != NULL ? pdf : arg2, arg1 != NULL ? arg2 : NULL, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                 &out, NULL, &status, NULL));
  }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_unlink (pdf);
  g_rmdir (dir);
  return out;
}

static void
test_metadata (void)
{
  g_autoptr(WmDocument) document = test_load_template ("zh-CN", "camping.waymark");
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *info = NULL;
  g_autofree char *fonts = NULL;
  g_autofree char *value = NULL;
  g_auto(GStrv) lines = NULL;
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  guint n_fonts = 0;

  options.summary = TRUE;
  options.page = WM_PAGE_POSTER_A4;
  options.author = "体验团队 CX";
  bytes = export_bytes (document, &options);

  if ((info = run_tool (bytes, "pdfinfo", NULL, NULL)) == NULL)
    return;
  g_test_message ("%s", info);
  value = test_info_field (info, "Title");
  g_assert_cmpstr (value, ==, "周末露营");
  g_clear_pointer (&value, g_free);
  value = test_info_field (info, "Author");
  g_assert_cmpstr (value, ==, "体验团队 CX");
  g_clear_pointer (&value, g_free);
  value = test_info_field (info, "Subject");
  g_assert_true (g_str_has_prefix (value, "一个周末，和三五好友从城市开车进山"));
  g_clear_pointer (&value, g_free);
  value = test_info_field (info, "Creator");
  g_assert_true (g_str_has_prefix (value, "Waymark 0."));
  g_clear_pointer (&value, g_free);
  value = test_info_field (info, "CreationDate");
  g_assert_nonnull (value);
  g_assert_cmpuint (strlen (value), >, 10);
  g_clear_pointer (&value, g_free);

  /* Every font embedded (as subsets), the CJK ones included. */
  if ((fonts = run_tool (bytes, "pdffonts", NULL, NULL)) == NULL)
    return;
  lines = g_strsplit (fonts, "\n", -1);
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) split = NULL;
      g_autoptr(GPtrArray) words = g_ptr_array_new ();
      guint n;

      if (*lines[i] == '\0')
        continue;
      /* name type… encoding emb sub uni object ID: emb is 5th from the end. */
      split = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      for (guint w = 0; split[w] != NULL; w++)
        if (*split[w] != '\0')
          g_ptr_array_add (words, split[w]);
      n = words->len;
      g_assert_cmpuint (n, >=, 7);
      g_assert_cmpstr (g_ptr_array_index (words, n - 5), ==, "yes");
      n_fonts++;
    }
  g_test_message ("%u fonts", n_fonts);
  g_assert_cmpuint (n_fonts, >=, 2);
  g_assert_nonnull (strstr (fonts, "CJK"));

  g_clear_pointer (&bytes, g_bytes_unref);

  /* Without --author: the user's name. */
  options.author = NULL;
  bytes = export_bytes (document, &options);
  g_clear_pointer (&info, g_free);
  info = run_tool (bytes, "pdfinfo", NULL, NULL);
  value = test_info_field (info, "Author");
  if (g_strcmp0 (g_get_real_name (), "Unknown") != 0)
    g_assert_cmpstr (value, ==, g_get_real_name ());

  g_clear_pointer (&bytes, g_bytes_unref);
  g_assert_finalize_object (g_steal_pointer (&document));
}

/* Bookmarks: the summary, each stage where it begins, each sheet. */
static void
test_outline (void)
{
  g_autoptr(WmDocument) document = test_load_template ("en", "camping.waymark");
  g_autoptr(WmPagePlan) plan = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *outline = NULL;
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  const char *stages[] = { "Research", "Booking", "At the camp", "Leaving", "Sharing" };
  guint n, n_summary, last_page = 0;

  options.summary = TRUE;
  options.page = WM_PAGE_POSTER_A4;
  plan = wm_page_plan_new (document, &options, 0, 0, NULL);
  n = wm_page_plan_get_n_pages (plan);
  n_summary = wm_page_plan_get_n_summary_pages (plan);
  bytes = export_bytes (document, &options);
  g_assert_cmpuint (count_pdf_pages (bytes), ==, n);

  /* Titles are plain literals for ASCII: the scan needs no tool. */
  g_assert_true (bytes_contain (bytes, "/Title (Summary)"));
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_autofree char *title = g_strdup_printf ("/Title (%s)", stages[i]);

      g_assert_true (bytes_contain (bytes, title));
    }
  g_assert_cmpuint (count_occurrences (bytes, "/Dest ["), ==, 1 + 2 + G_N_ELEMENTS (stages) + (n - n_summary));

  if ((outline = run_tool (bytes, "mutool", "show", "outline")) == NULL)
    return;
  g_test_message ("%s", outline);
  g_assert_nonnull (strstr (outline, "\"Summary\"\t#page=1&"));
  /* Each stage on the sheet where its column begins, in reading order. */
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_autofree char *entry = g_strdup_printf ("\"%s\"\t#page=", stages[i]);
      const char *p = strstr (outline, entry);
      guint page, expected;
      double x, y;

      g_assert_nonnull (p);
      page = (guint) g_ascii_strtoull (p + strlen (entry), NULL, 10);
      g_assert_true (wm_page_plan_find_stage (plan, i, &expected, &x, &y));
      g_assert_cmpuint (page, ==, expected + 1);
      g_assert_cmpuint (page, >, n_summary);
      g_assert_cmpuint (page, >=, last_page);
      last_page = page;
    }
  g_assert_cmpuint (last_page, >, n_summary + 1);
  for (guint i = n_summary; i < n; i++)
    {
      g_autofree char *entry = g_strdup_printf ("\"%u / %u: ", i - n_summary + 1, n - n_summary);

      g_assert_nonnull (strstr (outline, entry));
    }

  g_clear_pointer (&plan, wm_page_plan_free);
  g_clear_pointer (&bytes, g_bytes_unref);
  g_assert_finalize_object (g_steal_pointer (&document));
}

/* The plan the printer uses: paper given in points = the same paper named. */
static void
test_page_plan (void)
{
  g_autoptr(WmDocument) document = build_map (20);
  g_autoptr(WmPagePlan) named = NULL;
  g_autoptr(WmPagePlan) given = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *title = NULL;
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  guint n, page, last = 0;
  double w, h, x, y;

  options.page = WM_PAGE_POSTER_A4;
  options.landscape = TRUE;
  named = wm_page_plan_new (document, &options, 0, 0, NULL);
  options.landscape = FALSE;
  given = wm_page_plan_new (document, &options, A4_H, A4_W, NULL);

  n = wm_page_plan_get_n_pages (named);
  g_assert_cmpuint (n, >, 2);
  g_assert_cmpuint (wm_page_plan_get_n_pages (given), ==, n);
  wm_page_plan_get_page_size (given, n - 1, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, A4_H, 0.01);
  g_assert_cmpfloat_with_epsilon (h, A4_W, 0.01);
  title = wm_page_plan_dup_page_title (given, 1);
  g_assert_true (g_str_has_prefix (title, "2 / "));

  options.landscape = TRUE;
  bytes = export_bytes (document, &options);
  g_assert_cmpuint (count_pdf_pages (bytes), ==, n);

  for (guint s = 0; s < 20; s++)
    {
      g_assert_true (wm_page_plan_find_stage (given, s, &page, &x, &y));
      g_assert_cmpuint (page, >=, last);
      g_assert_cmpfloat (x, >=, 0);
      g_assert_cmpfloat (x, <, A4_H);
      last = page;
    }
  g_assert_cmpuint (last, >, 0);

  g_clear_pointer (&named, wm_page_plan_free);
  g_clear_pointer (&given, wm_page_plan_free);
  g_clear_pointer (&bytes, g_bytes_unref);
  g_assert_finalize_object (g_steal_pointer (&document));
}

/* 4,800 moments on one stage: their callouts stack into a column 100,000
 * points tall, and each leader reaches down to its callout. Dashed all
 * the way, cairo's PDF and SVG backends cut every leader into its dashes
 * to find its extents: 7.9 s for the PDF, 3.1 s for the SVG. */
static void
test_many_moments (void)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
                                         "  <title>Many moments</title>\n"
                                         "  <persona id=\"p\"/>\n"
                                         "  <stage id=\"s1\"/><stage id=\"s2\"/>\n"
                                         "  <lane id=\"e\" kind=\"emotion\"/>\n"
                                         "  <curve persona=\"p\"><point stage=\"s1\" value=\"1\"/>"
                                         "<point stage=\"s2\" value=\"-1\"/></curve>\n");
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  const WmExportFormat formats[] = { WM_EXPORT_PDF, WM_EXPORT_SVG };

  for (guint i = 0; i < 4800; i++)
    g_string_append_printf (xml, "  <moment id=\"m%u\" kind=\"%s\" persona=\"p\" stage=\"s1\" at=\"%.4f\"/>\n",
                            i, i % 2 ? "aha" : "micro", (i % 97) / 97.0);
  g_string_append (xml, "</map>\n");
  document = wm_reader_load_data (xml->str, xml->len, "moments.waymark", &error);
  g_assert_no_error (error);

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autoptr(TestCpuTimer) timer = test_cpu_timer_new ();
      g_autoptr(GBytes) bytes = NULL;
      WmExportOptions options = WM_EXPORT_OPTIONS_INIT;

      options.format = formats[f];
      bytes = wm_export_to_bytes (document, &options, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_test_message ("%s: %" G_GSIZE_FORMAT " bytes in %.2f s", wm_export_format_to_extension (formats[f]),
                      g_bytes_get_size (bytes), test_cpu_timer_elapsed (timer));
    }
}

static cairo_status_t
read_bytes_cb (void          *closure,
               unsigned char *data,
               unsigned int   length)
{
  GInputStream *in = closure;

  return g_input_stream_read_all (in, data, length, NULL, NULL, NULL) ? CAIRO_STATUS_SUCCESS
                                                                       : CAIRO_STATUS_READ_ERROR;
}

static cairo_surface_t *
png_surface (GBytes *bytes)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_bytes (bytes);

  return cairo_image_surface_create_from_png_stream (read_bytes_cb, in);
}

static void
test_png_width_background (void)
{
  g_autoptr(WmDocument) document = build_map (3);
  g_autoptr(GBytes) bytes = NULL;
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  cairo_surface_t *image;
  guint pw, ph;
  double w, h;

  map_size (document, &w, &h);
  options.format = WM_EXPORT_PNG;
  options.width = 1920;
  options.dpi = 300;   /* the width wins */
  bytes = export_bytes (document, &options);
  png_dimensions (bytes, &pw, &ph);
  g_assert_cmpuint (pw, ==, 1920);
  g_assert_cmpfloat_with_epsilon (ph, h * 1920 / w, 1.0);
  /* Solid: an RGB image (colour type 2), no alpha. */
  g_assert_cmpuint (((const guchar *) g_bytes_get_data (bytes, NULL))[25], ==, 2);
  g_clear_pointer (&bytes, g_bytes_unref);

  options.transparent = TRUE;
  bytes = export_bytes (document, &options);
  g_assert_cmpuint (((const guchar *) g_bytes_get_data (bytes, NULL))[25], ==, 6);
  image = png_surface (bytes);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_format (image), ==, CAIRO_FORMAT_ARGB32);
  {
    const guint32 *corner = (const guint32 *) cairo_image_surface_get_data (image);
    const guint32 *middle = (const guint32 *) (cairo_image_surface_get_data (image) +
                                               cairo_image_surface_get_stride (image) * (ph / 2)) + pw / 2;
    guint opaque = 0;

    /* The margin is see-through; the cards are not. */
    g_assert_cmpuint (corner[0] >> 24, ==, 0);
    for (guint x = 0; x < pw / 2; x++)
      if (middle[x] >> 24 == 255)
        opaque++;
    g_assert_cmpuint (opaque, >, 0);
  }
  cairo_surface_destroy (image);
  g_clear_pointer (&bytes, g_bytes_unref);

  options.width = 40000;
  g_assert_null (wm_export_to_bytes (document, &options, NULL, NULL, NULL, NULL));

  g_assert_finalize_object (g_steal_pointer (&document));
}

/* The image is whole pixels and the map is not: the last row and
 * column must still be the background, not a grey seam. */
static void
assert_edges_are_background (cairo_surface_t *image,
                             guint32          background)
{
  const guchar *data = cairo_image_surface_get_data (image);
  int stride = cairo_image_surface_get_stride (image);
  int w = cairo_image_surface_get_width (image);
  int h = cairo_image_surface_get_height (image);

  for (int x = 0; x < w; x++)
    g_assert_cmphex (((const guint32 *) (data + stride * (h - 1)))[x] & 0xFFFFFF, ==, background);
  for (int y = 0; y < h; y++)
    g_assert_cmphex (((const guint32 *) (data + stride * y))[w - 1] & 0xFFFFFF, ==, background);
}

static void
test_png_edges (void)
{
  const struct { WmTheme theme; guint32 background; } themes[] = {
    { WM_THEME_LIGHT, 0xFFFFFF }, { WM_THEME_DARK, 0x1E1E1E },
  };
  const double dpis[] = { 96, 100, 73 };

  for (guint n = 2; n <= 5; n += 3)
    for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
      for (guint d = 0; d < G_N_ELEMENTS (dpis); d++)
        {
          g_autoptr(WmDocument) document = build_map (n);
          g_autoptr(GBytes) bytes = NULL;
          WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
          cairo_surface_t *image;

          options.format = WM_EXPORT_PNG;
          options.theme = themes[t].theme;
          options.dpi = dpis[d];
          bytes = export_bytes (document, &options);
          image = png_surface (bytes);
          assert_edges_are_background (image, themes[t].background);
          cairo_surface_destroy (image);
        }
}

static double
poster_cpu_seconds (WmDocument *document)
{
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  g_autoptr(TestCpuTimer) timer = NULL;
  g_autoptr(GBytes) bytes = NULL;

  options.format = WM_EXPORT_PDF;
  options.page = WM_PAGE_POSTER_A4;
  timer = test_cpu_timer_new ();
  bytes = export_bytes (document, &options);
  return test_cpu_timer_elapsed (timer);
}

/* Moments stacked under one stage cost a poster no more than as many
 * cards: their long leaders share one trunk per marker instead of each
 * crossing every sheet below (3,000 took 3.5 times the cards' time). */
static void
test_poster_many_moments (void)
{
  g_autoptr(WmDocument) cards = build_map (1000);
  g_autoptr(WmDocument) moments = build_map (1);
  double t_cards, t_moments;

  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *id = g_strdup_printf ("m%u", i);
      g_autofree char *text = g_strdup_printf ("Moment %u: the queue moved", i);
      g_autoptr(WmMoment) moment = wm_moment_new (id, i % 2 ? WM_MOMENT_AHA : WM_MOMENT_MICRO, "p", "s0");

      wm_moment_set_at (moment, (i % 11) / 10.0);
      wm_moment_set_text (moment, text);
      g_list_store_append (wm_document_get_moments (moments), moment);
    }
  g_assert_cmpuint (wm_document_count_cards (cards), ==, 3000);

  t_cards = poster_cpu_seconds (cards);
  t_moments = poster_cpu_seconds (moments);
  /* Reported only: the budget (moments ≤ 2 × cards + 0.2 s) is a row of
   * `make bench` (tests/bench/run-guards-bench.sh). */
  g_test_message ("A4 poster: 3,000 cards %.2f s, 3,000 moments on one stage %.2f s of CPU",
                  t_cards, t_moments);
}

/* A PNG that would be too large is refused from the map's counts,
 * before layout: 60,000 moments on one stage are a minute's layout away
 * from the old refusal. */
static void
test_png_refused_before_layout (void)
{
  g_autoptr(WmDocument) document = build_map (2);
  g_autoptr(TestCpuTimer) timer = NULL;
  g_autoptr(GError) error = NULL;
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  GBytes *bytes;

  for (guint i = 0; i < 60000; i++)
    {
      g_autofree char *id = g_strdup_printf ("m%u", i);
      g_autoptr(WmMoment) moment = wm_moment_new (id, i % 2 ? WM_MOMENT_AHA : WM_MOMENT_MICRO, "p", "s1");

      g_list_store_append (wm_document_get_moments (document), moment);
    }

  options.format = WM_EXPORT_PNG;
  timer = test_cpu_timer_new ();
  bytes = wm_export_to_bytes (document, &options, NULL, NULL, NULL, &error);
  g_test_message ("refused in %.2f s of CPU: %s", test_cpu_timer_elapsed (timer),
                  error != NULL ? error->message : "");
  g_assert_null (bytes);
  g_assert_error (error, WM_ERROR, WM_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "at least"));

  /* The floor never refuses what fits: the same map without them. */
  g_list_store_remove_all (wm_document_get_moments (document));
  bytes = wm_export_to_bytes (document, &options, NULL, NULL, NULL, NULL);
  g_assert_nonnull (bytes);
  g_bytes_unref (bytes);
}

typedef struct
{
  double x0, y0, x1, y1;
  char  *word;
} WordBox;

static void
word_box_clear (WordBox *box)
{
  g_free (box->word);
}

/* Fails when two words that pdftotext found on one page overlap: the
 * summary once printed a wrapped pain's detail line over the next pain. */
static void
assert_no_overlapping_text (GBytes     *pdf,
                            const char *what)
{
  g_autofree char *dir = g_dir_make_tmp ("waymark-bbox-XXXXXX", NULL);
  g_autofree char *input = g_build_filename (dir, "in.pdf", NULL);
  g_autofree char *html = NULL;
  g_autoptr(GRegex) page_re = g_regex_new ("<page .*?</page>", G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GRegex) word_re = g_regex_new ("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" "
                                           "xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)</word>",
                                           0, 0, NULL);
  g_autoptr(GMatchInfo) page = NULL;
  const char *argv[] = { "pdftotext", "-bbox", input, "-", NULL };
  guint n_page = 0;

  g_assert_true (test_have_tool ("pdftotext"));
  g_assert_true (g_file_set_contents (input, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
  html = test_run_ok (NULL, argv, NULL, NULL);

  for (g_regex_match (page_re, html, 0, &page); g_match_info_matches (page); g_match_info_next (page, NULL))
    {
      g_autofree char *text = g_match_info_fetch (page, 0);
      g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (WordBox));
      g_autoptr(GMatchInfo) m = NULL;

      g_array_set_clear_func (words, (GDestroyNotify) word_box_clear);
      n_page++;
      for (g_regex_match (word_re, text, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
        {
          WordBox box;
          g_autofree char *x0 = g_match_info_fetch (m, 1), *y0 = g_match_info_fetch (m, 2);
          g_autofree char *x1 = g_match_info_fetch (m, 3), *y1 = g_match_info_fetch (m, 4);

          box.x0 = g_ascii_strtod (x0, NULL);
          box.y0 = g_ascii_strtod (y0, NULL);
          box.x1 = g_ascii_strtod (x1, NULL);
          box.y1 = g_ascii_strtod (y1, NULL);
          box.word = g_match_info_fetch (m, 5);
          g_array_append_val (words, box);
        }

      for (guint i = 0; i < words->len; i++)
        for (guint j = i + 1; j < words->len; j++)
          {
            const WordBox *a = &g_array_index (words, WordBox, i);
            const WordBox *b = &g_array_index (words, WordBox, j);
            double ox = MIN (a->x1, b->x1) - MAX (a->x0, b->x0);
            double oy = MIN (a->y1, b->y1) - MAX (a->y0, b->y0);

            if (ox > 0.5 && oy > 0.5)
              g_error ("%s, page %u: “%s” at (%.1f, %.1f) overlaps “%s” at (%.1f, %.1f)",
                       what, n_page, a->word, a->x0, a->y0, b->word, b->x0, b->y0);
          }
    }
  g_assert_cmpuint (n_page, >, 1);
  test_remove_tree (dir);
}

/* Pains, opportunities and moments whose texts grow a word at a time, so
 * that some wrap just at the edge of each indent. */
static WmDocument *
build_wordy_map (void)
{
  WmDocument *document = build_map (4);
  WmLane *pains = g_list_model_get_item (G_LIST_MODEL (wm_document_get_lanes (document)), 3);
  GString *text = g_string_new ("The");

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", i);
      g_autoptr(WmCard) card = NULL;

      g_string_append (text, i % 3 ? " campsite" : " charcoal");
      card = wm_card_new (id, "s1", text->str);
      wm_card_set_severity (card, 1 + i % 5);
      wm_card_set_frequency (card, 40 - i);
      g_list_store_append (wm_lane_get_cards (pains), card);
    }
  g_string_free (text, TRUE);
  g_object_unref (pains);
  return document;
}

static void
test_summary_no_overlap (void)
{
  const char *langs[] = { "en", "zh-CN" };
  const char *names[] = { "camping.waymark", "customer-service.waymark", "b2b-services.waymark",
                          "insurance.waymark" };
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  g_autoptr(WmDocument) wordy = build_wordy_map ();
  g_autoptr(GBytes) bytes = NULL;

  options.format = WM_EXPORT_PDF;
  options.page = WM_PAGE_A4;
  options.summary = TRUE;

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    for (guint n = 0; n < G_N_ELEMENTS (names); n++)
      {
        g_autoptr(WmDocument) document = test_load_template (langs[l], names[n]);
        g_autoptr(GBytes) pdf = export_bytes (document, &options);
        g_autofree char *what = g_strdup_printf ("%s/%s", langs[l], names[n]);

        assert_no_overlapping_text (pdf, what);
        if (l == 0 && n == 0)
          {
            g_autofree char *first = pdf_page_text (pdf, 1);

            g_assert_nonnull (strstr (first, "Summary · 5 stages · 1 persona · 42 cards"));
          }
      }

  bytes = export_bytes (wordy, &options);
  assert_no_overlapping_text (bytes, "wordy map");
}

/* The SVG as rsvg (what Inkscape and GNOME use) draws it = the PDF as
 * poppler draws it, at the same size. */
static void
test_svg_matches_pdf (void)
{
  g_autoptr(WmDocument) document = test_load_template ("zh-CN", "camping.waymark");
  g_autofree char *rsvg = g_find_program_in_path ("rsvg-convert");
  g_autofree char *ppm = g_find_program_in_path ("pdftoppm");
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GBytes) dark_svg = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *width = NULL;
  g_autofree char *height = NULL;
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  cairo_surface_t *from_svg, *from_dark, *from_pdf;
  double w, h, same, other;

  if (rsvg == NULL || ppm == NULL)
    {
      g_test_skip ("rsvg-convert or pdftoppm is not installed");
      return;
    }

  /* 63.5 dpi: the PDF's 8 mm margin is exactly 20 pixels. */
  map_size (document, &w, &h);
  width = g_strdup_printf ("%d", (int) floor (w * 63.5 / 72));
  height = g_strdup_printf ("%d", (int) floor (h * 63.5 / 72));

  options.format = WM_EXPORT_SVG;
  svg = export_bytes (document, &options);
  options.theme = WM_THEME_DARK;
  dark_svg = export_bytes (document, &options);
  options.theme = WM_THEME_LIGHT;
  options.format = WM_EXPORT_PDF;
  pdf = export_bytes (document, &options);

  from_svg = render_with (svg, "map.svg", (const char *[]) { "rsvg-convert", "-w", width, "-h", height,
                                                             "-o", "OUT", "IN", NULL });
  from_dark = render_with (dark_svg, "map.svg", (const char *[]) { "rsvg-convert", "-w", width, "-h", height,
                                                                   "-o", "OUT", "IN", NULL });
  from_pdf = render_with (pdf, "map.pdf", (const char *[]) { "pdftoppm", "-r", "63.5", "-x", "20", "-y", "20",
                                                             "-W", width, "-H", height, "-png", "-singlefile",
                                                             "IN", "OUT", NULL });

  g_assert_cmpint (cairo_image_surface_get_width (from_svg), ==, atoi (width));
  g_assert_cmpint (cairo_image_surface_get_width (from_pdf), ==, atoi (width));
  same = mean_difference (from_svg, from_pdf, 4);
  other = mean_difference (from_dark, from_pdf, 4);
  g_test_message ("%s × %s px: SVG vs PDF %.2f, dark SVG vs PDF %.2f (of 255)", width, height, same, other);
  g_assert_cmpfloat (same, <, 2.0);
  /* The measure does see a different picture. */
  g_assert_cmpfloat (other, >, 20.0);

  cairo_surface_destroy (from_svg);
  cairo_surface_destroy (from_dark);
  cairo_surface_destroy (from_pdf);
  g_assert_finalize_object (g_steal_pointer (&document));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/Export/names", test_names);
  g_test_add_func ("/Waymark/Export/pdf-fit", test_pdf_fit);
  g_test_add_func ("/Waymark/Export/pdf-paper", test_pdf_paper);
  g_test_add_func ("/Waymark/Export/pdf-poster", test_pdf_poster);
  g_test_add_func ("/Waymark/Export/pdf-poster-rows", test_pdf_poster_rows);
  g_test_add_func ("/Waymark/Export/svg", test_svg);
  g_test_add_func ("/Waymark/Export/png-size", test_png_size);
  g_test_add_func ("/Waymark/Export/png-too-large", test_png_too_large);
  g_test_add_func ("/Waymark/Export/atomic", test_atomic);
  g_test_add_func ("/Waymark/Export/streamed-half-way", test_streamed_half_way);
  g_test_add_func ("/Waymark/Export/unknown-persona", test_unknown_persona);
  g_test_add_func ("/Waymark/Export/chinese-text", test_chinese_text);
  g_test_add_func ("/Waymark/Export/every-template", test_every_template);
  g_test_add_func ("/Waymark/Export/summary-rank", test_summary_rank);
  g_test_add_func ("/Waymark/Export/summary-pdf", test_summary_pdf);
  g_test_add_func ("/Waymark/Export/summary-flows", test_summary_flows);
  g_test_add_func ("/Waymark/Export/metadata", test_metadata);
  g_test_add_func ("/Waymark/Export/outline", test_outline);
  g_test_add_func ("/Waymark/Export/page-plan", test_page_plan);
  g_test_add_func ("/Waymark/Export/many-moments", test_many_moments);
  g_test_add_func ("/Waymark/Export/png-width-background", test_png_width_background);
  g_test_add_func ("/Waymark/Export/png-edges", test_png_edges);
  g_test_add_func ("/Waymark/Export/png-refused-before-layout", test_png_refused_before_layout);
  g_test_add_func ("/Waymark/Export/poster-many-moments", test_poster_many_moments);
  g_test_add_func ("/Waymark/Export/summary-no-overlap", test_summary_no_overlap);
  g_test_add_func ("/Waymark/Export/svg-matches-pdf", test_svg_matches_pdf);

  return g_test_run ();
}
