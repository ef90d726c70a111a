/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>

#include "wm-error.h"
#include "wm-feedback.h"
#include "wm-feedback-assistant.h"
#include "wm-persona.h"
#include "wm-reader.h"
#include "wm-stage.h"
#include "wm-template-chooser.h"
#include "wm-ui-text.h"
#include "wm-window.h"
#include "wm-writer.h"

#define TARGET_TEMPLATE "customer-service"
/* Lines of the pivot, the report and the warnings shown; the rest is for
 * `waymark import-feedback --report`. */
#define MAX_SHOWN_LINES 60
#define MAX_PIVOT_COLUMNS 12

struct _WmFeedbackAssistant
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  GtkButton           *back_button;
  GtkButton           *next_button;
  GtkStack            *stack;
  GtkLabel            *file_label;
  GtkLabel            *error_label;
  AdwPreferencesGroup *columns_group;
  AdwPreferencesGroup *tags_group;
  AdwComboRow         *persona_row;
  GtkDropDown         *pivot_by;
  GtkGrid             *pivot_grid;
  GtkLabel            *report_label;
  GtkLabel            *warnings_label;

  WmWindow            *window;       /* weak */
  GtkFileChooserNative *chooser;
  WmDocument          *target;       /* the window's map, or the template */
  gboolean             new_map;      /* apply opens the template in a new window */
  GPtrArray           *stage_ids;    /* char* */
  GPtrArray           *persona_ids;  /* char* */

  WmCsv               *csv;
  WmFeedback          *feedback;     /* the columns page edits this one */
  GPtrArray           *column_rows;  /* AdwComboRow*, by WmFeedbackColumn */
  GPtrArray           *tags;         /* char*, most frequent first */
  GPtrArray           *tag_rows;     /* AdwComboRow*, as tags */
  char                *pivot_csv;    /* the preview's table, for the clipboard */
  GArray              *pivot_columns; /* WmFeedbackColumn, as pivot_by's items */
  gboolean             syncing;
};

G_DEFINE_FINAL_TYPE (WmFeedbackAssistant, wm_feedback_assistant, ADW_TYPE_WINDOW)

static const char * const page_names[] = { "file", "columns", "tags", "preview" };

static const char *
column_title (WmFeedbackColumn column)
{
  switch (column)
    {
    case WM_FEEDBACK_COLUMN_ID: return _("Record Id");
    case WM_FEEDBACK_COLUMN_DATE: return _("Date");
    case WM_FEEDBACK_COLUMN_CHANNEL: return _("Channel");
    case WM_FEEDBACK_COLUMN_SEGMENT: return _("Customer Segment");
    case WM_FEEDBACK_COLUMN_PRODUCT: return _("Product");
    case WM_FEEDBACK_COLUMN_KIND: return _("Kind");
    case WM_FEEDBACK_COLUMN_CATEGORY: return _("Category");
    case WM_FEEDBACK_COLUMN_TAG: return _("Tag");
    case WM_FEEDBACK_COLUMN_SEVERITY: return _("Severity");
    case WM_FEEDBACK_COLUMN_SATISFACTION: return _("Satisfaction");
    case WM_FEEDBACK_COLUMN_STAGE: return _("Stage");
    case WM_FEEDBACK_COLUMN_TEXT: return _("Text");
    case WM_FEEDBACK_N_COLUMNS:
    default: return "";
    }
}

static WmFeedbackColumn
pivot_column (WmFeedbackAssistant *self)
{
  guint selected = gtk_drop_down_get_selected (self->pivot_by);

  if (self->pivot_columns == NULL || selected >= self->pivot_columns->len)
    return WM_FEEDBACK_COLUMN_KIND;
  return g_array_index (self->pivot_columns, WmFeedbackColumn, selected);
}

static int
page_index (WmFeedbackAssistant *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    if (g_strcmp0 (name, page_names[i]) == 0)
      return i;
  return 0;
}

const char *
wm_feedback_assistant_get_page (WmFeedbackAssistant *self)
{
  g_return_val_if_fail (WM_IS_FEEDBACK_ASSISTANT (self), NULL);
  return page_names[page_index (self)];
}

static void
update_buttons (WmFeedbackAssistant *self)
{
  int page = page_index (self);
  gboolean last = page == G_N_ELEMENTS (page_names) - 1;
  static const char * const subtitles[] = {
    N_("Step 1 of 4: File"), N_("Step 2 of 4: Columns"),
    N_("Step 3 of 4: Stages"), N_("Step 4 of 4: Preview"),
  };

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.back", page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.next", self->feedback != NULL);
  gtk_button_set_label (self->next_button, last ? _("_Apply") : _("_Next"));
  adw_window_title_set_subtitle (self->window_title, _(subtitles[page]));
}

/* Map and CSV text is shown line by line through wm_ui_text(): bounded
 * for Pango, never markup. */
static void
set_lines (GtkLabel   *label,
           const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  g_autoptr(GString) shown = g_string_new (NULL);
  guint n = g_strv_length (lines);

  while (n > 0 && lines[n - 1][0] == '\0')
    n--;
  for (guint i = 0; i < MIN (n, MAX_SHOWN_LINES); i++)
    {
      g_autofree char *line = wm_ui_text (lines[i]);

      g_string_append_printf (shown, i > 0 ? "\n%s" : "%s", line);
    }
  if (n > MAX_SHOWN_LINES)
    g_string_append_printf (shown, "\n…");
  gtk_label_set_use_markup (label, FALSE);
  gtk_label_set_use_underline (label, FALSE);
  gtk_label_set_label (label, shown->str);
  gtk_widget_set_visible (GTK_WIDGET (label), shown->len > 0);
}

static void
show_error (WmFeedbackAssistant *self,
            const GError        *error)
{
  set_lines (self->error_label, error != NULL ? error->message : NULL);
}

/* The map the feedback goes into: the window's, or the template's when the
 * window's has no stages to put anything on. */
static void
choose_target (WmFeedbackAssistant *self)
{
  WmDocument *document = wm_window_get_document (self->window);
  GListStore *stages = wm_document_get_stages (document);

  self->new_map = g_list_model_get_n_items (G_LIST_MODEL (stages)) == 0;
  if (self->new_map)
    self->target = wm_template_load (TARGET_TEMPLATE, NULL);
  if (self->target == NULL)
    {
      self->new_map = FALSE;
      self->target = g_object_ref (document);
    }
}

static GtkStringList *
stage_model (WmFeedbackAssistant *self)
{
  GListStore *stages = wm_document_get_stages (self->target);
  GtkStringList *model = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->stage_ids, 0);
  gtk_string_list_append (model, _("Unsorted"));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (stages)); i++)
    {
      WmStage *stage = g_list_model_get_item (G_LIST_MODEL (stages), i);
      const char *id = wm_item_get_id (WM_ITEM (stage));
      const char *title = wm_stage_get_title (stage);
      g_autofree char *shown = wm_ui_text (title != NULL && title[0] != '\0' ? title : id);

      gtk_string_list_append (model, shown);
      g_ptr_array_add (self->stage_ids, g_strdup (id));
      g_object_unref (stage);
    }
  return model;
}

static void
fill_personas (WmFeedbackAssistant *self)
{
  GListModel *personas = G_LIST_MODEL (wm_document_get_personas (self->target));
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint n = g_list_model_get_n_items (personas);

  g_ptr_array_set_size (self->persona_ids, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmPersona) persona = g_list_model_get_item (personas, i);
      const char *name = wm_persona_get_name (persona);
      const char *id = wm_item_get_id (WM_ITEM (persona));
      g_autofree char *shown = wm_ui_text (name != NULL && name[0] != '\0' ? name : id);

      gtk_string_list_append (model, shown);
      g_ptr_array_add (self->persona_ids, g_strdup (id));
    }
  if (n == 0)
    gtk_string_list_append (model, _("None"));
  adw_combo_row_set_model (self->persona_row, G_LIST_MODEL (model));
  gtk_widget_set_sensitive (GTK_WIDGET (self->persona_row), n > 0);
}

/* The remembered tag → stage assignments live per CSV header: the same
 * export from the same ticket system gets the same answers next time. */
static char *
memory_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "waymark", "feedback-stages.ini", NULL);
}

static char *
memory_group (WmFeedbackAssistant *self)
{
  const char * const *header = wm_csv_get_row (self->csv, 0, NULL);
  g_autofree char *joined = g_strjoinv ("\x1f", (char **) header);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, joined, -1);
}

static GKeyFile *
memory_load (void)
{
  g_autofree char *path = memory_path ();
  GKeyFile *keys = g_key_file_new ();

  /* A missing or broken file only means nothing is remembered. */
  g_key_file_load_from_file (keys, path, G_KEY_FILE_NONE, NULL);
  return keys;
}

static void
memory_save (WmFeedbackAssistant *self)
{
  g_autoptr(GKeyFile) keys = memory_load ();
  g_autofree char *group = memory_group (self);
  g_autofree char *path = memory_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  g_autoptr(GPtrArray) stages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->tags->len; i++)
    {
      guint selected = adw_combo_row_get_selected (g_ptr_array_index (self->tag_rows, i));
      GObject *item;

      if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
        continue;
      item = g_list_model_get_item (adw_combo_row_get_model (g_ptr_array_index (self->tag_rows, i)),
                                    selected);
      g_ptr_array_add (tags, g_ptr_array_index (self->tags, i));
      g_ptr_array_add (stages, g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (item))));
      g_object_unref (item);
    }
  g_key_file_remove_group (keys, group, NULL);
  if (tags->len > 0)
    {
      g_key_file_set_string_list (keys, group, "tags",
                                  (const char * const *) tags->pdata, tags->len);
      g_key_file_set_string_list (keys, group, "stages",
                                  (const char * const *) stages->pdata, stages->len);
    }
  /* Remembering is a convenience: a read-only config folder costs the
   * user the pre-filled answers, not the import. */
  if (g_mkdir_with_parents (dir, 0700) != 0
      || !g_key_file_save_to_file (keys, path, &error))
    g_debug ("Could not remember the tag stages: %s", error ? error->message : g_strerror (errno));
}

static guint
remembered_stage (WmFeedbackAssistant *self,
                  GKeyFile            *keys,
                  const char          *group,
                  const char          *tag,
                  GListModel          *model)
{
  g_auto(GStrv) tags = g_key_file_get_string_list (keys, group, "tags", NULL, NULL);
  g_auto(GStrv) stages = g_key_file_get_string_list (keys, group, "stages", NULL, NULL);
  const char *stage = NULL;

  for (guint i = 0; tags != NULL && stages != NULL && tags[i] && stages[i]; i++)
    if (g_str_equal (tags[i], tag))
      stage = stages[i];
  /* Else a tag that is the name of a stage goes there. */
  if (stage == NULL)
    stage = tag;
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), stage)
          || g_str_equal (g_ptr_array_index (self->stage_ids, i - 1), stage))
        return i;
    }
  return 0;
}

static void
clear_group (AdwPreferencesGroup *group,
             GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static int
compare_tags (gconstpointer a,
              gconstpointer b,
              gpointer      counts)
{
  const char *tag_a = *(const char * const *) a;
  const char *tag_b = *(const char * const *) b;
  guint count_a = GPOINTER_TO_UINT (g_hash_table_lookup (counts, tag_a));
  guint count_b = GPOINTER_TO_UINT (g_hash_table_lookup (counts, tag_b));

  if (count_a != count_b)
    return count_a > count_b ? -1 : 1;
  return g_utf8_collate (tag_a, tag_b);
}

/* Tags and how many records have each, biggest first. */
static GHashTable *
count_tags (WmFeedbackAssistant *self)
{
  int column = wm_feedback_get_column (self->feedback, WM_FEEDBACK_COLUMN_TAG);
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_ptr_array_set_size (self->tags, 0);
  for (guint row = 1; column >= 0 && row < wm_csv_get_n_rows (self->csv); row++)
    {
      guint n_cells;
      const char * const *cells = wm_csv_get_row (self->csv, row, &n_cells);
      const char *tag = (guint) column < n_cells ? cells[column] : "";
      guint count;

      if (tag[0] == '\0')
        continue;
      count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, tag));
      if (count == 0)
        g_ptr_array_add (self->tags, g_strdup (tag));
      g_hash_table_replace (counts, g_strdup (tag), GUINT_TO_POINTER (count + 1));
    }
  g_ptr_array_sort_with_data (self->tags, compare_tags, counts);
  return counts;
}

static void
fill_tags (WmFeedbackAssistant *self)
{
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GtkStringList) model = stage_model (self);
  g_autoptr(GKeyFile) keys = memory_load ();
  g_autofree char *group = memory_group (self);

  clear_group (self->tags_group, self->tag_rows);
  counts = count_tags (self);
  for (guint i = 0; i < self->tags->len; i++)
    {
      const char *tag = g_ptr_array_index (self->tags, i);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, tag));
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
      g_autofree char *title = wm_ui_text (tag);
      g_autofree char *subtitle = g_strdup_printf (ngettext ("%u record", "%u records", count), count);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_combo_row_set_model (row, G_LIST_MODEL (model));
      adw_combo_row_set_selected (row, remembered_stage (self, keys, group, tag, G_LIST_MODEL (model)));
      adw_preferences_group_add (self->tags_group, GTK_WIDGET (row));
      g_ptr_array_add (self->tag_rows, row);
    }
}

static void
sync_columns (WmFeedbackAssistant *self)
{
  self->syncing = TRUE;
  for (guint i = 0; i < self->column_rows->len; i++)
    adw_combo_row_set_selected (g_ptr_array_index (self->column_rows, i),
                                wm_feedback_get_column (self->feedback, i) + 1);
  self->syncing = FALSE;
}

static void
column_selected_cb (AdwComboRow         *row,
                    GParamSpec          *pspec,
                    WmFeedbackAssistant *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "wm-column"));
  g_autoptr(GError) error = NULL;

  if (self->syncing)
    return;
  if (!wm_feedback_set_column (self->feedback, column,
                               (int) adw_combo_row_get_selected (row) - 1, &error))
    {
      /* A toast only takes markup. */
      g_autofree char *markup = wm_ui_markup (error->message);

      if (self->window != NULL)
        wm_window_add_toast (self->window, adw_toast_new (markup));
    }
  /* Another field may have lost its column to this one. */
  sync_columns (self);
}

static void
fill_columns (WmFeedbackAssistant *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint n_cells;
  const char * const *header = wm_csv_get_row (self->csv, 0, &n_cells);

  clear_group (self->columns_group, self->column_rows);
  gtk_string_list_append (model, _("None"));
  for (guint i = 0; i < n_cells; i++)
    {
      g_autofree char *shown = wm_ui_text (header[i]);

      gtk_string_list_append (model, shown);
    }
  for (guint column = 0; column < WM_FEEDBACK_N_COLUMNS; column++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), column_title (column));
      adw_combo_row_set_model (row, G_LIST_MODEL (model));
      g_object_set_data (G_OBJECT (row), "wm-column", GUINT_TO_POINTER (column));
      adw_preferences_group_add (self->columns_group, GTK_WIDGET (row));
      g_ptr_array_add (self->column_rows, row);
      g_signal_connect (row, "notify::selected", G_CALLBACK (column_selected_cb), self);
    }
  sync_columns (self);
}

gboolean
wm_feedback_assistant_load_file (WmFeedbackAssistant  *self,
                                 GFile                *file,
                                 GError              **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(WmCsv) csv = NULL;
  g_autoptr(WmFeedback) feedback = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (WM_IS_FEEDBACK_ASSISTANT (self), FALSE);

  if (path == NULL)
    g_set_error (&local_error, WM_ERROR, WM_ERROR_IO,
                 _("%s: only local files can be imported"), name);
  else if ((csv = wm_csv_load_path (path, name, &local_error)) != NULL)
    feedback = wm_feedback_new (csv, &local_error);

  show_error (self, local_error);
  if (feedback == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_clear_pointer (&self->feedback, wm_feedback_free);
  g_clear_pointer (&self->csv, wm_csv_free);
  self->csv = g_steal_pointer (&csv);
  self->feedback = g_steal_pointer (&feedback);
  {
    g_autofree char *shown = wm_ui_text (name);
    g_autofree char *text = g_strdup_printf (ngettext ("%s: %u record", "%s: %u records",
                                                       wm_feedback_get_n_records (self->feedback)),
                                             shown, wm_feedback_get_n_records (self->feedback));
    wm_ui_label_set_text (self->file_label, text);
  }
  fill_columns (self);
  update_buttons (self);
  return TRUE;
}

/* A fresh import with the columns and the tag stages as chosen: the
 * importer keeps warnings and reports per apply. */
static WmFeedback *
build_feedback (WmFeedbackAssistant  *self,
                WmDocument           *document,
                GError              **error)
{
  g_autoptr(WmFeedback) feedback = wm_feedback_new (self->csv, error);

  if (feedback == NULL)
    return NULL;
  for (guint column = 0; column < WM_FEEDBACK_N_COLUMNS; column++)
    {
      int index = wm_feedback_get_column (self->feedback, column);

      if (index != wm_feedback_get_column (feedback, column)
          && !wm_feedback_set_column (feedback, column, index, error))
        return NULL;
    }
  for (guint i = 0; i < self->tag_rows->len; i++)
    {
      guint selected = adw_combo_row_get_selected (g_ptr_array_index (self->tag_rows, i));

      if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
        continue;
      if (!wm_feedback_set_tag_stage (feedback, g_ptr_array_index (self->tags, i),
                                      g_ptr_array_index (self->stage_ids, selected - 1),
                                      document, error))
        return NULL;
    }
  return g_steal_pointer (&feedback);
}

static const char *
chosen_persona (WmFeedbackAssistant *self)
{
  guint selected = adw_combo_row_get_selected (self->persona_row);

  return selected < self->persona_ids->len ? g_ptr_array_index (self->persona_ids, selected) : NULL;
}

static char *
join_warnings (WmFeedback *feedback)
{
  GPtrArray *warnings = wm_feedback_get_warnings (feedback);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < warnings->len; i++)
    g_string_append_printf (text, "%s\n", (const char *) g_ptr_array_index (warnings, i));
  return g_string_free (text, FALSE);
}

/* The columns the table can count by: the kinds, then those the file
 * has. Kept as they are while the choice still fits the file. */
static void
update_pivot_choices (WmFeedbackAssistant *self,
                      WmFeedback          *feedback)
{
  static const WmFeedbackColumn choices[] = {
    WM_FEEDBACK_COLUMN_KIND, WM_FEEDBACK_COLUMN_CATEGORY, WM_FEEDBACK_COLUMN_TAG,
    WM_FEEDBACK_COLUMN_SEGMENT, WM_FEEDBACK_COLUMN_CHANNEL, WM_FEEDBACK_COLUMN_PRODUCT,
  };
  g_autoptr(GArray) columns = g_array_new (FALSE, FALSE, sizeof (WmFeedbackColumn));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  WmFeedbackColumn chosen = pivot_column (self);

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    if (i == 0 || wm_feedback_get_column (feedback, choices[i]) >= 0)
      {
        g_array_append_val (columns, choices[i]);
        gtk_string_list_append (names, column_title (choices[i]));
      }
  if (self->pivot_columns != NULL && columns->len == self->pivot_columns->len &&
      memcmp (columns->data, self->pivot_columns->data, columns->len * sizeof (WmFeedbackColumn)) == 0)
    return;

  g_clear_pointer (&self->pivot_columns, g_array_unref);
  self->pivot_columns = g_steal_pointer (&columns);
  self->syncing = TRUE;
  gtk_drop_down_set_model (self->pivot_by, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->pivot_by, 0);
  for (guint i = 0; i < self->pivot_columns->len; i++)
    if (g_array_index (self->pivot_columns, WmFeedbackColumn, i) == chosen)
      gtk_drop_down_set_selected (self->pivot_by, i);
  self->syncing = FALSE;
}

/* A grid, not aligned text: Chinese glyphs are not two Latin cells wide
 * in a proportional (or even a monospace) UI font. */
static void
fill_pivot_grid (WmFeedbackAssistant *self,
                 WmFeedback          *feedback)
{
  guint n_cols = 0;
  g_autoptr(GPtrArray) cells = feedback != NULL
    ? wm_feedback_pivot_cells (feedback, pivot_column (self), &n_cols)
    : g_ptr_array_new ();
  guint n_rows = n_cols > 0 ? cells->len / n_cols : 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pivot_grid))) != NULL)
    gtk_grid_remove (self->pivot_grid, child);
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_cols; c++)
      {
        /* A file with hundreds of categories shows the first ones; the
         * copied CSV has them all. */
        gboolean last_col = c + 1 == n_cols, last_row = r + 1 == n_rows;
        guint col = last_col ? MIN (c, MAX_PIVOT_COLUMNS) : c;
        guint row = last_row ? MIN (r, MAX_SHOWN_LINES) : r;
        g_autofree char *text = NULL;
        GtkWidget *label;

        if ((c >= MAX_PIVOT_COLUMNS && !last_col) || (r >= MAX_SHOWN_LINES && !last_row))
          continue;
        text = wm_ui_text (g_ptr_array_index (cells, r * n_cols + c));
        label = gtk_label_new (text);
        gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
        gtk_label_set_xalign (GTK_LABEL (label), c == 0 ? 0.0 : 1.0);
        gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
        gtk_label_set_max_width_chars (GTK_LABEL (label), c == 0 ? 24 : 12);
        gtk_label_set_selectable (GTK_LABEL (label), TRUE);
        if (r == 0 || last_row || last_col)
          gtk_widget_add_css_class (label, "heading");
        if (r > 0 && c > 0)
          gtk_widget_add_css_class (label, "numeric");
        gtk_grid_attach (self->pivot_grid, label, col, row, 1, 1);
      }
  gtk_widget_set_visible (GTK_WIDGET (self->pivot_grid), n_rows > 0);
}

/* The import applied to a copy of the map, so the preview says exactly
 * what Apply will do. */
static void
update_preview (WmFeedbackAssistant *self)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *xml = wm_writer_to_string (self->target, &length);
  g_autoptr(WmDocument) copy = wm_reader_load_data (xml, length, "preview", &error);
  g_autoptr(WmHistory) history = copy != NULL ? wm_history_new (copy) : NULL;
  g_autoptr(WmFeedback) feedback = copy != NULL ? build_feedback (self, copy, &error) : NULL;
  g_autofree char *warnings = NULL;

  if (feedback == NULL || !wm_feedback_apply (feedback, history, chosen_persona (self), &error))
    {
      fill_pivot_grid (self, NULL);
      set_lines (self->report_label, error->message);
      set_lines (self->warnings_label, NULL);
      return;
    }
  update_pivot_choices (self, feedback);
  g_free (self->pivot_csv);
  self->pivot_csv = wm_feedback_format_pivot (feedback, pivot_column (self), TRUE);
  warnings = join_warnings (feedback);
  fill_pivot_grid (self, feedback);
  set_lines (self->report_label, wm_feedback_get_report (feedback));
  set_lines (self->warnings_label, warnings);
}

static void
pivot_by_cb (WmFeedbackAssistant *self)
{
  if (!self->syncing && g_strcmp0 (wm_feedback_assistant_get_page (self), "preview") == 0)
    update_preview (self);
}

static void
persona_selected_cb (WmFeedbackAssistant *self)
{
  if (g_strcmp0 (wm_feedback_assistant_get_page (self), "preview") == 0)
    update_preview (self);
}

static WmWindow *
target_window (WmFeedbackAssistant  *self,
               GError              **error)
{
  GtkApplication *application;

  if (!self->new_map)
    return self->window;
  application = gtk_window_get_application (GTK_WINDOW (self->window));
  return wm_window_new_from_template (application, TARGET_TEMPLATE, error);
}

static void
apply (WmFeedbackAssistant *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmFeedback) feedback = NULL;
  WmWindow *window = target_window (self, &error);
  WmHistory *history = window != NULL ? wm_window_get_history (window) : NULL;
  AdwToast *toast;

  if (window != NULL)
    feedback = build_feedback (self, wm_history_get_document (history), &error);
  if (feedback == NULL
      || !wm_feedback_apply (feedback, history, chosen_persona (self), &error))
    {
      set_lines (self->report_label, error->message);
      return;
    }
  memory_save (self);
  if (window != self->window)
    gtk_window_present (GTK_WINDOW (window));
  toast = adw_toast_new (_("Feedback imported: Undo removes it"));
  wm_window_add_toast (window, toast);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
go_to (WmFeedbackAssistant *self,
       int                  page)
{
  /* Back from the preview keeps the stages as they were chosen. */
  if (g_str_equal (page_names[page], "tags") && page > page_index (self))
    fill_tags (self);
  else if (g_str_equal (page_names[page], "preview"))
    {
      fill_personas (self);
      update_preview (self);
    }
  gtk_stack_set_visible_child_name (self->stack, page_names[page]);
  update_buttons (self);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WmFeedbackAssistant *self = WM_FEEDBACK_ASSISTANT (widget);
  int page = page_index (self);

  if (page == G_N_ELEMENTS (page_names) - 1)
    apply (self);
  else
    go_to (self, page + 1);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WmFeedbackAssistant *self = WM_FEEDBACK_ASSISTANT (widget);
  int page = page_index (self);

  if (page > 0)
    go_to (self, page - 1);
}

/* The pivot as CSV, for a spreadsheet or a report. */
static void
copy_pivot_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  WmFeedbackAssistant *self = WM_FEEDBACK_ASSISTANT (widget);

  if (self->pivot_csv != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->pivot_csv);
}

static void
chooser_response_cb (GtkNativeDialog     *chooser,
                     int                  response,
                     WmFeedbackAssistant *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL && wm_feedback_assistant_load_file (self, file, NULL))
    go_to (self, 1);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  WmFeedbackAssistant *self = WM_FEEDBACK_ASSISTANT (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  gtk_file_filter_set_name (filter, _("CSV Files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  self->chooser = gtk_file_chooser_native_new (_("Import Feedback"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Import"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
wm_feedback_assistant_dispose (GObject *object)
{
  WmFeedbackAssistant *self = WM_FEEDBACK_ASSISTANT (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_weak_pointer (&self->window);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_FEEDBACK_ASSISTANT);
  G_OBJECT_CLASS (wm_feedback_assistant_parent_class)->dispose (object);
}

static void
wm_feedback_assistant_finalize (GObject *object)
{
  WmFeedbackAssistant *self = WM_FEEDBACK_ASSISTANT (object);

  g_clear_object (&self->target);
  g_clear_pointer (&self->feedback, wm_feedback_free);
  g_clear_pointer (&self->csv, wm_csv_free);
  g_clear_pointer (&self->stage_ids, g_ptr_array_unref);
  g_clear_pointer (&self->persona_ids, g_ptr_array_unref);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_pointer (&self->tag_rows, g_ptr_array_unref);
  g_free (self->pivot_csv);
  g_clear_pointer (&self->pivot_columns, g_array_unref);
  G_OBJECT_CLASS (wm_feedback_assistant_parent_class)->finalize (object);
}

static void
wm_feedback_assistant_class_init (WmFeedbackAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_feedback_assistant_dispose;
  object_class->finalize = wm_feedback_assistant_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/waymark/Waymark/wm-feedback-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, WmFeedbackAssistant, window_title);
  gtk_widget_class_bind_template_child (widget_class, WmFeedbackAssistant, back_button);
  gtk_widget_class_bind_template_child (widget_class, WmFeedbackAssistant, next_button);
  gtk_widget_class_bind_template_child (widget_class, WmFeedbackAssistant, stack);
  gtk_widget_class_bind_template_child (widget_class, WmFeedbackAssistant, file_label);
  gtk_widget_class_bind_template_child (widget_class, WmFeedbackAssistant, error_label);
  gtk_widget_class_bind_template_child (widget_class, WmFeedbackAssistant, columns_group);
  gtk_widget_class_bind_template_child (widget_class, WmFeedbackAssistant, tags_group);
  gtk_widget_class_bind_template_child (widget_class, WmFeedbackAssistant, persona_row);
  gtk_widget_class_bind_template_child (widget_class, WmFeedbackAssistant, pivot_by);
  gtk_widget_class_bind_template_child (widget_class, WmFeedbackAssistant, pivot_grid);
  gtk_widget_class_bind_template_child (widget_class, WmFeedbackAssistant, report_label);
  gtk_widget_class_bind_template_child (widget_class, WmFeedbackAssistant, warnings_label);

  gtk_widget_class_install_action (widget_class, "assistant.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "assistant.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "assistant.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "assistant.copy-pivot", NULL, copy_pivot_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wm_feedback_assistant_init (WmFeedbackAssistant *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->stage_ids = g_ptr_array_new_with_free_func (g_free);
  self->persona_ids = g_ptr_array_new_with_free_func (g_free);
  self->column_rows = g_ptr_array_new ();
  self->tags = g_ptr_array_new_with_free_func (g_free);
  self->tag_rows = g_ptr_array_new ();
  g_signal_connect_swapped (self->persona_row, "notify::selected",
                            G_CALLBACK (persona_selected_cb), self);
  g_signal_connect_swapped (self->pivot_by, "notify::selected",
                            G_CALLBACK (pivot_by_cb), self);
}

GtkWindow *
wm_feedback_assistant_new (WmWindow *window)
{
  WmFeedbackAssistant *self;

  g_return_val_if_fail (WM_IS_WINDOW (window), NULL);

  self = g_object_new (WM_TYPE_FEEDBACK_ASSISTANT, "transient-for", window, NULL);
  g_set_weak_pointer (&self->window, window);
  choose_target (self);
  update_buttons (self);
  return GTK_WINDOW (self);
}
