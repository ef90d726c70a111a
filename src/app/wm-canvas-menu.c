/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "wm-canvas-private.h"
#include "wm-lane-kind.h"
#include "wm-ui-text.h"

/* The canvas's context menus: what a right-click (or the Menu key) on a
 * card, a cell, a curve, a stage or a lane header offers. */

/* Context menus */

static const char *touchpoint_label (int v) { return wm_touchpoint_label (v); }
static const char *lane_kind_label (int v) { return wm_lane_kind_get_label (v); }

/* One item per value of the enum @type up to @last, each activating
 * @action with the value's nick. */
static GMenu *
choice_menu (const char   *action,
             GType         type,
             int           last,
             const char *(*label) (int))
{
  GMenu *menu = g_menu_new ();

  for (int v = 0; v <= last; v++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (label (v), NULL);

      g_menu_item_set_action_and_target (item, action, "s", wm_enum_to_nick (type, v));
      g_menu_append_item (menu, item);
    }
  return menu;
}

/* A section of one item: set apart, as Delete is. */
static void
append_alone (GMenu      *menu,
              const char *label,
              const char *action)
{
  g_autoptr(GMenu) section = g_menu_new ();

  g_menu_append (section, label, action);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
}

static GMenu *
card_menu (WmCanvas *self,
           WmCard   *card)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();
  WmLane *lane = wm_canvas_get_card_lane (self, card);
  WmLaneKind kind = lane != NULL ? wm_lane_get_kind (lane) : WM_LANE_NOTES;

  g_menu_append (section, _("_Edit"), "canvas.edit");
  g_menu_append (section, _("D_uplicate"), "canvas.duplicate");
  g_menu_append (section, _("_Copy"), "canvas.copy");
  g_menu_append (section, _("Cu_t"), "canvas.cut");
  if (wm_canvas_card_has_quotes (self, card))
    g_menu_append (section, _("Read _Quotes"), "canvas.show-quotes");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);

  if (wm_card_get_fields (card, kind) & WM_CARD_FIELD_TOUCHPOINT)
    {
      GMenu *sub = choice_menu ("canvas.set-touchpoint", WM_TYPE_TOUCHPOINT, WM_TOUCHPOINT_MISSED,
                                touchpoint_label);

      section = g_menu_new ();
      g_menu_append_submenu (section, _("_Touchpoint"), G_MENU_MODEL (sub));
      g_menu_append (section, wm_card_get_key (card) ? _("Not a _Key Touchpoint") : _("_Key Touchpoint"),
                     "canvas.toggle-key");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
      g_object_unref (section);
      g_object_unref (sub);
    }
  if (wm_card_get_fields (card, kind) & WM_CARD_FIELD_SEVERITY)
    {
      GMenu *sub = g_menu_new ();

      for (guint s = 0; s <= WM_SEVERITY_MAX; s++)
        {
          g_autofree char *label = s == 0 ? g_strdup (_("None")) : g_strdup_printf ("%u", s);
          g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

          g_menu_item_set_action_and_target (item, "canvas.set-severity", "u", s);
          g_menu_append_item (sub, item);
        }
      section = g_menu_new ();
      g_menu_append_submenu (section, _("_Severity"), G_MENU_MODEL (sub));
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
      g_object_unref (section);
      g_object_unref (sub);
    }

  append_alone (menu, _("_Delete"), "canvas.delete");
  return menu;
}

/* A persona's curve may skip stages (it starts later, or a value was
 * cleared): offer each such persona a value here. */
static void
append_missing_points (WmCanvas *self,
                       GMenu    *menu,
                       int       stage)
{
  WmStage *stage_item = wm_canvas_stage_at (self, stage);
  GListModel *personas = G_LIST_MODEL (wm_document_get_personas (self->document));

  for (guint i = 0; stage_item != NULL && i < g_list_model_get_n_items (personas); i++)
    {
      g_autoptr(WmPersona) persona = g_list_model_get_item (personas, i);
      const char *id = wm_item_get_id (WM_ITEM (persona));
      WmCurve *curve = wm_document_find_curve (self->document, id);
      g_autofree char *label = NULL;
      g_autofree char *name = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (curve != NULL && wm_curve_find_point (curve, wm_item_get_id (WM_ITEM (stage_item))) != NULL)
        continue;
      name = wm_ui_mnemonic_safe (wm_persona_get_name (persona));
      /* Translators: adds a point to the emotion curve of a persona. */
      label = g_strdup_printf (_("Add Emotion Value for “%s”"), name);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "canvas.add-point", "s", id);
      g_menu_append_item (menu, item);
    }
}

/* Where on the curve of @persona, drawn in emotion lane @lane, the
 * height at @x is: the curve's segments are monotone in x. FALSE if the
 * persona has no curve there. */
static gboolean
curve_y_at (WmCanvas   *self,
            int         lane,
            const char *persona,
            double      x,
            double     *y)
{
  g_autofree double *s = NULL;
  guint n = wm_layout_get_curve_segments (self->layout, (guint) lane, persona, &s);

  for (guint i = 0; i < n; i++)
    {
      const double *p = s + 8 * i;
      double lo = 0, hi = 1, t = 0.5;

      if (x < p[0] && i > 0)
        continue;
      if (x > p[6] && i + 1 < n)
        continue;
      for (int k = 0; k < 30; k++)
        {
          double u = 1 - t;
          double bx = u * u * u * p[0] + 3 * u * u * t * p[2] + 3 * u * t * t * p[4] + t * t * t * p[6];

          if (bx < x)
            lo = t;
          else
            hi = t;
          t = (lo + hi) / 2;
        }
      {
        double u = 1 - t;

        *y = u * u * u * p[1] + 3 * u * u * t * p[3] + 3 * u * t * t * p[5] + t * t * t * p[7];
      }
      return TRUE;
    }
  return FALSE;
}

/* The shown persona whose curve passes nearest to a click at (@x, @y)
 * in emotion lane @lane: whose moment the user is adding. */
static const char *
nearest_persona (WmCanvas *self,
                 int       lane,
                 double    x,
                 double    y)
{
  GListModel *personas = G_LIST_MODEL (wm_document_get_personas (self->document));
  const char *best = NULL;
  double best_distance = G_MAXDOUBLE;

  for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
    {
      g_autoptr(WmPersona) persona = g_list_model_get_item (personas, i);
      const char *id = wm_item_get_id (WM_ITEM (persona));
      double curve_y;

      if (wm_persona_get_hidden (persona) || !curve_y_at (self, lane, id, x, &curve_y))
        continue;
      if (fabs (curve_y - y) < best_distance)
        {
          best_distance = fabs (curve_y - y);
          best = id;
        }
    }
  return best;
}

static GMenu *
moments_for_menu (WmCanvas   *self,
                  const char *action)
{
  GListModel *personas = G_LIST_MODEL (wm_document_get_personas (self->document));
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
    {
      g_autoptr(WmPersona) persona = g_list_model_get_item (personas, i);
      g_autofree char *name = wm_ui_mnemonic_safe (wm_persona_get_name (persona));
      g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);

      g_menu_item_set_action_and_target (item, action, "s", wm_item_get_id (WM_ITEM (persona)));
      g_menu_append_item (menu, item);
    }
  return menu;
}

/* Add Aha-Moment goes to the curve clicked nearest (@persona); with
 * several personas, submenus name each. */
static void
append_moment_items (WmCanvas   *self,
                     GMenu      *menu,
                     const char *persona)
{
  g_autoptr(GMenuItem) aha = g_menu_item_new (_("Add _Aha-Moment"), NULL);
  g_autoptr(GMenuItem) micro = g_menu_item_new (_("Add _Micro-Moment"), NULL);

  if (persona != NULL)
    {
      g_menu_item_set_action_and_target (aha, "canvas.add-aha-for", "s", persona);
      g_menu_item_set_action_and_target (micro, "canvas.add-micro-for", "s", persona);
    }
  else
    {
      g_menu_item_set_detailed_action (aha, "canvas.add-aha");
      g_menu_item_set_detailed_action (micro, "canvas.add-micro");
    }
  g_menu_append_item (menu, aha);
  g_menu_append_item (menu, micro);
  if (g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_personas (self->document))) > 1)
    {
      g_autoptr(GMenu) ahas = moments_for_menu (self, "canvas.add-aha-for");
      g_autoptr(GMenu) micros = moments_for_menu (self, "canvas.add-micro-for");

      g_menu_append_submenu (menu, _("Add Aha-Moment _For"), G_MENU_MODEL (ahas));
      g_menu_append_submenu (menu, _("Add Micro-Moment F_or"), G_MENU_MODEL (micros));
    }
}

static GMenu *
cell_menu (WmCanvas   *self,
           int         lane,
           int         stage,
           const char *persona)
{
  GMenu *menu = g_menu_new ();
  WmLane *lane_item = wm_canvas_lane_at (self, lane);

  if (lane_item != NULL && wm_lane_get_kind (lane_item) == WM_LANE_EMOTION)
    {
      append_moment_items (self, menu, persona);
      append_missing_points (self, menu, stage);
    }
  else
    {
      g_menu_append (menu, _("Add _Card"), "canvas.add-card");
    }
  g_menu_append (menu, _("_Paste"), "canvas.paste");
  append_alone (menu, _("Copy Map as _Mermaid"), "doc.copy-mermaid");
  return menu;
}

static GMenu *
stage_menu (void)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();

  g_menu_append (menu, _("_Rename"), "canvas.edit");
  g_menu_append (section, _("Add Stage _Before"), "canvas.add-stage-before");
  g_menu_append (section, _("Add Stage _After"), "canvas.add-stage-after");
  g_menu_append (section, _("D_uplicate Stage"), "canvas.duplicate");
  g_menu_append (section, _("_Copy"), "canvas.copy");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
  append_alone (menu, _("_Delete Stage"), "canvas.delete");
  return menu;
}

static GMenu *
lane_menu (void)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();
  GMenu *kinds = choice_menu ("canvas.add-lane-kind", WM_TYPE_LANE_KIND, WM_LANE_NOTES, lane_kind_label);

  g_menu_append (menu, _("_Rename"), "canvas.edit");
  g_menu_append_submenu (section, _("_Add Lane"), G_MENU_MODEL (kinds));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
  append_alone (menu, _("_Delete Lane"), "canvas.delete");
  g_object_unref (kinds);
  return menu;
}

void
wm_canvas_show_context_menu (WmCanvas *self,
                             double    wx,
                             double    wy)
{
  g_autoptr(GMenu) menu = NULL;
  WmHit hit = { 0 };
  double lx, ly;

  if (self->layout == NULL)
    return;
  wm_card_editor_stop (self);
  wm_canvas_widget_to_hit_point (self, wx, wy, &lx, &ly);
  wm_layout_hit_test (self->layout, lx, ly, &hit);

  switch (hit.kind)
    {
    case WM_HIT_CARD:
      /* A right-click in a selection acts on all of it. */
      if (!wm_canvas_is_selected (self, hit.item))
        wm_canvas_set_selection (self, hit.item);
      menu = card_menu (self, WM_CARD (hit.item));
      break;
    case WM_HIT_STAGE_HEADER:
      wm_canvas_set_selection (self, hit.item);
      menu = stage_menu ();
      break;
    case WM_HIT_LANE_HEADER:
      wm_canvas_set_selection (self, hit.item);
      menu = lane_menu ();
      break;
    case WM_HIT_MOMENT:
      wm_canvas_set_selection (self, hit.item);
      menu = g_menu_new ();
      g_menu_append (menu, _("_Edit"), "canvas.edit");
      g_menu_append (menu, _("_Delete"), "canvas.delete");
      break;
    case WM_HIT_CELL:
    case WM_HIT_CURVE_POINT:
      wm_canvas_set_selection (self, hit.kind == WM_HIT_CURVE_POINT ? hit.item : NULL);
      self->cursor_lane = hit.lane;
      self->cursor_stage = hit.stage;
      menu = cell_menu (self, hit.lane, hit.stage, nearest_persona (self, hit.lane, lx, ly));
      if (hit.kind == WM_HIT_CURVE_POINT)
        g_menu_append (menu, _("_Clear Value"), "canvas.delete");
      break;
    case WM_HIT_NONE:
    case WM_HIT_TITLE:
    default:
      wm_canvas_set_selection (self, NULL);
      menu = g_menu_new ();
      g_menu_append (menu, _("Add _Stage"), "canvas.add-stage");
      g_menu_append (menu, _("Add _Lane"), "canvas.add-lane");
      break;
    }
  wm_canvas_update_actions (self);

  /* A popover must point inside the visible canvas. */
  wx = CLAMP (wx, 0, MAX (gtk_widget_get_width (GTK_WIDGET (self)) - 1, 0));
  wy = CLAMP (wy, 0, MAX (gtk_widget_get_height (GTK_WIDGET (self)) - 1, 0));
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->popover), G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover),
                               &(GdkRectangle) { (int) wx, (int) wy, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

/* Menu or Shift+F10: the menu a right-click on the selection, or on an
 * empty spot of the keyboard's cell, would show. */
void
wm_canvas_keyboard_menu (WmCanvas *self)
{
  cairo_rectangle_t r;
  int lane = -1, stage = -1;
  double wx = 0, wy = 0;

  if (self->layout == NULL)
    return;
  if (self->selection != NULL && wm_layout_get_item_rect (self->layout, self->selection, &r))
    {
      wm_canvas_scroll_to_item (self, self->selection);
      wm_canvas_layout_to_widget (self, r.x + r.width / 2, r.y + r.height / 2, &wx, &wy);
    }
  else if (wm_canvas_get_current_cell (self, &lane, &stage) &&
           wm_layout_get_cell_rect (self->layout, lane, stage, &r))
    /* Cards stack from the top: the cell's bottom edge is free. */
    wm_canvas_layout_to_widget (self, r.x + r.width / 2, r.y + r.height - 1, &wx, &wy);
  wm_canvas_show_context_menu (self, wx, wy);
}

