#!/bin/sh
# l2tp-connectd's D-Bus API on a private session bus, without connecting anything: the
# profile methods (secrets go in, never come out), the errors a client sees and their exit
# codes in the CLI, status and down without connections, and a clean exit on SIGTERM. On a
# session bus the service allows only its own user and root, so this runs unprivileged.
# (Connecting, polkit and crash recovery are tested in the lab: tests/lab/test-daemon.sh.)
set -u

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
cli="$top_builddir/cli/l2tp-connect"
daemon="$top_builddir/daemon/l2tp-connectd"
data="$top_srcdir/tests/data/profiles"

if ! command -v dbus-daemon >/dev/null 2>&1 || ! command -v gdbus >/dev/null 2>&1; then
	echo "1..0 # SKIP dbus-daemon or gdbus is not installed"
	exit 0
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/l2c-bus.XXXXXX") || exit 1
bus_pid=
daemon_pid=
cleanup() {
	[ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null
	[ -n "$bus_pid" ] && kill "$bus_pid" 2>/dev/null
	rm -rf "$scratch"
}
trap cleanup EXIT
LC_ALL=C.UTF-8
export LC_ALL

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

echo "1..17"

dbus-daemon --session --nofork --nopidfile --print-address=3 3>"$scratch/address" \
	2>"$scratch/dbus.log" &
bus_pid=$!
for _ in $(seq 50); do
	[ -s "$scratch/address" ] && break
	sleep 0.1
done
L2TP_CONNECT_BUS_ADDRESS=$(head -n1 "$scratch/address")
export L2TP_CONNECT_BUS_ADDRESS

call() { # METHOD ARGS...: a Manager method; the reply or the error on stdout
	method=$1
	shift
	gdbus call --address "$L2TP_CONNECT_BUS_ADDRESS" --dest org.l2tpconnect.Daemon \
		--object-path /org/l2tpconnect/Daemon --method "org.l2tpconnect.Manager.$method" \
		"$@" 2>&1
}

owned() {
	gdbus call --address "$L2TP_CONNECT_BUS_ADDRESS" --dest org.freedesktop.DBus \
		--object-path /org/freedesktop/DBus --method org.freedesktop.DBus.NameHasOwner \
		org.l2tpconnect.Daemon 2>/dev/null | grep -q true
}

start_daemon() {
	"$daemon" --session --profile-dir "$scratch/profiles" --runtime-dir "$scratch/run" \
		>"$scratch/daemon.log" 2>&1 &
	daemon_pid=$!
	for _ in $(seq 100); do
		owned && return 0
		sleep 0.1
	done
	cat "$scratch/daemon.log"
	return 1
}

# expect PATTERN METHOD ARGS...: the call's output matches PATTERN (ERE)
expect() {
	pattern=$1
	shift
	out=$(call "$@")
	echo "$out"
	echo "$out" | grep -Eq -- "$pattern"
}

second_instance_refused() {
	! "$daemon" --session --profile-dir "$scratch/profiles" --runtime-dir "$scratch/run" \
		2>&1 | tee /dev/stderr | grep -q "ready on the bus"
}

# The profile never gets a password: every Connect below must stop at SecretsRequired, before
# anything touches the network. (No IPsec either, and a documentation-only gateway.)
save_then_get_hides_secrets() {
	call SaveProfile office "{'vpn.gateway': '192.0.2.7', 'vpn.user': 'alice',
		'vpn.mtu': '1300'}" "{'ipsec-psk': 'TopSecretPSK'}" || return 1
	out=$(call GetProfile office)
	echo "$out"
	echo "$out" | grep -q "'vpn.gateway': '192.0.2.7'" &&
		echo "$out" | grep -q "'vpn.mtu': '1300'" &&
		! echo "$out" | grep -Eq "TopSecretPSK|secret"
}

secrets_stored_in_file() {
	grep -q "ipsec-psk=TopSecretPSK" "$scratch/profiles/office.conf" &&
		[ "$(stat -c %a "$scratch/profiles/office.conf")" = 600 ]
}

save_keeps_secrets_not_given() {
	call SaveProfile office "{'vpn.gateway': '192.0.2.8', 'vpn.user': 'alice'}" "{}" ||
		return 1
	grep -q "gateway=192.0.2.8" "$scratch/profiles/office.conf" &&
		grep -q "ipsec-psk=TopSecretPSK" "$scratch/profiles/office.conf" &&
		! grep -q "^mtu=" "$scratch/profiles/office.conf"
}

import_nm_export() {
	out=$(call ImportProfile "$(cat "$data/split-routes.nmconnection")")
	echo "$out"
	echo "$out" | grep -q "^('[A-Za-z0-9._@+-]*',)$"
}

cli_status_empty() {
	"$cli" status --json | tee /dev/stderr | grep -qx '\[\]' &&
		"$cli" status | grep -q "no connections"
}

cli_down_not_connected() {
	"$cli" down office
	[ $? = 4 ]
}

cli_up_missing_profile() {
	"$cli" up nosuch </dev/null
	[ $? = 4 ]
}

term_exits_cleanly() {
	kill -TERM "$daemon_pid"
	for _ in $(seq 50); do
		kill -0 "$daemon_pid" 2>/dev/null || break
		sleep 0.1
	done
	wait "$daemon_pid"
	status=$?
	daemon_pid=
	[ "$status" = 0 ] && ! owned
}

check "the service starts and owns org.l2tpconnect.Daemon" start_daemon
check "a second instance on the same runtime directory is refused" second_instance_refused
check "ListProfiles of an empty store is empty" expect '^\(@as \[\],\)$' ListProfiles
check "SaveProfile stores; GetProfile returns the settings and no secret" \
	save_then_get_hides_secrets
check "the secrets are in the 0600 profile file" secrets_stored_in_file
check "SaveProfile replaces the settings and keeps secrets it was not given" \
	save_keeps_secrets_not_given
check "GetMissingSecrets names what Connect would need" \
	expect "\(\['password'\],\)" GetMissingSecrets office
check "SaveProfile with an unknown key fails with Profile.UnknownKey" \
	expect 'org\.l2tpconnect\.Error\.Profile\.UnknownKey' SaveProfile office \
	"{'vpn.gateway': 'x.example', 'vpn.bogus': '1'}" "{}"
check "SaveProfile with a bad value fails with Profile.Invalid, naming the key" \
	expect 'Profile\.Invalid.*mtu' SaveProfile office \
	"{'vpn.gateway': 'x.example', 'vpn.mtu': '70000'}" "{}"
check "ImportProfile stores a NetworkManager export under a name from its id" import_nm_export
check "GetProfile of a missing profile fails with Profile.NotFound" \
	expect 'org\.l2tpconnect\.Error\.Profile\.NotFound' GetProfile nosuch
check "Connect with a missing secret fails with SecretsRequired" \
	expect 'org\.l2tpconnect\.Error\.SecretsRequired.*password' Connect office "{}"
check "Disconnect of a profile that is not connected fails with NotActive" \
	expect 'org\.l2tpconnect\.Error\.NotActive' Disconnect office
check "status shows no connections (text and --json)" cli_status_empty
check "down of a profile that is not connected exits 4" cli_down_not_connected
check "up of a missing profile exits 4" cli_up_missing_profile
check "SIGTERM: the service exits 0 and gives up its name" term_exits_cleanly

[ "$failed" -eq 0 ]
