/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "wm-item.h"

G_BEGIN_DECLS

#define WM_TYPE_PERSONA (wm_persona_get_type ())
G_DECLARE_FINAL_TYPE (WmPersona, wm_persona, WM, PERSONA, WmItem)

/* Properties: "id", "name", "color" (#rrggbb or NULL), "description",
 * "goals" (GStrv, may be NULL), "hidden" (curve not drawn). */
WmPersona          *wm_persona_new             (const char         *id);
const char         *wm_persona_get_name        (WmPersona          *self);
void                wm_persona_set_name        (WmPersona          *self,
                                                const char         *name);
const char         *wm_persona_get_color       (WmPersona          *self);
void                wm_persona_set_color       (WmPersona          *self,
                                                const char         *color);
const char         *wm_persona_get_description (WmPersona          *self);
void                wm_persona_set_description (WmPersona          *self,
                                                const char         *description);
const char * const *wm_persona_get_goals       (WmPersona          *self);
void                wm_persona_set_goals       (WmPersona          *self,
                                                const char * const *goals);
gboolean            wm_persona_get_hidden      (WmPersona          *self);
void                wm_persona_set_hidden      (WmPersona          *self,
                                                gboolean            hidden);

G_END_DECLS
