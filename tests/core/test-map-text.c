/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "../test-maps.h"

#include "wm-map-text.h"
#include "wm-page-plan.h"

/* zh and its regional tags are Chinese; Zhuang (zha), other languages and
 * no tag at all are English. */
static void
test_lang_from_tag (void)
{
  g_assert_cmpint (wm_map_lang_from_tag ("zh"), ==, WM_MAP_LANG_ZH);
  g_assert_cmpint (wm_map_lang_from_tag ("zh-CN"), ==, WM_MAP_LANG_ZH);
  g_assert_cmpint (wm_map_lang_from_tag ("ZH-tw"), ==, WM_MAP_LANG_ZH);
  g_assert_cmpint (wm_map_lang_from_tag ("zh-Hans-CN"), ==, WM_MAP_LANG_ZH);
  g_assert_cmpint (wm_map_lang_from_tag ("zha"), ==, WM_MAP_LANG_EN);
  g_assert_cmpint (wm_map_lang_from_tag ("en-GB"), ==, WM_MAP_LANG_EN);
  g_assert_cmpint (wm_map_lang_from_tag (""), ==, WM_MAP_LANG_EN);
  g_assert_cmpint (wm_map_lang_from_tag (NULL), ==, WM_MAP_LANG_EN);
}

/* Every label exists in both languages. */
static void
test_labels_complete (void)
{
  for (int i = 0; i < WM_N_LABELS; i++)
    {
      const char *en = wm_map_label (WM_MAP_LANG_EN, i);
      const char *zh = wm_map_label (WM_MAP_LANG_ZH, i);

      g_assert_nonnull (en);
      g_assert_nonnull (zh);
      g_assert_cmpuint (strlen (en), >, 0);
      g_assert_true (g_utf8_validate (zh, -1, NULL));
      /* Chinese, not an English word left in the table. */
      g_assert_cmpstr (en, !=, zh);
      g_assert_cmpint (g_utf8_strlen (zh, -1), <, (glong) strlen (zh));
    }
}

/* The page plan's titles (a PDF's outline, a print job's pages) follow the
 * map's language, not the process's locale (C here). */
static void
test_page_titles_follow_map (void)
{
  const char *langs[] = { "zh-CN", "en" };
  const char *summary[] = { "摘要", "Summary" };
  const char *entry[] = { "：", ": " };

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_autoptr(WmDocument) document = test_load_template (langs[l], "camping.waymark");
      WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
      g_autoptr(WmPagePlan) plan = NULL;
      g_autofree char *first = NULL;
      g_autofree char *sheet = NULL;
      guint n_summary;

      options.summary = TRUE;
      options.page = WM_PAGE_POSTER_A4;
      plan = wm_page_plan_new (document, &options, 0, 0, NULL);
      n_summary = wm_page_plan_get_n_summary_pages (plan);
      g_assert_cmpuint (n_summary, >=, 1);
      g_assert_cmpuint (wm_page_plan_get_n_pages (plan), >, n_summary + 1);
      first = wm_page_plan_dup_page_title (plan, 0);
      sheet = wm_page_plan_dup_page_title (plan, n_summary);
      g_test_message ("%s: “%s”, “%s”", langs[l], first, sheet);
      g_assert_true (g_str_has_prefix (first, summary[l]));
      g_assert_nonnull (strstr (sheet, entry[l]));
    }
}

/* The words for sheets and ranges, in each language. */
static void
test_formats (void)
{
  g_autofree char *one = wm_map_text_stages (WM_MAP_LANG_EN, 2, 2);
  g_autofree char *range = wm_map_text_stages (WM_MAP_LANG_ZH, 2, 4);
  g_autofree char *sheet = wm_map_text_sheet (WM_MAP_LANG_ZH, 1, 6);
  g_autofree char *place = wm_map_text_sheet_place (WM_MAP_LANG_EN, 2, 3);
  g_autofree char *page = wm_map_text_summary_page (WM_MAP_LANG_ZH, 2);

  g_assert_cmpstr (one, ==, "Stage 2");
  g_assert_cmpstr (range, ==, "阶段 2–4");
  g_assert_cmpstr (sheet, ==, "第 1 / 6 页");
  g_assert_cmpstr (place, ==, "row 2, column 3");
  g_assert_cmpstr (page, ==, "摘要，第 2 页");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Waymark/MapText/lang-from-tag", test_lang_from_tag);
  g_test_add_func ("/Waymark/MapText/labels-complete", test_labels_complete);
  g_test_add_func ("/Waymark/MapText/page-titles-follow-map", test_page_titles_follow_map);
  g_test_add_func ("/Waymark/MapText/formats", test_formats);
  return g_test_run ();
}
