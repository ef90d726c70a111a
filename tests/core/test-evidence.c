/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How a card is known: ev:basis, ev:source and ev:quote read under the
 * map's own prefix, and set as one undoable step. */

#include "config.h"

#include <string.h>

#include "wm-card.h"
#include "wm-error.h"
#include "wm-evidence.h"
#include "wm-history.h"
#include "wm-reader.h"
#include "wm-writer.h"

static WmDocument *
load (const char *xml)
{
  g_autoptr(GError) error = NULL;
  WmDocument *document = wm_reader_load_data (xml, strlen (xml), "test", &error);

  g_assert_no_error (error);
  return document;
}

static WmItem *
card_by_id (WmDocument *document,
            const char *id)
{
  return WM_ITEM (wm_document_find_card (document, id, NULL));
}

#define MAP_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<map xmlns=\"urn:waymark:map:1\" xmlns:x=\"urn:waymark:evidence:1\" format=\"1\">\n" \
  "  <title>t</title>\n  <stage id=\"s\"/>\n  <lane id=\"p\" kind=\"pains\">\n"
#define MAP_TAIL "  </lane>\n</map>\n"

/* Another prefix than the importer's "ev": the namespace is what counts. */
static void
test_read (void)
{
  g_autoptr(WmDocument) document = load (MAP_HEAD
    "    <card id=\"a\" stage=\"s\" x:basis=\"data\" x:source=\"f.csv\">\n"
    "      <x:quote record=\"E1\">Waited &amp; waited</x:quote>\n"
    "      <x:quote>No id</x:quote>\n"
    "      <text>a</text>\n    </card>\n"
    "    <card id=\"b\" stage=\"s\" x:basis=\"anecdote\"/>\n"
    "    <card id=\"c\" stage=\"s\" x:basis=\"assumption\"/>\n"
    "    <card id=\"d\" stage=\"s\" x:basis=\"rumour\"/>\n"
    "    <card id=\"e\" stage=\"s\"/>\n" MAP_TAIL);
  g_autoptr(GPtrArray) quotes = wm_evidence_dup_quotes (document, card_by_id (document, "a"));

  g_assert_cmpint (wm_evidence_get_basis (document, card_by_id (document, "a")), ==, WM_EVIDENCE_DATA);
  g_assert_cmpint (wm_evidence_get_basis (document, card_by_id (document, "b")), ==, WM_EVIDENCE_ANECDOTE);
  g_assert_cmpint (wm_evidence_get_basis (document, card_by_id (document, "c")), ==, WM_EVIDENCE_ASSUMPTION);
  g_assert_cmpint (wm_evidence_get_basis (document, card_by_id (document, "d")), ==, WM_EVIDENCE_NONE);
  g_assert_cmpint (wm_evidence_get_basis (document, card_by_id (document, "e")), ==, WM_EVIDENCE_NONE);
  g_assert_cmpstr (wm_evidence_get (document, card_by_id (document, "a"), "source"), ==, "f.csv");
  g_assert_cmpuint (quotes->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (quotes, 0), ==, "E1: Waited & waited");
  g_assert_cmpstr (g_ptr_array_index (quotes, 1), ==, "No id");
}

static void
test_set_undo (void)
{
  g_autoptr(WmDocument) document = load (MAP_HEAD "    <card id=\"a\" stage=\"s\" x:basis=\"data\"/>\n"
                                         "    <card id=\"b\" stage=\"s\"/>\n" MAP_TAIL);
  g_autoptr(WmHistory) history = wm_history_new (document);
  g_autofree char *before = wm_writer_to_string (document, NULL);
  g_autofree char *after_undo = NULL;
  WmItem *a = card_by_id (document, "a");
  WmItem *b = card_by_id (document, "b");

  wm_history_push (history, wm_evidence_command_new (document, a, "basis", "anecdote"));
  wm_history_push (history, wm_evidence_command_new (document, b, "source", "interview"));
  wm_history_push (history, wm_evidence_command_new (document, a, "basis", NULL));
  g_assert_cmpint (wm_evidence_get_basis (document, a), ==, WM_EVIDENCE_NONE);
  g_assert_cmpstr (wm_evidence_get (document, b, "source"), ==, "interview");

  wm_history_undo (history);
  g_assert_cmpint (wm_evidence_get_basis (document, a), ==, WM_EVIDENCE_ANECDOTE);
  wm_history_undo (history);
  wm_history_undo (history);
  after_undo = wm_writer_to_string (document, NULL);
  g_assert_cmpstr (after_undo, ==, before);
}

/* A map without the namespace gets it as "ev" (or "ev2" when "ev" is
 * another tool's), and the file reads back. */
static void
test_declare (void)
{
  g_autoptr(WmDocument) document = load ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<map xmlns=\"urn:waymark:map:1\" xmlns:ev=\"urn:acme\" format=\"1\">\n"
    "  <title>t</title>\n  <stage id=\"s\"/>\n  <lane id=\"p\" kind=\"pains\">\n"
    "    <card id=\"a\" stage=\"s\"/>\n" MAP_TAIL);
  g_autoptr(WmHistory) history = wm_history_new (document);
  g_autofree char *xml = NULL;
  g_autoptr(WmDocument) again = NULL;

  wm_history_push (history, wm_evidence_command_new (document, card_by_id (document, "a"),
                                                     "basis", "assumption"));
  g_assert_cmpstr (wm_evidence_prefix (document), ==, "ev2");
  xml = wm_writer_to_string (document, NULL);
  g_assert_nonnull (strstr (xml, "ev2:basis=\"assumption\""));
  again = load (xml);
  g_assert_cmpint (wm_evidence_get_basis (again, card_by_id (again, "a")), ==, WM_EVIDENCE_ASSUMPTION);
}

/* Undoing the first evidence a map gets takes the declaration back too:
 * the exact bytes again. */
static void
test_declare_undo (void)
{
  const char *xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
    "  <title>t</title>\n  <stage id=\"s\"/>\n  <lane id=\"p\" kind=\"pains\">\n"
    "    <card id=\"a\" stage=\"s\"/>\n" MAP_TAIL;
  g_autoptr(WmDocument) document = load (xml);
  g_autoptr(WmHistory) history = wm_history_new (document);
  g_autofree char *after = NULL;
  g_autofree char *redone = NULL;

  wm_history_push (history, wm_evidence_command_new (document, card_by_id (document, "a"),
                                                     "basis", "data"));
  g_assert_cmpstr (wm_evidence_prefix (document), ==, "ev");
  wm_history_undo (history);
  after = wm_writer_to_string (document, NULL);
  g_assert_cmpstr (after, ==, xml);
  wm_history_redo (history);
  redone = wm_writer_to_string (document, NULL);
  g_assert_nonnull (strstr (redone, "xmlns:ev=\"urn:waymark:evidence:1\""));
  g_assert_nonnull (strstr (redone, "ev:basis=\"data\""));
  g_assert_null (wm_evidence_declare_command_new (document));
}

#define OPP_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<map xmlns=\"urn:waymark:map:1\" xmlns:ev=\"urn:waymark:evidence:1\" format=\"1\">\n" \
  "  <title>t</title>\n  <stage id=\"s\"/>\n  <lane id=\"o\" kind=\"opportunities\">\n"

/* An opportunity's PDCA status and due date read back, and write back
 * byte for byte. */
static void
test_pdca_read (void)
{
  const char *xml = OPP_HEAD
    "    <card id=\"a\" stage=\"s\" owner=\"客服部\" ev:status=\"check\" ev:due=\"2027-02-28\">\n"
    "      <text>a</text>\n    </card>\n"
    "    <card id=\"b\" stage=\"s\" ev:status=\"done\"/>\n"
    "    <card id=\"c\" stage=\"s\"/>\n" MAP_TAIL;
  g_autoptr(WmDocument) document = load (xml);
  g_autofree char *again = wm_writer_to_string (document, NULL);

  g_assert_cmpint (wm_evidence_get_status (document, card_by_id (document, "a")), ==, WM_PDCA_CHECK);
  g_assert_cmpint (wm_evidence_get_status (document, card_by_id (document, "b")), ==, WM_PDCA_DONE);
  g_assert_cmpint (wm_evidence_get_status (document, card_by_id (document, "c")), ==, WM_PDCA_NONE);
  g_assert_cmpstr (wm_evidence_get (document, card_by_id (document, "a"), "due"), ==, "2027-02-28");
  g_assert_cmpstr (again, ==, xml);
}

/* A status or date of ours that is not one is refused with the line, as
 * an unknown touchpoint is; so is one on something else than a card. */
static void
test_pdca_invalid (void)
{
  static const struct { const char *card; const char *message; } cases[] = {
    { "ev:status=\"doing\"", "test:6: unknown PDCA status “doing” (expected plan, do, check, act or done)" },
    { "ev:status=\"\"", "test:6: unknown PDCA status “” (expected plan, do, check, act or done)" },
    { "ev:due=\"2027-02-30\"", "test:6: due date “2027-02-30” is not a day written YYYY-MM-DD" },
    { "ev:due=\"2027-2-3\"", "test:6: due date “2027-2-3” is not a day written YYYY-MM-DD" },
    { "ev:due=\"2027-02-03T10:00\"", "test:6: due date “2027-02-03T10:00” is not a day written YYYY-MM-DD" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *xml = g_strdup_printf (OPP_HEAD "    <card id=\"a\" stage=\"s\" %s/>\n" MAP_TAIL,
                                              cases[i].card);
      g_autoptr(GError) error = NULL;
      g_autoptr(WmDocument) document = wm_reader_load_data (xml, strlen (xml), "test", &error);

      g_assert_null (document);
      g_assert_error (error, WM_ERROR, WM_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  {
    const char *xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<map xmlns=\"urn:waymark:map:1\" xmlns:ev=\"urn:waymark:evidence:1\" format=\"1\">\n"
      "  <title>t</title>\n  <stage id=\"s\" ev:status=\"plan\"/>\n</map>\n";
    g_autoptr(GError) error = NULL;
    g_autoptr(WmDocument) document = wm_reader_load_data (xml, strlen (xml), "test", &error);

    g_assert_null (document);
    g_assert_cmpstr (error->message, ==, "test:4: ev:status is only allowed on <card>, not on <stage>");
  }
}

static void
test_pdca_due_valid (void)
{
  g_assert_true (wm_evidence_due_is_valid ("2028-02-29"));
  g_assert_true (wm_evidence_due_is_valid ("0001-01-01"));
  g_assert_false (wm_evidence_due_is_valid ("2027-02-29"));
  g_assert_false (wm_evidence_due_is_valid ("0000-01-01"));
  g_assert_false (wm_evidence_due_is_valid ("2027-13-01"));
  g_assert_false (wm_evidence_due_is_valid ("2027-00-10"));
  g_assert_false (wm_evidence_due_is_valid ("+027-01-10"));
  g_assert_false (wm_evidence_due_is_valid (" 2027-01-10"));
  g_assert_false (wm_evidence_due_is_valid (NULL));
  g_assert_cmpint (wm_evidence_status_from_name ("act"), ==, WM_PDCA_ACT);
  g_assert_cmpstr (wm_evidence_status_name (WM_PDCA_PLAN), ==, "plan");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Waymark/Evidence/read", test_read);
  g_test_add_func ("/Waymark/Evidence/set-undo", test_set_undo);
  g_test_add_func ("/Waymark/Evidence/declare", test_declare);
  g_test_add_func ("/Waymark/Evidence/declare-undo", test_declare_undo);
  g_test_add_func ("/Waymark/Evidence/pdca-read", test_pdca_read);
  g_test_add_func ("/Waymark/Evidence/pdca-invalid", test_pdca_invalid);
  g_test_add_func ("/Waymark/Evidence/pdca-due-valid", test_pdca_due_valid);
  return g_test_run ();
}
