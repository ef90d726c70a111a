/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "wm-layout.h"
#include "wm-reader.h"
#include "wm-render.h"
#include "wm-template-chooser.h"

#define TEMPLATE_RESOURCE "/io/github/waymark/Waymark/core/templates/%s/%s.waymark"
/* Thumbnails are rendered at twice their shown size for HiDPI screens. */
#define PREVIEW_WIDTH  480
#define PREVIEW_HEIGHT 300

struct _WmTemplateChooser
{
  AdwWindow     parent_instance;

  GtkFlowBox   *flow_box;
  GtkButton    *create_button;
};

G_DEFINE_FINAL_TYPE (WmTemplateChooser, wm_template_chooser, ADW_TYPE_WINDOW)

enum {
  TEMPLATE_CHOSEN,
  OPEN_FILE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* From the core's generated wm-core-resources.c. Calling it makes the
 * linker keep that object (and the constructor that registers it) even
 * though nothing else in the app names a symbol from it. */
GResource *wm_core_get_resource (void);

static const char * const template_names[] = {
  "blank", "camping", "insurance", "b2b-services", "customer-service",
  "ssvssj", "one-person-business", NULL
};

const char * const *
wm_template_get_names (void)
{
  return template_names;
}

const char *
wm_template_get_title (const char *name)
{
  if (g_strcmp0 (name, "blank") == 0)
    return _("Blank Map");
  if (g_strcmp0 (name, "camping") == 0)
    return _("Weekend Camping Trip");
  if (g_strcmp0 (name, "insurance") == 0)
    return _("Insurance Claim");
  if (g_strcmp0 (name, "b2b-services") == 0)
    return _("B2B Technology Services");
  if (g_strcmp0 (name, "customer-service") == 0)
    return _("After-Sales Customer Service");
  if (g_strcmp0 (name, "ssvssj") == 0)
    return _("Problem-First (SSVSSJ)");
  if (g_strcmp0 (name, "one-person-business") == 0)
    return _("One-Person Business");
  return name;
}

const char *
wm_template_get_description (const char *name)
{
  if (g_strcmp0 (name, "blank") == 0)
    return _("Four stages and the usual lanes, ready to fill");
  if (g_strcmp0 (name, "camping") == 0)
    return _("The classic sample: from research to sharing");
  if (g_strcmp0 (name, "insurance") == 0)
    return _("A roadside-assistance claim with its Aha-moment");
  if (g_strcmp0 (name, "b2b-services") == 0)
    return _("Several personas across awareness, interest and cooperation");
  if (g_strcmp0 (name, "customer-service") == 0)
    return _("An after-sales journey built from complaints");
  if (g_strcmp0 (name, "ssvssj") == 0)
    return _("Touchpoint, scene, view, detail, solution: the journey emerges");
  if (g_strcmp0 (name, "one-person-business") == 0)
    return _("An independent consultant's clients, with NPS for referrals");
  return "";
}

const char *
wm_template_get_language (void)
{
  /* Translators: the templates this translation offers, as their folder
   * in data/templates/: "en", or "zh-CN" for Chinese. Asking the
   * translation, not $LANGUAGE, keeps a blank map's names in the language
   * of the rest of the UI (gettext ignores $LANGUAGE in the C locale, and
   * a zh_TW user gets the English UI). */
  const char *language = C_("templates", "en");

  return g_strcmp0 (language, "zh-CN") == 0 ? "zh-CN" : "en";
}

WmDocument *
wm_template_load (const char  *name,
                  GError     **error)
{
  g_autofree char *path = g_strdup_printf (TEMPLATE_RESOURCE, wm_template_get_language (), name);
  g_autofree char *display = g_strdup_printf ("%s.waymark", name);
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *data;

  (void) wm_core_get_resource ();
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &length);
  return wm_reader_load_data (data, length, display, error);
}

static cairo_surface_t *
render_preview (WmDocument *document,
                gboolean    dark)
{
  g_autoptr(WmLayout) layout = wm_layout_new (document, dark ? WM_THEME_DARK : WM_THEME_LIGHT);
  const WmStyle *style = wm_layout_get_style (layout);
  WmRenderOptions options = WM_RENDER_OPTIONS_INIT;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height, scale;

  wm_layout_get_size (layout, &width, &height);
  if (width <= 0 || height <= 0)
    return NULL;

  /* Cover the thumbnail from the top left: the stage headers and the first
   * lanes say more about a template than the whole map shrunk to a smudge.
   * The cap keeps a small blank map from being blown up. */
  scale = MIN (MAX (PREVIEW_WIDTH / width, PREVIEW_HEIGHT / height), 0.6);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, PREVIEW_WIDTH, PREVIEW_HEIGHT);
  cr = cairo_create (surface);
  cairo_set_source_rgba (cr, style->background.r, style->background.g,
                         style->background.b, 1.0);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  options.clip.width = PREVIEW_WIDTH / scale;
  options.clip.height = PREVIEW_HEIGHT / scale;
  options.scale = scale;
  wm_render (layout, cr, &options);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

cairo_surface_t *
wm_template_get_preview (const char *name,
                         gboolean    dark)
{
  static GHashTable *cache;
  g_autofree char *key = g_strdup_printf ("%s/%s/%d", wm_template_get_language (), name, !!dark);
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) cairo_surface_destroy);

  surface = g_hash_table_lookup (cache, key);
  if (surface != NULL)
    return surface;

  document = wm_template_load (name, &error);
  if (document == NULL)
    {
      g_warning ("Template %s: %s", name, error->message);
      return NULL;
    }

  surface = render_preview (document, dark);
  if (surface != NULL)
    g_hash_table_insert (cache, g_steal_pointer (&key), surface);
  return surface;
}

/* The chooser */

static void
draw_preview (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  cairo_surface_t *preview = user_data;

  cairo_scale (cr, (double) width / PREVIEW_WIDTH, (double) height / PREVIEW_HEIGHT);
  cairo_set_source_surface (cr, preview, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
}

static GtkWidget *
create_tile (const char *name,
             gboolean    dark)
{
  GtkWidget *child = gtk_flow_box_child_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *picture = gtk_drawing_area_new ();
  GtkWidget *title = gtk_label_new (wm_template_get_title (name));
  GtkWidget *description = gtk_label_new (wm_template_get_description (name));
  cairo_surface_t *preview = wm_template_get_preview (name, dark);

  /* A drawing area, not a GtkPicture: its natural size is the tile's, not
   * the (double-resolution) thumbnail's, so the flow box fits three. */
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (picture), PREVIEW_WIDTH / 2);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (picture), PREVIEW_HEIGHT / 2);
  if (preview != NULL)
    gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (picture), draw_preview,
                                    cairo_surface_reference (preview),
                                    (GDestroyNotify) cairo_surface_destroy);
  gtk_frame_set_child (GTK_FRAME (frame), picture);
  gtk_widget_add_css_class (frame, "wm-template-preview");

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (description, "dim-label");
  gtk_widget_add_css_class (description, "caption");
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_label_set_justify (GTK_LABEL (description), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (description), 22);

  gtk_box_append (GTK_BOX (box), frame);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), description);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  /* Long descriptions would otherwise widen the tile to one line of text,
   * and the flow box would fit fewer columns. */
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), PREVIEW_WIDTH / 2 + 12);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), PREVIEW_WIDTH / 2 + 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), clamp);

  gtk_widget_set_tooltip_text (child, wm_template_get_title (name));
  g_object_set_data_full (G_OBJECT (child), "template-name", g_strdup (name), g_free);
  return child;
}

const char *
wm_template_chooser_get_selected (WmTemplateChooser *self)
{
  g_autoptr(GList) selected = NULL;

  g_return_val_if_fail (WM_IS_TEMPLATE_CHOOSER (self), NULL);

  selected = gtk_flow_box_get_selected_children (self->flow_box);
  if (selected == NULL)
    return NULL;
  return g_object_get_data (selected->data, "template-name");
}

static void
choose (WmTemplateChooser *self,
        const char        *name)
{
  if (name == NULL)
    return;

  /* Keep ourselves alive through the handlers, which may open windows. */
  g_object_ref (self);
  g_signal_emit (self, signals[TEMPLATE_CHOSEN], 0, name);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
child_activated_cb (WmTemplateChooser *self,
                    GtkFlowBoxChild   *child)
{
  choose (self, g_object_get_data (G_OBJECT (child), "template-name"));
}

static void
create_clicked_cb (WmTemplateChooser *self)
{
  choose (self, wm_template_chooser_get_selected (self));
}

static void
open_clicked_cb (WmTemplateChooser *self)
{
  g_object_ref (self);
  g_signal_emit (self, signals[OPEN_FILE], 0);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
wm_template_chooser_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), WM_TYPE_TEMPLATE_CHOOSER);

  G_OBJECT_CLASS (wm_template_chooser_parent_class)->dispose (object);
}

static void
wm_template_chooser_class_init (WmTemplateChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_template_chooser_dispose;

  signals[TEMPLATE_CHOSEN] =
    g_signal_new ("template-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[OPEN_FILE] =
    g_signal_new ("open-file", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/waymark/Waymark/wm-template-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, WmTemplateChooser, flow_box);
  gtk_widget_class_bind_template_child (widget_class, WmTemplateChooser, create_button);
  gtk_widget_class_bind_template_callback (widget_class, child_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wm_template_chooser_init (WmTemplateChooser *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkFlowBoxChild *first;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; template_names[i] != NULL; i++)
    gtk_flow_box_append (self->flow_box, create_tile (template_names[i], dark));

  first = gtk_flow_box_get_child_at_index (self->flow_box, 0);
  gtk_flow_box_select_child (self->flow_box, first);
  /* Arrow keys and Enter work on the tiles straight away. Through the
   * flow box's own focus handling, which also makes the tile its keyboard
   * cursor: gtk_window_set_focus() on the tile alone left the arrow keys
   * dead until Tab or a click. */
  gtk_widget_child_focus (GTK_WIDGET (self->flow_box), GTK_DIR_TAB_FORWARD);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->create_button));
}

GtkWidget *
wm_template_chooser_new (void)
{
  return g_object_new (WM_TYPE_TEMPLATE_CHOOSER, NULL);
}
