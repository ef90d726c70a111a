/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark-Fuzz"

#include "config.h"

#include "fuzz-convert.h"
#include "fuzz-init.h"

/* libFuzzer target: the JSON reader and the CSV card-table reader
 * (the checks are in fuzz-convert.h). */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  fuzz_convert_round_trip (data, size);
  return 0;
}
