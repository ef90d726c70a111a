/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-feedback-pivot.c - the imported records counted by stage and a column */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wm-feedback-private.h"

typedef struct
{
  GPtrArray  *rows;     /* char*: stage titles, then Unsorted */
  GPtrArray  *columns;  /* char*: the values, first seen first */
  GHashTable *index;    /* column value → position + 1 */
  guint      *counts;   /* rows × columns */
} Pivot;

static void
pivot_clear (Pivot *pivot)
{
  g_clear_pointer (&pivot->rows, g_ptr_array_unref);
  g_clear_pointer (&pivot->columns, g_ptr_array_unref);
  g_clear_pointer (&pivot->index, g_hash_table_unref);
  g_clear_pointer (&pivot->counts, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pivot, pivot_clear)

/* The kinds read in the file's language; other columns as written. */
static const char *
pivot_value (WmFeedback       *self,
             WmFeedbackRecord *record,
             WmFeedbackColumn  column)
{
  const char *value;

  if (column == WM_FEEDBACK_COLUMN_KIND)
    {
      if (record->kind < 0)
        return _("Other");
      return wm_feedback_kind_names[record->kind][self->chinese ? 0 : 1];
    }
  value = wm_feedback_field (self, record, column);
  return value[0] != '\0' ? value : _("(blank)");
}

static guint
pivot_column (Pivot      *pivot,
              const char *value)
{
  guint position = GPOINTER_TO_UINT (g_hash_table_lookup (pivot->index, value));

  if (position == 0)
    {
      g_ptr_array_add (pivot->columns, g_strdup (value));
      position = pivot->columns->len;
      g_hash_table_insert (pivot->index, g_ptr_array_index (pivot->columns, position - 1),
                           GUINT_TO_POINTER (position));
    }
  return position - 1;
}

static void
pivot_build (Pivot            *pivot,
             WmFeedback       *self,
             WmFeedbackColumn  column)
{
  guint n_stages = self->stage_titles->len;

  pivot->rows = g_ptr_array_new_with_free_func (g_free);
  pivot->columns = g_ptr_array_new_with_free_func (g_free);
  pivot->index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n_stages; i++)
    g_ptr_array_add (pivot->rows, g_strdup (g_ptr_array_index (self->stage_titles, i)));
  g_ptr_array_add (pivot->rows, g_strdup (_("Unsorted")));

  /* The kinds in their usual order, whether or not every one occurs. */
  if (column == WM_FEEDBACK_COLUMN_KIND)
    for (guint k = 0; k < G_N_ELEMENTS (wm_feedback_kind_names); k++)
      pivot_column (pivot, wm_feedback_kind_names[k][self->chinese ? 0 : 1]);
  for (guint i = 0; i < self->records->len; i++)
    pivot_column (pivot, pivot_value (self, g_ptr_array_index (self->records, i), column));

  pivot->counts = g_new0 (guint, pivot->rows->len * pivot->columns->len);
  for (guint i = 0; i < self->records->len; i++)
    {
      WmFeedbackRecord *record = g_ptr_array_index (self->records, i);
      guint row = record->stage_index >= 0 && (guint) record->stage_index < n_stages
                    ? (guint) record->stage_index : n_stages;
      guint col = pivot_column (pivot, pivot_value (self, record, column));

      pivot->counts[row * pivot->columns->len + col]++;
    }
}

static guint
display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return width;
}

static void
append_cell (GString    *out,
             const char *text,
             guint       width,
             gboolean    csv,
             gboolean    first,
             gboolean    right)
{
  if (csv)
    {
      if (!first)
        g_string_append_c (out, ',');
      if (strpbrk (text, ",\"\r\n") != NULL)
        {
          g_autoptr(GString) quoted = g_string_new (text);

          g_string_replace (quoted, "\"", "\"\"", 0);
          g_string_append_printf (out, "\"%s\"", quoted->str);
        }
      else
        g_string_append (out, text);
      return;
    }

  if (!first)
    g_string_append (out, "  ");
  for (guint w = display_width (text); right && w < width; w++)
    g_string_append_c (out, ' ');
  g_string_append (out, text);
  for (guint w = display_width (text); !right && w < width; w++)
    g_string_append_c (out, ' ');
}

static void
append_pivot_row (GString     *out,
                  const char **cells,
                  guint        n,
                  const guint *widths,
                  gboolean     csv)
{
  for (guint c = 0; c < n; c++)
    append_cell (out, cells[c], widths[c], csv, c == 0, c > 0);
  if (!csv)
    while (out->len > 0 && out->str[out->len - 1] == ' ')
      g_string_truncate (out, out->len - 1);
  g_string_append (out, csv ? "\r\n" : "\n");
}

GPtrArray *
wm_feedback_pivot_cells (WmFeedback       *self,
                         WmFeedbackColumn  column,
                         guint            *n_columns)
{
  g_auto(Pivot) pivot = { 0 };
  GPtrArray *table = g_ptr_array_new_with_free_func (g_free);
  guint n_rows;

  g_return_val_if_fail (column < WM_FEEDBACK_N_COLUMNS, table);
  g_return_val_if_fail (n_columns != NULL, table);

  *n_columns = 0;
  if (self->stage_titles == NULL)
    return table;

  pivot_build (&pivot, self, column);
  *n_columns = pivot.columns->len + 2;
  n_rows = pivot.rows->len + 2;

  /* A header, a row per stage, a total row. */
  g_ptr_array_add (table, g_strdup (_("Stage")));
  for (guint c = 0; c < pivot.columns->len; c++)
    g_ptr_array_add (table, g_strdup (g_ptr_array_index (pivot.columns, c)));
  g_ptr_array_add (table, g_strdup (_("Total")));
  for (guint r = 0; r + 1 < n_rows; r++)
    {
      guint total = 0;

      g_ptr_array_add (table, g_strdup (r + 2 < n_rows ? g_ptr_array_index (pivot.rows, r) : _("Total")));
      for (guint c = 0; c < pivot.columns->len; c++)
        {
          guint count = 0;

          if (r + 2 < n_rows)
            count = pivot.counts[r * pivot.columns->len + c];
          else
            for (guint k = 0; k < pivot.rows->len; k++)
              count += pivot.counts[k * pivot.columns->len + c];
          total += count;
          g_ptr_array_add (table, g_strdup_printf ("%u", count));
        }
      g_ptr_array_add (table, g_strdup_printf ("%u", total));
    }
  return table;
}

char *
wm_feedback_format_pivot (WmFeedback       *self,
                          WmFeedbackColumn  column,
                          gboolean          csv)
{
  guint n_cols = 0;
  g_autoptr(GPtrArray) table = wm_feedback_pivot_cells (self, column, &n_cols);
  g_autofree guint *widths = g_new0 (guint, MAX (n_cols, 1));
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < table->len; i++)
    widths[i % n_cols] = MAX (widths[i % n_cols], display_width (g_ptr_array_index (table, i)));
  for (guint r = 0; n_cols > 0 && r < table->len / n_cols; r++)
    append_pivot_row (out, (const char **) table->pdata + r * n_cols, n_cols, widths, csv);

  return g_string_free (out, FALSE);
}
