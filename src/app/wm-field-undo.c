/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include "wm-field-undo.h"

static void
add_key (GtkShortcutController *controller,
         guint                  keyval,
         GdkModifierType        mods,
         const char            *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (keyval, mods),
                                                          gtk_named_action_new (action)));
}

void
wm_field_undo_to_document (GtkWidget *field)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (controller);

  g_return_if_fail (GTK_IS_WIDGET (field));

  if (GTK_IS_TEXT_VIEW (field))
    gtk_text_buffer_set_enable_undo (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field)), FALSE);
  else if (GTK_IS_EDITABLE (field))
    gtk_editable_set_enable_undo (GTK_EDITABLE (field), FALSE);

  /* Before the text widget inside sees the key: it takes Ctrl+Z even with
   * nothing of its own to undo. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  add_key (shortcuts, GDK_KEY_z, GDK_CONTROL_MASK, "doc.undo");
  add_key (shortcuts, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "doc.redo");
  add_key (shortcuts, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "doc.redo");
  add_key (shortcuts, GDK_KEY_y, GDK_CONTROL_MASK, "doc.redo");
  gtk_widget_add_controller (field, controller);
}
