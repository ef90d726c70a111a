/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark-Fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "fuzz-init.h"

/* libFuzzer target: load → layout → render, the path every canvas redraw,
 * preview and export takes. */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = NULL;

  document = wm_reader_load_data ((const char *) data, size, "fuzz.waymark", &error);
  if (document == NULL)
    return 0;

  /* The theme comes from the input so that each one is deterministic. */
  fuzz_render (document, (WmTheme) (size % 3));
  return 0;
}
