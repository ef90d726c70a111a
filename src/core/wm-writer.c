/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "wm-atomic-file.h"
#include "wm-error.h"
#include "wm-reader.h"
#include "wm-format.h"
#include "wm-rules.h"
#include "wm-writer.h"

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
/* What the reader would refuse                                       */
/* ------------------------------------------------------------------ */

/* One serialization: the output, and what is checked on the way so that
 * nothing the reader would refuse is ever written. */
typedef struct
{
  GString    *out;
  GError     *error;      /* the first value the reader would refuse */
  GHashTable *ids;        /* every id so far */
  GHashTable *stages;     /* stage id → index + 1 */
  GHashTable *personas;   /* persona id → TRUE */
  GHashTable *curves;     /* persona id of each curve → TRUE */
  GHashTable *points;     /* stage id of each point of the current curve */
  guint       n_stages;
} Writer;

/* Records why the document cannot be written: "WHAT: REASON", WHAT made
 * from @what (a format with one %s) and @key. Only the first counts. */
static void refuse (Writer     *w,
                    const char *what,
                    const char *key,
                    const char *format,
                    ...) G_GNUC_PRINTF (4, 5);

static void
refuse (Writer     *w,
        const char *what,
        const char *key,
        const char *format,
        ...)
{
  g_autofree char *item = NULL;
  g_autofree char *reason = NULL;
  va_list args;

  if (w->error != NULL)
    return;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  /* @what is one of the translated formats below, with one %s or none. */
  item = strstr (what, "%s") != NULL ? g_strdup_printf (what, key != NULL ? key : "")
                                     : g_strdup (what);
#pragma GCC diagnostic pop
  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (&w->error, WM_ERROR, WM_ERROR_INVALID, "%s: %s", item, reason);
}

static void
check_text (Writer     *w,
            const char *what,
            const char *key,
            const char *text)
{
  if (text == NULL || wm_rules_text_is_valid (text, -1))
    return;

  if (strlen (text) > WM_MAX_TEXT_BYTES)
    refuse (w, what, key, _("a value is longer than 1 MiB, the most one value may hold"));
  else
    refuse (w, what, key, _("a value holds a character a map cannot hold"));
}

static void
check_id (Writer     *w,
          const char *what,
          const char *id)
{
  if (!wm_rules_id_is_valid (id))
    refuse (w, what, id, _("“%s” is not a valid id (an id starts with a letter or “_” and has no spaces or colons)"),
            id != NULL ? id : "");
  else if (!g_hash_table_add (w->ids, (gpointer) id))
    refuse (w, what, id, _("id “%s” is used twice"), id);
}

static void
check_color (Writer     *w,
             const char *what,
             const char *key,
             const char *color)
{
  if (color != NULL && !wm_rules_color_is_valid (color))
    refuse (w, what, key, _("color “%s” is not a color like #3584e4"), color);
}

/* The index of stage @id, or -1 (refused). */
static int
check_stage (Writer     *w,
             const char *what,
             const char *key,
             const char *id)
{
  gpointer index = id != NULL ? g_hash_table_lookup (w->stages, id) : NULL;

  if (index == NULL)
    {
      refuse (w, what, key, _("stage “%s” is not defined"), id != NULL ? id : "");
      return -1;
    }

  return GPOINTER_TO_INT (index) - 1;
}

static void
check_persona (Writer     *w,
               const char *what,
               const char *key,
               const char *id)
{
  if (id == NULL || !g_hash_table_contains (w->personas, id))
    refuse (w, what, key, _("persona “%s” is not defined"), id != NULL ? id : "");
}

static void
check_range (Writer     *w,
             const char *what,
             const char *key,
             const char *attribute,
             double      value,
             double      min,
             double      max)
{
  g_autoptr(GString) text = NULL;

  if (isfinite (value) && value >= min && value <= max)
    return;

  text = g_string_new (NULL);
  if (isfinite (value))
    append_number (text, value);
  else
    g_string_append_printf (text, "%g", value);
  refuse (w, what, key, _("%s=“%s” is out of range"), attribute, text->str);
}

static void
check_foreign (Writer     *w,
               const char *what,
               const char *key,
               WmForeign  *foreign)
{
  for (guint i = 0; foreign != NULL && i < foreign->attrs->len; i++)
    {
      const WmForeignAttr *attr = g_ptr_array_index (foreign->attrs, i);

      check_text (w, what, key, attr->value);
    }
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

/* The token of @value, NULL when it has none; for a required attribute
 * the first token then, so that a bad value cannot make an unreadable
 * file. */
static const char *
token (const WmFormatAttr *attr,
       double              value)
{
  for (guint i = attr->first_token; attr->tokens[i] != NULL; i++)
    {
      if (i == value)
        return attr->tokens[i];
    }

  return attr->required ? attr->tokens[attr->first_token] : NULL;
}

/* One attribute to write: its text (text, ids, references, colours) or
 * its value (counts, numbers, booleans, tokens). */
typedef struct
{
  const char *text;
  double      value;
} Out;

/* Whether the reader would take @attr to be @out without it written. */
static gboolean
is_fallback (const WmFormatAttr *attr,
             const Out          *out)
{
  switch (attr->type)
    {
    case WM_VALUE_COUNT:
    case WM_VALUE_NUMBER:
    case WM_VALUE_BOOLEAN:
    case WM_VALUE_TOKEN:
      return !attr->required && out->value == attr->fallback;
    case WM_VALUE_TEXT:
    case WM_VALUE_COLOR:
      return out->text == NULL;
    case WM_VALUE_ID:
    case WM_VALUE_STAGE:
    case WM_VALUE_PERSONA:
    default:
      return FALSE;
    }
}

/* Refuses what the reader would refuse in @out, by @attr's type. */
static void
check_value (Writer             *w,
             const char         *what,
             const char         *key,
             const WmFormatAttr *attr,
             const Out          *out)
{
  switch (attr->type)
    {
    case WM_VALUE_TEXT:
      check_text (w, what, key, out->text);
      break;
    case WM_VALUE_ID:
      check_id (w, what, out->text);
      break;
    case WM_VALUE_STAGE:
      check_stage (w, what, key, out->text);
      break;
    case WM_VALUE_PERSONA:
      check_persona (w, what, key, out->text);
      break;
    case WM_VALUE_COUNT:
    case WM_VALUE_NUMBER:
      /* min > max: a range of the element's own, checked by its writer. */
      if (attr->min <= attr->max)
        check_range (w, what, key, attr->name, out->value, attr->min, attr->max);
      break;
    case WM_VALUE_COLOR:
      check_color (w, what, key, out->text);
      break;
    case WM_VALUE_BOOLEAN:
    case WM_VALUE_TOKEN:
    default:
      break;
    }
}

/* Checks and writes @values, one per attribute @element describes, in
 * its order, leaving out what the reader would take as written. */
static void
write_attrs (Writer                *w,
             const WmFormatElement *element,
             const Out             *values,
             const char            *what,
             const char            *key)
{
  for (guint i = 0; element->attrs[i].name != NULL; i++)
    {
      const WmFormatAttr *attr = &element->attrs[i];
      const Out *out = &values[i];
      const char *name = attr->name;

      if (is_fallback (attr, out))
        continue;
      check_value (w, what, key, attr, out);
      switch (attr->type)
        {
        case WM_VALUE_COUNT:
          attr_uint (w->out, name, (guint) out->value);
          break;
        case WM_VALUE_NUMBER:
          attr_number (w->out, name, out->value);
          break;
        case WM_VALUE_BOOLEAN:
          attr_string (w->out, name, out->value != 0 ? "true" : "false");
          break;
        case WM_VALUE_TOKEN:
          if (token (attr, out->value) != NULL)
            attr_string (w->out, name, token (attr, out->value));
          break;
        case WM_VALUE_TEXT:
        case WM_VALUE_ID:
        case WM_VALUE_STAGE:
        case WM_VALUE_PERSONA:
        case WM_VALUE_COLOR:
        default:
          attr_string (w->out, name, out->text != NULL ? out->text : "");
          break;
        }
    }
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

/* The foreign elements of one parent as its children are written: each
 * goes before the child it is anchored to (wm-foreign.h), the rest after
 * the last child. */
typedef struct
{
  GString   *out;
  WmForeign *foreign;
  guint      level;
  guint      anchored;  /* how many have an anchor not yet met */
  guint8    *written;
} Foreign;

static void
foreign_begin (Foreign   *f,
               GString   *out,
               WmForeign *foreign,
               guint      level)
{
  f->out = out;
  f->foreign = has_foreign_elements (foreign) ? foreign : NULL;
  f->level = level;
  f->anchored = 0;
  f->written = NULL;

  for (guint i = 0; f->foreign != NULL && i < foreign->elements->len; i++)
    {
      if (wm_foreign_get_anchor (foreign, i) != NULL)
        f->anchored++;
    }
  if (f->anchored > 0)
    f->written = g_new0 (guint8, foreign->elements->len);
}

static void
foreign_write (Foreign *f,
               guint    i)
{
  indent (f->out, f->level);
  g_string_append (f->out, g_ptr_array_index (f->foreign->elements, i));
  g_string_append_c (f->out, '\n');
}

static gboolean
anchor_is (const char *anchor,
           const char *element,
           const char *key)
{
  gsize length = strlen (element);

  if (anchor == NULL || strncmp (anchor, element, length) != 0)
    return FALSE;
  if (key == NULL)
    return anchor[length] == '\0';

  return anchor[length] == '#' && strcmp (anchor + length + 1, key) == 0;
}

/* Before the child @element (@key: its id, or what else tells it from
 * its namesakes; NULL for one that occurs once). */
static void
foreign_before (Foreign    *f,
                const char *element,
                const char *key)
{
  if (f->anchored == 0)
    return;

  for (guint i = 0; i < f->foreign->elements->len; i++)
    {
      if (!f->written[i] && anchor_is (wm_foreign_get_anchor (f->foreign, i), element, key))
        {
          foreign_write (f, i);
          f->written[i] = TRUE;
          f->anchored--;
        }
    }
}

static void
foreign_before_index (Foreign    *f,
                      const char *element,
                      guint       index)
{
  char key[16];

  if (f->anchored == 0)
    return;

  g_snprintf (key, sizeof key, "%u", index);
  foreign_before (f, element, key);
}

static void
foreign_end (Foreign *f)
{
  for (guint i = 0; f->foreign != NULL && i < f->foreign->elements->len; i++)
    {
      if (f->written == NULL || !f->written[i])
        foreign_write (f, i);
    }
  g_clear_pointer (&f->written, g_free);
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

/* A text child, its foreign elements before it, its value checked. */
static void
text_child (Writer     *w,
            Foreign    *f,
            guint       level,
            const char *name,
            const char *text,
            const char *what,
            const char *key)
{
  if (text == NULL)
    return;

  check_text (w, what, key, text);
  foreign_before (f, name, NULL);
  text_element (w->out, level, name, text);
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

static gboolean
has_goals (const char * const *goals)
{
  for (guint i = 0; goals != NULL && goals[i] != NULL; i++)
    {
      if (goals[i][0] != '\0')
        return TRUE;
    }

  return FALSE;
}

static void
write_persona (Writer   *w,
               Foreign  *parent,
               gpointer  item)
{
  WmPersona *persona = item;
  GString *out = w->out;
  WmForeign *foreign = foreign_of (persona);
  const char * const *goals = wm_persona_get_goals (persona);
  const char *id = wm_item_get_id (WM_ITEM (persona));
  const char *name = wm_persona_get_name (persona);
  const char *description = wm_persona_get_description (persona);
  const char *what = _("persona “%s”");
  Foreign f;

  Out values[WM_PERSONA_N_ATTRS] = {
    [WM_PERSONA_ID] = { id, 0 },
    [WM_PERSONA_COLOR] = { wm_persona_get_color (persona), 0 },
    [WM_PERSONA_HIDDEN] = { NULL, wm_persona_get_hidden (persona) },
  };

  check_foreign (w, what, id, foreign);

  foreign_before (parent, "persona", id);
  indent (out, 1);
  g_string_append (out, "<persona");
  write_attrs (w, &wm_format_persona, values, what, id);
  if (id != NULL)
    g_hash_table_add (w->personas, (gpointer) id);
  foreign_attrs (out, foreign);

  if (!end_start_tag (out, name != NULL || description != NULL || has_goals (goals) ||
                           has_foreign_elements (foreign)))
    return;

  foreign_begin (&f, out, foreign, 2);
  text_child (w, &f, 2, "name", name, what, id);
  text_child (w, &f, 2, "description", description, what, id);
  /* The reader drops an empty goal: it is not written, nor counted. */
  for (guint i = 0, n = 0; goals != NULL && goals[i] != NULL; i++)
    {
      if (goals[i][0] == '\0')
        continue;
      check_text (w, what, id, goals[i]);
      foreign_before_index (&f, "goal", n++);
      text_element (out, 2, "goal", goals[i]);
    }
  foreign_end (&f);
  end_tag (out, 1, "persona");
}

static void
write_metric (Writer     *w,
              const char *stage,
              WmMetric   *metric)
{
  GString *out = w->out;
  const WmFormatAttr *kind_attr = &wm_format_metric.attrs[WM_METRIC_KIND];
  WmMetricKind kind = wm_metric_get_kind (metric);
  const char *what = _("a metric of stage “%s”");
  Out values[WM_METRIC_N_ATTRS] = {
    [WM_METRIC_KIND] = { NULL, kind },
    [WM_METRIC_VALUE] = { NULL, wm_metric_get_value (metric) },
  };
  double min, max;

  /* An unknown kind is written as the first one (see token()); the
   * value's range is the kind's. */
  wm_metric_kind_range (token (kind_attr, kind) == kind_attr->tokens[0] ? 0 : kind, &min, &max);
  check_range (w, what, stage, "value", wm_metric_get_value (metric), min, max);
  check_foreign (w, what, stage, foreign_of (metric));

  indent (out, 2);
  g_string_append (out, "<metric");
  write_attrs (w, &wm_format_metric, values, what, stage);
  foreign_attrs (out, foreign_of (metric));
  g_string_append (out, "/>\n");
}

static void
write_stage (Writer   *w,
             Foreign  *parent,
             gpointer  item)
{
  WmStage *stage = item;
  GString *out = w->out;
  WmForeign *foreign = foreign_of (stage);
  GListModel *metrics = G_LIST_MODEL (wm_stage_get_metrics (stage));
  guint n = g_list_model_get_n_items (metrics);
  const char *id = wm_item_get_id (WM_ITEM (stage));
  const char *title = wm_stage_get_title (stage);
  const char *goal = wm_stage_get_goal (stage);
  const char *what = _("stage “%s”");
  Foreign f;

  Out values[WM_STAGE_N_ATTRS] = { [WM_STAGE_ID] = { id, 0 } };

  check_foreign (w, what, id, foreign);

  foreign_before (parent, "stage", id);
  indent (out, 1);
  g_string_append (out, "<stage");
  write_attrs (w, &wm_format_stage, values, what, id);
  if (id != NULL)
    g_hash_table_insert (w->stages, (gpointer) id, GUINT_TO_POINTER (++w->n_stages));
  foreign_attrs (out, foreign);

  if (!end_start_tag (out, title != NULL || goal != NULL || n > 0 ||
                           has_foreign_elements (foreign)))
    return;

  foreign_begin (&f, out, foreign, 2);
  text_child (w, &f, 2, "title", title, what, id);
  text_child (w, &f, 2, "goal", goal, what, id);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmMetric) metric = g_list_model_get_item (metrics, i);

      foreign_before_index (&f, "metric", i);
      write_metric (w, id, metric);
    }
  foreign_end (&f);
  end_tag (out, 1, "stage");
}

/* Checks what the attributes' types do not say: a span inside the map. */
static void
check_card (Writer *w,
            WmCard *card)
{
  const char *id = wm_item_get_id (WM_ITEM (card));
  const char *stage_id = wm_card_get_stage (card);
  gpointer index = stage_id != NULL ? g_hash_table_lookup (w->stages, stage_id) : NULL;
  guint span = wm_card_get_span (card);
  guint stage = GPOINTER_TO_UINT (index);

  if (index != NULL && span >= 1 && stage - 1 + span > w->n_stages)
    refuse (w, _("card “%s”"), id, _("span %u runs past the last stage (%u of %u)"),
            span, stage, w->n_stages);
}

static void
write_card (Writer  *w,
            Foreign *parent,
            WmCard  *card)
{
  GString *out = w->out;
  WmForeign *foreign = foreign_of (card);
  const char *id = wm_item_get_id (WM_ITEM (card));
  const char *text = wm_card_get_text (card);
  const char *what = _("card “%s”");
  Out values[WM_CARD_N_ATTRS] = {
    [WM_CARD_ID] = { id, 0 },
    [WM_CARD_STAGE] = { wm_card_get_stage (card), 0 },
    [WM_CARD_TOUCHPOINT] = { NULL, wm_card_get_touchpoint (card) },
    [WM_CARD_KEY] = { NULL, wm_card_get_key (card) },
    [WM_CARD_CHANNEL] = { wm_card_get_channel (card), 0 },
    [WM_CARD_SEVERITY] = { NULL, wm_card_get_severity (card) },
    [WM_CARD_FREQUENCY] = { NULL, wm_card_get_frequency (card) },
    [WM_CARD_OWNER] = { wm_card_get_owner (card), 0 },
    [WM_CARD_SPAN] = { NULL, wm_card_get_span (card) },
    [WM_CARD_COLOR] = { wm_card_get_color (card), 0 },
  };
  Foreign f;

  check_card (w, card);
  check_foreign (w, what, id, foreign);

  foreign_before (parent, "card", id);
  indent (out, 2);
  g_string_append (out, "<card");
  write_attrs (w, &wm_format_card, values, what, id);
  foreign_attrs (out, foreign);

  if (!end_start_tag (out, text != NULL || has_foreign_elements (foreign)))
    return;

  foreign_begin (&f, out, foreign, 3);
  text_child (w, &f, 3, "text", text, what, id);
  foreign_end (&f);
  end_tag (out, 2, "card");
}

static void
write_lane (Writer   *w,
            Foreign  *parent,
            gpointer  item)
{
  WmLane *lane = item;
  GString *out = w->out;
  WmForeign *foreign = foreign_of (lane);
  GListModel *cards = G_LIST_MODEL (wm_lane_get_cards (lane));
  guint n = g_list_model_get_n_items (cards);
  const char *id = wm_item_get_id (WM_ITEM (lane));
  const char *title = wm_lane_get_title (lane);
  const char *what = _("lane “%s”");
  Out values[WM_LANE_N_ATTRS] = {
    [WM_LANE_ID] = { id, 0 },
    [WM_LANE_KIND] = { NULL, wm_lane_get_kind (lane) },
  };
  Foreign f;

  check_foreign (w, what, id, foreign);

  foreign_before (parent, "lane", id);
  indent (out, 1);
  g_string_append (out, "<lane");
  write_attrs (w, &wm_format_lane, values, what, id);
  foreign_attrs (out, foreign);

  if (!end_start_tag (out, title != NULL || n > 0 || has_foreign_elements (foreign)))
    return;

  foreign_begin (&f, out, foreign, 2);
  text_child (w, &f, 2, "title", title, what, id);
  for (guint i = 0; i < n; i++)
    {
      WmCard *card = g_list_model_get_item (cards, i);

      write_card (w, &f, card);
      g_object_unref (card);
    }
  foreign_end (&f);
  end_tag (out, 1, "lane");
}

static void
write_point (Writer       *w,
             Foreign      *parent,
             const char   *persona,
             WmCurvePoint *point)
{
  GString *out = w->out;
  const char *stage = wm_curve_point_get_stage (point);
  const char *what = _("the curve of persona “%s”");
  Out values[WM_POINT_N_ATTRS] = {
    [WM_POINT_STAGE] = { stage, 0 },
    [WM_POINT_VALUE] = { NULL, wm_curve_point_get_value (point) },
    [WM_POINT_AT] = { NULL, wm_curve_point_get_at (point) },
  };

  if (stage != NULL && g_hash_table_contains (w->stages, stage) &&
      !g_hash_table_add (w->points, (gpointer) stage))
    refuse (w, what, persona, _("it has two points on stage “%s”"), stage);
  check_foreign (w, what, persona, foreign_of (point));

  foreign_before (parent, "point", stage);
  indent (out, 2);
  g_string_append (out, "<point");
  write_attrs (w, &wm_format_point, values, what, persona);
  foreign_attrs (out, foreign_of (point));
  g_string_append (out, "/>\n");
}

static void
write_curve (Writer   *w,
             Foreign  *parent,
             gpointer  item)
{
  WmCurve *curve = item;
  GString *out = w->out;
  WmForeign *foreign = foreign_of (curve);
  GListModel *points = G_LIST_MODEL (wm_curve_get_points (curve));
  guint n = g_list_model_get_n_items (points);
  const char *persona = wm_curve_get_persona (curve);
  const char *what = _("the curve of persona “%s”");
  Out values[WM_CURVE_N_ATTRS] = { [WM_CURVE_PERSONA] = { persona, 0 } };
  Foreign f;

  if (persona != NULL && g_hash_table_contains (w->personas, persona) &&
      !g_hash_table_add (w->curves, (gpointer) persona))
    refuse (w, what, persona, _("the persona already has a curve"));
  check_foreign (w, what, persona, foreign);
  g_hash_table_remove_all (w->points);

  foreign_before (parent, "curve", persona);
  indent (out, 1);
  g_string_append (out, "<curve");
  write_attrs (w, &wm_format_curve, values, what, persona);
  foreign_attrs (out, foreign);

  if (!end_start_tag (out, n > 0 || has_foreign_elements (foreign)))
    return;

  foreign_begin (&f, out, foreign, 2);
  for (guint i = 0; i < n; i++)
    {
      WmCurvePoint *point = g_list_model_get_item (points, i);

      write_point (w, &f, persona, point);
      g_object_unref (point);
    }
  foreign_end (&f);
  end_tag (out, 1, "curve");
}

static void
write_moment (Writer   *w,
              Foreign  *parent,
              gpointer  item)
{
  WmMoment *moment = item;
  GString *out = w->out;
  WmForeign *foreign = foreign_of (moment);
  const char *id = wm_item_get_id (WM_ITEM (moment));
  const char *text = wm_moment_get_text (moment);
  const char *what = _("moment “%s”");
  Out values[WM_MOMENT_N_ATTRS] = {
    [WM_MOMENT_ID] = { id, 0 },
    [WM_MOMENT_KIND] = { NULL, wm_moment_get_kind (moment) },
    [WM_MOMENT_PERSONA] = { wm_moment_get_persona (moment), 0 },
    [WM_MOMENT_STAGE] = { wm_moment_get_stage (moment), 0 },
    [WM_MOMENT_AT] = { NULL, wm_moment_get_at (moment) },
  };
  Foreign f;

  check_foreign (w, what, id, foreign);

  foreign_before (parent, "moment", id);
  indent (out, 1);
  g_string_append (out, "<moment");
  write_attrs (w, &wm_format_moment, values, what, id);
  foreign_attrs (out, foreign);

  if (!end_start_tag (out, text != NULL || has_foreign_elements (foreign)))
    return;

  foreign_begin (&f, out, foreign, 2);
  text_child (w, &f, 2, "text", text, what, id);
  foreign_end (&f);
  end_tag (out, 1, "moment");
}

static void
write_list (Writer     *w,
            Foreign    *parent,
            GListStore *store,
            void      (*write) (Writer *, Foreign *, gpointer))
{
  guint n = n_items (store);

  for (guint i = 0; i < n; i++)
    {
      gpointer item = g_list_model_get_item (G_LIST_MODEL (store), i);

      write (w, parent, item);
      g_object_unref (item);
    }
}

static void
write_map_start (Writer     *w,
                 WmDocument *document)
{
  GString *out = w->out;
  GPtrArray *namespaces = wm_document_get_namespaces (document);
  const char *lang = wm_document_get_lang (document);
  const char *what = _("the map");

  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<map xmlns=\"" WM_NAMESPACE "\"");
  for (guint i = 0; namespaces != NULL && i + 1 < namespaces->len; i += 2)
    {
      check_text (w, what, "", g_ptr_array_index (namespaces, i + 1));
      g_string_append (out, " xmlns:");
      g_string_append (out, g_ptr_array_index (namespaces, i));
      g_string_append (out, "=\"");
      append_escaped (out, g_ptr_array_index (namespaces, i + 1), TRUE);
      g_string_append_c (out, '"');
    }
  g_string_append_printf (out, " format=\"%d\"", WM_FORMAT_VERSION);
  if (lang != NULL && !wm_rules_language_is_valid (lang))
    refuse (w, what, "", _("xml:lang=“%s” is not a language tag like zh-CN or en"), lang);
  if (lang != NULL)
    attr_string (out, "xml:lang", lang);
  check_foreign (w, what, "", foreign_of (document));
  foreign_attrs (out, foreign_of (document));
  g_string_append (out, ">\n");
}

/* The document as data/waymark-format.md has it, checked on the way:
 * NULL and @error when it holds what the reader would refuse. */
static char *
write_document (WmDocument  *document,
                gsize       *length,
                gboolean     checked,
                GError     **error)
{
  Writer w = { 0 };
  Foreign f;
  const char *title;

  init_classes ();

  w.out = g_string_sized_new (4096 + 160 * (gsize) wm_document_count_cards (document));
  w.ids = g_hash_table_new (g_str_hash, g_str_equal);
  w.stages = g_hash_table_new (g_str_hash, g_str_equal);
  w.personas = g_hash_table_new (g_str_hash, g_str_equal);
  w.curves = g_hash_table_new (g_str_hash, g_str_equal);
  w.points = g_hash_table_new (g_str_hash, g_str_equal);

  write_map_start (&w, document);
  foreign_begin (&f, w.out, foreign_of (document), 1);

  /* The title is required, even when empty. */
  title = wm_document_get_title (document);
  text_child (&w, &f, 1, "title", title != NULL ? title : "", _("the map"), "");
  text_child (&w, &f, 1, "scenario", wm_document_get_scenario (document), _("the map"), "");

  write_list (&w, &f, wm_document_get_personas (document), write_persona);
  write_list (&w, &f, wm_document_get_stages (document), write_stage);
  write_list (&w, &f, wm_document_get_lanes (document), write_lane);
  write_list (&w, &f, wm_document_get_curves (document), write_curve);
  write_list (&w, &f, wm_document_get_moments (document), write_moment);

  foreign_end (&f);
  g_string_append (w.out, "</map>\n");

  g_hash_table_unref (w.ids);
  g_hash_table_unref (w.stages);
  g_hash_table_unref (w.personas);
  g_hash_table_unref (w.curves);
  g_hash_table_unref (w.points);

  if (checked && w.error != NULL)
    {
      g_propagate_error (error, w.error);
      g_string_free (w.out, TRUE);
      return NULL;
    }
  g_clear_error (&w.error);

  if (length != NULL)
    *length = w.out->len;

  return g_string_free (w.out, FALSE);
}

char *
wm_writer_to_string (WmDocument *document,
                     gsize      *length)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  return write_document (document, length, FALSE, NULL);
}

char *
wm_writer_write (WmDocument  *document,
                 gsize       *length,
                 GError     **error)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return write_document (document, length, TRUE, error);
}

gboolean
wm_writer_save_data (GFile       *file,
                     const char  *data,
                     gsize        length,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(WmDocument) check = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  /* What was written is read back before it replaces anything: a map
   * the reader refuses must never take the place of one it opens. */
  name = g_file_get_basename (file);
  check = wm_reader_load_data (data != NULL ? data : "", length,
                               name != NULL ? name : "map", &local_error);
  if (check == NULL)
    {
      g_autofree char *reason =
        g_strdup_printf (_("the saved map would not open again: %s"), local_error->message);

      return wm_atomic_file_set_error (file, WM_ERROR_INVALID, reason, error);
    }

  return wm_write_file_atomically (file, data, length, error);
}

gboolean
wm_writer_save_file (WmDocument  *document,
                     GFile       *file,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if ((data = wm_writer_write (document, &length, &local_error)) == NULL)
    return wm_atomic_file_set_error (file, WM_ERROR_INVALID, local_error->message, error);

  return wm_writer_save_data (file, data, length, error);
}
