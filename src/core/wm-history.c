/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include "wm-group-command.h"
#include "wm-history.h"

struct _WmHistory
{
  GObject     parent_instance;

  WmDocument *document;
  GPtrArray  *undo_stack;
  GPtrArray  *redo_stack;
  WmCommand  *group;
  guint       group_depth;
  guint64     serial;
  /* The command on top of the undo stack when last saved (NULL: empty). */
  gpointer    saved_top;
  gboolean    saved_reachable;
  gboolean    merge_broken;

  /* Last notified values, so notify fires only on real change. */
  gboolean    can_undo;
  gboolean    can_redo;
  gboolean    modified;
};

G_DEFINE_FINAL_TYPE (WmHistory, wm_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_MODIFIED,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static WmCommand *
top (GPtrArray *stack)
{
  return stack->len > 0 ? g_ptr_array_index (stack, stack->len - 1) : NULL;
}

static gboolean
compute_modified (WmHistory *self)
{
  return !self->saved_reachable || top (self->undo_stack) != self->saved_top;
}

static void
changed (WmHistory *self)
{
  gboolean can_undo = self->undo_stack->len > 0;
  gboolean can_redo = self->redo_stack->len > 0;
  gboolean modified = compute_modified (self);

  self->serial++;

  g_object_freeze_notify (G_OBJECT (self));
  if (can_undo != self->can_undo)
    {
      self->can_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (can_redo != self->can_redo)
    {
      self->can_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
  if (modified != self->modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  /* Labels change with nearly every step; cheap to announce. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
  g_object_thaw_notify (G_OBJECT (self));

  wm_document_emit_changed (self->document);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
forget_redo (WmHistory *self)
{
  for (guint i = 0; i < self->redo_stack->len; i++)
    if (g_ptr_array_index (self->redo_stack, i) == self->saved_top)
      self->saved_reachable = FALSE;

  g_ptr_array_set_size (self->redo_stack, 0);
}

static void
record (WmHistory *self,
        WmCommand *command)
{
  WmCommand *previous = top (self->undo_stack);

  forget_redo (self);

  if (!self->merge_broken && previous != NULL && wm_command_merge (previous, command))
    {
      /* The saved state was the command before it absorbed this one. */
      if (previous == self->saved_top)
        self->saved_reachable = FALSE;
      g_object_unref (command);
    }
  else
    {
      g_ptr_array_add (self->undo_stack, command);
    }

  self->merge_broken = FALSE;
}

static void
wm_history_dispose (GObject *object)
{
  WmHistory *self = WM_HISTORY (object);

  g_clear_object (&self->group);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (wm_history_parent_class)->dispose (object);
}

static void
wm_history_finalize (GObject *object)
{
  WmHistory *self = WM_HISTORY (object);

  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);

  G_OBJECT_CLASS (wm_history_parent_class)->finalize (object);
}

static void
wm_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  WmHistory *self = WM_HISTORY (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, wm_history_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, wm_history_get_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, wm_history_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, wm_history_get_redo_label (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, wm_history_get_modified (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_history_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  WmHistory *self = WM_HISTORY (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_history_class_init (WmHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = wm_history_dispose;
  object_class->finalize = wm_history_finalize;
  object_class->get_property = wm_history_get_property;
  object_class->set_property = wm_history_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         WM_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, ro);
  properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, ro);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
wm_history_init (WmHistory *self)
{
  self->undo_stack = g_ptr_array_new_with_free_func (g_object_unref);
  self->redo_stack = g_ptr_array_new_with_free_func (g_object_unref);
  self->saved_reachable = TRUE;
}

WmHistory *
wm_history_new (WmDocument *document)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  return g_object_new (WM_TYPE_HISTORY, "document", document, NULL);
}

WmDocument *
wm_history_get_document (WmHistory *self)
{
  g_return_val_if_fail (WM_IS_HISTORY (self), NULL);

  return self->document;
}

void
wm_history_push (WmHistory *self,
                 WmCommand *command)
{
  g_return_if_fail (WM_IS_HISTORY (self));
  g_return_if_fail (WM_IS_COMMAND (command));

  wm_command_apply (command);

  if (self->group != NULL)
    {
      wm_group_command_add (WM_GROUP_COMMAND (self->group), command);
      wm_document_emit_changed (self->document);
      return;
    }

  record (self, command);
  changed (self);
}

gboolean
wm_history_undo (WmHistory *self)
{
  WmCommand *command;

  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (self->group == NULL, FALSE);

  if (self->undo_stack->len == 0)
    return FALSE;

  command = g_ptr_array_steal_index (self->undo_stack, self->undo_stack->len - 1);
  wm_command_revert (command);
  g_ptr_array_add (self->redo_stack, command);
  self->merge_broken = TRUE;
  changed (self);

  return TRUE;
}

gboolean
wm_history_redo (WmHistory *self)
{
  WmCommand *command;

  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (self->group == NULL, FALSE);

  if (self->redo_stack->len == 0)
    return FALSE;

  command = g_ptr_array_steal_index (self->redo_stack, self->redo_stack->len - 1);
  wm_command_apply (command);
  g_ptr_array_add (self->undo_stack, command);
  self->merge_broken = TRUE;
  changed (self);

  return TRUE;
}

gboolean
wm_history_get_can_undo (WmHistory *self)
{
  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);

  return self->undo_stack->len > 0;
}

gboolean
wm_history_get_can_redo (WmHistory *self)
{
  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);

  return self->redo_stack->len > 0;
}

const char *
wm_history_get_undo_label (WmHistory *self)
{
  WmCommand *command;

  g_return_val_if_fail (WM_IS_HISTORY (self), NULL);

  command = top (self->undo_stack);
  return command != NULL ? wm_command_get_label (command) : NULL;
}

const char *
wm_history_get_redo_label (WmHistory *self)
{
  WmCommand *command;

  g_return_val_if_fail (WM_IS_HISTORY (self), NULL);

  command = top (self->redo_stack);
  return command != NULL ? wm_command_get_label (command) : NULL;
}

void
wm_history_begin_group (WmHistory  *self,
                        const char *label)
{
  g_return_if_fail (WM_IS_HISTORY (self));

  if (self->group_depth++ == 0)
    self->group = wm_group_command_new (label);
}

void
wm_history_end_group (WmHistory *self)
{
  WmCommand *group;

  g_return_if_fail (WM_IS_HISTORY (self));
  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth > 0)
    return;

  group = g_steal_pointer (&self->group);
  if (wm_group_command_get_size (WM_GROUP_COMMAND (group)) == 0)
    {
      g_object_unref (group);
      return;
    }

  /* Already applied, command by command, while the group was open. */
  self->merge_broken = TRUE;
  record (self, group);
  changed (self);
}

void
wm_history_break_merge (WmHistory *self)
{
  g_return_if_fail (WM_IS_HISTORY (self));

  self->merge_broken = TRUE;
}

void
wm_history_mark_saved (WmHistory *self)
{
  g_return_if_fail (WM_IS_HISTORY (self));

  self->saved_top = top (self->undo_stack);
  self->saved_reachable = TRUE;
  /* Typing after a save must not merge into the saved step. */
  self->merge_broken = TRUE;

  if (self->modified)
    {
      self->modified = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
}

gboolean
wm_history_get_modified (WmHistory *self)
{
  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);

  return compute_modified (self);
}

guint64
wm_history_get_serial (WmHistory *self)
{
  g_return_val_if_fail (WM_IS_HISTORY (self), 0);

  return self->serial;
}

void
wm_history_clear (WmHistory *self)
{
  g_return_if_fail (WM_IS_HISTORY (self));
  g_return_if_fail (self->group == NULL);

  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  self->saved_top = NULL;
  self->saved_reachable = FALSE;
  changed (self);
}
