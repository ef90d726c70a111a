/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "wm-document.h"

G_BEGIN_DECLS

/* Opening a map that breaks the format's rules by what it says rather
 * than how it is written: a card on a stage that is not defined, a value
 * out of range, a moment of a missing persona, a duplicate id. The
 * problems are listed as the reader words them ("NAME:LINE: …"); the
 * repaired document follows every rule (it is written and read back
 * before it is returned), and each change made is listed in @repairs.
 *
 * How it repairs: a card on a missing stage goes to the first stage; a
 * span running past the last stage is shortened; a moment, curve or
 * curve point that refers to a missing persona or stage is removed, as
 * is a second point on the same stage or a second curve of a persona; an
 * id that is missing or taken gets a fresh one; numbers are clamped into
 * their range; other bad values fall back to their default.
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

/* Whether a reader error may be mended by wm_repair_load_*(). */
gboolean    wm_repair_error_is_repairable (const GError *error);

G_END_DECLS
