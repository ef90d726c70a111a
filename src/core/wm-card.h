/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "wm-item.h"

G_BEGIN_DECLS

#define WM_TYPE_CARD (wm_card_get_type ())
G_DECLARE_FINAL_TYPE (WmCard, wm_card, WM, CARD, WmItem)

/* Properties: "id", "stage" (a stage id), "text", "touchpoint" (WmTouchpoint),
 * "key" (key touchpoint), "channel", "severity" (0 = none, 1..5),
 * "frequency" (uint, 0 = none), "owner", "span" (uint >= 1), "color". */
WmCard       *wm_card_new            (const char  *id,
                                      const char  *stage,
                                      const char  *text);
const char   *wm_card_get_stage      (WmCard      *self);
void          wm_card_set_stage      (WmCard      *self,
                                      const char  *stage);
const char   *wm_card_get_text       (WmCard      *self);
void          wm_card_set_text       (WmCard      *self,
                                      const char  *text);
WmTouchpoint  wm_card_get_touchpoint (WmCard      *self);
void          wm_card_set_touchpoint (WmCard      *self,
                                      WmTouchpoint touchpoint);
gboolean      wm_card_get_key        (WmCard      *self);
void          wm_card_set_key        (WmCard      *self,
                                      gboolean     key);
const char   *wm_card_get_channel    (WmCard      *self);
void          wm_card_set_channel    (WmCard      *self,
                                      const char  *channel);
guint         wm_card_get_severity   (WmCard      *self);
void          wm_card_set_severity   (WmCard      *self,
                                      guint        severity);
guint         wm_card_get_frequency  (WmCard      *self);
void          wm_card_set_frequency  (WmCard      *self,
                                      guint        frequency);
const char   *wm_card_get_owner      (WmCard      *self);
void          wm_card_set_owner      (WmCard      *self,
                                      const char  *owner);
guint         wm_card_get_span       (WmCard      *self);
void          wm_card_set_span       (WmCard      *self,
                                      guint        span);
const char   *wm_card_get_color      (WmCard      *self);
void          wm_card_set_color      (WmCard      *self,
                                      const char  *color);
/* Changes whenever a property really changes, and differs between any two
 * cards: what the layout's measurements are keyed on. */
guint64       wm_card_get_serial     (WmCard      *self);
/* The card changed outside its properties (its evidence, another tool's
 * attributes): moves the serial, so layouts and redraws see it. */
void          wm_card_touch          (WmCard      *self);
/* A new card with the same attributes and text, and the given id. */
WmCard       *wm_card_duplicate      (WmCard      *self,
                                      const char  *id);

G_END_DECLS
