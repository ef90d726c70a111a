/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "wm-application.h"
#include "wm-preferences-window.h"
#include "wm-map-text.h"
#include "wm-recovery.h"
#include "wm-repair.h"
#include "wm-save-changes-dialog.h"
#include "wm-template-chooser.h"
#include "wm-tooltip.h"
#include "wm-ui-text.h"

struct _WmApplication
{
  AdwApplication  parent_instance;

  WmSession      *session;
  /* Drafts a crash left, until the user answers the recovery question. */
  GPtrArray      *recoverable;
  guint           recovery_asked : 1;
};

G_DEFINE_FINAL_TYPE (WmApplication, wm_application, ADW_TYPE_APPLICATION)

WmSession *
wm_application_get_session (WmApplication *self)
{
  g_return_val_if_fail (WM_IS_APPLICATION (self), NULL);
  return self->session;
}

static GtkWindow *
active_window (WmApplication *self)
{
  return gtk_application_get_active_window (GTK_APPLICATION (self));
}

static void
show_error (WmApplication *self,
            const char    *heading,
            const GError  *error)
{
  GtkWidget *dialog;

  /* `waymark broken.waymark` with nothing open yet: the chooser gives the
   * error a parent and the user a way on. */
  if (active_window (self) == NULL)
    wm_application_show_template_chooser (self);

  dialog = adw_message_dialog_new (active_window (self), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_window (WmApplication *self,
            WmWindow      *window)
{
  wm_session_add_document (self->session, wm_window_get_map_file (window));
  gtk_window_present (GTK_WINDOW (window));
}

static WmWindow *
find_window_for_file (WmApplication *self,
                      GFile         *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      GFile *window_file;

      if (!WM_IS_WINDOW (l->data))
        continue;
      window_file = wm_window_get_file (l->data);
      if (window_file != NULL && g_file_equal (window_file, file))
        return l->data;
    }
  return NULL;
}

typedef struct
{
  WmApplication *self;
  GFile         *file;
} OpenRequest;

static OpenRequest *
open_request_new (WmApplication *self,
                  GFile         *file)
{
  OpenRequest *request = g_new0 (OpenRequest, 1);

  request->self = g_object_ref (self);
  request->file = g_object_ref (file);
  return request;
}

static void
open_request_free (OpenRequest *request)
{
  g_object_unref (request->self);
  g_object_unref (request->file);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenRequest, open_request_free)

/* The most problems the repair dialog lists before "and N more". */
#define MAX_LISTED_PROBLEMS 100

static void
repair_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    WmWindow         *window)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "file");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "repair") == 0 &&
      wm_window_load_repaired (window, file, NULL, NULL, &error))
    return;

  /* The dialog closes after this handler: it must not hold on to the
   * window destroyed below. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);

  if (error != NULL)
    {
      GtkWidget *failed = adw_message_dialog_new (NULL, _("Could Not Repair the Map"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (failed), "close", _("_Close"));
      gtk_window_set_application (GTK_WINDOW (failed), gtk_window_get_application (GTK_WINDOW (window)));
      gtk_window_present (GTK_WINDOW (failed));
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* "PATH:14: stage “x” is not defined" as "Line 14: stage “x” is not
 * defined": the dialog already names the file. */
static char *
problem_text (const char *problem,
              const char *path)
{
  gsize n = path != NULL ? strlen (path) : 0;
  const char *line, *colon;

  if (n == 0 || strncmp (problem, path, n) != 0 || problem[n] != ':')
    return wm_ui_text (problem);
  line = problem + n + 1;
  colon = strchr (line, ':');
  if (colon == NULL || colon == line || strspn (line, "0123456789") != (gsize) (colon - line))
    return wm_ui_text (problem);
  {
    g_autofree char *number = g_strndup (line, colon - line);
    g_autofree char *text = g_strdup_printf (_("Line %s: %s"), number, g_strchug ((char *) colon + 1));

    return wm_ui_text (text);
  }
}

/* A map that breaks the rules by what it says (a card on a stage that is
 * not defined, severity 9…) is offered repaired: every problem listed,
 * the repair shown modified and written only when the user saves. FALSE
 * when there is nothing a repair could mend. */
static gboolean
offer_repair (WmWindow *window,
              GFile    *file)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) repairs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(WmDocument) repaired = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *shown = wm_ui_text (name);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog, *label, *scroller;
  GString *list;

  repaired = wm_repair_load_file (file, problems, repairs, NULL);
  if (repaired == NULL || problems->len == 0)
    return FALSE;

  heading = g_strdup_printf (_("“%s” Has Problems"), shown);
  list = g_string_new (NULL);
  for (guint i = 0; i < MIN (problems->len, MAX_LISTED_PROBLEMS); i++)
    {
      g_autofree char *line = problem_text (g_ptr_array_index (problems, i), g_file_peek_path (file));

      g_string_append_printf (list, "%s• %s", i > 0 ? "\n" : "", line);
    }
  if (problems->len > MAX_LISTED_PROBLEMS)
    {
      g_string_append_c (list, '\n');
      g_string_append_printf (list, ngettext ("… and %u more problem", "… and %u more problems",
                                              problems->len - MAX_LISTED_PROBLEMS),
                              problems->len - MAX_LISTED_PROBLEMS);
    }

  /* Say what Open and Repair does, so nothing looks lost: the stage's
   * name as the map will show it, in the map's language. */
  body = g_strdup_printf (_("Open and Repair puts items whose stage or persona is not defined on a "
                            "new stage, “%s”, at the end of the map where you can see them, and "
                            "brings values out of range back into range. Each repair is listed and "
                            "can be undone; the file itself changes only when you save it."),
                          wm_map_label (wm_map_lang_of (repaired), WM_LABEL_UNPLACED));
  dialog = adw_message_dialog_new (GTK_WINDOW (window), heading, body);
  /* A scrolling list: a hundred problems must not push the buttons off
   * a small screen. */
  label = gtk_label_new (list->str);
  g_string_free (list, TRUE);
  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "problem-list");
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "repair", _("_Open and Repair"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "repair",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "repair");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (repair_response_cb), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
open_file_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(OpenRequest) request = user_data;
  WmWindow *window = WM_WINDOW (object);
  g_autoptr(GError) error = NULL;

  if (!wm_window_open_file_finish (window, result, &error))
    {
      g_autofree char *name = wm_ui_file_name (request->file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      if (wm_repair_error_is_repairable (error) && offer_repair (window, request->file))
        return;
      gtk_window_destroy (GTK_WINDOW (window));
      show_error (request->self, heading, error);
    }
}

static gboolean
file_in_dir (GFile      *file,
             const char *dir)
{
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autofree char *real_dir = realpath (dir, NULL);
  g_autofree char *real_file = g_file_peek_path (file) ? realpath (g_file_peek_path (file), NULL) : NULL;

  if (g_file_has_prefix (file, folder))
    return TRUE;
  /* Through a link or "..": where it really is counts. */
  if (real_dir == NULL || real_file == NULL)
    return FALSE;
  return g_str_has_prefix (real_file, real_dir) && real_file[strlen (real_dir)] == '/';
}

/* The maps shipped with the app: the source tree's (`make run`), the
 * installed ones and the tests' copy. */
static gboolean
is_shipped_template (GFile *file)
{
  const char *datadir = g_getenv ("WAYMARK_DATADIR");
  const char *dirs[] = { SRCDATADIR, PKGDATADIR, datadir };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *templates = NULL;

      if (dirs[i] == NULL)
        continue;
      templates = g_build_filename (dirs[i], "templates", NULL);
      if (file_in_dir (file, templates))
        return TRUE;
    }
  return FALSE;
}

/* A new, untitled map with @file's content: saving asks for a name, so
 * a template is never written over. */
WmWindow *
wm_application_open_copy (WmApplication *self,
                          GFile         *file)
{
  WmWindow *window;

  g_return_val_if_fail (WM_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  window = wm_window_new (GTK_APPLICATION (self));
  add_window (self, window);
  wm_window_open_copy_async (window, file, NULL, open_file_cb, open_request_new (self, file));
  return window;
}

/* The window appears at once with a spinner; a big map is read in a thread. */
WmWindow *
wm_application_open_file (WmApplication *self,
                          GFile         *file)
{
  WmWindow *window;

  g_return_val_if_fail (WM_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (is_shipped_template (file))
    return wm_application_open_copy (self, file);

  window = find_window_for_file (self, file);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return window;
    }

  window = wm_window_new (GTK_APPLICATION (self));
  add_window (self, window);
  wm_window_open_file_async (window, file, NULL, open_file_cb, open_request_new (self, file));
  return window;
}

WmWindow *
wm_application_new_from_template (WmApplication *self,
                                  const char    *name)
{
  g_autoptr(GError) error = NULL;
  WmWindow *window;

  g_return_val_if_fail (WM_IS_APPLICATION (self), NULL);

  window = wm_window_new_from_template (GTK_APPLICATION (self), name, &error);
  if (window == NULL)
    {
      show_error (self, _("Could Not Create the Map"), error);
      return NULL;
    }
  add_window (self, window);
  return window;
}

/* Open… */

static void
open_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  WmApplication   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          wm_application_open_file (self, file);
        }
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_application_release (G_APPLICATION (self));
}

static void
show_open_chooser (WmApplication *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = wm_window_map_filter ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *last_folder = g_settings_get_string (settings, "last-folder");

  chooser = gtk_file_chooser_native_new (_("Open Map"), active_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (*last_folder != '\0')
    {
      g_autoptr(GFile) folder = g_file_new_for_path (last_folder);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }

  /* A native chooser is no GtkWindow: hold the application while it is up,
   * in case it is the only thing on screen. */
  g_application_hold (G_APPLICATION (self));
  g_signal_connect (chooser, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The template chooser */

static void
template_chosen_cb (WmTemplateChooser *chooser,
                    const char        *name,
                    WmApplication     *self)
{
  wm_application_new_from_template (self, name);
}

static void
chooser_open_file_cb (WmTemplateChooser *chooser,
                      WmApplication     *self)
{
  show_open_chooser (self);
}

void
wm_application_show_template_chooser (WmApplication *self)
{
  GtkWidget *chooser;
  GtkWindow *parent = active_window (self);

  g_return_if_fail (WM_IS_APPLICATION (self));

  /* One chooser at a time: Ctrl+N twice brings the first one back. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (WM_IS_TEMPLATE_CHOOSER (l->data))
      {
        gtk_window_present (l->data);
        return;
      }

  chooser = wm_template_chooser_new ();

  /* Over a map it is a dialog; at start-up it is the app's first window. */
  if (WM_IS_WINDOW (parent))
    {
      gtk_window_set_transient_for (GTK_WINDOW (chooser), parent);
      gtk_window_set_modal (GTK_WINDOW (chooser), TRUE);
    }
  gtk_window_set_application (GTK_WINDOW (chooser), GTK_APPLICATION (self));
  g_signal_connect_object (chooser, "template-chosen", G_CALLBACK (template_chosen_cb), self, 0);
  g_signal_connect_object (chooser, "open-file", G_CALLBACK (chooser_open_file_cb), self, 0);
  gtk_window_present (GTK_WINDOW (chooser));
}

static gboolean
has_map_windows (WmApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (WM_IS_WINDOW (l->data))
      return TRUE;
  return FALSE;
}

/* Crash recovery */

/* The chooser shown at start-up is moot once maps were restored. */
static void
close_template_choosers (WmApplication *self,
                         GtkWindow     *except)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  for (GList *l = windows; l; l = l->next)
    if (WM_IS_TEMPLATE_CHOOSER (l->data) && l->data != (gpointer) except)
      gtk_window_destroy (l->data);
}

static void
show_recovery_failures (WmApplication *self,
                        guint          n_failed,
                        const GError  *first,
                        const char    *drafts_dir)
{
  g_autofree char *heading = NULL;
  g_autofree char *folder = g_filename_display_name (drafts_dir);
  g_autoptr(GError) error = NULL;

  heading = g_strdup_printf (ngettext ("Could Not Recover a Map",
                                       "Could Not Recover %u Maps",
                                       n_failed), n_failed);
  /* The draft is kept: a later version may read it, and the user can
   * look at it. */
  error = g_error_new (first->domain, first->code,
                       _("%s\n\nThe draft is kept in “%s” and offered again next time."),
                       first->message, folder);
  show_error (self, heading, error);
}

/* Into the window that shows the draft's file, if one does: one window
 * per file, the draft's changes one undo step over the version on disk. */
static gboolean
restore_draft (WmApplication   *self,
               WmSessionDraft  *draft,
               GError         **error)
{
  WmWindow *window = draft->original ? find_window_for_file (self, draft->original) : NULL;

  if (window == NULL)
    {
      window = wm_window_new (GTK_APPLICATION (self));
      if (!wm_window_load_draft_full (window, draft->draft, draft->original, draft->draft_id,
                                      draft->base_etag, error))
        {
          gtk_window_destroy (GTK_WINDOW (window));
          return FALSE;
        }
      add_window (self, window);
      return TRUE;
    }

  /* Its map file adopts the draft; its own draft goes. */
  if (!wm_window_load_draft_full (window, draft->draft, draft->original, draft->draft_id,
                                  draft->base_etag, error))
    return FALSE;
  gtk_window_present (GTK_WINDOW (window));
  return TRUE;
}

/* Restores what can be read; a draft the reader refuses stays listed. */
static void
restore_drafts (WmApplication *self)
{
  g_autoptr(GPtrArray) drafts = g_ptr_array_copy (self->recoverable, NULL, NULL);
  g_autoptr(GPtrArray) restored = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) first = NULL;
  g_autofree char *drafts_dir = NULL;
  guint n_failed = 0;

  /* A view: the session owns the drafts and frees them as they are taken. */
  g_ptr_array_set_free_func (drafts, NULL);
  for (guint i = 0; i < drafts->len; i++)
    {
      WmSessionDraft *draft = g_ptr_array_index (drafts, i);
      g_autoptr(GError) error = NULL;

      if (!restore_draft (self, draft, &error))
        {
          if (n_failed++ == 0)
            {
              first = g_steal_pointer (&error);
              drafts_dir = g_file_get_path (draft->draft);
            }
          continue;
        }
      g_ptr_array_add (restored, g_strdup (draft->draft_id));
    }

  for (guint i = 0; i < restored->len; i++)
    wm_session_take_recoverable (self->session, g_ptr_array_index (restored, i));
  if (n_failed > 0)
    {
      g_autofree char *dir = g_path_get_dirname (drafts_dir);
      show_recovery_failures (self, n_failed, first, dir);
    }
}

static void
recovery_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      WmApplication    *self)
{
  if (g_strcmp0 (response, "restore") == 0)
    restore_drafts (self);
  else if (g_strcmp0 (response, "discard") == 0)
    wm_session_discard_recoverable (self->session);
  /* Anything else (closed): ask again next time. */

  /* GTK 4.8 trips over a dialog that outlives its parent. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  if (has_map_windows (self))
    close_template_choosers (self, GTK_WINDOW (dialog));
  else if (gtk_application_get_windows (GTK_APPLICATION (self))->next == NULL)
    wm_application_show_template_chooser (self);
  g_application_release (G_APPLICATION (self));
}

/* TRUE if the question is up; the answer continues start-up. */
static gboolean
maybe_offer_recovery (WmApplication *self)
{
  AdwMessageDialog *dialog;

  if (self->recovery_asked || self->recoverable->len == 0)
    return FALSE;
  self->recovery_asked = TRUE;

  dialog = wm_recovery_dialog_new (active_window (self), self->recoverable,
                                   wm_session_get_n_more (self->session));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_application_hold (G_APPLICATION (self));
  g_signal_connect_object (dialog, "response", G_CALLBACK (recovery_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* Quit */

static void
quit_answered_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(WmApplication) self = user_data;
  g_autoptr(GList) windows = NULL;

  if (!wm_save_changes_dialog_run_finish (result, NULL))
    return;

  /* What was checked is saved; the rest the user let go. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l; l = l->next)
    {
      if (WM_IS_WINDOW (l->data))
        wm_window_close_discarding (l->data);
      else
        gtk_window_destroy (l->data);
    }
  /* The application quits by itself once its last window is gone. */
}

static void
app_quit_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  WmApplication *self = user_data;
  g_autoptr(GPtrArray) modified = g_ptr_array_new ();

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (WM_IS_WINDOW (l->data) && wm_window_get_modified (l->data))
      g_ptr_array_add (modified, l->data);

  if (modified->len == 0)
    {
      g_application_quit (G_APPLICATION (self));
      return;
    }
  wm_save_changes_dialog_run_async (active_window (self), modified, NULL,
                                    quit_answered_cb, g_object_ref (self));
}

/* Other actions */

static void
app_new_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  wm_application_show_template_chooser (user_data);
}

static void
app_new_from_template_action (GSimpleAction *action,
                              GVariant      *param,
                              gpointer       user_data)
{
  wm_application_new_from_template (user_data, g_variant_get_string (param, NULL));
}

static void
app_open_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  show_open_chooser (user_data);
}

static void
app_open_uri_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  wm_application_open_file (user_data, file);
}

static void
app_new_from_uri_action (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  wm_application_open_copy (user_data, file);
}

static void
app_about_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  WmApplication *self = user_data;
  const char *developers[] = { _("The Waymark developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", active_window (self),
                        "modal", TRUE,
                        "application-name", _("Waymark"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Waymark developers"),
                        "developers", developers,
                        "version", VERSION_SHOWN,
                        "comments", _("Draw customer journey maps: stages and lanes, "
                                      "touchpoints and pain points, the emotion curve "
                                      "with its Aha- and micro-moments."),
                        "website", "https://github.com/waymark/waymark",
                        "issue-url", "https://github.com/waymark/waymark/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
app_shortcuts_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  GtkWindow *window = active_window (user_data);

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
app_preferences_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  WmPreferencesWindow *window = wm_preferences_window_new (active_window (user_data));

  gtk_window_present (GTK_WINDOW (window));
}

/* @dir/<lang>/index.html for the first UI language that has a guide,
 * else the English one in @dir itself. */
static GFile *
find_help_in (const char *dir)
{
  const char * const *langs = g_get_language_names ();

  for (guint i = 0; langs[i] != NULL; i++)
    {
      g_autofree char *path = NULL;

      if (g_strcmp0 (langs[i], "C") == 0)
        path = g_build_filename (dir, "index.html", NULL);
      else if (strchr (langs[i], '.') == NULL && strchr (langs[i], '@') == NULL)
        path = g_build_filename (dir, langs[i], "index.html", NULL);
      if (path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_file_new_for_path (path);
    }
  return NULL;
}

GFile *
wm_application_find_help (void)
{
  const char *datadir = g_getenv ("WAYMARK_DATADIR");
  g_autofree char *installed = g_build_filename (PKGDATADIR, "help", NULL);
  g_autofree char *source = g_build_filename (SRCDATADIR, "help", NULL);
  GFile *file = NULL;

  /* WAYMARK_DATADIR (tests) first, then the installed guide, then the
   * source tree for runs from the build directory. */
  if (datadir != NULL)
    {
      g_autofree char *dir = g_build_filename (datadir, "help", NULL);
      file = find_help_in (dir);
    }
  if (file == NULL)
    file = find_help_in (installed);
  if (file == NULL)
    file = find_help_in (source);
  return file;
}

static void
app_help_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  g_autoptr(GFile) file = wm_application_find_help ();
  g_autofree char *uri = NULL;

  if (file == NULL)
    {
      g_warning ("The user guide is not installed");
      return;
    }
  uri = g_file_get_uri (file);
  gtk_show_uri (active_window (user_data), uri, GDK_CURRENT_TIME);
}

static const GActionEntry app_actions[] = {
  { "new", app_new_action },
  { "new-window", app_new_action },
  { "new-from-template", app_new_from_template_action, "s" },
  { "open", app_open_action },
  { "open-uri", app_open_uri_action, "s" },
  { "new-from-uri", app_new_from_uri_action, "s" },
  { "quit", app_quit_action },
  { "about", app_about_action },
  { "shortcuts", app_shortcuts_action },
  { "preferences", app_preferences_action },
  { "help", app_help_action },
};

static const struct {
  const char *action;
  const char *accels[3];
} app_accels[] = {
  { "app.new", { "<Control>n", NULL } },
  { "app.open", { "<Control>o", NULL } },
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.help", { "F1", NULL } },
  { "doc.save", { "<Control>s", NULL } },
  { "doc.save-as", { "<Control><Shift>s", NULL } },
  { "doc.export", { "<Control>e", NULL } },
  { "doc.print", { "<Control>p", NULL } },
  { "win.close", { "<Control>w", NULL } },
  { "win.toggle-inspector", { "F9", NULL } },
  { "win.toggle-outline", { "<Control>l", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
};

/* GApplication */

static void
apply_color_scheme_override (void)
{
  const char *scheme = g_getenv ("WAYMARK_COLOR_SCHEME");
  AdwStyleManager *manager = adw_style_manager_get_default ();

  /* For screenshots and tests; normally the system decides. */
  if (g_strcmp0 (scheme, "dark") == 0)
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  else if (g_strcmp0 (scheme, "light") == 0)
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
}

static void
wm_application_startup (GApplication *application)
{
  WmApplication *self = WM_APPLICATION (application);

  G_APPLICATION_CLASS (wm_application_parent_class)->startup (application);

  apply_color_scheme_override ();
  /* Chinese tooltips would wrap one character per line in GTK 4.8. */
  wm_tooltip_install ();
  /* X11 window managers read the icon from the window, not the app id. */
  gtk_window_set_default_icon_name (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           app_accels[i].action,
                                           app_accels[i].accels);

  self->session = wm_session_new (NULL);
  self->recoverable = g_ptr_array_ref (wm_session_load (self->session));
}

static void
wm_application_activate (GApplication *application)
{
  WmApplication *self = WM_APPLICATION (application);
  GtkWindow *window = active_window (self);

  if (window != NULL)
    gtk_window_present (window);
  else
    wm_application_show_template_chooser (self);
  /* Over the chooser, so the question has a parent and a context. */
  maybe_offer_recovery (self);
}

static void
wm_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  WmApplication *self = WM_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    wm_application_open_file (self, files[i]);

  maybe_offer_recovery (self);
}

/* `waymark --new-from FILE`: the primary instance opens the copy, be it
 * this process or one already running. */
static int
wm_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_variant_dict_lookup (options, "new-from", "^ay", &path))
    return -1;

  file = g_file_new_for_commandline_arg (path);
  uri = g_file_get_uri (file);
  if (!g_application_register (application, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_action_group_activate_action (G_ACTION_GROUP (application), "new-from-uri",
                                  g_variant_new_string (uri));
  /* A running instance has it now; this one goes on to show it. */
  return g_application_get_is_remote (application) ? 0 : -1;
}

static void
wm_application_shutdown (GApplication *application)
{
  WmApplication *self = WM_APPLICATION (application);

  /* Only a clean quit gets here; after a crash the drafts stay. */
  if (self->session != NULL)
    wm_session_shutdown (self->session);

  G_APPLICATION_CLASS (wm_application_parent_class)->shutdown (application);
}

static void
wm_application_finalize (GObject *object)
{
  WmApplication *self = WM_APPLICATION (object);

  g_clear_pointer (&self->recoverable, g_ptr_array_unref);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (wm_application_parent_class)->finalize (object);
}

static void
wm_application_class_init (WmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = wm_application_finalize;
  app_class->startup = wm_application_startup;
  app_class->activate = wm_application_activate;
  app_class->open = wm_application_open;
  app_class->handle_local_options = wm_application_handle_local_options;
  app_class->shutdown = wm_application_shutdown;
}

static void
wm_application_init (WmApplication *self)
{
  g_application_add_main_option (G_APPLICATION (self), "new-from", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_FILENAME,
                                 _("Open a copy of FILE as a new, untitled map"),
                                 _("FILE"));
}

WmApplication *
wm_application_new (void)
{
  return g_object_new (WM_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/waymark/Waymark",
                       NULL);
}
