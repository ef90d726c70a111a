/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "wm-types.h"

G_BEGIN_DECLS

/* An undoable edit. Every change to a WmDocument is one of these, pushed on
 * a WmHistory, so undo, the modified flag and autosave see every edit. */

#define WM_TYPE_COMMAND (wm_command_get_type ())
G_DECLARE_DERIVABLE_TYPE (WmCommand, wm_command, WM, COMMAND, GObject)

struct _WmCommandClass
{
  GObjectClass parent_class;

  void     (*apply)  (WmCommand *self);
  void     (*revert) (WmCommand *self);
  /* Absorb @other, applied right after @self (a drag, typing); TRUE if merged. */
  gboolean (*merge)  (WmCommand *self,
                      WmCommand *other);
};

void        wm_command_apply     (WmCommand  *self);
void        wm_command_revert    (WmCommand  *self);
gboolean    wm_command_merge     (WmCommand  *self,
                                  WmCommand  *other);
/* The user-visible label, e.g. "Rename Stage" (for "Undo Rename Stage"). */
const char *wm_command_get_label (WmCommand  *self);
void        wm_command_set_label (WmCommand  *self,
                                  const char *label);

G_END_DECLS
