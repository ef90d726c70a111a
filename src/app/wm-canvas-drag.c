/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <math.h>

#include "wm-canvas-private.h"
#include "wm-user-edits.h"

/* The canvas's drags: moving cards, spans, stages, lanes, curve points
 * and moments; the rubber band; Ctrl- and Shift-click selection. */

/* Drags */

double
wm_canvas_snap_value (double value)
{
  return CLAMP (round (value * 2.0) / 2.0, WM_CURVE_MIN, WM_CURVE_MAX);
}

gboolean
wm_canvas_near_right_edge (WmCanvas *self,
                           GObject  *card,
                           double    x)
{
  cairo_rectangle_t rect;

  return WM_IS_CARD (card) &&
         wm_layout_get_item_rect (self->layout, card, &rect) &&
         fabs (rect.x + rect.width - x) * self->zoom <= WM_CANVAS_EDGE_GRAB;
}

void
wm_canvas_clear_drag (WmCanvas *self)
{
  self->drag = WM_DRAG_NONE;
  g_clear_object (&self->drag_item);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

#define EXTEND_MASK (GDK_CONTROL_MASK | GDK_SHIFT_MASK)

/* Ctrl- or Shift-click: in or out of the selection. Only cards join a
 * selection of several; anything else starts a new one. */
static void
toggle_selected (WmCanvas *self,
                 GObject  *item)
{
  g_autoptr(GPtrArray) items = wm_canvas_dup_selected (self);

  if (!WM_IS_CARD (item) || (items->len > 0 && !WM_IS_CARD (g_ptr_array_index (items, 0))))
    {
      wm_canvas_set_selection (self, item);
      return;
    }
  if (g_ptr_array_remove (items, item))
    {
      wm_canvas_select_items (self, items, self->selection != item ? self->selection : NULL);
      return;
    }
  g_ptr_array_add (items, item);
  wm_canvas_select_items (self, items, item);
}

void
wm_canvas_drag_begin (WmCanvas *self,
                      double    x,
                      double    y)
{
  wm_canvas_drag_begin_with_state (self, x, y, 0);
}

void
wm_canvas_drag_begin_with_state (WmCanvas        *self,
                                 double           x,
                                 double           y,
                                 GdkModifierType  state)
{
  WmHit hit = { 0 };
  gboolean extend = (state & EXTEND_MASK) != 0;

  if (self->layout == NULL)
    return;
  wm_layout_hit_test (self->layout, x, y, &hit);
  self->drag_start_x = self->drag_x = x;
  self->drag_start_y = self->drag_y = y;
  self->drag_hit = hit;
  self->drag_state = state;
  self->drag = WM_DRAG_PENDING;
  g_set_object (&self->drag_item, hit.item);
  g_clear_pointer (&self->band_base, g_ptr_array_unref);
  self->band_base = extend ? wm_canvas_dup_selected (self) : g_ptr_array_new ();

  if (hit.kind == WM_HIT_CARD && (extend || (wm_canvas_is_selected (self, hit.item) &&
                                             wm_canvas_get_n_selected (self) > 1)))
    {
      g_autoptr(GPtrArray) items = wm_canvas_dup_selected (self);

      wm_card_editor_stop (self);
      if (extend)
        toggle_selected (self, hit.item);
      else
        wm_canvas_select_items (self, items, hit.item);
      /* Unselected by the click: nothing to drag. */
      if (!wm_canvas_is_selected (self, hit.item))
        g_clear_object (&self->drag_item);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  if (extend && (hit.kind == WM_HIT_CELL || hit.kind == WM_HIT_NONE || hit.kind == WM_HIT_TITLE))
    {
      wm_card_editor_stop (self);
      return;
    }

  switch (hit.kind)
    {
    case WM_HIT_CARD:
    case WM_HIT_STAGE_HEADER:
    case WM_HIT_LANE_HEADER:
    case WM_HIT_CURVE_POINT:
    case WM_HIT_MOMENT:
      if (self->editing != hit.item)
        wm_card_editor_stop (self);
      wm_canvas_set_selection (self, hit.item);
      break;
    case WM_HIT_CELL:
      wm_card_editor_stop (self);
      wm_canvas_set_selection (self, NULL);
      self->cursor_lane = hit.lane;
      self->cursor_stage = hit.stage;
      wm_canvas_update_actions (self);
      break;
    case WM_HIT_NONE:
    case WM_HIT_TITLE:
    default:
      wm_card_editor_stop (self);
      wm_canvas_set_selection (self, NULL);
      break;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static WmDragKind
drag_kind_for_hit (WmCanvas *self)
{
  switch (self->drag_hit.kind)
    {
    case WM_HIT_CARD:
      if (self->drag_item == NULL)
        return WM_DRAG_NONE;
      if (wm_canvas_get_n_selected (self) > 1)
        return WM_DRAG_CARD;
      return wm_canvas_near_right_edge (self, self->drag_item, self->drag_start_x) ? WM_DRAG_SPAN : WM_DRAG_CARD;
    case WM_HIT_STAGE_HEADER:
      return WM_DRAG_STAGE;
    case WM_HIT_LANE_HEADER:
      return WM_DRAG_LANE;
    case WM_HIT_CURVE_POINT:
      return WM_DRAG_POINT;
    case WM_HIT_MOMENT:
      return WM_DRAG_MOMENT;
    case WM_HIT_CELL:
    case WM_HIT_NONE:
    case WM_HIT_TITLE:
      return WM_DRAG_BAND;
    default:
      return WM_DRAG_NONE;
    }
}

static gboolean
touches (const cairo_rectangle_t *a,
         const cairo_rectangle_t *b)
{
  return a->x <= b->x + b->width && b->x <= a->x + a->width &&
         a->y <= b->y + b->height && b->y <= a->y + a->height;
}

/* The band selects the cards it touches, added to what Ctrl or Shift
 * held at the press kept. */
static void
update_band (WmCanvas *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_copy (self->band_base, NULL, NULL);
  cairo_rectangle_t band = {
    MIN (self->drag_start_x, self->drag_x), MIN (self->drag_start_y, self->drag_y),
    fabs (self->drag_x - self->drag_start_x), fabs (self->drag_y - self->drag_start_y),
  };
  GListStore *lanes = wm_document_get_lanes (self->document);

  for (guint l = 0; l < g_list_model_get_n_items (G_LIST_MODEL (lanes)); l++)
    {
      GListStore *cards = wm_lane_get_cards (wm_list_peek (lanes, l));

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (cards)); i++)
        {
          GObject *card = wm_list_peek (cards, i);
          cairo_rectangle_t rect;

          if (wm_layout_get_item_rect (self->layout, card, &rect) && touches (&band, &rect))
            g_ptr_array_add (items, card);
        }
    }
  wm_canvas_select_items (self, items, NULL);
}

static void
update_card_target (WmCanvas *self,
                    double    x,
                    double    y)
{
  WmHit hit = { 0 };
  WmLane *lane;

  wm_layout_hit_test (self->layout, x, y, &hit);
  lane = wm_canvas_lane_at (self, hit.lane);
  if ((hit.kind == WM_HIT_CELL || hit.kind == WM_HIT_CARD) && lane != NULL &&
      wm_lane_get_kind (lane) != WM_LANE_EMOTION)
    {
      GObject *card = hit.kind == WM_HIT_CARD ? hit.item : NULL;

      self->drag_target_lane = hit.lane;
      self->drag_target_stage = hit.stage;
      g_set_object (&self->drag_target_card, card);
    }
  else
    {
      self->drag_target_lane = self->drag_target_stage = -1;
      g_clear_object (&self->drag_target_card);
    }
}

static void
update_point (WmCanvas *self,
              double    y)
{
  double value = wm_canvas_snap_value (wm_layout_y_to_value (self->layout, self->drag_hit.lane, y));

  if (fabs (value - wm_curve_point_get_value (WM_CURVE_POINT (self->drag_item))) < 1e-9)
    {
      self->drag_value = value;
      return;
    }
  self->drag_value = value;
  wm_canvas_push (self, wm_user_edit_set_point_value (self->document, WM_CURVE_POINT (self->drag_item), value));
}

void
wm_canvas_drag_update (WmCanvas *self,
                       double    x,
                       double    y)
{
  cairo_rectangle_t rect;

  if (self->drag == WM_DRAG_NONE || self->layout == NULL)
    return;
  self->drag_x = x;
  self->drag_y = y;

  if (self->drag == WM_DRAG_PENDING)
    {
      if (hypot (x - self->drag_start_x, y - self->drag_start_y) * self->zoom < WM_CANVAS_DRAG_THRESHOLD)
        return;
      self->drag = drag_kind_for_hit (self);
      if (self->drag == WM_DRAG_NONE)
        return;
      wm_card_editor_stop (self);
      if (self->drag == WM_DRAG_POINT)
        {
          wm_history_break_merge (self->history);
          self->drag_value = wm_curve_point_get_value (WM_CURVE_POINT (self->drag_item));
        }
    }

  switch (self->drag)
    {
    case WM_DRAG_CARD:
      update_card_target (self, x, y);
      break;
    case WM_DRAG_SPAN:
      {
        int first = wm_document_stage_index (self->document, wm_card_get_stage (WM_CARD (self->drag_item)));

        self->drag_target_span = MAX (1, wm_canvas_stage_at_x (self, x) - first + 1);
      }
      break;
    case WM_DRAG_STAGE:
      self->drag_target_stage = wm_canvas_stage_at_x (self, x);
      break;
    case WM_DRAG_LANE:
      self->drag_target_lane = wm_canvas_lane_at_y (self, y);
      break;
    case WM_DRAG_POINT:
      update_point (self, y);
      break;
    case WM_DRAG_BAND:
      update_band (self);
      break;
    case WM_DRAG_MOMENT:
      self->drag_target_stage = wm_canvas_stage_at_x (self, x);
      if (wm_layout_get_stage_rect (self->layout, MAX (self->drag_target_stage, 0), &rect))
        self->drag_value = CLAMP ((x - rect.x) / MAX (rect.width, 1), 0.0, 1.0);
      break;
    case WM_DRAG_NONE:
    case WM_DRAG_PENDING:
    case WM_DRAG_PAN:
    default:
      break;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
commit_card_move (WmCanvas *self)
{
  WmCard *card = WM_CARD (self->drag_item);
  WmLane *from = wm_canvas_get_card_lane (self, card);
  WmLane *lane = wm_canvas_lane_at (self, self->drag_target_lane);
  WmStage *stage = wm_canvas_stage_at (self, self->drag_target_stage);
  guint from_pos = 0, to_pos = 0;
  int position = -1;

  if (lane == NULL || stage == NULL || from == NULL || self->drag_target_card == G_OBJECT (card))
    return;
  g_list_store_find (wm_lane_get_cards (from), card, &from_pos);
  if (self->drag_target_card != NULL &&
      g_list_store_find (wm_lane_get_cards (lane), self->drag_target_card, &to_pos))
    position = (lane == from && from_pos < to_pos) ? (int) to_pos - 1 : (int) to_pos;
  if (lane == from && position < 0 &&
      g_strcmp0 (wm_card_get_stage (card), wm_item_get_id (WM_ITEM (stage))) == 0)
    {
      g_autoptr(GPtrArray) cards = wm_canvas_cell_cards (self, self->drag_target_lane, self->drag_target_stage);

      /* Dropped in its own cell's empty space: already the last one there? */
      if (cards->len > 0 && g_ptr_array_index (cards, cards->len - 1) == card)
        return;
    }
  wm_canvas_push (self, wm_user_edit_move_card (self->document, card, lane,
                                                wm_item_get_id (WM_ITEM (stage)), position));
}

/* Dropped one cell over: every selected card goes one cell over. */
static void
commit_selection_move (WmCanvas *self)
{
  g_autoptr(GPtrArray) items = wm_canvas_dup_selected (self);
  WmCommand *command;

  if (self->drag_target_lane < 0 || self->drag_target_stage < 0 || self->drag_hit.lane < 0 ||
      self->drag_hit.stage < 0)
    return;
  command = wm_user_edit_move_cards (self->document, items,
                                     self->drag_target_lane - self->drag_hit.lane,
                                     self->drag_target_stage - self->drag_hit.stage);
  if (command != NULL)
    wm_canvas_push (self, command);
}

static void
commit_drag (WmCanvas *self)
{
  switch (self->drag)
    {
    case WM_DRAG_CARD:
      if (wm_canvas_get_n_selected (self) > 1)
        commit_selection_move (self);
      else
        commit_card_move (self);
      break;
    case WM_DRAG_SPAN:
      wm_canvas_push (self, wm_user_edit_set_span (self->document, WM_CARD (self->drag_item),
                                                   self->drag_target_span));
      break;
    case WM_DRAG_STAGE:
      wm_canvas_push (self, wm_user_edit_reorder (self->document, self->drag_item, self->drag_target_stage));
      break;
    case WM_DRAG_LANE:
      wm_canvas_push (self, wm_user_edit_reorder (self->document, self->drag_item, self->drag_target_lane));
      break;
    case WM_DRAG_POINT:
      wm_history_break_merge (self->history);
      break;
    case WM_DRAG_MOMENT:
      {
        WmStage *stage = wm_canvas_stage_at (self, self->drag_target_stage);

        if (stage != NULL)
          wm_canvas_push (self, wm_user_edit_move_moment (self->document, WM_MOMENT (self->drag_item),
                                                          wm_item_get_id (WM_ITEM (stage)),
                                                          self->drag_value));
      }
      break;
    case WM_DRAG_NONE:
    case WM_DRAG_PENDING:
    case WM_DRAG_PAN:
    default:
      break;
    }
}

/* A press and release without moving: a plain click on a card of a
 * selection selects it alone. */
static void
click (WmCanvas *self)
{
  if (self->drag_state & EXTEND_MASK)
    return;
  if (self->drag_hit.kind == WM_HIT_CELL)
    wm_card_editor_start_new (self, self->drag_hit.lane, self->drag_hit.stage);
  else if (self->drag_hit.kind == WM_HIT_CARD && wm_canvas_get_n_selected (self) > 1)
    wm_canvas_set_selection (self, self->drag_hit.item);
}

void
wm_canvas_drag_end (WmCanvas *self,
                    double    x,
                    double    y)
{
  g_autoptr(WmCanvas) hold = g_object_ref (self);

  if (self->drag == WM_DRAG_NONE)
    return;
  wm_canvas_drag_update (self, x, y);
  if (self->drag == WM_DRAG_PENDING)
    {
      self->drag = WM_DRAG_NONE;
      click (self);
    }
  else
    commit_drag (self);
  g_clear_object (&self->drag_target_card);
  wm_canvas_clear_drag (self);
}

void
wm_canvas_drag_cancel (WmCanvas *self)
{
  if (self->drag == WM_DRAG_POINT)
    {
      wm_history_break_merge (self->history);
      /* Put the point back: the merged step is exactly this drag. */
      if (wm_curve_point_get_value (WM_CURVE_POINT (self->drag_item)) != self->drag_start_value)
        wm_history_undo (self->history);
    }
  g_clear_object (&self->drag_target_card);
  wm_canvas_clear_drag (self);
}

