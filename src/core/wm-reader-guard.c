/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

/* wm-reader-guard.c - everything between a file and a libxml2 tree that
 * can be trusted: regular files only, opened without blocking; a size cap;
 * UTF-8, DOCTYPE, markup counts, depth and value lengths checked on the
 * bytes before libxml2 allocates anything; then libxml2 without network,
 * DTD or entities. wm-reader.c builds the document from the tree. */

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
#include "wm-reader-guard.h"
#include "wm-rules.h"

/* XML_PARSE_HUGE lifts libxml2's own limits (10,000,000 bytes of text
 * in a node, of a lookahead, 256 levels): ours, checked before libxml2
 * sees the bytes, are stricter (WM_MAX_TEXT_BYTES per value, WM_MAX_DEPTH,
 * WM_MAX_ITEMS), and theirs depended on where a value sat in the file. */
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOWARNING | \
                       XML_PARSE_NOERROR | XML_PARSE_BIG_LINES | XML_PARSE_HUGE)

/* ------------------------------------------------------------------ */
/* Bytes: size, encoding, DOCTYPE, before libxml2 sees anything.      */
/* ------------------------------------------------------------------ */

static guint
line_at (const char *data,
         const char *pos)
{
  guint line = 1;
  const char *p = data;

  while (p < pos && (p = memchr (p, '\n', pos - p)) != NULL)
    {
      line++;
      p++;
    }

  return line;
}

static gboolean
starts_with (const char *p,
             const char *end,
             const char *prefix)
{
  gsize len = strlen (prefix);

  return (gsize) (end - p) >= len && memcmp (p, prefix, len) == 0;
}

/* The prolog may hold an XML declaration, comments, processing
 * instructions and white space; a DOCTYPE can only come there. Returns
 * where it starts, or NULL. */
static const char *
find_doctype (const char *data,
              gsize       length)
{
  const char *p = data;
  const char *end = data + length;

  if (starts_with (p, end, "\xEF\xBB\xBF"))
    p += 3;

  while (p < end)
    {
      const char *close;

      if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        {
          p++;
          continue;
        }

      if (starts_with (p, end, "<?"))
        {
          close = g_strstr_len (p + 2, end - p - 2, "?>");
          if (close == NULL)
            return NULL;
          p = close + 2;
        }
      else if (starts_with (p, end, "<!--"))
        {
          close = g_strstr_len (p + 4, end - p - 4, "-->");
          if (close == NULL)
            return NULL;
          p = close + 3;
        }
      else if (starts_with (p, end, "<!DOCTYPE"))
        return p;
      else
        return NULL;
    }

  return NULL;
}

/* More than real maps ever need. libxml2 2.9 checks an element's
 * attributes for duplicates pairwise and looks namespaces up in a list,
 * so many of either cost it quadratic time. */
#define MAX_ATTRIBUTES 64
#define MAX_NAMESPACES 64

typedef enum
{
  MARKUP_OK,
  MARKUP_ELEMENTS,
  MARKUP_ATTRIBUTES,
  MARKUP_ELEMENT_ATTRIBUTES,
  MARKUP_NAMESPACES,
  MARKUP_DEPTH,
  MARKUP_TEXT,
  MARKUP_VALUE,
} MarkupProblem;

typedef struct
{
  const char *data;
  const char *end;
  const char *where;      /* the start tag of the problem */
  const char *tag;        /* the innermost open start tag of ours */
  gsize       elements;
  gsize       attributes;
  guint       namespaces;
  int         depth;
  int         foreign;    /* depth where a foreign subtree began, or 0 */
  gsize       text;       /* at least this many bytes of text so far */
} Scan;

static const char *
skip_past (const char *p,
           const char *end,
           const char *terminator)
{
  const char *found = g_strstr_len (p, end - p, terminator);

  return found != NULL ? found + strlen (terminator) : NULL;
}

/* The fewest bytes the character data from @p to @end can become: a
 * reference (&amp;, &#x10FFFF;) at least one, a CR perhaps none. */
static gsize
decoded_min (const char *p,
             const char *end)
{
  gsize n = 0;

  while (p < end)
    {
      const char *amp = memchr (p, '&', end - p);
      const char *stop = amp != NULL ? amp : end;

      n += stop - p;
      for (const char *q = p; q < stop && (q = memchr (q, '\r', stop - q)) != NULL; q++)
        n--;
      if (amp == NULL)
        break;
      n++;
      p = memchr (amp, ';', end - amp);
      p = p != NULL ? p + 1 : end;
    }

  return n;
}

static gboolean
text_too_long (Scan       *scan,
               const char *p,
               const char *end)
{
  if (scan->foreign != 0 || scan->tag == NULL)
    return FALSE;

  scan->text += decoded_min (p, end);
  scan->where = scan->tag;

  return scan->text > WM_MAX_TEXT_BYTES;
}

/* Another tool's element: a prefixed name (ours are not prefixed in
 * practice; if they are, the tree is checked again after parsing) or
 * one that moves the default namespace away from ours. */
static gboolean
is_foreign_tag (const char *name,
                gsize       name_length,
                gboolean    default_ns_changed)
{
  return memchr (name, ':', name_length) != NULL || default_ns_changed;
}

/* One start tag from the byte after its "<": counts its attributes and
 * namespaces, bounds its values. Returns where the scan goes on. */
static const char *
scan_start_tag (Scan          *scan,
                const char    *p,
                MarkupProblem *problem)
{
  const char *end = scan->end;
  const char *tag = p - 1;
  const char *name = p;
  const char *attr_name = NULL;
  gsize name_length;
  gsize longest = 0;
  gboolean default_ns_changed = FALSE;
  guint in_tag = 0;

  while (p < end && !g_ascii_isspace (*p) && *p != '/' && *p != '>' && *p != '<')
    p++;
  name_length = p - name;

  while (p < end && *p != '>' && *p != '<')
    {
      if (*p == '"' || *p == '\'')
        {
          const char *close = memchr (p + 1, *p, end - p - 1);
          gsize length;

          if (close == NULL)
            return end;  /* not well-formed: libxml2 says so */
          length = decoded_min (p + 1, close);
          longest = MAX (longest, length);
          if (attr_name != NULL && starts_with (attr_name, p, "xmlns") &&
              strspn (attr_name + 5, " \t\r\n=") == (gsize) (p - attr_name - 5) &&
              (close - p - 1 != (gssize) strlen (WM_NAMESPACE) ||
               memcmp (p + 1, WM_NAMESPACE, close - p - 1) != 0))
            default_ns_changed = TRUE;
          attr_name = NULL;
          p = close + 1;
          continue;
        }

      if (*p == '=')
        {
          if (++in_tag > MAX_ATTRIBUTES)
            {
              *problem = MARKUP_ELEMENT_ATTRIBUTES;
              return NULL;
            }
          if (++scan->attributes > WM_MAX_ITEMS)
            {
              *problem = MARKUP_ATTRIBUTES;
              return NULL;
            }
        }
      else if (g_ascii_isspace (*p) && p + 1 < end && !g_ascii_isspace (p[1]) && p[1] != '=')
        {
          attr_name = p + 1;
          if (starts_with (p + 1, end, "xmlns") && ++scan->namespaces > MAX_NAMESPACES)
            {
              *problem = MARKUP_NAMESPACES;
              return NULL;
            }
        }

      p++;
    }

  if (scan->foreign == 0 && is_foreign_tag (name, name_length, default_ns_changed))
    scan->foreign = scan->depth;
  if (scan->foreign == 0)
    {
      scan->tag = tag;
      if (longest > WM_MAX_TEXT_BYTES)
        {
          *problem = MARKUP_VALUE;
          return NULL;
        }
    }

  if (p < end && *p == '>' && p[-1] == '/')
    {
      if (scan->foreign == scan->depth)
        scan->foreign = 0;
      scan->depth--;
    }

  return p;
}

/* A quick pass over the markup before libxml2 allocates a node for
 * anything: every element and attribute costs it memory, deep nesting
 * costs it stack, many attributes or namespaces cost it time, a long
 * value costs it memory for nothing since it is refused. Counts start
 * tags, their attributes and namespace declarations, and the depth, and
 * bounds the text and attribute values of our elements (another tool's
 * content is bounded by the file's size only); what is not well-formed
 * is left to libxml2 to report. */
static MarkupProblem
scan_markup (const char  *data,
             gsize        length,
             const char **where)
{
  Scan scan = { data, data + length, NULL, NULL, 0, 0, 0, 0, 0, 0 };
  MarkupProblem problem = MARKUP_OK;
  const char *end = data + length;
  const char *p = data;

  while (p < end)
    {
      const char *tag = memchr (p, '<', end - p);

      if (text_too_long (&scan, p, tag != NULL ? tag : end))
        {
          *where = scan.where;
          return MARKUP_TEXT;
        }
      if (tag == NULL || (p = tag + 1) >= end)
        break;

      if (*p == '!')
        {
          if (starts_with (p, end, "![CDATA["))
            {
              const char *close = g_strstr_len (p + 8, end - p - 8, "]]>");

              if (text_too_long (&scan, p + 8, close != NULL ? close : end))
                {
                  *where = scan.where;
                  return MARKUP_TEXT;
                }
              p = close != NULL ? close + 3 : NULL;
            }
          else if (starts_with (p, end, "!--"))
            p = skip_past (p + 3, end, "-->");
          if (p == NULL)
            break;
          continue;
        }

      if (*p == '?')
        {
          if ((p = skip_past (p + 1, end, "?>")) == NULL)
            break;
          continue;
        }

      scan.text = 0;

      if (*p == '/')
        {
          const char *close = memchr (p, '>', end - p);

          if (scan.foreign == scan.depth)
            scan.foreign = 0;
          scan.depth--;
          p = close != NULL ? close + 1 : end;
          continue;
        }

      *where = tag;
      if (++scan.elements > WM_MAX_ITEMS)
        return MARKUP_ELEMENTS;
      if (++scan.depth > WM_MAX_DEPTH)
        return MARKUP_DEPTH;

      if ((p = scan_start_tag (&scan, p, &problem)) == NULL)
        return problem;
      if (p < end && *p == '>')
        p++;
    }

  return MARKUP_OK;
}

const char *
wm_reader_too_long_message (gboolean attribute)
{
  return attribute ? _("an attribute value is longer than 1 MiB, the most one value may hold")
                   : _("a text is longer than 1 MiB, the most one value may hold");
}

/* The message for a value over WM_MAX_TEXT_BYTES: "NAME:LINE: …". */
static void
set_too_long_error (GError     **error,
                    const char  *name,
                    long         line,
                    gboolean     attribute)
{
  g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE, "%s:%ld: %s",
               name, line, wm_reader_too_long_message (attribute));
}

static gboolean
check_bytes (const char  *data,
             gsize        length,
             const char  *name,
             GError     **error)
{
  const char *end = NULL;
  const char *where;
  MarkupProblem problem;

  if (length > WM_MAX_FILE_SIZE)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
                   _("%s:1: the file is larger than %d MiB, the most Waymark reads"),
                   name, WM_MAX_FILE_SIZE / (1024 * 1024));
      return FALSE;
    }

  if (!g_utf8_validate_len (data, length, &end))
    {
      if (*end == '\0')
        g_set_error (error, WM_ERROR, WM_ERROR_MALFORMED,
                     _("%s:%u: the file contains a NUL byte; it is not a text file"),
                     name, line_at (data, end));
      else
        g_set_error (error, WM_ERROR, WM_ERROR_MALFORMED,
                     _("%s:%u: the file is not valid UTF-8 (byte 0x%02X)"),
                     name, line_at (data, end), (guint) (guchar) *end);
      return FALSE;
    }

  if ((where = find_doctype (data, length)) != NULL)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_FORBIDDEN,
                   _("%s:%u: documents with a DOCTYPE are refused (entities could read other files)"),
                   name, line_at (data, where));
      return FALSE;
    }

  switch ((problem = scan_markup (data, length, &where)))
    {
    case MARKUP_OK:
      break;
    case MARKUP_ELEMENTS:
      g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
                   _("%s:%u: the map has more than %d elements"),
                   name, line_at (data, where), WM_MAX_ITEMS);
      return FALSE;
    case MARKUP_ATTRIBUTES:
      g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
                   _("%s:%u: the map has more than %d attributes"),
                   name, line_at (data, where), WM_MAX_ITEMS);
      return FALSE;
    case MARKUP_ELEMENT_ATTRIBUTES:
      g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
                   _("%s:%u: an element has more than %d attributes"),
                   name, line_at (data, where), MAX_ATTRIBUTES);
      return FALSE;
    case MARKUP_NAMESPACES:
      g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
                   _("%s:%u: the map declares more than %d namespaces"),
                   name, line_at (data, where), MAX_NAMESPACES);
      return FALSE;
    case MARKUP_DEPTH:
      g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
                   _("%s:%u: elements are nested more than %d levels deep"),
                   name, line_at (data, where), WM_MAX_DEPTH);
      return FALSE;
    case MARKUP_TEXT:
    case MARKUP_VALUE:
      set_too_long_error (error, name, line_at (data, where), problem == MARKUP_VALUE);
      return FALSE;
    default:
      g_assert_not_reached ();
    }

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* libxml2                                                            */
/* ------------------------------------------------------------------ */

typedef struct
{
  int   line;
  char *message;
} ParseError;

/* Keeps the first error: later ones are usually its echoes. */
static void
structured_error_cb (void        *user_data,
                     xmlErrorPtr  error)
{
  xmlParserCtxt *ctxt = user_data;
  ParseError *first;

  if (ctxt == NULL || ctxt->_private == NULL)
    return;

  first = ctxt->_private;
  if (first->message != NULL || error->level < XML_ERR_ERROR)
    return;

  first->line = error->line;
  first->message = g_strchomp (g_strdup (error->message != NULL ? error->message : _("unknown error")));
}

static gboolean
is_size_error (const char *message)
{
  return strstr (message, "too long") != NULL ||
         strstr (message, "Huge") != NULL ||
         strstr (message, "huge") != NULL;
}

static void
set_parse_error (const ParseError  *first,
                 const char        *name,
                 GError           **error)
{
  int line = MAX (first->line, 1);

  if (first->message == NULL)
    g_set_error (error, WM_ERROR, WM_ERROR_MALFORMED,
                 _("%s:%d: the file could not be read as XML"), name, line);
  else if (strstr (first->message, "Excessive depth") != NULL)
    g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
                 _("%s:%d: elements are nested more than %d levels deep"),
                 name, line, WM_MAX_DEPTH);
  else if (is_size_error (first->message))
    g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
                 _("%s:%d: a text or attribute value is too long (%s)"),
                 name, line, first->message);
  else
    g_set_error (error, WM_ERROR, WM_ERROR_MALFORMED,
                 _("%s:%d: not well-formed XML: %s"), name, line, first->message);
}

/* Depth and element count over the whole tree, foreign parts included. */
static gboolean
check_tree (xmlNode     *root,
            const char  *name,
            GError     **error)
{
  xmlNode *node = root;
  guint depth = 1;
  gsize count = 0;

  for (;;)
    {
      if (node->type == XML_ELEMENT_NODE)
        {
          if (depth > WM_MAX_DEPTH)
            {
              g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
                           _("%s:%ld: elements are nested more than %d levels deep"),
                           name, xmlGetLineNo (node), WM_MAX_DEPTH);
              return FALSE;
            }
          if (++count > WM_MAX_ITEMS)
            {
              g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
                           _("%s:%ld: the map has more than %d elements"),
                           name, xmlGetLineNo (node), WM_MAX_ITEMS);
              return FALSE;
            }
          if (node->children != NULL)
            {
              node = node->children;
              depth++;
              continue;
            }
        }

      while (node != root && node->next == NULL)
        {
          node = node->parent;
          depth--;
        }
      if (node == root)
        break;
      node = node->next;
    }

  return TRUE;
}

/* libxml2 is fed the caller's bytes in chunks: xmlCtxtReadMemory()
 * would copy the whole file first, and this way it frees what it has
 * parsed as it goes, so a file costs its own size once, plus the tree. */
typedef struct
{
  const char *p;
  const char *end;
} Feed;

static int
feed_read_cb (void *context,
              char *buffer,
              int   length)
{
  Feed *feed = context;
  gsize n = MIN ((gsize) length, (gsize) (feed->end - feed->p));

  memcpy (buffer, feed->p, n);
  feed->p += n;

  return (int) n;
}

static int
feed_close_cb (void *context)
{
  return 0;
}

/* Comments and processing instructions among our elements are dropped
 * by the reader anyway: not building them keeps a file that is one
 * huge comment from costing its size twice. Inside another tool's
 * element they are kept, as all of its content. */
static gboolean
inside_foreign (xmlParserCtxt *ctxt)
{
  xmlNode *node = ctxt->node;

  return node != NULL && node->type == XML_ELEMENT_NODE &&
         !(node->ns != NULL && node->ns->href != NULL &&
           strcmp ((const char *) node->ns->href, WM_NAMESPACE) == 0);
}

static void
comment_cb (void          *ctx,
            const xmlChar *value)
{
  if (inside_foreign (ctx))
    xmlSAX2Comment (ctx, value);
}

static void
processing_instruction_cb (void          *ctx,
                           const xmlChar *target,
                           const xmlChar *data)
{
  if (inside_foreign (ctx))
    xmlSAX2ProcessingInstruction (ctx, target, data);
}

xmlDoc *
wm_reader_parse_safe (const char  *data,
                      gsize        length,
                      const char  *name,
                      GError     **error)
{
  xmlParserCtxt *ctxt;
  xmlDoc *xdoc;
  ParseError first = { 0, NULL };
  Feed feed;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!check_bytes (data, length, name, error))
    return NULL;

  if (length == 0)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_MALFORMED,
                   _("%s:1: the file is empty"), name);
      return NULL;
    }

  if (length > G_MAXINT)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
                   _("%s:1: the file is too large"), name);
      return NULL;
    }

  xmlInitParser ();

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_FAILED,
                   _("%s:1: out of memory"), name);
      return NULL;
    }

  ctxt->_private = &first;
  ctxt->sax->serror = structured_error_cb;
  ctxt->sax->comment = comment_cb;
  ctxt->sax->processingInstruction = processing_instruction_cb;

  /* The encoding is forced: the bytes were checked as UTF-8 above. */
  feed = (Feed) { data, data + length };
  xdoc = xmlCtxtReadIO (ctxt, feed_read_cb, feed_close_cb, &feed, name, "UTF-8", PARSE_OPTIONS);

  ctxt->_private = NULL;

  if (xdoc == NULL || first.message != NULL || !ctxt->wellFormed)
    {
      if (first.message == NULL)
        {
          xmlErrorPtr last = xmlCtxtGetLastError (ctxt);

          if (last != NULL && last->message != NULL)
            {
              first.line = last->line;
              first.message = g_strchomp (g_strdup (last->message));
            }
        }
      set_parse_error (&first, name, error);
      g_free (first.message);
      g_clear_pointer (&xdoc, xmlFreeDoc);
      xmlFreeParserCtxt (ctxt);
      return NULL;
    }

  xmlFreeParserCtxt (ctxt);

  /* Cannot happen after the prolog check; refused all the same. */
  if (xdoc->intSubset != NULL || xdoc->extSubset != NULL)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_FORBIDDEN,
                   _("%s:1: documents with a DOCTYPE are refused (entities could read other files)"),
                   name);
      xmlFreeDoc (xdoc);
      return NULL;
    }

  if (xmlDocGetRootElement (xdoc) == NULL)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_MALFORMED,
                   _("%s:1: the file has no root element"), name);
      xmlFreeDoc (xdoc);
      return NULL;
    }

  if (!check_tree (xmlDocGetRootElement (xdoc), name, error))
    {
      xmlFreeDoc (xdoc);
      return NULL;
    }

  return xdoc;
}

/* ------------------------------------------------------------------ */
/* Files                                                              */
/* ------------------------------------------------------------------ */

/* What went wrong, without GIO's "Error opening file “…”:" preamble: the
 * message already starts with the file's name. */
static const char *
io_reason (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return g_strerror (ENOENT);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    return g_strerror (EACCES);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    return g_strerror (EISDIR);

  return error->message;
}

static char *
file_name (GFile *file)
{
  const char *path = g_file_peek_path (file);

  return path != NULL ? g_strdup (path) : g_file_get_uri (file);
}

static gboolean
set_too_large_error (GError     **error,
                     const char  *display)
{
  g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
               _("%s:1: the file is larger than %d MiB, the most Waymark reads"),
               display, WM_MAX_FILE_SIZE / (1024 * 1024));
  return FALSE;
}

/* Opens @path only if it is a regular file. A FIFO, a device or a socket
 * is refused without being opened for real: the stat before says what it
 * is, O_NONBLOCK keeps open() from waiting for a FIFO's writer if it was
 * swapped in meanwhile, and the fstat after says what was opened. */
static int
open_regular (const char  *path,
              const char  *display,
              GError     **error)
{
  struct stat st;
  int fd;

  if (stat (path, &st) != 0)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_IO, "%s: %s", display, g_strerror (errno));
      return -1;
    }

  if (S_ISREG (st.st_mode))
    fd = open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  else
    {
      fd = -1;
      errno = S_ISDIR (st.st_mode) ? EISDIR : 0;
    }
  if (fd >= 0 && (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode)))
    {
      close (fd);
      fd = -1;
      errno = S_ISDIR (st.st_mode) ? EISDIR : 0;
    }

  if (fd < 0 && errno == 0)
    g_set_error (error, WM_ERROR, WM_ERROR_IO, _("%s: not a regular file"), display);
  else if (fd < 0)
    g_set_error (error, WM_ERROR, WM_ERROR_IO, "%s: %s", display, g_strerror (errno));
  else
    (void) fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);

  return fd;
}

/* Reads all of @fd into one buffer the size of the file (it is parsed in
 * place), never more than WM_MAX_FILE_SIZE bytes even if it grows. */
static GBytes *
read_fd (int          fd,
         const char  *display,
         GError     **error)
{
  struct stat st;
  gsize capacity;
  gsize length = 0;
  guint8 *buffer;

  if (fstat (fd, &st) != 0)
    st.st_size = 0;
  if (st.st_size > WM_MAX_FILE_SIZE)
    {
      set_too_large_error (error, display);
      return NULL;
    }

  capacity = (gsize) st.st_size + 1;
  buffer = g_malloc (capacity);
  for (;;)
    {
      gssize n;

      if (length == capacity)
        {
          if (capacity > WM_MAX_FILE_SIZE)
            {
              g_free (buffer);
              set_too_large_error (error, display);
              return NULL;
            }
          capacity = MIN (capacity * 2, (gsize) WM_MAX_FILE_SIZE + 1);
          buffer = g_realloc (buffer, capacity);
        }

      n = read (fd, buffer + length, capacity - length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          g_set_error (error, WM_ERROR, WM_ERROR_IO, "%s: %s", display, g_strerror (errno));
          g_free (buffer);
          return NULL;
        }
      if (n == 0)
        break;
      length += n;
    }

  return g_bytes_new_take (buffer, length);
}

GBytes *
wm_reader_read_path (const char  *path,
                     const char  *display,
                     GError     **error)
{
  GBytes *bytes;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  if (display == NULL)
    display = path;

  if ((fd = open_regular (path, display, error)) < 0)
    return NULL;

  bytes = read_fd (fd, display, error);
  close (fd);

  return bytes;
}

GBytes *
wm_reader_read_file (GFile   *file,
                     char   **name,
                     GError **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  goffset size = 0;
  gsize capacity;
  gsize length = 0;
  guint8 *buffer;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  display = file_name (file);

  if (g_file_peek_path (file) != NULL)
    {
      GBytes *bytes = wm_reader_read_path (g_file_peek_path (file), display, error);

      if (bytes != NULL && name != NULL)
        *name = g_steal_pointer (&display);
      return bytes;
    }

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_IO, "%s: %s", display, io_reason (local_error));
      return NULL;
    }

  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_DIRECTORY:
      g_set_error (error, WM_ERROR, WM_ERROR_IO, "%s: %s", display, g_strerror (EISDIR));
      return NULL;
    case G_FILE_TYPE_SPECIAL:
      g_set_error (error, WM_ERROR, WM_ERROR_IO, _("%s: not a regular file"), display);
      return NULL;
    default:
      break;
    }

  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
    size = g_file_info_get_size (info);

  if (size > WM_MAX_FILE_SIZE)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
                   _("%s:1: the file is larger than %d MiB, the most Waymark reads"),
                   display, WM_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }

  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_IO, "%s: %s", display, io_reason (local_error));
      return NULL;
    }

  /* Never more than the cap, whatever the size said: the file may grow. */
  capacity = (gsize) size + 1;
  buffer = g_malloc (capacity);

  for (;;)
    {
      gsize n = 0;

      if (length == capacity)
        {
          if (capacity > WM_MAX_FILE_SIZE)
            {
              g_free (buffer);
              g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
                           _("%s:1: the file is larger than %d MiB, the most Waymark reads"),
                           display, WM_MAX_FILE_SIZE / (1024 * 1024));
              return NULL;
            }
          capacity = MIN (capacity * 2, (gsize) WM_MAX_FILE_SIZE + 1);
          buffer = g_realloc (buffer, capacity);
        }

      if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer + length,
                                    capacity - length, &n, NULL, &local_error))
        {
          g_free (buffer);
          g_set_error (error, WM_ERROR, WM_ERROR_IO, "%s: %s", display, io_reason (local_error));
          return NULL;
        }

      length += n;
      if (n == 0 || length < capacity)
        break;
    }

  if (name != NULL)
    *name = g_steal_pointer (&display);

  return g_bytes_new_take (buffer, length);
}

void
wm_reader_append_escaped (GString    *out,
                          const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '&': g_string_append (out, "&amp;"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      case '"': g_string_append (out, "&quot;"); break;
      case '\n': g_string_append (out, "&#10;"); break;
      case '\r': g_string_append (out, "&#13;"); break;
      case '\t': g_string_append (out, "&#9;"); break;
      default: g_string_append_c (out, *p); break;
      }
}
