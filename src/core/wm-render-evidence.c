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
 * one, assumption an empty ring. */
void
_wm_render_evidence_symbol (Ctx    *ctx,
                            int     basis,
                            double  cx,
                            double  cy)
{
  cairo_t *cr = ctx->cr;

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

/* A card with no ev:basis has no mark: maps from before keep their look. */
void
_wm_render_evidence_mark (Ctx        *ctx,
                          WmCardGeom *cg)
{
  WmEvidenceBasis basis = wm_evidence_get_basis (ctx->layout->document, WM_ITEM (cg->card));

  if (basis == WM_EVIDENCE_NONE || cg->width < 4 * MARK_INSET || cg->height < 2 * MARK_INSET)
    return;
  _wm_render_evidence_symbol (ctx, basis, cg->x + cg->width - MARK_INSET, cg->y + MARK_INSET);
}

/* The evidence view: what is only assumed recedes behind a veil of the
 * map's background, so what data backs stands out; still readable, and
 * still there to be picked and edited. */
void
_wm_render_evidence_fade (Ctx        *ctx,
                          WmCardGeom *cg)
{
  if (!(ctx->flags & WM_RENDER_EVIDENCE_VIEW) ||
      wm_evidence_get_basis (ctx->layout->document, WM_ITEM (cg->card)) != WM_EVIDENCE_ASSUMPTION)
    return;
  rounded_rect (ctx->cr, cg->x - 1.0, cg->y - 1.0, cg->width + 2.0, cg->height + 2.0,
                ctx->st->card_radius + 1.0);
  set_color_alpha (ctx->cr, &ctx->st->background, 0.68);
  cairo_fill (ctx->cr);
}

/* One hue per step of the loop, told apart by the word in the chip as
 * well: blue plan, orange do, purple check, teal act, green done. */
static const WmRgba pdca_colors[] = {
  { 0.46, 0.46, 0.46, 1 },
  { 0.11, 0.44, 0.85, 1 },
  { 0.78, 0.27, 0.00, 1 },
  { 0.51, 0.24, 0.61, 1 },
  { 0.06, 0.50, 0.47, 1 },
  { 0.15, 0.55, 0.29, 1 },
};

static WmRgba
blend (const WmRgba *a,
       const WmRgba *b,
       double        t)
{
  return (WmRgba) { a->r + (b->r - a->r) * t, a->g + (b->g - a->g) * t,
                    a->b + (b->b - a->b) * t, 1.0 };
}

void
_wm_render_pdca (Ctx        *ctx,
                 WmCardGeom *cg)
{
  WmLayout *l = ctx->layout;
  const WmStyle *st = ctx->st;
  cairo_t *cr = ctx->cr;
  const char *due;
  const char *label = cg->has_meta ? _wm_layout_pdca (l, cg->card, &due) : NULL;
  WmPdcaStatus status = wm_evidence_get_status (l->document, WM_ITEM (cg->card));
  double x = cg->x + st->card_padding + 2.0;
  double y = cg->y + cg->meta_y;
  double h = wm_layout_meta_height (l);
  gboolean contrast = st->theme == WM_THEME_HIGH_CONTRAST;

  if (!cg->has_meta || (label == NULL && due == NULL))
    return;
  if (label != NULL)
    {
      const WmRgba *hue = &pdca_colors[MIN (status, G_N_ELEMENTS (pdca_colors) - 1)];
      double w = wm_layout_seg_width (l, WM_FONT_SMALL_BOLD, label, -1) + 2 * WM_BADGE_PAD;
      WmRgba fill = blend (&st->card_background, hue, status == WM_PDCA_DONE ? 1.0 : 0.16);
      WmRgba ink = status == WM_PDCA_DONE ? st->card_background : *hue;

      /* The hues are dark: lightened towards the text on a dark map. */
      if (st->theme == WM_THEME_DARK && status != WM_PDCA_DONE)
        ink = blend (hue, &st->foreground, 0.5);

      rounded_rect (cr, x + 0.5, y + 0.5, w - 1, h - 1, 3.0);
      set_color (cr, &fill);
      cairo_fill_preserve (cr);
      set_color (cr, contrast ? &st->foreground : hue);
      cairo_set_line_width (cr, 0.8);
      cairo_stroke (cr);
      _wm_render_label (ctx, WM_FONT_SMALL_BOLD, label, x + WM_BADGE_PAD, y + 2.0,
                        contrast && status != WM_PDCA_DONE ? &st->foreground : &ink);
      x += w + WM_PDCA_GAP;
    }
  if (due != NULL)
    {
      double slh = l->fonts[WM_FONT_SMALL].line_height;

      x += _wm_render_label (ctx, WM_FONT_SMALL, wm_layout_label (l, WM_LABEL_DUE), x,
                             y + (h - slh) / 2, &st->muted) + 3.0;
      _wm_render_label (ctx, WM_FONT_SMALL, due, x, y + (h - slh) / 2,
                        &st->foreground);
    }
}
