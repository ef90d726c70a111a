/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include "wm-lane.h"
#include "wm-card.h"
#include "wm-item-private.h"

struct _WmLane
{
  WmItem      parent_instance;

  WmLaneKind  kind;
  char       *title;
  GListStore *cards;
};

G_DEFINE_FINAL_TYPE (WmLane, wm_lane, WM_TYPE_ITEM)

enum {
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wm_lane_dispose (GObject *object)
{
  WmLane *self = WM_LANE (object);

  g_clear_object (&self->cards);

  G_OBJECT_CLASS (wm_lane_parent_class)->dispose (object);
}

static void
wm_lane_finalize (GObject *object)
{
  WmLane *self = WM_LANE (object);

  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (wm_lane_parent_class)->finalize (object);
}

static void
wm_lane_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  WmLane *self = WM_LANE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_lane_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  WmLane *self = WM_LANE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      wm_lane_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_TITLE:
      wm_lane_set_title (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_lane_class_init (WmLaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wm_lane_dispose;
  object_class->finalize = wm_lane_finalize;
  object_class->get_property = wm_lane_get_property;
  object_class->set_property = wm_lane_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       WM_TYPE_LANE_KIND,
                       WM_LANE_ACTIONS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_lane_init (WmLane *self)
{
  self->kind = WM_LANE_ACTIONS;
  self->cards = g_list_store_new (WM_TYPE_CARD);
}

WmLane *
wm_lane_new (const char *id,
             WmLaneKind  kind,
             const char *title)
{
  /* The kind through its setter, which refuses unknown kinds quietly. */
  WmLane *self = g_object_new (WM_TYPE_LANE,
                               "id", id,
                               "title", title,
                               NULL);

  wm_lane_set_kind (self, kind);

  return self;
}

WmLaneKind
wm_lane_get_kind (WmLane *self)
{
  g_return_val_if_fail (WM_IS_LANE (self), WM_LANE_ACTIONS);

  return self->kind;
}

void
wm_lane_set_kind (WmLane     *self,
                  WmLaneKind  kind)
{
  g_return_if_fail (WM_IS_LANE (self));

  /* The writer would turn an unknown kind into "actions": refused. */
  if ((guint) kind > WM_LANE_NOTES)
    return;

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
wm_lane_get_title (WmLane *self)
{
  g_return_val_if_fail (WM_IS_LANE (self), NULL);

  return self->title;
}

void
wm_lane_set_title (WmLane     *self,
                   const char *title)
{
  g_return_if_fail (WM_IS_LANE (self));

  if (wm_item_set_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

GListStore *
wm_lane_get_cards (WmLane *self)
{
  g_return_val_if_fail (WM_IS_LANE (self), NULL);

  return self->cards;
}
