/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-lint.c - which of the eight elements a map lacks or holds too little of
 *
 * Lint is advice, never a gate: `waymark validate --lint` and the app's
 * Check Map panel report it, nothing refuses a map for it. The messages
 * follow the UI locale (it is the user reading them, not the document).
 */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wm-card.h"
#include "wm-curve.h"
#include "wm-curve-point.h"
#include "wm-lane.h"
#include "wm-lint.h"
#include "wm-persona.h"
#include "wm-stage.h"

/* The thresholds under which an element present in a map reads as thin:
 * the one table, documented in the README ("Checking a map"). */
static const struct
{
  guint min_stages;               /* fewer is a moment, not a journey */
  guint max_stages_without_touchpoints;
  guint max_stages_without_behaviour;
  guint min_curve_points_percent; /* of the stages the curve covers */
  guint min_opportunities;
  guint max_opportunities_without_owner;
} thin = { 3, 0, 0, 100, 2, 0 };

static const char *element_labels[WM_LINT_N_ELEMENTS] = {
  N_("Persona"),
  N_("Scenario and goals"),
  N_("Stages"),
  N_("Touchpoints"),
  N_("Behaviour"),
  N_("Emotion"),
  N_("Opportunities"),
  N_("Internal owners"),
};

const char *
wm_lint_element_label (WmLintElement element)
{
  g_return_val_if_fail (element < WM_LINT_N_ELEMENTS, NULL);
  return _(element_labels[element]);
}

const char *
wm_lint_level_label (WmLintLevel level)
{
  switch (level)
    {
    case WM_LINT_OK:
      return _("ok");
    case WM_LINT_THIN:
      return _("thin");
    case WM_LINT_MISSING:
    default:
      return _("missing");
    }
}

void
wm_lint_finding_free (WmLintFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->message);
  g_free (finding);
}

static void
add (GPtrArray     *findings,
     WmLintElement  element,
     WmLintLevel    level,
     char          *message)
{
  WmLintFinding *finding = g_new0 (WmLintFinding, 1);

  finding->element = element;
  finding->level = level;
  finding->message = message;
  g_ptr_array_add (findings, finding);
}

static gboolean
has_text (const char *text)
{
  return text != NULL && text[0] != '\0';
}

static void
lint_persona (WmDocument *document,
              GPtrArray  *findings)
{
  GListModel *personas = G_LIST_MODEL (wm_document_get_personas (document));
  guint n = g_list_model_get_n_items (personas);

  for (guint i = 0; i < n; i++)
    {
      WmPersona *persona = wm_list_peek (G_LIST_STORE (personas), i);
      const char * const *goals = wm_persona_get_goals (persona);

      if (has_text (wm_persona_get_description (persona)) || (goals != NULL && goals[0] != NULL))
        {
          add (findings, WM_LINT_PERSONA, WM_LINT_OK, g_strdup (_("described")));
          return;
        }
    }

  if (n == 0)
    add (findings, WM_LINT_PERSONA, WM_LINT_MISSING, g_strdup (_("the map has no persona")));
  else
    add (findings, WM_LINT_PERSONA, WM_LINT_THIN,
         g_strdup (_("no persona has a description or goals")));
}

static gboolean
has_goals (WmDocument *document)
{
  GListStore *personas = wm_document_get_personas (document);
  GListStore *stages = wm_document_get_stages (document);

  for (guint i = 0; wm_list_peek (personas, i) != NULL; i++)
    {
      const char * const *goals = wm_persona_get_goals (wm_list_peek (personas, i));

      if (goals != NULL && goals[0] != NULL)
        return TRUE;
    }
  for (guint i = 0; wm_list_peek (stages, i) != NULL; i++)
    if (has_text (wm_stage_get_goal (wm_list_peek (stages, i))))
      return TRUE;

  return FALSE;
}

static void
lint_scenario (WmDocument *document,
               GPtrArray  *findings)
{
  gboolean scenario = has_text (wm_document_get_scenario (document));
  gboolean goals = has_goals (document);

  if (scenario && goals)
    add (findings, WM_LINT_SCENARIO, WM_LINT_OK, g_strdup (_("scenario and goals stated")));
  else if (scenario)
    add (findings, WM_LINT_SCENARIO, WM_LINT_THIN, g_strdup (_("no persona or stage states a goal")));
  else if (goals)
    add (findings, WM_LINT_SCENARIO, WM_LINT_THIN, g_strdup (_("the map has no scenario")));
  else
    add (findings, WM_LINT_SCENARIO, WM_LINT_MISSING,
         g_strdup (_("the map has no scenario and no goals")));
}

static void
lint_stages (WmDocument *document,
             GPtrArray  *findings)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (document)));

  if (n == 0)
    add (findings, WM_LINT_STAGES, WM_LINT_MISSING, g_strdup (_("the map has no stages")));
  else if (n < thin.min_stages)
    add (findings, WM_LINT_STAGES, WM_LINT_THIN,
         g_strdup_printf (ngettext ("only %u stage", "only %u stages", n), n));
  else
    add (findings, WM_LINT_STAGES, WM_LINT_OK,
         g_strdup_printf (ngettext ("%u stage", "%u stages", n), n));
}

/* How many stages have no card in a lane of @kind; sets *@any if some
 * such lane holds a card at all. */
static guint
stages_without (WmDocument *document,
                WmLaneKind  kind,
                gboolean   *any)
{
  GListStore *stages = wm_document_get_stages (document);
  GListStore *lanes = wm_document_get_lanes (document);
  g_autoptr(GHashTable) covered = g_hash_table_new (g_str_hash, g_str_equal);
  guint missing = 0;

  *any = FALSE;
  for (guint i = 0; wm_list_peek (lanes, i) != NULL; i++)
    {
      WmLane *lane = wm_list_peek (lanes, i);
      GListStore *cards = wm_lane_get_cards (lane);

      if (wm_lane_get_kind (lane) != kind)
        continue;
      for (guint j = 0; wm_list_peek (cards, j) != NULL; j++)
        {
          const char *stage = wm_card_get_stage (wm_list_peek (cards, j));

          *any = TRUE;
          if (stage != NULL)
            g_hash_table_add (covered, (gpointer) stage);
        }
    }
  for (guint i = 0; wm_list_peek (stages, i) != NULL; i++)
    if (!g_hash_table_contains (covered, wm_item_get_id (wm_list_peek (stages, i))))
      missing++;

  return missing;
}

static void
lint_coverage (WmDocument    *document,
               GPtrArray     *findings,
               WmLintElement  element,
               WmLaneKind     kind,
               guint          allowed,
               const char    *none)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (document)));
  gboolean any;
  guint without = stages_without (document, kind, &any);

  if (!any)
    add (findings, element, WM_LINT_MISSING, g_strdup (none));
  else if (without > allowed)
    add (findings, element, WM_LINT_THIN,
         g_strdup_printf (ngettext ("%u of %u stages has none", "%u of %u stages have none", without),
                          without, n));
  else
    add (findings, element, WM_LINT_OK, g_strdup (_("every stage has some")));
}

static void
lint_emotion (WmDocument *document,
              GPtrArray  *findings)
{
  GListStore *curves = wm_document_get_curves (document);
  guint n_stages = g_list_model_get_n_items (G_LIST_MODEL (wm_document_get_stages (document)));
  guint best = 0;
  gboolean varied = FALSE;

  for (guint i = 0; wm_list_peek (curves, i) != NULL; i++)
    {
      GListStore *points = wm_curve_get_points (wm_list_peek (curves, i));
      guint n = g_list_model_get_n_items (G_LIST_MODEL (points));

      best = MAX (best, n);
      for (guint j = 1; j < n; j++)
        if (wm_curve_point_get_value (wm_list_peek (points, j)) !=
            wm_curve_point_get_value (wm_list_peek (points, 0)))
          varied = TRUE;
    }

  if (best == 0)
    add (findings, WM_LINT_EMOTION, WM_LINT_MISSING, g_strdup (_("no emotion curve has a point")));
  else if (!varied)
    add (findings, WM_LINT_EMOTION, WM_LINT_THIN, g_strdup (_("the emotion curve is flat")));
  else if (best * 100 < n_stages * thin.min_curve_points_percent)
    add (findings, WM_LINT_EMOTION, WM_LINT_THIN,
         g_strdup_printf (_("the curve has %u points for %u stages"), best, n_stages));
  else
    add (findings, WM_LINT_EMOTION, WM_LINT_OK, g_strdup (_("the curve rises and falls")));
}

/* Counts the cards in opportunity lanes and those of them without owner. */
static guint
count_opportunities (WmDocument *document,
                     guint      *without_owner)
{
  GListStore *lanes = wm_document_get_lanes (document);
  guint n = 0;

  *without_owner = 0;
  for (guint i = 0; wm_list_peek (lanes, i) != NULL; i++)
    {
      WmLane *lane = wm_list_peek (lanes, i);
      GListStore *cards = wm_lane_get_cards (lane);

      if (wm_lane_get_kind (lane) != WM_LANE_OPPORTUNITIES)
        continue;
      for (guint j = 0; wm_list_peek (cards, j) != NULL; j++, n++)
        if (!has_text (wm_card_get_owner (wm_list_peek (cards, j))))
          (*without_owner)++;
    }

  return n;
}

static void
lint_opportunities (WmDocument *document,
                    GPtrArray  *findings)
{
  guint without_owner;
  guint n = count_opportunities (document, &without_owner);

  if (n == 0)
    add (findings, WM_LINT_OPPORTUNITIES, WM_LINT_MISSING, g_strdup (_("the map has no opportunity cards")));
  else if (n < thin.min_opportunities)
    add (findings, WM_LINT_OPPORTUNITIES, WM_LINT_THIN,
         g_strdup_printf (ngettext ("only %u opportunity", "only %u opportunities", n), n));
  else
    add (findings, WM_LINT_OPPORTUNITIES, WM_LINT_OK,
         g_strdup_printf (ngettext ("%u opportunity", "%u opportunities", n), n));

  if (n == 0 || without_owner == n)
    add (findings, WM_LINT_OWNERS, WM_LINT_MISSING, g_strdup (_("no opportunity names an owner")));
  else if (without_owner > thin.max_opportunities_without_owner)
    add (findings, WM_LINT_OWNERS, WM_LINT_THIN,
         g_strdup_printf (ngettext ("%u of %u opportunities has no owner",
                                    "%u of %u opportunities have no owner", without_owner),
                          without_owner, n));
  else
    add (findings, WM_LINT_OWNERS, WM_LINT_OK, g_strdup (_("every opportunity has an owner")));
}

GPtrArray *
wm_lint_document (WmDocument *document)
{
  GPtrArray *findings;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  findings = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_lint_finding_free);
  lint_persona (document, findings);
  lint_scenario (document, findings);
  lint_stages (document, findings);
  lint_coverage (document, findings, WM_LINT_TOUCHPOINTS, WM_LANE_TOUCHPOINTS,
                 thin.max_stages_without_touchpoints, _("the map has no touchpoint cards"));
  lint_coverage (document, findings, WM_LINT_BEHAVIOUR, WM_LANE_ACTIONS,
                 thin.max_stages_without_behaviour, _("the map has no action cards"));
  lint_emotion (document, findings);
  lint_opportunities (document, findings);

  return findings;
}
