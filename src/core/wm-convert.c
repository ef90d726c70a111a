/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-convert.c - maps in and out of Mermaid, JSON and CSV by name */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <string.h>

#include "wm-convert.h"
#include "wm-csv-map.h"
#include "wm-json.h"
#include "wm-mermaid.h"
#include "wm-reader.h"

static const struct
{
  const char   *name;
  const char   *extension;
  WmTextFormat  format;
} formats[] = {
  { "mermaid", "mmd", WM_TEXT_MERMAID },
  { "json", "json", WM_TEXT_JSON },
  { "csv", "csv", WM_TEXT_CSV },
  { "csv-grid", "csv", WM_TEXT_CSV_GRID },
};

gboolean
wm_text_format_from_string (const char   *name,
                            WmTextFormat *format)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (name, formats[i].name) == 0)
      return (*format = formats[i].format), TRUE;
  return FALSE;
}

static const char *
extension_of (const char *path)
{
  const char *slash = path != NULL ? strrchr (path, G_DIR_SEPARATOR) : NULL;
  const char *base = slash != NULL ? slash + 1 : path;
  const char *dot = base != NULL ? strrchr (base, '.') : NULL;

  return dot != NULL && dot != base ? dot + 1 : "";
}

gboolean
wm_text_format_from_path (const char   *path,
                          WmTextFormat *format)
{
  const char *extension = extension_of (path);

  if (g_ascii_strcasecmp (extension, "mermaid") == 0)
    return (*format = WM_TEXT_MERMAID), TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (formats) - 1; i++)
    if (g_ascii_strcasecmp (extension, formats[i].extension) == 0)
      return (*format = formats[i].format), TRUE;
  return FALSE;
}

const char *
wm_text_format_to_extension (WmTextFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return formats[i].extension;
  g_return_val_if_reached ("txt");
}

char *
wm_text_export (WmDocument    *document,
                WmTextFormat   format,
                gsize         *length,
                GError       **error)
{
  char *text;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  switch (format)
    {
    case WM_TEXT_JSON:
      return wm_json_write (document, length, error);
    case WM_TEXT_CSV:
      return wm_csv_map_write_cards (document, length, error);
    case WM_TEXT_CSV_GRID:
      return wm_csv_map_write_grid (document, length, error);
    case WM_TEXT_MERMAID:
    default:
      text = wm_mermaid_write (document);
      if (length != NULL)
        *length = strlen (text);
      return text;
    }
}

/* "journey.mmd" → "journey": a default title. */
static char *
title_from (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

WmDocument *
wm_import_data_as (WmTextFormat  format,
                   const char   *data,
                   gsize         length,
                   const char   *path,
                   const char   *name,
                   GPtrArray    *warnings,
                   GError      **error)
{
  g_autofree char *title = title_from (path);

  g_return_val_if_fail (path != NULL && name != NULL, NULL);
  g_return_val_if_fail (format != WM_TEXT_CSV_GRID, NULL);

  if (data == NULL)
    data = "";
  if (format == WM_TEXT_JSON)
    return wm_json_read_full (data, length, name, warnings, error);
  if (format == WM_TEXT_CSV)
    return wm_csv_map_read_full (data, length, name, title, warnings, error);
  return wm_mermaid_read (data, length, name, wm_mermaid_source_from_path (path),
                          title, warnings, error);
}

WmDocument *
wm_import_data (const char  *data,
                gsize        length,
                const char  *path,
                const char  *name,
                GPtrArray   *warnings,
                GError     **error)
{
  WmTextFormat format = WM_TEXT_MERMAID;

  g_return_val_if_fail (path != NULL && name != NULL, NULL);

  if (g_ascii_strcasecmp (extension_of (path), "waymark") == 0)
    return wm_reader_load_data (data != NULL ? data : "", length, name, error);
  if (!wm_text_format_from_path (path, &format))
    format = WM_TEXT_MERMAID;
  return wm_import_data_as (format, data, length, path, name, warnings, error);
}
