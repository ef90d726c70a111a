/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include <string.h>

#include "wm-style.h"

/* Colors from the GNOME palette. All three themes share their sizes, so a
 * theme switch never changes the geometry, only the paint. */

#define HEX(v) { ((v) >> 16 & 0xff) / 255.0, ((v) >> 8 & 0xff) / 255.0, ((v) & 0xff) / 255.0, 1.0 }

#define FAMILY "Noto Sans, Noto Sans CJK SC, DejaVu Sans, sans-serif"

#define SIZES                    \
  .font_family = FAMILY,         \
  .font_size = 10.0,             \
  .title_font_size = 24.0,       \
  .header_font_size = 12.0,      \
  .stage_width = 220.0,          \
  .lane_header_width = 150.0,    \
  .card_padding = 8.0,           \
  .card_gap = 8.0,               \
  .cell_padding = 8.0,           \
  .emotion_height = 180.0,       \
  .small_font_size = 8.5,        \
  .margin = 40.0,                \
  .card_radius = 6.0

static const WmStyle light = {
  .theme = WM_THEME_LIGHT,
  .background = HEX (0xffffff),
  .foreground = HEX (0x241f31),
  .muted = HEX (0x5e5c64),
  .grid = HEX (0xdeddda),
  .header_background = HEX (0xf6f5f4),
  .card_background = HEX (0xffffff),
  .card_border = HEX (0xc0bfbc),
  .accent = HEX (0x1c71d8),
  .pain = HEX (0xc01c28),
  .aha = HEX (0xe5a50a),
  .micro = HEX (0x9141ac),
  SIZES,
  .lane_color = {
    HEX (0x3584e4),  /* actions */
    HEX (0x9141ac),  /* touchpoints */
    HEX (0x2190a4),  /* thoughts */
    HEX (0xe66100),  /* emotion */
    HEX (0xe01b24),  /* pains */
    HEX (0xe5a50a),  /* needs */
    HEX (0x26a269),  /* opportunities */
    HEX (0x77767b),  /* notes */
  },
  .touchpoint_color = {
    HEX (0x77767b), HEX (0x77767b), HEX (0x1c71d8), HEX (0x613583), HEX (0xc01c28),
  },
  .stage_band = HEX (0x1c71d8),
  .stage_band_text = HEX (0xffffff),
  .callout_background = HEX (0xffffff),
  .zero_line = HEX (0x9a9996),
  .band = HEX (0xfbfafa),
  .key = HEX (0xe5a50a),
  .good = HEX (0x26a269),
  .fair = HEX (0xc64600),
  .poor = HEX (0xc01c28),
  .heat_low = HEX (0xf5c211),
  .heat_high = HEX (0xa51d2d),
  .border_width = 1.0,
  .curve_width = 3.0,
  .tint = 0.07,
};

static const WmStyle dark = {
  .theme = WM_THEME_DARK,
  .background = HEX (0x1e1e1e),
  .foreground = HEX (0xffffff),
  .muted = HEX (0xc0bfbc),
  .grid = HEX (0x3d3d3d),
  .header_background = HEX (0x2a2a2a),
  .card_background = HEX (0x303030),
  .card_border = HEX (0x4f4f4f),
  .accent = HEX (0x78aeed),
  .pain = HEX (0xff7b63),
  .aha = HEX (0xf8e45c),
  .micro = HEX (0xdc8add),
  SIZES,
  .lane_color = {
    HEX (0x62a0ea),
    HEX (0xc061cb),
    HEX (0x3fb7c9),
    HEX (0xffa348),
    HEX (0xf66151),
    HEX (0xf8e45c),
    HEX (0x57e389),
    HEX (0x9a9996),
  },
  .touchpoint_color = {
    HEX (0x9a9996), HEX (0x9a9996), HEX (0x62a0ea), HEX (0xc061cb), HEX (0xf66151),
  },
  .stage_band = HEX (0x1a5fb4),
  .stage_band_text = HEX (0xffffff),
  .callout_background = HEX (0x2a2a2a),
  .zero_line = HEX (0x77767b),
  .band = HEX (0x232323),
  .key = HEX (0xf8e45c),
  .good = HEX (0x57e389),
  .fair = HEX (0xffa348),
  .poor = HEX (0xf66151),
  .heat_low = HEX (0xf6d32d),
  .heat_high = HEX (0xed333b),
  .border_width = 1.0,
  .curve_width = 3.0,
  .tint = 0.12,
};

static const WmStyle high_contrast = {
  .theme = WM_THEME_HIGH_CONTRAST,
  .background = HEX (0xffffff),
  .foreground = HEX (0x000000),
  .muted = HEX (0x241f31),
  .grid = HEX (0x000000),
  .header_background = HEX (0xeeeeee),
  .card_background = HEX (0xffffff),
  .card_border = HEX (0x000000),
  .accent = HEX (0x1a5fb4),
  .pain = HEX (0xa51d2d),
  .aha = HEX (0xe5a50a),
  .micro = HEX (0x613583),
  SIZES,
  .lane_color = {
    HEX (0x1a5fb4),
    HEX (0x613583),
    HEX (0x0e5b68),
    HEX (0xc64600),
    HEX (0xa51d2d),
    HEX (0x865e3c),
    HEX (0x136c3a),
    HEX (0x3d3846),
  },
  .touchpoint_color = {
    HEX (0x3d3846), HEX (0x3d3846), HEX (0x1a5fb4), HEX (0x613583), HEX (0xa51d2d),
  },
  .stage_band = HEX (0x000000),
  .stage_band_text = HEX (0xffffff),
  .callout_background = HEX (0xffffff),
  .zero_line = HEX (0x000000),
  .band = HEX (0xffffff),
  .key = HEX (0xc64600),
  .good = HEX (0x136c3a),
  .fair = HEX (0x9c4a00),
  .poor = HEX (0xa51d2d),
  .heat_low = HEX (0xc64600),
  .heat_high = HEX (0x780000),
  .border_width = 1.5,
  .curve_width = 4.0,
  .tint = 0.0,
};

const WmStyle *
wm_style_get (WmTheme theme)
{
  switch (theme)
    {
    case WM_THEME_DARK:
      return &dark;
    case WM_THEME_HIGH_CONTRAST:
      return &high_contrast;
    case WM_THEME_LIGHT:
    default:
      return &light;
    }
}

static const char *theme_names[] = { "light", "dark", "high-contrast" };

gboolean
wm_theme_from_string (const char *name,
                      WmTheme    *theme)
{
  g_return_val_if_fail (theme != NULL, FALSE);

  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (theme_names); i++)
    if (g_ascii_strcasecmp (name, theme_names[i]) == 0)
      {
        *theme = (WmTheme) i;
        return TRUE;
      }
  if (g_ascii_strcasecmp (name, "hc") == 0 ||
      g_ascii_strcasecmp (name, "high_contrast") == 0 ||
      g_ascii_strcasecmp (name, "contrast") == 0)
    {
      *theme = WM_THEME_HIGH_CONTRAST;
      return TRUE;
    }
  return FALSE;
}

const char *
wm_theme_to_string (WmTheme theme)
{
  if ((guint) theme < G_N_ELEMENTS (theme_names))
    return theme_names[theme];
  return theme_names[0];
}

/* Distinct on light and dark alike, in the order a map adds personas. */
static const guint32 persona_palette[] = {
  0x3584e4, 0xe66100, 0x2ec27e, 0x9141ac, 0xe01b24, 0x986a44, 0x2190a4, 0xc061cb,
};
static const guint32 persona_palette_hc[] = {
  0x1a5fb4, 0xc64600, 0x136c3a, 0x613583, 0xa51d2d, 0x63452c, 0x0e5b68, 0x000000,
};

void
wm_style_persona_color (const WmStyle *style,
                        guint          index,
                        WmRgba        *rgba)
{
  const guint32 *palette = persona_palette;
  guint32 v;

  g_return_if_fail (rgba != NULL);

  if (style != NULL && style->theme == WM_THEME_HIGH_CONTRAST)
    palette = persona_palette_hc;
  v = palette[index % G_N_ELEMENTS (persona_palette)];
  rgba->r = (v >> 16 & 0xff) / 255.0;
  rgba->g = (v >> 8 & 0xff) / 255.0;
  rgba->b = (v & 0xff) / 255.0;
  rgba->a = 1.0;
}

guint
wm_style_n_persona_colors (void)
{
  return G_N_ELEMENTS (persona_palette);
}

char *
wm_style_persona_color_spec (guint index)
{
  return g_strdup_printf ("#%06x", persona_palette[index % G_N_ELEMENTS (persona_palette)]);
}

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

gboolean
wm_rgba_parse (WmRgba     *rgba,
               const char *spec)
{
  int v[6];

  g_return_val_if_fail (rgba != NULL, FALSE);

  if (spec == NULL || spec[0] != '#' || strlen (spec) != 7)
    return FALSE;
  for (guint i = 0; i < 6; i++)
    if ((v[i] = hex_digit (spec[i + 1])) < 0)
      return FALSE;

  rgba->r = (v[0] * 16 + v[1]) / 255.0;
  rgba->g = (v[2] * 16 + v[3]) / 255.0;
  rgba->b = (v[4] * 16 + v[5]) / 255.0;
  rgba->a = 1.0;
  return TRUE;
}
