/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <gobject/gvaluecollector.h>

#include "wm-edits.h"
#include "wm-group-command.h"
#include "wm-list-insert-command.h"
#include "wm-list-move-command.h"
#include "wm-replace-command.h"
#include "wm-rules.h"
#include "wm-set-property-command.h"
#include "wm-style.h"

static WmGroupCommand *group_new (const char *label);

static const char *
title_label (GObject *object)
{
  if (WM_IS_STAGE (object))
    return _("Rename Stage");
  if (WM_IS_LANE (object))
    return _("Rename Lane");
  if (WM_IS_PERSONA (object))
    return _("Rename Persona");
  return _("Rename Map");
}

static const char *
property_label (GObject    *object,
                const char *property)
{
  static const struct { const char *property; const char *label; } labels[] = {
    { "text", N_("Edit Text") },
    { "scenario", N_("Edit Scenario") },
    { "description", N_("Edit Description") },
    { "goal", N_("Edit Goal") },
    { "goals", N_("Edit Goals") },
    { "touchpoint", N_("Change Touchpoint Kind") },
    { "key", N_("Toggle Key Touchpoint") },
    { "channel", N_("Change Channel") },
    { "severity", N_("Change Severity") },
    { "frequency", N_("Change Frequency") },
    { "owner", N_("Change Owner") },
    { "span", N_("Resize Card") },
    { "color", N_("Change Color") },
    { "hidden", N_("Show or Hide Curve") },
    { "kind", N_("Change Kind") },
    { "stage", N_("Move") },
    { "at", N_("Move") },
  };

  if (g_str_equal (property, "title") || g_str_equal (property, "name"))
    return title_label (object);
  if (g_str_equal (property, "value"))
    return WM_IS_CURVE_POINT (object) ? _("Move Curve Point") : _("Change Metric");

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (property, labels[i].property))
      return _(labels[i].label);

  return _("Change");
}

/* A metric's value must lie in its kind's range: moved first, undoably,
 * so that undo gives the old value back. */
static WmCommand *
set_metric_kind (WmMetric     *metric,
                 const GValue *value)
{
  g_auto(GValue) kind = G_VALUE_INIT;
  WmGroupCommand *group = group_new (_("Change Kind"));
  double min, max;

  g_value_init (&kind, WM_TYPE_METRIC_KIND);
  if (g_value_transform (value, &kind) && (guint) g_value_get_enum (&kind) <= WM_METRIC_CSAT)
    {
      double old = wm_metric_get_value (metric);

      wm_metric_kind_range (g_value_get_enum (&kind), &min, &max);
      if (CLAMP (old, min, max) != old)
        wm_group_command_add (group, wm_edit_set (metric, "value", CLAMP (old, min, max)));
    }
  wm_group_command_add (group, wm_set_property_command_new (G_OBJECT (metric), "kind", value, NULL));

  return WM_COMMAND (group);
}

WmCommand *
wm_edit_set_value (gpointer      object,
                   const char   *property,
                   const GValue *value,
                   const char   *merge_key)
{
  WmCommand *command;

  g_return_val_if_fail (G_IS_OBJECT (object), NULL);

  if (WM_IS_METRIC (object) && g_str_equal (property, "kind"))
    return set_metric_kind (object, value);

  command = wm_set_property_command_new (object, property, value, merge_key);
  wm_command_set_label (command, property_label (object, property));
  return command;
}

static WmCommand *
edit_set_valist (gpointer    object,
                 const char *merge_key,
                 const char *property,
                 va_list     args)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *error = NULL;
  GParamSpec *pspec;

  g_return_val_if_fail (G_IS_OBJECT (object), NULL);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  g_return_val_if_fail (pspec != NULL, NULL);

  G_VALUE_COLLECT_INIT (&value, pspec->value_type, args, 0, &error);
  if (error != NULL)
    {
      g_critical ("%s: %s", G_STRFUNC, error);
      return NULL;
    }

  return wm_edit_set_value (object, property, &value, merge_key);
}

WmCommand *
wm_edit_set (gpointer    object,
             const char *property,
             ...)
{
  WmCommand *command;
  va_list args;

  va_start (args, property);
  command = edit_set_valist (object, NULL, property, args);
  va_end (args);

  return command;
}

WmCommand *
wm_edit_set_merging (gpointer    object,
                     const char *merge_key,
                     const char *property,
                     ...)
{
  WmCommand *command;
  va_list args;

  va_start (args, property);
  command = edit_set_valist (object, merge_key, property, args);
  va_end (args);

  return command;
}

static WmGroupCommand *
group_new (const char *label)
{
  return WM_GROUP_COMMAND (wm_group_command_new (label));
}

static WmCommand *
labelled (WmCommand  *command,
          const char *label)
{
  wm_command_set_label (command, label);
  return command;
}

/* Document-level rules: what the reader checks across the map. */

static guint
n_stages (WmDocument *document)
{
  return g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (document)));
}

/* @span cut so that a card starting at stage @index ends at the last
 * stage at most (the reader refuses a span past it). */
static guint
clamp_span (guint span,
            int   index,
            guint n)
{
  if (index < 0 || (guint) index >= n)
    return 1;

  return CLAMP (span, 1, n - (guint) index);
}

static gboolean
has_stage (WmDocument *document,
           const char *stage)
{
  return stage != NULL && wm_document_find_stage (document, stage) != NULL;
}

static gboolean
has_persona (WmDocument *document,
             const char *persona)
{
  return persona != NULL && wm_document_find_persona (document, persona) != NULL;
}

static gboolean
id_in_use (WmDocument *document,
           const char *id)
{
  return wm_document_find_stage (document, id) != NULL ||
         wm_document_find_persona (document, id) != NULL ||
         wm_document_find_lane (document, id) != NULL ||
         wm_document_find_card (document, id, NULL) != NULL ||
         wm_document_find_moment (document, id) != NULL;
}

/* A double as the reader reads it: NaN (which no file can hold) becomes
 * @fallback, anything else is clamped to [@min, @max]. */
static double
clamp_number (double value,
              double min,
              double max,
              double fallback)
{
  return isnan (value) ? fallback : CLAMP (value, min, max);
}

static WmCommand *
set_card_span (WmDocument *document,
               WmCard     *card,
               const char *merge_key,
               guint       span)
{
  int index = wm_document_stage_index (document, wm_card_get_stage (card));

  return wm_edit_set_merging (card, merge_key, "span", clamp_span (span, index, n_stages (document)));
}

/* A card moved to @stage: its span shortened if it would now run past
 * the last stage. */
static void
add_span_fit (WmDocument     *document,
              WmGroupCommand *group,
              WmCard         *card,
              const char     *stage)
{
  int index = wm_document_stage_index (document, stage);
  guint span = wm_card_get_span (card);
  guint fit = clamp_span (span, index, n_stages (document));

  if (fit != span)
    wm_group_command_add (group, wm_edit_set (card, "span", fit));
}

static gboolean
reference_is_valid (WmDocument *document,
                    GObject    *object,
                    const char *property,
                    const char *value)
{
  if (g_str_equal (property, "id"))
    return wm_rules_id_is_valid (value) && !id_in_use (document, value);
  if (g_str_equal (property, "stage") && (WM_IS_CARD (object) || WM_IS_MOMENT (object) ||
                                          WM_IS_CURVE_POINT (object)))
    return has_stage (document, value);
  if (g_str_equal (property, "persona") && (WM_IS_MOMENT (object) || WM_IS_CURVE (object)))
    return WM_IS_MOMENT (object) && has_persona (document, value);

  return TRUE;
}

WmCommand *
wm_edit_set_checked (WmDocument   *document,
                     gpointer      object,
                     const char   *property,
                     const GValue *value,
                     const char   *merge_key)
{
  g_auto(GValue) text = G_VALUE_INIT;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (G_IS_OBJECT (object), NULL);

  g_value_init (&text, G_TYPE_STRING);
  if (G_VALUE_HOLDS_STRING (value) && g_value_transform (value, &text) &&
      !reference_is_valid (document, object, property, g_value_get_string (&text)))
    return NULL;

  if (WM_IS_CARD (object) && g_str_equal (property, "span"))
    {
      g_auto(GValue) span = G_VALUE_INIT;

      g_value_init (&span, G_TYPE_UINT);
      if (!g_value_transform (value, &span))
        return NULL;
      return set_card_span (document, object, merge_key, g_value_get_uint (&span));
    }

  if (WM_IS_CARD (object) && g_str_equal (property, "stage"))
    {
      WmGroupCommand *group = group_new (_("Move"));

      wm_group_command_add (group, wm_edit_set_value (object, property, value, merge_key));
      add_span_fit (document, group, object, g_value_get_string (&text));
      return WM_COMMAND (group);
    }

  return wm_edit_set_value (object, property, value, merge_key);
}

/* Stages */

WmCommand *
wm_edit_add_stage (WmDocument *document,
                   guint       position,
                   const char *title)
{
  g_autofree char *id = wm_document_make_id (document, "stage");
  g_autoptr(WmStage) stage = wm_stage_new (id, title);
  GListModel *curves = G_LIST_MODEL (wm_document_get_curves (document));
  WmGroupCommand *group = group_new (_("Add Stage"));

  wm_group_command_add (group, wm_list_insert_command_new (wm_document_get_stages (document), position, stage));

  /* A point per stage per persona, so the curve can be dragged there at once. */
  for (guint i = 0; i < g_list_model_get_n_items (curves); i++)
    {
      g_autoptr(WmCurve) curve = g_list_model_get_item (curves, i);
      g_autoptr(WmCurvePoint) point = wm_curve_point_new (id, 0.0, 0.5);
      GListStore *points = wm_curve_get_points (curve);

      wm_group_command_add (group, wm_list_insert_command_new (points, G_MAXUINT, point));
    }

  return WM_COMMAND (group);
}

static gboolean
card_covers_stage (WmDocument *document,
                   WmCard     *card,
                   int         stage_index)
{
  int first = wm_document_stage_index (document, wm_card_get_stage (card));

  return first >= 0 && first < stage_index && first + (int) wm_card_get_span (card) > stage_index;
}

static void
remove_stage_cards (WmDocument     *document,
                    WmGroupCommand *group,
                    const char     *id)
{
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (document));
  int index = wm_document_stage_index (document, id);

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(WmLane) lane = g_list_model_get_item (lanes, i);
      GListModel *cards = G_LIST_MODEL (wm_lane_get_cards (lane));

      for (guint j = 0; j < g_list_model_get_n_items (cards); j++)
        {
          g_autoptr(WmCard) card = g_list_model_get_item (cards, j);

          if (g_strcmp0 (wm_card_get_stage (card), id) == 0)
            wm_group_command_add (group, wm_list_remove_command_new (G_LIST_STORE (cards), card));
          else if (card_covers_stage (document, card, index))
            wm_group_command_add (group, wm_edit_set (card, "span", wm_card_get_span (card) - 1));
        }
    }
}

static void
remove_stage_points_and_moments (WmDocument     *document,
                                 WmGroupCommand *group,
                                 const char     *id)
{
  GListModel *curves = G_LIST_MODEL (wm_document_get_curves (document));
  GListModel *moments = G_LIST_MODEL (wm_document_get_moments (document));

  for (guint i = 0; i < g_list_model_get_n_items (curves); i++)
    {
      g_autoptr(WmCurve) curve = g_list_model_get_item (curves, i);
      WmCurvePoint *point = wm_curve_find_point (curve, id);

      if (point != NULL)
        wm_group_command_add (group, wm_list_remove_command_new (wm_curve_get_points (curve), point));
    }

  for (guint i = 0; i < g_list_model_get_n_items (moments); i++)
    {
      g_autoptr(WmMoment) moment = g_list_model_get_item (moments, i);

      if (g_strcmp0 (wm_moment_get_stage (moment), id) == 0)
        wm_group_command_add (group, wm_list_remove_command_new (G_LIST_STORE (moments), moment));
    }
}

WmCommand *
wm_edit_remove_stage (WmDocument *document,
                      WmStage    *stage)
{
  const char *id = wm_item_get_id (WM_ITEM (stage));
  WmGroupCommand *group = group_new (_("Delete Stage"));

  remove_stage_cards (document, group, id);
  remove_stage_points_and_moments (document, group, id);
  wm_group_command_add (group, wm_list_remove_command_new (wm_document_get_stages (document), stage));

  return WM_COMMAND (group);
}

/* Ids for several new items of one edit: none of them is in the map
 * yet, so wm_document_make_id() would hand out the same one twice. */
static char *
next_free_id (WmDocument *document,
              const char *prefix,
              guint      *counter)
{
  for (;;)
    {
      char *id = g_strdup_printf ("%s%u", prefix, ++*counter);

      if (!id_in_use (document, id))
        return id;
      g_free (id);
    }
}

/* Cards running over the gap before stage @position take the new stage
 * in, so each still covers every stage it did. */
static void
grow_spans_over (WmDocument     *document,
                 WmGroupCommand *group,
                 guint           position)
{
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (document));

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(WmLane) lane = g_list_model_get_item (lanes, i);
      GListModel *cards = G_LIST_MODEL (wm_lane_get_cards (lane));

      for (guint j = 0; j < g_list_model_get_n_items (cards); j++)
        {
          g_autoptr(WmCard) card = g_list_model_get_item (cards, j);

          if (card_covers_stage (document, card, (int) position))
            wm_group_command_add (group, wm_edit_set (card, "span", wm_card_get_span (card) + 1));
        }
    }
}

WmCommand *
wm_edit_insert_stage (WmDocument *document,
                      guint       position,
                      const char *title)
{
  WmCommand *add;
  WmGroupCommand *group;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  position = MIN (position, n_stages (document));
  add = wm_edit_add_stage (document, position, title);
  group = group_new (wm_command_get_label (add));
  wm_group_command_add (group, add);
  grow_spans_over (document, group, position);
  return WM_COMMAND (group);
}

static void
duplicate_stage_cards (WmDocument     *document,
                       WmGroupCommand *group,
                       const char     *from,
                       const char     *to)
{
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (document));
  guint counter = 0;

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(WmLane) lane = g_list_model_get_item (lanes, i);
      GListModel *cards = G_LIST_MODEL (wm_lane_get_cards (lane));
      guint n = g_list_model_get_n_items (cards);

      for (guint j = 0; j < n; j++)
        {
          g_autoptr(WmCard) card = g_list_model_get_item (cards, j);
          g_autofree char *id = NULL;
          g_autoptr(WmCard) copy = NULL;

          if (g_strcmp0 (wm_card_get_stage (card), from) != 0)
            continue;
          id = next_free_id (document, "card", &counter);
          copy = wm_card_duplicate (card, id);
          wm_card_set_stage (copy, to);
          wm_group_command_add (group, wm_list_insert_command_new (G_LIST_STORE (cards), G_MAXUINT, copy));
        }
    }
}

static void
duplicate_stage_points_and_moments (WmDocument     *document,
                                    WmGroupCommand *group,
                                    const char     *from,
                                    const char     *to)
{
  GListModel *curves = G_LIST_MODEL (wm_document_get_curves (document));
  GListModel *moments = G_LIST_MODEL (wm_document_get_moments (document));
  guint n = g_list_model_get_n_items (moments);
  guint counter = 0;

  for (guint i = 0; i < g_list_model_get_n_items (curves); i++)
    {
      g_autoptr(WmCurve) curve = g_list_model_get_item (curves, i);
      WmCurvePoint *point = wm_curve_find_point (curve, from);
      g_autoptr(WmCurvePoint) copy = NULL;

      if (point == NULL)
        continue;
      copy = wm_curve_point_new (to, wm_curve_point_get_value (point), wm_curve_point_get_at (point));
      wm_group_command_add (group, wm_list_insert_command_new (wm_curve_get_points (curve), G_MAXUINT, copy));
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmMoment) moment = g_list_model_get_item (moments, i);
      g_autofree char *id = NULL;
      g_autoptr(WmMoment) copy = NULL;

      if (g_strcmp0 (wm_moment_get_stage (moment), from) != 0)
        continue;
      id = next_free_id (document, "moment", &counter);
      copy = wm_moment_new (id, wm_moment_get_kind (moment), wm_moment_get_persona (moment), to);
      wm_moment_set_at (copy, wm_moment_get_at (moment));
      wm_moment_set_text (copy, wm_moment_get_text (moment));
      wm_group_command_add (group, wm_list_insert_command_new (wm_document_get_moments (document), G_MAXUINT, copy));
    }
}

static WmStage *
copy_stage (WmStage    *stage,
            const char *id)
{
  WmStage *copy = wm_stage_new (id, wm_stage_get_title (stage));
  GListModel *metrics = G_LIST_MODEL (wm_stage_get_metrics (stage));

  wm_stage_set_goal (copy, wm_stage_get_goal (stage));
  for (guint i = 0; i < g_list_model_get_n_items (metrics); i++)
    {
      g_autoptr(WmMetric) metric = g_list_model_get_item (metrics, i);
      g_autoptr(WmMetric) twin = wm_metric_new (wm_metric_get_kind (metric), wm_metric_get_value (metric));

      g_list_store_append (wm_stage_get_metrics (copy), twin);
    }
  return copy;
}

WmCommand *
wm_edit_duplicate_stage (WmDocument *document,
                         WmStage    *stage,
                         WmStage   **out_stage)
{
  const char *from = wm_item_get_id (WM_ITEM (stage));
  int index = wm_document_stage_index (document, from);
  g_autofree char *id = NULL;
  g_autoptr(WmStage) copy = NULL;
  WmGroupCommand *group;

  if (out_stage != NULL)
    *out_stage = NULL;
  if (index < 0 || wm_document_find_stage (document, from) != stage)
    return NULL;

  id = wm_document_make_id (document, "stage");
  copy = copy_stage (stage, id);
  group = group_new (_("Duplicate Stage"));
  grow_spans_over (document, group, (guint) index + 1);
  wm_group_command_add (group, wm_list_insert_command_new (wm_document_get_stages (document),
                                                           (guint) index + 1, copy));
  duplicate_stage_cards (document, group, from, id);
  duplicate_stage_points_and_moments (document, group, from, id);
  if (out_stage != NULL)
    *out_stage = copy;
  return WM_COMMAND (group);
}

/* Where stage @index is after the stage at @from moved to @to. */
static int
moved_index (int   index,
             guint from,
             guint to)
{
  if (index < 0)
    return index;
  if ((guint) index == from)
    return to;
  if (from < to && (guint) index > from && (guint) index <= to)
    return index - 1;
  if (to < from && (guint) index >= to && (guint) index < from)
    return index + 1;
  return index;
}

/* Where each stage of @n sits after the stage at @from moved to @to. */
static int *
moved_order (guint n,
             guint from,
             guint to)
{
  int *order = g_new (int, n);

  for (guint i = 0; i < n; i++)
    order[i] = moved_index ((int) i, from, to);
  return order;
}

/* A card keeps the stages it covered. When a move tears them apart (a
 * covered stage moved away, or another moved in between), it keeps the
 * unbroken run that holds its own stage: a subset, never another pair. */
static void
fit_card_after_move (WmGroupCommand *group,
                     WmDocument     *document,
                     WmCard         *card,
                     const int      *order,
                     guint           n)
{
  int first = wm_document_stage_index (document, wm_card_get_stage (card));
  guint span = wm_card_get_span (card);
  g_autofree gboolean *covered = NULL;
  int anchor, lo, hi;

  if (first < 0)
    return;
  covered = g_new0 (gboolean, n);
  for (guint k = 0; k < span && (guint) first + k < n; k++)
    covered[order[first + k]] = TRUE;
  anchor = order[first];
  for (lo = anchor; lo > 0 && covered[lo - 1]; lo--)
    ;
  for (hi = anchor; (guint) hi + 1 < n && covered[hi + 1]; hi++)
    ;
  if (lo != anchor)
    for (guint k = 0; k < n; k++)
      if (order[k] == lo)
        {
          g_autoptr(WmStage) stage = g_list_model_get_item (G_LIST_MODEL (wm_document_get_stages (document)), k);

          wm_group_command_add (group, wm_edit_set (card, "stage", wm_item_get_id (WM_ITEM (stage))));
        }
  if ((guint) (hi - lo + 1) != span)
    wm_group_command_add (group, wm_edit_set (card, "span", (guint) (hi - lo + 1)));
}

static void
fit_spans_after_move (WmDocument     *document,
                      WmGroupCommand *group,
                      guint           from,
                      guint           to)
{
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (document));
  guint n = n_stages (document);
  g_autofree int *order = moved_order (n, from, to);

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(WmLane) lane = g_list_model_get_item (lanes, i);
      GListModel *cards = G_LIST_MODEL (wm_lane_get_cards (lane));

      for (guint j = 0; j < g_list_model_get_n_items (cards); j++)
        {
          g_autoptr(WmCard) card = g_list_model_get_item (cards, j);

          fit_card_after_move (group, document, card, order, n);
        }
    }
}

WmCommand *
wm_edit_move_stage (WmDocument *document,
                    guint       from,
                    guint       to)
{
  guint n = n_stages (document);
  WmGroupCommand *group;

  if (from >= n || to >= n)
    return NULL;

  group = group_new (_("Move Stage"));
  wm_group_command_add (group, wm_list_move_command_new (wm_document_get_stages (document), from, to));
  fit_spans_after_move (document, group, from, to);

  return WM_COMMAND (group);
}

/* Lanes */

WmCommand *
wm_edit_add_lane (WmDocument *document,
                  guint       position,
                  WmLaneKind  kind,
                  const char *title)
{
  g_autofree char *id = wm_document_make_id (document, "lane");
  g_autoptr(WmLane) lane = wm_lane_new (id, (guint) kind <= WM_LANE_NOTES ? kind : WM_LANE_NOTES, title);

  return labelled (wm_list_insert_command_new (wm_document_get_lanes (document), position, lane),
                   _("Add Lane"));
}

WmCommand *
wm_edit_remove_lane (WmDocument *document,
                     WmLane     *lane)
{
  /* The lane keeps its cards while it sits in the undo stack. */
  return labelled (wm_list_remove_command_new (wm_document_get_lanes (document), lane),
                   _("Delete Lane"));
}

WmCommand *
wm_edit_move_lane (WmDocument *document,
                   guint       from,
                   guint       to)
{
  return labelled (wm_list_move_command_new (wm_document_get_lanes (document), from, to),
                   _("Move Lane"));
}

/* Cards */

WmCommand *
wm_edit_add_card (WmDocument  *document,
                  WmLane      *lane,
                  const char  *stage,
                  const char  *text,
                  WmCard     **out_card)
{
  g_autofree char *id = NULL;
  g_autoptr(WmCard) card = NULL;

  if (out_card != NULL)
    *out_card = NULL;
  if (!has_stage (document, stage))
    return NULL;

  id = wm_document_make_id (document, "card");
  card = wm_card_new (id, stage, text);
  if (out_card != NULL)
    *out_card = card;

  return labelled (wm_list_insert_command_new (wm_lane_get_cards (lane), G_MAXUINT, card),
                   _("Add Card"));
}

WmCommand *
wm_edit_insert_card (WmDocument *document,
                     WmLane     *lane,
                     const char *stage,
                     guint       position,
                     WmCard     *card)
{
  const char *id = wm_item_get_id (WM_ITEM (card));

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (WM_IS_CARD (card), NULL);

  if (!has_stage (document, stage) || wm_document_find_lane (document, wm_item_get_id (WM_ITEM (lane))) != lane)
    return NULL;

  /* The card is not in the map yet: fitting it needs no undo. */
  if (!wm_rules_id_is_valid (id) || id_in_use (document, id))
    {
      g_autofree char *fresh = wm_document_make_id (document, "card");

      wm_item_set_id (WM_ITEM (card), fresh);
    }
  wm_card_set_stage (card, stage);
  wm_card_set_span (card, clamp_span (wm_card_get_span (card),
                                      wm_document_stage_index (document, stage),
                                      n_stages (document)));

  return labelled (wm_list_insert_command_new (wm_lane_get_cards (lane), position, card),
                   _("Paste Card"));
}

WmCommand *
wm_edit_insert_cards (WmDocument *document,
                      WmLane     *lane,
                      const char *stage,
                      guint       position,
                      GPtrArray  *cards)
{
  WmGroupCommand *group;
  guint counter = 0;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (cards != NULL, NULL);

  if (cards->len == 0 || !has_stage (document, stage) ||
      wm_document_find_lane (document, wm_item_get_id (WM_ITEM (lane))) != lane)
    return NULL;
  if (cards->len == 1)
    return wm_edit_insert_card (document, lane, stage, position, g_ptr_array_index (cards, 0));

  group = group_new (_("Paste Cards"));
  for (guint i = 0; i < cards->len; i++)
    {
      WmCard *card = g_ptr_array_index (cards, i);
      g_autofree char *id = next_free_id (document, "card", &counter);

      /* None is in the map yet: each needs an id the others do not take. */
      wm_item_set_id (WM_ITEM (card), id);
      wm_group_command_add (group, wm_edit_insert_card (document, lane, stage,
                                                        position == G_MAXUINT ? G_MAXUINT : position + i,
                                                        card));
    }
  return WM_COMMAND (group);
}

WmCommand *
wm_edit_remove_card (WmDocument *document,
                     WmCard     *card)
{
  WmLane *lane = NULL;

  if (wm_document_find_card (document, wm_item_get_id (WM_ITEM (card)), &lane) != card)
    g_return_val_if_reached (NULL);

  return labelled (wm_list_remove_command_new (wm_lane_get_cards (lane), card),
                   _("Delete Card"));
}

WmCommand *
wm_edit_move_card (WmDocument *document,
                   WmCard     *card,
                   WmLane     *lane,
                   const char *stage,
                   int         position)
{
  WmLane *from_lane = NULL;
  WmGroupCommand *group;

  if (wm_document_find_card (document, wm_item_get_id (WM_ITEM (card)), &from_lane) != card)
    g_return_val_if_reached (NULL);
  if (!has_stage (document, stage) || wm_document_find_lane (document, wm_item_get_id (WM_ITEM (lane))) != lane)
    return NULL;

  group = group_new (_("Move Card"));
  wm_group_command_add (group, wm_list_remove_command_new (wm_lane_get_cards (from_lane), card));
  if (g_strcmp0 (stage, wm_card_get_stage (card)) != 0)
    wm_group_command_add (group, wm_edit_set (card, "stage", stage));
  add_span_fit (document, group, card, stage);
  wm_group_command_add (group, wm_list_insert_command_new (wm_lane_get_cards (lane),
                                                           position < 0 ? G_MAXUINT : (guint) position,
                                                           card));
  return WM_COMMAND (group);
}

WmCommand *
wm_edit_duplicate_card (WmDocument  *document,
                        WmCard      *card,
                        WmCard     **out_card)
{
  g_autofree char *id = wm_document_make_id (document, "card");
  g_autoptr(WmCard) copy = wm_card_duplicate (card, id);
  WmLane *lane = NULL;
  guint position = G_MAXUINT;

  if (wm_document_find_card (document, wm_item_get_id (WM_ITEM (card)), &lane) != card)
    g_return_val_if_reached (NULL);

  g_list_store_find (wm_lane_get_cards (lane), card, &position);
  if (out_card != NULL)
    *out_card = copy;

  return labelled (wm_list_insert_command_new (wm_lane_get_cards (lane), position + 1, copy),
                   _("Duplicate Card"));
}

/* Personas and curves */

/* The first palette colour no persona wears, so a persona keeps its
 * colour when another is removed (the renderer colours a persona without
 * one by its place in the list). Colourless personas count by the
 * colour they are drawn in. */
static char *
unused_persona_color (WmDocument *document)
{
  GListModel *personas = G_LIST_MODEL (wm_document_get_personas (document));
  guint n = g_list_model_get_n_items (personas);
  guint n_colors = wm_style_n_persona_colors ();

  for (guint c = 0; c < n_colors + 1; c++)
    {
      g_autofree char *spec = wm_style_persona_color_spec (c < n_colors ? c : n);
      gboolean used = FALSE;

      for (guint i = 0; i < n && !used; i++)
        {
          g_autoptr(WmPersona) persona = g_list_model_get_item (personas, i);
          g_autofree char *worn = wm_persona_get_color (persona) != NULL
                                  ? g_ascii_strdown (wm_persona_get_color (persona), -1)
                                  : wm_style_persona_color_spec (i);

          used = g_str_equal (worn, spec);
        }
      if (!used || c == n_colors)
        return g_steal_pointer (&spec);
    }
  g_return_val_if_reached (NULL);
}

WmCommand *
wm_edit_add_persona (WmDocument *document,
                     const char *name,
                     const char *color)
{
  g_autofree char *id = wm_document_make_id (document, "persona");
  g_autoptr(WmPersona) persona = wm_persona_new (id);
  g_autoptr(WmCurve) curve = wm_curve_new (id);
  g_autofree char *free_color = NULL;
  GListModel *stages = G_LIST_MODEL (wm_document_get_stages (document));
  WmGroupCommand *group = group_new (_("Add Persona"));

  wm_persona_set_name (persona, name);
  if (color == NULL)
    color = free_color = unused_persona_color (document);
  wm_persona_set_color (persona, color);

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(WmStage) stage = g_list_model_get_item (stages, i);
      g_autoptr(WmCurvePoint) point = wm_curve_point_new (wm_item_get_id (WM_ITEM (stage)), 0.0, 0.5);

      g_list_store_append (wm_curve_get_points (curve), point);
    }

  wm_group_command_add (group, wm_list_insert_command_new (wm_document_get_personas (document), G_MAXUINT, persona));
  wm_group_command_add (group, wm_list_insert_command_new (wm_document_get_curves (document), G_MAXUINT, curve));

  return WM_COMMAND (group);
}

WmCommand *
wm_edit_remove_persona (WmDocument *document,
                        WmPersona  *persona)
{
  const char *id = wm_item_get_id (WM_ITEM (persona));
  GListModel *moments = G_LIST_MODEL (wm_document_get_moments (document));
  WmCurve *curve = wm_document_find_curve (document, id);
  WmGroupCommand *group = group_new (_("Delete Persona"));

  for (guint i = 0; i < g_list_model_get_n_items (moments); i++)
    {
      g_autoptr(WmMoment) moment = g_list_model_get_item (moments, i);

      if (g_strcmp0 (wm_moment_get_persona (moment), id) == 0)
        wm_group_command_add (group, wm_list_remove_command_new (G_LIST_STORE (moments), moment));
    }

  if (curve != NULL)
    wm_group_command_add (group, wm_list_remove_command_new (wm_document_get_curves (document), curve));
  wm_group_command_add (group, wm_list_remove_command_new (wm_document_get_personas (document), persona));

  return WM_COMMAND (group);
}

WmCommand *
wm_edit_set_point (WmDocument *document,
                   const char *persona,
                   const char *stage,
                   double      value)
{
  WmCurve *curve = wm_document_find_curve (document, persona);
  g_autoptr(WmCurvePoint) point = NULL;
  WmGroupCommand *group;

  if (!has_persona (document, persona) || !has_stage (document, stage))
    return NULL;
  value = clamp_number (value, WM_CURVE_MIN, WM_CURVE_MAX, 0.0);

  if (curve != NULL && wm_curve_find_point (curve, stage) != NULL)
    return wm_edit_set_merging (wm_curve_find_point (curve, stage), "drag", "value", value);

  group = group_new (_("Move Curve Point"));
  point = wm_curve_point_new (stage, value, 0.5);

  if (curve == NULL)
    {
      g_autoptr(WmCurve) new_curve = wm_curve_new (persona);

      g_list_store_append (wm_curve_get_points (new_curve), point);
      wm_group_command_add (group, wm_list_insert_command_new (wm_document_get_curves (document), G_MAXUINT, new_curve));
    }
  else
    {
      wm_group_command_add (group, wm_list_insert_command_new (wm_curve_get_points (curve), G_MAXUINT, point));
    }

  return WM_COMMAND (group);
}

WmCommand *
wm_edit_remove_point (WmDocument *document,
                      const char *persona,
                      const char *stage)
{
  WmCurve *curve = wm_document_find_curve (document, persona);
  WmCurvePoint *point = curve != NULL ? wm_curve_find_point (curve, stage) : NULL;

  if (point == NULL)
    return NULL;
  return labelled (wm_list_remove_command_new (wm_curve_get_points (curve), point),
                   _("Delete Curve Point"));
}

/* Moments */

WmCommand *
wm_edit_add_moment (WmDocument   *document,
                    WmMomentKind  kind,
                    const char   *persona,
                    const char   *stage,
                    double        at,
                    const char   *text)
{
  g_autofree char *id = NULL;
  g_autoptr(WmMoment) moment = NULL;

  if (!has_persona (document, persona) || !has_stage (document, stage))
    return NULL;

  id = wm_document_make_id (document, "moment");
  moment = wm_moment_new (id, (guint) kind <= WM_MOMENT_MICRO ? kind : WM_MOMENT_AHA, persona, stage);
  wm_moment_set_at (moment, clamp_number (at, 0.0, 1.0, 0.5));
  wm_moment_set_text (moment, text);

  return labelled (wm_list_insert_command_new (wm_document_get_moments (document), G_MAXUINT, moment),
                   kind == WM_MOMENT_AHA ? _("Add Aha-Moment") : _("Add Micro-Moment"));
}

WmCommand *
wm_edit_remove_moment (WmDocument *document,
                       WmMoment   *moment)
{
  return labelled (wm_list_remove_command_new (wm_document_get_moments (document), moment),
                   _("Delete Moment"));
}

WmCommand *
wm_edit_move_moment (WmDocument *document,
                     WmMoment   *moment,
                     const char *stage,
                     double      at)
{
  WmGroupCommand *group;

  if (!has_stage (document, stage))
    return NULL;

  group = group_new (_("Move Moment"));
  if (g_strcmp0 (stage, wm_moment_get_stage (moment)) != 0)
    wm_group_command_add (group, wm_edit_set (moment, "stage", stage));
  wm_group_command_add (group, wm_edit_set (moment, "at", clamp_number (at, 0.0, 1.0, 0.5)));

  return WM_COMMAND (group);
}

/* Metrics */

WmCommand *
wm_edit_add_metric (WmStage      *stage,
                    WmMetricKind  kind,
                    double        value)
{
  /* wm_metric_new() clamps the value to the kind's range. */
  g_autoptr(WmMetric) metric = wm_metric_new ((guint) kind <= WM_METRIC_CSAT ? kind : WM_METRIC_NPS,
                                              isnan (value) ? 0.0 : value);

  return labelled (wm_list_insert_command_new (wm_stage_get_metrics (stage), G_MAXUINT, metric),
                   _("Add Metric"));
}

WmCommand *
wm_edit_remove_metric (WmStage  *stage,
                       WmMetric *metric)
{
  return labelled (wm_list_remove_command_new (wm_stage_get_metrics (stage), metric),
                   _("Delete Metric"));
}

WmCommand *
wm_edit_replace_content (WmDocument *document,
                         WmDocument *content,
                         const char *label)
{
  WmCommand *command;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (WM_IS_DOCUMENT (content), NULL);

  command = wm_replace_command_new (document, content);
  wm_command_set_label (command, label != NULL ? label : _("Replace Map"));
  return command;
}
