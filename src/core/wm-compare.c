/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-compare.c - a map compared with another version of itself */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include "wm-compare.h"
#include "wm-diff.h"

struct _WmCompare
{
  GObject     parent_instance;

  WmDocument *before;
  WmDocument *after;
  JsonNode   *diff;
  GHashTable *marks;  /* card id → WmCompareMark */
  gboolean    dirty;
};

G_DEFINE_FINAL_TYPE (WmCompare, wm_compare, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
wm_compare_finalize (GObject *object)
{
  WmCompare *self = WM_COMPARE (object);

  g_clear_object (&self->before);
  g_clear_object (&self->after);
  g_clear_pointer (&self->diff, json_node_unref);
  g_clear_pointer (&self->marks, g_hash_table_unref);

  G_OBJECT_CLASS (wm_compare_parent_class)->finalize (object);
}

static void
wm_compare_class_init (WmCompareClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_compare_finalize;

  /* The diff is out of date: @after was edited. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
wm_compare_init (WmCompare *self)
{
  self->marks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->dirty = TRUE;
}

static void
after_changed_cb (WmCompare *self)
{
  self->dirty = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);
}

WmCompare *
wm_compare_new (WmDocument *before,
                WmDocument *after)
{
  WmCompare *self;

  g_return_val_if_fail (WM_IS_DOCUMENT (before), NULL);
  g_return_val_if_fail (WM_IS_DOCUMENT (after), NULL);

  self = g_object_new (WM_TYPE_COMPARE, NULL);
  self->before = g_object_ref (before);
  self->after = g_object_ref (after);
  g_signal_connect_object (after, "changed", G_CALLBACK (after_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}

WmDocument *
wm_compare_get_before (WmCompare *self)
{
  g_return_val_if_fail (WM_IS_COMPARE (self), NULL);
  return self->before;
}

WmDocument *
wm_compare_get_after (WmCompare *self)
{
  g_return_val_if_fail (WM_IS_COMPARE (self), NULL);
  return self->after;
}

static WmCompareMark
mark_of (const char *change)
{
  if (g_str_equal (change, "added"))
    return WM_COMPARE_ADDED;
  if (g_str_equal (change, "changed"))
    return WM_COMPARE_CHANGED;
  if (g_str_equal (change, "moved"))
    return WM_COMPARE_MOVED;
  return WM_COMPARE_SAME;
}

static void
update (WmCompare *self)
{
  g_autoptr(GError) error = NULL;
  JsonArray *changes;

  self->dirty = FALSE;
  g_clear_pointer (&self->diff, json_node_unref);
  g_hash_table_remove_all (self->marks);
  self->diff = wm_diff (self->before, self->after, &error);
  if (self->diff == NULL)
    {
      g_debug ("no comparison: %s", error->message);
      return;
    }
  changes = json_object_get_array_member (json_node_get_object (self->diff), "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);
      WmCompareMark mark = mark_of (json_object_get_string_member (change, "change"));

      if (mark != WM_COMPARE_SAME && g_str_equal (json_object_get_string_member (change, "item"), "card"))
        g_hash_table_insert (self->marks, g_strdup (json_object_get_string_member (change, "id")),
                             GINT_TO_POINTER (mark));
    }
}

JsonNode *
wm_compare_get_diff (WmCompare *self)
{
  g_return_val_if_fail (WM_IS_COMPARE (self), NULL);

  if (self->dirty)
    update (self);
  return self->diff;
}

WmCompareMark
wm_compare_get_mark (WmCompare  *self,
                     const char *card_id)
{
  g_return_val_if_fail (WM_IS_COMPARE (self), WM_COMPARE_SAME);

  if (self->dirty)
    update (self);
  if (card_id == NULL)
    return WM_COMPARE_SAME;
  return GPOINTER_TO_INT (g_hash_table_lookup (self->marks, card_id));
}
