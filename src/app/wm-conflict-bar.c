/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-conflict-bar.h"
#include "wm-merge.h"

struct _WmConflictBar
{
  GtkWidget   parent_instance;

  GtkWidget  *bar;
  GtkWidget  *count;
  GtkWidget  *detail;
  GtkWidget  *ours;
  GtkWidget  *theirs;
  GtkWidget  *previous;
  GtkWidget  *next;

  WmDocument *document;
  gulong      changed_id;
  GPtrArray  *items;     /* GObject*, owned */
  GObject    *current;   /* owned: a removed item must not dangle */
};

enum
{
  STEP,
  RESOLVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WmConflictBar, wm_conflict_bar, GTK_TYPE_WIDGET)

static void
set_button (GtkWidget  *button,
            const char *label)
{
  gtk_widget_set_visible (button, label != NULL);
  if (label != NULL)
    gtk_button_set_label (GTK_BUTTON (button), label);
}

/* The current item's conflict and its ways out. */
static void
update_choices (WmConflictBar *self,
                gboolean       current)
{
  const char *conflict = current ? wm_merge_get_conflict (self->document, self->current) : NULL;
  WmMergeChoice choice = current ? wm_merge_get_choice (self->document, self->current) : WM_MERGE_CHOICE_NONE;

  gtk_label_set_text (GTK_LABEL (self->detail), conflict != NULL ? conflict : "");
  gtk_widget_set_tooltip_text (self->detail, conflict);
  if (!current)
    set_button (self->ours, NULL), set_button (self->theirs, NULL);
  else if (choice == WM_MERGE_CHOICE_SIDES)
    set_button (self->ours, _("Keep _Ours")), set_button (self->theirs, _("Keep _Theirs"));
  else if (choice == WM_MERGE_CHOICE_DELETE)
    set_button (self->ours, _("_Keep")), set_button (self->theirs, _("_Delete"));
  else
    set_button (self->ours, _("_Keep")), set_button (self->theirs, NULL);
}

static void
update (WmConflictBar *self)
{
  guint n = self->items != NULL ? self->items->len : 0;
  guint at = 0;
  gboolean current = self->current != NULL && g_ptr_array_find (self->items, self->current, &at);
  g_autofree char *text = NULL;

  if (current)
    /* Translators: the merge conflict shown and how many there are */
    text = g_strdup_printf (_("Conflict %u of %u"), at + 1, n);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u merge conflict", "%u merge conflicts", n), n);
  gtk_label_set_text (GTK_LABEL (self->count), text);
  update_choices (self, current);
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->bar), n > 0);
}

static void
document_changed_cb (WmConflictBar *self)
{
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = wm_merge_list_conflicts (self->document);
  update (self);
}

static void
next_cb (WmConflictBar *self)
{
  if (self->items != NULL && self->items->len > 0)
    g_signal_emit (self, signals[STEP], 0, FALSE);
}

static void
previous_cb (WmConflictBar *self)
{
  if (self->items != NULL && self->items->len > 0)
    g_signal_emit (self, signals[STEP], 0, TRUE);
}

static void
ours_cb (WmConflictBar *self)
{
  g_signal_emit (self, signals[RESOLVE], 0, FALSE);
}

static void
theirs_cb (WmConflictBar *self)
{
  g_signal_emit (self, signals[RESOLVE], 0, TRUE);
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return button;
}

static GtkWidget *
text_button (GCallback      callback,
             WmConflictBar *self)
{
  GtkWidget *button = gtk_button_new_with_mnemonic ("");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
build_content (WmConflictBar *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *steps = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  self->count = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->count, "heading");
  gtk_box_append (GTK_BOX (box), self->count);

  self->detail = gtk_label_new (NULL);
  gtk_widget_set_hexpand (self->detail, TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->detail), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), self->detail);

  self->ours = text_button (G_CALLBACK (ours_cb), self);
  self->theirs = text_button (G_CALLBACK (theirs_cb), self);
  gtk_box_append (GTK_BOX (box), self->ours);
  gtk_box_append (GTK_BOX (box), self->theirs);

  gtk_widget_add_css_class (steps, "linked");
  gtk_widget_set_valign (steps, GTK_ALIGN_CENTER);
  self->previous = icon_button ("go-up-symbolic", _("Previous Conflict"));
  self->next = icon_button ("go-down-symbolic", _("Next Conflict"));
  g_signal_connect_swapped (self->previous, "clicked", G_CALLBACK (previous_cb), self);
  g_signal_connect_swapped (self->next, "clicked", G_CALLBACK (next_cb), self);
  gtk_box_append (GTK_BOX (steps), self->previous);
  gtk_box_append (GTK_BOX (steps), self->next);
  gtk_box_append (GTK_BOX (box), steps);
  return box;
}

static void
wm_conflict_bar_dispose (GObject *object)
{
  WmConflictBar *self = WM_CONFLICT_BAR (object);

  wm_conflict_bar_set_document (self, NULL);
  g_clear_pointer (&self->bar, gtk_widget_unparent);

  G_OBJECT_CLASS (wm_conflict_bar_parent_class)->dispose (object);
}

static void
wm_conflict_bar_class_init (WmConflictBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_conflict_bar_dispose;

  signals[STEP] = g_signal_new ("step", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  signals[RESOLVE] = g_signal_new ("resolve", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wmconflictbar");
}

static void
wm_conflict_bar_init (WmConflictBar *self)
{
  self->bar = gtk_info_bar_new ();
  gtk_info_bar_set_message_type (GTK_INFO_BAR (self->bar), GTK_MESSAGE_WARNING);
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->bar), FALSE);
  gtk_info_bar_add_child (GTK_INFO_BAR (self->bar), build_content (self));
  gtk_widget_set_parent (self->bar, GTK_WIDGET (self));
  update (self);
}

GtkWidget *
wm_conflict_bar_new (void)
{
  return g_object_new (WM_TYPE_CONFLICT_BAR, NULL);
}

void
wm_conflict_bar_set_document (WmConflictBar *self,
                              WmDocument    *document)
{
  g_return_if_fail (WM_IS_CONFLICT_BAR (self));
  g_return_if_fail (document == NULL || WM_IS_DOCUMENT (document));

  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_id, self->document);
  g_set_object (&self->document, document);
  g_clear_object (&self->current);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  if (document != NULL)
    {
      self->items = wm_merge_list_conflicts (document);
      self->changed_id = g_signal_connect_swapped (document, "changed",
                                                   G_CALLBACK (document_changed_cb), self);
    }
  if (self->bar != NULL)
    update (self);
}

GPtrArray *
wm_conflict_bar_get_items (WmConflictBar *self)
{
  g_return_val_if_fail (WM_IS_CONFLICT_BAR (self), NULL);
  return self->items;
}

void
wm_conflict_bar_set_current (WmConflictBar *self,
                             GObject       *item)
{
  g_return_if_fail (WM_IS_CONFLICT_BAR (self));

  g_set_object (&self->current, item);
  update (self);
}

GObject *
wm_conflict_bar_get_current (WmConflictBar *self)
{
  g_return_val_if_fail (WM_IS_CONFLICT_BAR (self), NULL);
  return self->current;
}

GtkWidget *
wm_conflict_bar_get_button (WmConflictBar *self,
                            const char    *name)
{
  g_return_val_if_fail (WM_IS_CONFLICT_BAR (self), NULL);

  if (g_str_equal (name, "previous"))
    return self->previous;
  if (g_str_equal (name, "next"))
    return self->next;
  if (g_str_equal (name, "ours"))
    return self->ours;
  if (g_str_equal (name, "theirs"))
    return self->theirs;
  g_return_val_if_reached (NULL);
}

const char *
wm_conflict_bar_get_count_text (WmConflictBar *self)
{
  g_return_val_if_fail (WM_IS_CONFLICT_BAR (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->count));
}

const char *
wm_conflict_bar_get_detail_text (WmConflictBar *self)
{
  g_return_val_if_fail (WM_IS_CONFLICT_BAR (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->detail));
}

gboolean
wm_conflict_bar_get_shown (WmConflictBar *self)
{
  g_return_val_if_fail (WM_IS_CONFLICT_BAR (self), FALSE);
  return gtk_info_bar_get_revealed (GTK_INFO_BAR (self->bar));
}
