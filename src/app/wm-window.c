/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wm-ui-text.h"
#include "wm-window-private.h"

G_DEFINE_FINAL_TYPE (WmWindow, wm_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_FILE,
  PROP_MODIFIED,
  PROP_CHANGED_ON_DISK,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define RECENT_MAX 10

/* Titles and modified state */

char *
wm_window_dup_display_name (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return wm_map_file_dup_display_name (self->map_file);
}

static char *
dup_subtitle (WmWindow *self)
{
  GFile *file = wm_map_file_get_file (self->map_file);
  g_autofree char *name = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autofree char *folder = NULL;
  const char *home = g_get_home_dir ();

  if (file == NULL)
    return g_strdup (_("Not Saved"));

  name = wm_ui_file_name (file);
  parent = g_file_get_parent (file);
  if (parent == NULL)
    return g_steal_pointer (&name);

  folder = g_file_get_parse_name (parent);
  /* Paths under home read better the way a shell shows them. */
  if (g_str_has_prefix (folder, home) &&
      (folder[strlen (home)] == '/' || folder[strlen (home)] == '\0'))
    {
      char *tilde = g_strconcat ("~", folder + strlen (home), NULL);
      g_free (folder);
      folder = tilde;
    }
  return g_strdup_printf ("%s — %s", name, folder);
}

static void
update_title (WmWindow *self)
{
  g_autofree char *name = wm_window_dup_display_name (self);
  g_autofree char *subtitle = dup_subtitle (self);
  g_autofree char *title = NULL;
  g_autofree char *window_title = NULL;

  if (wm_window_get_modified (self))
    title = g_strdup_printf ("• %s", name);
  else
    title = g_strdup (name);

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  window_title = g_strdup_printf ("%s — %s", title, _("Waymark"));
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

gboolean
wm_window_get_modified (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);
  return wm_map_file_get_modified (self->map_file);
}

static void
map_file_changed_cb (WmWindow *self)
{
  update_title (self);
  _wm_window_update_actions (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
map_file_modified_cb (WmWindow *self)
{
  update_title (self);
  _wm_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/* Undo labels and the like. */
static void
history_notify_cb (WmWindow *self)
{
  update_title (self);
  _wm_window_update_actions (self);
}

/* The views follow the map file's history: a load brings a new one. */
static void
map_file_history_cb (WmWindow *self)
{
  WmHistory *history = wm_map_file_get_history (self->map_file);

  if (self->history != NULL)
    g_signal_handlers_disconnect_by_func (self->history, history_notify_cb, self);
  g_set_object (&self->history, history);
  _wm_window_end_compare (self);
  g_set_object (&self->document, wm_history_get_document (history));
  g_signal_connect_object (history, "notify", G_CALLBACK (history_notify_cb), self,
                           G_CONNECT_SWAPPED);

  wm_canvas_set_selection (self->canvas, NULL);
  wm_canvas_set_history (self->canvas, history);
  wm_inspector_set_history (self->inspector, history);
  wm_outline_set_history (self->outline, history);
  wm_search_bar_set_document (self->search_bar, self->document);
  wm_conflict_bar_set_document (self->conflict_bar, self->document);
  wm_canvas_set_search (self->canvas, wm_search_bar_get_open (self->search_bar)
                                        ? wm_search_bar_get_search (self->search_bar) : NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
  update_title (self);
  _wm_window_sync_repairs (self);
  _wm_window_update_actions (self);
}

static void
map_file_file_cb (WmWindow *self)
{
  update_title (self);
  _wm_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

static void
map_file_disk_cb (WmWindow *self)
{
  gboolean changed = wm_map_file_get_changed_on_disk (self->map_file);

  if (changed)
    gtk_label_set_label (self->disk_label, wm_map_file_get_disk_message (self->map_file));
  gtk_info_bar_set_revealed (self->disk_bar, changed);
  _wm_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGED_ON_DISK]);
}

/* Drafts that cannot be written: a bar says why, with a Retry button. */
static void
draft_problem_cb (WmWindow *self)
{
  const char *message = wm_draft_get_problem (wm_map_file_get_draft (self->map_file));

  if (message != NULL)
    gtk_label_set_label (self->draft_label, message);
  gtk_info_bar_set_revealed (self->draft_bar, message != NULL);
}

static void
connect_map_file (WmWindow *self)
{
  const struct { const char *signal; GCallback callback; } handlers[] = {
    { "changed", G_CALLBACK (map_file_changed_cb) },
    { "notify::modified", G_CALLBACK (map_file_modified_cb) },
    { "notify::history", G_CALLBACK (map_file_history_cb) },
    { "notify::file", G_CALLBACK (map_file_file_cb) },
    { "notify::changed-on-disk", G_CALLBACK (map_file_disk_cb) },
    { "notify::saving", G_CALLBACK (_wm_window_update_actions) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (handlers); i++)
    g_signal_connect_object (self->map_file, handlers[i].signal, handlers[i].callback,
                             self, G_CONNECT_SWAPPED);
  g_signal_connect_object (wm_map_file_get_draft (self->map_file), "notify::problem",
                           G_CALLBACK (draft_problem_cb), self, G_CONNECT_SWAPPED);
  map_file_history_cb (self);
}

WmMapFile *
wm_window_get_map_file (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->map_file;
}

/* The outline takes the canvas's place beside the inspector: a list of
 * everything, for the keyboard and screen readers. The zoom buttons have
 * nothing to zoom then. */
static void
outline_button_cb (WmWindow *self)
{
  gboolean shown = gtk_toggle_button_get_active (self->outline_button);

  wm_canvas_stop_editing (self->canvas);
  wm_outline_stop_editing (self->outline);
  gtk_stack_set_visible_child_name (self->view_stack, shown ? "outline" : "map");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->outline_button),
                               shown ? _("Show the Map (Ctrl+L)") : _("Show Outline (Ctrl+L)"));
  _wm_window_update_actions (self);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "loading") != 0)
    gtk_widget_grab_focus (shown ? GTK_WIDGET (self->outline) : GTK_WIDGET (self->canvas));
}

gboolean
_wm_window_get_outline_shown (WmWindow *self)
{
  return gtk_toggle_button_get_active (self->outline_button);
}

/* Loading */


static void
show_loading (WmWindow *self,
              GFile    *file)
{
  g_autofree char *name = wm_ui_file_name (file);
  g_autofree char *text = g_strdup_printf (_("Opening “%s”…"), name);

  gtk_label_set_label (self->loading_label, text);
  gtk_spinner_start (self->loading_spinner);
  /* At once: the empty map it replaces must not fade through. */
  gtk_stack_set_visible_child_full (self->content_stack, "loading", GTK_STACK_TRANSITION_TYPE_NONE);
  adw_window_title_set_title (self->window_title, name);
  adw_window_title_set_subtitle (self->window_title, _("Opening…"));
}

static void
focus_view (WmWindow *self)
{
  gtk_widget_grab_focus (_wm_window_get_outline_shown (self) ? GTK_WIDGET (self->outline)
                                                             : GTK_WIDGET (self->canvas));
}

static void
hide_loading (WmWindow *self)
{
  gtk_spinner_stop (self->loading_spinner);
  gtk_stack_set_visible_child_name (self->content_stack, "map");
  update_title (self);
  /* The spinner page held no focus: give the keys to the map again. */
  focus_view (self);
}

/* A map just opened (not reloaded) is shown as wide as it reads well. */
static gboolean
opened (WmWindow *self,
        gboolean  ok)
{
  if (ok)
    wm_canvas_zoom_readable (self->canvas);
  return ok;
}

gboolean
wm_window_open_file (WmWindow  *self,
                     GFile     *file,
                     GError   **error)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return opened (self, wm_map_file_load (self->map_file, file, error));
}

typedef struct
{
  WmWindow            *self;
  GAsyncReadyCallback  callback;
  gpointer             user_data;
} OpenRequest;

/* The caller hears from the window, with the map file's result. */
static void
open_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autofree OpenRequest *request = user_data;
  g_autoptr(WmWindow) self = request->self;

  request->callback (G_OBJECT (self), result, request->user_data);
}

static void
open_async (WmWindow            *self,
            GFile               *file,
            gboolean             as_copy,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  OpenRequest *request = g_new0 (OpenRequest, 1);

  request->self = g_object_ref (self);
  request->callback = callback;
  request->user_data = user_data;
  wm_map_file_load_async (self->map_file, file, as_copy, cancellable, open_done_cb, request);
  /* After: the map file taking the file would retitle the window. */
  show_loading (self, file);
}

/* Reads @file in a thread and shows it; the window shows a spinner until
 * then. Finish with wm_window_open_file_finish(). */
void
wm_window_open_file_async (WmWindow            *self,
                           GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (WM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  open_async (self, file, FALSE, cancellable, callback, user_data);
}

/* As wm_window_open_file_async(), but the map becomes a new, untitled
 * one: saving asks for a name and never writes @file (a template). */
void
wm_window_open_copy_async (WmWindow            *self,
                           GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (WM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  open_async (self, file, TRUE, cancellable, callback, user_data);
}

gboolean
wm_window_open_file_finish (WmWindow      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);

  hide_loading (self);
  return opened (self, wm_map_file_load_finish (self->map_file, result, error));
}

gboolean
wm_window_reload (WmWindow  *self,
                  GError   **error)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);
  return wm_map_file_reload (self->map_file, error);
}

gboolean
wm_window_load_template (WmWindow    *self,
                         const char  *name,
                         GError     **error)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);
  return opened (self, wm_map_file_load_template (self->map_file, name, error));
}

gboolean
wm_window_load_draft (WmWindow    *self,
                      GFile       *draft,
                      GFile       *original,
                      const char  *draft_id,
                      GError     **error)
{
  return wm_window_load_draft_full (self, draft, original, draft_id, NULL, error);
}

gboolean
wm_window_load_draft_full (WmWindow    *self,
                           GFile       *draft,
                           GFile       *original,
                           const char  *draft_id,
                           const char  *base_etag,
                           GError     **error)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (draft), FALSE);

  if (!opened (self, wm_map_file_restore_draft (self->map_file, draft, original,
                                               draft_id, base_etag, error)))
    return FALSE;
  _wm_window_sync_repairs (self);
  return TRUE;
}

gboolean
wm_window_load_repaired (WmWindow    *self,
                         GFile       *file,
                         GPtrArray   *problems,
                         GPtrArray   *repairs,
                         GError     **error)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);
  if (!opened (self, wm_map_file_load_repaired (self->map_file, file, problems, repairs, error)))
    return FALSE;
  _wm_window_sync_repairs (self);
  return TRUE;
}

const char *
wm_window_get_file_etag (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return wm_map_file_get_etag (self->map_file);
}

/* Drafts */

const char *
wm_window_get_draft_problem (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);

  if (!gtk_info_bar_get_revealed (self->draft_bar))
    return NULL;
  return gtk_label_get_label (self->draft_label);
}

static void
draft_retry_clicked_cb (WmWindow *self)
{
  wm_draft_retry (wm_map_file_get_draft (self->map_file));
}

/* Recent files */

static void
update_recent_menu (WmWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  g_autoptr(GPtrArray) maps = g_ptr_array_new ();

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);

      if (g_str_has_suffix (uri, ".waymark") && gtk_recent_info_exists (info))
        g_ptr_array_add (maps, info);
    }

  /* Most recently used first. */
  for (guint i = 1; i < maps->len; i++)
    for (guint j = i; j > 0; j--)
      {
        GDateTime *a = gtk_recent_info_get_modified (maps->pdata[j - 1]);
        GDateTime *b = gtk_recent_info_get_modified (maps->pdata[j]);
        gpointer tmp;

        if (g_date_time_compare (a, b) >= 0)
          break;
        tmp = maps->pdata[j - 1];
        maps->pdata[j - 1] = maps->pdata[j];
        maps->pdata[j] = tmp;
      }

  g_menu_remove_all (self->recent_menu);
  if (maps->len == 0)
    {
      /* No action: shown greyed out, which is the point. */
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Maps"), "win.no-recent-maps");
      g_menu_append_item (self->recent_menu, item);
    }
  for (guint i = 0; i < maps->len && i < RECENT_MAX; i++)
    {
      GtkRecentInfo *info = maps->pdata[i];
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = wm_ui_mnemonic_safe (gtk_recent_info_get_display_name (info));

      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "app.open-uri", "s",
                                         gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_menu, item);
    }

  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* Zoom */

static void
canvas_zoom_cb (WmWindow   *self,
                GParamSpec *pspec,
                WmCanvas   *canvas)
{
  g_autofree char *label = g_strdup_printf ("%.0f%%", 100.0 * wm_canvas_get_zoom (canvas));

  gtk_button_set_label (self->zoom_button, label);
  _wm_window_update_actions (self);
}

/* Dropping .waymark files from the file manager opens them. */
static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         WmWindow      *self)
{
  GSList *files;
  gboolean opened = FALSE;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_value_get_boxed (value);
  for (GSList *l = files; l; l = l->next)
    {
      g_autofree char *uri = g_file_get_uri (l->data);

      if (g_str_has_suffix (uri, ".waymark"))
        opened |= gtk_widget_activate_action (GTK_WIDGET (self), "app.open-uri", "s", uri);
    }
  return opened;
}

static void
add_drop_target (WmWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

/* GObject */
WmDocument *
wm_window_get_document (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->document;
}

WmHistory *
wm_window_get_history (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->history;
}

WmCanvas *
wm_window_get_canvas (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->canvas;
}

WmInspector *
wm_window_get_inspector (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->inspector;
}

WmOutline *
wm_window_get_outline (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->outline;
}

GFile *
wm_window_get_file (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return wm_map_file_get_file (self->map_file);
}

gboolean
wm_window_get_changed_on_disk (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);
  return wm_map_file_get_changed_on_disk (self->map_file);
}

const char *
wm_window_get_draft_id (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return wm_map_file_get_draft_id (self->map_file);
}

void
wm_window_add_toast (WmWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (WM_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
wm_window_dispose (GObject *object)
{
  WmWindow *self = WM_WINDOW (object);

  g_signal_handlers_disconnect_by_data (gtk_recent_manager_get_default (), self);
  if (self->map_file != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->map_file, self);
      g_signal_handlers_disconnect_by_data (wm_map_file_get_draft (self->map_file), self);
      /* A window goes away after Save or Discard: either way its draft is
       * no longer wanted. A crash never gets here. */
      wm_map_file_close (self->map_file);
    }
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_WINDOW);

  g_clear_object (&self->history);
  g_clear_object (&self->document);
  g_clear_object (&self->settings);
  g_clear_object (&self->find_current);
  g_clear_object (&self->compare);

  G_OBJECT_CLASS (wm_window_parent_class)->dispose (object);
}

/* The map file outlives dispose: "destroy" handlers still ask for its
 * file and draft id. */
static void
wm_window_finalize (GObject *object)
{
  WmWindow *self = WM_WINDOW (object);

  g_clear_object (&self->map_file);

  G_OBJECT_CLASS (wm_window_parent_class)->finalize (object);
}

static void
wm_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  WmWindow *self = WM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_FILE:
      g_value_set_object (value, wm_window_get_file (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, wm_window_get_modified (self));
      break;
    case PROP_CHANGED_ON_DISK:
      g_value_set_boolean (value, wm_window_get_changed_on_disk (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
wm_window_close_request (GtkWindow *window)
{
  if (_wm_window_ask_before_close (WM_WINDOW (window)))
    return TRUE;
  return GTK_WINDOW_CLASS (wm_window_parent_class)->close_request (window);
}

static void
wm_window_class_init (WmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = wm_window_dispose;
  object_class->finalize = wm_window_finalize;
  object_class->get_property = wm_window_get_property;
  window_class->close_request = wm_window_close_request;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, WM_TYPE_HISTORY,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CHANGED_ON_DISK] =
    g_param_spec_boolean ("changed-on-disk", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/waymark/Waymark/wm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, scroller);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, inspector_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, outline_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, outline);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, conflict_bar);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, disk_bar);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, disk_label);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, draft_bar);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, draft_label);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, draft_retry_button);
  gtk_widget_class_bind_template_callback (widget_class, draft_retry_clicked_cb);
  _wm_window_class_repair_init (klass);

  _wm_window_class_actions_init (klass);
  _wm_window_class_compare_init (klass);

  g_type_ensure (WM_TYPE_CANVAS);
  g_type_ensure (WM_TYPE_INSPECTOR);
  g_type_ensure (WM_TYPE_OUTLINE);
  g_type_ensure (WM_TYPE_SEARCH_BAR);
  g_type_ensure (WM_TYPE_CONFLICT_BAR);
}

static void
wm_window_init (WmWindow *self)
{
  /* First: the template's widgets ask for the actions' state. */
  self->map_file = wm_map_file_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  /* libadwaita stripes a development build's header bar. */
  if (WM_DEVELOPMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
  gtk_stack_set_visible_child_name (self->content_stack, "map");
  gtk_stack_set_visible_child_name (self->view_stack, "map");
  /* Keys go to the map from the start, not to the first header button. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->canvas));
  g_signal_connect_object (self->outline_button, "notify::active",
                           G_CALLBACK (outline_button_cb), self,
                           G_CONNECT_SWAPPED);
  _wm_window_find_init (self);
  _wm_window_conflicts_init (self);

  self->settings = g_settings_new (APP_ID);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_object (self->canvas, "notify::zoom",
                           G_CALLBACK (canvas_zoom_cb), self,
                           G_CONNECT_SWAPPED);
  canvas_zoom_cb (self, NULL, self->canvas);

  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (update_recent_menu), self,
                           G_CONNECT_SWAPPED);
  update_recent_menu (self);

  add_drop_target (self);

#ifdef DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  connect_map_file (self);
}

WmWindow *
wm_window_new (GtkApplication *application)
{
  return g_object_new (WM_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

WmWindow *
wm_window_new_from_template (GtkApplication  *application,
                             const char      *name,
                             GError         **error)
{
  /* Like gtk_window_new(), the window belongs to GTK's list of toplevels. */
  WmWindow *self = wm_window_new (application);

  if (!wm_window_load_template (self, name, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  return self;
}
