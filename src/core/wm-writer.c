#define G_LOG_DOMAIN "Waymark"
#define _GNU_SOURCE  /* O_TMPFILE, O_PATH, linkat() */

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "wm-error.h"
#include "wm-reader-private.h"
#include "wm-writer.h"

#ifndef O_PATH
# define O_PATH 0
#endif

/* ------------------------------------------------------------------ */
/* Escaping and numbers                                               */
/* ------------------------------------------------------------------ */

enum {
  KEEP = 0,
  ESCAPE,   /* & < > always, " in attributes */
  DROP,     /* not allowed in XML 1.0 at all */
  LINE,     /* \t \n \r: literal in text, except \r */
};

/* What to do with each byte below 0x80 (UTF-8 continuation bytes and
 * lead bytes are kept). */
static guint8 byte_class[256];

static void
init_classes (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint c = 0; c < 0x20; c++)
        byte_class[c] = DROP;
      byte_class['\t'] = LINE;
      byte_class['\n'] = LINE;
      byte_class['\r'] = LINE;
      byte_class['&'] = ESCAPE;
      byte_class['<'] = ESCAPE;
      byte_class['>'] = ESCAPE;
      byte_class['"'] = ESCAPE;
      g_once_init_leave (&initialized, 1);
    }
}

/* Text keeps tabs and newlines literally; "\r" would become "\n" on the
 * way back in, so it is written as a character reference. In attributes
 * all three are references: a parser turns them into spaces otherwise. */
static void
append_escaped (GString    *out,
                const char *text,
                gboolean    attribute)
{
  const guchar *p = (const guchar *) (text != NULL ? text : "");
  const guchar *run = p;

  for (; *p != '\0'; p++)
    {
      const char *replacement;
      guint8 klass = byte_class[*p];

      if (G_LIKELY (klass == KEEP))
        continue;

      switch (*p)
        {
        case '&': replacement = "&amp;"; break;
        case '<': replacement = "&lt;"; break;
        case '>': replacement = "&gt;"; break;
        case '"': replacement = attribute ? "&quot;" : NULL; break;
        case '\t': replacement = attribute ? "&#9;" : NULL; break;
        case '\n': replacement = attribute ? "&#10;" : NULL; break;
        case '\r': replacement = "&#13;"; break;
        default: replacement = ""; break;  /* DROP */
        }

      if (replacement == NULL)
        continue;

      g_string_append_len (out, (const char *) run, p - run);
      g_string_append (out, replacement);
      run = p + 1;
    }

  g_string_append_len (out, (const char *) run, p - run);
}

/* The shortest decimal that reads back as the same double: "1", "-0.5",
 * "0.25"; never "1.0" and never an exponent (xsd:decimal has none). */
static void
append_number (GString *out,
               double   value)
{
  static const char * const formats[] = {
    "%.0f", "%.1f", "%.2f", "%.3f", "%.4f", "%.5f", "%.6f", "%.7f", "%.8f",
    "%.9f", "%.10f", "%.11f", "%.12f", "%.13f", "%.14f", "%.15f", "%.16f", "%.17f",
  };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE + 32];

  if (!isfinite (value))
    value = 0.0;
  if (value == 0.0)
    value = 0.0;  /* no "-0" */

  if (fabs (value) < 1e15 && value == (double) (gint64) value)
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) value);
      return;
    }

  for (int precision = 1; precision <= 17; precision++)
    {
      g_ascii_formatd (buffer, sizeof buffer, formats[precision], value);
      if (g_ascii_strtod (buffer, NULL) == value || precision == 17)
        break;
    }

  /* Trailing zeros cannot be there, except at precision 17. */
  {
    char *end = buffer + strlen (buffer);

    while (end > buffer && end[-1] == '0')
      *--end = '\0';
    if (end > buffer && end[-1] == '.')
      *--end = '\0';
  }

  g_string_append (out, buffer);
}

/* ------------------------------------------------------------------ */
/* Elements                                                           */
/* ------------------------------------------------------------------ */

static void
indent (GString *out,
        guint    level)
{
  static const char spaces[] = "                ";

  g_string_append_len (out, spaces, MIN (level * 2, sizeof spaces - 1));
}

static void
attr_string (GString    *out,
             const char *name,
             const char *value)
{
  g_string_append_c (out, ' ');
  g_string_append (out, name);
  g_string_append (out, "=\"");
  append_escaped (out, value, TRUE);
  g_string_append_c (out, '"');
}

static void
attr_number (GString    *out,
             const char *name,
             double      value)
{
  g_string_append_c (out, ' ');
  g_string_append (out, name);
  g_string_append (out, "=\"");
  append_number (out, value);
  g_string_append_c (out, '"');
}

static void
attr_uint (GString    *out,
           const char *name,
           guint       value)
{
  g_string_append_printf (out, " %s=\"%u\"", name, value);
}

/* A token of the format for an enum value; the first one if the value is
 * out of range, so that a bad value cannot make an unreadable file. */
static const char *
token (const char * const *tokens,
       int                 value)
{
  for (int i = 0; tokens[i] != NULL; i++)
    {
      if (i == value)
        return tokens[i];
    }

  return tokens[0];
}

static WmForeign *
foreign_of (gpointer item)
{
  return wm_item_has_foreign (WM_ITEM (item)) ? wm_item_get_foreign (WM_ITEM (item)) : NULL;
}

static void
foreign_attrs (GString   *out,
               WmForeign *foreign)
{
  if (foreign == NULL)
    return;

  for (guint i = 0; i < foreign->attrs->len; i++)
    {
      const WmForeignAttr *attr = g_ptr_array_index (foreign->attrs, i);

      g_string_append_c (out, ' ');
      if (attr->prefix != NULL && attr->prefix[0] != '\0')
        {
          g_string_append (out, attr->prefix);
          g_string_append_c (out, ':');
        }
      g_string_append (out, attr->name);
      g_string_append (out, "=\"");
      append_escaped (out, attr->value, TRUE);
      g_string_append_c (out, '"');
    }
}

static gboolean
has_foreign_elements (WmForeign *foreign)
{
  return foreign != NULL && foreign->elements->len > 0;
}

static void
foreign_elements (GString   *out,
                  WmForeign *foreign,
                  guint      level)
{
  if (foreign == NULL)
    return;

  for (guint i = 0; i < foreign->elements->len; i++)
    {
      indent (out, level);
      g_string_append (out, g_ptr_array_index (foreign->elements, i));
      g_string_append_c (out, '\n');
    }
}

/* <name>text</name>, or nothing for NULL text. */
static void
text_element (GString    *out,
              guint       level,
              const char *name,
              const char *text)
{
  if (text == NULL)
    return;

  indent (out, level);
  g_string_append_c (out, '<');
  g_string_append (out, name);
  if (text[0] == '\0')
    {
      g_string_append (out, "/>\n");
      return;
    }
  g_string_append_c (out, '>');
  append_escaped (out, text, FALSE);
  g_string_append (out, "</");
  g_string_append (out, name);
  g_string_append (out, ">\n");
}

/* Ends a start tag: "/>" when the element has no children. */
static gboolean
end_start_tag (GString  *out,
               gboolean  has_children)
{
  g_string_append (out, has_children ? ">\n" : "/>\n");

  return has_children;
}

static void
end_tag (GString    *out,
         guint       level,
         const char *name)
{
  indent (out, level);
  g_string_append (out, "</");
  g_string_append (out, name);
  g_string_append (out, ">\n");
}

static guint
n_items (GListStore *store)
{
  return g_list_model_get_n_items (G_LIST_MODEL (store));
}

static void
write_persona (GString  *out,
               gpointer  item)
{
  WmPersona *persona = item;
  WmForeign *foreign = foreign_of (persona);
  const char * const *goals = wm_persona_get_goals (persona);
  const char *name = wm_persona_get_name (persona);
  const char *description = wm_persona_get_description (persona);

  indent (out, 1);
  g_string_append (out, "<persona");
  attr_string (out, "id", wm_item_get_id (WM_ITEM (persona)));
  if (wm_persona_get_color (persona) != NULL)
    attr_string (out, "color", wm_persona_get_color (persona));
  if (wm_persona_get_hidden (persona))
    g_string_append (out, " hidden=\"true\"");
  foreign_attrs (out, foreign);

  if (!end_start_tag (out, name != NULL || description != NULL ||
                           (goals != NULL && goals[0] != NULL) ||
                           has_foreign_elements (foreign)))
    return;

  text_element (out, 2, "name", name);
  text_element (out, 2, "description", description);
  for (guint i = 0; goals != NULL && goals[i] != NULL; i++)
    text_element (out, 2, "goal", goals[i]);
  foreign_elements (out, foreign, 2);
  end_tag (out, 1, "persona");
}

static void
write_metric (GString  *out,
              WmMetric *metric)
{
  indent (out, 2);
  g_string_append (out, "<metric");
  attr_string (out, "kind", token (wm_format_metric_kinds, wm_metric_get_kind (metric)));
  attr_number (out, "value", wm_metric_get_value (metric));
  foreign_attrs (out, foreign_of (metric));
  g_string_append (out, "/>\n");
}

static void
write_stage (GString  *out,
             gpointer  item)
{
  WmStage *stage = item;
  WmForeign *foreign = foreign_of (stage);
  GListModel *metrics = G_LIST_MODEL (wm_stage_get_metrics (stage));
  guint n = g_list_model_get_n_items (metrics);
  const char *title = wm_stage_get_title (stage);
  const char *goal = wm_stage_get_goal (stage);

  indent (out, 1);
  g_string_append (out, "<stage");
  attr_string (out, "id", wm_item_get_id (WM_ITEM (stage)));
  foreign_attrs (out, foreign);

  if (!end_start_tag (out, title != NULL || goal != NULL || n > 0 ||
                           has_foreign_elements (foreign)))
    return;

  text_element (out, 2, "title", title);
  text_element (out, 2, "goal", goal);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmMetric) metric = g_list_model_get_item (metrics, i);

      write_metric (out, metric);
    }
  foreign_elements (out, foreign, 2);
  end_tag (out, 1, "stage");
}

static void
write_card (GString *out,
            WmCard  *card)
{
  WmForeign *foreign = foreign_of (card);
  WmTouchpoint touchpoint = wm_card_get_touchpoint (card);
  const char *text = wm_card_get_text (card);
  const char *value;
  guint number;

  indent (out, 2);
  g_string_append (out, "<card");
  attr_string (out, "id", wm_item_get_id (WM_ITEM (card)));
  attr_string (out, "stage", wm_card_get_stage (card));
  if (touchpoint > WM_TOUCHPOINT_NONE && touchpoint <= WM_TOUCHPOINT_MISSED)
    attr_string (out, "touchpoint", wm_format_touchpoints[touchpoint]);
  if (wm_card_get_key (card))
    g_string_append (out, " key=\"true\"");
  if ((value = wm_card_get_channel (card)) != NULL)
    attr_string (out, "channel", value);
  if ((number = wm_card_get_severity (card)) != 0)
    attr_uint (out, "severity", number);
  if ((number = wm_card_get_frequency (card)) != 0)
    attr_uint (out, "frequency", number);
  if ((value = wm_card_get_owner (card)) != NULL)
    attr_string (out, "owner", value);
  if ((number = wm_card_get_span (card)) > 1)
    attr_uint (out, "span", number);
  if ((value = wm_card_get_color (card)) != NULL)
    attr_string (out, "color", value);
  foreign_attrs (out, foreign);

  if (!end_start_tag (out, text != NULL || has_foreign_elements (foreign)))
    return;

  text_element (out, 3, "text", text);
  foreign_elements (out, foreign, 3);
  end_tag (out, 2, "card");
}

static void
write_lane (GString  *out,
            gpointer  item)
{
  WmLane *lane = item;
  WmForeign *foreign = foreign_of (lane);
  GListModel *cards = G_LIST_MODEL (wm_lane_get_cards (lane));
  guint n = g_list_model_get_n_items (cards);
  const char *title = wm_lane_get_title (lane);

  indent (out, 1);
  g_string_append (out, "<lane");
  attr_string (out, "id", wm_item_get_id (WM_ITEM (lane)));
  attr_string (out, "kind", token (wm_format_lane_kinds, wm_lane_get_kind (lane)));
  foreign_attrs (out, foreign);

  if (!end_start_tag (out, title != NULL || n > 0 || has_foreign_elements (foreign)))
    return;

  text_element (out, 2, "title", title);
  for (guint i = 0; i < n; i++)
    {
      WmCard *card = g_list_model_get_item (cards, i);

      write_card (out, card);
      g_object_unref (card);
    }
  foreign_elements (out, foreign, 2);
  end_tag (out, 1, "lane");
}

static void
write_point (GString      *out,
             WmCurvePoint *point)
{
  double at = wm_curve_point_get_at (point);

  indent (out, 2);
  g_string_append (out, "<point");
  attr_string (out, "stage", wm_curve_point_get_stage (point));
  attr_number (out, "value", wm_curve_point_get_value (point));
  if (at != 0.5)
    attr_number (out, "at", at);
  foreign_attrs (out, foreign_of (point));
  g_string_append (out, "/>\n");
}

static void
write_curve (GString  *out,
             gpointer  item)
{
  WmCurve *curve = item;
  WmForeign *foreign = foreign_of (curve);
  GListModel *points = G_LIST_MODEL (wm_curve_get_points (curve));
  guint n = g_list_model_get_n_items (points);

  indent (out, 1);
  g_string_append (out, "<curve");
  attr_string (out, "persona", wm_curve_get_persona (curve));
  foreign_attrs (out, foreign);

  if (!end_start_tag (out, n > 0 || has_foreign_elements (foreign)))
    return;

  for (guint i = 0; i < n; i++)
    {
      WmCurvePoint *point = g_list_model_get_item (points, i);

      write_point (out, point);
      g_object_unref (point);
    }
  foreign_elements (out, foreign, 2);
  end_tag (out, 1, "curve");
}

static void
write_moment (GString  *out,
              gpointer  item)
{
  WmMoment *moment = item;
  WmForeign *foreign = foreign_of (moment);
  const char *text = wm_moment_get_text (moment);
  double at = wm_moment_get_at (moment);

  indent (out, 1);
  g_string_append (out, "<moment");
  attr_string (out, "id", wm_item_get_id (WM_ITEM (moment)));
  attr_string (out, "kind", token (wm_format_moment_kinds, wm_moment_get_kind (moment)));
  attr_string (out, "persona", wm_moment_get_persona (moment));
  attr_string (out, "stage", wm_moment_get_stage (moment));
  if (at != 0.5)
    attr_number (out, "at", at);
  foreign_attrs (out, foreign);

  if (!end_start_tag (out, text != NULL || has_foreign_elements (foreign)))
    return;

  text_element (out, 2, "text", text);
  foreign_elements (out, foreign, 2);
  end_tag (out, 1, "moment");
}

static void
write_list (GString    *out,
            GListStore *store,
            void      (*write) (GString *, gpointer))
{
  guint n = n_items (store);

  for (guint i = 0; i < n; i++)
    {
      gpointer item = g_list_model_get_item (G_LIST_MODEL (store), i);

      write (out, item);
      g_object_unref (item);
    }
}

char *
wm_writer_to_string (WmDocument *document,
                     gsize      *length)
{
  WmForeign *foreign;
  GPtrArray *namespaces;
  const char *title;
  GString *out;
  guint cards;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  init_classes ();

  foreign = foreign_of (document);
  namespaces = wm_document_get_namespaces (document);
  cards = wm_document_count_cards (document);
  out = g_string_sized_new (4096 + 160 * (gsize) cards);

  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<map xmlns=\"" WM_NAMESPACE "\"");
  for (guint i = 0; namespaces != NULL && i + 1 < namespaces->len; i += 2)
    {
      g_string_append (out, " xmlns:");
      g_string_append (out, g_ptr_array_index (namespaces, i));
      g_string_append (out, "=\"");
      append_escaped (out, g_ptr_array_index (namespaces, i + 1), TRUE);
      g_string_append_c (out, '"');
    }
  g_string_append_printf (out, " format=\"%d\"", WM_FORMAT_VERSION);
  if (wm_document_get_lang (document) != NULL)
    attr_string (out, "xml:lang", wm_document_get_lang (document));
  foreign_attrs (out, foreign);
  g_string_append (out, ">\n");

  /* The title is required, even when empty. */
  title = wm_document_get_title (document);
  text_element (out, 1, "title", title != NULL ? title : "");
  text_element (out, 1, "scenario", wm_document_get_scenario (document));

  write_list (out, wm_document_get_personas (document), write_persona);
  write_list (out, wm_document_get_stages (document), write_stage);
  write_list (out, wm_document_get_lanes (document), write_lane);
  write_list (out, wm_document_get_curves (document), write_curve);
  write_list (out, wm_document_get_moments (document), write_moment);

  foreign_elements (out, foreign, 1);
  g_string_append (out, "</map>\n");

  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* Atomic save                                                        */
/* ------------------------------------------------------------------ */

static gboolean
set_save_error (GFile       *file,
                const char  *reason,
                GError     **error)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *display = g_filename_display_name (basename != NULL ? basename : "?");

  g_set_error (error, WM_ERROR, WM_ERROR_IO,
               _("Could not save “%s”: %s"), display, reason);

  return FALSE;
}

static gboolean
set_errno_error (GFile   *file,
                 int      saved_errno,
                 GError **error)
{
  return set_save_error (file, g_strerror (saved_errno), error);
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, MIN (length, (gsize) G_MAXSSIZE));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }

      data += n;
      length -= n;
    }

  return TRUE;
}

/* The folder and the name in it of the file a save of @path replaces.
 * Symbolic links are followed as the kernel does (at most 40), so saving
 * through a link replaces its target and keeps the link, even across
 * folders; a dangling link gets its target created. */
static gboolean
resolve_target (const char  *path,
                char       **dir,
                char       **base,
                int         *saved_errno)
{
  g_autofree char *current = g_strdup (path);

  for (guint hops = 0;; hops++)
    {
      char target[PATH_MAX];
      struct stat st;
      gssize n;

      if (lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        break;
      if (hops == 40)
        {
          *saved_errno = ELOOP;
          return FALSE;
        }
      n = readlink (current, target, sizeof target - 1);
      if (n < 0)
        {
          *saved_errno = errno;
          return FALSE;
        }
      target[n] = '\0';
      if (target[0] != '/')
        {
          g_autofree char *folder = g_path_get_dirname (current);

          g_free (current);
          current = g_build_filename (folder, target, NULL);
        }
      else
        {
          g_free (current);
          current = g_strdup (target);
        }
    }

  *dir = g_path_get_dirname (current);
  *base = g_path_get_basename (current);
  return TRUE;
}

/* Temporary files are ".NAME.XXXXXX", the Xs random (as mkstemp's);
 * short enough that a long name still has room for them. */
static const char temp_letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

static char *
temp_prefix (const char *base)
{
  return g_strdup_printf (".%.200s.", base);
}

static char *
temp_name (const char *base)
{
  g_autofree char *prefix = temp_prefix (base);
  char suffix[7];

  for (guint i = 0; i < 6; i++)
    suffix[i] = temp_letters[g_random_int_range (0, sizeof temp_letters - 1)];
  suffix[6] = '\0';
  return g_strconcat (prefix, suffix, NULL);
}

/* Every writer holds its temporary file locked (flock) from before it
 * has a name until it is renamed; the kernel drops the lock when the
 * process dies. So a temporary file of @base nobody holds locked was left
 * by a save that was killed (or crashed) at the wrong moment, and a later
 * save removes it. One being written right now is locked and stays. */
static void
sweep_leftovers (int         dirfd,
                 const char *base)
{
  g_autofree char *prefix = temp_prefix (base);
  gsize prefix_length = strlen (prefix);
  struct dirent *entry;
  DIR *listing;
  int listfd;

  listfd = openat (dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (listfd < 0)
    return;  /* a folder we may write to but not list */
  listing = fdopendir (listfd);
  if (listing == NULL)
    {
      close (listfd);
      return;
    }

  while ((entry = readdir (listing)) != NULL)
    {
      const char *name = entry->d_name;
      struct stat st;
      int fd;

      if (strncmp (name, prefix, prefix_length) != 0 ||
          strlen (name + prefix_length) != 6 ||
          strspn (name + prefix_length, temp_letters) != 6)
        continue;

      fd = openat (dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
      if (fd < 0)
        continue;
      if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && flock (fd, LOCK_EX | LOCK_NB) == 0)
        unlinkat (dirfd, name, 0);
      close (fd);
    }

  closedir (listing);
}

/* Writes @data to @fd and flushes it to the disk; closes @fd either way. */
static gboolean
write_and_sync (int          fd,
                const char  *data,
                gsize        length,
                int         *saved_errno)
{
  if (!write_all (fd, data, length) || fsync (fd) != 0)
    {
      *saved_errno = errno;
      close (fd);
      return FALSE;
    }
  if (close (fd) != 0)
    {
      *saved_errno = errno;
      return FALSE;
    }
  return TRUE;
}

/* Renames @tmp over @base in @dirfd, or removes it. */
static gboolean
rename_over (int         dirfd,
             const char *tmp,
             const char *base,
             int        *saved_errno)
{
  if (renameat (dirfd, tmp, dirfd, base) != 0)
    {
      *saved_errno = errno;
      unlinkat (dirfd, tmp, 0);
      return FALSE;
    }
  return TRUE;
}

/* One save: the new content and where it goes. */
typedef struct
{
  int          dirfd;   /* the folder */
  const char  *base;    /* the file's name in it */
  gboolean     exists;
  mode_t       mode;    /* the existing file's */
  const char  *data;
  gsize        length;
} Save;

typedef enum
{
  UNNAMED_DONE,
  UNNAMED_FAILED,
  UNNAMED_UNSUPPORTED,  /* no O_TMPFILE here, or no /proc to link it by */
} UnnamedResult;

/* Linux: the new content goes into an unnamed file in the folder
 * (O_TMPFILE), which a crash or a kill while writing leaves nowhere. Only
 * once it is whole on the disk does it get a name: the file's own when
 * there is none yet, else a temporary one that is at once renamed over
 * the old file, so a kill can leave it behind only between two
 * consecutive system calls. */
static UnnamedResult
write_unnamed (const Save *save,
               int        *saved_errno)
{
#ifdef O_TMPFILE
  char proc_path[64];
  int fd;

  fd = openat (save->dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, save->exists ? 0600 : 0666);
  if (fd < 0)
    {
      *saved_errno = errno;
      /* Kernels and file systems without O_TMPFILE say so in these ways. */
      if (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)
        return UNNAMED_UNSUPPORTED;
      return UNNAMED_FAILED;
    }
  (void) flock (fd, LOCK_EX);  /* see sweep_leftovers() */

  /* An existing file keeps its permissions; a new one gets 0666 less umask. */
  if (save->exists)
    (void) fchmod (fd, save->mode);  /* not fatal: we may not own the old file */

  /* Linking an unnamed file needs /proc (AT_EMPTY_PATH needs a
   * capability): without it, the named temporary file it is. */
  g_snprintf (proc_path, sizeof proc_path, "/proc/self/fd/%d", fd);
  if (access (proc_path, F_OK) != 0)
    {
      close (fd);
      return UNNAMED_UNSUPPORTED;
    }

  if (!write_all (fd, save->data, save->length) || fsync (fd) != 0)
    {
      *saved_errno = errno;
      close (fd);
      return UNNAMED_FAILED;
    }

  /* A new file takes its name at once, unless one appeared meanwhile. */
  if (!save->exists)
    {
      if (linkat (AT_FDCWD, proc_path, save->dirfd, save->base, AT_SYMLINK_FOLLOW) == 0)
        {
          close (fd);
          return UNNAMED_DONE;
        }
      if (errno != EEXIST)
        {
          *saved_errno = errno;
          close (fd);
          return UNNAMED_FAILED;
        }
    }

  *saved_errno = EEXIST;
  for (guint attempt = 0; attempt < 100 && *saved_errno == EEXIST; attempt++)
    {
      g_autofree char *tmp = temp_name (save->base);

      if (linkat (AT_FDCWD, proc_path, save->dirfd, tmp, AT_SYMLINK_FOLLOW) == 0)
        {
          close (fd);
          return rename_over (save->dirfd, tmp, save->base, saved_errno) ? UNNAMED_DONE : UNNAMED_FAILED;
        }
      *saved_errno = errno;
    }

  close (fd);
  return UNNAMED_FAILED;
#else
  return UNNAMED_UNSUPPORTED;
#endif
}

/* Elsewhere: a named temporary file, written, flushed and renamed. A
 * kill while it is written leaves it; the next save removes it. */
static gboolean
write_named (const Save *save,
             int        *saved_errno)
{
  g_autofree char *tmp = NULL;
  int fd = -1;

  for (guint attempt = 0; attempt < 100 && fd < 0; attempt++)
    {
      g_free (tmp);
      tmp = temp_name (save->base);
      fd = openat (save->dirfd, tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, save->exists ? 0600 : 0666);
      if (fd >= 0 || errno != EEXIST)
        break;
    }
  if (fd < 0)
    {
      *saved_errno = errno;
      return FALSE;
    }
  (void) flock (fd, LOCK_EX);  /* see sweep_leftovers() */
  if (save->exists)
    (void) fchmod (fd, save->mode);

  if (!write_and_sync (fd, save->data, save->length, saved_errno))
    {
      unlinkat (save->dirfd, tmp, 0);
      return FALSE;
    }

  return rename_over (save->dirfd, tmp, save->base, saved_errno);
}

/* Writes @data over @requested so that readers, a crash or a power cut
 * find the old file or the new one, never half of one, and a failure
 * leaves the old one as it was: the new content is written and flushed
 * to the disk before it replaces the old file in one rename, and the
 * folder is flushed after it, so that the rename itself is on the disk
 * when the save reports success. */
static gboolean
write_local (GFile       *file,
             const char  *requested,
             const char  *data,
             gsize        length,
             GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *path = NULL;
  struct stat st;
  mode_t mode = 0666;
  gboolean exists = FALSE;
  gboolean ok;
  int saved_errno = 0;
  int dirfd, syncfd;
  Save save;

  if (!resolve_target (requested, &dir, &base, &saved_errno))
    return set_errno_error (file, saved_errno, error);
  path = g_build_filename (dir, base, NULL);

  if (stat (path, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        return set_errno_error (file, EISDIR, error);
      if (!S_ISREG (st.st_mode))
        return set_save_error (file, _("it is not a regular file"), error);
      /* Renaming over a file the user made read-only would quietly undo
       * that; GIO's replace refuses it too. */
      if (access (path, W_OK) != 0)
        return set_errno_error (file, errno, error);
      mode = st.st_mode & 07777;
      exists = TRUE;
    }

  /* O_PATH: a folder the user may write to but not list is fine. */
  dirfd = open (dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (dirfd < 0)
    return set_errno_error (file, errno, error);
  save = (Save) { dirfd, base, exists, mode, data, length };

  switch (write_unnamed (&save, &saved_errno))
    {
    case UNNAMED_DONE:
      ok = TRUE;
      break;
    case UNNAMED_FAILED:
      ok = FALSE;
      break;
    case UNNAMED_UNSUPPORTED:
    default:
      ok = write_named (&save, &saved_errno);
      break;
    }

  if (ok)
    sweep_leftovers (dirfd, base);

  /* The rename is in the folder, which must reach the disk too. A folder
   * we cannot open for reading (write-only) is left to the file system. */
  if (ok && (syncfd = openat (dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0)
    {
      if (fsync (syncfd) != 0 && errno != EINVAL)
        {
          saved_errno = errno;
          ok = FALSE;
        }
      close (syncfd);
    }
  close (dirfd);

  return ok ? TRUE : set_errno_error (file, saved_errno, error);
}

gboolean
wm_write_file_atomically (GFile       *file,
                          const char  *data,
                          gsize        length,
                          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *path;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (data == NULL)
    data = "";

  if ((path = g_file_peek_path (file)) != NULL)
    return write_local (file, path, data, length, error);

  /* Not a local file (a GVfs location): GIO replaces it as atomically as
   * the backend can. */
  if (!g_file_replace_contents (file, data, length, NULL, FALSE,
                                G_FILE_CREATE_NONE, NULL, NULL, &local_error))
    return set_save_error (file, local_error->message, error);

  return TRUE;
}

gboolean
wm_writer_save_file (WmDocument  *document,
                     GFile       *file,
                     GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  data = wm_writer_to_string (document, &length);

  return wm_write_file_atomically (file, data, length, error);
}
