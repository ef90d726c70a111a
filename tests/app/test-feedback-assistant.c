/* SPDX-License-Identifier: GPL-3.0-or-later */
/* File ▸ Import Feedback… driven page by page (issue 14): a CSV error
 * shown as FILE:LINE, the guessed columns, tags assigned to stages, the
 * preview, Apply as one undoable step, and the assignments remembered.
 * Needs a display (Xvfb). With WAYMARK_TEST_SHOTS=DIR it saves a
 * picture of every page there, for a person to look at. */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <stdio.h>
#include <string.h>

#include "app-test-util.h"
#include "wm-card.h"
#include "wm-feedback-assistant.h"
#include "wm-lane.h"
#include "wm-evidence.h"
#include "wm-window.h"
#include "wm-writer.h"

static char *tmp_dir;

static GtkLabel *
find_label (GtkWidget  *widget,
            const char *part)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget)
      && strstr (gtk_label_get_text (GTK_LABEL (widget)), part) != NULL)
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, part);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static AdwComboRow *
find_combo_row (GtkWidget  *widget,
                const char *title)
{
  if (ADW_IS_COMBO_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_COMBO_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwComboRow *found = find_combo_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static AdwEntryRow *
find_entry_row (GtkWidget  *widget,
                const char *title)
{
  if (ADW_IS_ENTRY_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_ENTRY_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwEntryRow *found = find_entry_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GFile *
fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "files",
                                                 "feedback", name, NULL);

  return g_file_new_for_path (path);
}

static guint
count_cards (WmDocument *document)
{
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (document));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(WmLane) lane = g_list_model_get_item (lanes, i);

      n += g_list_model_get_n_items (G_LIST_MODEL (wm_lane_get_cards (lane)));
    }
  return n;
}

static WmCard *
find_card (WmDocument *document,
           const char *text)
{
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (document));

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(WmLane) lane = g_list_model_get_item (lanes, i);
      GListModel *cards = G_LIST_MODEL (wm_lane_get_cards (lane));

      for (guint j = 0; j < g_list_model_get_n_items (cards); j++)
        {
          g_autoptr(WmCard) card = g_list_model_get_item (cards, j);

          if (g_strcmp0 (wm_card_get_text (card), text) == 0)
            return card;
        }
    }
  return NULL;
}

static char *
strip_evidence_namespace (char *xml)
{
  const char *declaration = " xmlns:ev=\"urn:waymark:evidence:1\"";
  char *found = strstr (xml, declaration);

  if (found != NULL)
    memmove (found, found + strlen (declaration), strlen (found + strlen (declaration)) + 1);
  return xml;
}

static WmWindow *
new_service_window (void)
{
  g_autoptr(GError) error = NULL;
  WmWindow *window = wm_window_new_from_template (NULL, "customer-service", &error);

  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  spin_a_little ();
  return window;
}

static WmFeedbackAssistant *
open_assistant (WmWindow *window)
{
  GtkWindow *assistant;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.import-feedback", NULL));
  spin_a_little ();
  assistant = NULL;
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (WM_IS_FEEDBACK_ASSISTANT (l->data))
      assistant = l->data;
  g_assert_nonnull (assistant);
  g_assert_cmpstr (wm_feedback_assistant_get_page (WM_FEEDBACK_ASSISTANT (assistant)), ==, "file");
  return WM_FEEDBACK_ASSISTANT (assistant);
}

static void
next (WmFeedbackAssistant *assistant,
      const char          *page)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.next", NULL));
  spin_a_little ();
  if (page != NULL)
    g_assert_cmpstr (wm_feedback_assistant_get_page (assistant), ==, page);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* A file without a text column: its name and the columns it has, in the
 * file page, as plain text. */
static void
test_csv_error (void)
{
  WmWindow *window = new_service_window ();
  WmFeedbackAssistant *assistant = open_assistant (window);
  g_autoptr(GFile) file = fixture ("no-text.csv");
  g_autoptr(GError) error = NULL;
  GtkLabel *label;

  gtk_window_present (GTK_WINDOW (assistant));
  g_assert_false (wm_feedback_assistant_load_file (assistant, file, &error));
  g_assert_nonnull (error);
  label = find_label (GTK_WIDGET (assistant), "no-text.csv");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (label), ==, error->message);
  g_assert_false (gtk_label_get_use_markup (label));
  /* Nothing to go on with. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.next", NULL)
                  && g_strcmp0 (wm_feedback_assistant_get_page (assistant), "file") != 0);
  test_save_widget_shot (GTK_WIDGET (assistant), "feedback-0-error.png");

  gtk_window_destroy (GTK_WINDOW (window));
  spin_a_little ();
}

static void
set_stage (WmFeedbackAssistant *assistant,
           const char          *tag,
           guint                stage)
{
  AdwComboRow *row = find_combo_row (GTK_WIDGET (assistant), tag);

  g_assert_nonnull (row);
  adw_combo_row_set_selected (row, stage);
}

static void
assert_copied_pivot (WmFeedbackAssistant *assistant,
                     const char          *head)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (assistant));
  GValue value = G_VALUE_INIT;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.copy-pivot", NULL));
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &value, NULL));
  if (!g_str_has_prefix (g_value_get_string (&value), head))
    g_error ("copied “%s”, expected “%s…”", g_value_get_string (&value), head);
  g_value_unset (&value);
}

/* The preview's table is a grid (Chinese names do not line up as text),
 * counts by the column chosen, and goes to the clipboard as CSV. */
static void
check_copy_pivot (WmFeedbackAssistant *assistant)
{
  GtkDropDown *by = GTK_DROP_DOWN (find_descendant (GTK_WIDGET (assistant), GTK_TYPE_DROP_DOWN));
  GListModel *choices = gtk_drop_down_get_model (by);

  g_assert_nonnull (find_descendant (GTK_WIDGET (assistant), GTK_TYPE_GRID));
  g_assert_nonnull (find_label (GTK_WIDGET (assistant), "suggestion"));
  assert_copied_pivot (assistant, "Stage,complaint,inquiry,suggestion,praise,Total\r\n");
  /* Kind, Category, Tag, Customer Segment, Channel: the file has no product. */
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 5);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 3), ==, "Customer Segment");
  gtk_drop_down_set_selected (by, 3);
  g_assert_nonnull (find_label (GTK_WIDGET (assistant), "business"));
  assert_copied_pivot (assistant, "Stage,consumer,business,Total\r\n");
  gtk_drop_down_set_selected (by, 0);
}

static gboolean
has_basis_row (gpointer window)
{
  return find_combo_row (GTK_WIDGET (wm_window_get_inspector (WM_WINDOW (window))), "Basis") != NULL;
}

/* A card's quotes read in a popover at the card (Read Quotes in its
 * menu), and only a card with quotes offers it. */
static void
check_quotes_popover (WmWindow *window,
                      WmCard   *card)
{
  GtkWidget *canvas = GTK_WIDGET (wm_window_get_canvas (window));
  GtkLabel *quote;

  g_assert_null (find_label (canvas, "E1: Waited 40 minutes"));
  wm_canvas_set_selection (WM_CANVAS (canvas), G_OBJECT (card));
  spin_a_little ();
  g_assert_true (gtk_widget_activate_action (canvas, "canvas.show-quotes", NULL));
  spin_a_little ();
  quote = find_label (canvas, "E1: Waited 40 minutes");
  g_assert_nonnull (quote);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (quote)));
  g_assert_false (gtk_label_get_use_markup (quote));
  test_save_widget_shot (GTK_WIDGET (window), "feedback-6-quotes.png");
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (quote), GTK_TYPE_POPOVER)));
  spin_a_little ();
}

/* The imported card's evidence in the inspector: its basis editable and
 * undoable, its quotes readable. */
static void
check_inspector (WmWindow *window,
                 WmCard   *card)
{
  WmDocument *document = wm_window_get_document (window);
  AdwComboRow *basis;
  AdwEntryRow *source;

  wm_canvas_set_selection (wm_window_get_canvas (window), G_OBJECT (card));
  g_assert_true (spin_until (has_basis_row, window, 5000));
  basis = find_combo_row (GTK_WIDGET (wm_window_get_inspector (window)), "Basis");
  g_assert_cmpuint (adw_combo_row_get_selected (basis), ==, WM_EVIDENCE_DATA);
  g_assert_nonnull (find_label (GTK_WIDGET (wm_window_get_inspector (window)), "E1: Waited 40 minutes"));
  test_save_widget_shot (GTK_WIDGET (window), "feedback-5-inspector.png");

  adw_combo_row_set_selected (basis, WM_EVIDENCE_ANECDOTE);
  g_assert_cmpint (wm_evidence_get_basis (document, WM_ITEM (card)), ==, WM_EVIDENCE_ANECDOTE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.undo", NULL));
  spin_a_little ();
  g_assert_cmpint (wm_evidence_get_basis (document, WM_ITEM (card)), ==, WM_EVIDENCE_DATA);
  basis = find_combo_row (GTK_WIDGET (wm_window_get_inspector (window)), "Basis");
  g_assert_cmpuint (adw_combo_row_get_selected (basis), ==, WM_EVIDENCE_DATA);

  source = find_entry_row (GTK_WIDGET (wm_window_get_inspector (window)), "Source");
  g_assert_nonnull (source);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (source)), ==, "feedback-en.csv");
  gtk_editable_set_text (GTK_EDITABLE (source), "interview notes");
  g_signal_emit_by_name (source, "apply");
  g_assert_cmpstr (wm_evidence_get (document, WM_ITEM (card), "source"), ==, "interview notes");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.undo", NULL));
  spin_a_little ();
  g_assert_cmpstr (wm_evidence_get (document, WM_ITEM (card), "source"), ==, "feedback-en.csv");

  wm_canvas_set_selection (wm_window_get_canvas (window), NULL);
  spin_a_little ();
}

typedef struct
{
  WmDocument *document;
  guint       cards;
} CardCount;

static gboolean
has_cards (gpointer data)
{
  CardCount *count = data;

  return count_cards (count->document) == count->cards;
}

static void
press_ctrl_z (WmWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  char xid[32];

  g_snprintf (xid, sizeof xid, "%lu", (gulong) gdk_x11_surface_get_xid (surface));
  gtk_window_present (GTK_WINDOW (window));
  spin_ms (200);
  xdo ("windowfocus", "--sync", xid, NULL);
  spin_ms (200);
  xdo ("key", "--clearmodifiers", "ctrl+z", NULL);
}

static void
test_import_undo (void)
{
  WmWindow *window = new_service_window ();
  WmDocument *document = wm_window_get_document (window);
  g_autofree char *before = wm_writer_to_string (document, NULL);
  guint cards_before = count_cards (document);
  WmFeedbackAssistant *assistant = open_assistant (window);
  g_autoptr(GFile) file = fixture ("feedback-en.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *after_undo = NULL;
  AdwComboRow *tag_row;
  WmCard *card;
  CardCount undo_data;

  g_object_add_weak_pointer (G_OBJECT (assistant), (gpointer *) &assistant);
  test_save_widget_shot (GTK_WIDGET (assistant), "feedback-1-file.png");
  g_assert_true (wm_feedback_assistant_load_file (assistant, file, &error));
  g_assert_no_error (error);
  g_assert_nonnull (find_label (GTK_WIDGET (assistant), "feedback-en.csv: 6 records"));

  next (assistant, "columns");
  /* Guessed from the header: Tag is the file's 7th column ("None" first). */
  tag_row = find_combo_row (GTK_WIDGET (assistant), "Tag");
  g_assert_nonnull (tag_row);
  g_assert_cmpuint (adw_combo_row_get_selected (tag_row), ==, 7);
  test_save_widget_shot (GTK_WIDGET (assistant), "feedback-2-columns.png");

  next (assistant, "tags");
  /* Stage 1 is "Seeking help", 2 "Case handling" (0: Unsorted). */
  set_stage (assistant, "long queue", 1);
  set_stage (assistant, "price", 2);
  test_save_widget_shot (GTK_WIDGET (assistant), "feedback-3-tags.png");

  next (assistant, "preview");
  g_assert_nonnull (find_label (GTK_WIDGET (assistant), "Cards: 4 new, 0 updated."));
  g_assert_null (find_label (GTK_WIDGET (assistant), "Unsorted: "));
  test_save_widget_shot (GTK_WIDGET (assistant), "feedback-4-preview.png");
  check_copy_pivot (assistant);
  /* The preview ran on a copy. */
  g_assert_cmpuint (count_cards (document), ==, cards_before);

  next (assistant, NULL);
  g_assert_true (spin_until (is_null, &assistant, 5000));
  g_assert_cmpuint (count_cards (document), ==, cards_before + 4);
  card = find_card (document, "long queue");
  g_assert_nonnull (card);
  g_assert_true (wm_item_has_foreign (WM_ITEM (card)));
  g_assert_nonnull (find_card (document, "price"));
  check_inspector (window, card);
  check_quotes_popover (window, card);

  /* One Ctrl+Z, typed: the whole import is one step. */
  press_ctrl_z (window);
  undo_data.document = document;
  undo_data.cards = cards_before;
  g_assert_true (spin_until (has_cards, &undo_data, 5000));
  after_undo = wm_writer_to_string (document, NULL);
  g_assert_cmpuint (count_cards (document), ==, cards_before);
  /* All but the evidence namespace's declaration, which the importer adds
   * outside the undoable step (unused, so harmless). */
  g_assert_cmpstr (strip_evidence_namespace (after_undo), ==, before);

  /* The same export next time: the stages come pre-filled. */
  assistant = open_assistant (window);
  g_assert_true (wm_feedback_assistant_load_file (assistant, file, NULL));
  next (assistant, "columns");
  next (assistant, "tags");
  g_assert_cmpuint (adw_combo_row_get_selected (find_combo_row (GTK_WIDGET (assistant), "long queue")), ==, 1);
  g_assert_cmpuint (adw_combo_row_get_selected (find_combo_row (GTK_WIDGET (assistant), "price")), ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
  spin_a_little ();
}

static WmWindow *
other_window (WmWindow *window)
{
  WmWindow *other = NULL;

  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (WM_IS_WINDOW (l->data) && l->data != window)
      other = l->data;
  return other;
}

static gboolean
has_other_window (gpointer window)
{
  return other_window (window) != NULL;
}

/* A map without stages has nowhere to put feedback: Apply opens the
 * customer-service template in a new window and imports there, one undo
 * step too; the empty map stays as it was. */
static void
test_new_map (void)
{
  WmWindow *window = wm_window_new (NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GFile) file = fixture ("feedback-en.csv");
  WmFeedbackAssistant *assistant;
  WmWindow *other;
  guint cards;

  gtk_window_present (GTK_WINDOW (window));
  spin_a_little ();
  before = wm_writer_to_string (wm_window_get_document (window), NULL);
  assistant = open_assistant (window);
  g_assert_true (wm_feedback_assistant_load_file (assistant, file, NULL));
  next (assistant, "columns");
  next (assistant, "tags");
  /* The template's stages to choose from: 0 Unsorted, 1 Seeking help. */
  set_stage (assistant, "long queue", 1);
  next (assistant, "preview");
  next (assistant, NULL);
  g_assert_true (spin_until (has_other_window, window, 5000));

  other = other_window (window);
  g_assert_nonnull (find_card (wm_window_get_document (other), "long queue"));
  cards = count_cards (wm_window_get_document (other));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (other), "doc.undo", NULL));
  g_assert_null (find_card (wm_window_get_document (other), "long queue"));
  g_assert_cmpuint (count_cards (wm_window_get_document (other)), <, cards);
  after = wm_writer_to_string (wm_window_get_document (window), NULL);
  g_assert_cmpstr (after, ==, before);

  gtk_window_destroy (GTK_WINDOW (other));
  gtk_window_destroy (GTK_WINDOW (window));
  spin_a_little ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config = NULL;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("waymark-test-feedback-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  /* The remembered tag stages go here, not into the user's. */
  config = g_build_filename (tmp_dir, "config", NULL);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_DATA_HOME", tmp_dir, TRUE);
  g_setenv ("WAYMARK_STATE_DIR", tmp_dir, TRUE);

  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

  g_test_add_func ("/Waymark/FeedbackAssistant/csv-error", test_csv_error);
  g_test_add_func ("/Waymark/FeedbackAssistant/import-undo", test_import_undo);
  g_test_add_func ("/Waymark/FeedbackAssistant/new-map", test_new_map);

  return g_test_run ();
}
