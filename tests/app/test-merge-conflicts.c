/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-merge-conflicts.c - a merged map's conflicts, one click each,
 * driven under Xvfb */

#include <string.h>

#include <adwaita.h>

#include "app-test-util.h"
#include "wm-card.h"
#include "wm-conflict-bar.h"
#include "wm-merge.h"
#include "wm-reader.h"
#include "wm-window.h"
#include "wm-writer.h"

static char *tmp_dir;

#define MAP(title, cards) \
  "<map xmlns=\"urn:waymark:map:1\" format=\"1\"><title>" title "</title><stage id=\"s1\"/>" \
  "<lane id=\"l1\" kind=\"actions\"><card id=\"c1\" stage=\"s1\"><text>one</text></card>" cards "</lane>" \
  "</map>\n"

/* Three conflicts: the map's title (ours "Trip", theirs "Tour"), card c2
 * (deleted by ours, changed by theirs), card c3's severity (3, 5). */
static const char base_text[] = MAP ("T", "<card id=\"c2\" stage=\"s1\"><text>two</text></card>"
                                          "<card id=\"c3\" stage=\"s1\" severity=\"2\"/>");
static const char ours_text[] = MAP ("Trip", "<card id=\"c3\" stage=\"s1\" severity=\"3\"/>");
static const char theirs_text[] = MAP ("Tour", "<card id=\"c2\" stage=\"s1\"><text>2</text></card>"
                                               "<card id=\"c3\" stage=\"s1\" severity=\"5\"/>");

static WmDocument *
load (const char *text)
{
  g_autoptr(GError) error = NULL;
  WmDocument *document = wm_reader_load_data (text, strlen (text), "test", &error);

  g_assert_no_error (error);
  return document;
}

/* What `waymark merge` would have written. */
static GFile *
merged_file (void)
{
  g_autoptr(WmDocument) base = load (base_text);
  g_autoptr(WmDocument) ours = load (ours_text);
  g_autoptr(WmDocument) theirs = load (theirs_text);
  g_autoptr(WmDocument) merged = wm_merge (base, ours, theirs, NULL, NULL);
  g_autofree char *path = g_build_filename (tmp_dir, "merged.waymark", NULL);
  g_autofree char *bytes = wm_writer_to_string (merged, NULL);

  g_assert_true (g_file_set_contents (path, bytes, -1, NULL));
  return g_file_new_for_path (path);
}

static WmWindow *
merged_window (void)
{
  g_autoptr(GFile) file = merged_file ();
  g_autoptr(GError) error = NULL;
  WmWindow *window = wm_window_new (NULL);

  g_assert_true (wm_window_open_file (window, file, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  spin_a_little ();
  return window;
}

static void
click (WmConflictBar *bar,
       const char    *name)
{
  GtkWidget *button = wm_conflict_bar_get_button (bar, name);

  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  spin_a_little ();
}

static const char *
label_of (WmConflictBar *bar,
          const char    *name)
{
  GtkWidget *button = wm_conflict_bar_get_button (bar, name);

  return gtk_widget_get_visible (button) ? gtk_button_get_label (GTK_BUTTON (button)) : NULL;
}

static gboolean
declares_merge (WmDocument *document)
{
  GPtrArray *namespaces = wm_document_get_namespaces (document);

  for (guint i = 0; i + 1 < namespaces->len; i += 2)
    if (g_str_equal (namespaces->pdata[i + 1], WM_MERGE_NAMESPACE))
      return TRUE;
  return FALSE;
}

typedef struct
{
  gboolean done;
  gboolean ok;
  GError  *error;
} SaveResult;

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SaveResult *save = user_data;

  save->ok = wm_window_save_to_file_finish (WM_WINDOW (object), result, &save->error);
  save->done = TRUE;
}

static gboolean
save_done (gpointer data)
{
  return ((SaveResult *) data)->done;
}

/* The bar counts the conflicts and steps through them like Find; the
 * map's own (its title) is shown with nothing selected, a card's with the
 * card selected. */
static void
test_bar_steps (void)
{
  WmWindow *window = merged_window ();
  WmConflictBar *bar = window_child (window, "conflict_bar");
  WmDocument *document = wm_window_get_document (window);
  WmCanvas *canvas = wm_window_get_canvas (window);

  g_assert_true (wm_conflict_bar_get_shown (bar));
  g_assert_cmpstr (wm_conflict_bar_get_count_text (bar), ==, "3 merge conflicts");
  g_assert_null (label_of (bar, "ours"));
  test_save_widget_shot (GTK_WIDGET (window), "opened.png");

  click (bar, "next");
  g_assert_true (wm_conflict_bar_get_current (bar) == G_OBJECT (document));
  g_assert_null (wm_canvas_get_selection (canvas));
  g_assert_cmpstr (wm_conflict_bar_get_count_text (bar), ==, "Conflict 1 of 3");
  g_assert_cmpstr (wm_conflict_bar_get_detail_text (bar), ==, "title: ours “Trip”, theirs “Tour”");
  g_assert_cmpstr (label_of (bar, "ours"), ==, "Keep _Ours");
  g_assert_cmpstr (label_of (bar, "theirs"), ==, "Keep _Theirs");
  test_save_widget_shot (GTK_WIDGET (window), "map-title.png");

  click (bar, "next");
  g_assert_true (wm_canvas_get_selection (canvas) == G_OBJECT (wm_document_find_card (document, "c2", NULL)));
  g_assert_cmpstr (wm_conflict_bar_get_count_text (bar), ==, "Conflict 2 of 3");
  g_assert_cmpstr (label_of (bar, "ours"), ==, "_Keep");
  g_assert_cmpstr (label_of (bar, "theirs"), ==, "_Delete");
  test_save_widget_shot (GTK_WIDGET (window), "deleted-card.png");

  click (bar, "previous");
  click (bar, "previous");
  g_assert_true (wm_canvas_get_selection (canvas) == G_OBJECT (wm_document_find_card (document, "c3", NULL)));
  g_assert_cmpstr (wm_conflict_bar_get_count_text (bar), ==, "Conflict 3 of 3");

  /* Selecting a card in conflict on the map shows its choices too. */
  wm_canvas_set_selection (canvas, G_OBJECT (wm_document_find_card (document, "c2", NULL)));
  g_assert_cmpstr (wm_conflict_bar_get_count_text (bar), ==, "Conflict 2 of 3");
  wm_canvas_set_selection (canvas, G_OBJECT (wm_document_find_card (document, "c1", NULL)));
  g_assert_cmpstr (wm_conflict_bar_get_count_text (bar), ==, "3 merge conflicts");
  g_assert_null (label_of (bar, "ours"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* One click per conflict, each one undoable step; the last takes the
 * merge namespace with it, and the saved map opens strictly with no
 * wmm: left. */
static void
test_resolve_all (void)
{
  WmWindow *window = merged_window ();
  WmConflictBar *bar = window_child (window, "conflict_bar");
  WmDocument *document = wm_window_get_document (window);
  WmHistory *history = wm_window_get_history (window);
  g_autofree char *path = g_build_filename (tmp_dir, "resolved.waymark", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WmDocument) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  SaveResult save = { 0 };
  WmCard *c3;
  gsize length;

  click (bar, "next");
  click (bar, "theirs");
  g_assert_cmpstr (wm_document_get_title (document), ==, "Tour");
  g_assert_cmpstr (wm_history_get_undo_label (history), ==, "Resolve Conflict");
  /* On to the next one: c2, deleted by ours and changed by theirs. */
  g_assert_cmpstr (wm_conflict_bar_get_count_text (bar), ==, "Conflict 1 of 2");
  g_assert_true (wm_conflict_bar_get_current (bar) == G_OBJECT (wm_document_find_card (document, "c2", NULL)));

  click (bar, "theirs");
  g_assert_null (wm_document_find_card (document, "c2", NULL));
  g_assert_cmpstr (wm_conflict_bar_get_count_text (bar), ==, "Conflict 1 of 1");

  click (bar, "ours");
  c3 = wm_document_find_card (document, "c3", NULL);
  g_assert_cmpint (wm_card_get_severity (c3), ==, 3);
  g_assert_null (wm_merge_get_conflict (document, c3));
  g_assert_false (wm_conflict_bar_get_shown (bar));
  g_assert_false (declares_merge (document));

  /* Undo brings the last conflict back, redo resolves it again. */
  g_assert_true (wm_history_undo (history));
  spin_a_little ();
  g_assert_true (wm_conflict_bar_get_shown (bar));
  g_assert_cmpstr (wm_conflict_bar_get_count_text (bar), ==, "1 merge conflict");
  g_assert_true (declares_merge (document));
  g_assert_true (wm_history_redo (history));
  spin_a_little ();
  g_assert_false (wm_conflict_bar_get_shown (bar));

  wm_window_save_to_file_async (window, file, NULL, save_done_cb, &save);
  g_assert_true (spin_until (save_done, &save, 5000));
  g_assert_no_error (save.error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_null (strstr (contents, "wmm"));
  g_assert_null (strstr (contents, WM_MERGE_NAMESPACE));
  again = wm_reader_load_data (contents, length, path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wm_document_get_title (again), ==, "Tour");
  g_assert_null (wm_document_find_card (again, "c2", NULL));
  g_assert_cmpint (wm_card_get_severity (wm_document_find_card (again, "c3", NULL)), ==, 3);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A map without conflicts shows no bar. */
static void
test_no_conflicts (void)
{
  g_autoptr(GError) error = NULL;
  WmWindow *window = wm_window_new_from_template (NULL, "camping", &error);

  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  spin_a_little ();
  g_assert_false (wm_conflict_bar_get_shown (window_child (window, "conflict_bar")));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("waymark-test-conflicts-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  data_home = g_build_filename (tmp_dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("WAYMARK_STATE_DIR", tmp_dir, TRUE);

  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

  g_test_add_func ("/Waymark/MergeConflicts/bar-steps", test_bar_steps);
  g_test_add_func ("/Waymark/MergeConflicts/resolve-all", test_resolve_all);
  g_test_add_func ("/Waymark/MergeConflicts/no-conflicts", test_no_conflicts);

  return g_test_run ();
}
