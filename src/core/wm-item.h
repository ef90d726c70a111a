/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "wm-types.h"
#include "wm-foreign.h"

G_BEGIN_DECLS

/* The base of every model object: an optional id, and foreign XML kept
 * for round trips. Subclassed by the document's item types. */

#define WM_TYPE_ITEM (wm_item_get_type ())
G_DECLARE_DERIVABLE_TYPE (WmItem, wm_item, WM, ITEM, GObject)

struct _WmItemClass
{
  GObjectClass parent_class;
};

const char *wm_item_get_id       (WmItem     *self);
void        wm_item_set_id       (WmItem     *self,
                                  const char *id);
/* Created on first use; never NULL. */
WmForeign  *wm_item_get_foreign  (WmItem     *self);
gboolean    wm_item_has_foreign  (WmItem     *self);

G_END_DECLS
