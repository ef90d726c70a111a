/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-cli-jobs.c - `-j N`: a command's files shared among N copies of
 * waymark, whose output is printed in the files' order
 *
 * Copies of the program rather than threads: fontconfig, Pango's font maps
 * and libxml2's error handlers are per process, and a map that crashes
 * its job takes no other file's output with it.
 */

#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "wm-cli.h"
#include "wm-cli-private.h"

typedef struct
{
  GSubprocess *process;
  GBytes      *out;
  GBytes      *err;
  GError      *error;
  gboolean     done;
} Job;

static void
job_clear (Job *job)
{
  g_clear_object (&job->process);
  g_clear_pointer (&job->out, g_bytes_unref);
  g_clear_pointer (&job->err, g_bytes_unref);
  g_clear_error (&job->error);
}

static void
communicated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Job *job = user_data;

  g_subprocess_communicate_finish (G_SUBPROCESS (source), result, &job->out, &job->err, &job->error);
  job->done = TRUE;
}

/* Where the files of job @j of @n_jobs begin: contiguous runs of about
 * equal size in bytes, so that the output keeps the files' order and one
 * big map does not leave the other jobs idle for long. */
static void
split_by_size (char  **files,
               guint   n_files,
               guint   n_jobs,
               guint  *starts)
{
  g_autofree guint64 *sizes = g_new0 (guint64, n_files);
  guint64 total = 0, sum = 0;
  guint j = 1;

  for (guint i = 0; i < n_files; i++)
    {
      GStatBuf st;

      /* Parsing costs more than its bytes for tiny files. */
      sizes[i] = 4096 + (g_stat (files[i], &st) == 0 ? (guint64) st.st_size : 0);
      total += sizes[i];
    }

  starts[0] = 0;
  for (guint i = 0; i < n_files && j < n_jobs; i++)
    {
      sum += sizes[i];
      while (j < n_jobs && sum * n_jobs >= total * j)
        starts[j++] = i + 1;
    }
  while (j <= n_jobs)
    starts[j++] = n_files;
}

static GSubprocess *
spawn_job (const char          *exe,
           const char          *command,
           const char * const  *options,
           char               **files,
           guint                first,
           guint                last,
           GError             **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) exe);
  g_ptr_array_add (argv, (gpointer) command);
  for (guint i = 0; options != NULL && options[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) options[i]);
  g_ptr_array_add (argv, (gpointer) "-j");
  g_ptr_array_add (argv, (gpointer) "1");
  g_ptr_array_add (argv, (gpointer) "--");
  for (guint i = first; i < last; i++)
    g_ptr_array_add (argv, files[i]);
  g_ptr_array_add (argv, NULL);

  return g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            error);
}

static void
print_bytes (FILE   *stream,
             GBytes *bytes)
{
  gsize length = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &length) : NULL;

  if (length > 0)
    fwrite (data, 1, length, stream);
  fflush (stream);
}

/* The job's exit status, its output printed. */
static int
finish_job (const char *command,
            Job        *job)
{
  print_bytes (stdout, job->out);
  print_bytes (stderr, job->err);

  if (job->error == NULL && g_subprocess_get_if_exited (job->process))
    return g_subprocess_get_exit_status (job->process);

  g_printerr (_("waymark %s: a job stopped before it finished its files: %s\n"), command,
              job->error != NULL ? job->error->message : g_strsignal (g_subprocess_get_term_sig (job->process)));
  return WM_CLI_EXIT_BAD_INPUT;
}

int
_wm_cli_run_jobs (const char         *command,
                  const char * const *options,
                  char              **files,
                  guint               n_files,
                  guint               n_jobs)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree guint *starts = NULL;
  g_autofree Job *jobs = NULL;
  int status = WM_CLI_EXIT_OK;

  n_jobs = MIN (n_jobs, n_files);
  if (exe == NULL || n_jobs < 2)
    return -1;

  starts = g_new0 (guint, n_jobs + 1);
  jobs = g_new0 (Job, n_jobs);
  split_by_size (files, n_files, n_jobs, starts);

  for (guint j = 0; j < n_jobs; j++)
    {
      if (starts[j] == starts[j + 1])
        {
          jobs[j].done = TRUE;
          continue;
        }
      jobs[j].process = spawn_job (exe, command, options, files, starts[j], starts[j + 1], &jobs[j].error);
      if (jobs[j].process == NULL)
        jobs[j].done = TRUE;
      else
        g_subprocess_communicate_async (jobs[j].process, NULL, NULL, communicated_cb, &jobs[j]);
    }

  for (guint j = 0; j < n_jobs; j++)
    {
      while (!jobs[j].done)
        g_main_context_iteration (NULL, TRUE);
      if (jobs[j].process != NULL || jobs[j].error != NULL)
        {
          int job_status = finish_job (command, &jobs[j]);

          status = MAX (status, job_status);
        }
      job_clear (&jobs[j]);
    }

  return status;
}
