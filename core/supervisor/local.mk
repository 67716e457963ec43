# core/supervisor: the connection pipeline (GLib), from profile to connected and back.
core_libl2c_core_a_SOURCES += \
	core/supervisor/connection.c \
	core/supervisor/connection.h \
	core/supervisor/connection_down.c \
	core/supervisor/connection_private.h \
	core/supervisor/connection_up.c \
	core/supervisor/pppd_record.c \
	core/supervisor/pppd_record.h \
	core/supervisor/profile_adapters.c \
	core/supervisor/profile_adapters.h

# `l2tp-connect up --foreground` against the reference LNS in the lab, without and with IPsec,
# and with IPsec beside other IPsec (a system pluto, a second connection).
if ENABLE_LAB_TESTS
TESTS += tests/lab/test-connect.sh tests/lab/test-connect-ipsec.sh tests/lab/test-ipsec-coexist.sh
endif
EXTRA_DIST += tests/lab/test-connect.sh tests/lab/test-connect-ipsec.sh \
	tests/lab/test-ipsec-coexist.sh tests/lab/lib-ipsec-client.sh
