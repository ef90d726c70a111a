/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the reader and the writer of wm-mermaid share: JavaScript's idea
 * of white space and of a number, since Mermaid runs on them. */

/* JavaScript's \s: what Mermaid's lexer skips and String.trim() cuts. */
gboolean  _wm_mermaid_is_space    (gunichar    c);

/* JavaScript's Number(text): white space around it ignored, "" is 0,
 * decimal, 0x/0o/0b and Infinity forms; NAN for anything else. */
double    _wm_mermaid_number      (const char *text,
                                   gssize      length);

/* A score as JavaScript writes it back: "5", "4.5", "Infinity". */
char     *_wm_mermaid_format_score (double     score);

/* @text (UTF-8) without JavaScript white space at either end. */
char     *_wm_mermaid_strip       (const char *text,
                                   gssize      length);

/* Text being preprocessed, with the offset in the file that each byte
 * came from, so that messages name the file's own lines. */
typedef struct
{
  GString *s;
  GArray  *at;   /* guint32 per byte of s */
} WmMermaidText;

WmMermaidText *_wm_mermaid_text_new     (void);
void           _wm_mermaid_text_free    (WmMermaidText       *self);
/* @n bytes, each from its own offset, starting at @at. */
WmMermaidText *_wm_mermaid_text_new_from (const char         *bytes,
                                          gsize               n,
                                          guint32             at);
/* Appends @n bytes of @src starting at @from, with their offsets. */
void           _wm_mermaid_text_copy    (WmMermaidText       *self,
                                         const WmMermaidText *src,
                                         gsize                from,
                                         gsize                n);
/* Appends @n bytes of @bytes, all said to come from @at. */
void           _wm_mermaid_text_add     (WmMermaidText       *self,
                                         const char          *bytes,
                                         gsize                n,
                                         guint32              at);
guint32        _wm_mermaid_text_origin  (const WmMermaidText *self,
                                         gsize                offset);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmMermaidText, _wm_mermaid_text_free)

/* Mermaid's preprocessing of a diagram (mermaid: preprocess.ts,
 * Diagram.ts): line ends, front matter (its title returned in
 * @front_title), %%{directives}%%, %% comment lines, then the entity
 * codes (#35;, #quot;) hidden from the grammar as Mermaid hides them. */
WmMermaidText *_wm_mermaid_preprocess   (const WmMermaidText *text,
                                         char               **front_title);
/* TRUE when Mermaid's detector takes @text (preprocessed) for a journey. */
gboolean       _wm_mermaid_is_journey   (const WmMermaidText *text);
/* The text a hidden entity code stands for, as a browser shows it, in
 * @out; FALSE (and "&name;" appended) for a name it does not know. */
gboolean       _wm_mermaid_decode       (const char          *text,
                                         gsize                length,
                                         GString             *out,
                                         GString             *unknown);

/* The ```mermaid blocks of a Markdown file, in order. */
GPtrArray     *_wm_mermaid_markdown_blocks (const WmMermaidText *text);

/* A diagram as journeyDb.js holds it. */
typedef struct
{
  char     *name;
  gsize     at;
  gboolean  implicit;   /* the tasks before any section */
} Section;

typedef struct
{
  char      *name;
  guint      section;
  gsize      at;
  double     score;     /* NAN when not a number */
  GPtrArray *people;    /* char*; NULL: no actor list at all */
} Task;

/* The map of a parsed diagram (wm-mermaid-build.c). */
struct _WmDocument *_wm_mermaid_build (const char *title,
                                       const char *acc_title,
                                       const char *acc_descr,
                                       GPtrArray  *sections,
                                       GPtrArray  *tasks);

/* Text safe anywhere in a journey line: the characters Mermaid's grammar
 * or preprocessing would take as syntax become entity codes ("#58;").
 * @list: also "," (an actor in a list); @line_start: also a leading
 * keyword ("title", "section"…). */
void  _wm_mermaid_escape   (GString    *out,
                            const char *text,
                            gboolean    list,
                            gboolean    line_start);
/* The inverse for text written by _wm_mermaid_escape(). */
char *_wm_mermaid_unescape (const char *text);

G_END_DECLS
