/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-inspector-private.h"
#include "wm-ui-text.h"
#include "wm-user-edits.h"

/* The map page with its persona rows, the persona combo of a moment, and
 * the Add and Remove Persona actions. */

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
  _wm_inspector_push_value (field, &value, NULL);
  g_value_unset (&value);
}

/* Whose moment it is: the map's personas by name. */
void
_wm_inspector_add_persona_combo (WmInspector         *self,
                                 AdwPreferencesGroup *group,
                                 gpointer             object)
{
  GtkWidget *row = _wm_inspector_plain_row (adw_combo_row_new ());
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  GListModel *personas = G_LIST_MODEL (wm_document_get_personas (self->document));
  Field *field = _wm_inspector_add_field (self, FIELD_PERSONA, object, "persona", row);

  for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
    {
      g_autoptr(WmPersona) persona = g_list_model_get_item (personas, i);
      g_autofree char *name = wm_ui_text (wm_persona_get_name (persona));

      gtk_string_list_append (list, *name != '\0' ? name : _("Unnamed"));
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Persona"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  _wm_inspector_refresh_field (field);
  g_signal_connect (row, "notify::selected", G_CALLBACK (persona_selected_cb), field);
  adw_preferences_group_add (group, row);
}

static void
build_persona (WmInspector         *self,
               AdwPreferencesGroup *group,
               WmPersona           *persona)
{
  GtkWidget *expander = _wm_inspector_plain_row (adw_expander_row_new ());
  GtkWidget *remove = gtk_button_new_with_label (_("Remove Persona"));
  GtkWidget *text;

  _wm_inspector_add_field (self, FIELD_TITLE, persona, "name", expander);
  _wm_inspector_refresh_field (g_ptr_array_index (self->fields, self->fields->len - 1));
  adw_preferences_group_add (group, expander);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), _wm_inspector_add_entry (self, NULL, persona, "name", _("Name")));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), _wm_inspector_add_color (self, NULL, persona, "color", _("Color")));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                            _wm_inspector_add_switch (self, NULL, persona, "hidden", _("Show Curve"), FIELD_SHOWN));
  text = _wm_inspector_add_text (self, NULL, persona, "description", _("Description"), FIELD_TEXT);
  gtk_widget_set_margin_start (text, 12);
  gtk_widget_set_margin_end (text, 12);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), text);
  text = _wm_inspector_add_text (self, NULL, persona, "goals", _("Goals (one a line)"), FIELD_GOALS);
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

void
_wm_inspector_build_document (WmInspector *self)
{
  AdwPreferencesGroup *group = _wm_inspector_new_group (self, _("Journey Map"));
  GListModel *personas = G_LIST_MODEL (wm_document_get_personas (self->document));
  GtkWidget *add;

  _wm_inspector_add_entry (self, group, self->document, "title", _("Title"));
  _wm_inspector_add_text (self, group, self->document, "scenario", _("Scenario"), FIELD_TEXT);

  group = _wm_inspector_new_group (self, _("Personas"));
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

/* Expands @row with its fields shown now, not from the next frame on as
 * its revealer's animation would: keys typed before then would go to a
 * field that is not mapped yet, and be lost. */
static void
expand_at_once (GtkWidget *row,
                GtkWidget *field)
{
  GtkWidget *revealer = gtk_widget_get_ancestor (field, GTK_TYPE_REVEALER);
  guint duration = 0;

  if (revealer != NULL && !gtk_widget_is_ancestor (revealer, row))
    revealer = NULL;
  if (revealer != NULL)
    {
      duration = gtk_revealer_get_transition_duration (GTK_REVEALER (revealer));
      gtk_revealer_set_transition_duration (GTK_REVEALER (revealer), 0);
    }
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  if (revealer != NULL)
    gtk_revealer_set_transition_duration (GTK_REVEALER (revealer), duration);
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
  expand_at_once (row->widget, name->widget);
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

void
_wm_inspector_add_persona_cb (GtkWidget  *widget,
                              const char *name,
                              GVariant   *parameter)
{
  WmInspector *self = WM_INSPECTOR (widget);
  guint n;

  if (self->document == NULL)
    return;
  _wm_inspector_push (self, wm_user_edit_add_persona (self->document));
  _wm_inspector_history_changed_cb (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_personas (self->document)));
  focus_persona (self, persona_at (self, (int) n - 1), TRUE);
}

void
_wm_inspector_remove_persona_cb (GtkWidget  *widget,
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
      _wm_inspector_remove_item (self, persona);
    }
  _wm_inspector_history_changed_cb (self);
  if (persona != NULL)
    focus_persona (self, persona_at (self, (int) position - 1), FALSE);
}
