/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-svg-text.c - the SVG export's real <text> */

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "../test-maps.h"
#include "test-raster.h"

#include "wm-document.h"
#include "wm-export.h"
#include "wm-layout.h"
#include "wm-render.h"
#include "wm-svg-text.h"

#include <cairo-svg.h>

static const char * const templates[] = {
  "b2b-services.waymark", "blank.waymark", "camping.waymark",
  "customer-service.waymark", "insurance.waymark",
};
static const char * const langs[] = { "en", "zh-CN" };

static GBytes *
export_svg (WmDocument *document,
            gboolean    paths)
{
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  options.format = WM_EXPORT_SVG;
  options.svg_paths = paths;
  bytes = wm_export_to_bytes (document, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static GBytes *
export_pdf (WmDocument *document)
{
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  GBytes *bytes = wm_export_to_bytes (document, &options, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return bytes;
}

/* What xmllint --noout does: parse, no network, no entities. */
static xmlDoc *
parse_svg (GBytes *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  xmlDoc *doc = xmlReadMemory (data, (int) len, "map.svg", NULL,
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

  g_assert_nonnull (doc);
  g_assert_cmpstr ((const char *) xmlDocGetRootElement (doc)->name, ==, "svg");
  return doc;
}

/* Every <text>'s content, in document order, white space dropped: a
 * card's lines follow one another, so its text is a substring. */
static void
collect_text (xmlNode *node,
              GString *out,
              guint   *n_text)
{
  for (xmlNode *n = node; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (xmlStrcmp (n->name, (const xmlChar *) "text") == 0)
        {
          g_autofree char *content = (char *) xmlNodeGetContent (n);

          for (const char *p = content; *p != '\0'; p++)
            if (!g_ascii_isspace (*p))
              g_string_append_c (out, *p);
          (*n_text)++;
        }
      collect_text (n->children, out, n_text);
    }
}

static char *
squeeze (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (s, *p);
  return g_string_free (s, FALSE);
}

static void
assert_cards_findable (WmDocument *document,
                       xmlDoc     *doc)
{
  g_autoptr(GString) all = g_string_new (NULL);
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (document));
  guint n_text = 0;

  collect_text (xmlDocGetRootElement (doc), all, &n_text);
  for (guint l = 0; l < g_list_model_get_n_items (lanes); l++)
    {
      g_autoptr(WmLane) lane = g_list_model_get_item (lanes, l);
      GListModel *cards = G_LIST_MODEL (wm_lane_get_cards (lane));

      for (guint c = 0; c < g_list_model_get_n_items (cards); c++)
        {
          g_autoptr(WmCard) card = g_list_model_get_item (cards, c);
          g_autofree char *want = squeeze (wm_card_get_text (card));

          if (strstr (all->str, want) == NULL)
            g_error ("card text “%s” is not in the SVG's text", wm_card_get_text (card));
        }
    }
}

/* No <script> (any case), no on* attribute, no href anywhere. */
static void
assert_inert (xmlNode *node)
{
  for (xmlNode *n = node; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      g_assert_cmpint (g_ascii_strcasecmp ((const char *) n->name, "script"), !=, 0);
      g_assert_cmpint (g_ascii_strcasecmp ((const char *) n->name, "foreignObject"), !=, 0);
      for (xmlAttr *a = n->properties; a != NULL; a = a->next)
        g_assert_false (g_ascii_strncasecmp ((const char *) a->name, "on", 2) == 0);
      assert_inert (n->children);
    }
}

/* rsvg's drawing of the text SVG = poppler's of the PDF, template by
 * template, Latin and Chinese; and it differs from a picture without the
 * text (the paths SVG with its text left out would be that) by far more. */
static void
test_matches_pdf (void)
{
  g_autofree char *rsvg = g_find_program_in_path ("rsvg-convert");
  g_autofree char *ppm = g_find_program_in_path ("pdftoppm");

  if (rsvg == NULL || ppm == NULL)
    {
      g_test_skip ("rsvg-convert or pdftoppm is not installed (build-aux/install-deps.sh)");
      return;
    }

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    for (guint t = 0; t < G_N_ELEMENTS (templates); t++)
      {
        g_autoptr(WmDocument) document = test_load_template (langs[l], templates[t]);
        g_autoptr(WmLayout) layout = wm_layout_new (document, WM_THEME_LIGHT);
        g_autoptr(GBytes) svg = export_svg (document, FALSE);
        g_autoptr(GBytes) paths = export_svg (document, TRUE);
        g_autoptr(GBytes) pdf = export_pdf (document);
        g_autofree char *width = NULL;
        g_autofree char *height = NULL;
        cairo_surface_t *from_svg, *from_paths, *from_pdf;
        double w, h, diff, exact;

        /* 63.5 dpi: the PDF's 8 mm margin is exactly 20 pixels. */
        wm_layout_get_size (layout, &w, &h);
        width = g_strdup_printf ("%d", (int) floor (w * 63.5 / 72));
        height = g_strdup_printf ("%d", (int) floor (h * 63.5 / 72));
        from_svg = render_with (svg, "map.svg", (const char *[]) { "rsvg-convert", "-w", width, "-h", height,
                                                                   "-o", "OUT", "IN", NULL });
        from_paths = render_with (paths, "map.svg", (const char *[]) { "rsvg-convert", "-w", width, "-h", height,
                                                                       "-o", "OUT", "IN", NULL });
        from_pdf = render_with (pdf, "map.pdf", (const char *[]) { "pdftoppm", "-r", "63.5", "-x", "20", "-y", "20",
                                                                   "-W", width, "-H", height, "-png", "-singlefile",
                                                                   "IN", "OUT", NULL });
        diff = mean_difference (from_svg, from_pdf, 4);
        exact = mean_difference (from_svg, from_paths, 4);
        g_test_message ("%s/%s: text SVG vs PDF %.3f, vs paths SVG %.3f (of 255)",
                        langs[l], templates[t], diff, exact);
        g_assert_cmpfloat (diff, <, 2.0);
        g_assert_cmpfloat (exact, <, 0.25);
        cairo_surface_destroy (from_svg);
        cairo_surface_destroy (from_paths);
        cairo_surface_destroy (from_pdf);
      }
}

/* Real text, valid, every card findable; glyph outlines only on request. */
static void
test_text_not_paths (void)
{
  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_autoptr(WmDocument) document = test_load_template (langs[l], "camping.waymark");
      g_autoptr(GBytes) text = export_svg (document, FALSE);
      g_autoptr(GBytes) paths = export_svg (document, TRUE);
      g_autofree char *lang = g_strdup_printf ("xml:lang=\"%s\"", wm_document_get_lang (document));
      xmlDoc *doc = parse_svg (text);
      xmlDoc *paths_doc = parse_svg (paths);
      g_autoptr(GString) paths_text = g_string_new (NULL);
      guint n_text = 0;

      g_test_message ("%s camping: text SVG %zu bytes, paths SVG %zu", langs[l],
                      g_bytes_get_size (text), g_bytes_get_size (paths));
      g_assert_cmpuint (g_bytes_get_size (text) * 3, <=, g_bytes_get_size (paths));
      assert_cards_findable (document, doc);
      g_assert_nonnull (g_strstr_len (g_bytes_get_data (text, NULL), g_bytes_get_size (text), lang));

      /* Every line found its marker: none left over, none put on top. */
      g_assert_null (g_strstr_len (g_bytes_get_data (text, NULL), g_bytes_get_size (text), "0.0078125"));
      g_assert_null (g_strstr_len (g_bytes_get_data (text, NULL), g_bytes_get_size (text), "<g>\n<text"));

      collect_text (xmlDocGetRootElement (paths_doc), paths_text, &n_text);
      g_assert_cmpuint (n_text, ==, 0);

      xmlFreeDoc (doc);
      xmlFreeDoc (paths_doc);
    }
}

static WmDocument *
hostile_map (const char * const *texts,
             guint               n)
{
  WmDocument *document = wm_document_new ();
  g_autoptr(WmStage) stage = wm_stage_new ("s", "<script>alert(1)</script>");
  g_autoptr(WmLane) lane = wm_lane_new ("l", WM_LANE_ACTIONS, "\" onload=\"alert(1)");

  wm_document_set_title (document, "]]><svg onload=alert(1)>");
  wm_document_set_lang (document, "en\" onload=\"alert(1)");
  g_list_store_append (wm_document_get_stages (document), stage);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      g_autoptr(WmCard) card = wm_card_new (id, "s", texts[i]);

      g_list_store_append (wm_lane_get_cards (lane), card);
    }
  g_list_store_append (wm_document_get_lanes (document), lane);
  return document;
}

/* Map text is only ever character data. */
static void
test_hostile (void)
{
  const char * const texts[] = {
    "<script>alert(1)</script>",
    "<svg onload=alert(1)>",
    "a ]]> b <![CDATA[ c",
    "\"quotes' & <amp;> &lt;",
    "<text onclick=\"x\">y</text>",
  };
  g_autoptr(WmDocument) document = hostile_map (texts, G_N_ELEMENTS (texts));
  g_autoptr(GBytes) svg = export_svg (document, FALSE);
  xmlDoc *doc = parse_svg (svg);

  assert_inert (xmlDocGetRootElement (doc));
  assert_cards_findable (document, doc);
  xmlFreeDoc (doc);
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Pixels inside @rect (shrunk by 2) that are not opaque red. */
static guint
count_not_red (cairo_surface_t         *image,
               const cairo_rectangle_t *rect)
{
  int stride = cairo_image_surface_get_stride (image);
  const guint8 *data = cairo_image_surface_get_data (image);
  guint n = 0;

  cairo_surface_flush (image);
  for (int y = (int) rect->y + 2; y < (int) (rect->y + rect->height) - 2; y++)
    for (int x = (int) rect->x + 2; x < (int) (rect->x + rect->width) - 2; x++)
      if (*(const guint32 *) (data + y * stride + 4 * x) != 0xffff0000)
        n++;
  return n;
}

/* What is drawn after a line covers it, in the text SVG as with glyphs:
 * the <text> goes where the renderer drew it, not on top of everything
 * (a callout over another, a card over a card). */
static void
test_stacking (void)
{
  const char * const texts[] = { "Covered text" };
  g_autoptr(WmDocument) document = hostile_map (texts, 1);
  g_autoptr(WmLayout) layout = wm_layout_new (document, WM_THEME_LIGHT);
  g_autoptr(WmCard) card = NULL;
  g_autoptr(WmLane) lane = g_list_model_get_item (G_LIST_MODEL (wm_document_get_lanes (document)), 0);
  g_autoptr(WmSvgText) text = wm_svg_text_new ("en");
  g_autoptr(GByteArray) svg = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *rsvg = g_find_program_in_path ("rsvg-convert");
  WmRenderOptions options = WM_RENDER_OPTIONS_INIT;
  cairo_rectangle_t rect;
  cairo_surface_t *surface;
  cairo_t *cr;
  const char *covered, *cover;
  double w, h;

  card = g_list_model_get_item (G_LIST_MODEL (wm_lane_get_cards (lane)), 0);
  wm_layout_get_size (layout, &w, &h);
  g_assert_true (wm_layout_get_item_rect (layout, G_OBJECT (card), &rect));
  surface = cairo_svg_surface_create_for_stream (append_cb, svg, w, h);
  cr = cairo_create (surface);
  wm_svg_text_attach (text, cr);
  wm_render (layout, cr, &options);
  /* Something opaque drawn later, over the card and its text. */
  cairo_rectangle (cr, rect.x, rect.y, rect.width, rect.height);
  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_assert_true (wm_svg_text_insert (text, svg, &error));
  g_assert_no_error (error);
  g_byte_array_append (svg, (const guint8 *) "", 1);

  covered = strstr ((const char *) svg->data, ">Covered text</text>");
  cover = strstr ((const char *) svg->data, "fill:rgb(100%,0%,0%)");
  g_assert_nonnull (covered);
  g_assert_nonnull (cover);
  g_assert_true (covered < cover);
  g_assert_null (strstr ((const char *) svg->data, "0.0078125"));

  if (rsvg != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (svg->data, svg->len - 1);
      g_autofree char *width = g_strdup_printf ("%d", (int) ceil (w));
      cairo_surface_t *image = render_with (bytes, "map.svg", (const char *[]) { "rsvg-convert", "-w", width,
                                                                                 "-o", "OUT", "IN", NULL });

      g_assert_cmpuint (count_not_red (image, &rect), ==, 0);
      cairo_surface_destroy (image);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/SvgText/text-not-paths", test_text_not_paths);
  g_test_add_func ("/Waymark/SvgText/hostile", test_hostile);
  g_test_add_func ("/Waymark/SvgText/stacking", test_stacking);
  g_test_add_func ("/Waymark/SvgText/matches-pdf", test_matches_pdf);

  return g_test_run ();
}
