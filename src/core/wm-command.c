/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include "wm-command.h"

typedef struct
{
  char *label;
} WmCommandPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (WmCommand, wm_command, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
wm_command_real_merge (WmCommand *self,
                       WmCommand *other)
{
  return FALSE;
}

static void
wm_command_finalize (GObject *object)
{
  WmCommandPrivate *priv = wm_command_get_instance_private (WM_COMMAND (object));

  g_clear_pointer (&priv->label, g_free);

  G_OBJECT_CLASS (wm_command_parent_class)->finalize (object);
}

static void
wm_command_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  WmCommand *self = WM_COMMAND (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, wm_command_get_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_command_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  WmCommand *self = WM_COMMAND (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      wm_command_set_label (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_command_class_init (WmCommandClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wm_command_finalize;
  object_class->get_property = wm_command_get_property;
  object_class->set_property = wm_command_set_property;

  klass->merge = wm_command_real_merge;

  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_command_init (WmCommand *self)
{
}

void
wm_command_apply (WmCommand *self)
{
  g_return_if_fail (WM_IS_COMMAND (self));

  WM_COMMAND_GET_CLASS (self)->apply (self);
}

void
wm_command_revert (WmCommand *self)
{
  g_return_if_fail (WM_IS_COMMAND (self));

  WM_COMMAND_GET_CLASS (self)->revert (self);
}

gboolean
wm_command_merge (WmCommand *self,
                  WmCommand *other)
{
  g_return_val_if_fail (WM_IS_COMMAND (self), FALSE);
  g_return_val_if_fail (WM_IS_COMMAND (other), FALSE);

  if (G_OBJECT_TYPE (self) != G_OBJECT_TYPE (other))
    return FALSE;

  return WM_COMMAND_GET_CLASS (self)->merge (self, other);
}

const char *
wm_command_get_label (WmCommand *self)
{
  WmCommandPrivate *priv = wm_command_get_instance_private (self);

  g_return_val_if_fail (WM_IS_COMMAND (self), NULL);

  return priv->label;
}

void
wm_command_set_label (WmCommand  *self,
                      const char *label)
{
  WmCommandPrivate *priv = wm_command_get_instance_private (self);

  g_return_if_fail (WM_IS_COMMAND (self));

  if (g_strcmp0 (priv->label, label) == 0)
    return;

  g_free (priv->label);
  priv->label = g_strdup (label);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}
