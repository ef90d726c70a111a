/* SPDX-License-Identifier: GPL-3.0-or-later */
/* WmMetric: an NPS, CES or CSAT value, always within its kind's range. */
#include "config.h"

#include <math.h>

#include "wm-enums.h"
#include "wm-metric.h"
#include "test-props.h"

static void
test_metric_new (void)
{
  g_autoptr(WmMetric) metric = wm_metric_new (WM_METRIC_CES, 4.5);
  g_autoptr(WmMetric) plain = g_object_new (WM_TYPE_METRIC, NULL);

  g_assert_cmpint (wm_metric_get_kind (metric), ==, WM_METRIC_CES);
  g_assert_cmpfloat (wm_metric_get_value (metric), ==, 4.5);
  g_assert_cmpint (wm_metric_get_kind (plain), ==, WM_METRIC_NPS);
  g_assert_cmpfloat (wm_metric_get_value (plain), ==, 0.0);

  g_assert_finalize_object (g_steal_pointer (&metric));
  g_assert_finalize_object (g_steal_pointer (&plain));
}

static void
test_metric_properties (void)
{
  g_autoptr(WmMetric) metric = wm_metric_new (WM_METRIC_NPS, 0);

  check_double (metric, "value", -32);
  check_enum (metric, "kind", WM_TYPE_METRIC_KIND, WM_METRIC_CSAT);
  check_double (metric, "value", 87.5);

  g_assert_finalize_object (g_steal_pointer (&metric));
}

static void
test_metric_range (void)
{
  struct { WmMetricKind kind; double min, max; } ranges[] = {
    { WM_METRIC_NPS, -100, 100 },
    { WM_METRIC_CES, 1, 7 },
    { WM_METRIC_CSAT, 0, 100 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    {
      g_autoptr(WmMetric) low = wm_metric_new (ranges[i].kind, -1000);
      g_autoptr(WmMetric) high = wm_metric_new (ranges[i].kind, 1000);
      double min = NAN, max = NAN;

      wm_metric_kind_range (ranges[i].kind, &min, &max);
      g_assert_cmpfloat (min, ==, ranges[i].min);
      g_assert_cmpfloat (max, ==, ranges[i].max);
      g_assert_cmpfloat (wm_metric_get_value (low), ==, min);
      g_assert_cmpfloat (wm_metric_get_value (high), ==, max);

      g_assert_finalize_object (g_steal_pointer (&low));
      g_assert_finalize_object (g_steal_pointer (&high));
    }
}

/* A kind change brings the value into the new kind's range, so the map
 * can be read back. */
static void
test_metric_kind_moves_value (void)
{
  g_autoptr(WmMetric) metric = wm_metric_new (WM_METRIC_NPS, -40);
  guint kind_count;
  guint value_count;
  gulong kind_handler = count_notify (metric, "kind", &kind_count);
  gulong value_handler = count_notify (metric, "value", &value_count);

  wm_metric_set_kind (metric, WM_METRIC_CES);
  g_assert_cmpfloat (wm_metric_get_value (metric), ==, 1.0);
  g_assert_cmpuint (kind_count, ==, 1);
  g_assert_cmpuint (value_count, ==, 1);

  /* A value already in range stays, and does not notify. */
  wm_metric_set_kind (metric, WM_METRIC_CSAT);
  g_assert_cmpfloat (wm_metric_get_value (metric), ==, 1.0);
  g_assert_cmpuint (kind_count, ==, 2);
  g_assert_cmpuint (value_count, ==, 1);

  g_signal_handler_disconnect (metric, kind_handler);
  g_signal_handler_disconnect (metric, value_handler);
  g_assert_finalize_object (g_steal_pointer (&metric));
}

static void
test_metric_refused (void)
{
  g_autoptr(WmMetric) metric = wm_metric_new (WM_METRIC_CSAT, 80);
  g_autoptr(WmMetric) nan_metric = wm_metric_new (WM_METRIC_CES, NAN);
  guint count = 0;
  gulong handler = g_signal_connect_swapped (metric, "notify", G_CALLBACK (count_cb), &count);

  wm_metric_set_value (metric, NAN);
  wm_metric_set_kind (metric, WM_METRIC_CSAT + 1);
  wm_metric_set_value (metric, 80);
  g_assert_cmpint (wm_metric_get_kind (metric), ==, WM_METRIC_CSAT);
  g_assert_cmpfloat (wm_metric_get_value (metric), ==, 80);
  g_assert_cmpuint (count, ==, 0);

  /* NaN is no value: a new CES metric still holds one in 1..7. */
  g_assert_cmpfloat (wm_metric_get_value (nan_metric), ==, 1.0);

  g_signal_handler_disconnect (metric, handler);
  g_assert_finalize_object (g_steal_pointer (&metric));
  g_assert_finalize_object (g_steal_pointer (&nan_metric));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/Metric/new", test_metric_new);
  g_test_add_func ("/Waymark/Metric/properties", test_metric_properties);
  g_test_add_func ("/Waymark/Metric/range", test_metric_range);
  g_test_add_func ("/Waymark/Metric/kind-moves-value", test_metric_kind_moves_value);
  g_test_add_func ("/Waymark/Metric/refused", test_metric_refused);

  return g_test_run ();
}
