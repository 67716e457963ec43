#!/bin/sh
# Installs the Debian packages needed to build l2tp-connect, run its tests and its lab.
# Usage: packaging/install-deps.sh [--no-update]
set -eu

BUILD="gcc make autoconf automake autopoint gettext pkg-config libglib2.0-dev libglib2.0-bin
	libssl-dev libgtk-3-dev libpolkit-gobject-1-dev ppp-dev clang libclang-rt-dev"
# Run time: the IKE daemon and pppd we drive.
RUNTIME="libreswan ppp iproute2 iptables"
# The User-Mode-Linux lab: a kernel with PPP/L2TP/ESP, the reference LNS and tools.
LAB="user-mode-linux kmod xl2tpd iperf3 iputils-ping procps python3 tshark"

if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: run as root (sudo $0)" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
[ "${1:-}" = --no-update ] || apt-get update
# shellcheck disable=SC2086
apt-get install -y --no-install-recommends $BUILD $RUNTIME $LAB
