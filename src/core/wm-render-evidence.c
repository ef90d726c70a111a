/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-render-evidence.c - the mark saying how a card is known */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include "wm-evidence.h"
#include "wm-render-private.h"

#define MARK_RADIUS 2.5
/* From the card's top right corner to the mark's centre: inside the
 * padding, clear of the text and the badges. */
#define MARK_INSET  5.5

/* Told apart by shape, not only by colour (colour-blind readers, greyscale
 * prints, the high-contrast theme): data a full disc, anecdote a half
 * one, assumption an empty ring. A card with no ev:basis has no mark. */
void
_wm_render_evidence_mark (Ctx        *ctx,
                          WmCardGeom *cg)
{
  WmEvidenceBasis basis = wm_evidence_get_basis (ctx->layout->document, WM_ITEM (cg->card));
  cairo_t *cr = ctx->cr;
  double cx = cg->x + cg->width - MARK_INSET;
  double cy = cg->y + MARK_INSET;

  if (basis == WM_EVIDENCE_NONE || cg->width < 4 * MARK_INSET || cg->height < 2 * MARK_INSET)
    return;

  set_color (cr, &ctx->st->muted);
  if (basis == WM_EVIDENCE_DATA)
    {
      cairo_arc (cr, cx, cy, MARK_RADIUS + 0.5, 0, 2 * G_PI);
      cairo_fill (cr);
      return;
    }
  if (basis == WM_EVIDENCE_ANECDOTE)
    {
      cairo_move_to (cr, cx, cy - MARK_RADIUS);
      cairo_arc_negative (cr, cx, cy, MARK_RADIUS, -G_PI / 2, G_PI / 2);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, cx, cy, MARK_RADIUS, 0, 2 * G_PI);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
}
