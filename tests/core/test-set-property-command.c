/* SPDX-License-Identifier: GPL-3.0-or-later */
/* WmSetPropertyCommand: one property of one object, undoably. */
#include "config.h"

#include <math.h>

#include "wm-card.h"
#include "wm-curve-point.h"
#include "wm-set-property-command.h"
#include "test-props.h"

static WmCommand *
set_string (gpointer    object,
            const char *property,
            const char *value,
            const char *merge_key)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, value);
  return wm_set_property_command_new (object, property, &v, merge_key);
}

static WmCommand *
set_double (gpointer    object,
            const char *property,
            double      value,
            const char *merge_key)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_DOUBLE);
  g_value_set_double (&v, value);
  return wm_set_property_command_new (object, property, &v, merge_key);
}

/* The old value is read when the command is made; apply and revert go
 * through the object's setter, so notify fires. */
static void
test_set_property_apply_revert (void)
{
  g_autoptr(WmCard) card = wm_card_new ("c1", "s1", "Old");
  g_autoptr(WmCommand) command = set_string (card, "text", "New", NULL);
  guint count;
  gulong handler = count_notify (card, "text", &count);

  g_assert_cmpstr (wm_card_get_text (card), ==, "Old");
  wm_command_apply (command);
  g_assert_cmpstr (wm_card_get_text (card), ==, "New");
  wm_command_revert (command);
  g_assert_cmpstr (wm_card_get_text (card), ==, "Old");
  wm_command_apply (command);
  g_assert_cmpstr (wm_card_get_text (card), ==, "New");
  g_assert_cmpuint (count, ==, 3);

  g_signal_handler_disconnect (card, handler);
  g_assert_finalize_object (g_steal_pointer (&command));
  g_assert_finalize_object (g_steal_pointer (&card));
}

/* A value of another type is transformed into the property's type. */
static void
test_set_property_transform (void)
{
  g_autoptr(WmCard) card = wm_card_new ("c1", "s1", NULL);
  g_auto(GValue) v = G_VALUE_INIT;
  g_autoptr(WmCommand) command = NULL;

  g_value_init (&v, G_TYPE_INT);
  g_value_set_int (&v, 4);
  command = wm_set_property_command_new (G_OBJECT (card), "span", &v, NULL);
  wm_command_apply (command);
  g_assert_cmpuint (wm_card_get_span (card), ==, 4);
  wm_command_revert (command);
  g_assert_cmpuint (wm_card_get_span (card), ==, 1);

  g_assert_finalize_object (g_steal_pointer (&command));
  g_assert_finalize_object (g_steal_pointer (&card));
}

/* What GObject would warn about (out of range, NaN) becomes a value the
 * property takes: the edit does not fail the fatal-warnings run. */
static void
test_set_property_sanitize (void)
{
  g_autoptr(WmCurvePoint) point = wm_curve_point_new ("s1", 1, 0.25);
  g_autoptr(WmCommand) high = set_double (point, "value", 9, NULL);
  g_autoptr(WmCommand) nan = set_double (point, "at", NAN, NULL);
  g_autoptr(WmCard) card = wm_card_new ("c1", "s1", NULL);
  g_auto(GValue) v = G_VALUE_INIT;
  g_autoptr(WmCommand) severity = NULL;

  wm_command_apply (high);
  g_assert_cmpfloat (wm_curve_point_get_value (point), ==, WM_CURVE_MAX);
  wm_command_apply (nan);
  g_assert_cmpfloat (wm_curve_point_get_at (point), ==, 0.5);
  wm_command_revert (nan);
  wm_command_revert (high);
  g_assert_cmpfloat (wm_curve_point_get_value (point), ==, 1);
  g_assert_cmpfloat (wm_curve_point_get_at (point), ==, 0.25);

  g_value_init (&v, G_TYPE_UINT);
  g_value_set_uint (&v, 40);
  severity = wm_set_property_command_new (G_OBJECT (card), "severity", &v, NULL);
  wm_command_apply (severity);
  g_assert_cmpuint (wm_card_get_severity (card), ==, WM_SEVERITY_MAX);

  g_assert_finalize_object (g_steal_pointer (&high));
  g_assert_finalize_object (g_steal_pointer (&nan));
  g_assert_finalize_object (g_steal_pointer (&severity));
  g_assert_finalize_object (g_steal_pointer (&point));
  g_assert_finalize_object (g_steal_pointer (&card));
}

/* Typing is one undo step: same object, property and key merge, and the
 * merged command reverts to the value before the first. */
static void
test_set_property_merge (void)
{
  g_autoptr(WmCard) card = wm_card_new ("c1", "s1", "");
  g_autoptr(WmCard) other_card = wm_card_new ("c2", "s1", "");
  g_autoptr(WmCommand) first = set_string (card, "text", "H", "typing");
  g_autoptr(WmCommand) second = NULL;
  g_autoptr(WmCommand) other_key = NULL;
  g_autoptr(WmCommand) no_key = NULL;
  g_autoptr(WmCommand) no_key2 = NULL;
  g_autoptr(WmCommand) other_property = NULL;
  g_autoptr(WmCommand) other_object = NULL;

  wm_command_apply (first);
  second = set_string (card, "text", "Hi", "typing");
  wm_command_apply (second);
  g_assert_true (wm_command_merge (first, second));

  other_key = set_string (card, "text", "Hi!", "paste");
  other_property = set_string (card, "owner", "Ops", "typing");
  other_object = set_string (other_card, "text", "Yo", "typing");
  no_key = set_string (card, "text", "Hey", NULL);
  g_assert_false (wm_command_merge (first, other_key));
  g_assert_false (wm_command_merge (first, other_property));
  g_assert_false (wm_command_merge (first, other_object));
  g_assert_false (wm_command_merge (first, no_key));
  no_key2 = set_string (card, "text", "Heyo", NULL);
  g_assert_false (wm_command_merge (no_key, no_key2));

  wm_command_revert (first);
  g_assert_null (wm_card_get_text (card));
  wm_command_apply (first);
  g_assert_cmpstr (wm_card_get_text (card), ==, "Hi");

  g_assert_finalize_object (g_steal_pointer (&first));
  g_assert_finalize_object (g_steal_pointer (&second));
  g_assert_finalize_object (g_steal_pointer (&other_key));
  g_assert_finalize_object (g_steal_pointer (&other_property));
  g_assert_finalize_object (g_steal_pointer (&other_object));
  g_assert_finalize_object (g_steal_pointer (&no_key));
  g_assert_finalize_object (g_steal_pointer (&no_key2));
  g_assert_finalize_object (g_steal_pointer (&card));
  g_assert_finalize_object (g_steal_pointer (&other_card));
}

/* The command keeps its object alive, and lets it go with it. */
static void
test_set_property_lifetime (void)
{
  WmCard *card = wm_card_new ("c1", "s1", "Old");
  g_autoptr(WmCommand) command = set_string (card, "text", "New", NULL);

  g_object_add_weak_pointer (G_OBJECT (card), (gpointer *) &card);
  g_object_unref (card);
  g_assert_nonnull (card);
  wm_command_apply (command);
  g_assert_cmpstr (wm_card_get_text (card), ==, "New");
  g_assert_finalize_object (g_steal_pointer (&command));
  g_assert_null (card);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/SetPropertyCommand/apply-revert", test_set_property_apply_revert);
  g_test_add_func ("/Waymark/SetPropertyCommand/transform", test_set_property_transform);
  g_test_add_func ("/Waymark/SetPropertyCommand/sanitize", test_set_property_sanitize);
  g_test_add_func ("/Waymark/SetPropertyCommand/merge", test_set_property_merge);
  g_test_add_func ("/Waymark/SetPropertyCommand/lifetime", test_set_property_lifetime);

  return g_test_run ();
}
