/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "wm-csv.h"
#include "wm-history.h"

G_BEGIN_DECLS

/* The voice of the customer, imported (issue 14, seeds 001 and 004):
 * feedback rows (complaints, inquiries, suggestions, praise) become pain
 * and need cards grouped by stage and tag, Aha- and micro-moment
 * candidates, a CSAT metric per stage and a suggested emotion curve.
 *
 * Cards made from feedback carry their evidence as attributes in the
 * namespace WM_EVIDENCE_NAMESPACE (another tool's annotations to the
 * file format, so older Waymarks keep them): ev:basis="data", ev:key
 * (stage id + "/" + tag: what a re-import updates instead of
 * duplicating), ev:source (the file), ev:records (the record ids behind
 * the card) and up to WM_FEEDBACK_MAX_QUOTES <ev:quote record="ID">
 * children with verbatim text. */

#define WM_EVIDENCE_NAMESPACE "urn:waymark:evidence:1"
#define WM_FEEDBACK_MAX_QUOTES 3
/* Moment candidates per stage and kind: more would pile up on the curve. */
#define WM_FEEDBACK_MAX_MOMENTS 3

typedef enum
{
  WM_FEEDBACK_COMPLAINT,
  WM_FEEDBACK_INQUIRY,
  WM_FEEDBACK_SUGGESTION,
  WM_FEEDBACK_PRAISE,
} WmFeedbackKind;

typedef enum
{
  WM_FEEDBACK_COLUMN_ID,
  WM_FEEDBACK_COLUMN_DATE,
  WM_FEEDBACK_COLUMN_CHANNEL,
  WM_FEEDBACK_COLUMN_SEGMENT,
  WM_FEEDBACK_COLUMN_PRODUCT,
  WM_FEEDBACK_COLUMN_KIND,
  WM_FEEDBACK_COLUMN_CATEGORY,
  WM_FEEDBACK_COLUMN_TAG,
  WM_FEEDBACK_COLUMN_SEVERITY,
  WM_FEEDBACK_COLUMN_SATISFACTION,
  WM_FEEDBACK_COLUMN_STAGE,
  WM_FEEDBACK_COLUMN_TEXT,
  WM_FEEDBACK_N_COLUMNS
} WmFeedbackColumn;

typedef struct _WmFeedback WmFeedback;

/* Reads the header (Chinese or English names, any order; unknown columns
 * are kept as extra fields) and the rows of @csv. Fails when there is no
 * text column, naming the columns found. Bad values (a severity of 9, an
 * unknown kind) are not errors: the row is kept without them and a
 * warning says so (wm_feedback_get_warnings()). */
WmFeedback    *wm_feedback_new             (WmCsv        *csv,
                                            GError      **error);
void           wm_feedback_free            (WmFeedback   *self);

guint          wm_feedback_get_n_records   (WmFeedback   *self);
/* The column of the file that holds @column, or -1. */
int            wm_feedback_get_column      (WmFeedback   *self,
                                            WmFeedbackColumn column);
/* Whether the header is in Chinese (its text column is 内容 or the like):
 * the language of the template to start from. */
gboolean       wm_feedback_is_chinese      (WmFeedback   *self);
/* Header names of the columns that are none of the known ones. */
GPtrArray     *wm_feedback_get_extra_columns (WmFeedback *self);

/* Takes @column from the file's column @index (0-based; -1: none), as a
 * person corrects the guess; a file column feeds one field only, so
 * another field that had it loses it. The rows are read again (their
 * warnings with them). The text column must stay. */
gboolean       wm_feedback_set_column      (WmFeedback   *self,
                                            WmFeedbackColumn column,
                                            int           index,
                                            GError      **error);

/* Reads a tag → stage table (a CSV of two columns, "tag,stage" or
 * "二级标签,旅程阶段", with or without that header). Stages are named
 * by id or title and must be stages of @document. */
gboolean       wm_feedback_set_stage_map   (WmFeedback   *self,
                                            WmCsv        *map,
                                            WmDocument   *document,
                                            GError      **error);

/* One entry of the tag → stage table (as the import assistant assigns
 * them): @stage an id or title of @document, NULL to forget the tag. */
gboolean       wm_feedback_set_tag_stage   (WmFeedback   *self,
                                            const char   *tag,
                                            const char   *stage,
                                            WmDocument   *document,
                                            GError      **error);

/* Applies the import to @history's document as one undoable step:
 * cards already made by an earlier import of the same key are updated,
 * not duplicated. @persona (id or name; NULL: the map's first) gets the
 * curve points and moments; a map without personas gets none (a
 * warning). Rows whose stage cannot be told go to the "Unsorted" bucket,
 * a warning listing their ids. Fails, changing nothing, when @persona is
 * not one of the map's. */
gboolean       wm_feedback_apply           (WmFeedback   *self,
                                            WmHistory    *history,
                                            const char   *persona,
                                            GError      **error);

/* Counts of the last apply's records by stage (rows, in map order, then
 * Unsorted, then a total) and by the values of @column (the four kinds
 * for WM_FEEDBACK_COLUMN_KIND): aligned text, or CSV (RFC 4180, CRLF)
 * with @csv. Empty before an apply. */
char          *wm_feedback_format_pivot    (WmFeedback   *self,
                                            WmFeedbackColumn column,
                                            gboolean      csv);
/* The same table as cells, row by row (*@n_columns to a row; the cells
 * are as the file wrote them: show them through wm_ui_text). */
GPtrArray     *wm_feedback_pivot_cells     (WmFeedback   *self,
                                            WmFeedbackColumn column,
                                            guint        *n_columns);

/* Warnings so far, "NAME:LINE: message" or "NAME: message", in order. */
GPtrArray     *wm_feedback_get_warnings    (WmFeedback   *self);
/* What the last apply did, a few lines for a person to read. */
const char    *wm_feedback_get_report      (WmFeedback   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmFeedback, wm_feedback_free)

G_END_DECLS
