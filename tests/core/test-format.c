/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "../test-maps.h"

#include "wm-enum-types.h"
#include "wm-format.h"
#include "wm-types.h"

/* wm-format.h (what the reader and writer follow) and data/waymark.rng
 * (what `waymark validate` checks) describe the same format: every
 * element's attributes with their types, ranges, tokens and whether they
 * are required, and its children in order. */

#define RNG_NS "http://relaxng.org/ns/structure/1.0"

typedef struct
{
  char      *name;
  gboolean   required;
  GPtrArray *values;     /* <value>s of a choice */
  char      *type;       /* <data type> */
  double     min;
  double     max;
} RngAttr;

typedef struct
{
  GPtrArray *attrs;      /* of RngAttr */
  GPtrArray *children;   /* names, in order */
  GPtrArray *repeats;    /* "1" / "0" per child */
  gboolean   has_text;
} RngElement;

typedef struct
{
  xmlDoc     *doc;
  GHashTable *defines;   /* name → <define> */
  GHashTable *elements;  /* name → RngElement */
} Rng;

static gboolean
is_rng (xmlNode    *node,
        const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns != NULL &&
         strcmp ((const char *) node->ns->href, RNG_NS) == 0 &&
         strcmp ((const char *) node->name, name) == 0;
}

static char *
prop (xmlNode    *node,
      const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static void
rng_attr_free (gpointer data)
{
  RngAttr *attr = data;

  g_free (attr->name);
  g_free (attr->type);
  g_ptr_array_unref (attr->values);
  g_free (attr);
}

static void
rng_element_free (gpointer data)
{
  RngElement *element = data;

  g_ptr_array_unref (element->attrs);
  g_ptr_array_unref (element->children);
  g_ptr_array_unref (element->repeats);
  g_free (element);
}

static RngAttr *
find_attr (RngElement *element,
           const char *name)
{
  for (guint i = 0; i < element->attrs->len; i++)
    {
      RngAttr *attr = g_ptr_array_index (element->attrs, i);

      if (strcmp (attr->name, name) == 0)
        return attr;
    }
  return NULL;
}

static void collect (Rng *rng, xmlNode *node, RngElement *element, RngAttr *attr,
                     gboolean optional, gboolean repeats);
static void collect_element (Rng *rng, xmlNode *node);

/* What an <attribute> says: its values, datatype and range. */
static void
collect_attr_content (Rng     *rng,
                      xmlNode *node,
                      RngAttr *attr)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (is_rng (child, "value"))
        {
          xmlChar *text = xmlNodeGetContent (child);

          g_ptr_array_add (attr->values, g_strdup ((const char *) text));
          xmlFree (text);
        }
      else if (is_rng (child, "data"))
        {
          /* A metric's value is described once per kind. */
          g_free (attr->type);
          attr->type = prop (child, "type");
          for (xmlNode *param = child->children; param != NULL; param = param->next)
            {
              g_autofree char *which = is_rng (param, "param") ? prop (param, "name") : NULL;
              xmlChar *text = which != NULL ? xmlNodeGetContent (param) : NULL;

              if (g_strcmp0 (which, "minInclusive") == 0)
                attr->min = g_ascii_strtod ((const char *) text, NULL);
              else if (g_strcmp0 (which, "maxInclusive") == 0)
                attr->max = g_ascii_strtod ((const char *) text, NULL);
              xmlFree (text);
            }
        }
      else if (is_rng (child, "ref"))
        {
          g_autofree char *name = prop (child, "name");
          xmlNode *define = g_hash_table_lookup (rng->defines, name);

          g_assert_nonnull (define);
          collect_attr_content (rng, define, attr);
        }
      else if (child->type == XML_ELEMENT_NODE)
        collect_attr_content (rng, child, attr);
    }
}

static void
collect_children (Rng        *rng,
                  xmlNode    *node,
                  RngElement *element,
                  RngAttr    *attr,
                  gboolean    optional,
                  gboolean    repeats)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    collect (rng, child, element, attr, optional, repeats);
}

static void
collect (Rng        *rng,
         xmlNode    *node,
         RngElement *element,
         RngAttr    *attr,
         gboolean    optional,
         gboolean    repeats)
{
  if (node->type != XML_ELEMENT_NODE)
    return;
  if (is_rng (node, "element"))
    {
      g_autofree char *name = prop (node, "name");

      /* Other tools' elements (anyName) are not ours. */
      if (name == NULL)
        return;
      g_ptr_array_add (element->children, g_strdup (name));
      g_ptr_array_add (element->repeats, g_strdup (repeats ? "1" : "0"));
      collect_element (rng, node);
    }
  else if (is_rng (node, "attribute"))
    {
      g_autofree char *name = prop (node, "name");
      RngAttr *found;

      /* Other namespaces' attributes (anyName) and xml:lang are not ours. */
      if (name == NULL)
        return;
      found = find_attr (element, name);
      if (found == NULL)
        {
          found = g_new0 (RngAttr, 1);
          found->name = g_strdup (name);
          found->required = !optional;
          found->values = g_ptr_array_new_with_free_func (g_free);
          found->min = NAN;
          found->max = NAN;
          g_ptr_array_add (element->attrs, found);
        }
      collect_attr_content (rng, node, found);
    }
  else if (is_rng (node, "ref"))
    {
      g_autofree char *name = prop (node, "name");
      xmlNode *define = g_hash_table_lookup (rng->defines, name);

      g_assert_nonnull (define);
      collect_children (rng, define, element, attr, optional, repeats);
    }
  else if (is_rng (node, "optional"))
    collect_children (rng, node, element, attr, TRUE, repeats);
  else if (is_rng (node, "zeroOrMore"))
    collect_children (rng, node, element, attr, TRUE, TRUE);
  else if (is_rng (node, "oneOrMore"))
    collect_children (rng, node, element, attr, optional, TRUE);
  else if (is_rng (node, "text"))
    element->has_text = TRUE;
  else
    collect_children (rng, node, element, attr, optional, repeats);
}

static void
collect_element (Rng     *rng,
                 xmlNode *node)
{
  g_autofree char *name = prop (node, "name");
  RngElement *element;

  if (g_hash_table_contains (rng->elements, name))
    return;
  element = g_new0 (RngElement, 1);
  element->attrs = g_ptr_array_new_with_free_func (rng_attr_free);
  element->children = g_ptr_array_new_with_free_func (g_free);
  element->repeats = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_insert (rng->elements, g_strdup (name), element);
  collect_children (rng, node, element, NULL, FALSE, FALSE);
}

static void
rng_load (Rng *rng)
{
  g_autofree char *dir = test_datadir ();
  g_autofree char *path = g_build_filename (dir, "waymark.rng", NULL);
  xmlNode *root;
  xmlNode *map;

  rng->doc = xmlReadFile (path, NULL, XML_PARSE_NONET);
  g_assert_nonnull (rng->doc);
  root = xmlDocGetRootElement (rng->doc);
  rng->defines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  rng->elements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, rng_element_free);
  for (xmlNode *node = root->children; node != NULL; node = node->next)
    {
      if (is_rng (node, "define"))
        g_hash_table_insert (rng->defines, prop (node, "name"), node);
    }
  map = g_hash_table_lookup (rng->defines, "map");
  g_assert_nonnull (map);
  for (map = map->children; map != NULL && !is_rng (map, "element"); map = map->next)
    ;
  g_assert_nonnull (map);
  collect_element (rng, map);
}

static void
rng_clear (Rng *rng)
{
  g_hash_table_unref (rng->elements);
  g_hash_table_unref (rng->defines);
  xmlFreeDoc (rng->doc);
}

static void
assert_attr_agrees (const WmFormatElement *element,
                    const WmFormatAttr    *attr,
                    RngAttr               *rng)
{
  g_test_message ("<%s %s=…>", element->name, attr->name);
  g_assert_nonnull (rng);
  if (rng == NULL)
    return;
  g_assert_cmpint (attr->required, ==, rng->required);
  switch (attr->type)
    {
    case WM_VALUE_TOKEN:
      {
        guint n = 0;

        for (guint i = attr->first_token; attr->tokens[i] != NULL; i++, n++)
          g_assert_true (g_ptr_array_find_with_equal_func (rng->values, attr->tokens[i], g_str_equal, NULL));
        g_assert_cmpuint (rng->values->len, ==, n);
        break;
      }
    case WM_VALUE_BOOLEAN:
      g_assert_cmpuint (rng->values->len, ==, 2);
      g_assert_true (g_ptr_array_find_with_equal_func (rng->values, "true", g_str_equal, NULL));
      g_assert_true (g_ptr_array_find_with_equal_func (rng->values, "false", g_str_equal, NULL));
      break;
    case WM_VALUE_COUNT:
      if (g_strcmp0 (rng->type, "positiveInteger") == 0)
        g_assert_cmpfloat (attr->min, ==, 1);
      else if (g_strcmp0 (rng->type, "nonNegativeInteger") == 0)
        g_assert_cmpfloat (attr->min, ==, 0);
      else
        {
          g_assert_cmpstr (rng->type, ==, "integer");
          g_assert_cmpfloat (attr->min, ==, rng->min);
          g_assert_cmpfloat (attr->max, ==, rng->max);
        }
      break;
    case WM_VALUE_NUMBER:
      g_assert_cmpstr (rng->type, ==, "decimal");
      /* A range of the element's own (metric): the rng gives one per kind. */
      if (attr->min <= attr->max)
        {
          g_assert_cmpfloat (attr->min, ==, rng->min);
          g_assert_cmpfloat (attr->max, ==, rng->max);
        }
      break;
    case WM_VALUE_ID:
    case WM_VALUE_STAGE:
    case WM_VALUE_PERSONA:
      g_assert_cmpstr (rng->type, ==, "NCName");
      break;
    case WM_VALUE_COLOR:
      g_assert_cmpstr (rng->type, ==, "string");
      break;
    case WM_VALUE_TEXT:
    default:
      g_assert_null (rng->type);
      g_assert_cmpuint (rng->values->len, ==, 0);
      break;
    }
}

static void
test_agrees_with_schema (void)
{
  Rng rng = { 0 };

  rng_load (&rng);
  for (guint e = 0; wm_format_elements[e] != NULL; e++)
    {
      const WmFormatElement *element = wm_format_elements[e];
      RngElement *schema = g_hash_table_lookup (rng.elements, element->name);
      guint n_attrs = 0;
      guint n_children = 0;

      g_test_message ("<%s>", element->name);
      g_assert_nonnull (schema);
      for (; element->attrs[n_attrs].name != NULL; n_attrs++)
        assert_attr_agrees (element, &element->attrs[n_attrs], find_attr (schema, element->attrs[n_attrs].name));
      g_assert_cmpuint (schema->attrs->len, ==, n_attrs);

      for (; element->children != NULL && element->children[n_children].name != NULL; n_children++)
        {
          const WmFormatChild *child = &element->children[n_children];
          const WmFormatElement *described = wm_format_find_child (element, child->name);

          g_assert_cmpuint (n_children, <, schema->children->len);
          g_assert_cmpstr (g_ptr_array_index (schema->children, n_children), ==, child->name);
          g_assert_cmpstr (g_ptr_array_index (schema->repeats, n_children), ==, child->repeats ? "1" : "0");
          /* Text elements: text, no attributes, no children. */
          if (described == &wm_format_text)
            {
              RngElement *text = g_hash_table_lookup (rng.elements, child->name);

              g_assert_nonnull (text);
              g_assert_true (text->has_text);
              g_assert_cmpuint (text->attrs->len, ==, 0);
              g_assert_cmpuint (text->children->len, ==, 0);
            }
        }
      g_assert_cmpuint (schema->children->len, ==, n_children);
      g_assert_false (element->empty && (schema->has_text || n_children > 0));
    }
  rng_clear (&rng);
}

/* Each attribute's fallback is a value it may take (or "absent" for a
 * count that starts at 1: severity 0 is "not set"). */
static void
test_fallbacks (void)
{
  for (guint e = 0; wm_format_elements[e] != NULL; e++)
    {
      for (const WmFormatAttr *attr = wm_format_elements[e]->attrs; attr->name != NULL; attr++)
        {
          if (attr->type == WM_VALUE_NUMBER && attr->min <= attr->max && !attr->required)
            g_assert_true (attr->fallback >= attr->min && attr->fallback <= attr->max);
          if (attr->type == WM_VALUE_TOKEN)
            g_assert_nonnull (attr->tokens[(guint) attr->fallback]);
        }
    }
}

/* The file's tokens are the enums' nicks (touchpoint "none" is written
 * as no attribute at all). */
static void
assert_tokens_are_nicks (GType               type,
                         const char * const *tokens,
                         guint               first)
{
  GEnumClass *klass = g_type_class_ref (type);

  g_assert_cmpuint (g_strv_length ((char **) tokens), ==, klass->n_values);
  for (guint i = first; i < klass->n_values; i++)
    {
      GEnumValue *value = g_enum_get_value (klass, (int) i);

      g_assert_nonnull (value);
      g_assert_cmpstr (tokens[i], ==, value->value_nick);
    }
  g_type_class_unref (klass);
}

static void
test_tokens_are_nicks (void)
{
  assert_tokens_are_nicks (WM_TYPE_LANE_KIND, wm_format_lane_kinds, 0);
  assert_tokens_are_nicks (WM_TYPE_TOUCHPOINT, wm_format_touchpoints, 1);
  assert_tokens_are_nicks (WM_TYPE_MOMENT_KIND, wm_format_moment_kinds, 0);
  assert_tokens_are_nicks (WM_TYPE_METRIC_KIND, wm_format_metric_kinds, 0);
  g_assert_cmpstr (wm_format_touchpoints[0], ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Waymark/Format/agrees-with-schema", test_agrees_with_schema);
  g_test_add_func ("/Waymark/Format/fallbacks", test_fallbacks);
  g_test_add_func ("/Waymark/Format/tokens-are-nicks", test_tokens_are_nicks);
  return g_test_run ();
}
