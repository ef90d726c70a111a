/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-flatpak.c - the Flatpak manifest, checked as far as it can be here
 *
 * No GNOME runtime can be fetched offline, so the app cannot really be
 * built with flatpak-builder. Instead: flatpak-builder parses the manifest
 * without a warning, the manifest asks for what issue 7 allows and nothing
 * more (no --filesystem: files come through the portal), and the same
 * module, configured with the manifest's options and --prefix=/app, is
 * built from the source tree and installed into a temporary DESTDIR to
 * check the layout Flatpak exports from. Each part skips when its tool is
 * missing. */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "../test-util.h"

static char *tmp_dir;

static char *
manifest_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "flatpak", APP_ID ".json", NULL);
}

/* The manifest builds the GUI; a host without GTK cannot. */
static gboolean
have_gui_deps (void)
{
  const char *argv[] = { "pkg-config", "--exists", "gtk4 >= 4.8", "libadwaita-1 >= 1.2", NULL };
  int status = 0;

  if (!test_have_tool ("pkg-config"))
    return FALSE;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     NULL, NULL, &status, NULL)
      || !g_spawn_check_wait_status (status, NULL))
    {
      g_test_skip ("GTK 4.8 and libadwaita 1.2 development files are not installed");
      return FALSE;
    }
  return TRUE;
}

static JsonObject *
load_manifest (JsonParser *parser)
{
  g_autofree char *path = manifest_path ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* flatpak-builder reads it as it would for a build: a typo in a key is
 * only a WARNING on stderr, so stderr must be clean too. */
static void
test_manifest_parses (void)
{
  g_autofree char *path = manifest_path ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *manifest;

  if (!test_have_tool ("flatpak-builder"))
    return;

  {
    /* It leaves a .flatpak-builder state folder in the working directory. */
    const char *argv[] = { "flatpak-builder", "--show-manifest", path, NULL };

    out = test_run_ok (tmp_dir, argv, NULL, &err);
  }
  if (err != NULL && strstr (err, "WARNING") != NULL)
    g_test_fail_printf ("flatpak-builder warns:\n%s", err);

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  manifest = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (manifest, "id"), ==, APP_ID);
}

/* GNOME 43 is the runtime of GTK 4.8 and libadwaita 1.2, our floor. */
static void
test_manifest_contents (void)
{
  static const char * const allowed[] = {
    "--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri", NULL,
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *manifest = load_manifest (parser);
  JsonArray *finish_args = json_object_get_array_member (manifest, "finish-args");
  JsonArray *modules = json_object_get_array_member (manifest, "modules");
  JsonObject *module;
  JsonObject *source;

  g_assert_cmpstr (json_object_get_string_member (manifest, "id"), ==, APP_ID);
  g_assert_cmpstr (json_object_get_string_member (manifest, "runtime"), ==, "org.gnome.Platform");
  g_assert_cmpstr (json_object_get_string_member (manifest, "runtime-version"), ==, "43");
  g_assert_cmpstr (json_object_get_string_member (manifest, "sdk"), ==, "org.gnome.Sdk");
  g_assert_cmpstr (json_object_get_string_member (manifest, "command"), ==, "waymark");

  /* Exactly these: no --filesystem, no session bus, no network. */
  g_assert_cmpuint (json_array_get_length (finish_args), ==, g_strv_length ((char **) allowed));
  for (guint i = 0; i < json_array_get_length (finish_args); i++)
    {
      const char *arg = json_array_get_string_element (finish_args, i);

      if (!g_strv_contains (allowed, arg))
        g_test_fail_printf ("finish-args has %s", arg);
    }

  /* Our module is the last one (anything before it would be a dependency). */
  g_assert_cmpuint (json_array_get_length (modules), >=, 1);
  module = json_array_get_object_element (modules, json_array_get_length (modules) - 1);
  g_assert_cmpstr (json_object_get_string_member (module, "name"), ==, "waymark");
  g_assert_cmpstr (json_object_get_string_member (module, "buildsystem"), ==, "meson");
  source = json_array_get_object_element (json_object_get_array_member (module, "sources"), 0);
  g_assert_cmpstr (json_object_get_string_member (source, "type"), ==, "dir");
  g_assert_cmpstr (json_object_get_string_member (source, "path"), ==, "..");
}

static void
assert_installed (const char *root,
                  const char *relative)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    g_test_fail_printf ("not installed: /app/%s", relative);
}

/* Builds only what `meson install` installs, as meson lists it: the
 * tests and benchmarks would double the time and are not in the Flatpak. */
static void
build_installed_targets (const char *builddir)
{
  const char *introspect[] = { "meson", "introspect", builddir, "--installed", NULL };
  g_autofree char *json = test_run_ok (NULL, introspect, NULL, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ninja = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GList) built = NULL;
  g_autofree char *prefix = g_strconcat (builddir, G_DIR_SEPARATOR_S, NULL);

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  built = json_object_get_members (json_node_get_object (json_parser_get_root (parser)));

  g_ptr_array_add (ninja, g_strdup ("ninja"));
  g_ptr_array_add (ninja, g_strdup ("-C"));
  g_ptr_array_add (ninja, g_strdup (builddir));
  for (GList *l = built; l != NULL; l = l->next)
    if (g_str_has_prefix (l->data, prefix))
      g_ptr_array_add (ninja, g_strdup ((char *) l->data + strlen (prefix)));
  /* The binaries at least: an empty list would build everything. */
  g_assert_cmpuint (ninja->len, >, 4);
  g_ptr_array_add (ninja, NULL);
  g_free (test_run_ok (NULL, (const char * const *) ninja->pdata, NULL, NULL));
}

/* The manifest's module built on the host: `meson setup --prefix=/app`
 * with the manifest's config-opts, from the source tree into a fresh build
 * dir (never a shared one), then `meson install --destdir`. The compiled
 * schema, MIME and icon caches are Flatpak's job at export, not ours. */
static void
test_host_layout (void)
{
  static const char * const files[] = {
    "bin/waymark",
    "libexec/waymark-gui",
    "share/applications/" APP_ID ".desktop",
    "share/metainfo/" APP_ID ".metainfo.xml",
    "share/glib-2.0/schemas/" APP_ID ".gschema.xml",
    "share/mime/packages/" APP_ID ".xml",
    "share/icons/hicolor/scalable/apps/" APP_ID ".svg",
    "share/icons/hicolor/symbolic/apps/" APP_ID "-symbolic.svg",
    "share/locale/zh_CN/LC_MESSAGES/waymark.mo",
    "share/waymark/waymark.rng",
    "share/waymark/help/index.html",
    "share/waymark/help/zh_CN/index.html",
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *manifest = load_manifest (parser);
  JsonArray *modules = json_object_get_array_member (manifest, "modules");
  JsonObject *module = json_array_get_object_element (modules, json_array_get_length (modules) - 1);
  g_autofree char *srcdir = g_test_build_filename (G_TEST_DIST, "..", NULL);
  g_autofree char *builddir = g_build_filename (tmp_dir, "build", NULL);
  g_autofree char *destdir = g_build_filename (tmp_dir, "dest", NULL);
  g_autofree char *root = g_build_filename (destdir, "app", NULL);
  g_autofree char *desktop_path = NULL;
  g_autofree char *desktop = NULL;
  g_autoptr(GPtrArray) setup = g_ptr_array_new ();
  g_autoptr(GDir) dir = NULL;
  const char *name;
  gint64 start = g_get_monotonic_time ();

  if (!test_have_tool ("meson") || !test_have_tool ("ninja") || !have_gui_deps ())
    return;

  g_ptr_array_add (setup, (char *) "meson");
  g_ptr_array_add (setup, (char *) "setup");
  g_ptr_array_add (setup, (char *) "--prefix=/app");
  if (json_object_has_member (module, "config-opts"))
    {
      JsonArray *opts = json_object_get_array_member (module, "config-opts");

      for (guint i = 0; i < json_array_get_length (opts); i++)
        g_ptr_array_add (setup, (char *) json_array_get_string_element (opts, i));
    }
  g_ptr_array_add (setup, srcdir);
  g_ptr_array_add (setup, builddir);
  g_ptr_array_add (setup, NULL);
  g_free (test_run_ok (NULL, (const char * const *) setup->pdata, NULL, NULL));

  build_installed_targets (builddir);
  {
    const char *argv[] = { "meson", "install", "--no-rebuild", "--quiet", "-C", builddir,
                           "--destdir", destdir, NULL };

    g_free (test_run_ok (NULL, argv, NULL, NULL));
  }
  g_test_message ("set up, built and installed in %.1f s",
                  (g_get_monotonic_time () - start) / 1e6);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    assert_installed (root, files[i]);

  /* A Flatpak build can only write /app. */
  dir = g_dir_open (destdir, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (!g_str_equal (name, "app"))
      g_test_fail_printf ("installed outside /app: /%s", name);

  /* The desktop file starts the manifest's command. */
  desktop_path = g_build_filename (root, "share", "applications", APP_ID ".desktop", NULL);
  if (g_file_get_contents (desktop_path, &desktop, NULL, NULL))
    {
      g_autofree char *exec = g_strdup_printf ("\nExec=%s ",
                                               json_object_get_string_member (manifest, "command"));

      g_assert_nonnull (strstr (desktop, exec));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("waymark-flatpak-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/Waymark/Flatpak/manifest-parses", test_manifest_parses);
  g_test_add_func ("/Waymark/Flatpak/manifest-contents", test_manifest_contents);
  g_test_add_func ("/Waymark/Flatpak/host-layout", test_host_layout);

  ret = g_test_run ();

  test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
