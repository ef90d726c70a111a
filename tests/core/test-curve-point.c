/* SPDX-License-Identifier: GPL-3.0-or-later */
/* WmCurvePoint: a value in -3..3 at a place 0..1 inside a stage. */
#include "config.h"

#include <math.h>

#include "wm-curve-point.h"
#include "test-props.h"

static void
test_curve_point_new (void)
{
  g_autoptr(WmCurvePoint) point = wm_curve_point_new ("research", 1.5, 0.25);
  g_autoptr(WmCurvePoint) plain = g_object_new (WM_TYPE_CURVE_POINT, NULL);

  g_assert_cmpstr (wm_curve_point_get_stage (point), ==, "research");
  g_assert_cmpfloat (wm_curve_point_get_value (point), ==, 1.5);
  g_assert_cmpfloat (wm_curve_point_get_at (point), ==, 0.25);

  /* The file's defaults: value 0, at the middle of the stage. */
  g_assert_null (wm_curve_point_get_stage (plain));
  g_assert_cmpfloat (wm_curve_point_get_value (plain), ==, 0.0);
  g_assert_cmpfloat (wm_curve_point_get_at (plain), ==, 0.5);

  g_assert_finalize_object (g_steal_pointer (&point));
  g_assert_finalize_object (g_steal_pointer (&plain));
}

static void
test_curve_point_properties (void)
{
  g_autoptr(WmCurvePoint) point = wm_curve_point_new (NULL, 0, 0.5);

  check_string (point, "stage", "camp");
  check_double (point, "value", -0.5);
  check_double (point, "at", 1.0);
  check_text_normalized (point, "stage");

  g_assert_finalize_object (g_steal_pointer (&point));
}

/* Out of range is clamped, NaN refused: all without a warning, also
 * when the point is made. */
static void
test_curve_point_ranges (void)
{
  g_autoptr(WmCurvePoint) point = wm_curve_point_new ("s1", 7, -2);
  g_autoptr(WmCurvePoint) nan_point = wm_curve_point_new ("s1", NAN, NAN);
  guint count;
  gulong handler;

  g_assert_cmpfloat (wm_curve_point_get_value (point), ==, WM_CURVE_MAX);
  g_assert_cmpfloat (wm_curve_point_get_at (point), ==, 0.0);
  g_assert_cmpfloat (wm_curve_point_get_value (nan_point), ==, 0.0);
  g_assert_cmpfloat (wm_curve_point_get_at (nan_point), ==, 0.5);

  wm_curve_point_set_value (point, -INFINITY);
  g_assert_cmpfloat (wm_curve_point_get_value (point), ==, WM_CURVE_MIN);
  wm_curve_point_set_at (point, 3);
  g_assert_cmpfloat (wm_curve_point_get_at (point), ==, 1.0);

  handler = count_notify (point, "value", &count);
  wm_curve_point_set_value (point, NAN);
  wm_curve_point_set_value (point, -4);
  g_assert_cmpfloat (wm_curve_point_get_value (point), ==, WM_CURVE_MIN);
  g_assert_cmpuint (count, ==, 0);
  g_signal_handler_disconnect (point, handler);

  handler = count_notify (point, "at", &count);
  wm_curve_point_set_at (point, NAN);
  wm_curve_point_set_at (point, 1.5);
  g_assert_cmpfloat (wm_curve_point_get_at (point), ==, 1.0);
  g_assert_cmpuint (count, ==, 0);
  g_signal_handler_disconnect (point, handler);

  g_assert_finalize_object (g_steal_pointer (&point));
  g_assert_finalize_object (g_steal_pointer (&nan_point));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/CurvePoint/new", test_curve_point_new);
  g_test_add_func ("/Waymark/CurvePoint/properties", test_curve_point_properties);
  g_test_add_func ("/Waymark/CurvePoint/ranges", test_curve_point_ranges);

  return g_test_run ();
}
