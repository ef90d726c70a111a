/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "wm-document.h"

G_BEGIN_DECLS

#define WM_TYPE_TEMPLATE_CHOOSER (wm_template_chooser_get_type ())
G_DECLARE_FINAL_TYPE (WmTemplateChooser, wm_template_chooser, WM, TEMPLATE_CHOOSER, AdwWindow)

/* "New Journey Map": the bundled templates with rendered previews, blank
 * first. Emits ::template-chosen (name) on Create, Enter or a double
 * click, and ::open-file for its "Open…" button; it closes itself after
 * either. */
GtkWidget          *wm_template_chooser_new      (void);
/* The template selected now, e.g. "camping". */
const char         *wm_template_chooser_get_selected (WmTemplateChooser *self);

/* The bundled templates, in the order the chooser shows them. */
const char * const *wm_template_get_names        (void);
/* Translated, e.g. "Weekend Camping Trip". */
const char         *wm_template_get_title        (const char  *name);
const char         *wm_template_get_description  (const char  *name);
/* "zh-CN" or "en": the language the UI is translated into. */
const char         *wm_template_get_language     (void);
/* Loads a template from the core's resources, in the user's language. */
WmDocument         *wm_template_load             (const char  *name,
                                                  GError     **error);
/* A thumbnail of the template's top left (an image surface, 480 × 300),
 * rendered once and cached (transfer none); NULL if the template cannot be loaded. */
cairo_surface_t    *wm_template_get_preview      (const char  *name,
                                                  gboolean     dark);

G_END_DECLS
