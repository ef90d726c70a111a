/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark-Fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "fuzz-init.h"

#include "wm-clipboard.h"
#include "wm-command.h"
#include "wm-edits.h"

/* libFuzzer target: the clipboard parser. Whatever it makes a card of is
 * pasted into a small map, which must then save and load again (the
 * writer's round trip included); anything else aborts. */

static const char small_map[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
  "  <title>Fuzz</title>\n"
  "  <stage id=\"s1\"/>\n"
  "  <stage id=\"s2\"/>\n"
  "  <lane id=\"l1\" kind=\"pains\"/>\n"
  "</map>\n";

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(WmDocument) reloaded = NULL;
  g_autoptr(WmCard) card = NULL;
  g_autoptr(WmCommand) command = NULL;
  g_autofree char *saved = NULL;
  gsize length = 0;
  WmLane *lane;

  card = wm_clipboard_parse_card ((const char *) data, size, FALSE, &error);
  if (card == NULL)
    return 0;
  FUZZ_CHECK (error == NULL);

  document = wm_reader_load_data (small_map, sizeof small_map - 1, "small.waymark", NULL);
  FUZZ_CHECK (document != NULL);
  lane = wm_document_find_lane (document, "l1");
  command = wm_edit_insert_card (document, lane, "s2", G_MAXUINT, card);
  FUZZ_CHECK (command != NULL);
  wm_command_apply (command);

  saved = wm_writer_to_string (document, &length);
  reloaded = fuzz_load_round_trip ((const guint8 *) saved, length);
  if (reloaded == NULL)
    {
      fprintf (stderr, "the map with the pasted card does not load:\n%s\n", saved);
      abort ();
    }
  return 0;
}
