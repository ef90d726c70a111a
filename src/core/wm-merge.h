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
 * other side had, and with theirs' values exactly (wmm:theirs-NAME…, see
 * data/waymark-format.md), so the result always loads and validates. Both
 * sides reordering one kind of child differently is a conflict (ours
 * stays); reorders of different kinds both apply. A prefix theirs binds
 * to another namespace than ours is renamed. Each conflict is appended to
 * @conflicts as "card “c7”: severity: ours 3, theirs 5". */
WmDocument *wm_merge (WmDocument  *base,
                      WmDocument  *ours,
                      WmDocument  *theirs,
                      GPtrArray   *conflicts,
                      GError     **error);

/* What resolving a conflict can do: take nothing back (the item was
 * restored because the other side still uses it: "Keep"), choose between
 * our value and theirs ("Keep Ours", "Keep Theirs"), or keep or delete an
 * item one side deleted and the other changed ("Keep", "Delete"). */
typedef enum
{
  WM_MERGE_CHOICE_NONE,
  WM_MERGE_CHOICE_SIDES,
  WM_MERGE_CHOICE_DELETE,
} WmMergeChoice;

/* The items of @document (the document itself, personas, stages,
 * metrics, lanes, cards, curves, points, moments) that have a
 * wmm:conflict, in the order of the map (a new reference each). */
GPtrArray    *wm_merge_list_conflicts (WmDocument  *document);
WmMergeChoice wm_merge_get_choice     (WmDocument  *document,
                                       gpointer     item);
/* A new document: @document with the conflict of @item (one of
 * wm_merge_list_conflicts()) resolved, its wmm: attributes gone, and the
 * namespace declaration with the last of them. @other FALSE keeps what
 * the map holds (ours, or the changed item); TRUE takes theirs, or
 * deletes the item. Hand it to wm_replace_command_new() for one
 * undoable step. */
WmDocument   *wm_merge_resolve        (WmDocument  *document,
                                       gpointer     item,
                                       gboolean     other,
                                       GError     **error);

/* The wmm:conflict of @item (a WmItem of @document), whatever prefix the
 * file binds the merge namespace to; NULL when it has none. */
const char *wm_merge_get_conflict (WmDocument  *document,
                                   gpointer     item);

G_END_DECLS
