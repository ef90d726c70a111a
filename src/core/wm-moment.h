/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "wm-item.h"

G_BEGIN_DECLS

#define WM_TYPE_MOMENT (wm_moment_get_type ())
G_DECLARE_FINAL_TYPE (WmMoment, wm_moment, WM, MOMENT, WmItem)

/* Properties: "id", "kind" (WmMomentKind), "persona", "stage", "at" (0..1), "text". */
WmMoment     *wm_moment_new         (const char   *id,
                                     WmMomentKind  kind,
                                     const char   *persona,
                                     const char   *stage);
WmMomentKind  wm_moment_get_kind    (WmMoment     *self);
void          wm_moment_set_kind    (WmMoment     *self,
                                     WmMomentKind  kind);
const char   *wm_moment_get_persona (WmMoment     *self);
void          wm_moment_set_persona (WmMoment     *self,
                                     const char   *persona);
const char   *wm_moment_get_stage   (WmMoment     *self);
void          wm_moment_set_stage   (WmMoment     *self,
                                     const char   *stage);
double        wm_moment_get_at      (WmMoment     *self);
void          wm_moment_set_at      (WmMoment     *self,
                                     double        at);
const char   *wm_moment_get_text    (WmMoment     *self);
void          wm_moment_set_text    (WmMoment     *self,
                                     const char   *text);

G_END_DECLS
