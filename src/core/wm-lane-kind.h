/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "wm-card.h"
#include "wm-enums.h"

G_BEGIN_DECLS

/* What each lane kind is: the one table the inspector, the outline, the
 * canvas and the edit layer read, so they never disagree about which
 * fields a card has.
 *
 * The rule: a card has the fields of its lane's kind (touchpoint, key and
 * channel on touchpoints; severity and frequency on pains and needs,
 * whatever their values; owner on opportunities), plus any field it
 * already holds a value in (a hand-written file, a card moved from another
 * lane), so that no value is ever hidden where it cannot be cleared. */

typedef enum
{
  WM_CARD_FIELD_TOUCHPOINT = 1 << 0,
  WM_CARD_FIELD_KEY        = 1 << 1,
  WM_CARD_FIELD_CHANNEL    = 1 << 2,
  WM_CARD_FIELD_SEVERITY   = 1 << 3,
  WM_CARD_FIELD_FREQUENCY  = 1 << 4,
  WM_CARD_FIELD_OWNER      = 1 << 5,
} WmCardFields;

#define WM_CARD_FIELD_LAST WM_CARD_FIELD_OWNER

typedef struct
{
  WmLaneKind    kind;
  const char   *token;       /* the file format's */
  const char   *label;       /* English, untranslated: use wm_lane_kind_get_label() */
  guint         color_role;  /* index into WmStyle's lane_color */
  const char   *icon_name;
  gboolean      holds_cards; /* the emotion lane draws curves instead */
  WmCardFields  fields;
} WmLaneKindInfo;

const WmLaneKindInfo *wm_lane_kind_get_info   (WmLaneKind    kind);
const char           *wm_lane_kind_get_label  (WmLaneKind    kind);
WmCardFields          wm_lane_kind_get_fields (WmLaneKind    kind);
gboolean              wm_lane_kind_holds_cards (WmLaneKind   kind);

/* The fields @card shows in a lane of @kind (the rule above). */
WmCardFields          wm_card_get_fields      (WmCard       *card,
                                               WmLaneKind    kind);
/* The WmCard property behind one field, e.g. "severity". */
const char           *wm_card_field_property  (WmCardFields  field);
/* The translated label of one field, e.g. "Severity". */
const char           *wm_card_field_label     (WmCardFields  field);

G_END_DECLS
