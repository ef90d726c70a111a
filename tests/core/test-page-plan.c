/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-page-plan: the sheets of a PDF export or a print job. */
#include "config.h"

#include <string.h>

#include <cairo-pdf.h>

#include "wm-card.h"
#include "wm-error.h"
#include "wm-lane.h"
#include "wm-layout-private.h"
#include "wm-page-plan-private.h"
#include "wm-persona.h"
#include "wm-stage.h"

#define MM (72.0 / 25.4)

static WmDocument *
small_map (guint n_stages)
{
  WmDocument *document = wm_document_new ();
  g_autoptr(WmLane) lane = wm_lane_new ("l1", WM_LANE_ACTIONS, "Actions");
  g_autoptr(WmPersona) persona = wm_persona_new ("camper");

  wm_document_set_title (document, "Weekend camping");
  wm_persona_set_name (persona, "City Camper");
  g_list_store_append (wm_document_get_personas (document), persona);
  for (guint i = 0; i < n_stages; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      g_autoptr(WmStage) stage = wm_stage_new (id, id);
      g_autoptr(WmCard) card = wm_card_new (NULL, id, "Look for a site");

      g_list_store_append (wm_document_get_stages (document), stage);
      g_list_store_append (wm_lane_get_cards (lane), card);
    }
  g_list_store_append (wm_document_get_lanes (document), lane);
  return document;
}

static WmPagePlan *
plan_ok (WmDocument            *document,
         const WmExportOptions *options,
         double                 width,
         double                 height)
{
  g_autoptr(GError) error = NULL;
  WmPagePlan *plan = wm_page_plan_new (document, options, width, height, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

/* "fit": one sheet the map's size, every stage on it; NULL options are
 * the defaults. */
static void
test_page_plan_fit (void)
{
  g_autoptr(WmDocument) document = small_map (3);
  g_autoptr(WmPagePlan) plan = plan_ok (document, NULL, 0, 0);
  double w = 0, h = 0, x, y;
  guint page = 99;

  g_assert_cmpuint (wm_page_plan_get_n_pages (plan), ==, 1);
  g_assert_cmpuint (wm_page_plan_get_n_summary_pages (plan), ==, 0);
  wm_page_plan_get_page_size (plan, 0, &w, &h);
  g_assert_cmpfloat (w, >, 100);
  g_assert_cmpfloat (h, >, 50);

  g_assert_true (wm_page_plan_find_stage (plan, 2, &page, &x, &y));
  g_assert_cmpuint (page, ==, 0);
  g_assert_cmpfloat (x, >, 0);
  g_assert_cmpfloat (x, <, w);
  g_assert_false (wm_page_plan_find_stage (plan, 3, &page, &x, &y));

  g_clear_pointer (&plan, wm_page_plan_free);
  g_assert_finalize_object (g_steal_pointer (&document));
}

/* A named paper has its size, turned for landscape; a sheet size given
 * (a printer's paper) wins over it. */
static void
test_page_plan_paper (void)
{
  g_autoptr(WmDocument) document = small_map (3);
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  g_autoptr(WmPagePlan) a4 = NULL;
  g_autoptr(WmPagePlan) turned = NULL;
  g_autoptr(WmPagePlan) given = NULL;
  double w, h;

  options.page = WM_PAGE_A4;
  a4 = plan_ok (document, &options, 0, 0);
  wm_page_plan_get_page_size (a4, 0, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 210 * MM, 0.01);
  g_assert_cmpfloat_with_epsilon (h, 297 * MM, 0.01);

  options.landscape = TRUE;
  turned = plan_ok (document, &options, 0, 0);
  wm_page_plan_get_page_size (turned, 0, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 297 * MM, 0.01);
  g_assert_cmpfloat_with_epsilon (h, 210 * MM, 0.01);

  options.page = WM_PAGE_LETTER;
  options.landscape = FALSE;
  given = plan_ok (document, &options, 500, 700);
  wm_page_plan_get_page_size (given, 0, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 500, 0.01);
  g_assert_cmpfloat_with_epsilon (h, 700, 0.01);

  g_clear_pointer (&a4, wm_page_plan_free);
  g_clear_pointer (&turned, wm_page_plan_free);
  g_clear_pointer (&given, wm_page_plan_free);
  g_assert_finalize_object (g_steal_pointer (&document));
}

/* Summary sheets come first (A4 portrait for a "fit" export), then the
 * map's, and stages are found on the map's sheets. */
static void
test_page_plan_summary (void)
{
  g_autoptr(WmDocument) document = small_map (3);
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  g_autoptr(WmPagePlan) plan = NULL;
  g_autofree char *summary_title = NULL;
  g_autofree char *map_title = NULL;
  guint n_summary, page;
  double w, h, x, y;

  options.summary = TRUE;
  plan = plan_ok (document, &options, 0, 0);
  n_summary = wm_page_plan_get_n_summary_pages (plan);
  g_assert_cmpuint (n_summary, >=, 1);
  g_assert_cmpuint (wm_page_plan_get_n_pages (plan), ==, n_summary + 1);

  wm_page_plan_get_page_size (plan, 0, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 210 * MM, 0.01);
  g_assert_cmpfloat_with_epsilon (h, 297 * MM, 0.01);

  g_assert_true (wm_page_plan_find_stage (plan, 0, &page, &x, &y));
  g_assert_cmpuint (page, ==, n_summary);

  summary_title = wm_page_plan_dup_page_title (plan, 0);
  map_title = wm_page_plan_dup_page_title (plan, n_summary);
  g_assert_nonnull (summary_title);
  g_assert_nonnull (map_title);
  g_assert_cmpstr (summary_title, !=, map_title);

  g_clear_pointer (&plan, wm_page_plan_free);
  g_assert_finalize_object (g_steal_pointer (&document));
}

/* A poster of a wide map tiles it: several sheets, stages found in
 * order, each sheet drawn without a cairo error. */
static void
test_page_plan_poster (void)
{
  g_autoptr(WmDocument) document = small_map (24);
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  g_autoptr(WmPagePlan) plan = NULL;
  guint n, page, last = 0;
  double x, y;

  options.page = WM_PAGE_POSTER_A4;
  plan = plan_ok (document, &options, 0, 0);
  n = wm_page_plan_get_n_pages (plan);
  g_assert_cmpuint (n, >, 1);

  for (guint s = 0; s < 24; s++)
    {
      g_assert_true (wm_page_plan_find_stage (plan, s, &page, &x, &y));
      g_assert_cmpuint (page, >=, last);
      last = page;
    }
  g_assert_cmpuint (last, >, 0);

  for (guint i = 0; i < n; i++)
    {
      double w, h;
      cairo_surface_t *surface;
      cairo_t *cr;

      wm_page_plan_get_page_size (plan, i, &w, &h);
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w / 4, h / 4);
      cr = cairo_create (surface);
      cairo_scale (cr, 0.25, 0.25);
      wm_page_plan_draw_page (plan, i, cr);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }

  g_clear_pointer (&plan, wm_page_plan_free);
  g_assert_finalize_object (g_steal_pointer (&document));
}

/* --persona takes an id or a name, any case; an unknown one is an error
 * that lists the personas there are. */
static void
test_page_plan_persona (void)
{
  g_autoptr(WmDocument) document = small_map (2);
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "camper", "City Camper", "city camper" };
  WmPagePlan *plan;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      options.persona = names[i];
      plan = plan_ok (document, &options, 0, 0);
      wm_page_plan_free (plan);
    }

  options.persona = "nobody";
  plan = wm_page_plan_new (document, &options, 0, 0, &error);
  g_assert_null (plan);
  g_assert_error (error, WM_ERROR, WM_ERROR_REFERENCE);
  g_assert_nonnull (strstr (error->message, "“nobody”"));
  g_assert_nonnull (strstr (error->message, "camper (City Camper)"));

  g_assert_finalize_object (g_steal_pointer (&document));
}

/* A sheet's outline entry names up to four stages: each on one line and
 * short, however long the stage titles (20,000 letters and line breaks
 * each made a poster's outline 70 MB). */
static void
test_page_plan_titles_clipped (void)
{
  g_autoptr(WmDocument) document = small_map (20);
  g_autoptr(WmPagePlan) plan = NULL;
  g_autoptr(GString) long_title = g_string_new (NULL);
  GListModel *stages = G_LIST_MODEL (wm_document_get_stages (document));
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  guint n;

  for (guint i = 0; i < 10000; i++)
    g_string_append (long_title, "a\n");
  for (guint s = 0; s < g_list_model_get_n_items (stages); s++)
    {
      g_autoptr(WmStage) stage = g_list_model_get_item (stages, s);

      wm_stage_set_title (stage, long_title->str);
    }

  options.page = WM_PAGE_POSTER_A4;
  plan = wm_page_plan_new (document, &options, 0, 0, NULL);
  n = wm_page_plan_get_n_pages (plan);
  g_assert_cmpuint (n, >, 2);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = wm_page_plan_dup_page_title (plan, i);

      g_assert_null (strchr (title, '\n'));
      g_assert_cmpuint (g_utf8_strlen (title, -1), <, 5 * 210);
      g_assert_nonnull (strstr (title, "a a a a"));
      g_assert_nonnull (strstr (title, "…"));
    }

  g_clear_pointer (&plan, wm_page_plan_free);
  g_assert_finalize_object (g_steal_pointer (&document));
}

static cairo_status_t
discard_cb (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

/* An export draws each card's text once: its layout keeps a few short
 * lines shaped (tags, channels), not one PangoLayout per line drawn as
 * the canvas does (2,048 of them were 4 MB of a 2,000-card export). */
static void
test_page_plan_shapes_once (void)
{
  g_autoptr(WmDocument) document = small_map (0);
  WmLane *lane = g_list_model_get_item (G_LIST_MODEL (wm_document_get_lanes (document)), 0);
  g_autoptr(WmPagePlan) plan = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h;

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      g_autofree char *text = g_strdup_printf ("Looked for a site by the lake, %u", i);
      g_autoptr(WmStage) stage = wm_stage_new (id, id);
      g_autoptr(WmCard) card = wm_card_new (NULL, id, text);

      g_list_store_append (wm_document_get_stages (document), stage);
      g_list_store_append (wm_lane_get_cards (lane), card);
    }
  g_object_unref (lane);

  plan = plan_ok (document, NULL, 0, 0);
  wm_page_plan_get_page_size (plan, 0, &w, &h);
  surface = cairo_pdf_surface_create_for_stream (discard_cb, NULL, w, h);
  cr = cairo_create (surface);
  wm_page_plan_draw_page (plan, 0, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpuint (g_hash_table_size (plan->layout->shaped), <=, 256);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/PagePlan/fit", test_page_plan_fit);
  g_test_add_func ("/Waymark/PagePlan/paper", test_page_plan_paper);
  g_test_add_func ("/Waymark/PagePlan/summary", test_page_plan_summary);
  g_test_add_func ("/Waymark/PagePlan/poster", test_page_plan_poster);
  g_test_add_func ("/Waymark/PagePlan/persona", test_page_plan_persona);
  g_test_add_func ("/Waymark/PagePlan/titles-clipped", test_page_plan_titles_clipped);
  g_test_add_func ("/Waymark/PagePlan/shapes-once", test_page_plan_shapes_once);

  return g_test_run ();
}
