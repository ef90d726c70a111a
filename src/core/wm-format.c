/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wm-format.h"
#include "wm-types.h"

/* The tokens of the file format, indexed by the enum values. */
const char * const wm_format_lane_kinds[] = {
  "actions", "touchpoints", "thoughts", "emotion",
  "pains", "needs", "opportunities", "notes", NULL
};
const char * const wm_format_touchpoints[] = {
  "", "pre", "first", "core", "missed", NULL
};
const char * const wm_format_moment_kinds[] = { "aha", "micro", NULL };
const char * const wm_format_metric_kinds[] = { "nps", "ces", "csat", NULL };

#define UNBOUNDED ((double) G_MAXUINT)

#define TEXT(n)           { n, WM_VALUE_TEXT, FALSE, 0, 0, 0, NULL, 0, NULL }
#define ID(n)             { n, WM_VALUE_ID, TRUE, 0, 0, 0, NULL, 0, NULL }
#define REF(n, t)         { n, t, TRUE, 0, 0, 0, NULL, 0, NULL }
#define COUNT(n, r, lo, hi, d) { n, WM_VALUE_COUNT, r, lo, hi, d, NULL, 0, NULL }
#define NUMBER(n, r, lo, hi, d) { n, WM_VALUE_NUMBER, r, lo, hi, d, NULL, 0, NULL }
#define BOOLEAN(n)        { n, WM_VALUE_BOOLEAN, FALSE, 0, 1, 0, NULL, 0, NULL }
#define COLOR(n)          { n, WM_VALUE_COLOR, FALSE, 0, 0, 0, NULL, 0, NULL }
#define TOKEN(n, r, t, first, noun) { n, WM_VALUE_TOKEN, r, 0, 0, 0, t, first, noun }
#define END               { NULL, 0, FALSE, 0, 0, 0, NULL, 0, NULL }

/* Text elements: no attributes, no children. */
static const WmFormatAttr no_attrs[] = { END };

const WmFormatElement wm_format_text = { "text", no_attrs, NULL, FALSE };

static const WmFormatAttr map_attrs[] = {
  COUNT ("format", TRUE, 1, WM_FORMAT_VERSION, WM_FORMAT_VERSION),
  END
};
static const WmFormatChild map_children[] = {
  { "title", FALSE, NULL }, { "scenario", FALSE, NULL }, { "persona", TRUE, "id" },
  { "stage", TRUE, "id" }, { "lane", TRUE, "id" }, { "curve", TRUE, "persona" },
  { "moment", TRUE, "id" }, { NULL, FALSE, NULL },
};
const WmFormatElement wm_format_map = { "map", map_attrs, map_children, FALSE };

static const WmFormatAttr persona_attrs[] = {
  ID ("id"), COLOR ("color"), BOOLEAN ("hidden"), END
};
static const WmFormatChild persona_children[] = {
  { "name", FALSE, NULL }, { "description", FALSE, NULL }, { "goal", TRUE, NULL },
  { NULL, FALSE, NULL },
};
const WmFormatElement wm_format_persona = { "persona", persona_attrs, persona_children, FALSE };

static const WmFormatAttr stage_attrs[] = { ID ("id"), END };
static const WmFormatChild stage_children[] = {
  { "title", FALSE, NULL }, { "goal", FALSE, NULL }, { "metric", TRUE, NULL },
  { NULL, FALSE, NULL },
};
const WmFormatElement wm_format_stage = { "stage", stage_attrs, stage_children, FALSE };

/* A metric's range depends on its kind (wm_metric_kind_range()). */
static const WmFormatAttr metric_attrs[] = {
  TOKEN ("kind", TRUE, wm_format_metric_kinds, 0, N_("metric kind")),
  NUMBER ("value", TRUE, 1, 0, 0),
  END
};
const WmFormatElement wm_format_metric = { "metric", metric_attrs, NULL, TRUE };

static const WmFormatAttr lane_attrs[] = {
  ID ("id"), TOKEN ("kind", TRUE, wm_format_lane_kinds, 0, N_("lane kind")), END
};
static const WmFormatChild lane_children[] = {
  { "title", FALSE, NULL }, { "card", TRUE, "id" }, { NULL, FALSE, NULL },
};
const WmFormatElement wm_format_lane = { "lane", lane_attrs, lane_children, FALSE };

static const WmFormatAttr card_attrs[] = {
  ID ("id"),
  REF ("stage", WM_VALUE_STAGE),
  TOKEN ("touchpoint", FALSE, wm_format_touchpoints, 1, N_("touchpoint")),
  BOOLEAN ("key"),
  TEXT ("channel"),
  COUNT ("severity", FALSE, 1, WM_SEVERITY_MAX, 0),
  COUNT ("frequency", FALSE, 0, UNBOUNDED, 0),
  TEXT ("owner"),
  COUNT ("span", FALSE, 1, UNBOUNDED, 1),
  COLOR ("color"),
  END
};
static const WmFormatChild card_children[] = {
  { "text", FALSE, NULL }, { NULL, FALSE, NULL },
};
const WmFormatElement wm_format_card = { "card", card_attrs, card_children, FALSE };

static const WmFormatAttr curve_attrs[] = { REF ("persona", WM_VALUE_PERSONA), END };
static const WmFormatChild curve_children[] = {
  { "point", TRUE, "stage" }, { NULL, FALSE, NULL },
};
const WmFormatElement wm_format_curve = { "curve", curve_attrs, curve_children, FALSE };

static const WmFormatAttr point_attrs[] = {
  REF ("stage", WM_VALUE_STAGE),
  NUMBER ("value", TRUE, WM_CURVE_MIN, WM_CURVE_MAX, 0),
  NUMBER ("at", FALSE, 0, 1, 0.5),
  END
};
const WmFormatElement wm_format_point = { "point", point_attrs, NULL, TRUE };

static const WmFormatAttr moment_attrs[] = {
  ID ("id"),
  TOKEN ("kind", TRUE, wm_format_moment_kinds, 0, N_("moment kind")),
  REF ("persona", WM_VALUE_PERSONA),
  REF ("stage", WM_VALUE_STAGE),
  NUMBER ("at", FALSE, 0, 1, 0.5),
  END
};
static const WmFormatChild moment_children[] = {
  { "text", FALSE, NULL }, { NULL, FALSE, NULL },
};
const WmFormatElement wm_format_moment = { "moment", moment_attrs, moment_children, FALSE };

const WmFormatElement * const wm_format_elements[] = {
  &wm_format_map, &wm_format_persona, &wm_format_stage, &wm_format_metric,
  &wm_format_lane, &wm_format_card, &wm_format_curve, &wm_format_point,
  &wm_format_moment, NULL
};

/* The description of the child @name of @parent: a structural element,
 * &wm_format_text for a text element, NULL when @parent has no such child. */
const WmFormatElement *
wm_format_find_child (const WmFormatElement *parent,
                      const char            *name)
{
  gboolean known = FALSE;

  for (guint i = 0; parent->children != NULL && parent->children[i].name != NULL; i++)
    known |= strcmp (parent->children[i].name, name) == 0;
  if (!known)
    return NULL;
  for (guint i = 0; wm_format_elements[i] != NULL; i++)
    {
      if (strcmp (wm_format_elements[i]->name, name) == 0)
        return wm_format_elements[i];
    }
  return &wm_format_text;
}
