/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wm-enums.h"
#include "wm-lane-kind.h"
#include "wm-enum-types.h"

gboolean
wm_enum_from_nick (GType       type,
                   const char *nick,
                   int        *value)
{
  GEnumClass *klass;
  GEnumValue *ev;

  g_return_val_if_fail (G_TYPE_IS_ENUM (type), FALSE);

  if (nick == NULL)
    return FALSE;

  /* Kept referenced for the life of the program: the nicks are static. */
  klass = g_type_class_ref (type);
  ev = g_enum_get_value_by_nick (klass, nick);
  if (ev == NULL)
    return FALSE;

  if (value != NULL)
    *value = ev->value;

  return TRUE;
}

const char *
wm_enum_to_nick (GType type,
                 int   value)
{
  GEnumClass *klass;
  GEnumValue *ev;

  g_return_val_if_fail (G_TYPE_IS_ENUM (type), NULL);

  klass = g_type_class_ref (type);
  ev = g_enum_get_value (klass, value);

  return ev != NULL ? ev->value_nick : NULL;
}

const char *
wm_lane_kind_label (WmLaneKind kind)
{
  g_return_val_if_fail ((guint) kind <= WM_LANE_NOTES, NULL);

  /* The lane-kind table has the one name of each kind. */
  return wm_lane_kind_get_label (kind);
}

const char *
wm_touchpoint_label (WmTouchpoint touchpoint)
{
  switch (touchpoint)
    {
    case WM_TOUCHPOINT_NONE:
      return _("Not a touchpoint");
    case WM_TOUCHPOINT_PRE:
      return _("Pre-touchpoint");
    case WM_TOUCHPOINT_FIRST:
      return _("First touchpoint");
    case WM_TOUCHPOINT_CORE:
      return _("Core touchpoint");
    case WM_TOUCHPOINT_MISSED:
      return _("Missed touchpoint");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
wm_moment_kind_label (WmMomentKind kind)
{
  switch (kind)
    {
    case WM_MOMENT_AHA:
      return _("Aha-moment");
    case WM_MOMENT_MICRO:
      return _("Micro-moment");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
wm_metric_kind_label (WmMetricKind kind)
{
  switch (kind)
    {
    case WM_METRIC_NPS:
      /* Translators: Net Promoter Score */
      return _("NPS");
    case WM_METRIC_CES:
      /* Translators: Customer Effort Score */
      return _("CES");
    case WM_METRIC_CSAT:
      /* Translators: Customer Satisfaction */
      return _("CSAT");
    default:
      g_return_val_if_reached (NULL);
    }
}
