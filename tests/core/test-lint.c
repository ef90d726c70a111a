/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-lint.c - the eight-elements check on the templates and thin maps */

#include <string.h>

#include <glib.h>

#include "wm-lint.h"
#include "wm-reader.h"

#include "../test-maps.h"

static WmDocument *
load (const char *body)
{
  g_autofree char *xml = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                          "<map xmlns=\"urn:waymark:map:1\" format=\"1\" xml:lang=\"en\">\n"
                                          "<title>T</title>\n%s</map>\n", body);
  g_autoptr(GError) error = NULL;
  WmDocument *document = wm_reader_load_data (xml, strlen (xml), "thin.waymark", &error);

  g_assert_no_error (error);
  return document;
}

static WmLintFinding *
finding (GPtrArray     *findings,
         WmLintElement  element)
{
  g_assert_cmpuint (findings->len, ==, WM_LINT_N_ELEMENTS);
  return g_ptr_array_index (findings, element);
}

/* Every template but the blank one is a worked example of the method:
 * all eight elements, none thin. */
static void
test_templates_complete (void)
{
  const char *langs[] = { "en", "zh-CN" };
  guint checked = 0;

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_autofree char *data = test_datadir ();
      g_autofree char *dir = g_build_filename (data, "templates", langs[l], NULL);
      g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
      const char *name;

      g_assert_nonnull (listing);
      while ((name = g_dir_read_name (listing)) != NULL)
        {
          g_autoptr(WmDocument) document = NULL;
          g_autoptr(GPtrArray) findings = NULL;

          if (!g_str_has_suffix (name, ".waymark") || g_str_equal (name, "blank.waymark"))
            continue;
          document = test_load_template (langs[l], name);
          findings = wm_lint_document (document);
          for (guint e = 0; e < WM_LINT_N_ELEMENTS; e++)
            if (finding (findings, e)->level != WM_LINT_OK)
              g_error ("%s/%s: %s: %s", langs[l], name, wm_lint_element_label (e),
                       finding (findings, e)->message);
          checked++;
        }
    }
  g_assert_cmpuint (checked, >=, 8);
}

static void
test_blank_missing (void)
{
  g_autoptr(WmDocument) document = test_load_template ("en", "blank.waymark");
  g_autoptr(GPtrArray) findings = wm_lint_document (document);
  const WmLintElement missing[] = { WM_LINT_SCENARIO, WM_LINT_TOUCHPOINTS, WM_LINT_BEHAVIOUR,
                                    WM_LINT_OPPORTUNITIES, WM_LINT_OWNERS };

  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    g_assert_cmpint (finding (findings, missing[i])->level, ==, WM_LINT_MISSING);
  /* A name alone and a flat line are there, but say nothing yet. */
  g_assert_cmpint (finding (findings, WM_LINT_PERSONA)->level, ==, WM_LINT_THIN);
  g_assert_cmpint (finding (findings, WM_LINT_EMOTION)->level, ==, WM_LINT_THIN);
  g_assert_cmpint (finding (findings, WM_LINT_STAGES)->level, ==, WM_LINT_OK);
}

static void
test_empty_map (void)
{
  g_autoptr(WmDocument) document = load ("");
  g_autoptr(GPtrArray) findings = wm_lint_document (document);

  for (guint e = 0; e < WM_LINT_N_ELEMENTS; e++)
    g_assert_cmpint (finding (findings, e)->level, ==, WM_LINT_MISSING);
}

static void
test_thin_map (void)
{
  g_autoptr(WmDocument) document = load (
    "<scenario>Buying a tent</scenario>\n"
    "<persona id=\"p\"><name>P</name><goal>Sleep dry</goal></persona>\n"
    "<stage id=\"a\"><title>A</title></stage>\n"
    "<stage id=\"b\"><title>B</title></stage>\n"
    "<lane id=\"act\" kind=\"actions\"><title>Act</title>\n"
    "  <card id=\"c1\" stage=\"a\"><text>x</text></card>\n"
    "  <card id=\"c2\" stage=\"b\"><text>y</text></card></lane>\n"
    "<lane id=\"tp\" kind=\"touchpoints\"><title>Tp</title>\n"
    "  <card id=\"t1\" stage=\"a\"><text>shop</text></card></lane>\n"
    "<lane id=\"op\" kind=\"opportunities\"><title>Op</title>\n"
    "  <card id=\"o1\" stage=\"a\" owner=\"Sales\"><text>o</text></card>\n"
    "  <card id=\"o2\" stage=\"b\"><text>o</text></card>\n"
    "  <card id=\"o3\" stage=\"b\"><text>o</text></card></lane>\n"
    "<curve persona=\"p\"><point stage=\"a\" value=\"1\"/></curve>\n");
  g_autoptr(GPtrArray) findings = wm_lint_document (document);

  g_assert_cmpint (finding (findings, WM_LINT_PERSONA)->level, ==, WM_LINT_OK);
  g_assert_cmpint (finding (findings, WM_LINT_SCENARIO)->level, ==, WM_LINT_OK);
  g_assert_cmpint (finding (findings, WM_LINT_STAGES)->level, ==, WM_LINT_THIN);
  g_assert_cmpstr (finding (findings, WM_LINT_STAGES)->message, ==, "only 2 stages");
  g_assert_cmpint (finding (findings, WM_LINT_TOUCHPOINTS)->level, ==, WM_LINT_THIN);
  g_assert_cmpstr (finding (findings, WM_LINT_TOUCHPOINTS)->message, ==, "1 of 2 stages has none");
  g_assert_cmpint (finding (findings, WM_LINT_BEHAVIOUR)->level, ==, WM_LINT_OK);
  g_assert_cmpint (finding (findings, WM_LINT_EMOTION)->level, ==, WM_LINT_THIN);
  g_assert_cmpint (finding (findings, WM_LINT_OPPORTUNITIES)->level, ==, WM_LINT_OK);
  g_assert_cmpint (finding (findings, WM_LINT_OWNERS)->level, ==, WM_LINT_THIN);
  g_assert_cmpstr (finding (findings, WM_LINT_OWNERS)->message, ==, "2 of 3 opportunities have no owner");
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/Lint/templates-complete", test_templates_complete);
  g_test_add_func ("/Waymark/Lint/blank-missing", test_blank_missing);
  g_test_add_func ("/Waymark/Lint/empty-map", test_empty_map);
  g_test_add_func ("/Waymark/Lint/thin-map", test_thin_map);

  return g_test_run ();
}
