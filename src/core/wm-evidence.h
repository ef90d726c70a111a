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
/* The verbatim quotes, as "ID: text" (or the text), in file order. */
GPtrArray       *wm_evidence_dup_quotes  (WmDocument *document,
                                          WmItem     *item);

/* Sets (or, with NULL, removes) @item's evidence attribute @name as one
 * undoable step; declares the namespace as "ev" first if the map has
 * none. */
WmCommand       *wm_evidence_command_new (WmDocument *document,
                                          WmItem     *item,
                                          const char *name,
                                          const char *value);

G_END_DECLS
