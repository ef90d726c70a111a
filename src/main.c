/* main.c - `waymark`: the GUI, or a CLI subcommand run headless */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "wm-cli.h"

#ifdef WM_HAVE_GUI
# include "wm-application.h"
#endif

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Subcommands never open a display: they must work on a server or in CI. */
  if (argc > 1 && wm_cli_is_subcommand (argv[1]))
    return wm_cli_main (argc, argv);

#ifdef WM_HAVE_GUI
  {
    g_autoptr(GApplication) app = G_APPLICATION (wm_application_new ());

    return g_application_run (app, argc, argv);
  }
#else
  if (argc > 1 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    return wm_cli_main (argc, argv);

  g_printerr ("%s\n", _("waymark: this build has no GUI; try `waymark export --help`"));
  return WM_CLI_EXIT_USAGE;
#endif
}
