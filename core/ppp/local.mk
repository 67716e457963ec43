# core/ppp: pppd's options and exit statuses, the launcher, the plugin channel's protocol and
# our pppd plugin.

# Pure: libc and gettext only; also in the sanitizer build the unit tests link.
PPP_PURE_SOURCES = \
	core/ppp/ppp_exit_status.c \
	core/ppp/ppp_exit_status.h \
	core/ppp/ppp_plugin_protocol.c \
	core/ppp/ppp_plugin_protocol.h

core_libl2c_core_a_SOURCES += \
	$(PPP_PURE_SOURCES) \
	core/ppp/ppp_options.c \
	core/ppp/ppp_options.h
core_libl2c_pure_asan_a_SOURCES += $(PPP_PURE_SOURCES)

# The plugin is a shared object that pppd dlopen()s; it must be built against the headers
# of the pppd that loads it (pppd compares pppd_version[] with its own). Automake without
# libtool has no shared-library primary, so it is a "program" linked with -shared.
if HAVE_PPPD_HEADERS
pppdplugindir = $(pppd_plugin_dir)
pppdplugin_PROGRAMS = core/ppp/plugin/l2tp-connect-pppd.so
endif
core_ppp_plugin_l2tp_connect_pppd_so_SOURCES = \
	core/ppp/plugin/l2tp-connect-pppd.c \
	core/ppp/plugin/pppd_compat.h \
	core/ppp/ppp_plugin_protocol.c \
	core/ppp/ppp_plugin_protocol.h
core_ppp_plugin_l2tp_connect_pppd_so_CFLAGS = $(AM_CFLAGS) -fPIC -fvisibility=hidden
core_ppp_plugin_l2tp_connect_pppd_so_LDFLAGS = -shared -Wl,-soname,l2tp-connect-pppd.so

check_PROGRAMS += tests/unit/test-ppp-plugin-protocol
TESTS += tests/unit/test-ppp-plugin-protocol
tests_unit_test_ppp_plugin_protocol_SOURCES = tests/unit/test-ppp-plugin-protocol.c
tests_unit_test_ppp_plugin_protocol_CFLAGS = $(AM_CFLAGS) $(L2C_SANITIZE_CFLAGS) $(GLIB_CFLAGS)
tests_unit_test_ppp_plugin_protocol_LDFLAGS = $(L2C_SANITIZE_LDFLAGS)
tests_unit_test_ppp_plugin_protocol_LDADD = core/libl2c-pure-asan.a $(GLIB_LIBS)

# ppp_options uses GLib, so the test compiles it with the sanitizers itself.
check_PROGRAMS += tests/unit/test-ppp-options
TESTS += tests/unit/test-ppp-options
tests_unit_test_ppp_options_SOURCES = \
	tests/unit/test-ppp-options.c \
	core/ppp/ppp_options.c
tests_unit_test_ppp_options_CFLAGS = $(AM_CFLAGS) $(L2C_SANITIZE_CFLAGS) $(GLIB_CFLAGS)
tests_unit_test_ppp_options_LDFLAGS = $(L2C_SANITIZE_LDFLAGS)
tests_unit_test_ppp_options_LDADD = core/libl2c-pure-asan.a $(GLIB_LIBS)

# The launcher against a fake pppd that plays the plugin's side of the channel.
core_libl2c_core_a_SOURCES += \
	core/ppp/ppp_launcher.c \
	core/ppp/ppp_launcher.h
check_PROGRAMS += tests/unit/fake-pppd tests/unit/test-ppp-launcher
TESTS += tests/unit/test-ppp-launcher
# A helper, not a test: built plainly (a sanitizer report would change its exit status).
tests_unit_fake_pppd_SOURCES = \
	tests/unit/fake-pppd.c \
	core/ppp/ppp_plugin_protocol.c
tests_unit_test_ppp_launcher_SOURCES = \
	tests/unit/test-ppp-launcher.c \
	core/ppp/ppp_launcher.c \
	core/ppp/ppp_options.c
tests_unit_test_ppp_launcher_CPPFLAGS = $(AM_CPPFLAGS) \
	-DFAKE_PPPD=\"$(abs_top_builddir)/tests/unit/fake-pppd\"
tests_unit_test_ppp_launcher_CFLAGS = $(AM_CFLAGS) $(L2C_SANITIZE_CFLAGS) $(GLIB_CFLAGS)
tests_unit_test_ppp_launcher_LDFLAGS = $(L2C_SANITIZE_LDFLAGS)
tests_unit_test_ppp_launcher_LDADD = core/libl2c-pure-asan.a $(GLIB_LIBS)
EXTRA_tests_unit_test_ppp_launcher_DEPENDENCIES = tests/unit/fake-pppd$(EXEEXT)

# The plugin, dlopen()ed into a stand-in for pppd 2.4.9 that exports what pppd exports.
if HAVE_PPPD_HEADERS
check_PROGRAMS += tests/unit/test-ppp-plugin
TESTS += tests/unit/test-ppp-plugin
endif
tests_unit_test_ppp_plugin_SOURCES = tests/unit/test-ppp-plugin.c
tests_unit_test_ppp_plugin_CPPFLAGS = $(AM_CPPFLAGS) \
	-DL2C_PLUGIN_SO=\"$(abs_top_builddir)/core/ppp/plugin/l2tp-connect-pppd.so\"
tests_unit_test_ppp_plugin_CFLAGS = $(AM_CFLAGS) $(L2C_SANITIZE_CFLAGS) $(GLIB_CFLAGS)
tests_unit_test_ppp_plugin_LDFLAGS = $(L2C_SANITIZE_LDFLAGS) -rdynamic
tests_unit_test_ppp_plugin_LDADD = core/libl2c-pure-asan.a $(GLIB_LIBS) -ldl
EXTRA_tests_unit_test_ppp_plugin_DEPENDENCIES = core/ppp/plugin/l2tp-connect-pppd.so$(EXEEXT)
