/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-merge-resolve.c - the conflicts a merge left in a map, one at a time */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "wm-curve.h"
#include "wm-error.h"
#include "wm-item.h"
#include "wm-lane.h"
#include "wm-merge.h"
#include "wm-merge-private.h"
#include "wm-reader.h"
#include "wm-stage.h"

#define MERGE_KEY(local) "{" WM_MERGE_NAMESPACE "}" local
#define XML_NS "http://www.w3.org/XML/1998/namespace"

/* The value of the merge attribute @local of @item, whatever prefix the
 * file binds the merge namespace to. */
static const char *
merge_attr (WmDocument *document,
            gpointer    item,
            const char *local)
{
  GPtrArray *namespaces = wm_document_get_namespaces (document);
  WmForeign *foreign;

  if (!wm_item_has_foreign (WM_ITEM (item)))
    return NULL;
  foreign = wm_item_get_foreign (WM_ITEM (item));
  for (guint i = 0; i < foreign->attrs->len; i++)
    {
      const WmForeignAttr *attr = g_ptr_array_index (foreign->attrs, i);

      if (!g_str_equal (attr->name, local))
        continue;
      for (guint j = 0; j + 1 < namespaces->len; j += 2)
        if (g_strcmp0 (namespaces->pdata[j], attr->prefix) == 0)
          {
            if (g_str_equal (namespaces->pdata[j + 1], WM_MERGE_NAMESPACE))
              return attr->value;
            break;
          }
    }
  return NULL;
}

const char *
wm_merge_get_conflict (WmDocument *document,
                       gpointer    item)
{
  return merge_attr (document, item, "conflict");
}

WmMergeChoice
wm_merge_get_choice (WmDocument *document,
                     gpointer    item)
{
  WmForeign *foreign;

  if (merge_attr (document, item, "deleted-by") != NULL)
    return WM_MERGE_CHOICE_DELETE;
  if (merge_attr (document, item, "theirs-absent") != NULL)
    return WM_MERGE_CHOICE_SIDES;
  foreign = wm_item_get_foreign (WM_ITEM (item));
  for (guint i = 0; i < foreign->attrs->len; i++)
    {
      const WmForeignAttr *attr = g_ptr_array_index (foreign->attrs, i);

      if (g_str_has_prefix (attr->name, "theirs-") && merge_attr (document, item, attr->name) != NULL)
        return WM_MERGE_CHOICE_SIDES;
    }
  return WM_MERGE_CHOICE_NONE;
}

/* ---- which items ----------------------------------------------------- */

static void
add_if_conflict (WmDocument *document,
                 gpointer    item,
                 GPtrArray  *items)
{
  if (wm_merge_get_conflict (document, item) != NULL)
    g_ptr_array_add (items, g_object_ref (item));
}

/* Each item of @list, then those of @children (a function giving an
 * item's own list) after it: the writer's order. */
static void
add_list (WmDocument  *document,
          GListStore  *list,
          GListStore *(*children) (gpointer item),
          GPtrArray   *items)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      add_if_conflict (document, item, items);
      if (children != NULL)
        add_list (document, children (item), NULL, items);
    }
}

static GListStore *
stage_metrics (gpointer stage)
{
  return wm_stage_get_metrics (stage);
}

static GListStore *
lane_cards (gpointer lane)
{
  return wm_lane_get_cards (lane);
}

static GListStore *
curve_points (gpointer curve)
{
  return wm_curve_get_points (curve);
}

GPtrArray *
wm_merge_list_conflicts (WmDocument *document)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (WM_IS_DOCUMENT (document), items);

  add_if_conflict (document, document, items);
  add_list (document, wm_document_get_personas (document), NULL, items);
  add_list (document, wm_document_get_stages (document), stage_metrics, items);
  add_list (document, wm_document_get_lanes (document), lane_cards, items);
  add_list (document, wm_document_get_curves (document), curve_points, items);
  add_list (document, wm_document_get_moments (document), NULL, items);
  return items;
}

/* ---- the same items in the tree ---------------------------------------- */

static gboolean
has_conflict (const WmTreeNode *node)
{
  return wm_tree_node_is_item (node) && wm_tree_node_get_attr (node, MERGE_KEY ("conflict")) != NULL;
}

/* The @n-th element with a conflict, in document order (the order of
 * wm_merge_list_conflicts(), since the tree is the writer's). */
static WmTreeNode *
nth_conflict (WmTreeNode *node,
              guint      *n)
{
  if (has_conflict (node) && (*n)-- == 0)
    return node;
  for (guint i = 0; i < node->children->len; i++)
    {
      WmTreeNode *found = nth_conflict (node->children->pdata[i], n);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_conflicts (const WmTreeNode *node)
{
  guint n = has_conflict (node);

  for (guint i = 0; i < node->children->len; i++)
    n += count_conflicts (node->children->pdata[i]);
  return n;
}

static void
strip (WmTreeNode *node)
{
  wm_tree_node_remove_namespace (node, WM_MERGE_NAMESPACE);
  for (guint i = 0; i < node->children->len; i++)
    strip (node->children->pdata[i]);
}

static void
forget_namespace (GPtrArray *namespaces)
{
  for (guint i = 0; i + 1 < namespaces->len; i += 2)
    if (g_str_equal (namespaces->pdata[i + 1], WM_MERGE_NAMESPACE))
      {
        g_ptr_array_remove_range (namespaces, i, 2);
        return;
      }
}

static WmTreeNode *
take_child (WmTreeNode *node)
{
  WmTreeNode *parent = node->parent;
  guint index;

  g_ptr_array_find (parent->children, node, &index);
  g_clear_pointer (&parent->index, g_hash_table_unref);
  node->parent = NULL;
  return g_ptr_array_steal_index (parent->children, index);
}

/* ---- theirs, back ------------------------------------------------------ */

static int
text_rank (const char *name)
{
  static const char *const names[] = { "title", "name", "scenario", "description", "goal", "text" };
  static const int ranks[] = { 0, 0, 1, 1, 2, 3 };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (name, names[i]))
      return ranks[i];
  return -1;
}

/* A text element of @node (@key: "text", "goal#1") set to @value, added
 * after its kind's predecessors, or removed (@value NULL). */
static void
set_text (WmTreeNode *node,
          const char *key,
          const char *name,
          const char *value)
{
  WmTreeNode *child = wm_tree_node_find_child (node, key);
  int rank = text_rank (name);
  guint at = 0;

  if (child != NULL && value == NULL)
    wm_tree_node_free (take_child (child));
  else if (child != NULL)
    g_free (child->text), child->text = g_strdup (value);
  if (child != NULL || value == NULL)
    return;
  for (guint i = 0; i < node->children->len; i++)
    {
      const WmTreeNode *sibling = node->children->pdata[i];

      if (sibling->text != NULL && sibling->name != NULL && text_rank (sibling->name) <= rank)
        at = i + 1;
    }
  child = wm_tree_node_new (name, key);
  child->text = g_strdup (value);
  child->parent = node;
  g_ptr_array_insert (node->children, at, child);
  g_clear_pointer (&node->index, g_hash_table_unref);
}

static gboolean
move_card (WmTree      *tree,
           WmTreeNode  *card,
           const char  *lane,
           GError     **error)
{
  g_autofree char *key = g_strdup_printf ("lane#%s", lane);
  WmTreeNode *to = wm_tree_node_find_child (tree->root, key);

  if (to == NULL)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID,
                   _("Their lane “%s” is no longer in the map"), lane);
      return FALSE;
    }
  if (to != card->parent)
    wm_tree_node_add_child (to, take_child (card));
  return TRUE;
}

/* @node's children of one kind (@keys, all "card#…" or all "stage#…")
 * put in the order of @keys, in the places those children hold. */
static void
reorder_kind (WmTreeNode *node,
              GPtrArray  *keys)
{
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) present = g_ptr_array_new ();
  guint next = 0;

  for (guint i = 0; i < keys->len; i++)
    if (wm_tree_node_find_child (node, keys->pdata[i]) != NULL && g_hash_table_add (listed, keys->pdata[i]))
      g_ptr_array_add (present, wm_tree_node_find_child (node, keys->pdata[i]));
  for (guint i = 0; i < node->children->len; i++)
    if (g_hash_table_contains (listed, ((WmTreeNode *) node->children->pdata[i])->key))
      node->children->pdata[i] = present->pdata[next++];
}

static void
reorder (WmTreeNode *node,
         const char *order)
{
  g_auto(GStrv) keys = g_strsplit (order, " ", -1);
  g_autoptr(GHashTable) kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  gpointer list;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *kind = g_strndup (keys[i], strcspn (keys[i], "#"));
      GPtrArray *same = g_hash_table_lookup (kinds, kind);

      if (same == NULL)
        g_hash_table_insert (kinds, g_steal_pointer (&kind), same = g_ptr_array_new ());
      g_ptr_array_add (same, keys[i]);
    }
  g_hash_table_iter_init (&iter, kinds);
  while (g_hash_table_iter_next (&iter, NULL, &list))
    reorder_kind (node, list);
}

/* Theirs' value for @name (as data/waymark-format.md spells it: an
 * attribute, "xml.lang", "acme.tag", a text element "text", "goal.1"). */
static gboolean
take_value (WmTree      *tree,
            WmTreeNode  *node,
            const char  *name,
            const char  *value,
            GError     **error)
{
  g_autofree char *base = g_strndup (name, strcspn (name, "."));
  const char *dot = strchr (name, '.');

  if (g_str_equal (name, "lane") && g_strcmp0 (node->name, "card") == 0)
    return value == NULL || move_card (tree, node, value, error);
  if (text_rank (base) >= 0)
    {
      g_autofree char *key = g_strdup (name);

      g_strdelimit (key, ".", '#');
      set_text (node, key, base, value);
    }
  else if (dot == NULL)
    wm_tree_node_set_attr (node, name, name, value);
  else
    {
      const char *href = g_str_equal (base, "xml") ? XML_NS : NULL;
      g_autofree char *key = NULL, *qname = NULL;

      for (guint i = 0; href == NULL && i + 1 < tree->namespaces->len; i += 2)
        if (g_str_equal (tree->namespaces->pdata[i], base))
          href = tree->namespaces->pdata[i + 1];
      if (href == NULL)
        {
          g_set_error (error, WM_ERROR, WM_ERROR_INVALID,
                       _("The conflict names “%s”, whose prefix the map does not declare"), name);
          return FALSE;
        }
      key = g_strdup_printf ("{%s}%s", href, dot + 1);
      qname = g_strdup_printf ("%s:%s", base, dot + 1);
      wm_tree_node_set_attr (node, key, qname, value);
    }
  return TRUE;
}

static gboolean
take_theirs (WmTree      *tree,
             WmTreeNode  *node,
             GError     **error)
{
  g_autoptr(GPtrArray) attrs = g_ptr_array_new ();
  const char *absent = wm_tree_node_get_attr (node, MERGE_KEY ("theirs-absent"));
  const char *start = MERGE_KEY ("theirs-");

  /* Copied first: taking a value changes the list. */
  for (guint i = 0; i < node->attrs->len; i++)
    {
      WmTreeAttr *attr = node->attrs->pdata[i];

      if (g_str_has_prefix (attr->key, start))
        g_ptr_array_add (attrs, attr);
    }
  if (absent != NULL)
    {
      g_auto(GStrv) names = g_strsplit (absent, " ", -1);

      for (guint i = 0; names[i] != NULL; i++)
        if (*names[i] != '\0' && !take_value (tree, node, names[i], NULL, error))
          return FALSE;
    }
  for (guint i = 0; i < attrs->len; i++)
    {
      const WmTreeAttr *attr = attrs->pdata[i];
      const char *name = attr->key + strlen (start);

      if (g_str_equal (name, "order"))
        reorder (node, attr->value);
      else if (!g_str_equal (name, "absent") && !take_value (tree, node, name, attr->value, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
resolve_node (WmTree      *tree,
              WmTreeNode  *node,
              gboolean     other,
              GError     **error)
{
  if (other && wm_tree_node_get_attr (node, MERGE_KEY ("deleted-by")) != NULL)
    {
      if (node->parent == NULL)
        {
          g_set_error_literal (error, WM_ERROR, WM_ERROR_INVALID, _("The map itself cannot be deleted"));
          return FALSE;
        }
      wm_tree_node_free (take_child (node));
      return TRUE;
    }
  if (other && !take_theirs (tree, node, error))
    return FALSE;
  wm_tree_node_remove_namespace (node, WM_MERGE_NAMESPACE);
  return TRUE;
}

WmDocument *
wm_merge_resolve (WmDocument  *document,
                  gpointer     item,
                  gboolean     other,
                  GError     **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(WmTree) tree = NULL;
  g_autofree char *xml = NULL;
  WmTreeNode *node;
  guint index;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  items = wm_merge_list_conflicts (document);
  if (!g_ptr_array_find (items, item, &index))
    {
      g_set_error_literal (error, WM_ERROR, WM_ERROR_INVALID, _("The item has no merge conflict"));
      return NULL;
    }
  tree = wm_tree_new_from_document (document, error);
  if (tree == NULL)
    return NULL;
  node = nth_conflict (tree->root, &index);
  g_return_val_if_fail (node != NULL, NULL);
  if (!resolve_node (tree, node, other, error))
    return NULL;
  if (count_conflicts (tree->root) == 0)
    {
      strip (tree->root);
      forget_namespace (tree->namespaces);
    }
  xml = wm_tree_to_xml (tree->root, tree->namespaces);
  return wm_reader_load_data (xml, strlen (xml), _("merged map"), error);
}
