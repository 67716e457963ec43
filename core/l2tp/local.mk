# core/l2tp: the RFC 2661 LAC engine. Codec (pure), reliable delivery and the tunnel and
# session state machines (pure, transport and clock as parameters), and the GLib edge.

# The codec's C files, also compiled straight into the libFuzzer target (tests/fuzz).
L2TP_CODEC_SOURCES = \
	core/l2tp/l2tp_avp_decode.c \
	core/l2tp/l2tp_avp_parse.c \
	core/l2tp/l2tp_builder.c \
	core/l2tp/l2tp_challenge.c \
	core/l2tp/l2tp_header.c \
	core/l2tp/l2tp_hidden.c \
	core/l2tp/l2tp_md5.c \
	core/l2tp/l2tp_names.c
L2TP_CODEC_HDRS = \
	core/l2tp/l2tp_avp_decode.h \
	core/l2tp/l2tp_codec.h \
	core/l2tp/l2tp_hidden.h \
	core/l2tp/l2tp_md5.h \
	core/l2tp/l2tp_wire.h

# Reliable delivery, the tunnel and session state machines, readable peer text.
L2TP_FSM_SOURCES = \
	core/l2tp/l2tp_reliable.c \
	core/l2tp/l2tp_reliable.h \
	core/l2tp/l2tp_session.c \
	core/l2tp/l2tp_session.h \
	core/l2tp/l2tp_text.c \
	core/l2tp/l2tp_text.h \
	core/l2tp/l2tp_tunnel.c \
	core/l2tp/l2tp_tunnel.h

L2TP_PURE_SOURCES = \
	$(L2TP_CODEC_HDRS) \
	$(L2TP_CODEC_SOURCES) \
	$(L2TP_FSM_SOURCES)

core_libl2c_core_a_SOURCES += $(L2TP_PURE_SOURCES)
core_libl2c_pure_asan_a_SOURCES += $(L2TP_PURE_SOURCES)

check_PROGRAMS += tests/unit/test-l2tp-codec
TESTS += tests/unit/test-l2tp-codec
tests_unit_test_l2tp_codec_SOURCES = tests/unit/test-l2tp-codec.c
tests_unit_test_l2tp_codec_CFLAGS = $(AM_CFLAGS) $(L2C_SANITIZE_CFLAGS) $(GLIB_CFLAGS) $(OPENSSL_CFLAGS)
tests_unit_test_l2tp_codec_LDFLAGS = $(L2C_SANITIZE_LDFLAGS)
tests_unit_test_l2tp_codec_LDADD = core/libl2c-pure-asan.a $(GLIB_LIBS) $(OPENSSL_LIBS)

# Reliable delivery and the tunnel/session state machines, against a fake LNS and clock.
check_PROGRAMS += tests/unit/test-l2tp-reliable tests/unit/test-l2tp-tunnel
TESTS += tests/unit/test-l2tp-reliable tests/unit/test-l2tp-tunnel
tests_unit_test_l2tp_reliable_SOURCES = tests/unit/test-l2tp-reliable.c
tests_unit_test_l2tp_reliable_CFLAGS = $(AM_CFLAGS) $(L2C_SANITIZE_CFLAGS) $(GLIB_CFLAGS) $(OPENSSL_CFLAGS)
tests_unit_test_l2tp_reliable_LDFLAGS = $(L2C_SANITIZE_LDFLAGS)
tests_unit_test_l2tp_reliable_LDADD = core/libl2c-pure-asan.a $(GLIB_LIBS) $(OPENSSL_LIBS)
tests_unit_test_l2tp_tunnel_SOURCES = tests/unit/test-l2tp-tunnel.c
tests_unit_test_l2tp_tunnel_CFLAGS = $(AM_CFLAGS) $(L2C_SANITIZE_CFLAGS) $(GLIB_CFLAGS) $(OPENSSL_CFLAGS)
tests_unit_test_l2tp_tunnel_LDFLAGS = $(L2C_SANITIZE_LDFLAGS)
tests_unit_test_l2tp_tunnel_LDADD = core/libl2c-pure-asan.a $(GLIB_LIBS) $(OPENSSL_LIBS)

# The GLib edge: UDP socket, timers, randomness, async open/close.
core_libl2c_core_a_SOURCES += \
	core/l2tp/l2tp_glib_tunnel.c \
	core/l2tp/l2tp_glib_tunnel.h

# The probe the lab tests run against a real LNS (tests/lab).
noinst_PROGRAMS += tests/lab/l2tp-probe
tests_lab_l2tp_probe_SOURCES = tests/lab/l2tp-probe.c
tests_lab_l2tp_probe_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS) $(OPENSSL_CFLAGS)
tests_lab_l2tp_probe_LDADD = core/libl2c-core.a $(GLIB_LIBS) $(OPENSSL_LIBS)

# The GLib edge over loopback UDP against an in-process fake LNS.
check_PROGRAMS += tests/unit/test-l2tp-glib-tunnel
TESTS += tests/unit/test-l2tp-glib-tunnel
tests_unit_test_l2tp_glib_tunnel_SOURCES = tests/unit/test-l2tp-glib-tunnel.c
tests_unit_test_l2tp_glib_tunnel_CFLAGS = $(AM_CFLAGS) $(L2C_SANITIZE_CFLAGS) $(GLIB_CFLAGS) $(OPENSSL_CFLAGS)
tests_unit_test_l2tp_glib_tunnel_LDFLAGS = $(L2C_SANITIZE_LDFLAGS)
tests_unit_test_l2tp_glib_tunnel_LDADD = core/libl2c-core.a $(GLIB_LIBS) $(OPENSSL_LIBS)
