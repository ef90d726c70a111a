/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-style: the themes, their names and the persona palette. */
#include "config.h"

#include "wm-rules.h"
#include "wm-style.h"

static void
test_style_get (void)
{
  g_assert_cmpint (wm_style_get (WM_THEME_LIGHT)->theme, ==, WM_THEME_LIGHT);
  g_assert_cmpint (wm_style_get (WM_THEME_DARK)->theme, ==, WM_THEME_DARK);
  g_assert_cmpint (wm_style_get (WM_THEME_HIGH_CONTRAST)->theme, ==, WM_THEME_HIGH_CONTRAST);
  /* An unknown theme is the light one: exports default to it. */
  g_assert_true (wm_style_get ((WmTheme) 42) == wm_style_get (WM_THEME_LIGHT));
}

static double
luminance (const WmRgba *c)
{
  return 0.2126 * c->r + 0.7152 * c->g + 0.0722 * c->b;
}

/* Text is readable on every theme's background, and the dark theme is
 * dark. */
static void
test_style_contrast (void)
{
  for (WmTheme theme = WM_THEME_LIGHT; theme <= WM_THEME_HIGH_CONTRAST; theme++)
    {
      const WmStyle *style = wm_style_get (theme);

      g_assert_cmpfloat (ABS (luminance (&style->foreground) - luminance (&style->background)), >, 0.5);
      g_assert_cmpfloat (style->font_size, >, 0);
      g_assert_nonnull (style->font_family);
    }
  g_assert_cmpfloat (luminance (&wm_style_get (WM_THEME_DARK)->background), <,
                     luminance (&wm_style_get (WM_THEME_LIGHT)->background));
}

static void
test_style_theme_names (void)
{
  const struct { const char *name; WmTheme theme; } names[] = {
    { "light", WM_THEME_LIGHT },
    { "Dark", WM_THEME_DARK },
    { "high-contrast", WM_THEME_HIGH_CONTRAST },
    { "hc", WM_THEME_HIGH_CONTRAST },
    { "high_contrast", WM_THEME_HIGH_CONTRAST },
    { "contrast", WM_THEME_HIGH_CONTRAST },
  };
  WmTheme theme = WM_THEME_DARK;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (wm_theme_from_string (names[i].name, &theme));
      g_assert_cmpint (theme, ==, names[i].theme);
    }

  /* A refused name leaves the theme as it was. */
  g_assert_false (wm_theme_from_string ("sepia", &theme));
  g_assert_false (wm_theme_from_string (NULL, &theme));
  g_assert_cmpint (theme, ==, WM_THEME_HIGH_CONTRAST);

  for (WmTheme t = WM_THEME_LIGHT; t <= WM_THEME_HIGH_CONTRAST; t++)
    {
      g_assert_true (wm_theme_from_string (wm_theme_to_string (t), &theme));
      g_assert_cmpint (theme, ==, t);
    }
  g_assert_cmpstr (wm_theme_to_string ((WmTheme) 42), ==, "light");
}

/* The palette's colours are distinct, valid "#rrggbb" that a persona
 * may hold, equal to the light theme's persona colours, and wrap. */
static void
test_style_persona_colors (void)
{
  guint n = wm_style_n_persona_colors ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpuint (n, >=, 6);
  for (guint i = 0; i < n; i++)
    {
      char *spec = wm_style_persona_color_spec (i);
      g_autofree char *wrapped = wm_style_persona_color_spec (i + n);
      WmRgba parsed, drawn;

      g_assert_true (wm_rules_color_is_valid (spec));
      g_assert_cmpstr (wrapped, ==, spec);
      g_assert_true (wm_rgba_parse (&parsed, spec));
      wm_style_persona_color (wm_style_get (WM_THEME_LIGHT), i, &drawn);
      g_assert_cmpfloat_with_epsilon (parsed.r, drawn.r, 1e-9);
      g_assert_cmpfloat_with_epsilon (parsed.g, drawn.g, 1e-9);
      g_assert_cmpfloat_with_epsilon (parsed.b, drawn.b, 1e-9);
      g_assert_true (g_hash_table_add (seen, spec));
    }
}

/* High contrast has its own, darker palette. */
static void
test_style_persona_colors_hc (void)
{
  WmRgba light, hc;

  wm_style_persona_color (wm_style_get (WM_THEME_LIGHT), 0, &light);
  wm_style_persona_color (wm_style_get (WM_THEME_HIGH_CONTRAST), 0, &hc);
  g_assert_cmpfloat (luminance (&hc), <, luminance (&light));
  g_assert_cmpfloat (hc.a, ==, 1.0);
}

static void
test_style_rgba_parse (void)
{
  const char *refused[] = { "", "#", "#12345", "#1234567", "#12345g", "123456#", "rgb(1,2,3)" };
  WmRgba rgba = { 0.5, 0.5, 0.5, 0.5 };

  g_assert_true (wm_rgba_parse (&rgba, "#FF8000"));
  g_assert_cmpfloat (rgba.r, ==, 1.0);
  g_assert_cmpfloat_with_epsilon (rgba.g, 128 / 255.0, 1e-9);
  g_assert_cmpfloat (rgba.b, ==, 0.0);
  g_assert_cmpfloat (rgba.a, ==, 1.0);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    g_assert_false (wm_rgba_parse (&rgba, refused[i]));
  g_assert_false (wm_rgba_parse (&rgba, NULL));
  /* Refused: the colour is left as it was. */
  g_assert_cmpfloat (rgba.r, ==, 1.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/Style/get", test_style_get);
  g_test_add_func ("/Waymark/Style/contrast", test_style_contrast);
  g_test_add_func ("/Waymark/Style/theme-names", test_style_theme_names);
  g_test_add_func ("/Waymark/Style/persona-colors", test_style_persona_colors);
  g_test_add_func ("/Waymark/Style/persona-colors-hc", test_style_persona_colors_hc);
  g_test_add_func ("/Waymark/Style/rgba-parse", test_style_rgba_parse);

  return g_test_run ();
}
