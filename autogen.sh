#!/bin/sh
# Regenerates the build system from configure.ac and the Makefile.am fragments.
set -e
cd "$(dirname "$0")"
autoreconf --force --install --verbose
echo "Now run ./configure (see README)."
