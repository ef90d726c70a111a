/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "wm-card.h"
#include "wm-history.h"

G_BEGIN_DECLS

/* The inspector's Evidence group for @card (issue 14): its basis (none,
 * assumption, anecdote, data) and source, edited as undoable steps, and
 * its verbatim quotes in an expander. The rows follow undo and redo. */
void wm_inspector_add_evidence (AdwPreferencesPage *page,
                                WmHistory          *history,
                                WmCard             *card);

G_END_DECLS
