/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-inspector-private.h"
#include "wm-field-undo.h"
#include "wm-style.h"
#include "wm-ui-text.h"
#include "wm-user-edits.h"

/* The inspector's rows. Each row is a Field bound to one property of one
 * model object: a change in the row pushes one command, and a refresh sets
 * the row from the model (guarded, so it never pushes anything). */

void
_wm_inspector_field_free (Field *field)
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

void
_wm_inspector_push (WmInspector *self,
                    WmCommand   *command)
{
  if (self->history == NULL || command == NULL)
    return;
  self->updating = TRUE;
  wm_history_push (self->history, command);
  self->updating = FALSE;
}

void
_wm_inspector_push_value (Field        *field,
                          const GValue *value,
                          const char   *merge_key)
{
  if (field->self->updating)
    return;
  _wm_inspector_push (field->self, wm_user_edit_type (field->self->document, field->object, field->property, value, merge_key));
}

static void
push_string (Field      *field,
             const char *text)
{
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  if (text != NULL && (*text != '\0' || !nullable_property (field->property)))
    g_value_set_string (&value, text);
  _wm_inspector_push_value (field, &value, field->property);
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
    _wm_inspector_push_value (field, &value, field->property);
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
  _wm_inspector_push_value (field, &value, NULL);
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
  _wm_inspector_push_value (field, &value, NULL);
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
  _wm_inspector_push_value (field, &value, field->property);
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

void
_wm_inspector_refresh_field (Field *field)
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

/* Building rows */

Field *
_wm_inspector_add_field (WmInspector *self,
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
GtkWidget *
_wm_inspector_plain_row (GtkWidget *row)
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
  GtkWidget *row = _wm_inspector_plain_row (adw_action_row_new ());
  GtkWidget *note = gtk_label_new (_("Too long to edit here"));
  Field *field = _wm_inspector_add_field (self, FIELD_PREVIEW, object, property, row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), WM_UI_TEXT_BLOCK_LINES);
  gtk_widget_add_css_class (note, "caption");
  gtk_widget_add_css_class (note, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (note), 12);
  gtk_widget_set_valign (note, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), note);
  _wm_inspector_refresh_field (field);
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

GtkWidget *
_wm_inspector_add_entry (WmInspector         *self,
                         AdwPreferencesGroup *group,
                         gpointer             object,
                         const char          *property,
                         const char          *title)
{
  GtkWidget *row;
  Field *field;

  if (!fits_editor (object, property))
    return add_preview (self, group, object, property, title);
  row = _wm_inspector_plain_row (adw_entry_row_new ());
  field = _wm_inspector_add_field (self, FIELD_ENTRY, object, property, row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  _wm_inspector_refresh_field (field);
  g_signal_connect (row, "changed", G_CALLBACK (entry_changed_cb), field);
  watch_focus (self, row);
  if (group != NULL)
    adw_preferences_group_add (group, row);
  return row;
}

GtkWidget *
_wm_inspector_add_text (WmInspector         *self,
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
  field = _wm_inspector_add_field (self, kind, object, property, view);

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

  _wm_inspector_refresh_field (field);
  g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                    G_CALLBACK (text_changed_cb), field);
  watch_focus (self, view);
  if (group != NULL)
    adw_preferences_group_add (group, box);
  return box;
}

void
_wm_inspector_add_combo (WmInspector         *self,
                         AdwPreferencesGroup *group,
                         gpointer             object,
                         const char          *property,
                         const char          *title,
                         const char         *(*label_func) (int),
                         int                  n_values)
{
  GtkWidget *row = _wm_inspector_plain_row (adw_combo_row_new ());
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  Field *field = _wm_inspector_add_field (self, FIELD_COMBO, object, property, row);

  for (int i = 0; i < n_values; i++)
    gtk_string_list_append (list, label_func (i));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  _wm_inspector_refresh_field (field);
  g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), field);
  adw_preferences_group_add (group, row);
}

static GtkWidget *
add_suffix_row (AdwPreferencesGroup *group,
                const char          *title,
                const char          *subtitle,
                GtkWidget           *suffix)
{
  GtkWidget *row = _wm_inspector_plain_row (adw_action_row_new ());

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

GtkWidget *
_wm_inspector_add_switch (WmInspector         *self,
                          AdwPreferencesGroup *group,
                          gpointer             object,
                          const char          *property,
                          const char          *title,
                          FieldKind            kind)
{
  GtkWidget *widget = gtk_switch_new ();
  Field *field = _wm_inspector_add_field (self, kind, object, property, widget);

  _wm_inspector_refresh_field (field);
  g_signal_connect (widget, "notify::active", G_CALLBACK (switch_active_cb), field);
  return add_suffix_row (group, title, NULL, widget);
}

GtkWidget *
_wm_inspector_add_spin (WmInspector         *self,
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
  Field *field = _wm_inspector_add_field (self, FIELD_SPIN, object, property, spin);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), step < 1 ? (step < 0.5 ? 2 : 1) : 0);
  _wm_inspector_refresh_field (field);
  g_signal_connect (spin, "value-changed", G_CALLBACK (spin_changed_cb), field);
  watch_focus (self, spin);
  return add_suffix_row (group, title, subtitle, spin);
}

GtkWidget *
_wm_inspector_add_color (WmInspector         *self,
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
  field = _wm_inspector_add_field (self, FIELD_COLOR, object, property, button);
  _wm_inspector_refresh_field (field);
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

AdwPreferencesGroup *
_wm_inspector_new_group (WmInspector *self,
                         const char  *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (group));
  return ADW_PREFERENCES_GROUP (group);
}
