/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "wm-card.h"
#include "wm-history.h"

G_BEGIN_DECLS

/* The inspector's PDCA group for an opportunity @card (issue 14): its
 * status (plan, do, check, act, done) and due date (YYYY-MM-DD), edited
 * as undoable steps. A date that is not one stays in the entry, marked,
 * and changes nothing. The rows follow undo and redo. */
void wm_inspector_add_pdca (AdwPreferencesPage *page,
                            WmHistory          *history,
                            WmCard             *card);

G_END_DECLS
