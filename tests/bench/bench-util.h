#pragma once

/* What the benchmarks share: a clock and the median of a run's times. */

#include <glib.h>

static inline int
bench_compare_doubles (gconstpointer a,
                       gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static inline double
bench_median (GArray *times)
{
  g_array_sort (times, bench_compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

static inline double
bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}
