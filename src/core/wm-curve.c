/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include "wm-curve.h"
#include "wm-curve-point.h"
#include "wm-item-private.h"

struct _WmCurve
{
  WmItem      parent_instance;

  char       *persona;
  GListStore *points;
};

G_DEFINE_FINAL_TYPE (WmCurve, wm_curve, WM_TYPE_ITEM)

enum {
  PROP_0,
  PROP_PERSONA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wm_curve_dispose (GObject *object)
{
  WmCurve *self = WM_CURVE (object);

  g_clear_object (&self->points);

  G_OBJECT_CLASS (wm_curve_parent_class)->dispose (object);
}

static void
wm_curve_finalize (GObject *object)
{
  WmCurve *self = WM_CURVE (object);

  g_clear_pointer (&self->persona, g_free);

  G_OBJECT_CLASS (wm_curve_parent_class)->finalize (object);
}

static void
wm_curve_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  WmCurve *self = WM_CURVE (object);

  switch (prop_id)
    {
    case PROP_PERSONA:
      g_value_set_string (value, self->persona);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_curve_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  WmCurve *self = WM_CURVE (object);

  switch (prop_id)
    {
    case PROP_PERSONA:
      wm_curve_set_persona (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_curve_class_init (WmCurveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wm_curve_dispose;
  object_class->finalize = wm_curve_finalize;
  object_class->get_property = wm_curve_get_property;
  object_class->set_property = wm_curve_set_property;

  properties[PROP_PERSONA] =
    g_param_spec_string ("persona", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_curve_init (WmCurve *self)
{
  self->points = g_list_store_new (WM_TYPE_CURVE_POINT);
}

WmCurve *
wm_curve_new (const char *persona)
{
  return g_object_new (WM_TYPE_CURVE,
                       "persona", persona,
                       NULL);
}

const char *
wm_curve_get_persona (WmCurve *self)
{
  g_return_val_if_fail (WM_IS_CURVE (self), NULL);

  return self->persona;
}

void
wm_curve_set_persona (WmCurve    *self,
                      const char *persona)
{
  g_return_if_fail (WM_IS_CURVE (self));

  if (wm_item_set_string (&self->persona, persona))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSONA]);
}

GListStore *
wm_curve_get_points (WmCurve *self)
{
  g_return_val_if_fail (WM_IS_CURVE (self), NULL);

  return self->points;
}

WmCurvePoint *
wm_curve_find_point (WmCurve    *self,
                     const char *stage)
{
  guint n;

  g_return_val_if_fail (WM_IS_CURVE (self), NULL);

  if (stage == NULL)
    return NULL;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->points));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmCurvePoint) point = g_list_model_get_item (G_LIST_MODEL (self->points), i);

      if (g_strcmp0 (wm_curve_point_get_stage (point), stage) == 0)
        return point;
    }

  return NULL;
}
