/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "wm-error.h"
#include "wm-reader.h"
#include "wm-format.h"
#include "wm-reader-guard.h"
#include "wm-rules.h"

/* ------------------------------------------------------------------ */
/* Building the document                                              */
/* ------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  xmlDoc     *xdoc;
  WmDocument *document;
  GPtrArray  *messages;   /* collect mode when not NULL */
  GArray     *codes;      /* WmErrorCode of each message, or NULL */
  GError     *error;      /* the first problem */
  gboolean    stop;
  gboolean    lenient;    /* keeps the document: values clamped, bad refs NULL */

  GHashTable *ids;        /* id → line of its definition */
  GHashTable *stages;     /* stage id → index + 1 */
  GHashTable *personas;   /* persona id → line */
  GHashTable *curves;     /* persona id → line of its curve */
  guint       n_stages;

  GPtrArray  *strings;    /* values that had to be assembled */
  xmlBuffer  *buffer;     /* for foreign elements */
} Loader;

/* A child element of ours (wm-format.h): its name, whether it may
 * repeat, and for one that repeats, what tells it from its siblings in a
 * foreign element's anchor (see wm-foreign.h). */
typedef WmFormatChild Slot;

/* One attribute of ours as read: its text (NULL: absent), its value once
 * parsed (counts, numbers, booleans, tokens) and whether it parsed. */
typedef struct
{
  const char *text;
  double      value;
  gboolean    ok;
} Value;

enum {
  CHILD_ERROR = -3,
  CHILD_END = -2,
  CHILD_FOREIGN = -1,
};

typedef struct
{
  xmlNode    *parent;
  const Slot *slots;
  WmItem     *owner;          /* keeps the foreign elements; NULL: refuses them */
  xmlNode    *node;
  xmlNode    *foreign;        /* the first foreign element not yet kept */
  int         rank;
  guint       index;          /* of the child among its namesakes */
  gboolean    started;
} Children;

static long
node_line (xmlNode *node)
{
  long line = node != NULL ? xmlGetLineNo (node) : 1;

  return MAX (line, 1);
}

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

static gboolean report (Loader      *self,
                        xmlNode     *node,
                        WmErrorCode  code,
                        const char  *format,
                        ...) G_GNUC_PRINTF (4, 5);
static gboolean fatal  (Loader      *self,
                        xmlNode     *node,
                        WmErrorCode  code,
                        const char  *format,
                        ...) G_GNUC_PRINTF (4, 5);

/* Records a problem. In collect mode the build goes on (the caller falls
 * back to a default); otherwise it stops. Returns FALSE for convenience. */
static gboolean
report (Loader      *self,
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
static gboolean
fatal (Loader      *self,
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
is_ours (xmlNs *ns)
{
  return ns != NULL && ns->href != NULL &&
         strcmp ((const char *) ns->href, WM_NAMESPACE) == 0;
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

static const char *
node_name (xmlNode *node)
{
  return (const char *) node->name;
}

static gboolean
attr_is (xmlAttr    *attr,
         const char *name)
{
  return strcmp ((const char *) attr->name, name) == 0;
}

static const char *
attr_value (Loader  *self,
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
      fatal (self, attr->parent, WM_ERROR_TOO_LARGE, "%s", wm_reader_too_long_message (TRUE));
      return "";
    }

  return copy;
}

static void
children_init (Children   *it,
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
static int
children_next (Loader   *self,
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

          fatal (self, node, WM_ERROR_INVALID,
                 _("unexpected text “%s” inside <%s>"), text, node_name (it->parent));
        }
      else
        fatal (self, node, WM_ERROR_INVALID,
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
      fatal (self, node, WM_ERROR_INVALID,
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
      fatal (self, node, WM_ERROR_INVALID,
             _("unknown element <%s> inside <%s>"), name, node_name (it->parent));
      return CHILD_ERROR;
    }

  if (slot < it->rank)
    {
      fatal (self, node, WM_ERROR_INVALID,
             _("<%s> must come before <%s> inside <%s>"),
             name, it->slots[it->rank].name, node_name (it->parent));
      return CHILD_ERROR;
    }

  if (slot == it->rank && !it->slots[slot].repeats)
    {
      fatal (self, node, WM_ERROR_INVALID,
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
static gboolean
parse_integer (const char *text,
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

static gboolean
number_attr (Loader     *self,
             xmlNode    *node,
             const char *attr,
             const char *text,
             double      min,
             double      max,
             double     *out)
{
  double value;

  if (!parse_decimal (text, &value))
    return report (self, node, WM_ERROR_INVALID,
                   _("%s=“%s” is not a number"), attr, text);

  if (value < min || value > max)
    {
      char lo[G_ASCII_DTOSTR_BUF_SIZE];
      char hi[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (lo, sizeof lo, "%g", min);
      g_ascii_formatd (hi, sizeof hi, "%g", max);
      if (self->lenient)
        *out = CLAMP (value, min, max);
      return report (self, node, WM_ERROR_INVALID,
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

  if (!parse_integer (text, &value))
    return report (self, node, WM_ERROR_INVALID,
                   _("%s=“%s” is not a whole number"), attr, text);

  if (value < min || value > max)
    {
      if (self->lenient)
        *out = (guint) CLAMP (value, min, max);
      if (max == G_MAXUINT && value > max)
        return report (self, node, WM_ERROR_INVALID,
                       _("%s=“%s” is too large"), attr, text);
      if (max == G_MAXUINT)
        return report (self, node, WM_ERROR_INVALID,
                       _("%s=“%s” is out of range (at least %lld)"),
                       attr, text, (long long) min);
      return report (self, node, WM_ERROR_INVALID,
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
    return report (self, node, WM_ERROR_INVALID,
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
    return report (self, node, WM_ERROR_INVALID,
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

  return report (self, node, WM_ERROR_INVALID,
                 _("unknown %s “%s” (expected %s)"), what, text, expected->str);
}

static gboolean
require (Loader     *self,
         xmlNode    *node,
         const char *attr,
         const char *value)
{
  if (value != NULL)
    return TRUE;

  return report (self, node, WM_ERROR_INVALID,
                 _("<%s> needs a %s= attribute"), node_name (node), attr);
}

static gboolean
check_id (Loader     *self,
          xmlNode    *node,
          const char *id)
{
  gpointer line;

  if (!require (self, node, "id", id))
    return FALSE;

  if (!wm_rules_id_is_valid (id))
    return report (self, node, WM_ERROR_INVALID,
                   _("“%s” is not a valid id (an id starts with a letter or “_” and has no spaces or colons)"),
                   id);

  if ((line = g_hash_table_lookup (self->ids, id)) != NULL)
    return report (self, node, WM_ERROR_REFERENCE,
                   _("id “%s” is already used on line %d"), id, GPOINTER_TO_INT (line));

  g_hash_table_insert (self->ids, (gpointer) id, GINT_TO_POINTER ((int) node_line (node)));

  return TRUE;
}

/* The index of the stage @id, or -1 (reported). */
static int
check_stage_ref (Loader     *self,
                 xmlNode    *node,
                 const char *id)
{
  gpointer index;

  if (!require (self, node, "stage", id))
    return -1;

  if ((index = g_hash_table_lookup (self->stages, id)) == NULL)
    {
      report (self, node, WM_ERROR_REFERENCE, _("stage “%s” is not defined"), id);
      return -1;
    }

  return GPOINTER_TO_INT (index) - 1;
}

static gboolean
check_persona_ref (Loader     *self,
                   xmlNode    *node,
                   const char *id)
{
  if (!require (self, node, "persona", id))
    return FALSE;

  if (!g_hash_table_contains (self->personas, id))
    return report (self, node, WM_ERROR_REFERENCE, _("persona “%s” is not defined"), id);

  return TRUE;
}

/* ---- foreign content ---- */

/* On <map>, xml:lang is the document's language, not foreign. */
static gboolean
is_xml_lang (xmlAttr *attr)
{
  return attr->ns != NULL && attr->ns->href != NULL &&
         strcmp ((const char *) attr->ns->href, (const char *) XML_XML_NAMESPACE) == 0 &&
         attr_is (attr, "lang");
}

/* An attribute that is not one of ours: kept when it is in another
 * namespace, refused otherwise. */
static void
other_attr (Loader   *self,
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
    report (self, node, WM_ERROR_INVALID, _("unknown attribute %s:%s on <%s>"),
            (const char *) attr->ns->prefix, (const char *) attr->name, node_name (node));
  else
    report (self, node, WM_ERROR_INVALID, _("unknown attribute %s on <%s>"),
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
        report (self, node, WM_ERROR_INVALID,
                _("<%s> declares xmlns=“%s”; only other tools' elements may change the default namespace"),
                node_name (node), ns->href != NULL ? (const char *) ns->href : "");
    }
}

static void
add_foreign_attrs (Loader  *self,
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
      if (is_root && is_xml_lang (attr))
        continue;
      if (attr->ns != NULL && !is_ours (attr->ns))
        wm_foreign_add_attr (foreign, (const char *) attr->ns->prefix,
                             (const char *) attr->name, attr_value (self, attr));
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
static const char *
load_text (Loader  *self,
           xmlNode *node)
{
  xmlNode *child = node->children;
  GString *text;

  if (node->properties != NULL)
    {
      report (self, node, WM_ERROR_INVALID, _("<%s> takes no attributes"), node_name (node));
      return NULL;
    }

  if (child == NULL)
    return "";

  if (child->next == NULL && child->type == XML_TEXT_NODE)
    {
      const char *content = child->content != NULL ? (const char *) child->content : "";

      if (strlen (content) <= WM_MAX_TEXT_BYTES)
        return content;
      fatal (self, node, WM_ERROR_TOO_LARGE, "%s", wm_reader_too_long_message (FALSE));
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
          report (self, child, WM_ERROR_INVALID, _("<%s> holds only text, not <%s>"),
                  node_name (node), node_name (child));
          g_string_free (text, TRUE);
          return NULL;
        }
    }

  if (text->len > WM_MAX_TEXT_BYTES)
    {
      fatal (self, node, WM_ERROR_TOO_LARGE, "%s", wm_reader_too_long_message (FALSE));
      g_string_free (text, TRUE);
      return NULL;
    }

  g_ptr_array_add (self->strings, text->str);

  return g_string_free (text, FALSE);
}

/* @text as the model setters store it (see wm_item_set_string()), for
 * the values that do not go through one. */
static const char *
valid_text (Loader     *self,
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
static gboolean
check_empty (Loader  *self,
             xmlNode *node)
{
  Children it;

  children_init (&it, node, NULL, NULL);

  switch (children_next (self, &it))
    {
    case CHILD_END:
    case CHILD_ERROR:
      break;
    default:
      fatal (self, it.node, WM_ERROR_INVALID,
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
              number_attr (self, node, spec->name, v->text, spec->min, spec->max, &v->value);
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
static void
read_attrs (Loader                *self,
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
          other_attr (self, node, attr, has_foreign);
          continue;
        }
      values[i].text = attr_value (self, attr);
      parse_value (self, node, &attrs[i], &values[i]);
    }

  for (i = 0; attrs[i].name != NULL; i++)
    {
      gboolean checked_later = attrs[i].type == WM_VALUE_ID || attrs[i].type == WM_VALUE_STAGE ||
                               attrs[i].type == WM_VALUE_PERSONA;

      if (attrs[i].required && !checked_later)
        require (self, node, attrs[i].name, values[i].text);
    }
}

/* ---- elements ---- */

static gboolean
load_persona (Loader  *self,
              xmlNode *node)
{
  g_autoptr(WmPersona) persona = NULL;
  g_autoptr(GPtrArray) goals = NULL;
  Value v[WM_PERSONA_N_ATTRS];
  const char *id;
  gboolean has_foreign = FALSE;
  Children it;
  int slot;

  read_attrs (self, node, &wm_format_persona, v, &has_foreign);
  id = v[WM_PERSONA_ID].text;
  if (!check_id (self, node, id))
    id = NULL;
  else
    g_hash_table_insert (self->personas, (gpointer) id, GINT_TO_POINTER ((int) node_line (node)));

  if (self->stop)
    return FALSE;

  persona = wm_persona_new (id);
  wm_persona_set_color (persona, v[WM_PERSONA_COLOR].text);
  wm_persona_set_hidden (persona, v[WM_PERSONA_HIDDEN].value != 0);
  if (has_foreign)
    add_foreign_attrs (self, node, WM_ITEM (persona));

  goals = g_ptr_array_new ();
  children_init (&it, node, wm_format_persona.children, persona);
  while ((slot = children_next (self, &it)) != CHILD_END)
    {
      const char *text;

      if (slot == CHILD_ERROR)
        return FALSE;

      if ((text = load_text (self, it.node)) == NULL)
        {
          if (self->stop)
            return FALSE;
          continue;
        }

      switch (slot)
        {
        case 0: wm_persona_set_name (persona, text); break;
        case 1: wm_persona_set_description (persona, text); break;
        default:
          if (text[0] != '\0')
            g_ptr_array_add (goals, (gpointer) valid_text (self, text));
          break;
        }
    }

  if (goals->len > 0)
    {
      g_ptr_array_add (goals, NULL);
      wm_persona_set_goals (persona, (const char * const *) goals->pdata);
    }

  g_list_store_append (wm_document_get_personas (self->document), persona);

  return !self->stop;
}

static gboolean
load_metric (Loader  *self,
             xmlNode *node,
             WmStage *stage)
{
  g_autoptr(WmMetric) metric = NULL;
  Value v[WM_METRIC_N_ATTRS];
  int kind;
  double value = 0.0;
  gboolean has_foreign = FALSE;

  read_attrs (self, node, &wm_format_metric, v, &has_foreign);
  kind = (int) v[WM_METRIC_KIND].value;
  /* The value's range is the kind's. */
  if (v[WM_METRIC_KIND].ok && v[WM_METRIC_VALUE].text != NULL)
    {
      double min, max;

      wm_metric_kind_range (kind, &min, &max);
      number_attr (self, node, "value", v[WM_METRIC_VALUE].text, min, max, &value);
    }

  if (self->stop || !check_empty (self, node))
    return FALSE;

  metric = wm_metric_new (kind, value);
  if (has_foreign)
    add_foreign_attrs (self, node, WM_ITEM (metric));

  g_list_store_append (wm_stage_get_metrics (stage), metric);

  return TRUE;
}

static gboolean
load_stage (Loader  *self,
            xmlNode *node)
{
  g_autoptr(WmStage) stage = NULL;
  Value v[WM_STAGE_N_ATTRS];
  const char *id;
  gboolean has_foreign = FALSE;
  Children it;
  int slot;

  read_attrs (self, node, &wm_format_stage, v, &has_foreign);
  id = v[WM_STAGE_ID].text;
  if (check_id (self, node, id))
    g_hash_table_insert (self->stages, (gpointer) id, GUINT_TO_POINTER (++self->n_stages));
  else
    id = NULL;

  if (self->stop)
    return FALSE;

  stage = wm_stage_new (id, NULL);
  if (has_foreign)
    add_foreign_attrs (self, node, WM_ITEM (stage));

  children_init (&it, node, wm_format_stage.children, stage);
  while ((slot = children_next (self, &it)) != CHILD_END)
    {
      const char *text;

      if (slot == CHILD_ERROR)
        return FALSE;
      if (slot == 2)
        {
          if (!load_metric (self, it.node, stage))
            return FALSE;
          continue;
        }

      if ((text = load_text (self, it.node)) == NULL)
        {
          if (self->stop)
            return FALSE;
          continue;
        }

      if (slot == 0)
        wm_stage_set_title (stage, text);
      else
        wm_stage_set_goal (stage, text);
    }

  g_list_store_append (wm_document_get_stages (self->document), stage);

  return !self->stop;
}

static gboolean
load_card (Loader  *self,
           xmlNode *node,
           WmLane  *lane)
{
  g_autoptr(WmCard) card = NULL;
  Value v[WM_CARD_N_ATTRS];
  const char *id;
  const char *stage;
  guint span;
  gboolean has_foreign = FALSE;
  int stage_index;
  Children it;
  int slot;

  read_attrs (self, node, &wm_format_card, v, &has_foreign);
  id = v[WM_CARD_ID].text;
  stage = v[WM_CARD_STAGE].text;
  span = (guint) v[WM_CARD_SPAN].value;

  if (!check_id (self, node, id))
    id = NULL;

  stage_index = check_stage_ref (self, node, stage);
  if (stage_index < 0)
    stage = NULL;
  else if ((guint) stage_index + span > self->n_stages)
    report (self, node, WM_ERROR_INVALID,
            _("span=“%s” runs past the last stage (card “%s” starts at stage “%s”, %u of %u)"),
            v[WM_CARD_SPAN].text != NULL ? v[WM_CARD_SPAN].text : "1", id != NULL ? id : "", stage,
            (guint) stage_index + 1, self->n_stages);

  if (self->stop)
    return FALSE;

  card = wm_card_new (id, stage, NULL);
  wm_card_set_touchpoint (card, (int) v[WM_CARD_TOUCHPOINT].value);
  wm_card_set_key (card, v[WM_CARD_KEY].value != 0);
  wm_card_set_channel (card, v[WM_CARD_CHANNEL].text);
  wm_card_set_severity (card, (guint) v[WM_CARD_SEVERITY].value);
  wm_card_set_frequency (card, (guint) v[WM_CARD_FREQUENCY].value);
  wm_card_set_owner (card, v[WM_CARD_OWNER].text);
  wm_card_set_span (card, span);
  wm_card_set_color (card, v[WM_CARD_COLOR].text);
  if (has_foreign)
    add_foreign_attrs (self, node, WM_ITEM (card));

  children_init (&it, node, wm_format_card.children, card);
  while ((slot = children_next (self, &it)) != CHILD_END)
    {
      const char *text;

      if (slot == CHILD_ERROR)
        return FALSE;
      if ((text = load_text (self, it.node)) != NULL)
        wm_card_set_text (card, text);
      else if (self->stop)
        return FALSE;
    }

  g_list_store_append (wm_lane_get_cards (lane), card);

  return !self->stop;
}

static gboolean
load_lane (Loader  *self,
           xmlNode *node)
{
  g_autoptr(WmLane) lane = NULL;
  Value v[WM_LANE_N_ATTRS];
  const char *id;
  gboolean has_foreign = FALSE;
  Children it;
  int slot;

  read_attrs (self, node, &wm_format_lane, v, &has_foreign);
  id = v[WM_LANE_ID].text;
  if (!check_id (self, node, id))
    id = NULL;

  if (self->stop)
    return FALSE;

  lane = wm_lane_new (id, (int) v[WM_LANE_KIND].value, NULL);
  if (has_foreign)
    add_foreign_attrs (self, node, WM_ITEM (lane));

  children_init (&it, node, wm_format_lane.children, lane);
  while ((slot = children_next (self, &it)) != CHILD_END)
    {
      const char *text;

      if (slot == CHILD_ERROR)
        return FALSE;
      if (slot == 1)
        {
          if (!load_card (self, it.node, lane))
            return FALSE;
        }
      else if ((text = load_text (self, it.node)) != NULL)
        wm_lane_set_title (lane, text);
      else if (self->stop)
        return FALSE;
    }

  g_list_store_append (wm_document_get_lanes (self->document), lane);

  return !self->stop;
}

static gboolean
load_point (Loader     *self,
            xmlNode    *node,
            WmCurve    *curve,
            GHashTable *seen)
{
  g_autoptr(WmCurvePoint) point = NULL;
  Value v[WM_POINT_N_ATTRS];
  const char *stage;
  gboolean has_foreign = FALSE;
  gpointer line;

  read_attrs (self, node, &wm_format_point, v, &has_foreign);
  stage = v[WM_POINT_STAGE].text;

  if (check_stage_ref (self, node, stage) < 0)
    stage = NULL;
  else if ((line = g_hash_table_lookup (seen, stage)) != NULL)
    report (self, node, WM_ERROR_INVALID,
            _("the curve already has a point on stage “%s” (line %d)"),
            stage, GPOINTER_TO_INT (line));
  else
    g_hash_table_insert (seen, (gpointer) stage, GINT_TO_POINTER ((int) node_line (node)));

  if (self->stop || !check_empty (self, node))
    return FALSE;

  point = wm_curve_point_new (stage, v[WM_POINT_VALUE].value, v[WM_POINT_AT].value);
  if (has_foreign)
    add_foreign_attrs (self, node, WM_ITEM (point));

  g_list_store_append (wm_curve_get_points (curve), point);

  return TRUE;
}

static gboolean
load_curve (Loader  *self,
            xmlNode *node)
{
  g_autoptr(WmCurve) curve = NULL;
  g_autoptr(GHashTable) seen = NULL;
  Value v[WM_CURVE_N_ATTRS];
  const char *persona;
  gboolean has_foreign = FALSE;
  gpointer line;
  Children it;
  int slot;

  read_attrs (self, node, &wm_format_curve, v, &has_foreign);
  persona = v[WM_CURVE_PERSONA].text;

  if (!check_persona_ref (self, node, persona))
    persona = NULL;
  else if ((line = g_hash_table_lookup (self->curves, persona)) != NULL)
    report (self, node, WM_ERROR_INVALID,
            _("persona “%s” already has a curve (line %d)"), persona, GPOINTER_TO_INT (line));
  else
    g_hash_table_insert (self->curves, (gpointer) persona, GINT_TO_POINTER ((int) node_line (node)));

  if (self->stop)
    return FALSE;

  curve = wm_curve_new (persona);
  if (has_foreign)
    add_foreign_attrs (self, node, WM_ITEM (curve));

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  children_init (&it, node, wm_format_curve.children, curve);
  while ((slot = children_next (self, &it)) != CHILD_END)
    {
      if (slot == CHILD_ERROR)
        return FALSE;
      if (!load_point (self, it.node, curve, seen))
        return FALSE;
    }

  g_list_store_append (wm_document_get_curves (self->document), curve);

  return !self->stop;
}

static gboolean
load_moment (Loader  *self,
             xmlNode *node)
{
  g_autoptr(WmMoment) moment = NULL;
  Value v[WM_MOMENT_N_ATTRS];
  const char *id;
  const char *persona;
  const char *stage;
  gboolean has_foreign = FALSE;
  Children it;
  int slot;

  read_attrs (self, node, &wm_format_moment, v, &has_foreign);
  id = v[WM_MOMENT_ID].text;
  persona = v[WM_MOMENT_PERSONA].text;
  stage = v[WM_MOMENT_STAGE].text;
  if (!check_id (self, node, id))
    id = NULL;
  if (!check_persona_ref (self, node, persona))
    persona = NULL;
  if (check_stage_ref (self, node, stage) < 0)
    stage = NULL;

  if (self->stop)
    return FALSE;

  moment = wm_moment_new (id, (int) v[WM_MOMENT_KIND].value, persona, stage);
  wm_moment_set_at (moment, v[WM_MOMENT_AT].value);
  if (has_foreign)
    add_foreign_attrs (self, node, WM_ITEM (moment));

  children_init (&it, node, wm_format_moment.children, moment);
  while ((slot = children_next (self, &it)) != CHILD_END)
    {
      const char *text;

      if (slot == CHILD_ERROR)
        return FALSE;
      if ((text = load_text (self, it.node)) != NULL)
        wm_moment_set_text (moment, text);
      else if (self->stop)
        return FALSE;
    }

  g_list_store_append (wm_document_get_moments (self->document), moment);

  return !self->stop;
}


static gboolean
load_format (Loader  *self,
             xmlNode *root)
{
  const char *text = NULL;
  gint64 format;

  for (xmlAttr *attr = root->properties; attr != NULL; attr = attr->next)
    {
      if (attr->ns == NULL && attr_is (attr, "format"))
        text = attr_value (self, attr);
    }

  if (text == NULL)
    return fatal (self, root, WM_ERROR_INVALID, _("<map> needs a format= attribute"));

  if (!parse_integer (text, &format) || format < 1)
    return fatal (self, root, WM_ERROR_INVALID,
                  _("format=“%s” is not a format version (a whole number from 1)"), text);

  if (format > WM_FORMAT_VERSION)
    return fatal (self, root, WM_ERROR_NEWER_FORMAT,
                  _("this map was written by a newer Waymark (format %s); this version reads format %d"),
                  text, WM_FORMAT_VERSION);

  return TRUE;
}

static gboolean
load_map (Loader  *self,
          xmlNode *root)
{
  WmItem *item = WM_ITEM (self->document);
  gboolean has_foreign = FALSE;
  gboolean has_title = FALSE;
  Children it;
  int slot;

  if (!is_ours (root->ns) || strcmp (node_name (root), "map") != 0)
    return fatal (self, root, WM_ERROR_INVALID,
                  _("this is not a Waymark map: the root element is <%s>, not <map xmlns=\"%s\">"),
                  node_name (root), WM_NAMESPACE);

  if (!load_format (self, root))
    return FALSE;

  for (xmlNs *ns = root->nsDef; ns != NULL; ns = ns->next)
    {
      if (ns->prefix != NULL)
        wm_document_add_namespace (self->document, valid_text (self, (const char *) ns->prefix),
                                   valid_text (self, ns->href != NULL ? (const char *) ns->href : ""));
      else if (!is_ours (ns))
        report (self, root, WM_ERROR_INVALID,
                _("<map> declares xmlns=“%s”; only other tools' elements may change the default namespace"),
                ns->href != NULL ? (const char *) ns->href : "");
    }

  for (xmlAttr *attr = root->properties; attr != NULL; attr = attr->next)
    {
      if (attr->ns == NULL && attr_is (attr, "format"))
        continue;

      if (is_xml_lang (attr))
        {
          const char *lang = attr_value (self, attr);

          if (wm_rules_language_is_valid (lang))
            wm_document_set_lang (self->document, lang);
          else
            report (self, root, WM_ERROR_INVALID,
                    _("xml:lang=“%s” is not a language tag like zh-CN or en"), lang);
          continue;
        }

      other_attr (self, root, attr, &has_foreign);
    }

  if (self->stop)
    return FALSE;

  if (has_foreign)
    add_foreign_attrs (self, root, item);

  children_init (&it, root, wm_format_map.children, item);
  while ((slot = children_next (self, &it)) != CHILD_END)
    {
      const char *text;
      gboolean ok = TRUE;

      switch (slot)
        {
        case CHILD_ERROR:
          return FALSE;
        case 0:
          has_title = TRUE;
          if ((text = load_text (self, it.node)) != NULL)
            wm_document_set_title (self->document, text);
          break;
        case 1:
          if ((text = load_text (self, it.node)) != NULL)
            wm_document_set_scenario (self->document, text);
          break;
        case 2:
          ok = load_persona (self, it.node);
          break;
        case 3:
          ok = load_stage (self, it.node);
          break;
        case 4:
          ok = load_lane (self, it.node);
          break;
        case 5:
          ok = load_curve (self, it.node);
          break;
        case 6:
          ok = load_moment (self, it.node);
          break;
        default:
          g_assert_not_reached ();
        }

      if (!ok || self->stop)
        return FALSE;
    }

  if (!has_title)
    report (self, root, WM_ERROR_INVALID, _("<map> has no <title> (it must be the first element)"));

  return !self->stop;
}

static WmDocument *
build (xmlDoc      *xdoc,
       const char  *name,
       GPtrArray   *messages,
       GArray      *codes,
       gboolean     lenient,
       GError     **error)
{
  Loader self = { 0 };
  WmDocument *result = NULL;

  self.lenient = lenient;
  self.name = name;
  self.xdoc = xdoc;
  self.messages = messages;
  self.codes = codes;
  self.document = wm_document_new ();
  self.ids = g_hash_table_new (g_str_hash, g_str_equal);
  self.stages = g_hash_table_new (g_str_hash, g_str_equal);
  self.personas = g_hash_table_new (g_str_hash, g_str_equal);
  self.curves = g_hash_table_new (g_str_hash, g_str_equal);
  self.strings = g_ptr_array_new_with_free_func (g_free);

  load_map (&self, xmlDocGetRootElement (xdoc));

  if (self.error != NULL && (!lenient || self.stop))
    g_propagate_error (error, g_steal_pointer (&self.error));
  else
    result = g_steal_pointer (&self.document);

  g_clear_error (&self.error);

  g_clear_object (&self.document);
  g_hash_table_unref (self.ids);
  g_hash_table_unref (self.stages);
  g_hash_table_unref (self.personas);
  g_hash_table_unref (self.curves);
  g_ptr_array_unref (self.strings);
  g_clear_pointer (&self.buffer, xmlBufferFree);

  return result;
}

WmDocument *
wm_reader_build (xmlDoc      *xdoc,
                 const char  *name,
                 GPtrArray   *messages,
                 GArray      *codes,
                 GError     **error)
{
  g_return_val_if_fail (xdoc != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return build (xdoc, name, messages, codes, FALSE, error);
}

WmDocument *
wm_reader_build_lenient (xmlDoc      *xdoc,
                         const char  *name,
                         GPtrArray   *messages,
                         GArray      *codes,
                         GError     **error)
{
  g_return_val_if_fail (xdoc != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (messages != NULL, NULL);

  return build (xdoc, name, messages, codes, TRUE, error);
}

/* ------------------------------------------------------------------ */
/* Public entry points                                                */
/* ------------------------------------------------------------------ */

WmDocument *
wm_reader_load_data (const char  *data,
                     gsize        length,
                     const char  *name,
                     GError     **error)
{
  xmlDoc *xdoc;
  WmDocument *document;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (name == NULL)
    name = "map";

  if ((xdoc = wm_reader_parse_safe (data, length, name, error)) == NULL)
    return NULL;

  document = wm_reader_build (xdoc, name, NULL, NULL, error);
  xmlFreeDoc (xdoc);

  return document;
}

WmDocument *
wm_reader_load_file (GFile   *file,
                     GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  WmDocument *document;
  xmlDoc *xdoc;
  const char *data;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if ((bytes = wm_reader_read_file (file, &name, error)) == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &length);
  xdoc = wm_reader_parse_safe (data != NULL ? data : "", length, name, error);
  /* The tree holds all that is needed: a big file is not kept twice. */
  g_clear_pointer (&bytes, g_bytes_unref);
  if (xdoc == NULL)
    return NULL;

  document = wm_reader_build (xdoc, name, NULL, NULL, error);
  xmlFreeDoc (xdoc);

  return document;
}
