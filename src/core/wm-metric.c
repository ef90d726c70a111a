/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <math.h>

#include "wm-metric.h"

struct _WmMetric
{
  WmItem       parent_instance;

  WmMetricKind kind;
  double       value;
};

G_DEFINE_FINAL_TYPE (WmMetric, wm_metric, WM_TYPE_ITEM)

enum {
  PROP_0,
  PROP_KIND,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wm_metric_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  WmMetric *self = WM_METRIC (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_VALUE:
      g_value_set_double (value, self->value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_metric_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  WmMetric *self = WM_METRIC (object);

  switch (prop_id)
    {
    case PROP_KIND:
      wm_metric_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_VALUE:
      wm_metric_set_value (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_metric_class_init (WmMetricClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = wm_metric_get_property;
  object_class->set_property = wm_metric_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       WM_TYPE_METRIC_KIND,
                       WM_METRIC_NPS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /* The widest of the kinds' ranges; wm_metric_kind_range() has each one. */
  properties[PROP_VALUE] =
    g_param_spec_double ("value", NULL, NULL,
                         -100.0, 100.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_metric_init (WmMetric *self)
{
  self->kind = WM_METRIC_NPS;
}

WmMetric *
wm_metric_new (WmMetricKind kind,
               double       value)
{
  /* Through the setters, which clamp to the kind's range: g_object_new()
   * would warn about an out-of-range number instead. */
  WmMetric *self = g_object_new (WM_TYPE_METRIC, NULL);

  wm_metric_set_kind (self, kind);
  wm_metric_set_value (self, value);

  return self;
}

WmMetricKind
wm_metric_get_kind (WmMetric *self)
{
  g_return_val_if_fail (WM_IS_METRIC (self), WM_METRIC_NPS);

  return self->kind;
}

void
wm_metric_set_kind (WmMetric     *self,
                    WmMetricKind  kind)
{
  g_return_if_fail (WM_IS_METRIC (self));

  /* The writer would turn an unknown kind into "nps": refused. */
  if ((guint) kind > WM_METRIC_CSAT || self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);

  /* A value is only readable within its kind's range. wm-edits.c moves
   * it first, undoably; this only catches a direct call. */
  wm_metric_set_value (self, self->value);
}

double
wm_metric_get_value (WmMetric *self)
{
  g_return_val_if_fail (WM_IS_METRIC (self), 0.0);

  return self->value;
}

void
wm_metric_set_value (WmMetric *self,
                     double    value)
{
  double min, max;

  g_return_if_fail (WM_IS_METRIC (self));

  if (isnan (value))
    return;
  wm_metric_kind_range (self->kind, &min, &max);
  value = CLAMP (value, min, max);

  if (self->value == value)
    return;

  self->value = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

void
wm_metric_kind_range (WmMetricKind  kind,
                      double       *min,
                      double       *max)
{
  double lo = 0.0;
  double hi = 100.0;

  switch (kind)
    {
    case WM_METRIC_NPS:
      lo = -100.0;
      hi = 100.0;
      break;

    case WM_METRIC_CES:
      lo = 1.0;
      hi = 7.0;
      break;

    case WM_METRIC_CSAT:
      lo = 0.0;
      hi = 100.0;
      break;

    default:
      g_return_if_reached ();
    }

  if (min != NULL)
    *min = lo;
  if (max != NULL)
    *max = hi;
}
