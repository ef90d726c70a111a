/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark-Fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "wm-repair.h"
#include "fuzz-init.h"

/* libFuzzer target: the reader, and the writer's round trip on whatever
 * the reader accepts. */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  WmDocument *document = fuzz_load_round_trip (data, size);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) repairs = g_ptr_array_new_with_free_func (g_free);

  g_clear_object (&document);
  /* Open and Repair must never crash, and what it returns reads back
   * (wm-repair.c checks that itself, without the check it returns NULL). */
  document = wm_repair_load_data ((const char *) data, size, "fuzz", problems, repairs, NULL);
  g_clear_object (&document);
  return 0;
}
