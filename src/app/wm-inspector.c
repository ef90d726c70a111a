/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-inspector.h"
#include "wm-inspector-evidence.h"
#include "wm-field-undo.h"
#include "wm-lane-kind.h"
#include "wm-style.h"
#include "wm-ui-text.h"
#include "wm-user-edits.h"

/* The inspector: a preferences page built for the selection's type. Each
 * row is a "field" bound to one property of one model object; a change in
 * a row pushes one command, and every history change refreshes the rows
 * (guarded, so a refresh never pushes anything). The page is rebuilt only
 * when its shape changes (another selection, a persona or metric added). */

#define NATURAL_WIDTH 340

typedef enum
{
  FIELD_ENTRY,
  FIELD_TEXT,
  FIELD_COMBO,
  FIELD_SWITCH,
  FIELD_SHOWN,   /* a switch showing the inverse of a boolean ("hidden") */
  FIELD_SPIN,
  FIELD_COLOR,
  FIELD_GOALS,
  FIELD_TITLE,   /* a row whose title shows the property (read-only) */
  FIELD_PREVIEW, /* a text too long to edit here, shown clipped (read-only) */
  FIELD_PERSONA, /* a combo of the map's personas, holding an id */
} FieldKind;

typedef struct
{
  WmInspector *self;
  FieldKind    kind;
  GObject     *object;
  char        *property;
  GtkWidget   *widget;
} Field;

struct _WmInspector
{
  AdwBin      parent_instance;

  WmHistory  *history;
  WmDocument *document;
  gulong      changed_id;
  GObject    *selection;
  GListModel *items;      /* the whole selection; several cards get one page */
  GPtrArray  *cards;      /* the cards that page edits */
  GHashTable *multi;      /* property → the widget editing it on that page */
  guint       rebuild_id;

  GtkWidget  *page;
  GtkWidget  *add_persona;  /* the Personas group's Add button */
  GPtrArray  *fields;
  char       *shape;
  gboolean    updating;
  gboolean    stale;     /* a field's text crossed wm_ui_text_editable() */
};

enum { PROP_0, PROP_HISTORY, PROP_SELECTION, PROP_ITEMS, N_PROPS };
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (WmInspector, wm_inspector, ADW_TYPE_BIN)

static void rebuild (WmInspector *self);

static void
field_free (Field *field)
{
  g_clear_object (&field->object);
  g_free (field->property);
  g_free (field);
}

static GParamSpec *
field_pspec (Field *field)
{
  return g_object_class_find_property (G_OBJECT_GET_CLASS (field->object), field->property);
}

static gboolean
nullable_property (const char *property)
{
  return !g_str_equal (property, "title") && !g_str_equal (property, "text") &&
         !g_str_equal (property, "name");
}

/* Pushing edits */

static void
push (WmInspector *self,
      WmCommand   *command)
{
  if (self->history == NULL || command == NULL)
    return;
  self->updating = TRUE;
  wm_history_push (self->history, command);
  self->updating = FALSE;
}

static void
push_value (Field        *field,
            const GValue *value,
            const char   *merge_key)
{
  if (field->self->updating)
    return;
  push (field->self, wm_user_edit_type (field->self->document, field->object, field->property, value, merge_key));
}

static void
push_string (Field      *field,
             const char *text)
{
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  if (text != NULL && (*text != '\0' || !nullable_property (field->property)))
    g_value_set_string (&value, text);
  push_value (field, &value, field->property);
  g_value_unset (&value);
}

static char *
text_view_get_text (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
entry_changed_cb (GtkEditable *editable,
                  Field       *field)
{
  push_string (field, gtk_editable_get_text (editable));
}

static void
text_changed_cb (GtkTextBuffer *buffer,
                 Field         *field)
{
  g_autofree char *text = text_view_get_text (field->widget);
  GValue value = G_VALUE_INIT;

  if (field->kind == FIELD_TEXT)
    {
      push_string (field, text);
      return;
    }
  /* Goals: one a line. */
  {
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
    g_auto(GStrv) goals = NULL;

    for (guint i = 0; lines[i] != NULL; i++)
      if (*g_strstrip (lines[i]) != '\0')
        g_strv_builder_add (builder, lines[i]);
    goals = g_strv_builder_end (builder);
    g_value_init (&value, G_TYPE_STRV);
    g_value_set_boxed (&value, goals[0] != NULL ? goals : NULL);
    push_value (field, &value, field->property);
    g_value_unset (&value);
  }
}

static void
combo_selected_cb (AdwComboRow *row,
                   GParamSpec  *pspec,
                   Field       *field)
{
  GValue value = G_VALUE_INIT;

  g_value_init (&value, field_pspec (field)->value_type);
  g_value_set_enum (&value, adw_combo_row_get_selected (row));
  push_value (field, &value, NULL);
  g_value_unset (&value);
}

static void
persona_selected_cb (AdwComboRow *row,
                     GParamSpec  *pspec,
                     Field       *field)
{
  GListModel *personas = G_LIST_MODEL (wm_document_get_personas (field->self->document));
  g_autoptr(WmPersona) persona = g_list_model_get_item (personas, adw_combo_row_get_selected (row));
  GValue value = G_VALUE_INIT;

  if (persona == NULL)
    return;
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, wm_item_get_id (WM_ITEM (persona)));
  push_value (field, &value, NULL);
  g_value_unset (&value);
}

static void
switch_active_cb (GtkSwitch  *widget,
                  GParamSpec *pspec,
                  Field      *field)
{
  GValue value = G_VALUE_INIT;
  gboolean active = gtk_switch_get_active (widget);

  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, field->kind == FIELD_SHOWN ? !active : active);
  push_value (field, &value, NULL);
  g_value_unset (&value);
}

static void
spin_changed_cb (GtkSpinButton *spin,
                 Field         *field)
{
  GValue value = G_VALUE_INIT;
  GValue number = G_VALUE_INIT;

  g_value_init (&number, G_TYPE_DOUBLE);
  g_value_set_double (&number, gtk_spin_button_get_value (spin));
  g_value_init (&value, field_pspec (field)->value_type);
  g_value_transform (&number, &value);
  push_value (field, &value, field->property);
  g_value_unset (&value);
  g_value_unset (&number);
}

static void
color_set_cb (GtkColorButton *button,
              Field          *field)
{
  GdkRGBA rgba;
  g_autofree char *spec = NULL;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  G_GNUC_END_IGNORE_DEPRECATIONS
  spec = g_strdup_printf ("#%02x%02x%02x", (int) (rgba.red * 255 + 0.5),
                          (int) (rgba.green * 255 + 0.5), (int) (rgba.blue * 255 + 0.5));
  push_string (field, spec);
}

static void
color_clear_cb (GtkButton *button,
                Field     *field)
{
  push_string (field, NULL);
}

static void
focus_leave_cb (WmInspector *self)
{
  /* The next typing in any field is a new undo step. */
  if (self->history != NULL)
    wm_history_break_merge (self->history);
}

/* Refreshing rows from the model */

/* A text field's value as the text it edits: goals one a line. */
static char *
value_text (const GValue *value)
{
  if (G_VALUE_HOLDS (value, G_TYPE_STRV))
    return g_value_get_boxed (value) ? g_strjoinv ("\n", g_value_get_boxed (value)) : g_strdup ("");
  return g_strdup (g_value_get_string (value) ? g_value_get_string (value) : "");
}

static gboolean
is_text_kind (FieldKind kind)
{
  return kind == FIELD_ENTRY || kind == FIELD_TEXT || kind == FIELD_GOALS;
}

/* A persona from an older file may have no colour: the swatch shows the
 * one its curve is drawn in (the palette's, by its place in the list). */
static void
drawn_persona_color (Field   *field,
                     GdkRGBA *rgba)
{
  guint position = 0;
  WmRgba color;

  if (field->self->document == NULL ||
      !g_list_store_find (wm_document_get_personas (field->self->document), field->object, &position))
    return;
  wm_style_persona_color (wm_style_get (WM_THEME_LIGHT), position, &color);
  rgba->red = color.r;
  rgba->green = color.g;
  rgba->blue = color.b;
  rgba->alpha = 1;
}

static void
refresh_field (Field *field)
{
  GValue value = G_VALUE_INIT;

  g_value_init (&value, field_pspec (field)->value_type);
  g_object_get_property (field->object, field->property, &value);

  if (is_text_kind (field->kind) || field->kind == FIELD_PREVIEW)
    {
      g_autofree char *text = value_text (&value);

      /* The other kind of row is needed: the page is rebuilt. */
      if (wm_ui_text_editable (text) != (field->kind != FIELD_PREVIEW))
        {
          field->self->stale = TRUE;
          g_value_unset (&value);
          return;
        }
    }

  switch (field->kind)
    {
    case FIELD_ENTRY:
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (field->widget)),
                     g_value_get_string (&value) ? g_value_get_string (&value) : "") != 0)
        gtk_editable_set_text (GTK_EDITABLE (field->widget),
                               g_value_get_string (&value) ? g_value_get_string (&value) : "");
      break;
    case FIELD_TEXT:
    case FIELD_GOALS:
      {
        g_autofree char *current = text_view_get_text (field->widget);
        g_autofree char *text = field->kind == FIELD_TEXT
          ? g_strdup (g_value_get_string (&value) ? g_value_get_string (&value) : "")
          : (g_value_get_boxed (&value) ? g_strjoinv ("\n", g_value_get_boxed (&value)) : g_strdup (""));
        g_autofree char *current_clean = NULL;

        if (field->kind == FIELD_GOALS)
          {
            g_auto(GStrv) lines = g_strsplit (current, "\n", -1);
            g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
            g_auto(GStrv) kept = NULL;

            for (guint i = 0; lines[i] != NULL; i++)
              if (*g_strstrip (lines[i]) != '\0')
                g_strv_builder_add (builder, lines[i]);
            kept = g_strv_builder_end (builder);
            current_clean = g_strjoinv ("\n", kept);
          }
        if (g_strcmp0 (current_clean ? current_clean : current, text) != 0)
          gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget)), text, -1);
      }
      break;
    case FIELD_COMBO:
      if (adw_combo_row_get_selected (ADW_COMBO_ROW (field->widget)) != (guint) g_value_get_enum (&value))
        adw_combo_row_set_selected (ADW_COMBO_ROW (field->widget), g_value_get_enum (&value));
      break;
    case FIELD_SWITCH:
    case FIELD_SHOWN:
      {
        gboolean active = g_value_get_boolean (&value);

        if (field->kind == FIELD_SHOWN)
          active = !active;
        if (gtk_switch_get_active (GTK_SWITCH (field->widget)) != active)
          gtk_switch_set_active (GTK_SWITCH (field->widget), active);
      }
      break;
    case FIELD_SPIN:
      {
        GValue number = G_VALUE_INIT;

        g_value_init (&number, G_TYPE_DOUBLE);
        g_value_transform (&value, &number);
        if (gtk_spin_button_get_value (GTK_SPIN_BUTTON (field->widget)) != g_value_get_double (&number))
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (field->widget), g_value_get_double (&number));
        g_value_unset (&number);
      }
      break;
    case FIELD_COLOR:
      {
        GdkRGBA rgba = { 0.5, 0.5, 0.5, 1 };

        if (g_value_get_string (&value) != NULL)
          gdk_rgba_parse (&rgba, g_value_get_string (&value));
        else if (WM_IS_PERSONA (field->object))
          drawn_persona_color (field, &rgba);
        G_GNUC_BEGIN_IGNORE_DEPRECATIONS
        gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (field->widget), &rgba);
        G_GNUC_END_IGNORE_DEPRECATIONS
      }
      break;
    case FIELD_TITLE:
      {
        g_autofree char *title = wm_ui_text (g_value_get_string (&value));

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->widget),
                                       *title != '\0' ? title : _("Unnamed"));
      }
      break;
    case FIELD_PERSONA:
      {
        WmPersona *persona = wm_document_find_persona (field->self->document, g_value_get_string (&value));
        guint position = GTK_INVALID_LIST_POSITION;

        if (persona != NULL)
          g_list_store_find (wm_document_get_personas (field->self->document), persona, &position);
        if (adw_combo_row_get_selected (ADW_COMBO_ROW (field->widget)) != position)
          adw_combo_row_set_selected (ADW_COMBO_ROW (field->widget), position);
      }
      break;
    case FIELD_PREVIEW:
      {
        g_autofree char *text = value_text (&value);
        g_autofree char *preview = wm_ui_text_block (text);

        adw_action_row_set_subtitle (ADW_ACTION_ROW (field->widget), preview);
      }
      break;
    default:
      break;
    }
  g_value_unset (&value);
}

static void
refresh (WmInspector *self)
{
  gboolean was_updating = self->updating;

  self->updating = TRUE;
  self->stale = FALSE;
  for (guint i = 0; i < self->fields->len; i++)
    refresh_field (g_ptr_array_index (self->fields, i));
  self->updating = was_updating;
  if (self->stale)
    rebuild (self);
}

/* Building rows */

static Field *
add_field (WmInspector *self,
           FieldKind    kind,
           gpointer     object,
           const char  *property,
           GtkWidget   *widget)
{
  Field *field = g_new0 (Field, 1);

  field->self = self;
  field->kind = kind;
  field->object = g_object_ref (object);
  field->property = g_strdup (property);
  field->widget = widget;
  g_ptr_array_add (self->fields, field);
  return field;
}

/* Rows show map text (a persona's name, a preview) literally; libadwaita
 * 1.2 reads a row's title and subtitle as markup by default. */
static GtkWidget *
plain_row (GtkWidget *row)
{
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  return row;
}

/* A text too long for an entry or a text view to stay responsive with
 * (wm_ui_text_editable()): shown clipped, read-only. */
static GtkWidget *
add_preview (WmInspector         *self,
             AdwPreferencesGroup *group,
             gpointer             object,
             const char          *property,
             const char          *title)
{
  GtkWidget *row = plain_row (adw_action_row_new ());
  GtkWidget *note = gtk_label_new (_("Too long to edit here"));
  Field *field = add_field (self, FIELD_PREVIEW, object, property, row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), WM_UI_TEXT_BLOCK_LINES);
  gtk_widget_add_css_class (note, "caption");
  gtk_widget_add_css_class (note, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (note), 12);
  gtk_widget_set_valign (note, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), note);
  refresh_field (field);
  if (group != NULL)
    adw_preferences_group_add (group, row);
  return row;
}

static gboolean
fits_editor (gpointer    object,
             const char *property)
{
  GValue value = G_VALUE_INIT;
  g_autofree char *text = NULL;

  g_value_init (&value, g_object_class_find_property (G_OBJECT_GET_CLASS (object),
                                                      property)->value_type);
  g_object_get_property (object, property, &value);
  text = value_text (&value);
  g_value_unset (&value);
  return wm_ui_text_editable (text);
}

static void
watch_focus (WmInspector *self,
             GtkWidget   *widget)
{
  GtkEventController *controller = gtk_event_controller_focus_new ();

  wm_field_undo_to_document (widget);

  g_signal_connect_swapped (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (widget, controller);
}

static GtkWidget *
add_entry (WmInspector         *self,
           AdwPreferencesGroup *group,
           gpointer             object,
           const char          *property,
           const char          *title)
{
  GtkWidget *row;
  Field *field;

  if (!fits_editor (object, property))
    return add_preview (self, group, object, property, title);
  row = plain_row (adw_entry_row_new ());
  field = add_field (self, FIELD_ENTRY, object, property, row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  refresh_field (field);
  g_signal_connect (row, "changed", G_CALLBACK (entry_changed_cb), field);
  watch_focus (self, row);
  if (group != NULL)
    adw_preferences_group_add (group, row);
  return row;
}

static GtkWidget *
add_text (WmInspector         *self,
          AdwPreferencesGroup *group,
          gpointer             object,
          const char          *property,
          const char          *title,
          FieldKind            kind)
{
  GtkWidget *box, *label, *frame, *view;
  Field *field;

  if (!fits_editor (object, property))
    return add_preview (self, group, object, property, title);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new (title);
  frame = gtk_frame_new (NULL);
  view = gtk_text_view_new ();
  field = add_field (self, kind, object, property, view);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 10);
  gtk_widget_set_size_request (view, -1, 64);
  gtk_widget_add_css_class (view, "wm-inspector-text");
  gtk_widget_add_css_class (frame, "wm-inspector-text-frame");
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  refresh_field (field);
  g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                    G_CALLBACK (text_changed_cb), field);
  watch_focus (self, view);
  if (group != NULL)
    adw_preferences_group_add (group, box);
  return box;
}

static void
add_combo (WmInspector         *self,
           AdwPreferencesGroup *group,
           gpointer             object,
           const char          *property,
           const char          *title,
           const char         *(*label_func) (int),
           int                  n_values)
{
  GtkWidget *row = plain_row (adw_combo_row_new ());
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  Field *field = add_field (self, FIELD_COMBO, object, property, row);

  for (int i = 0; i < n_values; i++)
    gtk_string_list_append (list, label_func (i));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  refresh_field (field);
  g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), field);
  adw_preferences_group_add (group, row);
}

static GtkWidget *
add_suffix_row (AdwPreferencesGroup *group,
                const char          *title,
                const char          *subtitle,
                GtkWidget           *suffix)
{
  GtkWidget *row = plain_row (adw_action_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), suffix);
  if (group != NULL)
    adw_preferences_group_add (group, row);
  return row;
}

static GtkWidget *
add_switch (WmInspector         *self,
            AdwPreferencesGroup *group,
            gpointer             object,
            const char          *property,
            const char          *title,
            FieldKind            kind)
{
  GtkWidget *widget = gtk_switch_new ();
  Field *field = add_field (self, kind, object, property, widget);

  refresh_field (field);
  g_signal_connect (widget, "notify::active", G_CALLBACK (switch_active_cb), field);
  return add_suffix_row (group, title, NULL, widget);
}

static GtkWidget *
add_spin (WmInspector         *self,
          AdwPreferencesGroup *group,
          gpointer             object,
          const char          *property,
          const char          *title,
          const char          *subtitle,
          double               min,
          double               max,
          double               step)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, step);
  Field *field = add_field (self, FIELD_SPIN, object, property, spin);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), step < 1 ? (step < 0.5 ? 2 : 1) : 0);
  refresh_field (field);
  g_signal_connect (spin, "value-changed", G_CALLBACK (spin_changed_cb), field);
  watch_focus (self, spin);
  return add_suffix_row (group, title, subtitle, spin);
}

static GtkWidget *
add_color (WmInspector         *self,
           AdwPreferencesGroup *group,
           gpointer             object,
           const char          *property,
           const char          *title)
{
  GtkWidget *button;
  GtkWidget *row;
  Field *field;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  button = gtk_color_button_new ();
  G_GNUC_END_IGNORE_DEPRECATIONS
  field = add_field (self, FIELD_COLOR, object, property, button);
  refresh_field (field);
  g_signal_connect (button, "color-set", G_CALLBACK (color_set_cb), field);
  row = add_suffix_row (group, title, NULL, button);
  if (WM_IS_CARD (object))
    {
      GtkWidget *clear = gtk_button_new_from_icon_name ("edit-clear-symbolic");

      gtk_widget_add_css_class (clear, "flat");
      gtk_widget_set_valign (clear, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (clear, _("Use the Lane's Color"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (clear), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Use the Lane's Color"), -1);
      g_signal_connect (clear, "clicked", G_CALLBACK (color_clear_cb), field);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), clear);
    }
  return row;
}

static AdwPreferencesGroup *
new_group (WmInspector *self,
           const char  *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (group));
  return ADW_PREFERENCES_GROUP (group);
}

/* Pages */

static const char *touchpoint_label (int v) { return wm_touchpoint_label (v); }
static const char *lane_kind_label (int v) { return wm_lane_kind_label (v); }
static const char *moment_kind_label (int v) { return wm_moment_kind_label (v); }

static WmLane *
card_lane (WmInspector *self,
           WmCard      *card)
{
  WmLane *lane = NULL;

  wm_document_find_card (self->document, wm_item_get_id (WM_ITEM (card)), &lane);
  return lane;
}

static void add_card_fields (WmInspector         *self,
                             AdwPreferencesGroup *group,
                             WmCard              *card,
                             WmCardFields         fields);

static void
build_card (WmInspector *self,
            WmCard      *card)
{
  WmLane *lane = card_lane (self, card);
  WmLaneKind kind = lane != NULL ? wm_lane_get_kind (lane) : WM_LANE_NOTES;
  AdwPreferencesGroup *group = new_group (self, _("Card"));
  WmCardFields fields;

  if (lane != NULL)
    adw_preferences_group_set_description (group, wm_lane_kind_label (kind));
  add_text (self, group, card, "text", _("Text"), FIELD_TEXT);

  group = new_group (self, NULL);
  fields = wm_card_get_fields (card, kind);
  add_card_fields (self, group, card, fields);

  group = new_group (self, _("Appearance"));
  add_spin (self, group, card, "span", _("Span"), _("Stages the card covers"), 1, 100, 1);
  add_color (self, group, card, "color", _("Color"));

  wm_inspector_add_evidence (ADW_PREFERENCES_PAGE (self->page), self->history, card);
}


/* Several cards: the fields they all have, each showing the value they
 * share or "Mixed"; a value set here goes to every card, as one step. */

static void
push_multi (WmInspector  *self,
            const char   *property,
            const GValue *value)
{
  if (self->updating || self->document == NULL)
    return;
  push (self, wm_user_edit_set (self->document, self->cards, property, value));
}

/* The value all the cards share; FALSE if they differ. */
static gboolean
shared_value (WmInspector *self,
              const char  *property,
              GValue      *value)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (g_ptr_array_index (self->cards, 0)),
                                                    property);

  g_value_init (value, pspec->value_type);
  g_object_get_property (g_ptr_array_index (self->cards, 0), property, value);
  for (guint i = 1; i < self->cards->len; i++)
    {
      g_auto(GValue) other = G_VALUE_INIT;

      g_value_init (&other, pspec->value_type);
      g_object_get_property (g_ptr_array_index (self->cards, i), property, &other);
      if (g_param_values_cmp (pspec, value, &other) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
multi_combo_cb (AdwComboRow *row,
                GParamSpec  *pspec,
                WmInspector *self)
{
  const char *property = g_object_get_data (G_OBJECT (row), "property");
  GType type = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "type"));
  guint n = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "n-values"));
  guint selected = adw_combo_row_get_selected (row);
  g_auto(GValue) value = G_VALUE_INIT;

  if (selected >= n)
    return;
  g_value_init (&value, type);
  if (G_TYPE_IS_ENUM (type))
    g_value_set_enum (&value, selected);
  else
    g_value_set_uint (&value, selected);
  push_multi (self, property, &value);
}

static void
add_multi_combo (WmInspector         *self,
                 AdwPreferencesGroup *group,
                 const char          *property,
                 const char          *title,
                 GStrv                labels)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new ((const char * const *) labels);
  g_auto(GValue) value = G_VALUE_INIT;
  GtkWidget *row = adw_combo_row_new ();
  guint n = g_strv_length (labels);
  gboolean same = shared_value (self, property, &value);

  if (!same)
    gtk_string_list_append (list, _("Mixed"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                              !same ? n : G_VALUE_HOLDS_ENUM (&value) ? (guint) g_value_get_enum (&value)
                                                                      : g_value_get_uint (&value));
  g_object_set_data_full (G_OBJECT (row), "property", g_strdup (property), g_free);
  g_object_set_data (G_OBJECT (row), "type", GSIZE_TO_POINTER (G_VALUE_TYPE (&value)));
  g_object_set_data (G_OBJECT (row), "n-values", GUINT_TO_POINTER (n));
  g_signal_connect (row, "notify::selected", G_CALLBACK (multi_combo_cb), self);
  adw_preferences_group_add (group, row);
  g_hash_table_insert (self->multi, g_strdup (property), row);
}

static void
multi_check_cb (GtkCheckButton *check,
                GParamSpec     *pspec,
                WmInspector    *self)
{
  g_auto(GValue) value = G_VALUE_INIT;

  gtk_check_button_set_inconsistent (check, FALSE);
  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, gtk_check_button_get_active (check));
  push_multi (self, g_object_get_data (G_OBJECT (check), "property"), &value);
}

static void
add_multi_check (WmInspector         *self,
                 AdwPreferencesGroup *group,
                 const char          *property,
                 const char          *title)
{
  g_auto(GValue) value = G_VALUE_INIT;
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *row;

  if (shared_value (self, property, &value))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_value_get_boolean (&value));
  else
    gtk_check_button_set_inconsistent (GTK_CHECK_BUTTON (check), TRUE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (check), "property", g_strdup (property), g_free);
  g_signal_connect (check, "notify::active", G_CALLBACK (multi_check_cb), self);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_preferences_group_add (group, row);
  g_hash_table_insert (self->multi, g_strdup (property), check);
}

static void
multi_entry_cb (GtkEntry    *entry,
                WmInspector *self)
{
  const char *property = g_object_get_data (G_OBJECT (entry), "property");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_auto(GValue) value = G_VALUE_INIT;
  guint64 number;

  if (g_str_equal (property, "frequency"))
    {
      if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &number, NULL))
        return;
      g_value_init (&value, G_TYPE_UINT);
      g_value_set_uint (&value, (guint) number);
    }
  else
    {
      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, text[0] != '\0' ? text : NULL);
    }
  push_multi (self, property, &value);
}

static void
add_multi_entry (WmInspector         *self,
                 AdwPreferencesGroup *group,
                 const char          *property,
                 const char          *title)
{
  g_auto(GValue) value = G_VALUE_INIT;
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *row;

  if (!shared_value (self, property, &value))
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Mixed"));
  else if (G_VALUE_HOLDS_UINT (&value))
    {
      g_autofree char *text = g_strdup_printf ("%u", g_value_get_uint (&value));

      gtk_editable_set_text (GTK_EDITABLE (entry), text);
    }
  else if (g_value_get_string (&value) != NULL)
    {
      g_autofree char *text = wm_ui_text (g_value_get_string (&value));

      gtk_editable_set_text (GTK_EDITABLE (entry), text);
    }
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (entry), "property", g_strdup (property), g_free);
  g_signal_connect (entry, "activate", G_CALLBACK (multi_entry_cb), self);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  adw_preferences_group_add (group, row);
  g_hash_table_insert (self->multi, g_strdup (property), entry);
}

static void
multi_color_cb (GtkColorChooser *button,
                WmInspector     *self)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *color = NULL;
  GdkRGBA rgba;

  gtk_color_chooser_get_rgba (button, &rgba);
  color = g_strdup_printf ("#%02x%02x%02x", (int) (rgba.red * 255 + 0.5),
                           (int) (rgba.green * 255 + 0.5), (int) (rgba.blue * 255 + 0.5));
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, color);
  push_multi (self, "color", &value);
}

static void
add_multi_color (WmInspector         *self,
                 AdwPreferencesGroup *group)
{
  g_auto(GValue) value = G_VALUE_INIT;
  GtkWidget *button, *row;
  gboolean same = shared_value (self, "color", &value);
  GdkRGBA rgba;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  button = gtk_color_button_new ();
  if (same && g_value_get_string (&value) != NULL && gdk_rgba_parse (&rgba, g_value_get_string (&value)))
    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect (button, "color-set", G_CALLBACK (multi_color_cb), self);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Color"));
  if (!same)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Mixed"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (group, row);
  g_hash_table_insert (self->multi, g_strdup ("color"), button);
}

static GStrv
severity_labels (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_add (builder, _("None"));
  for (guint s = 1; s <= WM_SEVERITY_MAX; s++)
    {
      char number[4];

      g_snprintf (number, sizeof number, "%u", s);
      g_strv_builder_add (builder, number);
    }
  return g_strv_builder_end (builder);
}

static GStrv
touchpoint_labels (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (int t = WM_TOUCHPOINT_NONE; t <= WM_TOUCHPOINT_MISSED; t++)
    g_strv_builder_add (builder, wm_touchpoint_label (t));
  return g_strv_builder_end (builder);
}

/* How each card field is edited, for one card and for several: which
 * fields a card has, and their names, are the lane kind table's. */
typedef enum
{
  ROW_CHOICE,   /* one of the property's values */
  ROW_LEVEL,    /* 0 (none) to max: a spin for one card, a choice for several */
  ROW_TOGGLE,
  ROW_TEXT,
  ROW_COUNT,    /* a number: a spin for one card, an entry for several */
} RowKind;

static const struct
{
  WmCardFields  field;
  RowKind       kind;
  const char   *subtitle;
  guint         max;
} field_rows[] = {
  { WM_CARD_FIELD_TOUCHPOINT, ROW_CHOICE, NULL, WM_TOUCHPOINT_MISSED },
  { WM_CARD_FIELD_KEY, ROW_TOGGLE, NULL, 0 },
  { WM_CARD_FIELD_CHANNEL, ROW_TEXT, NULL, 0 },
  { WM_CARD_FIELD_SEVERITY, ROW_LEVEL, N_("0 is none, 5 is the worst"), WM_SEVERITY_MAX },
  { WM_CARD_FIELD_FREQUENCY, ROW_COUNT, N_("How much feedback says so"), 1000000 },
  { WM_CARD_FIELD_OWNER, ROW_TEXT, NULL, 0 },
};

static void
add_card_row (WmInspector         *self,
              AdwPreferencesGroup *group,
              WmCard              *card,
              guint                i)
{
  const char *property = wm_card_field_property (field_rows[i].field);
  const char *title = wm_card_field_label (field_rows[i].field);
  const char *subtitle = field_rows[i].subtitle != NULL ? _(field_rows[i].subtitle) : NULL;
  g_auto(GStrv) labels = NULL;

  switch (field_rows[i].kind)
    {
    case ROW_CHOICE:
      labels = touchpoint_labels ();
      if (card != NULL)
        add_combo (self, group, card, property, title, touchpoint_label, field_rows[i].max + 1);
      else
        add_multi_combo (self, group, property, title, labels);
      break;
    case ROW_LEVEL:
      labels = severity_labels ();
      if (card != NULL)
        add_spin (self, group, card, property, title, subtitle, 0, field_rows[i].max, 1);
      else
        add_multi_combo (self, group, property, title, labels);
      break;
    case ROW_TOGGLE:
      if (card != NULL)
        add_switch (self, group, card, property, title, FIELD_SWITCH);
      else
        add_multi_check (self, group, property, title);
      break;
    case ROW_TEXT:
    case ROW_COUNT:
      if (card == NULL)
        add_multi_entry (self, group, property, title);
      else if (field_rows[i].kind == ROW_TEXT)
        add_entry (self, group, card, property, title);
      else
        add_spin (self, group, card, property, title, subtitle, 0, field_rows[i].max, 1);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* @card's rows, or with @card NULL the selected cards' rows. */
static void
add_card_fields (WmInspector         *self,
                 AdwPreferencesGroup *group,
                 WmCard              *card,
                 WmCardFields         fields)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_rows); i++)
    if (fields & field_rows[i].field)
      add_card_row (self, group, card, i);
}

/* The fields every selected card has. */
static WmCardFields
shared_fields (WmInspector *self)
{
  WmCardFields fields = ~0u;

  for (guint i = 0; i < self->cards->len; i++)
    {
      WmLane *lane = card_lane (self, g_ptr_array_index (self->cards, i));

      fields &= wm_card_get_fields (g_ptr_array_index (self->cards, i),
                                    lane != NULL ? wm_lane_get_kind (lane) : WM_LANE_NOTES);
    }
  return fields;
}

static void
build_cards (WmInspector *self)
{
  guint n = self->cards->len;
  g_autofree char *title = g_strdup_printf (ngettext ("%u card selected", "%u cards selected", n), n);
  AdwPreferencesGroup *group = new_group (self, title);
  WmCardFields fields = shared_fields (self);

  adw_preferences_group_set_description (group, _("A change here applies to every selected card."));
  add_card_fields (self, group, NULL, fields);

  group = new_group (self, _("Appearance"));
  add_multi_color (self, group);
}

/* The cards among the selection, when it holds more than one. */
static void
update_cards (WmInspector *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_clear_pointer (&self->cards, g_ptr_array_unref);
  if (self->items == NULL || self->document == NULL || g_list_model_get_n_items (self->items) < 2)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (self->items); i++)
    g_ptr_array_add (items, g_list_model_get_item (self->items, i));
  self->cards = wm_user_edit_cards (self->document, items);
  g_ptr_array_set_free_func (self->cards, g_object_unref);
  for (guint i = 0; i < self->cards->len; i++)
    g_object_ref (g_ptr_array_index (self->cards, i));
  if (self->cards->len < 2)
    g_clear_pointer (&self->cards, g_ptr_array_unref);
}

static void
build_stage (WmInspector *self,
             WmStage     *stage)
{
  AdwPreferencesGroup *group = new_group (self, _("Stage"));
  GListModel *metrics = G_LIST_MODEL (wm_stage_get_metrics (stage));
  GtkWidget *add;
  g_autoptr(GMenu) menu = g_menu_new ();

  add_entry (self, group, stage, "title", _("Title"));
  add_text (self, group, stage, "goal", _("Goal"), FIELD_TEXT);

  group = new_group (self, _("Metrics"));
  for (int k = WM_METRIC_NPS; k <= WM_METRIC_CSAT; k++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (wm_metric_kind_label (k), NULL);

      g_menu_item_set_action_and_target (item, "inspector.add-metric", "i", k);
      g_menu_append_item (menu, item);
    }
  add = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (add), "list-add-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (add), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (add, _("Add Metric"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add Metric"), -1);
  gtk_widget_add_css_class (add, "flat");
  adw_preferences_group_set_header_suffix (group, add);

  for (guint i = 0; i < g_list_model_get_n_items (metrics); i++)
    {
      g_autoptr(WmMetric) metric = g_list_model_get_item (metrics, i);
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      GtkWidget *row;
      double min, max;

      wm_metric_kind_range (wm_metric_get_kind (metric), &min, &max);
      row = add_spin (self, group, metric, "value", wm_metric_kind_label (wm_metric_get_kind (metric)),
                      NULL, min, max, 1);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (remove, _("Remove Metric"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove Metric"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "inspector.remove-metric");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "u", i);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
    }
  if (g_list_model_get_n_items (metrics) == 0)
    adw_preferences_group_set_description (group, _("No NPS, CES or CSAT measured for this stage yet."));
}

static void
build_lane (WmInspector *self,
            WmLane      *lane)
{
  AdwPreferencesGroup *group = new_group (self, _("Lane"));

  add_entry (self, group, lane, "title", _("Title"));
  add_combo (self, group, lane, "kind", _("Kind"), lane_kind_label, WM_LANE_NOTES + 1);
}

static void
build_point (WmInspector  *self,
             WmCurvePoint *point)
{
  AdwPreferencesGroup *group = new_group (self, _("Curve Point"));
  WmStage *stage = wm_document_find_stage (self->document, wm_curve_point_get_stage (point));

  if (stage != NULL)
    {
      /* A group's description is always markup. */
      g_autofree char *description = wm_ui_markup (wm_stage_get_title (stage));

      adw_preferences_group_set_description (group, description);
    }
  add_spin (self, group, point, "value", _("Feeling"), _("From −3 (awful) to +3 (delighted)"),
            WM_CURVE_MIN, WM_CURVE_MAX, 0.5);
  add_spin (self, group, point, "at", _("Position in Stage"), NULL, 0, 1, 0.05);
}

/* Whose moment it is: the map's personas by name. */
static void
add_persona_combo (WmInspector         *self,
                   AdwPreferencesGroup *group,
                   gpointer             object)
{
  GtkWidget *row = plain_row (adw_combo_row_new ());
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  GListModel *personas = G_LIST_MODEL (wm_document_get_personas (self->document));
  Field *field = add_field (self, FIELD_PERSONA, object, "persona", row);

  for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
    {
      g_autoptr(WmPersona) persona = g_list_model_get_item (personas, i);
      g_autofree char *name = wm_ui_text (wm_persona_get_name (persona));

      gtk_string_list_append (list, *name != '\0' ? name : _("Unnamed"));
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Persona"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  refresh_field (field);
  g_signal_connect (row, "notify::selected", G_CALLBACK (persona_selected_cb), field);
  adw_preferences_group_add (group, row);
}

static void
build_moment (WmInspector *self,
              WmMoment    *moment)
{
  AdwPreferencesGroup *group = new_group (self, _("Moment"));

  add_combo (self, group, moment, "kind", _("Kind"), moment_kind_label, WM_MOMENT_MICRO + 1);
  add_persona_combo (self, group, moment);
  add_text (self, group, moment, "text", _("Text"), FIELD_TEXT);
  add_spin (self, group, moment, "at", _("Position in Stage"), NULL, 0, 1, 0.05);
}

static void
build_persona (WmInspector         *self,
               AdwPreferencesGroup *group,
               WmPersona           *persona)
{
  GtkWidget *expander = plain_row (adw_expander_row_new ());
  GtkWidget *remove = gtk_button_new_with_label (_("Remove Persona"));
  GtkWidget *text;

  add_field (self, FIELD_TITLE, persona, "name", expander);
  refresh_field (g_ptr_array_index (self->fields, self->fields->len - 1));
  adw_preferences_group_add (group, expander);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), add_entry (self, NULL, persona, "name", _("Name")));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), add_color (self, NULL, persona, "color", _("Color")));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                            add_switch (self, NULL, persona, "hidden", _("Show Curve"), FIELD_SHOWN));
  text = add_text (self, NULL, persona, "description", _("Description"), FIELD_TEXT);
  gtk_widget_set_margin_start (text, 12);
  gtk_widget_set_margin_end (text, 12);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), text);
  text = add_text (self, NULL, persona, "goals", _("Goals (one a line)"), FIELD_GOALS);
  gtk_widget_set_margin_start (text, 12);
  gtk_widget_set_margin_end (text, 12);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), text);

  gtk_widget_add_css_class (remove, "destructive-action");
  gtk_widget_set_halign (remove, GTK_ALIGN_END);
  gtk_widget_set_margin_top (remove, 6);
  gtk_widget_set_margin_bottom (remove, 6);
  gtk_widget_set_margin_end (remove, 12);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "inspector.remove-persona");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", wm_item_get_id (WM_ITEM (persona)));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), remove);
}

static void
build_document (WmInspector *self)
{
  AdwPreferencesGroup *group = new_group (self, _("Journey Map"));
  GListModel *personas = G_LIST_MODEL (wm_document_get_personas (self->document));
  GtkWidget *add;

  add_entry (self, group, self->document, "title", _("Title"));
  add_text (self, group, self->document, "scenario", _("Scenario"), FIELD_TEXT);

  group = new_group (self, _("Personas"));
  add = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_tooltip_text (add, _("Add Persona"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add Persona"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "inspector.add-persona");
  adw_preferences_group_set_header_suffix (group, add);
  self->add_persona = add;

  for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
    {
      g_autoptr(WmPersona) persona = g_list_model_get_item (personas, i);

      build_persona (self, group, persona);
    }
}

/* The page's shape: what the rows are bound to. */
static char *
compute_shape (WmInspector *self)
{
  GString *shape = g_string_new (NULL);
  GListModel *list = NULL;

  g_string_append_printf (shape, "%p:%p", self->document, self->selection);
  update_cards (self);
  for (guint i = 0; self->cards != NULL && i < self->cards->len; i++)
    g_string_append_printf (shape, ":%p/%" G_GUINT64_FORMAT, g_ptr_array_index (self->cards, i),
                            wm_card_get_serial (g_ptr_array_index (self->cards, i)));
  if (WM_IS_STAGE (self->selection))
    list = G_LIST_MODEL (wm_stage_get_metrics (WM_STAGE (self->selection)));
  else if ((self->selection == NULL || WM_IS_MOMENT (self->selection)) && self->document != NULL)
    list = G_LIST_MODEL (wm_document_get_personas (self->document));
  else if (WM_IS_CARD (self->selection))
    g_string_append_printf (shape, ":%p", card_lane (self, WM_CARD (self->selection)));
  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      g_string_append_printf (shape, ":%p", item);
    }
  return g_string_free (shape, FALSE);
}

static void
rebuild (WmInspector *self)
{
  g_free (self->shape);
  self->shape = compute_shape (self);
  g_ptr_array_set_size (self->fields, 0);
  g_hash_table_remove_all (self->multi);
  self->add_persona = NULL;

  self->updating = TRUE;
  self->page = adw_preferences_page_new ();
  adw_bin_set_child (ADW_BIN (self), self->page);

  if (self->document == NULL)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Map"));
      adw_bin_set_child (ADW_BIN (self), status);
      self->page = NULL;
    }
  else if (self->cards != NULL)
    build_cards (self);
  else if (WM_IS_CARD (self->selection))
    build_card (self, WM_CARD (self->selection));
  else if (WM_IS_STAGE (self->selection))
    build_stage (self, WM_STAGE (self->selection));
  else if (WM_IS_LANE (self->selection))
    build_lane (self, WM_LANE (self->selection));
  else if (WM_IS_CURVE_POINT (self->selection))
    build_point (self, WM_CURVE_POINT (self->selection));
  else if (WM_IS_MOMENT (self->selection))
    build_moment (self, WM_MOMENT (self->selection));
  else
    build_document (self);
  self->updating = FALSE;
}

static gboolean
rebuild_idle_cb (gpointer data)
{
  g_autoptr(WmInspector) self = data;

  self->rebuild_id = 0;
  if (self->fields != NULL)
    rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
history_changed_cb (WmInspector *self)
{
  g_autofree char *shape = compute_shape (self);

  if (g_strcmp0 (shape, self->shape) == 0)
    refresh (self);
  else if (self->updating && self->cards != NULL)
    {
      /* A value set on the multi-card page: its widget is still in its
       * own signal handler, so the page is rebuilt once that returns. */
      if (self->rebuild_id == 0)
        self->rebuild_id = g_idle_add (rebuild_idle_cb, g_object_ref (self));
    }
  else
    rebuild (self);
}

/* Actions */

static void
remove_item (WmInspector *self,
             gpointer     item)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  g_ptr_array_add (items, item);
  push (self, wm_user_edit_remove (self->document, items));
}

static void
add_metric_cb (GtkWidget  *widget,
               const char *name,
               GVariant   *parameter)
{
  WmInspector *self = WM_INSPECTOR (widget);
  WmMetricKind kind = g_variant_get_int32 (parameter);

  if (!WM_IS_STAGE (self->selection))
    return;
  push (self, wm_user_edit_add_metric (WM_STAGE (self->selection), kind));
  history_changed_cb (self);
}

static void
remove_metric_cb (GtkWidget  *widget,
                  const char *name,
                  GVariant   *parameter)
{
  WmInspector *self = WM_INSPECTOR (widget);
  g_autoptr(WmMetric) metric = NULL;

  if (!WM_IS_STAGE (self->selection))
    return;
  metric = g_list_model_get_item (G_LIST_MODEL (wm_stage_get_metrics (WM_STAGE (self->selection))),
                                  g_variant_get_uint32 (parameter));
  if (metric != NULL)
    remove_item (self, metric);
  history_changed_cb (self);
}

static Field *
find_field (WmInspector *self,
            gpointer     object,
            FieldKind    kind)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (field->object == object && field->kind == kind)
        return field;
    }
  return NULL;
}

/* The rebuilt page dropped the focused button: GTK would move the focus
 * to the first entry, the map's title, with its text selected, and the
 * next keys would replace it. Put it where the user's next keys belong. */
static void
focus_persona (WmInspector *self,
               WmPersona   *persona,
               gboolean     edit_name)
{
  Field *row = persona != NULL ? find_field (self, persona, FIELD_TITLE) : NULL;
  Field *name = persona != NULL ? find_field (self, persona, FIELD_ENTRY) : NULL;

  if (row == NULL)
    {
      if (self->add_persona != NULL)
        gtk_widget_grab_focus (self->add_persona);
      return;
    }
  /* The expander's header row, not the text fields inside it. */
  if (!edit_name || name == NULL)
    {
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row->widget), FALSE);
      gtk_widget_child_focus (row->widget, GTK_DIR_TAB_FORWARD);
      return;
    }
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row->widget), TRUE);
  gtk_widget_grab_focus (name->widget);
  gtk_editable_select_region (GTK_EDITABLE (name->widget), 0, -1);
}

static WmPersona *
persona_at (WmInspector *self,
            int          position)
{
  GListModel *personas = G_LIST_MODEL (wm_document_get_personas (self->document));
  g_autoptr(WmPersona) persona = position >= 0 ? g_list_model_get_item (personas, (guint) position) : NULL;

  /* The document holds it. */
  return persona;
}

static void
add_persona_cb (GtkWidget  *widget,
                const char *name,
                GVariant   *parameter)
{
  WmInspector *self = WM_INSPECTOR (widget);
  guint n;

  if (self->document == NULL)
    return;
  push (self, wm_user_edit_add_persona (self->document));
  history_changed_cb (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_personas (self->document)));
  focus_persona (self, persona_at (self, (int) n - 1), TRUE);
}

static void
remove_persona_cb (GtkWidget  *widget,
                   const char *name,
                   GVariant   *parameter)
{
  WmInspector *self = WM_INSPECTOR (widget);
  WmPersona *persona;
  guint position = 0;

  if (self->document == NULL)
    return;
  persona = wm_document_find_persona (self->document, g_variant_get_string (parameter, NULL));
  if (persona != NULL)
    {
      g_list_store_find (wm_document_get_personas (self->document), persona, &position);
      remove_item (self, persona);
    }
  history_changed_cb (self);
  if (persona != NULL)
    focus_persona (self, persona_at (self, (int) position - 1), FALSE);
}

/* GObject */

static void
wm_inspector_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  *minimum = *natural = 0;
  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
  /* Long texts wrap: they must not widen the sidebar. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, MIN (*natural, NATURAL_WIDTH));
}

static void
wm_inspector_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
wm_inspector_dispose (GObject *object)
{
  WmInspector *self = WM_INSPECTOR (object);

  wm_inspector_set_history (self, NULL);
  g_clear_object (&self->selection);
  wm_inspector_set_items (self, NULL);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->multi, g_hash_table_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->shape, g_free);
  G_OBJECT_CLASS (wm_inspector_parent_class)->dispose (object);
}

static void
wm_inspector_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  WmInspector *self = WM_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_SELECTION:
      g_value_set_object (value, self->selection);
      break;
    case PROP_ITEMS:
      g_value_set_object (value, self->items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_inspector_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  WmInspector *self = WM_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      wm_inspector_set_history (self, g_value_get_object (value));
      break;
    case PROP_SELECTION:
      wm_inspector_set_selection (self, g_value_get_object (value));
      break;
    case PROP_ITEMS:
      wm_inspector_set_items (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_inspector_class_init (WmInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_inspector_dispose;
  object_class->get_property = wm_inspector_get_property;
  object_class->set_property = wm_inspector_set_property;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, WM_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTION] =
    g_param_spec_object ("selection", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ITEMS] =
    g_param_spec_object ("items", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->measure = wm_inspector_measure;
  widget_class->size_allocate = wm_inspector_size_allocate;

  gtk_widget_class_install_action (widget_class, "inspector.add-metric", "i", add_metric_cb);
  gtk_widget_class_install_action (widget_class, "inspector.remove-metric", "u", remove_metric_cb);
  gtk_widget_class_install_action (widget_class, "inspector.add-persona", NULL, add_persona_cb);
  gtk_widget_class_install_action (widget_class, "inspector.remove-persona", "s", remove_persona_cb);
  gtk_widget_class_set_css_name (widget_class, "wminspector");
}

static void
wm_inspector_init (WmInspector *self)
{
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  self->multi = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* Our own measure caps the natural width; a layout manager would bypass it. */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
  /* The page inside expands; the sidebar must not take the canvas's room. */
  gtk_widget_set_hexpand (GTK_WIDGET (self), FALSE);
  gtk_widget_set_size_request (GTK_WIDGET (self), 320, -1);
  rebuild (self);
}

/* Public API */

GtkWidget *
wm_inspector_new (void)
{
  return g_object_new (WM_TYPE_INSPECTOR, NULL);
}

void
wm_inspector_set_history (WmInspector *self,
                          WmHistory   *history)
{
  g_return_if_fail (WM_IS_INSPECTOR (self));
  g_return_if_fail (history == NULL || WM_IS_HISTORY (history));

  if (self->history == history)
    return;
  if (self->history != NULL)
    g_clear_signal_handler (&self->changed_id, self->history);
  g_set_object (&self->history, history);
  g_clear_object (&self->document);
  g_clear_object (&self->selection);
  if (history != NULL)
    {
      self->document = g_object_ref (wm_history_get_document (history));
      self->changed_id = g_signal_connect_swapped (history, "changed",
                                                   G_CALLBACK (history_changed_cb), self);
    }
  if (self->fields != NULL)
    rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

WmHistory *
wm_inspector_get_history (WmInspector *self)
{
  g_return_val_if_fail (WM_IS_INSPECTOR (self), NULL);
  return self->history;
}

GObject *
wm_inspector_get_selection (WmInspector *self)
{
  g_return_val_if_fail (WM_IS_INSPECTOR (self), NULL);
  return self->selection;
}

void
wm_inspector_set_selection (WmInspector *self,
                            GObject     *selection)
{
  g_return_if_fail (WM_IS_INSPECTOR (self));

  if (self->selection == selection)
    return;
  if (self->history != NULL)
    wm_history_break_merge (self->history);
  g_set_object (&self->selection, selection);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

GtkWidget *
wm_inspector_get_field (WmInspector *self,
                        const char  *property)
{
  g_return_val_if_fail (WM_IS_INSPECTOR (self), NULL);

  if (g_hash_table_contains (self->multi, property))
    return g_hash_table_lookup (self->multi, property);
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (g_str_equal (field->property, property) && field->kind != FIELD_TITLE)
        return field->widget;
    }
  return NULL;
}

static void
items_changed_cb (WmInspector *self)
{
  rebuild (self);
}

void
wm_inspector_set_items (WmInspector *self,
                        GListModel  *items)
{
  g_return_if_fail (WM_IS_INSPECTOR (self));

  if (self->items == items)
    return;
  if (self->items != NULL)
    g_signal_handlers_disconnect_by_func (self->items, items_changed_cb, self);
  g_set_object (&self->items, items);
  if (items != NULL)
    g_signal_connect_swapped (items, "items-changed", G_CALLBACK (items_changed_cb), self);
  if (self->fields != NULL)
    rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEMS]);
}
