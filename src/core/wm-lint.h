/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "wm-document.h"

G_BEGIN_DECLS

/* The eight elements of a journey map (seed 002), in the order the
 * method teaches them. */
typedef enum
{
  WM_LINT_PERSONA,
  WM_LINT_SCENARIO,
  WM_LINT_STAGES,
  WM_LINT_TOUCHPOINTS,
  WM_LINT_BEHAVIOUR,
  WM_LINT_EMOTION,
  WM_LINT_OPPORTUNITIES,
  WM_LINT_OWNERS,
  WM_LINT_N_ELEMENTS,
} WmLintElement;

typedef enum
{
  WM_LINT_OK,
  WM_LINT_THIN,
  WM_LINT_MISSING,
} WmLintLevel;

typedef struct
{
  WmLintElement  element;
  WmLintLevel    level;
  char          *message; /* translated, one line */
} WmLintFinding;

void        wm_lint_finding_free   (WmLintFinding *finding);

/* One finding per element, WM_LINT_N_ELEMENTS of them in element order;
 * advice only: a map is never refused for what lint finds. */
GPtrArray  *wm_lint_document       (WmDocument    *document);

/* The element's translated name, e.g. "Touchpoints". */
const char *wm_lint_element_label  (WmLintElement  element);
/* "ok", "thin" or "missing", translated. */
const char *wm_lint_level_label    (WmLintLevel    level);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmLintFinding, wm_lint_finding_free)

G_END_DECLS
