/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-render.c: drawing a journey map onto cairo surfaces. */

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "wm-document.h"
#include "wm-evidence.h"
#include "wm-history.h"
#include "wm-layout.h"
#include "wm-reader.h"
#include "wm-render.h"

static WmCard *the_card;     /* a card of make_document()'s map */

static WmDocument *
make_document (const char *lang)
{
  static const double values[] = { 1, -2, 2.5 };
  WmDocument *doc = wm_document_new ();
  g_autoptr(WmPersona) a = wm_persona_new ("a");
  g_autoptr(WmPersona) b = wm_persona_new ("b");
  g_autoptr(WmLane) touch = wm_lane_new ("touch", WM_LANE_TOUCHPOINTS, "Touchpoints");
  g_autoptr(WmLane) feel = wm_lane_new ("feel", WM_LANE_EMOTION, "Emotion");
  g_autoptr(WmLane) pain = wm_lane_new ("pain", WM_LANE_PAINS, "Pains");
  g_autoptr(WmMoment) aha = wm_moment_new ("m1", WM_MOMENT_AHA, "a", "s2");
  g_autoptr(WmMoment) micro = wm_moment_new ("m2", WM_MOMENT_MICRO, "a", "s2");

  wm_document_set_title (doc, "周末露营 Weekend camping");
  wm_document_set_scenario (doc, "Friends drive out of the city for a night at a campsite.");
  wm_document_set_lang (doc, lang);
  wm_persona_set_name (a, "Camper");
  wm_persona_set_color (a, "#3584e4");
  wm_persona_set_name (b, "Owner");
  wm_persona_set_color (b, "#e01b24");
  g_list_store_append (wm_document_get_personas (doc), a);
  g_list_store_append (wm_document_get_personas (doc), b);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      g_autoptr(WmStage) stage = wm_stage_new (id, i == 0 ? "攻略 Research" : i == 1 ? "Booking" : "At the camp");
      g_autoptr(WmMetric) metric = wm_metric_new (WM_METRIC_NPS, 40 - 30.0 * i);
      wm_stage_set_goal (stage, "Find a campsite that is really as nice as its photos");
      g_list_store_append (wm_stage_get_metrics (stage), metric);
      g_list_store_append (wm_document_get_stages (doc), stage);
    }

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%u", i);
      g_autofree char *stage = g_strdup_printf ("s%u", i);
      g_autoptr(WmCard) card = wm_card_new (id, stage, "看网红攻略 — reads guides, wary of edited photos");
      wm_card_set_touchpoint (card, WM_TOUCHPOINT_PRE + i);
      wm_card_set_key (card, i == 1);
      wm_card_set_channel (card, "小红书");
      g_list_store_append (wm_lane_get_cards (touch), card);
    }
  {
    g_autoptr(WmCard) card = wm_card_new ("p1", "s0", "Traffic into the mountains jammed for over an hour");
    wm_card_set_severity (card, 4);
    wm_card_set_frequency (card, 12);
    wm_card_set_span (card, 2);
    g_list_store_append (wm_lane_get_cards (pain), card);
    the_card = card;
  }
  g_list_store_append (wm_document_get_lanes (doc), touch);
  g_list_store_append (wm_document_get_lanes (doc), feel);
  g_list_store_append (wm_document_get_lanes (doc), pain);

  for (guint p = 0; p < 2; p++)
    {
      g_autoptr(WmCurve) curve = wm_curve_new (p == 0 ? "a" : "b");
      for (guint i = 0; i < 3; i++)
        {
          g_autofree char *stage = g_strdup_printf ("s%u", i);
          g_autoptr(WmCurvePoint) point = wm_curve_point_new (stage, p == 0 ? values[i] : -values[i], 0.5);
          g_list_store_append (wm_curve_get_points (curve), point);
        }
      g_list_store_append (wm_document_get_curves (doc), curve);
    }
  wm_moment_set_text (aha, "营地有遮雨棚，还提供篝火取暖！");
  wm_moment_set_text (micro, "Ran out of beer — if only the campsite sold craft beer");
  g_list_store_append (wm_document_get_moments (doc), aha);
  g_list_store_append (wm_document_get_moments (doc), micro);
  return doc;
}

typedef struct { guint8 r, g, b, a; } Pixel;

static Pixel
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  guint32 v;
  Pixel p;

  cairo_surface_flush (surface);
  v = *(guint32 *) (cairo_image_surface_get_data (surface) +
                    y * cairo_image_surface_get_stride (surface) + x * 4);
  p.a = v >> 24;
  p.r = v >> 16;
  p.g = v >> 8;
  p.b = v;
  return p;
}

static gboolean
pixel_is (Pixel         p,
          const WmRgba *c)
{
  return abs (p.r - (int) lround (c->r * 255)) <= 2 &&
         abs (p.g - (int) lround (c->g * 255)) <= 2 &&
         abs (p.b - (int) lround (c->b * 255)) <= 2 && p.a == 255;
}

/* The whole map at @scale on a new image surface. */
static cairo_surface_t *
render_image (WmLayout              *layout,
              double                 scale,
              const WmRenderOptions *options)
{
  double w, h;
  cairo_surface_t *surface;
  cairo_t *cr;
  WmRenderOptions defaults = WM_RENDER_OPTIONS_INIT;

  wm_layout_get_size (layout, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (w * scale), (int) ceil (h * scale));
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  if (options == NULL)
    {
      defaults.scale = scale;
      options = &defaults;
    }
  wm_render (layout, cr, options);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  return surface;
}

static void
test_themes (void)
{
  g_autoptr(WmDocument) doc = make_document ("en");
  static const WmTheme themes[] = { WM_THEME_LIGHT, WM_THEME_DARK, WM_THEME_HIGH_CONTRAST };

  for (guint i = 0; i < G_N_ELEMENTS (themes); i++)
    {
      g_autoptr(WmLayout) layout = wm_layout_new (doc, themes[i]);
      const WmStyle *style = wm_layout_get_style (layout);
      cairo_surface_t *surface = render_image (layout, 1.0, NULL);
      cairo_rectangle_t r;
      Pixel corner = pixel_at (surface, 2, 2);
      Pixel inside;
      double luma = (0.2126 * corner.r + 0.7152 * corner.g + 0.0722 * corner.b) / 255;

      g_assert_true (pixel_is (corner, &style->background));
      if (themes[i] == WM_THEME_DARK)
        g_assert_cmpfloat (luma, <, 0.2);
      else
        g_assert_cmpfloat (luma, >, 0.9);

      /* The card is drawn: its fill (tinted) and accent bar are not the
       * background. */
      g_assert_true (wm_layout_get_item_rect (layout, G_OBJECT (the_card), &r));
      inside = pixel_at (surface, (int) (r.x + r.width / 2), (int) (r.y + r.height - 3));
      if (themes[i] != WM_THEME_HIGH_CONTRAST)
        g_assert_false (pixel_is (inside, &style->background));
      inside = pixel_at (surface, (int) (r.x + 5), (int) (r.y + r.height / 2));
      g_assert_false (pixel_is (inside, &style->background));
      g_assert_true (pixel_is (inside, &style->lane_color[WM_LANE_PAINS]));
      cairo_surface_destroy (surface);
    }
}

/* Pixels outside the clip are never touched. */
static void
test_clip (void)
{
  g_autoptr(WmDocument) doc = make_document ("zh-CN");
  g_autoptr(WmLayout) layout = wm_layout_new (doc, WM_THEME_LIGHT);
  WmRenderOptions options = WM_RENDER_OPTIONS_INIT;
  cairo_surface_t *surface;
  cairo_rectangle_t card;
  cairo_t *cr;
  double w, h;
  int changed_inside = 0;

  wm_layout_get_size (layout, &w, &h);
  g_assert_true (wm_layout_get_item_rect (layout, G_OBJECT (the_card), &card));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (w), (int) ceil (h));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 0, 1);
  cairo_paint (cr);

  options.clip.x = card.x - 10;
  options.clip.y = card.y - 10;
  options.clip.width = 100;
  options.clip.height = 40;
  wm_render (layout, cr, &options);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);

  for (int y = 0; y < (int) h; y += 3)
    for (int x = 0; x < (int) w; x += 3)
      {
        Pixel p = pixel_at (surface, x, y);
        gboolean magenta = p.r == 255 && p.g == 0 && p.b == 255;
        gboolean in = x >= options.clip.x && x < options.clip.x + options.clip.width &&
                      y >= options.clip.y && y < options.clip.y + options.clip.height;
        if (!in)
          g_assert_true (magenta);
        else if (!magenta)
          changed_inside++;
      }
  g_assert_cmpint (changed_inside, >, 300);
  cairo_surface_destroy (surface);
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* SVG holds every shown glyph as a <symbol id="glyph…">: a count of what
 * text was drawn. */
static gboolean
svg_has_glyphs (WmLayout *layout,
                double    scale)
{
  GString *out = g_string_new (NULL);
  WmRenderOptions options = WM_RENDER_OPTIONS_INIT;
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h;
  gboolean glyphs;

  wm_layout_get_size (layout, &w, &h);
  surface = cairo_svg_surface_create_for_stream (append_cb, out, w * scale, h * scale);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  options.scale = scale;
  wm_render (layout, cr, &options);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  glyphs = strstr (out->str, "glyph") != NULL;
  g_string_free (out, TRUE);
  return glyphs;
}

static void
test_greeking (void)
{
  g_autoptr(WmDocument) doc = make_document ("en");
  g_autoptr(WmLayout) layout = wm_layout_new (doc, WM_THEME_LIGHT);
  cairo_surface_t *surface;
  cairo_rectangle_t card;
  Pixel p;

  g_assert_true (svg_has_glyphs (layout, 1.0));
  /* 10 pt × 0.1 = 1 px, even the 24 pt title is 2.4 px: all bars. */
  g_assert_false (svg_has_glyphs (layout, 0.1));

  /* The bars still show where the text is. */
  surface = render_image (layout, 0.25, NULL);
  g_assert_true (wm_layout_get_item_rect (layout, G_OBJECT (the_card), &card));
  p = pixel_at (surface, (int) ((card.x + card.width / 2) * 0.25), (int) ((card.y + card.height / 2) * 0.25));
  g_assert_false (pixel_is (p, &wm_layout_get_style (layout)->background));
  cairo_surface_destroy (surface);
}

static void
test_recording (void)
{
  g_autoptr(WmDocument) doc = make_document ("zh-CN");
  g_autoptr(WmLayout) layout = wm_layout_new (doc, WM_THEME_DARK);
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  double x, y, w, h, mw, mh;

  wm_render (layout, cr, NULL);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_recording_surface_ink_extents (surface, &x, &y, &w, &h);
  wm_layout_get_size (layout, &mw, &mh);
  /* The map, and nothing outside it. */
  g_assert_cmpfloat (x, >=, -1);
  g_assert_cmpfloat (y, >=, -1);
  g_assert_cmpfloat (x + w, <=, mw + 1);
  g_assert_cmpfloat (y + h, <=, mh + 1);
  g_assert_cmpfloat (w * h, >, 0.9 * mw * mh);
  cairo_surface_destroy (surface);
}

static gboolean
bytes_contain (GString    *haystack,
               const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= haystack->len; i++)
    if (memcmp (haystack->str + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_pdf (void)
{
  g_autoptr(WmDocument) doc = make_document ("zh-CN");
  g_autoptr(WmLayout) layout = wm_layout_new (doc, WM_THEME_LIGHT);
  GString *out = g_string_new (NULL);
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h;

  wm_layout_get_size (layout, &w, &h);
  surface = cairo_pdf_surface_create_for_stream (append_cb, out, w, h);
  cr = cairo_create (surface);
  wm_render (layout, cr, NULL);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_assert_true (g_str_has_prefix (out->str, "%PDF"));
  /* Text stays text: CJK goes in as a CID font. */
  g_assert_true (bytes_contain (out, "/FontFile"));
  g_string_free (out, TRUE);
}

static void
test_no_background (void)
{
  g_autoptr(WmDocument) doc = make_document ("en");
  g_autoptr(WmLayout) layout = wm_layout_new (doc, WM_THEME_LIGHT);
  WmRenderOptions options = WM_RENDER_OPTIONS_INIT;
  cairo_surface_t *surface;
  cairo_rectangle_t card;

  options.flags = WM_RENDER_NO_BACKGROUND;
  surface = render_image (layout, 1.0, &options);
  g_assert_cmpint (pixel_at (surface, 2, 2).a, ==, 0);
  g_assert_true (wm_layout_get_item_rect (layout, G_OBJECT (the_card), &card));
  g_assert_cmpint (pixel_at (surface, (int) (card.x + 5), (int) (card.y + card.height / 2)).a, ==, 255);
  cairo_surface_destroy (surface);
}

/* The ring of a curve point of persona @index (1: "b") at stage 0. */
static Pixel
ring_pixel (WmLayout        *layout,
            cairo_surface_t *surface,
            double           value)
{
  cairo_rectangle_t stage;
  int lane = wm_layout_get_emotion_lane (layout);
  double y = wm_layout_value_to_y (layout, lane, value);

  g_assert_true (wm_layout_get_stage_rect (layout, 0, &stage));
  return pixel_at (surface, (int) (stage.x + stage.width / 2 + 4.5), (int) y);
}

static void
test_personas (void)
{
  g_autoptr(WmDocument) doc = make_document ("en");
  g_autoptr(WmLayout) layout = wm_layout_new (doc, WM_THEME_LIGHT);
  g_autoptr(WmPersona) b = g_list_model_get_item (G_LIST_MODEL (wm_document_get_personas (doc)), 1);
  WmRenderOptions options = WM_RENDER_OPTIONS_INIT;
  WmRgba red, blue;
  cairo_surface_t *surface;

  wm_rgba_parse (&blue, "#3584e4");
  wm_rgba_parse (&red, "#e01b24");

  /* Both curves: a at +1, b at −1 in stage 0. */
  surface = render_image (layout, 1.0, NULL);
  g_assert_true (pixel_is (ring_pixel (layout, surface, 1), &blue));
  g_assert_true (pixel_is (ring_pixel (layout, surface, -1), &red));
  cairo_surface_destroy (surface);

  /* Only a. */
  options.persona = "a";
  surface = render_image (layout, 1.0, &options);
  g_assert_true (pixel_is (ring_pixel (layout, surface, 1), &blue));
  g_assert_false (pixel_is (ring_pixel (layout, surface, -1), &red));
  cairo_surface_destroy (surface);

  /* Only b, though a has the moments. */
  options.persona = "b";
  surface = render_image (layout, 1.0, &options);
  g_assert_false (pixel_is (ring_pixel (layout, surface, 1), &blue));
  g_assert_true (pixel_is (ring_pixel (layout, surface, -1), &red));
  cairo_surface_destroy (surface);

  /* b hidden. */
  wm_persona_set_hidden (b, TRUE);
  wm_document_emit_changed (doc);
  surface = render_image (layout, 1.0, NULL);
  g_assert_true (pixel_is (ring_pixel (layout, surface, 1), &blue));
  g_assert_false (pixel_is (ring_pixel (layout, surface, -1), &red));
  cairo_surface_destroy (surface);
}

/* A viewport of a wide map: only what is in view costs anything. */
static void
test_viewport (void)
{
  g_autoptr(WmDocument) doc = wm_document_new ();
  g_autoptr(WmLayout) layout = NULL;
  g_autoptr(WmLane) lane = wm_lane_new ("l", WM_LANE_ACTIONS, "Actions");
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  WmRenderOptions options = WM_RENDER_OPTIONS_INIT;
  double best = G_MAXDOUBLE, w, h;

  for (guint s = 0; s < 250; s++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", s);
      g_autofree char *text = g_strdup_printf ("Card %u: compare the price, call support, wait", s);
      g_autoptr(WmStage) stage = wm_stage_new (id, id);
      g_autoptr(WmCard) card = wm_card_new (id, id, text);
      g_list_store_append (wm_document_get_stages (doc), stage);
      g_list_store_append (wm_lane_get_cards (lane), card);
    }
  g_list_store_append (wm_document_get_lanes (doc), lane);
  layout = wm_layout_new (doc, WM_THEME_LIGHT);
  wm_layout_get_size (layout, &w, &h);

  for (guint i = 0; i < 5; i++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 start;
      double ms;

      cairo_translate (cr, -20000, 0);
      start = g_get_monotonic_time ();
      wm_render (layout, cr, &options);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      best = MIN (best, ms);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
    }
  g_test_message ("1920×1080 of a %.0f pt wide map: %.2f ms", w, best);
  /* Generous: a debug build on a busy machine must pass. */
  g_assert_cmpfloat (best, <, 100.0);
  cairo_surface_destroy (surface);
}

static char *
template_path (const char *lang,
               const char *name)
{
  const char *datadir = g_getenv ("WAYMARK_DATADIR");

  if (datadir != NULL)
    return g_build_filename (datadir, "templates", lang, name, NULL);
  return g_test_build_filename (G_TEST_DIST, "..", "..", "data", "templates", lang, name, NULL);
}

static void
test_templates (void)
{
  static const char *langs[] = { "zh-CN", "en" };
  static const char *names[] = {
    "camping.waymark", "insurance.waymark", "b2b-services.waymark",
    "customer-service.waymark", "blank.waymark",
  };
  static const WmTheme themes[] = { WM_THEME_LIGHT, WM_THEME_DARK, WM_THEME_HIGH_CONTRAST };

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    for (guint n = 0; n < G_N_ELEMENTS (names); n++)
      {
        g_autofree char *path = template_path (langs[l], names[n]);
        g_autoptr(GFile) file = g_file_new_for_path (path);
        g_autoptr(GError) error = NULL;
        g_autoptr(WmDocument) doc = NULL;

        if (!g_file_test (path, G_FILE_TEST_EXISTS))
          {
            g_test_message ("%s: missing", path);
            continue;
          }
        doc = wm_reader_load_file (file, &error);
        g_assert_no_error (error);
        for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
          {
            WmLayout *layout = wm_layout_new (doc, themes[t]);
            cairo_surface_t *surface = render_image (layout, t == 0 ? 1.0 : 0.5, NULL);
            g_assert_true (pixel_is (pixel_at (surface, 1, 1), &wm_layout_get_style (layout)->background));
            cairo_surface_destroy (surface);
            g_assert_finalize_object (layout);
          }
      }
}

/* Cards that look alike are drawn batched; an odd one (a missed
 * touchpoint, dashed red) must not lend its style to its neighbours. */
static void
test_batched_frames (void)
{
  g_autoptr(WmDocument) doc = wm_document_new ();
  g_autoptr(WmStage) s0 = wm_stage_new ("s0", "One");
  g_autoptr(WmStage) s1 = wm_stage_new ("s1", "Two");
  g_autoptr(WmLane) lane = wm_lane_new ("tp", WM_LANE_TOUCHPOINTS, "Touchpoints");
  g_autoptr(WmCard) missed = wm_card_new ("a", "s1", "Nobody answered");
  g_autoptr(WmCard) plain = wm_card_new ("b", "s0", "Called the owner");
  g_autoptr(WmCard) plain2 = wm_card_new ("c", "s1", "Paid by transfer");
  g_autoptr(WmLayout) layout = NULL;
  cairo_surface_t *surface;
  const WmRgba *red;
  cairo_rectangle_t rect;
  guint reddish = 0;

  wm_document_set_title (doc, "Batch");
  g_list_store_append (wm_document_get_stages (doc), s0);
  g_list_store_append (wm_document_get_stages (doc), s1);
  g_list_store_append (wm_document_get_lanes (doc), lane);
  wm_card_set_touchpoint (missed, WM_TOUCHPOINT_MISSED);
  wm_card_set_touchpoint (plain, WM_TOUCHPOINT_CORE);
  g_list_store_append (wm_lane_get_cards (lane), plain);
  g_list_store_append (wm_lane_get_cards (lane), missed);
  g_list_store_append (wm_lane_get_cards (lane), plain2);

  layout = wm_layout_new (doc, WM_THEME_LIGHT);
  red = &wm_layout_get_style (layout)->touchpoint_color[WM_TOUCHPOINT_MISSED];
  surface = render_image (layout, 2.0, NULL);

  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (wm_layout_get_item_rect (layout, G_OBJECT (i == 0 ? plain : plain2), &rect));
      for (int x = (int) (rect.x * 2) + 24; x < (int) ((rect.x + rect.width) * 2) - 24; x++)
        for (int dy = -2; dy <= 2; dy++)
          {
            Pixel p = pixel_at (surface, x, (int) lround (rect.y * 2) + dy);

            if (abs (p.r - (int) lround (red->r * 255)) < 40 &&
                abs (p.g - (int) lround (red->g * 255)) < 40 &&
                abs (p.b - (int) lround (red->b * 255)) < 40)
              reddish++;
          }
    }
  g_assert_cmpuint (reddish, ==, 0);

  /* The missed card itself is outlined in red. */
  g_assert_true (wm_layout_get_item_rect (layout, G_OBJECT (missed), &rect));
  for (int x = (int) (rect.x * 2) + 24; x < (int) ((rect.x + rect.width) * 2) - 24; x++)
    for (int dy = -2; dy <= 2; dy++)
      {
        Pixel p = pixel_at (surface, x, (int) lround (rect.y * 2) + dy);

        if (abs (p.r - (int) lround (red->r * 255)) < 40 &&
            abs (p.g - (int) lround (red->g * 255)) < 40 &&
            abs (p.b - (int) lround (red->b * 255)) < 40)
          reddish++;
      }
  g_assert_cmpuint (reddish, >, 20);

  cairo_surface_destroy (surface);
}

static WmDocument *
load_map (const char *xml)
{
  g_autoptr(GError) error = NULL;
  WmDocument *document = wm_reader_load_data (xml, strlen (xml), "test", &error);

  g_assert_no_error (error);
  return document;
}

#define EV_MAP "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<map xmlns=\"urn:waymark:map:1\" xmlns:ev=\"urn:waymark:evidence:1\" format=\"1\">\n" \
  "  <title>t</title>\n  <stage id=\"s\"/>\n  <lane id=\"o\" kind=\"opportunities\">\n" \
  "    <card id=\"data\" stage=\"s\" ev:basis=\"data\"><text>backed</text></card>\n" \
  "    <card id=\"guess\" stage=\"s\" ev:basis=\"assumption\"><text>assumed</text></card>\n" \
  "    <card id=\"plain\" stage=\"s\"><text>plain</text></card>\n" \
  "  </lane>\n</map>\n"

static gboolean
same_pixel (Pixel a,
            Pixel b)
{
  return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

/* The card's body, left of its text, in @surface. */
static Pixel
card_pixel (WmLayout        *layout,
            cairo_surface_t *surface,
            WmDocument      *document,
            const char      *id)
{
  cairo_rectangle_t rect;

  g_assert_true (wm_layout_get_item_rect (layout, G_OBJECT (wm_document_find_card (document, id, NULL)), &rect));
  return pixel_at (surface, (int) (rect.x + rect.width - 30), (int) (rect.y + rect.height / 2));
}

/* The evidence view fades what is assumed, and only that: a card backed
 * by data, or one with no basis, is drawn as without it. */
static void
test_evidence_view (void)
{
  g_autoptr(WmDocument) doc = load_map (EV_MAP);
  g_autoptr(WmLayout) layout = wm_layout_new (doc, WM_THEME_LIGHT);
  WmRenderOptions options = WM_RENDER_OPTIONS_INIT;
  cairo_surface_t *normal = render_image (layout, 1.0, NULL);
  cairo_surface_t *view;
  Pixel guess, faded;

  options.flags = WM_RENDER_EVIDENCE_VIEW;
  view = render_image (layout, 1.0, &options);
  g_assert_true (same_pixel (card_pixel (layout, normal, doc, "data"), card_pixel (layout, view, doc, "data")));
  g_assert_true (same_pixel (card_pixel (layout, normal, doc, "plain"), card_pixel (layout, view, doc, "plain")));
  guess = card_pixel (layout, normal, doc, "guess");
  faded = card_pixel (layout, view, doc, "guess");
  g_assert_false (same_pixel (guess, faded));
  /* Towards the (white) background. */
  g_assert_cmpint (faded.r + faded.g + faded.b, >, guess.r + guess.g + guess.b);
  cairo_surface_destroy (normal);
  cairo_surface_destroy (view);
}

/* A status set (and undone) as an edit makes room for its chip at once:
 * the layout's measures follow evidence, which is not a card property. */
static void
test_pdca_relayout (void)
{
  g_autoptr(WmDocument) doc = load_map (EV_MAP);
  g_autoptr(WmHistory) history = wm_history_new (doc);
  g_autoptr(WmLayout) layout = wm_layout_new (doc, WM_THEME_LIGHT);
  WmCard *card = wm_document_find_card (doc, "plain", NULL);
  cairo_rectangle_t before, after, undone;
  cairo_surface_t *surface;

  surface = render_image (layout, 1.0, NULL);
  cairo_surface_destroy (surface);
  g_assert_true (wm_layout_get_item_rect (layout, G_OBJECT (card), &before));
  wm_history_push (history, wm_evidence_command_new (doc, WM_ITEM (card), "status", "check"));
  surface = render_image (layout, 1.0, NULL);
  cairo_surface_destroy (surface);
  g_assert_true (wm_layout_get_item_rect (layout, G_OBJECT (card), &after));
  g_assert_cmpfloat (after.height, >, before.height + 10);
  wm_history_undo (history);
  surface = render_image (layout, 1.0, NULL);
  cairo_surface_destroy (surface);
  g_assert_true (wm_layout_get_item_rect (layout, G_OBJECT (card), &undone));
  g_assert_cmpfloat (undone.height, ==, before.height);
}

/* An export shapes most lines afresh instead of keeping them
 * (wm_layout_set_draw_once()): the picture must not change, in Chinese
 * (quotes, leading punctuation) or English. */
static void
test_draw_once (void)
{
  static const char *langs[] = { "zh-CN", "en" };

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_autofree char *path = template_path (langs[l], "camping.waymark");
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(WmDocument) doc = wm_reader_load_file (file, &error);
      cairo_surface_t *kept, *once;
      WmLayout *layout;
      int stride, height;

      g_assert_no_error (error);
      layout = wm_layout_new (doc, WM_THEME_LIGHT);
      kept = render_image (layout, 1.5, NULL);
      wm_layout_set_draw_once (layout, TRUE);
      once = render_image (layout, 1.5, NULL);
      cairo_surface_flush (kept);
      cairo_surface_flush (once);
      stride = cairo_image_surface_get_stride (kept);
      height = cairo_image_surface_get_height (kept);
      g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (once));
      g_assert_cmpint (height, ==, cairo_image_surface_get_height (once));
      g_assert_cmpmem (cairo_image_surface_get_data (kept), stride * height,
                       cairo_image_surface_get_data (once), stride * height);
      cairo_surface_destroy (kept);
      cairo_surface_destroy (once);
      g_assert_finalize_object (layout);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/Render/themes", test_themes);
  g_test_add_func ("/Waymark/Render/batched-frames", test_batched_frames);
  g_test_add_func ("/Waymark/Render/clip", test_clip);
  g_test_add_func ("/Waymark/Render/greeking", test_greeking);
  g_test_add_func ("/Waymark/Render/recording", test_recording);
  g_test_add_func ("/Waymark/Render/pdf", test_pdf);
  g_test_add_func ("/Waymark/Render/no-background", test_no_background);
  g_test_add_func ("/Waymark/Render/personas", test_personas);
  g_test_add_func ("/Waymark/Render/viewport", test_viewport);
  g_test_add_func ("/Waymark/Render/templates", test_templates);
  g_test_add_func ("/Waymark/Render/evidence-view", test_evidence_view);
  g_test_add_func ("/Waymark/Render/pdca-relayout", test_pdca_relayout);
  g_test_add_func ("/Waymark/Render/draw-once", test_draw_once);

  return g_test_run ();
}
