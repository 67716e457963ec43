#!/bin/sh
# l2tp-connect-gui under Xvfb against the real l2tp-connectd on a private bus: the editor
# lists the imported test profiles, a profile edited in the dialog is saved through D-Bus
# and read back, a wrong value is shown and marked while typing and refused by the service,
# duplicate and export work, and connecting from the tray menu asks for the password,
# drives the service and shows its failure (the gateway is in .invalid, so the connect
# fails at DNS before touching the network). With a headless GNOME Keyring, "store for this
# user" secrets go to the keyring and come back at connect. The same windows are shot
# again under GTK_THEME=Adwaita:dark. Screenshots are left in $GUI_TEST_OUTPUT (default:
# gui-test-output in the build directory).
set -u

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
gui="$top_builddir/gui/l2tp-connect-gui"
daemon="$top_builddir/daemon/l2tp-connectd"
data="$top_srcdir/tests/data/profiles"
scripts="$top_srcdir/tests/gui"
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
keyring_pid=
watcher_pid=
notifications_pid=
cleanup() {
	[ -n "$notifications_pid" ] && kill "$notifications_pid" 2>/dev/null
	[ -n "$watcher_pid" ] && kill "$watcher_pid" 2>/dev/null
	[ -n "$keyring_pid" ] && kill "$keyring_pid" 2>/dev/null
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

echo "1..21"

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

# The icons as installed (gui/local.mk), found through XDG_DATA_DIRS like any theme icon.
install_icons() {
	share=$scratch/share/icons/hicolor/scalable
	mkdir -p "$share/apps" "$share/status" &&
		cp "$top_srcdir/gui/icons/l2tp-connect.svg" "$share/apps/" &&
		cp "$top_srcdir"/gui/icons/l2tp-connect-*-symbolic.svg "$share/status/" &&
		XDG_DATA_DIRS="$scratch/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}" &&
		export XDG_DATA_DIRS
}

log=$output/gui.log
run_gui() { # SCRIPT LOG [ENV=VALUE...]: runs the app on tests/gui/SCRIPT.script
	script=$scripts/$1.script
	log=$output/$2
	shift 2
	env NO_AT_BRIDGE=1 "$@" timeout 180 "$gui" --test-script "$script" \
		--test-output "$output" >"$log" 2>&1
	status=$?
	cat "$log"
	echo "exit status $status"
	[ "$status" = 0 ]
}

gui_said() { # PATTERN (ERE): a line of the app's last test output
	grep -Eq -- "^gui: ($1)" "$log" || { cat "$log"; return 1; }
}

menu_lists_profiles() {
	gui_said "menu item: old-branch \(disconnected\)" &&
		gui_said "menu item: lab-split \(disconnected\)" && gui_said "menu item: _Quit"
}

editor_lists_profiles() {
	# Two profiles, then three once the duplicate is made.
	[ "$(grep -c '^gui: editor lists:' "$output/gui.log")" = 5 ] &&
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

failure_notified() {
	cat "$output/notifications.log"
	# Once, though the service reports "failed" again after cleaning up.
	[ "$(grep -c "^notify: Connecting old-branch failed | DNS: .*gateway\.invalid" \
		"$output/notifications.log")" = 1 ]
}

typing_error_shown() {
	gui_said "typing error: \[vpn\] mtu: .*575" && gui_said "marked: vpn.mtu" &&
		gui_said "save button: insensitive" &&
		gui_said "typing error: none" && gui_said "save button: sensitive" &&
		gui_said "typing error: .*machine-cert" && gui_said "marked: vpn.machine-cert"
}

keyboard_ready() {
	gui_said "mnemonics: every field has its own" && gui_said "default response: save"
}

duplicate_reads_back() {
	out=$(call GetProfile old-branch-copy)
	echo "$out"
	gui_said "duplicated as old-branch-copy" &&
		echo "$out" | grep -q "'vpn.gateway': 'gateway.invalid'" &&
		echo "$out" | grep -q "'vpn.mtu': '1280'" &&
		! echo "$out" | grep -q "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1e" &&
		gui_said "editor lists: old-branch-copy"
}

export_is_keyfile() {
	file=$output/old-branch.nmconnection
	cat "$file" &&
		grep -qx "gateway=gateway.invalid" "$file" && grep -qx "mtu=1280" "$file" &&
		grep -qx "service-type=org.freedesktop.NetworkManager.l2tp" "$file" &&
		grep -qx "uuid=5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1e" "$file" &&
		! grep -q "old-style-psk" "$file"
}

icons_found() {
	for icon in l2tp-connect l2tp-connect-disconnected-symbolic \
		l2tp-connect-connecting-symbolic l2tp-connect-connected-symbolic \
		l2tp-connect-error-symbolic; do
		gui_said "icon $icon: found" || return 1
	done
	gui_said "tray: status-icon l2tp-connect-disconnected-symbolic" &&
		gui_said "tray: status-icon l2tp-connect-error-symbolic"
}

screenshots_are_png() {
	for shot in tray-menu editor dialog-general dialog-ppp dialog-ipsec dialog-routes \
		dialog-tls dialog-typing-error dialog-ipsec-certificate editor-after-duplicate icons \
		password-dialog connect-failed; do
		head -c 8 "$output/$shot.png" | od -An -tx1 | grep -q "89 50 4e 47 0d 0a 1a 0a" ||
			{ echo "$output/$shot.png is missing or not a PNG"; return 1; }
	done
}

# A GNOME Keyring of its own on the private bus, its files in the scratch directory.
start_keyring() {
	command -v gnome-keyring-daemon >/dev/null 2>&1 || return 1
	command -v secret-tool >/dev/null 2>&1 || return 1
	echo "test-keyring-password" | gnome-keyring-daemon --foreground --unlock \
		--components=secrets >"$scratch/keyring.log" 2>&1 &
	keyring_pid=$!
	for _ in $(seq 50); do
		gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
			--method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets \
			2>/dev/null | grep -q true && return 0
		sleep 0.1
	done
	cat "$scratch/keyring.log"
	return 1
}

keyring_holds() { # SECRET: its value in the keyring for old-branch-copy
	uuid=$(call GetProfile old-branch-copy | sed -n "s/.*'connection.uuid': '\([^']*\)'.*/\1/p")
	secret-tool lookup uuid "$uuid" secret "$1"
}

keyring_round_trip() {
	[ "$(keyring_holds password)" = kr-password-7731 ] &&
		[ "$(keyring_holds ipsec-psk)" = kr-psk-7731 ] ||
		{ echo "the keyring does not hold the secrets typed"; return 1; }
	call GetProfile old-branch-copy | grep -q "'vpn.password-flags': '1'" &&
		gui_said "notice: Connecting old-branch-copy failed: .*gateway\.invalid"
}

keyring_lets_go() {
	[ -z "$(keyring_holds password)" ] && [ "$(keyring_holds ipsec-psk)" = kr-psk-7731 ] ||
		{ echo "the keyring should hold the PSK only now"; return 1; }
	call GetProfile old-branch-copy | grep -q "'vpn.password-flags': '2'"
}

keyring_case() {
	run_gui keyring keyring.log && keyring_round_trip &&
		run_gui keyring-ask keyring-ask.log && keyring_lets_go ||
		{ cat "$scratch/keyring.log"; false; }
}

dark_theme_shots() {
	for shot in editor-dark dialog-general-dark dialog-ipsec-dark icons-dark; do
		grep -Eq "^gui: screenshot .*/$shot.png luminance ([0-9]|[1-3][0-9])$" "$log" ||
			{ cat "$log"; echo "$shot is missing or not dark"; return 1; }
	done
	grep -Eq "^gui: screenshot .*/editor.png luminance ([6-9][0-9]|100)$" "$output/gui.log" ||
		{ echo "the light editor is not light"; return 1; }
}

# A panel that hosts AppIndicators comes along: the tray becomes one, with the same menu.
appindicator_shown() {
	"$top_builddir/tests/gui/fake-sni-watcher" >"$output/watcher.log" 2>&1 &
	watcher_pid=$!
	for _ in $(seq 50); do
		grep -q "^ready" "$output/watcher.log" && break
		sleep 0.1
	done
	run_gui appindicator appindicator.log
	status=$?
	kill "$watcher_pid"
	watcher_pid=
	cat "$output/watcher.log"
	[ "$status" = 0 ] &&
		gui_said "tray: appindicator l2tp-connect-[a-z]+-symbolic" &&
		grep -q "^registered " "$output/watcher.log" &&
		grep -Eq "^item icon: l2tp-connect-[a-z]+-symbolic" "$output/watcher.log" &&
		grep -q "^item menu: old-branch (" "$output/watcher.log" &&
		grep -q "^item menu: .*Quit" "$output/watcher.log"
}

rm -rf "$output"
mkdir -p "$output"
# The user's own files stay untouched, even by a keyring D-Bus would activate.
XDG_DATA_HOME=$scratch/data XDG_RUNTIME_DIR=$scratch/xdg-run
export XDG_DATA_HOME XDG_RUNTIME_DIR
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
check "Xvfb starts" start_xvfb
check "l2tp-connectd serves on a private bus" start_bus_and_service
# The desktop's notification server, before the app starts.
"$top_builddir/tests/gui/fake-notification-server" >"$output/notifications.log" 2>&1 &
notifications_pid=$!
for _ in $(seq 50); do
	grep -q "^ready" "$output/notifications.log" && break
	sleep 0.1
done
# Before the app first looks a secret up, so D-Bus does not start a keyring of its own.
keyring_problem=
start_keyring >"$scratch/keyring-start.log" 2>&1 ||
	keyring_problem=$(head -n1 "$scratch/keyring-start.log")
check "the test profiles are imported" import_test_profiles
check "the icons are installed into a theme directory" install_icons
check "the app runs the test script to its end" run_gui edit-and-connect gui.log
check "the tray icon comes from the theme and follows the state (GtkStatusIcon without a host)" \
	icons_found
check "the tray menu lists each profile with its state" menu_lists_profiles
check "the editor lists the test profiles" editor_lists_profiles
check "a refused value is shown with the key the service names" \
	gui_said "save refused: .*mru"
check "the edited profile is saved through D-Bus and reads back" saved_profile_reads_back
check "connecting from the menu asks for the password and shows the service's failure" \
	connect_failure_shown
check "the failure is one desktop notification with the service's reason" failure_notified
check "a wrong value is shown and marked while typing, and Save waits" typing_error_shown
check "every field has a mnemonic of its own and Enter saves" keyboard_ready
check "duplicate stores a copy with a new uuid, listed in the editor" duplicate_reads_back
check "export writes a NetworkManager keyfile without secrets" export_is_keyfile
check "screenshots of the menu, the editor, each dialog page and the failure are PNGs" \
	screenshots_are_png
if ! grep -q "define HAVE_LIBSECRET 1" "$top_builddir/config.h"; then
	n=$((n + 1))
	echo "ok $n # SKIP built without libsecret (--without-libsecret)"
elif [ -z "$keyring_problem" ] && [ -n "$keyring_pid" ]; then
	check "store for this user: kept in the keyring, handed to the service at connect, dropped when no longer chosen" \
		keyring_case
else
	n=$((n + 1))
	echo "ok $n # SKIP no headless keyring (gnome-keyring, libsecret-tools): ${keyring_problem:-not installed}"
fi
check "the app runs under GTK_THEME=Adwaita:dark" run_gui dark dark.log GTK_THEME=Adwaita:dark
check "the dark theme's windows are dark, the default theme's light" dark_theme_shots
if grep -q "define HAVE_APPINDICATOR 1" "$top_builddir/config.h"; then
	check "with a StatusNotifierWatcher the tray is an AppIndicator with the same menu" \
		appindicator_shown
else
	n=$((n + 1))
	echo "ok $n # SKIP built without libayatana-appindicator3 (--without-appindicator)"
fi
echo "# screenshots: $output"

[ "$failed" -eq 0 ]
