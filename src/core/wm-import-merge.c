/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-import-merge.c - an imported map added to a map, ids kept apart */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <string.h>

#include <libxml/tree.h>

#include "wm-import-merge.h"
#include "wm-reader.h"
#include "wm-reader-guard.h"
#include "wm-types.h"
#include "wm-writer.h"

/* The top-level kinds an import brings, in the order of the format. */
static const char * const kinds[] = { "persona", "stage", "lane", "curve", "moment" };

static gboolean
is_ours (xmlNode *node)
{
  return node->type == XML_ELEMENT_NODE && node->ns != NULL &&
         g_strcmp0 ((const char *) node->ns->href, WM_NAMESPACE) == 0;
}

static int
kind_of (xmlNode *node)
{
  for (guint i = 0; is_ours (node) && i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal ((const char *) node->name, kinds[i]))
      return i;
  return -1;
}

static void
collect_ids (xmlNode    *node,
             GHashTable *ids)
{
  for (; node != NULL; node = node->next)
    {
      xmlChar *id;

      if (!is_ours (node))
        continue;
      if ((id = xmlGetNoNsProp (node, (const xmlChar *) "id")) != NULL)
        g_hash_table_add (ids, g_strdup ((const char *) id));
      xmlFree (id);
      collect_ids (node->children, ids);
    }
}

/* Renames @imported's ids that @taken holds, and the references to them. */
static void
rename_ids (xmlNode    *node,
            GHashTable *taken,
            GHashTable *renamed)
{
  static const char * const refs[] = { "id", "stage", "persona" };

  for (; node != NULL; node = node->next)
    {
      if (!is_ours (node))
        continue;
      for (guint r = 0; r < G_N_ELEMENTS (refs); r++)
        {
          xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) refs[r]);
          const char *to;

          if (value == NULL)
            continue;
          to = g_hash_table_lookup (renamed, value);
          if (to == NULL && r == 0 && g_hash_table_contains (taken, value))
            {
              char *fresh = NULL;

              for (guint n = 2; fresh == NULL || g_hash_table_contains (taken, fresh); n++)
                {
                  g_free (fresh);
                  fresh = g_strdup_printf ("%s-%u", (const char *) value, n);
                }
              g_hash_table_add (taken, g_strdup (fresh));
              g_hash_table_insert (renamed, g_strdup ((const char *) value), fresh);
              to = fresh;
            }
          if (to != NULL)
            xmlSetProp (node, (const xmlChar *) refs[r], (const xmlChar *) to);
          xmlFree (value);
        }
      rename_ids (node->children, taken, renamed);
    }
}

static void
append_escaped (GString       *out,
                const xmlChar *text)
{
  for (const char *p = (const char *) text; p != NULL && *p != '\0'; p++)
    switch (*p)
      {
      case '&': g_string_append (out, "&amp;"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '"': g_string_append (out, "&quot;"); break;
      case '\n': g_string_append (out, "&#10;"); break;
      case '\r': g_string_append (out, "&#13;"); break;
      case '\t': g_string_append (out, "&#9;"); break;
      default: g_string_append_c (out, *p); break;
      }
}

/* <map …> with @base's attributes and both roots' namespaces. */
static void
append_start (GString *out,
              xmlNode *base,
              xmlNode *imported)
{
  g_string_append (out, "<map");
  for (xmlNode *root = base; root != NULL; root = root == base ? imported : NULL)
    for (xmlNs *ns = root->nsDef; ns != NULL; ns = ns->next)
      {
        if (ns->prefix == NULL ? root != base
            : (root != base && xmlSearchNs (base->doc, base, ns->prefix) != NULL))
          continue;
        g_string_append_printf (out, " xmlns%s%s=\"", ns->prefix != NULL ? ":" : "",
                                ns->prefix != NULL ? (const char *) ns->prefix : "");
        append_escaped (out, ns->href);
        g_string_append_c (out, '"');
      }
  for (xmlAttr *attr = base->properties; attr != NULL; attr = attr->next)
    {
      xmlChar *value = xmlNodeGetContent ((xmlNode *) attr);

      g_string_append_printf (out, " %s%s%s=\"",
                              attr->ns != NULL && attr->ns->prefix != NULL ? (const char *) attr->ns->prefix : "",
                              attr->ns != NULL && attr->ns->prefix != NULL ? ":" : "",
                              (const char *) attr->name);
      append_escaped (out, value);
      g_string_append_c (out, '"');
      xmlFree (value);
    }
  g_string_append_c (out, '>');
}

static void
append_node (GString   *out,
             xmlBuffer *buffer,
             xmlNode   *node)
{
  xmlBufferEmpty (buffer);
  xmlNodeDump (buffer, node->doc, node, 0, 0);
  g_string_append_len (out, (const char *) xmlBufferContent (buffer), xmlBufferLength (buffer));
}

static void
append_kind (GString   *out,
             xmlBuffer *buffer,
             xmlNode   *imported,
             int        kind)
{
  for (xmlNode *node = imported->children; node != NULL; node = node->next)
    if (kind_of (node) == kind)
      append_node (out, buffer, node);
}

/* @base's children, each kind of @imported's after @base's last of that
 * kind (or where that kind would begin). */
static void
append_children (GString *out,
                 xmlNode *base,
                 xmlNode *imported)
{
  xmlBuffer *buffer = xmlBufferCreate ();
  int next = 0;

  for (xmlNode *node = base->children; node != NULL; node = node->next)
    {
      int kind = kind_of (node);

      if (node->type != XML_ELEMENT_NODE)
        continue;
      for (; kind >= 0 && next < kind; next++)
        append_kind (out, buffer, imported, next);
      /* Past this kind's last element: the import's go here. */
      if (kind >= 0 && next == kind)
        {
          xmlNode *after = node->next;

          while (after != NULL && after->type != XML_ELEMENT_NODE)
            after = after->next;
          append_node (out, buffer, node);
          if (after == NULL || kind_of (after) != kind)
            append_kind (out, buffer, imported, next++);
          continue;
        }
      append_node (out, buffer, node);
    }
  for (; next < (int) G_N_ELEMENTS (kinds); next++)
    append_kind (out, buffer, imported, next);
  xmlBufferFree (buffer);
}

static xmlDoc *
tree_of (WmDocument  *document,
         GError     **error)
{
  gsize length = 0;
  g_autofree char *xml = wm_writer_write (document, &length, error);

  return xml != NULL ? wm_reader_parse_safe (xml, length, "map.waymark", error) : NULL;
}

WmDocument *
wm_import_merge (WmDocument  *document,
                 WmDocument  *imported,
                 GError     **error)
{
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) renamed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GString) out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_autofree char *name = NULL;
  xmlDoc *base = NULL, *other = NULL;
  WmDocument *merged = NULL;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (WM_IS_DOCUMENT (imported), NULL);

  if ((base = tree_of (document, error)) != NULL && (other = tree_of (imported, error)) != NULL)
    {
      xmlNode *base_root = xmlDocGetRootElement (base);
      xmlNode *other_root = xmlDocGetRootElement (other);

      collect_ids (base_root->children, taken);
      rename_ids (other_root->children, taken, renamed);
      append_start (out, base_root, other_root);
      append_children (out, base_root, other_root);
      g_string_append (out, "</map>\n");
      merged = wm_reader_load_data (out->str, out->len, "merged.waymark", error);
    }
  g_clear_pointer (&base, xmlFreeDoc);
  g_clear_pointer (&other, xmlFreeDoc);
  return merged;
}
