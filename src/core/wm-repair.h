/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "wm-command.h"
#include "wm-document.h"

G_BEGIN_DECLS

/* Opening a map that breaks the format's rules by what it says rather
 * than how it is written: a card on a stage that is not defined, a value
 * out of range, a moment of a missing persona, a duplicate id. The
 * problems are listed as the reader words them ("NAME:LINE: …"); the
 * repaired document follows every rule (it is written and read back
 * before it is returned), and each change made is listed in @repairs.
 *
 * How it repairs: a card, moment or curve point on a missing stage goes
 * to a stage titled "Unplaced" (in the map's language) added at the end;
 * a moment or curve of a missing persona goes to a persona "Unplaced"
 * added likewise; a span running past the last stage is shortened; a
 * second point on one stage or a second curve of a persona is removed;
 * an id that is missing or taken gets a fresh one; numbers are clamped
 * into their range; other bad values fall back to their default. Each
 * item moved or removed is named in @repairs as "NAME:LINE: …".
 *
 * A file that is not well-formed XML, has a DOCTYPE, is too large or has
 * a newer format is refused as by wm_reader_load_data(): no repair. So is
 * a map that reads without a problem (nothing to repair: WM_ERROR_FAILED
 * is never returned for it; the document is returned with no problems). */
WmDocument *wm_repair_load_data (const char  *data,
                                 gsize        length,
                                 const char  *name,
                                 GPtrArray   *problems,
                                 GPtrArray   *repairs,
                                 GError     **error);
WmDocument *wm_repair_load_file (GFile       *file,
                                 GPtrArray   *problems,
                                 GPtrArray   *repairs,
                                 GError     **error);

/* The same in two versions, for a window to open the first and apply the
 * second as one undoable step: the returned map has every item of a
 * missing stage or persona dropped; @placed gets the map with them in
 * "Unplaced" (NULL when nothing was dropped). @repairs describes @placed. */
WmDocument *wm_repair_load_data_split (const char  *data,
                                       gsize        length,
                                       const char  *name,
                                       GPtrArray   *problems,
                                       GPtrArray   *repairs,
                                       WmDocument **placed,
                                       GError     **error);
WmDocument *wm_repair_load_file_split (GFile       *file,
                                       GPtrArray   *problems,
                                       GPtrArray   *repairs,
                                       WmDocument **placed,
                                       GError     **error);

/* The step that turns the map wm_repair_load_*_split() returned, shown
 * in a window, into @placed ("Repair Map"): undo drops the items again. */
WmCommand  *wm_repair_command_new (WmDocument *document,
                                   WmDocument *placed);

/* Whether a reader error may be mended by wm_repair_load_*(). */
gboolean    wm_repair_error_is_repairable (const GError *error);

G_END_DECLS
