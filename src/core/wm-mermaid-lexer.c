/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-mermaid-lexer.c - the lexer of Mermaid's journey.jison, rule by rule */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <string.h>

#include "wm-mermaid-lexer.h"

enum { STATE_INITIAL, STATE_ACC_TITLE, STATE_ACC_DESCR, STATE_ACC_DESCR_BLOCK };

void
_wm_mermaid_lexer_init (Lexer      *self,
                        const char *s,
                        gsize       len)
{
  memset (self, 0, sizeof *self);
  self->s = s;
  self->len = len;
}

static gsize
next_char (Lexer *self,
           gsize  i)
{
  return MIN ((gsize) (g_utf8_next_char (self->s + i) - self->s), self->len);
}

static gboolean
space_at (Lexer *self,
          gsize  i)
{
  return i < self->len &&
         _wm_mermaid_is_space (g_utf8_get_char_validated (self->s + i, self->len - i));
}

static gsize
skip_space (Lexer *self,
            gsize  i)
{
  while (space_at (self, i))
    i = next_char (self, i);
  return i;
}

/* The grammar's keywords ignore ASCII case (%options case-insensitive). */
static gboolean
keyword_at (Lexer      *self,
            gsize       i,
            const char *word)
{
  gsize n = strlen (word);

  return self->len - i >= n && g_ascii_strncasecmp (self->s + i, word, n) == 0;
}

/* [^…]+ from @i: the end of the run, @i when it is empty. */
static gsize
run_without (Lexer      *self,
             gsize       i,
             const char *stops)
{
  while (i < self->len && strchr (stops, self->s[i]) == NULL)
    i++;
  return i;
}

static gsize
line_end (Lexer *self,
          gsize  i)
{
  const char *nl = memchr (self->s + i, '\n', self->len - i);

  return nl != NULL ? (gsize) (nl - self->s) : self->len;
}

static Token
token (Lexer     *self,
       TokenType  type,
       gsize      end)
{
  Token t = { type, self->pos, end };

  self->pos = end;
  return t;
}

/* "title"\s[^#\n;]+ and "section"\s[^#:\n;]+ : the end, or 0. */
static gsize
keyword_line (Lexer      *self,
              const char *word,
              const char *stops)
{
  gsize i = self->pos + strlen (word);
  gsize end;

  if (!keyword_at (self, self->pos, word) || !space_at (self, i))
    return 0;
  i = next_char (self, i);
  end = run_without (self, i, stops);
  return end > i ? end : 0;
}

/* accTitle\s*":"\s* (or accDescr with @mark ":" or "{"): the end, or 0. */
static gsize
acc_keyword (Lexer      *self,
             const char *word,
             char        mark)
{
  gsize i;

  if (!keyword_at (self, self->pos, word))
    return 0;
  i = skip_space (self, self->pos + strlen (word));
  if (i >= self->len || self->s[i] != mark)
    return 0;
  return skip_space (self, i + 1);
}

/* The rules that return no token: comments and white space. */
static gboolean
skip_ignored (Lexer *self)
{
  const char *s = self->s + self->pos;
  gsize rest = self->len - self->pos;

  if (rest >= 2 && s[0] == '%' && s[1] == '%' && (rest == 2 || s[2] != '{'))
    self->pos = line_end (self, self->pos);
  else if (s[0] != '}' && next_char (self, self->pos) + 2 <= self->len &&
           strncmp (self->s + next_char (self, self->pos), "%%", 2) == 0)
    self->pos = line_end (self, self->pos + 1);
  else if (s[0] != '\n' && space_at (self, self->pos))
    self->pos = skip_space (self, self->pos);
  else if (s[0] == '#')
    self->pos = line_end (self, self->pos);
  else
    return FALSE;
  return TRUE;
}

static Token
next_initial (Lexer *self)
{
  gsize end;

  if (self->s[self->pos] == '\n')
    {
      end = self->pos;
      while (end < self->len && self->s[end] == '\n')
        end++;
      return token (self, TOKEN_NEWLINE, end);
    }
  if (keyword_at (self, self->pos, "journey"))
    return token (self, TOKEN_JOURNEY, self->pos + 7);
  if ((end = keyword_line (self, "title", "#\n;")) != 0)
    return token (self, TOKEN_TITLE, end);
  if ((end = acc_keyword (self, "accTitle", ':')) != 0)
    {
      self->state = STATE_ACC_TITLE;
      return token (self, TOKEN_ACC_TITLE, end);
    }
  if ((end = acc_keyword (self, "accDescr", ':')) != 0)
    {
      self->state = STATE_ACC_DESCR;
      return token (self, TOKEN_ACC_DESCR, end);
    }
  if ((end = acc_keyword (self, "accDescr", '{')) != 0)
    {
      self->state = STATE_ACC_DESCR_BLOCK;
      self->block_open = TRUE;
      self->pos = end;
      return _wm_mermaid_lexer_next (self);
    }
  if ((end = keyword_line (self, "section", "#:\n;")) != 0)
    return token (self, TOKEN_SECTION, end);
  if ((end = run_without (self, self->pos, "#:\n;")) > self->pos)
    return token (self, TOKEN_TASK_NAME, end);
  if (self->s[self->pos] == ':' &&
      (end = run_without (self, self->pos + 1, "#\n;")) > self->pos + 1)
    return token (self, TOKEN_TASK_DATA, end);
  if (self->s[self->pos] == ':')
    return token (self, TOKEN_COLON, self->pos + 1);
  return token (self, TOKEN_INVALID, next_char (self, self->pos));
}

static Token
next_block (Lexer *self)
{
  const char *close;

  if (self->pos < self->len && self->s[self->pos] == '}')
    {
      self->pos++;
      self->state = STATE_INITIAL;
      self->block_open = FALSE;
      return _wm_mermaid_lexer_next (self);
    }
  close = memchr (self->s + self->pos, '}', self->len - self->pos);
  return token (self, TOKEN_ACC_DESCR_BLOCK, close != NULL ? (gsize) (close - self->s) : self->len);
}

/* Iterative over the rules that return nothing, so that a file of a
 * million comments needs no deep stack. */
Token
_wm_mermaid_lexer_next (Lexer *self)
{
  for (;;)
    {
      if (self->done)
        return (Token) { TOKEN_EOF, self->len, self->len };
      if (self->pos >= self->len)
        self->done = TRUE;

      switch (self->state)
        {
        case STATE_ACC_TITLE:
        case STATE_ACC_DESCR:
          {
            TokenType type = self->state == STATE_ACC_TITLE ? TOKEN_ACC_TITLE_VALUE
                                                            : TOKEN_ACC_DESCR_VALUE;

            self->state = STATE_INITIAL;
            return token (self, type, line_end (self, self->pos));
          }
        case STATE_ACC_DESCR_BLOCK:
          if (self->pos < self->len && self->s[self->pos] == '}')
            {
              self->pos++;
              self->state = STATE_INITIAL;
              self->block_open = FALSE;
              continue;
            }
          return next_block (self);
        default:
          break;
        }

      if (self->pos >= self->len)
        return (Token) { TOKEN_EOF, self->len, self->len };
      if (skip_ignored (self))
        continue;
      return next_initial (self);
    }
}
