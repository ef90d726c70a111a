/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wm-recovery.h"
#include "wm-session.h"
#include "wm-session-file.h"

/* Tall enough for four or five maps, short enough for a 1024×600 screen
 * with the heading, the text and the buttons around it. */
#define LIST_MAX_HEIGHT 220
/* A row of two lines, roughly: only for the list's minimum height. */
#define ROW_HEIGHT      52

char *
wm_recovery_dup_file_label (const char *uri,
                            GFile      *file)
{
  g_autofree char *name = NULL;

  if (file != NULL)
    name = g_file_get_parse_name (file);
  if (name != NULL && g_utf8_validate (name, -1, NULL) && *name != '\0')
    return wm_session_clip_title (name, strlen (name));
  /* A URI that does not decode says nothing a user could act on. */
  return g_strdup (uri != NULL ? _("Untitled") : _("Never saved"));
}

static GtkWidget *
plain_label (const char *text,
             const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* Map titles are text, never markup. */
  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
draft_row (WmSessionDraft *draft)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *title = NULL;
  g_autofree char *file = wm_recovery_dup_file_label (draft->uri, draft->original);

  if (draft->title != NULL && *draft->title != '\0')
    title = wm_session_clip_title (draft->title, strlen (draft->title));
  else
    title = g_strdup (_("Untitled Map"));

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), plain_label (title, NULL));
  gtk_box_append (GTK_BOX (box), plain_label (file, "dim-label"));
  gtk_widget_add_css_class (gtk_widget_get_last_child (box), "caption");
  return box;
}

static GtkWidget *
draft_list (GPtrArray *drafts,
            guint      n_more)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  guint n_shown = MIN (drafts->len, WM_SESSION_MAX_DRAFTS);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < n_shown; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), draft_row (g_ptr_array_index (drafts, i)));

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), LIST_MAX_HEIGHT);
  /* The dialog gives its extra child no more than it asks for at least. */
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller),
                                              MIN (n_shown * ROW_HEIGHT, LIST_MAX_HEIGHT));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_box_append (GTK_BOX (box), scroller);

  n_more += drafts->len - n_shown;
  if (n_more > 0)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("And %u more draft, not listed here.",
                                                         "And %u more drafts, not listed here.",
                                                         n_more), n_more);
      gtk_box_append (GTK_BOX (box), plain_label (more, "dim-label"));
    }
  return box;
}

AdwMessageDialog *
wm_recovery_dialog_new (GtkWindow *parent,
                        GPtrArray *drafts,
                        guint      n_more)
{
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  body = g_strdup_printf (ngettext ("Waymark did not shut down properly. This map had unsaved changes:",
                                    "Waymark did not shut down properly. These %u maps had unsaved changes:",
                                    drafts->len),
                          drafts->len);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Recover Unsaved Maps?"), body));
  adw_message_dialog_set_extra_child (dialog, draft_list (drafts, n_more));
  adw_message_dialog_add_responses (dialog,
                                    "discard", _("_Discard"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "restore");
  return dialog;
}
