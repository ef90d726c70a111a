/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The edit layer: an edit of a whole selection is one undo step that
 * gives back the file byte for byte, with a label that counts. */
#include "config.h"

#include <math.h>

#include <string.h>

#include "wm-evidence.h"
#include "wm-history.h"
#include "wm-lane-kind.h"
#include "wm-reader.h"
#include "wm-user-edits.h"
#include "wm-writer.h"

typedef struct
{
  WmDocument *document;
  WmHistory  *history;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("WAYMARK_DATADIR"), "templates", "zh-CN",
                                            "camping.waymark", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  fixture->document = wm_reader_load_file (file, &error);
  g_assert_no_error (error);
  fixture->history = wm_history_new (fixture->document);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->history);
  g_assert_finalize_object (fixture->document);
}

static char *
save (Fixture *fixture)
{
  return wm_writer_to_string (fixture->document, NULL);
}

/* Pushes @command: one step, undone gives back the bytes, redone the edit. */
static void
check_one_step (Fixture    *fixture,
                WmCommand  *command,
                const char *label)
{
  g_autofree char *before = save (fixture);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  g_assert_nonnull (command);
  g_assert_cmpstr (wm_command_get_label (command), ==, label);
  wm_history_push (fixture->history, command);
  after = save (fixture);
  g_assert_cmpstr (before, !=, after);
  g_assert_true (wm_history_undo (fixture->history));
  undone = save (fixture);
  g_assert_cmpstr (before, ==, undone);
  g_assert_false (wm_history_get_can_undo (fixture->history));
  g_assert_true (wm_history_redo (fixture->history));
  redone = save (fixture);
  g_assert_cmpstr (after, ==, redone);
}

static WmLane *
lane_of_kind (WmDocument *document,
              WmLaneKind  kind)
{
  GListStore *lanes = wm_document_get_lanes (document);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (lanes)); i++)
    if (wm_lane_get_kind (wm_list_peek (lanes, i)) == kind)
      return wm_list_peek (lanes, i);
  g_assert_not_reached ();
}

/* The first @n cards of the map, lane by lane. */
static GPtrArray *
some_cards (WmDocument *document,
            guint       n)
{
  GPtrArray *cards = g_ptr_array_new ();
  GListStore *lanes = wm_document_get_lanes (document);

  for (guint l = 0; l < g_list_model_get_n_items (G_LIST_MODEL (lanes)) && cards->len < n; l++)
    {
      GListStore *list = wm_lane_get_cards (wm_list_peek (lanes, l));

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)) && cards->len < n; i++)
        g_ptr_array_add (cards, wm_list_peek (list, i));
    }
  g_assert_cmpuint (cards->len, ==, n);
  return cards;
}

static guint
count_cards (WmDocument *document)
{
  GListStore *lanes = wm_document_get_lanes (document);
  guint n = 0;

  for (guint l = 0; l < g_list_model_get_n_items (G_LIST_MODEL (lanes)); l++)
    n += g_list_model_get_n_items (G_LIST_MODEL (wm_lane_get_cards (wm_list_peek (lanes, l))));
  return n;
}

static void
test_remove_many (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) cards = some_cards (fixture->document, 5);
  guint n = count_cards (fixture->document);

  check_one_step (fixture, wm_user_edit_remove (fixture->document, cards), "Delete 5 Cards");
  g_assert_cmpuint (count_cards (fixture->document), ==, n - 5);
}

static void
test_remove_one_keeps_label (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) cards = some_cards (fixture->document, 1);

  check_one_step (fixture, wm_user_edit_remove (fixture->document, cards), "Delete Card");
}

/* A card in a removed stage goes with the stage, not twice. */
static void
test_remove_stage_and_its_card (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) items = some_cards (fixture->document, 1);
  WmStage *stage = wm_document_find_stage (fixture->document,
                                           wm_card_get_stage (g_ptr_array_index (items, 0)));

  g_ptr_array_add (items, stage);
  check_one_step (fixture, wm_user_edit_remove (fixture->document, items), "Delete Stage");
  g_assert_null (wm_document_find_stage (fixture->document, wm_item_get_id (WM_ITEM (stage))));
}

static int
stage_of (WmDocument *document,
          WmCard     *card)
{
  return wm_document_stage_index (document, wm_card_get_stage (card));
}

static void
test_move_keeps_offsets (Fixture       *fixture,
                         gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  GListStore *list = wm_lane_get_cards (lane_of_kind (doc, WM_LANE_PAINS));
  WmCard *a = wm_list_peek (list, 0), *b;
  int sa, sb;

  /* Two cards of the same lane, in different stages. */
  for (guint i = 1; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    if (stage_of (doc, wm_list_peek (list, i)) != stage_of (doc, a))
      break;
  b = wm_list_peek (list, 1);
  for (guint i = 1; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    if (stage_of (doc, wm_list_peek (list, i)) > stage_of (doc, a))
      {
        b = wm_list_peek (list, i);
        break;
      }
  g_ptr_array_add (cards, a);
  g_ptr_array_add (cards, b);
  sa = stage_of (doc, a);
  sb = stage_of (doc, b);
  g_assert_cmpint (sa, <, sb);

  check_one_step (fixture, wm_user_edit_move_cards (doc, cards, 0, sa > 0 ? -1 : 1), "Move 2 Cards");
  g_assert_cmpint (stage_of (doc, a), ==, sa > 0 ? sa - 1 : sa + 1);
  g_assert_cmpint (stage_of (doc, b) - stage_of (doc, a), ==, sb - sa);
}

/* Far past the last stage: the selection stops at the edge, still
 * keeping its shape. */
static void
test_move_clamped (Fixture       *fixture,
                   gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  g_autoptr(GPtrArray) cards = some_cards (doc, 3);
  guint last = g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (doc))) - 1;
  int max = 0;

  for (guint i = 0; i < cards->len; i++)
    max = MAX (max, stage_of (doc, g_ptr_array_index (cards, i)));
  wm_history_push (fixture->history, wm_user_edit_move_cards (doc, cards, 0, 1000));
  max = 0;
  for (guint i = 0; i < cards->len; i++)
    max = MAX (max, stage_of (doc, g_ptr_array_index (cards, i)));
  g_assert_cmpint (max, ==, (int) last);
  g_assert_null (wm_user_edit_move_cards (doc, cards, 0, 1));
}

/* Moved down past the emotion lane, a card lands in a lane of cards. */
static void
test_move_skips_emotion (Fixture       *fixture,
                         gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  GListStore *lanes = wm_document_get_lanes (doc);
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  guint emotion = 0;
  WmLane *lane = NULL;

  g_assert_true (g_list_store_find (lanes, lane_of_kind (doc, WM_LANE_EMOTION), &emotion));
  g_assert_cmpuint (emotion, >, 0);
  g_ptr_array_add (cards, wm_list_peek (wm_lane_get_cards (wm_list_peek (lanes, emotion - 1)), 0));
  wm_history_push (fixture->history, wm_user_edit_move_cards (doc, cards, 1, 0));
  wm_document_find_card (doc, wm_item_get_id (g_ptr_array_index (cards, 0)), &lane);
  g_assert_nonnull (lane);
  g_assert_cmpint (wm_lane_get_kind (lane), !=, WM_LANE_EMOTION);
}

static void
test_duplicate_many (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) cards = some_cards (fixture->document, 3);
  g_autoptr(GPtrArray) copies = g_ptr_array_new ();
  guint n = count_cards (fixture->document);

  check_one_step (fixture, wm_user_edit_duplicate (fixture->document, cards, copies), "Duplicate 3 Cards");
  g_assert_cmpuint (count_cards (fixture->document), ==, n + 3);
  g_assert_cmpuint (copies->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      WmCard *copy = g_ptr_array_index (copies, i);

      g_assert_cmpstr (wm_card_get_text (copy), ==, wm_card_get_text (g_ptr_array_index (cards, i)));
      g_assert_true (wm_document_find_card (fixture->document, wm_item_get_id (WM_ITEM (copy)), NULL) == copy);
    }
}

static void
test_paste_many (Fixture       *fixture,
                 gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  g_autoptr(GPtrArray) cards = some_cards (doc, 4);
  g_autoptr(WmUserClip) clip = wm_user_clip_new (doc, cards);
  g_autoptr(GPtrArray) pasted = g_ptr_array_new ();
  g_autofree char *saved = NULL;
  guint n = count_cards (doc);

  g_assert_cmpuint (wm_user_clip_get_size (clip), ==, 4);
  check_one_step (fixture, wm_user_edit_paste (doc, clip, 0, 1, pasted), "Paste 4 Cards");
  g_assert_cmpuint (count_cards (doc), ==, n + 4);
  g_assert_cmpuint (pasted->len, ==, 4);
  /* Twice: fresh ids again, so the second paste is a map that saves. */
  wm_history_push (fixture->history, wm_user_edit_paste (doc, clip, 0, 1, NULL));
  g_assert_cmpuint (count_cards (doc), ==, n + 8);
  saved = wm_writer_write (doc, NULL, NULL);
  g_assert_nonnull (saved);
}

static void
test_set_shared (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) cards = some_cards (fixture->document, 3);
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_UINT);
  g_value_set_uint (&value, 4);
  check_one_step (fixture, wm_user_edit_set (fixture->document, cards, "severity", &value),
                  "Change Severity on 3 Items");
  for (guint i = 0; i < cards->len; i++)
    g_assert_cmpuint (wm_card_get_severity (g_ptr_array_index (cards, i)), ==, 4);
  /* Nothing left to change: no empty undo step. */
  g_assert_null (wm_user_edit_set (fixture->document, cards, "severity", &value));
}

/* Adding: one step each, with the default names inside the layer. */

static guint
n_in (gpointer list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

static WmStage *
stage_n (WmDocument *document,
         guint       index)
{
  return wm_list_peek (wm_document_get_stages (document), index);
}

static void
test_add_stage (Fixture       *fixture,
                gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  guint n = n_in (wm_document_get_stages (doc));
  guint position = 99;

  check_one_step (fixture, wm_user_edit_add_stage (doc, &position), "Add Stage");
  g_assert_cmpuint (position, ==, n);
  g_assert_cmpuint (n_in (wm_document_get_stages (doc)), ==, n + 1);
  g_assert_cmpstr (wm_stage_get_title (stage_n (doc, n)), ==, "New Stage");
}

static void
test_add_lane (Fixture       *fixture,
               gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  GListStore *lanes = wm_document_get_lanes (doc);
  guint n = n_in (lanes);
  guint position = 1;
  WmCommand *command = wm_user_edit_add_lane (doc, &position, WM_LANE_PAINS);

  g_assert_cmpuint (position, ==, 1);
  check_one_step (fixture, command, wm_command_get_label (command));
  g_assert_cmpuint (n_in (lanes), ==, n + 1);
  g_assert_cmpint (wm_lane_get_kind (wm_list_peek (lanes, 1)), ==, WM_LANE_PAINS);
  g_assert_cmpstr (wm_lane_get_title (wm_list_peek (lanes, 1)), ==, wm_lane_kind_get_label (WM_LANE_PAINS));
  position = 1000;
  g_object_unref (wm_user_edit_add_lane (doc, &position, WM_LANE_NOTES));
  g_assert_cmpuint (position, ==, n + 1);
}

static void
test_add_card (Fixture       *fixture,
               gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  const char *stage = wm_item_get_id (WM_ITEM (stage_n (doc, 1)));
  WmLane *lane = lane_of_kind (doc, WM_LANE_PAINS);
  g_autoptr(WmLane) stranger = wm_lane_new ("stranger", WM_LANE_NOTES, "Stranger");
  WmCard *card = NULL;
  guint n = count_cards (doc);

  check_one_step (fixture, wm_user_edit_add_card (doc, lane, stage, NULL, &card), "Add Card");
  g_assert_cmpuint (count_cards (doc), ==, n + 1);
  g_assert_cmpstr (wm_card_get_text (card), ==, "New Card");
  g_assert_cmpstr (wm_card_get_stage (card), ==, stage);
  /* What the reader refuses: a card in the emotion lane, on no stage, in
   * a lane of another map. */
  g_assert_null (wm_user_edit_add_card (doc, lane_of_kind (doc, WM_LANE_EMOTION), stage, "x", NULL));
  g_assert_null (wm_user_edit_add_card (doc, lane, "no-such-stage", "x", NULL));
  g_assert_null (wm_user_edit_add_card (doc, stranger, stage, "x", NULL));
}

static void
test_add_persona (Fixture       *fixture,
                  gconstpointer  data)
{
  GListStore *personas = wm_document_get_personas (fixture->document);
  guint n = n_in (personas);

  check_one_step (fixture, wm_user_edit_add_persona (fixture->document), "Add Persona");
  g_assert_cmpuint (n_in (personas), ==, n + 1);
  g_assert_cmpstr (wm_persona_get_name (wm_list_peek (personas, n)), ==, "New Persona");
}

static void
test_add_moment (Fixture       *fixture,
                 gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  GListStore *moments = wm_document_get_moments (doc);
  GListStore *personas = wm_document_get_personas (doc);
  g_autoptr(WmCommand) add = wm_user_edit_add_persona (doc);
  const char *stage = wm_item_get_id (WM_ITEM (stage_n (doc, 2)));
  guint n = n_in (moments);
  WmPersona *second;
  WmMoment *moment;

  /* Outside the history: the step checked is the moment's. */
  wm_command_apply (add);
  second = wm_list_peek (personas, 1);
  g_assert_nonnull (second);
  check_one_step (fixture, wm_user_edit_add_moment (doc, WM_MOMENT_AHA, wm_item_get_id (WM_ITEM (second)),
                                                    stage, 0.25),
                  "Add Aha-Moment");
  g_assert_cmpuint (n_in (moments), ==, n + 1);
  moment = wm_list_peek (moments, n);
  g_assert_cmpstr (wm_moment_get_persona (moment), ==, wm_item_get_id (WM_ITEM (second)));
  g_assert_cmpstr (wm_moment_get_stage (moment), ==, stage);
  g_assert_cmpstr (wm_moment_get_text (moment), ==, "Aha!");
  /* No stage: refused; no persona named: the first one shown. */
  g_assert_null (wm_user_edit_add_moment (doc, WM_MOMENT_MICRO, NULL, "no-such-stage", 0.5));
  wm_history_push (fixture->history, wm_user_edit_add_moment (doc, WM_MOMENT_MICRO, NULL, NULL, 0.5));
  moment = wm_list_peek (moments, n + 1);
  g_assert_cmpstr (wm_moment_get_persona (moment), ==, wm_user_edit_moment_persona (doc));
  g_assert_cmpstr (wm_moment_get_stage (moment), ==, wm_item_get_id (WM_ITEM (stage_n (doc, 0))));
}

/* With every persona hidden, the moment brings its own persona: still
 * one undo step. */
static void
test_add_moment_new_persona (Fixture       *fixture,
                             gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  GListStore *personas = wm_document_get_personas (doc);
  guint n = n_in (personas);
  WmMoment *moment;

  for (guint i = 0; i < n; i++)
    wm_persona_set_hidden (wm_list_peek (personas, i), TRUE);
  g_assert_null (wm_user_edit_moment_persona (doc));
  check_one_step (fixture, wm_user_edit_add_moment (doc, WM_MOMENT_MICRO, NULL, NULL, 0.5), "Add Micro-Moment");
  g_assert_cmpuint (n_in (personas), ==, n + 1);
  moment = wm_list_peek (wm_document_get_moments (doc), n_in (wm_document_get_moments (doc)) - 1);
  g_assert_cmpstr (wm_moment_get_persona (moment), ==, wm_item_get_id (wm_list_peek (personas, n)));
}

static void
test_add_metric (Fixture       *fixture,
                 gconstpointer  data)
{
  WmStage *stage = stage_n (fixture->document, 0);
  GListStore *metrics = wm_stage_get_metrics (stage);
  guint n = n_in (metrics);
  double min, max;

  check_one_step (fixture, wm_user_edit_add_metric (stage, WM_METRIC_NPS), "Add Metric");
  g_assert_cmpuint (n_in (metrics), ==, n + 1);
  wm_metric_kind_range (WM_METRIC_NPS, &min, &max);
  g_assert_cmpfloat (wm_metric_get_value (wm_list_peek (metrics, n)), ==, MAX (min, 0));
}

/* Moving one item */

static void
test_reorder (Fixture       *fixture,
              gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  WmStage *stage = stage_n (doc, 0);
  WmLane *lane = wm_list_peek (wm_document_get_lanes (doc), 0);
  guint n = n_in (wm_document_get_stages (doc));

  check_one_step (fixture, wm_user_edit_reorder (doc, stage, 2), "Move Stage");
  g_assert_true (stage_n (doc, 2) == stage);
  g_assert_null (wm_user_edit_reorder (doc, stage, 2));
  g_assert_null (wm_user_edit_reorder (doc, stage, -1));
  g_assert_null (wm_user_edit_reorder (doc, stage, (int) n));
  g_assert_null (wm_user_edit_reorder (doc, wm_list_peek (wm_document_get_personas (doc), 0), 1));
  wm_history_push (fixture->history, wm_user_edit_reorder (doc, lane, 1));
  g_assert_true (wm_list_peek (wm_document_get_lanes (doc), 1) == lane);
}

static void
test_move_card (Fixture       *fixture,
                gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  WmLane *pains = lane_of_kind (doc, WM_LANE_PAINS);
  WmLane *to = lane_of_kind (doc, WM_LANE_OPPORTUNITIES);
  WmCard *card = wm_list_peek (wm_lane_get_cards (pains), 0);
  const char *stage = wm_item_get_id (WM_ITEM (stage_n (doc, 3)));
  WmLane *lane = NULL;

  check_one_step (fixture, wm_user_edit_move_card (doc, card, to, stage, 0), "Move Card");
  wm_document_find_card (doc, wm_item_get_id (WM_ITEM (card)), &lane);
  g_assert_true (lane == to);
  g_assert_cmpstr (wm_card_get_stage (card), ==, stage);
  /* Where it is already; where the reader refuses it. */
  g_assert_null (wm_user_edit_move_card (doc, card, to, stage, 0));
  g_assert_null (wm_user_edit_move_card (doc, card, lane_of_kind (doc, WM_LANE_EMOTION), stage, -1));
  g_assert_null (wm_user_edit_move_card (doc, card, to, "no-such-stage", -1));
}

static void
test_set_span (Fixture       *fixture,
               gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  g_autoptr(GPtrArray) cards = some_cards (doc, 1);
  WmCard *card = g_ptr_array_index (cards, 0);
  guint n = n_in (wm_document_get_stages (doc));
  int first = wm_document_stage_index (doc, wm_card_get_stage (card));
  guint span = wm_card_get_span (card);

  g_assert_cmpuint (span + first, <, n);
  check_one_step (fixture, wm_user_edit_set_span (doc, card, span + 1), "Resize Card");
  g_assert_cmpuint (wm_card_get_span (card), ==, span + 1);
  g_assert_null (wm_user_edit_set_span (doc, card, span + 1));
  g_assert_null (wm_user_edit_set_span (doc, card, 0));
  g_assert_null (wm_user_edit_set_span (doc, card, n - first + 1));
}

static void
test_move_moment (Fixture       *fixture,
                  gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  WmMoment *moment = wm_list_peek (wm_document_get_moments (doc), 0);
  g_autoptr(WmMoment) stranger = wm_moment_new ("m", WM_MOMENT_AHA, "p", "s");
  const char *stage = wm_item_get_id (WM_ITEM (stage_n (doc, 4)));

  g_assert_nonnull (moment);
  check_one_step (fixture, wm_user_edit_move_moment (doc, moment, stage, 0.75), "Move Moment");
  g_assert_cmpstr (wm_moment_get_stage (moment), ==, stage);
  g_assert_cmpfloat (wm_moment_get_at (moment), ==, 0.75);
  g_assert_null (wm_user_edit_move_moment (doc, moment, "no-such-stage", 0.5));
  g_assert_null (wm_user_edit_move_moment (doc, stranger, stage, 0.5));
}

/* A drag of a curve point: many updates, one step. */
static void
test_set_point (Fixture       *fixture,
                gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  WmCurve *curve = wm_list_peek (wm_document_get_curves (doc), 0);
  WmCurvePoint *point = wm_list_peek (wm_curve_get_points (curve), 0);
  g_autoptr(WmCurvePoint) stranger = wm_curve_point_new ("s", 0.0, 0.5);
  g_autofree char *before = save (fixture);
  g_autofree char *undone = NULL;

  for (int i = 1; i <= 5; i++)
    wm_history_push (fixture->history, wm_user_edit_set_point_value (doc, point, -0.2 * i));
  g_assert_cmpfloat (fabs (wm_curve_point_get_value (point) - -1.0), <, 1e-9);
  g_assert_true (wm_history_undo (fixture->history));
  g_assert_false (wm_history_get_can_undo (fixture->history));
  undone = save (fixture);
  g_assert_cmpstr (before, ==, undone);
  g_assert_null (wm_user_edit_set_point_value (doc, stranger, 1.0));
  g_assert_null (wm_user_edit_set_point (doc, "no-such-persona", wm_curve_point_get_stage (point), 1.0));
}

static void
test_paste_cards (Fixture       *fixture,
                  gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func (g_object_unref);
  const char *stage = wm_item_get_id (WM_ITEM (stage_n (doc, 0)));
  guint n = count_cards (doc);

  g_ptr_array_add (cards, wm_card_new ("pasted-1", stage, "one"));
  g_ptr_array_add (cards, wm_card_new ("pasted-2", stage, "two"));
  g_assert_null (wm_user_edit_paste_cards (doc, cards, lane_of_kind (doc, WM_LANE_EMOTION), stage, 0));
  g_assert_null (wm_user_edit_paste_cards (doc, cards, lane_of_kind (doc, WM_LANE_THOUGHTS), "no-such-stage", 0));
  check_one_step (fixture, wm_user_edit_paste_cards (doc, cards, lane_of_kind (doc, WM_LANE_THOUGHTS), stage, G_MAXUINT),
                  "Paste Cards");
  g_assert_cmpuint (count_cards (doc), ==, n + 2);
}

/* The outline's rows that are no cards: a persona, a metric. */
static void
test_remove_persona_metric (Fixture       *fixture,
                            gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  GListStore *personas = wm_document_get_personas (doc);
  guint n = n_in (personas);

  g_ptr_array_add (items, wm_list_peek (personas, 0));
  check_one_step (fixture, wm_user_edit_remove (doc, items), "Delete Persona");
  g_assert_cmpuint (n_in (personas), ==, n - 1);
  wm_history_undo (fixture->history);
  wm_history_push (fixture->history, wm_user_edit_add_metric (stage_n (doc, 0), WM_METRIC_CSAT));
  g_ptr_array_set_size (items, 0);
  g_ptr_array_add (items, wm_list_peek (wm_stage_get_metrics (stage_n (doc, 0)), 0));
  wm_history_push (fixture->history, wm_user_edit_remove (doc, items));
  g_assert_cmpuint (n_in (wm_stage_get_metrics (stage_n (doc, 0))), ==, 0);
}

static void
test_duplicate_stage (Fixture       *fixture,
                      gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GPtrArray) copies = g_ptr_array_new ();
  guint n = n_in (wm_document_get_stages (doc));

  g_ptr_array_add (items, stage_n (doc, 1));
  check_one_step (fixture, wm_user_edit_duplicate (doc, items, copies), "Duplicate Stage");
  g_assert_cmpuint (n_in (wm_document_get_stages (doc)), ==, n + 1);
  g_assert_cmpuint (copies->len, ==, 1);
  g_assert_true (g_ptr_array_index (copies, 0) == (gpointer) stage_n (doc, 2));
}

/* Typing into a field: one step for the whole word; a value the reader
 * refuses, or none changed, is no step at all. */
static void
test_type (Fixture       *fixture,
           gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  WmStage *stage = stage_n (doc, 0);
  WmMoment *moment = wm_list_peek (wm_document_get_moments (doc), 0);
  g_autofree char *before = save (fixture);
  g_autofree char *undone = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  const char *typed[] = { "T", "Ti", "Tit", "Title" };

  g_value_init (&value, G_TYPE_STRING);
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_value_set_string (&value, typed[i]);
      wm_history_push (fixture->history, wm_user_edit_type (doc, stage, "title", &value, "typing"));
    }
  g_assert_cmpstr (wm_stage_get_title (stage), ==, "Title");
  g_assert_null (wm_user_edit_type (doc, stage, "title", &value, "typing"));
  g_assert_true (wm_history_undo (fixture->history));
  g_assert_false (wm_history_get_can_undo (fixture->history));
  undone = save (fixture);
  g_assert_cmpstr (before, ==, undone);
  g_value_set_string (&value, "no-such-persona");
  g_assert_null (wm_user_edit_type (doc, moment, "persona", &value, NULL));
}

static void
test_lane_kind_fields (void)
{
  g_autoptr(WmCard) card = wm_card_new ("c", "s", "text");

  g_assert_cmpint (wm_card_get_fields (card, WM_LANE_PAINS), ==,
                   WM_CARD_FIELD_SEVERITY | WM_CARD_FIELD_FREQUENCY);
  g_assert_cmpint (wm_card_get_fields (card, WM_LANE_NEEDS), ==,
                   WM_CARD_FIELD_SEVERITY | WM_CARD_FIELD_FREQUENCY);
  g_assert_cmpint (wm_card_get_fields (card, WM_LANE_TOUCHPOINTS), ==,
                   WM_CARD_FIELD_TOUCHPOINT | WM_CARD_FIELD_KEY | WM_CARD_FIELD_CHANNEL);
  g_assert_cmpint (wm_card_get_fields (card, WM_LANE_OPPORTUNITIES), ==, WM_CARD_FIELD_OWNER);
  g_assert_cmpint (wm_card_get_fields (card, WM_LANE_NOTES), ==, 0);
  /* A value the kind does not have still shows, so it can be cleared. */
  wm_card_set_frequency (card, 3);
  g_assert_cmpint (wm_card_get_fields (card, WM_LANE_NOTES), ==, WM_CARD_FIELD_FREQUENCY);
  g_assert_false (wm_lane_kind_holds_cards (WM_LANE_EMOTION));
  for (int k = WM_LANE_ACTIONS; k <= WM_LANE_NOTES; k++)
    {
      g_assert_cmpint (wm_lane_kind_get_info (k)->kind, ==, k);
      g_assert_cmpstr (wm_lane_kind_get_info (k)->token, ==, wm_enum_to_nick (WM_TYPE_LANE_KIND, k));
      g_assert_cmpstr (wm_lane_kind_get_label (k), ==, wm_lane_kind_label (k));
    }
}

#define PLAIN_MAP "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n  <title>t</title>\n  <stage id=\"s\"/>\n" \
  "  <lane id=\"p\" kind=\"pains\"/>\n</map>\n"

static WmDocument *
load_plain (void)
{
  g_autoptr(GError) error = NULL;
  WmDocument *document = wm_reader_load_data (PLAIN_MAP, strlen (PLAIN_MAP), "test", &error);

  g_assert_no_error (error);
  return document;
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* New cards are assumptions until the user says otherwise: the map
 * declares the namespace once, reads back, and undoing gives back the
 * bytes it had (issue 14). */
static void
test_new_cards_assumed (void)
{
  g_autoptr(WmDocument) document = load_plain ();
  g_autoptr(WmHistory) history = wm_history_new (document);
  WmLane *lane = wm_list_peek (wm_document_get_lanes (document), 0);
  g_autoptr(GPtrArray) pasted = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(WmCard) data_card = wm_card_new ("d", "s", "from data");
  g_autoptr(WmDocument) again = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *undone = NULL;
  WmCard *card = NULL;

  wm_history_push (history, wm_user_edit_add_card (document, lane, "s", NULL, &card));
  g_assert_cmpint (wm_evidence_get_basis (document, WM_ITEM (card)), ==, WM_EVIDENCE_ASSUMPTION);
  wm_history_push (history, wm_user_edit_add_card (document, lane, "s", "second", NULL));

  /* Pasted plain text is new too; a card that says how it is known keeps it. */
  wm_foreign_add_attr (wm_item_get_foreign (WM_ITEM (data_card)), "ev", "basis", "data");
  g_ptr_array_add (pasted, wm_card_new ("x", "s", "pasted line"));
  g_ptr_array_add (pasted, g_object_ref (data_card));
  wm_history_push (history, wm_user_edit_paste_cards (document, pasted, lane, "s", G_MAXUINT));

  xml = wm_writer_to_string (document, NULL);
  g_assert_cmpuint (count (xml, "xmlns:ev=\"urn:waymark:evidence:1\""), ==, 1);
  g_assert_cmpuint (count (xml, " ev:basis=\"assumption\""), ==, 3);
  g_assert_cmpuint (count (xml, " ev:basis=\"data\""), ==, 1);
  again = wm_reader_load_data (xml, strlen (xml), "again", NULL);
  g_assert_nonnull (again);

  while (wm_history_undo (history))
    ;
  undone = wm_writer_to_string (document, NULL);
  g_assert_cmpstr (undone, ==, PLAIN_MAP);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/Waymark/UserEdits/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("remove-many", test_remove_many);
  ADD ("remove-one-keeps-label", test_remove_one_keeps_label);
  ADD ("remove-stage-and-its-card", test_remove_stage_and_its_card);
  ADD ("move-keeps-offsets", test_move_keeps_offsets);
  ADD ("move-clamped", test_move_clamped);
  ADD ("move-skips-emotion", test_move_skips_emotion);
  ADD ("duplicate-many", test_duplicate_many);
  ADD ("paste-many", test_paste_many);
  ADD ("set-shared", test_set_shared);
  ADD ("add-stage", test_add_stage);
  ADD ("add-lane", test_add_lane);
  ADD ("add-card", test_add_card);
  ADD ("add-persona", test_add_persona);
  ADD ("add-moment", test_add_moment);
  ADD ("add-moment-new-persona", test_add_moment_new_persona);
  ADD ("add-metric", test_add_metric);
  ADD ("reorder", test_reorder);
  ADD ("move-card", test_move_card);
  ADD ("set-span", test_set_span);
  ADD ("move-moment", test_move_moment);
  ADD ("set-point", test_set_point);
  ADD ("paste-cards", test_paste_cards);
  ADD ("remove-persona-metric", test_remove_persona_metric);
  ADD ("duplicate-stage", test_duplicate_stage);
  ADD ("type", test_type);
#undef ADD
  g_test_add_func ("/Waymark/UserEdits/new-cards-assumed", test_new_cards_assumed);
  g_test_add_func ("/Waymark/LaneKind/fields", test_lane_kind_fields);

  return g_test_run ();
}
