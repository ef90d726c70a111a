/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "wm-card.h"
#include "wm-rules.h"

static void
test_rules_chars (void)
{
  const gunichar good[] = { 0x9, 0xA, 0xD, 0x20, 0x7E, 0xFDCF, 0xFDF0, 0xFFFD,
                            0x10000, 0x1FFFD, 0x10FFFD };
  const gunichar bad[] = { 0x0, 0x1, 0x8, 0xB, 0x1F, 0xD800, 0xDFFF, 0xFDD0,
                           0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x10FFFF, 0x110000 };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (wm_rules_char_is_valid (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (wm_rules_char_is_valid (bad[i]));
}

static void
test_rules_normalize (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "plain 攻略", "plain 攻略" },
    { "a\tb\nc\rd", "a\tb\nc\rd" },
    { "x\x01y", "x\xEF\xBF\xBDy" },
    { "\xEF\xBF\xBE", "\xEF\xBF\xBD" },               /* U+FFFE */
    { "a\xEF\xB7\x90z", "a\xEF\xBF\xBDz" },           /* U+FDD0 */
    { "\xF0\x9F\xBF\xBF!", "\xEF\xBF\xBD!" },         /* U+1FFFF */
    { "\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" }, /* a surrogate, as bytes */
    { "ok\xFF", "ok\xEF\xBF\xBD" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = wm_rules_normalize_text (cases[i].in, -1);

      g_assert_cmpstr (out, ==, cases[i].out);
      g_assert_true (wm_rules_text_is_valid (out, -1));
      g_assert_cmpint (wm_rules_text_is_valid (cases[i].in, -1), ==,
                       strcmp (cases[i].in, cases[i].out) == 0);
    }

  g_assert_null (wm_rules_normalize_text (NULL, -1));
}

static void
test_rules_length (void)
{
  gsize n = WM_MAX_TEXT_BYTES + 10;
  g_autofree char *big = g_malloc (n + 1);
  g_autofree char *cut = NULL;
  g_autofree char *wide = NULL;
  GString *han = g_string_new (NULL);

  memset (big, 'a', n);
  big[n] = '\0';
  g_assert_false (wm_rules_text_is_valid (big, -1));
  cut = wm_rules_normalize_text (big, -1);
  g_assert_cmpuint (strlen (cut), ==, WM_MAX_TEXT_BYTES);

  /* 3-byte characters never cut in half. */
  while (han->len <= WM_MAX_TEXT_BYTES)
    g_string_append (han, "营");
  wide = wm_rules_normalize_text (han->str, han->len);
  g_assert_true (wm_rules_text_is_valid (wide, -1));
  g_assert_cmpuint (strlen (wide) % 3, ==, 0);
  g_assert_cmpuint (strlen (wide), >, WM_MAX_TEXT_BYTES - 3);
  g_string_free (han, TRUE);
}

static void
test_rules_color_and_id (void)
{
  g_assert_true (wm_rules_color_is_valid ("#3584e4"));
  g_assert_false (wm_rules_color_is_valid ("red"));
  g_assert_false (wm_rules_color_is_valid ("red\"/><x"));
  g_assert_false (wm_rules_color_is_valid ("#3584e"));
  g_assert_false (wm_rules_color_is_valid ("#3584e44"));
  g_assert_false (wm_rules_color_is_valid (NULL));

  g_assert_true (wm_rules_id_is_valid ("c1"));
  g_assert_true (wm_rules_id_is_valid ("_阶段"));
  g_assert_false (wm_rules_id_is_valid ("1c"));
  g_assert_false (wm_rules_id_is_valid ("a:b"));
  g_assert_false (wm_rules_id_is_valid ("a b"));
  g_assert_false (wm_rules_id_is_valid (""));
  g_assert_false (wm_rules_id_is_valid ("a\xEF\xBF\xBE"));
}

/* The model's setters hold only what the reader accepts, whatever
 * path the value came by. */
static void
test_rules_model (void)
{
  g_autoptr(WmCard) card = wm_card_new ("c1", "s1", NULL);

  wm_card_set_text (card, "beer\xEF\xBF\xBF \x01");
  g_assert_cmpstr (wm_card_get_text (card), ==, "beer\xEF\xBF\xBD \xEF\xBF\xBD");
  g_object_set (card, "channel", "\xEF\xB7\xAF", NULL);
  g_assert_cmpstr (wm_card_get_channel (card), ==, "\xEF\xBF\xBD");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/Rules/chars", test_rules_chars);
  g_test_add_func ("/Waymark/Rules/normalize", test_rules_normalize);
  g_test_add_func ("/Waymark/Rules/length", test_rules_length);
  g_test_add_func ("/Waymark/Rules/color-and-id", test_rules_color_and_id);
  g_test_add_func ("/Waymark/Rules/model", test_rules_model);

  return g_test_run ();
}
