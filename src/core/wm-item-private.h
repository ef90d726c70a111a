#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Replaces *@field with a copy of @value, "" counting as NULL so that the
 * writer can omit empty text. TRUE if the value really changed. */
static inline gboolean
wm_item_set_string (char       **field,
                    const char  *value)
{
  if (value != NULL && value[0] == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

G_END_DECLS
