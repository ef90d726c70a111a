/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wm-lane-kind.h"

#define TOUCHPOINT_FIELDS (WM_CARD_FIELD_TOUCHPOINT | WM_CARD_FIELD_KEY | WM_CARD_FIELD_CHANNEL)
#define PAIN_FIELDS (WM_CARD_FIELD_SEVERITY | WM_CARD_FIELD_FREQUENCY)

static const WmLaneKindInfo kinds[] = {
  { WM_LANE_ACTIONS, "actions", N_("Actions"), WM_LANE_ACTIONS, "lane-actions-symbolic", TRUE, 0 },
  { WM_LANE_TOUCHPOINTS, "touchpoints", N_("Touchpoints"), WM_LANE_TOUCHPOINTS,
    "lane-touchpoints-symbolic", TRUE, TOUCHPOINT_FIELDS },
  { WM_LANE_THOUGHTS, "thoughts", N_("Thoughts"), WM_LANE_THOUGHTS, "lane-thoughts-symbolic", TRUE, 0 },
  { WM_LANE_EMOTION, "emotion", N_("Emotion"), WM_LANE_EMOTION, "lane-emotion-symbolic", FALSE, 0 },
  { WM_LANE_PAINS, "pains", N_("Pain points"), WM_LANE_PAINS, "lane-pains-symbolic", TRUE, PAIN_FIELDS },
  { WM_LANE_NEEDS, "needs", N_("Needs"), WM_LANE_NEEDS, "lane-needs-symbolic", TRUE, PAIN_FIELDS },
  { WM_LANE_OPPORTUNITIES, "opportunities", N_("Opportunities"), WM_LANE_OPPORTUNITIES,
    "lane-opportunities-symbolic", TRUE, WM_CARD_FIELD_OWNER },
  { WM_LANE_NOTES, "notes", N_("Notes"), WM_LANE_NOTES, "lane-notes-symbolic", TRUE, 0 },
};

static const struct { WmCardFields field; const char *property; const char *label; } fields[] = {
  { WM_CARD_FIELD_TOUCHPOINT, "touchpoint", N_("Touchpoint") },
  { WM_CARD_FIELD_KEY, "key", N_("Key Touchpoint") },
  { WM_CARD_FIELD_CHANNEL, "channel", N_("Channel") },
  { WM_CARD_FIELD_SEVERITY, "severity", N_("Severity") },
  { WM_CARD_FIELD_FREQUENCY, "frequency", N_("Frequency") },
  { WM_CARD_FIELD_OWNER, "owner", N_("Owner") },
};

const WmLaneKindInfo *
wm_lane_kind_get_info (WmLaneKind kind)
{
  /* An unknown kind reads as notes, as the lane's setter makes it. */
  if ((guint) kind >= G_N_ELEMENTS (kinds))
    kind = WM_LANE_NOTES;
  return &kinds[kind];
}

const char *
wm_lane_kind_get_label (WmLaneKind kind)
{
  return _(wm_lane_kind_get_info (kind)->label);
}

WmCardFields
wm_lane_kind_get_fields (WmLaneKind kind)
{
  return wm_lane_kind_get_info (kind)->fields;
}

gboolean
wm_lane_kind_holds_cards (WmLaneKind kind)
{
  return wm_lane_kind_get_info (kind)->holds_cards;
}

static WmCardFields
fields_with_values (WmCard *card)
{
  WmCardFields set = 0;

  if (wm_card_get_touchpoint (card) != WM_TOUCHPOINT_NONE)
    set |= WM_CARD_FIELD_TOUCHPOINT;
  if (wm_card_get_key (card))
    set |= WM_CARD_FIELD_KEY;
  if (wm_card_get_channel (card) != NULL)
    set |= WM_CARD_FIELD_CHANNEL;
  if (wm_card_get_severity (card) > 0)
    set |= WM_CARD_FIELD_SEVERITY;
  if (wm_card_get_frequency (card) > 0)
    set |= WM_CARD_FIELD_FREQUENCY;
  if (wm_card_get_owner (card) != NULL)
    set |= WM_CARD_FIELD_OWNER;
  return set;
}

WmCardFields
wm_card_get_fields (WmCard     *card,
                    WmLaneKind  kind)
{
  g_return_val_if_fail (WM_IS_CARD (card), 0);

  return wm_lane_kind_get_fields (kind) | fields_with_values (card);
}

const char *
wm_card_field_property (WmCardFields field)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i].field == field)
      return fields[i].property;
  g_return_val_if_reached (NULL);
}

const char *
wm_card_field_label (WmCardFields field)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i].field == field)
      return _(fields[i].label);
  g_return_val_if_reached (NULL);
}
