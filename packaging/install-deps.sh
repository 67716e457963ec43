#!/bin/sh
# Installs the Debian packages needed to build l2tp-connect, run its tests and its lab.
# Usage: packaging/install-deps.sh [--no-update] [--packaging]
#   --packaging  also what builds and checks the packages: make deb, make rpm, make check-deb
set -eu

BUILD="gcc make autoconf automake autopoint gettext pkg-config libglib2.0-dev libglib2.0-bin
	libglib2.0-dev-bin libssl-dev libgtk-3-dev libpolkit-gobject-1-dev ppp-dev clang libclang-rt-dev
	libayatana-appindicator3-dev libsecret-1-dev librsvg2-bin"
# Run time: the IKE daemon and pppd we drive (libnss3-tools: certutil and pk12util import
# IPsec certificates); the system bus and polkit for l2tp-connectd.
RUNTIME="libreswan libnss3-tools ppp iproute2 iptables dbus-daemon polkitd"
# The User-Mode-Linux lab: a kernel with PPP/L2TP/ESP, the reference LNS and tools; the
# service's test runs its own dbus-daemon and polkitd (dbus-bin: dbus-send); openssl makes
# the IPsec test's certificates.
LAB="user-mode-linux kmod xl2tpd iperf3 iputils-ping procps python3 tshark dbus-daemon dbus-bin
	polkitd util-linux passwd openssl"
# The tray app's test (tests/gui/test-gui.sh) runs it on a virtual X server.
GUI_TEST="xvfb xauth gnome-keyring libsecret-tools"
# The data files' test (tests/unit/test-data-files.sh): AppStream, .desktop and XML validators.
DATA_TEST="appstream desktop-file-utils libxml2-utils"
# Building and checking the packages (packaging/build-deb.sh, lintian, the RPM spec).
PACKAGING="debhelper dh-autoreconf dpkg-dev fakeroot lintian rpm"

update=yes
extra=
for arg in "$@"; do
	case "$arg" in
	--no-update) update=no ;;
	--packaging) extra=$PACKAGING ;;
	*)
		echo "usage: $0 [--no-update] [--packaging]" >&2
		exit 2
		;;
	esac
done

if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: run as root (sudo $0)" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
[ "$update" = no ] || apt-get update
# shellcheck disable=SC2086
apt-get install -y --no-install-recommends $BUILD $RUNTIME $LAB $GUI_TEST $DATA_TEST $extra
