/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "wm-document.h"

/* Counts notify emissions, for any property or only one. */
typedef struct
{
  guint count;
} NotifyCounter;

static void
notify_cb (GObject       *object,
           GParamSpec    *pspec,
           NotifyCounter *counter)
{
  counter->count++;
}

static gulong
count_notify (gpointer       object,
              const char    *property,
              NotifyCounter *counter)
{
  g_autofree char *signal = g_strdup_printf ("notify::%s", property);

  counter->count = 0;
  return g_signal_connect (object, signal, G_CALLBACK (notify_cb), counter);
}

static void
changed_cb (WmDocument *document,
            guint      *count)
{
  (*count)++;
}

static WmDocument *
build_document (void)
{
  WmDocument *document = wm_document_new ();
  g_autoptr(WmPersona) persona = wm_persona_new ("camper");
  g_autoptr(WmStage) research = wm_stage_new ("research", "Research");
  g_autoptr(WmStage) booking = wm_stage_new ("booking", "Booking");
  g_autoptr(WmMetric) metric = wm_metric_new (WM_METRIC_NPS, 32);
  g_autoptr(WmLane) touch = wm_lane_new ("touch", WM_LANE_TOUCHPOINTS, "Touchpoints");
  g_autoptr(WmLane) pain = wm_lane_new ("pain", WM_LANE_PAINS, NULL);
  g_autoptr(WmLane) feel = wm_lane_new ("feel", WM_LANE_EMOTION, NULL);
  g_autoptr(WmCard) c1 = wm_card_new ("c1", "research", "Reads a guide");
  g_autoptr(WmCard) c2 = wm_card_new ("c2", "booking", "Books a pitch");
  g_autoptr(WmCard) c7 = wm_card_new ("c7", "research", "Traffic jam");
  g_autoptr(WmCurve) curve = wm_curve_new ("camper");
  g_autoptr(WmCurvePoint) p1 = wm_curve_point_new ("research", 1, 0.5);
  g_autoptr(WmCurvePoint) p2 = wm_curve_point_new ("booking", -0.5, 0.25);
  g_autoptr(WmMoment) m1 = wm_moment_new ("m1", WM_MOMENT_AHA, "camper", "booking");

  wm_document_set_title (document, "Weekend camping");
  wm_persona_set_name (persona, "City camper");

  g_list_store_append (wm_document_get_personas (document), persona);
  g_list_store_append (wm_stage_get_metrics (research), metric);
  g_list_store_append (wm_document_get_stages (document), research);
  g_list_store_append (wm_document_get_stages (document), booking);
  g_list_store_append (wm_lane_get_cards (touch), c1);
  g_list_store_append (wm_lane_get_cards (touch), c2);
  g_list_store_append (wm_lane_get_cards (pain), c7);
  g_list_store_append (wm_document_get_lanes (document), touch);
  g_list_store_append (wm_document_get_lanes (document), pain);
  g_list_store_append (wm_document_get_lanes (document), feel);
  g_list_store_append (wm_curve_get_points (curve), p1);
  g_list_store_append (wm_curve_get_points (curve), p2);
  g_list_store_append (wm_document_get_curves (document), curve);
  g_list_store_append (wm_document_get_moments (document), m1);

  return document;
}

static void
test_document_new (void)
{
  g_autoptr(WmDocument) document = wm_document_new ();

  g_assert_nonnull (document);
  g_assert_null (wm_document_get_title (document));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (wm_document_get_personas (document))) == WM_TYPE_PERSONA);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (wm_document_get_stages (document))) == WM_TYPE_STAGE);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (wm_document_get_lanes (document))) == WM_TYPE_LANE);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (wm_document_get_curves (document))) == WM_TYPE_CURVE);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (wm_document_get_moments (document))) == WM_TYPE_MOMENT);
  g_assert_cmpuint (wm_document_count_cards (document), ==, 0);

  wm_document_set_lang (document, "zh-CN");
  g_assert_cmpstr (wm_document_get_lang (document), ==, "zh-CN");
  wm_document_set_scenario (document, "");
  g_assert_null (wm_document_get_scenario (document));

  g_assert_finalize_object (g_steal_pointer (&document));
}

static void
test_document_items (void)
{
  g_autoptr(WmPersona) persona = wm_persona_new ("p");
  g_autoptr(WmMetric) metric = wm_metric_new (WM_METRIC_CES, 4.5);
  g_autoptr(WmStage) stage = wm_stage_new ("s", "Stage");
  g_autoptr(WmCard) card = wm_card_new ("c", "s", "Text");
  g_autoptr(WmLane) lane = wm_lane_new ("l", WM_LANE_NEEDS, "Needs");
  g_autoptr(WmCurvePoint) point = wm_curve_point_new ("s", -2.5, 0.75);
  g_autoptr(WmCurve) curve = wm_curve_new ("p");
  g_autoptr(WmMoment) moment = wm_moment_new ("m", WM_MOMENT_MICRO, "p", "s");

  g_assert_cmpstr (wm_item_get_id (WM_ITEM (persona)), ==, "p");
  g_assert_null (wm_persona_get_goals (persona));
  g_assert_false (wm_persona_get_hidden (persona));

  g_assert_cmpint (wm_metric_get_kind (metric), ==, WM_METRIC_CES);
  g_assert_cmpfloat (wm_metric_get_value (metric), ==, 4.5);

  g_assert_cmpstr (wm_stage_get_title (stage), ==, "Stage");
  g_assert_null (wm_stage_get_goal (stage));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (wm_stage_get_metrics (stage))) == WM_TYPE_METRIC);

  g_assert_cmpstr (wm_card_get_stage (card), ==, "s");
  g_assert_cmpstr (wm_card_get_text (card), ==, "Text");
  g_assert_cmpint (wm_card_get_touchpoint (card), ==, WM_TOUCHPOINT_NONE);
  g_assert_false (wm_card_get_key (card));
  g_assert_cmpuint (wm_card_get_severity (card), ==, 0);
  g_assert_cmpuint (wm_card_get_frequency (card), ==, 0);
  g_assert_cmpuint (wm_card_get_span (card), ==, 1);
  g_assert_null (wm_card_get_channel (card));
  g_assert_null (wm_card_get_owner (card));
  g_assert_null (wm_card_get_color (card));

  g_assert_cmpint (wm_lane_get_kind (lane), ==, WM_LANE_NEEDS);
  g_assert_cmpstr (wm_lane_get_title (lane), ==, "Needs");
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (wm_lane_get_cards (lane))) == WM_TYPE_CARD);

  g_assert_cmpstr (wm_curve_point_get_stage (point), ==, "s");
  g_assert_cmpfloat (wm_curve_point_get_value (point), ==, -2.5);
  g_assert_cmpfloat (wm_curve_point_get_at (point), ==, 0.75);

  g_assert_cmpstr (wm_curve_get_persona (curve), ==, "p");
  g_assert_null (wm_curve_find_point (curve, "s"));
  g_list_store_append (wm_curve_get_points (curve), point);
  g_assert_true (wm_curve_find_point (curve, "s") == point);
  g_assert_null (wm_curve_find_point (curve, "t"));

  g_assert_cmpint (wm_moment_get_kind (moment), ==, WM_MOMENT_MICRO);
  g_assert_cmpstr (wm_moment_get_persona (moment), ==, "p");
  g_assert_cmpstr (wm_moment_get_stage (moment), ==, "s");
  g_assert_cmpfloat (wm_moment_get_at (moment), ==, 0.5);
  g_assert_null (wm_moment_get_text (moment));

  g_assert_finalize_object (g_steal_pointer (&curve));
  g_assert_finalize_object (g_steal_pointer (&point));
  g_assert_finalize_object (g_steal_pointer (&persona));
  g_assert_finalize_object (g_steal_pointer (&metric));
  g_assert_finalize_object (g_steal_pointer (&stage));
  g_assert_finalize_object (g_steal_pointer (&card));
  g_assert_finalize_object (g_steal_pointer (&lane));
  g_assert_finalize_object (g_steal_pointer (&moment));
}

/* Sets @property through a GValue (as the undo system does), reads it back,
 * and checks that notify fired once, and not at all on a repeat. */
static void
check_round_trip (gpointer      object,
                  const char   *property,
                  const GValue *value)
{
  g_auto(GValue) out = G_VALUE_INIT;
  NotifyCounter counter;
  gulong handler;

  handler = count_notify (object, property, &counter);

  g_object_set_property (object, property, value);
  g_assert_cmpuint (counter.count, ==, 1);

  g_value_init (&out, G_VALUE_TYPE (value));
  g_object_get_property (object, property, &out);
  /* Boxed values compare by pointer in g_param_values_cmp(). */
  if (G_VALUE_HOLDS (value, G_TYPE_STRV))
    g_assert_true (g_strv_equal (g_value_get_boxed (value), g_value_get_boxed (&out)));
  else
    g_assert_cmpint (g_param_values_cmp (g_object_class_find_property (G_OBJECT_GET_CLASS (object), property),
                                         value, &out), ==, 0);

  g_object_set_property (object, property, value);
  g_assert_cmpuint (counter.count, ==, 1);

  g_signal_handler_disconnect (object, handler);
}

static void
round_trip_string (gpointer    object,
                   const char *property,
                   const char *str)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, str);
  check_round_trip (object, property, &value);
}

static void
round_trip_double (gpointer    object,
                   const char *property,
                   double      d)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, d);
  check_round_trip (object, property, &value);
}

static void
round_trip_uint (gpointer    object,
                 const char *property,
                 guint       u)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_UINT);
  g_value_set_uint (&value, u);
  check_round_trip (object, property, &value);
}

static void
round_trip_boolean (gpointer    object,
                    const char *property,
                    gboolean    b)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, b);
  check_round_trip (object, property, &value);
}

static void
round_trip_enum (gpointer    object,
                 const char *property,
                 GType       type,
                 int         e)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, type);
  g_value_set_enum (&value, e);
  check_round_trip (object, property, &value);
}

static void
test_document_properties (void)
{
  g_autoptr(WmDocument) document = wm_document_new ();
  g_autoptr(WmPersona) persona = wm_persona_new (NULL);
  g_autoptr(WmMetric) metric = wm_metric_new (WM_METRIC_NPS, 0);
  g_autoptr(WmStage) stage = wm_stage_new (NULL, NULL);
  g_autoptr(WmCard) card = wm_card_new (NULL, NULL, NULL);
  g_autoptr(WmLane) lane = wm_lane_new (NULL, WM_LANE_ACTIONS, NULL);
  g_autoptr(WmCurvePoint) point = wm_curve_point_new (NULL, 0, 0.5);
  g_autoptr(WmCurve) curve = wm_curve_new (NULL);
  g_autoptr(WmMoment) moment = wm_moment_new (NULL, WM_MOMENT_AHA, NULL, NULL);
  const char *goals[] = { "Relax", "Cheap", NULL };
  g_auto(GValue) strv = G_VALUE_INIT;

  round_trip_string (document, "title", "周末露营");
  round_trip_string (document, "scenario", "A rainy weekend");
  round_trip_string (document, "lang", "zh-CN");

  round_trip_string (persona, "id", "camper");
  round_trip_string (persona, "name", "City camper");
  round_trip_string (persona, "color", "#3584e4");
  round_trip_string (persona, "description", "Lives in town");
  round_trip_boolean (persona, "hidden", TRUE);
  g_value_init (&strv, G_TYPE_STRV);
  g_value_set_boxed (&strv, goals);
  check_round_trip (persona, "goals", &strv);
  g_assert_cmpstr (wm_persona_get_goals (persona)[1], ==, "Cheap");

  round_trip_enum (metric, "kind", WM_TYPE_METRIC_KIND, WM_METRIC_CSAT);
  round_trip_double (metric, "value", 42.5);  /* within CSAT's 0..100 */

  round_trip_string (stage, "id", "research");
  round_trip_string (stage, "title", "Research");
  round_trip_string (stage, "goal", "Find a site");

  round_trip_string (card, "id", "c1");
  round_trip_string (card, "stage", "research");
  round_trip_string (card, "text", "看网红攻略");
  round_trip_enum (card, "touchpoint", WM_TYPE_TOUCHPOINT, WM_TOUCHPOINT_FIRST);
  round_trip_boolean (card, "key", TRUE);
  round_trip_string (card, "channel", "小红书");
  round_trip_uint (card, "severity", 5);
  round_trip_uint (card, "frequency", 12);
  round_trip_string (card, "owner", "Ops");
  round_trip_uint (card, "span", 3);
  round_trip_string (card, "color", "#ff0000");

  round_trip_string (lane, "id", "touch");
  round_trip_enum (lane, "kind", WM_TYPE_LANE_KIND, WM_LANE_OPPORTUNITIES);
  round_trip_string (lane, "title", "Opportunities");

  round_trip_string (point, "stage", "research");
  round_trip_double (point, "value", -3);
  round_trip_double (point, "at", 1);

  round_trip_string (curve, "persona", "camper");

  round_trip_string (moment, "id", "m1");
  round_trip_enum (moment, "kind", WM_TYPE_MOMENT_KIND, WM_MOMENT_MICRO);
  round_trip_string (moment, "persona", "camper");
  round_trip_string (moment, "stage", "camp");
  round_trip_double (moment, "at", 0.6);
  round_trip_string (moment, "text", "Out of beer");

  g_assert_finalize_object (g_steal_pointer (&document));
  g_assert_finalize_object (g_steal_pointer (&persona));
  g_assert_finalize_object (g_steal_pointer (&metric));
  g_assert_finalize_object (g_steal_pointer (&stage));
  g_assert_finalize_object (g_steal_pointer (&card));
  g_assert_finalize_object (g_steal_pointer (&lane));
  g_assert_finalize_object (g_steal_pointer (&point));
  g_assert_finalize_object (g_steal_pointer (&curve));
  g_assert_finalize_object (g_steal_pointer (&moment));
}

static void
test_document_notify (void)
{
  g_autoptr(WmCard) card = wm_card_new ("c1", "s1", "Text");
  g_autoptr(WmPersona) persona = wm_persona_new ("p1");
  const char *goals[] = { "A", "B", NULL };
  const char *same_goals[] = { "A", "B", NULL };
  const char *empty[] = { NULL };
  NotifyCounter any;
  gulong handler;

  handler = count_notify (card, "text", &any);
  g_signal_handler_disconnect (card, handler);
  any.count = 0;
  handler = g_signal_connect (card, "notify", G_CALLBACK (notify_cb), &any);

  wm_card_set_text (card, "Text");
  wm_card_set_stage (card, "s1");
  wm_item_set_id (WM_ITEM (card), "c1");
  wm_card_set_span (card, 1);
  wm_card_set_key (card, FALSE);
  wm_card_set_touchpoint (card, WM_TOUCHPOINT_NONE);
  wm_card_set_channel (card, NULL);
  wm_card_set_channel (card, "");
  g_assert_cmpuint (any.count, ==, 0);

  /* Empty text is kept as NULL, and setting it twice notifies once. */
  wm_card_set_text (card, "");
  g_assert_null (wm_card_get_text (card));
  wm_card_set_text (card, NULL);
  g_assert_cmpuint (any.count, ==, 1);

  wm_card_set_key (card, 42);
  wm_card_set_key (card, TRUE);
  g_assert_true (wm_card_get_key (card));
  g_assert_cmpuint (any.count, ==, 2);

  g_object_set (card, "severity", 3, "severity", 3, NULL);
  g_assert_cmpuint (any.count, ==, 3);

  g_signal_handler_disconnect (card, handler);

  any.count = 0;
  handler = g_signal_connect (persona, "notify::goals", G_CALLBACK (notify_cb), &any);
  wm_persona_set_goals (persona, empty);
  g_assert_null (wm_persona_get_goals (persona));
  g_assert_cmpuint (any.count, ==, 0);
  wm_persona_set_goals (persona, goals);
  wm_persona_set_goals (persona, same_goals);
  g_assert_cmpuint (any.count, ==, 1);
  wm_persona_set_goals (persona, NULL);
  g_assert_cmpuint (any.count, ==, 2);
  g_signal_handler_disconnect (persona, handler);

  g_assert_finalize_object (g_steal_pointer (&card));
  g_assert_finalize_object (g_steal_pointer (&persona));
}

static void
check_nicks (GType        type,
             const char **nicks,
             guint        n_nicks)
{
  for (guint i = 0; i < n_nicks; i++)
    {
      int value = -1;

      g_assert_true (wm_enum_from_nick (type, nicks[i], &value));
      g_assert_cmpint (value, ==, (int) i);
      g_assert_cmpstr (wm_enum_to_nick (type, value), ==, nicks[i]);
    }
}

static void
test_document_enums (void)
{
  const char *lanes[] = { "actions", "touchpoints", "thoughts", "emotion",
                          "pains", "needs", "opportunities", "notes" };
  const char *touchpoints[] = { "none", "pre", "first", "core", "missed" };
  const char *moments[] = { "aha", "micro" };
  const char *metrics[] = { "nps", "ces", "csat" };
  int value = 7;

  check_nicks (WM_TYPE_LANE_KIND, lanes, G_N_ELEMENTS (lanes));
  check_nicks (WM_TYPE_TOUCHPOINT, touchpoints, G_N_ELEMENTS (touchpoints));
  check_nicks (WM_TYPE_MOMENT_KIND, moments, G_N_ELEMENTS (moments));
  check_nicks (WM_TYPE_METRIC_KIND, metrics, G_N_ELEMENTS (metrics));

  g_assert_false (wm_enum_from_nick (WM_TYPE_LANE_KIND, "Actions", &value));
  g_assert_false (wm_enum_from_nick (WM_TYPE_LANE_KIND, "", &value));
  g_assert_false (wm_enum_from_nick (WM_TYPE_LANE_KIND, NULL, &value));
  g_assert_cmpint (value, ==, 7);
  g_assert_null (wm_enum_to_nick (WM_TYPE_MOMENT_KIND, 99));

  g_assert_cmpstr (wm_lane_kind_label (WM_LANE_TOUCHPOINTS), ==, "Touchpoints");
  g_assert_cmpstr (wm_touchpoint_label (WM_TOUCHPOINT_PRE), ==, "Pre-touchpoint");
  g_assert_cmpstr (wm_touchpoint_label (WM_TOUCHPOINT_MISSED), ==, "Missed touchpoint");
  g_assert_cmpstr (wm_moment_kind_label (WM_MOMENT_AHA), ==, "Aha-moment");
  g_assert_cmpstr (wm_moment_kind_label (WM_MOMENT_MICRO), ==, "Micro-moment");
  g_assert_cmpstr (wm_metric_kind_label (WM_METRIC_CSAT), ==, "CSAT");
}

static void
test_document_metric_range (void)
{
  double min, max;

  wm_metric_kind_range (WM_METRIC_NPS, &min, &max);
  g_assert_cmpfloat (min, ==, -100);
  g_assert_cmpfloat (max, ==, 100);
  wm_metric_kind_range (WM_METRIC_CES, &min, &max);
  g_assert_cmpfloat (min, ==, 1);
  g_assert_cmpfloat (max, ==, 7);
  wm_metric_kind_range (WM_METRIC_CSAT, &min, &max);
  g_assert_cmpfloat (min, ==, 0);
  g_assert_cmpfloat (max, ==, 100);
}

static void
test_document_find (void)
{
  g_autoptr(WmDocument) document = build_document ();
  WmLane *lane = NULL;
  WmCard *card;

  g_assert_cmpstr (wm_persona_get_name (wm_document_find_persona (document, "camper")), ==, "City camper");
  g_assert_null (wm_document_find_persona (document, "nobody"));
  g_assert_null (wm_document_find_persona (document, NULL));

  g_assert_cmpstr (wm_stage_get_title (wm_document_find_stage (document, "booking")), ==, "Booking");
  g_assert_null (wm_document_find_stage (document, "c1"));
  g_assert_cmpint (wm_document_stage_index (document, "research"), ==, 0);
  g_assert_cmpint (wm_document_stage_index (document, "booking"), ==, 1);
  g_assert_cmpint (wm_document_stage_index (document, "camp"), ==, -1);

  g_assert_cmpint (wm_lane_get_kind (wm_document_find_lane (document, "pain")), ==, WM_LANE_PAINS);
  g_assert_null (wm_document_find_lane (document, "research"));

  g_assert_nonnull (wm_document_find_curve (document, "camper"));
  g_assert_null (wm_document_find_curve (document, "other"));

  g_assert_cmpint (wm_moment_get_kind (wm_document_find_moment (document, "m1")), ==, WM_MOMENT_AHA);
  g_assert_null (wm_document_find_moment (document, "m2"));

  card = wm_document_find_card (document, "c7", &lane);
  g_assert_cmpstr (wm_card_get_text (card), ==, "Traffic jam");
  g_assert_cmpstr (wm_item_get_id (WM_ITEM (lane)), ==, "pain");
  card = wm_document_find_card (document, "c2", NULL);
  g_assert_cmpstr (wm_card_get_stage (card), ==, "booking");
  g_assert_null (wm_document_find_card (document, "c9", &lane));
  g_assert_null (lane);

  g_assert_cmpuint (wm_document_count_cards (document), ==, 3);

  g_assert_finalize_object (g_steal_pointer (&document));
}

static void
test_document_make_id (void)
{
  g_autoptr(WmDocument) document = build_document ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *card_id = NULL;
  g_autofree char *moment_id = NULL;
  g_autofree char *stage_id = NULL;
  WmLane *lane = wm_document_find_lane (document, "touch");

  card_id = wm_document_make_id (document, "c");
  g_assert_cmpstr (card_id, ==, "c3");
  moment_id = wm_document_make_id (document, "m");
  g_assert_cmpstr (moment_id, ==, "m2");
  stage_id = wm_document_make_id (document, "stage");
  g_assert_cmpstr (stage_id, ==, "stage1");

  /* Each fresh id, once used, is never handed out again. */
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *id = wm_document_make_id (document, "c");
      g_autoptr(WmCard) card = wm_card_new (id, "research", NULL);

      g_assert_null (wm_document_find_card (document, id, NULL));
      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, g_strdup (id));
      g_list_store_append (wm_lane_get_cards (lane), card);
    }

  g_assert_cmpuint (wm_document_count_cards (document), ==, 53);

  g_assert_finalize_object (g_steal_pointer (&document));
}

static void
test_document_namespaces (void)
{
  g_autoptr(WmDocument) document = wm_document_new ();
  GPtrArray *namespaces = wm_document_get_namespaces (document);

  g_assert_cmpuint (namespaces->len, ==, 0);
  wm_document_add_namespace (document, "acme", "urn:acme");
  wm_document_add_namespace (document, "x", "urn:x");
  wm_document_add_namespace (document, "acme", "urn:other");
  g_assert_cmpuint (namespaces->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (namespaces, 0), ==, "acme");
  g_assert_cmpstr (g_ptr_array_index (namespaces, 1), ==, "urn:acme");
  g_assert_cmpstr (g_ptr_array_index (namespaces, 3), ==, "urn:x");

  g_assert_finalize_object (g_steal_pointer (&document));
}

static void
test_document_changed (void)
{
  g_autoptr(WmDocument) document = wm_document_new ();
  guint count = 0;

  g_signal_connect (document, "changed", G_CALLBACK (changed_cb), &count);
  wm_document_emit_changed (document);
  wm_document_emit_changed (document);
  g_assert_cmpuint (count, ==, 2);

  g_assert_finalize_object (g_steal_pointer (&document));
}

static void
test_document_finalize (void)
{
  WmDocument *document = build_document ();
  g_autoptr(WmCard) card = NULL;
  WmLane *lane;

  /* A card removed from the document outlives it only through our ref. */
  card = g_object_ref (wm_document_find_card (document, "c1", &lane));
  g_list_store_remove (wm_lane_get_cards (lane), 0);

  g_assert_finalize_object (document);
  g_assert_finalize_object (g_steal_pointer (&card));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/Document/new", test_document_new);
  g_test_add_func ("/Waymark/Document/items", test_document_items);
  g_test_add_func ("/Waymark/Document/properties", test_document_properties);
  g_test_add_func ("/Waymark/Document/notify", test_document_notify);
  g_test_add_func ("/Waymark/Document/enums", test_document_enums);
  g_test_add_func ("/Waymark/Document/metric-range", test_document_metric_range);
  g_test_add_func ("/Waymark/Document/find", test_document_find);
  g_test_add_func ("/Waymark/Document/make-id", test_document_make_id);
  g_test_add_func ("/Waymark/Document/namespaces", test_document_namespaces);
  g_test_add_func ("/Waymark/Document/changed", test_document_changed);
  g_test_add_func ("/Waymark/Document/finalize", test_document_finalize);

  return g_test_run ();
}
