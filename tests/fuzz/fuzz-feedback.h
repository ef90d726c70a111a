/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The check of the fuzz-feedback target, shared with test-feedback, which
 * replays the seeds and the kept reproducers through it without clang. */

#pragma once

#include "fuzz-common.h"
#include "wm-csv.h"
#include "wm-feedback.h"
#include "wm-history.h"

/* Stages a fuzzer can name by id or title; a persona for curves and
 * moments; no lanes, so the import adds them. */
static const char fuzz_feedback_map[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
  "  <title>Fuzz</title>\n"
  "  <persona id=\"p\"/>\n"
  "  <stage id=\"s1\">\n    <title>a</title>\n  </stage>\n"
  "  <stage id=\"s2\">\n    <title>求助</title>\n  </stage>\n"
  "</map>\n";

/* Whatever the bytes, the reader either refuses them with an error or
 * gives rows of valid UTF-8; an import of them (the bytes also read as a
 * stage map) writes a map the writer accepts, the reader loads and that
 * saves again byte for byte; undoing it leaves no card. */
static inline void
fuzz_feedback_check (const guint8 *data,
                     gsize         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCsv) csv = NULL;
  g_autoptr(WmFeedback) feedback = NULL;
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(WmDocument) reloaded = NULL;
  g_autoptr(WmHistory) history = NULL;
  g_autofree char *saved = NULL;
  gsize length = 0;

  csv = wm_csv_parse ((const char *) data, size, "fuzz.csv", &error);
  if (csv == NULL)
    {
      FUZZ_CHECK (error != NULL);
      return;
    }
  FUZZ_CHECK (wm_csv_get_n_rows (csv) <= WM_CSV_MAX_ROWS);
  for (guint r = 0; r < wm_csv_get_n_rows (csv); r++)
    {
      guint n_cells;
      const char * const *row = wm_csv_get_row (csv, r, &n_cells);

      FUZZ_CHECK (n_cells >= 1 && n_cells <= WM_CSV_MAX_COLUMNS);
      for (guint c = 0; c < n_cells; c++)
        FUZZ_CHECK (g_utf8_validate (row[c], -1, NULL));
    }

  feedback = wm_feedback_new (csv, &error);
  if (feedback == NULL)
    {
      FUZZ_CHECK (error != NULL);
      return;
    }

  document = wm_reader_load_data (fuzz_feedback_map, sizeof fuzz_feedback_map - 1, "fuzz.waymark", NULL);
  FUZZ_CHECK (document != NULL);
  g_clear_error (&error);
  if (!wm_feedback_set_stage_map (feedback, csv, document, &error))
    FUZZ_CHECK (error != NULL);
  g_clear_error (&error);

  history = wm_history_new (document);
  FUZZ_CHECK (wm_feedback_apply (feedback, history, NULL, &error));
  saved = wm_writer_write (document, &length, &error);
  if (saved == NULL)
    {
      fprintf (stderr, "the imported map cannot be saved: %s\n", error->message);
      abort ();
    }
  reloaded = fuzz_load_round_trip ((const guint8 *) saved, length);
  if (reloaded == NULL)
    {
      fprintf (stderr, "the imported map does not load:\n%s\n", saved);
      abort ();
    }

  if (wm_history_get_can_undo (history))
    FUZZ_CHECK (wm_history_undo (history));
  FUZZ_CHECK (wm_document_count_cards (document) == 0);
}
