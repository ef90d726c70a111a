/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark-Fuzz"

#include "config.h"

#include "fuzz-feedback.h"
#include "fuzz-init.h"

/* libFuzzer target: the CSV reader and the feedback import
 * (fuzz-feedback.h says what must hold). */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  fuzz_feedback_check (data, size);
  return 0;
}
