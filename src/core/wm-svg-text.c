/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-svg-text.c - real <text> for the SVG export
 *
 * Map text is hostile: it only ever becomes character data, escaped, and
 * every attribute here is made from numbers or from the style's fonts,
 * never from the map (the language tag is filtered to [A-Za-z0-9-]). */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "wm-error.h"
#include "wm-render.h"
#include "wm-svg-text.h"

struct _WmSvgText
{
  GString *out;
  char    *lang;   /* NULL: none */
};

static char *
clean_lang (const char *lang)
{
  GString *s;

  if (lang == NULL || *lang == '\0')
    return NULL;
  s = g_string_new (NULL);
  for (const char *p = lang; *p != '\0' && s->len < 35; p++)
    if (g_ascii_isalnum (*p) || *p == '-')
      g_string_append_c (s, *p);
  if (s->len == 0)
    return g_string_free (s, TRUE), NULL;
  return g_string_free (s, FALSE);
}

WmSvgText *
wm_svg_text_new (const char *lang)
{
  WmSvgText *self = g_new0 (WmSvgText, 1);

  self->out = g_string_new (NULL);
  self->lang = clean_lang (lang);
  return self;
}

void
wm_svg_text_free (WmSvgText *self)
{
  if (self == NULL)
    return;
  g_string_free (self->out, TRUE);
  g_free (self->lang);
  g_free (self);
}

/* Character data as XML 1.0 allows it: a control character (which a line
 * should not hold anyway) becomes a space, so nothing can end the text. */
static void
append_escaped (GString    *s,
                const char *text,
                gsize       length)
{
  g_autofree char *valid = g_utf8_make_valid (text, length);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '&': g_string_append (s, "&amp;"); break;
        case '<': g_string_append (s, "&lt;"); break;
        case '>': g_string_append (s, "&gt;"); break;
        case '"': g_string_append (s, "&quot;"); break;
        case '\'': g_string_append (s, "&apos;"); break;
        default:
          if (c < 0x20 || c == 0x7f || c == 0xfffe || c == 0xffff)
            g_string_append_c (s, ' ');
          else
            g_string_append_len (s, p, g_utf8_next_char (p) - p);
        }
    }
}

/* "Cantarell,Noto Sans CJK SC" → 'Cantarell','Noto Sans CJK SC',sans-serif */
static void
append_families (GString    *s,
                 const char *families)
{
  g_auto(GStrv) names = g_strsplit (families != NULL ? families : "", ",", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);

      if (*name == '\0' || g_str_equal (name, "sans-serif") || g_str_equal (name, "serif")
          || g_str_equal (name, "monospace"))
        continue;
      g_string_append_c (s, '\'');
      for (const char *p = name; *p != '\0'; p++)
        if (g_ascii_isalnum (*p) || *p == ' ' || *p == '-' || *p == '_' || (guchar) *p >= 0x80)
          g_string_append_c (s, *p);
      g_string_append (s, "',");
    }
  g_string_append (s, "sans-serif");
}

static void
append_number (GString *s,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.2f", isfinite (v) ? v : 0.0));
}

static void
text_cb (const WmRenderText *line,
         gpointer            user_data)
{
  WmSvgText *self = user_data;
  GString *s = self->out;
  PangoStyle style = pango_font_description_get_style (line->font);

  g_string_append (s, "<text x=\"");
  append_number (s, line->x);
  g_string_append (s, "\" y=\"");
  append_number (s, line->y);
  if (self->lang != NULL)
    g_string_append_printf (s, "\" xml:lang=\"%s", self->lang);
  g_string_append (s, "\" font-family=\"");
  append_families (s, pango_font_description_get_family (line->font));
  g_string_append (s, "\" font-size=\"");
  append_number (s, line->size);
  g_string_append_printf (s, "\" font-weight=\"%d", (int) pango_font_description_get_weight (line->font));
  if (style != PANGO_STYLE_NORMAL)
    g_string_append (s, "\" font-style=\"italic");
  g_string_append_printf (s, "\" fill=\"#%02x%02x%02x",
                          (int) lround (CLAMP (line->r, 0, 1) * 255),
                          (int) lround (CLAMP (line->g, 0, 1) * 255),
                          (int) lround (CLAMP (line->b, 0, 1) * 255));
  if (line->a < 1.0)
    {
      g_string_append (s, "\" fill-opacity=\"");
      append_number (s, CLAMP (line->a, 0, 1));
    }
  g_string_append (s, "\">");
  append_escaped (s, line->text, line->length);
  g_string_append (s, "</text>\n");
}

void
wm_svg_text_attach (WmSvgText *self,
                    cairo_t   *cr)
{
  wm_render_set_text_sink (cr, text_cb, self);
}

/* Where cairo's document ends: its last "</svg>"; -1 if none. */
static gssize
find_end (const GByteArray *svg,
          const char       *end)
{
  gsize n = strlen (end);

  for (gsize i = svg->len; i >= n; i--)
    if (memcmp (svg->data + i - n, end, n) == 0)
      return i - n;
  return -1;
}

gboolean
wm_svg_text_insert (WmSvgText  *self,
                    GByteArray *svg,
                    GError    **error)
{
  g_autoptr(GString) group = g_string_new ("<g xml:space=\"preserve\">\n");
  gssize at = find_end (svg, "</svg>");
  gsize tail;

  if (at < 0)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_FAILED,
                   _("Could not write the SVG’s text: the drawing has no end tag"));
      return FALSE;
    }
  g_string_append_len (group, self->out->str, self->out->len);
  g_string_append (group, "</g>\n");
  /* GByteArray has no insert: grow, then splice. */
  tail = svg->len - at;
  g_byte_array_set_size (svg, svg->len + group->len);
  memmove (svg->data + at + group->len, svg->data + at, tail);
  memcpy (svg->data + at, group->str, group->len);
  return TRUE;
}
