/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-repair.c - opening a map whose references or values are broken */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <libxml/tree.h>

#include "wm-card.h"
#include "wm-curve.h"
#include "wm-curve-point.h"
#include "wm-edits.h"
#include "wm-error.h"
#include "wm-item.h"
#include "wm-lane.h"
#include "wm-map-text.h"
#include "wm-moment.h"
#include "wm-persona.h"
#include "wm-reader.h"
#include "wm-reader-guard.h"
#include "wm-repair.h"
#include "wm-stage.h"
#include "wm-writer.h"

typedef struct
{
  WmDocument *document;
  const char *name;
  GPtrArray  *repairs;
  GHashTable *ids;      /* every id in use, owned */
  GHashTable *stages;   /* stage id → index + 1 */
  GHashTable *personas; /* persona id → itself */
  guint       next_id;
  /* What refers to a missing stage or persona: left out of the map shown
   * first, put in "Unplaced" by the repair step. */
  GPtrArray  *cards;        /* WmCard */
  GArray     *card_lanes;   /* guint: the index of each one's lane */
  GPtrArray  *points;       /* WmCurvePoint of a curve that stays */
  GPtrArray  *point_owners; /* char *: the persona of each one's curve */
  GPtrArray  *curves;       /* WmCurve of a missing persona */
  GPtrArray  *moments;      /* WmMoment */
} Repair;

static void
note_valist (Repair     *self,
             gpointer    item,
             const char *format,
             va_list     args)
{
  g_autofree char *text = g_strdup_vprintf (format, args);
  int line = item != NULL ? wm_reader_item_line (item) : 0;

  if (line > 0)
    g_ptr_array_add (self->repairs, g_strdup_printf ("%s:%d: %s", self->name, line, text));
  else
    g_ptr_array_add (self->repairs, g_strdup_printf ("%s: %s", self->name, text));
}

/* Each repair reads "NAME:LINE: what was done", as the problems do. */
static void
note (Repair     *self,
      gpointer    item,
      const char *format,
      ...) G_GNUC_PRINTF (3, 4);

static void
note (Repair     *self,
      gpointer    item,
      const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  note_valist (self, item, format, args);
  va_end (args);
}

static char *
fresh_id (Repair     *self,
          const char *stem)
{
  if (!g_hash_table_contains (self->ids, stem))
    {
      g_hash_table_add (self->ids, g_strdup (stem));
      return g_strdup (stem);
    }
  for (;;)
    {
      char *id = g_strdup_printf ("%s%u", stem, ++self->next_id);

      if (!g_hash_table_contains (self->ids, id))
        {
          g_hash_table_add (self->ids, g_strdup (id));
          return id;
        }
      g_free (id);
    }
}

/* The reader left NULL where an id was missing, invalid or taken. */
static void
mend_ids (Repair     *self,
          GListModel *items)
{
  guint n = g_list_model_get_n_items (items);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmItem) item = g_list_model_get_item (items, i);
      const char *id = wm_item_get_id (item);

      if (id != NULL && !g_hash_table_contains (self->ids, id))
        g_hash_table_add (self->ids, g_strdup (id));
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmItem) item = g_list_model_get_item (items, i);

      if (wm_item_get_id (item) == NULL)
        {
          g_autofree char *id = fresh_id (self, "repaired");

          wm_item_set_id (item, id);
          note (self, item, _("an item with a missing or duplicate id now has the id “%s”"), id);
        }
    }
}

static void
index_stages (Repair *self)
{
  GListModel *stages = G_LIST_MODEL (wm_document_get_stages (self->document));
  GListModel *personas = G_LIST_MODEL (wm_document_get_personas (self->document));

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(WmItem) stage = g_list_model_get_item (stages, i);

      if (!g_hash_table_contains (self->stages, wm_item_get_id (stage)))
        g_hash_table_insert (self->stages, g_strdup (wm_item_get_id (stage)), GUINT_TO_POINTER (i + 1));
    }

  for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
    {
      g_autoptr(WmItem) persona = g_list_model_get_item (personas, i);
      g_hash_table_add (self->personas, g_strdup (wm_item_get_id (persona)));
    }
}

static gboolean
is_stage (Repair     *self,
          const char *id)
{
  return id != NULL && g_hash_table_contains (self->stages, id);
}

static gboolean
is_persona (Repair     *self,
            const char *id)
{
  return id != NULL && g_hash_table_contains (self->personas, id);
}

/* FALSE: the card's stage is missing; it waits for "Unplaced". */
static gboolean
mend_card (Repair *self,
           WmCard *card)
{
  guint n_stages = g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (self->document)));
  const char *stage = wm_card_get_stage (card);
  guint index;

  if (!is_stage (self, stage))
    return FALSE;

  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->stages, stage)) - 1;
  if (index + wm_card_get_span (card) > n_stages)
    {
      wm_card_set_span (card, n_stages - index);
      note (self, card, ngettext ("card “%s” now spans %u stage, up to the last one",
                                  "card “%s” now spans %u stages, up to the last one",
                                  n_stages - index),
            wm_item_get_id (WM_ITEM (card)), n_stages - index);
    }
  return TRUE;
}

static void
mend_lanes (Repair *self)
{
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (self->document));

  for (guint l = 0; l < g_list_model_get_n_items (lanes); l++)
    {
      g_autoptr(WmLane) lane = g_list_model_get_item (lanes, l);
      GListStore *cards = wm_lane_get_cards (lane);

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (cards)); )
        {
          g_autoptr(WmCard) card = g_list_model_get_item (G_LIST_MODEL (cards), i);

          if (mend_card (self, card))
            {
              i++;
              continue;
            }
          g_ptr_array_add (self->cards, g_object_ref (card));
          g_array_append_val (self->card_lanes, l);
          g_list_store_remove (cards, i);
        }
    }
}

/* A second point on one stage is dropped; a point on a missing stage
 * waits for "Unplaced" (@stays: its curve stays where it is). */
static void
mend_curve_points (Repair   *self,
                   WmCurve  *curve,
                   gboolean  stays)
{
  GListStore *points = wm_curve_get_points (curve);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (points)); )
    {
      g_autoptr(WmCurvePoint) point = g_list_model_get_item (G_LIST_MODEL (points), i);
      const char *stage = wm_curve_point_get_stage (point);

      if (!is_stage (self, stage) && !stays)
        {
          i++;
          continue;
        }
      if (is_stage (self, stage) && g_hash_table_add (seen, (gpointer) stage))
        {
          i++;
          continue;
        }
      if (is_stage (self, stage))
        note (self, point, _("a second point of a curve on stage “%s” was removed"), stage);
      else
        {
          g_ptr_array_add (self->points, g_object_ref (point));
          g_ptr_array_add (self->point_owners, g_strdup (wm_curve_get_persona (curve)));
        }
      g_list_store_remove (points, i);
    }
}

static void
mend_curves (Repair *self)
{
  GListStore *curves = wm_document_get_curves (self->document);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (curves)); )
    {
      g_autoptr(WmCurve) curve = g_list_model_get_item (G_LIST_MODEL (curves), i);
      const char *persona = wm_curve_get_persona (curve);

      if (is_persona (self, persona) && g_hash_table_add (seen, (gpointer) persona))
        {
          mend_curve_points (self, curve, TRUE);
          i++;
          continue;
        }
      if (is_persona (self, persona))
        note (self, curve, _("a second curve of persona “%s” was removed"), persona);
      else
        {
          mend_curve_points (self, curve, FALSE);
          g_ptr_array_add (self->curves, g_object_ref (curve));
        }
      g_list_store_remove (curves, i);
    }
}

static void
mend_moments (Repair *self)
{
  GListStore *moments = wm_document_get_moments (self->document);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (moments)); )
    {
      g_autoptr(WmMoment) moment = g_list_model_get_item (G_LIST_MODEL (moments), i);

      if (is_persona (self, wm_moment_get_persona (moment)) &&
          is_stage (self, wm_moment_get_stage (moment)))
        {
          i++;
          continue;
        }
      g_ptr_array_add (self->moments, g_object_ref (moment));
      g_list_store_remove (moments, i);
    }
}

static void
mend_card_ids (Repair *self)
{
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (self->document));

  for (guint l = 0; l < g_list_model_get_n_items (lanes); l++)
    {
      g_autoptr(WmLane) lane = g_list_model_get_item (lanes, l);

      mend_ids (self, G_LIST_MODEL (wm_lane_get_cards (lane)));
    }
}

static void
mend_document (Repair *self)
{
  const char *title = wm_document_get_title (self->document);

  if (title == NULL || *title == '\0')
    {
      wm_document_set_title (self->document, _("Untitled Map"));
      note (self, NULL, _("the map was given a title"));
    }
  mend_ids (self, G_LIST_MODEL (wm_document_get_personas (self->document)));
  mend_ids (self, G_LIST_MODEL (wm_document_get_stages (self->document)));
  mend_ids (self, G_LIST_MODEL (wm_document_get_lanes (self->document)));
  mend_card_ids (self);
  mend_ids (self, G_LIST_MODEL (wm_document_get_moments (self->document)));
  index_stages (self);
  mend_lanes (self);
  mend_curves (self);
  mend_moments (self);
}

/* The map written and read back: nothing that breaks the rules can reach
 * a window or a save. The copy is the one the repair step adds to. */
static WmDocument *
read_back (WmDocument  *document,
           const char  *name,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  WmDocument *again = NULL;
  gsize length = 0;

  text = wm_writer_write (document, &length, &local_error);
  if (text != NULL)
    again = wm_reader_load_data (text, length, name, &local_error);
  if (again != NULL)
    return again;

  g_set_error (error, WM_ERROR, WM_ERROR_INVALID,
               _("%s: the map could not be repaired (%s)"), name, local_error->message);
  return NULL;
}

/* ---- the repair step: what dangles, in "Unplaced" ---- */

typedef struct
{
  Repair     *repair;
  WmDocument *document;
  const char *title;    /* "Unplaced" in the map's language */
  char       *stage;    /* its id, once made */
  char       *persona;
} Placing;

/* A card's or moment's text as a note quotes it: its first line, short. */
static char *
excerpt (const char *text)
{
  g_autofree char *line = g_strndup (text != NULL ? text : "", strcspn (text != NULL ? text : "", "\n"));

  if (g_utf8_strlen (line, -1) <= 40)
    return g_steal_pointer (&line);
  {
    g_autofree char *cut = g_utf8_substring (line, 0, 39);

    return g_strconcat (cut, "…", NULL);
  }
}

static const char *
unplaced_stage (Placing *self)
{
  g_autoptr(WmStage) stage = NULL;

  if (self->stage != NULL)
    return self->stage;
  self->stage = fresh_id (self->repair, "unplaced");
  stage = wm_stage_new (self->stage, self->title);
  g_list_store_append (wm_document_get_stages (self->document), stage);
  return self->stage;
}

static const char *
unplaced_persona (Placing *self)
{
  g_autoptr(WmPersona) persona = NULL;

  if (self->persona != NULL)
    return self->persona;
  self->persona = fresh_id (self->repair, "unplaced_persona");
  persona = wm_persona_new (self->persona);
  wm_persona_set_name (persona, self->title);
  g_list_store_append (wm_document_get_personas (self->document), persona);
  return self->persona;
}

static void
place_cards (Placing *self)
{
  Repair *repair = self->repair;
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (self->document));

  for (guint i = 0; i < repair->cards->len; i++)
    {
      WmCard *card = g_ptr_array_index (repair->cards, i);
      guint l = g_array_index (repair->card_lanes, guint, i);
      g_autoptr(WmLane) lane = g_list_model_get_item (lanes, l);
      g_autofree char *text = excerpt (wm_card_get_text (card));

      wm_card_set_stage (card, unplaced_stage (self));
      wm_card_set_span (card, 1);
      g_list_store_append (wm_lane_get_cards (lane), card);
      note (repair, card, _("card “%s” (“%s”) was put in the stage “%s”: its own stage is not defined"),
            wm_item_get_id (WM_ITEM (card)), text, self->title);
    }
}

static WmCurve *
find_curve (WmDocument *document,
            const char *persona)
{
  GListModel *curves = G_LIST_MODEL (wm_document_get_curves (document));

  for (guint i = 0; i < g_list_model_get_n_items (curves); i++)
    {
      g_autoptr(WmCurve) curve = g_list_model_get_item (curves, i);

      if (g_strcmp0 (wm_curve_get_persona (curve), persona) == 0)
        return curve;
    }
  return NULL;
}

/* One point per stage: a curve's second point on "Unplaced" is dropped. */
static void
place_point (Placing      *self,
             WmCurve      *curve,
             WmCurvePoint *point)
{
  const char *persona = wm_curve_get_persona (curve);

  if (wm_curve_find_point (curve, unplaced_stage (self)) != NULL)
    {
      note (self->repair, point, _("a point of the curve of “%s” was removed: its stage is not defined "
                                   "and the curve has a point in “%s” already"),
            persona, self->title);
      return;
    }
  wm_curve_point_set_stage (point, unplaced_stage (self));
  g_list_store_append (wm_curve_get_points (curve), point);
  note (self->repair, point, _("a point of the curve of “%s” was put in the stage “%s”: its own stage is not defined"),
        persona, self->title);
}

static void
place_points (Placing *self)
{
  Repair *repair = self->repair;

  for (guint i = 0; i < repair->points->len; i++)
    {
      WmCurve *curve = find_curve (self->document, g_ptr_array_index (repair->point_owners, i));

      /* The curve stayed in the map, so the copy has it. */
      g_return_if_fail (curve != NULL);
      place_point (self, curve, g_ptr_array_index (repair->points, i));
    }
}

static void
place_curve (Placing *self,
             WmCurve *curve)
{
  GListStore *points = wm_curve_get_points (curve);
  g_autoptr(GPtrArray) strays = g_ptr_array_new_with_free_func (g_object_unref);

  if (find_curve (self->document, unplaced_persona (self)) != NULL)
    {
      note (self->repair, curve, _("a curve was removed: its persona is not defined and the persona “%s” "
                                   "has a curve already"), self->title);
      return;
    }
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (points)); i > 0; i--)
    {
      g_autoptr(WmCurvePoint) point = g_list_model_get_item (G_LIST_MODEL (points), i - 1);

      if (!is_stage (self->repair, wm_curve_point_get_stage (point)))
        {
          g_ptr_array_insert (strays, 0, g_object_ref (point));
          g_list_store_remove (points, i - 1);
        }
    }
  wm_curve_set_persona (curve, unplaced_persona (self));
  g_list_store_append (wm_document_get_curves (self->document), curve);
  note (self->repair, curve, _("a curve was given to the persona “%s”: its own persona is not defined"),
        self->title);
  for (guint i = 0; i < strays->len; i++)
    place_point (self, curve, g_ptr_array_index (strays, i));
}

static void
place_moment (Placing  *self,
              WmMoment *moment)
{
  const char *id = wm_item_get_id (WM_ITEM (moment));
  g_autofree char *text = excerpt (wm_moment_get_text (moment));

  if (!is_persona (self->repair, wm_moment_get_persona (moment)))
    {
      wm_moment_set_persona (moment, unplaced_persona (self));
      note (self->repair, moment, _("moment “%s” (“%s”) now belongs to the persona “%s”: its own persona is not defined"),
            id, text, self->title);
    }
  if (!is_stage (self->repair, wm_moment_get_stage (moment)))
    {
      wm_moment_set_stage (moment, unplaced_stage (self));
      note (self->repair, moment, _("moment “%s” (“%s”) was put in the stage “%s”: its own stage is not defined"),
            id, text, self->title);
    }
  g_list_store_append (wm_document_get_moments (self->document), moment);
}

static gboolean
has_strays (Repair *self)
{
  return self->cards->len + self->points->len + self->curves->len + self->moments->len > 0;
}

/* @document, a copy of the map shown first, with every item that
 * refers to a missing stage or persona in a stage and a persona called
 * "Unplaced", added at the end. */
static void
place_strays (Repair     *self,
              WmDocument *document)
{
  Placing placing = { self, document, wm_map_label (wm_map_lang_of (document), WM_LABEL_UNPLACED), NULL, NULL };

  place_cards (&placing);
  place_points (&placing);
  for (guint i = 0; i < self->curves->len; i++)
    place_curve (&placing, g_ptr_array_index (self->curves, i));
  for (guint i = 0; i < self->moments->len; i++)
    place_moment (&placing, g_ptr_array_index (self->moments, i));
  g_free (placing.stage);
  g_free (placing.persona);
}

/* The repair step's map, read back as the map shown first was. */
static WmDocument *
place_in_copy (Repair      *self,
               WmDocument  *dropped,
               GError     **error)
{
  g_autoptr(WmDocument) copy = read_back (dropped, self->name, error);
  g_autoptr(WmDocument) check = NULL;

  if (copy == NULL)
    return NULL;
  place_strays (self, copy);
  check = read_back (copy, self->name, error);
  return check != NULL ? g_steal_pointer (&copy) : NULL;
}

WmCommand *
wm_repair_command_new (WmDocument *document,
                       WmDocument *placed)
{
  return wm_edit_replace_content (document, placed, _("Repair Map"));
}

gboolean
wm_repair_error_is_repairable (const GError *error)
{
  return g_error_matches (error, WM_ERROR, WM_ERROR_INVALID) ||
         g_error_matches (error, WM_ERROR, WM_ERROR_REFERENCE);
}

static void
repair_init (Repair     *self,
             WmDocument *document,
             const char *name,
             GPtrArray  *repairs)
{
  self->document = document;
  self->name = name;
  self->repairs = repairs;
  self->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->stages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->personas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cards = g_ptr_array_new_with_free_func (g_object_unref);
  self->card_lanes = g_array_new (FALSE, FALSE, sizeof (guint));
  self->points = g_ptr_array_new_with_free_func (g_object_unref);
  self->point_owners = g_ptr_array_new_with_free_func (g_free);
  self->curves = g_ptr_array_new_with_free_func (g_object_unref);
  self->moments = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
repair_clear (Repair *self)
{
  g_hash_table_unref (self->ids);
  g_hash_table_unref (self->stages);
  g_hash_table_unref (self->personas);
  g_ptr_array_unref (self->cards);
  g_array_unref (self->card_lanes);
  g_ptr_array_unref (self->points);
  g_ptr_array_unref (self->point_owners);
  g_ptr_array_unref (self->curves);
  g_ptr_array_unref (self->moments);
}

/* "NAME:LINE: " of a problem or repair, or NULL. */
static char *
line_prefix (const char *text,
             const char *name)
{
  gsize n = strlen (name);
  const char *digits = text + n + 1;
  gsize count;

  if (strncmp (text, name, n) != 0 || text[n] != ':')
    return NULL;
  count = strspn (digits, "0123456789");
  if (count == 0 || digits[count] != ':')
    return NULL;
  return g_strndup (text, n + 1 + count + 1);
}

static gboolean
has_repair_at (GPtrArray  *repairs,
               const char *prefix)
{
  for (guint i = 0; i < repairs->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (repairs, i), prefix))
      return TRUE;
  return FALSE;
}

/* A value the reader clamped or set to its default is a repair too, named
 * by the problem's own line; a line another repair names already (a span
 * shortened, a point removed) is not listed twice. */
static void
note_values (GPtrArray  *repairs,
             GPtrArray  *problems,
             GArray     *codes,
             guint       first_problem,
             const char *name)
{
  for (guint i = 0; i < codes->len && first_problem + i < problems->len; i++)
    {
      const char *problem = g_ptr_array_index (problems, first_problem + i);
      g_autofree char *prefix = line_prefix (problem, name);

      if (g_array_index (codes, WmErrorCode, i) != WM_ERROR_INVALID ||
          (prefix != NULL && has_repair_at (repairs, prefix)))
        continue;
      g_ptr_array_add (repairs, g_strdup_printf (_("%s — brought into range, or set to its default"), problem));
    }
}

static int
line_of (const char *text,
         const char *name)
{
  g_autofree char *prefix = line_prefix (text, name);

  return prefix != NULL ? atoi (prefix + strlen (name) + 1) : 0;
}

/* The repairs in the order of the file's lines, as the problems are. */
static void
sort_repairs (GPtrArray  *repairs,
              guint       first,
              const char *name)
{
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();
  gboolean sorted = FALSE;

  for (guint i = first; i < repairs->len; i++)
    g_ptr_array_add (mine, g_ptr_array_index (repairs, i));
  /* Insertion sort: stable, and the list is short. */
  while (!sorted)
    {
      sorted = TRUE;
      for (guint i = 1; i < mine->len; i++)
        {
          if (line_of (mine->pdata[i - 1], name) > line_of (mine->pdata[i], name))
            {
              gpointer swap = mine->pdata[i];

              mine->pdata[i] = mine->pdata[i - 1];
              mine->pdata[i - 1] = swap;
              sorted = FALSE;
            }
        }
    }
  for (guint i = 0; i < mine->len; i++)
    repairs->pdata[first + i] = mine->pdata[i];
}

/* The map with what dangles dropped, and in @placed (NULL when nothing
 * dangles) with it in "Unplaced". */
static WmDocument *
repair_tree (xmlDoc      *xdoc,
             const char  *name,
             GPtrArray   *problems,
             GPtrArray   *repairs,
             WmDocument **placed,
             GError     **error)
{
  g_autoptr(GArray) codes = g_array_new (FALSE, FALSE, sizeof (WmErrorCode));
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(WmDocument) dropped = NULL;
  g_autoptr(WmDocument) with_strays = NULL;
  Repair self = { 0 };
  guint first_repair = repairs->len;
  guint first_problem = problems->len;
  gboolean strays;

  document = wm_reader_build_lenient (xdoc, name, problems, codes, error);
  if (document == NULL)
    return NULL;

  repair_init (&self, document, name, repairs);
  mend_document (&self);
  dropped = read_back (document, name, error);
  strays = has_strays (&self);
  if (dropped != NULL && strays)
    with_strays = place_in_copy (&self, dropped, error);
  repair_clear (&self);
  note_values (repairs, problems, codes, first_problem, name);
  sort_repairs (repairs, first_repair, name);

  if (dropped == NULL || (strays && with_strays == NULL))
    return NULL;
  *placed = g_steal_pointer (&with_strays);
  return g_steal_pointer (&dropped);
}

WmDocument *
wm_repair_load_data_split (const char  *data,
                           gsize        length,
                           const char  *name,
                           GPtrArray   *problems,
                           GPtrArray   *repairs,
                           WmDocument **placed,
                           GError     **error)
{
  xmlDoc *xdoc;
  WmDocument *document;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (problems != NULL && repairs != NULL, NULL);
  g_return_val_if_fail (placed != NULL && *placed == NULL, NULL);

  if (name == NULL)
    name = "map";
  if ((xdoc = wm_reader_parse_safe (data != NULL ? data : "", length, name, error)) == NULL)
    return NULL;
  document = repair_tree (xdoc, name, problems, repairs, placed, error);
  xmlFreeDoc (xdoc);
  return document;
}

WmDocument *
wm_repair_load_data (const char  *data,
                     gsize        length,
                     const char  *name,
                     GPtrArray   *problems,
                     GPtrArray   *repairs,
                     GError     **error)
{
  g_autoptr(WmDocument) placed = NULL;
  WmDocument *dropped;

  dropped = wm_repair_load_data_split (data, length, name, problems, repairs, &placed, error);
  if (placed == NULL)
    return dropped;
  g_clear_object (&dropped);
  return g_steal_pointer (&placed);
}

static GBytes *
read_file (GFile   *file,
           char   **name,
           GError **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return wm_reader_read_file (file, name, error);
}

WmDocument *
wm_repair_load_file_split (GFile       *file,
                           GPtrArray   *problems,
                           GPtrArray   *repairs,
                           WmDocument **placed,
                           GError     **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = read_file (file, &name, error);
  const char *data;
  gsize length;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  return wm_repair_load_data_split (data, length, name, problems, repairs, placed, error);
}

WmDocument *
wm_repair_load_file (GFile      *file,
                     GPtrArray  *problems,
                     GPtrArray  *repairs,
                     GError    **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = read_file (file, &name, error);
  const char *data;
  gsize length;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  return wm_repair_load_data (data, length, name, problems, repairs, error);
}
