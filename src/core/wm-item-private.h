/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "wm-rules.h"

G_BEGIN_DECLS

/* Replaces *@field with a copy of @value, "" counting as NULL so that the
 * writer can omit empty text. A value the reader would refuse is stored
 * as wm_rules_normalize_text() makes it, so no path into the model can
 * hold what cannot be saved and read back. TRUE if the value really
 * changed. */
static inline gboolean
wm_item_set_string (char       **field,
                    const char  *value)
{
  g_autofree char *valid = NULL;

  if (value != NULL && !wm_rules_text_is_valid (value, -1))
    value = valid = wm_rules_normalize_text (value, -1);

  if (value != NULL && value[0] == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

G_END_DECLS
