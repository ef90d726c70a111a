/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wm-edits.h"
#include "wm-evidence.h"
#include "wm-group-command.h"
#include "wm-lane-kind.h"
#include "wm-list-insert-command.h"
#include "wm-user-edits.h"

/* Where each card of the map is: one walk, so that a selection of
 * hundreds of cards costs no more than a few. */
typedef struct
{
  guint lane;
  guint position;
} Place;

static GHashTable *
card_places (WmDocument *document)
{
  GHashTable *places = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (document));

  for (guint l = 0; l < g_list_model_get_n_items (lanes); l++)
    {
      GListStore *cards = wm_lane_get_cards (wm_list_peek (G_LIST_STORE (lanes), l));

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (cards)); i++)
        {
          Place *place = g_new (Place, 1);

          place->lane = l;
          place->position = i;
          g_hash_table_insert (places, wm_list_peek (cards, i), place);
        }
    }
  return places;
}

static WmLane *
lane_at (WmDocument *document,
         guint       index)
{
  return wm_list_peek (wm_document_get_lanes (document), index);
}

static guint
n_lanes (WmDocument *document)
{
  return g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_lanes (document)));
}

static guint
n_stages (WmDocument *document)
{
  return g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (document)));
}

static int
compare_places (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  GHashTable *places = user_data;
  const Place *pa = g_hash_table_lookup (places, *(gpointer *) a);
  const Place *pb = g_hash_table_lookup (places, *(gpointer *) b);

  if (pa->lane != pb->lane)
    return pa->lane < pb->lane ? -1 : 1;
  return pa->position < pb->position ? -1 : pa->position > pb->position;
}

/* The map's cards among @items, each once, in document order. */
static GPtrArray *
cards_of (GHashTable *places,
          GPtrArray  *items)
{
  GPtrArray *cards = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);

      if (WM_IS_CARD (item) && g_hash_table_contains (places, item) && g_hash_table_add (seen, item))
        g_ptr_array_add (cards, item);
    }
  g_ptr_array_sort_with_data (cards, compare_places, places);
  return cards;
}

GPtrArray *
wm_user_edit_cards (WmDocument *document,
                    GPtrArray  *items)
{
  g_autoptr(GHashTable) places = NULL;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  places = card_places (document);
  return cards_of (places, items);
}

/* The one command when a group holds one, so a single edit keeps its
 * own label ("Delete Stage"). */
static WmCommand *
finish_group (WmCommand *group,
              WmCommand *only)
{
  guint size = wm_group_command_get_size (WM_GROUP_COMMAND (group));

  if (size == 0)
    {
      g_object_unref (group);
      return NULL;
    }
  if (size == 1 && only != NULL)
    {
      g_object_ref (only);
      g_object_unref (group);
      return only;
    }
  return group;
}

static gboolean
contains (GPtrArray *items,
          gpointer   item)
{
  return item != NULL && g_ptr_array_find (items, item, NULL);
}

/* The curve that holds @point, or NULL. */
static WmCurve *
point_curve (WmDocument   *document,
             WmCurvePoint *point)
{
  GListModel *curves = G_LIST_MODEL (wm_document_get_curves (document));

  for (guint i = 0; i < g_list_model_get_n_items (curves); i++)
    {
      WmCurve *curve = wm_list_peek (G_LIST_STORE (curves), i);

      if (g_list_store_find (wm_curve_get_points (curve), point, NULL))
        return curve;
    }
  return NULL;
}

static WmCommand *
remove_point (WmDocument   *document,
              WmCurvePoint *point)
{
  WmCurve *curve = point_curve (document, point);

  if (curve == NULL)
    return NULL;
  return wm_edit_remove_point (document, wm_curve_get_persona (curve), wm_curve_point_get_stage (point));
}

/* Removing a stage or lane takes what lies in it: those items are not
 * removed a second time. */
static gboolean
goes_with_container (WmDocument *document,
                     GPtrArray  *items,
                     gpointer    item,
                     WmLane     *lane)
{
  const char *stage = NULL;

  if (WM_IS_CARD (item))
    stage = wm_card_get_stage (item);
  else if (WM_IS_MOMENT (item))
    stage = wm_moment_get_stage (item);
  else if (WM_IS_CURVE_POINT (item))
    stage = wm_curve_point_get_stage (item);

  return contains (items, wm_document_find_stage (document, stage)) || contains (items, lane);
}

/* The stage whose metrics hold @metric. */
static WmStage *
metric_stage (WmDocument *document,
              WmMetric   *metric)
{
  GListStore *stages = wm_document_get_stages (document);

  for (guint i = 0; i < n_stages (document); i++)
    if (g_list_store_find (wm_stage_get_metrics (wm_list_peek (stages, i)), metric, NULL))
      return wm_list_peek (stages, i);
  return NULL;
}

static WmCommand *
remove_one (WmDocument *document,
            gpointer    item)
{
  if (WM_IS_PERSONA (item) && g_list_store_find (wm_document_get_personas (document), item, NULL))
    return wm_edit_remove_persona (document, item);
  if (WM_IS_METRIC (item) && metric_stage (document, item) != NULL)
    return wm_edit_remove_metric (metric_stage (document, item), item);
  if (WM_IS_STAGE (item))
    return wm_edit_remove_stage (document, item);
  if (WM_IS_LANE (item))
    return wm_edit_remove_lane (document, item);
  if (WM_IS_MOMENT (item))
    return wm_edit_remove_moment (document, item);
  if (WM_IS_CURVE_POINT (item))
    return remove_point (document, item);
  return NULL;
}

static char *
remove_label (guint n_cards,
              guint n_items)
{
  if (n_cards == n_items)
    return g_strdup_printf (ngettext ("Delete %u Card", "Delete %u Cards", n_cards), n_cards);
  return g_strdup_printf (ngettext ("Delete %u Item", "Delete %u Items", n_items), n_items);
}

WmCommand *
wm_user_edit_remove (WmDocument *document,
                     GPtrArray  *items)
{
  g_autoptr(GHashTable) places = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  WmCommand *group, *last = NULL;
  g_autofree char *label = NULL;
  guint n = 0;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (items != NULL, NULL);

  places = card_places (document);
  cards = cards_of (places, items);
  group = wm_group_command_new (NULL);

  for (guint i = 0; i < cards->len; i++)
    {
      WmCard *card = g_ptr_array_index (cards, i);
      WmLane *lane = lane_at (document, ((Place *) g_hash_table_lookup (places, card))->lane);

      if (goes_with_container (document, items, card, lane))
        continue;
      last = wm_edit_remove_card (document, card);
      wm_group_command_add (WM_GROUP_COMMAND (group), last);
      n++;
    }
  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);
      WmCommand *command;

      if (WM_IS_CARD (item) || WM_IS_STAGE (item) || (!WM_IS_LANE (item) && goes_with_container (document, items, item, NULL)))
        continue;
      command = remove_one (document, item);
      if (command != NULL)
        wm_group_command_add (WM_GROUP_COMMAND (group), last = command), n++;
    }
  /* Stages last: a lane's or a moment's removal must not need them back. */
  for (guint i = 0; i < items->len; i++)
    if (WM_IS_STAGE (g_ptr_array_index (items, i)))
      wm_group_command_add (WM_GROUP_COMMAND (group), last = remove_one (document, g_ptr_array_index (items, i))), n++;

  label = remove_label (cards->len, n);
  wm_command_set_label (group, label);
  return finish_group (group, last);
}

/* Moving */

/* Each stage's id → its index + 1: looking 500 cards' stages up one by
 * one in 250 stages was a fifth of a move's frame. */
static GHashTable *
stage_indexes (WmDocument *document)
{
  GListStore *stages = wm_document_get_stages (document);
  GHashTable *indexes = g_hash_table_new (g_str_hash, g_str_equal);

  /* The first of two stages with one id, as wm_document_stage_index(). */
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (stages)); i-- > 0;)
    g_hash_table_insert (indexes, (gpointer) wm_item_get_id (wm_list_peek (stages, i)),
                         GUINT_TO_POINTER (i + 1));
  return indexes;
}

static int
stage_index_in (GHashTable *indexes,
                WmCard     *card)
{
  const char *stage = wm_card_get_stage (card);

  return stage != NULL ? (int) GPOINTER_TO_UINT (g_hash_table_lookup (indexes, stage)) - 1 : -1;
}

static void
stage_range (GHashTable *indexes,
             GPtrArray  *cards,
             int        *min,
             int        *max)
{
  *min = G_MAXINT;
  *max = -1;
  for (guint i = 0; i < cards->len; i++)
    {
      int s = stage_index_in (indexes, g_ptr_array_index (cards, i));

      *min = MIN (*min, s);
      *max = MAX (*max, s);
    }
}

static void
lane_range (GHashTable *places,
            GPtrArray  *cards,
            int        *min,
            int        *max)
{
  *min = G_MAXINT;
  *max = -1;
  for (guint i = 0; i < cards->len; i++)
    {
      const Place *place = g_hash_table_lookup (places, g_ptr_array_index (cards, i));

      *min = MIN (*min, (int) place->lane);
      *max = MAX (*max, (int) place->lane);
    }
}

/* The lane a card moved to @index lands in: the next one that holds
 * cards, going on in the move's direction, else back towards where it was. */
static int
card_lane_near (WmDocument *document,
                int         index,
                int         from)
{
  int step = index >= from ? 1 : -1;

  for (int i = index; i >= 0 && i < (int) n_lanes (document); i += step)
    if (wm_lane_kind_holds_cards (wm_lane_get_kind (lane_at (document, i))))
      return i;
  for (int i = index; i != from; i -= step)
    if (wm_lane_kind_holds_cards (wm_lane_get_kind (lane_at (document, i))))
      return i;
  return from;
}

static guint
fit_span (guint span,
          int   stage,
          guint n)
{
  return CLAMP (span, 1, n - (guint) stage);
}

static void
add_card_move (WmDocument     *document,
               WmGroupCommand *group,
               WmCard         *card,
               WmLane         *lane,
               int             stage)
{
  WmStage *to = wm_list_peek (wm_document_get_stages (document), stage);
  const char *id = wm_item_get_id (WM_ITEM (to));
  guint span = fit_span (wm_card_get_span (card), stage, n_stages (document));

  if (g_strcmp0 (id, wm_card_get_stage (card)) != 0)
    wm_group_command_add (group, wm_edit_set (card, "stage", id));
  if (span != wm_card_get_span (card))
    wm_group_command_add (group, wm_edit_set (card, "span", span));
  wm_group_command_add (group, wm_list_insert_command_new (wm_lane_get_cards (lane), G_MAXUINT, card));
}

WmCommand *
wm_user_edit_move_cards (WmDocument *document,
                         GPtrArray  *items,
                         int         lanes,
                         int         stages)
{
  g_autoptr(GHashTable) places = NULL;
  g_autoptr(GHashTable) stage_at = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autofree char *label = NULL;
  WmCommand *group;
  int min, max;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  places = card_places (document);
  cards = cards_of (places, items);
  if (cards->len == 0)
    return NULL;
  stage_at = stage_indexes (document);
  stage_range (stage_at, cards, &min, &max);
  stages = CLAMP (stages, -min, (int) n_stages (document) - 1 - max);
  lane_range (places, cards, &min, &max);
  lanes = CLAMP (lanes, -min, (int) n_lanes (document) - 1 - max);
  if (lanes == 0 && stages == 0)
    return NULL;

  label = g_strdup_printf (ngettext ("Move %u Card", "Move %u Cards", cards->len), cards->len);
  group = wm_group_command_new (label);
  /* All out first, then all in: the cards keep their order. */
  for (guint i = 0; i < cards->len; i++)
    {
      WmCard *card = g_ptr_array_index (cards, i);
      const Place *place = g_hash_table_lookup (places, card);

      wm_group_command_add (WM_GROUP_COMMAND (group),
                            wm_list_remove_command_new (wm_lane_get_cards (lane_at (document, place->lane)), card));
    }
  for (guint i = 0; i < cards->len; i++)
    {
      WmCard *card = g_ptr_array_index (cards, i);
      const Place *place = g_hash_table_lookup (places, card);
      int lane = card_lane_near (document, (int) place->lane + lanes, (int) place->lane);
      int stage = stage_index_in (stage_at, card) + stages;

      add_card_move (document, WM_GROUP_COMMAND (group), card, lane_at (document, lane), stage);
    }
  return group;
}

/* Duplicating and pasting */

static GHashTable *
ids_in_use (WmDocument *document)
{
  GHashTable *ids = g_hash_table_new (g_str_hash, g_str_equal);
  GListStore *stores[] = {
    wm_document_get_personas (document), wm_document_get_stages (document),
    wm_document_get_lanes (document), wm_document_get_moments (document),
  };

  for (guint s = 0; s < G_N_ELEMENTS (stores); s++)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (stores[s])); i++)
      g_hash_table_add (ids, (gpointer) wm_item_get_id (wm_list_peek (stores[s], i)));
  for (guint l = 0; l < n_lanes (document); l++)
    {
      GListStore *cards = wm_lane_get_cards (lane_at (document, l));

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (cards)); i++)
        g_hash_table_add (ids, (gpointer) wm_item_get_id (wm_list_peek (cards, i)));
    }
  return ids;
}

/* A fresh card id, not in @ids nor among those already handed out. */
static char *
next_id (GHashTable *ids,
         GPtrArray  *made,
         guint      *counter)
{
  for (;;)
    {
      char *id = g_strdup_printf ("card%u", ++*counter);

      if (!g_hash_table_contains (ids, id))
        {
          g_ptr_array_add (made, id);
          return g_strdup (id);
        }
      g_free (id);
    }
}

/* The first stage among @items: copies of several would need each other's
 * fresh ids before any is applied. */
static WmCommand *
duplicate_stage (WmDocument *document,
                 GPtrArray  *items,
                 GPtrArray  *out_copies)
{
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);
      WmStage *copy = NULL;
      WmCommand *command;

      if (!WM_IS_STAGE (item) || !g_list_store_find (wm_document_get_stages (document), item, NULL))
        continue;
      command = wm_edit_duplicate_stage (document, item, &copy);
      if (out_copies != NULL && copy != NULL)
        g_ptr_array_add (out_copies, copy);
      return command;
    }
  return NULL;
}

WmCommand *
wm_user_edit_duplicate (WmDocument *document,
                        GPtrArray  *items,
                        GPtrArray  *out_copies)
{
  g_autoptr(GHashTable) places = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *label = NULL;
  WmCommand *group;
  guint counter = 0;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  places = card_places (document);
  cards = cards_of (places, items);
  if (cards->len == 0)
    return duplicate_stage (document, items, out_copies);
  ids = ids_in_use (document);
  label = cards->len == 1 ? g_strdup (_("Duplicate Card"))
                          : g_strdup_printf (ngettext ("Duplicate %u Card", "Duplicate %u Cards", cards->len),
                                             cards->len);
  group = wm_group_command_new (label);
  /* Backwards, so that each copy's position is still the one computed. */
  for (guint i = cards->len; i > 0; i--)
    {
      WmCard *card = g_ptr_array_index (cards, i - 1);
      const Place *place = g_hash_table_lookup (places, card);
      g_autofree char *id = next_id (ids, made, &counter);
      g_autoptr(WmCard) copy = wm_card_duplicate (card, id);

      wm_group_command_add (WM_GROUP_COMMAND (group),
                            wm_list_insert_command_new (wm_lane_get_cards (lane_at (document, place->lane)),
                                                        place->position + 1, copy));
      if (out_copies != NULL)
        g_ptr_array_insert (out_copies, 0, copy);
    }
  return group;
}

struct _WmUserClip
{
  GPtrArray *cards;   /* WmCard, owned */
  GArray    *lanes;   /* int offsets from the first card */
  GArray    *stages;
};

WmUserClip *
wm_user_clip_new (WmDocument *document,
                  GPtrArray  *items)
{
  g_autoptr(GHashTable) places = card_places (document);
  g_autoptr(GPtrArray) cards = cards_of (places, items);
  WmUserClip *clip = g_new0 (WmUserClip, 1);
  int lane0 = 0, stage0 = 0;

  clip->cards = g_ptr_array_new_with_free_func (g_object_unref);
  clip->lanes = g_array_new (FALSE, FALSE, sizeof (int));
  clip->stages = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < cards->len; i++)
    {
      WmCard *card = g_ptr_array_index (cards, i);
      int lane = ((Place *) g_hash_table_lookup (places, card))->lane;
      int stage = wm_document_stage_index (document, wm_card_get_stage (card));

      if (i == 0)
        lane0 = lane, stage0 = stage;
      lane -= lane0;
      stage -= stage0;
      g_ptr_array_add (clip->cards, wm_card_duplicate (card, NULL));
      g_array_append_val (clip->lanes, lane);
      g_array_append_val (clip->stages, stage);
    }
  return clip;
}

void
wm_user_clip_free (WmUserClip *clip)
{
  if (clip == NULL)
    return;
  g_ptr_array_unref (clip->cards);
  g_array_unref (clip->lanes);
  g_array_unref (clip->stages);
  g_free (clip);
}

guint
wm_user_clip_get_size (WmUserClip *clip)
{
  return clip != NULL ? clip->cards->len : 0;
}

WmCard *
wm_user_clip_get_card (WmUserClip *clip,
                       guint       index)
{
  g_return_val_if_fail (clip != NULL && index < clip->cards->len, NULL);

  return g_ptr_array_index (clip->cards, index);
}

WmCommand *
wm_user_edit_paste (WmDocument *document,
                    WmUserClip *clip,
                    guint       lane,
                    guint       stage,
                    GPtrArray  *out_cards)
{
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *label = NULL;
  guint n = wm_user_clip_get_size (clip);
  WmCommand *group;
  guint counter = 0;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);
  if (n == 0 || lane >= n_lanes (document) || stage >= n_stages (document))
    return NULL;

  ids = ids_in_use (document);
  label = n == 1 ? g_strdup (_("Paste Card"))
                 : g_strdup_printf (ngettext ("Paste %u Card", "Paste %u Cards", n), n);
  group = wm_group_command_new (label);
  for (guint i = 0; i < n; i++)
    {
      int l = CLAMP ((int) lane + g_array_index (clip->lanes, int, i), 0, (int) n_lanes (document) - 1);
      int s = CLAMP ((int) stage + g_array_index (clip->stages, int, i), 0, (int) n_stages (document) - 1);
      g_autofree char *id = next_id (ids, made, &counter);
      g_autoptr(WmCard) card = wm_card_duplicate (wm_user_clip_get_card (clip, i), id);
      WmCommand *insert;

      l = card_lane_near (document, l, (int) lane);
      if (!wm_lane_kind_holds_cards (wm_lane_get_kind (lane_at (document, l))))
        continue;
      insert = wm_edit_insert_card (document, lane_at (document, l),
                                    wm_item_get_id (wm_list_peek (wm_document_get_stages (document), s)),
                                    G_MAXUINT, card);
      if (insert == NULL)
        continue;
      wm_group_command_add (WM_GROUP_COMMAND (group), insert);
      if (out_cards != NULL)
        g_ptr_array_add (out_cards, card);
    }
  return finish_group (group, NULL);
}

/* Setting an attribute */

static gboolean
differs (gpointer      item,
         GParamSpec   *pspec,
         const GValue *value)
{
  g_auto(GValue) now = G_VALUE_INIT;
  g_auto(GValue) wanted = G_VALUE_INIT;

  g_value_init (&now, pspec->value_type);
  g_value_init (&wanted, pspec->value_type);
  g_object_get_property (item, pspec->name, &now);
  if (!g_value_transform (value, &wanted))
    return FALSE;
  return g_param_values_cmp (pspec, &now, &wanted) != 0;
}

WmCommand *
wm_user_edit_set (WmDocument   *document,
                  GPtrArray    *items,
                  const char   *property,
                  const GValue *value)
{
  WmCommand *group, *last = NULL;
  guint n = 0;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (items != NULL && property != NULL, NULL);

  group = wm_group_command_new (NULL);
  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (item), property);
      WmCommand *command;

      if (pspec == NULL || !differs (item, pspec, value))
        continue;
      command = wm_edit_set_checked (document, item, property, value, NULL);
      if (command == NULL)
        continue;
      wm_group_command_add (WM_GROUP_COMMAND (group), last = command);
      n++;
    }
  if (n > 1)
    {
      g_autofree char *label = g_strdup_printf (ngettext ("%s on %u Item", "%s on %u Items", n),
                                                wm_command_get_label (last), n);

      wm_command_set_label (group, label);
    }
  return finish_group (group, last);
}

WmCommand *
wm_user_edit_type (WmDocument   *document,
                   gpointer      item,
                   const char   *property,
                   const GValue *value,
                   const char   *merge_key)
{
  GParamSpec *pspec;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (G_IS_OBJECT (item) && property != NULL && value != NULL, NULL);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (item), property);
  if (pspec == NULL || !differs (item, pspec, value))
    return NULL;
  return wm_edit_set_checked (document, item, property, value, merge_key);
}

/* Adding */

WmCommand *
wm_user_edit_add_stage (WmDocument *document,
                        guint      *position)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (position != NULL, NULL);

  *position = MIN (*position, n_stages (document));
  return wm_edit_insert_stage (document, *position, _("New Stage"));
}

WmCommand *
wm_user_edit_add_lane (WmDocument *document,
                       guint      *position,
                       WmLaneKind  kind)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (position != NULL, NULL);

  *position = MIN (*position, n_lanes (document));
  return wm_edit_add_lane (document, *position, kind, wm_lane_kind_get_label (kind));
}

/* A lane of this map that holds cards: where the reader accepts a card. */
static gboolean
takes_cards (WmDocument *document,
             WmLane     *lane)
{
  return lane != NULL && g_list_store_find (wm_document_get_lanes (document), lane, NULL) &&
         wm_lane_kind_holds_cards (wm_lane_get_kind (lane));
}

WmCommand *
wm_user_edit_add_card (WmDocument  *document,
                       WmLane      *lane,
                       const char  *stage,
                       const char  *text,
                       WmCard     **out_card)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  WmCard *card = NULL;
  WmCommand *insert;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  if (!takes_cards (document, lane))
    return NULL;
  insert = wm_edit_add_card (document, lane, stage, text != NULL ? text : _("New Card"), &card);
  if (card != NULL)
    g_ptr_array_add (added, card);
  if (out_card != NULL)
    *out_card = card;
  return wm_evidence_assume (document, added, insert);
}

WmCommand *
wm_user_edit_add_persona (WmDocument *document)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  return wm_edit_add_persona (document, _("New Persona"), NULL);
}

const char *
wm_user_edit_moment_persona (WmDocument *document)
{
  GListStore *personas;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  personas = wm_document_get_personas (document);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (personas)); i++)
    if (!wm_persona_get_hidden (wm_list_peek (personas, i)))
      return wm_item_get_id (wm_list_peek (personas, i));
  return NULL;
}

static const char *
moment_text (WmMomentKind kind)
{
  return kind == WM_MOMENT_AHA ? _("Aha!") : _("Micro-moment");
}

/* A moment needs someone to have it: without a visible persona a new one
 * comes in the same step. The moment's edit checks its persona, so the
 * persona is there (applied, then taken back) while it is made. */
static WmCommand *
add_moment_and_persona (WmDocument   *document,
                        WmMomentKind  kind,
                        const char   *stage,
                        double        at)
{
  WmCommand *persona = wm_user_edit_add_persona (document);
  WmCommand *moment, *group;

  wm_command_apply (persona);
  moment = wm_edit_add_moment (document, kind, wm_user_edit_moment_persona (document), stage, at,
                               moment_text (kind));
  wm_command_revert (persona);
  if (moment == NULL)
    {
      g_object_unref (persona);
      return NULL;
    }
  group = wm_group_command_new (wm_command_get_label (moment));
  wm_group_command_add (WM_GROUP_COMMAND (group), persona);
  wm_group_command_add (WM_GROUP_COMMAND (group), moment);
  return group;
}

WmCommand *
wm_user_edit_add_moment (WmDocument   *document,
                         WmMomentKind  kind,
                         const char   *persona,
                         const char   *stage,
                         double        at)
{
  GListStore *stages;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  stages = wm_document_get_stages (document);
  if (stage == NULL || stage[0] == '\0')
    stage = n_stages (document) > 0 ? wm_item_get_id (wm_list_peek (stages, 0)) : NULL;
  if (stage == NULL || wm_document_find_stage (document, stage) == NULL)
    return NULL;
  if (persona == NULL || wm_document_find_persona (document, persona) == NULL)
    persona = wm_user_edit_moment_persona (document);
  if (persona == NULL)
    return add_moment_and_persona (document, kind, stage, at);
  return wm_edit_add_moment (document, kind, persona, stage, at, moment_text (kind));
}

WmCommand *
wm_user_edit_add_metric (WmStage      *stage,
                         WmMetricKind  kind)
{
  double min, max;

  g_return_val_if_fail (WM_IS_STAGE (stage), NULL);

  wm_metric_kind_range (kind, &min, &max);
  return wm_edit_add_metric (stage, kind, MAX (min, 0));
}

/* Moving one item */

WmCommand *
wm_user_edit_reorder (WmDocument *document,
                      gpointer    item,
                      int         to)
{
  GListStore *list;
  guint from;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  list = WM_IS_STAGE (item) ? wm_document_get_stages (document)
       : WM_IS_LANE (item) ? wm_document_get_lanes (document) : NULL;
  if (list == NULL || !g_list_store_find (list, item, &from) ||
      to < 0 || to >= (int) g_list_model_get_n_items (G_LIST_MODEL (list)) || (guint) to == from)
    return NULL;
  if (WM_IS_STAGE (item))
    return wm_edit_move_stage (document, from, to);
  return wm_edit_move_lane (document, from, to);
}

WmCommand *
wm_user_edit_move_card (WmDocument *document,
                        WmCard     *card,
                        WmLane     *lane,
                        const char *stage,
                        int         position)
{
  WmLane *from = NULL;
  guint index;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (WM_IS_CARD (card), NULL);

  if (wm_document_find_card (document, wm_item_get_id (WM_ITEM (card)), &from) != card ||
      !takes_cards (document, lane) || wm_document_find_stage (document, stage) == NULL)
    return NULL;
  g_list_store_find (wm_lane_get_cards (from), card, &index);
  if (lane == from && g_strcmp0 (stage, wm_card_get_stage (card)) == 0 &&
      (position == (int) index ||
       (position < 0 && index + 1 == g_list_model_get_n_items (G_LIST_MODEL (wm_lane_get_cards (lane))))))
    return NULL;
  return wm_edit_move_card (document, card, lane, stage, position);
}

WmCommand *
wm_user_edit_set_span (WmDocument *document,
                       WmCard     *card,
                       guint       span)
{
  int first;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (WM_IS_CARD (card), NULL);

  first = wm_document_stage_index (document, wm_card_get_stage (card));
  if (first < 0 || span < 1 || span > n_stages (document) - (guint) first ||
      span == wm_card_get_span (card))
    return NULL;
  return wm_edit_set (card, "span", span);
}

WmCommand *
wm_user_edit_move_moment (WmDocument *document,
                          WmMoment   *moment,
                          const char *stage,
                          double      at)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (WM_IS_MOMENT (moment), NULL);

  if (!g_list_store_find (wm_document_get_moments (document), moment, NULL))
    return NULL;
  return wm_edit_move_moment (document, moment, stage, at);
}

WmCommand *
wm_user_edit_set_point (WmDocument *document,
                        const char *persona,
                        const char *stage,
                        double      value)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  return wm_edit_set_point (document, persona, stage, value);
}

WmCommand *
wm_user_edit_paste_cards (WmDocument *document,
                          GPtrArray  *cards,
                          WmLane     *lane,
                          const char *stage,
                          guint       position)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  if (cards == NULL || cards->len == 0 || !takes_cards (document, lane))
    return NULL;
  return wm_evidence_assume (document, cards, wm_edit_insert_cards (document, lane, stage, position, cards));
}

WmCommand *
wm_user_edit_set_point_value (WmDocument   *document,
                              WmCurvePoint *point,
                              double        value)
{
  WmCurve *curve;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (WM_IS_CURVE_POINT (point), NULL);

  curve = point_curve (document, point);
  if (curve == NULL)
    return NULL;
  return wm_edit_set_point (document, wm_curve_get_persona (curve), wm_curve_point_get_stage (point), value);
}
