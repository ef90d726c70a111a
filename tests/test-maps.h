/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Loading the shipped templates, for the core tests. */

#include <glib.h>

#include "wm-reader.h"

/* data/ of the source tree (WAYMARK_DATADIR under meson test). */
static inline char *
test_datadir (void)
{
  const char *env = g_getenv ("WAYMARK_DATADIR");

  if (env != NULL)
    return g_strdup (env);
  return g_test_build_filename (G_TEST_DIST, "..", "..", "data", NULL);
}

/* data/templates/@lang/@name, which must load. */
static inline WmDocument *
test_load_template (const char *lang,
                    const char *name)
{
  g_autofree char *dir = test_datadir ();
  g_autofree char *path = g_build_filename (dir, "templates", lang, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  WmDocument *document = wm_reader_load_file (file, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}
