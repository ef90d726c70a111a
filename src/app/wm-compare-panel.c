/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-compare-panel.c - the side list of a comparison's changes */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-compare-panel.h"

struct _WmComparePanel
{
  GtkWidget   parent_instance;

  GtkLabel   *subtitle;
  GtkListBox *list;

  WmCompare  *compare;
  guint       refill_id;
};

G_DEFINE_FINAL_TYPE (WmComparePanel, wm_compare_panel, GTK_TYPE_WIDGET)

enum { ITEM_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *
row_icon (WmCompareRowKind kind)
{
  switch (kind)
    {
    case WM_COMPARE_ROW_ADDED:
      return "list-add-symbolic";
    case WM_COMPARE_ROW_REMOVED:
      return "list-remove-symbolic";
    case WM_COMPARE_ROW_MOVED:
    case WM_COMPARE_ROW_REORDERED:
      return "go-next-symbolic";
    case WM_COMPARE_ROW_BETTER:
      return "go-up-symbolic";
    case WM_COMPARE_ROW_WORSE:
      return "go-down-symbolic";
    case WM_COMPARE_ROW_CHANGED:
    case WM_COMPARE_ROW_CURVE:
    case WM_COMPARE_ROW_METRIC:
    case WM_COMPARE_ROW_PAIN:
    default:
      return "document-edit-symbolic";
    }
}

/* The text is the map's own, clipped: a label's plain text, never markup. */
static GtkWidget *
make_row (const WmCompareRow *change)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_text (GTK_LABEL (label), change->text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (label), 3);
  /* Long map texts wrap instead of widening the panel. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (row_icon (change->kind)));
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), change->item != NULL);
  if (change->item != NULL)
    g_object_set_data_full (G_OBJECT (row), "wm-item", g_object_ref (change->item), g_object_unref);
  return row;
}

static void
clear_rows (WmComparePanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
}

static void
fill (WmComparePanel *self)
{
  g_autoptr(GPtrArray) rows = NULL;

  clear_rows (self);
  if (self->compare == NULL)
    return;
  rows = wm_compare_get_rows (self->compare);
  for (guint i = 0; i < rows->len; i++)
    gtk_list_box_append (self->list, make_row (rows->pdata[i]));
  if (rows->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("The two versions are the same."));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 24);
      gtk_list_box_append (self->list, label);
    }
}

static gboolean
refill_cb (gpointer data)
{
  WmComparePanel *self = data;

  self->refill_id = 0;
  fill (self);
  return G_SOURCE_REMOVE;
}

/* Edits come in bursts (a drag, an import): the list follows once they
 * settle. */
static void
compare_changed_cb (WmComparePanel *self)
{
  if (self->refill_id == 0)
    self->refill_id = g_idle_add_full (G_PRIORITY_LOW, refill_cb, self, NULL);
}

static void
row_activated_cb (WmComparePanel *self,
                  GtkListBoxRow  *row)
{
  GObject *item = g_object_get_data (G_OBJECT (row), "wm-item");

  if (item != NULL)
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, item);
}

void
wm_compare_panel_set_compare (WmComparePanel *self,
                              WmCompare      *compare,
                              const char     *name)
{
  g_return_if_fail (WM_IS_COMPARE_PANEL (self));
  g_return_if_fail (compare == NULL || WM_IS_COMPARE (compare));

  if (self->compare != NULL)
    g_signal_handlers_disconnect_by_data (self->compare, self);
  g_clear_handle_id (&self->refill_id, g_source_remove);
  if (!g_set_object (&self->compare, compare))
    return;
  gtk_label_set_text (self->subtitle, "");
  if (compare != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Compared with “%s”"), name != NULL ? name
                                                : wm_document_get_title (wm_compare_get_before (compare)));

      gtk_label_set_text (self->subtitle, title);
      g_signal_connect_object (compare, "changed", G_CALLBACK (compare_changed_cb), self, G_CONNECT_SWAPPED);
    }
  fill (self);
}

WmCompare *
wm_compare_panel_get_compare (WmComparePanel *self)
{
  g_return_val_if_fail (WM_IS_COMPARE_PANEL (self), NULL);
  return self->compare;
}

GtkWidget *
wm_compare_panel_new (void)
{
  return g_object_new (WM_TYPE_COMPARE_PANEL, NULL);
}

static void
wm_compare_panel_dispose (GObject *object)
{
  WmComparePanel *self = WM_COMPARE_PANEL (object);
  GtkWidget *child;

  wm_compare_panel_set_compare (self, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_COMPARE_PANEL);
  /* GTK 4.8 unparents only the template children that have an id. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (wm_compare_panel_parent_class)->dispose (object);
}

static void
wm_compare_panel_class_init (WmComparePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_compare_panel_dispose;

  signals[ITEM_ACTIVATED] = g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_OBJECT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/waymark/Waymark/wm-compare-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, WmComparePanel, subtitle);
  gtk_widget_class_bind_template_child (widget_class, WmComparePanel, list);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
wm_compare_panel_init (WmComparePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
