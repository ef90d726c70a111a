/* SPDX-License-Identifier: GPL-3.0-or-later */
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

/* Another tool may put its elements anywhere among ours. Each one
 * remembers the Waymark child it came before in its parent, named by
 * wm_foreign_anchor() ("text", "card#c7", "goal#2"…), and is written back
 * before that child; NULL means after all of them. When that child is
 * gone (deleted, moved elsewhere), the element stays in the parent and is
 * written after the last Waymark child, in its order. */
struct _WmForeign
{
  GPtrArray *attrs;     /* WmForeignAttr*, file order */
  GPtrArray *elements;  /* char*, each one serialized element, file order */
  GPtrArray *anchors;   /* char* or NULL, parallel to elements */
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
void       wm_foreign_add_element_before (WmForeign  *self,
                                          const char *xml,
                                          const char *anchor);
/* The name of a Waymark child as an anchor: @element alone for one that
 * occurs once ("title"), with its @key ("card#c7", "point#s2", "goal#0")
 * for one that repeats. */
char      *wm_foreign_anchor       (const char      *element,
                                    const char      *key);
/* The anchor of the @index-th foreign element (NULL: at the end). */
const char *wm_foreign_get_anchor  (const WmForeign *self,
                                    guint            index);
gboolean   wm_foreign_is_empty     (const WmForeign *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmForeign, wm_foreign_free)

G_END_DECLS
