/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-mermaid-text.c - JavaScript's white space and numbers, as Mermaid sees them */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <math.h>
#include <string.h>

#include "wm-mermaid-private.h"

gboolean
_wm_mermaid_is_space (gunichar c)
{
  switch (c)
    {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
    case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F:
    case 0x205F: case 0x3000: case 0xFEFF:
      return TRUE;
    default:
      return c >= 0x2000 && c <= 0x200A;
    }
}

char *
_wm_mermaid_strip (const char *text,
                   gssize      length)
{
  const char *start = text;
  const char *end;

  if (length < 0)
    length = strlen (text);
  end = text + length;

  while (start < end && _wm_mermaid_is_space (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);

      if (prev == NULL || !_wm_mermaid_is_space (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  return g_strndup (start, end - start);
}

static gboolean
all_digits (const char *text,
            const char *digits)
{
  return text[0] != '\0' && strspn (text, digits) == strlen (text);
}

/* 0x1F, 0o17, 0b101: no sign, no fraction, as JavaScript has them. */
static double
radix_number (const char *text)
{
  static const struct { char letter; int base; const char *digits; } radixes[] = {
    { 'x', 16, "0123456789abcdefABCDEF" }, { 'o', 8, "01234567" }, { 'b', 2, "01" },
  };
  char letter = g_ascii_tolower (text[1]);

  for (guint i = 0; i < G_N_ELEMENTS (radixes); i++)
    {
      double value = 0;

      if (letter != radixes[i].letter)
        continue;
      if (!all_digits (text + 2, radixes[i].digits))
        return NAN;
      for (const char *p = text + 2; *p != '\0'; p++)
        value = value * radixes[i].base + g_ascii_xdigit_value (*p);
      return value;
    }
  return NAN;
}

/* JavaScript's StrDecimalLiteral: [+-] (digits [. digits] | . digits) [e [+-] digits]. */
static gboolean
is_decimal (const char *p)
{
  gsize int_digits, frac_digits = 0;

  if (*p == '+' || *p == '-')
    p++;
  int_digits = strspn (p, "0123456789");
  p += int_digits;
  if (*p == '.')
    {
      frac_digits = strspn (p + 1, "0123456789");
      p += 1 + frac_digits;
    }
  if (int_digits + frac_digits == 0)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (strspn (p, "0123456789") == 0)
        return FALSE;
      p += strspn (p, "0123456789");
    }
  return *p == '\0';
}

double
_wm_mermaid_number (const char *text,
                    gssize      length)
{
  g_autofree char *s = _wm_mermaid_strip (text, length);
  const char *p = s;
  double sign = 1;

  if (s[0] == '\0')
    return 0;
  if (s[0] == '0' && s[1] != '\0' && strchr ("xXoObB", s[1]) != NULL)
    return radix_number (s);
  if (is_decimal (s))
    return g_ascii_strtod (s, NULL);

  if (*p == '+' || *p == '-')
    sign = *p++ == '-' ? -1 : 1;
  return g_str_equal (p, "Infinity") ? sign * INFINITY : NAN;
}

char *
_wm_mermaid_format_score (double score)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isinf (score))
    return g_strdup (score > 0 ? "Infinity" : "-Infinity");
  if (score == 0)
    return g_strdup ("0");
  if (score == floor (score) && fabs (score) < 1e15)
    return g_strdup_printf ("%.0f", score);
  return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, score));
}
