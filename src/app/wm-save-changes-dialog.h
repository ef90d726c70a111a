/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WM_TYPE_SAVE_CHANGES_DIALOG (wm_save_changes_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WmSaveChangesDialog, wm_save_changes_dialog, WM, SAVE_CHANGES_DIALOG, AdwMessageDialog)

/* The one question before maps with unsaved changes close, for closing a
 * window and for quitting, as GNOME Text Editor asks it. For one map:
 * "Save Changes to “name”?". For several: a list with a check box per map,
 * all checked; Save saves the checked ones (asking for a name where a map
 * has none), Discard saves nothing, Cancel keeps everything open.
 *
 * @windows: the WmWindows with unsaved changes (at least one). Finishes
 * TRUE when they may close now: every checked map is on disk, or the user
 * said Discard; FALSE with G_IO_ERROR_CANCELLED when the user cancelled
 * (here or in a Save As), or with the error a save failed with (already
 * shown to the user). */
void            wm_save_changes_dialog_run_async  (GtkWindow            *parent,
                                                   GPtrArray            *windows,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean        wm_save_changes_dialog_run_finish (GAsyncResult         *result,
                                                   GError              **error);

/* The check box of the @index-th map, NULL when only one map is asked
 * about. */
GtkCheckButton *wm_save_changes_dialog_get_check  (WmSaveChangesDialog  *self,
                                                   guint                 index);

G_END_DECLS
