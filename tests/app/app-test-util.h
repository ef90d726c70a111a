/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Main-loop helpers the app tests share: wait for something to happen
 * without fixed sleeps. */

#include <stdarg.h>
#include <glib.h>
#include <gtk/gtk.h>
#include <gdk/x11/gdkx.h>

#include "../test-util.h"

typedef gboolean (*Condition) (gpointer data);

static gboolean
app_test_wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main loop until @cond holds or @timeout_ms pass. */
static inline gboolean
app_test_spin (Condition cond,
               gpointer  data,
               guint     timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint wake = g_timeout_add (10, app_test_wake_cb, NULL);
  gboolean ok;

  while (!(ok = cond (data)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  return ok;
}

/* Waits up to @timeout_ms for @cond: a bound on a failure, so it grows
 * with the sanitizers' slowness (WAYMARK_TEST_TIMEOUT_SCALE). */
static inline gboolean
spin_until (Condition cond,
            gpointer  data,
            guint     timeout_ms)
{
  return app_test_spin (cond, data, (guint) (timeout_ms * test_time_scale ()));
}

static gboolean
app_test_never (gpointer data)
{
  return FALSE;
}

/* Iterates the main loop for @ms: for what arrives from idles and timers. */
static inline void
spin_ms (guint ms)
{
  app_test_spin (app_test_never, NULL, ms);
}

/* With WAYMARK_TEST_SHOTS=DIR, @widget as drawn now, saved there as
 * @name: what a test checked, for a person to look at. */
static inline void
test_save_widget_shot (GtkWidget  *widget,
                       const char *name)
{
  const char *dir = g_getenv ("WAYMARK_TEST_SHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  spin_ms (400);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, NULL);
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

/* Dispatches whatever is pending now. */
static inline void
spin_a_little (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Pops @popover down and waits out GTK's tooltip hover delay (500 ms).
 * A popover that maps under the pointer starts the tooltip timer on its
 * own surface; GTK 4.8 does not cancel it when the popover's surface goes,
 * so a window destroyed sooner makes the timer ask a dead surface for the
 * pointer (a Gdk-CRITICAL). Users do not close windows that fast; tests do. */
static inline void
popdown_settled (GtkPopover *popover)
{
  gtk_popover_popdown (popover);
  spin_ms (700);
}

/* Runs xdotool with the arguments up to NULL: xdo ("key", "F5", NULL). */
G_GNUC_NULL_TERMINATED static inline void
xdo (const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;
  int status;

  g_ptr_array_add (argv, (char *) "xdotool");
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH |
                               G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static inline gboolean
window_is_active (gpointer window)
{
  return gtk_window_is_active (window);
}

/* Gives @window the X keyboard focus and waits until GTK knows it: keys
 * typed with xdotool go to whichever X window has the focus, and on a
 * loaded machine that may still be one a previous step left focused. */
static inline void
xdo_focus (GtkWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  char xid[32];

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  g_snprintf (xid, sizeof xid, "%lu", (gulong) gdk_x11_surface_get_xid (surface));
  xdo ("windowfocus", "--sync", xid, NULL);
  g_assert_true (spin_until (window_is_active, window, 5000));
}

/* A widget of a WmWindow's template, by its id in ui/wm-window.ui. */
static inline gpointer
window_child (gpointer    window,
              const char *id)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), g_type_from_name ("WmWindow"), id);

  g_assert_nonnull (child);
  return child;
}

/* The first widget of @type inside @root (depth first), or NULL. */
static inline GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }
  return NULL;
}
