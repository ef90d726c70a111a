/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "wm-inspector.h"

G_BEGIN_DECLS

/* What the inspector's files share: wm-inspector.c (the page's life and
 * the stage, lane, point and moment pages), wm-inspector-fields.c (rows
 * bound to properties), wm-inspector-cards.c (one card, several cards) and
 * wm-inspector-personas.c (the map page and its personas). */

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

/* wm-inspector.c */
void                 _wm_inspector_history_changed_cb (WmInspector         *self);
void                 _wm_inspector_remove_item        (WmInspector         *self,
                                                       gpointer             item);

/* wm-inspector-fields.c */
void                 _wm_inspector_field_free         (Field               *field);
void                 _wm_inspector_push               (WmInspector         *self,
                                                       WmCommand           *command);
void                 _wm_inspector_push_value         (Field               *field,
                                                       const GValue        *value,
                                                       const char          *merge_key);
void                 _wm_inspector_refresh_field      (Field               *field);
Field               *_wm_inspector_add_field          (WmInspector         *self,
                                                       FieldKind            kind,
                                                       gpointer             object,
                                                       const char          *property,
                                                       GtkWidget           *widget);
GtkWidget           *_wm_inspector_plain_row          (GtkWidget           *row);
GtkWidget           *_wm_inspector_add_entry          (WmInspector         *self,
                                                       AdwPreferencesGroup *group,
                                                       gpointer             object,
                                                       const char          *property,
                                                       const char          *title);
GtkWidget           *_wm_inspector_add_text           (WmInspector         *self,
                                                       AdwPreferencesGroup *group,
                                                       gpointer             object,
                                                       const char          *property,
                                                       const char          *title,
                                                       FieldKind            kind);
void                 _wm_inspector_add_combo          (WmInspector         *self,
                                                       AdwPreferencesGroup *group,
                                                       gpointer             object,
                                                       const char          *property,
                                                       const char          *title,
                                                       const char         *(*label_func) (int),
                                                       int                  n_values);
GtkWidget           *_wm_inspector_add_switch         (WmInspector         *self,
                                                       AdwPreferencesGroup *group,
                                                       gpointer             object,
                                                       const char          *property,
                                                       const char          *title,
                                                       FieldKind            kind);
GtkWidget           *_wm_inspector_add_spin           (WmInspector         *self,
                                                       AdwPreferencesGroup *group,
                                                       gpointer             object,
                                                       const char          *property,
                                                       const char          *title,
                                                       const char          *subtitle,
                                                       double               min,
                                                       double               max,
                                                       double               step);
GtkWidget           *_wm_inspector_add_color          (WmInspector         *self,
                                                       AdwPreferencesGroup *group,
                                                       gpointer             object,
                                                       const char          *property,
                                                       const char          *title);
AdwPreferencesGroup *_wm_inspector_new_group          (WmInspector         *self,
                                                       const char          *title);

/* wm-inspector-cards.c */
WmLane              *_wm_inspector_card_lane          (WmInspector         *self,
                                                       WmCard              *card);
void                 _wm_inspector_build_card         (WmInspector         *self,
                                                       WmCard              *card);
void                 _wm_inspector_build_cards        (WmInspector         *self);
void                 _wm_inspector_update_cards       (WmInspector         *self);

/* wm-inspector-personas.c */
void                 _wm_inspector_add_persona_combo  (WmInspector         *self,
                                                       AdwPreferencesGroup *group,
                                                       gpointer             object);
void                 _wm_inspector_build_document     (WmInspector         *self);
void                 _wm_inspector_add_persona_cb     (GtkWidget           *widget,
                                                       const char          *name,
                                                       GVariant            *parameter);
void                 _wm_inspector_remove_persona_cb  (GtkWidget           *widget,
                                                       const char          *name,
                                                       GVariant            *parameter);

G_END_DECLS
