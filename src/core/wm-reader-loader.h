/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The reader's building blocks, shared by wm-reader.c (the elements) and
 * wm-reader-loader.c (problems, child order, foreign content, text and
 * attribute values). Nothing outside the reader includes this. */

#include <string.h>

#include <libxml/tree.h>

#include "wm-document.h"
#include "wm-error.h"
#include "wm-format.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  xmlDoc     *xdoc;
  WmDocument *document;
  GPtrArray  *messages;   /* collect mode when not NULL */
  GArray     *codes;      /* WmErrorCode of each message, or NULL */
  GError     *error;      /* the first problem */
  gboolean    stop;
  gboolean    lenient;    /* keeps the document: values clamped, bad refs NULL */

  GHashTable *ids;        /* id → line of its definition */
  GHashTable *stages;     /* stage id → index + 1 */
  GHashTable *personas;   /* persona id → line */
  GHashTable *curves;     /* persona id → line of its curve */
  guint       n_stages;

  GPtrArray  *strings;    /* values that had to be assembled */
  xmlBuffer  *buffer;     /* for foreign elements */
} Loader;

/* A child element of ours (wm-format.h): its name, whether it may
 * repeat, and for one that repeats, what tells it from its siblings in a
 * foreign element's anchor (see wm-foreign.h). */
typedef WmFormatChild Slot;

/* One attribute of ours as read: its text (NULL: absent), its value once
 * parsed (counts, numbers, booleans, tokens) and whether it parsed. */
typedef struct
{
  const char *text;
  double      value;
  gboolean    ok;
} Value;

enum {
  CHILD_ERROR = -3,
  CHILD_END = -2,
  CHILD_FOREIGN = -1,
};

typedef struct
{
  xmlNode    *parent;
  const Slot *slots;
  WmItem     *owner;          /* keeps the foreign elements; NULL: refuses them */
  xmlNode    *node;
  xmlNode    *foreign;        /* the first foreign element not yet kept */
  int         rank;
  guint       index;          /* of the child among its namesakes */
  gboolean    started;
} Children;
static inline long
node_line (xmlNode *node)
{
  long line = node != NULL ? xmlGetLineNo (node) : 1;

  return MAX (line, 1);
}

static inline gboolean
is_ours (xmlNs *ns)
{
  return ns != NULL && ns->href != NULL &&
         strcmp ((const char *) ns->href, WM_NAMESPACE) == 0;
}

static inline const char *
node_name (xmlNode *node)
{
  return (const char *) node->name;
}

static inline gboolean
attr_is (xmlAttr    *attr,
         const char *name)
{
  return strcmp ((const char *) attr->name, name) == 0;
}

gboolean    _wm_loader_report            (Loader                *self,
                                          xmlNode               *node,
                                          WmErrorCode            code,
                                          const char            *format,
                                          ...) G_GNUC_PRINTF (4, 5);
gboolean    _wm_loader_fatal             (Loader                *self,
                                          xmlNode               *node,
                                          WmErrorCode            code,
                                          const char            *format,
                                          ...) G_GNUC_PRINTF (4, 5);
gboolean    _wm_loader_require           (Loader                *self,
                                          xmlNode               *node,
                                          const char            *attr,
                                          const char            *value);
const char *_wm_loader_attr_value        (Loader                *self,
                                          xmlAttr               *attr);
gboolean    _wm_loader_is_xml_lang       (xmlAttr               *attr);
void        _wm_loader_other_attr        (Loader                *self,
                                          xmlNode               *node,
                                          xmlAttr               *attr,
                                          gboolean              *has_foreign);
void        _wm_loader_add_foreign_attrs (Loader                *self,
                                          xmlNode               *node,
                                          WmItem                *item);
void        _wm_loader_children_init     (Children              *it,
                                          xmlNode               *parent,
                                          const Slot            *slots,
                                          gpointer               owner);
int         _wm_loader_children_next     (Loader                *self,
                                          Children              *it);
const char *_wm_loader_load_text         (Loader                *self,
                                          xmlNode               *node);
const char *_wm_loader_valid_text        (Loader                *self,
                                          const char            *text);
gboolean    _wm_loader_check_empty       (Loader                *self,
                                          xmlNode               *node);
gboolean    _wm_loader_parse_integer     (const char            *text,
                                          gint64                *out);
gboolean    _wm_loader_number_attr       (Loader                *self,
                                          xmlNode               *node,
                                          const char            *attr,
                                          const char            *text,
                                          double                 min,
                                          double                 max,
                                          double                *out);
void        _wm_loader_read_attrs        (Loader                *self,
                                          xmlNode               *node,
                                          const WmFormatElement *element,
                                          Value                 *values,
                                          gboolean              *has_foreign);

G_END_DECLS
