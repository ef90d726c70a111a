/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-goldens.c - what wm_render draws, compared with checked-in images
 *
 * Every shipped template (zh-CN and en) and the crafted maps in
 * files/goldens/ are drawn through wm_render onto an image surface in the
 * light, dark and high-contrast themes, at two scales: the whole map
 * fitted into 960×640, and its top-left 960×640 at 100 %. Each image is
 * compared with goldens/NAME-THEME-SCALE.png. The compare-* cases draw the
 * comparison overlay (wm-render-compare.c) of camping over an older
 * version of it, files/compare/camping-before.waymark, light and dark.
 *
 * Tolerance: a pixel differs when one of its channels is off by more than
 * 32 (of 255); at most 4 pixels may differ. Same fonts, same cairo: the
 * images are identical run after run, so the slack only absorbs rounding.
 * A failure writes BUILD/tests/core/golden-diffs/NAME-actual.png and
 * NAME-diff.png (differing pixels red over a faded copy of the golden).
 *
 * A changed rendering is accepted by regenerating the goldens:
 *   make goldens
 * (WAYMARK_UPDATE_GOLDENS=1 meson test -C build test-goldens), then the
 * changed PNGs show up in `git status` for review. A missing golden or a
 * missing template fails; it never skips. */

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "wm-compare.h"
#include "wm-layout.h"
#include "wm-reader.h"
#include "wm-render.h"

#define VIEW_W          960
#define VIEW_H          640
#define CHANNEL_SLACK   32
#define MAX_DIFFERING   4

typedef struct
{
  char   *map;     /* path of the .waymark */
  char   *name;    /* golden's name, without theme and scale */
  char   *before;  /* compared with this version, or NULL */
  WmTheme theme;
  gboolean fit;
} Case;

static void
case_free (gpointer data)
{
  Case *c = data;

  g_free (c->map);
  g_free (c->name);
  g_free (c->before);
  g_free (c);
}

static char *
data_path (const char *first,
           ...)
{
  const char *datadir = g_getenv ("WAYMARK_DATADIR");
  g_autofree char *base = datadir != NULL ? g_strdup (datadir)
                                          : g_test_build_filename (G_TEST_DIST, "..", "data", NULL);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *part;
  va_list ap;

  g_ptr_array_add (parts, base);
  va_start (ap, first);
  for (part = first; part != NULL; part = va_arg (ap, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (ap);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

static cairo_surface_t *
render (WmLayout  *layout,
        WmCompare *compare,
        gboolean   fit)
{
  WmRenderOptions options = WM_RENDER_OPTIONS_INIT;
  cairo_surface_t *surface;
  double w, h, scale;
  cairo_t *cr;

  wm_layout_get_size (layout, &w, &h);
  if (fit)
    {
      scale = MIN (VIEW_W / w, VIEW_H / h);
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (w * scale),
                                            (int) ceil (h * scale));
    }
  else
    {
      scale = 1.0;
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, VIEW_W, VIEW_H);
      options.clip = (cairo_rectangle_t) { 0, 0, VIEW_W, VIEW_H };
    }
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  options.scale = scale;
  options.compare = compare;
  wm_render (layout, cr, &options);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static gboolean
pixels_differ (guint32 a,
               guint32 b)
{
  for (int shift = 0; shift < 32; shift += 8)
    if (abs ((int) ((a >> shift) & 0xFF) - (int) ((b >> shift) & 0xFF)) > CHANNEL_SLACK)
      return TRUE;
  return FALSE;
}

/* Differing pixels red over a faded golden. */
static cairo_surface_t *
diff_image (cairo_surface_t *golden,
            cairo_surface_t *actual,
            guint           *n_differing)
{
  int w = cairo_image_surface_get_width (golden);
  int h = cairo_image_surface_get_height (golden);
  cairo_surface_t *diff = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  const guchar *g = cairo_image_surface_get_data (golden);
  const guchar *a = cairo_image_surface_get_data (actual);
  guchar *d = cairo_image_surface_get_data (diff);

  *n_differing = 0;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 gp = ((const guint32 *) (g + y * cairo_image_surface_get_stride (golden)))[x];
        guint32 ap = ((const guint32 *) (a + y * cairo_image_surface_get_stride (actual)))[x];
        guint32 *dp = &((guint32 *) (d + y * cairo_image_surface_get_stride (diff)))[x];

        if (pixels_differ (gp, ap))
          {
            (*n_differing)++;
            *dp = 0xFFFF0000;
          }
        else
          {
            guint grey = 192 + (((gp >> 8) & 0xFF) >> 2);

            *dp = 0xFF000000 | grey << 16 | grey << 8 | grey;
          }
      }
  cairo_surface_mark_dirty (diff);
  return diff;
}

static void
write_failure (const char      *name,
               cairo_surface_t *actual,
               cairo_surface_t *diff)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "core", "golden-diffs", NULL);
  g_autofree char *actual_name = g_strconcat (name, "-actual.png", NULL);
  g_autofree char *diff_name = g_strconcat (name, "-diff.png", NULL);
  g_autofree char *actual_path = g_build_filename (dir, actual_name, NULL);
  g_autofree char *diff_path = g_build_filename (dir, diff_name, NULL);

  g_mkdir_with_parents (dir, 0755);
  cairo_surface_write_to_png (actual, actual_path);
  if (diff != NULL)
    cairo_surface_write_to_png (diff, diff_path);
  g_test_message ("wrote %s%s%s", actual_path, diff != NULL ? " and " : "",
                  diff != NULL ? diff_path : "");
}

static void
test_golden (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GFile) file = g_file_new_for_path (c->map);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(WmLayout) layout = NULL;
  g_autoptr(WmCompare) compare = NULL;
  g_autofree char *name = g_strdup_printf ("%s-%s-%s", c->name, wm_theme_to_string (c->theme),
                                           c->fit ? "fit" : "100");
  g_autofree char *png = g_strconcat (name, ".png", NULL);
  g_autofree char *golden_path = g_test_build_filename (G_TEST_DIST, "core", "goldens", png, NULL);
  cairo_surface_t *actual, *golden, *diff;
  guint n_differing;

  document = wm_reader_load_file (file, &error);
  g_assert_no_error (error);
  layout = wm_layout_new (document, c->theme);
  if (c->before != NULL)
    {
      g_autoptr(GFile) before_file = g_file_new_for_path (c->before);
      g_autoptr(WmDocument) before = wm_reader_load_file (before_file, &error);

      g_assert_no_error (error);
      compare = wm_compare_new (before, document);
    }
  actual = render (layout, compare, c->fit);

  if (g_getenv ("WAYMARK_UPDATE_GOLDENS") != NULL)
    {
      g_assert_cmpint (cairo_surface_write_to_png (actual, golden_path), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("updated %s", golden_path);
      cairo_surface_destroy (actual);
      return;
    }

  golden = cairo_image_surface_create_from_png (golden_path);
  if (cairo_surface_status (golden) != CAIRO_STATUS_SUCCESS)
    {
      write_failure (name, actual, NULL);
      g_error ("%s: no golden image (run `make goldens` to make it)", golden_path);
    }
  if (cairo_image_surface_get_width (golden) != cairo_image_surface_get_width (actual) ||
      cairo_image_surface_get_height (golden) != cairo_image_surface_get_height (actual))
    {
      write_failure (name, actual, NULL);
      g_error ("%s: %d×%d drawn, the golden is %d×%d", name,
               cairo_image_surface_get_width (actual), cairo_image_surface_get_height (actual),
               cairo_image_surface_get_width (golden), cairo_image_surface_get_height (golden));
    }

  diff = diff_image (golden, actual, &n_differing);
  if (n_differing > MAX_DIFFERING)
    {
      write_failure (name, actual, diff);
      g_error ("%s: %u pixels differ from the golden (at most %d may)", name, n_differing, MAX_DIFFERING);
    }
  g_test_message ("%s: %u pixels differ", name, n_differing);

  cairo_surface_destroy (diff);
  cairo_surface_destroy (golden);
  cairo_surface_destroy (actual);
  g_assert_finalize_object (g_steal_pointer (&layout));
}

static void
add_cases (GPtrArray  *cases,
           const char *map,
           const char *name,
           const char *before)
{
  static const WmTheme themes[] = { WM_THEME_LIGHT, WM_THEME_DARK, WM_THEME_HIGH_CONTRAST };

  /* A missing map fails at once rather than dropping its cases. */
  if (!g_file_test (map, G_FILE_TEST_IS_REGULAR))
    g_error ("%s is missing", map);

  for (guint t = 0; t < (before != NULL ? 2 : G_N_ELEMENTS (themes)); t++)
    for (int fit = 1; fit >= 0; fit--)
      {
        Case *c = g_new0 (Case, 1);
        g_autofree char *path = NULL;

        c->map = g_strdup (map);
        c->name = g_strdup (name);
        c->before = g_strdup (before);
        c->theme = themes[t];
        c->fit = fit;
        path = g_strdup_printf ("/Waymark/Goldens/%s/%s/%s", name, wm_theme_to_string (c->theme),
                                fit ? "fit" : "100");
        g_test_add_data_func (path, c, test_golden);
        g_ptr_array_add (cases, c);
      }
}

int
main (int   argc,
      char *argv[])
{
  static const char *langs[] = { "zh-CN", "en" };
  static const char *templates[] = { "camping", "insurance", "b2b-services", "customer-service", "blank",
                                     "ssvssj", "one-person-business" };
  static const char *crafted[] = { "elements", "long-text", "empty", "evidence", "pdca" };
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (case_free);
  int status;

  g_test_init (&argc, &argv, NULL);

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    for (guint t = 0; t < G_N_ELEMENTS (templates); t++)
      {
        g_autofree char *file = g_strconcat (templates[t], ".waymark", NULL);
        g_autofree char *map = data_path ("templates", langs[l], file, NULL);
        g_autofree char *name = g_strdup_printf ("%s-%s", templates[t], langs[l]);

        add_cases (cases, map, name, NULL);
      }
  for (guint i = 0; i < G_N_ELEMENTS (crafted); i++)
    {
      g_autofree char *file = g_strconcat (crafted[i], ".waymark", NULL);
      g_autofree char *map = g_test_build_filename (G_TEST_DIST, "core", "files", "goldens", file, NULL);

      add_cases (cases, map, crafted[i], NULL);
    }
  {
    g_autofree char *map = data_path ("templates", "en", "camping.waymark", NULL);
    g_autofree char *before = g_test_build_filename (G_TEST_DIST, "core", "files", "compare",
                                                     "camping-before.waymark", NULL);

    add_cases (cases, map, "compare-camping-en", before);
  }

  status = g_test_run ();
  return status;
}
