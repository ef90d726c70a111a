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

/* What a conflict leaves for the app to take back (data/waymark-format.md). */
typedef enum
{
  NOTE_PLAIN,    /* nothing to take from theirs: the message alone */
  NOTE_VALUE,    /* theirs had @theirs as @name (NULL: nothing) */
  NOTE_DELETED,  /* @name ("ours", "theirs") deleted what the other changed */
  NOTE_ORDER,    /* theirs ordered the children as @theirs (keys) */
} NoteKind;

typedef struct
{
  NoteKind kind;
  char    *message;
  char    *name;
  char    *theirs;
} Note;

typedef struct
{
  WmTree     *b, *o, *t;
  GHashTable *card_lane;  /* card id → lane id it ends up in */
  GHashTable *card_note;  /* card id → Note*, why it is a conflict */
  GHashTable *pending;    /* WmTreeNode* → GPtrArray of Note*, written last */
  GPtrArray  *conflicts;
} Merge;

static WmTreeNode *merge_node (Merge *m, const WmTreeNode *b, const WmTreeNode *o,
                               const WmTreeNode *t, GPtrArray *up);

static Note *
note_new (NoteKind    kind,
          char       *message,
          const char *name,
          const char *theirs)
{
  Note *n = g_new0 (Note, 1);

  n->kind = kind;
  n->message = message;
  n->name = g_strdup (name);
  n->theirs = g_strdup (theirs);
  return n;
}

static Note *
note_copy (const Note *n)
{
  return note_new (n->kind, g_strdup (n->message), n->name, n->theirs);
}

static void
note_free (gpointer data)
{
  Note *n = data;

  if (n == NULL)
    return;
  g_free (n->message);
  g_free (n->name);
  g_free (n->theirs);
  g_free (n);
}

static GPtrArray *
notes_new (void)
{
  return g_ptr_array_new_with_free_func (note_free);
}

static Note *
plain_note (const char *message)
{
  return note_new (NOTE_PLAIN, g_strdup (message), NULL, NULL);
}

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
 * parent: that is what the format can carry an attribute on. The
 * attributes are written once all is merged (write_notes()). */
static void
note (Merge      *m,
      WmTreeNode *node,
      GPtrArray  *up,
      Note       *n)
{
  g_autofree char *what = NULL;
  GPtrArray *notes;

  if (!wm_tree_node_is_item (node))
    {
      g_ptr_array_add (up, n);
      return;
    }
  what = describe (node);
  g_ptr_array_add (m->conflicts, g_strdup_printf ("%s: %s", what, n->message));
  notes = g_hash_table_lookup (m->pending, node);
  if (notes == NULL)
    g_hash_table_insert (m->pending, node, notes = notes_new ());
  g_ptr_array_add (notes, n);
}

static Note *
value_note (const char *name,
            const char *what,
            const char *o,
            const char *t)
{
  /* TRANSLATORS: a merge conflict: the attribute or text, our value, theirs */
  char *message = g_strdup_printf (_("%s: ours “%s”, theirs “%s”"), what, shown (o), shown (t));

  return note_new (NOTE_VALUE, message, name, t);
}

/* Where the attributes are many (another tool's), a table: looking each
 * one up in the others' lists would be quadratic. */
typedef struct
{
  const WmTreeNode *node;
  GHashTable       *table;
} Attrs;

static void
attrs_init (Attrs            *attrs,
            const WmTreeNode *node)
{
  attrs->node = node;
  attrs->table = NULL;
  if (node == NULL || node->attrs->len <= 8)
    return;
  attrs->table = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < node->attrs->len; i++)
    {
      const WmTreeAttr *attr = g_ptr_array_index (node->attrs, i);

      g_hash_table_insert (attrs->table, attr->key, attr->value);
    }
}

static const char *
attrs_get (const Attrs *attrs,
           const char  *key)
{
  if (attrs->table != NULL)
    return g_hash_table_lookup (attrs->table, key);
  return wm_tree_node_get_attr (attrs->node, key);
}

static void
attrs_clear (Attrs *attrs)
{
  g_clear_pointer (&attrs->table, g_hash_table_unref);
}

static void
merge_attrs (const WmTreeNode *b,
             const WmTreeNode *o,
             const WmTreeNode *t,
             WmTreeNode       *out,
             GPtrArray        *notes)
{
  const WmTreeNode *sides[] = { o, t, b };
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);
  Attrs ba, oa, ta;

  attrs_init (&ba, b), attrs_init (&oa, o), attrs_init (&ta, t);
  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    for (guint i = 0; sides[s] != NULL && i < sides[s]->attrs->len; i++)
      {
        const WmTreeAttr *attr = g_ptr_array_index (sides[s]->attrs, i);
        const char *ov = attrs_get (&oa, attr->key);
        const char *tv = attrs_get (&ta, attr->key);
        gboolean conflict = FALSE;
        const char *v;

        if (!g_hash_table_add (done, attr->key))
          continue;
        v = pick (attrs_get (&ba, attr->key), ov, tv, &conflict);
        if (v != NULL)
          wm_tree_node_append_attr (out, attr->key, attr->qname, v);
        if (conflict)
          g_ptr_array_add (notes, value_note (attr->qname, attr->qname, ov, tv));
      }
  attrs_clear (&ba), attrs_clear (&oa), attrs_clear (&ta);
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

/* The keys of @keys by kind ("card", "stage"…; another tool's are one
 * kind, ""), each kind in @keys' order. */
static GHashTable *
by_kind (GPtrArray *keys)
{
  GHashTable *kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = keys->pdata[i];
      g_autofree char *kind = g_strndup (key, key[0] == '{' ? 0 : strcspn (key, "#"));
      GPtrArray *list = g_hash_table_lookup (kinds, kind);

      if (list == NULL)
        g_hash_table_insert (kinds, g_steal_pointer (&kind), list = g_ptr_array_new ());
      g_ptr_array_add (list, (gpointer) key);
    }
  return kinds;
}

static char *
joined (GPtrArray *keys)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < keys->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? " " : "", (char *) keys->pdata[i]);
  return g_string_free (text, FALSE);
}

/* Each kind of child in the order the side that reordered it gave: in
 * @swap, the key ours has at a place → the key theirs puts there. Where
 * both reordered one kind differently, ours stays and that is a
 * conflict; where they reordered different kinds (stages and lanes), both
 * are taken. */
static void
reorders (GPtrArray  *cb,
          GPtrArray  *co,
          GPtrArray  *ct,
          GHashTable *swap,
          GPtrArray  *notes)
{
  g_autoptr(GHashTable) kb = by_kind (cb), ko = by_kind (co), kt = by_kind (ct);
  GHashTableIter iter;
  gpointer kind, list;

  g_hash_table_iter_init (&iter, kb);
  while (g_hash_table_iter_next (&iter, &kind, &list))
    {
      GPtrArray *lo = g_hash_table_lookup (ko, kind);
      GPtrArray *lt = g_hash_table_lookup (kt, kind);

      if (same_order (list, lt))
        continue;
      if (same_order (list, lo))
        for (guint i = 0; i < lo->len; i++)
          g_hash_table_insert (swap, lo->pdata[i], lt->pdata[i]);
      else if (!same_order (lo, lt) && *(char *) kind != '\0')
        {
          g_autofree char *order = joined (lt);
          /* TRANSLATORS: a merge conflict; %s is an element name (card, stage…) */
          char *message = g_strdup_printf (_("order of the %s elements: changed differently on both sides, ours kept"),
                                           (char *) kind);

          g_ptr_array_add (notes, note_new (NOTE_ORDER, message, "order", order));
        }
    }
}

/* Linear in the number of children, however many both sides added. */
static GPtrArray *
merged_order (GPtrArray  *bk,
              GPtrArray  *ok,
              GPtrArray  *tk,
              GHashTable *keep,
              GPtrArray  *notes)
{
  g_autoptr(GHashTable) bs = set_of (bk), ts = set_of (tk), os = set_of (ok);
  g_autoptr(GPtrArray) cb = common (bk, os, ts);
  g_autoptr(GPtrArray) co = common (ok, bs, ts);
  g_autoptr(GPtrArray) ct = common (tk, bs, os);
  g_autoptr(GPtrArray) skeleton = g_ptr_array_new ();
  g_autoptr(GHashTable) swap = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) in_skeleton = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  GPtrArray *result = g_ptr_array_new ();

  /* The skeleton is what ours kept of the common ground, each kind in
   * the order of the side that reordered it; additions are placed after
   * the key they follow on their side, ours ahead of theirs. */
  reorders (cb, co, ct, swap, notes);
  for (guint i = 0; i < ok->len; i++)
    if (g_hash_table_contains (keep, ok->pdata[i]) &&
        (g_hash_table_contains (bs, ok->pdata[i]) || g_hash_table_contains (ts, ok->pdata[i])))
      {
        gpointer key = g_hash_table_lookup (swap, ok->pdata[i]);

        key = key != NULL ? key : ok->pdata[i];
        g_ptr_array_add (skeleton, key);
        g_hash_table_add (in_skeleton, key);
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
 * it as it was, else kept as changed, with a conflict: @deleted_by says
 * which side deleted it ("ours", "theirs"). */
static gboolean
decide (const WmTreeNode *b,
        const WmTreeNode *o,
        const WmTreeNode *t,
        const char      **deleted_by)
{
  *deleted_by = NULL;
  if (o != NULL && t != NULL)
    return TRUE;
  if (b == NULL)
    return o != NULL || t != NULL;
  if (o == NULL && t == NULL)
    return FALSE;
  if (wm_tree_node_equal (b, o != NULL ? o : t))
    return FALSE;
  *deleted_by = o != NULL ? "theirs" : "ours";
  return TRUE;
}

static Note *
deleted_note (const char *deleted_by)
{
  const char *message = g_str_equal (deleted_by, "theirs") ? _("deleted by theirs, changed by ours")
                                                           : _("deleted by ours, changed by theirs");

  return note_new (NOTE_DELETED, g_strdup (message), deleted_by, NULL);
}

/* Cards move between lanes: where each one ends up is decided for the
 * whole map before any lane is merged. */
static void
decide_card (Merge      *m,
             const char *id)
{
  const WmTreeNode *b = g_hash_table_lookup (m->b->cards, id);
  const WmTreeNode *o = g_hash_table_lookup (m->o->cards, id);
  const WmTreeNode *t = g_hash_table_lookup (m->t->cards, id);
  gboolean conflict = FALSE;
  const char *by, *lane;

  if (!decide (b, o, t, &by))
    {
      if (b != NULL && o != NULL && t == NULL && g_strcmp0 (lane_of (b), lane_of (o)) != 0)
        by = "theirs";
      else if (b != NULL && t != NULL && o == NULL && g_strcmp0 (lane_of (b), lane_of (t)) != 0)
        by = "ours";
      else
        return;
    }
  lane = o != NULL && t != NULL ? pick (lane_of (b), lane_of (o), lane_of (t), &conflict)
         : lane_of (o != NULL ? o : t);
  g_hash_table_insert (m->card_lane, g_strdup (id), g_strdup (lane));
  if (conflict)
    g_hash_table_insert (m->card_note, g_strdup (id),
                         value_note ("lane", _("lane"), lane_of (o), lane_of (t)));
  else if (by != NULL)
    g_hash_table_insert (m->card_note, g_strdup (id), deleted_note (by));
}

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
        if (!g_hash_table_contains (m->card_lane, id))
          decide_card (m, id);
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

/* A text (a card's, a stage's title…) one side deleted and the other
 * changed is a value of its item like an attribute: ours stays, theirs is
 * noted. */
static gboolean
keep_text (const WmTreeNode *o,
           const WmTreeNode *t,
           GPtrArray        *notes)
{
  const WmTreeNode *one = o != NULL ? o : t;

  g_ptr_array_add (notes, value_note (one->key, one->name, o != NULL ? o->text : NULL,
                                      t != NULL ? t->text : NULL));
  return o != NULL;
}

/* Which children stay, and why those in conflict do (a Note*). */
static void
choose_children (Merge            *m,
                 const WmTreeNode *b,
                 const WmTreeNode *o,
                 const WmTreeNode *t,
                 const char       *lane,
                 GPtrArray        *lists[3],
                 GHashTable       *keep,
                 GHashTable       *why,
                 GPtrArray        *notes)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint s = 0; s < 3; s++)
    for (guint i = 0; i < lists[s]->len; i++)
      {
        const char *key = lists[s]->pdata[i];
        const WmTreeNode *co, *ct;
        const char *by = NULL;

        if (!g_hash_table_add (seen, (gpointer) key))
          continue;
        if (is_card_key (key))
          {
            const char *id = key + strlen ("card#");

            if (g_strcmp0 (g_hash_table_lookup (m->card_lane, id), lane) != 0)
              continue;
            g_hash_table_add (keep, (gpointer) key);
            if (g_hash_table_contains (m->card_note, id))
              g_hash_table_insert (why, (gpointer) key, g_hash_table_lookup (m->card_note, id));
            continue;
          }
        co = wm_tree_node_find_child (o, key), ct = wm_tree_node_find_child (t, key);
        if (!decide (wm_tree_node_find_child (b, key), co, ct, &by))
          continue;
        if (by != NULL && (co != NULL ? co : ct)->text != NULL && !keep_text (co, ct, notes))
          continue;
        g_hash_table_add (keep, (gpointer) key);
        if (by != NULL && (co != NULL ? co : ct)->text == NULL)
          {
            Note *n = deleted_note (by);

            /* Another tool's element: only its parent could be deleted. */
            if ((co != NULL ? co : ct)->name == NULL)
              n->kind = NOTE_PLAIN;
            g_hash_table_insert (why, (gpointer) key, n);
          }
      }
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

  choose_children (m, b, o, t, wm_tree_node_get_attr (out, "id"), lists, keep, why, notes);
  order = merged_order (bk, ok, tk, keep, notes);
  for (guint i = 0; i < order->len; i++)
    {
      const char *key = order->pdata[i];
      const WmTreeNode *cb = child_of (m, m->b, b, key);
      const WmTreeNode *co = child_of (m, m->o, o, key);
      const WmTreeNode *ct = child_of (m, m->t, t, key);
      Note *reason = g_hash_table_lookup (why, key);
      WmTreeNode *child;

      /* One side's alone still goes through the merge: a lane only one
       * side has may hold a card the other moved elsewhere. */
      if (co != NULL && ct != NULL)
        child = merge_node (m, cb, co, ct, notes);
      else
        child = merge_node (m, NULL, co != NULL ? co : ct, co != NULL ? co : ct, notes);
      wm_tree_node_add_child (out, child);
      if (reason != NULL)
        note (m, child, notes, is_card_key (key) ? note_copy (reason) : reason);
    }
}

static WmTreeNode *
merge_node (Merge            *m,
            const WmTreeNode *b,
            const WmTreeNode *o,
            const WmTreeNode *t,
            GPtrArray        *up)
{
  g_autoptr(GPtrArray) notes = notes_new ();
  WmTreeNode *out = wm_tree_node_new (o->name, o->key);
  gboolean conflict = FALSE;

  if (o->opaque != NULL || t->opaque != NULL)
    {
      out->opaque = g_strdup (pick (b != NULL ? b->opaque : NULL, o->opaque, t->opaque, &conflict));
      if (conflict)
        g_ptr_array_add (up, plain_note (_("another tool’s element was changed on both sides")));
      return out;
    }
  merge_attrs (b, o, t, out, notes);
  if (o->text != NULL || t->text != NULL)
    {
      out->text = g_strdup (pick (b != NULL ? b->text : NULL, o->text, t->text, &conflict));
      if (out->text == NULL)
        out->text = g_strdup ("");
      if (conflict)
        g_ptr_array_add (notes, value_note (o->key, o->name, o->text, t->text));
    }
  else
    merge_children (m, b, o, t, out, notes);
  for (guint i = 0; i < notes->len; i++)
    note (m, out, up, g_steal_pointer (&notes->pdata[i]));
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
      note (m, back, notes, plain_note (_("deleted on one side, still used on the other")));
    }
  sort_children (root);
}

/* ---- the result ---------------------------------------------------------- */

static const char *
prefix_of (GPtrArray  *namespaces,
           const char *href)
{
  for (guint i = 0; i + 1 < namespaces->len; i += 2)
    if (g_str_equal (namespaces->pdata[i + 1], href))
      return namespaces->pdata[i];
  return NULL;
}

static const char *
href_of (GPtrArray  *namespaces,
         const char *prefix)
{
  for (guint i = 0; i + 1 < namespaces->len; i += 2)
    if (g_str_equal (namespaces->pdata[i], prefix))
      return namespaces->pdata[i + 1];
  return NULL;
}

/* @prefix, or the first of prefix2, prefix3… that neither list binds. */
static char *
free_prefix (GPtrArray  *into,
             GPtrArray  *side,
             const char *prefix)
{
  char *name = g_strdup (prefix);

  for (guint n = 2; href_of (into, name) != NULL || (side != NULL && href_of (side, name) != NULL); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s%u", prefix, n);
    }
  return name;
}

/* @tree's namespaces added to @into. A prefix @into binds to another
 * namespace is renamed in @tree (as XML allows: the namespace is what
 * counts), so that both sides' annotations survive; with @tree NULL such
 * a prefix is left out. */
static void
merge_namespaces (GPtrArray *into,
                  GPtrArray *from,
                  WmTree    *tree)
{
  for (guint i = 0; i + 1 < from->len; i += 2)
    {
      const char *prefix = from->pdata[i], *href = from->pdata[i + 1];
      const char *bound = href_of (into, prefix);
      g_autofree char *renamed = NULL;

      if (g_strcmp0 (bound, href) == 0 || (bound != NULL && tree == NULL))
        continue;
      if (bound != NULL)
        {
          renamed = free_prefix (into, from, prefix);
          wm_tree_rename_prefix (tree, prefix, renamed, href);
        }
      g_ptr_array_add (into, g_strdup (renamed != NULL ? renamed : prefix));
      g_ptr_array_add (into, g_strdup (href));
    }
}

static char *
encoded_name (const char *name)
{
  char *encoded = g_strdup (name);

  g_strdelimit (encoded, ":#", '.');
  return encoded;
}

static void
append_merge_attr (WmTreeNode *node,
                   GHashTable *used,
                   const char *prefix,
                   const char *local,
                   const char *value)
{
  g_autofree char *key = g_strdup_printf ("{%s}%s", WM_MERGE_NAMESPACE, local);
  g_autofree char *qname = g_strdup_printf ("%s:%s", prefix, local);

  if (g_hash_table_add (used, g_strdup (key)))
    wm_tree_node_append_attr (node, key, qname, value);
}

static void
append_list (GString    *list,
             const char *item)
{
  if (list->len > 0)
    g_string_append_c (list, ' ');
  g_string_append (list, item);
}

/* The conflicts of one item as attributes: the message for people, and
 * what theirs had, for the app to take it back exactly (see
 * data/waymark-format.md). */
static void
write_notes (WmTreeNode *node,
             GPtrArray  *notes,
             const char *prefix)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) message = g_string_new (NULL);
  g_autoptr(GString) absent = g_string_new (NULL);
  g_autoptr(GString) order = g_string_new (NULL);
  g_autoptr(GPtrArray) values = notes_new ();
  const char *deleted_by = NULL;

  wm_tree_node_remove_namespace (node, WM_MERGE_NAMESPACE);
  for (guint i = 0; i < notes->len; i++)
    {
      const Note *n = notes->pdata[i];
      g_autofree char *name = n->name != NULL ? encoded_name (n->name) : NULL;

      g_string_append_printf (message, "%s%s", i > 0 ? "; " : "", n->message);
      if (n->kind == NOTE_VALUE && n->theirs == NULL)
        append_list (absent, name);
      else if (n->kind == NOTE_VALUE)
        g_ptr_array_add (values, note_new (NOTE_VALUE, g_strconcat ("theirs-", name, NULL), NULL, n->theirs));
      else if (n->kind == NOTE_DELETED)
        deleted_by = n->name;
      else if (n->kind == NOTE_ORDER)
        append_list (order, n->theirs);
    }
  append_merge_attr (node, used, prefix, "conflict", message->str);
  if (deleted_by != NULL)
    append_merge_attr (node, used, prefix, "deleted-by", deleted_by);
  for (guint i = 0; i < values->len; i++)
    {
      const Note *v = values->pdata[i];

      append_merge_attr (node, used, prefix, v->message, v->theirs);
    }
  if (absent->len > 0)
    append_merge_attr (node, used, prefix, "theirs-absent", absent->str);
  if (order->len > 0)
    append_merge_attr (node, used, prefix, "theirs-order", order->str);
}

/* The namespaces of the merged map: ours, then theirs' and the base's
 * that ours does not bind (theirs' prefixes renamed where they clash). */
static void
merge_all_namespaces (Merge     *m,
                      GPtrArray *namespaces)
{
  merge_namespaces (namespaces, m->o->namespaces, NULL);
  merge_namespaces (namespaces, m->t->namespaces, m->t);
  merge_namespaces (namespaces, m->b->namespaces, NULL);
}

/* With the merge's own namespace, where there are conflicts. */
static void
write_all_notes (Merge     *m,
                 GPtrArray *namespaces)
{
  const char *prefix;
  GHashTableIter iter;
  gpointer node, notes;

  if (g_hash_table_size (m->pending) == 0)
    return;
  prefix = prefix_of (namespaces, WM_MERGE_NAMESPACE);
  if (prefix == NULL)
    {
      g_ptr_array_add (namespaces, free_prefix (namespaces, NULL, WM_MERGE_PREFIX));
      g_ptr_array_add (namespaces, g_strdup (WM_MERGE_NAMESPACE));
      prefix = namespaces->pdata[namespaces->len - 2];
    }
  g_hash_table_iter_init (&iter, m->pending);
  while (g_hash_table_iter_next (&iter, &node, &notes))
    write_notes (node, notes, prefix);
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
  g_autoptr(GPtrArray) notes = notes_new ();
  g_autoptr(GHashTable) card_lane = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) card_note = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, note_free);
  g_autoptr(GHashTable) pending = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) own = g_ptr_array_new_with_free_func (g_free);
  Merge m = { b, o, t, card_lane, card_note, pending, conflicts != NULL ? conflicts : own };
  g_autoptr(GError) local = NULL;
  WmTreeNode *root;
  g_autofree char *xml = NULL;
  WmDocument *merged;

  if (t == NULL)
    return NULL;
  /* Before the merge: theirs' attributes come out with the prefixes the
   * merged map declares. */
  merge_all_namespaces (&m, namespaces);
  decide_cards (&m);
  root = merge_node (&m, b->root, o->root, t->root, notes);
  restore_references (&m, root, notes);
  write_all_notes (&m, namespaces);
  xml = wm_tree_to_xml (root, namespaces);
  wm_tree_node_free (root);
  merged = wm_reader_load_data (xml, strlen (xml), _("merged map"), &local);
  if (merged == NULL)
    g_set_error (error, WM_ERROR, WM_ERROR_INVALID,
                 _("The versions cannot be merged into a valid map: %s"), local->message);
  return merged;
}
