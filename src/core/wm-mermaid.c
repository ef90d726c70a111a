/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-mermaid.c - Mermaid `journey` diagrams read into maps: the grammar of
 * journey.jison and the meaning journeyDb.js gives it */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wm-error.h"
#include "wm-mermaid.h"
#include "wm-mermaid-lexer.h"
#include "wm-rules.h"
#include "wm-writer.h"

/* Mermaid draws an error instead of a diagram longer than this (its
 * default maxTextSize, counted in UTF-16 units). */
#define MERMAID_MAX_TEXT_SIZE 50000

typedef struct
{
  const char          *name;
  const char          *data;
  GArray              *line_starts;
  GPtrArray           *warnings;
  const WmMermaidText *code;
  char                *title;
  char                *acc_title;
  char                *acc_descr;
  GPtrArray           *sections;
  GPtrArray           *tasks;
  GHashTable          *actors;
} Reader;

static void
section_free (Section *section)
{
  g_free (section->name);
  g_free (section);
}

static void
task_free (Task *task)
{
  g_free (task->name);
  g_clear_pointer (&task->people, g_ptr_array_unref);
  g_free (task);
}

WmMermaidSource
wm_mermaid_source_from_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".md") || g_str_has_suffix (lower, ".markdown"))
    return WM_MERMAID_MARKDOWN;
  if (g_str_has_suffix (lower, ".mmd") || g_str_has_suffix (lower, ".mermaid"))
    return WM_MERMAID_DIAGRAM;
  return WM_MERMAID_AUTO;
}

/* ---- messages ----------------------------------------------------------- */

static guint
line_of_origin (Reader  *self,
                guint32  origin)
{
  guint lo = 0, hi = self->line_starts->len;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (self->line_starts, gsize, mid) <= origin)
        lo = mid;
      else
        hi = mid;
    }
  return lo + 1;
}

static guint
line_at (Reader *self,
         gsize   offset)
{
  return line_of_origin (self, _wm_mermaid_text_origin (self->code, offset));
}

G_GNUC_PRINTF (3, 0) static char *
located (Reader     *self,
         guint       line,
         const char *format,
         va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  return g_strdup_printf ("%s:%u: %s", self->name, line, message);
}

G_GNUC_PRINTF (3, 4) static void
warn (Reader     *self,
      gsize       offset,
      const char *format,
      ...)
{
  va_list args;

  if (self->warnings == NULL)
    return;
  va_start (args, format);
  g_ptr_array_add (self->warnings, located (self, line_at (self, offset), format, args));
  va_end (args);
}

G_GNUC_PRINTF (5, 6) static gboolean
fail_at_line (Reader      *self,
              GError     **error,
              int          code,
              guint        line,
              const char  *format,
              ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = located (self, line, format, args);
  va_end (args);
  g_set_error_literal (error, WM_ERROR, code, message);
  return FALSE;
}

#define fail(self, error, offset, ...) \
  fail_at_line ((self), (error), WM_ERROR_INVALID, line_at ((self), (offset)), __VA_ARGS__)

/* A name as a message quotes it: its first line, at most 40 characters. */
static char *
shown (const char *text)
{
  gsize n = strcspn (text, "\n");
  const char *cut = g_utf8_offset_to_pointer (text, MIN (g_utf8_strlen (text, n), 40));

  GString *out;

  if ((gsize) (cut - text) >= n && text[n] == '\0')
    return g_strdup (text);
  out = g_string_new_len (text, MIN ((gsize) (cut - text), n));
  g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

/* ---- values ------------------------------------------------------------- */

/* Raw text of the diagram to the map's text: entity codes decoded as a
 * browser shows them, then what the map's rules allow, trimmed. */
static char *
value (Reader *self,
       gsize   offset,
       const char *raw,
       gsize   length)
{
  g_autoptr(GString) decoded = g_string_new (NULL);
  g_autoptr(GString) unknown = g_string_new (NULL);
  g_autofree char *valid = NULL;

  if (!_wm_mermaid_decode (raw, length, decoded, unknown))
    warn (self, offset, _("“#%s;” is no entity code a browser knows; Mermaid shows it as “&%s;”"),
          unknown->str, unknown->str);
  valid = wm_rules_normalize_text (decoded->str, decoded->len);
  if (strcmp (valid, decoded->str) != 0)
    warn (self, offset, _("a character a map cannot hold was replaced by “\xef\xbf\xbd”"));
  return _wm_mermaid_strip (valid, -1);
}

static char *
token_value (Reader      *self,
             const Token *token,
             gsize        skip)
{
  return value (self, token->start, self->code->s->str + token->start + skip,
                token->end - token->start - skip);
}

/* "title" or "section" and the one white-space character after it. */
static gsize
keyword_length (Reader      *self,
                const Token *token,
                gsize        word)
{
  const char *space = self->code->s->str + token->start + word;

  return word + (g_utf8_next_char (space) - space);
}

/* Mermaid's setAccDescription: trimmed, "\n" and the white space after
 * it made one "\n". */
static char *
description (Reader      *self,
             const Token *token)
{
  g_autofree char *raw = _wm_mermaid_strip (self->code->s->str + token->start,
                                            token->end - token->start);
  g_autoptr(GString) folded = g_string_new (NULL);

  for (const char *p = raw; *p != '\0';)
    {
      const char *q = p;

      if (*p != '\n')
        {
          g_string_append_c (folded, *p++);
          continue;
        }
      while (*q != '\0' && _wm_mermaid_is_space (g_utf8_get_char (q)))
        q = g_utf8_next_char (q);
      g_string_append_c (folded, '\n');
      p = q;
    }
  return value (self, token->start, folded->str, folded->len);
}

/* ---- the statements ----------------------------------------------------- */

static gboolean
add_section (Reader       *self,
             const char   *name,
             gsize         at,
             gboolean      implicit,
             GError      **error)
{
  Section *section;

  if (self->sections->len >= WM_MERMAID_MAX_SECTIONS)
    return fail_at_line (self, error, WM_ERROR_TOO_LARGE, line_at (self, at),
                         _("more than %d sections; Waymark reads at most %d"),
                         WM_MERMAID_MAX_SECTIONS, WM_MERMAID_MAX_SECTIONS);
  section = g_new0 (Section, 1);
  section->name = g_strdup (name);
  section->at = at;
  section->implicit = implicit;
  g_ptr_array_add (self->sections, section);
  return TRUE;
}

static void
warn_if_newline (Reader      *self,
                 const Token *token,
                 gsize        word,
                 const char  *what)
{
  if (memchr (self->code->s->str + token->start + word, '\n',
              keyword_length (self, token, word) - word) != NULL)
    warn (self, token->start,
          _("“%s” has nothing after it on its line, so Mermaid reads the next line as its name"),
          what);
}

/* journeyDb.addTask: "score" or "score: a, b" after the first colon;
 * anything after a second colon is dropped. */
static gboolean
split_task_data (Reader      *self,
                 Task        *task,
                 const Token *data,
                 GError     **error)
{
  const char *raw = self->code->s->str + data->start + 1;
  gsize n = data->end - data->start - 1;
  const char *colon = memchr (raw, ':', n);
  const char *second;

  task->score = _wm_mermaid_number (raw, colon != NULL ? (gsize) (colon - raw) : n);
  if (colon == NULL)
    return TRUE;

  second = memchr (colon + 1, ':', raw + n - colon - 1);
  if (second != NULL)
    {
      g_autofree char *name = shown (task->name);

      warn (self, data->start, _("the task “%s”: Mermaid ignores what follows its third colon"),
            name);
    }
  task->people = g_ptr_array_new_with_free_func (g_free);
  for (const char *p = colon + 1, *end = second != NULL ? second : raw + n; p <= end;)
    {
      const char *comma = memchr (p, ',', end - p);
      const char *stop = comma != NULL ? comma : end;
      g_autofree char *raw_name = _wm_mermaid_strip (p, stop - p);

      g_ptr_array_add (task->people, value (self, data->start, raw_name, strlen (raw_name)));
      if (!g_hash_table_contains (self->actors, g_ptr_array_index (task->people, task->people->len - 1)))
        {
          if (g_hash_table_size (self->actors) >= WM_MERMAID_MAX_ACTORS)
            return fail_at_line (self, error, WM_ERROR_TOO_LARGE, line_at (self, data->start),
                                 _("more than %d actors; Waymark reads at most %d"),
                                 WM_MERMAID_MAX_ACTORS, WM_MERMAID_MAX_ACTORS);
          g_hash_table_add (self->actors, g_strdup (g_ptr_array_index (task->people,
                                                                       task->people->len - 1)));
        }
      p = stop + 1;
    }
  return TRUE;
}

static void
warn_about_task (Reader *self,
                 Task   *task)
{
  g_autofree char *name = shown (task->name);
  gboolean named = FALSE;

  if (isnan (task->score))
    warn (self, task->at, _("the score of “%s” is not a number; Mermaid cannot place it, "
                            "and the map’s curve leaves it out"), name);
  else if (task->score < 1 || task->score > 5)
    {
      g_autofree char *score = _wm_mermaid_format_score (task->score);

      warn (self, task->at, _("the score %s of “%s” is outside 1–5; the map’s curve counts it as %d"),
            score, name, task->score < 1 ? 1 : 5);
    }

  for (guint i = 0; task->people != NULL && i < task->people->len; i++)
    named |= ((char *) g_ptr_array_index (task->people, i))[0] != '\0';
  if (!named)
    warn (self, task->at, _("the task “%s” has no actor; it goes to the persona “%s”"),
          name, _("Everyone"));
  else if (g_ptr_array_find_with_equal_func (task->people, "", g_str_equal, NULL))
    warn (self, task->at, _("the task “%s” names an empty actor, which the map leaves out"),
          name);
}

static gboolean
add_task (Reader      *self,
          const Token *name,
          const Token *data,
          GError     **error)
{
  Task *task;

  if (self->tasks->len >= WM_MERMAID_MAX_TASKS)
    return fail_at_line (self, error, WM_ERROR_TOO_LARGE, line_at (self, name->start),
                         _("more than %d tasks; Waymark reads at most %d"),
                         WM_MERMAID_MAX_TASKS, WM_MERMAID_MAX_TASKS);
  if (self->sections->len == 0)
    {
      warn (self, name->start, _("a task comes before any section; Mermaid draws it under "
                                 "a section with no name, and so does the map"));
      if (!add_section (self, "", name->start, TRUE, error))
        return FALSE;
    }

  task = g_new0 (Task, 1);
  g_ptr_array_add (self->tasks, task);
  task->name = token_value (self, name, 0);
  task->section = self->sections->len - 1;
  task->at = name->start;
  if (!split_task_data (self, task, data, error))
    return FALSE;
  warn_about_task (self, task);
  return TRUE;
}

/* Why Mermaid stops at a task name that has no ":" and score after it. */
static gboolean
refuse_task (Reader      *self,
             const Token *name,
             const Token *next,
             GError     **error)
{
  g_autofree char *value = token_value (self, name, 0);
  g_autofree char *text = shown (value);

  if (next->type == TOKEN_INVALID)
    return fail (self, error, next->start,
                 _("“;” is not allowed in a Mermaid journey; write #59; for a semicolon"));
  if (strstr (value, "\xef\xbc\x9a") != NULL)
    return fail (self, error, name->start,
                 _("“%s” has a full-width colon “：”; Mermaid needs “:” before the score"), text);
  if (name->end < self->code->s->len && self->code->s->str[name->end] == '#')
    return fail (self, error, name->start,
                 _("“#” begins a comment in Mermaid, so “%s” has no score; write #35; for a “#”"),
                 text);
  if (next->type == TOKEN_COLON)
    return fail (self, error, name->start,
                 _("the task “%s” has no score after its colon; a task reads “Task name: 5: Actor”"),
                 text);
  return fail (self, error, name->start,
               _("“%s” has no score; a task reads “Task name: 5: Actor, Actor”"), text);
}

/* A token where the grammar has no place for it. */
static gboolean
refuse (Reader      *self,
        const Token *token,
        TokenType    previous,
        GError     **error)
{
  switch (token->type)
    {
    case TOKEN_INVALID:
      return fail (self, error, token->start,
                   _("“;” is not allowed in a Mermaid journey; write #59; for a semicolon"));
    case TOKEN_JOURNEY:
      return fail (self, error, token->start,
                   _("“journey” can only begin the diagram; write #106;ourney to begin a line with it"));
    case TOKEN_TASK_DATA:
    case TOKEN_COLON:
      if (previous == TOKEN_SECTION)
        return fail (self, error, token->start,
                     _("a section’s name cannot hold “:”; write #58; for a colon"));
      return fail (self, error, token->start,
                   _("a task needs a name before its colon: “Task name: 5: Actor”"));
    default:
      return fail (self, error, token->start, _("Mermaid cannot read this line"));
    }
}

static gboolean
statement (Reader  *self,
           Lexer   *lexer,
           Token   *token,
           GError **error)
{
  Token next;

  switch (token->type)
    {
    case TOKEN_TITLE:
      warn_if_newline (self, token, 5, "title");
      g_free (self->title);
      self->title = token_value (self, token, keyword_length (self, token, 5));
      return TRUE;
    case TOKEN_SECTION:
      {
        g_autofree char *name = token_value (self, token, keyword_length (self, token, 7));

        warn_if_newline (self, token, 7, "section");
        return add_section (self, name, token->start, FALSE, error);
      }
    case TOKEN_ACC_TITLE:
      next = _wm_mermaid_lexer_next (lexer);
      g_free (self->acc_title);
      self->acc_title = token_value (self, &next, 0);
      return TRUE;
    case TOKEN_ACC_DESCR:
      next = _wm_mermaid_lexer_next (lexer);
      G_GNUC_FALLTHROUGH;
    case TOKEN_ACC_DESCR_BLOCK:
      if (token->type == TOKEN_ACC_DESCR_BLOCK)
        next = *token;
      g_free (self->acc_descr);
      self->acc_descr = description (self, &next);
      if (lexer->block_open && next.start >= self->code->s->len)
        warn (self, next.start, _("“accDescr {” is not closed; Mermaid takes the rest of the "
                                  "diagram as the description"));
      return TRUE;
    case TOKEN_TASK_NAME:
      next = _wm_mermaid_lexer_next (lexer);
      if (next.type != TOKEN_TASK_DATA)
        return refuse_task (self, token, &next, error);
      return add_task (self, token, &next, error);
    default:
      return FALSE;
    }
}

static gboolean
parse (Reader  *self,
       GError **error)
{
  Lexer lexer;
  Token token;
  TokenType previous = TOKEN_JOURNEY;

  _wm_mermaid_lexer_init (&lexer, self->code->s->str, self->code->s->len);
  token = _wm_mermaid_lexer_next (&lexer);
  if (token.type != TOKEN_JOURNEY)
    return fail (self, error, token.start,
                 _("Mermaid cannot read this journey: a comment or blank line before “journey”"));

  for (token = _wm_mermaid_lexer_next (&lexer); token.type != TOKEN_EOF;
       token = _wm_mermaid_lexer_next (&lexer))
    {
      if (token.type == TOKEN_NEWLINE)
        {
          previous = token.type;
          continue;
        }
      if (token.type == TOKEN_JOURNEY || token.type == TOKEN_TASK_DATA ||
          token.type == TOKEN_COLON || token.type == TOKEN_INVALID)
        return refuse (self, &token, previous, error);
      if (!statement (self, &lexer, &token, error))
        return FALSE;
      previous = token.type;
    }
  return TRUE;
}

/* ---- the file ----------------------------------------------------------- */

static gboolean
index_lines (Reader      *self,
             const char  *data,
             gsize        length,
             GError     **error)
{
  gsize zero = 0;

  g_array_append_val (self->line_starts, zero);
  for (gsize i = 0; i < length; i++)
    {
      gsize next = i + 1;

      if (data[i] != '\n' && (data[i] != '\r' || (next < length && data[next] == '\n')))
        continue;
      if (self->line_starts->len >= WM_MERMAID_MAX_LINES)
        return fail_at_line (self, error, WM_ERROR_TOO_LARGE, WM_MERMAID_MAX_LINES,
                             _("more than %d lines; Waymark reads at most %d"),
                             WM_MERMAID_MAX_LINES, WM_MERMAID_MAX_LINES);
      g_array_append_val (self->line_starts, next);
    }
  return TRUE;
}

static gboolean
check_bytes (Reader      *self,
             const char  *data,
             gsize        length,
             GError     **error)
{
  const char *end = NULL;

  if (length > WM_MERMAID_MAX_BYTES)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
                   _("%s: the file is larger than %d MiB, more than Waymark imports"),
                   self->name, WM_MERMAID_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }
  if (!index_lines (self, data, length, error))
    return FALSE;
  if (!g_utf8_validate_len (data, length, &end))
    return fail_at_line (self, error, WM_ERROR_MALFORMED, line_of_origin (self, end - data),
                         _("this is not UTF-8 text (save the file as UTF-8)"));
  return TRUE;
}

/* The whole file as a diagram, or the first ```mermaid block that Mermaid
 * takes for a journey (NULL when there is none). */
static WmMermaidText *
pick_diagram (Reader          *self,
              const char      *data,
              gsize            length,
              WmMermaidSource  source,
              char           **front_title)
{
  gsize bom = length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
  g_autoptr(WmMermaidText) whole = _wm_mermaid_text_new_from (data + bom, length - bom, bom);
  g_autoptr(GPtrArray) blocks = NULL;
  WmMermaidText *found = NULL;

  blocks = source == WM_MERMAID_DIAGRAM ? NULL : _wm_mermaid_markdown_blocks (whole);
  if (blocks == NULL || (blocks->len == 0 && source == WM_MERMAID_AUTO))
    return _wm_mermaid_preprocess (whole, front_title);

  for (guint i = 0; i < blocks->len; i++)
    {
      g_autofree char *title = NULL;
      WmMermaidText *code = _wm_mermaid_preprocess (g_ptr_array_index (blocks, i), &title);

      if (!_wm_mermaid_is_journey (code) || found != NULL)
        {
          if (found != NULL && _wm_mermaid_is_journey (code) && self->warnings != NULL)
            g_ptr_array_add (self->warnings,
                             g_strdup_printf (_("%s:%u: only the first journey diagram is imported"),
                                              self->name,
                                              line_of_origin (self, _wm_mermaid_text_origin (code, 0))));
          _wm_mermaid_text_free (code);
          continue;
        }
      found = code;
      *front_title = g_steal_pointer (&title);
    }
  return found;
}

static void
reader_clear (Reader *self)
{
  g_array_unref (self->line_starts);
  g_ptr_array_unref (self->sections);
  g_ptr_array_unref (self->tasks);
  g_hash_table_unref (self->actors);
  g_free (self->title);
  g_free (self->acc_title);
  g_free (self->acc_descr);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reader, reader_clear)

/* The parsed diagram as a map (wm-mermaid-build.c). */
static WmDocument *
build (Reader     *self,
       const char *front_title,
       const char *default_title)
{
  const char *title = self->title != NULL && self->title[0] != '\0' ? self->title : NULL;
  g_autofree char *front = front_title != NULL ? wm_rules_normalize_text (front_title, -1) : NULL;
  g_autofree char *stripped = front != NULL ? _wm_mermaid_strip (front, -1) : NULL;

  if (title == NULL && stripped != NULL && stripped[0] != '\0')
    title = stripped;
  if (title == NULL)
    title = default_title != NULL && default_title[0] != '\0' ? default_title : _("Journey");
  return _wm_mermaid_build (title, self->acc_title, self->acc_descr, self->sections, self->tasks);
}

WmDocument *
wm_mermaid_read (const char       *data,
                 gsize             length,
                 const char       *name,
                 WmMermaidSource   source,
                 const char       *title,
                 GPtrArray        *warnings,
                 GError          **error)
{
  g_auto(Reader) self = {
    .name = name, .data = data, .warnings = warnings,
    .line_starts = g_array_new (FALSE, FALSE, sizeof (gsize)),
    .sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free),
    .tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) task_free),
    .actors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
  };
  g_autoptr(WmMermaidText) code = NULL;
  g_autofree char *front_title = NULL;
  g_autoptr(WmDocument) document = NULL;
  g_autofree char *xml = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!check_bytes (&self, data != NULL ? data : "", length, error))
    return NULL;
  code = pick_diagram (&self, data != NULL ? data : "", length, source, &front_title);
  if (code == NULL)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID,
                   _("%s: no ```mermaid block holds a journey diagram"), name);
      return NULL;
    }
  self.code = code;
  if (!_wm_mermaid_is_journey (code))
    return fail (&self, error, 0, _("not a Mermaid journey diagram: it must begin with “journey”")),
           NULL;
  if (g_utf8_strlen (code->s->str, code->s->len) > MERMAID_MAX_TEXT_SIZE)
    warn (&self, 0, _("the diagram is longer than Mermaid draws by default (maxTextSize %d)"),
          MERMAID_MAX_TEXT_SIZE);
  if (!parse (&self, error))
    return NULL;

  document = build (&self, front_title, title);
  /* Whatever the diagram held, the map must be one the reader opens. */
  xml = wm_writer_write (document, NULL, error);
  return xml != NULL ? g_steal_pointer (&document) : NULL;
}
