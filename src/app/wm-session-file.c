/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <string.h>

#include "wm-error.h"
#include "wm-session-file.h"

#define SESSION_GROUP "session"
#define DRAFT_PREFIX  "draft "
/* Longer lines are cut: a title or a URI has no business being longer. */
#define LINE_MAX_BYTES 8192
#define URI_MAX_BYTES  4096
#define ETAG_MAX_BYTES 128

void
wm_session_record_free (WmSessionRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->draft_id);
  g_free (record->uri);
  g_free (record->title);
  g_free (record->base_etag);
  g_free (record);
}

WmSessionRecord *
wm_session_record_copy (const WmSessionRecord *record)
{
  WmSessionRecord *copy = g_new0 (WmSessionRecord, 1);

  copy->draft_id = g_strdup (record->draft_id);
  copy->uri = g_strdup (record->uri);
  copy->title = g_strdup (record->title);
  copy->base_etag = g_strdup (record->base_etag);
  return copy;
}

void
wm_session_file_clear (WmSessionFile *file)
{
  g_clear_pointer (&file->records, g_ptr_array_unref);
  file->n_more = 0;
  file->clean_shutdown = FALSE;
}

char *
wm_session_clip_title (const char *title,
                       gsize       length)
{
  g_autofree char *valid = NULL;
  gsize looked = MIN (length, (gsize) WM_SESSION_TITLE_CHARS * 4 + 4);
  GString *out;
  const char *p;
  guint n = 0;

  if (title == NULL)
    return NULL;
  /* Never look at more than a few hundred characters' worth of bytes. */
  valid = g_utf8_make_valid (title, looked);
  out = g_string_new (NULL);
  for (p = valid; *p != '\0' && n < WM_SESSION_TITLE_CHARS; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      /* One line, no invisible direction tricks in a list of names. */
      if (g_unichar_iscntrl (c) || g_unichar_type (c) == G_UNICODE_LINE_SEPARATOR ||
          g_unichar_type (c) == G_UNICODE_PARAGRAPH_SEPARATOR ||
          (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
        c = ' ';
      g_string_append_unichar (out, c);
    }
  if (*p != '\0' || length > looked)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

/* Appends @line (@length bytes, no newline) cut to LINE_MAX_BYTES, so
 * that a cut value still unescapes: no half character, no lone
 * backslash at the end. */
static void
append_line (GString    *out,
             const char *line,
             gsize       length)
{
  const char *end;
  gsize n_backslashes = 0;

  if (length > LINE_MAX_BYTES)
    {
      length = LINE_MAX_BYTES;
      g_utf8_validate (line, length, &end);
      length = end - line;
      while (n_backslashes < length && line[length - 1 - n_backslashes] == '\\')
        n_backslashes++;
      length -= n_backslashes % 2;
    }
  g_string_append_len (out, line, length);
  g_string_append_c (out, '\n');
}

/* Keeps the first WM_SESSION_MAX_DRAFTS draft groups and counts the
 * rest, so a listing of a million drafts costs no more than a hundred. */
static char *
filter_lines (const char *data,
              gsize       length,
              guint      *n_more)
{
  GString *out = g_string_new (NULL);
  const char *p = data;
  const char *end = data + MIN (length, (gsize) WM_SESSION_FILE_MAX);
  guint n_drafts = 0;
  gboolean skipping = FALSE;

  *n_more = 0;
  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      gsize line_length = (nl ? nl : end) - p;

      if (line_length > 0 && p[0] == '[')
        {
          skipping = FALSE;
          if (line_length > 1 + strlen (DRAFT_PREFIX) &&
              strncmp (p + 1, DRAFT_PREFIX, strlen (DRAFT_PREFIX)) == 0 &&
              n_drafts++ >= WM_SESSION_MAX_DRAFTS)
            {
              skipping = TRUE;
              (*n_more)++;
            }
        }
      if (!skipping)
        append_line (out, p, line_length);
      p += line_length + 1;
    }
  return g_string_free (out, FALSE);
}

static char *
get_bounded (GKeyFile   *key_file,
             const char *group,
             const char *key,
             gsize       max)
{
  g_autofree char *value = g_key_file_get_string (key_file, group, key, NULL);

  if (value == NULL || *value == '\0' || strlen (value) > max)
    return NULL;
  return g_steal_pointer (&value);
}

static gboolean
is_printable_ascii (const char *s)
{
  for (; s != NULL && *s != '\0'; s++)
    if (*s < 0x20 || *s > 0x7e)
      return FALSE;
  return TRUE;
}

static WmSessionRecord *
read_record (GKeyFile   *key_file,
             const char *group)
{
  g_autofree char *id = get_bounded (key_file, group, "id", 36);
  g_autofree char *title = NULL;
  WmSessionRecord *record;

  /* The id names a file: only a UUID can never climb out of the
   * drafts folder. */
  if (id == NULL || !g_uuid_string_is_valid (id))
    return NULL;

  record = g_new0 (WmSessionRecord, 1);
  record->draft_id = g_ascii_strdown (id, -1);
  record->uri = get_bounded (key_file, group, "file", URI_MAX_BYTES);
  title = get_bounded (key_file, group, "title", LINE_MAX_BYTES);
  if (title != NULL)
    record->title = wm_session_clip_title (title, strlen (title));
  record->base_etag = get_bounded (key_file, group, "base-etag", ETAG_MAX_BYTES);
  if (!is_printable_ascii (record->base_etag))
    g_clear_pointer (&record->base_etag, g_free);
  return record;
}

static gboolean
has_record (GPtrArray  *records,
            const char *draft_id)
{
  for (guint i = 0; i < records->len; i++)
    if (strcmp (((WmSessionRecord *) g_ptr_array_index (records, i))->draft_id, draft_id) == 0)
      return TRUE;
  return FALSE;
}

gboolean
wm_session_file_parse (const char     *data,
                       gsize           length,
                       WmSessionFile  *out,
                       GError        **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) groups = NULL;

  memset (out, 0, sizeof *out);
  text = filter_lines (data, length, &out->n_more);
  if (!g_key_file_load_from_data (key_file, text, -1, G_KEY_FILE_NONE, &local_error) ||
      !g_key_file_has_group (key_file, SESSION_GROUP))
    {
      g_set_error (error, WM_ERROR, WM_ERROR_MALFORMED,
                   "not a Waymark session file: %s",
                   local_error ? local_error->message : "no [session] group");
      return FALSE;
    }

  out->clean_shutdown = g_key_file_get_boolean (key_file, SESSION_GROUP, "clean-shutdown", NULL);
  out->records = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_session_record_free);
  groups = g_key_file_get_groups (key_file, NULL);
  for (guint i = 0; groups[i] != NULL && out->records->len < WM_SESSION_MAX_DRAFTS; i++)
    {
      WmSessionRecord *record;

      if (!g_str_has_prefix (groups[i], DRAFT_PREFIX))
        continue;
      record = read_record (key_file, groups[i]);
      if (record != NULL && !has_record (out->records, record->draft_id))
        g_ptr_array_add (out->records, record);
      else
        wm_session_record_free (record);
    }
  return TRUE;
}

char *
wm_session_file_to_data (GPtrArray *records,
                         gboolean   clean_shutdown,
                         gsize     *length)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();

  g_key_file_set_boolean (key_file, SESSION_GROUP, "clean-shutdown", clean_shutdown);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      WmSessionRecord *record = g_ptr_array_index (records, i);
      g_autofree char *group = g_strconcat (DRAFT_PREFIX, record->draft_id, NULL);

      g_key_file_set_string (key_file, group, "id", record->draft_id);
      if (record->uri != NULL)
        g_key_file_set_string (key_file, group, "file", record->uri);
      if (record->title != NULL)
        {
          g_autofree char *title = wm_session_clip_title (record->title, strlen (record->title));
          g_key_file_set_string (key_file, group, "title", title);
        }
      if (record->base_etag != NULL)
        g_key_file_set_string (key_file, group, "base-etag", record->base_etag);
    }
  return g_key_file_to_data (key_file, length, NULL);
}
