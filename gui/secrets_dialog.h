/* The password dialog: asks for the secrets a profile does not store before Connect. */
#pragma once

#include "gui/gui_app.h"

/* `secrets` is NULL when the user cancelled; the table is freed after the call. */
typedef void (*l2c_gui_secrets_answer)(struct l2c_gui *gui, const char *name, GHashTable *secrets);

/* Opens the dialog for profile `name` asking for `missing` ("password", "ipsec-psk", ...)
 * and calls `answer` when it closes. gui->secrets_dialog is the dialog while it is open. */
void l2c_gui_secrets_dialog_run(struct l2c_gui *gui, const char *name, const char *const *missing,
				l2c_gui_secrets_answer answer);

/* The label people read for a secret's name. */
const char *l2c_gui_secret_label(const char *secret);
