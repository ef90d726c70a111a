/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-print-operation.c - File → Print, through the exporter's page plan
 *
 * The sheets come from wm_page_plan for the printer's paper, so printing
 * to a PDF file gives the pages `waymark export --page poster-a4` writes.
 * The plan draws on the whole sheet with its own margins (use-full-page),
 * as the PDF export does; printers clip what they cannot reach, which the
 * poster's 12 mm margins leave room for.
 */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-export.h"
#include "wm-page-plan.h"
#include "wm-print-operation.h"

struct _WmPrintOperation
{
  GtkPrintOperation  parent_instance;

  WmDocument        *document;
  WmPagePlan        *plan;
  gboolean           tiled;
  gboolean           summary;

  /* The "Map" tab, while the dialog is up */
  GtkCheckButton    *tile_button;
  GtkCheckButton    *summary_button;
};

G_DEFINE_FINAL_TYPE (WmPrintOperation, wm_print_operation, GTK_TYPE_PRINT_OPERATION)

enum {
  PROP_0,
  PROP_TILED,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wm_print_operation_begin_print (GtkPrintOperation *operation,
                                GtkPrintContext   *context)
{
  WmPrintOperation *self = WM_PRINT_OPERATION (operation);
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);

  /* The page kind picks fit or tiles; the paper is the printer's. */
  options.page = self->tiled ? WM_PAGE_POSTER_A4 : WM_PAGE_A4;
  options.summary = self->summary;
  g_clear_pointer (&self->plan, wm_page_plan_free);
  self->plan = wm_page_plan_new (self->document, &options, width, height, &error);

  /* Only a map too large to tile fails: print it fitted instead. */
  if (self->plan == NULL)
    {
      g_debug ("Printing fitted: %s", error->message);
      options.page = WM_PAGE_A4;
      self->plan = wm_page_plan_new (self->document, &options, width, height, NULL);
    }

  gtk_print_operation_set_n_pages (operation, wm_page_plan_get_n_pages (self->plan));
}

static void
wm_print_operation_draw_page (GtkPrintOperation *operation,
                              GtkPrintContext   *context,
                              int                page_nr)
{
  WmPrintOperation *self = WM_PRINT_OPERATION (operation);

  g_return_if_fail (self->plan != NULL);

  wm_page_plan_draw_page (self->plan, page_nr, gtk_print_context_get_cairo_context (context));
}

static void
wm_print_operation_end_print (GtkPrintOperation *operation,
                              GtkPrintContext   *context)
{
  WmPrintOperation *self = WM_PRINT_OPERATION (operation);

  g_clear_pointer (&self->plan, wm_page_plan_free);
}

static GtkWidget *
make_check (const char *label,
            const char *tip)
{
  GtkWidget *check = gtk_check_button_new_with_mnemonic (label);

  gtk_widget_set_tooltip_text (check, tip);
  return check;
}

static GtkWidget *
wm_print_operation_create_custom_widget (GtkPrintOperation *operation)
{
  WmPrintOperation *self = WM_PRINT_OPERATION (operation);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *fit = make_check (_("_Fit to one page"),
                               _("The whole map on one sheet, shrunk if it is larger"));
  GtkWidget *tile = make_check (_("_Tile across pages"),
                                _("A poster at a readable size: sheets that overlap, with crop marks and labels for assembly"));
  GtkWidget *summary = make_check (_("Begin with a _summary page"),
                                   _("Personas, the top pain points, opportunities by owner, metrics and moments"));

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_check_button_set_group (GTK_CHECK_BUTTON (tile), GTK_CHECK_BUTTON (fit));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->tiled ? tile : fit), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (summary), self->summary);
  gtk_widget_set_margin_top (summary, 12);
  gtk_box_append (GTK_BOX (box), fit);
  gtk_box_append (GTK_BOX (box), tile);
  gtk_box_append (GTK_BOX (box), summary);

  self->tile_button = GTK_CHECK_BUTTON (tile);
  self->summary_button = GTK_CHECK_BUTTON (summary);
  g_object_add_weak_pointer (G_OBJECT (tile), (gpointer *) &self->tile_button);
  g_object_add_weak_pointer (G_OBJECT (summary), (gpointer *) &self->summary_button);

  return box;
}

static void
wm_print_operation_custom_widget_apply (GtkPrintOperation *operation,
                                        GtkWidget         *widget)
{
  WmPrintOperation *self = WM_PRINT_OPERATION (operation);

  if (self->tile_button != NULL)
    wm_print_operation_set_tiled (self, gtk_check_button_get_active (self->tile_button));
  if (self->summary_button != NULL)
    wm_print_operation_set_summary (self, gtk_check_button_get_active (self->summary_button));
}

static void
wm_print_operation_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  WmPrintOperation *self = WM_PRINT_OPERATION (object);

  switch (prop_id)
    {
    case PROP_TILED:
      g_value_set_boolean (value, self->tiled);
      break;

    case PROP_SUMMARY:
      g_value_set_boolean (value, self->summary);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_print_operation_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  WmPrintOperation *self = WM_PRINT_OPERATION (object);

  switch (prop_id)
    {
    case PROP_TILED:
      wm_print_operation_set_tiled (self, g_value_get_boolean (value));
      break;

    case PROP_SUMMARY:
      wm_print_operation_set_summary (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_print_operation_dispose (GObject *object)
{
  WmPrintOperation *self = WM_PRINT_OPERATION (object);

  if (self->tile_button != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->tile_button), (gpointer *) &self->tile_button);
  if (self->summary_button != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->summary_button), (gpointer *) &self->summary_button);
  self->tile_button = self->summary_button = NULL;
  g_clear_pointer (&self->plan, wm_page_plan_free);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (wm_print_operation_parent_class)->dispose (object);
}

static void
wm_print_operation_class_init (WmPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->dispose = wm_print_operation_dispose;
  object_class->get_property = wm_print_operation_get_property;
  object_class->set_property = wm_print_operation_set_property;

  operation_class->begin_print = wm_print_operation_begin_print;
  operation_class->draw_page = wm_print_operation_draw_page;
  operation_class->end_print = wm_print_operation_end_print;
  operation_class->create_custom_widget = wm_print_operation_create_custom_widget;
  operation_class->custom_widget_apply = wm_print_operation_custom_widget_apply;

  properties[PROP_TILED] =
    g_param_spec_boolean ("tiled", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_boolean ("summary", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_print_operation_init (WmPrintOperation *self)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);

  /* Points on the whole sheet: the plan's own coordinates. */
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  /* TRANSLATORS: the print dialog's tab with the fit / tile choice */
  gtk_print_operation_set_custom_tab_label (operation, _("Map"));
}

WmPrintOperation *
wm_print_operation_new (WmDocument *document)
{
  WmPrintOperation *self;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  self = g_object_new (WM_TYPE_PRINT_OPERATION, NULL);
  self->document = g_object_ref (document);
  return self;
}

gboolean
wm_print_operation_get_tiled (WmPrintOperation *self)
{
  g_return_val_if_fail (WM_IS_PRINT_OPERATION (self), FALSE);
  return self->tiled;
}

void
wm_print_operation_set_tiled (WmPrintOperation *self,
                              gboolean          tiled)
{
  g_return_if_fail (WM_IS_PRINT_OPERATION (self));

  tiled = !!tiled;
  if (self->tiled == tiled)
    return;
  self->tiled = tiled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TILED]);
}

gboolean
wm_print_operation_get_summary (WmPrintOperation *self)
{
  g_return_val_if_fail (WM_IS_PRINT_OPERATION (self), FALSE);
  return self->summary;
}

void
wm_print_operation_set_summary (WmPrintOperation *self,
                                gboolean          summary)
{
  g_return_if_fail (WM_IS_PRINT_OPERATION (self));

  summary = !!summary;
  if (self->summary == summary)
    return;
  self->summary = summary;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}
