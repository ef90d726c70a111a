/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WM_ERROR (wm_error_quark ())

typedef enum
{
  WM_ERROR_FAILED,
  WM_ERROR_MALFORMED,      /* not well-formed XML, bad UTF-8, truncated */
  WM_ERROR_INVALID,        /* well-formed but breaks the format's rules */
  WM_ERROR_REFERENCE,      /* an id that is duplicated or does not resolve */
  WM_ERROR_NEWER_FORMAT,   /* format="N" greater than we know */
  WM_ERROR_FORBIDDEN,      /* DOCTYPE, entities: refused for safety */
  WM_ERROR_TOO_LARGE,      /* over the size, depth or count caps */
  WM_ERROR_IO,
  WM_ERROR_USAGE,
} WmErrorCode;

GQuark wm_error_quark (void);

G_END_DECLS
