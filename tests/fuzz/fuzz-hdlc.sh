#!/bin/sh
# make check: a short run of the HDLC decoder fuzzer over its seed corpus
# (core/datapath/local.mk builds it with clang; without clang it is skipped).
if [ -z "${CLANG:-}" ]; then
	echo "1..0 # SKIP clang not found"
	exit 0
fi
exec sh "$top_srcdir/tests/fuzz/run-fuzz.sh" \
	"$top_builddir/tests/fuzz/fuzz-hdlc" "$top_srcdir/tests/fuzz/corpus/hdlc"
