/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-compare.c - File ▸ Compare With…: camping against an older version
 * of it (tests/core/files/compare/camping-before.waymark, the one the
 * compare-* goldens draw): the change list, a row selecting its card, the
 * list following an edit, End Comparison taking the overlay away, and a
 * file that is not a map refused with a dialog.
 *
 * WAYMARK_TEST_SHOTS=DIR saves a screenshot of the window there. */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <string.h>

#include "wm-compare-panel.h"
#include "wm-card.h"
#include "wm-set-property-command.h"
#include "wm-window.h"

#include "app-test-util.h"

static void
compare_with (WmWindow   *window,
              const char *relative)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, relative, NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare-with-uri", "s", uri));
}

static WmWindow *
camping_window (void)
{
  g_autoptr(GError) error = NULL;
  WmWindow *window = wm_window_new_from_template (NULL, "camping", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (wm_document_get_title (wm_window_get_document (window)), ==, "A weekend camping trip");
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  spin_a_little ();
  return window;
}

static GPtrArray *
rows_of (GtkListBox *list)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      g_ptr_array_add (rows, child);
  return rows;
}

static const char *
row_text (GtkWidget *row)
{
  GtkWidget *label = find_descendant (row, GTK_TYPE_LABEL);

  g_assert_nonnull (label);
  g_assert_false (gtk_label_get_use_markup (GTK_LABEL (label)));
  return gtk_label_get_text (GTK_LABEL (label));
}

typedef struct
{
  GtkListBox *list;
  guint       n;
} RowCount;

static gboolean
has_n_rows (gpointer data)
{
  RowCount *count = data;
  g_autoptr(GPtrArray) rows = rows_of (count->list);

  return rows->len == count->n;
}

/* What the canvas shows, as pixels. */
static cairo_surface_t *
draw_canvas (WmWindow *window)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 900, 700);
  cairo_t *cr = cairo_create (surface);

  wm_canvas_draw_to_cairo (wm_window_get_canvas (window), cr, 900, 700);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static gboolean
same_pixels (cairo_surface_t *a,
             cairo_surface_t *b)
{
  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                 (gsize) cairo_image_surface_get_stride (a) * cairo_image_surface_get_height (a)) == 0;
}

static void
edit_text (WmWindow   *window,
           const char *card_id,
           const char *text)
{
  WmDocument *document = wm_window_get_document (window);
  WmCard *card = wm_document_find_card (document, card_id, NULL);
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  wm_history_push (wm_window_get_history (window), wm_set_property_command_new (G_OBJECT (card), "text", &value, NULL));
}

static void
test_compare_with (void)
{
  WmWindow *window = camping_window ();
  WmCanvas *canvas = wm_window_get_canvas (window);
  cairo_surface_t *plain = draw_canvas (window), *compared, *ended;
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *panel;
  GtkListBox *list;
  GObject *selection;
  RowCount count;

  g_assert_null (find_descendant (GTK_WIDGET (window), WM_TYPE_COMPARE_PANEL));
  compare_with (window, "core/files/compare/camping-before.waymark");
  spin_a_little ();
  panel = find_descendant (GTK_WIDGET (window), WM_TYPE_COMPARE_PANEL);
  g_assert_nonnull (panel);
  g_assert_true (gtk_widget_get_mapped (panel));
  list = GTK_LIST_BOX (find_descendant (panel, GTK_TYPE_LIST_BOX));

  /* One row per change, in the diff's order. */
  rows = rows_of (list);
  g_assert_cmpuint (rows->len, ==, 12);
  g_assert_cmpstr (row_text (rows->pdata[1]), ==, "Card removed: “The owner's phone is always busy”");
  g_assert_cmpstr (row_text (rows->pdata[4]), ==, "Card added: “Build rain shelters and offer a campfire on rainy nights”");
  g_assert_cmpstr (row_text (rows->pdata[10]), ==, "NPS at “Sharing”: -5 → -18, worse");

  /* The overlay is drawn on the canvas. */
  compared = draw_canvas (window);
  g_assert_false (same_pixels (plain, compared));

  /* A row selects its card on the map. */
  g_signal_emit_by_name (list, "row-activated", rows->pdata[4]);
  selection = wm_canvas_get_selection (canvas);
  g_assert_true (WM_IS_CARD (selection));
  g_assert_cmpstr (wm_item_get_id (WM_ITEM (selection)), ==, "opp-shelter");
  test_save_widget_shot (GTK_WIDGET (window), "compare-with.png");
  /* A removed card has nothing to select. */
  g_signal_emit_by_name (list, "row-activated", rows->pdata[1]);
  g_assert_true (wm_canvas_get_selection (canvas) == selection);

  /* An edit is one more change. */
  edit_text (window, "tp-call", "Books a pitch online");
  count = (RowCount) { list, 13 };
  g_assert_true (spin_until (has_n_rows, &count, 5000));

  /* End Comparison: the panel goes, the overlay too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.undo", NULL));
  count = (RowCount) { list, 12 };
  g_assert_true (spin_until (has_n_rows, &count, 5000));
  cairo_surface_destroy (compared);
  compared = draw_canvas (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.end-compare", NULL));
  spin_a_little ();
  g_assert_false (gtk_widget_get_mapped (panel));
  ended = draw_canvas (window);
  g_assert_false (same_pixels (compared, ended));
  /* ... and only the overlay: with the comparison back, the same pixels. */
  compare_with (window, "core/files/compare/camping-before.waymark");
  spin_a_little ();
  g_assert_true (gtk_widget_get_mapped (panel));
  cairo_surface_destroy (plain);
  plain = draw_canvas (window);
  g_assert_true (same_pixels (compared, plain));

  cairo_surface_destroy (plain);
  cairo_surface_destroy (compared);
  cairo_surface_destroy (ended);
  gtk_window_destroy (GTK_WINDOW (window));
  spin_a_little ();
}

static AdwMessageDialog *
find_dialog_for (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_window_get_transient_for (GTK_WINDOW (window)) == parent)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
test_not_a_map (void)
{
  WmWindow *window = camping_window ();
  AdwMessageDialog *dialog;

  compare_with (window, "core/test-comparison.c");
  spin_a_little ();
  dialog = find_dialog_for (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could not compare with this map");
  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "test-comparison.c:1: "));
  g_assert_null (find_descendant (GTK_WIDGET (window), WM_TYPE_COMPARE_PANEL));
  adw_message_dialog_response (dialog, "close");
  spin_a_little ();
  gtk_window_destroy (GTK_WINDOW (window));
  spin_a_little ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;

  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  tmp = g_dir_make_tmp ("waymark-test-compare-XXXXXX", NULL);
  g_setenv ("XDG_CONFIG_HOME", tmp, TRUE);
  g_setenv ("XDG_DATA_HOME", tmp, TRUE);
  g_setenv ("WAYMARK_STATE_DIR", tmp, TRUE);

  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

  g_test_add_func ("/Waymark/Compare/compare-with", test_compare_with);
  g_test_add_func ("/Waymark/Compare/not-a-map", test_not_a_map);

  return g_test_run ();
}
