/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "wm-edits.h"
#include "wm-history.h"
#include "wm-reader.h"
#include "wm-search.h"

#define MAP \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<map xmlns=\"urn:waymark:map:1\" format=\"1\" xml:lang=\"zh-CN\">\n" \
  "  <title>周末露营</title>\n" \
  "  <persona id=\"p\"><name>城市露营爱好者</name><goal>拍好看的照片</goal></persona>\n" \
  "  <stage id=\"s1\"><title>攻略</title></stage>\n" \
  "  <stage id=\"s2\"><title>营地</title><goal>Relax at the CAMP</goal></stage>\n" \
  "  <lane id=\"a\" kind=\"actions\">\n" \
  "    <title>Actions</title>\n" \
  "    <card id=\"c2\" stage=\"s2\"><text>搭帐篷 at the camp</text></card>\n" \
  "    <card id=\"c1\" stage=\"s1\" channel=\"WeChat\"><text>看网红攻略</text></card>\n" \
  "  </lane>\n" \
  "  <lane id=\"e\" kind=\"emotion\"/>\n" \
  "  <lane id=\"o\" kind=\"opportunities\">\n" \
  "    <card id=\"c3\" stage=\"s1\" owner=\"营地运营部\"><text>Sell craft beer</text></card>\n" \
  "  </lane>\n" \
  "  <moment id=\"m1\" kind=\"aha\" persona=\"p\" stage=\"s2\"><text>营地有遮雨棚！</text></moment>\n" \
  "</map>\n"

static WmDocument *
load_map (void)
{
  g_autoptr(GError) error = NULL;
  WmDocument *document = wm_reader_load_data (MAP, strlen (MAP), "search.waymark", &error);

  g_assert_no_error (error);
  return document;
}

/* The ids of the hits, space-separated, in order. */
static char *
hit_ids (WmSearch *search)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < wm_search_get_n_hits (search); i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, wm_item_get_id (WM_ITEM (wm_search_get_hit (search, i))));
    }
  return g_string_free (out, FALSE);
}

static void
assert_hits (WmSearch   *search,
             const char *query,
             const char *expected)
{
  g_autofree char *ids = NULL;

  wm_search_set_query (search, query);
  ids = hit_ids (search);
  g_assert_cmpstr (ids, ==, expected);
}

static void
test_search_match (void)
{
  g_autoptr(WmDocument) document = load_map ();
  g_autoptr(WmSearch) search = wm_search_new (document);

  /* Reading order: stage headers, then lane by lane, cards by stage. */
  assert_hits (search, "camp", "s2 c2");
  assert_hits (search, "CAMP", "s2 c2");
  /* Width: full-width Latin finds half-width, and back. */
  assert_hits (search, "ＷｅＣｈａｔ", "c1");
  assert_hits (search, "wechat", "c1");
  assert_hits (search, "营地", "s2 m1 c3");   /* the emotion lane comes before the opportunities */
  assert_hits (search, "攻略", "s1 c1");
  assert_hits (search, "照片", "p");
  assert_hits (search, "actions", "a");
  assert_hits (search, "beer", "c3");
  assert_hits (search, "", "");
  assert_hits (search, "nothing like this", "");
  /* Fields do not run into each other. */
  assert_hits (search, "营地\nrelax", "");

  wm_search_set_query (search, NULL);
  g_assert_cmpuint (wm_search_get_n_hits (search), ==, 0);
  g_assert_finalize_object (g_steal_pointer (&search));
}

static void
test_search_step (void)
{
  g_autoptr(WmDocument) document = load_map ();
  g_autoptr(WmSearch) search = wm_search_new (document);
  GObject *s1 = G_OBJECT (wm_document_find_stage (document, "s1"));
  GObject *c2 = G_OBJECT (wm_document_find_card (document, "c2", NULL));
  GObject *lane = G_OBJECT (wm_document_find_lane (document, "e"));

  wm_search_set_query (search, "营地");   /* s2 m1 c3 */
  g_assert_cmpint (wm_search_step (search, NULL, FALSE), ==, 0);
  g_assert_cmpint (wm_search_step (search, NULL, TRUE), ==, 2);
  g_assert_cmpint (wm_search_step (search, wm_search_get_hit (search, 2), FALSE), ==, 0);
  g_assert_cmpint (wm_search_step (search, wm_search_get_hit (search, 0), TRUE), ==, 2);
  /* From something that is not a hit: the nearest in reading order. */
  g_assert_cmpint (wm_search_step (search, s1, FALSE), ==, 0);
  g_assert_cmpint (wm_search_step (search, c2, FALSE), ==, 1);
  g_assert_cmpint (wm_search_step (search, c2, TRUE), ==, 0);
  g_assert_cmpint (wm_search_step (search, lane, FALSE), ==, 1);   /* its moment */
  g_assert_cmpint (wm_search_index_of (search, c2), ==, -1);

  wm_search_set_query (search, "zzz");
  g_assert_cmpint (wm_search_step (search, NULL, FALSE), ==, -1);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

/* Hits follow edits, undo included, without a new query. */
static void
test_search_follows_edits (void)
{
  g_autoptr(WmDocument) document = load_map ();
  g_autoptr(WmHistory) history = wm_history_new (document);
  g_autoptr(WmSearch) search = wm_search_new (document);
  WmCard *c3 = wm_document_find_card (document, "c3", NULL);
  WmLane *lane = wm_document_find_lane (document, "a");
  guint notified = 0;
  g_autofree char *ids = NULL;

  g_signal_connect (search, "notify::n-hits", G_CALLBACK (notify_cb), &notified);
  assert_hits (search, "beer", "c3");
  notified = 0;

  wm_history_push (history, wm_edit_set (c3, "text", "Sell coffee"));
  g_assert_cmpuint (wm_search_get_n_hits (search), ==, 0);
  g_assert_cmpuint (notified, ==, 1);

  wm_history_push (history, wm_edit_add_card (document, lane, "s1", "Craft BEER stall", NULL));
  g_assert_cmpuint (wm_search_get_n_hits (search), ==, 1);

  g_assert_true (wm_history_undo (history));
  g_assert_true (wm_history_undo (history));
  ids = hit_ids (search);
  g_assert_cmpstr (ids, ==, "c3");
}

/* A stage moved is found in its new place in the order. */
static void
test_search_order_follows_moves (void)
{
  g_autoptr(WmDocument) document = load_map ();
  g_autoptr(WmHistory) history = wm_history_new (document);
  g_autoptr(WmSearch) search = wm_search_new (document);

  assert_hits (search, "攻略", "s1 c1");
  wm_history_push (history, wm_edit_move_stage (document, 0, 1));
  {
    g_autofree char *ids = NULL;

    wm_search_set_query (search, "a");   /* anything with an "a" */
    wm_search_set_query (search, "攻略");
    ids = hit_ids (search);
    g_assert_cmpstr (ids, ==, "s1 c1");
  }
  assert_hits (search, "t", "s2 a c2 c1 c3");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/Search/match", test_search_match);
  g_test_add_func ("/Waymark/Search/step", test_search_step);
  g_test_add_func ("/Waymark/Search/follows-edits", test_search_follows_edits);
  g_test_add_func ("/Waymark/Search/order-follows-moves", test_search_order_follows_moves);

  return g_test_run ();
}
