/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-canvas-private.h"
#include "wm-evidence.h"
#include "wm-ui-text.h"

/* A card's verbatim quotes (the customer's words behind it, filled by
 * Import Feedback) in a popover at the card: read where the card is,
 * without the inspector. */

#define MAX_SHOWN_QUOTES 20

gboolean
wm_canvas_card_has_quotes (WmCanvas *self,
                           WmCard   *card)
{
  g_autoptr(GPtrArray) quotes = NULL;

  if (self->document == NULL || card == NULL)
    return FALSE;
  quotes = wm_evidence_dup_quotes (self->document, WM_ITEM (card));
  return quotes->len > 0;
}

static GtkWidget *
quotes_box (GPtrArray *quotes)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  g_autofree char *title = g_strdup_printf (ngettext ("%u Quote", "%u Quotes", quotes->len),
                                            quotes->len);
  GtkWidget *heading = gtk_label_new (title);

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (GTK_BOX (box), heading);
  for (guint i = 0; i < MIN (quotes->len, MAX_SHOWN_QUOTES); i++)
    {
      GtkWidget *label = wm_ui_block_label_new (g_ptr_array_index (quotes, i));

      /* Selectable, the popover's first focus would select it all. */
      gtk_label_set_selectable (GTK_LABEL (label), FALSE);
      gtk_label_set_width_chars (GTK_LABEL (label), 36);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
      gtk_box_append (GTK_BOX (box), label);
    }
  if (quotes->len > MAX_SHOWN_QUOTES)
    {
      g_autofree char *more = g_strdup_printf (_("… and %u more in the inspector"),
                                               quotes->len - MAX_SHOWN_QUOTES);
      GtkWidget *label = gtk_label_new (more);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (box), label);
    }
  return box;
}

void
wm_canvas_show_quotes (WmCanvas *self)
{
  g_autoptr(GPtrArray) quotes = NULL;
  GtkWidget *scrolled;
  cairo_rectangle_t r;
  double x0, y0, x1, y1;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (!WM_IS_CARD (self->selection) || self->layout == NULL ||
      !wm_layout_get_item_rect (self->layout, self->selection, &r))
    return;
  quotes = wm_evidence_dup_quotes (self->document, WM_ITEM (self->selection));
  if (quotes->len == 0)
    return;

  wm_canvas_scroll_to_item (self, self->selection);
  wm_canvas_layout_to_widget (self, r.x, r.y, &x0, &y0);
  wm_canvas_layout_to_widget (self, r.x + r.width, r.y + r.height, &x1, &y1);
  /* A popover must point inside the visible canvas. */
  x0 = CLAMP (x0, 0, MAX (width - 1, 0));
  x1 = CLAMP (x1, x0 + 1, MAX (width, 1));
  y0 = CLAMP (y0, 0, MAX (height - 1, 0));
  y1 = CLAMP (y1, y0 + 1, MAX (height, 1));

  if (self->quotes_popover == NULL)
    {
      self->quotes_popover = gtk_popover_new ();
      gtk_widget_set_parent (self->quotes_popover, GTK_WIDGET (self));
    }
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), quotes_box (quotes));
  gtk_popover_set_child (GTK_POPOVER (self->quotes_popover), scrolled);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->quotes_popover),
                               &(GdkRectangle) { (int) x0, (int) y0, (int) (x1 - x0), (int) (y1 - y0) });
  gtk_popover_popup (GTK_POPOVER (self->quotes_popover));
}

void
wm_canvas_quotes_dispose (WmCanvas *self)
{
  g_clear_pointer (&self->quotes_popover, gtk_widget_unparent);
}
