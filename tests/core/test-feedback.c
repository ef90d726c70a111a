/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-feedback.c - feedback CSV into a map: grouping, numbers, evidence */

#define G_LOG_DOMAIN "Waymark-Test"

#include "config.h"

#include <string.h>

#include "wm-document.h"
#include "wm-error.h"
#include "wm-feedback.h"
#include "wm-reader.h"
#include "wm-validate.h"
#include "wm-writer.h"

#include "../fuzz/fuzz-feedback.h"

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "core", "files", "feedback", name, NULL);
}

/* The customer-service template: stages seek 求助, handle 受理, repair
 * 维修, followup 回访, review 评价; persona "customer". */
static char *
template_bytes (const char *lang,
                gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "templates", lang,
                                                 "customer-service.waymark", NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, length, &error);
  g_assert_no_error (error);
  return data;
}

static WmDocument *
load_template (const char *lang)
{
  gsize length;
  g_autofree char *data = template_bytes (lang, &length);
  g_autoptr(GError) error = NULL;
  WmDocument *document = wm_reader_load_data (data, length, "customer-service.waymark", &error);

  g_assert_no_error (error);
  return document;
}

/* Every fixture is named "feedback.csv" in messages, so that maps made
 * from either encoding can be compared byte for byte. */
static WmCsv *
load_csv (const char *name)
{
  g_autofree char *path = fixture (name);
  g_autoptr(GError) error = NULL;
  WmCsv *csv = wm_csv_load_path (path, "feedback.csv", &error);

  g_assert_no_error (error);
  return csv;
}

static WmFeedback *
load_feedback (const char *name)
{
  g_autoptr(WmCsv) csv = load_csv (name);
  g_autoptr(GError) error = NULL;
  WmFeedback *feedback = wm_feedback_new (csv, &error);

  g_assert_no_error (error);
  return feedback;
}

static WmFeedback *
feedback_from_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCsv) csv = wm_csv_parse (text, strlen (text), "t.csv", &error);
  WmFeedback *feedback;

  g_assert_no_error (error);
  feedback = wm_feedback_new (csv, &error);
  g_assert_no_error (error);
  return feedback;
}

static void
set_stage_map (WmFeedback *feedback,
               WmDocument *document,
               const char *name)
{
  g_autoptr(WmCsv) map = load_csv (name);
  g_autoptr(GError) error = NULL;

  wm_feedback_set_stage_map (feedback, map, document, &error);
  g_assert_no_error (error);
}

static void
apply (WmFeedback *feedback,
       WmHistory  *history,
       const char *persona)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (wm_feedback_apply (feedback, history, persona, &error));
  g_assert_no_error (error);
}

/* The Chinese fixture applied to the Chinese template with its stage map. */
static WmDocument *
import_zh (const char  *name,
           WmFeedback **out_feedback)
{
  WmDocument *document = load_template ("zh-CN");
  g_autoptr(WmHistory) history = wm_history_new (document);
  g_autoptr(WmFeedback) feedback = load_feedback (name);

  set_stage_map (feedback, document, "stage-map-zh.csv");
  apply (feedback, history, NULL);
  if (out_feedback != NULL)
    *out_feedback = g_steal_pointer (&feedback);
  return document;
}

static const char *
evidence (WmCard     *card,
          const char *name)
{
  WmForeign *foreign = wm_item_get_foreign (WM_ITEM (card));

  for (guint i = 0; i < foreign->attrs->len; i++)
    {
      const WmForeignAttr *attr = g_ptr_array_index (foreign->attrs, i);

      if (g_strcmp0 (attr->prefix, "ev") == 0 && g_str_equal (attr->name, name))
        return attr->value;
    }
  return NULL;
}

/* The cards of the first lane of @kind that an import made, in order. */
static GPtrArray *
imported_cards (WmDocument *document,
                WmLaneKind  kind)
{
  GListStore *lanes = wm_document_get_lanes (document);
  GPtrArray *cards = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (lanes)); i++)
    {
      WmLane *lane = wm_list_peek (lanes, i);
      GListStore *store = wm_lane_get_cards (lane);

      if (wm_lane_get_kind (lane) != kind)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (store)); j++)
        {
          WmCard *card = wm_list_peek (store, j);

          if (wm_item_has_foreign (WM_ITEM (card)) && evidence (card, "key") != NULL)
            g_ptr_array_add (cards, card);
        }
      break;
    }
  return cards;
}

static void
assert_card (WmCard     *card,
             const char *stage,
             const char *text,
             guint       frequency,
             guint       severity,
             const char *records)
{
  g_assert_cmpstr (wm_card_get_stage (card), ==, stage);
  g_assert_cmpstr (wm_card_get_text (card), ==, text);
  g_assert_cmpuint (wm_card_get_frequency (card), ==, frequency);
  g_assert_cmpuint (wm_card_get_severity (card), ==, severity);
  g_assert_cmpstr (evidence (card, "records"), ==, records);
  g_assert_cmpstr (evidence (card, "basis"), ==, "data");
}

static gboolean
warnings_contain (WmFeedback *feedback,
                  const char *text)
{
  GPtrArray *warnings = wm_feedback_get_warnings (feedback);

  for (guint i = 0; i < warnings->len; i++)
    if (strstr (g_ptr_array_index (warnings, i), text) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_headers (void)
{
  g_autoptr(WmFeedback) zh = load_feedback ("feedback-zh.csv");
  g_autoptr(WmFeedback) en = load_feedback ("feedback-en.csv");
  GPtrArray *extra;

  g_assert_cmpuint (wm_feedback_get_n_records (zh), ==, 9);
  g_assert_cmpint (wm_feedback_get_column (zh, WM_FEEDBACK_COLUMN_ID), ==, 0);
  g_assert_cmpint (wm_feedback_get_column (zh, WM_FEEDBACK_COLUMN_TAG), ==, 7);
  g_assert_cmpint (wm_feedback_get_column (zh, WM_FEEDBACK_COLUMN_TEXT), ==, 11);
  g_assert_true (wm_feedback_is_chinese (zh));
  extra = wm_feedback_get_extra_columns (zh);
  g_assert_cmpuint (extra->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (extra, 0), ==, "工单状态");

  g_assert_cmpuint (wm_feedback_get_n_records (en), ==, 6);
  g_assert_cmpint (wm_feedback_get_column (en, WM_FEEDBACK_COLUMN_SATISFACTION), ==, 8);
  g_assert_cmpint (wm_feedback_get_column (en, WM_FEEDBACK_COLUMN_PRODUCT), ==, -1);
  g_assert_false (wm_feedback_is_chinese (en));
  extra = wm_feedback_get_extra_columns (en);
  g_assert_cmpuint (extra->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (extra, 0), ==, "Agent");
  /* E6's severity of 9 is dropped with a warning naming its line. */
  g_assert_true (warnings_contain (en, "feedback.csv:7: Severity “9” is not a whole number"));
}

/* A header of many long names: the message lists the first ones, cut. */
static void
test_no_text_column_long (void)
{
  g_autoptr(GString) header = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCsv) csv = NULL;
  g_autoptr(WmFeedback) feedback = NULL;

  for (guint c = 0; c < 200; c++)
    {
      g_string_append_printf (header, "%s%03u", c > 0 ? "," : "", c);
      for (guint i = 0; i < 1000; i++)
        g_string_append_c (header, 'x');
    }
  csv = wm_csv_parse (header->str, header->len, "wide.csv", &error);
  g_assert_no_error (error);
  feedback = wm_feedback_new (csv, &error);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID);
  g_assert_cmpuint (strlen (error->message), <, 2000);
  g_assert_nonnull (strstr (error->message, "“000xxx"));
  g_assert_nonnull (strstr (error->message, "xxx…”, “001xxx"));
  g_assert_null (strstr (error->message, "030xxx"));
  g_assert_true (g_str_has_suffix (error->message, "”, “…”"));
}

static void
test_no_text_column (void)
{
  g_autoptr(WmCsv) csv = load_csv ("no-text.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmFeedback) feedback = wm_feedback_new (csv, &error);

  g_assert_null (feedback);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "feedback.csv:1: no text column (内容 or text) in the header; "
                   "the columns found are “编号”, “类型”, “二级标签”, “满意度”");
}

/* The assistant corrects the guessed columns: the rows are read again. */
static void
test_set_column (void)
{
  g_autoptr(WmFeedback) feedback = load_feedback ("feedback-en.csv");
  g_autoptr(WmDocument) document = load_template ("en");
  g_autoptr(WmHistory) history = wm_history_new (document);
  g_autoptr(GPtrArray) pains = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *extra;

  g_assert_false (wm_feedback_set_column (feedback, WM_FEEDBACK_COLUMN_TEXT, -1, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_USAGE);
  g_clear_error (&error);
  g_assert_false (wm_feedback_set_column (feedback, WM_FEEDBACK_COLUMN_TAG, 10, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_USAGE);
  g_clear_error (&error);

  /* Tags from the agent column; no severity column (E6's 9 is no more). */
  g_assert_true (wm_feedback_set_column (feedback, WM_FEEDBACK_COLUMN_TAG, 11, &error));
  g_assert_true (wm_feedback_set_column (feedback, WM_FEEDBACK_COLUMN_SEVERITY, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wm_feedback_get_column (feedback, WM_FEEDBACK_COLUMN_TAG), ==, 11);
  extra = wm_feedback_get_extra_columns (feedback);
  g_assert_cmpuint (extra->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (extra, 0), ==, "Tag");
  g_assert_cmpstr (g_ptr_array_index (extra, 1), ==, "Severity");
  g_assert_cmpuint (wm_feedback_get_warnings (feedback)->len, ==, 0);

  apply (feedback, history, NULL);
  pains = imported_cards (document, WM_LANE_PAINS);
  g_assert_cmpuint (pains->len, ==, 2);
  assert_card (pains->pdata[0], "seek", "Ann", 1, 0, "E1");
  assert_card (pains->pdata[1], "repair", "Ann", 1, 0, "E3");
}

/* Tags assigned one by one give what the same stage map file gives. */
static void
test_set_tag_stage (void)
{
  g_autoptr(WmDocument) from_file = import_zh ("feedback-zh.csv", NULL);
  g_autoptr(WmDocument) document = load_template ("zh-CN");
  g_autoptr(WmHistory) history = wm_history_new (document);
  g_autoptr(WmFeedback) feedback = load_feedback ("feedback-zh.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_false (wm_feedback_set_tag_stage (feedback, "配件价格", "售后", document, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_REFERENCE);
  g_clear_error (&error);
  g_assert_true (wm_feedback_set_tag_stage (feedback, "配件价格", "review", document, &error));
  g_assert_true (wm_feedback_set_tag_stage (feedback, "配件价格", NULL, document, &error));
  g_assert_true (wm_feedback_set_tag_stage (feedback, "热线排队久", "求助", document, &error));
  g_assert_true (wm_feedback_set_tag_stage (feedback, "上门时间", "repair", document, &error));
  g_assert_no_error (error);
  apply (feedback, history, NULL);

  a = wm_writer_to_string (from_file, NULL);
  b = wm_writer_to_string (document, NULL);
  g_assert_cmpstr (a, ==, b);
}

/* Rows by stage: T001 names 求助; T002, T003 have none and their tag
 * maps to 求助; T005's own 受理 wins over its tag's 维修; T008 has
 * neither and stays unsorted. Biggest first: 3 rows, then by severity,
 * then by stage. */
static void
test_pains (void)
{
  g_autoptr(WmFeedback) feedback = NULL;
  g_autoptr(WmDocument) document = import_zh ("feedback-zh.csv", &feedback);
  g_autoptr(GPtrArray) pains = imported_cards (document, WM_LANE_PAINS);
  g_autoptr(GPtrArray) needs = imported_cards (document, WM_LANE_NEEDS);

  g_assert_cmpuint (pains->len, ==, 4);
  /* Severities 4 and 5, the blank one ignored: 4.5 rounds up. */
  assert_card (pains->pdata[0], "seek", "热线排队久", 3, 5, "T001 T002 T003");
  assert_card (pains->pdata[1], "handle", "上门时间", 1, 3, "T005");
  assert_card (pains->pdata[2], "repair", "上门时间", 1, 2, "T004");
  assert_card (pains->pdata[3], "followup", "回访打扰", 1, 2, "T009");
  g_assert_cmpstr (evidence (pains->pdata[0], "key"), ==, "seek/热线排队久");
  g_assert_cmpstr (evidence (pains->pdata[0], "source"), ==, "feedback.csv");

  g_assert_cmpuint (needs->len, ==, 1);
  assert_card (needs->pdata[0], "repair", "上门时间", 1, 0, "T006");

  g_assert_true (warnings_contain (feedback, "1 record fits no stage of the map and stays "
                                             "Unsorted: T008"));
}

static double
metric (WmDocument   *document,
        const char   *stage,
        WmMetricKind  kind)
{
  GListStore *metrics = wm_stage_get_metrics (wm_document_find_stage (document, stage));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (metrics)); i++)
    {
      WmMetric *m = wm_list_peek (metrics, i);

      if (wm_metric_get_kind (m) == kind)
        return wm_metric_get_value (m);
    }
  return -1;
}

static double
point (WmDocument *document,
       const char *persona,
       const char *stage)
{
  WmCurve *curve = wm_document_find_curve (document, persona);
  WmCurvePoint *p = curve != NULL ? wm_curve_find_point (curve, stage) : NULL;

  return p != NULL ? wm_curve_point_get_value (p) : G_MAXDOUBLE;
}

/* CSAT = share of 4–5 ratings; the curve (mean − 3) × 1.5 in half steps. */
static void
test_metrics_and_curve (void)
{
  g_autoptr(WmDocument) document = import_zh ("feedback-zh.csv", NULL);

  /* seek: 1, 2, 2 → none satisfied; mean 5/3 → −2. */
  g_assert_cmpfloat (metric (document, "seek", WM_METRIC_CSAT), ==, 0);
  g_assert_cmpfloat (point (document, "customer", "seek"), ==, -2);
  /* repair: 3, 4, 5 → 2 of 3 = 66.7 → 67 (the template said 64); mean 4 → 1.5. */
  g_assert_cmpfloat (metric (document, "repair", WM_METRIC_CSAT), ==, 67);
  g_assert_cmpfloat (point (document, "customer", "repair"), ==, 1.5);
  /* followup: one 4 → 100. The template's CES on handle stays. */
  g_assert_cmpfloat (metric (document, "followup", WM_METRIC_CSAT), ==, 100);
  g_assert_cmpfloat (metric (document, "handle", WM_METRIC_CES), ==, 5.6);
  /* review had no rows: its point is the template's. */
  g_assert_cmpfloat (point (document, "customer", "review"), ==, -0.5);
}

/* Ties go up: a mean of 3.5 is 0.75 → 1, 2.5 is −0.75 → −0.5; 1 × 1.5
 * (4 of 6 and 2 of 6 ratings) rounds half up to 67 and 33. */
static void
test_rounding (void)
{
  g_autoptr(WmDocument) document = load_template ("en");
  g_autoptr(WmHistory) history = wm_history_new (document);
  g_autoptr(WmFeedback) feedback = feedback_from_text (
    "stage,text,satisfaction,severity,tag\n"
    "seek,a,3,1,t\nseek,b,4,2,t\n"
    "handle,c,2,2,u\nhandle,d,3,3,u\n"
    "repair,e,5,,v\nrepair,f,5,,v\nrepair,g,5,,v\nrepair,h,5,,v\nrepair,i,1,,v\nrepair,j,1,,v\n");
  g_autoptr(GPtrArray) pains = NULL;

  apply (feedback, history, NULL);
  g_assert_cmpfloat (point (document, "customer", "seek"), ==, 1);
  g_assert_cmpfloat (point (document, "customer", "handle"), ==, -0.5);
  g_assert_cmpfloat (metric (document, "repair", WM_METRIC_CSAT), ==, 67);
  g_assert_cmpfloat (metric (document, "seek", WM_METRIC_CSAT), ==, 50);
  pains = imported_cards (document, WM_LANE_PAINS);
  g_assert_cmpuint (pains->len, ==, 3);
  /* Severity 1 and 2 → 1.5 → 2; 2 and 3 → 2.5 → 3; none → 0. */
  assert_card (pains->pdata[0], "repair", "v", 6, 0, "L6 L7 L8 L9 L10 L11");
  assert_card (pains->pdata[1], "handle", "u", 2, 3, "L4 L5");
  assert_card (pains->pdata[2], "seek", "t", 2, 2, "L2 L3");
}

static guint
count_moments (WmDocument   *document,
               WmMomentKind  kind,
               const char   *text)
{
  GListStore *moments = wm_document_get_moments (document);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (moments)); i++)
    {
      WmMoment *moment = wm_list_peek (moments, i);

      if (wm_moment_get_kind (moment) == kind && g_strcmp0 (wm_moment_get_text (moment), text) == 0)
        n++;
    }
  return n;
}

/* Praise and suggestions carry no severity; praise becomes an Aha-moment
 * candidate, an "if only" suggestion a micro-moment one. */
static void
test_moments (void)
{
  g_autoptr(WmDocument) zh = import_zh ("feedback-zh.csv", NULL);
  g_autoptr(WmDocument) en = load_template ("en");
  g_autoptr(WmHistory) history = wm_history_new (en);
  g_autoptr(WmFeedback) feedback = load_feedback ("feedback-en.csv");

  g_assert_cmpuint (count_moments (zh, WM_MOMENT_AHA, "师傅很专业，一次就修好了！"), ==, 1);
  g_assert_cmpuint (count_moments (zh, WM_MOMENT_MICRO, "要是能预约晚上上门就好了"), ==, 1);

  set_stage_map (feedback, en, "stage-map-en.csv");
  apply (feedback, history, "customer");
  g_assert_cmpuint (count_moments (en, WM_MOMENT_AHA, "The technician fixed it in one visit!"), ==, 1);
  g_assert_cmpuint (count_moments (en, WM_MOMENT_MICRO, "If only I could book an evening visit"), ==, 1);
}

/* Both encodings give the very same map. */
static void
test_gb18030_same_map (void)
{
  g_autoptr(WmDocument) utf8 = import_zh ("feedback-zh.csv", NULL);
  g_autoptr(WmDocument) gb = import_zh ("feedback-zh-gb18030.csv", NULL);
  g_autofree char *a = wm_writer_to_string (utf8, NULL);
  g_autofree char *b = wm_writer_to_string (gb, NULL);

  g_assert_cmpstr (a, ==, b);
}

/* What the import writes, the reader and the validator take, and it
 * saves again byte for byte: quotes, ids and tags with XML's special
 * characters and characters a map cannot hold included. */
static void
test_round_trip (void)
{
  g_autoptr(WmDocument) document = load_template ("en");
  g_autoptr(WmHistory) history = wm_history_new (document);
  g_autoptr(WmFeedback) feedback = feedback_from_text (
    "id,stage,tag,text,kind\n"
    "\"a <&> \"\"b\"\"\",seek,\"x<y & \"\"z\"\"\",\"say \"\"<hi>\"\" & go\nnow\",complaint\n"
    "c\x01" "d,seek,\xEF\xB7\x90tag,\"\x02quote\t \",praise\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(WmDocument) reloaded = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *again = NULL;
  gsize length = 0;

  apply (feedback, history, NULL);
  saved = wm_writer_write (document, &length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (saved, "xmlns:ev=\"urn:waymark:evidence:1\""));
  g_assert_nonnull (strstr (saved, "<ev:quote record=\"a_&lt;&amp;&gt;_&quot;b&quot;\">"
                                   "say \"&lt;hi&gt;\" &amp; go now</ev:quote>"));

  g_assert_true (wm_validate_data (saved, length, "out.waymark", messages, &error));
  g_assert_no_error (error);
  reloaded = wm_reader_load_data (saved, length, "out.waymark", &error);
  g_assert_no_error (error);
  again = wm_writer_to_string (reloaded, NULL);
  g_assert_cmpstr (again, ==, saved);
}

/* A newer export updates the cards of the first: same cards, new counts. */
static void
test_reimport (void)
{
  g_autoptr(WmDocument) document = import_zh ("feedback-zh.csv", NULL);
  g_autoptr(WmHistory) history = wm_history_new (document);
  g_autoptr(WmFeedback) newer = NULL;
  g_autoptr(GPtrArray) before = imported_cards (document, WM_LANE_PAINS);
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *id = g_strdup (wm_item_get_id (before->pdata[0]));
  guint n_cards = wm_document_count_cards (document);
  guint n_moments = g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_moments (document)));

  /* The user retitles the card; a re-import keeps that. */
  wm_card_set_text (before->pdata[0], "排队");
  newer = feedback_from_text ("编号,二级标签,旅程阶段,内容,严重度,满意度\n"
                              "T001,热线排队久,求助,a,1,5\nT010,热线排队久,求助,b,2,5\n"
                              "T011,热线排队久,求助,c,,5\nT012,热线排队久,求助,d,,4\n");
  apply (newer, history, NULL);

  after = imported_cards (document, WM_LANE_PAINS);
  g_assert_cmpuint (wm_document_count_cards (document), ==, n_cards);
  g_assert_cmpuint (after->len, ==, before->len);
  g_assert_cmpstr (wm_item_get_id (after->pdata[0]), ==, id);
  g_assert_cmpstr (wm_card_get_text (after->pdata[0]), ==, "排队");
  g_assert_cmpuint (wm_card_get_frequency (after->pdata[0]), ==, 4);
  g_assert_cmpuint (wm_card_get_severity (after->pdata[0]), ==, 2);
  g_assert_cmpstr (evidence (after->pdata[0], "records"), ==, "T001 T010 T011 T012");
  g_assert_cmpstr (evidence (after->pdata[0], "source"), ==, "t.csv");
  g_assert_cmpfloat (metric (document, "seek", WM_METRIC_CSAT), ==, 100);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_moments (document))),
                    ==, n_moments);
  g_assert_nonnull (strstr (wm_feedback_get_report (newer), "0 new, 1 updated"));
  g_assert_nonnull (strstr (wm_feedback_get_report (newer),
                            "Changed:\n  “排队” (求助): frequency 3 → 4, severity 5 → 2\n"
                            "  CSAT (求助): 0 → 100\n"));
}

/* A tag with characters a map cannot hold is stored made valid; the
 * next import must still find its card. */
static void
test_reimport_odd_tag (void)
{
  g_autoptr(WmDocument) document = load_template ("en");
  g_autoptr(WmHistory) history = wm_history_new (document);
  const char *text = "stage,tag,text\nseek,\x01q\xEF\xB7\x90,a\n";
  g_autoptr(WmFeedback) first = feedback_from_text (text);
  g_autoptr(WmFeedback) second = feedback_from_text (text);
  g_autoptr(GPtrArray) cards = NULL;
  guint n_cards;

  apply (first, history, NULL);
  n_cards = wm_document_count_cards (document);
  /* No row is rated: the severity the user gives by hand stays. */
  cards = imported_cards (document, WM_LANE_PAINS);
  wm_card_set_severity (cards->pdata[0], 4);
  apply (second, history, NULL);
  g_assert_cmpuint (wm_document_count_cards (document), ==, n_cards);
  g_assert_nonnull (strstr (wm_feedback_get_report (second), "0 new, 1 updated"));
  g_assert_null (strstr (wm_feedback_get_report (second), "Changed:"));
  g_ptr_array_unref (cards);
  cards = imported_cards (document, WM_LANE_PAINS);
  g_assert_cmpuint (wm_card_get_severity (cards->pdata[0]), ==, 4);
}

/* The whole import is one undo step, and undoing it restores the map. */
static void
test_one_undo_step (void)
{
  g_autoptr(WmDocument) document = load_template ("zh-CN");
  g_autoptr(WmHistory) history = wm_history_new (document);
  g_autoptr(WmFeedback) feedback = load_feedback ("feedback-zh.csv");
  g_autofree char *before = wm_writer_to_string (document, NULL);
  g_autofree char *imported = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  set_stage_map (feedback, document, "stage-map-zh.csv");
  apply (feedback, history, NULL);
  imported = wm_writer_to_string (document, NULL);
  g_assert_cmpstr (wm_history_get_undo_label (history), ==, "Import Feedback");

  g_assert_true (wm_history_undo (history));
  g_assert_false (wm_history_get_can_undo (history));
  undone = wm_writer_to_string (document, NULL);
  /* The exact bytes: the namespace declaration goes too. */
  g_assert_cmpstr (undone, ==, before);

  g_assert_true (wm_history_redo (history));
  redone = wm_writer_to_string (document, NULL);
  g_assert_cmpstr (redone, ==, imported);
  g_assert_nonnull (strstr (redone, " xmlns:ev=\"urn:waymark:evidence:1\""));
}

static void
test_personas (void)
{
  g_autoptr(WmDocument) document = load_template ("en");
  g_autoptr(WmHistory) history = wm_history_new (document);
  g_autoptr(WmFeedback) feedback = feedback_from_text ("text,stage,satisfaction\nx,seek,5\n");
  g_autoptr(WmFeedback) blank_feedback = feedback_from_text ("text,stage,satisfaction\nx,s1,5\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) blank = NULL;
  g_autoptr(WmHistory) blank_history = NULL;
  const char *bare = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
                     "  <title>t</title>\n  <stage id=\"s1\"/>\n</map>\n";

  g_assert_false (wm_feedback_apply (feedback, history, "nobody", &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_REFERENCE);
  g_assert_cmpstr (error->message, ==, "There is no persona “nobody” in this map; its personas "
                                       "are: customer (Customer with a faulty appliance)");
  g_assert_false (wm_history_get_can_undo (history));

  /* By name as well as by id, in any case. */
  g_clear_error (&error);
  g_assert_true (wm_feedback_apply (feedback, history, "customer WITH a faulty appliance", &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (point (document, "customer", "seek"), ==, 3);

  blank = wm_reader_load_data (bare, strlen (bare), "bare.waymark", &error);
  g_assert_no_error (error);
  blank_history = wm_history_new (blank);
  apply (blank_feedback, blank_history, NULL);
  g_assert_true (warnings_contain (blank_feedback, "the map has no persona"));
  g_assert_cmpfloat (metric (blank, "s1", WM_METRIC_CSAT), ==, 100);
}

static void
test_stage_map_errors (void)
{
  g_autoptr(WmDocument) document = load_template ("en");
  g_autoptr(WmFeedback) feedback = feedback_from_text ("text\nx\n");
  const char *bad = "tag,stage\nqueue,seek\nprice,nowhere\n";
  g_autoptr(WmCsv) map = wm_csv_parse (bad, strlen (bad), "tags.csv", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (wm_feedback_set_stage_map (feedback, map, document, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_REFERENCE);
  g_assert_true (g_str_has_prefix (error->message, "tags.csv:3: “nowhere” is not a stage"));
}

static void
assert_golden (const char *actual,
               const char *name)
{
  g_autofree char *path = fixture (name);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &expected, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (actual, ==, expected);
}

/* The records by stage (map order, Unsorted last) and kind, with totals:
 * as text for a terminal and as CSV for a spreadsheet. */
static void
test_pivot (void)
{
  g_autoptr(WmFeedback) feedback = NULL;
  g_autoptr(WmDocument) document = import_zh ("feedback-zh.csv", &feedback);
  g_autofree char *text = wm_feedback_format_pivot (feedback, WM_FEEDBACK_COLUMN_KIND, FALSE);
  g_autofree char *csv = wm_feedback_format_pivot (feedback, WM_FEEDBACK_COLUMN_KIND, TRUE);
  g_autofree char *segments = wm_feedback_format_pivot (feedback, WM_FEEDBACK_COLUMN_SEGMENT, FALSE);

  assert_golden (text, "pivot-kind.golden.txt");
  assert_golden (csv, "pivot-kind.golden.csv");
  assert_golden (segments, "pivot-segment.golden.txt");
}

/* The fuzz target's checks on its seeds and on the fixtures. */
static void
test_fuzz_seed (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  fuzz_feedback_check ((const guint8 *) contents, length);
}

static void
add_fuzz_seeds (GPtrArray  *paths,
                const char *folder)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, folder, NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint before = paths->len;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *test_path = NULL;
      char *path;

      if (!g_str_has_suffix (name, ".csv"))
        continue;
      path = g_build_filename (dir, name, NULL);
      g_ptr_array_add (paths, path);
      test_path = g_strdup_printf ("/Waymark/Feedback/fuzz-seed/%s", name);
      g_test_add_data_func (test_path, path, test_fuzz_seed);
    }
  /* An empty replay would pass on anything. */
  g_assert_cmpuint (paths->len, >, before + 4);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) seeds = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);
  /* Messages are compared in English. */
  g_setenv ("LANGUAGE", "C", TRUE);

  g_test_add_func ("/Waymark/Feedback/headers", test_headers);
  g_test_add_func ("/Waymark/Feedback/no-text-column", test_no_text_column);
  g_test_add_func ("/Waymark/Feedback/no-text-column-long", test_no_text_column_long);
  g_test_add_func ("/Waymark/Feedback/set-column", test_set_column);
  g_test_add_func ("/Waymark/Feedback/set-tag-stage", test_set_tag_stage);
  g_test_add_func ("/Waymark/Feedback/pains", test_pains);
  g_test_add_func ("/Waymark/Feedback/metrics-and-curve", test_metrics_and_curve);
  g_test_add_func ("/Waymark/Feedback/rounding", test_rounding);
  g_test_add_func ("/Waymark/Feedback/moments", test_moments);
  g_test_add_func ("/Waymark/Feedback/gb18030-same-map", test_gb18030_same_map);
  g_test_add_func ("/Waymark/Feedback/round-trip", test_round_trip);
  g_test_add_func ("/Waymark/Feedback/reimport", test_reimport);
  g_test_add_func ("/Waymark/Feedback/reimport-odd-tag", test_reimport_odd_tag);
  g_test_add_func ("/Waymark/Feedback/one-undo-step", test_one_undo_step);
  g_test_add_func ("/Waymark/Feedback/personas", test_personas);
  g_test_add_func ("/Waymark/Feedback/stage-map-errors", test_stage_map_errors);
  g_test_add_func ("/Waymark/Feedback/pivot", test_pivot);
  add_fuzz_seeds (seeds, "fuzz/feedback");
  add_fuzz_seeds (seeds, "core/files/feedback");

  return g_test_run ();
}
