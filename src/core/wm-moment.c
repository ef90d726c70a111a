/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <math.h>

#include "wm-moment.h"
#include "wm-item-private.h"

struct _WmMoment
{
  WmItem        parent_instance;

  WmMomentKind  kind;
  char         *persona;
  char         *stage;
  double        at;
  char         *text;
};

G_DEFINE_FINAL_TYPE (WmMoment, wm_moment, WM_TYPE_ITEM)

enum {
  PROP_0,
  PROP_KIND,
  PROP_PERSONA,
  PROP_STAGE,
  PROP_AT,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wm_moment_finalize (GObject *object)
{
  WmMoment *self = WM_MOMENT (object);

  g_clear_pointer (&self->persona, g_free);
  g_clear_pointer (&self->stage, g_free);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (wm_moment_parent_class)->finalize (object);
}

static void
wm_moment_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  WmMoment *self = WM_MOMENT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_PERSONA:
      g_value_set_string (value, self->persona);
      break;

    case PROP_STAGE:
      g_value_set_string (value, self->stage);
      break;

    case PROP_AT:
      g_value_set_double (value, self->at);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_moment_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  WmMoment *self = WM_MOMENT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      wm_moment_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_PERSONA:
      wm_moment_set_persona (self, g_value_get_string (value));
      break;

    case PROP_STAGE:
      wm_moment_set_stage (self, g_value_get_string (value));
      break;

    case PROP_AT:
      wm_moment_set_at (self, g_value_get_double (value));
      break;

    case PROP_TEXT:
      wm_moment_set_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_moment_class_init (WmMomentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wm_moment_finalize;
  object_class->get_property = wm_moment_get_property;
  object_class->set_property = wm_moment_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       WM_TYPE_MOMENT_KIND,
                       WM_MOMENT_AHA,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_PERSONA] =
    g_param_spec_string ("persona", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_STAGE] =
    g_param_spec_string ("stage", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_AT] =
    g_param_spec_double ("at", NULL, NULL,
                         0.0, 1.0, 0.5,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_moment_init (WmMoment *self)
{
  self->kind = WM_MOMENT_AHA;
  self->at = 0.5;
}

WmMoment *
wm_moment_new (const char   *id,
               WmMomentKind  kind,
               const char   *persona,
               const char   *stage)
{
  /* The kind through its setter, which refuses unknown kinds quietly. */
  WmMoment *self = g_object_new (WM_TYPE_MOMENT,
                                 "id", id,
                                 "persona", persona,
                                 "stage", stage,
                                 NULL);

  wm_moment_set_kind (self, kind);

  return self;
}

WmMomentKind
wm_moment_get_kind (WmMoment *self)
{
  g_return_val_if_fail (WM_IS_MOMENT (self), WM_MOMENT_AHA);

  return self->kind;
}

void
wm_moment_set_kind (WmMoment     *self,
                    WmMomentKind  kind)
{
  g_return_if_fail (WM_IS_MOMENT (self));

  /* The writer would turn an unknown kind into "aha": refused. */
  if ((guint) kind > WM_MOMENT_MICRO)
    return;

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
wm_moment_get_persona (WmMoment *self)
{
  g_return_val_if_fail (WM_IS_MOMENT (self), NULL);

  return self->persona;
}

void
wm_moment_set_persona (WmMoment   *self,
                       const char *persona)
{
  g_return_if_fail (WM_IS_MOMENT (self));

  if (wm_item_set_string (&self->persona, persona))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSONA]);
}

const char *
wm_moment_get_stage (WmMoment *self)
{
  g_return_val_if_fail (WM_IS_MOMENT (self), NULL);

  return self->stage;
}

void
wm_moment_set_stage (WmMoment   *self,
                     const char *stage)
{
  g_return_if_fail (WM_IS_MOMENT (self));

  if (wm_item_set_string (&self->stage, stage))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
}

double
wm_moment_get_at (WmMoment *self)
{
  g_return_val_if_fail (WM_IS_MOMENT (self), 0.5);

  return self->at;
}

void
wm_moment_set_at (WmMoment *self,
                  double    at)
{
  g_return_if_fail (WM_IS_MOMENT (self));

  /* The reader's range; NaN is refused. */
  if (isnan (at))
    return;
  at = CLAMP (at, 0.0, 1.0);

  if (self->at == at)
    return;

  self->at = at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AT]);
}

const char *
wm_moment_get_text (WmMoment *self)
{
  g_return_val_if_fail (WM_IS_MOMENT (self), NULL);

  return self->text;
}

void
wm_moment_set_text (WmMoment   *self,
                    const char *text)
{
  g_return_if_fail (WM_IS_MOMENT (self));

  if (wm_item_set_string (&self->text, text))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}
