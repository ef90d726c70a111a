/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "wm-window.h"

G_BEGIN_DECLS

#define WM_TYPE_FEEDBACK_ASSISTANT (wm_feedback_assistant_get_type ())
G_DECLARE_FINAL_TYPE (WmFeedbackAssistant, wm_feedback_assistant, WM, FEEDBACK_ASSISTANT, AdwWindow)

/* File ▸ Import Feedback… for @window's map (issue 14): pick a CSV →
 * correct the guessed columns → assign tags to stages (remembered per
 * CSV header in the user's config folder) → preview the pivot, what is
 * added or updated and the warnings, choose the persona → apply as one
 * undoable step. A map without stages gets a new window from the
 * customer-service template instead. */
GtkWindow  *wm_feedback_assistant_new       (WmWindow            *window);
/* Reads @file as if chosen (tests use it); on failure the file page
 * shows the "FILE:LINE: message" too. */
gboolean    wm_feedback_assistant_load_file (WmFeedbackAssistant *self,
                                             GFile               *file,
                                             GError             **error);
/* "file", "columns", "tags" or "preview". */
const char *wm_feedback_assistant_get_page  (WmFeedbackAssistant *self);

G_END_DECLS
