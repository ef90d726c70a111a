/* SPDX-License-Identifier: GPL-3.0-or-later */
/* WmStage: title, goal and its list of metrics. */
#include "config.h"

#include "wm-metric.h"
#include "wm-stage.h"
#include "test-props.h"

static void
test_stage_new (void)
{
  g_autoptr(WmStage) stage = wm_stage_new ("research", "攻略");
  GListModel *metrics = G_LIST_MODEL (wm_stage_get_metrics (stage));

  g_assert_cmpstr (wm_item_get_id (WM_ITEM (stage)), ==, "research");
  g_assert_cmpstr (wm_stage_get_title (stage), ==, "攻略");
  g_assert_null (wm_stage_get_goal (stage));
  g_assert_cmpuint (g_list_model_get_n_items (metrics), ==, 0);
  g_assert_true (g_list_model_get_item_type (metrics) == WM_TYPE_METRIC);

  g_assert_finalize_object (g_steal_pointer (&stage));
}

static void
test_stage_properties (void)
{
  g_autoptr(WmStage) stage = wm_stage_new (NULL, NULL);

  check_string (stage, "id", "research");
  check_string (stage, "title", "Research");
  check_string (stage, "goal", "Find a site");
  check_text_normalized (stage, "title");
  check_text_normalized (stage, "goal");

  g_assert_finalize_object (g_steal_pointer (&stage));
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GString    *log)
{
  g_string_append_printf (log, "%u-%u+%u;", position, removed, added);
}

/* The metrics are a list the inspector binds to: it says where it
 * changed, and a metric dropped from it is freed with it. */
static void
test_stage_metrics (void)
{
  g_autoptr(WmStage) stage = wm_stage_new ("s1", NULL);
  g_autoptr(WmMetric) nps = wm_metric_new (WM_METRIC_NPS, 32);
  g_autoptr(WmMetric) ces = wm_metric_new (WM_METRIC_CES, 4);
  g_autoptr(GString) log = g_string_new (NULL);
  GListStore *metrics = wm_stage_get_metrics (stage);

  g_signal_connect (metrics, "items-changed", G_CALLBACK (items_changed_cb), log);
  g_list_store_append (metrics, nps);
  g_list_store_insert (metrics, 0, ces);
  g_list_store_remove (metrics, 1);
  g_assert_cmpstr (log->str, ==, "0-0+1;0-0+1;1-1+0;");

  g_assert_finalize_object (g_steal_pointer (&nps));
  g_object_add_weak_pointer (G_OBJECT (ces), (gpointer *) &ces);
  g_object_unref (ces);
  g_assert_nonnull (ces);
  g_assert_finalize_object (g_steal_pointer (&stage));
  g_assert_null (ces);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/Stage/new", test_stage_new);
  g_test_add_func ("/Waymark/Stage/properties", test_stage_properties);
  g_test_add_func ("/Waymark/Stage/metrics", test_stage_metrics);

  return g_test_run ();
}
