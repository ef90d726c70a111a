/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "wm-render-private.h"
#include "wm-merge.h"

/* Draws a WmLayout. Only what meets the clip is drawn: stage columns are
 * uniform, so the visible ones are found by arithmetic, lanes by binary
 * search. Text a reader could not read at this scale (a line under ~3
 * device pixels) is drawn as bars, cards under ~2 pixels as plain blocks.
 * Text is drawn line by line as the layout broke it, with the one drawing
 * PangoLayout the layout owns; nothing here depends on the surface. */

#define GREEK_PX      3.0
/* Centre of a stage's number, from the column's left. */
#define STAGE_NUMBER_X(s) ((s) > 0 ? 21.0 : 16.0)


/* ------------------------------------------------------------ helpers */



static WmRgba
mix (const WmRgba *a,
     const WmRgba *b,
     double        t)
{
  WmRgba m = {
    a->r + (b->r - a->r) * t,
    a->g + (b->g - a->g) * t,
    a->b + (b->b - a->b) * t,
    a->a + (b->a - a->a) * t,
  };
  return m;
}



static void
star_path (cairo_t *cr,
           double   cx,
           double   cy,
           double   r)
{
  cairo_new_sub_path (cr);
  for (int i = 0; i < 10; i++)
    {
      double a = -G_PI / 2 + i * G_PI / 5;
      double rr = i % 2 == 0 ? r : r * 0.45;
      if (i == 0)
        cairo_move_to (cr, cx + rr * cos (a), cy + rr * sin (a));
      else
        cairo_line_to (cr, cx + rr * cos (a), cy + rr * sin (a));
    }
  cairo_close_path (cr);
}

static void
diamond_path (cairo_t *cr,
              double   cx,
              double   cy,
              double   r)
{
  cairo_move_to (cr, cx, cy - r);
  cairo_line_to (cr, cx + r * 0.8, cy);
  cairo_line_to (cr, cx, cy + r);
  cairo_line_to (cr, cx - r * 0.8, cy);
  cairo_close_path (cr);
}

/* ---------------------------------------------------------------- text */

/* Strings are read from the model when drawn, never kept from the layout:
 * an old one may be gone by now. A label stands in for an empty title. */
static const char *
or_label (WmLayout   *layout,
          const char *text,
          int         label)
{
  return text != NULL && text[0] != '\0' ? text : wm_layout_label (layout, label);
}

/* One line of @text, its top-left at (@x, @y). */
static void
draw_line (Ctx              *ctx,
           WmFontId          font,
           const char       *text,
           const WmTextLine *line,
           double            x,
           double            y)
{
  WmLayout *layout = ctx->layout;

  if (line->length == 0)
    return;
  if (ctx->sink != NULL)
    {
      _wm_render_sink_line (ctx, font, text + line->start, line->length, x, y + layout->fonts[font].baseline);
      return;
    }
  cairo_move_to (ctx->cr, x, y + layout->fonts[font].baseline);
  pango_cairo_show_layout_line (ctx->cr, wm_layout_shaped_line (layout, font, text + line->start, line->length));
  cairo_new_path (ctx->cr);
}

/* A text block at (@x, @y); @align 0 left, 0.5 centred, 1 right within @width. */
void
_wm_render_draw_block (Ctx               *ctx,
                       WmFontId           font,
                       const char        *text,
                       const WmTextBlock *block,
                       double             x,
                       double             y,
                       double             width,
                       double             align,
                       const WmRgba      *color)
{
  WmLayout *layout = ctx->layout;
  double lh = layout->fonts[font].line_height;
  gsize len;

  if (text == NULL || block->n == 0)
    return;
  if (!visible (ctx, x, y, MAX (width, block->width), block->n * lh))
    return;

  if (ctx->greek[font])
    {
      /* A bar per line, where the ink would be. */
      set_color_alpha (ctx->cr, color, 0.35);
      for (guint i = 0; i < block->n; i++)
        {
          const WmTextLine *line = &g_array_index (layout->lines, WmTextLine, block->first + i);
          double lx = x + (width - line->width) * align;
          cairo_rectangle (ctx->cr, lx, y + i * lh + lh * 0.3, line->width, lh * 0.45);
        }
      cairo_fill (ctx->cr);
      return;
    }

  len = strlen (text);
  set_color (ctx->cr, color);
  for (guint i = 0; i < block->n; i++)
    {
      const WmTextLine *line = &g_array_index (layout->lines, WmTextLine, block->first + i);
      double ly = y + i * lh;

      if (ly > ctx->vy1 || ly + lh < ctx->vy0)
        continue;
      if ((gsize) line->start + line->length > len)
        break;   /* the text changed under us; the next layout fixes it */
      draw_line (ctx, font, text, line, x + (width - line->width) * align, ly);
    }
}

/* A single-line label measured on the spot (cached by the layout). */
static double
draw_label (Ctx          *ctx,
            WmFontId      font,
            const char   *text,
            double        x,
            double        y,
            const WmRgba *color)
{
  WmTextLine line;
  double w = wm_layout_seg_width (ctx->layout, font, text, -1);

  line.start = 0;
  line.length = strlen (text);
  line.width = w;
  if (ctx->greek[font])
    {
      double lh = ctx->layout->fonts[font].line_height;
      set_color_alpha (ctx->cr, color, 0.35);
      cairo_rectangle (ctx->cr, x, y + lh * 0.3, w, lh * 0.45);
      cairo_fill (ctx->cr);
      return w;
    }
  set_color (ctx->cr, color);
  draw_line (ctx, font, text, &line, x, y);
  return w;
}

double
_wm_render_label (Ctx          *ctx,
                  WmFontId      font,
                  const char   *text,
                  double        x,
                  double        y,
                  const WmRgba *color)
{
  return draw_label (ctx, font, text, x, y, color);
}

/* --------------------------------------------------------------- icons */

/* The lane kinds' icons: a white glyph on a rounded square of the lane's
 * color, @s wide. */
static void
draw_lane_icon (Ctx        *ctx,
                WmLaneKind  kind,
                double      x,
                double      y,
                double      s)
{
  cairo_t *cr = ctx->cr;
  const WmRgba *color = &ctx->st->lane_color[CLAMP ((int) kind, 0, 7)];
  double cx = x + s / 2, cy = y + s / 2, u = s / 18.0;

  set_color (cr, color);
  rounded_rect (cr, x, y, s, s, 4 * u);
  cairo_fill (cr);
  if (s * ctx->scale < 6.0)
    return;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 1.6 * u);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  switch (kind)
    {
    case WM_LANE_ACTIONS:   /* two footprints */
      cairo_save (cr);
      cairo_translate (cr, cx - 3 * u, cy + 1.5 * u);
      cairo_rotate (cr, -0.25);
      cairo_scale (cr, 2.2 * u, 3.6 * u);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
      cairo_fill (cr);
      cairo_save (cr);
      cairo_translate (cr, cx + 3 * u, cy - 2.5 * u);
      cairo_rotate (cr, 0.25);
      cairo_scale (cr, 2.2 * u, 3.6 * u);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
      cairo_fill (cr);
      break;
    case WM_LANE_TOUCHPOINTS:   /* a target */
      cairo_arc (cr, cx, cy, 5.5 * u, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_arc (cr, cx, cy, 2.2 * u, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    case WM_LANE_THOUGHTS:   /* a thought bubble */
      cairo_save (cr);
      cairo_translate (cr, cx + 1 * u, cy - 1.5 * u);
      cairo_scale (cr, 6 * u, 4.2 * u);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
      cairo_fill (cr);
      cairo_arc (cr, cx - 4 * u, cy + 4 * u, 1.5 * u, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_arc (cr, cx - 6 * u, cy + 6.5 * u, 0.9 * u, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    case WM_LANE_EMOTION:   /* a smile */
      cairo_arc (cr, cx, cy, 6 * u, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_arc (cr, cx - 2.2 * u, cy - 1.6 * u, 0.9 * u, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_arc (cr, cx + 2.2 * u, cy - 1.6 * u, 0.9 * u, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_arc (cr, cx, cy + 0.5 * u, 3.2 * u, 0.2 * G_PI, 0.8 * G_PI);
      cairo_stroke (cr);
      break;
    case WM_LANE_PAINS:   /* a lightning bolt */
      cairo_move_to (cr, cx + 1.5 * u, cy - 7 * u);
      cairo_line_to (cr, cx - 4 * u, cy + 1 * u);
      cairo_line_to (cr, cx - 0.2 * u, cy + 1 * u);
      cairo_line_to (cr, cx - 1.5 * u, cy + 7 * u);
      cairo_line_to (cr, cx + 4 * u, cy - 1 * u);
      cairo_line_to (cr, cx + 0.2 * u, cy - 1 * u);
      cairo_close_path (cr);
      cairo_fill (cr);
      break;
    case WM_LANE_NEEDS:   /* a flag */
      cairo_move_to (cr, cx - 4.5 * u, cy + 7 * u);
      cairo_line_to (cr, cx - 4.5 * u, cy - 6.5 * u);
      cairo_stroke (cr);
      cairo_move_to (cr, cx - 4.5 * u, cy - 6.5 * u);
      cairo_line_to (cr, cx + 5.5 * u, cy - 4 * u);
      cairo_line_to (cr, cx - 4.5 * u, cy - 0.5 * u);
      cairo_close_path (cr);
      cairo_fill (cr);
      break;
    case WM_LANE_OPPORTUNITIES:   /* a light bulb */
      cairo_arc (cr, cx, cy - 1.8 * u, 4.6 * u, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_rectangle (cr, cx - 2.3 * u, cy + 2.2 * u, 4.6 * u, 2.2 * u);
      cairo_fill (cr);
      cairo_move_to (cr, cx - 1.8 * u, cy + 6.2 * u);
      cairo_line_to (cr, cx + 1.8 * u, cy + 6.2 * u);
      cairo_stroke (cr);
      break;
    case WM_LANE_NOTES:   /* a page with lines */
    default:
      cairo_rectangle (cr, cx - 4.5 * u, cy - 6 * u, 9 * u, 12 * u);
      cairo_stroke (cr);
      for (int i = 0; i < 3; i++)
        {
          cairo_move_to (cr, cx - 2.3 * u, cy - 2.5 * u + i * 2.6 * u);
          cairo_line_to (cr, cx + 2.3 * u, cy - 2.5 * u + i * 2.6 * u);
        }
      cairo_stroke (cr);
      break;
    }
  cairo_restore (cr);
}

static void
draw_face (cairo_t      *cr,
           double        cx,
           double        cy,
           double        r,
           gboolean      happy,
           const WmRgba *color)
{
  set_color (cr, color);
  cairo_set_line_width (cr, 1.0);
  cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
  cairo_stroke (cr);
  cairo_arc (cr, cx - r * 0.38, cy - r * 0.3, r * 0.14, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_arc (cr, cx + r * 0.38, cy - r * 0.3, r * 0.14, 0, 2 * G_PI);
  cairo_fill (cr);
  if (happy)
    cairo_arc (cr, cx, cy + r * 0.05, r * 0.55, 0.2 * G_PI, 0.8 * G_PI);
  else
    cairo_arc (cr, cx, cy + r * 0.85, r * 0.55, 1.2 * G_PI, 1.8 * G_PI);
  cairo_stroke (cr);
}

/* A person: head and shoulders, for owners. */
static void
draw_person_icon (cairo_t      *cr,
                  double        x,
                  double        y,
                  double        s,
                  const WmRgba *color)
{
  set_color (cr, color);
  cairo_arc (cr, x + s / 2, y + s * 0.3, s * 0.22, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_arc (cr, x + s / 2, y + s * 0.95, s * 0.4, G_PI, 2 * G_PI);
  cairo_fill (cr);
}

/* A speech bubble, for channels. */
static void
draw_channel_icon (cairo_t      *cr,
                   double        x,
                   double        y,
                   double        s,
                   const WmRgba *color)
{
  set_color (cr, color);
  cairo_set_line_width (cr, 1.0);
  rounded_rect (cr, x + 0.5, y + 0.5, s - 1, s * 0.7, s * 0.2);
  cairo_stroke (cr);
  cairo_move_to (cr, x + s * 0.25, y + s * 0.7);
  cairo_line_to (cr, x + s * 0.2, y + s);
  cairo_line_to (cr, x + s * 0.5, y + s * 0.7);
  cairo_fill (cr);
}

void
_wm_render_draw_marker (Ctx          *ctx,
                        WmMomentKind  kind,
                        double        cx,
                        double        cy,
                        double        r)
{
  cairo_t *cr = ctx->cr;
  const WmRgba *fill = kind == WM_MOMENT_AHA ? &ctx->st->aha : &ctx->st->micro;
  WmRgba edge = ctx->st->theme == WM_THEME_HIGH_CONTRAST ? ctx->st->foreground
                                                         : mix (fill, &ctx->st->foreground, 0.45);

  if (kind == WM_MOMENT_AHA)
    star_path (cr, cx, cy, r);
  else
    diamond_path (cr, cx, cy, r * 0.85);
  set_color (cr, fill);
  cairo_fill_preserve (cr);
  set_color (cr, &edge);
  cairo_set_line_width (cr, ctx->st->theme == WM_THEME_HIGH_CONTRAST ? 1.5 : 1.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);

  if (kind == WM_MOMENT_MICRO && r * ctx->scale > 4.0)
    {
      /* A small lightning inside the diamond. */
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_move_to (cr, cx + r * 0.12, cy - r * 0.55);
      cairo_line_to (cr, cx - r * 0.3, cy + r * 0.08);
      cairo_line_to (cr, cx, cy + r * 0.08);
      cairo_line_to (cr, cx - r * 0.12, cy + r * 0.55);
      cairo_line_to (cr, cx + r * 0.3, cy - r * 0.08);
      cairo_line_to (cr, cx, cy - r * 0.08);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
}

static void
severity_color (const WmStyle *st,
                guint          severity,
                WmRgba        *out)
{
  *out = mix (&st->heat_low, &st->heat_high, (CLAMP (severity, 1u, 5u) - 1) / 4.0);
}

static void
draw_dots (Ctx    *ctx,
           guint   severity,
           double  x,
           double  cy)
{
  cairo_t *cr = ctx->cr;
  WmRgba heat, empty;

  /* One path per kind of dot, opaque colors: every operator and every
   * transparency group counts when a map has thousands of pains. */
  severity_color (ctx->st, severity, &heat);
  empty = mix (&ctx->st->card_background, &ctx->st->muted, 0.6);

  for (guint i = 0; i < WM_SEVERITY_MAX; i++)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, x + 3.5 + i * 8.5, cy, i < severity ? 3.0 : 2.55, 0, 2 * G_PI);
      if (i + 1 == severity || i + 1 == WM_SEVERITY_MAX)
        {
          set_color (cr, i < severity ? &heat : &empty);
          if (i < severity)
            cairo_fill (cr);
          else
            {
              cairo_set_line_width (cr, 0.9);
              cairo_stroke (cr);
            }
        }
    }
}

/* A touchpoint kind's tag: pre an outline, first a tint, core solid,
 * missed dashed. Returns its width. */
static double
draw_tag (Ctx          *ctx,
          WmTouchpoint  tp,
          const char   *text,
          double        x,
          double        y,
          double        w)
{
  cairo_t *cr = ctx->cr;
  const WmStyle *st = ctx->st;
  const WmRgba *c = &st->touchpoint_color[CLAMP ((int) tp, 0, 4)];
  double h = wm_layout_meta_height (ctx->layout);
  WmRgba fill, ink;
  gboolean greek = ctx->greek[WM_FONT_SMALL_BOLD];

  if (text != NULL)
    w = wm_layout_seg_width (ctx->layout, WM_FONT_SMALL_BOLD, text, -1) + 2 * WM_BADGE_PAD;

  rounded_rect (cr, x + 0.5, y + 0.5, w - 1, h - 1, h / 2);
  switch (tp)
    {
    case WM_TOUCHPOINT_CORE:
      set_color (cr, c);
      cairo_fill (cr);
      ink = st->background;
      if (st->theme == WM_THEME_DARK)
        ink = (WmRgba) { 0.1, 0.1, 0.1, 1 };
      break;
    case WM_TOUCHPOINT_FIRST:
      fill = mix (&st->card_background, c, 0.22);
      set_color (cr, &fill);
      cairo_fill_preserve (cr);
      set_color (cr, c);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
      ink = *c;
      break;
    case WM_TOUCHPOINT_MISSED:
      {
        double dash[] = { 2.5, 2.0 };
        cairo_set_dash (cr, dash, 2, 0);
        set_color (cr, c);
        cairo_set_line_width (cr, 1.1);
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);
        ink = *c;
      }
      break;
    case WM_TOUCHPOINT_PRE:
    case WM_TOUCHPOINT_NONE:
    default:
      set_color (cr, c);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
      ink = *c;
      break;
    }
  if (text != NULL && !greek)
    draw_label (ctx, WM_FONT_SMALL_BOLD, text, x + WM_BADGE_PAD, y + 2.0, &ink);
  return w;
}

static double
draw_pill (Ctx          *ctx,
           const char   *text,
           double        x,
           double        y,
           const WmRgba *color)
{
  cairo_t *cr = ctx->cr;
  double w = wm_layout_seg_width (ctx->layout, WM_FONT_SMALL_BOLD, text, -1) + 2 * WM_BADGE_PAD + 4.0;
  double h = wm_layout_meta_height (ctx->layout);
  WmRgba fill = mix (&ctx->st->card_background, color, 0.16);
  /* The border, 70 % of @color over the pill, mixed here: a translucent
   * stroke costs a PDF an extra graphics state per pill. */
  WmRgba border = mix (&fill, color, 0.7);

  rounded_rect (cr, x, y, w, h, h / 2);
  set_color (cr, &fill);
  cairo_fill_preserve (cr);
  set_color (cr, &border);
  cairo_set_line_width (cr, 0.8);
  cairo_stroke (cr);
  draw_label (ctx, WM_FONT_SMALL_BOLD, text, x + WM_BADGE_PAD + 2.0, y + 2.0,
              ctx->st->theme == WM_THEME_HIGH_CONTRAST ? &ctx->st->foreground : color);
  return w;
}

/* ---------------------------------------------------------------- header */

static void
draw_header (Ctx *ctx)
{
  WmLayout *l = ctx->layout;
  const WmStyle *st = ctx->st;
  cairo_t *cr = ctx->cr;

  _wm_render_draw_block (ctx, WM_FONT_TITLE, or_label (l, wm_document_get_title (l->document), WM_LABEL_UNTITLED), &l->title, l->grid_x, l->title_y,
                         l->title.width, 0, &st->foreground);
  _wm_render_draw_block (ctx, WM_FONT_SCENARIO, wm_document_get_scenario (l->document), &l->scenario, l->grid_x, l->scenario_y,
                         l->scenario.width, 0, &st->muted);

  for (guint i = 0; i < l->personas->len; i++)
    {
      WmPersonaGeom *pg = &g_array_index (l->personas, WmPersonaGeom, i);
      double lh = l->fonts[WM_FONT_HEADER].line_height;
      const char * const *goals;
      guint n_goals;

      if (!visible (ctx, pg->x, pg->y, pg->width, pg->height))
        continue;
      rounded_rect (cr, pg->x, pg->y, pg->width, pg->height, 8.0);
      set_color (cr, &st->header_background);
      cairo_fill_preserve (cr);
      set_color (cr, &st->grid);
      cairo_set_line_width (cr, st->border_width);
      cairo_stroke (cr);
      /* A bar of the persona's color on top, and a swatch by the name. */
      cairo_save (cr);
      rounded_rect (cr, pg->x, pg->y, pg->width, pg->height, 8.0);
      cairo_clip (cr);
      set_color (cr, &pg->color);
      cairo_rectangle (cr, pg->x, pg->y, pg->width, 4.0);
      cairo_fill (cr);
      cairo_restore (cr);

      cairo_arc (cr, pg->x + 12.0 + 7.0, pg->y + 12.0 + lh / 2, 7.0, 0, 2 * G_PI);
      set_color (cr, &pg->color);
      if (pg->hidden)
        {
          cairo_set_line_width (cr, 2.0);
          cairo_stroke (cr);
        }
      else
        cairo_fill (cr);

      _wm_render_draw_block (ctx, WM_FONT_HEADER, wm_persona_get_name (pg->persona), &pg->name,
                             pg->x + 34.0, pg->y + 12.0, pg->name.width, 0,
                             pg->hidden ? &st->muted : &st->foreground);
      _wm_render_draw_block (ctx, WM_FONT_SMALL, wm_persona_get_description (pg->persona), &pg->description,
                             pg->x + 12.0, pg->y + pg->description_y, pg->description.width, 0, &st->muted);
      goals = wm_persona_get_goals (pg->persona);
      n_goals = goals != NULL ? g_strv_length ((char **) goals) : 0;
      for (guint g = 0; g < MIN (pg->n_goals, n_goals); g++)
        {
          WmGoalGeom *gg = &g_array_index (l->goals, WmGoalGeom, pg->first_goal + g);
          double slh = l->fonts[WM_FONT_SMALL].line_height;

          /* Goals get a small target as their bullet. */
          set_color (cr, &pg->color);
          cairo_set_line_width (cr, 1.0);
          cairo_arc (cr, pg->x + 15.5, pg->y + gg->y + slh / 2, 3.0, 0, 2 * G_PI);
          cairo_stroke (cr);
          cairo_arc (cr, pg->x + 15.5, pg->y + gg->y + slh / 2, 1.1, 0, 2 * G_PI);
          cairo_fill (cr);
          _wm_render_draw_block (ctx, WM_FONT_SMALL, goals[g], &gg->block, pg->x + 24.0, pg->y + gg->y,
                                 gg->block.width, 0, &st->foreground);
        }
    }
}

/* ---------------------------------------------------------------- stages */

void
_wm_render_stage_header (Ctx *ctx,
                         int  s)
{
  WmLayout *l = ctx->layout;
  const WmStyle *st = ctx->st;
  cairo_t *cr = ctx->cr;
  WmStageGeom *sg = &g_array_index (l->stages, WmStageGeom, s);
  double x = l->cols_x + s * l->stage_width, y = l->grid_y;
  double w = l->stage_width, bh = l->stage_band_height, notch = 9.0;
  double lh = l->fonts[WM_FONT_HEADER].line_height;
  WmRgba band = s % 2 == 0 ? st->stage_band : mix (&st->stage_band, &st->foreground, 0.12);
  char num[16];

  if (st->theme == WM_THEME_DARK && s % 2 == 1)
    band = mix (&st->stage_band, &st->background, 0.25);

  /* A chevron: the journey reads left to right. */
  cairo_move_to (cr, x + 2.0, y);
  cairo_line_to (cr, x + w - notch + 2.0, y);
  cairo_line_to (cr, x + w + 2.0, y + bh / 2);
  cairo_line_to (cr, x + w - notch + 2.0, y + bh);
  cairo_line_to (cr, x + 2.0, y + bh);
  if (s > 0)
    cairo_line_to (cr, x + 2.0 + notch, y + bh / 2);
  cairo_close_path (cr);
  set_color (cr, &band);
  cairo_fill (cr);

  g_snprintf (num, sizeof num, "%d", s + 1);
  if (!ctx->greek[WM_FONT_SMALL_BOLD])
    {
      double cx = x + STAGE_NUMBER_X (s), cy = y + bh / 2;
      double nw = wm_layout_seg_width (l, WM_FONT_SMALL_BOLD, num, -1);
      double r = MAX (9.0, nw / 2 + 3.0);
      set_color (cr, &st->stage_band_text);
      cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
      cairo_fill (cr);
      draw_label (ctx, WM_FONT_SMALL_BOLD, num, cx - nw / 2,
                  cy - l->fonts[WM_FONT_SMALL_BOLD].line_height / 2, &band);
    }
  _wm_render_draw_block (ctx, WM_FONT_HEADER, wm_stage_get_title (sg->stage), &sg->title,
                         x + STAGE_NUMBER_X (s) + 16.0, y + (bh - sg->title.n * lh) / 2,
                         sg->title.width, 0, &st->stage_band_text);

  _wm_render_draw_block (ctx, WM_FONT_SMALL, wm_stage_get_goal (sg->stage), &sg->goal,
                         x + 10.0, y + bh + 10.0, w - 20.0, 0, &st->muted);

  for (guint m = 0; m < sg->n_metrics; m++)
    {
      WmMetricGeom *mg = &g_array_index (l->metrics, WmMetricGeom, sg->first_metric + m);
      double lo, hi, t;
      const WmRgba *c;

      wm_metric_kind_range (mg->kind, &lo, &hi);
      t = hi > lo ? (mg->value - lo) / (hi - lo) : 0.5;
      c = t >= 0.65 ? &st->good : t >= 0.4 ? &st->fair : &st->poor;
      draw_pill (ctx, mg->label, mg->x, mg->y, c);
    }
}

/* ----------------------------------------------------------------- cards */

typedef struct
{
  WmRgba   fill;
  WmRgba   border;
  WmRgba   accent;
  gboolean key;
  gboolean missed;
  gboolean tiny;    /* a block of color in the map's overview */
  gboolean plain;   /* the lane's usual look: drawn batched with its peers */
  gboolean conflict; /* left by `waymark merge` for the user to decide */
} CardLook;

static void
card_look (Ctx        *ctx,
           WmCardGeom *cg,
           WmLaneKind  kind,
           CardLook   *look)
{
  const WmStyle *st = ctx->st;
  const char *color = wm_card_get_color (cg->card);

  look->missed = wm_card_get_touchpoint (cg->card) == WM_TOUCHPOINT_MISSED;
  look->key = wm_card_get_key (cg->card);
  look->accent = st->lane_color[CLAMP ((int) kind, 0, 7)];
  if (color != NULL)
    wm_rgba_parse (&look->accent, color);
  look->fill = look->missed ? st->background
                            : mix (&st->card_background, &look->accent, color != NULL ? st->tint * 2.0 : st->tint);
  look->border = look->key ? st->key
               : look->missed ? st->touchpoint_color[WM_TOUCHPOINT_MISSED]
               : st->card_border;
  look->conflict = wm_merge_get_conflict (ctx->layout->document, cg->card) != NULL;
  if (look->conflict)
    look->border = st->pain;
  look->tiny = cg->width * ctx->scale < TINY_PX || cg->height * ctx->scale < TINY_PX;
  look->plain = color == NULL && !look->key && !look->missed && !look->conflict;
}

static void
card_body_path (Ctx        *ctx,
                WmCardGeom *cg)
{
  double px_h = cg->height * ctx->scale;

  rounded_rect (ctx->cr, cg->x, cg->y, cg->width, cg->height, px_h < 12 ? 0.0 : ctx->st->card_radius);
}

static void
card_bar_path (Ctx        *ctx,
               WmCardGeom *cg)
{
  /* Square ends: one "re" operator per card in a PDF. */
  cairo_rectangle (ctx->cr, cg->x + 3.5, cg->y + 5.0, 3.0, cg->height - 10.0);
}

/* A card that is not like its lane's others: drawn on its own. */
static void
draw_card_frame (Ctx            *ctx,
                 WmCardGeom     *cg,
                 const CardLook *look)
{
  const WmStyle *st = ctx->st;
  cairo_t *cr = ctx->cr;

  if (look->tiny)
    {
      WmRgba block = mix (&st->card_background, &look->accent, 0.45);
      set_color (cr, &block);
      cairo_rectangle (cr, cg->x, cg->y, cg->width, cg->height);
      cairo_fill (cr);
      return;
    }

  card_body_path (ctx, cg);
  set_color (cr, &look->fill);
  cairo_fill_preserve (cr);
  set_color (cr, &look->border);
  cairo_set_line_width (cr, look->conflict ? MAX (3.0, 2 * st->border_width)
                           : look->key ? MAX (1.6, st->border_width) : st->border_width);
  if (look->missed || look->conflict)
    {
      double dash[] = { 5.0, 3.0 };
      cairo_set_dash (cr, dash, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  else
    cairo_stroke (cr);

  set_color (cr, &look->accent);
  card_bar_path (ctx, cg);
  cairo_fill (cr);
}

/* The frames of a lane's cards [first, last). The plain ones share a fill,
 * a border and an accent color, so they go out as one path each: a
 * thousand cards cost three drawing commands, not three thousand, which is
 * what keeps a big map's PDF export and its memory near the bare minimum. */
static void
draw_card_frames (Ctx        *ctx,
                  WmLaneGeom *lg,
                  guint       first,
                  guint       last)
{
  WmLayout *l = ctx->layout;
  const WmStyle *st = ctx->st;
  cairo_t *cr = ctx->cr;
  CardLook look, plain = { 0 };
  guint n_plain = 0, n_tiny = 0;

  /* The odd ones first, each with a path of its own... */
  for (guint c = first; c < last; c++)
    {
      WmCardGeom *cg = &g_array_index (l->cards, WmCardGeom, lg->first_card + c);

      if (!visible (ctx, cg->x, cg->y, cg->width, cg->height))
        continue;
      card_look (ctx, cg, lg->kind, &look);
      if (!look.plain)
        draw_card_frame (ctx, cg, &look);
      else if (look.tiny)
        n_tiny++;
      else
        {
          plain = look;
          n_plain++;
        }
    }

  /* ...then the plain ones, all in one path. */
  for (guint c = first; c < last && n_plain > 0; c++)
    {
      WmCardGeom *cg = &g_array_index (l->cards, WmCardGeom, lg->first_card + c);

      if (!visible (ctx, cg->x, cg->y, cg->width, cg->height))
        continue;
      card_look (ctx, cg, lg->kind, &look);
      if (look.plain && !look.tiny)
        card_body_path (ctx, cg);
    }

  if (n_plain > 0)
    {
      set_color (cr, &plain.fill);
      cairo_fill_preserve (cr);
      set_color (cr, &plain.border);
      cairo_set_line_width (cr, st->border_width);
      cairo_stroke (cr);
    }

  for (guint c = first; c < last && (n_plain > 0 || n_tiny > 0); c++)
    {
      WmCardGeom *cg = &g_array_index (l->cards, WmCardGeom, lg->first_card + c);

      if (!visible (ctx, cg->x, cg->y, cg->width, cg->height))
        continue;
      card_look (ctx, cg, lg->kind, &look);
      if (look.plain && look.tiny)
        cairo_rectangle (cr, cg->x, cg->y, cg->width, cg->height);
      else if (look.plain)
        card_bar_path (ctx, cg);
    }
  if (n_plain > 0)
    {
      set_color (cr, &plain.accent);
      cairo_fill (cr);
    }
  else if (n_tiny > 0)
    {
      WmRgba block = mix (&st->card_background, &st->lane_color[CLAMP ((int) lg->kind, 0, 7)], 0.45);
      set_color (cr, &block);
      cairo_fill (cr);
    }
}

/* What the cards of a lane show inside their frames, drawn one part at a
 * time across all of them: the marks of one look go out as one path and
 * the text of one font and colour as one text object, where drawing card
 * by card cost a PDF a colour, a line width, a save/restore and a text
 * object per mark. No part of one card overlaps another card, and within
 * a card marks come before the text on them, so the picture is the same. */
typedef enum
{
  PART_TAG,        /* key: the touchpoint kind */
  PART_HEAT,       /* key: the severity */
  PART_EMPTY_DOTS,
  PART_PILL,
  PART_STAR,
  PART_ICONS,
  PART_TAG_TEXT,   /* key: the touchpoint kind */
  PART_PILL_TEXT,
  PART_BODY,       /* key: 1 for missed cards */
  PART_CHANNEL,
  PART_OWNER,
  N_PARTS
} Part;

/* The keys a part comes in, [first, last]. */
static void
part_keys (Part   part,
           guint *first,
           guint *last)
{
  *first = *last = 0;
  if (part == PART_TAG || part == PART_TAG_TEXT)
    {
      *first = WM_TOUCHPOINT_PRE;
      *last = WM_TOUCHPOINT_MISSED;
    }
  else if (part == PART_HEAT)
    {
      *first = 1;
      *last = WM_SEVERITY_MAX;
    }
  else if (part == PART_BODY)
    *last = 1;
}

/* Where the meta row of a card puts its tag, dots, pill and star. */
typedef struct
{
  WmTouchpoint tp;
  const char  *tag;
  double       y, h;
  double       tag_x, dots_x, pill_x, star_x, channel_x;
  double       tag_w, pill_w;
  guint        severity, frequency;
  char         pill[32];
} Meta;

static void
card_meta (Ctx        *ctx,
           WmCardGeom *cg,
           Meta       *m)
{
  WmLayout *l = ctx->layout;
  const WmStyle *st = ctx->st;
  double x = cg->x + st->card_padding + 2.0;
  double right = x + cg->width - 2 * st->card_padding - 2.0;

  m->tp = wm_card_get_touchpoint (cg->card);
  m->severity = wm_card_get_severity (cg->card);
  m->frequency = wm_card_get_frequency (cg->card);
  m->y = cg->y + cg->meta_y;
  m->h = wm_layout_meta_height (l);
  m->tag = NULL;
  x += cg->has_meta ? _wm_layout_pdca_width (l, cg->card) : 0.0;
  if (m->tp != WM_TOUCHPOINT_NONE)
    {
      m->tag = wm_layout_label (l, WM_LABEL_TAG_PRE + m->tp - WM_TOUCHPOINT_PRE);
      m->tag_x = x;
      m->tag_w = wm_layout_seg_width (l, WM_FONT_SMALL_BOLD, m->tag, -1) + 2 * WM_BADGE_PAD;
      x += m->tag_w + 6.0;
    }
  m->dots_x = x;
  if (m->severity > 0)
    x += WM_DOTS_WIDTH + 6.0;
  m->channel_x = x;
  if (m->frequency > 0)
    {
      g_snprintf (m->pill, sizeof m->pill, "×%u", m->frequency);
      m->pill_w = wm_layout_seg_width (l, WM_FONT_SMALL_BOLD, m->pill, -1) + 2 * WM_BADGE_PAD + 4.0;
      right -= m->pill_w;
      m->pill_x = right;
      right -= 4.0;
    }
  m->star_x = right - 14.0;
}

static void
tag_ink (const Ctx    *ctx,
         WmTouchpoint  tp,
         WmRgba       *ink)
{
  const WmStyle *st = ctx->st;

  *ink = st->touchpoint_color[CLAMP ((int) tp, 0, 4)];
  if (tp == WM_TOUCHPOINT_CORE)
    *ink = st->theme == WM_THEME_DARK ? (WmRgba) { 0.1, 0.1, 0.1, 1 } : st->background;
}

static const WmRgba *
pill_color (const Ctx  *ctx,
            WmLaneKind  kind)
{
  return kind == WM_LANE_PAINS ? &ctx->st->pain : &ctx->st->muted;
}

/* The marks of @part (@key) in the meta row, added to the path. */
static gboolean
meta_marks (Ctx        *ctx,
            WmCardGeom *cg,
            const Meta *m,
            Part        part,
            guint       key)
{
  cairo_t *cr = ctx->cr;
  double cy = m->y + m->h / 2;

  switch (part)
    {
    case PART_TAG:
      if (m->tp != key)
        return FALSE;
      rounded_rect (cr, m->tag_x + 0.5, m->y + 0.5, m->tag_w - 1, m->h - 1, m->h / 2);
      return TRUE;
    case PART_HEAT:
    case PART_EMPTY_DOTS:
      if (m->severity == 0 || (part == PART_HEAT && m->severity != key) ||
          (part == PART_EMPTY_DOTS && m->severity >= WM_SEVERITY_MAX))
        return FALSE;
      for (guint i = part == PART_HEAT ? 0 : m->severity;
           i < (part == PART_HEAT ? m->severity : WM_SEVERITY_MAX); i++)
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, m->dots_x + 3.5 + i * 8.5, cy, i < m->severity ? 3.0 : 2.55, 0, 2 * G_PI);
        }
      return TRUE;
    case PART_PILL:
      if (m->frequency == 0)
        return FALSE;
      rounded_rect (cr, m->pill_x, m->y, m->pill_w, m->h, m->h / 2);
      return TRUE;
    case PART_STAR:
      if (!wm_card_get_key (cg->card))
        return FALSE;
      star_path (cr, m->star_x + 7.0, cy, 6.5);
      return TRUE;
    default:
      return FALSE;
    }
}

/* Fills or strokes the path of @part (@key) across a lane's cards. */
static void
finish_marks (Ctx        *ctx,
              WmLaneKind  kind,
              Part        part,
              guint       key)
{
  const WmStyle *st = ctx->st;
  cairo_t *cr = ctx->cr;
  const WmRgba *c = &st->touchpoint_color[CLAMP ((int) key, 0, 4)];
  double dash[] = { 2.5, 2.0 };
  WmRgba fill, edge;

  switch (part)
    {
    case PART_TAG:
      if (key == WM_TOUCHPOINT_CORE)
        {
          set_color (cr, c);
          cairo_fill (cr);
          return;
        }
      if (key == WM_TOUCHPOINT_FIRST)
        {
          fill = mix (&st->card_background, c, 0.22);
          set_color (cr, &fill);
          cairo_fill_preserve (cr);
        }
      if (key == WM_TOUCHPOINT_MISSED)
        cairo_set_dash (cr, dash, 2, 0);
      set_color (cr, c);
      cairo_set_line_width (cr, key == WM_TOUCHPOINT_MISSED ? 1.1 : 1.0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      return;
    case PART_HEAT:
      severity_color (st, key, &fill);
      set_color (cr, &fill);
      cairo_fill (cr);
      return;
    case PART_EMPTY_DOTS:
      fill = mix (&st->card_background, &st->muted, 0.6);
      set_color (cr, &fill);
      cairo_set_line_width (cr, 0.9);
      cairo_stroke (cr);
      return;
    case PART_PILL:
      fill = mix (&st->card_background, pill_color (ctx, kind), 0.16);
      /* The border, 70 % of the colour over the pill, mixed here: a
       * translucent stroke costs a PDF an extra graphics state. */
      edge = mix (&fill, pill_color (ctx, kind), 0.7);
      set_color (cr, &fill);
      cairo_fill_preserve (cr);
      set_color (cr, &edge);
      cairo_set_line_width (cr, 0.8);
      cairo_stroke (cr);
      return;
    case PART_STAR:
      edge = mix (&st->key, &st->foreground, 0.4);
      set_color (cr, &st->key);
      cairo_fill_preserve (cr);
      set_color (cr, &edge);
      cairo_set_line_width (cr, 0.8);
      cairo_stroke (cr);
      return;
    default:
      return;
    }
}

/* The channel and owner icons, each whole. */
static void
card_icons (Ctx        *ctx,
            WmCardGeom *cg,
            const Meta *m)
{
  const WmStyle *st = ctx->st;
  double inner_x = cg->x + st->card_padding + 2.0;
  double slh = ctx->layout->fonts[WM_FONT_SMALL].line_height;

  if (cg->has_meta && cg->channel_inline && cg->channel.n > 0)
    draw_channel_icon (ctx->cr, m->channel_x, m->y + (m->h - 9.0) / 2, 9.0, &st->muted);
  if (!cg->channel_inline && cg->channel.n > 0)
    draw_channel_icon (ctx->cr, inner_x, cg->y + cg->channel_y + (slh - 9.0) / 2, 9.0, &st->muted);
  if (cg->owner.n > 0)
    draw_person_icon (ctx->cr, inner_x, cg->y + cg->owner_y + (slh - 10.0) / 2, 10.0,
                      &st->lane_color[WM_LANE_OPPORTUNITIES]);
}

/* The text of @part (@key) on one card. */
static void
card_text (Ctx        *ctx,
           WmCardGeom *cg,
           WmLaneKind  kind,
           const Meta *m,
           Part        part,
           guint       key)
{
  const WmStyle *st = ctx->st;
  WmCard *card = cg->card;
  double inner_x = cg->x + st->card_padding + 2.0;
  double inner_w = cg->width - 2 * st->card_padding - 2.0;
  double slh = ctx->layout->fonts[WM_FONT_SMALL].line_height;
  const WmRgba *oc = &st->lane_color[WM_LANE_OPPORTUNITIES];
  const char *text;
  WmRgba ink;

  switch (part)
    {
    case PART_TAG_TEXT:
      if (cg->has_meta && m->tp == key && !ctx->greek[WM_FONT_SMALL_BOLD])
        {
          tag_ink (ctx, m->tp, &ink);
          draw_label (ctx, WM_FONT_SMALL_BOLD, m->tag, m->tag_x + WM_BADGE_PAD, m->y + 2.0, &ink);
        }
      return;
    case PART_PILL_TEXT:
      if (cg->has_meta && m->frequency > 0)
        draw_label (ctx, WM_FONT_SMALL_BOLD, m->pill, m->pill_x + WM_BADGE_PAD + 2.0, m->y + 2.0,
                    st->theme == WM_THEME_HIGH_CONTRAST ? &st->foreground : pill_color (ctx, kind));
      return;
    case PART_BODY:
      text = wm_card_get_text (card);
      if (text == cg->text && (m->tp == WM_TOUCHPOINT_MISSED) == (key == 1))
        _wm_render_draw_block (ctx, WM_FONT_BODY, text, &cg->body, inner_x, cg->y + cg->body_y,
                               inner_w, 0, key == 1 ? &st->muted : &st->foreground);
      return;
    case PART_CHANNEL:
      if (cg->has_meta && cg->channel_inline && cg->channel.n > 0)
        _wm_render_draw_block (ctx, WM_FONT_SMALL, wm_card_get_channel (card), &cg->channel,
                               m->channel_x + 12.0, m->y + (m->h - slh) / 2, cg->channel.width, 0,
                               &st->muted);
      if (!cg->channel_inline && cg->channel.n > 0)
        _wm_render_draw_block (ctx, WM_FONT_SMALL, wm_card_get_channel (card), &cg->channel,
                               inner_x + 12.0, cg->y + cg->channel_y, cg->channel.width, 0, &st->muted);
      return;
    case PART_OWNER:
      if (cg->owner.n > 0)
        _wm_render_draw_block (ctx, WM_FONT_SMALL, wm_card_get_owner (card), &cg->owner,
                               inner_x + 12.0, cg->y + cg->owner_y, cg->owner.width, 0,
                               st->theme == WM_THEME_HIGH_CONTRAST ? &st->foreground : oc);
      return;
    default:
      return;
    }
}

static gboolean
card_has_content (Ctx        *ctx,
                  WmCardGeom *cg)
{
  return visible (ctx, cg->x, cg->y, cg->width, cg->height) &&
         cg->width * ctx->scale >= TINY_PX && cg->height * ctx->scale >= 8.0;
}

/* Everything inside the frames of a lane's cards [first, last): tags,
 * badges, icons, text. */
static void
draw_card_contents (Ctx        *ctx,
                    WmLaneGeom *lg,
                    guint       first,
                    guint       last)
{
  WmLayout *l = ctx->layout;
  g_autofree Meta *metas = g_new (Meta, MAX (last, first + 1) - first);

  for (guint c = first; c < last; c++)
    {
      WmCardGeom *cg = &g_array_index (l->cards, WmCardGeom, lg->first_card + c);

      if (card_has_content (ctx, cg))
        card_meta (ctx, cg, &metas[c - first]);
    }

  for (Part part = 0; part < N_PARTS; part++)
    {
      guint k0, k1;

      part_keys (part, &k0, &k1);
      for (guint key = k0; key <= k1; key++)
        {
          gboolean any = FALSE;

          for (guint c = first; c < last; c++)
            {
              WmCardGeom *cg = &g_array_index (l->cards, WmCardGeom, lg->first_card + c);
              const Meta *m = &metas[c - first];

              if (!card_has_content (ctx, cg))
                continue;
              if (part < PART_ICONS)
                any |= cg->has_meta && meta_marks (ctx, cg, m, part, key);
              else if (part == PART_ICONS)
                card_icons (ctx, cg, m);
              else
                card_text (ctx, cg, lg->kind, m, part, key);
            }
          if (any)
            finish_marks (ctx, lg->kind, part, key);
        }
    }

  for (guint c = first; c < last; c++)
    {
      WmCardGeom *cg = &g_array_index (l->cards, WmCardGeom, lg->first_card + c);

      if (card_has_content (ctx, cg))
        {
          _wm_render_evidence_mark (ctx, cg);
          _wm_render_pdca (ctx, cg);
          _wm_render_evidence_fade (ctx, cg);
        }
    }
}

/* ----------------------------------------------------------------- lanes */

void
_wm_render_lane_header (Ctx        *ctx,
                        guint       index,
                        WmLaneGeom *lg)
{
  WmLayout *l = ctx->layout;
  const WmStyle *st = ctx->st;
  cairo_t *cr = ctx->cr;
  double x = l->grid_x, w = st->lane_header_width;

  cairo_rectangle (cr, x, lg->y, w, lg->height);
  set_color (cr, &st->header_background);
  cairo_fill (cr);
  set_color (cr, &st->lane_color[CLAMP ((int) lg->kind, 0, 7)]);
  cairo_rectangle (cr, x, lg->y, 3.0, lg->height);
  cairo_fill (cr);

  draw_lane_icon (ctx, lg->kind, x + 12.0, lg->y + 14.0, 18.0);
  _wm_render_draw_block (ctx, WM_FONT_HEADER,
                         or_label (l, wm_lane_get_title (lg->lane), WM_LABEL_LANE_ACTIONS + CLAMP ((int) lg->kind, 0, 7)),
                         &lg->title, x + 12.0 + 18.0 + 8.0,
                         lg->y + 14.0 + MAX (0.0, (18.0 - lg->title.n * l->fonts[WM_FONT_HEADER].line_height) / 2),
                         lg->title.width, 0, &st->foreground);

  if (lg->kind == WM_LANE_EMOTION && !ctx->greek[WM_FONT_SMALL])
    {
      /* The scale: +3 ☺, 0, −3 ☹. */
      static const struct { double v; const char *label; } marks[] = {
        { 3, "+3" }, { 0, "0" }, { -3, "–3" },
      };
      double slh = l->fonts[WM_FONT_SMALL].line_height;
      for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
        {
          double y = wm_layout_plot_y (l, lg, marks[i].v);
          double lw = wm_layout_seg_width (l, WM_FONT_SMALL, marks[i].label, -1);
          draw_label (ctx, WM_FONT_SMALL, marks[i].label, l->cols_x - 6.0 - lw, y - slh / 2, &st->muted);
          if (marks[i].v != 0)
            draw_face (cr, l->cols_x - 6.0 - 14.0 - 6.0, y, 5.0, marks[i].v > 0, &st->muted);
        }
    }
  (void) index;
}

static void
draw_lanes (Ctx *ctx,
            int  s0,
            int  s1)
{
  WmLayout *l = ctx->layout;
  const WmStyle *st = ctx->st;
  cairo_t *cr = ctx->cr;
  double grid_right = l->cols_x + l->n_stages * l->stage_width;
  double x0 = MAX (l->cols_x, ctx->vx0), x1 = MIN (grid_right, ctx->vx1);
  int first = wm_layout_lane_at (l, MAX (ctx->vy0, l->grid_y + l->stage_header_height));
  int last = wm_layout_lane_at (l, MIN (ctx->vy1, l->grid_bottom - 0.001));

  if (l->lanes->len == 0)
    return;
  if (first < 0)
    first = ctx->vy0 < l->grid_y + l->stage_header_height ? 0 : (int) l->lanes->len;
  if (last < 0)
    last = ctx->vy1 >= l->grid_bottom ? (int) l->lanes->len - 1 : -1;

  /* Rows: bands, then the grid lines over them. */
  for (int i = first; i <= last; i++)
    {
      WmLaneGeom *lg = &g_array_index (l->lanes, WmLaneGeom, i);
      if (i % 2 == 1)
        {
          set_color (cr, &st->band);
          cairo_rectangle (cr, x0, lg->y, x1 - x0, lg->height);
          cairo_fill (cr);
        }
    }
  if (first <= last && s0 <= s1)
    {
      WmLaneGeom *lf = &g_array_index (l->lanes, WmLaneGeom, first);
      WmLaneGeom *ll = &g_array_index (l->lanes, WmLaneGeom, last);
      set_color (cr, &st->grid);
      cairo_set_line_width (cr, st->border_width);
      for (int s = s0; s <= s1 + 1; s++)
        {
          double x = l->cols_x + s * l->stage_width;
          cairo_move_to (cr, x, lf->y);
          cairo_line_to (cr, x, ll->y + ll->height);
        }
      for (int i = first; i <= last + 1 && i <= (int) l->lanes->len; i++)
        {
          double y = i < (int) l->lanes->len ? g_array_index (l->lanes, WmLaneGeom, i).y : l->grid_bottom;
          cairo_move_to (cr, MAX (l->grid_x, ctx->vx0), y);
          cairo_line_to (cr, x1, y);
        }
      cairo_stroke (cr);
    }

  for (int i = first; i <= last; i++)
    {
      WmLaneGeom *lg = &g_array_index (l->lanes, WmLaneGeom, i);
      guint *stage_first = l->stage_first + (gsize) i * (l->n_stages + 1);

      if (ctx->vx0 < l->cols_x)
        _wm_render_lane_header (ctx, i, lg);

      if (lg->kind == WM_LANE_EMOTION && x1 > x0)
        {
          _wm_render_draw_emotion_grid (ctx, lg, x0, x1);
          _wm_render_draw_curves (ctx, lg);
          _wm_render_draw_moments (ctx, lg);
        }

      if (s0 <= s1 && lg->n_cards > 0)
        {
          int from = MAX (0, s0 - (int) lg->max_span + 1);

          draw_card_frames (ctx, lg, stage_first[from], stage_first[s1 + 1]);
          draw_card_contents (ctx, lg, stage_first[from], stage_first[s1 + 1]);
        }
    }
}

/* ---------------------------------------------------------------- legend */

static void
draw_legend (Ctx *ctx)
{
  WmLayout *l = ctx->layout;
  const WmStyle *st = ctx->st;
  cairo_t *cr = ctx->cr;
  double slh = l->fonts[WM_FONT_SMALL].line_height;

  for (guint i = 0; i < l->legend->len; i++)
    {
      WmLegendItem *item = &g_array_index (l->legend, WmLegendItem, i);
      double x = item->x, cy = item->y + item->height / 2;
      double tx = x + item->symbol_width + (item->symbol_width > 0 ? 6.0 : 0.0);

      if (!visible (ctx, x, item->y, item->width, item->height))
        continue;
      switch (item->kind)
        {
        case WM_LEGEND_PERSONA:
          if (!_wm_render_persona_shown (ctx, item->arg))
            continue;
          set_color (cr, _wm_render_persona_color (ctx, item->arg));
          cairo_set_line_width (cr, st->curve_width);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          cairo_move_to (cr, x + 2, cy);
          cairo_line_to (cr, x + 22, cy);
          cairo_stroke (cr);
          cairo_arc (cr, x + 12, cy, 3.5, 0, 2 * G_PI);
          set_color (cr, &st->background);
          cairo_fill_preserve (cr);
          set_color (cr, _wm_render_persona_color (ctx, item->arg));
          cairo_set_line_width (cr, 1.8);
          cairo_stroke (cr);
          break;
        case WM_LEGEND_AHA:
          _wm_render_draw_marker (ctx, WM_MOMENT_AHA, x + 7, cy, 7.0);
          break;
        case WM_LEGEND_MICRO:
          _wm_render_draw_marker (ctx, WM_MOMENT_MICRO, x + 7, cy, 7.0);
          break;
        case WM_LEGEND_TOUCHPOINT:
          draw_tag (ctx, (WmTouchpoint) item->arg, NULL, x,
                    cy - wm_layout_meta_height (l) / 2, item->symbol_width);
          break;
        case WM_LEGEND_KEY:
          star_path (cr, x + 7, cy, 6.5);
          set_color (cr, &st->key);
          cairo_fill (cr);
          break;
        case WM_LEGEND_SEVERITY:
          draw_dots (ctx, 3, x, cy);
          break;
        case WM_LEGEND_FREQUENCY:
          draw_pill (ctx, "×n", x, cy - wm_layout_meta_height (l) / 2, &st->muted);
          break;
        case WM_LEGEND_EVIDENCE:
          _wm_render_evidence_symbol (ctx, item->arg, x + 5.0, cy);
          break;
        case WM_LEGEND_HEADING:
        default:
          break;
        }
      _wm_render_draw_block (ctx, item->kind == WM_LEGEND_HEADING ? WM_FONT_SMALL_BOLD : WM_FONT_SMALL,
                             item->kind == WM_LEGEND_PERSONA
                               ? wm_persona_get_name (g_array_index (l->personas, WmPersonaGeom, item->arg).persona)
                               : item->text,
                             &item->block, tx, cy - slh / 2, item->block.width, 0,
                             item->kind == WM_LEGEND_HEADING ? &st->foreground : &st->muted);
    }
}

/* ------------------------------------------------------------------ entry */

void
_wm_render_ctx_init (Ctx                   *ctx,
                     WmLayout              *layout,
                     cairo_t               *cr,
                     const WmRenderOptions *options)
{
  wm_layout_update (layout);

  ctx->layout = layout;
  ctx->st = layout->style;
  ctx->cr = cr;
  ctx->scale = options->scale > 0.0 ? options->scale : 1.0;
  ctx->persona = options->persona;
  ctx->flags = options->flags;
  ctx->sink = _wm_render_get_text_sink (cr);
  for (guint i = 0; i < WM_N_FONTS; i++)
    ctx->greek[i] = layout->fonts[i].size * ctx->scale < GREEK_PX;
}

void
wm_render (WmLayout              *layout,
           cairo_t               *cr,
           const WmRenderOptions *options)
{
  WmRenderOptions defaults = WM_RENDER_OPTIONS_INIT;
  Ctx ctx = { 0 };
  double cx0, cy0, cx1, cy1;
  int s0, s1;

  g_return_if_fail (WM_IS_LAYOUT (layout));
  g_return_if_fail (cr != NULL);

  if (options == NULL)
    options = &defaults;
  _wm_render_ctx_init (&ctx, layout, cr, options);

  cairo_save (cr);
  if (options->clip.width > 0.0 && options->clip.height > 0.0)
    {
      cairo_rectangle (cr, options->clip.x, options->clip.y, options->clip.width, options->clip.height);
      cairo_clip (cr);
    }
  cairo_clip_extents (cr, &cx0, &cy0, &cx1, &cy1);
  ctx.vx0 = MAX (cx0, 0.0);
  ctx.vy0 = MAX (cy0, 0.0);
  ctx.vx1 = MIN (cx1, layout->width);
  ctx.vy1 = MIN (cy1, layout->height);
  if (ctx.vx1 <= ctx.vx0 || ctx.vy1 <= ctx.vy0)
    {
      cairo_restore (cr);
      return;
    }

  if (!(options->flags & WM_RENDER_NO_BACKGROUND))
    {
      set_color (cr, &ctx.st->background);
      cairo_rectangle (cr, ctx.vx0, ctx.vy0, ctx.vx1 - ctx.vx0, ctx.vy1 - ctx.vy0);
      cairo_fill (cr);
    }

  if (ctx.vy0 < layout->grid_y)
    draw_header (&ctx);

  /* A chevron's tip reaches into the next column. */
  wm_layout_visible_stages (layout, ctx.vx0 - 4.0, ctx.vx1, &s0, &s1);
  if (ctx.vy0 < layout->grid_y + layout->stage_header_height && ctx.vy1 >= layout->grid_y)
    for (int s = s0; s <= s1; s++)
      _wm_render_stage_header (&ctx, s);
  wm_layout_visible_stages (layout, ctx.vx0, ctx.vx1, &s0, &s1);

  draw_lanes (&ctx, s0, s1);
  if (options->compare != NULL)
    _wm_render_compare (&ctx, options->compare);

  if (ctx.vy1 > layout->grid_bottom)
    draw_legend (&ctx);

  cairo_restore (cr);
}
