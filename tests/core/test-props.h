/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Checks shared by the model classes' tests: a property notifies once
 * when its value really changes, and not when it is set to what it
 * already holds. */

#include <glib-object.h>

static void
count_cb (guint *count)
{
  (*count)++;
}

/* Counts "notify::@name" on @object into *@count (reset to 0). */
static inline gulong
count_notify (gpointer    object,
              const char *name,
              guint      *count)
{
  g_autofree char *signal = g_strconcat ("notify::", name, NULL);

  *count = 0;
  return g_signal_connect_swapped (object, signal, G_CALLBACK (count_cb), count);
}

/* A string property: @value notifies once and reads back; setting it
 * again does not notify; "" is stored as NULL. */
static inline void
check_string (gpointer    object,
              const char *name,
              const char *value)
{
  g_autofree char *got = NULL;
  g_autofree char *empty = NULL;
  guint count;
  gulong handler = count_notify (object, name, &count);

  g_object_set (object, name, value, NULL);
  g_object_get (object, name, &got, NULL);
  g_assert_cmpstr (got, ==, value);
  g_assert_cmpuint (count, ==, 1);

  g_object_set (object, name, value, NULL);
  g_assert_cmpuint (count, ==, 1);

  g_object_set (object, name, "", NULL);
  g_object_get (object, name, &empty, NULL);
  g_assert_null (empty);
  g_assert_cmpuint (count, ==, 2);

  g_object_set (object, name, NULL, NULL);
  g_assert_cmpuint (count, ==, 2);

  g_signal_handler_disconnect (object, handler);
}

/* A property of any type: @value (of the property's type) notifies once
 * and reads back; the same value again does not notify. */
static inline void
check_value (gpointer      object,
             const char   *name,
             const GValue *value)
{
  g_auto(GValue) got = G_VALUE_INIT;
  guint count;
  gulong handler = count_notify (object, name, &count);

  g_object_set_property (object, name, value);
  g_assert_cmpuint (count, ==, 1);
  g_value_init (&got, G_VALUE_TYPE (value));
  g_object_get_property (object, name, &got);
  g_assert_cmpint (g_param_values_cmp (g_object_class_find_property (G_OBJECT_GET_CLASS (object), name),
                                       value, &got), ==, 0);

  g_object_set_property (object, name, value);
  g_assert_cmpuint (count, ==, 1);

  g_signal_handler_disconnect (object, handler);
}

static inline void
check_uint (gpointer    object,
            const char *name,
            guint       value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_UINT);
  g_value_set_uint (&v, value);
  check_value (object, name, &v);
}

static inline void
check_double (gpointer    object,
              const char *name,
              double      value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_DOUBLE);
  g_value_set_double (&v, value);
  check_value (object, name, &v);
}

static inline void
check_boolean (gpointer    object,
               const char *name,
               gboolean    value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_BOOLEAN);
  g_value_set_boolean (&v, value);
  check_value (object, name, &v);
}

static inline void
check_enum (gpointer    object,
            const char *name,
            GType       type,
            int         value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, type);
  g_value_set_enum (&v, value);
  check_value (object, name, &v);
}

/* Text the reader would refuse (a control character, a noncharacter)
 * is stored as U+FFFD, so what the model holds can be saved and read
 * back. */
static inline void
check_text_normalized (gpointer    object,
                       const char *name)
{
  g_autofree char *got = NULL;

  g_object_set (object, name, "a\x01" "b\xEF\xBF\xBE" "c\xFF", NULL);
  g_object_get (object, name, &got, NULL);
  g_assert_cmpstr (got, ==, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD");
}
