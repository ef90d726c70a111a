/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "wm-core-resources.h"
#include "wm-error.h"
#include "wm-format.h"
#include "wm-reader.h"
#include "wm-reader-guard.h"
#include "wm-types.h"
#include "wm-validate.h"

#define RESOURCE_DIR "/io/github/waymark/Waymark/core/"
#define RESOURCE_URL "resource://" RESOURCE_DIR

/* The schema's messages kept for one file: past this many, libxml2 is only
 * echoing one mistake, and a file with 100,000 of them would be kept
 * whole in memory for nothing. */
#define MAX_SCHEMA_PROBLEMS 1000

typedef struct
{
  long        line;
  WmErrorCode code;
  gboolean    schema;    /* from the RELAX NG validator */
  char       *message;   /* "NAME:LINE: …" */
} Problem;

typedef struct
{
  const char *name;
  GArray     *problems;  /* Problem */
  guint       n_schema;
} Collector;

static void
problem_clear (gpointer data)
{
  Problem *problem = data;

  g_free (problem->message);
}

static void
ignore_error_cb (void        *user_data,
                 xmlErrorPtr  error)
{
}

/* ---- the schemas ---- */

static xmlExternalEntityLoader default_loader;

/* waymark-strict.rng includes waymark.rng: both are read from the
 * resource, so no file on disk (nor the network) can stand in for them. */
static xmlParserInputPtr
resource_loader_cb (const char       *url,
                    const char       *id,
                    xmlParserCtxtPtr  ctxt)
{
  g_autoptr(GBytes) bytes = NULL;
  xmlParserInputBufferPtr buffer;
  xmlParserInputPtr input;
  gsize length = 0;
  const char *data;

  if (url == NULL || !g_str_has_prefix (url, RESOURCE_URL))
    return default_loader (url, id, ctxt);

  bytes = g_resource_lookup_data (wm_core_get_resource (), url + strlen ("resource://"),
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &length);
  buffer = xmlParserInputBufferCreateMem (data, (int) length, XML_CHAR_ENCODING_NONE);
  if (buffer == NULL)
    return NULL;
  input = xmlNewIOInputStream (ctxt, buffer, XML_CHAR_ENCODING_NONE);
  if (input == NULL)
    {
      xmlFreeParserInputBuffer (buffer);
      return NULL;
    }
  /* The base against which the include's href is resolved. */
  input->filename = (const char *) xmlStrdup ((const xmlChar *) url);

  return input;
}

static xmlRelaxNG *
load_schema (const char *file)
{
  g_autofree char *url = g_strconcat (RESOURCE_URL, file, NULL);
  xmlRelaxNGParserCtxt *ctxt;
  xmlRelaxNG *schema;

  default_loader = xmlGetExternalEntityLoader ();
  xmlSetExternalEntityLoader (resource_loader_cb);

  ctxt = xmlRelaxNGNewParserCtxt (url);
  xmlRelaxNGSetParserStructuredErrors (ctxt, ignore_error_cb, NULL);
  schema = xmlRelaxNGParse (ctxt);
  xmlRelaxNGFreeParserCtxt (ctxt);

  xmlSetExternalEntityLoader (default_loader);

  return schema;
}

/* Compiled once; libxml2 does not change a compiled schema while it
 * validates, so threads may share it. */
static xmlRelaxNG *
get_schema (gboolean strict)
{
  static gsize initialized = 0;
  static xmlRelaxNG *published = NULL;
  static xmlRelaxNG *strict_schema = NULL;

  if (g_once_init_enter (&initialized))
    {
      published = load_schema ("waymark.rng");
      strict_schema = load_schema ("waymark-strict.rng");
      g_once_init_leave (&initialized, 1);
    }

  return strict ? strict_schema : published;
}

/* ---- other tools' content ---- */

/* Why stripping keeps the verdict: in waymark.rng each of our element
 * names has one pattern, so an element can only match the pattern of its
 * name. The foreign-attributes rule is part of the pattern of every
 * element in foreign_attr_hosts, and nothing else there matches an
 * attribute in another namespace (on <map>, xml:lang has its own rule
 * and is kept). The content of every element in foreign_element_hosts is
 * interleaved with the foreign-elements rule, so other tools' elements
 * may stand anywhere among its children, and no other rule matches an
 * element outside our namespace except inside a foreign element. So the
 * document is valid against waymark.rng exactly when the copy without
 * those attributes and those elements is valid against
 * waymark-strict.rng, where the three rules match nothing but the empty
 * sequence. Foreign elements in any other element stay, and the strict
 * schema refuses them as waymark.rng does. */
static const char * const foreign_attr_hosts[] = {
  "map", "persona", "stage", "metric", "lane", "card", "curve", "point", "moment", NULL,
};
static const char * const foreign_element_hosts[] = {
  "map", "persona", "stage", "lane", "card", "curve", "moment", NULL,
};

static gboolean
is_our_ns (xmlNs *ns)
{
  return ns != NULL && ns->href != NULL &&
         strcmp ((const char *) ns->href, WM_NAMESPACE) == 0;
}

/* anyName except nsName "" and our namespace. */
static gboolean
is_foreign_ns (xmlNs *ns)
{
  return ns != NULL && ns->href != NULL && ns->href[0] != '\0' && !is_our_ns (ns);
}

static gboolean
name_in (const xmlChar      *name,
         const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (strcmp ((const char *) name, names[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
strip_foreign_attrs (xmlNode *node)
{
  gboolean is_map = strcmp ((const char *) node->name, "map") == 0;
  xmlAttr *next;

  for (xmlAttr *attr = node->properties; attr != NULL; attr = next)
    {
      next = attr->next;
      if (!is_foreign_ns (attr->ns))
        continue;
      if (is_map && strcmp ((const char *) attr->ns->href, (const char *) XML_XML_NAMESPACE) == 0 &&
          strcmp ((const char *) attr->name, "lang") == 0)
        continue;
      xmlRemoveProp (attr);
    }
}

static void
strip_foreign_elements (xmlNode *node)
{
  xmlNode *next;

  for (xmlNode *child = node->children; child != NULL; child = next)
    {
      next = child->next;
      if (child->type != XML_ELEMENT_NODE || !is_foreign_ns (child->ns))
        continue;
      xmlUnlinkNode (child);
      xmlFreeNode (child);
    }
}

/* Elements outside our namespace are left whole: both schemas refuse
 * whatever is in them. The depth is bounded by the reader. */
static void
strip_foreign (xmlNode *node)
{
  if (!is_our_ns (node->ns))
    return;

  if (name_in (node->name, foreign_attr_hosts))
    strip_foreign_attrs (node);
  if (name_in (node->name, foreign_element_hosts))
    strip_foreign_elements (node);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE)
        strip_foreign (child);
    }
}

static void
add_problem (Collector   *collector,
             long         line,
             WmErrorCode  code,
             char        *message)
{
  Problem problem = { MAX (line, 1), code, FALSE, message };

  g_array_append_val (collector->problems, problem);
}

static void
schema_error_cb (void        *user_data,
                 xmlErrorPtr  error)
{
  Collector *collector = user_data;
  g_autofree char *text = NULL;
  long line = error->line;

  if (line <= 0 && error->node != NULL)
    line = xmlGetLineNo (error->node);
  line = MAX (line, 1);

  text = g_strchomp (g_strdup (error->message != NULL ? error->message : _("does not match the schema")));
  if (++collector->n_schema > MAX_SCHEMA_PROBLEMS)
    return;
  add_problem (collector, line, WM_ERROR_INVALID,
               g_strdup_printf ("%s:%ld: %s", collector->name, line, text));
  g_array_index (collector->problems, Problem, collector->problems->len - 1).schema = TRUE;
}

/* The line in a "NAME:LINE: message" the reader wrote. */
static long
message_line (const char *name,
              const char *message)
{
  gsize prefix = strlen (name);

  if (strncmp (message, name, prefix) != 0 || message[prefix] != ':')
    return 1;

  return strtol (message + prefix + 1, NULL, 10);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const Problem *pa = a;
  const Problem *pb = b;

  return (pa->line > pb->line) - (pa->line < pb->line);
}

static gboolean
finish (Collector   *collector,
        GPtrArray   *messages,
        GError     **error)
{
  GArray *problems = collector->problems;
  GHashTable *seen;
  gboolean reader_spoke = FALSE;
  gboolean valid = problems->len == 0;
  gboolean first = TRUE;

  /* Stable, so problems on one line keep the order they were found in. */
  g_array_sort (problems, compare_problems);

  /* libxml2's RELAX NG messages echo one mistake several times over, on
   * neighbouring lines ("Expecting element lane, got stage", "Element map
   * has extra content"…). The reader checks everything the schema does and
   * says what is wrong in words a person can act on, so when it found
   * something its messages are the ones shown; the schema's own show when
   * the reader saw nothing, which would be a gap in the reader. */
  for (guint i = 0; i < problems->len; i++)
    {
      if (!g_array_index (problems, Problem, i).schema)
        reader_spoke = TRUE;
    }

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < problems->len; i++)
    {
      Problem *problem = &g_array_index (problems, Problem, i);

      if (problem->schema && reader_spoke)
        continue;
      if (!g_hash_table_add (seen, problem->message))
        continue;

      if (first)
        g_set_error_literal (error, WM_ERROR, problem->code, problem->message);
      first = FALSE;
      if (messages != NULL)
        g_ptr_array_add (messages, g_strdup (problem->message));
    }
  g_hash_table_unref (seen);

  return valid;
}

#define SCHEMA_MISSING G_MININT

/* 0 when @xdoc matches, as xmlRelaxNGValidateDoc(); SCHEMA_MISSING when
 * the schema could not be loaded. */
static int
check_schema (xmlDoc    *xdoc,
              gboolean   strict,
              Collector *collector)
{
  /* libxml2 does not promise that one compiled schema may validate in two
   * threads at once. */
  static GMutex lock;
  xmlRelaxNG *schema = get_schema (strict);
  xmlRelaxNGValidCtxt *vctxt;
  int result;

  if (schema == NULL)
    return SCHEMA_MISSING;

  g_mutex_lock (&lock);
  vctxt = xmlRelaxNGNewValidCtxt (schema);
  if (collector != NULL)
    xmlRelaxNGSetValidStructuredErrors (vctxt, schema_error_cb, collector);
  else
    xmlRelaxNGSetValidStructuredErrors (vctxt, ignore_error_cb, NULL);
  result = xmlRelaxNGValidateDoc (vctxt, xdoc);
  xmlRelaxNGFreeValidCtxt (vctxt);
  g_mutex_unlock (&lock);

  return result;
}

gboolean
wm_validate_published_schema (xmlDoc *xdoc)
{
  return check_schema (xdoc, FALSE, NULL) == 0;
}

gboolean
wm_validate_strict_schema (xmlDoc *xdoc)
{
  strip_foreign (xmlDocGetRootElement (xdoc));
  return check_schema (xdoc, TRUE, NULL) == 0;
}

/* The reader's checks: structure, values, ids, references and spans. Its
 * messages say what is wrong in words a person can act on. */
static void
check_reader (xmlDoc    *xdoc,
              Collector *collector)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) codes = g_array_new (FALSE, FALSE, sizeof (WmErrorCode));
  g_autoptr(GError) local_error = NULL;
  g_autoptr(WmDocument) document = NULL;

  document = wm_reader_build (xdoc, collector->name, found, codes, &local_error);
  for (guint i = 0; i < found->len; i++)
    {
      const char *message = g_ptr_array_index (found, i);
      WmErrorCode code = WM_ERROR_INVALID;

      if (i < codes->len)
        code = g_array_index (codes, WmErrorCode, i);
      else if (i == 0 && local_error != NULL)
        code = local_error->code;

      add_problem (collector, message_line (collector->name, message), code,
                   g_strdup (message));
    }
}

gboolean
wm_validate_data (const char   *data,
                  gsize         length,
                  const char   *name,
                  GPtrArray    *messages,
                  GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  Collector collector = { name, NULL, 0 };
  xmlDoc *xdoc;
  gboolean valid;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  collector.problems = g_array_new (FALSE, FALSE, sizeof (Problem));
  g_array_set_clear_func (collector.problems, problem_clear);

  xdoc = wm_reader_parse_safe (data != NULL ? data : "", length, name, &local_error);
  if (xdoc == NULL)
    {
      add_problem (&collector, message_line (name, local_error->message),
                   local_error->code, g_strdup (local_error->message));
      valid = finish (&collector, messages, error);
      g_array_unref (collector.problems);
      return valid;
    }

  /* The reader first: it is linear, and when it refuses the file only its
   * messages are shown (see finish()), so the schema would be wasted time. */
  check_reader (xdoc, &collector);

  if (collector.problems->len == 0)
    {
      /* The reader is done with the tree, so it is stripped in place. */
      strip_foreign (xmlDocGetRootElement (xdoc));
      switch (check_schema (xdoc, TRUE, &collector))
        {
        case 0:
          break;
        case SCHEMA_MISSING:
          add_problem (&collector, 1, WM_ERROR_FAILED,
                       g_strdup_printf (_("%s:1: the schema could not be loaded"), name));
          break;
        default:
          if (collector.problems->len == 0)
            add_problem (&collector, 1, WM_ERROR_INVALID,
                         g_strdup_printf (_("%s:1: the map does not match the schema"), name));
        }
    }

  xmlFreeDoc (xdoc);

  valid = finish (&collector, messages, error);
  g_array_unref (collector.problems);

  return valid;
}

gboolean
wm_validate_file (GFile       *file,
                  GPtrArray   *messages,
                  GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if ((bytes = wm_reader_read_file (file, &name, &local_error)) == NULL)
    {
      if (messages != NULL)
        g_ptr_array_add (messages, g_strdup (local_error->message));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  data = g_bytes_get_data (bytes, &length);

  return wm_validate_data (data != NULL ? data : "", length, name, messages, error);
}
