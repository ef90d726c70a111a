/* test-export.c - PDF, SVG and PNG exports */

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "wm-document.h"
#include "wm-error.h"
#include "wm-export.h"
#include "wm-layout.h"
#include "wm-reader.h"

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

static char *
datadir (void)
{
  const char *env = g_getenv ("WAYMARK_DATADIR");

  if (env != NULL)
    return g_strdup (env);
  return g_test_build_filename (G_TEST_DIST, "..", "..", "data", NULL);
}

static WmDocument *
load_template (const char *lang,
               const char *name)
{
  g_autofree char *dir = datadir ();
  g_autofree char *path = g_build_filename (dir, "templates", lang, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  WmDocument *document = wm_reader_load_file (file, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
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

  /* One outline entry per sheet, naming its stages. */
  g_assert_true (bytes_contain (bytes, "/Outlines"));
  g_assert_cmpuint (count_occurrences (bytes, "/Dest ["), ==, n);
  {
    g_autofree char *entry = g_strdup_printf ("/Title (2 / %u: Stage ", n);

    g_assert_true (bytes_contain (bytes, entry));
  }

  text = pdf_to_text (bytes);
  if (text != NULL)
    {
      g_autofree char *label = g_strdup_printf ("page 2 / %u", n);

      g_assert_nonnull (strstr (text, "Waymark · Wide map"));
      g_assert_nonnull (strstr (text, label));
      g_assert_nonnull (strstr (text, "stages 1–"));
    }

  g_clear_pointer (&bytes, g_bytes_unref);
  g_assert_finalize_object (g_steal_pointer (&document));
}

/* A tall map: rows of sheets too, each labelled with its place. */
static void
test_pdf_poster_rows (void)
{
  g_autoptr(WmDocument) document = load_template ("zh-CN", "camping.waymark");
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
  g_assert_cmpuint (count_occurrences (bytes, "/Dest ["), ==, n);

  text = pdf_to_text (bytes);
  if (text != NULL)
    {
      g_autofree char *label = g_strdup_printf ("page %u / %u", n, n);

      g_assert_nonnull (strstr (text, "Waymark · 周末露营 · page 1 / "));
      g_assert_nonnull (strstr (text, label));
      if (h * 0.9 > 297 * 72 / 25.4)
        g_assert_nonnull (strstr (text, "row 2, column 1"));
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
  g_autoptr(WmDocument) document = load_template ("zh-CN", "camping.waymark");
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
          g_autoptr(WmDocument) document = load_template (langs[l], file);
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
  g_test_add_func ("/Waymark/Export/unknown-persona", test_unknown_persona);
  g_test_add_func ("/Waymark/Export/chinese-text", test_chinese_text);
  g_test_add_func ("/Waymark/Export/every-template", test_every_template);

  return g_test_run ();
}
