/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "wm-clipboard.h"
#include "wm-document.h"
#include "wm-enum-types.h"
#include "wm-error.h"
#include "wm-rules.h"

/* Writing */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

char *
wm_clipboard_serialize_card (WmCard *card)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (WM_IS_CARD (card), NULL);

  json_builder_begin_object (builder);
  add_string (builder, "waymark", "card");
  add_string (builder, "text", wm_card_get_text (card) ? wm_card_get_text (card) : "");
  add_string (builder, "touchpoint", wm_enum_to_nick (WM_TYPE_TOUCHPOINT, wm_card_get_touchpoint (card)));
  json_builder_set_member_name (builder, "key");
  json_builder_add_boolean_value (builder, wm_card_get_key (card));
  add_int (builder, "severity", wm_card_get_severity (card));
  add_int (builder, "frequency", wm_card_get_frequency (card));
  add_int (builder, "span", wm_card_get_span (card));
  add_string (builder, "channel", wm_card_get_channel (card));
  add_string (builder, "owner", wm_card_get_owner (card));
  add_string (builder, "color", wm_card_get_color (card));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* Reading */

/* How deeply @data nests, brackets inside strings not counted; stops
 * counting past @limit. Linear, and recursion-free unlike the parser. */
static guint
nesting_depth (const char *data,
               gsize       length,
               guint       limit)
{
  gboolean in_string = FALSE;
  guint depth = 0;
  guint deepest = 0;

  for (gsize i = 0; i < length && deepest <= limit; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          depth++;
          deepest = MAX (deepest, depth);
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }

  return deepest;
}

static gboolean
is_blank (const char *data,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;
  return TRUE;
}

/* Only an object that names us is parsed as JSON at all. */
static gboolean
looks_like_ours (const char *data,
                 gsize       length)
{
  gsize i = 0;

  while (i < length && g_ascii_isspace (data[i]))
    i++;

  return i < length && data[i] == '{' &&
         memchr (data, '\0', length) == NULL &&
         g_strstr_len (data, length, "\"waymark\"") != NULL;
}

/* Typed members: NULL, or a value of the asked type. A member of another
 * type counts as absent, so no getter is ever called on the wrong type
 * (json-glib answers that with a critical). */
static JsonNode *
member_of_type (JsonObject *object,
                const char *name,
                GType       type)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    return NULL;
  return node;
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = member_of_type (object, name, G_TYPE_STRING);

  return node != NULL ? json_node_get_string (node) : NULL;
}

/* An integer member within [@min, @max], else @fallback (refused, not
 * clamped: a number out of range is not what the user copied). */
static gint64
int_member (JsonObject *object,
            const char *name,
            gint64      min,
            gint64      max,
            gint64      fallback)
{
  JsonNode *node = member_of_type (object, name, G_TYPE_INT64);
  gint64 value;

  if (node == NULL)
    return fallback;
  value = json_node_get_int (node);
  return value >= min && value <= max ? value : fallback;
}

static WmTouchpoint
touchpoint_member (JsonObject *object)
{
  const char *nick = string_member (object, "touchpoint");
  int value = WM_TOUCHPOINT_NONE;

  if (nick == NULL || !wm_enum_from_nick (WM_TYPE_TOUCHPOINT, nick, &value) ||
      value < WM_TOUCHPOINT_NONE || value > WM_TOUCHPOINT_MISSED)
    return WM_TOUCHPOINT_NONE;
  return value;
}

static WmCard *
card_from_object (JsonObject *object)
{
  JsonNode *key = member_of_type (object, "key", G_TYPE_BOOLEAN);
  const char *color = string_member (object, "color");
  WmCard *card = wm_card_new (NULL, NULL, string_member (object, "text"));

  wm_card_set_touchpoint (card, touchpoint_member (object));
  wm_card_set_key (card, key != NULL && json_node_get_boolean (key));
  wm_card_set_severity (card, int_member (object, "severity", 0, WM_SEVERITY_MAX, 0));
  wm_card_set_frequency (card, int_member (object, "frequency", 0, G_MAXUINT, 0));
  wm_card_set_span (card, int_member (object, "span", 1, G_MAXUINT, 1));
  wm_card_set_channel (card, string_member (object, "channel"));
  wm_card_set_owner (card, string_member (object, "owner"));
  if (wm_rules_color_is_valid (color))
    wm_card_set_color (card, color);

  return card;
}

/* Our card, or NULL if @data is not (then it is pasted as text). */
static WmCard *
parse_json_card (const char *data,
                 gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;
  JsonObject *object;

  if (!json_parser_load_from_data (parser, data, length, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  if (g_strcmp0 (string_member (object, "waymark"), "card") != 0)
    return NULL;

  return card_from_object (object);
}

static gboolean
check_size (gsize     length,
            gboolean  more,
            gsize     limit,
            GError  **error)
{
  g_autofree char *size = NULL;
  g_autofree char *max = NULL;

  if (!more && length <= limit)
    return TRUE;

  size = g_format_size (length);
  max = g_format_size (limit);
  if (more)
    g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
                 _("The clipboard holds more than %s; Waymark pastes at most %s of text"),
                 size, max);
  else
    g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
                 _("The clipboard holds %s; Waymark pastes at most %s of text"),
                 size, max);
  return FALSE;
}

/* Our card if @data is ours; NULL otherwise, with @error set if it is
 * ours but over the limits. */
static WmCard *
parse_ours (const char *data,
            gsize       length,
            gboolean    more,
            GError    **error)
{
  if (!looks_like_ours (data, length))
    return NULL;
  if (!check_size (length, more, WM_CLIPBOARD_MAX_BYTES, error))
    return NULL;
  if (nesting_depth (data, length, WM_CLIPBOARD_MAX_DEPTH) > WM_CLIPBOARD_MAX_DEPTH)
    {
      g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
                   _("The clipboard holds data nested more than %d levels deep; Waymark does not paste it"),
                   WM_CLIPBOARD_MAX_DEPTH);
      return NULL;
    }
  return parse_json_card (data, length);
}

WmCard *
wm_clipboard_parse_card (const char *data,
                         gsize       length,
                         gboolean    more,
                         GError    **error)
{
  g_autofree char *text = NULL;
  GError *local = NULL;
  WmCard *card;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!more && is_blank (data, length))
    return NULL;
  if ((card = parse_ours (data, length, more, &local)) != NULL)
    return card;
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }

  if (!check_size (length, more, WM_MAX_TEXT_BYTES, error))
    return NULL;

  text = wm_rules_normalize_text (data, length);
  return wm_card_new (NULL, NULL, text);
}

/* Plain text */

/* One cell or line of plain text: a card's own line breaks and tabs
 * would split it across rows or columns of whatever it is pasted into. */
static void
append_flat (GString    *out,
             const char *text)
{
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    g_string_append_c (out, *p == '\n' || *p == '\t' || *p == '\r' ? ' ' : *p);
}

char *
wm_clipboard_cards_text (WmCard * const *cards,
                         guint           n_cards)
{
  GString *out = g_string_new (NULL);

  if (n_cards == 1)
    {
      g_string_append (out, wm_card_get_text (cards[0]) != NULL ? wm_card_get_text (cards[0]) : "");
      return g_string_free (out, FALSE);
    }
  for (guint i = 0; i < n_cards; i++)
    {
      append_flat (out, wm_card_get_text (cards[i]));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static void
append_lane_row (GString    *out,
                 WmLane     *lane,
                 const char *stage)
{
  GListModel *cards = G_LIST_MODEL (wm_lane_get_cards (lane));

  append_flat (out, wm_lane_get_title (lane));
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(WmCard) card = g_list_model_get_item (cards, i);

      if (g_strcmp0 (wm_card_get_stage (card), stage) != 0)
        continue;
      g_string_append_c (out, '\t');
      append_flat (out, wm_card_get_text (card));
    }
  g_string_append_c (out, '\n');
}

char *
wm_clipboard_stage_text (WmDocument *document,
                         WmStage    *stage)
{
  GListModel *lanes = G_LIST_MODEL (wm_document_get_lanes (document));
  const char *id = wm_item_get_id (WM_ITEM (stage));
  GString *out = g_string_new (NULL);

  g_string_append_c (out, '\t');
  append_flat (out, wm_stage_get_title (stage));
  g_string_append_c (out, '\n');
  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(WmLane) lane = g_list_model_get_item (lanes, i);

      if (wm_lane_get_kind (lane) != WM_LANE_EMOTION)
        append_lane_row (out, lane, id);
    }
  return g_string_free (out, FALSE);
}

static GPtrArray *
cards_from_lines (const char  *text,
                  GError     **error)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);

      if (*line == '\0')
        continue;
      if (cards->len == WM_CLIPBOARD_MAX_CARDS)
        {
          g_set_error (error, WM_ERROR, WM_ERROR_TOO_LARGE,
                       _("The clipboard holds more than %u lines; Waymark pastes at most %u cards at once"),
                       WM_CLIPBOARD_MAX_CARDS, WM_CLIPBOARD_MAX_CARDS);
          return NULL;
        }
      g_ptr_array_add (cards, wm_card_new (NULL, NULL, line));
    }
  return cards->len > 0 ? g_steal_pointer (&cards) : NULL;
}

GPtrArray *
wm_clipboard_parse_cards (const char *data,
                          gsize       length,
                          gboolean    more,
                          GError    **error)
{
  g_autofree char *text = NULL;
  GError *local = NULL;
  WmCard *card;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!more && is_blank (data, length))
    return NULL;
  if ((card = parse_ours (data, length, more, &local)) != NULL)
    {
      GPtrArray *cards = g_ptr_array_new_with_free_func (g_object_unref);

      g_ptr_array_add (cards, card);
      return cards;
    }
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (!check_size (length, more, WM_MAX_TEXT_BYTES, error))
    return NULL;
  text = wm_rules_normalize_text (data, length);
  return cards_from_lines (text, error);
}
