/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The clipboard is untrusted input: whatever is pasted, no crash, no
 * critical, and the map then saves and opens again with the reader. */
#include "config.h"

#include <string.h>

#include "wm-clipboard.h"
#include "wm-edits.h"
#include "wm-error.h"
#include "wm-history.h"
#include "wm-rules.h"
#include "wm-reader.h"
#include "wm-writer.h"

static WmDocument *
load_camping (void)
{
  const char *datadir = g_getenv ("WAYMARK_DATADIR");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  WmDocument *document;

  g_assert_nonnull (datadir);
  path = g_build_filename (datadir, "templates", "zh-CN", "camping.waymark", NULL);
  file = g_file_new_for_path (path);
  document = wm_reader_load_file (file, &error);
  g_assert_no_error (error);
  return document;
}

/* The map saves, the reader opens what was saved, and saving that gives
 * the same bytes. */
static void
assert_saves_and_loads (WmDocument *document)
{
  gsize length;
  g_autofree char *saved = wm_writer_to_string (document, &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) back = wm_reader_load_data (saved, length, "pasted.waymark", &error);
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (back);
  again = wm_writer_to_string (back, NULL);
  g_assert_cmpstr (saved, ==, again);
}

static WmLane *
lane_of_kind (WmDocument *document,
              WmLaneKind  kind)
{
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (document));

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(WmLane) lane = g_list_model_get_item (lanes, i);

      if (wm_lane_get_kind (lane) == kind)
        return lane;
    }
  g_assert_not_reached ();
}

static const char *
last_stage_id (WmDocument *document)
{
  GListModel *stages = G_LIST_MODEL (wm_document_get_stages (document));
  g_autoptr(WmStage) stage = g_list_model_get_item (stages, g_list_model_get_n_items (stages) - 1);

  return wm_item_get_id (WM_ITEM (stage));
}

/* Pastes @length bytes of @data on the last stage of the pains lane, as
 * the canvas does; returns the pasted card (owned by the map) or NULL,
 * with the refusal in @error. */
static WmCard *
paste (WmDocument  *document,
       WmHistory   *history,
       const char  *data,
       gsize        length,
       GError     **error)
{
  g_autoptr(WmCard) card = wm_clipboard_parse_card (data, length, FALSE, error);
  WmCommand *command;

  if (card == NULL)
    return NULL;
  command = wm_edit_insert_card (document, lane_of_kind (document, WM_LANE_PAINS),
                                 last_stage_id (document), G_MAXUINT, card);
  g_assert_nonnull (command);
  wm_history_push (history, command);
  return card;
}

static void
test_round_trip (void)
{
  g_autoptr(WmCard) card = wm_card_new ("c1", "s1", "a \"quoted\" 文本\n二行");
  g_autoptr(WmCard) back = NULL;
  g_autoptr(WmCard) plain = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  wm_card_set_touchpoint (card, WM_TOUCHPOINT_CORE);
  wm_card_set_key (card, TRUE);
  wm_card_set_channel (card, "微信");
  wm_card_set_severity (card, 4);
  wm_card_set_frequency (card, 12);
  wm_card_set_owner (card, "Ops");
  wm_card_set_span (card, 2);
  wm_card_set_color (card, "#3584e4");
  text = wm_clipboard_serialize_card (card);
  back = wm_clipboard_parse_card (text, strlen (text), FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wm_card_get_text (back), ==, "a \"quoted\" 文本\n二行");
  g_assert_cmpint (wm_card_get_touchpoint (back), ==, WM_TOUCHPOINT_CORE);
  g_assert_true (wm_card_get_key (back));
  g_assert_cmpstr (wm_card_get_channel (back), ==, "微信");
  g_assert_cmpuint (wm_card_get_severity (back), ==, 4);
  g_assert_cmpuint (wm_card_get_frequency (back), ==, 12);
  g_assert_cmpstr (wm_card_get_owner (back), ==, "Ops");
  g_assert_cmpuint (wm_card_get_span (back), ==, 2);
  g_assert_cmpstr (wm_card_get_color (back), ==, "#3584e4");
  g_assert_null (wm_item_get_id (WM_ITEM (back)));

  plain = wm_clipboard_parse_card ("just text", 9, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wm_card_get_text (plain), ==, "just text");
  g_assert_null (wm_clipboard_parse_card ("  \n", 3, FALSE, &error));
  g_assert_no_error (error);
}

/* Payloads that parse into a card: after the paste the map must save
 * and load, and the card must hold only what the reader accepts. */
static const char * const hostile_cards[] = {
  /* wrong member types: each getter would have been a Json-CRITICAL */
  "{\"waymark\":\"card\",\"text\":5}",
  "{\"waymark\":\"card\",\"severity\":\"x\",\"frequency\":\"many\",\"key\":\"yes\"}",
  "{\"waymark\":\"card\",\"span\":-1}",
  "{\"waymark\":\"card\",\"touchpoint\":[]}",
  "{\"waymark\":\"card\",\"text\":{\"a\":1},\"channel\":[1,2],\"owner\":{}}",
  "{\"waymark\":\"card\",\"text\":null,\"color\":null,\"span\":null,\"key\":null}",
  "{\"waymark\":\"card\",\"severity\":2.5,\"span\":1e300,\"frequency\":-4}",
  /* invalid UTF-8 out of json-glib, noncharacters, control characters */
  "{\"waymark\":\"card\",\"text\":\"lone \\ud800 surrogate\",\"channel\":\"\\udfff\"}",
  "{\"waymark\":\"card\",\"text\":\"\\ufffe \\uffff \\ufdd0 \\u0001 \\u0000 end\"}",
  "{\"waymark\":\"card\",\"text\":\"\xef\xbf\xbe \xef\xb7\x90 raw\"}",
  /* values the reader refuses */
  "{\"waymark\":\"card\",\"color\":\"red\\\"/><evil/>\"}",
  "{\"waymark\":\"card\",\"color\":\"#12345g\"}",
  "{\"waymark\":\"card\",\"span\":1000}",
  "{\"waymark\":\"card\",\"span\":4294967295}",
  "{\"waymark\":\"card\",\"severity\":9,\"frequency\":99999999999}",
  "{\"waymark\":\"card\",\"touchpoint\":\"sideways\"}",
  "{\"waymark\":\"card\",\"waymark\":\"card\",\"text\":\"twice\"}",
  /* not ours: pasted as text */
  "{\"waymark\":\"stage\",\"text\":\"x\"}",
  "{\"waymark\":\"card\",\"text\":\"unterminated",
  "[\"waymark\",\"card\"]",
  "plain \x01\x02 text \xff\xfe with bad bytes",
};

static void
test_hostile_cards (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (hostile_cards); i++)
    {
      g_autoptr(WmDocument) document = load_camping ();
      g_autoptr(WmHistory) history = wm_history_new (document);
      g_autoptr(GError) error = NULL;
      WmCard *card;

      g_test_message ("payload %u", i);
      card = paste (document, history, hostile_cards[i], strlen (hostile_cards[i]), &error);
      g_assert_no_error (error);
      g_assert_nonnull (card);
      g_assert_true (wm_card_get_color (card) == NULL || wm_card_get_color (card)[0] == '#');
      g_assert_cmpuint (wm_card_get_severity (card), <=, 5);
      g_assert_cmpuint (wm_card_get_span (card), ==, 1);  /* on the last stage */
      assert_saves_and_loads (document);
      g_assert_finalize_object (g_steal_pointer (&history));
      g_assert_finalize_object (g_steal_pointer (&document));
    }
}

/* A span past the last stage is cut there, not refused. */
static void
test_span_clamped (void)
{
  g_autoptr(WmDocument) document = load_camping ();
  g_autoptr(WmHistory) history = wm_history_new (document);
  const char *json = "{\"waymark\":\"card\",\"span\":1000}";
  g_autoptr(WmCard) card = wm_clipboard_parse_card (json, strlen (json), FALSE, NULL);
  GListModel *stages = G_LIST_MODEL (wm_document_get_stages (document));
  g_autoptr(WmStage) second = g_list_model_get_item (stages, 1);

  g_assert_nonnull (card);
  wm_history_push (history, wm_edit_insert_card (document, lane_of_kind (document, WM_LANE_PAINS),
                                                 wm_item_get_id (WM_ITEM (second)), 0, card));
  g_assert_cmpuint (wm_card_get_span (card), ==, g_list_model_get_n_items (stages) - 1);
  assert_saves_and_loads (document);
}

static char *
nested (guint depth)
{
  GString *text = g_string_new ("{\"waymark\":\"card\",\"text\":");

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');
  return g_string_free (text, FALSE);
}

/* json-glib's parser recurses once per level: 100,000 levels overflowed
 * the stack (SIGSEGV). Refused by a linear scan before it runs. */
static void
test_deep_nesting (void)
{
  g_autofree char *deep = nested (100000);
  g_autofree char *shallow = nested (WM_CLIPBOARD_MAX_DEPTH - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCard) card = NULL;
  g_autoptr(WmCard) fine = NULL;

  card = wm_clipboard_parse_card (deep, strlen (deep), FALSE, &error);
  g_assert_error (error, WM_ERROR, WM_ERROR_TOO_LARGE);
  g_assert_null (card);
  g_test_message ("%s", error->message);

  /* Brackets inside strings do not count. */
  g_clear_error (&error);
  fine = wm_clipboard_parse_card (shallow, strlen (shallow), FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fine);
  g_assert_null (wm_card_get_text (fine));
}

/* 30 MB of text took 2.5 minutes and 5 GB to paste: refused at once. */
static void
test_huge_text (void)
{
  gsize sizes[] = { 30 * 1000 * 1000, 10 * 1000 * 1000, WM_MAX_TEXT_BYTES + 1 };
  g_autoptr(WmDocument) document = load_camping ();
  g_autoptr(WmHistory) history = wm_history_new (document);
  g_autofree char *before = wm_writer_to_string (document, NULL);
  g_autofree char *after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *text = g_malloc (sizes[i]);
      g_autoptr(GError) error = NULL;

      memset (text, 'a', sizes[i]);
      g_assert_null (paste (document, history, text, sizes[i], &error));
      g_assert_error (error, WM_ERROR, WM_ERROR_TOO_LARGE);
      g_test_message ("%s", error->message);
    }

  /* What a paste reads when the clipboard holds more than it reads. */
  {
    g_autofree char *text = g_malloc (WM_CLIPBOARD_MAX_BYTES);
    g_autoptr(GError) error = NULL;

    memset (text, 'a', WM_CLIPBOARD_MAX_BYTES);
    g_assert_null (wm_clipboard_parse_card (text, WM_CLIPBOARD_MAX_BYTES, TRUE, &error));
    g_assert_error (error, WM_ERROR, WM_ERROR_TOO_LARGE);
    g_assert_nonnull (strstr (error->message, "more than"));
  }

  after = wm_writer_to_string (document, NULL);
  g_assert_cmpstr (before, ==, after);
}

/* Our JSON with 2 MB of text: the text is cut to what a map may hold,
 * at a character boundary. 10 MB of JSON is refused. */
static void
test_huge_json_text (void)
{
  g_autoptr(WmDocument) document = load_camping ();
  g_autoptr(WmHistory) history = wm_history_new (document);
  g_autoptr(GString) json = g_string_new ("{\"waymark\":\"card\",\"text\":\"");
  g_autoptr(GError) error = NULL;
  WmCard *card;

  for (guint i = 0; i < 700 * 1000; i++)
    g_string_append (json, "文");  /* 3 bytes each: 2.1 MB */
  g_string_append (json, "\"}");

  card = paste (document, history, json->str, json->len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (card);
  g_assert_cmpuint (strlen (wm_card_get_text (card)), <=, WM_MAX_TEXT_BYTES);
  g_assert_true (g_utf8_validate (wm_card_get_text (card), -1, NULL));
  assert_saves_and_loads (document);

  g_string_truncate (json, json->len - 2);
  while (json->len <= WM_CLIPBOARD_MAX_BYTES)
    g_string_append (json, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  g_string_append (json, "\"}");
  g_assert_null (paste (document, history, json->str, json->len, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_TOO_LARGE);
}

/* Random bytes and random JSON-ish text: whatever parses is pasted, and
 * the map still saves and loads. */
static void
test_random_payloads (void)
{
  static const char * const pieces[] = {
    "{", "}", "[", "]", "\"waymark\":\"card\",", "\"text\":", "\"span\":", "\"severity\":",
    "\"color\":", "\"touchpoint\":", "\"key\":", "\"frequency\":", "\"owner\":", "\"channel\":",
    "\"#00ff00\"", "\"core\"", "true", "null", "-1", "7", "1e9", "4294967296", "\"\\ud800\"",
    "\"\\ufdd0\"", "\"\xef\xbf\xbf\"", ",", ":", "\"", "\\", "\xff", "\x01", " ",
  };
  guint32 seed = g_test_rand_int ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(WmDocument) document = load_camping ();
  g_autoptr(WmHistory) history = wm_history_new (document);

  g_test_message ("seed %u", seed);
  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(GString) text = g_string_new ("{\"waymark\":\"card\",");
      g_autoptr(GError) error = NULL;
      guint n = g_rand_int_range (rand, 0, 40);

      for (guint j = 0; j < n; j++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      paste (document, history, text->str, text->len, &error);
      if (error != NULL)
        g_assert_error (error, WM_ERROR, WM_ERROR_TOO_LARGE);
    }
  assert_saves_and_loads (document);
}

/* Plain text pastes as a card a non-empty line, as one undo step. */
static void
test_text_lines (void)
{
  g_autoptr(WmDocument) document = load_camping ();
  g_autoptr(WmHistory) history = wm_history_new (document);
  const char *text = "  first line \n\n\tsecond\r\nthird\n   \n";
  g_autoptr(GPtrArray) cards = wm_clipboard_parse_cards (text, strlen (text), FALSE, NULL);
  g_autoptr(WmLane) lane = g_list_model_get_item (G_LIST_MODEL (wm_document_get_lanes (document)), 0);
  g_autoptr(WmStage) stage = g_list_model_get_item (G_LIST_MODEL (wm_document_get_stages (document)), 1);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (wm_lane_get_cards (lane)));
  g_autofree char *before = wm_writer_to_string (document, NULL);
  g_autofree char *undone = NULL;

  g_assert_nonnull (cards);
  g_assert_cmpuint (cards->len, ==, 3);
  g_assert_cmpstr (wm_card_get_text (g_ptr_array_index (cards, 0)), ==, "first line");
  g_assert_cmpstr (wm_card_get_text (g_ptr_array_index (cards, 1)), ==, "second");
  g_assert_cmpstr (wm_card_get_text (g_ptr_array_index (cards, 2)), ==, "third");

  wm_history_push (history, wm_edit_insert_cards (document, lane, wm_item_get_id (WM_ITEM (stage)), 0, cards));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (wm_lane_get_cards (lane))), ==, n + 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(WmCard) card = g_list_model_get_item (G_LIST_MODEL (wm_lane_get_cards (lane)), i);

      g_assert_true (card == g_ptr_array_index (cards, i));
      g_assert_cmpstr (wm_card_get_stage (card), ==, wm_item_get_id (WM_ITEM (stage)));
    }
  assert_saves_and_loads (document);
  g_assert_true (wm_history_undo (history));
  undone = wm_writer_to_string (document, NULL);
  g_assert_cmpstr (undone, ==, before);

  /* Our JSON stays one card, line breaks and all. */
  {
    g_autoptr(WmCard) card = wm_card_new ("c", "s", "two\nlines");
    g_autofree char *json = wm_clipboard_serialize_card (card);
    g_autoptr(GPtrArray) ours = wm_clipboard_parse_cards (json, strlen (json), FALSE, NULL);

    g_assert_cmpuint (ours->len, ==, 1);
    g_assert_cmpstr (wm_card_get_text (g_ptr_array_index (ours, 0)), ==, "two\nlines");
  }
  g_assert_null (wm_clipboard_parse_cards (" \n\n ", 4, FALSE, NULL));
}

/* More lines than a paste makes cards: refused, with a message. */
static void
test_text_too_many_lines (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = NULL;

  for (guint i = 0; i <= WM_CLIPBOARD_MAX_CARDS; i++)
    g_string_append (text, "x\n");
  cards = wm_clipboard_parse_cards (text->str, text->len, FALSE, &error);
  g_assert_null (cards);
  g_assert_error (error, WM_ERROR, WM_ERROR_TOO_LARGE);
}

/* Copied cards and stages as words, not JSON. */
static void
test_plain_text_out (void)
{
  g_autoptr(WmDocument) document = load_camping ();
  g_autoptr(WmStage) stage = g_list_model_get_item (G_LIST_MODEL (wm_document_get_stages (document)), 0);
  g_autoptr(WmCard) a = wm_card_new ("a", "s", "one\ttab\nbreak");
  g_autoptr(WmCard) b = wm_card_new ("b", "s", "two");
  WmCard *both[] = { a, b };
  g_autofree char *one = wm_clipboard_cards_text (both, 1);
  g_autofree char *two = wm_clipboard_cards_text (both, 2);
  g_autofree char *block = wm_clipboard_stage_text (document, stage);
  g_auto(GStrv) rows = g_strsplit (block, "\n", -1);
  g_auto(GStrv) cells = NULL;

  g_assert_cmpstr (one, ==, "one\ttab\nbreak");
  g_assert_cmpstr (two, ==, "one tab break\ntwo\n");
  /* The stage's title, then a row per card lane: its title, its cards. */
  g_assert_cmpstr (rows[0], ==, "\t攻略");
  cells = g_strsplit (rows[1], "\t", -1);
  g_assert_cmpstr (cells[0], ==, "客户行为");
  g_assert_cmpstr (cells[1], ==, "在小红书、抖音搜营地攻略，对比几家营地的照片和评价");
  g_assert_null (strstr (block, "{"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/Clipboard/round-trip", test_round_trip);
  g_test_add_func ("/Waymark/Clipboard/text-lines", test_text_lines);
  g_test_add_func ("/Waymark/Clipboard/text-too-many-lines", test_text_too_many_lines);
  g_test_add_func ("/Waymark/Clipboard/plain-text-out", test_plain_text_out);
  g_test_add_func ("/Waymark/Clipboard/hostile-cards", test_hostile_cards);
  g_test_add_func ("/Waymark/Clipboard/span-clamped", test_span_clamped);
  g_test_add_func ("/Waymark/Clipboard/deep-nesting", test_deep_nesting);
  g_test_add_func ("/Waymark/Clipboard/huge-text", test_huge_text);
  g_test_add_func ("/Waymark/Clipboard/huge-json-text", test_huge_json_text);
  g_test_add_func ("/Waymark/Clipboard/random-payloads", test_random_payloads);

  return g_test_run ();
}
