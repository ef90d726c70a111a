/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-convert's checks, shared with tests/core/test-fuzz-regressions.c:
 * whatever the JSON reader accepts must write as JSON and read back to
 * the same .waymark (byte for byte); whatever the CSV reader accepts must
 * write a card table that reads back and writes the same table again.
 * Anything else aborts. */

#pragma once

#include "fuzz-common.h"
#include "wm-csv-map.h"
#include "wm-json.h"

static inline void
fuzz_check_json (const uint8_t *data,
            size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(WmDocument) document = wm_json_read_full ((const char *) data, size, "fuzz.json", warnings, &error);
  g_autoptr(WmDocument) back = NULL;
  g_autofree char *json = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize length = 0;

  if (document == NULL)
    {
      FUZZ_CHECK (error != NULL);
      return;
    }
  json = wm_json_write (document, &length, &error);
  FUZZ_CHECK (json != NULL);
  back = wm_json_read (json, length, "export.json", &error);
  FUZZ_CHECK (back != NULL);
  before = wm_writer_to_string (document, NULL);
  after = wm_writer_to_string (back, NULL);
  FUZZ_CHECK (strcmp (before, after) == 0);
}

static inline void
fuzz_check_csv (const uint8_t *data,
           size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(WmDocument) document = wm_csv_map_read_full ((const char *) data, size, "fuzz.csv", "fuzz",
                                                         warnings, &error);
  g_autoptr(WmDocument) back = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *again = NULL;
  gsize length = 0;

  if (document == NULL)
    {
      FUZZ_CHECK (error != NULL);
      return;
    }
  csv = wm_csv_map_write_cards (document, &length, &error);
  FUZZ_CHECK (csv != NULL);
  back = wm_csv_map_read (csv, length, "export.csv", "fuzz", &error);
  if (back == NULL)
    {
      fprintf (stderr, "the table does not read back: %s\n--- table ---\n%s\n", error->message, csv);
      abort ();
    }
  again = wm_csv_map_write_cards (back, NULL, &error);
  if (strcmp (csv, again) != 0)
    {
      fprintf (stderr, "reading the table changed it\n--- first ---\n%s\n--- second ---\n%s\n", csv, again);
      abort ();
    }
}

static inline void
fuzz_convert_round_trip (const uint8_t *data,
                         size_t         size)
{
  fuzz_check_json (data, size);
  fuzz_check_csv (data, size);
}
