/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include "wm-outline-curve.h"

struct _WmOutlineCurve
{
  GObject     parent_instance;

  WmDocument *document;
  char       *persona;
  GListStore *rows;
  /* Stage id → its slot. */
  GHashTable *slots;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WmOutlineCurve, wm_outline_curve, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static WmCurvePoint *
slot_for (WmOutlineCurve *self,
          const char     *stage_id)
{
  WmCurvePoint *slot = g_hash_table_lookup (self->slots, stage_id);

  if (slot == NULL)
    {
      slot = wm_curve_point_new (stage_id, 0.0, 0.5);
      g_hash_table_insert (self->slots, g_strdup (stage_id), slot);
    }
  return slot;
}

static GPtrArray *
wanted_rows (WmOutlineCurve *self)
{
  GListModel *stages = G_LIST_MODEL (wm_document_get_stages (self->document));
  WmCurve *curve = wm_document_find_curve (self->document, self->persona);
  GPtrArray *want = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(WmStage) stage = g_list_model_get_item (stages, i);
      const char *id = wm_item_get_id (WM_ITEM (stage));
      WmCurvePoint *point = curve != NULL ? wm_curve_find_point (curve, id) : NULL;

      g_ptr_array_add (want, g_object_ref (point != NULL ? point : slot_for (self, id)));
    }
  return want;
}

static gboolean
row_is (WmOutlineCurve *self,
        guint           position,
        gpointer        item)
{
  g_autoptr(GObject) row = g_list_model_get_object (G_LIST_MODEL (self->rows), position);

  return row == item;
}

static void
sync_rows (WmOutlineCurve *self)
{
  g_autoptr(GPtrArray) want = wanted_rows (self);
  guint have = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint first = 0, last_want = want->len, last_have = have;

  /* Only the stretch that differs changes. */
  while (first < want->len && first < have && row_is (self, first, g_ptr_array_index (want, first)))
    first++;
  while (last_want > first && last_have > first &&
         row_is (self, last_have - 1, g_ptr_array_index (want, last_want - 1)))
    {
      last_want--;
      last_have--;
    }
  if (first == last_want && first == last_have)
    return;
  g_list_store_splice (self->rows, first, last_have - first,
                       want->pdata + first, last_want - first);
}

static void
rows_changed_cb (WmOutlineCurve *self,
                 guint           position,
                 guint           removed,
                 guint           added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

/* GListModel */

static GType
get_item_type (GListModel *model)
{
  return WM_TYPE_CURVE_POINT;
}

static guint
get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (WM_OUTLINE_CURVE (model)->rows));
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (WM_OUTLINE_CURVE (model)->rows), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* GObject */

static void
wm_outline_curve_dispose (GObject *object)
{
  WmOutlineCurve *self = WM_OUTLINE_CURVE (object);

  g_clear_object (&self->rows);
  g_clear_object (&self->document);
  g_clear_pointer (&self->slots, g_hash_table_unref);

  G_OBJECT_CLASS (wm_outline_curve_parent_class)->dispose (object);
}

static void
wm_outline_curve_finalize (GObject *object)
{
  g_free (WM_OUTLINE_CURVE (object)->persona);

  G_OBJECT_CLASS (wm_outline_curve_parent_class)->finalize (object);
}

static void
wm_outline_curve_class_init (WmOutlineCurveClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = wm_outline_curve_dispose;
  G_OBJECT_CLASS (klass)->finalize = wm_outline_curve_finalize;
}

static void
wm_outline_curve_init (WmOutlineCurve *self)
{
  self->rows = g_list_store_new (WM_TYPE_CURVE_POINT);
  self->slots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_signal_connect_object (self->rows, "items-changed", G_CALLBACK (rows_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

WmOutlineCurve *
wm_outline_curve_new (WmDocument *document,
                      const char *persona)
{
  WmOutlineCurve *self = g_object_new (WM_TYPE_OUTLINE_CURVE, NULL);
  WmCurve *curve = wm_document_find_curve (document, persona);

  self->document = g_object_ref (document);
  self->persona = g_strdup (persona);
  sync_rows (self);
  g_signal_connect_object (wm_document_get_stages (document), "items-changed",
                           G_CALLBACK (sync_rows), self, G_CONNECT_SWAPPED);
  /* A persona without a curve gets one with its first value, which
   * rebuilds the outline's tree. */
  if (curve != NULL)
    g_signal_connect_object (wm_curve_get_points (curve), "items-changed",
                             G_CALLBACK (sync_rows), self, G_CONNECT_SWAPPED);
  return self;
}
