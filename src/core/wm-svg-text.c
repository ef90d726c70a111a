/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-svg-text.c - real <text> for the SVG export
 *
 * Each line goes where cairo drew it in the drawing order, so that what
 * is drawn over it later (a callout over another, a card over a card)
 * covers it as in the PDF: as the renderer hands a line over, a tiny
 * marker is filled in its place, in a colour that numbers it and an
 * opacity nothing else uses; the marker in cairo's SVG is then replaced
 * by the line's <text>, inside whatever clip cairo put around it. A line
 * whose marker cairo left out (all of it clipped away) goes on top.
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

/* Exactly representable, so cairo writes it exactly: "0.0078125". */
#define MARKER_ALPHA  (1.0 / 128.0)
#define MARKER_TEXT   "0.0078125"
#define MAX_LINES     (1u << 24)

struct _WmSvgText
{
  GPtrArray *lines;  /* char*: each line's <text> */
  char      *lang;   /* NULL: none */
  cairo_t   *cr;     /* not owned: where the markers go */
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

  self->lines = g_ptr_array_new_with_free_func (g_free);
  self->lang = clean_lang (lang);
  return self;
}

void
wm_svg_text_free (WmSvgText *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->lines);
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

/* A dot at the line's start whose colour is the line's number. The
 * renderer draws text with no path pending, but a path is not part of
 * cairo's saved state, so it is kept by hand all the same. */
static void
draw_marker (WmSvgText *self,
             guint      index,
             double     x,
             double     y)
{
  cairo_t *cr = self->cr;
  cairo_path_t *path = cairo_copy_path (cr);

  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_new_path (cr);
  cairo_rectangle (cr, x, y - 1.0, 0.5, 0.5);
  cairo_set_source_rgba (cr, ((index >> 16) & 0xff) / 255.0, ((index >> 8) & 0xff) / 255.0,
                         (index & 0xff) / 255.0, MARKER_ALPHA);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_fill (cr);
  cairo_restore (cr);
  cairo_new_path (cr);
  if (path->status == CAIRO_STATUS_SUCCESS)
    cairo_append_path (cr, path);
  cairo_path_destroy (path);
}

static void
text_cb (const WmRenderText *line,
         gpointer            user_data)
{
  WmSvgText *self = user_data;
  GString *s = g_string_new ("<text x=\"");
  PangoStyle style = pango_font_description_get_style (line->font);

  append_number (s, line->x);
  g_string_append (s, "\" y=\"");
  append_number (s, line->y);
  /* Each line on its own now, not in one group that says so for all. */
  g_string_append (s, "\" xml:space=\"preserve");
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
  g_string_append (s, "</text>");
  /* Past 2^24 lines the colours run out: the rest go on top. */
  if (self->cr != NULL && self->lines->len < MAX_LINES)
    draw_marker (self, self->lines->len, line->x, line->y);
  g_ptr_array_add (self->lines, g_string_free (s, FALSE));
}

void
wm_svg_text_attach (WmSvgText *self,
                    cairo_t   *cr)
{
  self->cr = cr;
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

/* "rgb(0%,0.392157%,100%)" → the line number its bytes make; -1 if it
 * is no marker's. */
static gint64
marker_index (const char *element,
              gsize       length)
{
  g_autofree char *text = g_strndup (element, length);
  const char *p = strstr (text, "rgb(");
  gint64 index = 0;

  if (p == NULL)
    return -1;
  p += 4;
  for (guint i = 0; i < 3; i++)
    {
      char *end = NULL;
      double percent = g_ascii_strtod (p, &end);

      if (end == p || *end != '%' || !(percent >= 0 && percent <= 100))
        return -1;
      index = index * 256 + lround (percent * 2.55);
      p = end + 1;
      if (*p == ',' || *p == ' ')
        p++;
    }
  return index;
}

/* The element around @at: from its '<' to the end of its "/>". */
static gboolean
element_around (const char *data,
                gsize       length,
                gsize       at,
                gsize      *start,
                gsize      *end)
{
  const char *close;
  gsize i = at;

  while (i > 0 && data[i] != '<' && data[i] != '>')
    i--;
  if (data[i] != '<')
    return FALSE;
  close = g_strstr_len (data + at, length - at, "/>");
  if (close == NULL || memchr (data + at, '<', close - (data + at)) != NULL)
    return FALSE;
  *start = i;
  *end = close + 2 - data;
  return TRUE;
}

/* Whether MARKER_TEXT at @at is a fill-opacity's whole value (cairo
 * 1.16 writes style="…;fill-opacity:V;", later ones fill-opacity="V"),
 * not a part of some number. */
static gboolean
is_marker_opacity (const char *data,
                   gsize       length,
                   gsize       at)
{
  static const char * const before[] = { "fill-opacity:", "fill-opacity=\"" };
  gsize after = at + strlen (MARKER_TEXT);

  if (after >= length || (data[after] != ';' && data[after] != '"'))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (before); i++)
    {
      gsize n = strlen (before[i]);

      if (at >= n && memcmp (data + at - n, before[i], n) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Copies @svg into @out with each marker replaced by its line. */
static void
replace_markers (WmSvgText        *self,
                 const GByteArray *svg,
                 GString          *out,
                 gboolean         *placed)
{
  const char *data = (const char *) svg->data;
  gsize done = 0, from = 0, start, end;
  const char *hit;

  while ((hit = g_strstr_len (data + from, svg->len - from, MARKER_TEXT)) != NULL)
    {
      gsize at = hit - data;
      gint64 index;

      from = at + 1;
      if (!is_marker_opacity (data, svg->len, at) ||
          !element_around (data, svg->len, at, &start, &end) || start < done ||
          g_strstr_len (data + start, end - start, "evenodd") == NULL)
        continue;
      index = marker_index (data + start, end - start);
      if (index < 0 || index >= self->lines->len || placed[index])
        continue;
      g_string_append_len (out, data + done, start - done);
      g_string_append (out, self->lines->pdata[index]);
      placed[index] = TRUE;
      done = from = end;
    }
  g_string_append_len (out, data + done, svg->len - done);
}

gboolean
wm_svg_text_insert (WmSvgText  *self,
                    GByteArray *svg,
                    GError    **error)
{
  g_autoptr(GString) out = g_string_sized_new (svg->len + 64 * self->lines->len);
  g_autofree gboolean *placed = g_new0 (gboolean, self->lines->len + 1);
  g_autoptr(GString) rest = g_string_new (NULL);
  gssize at = find_end (svg, "</svg>");

  if (at < 0)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_FAILED,
                   _("Could not write the SVG’s text: the drawing has no end tag"));
      return FALSE;
    }
  /* The end tag's place in @out: what follows it is copied unchanged. */
  replace_markers (self, svg, out, placed);
  at = out->len - (svg->len - at);
  for (guint i = 0; i < self->lines->len; i++)
    if (!placed[i])
      g_string_append_printf (rest, "%s\n", (const char *) self->lines->pdata[i]);
  if (rest->len > 0)
    {
      g_string_prepend (rest, "<g>\n");
      g_string_append (rest, "</g>\n");
      g_string_insert_len (out, at, rest->str, rest->len);
    }
  g_byte_array_set_size (svg, 0);
  g_byte_array_append (svg, (const guint8 *) out->str, out->len);
  return TRUE;
}
