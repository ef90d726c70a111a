/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "wm-outline.h"
#include "wm-document.h"

G_BEGIN_DECLS

/* The root rows: section keys (GtkStringObject). */
#define WM_OUTLINE_STAGES  "stages"
#define WM_OUTLINE_LANES   "lanes"
#define WM_OUTLINE_CURVES  "curves"
#define WM_OUTLINE_MOMENTS "moments"

struct _WmOutline
{
  GtkWidget           parent_instance;

  GtkWidget          *scroller;
  GtkListView        *list_view;
  GtkSingleSelection *selection_model;
  GtkTreeListModel   *tree;
  /* Each lane's cards in reading order: stage by stage. */
  GtkSorter          *card_sorter;
  GtkWidget          *menu;
  /* The bound rows (WmOutlineRow, not owned). */
  GPtrArray          *rows;

  WmHistory          *history;
  WmDocument         *document;
  gulong              changed_id;
  GObject            *selection;
  /* Set while we move the list's selection ourselves. */
  gboolean            syncing;
  /* A row's entry or spin button has the keys: the row actions wait. */
  gboolean            editing;
  /* Cards to sort again once shown. */
  gboolean            resort;
};

/* wm-outline.c */
void            _wm_outline_push              (WmOutline      *self,
                                               WmCommand      *command);
guint           _wm_outline_selected_position (WmOutline      *self);
GtkTreeListRow *_wm_outline_selected_row      (WmOutline      *self);
void            _wm_outline_select_position   (WmOutline      *self,
                                               guint           position);
gboolean        _wm_outline_select_item       (WmOutline      *self,
                                               gpointer        item);
void            _wm_outline_edit_position     (WmOutline      *self,
                                               guint           position);
/* Selects @item and starts editing its text. */
void            _wm_outline_select_and_edit   (WmOutline      *self,
                                               gpointer        item);
gpointer        _wm_outline_row_item          (GtkTreeListRow *row);
gpointer        _wm_outline_parent_item       (GtkTreeListRow *row);
/* The section key of a root row, or NULL. */
const char     *_wm_outline_section           (gpointer        item);
/* A stage's row under a persona with no value there yet: a curve point
 * that is not in the document. */
gboolean        _wm_outline_is_slot           (WmOutline      *self,
                                               gpointer        item);
/* Where the selected row is, in the outline's coordinates. */
gboolean        _wm_outline_selected_bounds   (WmOutline      *self,
                                               graphene_rect_t *bounds);

/* wm-outline-actions.c */
void            _wm_outline_class_actions_init (GtkWidgetClass *widget_class);
void            _wm_outline_update_actions     (WmOutline      *self);
/* The context menu of the selected row, pointing at @x, @y (outline
 * coordinates), or at the row when @x is negative. */
void            _wm_outline_popup_menu         (WmOutline      *self,
                                                double          x,
                                                double          y);

G_END_DECLS
