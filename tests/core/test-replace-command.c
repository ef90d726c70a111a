/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The edit that replaces a whole map (a recovered draft over the version
 * on disk): one undo step that gives back the old map byte for byte, in
 * the same document and list objects the views are bound to. */
#include "config.h"

#include <string.h>

#include "wm-edits.h"
#include "wm-history.h"
#include "wm-reader.h"
#include "wm-writer.h"

static WmDocument *
load (const char *lang,
      const char *name)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  WmDocument *document;

  if (lang != NULL)
    path = g_build_filename (g_getenv ("WAYMARK_DATADIR"), "templates", lang, name, NULL);
  else
    path = g_test_build_filename (G_TEST_DIST, "core", "files", name, NULL);
  file = g_file_new_for_path (path);
  document = wm_reader_load_file (file, &error);
  g_assert_no_error (error);
  return document;
}

static GListStore *(* const stores[]) (WmDocument *) = {
  wm_document_get_personas, wm_document_get_stages, wm_document_get_lanes,
  wm_document_get_curves, wm_document_get_moments,
};

static char *
bytes_of (WmDocument *document)
{
  return wm_writer_to_string (document, NULL);
}

/* Every card's stage and every curve's persona is in the map. */
static void
assert_consistent (WmDocument *document)
{
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (document));
  GListModel *curves = G_LIST_MODEL (wm_document_get_curves (document));

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      GListModel *cards = G_LIST_MODEL (wm_lane_get_cards (wm_list_peek (G_LIST_STORE (lanes), i)));

      for (guint j = 0; j < g_list_model_get_n_items (cards); j++)
        {
          WmCard *card = wm_list_peek (G_LIST_STORE (cards), j);

          g_assert_nonnull (wm_document_find_stage (document, wm_card_get_stage (card)));
        }
    }
  for (guint i = 0; i < g_list_model_get_n_items (curves); i++)
    {
      WmCurve *curve = wm_list_peek (G_LIST_STORE (curves), i);

      g_assert_nonnull (wm_document_find_persona (document, wm_curve_get_persona (curve)));
    }
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  WmDocument *document)
{
  assert_consistent (document);
}

static void
check_replace (const char *old_lang,
               const char *old_name,
               const char *new_lang,
               const char *new_name)
{
  WmDocument *document = load (old_lang, old_name);
  WmDocument *content = load (new_lang, new_name);
  WmHistory *history = wm_history_new (document);
  GListStore *stages = wm_document_get_stages (document);
  g_autofree char *before = bytes_of (document);
  g_autofree char *wanted = bytes_of (content);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  g_assert_cmpstr (before, !=, wanted);
  /* A view bound to a list sees a whole map at every step. */
  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    g_signal_connect (stores[i] (document), "items-changed", G_CALLBACK (items_changed_cb), document);

  wm_history_mark_saved (history);
  wm_history_push (history, wm_edit_replace_content (document, content, "Restore Unsaved Changes"));
  g_object_unref (content);
  after = bytes_of (document);
  g_assert_cmpstr (after, ==, wanted);
  g_assert_true (wm_history_get_modified (history));
  g_assert_cmpstr (wm_history_get_undo_label (history), ==, "Restore Unsaved Changes");
  /* Same objects: the views stay bound. */
  g_assert_true (wm_document_get_stages (document) == stages);

  g_assert_true (wm_history_undo (history));
  undone = bytes_of (document);
  g_assert_cmpstr (undone, ==, before);
  g_assert_false (wm_history_get_modified (history));

  g_assert_true (wm_history_redo (history));
  redone = bytes_of (document);
  g_assert_cmpstr (redone, ==, wanted);

  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    g_signal_handlers_disconnect_by_func (stores[i] (document), items_changed_cb, document);
  g_assert_finalize_object (history);
  g_assert_finalize_object (document);
}

static void
test_replace_undo_redo (void)
{
  check_replace ("zh-CN", "camping.waymark", "en", "insurance.waymark");
}

/* Title, language, namespaces and another tool's XML go and come back
 * with the rest. */
static void
test_replace_foreign (void)
{
  check_replace (NULL, "foreign.waymark", "zh-CN", "camping.waymark");
  check_replace ("en", "blank.waymark", NULL, "foreign-anywhere.waymark");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/ReplaceCommand/undo-redo", test_replace_undo_redo);
  g_test_add_func ("/Waymark/ReplaceCommand/foreign", test_replace_foreign);
  return g_test_run ();
}
