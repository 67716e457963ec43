#!/bin/sh
# Builds the Debian binary packages from a clean copy of this tree.
#
#   packaging/build-deb.sh [--lintian] [--keep] OUTDIR
#
# Copies the tree's source files (what git tracks plus new files it does not ignore; or the
# whole tree when it is not a git checkout, e.g. an unpacked `make dist` tarball) into a
# scratch directory, puts packaging/debian/ there as debian/, runs
# `dpkg-buildpackage -us -uc -b` and copies the .deb, .buildinfo and .changes files into
# OUTDIR. --lintian then runs lintian on the .debs and fails on any error or warning.
# --keep leaves the scratch directory (its path is printed). Build dependencies:
# packaging/install-deps.sh --packaging. DEB_BUILD_OPTIONS passes through (nocheck, ...).
set -eu

usage() {
	echo "usage: $0 [--lintian] [--keep] OUTDIR" >&2
	exit 2
}

run_lintian=0
keep=0
while [ $# -gt 0 ]; do
	case "$1" in
	--lintian) run_lintian=1 ;;
	--keep) keep=1 ;;
	-h | --help) usage ;;
	-*) usage ;;
	*) break ;;
	esac
	shift
done
[ $# -eq 1 ] || usage
mkdir -p "$1"
outdir=$(cd "$1" && pwd -P)
srcdir=$(cd "$(dirname "$0")/.." && pwd -P)

# A configured source tree would carry its build products into the package build.
if [ -f "$srcdir/config.status" ]; then
	echo "build-deb: $srcdir is configured in-tree; run 'make distclean' there first" >&2
	exit 1
fi

version=$(dpkg-parsechangelog -l "$srcdir/packaging/debian/changelog" -S Version)
upstream=${version%-*}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/l2c-deb.XXXXXX")
cleanup() {
	if [ "$keep" = 1 ]; then
		echo "build-deb: kept $scratch" >&2
	else
		rm -rf "$scratch"
	fi
}
trap cleanup EXIT
tree=$scratch/l2tp-connect-$upstream

# Source files only: tracked ones that still exist plus untracked ones git does not ignore.
export_tree() {
	mkdir -p "$tree"
	if git -C "$srcdir" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		(cd "$srcdir" && git ls-files -z --cached --others --exclude-standard) |
			(cd "$srcdir" && xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\n" "$f"; done' sh) |
			(cd "$srcdir" && tar -cf - --no-recursion -T -) | (cd "$tree" && tar -xf -)
	else
		(cd "$srcdir" && tar -cf - --exclude=./debian .) | (cd "$tree" && tar -xf -)
	fi
	rm -rf "$tree/debian"
	cp -R "$srcdir/packaging/debian" "$tree/debian"
}

export_tree
echo "build-deb: building l2tp-connect $version in $tree" >&2
(cd "$tree" && dpkg-buildpackage -us -uc -b -J"$(nproc)")

found=0
for f in "$scratch"/*.deb "$scratch"/*.buildinfo "$scratch"/*.changes; do
	[ -e "$f" ] || continue
	cp "$f" "$outdir/"
	found=1
done
[ "$found" = 1 ] || { echo "build-deb: no packages were built" >&2; exit 1; }
ls -1 "$outdir"/*.deb

if [ "$run_lintian" = 1 ]; then
	# shellcheck disable=SC2046
	lintian --fail-on error,warning --info $(ls "$outdir"/*_"$version"_*.deb)
fi
