/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-csv.c - a bounded CSV reader for feedback exports */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wm-csv.h"
#include "wm-error.h"
#include "wm-reader-guard.h"

#define UTF8_BOM "\xEF\xBB\xBF"

struct _WmCsv
{
  char       *name;
  const char *encoding;
  GPtrArray  *rows;   /* GStrv */
  GArray     *lines;  /* guint, parallel to rows */
};

void
wm_csv_free (WmCsv *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_ptr_array_unref (self->rows);
  g_array_unref (self->lines);
  g_free (self);
}

const char *
wm_csv_get_name (WmCsv *self)
{
  return self->name;
}

guint
wm_csv_get_n_rows (WmCsv *self)
{
  return self->rows->len;
}

const char * const *
wm_csv_get_row (WmCsv *self,
                guint  row,
                guint *n_cells)
{
  char **cells;

  g_return_val_if_fail (row < self->rows->len, NULL);

  cells = g_ptr_array_index (self->rows, row);
  if (n_cells != NULL)
    *n_cells = g_strv_length (cells);
  return (const char * const *) cells;
}

guint
wm_csv_get_line (WmCsv *self,
                 guint  row)
{
  g_return_val_if_fail (row < self->lines->len, 0);

  return g_array_index (self->lines, guint, row);
}

const char *
wm_csv_get_encoding (WmCsv *self)
{
  return self->encoding;
}

/* ---- decoding ---------------------------------------------------------- */

/* UTF-8 when it is valid UTF-8, GB18030 otherwise: a GB18030 file of
 * Chinese text is almost never valid UTF-8 by chance, and every byte
 * sequence that is valid UTF-8 and plain ASCII reads the same in both. */
static char *
decode (const char  *data,
        gsize        length,
        WmCsv       *self,
        gsize       *out_length,
        GError     **error)
{
  g_autoptr(GError) local = NULL;
  char *text;

  if (memchr (data, '\0', length) != NULL)
    {
      if (length >= 2 && ((guchar) data[0] == 0xFF || (guchar) data[0] == 0xFE))
        g_set_error (error, WM_ERROR, WM_ERROR_MALFORMED,
                     _("%s: the file is in UTF-16 (Excel’s “Unicode text”); "
                       "save it as “CSV UTF-8” instead"), self->name);
      else
        g_set_error (error, WM_ERROR, WM_ERROR_MALFORMED,
                     _("%s: the file holds NUL bytes, so it is not CSV text "
                       "(a spreadsheet such as .xlsx?); save it as CSV"), self->name);
      return NULL;
    }

  if (length >= 3 && memcmp (data, UTF8_BOM, 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (g_utf8_validate (data, length, NULL))
    {
      self->encoding = "UTF-8";
      *out_length = length;
      return g_strndup (data, length);
    }

  text = g_convert (data, length, "UTF-8", "GB18030", NULL, out_length, &local);
  if (text == NULL || !g_utf8_validate (text, *out_length, NULL))
    {
      g_free (text);
      g_set_error (error, WM_ERROR, WM_ERROR_MALFORMED,
                   _("%s: the file is neither UTF-8 nor GB18030 text; "
                     "save it as “CSV UTF-8”"), self->name);
      return NULL;
    }

  self->encoding = "GB18030";
  return text;
}

/* ---- parsing ----------------------------------------------------------- */

typedef struct
{
  WmCsv      *csv;
  const char *p;
  const char *end;
  char        separator;
  guint       line;       /* of the next character */
  guint       row_line;   /* where the row being read began */
  GString    *cell;
  GPtrArray  *cells;      /* char* of the row being read */
  guint       n_cells;    /* in all kept rows */
  WmCsvFlags  flags;
  gssize      quoted_from; /* the quoted part of the cell, or -1 */
  gssize      quoted_to;
} Parser;

/* The header line's most frequent separator, a comma when in doubt. */
static char
guess_separator (const char *text,
                 const char *end)
{
  guint commas = 0, semicolons = 0, tabs = 0;

  for (const char *p = text; p < end && *p != '\n' && *p != '\r'; p++)
    {
      if (*p == ',')
        commas++;
      else if (*p == ';')
        semicolons++;
      else if (*p == '\t')
        tabs++;
    }

  if (commas == 0 && (semicolons > 0 || tabs > 0))
    return semicolons >= tabs ? ';' : '\t';
  return ',';
}

static gboolean
is_blank_char (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x3000 || c == 0xFEFF || c == 0xA0;
}

/* The cell without white space at either end, made NUL-safe and owned;
 * with WM_CSV_KEEP_QUOTED_BLANKS, not the blanks between its quotes. */
static char *
trimmed (const Parser *self)
{
  const GString *cell = self->cell;
  const char *start = cell->str;
  const char *stop = cell->str + cell->len;
  const char *keep_from = stop, *keep_to = start;

  if ((self->flags & WM_CSV_KEEP_QUOTED_BLANKS) && self->quoted_from >= 0)
    keep_from = cell->str + self->quoted_from, keep_to = cell->str + self->quoted_to;
  while (start < stop && start < keep_from && is_blank_char (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (stop > start && stop > keep_to)
    {
      const char *prev = g_utf8_prev_char (stop);

      if (!is_blank_char (g_utf8_get_char (prev)))
        break;
      stop = prev;
    }

  return g_strndup (start, stop - start);
}

gboolean
wm_csv_has_blank_end (const char *cell)
{
  gsize length = strlen (cell);

  return length > 0 && (is_blank_char (g_utf8_get_char (cell)) ||
                        is_blank_char (g_utf8_get_char (g_utf8_prev_char (cell + length))));
}

static gboolean
append_char (Parser  *self,
             char     c,
             GError **error)
{
  if (self->cell->len >= WM_CSV_MAX_CELL_BYTES)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
                   _("%s:%u: a cell is longer than %u KiB; is the file really CSV?"),
                   self->csv->name, self->row_line, WM_CSV_MAX_CELL_BYTES / 1024);
      return FALSE;
    }

  g_string_append_c (self->cell, c);
  return TRUE;
}

static gboolean
end_cell (Parser  *self,
          GError **error)
{
  if (self->cells->len >= WM_CSV_MAX_COLUMNS)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
                   _("%s:%u: a row has more than %u cells"),
                   self->csv->name, self->row_line, WM_CSV_MAX_COLUMNS);
      return FALSE;
    }

  /* Each cell costs an allocation: a file of commas alone must not
   * make millions of them. */
  if (++self->n_cells > WM_CSV_MAX_CELLS)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
                   _("%s:%u: more than %u cells in all; split the file"),
                   self->csv->name, self->row_line, WM_CSV_MAX_CELLS);
      return FALSE;
    }

  g_ptr_array_add (self->cells, trimmed (self));
  g_string_truncate (self->cell, 0);
  self->quoted_from = self->quoted_to = -1;
  return TRUE;
}

static gboolean
row_is_empty (GPtrArray *cells)
{
  for (guint i = 0; i < cells->len; i++)
    if (((const char *) g_ptr_array_index (cells, i))[0] != '\0')
      return FALSE;
  return TRUE;
}

static gboolean
end_row (Parser  *self,
         GError **error)
{
  if (!end_cell (self, error))
    return FALSE;

  if (row_is_empty (self->cells))
    {
      self->n_cells -= self->cells->len;
      g_ptr_array_set_size (self->cells, 0);
    }
  else if (self->csv->rows->len >= WM_CSV_MAX_ROWS)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
                   _("%s:%u: more than %u rows; split the file"),
                   self->csv->name, self->row_line, WM_CSV_MAX_ROWS);
      return FALSE;
    }
  else
    {
      g_ptr_array_add (self->cells, NULL);
      g_ptr_array_add (self->csv->rows, g_ptr_array_steal (self->cells, NULL));
      g_array_append_val (self->csv->lines, self->row_line);
    }

  self->row_line = self->line;
  return TRUE;
}

/* At a line break (CR, LF or CRLF): steps over it and counts the line. */
static gboolean
take_newline (Parser *self)
{
  if (*self->p == '\r')
    {
      self->p++;
      if (self->p < self->end && *self->p == '\n')
        self->p++;
    }
  else if (*self->p == '\n')
    self->p++;
  else
    return FALSE;

  self->line++;
  return TRUE;
}

/* After the opening quote: up to the closing one. A quote that closes
 * too early ("ab"cd) keeps what follows, as Excel does. */
static gboolean
read_quoted (Parser  *self,
             GError **error)
{
  guint start_line = self->line;

  while (self->p < self->end)
    {
      if (*self->p == '"')
        {
          if (self->p + 1 < self->end && self->p[1] == '"')
            {
              if (!append_char (self, '"', error))
                return FALSE;
              self->p += 2;
              continue;
            }
          self->p++;
          return TRUE;
        }
      if (*self->p == '\r' || *self->p == '\n')
        {
          take_newline (self);
          if (!append_char (self, '\n', error))
            return FALSE;
          continue;
        }
      if (!append_char (self, *self->p++, error))
        return FALSE;
    }

  g_set_error (error, WM_ERROR, WM_ERROR_MALFORMED,
               _("%s:%u: a quoted cell begins here and never ends (a missing \")"),
               self->csv->name, start_line);
  return FALSE;
}

/* A quote opens a quoted cell only where the cell (blanks aside) begins. */
static gboolean
cell_is_blank_so_far (Parser *self)
{
  for (gsize i = 0; i < self->cell->len; i++)
    if (self->cell->str[i] != ' ' && self->cell->str[i] != '\t')
      return FALSE;
  return TRUE;
}

static gboolean
parse (Parser  *self,
       GError **error)
{
  while (self->p < self->end)
    {
      char c = *self->p;

      if (c == self->separator)
        {
          self->p++;
          if (!end_cell (self, error))
            return FALSE;
        }
      else if (c == '\r' || c == '\n')
        {
          take_newline (self);
          if (!end_row (self, error))
            return FALSE;
        }
      else if (c == '"' && cell_is_blank_so_far (self))
        {
          g_string_truncate (self->cell, 0);
          self->p++;
          self->quoted_from = 0;
          if (!read_quoted (self, error))
            return FALSE;
          self->quoted_to = self->cell->len;
        }
      else
        {
          self->p++;
          if (!append_char (self, c, error))
            return FALSE;
        }
    }

  return end_row (self, error);
}

WmCsv *
wm_csv_parse (const char  *data,
              gsize        length,
              const char  *name,
              GError     **error)
{
  return wm_csv_parse_full (data, length, name, 0, error);
}

WmCsv *
wm_csv_parse_full (const char  *data,
                   gsize        length,
                   const char  *name,
                   WmCsvFlags   flags,
                   GError     **error)
{
  g_autoptr(WmCsv) self = g_new0 (WmCsv, 1);
  g_autoptr(GString) cell = NULL;
  g_autoptr(GPtrArray) cells = NULL;
  g_autofree char *text = NULL;
  gsize text_length = 0;
  Parser parser;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self->name = g_strdup (name);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->lines = g_array_new (FALSE, FALSE, sizeof (guint));

  if (length > WM_CSV_MAX_BYTES)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
                   _("%s: the file is larger than %u MiB"), name, WM_CSV_MAX_BYTES >> 20);
      return NULL;
    }

  text = decode (data != NULL ? data : "", length, self, &text_length, error);
  if (text == NULL)
    return NULL;

  cell = g_string_new (NULL);
  cells = g_ptr_array_new_with_free_func (g_free);
  parser = (Parser) {
    .csv = self,
    .p = text,
    .end = text + text_length,
    .separator = guess_separator (text, text + text_length),
    .line = 1,
    .row_line = 1,
    .cell = cell,
    .cells = cells,
    .flags = flags,
    .quoted_from = -1,
    .quoted_to = -1,
  };

  if (!parse (&parser, error))
    return NULL;

  return g_steal_pointer (&self);
}

WmCsv *
wm_csv_load_path (const char  *path,
                  const char  *name,
                  GError     **error)
{
  g_autoptr(GBytes) bytes = wm_reader_read_path (path, name, error);
  const char *data;
  gsize length;

  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &length);
  return wm_csv_parse (data != NULL ? data : "", length, name, error);
}
