/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Waymark"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "wm-error.h"
#include "wm-reader.h"
#include "wm-format.h"
#include "wm-reader-guard.h"
#include "wm-reader-loader.h"
#include "wm-rules.h"

/* ------------------------------------------------------------------ */
/* Building the document                                              */
/* ------------------------------------------------------------------ */

static gboolean
check_id (Loader     *self,
          xmlNode    *node,
          const char *id)
{
  gpointer line;

  if (!_wm_loader_require (self, node, "id", id))
    return FALSE;

  if (!wm_rules_id_is_valid (id))
    return _wm_loader_report (self, node, WM_ERROR_INVALID,
                              _("“%s” is not a valid id (an id starts with a letter or “_” and has no spaces or colons)"),
                              id);

  if ((line = g_hash_table_lookup (self->ids, id)) != NULL)
    return _wm_loader_report (self, node, WM_ERROR_REFERENCE,
                              _("id “%s” is already used on line %d"), id, GPOINTER_TO_INT (line));

  g_hash_table_insert (self->ids, (gpointer) id, GINT_TO_POINTER ((int) node_line (node)));

  return TRUE;
}

/* A lenient build is for the repair, which names each item it moves or
 * drops by its line. */
static void
remember_line (Loader  *self,
               gpointer item,
               xmlNode *node)
{
  if (self->lenient)
    g_object_set_qdata (G_OBJECT (item), g_quark_from_static_string ("wm-reader-line"),
                        GINT_TO_POINTER ((int) node_line (node)));
}

int
wm_reader_item_line (gpointer item)
{
  g_return_val_if_fail (G_IS_OBJECT (item), 0);

  return GPOINTER_TO_INT (g_object_get_qdata (G_OBJECT (item), g_quark_from_static_string ("wm-reader-line")));
}

/* The index of the stage @id, or -1 (reported). */
static int
check_stage_ref (Loader     *self,
                 xmlNode    *node,
                 const char *id)
{
  gpointer index;

  if (!_wm_loader_require (self, node, "stage", id))
    return -1;

  if ((index = g_hash_table_lookup (self->stages, id)) == NULL)
    {
      _wm_loader_report (self, node, WM_ERROR_REFERENCE, _("stage “%s” is not defined"), id);
      return -1;
    }

  return GPOINTER_TO_INT (index) - 1;
}

static gboolean
check_persona_ref (Loader     *self,
                   xmlNode    *node,
                   const char *id)
{
  if (!_wm_loader_require (self, node, "persona", id))
    return FALSE;

  if (!g_hash_table_contains (self->personas, id))
    return _wm_loader_report (self, node, WM_ERROR_REFERENCE, _("persona “%s” is not defined"), id);

  return TRUE;
}

/* ---- elements ---- */

static gboolean
load_persona (Loader  *self,
              xmlNode *node)
{
  g_autoptr(WmPersona) persona = NULL;
  g_autoptr(GPtrArray) goals = NULL;
  Value v[WM_PERSONA_N_ATTRS];
  const char *id;
  gboolean has_foreign = FALSE;
  Children it;
  int slot;

  _wm_loader_read_attrs (self, node, &wm_format_persona, v, &has_foreign);
  id = v[WM_PERSONA_ID].text;
  if (!check_id (self, node, id))
    id = NULL;
  else
    g_hash_table_insert (self->personas, (gpointer) id, GINT_TO_POINTER ((int) node_line (node)));

  if (self->stop)
    return FALSE;

  persona = wm_persona_new (id);
  wm_persona_set_color (persona, v[WM_PERSONA_COLOR].text);
  wm_persona_set_hidden (persona, v[WM_PERSONA_HIDDEN].value != 0);
  if (has_foreign)
    _wm_loader_add_foreign_attrs (self, node, WM_ITEM (persona));

  goals = g_ptr_array_new ();
  _wm_loader_children_init (&it, node, wm_format_persona.children, persona);
  while ((slot = _wm_loader_children_next (self, &it)) != CHILD_END)
    {
      const char *text;

      if (slot == CHILD_ERROR)
        return FALSE;

      if ((text = _wm_loader_load_text (self, it.node)) == NULL)
        {
          if (self->stop)
            return FALSE;
          continue;
        }

      switch (slot)
        {
        case 0: wm_persona_set_name (persona, text); break;
        case 1: wm_persona_set_description (persona, text); break;
        default:
          if (text[0] != '\0')
            g_ptr_array_add (goals, (gpointer) _wm_loader_valid_text (self, text));
          break;
        }
    }

  if (goals->len > 0)
    {
      g_ptr_array_add (goals, NULL);
      wm_persona_set_goals (persona, (const char * const *) goals->pdata);
    }

  g_list_store_append (wm_document_get_personas (self->document), persona);

  return !self->stop;
}

static gboolean
load_metric (Loader  *self,
             xmlNode *node,
             WmStage *stage)
{
  g_autoptr(WmMetric) metric = NULL;
  Value v[WM_METRIC_N_ATTRS];
  int kind;
  double value = 0.0;
  gboolean has_foreign = FALSE;

  _wm_loader_read_attrs (self, node, &wm_format_metric, v, &has_foreign);
  kind = (int) v[WM_METRIC_KIND].value;
  /* The value's range is the kind's. */
  if (v[WM_METRIC_KIND].ok && v[WM_METRIC_VALUE].text != NULL)
    {
      double min, max;

      wm_metric_kind_range (kind, &min, &max);
      _wm_loader_number_attr (self, node, "value", v[WM_METRIC_VALUE].text, min, max, &value);
    }

  if (self->stop || !_wm_loader_check_empty (self, node))
    return FALSE;

  metric = wm_metric_new (kind, value);
  if (has_foreign)
    _wm_loader_add_foreign_attrs (self, node, WM_ITEM (metric));

  g_list_store_append (wm_stage_get_metrics (stage), metric);

  return TRUE;
}

static gboolean
load_stage (Loader  *self,
            xmlNode *node)
{
  g_autoptr(WmStage) stage = NULL;
  Value v[WM_STAGE_N_ATTRS];
  const char *id;
  gboolean has_foreign = FALSE;
  Children it;
  int slot;

  _wm_loader_read_attrs (self, node, &wm_format_stage, v, &has_foreign);
  id = v[WM_STAGE_ID].text;
  if (check_id (self, node, id))
    g_hash_table_insert (self->stages, (gpointer) id, GUINT_TO_POINTER (++self->n_stages));
  else
    id = NULL;

  if (self->stop)
    return FALSE;

  stage = wm_stage_new (id, NULL);
  if (has_foreign)
    _wm_loader_add_foreign_attrs (self, node, WM_ITEM (stage));

  _wm_loader_children_init (&it, node, wm_format_stage.children, stage);
  while ((slot = _wm_loader_children_next (self, &it)) != CHILD_END)
    {
      const char *text;

      if (slot == CHILD_ERROR)
        return FALSE;
      if (slot == 2)
        {
          if (!load_metric (self, it.node, stage))
            return FALSE;
          continue;
        }

      if ((text = _wm_loader_load_text (self, it.node)) == NULL)
        {
          if (self->stop)
            return FALSE;
          continue;
        }

      if (slot == 0)
        wm_stage_set_title (stage, text);
      else
        wm_stage_set_goal (stage, text);
    }

  g_list_store_append (wm_document_get_stages (self->document), stage);

  return !self->stop;
}

static gboolean
load_card (Loader  *self,
           xmlNode *node,
           WmLane  *lane)
{
  g_autoptr(WmCard) card = NULL;
  Value v[WM_CARD_N_ATTRS];
  const char *id;
  const char *stage;
  guint span;
  gboolean has_foreign = FALSE;
  int stage_index;
  Children it;
  int slot;

  _wm_loader_read_attrs (self, node, &wm_format_card, v, &has_foreign);
  id = v[WM_CARD_ID].text;
  stage = v[WM_CARD_STAGE].text;
  span = (guint) v[WM_CARD_SPAN].value;

  if (!check_id (self, node, id))
    id = NULL;

  stage_index = check_stage_ref (self, node, stage);
  if (stage_index < 0)
    stage = NULL;
  else if ((guint) stage_index + span > self->n_stages)
    _wm_loader_report (self, node, WM_ERROR_INVALID,
                       _("span=“%s” runs past the last stage (card “%s” starts at stage “%s”, %u of %u)"),
                       v[WM_CARD_SPAN].text != NULL ? v[WM_CARD_SPAN].text : "1",
                       v[WM_CARD_ID].text != NULL ? v[WM_CARD_ID].text : "", stage,
                       (guint) stage_index + 1, self->n_stages);

  if (self->stop)
    return FALSE;

  card = wm_card_new (id, stage, NULL);
  remember_line (self, card, node);
  wm_card_set_touchpoint (card, (int) v[WM_CARD_TOUCHPOINT].value);
  wm_card_set_key (card, v[WM_CARD_KEY].value != 0);
  wm_card_set_channel (card, v[WM_CARD_CHANNEL].text);
  wm_card_set_severity (card, (guint) v[WM_CARD_SEVERITY].value);
  wm_card_set_frequency (card, (guint) v[WM_CARD_FREQUENCY].value);
  wm_card_set_owner (card, v[WM_CARD_OWNER].text);
  wm_card_set_span (card, span);
  wm_card_set_color (card, v[WM_CARD_COLOR].text);
  if (has_foreign)
    _wm_loader_add_foreign_attrs (self, node, WM_ITEM (card));

  _wm_loader_children_init (&it, node, wm_format_card.children, card);
  while ((slot = _wm_loader_children_next (self, &it)) != CHILD_END)
    {
      const char *text;

      if (slot == CHILD_ERROR)
        return FALSE;
      if ((text = _wm_loader_load_text (self, it.node)) != NULL)
        wm_card_set_text (card, text);
      else if (self->stop)
        return FALSE;
    }

  g_list_store_append (wm_lane_get_cards (lane), card);

  return !self->stop;
}

static gboolean
load_lane (Loader  *self,
           xmlNode *node)
{
  g_autoptr(WmLane) lane = NULL;
  Value v[WM_LANE_N_ATTRS];
  const char *id;
  gboolean has_foreign = FALSE;
  Children it;
  int slot;

  _wm_loader_read_attrs (self, node, &wm_format_lane, v, &has_foreign);
  id = v[WM_LANE_ID].text;
  if (!check_id (self, node, id))
    id = NULL;

  if (self->stop)
    return FALSE;

  lane = wm_lane_new (id, (int) v[WM_LANE_KIND].value, NULL);
  if (has_foreign)
    _wm_loader_add_foreign_attrs (self, node, WM_ITEM (lane));

  _wm_loader_children_init (&it, node, wm_format_lane.children, lane);
  while ((slot = _wm_loader_children_next (self, &it)) != CHILD_END)
    {
      const char *text;

      if (slot == CHILD_ERROR)
        return FALSE;
      if (slot == 1)
        {
          if (!load_card (self, it.node, lane))
            return FALSE;
        }
      else if ((text = _wm_loader_load_text (self, it.node)) != NULL)
        wm_lane_set_title (lane, text);
      else if (self->stop)
        return FALSE;
    }

  g_list_store_append (wm_document_get_lanes (self->document), lane);

  return !self->stop;
}

static gboolean
load_point (Loader     *self,
            xmlNode    *node,
            WmCurve    *curve,
            GHashTable *seen)
{
  g_autoptr(WmCurvePoint) point = NULL;
  Value v[WM_POINT_N_ATTRS];
  const char *stage;
  gboolean has_foreign = FALSE;
  gpointer line;

  _wm_loader_read_attrs (self, node, &wm_format_point, v, &has_foreign);
  stage = v[WM_POINT_STAGE].text;

  if (check_stage_ref (self, node, stage) < 0)
    stage = NULL;
  else if ((line = g_hash_table_lookup (seen, stage)) != NULL)
    _wm_loader_report (self, node, WM_ERROR_INVALID,
                       _("the curve already has a point on stage “%s” (line %d)"),
                       stage, GPOINTER_TO_INT (line));
  else
    g_hash_table_insert (seen, (gpointer) stage, GINT_TO_POINTER ((int) node_line (node)));

  if (self->stop || !_wm_loader_check_empty (self, node))
    return FALSE;

  point = wm_curve_point_new (stage, v[WM_POINT_VALUE].value, v[WM_POINT_AT].value);
  remember_line (self, point, node);
  if (has_foreign)
    _wm_loader_add_foreign_attrs (self, node, WM_ITEM (point));

  g_list_store_append (wm_curve_get_points (curve), point);

  return TRUE;
}

static gboolean
load_curve (Loader  *self,
            xmlNode *node)
{
  g_autoptr(WmCurve) curve = NULL;
  g_autoptr(GHashTable) seen = NULL;
  Value v[WM_CURVE_N_ATTRS];
  const char *persona;
  gboolean has_foreign = FALSE;
  gpointer line;
  Children it;
  int slot;

  _wm_loader_read_attrs (self, node, &wm_format_curve, v, &has_foreign);
  persona = v[WM_CURVE_PERSONA].text;

  if (!check_persona_ref (self, node, persona))
    persona = NULL;
  else if ((line = g_hash_table_lookup (self->curves, persona)) != NULL)
    _wm_loader_report (self, node, WM_ERROR_INVALID,
                       _("persona “%s” already has a curve (line %d)"), persona, GPOINTER_TO_INT (line));
  else
    g_hash_table_insert (self->curves, (gpointer) persona, GINT_TO_POINTER ((int) node_line (node)));

  if (self->stop)
    return FALSE;

  curve = wm_curve_new (persona);
  remember_line (self, curve, node);
  if (has_foreign)
    _wm_loader_add_foreign_attrs (self, node, WM_ITEM (curve));

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  _wm_loader_children_init (&it, node, wm_format_curve.children, curve);
  while ((slot = _wm_loader_children_next (self, &it)) != CHILD_END)
    {
      if (slot == CHILD_ERROR)
        return FALSE;
      if (!load_point (self, it.node, curve, seen))
        return FALSE;
    }

  g_list_store_append (wm_document_get_curves (self->document), curve);

  return !self->stop;
}

static gboolean
load_moment (Loader  *self,
             xmlNode *node)
{
  g_autoptr(WmMoment) moment = NULL;
  Value v[WM_MOMENT_N_ATTRS];
  const char *id;
  const char *persona;
  const char *stage;
  gboolean has_foreign = FALSE;
  Children it;
  int slot;

  _wm_loader_read_attrs (self, node, &wm_format_moment, v, &has_foreign);
  id = v[WM_MOMENT_ID].text;
  persona = v[WM_MOMENT_PERSONA].text;
  stage = v[WM_MOMENT_STAGE].text;
  if (!check_id (self, node, id))
    id = NULL;
  if (!check_persona_ref (self, node, persona))
    persona = NULL;
  if (check_stage_ref (self, node, stage) < 0)
    stage = NULL;

  if (self->stop)
    return FALSE;

  moment = wm_moment_new (id, (int) v[WM_MOMENT_KIND].value, persona, stage);
  remember_line (self, moment, node);
  wm_moment_set_at (moment, v[WM_MOMENT_AT].value);
  if (has_foreign)
    _wm_loader_add_foreign_attrs (self, node, WM_ITEM (moment));

  _wm_loader_children_init (&it, node, wm_format_moment.children, moment);
  while ((slot = _wm_loader_children_next (self, &it)) != CHILD_END)
    {
      const char *text;

      if (slot == CHILD_ERROR)
        return FALSE;
      if ((text = _wm_loader_load_text (self, it.node)) != NULL)
        wm_moment_set_text (moment, text);
      else if (self->stop)
        return FALSE;
    }

  g_list_store_append (wm_document_get_moments (self->document), moment);

  return !self->stop;
}


static gboolean
load_format (Loader  *self,
             xmlNode *root)
{
  const char *text = NULL;
  gint64 format;

  for (xmlAttr *attr = root->properties; attr != NULL; attr = attr->next)
    {
      if (attr->ns == NULL && attr_is (attr, "format"))
        text = _wm_loader_attr_value (self, attr);
    }

  if (text == NULL)
    return _wm_loader_fatal (self, root, WM_ERROR_INVALID, _("<map> needs a format= attribute"));

  if (!_wm_loader_parse_integer (text, &format) || format < 1)
    return _wm_loader_fatal (self, root, WM_ERROR_INVALID,
                             _("format=“%s” is not a format version (a whole number from 1)"), text);

  if (format > WM_FORMAT_VERSION)
    return _wm_loader_fatal (self, root, WM_ERROR_NEWER_FORMAT,
                             _("this map was written by a newer Waymark (format %s); this version reads format %d"),
                             text, WM_FORMAT_VERSION);

  return TRUE;
}

static gboolean
load_map (Loader  *self,
          xmlNode *root)
{
  WmItem *item = WM_ITEM (self->document);
  gboolean has_foreign = FALSE;
  gboolean has_title = FALSE;
  Children it;
  int slot;

  if (!is_ours (root->ns) || strcmp (node_name (root), "map") != 0)
    return _wm_loader_fatal (self, root, WM_ERROR_INVALID,
                             _("this is not a Waymark map: the root element is <%s>, not <map xmlns=\"%s\">"),
                             node_name (root), WM_NAMESPACE);

  if (!load_format (self, root))
    return FALSE;

  for (xmlNs *ns = root->nsDef; ns != NULL; ns = ns->next)
    {
      if (ns->prefix != NULL)
        wm_document_add_namespace (self->document, _wm_loader_valid_text (self, (const char *) ns->prefix),
                                   _wm_loader_valid_text (self, ns->href != NULL ? (const char *) ns->href : ""));
      else if (!is_ours (ns))
        _wm_loader_report (self, root, WM_ERROR_INVALID,
                           _("<map> declares xmlns=“%s”; only other tools' elements may change the default namespace"),
                           ns->href != NULL ? (const char *) ns->href : "");
    }

  for (xmlAttr *attr = root->properties; attr != NULL; attr = attr->next)
    {
      if (attr->ns == NULL && attr_is (attr, "format"))
        continue;

      if (_wm_loader_is_xml_lang (attr))
        {
          const char *lang = _wm_loader_attr_value (self, attr);

          if (wm_rules_language_is_valid (lang))
            wm_document_set_lang (self->document, lang);
          else
            _wm_loader_report (self, root, WM_ERROR_INVALID,
                               _("xml:lang=“%s” is not a language tag like zh-CN or en"), lang);
          continue;
        }

      _wm_loader_other_attr (self, root, attr, &has_foreign);
    }

  if (self->stop)
    return FALSE;

  if (has_foreign)
    _wm_loader_add_foreign_attrs (self, root, item);

  _wm_loader_children_init (&it, root, wm_format_map.children, item);
  while ((slot = _wm_loader_children_next (self, &it)) != CHILD_END)
    {
      const char *text;
      gboolean ok = TRUE;

      switch (slot)
        {
        case CHILD_ERROR:
          return FALSE;
        case 0:
          has_title = TRUE;
          if ((text = _wm_loader_load_text (self, it.node)) != NULL)
            wm_document_set_title (self->document, text);
          break;
        case 1:
          if ((text = _wm_loader_load_text (self, it.node)) != NULL)
            wm_document_set_scenario (self->document, text);
          break;
        case 2:
          ok = load_persona (self, it.node);
          break;
        case 3:
          ok = load_stage (self, it.node);
          break;
        case 4:
          ok = load_lane (self, it.node);
          break;
        case 5:
          ok = load_curve (self, it.node);
          break;
        case 6:
          ok = load_moment (self, it.node);
          break;
        default:
          g_assert_not_reached ();
        }

      if (!ok || self->stop)
        return FALSE;
    }

  if (!has_title)
    _wm_loader_report (self, root, WM_ERROR_INVALID, _("<map> has no <title> (it must be the first element)"));

  return !self->stop;
}

static WmDocument *
build (xmlDoc      *xdoc,
       const char  *name,
       GPtrArray   *messages,
       GArray      *codes,
       gboolean     lenient,
       GError     **error)
{
  Loader self = { 0 };
  WmDocument *result = NULL;

  self.lenient = lenient;
  self.name = name;
  self.xdoc = xdoc;
  self.messages = messages;
  self.codes = codes;
  self.document = wm_document_new ();
  self.ids = g_hash_table_new (g_str_hash, g_str_equal);
  self.stages = g_hash_table_new (g_str_hash, g_str_equal);
  self.personas = g_hash_table_new (g_str_hash, g_str_equal);
  self.curves = g_hash_table_new (g_str_hash, g_str_equal);
  self.strings = g_ptr_array_new_with_free_func (g_free);

  load_map (&self, xmlDocGetRootElement (xdoc));

  if (self.error != NULL && (!lenient || self.stop))
    g_propagate_error (error, g_steal_pointer (&self.error));
  else
    result = g_steal_pointer (&self.document);

  g_clear_error (&self.error);

  g_clear_object (&self.document);
  g_hash_table_unref (self.ids);
  g_hash_table_unref (self.stages);
  g_hash_table_unref (self.personas);
  g_hash_table_unref (self.curves);
  g_ptr_array_unref (self.strings);
  g_clear_pointer (&self.buffer, xmlBufferFree);

  return result;
}

WmDocument *
wm_reader_build (xmlDoc      *xdoc,
                 const char  *name,
                 GPtrArray   *messages,
                 GArray      *codes,
                 GError     **error)
{
  g_return_val_if_fail (xdoc != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return build (xdoc, name, messages, codes, FALSE, error);
}

WmDocument *
wm_reader_build_lenient (xmlDoc      *xdoc,
                         const char  *name,
                         GPtrArray   *messages,
                         GArray      *codes,
                         GError     **error)
{
  g_return_val_if_fail (xdoc != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (messages != NULL, NULL);

  return build (xdoc, name, messages, codes, TRUE, error);
}

/* ------------------------------------------------------------------ */
/* Public entry points                                                */
/* ------------------------------------------------------------------ */

WmDocument *
wm_reader_load_data (const char  *data,
                     gsize        length,
                     const char  *name,
                     GError     **error)
{
  xmlDoc *xdoc;
  WmDocument *document;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (name == NULL)
    name = "map";

  if ((xdoc = wm_reader_parse_safe (data, length, name, error)) == NULL)
    return NULL;

  document = wm_reader_build (xdoc, name, NULL, NULL, error);
  xmlFreeDoc (xdoc);

  return document;
}

WmDocument *
wm_reader_load_file (GFile   *file,
                     GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  WmDocument *document;
  xmlDoc *xdoc;
  const char *data;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if ((bytes = wm_reader_read_file (file, &name, error)) == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &length);
  xdoc = wm_reader_parse_safe (data != NULL ? data : "", length, name, error);
  /* The tree holds all that is needed: a big file is not kept twice. */
  g_clear_pointer (&bytes, g_bytes_unref);
  if (xdoc == NULL)
    return NULL;

  document = wm_reader_build (xdoc, name, NULL, NULL, error);
  xmlFreeDoc (xdoc);

  return document;
}
