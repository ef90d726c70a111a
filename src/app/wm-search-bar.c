/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-search-bar.h"

struct _WmSearchBar
{
  GtkWidget  parent_instance;

  GtkWidget *bar;
  GtkWidget *entry;
  GtkWidget *count;
  GtkWidget *previous;
  GtkWidget *next;

  WmSearch  *search;
  gulong     hits_id;
  GObject   *current;   /* owned: a removed item must not dangle */
};

enum
{
  CHANGED,
  STEP,
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WmSearchBar, wm_search_bar, GTK_TYPE_WIDGET)

static void
update_count (WmSearchBar *self)
{
  guint n = self->search != NULL ? wm_search_get_n_hits (self->search) : 0;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  int at = self->search != NULL && self->current != NULL
             ? wm_search_index_of (self->search, self->current) : -1;
  g_autofree char *text = NULL;

  if (query[0] == '\0')
    text = g_strdup ("");
  else if (n == 0)
    text = g_strdup (_("No results"));
  else if (at >= 0)
    /* Translators: the current search result and how many there are */
    text = g_strdup_printf (_("%u of %u"), (guint) at + 1, n);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u result", "%u results", n), n);
  gtk_label_set_text (GTK_LABEL (self->count), text);
  gtk_widget_set_sensitive (self->previous, n > 0);
  gtk_widget_set_sensitive (self->next, n > 0);
}

static void
entry_changed_cb (WmSearchBar *self)
{
  if (self->search == NULL)
    return;
  wm_search_set_query (self->search, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  update_count (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
step (WmSearchBar *self,
      gboolean     backward)
{
  if (self->search != NULL && wm_search_get_n_hits (self->search) > 0)
    g_signal_emit (self, signals[STEP], 0, backward);
}

static void
next_cb (WmSearchBar *self)
{
  step (self, FALSE);
}

static void
previous_cb (WmSearchBar *self)
{
  step (self, TRUE);
}

/* GtkSearchEntry has Enter ("activate") but nothing for Shift+Enter. */
static gboolean
entry_key_cb (GtkEventControllerKey *keys,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              WmSearchBar           *self)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter) &&
      (state & GDK_SHIFT_MASK))
    {
      step (self, TRUE);
      return TRUE;
    }
  return FALSE;
}

static void
search_mode_cb (WmSearchBar *self)
{
  if (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (self->bar)))
    return;
  g_clear_object (&self->current);
  g_signal_emit (self, signals[CLOSED], 0);
}

static GtkWidget *
step_button (const char *icon,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return button;
}

static GtkWidget *
build_content (WmSearchBar *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkWidget *close;

  self->entry = gtk_search_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 28);
  g_object_set (self->entry, "placeholder-text", _("Find in the map"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Find"), -1);
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (entry_changed_cb), self);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (next_cb), self);
  g_signal_connect_swapped (self->entry, "next-match", G_CALLBACK (next_cb), self);
  g_signal_connect_swapped (self->entry, "previous-match", G_CALLBACK (previous_cb), self);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (entry_key_cb), self);
  gtk_widget_add_controller (self->entry, keys);
  gtk_box_append (GTK_BOX (box), self->entry);

  self->count = gtk_label_new (NULL);
  gtk_label_set_width_chars (GTK_LABEL (self->count), 10);
  gtk_widget_add_css_class (self->count, "dim-label");
  gtk_widget_add_css_class (self->count, "numeric");
  gtk_box_append (GTK_BOX (box), self->count);

  gtk_widget_add_css_class (buttons, "linked");
  self->previous = step_button ("go-up-symbolic", _("Previous Result (Shift+Enter)"));
  self->next = step_button ("go-down-symbolic", _("Next Result (Enter)"));
  g_signal_connect_swapped (self->previous, "clicked", G_CALLBACK (previous_cb), self);
  g_signal_connect_swapped (self->next, "clicked", G_CALLBACK (next_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->previous);
  gtk_box_append (GTK_BOX (buttons), self->next);
  gtk_box_append (GTK_BOX (box), buttons);

  /* GtkSearchBar's own close button has no accessible name in GTK 4.8. */
  close = step_button ("window-close-symbolic", _("Close Find (Esc)"));
  gtk_widget_add_css_class (close, "flat");
  gtk_widget_add_css_class (close, "circular");
  g_signal_connect_swapped (close, "clicked", G_CALLBACK (wm_search_bar_close), self);
  gtk_box_append (GTK_BOX (box), close);
  return box;
}

static void
wm_search_bar_dispose (GObject *object)
{
  WmSearchBar *self = WM_SEARCH_BAR (object);

  if (self->search != NULL)
    g_clear_signal_handler (&self->hits_id, self->search);
  g_clear_object (&self->search);
  g_clear_object (&self->current);
  g_clear_pointer (&self->bar, gtk_widget_unparent);

  G_OBJECT_CLASS (wm_search_bar_parent_class)->dispose (object);
}

static void
wm_search_bar_class_init (WmSearchBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_search_bar_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[STEP] = g_signal_new ("step", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wmsearchbar");
}

static void
wm_search_bar_init (WmSearchBar *self)
{
  self->bar = gtk_search_bar_new ();
  gtk_search_bar_set_child (GTK_SEARCH_BAR (self->bar), build_content (self));
  gtk_search_bar_connect_entry (GTK_SEARCH_BAR (self->bar), GTK_EDITABLE (self->entry));
  gtk_widget_set_parent (self->bar, GTK_WIDGET (self));
  g_signal_connect_object (self->bar, "notify::search-mode-enabled",
                           G_CALLBACK (search_mode_cb), self, G_CONNECT_SWAPPED);
  update_count (self);
}

GtkWidget *
wm_search_bar_new (void)
{
  return g_object_new (WM_TYPE_SEARCH_BAR, NULL);
}

void
wm_search_bar_set_document (WmSearchBar *self,
                            WmDocument  *document)
{
  g_return_if_fail (WM_IS_SEARCH_BAR (self));
  g_return_if_fail (document == NULL || WM_IS_DOCUMENT (document));

  if (self->search != NULL)
    g_clear_signal_handler (&self->hits_id, self->search);
  g_clear_object (&self->search);
  g_clear_object (&self->current);
  if (document != NULL)
    {
      self->search = wm_search_new (document);
      wm_search_set_query (self->search, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
      /* An edit can add or take away hits. */
      self->hits_id = g_signal_connect_swapped (self->search, "notify::n-hits",
                                                G_CALLBACK (update_count), self);
    }
  update_count (self);
}

WmSearch *
wm_search_bar_get_search (WmSearchBar *self)
{
  g_return_val_if_fail (WM_IS_SEARCH_BAR (self), NULL);
  return self->search;
}

void
wm_search_bar_open (WmSearchBar *self)
{
  g_return_if_fail (WM_IS_SEARCH_BAR (self));

  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->bar), TRUE);
  gtk_widget_grab_focus (self->entry);
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

void
wm_search_bar_close (WmSearchBar *self)
{
  g_return_if_fail (WM_IS_SEARCH_BAR (self));
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->bar), FALSE);
}

gboolean
wm_search_bar_get_open (WmSearchBar *self)
{
  g_return_val_if_fail (WM_IS_SEARCH_BAR (self), FALSE);
  return gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (self->bar));
}

void
wm_search_bar_set_current (WmSearchBar *self,
                           GObject     *item)
{
  g_return_if_fail (WM_IS_SEARCH_BAR (self));

  g_set_object (&self->current, item);
  update_count (self);
}

GtkWidget *
wm_search_bar_get_entry (WmSearchBar *self)
{
  g_return_val_if_fail (WM_IS_SEARCH_BAR (self), NULL);
  return self->entry;
}

const char *
wm_search_bar_get_count_text (WmSearchBar *self)
{
  g_return_val_if_fail (WM_IS_SEARCH_BAR (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->count));
}
