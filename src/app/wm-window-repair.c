/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-window-repair.c - the bar that says what Open and Repair did */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wm-map-text.h"
#include "wm-ui-text.h"
#include "wm-window-private.h"

/* The most repairs the dialog lists before "and N more". */
#define MAX_LISTED_REPAIRS 100

/* "/home/me/map.waymark:14: …" as "map.waymark:14: …": the path is long
 * and the dialog names the map already. */
static char *
repair_text (const char *repair,
             GFile      *file)
{
  const char *path = file != NULL ? g_file_peek_path (file) : NULL;
  gsize n = path != NULL ? strlen (path) : 0;
  g_autofree char *base = NULL;
  g_autofree char *text = NULL;

  if (n == 0 || strncmp (repair, path, n) != 0 || repair[n] != ':')
    return wm_ui_text (repair);
  base = g_file_get_basename (file);
  text = g_strconcat (base, repair + n, NULL);
  return wm_ui_text (text);
}

static char *
repair_list (GPtrArray *repairs,
             GFile     *file)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < MIN (repairs->len, MAX_LISTED_REPAIRS); i++)
    {
      g_autofree char *line = repair_text (g_ptr_array_index (repairs, i), file);

      g_string_append_printf (list, "%s• %s", i > 0 ? "\n" : "", line);
    }
  if (repairs->len > MAX_LISTED_REPAIRS)
    {
      g_string_append_c (list, '\n');
      g_string_append_printf (list, ngettext ("… and %u more repair", "… and %u more repairs",
                                              repairs->len - MAX_LISTED_REPAIRS),
                              repairs->len - MAX_LISTED_REPAIRS);
    }
  return g_string_free (list, FALSE);
}

/* A scrolling list: a hundred repairs must not push the button off a
 * small screen. */
static GtkWidget *
list_widget (const char *text)
{
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "problem-list");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
  return scroller;
}

static void
repair_details_clicked_cb (WmWindow *self)
{
  GPtrArray *repairs = wm_map_file_get_repairs (self->map_file);
  g_autofree char *list = NULL;
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (repairs == NULL)
    return;
  list = repair_list (repairs, wm_map_file_get_file (self->map_file));
  title = wm_window_dup_display_name (self);
  heading = g_strdup_printf (_("Repairs to “%s”"), title);
  /* The stage's name as the map shows it, in the map's language. */
  body = g_strdup_printf (_("Items whose stage or persona is not defined were put in “%s”. "
                            "Undo removes them instead. The file changes only when you save it."),
                          wm_map_label (wm_map_lang_of (self->document), WM_LABEL_UNPLACED));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list_widget (list));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
repair_bar_hide_clicked_cb (WmWindow *self)
{
  gtk_info_bar_set_revealed (self->repair_bar, FALSE);
}

void
_wm_window_sync_repairs (WmWindow *self)
{
  GPtrArray *repairs = wm_map_file_get_repairs (self->map_file);
  g_autofree char *message = NULL;

  if (repairs != NULL && repairs->len > 0)
    {
      message = g_strdup_printf (ngettext ("This map was opened with %u repair. The file changes only when you save it.",
                                           "This map was opened with %u repairs. The file changes only when you save it.",
                                           repairs->len),
                                 repairs->len);
      gtk_label_set_label (self->repair_label, message);
    }
  gtk_info_bar_set_revealed (self->repair_bar, message != NULL);
}

const char *
wm_window_get_repair_message (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);

  if (!gtk_info_bar_get_revealed (self->repair_bar))
    return NULL;
  return gtk_label_get_label (self->repair_label);
}

void
_wm_window_class_repair_init (WmWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_bind_template_child (widget_class, WmWindow, repair_bar);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, repair_label);
  gtk_widget_class_bind_template_callback (widget_class, repair_details_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, repair_bar_hide_clicked_cb);
}
