/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "wm-command.h"
#include "wm-document.h"
#include "wm-item.h"

G_BEGIN_DECLS

/* How a card is known (issue 14): its evidence, kept as attributes and
 * elements in the namespace urn:waymark:evidence:1 (see wm-feedback.h),
 * under whatever prefix the map declares for it. A card without ev:basis
 * has no evidence to show: maps from before keep their look. */

#define WM_TYPE_EVIDENCE_COMMAND (wm_evidence_command_get_type ())
G_DECLARE_FINAL_TYPE (WmEvidenceCommand, wm_evidence_command, WM, EVIDENCE_COMMAND, WmCommand)

typedef enum
{
  WM_EVIDENCE_NONE,
  WM_EVIDENCE_ASSUMPTION,
  WM_EVIDENCE_ANECDOTE,
  WM_EVIDENCE_DATA,
} WmEvidenceBasis;

/* Where an opportunity stands in the PDCA loop (seed 002), kept as
 * ev:status; its due date, ev:due, is an ISO 8601 day (YYYY-MM-DD). The
 * reader refuses any other value, like an enum of ours. */
typedef enum
{
  WM_PDCA_NONE,
  WM_PDCA_PLAN,
  WM_PDCA_DO,
  WM_PDCA_CHECK,
  WM_PDCA_ACT,
  WM_PDCA_DONE,
} WmPdcaStatus;

/* The prefix @document declares for the evidence namespace, or NULL. */
const char      *wm_evidence_prefix      (WmDocument *document);
/* @item's evidence attribute @name ("basis", "source", "records"…), or NULL. */
const char      *wm_evidence_get         (WmDocument *document,
                                          WmItem     *item,
                                          const char *name);
WmEvidenceBasis  wm_evidence_get_basis   (WmDocument *document,
                                          WmItem     *item);
/* "assumption", "anecdote", "data"; NULL for WM_EVIDENCE_NONE. */
const char      *wm_evidence_basis_name  (WmEvidenceBasis basis);
WmPdcaStatus     wm_evidence_get_status  (WmDocument *document,
                                          WmItem     *item);
/* "plan", "do", "check", "act", "done"; NULL for WM_PDCA_NONE. */
const char      *wm_evidence_status_name (WmPdcaStatus status);
/* The status @name stands for; WM_PDCA_NONE when it is none of them. */
WmPdcaStatus     wm_evidence_status_from_name (const char *name);
/* TRUE when @text is a day of the calendar written YYYY-MM-DD. */
gboolean         wm_evidence_due_is_valid (const char *text);
/* What the reader says of @value for ev:@name, or NULL when it is fine
 * (any name but "status" and "due" is). */
char            *wm_evidence_check_value (const char *name,
                                          const char *value);
/* TRUE when a card of @document has an ev:basis. */
gboolean         wm_evidence_any_basis   (WmDocument *document);
/* The verbatim quotes, as "ID: text" (or the text), in file order. */
GPtrArray       *wm_evidence_dup_quotes  (WmDocument *document,
                                          WmItem     *item);

/* Sets (or, with NULL, removes) @item's evidence attribute @name as one
 * undoable step; declares the namespace as "ev" first if the map has
 * none, and undoing the step takes the declaration back. */
WmCommand       *wm_evidence_command_new (WmDocument *document,
                                          WmItem     *item,
                                          const char *name,
                                          const char *value);
/* Declares the namespace as one undoable step; NULL when the map has
 * it already. */
WmCommand       *wm_evidence_declare_command_new (WmDocument *document);
/* New cards are assumptions until the user says otherwise (issue 14):
 * each of @cards (not in @document yet) without a basis gets
 * basis="assumption", and @insert (transfer full), the command that adds
 * them, becomes one step with the namespace's declaration if needed.
 * NULL @insert gives NULL. */
WmCommand       *wm_evidence_assume      (WmDocument *document,
                                          GPtrArray  *cards,
                                          WmCommand  *insert);

G_END_DECLS
