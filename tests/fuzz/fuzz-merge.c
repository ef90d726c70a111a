/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark-Fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "wm-diff.h"
#include "wm-merge.h"
#include "fuzz-init.h"

/* libFuzzer target: the three-way merge and the diff. The input is BASE,
 * OURS and THEIRS separated by NUL bytes (a map never holds one); a
 * missing part is BASE again. Whatever three maps the reader accepts,
 * the merge gives a map that reads back, or an error, never a crash;
 * so does resolving its conflicts one by one, theirs and ours in turn
 * (what a click in the app does, whatever wmm: attributes the maps
 * brought along). */

static void
resolve_some (WmDocument *merged)
{
  g_autoptr(WmDocument) document = g_object_ref (merged);

  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(GPtrArray) items = wm_merge_list_conflicts (document);
      g_autoptr(GError) error = NULL;
      WmDocument *next;

      if (items->len == 0)
        return;
      next = wm_merge_resolve (document, items->pdata[0], i % 2 == 0, &error);
      FUZZ_CHECK ((next == NULL) == (error != NULL));
      if (next == NULL)
        return;
      g_object_unref (document);
      document = next;
    }
}

static WmDocument *
part (const guint8 *data,
      gsize         size,
      guint         index)
{
  const guint8 *start = data, *end = data + size;
  const guint8 *stop;

  for (guint i = 0; i < index; i++)
    {
      const guint8 *nul = memchr (start, '\0', end - start);

      if (nul == NULL)
        return index > 0 ? part (data, size, 0) : NULL;
      start = nul + 1;
    }
  stop = memchr (start, '\0', end - start);
  return wm_reader_load_data ((const char *) start, (stop != NULL ? stop : end) - start, "fuzz", NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(WmDocument) base = part (data, size, 0);
  g_autoptr(WmDocument) ours = base != NULL ? part (data, size, 1) : NULL;
  g_autoptr(WmDocument) theirs = ours != NULL ? part (data, size, 2) : NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(WmDocument) merged = NULL;
  g_autoptr(WmDocument) again = NULL;
  g_autoptr(JsonNode) diff = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  if (theirs == NULL)
    return 0;
  merged = wm_merge (base, ours, theirs, conflicts, &error);
  FUZZ_CHECK ((merged == NULL) == (error != NULL));
  if (merged == NULL)
    return 0;
  text = wm_writer_write (merged, &length, &error);
  FUZZ_CHECK (text != NULL);
  again = wm_reader_load_data (text, length, "merged", &error);
  FUZZ_CHECK (again != NULL);
  diff = wm_diff (base, merged, &error);
  FUZZ_CHECK (diff != NULL);
  g_free (wm_diff_to_text (diff));
  resolve_some (merged);
  return 0;
}
