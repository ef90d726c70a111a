/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-cli-merge.c - `waymark merge` and `waymark diff` */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "wm-cli.h"
#include "wm-cli-merge.h"
#include "wm-cli-private.h"
#include "wm-atomic-file.h"
#include "wm-compare.h"
#include "wm-diff.h"
#include "wm-merge.h"
#include "wm-reader.h"
#include "wm-reader-guard.h"
#include "wm-writer.h"

/* Through the reader's guard like any map: bounded, FILE:LINE errors. Git
 * passes /dev/null for a file that did not exist on one side. */
static WmDocument *
load (const char  *path,
      GError     **error)
{
  g_autofree char *name = g_filename_display_name (path);
  g_autoptr(GBytes) bytes = NULL;

  if (g_str_equal (path, "/dev/null"))
    return wm_document_new ();
  bytes = wm_reader_read_path (path, name, error);
  if (bytes == NULL)
    return NULL;
  return wm_reader_load_data (g_bytes_get_size (bytes) > 0 ? g_bytes_get_data (bytes, NULL) : "",
                              g_bytes_get_size (bytes), name, error);
}

/* ---- merge -------------------------------------------------------------- */

static int
merge (char      **files,
       const char *output)
{
  g_autoptr(WmDocument) base = NULL, ours = NULL, theirs = NULL;
  WmDocument **docs[] = { &base, &ours, &theirs };
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(WmDocument) merged = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  for (guint i = 0; i < 3; i++)
    if ((*docs[i] = load (files[i], &error)) == NULL)
      {
        _wm_cli_report_error (files[i], error);
        return WM_CLI_EXIT_USAGE;
      }
  merged = wm_merge (base, ours, theirs, conflicts, &error);
  if (merged == NULL || (data = wm_writer_write (merged, &length, &error)) == NULL)
    {
      g_printerr ("waymark merge: %s\n", error->message);
      return WM_CLI_EXIT_USAGE;
    }
  if (output == NULL)
    fwrite (data, 1, length, stdout);
  else
    {
      g_autoptr(GFile) out = g_file_new_for_path (output);

      if (!wm_writer_save_data (out, data, length, &error))
        {
          _wm_cli_report_error (output, error);
          return WM_CLI_EXIT_USAGE;
        }
    }
  for (guint i = 0; i < conflicts->len; i++)
    /* TRANSLATORS: one merge conflict, as "card “c7”: severity: ours “3”, theirs “5”" */
    g_printerr (_("waymark merge: conflict: %s\n"), (char *) conflicts->pdata[i]);
  return conflicts->len > 0 ? WM_CLI_EXIT_BAD_INPUT : WM_CLI_EXIT_OK;
}

int
wm_cli_merge_main (int    argc,
                   char **argv)
{
  g_autofree char *output = NULL;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("write the merged map to OUT (default: stdout)"), N_("OUT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("BASE OURS THEIRS") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("BASE OURS THEIRS"));
  g_autoptr(GError) error = NULL;

  g_set_prgname ("waymark merge");
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Merge two versions of a map made from a common one, item by item."));
  g_option_context_set_description (context,
    _("What only one side changed is taken; changes to different items or\n"
      "attributes merge cleanly. A conflict (one attribute changed\n"
      "differently on both sides, an item deleted on one and changed on the\n"
      "other) keeps our value and marks the item with a wmm:conflict\n"
      "attribute naming theirs, so the merged map always opens. As git’s\n"
      "merge driver:\n"
      "  git config merge.waymark.driver \"waymark merge %O %A %B -o %A\"\n"
      "  echo '*.waymark merge=waymark' >> .gitattributes\n"
      "\n"
      "Exit status: 0 merged, 1 merged with conflicts, 2 error."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return _wm_cli_usage_error ("merge", error->message);
  if (files == NULL || g_strv_length (files) != 3)
    return _wm_cli_usage_error ("merge", _("three maps are needed: BASE OURS THEIRS"));
  return merge (files, output);
}

/* ---- diff --------------------------------------------------------------- */

/* The before/after PDF for stakeholders (wm-compare-pdf.c). */
static gboolean
write_pdf (WmDocument  *before,
           WmDocument  *after,
           const char  *output,
           GError     **error)
{
  g_autoptr(WmCompare) compare = wm_compare_new (before, after);
  g_autoptr(GBytes) pdf = wm_compare_to_pdf (compare, error);
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);

  return pdf != NULL && wm_write_file_atomically (file, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), error);
}

static int
diff (const char *before_path,
      const char *after_path,
      gboolean    json,
      gboolean    for_git,
      const char *pdf)
{
  g_autoptr(WmDocument) before = NULL, after = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *failed = before_path;
  g_autofree char *text = NULL;

  if ((before = load (before_path, &error)) != NULL)
    failed = after_path, after = load (after_path, &error);
  if (after != NULL)
    result = wm_diff (before, after, &error);
  if (result != NULL && pdf != NULL && !write_pdf (before, after, pdf, &error))
    {
      g_clear_pointer (&result, json_node_unref);
      failed = pdf;
    }
  if (result == NULL)
    {
      _wm_cli_report_error (failed, error);
      return WM_CLI_EXIT_USAGE;
    }
  if (pdf != NULL)
    text = g_strdup ("");
  else if (json)
    text = json_to_string (result, TRUE);
  else
    text = wm_diff_to_text (result);
  g_print ("%s%s", text, json ? "\n" : "");
  /* git stops at an external diff that exits non-zero. */
  if (for_git || wm_diff_is_equal (result))
    return WM_CLI_EXIT_OK;
  return WM_CLI_EXIT_BAD_INPUT;
}

int
wm_cli_diff_main (int    argc,
                  char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text (default), json or pdf"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("with --format pdf: the before/after PDF to write"), N_("FILE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("BEFORE AFTER") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("BEFORE AFTER"));
  g_autoptr(GError) error = NULL;
  guint n;

  g_set_prgname ("waymark diff");
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Show what changed between two versions of a map, item by item."));
  g_option_context_set_description (context,
    _("Items are matched by id: added, removed, changed (old → new) and\n"
      "moved cards, curve points per persona and stage, metrics per stage\n"
      "(NPS and CSAT up are better, CES down) and pain frequencies in %.\n"
      "As git’s diff driver:\n"
      "  git config diff.waymark.command \"waymark diff\"\n"
      "  echo '*.waymark diff=waymark' >> .gitattributes\n"
      "\n"
      "Exit status: 0 equal, 1 different, 2 error."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return _wm_cli_usage_error ("diff", error->message);
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "json") && !g_str_equal (format, "pdf"))
    return _wm_cli_usage_error ("diff", _("--format must be text, json or pdf"));
  if ((format != NULL && g_str_equal (format, "pdf")) != (output != NULL))
    return _wm_cli_usage_error ("diff", _("--format pdf needs -o FILE, and -o only goes with it"));
  n = files != NULL ? g_strv_length (files) : 0;
  /* git's diff.NAME.command: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE */
  if (n == 7)
    return diff (files[1], files[4], format != NULL && g_str_equal (format, "json"), TRUE, output);
  if (n != 2)
    return _wm_cli_usage_error ("diff", _("two maps are needed: BEFORE AFTER"));
  return diff (files[0], files[1], format != NULL && g_str_equal (format, "json"), FALSE, output);
}
