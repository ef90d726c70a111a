#define G_LOG_DOMAIN "Waymark-Fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "fuzz-init.h"

/* libFuzzer target: the reader, and the writer's round trip on whatever
 * the reader accepts. */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  WmDocument *document = fuzz_load_round_trip (data, size);

  g_clear_object (&document);
  return 0;
}
