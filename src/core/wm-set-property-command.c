/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <math.h>

#include "wm-set-property-command.h"

struct _WmSetPropertyCommand
{
  WmCommand   parent_instance;

  GObject    *object;
  GParamSpec *pspec;
  GValue      old_value;
  GValue      new_value;
  char       *merge_key;
};

G_DEFINE_FINAL_TYPE (WmSetPropertyCommand, wm_set_property_command, WM_TYPE_COMMAND)

static void
wm_set_property_command_apply (WmCommand *command)
{
  WmSetPropertyCommand *self = WM_SET_PROPERTY_COMMAND (command);

  g_object_set_property (self->object, self->pspec->name, &self->new_value);
}

static void
wm_set_property_command_revert (WmCommand *command)
{
  WmSetPropertyCommand *self = WM_SET_PROPERTY_COMMAND (command);

  g_object_set_property (self->object, self->pspec->name, &self->old_value);
}

static gboolean
wm_set_property_command_merge (WmCommand *command,
                               WmCommand *other_command)
{
  WmSetPropertyCommand *self = WM_SET_PROPERTY_COMMAND (command);
  WmSetPropertyCommand *other = WM_SET_PROPERTY_COMMAND (other_command);

  if (self->merge_key == NULL ||
      g_strcmp0 (self->merge_key, other->merge_key) != 0 ||
      self->object != other->object ||
      self->pspec != other->pspec)
    return FALSE;

  g_value_copy (&other->new_value, &self->new_value);
  return TRUE;
}

static void
wm_set_property_command_finalize (GObject *object)
{
  WmSetPropertyCommand *self = WM_SET_PROPERTY_COMMAND (object);

  g_clear_object (&self->object);
  g_value_unset (&self->old_value);
  g_value_unset (&self->new_value);
  g_clear_pointer (&self->merge_key, g_free);

  G_OBJECT_CLASS (wm_set_property_command_parent_class)->finalize (object);
}

static void
wm_set_property_command_class_init (WmSetPropertyCommandClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  WmCommandClass *command_class = WM_COMMAND_CLASS (klass);

  object_class->finalize = wm_set_property_command_finalize;

  command_class->apply = wm_set_property_command_apply;
  command_class->revert = wm_set_property_command_revert;
  command_class->merge = wm_set_property_command_merge;
}

static void
wm_set_property_command_init (WmSetPropertyCommand *self)
{
}

/* A value GObject takes without a warning: an out-of-range number is
 * clamped and NaN becomes the default, as the setters would do anyway
 * (they refuse or clamp what the reader would not read back). */
static void
sanitize (GParamSpec *pspec,
          GValue     *value)
{
  if (G_IS_PARAM_SPEC_DOUBLE (pspec) && isnan (g_value_get_double (value)))
    g_param_value_set_default (pspec, value);
  else if (G_IS_PARAM_SPEC_FLOAT (pspec) && isnan (g_value_get_float (value)))
    g_param_value_set_default (pspec, value);

  g_param_value_validate (pspec, value);
}

WmCommand *
wm_set_property_command_new (GObject      *object,
                             const char   *property,
                             const GValue *value,
                             const char   *merge_key)
{
  WmSetPropertyCommand *self;
  GParamSpec *pspec;

  g_return_val_if_fail (G_IS_OBJECT (object), NULL);
  g_return_val_if_fail (property != NULL, NULL);
  g_return_val_if_fail (G_IS_VALUE (value), NULL);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  g_return_val_if_fail (pspec != NULL, NULL);

  self = g_object_new (WM_TYPE_SET_PROPERTY_COMMAND, NULL);
  self->object = g_object_ref (object);
  self->pspec = pspec;
  self->merge_key = g_strdup (merge_key);

  g_value_init (&self->old_value, pspec->value_type);
  g_object_get_property (object, pspec->name, &self->old_value);

  g_value_init (&self->new_value, pspec->value_type);
  if (!g_value_transform (value, &self->new_value))
    g_critical ("Cannot set “%s” from a %s", property, G_VALUE_TYPE_NAME (value));
  sanitize (pspec, &self->new_value);

  return WM_COMMAND (self);
}
