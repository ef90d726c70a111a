/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every edit, undone, gives back the file byte for byte; redone, gives the
 * edited file again. */
#include "config.h"

#include <string.h>

#include "wm-clipboard.h"
#include "wm-edits.h"
#include "wm-history.h"
#include "wm-reader.h"
#include "wm-writer.h"

typedef struct
{
  WmDocument *document;
  WmHistory  *history;
} Fixture;

static char *
template_path (const char *name)
{
  const char *datadir = g_getenv ("WAYMARK_DATADIR");

  g_assert_nonnull (datadir);
  return g_build_filename (datadir, "templates", "zh-CN", name, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = template_path ("camping.waymark");
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

/* Pushes @command and checks do → undo → redo against the saved bytes. */
static void
check_round_trip (Fixture   *fixture,
                  WmCommand *command)
{
  g_autofree char *before = save (fixture);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  g_assert_nonnull (command);
  g_assert_nonnull (wm_command_get_label (command));

  wm_history_mark_saved (fixture->history);
  wm_history_push (fixture->history, command);
  after = save (fixture);
  g_assert_cmpstr (before, !=, after);
  g_assert_true (wm_history_get_modified (fixture->history));

  g_assert_true (wm_history_undo (fixture->history));
  undone = save (fixture);
  g_assert_cmpstr (before, ==, undone);
  g_assert_false (wm_history_get_modified (fixture->history));

  g_assert_true (wm_history_redo (fixture->history));
  redone = save (fixture);
  g_assert_cmpstr (after, ==, redone);
}

static gpointer
nth (GListStore *store,
     guint       position)
{
  gpointer item = g_list_model_get_item (G_LIST_MODEL (store), position);

  g_assert_nonnull (item);
  /* The document keeps it alive; tests don't need their own reference. */
  g_object_unref (item);
  return item;
}

static WmLane *
lane_of_kind (WmDocument *document,
              WmLaneKind  kind)
{
  GListStore *lanes = wm_document_get_lanes (document);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (lanes)); i++)
    {
      WmLane *lane = nth (lanes, i);

      if (wm_lane_get_kind (lane) == kind && g_list_model_get_n_items (G_LIST_MODEL (wm_lane_get_cards (lane))) > 0)
        return lane;
    }

  g_assert_not_reached ();
}

static WmCard *
first_card (WmDocument *document,
            WmLaneKind  kind)
{
  return nth (wm_lane_get_cards (lane_of_kind (document, kind)), 0);
}

static const char *
stage_id (WmDocument *document,
          guint       position)
{
  return wm_item_get_id (nth (wm_document_get_stages (document), position));
}

static const char *
persona_id (WmDocument *document)
{
  return wm_item_get_id (nth (wm_document_get_personas (document), 0));
}

static void
test_set_properties (Fixture       *fixture,
                     gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  WmCard *pain = first_card (doc, WM_LANE_PAINS);
  WmCard *touch = first_card (doc, WM_LANE_TOUCHPOINTS);

  check_round_trip (fixture, wm_edit_set (doc, "title", "新的标题"));
  check_round_trip (fixture, wm_edit_set (doc, "scenario", "A <new> & \"quoted\" scenario"));
  check_round_trip (fixture, wm_edit_set (nth (wm_document_get_stages (doc), 0), "title", "Renamed"));
  check_round_trip (fixture, wm_edit_set (nth (wm_document_get_lanes (doc), 0), "title", "Lane"));
  check_round_trip (fixture, wm_edit_set (pain, "text", "换一段文字"));
  check_round_trip (fixture, wm_edit_set (pain, "severity", wm_card_get_severity (pain) == 5 ? 1u : 5u));
  check_round_trip (fixture, wm_edit_set (pain, "frequency", 99u));
  check_round_trip (fixture, wm_edit_set (pain, "color", "#c01c28"));
  check_round_trip (fixture, wm_edit_set (touch, "touchpoint", WM_TOUCHPOINT_MISSED));
  check_round_trip (fixture, wm_edit_set (touch, "key", !wm_card_get_key (touch)));
  check_round_trip (fixture, wm_edit_set (touch, "channel", "抖音"));
  check_round_trip (fixture, wm_edit_set (first_card (doc, WM_LANE_OPPORTUNITIES), "owner", "运营部"));
  check_round_trip (fixture, wm_edit_set (nth (wm_document_get_personas (doc), 0), "name", "Someone"));
  check_round_trip (fixture, wm_edit_set (nth (wm_document_get_personas (doc), 0), "hidden", TRUE));
}

static void
test_stages (Fixture       *fixture,
             gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  guint n_stages = g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (doc)));

  check_round_trip (fixture, wm_edit_add_stage (doc, 1, "新阶段"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (doc))), ==, n_stages + 1);
  wm_history_undo (fixture->history);

  check_round_trip (fixture, wm_edit_move_stage (doc, 0, 2));
  wm_history_undo (fixture->history);

  /* Removing the stage at the camp takes its cards, points and moments. */
  check_round_trip (fixture, wm_edit_remove_stage (doc, nth (wm_document_get_stages (doc), 2)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (doc))), ==, n_stages - 1);
}

static void
test_lanes (Fixture       *fixture,
            gconstpointer  data)
{
  WmDocument *doc = fixture->document;

  check_round_trip (fixture, wm_edit_add_lane (doc, 0, WM_LANE_NOTES, "备注"));
  wm_history_undo (fixture->history);
  check_round_trip (fixture, wm_edit_move_lane (doc, 0, 3));
  wm_history_undo (fixture->history);
  check_round_trip (fixture, wm_edit_remove_lane (doc, lane_of_kind (doc, WM_LANE_PAINS)));
}

static void
test_cards (Fixture       *fixture,
            gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  WmLane *pains = lane_of_kind (doc, WM_LANE_PAINS);
  WmLane *needs = lane_of_kind (doc, WM_LANE_NEEDS);
  WmCard *card = NULL;

  check_round_trip (fixture, wm_edit_add_card (doc, pains, stage_id (doc, 1), "新卡片", &card));
  g_assert_true (WM_IS_CARD (card));
  g_assert_true (wm_document_find_card (doc, wm_item_get_id (WM_ITEM (card)), NULL) == card);
  wm_history_undo (fixture->history);

  check_round_trip (fixture, wm_edit_move_card (doc, first_card (doc, WM_LANE_PAINS), needs, stage_id (doc, 3), 0));
  wm_history_undo (fixture->history);

  check_round_trip (fixture, wm_edit_duplicate_card (doc, first_card (doc, WM_LANE_PAINS), NULL));
  wm_history_undo (fixture->history);

  check_round_trip (fixture, wm_edit_remove_card (doc, first_card (doc, WM_LANE_PAINS)));
}

static void
test_personas_and_curves (Fixture       *fixture,
                          gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  guint n_curves = g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_curves (doc)));

  check_round_trip (fixture, wm_edit_add_persona (doc, "第二个人", "#e66100"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_curves (doc))), ==, n_curves + 1);
  wm_history_undo (fixture->history);

  check_round_trip (fixture, wm_edit_set_point (doc, persona_id (doc), stage_id (doc, 0), -2.5));
  wm_history_undo (fixture->history);

  check_round_trip (fixture, wm_edit_remove_persona (doc, nth (wm_document_get_personas (doc), 0)));
}

static void
test_new_curve_point (Fixture       *fixture,
                      gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  WmCommand *add_stage = wm_edit_add_stage (doc, 0, "Start");
  const char *stage;
  WmCurve *curve = wm_document_find_curve (doc, persona_id (doc));
  WmCurvePoint *point;
  g_autoptr(WmCommand) other = NULL;

  wm_history_push (fixture->history, add_stage);
  stage = stage_id (doc, 0);
  point = wm_curve_find_point (curve, stage);
  g_assert_nonnull (point);
  g_list_store_remove (wm_curve_get_points (curve), g_list_model_get_n_items (G_LIST_MODEL (wm_curve_get_points (curve))) - 1);
  wm_history_mark_saved (fixture->history);

  /* No point on that stage yet: setting one adds it. */
  g_assert_null (wm_curve_find_point (curve, stage));
  check_round_trip (fixture, wm_edit_set_point (doc, persona_id (doc), stage, 1.5));
  g_assert_cmpfloat (wm_curve_point_get_value (wm_curve_find_point (curve, stage)), ==, 1.5);

  /* And removing it leaves the stage without a value again. */
  check_round_trip (fixture, wm_edit_remove_point (doc, persona_id (doc), stage));
  g_assert_null (wm_curve_find_point (curve, stage));
  other = wm_edit_remove_point (doc, persona_id (doc), stage_id (doc, 1));
  g_assert_cmpstr (wm_command_get_label (other), ==, "Delete Curve Point");
  g_assert_null (wm_edit_remove_point (doc, persona_id (doc), stage));
  g_assert_null (wm_edit_remove_point (doc, "nobody", stage));
}

static void
test_moments_and_metrics (Fixture       *fixture,
                          gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  WmStage *stage = nth (wm_document_get_stages (doc), 1);
  WmMoment *moment;

  check_round_trip (fixture, wm_edit_add_moment (doc, WM_MOMENT_AHA, persona_id (doc), stage_id (doc, 1), 0.25, "哇！"));
  wm_history_undo (fixture->history);

  moment = nth (wm_document_get_moments (doc), 0);
  check_round_trip (fixture, wm_edit_move_moment (doc, moment, stage_id (doc, 4), 0.75));
  wm_history_undo (fixture->history);
  check_round_trip (fixture, wm_edit_remove_moment (doc, moment));
  wm_history_undo (fixture->history);

  check_round_trip (fixture, wm_edit_add_metric (stage, WM_METRIC_CSAT, 87));
  wm_history_undo (fixture->history);
  check_round_trip (fixture, wm_edit_add_metric (stage, WM_METRIC_NPS, -20));
  check_round_trip (fixture, wm_edit_remove_metric (stage, nth (wm_stage_get_metrics (stage), 0)));
}

static void
test_group (Fixture       *fixture,
            gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  g_autofree char *before = save (fixture);
  g_autofree char *undone = NULL;

  wm_history_begin_group (fixture->history, "Tidy Up");
  wm_history_push (fixture->history, wm_edit_set (doc, "title", "One"));
  wm_history_begin_group (fixture->history, "Nested");
  wm_history_push (fixture->history, wm_edit_add_stage (doc, 0, "Two"));
  wm_history_end_group (fixture->history);
  wm_history_push (fixture->history, wm_edit_remove_card (doc, first_card (doc, WM_LANE_PAINS)));
  wm_history_end_group (fixture->history);

  g_assert_cmpstr (wm_history_get_undo_label (fixture->history), ==, "Tidy Up");
  g_assert_true (wm_history_undo (fixture->history));
  g_assert_false (wm_history_get_can_undo (fixture->history));
  undone = save (fixture);
  g_assert_cmpstr (before, ==, undone);
}

static void
test_merge_typing (Fixture       *fixture,
                   gconstpointer  data)
{
  WmCard *card = first_card (fixture->document, WM_LANE_PAINS);
  g_autofree char *original = g_strdup (wm_card_get_text (card));

  wm_history_push (fixture->history, wm_edit_set_merging (card, "typing", "text", "a"));
  wm_history_push (fixture->history, wm_edit_set_merging (card, "typing", "text", "ab"));
  wm_history_push (fixture->history, wm_edit_set_merging (card, "typing", "text", "abc"));
  g_assert_cmpstr (wm_card_get_text (card), ==, "abc");
  g_assert_cmpstr (wm_history_get_undo_label (fixture->history), ==, "Edit Text");

  /* A break starts a new step. */
  wm_history_break_merge (fixture->history);
  wm_history_push (fixture->history, wm_edit_set_merging (card, "typing", "text", "abcd"));

  wm_history_undo (fixture->history);
  g_assert_cmpstr (wm_card_get_text (card), ==, "abc");
  wm_history_undo (fixture->history);
  g_assert_cmpstr (wm_card_get_text (card), ==, original);
  g_assert_false (wm_history_get_can_undo (fixture->history));
}

static void
test_modified_and_redo (Fixture       *fixture,
                        gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  WmHistory *history = fixture->history;
  guint64 serial = wm_history_get_serial (history);

  g_assert_false (wm_history_get_modified (history));
  wm_history_push (history, wm_edit_set (doc, "title", "A"));
  g_assert_cmpuint (wm_history_get_serial (history), >, serial);
  wm_history_mark_saved (history);
  g_assert_false (wm_history_get_modified (history));

  wm_history_push (history, wm_edit_set (doc, "title", "B"));
  g_assert_true (wm_history_get_modified (history));
  wm_history_undo (history);
  g_assert_false (wm_history_get_modified (history));
  g_assert_true (wm_history_get_can_redo (history));
  g_assert_cmpstr (wm_history_get_redo_label (history), ==, "Rename Map");

  /* Undo past the save, then a new edit: the saved state is gone for good. */
  wm_history_undo (history);
  g_assert_true (wm_history_get_modified (history));
  wm_history_push (history, wm_edit_set (doc, "title", "C"));
  g_assert_false (wm_history_get_can_redo (history));
  g_assert_true (wm_history_get_modified (history));
  wm_history_undo (history);
  g_assert_true (wm_history_get_modified (history));
}

static void
test_changed_signal (Fixture       *fixture,
                     gconstpointer  data)
{
  guint count = 0;

  g_signal_connect_swapped (fixture->document, "changed", G_CALLBACK (g_nullify_pointer), NULL);
  g_signal_handlers_disconnect_matched (fixture->document, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, g_nullify_pointer, NULL);

  g_signal_connect_swapped (fixture->document, "changed", G_CALLBACK (g_atomic_int_inc), &count);
  wm_history_push (fixture->history, wm_edit_set (fixture->document, "title", "X"));
  wm_history_undo (fixture->history);
  wm_history_redo (fixture->history);
  g_assert_cmpuint (count, ==, 3);
  g_signal_handlers_disconnect_matched (fixture->document, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, &count);
}

/* Property test: random edits from wm-edits.h, with hostile text and
 * numbers, and pastes of random JSON, never leave a map the reader
 * refuses; and undoing them all gives back the original bytes. */

static const char * const hostile_texts[] = {
  "plain", "", "\xff\xfe bad bytes", "lone \xed\xa0\x80 surrogate", "\xef\xbf\xbe nonchar \xef\xb7\x90",
  "ctrl \x01\x02\x1b", "red\"/><evil/>", "#12345g", "#00ff00", "ABC", "a b:c", "_id-1", "文本",
  "stage1", "persona1", "nope",
};

static const double hostile_numbers[] = {
  0, 0.5, 1, -1, 2.5, 3, 4, 9, 100, -100, 1e300, -1e300, 4294967295.0, 1.0 / 0.0, -1.0 / 0.0, 0.0 / 0.0,
};

typedef struct
{
  WmDocument *document;
  WmHistory  *history;
  GRand      *rand;
} Walk;

static guint
pick (Walk  *walk,
      guint  n)
{
  return n == 0 ? 0 : (guint) g_rand_int_range (walk->rand, 0, (gint32) n);
}

static const char *
any_text (Walk *walk)
{
  return hostile_texts[pick (walk, G_N_ELEMENTS (hostile_texts))];
}

static double
any_number (Walk *walk)
{
  return hostile_numbers[pick (walk, G_N_ELEMENTS (hostile_numbers))];
}

/* An item of @model, or NULL when it is empty (borrowed). */
static gpointer
any_item (Walk       *walk,
          GListModel *model)
{
  guint n = g_list_model_get_n_items (model);

  return n == 0 ? NULL : nth (G_LIST_STORE (model), pick (walk, n));
}

static const char *
any_stage_id (Walk *walk)
{
  WmItem *stage = any_item (walk, G_LIST_MODEL (wm_document_get_stages (walk->document)));

  return stage != NULL && pick (walk, 8) != 0 ? wm_item_get_id (stage) : any_text (walk);
}

static const char *
any_persona_id (Walk *walk)
{
  WmItem *persona = any_item (walk, G_LIST_MODEL (wm_document_get_personas (walk->document)));

  return persona != NULL && pick (walk, 8) != 0 ? wm_item_get_id (persona) : any_text (walk);
}

static WmLane *
any_lane (Walk *walk)
{
  return any_item (walk, G_LIST_MODEL (wm_document_get_lanes (walk->document)));
}

static WmCard *
any_card (Walk *walk)
{
  WmLane *lane = any_lane (walk);

  return lane != NULL ? any_item (walk, G_LIST_MODEL (wm_lane_get_cards (lane))) : NULL;
}

static WmCommand *
set_any_card_property (Walk   *walk,
                       WmCard *card)
{
  static const char * const properties[] = {
    "span", "severity", "frequency", "touchpoint", "key", "color", "text", "channel", "owner", "stage", "id",
  };
  const char *property = properties[pick (walk, G_N_ELEMENTS (properties))];
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (card), property);
  g_auto(GValue) value = G_VALUE_INIT;
  g_auto(GValue) number = G_VALUE_INIT;

  if (pspec->value_type == G_TYPE_STRING)
    {
      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, g_str_equal (property, "stage") ? any_stage_id (walk) : any_text (walk));
      return wm_edit_set_checked (walk->document, card, property, &value, NULL);
    }

  /* Numbers as a spin button hands them over: any double, transformed. */
  g_value_init (&number, G_TYPE_INT64);
  g_value_set_int64 (&number, (gint64) CLAMP (any_number (walk), -1e18, 1e18));
  g_value_init (&value, pspec->value_type);
  if (G_TYPE_IS_ENUM (pspec->value_type))
    g_value_set_enum (&value, (int) g_value_get_int64 (&number));
  else if (!g_value_transform (&number, &value))
    return NULL;
  return wm_edit_set_checked (walk->document, card, property, &value, NULL);
}

static WmCommand *
set_any_value (Walk *walk)
{
  WmDocument *doc = walk->document;
  WmStage *stage = any_item (walk, G_LIST_MODEL (wm_document_get_stages (doc)));
  WmPersona *persona = any_item (walk, G_LIST_MODEL (wm_document_get_personas (doc)));
  WmMoment *moment = any_item (walk, G_LIST_MODEL (wm_document_get_moments (doc)));
  WmCurve *curve = any_item (walk, G_LIST_MODEL (wm_document_get_curves (doc)));
  WmMetric *metric = stage != NULL ? any_item (walk, G_LIST_MODEL (wm_stage_get_metrics (stage))) : NULL;
  WmCurvePoint *point = curve != NULL ? any_item (walk, G_LIST_MODEL (wm_curve_get_points (curve))) : NULL;
  WmLane *lane = any_lane (walk);
  const char *goals[] = { any_text (walk), "", any_text (walk), NULL };

  switch (pick (walk, 11))
    {
    case 0: return wm_edit_set (doc, "title", any_text (walk));
    case 1: return wm_edit_set (doc, "lang", any_text (walk));
    case 2: return persona ? wm_edit_set (persona, "color", any_text (walk)) : NULL;
    case 3: return persona ? wm_edit_set (persona, "goals", goals) : NULL;
    case 4: return moment ? wm_edit_set (moment, "at", any_number (walk)) : NULL;
    case 5: return moment ? wm_edit_set (moment, "kind", (int) any_number (walk)) : NULL;
    case 6: return point ? wm_edit_set (point, "value", any_number (walk)) : NULL;
    case 7: return point ? wm_edit_set (point, "at", any_number (walk)) : NULL;
    case 8: return metric ? wm_edit_set (metric, "value", any_number (walk)) : NULL;
    case 9: return metric ? wm_edit_set (metric, "kind", (int) pick (walk, 5)) : NULL;
    default: return lane ? wm_edit_set (lane, "kind", (int) pick (walk, 12)) : NULL;
    }
}

static WmCommand *
paste_any (Walk *walk)
{
  static const char * const pieces[] = {
    "\"text\":\"x\"", "\"text\":5", "\"span\":1000", "\"span\":-1", "\"severity\":9", "\"severity\":\"x\"",
    "\"color\":\"red\\\"/>\"", "\"color\":\"#abcdef\"", "\"touchpoint\":[]", "\"touchpoint\":\"core\"",
    "\"text\":\"\\ud800\\ufffe\\ufdd0\"", "\"frequency\":99999999999", "\"key\":null", "\"owner\":{}",
  };
  g_autoptr(GString) json = g_string_new ("{\"waymark\":\"card\"");
  g_autoptr(WmCard) card = NULL;
  WmLane *lane = any_lane (walk);

  for (guint i = pick (walk, 5); i > 0; i--)
    g_string_append_printf (json, ",%s", pieces[pick (walk, G_N_ELEMENTS (pieces))]);
  g_string_append_c (json, '}');

  card = wm_clipboard_parse_card (json->str, json->len, FALSE, NULL);
  if (card == NULL || lane == NULL)
    return NULL;
  return wm_edit_insert_card (walk->document, lane, any_stage_id (walk), G_MAXUINT, card);
}

static WmCommand *
any_edit (Walk *walk)
{
  WmDocument *doc = walk->document;
  GListModel *stages = G_LIST_MODEL (wm_document_get_stages (doc));
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (doc));
  guint n_stages = g_list_model_get_n_items (stages);
  guint n_lanes = g_list_model_get_n_items (lanes);
  WmStage *stage = any_item (walk, stages);
  WmCard *card = any_card (walk);
  WmLane *lane = any_lane (walk);
  WmPersona *persona = any_item (walk, G_LIST_MODEL (wm_document_get_personas (doc)));
  WmMoment *moment = any_item (walk, G_LIST_MODEL (wm_document_get_moments (doc)));
  WmMetric *metric = stage != NULL ? any_item (walk, G_LIST_MODEL (wm_stage_get_metrics (stage))) : NULL;

  switch (pick (walk, 24))
    {
    case 0: return wm_edit_add_stage (doc, pick (walk, n_stages + 1), any_text (walk));
    case 1: return stage && n_stages > 1 ? wm_edit_remove_stage (doc, stage) : NULL;
    case 2: return wm_edit_move_stage (doc, pick (walk, n_stages + 1), pick (walk, n_stages + 1));
    case 3: return wm_edit_add_lane (doc, pick (walk, n_lanes + 1), pick (walk, 10), any_text (walk));
    case 4: return lane && n_lanes > 1 ? wm_edit_remove_lane (doc, lane) : NULL;
    case 5: return n_lanes > 0 ? wm_edit_move_lane (doc, pick (walk, n_lanes), pick (walk, n_lanes)) : NULL;
    case 6: return lane ? wm_edit_add_card (doc, lane, any_stage_id (walk), any_text (walk), NULL) : NULL;
    case 7: return card ? wm_edit_remove_card (doc, card) : NULL;
    case 8: return card && lane ? wm_edit_move_card (doc, card, lane, any_stage_id (walk), (int) pick (walk, 4) - 1) : NULL;
    case 9: return card ? wm_edit_duplicate_card (doc, card, NULL) : NULL;
    case 10: return wm_edit_add_persona (doc, any_text (walk), any_text (walk));
    case 11: return persona ? wm_edit_remove_persona (doc, persona) : NULL;
    case 12: return wm_edit_set_point (doc, any_persona_id (walk), any_stage_id (walk), any_number (walk));
    case 13: return wm_edit_remove_point (doc, any_persona_id (walk), any_stage_id (walk));
    case 14: return wm_edit_add_moment (doc, pick (walk, 4), any_persona_id (walk), any_stage_id (walk),
                                        any_number (walk), any_text (walk));
    case 15: return moment ? wm_edit_remove_moment (doc, moment) : NULL;
    case 16: return moment ? wm_edit_move_moment (doc, moment, any_stage_id (walk), any_number (walk)) : NULL;
    case 17: return stage ? wm_edit_add_metric (stage, pick (walk, 5), any_number (walk)) : NULL;
    case 18: return metric ? wm_edit_remove_metric (stage, metric) : NULL;
    case 19: return card ? set_any_card_property (walk, card) : NULL;
    case 20: return set_any_value (walk);
    case 21: return stage ? wm_edit_duplicate_stage (doc, stage, NULL) : NULL;
    case 22: return wm_edit_insert_stage (doc, pick (walk, n_stages + 1), any_text (walk));
    default: return paste_any (walk);
    }
}

/* NULL if the map saves, loads, and saves again to the same bytes;
 * otherwise what went wrong. */
static char *
check_readable (WmDocument *document)
{
  gsize length;
  g_autofree char *saved = wm_writer_to_string (document, &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) back = wm_reader_load_data (saved, length, "walk.waymark", &error);
  g_autofree char *again = NULL;

  if (back == NULL)
    return g_strdup (error->message);
  again = wm_writer_to_string (back, NULL);
  if (g_strcmp0 (saved, again) != 0)
    return g_strdup ("saving the reloaded map gave other bytes");
  return NULL;
}

static void
test_random_edits (Fixture       *fixture,
                   gconstpointer  data)
{
  guint32 seed = g_test_rand_int ();
  g_autofree char *original = save (fixture);
  Walk walk = { fixture->document, fixture->history, g_rand_new_with_seed (seed) };
  guint sequences = g_test_thorough () ? 2000 : 300;

  /* GLib prints its own seed ("random seed: R02S…"); --seed=THAT reruns this. */
  g_test_message ("walk seed %u", seed);
  for (guint i = 0; i < sequences; i++)
    {
      g_autofree char *problem = NULL;
      g_autofree char *undone = NULL;
      int pushed = 0;

      for (guint j = 0; j < 25; j++)
        {
          WmCommand *command = any_edit (&walk);

          if (command == NULL)
            continue;
          wm_history_push (fixture->history, command);
          pushed++;
        }

      if ((problem = check_readable (fixture->document)) != NULL)
        g_error ("seed %u, sequence %u: %s", seed, i, problem);

      /* Drags of one curve point merge into one step. */
      while (wm_history_undo (fixture->history))
        pushed--;
      g_assert_cmpint (pushed, >=, 0);
      undone = save (fixture);
      if (g_strcmp0 (undone, original) != 0)
        g_error ("seed %u, sequence %u: undoing every edit did not give the original bytes", seed, i);
    }

  g_rand_free (walk.rand);
}


/* The ids of the stages @card covers, in map order, joined by spaces. */
static char *
covered (WmDocument *document,
         WmCard     *card)
{
  GString *ids = g_string_new (NULL);
  int first = wm_document_stage_index (document, wm_card_get_stage (card));

  for (guint k = 0; k < wm_card_get_span (card); k++)
    g_string_append_printf (ids, "%s ", stage_id (document, first + k));
  return g_string_free (ids, FALSE);
}

static gboolean
is_subset (const char *part,
           const char *whole)
{
  g_auto(GStrv) ids = g_strsplit (part, " ", -1);
  g_autofree char *padded = g_strdup_printf (" %s", whole);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *needle = g_strdup_printf (" %s ", ids[i]);

      if (*ids[i] != '\0' && strstr (padded, needle) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* After any stage move a spanning card covers the stages it did, or the
 * unbroken run of them that holds its own stage: never other stages. */
static void
test_move_stage_spans (Fixture       *fixture,
                       gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (doc)));
  WmLane *lane = lane_of_kind (doc, WM_LANE_PAINS);

  g_assert_cmpuint (n, >=, 4);
  for (guint span = 2; span <= 3; span++)
    for (guint start = 0; start + span <= n; start++)
      for (guint from = 0; from < n; from++)
        for (guint to = 0; to < n; to++)
          {
            WmCard *card = NULL;
            g_autofree char *before = NULL, *after = NULL;
            const char *own;

            if (from == to)
              continue;

            wm_history_push (fixture->history, wm_edit_add_card (doc, lane, stage_id (doc, start), "span", &card));
            wm_history_push (fixture->history, wm_edit_set (card, "span", span));
            own = stage_id (doc, start);
            before = covered (doc, card);
            check_round_trip (fixture, wm_edit_move_stage (doc, from, to));
            after = covered (doc, card);
            if (!is_subset (after, before) || !is_subset (own, after))
              g_error ("span %u from %s, stage %u moved to %u: covered “%s”, now “%s”",
                       span, own, from, to, before, after);
            g_assert_true (wm_history_undo (fixture->history));
            g_assert_true (wm_history_undo (fixture->history));
            g_assert_true (wm_history_undo (fixture->history));
          }

  /* The case users met: B–C, C moved before A, must not cover B and D. */
  {
    WmCard *card = NULL;
    g_autofree char *b = g_strdup (stage_id (doc, 1));
    g_autofree char *after = NULL;
    g_autofree char *expected = g_strconcat (b, " ", NULL);

    wm_history_push (fixture->history, wm_edit_add_card (doc, lane, b, "B–C", &card));
    wm_history_push (fixture->history, wm_edit_set (card, "span", 2u));
    wm_history_push (fixture->history, wm_edit_move_stage (doc, 2, 0));
    after = covered (doc, card);
    g_assert_cmpstr (after, ==, expected);
  }
}

static guint
count_on_stage (WmDocument *document,
                const char *stage)
{
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (document));
  GListModel *moments = G_LIST_MODEL (wm_document_get_moments (document));
  GListModel *curves = G_LIST_MODEL (wm_document_get_curves (document));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      GListModel *cards = G_LIST_MODEL (wm_lane_get_cards (nth (G_LIST_STORE (lanes), i)));

      for (guint j = 0; j < g_list_model_get_n_items (cards); j++)
        n += g_strcmp0 (wm_card_get_stage (nth (G_LIST_STORE (cards), j)), stage) == 0;
    }
  for (guint i = 0; i < g_list_model_get_n_items (moments); i++)
    n += g_strcmp0 (wm_moment_get_stage (nth (G_LIST_STORE (moments), i)), stage) == 0;
  for (guint i = 0; i < g_list_model_get_n_items (curves); i++)
    n += wm_curve_find_point (nth (G_LIST_STORE (curves), i), stage) != NULL;
  return n;
}

static void
test_duplicate_stage (Fixture       *fixture,
                      gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  WmStage *stage = nth (wm_document_get_stages (doc), 1);
  const char *id = wm_item_get_id (WM_ITEM (stage));
  WmLane *lane = lane_of_kind (doc, WM_LANE_PAINS);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (doc)));
  WmCard *wide = NULL;
  WmStage *copy = NULL;
  WmCommand *command;

  /* A card from the first stage over this one and the next keeps
   * covering all three, and the copy in between. */
  wm_history_push (fixture->history, wm_edit_add_card (doc, lane, stage_id (doc, 0), "wide", &wide));
  wm_history_push (fixture->history, wm_edit_set (wide, "span", 3u));
  g_assert_cmpuint (count_on_stage (doc, id), >, 2);

  command = wm_edit_duplicate_stage (doc, stage, &copy);
  g_assert_nonnull (copy);
  check_round_trip (fixture, command);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (doc))), ==, n + 1);
  g_assert_true (nth (wm_document_get_stages (doc), 2) == copy);
  g_assert_cmpstr (wm_item_get_id (WM_ITEM (copy)), !=, id);
  g_assert_cmpstr (wm_stage_get_title (copy), ==, wm_stage_get_title (stage));
  g_assert_cmpuint (count_on_stage (doc, wm_item_get_id (WM_ITEM (copy))), ==, count_on_stage (doc, id));
  g_assert_cmpuint (wm_card_get_span (wide), ==, 4);
  g_assert_cmpstr (wm_history_get_undo_label (fixture->history), ==, "Duplicate Stage");
  g_assert_null (check_readable (doc));

  /* Again: every copy gets an id of its own. */
  check_round_trip (fixture, wm_edit_duplicate_stage (doc, stage, NULL));
  g_assert_null (check_readable (doc));
}

static void
test_insert_stage (Fixture       *fixture,
                   gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  WmLane *lane = lane_of_kind (doc, WM_LANE_PAINS);
  WmCard *wide = NULL;
  g_autofree char *before = NULL, *after = NULL;

  wm_history_push (fixture->history, wm_edit_add_card (doc, lane, stage_id (doc, 1), "wide", &wide));
  wm_history_push (fixture->history, wm_edit_set (wide, "span", 2u));
  before = covered (doc, wide);
  /* Between the two stages it covers: it covers the new one too. */
  check_round_trip (fixture, wm_edit_insert_stage (doc, 2, "Between"));
  after = covered (doc, wide);
  g_assert_true (is_subset (before, after));
  g_assert_cmpuint (wm_card_get_span (wide), ==, 3);
  /* Before it or after it: untouched. */
  check_round_trip (fixture, wm_edit_insert_stage (doc, 1, "Before"));
  check_round_trip (fixture, wm_edit_insert_stage (doc, 5, "After"));
  g_assert_cmpuint (wm_card_get_span (wide), ==, 3);
  g_assert_null (check_readable (doc));
}

/* A persona keeps its colour when another goes; a new one gets a colour
 * no other persona wears. */
static void
test_persona_colors (Fixture       *fixture,
                     gconstpointer  data)
{
  WmDocument *doc = fixture->document;
  GListStore *personas = wm_document_get_personas (doc);
  WmPersona *a, *b;
  g_autofree char *b_color = NULL;

  wm_history_push (fixture->history, wm_edit_add_persona (doc, "A", NULL));
  wm_history_push (fixture->history, wm_edit_add_persona (doc, "B", NULL));
  a = nth (personas, g_list_model_get_n_items (G_LIST_MODEL (personas)) - 2);
  b = nth (personas, g_list_model_get_n_items (G_LIST_MODEL (personas)) - 1);
  g_assert_nonnull (wm_persona_get_color (a));
  g_assert_nonnull (wm_persona_get_color (b));
  g_assert_cmpstr (wm_persona_get_color (a), !=, wm_persona_get_color (b));
  for (guint i = 0; i + 1 < g_list_model_get_n_items (G_LIST_MODEL (personas)); i++)
    if (wm_persona_get_color (nth (personas, i)) != NULL)
      g_assert_cmpstr (wm_persona_get_color (nth (personas, i)), !=, wm_persona_get_color (b));
  b_color = g_strdup (wm_persona_get_color (b));
  wm_history_push (fixture->history, wm_edit_remove_persona (doc, a));
  g_assert_cmpstr (wm_persona_get_color (b), ==, b_color);
  g_assert_null (check_readable (doc));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/Waymark/History/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("set-properties", test_set_properties);
  ADD ("move-stage-spans", test_move_stage_spans);
  ADD ("duplicate-stage", test_duplicate_stage);
  ADD ("insert-stage", test_insert_stage);
  ADD ("persona-colors", test_persona_colors);
  ADD ("stages", test_stages);
  ADD ("lanes", test_lanes);
  ADD ("cards", test_cards);
  ADD ("personas-and-curves", test_personas_and_curves);
  ADD ("new-curve-point", test_new_curve_point);
  ADD ("moments-and-metrics", test_moments_and_metrics);
  ADD ("group", test_group);
  ADD ("merge-typing", test_merge_typing);
  ADD ("modified-and-redo", test_modified_and_redo);
  ADD ("changed-signal", test_changed_signal);
  ADD ("random-edits", test_random_edits);

#undef ADD

  return g_test_run ();
}
