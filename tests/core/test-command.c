/* SPDX-License-Identifier: GPL-3.0-or-later */
/* WmCommand: the base of every undoable edit. */
#include "config.h"

#include "wm-command.h"
#include "test-props.h"

/* A command that counts what is done to it. */
#define TEST_TYPE_COUNTER (test_counter_get_type ())
G_DECLARE_FINAL_TYPE (TestCounter, test_counter, TEST, COUNTER, WmCommand)

struct _TestCounter
{
  WmCommand parent_instance;
  int       value;
  guint     merged;
};

G_DEFINE_FINAL_TYPE (TestCounter, test_counter, WM_TYPE_COMMAND)

static void
test_counter_apply (WmCommand *command)
{
  TEST_COUNTER (command)->value++;
}

static void
test_counter_revert (WmCommand *command)
{
  TEST_COUNTER (command)->value--;
}

static gboolean
test_counter_merge (WmCommand *command,
                    WmCommand *other)
{
  TEST_COUNTER (command)->merged++;
  return TRUE;
}

static void
test_counter_class_init (TestCounterClass *klass)
{
  WmCommandClass *command_class = WM_COMMAND_CLASS (klass);

  command_class->apply = test_counter_apply;
  command_class->revert = test_counter_revert;
  command_class->merge = test_counter_merge;
}

static void
test_counter_init (TestCounter *self)
{
}

/* A command that does not merge: the base class's default. */
#define TEST_TYPE_PLAIN (test_plain_get_type ())
G_DECLARE_FINAL_TYPE (TestPlain, test_plain, TEST, PLAIN, WmCommand)

struct _TestPlain
{
  WmCommand parent_instance;
};

G_DEFINE_FINAL_TYPE (TestPlain, test_plain, WM_TYPE_COMMAND)

static void
test_plain_apply (WmCommand *command)
{
}

static void
test_plain_class_init (TestPlainClass *klass)
{
  WmCommandClass *command_class = WM_COMMAND_CLASS (klass);

  command_class->apply = test_plain_apply;
  command_class->revert = test_plain_apply;
}

static void
test_plain_init (TestPlain *self)
{
}

static void
test_command_label (void)
{
  g_autoptr(WmCommand) command = g_object_new (TEST_TYPE_COUNTER, NULL);
  guint count;
  gulong handler = count_notify (command, "label", &count);

  g_assert_null (wm_command_get_label (command));
  wm_command_set_label (command, "Rename Stage");
  wm_command_set_label (command, "Rename Stage");
  g_assert_cmpstr (wm_command_get_label (command), ==, "Rename Stage");
  g_assert_cmpuint (count, ==, 1);
  g_object_set (command, "label", "Move Card", NULL);
  g_assert_cmpstr (wm_command_get_label (command), ==, "Move Card");
  g_assert_cmpuint (count, ==, 2);
  wm_command_set_label (command, NULL);
  g_assert_null (wm_command_get_label (command));
  g_assert_cmpuint (count, ==, 3);

  g_signal_handler_disconnect (command, handler);

  g_assert_finalize_object (g_steal_pointer (&command));
}

static void
test_command_apply_revert (void)
{
  g_autoptr(WmCommand) command = g_object_new (TEST_TYPE_COUNTER, NULL);

  wm_command_apply (command);
  g_assert_cmpint (TEST_COUNTER (command)->value, ==, 1);
  wm_command_revert (command);
  g_assert_cmpint (TEST_COUNTER (command)->value, ==, 0);

  g_assert_finalize_object (g_steal_pointer (&command));
}

/* Only commands of the same type are asked to merge; by default a
 * command merges nothing. */
static void
test_command_merge (void)
{
  g_autoptr(WmCommand) a = g_object_new (TEST_TYPE_COUNTER, NULL);
  g_autoptr(WmCommand) b = g_object_new (TEST_TYPE_COUNTER, NULL);
  g_autoptr(WmCommand) plain = g_object_new (TEST_TYPE_PLAIN, NULL);
  g_autoptr(WmCommand) plain2 = g_object_new (TEST_TYPE_PLAIN, NULL);

  g_assert_false (wm_command_merge (a, plain));
  g_assert_cmpuint (TEST_COUNTER (a)->merged, ==, 0);
  g_assert_true (wm_command_merge (a, b));
  g_assert_cmpuint (TEST_COUNTER (a)->merged, ==, 1);
  g_assert_false (wm_command_merge (plain, plain2));
  g_assert_false (wm_command_merge (plain, a));

  g_assert_finalize_object (g_steal_pointer (&a));
  g_assert_finalize_object (g_steal_pointer (&b));
  g_assert_finalize_object (g_steal_pointer (&plain));
  g_assert_finalize_object (g_steal_pointer (&plain2));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Waymark/Command/label", test_command_label);
  g_test_add_func ("/Waymark/Command/apply-revert", test_command_apply_revert);
  g_test_add_func ("/Waymark/Command/merge", test_command_merge);

  return g_test_run ();
}
