/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "wm-feedback.h"

G_BEGIN_DECLS

/* What wm-feedback.c and wm-feedback-pivot.c share. */

typedef struct
{
  char  **cells;
  guint   n_cells;
  guint   line;
  char   *id;
  int     kind;          /* WmFeedbackKind, or -1: none that we know */
  guint   severity;      /* 0: blank or refused */
  guint   satisfaction;  /* 0: blank or refused */
  int     stage_index;   /* where the last apply put it; -1: Unsorted */
} WmFeedbackRecord;

struct _WmFeedback
{
  char       *name;
  char      **header;
  gboolean    chinese;
  int         columns[WM_FEEDBACK_N_COLUMNS];
  GPtrArray  *extra_columns;  /* char*: header names */
  GPtrArray  *records;        /* WmFeedbackRecord* */
  GHashTable *stage_map;      /* tag → stage id */
  GPtrArray  *warnings;       /* char* */
  char       *report;
  GPtrArray  *stage_titles;   /* char*: the map's stages at the last apply */
};

#define WM_FEEDBACK_N_KINDS (WM_FEEDBACK_PRAISE + 1)

/* Each kind's names: Chinese first, English second, then synonyms. */
extern const char * const wm_feedback_kind_names[WM_FEEDBACK_N_KINDS][6];

/* @record's cell in @column, "" when the file has no such column. */
const char *wm_feedback_field (WmFeedback       *self,
                               WmFeedbackRecord *record,
                               WmFeedbackColumn  column);

G_END_DECLS
