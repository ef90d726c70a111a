/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-merge-tree.c - a map as keyed elements, for merge and diff */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <string.h>

#include <libxml/tree.h>

#include "wm-merge-private.h"
#include "wm-reader-guard.h"
#include "wm-writer.h"

#define WM_NS "urn:waymark:map:1"

static void
tree_attr_free (gpointer data)
{
  WmTreeAttr *attr = data;

  g_free (attr->key);
  g_free (attr->qname);
  g_free (attr->value);
  g_free (attr);
}

WmTreeNode *
wm_tree_node_new (const char *name,
                  const char *key)
{
  WmTreeNode *node = g_new0 (WmTreeNode, 1);

  node->name = g_strdup (name);
  node->key = g_strdup (key);
  node->attrs = g_ptr_array_new_with_free_func (tree_attr_free);
  node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_tree_node_free);
  return node;
}

void
wm_tree_node_free (WmTreeNode *node)
{
  if (node == NULL)
    return;
  g_free (node->name);
  g_free (node->key);
  g_ptr_array_unref (node->attrs);
  g_free (node->text);
  g_free (node->opaque);
  g_ptr_array_unref (node->children);
  g_clear_pointer (&node->index, g_hash_table_unref);
  g_free (node);
}

WmTreeNode *
wm_tree_node_copy (const WmTreeNode *node)
{
  WmTreeNode *copy = wm_tree_node_new (node->name, node->key);

  for (guint i = 0; i < node->attrs->len; i++)
    {
      const WmTreeAttr *attr = g_ptr_array_index (node->attrs, i);

      wm_tree_node_set_attr (copy, attr->key, attr->qname, attr->value);
    }
  copy->text = g_strdup (node->text);
  copy->opaque = g_strdup (node->opaque);
  for (guint i = 0; i < node->children->len; i++)
    {
      wm_tree_node_add_child (copy, wm_tree_node_copy (g_ptr_array_index (node->children, i)));
    }
  return copy;
}

const char *
wm_tree_node_get_attr (const WmTreeNode *node,
                       const char       *key)
{
  for (guint i = 0; node != NULL && i < node->attrs->len; i++)
    {
      const WmTreeAttr *attr = g_ptr_array_index (node->attrs, i);

      if (g_str_equal (attr->key, key))
        return attr->value;
    }
  return NULL;
}

void
wm_tree_node_set_attr (WmTreeNode *node,
                       const char *key,
                       const char *qname,
                       const char *value)
{
  WmTreeAttr *attr;

  for (guint i = 0; i < node->attrs->len; i++)
    {
      attr = g_ptr_array_index (node->attrs, i);
      if (!g_str_equal (attr->key, key))
        continue;
      if (value == NULL)
        g_ptr_array_remove_index (node->attrs, i);
      else
        g_free (attr->value), attr->value = g_strdup (value);
      return;
    }
  if (value == NULL)
    return;
  attr = g_new0 (WmTreeAttr, 1);
  attr->key = g_strdup (key);
  attr->qname = g_strdup (qname);
  attr->value = g_strdup (value);
  g_ptr_array_add (node->attrs, attr);
}

void
wm_tree_node_append_attr (WmTreeNode *node,
                          const char *key,
                          const char *qname,
                          const char *value)
{
  WmTreeAttr *attr = g_new0 (WmTreeAttr, 1);

  attr->key = g_strdup (key);
  attr->qname = g_strdup (qname);
  attr->value = g_strdup (value);
  g_ptr_array_add (node->attrs, attr);
}

void
wm_tree_node_remove_namespace (WmTreeNode *node,
                               const char *href)
{
  g_autofree char *start = g_strdup_printf ("{%s}", href);
  GPtrArray *kept = g_ptr_array_new_with_free_func (tree_attr_free);

  for (guint i = 0; i < node->attrs->len; i++)
    {
      WmTreeAttr *attr = node->attrs->pdata[i];

      if (g_str_has_prefix (attr->key, start))
        tree_attr_free (attr);
      else
        g_ptr_array_add (kept, attr);
    }
  g_ptr_array_set_free_func (node->attrs, NULL);
  g_ptr_array_unref (node->attrs);
  node->attrs = kept;
}

WmTreeNode *
wm_tree_node_find_child (const WmTreeNode *node,
                         const char       *key)
{
  WmTreeNode *self = (WmTreeNode *) node;

  if (node == NULL)
    return NULL;
  if (self->index == NULL)
    {
      self->index = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = node->children->len; i > 0; i--)
        {
          WmTreeNode *child = g_ptr_array_index (node->children, i - 1);

          g_hash_table_insert (self->index, child->key, child);
        }
    }
  return g_hash_table_lookup (self->index, key);
}

void
wm_tree_node_add_child (WmTreeNode *node,
                        WmTreeNode *child)
{
  child->parent = node;
  g_ptr_array_add (node->children, child);
  g_clear_pointer (&node->index, g_hash_table_unref);
}

gboolean
wm_tree_node_is_item (const WmTreeNode *node)
{
  return node->name != NULL && node->text == NULL;
}

/* ---- from the canonical bytes ------------------------------------------ */

static gboolean
is_ours (xmlNode *node)
{
  return node->ns != NULL && node->ns->href != NULL &&
         strcmp ((const char *) node->ns->href, WM_NS) == 0;
}

static gboolean
is_text_element (const char *name)
{
  static const char *const names[] = { "title", "scenario", "name", "description", "goal", "text" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (name, names[i]))
      return TRUE;
  return FALSE;
}

/* What tells the element from its siblings in every version. */
static char *
node_key (xmlNode    *node,
          GHashTable *seen)
{
  const char *name = (const char *) node->name;
  g_autofree char *base = NULL;
  const char *attr = NULL;
  guint n;

  if (!is_ours (node))
    base = g_strdup_printf ("{%s}%s", node->ns != NULL ? (const char *) node->ns->href : "", name);
  else if (g_str_equal (name, "curve"))
    attr = "persona";
  else if (g_str_equal (name, "point"))
    attr = "stage";
  else if (g_str_equal (name, "metric"))
    attr = "kind";
  else if (g_str_equal (name, "goal") && node->parent != NULL &&
           g_str_equal ((const char *) node->parent->name, "persona"))
    base = g_strdup ("goal");
  else if (!is_text_element (name))
    attr = "id";
  else
    return g_strdup (name);

  if (base == NULL)
    {
      g_autofree char *value = (char *) xmlGetProp (node, (const xmlChar *) attr);

      base = g_strdup_printf ("%s#%s", name, value != NULL ? value : "");
    }
  n = GPOINTER_TO_UINT (g_hash_table_lookup (seen, base));
  g_hash_table_insert (seen, g_strdup (base), GUINT_TO_POINTER (n + 1));
  if (n == 0 && !g_str_equal (base, "goal"))
    return g_steal_pointer (&base);
  return g_strdup_printf ("%s#%u", base, n);
}

static void
read_attrs (WmTreeNode *node,
            xmlNode    *element)
{
  for (xmlAttr *a = element->properties; a != NULL; a = a->next)
    {
      g_autofree char *value = (char *) xmlNodeGetContent ((xmlNode *) a);
      g_autofree char *key = NULL, *qname = NULL;

      if (a->ns == NULL)
        key = g_strdup ((const char *) a->name), qname = g_strdup (key);
      else
        {
          key = g_strdup_printf ("{%s}%s", a->ns->href, a->name);
          qname = g_strdup_printf ("%s:%s", a->ns->prefix != NULL ? (const char *) a->ns->prefix : "xml",
                                   a->name);
        }
      /* XML has each attribute once: no need to look for it. */
      wm_tree_node_append_attr (node, key, qname, value);
    }
}

static WmTreeNode *
read_node (xmlDoc     *xdoc,
           xmlNode    *element,
           const char *key,
           WmTree     *tree)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  WmTreeNode *node;

  if (!is_ours (element))
    {
      xmlBuffer *buffer = xmlBufferCreate ();

      node = wm_tree_node_new (NULL, key);
      xmlNodeDump (buffer, xdoc, element, 0, 0);
      node->opaque = g_strdup ((const char *) xmlBufferContent (buffer));
      xmlBufferFree (buffer);
      return node;
    }
  node = wm_tree_node_new ((const char *) element->name, key);
  read_attrs (node, element);
  if (is_text_element (node->name))
    {
      node->text = (char *) xmlNodeGetContent (element);
      return node;
    }
  for (xmlNode *child = element->children; child != NULL; child = child->next)
    {
      g_autofree char *child_key = NULL;
      WmTreeNode *sub;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      child_key = node_key (child, seen);
      sub = read_node (xdoc, child, child_key, tree);
      wm_tree_node_add_child (node, sub);
      if (sub->name != NULL && g_str_equal (sub->name, "card"))
        g_hash_table_insert (tree->cards, g_strdup (wm_tree_node_get_attr (sub, "id")), sub);
    }
  return node;
}

WmTree *
wm_tree_new_from_document (WmDocument  *document,
                           GError     **error)
{
  g_autoptr(WmTree) tree = g_new0 (WmTree, 1);
  g_autofree char *data = NULL;
  gsize length = 0;
  xmlDoc *xdoc;
  xmlNode *root;

  tree->namespaces = g_ptr_array_new_with_free_func (g_free);
  tree->cards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  data = wm_writer_write (document, &length, error);
  if (data == NULL)
    return NULL;
  xdoc = wm_reader_parse_safe (data, length, "", error);
  if (xdoc == NULL)
    return NULL;
  root = xmlDocGetRootElement (xdoc);
  for (xmlNs *ns = root->nsDef; ns != NULL; ns = ns->next)
    if (ns->prefix != NULL)
      {
        g_ptr_array_add (tree->namespaces, g_strdup ((const char *) ns->prefix));
        g_ptr_array_add (tree->namespaces, g_strdup ((const char *) ns->href));
      }
  tree->root = read_node (xdoc, root, "map", tree);
  xmlFreeDoc (xdoc);
  return g_steal_pointer (&tree);
}

void
wm_tree_free (WmTree *tree)
{
  if (tree == NULL)
    return;
  g_clear_pointer (&tree->cards, g_hash_table_unref);
  wm_tree_node_free (tree->root);
  g_clear_pointer (&tree->namespaces, g_ptr_array_unref);
  g_free (tree);
}

/* ---- prefixes ---------------------------------------------------------- */

static void
reprefix (xmlNode *node,
          xmlNs   *from,
          xmlNs   *to)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (node->ns == from)
        node->ns = to;
      for (xmlAttr *a = node->properties; a != NULL; a = a->next)
        if (a->ns == from)
          a->ns = to;
      reprefix (node->children, from, to);
    }
}

/* @xml, another tool's element, read where @namespaces are declared, and
 * written again with @to for @prefix. */
static char *
renamed_xml (const char *xml,
             GPtrArray  *namespaces,
             const char *prefix,
             const char *to,
             const char *href)
{
  g_autoptr(GString) text = g_string_new ("<w xmlns=\"" WM_NS "\"");
  xmlDoc *xdoc;
  xmlNode *root;
  xmlNs *from;
  xmlBuffer *buffer;
  char *result;

  for (guint i = 0; i + 1 < namespaces->len; i += 2)
    {
      g_string_append_printf (text, " xmlns:%s=\"", (char *) namespaces->pdata[i]);
      wm_reader_append_escaped (text, namespaces->pdata[i + 1]);
      g_string_append_c (text, '"');
    }
  g_string_append_printf (text, ">%s</w>", xml);
  xdoc = wm_reader_parse_safe (text->str, text->len, "", NULL);
  if (xdoc == NULL)
    return g_strdup (xml);
  root = xmlDocGetRootElement (xdoc);
  from = xmlSearchNs (xdoc, root, (const xmlChar *) prefix);
  if (from != NULL && g_strcmp0 ((const char *) from->href, href) == 0)
    reprefix (root->children, from, xmlNewNs (root, (const xmlChar *) href, (const xmlChar *) to));
  buffer = xmlBufferCreate ();
  xmlNodeDump (buffer, xdoc, root->children, 0, 0);
  result = g_strdup ((const char *) xmlBufferContent (buffer));
  xmlBufferFree (buffer);
  xmlFreeDoc (xdoc);
  return result;
}

static void
rename_in (WmTreeNode *node,
           WmTree     *tree,
           const char *prefix,
           const char *to,
           const char *href)
{
  g_autofree char *start = g_strdup_printf ("{%s}", href);
  g_autofree char *old = g_strdup_printf ("%s:", prefix);

  if (node->opaque != NULL)
    {
      char *xml = renamed_xml (node->opaque, tree->namespaces, prefix, to, href);

      g_free (node->opaque), node->opaque = xml;
    }
  for (guint i = 0; i < node->attrs->len; i++)
    {
      WmTreeAttr *attr = node->attrs->pdata[i];

      if (!g_str_has_prefix (attr->key, start) || !g_str_has_prefix (attr->qname, old))
        continue;
      g_free (attr->qname);
      attr->qname = g_strdup_printf ("%s:%s", to, attr->key + strlen (start));
    }
  for (guint i = 0; i < node->children->len; i++)
    rename_in (node->children->pdata[i], tree, prefix, to, href);
}

void
wm_tree_rename_prefix (WmTree     *tree,
                       const char *prefix,
                       const char *to,
                       const char *href)
{
  rename_in (tree->root, tree, prefix, to, href);
}

/* ---- back to XML ----------------------------------------------------- */

static void
append_escaped (GString    *out,
                const char *text,
                gboolean    attribute)
{
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '&': g_string_append (out, "&amp;"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      case '"': g_string_append (out, attribute ? "&quot;" : "\""); break;
      case '\r': g_string_append (out, "&#13;"); break;
      case '\n': g_string_append (out, attribute ? "&#10;" : "\n"); break;
      case '\t': g_string_append (out, attribute ? "&#9;" : "\t"); break;
      default: g_string_append_c (out, *p);
      }
}

static void
append_open (const WmTreeNode *node,
             GString          *out,
             GPtrArray        *namespaces)
{
  g_string_append_printf (out, "<%s", node->name);
  if (namespaces != NULL)
    {
      g_string_append (out, " xmlns=\"" WM_NS "\"");
      for (guint i = 0; i + 1 < namespaces->len; i += 2)
        {
          g_string_append_printf (out, " xmlns:%s=\"", (char *) g_ptr_array_index (namespaces, i));
          append_escaped (out, g_ptr_array_index (namespaces, i + 1), TRUE);
          g_string_append_c (out, '"');
        }
    }
  for (guint i = 0; i < node->attrs->len; i++)
    {
      const WmTreeAttr *attr = g_ptr_array_index (node->attrs, i);

      g_string_append_printf (out, " %s=\"", attr->qname);
      append_escaped (out, attr->value, TRUE);
      g_string_append_c (out, '"');
    }
  g_string_append_c (out, '>');
}

static void
append_xml (const WmTreeNode *node,
            GString          *out,
            GPtrArray        *namespaces)
{
  if (node->opaque != NULL)
    {
      g_string_append (out, node->opaque);
      return;
    }
  append_open (node, out, namespaces);
  if (node->text != NULL)
    append_escaped (out, node->text, FALSE);
  for (guint i = 0; i < node->children->len; i++)
    append_xml (g_ptr_array_index (node->children, i), out, NULL);
  g_string_append_printf (out, "</%s>", node->name);
}

void
wm_tree_node_append_xml (const WmTreeNode *node,
                         GString          *out)
{
  append_xml (node, out, NULL);
}

gboolean
wm_tree_node_equal (const WmTreeNode *a,
                    const WmTreeNode *b)
{
  g_autoptr(GString) xa = g_string_new (NULL);
  g_autoptr(GString) xb = g_string_new (NULL);

  if (a == NULL || b == NULL)
    return a == b;
  append_xml (a, xa, NULL);
  append_xml (b, xb, NULL);
  return g_string_equal (xa, xb);
}

char *
wm_tree_to_xml (const WmTreeNode *root,
                GPtrArray        *namespaces)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

  append_xml (root, out, namespaces);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}
