# gui: l2tp-connect-gui, the GTK 3 tray icon and connection editor. It speaks only D-Bus to
# l2tp-connectd; core/ is linked for the profile key table (the editor's fields), its
# validation (checked as the user types, with daemon/settings_dict.c: the service's own
# SaveProfile step) and the profile error domain the generated D-Bus code registers.
if ENABLE_GUI
bin_PROGRAMS += gui/l2tp-connect-gui
gui_l2tp_connect_gui_SOURCES = \
	daemon/settings_dict.c \
	daemon/settings_dict.h \
	gui/connections.c \
	gui/connections.h \
	gui/editor_actions.c \
	gui/editor_actions.h \
	gui/editor_window.c \
	gui/editor_window.h \
	gui/field_check.c \
	gui/field_check.h \
	gui/gui_app.h \
	gui/gui_client.c \
	gui/gui_client.h \
	gui/icon_sheet.c \
	gui/icon_sheet.h \
	gui/keyring.c \
	gui/keyring.h \
	gui/main.c \
	gui/mnemonic.c \
	gui/mnemonic.h \
	gui/notify.c \
	gui/profile_dialog.c \
	gui/profile_dialog.h \
	gui/profile_fields.c \
	gui/profile_fields.h \
	gui/screenshot.c \
	gui/screenshot.h \
	gui/secrets_dialog.c \
	gui/secrets_dialog.h \
	gui/test_script.c \
	gui/test_script.h \
	gui/tray.c \
	gui/tray.h \
	gui/tray_indicator.c \
	gui/tray_indicator.h \
	gui/tray_status_icon.c \
	gui/tray_status_icon.h
gui_l2tp_connect_gui_CPPFLAGS = $(AM_CPPFLAGS) -DDATADIR=\"$(datadir)\"
gui_l2tp_connect_gui_CFLAGS = $(AM_CFLAGS) $(GTK_CFLAGS) $(APPINDICATOR_CFLAGS) \
	$(LIBSECRET_CFLAGS)
gui_l2tp_connect_gui_LDADD = daemon/libl2c-dbus.a core/libl2c-core.a $(GTK_LIBS) \
	$(APPINDICATOR_LIBS) $(LIBSECRET_LIBS) $(GLIB_LIBS) $(OPENSSL_LIBS)

check_PROGRAMS += tests/unit/test-gui-mnemonic
TESTS += tests/unit/test-gui-mnemonic
tests_unit_test_gui_mnemonic_SOURCES = tests/unit/test-gui-mnemonic.c gui/mnemonic.c \
	gui/mnemonic.h
tests_unit_test_gui_mnemonic_CFLAGS = $(AM_CFLAGS) $(L2C_SANITIZE_CFLAGS) $(GLIB_CFLAGS)
tests_unit_test_gui_mnemonic_LDFLAGS = $(L2C_SANITIZE_LDFLAGS)
tests_unit_test_gui_mnemonic_LDADD = $(GLIB_LIBS)

# A panel's StatusNotifierWatcher, so the GUI test sees the AppIndicator as a panel would.
check_PROGRAMS += tests/gui/fake-sni-watcher
tests_gui_fake_sni_watcher_SOURCES = tests/gui/fake-sni-watcher.c tests/gui/fake_service.c \
	tests/gui/fake_service.h
tests_gui_fake_sni_watcher_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS)
tests_gui_fake_sni_watcher_LDADD = $(GLIB_LIBS)

# A desktop's notification server, so the GUI test reads the notifications the app sends.
check_PROGRAMS += tests/gui/fake-notification-server
tests_gui_fake_notification_server_SOURCES = tests/gui/fake-notification-server.c \
	tests/gui/fake_service.c tests/gui/fake_service.h
tests_gui_fake_notification_server_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS)
tests_gui_fake_notification_server_LDADD = $(GLIB_LIBS)

# The app against the real service on a private bus, under Xvfb (skipped without it).
TESTS += tests/gui/test-gui.sh
endif
EXTRA_DIST += tests/gui/test-gui.sh tests/gui/edit-and-connect.script tests/gui/keyring.script \
	tests/gui/keyring-ask.script \
	tests/gui/dark.script tests/gui/appindicator.script

# Icons: the application's in colour, the tray's four states as symbolic icons (drawn in the
# theme's foreground colour, so they read on light and dark panels). The names are the
# L2C_GUI_ICON_* of gui/tray.h.
GUI_APP_ICON = gui/icons/l2tp-connect.svg
GUI_STATUS_ICONS = \
	gui/icons/l2tp-connect-connected-symbolic.svg \
	gui/icons/l2tp-connect-connecting-symbolic.svg \
	gui/icons/l2tp-connect-disconnected-symbolic.svg \
	gui/icons/l2tp-connect-error-symbolic.svg
EXTRA_DIST += $(GUI_APP_ICON) $(GUI_STATUS_ICONS)

# The GUI test leaves its screenshots for a reviewer; `make clean` removes them.
clean-local: clean-gui-test-output
clean-gui-test-output:
	-rm -rf gui-test-output
.PHONY: clean-gui-test-output install-gui-icon-pngs uninstall-gui-icon-pngs

# The launcher, the session autostart entry and the AppStream metainfo, with translations.
GUI_DATA_FILES = gui/l2tp-connect-gui.desktop gui/l2tp-connect-gui-autostart.desktop \
	gui/org.l2tpconnect.Gui.metainfo.xml
gui/l2tp-connect-gui.desktop: gui/l2tp-connect-gui.desktop.in $(L2C_PO_FILES)
	$(L2C_MSGFMT_DESKTOP)
gui/l2tp-connect-gui-autostart.desktop: gui/l2tp-connect-gui-autostart.desktop.in $(L2C_PO_FILES)
	$(L2C_MSGFMT_DESKTOP)
gui/org.l2tpconnect.Gui.metainfo.xml: gui/org.l2tpconnect.Gui.metainfo.xml.in $(L2C_PO_FILES)
	$(L2C_MSGFMT_XML)
CLEANFILES += $(GUI_DATA_FILES)
EXTRA_DIST += $(GUI_DATA_FILES:=.in)

if ENABLE_GUI
applicationsdir = $(datadir)/applications
nodist_applications_DATA = gui/l2tp-connect-gui.desktop
xdgautostartdir = $(sysconfdir)/xdg/autostart
nodist_xdgautostart_DATA = gui/l2tp-connect-gui-autostart.desktop
metainfodir = $(datadir)/metainfo
nodist_metainfo_DATA = gui/org.l2tpconnect.Gui.metainfo.xml
dist_man_MANS += gui/l2tp-connect-gui.1
appiconsdir = $(datadir)/icons/hicolor/scalable/apps
appicons_DATA = $(GUI_APP_ICON)
statusiconsdir = $(datadir)/icons/hicolor/scalable/status
statusicons_DATA = $(GUI_STATUS_ICONS)

# PNG renditions of the application icon for menus and panels that do not read SVG, made
# in the build (rsvg-convert) rather than kept as binaries in the tree.
if HAVE_RSVG_CONVERT
GUI_ICON_SIZES = 16 22 24 32 48 64 128 256
GUI_ICON_PNGS = $(GUI_ICON_SIZES:%=gui/icons/%/l2tp-connect.png)
noinst_DATA = $(GUI_ICON_PNGS)
CLEANFILES += $(GUI_ICON_PNGS)
gui/icons/%/l2tp-connect.png: $(GUI_APP_ICON)
	$(AM_V_GEN)$(MKDIR_P) $(@D) && $(RSVG_CONVERT) -w $* -h $* -o $@ $<

install-data-local: install-gui-icon-pngs
install-gui-icon-pngs: $(GUI_ICON_PNGS)
	@for size in $(GUI_ICON_SIZES); do \
		dir="$(DESTDIR)$(datadir)/icons/hicolor/$${size}x$${size}/apps"; \
		$(MKDIR_P) "$$dir" && \
		$(INSTALL_DATA) gui/icons/$$size/l2tp-connect.png "$$dir/l2tp-connect.png" || exit 1; \
	done
uninstall-local: uninstall-gui-icon-pngs
uninstall-gui-icon-pngs:
	@for size in $(GUI_ICON_SIZES); do \
		rm -f "$(DESTDIR)$(datadir)/icons/hicolor/$${size}x$${size}/apps/l2tp-connect.png"; \
	done
endif
else
EXTRA_DIST += gui/l2tp-connect-gui.1
endif
