/* SPDX-License-Identifier: GPL-3.0-or-later */
/* WmPersona: name, colour, description, goals and the hidden flag. */
#include "config.h"

#include "wm-persona.h"
#include "test-props.h"

static void
test_persona_new (void)
{
  g_autoptr(WmPersona) persona = wm_persona_new ("camper");

  g_assert_cmpstr (wm_item_get_id (WM_ITEM (persona)), ==, "camper");
  g_assert_null (wm_persona_get_name (persona));
  g_assert_null (wm_persona_get_color (persona));
  g_assert_null (wm_persona_get_description (persona));
  g_assert_null (wm_persona_get_goals (persona));
  g_assert_false (wm_persona_get_hidden (persona));

  g_assert_finalize_object (g_steal_pointer (&persona));
}

static void
test_persona_properties (void)
{
  g_autoptr(WmPersona) persona = wm_persona_new (NULL);

  check_string (persona, "id", "camper");
  check_string (persona, "name", "城市露营爱好者");
  check_string (persona, "color", "#3584e4");
  check_string (persona, "description", "Lives in town");
  check_boolean (persona, "hidden", TRUE);
  check_text_normalized (persona, "name");
  check_text_normalized (persona, "description");

  g_assert_finalize_object (g_steal_pointer (&persona));
}

static void
test_persona_color (void)
{
  g_autoptr(WmPersona) persona = wm_persona_new (NULL);
  const char *refused[] = { "blue", "#35e4", "#3584e4ff", "#xx84e4" };
  guint count;
  gulong handler;

  wm_persona_set_color (persona, "#3584e4");
  handler = count_notify (persona, "color", &count);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    wm_persona_set_color (persona, refused[i]);
  g_assert_cmpstr (wm_persona_get_color (persona), ==, "#3584e4");
  g_assert_cmpuint (count, ==, 0);

  wm_persona_set_color (persona, NULL);
  g_assert_null (wm_persona_get_color (persona));
  g_assert_cmpuint (count, ==, 1);
  g_signal_handler_disconnect (persona, handler);

  g_assert_finalize_object (g_steal_pointer (&persona));
}

/* Goals are stored as the reader gives them back: empty ones dropped,
 * an empty list as NULL, invalid text made valid; the same list again
 * does not notify. */
static void
test_persona_goals (void)
{
  g_autoptr(WmPersona) persona = wm_persona_new (NULL);
  const char *goals[] = { "Relax", "", "Cheap\x01", NULL };
  const char *same[] = { "Relax", "Cheap\xEF\xBF\xBD", NULL };
  const char *only_empty[] = { "", NULL };
  const char *empty[] = { NULL };
  const char * const *got;
  g_auto(GStrv) property = NULL;
  guint count;
  gulong handler;

  handler = count_notify (persona, "goals", &count);

  wm_persona_set_goals (persona, empty);
  wm_persona_set_goals (persona, only_empty);
  g_assert_null (wm_persona_get_goals (persona));
  g_assert_cmpuint (count, ==, 0);

  wm_persona_set_goals (persona, goals);
  got = wm_persona_get_goals (persona);
  g_assert_nonnull (got);
  g_assert_cmpstrv (got, same);
  g_assert_cmpuint (count, ==, 1);

  wm_persona_set_goals (persona, same);
  g_assert_cmpuint (count, ==, 1);

  g_object_get (persona, "goals", &property, NULL);
  g_assert_cmpstrv (property, same);

  wm_persona_set_goals (persona, NULL);
  g_assert_null (wm_persona_get_goals (persona));
  g_assert_cmpuint (count, ==, 2);

  g_signal_handler_disconnect (persona, handler);
  g_assert_finalize_object (g_steal_pointer (&persona));
}

/* The caller's array is copied, not kept. */
static void
test_persona_goals_copied (void)
{
  g_autoptr(WmPersona) persona = wm_persona_new (NULL);
  g_auto(GStrv) goals = g_strsplit ("A,B", ",", -1);

  wm_persona_set_goals (persona, (const char * const *) goals);
  g_free (goals[0]);
  goals[0] = g_strdup ("Z");
  g_assert_cmpstr (wm_persona_get_goals (persona)[0], ==, "A");

  g_assert_finalize_object (g_steal_pointer (&persona));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/Persona/new", test_persona_new);
  g_test_add_func ("/Waymark/Persona/properties", test_persona_properties);
  g_test_add_func ("/Waymark/Persona/color", test_persona_color);
  g_test_add_func ("/Waymark/Persona/goals", test_persona_goals);
  g_test_add_func ("/Waymark/Persona/goals-copied", test_persona_goals_copied);

  return g_test_run ();
}
