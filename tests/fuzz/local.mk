# tests/fuzz: libFuzzer targets, one per parser, built with clang; make check runs each
# briefly over its seed corpus (skipped when clang is missing).

# fuzz-l2tp-message: the RFC 2661 codec (header and control message parsers). Compiled by
# clang straight from the codec sources: libFuzzer needs its own instrumentation.
FUZZ_L2TP_MESSAGE_SRCS = \
	tests/fuzz/fuzz-l2tp-message.c \
	$(L2TP_CODEC_SOURCES) \
	core/util/log.c
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all

if HAVE_CLANG
check_SCRIPTS += tests/fuzz/fuzz-l2tp-message
endif
tests/fuzz/fuzz-l2tp-message: $(FUZZ_L2TP_MESSAGE_SRCS:%=$(srcdir)/%) \
		$(L2TP_CODEC_HDRS:%=$(srcdir)/%) config.h
	$(AM_V_GEN)$(MKDIR_P) tests/fuzz && \
	$(CLANG) $(FUZZ_CFLAGS) $(DEFS) $(AM_CPPFLAGS) $(CPPFLAGS) $(OPENSSL_CFLAGS) \
		-o $@ $(FUZZ_L2TP_MESSAGE_SRCS:%=$(srcdir)/%) -lcrypto
CLEANFILES += tests/fuzz/fuzz-l2tp-message tests/fuzz/fuzz-l2tp-message-crash-* \
	tests/fuzz/fuzz-l2tp-message-timeout-* tests/fuzz/fuzz-l2tp-message-leak-* \
	tests/fuzz/fuzz-l2tp-message-oom-*

TESTS += tests/fuzz/fuzz-l2tp-message.sh
EXTRA_DIST += \
	tests/fuzz/corpus/l2tp-message \
	tests/fuzz/fuzz-l2tp-message.c \
	tests/fuzz/fuzz-l2tp-message.sh \
	tests/fuzz/gen-l2tp-corpus.py \
	tests/fuzz/run-fuzz.sh
