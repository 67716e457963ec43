# core/datapath: kernel PPPoL2TP handoff and the userspace relay

# Pure: async HDLC framing for the pty path.
DATAPATH_PURE_SOURCES = \
	core/datapath/hdlc.c \
	core/datapath/hdlc.h \
	core/datapath/hdlc_fcs_tables.h

core_libl2c_core_a_SOURCES += \
	$(DATAPATH_PURE_SOURCES) \
	core/datapath/kernel_pppol2tp.c \
	core/datapath/kernel_pppol2tp.h \
	core/datapath/pty.c \
	core/datapath/pty.h \
	core/datapath/userspace_relay.c \
	core/datapath/userspace_relay.h
core_libl2c_pure_asan_a_SOURCES += $(DATAPATH_PURE_SOURCES)

check_PROGRAMS += tests/unit/test-hdlc
TESTS += tests/unit/test-hdlc
tests_unit_test_hdlc_SOURCES = tests/unit/test-hdlc.c
tests_unit_test_hdlc_CFLAGS = $(AM_CFLAGS) $(L2C_SANITIZE_CFLAGS) $(GLIB_CFLAGS)
tests_unit_test_hdlc_LDFLAGS = $(L2C_SANITIZE_LDFLAGS)
tests_unit_test_hdlc_LDADD = core/libl2c-pure-asan.a $(GLIB_LIBS)

# The relay between a real pty and a datagram socketpair standing in for the tunnel socket.
check_PROGRAMS += tests/unit/test-userspace-relay
TESTS += tests/unit/test-userspace-relay
tests_unit_test_userspace_relay_SOURCES = \
	tests/unit/test-userspace-relay.c \
	core/datapath/pty.c \
	core/datapath/userspace_relay.c
tests_unit_test_userspace_relay_CFLAGS = $(AM_CFLAGS) $(L2C_SANITIZE_CFLAGS) $(GLIB_CFLAGS)
tests_unit_test_userspace_relay_LDFLAGS = $(L2C_SANITIZE_LDFLAGS)
tests_unit_test_userspace_relay_LDADD = core/libl2c-pure-asan.a $(GLIB_LIBS) $(OPENSSL_LIBS)

# Only the address layout and the argument checks can run without kernel L2TP; the lab
# covers the rest.
check_PROGRAMS += tests/unit/test-kernel-pppol2tp
TESTS += tests/unit/test-kernel-pppol2tp
tests_unit_test_kernel_pppol2tp_SOURCES = \
	tests/unit/test-kernel-pppol2tp.c \
	core/datapath/kernel_pppol2tp.c
tests_unit_test_kernel_pppol2tp_CFLAGS = $(AM_CFLAGS) $(L2C_SANITIZE_CFLAGS) $(GLIB_CFLAGS)
tests_unit_test_kernel_pppol2tp_LDFLAGS = $(L2C_SANITIZE_LDFLAGS)
tests_unit_test_kernel_pppol2tp_LDADD = $(GLIB_LIBS)

# fuzz-hdlc: libFuzzer over the HDLC decoder, compiled by clang straight from the pure
# sources (FUZZ_CFLAGS and run-fuzz.sh: tests/fuzz/local.mk).
FUZZ_HDLC_SRCS = \
	tests/fuzz/fuzz-hdlc.c \
	core/datapath/hdlc.c

if HAVE_CLANG
check_SCRIPTS += tests/fuzz/fuzz-hdlc
endif
tests/fuzz/fuzz-hdlc: $(FUZZ_HDLC_SRCS:%=$(srcdir)/%) $(srcdir)/core/datapath/hdlc.h \
		$(srcdir)/core/datapath/hdlc_fcs_tables.h config.h
	$(AM_V_GEN)$(MKDIR_P) tests/fuzz && \
	$(CLANG) $(FUZZ_CFLAGS) $(DEFS) $(AM_CPPFLAGS) $(CPPFLAGS) \
		-o $@ $(FUZZ_HDLC_SRCS:%=$(srcdir)/%)
CLEANFILES += tests/fuzz/fuzz-hdlc tests/fuzz/fuzz-hdlc-crash-* tests/fuzz/fuzz-hdlc-timeout-* \
	tests/fuzz/fuzz-hdlc-leak-* tests/fuzz/fuzz-hdlc-oom-*

TESTS += tests/fuzz/fuzz-hdlc.sh
EXTRA_DIST += tests/fuzz/corpus/hdlc tests/fuzz/fuzz-hdlc.c tests/fuzz/fuzz-hdlc.sh \
	core/datapath/gen-fcs-tables.py

# What the pty itself can carry, the ceiling of any userspace relay (tests/lab/bench-pty.sh).
noinst_PROGRAMS += tests/lab/pty-ceiling
tests_lab_pty_ceiling_SOURCES = tests/lab/pty-ceiling.c
tests_lab_pty_ceiling_LDADD = core/libl2c-core.a
