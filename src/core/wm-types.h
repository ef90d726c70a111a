/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "wm-enums.h"
#include "wm-enum-types.h"

G_BEGIN_DECLS

typedef struct _WmItem        WmItem;
typedef struct _WmPersona     WmPersona;
typedef struct _WmMetric      WmMetric;
typedef struct _WmStage       WmStage;
typedef struct _WmCard        WmCard;
typedef struct _WmLane        WmLane;
typedef struct _WmCurvePoint  WmCurvePoint;
typedef struct _WmCurve       WmCurve;
typedef struct _WmMoment      WmMoment;
typedef struct _WmDocument    WmDocument;
typedef struct _WmCommand     WmCommand;
typedef struct _WmHistory     WmHistory;
typedef struct _WmLayout      WmLayout;
typedef struct _WmForeign     WmForeign;

#define WM_CURVE_MIN  (-3.0)
#define WM_CURVE_MAX  (3.0)
#define WM_SEVERITY_MAX 5
#define WM_FORMAT_VERSION 1
#define WM_NAMESPACE "urn:waymark:map:1"

G_END_DECLS
