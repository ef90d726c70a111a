/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-summary: the stakeholder summary's ranking and its sheets. */
#include "config.h"

#include <string.h>

#include "wm-card.h"
#include "wm-lane.h"
#include "wm-persona.h"
#include "wm-reader.h"
#include "wm-stage.h"
#include "wm-summary.h"

#define A4_W 595.0
#define A4_H 842.0

static WmLane *
add_lane (WmDocument *document,
          const char *id,
          WmLaneKind  kind)
{
  g_autoptr(WmLane) lane = wm_lane_new (id, kind, id);

  g_list_store_append (wm_document_get_lanes (document), lane);
  return lane;
}

static void
add_card (WmLane     *lane,
          const char *id,
          guint       severity,
          guint       frequency)
{
  g_autoptr(WmCard) card = wm_card_new (id, "s1", id);

  wm_card_set_severity (card, severity);
  wm_card_set_frequency (card, frequency);
  g_list_store_append (wm_lane_get_cards (lane), card);
}

static WmDocument *
small_map (void)
{
  WmDocument *document = wm_document_new ();
  g_autoptr(WmStage) stage = wm_stage_new ("s1", "Research");
  g_autoptr(WmPersona) persona = wm_persona_new ("p");

  wm_document_set_title (document, "Weekend camping");
  wm_document_set_scenario (document, "A rainy weekend");
  wm_persona_set_name (persona, "Camper");
  g_list_store_append (wm_document_get_stages (document), stage);
  g_list_store_append (wm_document_get_personas (document), persona);
  return document;
}

static char *
ranked_ids (GPtrArray *ranked)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < ranked->len; i++)
    g_string_append (out, wm_item_get_id (g_ptr_array_index (ranked, i)));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Only pains lanes count, all of them, in map order on ties; needs are
 * not pain points. */
static void
test_summary_rank_lanes (void)
{
  g_autoptr(WmDocument) document = small_map ();
  WmLane *pains = add_lane (document, "pains", WM_LANE_PAINS);
  WmLane *needs = add_lane (document, "needs", WM_LANE_NEEDS);
  WmLane *more = add_lane (document, "more", WM_LANE_PAINS);
  g_autoptr(GPtrArray) ranked = NULL;
  g_autofree char *ids = NULL;

  add_card (pains, "a", 2, 0);   /* 2 */
  add_card (pains, "b", 1, 3);   /* 3 */
  add_card (needs, "n", 5, 9);   /* not a pain */
  add_card (more, "c", 3, 1);    /* 3, after b in the map */
  add_card (more, "d", 2, 1);    /* 2, after a */

  ranked = wm_summary_rank_pains (document);
  ids = ranked_ids (ranked);
  g_assert_cmpstr (ids, ==, "bcad");

  g_clear_pointer (&ranked, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&document));
}

/* More ties than anything: the order must be the map's, whatever the
 * sort does with equal keys. */
static void
test_summary_rank_stable (void)
{
  g_autoptr(WmDocument) document = small_map ();
  WmLane *pains = add_lane (document, "pains", WM_LANE_PAINS);
  g_autoptr(GPtrArray) ranked = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *ids = NULL;

  for (guint i = 0; i < 40; i++)
    {
      char id[2] = { (char) ('A' + i), '\0' };

      add_card (pains, id, 2, 2);
      g_string_append (expected, id);
    }

  ranked = wm_summary_rank_pains (document);
  ids = ranked_ids (ranked);
  g_assert_cmpstr (ids, ==, expected->str);

  g_clear_pointer (&ranked, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&document));
}

static void
test_summary_rank_empty (void)
{
  g_autoptr(WmDocument) document = wm_document_new ();
  g_autoptr(GPtrArray) ranked = wm_summary_rank_pains (document);

  g_assert_cmpuint (ranked->len, ==, 0);

  g_clear_pointer (&ranked, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&document));
}

/* How many pixels of @surface differ from its corner's. */
static guint
count_ink (cairo_surface_t *surface)
{
  const guchar *data;
  int stride = cairo_image_surface_get_stride (surface);
  guint32 corner;
  guint ink = 0;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  corner = *(const guint32 *) data;
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      if (((const guint32 *) (data + y * stride))[x] != corner)
        ink++;
  return ink;
}

static guint
draw_ink (WmSummary *summary,
          guint      page)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, A4_W, A4_H);
  cairo_t *cr = cairo_create (surface);
  guint ink;

  wm_summary_draw_page (summary, page, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  ink = count_ink (surface);
  cairo_surface_destroy (surface);
  return ink;
}

/* A short map fits one sheet, which has text on it. */
static void
test_summary_one_page (void)
{
  g_autoptr(WmDocument) document = small_map ();
  g_autoptr(WmSummary) summary = wm_summary_new (document, WM_THEME_LIGHT, A4_W, A4_H);

  g_assert_cmpuint (wm_summary_get_n_pages (summary), ==, 1);
  g_assert_cmpuint (draw_ink (summary, 0), >, 1000);

  g_clear_pointer (&summary, wm_summary_free);
  g_assert_finalize_object (g_steal_pointer (&document));
}

/* A long one flows onto more sheets, each drawn; the document is held
 * only as long as the summary. */
static void
test_summary_flows (void)
{
  g_autoptr(WmDocument) document = small_map ();
  g_autoptr(WmSummary) summary = NULL;
  g_autoptr(WmSummary) small = NULL;
  guint n;

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", i);
      g_autoptr(WmPersona) persona = wm_persona_new (id);
      const char *goals[] = { "Relax by the fire", "Spend less than last time", NULL };

      wm_persona_set_name (persona, id);
      wm_persona_set_description (persona, "Lives in town and camps on long weekends, whatever the weather.");
      wm_persona_set_goals (persona, goals);
      g_list_store_append (wm_document_get_personas (document), persona);
    }

  summary = wm_summary_new (document, WM_THEME_DARK, A4_W, A4_H);
  n = wm_summary_get_n_pages (summary);
  g_assert_cmpuint (n, >, 1);
  for (guint page = 0; page < n; page++)
    g_assert_cmpuint (draw_ink (summary, page), >, 1000);

  /* A smaller sheet needs more of them. */
  small = wm_summary_new (document, WM_THEME_DARK, A4_W / 2, A4_H / 2);
  g_assert_cmpuint (wm_summary_get_n_pages (small), >, n);

  g_clear_pointer (&summary, wm_summary_free);
  g_clear_pointer (&small, wm_summary_free);
  g_assert_finalize_object (g_steal_pointer (&document));
}

static WmDocument *
load_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "files", "goldens", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  WmDocument *document = wm_reader_load_file (file, &error);

  g_assert_no_error (error);
  return document;
}

/* The owner table gets the PDCA status and due date as columns, and a
 * section says per stage how many cards data backs (issue 14). */
static void
test_summary_pdca (void)
{
  g_autoptr(WmDocument) document = load_file ("pdca.waymark");
  g_autoptr(WmSummary) summary = wm_summary_new (document, WM_THEME_LIGHT, A4_W, A4_H);
  g_autofree char *text = wm_summary_dup_text (summary);

  g_assert_nonnull (strstr (text, "Stage\tStatus\tDue\n"));
  g_assert_nonnull (strstr (text, "Two-hour visit slots\nRepair\tCheck\t2031-12-31\n"));
  g_assert_nonnull (strstr (text, "Show the expected wait\nSeeking help\tDo\t—\n"));
  g_assert_nonnull (strstr (text, "A due date without a status\nReview\t—\t2031-01-31\n"));
  g_assert_nonnull (strstr (text, "Backed by data\nStage\tData\t%\n"
                                  "Seeking help\t1 / 3 cards\t33%\n"
                                  "Repair\t0 / 3 cards\t0%\n"
                                  "Review\t1 / 2 cards\t50%\n"));
}

/* A map that says nothing of evidence or PDCA gets the summary it had. */
static void
test_summary_no_evidence (void)
{
  g_autoptr(WmDocument) document = small_map ();
  WmLane *lane = add_lane (document, "o", WM_LANE_OPPORTUNITIES);
  g_autoptr(WmSummary) summary = NULL;
  g_autofree char *text = NULL;

  add_card (lane, "idea", 0, 0);
  summary = wm_summary_new (document, WM_THEME_LIGHT, A4_W, A4_H);
  text = wm_summary_dup_text (summary);
  g_assert_nonnull (strstr (text, "No owner (1)\nidea\nResearch\n"));
  g_assert_null (strstr (text, "Backed by data"));
  g_assert_null (strstr (text, "Status"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/Summary/rank-lanes", test_summary_rank_lanes);
  g_test_add_func ("/Waymark/Summary/rank-stable", test_summary_rank_stable);
  g_test_add_func ("/Waymark/Summary/rank-empty", test_summary_rank_empty);
  g_test_add_func ("/Waymark/Summary/one-page", test_summary_one_page);
  g_test_add_func ("/Waymark/Summary/flows", test_summary_flows);
  g_test_add_func ("/Waymark/Summary/pdca", test_summary_pdca);
  g_test_add_func ("/Waymark/Summary/no-evidence", test_summary_no_evidence);

  return g_test_run ();
}
