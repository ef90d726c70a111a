/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-mermaid-writer.c - a map as a Mermaid `journey` diagram */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <math.h>
#include <string.h>

#include "wm-mermaid.h"
#include "wm-mermaid-private.h"

/* ---- escaping ----------------------------------------------------------- */

static gboolean
is_word (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* A word the lexer takes as a keyword when a line begins with it. */
static gboolean
starts_with_keyword (const char *text)
{
  static const char *const words[] = { "title", "section" };

  if (g_ascii_strncasecmp (text, "journey", 7) == 0 ||
      g_ascii_strncasecmp (text, "acctitle", 8) == 0 ||
      g_ascii_strncasecmp (text, "accdescr", 8) == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      gsize n = strlen (words[i]);

      if (g_ascii_strncasecmp (text, words[i], n) == 0 && text[n] != '\0' &&
          _wm_mermaid_is_space (g_utf8_get_char (text + n)))
        return TRUE;
    }
  return FALSE;
}

static gboolean
needs_code (const char *p,
            gboolean    list)
{
  /* The start of Mermaid's own hiding of an entity code, "ﬂ°". */
  if (strncmp (p, "\xef\xac\x82\xc2\xb0", 5) == 0)
    return TRUE;
  switch (*p)
    {
    case '#': case ';': case ':': case '\n': case '\r':
      return TRUE;
    case ',':
      return list;
    case '%':
      return p[1] == '%';
    case '<':
      return is_word (p[1]);
    default:
      return FALSE;
    }
}

void
_wm_mermaid_escape (GString    *out,
                    const char *text,
                    gboolean    list,
                    gboolean    line_start)
{
  g_autofree char *stripped = _wm_mermaid_strip (text != NULL ? text : "", -1);

  if (stripped[0] == '\0')
    {
      /* A name cannot be empty in the grammar; a space is, once trimmed. */
      if (!list)
        g_string_append (out, "#32;");
      return;
    }
  for (const char *p = stripped; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (needs_code (p, list) || (p == stripped && line_start && starts_with_keyword (p)))
        g_string_append_printf (out, "#%u;", (guint) g_utf8_get_char (p));
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
}

/* ---- what the map kept -------------------------------------------------- */

typedef struct
{
  WmDocument *document;
  const char *prefix;   /* of WM_MERMAID_NAMESPACE in this map, or NULL */
  GString    *out;
} Writer;

static const char *
kept (Writer     *self,
      gpointer    item,
      const char *name)
{
  WmForeign *foreign;

  if (self->prefix == NULL || !wm_item_has_foreign (WM_ITEM (item)))
    return NULL;
  foreign = wm_item_get_foreign (WM_ITEM (item));
  for (guint i = 0; i < foreign->attrs->len; i++)
    {
      WmForeignAttr *attr = g_ptr_array_index (foreign->attrs, i);

      if (g_strcmp0 (attr->prefix, self->prefix) == 0 && g_str_equal (attr->name, name))
        return attr->value;
    }
  return NULL;
}

static const char *
namespace_prefix (WmDocument *document)
{
  GPtrArray *namespaces = wm_document_get_namespaces (document);

  for (guint i = 0; namespaces != NULL && i + 1 < namespaces->len; i += 2)
    if (g_str_equal (g_ptr_array_index (namespaces, i + 1), WM_MERMAID_NAMESPACE))
      return g_ptr_array_index (namespaces, i);
  return NULL;
}

/* ---- scores from the curves --------------------------------------------- */

/* @curve's value at stage @k: its point there, else a straight line
 * between its neighbours, else the nearest end; NAN without points. */
static double
curve_value_at (WmDocument *document,
                WmCurve    *curve,
                int         k)
{
  GListModel *points = G_LIST_MODEL (wm_curve_get_points (curve));
  int below = -1, above = G_MAXINT;
  double below_value = NAN, above_value = NAN;

  for (guint i = 0; i < g_list_model_get_n_items (points); i++)
    {
      WmCurvePoint *point = wm_list_peek (wm_curve_get_points (curve), i);
      int at = wm_document_stage_index (document, wm_curve_point_get_stage (point));

      if (at == k)
        return wm_curve_point_get_value (point);
      if (at >= 0 && at < k && at > below)
        below = at, below_value = wm_curve_point_get_value (point);
      if (at > k && at < above)
        above = at, above_value = wm_curve_point_get_value (point);
    }
  if (below >= 0 && above != G_MAXINT)
    return below_value + (above_value - below_value) * (k - below) / (above - below);
  return below >= 0 ? below_value : above_value;
}

static gboolean
curve_has_point_at (WmDocument *document,
                    WmCurve    *curve,
                    int         k)
{
  GListStore *points = wm_curve_get_points (curve);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (points)); i++)
    if (wm_document_stage_index (document,
                                 wm_curve_point_get_stage (wm_list_peek (points, i))) == k)
      return TRUE;
  return FALSE;
}

static void
append_actor (GString    *actors,
              WmPersona  *persona)
{
  const char *name = wm_persona_get_name (persona);

  if (actors->len > 0)
    g_string_append (actors, ", ");
  _wm_mermaid_escape (actors, name != NULL && name[0] != '\0' ? name
                                : wm_item_get_id (WM_ITEM (persona)), TRUE, FALSE);
}

/* For a card Waymark made: the personas whose curve passes through the
 * stage (those with a point there, else all with a curve), and the
 * score their curves give it: (value / 1.5) + 3, rounded, 1..5. */
static double
derive (Writer  *self,
        int      k,
        GString *actors)
{
  GListStore *curves = wm_document_get_curves (self->document);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (curves));
  double sum = 0;
  guint count = 0;

  for (int pass = 0; pass < 2 && count == 0; pass++)
    for (guint i = 0; i < n; i++)
      {
        WmCurve *curve = wm_list_peek (curves, i);
        WmPersona *persona = wm_document_find_persona (self->document, wm_curve_get_persona (curve));
        double value = curve_value_at (self->document, curve, k);

        if (persona == NULL || isnan (value) ||
            (pass == 0 && !curve_has_point_at (self->document, curve, k)))
          continue;
        append_actor (actors, persona);
        sum += value;
        count++;
      }
  if (count == 0)
    return 3;
  return CLAMP (round (sum / count / 1.5 + 3), 1, 5);
}

/* ---- lines -------------------------------------------------------------- */

static void
write_task (Writer *self,
            WmCard *card,
            int     k)
{
  const char *score_text = kept (self, card, "score");
  const char *actors_text = kept (self, card, "actors");
  double score = score_text != NULL ? _wm_mermaid_number (score_text, -1) : NAN;
  g_autoptr(GString) actors = g_string_new (NULL);
  g_autofree char *score_out = NULL;

  if (isnan (score))
    score = derive (self, k, actors);
  if (actors_text != NULL)
    {
      g_auto(GStrv) names = g_strsplit (actors_text, ",", -1);

      g_string_truncate (actors, 0);
      for (guint i = 0; names[i] != NULL; i++)
        {
          g_autofree char *name = _wm_mermaid_unescape (names[i]);

          if (i > 0)
            g_string_append (actors, ", ");
          _wm_mermaid_escape (actors, name, TRUE, FALSE);
        }
    }
  else if (score_text != NULL)
    g_string_truncate (actors, 0);

  score_out = _wm_mermaid_format_score (score);
  g_string_append (self->out, "      ");
  _wm_mermaid_escape (self->out, wm_card_get_text (card), FALSE, TRUE);
  g_string_append_printf (self->out, ": %s", score_out);
  if (actors->len > 0 || actors_text != NULL)
    g_string_append_printf (self->out, ": %s", actors->str);
  g_string_append_c (self->out, '\n');
}

static gboolean
is_task (Writer *self,
         WmLane *lane,
         WmCard *card)
{
  return wm_lane_get_kind (lane) == WM_LANE_ACTIONS ||
         kept (self, card, "score") != NULL || kept (self, card, "actors") != NULL;
}

static void
write_tasks (Writer     *self,
             const char *stage,
             int         k)
{
  GListStore *lanes = wm_document_get_lanes (self->document);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (lanes)); i++)
    {
      WmLane *lane = wm_list_peek (lanes, i);
      GListStore *cards = wm_lane_get_cards (lane);

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (cards)); j++)
        {
          WmCard *card = wm_list_peek (cards, j);

          if (g_strcmp0 (wm_card_get_stage (card), stage) == 0 && is_task (self, lane, card))
            write_task (self, card, k);
        }
    }
}

static void
write_line (Writer     *self,
            const char *keyword,
            const char *text)
{
  g_string_append_printf (self->out, "    %s", keyword);
  _wm_mermaid_escape (self->out, text, FALSE, FALSE);
  g_string_append_c (self->out, '\n');
}

static void
write_header (Writer *self)
{
  const char *title = wm_document_get_title (self->document);
  const char *scenario = wm_document_get_scenario (self->document);
  const char *acc_title = kept (self, self->document, "acc-title");

  g_string_append (self->out, "journey\n");
  if (title != NULL && title[0] != '\0')
    write_line (self, "title ", title);
  if (acc_title != NULL && acc_title[0] != '\0')
    write_line (self, "accTitle: ", acc_title);
  if (scenario != NULL && scenario[0] != '\0')
    write_line (self, "accDescr: ", scenario);
}

char *
wm_mermaid_write (WmDocument *document)
{
  Writer self = { document, NULL, g_string_new (NULL) };
  GListStore *stages;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  self.prefix = namespace_prefix (document);
  stages = wm_document_get_stages (document);
  write_header (&self);
  for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (stages)); k++)
    {
      WmStage *stage = wm_list_peek (stages, k);

      /* The tasks Mermaid had before any section come back there. */
      const char *title = wm_stage_get_title (stage);

      if (k > 0 || g_strcmp0 (kept (&self, stage, "implicit"), "true") != 0 ||
          (title != NULL && title[0] != '\0'))
        write_line (&self, "section ", title);
      write_tasks (&self, wm_item_get_id (WM_ITEM (stage)), (int) k);
    }
  return g_string_free (self.out, FALSE);
}
