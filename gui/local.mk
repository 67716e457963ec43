# gui: l2tp-connect-gui, the GTK 3 tray icon and connection editor. It speaks only D-Bus to
# l2tp-connectd; core/ is linked for the profile key table (the editor's fields) and the
# profile error domain the generated D-Bus code registers.
if ENABLE_GUI
bin_PROGRAMS += gui/l2tp-connect-gui
gui_l2tp_connect_gui_SOURCES = \
	gui/connections.c \
	gui/connections.h \
	gui/editor_window.c \
	gui/editor_window.h \
	gui/gui_app.h \
	gui/gui_client.c \
	gui/gui_client.h \
	gui/main.c \
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
	gui/tray.h
gui_l2tp_connect_gui_CFLAGS = $(AM_CFLAGS) $(GTK_CFLAGS)
gui_l2tp_connect_gui_LDADD = daemon/libl2c-dbus.a core/libl2c-core.a $(GTK_LIBS) \
	$(GLIB_LIBS) $(OPENSSL_LIBS)

# The app against the real service on a private bus, under Xvfb (skipped without it).
TESTS += tests/gui/test-gui.sh
endif
EXTRA_DIST += tests/gui/test-gui.sh tests/gui/edit-and-connect.script

# The GUI test leaves its screenshots for a reviewer; `make clean` removes them.
clean-local: clean-gui-test-output
clean-gui-test-output:
	-rm -rf gui-test-output
.PHONY: clean-gui-test-output

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
else
EXTRA_DIST += gui/l2tp-connect-gui.1
endif
