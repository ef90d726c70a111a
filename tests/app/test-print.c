/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-print.c - File → Print through WmPrintOperation: printing to a PDF
 * file (GTK_PRINT_OPERATION_ACTION_EXPORT, what "Print to File" does)
 * gives the sheets `waymark export` writes. Needs a display (Xvfb). */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "wm-export-dialog.h"
#include "wm-print-operation.h"
#include "wm-reader.h"
#include "wm-window.h"

#include "app-test-util.h"

static char *tmp_dir;

static WmDocument *
load_template (const char *lang,
               const char *name)
{
  const char *env = g_getenv ("WAYMARK_DATADIR");
  g_autofree char *path = g_build_filename (env, "templates", lang, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  WmDocument *document = wm_reader_load_file (file, &error);

  g_assert_no_error (error);
  return document;
}

static char *
template_path (const char *lang,
               const char *name)
{
  return g_build_filename (g_getenv ("WAYMARK_DATADIR"), "templates", lang, name, NULL);
}

static char *
tmp_path (const char *name)
{
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_unlink (path);
  return path;
}

static char *
run (const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  const char *arg;
  va_list ap;
  int status;

  g_ptr_array_add (argv, (gpointer) first);
  va_start (ap, first);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  return out;
}

static gboolean
have_poppler (void)
{
  g_autofree char *info = g_find_program_in_path ("pdfinfo");
  g_autofree char *text = g_find_program_in_path ("pdftotext");

  if (info == NULL || text == NULL)
    {
      g_test_skip ("poppler-utils is not installed");
      return FALSE;
    }
  return TRUE;
}

static guint
pdf_pages (const char *pdf)
{
  g_autofree char *info = run ("pdfinfo", pdf, NULL);
  const char *line = strstr (info, "\nPages:");

  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("\nPages:"), NULL, 10);
}

/* Each page's size, "W x H", rounded to whole points. */
static char *
pdf_page_sizes (const char *pdf,
                guint       n)
{
  g_autofree char *last = g_strdup_printf ("%u", n);
  g_autofree char *info = run ("pdfinfo", "-f", "1", "-l", last, pdf, NULL);
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);
  GString *sizes = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *size = strstr (lines[i], " size: ");
      char *end;
      double w, h;

      if (!g_str_has_prefix (lines[i], "Page") || size == NULL)
        continue;
      w = g_ascii_strtod (size + strlen (" size: "), &end);
      h = g_ascii_strtod (end + strlen (" x "), NULL);
      g_string_append_printf (sizes, "%.0fx%.0f ", w, h);
    }
  return g_string_free (sizes, FALSE);
}

/* The poster labels, one per sheet, in page order. */
static char *
pdf_labels (const char *pdf)
{
  g_autofree char *text = run ("pdftotext", "-enc", "UTF-8", pdf, "-", NULL);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *labels = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (g_strstrip (lines[i]), "Waymark · "))
      g_string_append_printf (labels, "%s\n", lines[i]);
  return g_string_free (labels, FALSE);
}

static void
print_to_pdf (WmDocument         *document,
              gboolean            tiled,
              gboolean            summary,
              GtkPageOrientation  orientation,
              const char         *path)
{
  g_autoptr(WmPrintOperation) operation = wm_print_operation_new (document);
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, orientation);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (operation), setup);
  wm_print_operation_set_tiled (operation, tiled);
  wm_print_operation_set_summary (operation, summary);
  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), path);

  result = gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                                    GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* The proof: Print → tile on A4 to a file has the sheets, sizes and
 * labels of `waymark export --page poster-a4`. */
static void
test_tiled_matches_cli (void)
{
  g_autoptr(WmDocument) document = load_template ("zh-CN", "camping.waymark");
  g_autofree char *map = template_path ("zh-CN", "camping.waymark");
  g_autofree char *printed = tmp_path ("printed.pdf");
  g_autofree char *exported = tmp_path ("exported.pdf");
  g_autofree char *printed_labels = NULL;
  g_autofree char *exported_labels = NULL;
  g_autofree char *printed_sizes = NULL;
  g_autofree char *exported_sizes = NULL;
  g_autofree char *second = NULL;
  g_autofree char *out = NULL;
  guint n;

  if (!have_poppler ())
    return;

  print_to_pdf (document, TRUE, FALSE, GTK_PAGE_ORIENTATION_PORTRAIT, printed);
  out = run (g_getenv ("WAYMARK_BIN"), "export", map, "-o", exported, "--page", "poster-a4", NULL);

  n = pdf_pages (exported);
  g_test_message ("poster-a4: %u sheets", n);
  g_assert_cmpuint (n, >, 1);
  g_assert_cmpuint (pdf_pages (printed), ==, n);

  printed_sizes = pdf_page_sizes (printed, n);
  exported_sizes = pdf_page_sizes (exported, n);
  g_assert_cmpstr (printed_sizes, ==, exported_sizes);
  g_assert_true (g_str_has_prefix (printed_sizes, "595x842 "));

  printed_labels = pdf_labels (printed);
  exported_labels = pdf_labels (exported);
  g_test_message ("labels:\n%s", printed_labels);
  g_assert_cmpstr (printed_labels, ==, exported_labels);
  /* In the map's language (zh-CN), as the CLI's. */
  second = g_strdup_printf ("第 2 / %u 页", n);
  g_assert_nonnull (strstr (printed_labels, second));
  g_assert_nonnull (strstr (printed_labels, "Waymark · 周末露营 · 阶段 1–2 · 第 1 / "));

  g_assert_finalize_object (g_steal_pointer (&document));
}

/* Fit: one sheet of the printer's paper; the summary goes before it. */
static void
test_fit_with_summary (void)
{
  g_autoptr(WmDocument) document = load_template ("en", "camping.waymark");
  g_autofree char *map = template_path ("en", "camping.waymark");
  g_autofree char *fit = tmp_path ("fit.pdf");
  g_autofree char *summary = tmp_path ("summary.pdf");
  g_autofree char *exported = tmp_path ("a4-summary.pdf");
  g_autofree char *out = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sizes = NULL;

  if (!have_poppler ())
    return;

  print_to_pdf (document, FALSE, FALSE, GTK_PAGE_ORIENTATION_LANDSCAPE, fit);
  g_assert_cmpuint (pdf_pages (fit), ==, 1);
  sizes = pdf_page_sizes (fit, 1);
  g_assert_cmpstr (sizes, ==, "842x595 ");
  text = run ("pdftotext", "-enc", "UTF-8", fit, "-", NULL);
  g_assert_nonnull (strstr (text, "Research"));
  g_assert_null (strstr (text, "Top pain points"));
  g_clear_pointer (&text, g_free);

  print_to_pdf (document, FALSE, TRUE, GTK_PAGE_ORIENTATION_LANDSCAPE, summary);
  out = run (g_getenv ("WAYMARK_BIN"), "export", map, "-o", exported,
             "--page", "a4", "--landscape", "--summary", NULL);
  g_assert_cmpuint (pdf_pages (summary), >=, 2);
  g_assert_cmpuint (pdf_pages (summary), ==, pdf_pages (exported));
  text = run ("pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", summary, "-", NULL);
  g_assert_nonnull (strstr (text, "Top pain points"));

  g_assert_finalize_object (g_steal_pointer (&document));
}

static GtkWidget *
nth_child (GtkWidget *box,
           guint      n)
{
  GtkWidget *child = gtk_widget_get_first_child (box);

  while (child != NULL && n-- > 0)
    child = gtk_widget_get_next_sibling (child);
  g_assert_nonnull (child);
  return child;
}

/* The print dialog's "Map" tab sets what is printed. */
static void
test_custom_tab (void)
{
  g_autoptr(WmDocument) document = load_template ("en", "blank.waymark");
  g_autoptr(WmPrintOperation) operation = wm_print_operation_new (document);
  GtkWidget *tab = NULL;
  GtkWidget *tile, *fit, *summary;

  g_signal_emit_by_name (operation, "create-custom-widget", &tab);
  g_assert_true (GTK_IS_WIDGET (tab));
  g_object_ref_sink (tab);

  fit = nth_child (tab, 0);
  tile = nth_child (tab, 1);
  summary = nth_child (tab, 2);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (fit)));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (tile)));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (tile), TRUE);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (fit)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (summary), TRUE);
  g_assert_false (wm_print_operation_get_tiled (operation));

  g_signal_emit_by_name (operation, "custom-widget-apply", tab);
  g_assert_true (wm_print_operation_get_tiled (operation));
  g_assert_true (wm_print_operation_get_summary (operation));

  g_object_unref (tab);
}

static gboolean
is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static GtkWindow *
new_export_dialog (WmWindow **window)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;

  *window = wm_window_new_from_template (NULL, "camping", &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (*window));
  dialog = wm_export_dialog_new (*window);
  gtk_window_present (dialog);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return dialog;
}

static GtkWidget *
find_by_type (GtkWidget  *root,
              GType       type,
              const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (title == NULL || g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0))
        return child;
      if ((found = find_by_type (child, type, title)) != NULL)
        return found;
    }
  return NULL;
}

/* The dialog's check box and Author field reach the PDF. */
static void
test_dialog_stakeholder_pdf (void)
{
  g_autofree char *path = tmp_path ("dialog.pdf");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  WmWindow *window;
  GtkWindow *dialog = new_export_dialog (&window);
  GtkWidget *summary_row = find_by_type (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "_Summary page");
  GtkWidget *author_row = find_by_type (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL);
  WmExportOptions options;

  g_assert_nonnull (summary_row);
  g_assert_nonnull (author_row);
  wm_export_dialog_get_options (WM_EXPORT_DIALOG (dialog), &options);
  g_assert_false (options.summary);

  /* Activating the row ticks its check box. */
  adw_action_row_activate (ADW_ACTION_ROW (summary_row));
  gtk_editable_set_text (GTK_EDITABLE (author_row), "Workshop 团队");
  wm_export_dialog_get_options (WM_EXPORT_DIALOG (dialog), &options);
  g_assert_true (options.summary);
  g_assert_cmpstr (options.author, ==, "Workshop 团队");

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  wm_export_dialog_export_to (WM_EXPORT_DIALOG (dialog), file);
  g_assert_true (spin_until (is_gone, &dialog, 10000));

  if (have_poppler ())
    {
      info = run ("pdfinfo", path, NULL);
      g_assert_nonnull (strstr (info, "Workshop 团队"));
      g_assert_cmpuint (pdf_pages (path), >=, 2);
      text = run ("pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", path, "-", NULL);
      g_assert_nonnull (strstr (text, "Top pain points"));
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* PNG: by width, transparent; the rows for PDF hide. */
static void
test_dialog_png_options (void)
{
  WmWindow *window;
  GtkWindow *dialog = new_export_dialog (&window);
  AdwComboRow *format = ADW_COMBO_ROW (find_by_type (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "_Format"));
  AdwComboRow *size = ADW_COMBO_ROW (find_by_type (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "_Size"));
  AdwComboRow *background = ADW_COMBO_ROW (find_by_type (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "_Background"));
  GtkWidget *summary_row = find_by_type (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "_Summary page");
  GtkWidget *width_row = find_by_type (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "_Width");
  WmExportOptions options;

  g_assert_true (gtk_widget_get_visible (summary_row));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (background)));
  adw_combo_row_set_selected (format, WM_EXPORT_PNG);
  g_assert_false (gtk_widget_get_visible (summary_row));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (background)));
  g_assert_false (gtk_widget_get_visible (width_row));

  adw_combo_row_set_selected (size, 1);
  g_assert_true (gtk_widget_get_visible (width_row));
  adw_combo_row_set_selected (background, 1);
  wm_export_dialog_get_options (WM_EXPORT_DIALOG (dialog), &options);
  g_assert_cmpint (options.format, ==, WM_EXPORT_PNG);
  g_assert_cmpint (options.width, ==, 1920);
  g_assert_true (options.transparent);

  adw_combo_row_set_selected (size, 0);
  wm_export_dialog_get_options (WM_EXPORT_DIALOG (dialog), &options);
  g_assert_cmpint (options.width, ==, 0);

  gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* SVG: text by default, glyph outlines with the switch; only for SVG. */
static void
test_dialog_svg_text (void)
{
  WmWindow *window;
  GtkWindow *dialog = new_export_dialog (&window);
  AdwComboRow *format = ADW_COMBO_ROW (find_by_type (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "_Format"));
  GtkWidget *paths_row = find_by_type (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Text as Outlines");
  WmExportOptions options;

  g_assert_nonnull (paths_row);
  g_assert_false (gtk_widget_get_visible (paths_row));
  adw_combo_row_set_selected (format, WM_EXPORT_SVG);
  g_assert_true (gtk_widget_get_visible (paths_row));
  wm_export_dialog_get_options (WM_EXPORT_DIALOG (dialog), &options);
  g_assert_false (options.svg_paths);

  /* Activating the row would animate the switch; set it at once. */
  gtk_switch_set_active (GTK_SWITCH (find_by_type (paths_row, GTK_TYPE_SWITCH, NULL)), TRUE);
  wm_export_dialog_get_options (WM_EXPORT_DIALOG (dialog), &options);
  g_assert_true (options.svg_paths);

  gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("waymark-test-print-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  /* Keep the user's recent files and drafts out of it. */
  g_setenv ("XDG_DATA_HOME", tmp_dir, TRUE);
  g_setenv ("WAYMARK_STATE_DIR", tmp_dir, TRUE);

  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      g_rmdir (tmp_dir);
      return 0;
    }
  adw_init ();

  g_test_add_func ("/Waymark/Print/tiled-matches-cli", test_tiled_matches_cli);
  g_test_add_func ("/Waymark/Print/fit-with-summary", test_fit_with_summary);
  g_test_add_func ("/Waymark/Print/custom-tab", test_custom_tab);
  g_test_add_func ("/Waymark/ExportDialog/stakeholder-pdf", test_dialog_stakeholder_pdf);
  g_test_add_func ("/Waymark/ExportDialog/png-options", test_dialog_png_options);
  g_test_add_func ("/Waymark/ExportDialog/svg-text", test_dialog_svg_text);

  ret = g_test_run ();

  {
    g_autofree char *quoted = g_shell_quote (tmp_dir);
    g_autofree char *command = g_strdup_printf ("rm -rf %s", quoted);

    /* Drafts and recent files land in sub-folders. */
    g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  }
  return ret;
}
