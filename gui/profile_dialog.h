/* The edit dialog of one profile: the common fields on the first page, PPP, IPsec and
 * routes on the advanced pages. Each change is checked with the core's rules as the user
 * types (field_check.h): the problem shows above the fields, the field is marked, Save waits.
 * Save goes through SaveProfile and shows the service's error the same way. */
#pragma once

#include "gui/gui_app.h"
#include "gui/profile_fields.h"

typedef void (*l2c_gui_profile_saved)(struct l2c_gui *gui);

/* Opens the dialog for profile `name`, or for a new profile when `name` is NULL.
 * gui->profile_dialog is the dialog while it is open; `saved` runs after a save. */
void l2c_gui_profile_dialog_open(struct l2c_gui *gui, const char *name,
				 l2c_gui_profile_saved saved);

/* For --test-script: the open dialog's fields, its notebook, and Save as if clicked
 * (returns 0, or -EINVAL with the error shown in the dialog). */
GPtrArray *l2c_gui_profile_dialog_fields(GtkWidget *dialog);
GtkNotebook *l2c_gui_profile_dialog_notebook(GtkWidget *dialog);
int l2c_gui_profile_dialog_save(GtkWidget *dialog);

/* The connection name's entry. */
GtkWidget *l2c_gui_profile_dialog_name_entry(GtkWidget *dialog);

/* NULL when every field has a mnemonic and none is used twice on a page (counting the
 * buttons, the name and the tabs), else what is wrong. */
char *l2c_gui_profile_dialog_mnemonic_problem(GtkWidget *dialog);

/* Whether Save can be clicked (the form passes the checks as typed). */
gboolean l2c_gui_profile_dialog_can_save(GtkWidget *dialog);

/* The dialog's error text shown, or NULL. */
const char *l2c_gui_profile_dialog_error(GtkWidget *dialog);
