/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include "../test-util.h"

#include "wm-error.h"
#include "wm-export.h"
#include "wm-rules.h"
#include "wm-reader.h"
#include "wm-validate.h"
#include "wm-writer.h"

/* ---- helpers ---- */

static GPtrArray *
list_templates (void)
{
  g_autofree char *root = g_test_build_filename (G_TEST_DIST, "..", "data", "templates", NULL);
  g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *lang;

  g_assert_nonnull (dir);

  while ((lang = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *sub = g_build_filename (root, lang, NULL);
      g_autoptr(GDir) files = g_dir_open (sub, 0, NULL);
      const char *name;

      if (files == NULL)
        continue;

      while ((name = g_dir_read_name (files)) != NULL)
        {
          if (g_str_has_suffix (name, ".waymark"))
            g_ptr_array_add (paths, g_build_filename (sub, name, NULL));
        }
    }

  g_ptr_array_sort (paths, (GCompareFunc) g_strcmp0);

  return paths;
}

static void
assert_round_trip (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = NULL;
  g_autofree char *original = NULL;
  g_autofree char *saved = NULL;
  gsize original_length = 0;
  gsize saved_length = 0;

  g_assert_true (g_file_get_contents (path, &original, &original_length, NULL));

  document = wm_reader_load_file (file, &error);
  if (error != NULL)
    g_printerr ("%s\n", error->message);
  g_assert_no_error (error);
  g_assert_nonnull (document);

  saved = wm_writer_to_string (document, &saved_length);
  if (saved_length != original_length || memcmp (saved, original, saved_length) != 0)
    g_printerr ("%s did not round-trip; wrote:\n%s", path, saved);
  g_assert_cmpstr (saved, ==, original);
  g_assert_cmpuint (saved_length, ==, original_length);

  g_assert_finalize_object (g_steal_pointer (&document));
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("waymark-io-XXXXXX", &error);

  g_assert_no_error (error);

  return dir;
}

/* A document that uses every feature of the format. */
static WmDocument *
build_document (void)
{
  WmDocument *document = wm_document_new ();
  g_autoptr(WmPersona) camper = wm_persona_new ("camper");
  g_autoptr(WmPersona) ghost = wm_persona_new ("ghost");
  g_autoptr(WmStage) research = wm_stage_new ("research", "攻略 & <plan>");
  g_autoptr(WmStage) booking = wm_stage_new ("booking", "Booking");
  g_autoptr(WmStage) camp = wm_stage_new ("camp", NULL);
  g_autoptr(WmLane) touch = wm_lane_new ("touch", WM_LANE_TOUCHPOINTS, "触点");
  g_autoptr(WmLane) pain = wm_lane_new ("pain", WM_LANE_PAINS, NULL);
  g_autoptr(WmLane) opps = wm_lane_new ("opps", WM_LANE_OPPORTUNITIES, "Opportunities");
  g_autoptr(WmLane) feel = wm_lane_new ("feel", WM_LANE_EMOTION, NULL);
  g_autoptr(WmCard) c1 = wm_card_new ("c1", "research", "看网红攻略");
  g_autoptr(WmCard) c2 = wm_card_new ("c2", "research", "Traffic > 1 hour\nand \"rain\"\r\n\ttabbed");
  g_autoptr(WmCard) c3 = wm_card_new ("c3", "camp", NULL);
  g_autoptr(WmCurve) curve = wm_curve_new ("camper");
  g_autoptr(WmCurvePoint) p1 = wm_curve_point_new ("research", 1.0, 0.5);
  g_autoptr(WmCurvePoint) p2 = wm_curve_point_new ("booking", -0.5, 0.25);
  g_autoptr(WmCurvePoint) p3 = wm_curve_point_new ("camp", 1.0 / 3.0, 0.1);
  g_autoptr(WmMoment) m1 = wm_moment_new ("m1", WM_MOMENT_AHA, "camper", "camp");
  g_autoptr(WmMoment) m2 = wm_moment_new ("m2", WM_MOMENT_MICRO, "camper", "booking");
  g_autoptr(WmMetric) nps = wm_metric_new (WM_METRIC_NPS, -18);
  g_autoptr(WmMetric) ces = wm_metric_new (WM_METRIC_CES, 4.5);
  const char *goals[] = { "Relax", "Photos & videos", NULL };
  WmForeign *foreign;

  wm_document_set_title (document, "周末露营 <draft> & \"more\"");
  wm_document_set_scenario (document, "Line one\nline two");
  wm_document_set_lang (document, "zh-CN");
  wm_document_add_namespace (document, "acme", "urn:example:acme");
  foreign = wm_item_get_foreign (WM_ITEM (document));
  wm_foreign_add_attr (foreign, "acme", "revision", "7 & \"up\"");
  wm_foreign_add_element (foreign, "<acme:log>saved <b>twice</b></acme:log>");

  wm_persona_set_name (camper, "城市露营爱好者");
  wm_persona_set_color (camper, "#3584e4");
  wm_persona_set_description (camper, "Thirty-ish");
  wm_persona_set_goals (camper, goals);
  wm_persona_set_hidden (ghost, TRUE);
  g_list_store_append (wm_document_get_personas (document), camper);
  g_list_store_append (wm_document_get_personas (document), ghost);

  wm_stage_set_goal (research, "Find a real, good camp");
  g_list_store_append (wm_stage_get_metrics (booking), nps);
  g_list_store_append (wm_stage_get_metrics (booking), ces);
  wm_item_set_id (WM_ITEM (camp), "camp");
  wm_foreign_add_attr (wm_item_get_foreign (WM_ITEM (camp)), "acme", "x", "1");
  g_list_store_append (wm_document_get_stages (document), research);
  g_list_store_append (wm_document_get_stages (document), booking);
  g_list_store_append (wm_document_get_stages (document), camp);

  wm_card_set_touchpoint (c1, WM_TOUCHPOINT_FIRST);
  wm_card_set_key (c1, TRUE);
  wm_card_set_channel (c1, "小红书 \"app\"\nsecond line\tand tab");
  g_list_store_append (wm_lane_get_cards (touch), c1);
  wm_card_set_severity (c2, 3);
  wm_card_set_frequency (c2, 12);
  wm_card_set_span (c2, 2);
  wm_card_set_color (c2, "#E01B24");
  wm_foreign_add_element (wm_item_get_foreign (WM_ITEM (c2)),
                          "<acme:note acme:by=\"ann\">seen twice</acme:note>");
  g_list_store_append (wm_lane_get_cards (pain), c2);
  wm_card_set_owner (c3, "Ops & Support");
  g_list_store_append (wm_lane_get_cards (opps), c3);
  g_list_store_append (wm_document_get_lanes (document), touch);
  g_list_store_append (wm_document_get_lanes (document), pain);
  g_list_store_append (wm_document_get_lanes (document), opps);
  g_list_store_append (wm_document_get_lanes (document), feel);

  g_list_store_append (wm_curve_get_points (curve), p1);
  g_list_store_append (wm_curve_get_points (curve), p2);
  g_list_store_append (wm_curve_get_points (curve), p3);
  g_list_store_append (wm_document_get_curves (document), curve);

  wm_moment_set_at (m1, 0.6);
  wm_moment_set_text (m1, "营地有遮雨棚！");
  g_list_store_append (wm_document_get_moments (document), m1);
  g_list_store_append (wm_document_get_moments (document), m2);

  return document;
}

/* ---- round trips ---- */

static void
test_templates_round_trip (void)
{
  g_autoptr(GPtrArray) paths = list_templates ();

  g_assert_cmpuint (paths->len, >, 0);

  for (guint i = 0; i < paths->len; i++)
    {
      g_test_message ("%s", (const char *) g_ptr_array_index (paths, i));
      assert_round_trip (g_ptr_array_index (paths, i));
    }
}

static void
test_foreign_round_trip (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "files", "foreign.waymark", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = NULL;
  GPtrArray *namespaces;

  assert_round_trip (path);

  /* The foreign parts are really kept, not just passed through by luck. */
  document = wm_reader_load_file (file, &error);
  g_assert_no_error (error);
  namespaces = wm_document_get_namespaces (document);
  g_assert_cmpuint (namespaces->len, >=, 2);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_lanes (document))); i++)
    {
      g_autoptr(WmLane) lane = g_list_model_get_item (G_LIST_MODEL (wm_document_get_lanes (document)), i);
      GListModel *cards = G_LIST_MODEL (wm_lane_get_cards (lane));

      for (guint j = 0; j < g_list_model_get_n_items (cards); j++)
        {
          g_autoptr(WmCard) card = g_list_model_get_item (cards, j);

          if (wm_item_has_foreign (WM_ITEM (card)))
            {
              WmForeign *foreign = wm_item_get_foreign (WM_ITEM (card));

              g_assert_cmpuint (foreign->attrs->len + foreign->elements->len, >, 0);
              return;
            }
        }
    }

  g_assert_not_reached ();
}

static void
test_built_round_trip (void)
{
  g_autoptr(WmDocument) document = build_document ();
  g_autoptr(WmDocument) loaded = NULL;
  g_autoptr(WmDocument) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  gsize length = 0;
  WmCard *card;
  WmCurve *curve;
  WmCurvePoint *point;

  first = wm_writer_to_string (document, &length);
  g_assert_cmpuint (length, ==, strlen (first));

  loaded = wm_reader_load_data (first, length, "built.waymark", &error);
  if (error != NULL)
    g_printerr ("%s\n%s", error->message, first);
  g_assert_no_error (error);

  second = wm_writer_to_string (loaded, NULL);
  g_assert_cmpstr (second, ==, first);

  again = wm_reader_load_data (second, strlen (second), "again.waymark", &error);
  g_assert_no_error (error);
  third = wm_writer_to_string (again, NULL);
  g_assert_cmpstr (third, ==, first);

  /* Values that XML would normalise survive exactly. */
  card = wm_document_find_card (loaded, "c1", NULL);
  g_assert_nonnull (card);
  g_assert_cmpstr (wm_card_get_channel (card), ==, "小红书 \"app\"\nsecond line\tand tab");
  g_assert_true (wm_card_get_key (card));
  g_assert_cmpint (wm_card_get_touchpoint (card), ==, WM_TOUCHPOINT_FIRST);
  card = wm_document_find_card (loaded, "c2", NULL);
  g_assert_cmpstr (wm_card_get_text (card), ==, "Traffic > 1 hour\nand \"rain\"\r\n\ttabbed");
  g_assert_cmpuint (wm_card_get_span (card), ==, 2);
  g_assert_cmpuint (wm_card_get_severity (card), ==, 3);
  g_assert_cmpuint (wm_card_get_frequency (card), ==, 12);
  g_assert_cmpstr (wm_card_get_color (card), ==, "#E01B24");
  curve = wm_document_find_curve (loaded, "camper");
  point = wm_curve_find_point (curve, "camp");
  g_assert_nonnull (point);
  g_assert_cmpfloat (wm_curve_point_get_value (point), ==, 1.0 / 3.0);
  g_assert_cmpfloat (wm_curve_point_get_at (point), ==, 0.1);
  g_assert_true (wm_persona_get_hidden (wm_document_find_persona (loaded, "ghost")));
  g_assert_cmpstr (wm_document_get_lang (loaded), ==, "zh-CN");

  g_assert_finalize_object (g_steal_pointer (&document));
  g_assert_finalize_object (g_steal_pointer (&loaded));
  g_assert_finalize_object (g_steal_pointer (&again));
}

static void
test_canonical_form (void)
{
  g_autoptr(WmDocument) document = build_document ();
  g_autofree char *text = wm_writer_to_string (document, NULL);
  const char *expected =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<map xmlns=\"urn:waymark:map:1\" xmlns:acme=\"urn:example:acme\" format=\"1\" xml:lang=\"zh-CN\" acme:revision=\"7 &amp; &quot;up&quot;\">\n"
    "  <title>周末露营 &lt;draft&gt; &amp; \"more\"</title>\n"
    "  <scenario>Line one\nline two</scenario>\n"
    "  <persona id=\"camper\" color=\"#3584e4\">\n"
    "    <name>城市露营爱好者</name>\n"
    "    <description>Thirty-ish</description>\n"
    "    <goal>Relax</goal>\n"
    "    <goal>Photos &amp; videos</goal>\n"
    "  </persona>\n"
    "  <persona id=\"ghost\" hidden=\"true\"/>\n"
    "  <stage id=\"research\">\n"
    "    <title>攻略 &amp; &lt;plan&gt;</title>\n"
    "    <goal>Find a real, good camp</goal>\n"
    "  </stage>\n"
    "  <stage id=\"booking\">\n"
    "    <title>Booking</title>\n"
    "    <metric kind=\"nps\" value=\"-18\"/>\n"
    "    <metric kind=\"ces\" value=\"4.5\"/>\n"
    "  </stage>\n"
    "  <stage id=\"camp\" acme:x=\"1\"/>\n"
    "  <lane id=\"touch\" kind=\"touchpoints\">\n"
    "    <title>触点</title>\n"
    "    <card id=\"c1\" stage=\"research\" touchpoint=\"first\" key=\"true\" channel=\"小红书 &quot;app&quot;&#10;second line&#9;and tab\">\n"
    "      <text>看网红攻略</text>\n"
    "    </card>\n"
    "  </lane>\n"
    "  <lane id=\"pain\" kind=\"pains\">\n"
    "    <card id=\"c2\" stage=\"research\" severity=\"3\" frequency=\"12\" span=\"2\" color=\"#E01B24\">\n"
    "      <text>Traffic &gt; 1 hour\nand \"rain\"&#13;\n\ttabbed</text>\n"
    "      <acme:note acme:by=\"ann\">seen twice</acme:note>\n"
    "    </card>\n"
    "  </lane>\n"
    "  <lane id=\"opps\" kind=\"opportunities\">\n"
    "    <title>Opportunities</title>\n"
    "    <card id=\"c3\" stage=\"camp\" owner=\"Ops &amp; Support\"/>\n"
    "  </lane>\n"
    "  <lane id=\"feel\" kind=\"emotion\"/>\n"
    "  <curve persona=\"camper\">\n"
    "    <point stage=\"research\" value=\"1\"/>\n"
    "    <point stage=\"booking\" value=\"-0.5\" at=\"0.25\"/>\n"
    "    <point stage=\"camp\" value=\"0.3333333333333333\" at=\"0.1\"/>\n"
    "  </curve>\n"
    "  <moment id=\"m1\" kind=\"aha\" persona=\"camper\" stage=\"camp\" at=\"0.6\">\n"
    "    <text>营地有遮雨棚！</text>\n"
    "  </moment>\n"
    "  <moment id=\"m2\" kind=\"micro\" persona=\"camper\" stage=\"booking\"/>\n"
    "  <acme:log>saved <b>twice</b></acme:log>\n"
    "</map>\n";

  g_assert_cmpstr (text, ==, expected);
}

static void
test_newer_format (void)
{
  const char *data =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<map xmlns=\"urn:waymark:map:1\" format=\"3\">\n"
    "  <title>Later</title>\n"
    "  <hologram/>\n"
    "</map>\n";
  g_autoptr(GError) error = NULL;
  WmDocument *document;

  document = wm_reader_load_data (data, strlen (data), "future.waymark", &error);
  g_assert_null (document);
  g_assert_error (error, WM_ERROR, WM_ERROR_NEWER_FORMAT);
  g_assert_cmpstr (error->message, ==,
                   "future.waymark:2: this map was written by a newer Waymark (format 3); "
                   "this version reads format 1");
}

/* ---- saving ---- */

static WmDocument *
load_string (const char *data)
{
  g_autoptr(GError) error = NULL;
  WmDocument *document = wm_reader_load_data (data, strlen (data), "mem", &error);

  g_assert_no_error (error);

  return document;
}

static void
test_save_and_replace (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "map.waymark", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WmDocument) document = build_document ();
  g_autoptr(WmDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = wm_writer_to_string (document, NULL);
  g_autofree char *contents = NULL;
  struct stat st;

  g_assert_true (wm_writer_save_file (document, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
  g_assert_cmpuint (test_count_entries (dir), ==, 1);

  /* Replacing keeps the file's permissions and leaves no temporary. */
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  wm_document_set_title (document, "Second save");
  g_assert_true (wm_writer_save_file (document, file, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  g_assert_cmpuint (test_count_entries (dir), ==, 1);

  loaded = wm_reader_load_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wm_document_get_title (loaded), ==, "Second save");

  test_remove_tree (dir);
}

static void
write_old_file (const char *path,
                char      **contents,
                gsize      *length)
{
  g_autoptr(WmDocument) old = load_string (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
    "  <title>Old</title>\n"
    "</map>\n");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (wm_writer_save_file (old, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, contents, length, NULL));
}

static void
assert_unchanged (const char *path,
                  const char *contents,
                  gsize       length)
{
  g_autofree char *now = NULL;
  gsize now_length = 0;

  g_assert_true (g_file_get_contents (path, &now, &now_length, NULL));
  g_assert_cmpuint (now_length, ==, length);
  g_assert_cmpmem (now, now_length, contents, length);
}

static void
test_save_read_only_folder (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "x.waymark", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WmDocument) document = build_document ();
  g_autoptr(GError) error = NULL;
  g_autofree char *old = NULL;
  gsize old_length = 0;

  write_old_file (path, &old, &old_length);

  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  if (access (dir, W_OK) == 0)
    {
      /* Root ignores permissions: make the folder itself go away instead. */
      g_autofree char *gone = g_build_filename (dir, "gone", NULL);
      g_autofree char *inside = g_build_filename (gone, "x.waymark", NULL);
      g_autoptr(GFile) lost = g_file_new_for_path (inside);

      g_test_message ("running as root: saving into a folder that vanished");
      g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
      g_assert_cmpint (g_mkdir (gone, 0755), ==, 0);
      g_assert_cmpint (g_rmdir (gone), ==, 0);

      g_assert_false (wm_writer_save_file (document, lost, &error));
      g_assert_error (error, WM_ERROR, WM_ERROR_IO);
      g_assert_cmpstr (error->message, ==, "Could not save “x.waymark”: No such file or directory");
    }
  else
    {
      g_assert_false (wm_writer_save_file (document, file, &error));
      g_assert_error (error, WM_ERROR, WM_ERROR_IO);
      g_assert_cmpstr (error->message, ==, "Could not save “x.waymark”: Permission denied");
      g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
    }

  assert_unchanged (path, old, old_length);
  g_assert_cmpuint (test_count_entries (dir), ==, 1);

  test_remove_tree (dir);
}

static void
test_save_over_folder (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "map.waymark", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WmDocument) document = build_document ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);

  g_assert_false (wm_writer_save_file (document, file, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_IO);
  g_assert_cmpstr (error->message, ==, "Could not save “map.waymark”: Is a directory");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (test_count_entries (dir), ==, 1);

  test_remove_tree (dir);
}

/* The disk "fills up" halfway through the write, even for root: the old
 * file must stay as it was. */
static void
test_save_disk_full (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "full.waymark", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WmDocument) document = build_document ();
  g_autoptr(GError) error = NULL;
  g_autofree char *old = NULL;
  gsize old_length = 0;
  struct rlimit saved;
  struct rlimit limit;
  void (*saved_handler) (int);
  gboolean ok;

  write_old_file (path, &old, &old_length);

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limit = saved;
  limit.rlim_cur = 64;
  saved_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  ok = wm_writer_save_file (document, file, &error);

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, saved_handler);

  g_assert_false (ok);
  g_assert_error (error, WM_ERROR, WM_ERROR_IO);
  g_assert_cmpstr (error->message, ==, "Could not save “full.waymark”: File too large");
  assert_unchanged (path, old, old_length);
  g_assert_cmpuint (test_count_entries (dir), ==, 1);

  test_remove_tree (dir);
}

/* Saves @document to @path; what is then in @target is the document. */
static void
save_and_check (WmDocument *document,
                const char *path,
                const char *target)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = wm_writer_to_string (document, NULL);
  g_autofree char *contents = NULL;

  g_assert_true (wm_writer_save_file (document, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
}

/* Saving through a symbolic link replaces the file it points to and keeps
 * the link. */
static void
test_save_through_symlink (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *target = g_build_filename (dir, "real.waymark", NULL);
  g_autofree char *link = g_build_filename (dir, "link.waymark", NULL);
  g_autoptr(WmDocument) document = build_document ();
  g_autofree char *old = NULL;
  gsize old_length = 0;

  write_old_file (target, &old, &old_length);
  g_assert_cmpint (symlink ("real.waymark", link), ==, 0);

  save_and_check (document, link, target);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_cmpuint (test_count_entries (dir), ==, 2);

  test_remove_tree (dir);
}

/* A chain of links across folders: the last target is replaced, every
 * link stays a link, and no folder gains a file. */
static void
test_save_through_symlink_chain (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *a = g_build_filename (dir, "a", NULL);
  g_autofree char *b = g_build_filename (dir, "b", NULL);
  g_autofree char *first = g_build_filename (a, "map.waymark", NULL);
  g_autofree char *second = g_build_filename (b, "link.waymark", NULL);
  g_autofree char *target = g_build_filename (b, "real.waymark", NULL);
  g_autoptr(WmDocument) document = build_document ();
  g_autofree char *old = NULL;
  gsize old_length = 0;
  struct stat st;

  g_assert_cmpint (g_mkdir (a, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (b, 0700), ==, 0);
  write_old_file (target, &old, &old_length);
  g_assert_cmpint (g_chmod (target, 0604), ==, 0);
  g_assert_cmpint (symlink ("real.waymark", second), ==, 0);
  g_assert_cmpint (symlink ("../b/link.waymark", first), ==, 0);

  save_and_check (document, first, target);
  g_assert_true (g_file_test (first, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_test (second, G_FILE_TEST_IS_SYMLINK));
  g_assert_cmpint (stat (target, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0604);
  g_assert_cmpuint (test_count_entries (a), ==, 1);
  g_assert_cmpuint (test_count_entries (b), ==, 2);

  test_remove_tree (dir);
}

/* A link to nothing (yet): the save creates what it points to, and the
 * link stays. A loop of links is refused and changes nothing. */
static void
test_save_through_odd_symlinks (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *dangling = g_build_filename (dir, "dangling.waymark", NULL);
  g_autofree char *target = g_build_filename (dir, "new.waymark", NULL);
  g_autofree char *loop_a = g_build_filename (dir, "loop-a.waymark", NULL);
  g_autofree char *loop_b = g_build_filename (dir, "loop-b.waymark", NULL);
  g_autoptr(GFile) loop_file = g_file_new_for_path (loop_a);
  g_autoptr(WmDocument) document = build_document ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (symlink ("new.waymark", dangling), ==, 0);
  save_and_check (document, dangling, target);
  g_assert_true (g_file_test (dangling, G_FILE_TEST_IS_SYMLINK));

  g_assert_cmpint (symlink ("loop-b.waymark", loop_a), ==, 0);
  g_assert_cmpint (symlink ("loop-a.waymark", loop_b), ==, 0);
  g_assert_false (wm_writer_save_file (document, loop_file, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_IO);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, g_strerror (ELOOP)));
  g_assert_true (g_file_test (loop_a, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_test (loop_b, G_FILE_TEST_IS_SYMLINK));
  g_assert_cmpuint (test_count_entries (dir), ==, 4);

  test_remove_tree (dir);
}

/* Decided and documented (data/waymark-format.md): a save replaces the
 * file by rename, so a hard link elsewhere keeps the version it had, as
 * with GIO's g_file_replace. Atomicity comes first; writing in place
 * would let a crash leave half a map. */
static void
test_save_hard_link (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "map.waymark", NULL);
  g_autofree char *other = g_build_filename (dir, "other.waymark", NULL);
  g_autoptr(WmDocument) document = build_document ();
  g_autofree char *old = NULL;
  gsize old_length = 0;
  struct stat st;

  write_old_file (path, &old, &old_length);
  g_assert_cmpint (link (path, other), ==, 0);
  save_and_check (document, path, path);
  assert_unchanged (other, old, old_length);
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_nlink, ==, 1);

  test_remove_tree (dir);
}

/* ---- validation ---- */

static void
test_validate_templates (void)
{
  g_autoptr(GPtrArray) paths = list_templates ();
  g_autofree char *foreign = g_test_build_filename (G_TEST_DIST, "core", "files", "foreign.waymark", NULL);

  g_ptr_array_add (paths, g_strdup (foreign));
  g_assert_cmpuint (paths->len, >, 1);

  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_ptr_array_index (paths, i));
      g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      gboolean valid;

      valid = wm_validate_file (file, messages, &error);
      for (guint j = 0; j < messages->len; j++)
        g_printerr ("%s\n", (const char *) g_ptr_array_index (messages, j));
      g_assert_no_error (error);
      g_assert_true (valid);
      g_assert_cmpuint (messages->len, ==, 0);
    }
}

static gboolean
has_message (GPtrArray  *messages,
             const char *prefix,
             const char *needle)
{
  for (guint i = 0; i < messages->len; i++)
    {
      const char *message = g_ptr_array_index (messages, i);

      if (g_str_has_prefix (message, prefix) && strstr (message, needle) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
test_validate_errors (void)
{
  const char *data =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
    "  <title>Broken</title>\n"
    "  <stage id=\"s1\" colour=\"red\"/>\n"
    "  <lane id=\"l1\" kind=\"pains\">\n"
    "    <card id=\"c1\" stage=\"s9\" severity=\"9\"/>\n"
    "  </lane>\n"
    "  <moment id=\"m1\" kind=\"aha\" persona=\"nobody\" stage=\"s1\"/>\n"
    "</map>\n";
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "broken.waymark", NULL);
  g_autofree char *line4 = g_strdup_printf ("%s:4: ", path);
  g_autofree char *line6 = g_strdup_printf ("%s:6: ", path);
  g_autofree char *line8 = g_strdup_printf ("%s:8: ", path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) shape = g_regex_new ("^.+:[0-9]+: .+$", 0, 0, NULL);
  long previous = 0;

  g_assert_true (g_file_set_contents (path, data, -1, NULL));

  g_assert_false (wm_validate_file (file, messages, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == WM_ERROR);
  g_assert_true (g_str_has_prefix (error->message, line4));

  for (guint i = 0; i < messages->len; i++)
    {
      const char *message = g_ptr_array_index (messages, i);
      long line;

      g_test_message ("%s", message);
      g_assert_true (g_regex_match (shape, message, 0, NULL));
      g_assert_true (g_str_has_prefix (message, path));
      line = strtol (message + strlen (path) + 1, NULL, 10);
      g_assert_cmpint (line, >=, previous);
      previous = line;
    }

  /* The schema, then the checks it cannot express. */
  g_assert_true (has_message (messages, line4, "colour"));
  g_assert_true (has_message (messages, line6, "stage “s9” is not defined"));
  g_assert_true (has_message (messages, line6, "severity=“9” is out of range"));
  g_assert_true (has_message (messages, line8, "persona “nobody” is not defined"));

  test_remove_tree (dir);
}

static void
test_validate_refused (void)
{
  const char *data =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE map [ <!ENTITY x SYSTEM \"file:///etc/passwd\"> ]>\n"
    "<map xmlns=\"urn:waymark:map:1\" format=\"1\"><title>&x;</title></map>\n";
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_assert_false (wm_validate_data (data, strlen (data), "evil.waymark", messages, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_FORBIDDEN);
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (messages, 0), ==,
                   "evil.waymark:2: documents with a DOCTYPE are refused (entities could read other files)");
}

static void
quiet_cb (void        *user_data,
          xmlErrorPtr  error)
{
}

/* The reader and the schema agree: what the schema can express, it
 * refuses too; references, duplicates and spans need the reader. */
static void
test_schema_agrees (void)
{
  static const struct {
    const char *file;
    gboolean    schema_valid;
  } cases[] = {
    { "unknown-lane-kind", FALSE }, { "point-value", FALSE }, { "severity", FALSE },
    { "moment-at", FALSE }, { "metric-range", FALSE }, { "not-a-number", FALSE },
    { "bad-color", FALSE }, { "bad-id", FALSE }, { "unknown-element", FALSE },
    { "wrong-order", FALSE }, { "newer-format", FALSE },
    { "duplicate-id", TRUE }, { "dangling-stage", TRUE }, { "dangling-persona", TRUE },
    { "span", TRUE },
  };
  g_autoptr(GBytes) rng = NULL;
  g_autoptr(GError) error = NULL;
  xmlRelaxNGParserCtxt *parser;
  xmlRelaxNG *schema;

  rng = g_resources_lookup_data ("/io/github/waymark/Waymark/core/waymark.rng", 0, &error);
  g_assert_no_error (error);
  parser = xmlRelaxNGNewMemParserCtxt (g_bytes_get_data (rng, NULL), (int) g_bytes_get_size (rng));
  schema = xmlRelaxNGParse (parser);
  xmlRelaxNGFreeParserCtxt (parser);
  g_assert_nonnull (schema);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strconcat (cases[i].file, ".waymark", NULL);
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "files", "hostile", name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      xmlRelaxNGValidCtxt *valid = xmlRelaxNGNewValidCtxt (schema);
      xmlDoc *doc = xmlReadFile (path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
      WmDocument *document;

      g_test_message ("%s", name);
      g_assert_nonnull (doc);
      xmlRelaxNGSetValidStructuredErrors (valid, quiet_cb, NULL);
      g_assert_cmpint (xmlRelaxNGValidateDoc (valid, doc) == 0, ==, cases[i].schema_valid);
      xmlRelaxNGFreeValidCtxt (valid);
      xmlFreeDoc (doc);

      /* The reader refuses every one of them. */
      document = wm_reader_load_file (file, &error);
      g_assert_null (document);
      g_assert_nonnull (error);
      g_clear_error (&error);
    }

  xmlRelaxNGFree (schema);
}

/* Namespace declarations below <map>, default namespaces inside foreign
 * elements, comments and CRLF line ends. */
static void
test_foreign_edge_cases (void)
{
  const char *input =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
    "<!-- dropped -->\r\n"
    "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\r\n"
    "  <title>T</title>\r\n"
    "  <stage id=\"s1\"/>\r\n"
    "  <lane id=\"l1\" kind=\"notes\">\r\n"
    "    <!-- dropped too -->\r\n"
    "    <card id=\"c1\" stage=\"s1\" xmlns:z=\"urn:z\" z:a=\"1\" xml:space=\"preserve\">\r\n"
    "      <z:b/>\r\n"
    "      <note xmlns=\"urn:n\">hi <em>there</em></note>\r\n"
    "    </card>\r\n"
    "  </lane>\r\n"
    "</map>\r\n";
  const char *expected =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
    "  <title>T</title>\n"
    "  <stage id=\"s1\"/>\n"
    "  <lane id=\"l1\" kind=\"notes\">\n"
    "    <card id=\"c1\" stage=\"s1\" xmlns:z=\"urn:z\" z:a=\"1\" xml:space=\"preserve\">\n"
    "      <z:b/>\n"
    "      <note xmlns=\"urn:n\">hi <em>there</em></note>\n"
    "    </card>\n"
    "  </lane>\n"
    "</map>\n";
  g_autoptr(WmDocument) document = load_string (input);
  g_autoptr(WmDocument) again = NULL;
  g_autofree char *first = wm_writer_to_string (document, NULL);
  g_autofree char *second = NULL;

  g_assert_cmpstr (first, ==, expected);

  again = load_string (first);
  second = wm_writer_to_string (again, NULL);
  g_assert_cmpstr (second, ==, expected);
  g_assert_true (wm_validate_data (second, strlen (second), "edge.waymark", NULL, NULL));
}

/* ---- foreign elements anywhere ---- */

static char *
test_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "core", "files", name, NULL);
}

/* Another tool's elements before <title>, between stages, between cards,
 * first in a card, between a persona's children, between points: all
 * kept where they are, byte for byte. */
static void
test_foreign_anywhere (void)
{
  g_autofree char *path = test_file ("foreign-anywhere.waymark");

  assert_round_trip (path);
}

/* A foreign element whose following child is deleted stays in the
 * parent, after the last child; one before a child that stays, stays. */
static void
test_foreign_anchor_deleted (void)
{
  g_autofree char *path = test_file ("foreign-anywhere.waymark");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = wm_reader_load_file (file, &error);
  g_autoptr(WmDocument) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  WmLane *lane;
  gsize length = 0;

  g_assert_no_error (error);
  lane = wm_list_peek (wm_document_get_lanes (document), 0);
  g_list_store_remove (wm_lane_get_cards (lane), 1);   /* c2, which <acme:x> came before */
  g_list_store_remove (wm_document_get_stages (document), 0);  /* s1: <acme:between> stays put */

  first = wm_writer_to_string (document, &length);
  g_assert_nonnull (strstr (first, "    <card id=\"c1\" stage=\"s1\"/>\n    <acme:x a=\"1\"/>\n  </lane>\n"));
  g_assert_nonnull (strstr (first, "  <acme:between>stages</acme:between>\n  <stage id=\"s2\"/>\n"));
  g_assert_nonnull (strstr (first, "  <acme:first>before the title</acme:first>\n  <title>"));

  /* What was written reads back the same. */
  again = wm_reader_load_data (first, length, "edited.waymark", NULL);
  g_assert_null (again);   /* c1 and the curve name s1, deleted above */
}

/* ---- values the reader refuses ---- */

/* Noncharacters are XML characters, so a file may hold them; a map may
 * not (cairo's PDF writer and Pango fail on them): they become U+FFFD in
 * every text, and the map exports, saves and reloads. */
static void
test_noncharacters (void)
{
  static const char * const nonchars[] = {
    /* U+FDD0, U+FDEF, U+1FFFE, U+10FFFF (U+FFFE and U+FFFF are not XML) */
    "\xEF\xB7\x90", "\xEF\xB7\xAF", "\xF0\x9F\xBF\xBE", "\xF4\x8F\xBF\xBF",
  };
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autoptr(GString) all = g_string_new ("a");
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(WmDocument) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *resaved = NULL;
  g_autofree char *dir = g_dir_make_tmp ("waymark-io-XXXXXX", NULL);
  g_autofree char *out_path = g_build_filename (dir, "nonchar.waymark", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  const WmExportFormat formats[] = { WM_EXPORT_PDF, WM_EXPORT_SVG, WM_EXPORT_PNG };
  const char *n;
  gsize length = 0;

  for (guint i = 0; i < G_N_ELEMENTS (nonchars); i++)
    g_string_append_printf (all, "%s%c", nonchars[i], 'b' + i);
  n = all->str;
  g_string_append_printf (xml,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<map xmlns=\"urn:waymark:map:1\" xmlns:x=\"urn:x\" format=\"1\" x:a=\"%s\">\n"
    "  <title>%s</title>\n  <scenario>%s</scenario>\n"
    "  <persona id=\"p\"><name>%s</name><description>%s</description><goal>%s</goal></persona>\n"
    "  <stage id=\"s\"><title>%s</title><goal>%s</goal></stage>\n"
    "  <lane id=\"l\" kind=\"opportunities\"><title>%s</title>\n"
    "    <card id=\"c\" stage=\"s\" channel=\"%s\" owner=\"%s\" x:b=\"%s\"><text>%s</text><x:e>%s</x:e></card>\n"
    "  </lane>\n"
    "  <lane id=\"t\" kind=\"touchpoints\"><card id=\"d\" stage=\"s\" touchpoint=\"core\" channel=\"%s\"/></lane>\n"
    "  <moment id=\"m\" kind=\"aha\" persona=\"p\" stage=\"s\"><text>%s</text></moment>\n"
    "</map>\n", n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n);

  document = wm_reader_load_data (xml->str, xml->len, "nonchar.waymark", &error);
  g_assert_no_error (error);

  saved = wm_writer_write (document, &length, &error);
  g_assert_no_error (error);
  g_assert_true (wm_rules_text_is_valid (saved, length) || length > WM_MAX_TEXT_BYTES);
  g_assert_null (strstr (saved, "\xEF\xB7\x90"));
  g_assert_null (strstr (saved, "\xF0\x9F\xBF\xBE"));
  g_assert_null (strstr (saved, "\xF4\x8F\xBF\xBF"));

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      WmExportOptions options = WM_EXPORT_OPTIONS_INIT;
      g_autoptr(GBytes) bytes = NULL;

      options.format = formats[f];
      bytes = wm_export_to_bytes (document, &options, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (bytes), >, 100);
    }

  g_assert_true (wm_writer_save_file (document, out, &error));
  g_assert_no_error (error);
  again = wm_reader_load_file (out, &error);
  g_assert_no_error (error);
  resaved = wm_writer_to_string (again, NULL);
  g_assert_cmpstr (resaved, ==, saved);

  g_unlink (out_path);
  g_rmdir (dir);
}

/* An id cannot be changed without breaking what names it: one with a
 * noncharacter is refused, not mended. */
static void
test_noncharacter_id (void)
{
  const char *xml =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
    "  <title>Ids</title>\n"
    "  <stage id=\"s\xF0\x9F\xBF\xBE\"/>\n"
    "</map>\n";
  g_autoptr(GError) error = NULL;

  g_assert_null (wm_reader_load_data (xml, strlen (xml), "id.waymark", &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "id.waymark:4: "));
  g_assert_nonnull (strstr (error->message, "is not a valid id"));
}

static WmDocument *
small_document (void)
{
  WmDocument *document = wm_document_new ();
  g_autoptr(WmStage) s1 = wm_stage_new ("s1", "One");
  g_autoptr(WmLane) lane = wm_lane_new ("l1", WM_LANE_PAINS, "Pains");
  g_autoptr(WmCard) card = wm_card_new ("c7", "s1", "Queue");

  wm_document_set_title (document, "Small");
  g_list_store_append (wm_document_get_stages (document), s1);
  g_list_store_append (wm_lane_get_cards (lane), card);
  g_list_store_append (wm_document_get_lanes (document), lane);

  return document;
}

/* Saves @document over a good file: the save must fail saying @needle,
 * and the good file must be as it was. */
static void
assert_save_refused (WmDocument *document,
                     const char *needle)
{
  g_autoptr(WmDocument) good = small_document ();
  g_autofree char *dir = g_dir_make_tmp ("waymark-io-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "map.waymark", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *expected = wm_writer_to_string (good, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (wm_writer_write (document, NULL, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, needle));
  g_clear_error (&error);

  g_assert_true (wm_writer_save_file (good, file, &error));
  g_assert_false (wm_writer_save_file (document, file, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Could not save “map.waymark”: "));
  g_assert_nonnull (strstr (error->message, needle));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);

  g_unlink (path);
  g_rmdir (dir);
}

/* The writer refuses what the reader would refuse, naming the item. */
static void
test_writer_refuses (void)
{
  const char * const bad_goals[] = { "fine", "lone \xED\xA0\x80 surrogate", NULL };
  g_autoptr(WmDocument) color = small_document ();
  g_autoptr(WmDocument) span = small_document ();
  g_autoptr(WmDocument) stage = small_document ();
  g_autoptr(WmDocument) goal = small_document ();
  g_autoptr(WmDocument) id = small_document ();
  g_autoptr(WmDocument) twice = small_document ();
  g_autoptr(WmPersona) persona = wm_persona_new ("p1");
  g_autoptr(WmStage) again = wm_stage_new ("c7", NULL);
  WmCard *card;

  /* The model's setters already refuse a colour or a goal the reader
   * would: the writer's own checks are the second line behind them. */
  card = wm_document_find_card (color, "c7", NULL);
  wm_card_set_color (card, "red\"/><x");
  g_assert_null (wm_card_get_color (card));

  wm_card_set_span (wm_document_find_card (span, "c7", NULL), 2);
  assert_save_refused (span, "card “c7”: span 2 runs past the last stage");

  g_object_set (wm_document_find_card (stage, "c7", NULL), "stage", "s9", NULL);
  assert_save_refused (stage, "card “c7”: stage “s9” is not defined");

  wm_persona_set_goals (persona, bad_goals);
  g_assert_cmpstr (wm_persona_get_goals (persona)[1], ==, "lone \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD surrogate");
  g_list_store_append (wm_document_get_personas (goal), persona);

  wm_item_set_id (WM_ITEM (wm_document_find_card (id, "c7", NULL)), "1st card");
  assert_save_refused (id, "“1st card” is not a valid id");

  g_list_store_append (wm_document_get_stages (twice), again);
  assert_save_refused (twice, "id “c7” is used twice");
}

/* The bytes of a save are read back before they replace anything. */
static void
test_save_reads_back (void)
{
  g_autoptr(WmDocument) good = small_document ();
  g_autofree char *dir = g_dir_make_tmp ("waymark-io-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "map.waymark", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *expected = wm_writer_to_string (good, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  const char *broken = "<?xml version=\"1.0\"?>\n<map xmlns=\"urn:waymark:map:1\" format=\"1\"><title>x</title>\n";

  g_assert_true (wm_writer_save_file (good, file, &error));
  g_assert_false (wm_writer_save_data (file, broken, strlen (broken), &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message,
                                   "Could not save “map.waymark”: the saved map would not open again: map.waymark:"));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/IO/templates-round-trip", test_templates_round_trip);
  g_test_add_func ("/Waymark/IO/foreign-round-trip", test_foreign_round_trip);
  g_test_add_func ("/Waymark/IO/built-round-trip", test_built_round_trip);
  g_test_add_func ("/Waymark/IO/canonical-form", test_canonical_form);
  g_test_add_func ("/Waymark/IO/newer-format", test_newer_format);
  g_test_add_func ("/Waymark/IO/save-and-replace", test_save_and_replace);
  g_test_add_func ("/Waymark/IO/save-read-only-folder", test_save_read_only_folder);
  g_test_add_func ("/Waymark/IO/save-over-folder", test_save_over_folder);
  g_test_add_func ("/Waymark/IO/save-disk-full", test_save_disk_full);
  g_test_add_func ("/Waymark/IO/save-through-symlink", test_save_through_symlink);
  g_test_add_func ("/Waymark/IO/save-through-symlink-chain", test_save_through_symlink_chain);
  g_test_add_func ("/Waymark/IO/save-through-odd-symlinks", test_save_through_odd_symlinks);
  g_test_add_func ("/Waymark/IO/save-hard-link", test_save_hard_link);
  g_test_add_func ("/Waymark/IO/validate-templates", test_validate_templates);
  g_test_add_func ("/Waymark/IO/validate-errors", test_validate_errors);
  g_test_add_func ("/Waymark/IO/validate-refused", test_validate_refused);
  g_test_add_func ("/Waymark/IO/schema-agrees", test_schema_agrees);
  g_test_add_func ("/Waymark/IO/foreign-edge-cases", test_foreign_edge_cases);
  g_test_add_func ("/Waymark/IO/foreign-anywhere", test_foreign_anywhere);
  g_test_add_func ("/Waymark/IO/foreign-anchor-deleted", test_foreign_anchor_deleted);
  g_test_add_func ("/Waymark/IO/noncharacters", test_noncharacters);
  g_test_add_func ("/Waymark/IO/noncharacter-id", test_noncharacter_id);
  g_test_add_func ("/Waymark/IO/writer-refuses", test_writer_refuses);
  g_test_add_func ("/Waymark/IO/save-reads-back", test_save_reads_back);

  return g_test_run ();
}
