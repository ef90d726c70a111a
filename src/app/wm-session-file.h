/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The session file, as text: what wm-session.c writes and reads, kept
 * free of GTK and GIO so a fuzzer can drive the parser on its own.
 *
 * Everything read is hostile: a tampered or half-written file yields at
 * most WM_SESSION_MAX_DRAFTS records whose ids are valid UUIDs (so a
 * draft name never leaves the drafts folder), with bounded strings. */

#define WM_SESSION_MAX_DRAFTS    100
/* Characters of a map title kept in the session file and shown. */
#define WM_SESSION_TITLE_CHARS   120
/* Bytes of a session file read at all; the rest is ignored. */
#define WM_SESSION_FILE_MAX      (4 * 1024 * 1024)

typedef struct
{
  char   *draft_id;   /* a valid UUID */
  char   *uri;        /* the file the map belongs to, or NULL; may not decode */
  char   *title;      /* clipped, valid UTF-8, one line; or NULL */
  /* The file's version (etag and size) the draft's changes apply to:
   * when it was loaded or last saved. NULL if unknown. */
  char   *base_etag;
} WmSessionRecord;

typedef struct
{
  GPtrArray *records;        /* of WmSessionRecord */
  guint      n_more;         /* drafts listed beyond the cap */
  gboolean   clean_shutdown;
} WmSessionFile;

void             wm_session_record_free  (WmSessionRecord *record);
WmSessionRecord *wm_session_record_copy  (const WmSessionRecord *record);

/* FALSE (with a WM_ERROR) if @data is not a session file; a file that
 * cannot be parsed must never make anyone delete anything. */
gboolean  wm_session_file_parse        (const char     *data,
                                        gsize           length,
                                        WmSessionFile  *out,
                                        GError        **error);
void      wm_session_file_clear        (WmSessionFile  *file);

/* The key file text listing @records. */
char     *wm_session_file_to_data      (GPtrArray      *records,
                                        gboolean        clean_shutdown,
                                        gsize          *length);

/* @title made safe to store and show: valid UTF-8, no control
 * characters, at most WM_SESSION_TITLE_CHARS characters. */
char     *wm_session_clip_title        (const char     *title,
                                        gsize           length);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WmSessionFile, wm_session_file_clear)

G_END_DECLS
