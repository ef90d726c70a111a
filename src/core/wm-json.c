/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-json.c - a map as JSON and back, through the .waymark tree */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libxml/tree.h>

#include "wm-error.h"
#include "wm-json.h"
#include "wm-reader.h"
#include "wm-reader-guard.h"
#include "wm-types.h"
#include "wm-writer.h"

/* ---- writing ------------------------------------------------------------ */

static gboolean
is_ours (xmlNode *node)
{
  return node->ns != NULL && g_strcmp0 ((const char *) node->ns->href, WM_NAMESPACE) == 0;
}

static char *
qualified (xmlNs      *ns,
           const xmlChar *name)
{
  if (ns != NULL && ns->prefix != NULL)
    return g_strconcat ((const char *) ns->prefix, ":", (const char *) name, NULL);
  return g_strdup ((const char *) name);
}

static void
add_attributes (JsonBuilder *builder,
                xmlNode     *node)
{
  if (node->nsDef == NULL && node->properties == NULL)
    return;
  json_builder_set_member_name (builder, "attributes");
  json_builder_begin_object (builder);
  for (xmlNs *ns = node->nsDef; ns != NULL; ns = ns->next)
    {
      g_autofree char *name = ns->prefix != NULL
                              ? g_strconcat ("xmlns:", (const char *) ns->prefix, NULL)
                              : g_strdup ("xmlns");

      json_builder_set_member_name (builder, name);
      json_builder_add_string_value (builder, (const char *) ns->href);
    }
  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      g_autofree char *name = qualified (attr->ns, attr->name);
      g_autofree char *value = (char *) xmlNodeGetContent ((xmlNode *) attr);

      json_builder_set_member_name (builder, name);
      json_builder_add_string_value (builder, value != NULL ? value : "");
    }
  json_builder_end_object (builder);
}

static gboolean
has_element_child (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      return TRUE;
  return FALSE;
}

static gboolean
is_blank (const xmlChar *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static void add_element (JsonBuilder *builder,
                         xmlNode     *node);

static void
add_child (JsonBuilder *builder,
           xmlNode     *child,
           gboolean     drop_blanks)
{
  switch (child->type)
    {
    case XML_ELEMENT_NODE:
      add_element (builder, child);
      break;
    case XML_TEXT_NODE:
      if (!drop_blanks || !is_blank (child->content))
        json_builder_add_string_value (builder, (const char *) child->content);
      break;
    case XML_CDATA_SECTION_NODE:
    case XML_COMMENT_NODE:
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, child->type == XML_COMMENT_NODE ? "comment" : "cdata");
      json_builder_add_string_value (builder, (const char *) child->content);
      json_builder_end_object (builder);
      break;
    default:
      /* The reader drops processing instructions; nothing else is left. */
      break;
    }
}

static void
add_element (JsonBuilder *builder,
             xmlNode     *node)
{
  g_autofree char *name = qualified (node->ns, node->name);
  /* The indentation between Waymark's elements is the writer's to make. */
  gboolean drop_blanks = is_ours (node) && has_element_child (node);
  xmlNode *only = node->children;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "element");
  json_builder_add_string_value (builder, name);
  add_attributes (builder, node);
  if (only != NULL && only->next == NULL && only->type == XML_TEXT_NODE)
    {
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, (const char *) only->content);
    }
  else if (only != NULL)
    {
      json_builder_set_member_name (builder, "children");
      json_builder_begin_array (builder);
      for (xmlNode *child = node->children; child != NULL; child = child->next)
        add_child (builder, child, drop_blanks);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

char *
wm_json_write (WmDocument  *document,
               gsize       *length,
               GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *xml = NULL;
  gsize xml_length = 0;
  xmlDoc *xdoc;
  char *text;
  gsize text_length = 0;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  xml = wm_writer_write (document, &xml_length, error);
  if (xml == NULL)
    return NULL;
  xdoc = wm_reader_parse_safe (xml, xml_length, "map.waymark", error);
  if (xdoc == NULL)
    return NULL;
  add_element (builder, xmlDocGetRootElement (xdoc));
  xmlFreeDoc (xdoc);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, &text_length);
  /* A final newline, as every text file Waymark writes. */
  text = g_realloc (text, text_length + 2);
  text[text_length++] = '\n';
  text[text_length] = '\0';
  if (length != NULL)
    *length = text_length;
  return text;
}

/* ---- reading ------------------------------------------------------------ */

typedef struct
{
  const char *name;
  GArray     *object_lines;   /* guint: the line of each '{', in order */
  GHashTable *object_index;   /* JsonObject* → its place in document order + 1 */
  GArray     *xml_lines;      /* guint: the JSON line of each XML line */
  GString    *xml;
  guint       next_index;
  guint       foreign_depth;  /* > 0 inside another tool's element */
  GPtrArray  *warnings;       /* "NAME:LINE: message", or NULL */
} Reader;

/* Linear and recursion-free, unlike json-glib's parser: the depth and
 * count of containers, and the line where each object begins. FALSE
 * when a cap is passed. */
/* The map is one object. json-glib 1.6 leaks the values it parsed when
 * a second one follows the first, so the text after it is refused here,
 * before json-glib sees it. */
static gboolean
nothing_after (const char *rest,
               gsize       length,
               guint       line,
               GError    **error,
               const char *name)
{
  for (gsize i = 0; i < length; i++)
    {
      if (rest[i] == '\n')
        line++;
      else if (rest[i] != ' ' && rest[i] != '\t' && rest[i] != '\r')
        {
          g_set_error (error, WM_ERROR, WM_ERROR_MALFORMED,
                       _("%s:%u: text after the end of the map's object"), name, line);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
scan (const char *data,
      gsize       length,
      GArray     *object_lines,
      guint      *line,
      GError    **error,
      const char *name)
{
  gboolean in_string = FALSE;
  guint depth = 0, containers = 0;

  *line = 1;
  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '\n')
        (*line)++;
      if (in_string)
        {
          if (c == '\\' && i + 1 < length && data[i + 1] != '\n')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (depth == 0 && c != '{' && c != ' ' && c != '\t' && c != '\n' && c != '\r')
        {
          g_set_error (error, WM_ERROR, WM_ERROR_INVALID,
                       _("%s:%u: not a Waymark map: the JSON must be one object"), name, *line);
          return FALSE;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > WM_JSON_MAX_DEPTH || ++containers > WM_JSON_MAX_CONTAINERS)
            {
              g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
                           depth > WM_JSON_MAX_DEPTH
                           ? _("%s:%u: nested deeper than %u levels")
                           : _("%s:%u: more than %u objects and arrays"),
                           name, *line,
                           depth > WM_JSON_MAX_DEPTH ? WM_JSON_MAX_DEPTH : WM_JSON_MAX_CONTAINERS);
              return FALSE;
            }
          if (c == '{')
            g_array_append_val (object_lines, *line);
        }
      else if ((c == '}' || c == ']') && depth > 0 && --depth == 0)
        return nothing_after (data + i + 1, length - i - 1, *line, error, name);
    }
  return TRUE;
}

/* Numbers every object in document order, as the scan met their '{'. */
static void
index_objects (Reader   *self,
               JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      g_hash_table_insert (self->object_index, object, GUINT_TO_POINTER (++self->next_index));
      for (GList *l = members; l != NULL; l = l->next)
        index_objects (self, json_object_get_member (object, l->data));
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        index_objects (self, json_array_get_element (array, i));
    }
}

static guint
line_of (Reader     *self,
         JsonObject *object)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->object_index, object));

  if (index == 0 || index > self->object_lines->len)
    return 1;
  return g_array_index (self->object_lines, guint, index - 1);
}

static gboolean
fail (Reader      *self,
      JsonObject  *object,
      GError     **error,
      const char  *message)
{
  g_set_error (error, WM_ERROR, WM_ERROR_INVALID, "%s:%u: %s",
               self->name, line_of (self, object), message);
  return FALSE;
}

/* What the schema does not know is left out, and said so. */
static void
warn_unknown_members (Reader             *self,
                      JsonObject         *object,
                      const char * const *known)
{
  g_autoptr(GList) members = NULL;

  if (self->warnings == NULL)
    return;
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      g_ptr_array_add (self->warnings,
                       g_strdup_printf (_("%s:%u: “%s” is not part of a map’s JSON: ignored"),
                                        self->name, line_of (self, object), (const char *) l->data));
}

static gboolean
is_name (const char *name)
{
  return name != NULL && xmlValidateQName ((const xmlChar *) name, 0) == 0;
}

static const char *
string_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
append_attributes (Reader      *self,
                   JsonObject  *element,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (element, "attributes");
  g_autoptr(GList) members = NULL;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (self, element, error, _("“attributes” must be an object of strings"));
  /* In the order written: json_object_iter's is a hash table's. */
  members = json_object_get_members (json_node_get_object (node));
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (json_node_get_object (node), name);

      if (!is_name (name))
        return fail (self, json_node_get_object (node), error, _("an attribute’s name is not an XML name"));
      if (json_node_get_value_type (value) != G_TYPE_STRING)
        return fail (self, json_node_get_object (node), error, _("an attribute’s value must be a string"));
      g_string_append_printf (self->xml, " %s=\"", name);
      wm_reader_append_escaped (self->xml, json_node_get_string (value));
      g_string_append_c (self->xml, '"');
    }
  return TRUE;
}

static gboolean append_element (Reader      *self,
                                JsonObject  *element,
                                GError     **error);

static gboolean
append_special (Reader      *self,
                JsonObject  *object,
                GError     **error)
{
  const char *comment = string_member (object, "comment");
  const char *cdata = string_member (object, "cdata");

  if (comment != NULL || cdata != NULL)
    warn_unknown_members (self, object, (const char * const[]) { comment != NULL ? "comment" : "cdata", NULL });
  if (comment != NULL)
    {
      if (strstr (comment, "--") != NULL || g_str_has_suffix (comment, "-"))
        return fail (self, object, error, _("a comment cannot hold “--” or end with “-”"));
      g_string_append_printf (self->xml, "<!--%s-->", comment);
      return TRUE;
    }
  if (cdata != NULL)
    {
      if (strstr (cdata, "]]>") != NULL || strchr (cdata, '\n') != NULL || strchr (cdata, '\r') != NULL)
        return fail (self, object, error, _("this CDATA section cannot be written back"));
      g_string_append_printf (self->xml, "<![CDATA[%s]]>", cdata);
      return TRUE;
    }
  return append_element (self, object, error);
}

static gboolean
append_children (Reader      *self,
                 JsonObject  *element,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (element, "children");
  JsonArray *children;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (self, element, error, _("“children” must be an array"));
  children = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (children); i++)
    {
      JsonNode *child = json_array_get_element (children, i);

      if (JSON_NODE_HOLDS_OBJECT (child))
        {
          if (!append_special (self, json_node_get_object (child), error))
            return FALSE;
        }
      else if (json_node_get_value_type (child) == G_TYPE_STRING)
        wm_reader_append_escaped (self->xml, json_node_get_string (child));
      else
        return fail (self, element, error, _("a child must be a string or an object"));
    }
  return TRUE;
}

static gboolean
append_element (Reader      *self,
                JsonObject  *element,
                GError     **error)
{
  const char *name = string_member (element, "element");
  const char *text = string_member (element, "text");
  guint line = line_of (self, element);
  gboolean foreign;

  if (!is_name (name))
    return fail (self, element, error, _("an object needs “element”, an XML name"));
  if (json_object_has_member (element, "text") && text == NULL)
    return fail (self, element, error, _("“text” must be a string"));
  if (text != NULL && json_object_has_member (element, "children"))
    return fail (self, element, error, _("an element has “text” or “children”, not both"));
  warn_unknown_members (self, element,
                        (const char * const[]) { "element", "attributes", "text", "children", NULL });

  /* Each Waymark element on a line of its own: XML line N+2 is element
   * N. Another tool's element is kept as written, white space and all. */
  foreign = self->foreign_depth > 0 || strchr (name, ':') != NULL;
  if (!foreign)
    {
      g_string_append_c (self->xml, '\n');
      g_array_append_val (self->xml_lines, line);
    }
  g_string_append_printf (self->xml, "<%s", name);
  if (!append_attributes (self, element, error))
    return FALSE;
  g_string_append_c (self->xml, '>');
  self->foreign_depth += foreign;
  if (text != NULL)
    wm_reader_append_escaped (self->xml, text);
  else if (!append_children (self, element, error))
    return FALSE;
  self->foreign_depth -= foreign;
  g_string_append_printf (self->xml, "</%s>", name);
  return TRUE;
}

/* "NAME:LINE: message" of the XML → the same of the JSON. */
static void
relocate (Reader  *self,
          GError  *error)
{
  g_autofree char *prefix = g_strconcat (self->name, ":", NULL);
  const char *rest;
  char *end = NULL;
  guint64 line;
  guint json_line;

  if (!g_str_has_prefix (error->message, prefix))
    return;
  rest = error->message + strlen (prefix);
  line = g_ascii_strtoull (rest, &end, 10);
  if (end == rest || *end != ':' || line < 2 || line - 2 >= self->xml_lines->len)
    return;
  json_line = g_array_index (self->xml_lines, guint, line - 2);
  {
    char *message = g_strdup_printf ("%s:%u%s", self->name, json_line, end);

    g_free (error->message);
    error->message = message;
  }
}

static gboolean
parse (Reader      *self,
       JsonParser  *parser,
       const char  *data,
       gsize        length,
       GError     **error)
{
  g_autoptr(GError) local = NULL;
  guint lines = 1;

  if (length > WM_JSON_MAX_BYTES)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
                   _("%s: larger than %u MiB"), self->name, WM_JSON_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }
  if (!scan (data, length, self->object_lines, &lines, error, self->name))
    return FALSE;
  if (!json_parser_load_from_data (parser, data, length, &local))
    {
      guint line = json_parser_get_current_line (parser);

      /* json-glib's message starts with its own "<data>:L:C: " place. */
      const char *message = strstr (local->message, ": ");

      g_set_error (error, WM_ERROR, WM_ERROR_MALFORMED, "%s:%u: %s", self->name,
                   line > 0 ? line : lines,
                   message != NULL && g_str_has_prefix (local->message, "<") ? message + 2 : local->message);
      return FALSE;
    }
  return TRUE;
}

WmDocument *
wm_json_read (const char  *data,
              gsize        length,
              const char  *name,
              GError     **error)
{
  return wm_json_read_full (data, length, name, NULL, error);
}

WmDocument *
wm_json_read_full (const char  *data,
                   gsize        length,
                   const char  *name,
                   GPtrArray   *warnings,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GArray) object_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) xml_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) object_index = g_hash_table_new (NULL, NULL);
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
  g_autoptr(GError) local = NULL;
  Reader self = { name, object_lines, object_index, xml_lines, xml, 0, 0, warnings };
  JsonNode *root;
  WmDocument *document;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  /* A BOM, as some editors on Windows write. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    data += 3, length -= 3;
  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error (error, WM_ERROR, WM_ERROR_MALFORMED, _("%s: not UTF-8 text"), name);
      return NULL;
    }
  if (!parse (&self, parser, data, length, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID,
                   _("%s:%u: not a Waymark map: the JSON must be one object"), name, 1);
      return NULL;
    }
  index_objects (&self, root);
  if (!append_element (&self, json_node_get_object (root), error))
    return NULL;
  g_string_append_c (xml, '\n');

  document = wm_reader_load_data (xml->str, xml->len, name, &local);
  if (document == NULL)
    {
      relocate (&self, local);
      g_propagate_error (error, g_steal_pointer (&local));
    }
  return document;
}
