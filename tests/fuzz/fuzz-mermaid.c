/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark-Fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "fuzz-init.h"

#include "wm-mermaid.h"

/* libFuzzer target: the Mermaid journey reader, as a diagram and as
 * Markdown. Whatever it imports must save and load again as a map, and
 * its Mermaid export must import again and export to the same text (the
 * export is a fixed point); anything else aborts. */

static void
check_import (const uint8_t   *data,
              size_t           size,
              WmMermaidSource  source)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(WmDocument) back = NULL;
  g_autoptr(WmDocument) reloaded = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  gsize length = 0;

  document = wm_mermaid_read ((const char *) data, size, "fuzz.mmd", source, "fuzz", warnings, &error);
  if (document == NULL)
    {
      FUZZ_CHECK (error != NULL);
      return;
    }
  saved = wm_writer_to_string (document, &length);
  reloaded = wm_reader_load_data (saved, length, "saved.waymark", &error);
  FUZZ_CHECK (reloaded != NULL);

  text = wm_mermaid_write (document);
  back = wm_mermaid_read (text, strlen (text), "export.mmd", WM_MERMAID_DIAGRAM, NULL, NULL, &error);
  if (back == NULL)
    {
      fprintf (stderr, "the export does not import: %s\n--- export ---\n%s\n", error->message, text);
      abort ();
    }
  again = wm_mermaid_write (back);
  if (strcmp (text, again) != 0)
    {
      fprintf (stderr, "exporting the import changed it\n--- first ---\n%s\n--- second ---\n%s\n",
               text, again);
      abort ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  check_import (data, size, WM_MERMAID_DIAGRAM);
  check_import (data, size, WM_MERMAID_MARKDOWN);
  return 0;
}
