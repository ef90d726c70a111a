/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-csv-map.c - a map's cards as CSV tables, and a card table back */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/tree.h>

#include "wm-csv.h"
#include "wm-csv-map.h"
#include "wm-error.h"
#include "wm-format.h"
#include "wm-reader.h"
#include "wm-reader-guard.h"
#include "wm-types.h"
#include "wm-writer.h"

#define BOM "\xEF\xBB\xBF"

/* The fixed columns, in the order written. */
enum { COL_STAGE, COL_LANE, COL_KIND, COL_TEXT, COL_ID, COL_STAGE_ID, COL_LANE_ID, N_FIXED };
static const char * const fixed_columns[N_FIXED] = {
  "stage", "lane", "kind", "text", "id", "stage_id", "lane_id",
};
/* The map's own values, last, filled on the first row only: a sort in a
 * spreadsheet may move that row anywhere, so the reader takes them from
 * whichever row has them. */
enum { MAP_TITLE, MAP_LANG, N_MAP };
static const char * const map_columns[N_MAP] = { "map_title", "map_lang" };

/* ---- writing ------------------------------------------------------------ */

static gboolean
is_ours (xmlNode *node)
{
  return node->type == XML_ELEMENT_NODE && node->ns != NULL &&
         g_strcmp0 ((const char *) node->ns->href, WM_NAMESPACE) == 0;
}

static gboolean
is_named (xmlNode    *node,
          const char *name)
{
  return is_ours (node) && g_str_equal ((const char *) node->name, name);
}

/* The text of @node's child element @name, "" when it has none. */
static char *
child_text (xmlNode    *node,
            const char *name)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (is_named (child, name))
      {
        xmlChar *content = xmlNodeGetContent (child);
        char *text = g_strdup ((const char *) content);

        xmlFree (content);
        return text;
      }
  return g_strdup ("");
}

static char *
attr_value (xmlNode    *node,
            const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *text = g_strdup (value != NULL ? (const char *) value : "");

  xmlFree (value);
  return text;
}

/* The column an attribute goes to: its name, or "{URI}prefix:name". */
static char *
attr_column (xmlAttr *attr)
{
  if (attr->ns == NULL)
    return g_strdup ((const char *) attr->name);
  return g_strdup_printf ("{%s}%s:%s", (const char *) attr->ns->href,
                          attr->ns->prefix != NULL ? (const char *) attr->ns->prefix : "",
                          (const char *) attr->name);
}

/* RFC 4180, and a ' in front of what a spreadsheet would run as a
 * formula (and of a ' itself, so that reading strips exactly one). */
static void
append_cell (GString    *out,
             const char *cell,
             gboolean    first)
{
  gboolean guard = strchr ("=+-@\t\r'", cell[0]) != NULL && cell[0] != '\0';
  gboolean quote = guard || strpbrk (cell, ",\"\r\n") != NULL || wm_csv_has_blank_end (cell);

  if (!first)
    g_string_append_c (out, ',');
  if (quote)
    g_string_append_c (out, '"');
  if (guard)
    g_string_append_c (out, '\'');
  for (const char *p = cell; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

static void
append_row (GString          *out,
            const char * const *cells,
            guint             n_cells)
{
  for (guint i = 0; i < n_cells; i++)
    append_cell (out, cells[i] != NULL ? cells[i] : "", i == 0);
  g_string_append (out, "\r\n");
}

typedef struct
{
  xmlDoc     *xdoc;
  GPtrArray  *stages;   /* xmlNode* */
  GPtrArray  *lanes;    /* xmlNode* */
  const char *map[N_MAP];
  gboolean    map_written;
} Tree;

static void
tree_clear (Tree *tree)
{
  g_clear_pointer (&tree->xdoc, xmlFreeDoc);
  g_clear_pointer (&tree->stages, g_ptr_array_unref);
  g_clear_pointer (&tree->lanes, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Tree, tree_clear)

static gboolean
tree_load (Tree        *tree,
           WmDocument  *document,
           GError     **error)
{
  g_autofree char *xml = NULL;
  gsize length = 0;
  xmlNode *root;

  xml = wm_writer_write (document, &length, error);
  if (xml == NULL)
    return FALSE;
  tree->xdoc = wm_reader_parse_safe (xml, length, "map.waymark", error);
  if (tree->xdoc == NULL)
    return FALSE;
  tree->stages = g_ptr_array_new ();
  tree->lanes = g_ptr_array_new ();
  root = xmlDocGetRootElement (tree->xdoc);
  for (xmlNode *node = root->children; node != NULL; node = node->next)
    if (is_named (node, "stage"))
      g_ptr_array_add (tree->stages, node);
    else if (is_named (node, "lane"))
      g_ptr_array_add (tree->lanes, node);
  return TRUE;
}

static gboolean
card_in (xmlNode    *card,
         const char *stage_id)
{
  g_autofree char *stage = attr_value (card, "stage");

  return is_named (card, "card") && g_str_equal (stage, stage_id);
}

/* The attribute columns, in the order cards first use them. */
static GPtrArray *
attribute_columns (Tree *tree)
{
  GPtrArray *columns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint l = 0; l < tree->lanes->len; l++)
    for (xmlNode *card = ((xmlNode *) tree->lanes->pdata[l])->children; card != NULL; card = card->next)
      for (xmlAttr *attr = is_named (card, "card") ? card->properties : NULL; attr != NULL; attr = attr->next)
        {
          char *column = attr_column (attr);

          if (g_str_equal (column, "id") || g_str_equal (column, "stage") ||
              g_hash_table_contains (seen, column))
            {
              g_free (column);
              continue;
            }
          g_hash_table_add (seen, column);
          g_ptr_array_add (columns, column);
        }
  return columns;
}

static char *
card_attribute (xmlNode    *card,
                const char *column)
{
  for (xmlAttr *attr = card->properties; attr != NULL; attr = attr->next)
    {
      g_autofree char *name = attr_column (attr);

      if (g_str_equal (name, column))
        {
          xmlChar *value = xmlNodeGetContent ((xmlNode *) attr);
          char *text = g_strdup ((const char *) value);

          xmlFree (value);
          return text;
        }
    }
  return g_strdup ("");
}

/* The map's cells, on the first row written. */
static void
add_map_cells (Tree      *tree,
               GPtrArray *cells)
{
  for (guint i = 0; i < N_MAP; i++)
    g_ptr_array_add (cells, g_strdup (tree->map_written || tree->map[i] == NULL ? "" : tree->map[i]));
  tree->map_written = TRUE;
}

static void
append_card_row (GString   *out,
                 Tree      *tree,
                 xmlNode   *stage,
                 xmlNode   *lane,
                 xmlNode   *card,
                 GPtrArray *columns)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (cells, child_text (stage, "title"));
  g_ptr_array_add (cells, child_text (lane, "title"));
  g_ptr_array_add (cells, attr_value (lane, "kind"));
  g_ptr_array_add (cells, child_text (card, "text"));
  g_ptr_array_add (cells, attr_value (card, "id"));
  g_ptr_array_add (cells, attr_value (stage, "id"));
  g_ptr_array_add (cells, attr_value (lane, "id"));
  for (guint i = 0; i < columns->len; i++)
    g_ptr_array_add (cells, card_attribute (card, columns->pdata[i]));
  add_map_cells (tree, cells);
  append_row (out, (const char * const *) cells->pdata, cells->len);
}

/* A row per stage, then per lane, before the cards: so that a stage or
 * lane without cards, and the order of both, come back too. */
static void
append_outline (GString *out,
                Tree    *tree,
                guint    n_columns)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < tree->stages->len + tree->lanes->len; i++)
    {
      gboolean is_stage = i < tree->stages->len;
      xmlNode *node = is_stage ? tree->stages->pdata[i] : tree->lanes->pdata[i - tree->stages->len];

      g_ptr_array_set_size (cells, 0);
      for (guint c = 0; c + N_MAP < n_columns; c++)
        g_ptr_array_add (cells, g_strdup (""));
      add_map_cells (tree, cells);
      g_free (cells->pdata[is_stage ? COL_STAGE : COL_LANE]);
      cells->pdata[is_stage ? COL_STAGE : COL_LANE] = child_text (node, "title");
      g_free (cells->pdata[is_stage ? COL_STAGE_ID : COL_LANE_ID]);
      cells->pdata[is_stage ? COL_STAGE_ID : COL_LANE_ID] = attr_value (node, "id");
      if (!is_stage)
        {
          g_free (cells->pdata[COL_KIND]);
          cells->pdata[COL_KIND] = attr_value (node, "kind");
        }
      append_row (out, (const char * const *) cells->pdata, cells->len);
    }
}

/* A map with neither stages nor lanes: a row for its title alone. */
static void
append_map_row (GString *out,
                Tree    *tree,
                guint    n_columns)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  for (guint c = 0; c + N_MAP < n_columns; c++)
    g_ptr_array_add (cells, g_strdup (""));
  add_map_cells (tree, cells);
  append_row (out, (const char * const *) cells->pdata, cells->len);
}

static char *
finish (GString *out,
        gsize   *length)
{
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

char *
wm_csv_map_write_cards (WmDocument  *document,
                        gsize       *length,
                        GError     **error)
{
  g_auto(Tree) tree = { 0 };
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  GString *out;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  if (!tree_load (&tree, document, error))
    return NULL;
  columns = attribute_columns (&tree);
  for (guint i = 0; i < N_FIXED; i++)
    g_ptr_array_add (header, (gpointer) fixed_columns[i]);
  for (guint i = 0; i < columns->len; i++)
    g_ptr_array_add (header, columns->pdata[i]);
  for (guint i = 0; i < N_MAP; i++)
    g_ptr_array_add (header, (gpointer) map_columns[i]);
  tree.map[MAP_TITLE] = wm_document_get_title (document);
  tree.map[MAP_LANG] = wm_document_get_lang (document);

  out = g_string_new (BOM);
  append_row (out, (const char * const *) header->pdata, header->len);
  append_outline (out, &tree, header->len);
  for (guint s = 0; s < tree.stages->len; s++)
    {
      xmlNode *stage = tree.stages->pdata[s];
      g_autofree char *stage_id = attr_value (stage, "id");

      for (guint l = 0; l < tree.lanes->len; l++)
        for (xmlNode *card = ((xmlNode *) tree.lanes->pdata[l])->children; card != NULL; card = card->next)
          if (card_in (card, stage_id))
            append_card_row (out, &tree, stage, tree.lanes->pdata[l], card, columns);
    }
  if (!tree.map_written)
    append_map_row (out, &tree, header->len);
  return finish (out, length);
}

static char *
cell_texts (xmlNode    *lane,
            const char *stage_id)
{
  GString *texts = g_string_new (NULL);

  for (xmlNode *card = lane->children; card != NULL; card = card->next)
    if (card_in (card, stage_id))
      {
        g_autofree char *text = child_text (card, "text");

        if (texts->len > 0)
          g_string_append_c (texts, '\n');
        g_string_append (texts, text);
      }
  return g_string_free (texts, FALSE);
}

char *
wm_csv_map_write_grid (WmDocument  *document,
                       gsize       *length,
                       GError     **error)
{
  g_auto(Tree) tree = { 0 };
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  GString *out;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  if (!tree_load (&tree, document, error))
    return NULL;
  g_ptr_array_add (header, g_strdup (""));
  for (guint s = 0; s < tree.stages->len; s++)
    g_ptr_array_add (header, child_text (tree.stages->pdata[s], "title"));

  out = g_string_new (BOM);
  append_row (out, (const char * const *) header->pdata, header->len);
  for (guint l = 0; l < tree.lanes->len; l++)
    {
      g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (row, child_text (tree.lanes->pdata[l], "title"));
      for (guint s = 0; s < tree.stages->len; s++)
        {
          g_autofree char *stage_id = attr_value (tree.stages->pdata[s], "id");

          g_ptr_array_add (row, cell_texts (tree.lanes->pdata[l], stage_id));
        }
      append_row (out, (const char * const *) row->pdata, row->len);
    }
  return finish (out, length);
}

/* ---- reading ------------------------------------------------------------ */

typedef struct
{
  char   *id;
  char   *title;
  char   *kind;
  guint   line;
  guint   order;      /* first seen */
  GArray *rows;       /* guint: the table rows of a lane's cards */
  GArray *after;      /* guint: lanes that follow this one somewhere */
  guint   n_before;
} Group;

static void
group_free (Group *group)
{
  g_free (group->id);
  g_free (group->title);
  g_free (group->kind);
  g_clear_pointer (&group->rows, g_array_unref);
  g_clear_pointer (&group->after, g_array_unref);
  g_free (group);
}

typedef struct
{
  const char *name;
  WmCsv      *csv;
  int         fixed[N_FIXED];   /* column index, or -1 */
  int         map[N_MAP];       /* column index, or -1 */
  char       *map_value[N_MAP]; /* the first row's that has one */
  guint       map_line;         /* where map_lang was, for its errors */
  GPtrArray  *warnings;         /* "NAME:LINE: message", or NULL */
  GPtrArray  *attr_columns;     /* "name" or "prefix:name", NULL to skip */
  GHashTable *namespaces;       /* prefix → URI */
  GPtrArray  *stages;           /* Group* */
  GPtrArray  *lanes;            /* Group* */
  GHashTable *stage_keys;       /* key → Group* */
  GHashTable *lane_keys;
  GArray     *row_stage;        /* guint: each row's stage */
  GString    *xml;
  GArray     *xml_lines;        /* guint: CSV line of each XML line from 2 on */
} Reader;

static void
reader_clear (Reader *self)
{
  for (guint i = 0; i < N_MAP; i++)
    g_clear_pointer (&self->map_value[i], g_free);
  g_clear_pointer (&self->attr_columns, g_ptr_array_unref);
  g_clear_pointer (&self->namespaces, g_hash_table_unref);
  g_clear_pointer (&self->stage_keys, g_hash_table_unref);
  g_clear_pointer (&self->lane_keys, g_hash_table_unref);
  g_clear_pointer (&self->stages, g_ptr_array_unref);
  g_clear_pointer (&self->lanes, g_ptr_array_unref);
  g_clear_pointer (&self->row_stage, g_array_unref);
  g_clear_pointer (&self->xml_lines, g_array_unref);
  if (self->xml != NULL)
    g_string_free (g_steal_pointer (&self->xml), TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reader, reader_clear)

static const char *
cell (Reader     *self,
      guint       row,
      int         column)
{
  guint n = 0;
  const char * const *cells = wm_csv_get_row (self->csv, row, &n);
  const char *value;

  if (column < 0 || (guint) column >= n)
    return "";
  value = cells[column];
  /* The formula guard the writer puts in front. */
  return value[0] == '\'' ? value + 1 : value;
}

static gboolean
is_name (const char *name)
{
  return xmlValidateQName ((const xmlChar *) name, 0) == 0;
}

/* "{URI}prefix:name" → "prefix:name", declaring the prefix. */
static char *
foreign_column (Reader      *self,
                const char  *header,
                GError     **error)
{
  const char *close = strchr (header, '}');
  g_autofree char *uri = close != NULL ? g_strndup (header + 1, close - header - 1) : NULL;
  g_autofree char *prefix = NULL;
  const char *known;
  const char *colon;

  if (close == NULL || (colon = strchr (close + 1, ':')) == NULL || !is_name (close + 1) ||
      g_str_equal (uri, WM_NAMESPACE) || uri[0] == '\0')
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID,
                   _("%s:1: column “%s” is not an attribute like {URI}prefix:name"), self->name, header);
      return NULL;
    }
  prefix = g_strndup (close + 1, colon - close - 1);
  known = g_hash_table_lookup (self->namespaces, prefix);
  if (known != NULL && !g_str_equal (known, uri))
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID,
                   _("%s:1: the prefix “%s” stands for two namespaces"), self->name, prefix);
      return NULL;
    }
  g_hash_table_insert (self->namespaces, g_steal_pointer (&prefix), g_steal_pointer (&uri));
  return g_strdup (close + 1);
}

static void G_GNUC_PRINTF (3, 4)
warn (Reader     *self,
      guint       line,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (self->warnings == NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (self->warnings, g_strdup_printf ("%s:%u: %s", self->name, line, message));
}

static gboolean
is_card_attribute (const char *name)
{
  for (const WmFormatAttr *attr = wm_format_card.attrs; attr->name != NULL; attr++)
    if (g_str_equal (attr->name, name))
      return TRUE;
  return FALSE;
}

/* Which of the fixed (or map) columns @header is: its index, or -1. */
static int
named_column (const char         *header,
              const char * const *names,
              guint               n_names)
{
  for (guint i = 0; i < n_names; i++)
    if (g_ascii_strcasecmp (header, names[i]) == 0)
      return i;
  return -1;
}

/* A column the table has twice, or that is no card attribute, is left
 * out, with a warning: a spreadsheet's own columns do not stop an import. */
static gboolean
read_column (Reader      *self,
             const char  *header,
             guint        c,
             GHashTable  *seen,
             char       **column,
             GError     **error)
{
  guint line = wm_csv_get_line (self->csv, 0);
  int f = named_column (header, fixed_columns, N_FIXED);
  int m = named_column (header, map_columns, N_MAP);
  int *slot = f >= 0 ? &self->fixed[f] : m >= 0 ? &self->map[m] : NULL;

  if (slot != NULL && *slot < 0)
    return (*slot = c), TRUE;
  if (slot == NULL && header[0] == '{' && (*column = foreign_column (self, header, error)) == NULL)
    return FALSE;
  if (slot == NULL && *column == NULL && is_card_attribute (header) && !g_str_equal (header, "id") &&
      !g_str_equal (header, "stage"))
    *column = g_strdup (header);
  if (*column != NULL && !g_hash_table_contains (seen, *column))
    return g_hash_table_add (seen, g_strdup (*column)), TRUE;
  if (*column != NULL || slot != NULL)
    warn (self, line, _("column %u, “%s”, repeats an earlier column: ignored"), c + 1, header);
  else if (header[0] != '\0')
    warn (self, line, _("column %u, “%s”, is not a card attribute: ignored"), c + 1, header);
  g_clear_pointer (column, g_free);
  return TRUE;
}

static gboolean
read_header (Reader  *self,
             GError **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = 0;
  const char * const *header = wm_csv_get_row (self->csv, 0, &n);

  for (guint i = 0; i < N_FIXED; i++)
    self->fixed[i] = -1;
  for (guint i = 0; i < N_MAP; i++)
    self->map[i] = -1;
  for (guint c = 0; c < n; c++)
    {
      char *column = NULL;

      if (!read_column (self, header[c], c, seen, &column, error))
        return FALSE;
      g_ptr_array_add (self->attr_columns, column);
    }
  if ((self->fixed[COL_STAGE] < 0 && self->fixed[COL_STAGE_ID] < 0) || self->fixed[COL_TEXT] < 0)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID,
                   _("%s:1: a card table needs a “stage” (or “stage_id”) and a “text” column"),
                   self->name);
      return FALSE;
    }
  return TRUE;
}

/* The stage or lane a row names, made when first met. */
static Group *
group_for (Reader      *self,
           GPtrArray   *groups,
           GHashTable  *keys,
           guint        row,
           int          id_column,
           int          title_column,
           guint        max,
           GError     **error)
{
  const char *id = cell (self, row, id_column);
  const char *title = cell (self, row, title_column);
  const char *key = id[0] != '\0' ? id : title;
  g_autofree char *keyed = g_strconcat (id[0] != '\0' ? "#" : "=", key, NULL);
  Group *group = g_hash_table_lookup (keys, keyed);

  if (group != NULL)
    return group;
  if (groups->len == max)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
                   _("%s:%u: more than %u stages or lanes"), self->name,
                   wm_csv_get_line (self->csv, row), max);
      return NULL;
    }
  group = g_new0 (Group, 1);
  group->id = id[0] != '\0' ? g_strdup (id)
              : g_strdup_printf ("%s%u", groups == self->stages ? "stage-" : "lane-", groups->len + 1);
  group->title = g_strdup (title);
  group->line = wm_csv_get_line (self->csv, row);
  group->order = groups->len;
  group->rows = g_array_new (FALSE, FALSE, sizeof (guint));
  group->after = g_array_new (FALSE, FALSE, sizeof (guint));
  g_ptr_array_add (groups, group);
  g_hash_table_insert (keys, g_steal_pointer (&keyed), group);
  return group;
}

static gboolean
has_key (Reader *self,
         guint   row,
         int     id_column,
         int     title_column)
{
  return cell (self, row, id_column)[0] != '\0' || cell (self, row, title_column)[0] != '\0';
}

/* The map's title and language, from whichever row has them. */
static gboolean
read_map_cells (Reader *self,
                guint   row)
{
  gboolean found = FALSE;

  for (guint m = 0; m < N_MAP; m++)
    {
      const char *value = cell (self, row, self->map[m]);

      if (value[0] == '\0')
        continue;
      found = TRUE;
      if (self->map_value[m] == NULL)
        {
          self->map_value[m] = g_strdup (value);
          if (m == MAP_LANG)
            self->map_line = wm_csv_get_line (self->csv, row);
        }
      else if (!g_str_equal (self->map_value[m], value))
        warn (self, wm_csv_get_line (self->csv, row), _("a second %s, “%s”: ignored (the map’s is “%s”)"),
              map_columns[m], value, self->map_value[m]);
    }
  /* A row of its own only when it holds no card. */
  return found && cell (self, row, self->fixed[COL_TEXT])[0] == '\0' &&
         cell (self, row, self->fixed[COL_ID])[0] == '\0';
}

static void
read_extra_cells (Reader *self,
                  guint   row)
{
  guint n = 0, n_columns = self->attr_columns->len;
  const char * const *cells = wm_csv_get_row (self->csv, row, &n);

  for (guint c = n_columns; c < n; c++)
    if (cells[c][0] != '\0')
      {
        warn (self, wm_csv_get_line (self->csv, row),
              ngettext ("%u cell past the last column: ignored",
                        "%u cells past the last column: ignored", n - n_columns), n - n_columns);
        return;
      }
}

/* A lane's kind is its first row's; a row saying otherwise is noted. */
static void
read_kind (Reader *self,
           guint   row,
           Group  *lane)
{
  const char *kind = cell (self, row, self->fixed[COL_KIND]);

  if (lane->kind == NULL)
    lane->kind = g_strdup (kind[0] != '\0' ? kind : "notes");
  else if (kind[0] != '\0' && !g_str_equal (kind, lane->kind))
    warn (self, wm_csv_get_line (self->csv, row), _("kind “%s” ignored: the lane “%s” is “%s” (line %u)"),
          kind, lane->title, lane->kind, lane->line);
}

static gboolean
read_rows (Reader  *self,
           GError **error)
{
  Group *previous_lane = NULL, *previous_stage = NULL;
  int *f = self->fixed;

  for (guint row = 1; row < wm_csv_get_n_rows (self->csv); row++)
    {
      gboolean has_stage = has_key (self, row, f[COL_STAGE_ID], f[COL_STAGE]);
      gboolean has_lane = has_key (self, row, f[COL_LANE_ID], f[COL_LANE]);
      /* A row of the outline: a stage, or a lane, without a card. */
      gboolean outline = (!has_stage && has_lane) ||
                         (has_stage && !has_lane && cell (self, row, f[COL_TEXT])[0] == '\0' &&
                          cell (self, row, f[COL_ID])[0] == '\0');
      Group *stage = NULL, *lane = NULL;
      guint stage_index;

      read_extra_cells (self, row);
      if (read_map_cells (self, row) && !has_stage && !has_lane)
        {
          stage_index = G_MAXUINT;
          g_array_append_val (self->row_stage, stage_index);
          continue;
        }
      if (!has_stage && !has_lane)
        {
          g_set_error (error, WM_ERROR, WM_ERROR_INVALID, _("%s:%u: this card has no stage"),
                       self->name, wm_csv_get_line (self->csv, row));
          return FALSE;
        }

      if (has_stage &&
          (stage = group_for (self, self->stages, self->stage_keys, row, f[COL_STAGE_ID],
                              f[COL_STAGE], WM_CSV_MAP_MAX_STAGES, error)) == NULL)
        return FALSE;
      if ((!outline || !has_stage) &&
          (lane = group_for (self, self->lanes, self->lane_keys, row, f[COL_LANE_ID],
                             f[COL_LANE], WM_CSV_MAP_MAX_LANES, error)) == NULL)
        return FALSE;
      stage_index = stage != NULL ? stage->order : G_MAXUINT;
      g_array_append_val (self->row_stage, stage_index);
      if (lane == NULL)
        continue;
      read_kind (self, row, lane);
      if (!outline)
        g_array_append_val (lane->rows, row);
      /* Within a stage (and in the outline) rows follow the lanes' order. */
      if (stage == previous_stage && previous_lane != NULL && previous_lane != lane)
        {
          g_array_append_val (previous_lane->after, lane->order);
          lane->n_before++;
        }
      previous_stage = stage;
      previous_lane = lane;
    }
  return TRUE;
}

/* The lanes in an order that keeps every stage's order of lanes, ties
 * broken by first appearance (Kahn; a hand-made table's cycle is cut in
 * first-appearance order). */
static GPtrArray *
ordered_lanes (Reader *self)
{
  GPtrArray *order = g_ptr_array_new ();
  g_autofree gboolean *done = g_new0 (gboolean, self->lanes->len + 1);

  while (order->len < self->lanes->len)
    {
      Group *next = NULL;

      for (guint i = 0; i < self->lanes->len && next == NULL; i++)
        if (!done[i] && ((Group *) self->lanes->pdata[i])->n_before == 0)
          next = self->lanes->pdata[i];
      for (guint i = 0; i < self->lanes->len && next == NULL; i++)
        if (!done[i])
          next = self->lanes->pdata[i];
      if (next == NULL)
        break;
      done[next->order] = TRUE;
      for (guint i = 0; i < next->after->len; i++)
        {
          Group *later = self->lanes->pdata[g_array_index (next->after, guint, i)];

          if (later->n_before > 0)
            later->n_before--;
        }
      g_ptr_array_add (order, next);
    }
  return order;
}

/* Starts an element on a line of its own, remembered as @line. */
static void
open_line (Reader *self,
           guint   line)
{
  g_string_append_c (self->xml, '\n');
  g_array_append_val (self->xml_lines, line);
}

static void
append_attr (GString    *xml,
             const char *name,
             const char *value)
{
  g_string_append_printf (xml, " %s=\"", name);
  wm_reader_append_escaped (xml, value);
  g_string_append_c (xml, '"');
}

static void
append_title (GString    *xml,
              const char *element,
              const char *text)
{
  if (text[0] == '\0')
    return;
  g_string_append_printf (xml, "<%s>", element);
  wm_reader_append_escaped (xml, text);
  g_string_append_printf (xml, "</%s>", element);
}

static void
append_card (Reader *self,
             guint   row)
{
  Group *stage = self->stages->pdata[g_array_index (self->row_stage, guint, row - 1)];
  const char *id = cell (self, row, self->fixed[COL_ID]);
  g_autofree char *made = id[0] == '\0' ? g_strdup_printf ("card-%u", row) : NULL;

  open_line (self, wm_csv_get_line (self->csv, row));
  g_string_append (self->xml, "<card");
  append_attr (self->xml, "id", made != NULL ? made : id);
  append_attr (self->xml, "stage", stage->id);
  for (guint c = 0; c < self->attr_columns->len; c++)
    if (self->attr_columns->pdata[c] != NULL && cell (self, row, c)[0] != '\0')
      append_attr (self->xml, self->attr_columns->pdata[c], cell (self, row, c));
  g_string_append_c (self->xml, '>');
  append_title (self->xml, "text", cell (self, row, self->fixed[COL_TEXT]));
  g_string_append (self->xml, "</card>");
}

static void
build_xml (Reader     *self,
           const char *title)
{
  g_autoptr(GPtrArray) lanes = ordered_lanes (self);
  GHashTableIter iter;
  gpointer prefix, uri;

  /* The map's errors are its language's: a bad one names its row. */
  open_line (self, self->map_line > 0 ? self->map_line : 1);
  g_string_append (self->xml, "<map xmlns=\"" WM_NAMESPACE "\"");
  if (self->map_value[MAP_LANG] != NULL)
    append_attr (self->xml, "xml:lang", self->map_value[MAP_LANG]);
  g_hash_table_iter_init (&iter, self->namespaces);
  while (g_hash_table_iter_next (&iter, &prefix, &uri))
    {
      g_autofree char *declaration = g_strconcat ("xmlns:", (const char *) prefix, NULL);

      append_attr (self->xml, declaration, uri);
    }
  g_string_append (self->xml, " format=\"1\"><title>");
  wm_reader_append_escaped (self->xml, title);
  g_string_append (self->xml, "</title>");
  for (guint s = 0; s < self->stages->len; s++)
    {
      Group *stage = self->stages->pdata[s];

      open_line (self, stage->line);
      g_string_append (self->xml, "<stage");
      append_attr (self->xml, "id", stage->id);
      g_string_append_c (self->xml, '>');
      append_title (self->xml, "title", stage->title);
      g_string_append (self->xml, "</stage>");
    }
  for (guint l = 0; l < lanes->len; l++)
    {
      Group *lane = lanes->pdata[l];

      open_line (self, lane->line);
      g_string_append (self->xml, "<lane");
      append_attr (self->xml, "id", lane->id);
      append_attr (self->xml, "kind", lane->kind);
      g_string_append_c (self->xml, '>');
      append_title (self->xml, "title", lane->title);
      for (guint r = 0; r < lane->rows->len; r++)
        append_card (self, g_array_index (lane->rows, guint, r));
      g_string_append (self->xml, "</lane>");
    }
  g_string_append (self->xml, "</map>\n");
}

/* "NAME:LINE: message" of the XML → the same of the table. */
static void
relocate (Reader *self,
          GError *error)
{
  g_autofree char *prefix = g_strconcat (self->name, ":", NULL);
  const char *rest;
  char *end = NULL;
  guint64 line;

  if (!g_str_has_prefix (error->message, prefix))
    return;
  rest = error->message + strlen (prefix);
  line = g_ascii_strtoull (rest, &end, 10);
  if (end != rest && *end == ':' && line >= 2 && line - 2 < self->xml_lines->len)
    {
      char *message = g_strdup_printf ("%s:%u%s", self->name,
                                       g_array_index (self->xml_lines, guint, line - 2), end);

      g_free (error->message);
      error->message = message;
    }
}

WmDocument *
wm_csv_map_read (const char  *data,
                 gsize        length,
                 const char  *name,
                 const char  *title,
                 GError     **error)
{
  return wm_csv_map_read_full (data, length, name, title, NULL, error);
}

WmDocument *
wm_csv_map_read_full (const char  *data,
                      gsize        length,
                      const char  *name,
                      const char  *title,
                      GPtrArray   *warnings,
                      GError     **error)
{
  g_autoptr(WmCsv) csv = NULL;
  g_autoptr(GError) local = NULL;
  g_auto(Reader) self = { 0 };
  WmDocument *document;

  g_return_val_if_fail (name != NULL, NULL);

  csv = wm_csv_parse_full (data, length, name, WM_CSV_KEEP_QUOTED_BLANKS, error);
  if (csv == NULL)
    return NULL;
  if (wm_csv_get_n_rows (csv) == 0)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID, _("%s:1: the table is empty"), name);
      return NULL;
    }
  self.name = name;
  self.csv = csv;
  self.warnings = warnings;
  self.attr_columns = g_ptr_array_new_with_free_func (g_free);
  self.namespaces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self.stages = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  self.lanes = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  self.stage_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self.lane_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self.row_stage = g_array_new (FALSE, FALSE, sizeof (guint));
  self.xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
  self.xml_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  if (!read_header (&self, error) || !read_rows (&self, error))
    return NULL;
  if (self.map_value[MAP_TITLE] != NULL)
    title = self.map_value[MAP_TITLE];
  build_xml (&self, title != NULL && title[0] != '\0' ? title : name);

  document = wm_reader_load_data (self.xml->str, self.xml->len, name, &local);
  if (document == NULL)
    {
      relocate (&self, local);
      g_propagate_error (error, g_steal_pointer (&local));
    }
  return document;
}
