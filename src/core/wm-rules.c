/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <string.h>

#include <libxml/tree.h>

#include "wm-rules.h"

#define REPLACEMENT "\xEF\xBF\xBD"

gboolean
wm_rules_char_is_valid (gunichar c)
{
  if (c < 0x20)
    return c == 0x9 || c == 0xA || c == 0xD;
  if (c >= 0xD800 && c <= 0xDFFF)
    return FALSE;
  /* Noncharacters: XML allows them, but they make cairo's PDF writer
   * and Pango's shaping fail, so a map never holds them. */
  if (c >= 0xFDD0 && c <= 0xFDEF)
    return FALSE;
  if ((c & 0xFFFE) == 0xFFFE)
    return FALSE;

  return c <= 0x10FFFF;
}

/* Where the first invalid byte or character of @text is, or NULL. */
static const char *
find_invalid (const char *text,
              gsize       length)
{
  const char *p = text;
  const char *end = text + length;

  while (p < end)
    {
      gunichar c;

      /* ASCII is the common case and needs no decoding. */
      if ((guchar) *p < 0x80)
        {
          if ((guchar) *p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
            return p;
          p++;
          continue;
        }

      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2 || !wm_rules_char_is_valid (c))
        return p;
      p = g_utf8_next_char (p);
    }

  return NULL;
}

gboolean
wm_rules_text_is_valid (const char *text,
                        gssize      length)
{
  gsize len;

  g_return_val_if_fail (text != NULL, FALSE);

  len = length < 0 ? strlen (text) : (gsize) length;

  return len <= WM_MAX_TEXT_BYTES && find_invalid (text, len) == NULL;
}

/* The longest prefix of @text, at most @max bytes, that ends on a
 * character boundary. */
static gsize
cut_length (const char *text,
            gsize       length,
            gsize       max)
{
  if (length <= max)
    return length;

  while (max > 0 && ((guchar) text[max] & 0xC0) == 0x80)
    max--;

  return max;
}

char *
wm_rules_normalize_text (const char *text,
                         gssize      length)
{
  const char *p;
  const char *end;
  const char *bad;
  GString *out;
  gsize len;

  if (text == NULL)
    return NULL;

  /* Every input byte gives at least one output byte, so what lies past
   * the cap (and a partial character) cannot reach the result. */
  len = length < 0 ? strnlen (text, WM_MAX_TEXT_BYTES + 4) : MIN ((gsize) length, WM_MAX_TEXT_BYTES + 4);
  p = text;
  end = text + len;

  if ((bad = find_invalid (p, len)) == NULL)
    return g_strndup (text, cut_length (text, len, WM_MAX_TEXT_BYTES));

  out = g_string_sized_new (MIN (len, WM_MAX_TEXT_BYTES) + 3);
  while (bad != NULL && out->len <= WM_MAX_TEXT_BYTES)
    {
      gunichar c = g_utf8_get_char_validated (bad, end - bad);
      gsize skip;

      g_string_append_len (out, p, bad - p);
      g_string_append (out, REPLACEMENT);

      /* A valid but refused character goes whole; a broken sequence
       * one byte at a time, as g_utf8_make_valid() does. */
      if (c == (gunichar) -1 || c == (gunichar) -2)
        skip = 1;
      else
        skip = g_utf8_next_char (bad) - bad;

      p = bad + skip;
      bad = find_invalid (p, end - p);
    }
  if (out->len <= WM_MAX_TEXT_BYTES)
    g_string_append_len (out, p, end - p);

  g_string_truncate (out, cut_length (out->str, out->len, WM_MAX_TEXT_BYTES));

  return g_string_free (out, FALSE);
}

gboolean
wm_rules_color_is_valid (const char *text)
{
  if (text == NULL || text[0] != '#' || strlen (text) != 7)
    return FALSE;

  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;

  return TRUE;
}

/* The reader checks ids with libxml2's own NCName test; so does this. */
gboolean
wm_rules_id_is_valid (const char *text)
{
  if (text == NULL || text[0] == '\0' || !wm_rules_text_is_valid (text, -1))
    return FALSE;

  return xmlValidateNCName ((const xmlChar *) text, 0) == 0;
}

/* xsd:language, as the schema has it. */
gboolean
wm_rules_language_is_valid (const char *text)
{
  guint run = 0;
  gboolean first = TRUE;

  if (text == NULL)
    return FALSE;

  for (const char *p = text; ; p++)
    {
      if (*p == '-' || *p == '\0')
        {
          if (run < 1 || run > 8)
            return FALSE;
          if (*p == '\0')
            return TRUE;
          run = 0;
          first = FALSE;
        }
      else if (g_ascii_isalpha (*p) || (!first && g_ascii_isdigit (*p)))
        run++;
      else
        return FALSE;
    }
}
