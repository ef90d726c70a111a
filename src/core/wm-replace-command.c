/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include "wm-replace-command.h"

struct _WmReplaceCommand
{
  WmCommand   parent_instance;

  WmDocument *document;
  /* What the document does not hold now: the new content before apply,
   * the old one after. Applying and reverting are the same swap. */
  WmDocument *other;
};

G_DEFINE_FINAL_TYPE (WmReplaceCommand, wm_replace_command, WM_TYPE_COMMAND)

typedef GListStore *(*StoreGetter) (WmDocument *document);

/* In the order references point: a stage before the cards on it, a
 * persona before its curve. Filled in this order and emptied in reverse,
 * so a view never sees an item whose stage or persona is missing. */
static const StoreGetter stores[] = {
  wm_document_get_personas,
  wm_document_get_stages,
  wm_document_get_lanes,
  wm_document_get_curves,
  wm_document_get_moments,
};

static GPtrArray *
take_items (GListStore *store)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  GPtrArray *items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (store), i));
  g_list_store_remove_all (store);
  return items;
}

static void
swap_text (WmDocument  *a,
           WmDocument  *b,
           const char *(*get) (WmDocument *),
           void        (*set) (WmDocument *, const char *))
{
  g_autofree char *old = g_strdup (get (a));

  set (a, get (b));
  set (b, old);
}

static void
swap_namespaces (WmDocument *a,
                 WmDocument *b)
{
  GPtrArray *ns_a = wm_document_get_namespaces (a);
  GPtrArray *ns_b = wm_document_get_namespaces (b);
  GPtrArray *old = g_ptr_array_copy (ns_a, (GCopyFunc) (void (*) (void)) g_strdup, NULL);

  g_ptr_array_set_free_func (old, g_free);
  g_ptr_array_set_size (ns_a, 0);
  g_ptr_array_extend (ns_a, ns_b, (GCopyFunc) (void (*) (void)) g_strdup, NULL);
  g_ptr_array_set_size (ns_b, 0);
  g_ptr_array_extend_and_steal (ns_b, old);
}

static void
swap_foreign (WmDocument *a,
              WmDocument *b)
{
  WmForeign *fa = wm_item_get_foreign (WM_ITEM (a));
  WmForeign *fb = wm_item_get_foreign (WM_ITEM (b));
  WmForeign tmp = *fa;

  *fa = *fb;
  *fb = tmp;
}

static void
swap_content (WmReplaceCommand *self)
{
  GPtrArray *mine[G_N_ELEMENTS (stores)];
  GPtrArray *theirs[G_N_ELEMENTS (stores)];

  for (guint i = G_N_ELEMENTS (stores); i-- > 0;)
    {
      mine[i] = take_items (stores[i] (self->document));
      theirs[i] = take_items (stores[i] (self->other));
    }

  swap_text (self->document, self->other, wm_document_get_title, wm_document_set_title);
  swap_text (self->document, self->other, wm_document_get_scenario, wm_document_set_scenario);
  swap_text (self->document, self->other, wm_document_get_lang, wm_document_set_lang);
  swap_namespaces (self->document, self->other);
  swap_foreign (self->document, self->other);

  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    {
      g_list_store_splice (stores[i] (self->document), 0, 0, theirs[i]->pdata, theirs[i]->len);
      g_list_store_splice (stores[i] (self->other), 0, 0, mine[i]->pdata, mine[i]->len);
      g_ptr_array_unref (mine[i]);
      g_ptr_array_unref (theirs[i]);
    }
}

static void
wm_replace_command_apply (WmCommand *command)
{
  swap_content (WM_REPLACE_COMMAND (command));
}

static void
wm_replace_command_revert (WmCommand *command)
{
  swap_content (WM_REPLACE_COMMAND (command));
}

static void
wm_replace_command_dispose (GObject *object)
{
  WmReplaceCommand *self = WM_REPLACE_COMMAND (object);

  g_clear_object (&self->document);
  g_clear_object (&self->other);

  G_OBJECT_CLASS (wm_replace_command_parent_class)->dispose (object);
}

static void
wm_replace_command_class_init (WmReplaceCommandClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  WmCommandClass *command_class = WM_COMMAND_CLASS (klass);

  object_class->dispose = wm_replace_command_dispose;
  command_class->apply = wm_replace_command_apply;
  command_class->revert = wm_replace_command_revert;
}

static void
wm_replace_command_init (WmReplaceCommand *self)
{
}

WmCommand *
wm_replace_command_new (WmDocument *document,
                        WmDocument *content)
{
  WmReplaceCommand *self;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (WM_IS_DOCUMENT (content), NULL);
  g_return_val_if_fail (document != content, NULL);

  self = g_object_new (WM_TYPE_REPLACE_COMMAND, NULL);
  self->document = g_object_ref (document);
  self->other = g_object_ref (content);
  return WM_COMMAND (self);
}
