/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-canvas.h"
#include "wm-edits.h"
#include "wm-enums.h"
#include "wm-lane-kind.h"
#include "wm-outline-private.h"
#include "wm-paste.h"
#include "wm-ui-text.h"
#include "wm-user-edits.h"

/* What the outline can do to its rows, all by keyboard: the same
 * wm_user_edit_* edits as the canvas, with the same default names, and the
 * selection following the edited item. update_actions() decides what can
 * run on the selected row; the Menu key lists it with the keys. */

/* The selected row, its item and its parent's item, all owned. */
typedef struct
{
  GtkTreeListRow *row;
  GObject        *item;
  GObject        *parent;
} Target;

static void
target_clear (Target *target)
{
  g_clear_object (&target->row);
  g_clear_object (&target->item);
  g_clear_object (&target->parent);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Target, target_clear)

static void
get_target (WmOutline *self,
            Target    *target)
{
  target->row = _wm_outline_selected_row (self);
  target->item = _wm_outline_row_item (target->row);
  target->parent = _wm_outline_parent_item (target->row);
}

static gboolean
is_section (Target     *target,
            const char *key)
{
  return g_strcmp0 (_wm_outline_section (target->item), key) == 0;
}

/* The document's lists */

static guint
n_items (GListStore *store)
{
  return g_list_model_get_n_items (G_LIST_MODEL (store));
}

static int
index_of (GListStore *store,
          gpointer    item)
{
  guint position;

  return item != NULL && g_list_store_find (store, item, &position) ? (int) position : -1;
}

static guint
n_stages (WmOutline *self)
{
  return n_items (wm_document_get_stages (self->document));
}

static WmStage *
stage_at (WmOutline *self,
          int        index)
{
  return index >= 0 ? wm_list_peek (wm_document_get_stages (self->document), index) : NULL;
}

static const char *
stage_id_at (WmOutline *self,
             int        index)
{
  WmStage *stage = stage_at (self, index);

  return stage != NULL ? wm_item_get_id (WM_ITEM (stage)) : NULL;
}

static int
stage_index (WmOutline  *self,
             const char *stage_id)
{
  return stage_id != NULL ? wm_document_stage_index (self->document, stage_id) : -1;
}

static WmLane *
card_lane (WmOutline *self,
           WmCard    *card)
{
  WmLane *lane = NULL;

  wm_document_find_card (self->document, wm_item_get_id (WM_ITEM (card)), &lane);
  return lane;
}

static gboolean
holds_cards (WmLane *lane)
{
  return lane != NULL && wm_lane_kind_holds_cards (wm_lane_get_kind (lane));
}

/* The nearest lane that holds cards, from @from in @direction. */
static WmLane *
card_lane_from (WmOutline *self,
                int        from,
                int        direction)
{
  GListStore *lanes = wm_document_get_lanes (self->document);

  for (int i = from; i >= 0 && i < (int) n_items (lanes); i += direction)
    if (holds_cards (wm_list_peek (lanes, i)))
      return wm_list_peek (lanes, i);
  return NULL;
}

/* The card before (-1) or after (+1) @card in its cell, as its lane's
 * list has them; -1 if none. */
static int
cell_neighbour (WmOutline *self,
                WmCard    *card,
                int        direction)
{
  GListStore *cards = wm_lane_get_cards (card_lane (self, card));
  int from = index_of (cards, card);

  for (int i = from + direction; from >= 0 && i >= 0 && i < (int) n_items (cards); i += direction)
    if (g_strcmp0 (wm_card_get_stage (wm_list_peek (cards, i)), wm_card_get_stage (card)) == 0)
      return i;
  return -1;
}

/* The stage a row is about: its own, its item's, or none. */
static const char *
target_stage (Target *target)
{
  if (WM_IS_STAGE (target->item))
    return wm_item_get_id (WM_ITEM (target->item));
  if (WM_IS_METRIC (target->item))
    return wm_item_get_id (WM_ITEM (target->parent));
  if (WM_IS_CARD (target->item))
    return wm_card_get_stage (WM_CARD (target->item));
  if (WM_IS_MOMENT (target->item))
    return wm_moment_get_stage (WM_MOMENT (target->item));
  if (WM_IS_CURVE_POINT (target->item))
    return wm_curve_point_get_stage (WM_CURVE_POINT (target->item));
  return NULL;
}

/* The persona a row is about. */
static const char *
target_persona (Target *target)
{
  if (WM_IS_PERSONA (target->item))
    return wm_item_get_id (WM_ITEM (target->item));
  if (WM_IS_CURVE_POINT (target->item) && WM_IS_PERSONA (target->parent))
    return wm_item_get_id (WM_ITEM (target->parent));
  if (WM_IS_MOMENT (target->item))
    return wm_moment_get_persona (WM_MOMENT (target->item));
  return NULL;
}

/* Adding */

static void
add_stage (WmOutline *self,
           guint      position)
{
  _wm_outline_push (self, wm_user_edit_add_stage (self->document, &position));
  _wm_outline_select_and_edit (self, stage_at (self, position));
}

static void
add_lane (WmOutline  *self,
          guint       position,
          WmLaneKind  kind)
{
  _wm_outline_push (self, wm_user_edit_add_lane (self->document, &position, kind));
  _wm_outline_select_and_edit (self, wm_list_peek (wm_document_get_lanes (self->document), position));
}

static void
add_card (WmOutline  *self,
          WmLane     *lane,
          const char *stage)
{
  WmCard *card = NULL;

  if (stage == NULL)
    return;
  _wm_outline_push (self, wm_user_edit_add_card (self->document, lane, stage, NULL, &card));
  if (card != NULL)
    _wm_outline_select_and_edit (self, card);
}

static void
add_persona (WmOutline *self)
{
  GListStore *personas = wm_document_get_personas (self->document);

  _wm_outline_push (self, wm_user_edit_add_persona (self->document));
  _wm_outline_select_and_edit (self, wm_list_peek (personas, n_items (personas) - 1));
}

static void
add_moment (WmOutline    *self,
            WmMomentKind  kind,
            const char   *persona,
            const char   *stage)
{
  GListStore *moments = wm_document_get_moments (self->document);
  WmCommand *command = wm_user_edit_add_moment (self->document, kind, persona, stage, 0.5);

  if (command == NULL)
    return;
  _wm_outline_push (self, command);
  _wm_outline_select_and_edit (self, wm_list_peek (moments, n_items (moments) - 1));
}

static void
add_metric (WmOutline    *self,
            WmStage      *stage,
            WmMetricKind  kind)
{
  GListStore *metrics = wm_stage_get_metrics (stage);

  _wm_outline_push (self, wm_user_edit_add_metric (stage, kind));
  _wm_outline_select_and_edit (self, wm_list_peek (metrics, n_items (metrics) - 1));
}

/* Insert: another of the same kind after the row (a card in the same
 * cell, a stage after the stage…); on a lane, a card in it; on a section,
 * a new item at its end. */
static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  WmOutline *self = WM_OUTLINE (widget);
  g_auto(Target) t = { 0 };
  GListStore *lanes;

  get_target (self, &t);
  if (t.item == NULL || self->document == NULL || self->editing)
    return;
  lanes = wm_document_get_lanes (self->document);
  if (WM_IS_CARD (t.item))
    add_card (self, WM_LANE (t.parent), wm_card_get_stage (WM_CARD (t.item)));
  else if (WM_IS_LANE (t.item))
    add_card (self, WM_LANE (t.item), stage_id_at (self, 0));
  else if (WM_IS_STAGE (t.item))
    add_stage (self, index_of (wm_document_get_stages (self->document), t.item) + 1);
  else if (WM_IS_PERSONA (t.item) || is_section (&t, WM_OUTLINE_CURVES))
    add_persona (self);
  else if (WM_IS_MOMENT (t.item))
    add_moment (self, wm_moment_get_kind (WM_MOMENT (t.item)),
                wm_moment_get_persona (WM_MOMENT (t.item)), wm_moment_get_stage (WM_MOMENT (t.item)));
  else if (is_section (&t, WM_OUTLINE_STAGES))
    add_stage (self, n_stages (self));
  else if (is_section (&t, WM_OUTLINE_LANES))
    add_lane (self, n_items (lanes), WM_LANE_NOTES);
  else if (is_section (&t, WM_OUTLINE_MOMENTS))
    add_moment (self, WM_MOMENT_AHA, NULL, NULL);
}

static void
add_stage_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  WmOutline *self = WM_OUTLINE (widget);
  g_auto(Target) t = { 0 };
  int index;

  get_target (self, &t);
  if (self->document == NULL)
    return;
  index = stage_index (self, target_stage (&t));
  if (index < 0)
    add_stage (self, n_stages (self));
  else
    add_stage (self, g_str_equal (action_name, "outline.add-stage-before") ? index : index + 1);
}

static void
add_lane_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  WmOutline *self = WM_OUTLINE (widget);
  g_auto(Target) t = { 0 };
  GListStore *lanes;
  int kind = WM_LANE_NOTES;
  int index;

  get_target (self, &t);
  if (self->document == NULL)
    return;
  lanes = wm_document_get_lanes (self->document);
  wm_enum_from_nick (WM_TYPE_LANE_KIND, g_variant_get_string (param, NULL), &kind);
  index = index_of (lanes, WM_IS_LANE (t.item) ? t.item : WM_IS_LANE (t.parent) ? t.parent : NULL);
  add_lane (self, index >= 0 ? (guint) index + 1 : n_items (lanes), kind);
}

/* A card in the row's lane, in the stage given. */
static void
add_card_in_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  WmOutline *self = WM_OUTLINE (widget);
  g_auto(Target) t = { 0 };
  const char *stage = g_variant_get_string (param, NULL);

  get_target (self, &t);
  if (self->document == NULL || wm_document_find_stage (self->document, stage) == NULL)
    return;
  add_card (self, WM_IS_LANE (t.item) ? WM_LANE (t.item) : WM_IS_LANE (t.parent) ? WM_LANE (t.parent) : NULL,
            stage);
}

/* A card in the row's stage, in the lane given. */
static void
add_card_to_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  WmOutline *self = WM_OUTLINE (widget);
  g_auto(Target) t = { 0 };

  get_target (self, &t);
  if (self->document == NULL)
    return;
  add_card (self, wm_document_find_lane (self->document, g_variant_get_string (param, NULL)),
            target_stage (&t));
}

static void
add_metric_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  WmOutline *self = WM_OUTLINE (widget);
  g_auto(Target) t = { 0 };
  int kind = g_variant_get_int32 (param);

  get_target (self, &t);
  if (kind < WM_METRIC_NPS || kind > WM_METRIC_CSAT)
    return;
  if (WM_IS_STAGE (t.item))
    add_metric (self, WM_STAGE (t.item), kind);
  else if (WM_IS_STAGE (t.parent))
    add_metric (self, WM_STAGE (t.parent), kind);
}

static void
add_persona_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  WmOutline *self = WM_OUTLINE (widget);

  if (self->document != NULL)
    add_persona (self);
}

/* An Aha- or micro-moment in the stage given ("": the row's stage, else
 * the first), had by the row's persona if it has one. */
static void
add_moment_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  WmOutline *self = WM_OUTLINE (widget);
  g_auto(Target) t = { 0 };
  const char *stage = g_variant_get_string (param, NULL);

  get_target (self, &t);
  if (self->document == NULL)
    return;
  if (stage[0] == '\0')
    stage = target_stage (&t);
  else if (wm_document_find_stage (self->document, stage) == NULL)
    return;
  add_moment (self, g_str_equal (action_name, "outline.add-aha") ? WM_MOMENT_AHA : WM_MOMENT_MICRO,
              target_persona (&t), stage);
}

/* Whose moment it is. */
static void
set_moment_persona_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  WmOutline *self = WM_OUTLINE (widget);
  g_auto(Target) t = { 0 };
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  WmCommand *command;

  get_target (self, &t);
  if (self->document == NULL || self->editing || !WM_IS_MOMENT (t.item) ||
      g_strcmp0 (wm_moment_get_persona (WM_MOMENT (t.item)), g_variant_get_string (param, NULL)) == 0)
    return;
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, g_variant_get_string (param, NULL));
  g_ptr_array_add (items, t.item);
  command = wm_user_edit_set (self->document, items, "persona", &value);
  if (command == NULL)
    return;
  _wm_outline_push (self, command);
  _wm_outline_select_item (self, t.item);
}

/* Editing and removing */

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WmOutline *self = WM_OUTLINE (widget);

  if (!self->editing)
    _wm_outline_edit_position (self, _wm_outline_selected_position (self));
}

/* A stage's empty value slot is no item of the map. */
static WmCommand *
remove_command (WmOutline *self,
                Target    *t)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  if (t->item == NULL || (WM_IS_CURVE_POINT (t->item) && _wm_outline_is_slot (self, t->item)))
    return NULL;
  g_ptr_array_add (items, t->item);
  return wm_user_edit_remove (self->document, items);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  WmOutline *self = WM_OUTLINE (widget);
  g_auto(Target) t = { 0 };
  guint position = _wm_outline_selected_position (self);
  WmCommand *command;

  get_target (self, &t);
  if (t.item == NULL || self->document == NULL || self->editing)
    return;
  command = remove_command (self, &t);
  if (command == NULL)
    return;
  _wm_outline_push (self, command);
  /* The row below takes the removed one's place (a removed value leaves
   * its stage's row in place). */
  _wm_outline_select_position (self, position);
}

/* Moving */

static void
move_stage (WmOutline *self,
            WmStage   *stage,
            int        delta)
{
  int from = index_of (wm_document_get_stages (self->document), stage);
  WmCommand *command = wm_user_edit_reorder (self->document, stage, from + delta);

  if (command == NULL)
    return;
  _wm_outline_push (self, command);
  _wm_outline_select_item (self, stage);
}

static void
move_lane (WmOutline *self,
           WmLane    *lane,
           int        delta)
{
  int from = index_of (wm_document_get_lanes (self->document), lane);
  WmCommand *command = wm_user_edit_reorder (self->document, lane, from + delta);

  if (command == NULL)
    return;
  _wm_outline_push (self, command);
  _wm_outline_select_item (self, lane);
}

/* Within its cell: before the previous card there, or after the next. */
static void
move_card_in_cell (WmOutline *self,
                   WmCard    *card,
                   int        delta)
{
  int to = cell_neighbour (self, card, delta);

  if (to < 0)
    return;
  /* The card leaves the list before it goes back in: at the previous
   * card's index it lands before it, at the next card's after it. */
  _wm_outline_push (self, wm_user_edit_move_card (self->document, card, card_lane (self, card),
                                                  wm_card_get_stage (card), to));
  _wm_outline_select_item (self, card);
}

/* Alt+Up, Alt+Down */
static void
move_vertical_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  WmOutline *self = WM_OUTLINE (widget);
  g_auto(Target) t = { 0 };
  int delta = g_str_equal (action_name, "outline.move-up") ? -1 : 1;

  get_target (self, &t);
  if (self->document == NULL || self->editing)
    return;
  if (WM_IS_STAGE (t.item))
    move_stage (self, WM_STAGE (t.item), delta);
  else if (WM_IS_LANE (t.item))
    move_lane (self, WM_LANE (t.item), delta);
  else if (WM_IS_CARD (t.item))
    move_card_in_cell (self, WM_CARD (t.item), delta);
}

/* Alt+Left, Alt+Right: to the stage before or after. */
static void
move_stage_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  WmOutline *self = WM_OUTLINE (widget);
  g_auto(Target) t = { 0 };
  int delta = g_str_equal (action_name, "outline.move-left") ? -1 : 1;
  const char *to;

  get_target (self, &t);
  if (self->document == NULL || self->editing)
    return;
  if (WM_IS_STAGE (t.item))
    {
      move_stage (self, WM_STAGE (t.item), delta);
      return;
    }
  to = stage_id_at (self, stage_index (self, target_stage (&t)) + delta);
  if (to == NULL || stage_index (self, target_stage (&t)) < 0)
    return;
  if (WM_IS_CARD (t.item))
    _wm_outline_push (self, wm_user_edit_move_card (self->document, WM_CARD (t.item),
                                                    card_lane (self, WM_CARD (t.item)), to, -1));
  else if (WM_IS_MOMENT (t.item))
    _wm_outline_push (self, wm_user_edit_move_moment (self->document, WM_MOMENT (t.item), to,
                                                      wm_moment_get_at (WM_MOMENT (t.item))));
  else
    return;
  _wm_outline_select_item (self, t.item);
}

/* Alt+Shift+Up, Alt+Shift+Down: a card to the next lane that holds cards. */
static void
move_lane_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  WmOutline *self = WM_OUTLINE (widget);
  g_auto(Target) t = { 0 };
  int delta = g_str_equal (action_name, "outline.move-lane-up") ? -1 : 1;
  WmCard *card;
  WmLane *to;

  get_target (self, &t);
  if (self->document == NULL || self->editing || !WM_IS_CARD (t.item))
    return;
  card = WM_CARD (t.item);
  to = card_lane_from (self, index_of (wm_document_get_lanes (self->document), card_lane (self, card)) + delta,
                       delta);
  if (to == NULL)
    return;
  _wm_outline_push (self, wm_user_edit_move_card (self->document, card, to, wm_card_get_stage (card), -1));
  _wm_outline_select_item (self, card);
}

/* Card attributes */

static guint
max_span (WmOutline *self,
          WmCard    *card)
{
  int first = stage_index (self, wm_card_get_stage (card));

  return first >= 0 ? n_stages (self) - first : 1;
}

/* Alt+Shift+Right, Alt+Shift+Left: over one more or one fewer stage. */
static void
span_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WmOutline *self = WM_OUTLINE (widget);
  g_auto(Target) t = { 0 };
  int delta = g_str_equal (action_name, "outline.span-wider") ? 1 : -1;

  get_target (self, &t);
  if (self->document == NULL || self->editing || !WM_IS_CARD (t.item))
    return;
  _wm_outline_push (self, wm_user_edit_set_span (self->document, WM_CARD (t.item),
                                                 wm_card_get_span (WM_CARD (t.item)) + delta));
}

static void
card_property_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  WmOutline *self = WM_OUTLINE (widget);
  g_auto(Target) t = { 0 };
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_auto(GValue) value = G_VALUE_INIT;
  const char *property = NULL;
  int tp = 0;
  WmCard *card;

  get_target (self, &t);
  if (self->document == NULL || !WM_IS_CARD (t.item))
    return;
  card = WM_CARD (t.item);
  g_ptr_array_add (items, card);
  if (g_str_equal (action_name, "outline.toggle-key"))
    {
      g_value_init (&value, G_TYPE_BOOLEAN);
      g_value_set_boolean (&value, !wm_card_get_key (card));
      property = "key";
    }
  else if (g_str_equal (action_name, "outline.set-severity") &&
           g_variant_get_uint32 (param) <= WM_SEVERITY_MAX)
    {
      g_value_init (&value, G_TYPE_UINT);
      g_value_set_uint (&value, g_variant_get_uint32 (param));
      property = "severity";
    }
  else if (g_str_equal (action_name, "outline.set-touchpoint") &&
           wm_enum_from_nick (WM_TYPE_TOUCHPOINT, g_variant_get_string (param, NULL), &tp))
    {
      g_value_init (&value, WM_TYPE_TOUCHPOINT);
      g_value_set_enum (&value, tp);
      property = "touchpoint";
    }
  if (property != NULL)
    {
      WmCommand *command = wm_user_edit_set (self->document, items, property, &value);

      if (command != NULL)
        _wm_outline_push (self, command);
    }
}

/* Duplicate and the clipboard: the canvas's JSON, so cards travel
 * between the two views and between windows. */

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  WmOutline *self = WM_OUTLINE (widget);
  g_auto(Target) t = { 0 };
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GPtrArray) copies = g_ptr_array_new ();
  WmCommand *command;

  get_target (self, &t);
  if (self->document == NULL || self->editing || !(WM_IS_CARD (t.item) || WM_IS_STAGE (t.item)))
    return;
  g_ptr_array_add (items, t.item);
  command = wm_user_edit_duplicate (self->document, items, copies);
  if (command == NULL)
    return;
  _wm_outline_push (self, command);
  _wm_outline_select_item (self, g_ptr_array_index (copies, 0));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WmOutline *self = WM_OUTLINE (widget);
  g_auto(Target) t = { 0 };
  guint position = _wm_outline_selected_position (self);

  get_target (self, &t);
  if (self->document != NULL && !self->editing && WM_IS_STAGE (t.item) &&
      g_str_equal (action_name, "outline.copy"))
    wm_paste_copy_stage (widget, self->document, WM_STAGE (t.item));
  if (self->document == NULL || self->editing || !WM_IS_CARD (t.item))
    return;
  wm_paste_copy_card (widget, WM_CARD (t.item));
  if (g_str_equal (action_name, "outline.cut"))
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new ();

      g_ptr_array_add (items, t.item);
      _wm_outline_push (self, wm_user_edit_remove (self->document, items));
      _wm_outline_select_position (self, position);
    }
}

/* Where a pasted card goes: after the selected card, else at the end of
 * the selected lane (first stage) or of the first card lane (selected
 * stage). */
static gboolean
paste_target (WmOutline   *self,
              Target      *t,
              WmLane     **lane,
              const char **stage,
              guint       *position)
{
  *position = G_MAXUINT;
  if (WM_IS_CARD (t->item))
    {
      *lane = card_lane (self, WM_CARD (t->item));
      *stage = wm_card_get_stage (WM_CARD (t->item));
      *position = index_of (wm_lane_get_cards (*lane), t->item) + 1;
    }
  else if (WM_IS_LANE (t->item))
    {
      *lane = WM_LANE (t->item);
      *stage = stage_id_at (self, 0);
    }
  else
    {
      *lane = card_lane_from (self, 0, 1);
      *stage = WM_IS_STAGE (t->item) ? target_stage (t) : NULL;
    }
  return holds_cards (*lane) && *stage != NULL;
}

/* A Mermaid journey pasted: its sections, tasks and actors join the map
 * as one step, as on the canvas. */
static void
paste_mermaid (WmOutline    *self,
               GAsyncResult *result)
{
  WmCommand *command = wm_paste_take_mermaid_command (result, self->document, GTK_WIDGET (self));

  if (command != NULL)
    _wm_outline_push (self, command);
}

static void
paste_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(WmOutline) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = wm_paste_read_cards_finish (result, &error);
  g_auto(Target) t = { 0 };
  WmCommand *command;
  WmLane *lane;
  const char *stage;
  guint position;

  if (error != NULL)
    wm_paste_report (GTK_WIDGET (self), error);
  if (error == NULL && cards == NULL && self->document != NULL)
    paste_mermaid (self, result);
  if (cards == NULL || self->document == NULL)
    return;
  get_target (self, &t);
  if (!paste_target (self, &t, &lane, &stage, &position))
    return;
  /* The edit gives the cards fresh ids and fits their spans to the map. */
  command = wm_user_edit_paste_cards (self->document, cards, lane, stage, position);
  if (command == NULL)
    return;
  _wm_outline_push (self, command);
  _wm_outline_select_item (self, g_ptr_array_index (cards, cards->len - 1));
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  WmOutline *self = WM_OUTLINE (widget);

  if (self->document == NULL || self->editing)
    return;
  wm_paste_read_card_async (widget, NULL, paste_read_cb, g_object_ref (self));
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WmOutline *self = WM_OUTLINE (widget);

  if (!self->editing)
    _wm_outline_popup_menu (self, -1, -1);
}

/* What can run now */

void
_wm_outline_update_actions (WmOutline *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_auto(Target) t = { 0 };
  gboolean doc = self->document != NULL;
  gboolean has_stages = doc && n_stages (self) > 0;
  GObject *item;
  gboolean card, stage, lane, moment, persona, metric, point, slot, card_lane_ok;
  int si = -1, li = -1;

  get_target (self, &t);
  item = doc ? t.item : NULL;
  card = WM_IS_CARD (item);
  stage = WM_IS_STAGE (item);
  lane = WM_IS_LANE (item);
  moment = WM_IS_MOMENT (item);
  persona = WM_IS_PERSONA (item);
  metric = WM_IS_METRIC (item);
  slot = _wm_outline_is_slot (self, item);
  point = WM_IS_CURVE_POINT (item) && !slot;
  if (doc)
    {
      si = stage_index (self, target_stage (&t));
      li = index_of (wm_document_get_lanes (self->document),
                     lane ? item : card ? G_OBJECT (card_lane (self, WM_CARD (item))) : NULL);
    }
  card_lane_ok = doc && card_lane_from (self, 0, 1) != NULL;

  gtk_widget_action_set_enabled (widget, "outline.edit",
                                 stage || lane || card || persona || moment || metric || point || slot);
  gtk_widget_action_set_enabled (widget, "outline.remove",
                                 stage || lane || card || persona || moment || metric || point);
  gtk_widget_action_set_enabled (widget, "outline.add",
                                 (_wm_outline_section (item) != NULL || stage || persona || moment) ||
                                 ((card || (lane && holds_cards (WM_LANE (item)))) && has_stages));
  gtk_widget_action_set_enabled (widget, "outline.add-stage-before", stage || metric);
  gtk_widget_action_set_enabled (widget, "outline.add-stage-after", doc);
  gtk_widget_action_set_enabled (widget, "outline.add-lane", doc);
  gtk_widget_action_set_enabled (widget, "outline.add-card-in",
                                 has_stages && (card || (lane && holds_cards (WM_LANE (item)))));
  gtk_widget_action_set_enabled (widget, "outline.add-card-to", (stage || metric) && card_lane_ok);
  gtk_widget_action_set_enabled (widget, "outline.add-metric", stage || metric);
  gtk_widget_action_set_enabled (widget, "outline.add-persona", doc);
  gtk_widget_action_set_enabled (widget, "outline.add-aha", has_stages);
  gtk_widget_action_set_enabled (widget, "outline.add-micro", has_stages);

  gtk_widget_action_set_enabled (widget, "outline.move-up",
                                 ((stage || lane) && (stage ? si : li) > 0) ||
                                 (card && cell_neighbour (self, WM_CARD (item), -1) >= 0));
  gtk_widget_action_set_enabled (widget, "outline.move-down",
                                 (stage && si + 1 < (int) n_stages (self)) ||
                                 (lane && li + 1 < (int) n_items (wm_document_get_lanes (self->document))) ||
                                 (card && cell_neighbour (self, WM_CARD (item), 1) >= 0));
  gtk_widget_action_set_enabled (widget, "outline.move-left", (stage || card || moment) && si > 0);
  gtk_widget_action_set_enabled (widget, "outline.move-right",
                                 (stage || card || moment) && si >= 0 && si + 1 < (int) n_stages (self));
  gtk_widget_action_set_enabled (widget, "outline.move-lane-up",
                                 card && card_lane_from (self, li - 1, -1) != NULL);
  gtk_widget_action_set_enabled (widget, "outline.move-lane-down",
                                 card && card_lane_from (self, li + 1, 1) != NULL);
  gtk_widget_action_set_enabled (widget, "outline.span-wider",
                                 card && wm_card_get_span (WM_CARD (item)) < max_span (self, WM_CARD (item)));
  gtk_widget_action_set_enabled (widget, "outline.span-narrower",
                                 card && wm_card_get_span (WM_CARD (item)) > 1);

  gtk_widget_action_set_enabled (widget, "outline.duplicate", card || stage);
  gtk_widget_action_set_enabled (widget, "outline.copy", card || stage);
  gtk_widget_action_set_enabled (widget, "outline.cut", card);
  gtk_widget_action_set_enabled (widget, "outline.paste",
                                 has_stages && (card || (lane && holds_cards (WM_LANE (item))) ||
                                                (stage && card_lane_ok)));
  gtk_widget_action_set_enabled (widget, "outline.set-touchpoint", card);
  gtk_widget_action_set_enabled (widget, "outline.toggle-key", card);
  gtk_widget_action_set_enabled (widget, "outline.set-severity", card);
  gtk_widget_action_set_enabled (widget, "outline.menu", t.item != NULL);
}

/* Context menus: what the row can do, with its keys. */

static void
append (GMenu      *menu,
        const char *label,
        const char *action,
        GVariant   *target,
        const char *accel)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, target);
  if (accel != NULL)
    g_menu_item_set_attribute (item, "accel", "s", accel);
  g_menu_append_item (menu, item);
}

/* An item named by map text: clipped, and an '_' in it shown, not taken
 * for a mnemonic. */
static void
append_named (GMenu      *menu,
              const char *text,
              const char *action,
              GVariant   *target)
{
  g_autofree char *label = wm_ui_mnemonic_safe (text);

  append (menu, label, action, target, NULL);
}

static void
append_section (GMenu *menu,
                GMenu *section)
{
  if (g_menu_model_get_n_items (G_MENU_MODEL (section)) > 0)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
}

static void
append_submenu (GMenu      *menu,
                const char *label,
                GMenu      *submenu)
{
  if (g_menu_model_get_n_items (G_MENU_MODEL (submenu)) > 0)
    g_menu_append_submenu (menu, label, G_MENU_MODEL (submenu));
  g_object_unref (submenu);
}

/* One item per stage, running @action with the stage's id. */
static GMenu *
stages_menu (WmOutline  *self,
             const char *action)
{
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < n_stages (self); i++)
    append_named (menu, wm_stage_get_title (stage_at (self, i)), action,
                  g_variant_new_string (wm_item_get_id (WM_ITEM (stage_at (self, i)))));
  return menu;
}

static GMenu *
lanes_menu (WmOutline *self)
{
  GListStore *lanes = wm_document_get_lanes (self->document);
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < n_items (lanes); i++)
    if (holds_cards (wm_list_peek (lanes, i)))
      append_named (menu, wm_lane_get_title (wm_list_peek (lanes, i)), "outline.add-card-to",
                    g_variant_new_string (wm_item_get_id (wm_list_peek (lanes, i))));
  return menu;
}

static GMenu *
lane_kinds_menu (void)
{
  GMenu *menu = g_menu_new ();

  for (int k = WM_LANE_ACTIONS; k <= WM_LANE_NOTES; k++)
    append (menu, wm_lane_kind_label (k), "outline.add-lane",
            g_variant_new_string (wm_enum_to_nick (WM_TYPE_LANE_KIND, k)), NULL);
  return menu;
}

static GMenu *
metrics_menu (void)
{
  GMenu *menu = g_menu_new ();

  for (int k = WM_METRIC_NPS; k <= WM_METRIC_CSAT; k++)
    append (menu, wm_metric_kind_label (k), "outline.add-metric", g_variant_new_int32 (k), NULL);
  return menu;
}

static void
append_moments (GMenu *menu)
{
  append (menu, _("Add _Aha-Moment"), "outline.add-aha", g_variant_new_string (""), NULL);
  append (menu, _("Add _Micro-Moment"), "outline.add-micro", g_variant_new_string (""), NULL);
}

static GMenu *
moment_personas_menu (WmOutline *self)
{
  GListModel *personas = G_LIST_MODEL (wm_document_get_personas (self->document));
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
    {
      g_autoptr(WmPersona) persona = g_list_model_get_item (personas, i);

      append_named (menu, wm_persona_get_name (persona), "outline.set-moment-persona",
                    g_variant_new_string (wm_item_get_id (WM_ITEM (persona))));
    }
  return menu;
}

static void
card_menu (WmOutline *self,
           GMenu     *menu,
           WmCard    *card)
{
  WmCardFields fields = wm_card_get_fields (card, wm_lane_get_kind (card_lane (self, card)));
  GMenu *section = g_menu_new ();
  GMenu *sub;

  append (section, _("_Edit"), "outline.edit", NULL, "F2");
  append (section, _("Add _Card"), "outline.add", NULL, "Insert");
  append (section, _("D_uplicate"), "outline.duplicate", NULL, "<Control>d");
  append (section, _("_Copy"), "outline.copy", NULL, "<Control>c");
  append (section, _("Cu_t"), "outline.cut", NULL, "<Control>x");
  append (section, _("_Paste"), "outline.paste", NULL, "<Control>v");
  append_section (menu, section);

  /* The moves in a submenu keep the menu short enough to fit. */
  sub = g_menu_new ();
  append (sub, _("To the _Previous Stage"), "outline.move-left", NULL, "<Alt>Left");
  append (sub, _("To the _Next Stage"), "outline.move-right", NULL, "<Alt>Right");
  append (sub, _("_Up in the Stage"), "outline.move-up", NULL, "<Alt>Up");
  append (sub, _("_Down in the Stage"), "outline.move-down", NULL, "<Alt>Down");
  append (sub, _("To the Lane _Above"), "outline.move-lane-up", NULL, "<Alt><Shift>Up");
  append (sub, _("To the Lane _Below"), "outline.move-lane-down", NULL, "<Alt><Shift>Down");
  section = g_menu_new ();
  append_submenu (section, _("_Move"), sub);
  sub = g_menu_new ();
  append (sub, _("_Wider"), "outline.span-wider", NULL, "<Alt><Shift>Right");
  append (sub, _("Na_rrower"), "outline.span-narrower", NULL, "<Alt><Shift>Left");
  append_submenu (section, _("Sp_an"), sub);
  if (fields & WM_CARD_FIELD_TOUCHPOINT)
    {
      sub = g_menu_new ();
      for (int tp = WM_TOUCHPOINT_NONE; tp <= WM_TOUCHPOINT_MISSED; tp++)
        append (sub, wm_touchpoint_label (tp), "outline.set-touchpoint",
                g_variant_new_string (wm_enum_to_nick (WM_TYPE_TOUCHPOINT, tp)), NULL);
      append_submenu (section, _("_Touchpoint"), sub);
      append (section, wm_card_get_key (card) ? _("Not a _Key Touchpoint") : _("_Key Touchpoint"),
              "outline.toggle-key", NULL, NULL);
    }
  if (fields & WM_CARD_FIELD_SEVERITY)
    {
      sub = g_menu_new ();
      for (guint s = 0; s <= WM_SEVERITY_MAX; s++)
        {
          g_autofree char *label = s == 0 ? g_strdup (_("None")) : g_strdup_printf ("%u", s);

          append (sub, label, "outline.set-severity", g_variant_new_uint32 (s), NULL);
        }
      append_submenu (section, _("_Severity"), sub);
    }
  append_section (menu, section);

  section = g_menu_new ();
  append (section, _("_Delete"), "outline.remove", NULL, "Delete");
  append_section (menu, section);
}

static void
stage_menu (WmOutline *self,
            GMenu     *menu)
{
  GMenu *section = g_menu_new ();

  append (section, _("_Rename"), "outline.edit", NULL, "F2");
  append (section, _("Add Stage _Before"), "outline.add-stage-before", NULL, NULL);
  append (section, _("Add Stage _After"), "outline.add-stage-after", NULL, "Insert");
  append (section, _("D_uplicate Stage"), "outline.duplicate", NULL, "<Control>d");
  append (section, _("Move _Left"), "outline.move-left", NULL, "<Alt>Left");
  append (section, _("Move _Right"), "outline.move-right", NULL, "<Alt>Right");
  append_section (menu, section);

  section = g_menu_new ();
  append_submenu (section, _("Add _Card"), lanes_menu (self));
  append_submenu (section, _("Add _Metric"), metrics_menu ());
  append_moments (section);
  append (section, _("_Paste"), "outline.paste", NULL, "<Control>v");
  append_section (menu, section);

  section = g_menu_new ();
  append (section, _("_Delete Stage"), "outline.remove", NULL, "Delete");
  append_section (menu, section);
}

static void
lane_menu (WmOutline *self,
           GMenu     *menu,
           WmLane    *lane)
{
  GMenu *section = g_menu_new ();

  append (section, _("_Rename"), "outline.edit", NULL, "F2");
  if (holds_cards (lane))
    {
      append_submenu (section, _("Add _Card"), stages_menu (self, "outline.add-card-in"));
      append (section, _("_Paste"), "outline.paste", NULL, "<Control>v");
    }
  append_section (menu, section);

  section = g_menu_new ();
  append_submenu (section, _("_Add Lane"), lane_kinds_menu ());
  append (section, _("Move _Up"), "outline.move-up", NULL, "<Alt>Up");
  append (section, _("Move _Down"), "outline.move-down", NULL, "<Alt>Down");
  append_section (menu, section);

  section = g_menu_new ();
  append (section, _("_Delete Lane"), "outline.remove", NULL, "Delete");
  append_section (menu, section);
}

static void
section_menu (WmOutline  *self,
              GMenu      *menu,
              const char *key)
{
  if (g_str_equal (key, WM_OUTLINE_STAGES))
    append (menu, _("Add _Stage"), "outline.add", NULL, "Insert");
  else if (g_str_equal (key, WM_OUTLINE_LANES))
    append_submenu (menu, _("Add _Lane"), lane_kinds_menu ());
  else if (g_str_equal (key, WM_OUTLINE_CURVES))
    append (menu, _("Add _Persona"), "outline.add", NULL, "Insert");
  else
    {
      append_submenu (menu, _("Add _Aha-Moment"), stages_menu (self, "outline.add-aha"));
      append_submenu (menu, _("Add _Micro-Moment"), stages_menu (self, "outline.add-micro"));
    }
}

static GMenu *
menu_for (WmOutline *self,
          Target    *t)
{
  GMenu *menu = g_menu_new ();
  GMenu *section;
  const char *key = _wm_outline_section (t->item);

  if (key != NULL)
    section_menu (self, menu, key);
  else if (WM_IS_CARD (t->item))
    card_menu (self, menu, WM_CARD (t->item));
  else if (WM_IS_STAGE (t->item))
    stage_menu (self, menu);
  else if (WM_IS_LANE (t->item))
    lane_menu (self, menu, WM_LANE (t->item));
  else if (WM_IS_METRIC (t->item))
    {
      append (menu, _("Change _Value"), "outline.edit", NULL, "Return");
      append_submenu (menu, _("Add _Metric"), metrics_menu ());
      append (menu, _("_Delete Metric"), "outline.remove", NULL, "Delete");
    }
  else if (WM_IS_PERSONA (t->item))
    {
      append (menu, _("_Rename"), "outline.edit", NULL, "F2");
      append (menu, _("Add _Persona"), "outline.add", NULL, "Insert");
      append (menu, _("_Delete Persona"), "outline.remove", NULL, "Delete");
    }
  else if (WM_IS_CURVE_POINT (t->item))
    {
      section = g_menu_new ();
      if (_wm_outline_is_slot (self, t->item))
        append (section, _("_Set Value"), "outline.edit", NULL, "Return");
      else
        {
          append (section, _("Change _Value"), "outline.edit", NULL, "Return");
          append (section, _("_Clear Value"), "outline.remove", NULL, "Delete");
        }
      append_section (menu, section);
      section = g_menu_new ();
      append_moments (section);
      append_section (menu, section);
    }
  else if (WM_IS_MOMENT (t->item))
    {
      section = g_menu_new ();
      append (section, _("_Edit"), "outline.edit", NULL, "F2");
      append (section, _("Move to _Previous Stage"), "outline.move-left", NULL, "<Alt>Left");
      append (section, _("Move to _Next Stage"), "outline.move-right", NULL, "<Alt>Right");
      append_submenu (section, _("Pe_rsona"), moment_personas_menu (self));
      append_section (menu, section);
      section = g_menu_new ();
      append_moments (section);
      append_section (menu, section);
      section = g_menu_new ();
      append (section, _("_Delete"), "outline.remove", NULL, "Delete");
      append_section (menu, section);
    }
  return menu;
}

void
_wm_outline_popup_menu (WmOutline *self,
                        double     x,
                        double     y)
{
  g_auto(Target) t = { 0 };
  g_autoptr(GMenu) menu = NULL;
  graphene_rect_t bounds;
  GdkRectangle rect = { 0, 0, 1, 1 };

  get_target (self, &t);
  if (t.item == NULL || self->document == NULL)
    return;
  _wm_outline_update_actions (self);
  menu = menu_for (self, &t);
  if (g_menu_model_get_n_items (G_MENU_MODEL (menu)) == 0)
    return;
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), G_MENU_MODEL (menu));
  if (x >= 0)
    rect = (GdkRectangle) { (int) x, (int) y, 1, 1 };
  else if (_wm_outline_selected_bounds (self, &bounds))
    /* Under the row's text, as a menu button would open. */
    rect = (GdkRectangle) { (int) bounds.origin.x + 32, (int) bounds.origin.y,
                            1, (int) bounds.size.height };
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

void
_wm_outline_class_actions_init (GtkWidgetClass *widget_class)
{
  const struct { const char *name; const char *type; GtkWidgetActionActivateFunc activate; } actions[] = {
    { "outline.edit", NULL, edit_action },
    { "outline.remove", NULL, remove_action },
    { "outline.add", NULL, add_action },
    { "outline.add-stage-before", NULL, add_stage_action },
    { "outline.add-stage-after", NULL, add_stage_action },
    { "outline.add-lane", "s", add_lane_action },
    { "outline.add-card-in", "s", add_card_in_action },
    { "outline.add-card-to", "s", add_card_to_action },
    { "outline.add-metric", "i", add_metric_action },
    { "outline.add-persona", NULL, add_persona_action },
    { "outline.add-aha", "s", add_moment_action },
    { "outline.set-moment-persona", "s", set_moment_persona_action },
    { "outline.add-micro", "s", add_moment_action },
    { "outline.move-up", NULL, move_vertical_action },
    { "outline.move-down", NULL, move_vertical_action },
    { "outline.move-left", NULL, move_stage_action },
    { "outline.move-right", NULL, move_stage_action },
    { "outline.move-lane-up", NULL, move_lane_action },
    { "outline.move-lane-down", NULL, move_lane_action },
    { "outline.span-wider", NULL, span_action },
    { "outline.span-narrower", NULL, span_action },
    { "outline.duplicate", NULL, duplicate_action },
    { "outline.copy", NULL, copy_action },
    { "outline.cut", NULL, copy_action },
    { "outline.paste", NULL, paste_action },
    { "outline.set-touchpoint", "s", card_property_action },
    { "outline.toggle-key", NULL, card_property_action },
    { "outline.set-severity", "u", card_property_action },
    { "outline.menu", NULL, menu_action },
  };
  const struct { guint key; GdkModifierType mods; const char *action; } keys[] = {
    { GDK_KEY_F2, 0, "outline.edit" },
    { GDK_KEY_Delete, 0, "outline.remove" },
    { GDK_KEY_KP_Delete, 0, "outline.remove" },
    /* Not Ctrl+N: the application's New Map accelerator runs before any
     * widget's bindings. */
    { GDK_KEY_Insert, 0, "outline.add" },
    { GDK_KEY_KP_Insert, 0, "outline.add" },
    { GDK_KEY_Up, GDK_ALT_MASK, "outline.move-up" },
    { GDK_KEY_Down, GDK_ALT_MASK, "outline.move-down" },
    { GDK_KEY_Left, GDK_ALT_MASK, "outline.move-left" },
    { GDK_KEY_Right, GDK_ALT_MASK, "outline.move-right" },
    { GDK_KEY_Up, GDK_ALT_MASK | GDK_SHIFT_MASK, "outline.move-lane-up" },
    { GDK_KEY_Down, GDK_ALT_MASK | GDK_SHIFT_MASK, "outline.move-lane-down" },
    { GDK_KEY_Right, GDK_ALT_MASK | GDK_SHIFT_MASK, "outline.span-wider" },
    { GDK_KEY_Left, GDK_ALT_MASK | GDK_SHIFT_MASK, "outline.span-narrower" },
    { GDK_KEY_d, GDK_CONTROL_MASK, "outline.duplicate" },
    { GDK_KEY_c, GDK_CONTROL_MASK, "outline.copy" },
    { GDK_KEY_x, GDK_CONTROL_MASK, "outline.cut" },
    { GDK_KEY_v, GDK_CONTROL_MASK, "outline.paste" },
    { GDK_KEY_Menu, 0, "outline.menu" },
    { GDK_KEY_F10, GDK_SHIFT_MASK, "outline.menu" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i].name, actions[i].type, actions[i].activate);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_widget_class_add_binding_action (widget_class, keys[i].key, keys[i].mods, keys[i].action, NULL);
}
