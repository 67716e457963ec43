/* l2tp-connect-gui: the tray icon and connection editor, a client of l2tp-connectd. */
#include "config.h"

#include "gui/connections.h"
#include "gui/editor_window.h"
#include "gui/test_script.h"
#include "gui/tray.h"
#include "util/i18n.h"

#include <locale.h>
#include <stdio.h>

struct options {
	char *test_script;
	char *test_output;
	gboolean editor;
};

static void on_activate(GApplication *app, gpointer data)
{
	struct l2c_gui *gui = data;

	/* A second start (from the application menu) opens the editor of the running one. */
	if (gui->tray)
		l2c_gui_editor_present(gui);
}

static int start(struct l2c_gui *gui, const struct options *options)
{
	g_autoptr(GError) error = NULL;

	gui->manager = l2c_gui_manager_new(&error);
	if (!gui->manager) {
		fprintf(stderr, _("l2tp-connect-gui: cannot reach the message bus: %s\n"),
			error->message);
		return -EIO;
	}
	/* Our icons under a prefix the theme does not search (/usr/local, /opt). */
	gtk_icon_theme_append_search_path(gtk_icon_theme_get_default(), DATADIR "/icons");
	gtk_window_set_default_icon_name(L2C_GUI_ICON_APP);
	l2c_gui_tray_new(gui);
	l2c_gui_connections_refresh(gui);
	l2c_gui_tray_update(gui);
	if (options->editor)
		l2c_gui_editor_present(gui);
	if (options->test_script &&
	    l2c_gui_test_script_start(gui, options->test_script,
				      options->test_output ? options->test_output : ".",
				      &error) < 0) {
		fprintf(stderr, "l2tp-connect-gui: %s\n", error->message);
		return -EINVAL;
	}
	return 0;
}

static void on_startup(GApplication *app, gpointer data)
{
	struct l2c_gui *gui = data;
	const struct options *options = g_object_get_data(G_OBJECT(app), "l2c-options");

	/* The tray keeps the app alive without windows. */
	g_application_hold(app);
	if (start(gui, options) < 0) {
		gui->exit_status = 1;
		g_application_quit(app);
	}
}

static void gui_clear(struct l2c_gui *gui)
{
	l2c_gui_tray_free(gui->tray);
	g_clear_object(&gui->manager);
	g_hash_table_unref(gui->connections);
	g_free(gui->last_notice);
}

int main(int argc, char **argv)
{
	struct options options = {0};
	struct l2c_gui gui = {0};
	const GOptionEntry entries[] = {
	    {"editor", 'e', 0, G_OPTION_ARG_NONE, &options.editor, N_("Open the connection editor"),
	     NULL},
	    {"test-script", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &options.test_script,
	     "Run the commands of FILE (tests)", "FILE"},
	    {"test-output", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &options.test_output,
	     "Screenshots of --test-script go to DIR", "DIR"},
	    {NULL},
	};
	GApplicationFlags flags = G_APPLICATION_DEFAULT_FLAGS;
	int status;

	setlocale(LC_ALL, "");
	bindtextdomain(GETTEXT_PACKAGE, LOCALEDIR);
	bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
	textdomain(GETTEXT_PACKAGE);

	/* A test run must not hand its script to an instance already running. */
	if (g_strv_contains((const char *const *)argv, "--test-script") ||
	    g_getenv("L2TP_CONNECT_GUI_NON_UNIQUE"))
		flags |= G_APPLICATION_NON_UNIQUE;
	gui.app = gtk_application_new("org.l2tpconnect.Gui", flags);
	gui.connections = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
	g_application_add_main_option_entries(G_APPLICATION(gui.app), entries);
	g_object_set_data(G_OBJECT(gui.app), "l2c-options", &options);
	g_signal_connect(gui.app, "startup", G_CALLBACK(on_startup), &gui);
	g_signal_connect(gui.app, "activate", G_CALLBACK(on_activate), &gui);
	status = g_application_run(G_APPLICATION(gui.app), argc, argv);
	gui_clear(&gui);
	g_object_unref(gui.app);
	g_free(options.test_script);
	g_free(options.test_output);
	return status ? status : gui.exit_status;
}
