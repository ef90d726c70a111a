/* waymark-gui.c - the application; `waymark` execs it for the GUI */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "wm-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Window class, process lists and the portal see "waymark". */
  g_set_prgname ("waymark");

  app = G_APPLICATION (wm_application_new ());
  return g_application_run (app, argc, argv);
}
