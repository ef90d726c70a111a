/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <string.h>

#include "wm-search.h"

typedef struct
{
  char *source;   /* the item's searched fields, as last folded */
  gsize length;
  char *folded;   /* each field folded, NUL after each */
  gsize folded_length;
  guint64 serial;  /* a card's change serial when folded, else 0 */
} Entry;

struct _WmSearch
{
  GObject     parent_instance;

  WmDocument *document;
  gulong      changed_id;
  gboolean    dirty;

  char       *query;      /* folded */
  char       *raw_query;

  GPtrArray  *order;      /* GObject*, borrowed: every item, reading order */
  GHashTable *entries;    /* GObject* → Entry */
  GPtrArray  *hits;       /* GObject*, borrowed */
  GHashTable *hit_index;  /* GObject* → index + 1 */
};

G_DEFINE_FINAL_TYPE (WmSearch, wm_search, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_HITS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->source);
  g_free (entry->folded);
  g_free (entry);
}

/* Ignoring case and width: NFKC, then case folding. */
static char *
fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normal != NULL ? normal : text, -1);
}

static void
append_field (GString    *out,
              const char *text)
{
  if (text == NULL || text[0] == '\0')
    return;
  /* A NUL after each field: no query matches across two of them. */
  g_string_append (out, text);
  g_string_append_c (out, '\0');
}

static GString *
item_source (GObject *item)
{
  GString *out = g_string_new (NULL);

  if (WM_IS_CARD (item))
    {
      append_field (out, wm_card_get_text (WM_CARD (item)));
      append_field (out, wm_card_get_channel (WM_CARD (item)));
      append_field (out, wm_card_get_owner (WM_CARD (item)));
    }
  else if (WM_IS_STAGE (item))
    {
      append_field (out, wm_stage_get_title (WM_STAGE (item)));
      append_field (out, wm_stage_get_goal (WM_STAGE (item)));
    }
  else if (WM_IS_LANE (item))
    append_field (out, wm_lane_get_title (WM_LANE (item)));
  else if (WM_IS_MOMENT (item))
    append_field (out, wm_moment_get_text (WM_MOMENT (item)));
  else if (WM_IS_PERSONA (item))
    {
      const char * const *goals = wm_persona_get_goals (WM_PERSONA (item));

      append_field (out, wm_persona_get_name (WM_PERSONA (item)));
      append_field (out, wm_persona_get_description (WM_PERSONA (item)));
      for (guint i = 0; goals != NULL && goals[i] != NULL; i++)
        append_field (out, goals[i]);
    }

  return out;
}

typedef struct
{
  GObject *item;
  int      stage;
  guint    position;
} Placed;

static int
compare_placed (gconstpointer a,
                gconstpointer b)
{
  const Placed *x = a, *y = b;

  if (x->stage != y->stage)
    return x->stage < y->stage ? -1 : 1;
  return x->position < y->position ? -1 : x->position > y->position;
}

/* @items (cards or moments) appended by stage,
 * keeping their own order within a stage. */
static void
append_by_stage (WmSearch   *self,
                 GHashTable *stages,
                 GListStore *items)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (items));
  g_autoptr(GArray) placed = g_array_sized_new (FALSE, FALSE, sizeof (Placed), n);

  for (guint i = 0; i < n; i++)
    {
      GObject *item = wm_list_peek (items, i);
      const char *stage = WM_IS_CARD (item) ? wm_card_get_stage (WM_CARD (item))
                                            : wm_moment_get_stage (WM_MOMENT (item));
      Placed p = { item, 0, i };

      p.stage = stage != NULL ? GPOINTER_TO_INT (g_hash_table_lookup (stages, stage)) : 0;
      g_array_append_val (placed, p);
    }
  g_array_sort (placed, compare_placed);
  for (guint i = 0; i < placed->len; i++)
    g_ptr_array_add (self->order, g_array_index (placed, Placed, i).item);
}

static void
append_all (WmSearch   *self,
            GListStore *items)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (items)); i++)
    g_ptr_array_add (self->order, wm_list_peek (items, i));
}

static void
collect_order (WmSearch *self)
{
  GListStore *lanes = wm_document_get_lanes (self->document);
  GListStore *moments = wm_document_get_moments (self->document);
  GListStore *stage_list = wm_document_get_stages (self->document);
  g_autoptr(GHashTable) stages = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean moments_placed = FALSE;

  /* Stage id → index + 1 (0: none), so placing a card costs no scan. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (stage_list)); i++)
    g_hash_table_insert (stages, (gpointer) wm_item_get_id (wm_list_peek (stage_list, i)),
                         GINT_TO_POINTER (i + 1));

  g_ptr_array_set_size (self->order, 0);
  append_all (self, wm_document_get_stages (self->document));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (lanes)); i++)
    {
      WmLane *lane = wm_list_peek (lanes, i);

      g_ptr_array_add (self->order, lane);
      append_by_stage (self, stages, wm_lane_get_cards (lane));
      if (wm_lane_get_kind (lane) == WM_LANE_EMOTION && !moments_placed)
        {
          append_by_stage (self, stages, moments);
          moments_placed = TRUE;
        }
    }
  if (!moments_placed)
    append_by_stage (self, stages, moments);
  append_all (self, wm_document_get_personas (self->document));
}

static Entry *
new_entry (GString *source)
{
  Entry *entry = g_new0 (Entry, 1);
  GString *folded = g_string_sized_new (source->len);

  for (const char *p = source->str; p < source->str + source->len; p += strlen (p) + 1)
    {
      g_autofree char *field = fold (p);

      g_string_append_len (folded, field, strlen (field) + 1);
    }
  entry->source = g_memdup2 (source->str, source->len);
  entry->length = source->len;
  entry->folded_length = folded->len;
  entry->folded = g_string_free (folded, FALSE);
  return entry;
}

static gboolean
entry_matches (const Entry *entry,
               const char  *query)
{
  const char *end = entry->folded + entry->folded_length;

  for (const char *field = entry->folded; field < end; field += strlen (field) + 1)
    if (strstr (field, query) != NULL)
      return TRUE;
  return FALSE;
}

/* Refolds only the items whose text changed; forgets removed ones. */
static void
refresh_entries (WmSearch *self)
{
  g_autoptr(GHashTable) kept = g_hash_table_new_full (NULL, NULL, NULL, entry_free);

  collect_order (self);
  for (guint i = 0; i < self->order->len; i++)
    {
      GObject *item = g_ptr_array_index (self->order, i);
      gpointer old_key;
      Entry *entry = NULL;
      GString *source;

      /* A card whose change serial is the same has the same text: most
       * of a big map, after an edit of one card. */
      if (g_hash_table_steal_extended (self->entries, item, &old_key, (gpointer *) &entry) &&
          entry->serial != 0 && entry->serial == wm_card_get_serial (WM_CARD (item)))
        {
          g_hash_table_insert (kept, item, entry);
          continue;
        }

      source = item_source (item);
      if (entry != NULL &&
          (entry->length != source->len ||
           (source->len > 0 && memcmp (entry->source, source->str, source->len) != 0)))
        g_clear_pointer (&entry, entry_free);
      if (entry == NULL)
        entry = new_entry (source);
      entry->serial = WM_IS_CARD (item) ? wm_card_get_serial (WM_CARD (item)) : 0;
      g_string_free (source, TRUE);
      g_hash_table_insert (kept, item, entry);
    }
  g_hash_table_unref (self->entries);
  self->entries = g_steal_pointer (&kept);
  self->dirty = FALSE;
}

static void
find_hits (WmSearch *self)
{
  guint before = self->hits->len;

  if (self->dirty)
    refresh_entries (self);

  g_ptr_array_set_size (self->hits, 0);
  g_hash_table_remove_all (self->hit_index);
  if (self->query != NULL && self->query[0] != '\0')
    for (guint i = 0; i < self->order->len; i++)
      {
        GObject *item = g_ptr_array_index (self->order, i);
        Entry *entry = g_hash_table_lookup (self->entries, item);

        if (entry_matches (entry, self->query))
          {
            g_ptr_array_add (self->hits, item);
            g_hash_table_insert (self->hit_index, item, GUINT_TO_POINTER (self->hits->len));
          }
      }

  if (before != self->hits->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_HITS]);
}

static void
document_changed_cb (WmSearch *self)
{
  self->dirty = TRUE;
  if (self->query != NULL)
    find_hits (self);
}

static void
wm_search_finalize (GObject *object)
{
  WmSearch *self = WM_SEARCH (object);

  g_clear_signal_handler (&self->changed_id, self->document);
  g_clear_object (&self->document);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->raw_query, g_free);
  g_clear_pointer (&self->order, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->hits, g_ptr_array_unref);
  g_clear_pointer (&self->hit_index, g_hash_table_unref);

  G_OBJECT_CLASS (wm_search_parent_class)->finalize (object);
}

static void
wm_search_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  WmSearch *self = WM_SEARCH (object);

  switch (prop_id)
    {
    case PROP_N_HITS:
      g_value_set_uint (value, self->hits->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_search_class_init (WmSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wm_search_finalize;
  object_class->get_property = wm_search_get_property;

  properties[PROP_N_HITS] =
    g_param_spec_uint ("n-hits", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_search_init (WmSearch *self)
{
  self->order = g_ptr_array_new ();
  self->entries = g_hash_table_new_full (NULL, NULL, NULL, entry_free);
  self->hits = g_ptr_array_new ();
  self->hit_index = g_hash_table_new (NULL, NULL);
  self->dirty = TRUE;
}

WmSearch *
wm_search_new (WmDocument *document)
{
  WmSearch *self;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  self = g_object_new (WM_TYPE_SEARCH, NULL);
  self->document = g_object_ref (document);
  self->changed_id = g_signal_connect_swapped (document, "changed",
                                               G_CALLBACK (document_changed_cb), self);
  return self;
}

void
wm_search_set_query (WmSearch   *self,
                     const char *query)
{
  g_return_if_fail (WM_IS_SEARCH (self));

  if (g_strcmp0 (query, self->raw_query) == 0)
    return;

  g_free (self->raw_query);
  g_free (self->query);
  self->raw_query = g_strdup (query);
  self->query = query != NULL ? fold (query) : NULL;
  find_hits (self);
}

const char *
wm_search_get_query (WmSearch *self)
{
  g_return_val_if_fail (WM_IS_SEARCH (self), NULL);
  return self->raw_query;
}

guint
wm_search_get_n_hits (WmSearch *self)
{
  g_return_val_if_fail (WM_IS_SEARCH (self), 0);
  return self->hits->len;
}

GObject *
wm_search_get_hit (WmSearch *self,
                   guint     index)
{
  g_return_val_if_fail (WM_IS_SEARCH (self), NULL);
  return index < self->hits->len ? g_ptr_array_index (self->hits, index) : NULL;
}

int
wm_search_index_of (WmSearch *self,
                    GObject  *item)
{
  g_return_val_if_fail (WM_IS_SEARCH (self), -1);
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->hit_index, item)) - 1;
}

/* Where @from sits in reading order, for a @from that is not a hit. */
static int
order_index (WmSearch *self,
             GObject  *from)
{
  for (guint i = 0; i < self->order->len; i++)
    if (g_ptr_array_index (self->order, i) == from)
      return (int) i;
  return -1;
}

int
wm_search_step (WmSearch *self,
                GObject  *from,
                gboolean  backward)
{
  guint n;
  int at, pos;

  g_return_val_if_fail (WM_IS_SEARCH (self), -1);

  if ((n = self->hits->len) == 0)
    return -1;

  if (from == NULL)
    return backward ? (int) n - 1 : 0;

  if ((at = wm_search_index_of (self, from)) >= 0)
    return backward ? (int) ((at + n - 1) % n) : (int) ((at + 1) % n);

  /* Not a hit itself (the user selected something else): the nearest hit
   * after or before it in reading order. */
  if ((pos = order_index (self, from)) < 0)
    return backward ? (int) n - 1 : 0;
  for (guint i = 0; i < n; i++)
    {
      guint k = backward ? n - 1 - i : i;
      int hp = order_index (self, g_ptr_array_index (self->hits, k));

      if (backward ? hp < pos : hp > pos)
        return (int) k;
    }
  return backward ? (int) n - 1 : 0;
}
