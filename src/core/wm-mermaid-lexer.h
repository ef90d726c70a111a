/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "wm-mermaid-private.h"

G_BEGIN_DECLS

/* The tokens of Mermaid's journey.jison, found as its lexer finds them:
 * the first rule that matches wins, in the grammar file's order. */
typedef enum
{
  TOKEN_EOF,
  TOKEN_NEWLINE,
  TOKEN_JOURNEY,
  TOKEN_TITLE,
  TOKEN_ACC_TITLE,
  TOKEN_ACC_TITLE_VALUE,
  TOKEN_ACC_DESCR,
  TOKEN_ACC_DESCR_VALUE,
  TOKEN_ACC_DESCR_BLOCK,
  TOKEN_SECTION,
  TOKEN_TASK_NAME,
  TOKEN_TASK_DATA,
  TOKEN_COLON,
  TOKEN_INVALID,
} TokenType;

typedef struct
{
  TokenType type;
  gsize     start;
  gsize     end;
} Token;

typedef struct
{
  const char *s;
  gsize       len;
  gsize       pos;
  int         state;
  gboolean    done;
  gboolean    block_open;   /* inside accDescr { … } */
} Lexer;

void   _wm_mermaid_lexer_init (Lexer      *self,
                               const char *s,
                               gsize       len);
Token  _wm_mermaid_lexer_next (Lexer      *self);

G_END_DECLS
