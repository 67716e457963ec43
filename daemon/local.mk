# daemon: l2tp-connectd, the system D-Bus service that owns the connections, and the files
# that install it (D-Bus policy and activation, systemd unit, polkit actions).

# The D-Bus API, generated from the introspection XML at build time into a small library
# that the service and its clients (cli/, gui/) link.
DBUS_API_XML = daemon/org.l2tpconnect.Daemon.xml
DBUS_API_GENERATED = daemon/l2c-dbus-generated.c daemon/l2c-dbus-generated.h
DBUS_CODEGEN_FLAGS = --interface-prefix org.l2tpconnect. --c-namespace L2cDbus \
	--c-generate-autocleanup all

noinst_LIBRARIES += daemon/libl2c-dbus.a
daemon_libl2c_dbus_a_SOURCES = daemon/dbus_api.h daemon/dbus_errors.c
nodist_daemon_libl2c_dbus_a_SOURCES = $(DBUS_API_GENERATED)
daemon_libl2c_dbus_a_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS)
BUILT_SOURCES += $(DBUS_API_GENERATED)
CLEANFILES += $(DBUS_API_GENERATED)

daemon/l2c-dbus-generated.h: $(DBUS_API_XML)
	$(AM_V_GEN)test -n "$(GDBUS_CODEGEN)" || \
		{ echo "gdbus-codegen not found: install libglib2.0-dev-bin" >&2; exit 1; }; \
	$(MKDIR_P) daemon && \
	$(GDBUS_CODEGEN) $(DBUS_CODEGEN_FLAGS) --header --output $@ $(srcdir)/$(DBUS_API_XML)
daemon/l2c-dbus-generated.c: $(DBUS_API_XML) daemon/l2c-dbus-generated.h
	$(AM_V_GEN)$(GDBUS_CODEGEN) $(DBUS_CODEGEN_FLAGS) --body --output $@ \
		$(srcdir)/$(DBUS_API_XML)

# Pure parts, also built with ASan/UBSan for the unit tests.
DAEMON_PURE_SOURCES = \
	daemon/reconnect_backoff.c \
	daemon/reconnect_backoff.h

sbin_PROGRAMS += daemon/l2tp-connectd
daemon_l2tp_connectd_SOURCES = \
	$(DAEMON_PURE_SOURCES) \
	daemon/active_connection.c \
	daemon/active_connection.h \
	daemon/authority.c \
	daemon/authority.h \
	daemon/connection_skeleton.c \
	daemon/connection_skeleton.h \
	daemon/main.c \
	daemon/manager.c \
	daemon/manager.h \
	daemon/runtime_dir.c \
	daemon/runtime_dir.h \
	daemon/settings_dict.c \
	daemon/settings_dict.h
daemon_l2tp_connectd_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS) $(POLKIT_CFLAGS)
daemon_l2tp_connectd_LDADD = daemon/libl2c-dbus.a core/libl2c-core.a $(POLKIT_LIBS) \
	$(GLIB_LIBS) $(OPENSSL_LIBS)
if HAVE_POLKIT
daemon_l2tp_connectd_CPPFLAGS = $(AM_CPPFLAGS) -DHAVE_POLKIT=1
endif

# Unit tests: the back-off schedule, the profile <-> a{ss} conversion, the pppd record.
check_PROGRAMS += tests/unit/test-daemon-backoff
TESTS += tests/unit/test-daemon-backoff
tests_unit_test_daemon_backoff_SOURCES = tests/unit/test-daemon-backoff.c $(DAEMON_PURE_SOURCES)
tests_unit_test_daemon_backoff_CFLAGS = $(AM_CFLAGS) $(L2C_SANITIZE_CFLAGS) $(GLIB_CFLAGS)
tests_unit_test_daemon_backoff_LDFLAGS = $(L2C_SANITIZE_LDFLAGS)
tests_unit_test_daemon_backoff_LDADD = $(GLIB_LIBS)

check_PROGRAMS += tests/unit/test-daemon-settings
TESTS += tests/unit/test-daemon-settings
tests_unit_test_daemon_settings_SOURCES = \
	tests/unit/test-daemon-settings.c \
	daemon/settings_dict.c \
	daemon/settings_dict.h
tests_unit_test_daemon_settings_CPPFLAGS = $(AM_CPPFLAGS) -DL2C_TOP_SRCDIR=\"$(abs_top_srcdir)\"
tests_unit_test_daemon_settings_CFLAGS = $(AM_CFLAGS) $(L2C_SANITIZE_CFLAGS) $(GLIB_CFLAGS)
tests_unit_test_daemon_settings_LDFLAGS = $(L2C_SANITIZE_LDFLAGS)
tests_unit_test_daemon_settings_LDADD = core/libl2c-profile-asan.a core/libl2c-pure-asan.a \
	$(GLIB_LIBS)

check_PROGRAMS += tests/unit/test-pppd-record
TESTS += tests/unit/test-pppd-record
tests_unit_test_pppd_record_SOURCES = \
	tests/unit/test-pppd-record.c \
	core/supervisor/pppd_record.c \
	core/supervisor/pppd_record.h
tests_unit_test_pppd_record_CFLAGS = $(AM_CFLAGS) $(L2C_SANITIZE_CFLAGS) $(GLIB_CFLAGS)
tests_unit_test_pppd_record_LDFLAGS = $(L2C_SANITIZE_LDFLAGS)
tests_unit_test_pppd_record_LDADD = core/libl2c-pure-asan.a $(GLIB_LIBS)

# Installing the service: where the system's D-Bus, systemd and polkit look, taken from
# their .pc files under our prefix (so `make distcheck` stays inside it).
dbuspolicydir = $(datadir)/dbus-1/system.d
dbussystemservicedir = $(or $(shell $(PKG_CONFIG) --define-variable=prefix='$(prefix)' \
	--define-variable=datadir='$(datadir)' --variable=system_bus_services_dir dbus-1 \
	2>/dev/null),$(datadir)/dbus-1/system-services)
polkitactiondir = $(or $(shell $(PKG_CONFIG) --define-variable=prefix='$(prefix)' \
	--define-variable=datadir='$(datadir)' --variable=policydir polkit-gobject-1 \
	2>/dev/null),$(datadir)/polkit-1/actions)

dist_dbuspolicy_DATA = daemon/org.l2tpconnect.Daemon.conf
nodist_dbussystemservice_DATA = daemon/org.l2tpconnect.Daemon.service
nodist_systemdsystemunit_DATA = daemon/l2tp-connectd.service
nodist_polkitaction_DATA = daemon/org.l2tpconnect.policy

DAEMON_SUBST = sed -e 's|@sbindir[@]|$(sbindir)|g' -e 's|@sysconfdir[@]|$(sysconfdir)|g'
daemon/org.l2tpconnect.Daemon.service: daemon/org.l2tpconnect.Daemon.service.in Makefile
	$(AM_V_GEN)$(MKDIR_P) daemon && $(DAEMON_SUBST) $(srcdir)/$@.in >$@.tmp && mv $@.tmp $@
daemon/l2tp-connectd.service: daemon/l2tp-connectd.service.in Makefile
	$(AM_V_GEN)$(MKDIR_P) daemon && $(DAEMON_SUBST) $(srcdir)/$@.in >$@.tmp && mv $@.tmp $@
daemon/org.l2tpconnect.policy: daemon/org.l2tpconnect.policy.in $(L2C_PO_FILES)
	$(L2C_MSGFMT_XML)
CLEANFILES += daemon/org.l2tpconnect.Daemon.service daemon/l2tp-connectd.service \
	daemon/org.l2tpconnect.policy

dist_man_MANS += man/l2tp-connectd.8

EXTRA_DIST += \
	$(DBUS_API_XML) \
	daemon/org.l2tpconnect.Daemon.service.in \
	daemon/l2tp-connectd.service.in \
	daemon/org.l2tpconnect.policy.in

# The service's D-Bus API on a private session bus (needs dbus-daemon; skipped without it).
TESTS += tests/unit/test-daemon-bus.sh
EXTRA_DIST += tests/unit/test-daemon-bus.sh
