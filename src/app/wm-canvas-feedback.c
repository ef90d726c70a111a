/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <math.h>

#include "wm-canvas-private.h"

/* What the canvas draws over the map while it is worked on: the
 * selection, the keyboard's cell, the focus ring and drag feedback. */

void
wm_canvas_set_accent (WmCanvas *self,
                      cairo_t  *cr,
                      double    alpha)
{
  const WmStyle *style = wm_layout_get_style (self->layout);

  cairo_set_source_rgba (cr, style->accent.r, style->accent.g, style->accent.b, alpha);
}

void
wm_canvas_rounded_rect (cairo_t                 *cr,
                        const cairo_rectangle_t *r,
                        double                   radius)
{
  radius = MIN (radius, MIN (r->width, r->height) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, r->x + r->width - radius, r->y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, r->x + r->width - radius, r->y + r->height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, r->x + radius, r->y + r->height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, r->x + radius, r->y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
ring_path (WmCanvas                *self,
           cairo_t                 *cr,
           const cairo_rectangle_t *item,
           double                   grow_px)
{
  const WmStyle *style = wm_layout_get_style (self->layout);
  double grow = grow_px / self->zoom;
  cairo_rectangle_t rect = { item->x - grow, item->y - grow,
                             item->width + 2 * grow, item->height + 2 * grow };

  wm_canvas_rounded_rect (cr, &rect, style->card_radius + grow);
}

/* An accent line around @item, @grow pixels outside its edge, @width
 * pixels wide. */
static void
ring_item (WmCanvas *self,
           cairo_t  *cr,
           GObject  *item,
           double    grow_px,
           double    width,
           double    alpha)
{
  cairo_rectangle_t rect;

  if (item == NULL || !wm_layout_get_item_rect (self->layout, item, &rect))
    return;
  ring_path (self, cr, &rect, grow_px);
  wm_canvas_set_accent (self, cr, alpha);
  cairo_set_line_width (cr, width / self->zoom);
  cairo_stroke (cr);
}

static void
outline_item (WmCanvas *self,
              cairo_t  *cr,
              GObject  *item,
              double    width,
              double    alpha)
{
  ring_item (self, cr, item, 2.0, width, alpha);
}

static void
draw_cursor_cell (WmCanvas *self,
                  cairo_t  *cr)
{
  cairo_rectangle_t rect;
  double dash = 4.0 / self->zoom;

  if (self->selection != NULL || wm_canvas_get_editing (self) || self->cursor_lane < 0 ||
      !gtk_widget_has_focus (GTK_WIDGET (self)) ||
      !wm_layout_get_cell_rect (self->layout, self->cursor_lane, MAX (self->cursor_stage, 0), &rect))
    return;
  /* A tint and an opaque dashed accent line 2 px wide, just inside the
   * cell's edge, where the cards' borders are not. */
  cairo_rectangle (cr, rect.x + 2 / self->zoom, rect.y + 2 / self->zoom,
                   rect.width - 4 / self->zoom, rect.height - 4 / self->zoom);
  wm_canvas_set_accent (self, cr, 0.08);
  cairo_fill_preserve (cr);
  cairo_set_dash (cr, &dash, 1, 0);
  wm_canvas_set_accent (self, cr, 1.0);
  cairo_set_line_width (cr, 2 / self->zoom);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* A focus ring, as GTK draws one around a focused widget: outside the
 * selection's outline, half transparent accent, while the keyboard is in
 * the canvas. */
static void
draw_focus_ring (WmCanvas *self,
                 cairo_t  *cr)
{
  if (wm_canvas_get_editing (self) || !gtk_widget_has_visible_focus (GTK_WIDGET (self)))
    return;
  ring_item (self, cr, self->selection, 6.0, 3, 0.5);
}

static void
draw_label (WmCanvas   *self,
            cairo_t    *cr,
            double      x,
            double      y,
            const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans Bold");
  cairo_rectangle_t box;
  int w, h;

  pango_font_description_set_absolute_size (font, 12 * PANGO_SCALE / self->zoom);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  box.x = x + 10 / self->zoom;
  box.y = y - h / 2.0 - 3 / self->zoom;
  box.width = w + 12 / self->zoom;
  box.height = h + 6 / self->zoom;
  wm_canvas_rounded_rect (cr, &box, 4 / self->zoom);
  wm_canvas_set_accent (self, cr, 1);
  cairo_fill (cr);
  cairo_move_to (cr, box.x + 6 / self->zoom, box.y + 3 / self->zoom);
  cairo_set_source_rgb (cr, 1, 1, 1);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
}

static void
draw_bar (WmCanvas *self,
          cairo_t  *cr,
          double    x,
          double    y,
          double    w,
          double    h)
{
  cairo_rectangle (cr, x, y, w, h);
  wm_canvas_set_accent (self, cr, 1);
  cairo_fill (cr);
}

static void
draw_card_drag (WmCanvas *self,
                cairo_t  *cr)
{
  const WmStyle *style = wm_layout_get_style (self->layout);
  cairo_rectangle_t rect, card;

  if (wm_layout_get_cell_rect (self->layout, MAX (self->drag_target_lane, 0),
                               MAX (self->drag_target_stage, 0), &rect) &&
      self->drag_target_lane >= 0)
    {
      cairo_rectangle (cr, rect.x, rect.y, rect.width, rect.height);
      wm_canvas_set_accent (self, cr, 0.12);
      cairo_fill (cr);
    }
  if (self->drag_target_card != NULL &&
      wm_layout_get_item_rect (self->layout, self->drag_target_card, &rect))
    draw_bar (self, cr, rect.x, rect.y - 3 / self->zoom, rect.width, 2.5 / self->zoom);
  if (wm_layout_get_item_rect (self->layout, self->drag_item, &card))
    {
      card.x += self->drag_x - self->drag_start_x;
      card.y += self->drag_y - self->drag_start_y;
      wm_canvas_rounded_rect (cr, &card, style->card_radius);
      cairo_set_source_rgba (cr, style->card_background.r, style->card_background.g,
                             style->card_background.b, 0.75);
      cairo_fill_preserve (cr);
      wm_canvas_set_accent (self, cr, 0.9);
      cairo_set_line_width (cr, 2 / self->zoom);
      cairo_stroke (cr);
    }
}

static void
draw_drag (WmCanvas *self,
           cairo_t  *cr)
{
  cairo_rectangle_t rect, stage;
  char text[32];
  double lw, lh;

  wm_layout_get_size (self->layout, &lw, &lh);
  switch (self->drag)
    {
    case WM_DRAG_CARD:
      draw_card_drag (self, cr);
      break;
    case WM_DRAG_SPAN:
      if (wm_layout_get_item_rect (self->layout, self->drag_item, &rect))
        {
          int first = wm_document_stage_index (self->document, wm_card_get_stage (WM_CARD (self->drag_item)));

          if (wm_layout_get_stage_rect (self->layout, first + self->drag_target_span - 1, &stage))
            rect.width = stage.x + stage.width - rect.x - wm_layout_get_style (self->layout)->cell_padding;
          wm_canvas_rounded_rect (cr, &rect, wm_layout_get_style (self->layout)->card_radius);
          wm_canvas_set_accent (self, cr, 0.9);
          cairo_set_line_width (cr, 2 / self->zoom);
          cairo_stroke (cr);
          draw_bar (self, cr, rect.x + rect.width - 1.5 / self->zoom, rect.y, 3 / self->zoom, rect.height);
          g_snprintf (text, sizeof text, g_dngettext (GETTEXT_PACKAGE, "%u stage", "%u stages",
                                                      self->drag_target_span), self->drag_target_span);
          draw_label (self, cr, rect.x + rect.width, rect.y + rect.height / 2, text);
        }
      break;
    case WM_DRAG_STAGE:
      if (wm_layout_get_stage_rect (self->layout, self->drag_target_stage, &rect))
        {
          int from = wm_canvas_stage_index (self, WM_STAGE (self->drag_item));
          double x = self->drag_target_stage > from ? rect.x + rect.width : rect.x;

          draw_bar (self, cr, x - 2 / self->zoom, rect.y, 4 / self->zoom, rect.height);
        }
      break;
    case WM_DRAG_LANE:
      if (wm_layout_get_lane_rect (self->layout, self->drag_target_lane, &rect))
        {
          int from = wm_canvas_lane_index (self, WM_LANE (self->drag_item));
          double y = self->drag_target_lane > from ? rect.y + rect.height : rect.y;

          draw_bar (self, cr, rect.x, y - 2 / self->zoom, rect.width, 4 / self->zoom);
        }
      break;
    case WM_DRAG_POINT:
      if (wm_layout_get_item_rect (self->layout, self->drag_item, &rect))
        {
          g_snprintf (text, sizeof text, "%+.1f", self->drag_value);
          draw_label (self, cr, rect.x + rect.width, rect.y + rect.height / 2, text);
        }
      break;
    case WM_DRAG_MOMENT:
      if (wm_layout_get_stage_rect (self->layout, self->drag_target_stage, &stage) &&
          wm_layout_get_item_rect (self->layout, self->drag_item, &rect))
        {
          double x = stage.x + self->drag_value * stage.width;

          draw_bar (self, cr, x - 1 / self->zoom, rect.y - 10, 2 / self->zoom, rect.height + 20);
        }
      break;
    case WM_DRAG_NONE:
    case WM_DRAG_PENDING:
    case WM_DRAG_PAN:
    default:
      break;
    }
}

/* Every selected item outlined (the primary one strongest), and the
 * rubber band while it is drawn. The others in view share one path: a
 * band over 500 cards is one stroke, not 500. */
static void
draw_selection (WmCanvas *self,
                cairo_t  *cr)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selected));
  double x0, y0, x1, y1;
  gboolean any = FALSE;

  cairo_clip_extents (cr, &x0, &y0, &x1, &y1);
  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    {
      GObject *item = wm_list_peek (self->selected, i);
      cairo_rectangle_t rect;

      if (item != self->selection && wm_layout_get_item_rect (self->layout, item, &rect) &&
          rect.x <= x1 && rect.x + rect.width >= x0 && rect.y <= y1 && rect.y + rect.height >= y0)
        {
          ring_path (self, cr, &rect, 2.0);
          any = TRUE;
        }
    }
  if (any)
    {
      wm_canvas_set_accent (self, cr, 0.8);
      cairo_set_line_width (cr, 2.0 / self->zoom);
      cairo_stroke (cr);
    }
  if (self->selection != NULL)
    outline_item (self, cr, self->selection, 2.5, 1.0);

  if (self->drag == WM_DRAG_BAND)
    {
      cairo_rectangle (cr, MIN (self->drag_start_x, self->drag_x), MIN (self->drag_start_y, self->drag_y),
                       fabs (self->drag_x - self->drag_start_x), fabs (self->drag_y - self->drag_start_y));
      wm_canvas_set_accent (self, cr, 0.12);
      cairo_fill_preserve (cr);
      wm_canvas_set_accent (self, cr, 0.9);
      cairo_set_line_width (cr, 1 / self->zoom);
      cairo_stroke (cr);
    }
}

void
wm_canvas_draw_feedback (WmCanvas *self,
                          cairo_t  *cr)
{
  double ox, oy;

  if (self->layout == NULL)
    return;

  cairo_save (cr);
  wm_canvas_layout_to_widget (self, 0, 0, &ox, &oy);
  cairo_translate (cr, ox, oy);
  cairo_scale (cr, self->zoom, self->zoom);

  if (self->hover.item != NULL && !wm_canvas_is_selected (self, self->hover.item) &&
      self->drag == WM_DRAG_NONE)
    outline_item (self, cr, self->hover.item, 1.5, 0.45);
  draw_cursor_cell (self, cr);
  draw_selection (self, cr);
  draw_focus_ring (self, cr);
  draw_drag (self, cr);

  cairo_restore (cr);
}
