/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-repair.c - opening a map whose references or values are broken */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/tree.h>

#include "wm-card.h"
#include "wm-curve.h"
#include "wm-curve-point.h"
#include "wm-error.h"
#include "wm-item.h"
#include "wm-lane.h"
#include "wm-moment.h"
#include "wm-reader.h"
#include "wm-reader-guard.h"
#include "wm-repair.h"
#include "wm-writer.h"

typedef struct
{
  WmDocument *document;
  GPtrArray  *repairs;
  GHashTable *ids;      /* every id in use, owned */
  GHashTable *stages;   /* stage id → index + 1 */
  GHashTable *personas; /* persona id → itself */
  guint       next_id;
} Repair;

static void
note (Repair     *self,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
note (Repair     *self,
      const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (self->repairs, g_strdup_vprintf (format, args));
  va_end (args);
}

static char *
fresh_id (Repair *self)
{
  for (;;)
    {
      char *id = g_strdup_printf ("repaired%u", ++self->next_id);

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
          g_autofree char *id = fresh_id (self);

          wm_item_set_id (item, id);
          note (self, _("an item with a missing or duplicate id now has the id “%s”"), id);
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

static const char *
first_stage (Repair *self)
{
  g_autoptr(WmItem) stage = g_list_model_get_item (G_LIST_MODEL (wm_document_get_stages (self->document)), 0);

  return stage != NULL ? wm_item_get_id (stage) : NULL;
}

/* FALSE: the card has to go. */
static gboolean
mend_card (Repair *self,
           WmCard *card)
{
  guint n_stages = g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (self->document)));
  const char *stage = wm_card_get_stage (card);
  guint index;

  if (stage == NULL || !g_hash_table_contains (self->stages, stage))
    {
      if (first_stage (self) == NULL)
        {
          note (self, _("card “%s” was removed: the map has no stage to put it on"),
                wm_item_get_id (WM_ITEM (card)));
          return FALSE;
        }
      wm_card_set_stage (card, first_stage (self));
      note (self, _("card “%s” was moved to the first stage, “%s”"),
            wm_item_get_id (WM_ITEM (card)), first_stage (self));
      stage = first_stage (self);
    }

  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->stages, stage)) - 1;
  if (index + wm_card_get_span (card) > n_stages)
    {
      wm_card_set_span (card, n_stages - index);
      note (self, ngettext ("card “%s” now spans %u stage, up to the last one",
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

      for (guint i = g_list_model_get_n_items (G_LIST_MODEL (cards)); i > 0; i--)
        {
          g_autoptr(WmCard) card = g_list_model_get_item (G_LIST_MODEL (cards), i - 1);

          if (!mend_card (self, card))
            g_list_store_remove (cards, i - 1);
        }
    }
}

static void
mend_curve_points (Repair  *self,
                   WmCurve *curve)
{
  GListStore *points = wm_curve_get_points (curve);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (points)); )
    {
      g_autoptr(WmCurvePoint) point = g_list_model_get_item (G_LIST_MODEL (points), i);
      const char *stage = wm_curve_point_get_stage (point);

      if (stage != NULL && g_hash_table_contains (self->stages, stage) &&
          g_hash_table_add (seen, (gpointer) stage))
        {
          i++;
          continue;
        }
      g_list_store_remove (points, i);
      note (self, _("a point of the curve of “%s” was removed"), wm_curve_get_persona (curve));
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

      if (persona != NULL && g_hash_table_contains (self->personas, persona) &&
          g_hash_table_add (seen, (gpointer) persona))
        {
          mend_curve_points (self, curve);
          i++;
          continue;
        }
      g_list_store_remove (curves, i);
      note (self, _("a curve of a missing persona, or a second curve of one, was removed"));
    }
}

static void
mend_moments (Repair *self)
{
  GListStore *moments = wm_document_get_moments (self->document);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (moments)); )
    {
      g_autoptr(WmMoment) moment = g_list_model_get_item (G_LIST_MODEL (moments), i);
      const char *persona = wm_moment_get_persona (moment);
      const char *stage = wm_moment_get_stage (moment);

      if (persona != NULL && g_hash_table_contains (self->personas, persona) &&
          stage != NULL && g_hash_table_contains (self->stages, stage))
        {
          i++;
          continue;
        }
      note (self, _("moment “%s” was removed: its persona or stage is not defined"),
            wm_item_get_id (WM_ITEM (moment)));
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
      note (self, _("the map was given a title"));
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

/* The repaired map must read back without a problem, or it is not
 * offered: nothing that breaks the rules can reach a window or a save. */
static gboolean
check_repaired (WmDocument  *document,
                const char  *name,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(WmDocument) again = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  text = wm_writer_write (document, &length, &local_error);
  if (text != NULL)
    again = wm_reader_load_data (text, length, name, &local_error);
  if (again != NULL)
    return TRUE;

  g_set_error (error, WM_ERROR, WM_ERROR_INVALID,
               _("%s: the map could not be repaired (%s)"), name, local_error->message);
  return FALSE;
}

gboolean
wm_repair_error_is_repairable (const GError *error)
{
  return g_error_matches (error, WM_ERROR, WM_ERROR_INVALID) ||
         g_error_matches (error, WM_ERROR, WM_ERROR_REFERENCE);
}

static WmDocument *
repair_tree (xmlDoc      *xdoc,
             const char  *name,
             GPtrArray   *problems,
             GPtrArray   *repairs,
             GError     **error)
{
  g_autoptr(GArray) codes = g_array_new (FALSE, FALSE, sizeof (WmErrorCode));
  g_autoptr(WmDocument) document = NULL;
  Repair self = { 0 };
  guint first_repair = repairs->len;
  gboolean values = FALSE;

  document = wm_reader_build_lenient (xdoc, name, problems, codes, error);
  if (document == NULL)
    return NULL;

  self.document = document;
  self.repairs = repairs;
  self.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self.stages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self.personas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  mend_document (&self);
  g_hash_table_unref (self.ids);
  g_hash_table_unref (self.stages);
  g_hash_table_unref (self.personas);

  for (guint i = 0; i < codes->len; i++)
    values |= g_array_index (codes, WmErrorCode, i) == WM_ERROR_INVALID;
  if (values)
    g_ptr_array_insert (repairs, first_repair,
                        g_strdup (_("numbers out of range were brought into it; other values "
                                    "that were not understood were set to their default")));

  if (!check_repaired (document, name, error))
    return NULL;
  return g_steal_pointer (&document);
}

WmDocument *
wm_repair_load_data (const char  *data,
                     gsize        length,
                     const char  *name,
                     GPtrArray   *problems,
                     GPtrArray   *repairs,
                     GError     **error)
{
  xmlDoc *xdoc;
  WmDocument *document;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (problems != NULL && repairs != NULL, NULL);

  if (name == NULL)
    name = "map";
  if ((xdoc = wm_reader_parse_safe (data != NULL ? data : "", length, name, error)) == NULL)
    return NULL;
  document = repair_tree (xdoc, name, problems, repairs, error);
  xmlFreeDoc (xdoc);
  return document;
}

WmDocument *
wm_repair_load_file (GFile      *file,
                     GPtrArray  *problems,
                     GPtrArray  *repairs,
                     GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if ((bytes = wm_reader_read_file (file, &name, error)) == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  return wm_repair_load_data (data, length, name, problems, repairs, error);
}
