/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-cli-mermaid.c - `waymark import` and `waymark export --format mermaid` */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "wm-cli.h"
#include "wm-cli-mermaid.h"
#include "wm-cli-private.h"
#include "wm-convert.h"
#include "wm-error.h"
#include "wm-mermaid.h"
#include "wm-reader.h"
#include "wm-reader-guard.h"
#include "wm-writer.h"

typedef struct
{
  char  *output;
  char  *output_dir;
  char  *format;
  char **files;
  WmTextFormat text_format;
} Args;

static void
args_clear (Args *args)
{
  g_clear_pointer (&args->output, g_free);
  g_clear_pointer (&args->output_dir, g_free);
  g_clear_pointer (&args->format, g_free);
  g_clear_pointer (&args->files, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Args, args_clear)

/* map.mmd → map.EXT, in @dir or next to the input. */
static char *
output_for (const char *input,
            const char *dir,
            const char *extension)
{
  g_autofree char *base = g_path_get_basename (input);
  g_autofree char *folder = dir != NULL ? g_strdup (dir) : g_path_get_dirname (input);
  g_autofree char *name = NULL;
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  name = g_strconcat (base, ".", extension, NULL);
  if (dir == NULL && g_str_equal (folder, "."))
    return g_steal_pointer (&name);
  return g_build_filename (folder, name, NULL);
}

/* Refuses an output that is the input, or that an earlier file of the
 * batch was written to. */
static gboolean
output_is_free (const char *input,
                const char *output,
                GHashTable *written,
                GError    **error)
{
  g_autofree char *out_name = g_filename_display_name (output);
  const char *earlier = g_hash_table_lookup (written, output);

  if (g_strcmp0 (input, output) == 0 || _wm_cli_same_file (input, output))
    {
      g_set_error (error, WM_ERROR, WM_ERROR_USAGE,
                   _("“%s” would overwrite the input itself"), out_name);
      return FALSE;
    }
  if (earlier != NULL)
    {
      g_autofree char *earlier_name = g_filename_display_name (earlier);

      g_set_error (error, WM_ERROR, WM_ERROR_USAGE,
                   _("not written: “%s” already holds what “%s” gave"), out_name, earlier_name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
make_dir (const char *dir)
{
  int saved;
  g_autofree char *name = NULL;

  if (dir == NULL || g_mkdir_with_parents (dir, 0777) == 0)
    return TRUE;
  saved = errno;
  name = g_filename_display_name (dir);
  g_printerr (_("%s: cannot create the folder: %s\n"), name, g_strerror (saved));
  return FALSE;
}

static gboolean
parse_args (const char      *command,
            Args            *args,
            const char      *summary,
            const char      *description,
            int             *argc,
            char          ***argv,
            int             *status)
{
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args->output,
      N_("Write to OUT (one input file only)"), N_("OUT") },
    { "output-dir", 0, 0, G_OPTION_ARG_FILENAME, &args->output_dir,
      N_("Write each result into DIR as NAME.EXT"), N_("DIR") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &args->format,
      N_("mermaid (the default), json, csv or csv-grid"), N_("FORMAT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args->files, NULL, N_("FILE…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  guint n_files;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context, description);
  if (!g_option_context_parse (context, argc, argv, &error))
    return (*status = _wm_cli_usage_error (command, error->message)), FALSE;

  n_files = args->files != NULL ? g_strv_length (args->files) : 0;
  if (n_files == 0)
    return (*status = _wm_cli_usage_error (command, _("no file given"))), FALSE;
  if (args->output != NULL && args->output_dir != NULL)
    return (*status = _wm_cli_usage_error (command, _("-o and --output-dir cannot be used together"))), FALSE;
  if (args->output != NULL && n_files > 1)
    return (*status = _wm_cli_usage_error (command, _("-o takes one input file; use --output-dir for several"))), FALSE;
  if (args->format != NULL && !wm_text_format_from_string (args->format, &args->text_format))
    return (*status = _wm_cli_usage_error (command, _("--format must be mermaid, json, csv or csv-grid"))), FALSE;
  if (args->format != NULL && args->text_format == WM_TEXT_CSV_GRID && g_str_equal (command, "import"))
    return (*status = _wm_cli_usage_error (command, _("csv-grid is for reading, not for importing; "
                                                      "use --format csv"))), FALSE;
  if (!make_dir (args->output_dir))
    return (*status = WM_CLI_EXIT_BAD_INPUT), FALSE;
  return TRUE;
}

/* ---- import ------------------------------------------------------------- */

/* "NAME:LINE: message" → "NAME:LINE: warning: message", as compilers say it. */
static void
print_warning (const char *warning,
               const char *name)
{
  gsize n = strlen (name);
  gsize digits = g_str_has_prefix (warning, name) && warning[n] == ':'
                 ? strspn (warning + n + 1, "0123456789") : 0;

  if (digits > 0 && g_str_has_prefix (warning + n + 1 + digits, ": "))
    g_printerr (_("%.*s: warning: %s\n"), (int) (n + 1 + digits), warning, warning + n + 1 + digits + 2);
  else
    g_printerr (_("warning: %s\n"), warning);
}

static WmDocument *
read_diagram (const char  *input,
              const char  *format,
              WmTextFormat text_format,
              GError     **error)
{
  g_autofree char *name = g_filename_display_name (input);
  g_autoptr(GBytes) bytes = wm_reader_read_path (input, name, error);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  WmDocument *document;
  gsize length = 0;
  const char *data;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  document = format != NULL
             ? wm_import_data_as (text_format, data, length, input, name, warnings, error)
             : wm_import_data (data, length, input, name, warnings, error);
  for (guint i = 0; i < warnings->len; i++)
    print_warning (g_ptr_array_index (warnings, i), name);
  return document;
}

static gboolean
import_one (Args       *args,
            const char *input,
            const char *output,
            GHashTable *written)
{
  g_autofree char *name = g_filename_display_name (input);
  g_autoptr(GFile) out = g_file_new_for_path (output);
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  if (!output_is_free (input, output, written, &error) ||
      (document = read_diagram (input, args->format, args->text_format, &error)) == NULL ||
      !wm_writer_save_file (document, out, &error))
    {
      _wm_cli_report_error (input, error);
      return FALSE;
    }
  g_hash_table_insert (written, g_strdup (output), g_strdup (input));
  return TRUE;
}

int
wm_cli_import_main (int    argc,
                    char **argv)
{
  g_auto(Args) args = { 0 };
  g_autoptr(GHashTable) written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int status = WM_CLI_EXIT_OK;

  g_set_prgname ("waymark import");
  if (!parse_args ("import", &args,
                   _("Import Mermaid journey diagrams (.mmd, .mermaid, or the ```mermaid\n"
                     "blocks of a Markdown file), maps as JSON (.json) and card tables\n"
                     "(.csv, as “export --format csv” writes them) as maps."),
                   _("Sections become stages, tasks cards of an actions lane, actors\n"
                     "personas whose curves follow the tasks’ scores. What Mermaid\n"
                     "refuses is refused (FILE:LINE: message); what it accepts but\n"
                     "draws oddly is imported with a warning. Without -o or\n"
                     "--output-dir, each map is written next to its diagram as\n"
                     "NAME.waymark.\n"
                     "\n"
                     "Exit status: 0 all imported, 1 some file could not be, 2 usage error."),
                   &argc, &argv, &status))
    return status;

  for (guint i = 0; args.files[i] != NULL; i++)
    {
      g_autofree char *output = args.output != NULL ? g_strdup (args.output)
                                : output_for (args.files[i], args.output_dir, "waymark");

      if (!import_one (&args, args.files[i], output, written))
        status = WM_CLI_EXIT_BAD_INPUT;
    }
  return status;
}

/* ---- export ------------------------------------------------------------- */

gboolean
wm_cli_mermaid_export_wanted (int    argc,
                              char **argv)
{
  const char *format = NULL, *output = NULL;
  WmTextFormat wanted;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--format") && i + 1 < argc)
        format = argv[++i];
      else if (g_str_has_prefix (argv[i], "--format="))
        format = argv[i] + strlen ("--format=");
      else if ((g_str_equal (argv[i], "-o") || g_str_equal (argv[i], "--output")) && i + 1 < argc)
        output = argv[++i];
      else if (g_str_has_prefix (argv[i], "--output="))
        output = argv[i] + strlen ("--output=");
    }
  if (format != NULL)
    return wm_text_format_from_string (format, &wanted);
  return output != NULL && wm_text_format_from_path (output, &wanted);
}

static gboolean
export_one (const char   *input,
            const char   *output,
            WmTextFormat  format,
            GHashTable   *written)
{
  g_autofree char *name = g_filename_display_name (input);
  g_autoptr(GFile) out = g_file_new_for_path (output);
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  g_autoptr(GBytes) bytes = wm_reader_read_path (input, name, &error);

  if (bytes != NULL)
    document = wm_reader_load_data (g_bytes_get_size (bytes) > 0 ? g_bytes_get_data (bytes, NULL) : "",
                                    g_bytes_get_size (bytes), name, &error);
  if (document == NULL ||
      (!g_str_equal (output, "-") && !output_is_free (input, output, written, &error)))
    {
      _wm_cli_report_error (input, error);
      return FALSE;
    }

  text = wm_text_export (document, format, &length, &error);
  if (text == NULL)
    {
      _wm_cli_report_error (input, error);
      return FALSE;
    }
  if (g_str_equal (output, "-"))
    {
      fwrite (text, 1, length, stdout);
      return TRUE;
    }
  if (!g_file_replace_contents (out, text, length, NULL, FALSE,
                                G_FILE_CREATE_NONE, NULL, NULL, &error))
    {
      _wm_cli_report_error (input, error);
      return FALSE;
    }
  g_hash_table_insert (written, g_strdup (output), g_strdup (input));
  return TRUE;
}

int
wm_cli_export_mermaid_main (int    argc,
                            char **argv)
{
  WmTextFormat format = WM_TEXT_MERMAID;
  g_auto(Args) args = { 0 };
  g_autoptr(GHashTable) written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int status = WM_CLI_EXIT_OK;

  g_set_prgname ("waymark export");
  if (!parse_args ("export", &args,
                   _("Export maps as Mermaid journey diagrams, JSON (the whole map, see\n"
                     "waymark.schema.json) or CSV (csv: a row per card; csv-grid: lanes ×\n"
                     "stages)."),
                   _("Stages become sections and the cards of actions lanes tasks. A\n"
                     "task imported from Mermaid keeps its score and actors; one made\n"
                     "in Waymark gets its score from the personas’ curves. “-o -”\n"
                     "writes to the standard output.\n"
                     "\n"
                     "Exit status: 0 all exported, 1 some map could not be, 2 usage error."),
                   &argc, &argv, &status))
    return status;
  if (args.format == NULL && args.output != NULL)
    wm_text_format_from_path (args.output, &format);
  else if (args.format != NULL)
    format = args.text_format;

  for (guint i = 0; args.files[i] != NULL; i++)
    {
      g_autofree char *output = args.output != NULL ? g_strdup (args.output)
                                : output_for (args.files[i], args.output_dir,
                                              wm_text_format_to_extension (format));

      if (!export_one (args.files[i], output, format, written))
        status = WM_CLI_EXIT_BAD_INPUT;
    }
  return status;
}
