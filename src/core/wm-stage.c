/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include "wm-stage.h"
#include "wm-metric.h"
#include "wm-item-private.h"

struct _WmStage
{
  WmItem      parent_instance;

  char       *title;
  char       *goal;
  GListStore *metrics;
};

G_DEFINE_FINAL_TYPE (WmStage, wm_stage, WM_TYPE_ITEM)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_GOAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wm_stage_dispose (GObject *object)
{
  WmStage *self = WM_STAGE (object);

  g_clear_object (&self->metrics);

  G_OBJECT_CLASS (wm_stage_parent_class)->dispose (object);
}

static void
wm_stage_finalize (GObject *object)
{
  WmStage *self = WM_STAGE (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->goal, g_free);

  G_OBJECT_CLASS (wm_stage_parent_class)->finalize (object);
}

static void
wm_stage_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  WmStage *self = WM_STAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_GOAL:
      g_value_set_string (value, self->goal);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_stage_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  WmStage *self = WM_STAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      wm_stage_set_title (self, g_value_get_string (value));
      break;

    case PROP_GOAL:
      wm_stage_set_goal (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_stage_class_init (WmStageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wm_stage_dispose;
  object_class->finalize = wm_stage_finalize;
  object_class->get_property = wm_stage_get_property;
  object_class->set_property = wm_stage_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_GOAL] =
    g_param_spec_string ("goal", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_stage_init (WmStage *self)
{
  self->metrics = g_list_store_new (WM_TYPE_METRIC);
}

WmStage *
wm_stage_new (const char *id,
              const char *title)
{
  return g_object_new (WM_TYPE_STAGE,
                       "id", id,
                       "title", title,
                       NULL);
}

const char *
wm_stage_get_title (WmStage *self)
{
  g_return_val_if_fail (WM_IS_STAGE (self), NULL);

  return self->title;
}

void
wm_stage_set_title (WmStage    *self,
                    const char *title)
{
  g_return_if_fail (WM_IS_STAGE (self));

  if (wm_item_set_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
wm_stage_get_goal (WmStage *self)
{
  g_return_val_if_fail (WM_IS_STAGE (self), NULL);

  return self->goal;
}

void
wm_stage_set_goal (WmStage    *self,
                   const char *goal)
{
  g_return_if_fail (WM_IS_STAGE (self));

  if (wm_item_set_string (&self->goal, goal))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GOAL]);
}

GListStore *
wm_stage_get_metrics (WmStage *self)
{
  g_return_val_if_fail (WM_IS_STAGE (self), NULL);

  return self->metrics;
}
