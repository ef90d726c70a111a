/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-feedback.c - feedback rows (the voice of the customer) into a map */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wm-document.h"
#include "wm-edits.h"
#include "wm-error.h"
#include "wm-evidence.h"
#include "wm-feedback-private.h"
#include "wm-lane-kind.h"
#include "wm-rules.h"

/* A verbatim quote is read on a card's popover, not printed whole. */
#define MAX_QUOTE_CHARS 280

typedef WmFeedbackRecord Record;

/* Header names in the order a person is likely to write them; matched
 * without regard to case. The first name is the one messages use. */
const char * const wm_feedback_kind_names[WM_FEEDBACK_N_KINDS][6] = {
  [WM_FEEDBACK_COMPLAINT]  = { "投诉", "complaint", "complaints", NULL },
  [WM_FEEDBACK_INQUIRY]    = { "咨询", "inquiry", "enquiry", "question", NULL },
  [WM_FEEDBACK_SUGGESTION] = { "建议", "suggestion", "idea", NULL },
  [WM_FEEDBACK_PRAISE]     = { "表扬", "praise", "compliment", "好评", NULL },
};

static const char * const column_names[WM_FEEDBACK_N_COLUMNS][8] = {
  [WM_FEEDBACK_COLUMN_ID]           = { "编号", "id", "序号", "工单号", "record", "ticket", NULL },
  [WM_FEEDBACK_COLUMN_DATE]         = { "日期", "date", "时间", "time", NULL },
  [WM_FEEDBACK_COLUMN_CHANNEL]      = { "渠道", "channel", "来源", "source", NULL },
  [WM_FEEDBACK_COLUMN_SEGMENT]      = { "客户类型", "segment", "客户分类", "customer type", NULL },
  [WM_FEEDBACK_COLUMN_PRODUCT]      = { "产品", "product", NULL },
  [WM_FEEDBACK_COLUMN_KIND]         = { "类型", "kind", "type", "反馈类型", "feedback type", NULL },
  [WM_FEEDBACK_COLUMN_CATEGORY]     = { "一级分类", "category", "分类", NULL },
  [WM_FEEDBACK_COLUMN_TAG]          = { "二级标签", "tag", "标签", "二级分类", "subcategory", NULL },
  [WM_FEEDBACK_COLUMN_SEVERITY]     = { "严重度", "severity", "严重程度", NULL },
  [WM_FEEDBACK_COLUMN_SATISFACTION] = { "满意度", "satisfaction", "csat", "rating", "评分", NULL },
  [WM_FEEDBACK_COLUMN_STAGE]        = { "旅程阶段", "stage", "阶段", "journey stage", NULL },
  [WM_FEEDBACK_COLUMN_TEXT]         = { "内容", "text", "反馈内容", "content", "feedback", "comment", NULL },
};


static void
record_free (gpointer data)
{
  Record *record = data;

  g_strfreev (record->cells);
  g_free (record->id);
  g_free (record);
}

void
wm_feedback_free (WmFeedback *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_strfreev (self->header);
  g_ptr_array_unref (self->extra_columns);
  g_ptr_array_unref (self->records);
  g_hash_table_unref (self->stage_map);
  g_ptr_array_unref (self->warnings);
  g_free (self->report);
  g_clear_pointer (&self->stage_titles, g_ptr_array_unref);
  g_free (self);
}

guint
wm_feedback_get_n_records (WmFeedback *self)
{
  return self->records->len;
}

int
wm_feedback_get_column (WmFeedback       *self,
                        WmFeedbackColumn  column)
{
  g_return_val_if_fail (column < WM_FEEDBACK_N_COLUMNS, -1);

  return self->columns[column];
}

gboolean
wm_feedback_is_chinese (WmFeedback *self)
{
  return self->chinese;
}

GPtrArray *
wm_feedback_get_extra_columns (WmFeedback *self)
{
  return self->extra_columns;
}

GPtrArray *
wm_feedback_get_warnings (WmFeedback *self)
{
  return self->warnings;
}

const char *
wm_feedback_get_report (WmFeedback *self)
{
  return self->report != NULL ? self->report : "";
}

G_GNUC_PRINTF (2, 3)
static void
warn (WmFeedback *self,
      const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (self->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

static gboolean
name_matches (const char         *cell,
              const char * const *names)
{
  g_autofree char *folded = g_utf8_casefold (cell, -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *name = g_utf8_casefold (names[i], -1);

      if (g_str_equal (folded, name))
        return TRUE;
    }
  return FALSE;
}

/* ---- header and rows --------------------------------------------------- */

static void
read_header (WmFeedback         *self,
             const char * const *header)
{
  for (guint c = 0; header[c] != NULL; c++)
    {
      gboolean known = FALSE;

      for (guint k = 0; k < WM_FEEDBACK_N_COLUMNS && !known; k++)
        {
          if (self->columns[k] < 0 && name_matches (header[c], column_names[k]))
            {
              self->columns[k] = (int) c;
              known = TRUE;
            }
        }
    }
}

/* The header's names for a message: a hostile header (256 columns of
 * 64 KiB) must not make one of megabytes. */
#define MAX_LISTED_COLUMNS 30
#define MAX_COLUMN_NAME_CHARS 40

static char *
list_columns (const char * const *header)
{
  GString *out = g_string_new (NULL);
  guint n = g_strv_length ((char **) header);

  for (guint c = 0; c < MIN (n, MAX_LISTED_COLUMNS); c++)
    {
      const char *name = header[c];
      const char *end = name;

      for (guint i = 0; i < MAX_COLUMN_NAME_CHARS && *end != '\0'; i++)
        end = g_utf8_next_char (end);
      if (c > 0)
        g_string_append (out, _("”, “"));
      g_string_append_len (out, name, end - name);
      if (*end != '\0')
        g_string_append (out, "…");
    }
  if (n > MAX_LISTED_COLUMNS)
    g_string_append (out, "”, “…");
  return g_string_free (out, FALSE);
}

static gboolean
check_header (WmFeedback         *self,
              const char * const *header,
              guint               line,
              GError            **error)
{
  g_autofree char *found = NULL;

  if (self->columns[WM_FEEDBACK_COLUMN_TEXT] >= 0)
    {
      const char *text = header[self->columns[WM_FEEDBACK_COLUMN_TEXT]];

      self->chinese = !g_str_is_ascii (text);
      return TRUE;
    }

  found = list_columns (header);
  g_set_error (error, WM_ERROR, WM_ERROR_INVALID,
               _("%s:%u: no text column (内容 or text) in the header; the columns found are “%s”"),
               self->name, line, found);
  return FALSE;
}

const char *
wm_feedback_field (WmFeedback       *self,
                   WmFeedbackRecord *record,
                   WmFeedbackColumn  column)
{
  int c = self->columns[column];

  if (c < 0 || (guint) c >= record->n_cells)
    return "";
  return record->cells[c];
}

static int
parse_kind (const char *text)
{
  for (guint k = 0; k < G_N_ELEMENTS (wm_feedback_kind_names); k++)
    if (name_matches (text, wm_feedback_kind_names[k]))
      return (int) k;
  return -1;
}

/* A rating 1–5, or 0 with a warning; blank is simply 0. */
static guint
parse_rating (WmFeedback       *self,
              Record           *record,
              WmFeedbackColumn  column)
{
  const char *text = wm_feedback_field (self, record, column);
  guint64 value;

  if (text[0] == '\0')
    return 0;
  if (g_ascii_string_to_unsigned (text, 10, 1, 5, &value, NULL))
    return (guint) value;

  warn (self, _("%s:%u: %s “%s” is not a whole number from 1 to 5; ignored"),
        self->name, record->line, self->header[self->columns[column]], text);
  return 0;
}

/* Ids go into a space-separated list: blanks inside one become "_". */
static char *
record_id (WmFeedback *self,
           Record     *record)
{
  const char *given = wm_feedback_field (self, record, WM_FEEDBACK_COLUMN_ID);
  char *id;

  if (given[0] == '\0')
    return g_strdup_printf ("L%u", record->line);

  id = wm_rules_normalize_text (given, -1);
  for (char *p = id; *p != '\0'; p++)
    if (g_ascii_isspace (*p))
      *p = '_';
  return id;
}

/* What a row means under the current column mapping. */
static void
derive_record (WmFeedback *self,
               Record     *record)
{
  const char *kind;

  g_free (record->id);
  record->id = record_id (self, record);

  kind = wm_feedback_field (self, record, WM_FEEDBACK_COLUMN_KIND);
  if (self->columns[WM_FEEDBACK_COLUMN_KIND] < 0)
    record->kind = WM_FEEDBACK_COMPLAINT;
  else if ((record->kind = parse_kind (kind)) < 0)
    warn (self, _("%s:%u: type “%s” is none of 投诉 complaint, 咨询 inquiry, 建议 suggestion, "
                  "表扬 praise; the row is only counted for satisfaction"),
          self->name, record->line, kind);

  record->severity = parse_rating (self, record, WM_FEEDBACK_COLUMN_SEVERITY);
  record->satisfaction = parse_rating (self, record, WM_FEEDBACK_COLUMN_SATISFACTION);
}

static void
read_record (WmFeedback         *self,
             const char * const *cells,
             guint               line)
{
  Record *record = g_new0 (Record, 1);

  record->cells = g_strdupv ((char **) cells);
  record->n_cells = g_strv_length (record->cells);
  record->line = line;
  derive_record (self, record);
  g_ptr_array_add (self->records, record);
}

/* The columns that are none of the known ones, in file order. */
static void
find_extra_columns (WmFeedback *self)
{
  g_ptr_array_set_size (self->extra_columns, 0);
  for (guint c = 0; self->header[c] != NULL; c++)
    {
      gboolean known = FALSE;

      for (guint k = 0; k < WM_FEEDBACK_N_COLUMNS; k++)
        known |= self->columns[k] == (int) c;
      if (!known)
        g_ptr_array_add (self->extra_columns, g_strdup (self->header[c]));
    }
}

gboolean
wm_feedback_set_column (WmFeedback        *self,
                        WmFeedbackColumn   column,
                        int                index,
                        GError           **error)
{
  guint n_columns = g_strv_length (self->header);

  g_return_val_if_fail (column < WM_FEEDBACK_N_COLUMNS, FALSE);

  if (index >= (int) n_columns || (index < 0 && column == WM_FEEDBACK_COLUMN_TEXT))
    {
      g_set_error (error, WM_ERROR, WM_ERROR_USAGE,
                   _("%s: the text must come from one of the file’s %u columns"),
                   self->name, n_columns);
      return FALSE;
    }

  if (column != WM_FEEDBACK_COLUMN_TEXT && index >= 0 &&
      self->columns[WM_FEEDBACK_COLUMN_TEXT] == index)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_USAGE,
                   _("%s: column %d holds the text; choose another column for the text first"),
                   self->name, index + 1);
      return FALSE;
    }

  /* One file column feeds one field: taking it from another field. */
  for (guint k = 0; k < WM_FEEDBACK_N_COLUMNS && index >= 0; k++)
    if (self->columns[k] == index)
      self->columns[k] = -1;
  self->columns[column] = index < 0 ? -1 : index;
  find_extra_columns (self);

  g_ptr_array_set_size (self->warnings, 0);
  for (guint i = 0; i < self->records->len; i++)
    derive_record (self, g_ptr_array_index (self->records, i));
  return TRUE;
}

WmFeedback *
wm_feedback_new (WmCsv   *csv,
                 GError **error)
{
  g_autoptr(WmFeedback) self = g_new0 (WmFeedback, 1);
  const char * const *header;
  guint n_rows;

  g_return_val_if_fail (csv != NULL, NULL);

  self->name = g_strdup (wm_csv_get_name (csv));
  self->extra_columns = g_ptr_array_new_with_free_func (g_free);
  self->records = g_ptr_array_new_with_free_func (record_free);
  self->stage_map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; k < WM_FEEDBACK_N_COLUMNS; k++)
    self->columns[k] = -1;

  n_rows = wm_csv_get_n_rows (csv);
  if (n_rows == 0)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_INVALID,
                   _("%s: the file is empty; it needs a header line and a row per feedback"),
                   self->name);
      return NULL;
    }

  header = wm_csv_get_row (csv, 0, NULL);
  /* Messages name a column as the file does. */
  self->header = g_strdupv ((char **) header);
  read_header (self, header);
  find_extra_columns (self);
  if (!check_header (self, header, wm_csv_get_line (csv, 0), error))
    return NULL;

  for (guint r = 1; r < n_rows; r++)
    read_record (self, wm_csv_get_row (csv, r, NULL), wm_csv_get_line (csv, r));

  return g_steal_pointer (&self);
}

/* ---- stages ------------------------------------------------------------ */

/* A stage of @document named by its id or its title, or NULL. */
static const char *
find_stage (WmDocument *document,
            const char *name)
{
  GListModel *stages = G_LIST_MODEL (wm_document_get_stages (document));
  guint n = g_list_model_get_n_items (stages);
  g_autofree char *folded = NULL;

  if (name[0] == '\0')
    return NULL;
  if (wm_document_find_stage (document, name) != NULL)
    return wm_item_get_id (WM_ITEM (wm_document_find_stage (document, name)));

  folded = g_utf8_casefold (name, -1);
  for (guint i = 0; i < n; i++)
    {
      WmStage *stage = wm_list_peek (wm_document_get_stages (document), i);
      const char *title = wm_stage_get_title (stage);
      g_autofree char *title_folded = title != NULL ? g_utf8_casefold (title, -1) : NULL;

      if (g_strcmp0 (title_folded, folded) == 0)
        return wm_item_get_id (WM_ITEM (stage));
    }
  return NULL;
}

static const char * const map_tag_names[] = { "二级标签", "tag", "标签", NULL };
static const char * const map_stage_names[] = { "旅程阶段", "stage", "阶段", NULL };

gboolean
wm_feedback_set_stage_map (WmFeedback  *self,
                           WmCsv       *map,
                           WmDocument  *document,
                           GError     **error)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint n_rows = wm_csv_get_n_rows (map);

  for (guint r = 0; r < n_rows; r++)
    {
      guint n_cells;
      const char * const *row = wm_csv_get_row (map, r, &n_cells);
      const char *stage;

      if (r == 0 && n_cells >= 2 && name_matches (row[0], map_tag_names) &&
          name_matches (row[1], map_stage_names))
        continue;
      if (n_cells < 2 || row[0][0] == '\0')
        {
          g_set_error (error, WM_ERROR, WM_ERROR_INVALID,
                       _("%s:%u: a row of the stage map needs a tag and a stage: “tag,stage”"),
                       wm_csv_get_name (map), wm_csv_get_line (map, r));
          return FALSE;
        }
      stage = find_stage (document, row[1]);
      if (stage == NULL)
        {
          g_set_error (error, WM_ERROR, WM_ERROR_REFERENCE,
                       _("%s:%u: “%s” is not a stage of the map (give its id or its title)"),
                       wm_csv_get_name (map), wm_csv_get_line (map, r), row[1]);
          return FALSE;
        }
      g_hash_table_insert (table, g_strdup (row[0]), g_strdup (stage));
    }

  g_hash_table_unref (self->stage_map);
  self->stage_map = g_steal_pointer (&table);
  return TRUE;
}

gboolean
wm_feedback_set_tag_stage (WmFeedback  *self,
                           const char  *tag,
                           const char  *stage,
                           WmDocument  *document,
                           GError     **error)
{
  const char *id;

  g_return_val_if_fail (tag != NULL, FALSE);

  if (stage == NULL)
    {
      g_hash_table_remove (self->stage_map, tag);
      return TRUE;
    }
  id = find_stage (document, stage);
  if (id == NULL)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_REFERENCE,
                   _("“%s” is not a stage of the map (give its id or its title)"), stage);
      return FALSE;
    }
  g_hash_table_insert (self->stage_map, g_strdup (tag), g_strdup (id));
  return TRUE;
}

/* ---- grouping ---------------------------------------------------------- */

typedef struct
{
  char       *key;       /* stage id "/" tag */
  const char *stage;     /* an id of the map */
  const char *tag;
  WmLaneKind  lane;      /* pains or needs */
  GPtrArray  *records;   /* Record*, borrowed */
  guint       severity_sum;
  guint       severity_n;
  int         stage_index;
} Group;

typedef struct
{
  guint      satisfaction_sum;
  guint      satisfaction_n;
  guint      satisfied;   /* ratings of 4 or 5 */
  GPtrArray *aha;         /* Record*, borrowed */
  GPtrArray *micro;
} StageStats;

typedef struct
{
  WmFeedback *feedback;
  WmDocument *document;
  GHashTable *groups;     /* key → Group* */
  GHashTable *stats;      /* stage id → StageStats* */
  GPtrArray  *unsorted;   /* Record*, borrowed */
  GHashTable *unknown_stages; /* name → count */
} Plan;

static void
group_free (gpointer data)
{
  Group *group = data;

  g_free (group->key);
  g_ptr_array_unref (group->records);
  g_free (group);
}

static void
stats_free (gpointer data)
{
  StageStats *stats = data;

  g_ptr_array_unref (stats->aha);
  g_ptr_array_unref (stats->micro);
  g_free (stats);
}

static void
plan_clear (Plan *plan)
{
  g_clear_pointer (&plan->groups, g_hash_table_unref);
  g_clear_pointer (&plan->stats, g_hash_table_unref);
  g_clear_pointer (&plan->unsorted, g_ptr_array_unref);
  g_clear_pointer (&plan->unknown_stages, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Plan, plan_clear)

static const char *
record_tag (WmFeedback *self,
            Record     *record)
{
  const char *tag = wm_feedback_field (self, record, WM_FEEDBACK_COLUMN_TAG);

  if (tag[0] == '\0')
    tag = wm_feedback_field (self, record, WM_FEEDBACK_COLUMN_CATEGORY);
  return tag[0] != '\0' ? tag : _("Untagged");
}

/* The row's own 旅程阶段 first, then its tag's stage in the map. */
static const char *
record_stage (Plan   *plan,
              Record *record)
{
  WmFeedback *self = plan->feedback;
  const char *named = wm_feedback_field (self, record, WM_FEEDBACK_COLUMN_STAGE);
  const char *stage = find_stage (plan->document, named);
  const char *mapped;

  if (stage != NULL)
    return stage;
  if (named[0] != '\0')
    {
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (plan->unknown_stages, named));

      g_hash_table_insert (plan->unknown_stages, (gpointer) named, GUINT_TO_POINTER (count + 1));
    }

  mapped = g_hash_table_lookup (self->stage_map, wm_feedback_field (self, record, WM_FEEDBACK_COLUMN_TAG));
  return mapped != NULL ? find_stage (plan->document, mapped) : NULL;
}

static StageStats *
stage_stats (Plan       *plan,
             const char *stage)
{
  StageStats *stats = g_hash_table_lookup (plan->stats, stage);

  if (stats == NULL)
    {
      stats = g_new0 (StageStats, 1);
      stats->aha = g_ptr_array_new ();
      stats->micro = g_ptr_array_new ();
      g_hash_table_insert (plan->stats, (gpointer) stage, stats);
    }
  return stats;
}

static void
add_to_group (Plan       *plan,
              Record     *record,
              const char *stage,
              WmLaneKind  lane)
{
  const char *tag = record_tag (plan->feedback, record);
  g_autofree char *joined = g_strconcat (lane == WM_LANE_NEEDS ? "need:" : "", stage, "/", tag, NULL);
  /* Valid for the map, as the key is written into it and compared on
   * the next import. */
  g_autofree char *key = wm_rules_normalize_text (joined, -1);
  Group *group = g_hash_table_lookup (plan->groups, key);

  if (group == NULL)
    {
      group = g_new0 (Group, 1);
      group->key = g_steal_pointer (&key);
      group->stage = stage;
      group->tag = tag;
      group->lane = lane;
      group->records = g_ptr_array_new ();
      group->stage_index = wm_document_stage_index (plan->document, stage);
      g_hash_table_insert (plan->groups, group->key, group);
    }

  g_ptr_array_add (group->records, record);
  if (record->severity > 0)
    {
      group->severity_sum += record->severity;
      group->severity_n++;
    }
}

/* "要是营地卖精酿啤酒就好了", "if only they sold beer": a wish that could
 * become business (PRODUCT.md's micro-moment). */
static gboolean
is_wish (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  const char *if_ = strstr (text, "要是");

  if (if_ == NULL)
    if_ = strstr (text, "如果");
  if (if_ != NULL && (strstr (if_, "就好了") != NULL || strstr (if_, "多好") != NULL))
    return TRUE;

  return strstr (folded, "if only") != NULL || strstr (folded, "i wish") != NULL;
}

static void
plan_record (Plan   *plan,
             Record *record)
{
  const char *stage = record_stage (plan, record);
  const char *text = wm_feedback_field (plan->feedback, record, WM_FEEDBACK_COLUMN_TEXT);
  StageStats *stats;

  record->stage_index = stage != NULL ? wm_document_stage_index (plan->document, stage) : -1;
  if (stage == NULL)
    {
      g_ptr_array_add (plan->unsorted, record);
      return;
    }

  stats = stage_stats (plan, stage);
  if (record->satisfaction > 0)
    {
      stats->satisfaction_sum += record->satisfaction;
      stats->satisfaction_n++;
      if (record->satisfaction >= 4)
        stats->satisfied++;
    }

  switch (record->kind)
    {
    case WM_FEEDBACK_COMPLAINT:
    case WM_FEEDBACK_INQUIRY:
      add_to_group (plan, record, stage, WM_LANE_PAINS);
      break;
    case WM_FEEDBACK_SUGGESTION:
      add_to_group (plan, record, stage, WM_LANE_NEEDS);
      if (text[0] != '\0' && is_wish (text))
        g_ptr_array_add (stats->micro, record);
      break;
    case WM_FEEDBACK_PRAISE:
      if (text[0] != '\0')
        g_ptr_array_add (stats->aha, record);
      break;
    default:
      break;
    }
}

static void
plan_init (Plan       *plan,
           WmFeedback *self,
           WmDocument *document)
{
  plan->feedback = self;
  plan->document = document;
  plan->groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, group_free);
  plan->stats = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, stats_free);
  plan->unsorted = g_ptr_array_new ();
  plan->unknown_stages = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->records->len; i++)
    plan_record (plan, g_ptr_array_index (self->records, i));
}

/* Rounded half up, from integers: 2.5 → 3, never 2 by banker's rule. */
static guint
mean_half_up (guint sum,
              guint n)
{
  return n > 0 ? (2 * sum + n) / (2 * n) : 0;
}

/* Biggest problems first: most rows, then most severe, then map order. */
static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const Group *ga = *(const Group * const *) a;
  const Group *gb = *(const Group * const *) b;
  guint sa = mean_half_up (ga->severity_sum, ga->severity_n);
  guint sb = mean_half_up (gb->severity_sum, gb->severity_n);

  if (ga->records->len != gb->records->len)
    return ga->records->len > gb->records->len ? -1 : 1;
  if (sa != sb)
    return sa > sb ? -1 : 1;
  if (ga->stage_index != gb->stage_index)
    return ga->stage_index < gb->stage_index ? -1 : 1;
  return strcmp (ga->tag, gb->tag);
}

static GPtrArray *
sorted_groups (Plan *plan)
{
  GPtrArray *groups = g_ptr_array_sized_new (g_hash_table_size (plan->groups));
  GHashTableIter iter;
  gpointer group;

  g_hash_table_iter_init (&iter, plan->groups);
  while (g_hash_table_iter_next (&iter, NULL, &group))
    g_ptr_array_add (groups, group);
  g_ptr_array_sort (groups, compare_groups);
  return groups;
}

/* ---- evidence ---------------------------------------------------------- */

static const char *
foreign_value (WmCard     *card,
               const char *prefix,
               const char *name)
{
  WmForeign *foreign;

  if (!wm_item_has_foreign (WM_ITEM (card)))
    return NULL;

  foreign = wm_item_get_foreign (WM_ITEM (card));
  for (guint i = 0; i < foreign->attrs->len; i++)
    {
      const WmForeignAttr *attr = g_ptr_array_index (foreign->attrs, i);

      if (g_strcmp0 (attr->prefix, prefix) == 0 && g_str_equal (attr->name, name))
        return attr->value;
    }
  return NULL;
}

/* Drops what an earlier import wrote: its attributes and quotes. */
static void
forget_evidence (WmForeign  *foreign,
                 const char *prefix)
{
  g_autofree char *quote = g_strconcat ("<", prefix, ":quote", NULL);

  for (guint i = foreign->attrs->len; i > 0; i--)
    {
      const WmForeignAttr *attr = g_ptr_array_index (foreign->attrs, i - 1);

      if (g_strcmp0 (attr->prefix, prefix) == 0)
        g_ptr_array_remove_index (foreign->attrs, i - 1);
    }
  for (guint i = foreign->elements->len; i > 0; i--)
    {
      if (g_str_has_prefix (g_ptr_array_index (foreign->elements, i - 1), quote))
        {
          g_ptr_array_remove_index (foreign->elements, i - 1);
          g_ptr_array_remove_index (foreign->anchors, i - 1);
        }
    }
}

/* @text valid for the map, its white space runs made single spaces (a
 * quote or id on one line), cut to @max_chars (0: no cut). */
static char *
one_line (const char *text,
          guint       max_chars)
{
  g_autofree char *valid = wm_rules_normalize_text (text, -1);
  GString *out = g_string_new (NULL);
  guint n = 0;
  gboolean space = FALSE;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (max_chars > 0 && n >= max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
      n++;
    }
  return g_string_free (out, FALSE);
}

/* As libxml2 writes text and attribute values back (a quote mark is
 * escaped in attributes only), so that a saved map reloads and saves
 * byte for byte. */
static void
append_escaped (GString    *out,
                const char *text,
                gboolean    attribute)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, attribute ? "&quot;" : "\""); break;
        default: g_string_append_c (out, *p); break;
        }
    }
}

static void
add_quote (WmForeign  *foreign,
           const char *prefix,
           Record     *record,
           const char *text)
{
  g_autofree char *line = one_line (text, MAX_QUOTE_CHARS);
  g_autoptr(GString) xml = g_string_new (NULL);

  g_string_append_printf (xml, "<%s:quote record=\"", prefix);
  append_escaped (xml, record->id, TRUE);
  g_string_append (xml, "\">");
  append_escaped (xml, line, FALSE);
  g_string_append_printf (xml, "</%s:quote>", prefix);
  wm_foreign_add_element (foreign, xml->str);
}

static void
set_evidence (WmFeedback *self,
              WmCard     *card,
              Group      *group,
              const char *prefix)
{
  WmForeign *foreign = wm_item_get_foreign (WM_ITEM (card));
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autofree char *records = NULL;
  g_autofree char *source = wm_rules_normalize_text (self->name, -1);
  guint quotes = 0;

  forget_evidence (foreign, prefix);
  for (guint i = 0; i < group->records->len; i++)
    {
      Record *record = g_ptr_array_index (group->records, i);
      const char *text = wm_feedback_field (self, record, WM_FEEDBACK_COLUMN_TEXT);

      if (i > 0)
        g_string_append_c (ids, ' ');
      g_string_append (ids, record->id);
      if (text[0] != '\0' && quotes < WM_FEEDBACK_MAX_QUOTES)
        {
          add_quote (foreign, prefix, record, text);
          quotes++;
        }
    }

  records = wm_rules_normalize_text (ids->str, ids->len);
  wm_foreign_add_attr (foreign, prefix, "basis", "data");
  wm_foreign_add_attr (foreign, prefix, "key", group->key);
  wm_foreign_add_attr (foreign, prefix, "source", source);
  wm_foreign_add_attr (foreign, prefix, "records", records);
}

/* ---- applying ---------------------------------------------------------- */

typedef struct
{
  WmHistory  *history;
  WmDocument *document;
  char       *prefix;
  const char *persona;   /* an id, or NULL */
  guint       n_new;
  guint       n_updated;
  guint       n_metrics;
  guint       n_points;
  guint       n_moments;
  GString    *changes;   /* lines of the report: what a re-import changed */
} Apply;

static void
push (Apply     *apply,
      WmCommand *command)
{
  if (command != NULL)
    wm_history_push (apply->history, command);
}

static WmLane *
lane_of_kind (Apply      *apply,
              WmLaneKind  kind)
{
  GListStore *lanes = wm_document_get_lanes (apply->document);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (lanes));

  for (guint i = 0; i < n; i++)
    {
      WmLane *lane = wm_list_peek (lanes, i);

      if (wm_lane_get_kind (lane) == kind)
        return lane;
    }

  push (apply, wm_edit_add_lane (apply->document, n, kind, wm_lane_kind_get_label (kind)));
  return wm_list_peek (lanes, n);
}

/* The card an earlier import made for @key in @lane, or NULL. */
static WmCard *
find_keyed_card (Apply      *apply,
                 WmLane     *lane,
                 const char *key,
                 guint      *position)
{
  GListStore *cards = wm_lane_get_cards (lane);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (cards));

  for (guint i = 0; i < n; i++)
    {
      WmCard *card = wm_list_peek (cards, i);

      if (g_strcmp0 (foreign_value (card, apply->prefix, "key"), key) == 0)
        {
          *position = i;
          return card;
        }
    }
  return NULL;
}

static const char *
stage_title (Apply      *apply,
             const char *id)
{
  WmStage *stage = wm_document_find_stage (apply->document, id);
  const char *title = stage != NULL ? wm_stage_get_title (stage) : NULL;

  return title != NULL && title[0] != '\0' ? title : id;
}

static void
note_card_change (Apply  *apply,
                  WmCard *old,
                  Group  *group)
{
  guint frequency = wm_card_get_frequency (old);
  guint severity = wm_card_get_severity (old);
  guint new_severity = group->severity_n > 0 ? mean_half_up (group->severity_sum, group->severity_n)
                                             : severity;

  if (frequency == group->records->len && severity == new_severity)
    return;
  g_string_append_printf (apply->changes, _("  “%s” (%s): frequency %u → %u, severity %u → %u\n"),
                          wm_card_get_text (old), stage_title (apply, wm_card_get_stage (old)),
                          frequency, group->records->len, severity, new_severity);
}

/* A re-import replaces the card by an updated copy under the same id, so
 * that what the user changed by hand (text, colour, span) stays and the
 * evidence is one undoable step with the rest. */
static void
apply_group (Apply      *apply,
             WmFeedback *self,
             Group      *group)
{
  WmLane *lane = lane_of_kind (apply, group->lane);
  guint position = G_MAXUINT;
  WmCard *old = find_keyed_card (apply, lane, group->key, &position);
  g_autoptr(WmCard) card = NULL;

  if (old != NULL)
    {
      card = wm_card_duplicate (old, wm_item_get_id (WM_ITEM (old)));
      push (apply, wm_edit_remove_card (apply->document, old));
      apply->n_updated++;
    }
  else
    {
      card = wm_card_new (NULL, group->stage, group->tag);
      apply->n_new++;
    }

  if (old != NULL)
    note_card_change (apply, old, group);
  wm_card_set_frequency (card, group->records->len);
  /* No rated row keeps a severity the user gave by hand. */
  if (group->severity_n > 0)
    wm_card_set_severity (card, mean_half_up (group->severity_sum, group->severity_n));
  set_evidence (self, card, group, apply->prefix);
  push (apply, wm_edit_insert_card (apply->document, lane, wm_card_get_stage (card),
                                    position, card));
}

static void
apply_metric (Apply      *apply,
              WmStage    *stage,
              StageStats *stats)
{
  GListStore *metrics = wm_stage_get_metrics (stage);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (metrics));
  double csat = mean_half_up (100 * stats->satisfied, stats->satisfaction_n);

  apply->n_metrics++;
  for (guint i = 0; i < n; i++)
    {
      WmMetric *metric = wm_list_peek (metrics, i);

      if (wm_metric_get_kind (metric) == WM_METRIC_CSAT)
        {
          if (wm_metric_get_value (metric) != csat)
            {
              g_string_append_printf (apply->changes, _("  CSAT (%s): %g → %g\n"),
                                      stage_title (apply, wm_item_get_id (WM_ITEM (stage))),
                                      wm_metric_get_value (metric), csat);
              push (apply, wm_edit_set (metric, "value", csat));
            }
          return;
        }
    }
  push (apply, wm_edit_add_metric (stage, WM_METRIC_CSAT, csat));
}

/* (mean − 3) × 1.5 on the −3…3 scale, to the nearest half step (ties
 * up). In integers, as a mean of 3 + 1/6 must tie exactly: with the sum
 * S of n ratings, 2 × (S/n − 3) × 1.5 + ½ = (6 (S − 3n) + n) / 2n. */
static double
curve_value (StageStats *stats)
{
  gint64 n = stats->satisfaction_n;
  gint64 num = 6 * ((gint64) stats->satisfaction_sum - 3 * n) + n;
  gint64 den = 2 * n;
  gint64 halves = num >= 0 ? num / den : -((-num + den - 1) / den);

  return CLAMP (halves / 2.0, -3, 3);
}

static gboolean
has_moment (Apply        *apply,
            WmMomentKind  kind,
            const char   *stage,
            const char   *text)
{
  GListStore *moments = wm_document_get_moments (apply->document);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (moments));

  for (guint i = 0; i < n; i++)
    {
      WmMoment *moment = wm_list_peek (moments, i);

      if (wm_moment_get_kind (moment) == kind &&
          g_strcmp0 (wm_moment_get_persona (moment), apply->persona) == 0 &&
          g_strcmp0 (wm_moment_get_stage (moment), stage) == 0 &&
          g_strcmp0 (wm_moment_get_text (moment), text) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The candidates of one stage, spread across it (@first of @total). */
static void
apply_moments (Apply        *apply,
               WmFeedback   *self,
               const char   *stage,
               WmMomentKind  kind,
               GPtrArray    *records,
               guint         first,
               guint         total)
{
  for (guint i = 0; i < MIN (records->len, WM_FEEDBACK_MAX_MOMENTS); i++)
    {
      Record *record = g_ptr_array_index (records, i);
      g_autofree char *text = one_line (wm_feedback_field (self, record, WM_FEEDBACK_COLUMN_TEXT), 0);

      if (has_moment (apply, kind, stage, text))
        continue;
      push (apply, wm_edit_add_moment (apply->document, kind, apply->persona, stage,
                                       round (100.0 * (first + i + 1) / (total + 1)) / 100, text));
      apply->n_moments++;
    }
}

static void
apply_stage (Apply      *apply,
             WmFeedback *self,
             WmStage    *stage,
             StageStats *stats)
{
  const char *id = wm_item_get_id (WM_ITEM (stage));

  if (stats->satisfaction_n > 0)
    {
      apply_metric (apply, stage, stats);
      if (apply->persona != NULL)
        {
          push (apply, wm_edit_set_point (apply->document, apply->persona, id,
                                          curve_value (stats)));
          apply->n_points++;
        }
    }
  if (apply->persona != NULL)
    {
      guint n_aha = MIN (stats->aha->len, WM_FEEDBACK_MAX_MOMENTS);
      guint n_micro = MIN (stats->micro->len, WM_FEEDBACK_MAX_MOMENTS);

      apply_moments (apply, self, id, WM_MOMENT_AHA, stats->aha, 0, n_aha + n_micro);
      apply_moments (apply, self, id, WM_MOMENT_MICRO, stats->micro, n_aha, n_aha + n_micro);
    }
}

/* At most this many personas in the message of an unknown one. */
#define MAX_LISTED_PERSONAS 20

static char *
list_personas (GListModel *personas)
{
  GString *out = g_string_new (NULL);
  guint n = g_list_model_get_n_items (personas);

  for (guint i = 0; i < MIN (n, MAX_LISTED_PERSONAS); i++)
    {
      g_autoptr(WmPersona) persona = g_list_model_get_item (personas, i);
      const char *name = wm_persona_get_name (persona);

      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, wm_item_get_id (WM_ITEM (persona)));
      if (name != NULL)
        g_string_append_printf (out, " (%s)", name);
    }
  if (n > MAX_LISTED_PERSONAS)
    g_string_append (out, ", …");
  return g_string_free (out, FALSE);
}

/* As `waymark export --persona`: the id, else the name (exactly, then
 * ignoring case); NULL @wanted is the first persona. */
static gboolean
find_persona (WmDocument  *document,
              const char  *wanted,
              const char **id,
              GError     **error)
{
  GListModel *personas = G_LIST_MODEL (wm_document_get_personas (document));
  guint n = g_list_model_get_n_items (personas);
  g_autofree char *folded = wanted != NULL ? g_utf8_casefold (wanted, -1) : NULL;
  g_autofree char *listed = NULL;
  WmPersona *persona;

  *id = NULL;
  if (wanted == NULL)
    persona = n > 0 ? wm_list_peek (G_LIST_STORE (personas), 0) : NULL;
  else
    persona = wm_document_find_persona (document, wanted);
  if (wanted == NULL || persona != NULL)
    {
      *id = persona != NULL ? wm_item_get_id (WM_ITEM (persona)) : NULL;
      return TRUE;
    }

  /* By name: exactly on the first pass, ignoring case on the second. */

  for (int pass = 0; pass < 2 && *id == NULL; pass++)
    for (guint i = 0; i < n && *id == NULL; i++)
      {
        const char *name;
        g_autofree char *name_folded = NULL;

        persona = wm_list_peek (G_LIST_STORE (personas), i);
        name = wm_persona_get_name (persona);
        if (name == NULL)
          continue;
        name_folded = pass == 1 ? g_utf8_casefold (name, -1) : NULL;
        if (g_str_equal (pass == 0 ? name : name_folded, pass == 0 ? wanted : folded))
          *id = wm_item_get_id (WM_ITEM (persona));
      }
  if (*id != NULL)
    return TRUE;

  listed = list_personas (personas);
  if (listed[0] == '\0')
    g_set_error (error, WM_ERROR, WM_ERROR_REFERENCE,
                 _("There is no persona “%s” in this map; it has no personas"), wanted);
  else
    g_set_error (error, WM_ERROR, WM_ERROR_REFERENCE,
                 _("There is no persona “%s” in this map; its personas are: %s"), wanted, listed);
  return FALSE;
}

/* ---- warnings and report ----------------------------------------------- */

/* At most this many record ids in one warning: the rest are counted. */
#define MAX_LISTED_IDS 20

static void
warn_unsorted (WmFeedback *self,
               GPtrArray  *unsorted)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  if (unsorted->len == 0)
    return;

  for (guint i = 0; i < MIN (unsorted->len, MAX_LISTED_IDS); i++)
    {
      Record *record = g_ptr_array_index (unsorted, i);

      g_string_append_printf (ids, i > 0 ? ", %s" : "%s", record->id);
    }
  if (unsorted->len > MAX_LISTED_IDS)
    g_string_append_printf (ids, _(" and %u more"), unsorted->len - MAX_LISTED_IDS);

  warn (self, ngettext ("%s: %u record fits no stage of the map and stays Unsorted: %s; "
                        "give it a stage or map its tag to a stage",
                        "%s: %u records fit no stage of the map and stay Unsorted: %s; "
                        "give them a stage or map their tags to stages",
                        unsorted->len),
        self->name, unsorted->len, ids->str);
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
warn_unknown_stages (WmFeedback *self,
                     GHashTable *unknown)
{
  g_autofree const char **names = (const char **) g_hash_table_get_keys_as_array (unknown, NULL);
  guint n = g_hash_table_size (unknown);

  qsort (names, n, sizeof (char *), compare_strings);
  for (guint i = 0; i < n; i++)
    {
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (unknown, names[i]));

      warn (self, ngettext ("%s: the stage “%s” (%u record) is none of the map’s stages",
                            "%s: the stage “%s” (%u records) is none of the map’s stages", count),
            self->name, names[i], count);
    }
}

static char *
make_report (WmFeedback *self,
             Apply      *apply,
             Plan       *plan)
{
  GString *out = g_string_new (NULL);
  guint sorted = self->records->len - plan->unsorted->len;

  g_string_append_printf (out, ngettext ("%u feedback record read, %u placed on a stage.\n",
                                         "%u feedback records read, %u placed on stages.\n",
                                         self->records->len),
                          self->records->len, sorted);
  g_string_append_printf (out, _("Cards: %u new, %u updated.\n"), apply->n_new, apply->n_updated);
  g_string_append_printf (out, _("CSAT on %u stages, %u curve points, %u moment candidates.\n"),
                          apply->n_metrics, apply->n_points, apply->n_moments);
  if (apply->changes->len > 0)
    {
      g_string_append (out, _("Changed:\n"));
      g_string_append (out, apply->changes->str);
    }
  if (plan->unsorted->len > 0)
    g_string_append_printf (out, ngettext ("Unsorted: %u record.\n", "Unsorted: %u records.\n",
                                           plan->unsorted->len),
                            plan->unsorted->len);
  return g_string_free (out, FALSE);
}

static void
remember_stages (WmFeedback *self,
                 WmDocument *document)
{
  GListStore *stages = wm_document_get_stages (document);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (stages));

  g_clear_pointer (&self->stage_titles, g_ptr_array_unref);
  self->stage_titles = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n; i++)
    {
      WmStage *stage = wm_list_peek (stages, i);
      const char *title = wm_stage_get_title (stage);

      g_ptr_array_add (self->stage_titles,
                       g_strdup (title != NULL && title[0] != '\0' ? title
                                                                  : wm_item_get_id (WM_ITEM (stage))));
    }
}

gboolean
wm_feedback_apply (WmFeedback  *self,
                   WmHistory   *history,
                   const char  *persona,
                   GError     **error)
{
  WmDocument *document = wm_history_get_document (history);
  GListStore *stages = wm_document_get_stages (document);
  g_auto(Plan) plan = { 0 };
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GString) changes = g_string_new (NULL);
  Apply apply = { .history = history, .document = document, .changes = changes };

  if (!find_persona (document, persona, &apply.persona, error))
    return FALSE;
  if (apply.persona == NULL)
    warn (self, _("%s: the map has no persona, so no emotion curve or moments are suggested"),
          self->name);

  plan_init (&plan, self, document);
  remember_stages (self, document);
  groups = sorted_groups (&plan);

  wm_history_begin_group (history, _("Import Feedback"));
  /* In the step, so that undoing the import gives back the exact bytes. */
  push (&apply, wm_evidence_declare_command_new (document));
  apply.prefix = g_strdup (wm_evidence_prefix (document));
  for (guint i = 0; i < groups->len; i++)
    apply_group (&apply, self, g_ptr_array_index (groups, i));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (stages)); i++)
    {
      WmStage *stage = wm_list_peek (stages, i);
      StageStats *stats = g_hash_table_lookup (plan.stats, wm_item_get_id (WM_ITEM (stage)));

      if (stats != NULL)
        apply_stage (&apply, self, stage, stats);
    }
  wm_history_end_group (history);

  warn_unknown_stages (self, plan.unknown_stages);
  warn_unsorted (self, plan.unsorted);
  g_free (self->report);
  self->report = make_report (self, &apply, &plan);
  g_free (apply.prefix);
  return TRUE;
}
