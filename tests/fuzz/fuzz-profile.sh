#!/bin/sh
# make check: a short run of the profile parser fuzzer over its seed corpus (core/profile/local.mk
# builds it with clang; without clang there is no libFuzzer, so the test is skipped).
if [ -z "${CLANG:-}" ]; then
	echo "1..0 # SKIP clang not found"
	exit 0
fi
exec sh "$top_srcdir/tests/fuzz/run-fuzz.sh" \
	"$top_builddir/tests/fuzz/fuzz-profile" "$top_srcdir/tests/fuzz/corpus/profile"
