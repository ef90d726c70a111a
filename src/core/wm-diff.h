/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "wm-document.h"

G_BEGIN_DECLS

/* What changed from @before to @after, items matched by id, as the JSON
 * object README.md ("Comparing versions") documents: "equal", "changes"
 * (items added, removed, changed or moved, with each attribute's before
 * and after), "curves" (per persona and stage), "metrics" (per stage, with
 * a verdict: NPS and CSAT up are better, CES down) and "pains" (frequency
 * change in %). */
JsonNode *wm_diff         (WmDocument  *before,
                           WmDocument  *after,
                           GError     **error);
gboolean  wm_diff_is_equal (JsonNode   *diff);
/* The same, one line per change, for a person (translated). */
char     *wm_diff_to_text (JsonNode    *diff);

G_END_DECLS
