/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-roundtrip.c - what the writer writes, the reader reads: random
 * documents built through the model API from hostile values either are
 * refused by the writer (with an error naming the item) or save to bytes
 * the reader loads back into the same document, which writes the same
 * bytes again. Seeded: WAYMARK_ROUNDTRIP_SEED repeats a run. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "wm-error.h"
#include "wm-reader.h"
#include "wm-rules.h"
#include "wm-writer.h"

#define ITERATIONS   300
#define DEFAULT_SEED 20261203

static const char * const hostile[] = {
  "plain", "", "  spaces  ", "周末露营", "\xEF\xB7\x90 U+FDD0", "U+1FFFE \xF0\x9F\xBF\xBE",
  "U+10FFFF \xF4\x8F\xBF\xBF", "lone \xED\xA0\x80 surrogate", "cut \xE5\x91", "\x01\x02\x1F controls",
  "<b>markup</b> & &amp; &#13;", "quotes \" ' \"/>", "]]> and <![CDATA[", "cr\rlf\r\ncr\n",
  "tab\tnew\nline", "\xFF\xFE bytes", "nul-free \x7F del",
};

static const char * const colors[] = {
  NULL, "#3584e4", "#FFFFFF", "red", "red\"/><x", "#12345g", "#1234567", "",
};

/* Mostly good: a document with one bad value is refused whole. */
static const char *
random_color (GRand *rand)
{
  if (g_rand_int_range (rand, 0, 8) != 0)
    return colors[g_rand_int_range (rand, 0, 3)];

  return colors[g_rand_int_range (rand, 0, G_N_ELEMENTS (colors))];
}

static char *
random_text (GRand *rand)
{
  GString *out = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 1, 4);

  /* Now and then a value at or past the longest a map holds. */
  if (g_rand_int_range (rand, 0, 60) == 0)
    {
      gsize size = WM_MAX_TEXT_BYTES - 2 + g_rand_int_range (rand, 0, 5);

      g_string_set_size (out, size);
      memset (out->str, 'w', size);
    }
  for (guint i = 0; i < n; i++)
    g_string_append (out, hostile[g_rand_int_range (rand, 0, G_N_ELEMENTS (hostile))]);

  return g_string_free (out, FALSE);
}

static double
random_number (GRand  *rand,
               double  min,
               double  max)
{
  switch (g_rand_int_range (rand, 0, 60))
    {
    case 0: return NAN;
    case 1: return INFINITY;
    case 2: return min - 1.0;
    case 3: return max + 0.5;
    default: return g_rand_double_range (rand, min, max);
    }
}

static void
add_stages (WmDocument *document,
            GRand      *rand,
            guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      g_autofree char *title = random_text (rand);
      g_autoptr(WmStage) stage = wm_stage_new (id, title);
      g_autoptr(WmMetric) metric = wm_metric_new (WM_METRIC_CES, 4);

      /* The setters take what the properties' ranges would not. */
      wm_metric_set_value (metric, random_number (rand, 1, 7));

      if (g_rand_boolean (rand))
        g_list_store_append (wm_stage_get_metrics (stage), metric);
      g_list_store_append (wm_document_get_stages (document), stage);
    }
}

static void
add_cards (WmDocument *document,
           GRand      *rand,
           guint       n_stages)
{
  g_autoptr(WmLane) lane = wm_lane_new ("l", WM_LANE_PAINS, NULL);
  g_autofree char *title = random_text (rand);
  guint n = g_rand_int_range (rand, 0, 6);

  wm_lane_set_title (lane, title);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      g_autofree char *stage = g_strdup_printf ("s%u", g_rand_int_range (rand, 0, n_stages));
      g_autofree char *text = random_text (rand);
      g_autofree char *channel = random_text (rand);
      g_autoptr(WmCard) card = wm_card_new (id, stage, text);

      wm_card_set_channel (card, channel);
      wm_card_set_color (card, random_color (rand));
      wm_card_set_span (card, g_rand_int_range (rand, 1, 3));
      wm_card_set_severity (card, g_rand_int_range (rand, 0, WM_SEVERITY_MAX + 1));
      g_list_store_append (wm_lane_get_cards (lane), card);
    }
  g_list_store_append (wm_document_get_lanes (document), lane);
}

static void
add_persona (WmDocument *document,
             GRand      *rand,
             guint       n_stages)
{
  g_autoptr(WmPersona) persona = wm_persona_new ("p");
  g_autoptr(WmCurve) curve = wm_curve_new ("p");
  g_autoptr(WmMoment) moment = wm_moment_new ("m", WM_MOMENT_AHA, "p", "s0");
  g_autofree char *name = random_text (rand);
  g_autofree char *goal = random_text (rand);
  g_autofree char *text = random_text (rand);
  const char *goals[] = { goal, NULL };

  wm_persona_set_name (persona, name);
  wm_persona_set_goals (persona, goals);
  wm_persona_set_color (persona, random_color (rand));
  g_list_store_append (wm_document_get_personas (document), persona);

  for (guint i = 0; i < n_stages; i++)
    {
      g_autofree char *stage = g_strdup_printf ("s%u", i);
      g_autoptr(WmCurvePoint) point = wm_curve_point_new (stage, 0, 0.5);

      wm_curve_point_set_value (point, random_number (rand, -3, 3));
      wm_curve_point_set_at (point, random_number (rand, 0, 1));

      g_list_store_append (wm_curve_get_points (curve), point);
    }
  g_list_store_append (wm_document_get_curves (document), curve);

  wm_moment_set_text (moment, text);
  wm_moment_set_at (moment, random_number (rand, 0, 1));
  g_list_store_append (wm_document_get_moments (document), moment);
}

static WmDocument *
random_document (GRand *rand)
{
  WmDocument *document = wm_document_new ();
  g_autofree char *title = random_text (rand);
  g_autofree char *scenario = random_text (rand);
  guint n_stages = g_rand_int_range (rand, 1, 4);

  wm_document_set_title (document, title);
  wm_document_set_scenario (document, scenario);
  add_stages (document, rand, n_stages);
  add_cards (document, rand, n_stages);
  add_persona (document, rand, n_stages);

  return document;
}

static void
show_difference (const char *first,
                 gsize       length,
                 const char *second,
                 gsize       second_length)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *ea = NULL;
  g_autofree char *eb = NULL;
  gsize at = 0;

  while (at < MIN (length, second_length) && first[at] == second[at])
    at++;
  a = g_strndup (first + MAX (at, 20) - 20, 60);
  b = g_strndup (second + MAX (at, 20) - 20, 60);
  ea = g_strescape (a, NULL);
  eb = g_strescape (b, NULL);
  g_test_message ("written again, the bytes differ at %" G_GSIZE_FORMAT ": “%s” then “%s”", at, ea, eb);
}

static void
test_random_documents (void)
{
  const char *env = g_getenv ("WAYMARK_ROUNDTRIP_SEED");
  guint32 seed = env != NULL ? (guint32) g_ascii_strtoull (env, NULL, 10) : DEFAULT_SEED;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint written = 0;

  g_test_message ("seed %u (set WAYMARK_ROUNDTRIP_SEED to repeat)", seed);

  for (guint i = 0; i < ITERATIONS; i++)
    {
      g_autoptr(WmDocument) document = random_document (rand);
      g_autoptr(WmDocument) loaded = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;
      gsize length = 0;
      gsize second_length = 0;

      first = wm_writer_write (document, &length, &error);
      if (first == NULL)
        {
          /* Refused: it must say which item. */
          g_assert_error (error, WM_ERROR, WM_ERROR_INVALID);
          if (strchr (error->message, ':') == NULL)
            g_error ("seed %u, document %u: refused without naming the item: %s", seed, i, error->message);
          continue;
        }

      written++;
      loaded = wm_reader_load_data (first, length, "roundtrip.waymark", &error);
      if (loaded == NULL)
        g_error ("seed %u, document %u: the writer wrote what the reader refuses: %s", seed, i, error->message);

      second = wm_writer_write (loaded, &second_length, &error);
      if (second == NULL)
        g_error ("seed %u, document %u: the reloaded document cannot be written: %s", seed, i, error->message);
      if (second_length != length || memcmp (first, second, length) != 0)
        show_difference (first, length, second, second_length);
      if (second_length != length || memcmp (first, second, length) != 0)
        g_error ("seed %u, document %u: written again, the bytes differ", seed, i);
    }

  g_test_message ("%u of %u documents written and read back the same", written, ITERATIONS);
  g_assert_cmpuint (written, >, ITERATIONS / 20);
  g_assert_cmpuint (written, <, ITERATIONS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/RoundTrip/random-documents", test_random_documents);

  return g_test_run ();
}
