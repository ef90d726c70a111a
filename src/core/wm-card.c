/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include "wm-card.h"
#include "wm-item-private.h"

struct _WmCard
{
  WmItem        parent_instance;

  char         *stage;
  char         *text;
  WmTouchpoint  touchpoint;
  gboolean      key;
  char         *channel;
  guint         severity;
  guint         frequency;
  char         *owner;
  guint         span;
  char         *color;
  guint64       serial;
};

G_DEFINE_FINAL_TYPE (WmCard, wm_card, WM_TYPE_ITEM)

/* One counter for all cards, so a serial is never seen twice even when a
 * new card takes a freed card's address. */
static guint64 last_serial;

static guint64
next_serial (void)
{
  return ++last_serial;
}

enum {
  PROP_0,
  PROP_STAGE,
  PROP_TEXT,
  PROP_TOUCHPOINT,
  PROP_KEY,
  PROP_CHANNEL,
  PROP_SEVERITY,
  PROP_FREQUENCY,
  PROP_OWNER,
  PROP_SPAN,
  PROP_COLOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wm_card_finalize (GObject *object)
{
  WmCard *self = WM_CARD (object);

  g_clear_pointer (&self->stage, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->channel, g_free);
  g_clear_pointer (&self->owner, g_free);
  g_clear_pointer (&self->color, g_free);

  G_OBJECT_CLASS (wm_card_parent_class)->finalize (object);
}

static void
wm_card_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  WmCard *self = WM_CARD (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      g_value_set_string (value, self->stage);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_TOUCHPOINT:
      g_value_set_enum (value, self->touchpoint);
      break;

    case PROP_KEY:
      g_value_set_boolean (value, self->key);
      break;

    case PROP_CHANNEL:
      g_value_set_string (value, self->channel);
      break;

    case PROP_SEVERITY:
      g_value_set_uint (value, self->severity);
      break;

    case PROP_FREQUENCY:
      g_value_set_uint (value, self->frequency);
      break;

    case PROP_OWNER:
      g_value_set_string (value, self->owner);
      break;

    case PROP_SPAN:
      g_value_set_uint (value, self->span);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_card_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  WmCard *self = WM_CARD (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      wm_card_set_stage (self, g_value_get_string (value));
      break;

    case PROP_TEXT:
      wm_card_set_text (self, g_value_get_string (value));
      break;

    case PROP_TOUCHPOINT:
      wm_card_set_touchpoint (self, g_value_get_enum (value));
      break;

    case PROP_KEY:
      wm_card_set_key (self, g_value_get_boolean (value));
      break;

    case PROP_CHANNEL:
      wm_card_set_channel (self, g_value_get_string (value));
      break;

    case PROP_SEVERITY:
      wm_card_set_severity (self, g_value_get_uint (value));
      break;

    case PROP_FREQUENCY:
      wm_card_set_frequency (self, g_value_get_uint (value));
      break;

    case PROP_OWNER:
      wm_card_set_owner (self, g_value_get_string (value));
      break;

    case PROP_SPAN:
      wm_card_set_span (self, g_value_get_uint (value));
      break;

    case PROP_COLOR:
      wm_card_set_color (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Every real change notifies; that is where the serial moves. */
static void
wm_card_dispatch_properties_changed (GObject     *object,
                                     guint        n_pspecs,
                                     GParamSpec **pspecs)
{
  WM_CARD (object)->serial = next_serial ();

  G_OBJECT_CLASS (wm_card_parent_class)->dispatch_properties_changed (object, n_pspecs, pspecs);
}

static void
wm_card_class_init (WmCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wm_card_finalize;
  object_class->dispatch_properties_changed = wm_card_dispatch_properties_changed;
  object_class->get_property = wm_card_get_property;
  object_class->set_property = wm_card_set_property;

  properties[PROP_STAGE] =
    g_param_spec_string ("stage", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TOUCHPOINT] =
    g_param_spec_enum ("touchpoint", NULL, NULL,
                       WM_TYPE_TOUCHPOINT,
                       WM_TOUCHPOINT_NONE,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_KEY] =
    g_param_spec_boolean ("key", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CHANNEL] =
    g_param_spec_string ("channel", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SEVERITY] =
    g_param_spec_uint ("severity", NULL, NULL,
                       0, WM_SEVERITY_MAX, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_FREQUENCY] =
    g_param_spec_uint ("frequency", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_OWNER] =
    g_param_spec_string ("owner", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SPAN] =
    g_param_spec_uint ("span", NULL, NULL,
                       1, G_MAXUINT, 1,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_card_init (WmCard *self)
{
  self->serial = next_serial ();
  self->touchpoint = WM_TOUCHPOINT_NONE;
  self->span = 1;
}

void
wm_card_touch (WmCard *self)
{
  g_return_if_fail (WM_IS_CARD (self));

  self->serial = next_serial ();
}

WmCard *
wm_card_new (const char *id,
             const char *stage,
             const char *text)
{
  return g_object_new (WM_TYPE_CARD,
                       "id", id,
                       "stage", stage,
                       "text", text,
                       NULL);
}

const char *
wm_card_get_stage (WmCard *self)
{
  g_return_val_if_fail (WM_IS_CARD (self), NULL);

  return self->stage;
}

void
wm_card_set_stage (WmCard     *self,
                   const char *stage)
{
  g_return_if_fail (WM_IS_CARD (self));

  if (wm_item_set_string (&self->stage, stage))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
}

const char *
wm_card_get_text (WmCard *self)
{
  g_return_val_if_fail (WM_IS_CARD (self), NULL);

  return self->text;
}

void
wm_card_set_text (WmCard     *self,
                  const char *text)
{
  g_return_if_fail (WM_IS_CARD (self));

  if (wm_item_set_string (&self->text, text))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

WmTouchpoint
wm_card_get_touchpoint (WmCard *self)
{
  g_return_val_if_fail (WM_IS_CARD (self), WM_TOUCHPOINT_NONE);

  return self->touchpoint;
}

void
wm_card_set_touchpoint (WmCard       *self,
                        WmTouchpoint  touchpoint)
{
  g_return_if_fail (WM_IS_CARD (self));

  /* Any other number would be written as "pre" (the writer's fallback). */
  if ((guint) touchpoint > WM_TOUCHPOINT_MISSED)
    touchpoint = WM_TOUCHPOINT_NONE;

  if (self->touchpoint == touchpoint)
    return;

  self->touchpoint = touchpoint;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOUCHPOINT]);
}

gboolean
wm_card_get_key (WmCard *self)
{
  g_return_val_if_fail (WM_IS_CARD (self), FALSE);

  return self->key;
}

void
wm_card_set_key (WmCard   *self,
                 gboolean  key)
{
  g_return_if_fail (WM_IS_CARD (self));

  key = !!key;

  if (self->key == key)
    return;

  self->key = key;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY]);
}

const char *
wm_card_get_channel (WmCard *self)
{
  g_return_val_if_fail (WM_IS_CARD (self), NULL);

  return self->channel;
}

void
wm_card_set_channel (WmCard     *self,
                     const char *channel)
{
  g_return_if_fail (WM_IS_CARD (self));

  if (wm_item_set_string (&self->channel, channel))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL]);
}

guint
wm_card_get_severity (WmCard *self)
{
  g_return_val_if_fail (WM_IS_CARD (self), 0);

  return self->severity;
}

void
wm_card_set_severity (WmCard *self,
                      guint   severity)
{
  g_return_if_fail (WM_IS_CARD (self));

  /* The reader's range; 0 means none and is not written. */
  severity = MIN (severity, WM_SEVERITY_MAX);

  if (self->severity == severity)
    return;

  self->severity = severity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEVERITY]);
}

guint
wm_card_get_frequency (WmCard *self)
{
  g_return_val_if_fail (WM_IS_CARD (self), 0);

  return self->frequency;
}

void
wm_card_set_frequency (WmCard *self,
                       guint   frequency)
{
  g_return_if_fail (WM_IS_CARD (self));

  if (self->frequency == frequency)
    return;

  self->frequency = frequency;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FREQUENCY]);
}

const char *
wm_card_get_owner (WmCard *self)
{
  g_return_val_if_fail (WM_IS_CARD (self), NULL);

  return self->owner;
}

void
wm_card_set_owner (WmCard     *self,
                   const char *owner)
{
  g_return_if_fail (WM_IS_CARD (self));

  if (wm_item_set_string (&self->owner, owner))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER]);
}

guint
wm_card_get_span (WmCard *self)
{
  g_return_val_if_fail (WM_IS_CARD (self), 1);

  return self->span;
}

void
wm_card_set_span (WmCard *self,
                  guint   span)
{
  g_return_if_fail (WM_IS_CARD (self));

  /* How far past the last stage a span may reach depends on the map:
   * wm-edits.c clamps that; a card alone only knows it covers one. */
  span = MAX (span, 1);

  if (self->span == span)
    return;

  self->span = span;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPAN]);
}

const char *
wm_card_get_color (WmCard *self)
{
  g_return_val_if_fail (WM_IS_CARD (self), NULL);

  return self->color;
}

void
wm_card_set_color (WmCard     *self,
                   const char *color)
{
  g_return_if_fail (WM_IS_CARD (self));

  /* Anything but "#rrggbb" would make the file unreadable: refused. */
  if (color != NULL && color[0] != '\0' && !wm_rules_color_is_valid (color))
    return;

  if (wm_item_set_string (&self->color, color))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

WmCard *
wm_card_duplicate (WmCard     *self,
                   const char *id)
{
  WmCard *copy;

  g_return_val_if_fail (WM_IS_CARD (self), NULL);

  copy = wm_card_new (id, self->stage, self->text);
  copy->touchpoint = self->touchpoint;
  copy->key = self->key;
  copy->channel = g_strdup (self->channel);
  copy->severity = self->severity;
  copy->frequency = self->frequency;
  copy->owner = g_strdup (self->owner);
  copy->span = self->span;
  copy->color = g_strdup (self->color);

  if (wm_item_has_foreign (WM_ITEM (self)))
    {
      WmForeign *from = wm_item_get_foreign (WM_ITEM (self));
      WmForeign *to = wm_item_get_foreign (WM_ITEM (copy));

      for (guint i = 0; i < from->attrs->len; i++)
        {
          const WmForeignAttr *attr = g_ptr_array_index (from->attrs, i);

          wm_foreign_add_attr (to, attr->prefix, attr->name, attr->value);
        }

      /* With their anchors, so each is written back where it was. */
      for (guint i = 0; i < from->elements->len; i++)
        wm_foreign_add_element_before (to, g_ptr_array_index (from->elements, i),
                                       wm_foreign_get_anchor (from, i));
    }

  return copy;
}

guint64
wm_card_get_serial (WmCard *self)
{
  g_return_val_if_fail (WM_IS_CARD (self), 0);

  return self->serial;
}
