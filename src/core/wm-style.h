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
} WmStyle;

const WmStyle *wm_style_get                (WmTheme     theme);
gboolean       wm_theme_from_string        (const char *name,
                                            WmTheme    *theme);
/* "#rrggbb" → color; FALSE if it is not one. */
gboolean       wm_rgba_parse               (WmRgba     *rgba,
                                            const char *spec);

G_END_DECLS
