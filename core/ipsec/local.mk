# core/ipsec: the libreswan driver. Pure layers (libc only): version parsing, connection
# validation and rendering, diagnosis of libreswan's output, host-check parsers and the
# crash-recovery record; ipsec_pkcs12.c and ipsec_cadn.c use libcrypto as well. The rest
# runs libreswan's tools through GLib.
IPSEC_PURE_SOURCES = \
	core/ipsec/ipsec_cadn.c \
	core/ipsec/ipsec_cadn.h \
	core/ipsec/ipsec_certutil.c \
	core/ipsec/ipsec_certutil.h \
	core/ipsec/ipsec_conn.c \
	core/ipsec/ipsec_conn.h \
	core/ipsec/ipsec_diagnose.c \
	core/ipsec/ipsec_diagnose.h \
	core/ipsec/ipsec_diagnose_text.c \
	core/ipsec/ipsec_pkcs12.c \
	core/ipsec/ipsec_pkcs12.h \
	core/ipsec/ipsec_preflight.c \
	core/ipsec/ipsec_preflight.h \
	core/ipsec/ipsec_state.c \
	core/ipsec/ipsec_state.h \
	core/ipsec/ipsec_version.c \
	core/ipsec/ipsec_version.h

IPSEC_GLIB_SOURCES = \
	core/ipsec/ipsec_driver.c \
	core/ipsec/ipsec_driver.h \
	core/ipsec/ipsec_driver_async.c \
	core/ipsec/ipsec_driver_cleanup.c \
	core/ipsec/ipsec_driver_files.c \
	core/ipsec/ipsec_driver_host.c \
	core/ipsec/ipsec_driver_nss.c \
	core/ipsec/ipsec_driver_private.h \
	core/ipsec/ipsec_driver_shared.c \
	core/ipsec/ipsec_driver_system.c \
	core/ipsec/ipsec_exec.c \
	core/ipsec/ipsec_exec.h \
	core/ipsec/ipsec_leakguard.c \
	core/ipsec/ipsec_leakguard.h \
	core/ipsec/ipsec_pluto.c \
	core/ipsec/ipsec_pluto.h

core_libl2c_core_a_SOURCES += $(IPSEC_PURE_SOURCES) $(IPSEC_GLIB_SOURCES)
core_libl2c_pure_asan_a_SOURCES += $(IPSEC_PURE_SOURCES)

IPSEC_TEST_CFLAGS = $(AM_CFLAGS) $(L2C_SANITIZE_CFLAGS) $(GLIB_CFLAGS)
IPSEC_TEST_LDFLAGS = $(L2C_SANITIZE_LDFLAGS)
IPSEC_TEST_LDADD = core/libl2c-pure-asan.a $(GLIB_LIBS)

check_PROGRAMS += \
	tests/unit/test-ipsec-conn \
	tests/unit/test-ipsec-version \
	tests/unit/test-ipsec-diagnose \
	tests/unit/test-ipsec-host \
	tests/unit/test-ipsec-exec \
	tests/unit/test-ipsec-certutil \
	tests/unit/test-ipsec-pkcs12
TESTS += \
	tests/unit/test-ipsec-conn \
	tests/unit/test-ipsec-version \
	tests/unit/test-ipsec-diagnose \
	tests/unit/test-ipsec-host \
	tests/unit/test-ipsec-exec \
	tests/unit/test-ipsec-certutil \
	tests/unit/test-ipsec-pkcs12

tests_unit_test_ipsec_conn_SOURCES = tests/unit/test-ipsec-conn.c
tests_unit_test_ipsec_conn_CFLAGS = $(IPSEC_TEST_CFLAGS)
tests_unit_test_ipsec_conn_LDFLAGS = $(IPSEC_TEST_LDFLAGS)
tests_unit_test_ipsec_conn_LDADD = $(IPSEC_TEST_LDADD)

tests_unit_test_ipsec_version_SOURCES = tests/unit/test-ipsec-version.c
tests_unit_test_ipsec_version_CFLAGS = $(IPSEC_TEST_CFLAGS)
tests_unit_test_ipsec_version_LDFLAGS = $(IPSEC_TEST_LDFLAGS)
tests_unit_test_ipsec_version_LDADD = $(IPSEC_TEST_LDADD)

# Fed with real libreswan 4.10 initiator output captured in network namespaces.
tests_unit_test_ipsec_diagnose_SOURCES = tests/unit/test-ipsec-diagnose.c
tests_unit_test_ipsec_diagnose_CFLAGS = $(IPSEC_TEST_CFLAGS)
tests_unit_test_ipsec_diagnose_LDFLAGS = $(IPSEC_TEST_LDFLAGS)
tests_unit_test_ipsec_diagnose_LDADD = $(IPSEC_TEST_LDADD)

# Host-check parsers, the crash-recovery record and the iptables commands.
tests_unit_test_ipsec_host_SOURCES = tests/unit/test-ipsec-host.c \
	core/ipsec/ipsec_exec.c core/ipsec/ipsec_leakguard.c
tests_unit_test_ipsec_host_CFLAGS = $(IPSEC_TEST_CFLAGS)
tests_unit_test_ipsec_host_LDFLAGS = $(IPSEC_TEST_LDFLAGS)
tests_unit_test_ipsec_host_LDADD = $(IPSEC_TEST_LDADD)

tests_unit_test_ipsec_exec_SOURCES = tests/unit/test-ipsec-exec.c core/ipsec/ipsec_exec.c
tests_unit_test_ipsec_exec_CFLAGS = $(IPSEC_TEST_CFLAGS)
tests_unit_test_ipsec_exec_LDFLAGS = $(IPSEC_TEST_LDFLAGS)
tests_unit_test_ipsec_exec_LDADD = $(IPSEC_TEST_LDADD)

tests_unit_test_ipsec_certutil_SOURCES = tests/unit/test-ipsec-certutil.c
tests_unit_test_ipsec_certutil_CFLAGS = $(IPSEC_TEST_CFLAGS)
tests_unit_test_ipsec_certutil_LDFLAGS = $(IPSEC_TEST_LDFLAGS)
tests_unit_test_ipsec_certutil_LDADD = $(IPSEC_TEST_LDADD)

# Makes its certificates and keys with libcrypto in a temporary directory.
tests_unit_test_ipsec_pkcs12_SOURCES = tests/unit/test-ipsec-pkcs12.c
tests_unit_test_ipsec_pkcs12_CFLAGS = $(IPSEC_TEST_CFLAGS) $(OPENSSL_CFLAGS)
tests_unit_test_ipsec_pkcs12_LDFLAGS = $(IPSEC_TEST_LDFLAGS)
tests_unit_test_ipsec_pkcs12_LDADD = $(IPSEC_TEST_LDADD) $(OPENSSL_LIBS)

# The lab's driver program for tests/lab/test-ipsec-driver.sh (runs inside User-Mode Linux).
check_PROGRAMS += tests/lab/ipsec-probe
# Built from the driver's own sources so it depends on nothing else in core.
tests_lab_ipsec_probe_SOURCES = tests/lab/ipsec-probe.c $(IPSEC_PURE_SOURCES) \
	$(IPSEC_GLIB_SOURCES) core/util/log.c
tests_lab_ipsec_probe_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS) $(OPENSSL_CFLAGS)
tests_lab_ipsec_probe_LDADD = $(GLIB_LIBS) $(OPENSSL_LIBS)
EXTRA_DIST += tests/lab/lib-ipsec.sh tests/lab/test-ipsec-driver.sh
if ENABLE_LAB_TESTS
TESTS += tests/lab/test-ipsec-driver.sh
endif
