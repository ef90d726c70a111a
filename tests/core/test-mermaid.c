/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Mermaid journeys in and out: the cases of Mermaid's own parser tests
 * (user-journey/parser/journey.spec.js, journeyDb.spec.js, frontmatter,
 * comments, entity codes), round trips, and hostile text. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "wm-error.h"
#include "wm-mermaid.h"
#include "wm-rules.h"
#include "wm-reader.h"
#include "wm-writer.h"

/* The model as text: what a case expects. */
static char *
describe (WmDocument *document)
{
  GString *out = g_string_new (NULL);
  GListStore *stages = wm_document_get_stages (document);
  GListStore *lanes = wm_document_get_lanes (document);
  GListStore *personas = wm_document_get_personas (document);

  g_string_append_printf (out, "title: %s\n", wm_document_get_title (document));
  if (wm_document_get_scenario (document) != NULL)
    g_string_append_printf (out, "descr: %s\n", wm_document_get_scenario (document));
  for (guint s = 0; s < g_list_model_get_n_items (G_LIST_MODEL (stages)); s++)
    {
      WmStage *stage = wm_list_peek (stages, s);
      const char *title = wm_stage_get_title (stage);

      g_string_append_printf (out, "section %s\n", title != NULL ? title : "");
      for (guint l = 0; l < g_list_model_get_n_items (G_LIST_MODEL (lanes)); l++)
        {
          GListStore *cards = wm_lane_get_cards (wm_list_peek (lanes, l));

          for (guint c = 0; c < g_list_model_get_n_items (G_LIST_MODEL (cards)); c++)
            {
              WmCard *card = wm_list_peek (cards, c);
              WmForeign *foreign = wm_item_get_foreign (WM_ITEM (card));
              const char *score = "-", *actors = "~";

              if (g_strcmp0 (wm_card_get_stage (card), wm_item_get_id (WM_ITEM (stage))) != 0)
                continue;
              for (guint a = 0; a < foreign->attrs->len; a++)
                {
                  WmForeignAttr *attr = g_ptr_array_index (foreign->attrs, a);

                  if (g_str_equal (attr->name, "score"))
                    score = attr->value;
                  else if (g_str_equal (attr->name, "actors"))
                    actors = attr->value;
                }
              g_string_append_printf (out, "  %s | %s | %s\n", wm_card_get_text (card), score, actors);
            }
        }
    }
  g_string_append (out, "personas:");
  for (guint p = 0; p < g_list_model_get_n_items (G_LIST_MODEL (personas)); p++)
    g_string_append_printf (out, " [%s]", wm_persona_get_name (wm_list_peek (personas, p)));
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* The map saves, and the reader opens it to the same bytes. */
static void
assert_saves_and_loads (WmDocument *document)
{
  gsize length;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = wm_writer_write (document, &length, &error);
  g_autoptr(WmDocument) back = NULL;
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  back = wm_reader_load_data (saved, length, "imported.waymark", &error);
  g_assert_no_error (error);
  again = wm_writer_to_string (back, NULL);
  g_assert_cmpstr (saved, ==, again);
}

static WmDocument *
read_text (const char *text,
           GPtrArray  *warnings,
           GError    **error)
{
  return wm_mermaid_read (text, strlen (text), "d.mmd", WM_MERMAID_AUTO, "d", warnings, error);
}

typedef struct
{
  const char *name;
  const char *input;
  const char *expected;   /* NULL: refused */
  const char *message;    /* refused: the start of the error; else a warning's part */
  guint       n_warnings;
} Case;

static const Case cases[] = {
  /* journey.spec.js */
  { "title", "journey\ntitle Adding journey diagram functionality to mermaid",
    "title: Adding journey diagram functionality to mermaid\npersonas:\n", NULL, 0 },
  { "acc-descr", "journey\naccDescr: A user journey for family shopping\n"
    "title Adding journey diagram functionality to mermaid\nsection Order from website",
    "title: Adding journey diagram functionality to mermaid\ndescr: A user journey for family shopping\n"
    "section Order from website\npersonas:\n", NULL, 0 },
  { "acc-descr-block", "journey\naccDescr {\n        A user journey for\n        family shopping\n      }"
    "title Adding journey diagram functionality to mermaid\n"
    "accTitle: Adding acc journey diagram functionality to mermaid\nsection Order from website",
    "title: Adding journey diagram functionality to mermaid\ndescr: A user journey for\nfamily shopping\n"
    "section Order from website\npersonas:\n", NULL, 0 },
  { "acc-title", "journey\n    accTitle: The title\n    section Order from website",
    "title: d\nsection Order from website\npersonas:\n", NULL, 0 },
  { "section-br", "journey\ntitle Adding gantt diagram functionality to mermaid\n"
    "section Line1<br>Line2<br/>Line3</br />Line4<br\t/>Line5",
    "title: Adding gantt diagram functionality to mermaid\n"
    "section Line1<br>Line2<br/>Line3</br />Line4<br\t/>Line5\npersonas:\n", NULL, 0 },
  { "tasks", "journey\ntitle Adding journey diagram functionality to mermaid\nsection Documentation\n"
    "A task: 5: Alice, Bob, Charlie\nB task: 3:Bob, Charlie\nC task: 5\nD task: 5: Charlie, Alice\n"
    "E task: 5:\nsection Another section\nP task: 5:\nQ task: 5:\nR task: 5:",
    "title: Adding journey diagram functionality to mermaid\nsection Documentation\n"
    "  A task | 5 | Alice, Bob, Charlie\n  B task | 3 | Bob, Charlie\n  C task | 5 | ~\n"
    "  D task | 5 | Charlie, Alice\n  E task | 5 | \nsection Another section\n  P task | 5 | \n"
    "  Q task | 5 | \n  R task | 5 | \npersonas: [Alice] [Bob] [Charlie] [Everyone]\n",
    "has no actor", 5 },
  /* journeyDb.spec.js, through the grammar: "#" needs its entity code */
  { "db-shopping", "journey\naccTitle: Shopping\naccDescr: A user journey for family shopping\n"
    "section Journey to the shops\nGet car keys:5:Dad\nGo to car:3:Dad, Mum, Child#35;1, Child#35;2\n"
    "Drive to supermarket:4:Dad\nsection Do shopping\nGo shopping:5:Mum",
    "title: d\ndescr: A user journey for family shopping\nsection Journey to the shops\n"
    "  Get car keys | 5 | Dad\n  Go to car | 3 | Dad, Mum, Child#35;1, Child#35;2\n"
    "  Drive to supermarket | 4 | Dad\nsection Do shopping\n  Go shopping | 5 | Mum\n"
    "personas: [Child#1] [Child#2] [Dad] [Mum]\n", NULL, 0 },
  /* What Mermaid refuses */
  { "semicolon", "journey\nsection A\nBuy; sell: 5: Me", NULL, "d.mmd:3: “;”", 0 },
  { "full-width-colon", "journey\nsection A\nBuy tickets：5：Me", NULL, "d.mmd:3: “Buy tickets：5：Me” has a full-width colon", 0 },
  { "no-score", "journey\nsection A\nBuy tickets", NULL, "d.mmd:3: “Buy tickets” has no score", 0 },
  { "colon-no-score", "journey\nsection A\nBuy tickets:", NULL, "d.mmd:3: the task “Buy tickets” has no score", 0 },
  { "hash-comment", "journey\nsection A\nTask #1: 5: Me", NULL, "d.mmd:3: “#” begins a comment", 0 },
  { "section-colon", "journey\nsection A: b\nT: 5: Me", NULL, "d.mmd:2: a section’s name cannot hold “:”", 0 },
  { "second-journey", "journey\nsection A\njourney planning: 5: Me", NULL, "d.mmd:3: “journey” can only", 0 },
  { "lone-colon", "journey\nsection A\n: 5: Me", NULL, "d.mmd:3: a task needs a name", 0 },
  { "not-journey", "graph TD\nA-->B", NULL, "d.mmd:1: not a Mermaid journey", 0 },
  { "capital-header", "Journey\nsection A", NULL, "d.mmd:1: not a Mermaid journey", 0 },
  { "bare-comment-first", "%%\njourney\nsection A", NULL, "d.mmd:1: Mermaid cannot read this journey", 0 },
  /* What Mermaid accepts but draws oddly: read, with a warning */
  { "task-before-section", "journey\nEarly: 4: Me\nsection A\nT: 2: Me",
    "title: d\nsection \n  Early | 4 | Me\nsection A\n  T | 2 | Me\npersonas: [Me]\n",
    "d.mmd:2: a task comes before any section", 1 },
  { "score-out-of-range", "journey\nsection A\nT: 9: Me\nU: 0: Me\nV: -2: Me",
    "title: d\nsection A\n  T | 9 | Me\n  U | 0 | Me\n  V | -2 | Me\npersonas: [Me]\n",
    "outside 1–5", 3 },
  { "score-empty", "journey\nsection A\nT: : Me",
    "title: d\nsection A\n  T | 0 | Me\npersonas: [Me]\n", "d.mmd:3: the score 0", 1 },
  { "score-nan", "journey\nsection A\nT: lots: Me",
    "title: d\nsection A\n  T | - | Me\npersonas: [Me]\n", "is not a number", 1 },
  { "score-forms", "journey\nsection A\nT: 4.5: Me\nU: 0x3: Me\nV:  +2 : Me\nW: 5e0: Me",
    "title: d\nsection A\n  T | 4.5 | Me\n  U | 3 | Me\n  V | 2 | Me\n  W | 5 | Me\npersonas: [Me]\n", NULL, 0 },
  { "third-colon", "journey\nsection A\nT: 4: Me: You",
    "title: d\nsection A\n  T | 4 | Me\npersonas: [Me]\n", "third colon", 1 },
  { "empty-actor", "journey\nsection A\nT: 4: Me, , You",
    "title: d\nsection A\n  T | 4 | Me, , You\npersonas: [Me] [You]\n", "empty actor", 1 },
  { "empty-section", "journey\nsection A\nsection B\nT: 3: Me",
    "title: d\nsection A\nsection B\n  T | 3 | Me\npersonas: [Me]\n", NULL, 0 },
  { "title-next-line", "journey\ntitle\nsection A",
    "title: section A\npersonas:\n", "reads the next line", 1 },
  { "unclosed-block", "journey\naccDescr { one\nsection A\nT: 5: Me",
    "title: d\npersonas:\n", "not closed", 1 },
  /* Preprocessing: front matter, directives, comments, line ends, BOM */
  { "front-matter", "---\ntitle: From the front\n---\njourney\nsection A\nT: 5: Me",
    "title: From the front\nsection A\n  T | 5 | Me\npersonas: [Me]\n", NULL, 0 },
  { "front-matter-quoted", "---\ntitle: 'It''s #1'\nconfig:\n  theme: dark\n---\njourney\nsection A",
    "title: It's #1\nsection A\npersonas:\n", NULL, 0 },
  { "front-matter-overridden", "---\ntitle: Front\n---\njourney\ntitle Inside\nsection A",
    "title: Inside\nsection A\npersonas:\n", NULL, 0 },
  { "init-directive", "%%{init: {'theme': 'forest', 'journey': {'diagramMarginX': 10}}}%%\n"
    "journey\nsection A\nT: 5: Me",
    "title: d\nsection A\n  T | 5 | Me\npersonas: [Me]\n", NULL, 0 },
  { "comments", "%% a comment first\njourney\n  %% and one inside: with ; and #\nsection A\n"
    "T: 5: Me\n%% last",
    "title: d\nsection A\n  T | 5 | Me\npersonas: [Me]\n", NULL, 0 },
  { "crlf-bom", "\xef\xbb\xbfjourney\r\ntitle Line ends\r\nsection A\r\nT: 5: Me\r\n",
    "title: Line ends\nsection A\n  T | 5 | Me\npersonas: [Me]\n", NULL, 0 },
  { "trailing-hash-comment", "journey\nsection A # the first\nT: 5: Me # and Cat",
    "title: d\nsection A\n  T | 5 | Me\npersonas: [Me]\n", NULL, 0 },
  { "front-matter-empty", "---\n\n---\njourney\nsection A",
    "title: d\nsection A\npersonas:\n", NULL, 0 },
  { "front-matter-unclosed", "---\ntitle: foo\njourney\nsection A", NULL,
    "d.mmd:1: not a Mermaid journey", 0 },
  /* Mermaid turns a tag's double quotes into single ones (cleanupText) */
  { "tag-quotes", "journey\nsection A\nSee <b class=\"x\">this</b>: 5: Me",
    "title: d\nsection A\n  See <b class='x'>this</b> | 5 | Me\npersonas: [Me]\n", NULL, 0 },
  /* Entity codes */
  { "entities", "journey\ntitle A #59; B #colon; C\nsection #35;1 #quot;best#quot;\n"
    "Pay #8364;5#58; done: 5: Ann#44; Bo",
    "title: A ; B : C\nsection #1 \"best\"\n  Pay €5: done | 5 | Ann#44; Bo\npersonas: [Ann, Bo]\n",
    NULL, 0 },
  { "entity-unknown", "journey\nsection A\nT #nosuch; x: 5: Me",
    "title: d\nsection A\n  T &nosuch; x | 5 | Me\npersonas: [Me]\n", "“#nosuch;”", 1 },
  { "entity-invalid-char", "journey\nsection A\nT#1;x: 5: Me",
    "title: d\nsection A\n  T\xef\xbf\xbdx | 5 | Me\npersonas: [Me]\n", "replaced", 1 },
  /* Mermaid drops the last ";" of a line with style…:…#…; (encodeEntities) */
  { "style-rule", "journey\nsection A\nLifestyle: 5:#59; Me;",
    "title: d\nsection A\n  Lifestyle | 5 | #59; Me\npersonas: [; Me]\n", NULL, 0 },
  /* Markdown */
  { "markdown", "# Notes\n\n```js\njourney\n```\n\n```mermaid\ngraph TD\n```\n\n"
    "  ```mermaid\n  journey\n  section A\n  T: 5: Me\n  ```\n\n```mermaid\njourney\nsection B\n```\n",
    "title: d\nsection A\n  T | 5 | Me\npersonas: [Me]\n", "only the first journey", 1 },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = read_text (c->input, warnings, &error);
  gboolean found = c->message == NULL;

  if (c->expected == NULL)
    {
      g_assert_null (document);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, c->message));
      return;
    }

  g_assert_no_error (error);
  g_assert_nonnull (document);
  {
    g_autofree char *text = describe (document);

    g_assert_cmpstr (text, ==, c->expected);
  }
  for (guint i = 0; i < warnings->len; i++)
    {
      g_test_message ("%s", (char *) g_ptr_array_index (warnings, i));
      found |= strstr (g_ptr_array_index (warnings, i), c->message) != NULL;
    }
  g_assert_cmpuint (warnings->len, ==, c->n_warnings);
  g_assert_true (found);
  assert_saves_and_loads (document);
}

/* Mermaid → map → Mermaid → map: the same sections, tasks, scores and
 * actors, and each export reads back to itself. */
static void
assert_round_trip (WmDocument *document)
{
  g_autofree char *first = describe (document);
  g_autofree char *text = wm_mermaid_write (document);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) back = read_text (text, NULL, &error);
  g_autofree char *second = NULL;
  g_autofree char *text_again = NULL;

  g_assert_no_error (error);
  second = describe (back);
  g_assert_cmpstr (first, ==, second);
  text_again = wm_mermaid_write (back);
  g_assert_cmpstr (text, ==, text_again);
}

static void
test_round_trip_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(WmDocument) document = NULL;

      /* A score that is no number is not kept: the export derives one. */
      if (cases[i].expected == NULL || g_str_equal (cases[i].name, "score-nan"))
        continue;
      document = read_text (cases[i].input, NULL, NULL);
      g_test_message ("%s", cases[i].name);
      assert_round_trip (document);
    }
}

static void
add_point (WmCurve    *curve,
           const char *stage,
           double      value)
{
  g_autoptr(WmCurvePoint) point = wm_curve_point_new (stage, value, 0.5);

  g_list_store_append (wm_curve_get_points (curve), point);
}

/* A map built through the model's public API, as the app builds one:
 * @n stages titled @stage_names, one card per stage in an Actions lane
 * saying @card_names, and personas named @people, each with a point on
 * every stage (so every task's actors are all of them). */
static WmDocument *
build_map (const char        *title,
           const char        *scenario,
           const char *const *stage_names,
           const char *const *card_names,
           guint              n,
           const char *const *people,
           guint              n_people)
{
  WmDocument *document = wm_document_new ();
  g_autoptr(WmLane) lane = wm_lane_new ("act", WM_LANE_ACTIONS, NULL);

  wm_document_set_title (document, title);
  if (scenario != NULL)
    wm_document_set_scenario (document, scenario);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *stage_id = g_strdup_printf ("s%u", i);
      g_autofree char *card_id = g_strdup_printf ("c%u", i);
      g_autoptr(WmStage) stage = wm_stage_new (stage_id, stage_names[i]);
      g_autoptr(WmCard) card = wm_card_new (card_id, stage_id, card_names[i]);

      g_list_store_append (wm_document_get_stages (document), stage);
      g_list_store_append (wm_lane_get_cards (lane), card);
    }
  g_list_store_append (wm_document_get_lanes (document), lane);
  for (guint p = 0; p < n_people; p++)
    {
      g_autofree char *persona_id = g_strdup_printf ("p%u", p);
      g_autoptr(WmPersona) persona = wm_persona_new (persona_id);
      g_autoptr(WmCurve) curve = wm_curve_new (persona_id);

      wm_persona_set_name (persona, people[p]);
      g_list_store_append (wm_document_get_personas (document), persona);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *stage_id = g_strdup_printf ("s%u", i);

          add_point (curve, stage_id, (double) ((i + p) % 7) - 3);
        }
      g_list_store_append (wm_document_get_curves (document), curve);
    }
  return document;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* What Mermaid must give back exactly: the title and description, each
 * stage's cards' text, the personas' names (sorted, as a diagram's actors
 * come back). */
static char *
describe_text (WmDocument *document)
{
  GString *out = g_string_new (NULL);
  GListStore *stages = wm_document_get_stages (document);
  GListStore *lanes = wm_document_get_lanes (document);
  GListStore *personas = wm_document_get_personas (document);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_string_append_printf (out, "title: %s\ndescr: %s\n", wm_document_get_title (document),
                          wm_document_get_scenario (document));
  for (guint s = 0; s < g_list_model_get_n_items (G_LIST_MODEL (stages)); s++)
    {
      WmStage *stage = wm_list_peek (stages, s);

      g_string_append_printf (out, "section %s\n", wm_stage_get_title (stage));
      for (guint l = 0; l < g_list_model_get_n_items (G_LIST_MODEL (lanes)); l++)
        {
          GListStore *cards = wm_lane_get_cards (wm_list_peek (lanes, l));

          for (guint c = 0; c < g_list_model_get_n_items (G_LIST_MODEL (cards)); c++)
            {
              WmCard *card = wm_list_peek (cards, c);

              if (g_strcmp0 (wm_card_get_stage (card), wm_item_get_id (WM_ITEM (stage))) == 0)
                g_string_append_printf (out, "  %s\n", wm_card_get_text (card));
            }
        }
    }
  for (guint p = 0; p < g_list_model_get_n_items (G_LIST_MODEL (personas)); p++)
    g_ptr_array_add (names, (char *) wm_persona_get_name (wm_list_peek (personas, p)));
  g_ptr_array_sort (names, compare_names);
  for (guint p = 0; p < names->len; p++)
    g_string_append_printf (out, "[%s]", (char *) g_ptr_array_index (names, p));
  return g_string_free (out, FALSE);
}

/* Map → Mermaid → map keeps every text; the map read from Mermaid (its
 * scores and actors kept on the cards) then round-trips exactly. */
static void
assert_text_survives (WmDocument *document)
{
  g_autofree char *text = wm_mermaid_write (document);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) back = read_text (text, NULL, &error);
  g_autofree char *expected = describe_text (document);
  g_autofree char *got = NULL;

  g_assert_no_error (error);
  got = describe_text (back);
  g_assert_cmpstr (got, ==, expected);
  assert_saves_and_loads (back);
  assert_round_trip (back);
}

/* Text that would break the grammar is escaped, never lost. */
static void
test_hostile_text (void)
{
  static const char *const texts[] = {
    "a: b", "x; y", "#1 item", "50%% off", "line one\nline two", "title is a word",
    "section of it", "journey home", "accTitle: no", "accDescr { x }", "Journey",
    "<b class=\"x\">bold</b>", "#35; literal", "ﬂ°°35¶ß", "a,b", "}%%", "%%{init: {}}%%",
    "style x:y#z;", "---", "Lifestyle: 5:#1; Me;", "🙂 emoji", "中文：全角", "tab\there",
  };
  g_autoptr(WmDocument) document = build_map (texts[0], texts[4], texts, texts,
                                              G_N_ELEMENTS (texts), texts, G_N_ELEMENTS (texts));

  assert_saves_and_loads (document);
  assert_text_survives (document);
}

/* Characters a map cannot hold, raw and as entity codes (noncharacters,
 * a surrogate, controls, NUL, past U+10FFFF), in every kind of text:
 * the map holds U+FFFD instead, saves, and opens again. */
static void
test_invalid_characters (void)
{
#define BAD "\xEF\xBF\xBE\xEF\xBF\xBF\xEF\xB7\x90\xF0\x9F\xBF\xBE\x01\x0b" \
            "#xFFFE;#65535;#xFDD0;#55296;#1;#0;#1114112;#x1FFFF;"
  const char *text =
    "journey\n"
    "  title T" BAD "\n"
    "  accDescr: D" BAD "\n"
    "  section S" BAD "\n"
    "    Task" BAD ": 3: P" BAD ", Q" BAD "\n";
#undef BAD
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = read_text (text, warnings, &error);
  WmStage *stage;

  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_cmpuint (warnings->len, >, 0);
  stage = wm_list_peek (wm_document_get_stages (document), 0);
  g_assert_true (wm_rules_text_is_valid (wm_document_get_title (document), -1));
  g_assert_true (wm_rules_text_is_valid (wm_document_get_scenario (document), -1));
  g_assert_true (wm_rules_text_is_valid (wm_stage_get_title (stage), -1));
  g_assert_true (wm_rules_text_is_valid (wm_persona_get_name (wm_list_peek (wm_document_get_personas (document), 0)), -1));
  g_assert_nonnull (strstr (wm_document_get_title (document), "\xEF\xBF\xBD"));
  assert_saves_and_loads (document);
}

/* Random diagrams, built from the parts Mermaid's grammar knows about,
 * come back the same through a Waymark map. Mermaid trims white space at
 * either end (all of it ASCII among the parts), so the parts are trimmed. */
static char *
random_text (GRand *rand)
{
  static const char *const parts[] = {
    "a", "Z", " ", ":", ";", "#", "%", "%%", ",", "<", "b", ">", "\"", "\n", "{", "}",
    "title ", "section ", "journey", "#35;", "中", "é", "-", "5", "\t", "&", "'",
  };
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 1, 12);

  for (guint i = 0; i < n; i++)
    g_string_append (out, parts[g_rand_int_range (rand, 0, G_N_ELEMENTS (parts))]);
  g_strstrip (out->str);
  return g_strdup (out->str[0] != '\0' ? out->str : "x");
}

static void
test_property_round_trip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());

  for (guint round = 0; round < 200; round++)
    {
      g_autoptr(GPtrArray) stages = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(WmDocument) document = NULL;
      guint n = g_rand_int_range (rand, 1, 8);
      guint n_people = g_rand_int_range (rand, 1, 3);

      for (guint i = 0; i < n; i++)
        {
          g_ptr_array_add (stages, random_text (rand));
          g_ptr_array_add (cards, random_text (rand));
        }
      /* Actors of one name are one persona: the names differ. */
      for (guint p = 0; p < n_people; p++)
        {
          g_autofree char *name = random_text (rand);

          g_ptr_array_add (people, g_strdup_printf ("%s %u", name, p));
        }
      document = build_map ("T", NULL, (const char *const *) stages->pdata,
                            (const char *const *) cards->pdata, n,
                            (const char *const *) people->pdata, n_people);
      assert_text_survives (document);
    }
}

/* A map made in Waymark: scores from the personas' curves, actors the
 * personas with a point in the stage. */
static void
test_scores_from_curves (void)
{
  g_autoptr(WmDocument) document = wm_document_new ();
  g_autoptr(WmStage) s1 = wm_stage_new ("s1", "Look");
  g_autoptr(WmStage) s2 = wm_stage_new ("s2", "Book");
  g_autoptr(WmStage) s3 = wm_stage_new ("s3", "Go");
  g_autoptr(WmPersona) ann = wm_persona_new ("ann");
  g_autoptr(WmPersona) bo = wm_persona_new ("bo");
  g_autoptr(WmCurve) ann_curve = wm_curve_new ("ann");
  g_autoptr(WmCurve) bo_curve = wm_curve_new ("bo");
  g_autoptr(WmLane) lane = wm_lane_new ("act", WM_LANE_ACTIONS, NULL);
  g_autoptr(WmLane) pains = wm_lane_new ("pain", WM_LANE_PAINS, NULL);
  const char *stage_of[] = { "s1", "s2", "s3" };
  g_autofree char *text = NULL;

  wm_document_set_title (document, "Made here");
  wm_persona_set_name (ann, "Ann");
  wm_persona_set_name (bo, "Bo");
  g_list_store_append (wm_document_get_personas (document), ann);
  g_list_store_append (wm_document_get_personas (document), bo);
  g_list_store_append (wm_document_get_stages (document), s1);
  g_list_store_append (wm_document_get_stages (document), s2);
  g_list_store_append (wm_document_get_stages (document), s3);
  add_point (ann_curve, "s1", 3);
  add_point (ann_curve, "s3", -3);
  add_point (bo_curve, "s1", 0.7);
  g_list_store_append (wm_document_get_curves (document), ann_curve);
  g_list_store_append (wm_document_get_curves (document), bo_curve);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      g_autoptr(WmCard) card = wm_card_new (id, stage_of[i], i == 0 ? "See: ads" : "Step");

      g_list_store_append (wm_lane_get_cards (lane), card);
    }
  {
    g_autoptr(WmCard) pain = wm_card_new ("p1", "s1", "Not a task");

    g_list_store_append (wm_lane_get_cards (pains), pain);
  }
  g_list_store_append (wm_document_get_lanes (document), lane);
  g_list_store_append (wm_document_get_lanes (document), pains);

  text = wm_mermaid_write (document);
  /* s1: Ann 3 → 5, Bo 0.7 → 3.47; the mean 1.85 → 4. s2: no point, the
   * curves' lines: Ann 0 → 3, Bo flat 0.7 → 3; 0.35 → 3. s3: Ann −3 → 1. */
  g_assert_cmpstr (text, ==,
                   "journey\n"
                   "    title Made here\n"
                   "    section Look\n"
                   "      See#58; ads: 4: Ann, Bo\n"
                   "    section Book\n"
                   "      Step: 3: Ann, Bo\n"
                   "    section Go\n"
                   "      Step: 1: Ann\n");
}

static void
test_source_from_path (void)
{
  g_assert_cmpint (wm_mermaid_source_from_path ("a/b.MD"), ==, WM_MERMAID_MARKDOWN);
  g_assert_cmpint (wm_mermaid_source_from_path ("b.mermaid"), ==, WM_MERMAID_DIAGRAM);
  g_assert_cmpint (wm_mermaid_source_from_path ("b.mmd"), ==, WM_MERMAID_DIAGRAM);
  g_assert_cmpint (wm_mermaid_source_from_path ("b.txt"), ==, WM_MERMAID_AUTO);
}

static void
test_markdown_without_journey (void)
{
  const char *text = "# Title\n\n```mermaid\ngraph TD\n```\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = wm_mermaid_read (text, strlen (text), "n.md",
                                                    WM_MERMAID_MARKDOWN, NULL, NULL, &error);

  g_assert_null (document);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "n.md: no ```mermaid block holds a journey diagram");
}

/* Errors name the file's own line, past front matter, directives and
 * comment lines that Mermaid removes before its grammar sees the text. */
static void
test_error_lines (void)
{
  const char *text = "---\ntitle: x\n---\n%%{init: {\n 'theme': 'dark'\n}}%%\njourney\n"
                     "%% note\n\n  %% another\nsection A\nT: 5: Me\nBad; task: 5: Me\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = read_text (text, NULL, &error);

  g_assert_null (document);
  g_assert_true (g_str_has_prefix (error->message, "d.mmd:13: "));
}

static void
test_caps (void)
{
  g_autoptr(GString) text = g_string_new ("journey\nsection A\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = NULL;
  char *big;

  for (guint i = 0; i <= WM_MERMAID_MAX_TASKS; i++)
    g_string_append (text, "T: 5: Me\n");
  document = read_text (text->str, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, WM_ERROR, WM_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_string_assign (text, "journey\nsection A\nT: 5: ");
  for (guint i = 0; i <= WM_MERMAID_MAX_ACTORS; i++)
    g_string_append_printf (text, "a%u,", i);
  document = read_text (text->str, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, WM_ERROR, WM_ERROR_TOO_LARGE);
  g_clear_error (&error);

  big = g_malloc0 (WM_MERMAID_MAX_BYTES + 2);
  memset (big, '\n', WM_MERMAID_MAX_BYTES + 1);
  document = wm_mermaid_read (big, WM_MERMAID_MAX_BYTES + 1, "big.mmd", WM_MERMAID_DIAGRAM,
                              NULL, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, WM_ERROR, WM_ERROR_TOO_LARGE);
  g_clear_error (&error);
  document = wm_mermaid_read (big, WM_MERMAID_MAX_LINES + 10, "lines.mmd", WM_MERMAID_DIAGRAM,
                              NULL, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, WM_ERROR, WM_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "lines.mmd:100000: "));
  g_free (big);
}

static void
test_not_utf8 (void)
{
  const char *text = "journey\nsection A\nT\xff: 5: Me\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = read_text (text, NULL, &error);

  g_assert_null (document);
  g_assert_error (error, WM_ERROR, WM_ERROR_MALFORMED);
  g_assert_true (g_str_has_prefix (error->message, "d.mmd:3: "));
}

/* Runs that a regular expression engine could take quadratic time on. */
static void
test_no_quadratic_runs (void)
{
  /* Lines of blanks: under the line cap, but each line start of a blank
   * run sees the whole run. */
  static const char *const units[] = {
    "                                                                   \n",
    "<a", "%%{x", ":", "---\n", "style:", "#a", "accDescr {", "- - -\n",
  };
  gint64 start = g_get_monotonic_time ();

  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    {
      g_autoptr(GString) text = g_string_new ("journey\n");
      g_autoptr(WmDocument) document = NULL;

      while (text->len < 256 * 1024)
        g_string_append (text, units[u]);
      document = read_text (text->str, NULL, NULL);
      g_clear_object (&document);
      g_string_prepend (text, units[u]);
      document = read_text (text->str, NULL, NULL);
    }
  /* Each takes milliseconds; a quadratic scanner took minutes. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/Waymark/Mermaid/case/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/Waymark/Mermaid/round-trip-cases", test_round_trip_cases);
  g_test_add_func ("/Waymark/Mermaid/hostile-text", test_hostile_text);
  g_test_add_func ("/Waymark/Mermaid/property-round-trip", test_property_round_trip);
  g_test_add_func ("/Waymark/Mermaid/scores-from-curves", test_scores_from_curves);
  g_test_add_func ("/Waymark/Mermaid/source-from-path", test_source_from_path);
  g_test_add_func ("/Waymark/Mermaid/markdown-without-journey", test_markdown_without_journey);
  g_test_add_func ("/Waymark/Mermaid/error-lines", test_error_lines);
  g_test_add_func ("/Waymark/Mermaid/caps", test_caps);
  g_test_add_func ("/Waymark/Mermaid/invalid-characters", test_invalid_characters);
  g_test_add_func ("/Waymark/Mermaid/not-utf8", test_not_utf8);
  g_test_add_func ("/Waymark/Mermaid/no-quadratic-runs", test_no_quadratic_runs);

  return g_test_run ();
}
