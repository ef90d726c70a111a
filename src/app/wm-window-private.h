/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "wm-canvas.h"
#include "wm-conflict-bar.h"
#include "wm-inspector.h"
#include "wm-map-file.h"
#include "wm-outline.h"
#include "wm-search-bar.h"
#include "wm-window.h"

G_BEGIN_DECLS

struct _WmWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwFlap              *flap;
  GtkStack             *content_stack;
  /* In the "map" page of content_stack, beside the inspector: "map" (the
   * canvas) or "outline". */
  GtkStack             *view_stack;
  GtkSpinner           *loading_spinner;
  GtkLabel             *loading_label;
  AdwWindowTitle       *window_title;
  GtkScrolledWindow    *scroller;
  WmCanvas             *canvas;
  WmInspector          *inspector;
  GtkButton            *undo_button;
  GtkButton            *redo_button;
  GtkMenuButton        *primary_menu_button;
  GtkToggleButton      *inspector_button;
  GtkToggleButton      *outline_button;
  WmOutline            *outline;
  GtkButton            *zoom_button;
  GMenu                *recent_menu;
  GtkInfoBar           *disk_bar;
  GtkLabel             *disk_label;
  GtkInfoBar           *draft_bar;
  GtkLabel             *draft_label;
  GtkButton            *draft_retry_button;
  GtkInfoBar           *repair_bar;
  GtkLabel             *repair_label;
  WmSearchBar          *search_bar;
  GObject              *find_current;  /* the hit Find last went to */
  /* Compare With… (wm-window-compare.c); the panel exists once used. */
  WmCompare            *compare;
  GtkWidget            *compare_panel;
  WmConflictBar        *conflict_bar;

  GSettings            *settings;

  WmMapFile            *map_file;
  /* The map file's, mirrored for the views and actions. */
  WmDocument           *document;
  WmHistory            *history;

  /* The user said Discard, or the save before closing succeeded. */
  guint                 close_confirmed : 1;
};

/* wm-window.c */
void     _wm_window_update_actions   (WmWindow *self);
void     _wm_window_show_error       (WmWindow   *self,
                                      const char *heading,
                                      const GError *error);
gboolean _wm_window_get_outline_shown (WmWindow *self);

/* wm-window-save.c */
gboolean _wm_window_ask_before_close (WmWindow *self);

/* wm-window-repair.c */
void     _wm_window_class_repair_init (WmWindowClass *klass);
/* Shows the bar listing what Open and Repair did, or hides it. */
void     _wm_window_sync_repairs      (WmWindow *self);

/* wm-window-compare.c */
void     _wm_window_class_compare_init (WmWindowClass *klass);
void     _wm_window_end_compare        (WmWindow      *self);
/* wm-window-conflicts.c: the bar that goes through merge conflicts. */
void     _wm_window_conflicts_init     (WmWindow *self);

/* wm-window-actions.c */
void     _wm_window_class_actions_init (WmWindowClass *klass);
/* Find: connects the search bar to the window's views. */
void     _wm_window_find_init          (WmWindow *self);

G_END_DECLS
