/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include "wm-map-text.h"

/* Two languages, written out here rather than through gettext: gettext
 * follows the process's locale, and one process exports maps in both. */

static const char *labels_en[WM_N_LABELS] = {
  "Legend", "Aha-moment", "Micro-moment",
  "Touchpoint", "Pre-touchpoint", "First touchpoint", "Core touchpoint", "Missed touchpoint",
  "Pre", "First", "Core", "Missed",
  "Key touchpoint", "Pain severity", "Feedback count",
  "Actions", "Touchpoints", "Thoughts", "Emotion", "Pain points", "Needs",
  "Opportunities", "Notes", "Untitled journey",
  "Summary", "Scenario", "Personas", "Top pain points",
  "Ranked by severity × feedback count", "Opportunities by internal owner",
  "No owner", "Metrics per stage", "Stage", "Aha-moments", "Micro-moments",
  "severity", "feedback", "stages", "personas", "cards",
  "stage", "persona", "card",
  "Data", "Anecdote", "Assumption",
  "Plan", "Do", "Check", "Act", "Done",
  "Due", "Status", "Backed by data",
  "Unplaced",
};

static const char *labels_zh[WM_N_LABELS] = {
  "图例", "惊喜时刻", "微瞬间",
  "触点", "预触点", "首触点", "核心触点", "未触点",
  "预触点", "首触点", "核心触点", "未触点",
  "关键触点", "痛点严重程度", "反馈次数",
  "客户行为", "触点", "想法", "情绪", "痛点", "需求",
  "机会", "备注", "未命名旅程",
  "摘要", "场景", "人物角色", "主要痛点",
  "按严重程度 × 反馈次数排序", "按内部责任部门分组的机会",
  "未指定部门", "各阶段指标", "阶段", "惊喜时刻", "微瞬间",
  "严重程度", "反馈", "个阶段", "个人物角色", "张卡片",
  "个阶段", "个人物角色", "张卡片",
  "数据", "个例", "假设",
  "计划", "执行", "检查", "处理", "完成",
  "截止", "状态", "数据支撑",
  "未归位",
};

/* zh, zh-CN, zh-Hans, zh-TW… → Chinese; anything else → English. */
WmMapLang
wm_map_lang_from_tag (const char *xml_lang)
{
  if (xml_lang != NULL && g_ascii_strncasecmp (xml_lang, "zh", 2) == 0 &&
      (xml_lang[2] == '\0' || xml_lang[2] == '-' || xml_lang[2] == '_'))
    return WM_MAP_LANG_ZH;
  return WM_MAP_LANG_EN;
}

WmMapLang
wm_map_lang_of (WmDocument *document)
{
  return wm_map_lang_from_tag (wm_document_get_lang (document));
}

const char *
wm_map_label (WmMapLang  lang,
              WmMapLabel label)
{
  g_return_val_if_fail (label >= 0 && label < WM_N_LABELS, "");
  return lang == WM_MAP_LANG_ZH ? labels_zh[label] : labels_en[label];
}

char *
wm_map_text_stage (WmMapLang lang,
                   guint     number)
{
  if (lang == WM_MAP_LANG_ZH)
    return g_strdup_printf ("阶段 %u", number);
  return g_strdup_printf ("Stage %u", number);
}

char *
wm_map_text_stages (WmMapLang lang,
                    guint     first,
                    guint     last)
{
  if (first == last)
    return wm_map_text_stage (lang, first);
  if (lang == WM_MAP_LANG_ZH)
    return g_strdup_printf ("阶段 %u–%u", first, last);
  return g_strdup_printf ("Stages %u–%u", first, last);
}

/* The number and count printed on each sheet of a poster. */
char *
wm_map_text_sheet (WmMapLang lang,
                   guint     number,
                   guint     count)
{
  if (lang == WM_MAP_LANG_ZH)
    return g_strdup_printf ("第 %u / %u 页", number, count);
  return g_strdup_printf ("page %u / %u", number, count);
}

/* Where a sheet goes when the poster is assembled. */
char *
wm_map_text_sheet_place (WmMapLang lang,
                         guint     row,
                         guint     column)
{
  if (lang == WM_MAP_LANG_ZH)
    return g_strdup_printf ("第 %u 行，第 %u 列", row, column);
  return g_strdup_printf ("row %u, column %u", row, column);
}

/* An entry of a PDF's outline: page number, page count, what is on it. */
char *
wm_map_text_outline_entry (WmMapLang   lang,
                           guint       number,
                           guint       count,
                           const char *names)
{
  if (lang == WM_MAP_LANG_ZH)
    return g_strdup_printf ("%u / %u：%s", number, count, names);
  return g_strdup_printf ("%u / %u: %s", number, count, names);
}

char *
wm_map_text_summary_page (WmMapLang lang,
                          guint     number)
{
  if (lang == WM_MAP_LANG_ZH)
    return g_strdup_printf ("摘要，第 %u 页", number);
  return g_strdup_printf ("Summary, page %u", number);
}

/* The map's title, or what an untitled map is called in its language. */
const char *
wm_map_text_title (WmMapLang   lang,
                   WmDocument *document)
{
  const char *title = wm_document_get_title (document);

  return title != NULL && *title != '\0' ? title : wm_map_label (lang, WM_LABEL_UNTITLED);
}
