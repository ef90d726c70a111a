/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-canvas-private.h"
#include "wm-field-undo.h"
#include "wm-user-edits.h"
#include "wm-ui-text.h"

/* In-place text editing: a GtkTextView, a child of the canvas, laid over
 * the item at the current zoom, so input methods work as in any text
 * field. Typing into an existing item edits it live (one merged undo step
 * per burst); a new card is added when its text is committed. */

#define MIN_EDITOR_WIDTH 160.0

static const char *
text_property (GObject *item)
{
  if (WM_IS_CARD (item) || WM_IS_MOMENT (item))
    return "text";
  if (WM_IS_STAGE (item) || WM_IS_LANE (item))
    return "title";
  return NULL;
}

static char *
get_item_text (GObject    *item,
               const char *property)
{
  char *text = NULL;

  g_object_get (item, property, &text, NULL);
  return text;
}

static char *
get_buffer_text (WmCanvas *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->editor_view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_buffer_text (WmCanvas   *self,
                 const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->editor_view));

  self->editor_updating = TRUE;
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  self->editor_updating = FALSE;
}

static void
buffer_changed_cb (WmCanvas *self)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (self->editor_updating || self->editing == NULL || self->history == NULL)
    return;

  g_value_init (&value, G_TYPE_STRING);
  g_value_take_string (&value, get_buffer_text (self));
  self->editor_updating = TRUE;
  wm_canvas_push (self, wm_user_edit_type (self->document, self->editing, self->editing_property,
                                           &value, "typing"));
  self->editor_updating = FALSE;
}

static gboolean
key_pressed_cb (WmCanvas              *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  gboolean plain = (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK)) == 0;

  switch (keyval)
    {
    case GDK_KEY_Escape:
      wm_card_editor_stop (self);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      /* Shift+Enter is a new line inside the card. */
      if (!plain && !(state & GDK_CONTROL_MASK))
        return FALSE;
      wm_card_editor_stop (self);
      return TRUE;
    case GDK_KEY_Tab:
    case GDK_KEY_ISO_Left_Tab:
      wm_card_editor_stop (self);
      gtk_widget_activate_action (GTK_WIDGET (self),
                                  keyval == GDK_KEY_Tab && !(state & GDK_SHIFT_MASK)
                                  ? "canvas.next-card" : "canvas.previous-card", NULL);
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
stop_idle_cb (gpointer data)
{
  WmCanvas *self = data;

  if (self->editor_view != NULL && !gtk_widget_has_focus (self->editor_view) &&
      wm_canvas_get_editing (self))
    wm_card_editor_stop (self);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
focus_leave_cb (WmCanvas *self)
{
  /* Not right away: a context menu or a click on the canvas may follow. */
  g_idle_add (stop_idle_cb, g_object_ref (self));
}

void
wm_card_editor_init (WmCanvas *self)
{
  GtkEventController *controller;
  GtkTextBuffer *buffer;

  self->editor_view = gtk_text_view_new ();
  self->editor = self->editor_view;
  wm_field_undo_to_document (self->editor_view);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->editor_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (self->editor_view), FALSE);
  gtk_widget_add_css_class (self->editor_view, "wm-card-editor");
  gtk_widget_set_visible (self->editor_view, FALSE);
  gtk_widget_set_parent (self->editor_view, GTK_WIDGET (self));

  self->editor_css = gtk_css_provider_new ();
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_add_provider (gtk_widget_get_style_context (self->editor_view),
                                  GTK_STYLE_PROVIDER (self->editor_css),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  G_GNUC_END_IGNORE_DEPRECATIONS

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->editor_view));
  g_signal_connect_swapped (buffer, "changed", G_CALLBACK (buffer_changed_cb), self);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (self->editor_view, controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (self->editor_view, controller);
}

void
wm_card_editor_dispose (WmCanvas *self)
{
  g_clear_object (&self->editing);
  g_clear_pointer (&self->editing_property, g_free);
  g_clear_pointer (&self->editor_view, gtk_widget_unparent);
  self->editor = NULL;
  g_clear_object (&self->editor_css);
}

/* The rectangle the editor covers, in layout units. */
static gboolean
get_editor_rect (WmCanvas          *self,
                 cairo_rectangle_t *rect)
{
  const WmStyle *style;

  if (self->layout == NULL)
    return FALSE;
  style = wm_layout_get_style (self->layout);

  if (self->editor_pending)
    {
      WmLane *lane = wm_list_peek (wm_document_get_lanes (self->document), self->pending_lane);
      WmStage *stage = wm_list_peek (wm_document_get_stages (self->document), self->pending_stage);
      GListModel *cards;
      double bottom;

      if (lane == NULL || stage == NULL ||
          !wm_layout_get_cell_rect (self->layout, self->pending_lane, self->pending_stage, rect))
        return FALSE;
      /* Below the cell's last card, where the new one will go. */
      bottom = rect->y + style->cell_padding;
      cards = G_LIST_MODEL (wm_lane_get_cards (lane));
      for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
        {
          g_autoptr(WmCard) card = g_list_model_get_item (cards, i);
          cairo_rectangle_t card_rect;

          if (g_strcmp0 (wm_card_get_stage (card), wm_item_get_id (WM_ITEM (stage))) == 0 &&
              wm_layout_get_item_rect (self->layout, G_OBJECT (card), &card_rect))
            bottom = MAX (bottom, card_rect.y + card_rect.height + style->card_gap);
        }
      rect->x += style->cell_padding;
      rect->width = MAX (rect->width - 2 * style->cell_padding, 40);
      rect->y = bottom;
      rect->height = style->font_size * 1.6 + 2 * style->card_padding;
      return TRUE;
    }

  if (self->editing == NULL || !wm_layout_get_item_rect (self->layout, self->editing, rect))
    return FALSE;

  if (WM_IS_STAGE (self->editing))
    rect->height = MIN (rect->height, style->header_font_size * 2.4 + 2 * style->card_padding);
  else if (WM_IS_LANE (self->editing))
    {
      rect->width = MIN (rect->width, style->lane_header_width);
      rect->height = MIN (rect->height, style->header_font_size * 2.4 + 2 * style->card_padding);
    }
  else if (WM_IS_MOMENT (self->editing))
    {
      rect->x -= 6;
      rect->width = MAX (rect->width, 180);
    }
  return TRUE;
}

static void
update_font (WmCanvas *self)
{
  const WmStyle *style;
  g_autofree char *css = NULL;
  double size, padding;

  if (self->layout == NULL)
    return;
  style = wm_layout_get_style (self->layout);
  size = (self->editing != NULL && !WM_IS_CARD (self->editing) && !WM_IS_MOMENT (self->editing))
         ? style->header_font_size : style->font_size;
  padding = style->card_padding * self->zoom;
  css = g_strdup_printf ("textview.wm-card-editor { font-family: \"%s\"; font-size: %.2fpx; }\n",
                         style->font_family != NULL ? style->font_family : "Sans",
                         MAX (size * self->zoom, 6.0));
  gtk_css_provider_load_from_data (self->editor_css, css, -1);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->editor_view), (int) (padding + 2));
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->editor_view), (int) (padding + 2));
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->editor_view), (int) (padding + 2));
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->editor_view), (int) (padding + 2));
}

void
wm_card_editor_allocate (WmCanvas *self)
{
  cairo_rectangle_t rect;
  GtkAllocation alloc;
  double x, y;
  int min_height, nat_height;

  if (self->editor_view == NULL || !gtk_widget_get_visible (self->editor_view))
    return;
  if (!get_editor_rect (self, &rect))
    {
      rect.x = rect.y = 0;
      rect.width = rect.height = 0;
    }

  wm_canvas_layout_to_widget (self, rect.x, rect.y, &x, &y);
  alloc.x = (int) x - 2;
  alloc.y = (int) y - 2;
  alloc.width = (int) MAX (rect.width * self->zoom + 4, MIN_EDITOR_WIDTH * MIN (self->zoom, 1.0));
  gtk_widget_measure (self->editor_view, GTK_ORIENTATION_VERTICAL, alloc.width,
                      &min_height, &nat_height, NULL, NULL);
  alloc.height = MAX ((int) (rect.height * self->zoom + 4), MAX (min_height, nat_height));
  gtk_widget_size_allocate (self->editor_view, &alloc, -1);
}

static void
show_editor (WmCanvas   *self,
             const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->editor_view));
  GtkTextIter start, end;

  set_buffer_text (self, text);
  update_font (self);
  gtk_widget_set_visible (self->editor_view, TRUE);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  /* A header's title is usually replaced whole; a card's text is added to. */
  if (self->editing != NULL && (WM_IS_STAGE (self->editing) || WM_IS_LANE (self->editing)))
    gtk_text_buffer_select_range (buffer, &end, &start);
  else
    gtk_text_buffer_place_cursor (buffer, &end);
  gtk_widget_grab_focus (self->editor_view);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  wm_canvas_notify_editing (self);
}

gboolean
wm_card_editor_start (WmCanvas *self,
                      GObject  *item)
{
  const char *property = text_property (item);
  g_autofree char *text = NULL;

  if (property == NULL || self->history == NULL)
    return FALSE;
  if (self->editing == item)
    return TRUE;
  wm_card_editor_stop (self);

  /* A text view shapes its whole text: one letter with 200,000 accents
   * would freeze the window. Such a text is edited elsewhere (the
   * inspector says why). */
  text = get_item_text (item, property);
  if (!wm_ui_text_editable (text))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }
  self->editing = g_object_ref (item);
  self->editing_property = g_strdup (property);
  wm_history_break_merge (self->history);
  wm_canvas_scroll_to_item (self, item);
  show_editor (self, text);
  return TRUE;
}

gboolean
wm_card_editor_start_new (WmCanvas *self,
                          int       lane,
                          int       stage)
{
  WmLane *lane_item;

  if (self->history == NULL || lane < 0 || stage < 0)
    return FALSE;
  lane_item = wm_list_peek (wm_document_get_lanes (self->document), lane);
  if (lane_item == NULL || wm_lane_get_kind (lane_item) == WM_LANE_EMOTION ||
      (guint) stage >= g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (self->document))))
    return FALSE;

  wm_card_editor_stop (self);
  wm_canvas_set_selection (self, NULL);
  self->cursor_lane = lane;
  self->cursor_stage = stage;
  self->editor_pending = TRUE;
  self->pending_lane = lane;
  self->pending_stage = stage;
  show_editor (self, "");
  return TRUE;
}

static void
commit_new_card (WmCanvas   *self,
                 const char *text)
{
  WmLane *lane = wm_list_peek (wm_document_get_lanes (self->document), self->pending_lane);
  WmStage *stage = wm_list_peek (wm_document_get_stages (self->document), self->pending_stage);
  WmCard *card = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (lane == NULL || stage == NULL || stripped[0] == '\0')
    return;
  wm_canvas_push (self, wm_user_edit_add_card (self->document, lane,
                                               wm_item_get_id (WM_ITEM (stage)), text, &card));
  if (card != NULL)
    wm_canvas_set_selection (self, G_OBJECT (card));
}

void
wm_card_editor_stop (WmCanvas *self)
{
  g_autofree char *text = NULL;
  gboolean had_focus;

  if (self->editor_view == NULL || !wm_canvas_get_editing (self))
    return;

  had_focus = gtk_widget_has_focus (self->editor_view);
  text = get_buffer_text (self);
  if (self->editor_pending)
    {
      self->editor_pending = FALSE;
      commit_new_card (self, text);
    }
  else if (self->history != NULL)
    wm_history_break_merge (self->history);

  g_clear_object (&self->editing);
  g_clear_pointer (&self->editing_property, g_free);
  gtk_widget_set_visible (self->editor_view, FALSE);
  set_buffer_text (self, "");
  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  wm_canvas_notify_editing (self);
}

/* After an undo, a zoom or a theme change. */
void
wm_card_editor_sync (WmCanvas *self)
{
  g_autofree char *text = NULL;
  g_autofree char *current = NULL;

  if (self->editor_view == NULL || !wm_canvas_get_editing (self))
    return;

  update_font (self);
  if (self->editing != NULL && !self->editor_updating)
    {
      text = get_item_text (self->editing, self->editing_property);
      if (!wm_ui_text_editable (text))
        {
          /* An undo brought back a text too long to edit here. */
          wm_card_editor_stop (self);
          return;
        }
      current = get_buffer_text (self);
      if (g_strcmp0 (text, current) != 0)
        set_buffer_text (self, text);
    }
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* Replaces the editor's text as if typed (typing on a selected card). */
void
wm_card_editor_replace_text (WmCanvas   *self,
                             const char *text)
{
  GtkTextBuffer *buffer;

  if (self->editor_view == NULL || !wm_canvas_get_editing (self))
    return;
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->editor_view));
  gtk_text_buffer_set_text (buffer, text, -1);
}

void
wm_card_editor_select_all (WmCanvas *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  if (self->editor_view == NULL || !wm_canvas_get_editing (self))
    return;
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->editor_view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_select_range (buffer, &end, &start);
}
