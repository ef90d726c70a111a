/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-outline-row.c - one outline row on its own: what it says about its
 * item, and its inline edits as undo steps
 *
 * The outline's own tests (test-outline.c) drive rows through the window;
 * these bind a WmOutlineRow by hand, without a list. */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "app-test-util.h"
#include "wm-history.h"
#include "wm-outline-row.h"

typedef struct
{
  WmDocument   *document;
  WmHistory    *history;
  WmCard       *card;
  WmCurvePoint *point;
  GtkWidget    *row;
  guint         editing_notifies;
} Fixture;

static void
editing_cb (GObject    *row,
            GParamSpec *pspec,
            Fixture    *f)
{
  f->editing_notifies++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(WmStage) stage = wm_stage_new ("s1", "Arrive");
  g_autoptr(WmLane) lane = wm_lane_new ("l1", WM_LANE_ACTIONS, "Actions");
  g_autoptr(WmPersona) persona = wm_persona_new ("p");
  g_autoptr(WmCurve) curve = wm_curve_new ("p");
  g_autoptr(WmCurvePoint) point = wm_curve_point_new ("s1", 1.0, 0.5);
  g_autoptr(WmCard) card = wm_card_new ("c1", "s1", "Pitch the tent");

  f->document = wm_document_new ();
  g_list_store_append (wm_document_get_stages (f->document), stage);
  g_list_store_append (wm_document_get_personas (f->document), persona);
  g_list_store_append (wm_curve_get_points (curve), point);
  g_list_store_append (wm_document_get_curves (f->document), curve);
  wm_card_set_severity (card, 3);
  g_list_store_append (wm_lane_get_cards (lane), card);
  g_list_store_append (wm_document_get_lanes (f->document), lane);
  f->history = wm_history_new (f->document);
  f->card = card;
  f->point = point;
  f->row = g_object_ref_sink (wm_outline_row_new ());
  g_signal_connect (f->row, "notify::editing", G_CALLBACK (editing_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  wm_outline_row_unbind (WM_OUTLINE_ROW (f->row));
  g_assert_finalize_object (g_steal_pointer (&f->row));
  g_assert_finalize_object (g_steal_pointer (&f->history));
  g_assert_finalize_object (g_steal_pointer (&f->document));
}

/* /Waymark/OutlineRow/card: a card's row says what it is, its text, its
 * badges and its stage, and follows the card. */
static void
test_card (Fixture       *f,
           gconstpointer  data)
{
  WmOutlineRow *row = WM_OUTLINE_ROW (f->row);
  g_autofree char *text = NULL;
  g_autofree char *renamed = NULL;

  wm_outline_row_bind (row, NULL, G_OBJECT (f->card), f->history, FALSE);
  text = wm_outline_row_dup_text (row);
  g_assert_cmpstr (text, ==, "Card | Pitch the tent | Severity 3 | Arrive");
  g_assert_true (GTK_IS_ENTRY (wm_outline_row_get_editor (row)));

  wm_card_set_text (f->card, "Strike camp");
  renamed = wm_outline_row_dup_text (row);
  g_assert_cmpstr (renamed, ==, "Card | Strike camp | Severity 3 | Arrive");
}

/* /Waymark/OutlineRow/section: a section's row is its heading alone,
 * with nothing to edit. */
static void
test_section (Fixture       *f,
              gconstpointer  data)
{
  WmOutlineRow *row = WM_OUTLINE_ROW (f->row);
  g_autofree char *text = NULL;

  wm_outline_row_bind (row, NULL, G_OBJECT (f->card), f->history, FALSE);
  wm_outline_row_unbind (row);
  wm_outline_row_bind_section (row, NULL, "Stages");
  text = wm_outline_row_dup_text (row);
  g_assert_cmpstr (text, ==, "Stages");
  g_assert_null (wm_outline_row_get_editor (row));
}

/* /Waymark/OutlineRow/edit-text: Enter commits one undo step, Escape
 * none, and an unchanged text none. */
static void
test_edit_text (Fixture       *f,
                gconstpointer  data)
{
  WmOutlineRow *row = WM_OUTLINE_ROW (f->row);
  GtkWidget *entry;

  wm_outline_row_bind (row, NULL, G_OBJECT (f->card), f->history, FALSE);
  entry = wm_outline_row_get_editor (row);

  wm_outline_row_start_editing (row);
  g_assert_true (wm_outline_row_get_editing (row));
  g_assert_true (gtk_widget_get_visible (entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Pitch the tent");
  wm_outline_row_finish_editing (row, TRUE);
  g_assert_false (wm_outline_row_get_editing (row));
  g_assert_false (wm_history_get_can_undo (f->history));

  wm_outline_row_start_editing (row);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Strike camp");
  wm_outline_row_finish_editing (row, FALSE);
  g_assert_cmpstr (wm_card_get_text (f->card), ==, "Pitch the tent");
  g_assert_false (wm_history_get_can_undo (f->history));

  wm_outline_row_start_editing (row);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Strike camp");
  wm_outline_row_finish_editing (row, TRUE);
  g_assert_false (gtk_widget_get_visible (entry));
  g_assert_cmpstr (wm_card_get_text (f->card), ==, "Strike camp");
  g_assert_true (wm_history_undo (f->history));
  g_assert_cmpstr (wm_card_get_text (f->card), ==, "Pitch the tent");
  g_assert_false (wm_history_get_can_undo (f->history));
  /* Each start and end told the outline. */
  g_assert_cmpuint (f->editing_notifies, ==, 6);
}

/* /Waymark/OutlineRow/value: binding a value pushes nothing; the steps of
 * one spin session are one undo step. */
static void
test_value (Fixture       *f,
            gconstpointer  data)
{
  WmOutlineRow *row = WM_OUTLINE_ROW (f->row);
  GtkWidget *spin;
  g_autofree char *text = NULL;

  wm_outline_row_bind (row, NULL, G_OBJECT (f->point), f->history, FALSE);
  spin = wm_outline_row_get_editor (row);
  g_assert_true (GTK_IS_SPIN_BUTTON (spin));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 1.0);
  g_assert_false (wm_history_get_can_undo (f->history));
  text = wm_outline_row_dup_text (row);
  g_assert_cmpstr (text, ==, "Arrive");

  wm_outline_row_start_editing (row);
  g_assert_true (gtk_widget_get_can_focus (spin));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 1.5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 2.0);
  g_assert_cmpfloat (wm_curve_point_get_value (f->point), ==, 2.0);
  g_assert_true (wm_history_undo (f->history));
  g_assert_cmpfloat (wm_curve_point_get_value (f->point), ==, 1.0);
  g_assert_false (wm_history_get_can_undo (f->history));

  /* Unbound, it forgets the point: a value set now goes nowhere. */
  wm_outline_row_unbind (row);
  g_assert_false (gtk_widget_get_can_focus (spin));
  g_assert_false (wm_outline_row_get_editing (row));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), -2.0);
  g_assert_cmpfloat (wm_curve_point_get_value (f->point), ==, 1.0);
}

/* /Waymark/OutlineRow/slot: a stage with no value yet under a persona
 * says so, and Enter has nothing to start in the row itself. */
static void
test_slot (Fixture       *f,
           gconstpointer  data)
{
  WmOutlineRow *row = WM_OUTLINE_ROW (f->row);
  g_autoptr(WmCurvePoint) slot = wm_curve_point_new ("s1", 0, 0.5);
  g_autofree char *text = NULL;

  wm_outline_row_bind (row, NULL, G_OBJECT (slot), f->history, TRUE);
  text = wm_outline_row_dup_text (row);
  g_assert_cmpstr (text, ==, "Arrive | No value");
  g_assert_null (wm_outline_row_get_editor (row));
}

int
main (int   argc,
      char *argv[])
{
  /* The rows' labels in English. */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/Waymark/OutlineRow/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("card", test_card);
  ADD ("section", test_section);
  ADD ("edit-text", test_edit_text);
  ADD ("value", test_value);
  ADD ("slot", test_slot);
#undef ADD

  return g_test_run ();
}
