/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "wm-document.h"

G_BEGIN_DECLS

/* An imported map added to a map (File ▸ Import… "Merge", a Mermaid
 * paste): a new document holding @document's content followed by
 * @imported's personas, stages, lanes, curves and moments (its title and
 * scenario are dropped). An id of @imported that @document already uses
 * is renamed ("s1" → "s1-2") together with every reference to it. The
 * result is read through the .waymark reader, so it keeps every rule;
 * hand it to wm_replace_command_new() for one undoable step. */
WmDocument *wm_import_merge (WmDocument  *document,
                             WmDocument  *imported,
                             GError     **error);

G_END_DECLS
