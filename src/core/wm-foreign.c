#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include "wm-types.h"
#include "wm-foreign.h"

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
    wm_foreign_add_element (copy, g_ptr_array_index (self->elements, i));

  return copy;
}

void
wm_foreign_free (WmForeign *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->attrs, g_ptr_array_unref);
  g_clear_pointer (&self->elements, g_ptr_array_unref);
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

  attr = g_new0 (WmForeignAttr, 1);
  attr->prefix = g_strdup (prefix);
  attr->name = g_strdup (name);
  attr->value = g_strdup (value != NULL ? value : "");

  g_ptr_array_add (self->attrs, attr);
}

void
wm_foreign_add_element (WmForeign  *self,
                        const char *xml)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (xml != NULL);

  g_ptr_array_add (self->elements, g_strdup (xml));
}

gboolean
wm_foreign_is_empty (const WmForeign *self)
{
  return self == NULL || (self->attrs->len == 0 && self->elements->len == 0);
}
