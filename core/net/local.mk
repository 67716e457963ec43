# core/net: routes and DNS for a connection, and their exact undoing.
# Pure layers (libc only): input validation, the rtnetlink message codec, split-route
# parsing and the route plan. The rest talks to the kernel, D-Bus and resolvconf.
NET_PURE_SOURCES = \
	core/net/net_addr.c \
	core/net/net_addr.h \
	core/net/netlink_route_msg.c \
	core/net/netlink_route_msg.h \
	core/net/route_plan.c \
	core/net/route_plan.h \
	core/net/split_route.c \
	core/net/split_route.h

NET_SYSTEM_SOURCES = \
	core/net/dns.c \
	core/net/dns.h \
	core/net/net_config.c \
	core/net/net_config.h \
	core/net/net_state.c \
	core/net/net_state.h \
	core/net/netlink_route.c \
	core/net/netlink_route.h \
	core/net/route_owners.c \
	core/net/route_owners.h

core_libl2c_core_a_SOURCES += $(NET_PURE_SOURCES) $(NET_SYSTEM_SOURCES)
core_libl2c_pure_asan_a_SOURCES += $(NET_PURE_SOURCES)

# The GLib-using sources are compiled into their tests, so they run under the sanitizers too.
NET_TEST_COMPILE_FLAGS = $(AM_CFLAGS) $(L2C_SANITIZE_CFLAGS) $(GLIB_CFLAGS)
NET_TEST_LINK_FLAGS = $(L2C_SANITIZE_LDFLAGS)
NET_TEST_LIBS = core/libl2c-pure-asan.a $(GLIB_LIBS)

check_PROGRAMS += \
	tests/unit/test-net-netlink-msg \
	tests/unit/test-net-route-plan \
	tests/unit/test-net-state \
	tests/unit/test-net-dns \
	tests/unit/test-net-netns
TESTS += \
	tests/unit/test-net-netlink-msg \
	tests/unit/test-net-route-plan \
	tests/unit/test-net-state \
	tests/unit/test-net-dns \
	tests/unit/test-net-netns

tests_unit_test_net_netlink_msg_SOURCES = tests/unit/test-net-netlink-msg.c
tests_unit_test_net_netlink_msg_CFLAGS = $(NET_TEST_COMPILE_FLAGS)
tests_unit_test_net_netlink_msg_LDFLAGS = $(NET_TEST_LINK_FLAGS)
tests_unit_test_net_netlink_msg_LDADD = $(NET_TEST_LIBS)

tests_unit_test_net_route_plan_SOURCES = tests/unit/test-net-route-plan.c
tests_unit_test_net_route_plan_CFLAGS = $(NET_TEST_COMPILE_FLAGS)
tests_unit_test_net_route_plan_LDFLAGS = $(NET_TEST_LINK_FLAGS)
tests_unit_test_net_route_plan_LDADD = $(NET_TEST_LIBS)

tests_unit_test_net_state_SOURCES = tests/unit/test-net-state.c core/net/net_state.c core/net/dns.c
tests_unit_test_net_state_CFLAGS = $(NET_TEST_COMPILE_FLAGS)
tests_unit_test_net_state_LDFLAGS = $(NET_TEST_LINK_FLAGS)
tests_unit_test_net_state_LDADD = $(NET_TEST_LIBS)

tests_unit_test_net_dns_SOURCES = tests/unit/test-net-dns.c core/net/dns.c
tests_unit_test_net_dns_CFLAGS = $(NET_TEST_COMPILE_FLAGS)
tests_unit_test_net_dns_LDFLAGS = $(NET_TEST_LINK_FLAGS)
tests_unit_test_net_dns_LDADD = $(NET_TEST_LIBS)

# Applies and removes routes in a private network namespace; skips unless run as root on a
# kernel that allows it.
tests_unit_test_net_netns_SOURCES = tests/unit/test-net-netns.c \
	core/net/dns.c core/net/net_config.c core/net/net_state.c core/net/netlink_route.c \
	core/net/route_owners.c
tests_unit_test_net_netns_CFLAGS = $(NET_TEST_COMPILE_FLAGS)
tests_unit_test_net_netns_LDFLAGS = $(NET_TEST_LINK_FLAGS)
tests_unit_test_net_netns_LDADD = $(NET_TEST_LIBS)

# fuzz-net: libFuzzer over the rtnetlink reply parser and the split-route parser, compiled
# by clang straight from the pure sources (FUZZ_CFLAGS and run-fuzz.sh: tests/fuzz/local.mk).
FUZZ_NET_SRCS = \
	tests/fuzz/fuzz-net.c \
	core/net/net_addr.c \
	core/net/netlink_route_msg.c \
	core/net/split_route.c \
	core/util/log.c
FUZZ_NET_HDRS = core/net/net_addr.h core/net/netlink_route_msg.h core/net/split_route.h

if HAVE_CLANG
check_SCRIPTS += tests/fuzz/fuzz-net
endif
tests/fuzz/fuzz-net: $(FUZZ_NET_SRCS:%=$(srcdir)/%) $(FUZZ_NET_HDRS:%=$(srcdir)/%) config.h
	$(AM_V_GEN)$(MKDIR_P) tests/fuzz && \
	$(CLANG) $(FUZZ_CFLAGS) $(DEFS) $(AM_CPPFLAGS) $(CPPFLAGS) \
		-o $@ $(FUZZ_NET_SRCS:%=$(srcdir)/%)
CLEANFILES += tests/fuzz/fuzz-net tests/fuzz/fuzz-net-crash-* tests/fuzz/fuzz-net-timeout-* \
	tests/fuzz/fuzz-net-leak-* tests/fuzz/fuzz-net-oom-*

TESTS += tests/fuzz/fuzz-net.sh
EXTRA_DIST += tests/fuzz/corpus/net tests/fuzz/fuzz-net.c tests/fuzz/fuzz-net.sh
