/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The checks both libFuzzer targets make, shared with
 * tests/core/test-fuzz-regressions.c so that a kept input replays exactly
 * the code path that found it. A broken property calls abort(): libFuzzer
 * and g_test both report that as a crash. */

#pragma once

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "wm-export.h"
#include "wm-page-plan.h"
#include "wm-layout.h"
#include "wm-reader.h"
#include "wm-render.h"
#include "wm-summary.h"
#include "wm-writer.h"

#define FUZZ_CHECK(cond) \
  G_STMT_START { \
    if (G_UNLIKELY (!(cond))) \
      { \
        fprintf (stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, #cond); \
        abort (); \
      } \
  } G_STMT_END

/* Loads @data; if it loads, saves it, loads the saved text again and saves
 * that: the second load must succeed and the two saves be identical (the
 * writer's canonical form is a fixed point). Returns the document, or NULL
 * if @data was refused (with an error, never without). */
static inline WmDocument *
fuzz_load_round_trip (const guint8 *data,
                      gsize         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) reloaded = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gsize first_length = 0;
  gsize second_length = 0;
  WmDocument *document;

  document = wm_reader_load_data ((const char *) data, size, "fuzz.waymark", &error);
  if (document == NULL)
    {
      FUZZ_CHECK (error != NULL);
      return NULL;
    }
  FUZZ_CHECK (error == NULL);

  first = wm_writer_to_string (document, &first_length);
  FUZZ_CHECK (first != NULL);
  reloaded = wm_reader_load_data (first, first_length, "saved.waymark", &error);
  if (reloaded == NULL)
    {
      fprintf (stderr, "the saved map does not load again: %s\n--- saved ---\n%s\n",
               error != NULL ? error->message : "(no error)", first);
      abort ();
    }

  second = wm_writer_to_string (reloaded, &second_length);
  if (first_length != second_length || memcmp (first, second, first_length) != 0)
    {
      fprintf (stderr, "saving the reloaded map changed it\n--- first ---\n%s\n--- second ---\n%s\n",
               first, second);
      abort ();
    }

  return document;
}

static inline void
fuzz_render_to (WmLayout                *layout,
                cairo_surface_t         *surface,
                double                   scale,
                double                   dx,
                double                   dy,
                const cairo_rectangle_t *clip,
                const char              *persona)
{
  WmRenderOptions options = WM_RENDER_OPTIONS_INIT;
  cairo_t *cr = cairo_create (surface);

  options.scale = scale;
  if (clip != NULL)
    options.clip = *clip;
  options.persona = persona;
  cairo_translate (cr, dx, dy);
  cairo_scale (cr, scale, scale);
  wm_render (layout, cr, &options);
  FUZZ_CHECK (cairo_status (cr) == CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  FUZZ_CHECK (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS);
}

/* The text around the map, which Pango wraps and ellipsizes itself: the
 * first and last sheet of the stakeholder summary, and the label at the
 * foot of the first A4 poster sheet (clipped to that strip: the tile of
 * the map on it is what the renders above draw already). */
static inline void
fuzz_render_sheets (WmDocument      *document,
                    WmTheme          theme,
                    cairo_surface_t *surface)
{
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  WmSummary *summary = wm_summary_new (document, theme, 595.0, 842.0);
  WmPagePlan *plan;
  cairo_t *cr = cairo_create (surface);

  wm_summary_draw_page (summary, 0, cr);
  wm_summary_draw_page (summary, wm_summary_get_n_pages (summary) - 1, cr);
  wm_summary_free (summary);

  options.page = WM_PAGE_POSTER_A4;
  options.theme = theme;
  plan = wm_page_plan_new (document, &options, 0, 0, NULL);
  if (plan != NULL)
    {
      double width = 0, height = 0;

      wm_page_plan_get_page_size (plan, 0, &width, &height);
      cairo_save (cr);
      cairo_rectangle (cr, 0, height - 36.0, width, 36.0);
      cairo_clip (cr);
      wm_page_plan_draw_page (plan, 0, cr);
      cairo_restore (cr);
      wm_page_plan_free (plan);
    }
  FUZZ_CHECK (cairo_status (cr) == CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
}

/* Lays @document out and draws it the ways the app does: all of it to a
 * recording surface (exports, previews), a small clip of it zoomed in (a
 * canvas redraw), one persona's view, into a tiny image greeked and
 * zoomed (thumbnails, deep zoom), and the sheets around it. */
static inline void
fuzz_render (WmDocument *document,
             WmTheme     theme)
{
  g_autoptr(WmLayout) layout = wm_layout_new (document, theme);
  GListModel *personas = G_LIST_MODEL (wm_document_get_personas (document));
  guint n_personas = g_list_model_get_n_items (personas);
  cairo_surface_t *surface;
  cairo_rectangle_t clip;
  double width = 0, height = 0;

  wm_layout_get_size (layout, &width, &height);
  FUZZ_CHECK (isfinite (width) && isfinite (height) && width >= 0 && height >= 0);

  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  fuzz_render_to (layout, surface, 1.0, 0, 0, NULL, NULL);
  clip = (cairo_rectangle_t) { width / 3, height / 3, 160, 120 };
  fuzz_render_to (layout, surface, 2.0, 0, 0, &clip, NULL);
  if (n_personas > 0)
    {
      g_autoptr(WmItem) last = g_list_model_get_item (personas, n_personas - 1);

      fuzz_render_to (layout, surface, 1.0, 0, 0, NULL, wm_item_get_id (last));
    }
  fuzz_render_sheets (document, theme, surface);
  cairo_surface_destroy (surface);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 48, 32);
  fuzz_render_to (layout, surface, 0.05, 0, 0, NULL, NULL);
  fuzz_render_to (layout, surface, 3.0, -width, -height / 2, NULL, NULL);
  cairo_surface_destroy (surface);
}
