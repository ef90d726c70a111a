/* SPDX-License-Identifier: GPL-3.0-or-later */
/* waymark-gui.c - the application; `waymark` execs it for the GUI */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"


#include "wm-application.h"
#include "wm-i18n.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GApplication) app = NULL;

  wm_i18n_init ();

  /* Window class, process lists and the portal see "waymark". */
  g_set_prgname ("waymark");

  app = G_APPLICATION (wm_application_new ());
  return g_application_run (app, argc, argv);
}
