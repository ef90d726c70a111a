/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wm-lane-kind: which fields a card has in which lane. */
#include "config.h"

#include "wm-lane-kind.h"

static void
test_lane_kind_info (void)
{
  for (int kind = WM_LANE_ACTIONS; kind <= WM_LANE_NOTES; kind++)
    {
      const WmLaneKindInfo *info = wm_lane_kind_get_info (kind);

      g_assert_cmpint (info->kind, ==, kind);
      /* The table's token is the enum's nick, the file's word. */
      g_assert_cmpstr (info->token, ==, wm_enum_to_nick (WM_TYPE_LANE_KIND, kind));
      g_assert_nonnull (info->icon_name);
      g_assert_nonnull (wm_lane_kind_get_label (kind));
      g_assert_cmpint (wm_lane_kind_holds_cards (kind), ==, kind != WM_LANE_EMOTION);
    }

  /* An unknown kind reads as notes, never past the table. */
  g_assert_true (wm_lane_kind_get_info (WM_LANE_NOTES + 1) == wm_lane_kind_get_info (WM_LANE_NOTES));
  g_assert_true (wm_lane_kind_get_info ((WmLaneKind) -1) == wm_lane_kind_get_info (WM_LANE_NOTES));
}

static void
test_lane_kind_fields (void)
{
  g_assert_cmpint (wm_lane_kind_get_fields (WM_LANE_TOUCHPOINTS), ==,
                   WM_CARD_FIELD_TOUCHPOINT | WM_CARD_FIELD_KEY | WM_CARD_FIELD_CHANNEL);
  g_assert_cmpint (wm_lane_kind_get_fields (WM_LANE_PAINS), ==,
                   WM_CARD_FIELD_SEVERITY | WM_CARD_FIELD_FREQUENCY);
  g_assert_cmpint (wm_lane_kind_get_fields (WM_LANE_NEEDS), ==,
                   WM_CARD_FIELD_SEVERITY | WM_CARD_FIELD_FREQUENCY);
  g_assert_cmpint (wm_lane_kind_get_fields (WM_LANE_OPPORTUNITIES), ==, WM_CARD_FIELD_OWNER);
  g_assert_cmpint (wm_lane_kind_get_fields (WM_LANE_ACTIONS), ==, 0);
  g_assert_cmpint (wm_lane_kind_get_fields (WM_LANE_THOUGHTS), ==, 0);
  g_assert_cmpint (wm_lane_kind_get_fields (WM_LANE_EMOTION), ==, 0);
  g_assert_cmpint (wm_lane_kind_get_fields (WM_LANE_NOTES), ==, 0);
}

/* A card shows its lane's fields plus any field it holds a value in, so
 * no value is hidden where it cannot be cleared. */
static void
test_lane_kind_card_fields (void)
{
  g_autoptr(WmCard) card = wm_card_new ("c1", "s1", NULL);

  g_assert_cmpint (wm_card_get_fields (card, WM_LANE_ACTIONS), ==, 0);
  g_assert_cmpint (wm_card_get_fields (card, WM_LANE_PAINS), ==,
                   WM_CARD_FIELD_SEVERITY | WM_CARD_FIELD_FREQUENCY);

  wm_card_set_touchpoint (card, WM_TOUCHPOINT_CORE);
  g_assert_cmpint (wm_card_get_fields (card, WM_LANE_ACTIONS), ==, WM_CARD_FIELD_TOUCHPOINT);
  wm_card_set_touchpoint (card, WM_TOUCHPOINT_NONE);

  wm_card_set_key (card, TRUE);
  wm_card_set_channel (card, "App");
  wm_card_set_severity (card, 2);
  wm_card_set_frequency (card, 3);
  wm_card_set_owner (card, "Ops");
  g_assert_cmpint (wm_card_get_fields (card, WM_LANE_NOTES), ==,
                   WM_CARD_FIELD_KEY | WM_CARD_FIELD_CHANNEL | WM_CARD_FIELD_SEVERITY |
                   WM_CARD_FIELD_FREQUENCY | WM_CARD_FIELD_OWNER);

  g_assert_finalize_object (g_steal_pointer (&card));
}

/* Every field names a real WmCard property, and has a label. */
static void
test_lane_kind_field_property (void)
{
  g_autoptr(GTypeClass) card_class = g_type_class_ref (WM_TYPE_CARD);

  for (guint field = 1; field <= WM_CARD_FIELD_LAST; field <<= 1)
    {
      const char *property = wm_card_field_property (field);

      g_assert_nonnull (property);
      g_assert_nonnull (g_object_class_find_property (G_OBJECT_CLASS (card_class), property));
      g_assert_nonnull (wm_card_field_label (field));
    }
  g_assert_cmpstr (wm_card_field_property (WM_CARD_FIELD_SEVERITY), ==, "severity");
  g_assert_cmpstr (wm_card_field_property (WM_CARD_FIELD_OWNER), ==, "owner");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/LaneKind/info", test_lane_kind_info);
  g_test_add_func ("/Waymark/LaneKind/fields", test_lane_kind_fields);
  g_test_add_func ("/Waymark/LaneKind/card-fields", test_lane_kind_card_fields);
  g_test_add_func ("/Waymark/LaneKind/field-property", test_lane_kind_field_property);

  return g_test_run ();
}
