#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "wm-core-resources.h"
#include "wm-error.h"
#include "wm-format.h"
#include "wm-reader.h"
#include "wm-reader-guard.h"
#include "wm-validate.h"

#define SCHEMA_PATH "/io/github/waymark/Waymark/core/waymark.rng"

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

/* Compiled once; libxml2 does not change a compiled schema while it
 * validates, so threads may share it. */
static xmlRelaxNG *
get_schema (void)
{
  static gsize initialized = 0;
  static xmlRelaxNG *schema = NULL;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GBytes) bytes = NULL;
      xmlRelaxNGParserCtxt *ctxt;
      gsize length = 0;
      const char *data;

      bytes = g_resource_lookup_data (wm_core_get_resource (), SCHEMA_PATH,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      if (bytes != NULL)
        {
          data = g_bytes_get_data (bytes, &length);
          ctxt = xmlRelaxNGNewMemParserCtxt (data, (int) length);
          xmlRelaxNGSetParserStructuredErrors (ctxt, ignore_error_cb, NULL);
          schema = xmlRelaxNGParse (ctxt);
          xmlRelaxNGFreeParserCtxt (ctxt);
        }

      g_once_init_leave (&initialized, 1);
    }

  return schema;
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

gboolean
wm_validate_data (const char   *data,
                  gsize         length,
                  const char   *name,
                  GPtrArray    *messages,
                  GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GArray) codes = NULL;
  g_autoptr(WmDocument) document = NULL;
  Collector collector;
  xmlRelaxNG *schema;
  xmlDoc *xdoc;
  gboolean valid;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  collector.name = name;
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

  if ((schema = get_schema ()) == NULL)
    add_problem (&collector, 1, WM_ERROR_FAILED,
                 g_strdup_printf (_("%s:1: the schema could not be loaded"), name));
  else
    {
      /* libxml2 does not promise that one compiled schema may validate
       * in two threads at once. */
      static GMutex lock;
      xmlRelaxNGValidCtxt *vctxt;
      int result;

      g_mutex_lock (&lock);
      vctxt = xmlRelaxNGNewValidCtxt (schema);
      xmlRelaxNGSetValidStructuredErrors (vctxt, schema_error_cb, &collector);
      result = xmlRelaxNGValidateDoc (vctxt, xdoc);
      xmlRelaxNGFreeValidCtxt (vctxt);
      g_mutex_unlock (&lock);

      if (result != 0 && collector.problems->len == 0)
        add_problem (&collector, 1, WM_ERROR_INVALID,
                     g_strdup_printf (_("%s:1: the map does not match the schema"), name));
    }

  /* References, ids and spans, which the schema cannot express. */
  found = g_ptr_array_new_with_free_func (g_free);
  codes = g_array_new (FALSE, FALSE, sizeof (WmErrorCode));
  document = wm_reader_build (xdoc, name, found, codes, &local_error);
  for (guint i = 0; i < found->len; i++)
    {
      const char *message = g_ptr_array_index (found, i);
      WmErrorCode code = WM_ERROR_INVALID;

      if (i < codes->len)
        code = g_array_index (codes, WmErrorCode, i);
      else if (i == 0 && local_error != NULL)
        code = local_error->code;

      add_problem (&collector, message_line (name, message), code, g_strdup (message));
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
