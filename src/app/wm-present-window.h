/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "wm-canvas.h"
#include "wm-history.h"

G_BEGIN_DECLS

#define WM_TYPE_PRESENT_WINDOW (wm_present_window_get_type ())
G_DECLARE_FINAL_TYPE (WmPresentWindow, wm_present_window, WM, PRESENT_WINDOW, AdwWindow)

/* Present mode: a full-screen window showing the same document and history
 * as the editor window through a WmCanvas, with a spotlight that moves from
 * stage to stage. Keys (what presentation clickers send): Page_Down, space,
 * Down next; Page_Up, Up previous; Right / Left the next / previous stage;
 * Home the overview; End the last stage; B or period blank the screen; H
 * high contrast; P the persona filter; Escape leaves. A stage taller than
 * the screen at a legible zoom is shown a screen at a time: "next" first
 * goes down the stage (skipping what is empty in it), then on to the next
 * stage; Right goes to the next stage at once.
 *
 * Actions ("present." group): next, previous, next-stage, previous-stage,
 * overview, last, blank, high-contrast (stateful), persona, leave, undo,
 * redo, presenter-view. Property "stage" (read-only) notifies each move. */

/* The smallest text in a card (the channel and owner lines, in the style's
 * small font) is at least this tall in device pixels in a spotlight:
 * font size (em) × zoom. */
#define WM_PRESENT_MIN_TEXT_PX 24.0

/* Where the view goes: the zoom and the layout point at the centre of the
 * screen; the spotlighted stage (-1: none, the overview) and the
 * "page" within it. */
typedef struct
{
  double zoom;
  double cx;
  double cy;
  int    stage;
  int    page;
  int    n_pages;
} WmPresentView;

WmPresentWindow *wm_present_window_new          (WmHistory       *history,
                                                 GtkWindow       *parent);
/* Goes full screen on @monitor (NULL: the monitor @parent is on). */
void             wm_present_window_start        (WmPresentWindow *self,
                                                 GdkMonitor      *monitor);
WmCanvas        *wm_present_window_get_canvas   (WmPresentWindow *self);
/* The spotlighted stage, -1 for the overview. */
int              wm_present_window_get_stage    (WmPresentWindow *self);
int              wm_present_window_get_page     (WmPresentWindow *self);
gboolean         wm_present_window_get_blanked  (WmPresentWindow *self);
/* Where we are, as the toolbar says it: "Stage 2 of 5 · Booking". */
const char      *wm_present_window_get_position (WmPresentWindow *self);
guint            wm_present_window_get_n_stages (WmPresentWindow *self);
int              wm_present_window_get_n_pages  (WmPresentWindow *self);
gboolean         wm_present_window_get_animating (WmPresentWindow *self);
/* What a key does here; TRUE if present mode handled it (keys go to the
 * in-place editor while a card is being edited). */
gboolean         wm_present_window_handle_key   (WmPresentWindow *self,
                                                 guint            keyval,
                                                 GdkModifierType  state);
/* Draws what present mode puts over the canvas (the dimming outside the
 * spotlight, the lane headers pinned to the left edge, the blank screen)
 * for a @width × @height view: the widget does this, and tests. */
void             wm_present_window_draw_overlay (WmPresentWindow *self,
                                                 cairo_t         *cr,
                                                 int              width,
                                                 int              height);

/* The view for @stage (-1: overview) and @page in a @width × @height
 * screen: pure, for tests. @page is clamped; view->n_pages says how many
 * screens the stage takes at a legible zoom. */
void             wm_present_compute_view        (WmLayout        *layout,
                                                 int              width,
                                                 int              height,
                                                 int              stage,
                                                 int              page,
                                                 WmPresentView   *view);

G_END_DECLS
