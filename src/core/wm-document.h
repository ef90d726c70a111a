/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "wm-item.h"
#include "wm-persona.h"
#include "wm-metric.h"
#include "wm-stage.h"
#include "wm-card.h"
#include "wm-lane.h"
#include "wm-curve-point.h"
#include "wm-curve.h"
#include "wm-moment.h"

G_BEGIN_DECLS

#define WM_TYPE_DOCUMENT (wm_document_get_type ())
G_DECLARE_FINAL_TYPE (WmDocument, wm_document, WM, DOCUMENT, WmItem)

/* The one source of truth for a journey map. Properties: "title",
 * "scenario", "lang" (xml:lang, e.g. "zh-CN", or NULL).
 *
 * Collections are GListStores; change them (and every item's properties)
 * only through WmCommands pushed on a WmHistory, so that undo, the modified
 * flag and autosave see every edit. The history emits ::changed on the
 * document after each apply or revert. */

WmDocument *wm_document_new             (void);
const char *wm_document_get_title       (WmDocument *self);
void        wm_document_set_title       (WmDocument *self,
                                         const char *title);
const char *wm_document_get_scenario    (WmDocument *self);
void        wm_document_set_scenario    (WmDocument *self,
                                         const char *scenario);
const char *wm_document_get_lang        (WmDocument *self);
void        wm_document_set_lang        (WmDocument *self,
                                         const char *lang);

GListStore *wm_document_get_personas    (WmDocument *self);
GListStore *wm_document_get_stages      (WmDocument *self);
GListStore *wm_document_get_lanes       (WmDocument *self);
GListStore *wm_document_get_curves      (WmDocument *self);
GListStore *wm_document_get_moments     (WmDocument *self);

/* Namespace declarations other than ours on <map>, in file order, kept for
 * foreign attributes and elements: a flat array of strings, prefix, href,
 * prefix, href… The first declaration of a prefix wins. */
GPtrArray  *wm_document_get_namespaces  (WmDocument *self);
void        wm_document_add_namespace   (WmDocument *self,
                                         const char *prefix,
                                         const char *href);

/* Lookups by id; NULL (or -1) when absent. */
WmPersona  *wm_document_find_persona    (WmDocument *self,
                                         const char *id);
WmStage    *wm_document_find_stage      (WmDocument *self,
                                         const char *id);
int         wm_document_stage_index     (WmDocument *self,
                                         const char *id);
WmLane     *wm_document_find_lane       (WmDocument *self,
                                         const char *id);
WmCurve    *wm_document_find_curve      (WmDocument *self,
                                         const char *persona);
WmMoment   *wm_document_find_moment     (WmDocument *self,
                                         const char *id);
/* The card with @id and, if @lane is not NULL, the lane that holds it. */
WmCard     *wm_document_find_card       (WmDocument *self,
                                         const char *id,
                                         WmLane    **lane);
guint       wm_document_count_cards     (WmDocument *self);

/* A fresh id, unused in the map: @prefix followed by a number. */
char       *wm_document_make_id         (WmDocument *self,
                                         const char *prefix);

/* Emits ::changed. Called by WmHistory after an apply or a revert. */
void        wm_document_emit_changed    (WmDocument *self);

/* Item @position of a document list, borrowed: the list keeps it alive
 * (NULL past the end). */
static inline gpointer
wm_list_peek (GListStore *store,
              guint       position)
{
  gpointer item = g_list_model_get_item (G_LIST_MODEL (store), position);

  if (item != NULL)
    g_object_unref (item);
  return item;
}

G_END_DECLS
