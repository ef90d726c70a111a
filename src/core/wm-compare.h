/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "wm-document.h"

G_BEGIN_DECLS

/* A map compared with another version of itself (File ▸ Compare With…,
 * `waymark diff --format pdf`): the diff of @before (the other version)
 * to @after (the map shown), kept up to date as @after is edited, and
 * what it says of each card, for the overlay wm_render draws. */

#define WM_TYPE_COMPARE (wm_compare_get_type ())
G_DECLARE_FINAL_TYPE (WmCompare, wm_compare, WM, COMPARE, GObject)

typedef enum
{
  WM_COMPARE_SAME,
  WM_COMPARE_ADDED,
  WM_COMPARE_CHANGED,
  WM_COMPARE_MOVED,
} WmCompareMark;

WmCompare     *wm_compare_new        (WmDocument *before,
                                      WmDocument *after);
WmDocument    *wm_compare_get_before (WmCompare  *self);
WmDocument    *wm_compare_get_after  (WmCompare  *self);
/* The diff as wm_diff() gives it, recomputed after @after changed; NULL
 * when it could not be made (a map past the bounds). Owned by @self. */
JsonNode      *wm_compare_get_diff   (WmCompare  *self);
WmCompareMark  wm_compare_get_mark   (WmCompare  *self,
                                      const char *card_id);

typedef enum
{
  WM_COMPARE_ROW_ADDED,
  WM_COMPARE_ROW_REMOVED,
  WM_COMPARE_ROW_CHANGED,
  WM_COMPARE_ROW_MOVED,
  WM_COMPARE_ROW_REORDERED,
  WM_COMPARE_ROW_CURVE,
  WM_COMPARE_ROW_BETTER,   /* a metric */
  WM_COMPARE_ROW_WORSE,
  WM_COMPARE_ROW_METRIC,   /* new, gone or the same */
  WM_COMPARE_ROW_PAIN,     /* a pain's frequency */
} WmCompareRowKind;

/* One change, for a person: the change list and the comparison PDF. */
typedef struct
{
  WmCompareRowKind  kind;
  /* What to select on the map: the item in @after, or NULL (removed, or
   * not an item). Not owned; valid until @after changes. */
  GObject          *item;
  /* Translated; the map's own text clipped to one short line (never
   * markup). */
  char             *text;
} WmCompareRow;

/* wm-compare-rows.c: the diff as rows (WmCompareRow*, to unref), in the
 * diff's order: items, then curves, metrics and pains. */
GPtrArray     *wm_compare_get_rows   (WmCompare  *self);

/* wm-compare-pdf.c: the comparison for stakeholders: @after with the
 * overlay on a page of its own (with a key to the marks), then the
 * changes in words on A4 pages. */
GBytes        *wm_compare_to_pdf     (WmCompare  *self,
                                      GError    **error);

G_END_DECLS
