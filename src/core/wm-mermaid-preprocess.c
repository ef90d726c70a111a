/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-mermaid-preprocess.c - what Mermaid does to a diagram before its grammar
 * sees it (mermaid: preprocess.ts, diagram-api/frontmatter.ts, comments.ts,
 * utils.ts removeDirectives and encodeEntities), and Markdown's fences.
 *
 * Hand-written scanners rather than regular expressions: each one is
 * linear in the text, whatever the text. */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <string.h>

#include <libxml/HTMLparser.h>

#include "wm-mermaid-private.h"

/* Mermaid hides an entity code #NN; or #name; from its grammar behind
 * these, and turns them into &#NN; and &name; in the drawing. */
#define NUMERIC_OPEN "\xef\xac\x82\xc2\xb0\xc2\xb0"   /* ﬂ°° */
#define NAMED_OPEN   "\xef\xac\x82\xc2\xb0"           /* ﬂ° */
#define CLOSE        "\xc2\xb6\xc3\x9f"               /* ¶ß */

WmMermaidText *
_wm_mermaid_text_new (void)
{
  WmMermaidText *self = g_new0 (WmMermaidText, 1);

  self->s = g_string_new (NULL);
  self->at = g_array_new (FALSE, FALSE, sizeof (guint32));
  return self;
}

void
_wm_mermaid_text_free (WmMermaidText *self)
{
  if (self == NULL)
    return;
  g_string_free (self->s, TRUE);
  g_array_unref (self->at);
  g_free (self);
}

void
_wm_mermaid_text_copy (WmMermaidText       *self,
                       const WmMermaidText *src,
                       gsize                from,
                       gsize                n)
{
  if (n == 0)
    return;
  g_string_append_len (self->s, src->s->str + from, n);
  g_array_append_vals (self->at, &g_array_index (src->at, guint32, from), n);
}

WmMermaidText *
_wm_mermaid_text_new_from (const char *bytes,
                           gsize       n,
                           guint32     at)
{
  WmMermaidText *self = _wm_mermaid_text_new ();

  g_string_append_len (self->s, bytes, n);
  g_array_set_size (self->at, n);
  for (gsize i = 0; i < n; i++)
    g_array_index (self->at, guint32, i) = at + (guint32) i;
  return self;
}

void
_wm_mermaid_text_add (WmMermaidText *self,
                      const char    *bytes,
                      gsize          n,
                      guint32        at)
{
  g_string_append_len (self->s, bytes, n);
  for (gsize i = 0; i < n; i++)
    g_array_append_val (self->at, at);
}

guint32
_wm_mermaid_text_origin (const WmMermaidText *self,
                         gsize                offset)
{
  if (self->at->len == 0)
    return 0;
  return g_array_index (self->at, guint32, MIN (offset, self->at->len - 1));
}

static gboolean
is_word (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

static gboolean
space_at (const char *s,
          gsize       i,
          gsize       len)
{
  return i < len && _wm_mermaid_is_space (g_utf8_get_char_validated (s + i, len - i));
}

static gsize
skip_space (const char *s,
            gsize       i,
            gsize       len)
{
  while (space_at (s, i, len))
    i = g_utf8_next_char (s + i) - s;
  return i;
}

/* ---- line ends and tag quotes (cleanupText) ----------------------------- */

static WmMermaidText *
normalize_line_ends (const WmMermaidText *in)
{
  WmMermaidText *out = _wm_mermaid_text_new ();
  const char *s = in->s->str;

  for (gsize i = 0; i < in->s->len; i++)
    {
      if (s[i] != '\r')
        {
          _wm_mermaid_text_copy (out, in, i, 1);
          continue;
        }
      _wm_mermaid_text_add (out, "\n", 1, _wm_mermaid_text_origin (in, i));
      if (i + 1 < in->s->len && s[i + 1] == '\n')
        i++;
    }
  return out;
}

/* <tag a="x"> becomes <tag a='x'>, in place: Mermaid does it to every
 * tag-like run of the diagram. */
static void
requote_tags (WmMermaidText *text)
{
  char *s = text->s->str;
  gsize len = text->s->len;
  gsize next_gt = 0;

  for (gsize i = 0; i + 1 < len; i++)
    {
      gsize j = i + 1;

      if (s[i] != '<' || !is_word (s[j]))
        continue;
      while (j < len && is_word (s[j]))
        j++;
      if (next_gt < j)
        {
          const char *gt = memchr (s + j, '>', len - j);

          next_gt = gt != NULL ? (gsize) (gt - s) : len;
        }
      if (next_gt >= len)
        return;
      for (gsize k = j; k + 1 < next_gt; k++)
        {
          const char *close;

          if (s[k] != '=' || s[k + 1] != '"')
            continue;
          close = memchr (s + k + 2, '"', next_gt - (k + 2));
          if (close == NULL)
            break;
          s[k + 1] = '\'';
          s[close - s] = '\'';
          k = close - s;
        }
      i = next_gt;
    }
}

/* ---- front matter ------------------------------------------------------- */

/* After "---" and white space holding a newline: the offset just past
 * that run's last newline, or 0. */
static gsize
after_last_newline (const char *s,
                    gsize       i,
                    gsize       len,
                    gsize      *second_last)
{
  gsize end = skip_space (s, i, len);
  gsize last = 0;

  *second_last = 0;
  for (gsize k = i; k < end; k++)
    if (s[k] == '\n')
      {
        *second_last = last;
        last = k + 1;
      }
  return last;
}

/* Where the front matter that begins its content at @content ends: the
 * offset of the newline before its closing "---" (*close) and the end of
 * the whole match; 0 when there is none. */
static gsize
find_front_matter_end (const char *s,
                       gsize       content,
                       gsize       len,
                       gsize      *close)
{
  for (gsize k = content; k + 3 < len; k++)
    {
      gsize second, end;

      if (s[k] != '\n' || strncmp (s + k + 1, "---", 3) != 0)
        continue;
      end = after_last_newline (s, k + 4, len, &second);
      if (end != 0)
        {
          *close = k;
          return end;
        }
    }
  return 0;
}

static char *
yaml_unquote (const char *value)
{
  gsize n = strlen (value);
  GString *out;

  if (n < 2 || (value[0] != '\'' && value[0] != '"') || value[n - 1] != value[0])
    return NULL;
  out = g_string_new (NULL);
  for (gsize i = 1; i + 1 < n; i++)
    {
      if (value[0] == '\'' && value[i] == '\'' && value[i + 1] == '\'')
        i++;
      else if (value[0] == '"' && value[i] == '\\' && i + 2 < n)
        {
          i++;
          g_string_append_c (out, value[i] == 'n' ? '\n' : value[i] == 't' ? '\t' : value[i]);
          continue;
        }
      g_string_append_c (out, value[i]);
    }
  return g_string_free (out, FALSE);
}

/* The lines after "title: |" or ">" that are indented, kept (|) or
 * folded (>), as YAML's block scalars. */
static char *
yaml_block (char **lines,
            gboolean folded)
{
  GString *out = g_string_new (NULL);
  gsize indent = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize lead = strspn (lines[i], " ");

      if (lines[i][lead] == '\0')
        {
          g_string_append_c (out, '\n');
          continue;
        }
      if (lead == 0 || (indent != 0 && lead < indent))
        break;
      if (indent == 0)
        indent = lead;
      if (folded && out->len > 0 && out->str[out->len - 1] == '\n')
        out->str[out->len - 1] = ' ';
      g_string_append (out, lines[i] + indent);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* A plain scalar Mermaid drops (YAML's null and false, and 0: the title
 * must be "truthy" in JavaScript). */
static gboolean
yaml_is_falsy (const char *value)
{
  static const char *const falsy[] = { "", "~", "null", "Null", "NULL", "false",
                                       "False", "FALSE", "0", "-0", "0.0", NULL };

  return g_strv_contains (falsy, value);
}

/* The top-level "title:" of the YAML between the fences: enough YAML
 * for a title, which is all Mermaid's journey takes from it. */
static char *
yaml_title (const char *yaml,
            gsize       length)
{
  g_autofree char *copy = g_strndup (yaml, length);
  g_auto(GStrv) lines = g_strsplit (copy, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *value = NULL;
      char *hash;

      if (!g_str_has_prefix (lines[i], "title:"))
        continue;
      value = g_strstrip (g_strdup (lines[i] + strlen ("title:")));
      if (value[0] == '|' || value[0] == '>')
        return yaml_block (lines + i + 1, value[0] == '>');
      if (value[0] == '\'' || value[0] == '"')
        return yaml_unquote (value);
      hash = strstr (value, " #");
      if (hash != NULL)
        *hash = '\0';
      g_strstrip (value);
      return yaml_is_falsy (value) ? NULL : g_steal_pointer (&value);
    }
  return NULL;
}

/* ^---\s*[\n\r](.*?)[\n\r]---\s*[\n\r]+ : the match's end, or 0. */
static gsize
front_matter (const WmMermaidText *text,
              char               **title)
{
  const char *s = text->s->str;
  gsize len = text->s->len;
  gsize second, close = 0, end = 0;
  gsize last = strncmp (s, "---", 3) == 0 ? after_last_newline (s, 3, len, &second) : 0;

  if (last == 0)
    return 0;
  end = find_front_matter_end (s, last, len, &close);
  if (end == 0 && second != 0)
    end = find_front_matter_end (s, last = second, len, &close);
  if (end != 0)
    *title = yaml_title (s + last, close - last);
  return end;
}

/* ---- %%{directives}%% ---------------------------------------------------- */

/* JavaScript's "." does not take a line terminator. */
static gboolean
dot_takes (const char *s,
           gsize       i,
           gsize       len)
{
  gunichar c = g_utf8_get_char_validated (s + i, len - i);

  return c != '\n' && c != '\r' && c != 0x2028 && c != 0x2029;
}

/* %%{\s*(?:(\w+)\s*:|(\w+))\s*(?:(\w+)|((?:(?!}%%).|\r?\n)*))?\s*(?:}%%)?
 * at @i: the end of the match, or @i when there is none. */
static gsize
directive_end (const char *s,
               gsize       i,
               gsize       len)
{
  gsize j = skip_space (s, i + 3, len);

  if (j >= len || !is_word (s[j]))
    return i;
  while (j < len && is_word (s[j]))
    j++;
  if (s[skip_space (s, j, len)] == ':')
    j = skip_space (s, j, len) + 1;
  j = skip_space (s, j, len);
  if (j < len && is_word (s[j]))
    while (j < len && is_word (s[j]))
      j++;
  else
    while (j < len && strncmp (s + j, "}%%", 3) != 0 && (s[j] == '\n' || dot_takes (s, j, len)))
      j = g_utf8_next_char (s + j) - s;
  j = skip_space (s, j, len);
  if (strncmp (s + j, "}%%", 3) == 0)
    j += 3;
  return j;
}

static WmMermaidText *
remove_directives (const WmMermaidText *in,
                   gsize                from)
{
  WmMermaidText *out = _wm_mermaid_text_new ();
  const char *s = in->s->str;
  gsize len = in->s->len;
  gsize kept = from;

  for (gsize i = from; i + 2 < len; i++)
    {
      gsize end;

      if (strncmp (s + i, "%%{", 3) != 0 || (end = directive_end (s, i, len)) == i)
        continue;
      _wm_mermaid_text_copy (out, in, kept, i - kept);
      kept = end;
      i = end - 1;
    }
  _wm_mermaid_text_copy (out, in, kept, len - kept);
  return out;
}

/* ---- %% comment lines (cleanupComments) ---------------------------------- */

static gboolean
line_start (const char *s,
            gsize       i)
{
  gunichar prev;

  if (i == 0)
    return TRUE;
  if (s[i - 1] == '\n' || s[i - 1] == '\r')
    return TRUE;
  if (i < 3)
    return FALSE;
  prev = g_utf8_get_char_validated (s + i - 3, 3);
  return prev == 0x2028 || prev == 0x2029;
}

/* /^\s*%%(?!{)[^\n]+\n?/gm removed, then the text's leading white space. */
static WmMermaidText *
remove_comment_lines (const WmMermaidText *in)
{
  WmMermaidText *out = _wm_mermaid_text_new ();
  const char *s = in->s->str;
  gsize len = in->s->len;
  gsize kept = 0, failed_until = 0;

  for (gsize i = 0; i < len; i++)
    {
      gsize j, end;

      if (i < failed_until || !line_start (s, i))
        continue;
      j = skip_space (s, i, len);
      if (j + 2 >= len || strncmp (s + j, "%%", 2) != 0 || s[j + 2] == '{' || s[j + 2] == '\n')
        {
          /* Every line start inside this white space fails the same way. */
          failed_until = j;
          continue;
        }
      end = j + 2 + strcspn (s + j + 2, "\n");
      if (end < len)
        end++;
      _wm_mermaid_text_copy (out, in, kept, i - kept);
      kept = end;
      i = end - 1;
    }
  _wm_mermaid_text_copy (out, in, kept, len - kept);

  {
    WmMermaidText *trimmed = _wm_mermaid_text_new ();
    gsize start = skip_space (out->s->str, 0, out->s->len);

    _wm_mermaid_text_copy (trimmed, out, start, out->s->len - start);
    _wm_mermaid_text_free (out);
    return trimmed;
  }
}

/* ---- entity codes (encodeEntities) --------------------------------------- */

/* /(style|classDef).*:\S*#.*;/ on one line: the offset of the ";" that
 * Mermaid drops from the line (its last), or -1. */
static gssize
style_semicolon (const char *s,
                 gsize       start,
                 gsize       end,
                 const char *word)
{
  const char *found = g_strstr_len (s + start, end - start, word);
  gboolean armed = FALSE;
  gsize hash = 0;

  if (found == NULL)
    return -1;
  for (gsize k = found - s + strlen (word); k < end && hash == 0; k = g_utf8_next_char (s + k) - s)
    {
      if (s[k] == ':')
        armed = TRUE;
      else if (armed && s[k] == '#')
        hash = k;
      else if (space_at (s, k, end))
        armed = FALSE;
    }
  for (gsize k = end; hash != 0 && k > hash; k--)
    if (s[k - 1] == ';')
      return k - 1;
  return -1;
}

static WmMermaidText *
drop_style_semicolons (const WmMermaidText *in,
                       const char          *word)
{
  WmMermaidText *out = _wm_mermaid_text_new ();
  const char *s = in->s->str;
  gsize len = in->s->len;
  gsize start = 0;

  while (start <= len)
    {
      gsize end = start;
      gssize drop;

      while (end < len && dot_takes (s, end, len))
        end = g_utf8_next_char (s + end) - s;
      drop = style_semicolon (s, start, end, word);
      if (drop >= 0)
        {
          _wm_mermaid_text_copy (out, in, start, drop - start);
          _wm_mermaid_text_copy (out, in, drop + 1, end - drop - 1);
        }
      else
        _wm_mermaid_text_copy (out, in, start, end - start);
      if (end >= len)
        break;
      _wm_mermaid_text_copy (out, in, end, g_utf8_next_char (s + end) - (s + end));
      start = g_utf8_next_char (s + end) - s;
    }
  return out;
}

/* #\w+; becomes ﬂ°°NN¶ß (digits) or ﬂ°name¶ß, so that neither "#" nor
 * ";" reaches the grammar. */
static WmMermaidText *
hide_entities (const WmMermaidText *in)
{
  WmMermaidText *out = _wm_mermaid_text_new ();
  const char *s = in->s->str;
  gsize len = in->s->len;
  gsize kept = 0;

  for (gsize i = 0; i < len; i++)
    {
      gsize j = i + 1;
      guint32 at;

      if (s[i] != '#')
        continue;
      while (j < len && is_word (s[j]))
        j++;
      if (j == i + 1 || j >= len || s[j] != ';')
        continue;
      _wm_mermaid_text_copy (out, in, kept, i - kept);
      at = _wm_mermaid_text_origin (in, i);
      if (strspn (s + i + 1, "0123456789") == j - i - 1)
        _wm_mermaid_text_add (out, NUMERIC_OPEN, strlen (NUMERIC_OPEN), at);
      else
        _wm_mermaid_text_add (out, NAMED_OPEN, strlen (NAMED_OPEN), at);
      _wm_mermaid_text_copy (out, in, i + 1, j - i - 1);
      _wm_mermaid_text_add (out, CLOSE, strlen (CLOSE), at);
      kept = j + 1;
      i = j;
    }
  _wm_mermaid_text_copy (out, in, kept, len - kept);
  return out;
}

WmMermaidText *
_wm_mermaid_preprocess (const WmMermaidText *text,
                        char               **front_title)
{
  g_autoptr(WmMermaidText) lines = normalize_line_ends (text);
  g_autoptr(WmMermaidText) plain = NULL;
  g_autoptr(WmMermaidText) code = NULL;
  g_autoptr(WmMermaidText) styled = NULL;
  g_autoptr(WmMermaidText) classed = NULL;

  requote_tags (lines);
  plain = remove_directives (lines, front_matter (lines, front_title));
  code = remove_comment_lines (plain);
  styled = drop_style_semicolons (code, "style");
  classed = drop_style_semicolons (styled, "classDef");
  return hide_entities (classed);
}

gboolean
_wm_mermaid_is_journey (const WmMermaidText *text)
{
  const char *s = text->s->str;
  gsize len = text->s->len;
  gsize i = skip_space (s, 0, len);

  /* The detector first turns \s*%%.*\n into a newline. */
  while (strncmp (s + i, "%%", 2) == 0 && memchr (s + i, '\n', len - i) != NULL)
    i = skip_space (s, (const char *) memchr (s + i, '\n', len - i) - s, len);
  return strncmp (s + i, "journey", 7) == 0;
}

/* ---- decoding, as a browser reads &#NN; and &name; ----------------------- */

/* HTML's remapping of &#128;–&#159; to windows-1252's characters. */
static gunichar
html_numeric (guint64 code)
{
  static const guint16 c1[32] = {
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
  };

  if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
    return 0xFFFD;
  if (code >= 0x80 && code <= 0x9F)
    return c1[code - 0x80];
  return (gunichar) code;
}

/* HTML5 names of ASCII punctuation, which HTML 4's list (libxml2's) lacks. */
static gunichar
html5_named (const char *name)
{
  static const struct { const char *name; gunichar c; } names[] = {
    { "colon", ':' }, { "semi", ';' }, { "num", '#' }, { "percnt", '%' }, { "comma", ',' },
    { "excl", '!' }, { "quest", '?' }, { "lpar", '(' }, { "rpar", ')' }, { "lsqb", '[' },
    { "rsqb", ']' }, { "lbrack", '[' }, { "rbrack", ']' }, { "lcub", '{' }, { "rcub", '}' },
    { "lbrace", '{' }, { "rbrace", '}' }, { "commat", '@' }, { "dollar", '$' },
    { "equals", '=' }, { "plus", '+' }, { "ast", '*' }, { "sol", '/' }, { "bsol", '\\' },
    { "verbar", '|' }, { "vert", '|' }, { "grave", '`' }, { "Hat", '^' }, { "lowbar", '_' },
    { "period", '.' }, { "apos", '\'' }, { "Tab", '\t' }, { "NewLine", '\n' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (name, names[i].name))
      return names[i].c;
  return 0;
}

static gunichar
html_named (const char *name)
{
  const htmlEntityDesc *desc = htmlEntityLookup ((const xmlChar *) name);

  return desc != NULL ? desc->value : html5_named (name);
}

/* One hidden code at @p (after its opening mark), up to its CLOSE. */
static gsize
decode_one (const char *p,
            gsize       n,
            gboolean    numeric,
            GString    *out,
            GString    *unknown)
{
  const char *close = g_strstr_len (p, n, CLOSE);
  g_autofree char *name = NULL;
  gunichar c;

  if (close == NULL)
    return 0;
  name = g_strndup (p, close - p);
  for (const char *q = name; *q != '\0'; q++)
    if (!is_word (*q))
      return 0;

  if (numeric)
    {
      guint64 code = 0;

      for (const char *q = name; *q != '\0' && code <= 0x10FFFF; q++)
        code = code * 10 + (*q - '0');
      c = html_numeric (code);
    }
  else if ((c = html_named (name)) == 0)
    {
      g_string_append_printf (out, "&%s;", name);
      if (unknown != NULL && unknown->len == 0)
        g_string_append (unknown, name);
      return close - p + strlen (CLOSE);
    }
  g_string_append_unichar (out, c);
  return close - p + strlen (CLOSE);
}

gboolean
_wm_mermaid_decode (const char *text,
                    gsize       length,
                    GString    *out,
                    GString    *unknown)
{
  gsize i = 0;

  while (i < length)
    {
      gboolean numeric = length - i >= strlen (NUMERIC_OPEN) &&
                         strncmp (text + i, NUMERIC_OPEN, strlen (NUMERIC_OPEN)) == 0;
      gsize open = numeric ? strlen (NUMERIC_OPEN) : strlen (NAMED_OPEN);
      gsize used = 0;

      if (numeric || (length - i >= open && strncmp (text + i, NAMED_OPEN, open) == 0))
        used = decode_one (text + i + open, length - i - open, numeric, out, unknown);
      if (used != 0)
        {
          i += open + used;
          continue;
        }
      g_string_append_c (out, text[i]);
      i++;
    }
  return unknown == NULL || unknown->len == 0;
}

/* ---- Markdown ------------------------------------------------------------ */

typedef struct
{
  char   fence;
  gsize  width;
  gsize  indent;
} Fence;

/* An opening or closing fence at @line: up to three spaces, then three or
 * more ` or ~; its info string's first word in @info. */
static gboolean
fence_at (const char *line,
          gsize       n,
          Fence      *fence,
          char      **info)
{
  gsize indent = 0, width = 0;

  while (indent < n && indent < 4 && line[indent] == ' ')
    indent++;
  if (indent > 3 || indent >= n || (line[indent] != '`' && line[indent] != '~'))
    return FALSE;
  while (indent + width < n && line[indent + width] == line[indent])
    width++;
  if (width < 3)
    return FALSE;
  fence->fence = line[indent];
  fence->width = width;
  fence->indent = indent;
  if (info != NULL)
    {
      g_autofree char *rest = g_strndup (line + indent + width, n - indent - width);
      g_auto(GStrv) words = g_strsplit_set (g_strstrip (rest), " \t{", 2);

      *info = g_strdup (words[0] != NULL ? words[0] : "");
    }
  return TRUE;
}

static gboolean
closes (const Fence *open,
        const char  *line,
        gsize        n)
{
  Fence close;
  gsize rest;

  if (!fence_at (line, n, &close, NULL) || close.fence != open->fence || close.width < open->width)
    return FALSE;
  rest = close.indent + close.width;
  while (rest < n && (line[rest] == ' ' || line[rest] == '\t' || line[rest] == '\r'))
    rest++;
  return rest == n;
}

/* Appends @line to @block without the opening fence's indentation. */
static void
add_block_line (WmMermaidText       *block,
                const WmMermaidText *text,
                gsize                start,
                gsize                n,
                gsize                indent)
{
  gsize skip = 0;

  while (skip < indent && skip < n && text->s->str[start + skip] == ' ')
    skip++;
  _wm_mermaid_text_copy (block, text, start + skip, n - skip);
}

GPtrArray *
_wm_mermaid_markdown_blocks (const WmMermaidText *text)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) _wm_mermaid_text_free);
  const char *s = text->s->str;
  gsize len = text->s->len;
  WmMermaidText *block = NULL;
  gboolean in_other = FALSE;
  Fence open = { 0 };

  for (gsize start = 0; start < len;)
    {
      const char *nl = memchr (s + start, '\n', len - start);
      gsize end = nl != NULL ? (gsize) (nl - s) + 1 : len;
      gsize n = end - start - (nl != NULL ? 1 : 0);
      g_autofree char *info = NULL;

      if (block != NULL || in_other)
        {
          if (closes (&open, s + start, n))
            block = NULL, in_other = FALSE;
          else if (block != NULL)
            add_block_line (block, text, start, end - start, open.indent);
        }
      else if (fence_at (s + start, n, &open, &info))
        {
          if (g_ascii_strcasecmp (info, "mermaid") == 0)
            g_ptr_array_add (blocks, block = _wm_mermaid_text_new ());
          else
            in_other = TRUE;
        }
      start = end;
    }
  return blocks;
}

char *
_wm_mermaid_unescape (const char *text)
{
  g_autoptr(WmMermaidText) in = _wm_mermaid_text_new_from (text, strlen (text), 0);
  g_autoptr(WmMermaidText) hidden = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  hidden = hide_entities (in);
  _wm_mermaid_decode (hidden->s->str, hidden->s->len, out, NULL);
  return _wm_mermaid_strip (out->str, out->len);
}
