/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-cli-feedback.c - `waymark import-feedback`, headless */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "wm-cli.h"
#include "wm-cli-feedback.h"
#include "wm-cli-private.h"
#include "wm-error.h"
#include "wm-feedback.h"
#include "wm-reader.h"
#include "wm-reader-guard.h"
#include "wm-writer.h"

#define TEMPLATE_RESOURCE "/io/github/waymark/Waymark/core/templates/%s/%s.waymark"
#define TEMPLATES_DIR     "/io/github/waymark/Waymark/core/templates/en/"
#define DEFAULT_TEMPLATE "customer-service"
/* As `waymark validate`: past this many, a terminal only scrolls. */
#define MAX_PRINTED_WARNINGS 100

typedef struct
{
  char  *map;
  char  *template;
  char  *stage_map;
  char  *persona;
  char  *output;
  gboolean report;
  char **files;
} ImportArgs;

static void
import_args_clear (ImportArgs *args)
{
  g_clear_pointer (&args->map, g_free);
  g_clear_pointer (&args->template, g_free);
  g_clear_pointer (&args->stage_map, g_free);
  g_clear_pointer (&args->persona, g_free);
  g_clear_pointer (&args->output, g_free);
  g_clear_pointer (&args->files, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ImportArgs, import_args_clear)

static WmDocument *
load_map (const char  *path,
          GError     **error)
{
  g_autofree char *name = g_filename_display_name (path);
  g_autoptr(GBytes) bytes = wm_reader_read_path (path, name, error);
  const char *data;
  gsize length;

  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &length);
  return wm_reader_load_data (data != NULL ? data : "", length, name, error);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The templates built in, from the resources themselves, so that a new
 * one is offered without anyone editing a message: "b2b-services, blank, …". */
static char *
template_names (void)
{
  g_auto(GStrv) files = g_resources_enumerate_children (TEMPLATES_DIR, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    if (g_str_has_suffix (files[i], ".waymark"))
      g_ptr_array_add (names, g_strndup (files[i], strlen (files[i]) - strlen (".waymark")));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

/* "customer-service" in the feedback's language, or "en/customer-service". */
static WmDocument *
load_template (const char  *template,
               WmFeedback  *feedback,
               GError     **error)
{
  g_autofree char *lang = NULL;
  g_autofree char *base = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *slash = strchr (template, '/');

  if (slash != NULL)
    {
      lang = g_strndup (template, slash - template);
      base = g_strdup (slash + 1);
    }
  else
    {
      lang = g_strdup (wm_feedback_is_chinese (feedback) ? "zh-CN" : "en");
      base = g_strdup (template);
    }

  path = g_strdup_printf (TEMPLATE_RESOURCE, lang, base);
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    {
      g_autofree char *names = template_names ();

      g_set_error (error, WM_ERROR, WM_ERROR_USAGE,
                   _("there is no template “%s”; try %s, optionally as en/NAME or zh-CN/NAME"),
                   template, names);
      return NULL;
    }

  return wm_reader_load_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              template, error);
}

static void
print_warnings (GPtrArray *warnings)
{
  for (guint i = 0; i < MIN (warnings->len, MAX_PRINTED_WARNINGS); i++)
    {
      g_autofree char *warning = _wm_cli_printable (g_ptr_array_index (warnings, i));

      g_printerr (_("warning: %s\n"), warning);
    }
  if (warnings->len > MAX_PRINTED_WARNINGS)
    {
      guint more = warnings->len - MAX_PRINTED_WARNINGS;

      g_printerr (ngettext ("warning: … and %u more warning\n",
                            "warning: … and %u more warnings\n", more), more);
    }
}

static GOptionContext *
import_context (ImportArgs *args)
{
  const GOptionEntry entries[] = {
    { "map", 0, 0, G_OPTION_ARG_FILENAME, &args->map,
      N_("Add to this map (an earlier import of the same feedback is updated)"), N_("MAP") },
    { "into", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &args->map, NULL, NULL },
    { "template", 0, 0, G_OPTION_ARG_STRING, &args->template,
      N_("Start from a template instead (default: customer-service)"), N_("NAME") },
    { "stage-map", 0, 0, G_OPTION_ARG_FILENAME, &args->stage_map,
      N_("A CSV of tag,stage rows: the stage of rows without a 旅程阶段"), N_("FILE") },
    { "persona", 0, 0, G_OPTION_ARG_STRING, &args->persona,
      N_("Suggest the emotion curve and moments for this persona (id or name; default: the first)"),
      N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args->output,
      N_("Write the map to OUT"), N_("OUT") },
    { "report", 0, 0, G_OPTION_ARG_NONE, &args->report,
      N_("Also print the records by stage and kind (a pivot table)"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args->files, NULL,
      N_("FEEDBACK.csv") },
    { NULL }
  };
  GOptionContext *context = g_option_context_new (NULL);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Turn customer feedback (a CSV export of complaints, inquiries,\n"
      "suggestions and praise) into pain and need cards, moment candidates,\n"
      "a CSAT metric per stage and a suggested emotion curve."));
  g_option_context_set_description (context,
    _("The CSV may be UTF-8 (with or without a BOM) or GB18030, with a\n"
      "header in Chinese or English: 编号 id, 日期 date, 渠道 channel,\n"
      "客户类型 segment, 产品 product, 类型 kind (投诉 complaint, 咨询 inquiry,\n"
      "建议 suggestion, 表扬 praise), 一级分类 category, 二级标签 tag,\n"
      "严重度 severity (1–5), 满意度 satisfaction (1–5), 旅程阶段 stage,\n"
      "内容 text. Only the text column is required. A row goes to the\n"
      "stage its 旅程阶段 names (an id or title of the map), else to the\n"
      "stage --stage-map gives its tag, else it stays unsorted (a warning).\n"
      "\n"
      "Examples:\n"
      "  waymark import-feedback tickets.csv -o service.waymark\n"
      "  waymark import-feedback tickets.csv --map service.waymark \\\n"
      "      --stage-map tags.csv -o service.waymark\n"
      "\n"
      "Warnings go to stderr, a summary to stdout.\n"
      "Exit status: 0 imported, 1 bad input, 2 usage error."));
  return context;
}

static int
import (ImportArgs *args)
{
  const char *input = args->files[0];
  g_autofree char *input_name = g_filename_display_name (input);
  g_autoptr(WmCsv) csv = NULL;
  g_autoptr(WmFeedback) feedback = NULL;
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(WmHistory) history = NULL;
  g_autoptr(GFile) out = g_file_new_for_path (args->output);
  g_autoptr(GError) error = NULL;

  csv = wm_csv_load_path (input, input_name, &error);
  feedback = csv != NULL ? wm_feedback_new (csv, &error) : NULL;
  if (feedback == NULL)
    {
      _wm_cli_report_error (input, error);
      return WM_CLI_EXIT_BAD_INPUT;
    }

  if (args->map != NULL)
    document = load_map (args->map, &error);
  else
    document = load_template (args->template != NULL ? args->template : DEFAULT_TEMPLATE,
                              feedback, &error);
  if (document == NULL)
    {
      _wm_cli_report_error (args->map != NULL ? args->map : "waymark import-feedback", error);
      return error->code == WM_ERROR_USAGE ? WM_CLI_EXIT_USAGE : WM_CLI_EXIT_BAD_INPUT;
    }

  if (args->stage_map != NULL)
    {
      g_autofree char *map_name = g_filename_display_name (args->stage_map);
      g_autoptr(WmCsv) map = wm_csv_load_path (args->stage_map, map_name, &error);

      if (map == NULL || !wm_feedback_set_stage_map (feedback, map, document, &error))
        {
          _wm_cli_report_error (args->stage_map, error);
          return WM_CLI_EXIT_BAD_INPUT;
        }
    }

  history = wm_history_new (document);
  if (!wm_feedback_apply (feedback, history, args->persona, &error))
    {
      g_autofree char *message = _wm_cli_printable (error->message);

      g_printerr ("waymark import-feedback: %s\n", message);
      return WM_CLI_EXIT_USAGE;
    }

  print_warnings (wm_feedback_get_warnings (feedback));
  if (!wm_writer_save_file (document, out, &error))
    {
      _wm_cli_report_error (args->output, error);
      return WM_CLI_EXIT_BAD_INPUT;
    }

  {
    g_autofree char *report = _wm_cli_printable (wm_feedback_get_report (feedback));

    g_print ("%s", report);
  }
  if (args->report)
    {
      g_autofree char *pivot = wm_feedback_format_pivot (feedback, WM_FEEDBACK_COLUMN_KIND, FALSE);
      g_autofree char *shown = _wm_cli_printable (pivot);

      g_print ("\n%s", shown);
    }
  return WM_CLI_EXIT_OK;
}

int
wm_cli_import_feedback_main (int    argc,
                             char **argv)
{
  g_auto(ImportArgs) args = { 0 };
  g_autoptr(GOptionContext) context = import_context (&args);
  g_autoptr(GError) error = NULL;

  g_set_prgname ("waymark import-feedback");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return _wm_cli_usage_error ("import-feedback", error->message);

  if (args.files == NULL || args.files[0] == NULL)
    return _wm_cli_usage_error ("import-feedback", _("no feedback file to import"));
  if (args.files[1] != NULL)
    return _wm_cli_usage_error ("import-feedback", _("one feedback file at a time"));
  if (args.output == NULL)
    return _wm_cli_usage_error ("import-feedback", _("-o OUT is required: where to write the map"));
  if (args.map != NULL && args.template != NULL)
    return _wm_cli_usage_error ("import-feedback", _("--map and --template cannot be used together"));
  /* A typo away from replacing a quarter's feedback with a map. */
  if (_wm_cli_same_file (args.output, args.files[0]) ||
      (args.stage_map != NULL && _wm_cli_same_file (args.output, args.stage_map)))
    return _wm_cli_usage_error ("import-feedback", _("-o names an input file; the map would overwrite it"));

  return import (&args);
}
