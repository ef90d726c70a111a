/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-mermaid-build.c - a parsed journey diagram as a map: sections are
 * stages, tasks cards of an actions lane, actors personas with a curve */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wm-document.h"
#include "wm-mermaid.h"
#include "wm-mermaid-private.h"

#define EVERYONE_ID "everyone"

static void
keep (WmItem     *item,
      const char *name,
      const char *value)
{
  wm_foreign_add_attr (wm_item_get_foreign (item), "mmd", name, value);
}

static gboolean
has_actor (const Task *task)
{
  for (guint i = 0; task->people != NULL && i < task->people->len; i++)
    if (((char *) g_ptr_array_index (task->people, i))[0] != '\0')
      return TRUE;
  return FALSE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Mermaid's legend lists the actors sorted; the personas follow it, and
 * "Everyone" (the tasks without one) comes last. */
static GPtrArray *
actor_names (GPtrArray *tasks,
             gboolean  *everyone)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *names = g_ptr_array_new ();

  *everyone = FALSE;
  for (guint i = 0; i < tasks->len; i++)
    {
      Task *task = g_ptr_array_index (tasks, i);

      *everyone |= !has_actor (task);
      for (guint j = 0; task->people != NULL && j < task->people->len; j++)
        {
          char *name = g_ptr_array_index (task->people, j);

          if (name[0] != '\0' && g_hash_table_add (seen, name))
            g_ptr_array_add (names, name);
        }
    }
  g_ptr_array_sort (names, compare_names);
  return names;
}

static gboolean
task_has (const Task *task,
          const char *actor)
{
  if (actor == NULL)
    return !has_actor (task);
  for (guint i = 0; task->people != NULL && i < task->people->len; i++)
    if (g_str_equal (g_ptr_array_index (task->people, i), actor))
      return TRUE;
  return FALSE;
}

/* One point per stage where @actor (NULL: Everyone) has a scored task:
 * the mean score, each clamped to 1–5, as −3..+3. */
static WmCurve *
curve_for (const char *persona,
           const char *actor,
           GPtrArray  *sections,
           GPtrArray  *tasks)
{
  WmCurve *curve = wm_curve_new (persona);

  for (guint s = 0; s < sections->len; s++)
    {
      g_autofree char *stage = g_strdup_printf ("s%u", s + 1);
      double sum = 0;
      guint n = 0;

      for (guint i = 0; i < tasks->len; i++)
        {
          Task *task = g_ptr_array_index (tasks, i);

          if (task->section != s || isnan (task->score) || !task_has (task, actor))
            continue;
          sum += CLAMP (task->score, 1, 5);
          n++;
        }
      if (n > 0)
        {
          g_autoptr(WmCurvePoint) point =
            wm_curve_point_new (stage, round ((sum / n - 3) * 1.5 * 100) / 100, 0.5);

          g_list_store_append (wm_curve_get_points (curve), point);
        }
    }
  return curve;
}

static void
add_persona (WmDocument *document,
             const char *id,
             const char *name,
             const char *actor,
             GPtrArray  *sections,
             GPtrArray  *tasks)
{
  g_autoptr(WmPersona) persona = wm_persona_new (id);
  g_autoptr(WmCurve) curve = curve_for (id, actor, sections, tasks);

  wm_persona_set_name (persona, name);
  g_list_store_append (wm_document_get_personas (document), persona);
  g_list_store_append (wm_document_get_curves (document), curve);
}

static void
add_stages (WmDocument *document,
            GPtrArray  *sections)
{
  for (guint i = 0; i < sections->len; i++)
    {
      Section *section = g_ptr_array_index (sections, i);
      g_autofree char *id = g_strdup_printf ("s%u", i + 1);
      g_autoptr(WmStage) stage = wm_stage_new (id, section->name[0] != '\0' ? section->name : NULL);

      if (section->implicit)
        keep (WM_ITEM (stage), "implicit", "true");
      g_list_store_append (wm_document_get_stages (document), stage);
    }
}

/* The actors as the writer writes them, so that an export gives the
 * list back as it was, empty names included. */
static char *
kept_actors (const Task *task)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < task->people->len; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      _wm_mermaid_escape (out, g_ptr_array_index (task->people, i), TRUE, FALSE);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
add_cards (WmDocument *document,
           GPtrArray  *tasks)
{
  g_autoptr(WmLane) actions = wm_lane_new ("actions", WM_LANE_ACTIONS, NULL);
  g_autoptr(WmLane) emotion = wm_lane_new ("emotion", WM_LANE_EMOTION, NULL);

  for (guint i = 0; i < tasks->len; i++)
    {
      Task *task = g_ptr_array_index (tasks, i);
      g_autofree char *id = g_strdup_printf ("c%u", i + 1);
      g_autofree char *stage = g_strdup_printf ("s%u", task->section + 1);
      g_autoptr(WmCard) card = wm_card_new (id, stage, task->name);

      if (!isnan (task->score))
        {
          g_autofree char *score = _wm_mermaid_format_score (task->score);

          keep (WM_ITEM (card), "score", score);
        }
      if (task->people != NULL)
        {
          g_autofree char *actors = kept_actors (task);

          keep (WM_ITEM (card), "actors", actors);
        }
      g_list_store_append (wm_lane_get_cards (actions), card);
    }
  g_list_store_append (wm_document_get_lanes (document), actions);
  g_list_store_append (wm_document_get_lanes (document), emotion);
}

WmDocument *
_wm_mermaid_build (const char *title,
                   const char *acc_title,
                   const char *acc_descr,
                   GPtrArray  *sections,
                   GPtrArray  *tasks)
{
  WmDocument *document = wm_document_new ();
  gboolean everyone;
  g_autoptr(GPtrArray) actors = actor_names (tasks, &everyone);

  wm_document_add_namespace (document, "mmd", WM_MERMAID_NAMESPACE);
  wm_document_set_title (document, title);
  if (acc_descr != NULL && acc_descr[0] != '\0')
    wm_document_set_scenario (document, acc_descr);
  if (acc_title != NULL && acc_title[0] != '\0')
    keep (WM_ITEM (document), "acc-title", acc_title);

  for (guint i = 0; i < actors->len; i++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", i + 1);

      add_persona (document, id, g_ptr_array_index (actors, i), g_ptr_array_index (actors, i),
                   sections, tasks);
    }
  if (everyone)
    add_persona (document, EVERYONE_ID, _("Everyone"), NULL, sections, tasks);

  add_stages (document, sections);
  add_cards (document, tasks);
  return document;
}
