/* SPDX-License-Identifier: GPL-3.0-or-later */
/* WmMoment: an aha or a micro moment of a persona, in a stage. */
#include "config.h"

#include <math.h>

#include "wm-enums.h"
#include "wm-moment.h"
#include "test-props.h"

static void
test_moment_new (void)
{
  g_autoptr(WmMoment) moment = wm_moment_new ("m2", WM_MOMENT_MICRO, "camper", "camp");
  g_autoptr(WmMoment) plain = g_object_new (WM_TYPE_MOMENT, NULL);

  g_assert_cmpstr (wm_item_get_id (WM_ITEM (moment)), ==, "m2");
  g_assert_cmpint (wm_moment_get_kind (moment), ==, WM_MOMENT_MICRO);
  g_assert_cmpstr (wm_moment_get_persona (moment), ==, "camper");
  g_assert_cmpstr (wm_moment_get_stage (moment), ==, "camp");
  g_assert_cmpfloat (wm_moment_get_at (moment), ==, 0.5);
  g_assert_null (wm_moment_get_text (moment));

  g_assert_cmpint (wm_moment_get_kind (plain), ==, WM_MOMENT_AHA);
  g_assert_cmpfloat (wm_moment_get_at (plain), ==, 0.5);

  g_assert_finalize_object (g_steal_pointer (&moment));
  g_assert_finalize_object (g_steal_pointer (&plain));
}

static void
test_moment_properties (void)
{
  g_autoptr(WmMoment) moment = wm_moment_new (NULL, WM_MOMENT_AHA, NULL, NULL);

  check_string (moment, "id", "m1");
  check_string (moment, "persona", "camper");
  check_string (moment, "stage", "camp");
  check_string (moment, "text", "营地有遮雨棚");
  check_enum (moment, "kind", WM_TYPE_MOMENT_KIND, WM_MOMENT_MICRO);
  check_double (moment, "at", 0.6);
  check_text_normalized (moment, "text");
  check_text_normalized (moment, "persona");
  check_text_normalized (moment, "stage");

  g_assert_finalize_object (g_steal_pointer (&moment));
}

static void
test_moment_refused (void)
{
  g_autoptr(WmMoment) moment = wm_moment_new (NULL, WM_MOMENT_MICRO, NULL, NULL);
  g_autoptr(WmMoment) made = wm_moment_new (NULL, WM_MOMENT_MICRO + 1, NULL, NULL);
  guint kind_count;
  guint at_count;
  gulong kind_handler = count_notify (moment, "kind", &kind_count);
  gulong at_handler;

  /* The writer would write an unknown kind as "aha". */
  wm_moment_set_kind (moment, WM_MOMENT_MICRO + 1);
  g_assert_cmpint (wm_moment_get_kind (moment), ==, WM_MOMENT_MICRO);
  g_assert_cmpint (wm_moment_get_kind (made), ==, WM_MOMENT_AHA);
  g_assert_cmpuint (kind_count, ==, 0);

  wm_moment_set_at (moment, 0.75);
  at_handler = count_notify (moment, "at", &at_count);
  wm_moment_set_at (moment, NAN);
  g_assert_cmpfloat (wm_moment_get_at (moment), ==, 0.75);
  g_assert_cmpuint (at_count, ==, 0);
  wm_moment_set_at (moment, -1);
  g_assert_cmpfloat (wm_moment_get_at (moment), ==, 0.0);
  wm_moment_set_at (moment, INFINITY);
  g_assert_cmpfloat (wm_moment_get_at (moment), ==, 1.0);
  wm_moment_set_at (moment, 2);
  g_assert_cmpuint (at_count, ==, 2);

  g_signal_handler_disconnect (moment, kind_handler);
  g_signal_handler_disconnect (moment, at_handler);
  g_assert_finalize_object (g_steal_pointer (&moment));
  g_assert_finalize_object (g_steal_pointer (&made));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/Moment/new", test_moment_new);
  g_test_add_func ("/Waymark/Moment/properties", test_moment_properties);
  g_test_add_func ("/Waymark/Moment/refused", test_moment_refused);

  return g_test_run ();
}
