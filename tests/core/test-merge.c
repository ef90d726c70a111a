/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-merge.c - three-way merge of maps: a table of scenarios */

#include <math.h>
#include <string.h>

#include <glib.h>

#include "../test-util.h"
#include "wm-diff.h"
#include "wm-lane.h"
#include "wm-layout.h"
#include "wm-merge.h"
#include "wm-reader.h"
#include "wm-render.h"
#include "wm-validate.h"
#include "wm-writer.h"

static const char base_map[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
  "  <title>T</title>\n"
  "  <persona id=\"p1\" color=\"#3584e4\">\n"
  "    <name>P</name>\n"
  "  </persona>\n"
  "  <stage id=\"s1\">\n"
  "    <title>S1</title>\n"
  "    <metric kind=\"nps\" value=\"10\"/>\n"
  "  </stage>\n"
  "  <stage id=\"s2\">\n"
  "    <title>S2</title>\n"
  "  </stage>\n"
  "  <lane id=\"l1\" kind=\"actions\">\n"
  "    <title>L1</title>\n"
  "    <card id=\"c1\" stage=\"s1\">\n"
  "      <text>one</text>\n"
  "    </card>\n"
  "    <card id=\"c2\" stage=\"s2\">\n"
  "      <text>two</text>\n"
  "    </card>\n"
  "  </lane>\n"
  "  <lane id=\"l2\" kind=\"pains\">\n"
  "    <card id=\"c3\" stage=\"s1\" severity=\"2\">\n"
  "      <text>three</text>\n"
  "    </card>\n"
  "  </lane>\n"
  "  <curve persona=\"p1\">\n"
  "    <point stage=\"s1\" value=\"1\"/>\n"
  "    <point stage=\"s2\" value=\"0\"/>\n"
  "  </curve>\n"
  "  <moment id=\"m1\" kind=\"aha\" persona=\"p1\" stage=\"s1\">\n"
  "    <text>wow</text>\n"
  "  </moment>\n"
  "</map>\n";

typedef struct
{
  const char *from, *to;
} Edit;

typedef struct
{
  const char *name;
  Edit        ours[3];
  Edit        theirs[3];
  Edit        expected[4];
  guint       conflicts;
} Scenario;

#define C4 "<card id=\"c4\" stage=\"s1\"><text>ours</text></card>"
#define C5 "<card id=\"c5\" stage=\"s2\"><text>theirs</text></card>"
#define C2 "<card id=\"c2\" stage=\"s2\">"
#define END_L1 "  </lane>\n  <lane id=\"l2\""
#define ACME "<map xmlns=\"urn:waymark:map:1\" xmlns:acme=\"urn:acme\""
#define MAP "<map xmlns=\"urn:waymark:map:1\""
#define OTHER "<map xmlns=\"urn:waymark:map:1\" xmlns:acme=\"urn:other\""
#define L1_LANE "<lane id=\"l1\" kind=\"actions\">\n    <title>L1</title>\n    <card id=\"c1\" stage=\"s1\">\n" \
  "      <text>one</text>\n    </card>\n    <card id=\"c2\" stage=\"s2\">\n      <text>two</text>\n    </card>\n  </lane>\n"

static const Scenario scenarios[] = {
  { "nothing-changed", { { 0 } }, { { 0 } }, { { 0 } }, 0 },
  { "only-ours", { { "<text>one</text>", "<text>uno</text>" } }, { { 0 } },
    { { "<text>one</text>", "<text>uno</text>" } }, 0 },
  { "cards-added-in-different-stages",
    { { C2, C4 C2 } }, { { END_L1, C5 END_L1 } },
    { { C2, C4 C2 }, { END_L1, C5 END_L1 } }, 0 },
  { "cards-added-in-same-cell-ours-then-theirs",
    { { END_L1, C4 END_L1 } }, { { END_L1, C5 END_L1 } },
    { { END_L1, C4 C5 END_L1 } }, 0 },
  { "stage-renamed-and-curve-point-moved",
    { { "<title>S1</title>", "<title>Search</title>" } },
    { { "<point stage=\"s1\" value=\"1\"/>", "<point stage=\"s1\" value=\"-1.5\"/>" } },
    { { "<title>S1</title>", "<title>Search</title>" },
      { "<point stage=\"s1\" value=\"1\"/>", "<point stage=\"s1\" value=\"-1.5\"/>" } }, 0 },
  { "same-change-on-both-sides",
    { { "severity=\"2\"", "severity=\"4\"" } }, { { "severity=\"2\"", "severity=\"4\"" } },
    { { "severity=\"2\"", "severity=\"4\"" } }, 0 },
  { "same-attribute-changed-differently",
    { { "severity=\"2\"", "severity=\"3\"" } }, { { "severity=\"2\"", "severity=\"5\"" } },
    { { "severity=\"2\"", "severity=\"3\" wmm:conflict=\"severity: ours “3”, theirs “5”\" wmm:theirs-severity=\"5\"" } }, 1 },
  { "different-attributes-of-one-card",
    { { "severity=\"2\"", "severity=\"3\"" } }, { { "severity=\"2\"", "severity=\"2\" frequency=\"7\"" } },
    { { "severity=\"2\"", "severity=\"3\" frequency=\"7\"" } }, 0 },
  { "card-text-changed-differently",
    { { "<text>two</text>", "<text>deux</text>" } }, { { "<text>two</text>", "<text>zwei</text>" } },
    { { C2 "\n      <text>two</text>",
        "<card id=\"c2\" stage=\"s2\" wmm:conflict=\"text: ours “deux”, theirs “zwei”\" wmm:theirs-text=\"zwei\"><text>deux</text>" } }, 1 },
  { "card-deleted-unchanged-elsewhere",
    { { C2 "\n      <text>two</text>\n    </card>", "" } }, { { "<text>one</text>", "<text>uno</text>" } },
    { { C2 "\n      <text>two</text>\n    </card>", "" }, { "<text>one</text>", "<text>uno</text>" } }, 0 },
  { "card-deleted-and-edited",
    { { C2 "\n      <text>two</text>\n    </card>", "" } }, { { "<text>two</text>", "<text>2</text>" } },
    { { C2 "\n      <text>two</text>",
        "<card id=\"c2\" stage=\"s2\" wmm:conflict=\"deleted by ours, changed by theirs\" wmm:deleted-by=\"ours\"><text>2</text>" } }, 1 },
  { "card-edited-and-deleted",
    { { "severity=\"2\"", "severity=\"1\"" } },
    { { "<lane id=\"l2\" kind=\"pains\">\n    <card id=\"c3\" stage=\"s1\" severity=\"2\">\n      <text>three</text>\n    </card>\n  </lane>",
        "<lane id=\"l2\" kind=\"pains\"/>" } },
    { { "severity=\"2\"", "severity=\"1\" wmm:conflict=\"deleted by theirs, changed by ours\" wmm:deleted-by=\"theirs\"" } }, 1 },
  { "cards-reordered-and-edited",
    { { "<card id=\"c1\" stage=\"s1\">\n      <text>one</text>\n    </card>\n", "" },
      { END_L1, "<card id=\"c1\" stage=\"s1\"><text>one</text></card>" END_L1 } },
    { { "<text>two</text>", "<text>2</text>" } },
    { { "<card id=\"c1\" stage=\"s1\">\n      <text>one</text>\n    </card>\n", "" },
      { END_L1, "<card id=\"c1\" stage=\"s1\"><text>one</text></card>" END_L1 },
      { "<text>two</text>", "<text>2</text>" } }, 0 },
  /* c4 follows c2, as ours had it; theirs moved c1 to after c2 too. */
  { "theirs-reordered-ours-added",
    { { END_L1, C4 END_L1 } },
    { { "<card id=\"c1\" stage=\"s1\">\n      <text>one</text>\n    </card>\n", "" },
      { END_L1, "<card id=\"c1\" stage=\"s1\"><text>one</text></card>" END_L1 } },
    { { "<card id=\"c1\" stage=\"s1\">\n      <text>one</text>\n    </card>\n", "" },
      { END_L1, C4 "<card id=\"c1\" stage=\"s1\"><text>one</text></card>" END_L1 } }, 0 },
  { "reorders-of-different-lists",
    { { "<stage id=\"s1\">\n    <title>S1</title>\n    <metric kind=\"nps\" value=\"10\"/>\n  </stage>\n", "" },
      { "  <lane id=\"l1\"", "<stage id=\"s1\"><title>S1</title><metric kind=\"nps\" value=\"10\"/></stage><lane id=\"l1\"" } },
    { { "<card id=\"c1\" stage=\"s1\">\n      <text>one</text>\n    </card>\n", "" },
      { END_L1, "<card id=\"c1\" stage=\"s1\"><text>one</text></card>" END_L1 } },
    { { "<stage id=\"s1\">\n    <title>S1</title>\n    <metric kind=\"nps\" value=\"10\"/>\n  </stage>\n", "" },
      { "  <lane id=\"l1\"", "<stage id=\"s1\"><title>S1</title><metric kind=\"nps\" value=\"10\"/></stage><lane id=\"l1\"" },
      { "<card id=\"c1\" stage=\"s1\">\n      <text>one</text>\n    </card>\n", "" },
      { END_L1, "<card id=\"c1\" stage=\"s1\"><text>one</text></card>" END_L1 } }, 0 },
  /* Ours reorders the stages, theirs the lanes: one list, two kinds. */
  { "stages-and-lanes-reordered",
    { { "<stage id=\"s1\">\n    <title>S1</title>\n    <metric kind=\"nps\" value=\"10\"/>\n  </stage>\n", "" },
      { "  <lane id=\"l1\"", "<stage id=\"s1\"><title>S1</title><metric kind=\"nps\" value=\"10\"/></stage><lane id=\"l1\"" } },
    { { L1_LANE, "" }, { "  <curve", L1_LANE "<curve" } },
    { { "<stage id=\"s1\">\n    <title>S1</title>\n    <metric kind=\"nps\" value=\"10\"/>\n  </stage>\n", "" },
      { "  <lane id=\"l1\"", "<stage id=\"s1\"><title>S1</title><metric kind=\"nps\" value=\"10\"/></stage><lane id=\"l1\"" },
      { L1_LANE, "" }, { "  <curve", L1_LANE "<curve" } }, 0 },
  { "same-prefix-for-two-namespaces",
    { { MAP, ACME }, { "<card id=\"c1\" stage=\"s1\"", "<card id=\"c1\" stage=\"s1\" acme:tag=\"x\"" } },
    { { MAP, OTHER }, { "<card id=\"c1\" stage=\"s1\"", "<card id=\"c1\" stage=\"s1\" acme:tag=\"y\"" },
      { "<title>L1</title>", "<title>L1</title><acme:note>n</acme:note>" } },
    { { MAP, ACME " xmlns:acme2=\"urn:other\"" },
      { "<card id=\"c1\" stage=\"s1\"", "<card id=\"c1\" stage=\"s1\" acme:tag=\"x\" acme2:tag=\"y\"" },
      { "<title>L1</title>", "<title>L1</title><acme2:note>n</acme2:note>" } }, 0 },
  { "text-deleted-and-changed",
    { { "<title>S2</title>", "" } }, { { "<title>S2</title>", "<title>Book</title>" } },
    { { "<stage id=\"s2\">\n    <title>S2</title>",
        "<stage id=\"s2\" wmm:conflict=\"title: ours “(none)”, theirs “Book”\" wmm:theirs-title=\"Book\">" } }, 1 },
  { "card-moved-to-another-lane-and-edited",
    { { "<card id=\"c1\" stage=\"s1\">\n      <text>one</text>\n    </card>\n", "" },
      { "</text>\n    </card>\n  </lane>\n  <curve", "</text></card><card id=\"c1\" stage=\"s1\"><text>one</text></card></lane><curve" } },
    { { "<text>one</text>", "<text>uno</text>" } },
    { { "<card id=\"c1\" stage=\"s1\">\n      <text>one</text>\n    </card>\n", "" },
      { "</text>\n    </card>\n  </lane>\n  <curve", "</text></card><card id=\"c1\" stage=\"s1\"><text>uno</text></card></lane><curve" } }, 0 },
  { "card-moved-to-different-lanes",
    { { "<card id=\"c1\" stage=\"s1\">\n      <text>one</text>\n    </card>\n", "" },
      { "</text>\n    </card>\n  </lane>\n  <curve", "</text></card><card id=\"c1\" stage=\"s1\"><text>one</text></card></lane><curve" } },
    { { "<card id=\"c1\" stage=\"s1\">\n      <text>one</text>\n    </card>\n", "" },
      { "  <curve", "<lane id=\"l3\" kind=\"notes\"><card id=\"c1\" stage=\"s1\"><text>one</text></card></lane><curve" } },
    { { "<card id=\"c1\" stage=\"s1\">\n      <text>one</text>\n    </card>\n", "" },
      { "</text>\n    </card>\n  </lane>\n  <curve",
        "</text></card><card id=\"c1\" stage=\"s1\" wmm:conflict=\"lane: ours “l2”, theirs “l3”\" wmm:theirs-lane=\"l3\"><text>one</text></card></lane>"
        "<lane id=\"l3\" kind=\"notes\"/><curve" } }, 1 },
  { "persona-added-and-renamed",
    { { "  <stage id=\"s1\">", "<persona id=\"p2\"><name>Q</name></persona><stage id=\"s1\">" } },
    { { "<name>P</name>", "<name>Pat</name>" } },
    { { "  <stage id=\"s1\">", "<persona id=\"p2\"><name>Q</name></persona><stage id=\"s1\">" },
      { "<name>P</name>", "<name>Pat</name>" } }, 0 },
  { "persona-color-changed-differently",
    { { "#3584e4", "#ff0000" } }, { { "#3584e4", "#00ff00" } },
    { { "color=\"#3584e4\"", "color=\"#ff0000\" wmm:conflict=\"color: ours “#ff0000”, theirs “#00ff00”\" wmm:theirs-color=\"#00ff00\"" } }, 1 },
  { "moment-at-and-text",
    { { "stage=\"s1\">\n    <text>wow", "stage=\"s1\" at=\"0.8\">\n    <text>wow" } },
    { { "<text>wow</text>", "<text>wow!</text>" } },
    { { "stage=\"s1\">\n    <text>wow</text>", "stage=\"s1\" at=\"0.8\">\n    <text>wow!</text>" } }, 0 },
  { "moment-added-alike-on-both",
    { { "</moment>", "</moment><moment id=\"m2\" kind=\"micro\" persona=\"p1\" stage=\"s2\"/>" } },
    { { "</moment>", "</moment><moment id=\"m2\" kind=\"micro\" persona=\"p1\" stage=\"s2\"/>" } },
    { { "</moment>", "</moment><moment id=\"m2\" kind=\"micro\" persona=\"p1\" stage=\"s2\"/>" } }, 0 },
  { "card-added-twice-with-one-id",
    { { END_L1, "<card id=\"c9\" stage=\"s1\"/>" END_L1 } },
    { { END_L1, "<card id=\"c9\" stage=\"s2\"/>" END_L1 } },
    { { END_L1, "<card id=\"c9\" stage=\"s1\" wmm:conflict=\"stage: ours “s1”, theirs “s2”\" wmm:theirs-stage=\"s2\"/>" END_L1 } }, 1 },
  { "metric-changed-and-added",
    { { "value=\"10\"", "value=\"30\"" } },
    { { "<title>S2</title>", "<title>S2</title><metric kind=\"csat\" value=\"80\"/>" } },
    { { "value=\"10\"", "value=\"30\"" },
      { "<title>S2</title>", "<title>S2</title><metric kind=\"csat\" value=\"80\"/>" } }, 0 },
  { "metric-changed-differently",
    { { "value=\"10\"", "value=\"30\"" } }, { { "value=\"10\"", "value=\"-5\"" } },
    { { "value=\"10\"", "value=\"30\" wmm:conflict=\"value: ours “30”, theirs “-5”\" wmm:theirs-value=\"-5\"" } }, 1 },
  { "curve-point-value-and-position",
    { { "value=\"0\"/>", "value=\"0\" at=\"0.25\"/>" } }, { { "value=\"0\"/>", "value=\"2\"/>" } },
    { { "value=\"0\"/>", "value=\"2\" at=\"0.25\"/>" } }, 0 },
  { "curve-point-moved-differently",
    { { "value=\"1\"/>", "value=\"1.5\"/>" } }, { { "value=\"1\"/>", "value=\"-3\"/>" } },
    { { "value=\"1\"/>", "value=\"1.5\" wmm:conflict=\"value: ours “1.5”, theirs “-3”\" wmm:theirs-value=\"-3\"/>" } }, 1 },
  { "foreign-attribute-and-edit",
    { { MAP, ACME }, { "<card id=\"c1\" stage=\"s1\"", "<card id=\"c1\" stage=\"s1\" acme:tag=\"x\"" } },
    { { "severity=\"2\"", "severity=\"5\"" } },
    { { MAP, ACME }, { "<card id=\"c1\" stage=\"s1\"", "<card id=\"c1\" stage=\"s1\" acme:tag=\"x\"" },
      { "severity=\"2\"", "severity=\"5\"" } }, 0 },
  { "foreign-element-and-card",
    { { END_L1, C4 END_L1 } },
    { { MAP, ACME }, { "<title>L1</title>", "<title>L1</title><acme:note>n</acme:note>" } },
    { { MAP, ACME }, { "<title>L1</title>", "<title>L1</title><acme:note>n</acme:note>" },
      { END_L1, C4 END_L1 } }, 0 },
  { "foreign-element-changed-differently",
    { { MAP, ACME }, { "<title>L1</title>", "<title>L1</title><acme:note>a</acme:note>" } },
    { { MAP, ACME }, { "<title>L1</title>", "<title>L1</title><acme:note>b</acme:note>" } },
    { { MAP, ACME },
      { "<lane id=\"l1\" kind=\"actions\">\n    <title>L1</title>",
        "<lane id=\"l1\" kind=\"actions\" wmm:conflict=\"another tool’s element was changed on both sides\"><title>L1</title><acme:note>a</acme:note>" } }, 1 },
  { "map-title-changed-differently",
    { { "<title>T</title>", "<title>Trip</title>" } }, { { "<title>T</title>", "<title>Tour</title>" } },
    { { "format=\"1\">\n  <title>T</title>", "format=\"1\" wmm:conflict=\"title: ours “Trip”, theirs “Tour”\" wmm:theirs-title=\"Tour\"><title>Trip</title>" } }, 1 },
  { "scenario-added-lane-deleted",
    { { "<title>T</title>", "<title>T</title><scenario>why</scenario>" } },
    { { "<lane id=\"l2\" kind=\"pains\">\n    <card id=\"c3\" stage=\"s1\" severity=\"2\">\n      <text>three</text>\n    </card>\n  </lane>\n", "" } },
    { { "<title>T</title>", "<title>T</title><scenario>why</scenario>" },
      { "<lane id=\"l2\" kind=\"pains\">\n    <card id=\"c3\" stage=\"s1\" severity=\"2\">\n      <text>three</text>\n    </card>\n  </lane>\n", "" } }, 0 },
  { "stage-deleted-while-card-added",
    { { "  <stage id=\"s2\">\n    <title>S2</title>\n  </stage>\n", "" },
      { C2 "\n      <text>two</text>\n    </card>\n", "" },
      { "    <point stage=\"s2\" value=\"0\"/>\n", "" } },
    { { END_L1, C5 END_L1 } },
    { { "<stage id=\"s2\">", "<stage id=\"s2\" wmm:conflict=\"deleted on one side, still used on the other\">" },
      { C2 "\n      <text>two</text>\n    </card>\n", "" },
      { "    <point stage=\"s2\" value=\"0\"/>\n", "" },
      { END_L1, C5 END_L1 } }, 1 },
  { "persona-deleted-while-moment-added",
    { { "</moment>", "</moment><moment id=\"m2\" kind=\"micro\" persona=\"p1\" stage=\"s2\"/>" } },
    { { "  <persona id=\"p1\" color=\"#3584e4\">\n    <name>P</name>\n  </persona>\n", "" },
      { "  <curve persona=\"p1\">\n    <point stage=\"s1\" value=\"1\"/>\n    <point stage=\"s2\" value=\"0\"/>\n  </curve>\n", "" },
      { "  <moment id=\"m1\" kind=\"aha\" persona=\"p1\" stage=\"s1\">\n    <text>wow</text>\n  </moment>\n", "" } },
    { { "<persona id=\"p1\" color=\"#3584e4\">", "<persona id=\"p1\" color=\"#3584e4\" wmm:conflict=\"deleted on one side, still used on the other\">" },
      { "  <curve persona=\"p1\">\n    <point stage=\"s1\" value=\"1\"/>\n    <point stage=\"s2\" value=\"0\"/>\n  </curve>\n", "" },
      { "  <moment id=\"m1\" kind=\"aha\" persona=\"p1\" stage=\"s1\">\n    <text>wow</text>\n  </moment>\n",
        "<moment id=\"m2\" kind=\"micro\" persona=\"p1\" stage=\"s2\"/>" } }, 1 },
};

static char *
apply_edits (const Edit *edits,
             guint       n,
             guint       conflicts)
{
  GString *text = g_string_new (base_map);

  for (guint i = 0; i < n && edits[i].from != NULL; i++)
    {
      const char *at = strstr (text->str, edits[i].from);

      g_assert_nonnull (at);
      g_string_erase (text, at - text->str, strlen (edits[i].from));
      g_string_insert (text, at - text->str, edits[i].to);
    }
  if (conflicts > 0)
    {
      const char *at = strstr (text->str, " format=\"1\"");

      g_string_insert (text, at - text->str, " xmlns:wmm=\"urn:waymark:merge:1\"");
    }
  return g_string_free (text, FALSE);
}

static WmDocument *
load (const char *text)
{
  g_autoptr(GError) error = NULL;
  WmDocument *document = wm_reader_load_data (text, strlen (text), "test", &error);

  g_assert_no_error (error);
  return document;
}

/* The expected map in canonical form: what the writer makes of it. */
static char *
canonical (const char *text)
{
  g_autoptr(WmDocument) document = load (text);

  return wm_writer_to_string (document, NULL);
}

static void
test_scenario (gconstpointer data)
{
  const Scenario *s = data;
  g_autofree char *ours_text = apply_edits (s->ours, G_N_ELEMENTS (s->ours), 0);
  g_autofree char *theirs_text = apply_edits (s->theirs, G_N_ELEMENTS (s->theirs), 0);
  g_autofree char *expected_text = apply_edits (s->expected, G_N_ELEMENTS (s->expected), s->conflicts);
  g_autofree char *expected = canonical (expected_text);
  g_autoptr(WmDocument) base = load (base_map);
  g_autoptr(WmDocument) ours = load (ours_text);
  g_autoptr(WmDocument) theirs = load (theirs_text);
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(WmDocument) merged = NULL;
  g_autoptr(WmDocument) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  gsize length = 0;

  merged = wm_merge (base, ours, theirs, conflicts, &error);
  g_assert_no_error (error);
  bytes = wm_writer_write (merged, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bytes, ==, expected);
  g_assert_cmpuint (conflicts->len, ==, s->conflicts);

  /* The merged bytes open in strict mode and pass the schema. */
  again = wm_reader_load_data (bytes, length, "merged", &error);
  g_assert_no_error (error);
  g_assert_true (wm_validate_data (bytes, length, "merged", messages, &error));
  g_assert_no_error (error);
  g_assert_null (strstr (bytes, "<<<<<<<"));
}

/* Merging is symmetric where nothing conflicts: theirs into ours gives
 * the same items as ours into theirs. */
static void
test_clean_is_symmetric (void)
{
  const Scenario *s = &scenarios[4];
  g_autofree char *ours_text = apply_edits (s->ours, G_N_ELEMENTS (s->ours), 0);
  g_autofree char *theirs_text = apply_edits (s->theirs, G_N_ELEMENTS (s->theirs), 0);
  g_autoptr(WmDocument) base = load (base_map);
  g_autoptr(WmDocument) ours = load (ours_text);
  g_autoptr(WmDocument) theirs = load (theirs_text);
  g_autoptr(WmDocument) one = wm_merge (base, ours, theirs, NULL, NULL);
  g_autoptr(WmDocument) two = wm_merge (base, theirs, ours, NULL, NULL);
  g_autofree char *a = wm_writer_to_string (one, NULL);
  g_autofree char *b = wm_writer_to_string (two, NULL);

  g_assert_cmpstr (a, ==, b);
}

/* @n cards in one lane, then @added more from @first on. */
static char *
big_map (guint n,
         guint first,
         guint added)
{
  GString *text = g_string_new ("<map xmlns=\"urn:waymark:map:1\" format=\"1\"><title>T</title>"
                                "<stage id=\"s\"/><lane id=\"l\" kind=\"actions\">");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "<card id=\"c%u\" stage=\"s\"/>", i);
  for (guint i = 0; i < added; i++)
    g_string_append_printf (text, "<card id=\"c%u\" stage=\"s\"/>", first + i);
  g_string_append (text, "</lane></map>\n");
  return g_string_free (text, FALSE);
}

/* AddressSanitizer unwinds the stack on every allocation here
 * (fast_unwind_on_malloc=0): 60,000 cards would take minutes whatever the
 * algorithm, so a sanitizer build checks the result on fewer, untimed. */
#if defined(__SANITIZE_ADDRESS__)
#define MANY 500
#else
#define MANY 20000
#endif

/* Many siblings on both sides: linear, not the minutes a quadratic
 * placement of each addition took. */
static void
test_many_cards (void)
{
  g_autofree char *base_text = big_map (MANY, 0, 0);
  g_autofree char *ours_text = big_map (MANY, 100000, MANY);
  g_autofree char *theirs_text = big_map (MANY, 200000, MANY);
  g_autoptr(WmDocument) base = load (base_text);
  g_autoptr(WmDocument) ours = load (ours_text);
  g_autoptr(WmDocument) theirs = load (theirs_text);
  g_autoptr(WmDocument) merged = NULL;
  g_autoptr(JsonNode) diff = NULL;
  g_autoptr(TestCpuTimer) timer = test_cpu_timer_new ();
  g_autoptr(GError) error = NULL;

  merged = wm_merge (base, ours, theirs, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wm_document_count_cards (merged), ==, 3 * MANY);
  diff = wm_diff (base, merged, &error);
  g_assert_no_error (error);
  /* The time's budget is a row of `make bench` (run-guards-bench.sh). */
  g_test_message ("merged and diffed in %.2f s of CPU", test_cpu_timer_elapsed (timer));
}

/* Both sides reordered one lane's cards, differently: ours stays, it is
 * a conflict that says so, and theirs can be taken back. */
static void
test_reorder_conflict (void)
{
#define LANE(cards) "<map xmlns=\"urn:waymark:map:1\" format=\"1\"><title>T</title><stage id=\"s\"/>" \
  "<lane id=\"l\" kind=\"actions\">" cards "</lane></map>\n"
#define CARD(n) "<card id=\"c" #n "\" stage=\"s\"/>"
  g_autoptr(WmDocument) base = load (LANE (CARD (1) CARD (2) CARD (3)));
  g_autoptr(WmDocument) ours = load (LANE (CARD (2) CARD (1) CARD (3)));
  g_autoptr(WmDocument) theirs = load (LANE (CARD (3) CARD (1) CARD (2)));
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(WmDocument) merged = wm_merge (base, ours, theirs, conflicts, NULL);
  g_autoptr(GPtrArray) items = wm_merge_list_conflicts (merged);
  g_autoptr(WmDocument) taken = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = wm_writer_to_string (merged, NULL);
  g_autofree char *after = NULL;

  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (conflicts->pdata[0], ==,
                   "lane “l”: order of the card elements: changed differently on both sides, ours kept");
  g_assert_nonnull (strstr (text, "<card id=\"c2\" stage=\"s\"/>\n    <card id=\"c1\" stage=\"s\"/>\n    <card id=\"c3\""));
  g_assert_nonnull (strstr (text, "wmm:theirs-order=\"card#c3 card#c1 card#c2\""));
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_true (WM_IS_LANE (items->pdata[0]));
  g_assert_cmpint (wm_merge_get_choice (merged, items->pdata[0]), ==, WM_MERGE_CHOICE_SIDES);

  taken = wm_merge_resolve (merged, items->pdata[0], TRUE, &error);
  g_assert_no_error (error);
  after = wm_writer_to_string (taken, NULL);
  g_assert_nonnull (strstr (after, "<card id=\"c3\" stage=\"s\"/>\n    <card id=\"c1\" stage=\"s\"/>\n    <card id=\"c2\""));
  g_assert_null (strstr (after, "wmm"));
#undef LANE
#undef CARD
}

typedef struct
{
  const char *scenario;
  gboolean    other;
  const char *expected;  /* in the resolved map */
} Resolution;

static const Resolution resolutions[] = {
  { "same-attribute-changed-differently", FALSE, "severity=\"3\">" },
  { "same-attribute-changed-differently", TRUE, "severity=\"5\">" },
  { "card-text-changed-differently", TRUE, "<text>zwei</text>" },
  { "card-text-changed-differently", FALSE, "<text>deux</text>" },
  { "card-deleted-and-edited", FALSE, "<text>2</text>" },
  { "card-deleted-and-edited", TRUE, "<lane id=\"l1\" kind=\"actions\">\n    <title>L1</title>\n    "
                                     "<card id=\"c1\" stage=\"s1\">\n      <text>one</text>\n    </card>\n  </lane>" },
  { "card-edited-and-deleted", TRUE, "<lane id=\"l2\" kind=\"pains\"/>" },
  { "card-moved-to-different-lanes", TRUE, "<lane id=\"l3\" kind=\"notes\">\n    <card id=\"c1\"" },
  { "persona-color-changed-differently", TRUE, "color=\"#00ff00\"" },
  { "metric-changed-differently", TRUE, "value=\"-5\"" },
  { "curve-point-moved-differently", TRUE, "<point stage=\"s1\" value=\"-3\"/>" },
  { "map-title-changed-differently", TRUE, "<title>Tour</title>" },
  { "text-deleted-and-changed", TRUE, "<stage id=\"s2\">\n    <title>Book</title>" },
  { "text-deleted-and-changed", FALSE, "<stage id=\"s2\"/>" },
  { "stage-deleted-while-card-added", FALSE, "<stage id=\"s2\">" },
  { "card-added-twice-with-one-id", TRUE, "<card id=\"c9\" stage=\"s2\"/>" },
};

static const Scenario *
find_scenario (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
    if (g_str_equal (scenarios[i].name, name))
      return &scenarios[i];
  g_assert_not_reached ();
}

/* Each conflict a scenario leaves, resolved one way: the map has the
 * value chosen, opens strictly and validates, and no wmm: is left. */
static void
test_resolve (gconstpointer data)
{
  const Resolution *r = data;
  const Scenario *s = find_scenario (r->scenario);
  g_autofree char *ours_text = apply_edits (s->ours, G_N_ELEMENTS (s->ours), 0);
  g_autofree char *theirs_text = apply_edits (s->theirs, G_N_ELEMENTS (s->theirs), 0);
  g_autoptr(WmDocument) base = load (base_map);
  g_autoptr(WmDocument) ours = load (ours_text);
  g_autoptr(WmDocument) theirs = load (theirs_text);
  g_autoptr(WmDocument) document = wm_merge (base, ours, theirs, NULL, NULL);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  gsize length = 0;

  for (;;)
    {
      g_autoptr(GPtrArray) items = wm_merge_list_conflicts (document);
      WmDocument *next;

      if (items->len == 0)
        break;
      next = wm_merge_resolve (document, items->pdata[0], r->other, &error);
      g_assert_no_error (error);
      g_object_unref (document);
      document = next;
    }
  bytes = wm_writer_write (document, &length, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (bytes, "wmm"));
  g_assert_null (strstr (bytes, "urn:waymark:merge:1"));
  if (strstr (bytes, r->expected) == NULL)
    g_error ("“%s” not in\n%s", r->expected, bytes);
  g_assert_true (wm_validate_data (bytes, length, "resolved", messages, &error));
  g_assert_no_error (error);
}

/* The choice each kind of conflict offers. */
static void
test_choices (void)
{
  const struct { const char *scenario; WmMergeChoice choice; } cases[] = {
    { "same-attribute-changed-differently", WM_MERGE_CHOICE_SIDES },
    { "card-deleted-and-edited", WM_MERGE_CHOICE_DELETE },
    { "stage-deleted-while-card-added", WM_MERGE_CHOICE_NONE },
    { "foreign-element-changed-differently", WM_MERGE_CHOICE_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Scenario *s = find_scenario (cases[i].scenario);
      g_autofree char *ours_text = apply_edits (s->ours, G_N_ELEMENTS (s->ours), 0);
      g_autofree char *theirs_text = apply_edits (s->theirs, G_N_ELEMENTS (s->theirs), 0);
      g_autoptr(WmDocument) base = load (base_map);
      g_autoptr(WmDocument) ours = load (ours_text);
      g_autoptr(WmDocument) theirs = load (theirs_text);
      g_autoptr(WmDocument) merged = wm_merge (base, ours, theirs, NULL, NULL);
      g_autoptr(GPtrArray) items = wm_merge_list_conflicts (merged);

      g_assert_cmpuint (items->len, ==, 1);
      g_assert_cmpint (wm_merge_get_choice (merged, items->pdata[0]), ==, cases[i].choice);
    }
}

/* The whole map's pixels. */
static cairo_surface_t *
draw (WmDocument *document)
{
  g_autoptr(WmLayout) layout = wm_layout_new (document, WM_THEME_LIGHT);
  WmRenderOptions options = WM_RENDER_OPTIONS_INIT;
  double width, height;
  cairo_surface_t *surface;
  cairo_t *cr;

  wm_layout_update (layout);
  wm_layout_get_size (layout, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, ceil (width), ceil (height));
  cr = cairo_create (surface);
  options.clip.width = width;
  options.clip.height = height;
  wm_render (layout, cr, &options);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* A conflict the merge left is seen on the map: the card's frame is
 * drawn apart from its peers', in the pain color. */
static void
test_conflict_is_drawn (void)
{
  g_autofree char *marked_text = apply_edits ((Edit[]) { { "severity=\"2\"", "severity=\"2\" wmm:conflict=\"x\"" } },
                                              1, 1);
  g_autoptr(WmDocument) plain = load (base_map);
  g_autoptr(WmDocument) marked = load (marked_text);
  cairo_surface_t *a = draw (plain);
  cairo_surface_t *b = draw (marked);
  int stride = cairo_image_surface_get_stride (a);
  int height = cairo_image_surface_get_height (a);

  g_assert_nonnull (wm_merge_get_conflict (marked, wm_document_find_card (marked, "c3", NULL)));
  g_assert_null (wm_merge_get_conflict (plain, wm_document_find_card (plain, "c3", NULL)));
  g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (b));
  g_assert_cmpint (height, ==, cairo_image_surface_get_height (b));
  g_assert_true (memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                         (gsize) stride * height) != 0);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpuint (G_N_ELEMENTS (scenarios), >=, 20);
  for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
    {
      g_autofree char *path = g_strdup_printf ("/Waymark/Merge/%s", scenarios[i].name);

      g_test_add_data_func (path, &scenarios[i], test_scenario);
    }
  for (guint i = 0; i < G_N_ELEMENTS (resolutions); i++)
    {
      g_autofree char *path = g_strdup_printf ("/Waymark/Merge/resolve/%s-%s", resolutions[i].scenario,
                                               resolutions[i].other ? "theirs" : "ours");

      g_test_add_data_func (path, &resolutions[i], test_resolve);
    }
  g_test_add_func ("/Waymark/Merge/clean-is-symmetric", test_clean_is_symmetric);
  g_test_add_func ("/Waymark/Merge/reorder-conflict", test_reorder_conflict);
  g_test_add_func ("/Waymark/Merge/choices", test_choices);
  g_test_add_func ("/Waymark/Merge/many-cards", test_many_cards);
  g_test_add_func ("/Waymark/Merge/conflict-is-drawn", test_conflict_is_drawn);
  return g_test_run ();
}
