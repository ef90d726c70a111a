/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-convert.h"
#include "wm-export-dialog.h"
#include "wm-reader.h"
#include "wm-ui-text.h"
#include "wm-writer.h"

struct _WmExportDialog
{
  AdwWindow          parent_instance;

  AdwComboRow       *format_row;
  AdwComboRow       *page_row;
  AdwComboRow       *theme_row;
  AdwActionRow      *dpi_row;
  AdwActionRow      *landscape_row;
  AdwActionRow      *svg_paths_row;
  AdwActionRow      *summary_row;
  AdwEntryRow       *author_row;
  AdwComboRow       *size_row;
  AdwActionRow      *width_row;
  AdwComboRow       *background_row;
  AdwPreferencesGroup *options_group;
  GtkCheckButton    *summary_check;
  GtkSpinButton     *width_spin;
  GtkSwitch         *landscape_switch;
  GtkSwitch         *svg_paths_switch;
  GtkSpinButton     *dpi_spin;
  GtkButton         *export_button;
  GtkButton         *cancel_button;
  AdwPreferencesGroup *progress_group;
  GtkProgressBar    *progress_bar;
  GtkLabel          *progress_label;

  WmWindow          *window;  /* weak */
  GSettings         *settings;
  GCancellable      *cancellable;
  guint              progress_id;
};

G_DEFINE_FINAL_TYPE (WmExportDialog, wm_export_dialog, ADW_TYPE_WINDOW)

/* The format row lists PDF, SVG and PNG (WmExportFormat), then these. */
#define N_IMAGE_FORMATS 3
static const WmTextFormat text_formats[] = {
  WM_TEXT_MERMAID, WM_TEXT_JSON, WM_TEXT_CSV, WM_TEXT_CSV_GRID,
};

/* The rows list these in this order. */
static const WmPage pages[] = {
  WM_PAGE_FIT, WM_PAGE_A4, WM_PAGE_A3, WM_PAGE_LETTER, WM_PAGE_POSTER_A4, WM_PAGE_POSTER_A3,
};
static const char * const page_names[] = {
  "fit", "a4", "a3", "letter", "poster-a4", "poster-a3",
};

typedef struct
{
  char            *xml;      /* the map, serialized on the main thread */
  gsize            length;
  char            *name;
  char            *author;   /* options.author points here */
  GFile           *file;
  WmExportOptions  options;
  gboolean         is_text;  /* text_format, not options.format */
  WmTextFormat     text_format;
  gint             permille; /* progress, written by the thread */
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->xml);
  g_free (job->name);
  g_free (job->author);
  g_clear_object (&job->file);
  g_free (job);
}

void
wm_export_dialog_get_options (WmExportDialog  *self,
                              WmExportOptions *options)
{
  guint page = adw_combo_row_get_selected (self->page_row);
  WmExportOptions defaults = WM_EXPORT_OPTIONS_INIT;

  g_return_if_fail (WM_IS_EXPORT_DIALOG (self));

  *options = defaults;
  options->format = MIN (adw_combo_row_get_selected (self->format_row), WM_EXPORT_PNG);
  options->page = page < G_N_ELEMENTS (pages) ? pages[page] : WM_PAGE_FIT;
  options->landscape = gtk_switch_get_active (self->landscape_switch);
  options->svg_paths = gtk_switch_get_active (self->svg_paths_switch);
  options->dpi = gtk_spin_button_get_value (self->dpi_spin);
  options->theme = adw_combo_row_get_selected (self->theme_row) == 1 ? WM_THEME_DARK : WM_THEME_LIGHT;
  if (adw_combo_row_get_selected (self->size_row) == 1)
    options->width = gtk_spin_button_get_value_as_int (self->width_spin);
  options->transparent = adw_combo_row_get_selected (self->background_row) == 1;
  options->summary = gtk_check_button_get_active (self->summary_check);
  /* Valid until the entry changes: the caller copies it for a thread. */
  options->author = gtk_editable_get_text (GTK_EDITABLE (self->author_row));
}

/* Whether the format row holds a text format, and which. */
gboolean
wm_export_dialog_get_text_format (WmExportDialog *self,
                                  WmTextFormat   *format)
{
  guint selected = adw_combo_row_get_selected (self->format_row);

  g_return_val_if_fail (WM_IS_EXPORT_DIALOG (self), FALSE);

  if (selected < N_IMAGE_FORMATS || selected - N_IMAGE_FORMATS >= G_N_ELEMENTS (text_formats))
    return FALSE;
  if (format != NULL)
    *format = text_formats[selected - N_IMAGE_FORMATS];
  return TRUE;
}

static const char *
text_format_description (WmTextFormat format)
{
  switch (format)
    {
    case WM_TEXT_MERMAID:
      return _("Sections and tasks for Markdown, GitHub and GitLab");
    case WM_TEXT_JSON:
      return _("The whole map, for scripts; imports back unchanged");
    case WM_TEXT_CSV:
      return _("For spreadsheets; imports back to the same cards");
    case WM_TEXT_CSV_GRID:
      return _("The map as a table, for spreadsheets");
    default:
      return NULL;
    }
}

static const char *
format_description (WmExportFormat format)
{
  switch (format)
    {
    case WM_EXPORT_PDF:
      return _("For reading and printing; the text stays searchable");
    case WM_EXPORT_SVG:
      return _("For slides and further drawing");
    case WM_EXPORT_PNG:
      return _("An image, at the resolution below");
    default:
      return NULL;
    }
}

static void
format_changed_cb (WmExportDialog *self)
{
  WmExportFormat format = adw_combo_row_get_selected (self->format_row);
  gboolean by_width = adw_combo_row_get_selected (self->size_row) == 1;
  WmTextFormat text_format;
  gboolean is_text = wm_export_dialog_get_text_format (self, &text_format);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->format_row),
                               is_text ? text_format_description (text_format)
                               : format_description (format));
  gtk_widget_set_visible (GTK_WIDGET (self->theme_row), !is_text);
  /* Only what applies to the format, as the command line says. */
  gtk_widget_set_visible (GTK_WIDGET (self->page_row), format == WM_EXPORT_PDF);
  gtk_widget_set_visible (GTK_WIDGET (self->landscape_row), format == WM_EXPORT_PDF);
  gtk_widget_set_visible (GTK_WIDGET (self->svg_paths_row), format == WM_EXPORT_SVG && !is_text);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_row), format == WM_EXPORT_PDF);
  gtk_widget_set_visible (GTK_WIDGET (self->author_row), format == WM_EXPORT_PDF);
  gtk_widget_set_visible (GTK_WIDGET (self->size_row), format == WM_EXPORT_PNG);
  gtk_widget_set_visible (GTK_WIDGET (self->dpi_row), format == WM_EXPORT_PNG && !by_width);
  gtk_widget_set_visible (GTK_WIDGET (self->width_row), format == WM_EXPORT_PNG && by_width);
  gtk_widget_set_visible (GTK_WIDGET (self->background_row), format != WM_EXPORT_PDF && !is_text);
}

static void
set_busy (WmExportDialog *self,
          gboolean        busy)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->options_group), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_group), busy);
  if (!busy)
    g_clear_handle_id (&self->progress_id, g_source_remove);
}

/* The thread: its own copy of the map, never the window's. */

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  ExportJob *job = user_data;

  g_atomic_int_set (&job->permille, (int) CLAMP (fraction * 1000.0, 0, 1000));
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(WmDocument) copy = NULL;
  GError *error = NULL;

  copy = wm_reader_load_data (job->xml, job->length, job->name, &error);
  if (copy != NULL && job->is_text)
    {
      g_autofree char *text = NULL;
      gsize length = 0;

      if ((text = wm_text_export (copy, job->text_format, &length, &error)) != NULL &&
          g_file_replace_contents (job->file, text, length, NULL, FALSE, G_FILE_CREATE_NONE,
                                   NULL, cancellable, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      return;
    }
  if (copy == NULL ||
      !wm_export_to_file (copy, &job->options, job->file, cancellable,
                          progress_cb, job, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static gboolean
update_progress_cb (gpointer user_data)
{
  WmExportDialog *self = user_data;
  ExportJob *job = g_object_get_data (G_OBJECT (self), "job");

  if (job == NULL)
    return G_SOURCE_CONTINUE;
  gtk_progress_bar_set_fraction (self->progress_bar, g_atomic_int_get (&job->permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
open_result_cb (AdwToast *toast,
                GFile    *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, NULL, NULL);
}

static void
unref_file_closure (gpointer  data,
                    GClosure *closure)
{
  g_object_unref (data);
}

static void
show_done_toast (WmWindow *window,
                 GFile    *file)
{
  g_autofree char *name = wm_ui_file_name (file);
  g_autofree char *title = NULL;
  AdwToast *toast;

  title = g_markup_printf_escaped (_("Exported “%s”"), name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Open"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (open_result_cb),
                         g_object_ref (file), unref_file_closure, 0);
  wm_window_add_toast (window, toast);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  WmExportDialog *self = WM_EXPORT_DIALOG (object);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_object_set_data (G_OBJECT (self), "job", NULL);
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      GtkWidget *dialog;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Export the Map"),
                                       error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  if (self->window != NULL)
    show_done_toast (self->window, job->file);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
wm_export_dialog_export_to (WmExportDialog *self,
                            GFile          *file)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *basename = wm_ui_file_name (file);
  g_autofree char *status = NULL;
  ExportJob *job;
  guint page;

  g_return_if_fail (WM_IS_EXPORT_DIALOG (self));
  g_return_if_fail (self->window != NULL);
  g_return_if_fail (self->cancellable == NULL);

  job = g_new0 (ExportJob, 1);
  wm_export_dialog_get_options (self, &job->options);
  job->is_text = wm_export_dialog_get_text_format (self, &job->text_format);
  job->author = g_strdup (job->options.author);
  job->options.author = job->author;
  job->xml = wm_writer_to_string (wm_window_get_document (self->window), &job->length);
  job->name = wm_window_dup_display_name (self->window);
  job->file = g_object_ref (file);

  page = adw_combo_row_get_selected (self->page_row);
  if (page < G_N_ELEMENTS (page_names))
    g_settings_set_string (self->settings, "export-page", page_names[page]);
  g_settings_set_string (self->settings, "export-theme",
                         wm_theme_to_string (job->options.theme));

  status = g_strdup_printf (_("Exporting to “%s”…"), basename);
  gtk_label_set_label (self->progress_label, status);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  set_busy (self, TRUE);
  self->progress_id = g_timeout_add (100, update_progress_cb, self);

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, export_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_object_set_data (G_OBJECT (self), "job", job);
  g_task_run_in_thread (task, export_thread);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     WmExportDialog  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    wm_export_dialog_export_to (self, file);

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_clicked_cb (WmExportDialog *self)
{
  WmExportOptions options;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *suggested = NULL;
  g_autofree char *pattern = NULL;
  const char *extension;
  WmTextFormat text_format;

  if (self->window == NULL)
    return;

  wm_export_dialog_get_options (self, &options);
  if (wm_export_dialog_get_text_format (self, &text_format))
    extension = wm_text_format_to_extension (text_format);
  else
    extension = wm_export_format_to_extension (options.format);
  suggested = wm_window_suggest_file_name (self->window, extension);
  pattern = g_strdup_printf ("*.%s", extension);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_set_name (filter, extension);

  chooser = gtk_file_chooser_native_new (_("Export Map"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (wm_window_get_file (self->window) != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (wm_window_get_file (self->window));
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
cancel_clicked_cb (WmExportDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
wm_export_dialog_close_request (GtkWindow *window)
{
  WmExportDialog *self = WM_EXPORT_DIALOG (window);

  /* Closing mid-export stops the thread; its result is dropped. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (wm_export_dialog_parent_class)->close_request (window);
}

static void
load_defaults (WmExportDialog *self)
{
  g_autofree char *page = g_settings_get_string (self->settings, "export-page");
  g_autofree char *theme = g_settings_get_string (self->settings, "export-theme");

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    if (g_strcmp0 (page, page_names[i]) == 0)
      adw_combo_row_set_selected (self->page_row, i);
  adw_combo_row_set_selected (self->theme_row, g_strcmp0 (theme, "dark") == 0 ? 1 : 0);
  /* As the command line: the user's name unless they type another. */
  if (g_strcmp0 (g_get_real_name (), "Unknown") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->author_row), g_get_real_name ());
  format_changed_cb (self);
}

static void
wm_export_dialog_dispose (GObject *object)
{
  WmExportDialog *self = WM_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_weak_pointer (&self->window);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (wm_export_dialog_parent_class)->dispose (object);
}

static void
wm_export_dialog_finalize (GObject *object)
{
  WmExportDialog *self = WM_EXPORT_DIALOG (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (wm_export_dialog_parent_class)->finalize (object);
}

static void
wm_export_dialog_class_init (WmExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = wm_export_dialog_dispose;
  object_class->finalize = wm_export_dialog_finalize;
  window_class->close_request = wm_export_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/waymark/Waymark/wm-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WmExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, WmExportDialog, page_row);
  gtk_widget_class_bind_template_child (widget_class, WmExportDialog, theme_row);
  gtk_widget_class_bind_template_child (widget_class, WmExportDialog, dpi_row);
  gtk_widget_class_bind_template_child (widget_class, WmExportDialog, landscape_switch);
  gtk_widget_class_bind_template_child (widget_class, WmExportDialog, landscape_row);
  gtk_widget_class_bind_template_child (widget_class, WmExportDialog, svg_paths_switch);
  gtk_widget_class_bind_template_child (widget_class, WmExportDialog, svg_paths_row);
  gtk_widget_class_bind_template_child (widget_class, WmExportDialog, summary_row);
  gtk_widget_class_bind_template_child (widget_class, WmExportDialog, summary_check);
  gtk_widget_class_bind_template_child (widget_class, WmExportDialog, author_row);
  gtk_widget_class_bind_template_child (widget_class, WmExportDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, WmExportDialog, width_row);
  gtk_widget_class_bind_template_child (widget_class, WmExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, WmExportDialog, background_row);
  gtk_widget_class_bind_template_child (widget_class, WmExportDialog, options_group);
  gtk_widget_class_bind_template_child (widget_class, WmExportDialog, dpi_spin);
  gtk_widget_class_bind_template_child (widget_class, WmExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, WmExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, WmExportDialog, progress_group);
  gtk_widget_class_bind_template_child (widget_class, WmExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, WmExportDialog, progress_label);
  gtk_widget_class_bind_template_callback (widget_class, format_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wm_export_dialog_init (WmExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->export_button));
  /* Enter exports with the defaults; GTK would focus Cancel first. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->export_button));
}

GtkWindow *
wm_export_dialog_new (WmWindow *window)
{
  WmExportDialog *self;

  g_return_val_if_fail (WM_IS_WINDOW (window), NULL);

  self = g_object_new (WM_TYPE_EXPORT_DIALOG,
                       "transient-for", window,
                       NULL);
  g_set_weak_pointer (&self->window, window);
  load_defaults (self);
  return GTK_WINDOW (self);
}
