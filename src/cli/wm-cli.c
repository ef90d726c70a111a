/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-cli.c - `waymark export` and `waymark validate`, headless */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "wm-cli.h"
#include "wm-cli-feedback.h"
#include "wm-cli-private.h"
#include "wm-cli-mermaid.h"
#include "wm-cli-merge.h"
#include "wm-error.h"
#include "wm-export.h"
#include "wm-reader.h"
#include "wm-reader-guard.h"
#include "wm-style.h"
#include "wm-validate.h"
#include "wm-lint.h"

static int export_main   (int argc, char **argv);
static int validate_main (int argc, char **argv);

/* Every subcommand, once: the dispatch, `waymark --help` and the check
 * that keeps a CLI run headless all read this table. */
static const struct
{
  const char *name;
  const char *synopsis;
  const char *summary;
  int       (*main) (int argc, char **argv);
} subcommands[] = {
  { "export", N_("FILE… [OPTION…]"), N_("export maps to PDF, SVG, PNG or Mermaid"), export_main },
  { "validate", N_("FILE…"), N_("check maps against the schema"), validate_main },
  { "import-feedback", N_("FEEDBACK.csv -o OUT [OPTION…]"),
    N_("turn customer feedback into a map"), wm_cli_import_feedback_main },
  { "import", N_("FILE… [OPTION…]"), N_("import Mermaid journey diagrams as maps"), wm_cli_import_main },
  { "diff", N_("BEFORE AFTER [--format text|json|pdf -o OUT.pdf]"), N_("show what changed between two maps"), wm_cli_diff_main },
  { "merge", N_("BASE OURS THEIRS [-o OUT]"), N_("merge two versions of a map (a git merge driver)"), wm_cli_merge_main },
};

/* Pads by characters, not bytes: "FILE…" is five columns. A call too
 * wide for the column has its summary on the next line. */
static void
append_row (GString    *out,
            const char *call,
            const char *summary)
{
  glong width = g_utf8_strlen (call, -1);

  g_string_append_printf (out, "  %s", call);
  if (width >= 32)
    {
      g_string_append_c (out, '\n');
      width = -2;
    }
  for (glong i = width; i < 32; i++)
    g_string_append_c (out, ' ');
  g_string_append_printf (out, " %s\n", summary);
}

const char *
wm_cli_get_summary (void)
{
  static char *summary;

  if (summary == NULL)
    {
      GString *out = g_string_new (_("Commands (no display needed):"));

      g_string_append_c (out, '\n');
      for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
        {
          g_autofree char *call = g_strdup_printf ("waymark %s %s", subcommands[i].name,
                                                   _(subcommands[i].synopsis));

          append_row (out, call, _(subcommands[i].summary));
        }
      append_row (out, "waymark --version", _("print the version"));
      g_string_append_c (out, '\n');
      g_string_append (out, _("Run “waymark COMMAND --help” for a command’s options."));
      summary = g_string_free (out, FALSE);
    }

  return summary;
}

static gboolean
is_help (const char *arg)
{
  return g_strcmp0 (arg, "--help") == 0 || g_strcmp0 (arg, "-h") == 0 ||
         g_strcmp0 (arg, "help") == 0;
}

gboolean
wm_cli_is_subcommand (const char *arg)
{
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_strcmp0 (arg, subcommands[i].name) == 0)
      return TRUE;

  return g_strcmp0 (arg, "--version") == 0 || is_help (arg);
}

int
_wm_cli_usage_error (const char *command,
                     const char *message)
{
  g_printerr ("waymark %s: %s\n", command, message);
  g_printerr (_("Try “waymark %s --help” for more information.\n"), command);
  return WM_CLI_EXIT_USAGE;
}

static gboolean
acts_on_terminal (gunichar c)
{
  return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f) ||
         (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

char *
_wm_cli_printable (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (p != NULL && *p != '\0')
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      /* Not UTF-8 (a name from the file system): that byte, shown. */
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02X", (guint) (guchar) *p++);
          continue;
        }
      if (!acts_on_terminal (c))
        g_string_append_unichar (out, c);
      else if (c < 0x100)
        g_string_append_printf (out, "\\x%02X", c);
      else
        g_string_append_printf (out, "\\u%04X", c);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

void
_wm_cli_report_error (const char   *path,
                      const GError *error)
{
  g_autofree char *name = g_filename_display_name (path);
  g_autofree char *message = _wm_cli_printable (error->message);
  gsize len = strlen (name);

  if (strncmp (error->message, name, len) == 0 && error->message[len] == ':')
    g_printerr ("%s\n", message);
  else
    g_printerr ("%s: %s\n", name, message);
}

/* Reads @path ourselves, so that messages name the file as the user typed
 * it (the reader would use the absolute path). The same caps as the
 * reader: regular files only, at most WM_MAX_FILE_SIZE bytes. */
static GBytes *
read_map (const char  *path,
          GError     **error)
{
  g_autofree char *name = g_filename_display_name (path);

  return wm_reader_read_path (path, name, error);
}

static WmDocument *
load_document (const char  *path,
               GError     **error)
{
  g_autofree char *name = g_filename_display_name (path);
  g_autoptr(GBytes) bytes = read_map (path, error);
  const char *data;
  gsize length;

  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &length);
  return wm_reader_load_data (data != NULL ? data : "", length, name, error);
}

/* ---- export ------------------------------------------------------------ */

typedef struct
{
  char     *output;
  char     *output_dir;
  char     *format;
  char     *page;
  gboolean  landscape;
  double    dpi;       /* 0: not given */
  char     *theme;
  char     *persona;
  int       width;     /* 0: not given */
  char     *background;
  char     *svg_text;
  gboolean  summary;
  char     *author;
  int       jobs;      /* 0: one per core */
  char    **files;
} ExportArgs;

static void
export_args_clear (ExportArgs *args)
{
  g_clear_pointer (&args->output, g_free);
  g_clear_pointer (&args->output_dir, g_free);
  g_clear_pointer (&args->format, g_free);
  g_clear_pointer (&args->page, g_free);
  g_clear_pointer (&args->theme, g_free);
  g_clear_pointer (&args->persona, g_free);
  g_clear_pointer (&args->background, g_free);
  g_clear_pointer (&args->svg_text, g_free);
  g_clear_pointer (&args->author, g_free);
  g_clear_pointer (&args->files, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExportArgs, export_args_clear)

/* map.waymark → map.EXT, in @dir or next to the input. */
static char *
output_path_for (const char *input,
                 const char *dir,
                 const char *extension)
{
  g_autofree char *base = g_path_get_basename (input);
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  name = g_strconcat (base, ".", extension, NULL);

  if (dir != NULL)
    return g_build_filename (dir, name, NULL);

  folder = g_path_get_dirname (input);
  if (g_str_equal (folder, "."))
    return g_steal_pointer (&name);
  return g_build_filename (folder, name, NULL);
}

gboolean
_wm_cli_same_file (const char *a,
                   const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static gboolean
export_one (const char            *input,
            const char            *output,
            const WmExportOptions *options,
            GHashTable            *written)
{
  g_autoptr(GFile) in = g_file_new_for_path (input);
  g_autoptr(GFile) out = g_file_new_for_path (output);
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out_name = g_filename_display_name (output);
  const char *earlier;

  if (g_file_equal (in, out) || _wm_cli_same_file (input, output))
    {
      g_set_error (&error, WM_ERROR, WM_ERROR_USAGE,
                   _("The export “%s” would overwrite the map itself"), out_name);
      _wm_cli_report_error (input, error);
      return FALSE;
    }

  earlier = g_hash_table_lookup (written, out);
  if (earlier != NULL)
    {
      g_autofree char *earlier_name = g_filename_display_name (earlier);

      g_set_error (&error, WM_ERROR, WM_ERROR_USAGE,
                   _("Not exported: “%s” already holds the export of “%s”"),
                   out_name, earlier_name);
      _wm_cli_report_error (input, error);
      return FALSE;
    }

  document = load_document (input, &error);
  if (document == NULL ||
      !wm_export_to_file (document, options, out, NULL, NULL, NULL, &error))
    {
      _wm_cli_report_error (input, error);
      return FALSE;
    }

  g_hash_table_insert (written, g_object_ref (out), g_strdup (input));
  return TRUE;
}

/* Numbers are parsed here rather than by GOption, which takes "nan" for
 * a double (and NaN then passed every range check), hexadecimal floats
 * ("0x60"), leading blanks, and "010" as an octal 8 pixels. Only plain
 * decimal numbers are taken: "96", "150.5", "1e2". A width over cairo's
 * limit is refused here too; a resolution too high for one map is
 * refused when that map is exported (exit status 1). */
static gboolean
parse_dpi (const char  *option_name,
           const char  *value,
           gpointer     data,
           GError     **error)
{
  ExportArgs *args = data;
  char *end = NULL;
  double dpi;

  errno = 0;
  dpi = value[0] != '\0' && strspn (value, "0123456789.eE+-") == strlen (value)
          ? g_ascii_strtod (value, &end) : NAN;
  if (end == NULL || *end != '\0' || errno != 0 || !isfinite (dpi) || dpi <= 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--dpi must be a positive number such as 96 or 150.5, not “%s”"), value);
      return FALSE;
    }

  args->dpi = dpi;
  return TRUE;
}

static gboolean
parse_width (const char  *option_name,
             const char  *value,
             gpointer     data,
             GError     **error)
{
  ExportArgs *args = data;
  guint64 width;

  if (!g_ascii_string_to_unsigned (value, 10, 1, WM_EXPORT_MAX_PNG_SIDE, &width, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--width must be a whole number of pixels from 1 to %d, not “%s”"),
                   WM_EXPORT_MAX_PNG_SIDE, value);
      return FALSE;
    }

  args->width = (int) width;
  return TRUE;
}

static GOptionContext *
export_context (ExportArgs *args)
{
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args->output,
      N_("Write to OUT (one input file only)"), N_("OUT") },
    { "output-dir", 0, 0, G_OPTION_ARG_FILENAME, &args->output_dir,
      N_("Write each export into DIR as NAME.EXT"), N_("DIR") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &args->format,
      N_("pdf, svg, png or mermaid (default: from OUT’s extension, else pdf)"), N_("FORMAT") },
    { "page", 0, 0, G_OPTION_ARG_STRING, &args->page,
      N_("PDF pages: fit, a4, a3, letter, poster-a4 or poster-a3 (default: fit)"), N_("PAGE") },
    { "landscape", 0, 0, G_OPTION_ARG_NONE, &args->landscape,
      N_("Turn paper sheets sideways"), NULL },
    { "dpi", 0, 0, G_OPTION_ARG_CALLBACK, parse_dpi,
      N_("PNG resolution in dots per inch (default: 96)"), N_("N") },
    { "width", 0, 0, G_OPTION_ARG_CALLBACK, parse_width,
      N_("PNG width in pixels, the height following the map (instead of --dpi)"), N_("N") },
    { "background", 0, 0, G_OPTION_ARG_STRING, &args->background,
      N_("PNG and SVG background: solid or transparent (default: solid)"), N_("KIND") },
    { "svg-text", 0, 0, G_OPTION_ARG_STRING, &args->svg_text,
      N_("SVG text: text (editable, searchable) or paths (glyph outlines, pixel-exact) (default: text)"), N_("KIND") },
    { "summary", 0, 0, G_OPTION_ARG_NONE, &args->summary,
      N_("PDF: begin with a summary page for stakeholders"), NULL },
    { "author", 0, 0, G_OPTION_ARG_STRING, &args->author,
      N_("PDF author (default: your name)"), N_("NAME") },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &args->theme,
      N_("light or dark (default: light)"), N_("THEME") },
    { "persona", 0, 0, G_OPTION_ARG_STRING, &args->persona,
      N_("Draw only this persona’s emotion curve and moments (its id or name)"), N_("ID") },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &args->jobs,
      N_("Export N maps at a time (default: one per processor core)"), N_("N") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args->files, NULL, N_("FILE…") },
    { NULL }
  };
  GOptionContext *context = g_option_context_new (NULL);
  /* The main group, so that the callbacks above get @args. */
  GOptionGroup *group = g_option_group_new (NULL, NULL, NULL, args, NULL);

  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (context, group);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Export journey maps to PDF, SVG or PNG."));
  g_option_context_set_description (context,
    _("Without -o or --output-dir, each export is written next to its map,\n"
      "with the new extension. The format follows OUT’s extension when\n"
      "--format is absent. Pages: “fit” is one page the size of the map;\n"
      "a4, a3 and letter shrink the map onto one sheet; poster-a4 and\n"
      "poster-a3 tile it across sheets at a readable size, with overlaps\n"
      "and crop marks for assembly.\n"
      "\n"
      "Examples:\n"
      "  waymark export camping.waymark\n"
      "  waymark export camping.waymark -o camping.png --dpi 192\n"
      "  waymark export *.waymark --output-dir out --page poster-a3\n"
      "  waymark export camping.waymark --summary --author \"CX team\"\n"
      "  waymark export camping.waymark -o slide.png --width 1920 --background transparent\n"
      "\n"
      "Exit status: 0 all exported, 1 some file could not be read or\n"
      "exported (the others still are), 2 usage error."));
  return context;
}

/* What each job of `-j` is told: the options as parsed, notes already
 * printed (an option that does not apply to the format is left out). */
static GPtrArray *
export_job_options (const ExportArgs      *args,
                    const WmExportOptions *options)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  const struct { const char *name; const char *value; gboolean wanted; } given[] = {
    { "--output-dir", args->output_dir, TRUE },
    { "--page", args->page, options->format == WM_EXPORT_PDF },
    { "--author", args->author, options->format == WM_EXPORT_PDF },
    { "--background", args->background, TRUE },
    { "--svg-text", args->svg_text, options->format == WM_EXPORT_SVG },
    { "--theme", args->theme, TRUE },
    { "--persona", args->persona, TRUE },
  };

  g_ptr_array_add (out, g_strdup ("--format"));
  g_ptr_array_add (out, g_strdup (wm_export_format_to_extension (options->format)));
  for (guint i = 0; i < G_N_ELEMENTS (given); i++)
    if (given[i].value != NULL && given[i].wanted)
      {
        g_ptr_array_add (out, g_strdup (given[i].name));
        g_ptr_array_add (out, g_strdup (given[i].value));
      }
  if (args->landscape && options->format == WM_EXPORT_PDF)
    g_ptr_array_add (out, g_strdup ("--landscape"));
  if (args->summary && options->format == WM_EXPORT_PDF)
    g_ptr_array_add (out, g_strdup ("--summary"));
  if (args->dpi != 0 && options->format == WM_EXPORT_PNG)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_ptr_array_add (out, g_strdup ("--dpi"));
      g_ptr_array_add (out, g_strdup (g_ascii_dtostr (buf, sizeof buf, args->dpi)));
    }
  if (args->width != 0 && options->format == WM_EXPORT_PNG)
    g_ptr_array_add (out, g_strdup_printf ("--width=%d", args->width));
  g_ptr_array_add (out, NULL);
  return out;
}

/* Two inputs with one output name (a/map and b/map into one folder):
 * one job must see both to refuse the second, as without -j. */
static gboolean
outputs_collide (const ExportArgs *args,
                 const char       *extension)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; args->files[i] != NULL; i++)
    if (!g_hash_table_add (seen, output_path_for (args->files[i], args->output_dir, extension)))
      return TRUE;
  return FALSE;
}

static guint
jobs_wanted (int jobs)
{
  return jobs > 0 ? (guint) jobs : g_get_num_processors ();
}

static int
export_main (int    argc,
             char **argv)
{
  g_auto(ExportArgs) args = { 0 };
  g_autoptr(GOptionContext) context = export_context (&args);
  g_autoptr(GHashTable) written = NULL;
  g_autoptr(GError) error = NULL;
  WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
  guint n_files;
  int status = WM_CLI_EXIT_OK;

  if (wm_cli_mermaid_export_wanted (argc, argv))
    return wm_cli_export_mermaid_main (argc, argv);

  g_set_prgname ("waymark export");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return _wm_cli_usage_error ("export", error->message);

  n_files = args.files != NULL ? g_strv_length (args.files) : 0;
  if (n_files == 0)
    return _wm_cli_usage_error ("export", _("no map to export"));
  if (args.output != NULL && args.output_dir != NULL)
    return _wm_cli_usage_error ("export", _("-o and --output-dir cannot be used together"));
  if (args.output != NULL && n_files > 1)
    return _wm_cli_usage_error ("export", _("-o takes one input file; use --output-dir for several"));
  if (args.jobs < 0)
    return _wm_cli_usage_error ("export", _("-j must be a positive number of jobs"));

  if (args.format != NULL)
    {
      if (!wm_export_format_from_string (args.format, &options.format))
        return _wm_cli_usage_error ("export", _("--format must be pdf, svg or png"));
    }
  else if (args.output != NULL)
    {
      if (!wm_export_format_from_path (args.output, &options.format))
        return _wm_cli_usage_error ("export", _("cannot tell the format from the output’s name; "
                                                "use --format pdf, svg or png"));
    }

  if (args.page != NULL && !wm_page_from_string (args.page, &options.page))
    return _wm_cli_usage_error ("export", _("--page must be fit, a4, a3, letter, poster-a4 or poster-a3"));
  if (args.theme != NULL && !wm_theme_from_string (args.theme, &options.theme))
    return _wm_cli_usage_error ("export", _("--theme must be light or dark"));
  if (args.width != 0 && args.dpi != 0)
    return _wm_cli_usage_error ("export", _("--width and --dpi cannot be used together"));
  if (args.dpi != 0)
    options.dpi = args.dpi;
  options.width = args.width;
  if (args.background != NULL)
    {
      if (g_ascii_strcasecmp (args.background, "transparent") == 0)
        options.transparent = TRUE;
      else if (g_ascii_strcasecmp (args.background, "solid") != 0)
        return _wm_cli_usage_error ("export", _("--background must be solid or transparent"));
    }
  if (args.svg_text != NULL)
    {
      if (g_ascii_strcasecmp (args.svg_text, "paths") == 0)
        options.svg_paths = TRUE;
      else if (g_ascii_strcasecmp (args.svg_text, "text") != 0)
        return _wm_cli_usage_error ("export", _("--svg-text must be text or paths"));
    }
  options.landscape = args.landscape;
  options.persona = args.persona;
  options.summary = args.summary;
  options.author = args.author;

  if (options.format != WM_EXPORT_PDF && (args.page != NULL || args.landscape))
    g_printerr (_("waymark export: note: --page and --landscape apply to PDF only\n"));
  if (options.format != WM_EXPORT_PDF && (args.summary || args.author != NULL))
    g_printerr (_("waymark export: note: --summary and --author apply to PDF only\n"));
  if (options.format != WM_EXPORT_PNG && (args.width != 0 || args.dpi != 0))
    g_printerr (_("waymark export: note: --width and --dpi apply to PNG only\n"));
  if (options.format != WM_EXPORT_SVG && args.svg_text != NULL)
    g_printerr (_("waymark export: note: --svg-text applies to SVG only\n"));

  if (args.output_dir != NULL && g_mkdir_with_parents (args.output_dir, 0777) != 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (args.output_dir);

      g_printerr (_("%s: cannot create the folder: %s\n"), name, g_strerror (saved));
      return WM_CLI_EXIT_BAD_INPUT;
    }

  if (args.output == NULL && jobs_wanted (args.jobs) > 1 &&
      !outputs_collide (&args, wm_export_format_to_extension (options.format)))
    {
      g_autoptr(GPtrArray) job_options = export_job_options (&args, &options);

      status = _wm_cli_run_jobs ("export", (const char * const *) job_options->pdata,
                                 args.files, n_files, jobs_wanted (args.jobs));
      if (status >= 0)
        return status;
      status = WM_CLI_EXIT_OK;
    }

  written = g_hash_table_new_full (g_file_hash, (GEqualFunc) g_file_equal, g_object_unref, g_free);

  for (guint i = 0; i < n_files; i++)
    {
      const char *input = args.files[i];
      g_autofree char *output = NULL;

      if (args.output != NULL)
        output = g_strdup (args.output);
      else
        output = output_path_for (input, args.output_dir,
                                  wm_export_format_to_extension (options.format));

      if (!export_one (input, output, &options, written))
        status = WM_CLI_EXIT_BAD_INPUT;
    }

  return status;
}

/* ---- validate ---------------------------------------------------------- */

/* A file can hold 100,000 mistakes; past this many lines a terminal only
 * scrolls, and the first ones say what to fix. */
#define MAX_PRINTED_PROBLEMS 100

/* Prints NAME: element: level: reason for each of the eight elements;
 * advice on stdout, so it never changes the exit status. */
static void
lint_one (const char *name,
          const char *data,
          gsize       length)
{
  g_autoptr(WmDocument) document = wm_reader_load_data (data, length, name, NULL);
  g_autoptr(GPtrArray) findings = NULL;

  if (document == NULL)
    return;
  findings = wm_lint_document (document);
  for (guint i = 0; i < findings->len; i++)
    {
      WmLintFinding *finding = g_ptr_array_index (findings, i);

      g_print ("%s: %s: %s: %s\n", name, wm_lint_element_label (finding->element),
               wm_lint_level_label (finding->level), finding->message);
    }
}

/* Prints the problems found, not only the first; at most
 * MAX_PRINTED_PROBLEMS of them, then how many more there are. */
static gboolean
validate_one (const char *path,
              gboolean    lint)
{
  g_autofree char *name = g_filename_display_name (path);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = read_map (path, &error);
  const char *data;
  gsize length;

  if (bytes == NULL)
    {
      _wm_cli_report_error (path, error);
      return FALSE;
    }

  data = g_bytes_get_data (bytes, &length);
  if (wm_validate_data (data != NULL ? data : "", length, name, messages, &error))
    {
      if (lint)
        lint_one (name, data != NULL ? data : "", length);
      return TRUE;
    }

  for (guint i = 0; i < MIN (messages->len, MAX_PRINTED_PROBLEMS); i++)
    g_printerr ("%s\n", (const char *) g_ptr_array_index (messages, i));
  if (messages->len > MAX_PRINTED_PROBLEMS)
    {
      guint more = messages->len - MAX_PRINTED_PROBLEMS;

      g_printerr (ngettext ("%s: … and %u more problem\n",
                            "%s: … and %u more problems\n", more),
                  name, more);
    }
  if (messages->len == 0)
    _wm_cli_report_error (path, error);

  return FALSE;
}

static int
validate_main (int    argc,
               char **argv)
{
  g_auto(GStrv) files = NULL;
  int jobs = 0;
  gboolean lint = FALSE;
  const char *lint_options[] = { "--lint", NULL };
  const GOptionEntry entries[] = {
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs,
      N_("Check N maps at a time (default: one per processor core)"), N_("N") },
    { "lint", 0, 0, G_OPTION_ARG_NONE, &lint,
      N_("Also report which of the eight elements each valid map lacks or holds too little of"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  int status = WM_CLI_EXIT_OK;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Check maps against the schema and their references (every stage=\n"
      "and persona= must name a defined one). Prints FILE:LINE: message\n"
      "for each problem found."));
  g_option_context_set_description (context,
    _("Exit status: 0 all valid, 1 some file is not, 2 usage error."));

  g_set_prgname ("waymark validate");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return _wm_cli_usage_error ("validate", error->message);
  if (files == NULL || files[0] == NULL)
    return _wm_cli_usage_error ("validate", _("no map to check"));
  if (jobs < 0)
    return _wm_cli_usage_error ("validate", _("-j must be a positive number of jobs"));

  if (jobs_wanted (jobs) > 1)
    {
      status = _wm_cli_run_jobs ("validate", lint ? lint_options : NULL, files,
                                 g_strv_length (files), jobs_wanted (jobs));
      if (status >= 0)
        return status;
      status = WM_CLI_EXIT_OK;
    }

  for (guint i = 0; files[i] != NULL; i++)
    if (!validate_one (files[i], lint))
      status = WM_CLI_EXIT_BAD_INPUT;

  return status;
}

/* ---- main -------------------------------------------------------------- */

static void
print_usage (gboolean to_stderr)
{
  g_autofree char *text = g_strdup_printf ("%s\n  waymark [FILE…]   %s\n\n%s\n",
                                           _("Usage:"), _("open maps in the app"),
                                           wm_cli_get_summary ());

  if (to_stderr)
    g_printerr ("%s", text);
  else
    g_print ("%s", text);
}

int
wm_cli_main (int    argc,
             char **argv)
{
  const char *command;

  if (argc < 2)
    {
      print_usage (TRUE);
      return WM_CLI_EXIT_USAGE;
    }

  command = argv[1];

  if (g_str_equal (command, "--version"))
    {
      g_print ("waymark %s\n", PACKAGE_VERSION);
      return WM_CLI_EXIT_OK;
    }

  if (is_help (command))
    {
      print_usage (FALSE);
      return WM_CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (command, subcommands[i].name))
      return subcommands[i].main (argc - 1, argv + 1);

  g_printerr (_("waymark: unknown command “%s”\n"), command);
  print_usage (TRUE);
  return WM_CLI_EXIT_USAGE;
}
