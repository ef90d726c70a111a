/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-layout-pdca.c - the room an opportunity's PDCA chip and due date
 * take at the left of its card's meta row */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include "wm-evidence.h"
#include "wm-layout-private.h"

const char *
_wm_layout_pdca (WmLayout    *self,
                 WmCard      *card,
                 const char **due)
{
  WmPdcaStatus status = wm_evidence_get_status (self->document, WM_ITEM (card));

  *due = wm_evidence_get (self->document, WM_ITEM (card), "due");
  /* The reader lets only a real day through; an edit could not do more. */
  if (*due != NULL && !wm_evidence_due_is_valid (*due))
    *due = NULL;
  if (status == WM_PDCA_NONE)
    return NULL;
  return wm_layout_label (self, WM_LABEL_PDCA_PLAN + status - WM_PDCA_PLAN);
}

double
_wm_layout_pdca_width (WmLayout *self,
                       WmCard   *card)
{
  const char *due;
  const char *label = _wm_layout_pdca (self, card, &due);
  double width = 0.0;

  if (label != NULL)
    width += wm_layout_seg_width (self, WM_FONT_SMALL_BOLD, label, -1) + 2 * WM_BADGE_PAD + WM_PDCA_GAP;
  if (due != NULL)
    width += wm_layout_seg_width (self, WM_FONT_SMALL, wm_layout_label (self, WM_LABEL_DUE), -1) + 3.0
             + wm_layout_seg_width (self, WM_FONT_SMALL, due, -1) + WM_PDCA_GAP;
  return width;
}
