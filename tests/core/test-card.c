/* SPDX-License-Identifier: GPL-3.0-or-later */
/* WmCard: a card's attributes hold only what the file can say. */
#include "config.h"

#include <string.h>

#include "wm-card.h"
#include "wm-enums.h"
#include "wm-rules.h"
#include "test-props.h"

static void
test_card_new (void)
{
  g_autoptr(WmCard) card = wm_card_new ("c1", "research", "Read reviews");

  g_assert_cmpstr (wm_item_get_id (WM_ITEM (card)), ==, "c1");
  g_assert_cmpstr (wm_card_get_stage (card), ==, "research");
  g_assert_cmpstr (wm_card_get_text (card), ==, "Read reviews");
  g_assert_cmpint (wm_card_get_touchpoint (card), ==, WM_TOUCHPOINT_NONE);
  g_assert_false (wm_card_get_key (card));
  g_assert_null (wm_card_get_channel (card));
  g_assert_cmpuint (wm_card_get_severity (card), ==, 0);
  g_assert_cmpuint (wm_card_get_frequency (card), ==, 0);
  g_assert_null (wm_card_get_owner (card));
  g_assert_cmpuint (wm_card_get_span (card), ==, 1);
  g_assert_null (wm_card_get_color (card));
  g_assert_false (wm_item_has_foreign (WM_ITEM (card)));

  g_assert_finalize_object (g_steal_pointer (&card));
}

static void
test_card_properties (void)
{
  g_autoptr(WmCard) card = wm_card_new (NULL, NULL, NULL);

  check_string (card, "id", "c1");
  check_string (card, "stage", "research");
  check_string (card, "text", "看网红攻略");
  check_string (card, "channel", "小红书");
  check_string (card, "owner", "Ops");
  check_string (card, "color", "#3584e4");
  check_enum (card, "touchpoint", WM_TYPE_TOUCHPOINT, WM_TOUCHPOINT_MISSED);
  check_boolean (card, "key", TRUE);
  check_uint (card, "severity", 5);
  check_uint (card, "frequency", 12);
  check_uint (card, "span", 3);

  g_assert_finalize_object (g_steal_pointer (&card));
}

static void
test_card_text_normalized (void)
{
  g_autoptr(WmCard) card = wm_card_new (NULL, NULL, NULL);
  g_autofree char *big = g_malloc (WM_MAX_TEXT_BYTES + 11);

  check_text_normalized (card, "text");
  check_text_normalized (card, "channel");
  check_text_normalized (card, "owner");
  check_text_normalized (card, "stage");

  memset (big, 'x', WM_MAX_TEXT_BYTES + 10);
  big[WM_MAX_TEXT_BYTES + 10] = '\0';
  wm_card_set_text (card, big);
  g_assert_cmpuint (strlen (wm_card_get_text (card)), ==, WM_MAX_TEXT_BYTES);

  g_assert_finalize_object (g_steal_pointer (&card));
}

/* What the reader refuses, the setters clamp or refuse, without a
 * warning. */
static void
test_card_ranges (void)
{
  g_autoptr(WmCard) card = wm_card_new (NULL, NULL, NULL);
  guint count;
  gulong handler;

  wm_card_set_severity (card, 9);
  g_assert_cmpuint (wm_card_get_severity (card), ==, WM_SEVERITY_MAX);
  wm_card_set_severity (card, 0);
  g_assert_cmpuint (wm_card_get_severity (card), ==, 0);

  wm_card_set_span (card, 4);
  wm_card_set_span (card, 0);
  g_assert_cmpuint (wm_card_get_span (card), ==, 1);

  wm_card_set_touchpoint (card, WM_TOUCHPOINT_CORE);
  wm_card_set_touchpoint (card, 17);
  g_assert_cmpint (wm_card_get_touchpoint (card), ==, WM_TOUCHPOINT_NONE);

  wm_card_set_frequency (card, G_MAXUINT);
  g_assert_cmpuint (wm_card_get_frequency (card), ==, G_MAXUINT);

  /* key is a boolean: any true value is TRUE, and does not notify twice. */
  handler = count_notify (card, "key", &count);
  wm_card_set_key (card, 42);
  wm_card_set_key (card, TRUE);
  g_assert_true (wm_card_get_key (card) == TRUE);
  g_assert_cmpuint (count, ==, 1);
  g_signal_handler_disconnect (card, handler);

  g_assert_finalize_object (g_steal_pointer (&card));
}

static void
test_card_color (void)
{
  g_autoptr(WmCard) card = wm_card_new (NULL, NULL, NULL);
  const char *refused[] = { "red", "#12345", "#1234567", "#12345g", "3584e4#" };
  guint count;
  gulong handler;

  wm_card_set_color (card, "#A0b0C0");
  handler = count_notify (card, "color", &count);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      wm_card_set_color (card, refused[i]);
      g_assert_cmpstr (wm_card_get_color (card), ==, "#A0b0C0");
    }
  g_assert_cmpuint (count, ==, 0);

  wm_card_set_color (card, "");
  g_assert_null (wm_card_get_color (card));
  g_assert_cmpuint (count, ==, 1);
  g_signal_handler_disconnect (card, handler);

  g_assert_finalize_object (g_steal_pointer (&card));
}

/* The layout keys its measurements on the serial: it must move on every
 * real change, stay on a no-op, and never be shared by two cards. */
static void
test_card_serial (void)
{
  g_autoptr(WmCard) card = wm_card_new ("c1", "s1", "Text");
  g_autoptr(WmCard) other = wm_card_new ("c1", "s1", "Text");
  guint64 serial = wm_card_get_serial (card);

  g_assert_cmpuint (serial, !=, wm_card_get_serial (other));

  wm_card_set_text (card, "Text");
  wm_card_set_span (card, 0);
  g_assert_cmpuint (wm_card_get_serial (card), ==, serial);

  wm_card_set_text (card, "Other");
  g_assert_cmpuint (wm_card_get_serial (card), >, serial);
  serial = wm_card_get_serial (card);

  wm_card_set_severity (card, 2);
  g_assert_cmpuint (wm_card_get_serial (card), >, serial);
  serial = wm_card_get_serial (card);

  /* A notify held back by a freeze still moves it when thawed. */
  g_object_freeze_notify (G_OBJECT (card));
  wm_card_set_owner (card, "Ops");
  g_object_thaw_notify (G_OBJECT (card));
  g_assert_cmpuint (wm_card_get_serial (card), >, serial);

  g_assert_finalize_object (g_steal_pointer (&card));
  g_assert_finalize_object (g_steal_pointer (&other));
}

static void
test_card_duplicate (void)
{
  g_autoptr(WmCard) card = wm_card_new ("c1", "s1", "Jam");
  g_autoptr(WmCard) copy = NULL;
  WmForeign *foreign;

  g_object_set (card,
                "touchpoint", WM_TOUCHPOINT_FIRST,
                "key", TRUE,
                "channel", "App",
                "severity", 3,
                "frequency", 12,
                "owner", "Ops",
                "span", 2,
                "color", "#ff0000",
                NULL);
  foreign = wm_item_get_foreign (WM_ITEM (card));
  wm_foreign_add_attr (foreign, "acme", "tag", "v");
  wm_foreign_add_element_before (foreign, "<acme:note xmlns:acme=\"urn:acme\"/>", "text");
  wm_foreign_add_element (foreign, "<acme:end xmlns:acme=\"urn:acme\"/>");

  copy = wm_card_duplicate (card, "c2");

  g_assert_cmpstr (wm_item_get_id (WM_ITEM (copy)), ==, "c2");
  g_assert_cmpstr (wm_card_get_stage (copy), ==, "s1");
  g_assert_cmpstr (wm_card_get_text (copy), ==, "Jam");
  g_assert_cmpint (wm_card_get_touchpoint (copy), ==, WM_TOUCHPOINT_FIRST);
  g_assert_true (wm_card_get_key (copy));
  g_assert_cmpstr (wm_card_get_channel (copy), ==, "App");
  g_assert_cmpuint (wm_card_get_severity (copy), ==, 3);
  g_assert_cmpuint (wm_card_get_frequency (copy), ==, 12);
  g_assert_cmpstr (wm_card_get_owner (copy), ==, "Ops");
  g_assert_cmpuint (wm_card_get_span (copy), ==, 2);
  g_assert_cmpstr (wm_card_get_color (copy), ==, "#ff0000");
  g_assert_cmpuint (wm_card_get_serial (copy), !=, wm_card_get_serial (card));

  /* Foreign content comes along, each element still before the child it
   * stood before. */
  foreign = wm_item_get_foreign (WM_ITEM (copy));
  g_assert_cmpuint (foreign->attrs->len, ==, 1);
  g_assert_cmpuint (foreign->elements->len, ==, 2);
  g_assert_cmpstr (wm_foreign_get_anchor (foreign, 0), ==, "text");
  g_assert_null (wm_foreign_get_anchor (foreign, 1));

  /* The copy is its own: changing it leaves the original alone. */
  wm_card_set_text (copy, "Queue");
  g_assert_cmpstr (wm_card_get_text (card), ==, "Jam");

  g_assert_finalize_object (g_steal_pointer (&card));
  g_assert_finalize_object (g_steal_pointer (&copy));
}

static void
test_card_duplicate_every_property (void)
{
  g_autoptr(WmCard) card = wm_card_new ("c1", "research", "Jam");
  g_autoptr(WmCard) copy = NULL;
  GParamSpec **pspecs;
  guint n_pspecs;

  g_object_set (card,
                "touchpoint", WM_TOUCHPOINT_CORE,
                "key", TRUE,
                "channel", "App",
                "severity", 4,
                "frequency", 9,
                "owner", "Ops",
                "span", 2,
                "color", "#00ff00",
                NULL);
  wm_foreign_add_attr (wm_item_get_foreign (WM_ITEM (card)), "acme", "tag", "x");

  copy = wm_card_duplicate (card, "c2");
  g_assert_cmpstr (wm_item_get_id (WM_ITEM (copy)), ==, "c2");
  g_assert_true (wm_item_has_foreign (WM_ITEM (copy)));

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (card), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) a = G_VALUE_INIT;
      g_auto(GValue) b = G_VALUE_INIT;

      if (g_str_equal (pspecs[i]->name, "id"))
        continue;

      g_value_init (&a, pspecs[i]->value_type);
      g_value_init (&b, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (card), pspecs[i]->name, &a);
      g_object_get_property (G_OBJECT (copy), pspecs[i]->name, &b);
      g_assert_cmpint (g_param_values_cmp (pspecs[i], &a, &b), ==, 0);
    }
  g_free (pspecs);

  g_assert_finalize_object (g_steal_pointer (&card));
  g_assert_finalize_object (g_steal_pointer (&copy));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/Card/new", test_card_new);
  g_test_add_func ("/Waymark/Card/properties", test_card_properties);
  g_test_add_func ("/Waymark/Card/text-normalized", test_card_text_normalized);
  g_test_add_func ("/Waymark/Card/ranges", test_card_ranges);
  g_test_add_func ("/Waymark/Card/color", test_card_color);
  g_test_add_func ("/Waymark/Card/serial", test_card_serial);
  g_test_add_func ("/Waymark/Card/duplicate", test_card_duplicate);
  g_test_add_func ("/Waymark/Card/duplicate-every-property", test_card_duplicate_every_property);

  return g_test_run ();
}
