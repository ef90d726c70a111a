/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-validate.c - `waymark validate` in linear time, with the verdicts
 * of data/waymark.rng */

#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "../test-util.h"

#include "wm-error.h"
#include "wm-reader.h"
#include "wm-reader-guard.h"
#include "wm-types.h"
#include "wm-validate.h"

#define TOOL_NS "urn:example:tool"

static char *
read_template (const char *lang,
               const char *name)
{
  const char *env = g_getenv ("WAYMARK_DATADIR");
  g_autofree char *dir = env != NULL ? g_strdup (env)
                                     : g_test_build_filename (G_TEST_DIST, "..", "..", "data", NULL);
  g_autofree char *path = g_build_filename (dir, "templates", lang, name, NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static xmlDoc *
parse (const char *xml)
{
  g_autoptr(GError) error = NULL;
  xmlDoc *xdoc = wm_reader_parse_safe (xml, strlen (xml), "map", &error);

  g_assert_no_error (error);
  return xdoc;
}

/* ---- mutations ---- */

static GPtrArray *
elements_of (xmlNode *root)
{
  GPtrArray *all = g_ptr_array_new ();
  GQueue queue = G_QUEUE_INIT;

  g_queue_push_tail (&queue, root);
  while (!g_queue_is_empty (&queue))
    {
      xmlNode *node = g_queue_pop_head (&queue);

      g_ptr_array_add (all, node);
      for (xmlNode *child = node->children; child != NULL; child = child->next)
        if (child->type == XML_ELEMENT_NODE)
          g_queue_push_tail (&queue, child);
    }
  return all;
}

static xmlNode *
pick (GPtrArray *nodes,
      GRand     *rand)
{
  return g_ptr_array_index (nodes, g_rand_int_range (rand, 0, nodes->len));
}

static xmlNs *
tool_ns (xmlDoc *xdoc)
{
  xmlNode *root = xmlDocGetRootElement (xdoc);
  xmlNs *ns = xmlSearchNsByHref (xdoc, root, BAD_CAST TOOL_NS);

  return ns != NULL ? ns : xmlNewNs (root, BAD_CAST TOOL_NS, BAD_CAST "t");
}

/* Inserts @node among @parent's children at a random place. */
static void
insert_somewhere (xmlNode *parent,
                  xmlNode *node,
                  GRand   *rand)
{
  guint n = 0, at;
  xmlNode *child;

  for (child = parent->children; child != NULL; child = child->next)
    n++;
  at = g_rand_int_range (rand, 0, n + 1);
  for (child = parent->children; child != NULL && at > 0; child = child->next)
    at--;
  if (child == NULL)
    xmlAddChild (parent, node);
  else
    xmlAddPrevSibling (child, node);
}

static gboolean
is_ancestor (xmlNode *a,
             xmlNode *b)
{
  for (; b != NULL; b = b->parent)
    if (a == b)
      return TRUE;
  return FALSE;
}

/* One random change to @xdoc: a tool's attribute or element (at the end,
 * where they are allowed, or anywhere), an element removed, copied,
 * moved, renamed or put in another namespace, an attribute added,
 * removed or given an odd value, stray text. */
static void
mutate (xmlDoc *xdoc,
        GRand  *rand)
{
  static const char *names[] = { "map", "title", "scenario", "persona", "name", "description",
                                 "goal", "stage", "metric", "lane", "card", "text", "curve",
                                 "point", "moment", "bogus" };
  static const char *attrs[] = { "id", "stage", "persona", "kind", "value", "at", "span",
                                 "color", "key", "severity", "frequency", "touchpoint",
                                 "owner", "channel", "hidden", "format", "bogus" };
  static const char *values[] = { "", "0", "-1", "1", "4", "6", "1.5", "-3.5", "abc", "#12345g",
                                  "#3584e4", "true", "no", "s1", "nps", "csat", "aha", "micro",
                                  "emotion", "pains", "core", "2e1", " 1 ", "zh-CN" };
  g_autoptr(GPtrArray) nodes = elements_of (xmlDocGetRootElement (xdoc));
  xmlNode *node = pick (nodes, rand);
  xmlNode *other;

  switch (g_rand_int_range (rand, 0, 13))
    {
    case 0: /* a tool's element last: allowed in most elements */
      xmlNewChild (node, tool_ns (xdoc), BAD_CAST "note", BAD_CAST "kept");
      break;
    case 1: /* a tool's element anywhere */
      other = xmlNewDocNode (xdoc, tool_ns (xdoc), BAD_CAST "mark", NULL);
      xmlNewNsProp (other, NULL, BAD_CAST "n", BAD_CAST "1");
      insert_somewhere (node, other, rand);
      break;
    case 2: /* a tool's attribute */
      xmlNewNsProp (node, tool_ns (xdoc), BAD_CAST "ref", BAD_CAST values[g_rand_int_range (rand, 0, G_N_ELEMENTS (values))]);
      break;
    case 3:
      if (node->parent != NULL && node->parent->type == XML_ELEMENT_NODE)
        {
          xmlUnlinkNode (node);
          xmlFreeNode (node);
        }
      break;
    case 4:
      if (node->parent != NULL && node->parent->type == XML_ELEMENT_NODE)
        xmlAddNextSibling (node, xmlCopyNode (node, 1));
      break;
    case 5: /* moved into another element */
      other = pick (nodes, rand);
      if (node->parent != NULL && node->parent->type == XML_ELEMENT_NODE && !is_ancestor (node, other))
        {
          xmlUnlinkNode (node);
          insert_somewhere (other, node, rand);
        }
      break;
    case 6:
      xmlNodeSetName (node, BAD_CAST names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))]);
      break;
    case 7: /* into the tool's namespace, or none */
      xmlSetNs (node, g_rand_boolean (rand) ? tool_ns (xdoc) : NULL);
      break;
    case 8:
      xmlSetProp (node, BAD_CAST attrs[g_rand_int_range (rand, 0, G_N_ELEMENTS (attrs))],
                  BAD_CAST values[g_rand_int_range (rand, 0, G_N_ELEMENTS (values))]);
      break;
    case 9:
      if (node->properties != NULL)
        xmlRemoveProp (node->properties);
      break;
    case 10:
      insert_somewhere (node, xmlNewDocText (xdoc, BAD_CAST (g_rand_boolean (rand) ? "x" : "\n  ")), rand);
      break;
    case 11: /* xml:lang, declared on <map> only */
      xmlNodeSetLang (node, BAD_CAST values[g_rand_int_range (rand, 0, G_N_ELEMENTS (values))]);
      break;
    default: /* a tool's element holding one of ours */
      other = xmlNewChild (node, tool_ns (xdoc), BAD_CAST "wrap", NULL);
      xmlNewChild (other, node->ns, BAD_CAST "card", NULL);
      break;
    }
}

/* For thousands of maps made from the templates by random changes, the
 * strict schema on the stripped tree and waymark.rng on the whole tree
 * agree. Seeded: WAYMARK_VALIDATE_SEED to try others. */
static void
test_same_verdicts (void)
{
  static const char *files[] = { "camping.waymark", "b2b-services.waymark", "insurance.waymark",
                                 "customer-service.waymark", "blank.waymark" };
  const char *seed_env = g_getenv ("WAYMARK_VALIDATE_SEED");
  guint32 seed = seed_env != NULL ? (guint32) g_ascii_strtoull (seed_env, NULL, 10) : 20261203;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint n_valid = 0, n_invalid = 0, rounds = test_time_scale () > 1.0 ? 600 : 3000;

  g_test_message ("seed %u", seed);
  for (guint i = 0; i < rounds; i++)
    {
      g_autofree char *xml = read_template (i % 2 ? "en" : "zh-CN", files[i % G_N_ELEMENTS (files)]);
      xmlDoc *whole = parse (xml);
      xmlDoc *stripped;
      guint changes = g_rand_int_range (rand, 1, 4);
      gboolean published, strict;

      for (guint c = 0; c < changes; c++)
        mutate (whole, rand);
      stripped = xmlCopyDoc (whole, 1);

      published = wm_validate_published_schema (whole);
      strict = wm_validate_strict_schema (stripped);
      if (published != strict)
        {
          xmlChar *text = NULL;
          int length = 0;

          xmlDocDumpMemory (whole, &text, &length);
          g_error ("round %u: waymark.rng says %s, the strict schema %s, for:\n%s",
                   i, published ? "valid" : "invalid", strict ? "valid" : "invalid", text);
        }
      if (published)
        n_valid++;
      else
        n_invalid++;
      xmlFreeDoc (whole);
      xmlFreeDoc (stripped);
    }

  g_test_message ("%u maps: %u valid, %u invalid, the same verdict each time", rounds, n_valid, n_invalid);
  /* Both verdicts must be well represented for the comparison to mean anything. */
  g_assert_cmpuint (n_valid, >, rounds / 10);
  g_assert_cmpuint (n_invalid, >, rounds / 10);
}

/* The same through wm_validate_data: templates with a tool's attributes
 * and elements are valid, and stripping keeps what the schema refuses. */
static void
test_foreign_content (void)
{
  const char *valid =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<map xmlns=\"urn:waymark:map:1\" xmlns:t=\"" TOOL_NS "\" format=\"1\" xml:lang=\"en\" t:v=\"2\">\n"
    "  <title>Foreign</title>\n"
    "  <persona id=\"p\" t:x=\"1\"><name>P</name><t:note>a <t:b/> <card/></t:note></persona>\n"
    "  <stage id=\"s\" xml:lang=\"en\"><metric kind=\"nps\" value=\"3\" t:y=\"\"/><t:n/></stage>\n"
    "  <lane id=\"e\" kind=\"emotion\" t:z=\"\"/>\n"
    "  <curve persona=\"p\"><point stage=\"s\" value=\"1\" t:w=\"\"/><t:n/></curve>\n"
    "  <t:end/>\n"
    "</map>\n";
  const char *misplaced =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<map xmlns=\"urn:waymark:map:1\" xmlns:t=\"" TOOL_NS "\" format=\"1\">\n"
    "  <title t:x=\"1\">Foreign</title>\n"
    "</map>\n";
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_assert_true (wm_validate_data (valid, strlen (valid), "valid.waymark", messages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 0);

  g_assert_false (wm_validate_data (misplaced, strlen (misplaced), "misplaced.waymark", messages, &error));
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID);
  g_assert_cmpuint (messages->len, >=, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (messages, 0), "misplaced.waymark:3:"));
}

static GString *
stages_map (guint    n,
            gboolean foreign)
{
  GString *xml = g_string_new (NULL);

  g_string_append_printf (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<map xmlns=\"urn:waymark:map:1\"%s format=\"1\">\n"
                               "  <title>Stages</title>\n",
                          foreign ? " xmlns:t=\"" TOOL_NS "\"" : "");
  for (guint s = 0; s < n; s++)
    g_string_append_printf (xml, "  <stage id=\"s%u\"%s>\n    <title>Stage %u</title>\n%s  </stage>\n",
                            s, foreign ? " t:ref=\"r\"" : "", s + 1,
                            foreign ? "    <t:note>kept</t:note>\n" : "");
  g_string_append (xml, "</map>\n");
  return xml;
}

/* 30,000 stages, with and without a tool's content on each: libxml2's
 * RELAX NG took time quadratic in the number of siblings for the rules
 * that let other tools' content in (12.6 s for 20,000 stages, 51 s for
 * 50,000). Now 0.2 s; the time's budget is a row of `make bench`
 * (tests/bench/run-guards-bench.sh), a real hang meson's timeout. */
static void
test_many_stages (void)
{
  for (guint foreign = 0; foreign < 2; foreign++)
    {
      g_autoptr(GString) xml = stages_map (30000, foreign);
      g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      g_autoptr(TestCpuTimer) timer = test_cpu_timer_new ();

      g_assert_true (wm_validate_data (xml->str, xml->len, "stages.waymark", messages, &error));
      g_assert_no_error (error);
      g_test_message ("30,000 stages%s: valid in %.2f s", foreign ? " with a tool's content" : "",
                      test_cpu_timer_elapsed (timer));
    }
}

/* 100,000 points of one curve on one stage: the reader refuses them at
 * once, and the schema, which has nothing to add, is not asked (with it,
 * 12.9 s; the budget is in `make bench`). */
static void
test_refused_by_reader_first (void)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<map xmlns=\"urn:waymark:map:1\" format=\"1\">\n"
                                         "  <title>Points</title>\n"
                                         "  <persona id=\"p\"/>\n"
                                         "  <stage id=\"s\"/>\n"
                                         "  <curve persona=\"p\">\n");
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(TestCpuTimer) timer = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append (xml, "    <point stage=\"s\" value=\"1\"/>\n");
  g_string_append (xml, "  </curve>\n</map>\n");

  timer = test_cpu_timer_new ();
  g_assert_false (wm_validate_data (xml->str, xml->len, "points.waymark", messages, &error));
  g_test_message ("100,000 points on one stage: refused in %.2f s, %u problems",
                  test_cpu_timer_elapsed (timer), messages->len);
  g_assert_error (error, WM_ERROR, WM_ERROR_INVALID);
  g_assert_cmpuint (messages->len, ==, 99999);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (messages, 0), "points.waymark:8: "));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/Validate/same-verdicts", test_same_verdicts);
  g_test_add_func ("/Waymark/Validate/foreign-content", test_foreign_content);
  g_test_add_func ("/Waymark/Validate/many-stages", test_many_stages);
  g_test_add_func ("/Waymark/Validate/refused-by-reader-first", test_refused_by_reader_first);

  return g_test_run ();
}
