/* Validation as the user types, with the core's own rules rather than a copy of them: a
 * field's value goes through l2c_profile_check_value (the key table's type, range and extra
 * check), the connection name through l2c_profile_name_check, and the whole form through
 * l2c_settings_apply on a scratch profile, which is what l2tp-connectd runs on SaveProfile
 * (required keys and the rules between keys). Every problem comes back as the core words it,
 * "[section] key: problem", so the dialog can mark the field it names. */
#pragma once

#include "gui/profile_fields.h"

/* The problem with `field`'s current value, or NULL. An empty field is fine here (its
 * default applies); whether it may be empty is the form's rule. */
char *l2c_gui_field_problem(struct l2c_gui_field *field);

/* The problem with a connection name, or NULL. */
char *l2c_gui_name_problem(const char *name);

/* The first problem the service would find in `settings` ("section.key" => value), or NULL. */
char *l2c_gui_settings_problem(GHashTable *settings);
