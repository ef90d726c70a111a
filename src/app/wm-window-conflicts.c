/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-window-conflicts.c - going through the conflicts of a merged map */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-canvas-private.h"
#include "wm-card.h"
#include "wm-curve-point.h"
#include "wm-edits.h"
#include "wm-lane.h"
#include "wm-merge.h"
#include "wm-moment.h"
#include "wm-stage.h"
#include "wm-window-private.h"

/* What the canvas can select: the map itself, a persona or a metric
 * is shown in the bar alone. */
static gboolean
selectable (GObject *item)
{
  return WM_IS_CARD (item) || WM_IS_STAGE (item) || WM_IS_LANE (item) ||
         WM_IS_CURVE_POINT (item) || WM_IS_MOMENT (item);
}

static void
go_to (WmWindow *self,
       GObject  *item)
{
  wm_canvas_set_selection (self->canvas, selectable (item) ? item : NULL);
  if (selectable (item))
    wm_canvas_scroll_to_item (self->canvas, item);
  wm_conflict_bar_set_current (self->conflict_bar, item);
}

static void
step_cb (WmWindow      *self,
         gboolean       backward,
         WmConflictBar *bar)
{
  GPtrArray *items = wm_conflict_bar_get_items (bar);
  GObject *current = wm_conflict_bar_get_current (bar);
  guint n = items != NULL ? items->len : 0;
  guint at;

  if (n == 0)
    return;
  wm_canvas_stop_editing (self->canvas);
  if (current != NULL && g_ptr_array_find (items, current, &at))
    at = backward ? (at + n - 1) % n : (at + 1) % n;
  else
    at = backward ? n - 1 : 0;
  go_to (self, items->pdata[at]);
}

/* One undoable step; then on to the conflict that took its place. */
static void
resolve_cb (WmWindow      *self,
            gboolean       other,
            WmConflictBar *bar)
{
  GObject *item = wm_conflict_bar_get_current (bar);
  g_autoptr(WmDocument) content = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;
  guint at = 0;

  if (item == NULL || self->history == NULL)
    return;
  wm_canvas_stop_editing (self->canvas);
  g_ptr_array_find (wm_conflict_bar_get_items (bar), item, &at);
  content = wm_merge_resolve (self->document, item, other, &error);
  if (content == NULL)
    {
      _wm_window_show_error (self, _("Could Not Resolve the Conflict"), error);
      return;
    }
  wm_canvas_set_selection (self->canvas, NULL);
  wm_history_push (self->history, wm_edit_replace_content (self->document, content, _("Resolve Conflict")));
  items = wm_conflict_bar_get_items (bar);
  if (items != NULL && items->len > 0)
    go_to (self, items->pdata[at < items->len ? at : 0]);
  else
    wm_conflict_bar_set_current (bar, NULL);
}

/* A click on the map says which conflict is current; a cleared
 * selection keeps the map's or a persona's, which cannot be selected. */
static void
selection_changed_cb (WmCanvas *canvas,
                      WmWindow *self)
{
  GObject *selection = wm_canvas_get_selection (canvas);
  GObject *current;

  /* The window's dispose lets go of the canvas's history. */
  if (self->conflict_bar == NULL)
    return;
  current = wm_conflict_bar_get_current (self->conflict_bar);
  if (selection == NULL && current != NULL && !selectable (current))
    return;
  wm_conflict_bar_set_current (self->conflict_bar, selection);
}

void
_wm_window_conflicts_init (WmWindow *self)
{
  g_signal_connect_object (self->conflict_bar, "step", G_CALLBACK (step_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->conflict_bar, "resolve", G_CALLBACK (resolve_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "selection-changed", G_CALLBACK (selection_changed_cb), self, 0);
}
