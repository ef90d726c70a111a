/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark-Fuzz"

#include "config.h"

#include <string.h>

#include "fuzz-init.h"
#include "wm-session-file.h"

/* libFuzzer target: the session-file parser. Whatever it accepts names
 * drafts only by UUID (never a path), with bounded, valid UTF-8 titles,
 * and writes back to something it parses again to the same drafts. */

static void
check_records (GPtrArray *records)
{
  if (records->len > WM_SESSION_MAX_DRAFTS)
    abort ();
  for (guint i = 0; i < records->len; i++)
    {
      WmSessionRecord *record = g_ptr_array_index (records, i);

      if (!g_uuid_string_is_valid (record->draft_id) || strchr (record->draft_id, '/') != NULL)
        abort ();
      if (record->title != NULL &&
          (!g_utf8_validate (record->title, -1, NULL) ||
           g_utf8_strlen (record->title, -1) > WM_SESSION_TITLE_CHARS + 1))
        abort ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto(WmSessionFile) file = { 0 };
  g_auto(WmSessionFile) again = { 0 };
  g_autofree char *text = NULL;
  gsize length;

  if (!wm_session_file_parse ((const char *) data, size, &file, NULL))
    return 0;
  check_records (file.records);

  text = wm_session_file_to_data (file.records, file.clean_shutdown, &length);
  if (!wm_session_file_parse (text, length, &again, NULL) ||
      again.records->len != file.records->len)
    abort ();
  check_records (again.records);
  return 0;
}
