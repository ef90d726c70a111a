/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/tree.h>

#include "wm-evidence.h"
#include "wm-feedback.h"
#include "wm-reader.h"
#include "wm-reader-guard.h"
#include "wm-reader-loader.h"
#include "wm-rules.h"

static void
report_valist (Loader      *self,
               xmlNode     *node,
               WmErrorCode  code,
               gboolean     fatal,
               const char  *format,
               va_list      args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);
  char *full = g_strdup_printf ("%s:%ld: %s", self->name, node_line (node), message);

  if (self->error == NULL)
    self->error = g_error_new_literal (WM_ERROR, code, full);

  if (self->messages != NULL)
    g_ptr_array_add (self->messages, full);
  if (self->messages != NULL && self->codes != NULL)
    g_array_append_val (self->codes, code);
  else
    g_free (full);

  if (self->messages == NULL || fatal)
    self->stop = TRUE;
}

/* Records a problem. In collect mode the build goes on (the caller falls
 * back to a default); otherwise it stops. Returns FALSE for convenience. */
gboolean
_wm_loader_report (Loader      *self,
                   xmlNode     *node,
                   WmErrorCode  code,
                   const char  *format,
                   ...)
{
  va_list args;

  va_start (args, format);
  report_valist (self, node, code, FALSE, format, args);
  va_end (args);

  return FALSE;
}

/* A problem after which the structure cannot be followed. */
gboolean
_wm_loader_fatal (Loader      *self,
                  xmlNode     *node,
                  WmErrorCode  code,
                  const char  *format,
                  ...)
{
  va_list args;

  va_start (args, format);
  report_valist (self, node, code, TRUE, format, args);
  va_end (args);

  return FALSE;
}

static gboolean
is_blank (const xmlChar *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text++)
    {
      if (*text != ' ' && *text != '\t' && *text != '\n' && *text != '\r')
        return FALSE;
    }

  return TRUE;
}

const char *
_wm_loader_attr_value (Loader  *self,
                       xmlAttr *attr)
{
  xmlNode *child = attr->children;
  xmlChar *value;
  char *copy;

  if (child == NULL)
    return "";

  if (child->next == NULL && child->type == XML_TEXT_NODE && child->content != NULL)
    copy = (char *) child->content;
  else
    {
      value = xmlNodeListGetString (attr->doc, attr->children, 1);
      copy = g_strdup (value != NULL ? (const char *) value : "");
      xmlFree (value);
      g_ptr_array_add (self->strings, copy);
    }

  if (strlen (copy) > WM_MAX_TEXT_BYTES)
    {
      _wm_loader_fatal (self, attr->parent, WM_ERROR_TOO_LARGE, "%s", wm_reader_too_long_message (TRUE));
      return "";
    }

  return copy;
}

void
_wm_loader_children_init (Children   *it,
                          xmlNode    *parent,
                          const Slot *slots,
                          gpointer    owner)
{
  it->parent = parent;
  it->slots = slots;
  it->owner = owner;
  it->node = NULL;
  it->foreign = NULL;
  it->rank = -1;
  it->index = 0;
  it->started = FALSE;
}

static char *
snippet (const xmlChar *text)
{
  const char *start = (const char *) text;
  const char *end;
  GString *out;

  while (*start == ' ' || *start == '\t' || *start == '\n' || *start == '\r')
    start++;

  end = start;
  for (guint i = 0; i < 20 && *end != '\0'; i++)
    end = g_utf8_next_char (end);

  out = g_string_new_len (start, end - start);
  g_strchomp (out->str);
  out->len = strlen (out->str);
  if (*end != '\0')
    g_string_append (out, "…");

  return g_string_free (out, FALSE);
}

static void add_foreign_element (Loader     *self,
                                 xmlNode    *node,
                                 WmItem     *item,
                                 const char *anchor);

static gboolean
is_foreign_element (xmlNode *node)
{
  return node->type == XML_ELEMENT_NODE && node->ns != NULL && !is_ours (node->ns);
}

/* Keeps the foreign elements met since the last child of ours, anchored
 * before @upto (NULL: at the end). */
static void
keep_foreign (Loader   *self,
              Children *it,
              xmlNode  *upto,
              int       slot)
{
  g_autofree char *anchor = NULL;
  g_autofree char *key = NULL;

  if (it->foreign == NULL)
    return;

  if (upto != NULL && !it->slots[slot].repeats)
    anchor = wm_foreign_anchor (it->slots[slot].name, NULL);
  else if (upto != NULL && it->slots[slot].key != NULL)
    {
      key = (char *) xmlGetNoNsProp (upto, (const xmlChar *) it->slots[slot].key);
      anchor = wm_foreign_anchor (it->slots[slot].name, key != NULL ? key : "");
    }
  else if (upto != NULL)
    {
      key = g_strdup_printf ("%u", it->index);
      anchor = wm_foreign_anchor (it->slots[slot].name, key);
    }

  for (xmlNode *node = it->foreign; node != upto; node = node->next)
    {
      if (is_foreign_element (node))
        add_foreign_element (self, node, it->owner, anchor);
    }
  it->foreign = NULL;
}

/* A goal with no text is dropped, so it has no index to anchor to. */
static gboolean
counts_among_namesakes (const Slot *slot,
                        xmlNode    *node)
{
  return strcmp (slot->name, "goal") != 0 || node->children != NULL;
}

/* The next child element of a structural element, checked against the
 * order of waymark-format.md: a slot index, CHILD_END or CHILD_ERROR.
 * Other tools' elements may come anywhere: they are kept on the way, each
 * anchored before the next child of ours (CHILD_FOREIGN only when there
 * is no owner to keep them). */
int
_wm_loader_children_next (Loader   *self,
                          Children *it)
{
  xmlNode *node;
  const char *name;
  int slot;

  if (it->started && it->rank >= 0 && counts_among_namesakes (&it->slots[it->rank], it->node))
    it->index++;
  node = it->started ? it->node->next : it->parent->children;
  it->started = TRUE;

  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_ELEMENT_NODE)
        {
          if (it->owner == NULL || !is_foreign_element (node))
            break;
          if (it->foreign == NULL)
            it->foreign = node;
          continue;
        }

      if (node->type == XML_COMMENT_NODE || node->type == XML_PI_NODE)
        continue;

      if ((node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) &&
          is_blank (node->content))
        continue;

      it->node = node;
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        {
          g_autofree char *text = snippet (node->content);

          _wm_loader_fatal (self, node, WM_ERROR_INVALID,
                            _("unexpected text “%s” inside <%s>"), text, node_name (it->parent));
        }
      else
        _wm_loader_fatal (self, node, WM_ERROR_INVALID,
                          _("unexpected content inside <%s>"), node_name (it->parent));
      return CHILD_ERROR;
    }

  if (node == NULL)
    {
      keep_foreign (self, it, NULL, -1);
      it->node = it->parent->last;
      return CHILD_END;
    }

  it->node = node;
  name = node_name (node);

  if (node->ns == NULL)
    {
      _wm_loader_fatal (self, node, WM_ERROR_INVALID,
                        _("element <%s> inside <%s> is in no namespace (other tools' elements need their own namespace)"),
                        name, node_name (it->parent));
      return CHILD_ERROR;
    }

  if (!is_ours (node->ns))
    return CHILD_FOREIGN;

  for (slot = 0; it->slots != NULL && it->slots[slot].name != NULL; slot++)
    {
      if (strcmp (it->slots[slot].name, name) == 0)
        break;
    }

  if (it->slots == NULL || it->slots[slot].name == NULL)
    {
      _wm_loader_fatal (self, node, WM_ERROR_INVALID,
                        _("unknown element <%s> inside <%s>"), name, node_name (it->parent));
      return CHILD_ERROR;
    }

  if (slot < it->rank)
    {
      _wm_loader_fatal (self, node, WM_ERROR_INVALID,
                        _("<%s> must come before <%s> inside <%s>"),
                        name, it->slots[it->rank].name, node_name (it->parent));
      return CHILD_ERROR;
    }

  if (slot == it->rank && !it->slots[slot].repeats)
    {
      _wm_loader_fatal (self, node, WM_ERROR_INVALID,
                        _("<%s> has more than one <%s>"), node_name (it->parent), name);
      return CHILD_ERROR;
    }

  if (slot != it->rank)
    it->index = 0;
  it->rank = slot;
  keep_foreign (self, it, node, slot);

  return slot;
}

/* ---- values ---- */

static gboolean
is_xml_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* xsd:decimal: no exponent, no inf or nan. */
static gboolean
parse_decimal (const char *text,
               double     *out)
{
  const char *p = text;
  const char *start;
  gboolean digits = FALSE;
  g_autofree char *copy = NULL;

  while (is_xml_space (*p))
    p++;
  start = p;

  if (*p == '+' || *p == '-')
    p++;
  while (g_ascii_isdigit (*p))
    {
      p++;
      digits = TRUE;
    }
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        {
          p++;
          digits = TRUE;
        }
    }

  if (!digits)
    return FALSE;

  copy = g_strndup (start, p - start);

  while (is_xml_space (*p))
    p++;
  if (*p != '\0')
    return FALSE;

  *out = g_ascii_strtod (copy, NULL);

  return TRUE;
}

/* An xsd:integer, saturated to ±G_MAXINT64. */
gboolean
_wm_loader_parse_integer (const char *text,
                          gint64     *out)
{
  const char *p = text;
  gboolean negative = FALSE;
  gboolean digits = FALSE;
  guint64 value = 0;

  while (is_xml_space (*p))
    p++;

  if (*p == '+' || *p == '-')
    negative = (*p++ == '-');

  for (; g_ascii_isdigit (*p); p++)
    {
      digits = TRUE;
      if (value < G_MAXINT64 / 10)
        value = value * 10 + (guint64) (*p - '0');
      else
        value = G_MAXINT64;
    }

  while (is_xml_space (*p))
    p++;

  if (!digits || *p != '\0')
    return FALSE;

  *out = negative ? -(gint64) value : (gint64) value;

  return TRUE;
}

gboolean
_wm_loader_number_attr (Loader     *self,
                        xmlNode    *node,
                        const char *attr,
                        const char *text,
                        double      min,
                        double      max,
                        double     *out)
{
  double value;

  if (!parse_decimal (text, &value))
    return _wm_loader_report (self, node, WM_ERROR_INVALID,
                              _("%s=“%s” is not a number"), attr, text);

  if (value < min || value > max)
    {
      char lo[G_ASCII_DTOSTR_BUF_SIZE];
      char hi[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (lo, sizeof lo, "%g", min);
      g_ascii_formatd (hi, sizeof hi, "%g", max);
      if (self->lenient)
        *out = CLAMP (value, min, max);
      return _wm_loader_report (self, node, WM_ERROR_INVALID,
                                _("%s=“%s” is out of range (%s to %s)"), attr, text, lo, hi);
    }

  *out = value;

  return TRUE;
}

static gboolean
integer_attr (Loader     *self,
              xmlNode    *node,
              const char *attr,
              const char *text,
              gint64      min,
              gint64      max,
              guint      *out)
{
  gint64 value;

  if (!_wm_loader_parse_integer (text, &value))
    return _wm_loader_report (self, node, WM_ERROR_INVALID,
                              _("%s=“%s” is not a whole number"), attr, text);

  if (value < min || value > max)
    {
      if (self->lenient)
        *out = (guint) CLAMP (value, min, max);
      if (max == G_MAXUINT && value > max)
        return _wm_loader_report (self, node, WM_ERROR_INVALID,
                                  _("%s=“%s” is too large"), attr, text);
      if (max == G_MAXUINT)
        return _wm_loader_report (self, node, WM_ERROR_INVALID,
                                  _("%s=“%s” is out of range (at least %lld)"),
                                  attr, text, (long long) min);
      return _wm_loader_report (self, node, WM_ERROR_INVALID,
                                _("%s=“%s” is out of range (%lld to %lld)"),
                                attr, text, (long long) min, (long long) max);
    }

  *out = (guint) value;

  return TRUE;
}

static gboolean
boolean_attr (Loader     *self,
              xmlNode    *node,
              const char *attr,
              const char *text,
              gboolean   *out)
{
  if (strcmp (text, "true") == 0)
    *out = TRUE;
  else if (strcmp (text, "false") == 0)
    *out = FALSE;
  else
    return _wm_loader_report (self, node, WM_ERROR_INVALID,
                              _("%s=“%s” must be true or false"), attr, text);

  return TRUE;
}

static gboolean
color_attr (Loader     *self,
            xmlNode    *node,
            const char *text,
            const char **out)
{
  gboolean ok = text[0] == '#' && strlen (text) == 7;

  for (guint i = 1; ok && i < 7; i++)
    ok = g_ascii_isxdigit (text[i]);

  if (!ok)
    return _wm_loader_report (self, node, WM_ERROR_INVALID,
                              _("color=“%s” is not a color like #3584e4"), text);

  *out = text;

  return TRUE;
}

static gboolean
token_attr (Loader             *self,
            xmlNode            *node,
            const char         *attr,
            const char         *what,
            const char         *text,
            const char * const *tokens,
            guint               first,
            int                *out)
{
  g_autoptr(GString) expected = NULL;
  guint n = 0;

  for (guint i = first; tokens[i] != NULL; i++)
    {
      if (strcmp (tokens[i], text) == 0)
        {
          *out = (int) i;
          return TRUE;
        }
      n++;
    }

  expected = g_string_new (NULL);
  for (guint i = first; tokens[i] != NULL; i++)
    {
      if (i > first)
        /* Translators: joins the last two of a list of file-format tokens */
      g_string_append (expected, i + 1 - first == n ? _(" or ") : ", ");
      g_string_append (expected, tokens[i]);
    }

  return _wm_loader_report (self, node, WM_ERROR_INVALID,
                            _("unknown %s “%s” (expected %s)"), what, text, expected->str);
}

gboolean
_wm_loader_require (Loader     *self,
                    xmlNode    *node,
                    const char *attr,
                    const char *value)
{
  if (value != NULL)
    return TRUE;

  return _wm_loader_report (self, node, WM_ERROR_INVALID,
                            _("<%s> needs a %s= attribute"), node_name (node), attr);
}

/* ---- foreign content ---- */

/* On <map>, xml:lang is the document's language, not foreign. */
gboolean
_wm_loader_is_xml_lang (xmlAttr *attr)
{
  return attr->ns != NULL && attr->ns->href != NULL &&
         strcmp ((const char *) attr->ns->href, (const char *) XML_XML_NAMESPACE) == 0 &&
         attr_is (attr, "lang");
}

/* An attribute that is not one of ours: kept when it is in another
 * namespace, refused otherwise. */
void
_wm_loader_other_attr (Loader   *self,
                       xmlNode  *node,
                       xmlAttr  *attr,
                       gboolean *has_foreign)
{
  if (attr->ns != NULL && !is_ours (attr->ns))
    {
      *has_foreign = TRUE;
      return;
    }

  if (attr->ns != NULL && attr->ns->prefix != NULL)
    _wm_loader_report (self, node, WM_ERROR_INVALID, _("unknown attribute %s:%s on <%s>"),
                       (const char *) attr->ns->prefix, (const char *) attr->name, node_name (node));
  else
    _wm_loader_report (self, node, WM_ERROR_INVALID, _("unknown attribute %s on <%s>"),
                       (const char *) attr->name, node_name (node));
}

/* Namespace declarations on one of our elements below <map> are kept as
 * xmlns:* attributes, so that what uses them stays well-formed. */
static void
check_ns_defs (Loader   *self,
               xmlNode  *node,
               gboolean *has_foreign)
{
  for (xmlNs *ns = node->nsDef; ns != NULL; ns = ns->next)
    {
      if (ns->prefix != NULL)
        *has_foreign = TRUE;
      else if (!is_ours (ns))
        _wm_loader_report (self, node, WM_ERROR_INVALID,
                           _("<%s> declares xmlns=“%s”; only other tools' elements may change the default namespace"),
                           node_name (node), ns->href != NULL ? (const char *) ns->href : "");
    }
}

/* The evidence namespace is ours too (wm-evidence.h): an opportunity's
 * ev:status and ev:due are checked like our enums, and only cards hold
 * them. A lenient read drops a bad one. */
static gboolean
evidence_attr_ok (Loader  *self,
                  xmlNode *node,
                  xmlAttr *attr)
{
  const char *name = (const char *) attr->name;
  g_autofree char *problem = NULL;

  if (attr->ns->href == NULL || strcmp ((const char *) attr->ns->href, WM_EVIDENCE_NAMESPACE) != 0 ||
      (strcmp (name, "status") != 0 && strcmp (name, "due") != 0))
    return TRUE;
  if (strcmp (node_name (node), "card") != 0)
    problem = g_strdup_printf (_("%s:%s is only allowed on <card>, not on <%s>"),
                               (const char *) attr->ns->prefix, name, node_name (node));
  else
    problem = wm_evidence_check_value (name, _wm_loader_attr_value (self, attr));
  if (problem == NULL)
    return TRUE;
  _wm_loader_report (self, node, WM_ERROR_INVALID, "%s", problem);
  return FALSE;
}

void
_wm_loader_add_foreign_attrs (Loader  *self,
                              xmlNode *node,
                              WmItem  *item)
{
  WmForeign *foreign = wm_item_get_foreign (item);
  gboolean is_root = node->parent == NULL || node->parent->type != XML_ELEMENT_NODE;

  if (!is_root)
    {
      for (xmlNs *ns = node->nsDef; ns != NULL; ns = ns->next)
        {
          if (ns->prefix != NULL)
            wm_foreign_add_attr (foreign, "xmlns", (const char *) ns->prefix,
                                 ns->href != NULL ? (const char *) ns->href : "");
        }
    }

  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      if (is_root && _wm_loader_is_xml_lang (attr))
        continue;
      if (attr->ns != NULL && !is_ours (attr->ns) && evidence_attr_ok (self, node, attr))
        wm_foreign_add_attr (foreign, (const char *) attr->ns->prefix,
                             (const char *) attr->name, _wm_loader_attr_value (self, attr));
    }
}

static void
add_foreign_element (Loader     *self,
                     xmlNode    *node,
                     WmItem     *item,
                     const char *anchor)
{
  if (self->buffer == NULL)
    self->buffer = xmlBufferCreate ();
  else
    xmlBufferEmpty (self->buffer);

  xmlNodeDump (self->buffer, self->xdoc, node, 0, 0);
  wm_foreign_add_element_before (wm_item_get_foreign (item),
                                 (const char *) xmlBufferContent (self->buffer),
                                 anchor);
}

/* ---- text elements ---- */

/* The whole text of <title>, <text>…, as written. */
const char *
_wm_loader_load_text (Loader  *self,
                      xmlNode *node)
{
  xmlNode *child = node->children;
  GString *text;

  if (node->properties != NULL)
    {
      _wm_loader_report (self, node, WM_ERROR_INVALID, _("<%s> takes no attributes"), node_name (node));
      return NULL;
    }

  if (child == NULL)
    return "";

  if (child->next == NULL && child->type == XML_TEXT_NODE)
    {
      const char *content = child->content != NULL ? (const char *) child->content : "";

      if (strlen (content) <= WM_MAX_TEXT_BYTES)
        return content;
      _wm_loader_fatal (self, node, WM_ERROR_TOO_LARGE, "%s", wm_reader_too_long_message (FALSE));
      return NULL;
    }

  text = g_string_new (NULL);
  for (; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        {
          if (child->content != NULL)
            g_string_append (text, (const char *) child->content);
        }
      else if (child->type == XML_ELEMENT_NODE)
        {
          _wm_loader_report (self, child, WM_ERROR_INVALID, _("<%s> holds only text, not <%s>"),
                             node_name (node), node_name (child));
          g_string_free (text, TRUE);
          return NULL;
        }
    }

  if (text->len > WM_MAX_TEXT_BYTES)
    {
      _wm_loader_fatal (self, node, WM_ERROR_TOO_LARGE, "%s", wm_reader_too_long_message (FALSE));
      g_string_free (text, TRUE);
      return NULL;
    }

  g_ptr_array_add (self->strings, text->str);

  return g_string_free (text, FALSE);
}

/* @text as the model setters store it (see wm_item_set_string()), for
 * the values that do not go through one. */
const char *
_wm_loader_valid_text (Loader     *self,
                       const char *text)
{
  char *copy;

  if (wm_rules_text_is_valid (text, -1))
    return text;

  copy = wm_rules_normalize_text (text, -1);
  g_ptr_array_add (self->strings, copy);

  return copy;
}

/* <metric> and <point> hold nothing at all. */
gboolean
_wm_loader_check_empty (Loader  *self,
                        xmlNode *node)
{
  Children it;

  _wm_loader_children_init (&it, node, NULL, NULL);

  switch (_wm_loader_children_next (self, &it))
    {
    case CHILD_END:
    case CHILD_ERROR:
      break;
    default:
      _wm_loader_fatal (self, it.node, WM_ERROR_INVALID,
                        _("<%s> cannot hold elements"), node_name (node));
    }

  return !self->stop;
}

/* ---- attributes, as wm-format.h describes them ---- */

static void
parse_value (Loader             *self,
             xmlNode            *node,
             const WmFormatAttr *spec,
             Value              *v)
{
  switch (spec->type)
    {
    case WM_VALUE_COUNT:
      {
        guint count = (guint) v->value;

        v->ok = integer_attr (self, node, spec->name, v->text, (gint64) spec->min, (gint64) spec->max, &count);
        v->value = count;
        break;
      }
    case WM_VALUE_NUMBER:
      /* A range of the element's own (a metric's, by its kind): its loader checks. */
      v->ok = spec->min > spec->max ||
              _wm_loader_number_attr (self, node, spec->name, v->text, spec->min, spec->max, &v->value);
      break;
    case WM_VALUE_BOOLEAN:
      {
        gboolean flag = v->value != 0;

        v->ok = boolean_attr (self, node, spec->name, v->text, &flag);
        v->value = flag;
        break;
      }
    case WM_VALUE_COLOR:
      {
        const char *color = NULL;

        v->ok = color_attr (self, node, v->text, &color);
        v->text = color;
        break;
      }
    case WM_VALUE_TOKEN:
      {
        int token = (int) v->value;

        v->ok = token_attr (self, node, spec->name, _(spec->noun), v->text,
                            spec->tokens, spec->first_token, &token);
        v->value = token;
        break;
      }
    case WM_VALUE_TEXT:
    case WM_VALUE_ID:
    case WM_VALUE_STAGE:
    case WM_VALUE_PERSONA:
    default:
      v->ok = TRUE;
      break;
    }
}

/* Reads @node's attributes into @values, one per attribute @element
 * describes, each its fallback when absent. Other tools' attributes set
 * @has_foreign; unknown ones of ours are refused. Ids and references are
 * left to the element's loader: they depend on what came before. */
void
_wm_loader_read_attrs (Loader                *self,
                       xmlNode               *node,
                       const WmFormatElement *element,
                       Value                 *values,
                       gboolean              *has_foreign)
{
  const WmFormatAttr *attrs = element->attrs;
  guint i;

  for (i = 0; attrs[i].name != NULL; i++)
    values[i] = (Value) { NULL, attrs[i].fallback, FALSE };

  check_ns_defs (self, node, has_foreign);

  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      for (i = 0; attr->ns == NULL && attrs[i].name != NULL; i++)
        {
          if (attr_is (attr, attrs[i].name))
            break;
        }
      if (attr->ns != NULL || attrs[i].name == NULL)
        {
          _wm_loader_other_attr (self, node, attr, has_foreign);
          continue;
        }
      values[i].text = _wm_loader_attr_value (self, attr);
      parse_value (self, node, &attrs[i], &values[i]);
    }

  for (i = 0; attrs[i].name != NULL; i++)
    {
      gboolean checked_later = attrs[i].type == WM_VALUE_ID || attrs[i].type == WM_VALUE_STAGE ||
                               attrs[i].type == WM_VALUE_PERSONA;

      if (attrs[i].required && !checked_later)
        _wm_loader_require (self, node, attrs[i].name, values[i].text);
    }
}
