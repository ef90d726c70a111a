/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include "wm-item.h"
#include "wm-item-private.h"

typedef struct
{
  char      *id;
  WmForeign *foreign;
} WmItemPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (WmItem, wm_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wm_item_finalize (GObject *object)
{
  WmItem *self = WM_ITEM (object);
  WmItemPrivate *priv = wm_item_get_instance_private (self);

  g_clear_pointer (&priv->id, g_free);
  g_clear_pointer (&priv->foreign, wm_foreign_free);

  G_OBJECT_CLASS (wm_item_parent_class)->finalize (object);
}

static void
wm_item_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  WmItem *self = WM_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, wm_item_get_id (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_item_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  WmItem *self = WM_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      wm_item_set_id (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_item_class_init (WmItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wm_item_finalize;
  object_class->get_property = wm_item_get_property;
  object_class->set_property = wm_item_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_item_init (WmItem *self)
{
}

const char *
wm_item_get_id (WmItem *self)
{
  WmItemPrivate *priv = wm_item_get_instance_private (self);

  g_return_val_if_fail (WM_IS_ITEM (self), NULL);

  return priv->id;
}

void
wm_item_set_id (WmItem     *self,
                const char *id)
{
  WmItemPrivate *priv = wm_item_get_instance_private (self);

  g_return_if_fail (WM_IS_ITEM (self));

  if (wm_item_set_string (&priv->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

WmForeign *
wm_item_get_foreign (WmItem *self)
{
  WmItemPrivate *priv = wm_item_get_instance_private (self);

  g_return_val_if_fail (WM_IS_ITEM (self), NULL);

  if (priv->foreign == NULL)
    priv->foreign = wm_foreign_new ();

  return priv->foreign;
}

gboolean
wm_item_has_foreign (WmItem *self)
{
  WmItemPrivate *priv = wm_item_get_instance_private (self);

  g_return_val_if_fail (WM_IS_ITEM (self), FALSE);

  return !wm_foreign_is_empty (priv->foreign);
}
