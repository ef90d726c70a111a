#pragma once

/* Main-loop helpers the app tests share: wait for something to happen
 * without fixed sleeps. */

#include <glib.h>

typedef gboolean (*Condition) (gpointer data);

static gboolean
app_test_wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main loop until @cond holds or @timeout_ms pass. */
static inline gboolean
spin_until (Condition cond,
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

static gboolean
app_test_never (gpointer data)
{
  return FALSE;
}

/* Iterates the main loop for @ms: for what arrives from idles and timers. */
static inline void
spin_ms (guint ms)
{
  spin_until (app_test_never, NULL, ms);
}

/* Dispatches whatever is pending now. */
static inline void
spin_a_little (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}
