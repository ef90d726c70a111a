/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-shortcuts.c - the Shortcuts window tells the truth
 *
 * Every key Waymark answers is listed in ui/gtk/help-overlay.ui, and
 * every key listed there does something: the application's accelerators,
 * the key bindings of every widget in a map window (window, canvas,
 * outline, inspector), and the keys of present mode. Adding a shortcut
 * without documenting it fails here. Needs a display (Xvfb). */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <string.h>

#include "app-test-util.h"
#include "wm-application.h"
#include "wm-history.h"
#include "wm-present-window.h"
#include "wm-window.h"

#define OVERLAY_RESOURCE "/io/github/waymark/Waymark/gtk/help-overlay.ui"

/* Keys a user presses the same way: the keypad's twins, Shift+Tab's two
 * names, a letter with Shift as its capital. */
static void
normalize (guint           *keyval,
           GdkModifierType *mods)
{
  static const struct { guint from, to; } twins[] = {
    { GDK_KEY_KP_Delete, GDK_KEY_Delete }, { GDK_KEY_KP_Enter, GDK_KEY_Return },
    { GDK_KEY_KP_Left, GDK_KEY_Left }, { GDK_KEY_KP_Right, GDK_KEY_Right },
    { GDK_KEY_KP_Up, GDK_KEY_Up }, { GDK_KEY_KP_Down, GDK_KEY_Down },
    { GDK_KEY_KP_Page_Up, GDK_KEY_Page_Up }, { GDK_KEY_KP_Page_Down, GDK_KEY_Page_Down },
    { GDK_KEY_KP_Home, GDK_KEY_Home }, { GDK_KEY_KP_End, GDK_KEY_End },
    { GDK_KEY_KP_Insert, GDK_KEY_Insert }, { GDK_KEY_KP_Add, GDK_KEY_plus },
    { GDK_KEY_KP_Subtract, GDK_KEY_minus }, { GDK_KEY_KP_Decimal, GDK_KEY_period },
    { GDK_KEY_KP_0, GDK_KEY_0 }, { GDK_KEY_KP_1, GDK_KEY_1 },
    { GDK_KEY_ISO_Left_Tab, GDK_KEY_Tab },
  };

  for (guint i = 0; i < G_N_ELEMENTS (twins); i++)
    if (*keyval == twins[i].from)
      *keyval = twins[i].to;
  if (*keyval != gdk_keyval_to_lower (*keyval))
    {
      *keyval = gdk_keyval_to_lower (*keyval);
      if (*mods & GDK_CONTROL_MASK)
        *mods |= GDK_SHIFT_MASK;
    }
  *mods &= gtk_accelerator_get_default_mod_mask ();
}

static char *
key_name (guint           keyval,
          GdkModifierType mods)
{
  normalize (&keyval, &mods);
  return gtk_accelerator_name (keyval, mods);
}

/* "<Control>n" → the normalized name of the key, or NULL. */
static char *
accel_key (const char *accel)
{
  guint keyval = 0;
  GdkModifierType mods = 0;

  if (!gtk_accelerator_parse (accel, &keyval, &mods) || keyval == 0)
    return NULL;
  return key_name (keyval, mods);
}

typedef struct
{
  GHashTable *all;      /* key name → shortcut title */
  GHashTable *present;  /* the same, for the Present Mode group */
} Overlay;

static void
overlay_clear (Overlay *overlay)
{
  g_clear_pointer (&overlay->all, g_hash_table_unref);
  g_clear_pointer (&overlay->present, g_hash_table_unref);
}

static void
collect_shortcuts (GtkWidget  *widget,
                   const char *group,
                   Overlay    *overlay)
{
  g_autofree char *group_title = NULL;

  if (GTK_IS_SHORTCUTS_GROUP (widget))
    {
      g_object_get (widget, "title", &group_title, NULL);
      group = group_title;
    }

  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *title = NULL;
      g_auto(GStrv) accels = NULL;

      g_object_get (widget, "accelerator", &accelerator, "title", &title, NULL);
      accels = g_strsplit (accelerator != NULL ? accelerator : "", " ", -1);
      for (guint i = 0; accels[i] != NULL; i++)
        {
          g_autofree char *key = NULL;

          if (*accels[i] == '\0')
            continue;
          key = accel_key (accels[i]);
          if (key == NULL)
            g_error ("“%s” (%s) is no key GTK knows", accels[i], title);
          g_hash_table_replace (overlay->all, g_strdup (key), g_strdup (title));
          if (g_strcmp0 (group, "Present Mode") == 0)
            g_hash_table_replace (overlay->present, g_strdup (key), g_strdup (title));
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, group, overlay);
}

/* Every key the Shortcuts window lists, in the C locale (group titles in
 * English). */
static void
overlay_load (Overlay *overlay)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (OVERLAY_RESOURCE);
  GtkWidget *window = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (window));
  overlay->all = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  overlay->present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  collect_shortcuts (window, NULL, overlay);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpuint (g_hash_table_size (overlay->present), >=, 10);
  g_assert_cmpuint (g_hash_table_size (overlay->all), >=, 40);
}

static void
assert_listed (Overlay    *overlay,
               GHashTable *table,
               const char *key,
               const char *what)
{
  if (!g_hash_table_contains (table, key))
    g_test_fail_printf ("%s is not in the Shortcuts window (ui/gtk/help-overlay.ui): %s", key, what);
}

/* One application for the process: a second one cannot register. */
static WmApplication *
registered_app (void)
{
  static WmApplication *app;
  g_autoptr(GError) error = NULL;

  if (app != NULL)
    return g_object_ref (app);
  app = wm_application_new ();
  /* Registering runs startup, which sets the accelerators. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  return g_object_ref (app);
}

/* /Waymark/Shortcuts/app-accels: each accelerator the application sets
 * (gtk_application_set_accels_for_action) is listed. */
static void
test_app_accels (void)
{
  Overlay overlay = { 0 };
  g_autoptr(WmApplication) app = registered_app ();
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  guint n_accels = 0;

  overlay_load (&overlay);
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        {
          g_autofree char *key = accel_key (accels[j]);

          g_assert_nonnull (key);
          assert_listed (&overlay, overlay.all, key, actions[i]);
          n_accels++;
        }
    }
  /* The Preferences and Help keys among them. */
  g_assert_cmpuint (n_accels, >=, 13);
  g_assert_true (g_hash_table_contains (overlay.all, "<Control>comma"));
  g_assert_true (g_hash_table_contains (overlay.all, "F1"));
  overlay_clear (&overlay);
}

/* Ours, not GTK's own (text., menu., window.…). */
static gboolean
is_waymark_action (const char *name)
{
  const char *prefixes[] = { "app.", "win.", "doc.", "canvas.", "outline.", "present.", "inspector." };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (name, prefixes[i]))
      return TRUE;
  return FALSE;
}

/* The key bindings (gtk_widget_class_add_binding_action) of @widget and
 * everything in it: name of the key → action. */
static void
collect_bindings (GtkWidget  *widget,
                  GHashTable *bindings)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          const char *name;

          if (!GTK_IS_KEYVAL_TRIGGER (trigger) || !GTK_IS_NAMED_ACTION (action))
            continue;
          name = gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
          if (!is_waymark_action (name))
            continue;
          g_hash_table_replace (bindings,
                                key_name (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                          gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))),
                                g_strdup (name));
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_bindings (child, bindings);
}

static WmHistory *
camping_history (WmWindow **window_out)
{
  g_autoptr(GError) error = NULL;
  WmWindow *window = wm_window_new_from_template (NULL, "camping", &error);

  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  spin_ms (100);
  *window_out = window;
  return wm_window_get_history (window);
}

/* /Waymark/Shortcuts/bindings: each key bound in a map window (window,
 * canvas, outline…) and in present mode is listed. */
static void
test_bindings (void)
{
  Overlay overlay = { 0 };
  g_autoptr(GHashTable) bindings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  WmWindow *window;
  WmPresentWindow *present;
  GHashTableIter iter;
  gpointer key, action;

  overlay_load (&overlay);
  present = wm_present_window_new (camping_history (&window), NULL);
  collect_bindings (GTK_WIDGET (window), bindings);
  collect_bindings (GTK_WIDGET (present), bindings);
  g_assert_true (g_hash_table_contains (bindings, "<Control>z"));
  g_assert_true (g_hash_table_contains (bindings, "Delete"));
  g_assert_cmpuint (g_hash_table_size (bindings), >=, 30);

  g_hash_table_iter_init (&iter, bindings);
  while (g_hash_table_iter_next (&iter, &key, &action))
    assert_listed (&overlay, overlay.all, key, action);

  gtk_window_destroy (GTK_WINDOW (present));
  gtk_window_destroy (GTK_WINDOW (window));
  overlay_clear (&overlay);
}

/* Keys a clicker or a keyboard could send in present mode. */
static const guint candidate_keys[] = {
  GDK_KEY_Page_Down, GDK_KEY_Page_Up, GDK_KEY_space, GDK_KEY_Return, GDK_KEY_BackSpace,
  GDK_KEY_Tab, GDK_KEY_Up, GDK_KEY_Down, GDK_KEY_Left, GDK_KEY_Right, GDK_KEY_Home,
  GDK_KEY_End, GDK_KEY_Delete, GDK_KEY_Insert, GDK_KEY_period, GDK_KEY_comma,
  GDK_KEY_F1, GDK_KEY_F2, GDK_KEY_F3, GDK_KEY_F4, GDK_KEY_F5, GDK_KEY_F6, GDK_KEY_F7,
  GDK_KEY_F8, GDK_KEY_F9, GDK_KEY_F10, GDK_KEY_F11, GDK_KEY_F12,
};

/* /Waymark/Shortcuts/present-keys: in present mode, each key it answers
 * is in the Present Mode group, and each key there is answered. */
static void
test_present_keys (void)
{
  Overlay overlay = { 0 };
  WmWindow *window;
  WmPresentWindow *present;
  GHashTableIter iter;
  gpointer key, title;

  overlay_load (&overlay);
  present = wm_present_window_new (camping_history (&window), NULL);
  gtk_window_present (GTK_WINDOW (present));
  spin_ms (200);

  for (guint i = 0; i < G_N_ELEMENTS (candidate_keys); i++)
    if (wm_present_window_handle_key (present, candidate_keys[i], 0))
      {
        g_autofree char *name = key_name (candidate_keys[i], 0);
        assert_listed (&overlay, overlay.present, name, "present mode");
      }
  for (guint c = 'a'; c <= 'z'; c++)
    if (wm_present_window_handle_key (present, c, 0))
      {
        g_autofree char *name = key_name (c, 0);
        assert_listed (&overlay, overlay.present, name, "present mode");
      }

  /* The other way round; Escape (it leaves) last. */
  g_hash_table_iter_init (&iter, overlay.present);
  while (g_hash_table_iter_next (&iter, &key, &title))
    {
      guint keyval = 0;
      GdkModifierType mods = 0;

      g_assert_true (gtk_accelerator_parse (key, &keyval, &mods));
      if (keyval == GDK_KEY_Escape)
        continue;
      if (!wm_present_window_handle_key (present, keyval, mods))
        g_test_fail_printf ("present mode does nothing with %s, listed for “%s”",
                            (char *) key, (char *) title);
    }
  g_assert_true (g_hash_table_contains (overlay.present, "Escape"));
  g_object_add_weak_pointer (G_OBJECT (present), (gpointer *) &present);
  g_assert_true (wm_present_window_handle_key (present, GDK_KEY_Escape, 0));
  spin_ms (100);
  if (present != NULL)
    gtk_window_destroy (GTK_WINDOW (present));
  gtk_window_destroy (GTK_WINDOW (window));
  overlay_clear (&overlay);
}

/* Listed keys that no binding, accelerator or present-mode key above
 * covers, and where they live. */
static const char * const handled_elsewhere[] = {
  "F10",              /* GtkMenuButton:primary opens the main menu */
  "<Shift>Return",    /* wm-card-editor.c: a new line inside the card */
  "Escape",           /* wm-card-editor.c, and the canvas: stop editing */
  "<Control>Tab",     /* GtkWindow: focus past a widget that uses Tab */
  "<Shift><Control>Tab",
};

/* /Waymark/Shortcuts/listed-exist: each key the Shortcuts window lists
 * outside present mode is an accelerator, a binding or handled above. */
static void
test_listed_exist (void)
{
  Overlay overlay = { 0 };
  g_autoptr(WmApplication) app = registered_app ();
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  g_autoptr(GHashTable) bindings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  WmWindow *window;
  WmPresentWindow *present;
  GHashTableIter iter;
  gpointer key, title;

  overlay_load (&overlay);
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        g_hash_table_add (known, accel_key (accels[j]));
    }
  present = wm_present_window_new (camping_history (&window), NULL);
  collect_bindings (GTK_WIDGET (window), bindings);
  collect_bindings (GTK_WIDGET (present), bindings);
  g_hash_table_iter_init (&iter, bindings);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (known, g_strdup (key));
  for (guint i = 0; i < G_N_ELEMENTS (handled_elsewhere); i++)
    g_hash_table_add (known, g_strdup (handled_elsewhere[i]));

  g_hash_table_iter_init (&iter, overlay.all);
  while (g_hash_table_iter_next (&iter, &key, &title))
    if (!g_hash_table_contains (overlay.present, key) && !g_hash_table_contains (known, key))
      g_test_fail_printf ("the Shortcuts window lists %s for “%s”, but nothing answers it",
                          (char *) key, (char *) title);

  gtk_window_destroy (GTK_WINDOW (present));
  gtk_window_destroy (GTK_WINDOW (window));
  overlay_clear (&overlay);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state_dir = NULL;

  g_test_init (&argc, &argv, NULL);
  state_dir = g_dir_make_tmp ("waymark-test-shortcuts-XXXXXX", NULL);
  g_setenv ("WAYMARK_STATE_DIR", state_dir, TRUE);
  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

  g_test_add_func ("/Waymark/Shortcuts/app-accels", test_app_accels);
  g_test_add_func ("/Waymark/Shortcuts/bindings", test_bindings);
  g_test_add_func ("/Waymark/Shortcuts/present-keys", test_present_keys);
  g_test_add_func ("/Waymark/Shortcuts/listed-exist", test_listed_exist);
  return g_test_run ();
}
