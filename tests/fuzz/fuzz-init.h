/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Process setup shared by the libFuzzer targets (not by the g_test, which
 * has G_DEBUG=fatal-warnings for the same purpose). Include it from the
 * target's .c file only: it defines LLVMFuzzerInitialize. */

#pragma once

#include <stdint.h>
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

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* libFuzzer calls this once, before the first input; each target defines
 * only LLVMFuzzerTestOneInput. */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
  return 0;
}
