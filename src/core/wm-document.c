/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <string.h>

#include "wm-document.h"
#include "wm-rules.h"
#include "wm-item-private.h"

struct _WmDocument
{
  WmItem      parent_instance;

  char       *title;
  char       *scenario;
  char       *lang;

  GListStore *personas;
  GListStore *stages;
  GListStore *lanes;
  GListStore *curves;
  GListStore *moments;

  /* Flat: prefix, href, prefix, href… */
  GPtrArray  *namespaces;
};

G_DEFINE_FINAL_TYPE (WmDocument, wm_document, WM_TYPE_ITEM)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SCENARIO,
  PROP_LANG,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
wm_document_dispose (GObject *object)
{
  WmDocument *self = WM_DOCUMENT (object);

  g_clear_object (&self->personas);
  g_clear_object (&self->stages);
  g_clear_object (&self->lanes);
  g_clear_object (&self->curves);
  g_clear_object (&self->moments);

  G_OBJECT_CLASS (wm_document_parent_class)->dispose (object);
}

static void
wm_document_finalize (GObject *object)
{
  WmDocument *self = WM_DOCUMENT (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->scenario, g_free);
  g_clear_pointer (&self->lang, g_free);
  g_clear_pointer (&self->namespaces, g_ptr_array_unref);

  G_OBJECT_CLASS (wm_document_parent_class)->finalize (object);
}

static void
wm_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  WmDocument *self = WM_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SCENARIO:
      g_value_set_string (value, self->scenario);
      break;

    case PROP_LANG:
      g_value_set_string (value, self->lang);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_document_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  WmDocument *self = WM_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      wm_document_set_title (self, g_value_get_string (value));
      break;

    case PROP_SCENARIO:
      wm_document_set_scenario (self, g_value_get_string (value));
      break;

    case PROP_LANG:
      wm_document_set_lang (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_document_class_init (WmDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wm_document_dispose;
  object_class->finalize = wm_document_finalize;
  object_class->get_property = wm_document_get_property;
  object_class->set_property = wm_document_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SCENARIO] =
    g_param_spec_string ("scenario", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_LANG] =
    g_param_spec_string ("lang", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WmDocument::changed:
   *
   * Emitted after each command applied or reverted on the document.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
wm_document_init (WmDocument *self)
{
  self->personas = g_list_store_new (WM_TYPE_PERSONA);
  self->stages = g_list_store_new (WM_TYPE_STAGE);
  self->lanes = g_list_store_new (WM_TYPE_LANE);
  self->curves = g_list_store_new (WM_TYPE_CURVE);
  self->moments = g_list_store_new (WM_TYPE_MOMENT);
  self->namespaces = g_ptr_array_new_with_free_func (g_free);
}

WmDocument *
wm_document_new (void)
{
  return g_object_new (WM_TYPE_DOCUMENT, NULL);
}

const char *
wm_document_get_title (WmDocument *self)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (self), NULL);

  return self->title;
}

void
wm_document_set_title (WmDocument *self,
                       const char *title)
{
  g_return_if_fail (WM_IS_DOCUMENT (self));

  if (wm_item_set_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
wm_document_get_scenario (WmDocument *self)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (self), NULL);

  return self->scenario;
}

void
wm_document_set_scenario (WmDocument *self,
                          const char *scenario)
{
  g_return_if_fail (WM_IS_DOCUMENT (self));

  if (wm_item_set_string (&self->scenario, scenario))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO]);
}

const char *
wm_document_get_lang (WmDocument *self)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (self), NULL);

  return self->lang;
}

void
wm_document_set_lang (WmDocument *self,
                      const char *lang)
{
  g_return_if_fail (WM_IS_DOCUMENT (self));

  /* The reader refuses an xml:lang that is no language tag. */
  if (lang != NULL && lang[0] != '\0' && !wm_rules_language_is_valid (lang))
    return;

  if (wm_item_set_string (&self->lang, lang))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANG]);
}

GListStore *
wm_document_get_personas (WmDocument *self)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (self), NULL);

  return self->personas;
}

GListStore *
wm_document_get_stages (WmDocument *self)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (self), NULL);

  return self->stages;
}

GListStore *
wm_document_get_lanes (WmDocument *self)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (self), NULL);

  return self->lanes;
}

GListStore *
wm_document_get_curves (WmDocument *self)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (self), NULL);

  return self->curves;
}

GListStore *
wm_document_get_moments (WmDocument *self)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (self), NULL);

  return self->moments;
}

GPtrArray *
wm_document_get_namespaces (WmDocument *self)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (self), NULL);

  return self->namespaces;
}

void
wm_document_add_namespace (WmDocument *self,
                           const char *prefix,
                           const char *href)
{
  g_return_if_fail (WM_IS_DOCUMENT (self));
  g_return_if_fail (prefix != NULL);
  g_return_if_fail (href != NULL);

  /* The first declaration of a prefix wins, as on <map> itself. */
  for (guint i = 0; i + 1 < self->namespaces->len; i += 2)
    {
      if (g_strcmp0 (g_ptr_array_index (self->namespaces, i), prefix) == 0)
        return;
    }

  g_ptr_array_add (self->namespaces, g_strdup (prefix));
  g_ptr_array_add (self->namespaces, g_strdup (href));
}

/* The position of the item whose @property equals @value, or -1. The
 * returned item (if @out_item) is borrowed from the store. */
static int
find_in_store (GListStore  *store,
               const char  *property,
               const char  *value,
               gpointer    *out_item)
{
  GListModel *model = G_LIST_MODEL (store);
  guint n = g_list_model_get_n_items (model);
  gboolean by_id = strcmp (property, "id") == 0;

  if (value == NULL)
    return -1;

  /* Ids without a property lookup and a copy per item: every edit,
   * drop and check finds items by id, and g_object_get() made each
   * look-up cost a microsecond an item. */
  for (guint i = 0; i < n; i++)
    {
      GObject *item = wm_list_peek (store, i);
      g_autofree char *str = NULL;
      const char *found;

      if (by_id)
        found = wm_item_get_id (WM_ITEM (item));
      else
        {
          g_object_get (item, property, &str, NULL);
          found = str;
        }

      if (g_strcmp0 (found, value) == 0)
        {
          if (out_item != NULL)
            *out_item = item;
          return (int) i;
        }
    }

  return -1;
}

WmPersona *
wm_document_find_persona (WmDocument *self,
                          const char *id)
{
  gpointer item = NULL;

  g_return_val_if_fail (WM_IS_DOCUMENT (self), NULL);

  find_in_store (self->personas, "id", id, &item);

  return item;
}

WmStage *
wm_document_find_stage (WmDocument *self,
                        const char *id)
{
  gpointer item = NULL;

  g_return_val_if_fail (WM_IS_DOCUMENT (self), NULL);

  find_in_store (self->stages, "id", id, &item);

  return item;
}

int
wm_document_stage_index (WmDocument *self,
                         const char *id)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (self), -1);

  return find_in_store (self->stages, "id", id, NULL);
}

WmLane *
wm_document_find_lane (WmDocument *self,
                       const char *id)
{
  gpointer item = NULL;

  g_return_val_if_fail (WM_IS_DOCUMENT (self), NULL);

  find_in_store (self->lanes, "id", id, &item);

  return item;
}

WmCurve *
wm_document_find_curve (WmDocument *self,
                        const char *persona)
{
  gpointer item = NULL;

  g_return_val_if_fail (WM_IS_DOCUMENT (self), NULL);

  find_in_store (self->curves, "persona", persona, &item);

  return item;
}

WmMoment *
wm_document_find_moment (WmDocument *self,
                         const char *id)
{
  gpointer item = NULL;

  g_return_val_if_fail (WM_IS_DOCUMENT (self), NULL);

  find_in_store (self->moments, "id", id, &item);

  return item;
}

WmCard *
wm_document_find_card (WmDocument  *self,
                       const char  *id,
                       WmLane     **lane)
{
  GListModel *lanes;
  guint n_lanes;

  g_return_val_if_fail (WM_IS_DOCUMENT (self), NULL);

  if (lane != NULL)
    *lane = NULL;

  if (id == NULL)
    return NULL;

  lanes = G_LIST_MODEL (self->lanes);
  n_lanes = g_list_model_get_n_items (lanes);

  for (guint i = 0; i < n_lanes; i++)
    {
      WmLane *l = wm_list_peek (self->lanes, i);
      gpointer card = NULL;

      if (find_in_store (wm_lane_get_cards (l), "id", id, &card) >= 0)
        {
          if (lane != NULL)
            *lane = l;
          return card;
        }
    }

  return NULL;
}

guint
wm_document_count_cards (WmDocument *self)
{
  GListModel *lanes;
  guint n_lanes;
  guint count = 0;

  g_return_val_if_fail (WM_IS_DOCUMENT (self), 0);

  lanes = G_LIST_MODEL (self->lanes);
  n_lanes = g_list_model_get_n_items (lanes);

  for (guint i = 0; i < n_lanes; i++)
    {
      g_autoptr(WmLane) lane = g_list_model_get_item (lanes, i);

      count += g_list_model_get_n_items (G_LIST_MODEL (wm_lane_get_cards (lane)));
    }

  return count;
}

static void
collect_ids (GHashTable *ids,
             GListModel *model)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmItem) item = g_list_model_get_item (model, i);
      const char *id = wm_item_get_id (item);

      if (id != NULL)
        g_hash_table_add (ids, g_strdup (id));

      if (WM_IS_LANE (item))
        collect_ids (ids, G_LIST_MODEL (wm_lane_get_cards (WM_LANE (item))));
    }
}

char *
wm_document_make_id (WmDocument *self,
                     const char *prefix)
{
  g_autoptr(GHashTable) ids = NULL;

  g_return_val_if_fail (WM_IS_DOCUMENT (self), NULL);

  if (prefix == NULL || prefix[0] == '\0')
    prefix = "id";

  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  collect_ids (ids, G_LIST_MODEL (self->personas));
  collect_ids (ids, G_LIST_MODEL (self->stages));
  collect_ids (ids, G_LIST_MODEL (self->lanes));
  collect_ids (ids, G_LIST_MODEL (self->moments));

  for (guint n = 1; ; n++)
    {
      char *id = g_strdup_printf ("%s%u", prefix, n);

      if (!g_hash_table_contains (ids, id))
        return id;

      g_free (id);
    }
}

void
wm_document_emit_changed (WmDocument *self)
{
  g_return_if_fail (WM_IS_DOCUMENT (self));

  g_signal_emit (self, signals[CHANGED], 0);
}
