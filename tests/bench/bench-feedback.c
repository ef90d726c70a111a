/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-feedback.c - importing 10,000 feedback rows into a map
 *
 *   bench-feedback TEMPLATE.waymark [ROWS] [RUNS]
 *
 * Issue 14's budget: ≤ 1 s for 10,000 rows, CSV bytes to applied map
 * (reading, grouping, the undoable commands, the evidence). */

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "bench-util.h"
#include "wm-feedback.h"
#include "wm-reader.h"
#include "wm-writer.h"

static const char * const stages[] = { "求助", "受理", "维修", "回访", "评价", "" };
static const char * const kinds[] = { "投诉", "投诉", "投诉", "咨询", "建议", "表扬" };

/* A GB18030 export would only add the conversion; UTF-8 with a BOM and
 * CRLF as Excel writes it, quoted texts with commas and line breaks. */
static GString *
make_csv (guint rows)
{
  GString *csv = g_string_new ("\xEF\xBB\xBF编号,日期,渠道,类型,一级分类,二级标签,严重度,满意度,旅程阶段,内容\r\n");

  for (guint i = 0; i < rows; i++)
    g_string_append_printf (csv, "T%05u,2024-03-%02u,热线,%s,服务,标签%u,%u,%u,%s,"
                                 "\"第 %u 条反馈：等了很久，\"\"没人\"\"处理\r\n第二行\"\r\n",
                            i, 1 + i % 28, kinds[i % G_N_ELEMENTS (kinds)], i % 40,
                            1 + i % 5, 1 + i % 5, stages[(i / 7) % G_N_ELEMENTS (stages)], i);
  return csv;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GString) csv = NULL;
  g_autofree char *template = NULL;
  gsize template_length = 0;
  guint rows;
  int runs;

  setlocale (LC_ALL, "");
  if (argc < 2)
    {
      g_printerr ("usage: bench-feedback TEMPLATE.waymark [ROWS] [RUNS]\n");
      return 2;
    }
  rows = argc > 2 ? (guint) MAX (1, atoi (argv[2])) : 10000;
  runs = argc > 3 ? MAX (1, atoi (argv[3])) : 7;
  if (!g_file_get_contents (argv[1], &template, &template_length, NULL))
    g_error ("cannot read %s", argv[1]);
  csv = make_csv (rows);

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WmDocument) document = wm_reader_load_data (template, template_length, "t", &error);
      g_autoptr(WmHistory) history = wm_history_new (document);
      g_autoptr(WmCsv) table = NULL;
      g_autoptr(WmFeedback) feedback = NULL;
      double start = bench_now_ms ();

      table = wm_csv_parse (csv->str, csv->len, "bench.csv", &error);
      feedback = table != NULL ? wm_feedback_new (table, &error) : NULL;
      if (feedback == NULL || !wm_feedback_apply (feedback, history, NULL, &error))
        g_error ("%s", error->message);
      g_array_append_val (times, (double) { bench_now_ms () - start });
      if (i == 0)
        g_print ("%u rows (%zu KiB), %u cards in the map, median of %d runs\n%s",
                 rows, csv->len / 1024, wm_document_count_cards (document), runs,
                 wm_feedback_get_report (feedback));
    }

  bench_print_reference ();
  bench_budget ("import-feedback: 10,000 rows", bench_median (times), 1000);
  return 0;
}
