/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include <adwaita.h>

#include "wm-clipboard.h"
#include "wm-edits.h"
#include "wm-error.h"
#include "wm-import-merge.h"
#include "wm-mermaid.h"
#include "wm-paste.h"
#include "wm-window.h"

#define CHUNK_SIZE (64 * 1024)

void
wm_paste_copy_card (GtkWidget *widget,
                    WmCard    *card)
{
  char *json = wm_clipboard_serialize_card (card);
  g_autoptr(GBytes) bytes = g_bytes_new_take (json, strlen (json));
  const char *text = wm_card_get_text (card) != NULL ? wm_card_get_text (card) : "";
  g_autoptr(GdkContentProvider) provider = NULL;
  GdkContentProvider *providers[2];

  providers[0] = gdk_content_provider_new_for_bytes (WM_CLIPBOARD_MIME_TYPE, bytes);
  providers[1] = gdk_content_provider_new_typed (G_TYPE_STRING, text);
  provider = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
  gdk_clipboard_set_content (gtk_widget_get_clipboard (widget), provider);
}

void
wm_paste_copy_stage (GtkWidget  *widget,
                     WmDocument *document,
                     WmStage    *stage)
{
  char *text = wm_clipboard_stage_text (document, stage);
  g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));
  g_autoptr(GdkContentProvider) provider = NULL;
  GdkContentProvider *providers[2];

  /* Spreadsheets read tab-separated text. */
  providers[0] = gdk_content_provider_new_for_bytes ("text/tab-separated-values", bytes);
  providers[1] = gdk_content_provider_new_typed (G_TYPE_STRING, text);
  provider = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
  gdk_clipboard_set_content (gtk_widget_get_clipboard (widget), provider);
}

/* Reading: chunks until the end or one byte past the limit. */

typedef struct
{
  GInputStream *stream;
  GByteArray   *data;
  gboolean      more;
  WmDocument   *mermaid;  /* the text was a Mermaid journey */
} Read;

static void
read_free (gpointer data)
{
  Read *read = data;

  g_clear_object (&read->stream);
  g_clear_pointer (&read->data, g_byte_array_unref);
  g_clear_object (&read->mermaid);
  g_free (read);
}

static void read_chunk (GTask *task);

/* Text that says it is a Mermaid journey: "journey" first, or a
 * Markdown ```mermaid block, or front matter or a directive before it. */
static gboolean
looks_like_mermaid (const char *data,
                    gsize       length,
                    gboolean   *sure)
{
  gsize i = 0;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  *sure = length - i >= 7 && strncmp (data + i, "journey", 7) == 0;
  return *sure ||
         (length - i >= 3 && (strncmp (data + i, "---", 3) == 0 || strncmp (data + i, "%%", 2) == 0)) ||
         g_strstr_len (data, length, "```mermaid") != NULL;
}

/* A Mermaid journey on the clipboard is a map to merge: NULL cards and
 * no error for the cards' readers, the map for wm_paste_take_mermaid(). */
static gboolean
finish_mermaid (GTask *task)
{
  Read *read = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean sure = FALSE;

  if (read->more || !looks_like_mermaid ((const char *) read->data->data, read->data->len, &sure))
    return FALSE;
  read->mermaid = wm_mermaid_read ((const char *) read->data->data, read->data->len,
                                   _("Pasted diagram"), WM_MERMAID_AUTO, NULL, NULL, &error);
  if (read->mermaid != NULL)
    g_task_return_pointer (task, NULL, NULL);
  else if (sure)
    g_task_return_error (task, g_steal_pointer (&error));
  return read->mermaid != NULL || sure;
}

static void
finish (GTask *task)
{
  Read *read = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GPtrArray *cards;

  g_input_stream_close (read->stream, NULL, NULL);
  if (finish_mermaid (task))
    return;
  cards = wm_clipboard_parse_cards ((const char *) read->data->data, read->data->len,
                                    read->more, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, cards, (GDestroyNotify) g_ptr_array_unref);
}

static void
chunk_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Read *read = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  gsize size;
  const guint8 *chunk;

  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  chunk = g_bytes_get_data (bytes, &size);
  if (size == 0)
    {
      finish (task);
      return;
    }

  g_byte_array_append (read->data, chunk, size);
  if (read->data->len > WM_CLIPBOARD_MAX_BYTES)
    {
      /* Enough to know it is too much: the rest is never read. */
      g_byte_array_set_size (read->data, WM_CLIPBOARD_MAX_BYTES);
      read->more = TRUE;
      finish (task);
      return;
    }

  read_chunk (g_steal_pointer (&task));
}

static void
read_chunk (GTask *task)
{
  Read *read = g_task_get_task_data (task);
  gsize want = MIN (CHUNK_SIZE, WM_CLIPBOARD_MAX_BYTES + 1 - read->data->len);

  g_input_stream_read_bytes_async (read->stream, want, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), chunk_cb, task);
}

static void
stream_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Read *read = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  read->stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, &error);
  if (read->stream == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  read_chunk (g_steal_pointer (&task));
}

void
wm_paste_read_card_async (GtkWidget           *widget,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  static const char *mime_types[] = {
    WM_CLIPBOARD_MIME_TYPE, "text/plain;charset=utf-8", "text/plain", NULL
  };
  GTask *task = g_task_new (widget, cancellable, callback, user_data);
  Read *read = g_new0 (Read, 1);

  read->data = g_byte_array_new ();
  g_task_set_task_data (task, read, read_free);
  g_task_set_source_tag (task, wm_paste_read_card_async);
  gdk_clipboard_read_async (gtk_widget_get_clipboard (widget), mime_types, G_PRIORITY_DEFAULT,
                            cancellable, stream_cb, task);
}

GPtrArray *
wm_paste_read_cards_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

WmDocument *
wm_paste_take_mermaid (GAsyncResult *result)
{
  Read *read;

  g_return_val_if_fail (G_IS_TASK (result), NULL);

  read = g_task_get_task_data (G_TASK (result));
  return read != NULL ? g_steal_pointer (&read->mermaid) : NULL;
}

WmCommand *
wm_paste_take_mermaid_command (GAsyncResult *result,
                               WmDocument   *document,
                               GtkWidget    *widget)
{
  g_autoptr(WmDocument) diagram = wm_paste_take_mermaid (result);
  g_autoptr(WmDocument) merged = NULL;
  g_autoptr(GError) error = NULL;

  if (diagram == NULL)
    return NULL;
  merged = wm_import_merge (document, diagram, &error);
  if (merged == NULL)
    {
      wm_paste_report (widget, error);
      return NULL;
    }
  return wm_edit_replace_content (document, merged, _("Paste Mermaid Journey"));
}

WmCard *
wm_paste_read_card_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_autoptr(GPtrArray) cards = wm_paste_read_cards_finish (result, error);

  return cards != NULL ? g_object_ref (g_ptr_array_index (cards, 0)) : NULL;
}

void
wm_paste_report (GtkWidget    *widget,
                 const GError *error)
{
  GtkWidget *window = gtk_widget_get_ancestor (widget, WM_TYPE_WINDOW);
  g_autofree char *title = NULL;

  if (error == NULL || error->domain != WM_ERROR)
    return;
  if (window == NULL)
    {
      g_debug ("Paste refused: %s", error->message);
      return;
    }
  /* A toast's title is markup in libadwaita 1.2. */
  title = g_markup_escape_text (error->message, -1);
  wm_window_add_toast (WM_WINDOW (window), adw_toast_new (title));
}
