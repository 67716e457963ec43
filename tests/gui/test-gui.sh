#!/bin/sh
# l2tp-connect-gui under Xvfb against the real l2tp-connectd on a private bus: the editor
# lists the imported test profiles, a profile edited in the dialog is saved through D-Bus
# and read back, a value the service refuses is shown with its key, and connecting from
# the tray menu asks for the password, drives the service and shows its failure (the
# gateway is in .invalid, so the connect fails at DNS before touching the network).
# Screenshots of the menu, the editor and each dialog page are left in $GUI_TEST_OUTPUT
# (default: gui-test-output in the build directory).
set -u

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
gui="$top_builddir/gui/l2tp-connect-gui"
daemon="$top_builddir/daemon/l2tp-connectd"
data="$top_srcdir/tests/data/profiles"
script="$top_srcdir/tests/gui/edit-and-connect.script"
output=${GUI_TEST_OUTPUT:-$(cd "$top_builddir" && pwd)/gui-test-output}

for tool in Xvfb dbus-daemon gdbus; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool is not installed (packaging/install-deps.sh installs it)"
		exit 0
	fi
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/l2c-gui.XXXXXX") || exit 1
xvfb_pid=
bus_pid=
daemon_pid=
cleanup() {
	[ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null
	[ -n "$bus_pid" ] && kill "$bus_pid" 2>/dev/null
	[ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
	rm -rf "$scratch"
}
trap cleanup EXIT
LC_ALL=C.UTF-8
export LC_ALL
unset LANGUAGE

n=0
failed=0
check() { # description, then a command that must succeed; its output goes to $scratch/log
	desc=$1
	shift
	n=$((n + 1))
	if "$@" >"$scratch/log" 2>&1; then
		echo "ok $n - $desc"
	else
		failed=$((failed + 1))
		echo "not ok $n - $desc"
		sed 's/^/# /' "$scratch/log"
	fi
}

echo "1..10"

# -displayfd picks a free display number and tells it once the server is ready.
start_xvfb() {
	Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp 3>"$scratch/display" \
		>"$scratch/xvfb.log" 2>&1 &
	xvfb_pid=$!
	for _ in $(seq 100); do
		[ -s "$scratch/display" ] && break
		sleep 0.1
	done
	[ -s "$scratch/display" ] || { cat "$scratch/xvfb.log"; return 1; }
	DISPLAY=:$(head -n1 "$scratch/display")
	export DISPLAY
}

start_bus_and_service() {
	dbus-daemon --session --nofork --nopidfile --address "unix:path=$scratch/bus" \
		--print-address=3 3>"$scratch/address" 2>"$scratch/dbus.log" &
	bus_pid=$!
	for _ in $(seq 50); do
		[ -s "$scratch/address" ] && break
		sleep 0.1
	done
	L2TP_CONNECT_BUS_ADDRESS=$(head -n1 "$scratch/address")
	# The app's own session bus too, so nothing reaches the desktop running the test.
	DBUS_SESSION_BUS_ADDRESS=$L2TP_CONNECT_BUS_ADDRESS
	export L2TP_CONNECT_BUS_ADDRESS DBUS_SESSION_BUS_ADDRESS
	"$daemon" --session --profile-dir "$scratch/profiles" --runtime-dir "$scratch/run" \
		>"$scratch/daemon.log" 2>&1 &
	daemon_pid=$!
	for _ in $(seq 100); do
		grep -q "ready on the bus" "$scratch/daemon.log" && return 0
		sleep 0.1
	done
	cat "$scratch/daemon.log"
	return 1
}

call() { # METHOD ARGS...: a Manager method; the reply or the error on stdout
	method=$1
	shift
	gdbus call --address "$L2TP_CONNECT_BUS_ADDRESS" --dest org.l2tpconnect.Daemon \
		--object-path /org/l2tpconnect/Daemon --method "org.l2tpconnect.Manager.$method" \
		"$@" 2>&1
}

import_test_profiles() {
	for f in legacy-psk split-routes; do
		call ImportProfile "$(cat "$data/$f.nmconnection")" || return 1
	done
}

run_gui() {
	rm -rf "$output"
	mkdir -p "$output"
	NO_AT_BRIDGE=1 timeout 180 "$gui" --test-script "$script" --test-output "$output" \
		>"$output/gui.log" 2>&1
	status=$?
	cat "$output/gui.log"
	[ "$status" = 0 ]
}

gui_said() { # PATTERN (ERE): a line of the app's test output
	grep -Eq -- "^gui: ($1)" "$output/gui.log" || { cat "$output/gui.log"; return 1; }
}

menu_lists_profiles() {
	gui_said "menu item: old-branch \(disconnected\)" &&
		gui_said "menu item: lab-split \(disconnected\)" && gui_said "menu item: _Quit"
}

editor_lists_profiles() {
	[ "$(grep -c '^gui: editor lists:' "$output/gui.log")" = 2 ] &&
		gui_said "editor lists: old-branch" && gui_said "editor lists: lab-split"
}

saved_profile_reads_back() {
	out=$(call GetProfile old-branch)
	echo "$out"
	echo "$out" | grep -q "'vpn.gateway': 'gateway.invalid'" &&
		echo "$out" | grep -q "'vpn.mtu': '1280'" &&
		echo "$out" | grep -q "'vpn.mru': '1360'" &&
		echo "$out" | grep -q "'ipv4.never-default': 'true'" &&
		echo "$out" | grep -q "'ipv4.route1': '10.1.0.0/16'" &&
		echo "$out" | grep -q "'vpn.ipsec-gateway-id': 'branch-gw'" && gui_said "saved"
}

connect_failure_shown() {
	gui_said "password dialog: .*old-branch" &&
		gui_said "notice: Connecting old-branch failed: .*gateway\.invalid"
}

screenshots_are_png() {
	for shot in tray-menu editor dialog-general dialog-ppp dialog-ipsec dialog-routes \
		password-dialog connect-failed; do
		head -c 8 "$output/$shot.png" | od -An -tx1 | grep -q "89 50 4e 47 0d 0a 1a 0a" ||
			{ echo "$output/$shot.png is missing or not a PNG"; return 1; }
	done
}

check "Xvfb starts" start_xvfb
check "l2tp-connectd serves on a private bus" start_bus_and_service
check "the test profiles are imported" import_test_profiles
check "the app runs the test script to its end" run_gui
check "the tray menu lists each profile with its state" menu_lists_profiles
check "the editor lists the test profiles" editor_lists_profiles
check "a refused value is shown with the key the service names" \
	gui_said "save refused: .*mru"
check "the edited profile is saved through D-Bus and reads back" saved_profile_reads_back
check "connecting from the menu asks for the password and shows the service's failure" \
	connect_failure_shown
check "screenshots of the menu, the editor, each dialog page and the failure are PNGs" \
	screenshots_are_png
echo "# screenshots: $output"

[ "$failed" -eq 0 ]
