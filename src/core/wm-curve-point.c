/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <math.h>

#include "wm-curve-point.h"
#include "wm-item-private.h"

struct _WmCurvePoint
{
  WmItem  parent_instance;

  char   *stage;
  double  value;
  double  at;
};

G_DEFINE_FINAL_TYPE (WmCurvePoint, wm_curve_point, WM_TYPE_ITEM)

enum {
  PROP_0,
  PROP_STAGE,
  PROP_VALUE,
  PROP_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wm_curve_point_finalize (GObject *object)
{
  WmCurvePoint *self = WM_CURVE_POINT (object);

  g_clear_pointer (&self->stage, g_free);

  G_OBJECT_CLASS (wm_curve_point_parent_class)->finalize (object);
}

static void
wm_curve_point_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  WmCurvePoint *self = WM_CURVE_POINT (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      g_value_set_string (value, self->stage);
      break;

    case PROP_VALUE:
      g_value_set_double (value, self->value);
      break;

    case PROP_AT:
      g_value_set_double (value, self->at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_curve_point_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  WmCurvePoint *self = WM_CURVE_POINT (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      wm_curve_point_set_stage (self, g_value_get_string (value));
      break;

    case PROP_VALUE:
      wm_curve_point_set_value (self, g_value_get_double (value));
      break;

    case PROP_AT:
      wm_curve_point_set_at (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_curve_point_class_init (WmCurvePointClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wm_curve_point_finalize;
  object_class->get_property = wm_curve_point_get_property;
  object_class->set_property = wm_curve_point_set_property;

  properties[PROP_STAGE] =
    g_param_spec_string ("stage", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_VALUE] =
    g_param_spec_double ("value", NULL, NULL,
                         WM_CURVE_MIN, WM_CURVE_MAX, 0.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_AT] =
    g_param_spec_double ("at", NULL, NULL,
                         0.0, 1.0, 0.5,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_curve_point_init (WmCurvePoint *self)
{
  self->at = 0.5;
}

WmCurvePoint *
wm_curve_point_new (const char *stage,
                    double      value,
                    double      at)
{
  /* Through the setters, which clamp: g_object_new() would warn about
   * an out-of-range number instead. */
  WmCurvePoint *self = g_object_new (WM_TYPE_CURVE_POINT, "stage", stage, NULL);

  wm_curve_point_set_value (self, value);
  wm_curve_point_set_at (self, at);

  return self;
}

const char *
wm_curve_point_get_stage (WmCurvePoint *self)
{
  g_return_val_if_fail (WM_IS_CURVE_POINT (self), NULL);

  return self->stage;
}

void
wm_curve_point_set_stage (WmCurvePoint *self,
                          const char   *stage)
{
  g_return_if_fail (WM_IS_CURVE_POINT (self));

  if (wm_item_set_string (&self->stage, stage))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
}

double
wm_curve_point_get_value (WmCurvePoint *self)
{
  g_return_val_if_fail (WM_IS_CURVE_POINT (self), 0.0);

  return self->value;
}

void
wm_curve_point_set_value (WmCurvePoint *self,
                          double        value)
{
  g_return_if_fail (WM_IS_CURVE_POINT (self));

  /* The reader's range; NaN has no place on the curve and is refused. */
  if (isnan (value))
    return;
  value = CLAMP (value, WM_CURVE_MIN, WM_CURVE_MAX);

  if (self->value == value)
    return;

  self->value = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

double
wm_curve_point_get_at (WmCurvePoint *self)
{
  g_return_val_if_fail (WM_IS_CURVE_POINT (self), 0.5);

  return self->at;
}

void
wm_curve_point_set_at (WmCurvePoint *self,
                       double        at)
{
  g_return_if_fail (WM_IS_CURVE_POINT (self));

  if (isnan (at))
    return;
  at = CLAMP (at, 0.0, 1.0);

  if (self->at == at)
    return;

  self->at = at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AT]);
}
