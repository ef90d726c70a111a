/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Open and Repair: a map with broken references or values is read
 * leniently, mended, and every problem and every repair is listed. */

#include "config.h"

#include <string.h>

#include "wm-card.h"
#include "wm-curve.h"
#include "wm-error.h"
#include "wm-history.h"
#include "wm-item.h"
#include "wm-lane.h"
#include "wm-moment.h"
#include "wm-persona.h"
#include "wm-stage.h"
#include "wm-reader.h"
#include "wm-repair.h"
#include "wm-writer.h"

static char *
read_fixture (const char *name,
              gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "repair", name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, length, NULL));
  return text;
}

static gboolean
any_has (GPtrArray  *list,
         const char *needle)
{
  for (guint i = 0; i < list->len; i++)
    if (strstr (g_ptr_array_index (list, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

static WmCard *
card_at (WmDocument *document,
         guint       index)
{
  g_autoptr(WmLane) lane = g_list_model_get_item (G_LIST_MODEL (wm_document_get_lanes (document)), 0);

  return g_list_model_get_item (G_LIST_MODEL (wm_lane_get_cards (lane)), index);
}

/* Five kinds of problem: all listed, all mended, and the result saves
 * and reads back with no problem. */
static void
test_five_problems (void)
{
  gsize length = 0;
  g_autofree char *text = read_fixture ("five-problems.waymark", &length);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) repairs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) strict = wm_reader_load_data (text, length, "five.waymark", &error);
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(WmDocument) again = NULL;
  g_autoptr(WmCard) moved = NULL;
  g_autoptr(WmCard) severe = NULL;
  g_autoptr(WmCard) duplicate = NULL;
  g_autoptr(WmCurve) curve = NULL;
  g_autofree char *saved = NULL;
  gsize saved_length = 0;

  /* Without repair it cannot be opened. */
  g_assert_null (strict);
  g_assert_true (wm_repair_error_is_repairable (error));
  g_clear_error (&error);

  document = wm_repair_load_data (text, length, "five.waymark", problems, repairs, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *) g_ptr_array_index (problems, i));
  for (guint i = 0; i < repairs->len; i++)
    g_test_message ("repair: %s", (char *) g_ptr_array_index (repairs, i));

  g_assert_cmpuint (problems->len, ==, 6);
  g_assert_true (any_has (problems, "five.waymark:14: stage “nowhere”"));
  g_assert_true (any_has (problems, "five.waymark:17: severity=“9”"));
  g_assert_true (any_has (problems, "five.waymark:20: id “c2”"));
  g_assert_true (any_has (problems, "five.waymark:20: span=“5”"));
  g_assert_true (any_has (problems, "five.waymark:26: stage “gone”"));
  g_assert_true (any_has (problems, "five.waymark:28: persona “ghost”"));
  g_assert_cmpuint (repairs->len, >=, 5);

  /* The card of a missing stage is kept, last, in "Unplaced". */
  moved = card_at (document, 2);
  g_assert_cmpstr (wm_card_get_stage (moved), ==, "unplaced");
  g_assert_cmpstr (wm_card_get_text (moved), ==, "On a missing stage");
  severe = card_at (document, 0);
  g_assert_cmpuint (wm_card_get_severity (severe), ==, 5);
  duplicate = card_at (document, 1);
  g_assert_cmpstr (wm_item_get_id (WM_ITEM (duplicate)), !=, "c2");
  g_assert_nonnull (wm_item_get_id (WM_ITEM (duplicate)));
  g_assert_cmpuint (wm_card_get_span (duplicate), ==, 1);
  curve = g_list_model_get_item (G_LIST_MODEL (wm_document_get_curves (document)), 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (wm_curve_get_points (curve))), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_moments (document))), ==, 1);

  saved = wm_writer_write (document, &saved_length, &error);
  g_assert_no_error (error);
  again = wm_reader_load_data (saved, saved_length, "saved.waymark", &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
}

static guint
n_items (gpointer list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

static WmStage *
last_stage (WmDocument *document)
{
  GListModel *stages = G_LIST_MODEL (wm_document_get_stages (document));

  return g_list_model_get_item (stages, g_list_model_get_n_items (stages) - 1);
}

/* The map as first shown: every item of a missing stage or persona
 * dropped, nothing "Unplaced". */
static void
assert_dropped (WmDocument *document)
{
  g_autoptr(WmLane) lane = g_list_model_get_item (G_LIST_MODEL (wm_document_get_lanes (document)), 0);
  g_autoptr(WmCurve) curve = g_list_model_get_item (G_LIST_MODEL (wm_document_get_curves (document)), 0);

  g_assert_cmpuint (n_items (wm_document_get_stages (document)), ==, 2);
  g_assert_cmpuint (n_items (wm_document_get_personas (document)), ==, 1);
  g_assert_cmpuint (n_items (wm_lane_get_cards (lane)), ==, 2);
  g_assert_cmpuint (n_items (wm_curve_get_points (curve)), ==, 1);
  g_assert_cmpuint (n_items (wm_document_get_moments (document)), ==, 0);
}

/* After the repair step: the card, the point and the moment are in a
 * stage "Unplaced" at the end (the moment on a persona "Unplaced"), their
 * text kept. */
static void
assert_placed (WmDocument *document,
               const char *title)
{
  g_autoptr(WmStage) stage = last_stage (document);
  g_autoptr(WmCard) card = card_at (document, 2);
  g_autoptr(WmMoment) moment = g_list_model_get_item (G_LIST_MODEL (wm_document_get_moments (document)), 0);
  g_autoptr(WmPersona) persona = g_list_model_get_item (G_LIST_MODEL (wm_document_get_personas (document)), 1);
  g_autoptr(WmCurve) curve = g_list_model_get_item (G_LIST_MODEL (wm_document_get_curves (document)), 0);

  g_assert_cmpuint (n_items (wm_document_get_stages (document)), ==, 3);
  g_assert_cmpstr (wm_stage_get_title (stage), ==, title);
  g_assert_cmpstr (wm_card_get_stage (card), ==, wm_item_get_id (WM_ITEM (stage)));
  g_assert_cmpstr (wm_card_get_text (card), ==, "On a missing stage");
  g_assert_nonnull (moment);
  g_assert_cmpstr (wm_moment_get_text (moment), ==, "Whose?");
  g_assert_cmpstr (wm_moment_get_persona (moment), ==, wm_item_get_id (WM_ITEM (persona)));
  g_assert_cmpstr (wm_persona_get_name (persona), ==, title);
  g_assert_nonnull (wm_curve_find_point (curve, wm_item_get_id (WM_ITEM (stage))));
}

/* Open and Repair as one undo step: the map opens with the dangling
 * items dropped, "Repair Map" puts them in "Unplaced", undo drops them
 * again, redo brings them back, and what is saved then reads back
 * strictly. Every repair names its line. */
static void
test_unplaced_undo (void)
{
  gsize length = 0;
  g_autofree char *text = read_fixture ("five-problems.waymark", &length);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) repairs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) placed = NULL;
  g_autoptr(WmDocument) dropped = NULL;
  g_autoptr(WmDocument) again = NULL;
  g_autoptr(WmHistory) history = NULL;
  g_autofree char *saved = NULL;
  gsize saved_length = 0;

  dropped = wm_repair_load_data_split (text, length, "five.waymark", problems, repairs, &placed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dropped);
  g_assert_nonnull (placed);
  for (guint i = 0; i < repairs->len; i++)
    g_test_message ("repair: %s", (char *) g_ptr_array_index (repairs, i));
  g_assert_true (any_has (repairs, "five.waymark:14: card “c1” (“On a missing stage”) was put in the stage “Unplaced”"));
  g_assert_true (any_has (repairs, "five.waymark:17: severity=“9” is out of range (1 to 5) — brought into range"));
  g_assert_true (any_has (repairs, "five.waymark:26: a point of the curve of “p1” was put in the stage “Unplaced”"));
  g_assert_true (any_has (repairs, "five.waymark:28: moment “m1” (“Whose?”) now belongs to the persona “Unplaced”"));
  assert_dropped (dropped);

  history = wm_history_new (dropped);
  wm_history_push (history, wm_repair_command_new (dropped, placed));
  g_assert_cmpstr (wm_history_get_undo_label (history), ==, "Repair Map");
  assert_placed (dropped, "Unplaced");
  g_assert_true (wm_history_undo (history));
  assert_dropped (dropped);
  g_assert_true (wm_history_redo (history));
  assert_placed (dropped, "Unplaced");

  saved = wm_writer_write (dropped, &saved_length, &error);
  g_assert_no_error (error);
  again = wm_reader_load_data (saved, saved_length, "saved.waymark", &error);
  g_assert_no_error (error);
  assert_placed (again, "Unplaced");
}

/* "Unplaced" is in the map's language: a Chinese map gets "未归位". */
static void
test_unplaced_zh (void)
{
  gsize length = 0;
  g_autofree char *text = read_fixture ("five-problems.waymark", &length);
  g_autofree char *zh = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) repairs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) placed = NULL;
  g_autoptr(WmDocument) dropped = NULL;
  g_auto(GStrv) parts = g_strsplit (text, "format=\"1\">", 2);

  zh = g_strconcat (parts[0], "format=\"1\" xml:lang=\"zh-CN\">", parts[1], NULL);
  dropped = wm_repair_load_data_split (zh, strlen (zh), "zh.waymark", problems, repairs, &placed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (placed);
  assert_placed (placed, "未归位");
}

static guint
count_cards (WmDocument *document)
{
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (document));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(WmLane) lane = g_list_model_get_item (lanes, i);

      n += n_items (wm_lane_get_cards (lane));
    }
  return n;
}

/* The sample map with a seeded random fifth of its stage= and persona=
 * references pointing nowhere. */
static char *
break_references (const char *text,
                  GRand      *rand,
                  guint      *broken)
{
  GString *out = g_string_new (NULL);
  const char *p = text;
  const char *hit;

  *broken = 0;
  while ((hit = strstr (p, " stage=\"")) != NULL || (hit = strstr (p, " persona=\"")) != NULL)
    {
      const char *persona = strstr (p, " persona=\"");
      const char *value;

      if (persona != NULL && persona < hit)
        hit = persona;
      value = strchr (hit, '"') + 1;
      g_string_append_len (out, p, value - p);
      p = value;
      /* Stage elements have no stage=: only references are hit. */
      if (g_rand_int_range (rand, 0, 5) == 0)
        {
          g_string_append (out, "gone");
          p = strchr (value, '"');
          (*broken)++;
        }
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

/* Whatever dangles, no card is lost: the repair step holds every card
 * of the file, undo drops exactly the dangling ones, redo brings them
 * back, and both versions save and read back strictly. */
static void
test_random_dangling (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "templates", "en", "camping.waymark", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);
  g_autoptr(WmDocument) intact = NULL;
  guint all;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  intact = wm_reader_load_data (text, strlen (text), "camping.waymark", NULL);
  g_assert_nonnull (intact);
  all = count_cards (intact);

  for (guint round = 0; round < 40; round++)
    {
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) repairs = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      g_autoptr(WmDocument) placed = NULL;
      g_autoptr(WmDocument) dropped = NULL;
      g_autoptr(WmHistory) history = NULL;
      g_autoptr(WmDocument) again = NULL;
      g_autofree char *saved = NULL;
      g_autofree char *broken_text = NULL;
      guint broken = 0;
      guint kept;
      gsize length = 0;

      broken_text = break_references (text, rand, &broken);
      dropped = wm_repair_load_data_split (broken_text, strlen (broken_text), "camping.waymark",
                                           problems, repairs, &placed, &error);
      g_assert_no_error (error);
      g_assert_nonnull (dropped);
      g_assert_cmpuint (problems->len, >=, broken > 0 ? 1 : 0);
      if (broken == 0)
        continue;
      g_test_message ("round %u: %u references broken, %u repairs", round, broken, repairs->len);
      g_assert_nonnull (placed);
      g_assert_cmpuint (count_cards (placed), ==, all);
      kept = count_cards (dropped);

      history = wm_history_new (dropped);
      wm_history_push (history, wm_repair_command_new (dropped, placed));
      g_assert_cmpuint (count_cards (dropped), ==, all);
      g_assert_true (wm_history_undo (history));
      g_assert_cmpuint (count_cards (dropped), ==, kept);
      saved = wm_writer_write (dropped, &length, &error);
      g_assert_no_error (error);
      g_clear_pointer (&saved, g_free);
      g_assert_true (wm_history_redo (history));
      saved = wm_writer_write (dropped, &length, &error);
      g_assert_no_error (error);
      again = wm_reader_load_data (saved, length, "saved.waymark", &error);
      g_assert_no_error (error);
      g_assert_cmpuint (count_cards (again), ==, all);
    }
}

/* Not well-formed XML, a DOCTYPE: refused, nothing to repair. */
static void
test_malformed_refused (void)
{
  const char *texts[] = {
    "<?xml version=\"1.0\"?>\n<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n  <title>Cut</title\n",
    "<?xml version=\"1.0\"?>\n<!DOCTYPE map [<!ENTITY x \"y\">]>\n"
    "<map xmlns=\"urn:waymark:map:1\" format=\"1\"><title>&x;</title></map>\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) repairs = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      g_autoptr(WmDocument) document = NULL;

      document = wm_repair_load_data (texts[i], strlen (texts[i]), "bad.waymark", problems, repairs, &error);
      g_assert_null (document);
      g_assert_nonnull (error);
      g_assert_false (wm_repair_error_is_repairable (error));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/Repair/five-problems", test_five_problems);
  g_test_add_func ("/Waymark/Repair/malformed-refused", test_malformed_refused);
  g_test_add_func ("/Waymark/Repair/unplaced-undo", test_unplaced_undo);
  g_test_add_func ("/Waymark/Repair/unplaced-zh", test_unplaced_zh);
  g_test_add_func ("/Waymark/Repair/random-dangling", test_random_dangling);

  return g_test_run ();
}
