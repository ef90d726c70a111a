/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The canvas keeps the map's pixels between frames (only what is drawn
 * over them changing): whatever changes the map's look must show on the
 * next frame, and a rubber band must not move the view under the pointer. */
#include <adwaita.h>
#include <string.h>

#include "app-test-util.h"

#include "wm-canvas.h"
#include "wm-edits.h"
#include "wm-reader.h"
#include "wm-user-edits.h"

#define W 800
#define H 500

typedef struct
{
  GtkWidget  *window;
  GtkWidget  *canvas;
  WmHistory  *history;
  WmDocument *document;
} Fixture;

static void
spin (void)
{
  for (int i = 0; i < 50 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "templates", "en",
                                                 "camping.waymark", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  f->document = wm_reader_load_file (file, &error);
  g_assert_no_error (error);
  f->history = wm_history_new (f->document);
  f->canvas = wm_canvas_new ();
  wm_canvas_set_history (WM_CANVAS (f->canvas), f->history);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), f->canvas);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), W, H);
  gtk_window_set_child (GTK_WINDOW (f->window), scrolled);
  gtk_window_present (GTK_WINDOW (f->window));
  spin ();
  wm_canvas_set_zoom (WM_CANVAS (f->canvas), 1.0);
  spin ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  spin ();
  g_clear_object (&f->history);
  g_clear_object (&f->document);
}

static cairo_surface_t *
frame (Fixture *f)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (surface);

  wm_canvas_draw_to_cairo (WM_CANVAS (f->canvas), cr, W, H);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static gboolean
same_pixels (cairo_surface_t *a,
             cairo_surface_t *b)
{
  int stride = cairo_image_surface_get_stride (a);

  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                 (gsize) stride * H) == 0;
}

/* An edit, its undo and a theme each show on the very next frame. */
static void
test_changes_show (Fixture       *f,
                   gconstpointer  data)
{
  cairo_surface_t *before, *edited, *undone, *dark;

  before = frame (f);
  wm_history_push (f->history, wm_edit_set (f->document, "title", "A quite different title"));
  edited = frame (f);
  g_assert_false (same_pixels (before, edited));
  g_assert_true (wm_history_undo (f->history));
  undone = frame (f);
  g_assert_true (same_pixels (before, undone));

  wm_canvas_set_theme_override (WM_CANVAS (f->canvas), WM_THEME_DARK);
  dark = frame (f);
  g_assert_false (same_pixels (before, dark));

  cairo_surface_destroy (before);
  cairo_surface_destroy (edited);
  cairo_surface_destroy (undone);
  cairo_surface_destroy (dark);
}

/* The kept pixels are the same as drawing afresh. */
static void
test_kept_is_fresh (Fixture       *f,
                    gconstpointer  data)
{
  cairo_surface_t *first = frame (f), *kept = frame (f), *fresh;

  wm_canvas_invalidate_map (WM_CANVAS (f->canvas));
  fresh = frame (f);
  g_assert_true (same_pixels (first, kept));
  g_assert_true (same_pixels (first, fresh));
  cairo_surface_destroy (first);
  cairo_surface_destroy (kept);
  cairo_surface_destroy (fresh);
}

/* The kept frame, after an edit repainted only what it changed, against
 * the same view drawn afresh: pixel for pixel. */
static void
assert_kept_is_fresh (Fixture *f)
{
  cairo_surface_t *kept = frame (f), *fresh;

  wm_canvas_invalidate_map (WM_CANVAS (f->canvas));
  fresh = frame (f);
  g_assert_true (same_pixels (kept, fresh));
  cairo_surface_destroy (kept);
  cairo_surface_destroy (fresh);
}

static WmCard *
first_card (WmDocument *document,
            guint       lane_index)
{
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (document));
  g_autoptr(WmLane) lane = g_list_model_get_item (lanes, lane_index);
  GListModel *cards = G_LIST_MODEL (wm_lane_get_cards (lane));
  g_autoptr(WmCard) card = g_list_model_get_item (cards, 0);

  return card;
}

/* Typing into a card (growing it a line, which moves the cards below),
 * moving many cards at once, and undoing each: the repainted parts of the
 * kept frame match a full redraw. */
static void
test_damage_is_fresh (Fixture       *f,
                      gconstpointer  data)
{
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (f->document));
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(WmStage) last = NULL;
  GListModel *stages;
  WmCard *card = NULL;
  g_autofree char *longer = NULL;

  for (guint i = 0; card == NULL && i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(WmLane) lane = g_list_model_get_item (lanes, i);
      if (g_list_model_get_n_items (G_LIST_MODEL (wm_lane_get_cards (lane))) > 0)
        card = first_card (f->document, i);
    }
  g_assert_nonnull (card);
  cairo_surface_destroy (frame (f));
  wm_history_push (f->history, wm_edit_set_merging (card, "typing", "text",
                                                    "Q"));
  assert_kept_is_fresh (f);
  longer = g_strdup_printf ("%s and then a good deal more text, enough to wrap onto "
                            "another line or two of the card", wm_card_get_text (card));
  wm_history_push (f->history, wm_edit_set_merging (card, "typing2", "text", longer));
  assert_kept_is_fresh (f);
  g_assert_true (wm_history_undo (f->history));
  assert_kept_is_fresh (f);

  /* Every card not on the last stage, one stage on. */
  stages = G_LIST_MODEL (wm_document_get_stages (f->document));
  last = g_list_model_get_item (stages, g_list_model_get_n_items (stages) - 1);
  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(WmLane) lane = g_list_model_get_item (lanes, i);
      GListModel *cards = G_LIST_MODEL (wm_lane_get_cards (lane));
      for (guint j = 0; j < g_list_model_get_n_items (cards); j++)
        {
          WmCard *c = g_list_model_get_item (cards, j);
          if (g_strcmp0 (wm_card_get_stage (c), wm_item_get_id (WM_ITEM (last))) != 0)
            g_ptr_array_add (all, c);
          else
            g_object_unref (c);
        }
    }
  g_assert_cmpuint (all->len, >, 10);
  wm_history_push (f->history, wm_user_edit_move_cards (f->document, all, 0, 1));
  assert_kept_is_fresh (f);
  g_assert_true (wm_history_undo (f->history));
  assert_kept_is_fresh (f);
  g_assert_true (wm_history_undo (f->history));
  assert_kept_is_fresh (f);
}

/* Fills the map's card lanes up to about @n cards, of one to three lines. */
static void
add_cards (Fixture *f,
           guint    n)
{
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (f->document));
  GListModel *stages = G_LIST_MODEL (wm_document_get_stages (f->document));
  guint added = wm_document_count_cards (f->document);

  for (guint k = 0; added < n; k++)
    for (guint i = 0; i < g_list_model_get_n_items (lanes) && added < n; i++)
      {
        g_autoptr(WmLane) lane = g_list_model_get_item (lanes, i);
        g_autoptr(WmStage) stage = g_list_model_get_item (stages, (i + k) % g_list_model_get_n_items (stages));
        g_autofree char *text = g_strdup_printf ("Card %u%s", added, k % 3 == 0 ? "" :
                                                 k % 3 == 1 ? " with a longer text that wraps" :
                                                 " with a much longer text, enough to wrap onto "
                                                 "another line or two of the card");
        WmCommand *add;

        if (g_list_model_get_n_items (G_LIST_MODEL (wm_lane_get_cards (lane))) == 0)
          continue;
        add = wm_user_edit_add_card (f->document, lane, wm_item_get_id (WM_ITEM (stage)), text, NULL);
        g_assert_nonnull (add);
        wm_history_push (f->history, add);
        added++;
      }
}

/* The cards of the @nth lane that holds cards. */
static GPtrArray *
lane_cards (WmDocument *document,
            guint       nth)
{
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (document));
  GPtrArray *cards = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(WmLane) lane = g_list_model_get_item (lanes, i);
      GListModel *model = G_LIST_MODEL (wm_lane_get_cards (lane));

      if (g_list_model_get_n_items (model) == 0 || nth-- > 0)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (model); j++)
        g_ptr_array_add (cards, g_list_model_get_item (model, j));
      break;
    }
  return cards;
}

/* Hundreds of cards moved to the next lane, which grows while theirs
 * shrinks (so everything below moves), then back by undo: the kept
 * frame, repainted from the first lane that changed down, matches a full
 * redraw, at 100 % and zoomed to fit. */
static void
test_damage_lanes_grow (Fixture       *f,
                        gconstpointer  data)
{
  gboolean fit = GPOINTER_TO_INT (data);
  g_autoptr(GPtrArray) moved = NULL;

  add_cards (f, 520);
  if (fit)
    wm_canvas_zoom_fit (WM_CANVAS (f->canvas));
  else
    wm_canvas_set_zoom (WM_CANVAS (f->canvas), 1.0);
  spin ();
  moved = lane_cards (f->document, 1);
  g_assert_cmpuint (moved->len, >, 50);
  cairo_surface_destroy (frame (f));
  wm_history_push (f->history, wm_user_edit_move_cards (f->document, moved, 1, 0));
  assert_kept_is_fresh (f);
  g_assert_true (wm_history_undo (f->history));
  assert_kept_is_fresh (f);
  /* From the first lane: all that the map shows below its header. */
  g_clear_pointer (&moved, g_ptr_array_unref);
  moved = lane_cards (f->document, 0);
  wm_history_push (f->history, wm_user_edit_move_cards (f->document, moved, 1, 0));
  assert_kept_is_fresh (f);
  g_assert_true (wm_history_undo (f->history));
  assert_kept_is_fresh (f);
}

/* A band reaching past the view selects what it covers there, but the
 * view stays where the pointer put it (it used to jump to the last card
 * caught, under the pointer's band). */
static void
test_band_keeps_view (Fixture       *f,
                      gconstpointer  data)
{
  WmCanvas *canvas = WM_CANVAS (f->canvas);
  WmLayout *layout = wm_canvas_get_layout (canvas);
  GtkWidget *scrolled = gtk_widget_get_parent (f->canvas);
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled));
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  cairo_rectangle_t cell;
  double lw, lh;

  wm_layout_get_size (layout, &lw, &lh);
  g_assert_cmpfloat (lw, >, W);
  g_assert_true (wm_layout_get_cell_rect (layout, 0, 0, &cell));
  gtk_adjustment_set_value (h, 0);
  gtk_adjustment_set_value (v, 0);
  wm_canvas_drag_begin (canvas, cell.x + 1, cell.y + 1);
  wm_canvas_drag_update (canvas, lw - 1, lh - 1);
  g_assert_cmpuint (wm_canvas_get_n_selected (canvas), >, 1);
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, 0);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, 0);
  wm_canvas_drag_end (canvas, lw - 1, lh - 1);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/Waymark/CanvasFrame/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("changes-show", test_changes_show);
  ADD ("kept-is-fresh", test_kept_is_fresh);
  ADD ("band-keeps-view", test_band_keeps_view);
  ADD ("damage-is-fresh", test_damage_is_fresh);
  g_test_add ("/Waymark/CanvasFrame/damage-lanes-grow", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_damage_lanes_grow, fixture_tear_down);
  g_test_add ("/Waymark/CanvasFrame/damage-lanes-grow-fit", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_damage_lanes_grow, fixture_tear_down);
  return g_test_run ();
}
