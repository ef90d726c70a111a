/* Process setup shared by the libFuzzer targets (not by the g_test, which
 * has G_DEBUG=fatal-warnings for the same purpose). */

#pragma once

#include <stdlib.h>

#include <glib.h>

/* A warning or critical means our code misused an API or broke an
 * invariant: make it a crash libFuzzer keeps. Debug chatter is dropped so
 * it cannot slow the fuzzer down. */
static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      g_log_writer_standard_streams (level, fields, n_fields, user_data);
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
}

static inline void
fuzz_init (void)
{
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
}
