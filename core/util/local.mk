# core/util: logging and small helpers shared by every layer.
noinst_LIBRARIES += core/libl2c-core.a
core_libl2c_core_a_SOURCES = \
	core/util/i18n.h \
	core/util/log.c \
	core/util/log.h \
	core/util/proc_stat.c \
	core/util/proc_stat.h
core_libl2c_core_a_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS) $(OPENSSL_CFLAGS)

# The pure layers again, built with ASan/UBSan for the unit tests.
noinst_LIBRARIES += core/libl2c-pure-asan.a
core_libl2c_pure_asan_a_SOURCES = \
	core/util/log.c \
	core/util/proc_stat.c
core_libl2c_pure_asan_a_CFLAGS = $(AM_CFLAGS) $(L2C_SANITIZE_CFLAGS) $(OPENSSL_CFLAGS)
