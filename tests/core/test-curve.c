/* SPDX-License-Identifier: GPL-3.0-or-later */
/* WmCurve: one persona's emotion curve, a list of points. */
#include "config.h"

#include "wm-curve.h"
#include "wm-curve-point.h"
#include "test-props.h"

static void
test_curve_new (void)
{
  g_autoptr(WmCurve) curve = wm_curve_new ("camper");
  GListModel *points = G_LIST_MODEL (wm_curve_get_points (curve));

  g_assert_cmpstr (wm_curve_get_persona (curve), ==, "camper");
  g_assert_cmpuint (g_list_model_get_n_items (points), ==, 0);
  g_assert_true (g_list_model_get_item_type (points) == WM_TYPE_CURVE_POINT);

  g_assert_finalize_object (g_steal_pointer (&curve));
}

static void
test_curve_properties (void)
{
  g_autoptr(WmCurve) curve = wm_curve_new (NULL);

  check_string (curve, "persona", "camper");
  check_text_normalized (curve, "persona");

  g_assert_finalize_object (g_steal_pointer (&curve));
}

static void
test_curve_find_point (void)
{
  g_autoptr(WmCurve) curve = wm_curve_new ("camper");
  g_autoptr(WmCurvePoint) a = wm_curve_point_new ("s1", 1, 0.5);
  g_autoptr(WmCurvePoint) b = wm_curve_point_new ("s2", -1, 0.5);
  g_autoptr(WmCurvePoint) unplaced = wm_curve_point_new (NULL, 0, 0.5);
  GListStore *points = wm_curve_get_points (curve);

  g_list_store_append (points, unplaced);
  g_list_store_append (points, a);
  g_list_store_append (points, b);

  g_assert_true (wm_curve_find_point (curve, "s2") == b);
  g_assert_true (wm_curve_find_point (curve, "s1") == a);
  g_assert_null (wm_curve_find_point (curve, "s3"));
  /* NULL names no stage, not the point without one. */
  g_assert_null (wm_curve_find_point (curve, NULL));

  /* Found, not given: the curve still holds the only extra reference. */
  g_list_store_remove_all (points);
  g_assert_finalize_object (g_steal_pointer (&a));
  g_assert_finalize_object (g_steal_pointer (&b));
  g_assert_finalize_object (g_steal_pointer (&unplaced));
  g_assert_finalize_object (g_steal_pointer (&curve));
}

static void
test_curve_owns_points (void)
{
  g_autoptr(WmCurve) curve = wm_curve_new ("camper");
  WmCurvePoint *point = wm_curve_point_new ("s1", 1, 0.5);

  g_list_store_append (wm_curve_get_points (curve), point);
  g_object_add_weak_pointer (G_OBJECT (point), (gpointer *) &point);
  g_object_unref (point);
  g_assert_nonnull (point);
  g_assert_finalize_object (g_steal_pointer (&curve));
  g_assert_null (point);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/Curve/new", test_curve_new);
  g_test_add_func ("/Waymark/Curve/properties", test_curve_properties);
  g_test_add_func ("/Waymark/Curve/find-point", test_curve_find_point);
  g_test_add_func ("/Waymark/Curve/owns-points", test_curve_owns_points);

  return g_test_run ();
}
