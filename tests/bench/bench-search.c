/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Times Find over a map: building the folded index, a keystroke in the
 * search field, and a keystroke right after an edit of one card.
 *
 *   bench-search MAP.waymark [RUNS]
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "bench-util.h"
#include "wm-edits.h"
#include "wm-history.h"
#include "wm-reader.h"
#include "wm-search.h"

static const char *queries[] = { "p", "pa", "par", "park", "parki", "parkin", "parking" };

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(WmHistory) history = NULL;
  g_autoptr(GArray) t_build = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_key = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_edit = g_array_new (FALSE, FALSE, sizeof (double));
  WmCard *card;
  guint hits = 0;
  int runs;

  setlocale (LC_ALL, "");
  if (argc < 2)
    {
      g_printerr ("usage: bench-search MAP.waymark [RUNS]\n");
      return 2;
    }
  runs = argc > 2 ? MAX (1, atoi (argv[2])) : 7;
  file = g_file_new_for_commandline_arg (argv[1]);
  document = wm_reader_load_file (file, &error);
  if (document == NULL)
    g_error ("%s", error->message);
  history = wm_history_new (document);
  card = wm_document_find_card (document, "c100", NULL);

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(WmSearch) search = wm_search_new (document);
      double start = bench_now_ms ();

      wm_search_set_query (search, "x");
      g_array_append_val (t_build, (double) { bench_now_ms () - start });

      for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
        {
          start = bench_now_ms ();
          wm_search_set_query (search, queries[q]);
          g_array_append_val (t_key, (double) { bench_now_ms () - start });
        }
      hits = wm_search_get_n_hits (search);

      /* An edit while the search bar is open: the hits follow it. */
      start = bench_now_ms ();
      wm_history_push (history, wm_edit_set (card, "text", i % 2 ? "parking again" : "no match"));
      g_array_append_val (t_edit, (double) { bench_now_ms () - start });
    }

  g_print ("cards %u, %u hits for “parking”, median of %d runs\n",
           wm_document_count_cards (document), hits, runs);
  bench_print_reference ();
  bench_budget ("find: first query (index)", bench_median (t_build), 500);
  bench_budget ("find: keystroke", bench_median (t_key), 50);
  bench_budget ("find: edit while searching", bench_median (t_edit), 50);
  return 0;
}
