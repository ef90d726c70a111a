/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-merge.c - three-way merge of maps by item ids */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "wm-error.h"
#include "wm-item.h"
#include "wm-merge.h"
#include "wm-merge-private.h"
#include "wm-reader.h"

#define CONFLICT_KEY   "{" WM_MERGE_NAMESPACE "}conflict"
#define CONFLICT_QNAME WM_MERGE_PREFIX ":conflict"

typedef struct
{
  WmTree     *b, *o, *t;
  GHashTable *card_lane;  /* card id → lane id it ends up in */
  GHashTable *card_note;  /* card id → why it is a conflict */
  GPtrArray  *conflicts;
} Merge;

static WmTreeNode *merge_node (Merge *m, const WmTreeNode *b, const WmTreeNode *o,
                               const WmTreeNode *t, GPtrArray *up);

/* The three-way rule for one value: NULL is "absent". */
static const char *
pick (const char *b,
      const char *o,
      const char *t,
      gboolean   *conflict)
{
  if (g_strcmp0 (o, t) == 0)
    return o;
  if (g_strcmp0 (b, o) == 0)
    return t;
  if (g_strcmp0 (b, t) == 0)
    return o;
  *conflict = TRUE;
  return o;
}

static const char *
shown (const char *value)
{
  return value != NULL ? value : _("(none)");
}

static char *
describe (const WmTreeNode *node)
{
  const char *hash = strchr (node->key, '#');

  if (node->name == NULL)
    return g_strdup (_("another tool’s element"));
  if (hash == NULL)
    return g_strdup (node->name);
  return g_strdup_printf ("%s “%s”", node->name, hash + 1);
}

/* A conflict is written on the nearest item, a text element's on its
 * parent: that is what the format can carry an attribute on. */
static void
note (Merge      *m,
      WmTreeNode *node,
      GPtrArray  *up,
      const char *message)
{
  g_autofree char *what = NULL;
  const char *old;

  if (!wm_tree_node_is_item (node))
    {
      g_ptr_array_add (up, g_strdup (message));
      return;
    }
  what = describe (node);
  g_ptr_array_add (m->conflicts, g_strdup_printf ("%s: %s", what, message));
  old = wm_tree_node_get_attr (node, CONFLICT_KEY);
  if (old == NULL)
    wm_tree_node_set_attr (node, CONFLICT_KEY, CONFLICT_QNAME, message);
  else
    {
      g_autofree char *both = g_strdup_printf ("%s; %s", old, message);

      wm_tree_node_set_attr (node, CONFLICT_KEY, CONFLICT_QNAME, both);
    }
}

static char *
value_conflict (const char *what,
                const char *o,
                const char *t)
{
  /* TRANSLATORS: a merge conflict: the attribute or text, our value, theirs */
  return g_strdup_printf (_("%s: ours “%s”, theirs “%s”"), what, shown (o), shown (t));
}

static void
merge_attrs (Merge            *m,
             const WmTreeNode *b,
             const WmTreeNode *o,
             const WmTreeNode *t,
             WmTreeNode       *out,
             GPtrArray        *notes)
{
  const WmTreeNode *sides[] = { o, t, b };

  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    for (guint i = 0; sides[s] != NULL && i < sides[s]->attrs->len; i++)
      {
        const WmTreeAttr *attr = g_ptr_array_index (sides[s]->attrs, i);
        const char *bv = wm_tree_node_get_attr (b, attr->key);
        const char *ov = wm_tree_node_get_attr (o, attr->key);
        const char *tv = wm_tree_node_get_attr (t, attr->key);
        gboolean conflict = FALSE;
        const char *v;

        if (wm_tree_node_get_attr (out, attr->key) != NULL)
          continue;
        v = pick (bv, ov, tv, &conflict);
        wm_tree_node_set_attr (out, attr->key, attr->qname, v);
        if (conflict)
          g_ptr_array_add (notes, value_conflict (attr->qname, ov, tv));
      }
}

/* ---- children, in order ------------------------------------------------ */

static GPtrArray *
keys_of (const WmTreeNode *node)
{
  GPtrArray *keys = g_ptr_array_new ();

  for (guint i = 0; node != NULL && i < node->children->len; i++)
    g_ptr_array_add (keys, ((WmTreeNode *) g_ptr_array_index (node->children, i))->key);
  return keys;
}

static GHashTable *
set_of (GPtrArray *keys)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < keys->len; i++)
    g_hash_table_add (set, keys->pdata[i]);
  return set;
}

/* The keys of @list that the other two sets hold too, in @list's order. */
static GPtrArray *
common (GPtrArray  *list,
        GHashTable *x,
        GHashTable *y)
{
  GPtrArray *keys = g_ptr_array_new ();

  for (guint i = 0; i < list->len; i++)
    if (g_hash_table_contains (x, list->pdata[i]) && g_hash_table_contains (y, list->pdata[i]))
      g_ptr_array_add (keys, list->pdata[i]);
  return keys;
}

static gboolean
same_order (GPtrArray *a,
            GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!g_str_equal (a->pdata[i], b->pdata[i]))
      return FALSE;
  return TRUE;
}

/* What @side adds to @skeleton, grouped by the skeleton key it follows
 * in @side ("" for the start): each goes after that key, past what the
 * other side put there, so where both added at one spot, ours come
 * first, then theirs. */
static void
group_additions (GPtrArray  *side,
                 GHashTable *in_skeleton,
                 GHashTable *keep,
                 GHashTable *placed,
                 GHashTable *groups)
{
  const char *anchor = "";

  for (guint i = 0; i < side->len; i++)
    {
      const char *key = side->pdata[i];
      GPtrArray *group;

      if (g_hash_table_contains (in_skeleton, key))
        {
          anchor = key;
          continue;
        }
      if (!g_hash_table_contains (keep, key) || g_hash_table_contains (placed, key))
        continue;
      g_hash_table_add (placed, (gpointer) key);
      group = g_hash_table_lookup (groups, anchor);
      if (group == NULL)
        g_hash_table_insert (groups, (gpointer) anchor, group = g_ptr_array_new ());
      g_ptr_array_add (group, (gpointer) key);
    }
}

static void
append_group (GPtrArray  *result,
              GHashTable *groups,
              const char *anchor)
{
  GPtrArray *group = g_hash_table_lookup (groups, anchor);

  for (guint i = 0; group != NULL && i < group->len; i++)
    g_ptr_array_add (result, group->pdata[i]);
}

/* Linear in the number of children, however many both sides added. */
static GPtrArray *
merged_order (GPtrArray  *bk,
              GPtrArray  *ok,
              GPtrArray  *tk,
              GHashTable *keep)
{
  g_autoptr(GHashTable) bs = set_of (bk), os = set_of (ok), ts = set_of (tk);
  g_autoptr(GPtrArray) cb = common (bk, os, ts);
  g_autoptr(GPtrArray) co = common (ok, bs, ts);
  g_autoptr(GPtrArray) ct = common (tk, bs, os);
  gboolean theirs_first = same_order (cb, co) && !same_order (cb, ct);
  GPtrArray *first = theirs_first ? tk : ok;
  g_autoptr(GPtrArray) skeleton = g_ptr_array_new ();
  g_autoptr(GHashTable) in_skeleton = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  GPtrArray *result = g_ptr_array_new ();
  GHashTable *other = theirs_first ? os : ts;

  /* The skeleton is what @first kept of the common ground; its own
   * additions are placed like the other side's, ahead of them. */
  for (guint i = 0; i < first->len; i++)
    if (g_hash_table_contains (keep, first->pdata[i]) &&
        (g_hash_table_contains (bs, first->pdata[i]) || g_hash_table_contains (other, first->pdata[i])))
      {
        g_ptr_array_add (skeleton, first->pdata[i]);
        g_hash_table_add (in_skeleton, first->pdata[i]);
      }
  group_additions (ok, in_skeleton, keep, placed, groups);
  group_additions (tk, in_skeleton, keep, placed, groups);
  append_group (result, groups, "");
  for (guint i = 0; i < skeleton->len; i++)
    {
      g_ptr_array_add (result, skeleton->pdata[i]);
      append_group (result, groups, skeleton->pdata[i]);
    }
  return result;
}

/* ---- which children stay ------------------------------------------------ */

static const char *
lane_of (const WmTreeNode *card)
{
  return card != NULL ? wm_tree_node_get_attr (card->parent, "id") : NULL;
}

static gboolean
is_card_key (const char *key)
{
  return g_str_has_prefix (key, "card#");
}

/* A child one side deleted and the other kept: gone when the other left
 * it as it was, else kept as changed, with a conflict. */
static gboolean
decide (const WmTreeNode *b,
        const WmTreeNode *o,
        const WmTreeNode *t,
        const char      **why)
{
  *why = NULL;
  if (o != NULL && t != NULL)
    return TRUE;
  if (b == NULL)
    return o != NULL || t != NULL;
  if (o == NULL && t == NULL)
    return FALSE;
  if (wm_tree_node_equal (b, o != NULL ? o : t))
    return FALSE;
  *why = o != NULL ? _("deleted by theirs, changed by ours") : _("deleted by ours, changed by theirs");
  return TRUE;
}

/* Cards move between lanes: where each one ends up is decided for the
 * whole map before any lane is merged. */
static void
decide_cards (Merge *m)
{
  GHashTable *all[] = { m->o->cards, m->t->cards, m->b->cards };

  for (guint s = 0; s < G_N_ELEMENTS (all); s++)
    {
      GHashTableIter iter;
      gpointer id;

      g_hash_table_iter_init (&iter, all[s]);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        {
          const WmTreeNode *b = g_hash_table_lookup (m->b->cards, id);
          const WmTreeNode *o = g_hash_table_lookup (m->o->cards, id);
          const WmTreeNode *t = g_hash_table_lookup (m->t->cards, id);
          gboolean conflict = FALSE;
          const char *why, *lane;

          if (g_hash_table_contains (m->card_lane, id))
            continue;
          if (!decide (b, o, t, &why))
            {
              if (b != NULL && o != NULL && t == NULL && g_strcmp0 (lane_of (b), lane_of (o)) != 0)
                why = _("deleted by theirs, changed by ours");
              else if (b != NULL && t != NULL && o == NULL && g_strcmp0 (lane_of (b), lane_of (t)) != 0)
                why = _("deleted by ours, changed by theirs");
              else
                continue;
            }
          lane = o != NULL && t != NULL ? pick (lane_of (b), lane_of (o), lane_of (t), &conflict)
                 : lane_of (o != NULL ? o : t);
          g_hash_table_insert (m->card_lane, g_strdup (id), g_strdup (lane));
          if (conflict)
            g_hash_table_insert (m->card_note, g_strdup (id),
                                 value_conflict (_("lane"), lane_of (o), lane_of (t)));
          else if (why != NULL)
            g_hash_table_insert (m->card_note, g_strdup (id), g_strdup (why));
        }
    }
}

static const WmTreeNode *
child_of (Merge            *m,
          WmTree           *tree,
          const WmTreeNode *parent,
          const char       *key)
{
  if (is_card_key (key))
    return g_hash_table_lookup (tree->cards, key + strlen ("card#"));
  return wm_tree_node_find_child (parent, key);
}

static void
merge_children (Merge            *m,
                const WmTreeNode *b,
                const WmTreeNode *o,
                const WmTreeNode *t,
                WmTreeNode       *out,
                GPtrArray        *notes)
{
  g_autoptr(GPtrArray) bk = keys_of (b), ok = keys_of (o), tk = keys_of (t);
  g_autoptr(GHashTable) keep = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) why = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = NULL;
  GPtrArray *lists[] = { ok, tk, bk };
  const char *lane = wm_tree_node_get_attr (out, "id");

  for (guint s = 0; s < G_N_ELEMENTS (lists); s++)
    for (guint i = 0; i < lists[s]->len; i++)
      {
        const char *key = lists[s]->pdata[i];
        const char *reason = NULL;

        if (is_card_key (key))
          {
            const char *id = key + strlen ("card#");

            if (g_strcmp0 (g_hash_table_lookup (m->card_lane, id), lane) != 0)
              continue;
            reason = g_hash_table_lookup (m->card_note, id);
          }
        else if (!decide (wm_tree_node_find_child (b, key), wm_tree_node_find_child (o, key),
                          wm_tree_node_find_child (t, key), &reason))
          continue;
        g_hash_table_add (keep, (gpointer) key);
        if (reason != NULL)
          g_hash_table_insert (why, (gpointer) key, (gpointer) reason);
      }

  order = merged_order (bk, ok, tk, keep);
  for (guint i = 0; i < order->len; i++)
    {
      const char *key = order->pdata[i];
      const WmTreeNode *cb = child_of (m, m->b, b, key);
      const WmTreeNode *co = child_of (m, m->o, o, key);
      const WmTreeNode *ct = child_of (m, m->t, t, key);
      const char *reason = g_hash_table_lookup (why, key);
      WmTreeNode *child;

      /* One side's alone still goes through the merge: a lane only one
       * side has may hold a card the other moved elsewhere. */
      if (co != NULL && ct != NULL)
        child = merge_node (m, cb, co, ct, notes);
      else
        child = merge_node (m, NULL, co != NULL ? co : ct, co != NULL ? co : ct, notes);
      wm_tree_node_add_child (out, child);
      if (reason != NULL)
        note (m, child, notes, reason);
    }
}

static WmTreeNode *
merge_node (Merge            *m,
            const WmTreeNode *b,
            const WmTreeNode *o,
            const WmTreeNode *t,
            GPtrArray        *up)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  WmTreeNode *out = wm_tree_node_new (o->name, o->key);
  gboolean conflict = FALSE;

  if (o->opaque != NULL || t->opaque != NULL)
    {
      out->opaque = g_strdup (pick (b != NULL ? b->opaque : NULL, o->opaque, t->opaque, &conflict));
      if (conflict)
        g_ptr_array_add (up, g_strdup (_("another tool’s element was changed on both sides")));
      return out;
    }
  merge_attrs (m, b, o, t, out, notes);
  if (o->text != NULL || t->text != NULL)
    {
      out->text = g_strdup (pick (b != NULL ? b->text : NULL, o->text, t->text, &conflict));
      if (out->text == NULL)
        out->text = g_strdup ("");
      if (conflict)
        g_ptr_array_add (notes, value_conflict (o->name, o->text, t->text));
    }
  else
    merge_children (m, b, o, t, out, notes);
  for (guint i = 0; i < notes->len; i++)
    note (m, out, up, notes->pdata[i]);
  return out;
}

/* ---- references --------------------------------------------------------- */

static const char *const map_order[] = {
  "title", "scenario", "persona", "stage", "lane", "curve", "moment",
};

static int
rank_of (const WmTreeNode *node)
{
  for (guint i = 0; node->name != NULL && i < G_N_ELEMENTS (map_order); i++)
    if (g_str_equal (node->name, map_order[i]))
      return i;
  return -1;
}

/* The format's order of the map's children, whatever order the two
 * sides' insertions made; another tool's element stays before the child
 * it preceded. */
static void
sort_children (WmTreeNode *root)
{
  GPtrArray *children = root->children;
  g_autofree int *ranks = g_new (int, children->len + 1);
  int next = G_N_ELEMENTS (map_order);

  for (guint i = children->len; i > 0; i--)
    {
      int rank = rank_of (children->pdata[i - 1]);

      ranks[i - 1] = next = rank >= 0 ? rank : next;
    }
  for (guint i = 1; i < children->len; i++)
    for (guint j = i; j > 0 && ranks[j - 1] > ranks[j]; j--)
      {
        gpointer node = children->pdata[j];
        int rank = ranks[j];

        children->pdata[j] = children->pdata[j - 1], ranks[j] = ranks[j - 1];
        children->pdata[j - 1] = node, ranks[j - 1] = rank;
      }
}

static void
collect_references (const WmTreeNode *node,
                    GPtrArray        *keys)
{
  static const char *const refs[][2] = {
    { "card", "stage" }, { "point", "stage" }, { "moment", "stage" },
    { "moment", "persona" }, { "curve", "persona" },
  };

  for (guint i = 0; node->name != NULL && i < G_N_ELEMENTS (refs); i++)
    {
      const char *id = wm_tree_node_get_attr (node, refs[i][1]);

      if (g_str_equal (node->name, refs[i][0]) && id != NULL)
        g_ptr_array_add (keys, g_strdup_printf ("%s#%s", refs[i][1], id));
    }
  for (guint i = 0; i < node->children->len; i++)
    collect_references (g_ptr_array_index (node->children, i), keys);
}

/* A stage or persona one side deleted while the other still uses it
 * comes back, marked: a card naming a missing stage would not open. */
static void
restore_references (Merge      *m,
                    WmTreeNode *root,
                    GPtrArray  *notes)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  collect_references (root, keys);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = keys->pdata[i];
      const WmTreeNode *from = wm_tree_node_find_child (m->o->root, key);
      WmTreeNode *back;

      if (wm_tree_node_find_child (root, key) != NULL)
        continue;
      if (from == NULL)
        from = wm_tree_node_find_child (m->t->root, key);
      if (from == NULL)
        from = wm_tree_node_find_child (m->b->root, key);
      if (from == NULL)
        continue;
      back = merge_node (m, NULL, from, from, notes);
      wm_tree_node_add_child (root, back);
      note (m, back, notes, _("deleted on one side, still used on the other"));
    }
  sort_children (root);
}

/* ---- the result ---------------------------------------------------------- */

static void
merge_namespaces (GPtrArray *into,
                  GPtrArray *from)
{
  for (guint i = 0; i + 1 < from->len; i += 2)
    {
      gboolean known = FALSE;

      for (guint j = 0; j + 1 < into->len && !known; j += 2)
        known = g_str_equal (into->pdata[j], from->pdata[i]);
      if (known)
        continue;
      g_ptr_array_add (into, g_strdup (from->pdata[i]));
      g_ptr_array_add (into, g_strdup (from->pdata[i + 1]));
    }
}

WmDocument *
wm_merge (WmDocument  *base,
          WmDocument  *ours,
          WmDocument  *theirs,
          GPtrArray   *conflicts,
          GError     **error)
{
  g_autoptr(WmTree) b = wm_tree_new_from_document (base, error);
  g_autoptr(WmTree) o = b != NULL ? wm_tree_new_from_document (ours, error) : NULL;
  g_autoptr(WmTree) t = o != NULL ? wm_tree_new_from_document (theirs, error) : NULL;
  g_autoptr(GPtrArray) namespaces = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) card_lane = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) card_note = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) own = g_ptr_array_new_with_free_func (g_free);
  Merge m = { b, o, t, card_lane, card_note, conflicts != NULL ? conflicts : own };
  g_autoptr(GError) local = NULL;
  WmTreeNode *root;
  g_autofree char *xml = NULL;
  WmDocument *merged;

  if (t == NULL)
    return NULL;
  decide_cards (&m);
  root = merge_node (&m, b->root, o->root, t->root, notes);
  restore_references (&m, root, notes);
  merge_namespaces (namespaces, o->namespaces);
  merge_namespaces (namespaces, t->namespaces);
  merge_namespaces (namespaces, b->namespaces);
  if (m.conflicts->len > 0)
    {
      g_autoptr(GPtrArray) mine = g_ptr_array_new ();

      g_ptr_array_add (mine, (gpointer) WM_MERGE_PREFIX);
      g_ptr_array_add (mine, (gpointer) WM_MERGE_NAMESPACE);
      merge_namespaces (namespaces, mine);
    }
  xml = wm_tree_to_xml (root, namespaces);
  wm_tree_node_free (root);
  merged = wm_reader_load_data (xml, strlen (xml), _("merged map"), &local);
  if (merged == NULL)
    g_set_error (error, WM_ERROR, WM_ERROR_INVALID,
                 _("The versions cannot be merged into a valid map: %s"), local->message);
  return merged;
}

const char *
wm_merge_get_conflict (WmDocument *document,
                       gpointer    item)
{
  GPtrArray *namespaces = wm_document_get_namespaces (document);
  WmForeign *foreign;

  if (!wm_item_has_foreign (WM_ITEM (item)))
    return NULL;
  foreign = wm_item_get_foreign (WM_ITEM (item));
  for (guint i = 0; i < foreign->attrs->len; i++)
    {
      const WmForeignAttr *attr = g_ptr_array_index (foreign->attrs, i);

      if (!g_str_equal (attr->name, "conflict"))
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
