/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-install.c - `meson install` puts a good GNOME citizen in place
 *
 * Installs this build tree into a temporary DESTDIR, as a distribution or
 * Flatpak would, and checks what lands there: the binaries, the desktop
 * file, AppStream metainfo, GSettings schema, MIME type, icons and the
 * zh_CN translations, each named after the app id; and runs the validators
 * that distributions and Flathub run on them. With the MIME database built
 * it asks GIO, as the file manager does on a double-click, which type a map
 * has and which application opens it. A missing tool skips only its check. */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "../test-util.h"

#define MIME_TYPE "application/x-waymark+xml"

typedef struct
{
  char *destdir;     /* the temporary DESTDIR */
  char *root;        /* DESTDIR + prefix */
  char *bindir;      /* each of these is DESTDIR + the configured dir */
  char *libexecdir;
  char *datadir;
  char *localedir;
  gboolean have_gui; /* waymark-gui was built, so it must be installed */
} Install;

static Install install;

/* The build tree this test belongs to: G_TEST_BUILDDIR is its tests/. */
static char *
build_root (void)
{
  return g_test_build_filename (G_TEST_BUILT, "..", NULL);
}

/* The directory option @name (prefix, bindir, …) of the build, as meson
 * reports it: relative to the prefix unless absolute. */
static char *
build_option (JsonArray  *options,
              const char *name)
{
  for (guint i = 0; i < json_array_get_length (options); i++)
    {
      JsonObject *option = json_array_get_object_element (options, i);

      if (g_str_equal (json_object_get_string_member (option, "name"), name))
        return g_strdup (json_object_get_string_member (option, "value"));
    }

  g_error ("meson reports no option %s", name);
  return NULL;
}

static char *
installed_dir (JsonArray  *options,
               const char *prefix,
               const char *name)
{
  g_autofree char *value = build_option (options, name);

  if (g_path_is_absolute (value))
    return g_build_filename (install.destdir, value, NULL);

  return g_build_filename (install.destdir, prefix, value, NULL);
}

/* Installs the build tree once, for all the tests below. --no-rebuild:
 * `meson test` has just built it, and a test must not run ninja in a tree
 * other tests are using. */
static gboolean
ensure_installed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *builddir = NULL;
  g_autofree char *options_json = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *gui = NULL;
  JsonArray *options;

  if (install.root != NULL)
    return TRUE;
  if (!test_have_tool ("meson"))
    return FALSE;

  builddir = build_root ();
  install.destdir = g_dir_make_tmp ("waymark-install-XXXXXX", &error);
  g_assert_no_error (error);

  {
    const char *argv[] = { "meson", "introspect", builddir, "--buildoptions", NULL };

    options_json = test_run_ok (NULL, argv, NULL, NULL);
  }
  json_parser_load_from_data (parser, options_json, -1, &error);
  g_assert_no_error (error);
  options = json_node_get_array (json_parser_get_root (parser));

  prefix = build_option (options, "prefix");
  install.root = g_build_filename (install.destdir, prefix, NULL);
  install.bindir = installed_dir (options, prefix, "bindir");
  install.libexecdir = installed_dir (options, prefix, "libexecdir");
  install.datadir = installed_dir (options, prefix, "datadir");
  install.localedir = installed_dir (options, prefix, "localedir");

  gui = g_build_filename (builddir, "src", "waymark-gui", NULL);
  install.have_gui = g_file_test (gui, G_FILE_TEST_IS_EXECUTABLE);

  {
    const char *argv[] = { "meson", "install", "--no-rebuild", "--quiet",
                           "-C", builddir, "--destdir", install.destdir, NULL };

    g_free (test_run_ok (NULL, argv, NULL, NULL));
  }

  return TRUE;
}

static char *
data_file (const char *first,
           ...)
{
  g_autofree char *relative = NULL;
  va_list args;

  va_start (args, first);
  relative = g_build_filename_valist (first, &args);
  va_end (args);

  return g_build_filename (install.datadir, relative, NULL);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
assert_file (const char *path,
             GFileTest   test)
{
  if (!g_file_test (path, test))
    g_test_fail_printf ("not installed: %s", path);
}

/* /Waymark/Install/layout: every file the issue lists is in place. */
static void
test_install_layout (void)
{
  g_autofree char *waymark = NULL;
  g_autofree char *gui = NULL;
  g_autofree char *mo = NULL;
  const char *shared[] = {
    "applications/" APP_ID ".desktop",
    "metainfo/" APP_ID ".metainfo.xml",
    "glib-2.0/schemas/" APP_ID ".gschema.xml",
    "mime/packages/" APP_ID ".xml",
    "icons/hicolor/scalable/apps/" APP_ID ".svg",
    "icons/hicolor/symbolic/apps/" APP_ID "-symbolic.svg",
    "icons/hicolor/scalable/mimetypes/application-x-waymark+xml.svg",
    "waymark/waymark.rng",
    "waymark/waymark.schema.json",
  };

  if (!ensure_installed ())
    return;

  waymark = g_build_filename (install.bindir, "waymark", NULL);
  assert_file (waymark, G_FILE_TEST_IS_EXECUTABLE);

  gui = g_build_filename (install.libexecdir, "waymark-gui", NULL);
  if (install.have_gui)
    assert_file (gui, G_FILE_TEST_IS_EXECUTABLE);
  else
    g_assert_false (g_file_test (gui, G_FILE_TEST_EXISTS));

  for (guint i = 0; i < G_N_ELEMENTS (shared); i++)
    {
      g_autofree char *path = data_file (shared[i], NULL);

      assert_file (path, G_FILE_TEST_IS_REGULAR);
    }

  mo = g_build_filename (install.localedir, "zh_CN", "LC_MESSAGES", "waymark.mo", NULL);
  assert_file (mo, G_FILE_TEST_IS_REGULAR);
}

/* Adds to @wrong every file under @dir (recursively) that is not named
 * @app_id followed by one of @suffixes. */
static void
collect_misnamed (const char         *dir,
                  const char * const *suffixes,
                  GPtrArray          *wrong,
                  guint              *n_files)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) handle = g_dir_open (dir, 0, &error);
  const char *name;

  g_assert_no_error (error);

  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      gboolean named = FALSE;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          collect_misnamed (path, suffixes, wrong, n_files);
          continue;
        }

      (*n_files)++;
      for (guint i = 0; suffixes[i] != NULL; i++)
        {
          g_autofree char *expected = g_strconcat (APP_ID, suffixes[i], NULL);

          named = named || g_str_equal (name, expected);
        }

      if (!named)
        g_ptr_array_add (wrong, g_steal_pointer (&path));
    }
}

/* /Waymark/Install/app-id-names: every file installed into the shared
 * desktop folders is named after the app id, so it can neither clash with
 * another app's nor be missed by the shell, GNOME Software or Flatpak
 * (which exports only files with the app id's name). */
static void
test_install_app_id_names (void)
{
  static const struct
  {
    const char *dir;
    const char *suffixes[3];
  } folders[] = {
    { "applications", { ".desktop", NULL } },
    { "metainfo", { ".metainfo.xml", NULL } },
    { "glib-2.0/schemas", { ".gschema.xml", NULL } },
    { "mime/packages", { ".xml", NULL } },
    { "icons/hicolor/scalable/apps", { ".svg", NULL } },
    { "icons/hicolor/symbolic/apps", { "-symbolic.svg", NULL } },
  };
  g_autoptr(GPtrArray) wrong = g_ptr_array_new_with_free_func (g_free);
  guint n_files = 0;

  if (!ensure_installed ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *dir = data_file (folders[i].dir, NULL);

      if (g_file_test (dir, G_FILE_TEST_IS_DIR))
        collect_misnamed (dir, folders[i].suffixes, wrong, &n_files);
      else
        g_test_fail_printf ("nothing installed in %s", dir);
    }

  /* One file a folder: the desktop file, metainfo, schema, MIME package and
   * the two app icons. */
  g_assert_cmpuint (n_files, ==, G_N_ELEMENTS (folders));

  for (guint i = 0; i < wrong->len; i++)
    g_test_fail_printf ("not named after %s: %s", APP_ID, (char *) g_ptr_array_index (wrong, i));
}

/* /Waymark/Install/desktop-file: valid, and it opens maps with `waymark`. */
static void
test_install_desktop_file (void)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *exec = NULL;
  g_autofree char *icon = NULL;
  g_autofree char *comment_zh = NULL;
  g_auto(GStrv) mime_types = NULL;

  if (!ensure_installed ())
    return;

  path = data_file ("applications", APP_ID ".desktop", NULL);
  g_key_file_load_from_file (keys, path, G_KEY_FILE_KEEP_TRANSLATIONS, &error);
  g_assert_no_error (error);

  exec = g_key_file_get_string (keys, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (exec, ==, "waymark %U");

  icon = g_key_file_get_string (keys, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_ICON, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (icon, ==, APP_ID);

  mime_types = g_key_file_get_string_list (keys, G_KEY_FILE_DESKTOP_GROUP,
                                           G_KEY_FILE_DESKTOP_KEY_MIME_TYPE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char * const *) mime_types, MIME_TYPE));

  /* The translations were merged in at build time. */
  comment_zh = g_key_file_get_locale_string (keys, G_KEY_FILE_DESKTOP_GROUP,
                                             G_KEY_FILE_DESKTOP_KEY_COMMENT, "zh_CN", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (comment_zh, ==, "设计客户旅程地图");

  if (test_have_tool ("desktop-file-validate"))
    {
      const char *argv[] = { "desktop-file-validate", path, NULL };
      g_autofree char *err = NULL;
      g_autofree char *out = test_run_ok (NULL, argv, NULL, &err);

      /* It exits 0 on warnings too; only hints are acceptable. */
      g_assert_null (strstr (out, "error:"));
      g_assert_null (strstr (out, "warning:"));
    }
}

/* /Waymark/Install/metainfo: AppStream accepts it offline, and it says
 * which maps Waymark opens, in both languages. */
static void
test_install_metainfo (void)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;

  if (!ensure_installed ())
    return;

  path = data_file ("metainfo", APP_ID ".metainfo.xml", NULL);
  contents = read_file (path);
  g_assert_nonnull (strstr (contents, "<id>" APP_ID "</id>"));
  g_assert_nonnull (strstr (contents, "<mediatype>" MIME_TYPE "</mediatype>"));
  g_assert_nonnull (strstr (contents, "<launchable type=\"desktop-id\">" APP_ID ".desktop</launchable>"));
  g_assert_nonnull (strstr (contents, "<summary xml:lang=\"zh_CN\">设计客户旅程地图</summary>"));

  if (test_have_tool ("appstreamcli"))
    {
      const char *argv[] = { "appstreamcli", "validate", "--no-net", "--no-color", path, NULL };

      g_free (test_run_ok (NULL, argv, NULL, NULL));
    }
}

/* /Waymark/Install/schema: the installed schema compiles with --strict. */
static void
test_install_schema (void)
{
  g_autofree char *dir = NULL;

  if (!ensure_installed ())
    return;

  dir = data_file ("glib-2.0", "schemas", NULL);
  if (test_have_tool ("glib-compile-schemas"))
    {
      const char *argv[] = { "glib-compile-schemas", "--strict", "--dry-run", dir, NULL };

      g_free (test_run_ok (NULL, argv, NULL, NULL));
    }
}

/* An environment that sees only the installed tree and the system's data,
 * with a fresh home so the user's own defaults cannot answer for us. */
static char **
desktop_environ (void)
{
  g_autofree char *data_dirs = g_strdup_printf ("%s:/usr/local/share:/usr/share", install.datadir);
  g_autofree char *home = g_build_filename (install.destdir, "home", NULL);
  g_autofree char *data_home = g_build_filename (home, ".local", "share", NULL);
  g_autofree char *config_home = g_build_filename (home, ".config", NULL);
  g_autofree char *path = g_strdup_printf ("%s:%s", install.bindir, g_getenv ("PATH"));
  char **envp = g_get_environ ();

  g_mkdir_with_parents (data_home, 0700);
  g_mkdir_with_parents (config_home, 0700);
  /* GIO hides an application whose Exec= is not on the PATH. */
  envp = g_environ_setenv (envp, "PATH", path, TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_DIRS", data_dirs, TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data_home, TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", config_home, TRUE);
  envp = g_environ_setenv (envp, "XDG_CURRENT_DESKTOP", "GNOME", TRUE);
  envp = g_environ_setenv (envp, "HOME", home, TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  return envp;
}

/* The content type GIO gives @path, as the file manager sees it. */
static char *
content_type (const char *path,
              char      **envp)
{
  const char *argv[] = { "gio", "info", "-a", "standard::content-type", path, NULL };
  g_autofree char *out = test_run_ok (NULL, argv, envp, NULL);
  const char *line = strstr (out, "standard::content-type: ");

  g_assert_nonnull (line);
  return g_strndup (line + strlen ("standard::content-type: "),
                    strcspn (line + strlen ("standard::content-type: "), "\n"));
}

/* /Waymark/Install/double-click: with the installed MIME package in the
 * database, a .waymark file (and a map saved without the extension) is
 * application/x-waymark+xml, and Waymark is the application that opens it. */
static void
test_install_double_click (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = NULL;
  g_autofree char *mime_dir = NULL;
  g_autofree char *applications_dir = NULL;
  g_autofree char *mime_package = NULL;
  g_autofree char *mime = NULL;
  g_autofree char *sample = NULL;
  g_autofree char *map = NULL;
  g_autofree char *bare = NULL;
  g_autofree char *type = NULL;
  g_autofree char *bare_type = NULL;
  g_autofree char *handlers = NULL;
  g_autofree char *default_line = NULL;
  const char *line;
  g_autofree char *contents = NULL;

  if (!ensure_installed ())
    return;

  mime_package = data_file ("mime", "packages", APP_ID ".xml", NULL);
  mime = read_file (mime_package);
  g_assert_nonnull (strstr (mime, "<glob pattern=\"*.waymark\""));
  g_assert_nonnull (strstr (mime, "<comment xml:lang=\"zh_CN\">Waymark 客户旅程地图</comment>"));

  if (!test_have_tool ("update-mime-database") || !test_have_tool ("update-desktop-database") ||
      !test_have_tool ("gio"))
    return;

  /* What the packaging triggers (or meson's post-install step without
   * DESTDIR) do: GIO reads types from the MIME cache and handlers from the
   * applications folder's mimeinfo.cache. */
  mime_dir = data_file ("mime", NULL);
  applications_dir = data_file ("applications", NULL);
  {
    const char *argv[] = { "update-mime-database", mime_dir, NULL };

    g_free (test_run_ok (NULL, argv, NULL, NULL));
  }
  {
    const char *argv[] = { "update-desktop-database", applications_dir, NULL };

    g_free (test_run_ok (NULL, argv, NULL, NULL));
  }

  envp = desktop_environ ();

  sample = g_test_build_filename (G_TEST_DIST, "..", "data", "templates", "en", "camping.waymark", NULL);
  contents = read_file (sample);
  map = g_build_filename (install.destdir, "camping.waymark", NULL);
  bare = g_build_filename (install.destdir, "camping", NULL);
  g_file_set_contents (map, contents, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (bare, contents, -1, &error);
  g_assert_no_error (error);

  type = content_type (map, envp);
  g_assert_cmpstr (type, ==, MIME_TYPE);

  /* No extension: recognised by its root element. */
  bare_type = content_type (bare, envp);
  g_assert_cmpstr (bare_type, ==, MIME_TYPE);

  {
    const char *argv[] = { "gio", "mime", MIME_TYPE, NULL };

    handlers = test_run_ok (NULL, argv, envp, NULL);
  }
  g_test_message ("%s", handlers);
  line = strstr (handlers, "Default application");
  g_assert_nonnull (line);
  default_line = g_strndup (line, strcspn (line, "\n"));
  g_assert_true (g_str_has_suffix (default_line, ": " APP_ID ".desktop"));
}

/* /Waymark/Install/translations: the installed catalogue speaks Chinese to
 * the installed binary. */
static void
test_install_translations (void)
{
  g_auto(GStrv) envp = NULL;
  g_autofree char *waymark = NULL;
  g_autofree char *version = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!ensure_installed ())
    return;

  waymark = g_build_filename (install.bindir, "waymark", NULL);
  {
    const char *argv[] = { waymark, "--version", NULL };

    version = test_run_ok (NULL, argv, NULL, NULL);
  }
  g_assert_nonnull (strstr (version, PACKAGE_VERSION));

  /* The binary looks in the configured LOCALEDIR; point it into DESTDIR. */
  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "WAYMARK_LOCALEDIR", install.localedir, TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "zh_CN", TRUE);
  {
    const char *argv[] = { waymark, "validate", "--no-such-option", NULL };

    status = test_spawn (NULL, argv, envp, G_SPAWN_DEFAULT, &out, &err);
  }
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "请尝试执行"));
}

/* /Waymark/Install/icons: the icons are SVG of the sizes the icon theme
 * spec expects: 128 for the scalable ones, 16 for the symbolic one. */
static void
test_install_icons (void)
{
  static const struct
  {
    const char *path;
    const char *size;
  } icons[] = {
    { "icons/hicolor/scalable/apps/" APP_ID ".svg", "128" },
    { "icons/hicolor/scalable/mimetypes/application-x-waymark+xml.svg", "128" },
    { "icons/hicolor/symbolic/apps/" APP_ID "-symbolic.svg", "16" },
  };

  if (!ensure_installed ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (icons); i++)
    {
      g_autofree char *path = data_file (icons[i].path, NULL);
      g_autofree char *contents = read_file (path);
      g_autofree char *width = g_strdup_printf ("width=\"%s\"", icons[i].size);
      g_autofree char *view_box = g_strdup_printf ("viewBox=\"0 0 %s %s\"", icons[i].size, icons[i].size);
      g_autofree char *rsvg = g_find_program_in_path ("rsvg-convert");

      g_assert_nonnull (strstr (contents, "<svg"));
      g_assert_nonnull (strstr (contents, width));
      g_assert_nonnull (strstr (contents, view_box));

      /* It renders: a broken icon shows as a blank in the shell. */
      if (rsvg != NULL)
        {
          g_autofree char *png = g_build_filename (install.destdir, "icon.png", NULL);
          const char *argv[] = { "rsvg-convert", "-w", "32", "-o", png, path, NULL };

          g_free (test_run_ok (NULL, argv, NULL, NULL));
          g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
          g_unlink (png);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/Install/layout", test_install_layout);
  g_test_add_func ("/Waymark/Install/app-id-names", test_install_app_id_names);
  g_test_add_func ("/Waymark/Install/desktop-file", test_install_desktop_file);
  g_test_add_func ("/Waymark/Install/metainfo", test_install_metainfo);
  g_test_add_func ("/Waymark/Install/schema", test_install_schema);
  g_test_add_func ("/Waymark/Install/double-click", test_install_double_click);
  g_test_add_func ("/Waymark/Install/translations", test_install_translations);
  g_test_add_func ("/Waymark/Install/icons", test_install_icons);

  status = g_test_run ();

  if (install.destdir != NULL)
    test_remove_tree (install.destdir);

  return status;
}
