#include "config.h"

#include "gui/test_script.h"

#include "gui/editor_actions.h"
#include "gui/editor_window.h"
#include "gui/icon_sheet.h"
#include "gui/profile_dialog.h"
#include "gui/screenshot.h"
#include "gui/tray.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each command runs on a tick until it says it is done: the tick lets GTK map and draw
 * what the previous step opened before a screenshot reads it. */
#define TICK_MS		  300
#define COMMAND_TICKS_MAX 200 /* 60 s: a failing connect may wait for DNS or IKE */

struct runner {
	struct l2c_gui *gui;
	char **lines;
	guint line;
	guint tick; /* of the current command */
	char *output_dir;
	GtkWidget *window; /* one the script opened itself (icons) */
	gboolean failed;
};

static void say(const char *format, ...) G_GNUC_PRINTF(1, 2);
static void say(const char *format, ...)
{
	va_list args;

	va_start(args, format);
	fputs("gui: ", stdout);
	vprintf(format, args);
	fputc('\n', stdout);
	fflush(stdout);
	va_end(args);
}

static gboolean fail(struct runner *runner, const char *what)
{
	say("FAILED %s", what);
	runner->failed = TRUE;
	return TRUE;
}

static gboolean shoot(struct runner *runner, GtkWidget *widget, const char *name)
{
	g_autofree char *file = g_strdup_printf("%s.png", name);
	g_autofree char *path = g_build_filename(runner->output_dir, file, NULL);
	g_autoptr(GError) error = NULL;

	double luminance;

	if (l2c_gui_screenshot(widget, path, &luminance, &error) < 0)
		return fail(runner, error->message);
	/* How light the window is on average: the test tells a dark theme from a light one. */
	say("screenshot %s luminance %d", path, (int)(luminance * 100 + 0.5));
	return TRUE;
}

static gboolean run_menu(struct runner *runner, char **args)
{
	struct l2c_gui *gui = runner->gui;
	GtkWidget *menu;
	g_autoptr(GList) items = NULL;

	if (runner->tick == 0) {
		l2c_gui_tray_popup(gui);
		return FALSE;
	}
	menu = l2c_gui_tray_menu_shown(gui);
	if (!menu || !gtk_widget_get_mapped(menu))
		return runner->tick > 10 ? fail(runner, "the menu did not show") : FALSE;
	items = gtk_container_get_children(GTK_CONTAINER(menu));
	for (GList *l = items; l; l = l->next)
		if (GTK_IS_MENU_ITEM(l->data) && !GTK_IS_SEPARATOR_MENU_ITEM(l->data))
			say("menu item: %s", gtk_menu_item_get_label(l->data));
	shoot(runner, menu, args[1]);
	gtk_menu_popdown(GTK_MENU(menu));
	return TRUE;
}

static gboolean run_editor(struct runner *runner, char **args)
{
	g_auto(GStrv) names = NULL;

	if (runner->tick == 0) {
		l2c_gui_editor_present(runner->gui);
		return FALSE;
	}
	names = l2c_gui_editor_names(runner->gui);
	for (char **name = names; *name; name++)
		say("editor lists: %s", *name);
	return shoot(runner, runner->gui->editor, args[1]);
}

static gboolean run_edit(struct runner *runner, char **args)
{
	l2c_gui_profile_dialog_open(runner->gui, args[1], l2c_gui_editor_reload);
	return runner->gui->profile_dialog ? TRUE : fail(runner, "no edit dialog");
}

static gboolean run_set(struct runner *runner, char **args)
{
	GtkWidget *dialog = runner->gui->profile_dialog;
	struct l2c_gui_field *field;
	g_autofree char *value = NULL;

	if (!dialog)
		return fail(runner, "set: no edit dialog");
	field = l2c_gui_fields_find(l2c_gui_profile_dialog_fields(dialog), args[1]);
	if (!field)
		return fail(runner, "set: no such field");
	value = g_strjoinv(" ", args + 2);
	l2c_gui_field_set_text(field, value);
	say("set %s", args[1]);
	return TRUE;
}

static gboolean run_page(struct runner *runner, char **args)
{
	GtkWidget *dialog = runner->gui->profile_dialog;

	if (!dialog)
		return fail(runner, "page: no edit dialog");
	if (runner->tick == 0) {
		gtk_notebook_set_current_page(l2c_gui_profile_dialog_notebook(dialog),
					      atoi(args[1]));
		return FALSE;
	}
	return shoot(runner, dialog, args[2]);
}

static gboolean run_save(struct runner *runner, char **args)
{
	GtkWidget *dialog = runner->gui->profile_dialog;

	if (!dialog)
		return fail(runner, "save: no edit dialog");
	if (l2c_gui_profile_dialog_save(dialog) == 0)
		say("saved");
	else
		say("save refused: %s", l2c_gui_profile_dialog_error(dialog));
	return TRUE;
}

static gboolean run_connect(struct runner *runner, char **args)
{
	GtkWidget *menu = l2c_gui_tray_menu(runner->gui);
	g_autoptr(GList) items = gtk_container_get_children(GTK_CONTAINER(menu));

	for (GList *l = items; l; l = l->next)
		if (g_strcmp0(g_object_get_data(l->data, "l2c-profile"), args[1]) == 0) {
			say("activating %s", gtk_menu_item_get_label(l->data));
			gtk_menu_item_activate(l->data);
			return TRUE;
		}
	return fail(runner, "connect: no such menu item");
}

static void fill_secret(GtkWidget *widget, gpointer data)
{
	char **pairs = data;
	const char *secret = g_object_get_data(G_OBJECT(widget), "l2c-secret");

	if (GTK_IS_CONTAINER(widget))
		gtk_container_foreach(GTK_CONTAINER(widget), fill_secret, data);
	for (char **pair = pairs; secret && *pair; pair++)
		if (g_str_has_prefix(*pair, secret) && (*pair)[strlen(secret)] == '=')
			gtk_entry_set_text(GTK_ENTRY(widget), *pair + strlen(secret) + 1);
}

static gboolean run_secrets(struct runner *runner, char **args)
{
	GtkWidget *dialog = runner->gui->secrets_dialog;

	if (!dialog || !gtk_widget_get_mapped(dialog))
		return FALSE;
	say("password dialog: %s", gtk_window_get_title(GTK_WINDOW(dialog)));
	gtk_container_foreach(GTK_CONTAINER(dialog), fill_secret, args + 2);
	shoot(runner, dialog, args[1]);
	gtk_dialog_response(GTK_DIALOG(dialog), GTK_RESPONSE_OK);
	return TRUE;
}

static gboolean run_wait_error(struct runner *runner, char **args)
{
	struct l2c_gui *gui = runner->gui;

	/* A password dialog would wait for ever: the secrets should have been found. */
	if (gui->secrets_dialog && gtk_widget_get_mapped(gui->secrets_dialog))
		return fail(runner, "a password dialog opened instead");
	if (!gui->last_notice || !gui->error_dialog || !gtk_widget_get_mapped(gui->error_dialog))
		return FALSE;
	say("notice: %s", gui->last_notice);
	return shoot(runner, gui->error_dialog, args[1]);
}

static void say_marked(GPtrArray *fields)
{
	for (guint i = 0; i < fields->len; i++) {
		struct l2c_gui_field *field = fields->pdata[i];

		if (gtk_style_context_has_class(gtk_widget_get_style_context(field->widget),
						GTK_STYLE_CLASS_ERROR))
			say("marked: %s", field->key);
	}
}

/* What the dialog shows after the last `set`, before any save. */
static gboolean run_check(struct runner *runner, char **args)
{
	GtkWidget *dialog = runner->gui->profile_dialog;
	const char *error;

	if (!dialog)
		return fail(runner, "check: no edit dialog");
	if (runner->tick == 0)
		return FALSE; /* let the change handlers run */
	error = l2c_gui_profile_dialog_error(dialog);
	say("typing error: %s", error ? error : "none");
	say_marked(l2c_gui_profile_dialog_fields(dialog));
	say("save button: %s",
	    l2c_gui_profile_dialog_can_save(dialog) ? "sensitive" : "insensitive");
	return args[1] ? shoot(runner, dialog, args[1]) : TRUE;
}

static gboolean run_name(struct runner *runner, char **args)
{
	GtkWidget *dialog = runner->gui->profile_dialog;

	if (!dialog)
		return fail(runner, "name: no edit dialog");
	gtk_entry_set_text(GTK_ENTRY(l2c_gui_profile_dialog_name_entry(dialog)), args[1]);
	say("name set");
	return TRUE;
}

static gboolean run_duplicate(struct runner *runner, char **args)
{
	g_autofree char *copy = l2c_gui_profile_duplicate(runner->gui, args[1]);

	if (!copy)
		return fail(runner, "duplicate");
	say("duplicated as %s", copy);
	l2c_gui_editor_reload(runner->gui);
	return TRUE;
}

static gboolean run_export(struct runner *runner, char **args)
{
	g_autofree char *path = g_path_is_absolute(args[2])
				    ? g_strdup(args[2])
				    : g_build_filename(runner->output_dir, args[2], NULL);
	g_autoptr(GFile) file = g_file_new_for_path(path);

	if (l2c_gui_profile_export(runner->gui, args[1], file) < 0)
		return fail(runner, "export");
	say("exported %s", args[1]);
	return TRUE;
}

/* Each page's labels must have mnemonics of their own, distinct from the buttons' and tabs'. */
static gboolean run_mnemonics(struct runner *runner, char **args)
{
	GtkWidget *dialog = runner->gui->profile_dialog;
	g_autofree char *problem = NULL;

	if (!dialog)
		return fail(runner, "mnemonics: no edit dialog");
	problem = l2c_gui_profile_dialog_mnemonic_problem(dialog);
	if (problem)
		return fail(runner, problem);
	say("mnemonics: every field has its own");
	say("default response: %s", gtk_widget_has_default(gtk_dialog_get_widget_for_response(
					GTK_DIALOG(dialog), GTK_RESPONSE_OK))
					? "save"
					: "none");
	return TRUE;
}

static gboolean run_tray(struct runner *runner, char **args)
{
	say("tray: %s %s", l2c_gui_tray_kind(runner->gui), l2c_gui_tray_icon_name(runner->gui));
	return TRUE;
}

/* The app's icons as the theme gives them (symbolic ones in its foreground colour). */
static gboolean run_icons(struct runner *runner, char **args)
{
	const char *const names[] = {L2C_GUI_ICON_APP, L2C_GUI_ICON_DISCONNECTED,
				     L2C_GUI_ICON_CONNECTING, L2C_GUI_ICON_CONNECTED,
				     L2C_GUI_ICON_ERROR};

	if (runner->tick == 0) {
		for (gsize i = 0; i < G_N_ELEMENTS(names); i++)
			say("icon %s: %s", names[i],
			    gtk_icon_theme_has_icon(gtk_icon_theme_get_default(), names[i])
				? "found"
				: "missing");
		runner->window = l2c_gui_icon_sheet(names, G_N_ELEMENTS(names));
		return FALSE;
	}
	shoot(runner, runner->window, args[1]);
	gtk_widget_destroy(runner->window);
	runner->window = NULL;
	return TRUE;
}

/* Lets N ticks pass (for a panel, or the watcher of the test, to read the tray). */
static gboolean run_pause(struct runner *runner, char **args)
{
	return runner->tick >= (guint)atoi(args[1]);
}

static gboolean run_quit(struct runner *runner, char **args)
{
	runner->gui->exit_status = runner->failed ? 1 : 0;
	g_application_quit(G_APPLICATION(runner->gui->app));
	return TRUE;
}

static const struct {
	const char *name;
	int n_args; /* at least */
	gboolean (*run)(struct runner *runner, char **args);
} commands[] = {
    {"menu", 1, run_menu},	 {"editor", 1, run_editor},	  {"edit", 1, run_edit},
    {"set", 2, run_set},	 {"page", 2, run_page},		  {"save", 0, run_save},
    {"connect", 1, run_connect}, {"secrets", 1, run_secrets},	  {"wait-error", 1, run_wait_error},
    {"check", 0, run_check},	 {"name", 1, run_name},		  {"duplicate", 1, run_duplicate},
    {"export", 2, run_export},	 {"mnemonics", 0, run_mnemonics}, {"tray", 0, run_tray},
    {"icons", 1, run_icons},	 {"pause", 1, run_pause},	  {"quit", 0, run_quit},
};

/* Where each connection is, for a command that waited in vain. */
static void say_connections(struct l2c_gui *gui)
{
	GHashTableIter iter;
	gpointer connection;

	g_hash_table_iter_init(&iter, gui->connections);
	while (g_hash_table_iter_next(&iter, NULL, &connection))
		say("connection %s: %s at %s", l2c_dbus_connection_get_name(connection),
		    l2c_dbus_connection_get_state(connection),
		    l2c_dbus_connection_get_stage(connection));
}

/* Runs `line` once; TRUE when it is done. */
static gboolean run_line(struct runner *runner, const char *line)
{
	g_auto(GStrv) args = g_strsplit_set(line, " \t", -1);
	guint n = g_strv_length(args);

	if (n == 0 || !*args[0] || args[0][0] == '#')
		return TRUE;
	for (gsize i = 0; i < G_N_ELEMENTS(commands); i++)
		if (g_str_equal(commands[i].name, args[0])) {
			if ((int)n - 1 < commands[i].n_args)
				return fail(runner, line);
			return commands[i].run(runner, args);
		}
	return fail(runner, line);
}

static gboolean on_tick(gpointer data)
{
	struct runner *runner = data;
	const char *line = runner->lines[runner->line];

	if (!line) {
		runner->gui->exit_status = runner->failed ? 1 : 0;
		g_application_quit(G_APPLICATION(runner->gui->app));
		return G_SOURCE_REMOVE;
	}
	if (runner->tick == 0)
		say("> %s", line);
	if (run_line(runner, line) || runner->tick >= COMMAND_TICKS_MAX) {
		if (runner->tick >= COMMAND_TICKS_MAX) {
			say_connections(runner->gui);
			fail(runner, "timed out");
		}
		runner->line++;
		runner->tick = 0;
	} else {
		runner->tick++;
	}
	return G_SOURCE_CONTINUE;
}

static void runner_free(gpointer data)
{
	struct runner *runner = data;

	g_strfreev(runner->lines);
	g_free(runner->output_dir);
	g_free(runner);
}

int l2c_gui_test_script_start(struct l2c_gui *gui, const char *script, const char *output_dir,
			      GError **error)
{
	g_autofree char *text = NULL;
	struct runner *runner;

	if (!g_file_get_contents(script, &text, NULL, error))
		return -ENOENT;
	if (g_mkdir_with_parents(output_dir, 0755) < 0) {
		g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno), "%s: %s",
			    output_dir, g_strerror(errno));
		return -errno;
	}
	runner = g_new0(struct runner, 1);
	runner->gui = gui;
	runner->lines = g_strsplit(g_strstrip(text), "\n", -1);
	runner->output_dir = g_strdup(output_dir);
	gui->exit_status = 1; /* until the script ran to its end */
	g_timeout_add_full(G_PRIORITY_DEFAULT, TICK_MS, on_tick, runner, runner_free);
	return 0;
}
