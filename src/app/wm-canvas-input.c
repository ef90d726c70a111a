/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-canvas-private.h"
#include "wm-edits.h"
#include "wm-paste.h"
#include "wm-user-edits.h"

/* The canvas's input: pointer gestures and keys, the edit actions they
 * and the context menus (wm-canvas-menu.c) activate, and the clipboard.
 * Drags are in wm-canvas-drag.c. */

/* Model helpers */

static guint
n_stages (WmCanvas *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (self->document)));
}

static guint
n_lanes (WmCanvas *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_lanes (self->document)));
}

WmStage *
wm_canvas_stage_at (WmCanvas *self,
                    int       index)
{
  if (self->document == NULL || index < 0)
    return NULL;
  return wm_list_peek (wm_document_get_stages (self->document), index);
}

WmLane *
wm_canvas_lane_at (WmCanvas *self,
                   int       index)
{
  if (self->document == NULL || index < 0)
    return NULL;
  return wm_list_peek (wm_document_get_lanes (self->document), index);
}

int
wm_canvas_lane_index (WmCanvas *self,
                      WmLane   *lane)
{
  guint position;

  if (lane != NULL &&
      g_list_store_find (wm_document_get_lanes (self->document), lane, &position))
    return position;
  return -1;
}

int
wm_canvas_stage_index (WmCanvas *self,
                       WmStage  *stage)
{
  guint position;

  if (stage != NULL &&
      g_list_store_find (wm_document_get_stages (self->document), stage, &position))
    return position;
  return -1;
}

WmLane *
wm_canvas_get_card_lane (WmCanvas *self,
                         WmCard   *card)
{
  WmLane *lane = NULL;

  if (self->document == NULL || card == NULL)
    return NULL;
  if (wm_document_find_card (self->document, wm_item_get_id (WM_ITEM (card)), &lane) != card)
    return NULL;
  return lane;
}

gboolean
wm_canvas_get_current_cell (WmCanvas *self,
                            int      *lane,
                            int      *stage)
{
  GObject *item = self->selection;

  *lane = self->cursor_lane;
  *stage = self->cursor_stage;
  if (self->document == NULL)
    return FALSE;

  if (WM_IS_CARD (item))
    {
      *lane = wm_canvas_lane_index (self, wm_canvas_get_card_lane (self, WM_CARD (item)));
      *stage = wm_document_stage_index (self->document, wm_card_get_stage (WM_CARD (item)));
    }
  else if (WM_IS_STAGE (item))
    *stage = wm_canvas_stage_index (self, WM_STAGE (item));
  else if (WM_IS_LANE (item))
    *lane = wm_canvas_lane_index (self, WM_LANE (item));
  else if (WM_IS_MOMENT (item))
    *stage = wm_document_stage_index (self->document, wm_moment_get_stage (WM_MOMENT (item)));
  else if (WM_IS_CURVE_POINT (item))
    *stage = wm_document_stage_index (self->document, wm_curve_point_get_stage (WM_CURVE_POINT (item)));

  if (*lane >= (int) n_lanes (self))
    *lane = (int) n_lanes (self) - 1;
  if (*stage >= (int) n_stages (self))
    *stage = (int) n_stages (self) - 1;
  return *lane >= 0 && *stage >= 0;
}

/* The stage column under @x (layout units), clamped to the first and last. */
int
wm_canvas_stage_at_x (WmCanvas *self,
                      double    x)
{
  cairo_rectangle_t rect;
  guint n = n_stages (self);

  for (guint i = 0; i < n; i++)
    if (wm_layout_get_stage_rect (self->layout, i, &rect) && x < rect.x + rect.width)
      return i;
  return (int) n - 1;
}

int
wm_canvas_lane_at_y (WmCanvas *self,
                     double    y)
{
  cairo_rectangle_t rect;
  guint n = n_lanes (self);

  for (guint i = 0; i < n; i++)
    if (wm_layout_get_lane_rect (self->layout, i, &rect) && y < rect.y + rect.height)
      return i;
  return (int) n - 1;
}

/* Actions */

void
wm_canvas_update_actions (WmCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GObject *sel = self->selection;
  gboolean has_doc = self->document != NULL;
  g_autoptr(GPtrArray) items = wm_canvas_dup_selected (self);
  gboolean card = FALSE;
  int lane = -1, stage = -1;
  gboolean cell = has_doc && wm_canvas_get_current_cell (self, &lane, &stage);
  WmLane *lane_item = cell ? wm_canvas_lane_at (self, lane) : NULL;
  gboolean emotion = lane_item != NULL && wm_lane_get_kind (lane_item) == WM_LANE_EMOTION;

  /* The selection holds only what is in the map (the canvas drops the
   * rest after every change), so any card in it counts. */
  for (guint i = 0; has_doc && !card && i < items->len; i++)
    card = WM_IS_CARD (g_ptr_array_index (items, i));

  gtk_widget_action_set_enabled (widget, "canvas.select-all", has_doc);
  gtk_widget_action_set_enabled (widget, "canvas.delete",
                                 card || WM_IS_STAGE (sel) || WM_IS_LANE (sel) || WM_IS_MOMENT (sel) ||
                                 WM_IS_CURVE_POINT (sel));
  gtk_widget_action_set_enabled (widget, "canvas.menu", has_doc);
  gtk_widget_action_set_enabled (widget, "canvas.copy", card || WM_IS_STAGE (sel));
  gtk_widget_action_set_enabled (widget, "canvas.cut", card);
  gtk_widget_action_set_enabled (widget, "canvas.show-quotes",
                                 WM_IS_CARD (sel) && wm_canvas_card_has_quotes (self, WM_CARD (sel)));
  gtk_widget_action_set_enabled (widget, "canvas.duplicate", card || WM_IS_STAGE (sel));
  gtk_widget_action_set_enabled (widget, "canvas.edit",
                                 card || WM_IS_STAGE (sel) || WM_IS_LANE (sel) || WM_IS_MOMENT (sel) ||
                                 (sel == NULL && cell && !emotion));
  gtk_widget_action_set_enabled (widget, "canvas.paste", has_doc && n_stages (self) > 0);
  gtk_widget_action_set_enabled (widget, "canvas.add-stage", has_doc);
  gtk_widget_action_set_enabled (widget, "canvas.add-lane", has_doc);
  gtk_widget_action_set_enabled (widget, "canvas.add-card", has_doc && n_stages (self) > 0 && n_lanes (self) > 0);
  gtk_widget_action_set_enabled (widget, "canvas.add-aha", has_doc && n_stages (self) > 0);
  gtk_widget_action_set_enabled (widget, "canvas.add-micro", has_doc && n_stages (self) > 0);
  gtk_widget_action_set_enabled (widget, "canvas.zoom-fit", has_doc);
}

static void
select_and_edit (WmCanvas *self,
                 GObject  *item)
{
  wm_canvas_set_selection (self, item);
  wm_card_editor_start (self, item);
}

static void
delete_selection (WmCanvas *self)
{
  g_autoptr(GPtrArray) items = wm_canvas_dup_selected (self);
  WmCommand *command = wm_user_edit_remove (self->document, items);

  if (command == NULL)
    return;
  wm_card_editor_stop (self);
  wm_canvas_push (self, command);
  wm_canvas_set_selection (self, NULL);
}

static void
add_stage (WmCanvas *self,
           int       position)
{
  guint at = MAX (position, 0);
  WmStage *stage;

  wm_canvas_push (self, wm_user_edit_add_stage (self->document, &at));
  stage = wm_canvas_stage_at (self, at);
  if (stage != NULL)
    select_and_edit (self, G_OBJECT (stage));
}

static void
add_lane (WmCanvas   *self,
          int         position,
          WmLaneKind  kind)
{
  guint at = MAX (position, 0);
  WmLane *lane;

  wm_canvas_push (self, wm_user_edit_add_lane (self->document, &at, kind));
  lane = wm_canvas_lane_at (self, at);
  if (lane != NULL)
    select_and_edit (self, G_OBJECT (lane));
}

static void
add_moment (WmCanvas     *self,
            WmMomentKind  kind,
            int           stage,
            double        at,
            const char   *persona)
{
  GListModel *moments = G_LIST_MODEL (wm_document_get_moments (self->document));
  WmStage *stage_item = wm_canvas_stage_at (self, MAX (stage, 0));
  g_autoptr(WmMoment) moment = NULL;

  if (stage_item == NULL)
    return;
  wm_canvas_push (self, wm_user_edit_add_moment (self->document, kind, persona,
                                                 wm_item_get_id (WM_ITEM (stage_item)), at));
  moment = g_list_model_get_item (moments, g_list_model_get_n_items (moments) - 1);
  if (moment != NULL)
    {
      /* The placeholder text is there to be typed over. */
      select_and_edit (self, G_OBJECT (moment));
      wm_card_editor_select_all (self);
    }
}

/* A cell to add into: the current one, else the first card lane. */
static gboolean
target_cell (WmCanvas *self,
             int      *lane,
             int      *stage)
{
  WmLane *lane_item;

  if (!wm_canvas_get_current_cell (self, lane, stage))
    {
      *lane = MAX (*lane, 0);
      *stage = MAX (*stage, 0);
    }
  lane_item = wm_canvas_lane_at (self, *lane);
  if (lane_item == NULL || wm_lane_get_kind (lane_item) == WM_LANE_EMOTION)
    {
      lane_item = NULL;
      for (guint i = 0; i < n_lanes (self) && lane_item == NULL; i++)
        if (wm_lane_get_kind (wm_canvas_lane_at (self, i)) != WM_LANE_EMOTION)
          {
            lane_item = wm_canvas_lane_at (self, i);
            *lane = i;
          }
    }
  return lane_item != NULL && wm_canvas_stage_at (self, *stage) != NULL;
}

static void
duplicate_selection (WmCanvas *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) copies = g_ptr_array_new ();
  WmCommand *command;

  /* A selected stage header is duplicated with what is in it. */
  if (WM_IS_STAGE (self->selection))
    {
      items = g_ptr_array_new ();
      g_ptr_array_add (items, self->selection);
    }
  else
    items = wm_canvas_dup_selected (self);
  command = wm_user_edit_duplicate (self->document, items, copies);
  if (command == NULL)
    return;
  wm_canvas_push (self, command);
  wm_canvas_select_items (self, copies, NULL);
}

/* On every selected card at once, as one step. */
static void
set_card_property (WmCanvas     *self,
                   const char   *property,
                   const GValue *value)
{
  g_autoptr(GPtrArray) items = wm_canvas_dup_selected (self);
  g_autoptr(GPtrArray) cards = wm_user_edit_cards (self->document, items);
  WmCommand *command = wm_user_edit_set (self->document, cards, property, value);

  if (command != NULL)
    wm_canvas_push (self, command);
}

static void
set_card_uint (WmCanvas   *self,
               const char *property,
               guint       value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_UINT);
  g_value_set_uint (&v, value);
  set_card_property (self, property, &v);
}

static void
set_card_enum (WmCanvas   *self,
               const char *property,
               GType       type,
               int         value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, type);
  g_value_set_enum (&v, value);
  set_card_property (self, property, &v);
}

static void
set_card_boolean (WmCanvas   *self,
                  const char *property,
                  gboolean    value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_BOOLEAN);
  g_value_set_boolean (&v, value);
  set_card_property (self, property, &v);
}

/* Cards in reading order: lane by lane, stage by stage. */
static GPtrArray *
cards_in_order (WmCanvas *self)
{
  GPtrArray *cards = g_ptr_array_new ();
  guint nl = n_lanes (self), ns = n_stages (self);

  for (guint l = 0; l < nl; l++)
    {
      GListModel *list = G_LIST_MODEL (wm_lane_get_cards (wm_canvas_lane_at (self, l)));

      for (guint s = 0; s < ns; s++)
        {
          const char *stage_id = wm_item_get_id (WM_ITEM (wm_canvas_stage_at (self, s)));

          for (guint i = 0; i < g_list_model_get_n_items (list); i++)
            {
              WmCard *card = wm_list_peek (G_LIST_STORE (list), i);

              if (g_strcmp0 (wm_card_get_stage (card), stage_id) == 0)
                g_ptr_array_add (cards, card);
            }
        }
    }
  return cards;
}

void
wm_canvas_select_all (WmCanvas *self)
{
  g_autoptr(GPtrArray) cards = NULL;

  g_return_if_fail (WM_IS_CANVAS (self));
  if (self->document == NULL)
    return;
  wm_card_editor_stop (self);
  cards = cards_in_order (self);
  wm_canvas_select_items (self, cards,
                          wm_canvas_is_selected (self, self->selection) && WM_IS_CARD (self->selection)
                          ? self->selection : NULL);
}

static void
select_next_card (WmCanvas *self,
                  int       direction)
{
  g_autoptr(GPtrArray) cards = cards_in_order (self);
  guint index;
  int next;

  if (cards->len == 0)
    return;
  if (self->selection != NULL && g_ptr_array_find (cards, self->selection, &index))
    next = ((int) index + direction + (int) cards->len) % (int) cards->len;
  else
    next = direction > 0 ? 0 : (int) cards->len - 1;
  wm_canvas_set_selection (self, g_ptr_array_index (cards, next));
}

/* The cards of one cell, in drawing order. */
GPtrArray *
wm_canvas_cell_cards (WmCanvas *self,
                      int       lane,
                      int       stage)
{
  GPtrArray *cards = g_ptr_array_new ();
  WmLane *lane_item = wm_canvas_lane_at (self, lane);
  WmStage *stage_item = wm_canvas_stage_at (self, stage);
  GListStore *list;

  if (lane_item == NULL || stage_item == NULL)
    return cards;
  list = wm_lane_get_cards (lane_item);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      WmCard *card = wm_list_peek (list, i);

      if (g_strcmp0 (wm_card_get_stage (card), wm_item_get_id (WM_ITEM (stage_item))) == 0)
        g_ptr_array_add (cards, card);
    }
  return cards;
}

static void
move_cursor (WmCanvas *self,
             int       dx,
             int       dy)
{
  int lane, stage;
  g_autoptr(GPtrArray) cards = NULL;
  guint index;

  if (self->document == NULL || n_lanes (self) == 0 || n_stages (self) == 0)
    return;
  if (!wm_canvas_get_current_cell (self, &lane, &stage))
    {
      lane = MAX (lane, 0);
      stage = MAX (stage, 0);
      dx = dy = 0;
    }

  /* Up and down go through the cards of a cell before leaving it. */
  cards = wm_canvas_cell_cards (self, lane, stage);
  if (dy != 0 && WM_IS_CARD (self->selection) && g_ptr_array_find (cards, self->selection, &index) &&
      (int) index + dy >= 0 && (int) index + dy < (int) cards->len)
    {
      wm_canvas_set_selection (self, g_ptr_array_index (cards, index + dy));
      return;
    }

  lane = CLAMP (lane + dy, 0, (int) n_lanes (self) - 1);
  stage = CLAMP (stage + dx, 0, (int) n_stages (self) - 1);
  g_ptr_array_unref (g_steal_pointer (&cards));
  cards = wm_canvas_cell_cards (self, lane, stage);
  self->cursor_lane = lane;
  self->cursor_stage = stage;
  wm_canvas_set_selection (self, cards->len > 0
                           ? g_ptr_array_index (cards, dy < 0 ? cards->len - 1 : 0) : NULL);
  wm_canvas_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Clipboard */

/* Several cards: the clipboard holds their texts for other programs, and
 * this process keeps the cards with their offsets for as long as the
 * clipboard still holds what it put there. */
static WmUserClip *clip;
static GdkContentProvider *clip_provider;   /* not owned: compared only */

static void
copy_selection (WmCanvas *self)
{
  g_autoptr(GPtrArray) items = wm_canvas_dup_selected (self);
  g_autoptr(GPtrArray) cards = wm_user_edit_cards (self->document, items);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GdkContentProvider) provider = NULL;

  if (WM_IS_STAGE (self->selection))
    {
      wm_paste_copy_stage (GTK_WIDGET (self), self->document, WM_STAGE (self->selection));
      return;
    }
  if (cards->len == 1)
    wm_paste_copy_card (GTK_WIDGET (self), g_ptr_array_index (cards, 0));
  if (cards->len <= 1)
    return;
  for (guint i = 0; i < cards->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "",
                            wm_card_get_text (g_ptr_array_index (cards, i)) != NULL
                            ? wm_card_get_text (g_ptr_array_index (cards, i)) : "");
  g_clear_pointer (&clip, wm_user_clip_free);
  clip = wm_user_clip_new (self->document, cards);
  provider = gdk_content_provider_new_typed (G_TYPE_STRING, text->str);
  clip_provider = provider;
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), provider);
}

static gboolean
paste_clip (WmCanvas *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  g_autoptr(GPtrArray) pasted = g_ptr_array_new ();
  WmCommand *command;
  int lane, stage;

  if (clip == NULL || clip_provider == NULL || gdk_clipboard_get_content (clipboard) != clip_provider)
    return FALSE;
  if (!target_cell (self, &lane, &stage))
    return TRUE;
  command = wm_user_edit_paste (self->document, clip, lane, stage, pasted);
  if (command != NULL)
    {
      wm_canvas_push (self, command);
      wm_canvas_select_items (self, pasted, NULL);
    }
  return TRUE;
}

static void
paste_cards (WmCanvas  *self,
             GPtrArray *cards)
{
  WmCommand *command;
  WmLane *lane;
  WmStage *stage;
  int lane_i, stage_i;
  guint position = G_MAXUINT;

  if (!target_cell (self, &lane_i, &stage_i))
    return;
  lane = wm_canvas_lane_at (self, lane_i);
  stage = wm_canvas_stage_at (self, stage_i);
  if (WM_IS_CARD (self->selection) && wm_canvas_get_card_lane (self, WM_CARD (self->selection)) == lane &&
      g_list_store_find (wm_lane_get_cards (lane), self->selection, &position))
    position++;

  /* The edit gives the cards fresh ids and fits their spans to the map. */
  command = wm_user_edit_paste_cards (self->document, cards, lane, wm_item_get_id (WM_ITEM (stage)), position);
  if (command == NULL)
    return;
  wm_canvas_push (self, command);
  wm_canvas_set_selection (self, g_ptr_array_index (cards, cards->len - 1));
}

/* A Mermaid journey pasted: its sections, tasks and actors join the map
 * as one step. */
static void
paste_mermaid (WmCanvas     *self,
               GAsyncResult *result)
{
  WmCommand *command = wm_paste_take_mermaid_command (result, self->document, GTK_WIDGET (self));

  if (command != NULL)
    wm_canvas_push (self, command);
}

static void
paste_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(WmCanvas) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = wm_paste_read_cards_finish (result, &error);

  if (error != NULL)
    wm_paste_report (GTK_WIDGET (self), error);
  else if (cards != NULL && self->document != NULL)
    paste_cards (self, cards);
  else if (cards == NULL && self->document != NULL)
    paste_mermaid (self, result);
}

static void
paste (WmCanvas *self)
{
  if (paste_clip (self))
    return;
  wm_paste_read_card_async (GTK_WIDGET (self), NULL, paste_read_cb, g_object_ref (self));
}

static void
edit_action (WmCanvas *self)
{
  int lane, stage;

  if (self->selection != NULL)
    wm_canvas_edit_selection (self);
  else if (wm_canvas_get_current_cell (self, &lane, &stage))
    wm_card_editor_start_new (self, lane, stage);
}

static void
escape_action (WmCanvas *self)
{
  if (self->drag != WM_DRAG_NONE)
    wm_canvas_drag_cancel (self);
  else if (wm_canvas_get_editing (self))
    wm_card_editor_stop (self);
  else
    wm_canvas_set_selection (self, NULL);
}


static void
edit_action_cb (GtkWidget  *widget,
                const char *name,
                GVariant   *parameter)
{
  WmCanvas *self = WM_CANVAS (widget);
  int lane = -1, stage = -1;
  gboolean cell;

  if (self->document == NULL)
    return;
  name += strlen ("canvas.");
  cell = wm_canvas_get_current_cell (self, &lane, &stage);

  if (g_str_equal (name, "delete"))
    delete_selection (self);
  else if (g_str_equal (name, "copy"))
    copy_selection (self);
  else if (g_str_equal (name, "cut"))
    copy_selection (self), delete_selection (self);
  else if (g_str_equal (name, "paste"))
    paste (self);
  else if (g_str_equal (name, "duplicate"))
    duplicate_selection (self);
  else if (g_str_equal (name, "select-all"))
    wm_canvas_select_all (self);
  else if (g_str_equal (name, "edit"))
    edit_action (self);
  else if (g_str_equal (name, "escape"))
    escape_action (self);
  else if (g_str_equal (name, "add-stage") || g_str_equal (name, "add-stage-after"))
    add_stage (self, stage >= 0 ? stage + 1 : (int) n_stages (self));
  else if (g_str_equal (name, "add-stage-before"))
    add_stage (self, MAX (stage, 0));
  else if (g_str_equal (name, "add-lane"))
    add_lane (self, lane >= 0 ? lane + 1 : (int) n_lanes (self),
              lane >= 0 ? wm_lane_get_kind (wm_canvas_lane_at (self, lane)) : WM_LANE_NOTES);
  else if (g_str_equal (name, "add-card"))
    {
      if (target_cell (self, &lane, &stage))
        wm_card_editor_start_new (self, lane, stage);
    }
  else if (g_str_equal (name, "add-aha") || g_str_equal (name, "add-micro"))
    add_moment (self, g_str_equal (name, "add-aha") ? WM_MOMENT_AHA : WM_MOMENT_MICRO,
                cell || stage >= 0 ? stage : 0, 0.5, NULL);
  else if (g_str_equal (name, "menu"))
    wm_canvas_keyboard_menu (self);
  else if (g_str_equal (name, "show-quotes"))
    wm_canvas_show_quotes (self);
  else if (g_str_equal (name, "next-card"))
    select_next_card (self, 1);
  else if (g_str_equal (name, "previous-card"))
    select_next_card (self, -1);
}

static void
param_action_cb (GtkWidget  *widget,
                 const char *name,
                 GVariant   *parameter)
{
  WmCanvas *self = WM_CANVAS (widget);
  int lane = -1, stage = -1;

  if (self->document == NULL)
    return;
  wm_canvas_get_current_cell (self, &lane, &stage);

  if (g_str_equal (name, "canvas.add-lane-kind"))
    {
      int kind = WM_LANE_NOTES;

      wm_enum_from_nick (WM_TYPE_LANE_KIND, g_variant_get_string (parameter, NULL), &kind);
      add_lane (self, lane >= 0 ? lane + 1 : (int) n_lanes (self), kind);
    }
  else if (g_str_equal (name, "canvas.set-touchpoint"))
    {
      int value = WM_TOUCHPOINT_NONE;

      wm_enum_from_nick (WM_TYPE_TOUCHPOINT, g_variant_get_string (parameter, NULL), &value);
      set_card_enum (self, "touchpoint", WM_TYPE_TOUCHPOINT, value);
    }
  else if (g_str_equal (name, "canvas.add-point") && wm_canvas_stage_at (self, stage) != NULL)
    wm_canvas_push (self, wm_user_edit_set_point (self->document, g_variant_get_string (parameter, NULL),
                                                  wm_item_get_id (WM_ITEM (wm_canvas_stage_at (self, stage))), 0.0));
  else if (g_str_equal (name, "canvas.add-aha-for") || g_str_equal (name, "canvas.add-micro-for"))
    add_moment (self, g_str_equal (name, "canvas.add-aha-for") ? WM_MOMENT_AHA : WM_MOMENT_MICRO,
                MAX (stage, 0), 0.5, g_variant_get_string (parameter, NULL));
  else if (g_str_equal (name, "canvas.set-severity"))
    set_card_uint (self, "severity", g_variant_get_uint32 (parameter));
  else if (g_str_equal (name, "canvas.toggle-key") && WM_IS_CARD (self->selection))
    set_card_boolean (self, "key", !wm_card_get_key (WM_CARD (self->selection)));
  else if (g_str_equal (name, "canvas.move"))
    {
      int dx, dy;

      g_variant_get (parameter, "(ii)", &dx, &dy);
      move_cursor (self, dx, dy);
    }
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  const char *plain[] = {
    "canvas.delete", "canvas.copy", "canvas.cut", "canvas.paste", "canvas.duplicate",
    "canvas.edit", "canvas.escape", "canvas.add-stage", "canvas.add-stage-before",
    "canvas.add-stage-after", "canvas.add-lane", "canvas.add-card", "canvas.add-aha",
    "canvas.add-micro", "canvas.next-card", "canvas.previous-card", "canvas.menu",
    "canvas.select-all", "canvas.show-quotes",
  };

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    gtk_widget_class_install_action (widget_class, plain[i], NULL, edit_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.add-lane-kind", "s", param_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.set-touchpoint", "s", param_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.set-severity", "u", param_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.add-point", "s", param_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.add-aha-for", "s", param_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.add-micro-for", "s", param_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.toggle-key", NULL, param_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.move", "(ii)", param_action_cb);
}

static void
add_bindings (GtkWidgetClass *widget_class)
{
  struct { guint key; GdkModifierType mods; const char *action; } bindings[] = {
    /* Menus show the last key bound to an action: Delete, not BackSpace. */
    { GDK_KEY_BackSpace, 0, "canvas.delete" },
    { GDK_KEY_KP_Delete, 0, "canvas.delete" },
    { GDK_KEY_Delete, 0, "canvas.delete" },
    { GDK_KEY_c, GDK_CONTROL_MASK, "canvas.copy" },
    { GDK_KEY_x, GDK_CONTROL_MASK, "canvas.cut" },
    { GDK_KEY_v, GDK_CONTROL_MASK, "canvas.paste" },
    { GDK_KEY_d, GDK_CONTROL_MASK, "canvas.duplicate" },
    { GDK_KEY_a, GDK_CONTROL_MASK, "canvas.select-all" },
    { GDK_KEY_Return, 0, "canvas.edit" },
    { GDK_KEY_KP_Enter, 0, "canvas.edit" },
    { GDK_KEY_F2, 0, "canvas.edit" },
    { GDK_KEY_Escape, 0, "canvas.escape" },
    { GDK_KEY_Tab, 0, "canvas.next-card" },
    { GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK, "canvas.previous-card" },
    { GDK_KEY_Tab, GDK_SHIFT_MASK, "canvas.previous-card" },
    { GDK_KEY_Menu, 0, "canvas.menu" },
    { GDK_KEY_F10, GDK_SHIFT_MASK, "canvas.menu" },
  };
  struct { guint key; int dx, dy; } moves[] = {
    { GDK_KEY_Left, -1, 0 }, { GDK_KEY_Right, 1, 0 },
    { GDK_KEY_Up, 0, -1 }, { GDK_KEY_Down, 0, 1 },
    { GDK_KEY_KP_Left, -1, 0 }, { GDK_KEY_KP_Right, 1, 0 },
    { GDK_KEY_KP_Up, 0, -1 }, { GDK_KEY_KP_Down, 0, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    gtk_widget_class_add_binding_action (widget_class, bindings[i].key, bindings[i].mods,
                                         bindings[i].action, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    gtk_widget_class_add_binding_action (widget_class, moves[i].key, 0,
                                         "canvas.move", "(ii)", moves[i].dx, moves[i].dy);
}

/* Gestures */

static void
primary_begin_cb (GtkGestureDrag *gesture,
                  double          wx,
                  double          wy,
                  WmCanvas       *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  double lx, ly;

  if (!gtk_widget_has_focus (GTK_WIDGET (self)) && !wm_canvas_get_editing (self))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  if (self->space_down)
    {
      /* Space+drag pans, as in Inkscape and Miro. */
      self->drag = WM_DRAG_PAN;
      self->pan_hvalue = gtk_adjustment_get_value (self->hadjustment);
      self->pan_vvalue = gtk_adjustment_get_value (self->vadjustment);
      return;
    }
  wm_canvas_widget_to_hit_point (self, wx, wy, &lx, &ly);
  wm_canvas_drag_begin_with_state (self, lx, ly, state);
  if (self->drag_item != NULL && WM_IS_CURVE_POINT (self->drag_item))
    self->drag_start_value = wm_curve_point_get_value (WM_CURVE_POINT (self->drag_item));
  if (!wm_canvas_get_editing (self))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* Dragging near an edge scrolls the map, for as long as the pointer stays there. */
static double
edge_speed (double pos,
            double size)
{
  const double margin = 32;

  if (pos < margin)
    return -(margin - pos) / 2;
  if (pos > size - margin)
    return (pos - (size - margin)) / 2;
  return 0;
}

static gboolean
autoscroll_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       data)
{
  WmCanvas *self = WM_CANVAS (widget);
  double dx, dy, lx, ly;

  if (self->drag == WM_DRAG_NONE || self->drag == WM_DRAG_PENDING || self->drag == WM_DRAG_PAN)
    {
      self->autoscroll_id = 0;
      return G_SOURCE_REMOVE;
    }
  dx = edge_speed (self->drag_wx, gtk_widget_get_width (widget));
  dy = edge_speed (self->drag_wy, gtk_widget_get_height (widget));
  if (dx == 0 && dy == 0)
    {
      self->autoscroll_id = 0;
      return G_SOURCE_REMOVE;
    }
  gtk_adjustment_set_value (self->hadjustment, gtk_adjustment_get_value (self->hadjustment) + dx);
  gtk_adjustment_set_value (self->vadjustment, gtk_adjustment_get_value (self->vadjustment) + dy);
  wm_canvas_widget_to_layout (self, self->drag_wx, self->drag_wy, &lx, &ly);
  wm_canvas_drag_update (self, lx, ly);
  return G_SOURCE_CONTINUE;
}

static void
maybe_autoscroll (WmCanvas *self,
                  double    wx,
                  double    wy)
{
  self->drag_wx = wx;
  self->drag_wy = wy;
  if (self->autoscroll_id == 0 &&
      (edge_speed (wx, gtk_widget_get_width (GTK_WIDGET (self))) != 0 ||
       edge_speed (wy, gtk_widget_get_height (GTK_WIDGET (self))) != 0))
    self->autoscroll_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), autoscroll_tick_cb, NULL, NULL);
}

static void
primary_update_cb (GtkGestureDrag *gesture,
                   double          dx,
                   double          dy,
                   WmCanvas       *self)
{
  double sx, sy, lx, ly;

  gtk_gesture_drag_get_start_point (gesture, &sx, &sy);
  if (self->drag == WM_DRAG_PAN)
    {
      gtk_adjustment_set_value (self->hadjustment, self->pan_hvalue - dx);
      gtk_adjustment_set_value (self->vadjustment, self->pan_vvalue - dy);
      return;
    }
  wm_canvas_widget_to_layout (self, sx + dx, sy + dy, &lx, &ly);
  wm_canvas_drag_update (self, lx, ly);
  if (self->drag != WM_DRAG_PENDING && self->drag != WM_DRAG_NONE)
    maybe_autoscroll (self, sx + dx, sy + dy);
}

static void
primary_end_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                WmCanvas       *self)
{
  double sx, sy, lx, ly;

  if (self->drag == WM_DRAG_PAN)
    {
      wm_canvas_clear_drag (self);
      return;
    }
  gtk_gesture_drag_get_start_point (gesture, &sx, &sy);
  wm_canvas_widget_to_layout (self, sx + dx, sy + dy, &lx, &ly);
  wm_canvas_drag_end (self, lx, ly);
}

static void
primary_cancel_cb (GtkGesture       *gesture,
                   GdkEventSequence *sequence,
                   WmCanvas         *self)
{
  if (self->drag != WM_DRAG_NONE)
    wm_canvas_drag_cancel (self);
}

static void
double_click_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           wx,
                 double           wy,
                 WmCanvas        *self)
{
  WmHit hit = { 0 };
  double lx, ly;

  if (n_press != 2 || self->layout == NULL)
    return;
  wm_canvas_widget_to_hit_point (self, wx, wy, &lx, &ly);
  wm_layout_hit_test (self->layout, lx, ly, &hit);
  if (hit.item != NULL)
    select_and_edit (self, hit.item);
  else if (hit.kind == WM_HIT_CELL)
    wm_card_editor_start_new (self, hit.lane, hit.stage);
}

static void
secondary_pressed_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           wx,
                      double           wy,
                      WmCanvas        *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  wm_canvas_show_context_menu (self, wx, wy);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
pan_begin_cb (GtkGestureDrag *gesture,
              double          wx,
              double          wy,
              WmCanvas       *self)
{
  self->pan_hvalue = gtk_adjustment_get_value (self->hadjustment);
  self->pan_vvalue = gtk_adjustment_get_value (self->vadjustment);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

static void
pan_update_cb (GtkGestureDrag *gesture,
               double          dx,
               double          dy,
               WmCanvas       *self)
{
  gtk_adjustment_set_value (self->hadjustment, self->pan_hvalue - dx);
  gtk_adjustment_set_value (self->vadjustment, self->pan_vvalue - dy);
}

static void
pan_end_cb (GtkGestureDrag *gesture,
            double          dx,
            double          dy,
            WmCanvas       *self)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
}

static const char *
cursor_for_hit (WmCanvas    *self,
                const WmHit *hit,
                double       x)
{
  switch (self->drag != WM_DRAG_NONE && self->drag != WM_DRAG_PENDING ? self->drag : WM_DRAG_NONE)
    {
    case WM_DRAG_SPAN:
      return "ew-resize";
    case WM_DRAG_POINT:
      return "ns-resize";
    case WM_DRAG_PAN:
      return "grabbing";
    case WM_DRAG_BAND:
      return "crosshair";
    case WM_DRAG_CARD:
    case WM_DRAG_STAGE:
    case WM_DRAG_LANE:
    case WM_DRAG_MOMENT:
      return "grabbing";
    case WM_DRAG_NONE:
    case WM_DRAG_PENDING:
    default:
      break;
    }
  switch (hit->kind)
    {
    case WM_HIT_CARD:
      return wm_canvas_near_right_edge (self, hit->item, x) ? "ew-resize" : "pointer";
    case WM_HIT_CURVE_POINT:
      return "ns-resize";
    case WM_HIT_MOMENT:
    case WM_HIT_STAGE_HEADER:
    case WM_HIT_LANE_HEADER:
      return "grab";
    case WM_HIT_CELL:
      return "cell";
    case WM_HIT_NONE:
    case WM_HIT_TITLE:
    default:
      return NULL;
    }
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    wx,
           double                    wy,
           WmCanvas                 *self)
{
  WmHit hit = { 0 };
  double lx, ly;

  self->pointer_x = wx;
  self->pointer_y = wy;
  if (self->layout == NULL)
    return;
  wm_canvas_widget_to_hit_point (self, wx, wy, &lx, &ly);
  wm_layout_hit_test (self->layout, lx, ly, &hit);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursor_for_hit (self, &hit, lx));
  if (hit.kind != self->hover.kind || hit.item != self->hover.item ||
      hit.lane != self->hover.lane || hit.stage != self->hover.stage)
    {
      self->hover = hit;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (GtkEventControllerMotion *controller,
          WmCanvas                 *self)
{
  memset (&self->hover, 0, sizeof self->hover);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           WmCanvas                 *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (!(state & GDK_CONTROL_MASK))
    return FALSE;
  wm_canvas_zoom_at (self, self->zoom * pow (1.1, -dy), self->pointer_x, self->pointer_y);
  return TRUE;
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               WmCanvas         *self)
{
  self->zoom_gesture_start = self->zoom;
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          scale,
                       WmCanvas       *self)
{
  double cx, cy;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy))
    {
      cx = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      cy = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  wm_canvas_zoom_at (self, self->zoom_gesture_start * scale, cx, cy);
}

/* Typing on a selected card (or an empty cell) starts editing it, as in
 * a spreadsheet; the key's character replaces the text. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                WmCanvas              *self)
{
  gunichar ch = gdk_keyval_to_unicode (keyval);
  char text[8] = { 0 };
  int lane, stage;
  gboolean started = FALSE;

  if (keyval == GDK_KEY_space && !wm_canvas_get_editing (self) &&
      !(state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)))
    {
      self->space_down = TRUE;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grab");
      return TRUE;
    }

  if (ch == 0 || !g_unichar_isprint (ch) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) ||
      wm_canvas_get_editing (self) || self->document == NULL)
    return FALSE;

  if (self->selection != NULL)
    started = wm_canvas_edit_selection (self);
  else if (wm_canvas_get_current_cell (self, &lane, &stage))
    started = wm_card_editor_start_new (self, lane, stage);
  if (!started)
    return FALSE;
  g_unichar_to_utf8 (ch, text);
  wm_card_editor_replace_text (self, text);
  return TRUE;
}

static void
key_released_cb (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 WmCanvas              *self)
{
  if (keyval == GDK_KEY_space && self->space_down)
    {
      self->space_down = FALSE;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
    }
}

static void
add_gestures (WmCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *gesture;
  GtkEventController *controller;

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (primary_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (primary_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (primary_end_cb), self);
  g_signal_connect (gesture, "cancel", G_CALLBACK (primary_cancel_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (double_click_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (secondary_pressed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_MIDDLE);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (pan_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (pan_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (pan_end_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  g_signal_connect (controller, "key-released", G_CALLBACK (key_released_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (widget, controller);
}

void
wm_canvas_input_init (WmCanvas *self)
{
  add_gestures (self);
  self->popover = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
  gtk_widget_set_halign (self->popover, GTK_ALIGN_START);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
}

void
wm_canvas_input_class_init (WmCanvasClass *klass)
{
  install_actions (GTK_WIDGET_CLASS (klass));
  add_bindings (GTK_WIDGET_CLASS (klass));
}

void
wm_canvas_input_dispose (WmCanvas *self)
{
  if (self->autoscroll_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->autoscroll_id);
  self->autoscroll_id = 0;
  g_clear_object (&self->drag_item);
  g_clear_object (&self->drag_target_card);
  g_clear_pointer (&self->band_base, g_ptr_array_unref);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  wm_canvas_quotes_dispose (self);
}
