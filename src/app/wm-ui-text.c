/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <string.h>

#include "wm-ui-text.h"
#include "wm-layout.h"

/* Map text is valid UTF-8 (the rules see to it), but file names and
 * what is built from them need not be, and Pango warns on such text. */
static char *
dup_clipped (const char *text,
             guint       max_chars,
             guint       max_lines)
{
  g_autofree char *valid = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  return wm_layout_dup_clipped_text (text, max_chars, max_lines);
}

char *
wm_ui_text (const char *text)
{
  if (text == NULL)
    return g_strdup ("");
  return dup_clipped (text, WM_UI_TEXT_LINE_CHARS, 1);
}

char *
wm_ui_file_name (GFile *file)
{
  g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;

  return wm_ui_text (name);
}

char *
wm_ui_text_block (const char *text)
{
  if (text == NULL)
    return g_strdup ("");
  /* A wrapped GtkLabel 4.8 with tabs can measure its minimum width above
   * its natural width (a warning); a label has no tab stops to keep. */
  return g_strdelimit (dup_clipped (text, WM_UI_TEXT_BLOCK_CHARS, WM_UI_TEXT_BLOCK_LINES),
                       "\t", ' ');
}

char *
wm_ui_markup (const char *text)
{
  g_autofree char *clipped = wm_ui_text (text);

  return g_markup_escape_text (clipped, -1);
}

char *
wm_ui_mnemonic_safe (const char *text)
{
  g_autofree char *clipped = wm_ui_text (text);
  GString *out = g_string_sized_new (strlen (clipped) + 8);

  for (const char *p = clipped; *p != '\0'; p++)
    {
      if (*p == '_')
        g_string_append_c (out, '_');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

gboolean
wm_ui_text_editable (const char *text)
{
  g_autofree char *copy = NULL;
  gsize length;

  if (text == NULL)
    return TRUE;
  length = strlen (text);
  /* UTF-8 takes at least one byte a character: most texts stop here. */
  if (length > WM_UI_TEXT_EDIT_CHARS &&
      g_utf8_strlen (text, length) > WM_UI_TEXT_EDIT_CHARS)
    return FALSE;
  return wm_layout_shaped_text (text, &length, &copy) == text;
}

void
wm_ui_label_set_text (GtkLabel   *label,
                      const char *text)
{
  g_autofree char *shown = wm_ui_text (text);

  gtk_label_set_use_markup (label, FALSE);
  gtk_label_set_use_underline (label, FALSE);
  gtk_label_set_label (label, shown);
}

GtkWidget *
wm_ui_block_label_new (const char *text)
{
  GtkWidget *label = gtk_label_new (NULL);
  g_autofree char *block = wm_ui_text_block (text);

  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_use_underline (GTK_LABEL (label), FALSE);
  gtk_label_set_label (GTK_LABEL (label), block);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  return label;
}
