/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c - `waymark`: a CLI subcommand run headless, or the GUI
 *
 * This binary links only the core. CLI runs (a batch of fifty exports on a
 * server) never load GTK, which alone costs ~9 MB and startup time; for
 * everything else it becomes waymark-gui, the application. */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "wm-cli.h"
#include "wm-i18n.h"

#ifdef WM_HAVE_GUI
/* Next to this binary in a build tree, in libexecdir once installed. */
static char *
find_gui (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self != NULL ? g_path_get_dirname (self) : NULL;
  g_autofree char *sibling = dir != NULL ? g_build_filename (dir, "waymark-gui", NULL) : NULL;

  if (sibling != NULL && g_file_test (sibling, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&sibling);

  return g_build_filename (LIBEXECDIR, "waymark-gui", NULL);
}

static int
run_gui (char **argv)
{
  g_autofree char *gui = find_gui ();

  execv (gui, argv);
  g_printerr (_("waymark: could not start the application “%s”: %s\n"), gui, g_strerror (errno));
  return WM_CLI_EXIT_USAGE;
}
#endif

int
main (int    argc,
      char **argv)
{
  wm_i18n_init ();

  /* Subcommands and --help never open a display: they must work on a
   * server or in CI. */
  if (argc > 1 && wm_cli_is_subcommand (argv[1]))
    return wm_cli_main (argc, argv);

#ifdef WM_HAVE_GUI
  return run_gui (argv);
#else
  g_printerr ("%s\n", _("waymark: this build has no GUI; try `waymark export --help`"));
  return WM_CLI_EXIT_USAGE;
#endif
}
