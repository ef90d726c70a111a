/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "wm-document.h"

G_BEGIN_DECLS

/* A map as a tree of keyed elements, what wm-merge.c and wm-diff.c match
 * by: each element has a key that is stable across versions ("card#c7",
 * "point#s2", "title", "{urn:acme}note#0"), so two versions compare item by
 * item whatever moved. Built from the writer's canonical bytes, so equal
 * maps give equal trees. */

typedef struct
{
  char *key;     /* "{URI}local" for another namespace's, else the name */
  char *qname;   /* as written: "severity", "acme:tag", "xml:lang" */
  char *value;
} WmTreeAttr;

typedef struct _WmTreeNode WmTreeNode;

struct _WmTreeNode
{
  char       *name;      /* element name in our namespace; NULL: foreign */
  char       *key;
  GPtrArray  *attrs;     /* WmTreeAttr* */
  char       *text;      /* the text of a text element (title, text…) */
  char       *opaque;    /* a foreign element, serialized */
  GPtrArray  *children;  /* WmTreeNode* */
  WmTreeNode *parent;
  GHashTable *index;     /* key → child, made on the first lookup */
};

typedef struct
{
  WmTreeNode *root;
  GPtrArray  *namespaces;  /* prefix, href, prefix, href… as on <map> */
  GHashTable *cards;       /* card id → WmTreeNode* (owned by root) */
} WmTree;

WmTree     *wm_tree_new_from_document (WmDocument       *document,
                                       GError          **error);
void        wm_tree_free              (WmTree           *tree);
/* Writes the namespace @href, which @tree binds to @prefix, with the
 * prefix @to in every attribute and foreign element of the tree. */
void        wm_tree_rename_prefix     (WmTree           *tree,
                                       const char       *prefix,
                                       const char       *to,
                                       const char       *href);
WmTreeNode *wm_tree_node_new          (const char       *name,
                                       const char       *key);
void        wm_tree_node_free         (WmTreeNode       *node);
WmTreeNode *wm_tree_node_copy         (const WmTreeNode *node);
const char *wm_tree_node_get_attr     (const WmTreeNode *node,
                                       const char       *key);
void        wm_tree_node_set_attr     (WmTreeNode       *node,
                                       const char       *key,
                                       const char       *qname,
                                       const char       *value);
/* For a key the node does not have yet: in constant time. */
void        wm_tree_node_append_attr  (WmTreeNode       *node,
                                       const char       *key,
                                       const char       *qname,
                                       const char       *value);
/* Removes the node's attributes in the namespace @href. */
void        wm_tree_node_remove_namespace (WmTreeNode   *node,
                                           const char   *href);
/* In constant time: a hostile map may hold a million siblings. */
WmTreeNode *wm_tree_node_find_child   (const WmTreeNode *node,
                                       const char       *key);
void        wm_tree_node_add_child    (WmTreeNode       *node,
                                       WmTreeNode       *child);
/* Whether the element is one with attributes of its own (a card, a
 * point), not a text element or another tool's. */
gboolean    wm_tree_node_is_item      (const WmTreeNode *node);
/* The element as XML (not canonical: the reader and writer make it so). */
void        wm_tree_node_append_xml   (const WmTreeNode *node,
                                       GString          *out);
gboolean    wm_tree_node_equal        (const WmTreeNode *a,
                                       const WmTreeNode *b);
/* The whole map as XML, <map> with @namespaces declared. */
char       *wm_tree_to_xml            (const WmTreeNode *root,
                                       GPtrArray        *namespaces);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmTree, wm_tree_free)

G_END_DECLS
