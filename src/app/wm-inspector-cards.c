/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-inspector-private.h"
#include "wm-inspector-evidence.h"
#include "wm-inspector-pdca.h"
#include "wm-lane-kind.h"
#include "wm-ui-text.h"
#include "wm-user-edits.h"

/* The card pages: one card's rows, and the page for several selected
 * cards. Which fields a card has, and their names, are the lane kind
 * table's (wm-lane-kind.c). */

static const char *touchpoint_label (int v) { return wm_touchpoint_label (v); }

WmLane *
_wm_inspector_card_lane (WmInspector *self,
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

void
_wm_inspector_build_card (WmInspector *self,
                          WmCard      *card)
{
  WmLane *lane = _wm_inspector_card_lane (self, card);
  WmLaneKind kind = lane != NULL ? wm_lane_get_kind (lane) : WM_LANE_NOTES;
  AdwPreferencesGroup *group = _wm_inspector_new_group (self, _("Card"));
  WmCardFields fields;

  if (lane != NULL)
    adw_preferences_group_set_description (group, wm_lane_kind_label (kind));
  _wm_inspector_add_text (self, group, card, "text", _("Text"), FIELD_TEXT);

  group = _wm_inspector_new_group (self, NULL);
  fields = wm_card_get_fields (card, kind);
  add_card_fields (self, group, card, fields);

  group = _wm_inspector_new_group (self, _("Appearance"));
  _wm_inspector_add_spin (self, group, card, "span", _("Span"), _("Stages the card covers"), 1, 100, 1);
  _wm_inspector_add_color (self, group, card, "color", _("Color"));

  if (kind == WM_LANE_OPPORTUNITIES)
    wm_inspector_add_pdca (ADW_PREFERENCES_PAGE (self->page), self->history, card);
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
  _wm_inspector_push (self, wm_user_edit_set (self->document, self->cards, property, value));
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
        _wm_inspector_add_combo (self, group, card, property, title, touchpoint_label, field_rows[i].max + 1);
      else
        add_multi_combo (self, group, property, title, labels);
      break;
    case ROW_LEVEL:
      labels = severity_labels ();
      if (card != NULL)
        _wm_inspector_add_spin (self, group, card, property, title, subtitle, 0, field_rows[i].max, 1);
      else
        add_multi_combo (self, group, property, title, labels);
      break;
    case ROW_TOGGLE:
      if (card != NULL)
        _wm_inspector_add_switch (self, group, card, property, title, FIELD_SWITCH);
      else
        add_multi_check (self, group, property, title);
      break;
    case ROW_TEXT:
    case ROW_COUNT:
      if (card == NULL)
        add_multi_entry (self, group, property, title);
      else if (field_rows[i].kind == ROW_TEXT)
        _wm_inspector_add_entry (self, group, card, property, title);
      else
        _wm_inspector_add_spin (self, group, card, property, title, subtitle, 0, field_rows[i].max, 1);
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
      WmLane *lane = _wm_inspector_card_lane (self, g_ptr_array_index (self->cards, i));

      fields &= wm_card_get_fields (g_ptr_array_index (self->cards, i),
                                    lane != NULL ? wm_lane_get_kind (lane) : WM_LANE_NOTES);
    }
  return fields;
}

void
_wm_inspector_build_cards (WmInspector *self)
{
  guint n = self->cards->len;
  g_autofree char *title = g_strdup_printf (ngettext ("%u card selected", "%u cards selected", n), n);
  AdwPreferencesGroup *group = _wm_inspector_new_group (self, title);
  WmCardFields fields = shared_fields (self);

  adw_preferences_group_set_description (group, _("A change here applies to every selected card."));
  add_card_fields (self, group, NULL, fields);

  group = _wm_inspector_new_group (self, _("Appearance"));
  add_multi_color (self, group);
}

/* The cards among the selection, when it holds more than one. */
void
_wm_inspector_update_cards (WmInspector *self)
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
