/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "wm-document.h"

G_BEGIN_DECLS

/* Where a merge writes down what it could not decide. */
#define WM_MERGE_NAMESPACE "urn:waymark:merge:1"
#define WM_MERGE_PREFIX    "wmm"

/* A three-way merge of two versions of a map made from @base, item by
 * item (matched by id): what only one side changed is taken, what both
 * changed alike once, and additions keep their place (ours before theirs
 * where both added at one spot). A conflict (one attribute or text changed
 * differently, an item deleted on one side and changed on the other)
 * keeps our value, or the changed item, and marks the item with a
 * wmm:conflict attribute (namespace WM_MERGE_NAMESPACE) saying what the
 * other side had, so the result always loads and validates. Each conflict
 * is appended to @conflicts as "card “c7”: severity: ours 3, theirs 5". */
WmDocument *wm_merge (WmDocument  *base,
                      WmDocument  *ours,
                      WmDocument  *theirs,
                      GPtrArray   *conflicts,
                      GError     **error);

/* The wmm:conflict of @item (a WmItem of @document), whatever prefix the
 * file binds the merge namespace to; NULL when it has none. */
const char *wm_merge_get_conflict (WmDocument  *document,
                                   gpointer     item);

G_END_DECLS
