/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-diff.c - what changed between two versions of a map */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wm-diff.h"
#include "wm-merge-private.h"

typedef struct
{
  GPtrArray  *items;  /* WmTreeNode*, document order */
  GHashTable *by_key; /* key → WmTreeNode* */
} Items;

static gboolean
is_listed (const WmTreeNode *node)
{
  static const char *const names[] = { "map", "persona", "stage", "lane", "card", "moment" };

  for (guint i = 0; node->name != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (node->name, names[i]))
      return TRUE;
  return FALSE;
}

static void
collect (const WmTreeNode *node,
         Items            *items)
{
  if (!is_listed (node))
    return;
  g_ptr_array_add (items->items, (gpointer) node);
  g_hash_table_insert (items->by_key, node->key, (gpointer) node);
  for (guint i = 0; i < node->children->len; i++)
    collect (g_ptr_array_index (node->children, i), items);
}

static void
items_clear (Items *items)
{
  g_clear_pointer (&items->items, g_ptr_array_unref);
  g_clear_pointer (&items->by_key, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Items, items_clear)

static void
items_init (Items      *items,
            WmTreeNode *root)
{
  items->items = g_ptr_array_new ();
  items->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  collect (root, items);
}

static const char *
id_of (const WmTreeNode *node)
{
  const char *hash = strchr (node->key, '#');

  return hash != NULL ? hash + 1 : "";
}

/* An item's values by name: its attributes, its text elements, and for a
 * card the lane that holds it. */
static GHashTable *
values_of (const WmTreeNode *node)
{
  GHashTable *values = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < node->attrs->len; i++)
    {
      const WmTreeAttr *attr = g_ptr_array_index (node->attrs, i);

      g_hash_table_insert (values, attr->qname, attr->value);
    }
  for (guint i = 0; i < node->children->len; i++)
    {
      const WmTreeNode *child = g_ptr_array_index (node->children, i);

      if (child->text != NULL)
        g_hash_table_insert (values, child->key, child->text);
      else if (child->opaque != NULL)
        g_hash_table_insert (values, child->key, child->opaque);
    }
  if (g_str_equal (node->name, "card"))
    g_hash_table_insert (values, (gpointer) "lane",
                         (gpointer) wm_tree_node_get_attr (node->parent, "id"));
  return values;
}

/* g_ptr_array_sort() hands over pointers to the elements. */
static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
add_value (JsonBuilder *builder,
           const char  *member,
           const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* The attributes that differ; TRUE if any did. */
static gboolean
add_attributes (JsonBuilder      *builder,
                const WmTreeNode *before,
                const WmTreeNode *after,
                gboolean         *moved)
{
  g_autoptr(GHashTable) b = values_of (before);
  g_autoptr(GHashTable) a = values_of (after);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *both[] = { b, a };

  for (guint s = 0; s < 2; s++)
    {
      GHashTableIter iter;
      gpointer name;

      g_hash_table_iter_init (&iter, both[s]);
      while (g_hash_table_iter_next (&iter, &name, NULL))
        if (g_hash_table_add (seen, name) &&
            g_strcmp0 (g_hash_table_lookup (b, name), g_hash_table_lookup (a, name)) != 0)
          g_ptr_array_add (names, name);
    }
  g_ptr_array_sort (names, compare_strings);
  *moved = FALSE;
  if (names->len == 0)
    return FALSE;
  json_builder_set_member_name (builder, "attributes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];

      json_builder_begin_object (builder);
      add_value (builder, "name", name);
      add_value (builder, "before", g_hash_table_lookup (b, name));
      add_value (builder, "after", g_hash_table_lookup (a, name));
      json_builder_end_object (builder);
      if (g_str_equal (before->name, "card") && (g_str_equal (name, "lane") || g_str_equal (name, "stage")))
        *moved = TRUE;
    }
  json_builder_end_array (builder);
  return TRUE;
}

static void
begin_change (JsonBuilder      *builder,
              const WmTreeNode *node,
              const char       *change)
{
  json_builder_begin_object (builder);
  add_value (builder, "item", node->name);
  add_value (builder, "id", id_of (node));
  add_value (builder, "change", change);
}

static void
add_whole (JsonBuilder      *builder,
           const WmTreeNode *node,
           const char       *change)
{
  const WmTreeNode *text = wm_tree_node_find_child (node, "text");

  if (text == NULL)
    text = wm_tree_node_find_child (node, "title");
  if (text == NULL)
    text = wm_tree_node_find_child (node, "name");
  begin_change (builder, node, change);
  if (g_str_equal (node->name, "card"))
    {
      add_value (builder, "lane", wm_tree_node_get_attr (node->parent, "id"));
      add_value (builder, "stage", wm_tree_node_get_attr (node, "stage"));
    }
  add_value (builder, "text", text != NULL ? text->text : NULL);
  json_builder_end_object (builder);
}

static void add_reorders (JsonBuilder *builder, Items *before, Items *after);

static void
add_changes (JsonBuilder *builder,
             Items       *before,
             Items       *after)
{
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < before->items->len; i++)
    {
      const WmTreeNode *b = before->items->pdata[i];
      const WmTreeNode *a = g_hash_table_lookup (after->by_key, b->key);
      g_autoptr(JsonBuilder) sub = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      gboolean moved;

      if (a == NULL)
        {
          add_whole (builder, b, "removed");
          continue;
        }
      json_builder_begin_object (sub);
      if (!add_attributes (sub, b, a, &moved))
        continue;
      json_builder_end_object (sub);
      root = json_builder_get_root (sub);
      begin_change (builder, b, moved ? "moved" : "changed");
      json_builder_set_member_name (builder, "attributes");
      json_builder_add_value (builder, json_node_copy (json_object_get_member (
        json_node_get_object (root), "attributes")));
      json_builder_end_object (builder);
    }
  for (guint i = 0; i < after->items->len; i++)
    {
      const WmTreeNode *a = after->items->pdata[i];

      if (!g_hash_table_contains (before->by_key, a->key))
        add_whole (builder, a, "added");
    }
  add_reorders (builder, before, after);
  json_builder_end_array (builder);
}

/* The keys of @node's listed children that @other holds too, in order. */
static GPtrArray *
shared_order (const WmTreeNode *node,
              const WmTreeNode *other)
{
  GPtrArray *keys = g_ptr_array_new ();

  for (guint i = 0; i < node->children->len; i++)
    {
      const WmTreeNode *child = g_ptr_array_index (node->children, i);
      const WmTreeNode *there = wm_tree_node_find_child (other, child->key);

      if (is_listed (child) && there != NULL)
        g_ptr_array_add (keys, child->key);
    }
  return keys;
}

/* A map whose stages (a lane whose cards) only changed order is not
 * equal: say so, with the new order. */
static void
add_reorders (JsonBuilder *builder,
              Items       *before,
              Items       *after)
{
  for (guint i = 0; i < before->items->len; i++)
    {
      const WmTreeNode *b = before->items->pdata[i];
      const WmTreeNode *a = g_hash_table_lookup (after->by_key, b->key);
      g_autoptr(GPtrArray) ob = NULL, oa = NULL;
      gboolean same = TRUE;

      if (a == NULL || b->children->len == 0)
        continue;
      ob = shared_order (b, a);
      oa = shared_order (a, b);
      for (guint j = 0; j < ob->len && same; j++)
        same = g_str_equal (ob->pdata[j], oa->pdata[j]);
      if (same)
        continue;
      begin_change (builder, b, "reordered");
      json_builder_set_member_name (builder, "order");
      json_builder_begin_array (builder);
      for (guint j = 0; j < oa->len; j++)
        json_builder_add_string_value (builder, oa->pdata[j]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
}

/* ---- curves, metrics, pains ---------------------------------------------- */

/* The keys of @b's children, then those only @a has, for @prefix. */
static GPtrArray *
union_keys (const WmTreeNode *b,
            const WmTreeNode *a,
            const char       *prefix)
{
  GPtrArray *keys = g_ptr_array_new ();
  const WmTreeNode *both[] = { b, a };

  for (guint s = 0; s < 2; s++)
    for (guint i = 0; both[s] != NULL && i < both[s]->children->len; i++)
      {
        const WmTreeNode *child = g_ptr_array_index (both[s]->children, i);

        if (g_str_has_prefix (child->key, prefix) &&
            (s == 0 || wm_tree_node_find_child (b, child->key) == NULL))
          g_ptr_array_add (keys, child->key);
      }
  return keys;
}

static void
add_number (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_double_value (builder, g_ascii_strtod (value, NULL));
  else
    json_builder_add_null_value (builder);
}

static void
add_curves (JsonBuilder      *builder,
            const WmTreeNode *before,
            const WmTreeNode *after)
{
  g_autoptr(GPtrArray) curves = union_keys (before, after, "curve#");

  json_builder_set_member_name (builder, "curves");
  json_builder_begin_array (builder);
  for (guint i = 0; i < curves->len; i++)
    {
      const WmTreeNode *cb = wm_tree_node_find_child (before, curves->pdata[i]);
      const WmTreeNode *ca = wm_tree_node_find_child (after, curves->pdata[i]);
      g_autoptr(GPtrArray) points = union_keys (cb, ca, "point#");

      for (guint j = 0; j < points->len; j++)
        {
          const WmTreeNode *pb = wm_tree_node_find_child (cb, points->pdata[j]);
          const WmTreeNode *pa = wm_tree_node_find_child (ca, points->pdata[j]);
          const char *vb = wm_tree_node_get_attr (pb, "value");
          const char *va = wm_tree_node_get_attr (pa, "value");

          if (wm_tree_node_equal (pb, pa))
            continue;
          json_builder_begin_object (builder);
          add_value (builder, "persona", strchr (curves->pdata[i], '#') + 1);
          add_value (builder, "stage", strchr (points->pdata[j], '#') + 1);
          add_number (builder, "before", vb);
          add_number (builder, "after", va);
          json_builder_set_member_name (builder, "change");
          if (vb != NULL && va != NULL)
            json_builder_add_double_value (builder, g_ascii_strtod (va, NULL) - g_ascii_strtod (vb, NULL));
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
    }
  json_builder_end_array (builder);
}

/* NPS and CSAT are better up, CES (effort) down. */
static const char *
verdict (const char *kind,
         const char *before,
         const char *after)
{
  double delta;

  if (before == NULL)
    return "added";
  if (after == NULL)
    return "removed";
  delta = g_ascii_strtod (after, NULL) - g_ascii_strtod (before, NULL);
  if (g_str_equal (kind, "ces"))
    delta = -delta;
  return delta > 0 ? "better" : delta < 0 ? "worse" : "same";
}

static void
add_metrics (JsonBuilder      *builder,
             const WmTreeNode *before,
             const WmTreeNode *after)
{
  g_autoptr(GPtrArray) stages = union_keys (before, after, "stage#");

  json_builder_set_member_name (builder, "metrics");
  json_builder_begin_array (builder);
  for (guint i = 0; i < stages->len; i++)
    {
      const WmTreeNode *sb = wm_tree_node_find_child (before, stages->pdata[i]);
      const WmTreeNode *sa = wm_tree_node_find_child (after, stages->pdata[i]);
      g_autoptr(GPtrArray) metrics = union_keys (sb, sa, "metric#");

      for (guint j = 0; j < metrics->len; j++)
        {
          const WmTreeNode *mb = wm_tree_node_find_child (sb, metrics->pdata[j]);
          const WmTreeNode *ma = wm_tree_node_find_child (sa, metrics->pdata[j]);
          const char *vb = wm_tree_node_get_attr (mb, "value");
          const char *va = wm_tree_node_get_attr (ma, "value");
          const char *kind = wm_tree_node_get_attr (mb != NULL ? mb : ma, "kind");

          if (g_strcmp0 (vb, va) == 0)
            continue;
          json_builder_begin_object (builder);
          add_value (builder, "stage", strchr (stages->pdata[i], '#') + 1);
          add_value (builder, "kind", kind);
          add_number (builder, "before", vb);
          add_number (builder, "after", va);
          add_value (builder, "verdict", verdict (kind, vb, va));
          json_builder_end_object (builder);
        }
    }
  json_builder_end_array (builder);
}

static gboolean
is_pain (const WmTreeNode *card)
{
  return card != NULL && g_strcmp0 (wm_tree_node_get_attr (card->parent, "kind"), "pains") == 0;
}

static void
add_pains (JsonBuilder *builder,
           WmTree      *before,
           WmTree      *after)
{
  GHashTableIter iter;
  gpointer id, value;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  g_hash_table_iter_init (&iter, before->cards);
  while (g_hash_table_iter_next (&iter, &id, &value))
    {
      const WmTreeNode *a = g_hash_table_lookup (after->cards, id);

      if (is_pain (value) && is_pain (a) &&
          g_strcmp0 (wm_tree_node_get_attr (value, "frequency"), wm_tree_node_get_attr (a, "frequency")) != 0)
        g_ptr_array_add (ids, id);
    }
  g_ptr_array_sort (ids, compare_strings);
  json_builder_set_member_name (builder, "pains");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *fb = wm_tree_node_get_attr (g_hash_table_lookup (before->cards, ids->pdata[i]), "frequency");
      const char *fa = wm_tree_node_get_attr (g_hash_table_lookup (after->cards, ids->pdata[i]), "frequency");
      double b = fb != NULL ? g_ascii_strtod (fb, NULL) : 0;
      double a = fa != NULL ? g_ascii_strtod (fa, NULL) : 0;

      json_builder_begin_object (builder);
      add_value (builder, "id", ids->pdata[i]);
      json_builder_set_member_name (builder, "before");
      json_builder_add_double_value (builder, b);
      json_builder_set_member_name (builder, "after");
      json_builder_add_double_value (builder, a);
      json_builder_set_member_name (builder, "percent");
      if (b > 0)
        json_builder_add_double_value (builder, round ((a - b) / b * 1000) / 10);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

JsonNode *
wm_diff (WmDocument  *before,
         WmDocument  *after,
         GError     **error)
{
  g_autoptr(WmTree) b = wm_tree_new_from_document (before, error);
  g_autoptr(WmTree) a = b != NULL ? wm_tree_new_from_document (after, error) : NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_auto(Items) ib = { 0 };
  g_auto(Items) ia = { 0 };

  if (a == NULL)
    return NULL;
  items_init (&ib, b->root);
  items_init (&ia, a->root);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "equal");
  json_builder_add_boolean_value (builder, wm_tree_node_equal (b->root, a->root));
  add_changes (builder, &ib, &ia);
  add_curves (builder, b->root, a->root);
  add_metrics (builder, b->root, a->root);
  add_pains (builder, b, a);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

gboolean
wm_diff_is_equal (JsonNode *diff)
{
  return json_object_get_boolean_member (json_node_get_object (diff), "equal");
}

/* ---- for a person ---------------------------------------------------- */

static const char *
string_or (JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? json_node_get_string (node) : _("(none)");
}

static char *
number_or (JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("(none)"));
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g", json_node_get_double (node)));
}

static void
change_to_text (GString    *out,
                JsonObject *change)
{
  const char *item = json_object_get_string_member (change, "item");
  const char *id = json_object_get_string_member (change, "id");
  const char *kind = json_object_get_string_member (change, "change");
  JsonArray *attributes;

  if (g_str_equal (kind, "added") || g_str_equal (kind, "removed"))
    {
      /* TRANSLATORS: "card “c7” added: its text" */
      g_string_append_printf (out, g_str_equal (kind, "added") ? _("%s “%s” added: %s\n")
                                                               : _("%s “%s” removed: %s\n"),
                              item, id, string_or (change, "text"));
      return;
    }
  if (g_str_equal (kind, "reordered"))
    {
      JsonArray *order = json_object_get_array_member (change, "order");

      if (*id == '\0')
        g_string_append_printf (out, _("%s reordered:"), item);
      else
        g_string_append_printf (out, _("%s “%s” reordered:"), item, id);
      for (guint i = 0; i < json_array_get_length (order); i++)
        g_string_append_printf (out, " %s", json_array_get_string_element (order, i));
      g_string_append_c (out, '\n');
      return;
    }
  if (*id == '\0')
    g_string_append_printf (out, _("%s changed\n"), item);
  else
    g_string_append_printf (out, g_str_equal (kind, "moved") ? _("%s “%s” moved\n") : _("%s “%s” changed\n"),
                            item, id);
  attributes = json_object_get_array_member (change, "attributes");
  for (guint i = 0; i < json_array_get_length (attributes); i++)
    {
      JsonObject *attr = json_array_get_object_element (attributes, i);

      g_string_append_printf (out, "  %s: “%s” → “%s”\n", json_object_get_string_member (attr, "name"),
                              string_or (attr, "before"), string_or (attr, "after"));
    }
}

static const char *
verdict_text (const char *verdict)
{
  if (g_str_equal (verdict, "better"))
    return _("better");
  if (g_str_equal (verdict, "worse"))
    return _("worse");
  if (g_str_equal (verdict, "added"))
    return _("new");
  if (g_str_equal (verdict, "removed"))
    return _("gone");
  return _("same");
}

static void
numbers_to_text (GString    *out,
                 JsonObject *root)
{
  JsonArray *curves = json_object_get_array_member (root, "curves");
  JsonArray *metrics = json_object_get_array_member (root, "metrics");
  JsonArray *pains = json_object_get_array_member (root, "pains");

  for (guint i = 0; i < json_array_get_length (curves); i++)
    {
      JsonObject *c = json_array_get_object_element (curves, i);
      g_autofree char *b = number_or (c, "before"), *a = number_or (c, "after");

      g_string_append_printf (out, _("curve of “%s” at stage “%s”: %s → %s\n"),
                              json_object_get_string_member (c, "persona"),
                              json_object_get_string_member (c, "stage"), b, a);
    }
  for (guint i = 0; i < json_array_get_length (metrics); i++)
    {
      JsonObject *m = json_array_get_object_element (metrics, i);
      g_autofree char *b = number_or (m, "before"), *a = number_or (m, "after");
      g_autofree char *kind = g_ascii_strup (json_object_get_string_member (m, "kind"), -1);

      g_string_append_printf (out, _("%s of stage “%s”: %s → %s (%s)\n"), kind,
                              json_object_get_string_member (m, "stage"), b, a,
                              verdict_text (json_object_get_string_member (m, "verdict")));
    }
  for (guint i = 0; i < json_array_get_length (pains); i++)
    {
      JsonObject *p = json_array_get_object_element (pains, i);
      g_autofree char *b = number_or (p, "before"), *a = number_or (p, "after");
      g_autofree char *percent = number_or (p, "percent");

      g_string_append_printf (out, _("pain “%s” frequency: %s → %s (%s%%)\n"),
                              json_object_get_string_member (p, "id"), b, a, percent);
    }
}

char *
wm_diff_to_text (JsonNode *diff)
{
  JsonObject *root = json_node_get_object (diff);
  JsonArray *changes = json_object_get_array_member (root, "changes");
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (changes); i++)
    change_to_text (out, json_array_get_object_element (changes, i));
  numbers_to_text (out, root);
  return g_string_free (out, FALSE);
}
