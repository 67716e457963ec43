#!/bin/sh
# The packaging files agree with the build: the Debian changelog and the RPM spec carry
# configure.ac's version, the spec parses (rpmspec -P, when rpm is installed), and each
# package lists the files `make install` puts in place, so a file someone adds to the install
# is not silently left out of the packages.
set -u

srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
builddir=$(cd "${top_builddir:-.}" && pwd)
spec=$srcdir/packaging/rpm/l2tp-connect.spec

scratch=$(mktemp -d "${TMPDIR:-/tmp}/l2c-test-packaging.XXXXXX") || exit 99
trap 'rm -rf "$scratch"' EXIT

. "$srcdir/tests/unit/tap.sh"

package_version() {
	sed -n 's/^PACKAGE_VERSION *= *//p' "$builddir/Makefile"
}

debian_version_matches() {
	v=$(sed -n '1s/^l2tp-connect (\([^)]*\)).*/\1/p' "$srcdir/packaging/debian/changelog")
	[ "${v%-*}" = "$(package_version)" ] && return 0
	echo "packaging/debian/changelog has $v, configure.ac $(package_version)"
	return 1
}

spec_version_matches() {
	v=$(sed -n 's/^Version:[[:space:]]*//p' "$spec")
	[ "$v" = "$(package_version)" ] && return 0
	echo "packaging/rpm/l2tp-connect.spec has $v, configure.ac $(package_version)"
	return 1
}

# What `make install` installs with Debian's paths, relative to the root, one per line.
installed_files() {
	(cd "$builddir" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s install \
		DESTDIR="$scratch/root" prefix=/usr sysconfdir=/etc libdir=/usr/lib/x86_64-linux-gnu \
		systemdsystemunitdir=/lib/systemd/system >"$scratch/install.log" 2>&1) ||
		{ cat "$scratch/install.log"; return 1; }
	(cd "$scratch/root" && find . -type f -o -type l) | sed 's|^\./||' | sort
}

# The install lists of the packages this build makes (the tray app's only when the GUI is on).
install_lists() {
	for list in "$srcdir"/packaging/debian/*.install; do
		case "$list" in
		*/l2tp-connect-gnome.install) [ "$gui" = yes ] || continue ;;
		esac
		echo "$list"
	done
}

# file_matches FILE LIST...: FILE matches a line (a shell pattern, as dh_install reads it).
file_matches() {
	f=$1
	shift
	for pattern in $(cat "$@"); do
		# shellcheck disable=SC2254
		case "$f" in $pattern) return 0 ;; esac
	done
	return 1
}

# Every installed file is in a package's .install list, and every line there matches an
# installed file (dh_install fails on a line that matches nothing, dh_missing on a file left
# out).
debian_install_lists_match() {
	installed_files >"$scratch/installed" || return 1
	# shellcheck disable=SC2046
	set -- $(install_lists)
	status=0
	while read -r f; do
		file_matches "$f" "$@" ||
			{ echo "installed, in no packaging/debian/*.install: $f"; status=1; }
	done <"$scratch/installed"
	for pattern in $(cat "$@"); do
		found=0
		while read -r f; do
			# shellcheck disable=SC2254
			case "$f" in $pattern) found=1 ;; esac
		done <"$scratch/installed"
		[ $found = 1 ] || { echo "an .install file lists $pattern; make install has no such file"; status=1; }
	done
	return $status
}

gui=no
# configure's ENABLE_GUI conditional: empty when on, "#" when off.
grep -q '^S\["ENABLE_GUI_TRUE"\]=""' "$builddir/config.status" && gui=yes

echo "1..4"
check "packaging/debian/changelog has configure.ac's version" debian_version_matches
check "packaging/rpm/l2tp-connect.spec has configure.ac's version" spec_version_matches
if command -v rpmspec >/dev/null 2>&1; then
	check "rpmspec -P parses packaging/rpm/l2tp-connect.spec" rpmspec -P "$spec"
else
	skip "rpmspec (Debian package rpm) is not installed"
fi
check "packaging/debian/*.install list exactly what make install installs" \
	debian_install_lists_match
[ "$failed" -eq 0 ]
