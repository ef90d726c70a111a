/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The file format (data/waymark-format.md) described once: its elements,
 * their attributes with each one's type, range and default, and the order
 * of their children. The reader parses by it, the writer writes and
 * checks by it, and test-format holds it equal to data/waymark.rng, which
 * the validator checks files against. */

/* The tokens, indexed by enum value and NULL-terminated
 * (wm_format_touchpoints[WM_TOUCHPOINT_NONE] is ""). */
extern const char * const wm_format_lane_kinds[];
extern const char * const wm_format_touchpoints[];
extern const char * const wm_format_moment_kinds[];
extern const char * const wm_format_metric_kinds[];

typedef enum
{
  WM_VALUE_TEXT,     /* any text the rules allow (wm-rules.h) */
  WM_VALUE_ID,       /* an NCName, unique in the map */
  WM_VALUE_STAGE,    /* the id of a stage defined earlier */
  WM_VALUE_PERSONA,  /* the id of a persona defined earlier */
  WM_VALUE_COUNT,    /* a whole number in [min, max] */
  WM_VALUE_NUMBER,   /* a decimal in [min, max]; min > max: the element's own range */
  WM_VALUE_BOOLEAN,  /* true or false */
  WM_VALUE_COLOR,    /* #rrggbb */
  WM_VALUE_TOKEN,    /* one of tokens[first_token…] */
} WmValueType;

typedef struct
{
  const char         *name;
  WmValueType         type;
  gboolean            required;
  double              min;
  double              max;
  /* What an absent attribute means; the writer leaves out a value equal
   * to it (COUNT, NUMBER, BOOLEAN, TOKEN). */
  double              fallback;
  const char * const *tokens;
  guint               first_token;
  const char         *noun;     /* a token's kind in messages, marked for translation */
} WmFormatAttr;

typedef struct
{
  const char *name;
  gboolean    repeats;
  const char *key;   /* the attribute naming each of a repeated child */
} WmFormatChild;

typedef struct
{
  const char          *name;
  const WmFormatAttr  *attrs;     /* NULL-name-terminated */
  const WmFormatChild *children;  /* in their order; NULL: only text */
  gboolean             empty;     /* holds nothing at all */
} WmFormatElement;

/* Attribute indices, in the order of each element's attrs. */
enum { WM_MAP_FORMAT, WM_MAP_N_ATTRS };
enum { WM_PERSONA_ID, WM_PERSONA_COLOR, WM_PERSONA_HIDDEN, WM_PERSONA_N_ATTRS };
enum { WM_STAGE_ID, WM_STAGE_N_ATTRS };
enum { WM_METRIC_KIND, WM_METRIC_VALUE, WM_METRIC_N_ATTRS };
enum { WM_LANE_ID, WM_LANE_KIND, WM_LANE_N_ATTRS };
enum {
  WM_CARD_ID, WM_CARD_STAGE, WM_CARD_TOUCHPOINT, WM_CARD_KEY, WM_CARD_CHANNEL,
  WM_CARD_SEVERITY, WM_CARD_FREQUENCY, WM_CARD_OWNER, WM_CARD_SPAN, WM_CARD_COLOR,
  WM_CARD_N_ATTRS
};
enum { WM_CURVE_PERSONA, WM_CURVE_N_ATTRS };
enum { WM_POINT_STAGE, WM_POINT_VALUE, WM_POINT_AT, WM_POINT_N_ATTRS };
enum { WM_MOMENT_ID, WM_MOMENT_KIND, WM_MOMENT_PERSONA, WM_MOMENT_STAGE, WM_MOMENT_AT, WM_MOMENT_N_ATTRS };

#define WM_FORMAT_MAX_ATTRS WM_CARD_N_ATTRS

extern const WmFormatElement wm_format_map;
extern const WmFormatElement wm_format_persona;
extern const WmFormatElement wm_format_stage;
extern const WmFormatElement wm_format_metric;
extern const WmFormatElement wm_format_lane;
extern const WmFormatElement wm_format_card;
extern const WmFormatElement wm_format_curve;
extern const WmFormatElement wm_format_point;
extern const WmFormatElement wm_format_moment;
extern const WmFormatElement wm_format_text;

/* Every element above, NULL-terminated; wm_format_text stands for each
 * element that holds only text (<title>, <name>, <goal>…). */
extern const WmFormatElement * const wm_format_elements[];

const WmFormatElement *wm_format_find_child (const WmFormatElement *parent,
                                             const char            *name);

G_END_DECLS
