/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The geometry WmLayout computes, shared with wm-render.c only. Units are
 * layout points; every y is absolute unless said otherwise. No string of
 * the model is kept here (only line offsets into it): the renderer reads
 * each afresh, so an edit can never leave a dangling pointer. Text is broken
 * into lines by the layout (see measure_text() in wm-layout.c) and drawn
 * line by line by the renderer, so what is measured is what is drawn, on
 * every surface. */

#include "wm-layout.h"
#include "wm-map-text.h"

G_BEGIN_DECLS

typedef enum
{
  WM_FONT_BODY,        /* card text */
  WM_FONT_SMALL,       /* channel, owner, goals, callouts, legend */
  WM_FONT_SMALL_BOLD,  /* tags, badges */
  WM_FONT_HEADER,      /* stage and lane titles, persona names (bold) */
  WM_FONT_SCENARIO,
  WM_FONT_TITLE,
  WM_N_FONTS
} WmFontId;

typedef struct
{
  PangoFontDescription *desc;
  double                size;
  double                line_height;
  double                baseline;   /* from the top of a line */
  GHashTable           *widths;     /* WmSegment* → width, see seg_width() */
} WmFont;

typedef struct
{
  guint start;    /* bytes into the text */
  guint length;   /* bytes, trailing white space excluded */
  float width;
} WmTextLine;

typedef struct
{
  guint first;    /* into WmLayout.lines */
  guint n;
  float width;    /* of the widest line */
} WmTextBlock;

typedef struct
{
  WmCard      *card;      /* a reference */
  const char  *text;      /* the text measured; drawn only while it is the card's */
  guint        lane;
  guint        stage;
  guint        span;      /* clamped to the stages there are */
  double       x, y, width, height;
  WmTextBlock  body;
  WmTextBlock  channel;   /* in the meta row when channel_inline, else a footer */
  WmTextBlock  owner;
  float        meta_y;    /* offsets from y */
  float        body_y;
  float        channel_y;
  float        owner_y;
  guint        has_meta : 1;
  guint        channel_inline : 1;
} WmCardGeom;

typedef struct
{
  WmLane      *lane;      /* a reference */
  WmLaneKind   kind;
  double       y, height;
  WmTextBlock  title;
  guint        first_card;  /* into WmLayout.cards, sorted by stage */
  guint        n_cards;
  guint        max_span;
  double       plot_height; /* emotion lanes: the curve's area, from y */
  double       callout_y;   /* emotion lanes: offset of the callouts' band */
} WmLaneGeom;

typedef struct
{
  WmMetric     *metric;
  WmMetricKind  kind;
  double        value;
  char          label[40];
  double        x, y, width, height;
} WmMetricGeom;

typedef struct
{
  WmStage     *stage;     /* a reference */
  WmTextBlock  title;
  WmTextBlock  goal;
  guint        first_metric;
  guint        n_metrics;
} WmStageGeom;

typedef struct
{
  WmPersona   *persona;   /* a reference */
  WmRgba       color;
  gboolean     hidden;
  double       x, y, width, height;
  WmTextBlock  name;
  WmTextBlock  description;
  double       description_y;  /* offset from y */
  guint        first_goal;     /* into WmLayout.goals */
  guint        n_goals;
} WmPersonaGeom;

typedef struct
{
  WmTextBlock  block;
  double       y;         /* offset from the persona's y */
} WmGoalGeom;

typedef struct
{
  double        x;
  double        value;
  double        tangent;  /* d value / d x */
  WmCurvePoint *point;
  guint         stage;
} WmKnot;

typedef struct
{
  WmCurve *curve;         /* a reference */
  int      persona;       /* into WmLayout.personas, or -1 */
  guint    first_knot;
  guint    n_knots;
} WmCurveGeom;

typedef struct
{
  WmMoment     *moment;   /* a reference */
  WmMomentKind  kind;
  int           persona;
  guint         stage;
  double        x;
  double        value;    /* where it sits on its persona's curve */
  double        callout_x;
  double        callout_dy; /* from the lane's callout band */
  double        callout_width;
  double        callout_height;
  WmTextBlock   text;
  gboolean      hidden;
} WmMomentGeom;

typedef enum
{
  WM_LEGEND_HEADING,
  WM_LEGEND_PERSONA,
  WM_LEGEND_AHA,
  WM_LEGEND_MICRO,
  WM_LEGEND_TOUCHPOINT,
  WM_LEGEND_KEY,
  WM_LEGEND_SEVERITY,
  WM_LEGEND_FREQUENCY,
  WM_LEGEND_EVIDENCE,     /* arg: a WmEvidenceBasis */
} WmLegendKind;

typedef struct
{
  WmLegendKind kind;
  int          arg;       /* persona index, touchpoint */
  const char  *text;      /* static; NULL for a persona (read its name) */
  WmTextBlock  block;
  double       x, y;      /* of the symbol's box */
  double       symbol_width;
  double       width, height;
} WmLegendItem;

struct _WmLayout
{
  GObject        parent_instance;

  WmDocument    *document;
  WmTheme        theme;
  const WmStyle *style;
  gboolean       dirty;
  WmMapLang      map_lang;       /* of the labels drawn */
  char          *lang;

  PangoContext  *context;
  PangoLayout   *measure;        /* the one layout text is measured with */
  WmFontId       measure_font;
  PangoLayout   *draw;           /* lines are shaped with it, see wm_layout_shaped_line() */
  WmFontId       draw_font;
  GHashTable    *shaped;         /* WmShapedKey* → PangoLayout*: lines shaped once, drawn often */
  gboolean       draw_once;      /* see wm_layout_set_draw_once() */
  WmFont         fonts[WM_N_FONTS];

  GArray        *lines;          /* WmTextLine */
  GHashTable    *measures;       /* WmCard* → WmCardMeasure*, see measure_card_cached() */
  guint          generation;     /* of the last relayout: measures not seen in it go */
  GHashTable    *card_index;     /* WmCard* → index + 1 in cards, built on demand */
  guint          card_index_generation;

  double         width, height;

  /* The header. */
  WmTextBlock    title;
  WmTextBlock    scenario;
  double         title_y;
  double         scenario_y;
  double         header_bottom;
  GArray        *personas;       /* WmPersonaGeom */
  GArray        *goals;          /* WmGoalGeom */

  /* The grid: a stage header row, then the lanes. */
  double         grid_x;         /* left of the lane header column */
  double         grid_y;         /* top of the stage header row */
  double         cols_x;         /* left of the first stage column */
  double         stage_width;
  double         stage_header_height;
  double         stage_band_height;
  double         grid_bottom;
  guint          n_stages;
  GArray        *stages;         /* WmStageGeom */
  GArray        *metrics;        /* WmMetricGeom */
  GArray        *lanes;          /* WmLaneGeom */
  GArray        *cards;          /* WmCardGeom */
  guint         *stage_first;    /* per lane, n_stages + 1: cards by stage */
  GArray        *curves;         /* WmCurveGeom */
  GArray        *knots;          /* WmKnot */
  GArray        *moments;        /* WmMomentGeom, by x */
  double         callouts_height;

  /* The legend. */
  double         legend_y;
  GArray        *legend;         /* WmLegendItem */
};

/* Shared with the renderer. */
const char *wm_layout_label          (WmLayout     *self,
                                      int           label);
double      wm_layout_seg_width      (WmLayout     *self,
                                      WmFontId      font,
                                      const char   *text,
                                      gssize        length);
void        wm_layout_measure_card   (WmLayout     *self,
                                      WmCardGeom   *geom);
PangoLayoutLine *
            wm_layout_shaped_line    (WmLayout     *self,
                                      WmFontId      font,
                                      const char   *text,
                                      gsize         length);
double      wm_layout_curve_value_at (WmLayout     *self,
                                      int           persona,
                                      double        x);
double      wm_layout_plot_y         (WmLayout     *self,
                                      WmLaneGeom   *lane,
                                      double        value);
const WmCurveGeom *
            wm_layout_find_curve     (WmLayout     *self,
                                      int           persona);
double      wm_layout_meta_height    (WmLayout     *self);
void        wm_layout_visible_stages (WmLayout     *self,
                                      double        x0,
                                      double        x1,
                                      int          *first,
                                      int          *last);
int         wm_layout_lane_at        (WmLayout     *self,
                                      double        y);


/* Shared by the layout's files (wm-layout.c, -text.c, -curves.c, -hit.c). */
#define PLOT_PAD         22.0
#define CALLOUT_MAX_W    200.0
#define CALLOUT_PAD      6.0
#define CALLOUT_ICON     14.0
#define CALLOUT_GAP      6.0
#define MAX_STACK_SEARCH 64

void   _wm_layout_clear_fonts   (WmLayout          *self);
GHashTable *_wm_layout_shaped_new (void);
void   _wm_layout_sync_context  (WmLayout          *self);
/* pango_get_log_attrs() of @text (@length bytes), faster for plain
 * ASCII text; the fields the line breaker reads are the same. */
void   _wm_layout_log_attrs     (const char        *text,
                                 int                length,
                                 PangoLanguage     *language,
                                 PangoLogAttr      *attrs,
                                 int                n_attrs);
void   _wm_layout_measure_text  (WmLayout          *self,
                                 WmFontId           font,
                                 const char        *text,
                                 double             width,
                                 WmTextBlock       *block);
double _wm_layout_block_height  (WmLayout          *self,
                                 WmFontId           font,
                                 const WmTextBlock *block);
int    _wm_layout_lookup_index  (GHashTable        *table,
                                 const char        *id);
void   _wm_layout_curves        (WmLayout          *self,
                                 GHashTable        *stage_index,
                                 GHashTable        *persona_index);
/* Fritsch–Carlson tangents of @n knots sorted by x (the other version's
 * ghost curve is drawn as the curve is). */
void   _wm_layout_monotone_tangents (WmKnot        *k,
                                     guint          n);
void   _wm_layout_moments       (WmLayout          *self,
                                 GHashTable        *stage_index,
                                 GHashTable        *persona_index);

#define WM_HIT_RADIUS 8.0
#define WM_STRIPE_WIDTH 3.0
#define WM_BADGE_PAD 4.0
#define WM_DOTS_WIDTH 42.0
#define WM_PDCA_GAP 6.0

/* wm-layout-pdca.c: @card's PDCA status label in the map's language (or
 * NULL) and its due date (or NULL); the width both take in the meta row,
 * gaps included, 0 for neither. */
const char *_wm_layout_pdca       (WmLayout    *self,
                                   WmCard      *card,
                                   const char **due);
double      _wm_layout_pdca_width (WmLayout    *self,
                                   WmCard      *card);

G_END_DECLS
