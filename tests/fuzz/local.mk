# tests/fuzz: libFuzzer targets, one per parser, built with clang; make check runs each
# briefly over its seed corpus (skipped when clang is missing).
