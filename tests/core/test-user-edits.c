/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The edit layer: an edit of a whole selection is one undo step that
 * gives back the file byte for byte, with a label that counts. */
#include "config.h"

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
#undef ADD
  g_test_add_func ("/Waymark/LaneKind/fields", test_lane_kind_fields);

  return g_test_run ();
}
