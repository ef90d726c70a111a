/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The benchmark map already parsed (gen-map.py --digest), for the
 * references, which must not pay for parsing: tab-separated lines, read
 * in one linear pass; the strings point into the file's contents. */

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct
{
  int         lane;
  int         stage;
  const char *touchpoint;  /* "-": none */
  int         key;
  int         severity;
  int         frequency;
  const char *channel;     /* "-": none */
  const char *owner;       /* "-": none */
  const char *text;
} Card;

typedef struct
{
  const char *kind;
  const char *title;
} Lane;

typedef struct
{
  int         stage;
  double      at;
  const char *kind;
  const char *text;
} Moment;

typedef struct
{
  char   *lang;
  int     n_stages;
  int     n_lanes;
  int     emotion_lane;
  GArray *cards;    /* Card */
  double *points;   /* value per stage, NAN: none */
  GArray *lanes;    /* Lane */
  GArray *stages;   /* const char *, the titles */
  GArray *moments;  /* Moment */
} Digest;

static inline gboolean
read_digest (const char *path,
             Digest     *d,
             char      **contents)
{
  char *line, *next;

  if (!g_file_get_contents (path, contents, NULL, NULL))
    return FALSE;
  d->cards = g_array_new (FALSE, FALSE, sizeof (Card));
  d->lanes = g_array_new (FALSE, FALSE, sizeof (Lane));
  d->stages = g_array_new (FALSE, FALSE, sizeof (const char *));
  d->moments = g_array_new (FALSE, FALSE, sizeof (Moment));
  d->emotion_lane = -1;
  for (line = *contents; line != NULL && *line != '\0'; line = next)
    {
      char *f[10] = { NULL };
      int n = 0;

      next = strchr (line, '\n');
      if (next != NULL)
        *next++ = '\0';
      for (char *p = line; p != NULL && n < 10; n++)
        {
          f[n] = p;
          p = strchr (p, '\t');
          if (p != NULL)
            *p++ = '\0';
        }
      if (strcmp (f[0], "map") == 0 && n >= 4)
        {
          d->lang = f[1];
          d->n_stages = atoi (f[2]);
          d->n_lanes = atoi (f[3]);
          d->points = g_new (double, d->n_stages);
          for (int i = 0; i < d->n_stages; i++)
            d->points[i] = NAN;
        }
      else if (strcmp (f[0], "lane") == 0 && n >= 4)
        {
          Lane l = { f[2], f[3] };
          if (strcmp (f[2], "emotion") == 0)
            d->emotion_lane = atoi (f[1]);
          g_array_append_val (d->lanes, l);
        }
      else if (strcmp (f[0], "stage") == 0 && n >= 3)
        g_array_append_val (d->stages, f[2]);
      else if (strcmp (f[0], "card") == 0 && n >= 10)
        {
          Card c = { atoi (f[1]), atoi (f[2]), f[3], atoi (f[4]), atoi (f[5]), atoi (f[6]), f[7], f[8], f[9] };
          g_array_append_val (d->cards, c);
        }
      else if (strcmp (f[0], "moment") == 0 && n >= 5)
        {
          Moment m = { atoi (f[1]), g_ascii_strtod (f[2], NULL), f[3], f[4] };
          g_array_append_val (d->moments, m);
        }
      else if (strcmp (f[0], "point") == 0 && n >= 3 && d->points != NULL)
        {
          int s = atoi (f[1]);
          if (s >= 0 && s < d->n_stages)
            d->points[s] = g_ascii_strtod (f[2], NULL);
        }
    }
  return d->points != NULL;
}

