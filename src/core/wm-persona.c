/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include "wm-persona.h"
#include "wm-item-private.h"

struct _WmPersona
{
  WmItem   parent_instance;

  char    *name;
  char    *color;
  char    *description;
  char   **goals;
  gboolean hidden;
};

G_DEFINE_FINAL_TYPE (WmPersona, wm_persona, WM_TYPE_ITEM)

enum {
  PROP_0,
  PROP_NAME,
  PROP_COLOR,
  PROP_DESCRIPTION,
  PROP_GOALS,
  PROP_HIDDEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wm_persona_finalize (GObject *object)
{
  WmPersona *self = WM_PERSONA (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->color, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->goals, g_strfreev);

  G_OBJECT_CLASS (wm_persona_parent_class)->finalize (object);
}

static void
wm_persona_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  WmPersona *self = WM_PERSONA (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_GOALS:
      g_value_set_boxed (value, self->goals);
      break;

    case PROP_HIDDEN:
      g_value_set_boolean (value, self->hidden);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_persona_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  WmPersona *self = WM_PERSONA (object);

  switch (prop_id)
    {
    case PROP_NAME:
      wm_persona_set_name (self, g_value_get_string (value));
      break;

    case PROP_COLOR:
      wm_persona_set_color (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      wm_persona_set_description (self, g_value_get_string (value));
      break;

    case PROP_GOALS:
      wm_persona_set_goals (self, g_value_get_boxed (value));
      break;

    case PROP_HIDDEN:
      wm_persona_set_hidden (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_persona_class_init (WmPersonaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wm_persona_finalize;
  object_class->get_property = wm_persona_get_property;
  object_class->set_property = wm_persona_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_GOALS] =
    g_param_spec_boxed ("goals", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_HIDDEN] =
    g_param_spec_boolean ("hidden", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_persona_init (WmPersona *self)
{
}

WmPersona *
wm_persona_new (const char *id)
{
  return g_object_new (WM_TYPE_PERSONA,
                       "id", id,
                       NULL);
}

const char *
wm_persona_get_name (WmPersona *self)
{
  g_return_val_if_fail (WM_IS_PERSONA (self), NULL);

  return self->name;
}

void
wm_persona_set_name (WmPersona  *self,
                     const char *name)
{
  g_return_if_fail (WM_IS_PERSONA (self));

  if (wm_item_set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
wm_persona_get_color (WmPersona *self)
{
  g_return_val_if_fail (WM_IS_PERSONA (self), NULL);

  return self->color;
}

void
wm_persona_set_color (WmPersona  *self,
                      const char *color)
{
  g_return_if_fail (WM_IS_PERSONA (self));

  /* Anything but "#rrggbb" would make the file unreadable: refused. */
  if (color != NULL && color[0] != '\0' && !wm_rules_color_is_valid (color))
    return;

  if (wm_item_set_string (&self->color, color))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

const char *
wm_persona_get_description (WmPersona *self)
{
  g_return_val_if_fail (WM_IS_PERSONA (self), NULL);

  return self->description;
}

void
wm_persona_set_description (WmPersona  *self,
                            const char *description)
{
  g_return_if_fail (WM_IS_PERSONA (self));

  if (wm_item_set_string (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

const char * const *
wm_persona_get_goals (WmPersona *self)
{
  g_return_val_if_fail (WM_IS_PERSONA (self), NULL);

  return (const char * const *) self->goals;
}

/* @goals as the reader gives them back: each made valid, empty ones
 * dropped (the reader skips an empty <goal/>). */
static char **
valid_goals (const char * const *goals)
{
  GPtrArray *valid = g_ptr_array_new ();

  for (guint i = 0; goals != NULL && goals[i] != NULL; i++)
    if (goals[i][0] != '\0')
      g_ptr_array_add (valid, wm_rules_normalize_text (goals[i], -1));
  g_ptr_array_add (valid, NULL);

  return (char **) g_ptr_array_free (valid, FALSE);
}

void
wm_persona_set_goals (WmPersona          *self,
                      const char * const *goals)
{
  g_auto(GStrv) valid = NULL;
  const char * const *current;

  g_return_if_fail (WM_IS_PERSONA (self));

  valid = valid_goals (goals);
  goals = (const char * const *) valid;

  /* An empty list is stored as NULL, like an empty string. */
  if (goals != NULL && goals[0] == NULL)
    goals = NULL;

  current = (const char * const *) self->goals;
  if (current == goals)
    return;
  if (current != NULL && goals != NULL && g_strv_equal (current, goals))
    return;

  g_strfreev (self->goals);
  self->goals = g_strdupv ((char **) goals);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GOALS]);
}

gboolean
wm_persona_get_hidden (WmPersona *self)
{
  g_return_val_if_fail (WM_IS_PERSONA (self), FALSE);

  return self->hidden;
}

void
wm_persona_set_hidden (WmPersona *self,
                       gboolean   hidden)
{
  g_return_if_fail (WM_IS_PERSONA (self));

  hidden = !!hidden;

  if (self->hidden == hidden)
    return;

  self->hidden = hidden;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN]);
}
