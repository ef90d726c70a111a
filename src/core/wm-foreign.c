/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <string.h>

#include "wm-types.h"
#include "wm-foreign.h"
#include "wm-rules.h"

/* @xml with every character a map cannot hold (a noncharacter, a byte
 * that is not UTF-8) replaced by U+FFFD, which XML allows even in names,
 * so the element stays well-formed. Not cut: another tool's element is
 * bounded by the file's size, not by the limit of one text value. */
static char *
valid_markup (const char *xml)
{
  const char *p = xml;
  const char *end = xml + strlen (xml);
  GString *out = NULL;
  const char *run = xml;

  while (p < end)
    {
      gunichar c;
      const char *next;

      /* ASCII needs no decoding; its control characters (but tab and
       * line breaks) are not XML and go the way of the rest. */
      if ((guchar) *p < 0x80 && ((guchar) *p >= 0x20 || *p == '\t' || *p == '\n' || *p == '\r'))
        {
          p++;
          continue;
        }
      c = g_utf8_get_char_validated (p, end - p);
      if (c != (gunichar) -1 && c != (gunichar) -2 && wm_rules_char_is_valid (c))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      next = (c == (gunichar) -1 || c == (gunichar) -2) ? p + 1 : g_utf8_next_char (p);
      if (out == NULL)
        out = g_string_sized_new (end - xml + 3);
      g_string_append_len (out, run, p - run);
      g_string_append (out, "\xEF\xBF\xBD");
      run = p = next;
    }

  if (out == NULL)
    return g_strdup (xml);
  g_string_append_len (out, run, end - run);
  return g_string_free (out, FALSE);
}

static void
foreign_attr_free (gpointer data)
{
  WmForeignAttr *attr = data;

  g_free (attr->prefix);
  g_free (attr->name);
  g_free (attr->value);
  g_free (attr);
}

WmForeign *
wm_foreign_new (void)
{
  WmForeign *self = g_new0 (WmForeign, 1);

  self->attrs = g_ptr_array_new_with_free_func (foreign_attr_free);
  self->elements = g_ptr_array_new_with_free_func (g_free);
  self->anchors = g_ptr_array_new_with_free_func (g_free);

  return self;
}

WmForeign *
wm_foreign_copy (const WmForeign *self)
{
  WmForeign *copy;

  if (self == NULL)
    return NULL;

  copy = wm_foreign_new ();

  for (guint i = 0; i < self->attrs->len; i++)
    {
      const WmForeignAttr *attr = g_ptr_array_index (self->attrs, i);

      wm_foreign_add_attr (copy, attr->prefix, attr->name, attr->value);
    }

  for (guint i = 0; i < self->elements->len; i++)
    wm_foreign_add_element_before (copy, g_ptr_array_index (self->elements, i),
                                   wm_foreign_get_anchor (self, i));

  return copy;
}

void
wm_foreign_free (WmForeign *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->attrs, g_ptr_array_unref);
  g_clear_pointer (&self->elements, g_ptr_array_unref);
  g_clear_pointer (&self->anchors, g_ptr_array_unref);
  g_free (self);
}

void
wm_foreign_add_attr (WmForeign  *self,
                     const char *prefix,
                     const char *name,
                     const char *value)
{
  WmForeignAttr *attr;

  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);

  /* What the reader would refuse never gets in: see wm-rules.h. */
  attr = g_new0 (WmForeignAttr, 1);
  attr->prefix = prefix != NULL ? valid_markup (prefix) : NULL;
  attr->name = valid_markup (name);
  attr->value = wm_rules_normalize_text (value != NULL ? value : "", -1);

  g_ptr_array_add (self->attrs, attr);
}

void
wm_foreign_add_element (WmForeign  *self,
                        const char *xml)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (xml != NULL);

  wm_foreign_add_element_before (self, xml, NULL);
}

void
wm_foreign_add_element_before (WmForeign  *self,
                               const char *xml,
                               const char *anchor)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (xml != NULL);

  g_ptr_array_add (self->elements, valid_markup (xml));
  g_ptr_array_add (self->anchors, g_strdup (anchor));
}

char *
wm_foreign_anchor (const char *element,
                   const char *key)
{
  g_return_val_if_fail (element != NULL, NULL);

  if (key == NULL)
    return g_strdup (element);

  return g_strconcat (element, "#", key, NULL);
}

const char *
wm_foreign_get_anchor (const WmForeign *self,
                       guint            index)
{
  g_return_val_if_fail (self != NULL, NULL);

  /* Elements added straight to the array (older code) have no anchor. */
  if (index >= self->anchors->len)
    return NULL;

  return g_ptr_array_index (self->anchors, index);
}

gboolean
wm_foreign_is_empty (const WmForeign *self)
{
  return self == NULL || (self->attrs->len == 0 && self->elements->len == 0);
}
