/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The smoke test: starts the real application (WAYMARK_BIN) under Xvfb and
 * drives it with xdotool as a person would, then checks what it wrote.
 *
 * /Waymark/Smoke/main-path: new map from the camping template (chooser:
 * Right, Enter), add a stage (right-click the last stage header, "Add
 * Stage After", type its name), click the empty Actions cell of the new
 * stage and type a card in place (typed Latin text, then Chinese pasted
 * with Ctrl+V from the X11 clipboard this process owns), drag the camper's
 * curve point of the new stage to +2.5, Ctrl+Z (the next autosave draft
 * must show the point back at 0), Ctrl+Shift+Z, Ctrl+S through the file
 * chooser (a full path typed into its name entry); then the saved file
 * must validate and hold the stage, the card and the point at 2.5.
 *
 * /Waymark/Smoke/crash-recovery: open a copy of the camping map, rename a
 * stage (double-click, type, Enter), wait 4.5 s, kill -9, start again,
 * answer "Recover Unsaved Maps?" with Enter (Restore), Ctrl+S, and the
 * original file must hold the edit; three times over, each cycle editing
 * in the restored window of the one before.
 *
 * Both fail if the app prints a GLib warning or critical.
 *
 * Where things are on screen: the test lays out the same document with
 * the core (wm_layout, light theme; edits mirrored) and the app, started
 * with WAYMARK_DEBUG=geometry, prints on stderr where layout (0, 0) is on
 * its window's surface and the zoom ("waymark-debug: geometry x= y= zoom=",
 * src/app/wm-canvas.c). F9 hides the inspector and Ctrl+0 fits the map, so
 * that everything is on screen.
 *
 * Each step waits with a timeout and says what failed; screenshots of
 * each step go to the test's temporary folder and the last few are named
 * in the TAP output on failure (the folder is kept then, or always with
 * WAYMARK_SMOKE_KEEP=1, with the app's stderr in app-stderr.log). The app
 * gets its own state, config, data and cache folders and no session bus.
 * Needs DISPLAY and xdotool, else the whole file is skipped. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtk/gtk.h>
#include <glib/gstdio.h>

#include "wm-card.h"
#include "wm-command.h"
#include "wm-curve.h"
#include "wm-curve-point.h"
#include "wm-document.h"
#include "wm-edits.h"
#include "wm-item.h"
#include "wm-lane.h"
#include "wm-layout.h"
#include "wm-reader.h"
#include "wm-stage.h"
#include "wm-validate.h"

/* Sanitizer builds run several times slower: their CI run scales the waits. */
static int
step_timeout_ms (void)
{
  const char *scale = g_getenv ("WAYMARK_TEST_TIMEOUT_SCALE");
  int factor = scale != NULL ? atoi (scale) : 1;

  return 10000 * CLAMP (factor, 1, 20);
}
#define STEP_TIMEOUT_MS (step_timeout_ms ())

typedef struct
{
  char      *tmp_dir;
  char      *state_dir;
  char     **env;
  GArray    *pids;        /* GPid, every app process started */
  GPid       pid;         /* the current one */
  int        err_fd;      /* its stderr */
  GString   *err;         /* all of its stderr */
  gsize      err_parsed;
  gboolean   have_geometry;
  double     gx, gy, zoom;
  GPtrArray *shots;
  guint      n_shots;
  const char *step;
} Fixture;

/* Processes */

/* An assertion aborts the test before its teardown: the app processes
 * must not outlive it all the same. */
static Fixture *current;

static void
fatal_signal_cb (int signum)
{
  if (current != NULL)
    for (guint i = 0; i < current->pids->len; i++)
      {
        kill (g_array_index (current->pids, GPid, i), SIGKILL);
        waitpid (g_array_index (current->pids, GPid, i), NULL, 0);
      }
  signal (signum, SIG_DFL);
  raise (signum);
}

static gboolean
child_alive (GPid pid)
{
  return pid > 0 && waitpid (pid, NULL, WNOHANG) == 0;
}

static void
kill_child (GPid pid)
{
  if (pid <= 0)
    return;
  if (waitpid (pid, NULL, WNOHANG) != 0)
    return;
  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);
}

static void
read_stderr (Fixture *f)
{
  char buf[4096];
  ssize_t n;

  if (f->err_fd < 0)
    return;
  while ((n = read (f->err_fd, buf, sizeof buf)) > 0)
    g_string_append_len (f->err, buf, n);
  if (n == 0)
    {
      close (f->err_fd);
      f->err_fd = -1;
    }

  /* The latest geometry line wins. */
  for (;;)
    {
      const char *line = f->err->str + f->err_parsed;
      const char *nl = strchr (line, '\n');
      double x, y, zoom;

      if (nl == NULL)
        break;
      if (sscanf (line, "waymark-debug: geometry x=%lf y=%lf zoom=%lf", &x, &y, &zoom) == 3)
        {
          f->gx = x;
          f->gy = y;
          f->zoom = zoom;
          f->have_geometry = TRUE;
        }
      f->err_parsed = nl + 1 - f->err->str;
    }
}

/* Runs the main loop (the clipboard is served from it) and reads the
 * app's stderr, for about @ms milliseconds. */
static void
pump (Fixture *f,
      guint    ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  do
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      read_stderr (f);
      if (ms > 0)
        g_usleep (10 * 1000);
    }
  while (g_get_monotonic_time () < end);
}

static void
start_app (Fixture    *f,
           const char *file)
{
  const char *bin = g_getenv ("WAYMARK_BIN");
  const char *argv[] = { bin, file, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid;
  int err_fd;

  g_assert_nonnull (bin);
  if (!g_spawn_async_with_pipes (f->tmp_dir, (char **) argv, f->env,
                                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                                 NULL, NULL, &pid, NULL, NULL, &err_fd, &error))
    g_error ("Could not start %s: %s", bin, error->message);
  g_array_append_val (f->pids, pid);
  if (f->err_fd >= 0)
    close (f->err_fd);
  f->pid = pid;
  f->err_fd = err_fd;
  fcntl (err_fd, F_SETFL, fcntl (err_fd, F_GETFL) | O_NONBLOCK);
  g_string_append_printf (f->err, "---- started %s %s (pid %d)\n", bin, file ? file : "", pid);
  f->err_parsed = f->err->len;
  f->have_geometry = FALSE;
}

/* Screenshots and failures */

static void
screenshot (Fixture    *f,
            const char *what)
{
  g_autofree char *name = g_strdup_printf ("shot-%02u-%s.png", ++f->n_shots, what);
  g_autofree char *path = g_build_filename (f->tmp_dir, name, NULL);
  const char *argv[] = { "import", "-window", "root", path, NULL };

  g_autofree char *import = g_find_program_in_path ("import");

  if (import == NULL)
    return;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, NULL, NULL);
  g_ptr_array_add (f->shots, g_steal_pointer (&path));
}

G_GNUC_PRINTF (2, 3) G_GNUC_NORETURN static void
fail (Fixture    *f,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  screenshot (f, "failure");
  read_stderr (f);
  g_test_message ("step failed: %s", f->step ? f->step : "?");
  for (guint i = f->shots->len > 4 ? f->shots->len - 4 : 0; i < f->shots->len; i++)
    g_test_message ("screenshot: %s", (char *) g_ptr_array_index (f->shots, i));
  g_test_message ("the app's stderr (last 3000 bytes):\n%s",
                  f->err->str + (f->err->len > 3000 ? f->err->len - 3000 : 0));
  g_error ("smoke step \"%s\" failed: %s", f->step ? f->step : "?", message);
}

static void
step (Fixture    *f,
      const char *name)
{
  f->step = name;
  g_test_message ("step: %s", name);
}

/* xdotool */

static char *
xdo_argv (Fixture     *f,
          const char **args,
          gboolean     must_succeed)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *errs = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) "xdotool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH,
                     NULL, NULL, &out, &errs, &status, &error))
    fail (f, "xdotool: %s", error->message);
  if (must_succeed && !g_spawn_check_wait_status (status, NULL))
    {
      g_autofree char *line = g_strjoinv (" ", (char **) argv->pdata);
      fail (f, "`%s` failed: %s", line, errs);
    }
  return g_steal_pointer (&out);
}

/* xdo (f, "key", "ctrl+z", NULL) */
G_GNUC_NULL_TERMINATED static void
xdo (Fixture *f,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  const char *arg;
  va_list ap;

  va_start (ap, f);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  out = xdo_argv (f, (const char **) args->pdata, TRUE);
  /* Let the app see it and answer clipboard requests meanwhile. */
  pump (f, 0);
}

/* The visible windows of the current app process whose name matches
 * @regex (xdotool's, extended); 0 if none. */
static gulong
find_window (Fixture    *f,
             const char *regex)
{
  g_autofree char *pid = g_strdup_printf ("%d", f->pid);
  const char *args[] = { "search", "--all", "--onlyvisible", "--pid", pid, "--name", regex, NULL };
  g_autofree char *out = xdo_argv (f, args, FALSE);
  g_auto(GStrv) lines = g_strsplit (out ? out : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      return strtoul (lines[i], NULL, 10);
  return 0;
}

static gulong
wait_window (Fixture    *f,
             const char *regex)
{
  gint64 end = g_get_monotonic_time () + STEP_TIMEOUT_MS * 1000;
  gulong window;

  while ((window = find_window (f, regex)) == 0)
    {
      if (!child_alive (f->pid))
        fail (f, "the app exited while waiting for a window named /%s/", regex);
      if (g_get_monotonic_time () > end)
        fail (f, "no window named /%s/ after %d s", regex, STEP_TIMEOUT_MS / 1000);
      pump (f, 50);
    }
  return window;
}

static void
wait_no_window (Fixture    *f,
                const char *regex)
{
  gint64 end = g_get_monotonic_time () + STEP_TIMEOUT_MS * 1000;

  while (find_window (f, regex) != 0)
    {
      if (g_get_monotonic_time () > end)
        fail (f, "the window named /%s/ is still there after %d s", regex, STEP_TIMEOUT_MS / 1000);
      pump (f, 50);
    }
}

static void
focus (Fixture *f,
       gulong   window)
{
  g_autofree char *id = g_strdup_printf ("%lu", window);

  xdo (f, "windowfocus", "--sync", id, NULL);
  pump (f, 100);
}

/* The first geometry line after start-up: the map is drawn. */
static void
wait_geometry (Fixture *f)
{
  gint64 end = g_get_monotonic_time () + STEP_TIMEOUT_MS * 1000;

  while (!f->have_geometry)
    {
      if (g_get_monotonic_time () > end)
        fail (f, "the canvas printed no geometry (WAYMARK_DEBUG=geometry) after %d s",
              STEP_TIMEOUT_MS / 1000);
      pump (f, 50);
    }
  /* The first frames may still fit the zoom to the window. */
  pump (f, 300);
}

/* Layout units to window coordinates, as strings for xdotool. */
static void
to_window (Fixture *f,
           double   lx,
           double   ly,
           char     xs[32],
           char     ys[32])
{
  g_snprintf (xs, 32, "%d", (int) round (f->gx + lx * f->zoom));
  g_snprintf (ys, 32, "%d", (int) round (f->gy + ly * f->zoom));
}

static void
move_to (Fixture *f,
         gulong   window,
         double   lx,
         double   ly)
{
  g_autofree char *id = g_strdup_printf ("%lu", window);
  char xs[32], ys[32];

  to_window (f, lx, ly, xs, ys);
  xdo (f, "mousemove", "--sync", "--window", id, xs, ys, NULL);
}

static void
click_at (Fixture    *f,
          gulong      window,
          double      lx,
          double      ly,
          const char *button,
          const char *repeat)
{
  move_to (f, window, lx, ly);
  pump (f, 50);
  xdo (f, "click", "--repeat", repeat, "--delay", "80", button, NULL);
  pump (f, 150);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, needle) != NULL;
}

static void
wait_file_contains (Fixture    *f,
                    const char *path,
                    const char *needle)
{
  gint64 end = g_get_monotonic_time () + STEP_TIMEOUT_MS * 1000;

  while (!file_contains (path, needle))
    {
      if (!child_alive (f->pid))
        fail (f, "the app exited before %s contained \"%s\"", path, needle);
      if (g_get_monotonic_time () > end)
        fail (f, "%s does not contain \"%s\" after %d s", path, needle, STEP_TIMEOUT_MS / 1000);
      pump (f, 50);
    }
}

/* The recovery draft the app autosaves (one window: one draft). */
static gboolean
draft_contains (Fixture    *f,
                const char *needle)
{
  g_autofree char *dir_path = g_build_filename (f->state_dir, "drafts", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);

      if (g_str_has_suffix (name, ".waymark") && file_contains (path, needle))
        return TRUE;
    }
  return FALSE;
}

static void
wait_draft_contains (Fixture    *f,
                     const char *needle)
{
  gint64 end = g_get_monotonic_time () + STEP_TIMEOUT_MS * 1000;

  while (!draft_contains (f, needle))
    {
      if (g_get_monotonic_time () > end)
        fail (f, "no recovery draft holds '%s' after %d s", needle, STEP_TIMEOUT_MS / 1000);
      pump (f, 50);
    }
}

/* Until the canvas has not moved or zoomed for a while: the app has
 * drawn what the last keys did. */
static void
settle (Fixture *f)
{
  gint64 end = g_get_monotonic_time () + 3000 * 1000;
  gint64 quiet_since = g_get_monotonic_time ();
  double gx = f->gx, gy = f->gy, zoom = f->zoom;

  while (g_get_monotonic_time () - quiet_since < 400 * 1000 && g_get_monotonic_time () < end)
    {
      pump (f, 20);
      if (f->gx != gx || f->gy != gy || f->zoom != zoom)
        {
          gx = f->gx;
          gy = f->gy;
          zoom = f->zoom;
          quiet_since = g_get_monotonic_time ();
        }
    }
}

/* The app printed no warnings or criticals along the way. */
static void
check_app_stderr (Fixture *f)
{
  read_stderr (f);
  if (strstr (f->err->str, "-WARNING **") || strstr (f->err->str, "-CRITICAL **"))
    fail (f, "the app printed warnings or criticals (see its stderr above)");
}

/* Fixture */

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL;
  g_autofree char *share = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *bus = NULL;

  f->tmp_dir = g_dir_make_tmp ("waymark-smoke-XXXXXX", &error);
  g_assert_no_error (error);
  f->state_dir = g_build_filename (f->tmp_dir, "state", NULL);
  config = g_build_filename (f->tmp_dir, "config", NULL);
  share = g_build_filename (f->tmp_dir, "share", NULL);
  cache = g_build_filename (f->tmp_dir, "cache", NULL);
  /* No session bus: the app runs as a plain, non-unique process that
   * cannot hand its command line to some other running Waymark. */
  bus = g_strdup_printf ("unix:path=%s/no-bus", f->tmp_dir);

  f->env = g_get_environ ();
  /* Our G_DEBUG=fatal-warnings is for this process, not the app's. */
  f->env = g_environ_unsetenv (f->env, "G_DEBUG");
  f->env = g_environ_unsetenv (f->env, "MALLOC_CHECK_");
  f->env = g_environ_setenv (f->env, "WAYMARK_STATE_DIR", f->state_dir, TRUE);
  f->env = g_environ_setenv (f->env, "WAYMARK_DEBUG", "geometry", TRUE);
  f->env = g_environ_setenv (f->env, "WAYMARK_COLOR_SCHEME", "light", TRUE);
  f->env = g_environ_setenv (f->env, "XDG_CONFIG_HOME", config, TRUE);
  f->env = g_environ_setenv (f->env, "XDG_DATA_HOME", share, TRUE);
  f->env = g_environ_setenv (f->env, "XDG_CACHE_HOME", cache, TRUE);
  f->env = g_environ_setenv (f->env, "DBUS_SESSION_BUS_ADDRESS", bus, TRUE);
  f->env = g_environ_setenv (f->env, "GIO_USE_VFS", "local", TRUE);
  f->env = g_environ_setenv (f->env, "GTK_USE_PORTAL", "0", TRUE);
  f->env = g_environ_setenv (f->env, "GTK_A11Y", "none", TRUE);
  f->env = g_environ_setenv (f->env, "GSK_RENDERER", "cairo", TRUE);
  f->env = g_environ_setenv (f->env, "LANGUAGE", "en", TRUE);

  f->pids = g_array_new (FALSE, FALSE, sizeof (GPid));
  f->err = g_string_new (NULL);
  f->err_fd = -1;
  f->shots = g_ptr_array_new_with_free_func (g_free);
  g_test_message ("temporary folder (screenshots): %s", f->tmp_dir);
  current = f;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  for (guint i = 0; i < f->pids->len; i++)
    kill_child (g_array_index (f->pids, GPid, i));
  g_array_unref (f->pids);
  read_stderr (f);
  if (g_getenv ("WAYMARK_SMOKE_KEEP") != NULL)
    {
      g_autofree char *log = g_build_filename (f->tmp_dir, "app-stderr.log", NULL);
      g_file_set_contents (log, f->err->str, f->err->len, NULL);
    }
  if (f->err_fd >= 0)
    close (f->err_fd);
  g_string_free (f->err, TRUE);
  g_ptr_array_unref (f->shots);
  g_strfreev (f->env);
  /* Kept when asked for, to look at the screenshots. */
  if (g_getenv ("WAYMARK_SMOKE_KEEP") == NULL)
    {
      const char *argv[] = { "rm", "-rf", f->tmp_dir, NULL };

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                    NULL, NULL, NULL, NULL);
    }
  current = NULL;
  g_free (f->tmp_dir);
  g_free (f->state_dir);
}

/* The clipboard: text this process offers, counting how often another
 * process reads it, so the test knows when the app's paste went through. */

typedef struct
{
  GdkContentProvider parent_instance;
  char              *text;
  guint              n_reads;
} SmokeText;

typedef GdkContentProviderClass SmokeTextClass;

static GType smoke_text_get_type (void);
G_DEFINE_TYPE (SmokeText, smoke_text, GDK_TYPE_CONTENT_PROVIDER)

static GdkContentFormats *
smoke_text_ref_formats (GdkContentProvider *provider)
{
  return gdk_content_formats_new ((const char *[]) { "text/plain;charset=utf-8", "text/plain" }, 2);
}

static void
smoke_text_written_cb (GObject      *stream,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_output_stream_write_all_finish (G_OUTPUT_STREAM (stream), result, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
smoke_text_write_mime_type_async (GdkContentProvider  *provider,
                                  const char          *mime_type,
                                  GOutputStream       *stream,
                                  int                  io_priority,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  SmokeText *self = (SmokeText *) provider;
  GTask *task = g_task_new (provider, cancellable, callback, user_data);

  self->n_reads++;
  g_output_stream_write_all_async (stream, self->text, strlen (self->text), io_priority,
                                   cancellable, smoke_text_written_cb, task);
}

static gboolean
smoke_text_write_mime_type_finish (GdkContentProvider  *provider,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
smoke_text_finalize (GObject *object)
{
  g_free (((SmokeText *) object)->text);
  G_OBJECT_CLASS (smoke_text_parent_class)->finalize (object);
}

static void
smoke_text_class_init (SmokeTextClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = smoke_text_finalize;
  klass->ref_formats = smoke_text_ref_formats;
  klass->write_mime_type_async = smoke_text_write_mime_type_async;
  klass->write_mime_type_finish = smoke_text_write_mime_type_finish;
}

static void
smoke_text_init (SmokeText *self)
{
}

/* The document the app shows, mirrored here for its layout. */

static WmDocument *
load_template (const char *name)
{
  const char *datadir = g_getenv ("WAYMARK_DATADIR");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  WmDocument *document;

  g_assert_nonnull (datadir);
  path = g_build_filename (datadir, "templates", "en", name, NULL);
  file = g_file_new_for_path (path);
  document = wm_reader_load_file (file, &error);
  g_assert_no_error (error);
  return document;
}

static guint
n_items (GListStore *store)
{
  return g_list_model_get_n_items (G_LIST_MODEL (store));
}

static gpointer
item_at (GListStore *store,
         guint       i)
{
  gpointer item = g_list_model_get_item (G_LIST_MODEL (store), i);

  g_object_unref (item);  /* the store keeps it */
  return item;
}

static int
lane_of_kind (WmDocument *document,
              WmLaneKind  kind)
{
  GListStore *lanes = wm_document_get_lanes (document);

  for (guint i = 0; i < n_items (lanes); i++)
    if (wm_lane_get_kind (item_at (lanes, i)) == kind)
      return i;
  return -1;
}

static WmCurvePoint *
find_point (WmDocument *document,
            const char *persona,
            const char *stage)
{
  GListStore *curves = wm_document_get_curves (document);

  for (guint i = 0; i < n_items (curves); i++)
    {
      WmCurve *curve = item_at (curves, i);
      GListStore *points = wm_curve_get_points (curve);

      if (g_strcmp0 (wm_curve_get_persona (curve), persona) != 0)
        continue;
      for (guint j = 0; j < n_items (points); j++)
        if (g_strcmp0 (wm_curve_point_get_stage (item_at (points, j)), stage) == 0)
          return item_at (points, j);
    }
  return NULL;
}

static void
apply (WmDocument *document,
       WmCommand  *command)
{
  g_assert_nonnull (command);
  wm_command_apply (command);
  g_object_unref (command);
  wm_document_emit_changed (document);
}

/* Hide the inspector (F9) and fit the map into the window (Ctrl+0), so
 * that every item is on screen. */
static void
fit_map (Fixture *f)
{
  xdo (f, "key", "F9", NULL);
  pump (f, 200);
  xdo (f, "key", "ctrl+0", NULL);
  pump (f, 300);
  settle (f);
}

static void
center (cairo_rectangle_t *rect,
        double            *x,
        double            *y)
{
  *x = rect->x + rect->width / 2;
  *y = rect->y + rect->height / 2;
}

/* /Waymark/Smoke/main-path */

#define CARD_LATIN   "Ask the owner"
#define CARD_CHINESE "营地卖精酿啤酒"
#define STAGE_TITLE  "Campfire"

static void
test_main_path (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(WmDocument) mirror = load_template ("camping.waymark");
  g_autoptr(WmLayout) layout = wm_layout_new (mirror, WM_THEME_LIGHT);
  guint n_template_stages = n_items (wm_document_get_stages (mirror));
  g_autofree char *out_path = g_build_filename (f->tmp_dir, "out.waymark", NULL);
  g_autofree char *new_stage_id = NULL;
  g_autofree char *needle_dragged = NULL;
  g_autofree char *needle_undone = NULL;
  g_autoptr(GFile) out_file = NULL;
  g_autoptr(WmDocument) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  GdkClipboard *clipboard;
  g_autoptr(GdkContentProvider) clip_provider = NULL;
  SmokeText *clip;
  cairo_rectangle_t rect;
  gulong chooser, window, dialog;
  WmCurvePoint *point;
  WmStage *stage;
  int actions_lane, emotion_lane;
  double x, y, target_y;
  gboolean found_card = FALSE;
  GListStore *lanes;

  step (f, "start the app: the template chooser");
  start_app (f, NULL);
  chooser = wait_window (f, "^New Journey Map$");
  focus (f, chooser);
  pump (f, 300);
  screenshot (f, "chooser");

  step (f, "pick the camping template (Right, Enter)");
  xdo (f, "key", "Right", NULL);
  pump (f, 150);
  xdo (f, "key", "Return", NULL);
  window = wait_window (f, "camping trip");
  wait_no_window (f, "^New Journey Map$");
  focus (f, window);
  wait_geometry (f);
  fit_map (f);
  screenshot (f, "camping");

  step (f, "add a stage after the last (right-click its header, Add Stage After)");
  g_assert_true (wm_layout_get_stage_header_rect (layout, n_template_stages - 1, &rect));
  center (&rect, &x, &y);
  click_at (f, window, x, y, "3", "1");
  screenshot (f, "stage-menu");
  /* The mnemonic of "Add Stage _After". */
  xdo (f, "key", "a", NULL);
  pump (f, 300);
  /* The new stage is in the rename editor with "New Stage" in it. */
  xdo (f, "key", "ctrl+a", NULL);
  xdo (f, "type", "--delay", "20", STAGE_TITLE, NULL);
  xdo (f, "key", "Return", NULL);
  pump (f, 300);
  apply (mirror, wm_edit_add_stage (mirror, n_template_stages, STAGE_TITLE));
  stage = item_at (wm_document_get_stages (mirror), n_template_stages);
  new_stage_id = g_strdup (wm_item_get_id (WM_ITEM (stage)));
  wm_layout_update (layout);
  /* The map grew: fit it again. */
  xdo (f, "key", "ctrl+0", NULL);
  pump (f, 300);
  settle (f);
  screenshot (f, "stage-added");

  step (f, "type a card into the new stage's empty Actions cell, paste Chinese, Enter");
  actions_lane = lane_of_kind (mirror, WM_LANE_ACTIONS);
  g_assert_cmpint (actions_lane, >=, 0);
  g_assert_true (wm_layout_get_cell_rect (layout, actions_lane, n_template_stages, &rect));
  center (&rect, &x, &y);
  click_at (f, window, x, y, "1", "1");
  pump (f, 200);
  xdo (f, "type", "--delay", "20", CARD_LATIN " ", NULL);
  pump (f, 100);
  /* Chinese through the clipboard, owned by this process. */
  clipboard = gdk_display_get_clipboard (gdk_display_get_default ());
  clip = g_object_new (smoke_text_get_type (), NULL);
  clip->text = g_strdup (CARD_CHINESE);
  clip_provider = GDK_CONTENT_PROVIDER (clip);
  if (!gdk_clipboard_set_content (clipboard, GDK_CONTENT_PROVIDER (clip)))
    fail (f, "could not own the clipboard");
  pump (f, 100);
  xdo (f, "key", "ctrl+v", NULL);
  {
    gint64 end = g_get_monotonic_time () + STEP_TIMEOUT_MS * 1000;

    while (clip->n_reads == 0)
      {
        if (g_get_monotonic_time () > end)
          fail (f, "the app did not read the clipboard after Ctrl+V");
        pump (f, 20);
      }
  }
  /* The text arrives in the editor a little after it was read. */
  pump (f, 400);
  screenshot (f, "card-typing");
  xdo (f, "key", "Return", NULL);
  pump (f, 300);
  lanes = wm_document_get_lanes (mirror);
  apply (mirror, wm_edit_add_card (mirror, item_at (lanes, actions_lane), new_stage_id,
                           CARD_LATIN " " CARD_CHINESE, NULL));
  wm_layout_update (layout);
  screenshot (f, "card-added");

  step (f, "drag the camper's curve point in the new stage up to +2.5");
  point = find_point (mirror, "camper", new_stage_id);
  if (point == NULL)
    fail (f, "the new stage has no curve point for the camper");
  emotion_lane = lane_of_kind (mirror, WM_LANE_EMOTION);
  g_assert_true (wm_layout_get_item_rect (layout, G_OBJECT (point), &rect));
  center (&rect, &x, &y);
  target_y = wm_layout_value_to_y (layout, emotion_lane, 2.5);
  move_to (f, window, x, y);
  pump (f, 100);
  xdo (f, "mousedown", "1", NULL);
  pump (f, 100);
  for (int i = 1; i <= 8; i++)
    {
      move_to (f, window, x, y + (target_y - y) * i / 8.0);
      pump (f, 40);
    }
  pump (f, 200);
  screenshot (f, "curve-drag");
  xdo (f, "mouseup", "1", NULL);
  pump (f, 300);
  screenshot (f, "curve-dragged");

  /* The autosave draft shows what the app holds: first the drag ... */
  needle_dragged = g_strdup_printf ("<point stage=\"%s\" value=\"2.5\"/>", new_stage_id);
  needle_undone = g_strdup_printf ("<point stage=\"%s\" value=\"0\"/>", new_stage_id);
  wait_draft_contains (f, needle_dragged);

  step (f, "undo (Ctrl+Z): the point is back at 0 (seen in the next autosave draft)");
  xdo (f, "key", "ctrl+z", NULL);
  pump (f, 300);
  screenshot (f, "undone");
  wait_draft_contains (f, needle_undone);

  step (f, "redo (Ctrl+Shift+Z)");
  xdo (f, "key", "ctrl+shift+z", NULL);
  pump (f, 300);
  screenshot (f, "redone");

  step (f, "save (Ctrl+S) through the file chooser");
  xdo (f, "key", "ctrl+s", NULL);
  dialog = wait_window (f, "^Save Map As$");
  focus (f, dialog);
  pump (f, 500);
  screenshot (f, "save-dialog");
  xdo (f, "key", "ctrl+a", NULL);
  xdo (f, "type", "--delay", "10", out_path, NULL);
  pump (f, 200);
  xdo (f, "key", "Return", NULL);
  wait_file_contains (f, out_path, "</map>");
  wait_no_window (f, "^Save Map As$");
  pump (f, 300);
  screenshot (f, "saved");

  step (f, "check the saved file");
  out_file = g_file_new_for_path (out_path);
  if (!wm_validate_file (out_file, messages, &error))
    {
      g_autofree char *all = (g_ptr_array_add (messages, NULL),
                              g_strjoinv ("\n", (char **) messages->pdata));
      fail (f, "the saved file does not validate:\n%s", all);
    }
  saved = wm_reader_load_file (out_file, &error);
  if (saved == NULL)
    fail (f, "the saved file does not load: %s", error->message);

  if (n_items (wm_document_get_stages (saved)) != n_template_stages + 1)
    fail (f, "%u stages saved, expected %u", n_items (wm_document_get_stages (saved)),
          n_template_stages + 1);
  stage = item_at (wm_document_get_stages (saved), n_template_stages);
  if (g_strcmp0 (wm_stage_get_title (stage), STAGE_TITLE) != 0)
    fail (f, "the new stage is called \"%s\", expected \"%s\"", wm_stage_get_title (stage), STAGE_TITLE);

  lanes = wm_document_get_lanes (saved);
  for (guint i = 0; i < n_items (lanes); i++)
    {
      GListStore *cards = wm_lane_get_cards (item_at (lanes, i));

      for (guint j = 0; j < n_items (cards); j++)
        {
          WmCard *card = item_at (cards, j);
          const char *text = wm_card_get_text (card);

          if (text && strstr (text, CARD_LATIN) && strstr (text, CARD_CHINESE))
            {
              found_card = TRUE;
              if ((int) i != actions_lane ||
                  g_strcmp0 (wm_card_get_stage (card), wm_item_get_id (WM_ITEM (stage))) != 0)
                fail (f, "the card is in lane %u stage %s, expected lane %d stage %s", i,
                      wm_card_get_stage (card), actions_lane, wm_item_get_id (WM_ITEM (stage)));
            }
        }
    }
  if (!found_card)
    fail (f, "no card holds both \"%s\" and \"%s\"", CARD_LATIN, CARD_CHINESE);

  point = find_point (saved, "camper", wm_item_get_id (WM_ITEM (stage)));
  if (point == NULL)
    fail (f, "no camper curve point in the new stage");
  if (fabs (wm_curve_point_get_value (point) - 2.5) > 1e-9)
    fail (f, "the dragged point is at %g, expected 2.5 (after undo and redo)",
          wm_curve_point_get_value (point));
  check_app_stderr (f);
}

/* /Waymark/Smoke/crash-recovery */

static void
test_crash_recovery (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(WmDocument) mirror = load_template ("camping.waymark");
  g_autoptr(WmLayout) layout = wm_layout_new (mirror, WM_THEME_LIGHT);
  g_autofree char *template = g_build_filename (g_getenv ("WAYMARK_DATADIR"), "templates",
                                                "en", "camping.waymark", NULL);
  g_autofree char *path = g_build_filename (f->tmp_dir, "camp.waymark", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gulong window;
  const guint n_cycles = 3;

  g_file_get_contents (template, &contents, NULL, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  step (f, "open a copy of the camping map");
  start_app (f, path);
  window = wait_window (f, "camping trip");
  focus (f, window);
  wait_geometry (f);
  fit_map (f);
  screenshot (f, "opened");

  for (guint cycle = 0; cycle < n_cycles; cycle++)
    {
      g_autofree char *title = g_strdup_printf ("Renamed %u after a crash", cycle + 1);
      g_autofree char *name = NULL;
      cairo_rectangle_t rect;
      double x, y;
      gulong recover;
      gint64 edited;

      name = g_strdup_printf ("cycle %u: rename stage %u by double-click and typing", cycle + 1, cycle + 1);
      step (f, name);
      g_assert_true (wm_layout_get_stage_header_rect (layout, cycle, &rect));
      center (&rect, &x, &y);
      click_at (f, window, x, y, "1", "2");
      pump (f, 200);
      xdo (f, "key", "ctrl+a", NULL);
      xdo (f, "type", "--delay", "15", title, NULL);
      xdo (f, "key", "Return", NULL);
      edited = g_get_monotonic_time ();
      apply (mirror, wm_edit_set (item_at (wm_document_get_stages (mirror), cycle), "title", title, NULL));
      wm_layout_update (layout);
      pump (f, 200);
      screenshot (f, "edited");

      step (f, "wait 4.5 s after the edit, then kill -9");
      while (g_get_monotonic_time () - edited < 4500 * 1000)
        pump (f, 50);
      if (!child_alive (f->pid))
        fail (f, "the app is gone before it was killed");
      kill (f->pid, SIGKILL);
      waitpid (f->pid, NULL, 0);
      f->pid = 0;

      step (f, "start again: the recovery question");
      start_app (f, NULL);
      recover = wait_window (f, "^Recover Unsaved Maps\\?$");
      focus (f, recover);
      pump (f, 300);
      screenshot (f, "recover-question");

      step (f, "Restore (Enter, the default)");
      xdo (f, "key", "Return", NULL);
      wait_no_window (f, "^Recover Unsaved Maps\\?$");
      window = wait_window (f, "camping trip");
      focus (f, window);
      wait_geometry (f);
      fit_map (f);
      screenshot (f, "restored");

      step (f, "save the restored map (Ctrl+S writes the original file)");
      /* Not saved yet: the kill must have lost nothing on its own. */
      if (file_contains (path, title))
        fail (f, "%s already holds the edit before saving", path);
      xdo (f, "key", "ctrl+s", NULL);
      wait_file_contains (f, path, title);
      pump (f, 200);

      /* Every earlier edit came through the earlier crashes too. */
      for (guint i = 0; i < cycle; i++)
        {
          g_autofree char *earlier = g_strdup_printf ("Renamed %u after a crash", i + 1);

          if (!file_contains (path, earlier))
            fail (f, "the edit of cycle %u is lost", i + 1);
        }
    }

  step (f, "the saved file validates");
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);

    if (!wm_validate_file (file, messages, &error))
      fail (f, "%s does not validate: %s", path, error->message);
  }
  check_app_stderr (f);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("DISPLAY") == NULL || *g_getenv ("DISPLAY") == '\0')
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  if (xdotool == NULL)
    {
      g_print ("1..0 # SKIP no xdotool\n");
      return 0;
    }
  if (g_getenv ("WAYMARK_BIN") == NULL || g_getenv ("WAYMARK_DATADIR") == NULL)
    {
      g_print ("1..0 # SKIP WAYMARK_BIN and WAYMARK_DATADIR are not set (run through meson test)\n");
      return 0;
    }
  gtk_init ();
  signal (SIGABRT, fatal_signal_cb);
  signal (SIGTRAP, fatal_signal_cb);
  signal (SIGTERM, fatal_signal_cb);
  signal (SIGINT, fatal_signal_cb);

  g_test_add ("/Waymark/Smoke/main-path", Fixture, NULL,
              fixture_setup, test_main_path, fixture_teardown);
  g_test_add ("/Waymark/Smoke/crash-recovery", Fixture, NULL,
              fixture_setup, test_crash_recovery, fixture_teardown);
  return g_test_run ();
}
