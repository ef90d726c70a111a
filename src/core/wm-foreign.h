#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Attributes and elements from other XML namespaces, kept so that another
 * tool's annotations survive a round trip through Waymark. */

typedef struct
{
  char *prefix;   /* as written in the file, e.g. "acme" */
  char *name;     /* local name */
  char *value;
} WmForeignAttr;

struct _WmForeign
{
  GPtrArray *attrs;     /* WmForeignAttr*, file order */
  GPtrArray *elements;  /* char*, each one serialized element, file order */
};

typedef struct _WmForeign WmForeign;

WmForeign *wm_foreign_new          (void);
WmForeign *wm_foreign_copy         (const WmForeign *self);
void       wm_foreign_free         (WmForeign       *self);
void       wm_foreign_add_attr     (WmForeign       *self,
                                    const char      *prefix,
                                    const char      *name,
                                    const char      *value);
void       wm_foreign_add_element  (WmForeign       *self,
                                    const char      *xml);
gboolean   wm_foreign_is_empty     (const WmForeign *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmForeign, wm_foreign_free)

G_END_DECLS
