/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "wm-document.h"

G_BEGIN_DECLS

/* Mermaid `journey` diagrams in and out, read as Mermaid's own grammar
 * (mermaid-js: user-journey/parser/journey.jison) and its preprocessing
 * read them. What Mermaid refuses is refused with "NAME:LINE: message";
 * what it silently accepts but draws oddly (a task before any section, a
 * score outside 1–5, a task with no actor) is read, with a warning. */

/* Where a task's original score and actors are kept on its card, so that
 * an export gives them back exactly: foreign attributes in this
 * namespace (prefix "mmd" when Waymark writes them). */
#define WM_MERMAID_NAMESPACE "urn:waymark:mermaid:1"

/* Caps, so that no input makes the reader run long or take much memory. */
#define WM_MERMAID_MAX_BYTES    (4 * 1024 * 1024)
#define WM_MERMAID_MAX_LINES    100000
#define WM_MERMAID_MAX_SECTIONS 1000
#define WM_MERMAID_MAX_TASKS    20000
#define WM_MERMAID_MAX_ACTORS   200

typedef enum
{
  WM_MERMAID_AUTO,      /* Markdown when it has a ```mermaid block, else a diagram */
  WM_MERMAID_DIAGRAM,   /* .mmd, .mermaid */
  WM_MERMAID_MARKDOWN,  /* .md: the first ```mermaid block holding a journey */
} WmMermaidSource;

/* The source kind a file name implies: .md and .markdown are Markdown,
 * .mmd and .mermaid diagrams, anything else WM_MERMAID_AUTO. */
WmMermaidSource  wm_mermaid_source_from_path (const char       *path);

/* Reads @length bytes of @data. @name is the file's name for messages.
 * Warnings ("NAME:LINE: message") are appended to @warnings when it is
 * not NULL. The title defaults to @title when the diagram has none. */
WmDocument      *wm_mermaid_read             (const char       *data,
                                              gsize             length,
                                              const char       *name,
                                              WmMermaidSource   source,
                                              const char       *title,
                                              GPtrArray        *warnings,
                                              GError          **error);

/* A journey diagram of @document that Mermaid reads back to the same
 * sections, tasks, scores and actors: the kept ones, else scores derived
 * from the personas' curves. Text that would break Mermaid's grammar is
 * written as Mermaid entity codes ("#58;"), never dropped. */
char            *wm_mermaid_write            (WmDocument       *document);

G_END_DECLS
