#!/bin/sh
# The Debian packages, as a user gets them: `dpkg -i` of l2tp-connect and l2tp-connect-gnome
# into the lab's copy-on-write root, then the installed l2tp-connect (its installed pppd
# plugin, catalogue and defaults; the build tree's programs are hidden) connects to the
# reference LNS through IPsec with a pre-shared key and disconnects cleanly, and `dpkg -r` /
# `dpkg -P` leave no file of ours behind. l2tp-connect itself must not need GTK, so that a
# headless server installs it alone.
#
#   tests/lab/test-deb.sh [DEB_DIR]     (default: $L2C_DEB_DIR, else $top_builddir/deb)
#
# DEB_DIR holds the packages packaging/build-deb.sh built; `make check-deb` builds them and
# runs this. The host's root is read-only to the guest: nothing is installed on the host.
if [ -z "${LAB_INSIDE:-}" ]; then
	deb_dir=${1:-${L2C_DEB_DIR:-${top_builddir:-.}/deb}}
	[ -d "$deb_dir" ] || { echo "Bail out! no package directory $deb_dir (make deb)"; exit 99; }
	deb_dir=$(cd "$deb_dir" && pwd -P)
	exec /bin/sh "$(dirname "$0")/run" --timeout "${LAB_TIMEOUT:-300}" "$0" "$deb_dir"
fi
. "$top_srcdir/tests/lab/lib.sh"
. "$top_srcdir/tests/lab/lib-ipsec.sh"

DEB_DIR=$1
PKG=l2tp-connect
GUI_PKG=l2tp-connect-gnome
L2C=/usr/bin/l2tp-connect
RUNTIME=/run/l2tp-connect
PROFILE=$LAB_OUT/lab.nmconnection

lab_plan 18

deb=$(ls "$DEB_DIR"/${PKG}_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || lab_bail "no ${PKG}_*.deb in $DEB_DIR"
gui_deb=$(ls "$DEB_DIR"/${GUI_PKG}_*.deb 2>/dev/null | head -n 1)
[ -n "$gui_deb" ] || lab_bail "no ${GUI_PKG}_*.deb in $DEB_DIR"
lab_diag "packages: $deb $gui_deb"
for pkg in $PKG $GUI_PKG; do
	if dpkg -s "$pkg" >/dev/null 2>&1; then
		lab_bail "$pkg is installed on the host already; this test needs a system without it"
	fi
done
command -v ipsec >/dev/null || lab_bail "libreswan is not installed"

write_profile() {
	cat >"$PROFILE" <<EOF
[connection]
id=lab-deb
uuid=0b5a3c36-4c8e-4c43-9d4f-3f0fb0a1a0de
type=vpn
autoconnect=false

[vpn]
service-type=org.freedesktop.NetworkManager.l2tp
gateway=$LAB_LNS_ADDR
user=$LAB_PPP_USER
password-flags=1
ipsec-enabled=yes
ipsec-psk-flags=1

[ipv4]
method=auto
EOF
}

# The guest reads the host's files through hostfs, which holds a host file descriptor for
# every inode in its cache; dpkg reads thousands of files of its database, and the UML process
# runs out of descriptors. Dropping the caches closes them. man-db's trigger, which would
# read every manual page the same way, is switched off (only in the guest's overlay).
rm -f /var/lib/man-db/auto-update
drop_caches() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
}

dpkg_in_lab() {
	drop_caches
	dpkg "$@"
	dpkg_status=$?
	drop_caches
	return $dpkg_status
}

routes_snapshot() {
	ip -n lac -4 route show table all | grep -v '^local\|^broadcast' | sort
}

lac_has_pppd() {
	for pid in $(ip netns pids lac); do
		[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = pppd ] && return 0
	done
	return 1
}

# The pppd of the connection has the installed plugin mapped.
pppd_loaded_installed_plugin() {
	plugin=$(grep '/l2tp-connect-pppd\.so$' "$LAB_OUT/installed-files" | head -n 1)
	for pid in $(ip netns pids lac); do
		[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = pppd ] || continue
		grep -qF "$plugin" "/proc/$pid/maps" && return 0
	done
	echo "no pppd in lac maps $plugin"
	return 1
}

no_clear_l2tp_reached_lns() {
	dropped=$(lab_ipsec_lns_clear_l2tp_dropped)
	echo "clear L2TP packets the LNS dropped: ${dropped:-no rule}"
	[ "$dropped" = 0 ]
}

connected() {
	grep -q '^connected ' "$LAB_OUT/up.out"
}

nothing_left_after_disconnect() {
	! lac_has_pppd && ! ip -n lac -o link show | grep -q ': ppp' &&
		[ "$(routes_snapshot)" = "$routes_before" ] && lab_ipsec_nothing_left "$RUNTIME"
}

# pppd refuses a plugin built for another pppd version: the package must pin ppp to the
# version of the pppd installed here, which is the one it was built against.
depends_pins_installed_ppp() {
	depends=$(dpkg-deb -f "$deb" Depends)
	ppp_version=$(dpkg-query -W -f '${Version}' ppp)
	upstream=${ppp_version#*:}
	upstream=${upstream%%-*}
	at_least=$(echo "$depends" | sed -n 's/.*ppp (>= \([^)]*\)).*/\1/p')
	below=$(echo "$depends" | sed -n 's/.*ppp (<< \([^)]*\)).*/\1/p')
	echo "Depends: $depends; installed ppp $ppp_version"
	[ -n "$at_least" ] && [ -n "$below" ] && [ "${at_least%%-*}" = "$upstream" ] &&
		[ "${below%%-*}" = "$upstream" ] &&
		dpkg --compare-versions "$ppp_version" ge "$at_least" &&
		dpkg --compare-versions "$ppp_version" lt "$below"
}

installed_files() {
	dpkg -L "$PKG" "$GUI_PKG" | while read -r f; do
		[ -d "$f" ] || echo "$f"
	done
}

# A server installs l2tp-connect without the desktop: no GTK among its dependencies.
cli_package_needs_no_gtk() {
	depends=$(dpkg-deb -f "$deb" Depends)
	echo "Depends: $depends"
	! echo "$depends" | grep -qE 'libgtk|libgdk|l2tp-connect-gnome'
}

# The tray app's package: its program, the launcher, the autostart entry (a conffile) and
# the AppStream metainfo.
gui_package_has_its_files() {
	for f in /usr/bin/l2tp-connect-gui /usr/share/applications/l2tp-connect-gui.desktop \
		/etc/xdg/autostart/l2tp-connect-gui-autostart.desktop \
		/usr/share/metainfo/org.l2tpconnect.Gui.metainfo.xml; do
		grep -qx "$f" "$LAB_OUT/installed-files" || { echo "missing: $f"; return 1; }
	done
	dpkg-query -W -f '${Conffiles}\n' "$GUI_PKG" | grep -q ' /etc/xdg/autostart/l2tp-connect-gui-autostart.desktop ' ||
		{ echo "the autostart entry is not a conffile"; return 1; }
}

# The build tree's programs and pppd plugin are out of reach, so what runs is what dpkg
# installed (the guest's mounts are its own; the host's tree is untouched).
hide_build_tree() {
	for dir in cli core daemon gui; do
		[ -d "$top_builddir/$dir" ] || continue
		mount -t tmpfs -o ro,size=4k l2c-hidden "$top_builddir/$dir" || return 1
	done
}

package_has_its_files() {
	for f in "$L2C" /usr/sbin/l2tp-connectd /usr/share/locale/de/LC_MESSAGES/l2tp-connect.mo; do
		grep -qx "$f" "$LAB_OUT/installed-files" || { echo "missing: $f"; return 1; }
	done
	grep -q '/l2tp-connect-pppd\.so$' "$LAB_OUT/installed-files"
}

help_is_german() {
	LC_ALL=C.UTF-8 LANGUAGE=de "$L2C" --help >"$LAB_OUT/help-de.txt" 2>&1
	grep -q 'die gespeicherten Profile auflisten' "$LAB_OUT/help-de.txt"
}

# nothing_of_ours_left [--before-purge]: every file the packages had is gone, and nothing of
# ours was made elsewhere (searched by name where a package or the client writes). dpkg's
# records are not ours; neither is deb-systemd-helper's note of the unit, which it keeps,
# like dpkg its records, until the purge (so not with --before-purge). Before the purge,
# the conffiles stay too: dpkg keeps a removed package's configuration in /etc (here the
# tray app's autostart entry) until it is purged, so that a reinstall finds the admin's edits.
nothing_of_ours_left() {
	keep=/var/lib/dpkg
	: >"$LAB_OUT/kept-files"
	if [ "${1:-}" = --before-purge ]; then
		keep="$keep /var/lib/systemd/deb-systemd-helper-enabled"
		cp "$LAB_OUT/conffiles" "$LAB_OUT/kept-files"
	fi
	status=0
	while read -r f; do
		grep -qxF "$f" "$LAB_OUT/kept-files" && continue
		[ -e "$f" ] && { echo "left behind: $f"; status=1; }
	done <"$LAB_OUT/installed-files"
	drop_caches
	find /usr /etc /var /opt /run -xdev \( -name '*l2tp-connect*' -o -name '*l2tpconnect*' \) \
		-newer "$LAB_OUT/marker" -print 2>/dev/null >"$LAB_OUT/found"
	for dir in $keep; do
		grep -v "^$dir/" "$LAB_OUT/found" >"$LAB_OUT/found.1"
		mv "$LAB_OUT/found.1" "$LAB_OUT/found"
	done
	grep -vxF -f "$LAB_OUT/kept-files" "$LAB_OUT/found" >"$LAB_OUT/found.1"
	mv "$LAB_OUT/found.1" "$LAB_OUT/found"
	[ -s "$LAB_OUT/kept-files" ] && echo "conffiles kept until the purge: $(cat "$LAB_OUT/kept-files")"
	drop_caches
	[ -s "$LAB_OUT/found" ] && { echo "left behind:"; cat "$LAB_OUT/found"; status=1; }
	return $status
}

: >"$LAB_OUT/marker"
sleep 1
lab_check "l2tp-connect does not depend on GTK or the tray app" cli_package_needs_no_gtk
lab_check "dpkg -i installs both packages (their dependencies are on this system)" \
	dpkg_in_lab -i "$deb" "$gui_deb"
installed_files >"$LAB_OUT/installed-files"
dpkg-query -W -f '${Conffiles}\n' "$PKG" "$GUI_PKG" | awk 'NF { print $1 }' >"$LAB_OUT/conffiles"
lab_check "the package installs the CLI, the service, the pppd plugin and the German catalogue" \
	package_has_its_files
lab_check "$GUI_PKG installs the tray app, its launcher, autostart conffile and metainfo" \
	gui_package_has_its_files
hide_build_tree || lab_bail "cannot hide the build tree's programs"
lab_check "Depends pins ppp to the pppd version the plugin was built for" \
	depends_pins_installed_ppp
lab_check "the installed l2tp-connect --version runs" "$L2C" --version
lab_check "the installed catalogue: LANGUAGE=de l2tp-connect --help is German" help_is_german

# The connection, with nothing from the build tree: the installed CLI finds the installed
# plugin by itself and keeps its state in the default runtime directory.
lab_net_setup || lab_bail "cannot create the lab network"
lab_ipsec_client_route
routes_before=$(routes_snapshot)
lab_ipsec_lns_drop_clear_l2tp || lab_bail "cannot install the LNS's clear-L2TP drop rule"
lab_lns_start --auth chap --log xl2tpd-deb.log || lab_bail "the LNS did not start"
lab_ipsec_lns_start || lab_bail "the libreswan responder did not start"
write_profile
printf 'ipsec-psk=%s\npassword=%s\n' "$LAB_IPSEC_PSK" "$LAB_PPP_PASSWORD" |
	ip netns exec lac "$L2C" up "$PROFILE" --foreground --secrets-from-stdin -v \
		>"$LAB_OUT/up.out" 2>"$LAB_OUT/up.err" &
up_pid=$!
if lab_wait_until 60 connected; then
	lab_ok "the installed l2tp-connect up --foreground connects ($(cat "$LAB_OUT/up.out"))"
else
	lab_not_ok "the installed l2tp-connect up --foreground connects"
	lab_diag_file "$LAB_OUT/up.err" 30
fi
lab_check "ping $LAB_LNS_PPP_ADDR through the tunnel" lab_ping lac "$LAB_LNS_PPP_ADDR" 2
lab_check "pppd runs the installed plugin" pppd_loaded_installed_plugin
lab_check "no clear L2TP reached the LNS (it went through IPsec)" no_clear_l2tp_reached_lns
kill -TERM "$up_pid"
up_status=
if lab_wait_gone "$up_pid" 20; then
	wait "$up_pid"
	up_status=$?
fi
lab_check "SIGTERM disconnects and exits 0 (status ${up_status:-still running})" \
	[ "${up_status:-x}" = 0 ]
lab_wait_until 5 nothing_left_after_disconnect
lab_check "nothing left of the connection (pppd, ppp link, routes, IPsec, runtime files)" \
	nothing_left_after_disconnect
lab_lns_stop
lab_ipsec_lns_stop

lab_check "dpkg -r removes both packages" dpkg_in_lab -r "$GUI_PKG" "$PKG"
lab_check "dpkg -r leaves no file of ours behind" nothing_of_ours_left --before-purge
lab_check "dpkg -P purges what is left of their configuration" dpkg_in_lab -P "$GUI_PKG" "$PKG"
lab_check "dpkg knows nothing of the packages any more" \
	sh -c '! dpkg-query -W -f "\${db:Status-Status}" "$@" 2>/dev/null | grep -q .' sh \
	"$PKG" "$GUI_PKG"
lab_check "after purge, still nothing of ours anywhere" nothing_of_ours_left
lab_finish
