# core/profile: NetworkManager-l2tp keyfile profiles: the key table, value checks, typed
# resolution, secrets and the profile directory.

# The C files, also compiled straight into the libFuzzer target (tests/fuzz/fuzz-profile).
PROFILE_C_SOURCES = \
	core/profile/profile.c \
	core/profile/profile_entries.c \
	core/profile/profile_export.c \
	core/profile/profile_ip.c \
	core/profile/profile_keys.c \
	core/profile/profile_load.c \
	core/profile/profile_proposal.c \
	core/profile/profile_resolve.c \
	core/profile/profile_secrets.c \
	core/profile/profile_store.c \
	core/profile/profile_value_check.c
PROFILE_HDRS = \
	core/profile/profile.h \
	core/profile/profile_ip.h \
	core/profile/profile_keys.h \
	core/profile/profile_private.h \
	core/profile/profile_proposal.h \
	core/profile/profile_store.h \
	core/profile/profile_value_check.h
PROFILE_SOURCES = $(PROFILE_HDRS) $(PROFILE_C_SOURCES)

core_libl2c_core_a_SOURCES += $(PROFILE_SOURCES)

# The same with ASan/UBSan for the unit tests (GLib, so not part of libl2c-pure-asan.a).
noinst_LIBRARIES += core/libl2c-profile-asan.a
core_libl2c_profile_asan_a_SOURCES = $(PROFILE_SOURCES)
core_libl2c_profile_asan_a_CFLAGS = $(AM_CFLAGS) $(L2C_SANITIZE_CFLAGS) $(GLIB_CFLAGS)

check_PROGRAMS += tests/unit/test-profile
TESTS += tests/unit/test-profile
tests_unit_test_profile_SOURCES = tests/unit/test-profile.c
tests_unit_test_profile_CPPFLAGS = $(AM_CPPFLAGS) -DL2C_TOP_SRCDIR=\"$(abs_top_srcdir)\"
tests_unit_test_profile_CFLAGS = $(AM_CFLAGS) $(L2C_SANITIZE_CFLAGS) $(GLIB_CFLAGS)
tests_unit_test_profile_LDFLAGS = $(L2C_SANITIZE_LDFLAGS)
tests_unit_test_profile_LDADD = core/libl2c-profile-asan.a core/libl2c-pure-asan.a $(GLIB_LIBS)

PROFILE_TEST_FILES = \
	tests/data/profiles/cert-tls.nmconnection \
	tests/data/profiles/legacy-psk.nmconnection \
	tests/data/profiles/mppe-refuse.nmconnection \
	tests/data/profiles/psk.nmconnection \
	tests/data/profiles/split-routes.nmconnection
EXTRA_DIST += $(PROFILE_TEST_FILES)

# fuzz-profile: keyfile text into the parser and validator (tests/fuzz/fuzz-profile.c). Built
# like the other libFuzzer targets in tests/fuzz/local.mk: clang, straight from the sources.
FUZZ_PROFILE_SRCS = \
	tests/fuzz/fuzz-profile.c \
	$(PROFILE_C_SOURCES) \
	core/util/log.c

if HAVE_CLANG
check_SCRIPTS += tests/fuzz/fuzz-profile
endif
tests/fuzz/fuzz-profile: $(FUZZ_PROFILE_SRCS:%=$(srcdir)/%) $(PROFILE_HDRS:%=$(srcdir)/%) config.h
	$(AM_V_GEN)$(MKDIR_P) tests/fuzz && \
	$(CLANG) $(FUZZ_CFLAGS) $(DEFS) $(AM_CPPFLAGS) $(CPPFLAGS) $(GLIB_CFLAGS) \
		-o $@ $(FUZZ_PROFILE_SRCS:%=$(srcdir)/%) $(GLIB_LIBS)
CLEANFILES += tests/fuzz/fuzz-profile tests/fuzz/fuzz-profile-crash-* \
	tests/fuzz/fuzz-profile-timeout-* tests/fuzz/fuzz-profile-leak-* \
	tests/fuzz/fuzz-profile-oom-*

TESTS += tests/fuzz/fuzz-profile.sh
EXTRA_DIST += \
	tests/fuzz/corpus/profile \
	tests/fuzz/fuzz-profile.c \
	tests/fuzz/fuzz-profile.sh
