/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "wm-document.h"

G_BEGIN_DECLS

/* A map is a document in its own language: what an export prints around
 * the user's text (legend, tags, lane names, the summary's headings, a
 * poster's sheet labels, a PDF's outline) follows the map's xml:lang, not
 * the desktop's locale, so a map exports the same wherever it is made.
 * The UI's own words (dialogs, errors) stay with gettext. */
typedef enum
{
  WM_MAP_LANG_EN,
  WM_MAP_LANG_ZH,
} WmMapLang;

typedef enum
{
  /* On the map */
  WM_LABEL_LEGEND,
  WM_LABEL_AHA,
  WM_LABEL_MICRO,
  WM_LABEL_TP_NONE,
  WM_LABEL_TP_PRE,
  WM_LABEL_TP_FIRST,
  WM_LABEL_TP_CORE,
  WM_LABEL_TP_MISSED,
  WM_LABEL_TAG_PRE,
  WM_LABEL_TAG_FIRST,
  WM_LABEL_TAG_CORE,
  WM_LABEL_TAG_MISSED,
  WM_LABEL_KEY,
  WM_LABEL_SEVERITY,
  WM_LABEL_FREQUENCY,
  WM_LABEL_LANE_ACTIONS,
  WM_LABEL_LANE_TOUCHPOINTS,
  WM_LABEL_LANE_THOUGHTS,
  WM_LABEL_LANE_EMOTION,
  WM_LABEL_LANE_PAINS,
  WM_LABEL_LANE_NEEDS,
  WM_LABEL_LANE_OPPORTUNITIES,
  WM_LABEL_LANE_NOTES,
  WM_LABEL_UNTITLED,
  /* In the stakeholder summary */
  WM_LABEL_SUMMARY,
  WM_LABEL_SCENARIO,
  WM_LABEL_PERSONAS,
  WM_LABEL_PAINS,
  WM_LABEL_PAINS_NOTE,
  WM_LABEL_OPPORTUNITIES,
  WM_LABEL_NO_OWNER,
  WM_LABEL_METRICS,
  WM_LABEL_STAGE,
  WM_LABEL_AHA_MOMENTS,
  WM_LABEL_MICRO_MOMENTS,
  WM_LABEL_SEVERITY_WORD,
  WM_LABEL_FEEDBACK_WORD,
  WM_LABEL_N_STAGES,
  WM_LABEL_N_PERSONAS,
  WM_LABEL_N_CARDS,
  WM_LABEL_ONE_STAGE,
  WM_LABEL_ONE_PERSONA,
  WM_LABEL_ONE_CARD,
  /* Evidence and PDCA (issue 14): the legend, the chip, the summary */
  WM_LABEL_EV_DATA,
  WM_LABEL_EV_ANECDOTE,
  WM_LABEL_EV_ASSUMPTION,
  WM_LABEL_PDCA_PLAN,
  WM_LABEL_PDCA_DO,
  WM_LABEL_PDCA_CHECK,
  WM_LABEL_PDCA_ACT,
  WM_LABEL_PDCA_DONE,
  WM_LABEL_DUE,
  WM_LABEL_STATUS,
  WM_LABEL_DATA_COVERAGE,
  /* Where Open and Repair puts what referred to a missing stage or persona */
  WM_LABEL_UNPLACED,
  WM_N_LABELS
} WmMapLabel;

WmMapLang   wm_map_lang_from_tag      (const char *xml_lang);
WmMapLang   wm_map_lang_of            (WmDocument *document);
const char *wm_map_label              (WmMapLang   lang,
                                       WmMapLabel  label);
char       *wm_map_text_stage         (WmMapLang   lang,
                                       guint       number);
char       *wm_map_text_stages        (WmMapLang   lang,
                                       guint       first,
                                       guint       last);
char       *wm_map_text_sheet         (WmMapLang   lang,
                                       guint       number,
                                       guint       count);
char       *wm_map_text_sheet_place   (WmMapLang   lang,
                                       guint       row,
                                       guint       column);
char       *wm_map_text_outline_entry (WmMapLang   lang,
                                       guint       number,
                                       guint       count,
                                       const char *names);
char       *wm_map_text_summary_page  (WmMapLang   lang,
                                       guint       number);
const char *wm_map_text_title         (WmMapLang   lang,
                                       WmDocument *document);

G_END_DECLS
