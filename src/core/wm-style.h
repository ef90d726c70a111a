/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  WM_THEME_LIGHT,
  WM_THEME_DARK,
  WM_THEME_HIGH_CONTRAST,
} WmTheme;

typedef struct { double r, g, b, a; } WmRgba;

/* Colors and zoom-independent sizes (in layout units = PDF points = canvas
 * pixels at 100 %). The layout helper fills in the fields it needs. */
typedef struct
{
  WmTheme theme;
  WmRgba  background;
  WmRgba  foreground;
  WmRgba  muted;
  WmRgba  grid;
  WmRgba  header_background;
  WmRgba  card_background;
  WmRgba  card_border;
  WmRgba  accent;
  WmRgba  pain;
  WmRgba  aha;
  WmRgba  micro;
  const char *font_family;
  double  font_size;        /* card text, points */
  double  title_font_size;
  double  header_font_size;
  double  stage_width;      /* minimum width of a stage column */
  double  lane_header_width;
  double  card_padding;
  double  card_gap;
  double  cell_padding;
  double  emotion_height;   /* height of an emotion lane */

  /* Added for the renderer; everything below is optional for other users. */
  WmRgba  lane_color[8];     /* by WmLaneKind: lane icon, card stripe and tint */
  WmRgba  touchpoint_color[5]; /* by WmTouchpoint */
  WmRgba  stage_band;        /* the chevrons of the stage header row */
  WmRgba  stage_band_text;
  WmRgba  callout_background;
  WmRgba  zero_line;
  WmRgba  band;              /* every other lane row */
  WmRgba  key;               /* the key-touchpoint star */
  WmRgba  good;              /* metric badges, by how good the value is */
  WmRgba  fair;
  WmRgba  poor;
  WmRgba  heat_low;          /* pain severity 1 … */
  WmRgba  heat_high;         /* … 5 */
  double  small_font_size;   /* tags, goals, callouts, legend */
  double  margin;            /* around the whole map */
  double  border_width;      /* card outlines and grid lines */
  double  curve_width;
  double  card_radius;
  double  tint;              /* how much of the lane color a card takes, 0..1 */
} WmStyle;

const WmStyle *wm_style_get                (WmTheme     theme);
gboolean       wm_theme_from_string        (const char *name,
                                            WmTheme    *theme);
const char    *wm_theme_to_string          (WmTheme     theme);
/* The color of the @index-th persona when it has none of its own. */
void           wm_style_persona_color      (const WmStyle *style,
                                            guint          index,
                                            WmRgba        *rgba);
/* The palette wm_style_persona_color() draws from (light and dark), as
 * "#rrggbb": what a new persona is given. */
guint          wm_style_n_persona_colors   (void);
char          *wm_style_persona_color_spec (guint          index);
/* "#rrggbb" → color; FALSE if it is not one. */
gboolean       wm_rgba_parse               (WmRgba     *rgba,
                                            const char *spec);

G_END_DECLS
