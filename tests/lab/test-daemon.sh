#!/bin/sh
# l2tp-connectd against the reference LNS (plain L2TP), on a private system bus of its own
# (dbus-daemon with the lab's config and our policy file) with polkitd and our polkit actions:
# a permitted user connects with `l2tp-connect up`, `status --json` shows the connection,
# `down` tears it down; a user without authorization is refused (AccessDenied) and reads no
# secret; a dead LNS is noticed and the connection re-established; after `kill -9` a new
# instance cleans up what the old one left; SIGTERM tears everything down. Two connections to
# the one server share the host route to it: the one that added it goes first, the other keeps
# working (the network has a NAT router, so the gateway is reached through the default route
# the other's tunnel replaced). The LNS's pppd stopped mid-session: the LCP echo timeout is
# what the user is told. An unprivileged user lists and shows profiles through the service
# (never a secret) and is refused changes.
[ -n "${LAB_INSIDE:-}" ] ||
	exec /bin/sh "$(dirname "$0")/run" --timeout "${LAB_TIMEOUT:-600}" "$0" "$@"
. "$top_srcdir/tests/lab/lib.sh"

L2C=$top_builddir/cli/l2tp-connect
L2CD=$top_builddir/daemon/l2tp-connectd
PLUGIN=$top_builddir/core/ppp/plugin/l2tp-connect-pppd.so
BUS_SOCKET=/run/dbus/system_bus_socket
BUS=unix:path=$BUS_SOCKET
PROFILES=/run/l2c-lab-profiles
RUNTIME=/run/l2c-lab-daemon
USER_OK=l2clab # allowed by the lab's polkit rule
USER_NO=nobody # not authorized for anything
# Dead-peer detection the profile asks for: LCP echo every second, three missed (3 s), then
# pppd's own hang-up to a silent peer (two LCP TermReqs 3 s apart: 6 s).
DEAD_PEER_S=9

lab_plan 62

for f in "$L2C" "$L2CD" "$PLUGIN"; do
	[ -e "$f" ] || lab_bail "$f is not built (run make first)"
done
command -v dbus-daemon >/dev/null || lab_bail "dbus-daemon is not installed (Debian: dbus-daemon)"
[ -x /usr/lib/polkit-1/polkitd ] || lab_bail "polkitd is not installed (Debian: polkitd)"

# ---------------------------------------------------------------------------------------------
# The private system bus, polkitd and the service

bus_setup() {
	mkdir -p /run/dbus "$LAB_OUT/bus"
	cat >"$LAB_OUT/bus/system.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>$BUS</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <deny own="*"/>
    <deny send_type="method_call"/>
    <allow send_type="signal"/>
    <allow send_requested_reply="true" send_type="method_return"/>
    <allow send_requested_reply="true" send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="method_return"/>
    <allow receive_type="error"/>
    <allow receive_type="signal"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus"/>
    <allow send_destination="org.freedesktop.DBus"
           send_interface="org.freedesktop.DBus.Introspectable"/>
  </policy>
  <include>/usr/share/dbus-1/system.d/org.freedesktop.PolicyKit1.conf</include>
  <include>$top_srcdir/daemon/org.l2tpconnect.Daemon.conf</include>
</busconfig>
EOF
	dbus-daemon --config-file="$LAB_OUT/bus/system.conf" --nofork --nopidfile \
		>"$LAB_OUT/dbus-daemon.log" 2>&1 &
	bus_pid=$!
	lab_wait_until 10 test -S "$BUS_SOCKET"
}

bus_has_owner() {
	dbus-send --system --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
		org.freedesktop.DBus.NameHasOwner "string:$1" 2>/dev/null | grep -q "boolean true"
}

polkit_setup() {
	id "$USER_OK" >/dev/null 2>&1 || useradd -M -s /usr/sbin/nologin "$USER_OK" || return 1
	cp "$top_builddir/daemon/org.l2tpconnect.policy" /usr/share/polkit-1/actions/
	# Lab users have no logind session, so the policy's allow_any applies to them (an admin
	# is needed); this rule is the administrator granting one user the right.
	cat >/etc/polkit-1/rules.d/50-l2c-lab.rules <<EOF
polkit.addRule(function(action, subject) {
    if (action.id.indexOf("org.l2tpconnect.") == 0 && subject.user == "$USER_OK")
        return polkit.Result.YES;
});
EOF
	chown -R polkitd /etc/polkit-1/rules.d
	# Started as root, polkitd becomes the polkitd user itself (the only one the bus policy
	# lets own org.freedesktop.PolicyKit1).
	/usr/lib/polkit-1/polkitd >"$LAB_OUT/polkitd.log" 2>&1 &
	polkitd_pid=$!
	lab_wait_until 20 bus_has_owner org.freedesktop.PolicyKit1
}

daemon_start() {
	: >>"$LAB_OUT/daemon.log"
	echo "--- start $(cat /proc/uptime)" >>"$LAB_OUT/daemon.log"
	ip netns exec lac "$L2CD" --address "$BUS" --profile-dir "$PROFILES" \
		--runtime-dir "$RUNTIME" --pppd-plugin "$PLUGIN" -v >>"$LAB_OUT/daemon.log" 2>&1 &
	daemon_pid=$!
	lab_wait_until 10 bus_has_owner org.l2tpconnect.Daemon
}

# as USER COMMAND...: run a command as USER, the service's bus given the way tests do.
as() {
	as_user=$1
	shift
	setpriv --reuid="$as_user" --regid="$(id -g "$as_user")" --clear-groups \
		env L2TP_CONNECT_BUS_ADDRESS="$BUS" "$@"
}

# ---------------------------------------------------------------------------------------------
# What the checks look at

routes_snapshot() {
	ip -n lac -4 route show table all | grep -v '^local\|^broadcast' | sort
}

lac_has_pppd() {
	for pid in $(ip netns pids lac); do
		[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = pppd ] && return 0
	done
	return 1
}

lac_has_ppp_link() {
	ip -n lac -o link show | grep -q ': ppp'
}

# No pppd, no ppp link, the routes as they were, no record left in the runtime directory (the
# lock files stay, as lock files do).
nothing_left_behind() {
	! lac_has_pppd && ! lac_has_ppp_link && [ "$(routes_snapshot)" = "$routes_before" ] &&
		[ -z "$(lab_runtime_leftovers "$RUNTIME" | grep -v '^l2tp-connectd\.lock$')" ]
}

password_not_in_proc() {
	for f in /proc/[0-9]*/cmdline /proc/[0-9]*/environ; do
		if tr '\0' '\n' <"$f" 2>/dev/null | grep -q -- "$LAB_PPP_PASSWORD"; then
			echo "found in $f"
			return 1
		fi
	done
	return 0
}

# up_as USER LABEL: `l2tp-connect up lab` as USER, the password on stdin.
up_as() {
	printf 'password=%s\n' "$LAB_PPP_PASSWORD" |
		as "$1" "$L2C" up lab --secrets-from-stdin -v \
			>"$LAB_OUT/up-$2.out" 2>"$LAB_OUT/up-$2.err"
	up_status=$?
}

status_json() {
	as "$USER_NO" "$L2C" status "${1:-lab}" --json >"$LAB_OUT/status.json" \
		2>"$LAB_OUT/status.err"
}

# json_check PYTHON-EXPRESSION: evaluated with c = the status of "lab".
json_check() {
	json_check_of lab "$1"
}

# json_check_of NAME PYTHON-EXPRESSION: the same for another connection.
json_check_of() {
	status_json "$1" || return 1
	python3 - "$LAB_OUT/status.json" "$2" <<'EOF'
import json, sys
c = json.load(open(sys.argv[1]))[0]
print(json.dumps(c))
sys.exit(0 if eval("(" + sys.argv[2] + ")") else 1)
EOF
}

connected_with_reconnect() {
	json_check 'c["state"] == "connected" and c["reconnects"] >= 1'
}

# ---------------------------------------------------------------------------------------------
# Checks that need more than one command

refused_again_while_connected() {
	! as "$USER_OK" "$L2C" up lab </dev/null >"$LAB_OUT/up-again.out" 2>&1
	up_again_status=$?
	cat "$LAB_OUT/up-again.out"
	[ "$up_again_status" = 0 ] && grep -q "already connected" "$LAB_OUT/up-again.out"
}

status_text_shows_connection() {
	as "$USER_NO" "$L2C" status >"$LAB_OUT/status.txt" 2>&1
	cat "$LAB_OUT/status.txt"
	grep -q "^lab: connected" "$LAB_OUT/status.txt" &&
		grep -q "interface ppp" "$LAB_OUT/status.txt"
}

gdbus_as_nobody() {
	gdbus_method=$1
	shift
	as "$USER_NO" gdbus call --address "$BUS" --dest org.l2tpconnect.Daemon \
		--object-path /org/l2tpconnect/Daemon \
		--method "org.l2tpconnect.Manager.$gdbus_method" "$@" 2>&1
}

# gdbus_refused METHOD ARGS...: the call fails with AccessDenied.
gdbus_refused() {
	gdbus_out=$(gdbus_as_nobody "$@")
	echo "$gdbus_out"
	echo "$gdbus_out" | grep -q "org.freedesktop.DBus.Error.AccessDenied"
}

import_and_delete_refused() {
	gdbus_refused ImportProfile "[connection]" && gdbus_refused DeleteProfile stored
}

down_refused_with_reason() {
	! as "$USER_NO" "$L2C" down lab >"$LAB_OUT/down-nobody.err" 2>&1
	down_status=$?
	cat "$LAB_OUT/down-nobody.err"
	[ "$down_status" = 0 ] && grep -q "not authorized" "$LAB_OUT/down-nobody.err"
}

get_profile_shows_no_secret() {
	gdbus_out=$(gdbus_as_nobody GetProfile stored)
	echo "$gdbus_out"
	echo "$gdbus_out" | grep -q "vpn.gateway" &&
		! echo "$gdbus_out" | grep -q -- "$LAB_PPP_PASSWORD" &&
		! echo "$gdbus_out" | grep -q "secrets"
}

profile_file_unreadable() {
	! as "$USER_NO" cat "$PROFILES/stored.conf"
}

down_as_permitted_user() {
	as "$USER_OK" "$L2C" down lab >"$LAB_OUT/down.out" 2>&1
	cat "$LAB_OUT/down.out"
	grep -q "^disconnected lab" "$LAB_OUT/down.out"
}

lns_kill_9() {
	read -r lns_pid <"$LAB_LNS_PIDFILE" && kill -9 "$lns_pid" || return 1
	rm -f "$LAB_LNS_PIDFILE"
	lab_wait_gone "$lns_pid" 3
}

# The LNS's pppd for the dead session outlives its xl2tpd (its echo is off) and would keep the
# session's addresses; a real server that crashed would not have it any more either.
lns_stale_pppd_stop() {
	for pid in $(ip netns pids lns); do
		[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = pppd ] && kill -9 "$pid"
	done
	return 0
}

noticed_dead_peer() {
	grep -q "the link went down" "$LAB_OUT/daemon.log"
}

uptime_s() {
	cut -d' ' -f1 /proc/uptime
}

# noticed_in_time LIMIT: the service noticed within LIMIT seconds of the kill.
noticed_in_time() {
	echo "killed at $killed_at, noticed at $noticed_at (uptime)"
	noticed_dead_peer &&
		awk -v a="$killed_at" -v b="$noticed_at" -v t="$1" 'BEGIN { exit !(b - a <= t) }'
}

kill_9_daemon() {
	kill -9 "$daemon_pid" || return 1
	lab_wait_gone "$daemon_pid" 3
}

dead_instance_left_records() {
	ls -la "$RUNTIME"
	[ -e "$RUNTIME/net-lab.state" ] && [ -e "$RUNTIME/pppd-lab.pid" ]
}

connects_again() {
	up_as "$USER_OK" third
	grep -q "^connected lab" "$LAB_OUT/up-third.out"
}

term_daemon() {
	kill -TERM "$daemon_pid" || return 1
	lab_wait_gone "$daemon_pid" 40 || return 1
	wait "$daemon_pid"
	daemon_status=$?
	echo "exit status $daemon_status"
	[ "$daemon_status" = 0 ]
}

password_not_in_daemon_log() {
	! grep -q -- "$LAB_PPP_PASSWORD" "$LAB_OUT/daemon.log"
}

restore_debian_ppp_options() {
	cp "$LAB_OUT/debian-ppp-options" /etc/ppp/options
}

write_profiles() {
	mkdir -p "$PROFILES" && chmod 700 "$PROFILES" || return 1
	cat >"$LAB_OUT/lab.nmconnection" <<EOF
[connection]
id=lab
uuid=0b5a3c36-4c8e-4c43-9d4f-3f0fb0a1a006
type=vpn
autoconnect=false

[vpn]
service-type=org.freedesktop.NetworkManager.l2tp
gateway=$LAB_LNS_ADDR
user=$LAB_PPP_USER
password-flags=1
lcp-echo-interval=1
lcp-echo-failure=3
l2tp-connect-reconnect=yes

[ipv4]
method=auto
EOF
	# A second profile that stores its password, for the secrets checks.
	sed -e 's/^id=lab/id=stored/' -e 's/a006$/a007/' \
		-e 's/^password-flags=1/password-flags=0/' \
		"$LAB_OUT/lab.nmconnection" >"$LAB_OUT/stored.nmconnection"
	printf '\n[vpn-secrets]\npassword=%s\n' "$LAB_PPP_PASSWORD" >>"$LAB_OUT/stored.nmconnection"
	# A second connection at the same time: its own local port, and no default route (the
	# first one has it).
	sed -e 's/^id=lab/id=lab2/' -e 's/a006$/a008/' \
		-e 's/^l2tp-connect-reconnect=yes/ephemeral-port=yes/' \
		-e 's/^method=auto/method=auto\nnever-default=true/' \
		"$LAB_OUT/lab.nmconnection" >"$LAB_OUT/lab2.nmconnection"
	for p in lab stored lab2; do
		L2TP_CONNECT_PROFILE_DIR=$PROFILES "$L2C" import "$LAB_OUT/$p.nmconnection" || return 1
	done
}

two_connected() {
	as "$USER_NO" "$L2C" status --json >"$LAB_OUT/status-two.json" || return 1
	python3 - "$LAB_OUT/status-two.json" <<'PYTHON'
import json, sys
cs = {c["name"]: c for c in json.load(open(sys.argv[1]))}
print(json.dumps(cs))
ok = set(cs) == {"lab", "lab2"} and all(c["state"] == "connected" for c in cs.values())
sys.exit(0 if ok and cs["lab"]["interface"] != cs["lab2"]["interface"] else 1)
PYTHON
}

up_second_profile() {
	printf 'password=%s\n' "$LAB_PPP_PASSWORD" |
		as "$USER_OK" "$L2C" up lab2 --secrets-from-stdin >"$LAB_OUT/up-lab2.out" 2>&1
	cat "$LAB_OUT/up-lab2.out"
	grep -q "^connected lab2" "$LAB_OUT/up-lab2.out"
}

down_one_keeps_other() {
	as "$USER_OK" "$L2C" down lab2 || return 1
	json_check 'c["state"] == "connected"'
}

gateway_host_route() {
	ip -n lac -4 route show "$LAB_LNS_ADDR/32"
}

# lab2 added the host route to the gateway; lab found it there. Without it, lab's own tunnel
# packets would follow its 0.0.0.0/1 route into the tunnel.
host_route_stays_for_lab() {
	gateway_host_route
	[ -n "$(gateway_host_route)" ] && json_check 'c["state"] == "connected"'
}

# --- the LNS's pppd stops answering ------------------------------------------------------------

lns_pppd_pids() {
	for pid in $(ip netns pids lns); do
		[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = pppd ] && echo "$pid"
	done
}

lns_pppd_stop() {
	stopped_pppds=$(lns_pppd_pids)
	echo "stopping $stopped_pppds"
	[ -n "$stopped_pppds" ] || return 1
	# shellcheck disable=SC2086
	kill -STOP $stopped_pppds
}

lns_stopped_pppd_kill() {
	# shellcheck disable=SC2086
	[ -z "$stopped_pppds" ] || kill -9 $stopped_pppds
	return 0
}

lab2_ended() {
	json_check_of lab2 'c["state"] in ("disconnected", "failed")' >/dev/null
}

# --- profiles as an unprivileged user, through the service -------------------------------------

list_as_nobody() {
	as "$USER_NO" "$L2C" list >"$LAB_OUT/list-nobody.out" 2>&1
	list_status=$?
	cat "$LAB_OUT/list-nobody.out"
	[ "$list_status" = 0 ] &&
		[ "$(sort "$LAB_OUT/list-nobody.out" | tr '\n' ' ')" = "lab lab2 stored " ]
}

show_as_nobody_hides_secret() {
	as "$USER_NO" "$L2C" show stored >"$LAB_OUT/show-nobody.out" 2>&1 || return 1
	cat "$LAB_OUT/show-nobody.out"
	grep -q "gateway *= *$LAB_LNS_ADDR" "$LAB_OUT/show-nobody.out" &&
		grep -q "password *= *(stored, hidden)" "$LAB_OUT/show-nobody.out" &&
		! grep -q -- "$LAB_PPP_PASSWORD" "$LAB_OUT/show-nobody.out"
}

show_secrets_refused_for_nobody() {
	! as "$USER_NO" "$L2C" show stored --show-secrets >"$LAB_OUT/show-secrets.out" 2>&1
	show_status=$?
	cat "$LAB_OUT/show-secrets.out"
	[ "$show_status" = 0 ] && grep -q "root only" "$LAB_OUT/show-secrets.out" &&
		! grep -q -- "$LAB_PPP_PASSWORD" "$LAB_OUT/show-secrets.out"
}

export_as_nobody_has_no_secret() {
	as "$USER_NO" "$L2C" export stored >"$LAB_OUT/export-nobody.out" 2>&1 || return 1
	cat "$LAB_OUT/export-nobody.out"
	grep -q "^gateway=$LAB_LNS_ADDR" "$LAB_OUT/export-nobody.out" &&
		! grep -q -- "$LAB_PPP_PASSWORD" "$LAB_OUT/export-nobody.out"
}

# refused_for_nobody LABEL COMMAND...: fails, says it is not authorized and what to do.
refused_for_nobody() {
	refused_label=$1
	shift
	! as "$USER_NO" "$L2C" "$@" >"$LAB_OUT/refused-$refused_label.out" 2>&1 </dev/null
	refused_status=$?
	cat "$LAB_OUT/refused-$refused_label.out"
	[ "$refused_status" = 0 ] &&
		grep -q "not authorized.*ask an administrator" "$LAB_OUT/refused-$refused_label.out"
}

modifications_refused_for_nobody() {
	refused_for_nobody edit edit stored mtu=1300 &&
		refused_for_nobody add add newone "gateway=$LAB_LNS_ADDR" user=x &&
		refused_for_nobody delete delete stored &&
		refused_for_nobody import import "$LAB_OUT/lab.nmconnection"
}

profiles_unchanged_after_refusals() {
	ls "$PROFILES"
	[ "$(ls "$PROFILES" | tr '\n' ' ')" = "lab.conf lab2.conf stored.conf " ] &&
		! grep -q "mtu=1300" "$PROFILES/stored.conf"
}

# The permitted user edits through the service; the stored password stays.
edit_as_permitted_user() {
	as "$USER_OK" "$L2C" edit stored mtu=1400 </dev/null >"$LAB_OUT/edit-ok.out" 2>&1
	edit_status=$?
	cat "$LAB_OUT/edit-ok.out"
	[ "$edit_status" = 0 ] && grep -q "^mtu=1400" "$PROFILES/stored.conf" &&
		grep -q "^password=$LAB_PPP_PASSWORD\$" "$PROFILES/stored.conf"
}

# ---------------------------------------------------------------------------------------------

lab_net_setup --nat || lab_bail "network setup failed"
routes_before=$(routes_snapshot)
# Debian's /etc/ppp/options says `auth`; the service must cope with the real file, which the
# LNS helper replaces.
cp /etc/ppp/options "$LAB_OUT/debian-ppp-options"
lab_lns_start --auth chap || lab_bail "LNS did not start"
restore_debian_ppp_options
write_profiles >"$LAB_OUT/profiles.log" 2>&1 || lab_bail "cannot store the lab profiles"

lab_check "a private system bus runs with our D-Bus policy" bus_setup
lab_check "polkitd runs on it with our actions and the lab's rule" polkit_setup
lab_check "l2tp-connectd owns org.l2tpconnect.Daemon" daemon_start

# --- a permitted user connects, looks, disconnects -------------------------------------------
up_as "$USER_OK" first
lab_check "up as a permitted user connects (status $up_status: $(cat "$LAB_OUT/up-first.out"))" \
	grep -q '^connected lab: interface ppp[0-9]*, local 198\.51\.100\.' "$LAB_OUT/up-first.out"
[ "$up_status" = 0 ] || lab_diag_file "$LAB_OUT/up-first.err"
lab_check "ping through the tunnel" lab_ping lac "$LAB_LNS_PPP_ADDR"
lab_check "status --json: connected, stage, addresses, interface, counters" json_check \
	'c["state"] == "connected" and c["stage"] == "connected" and
	 c["local_address"].startswith("198.51.100.") and c["peer_address"] == "198.51.100.1" and
	 c["interface"].startswith("ppp") and c["gateway"] == "192.0.2.1" and
	 c["bytes_in"] > 0 and c["bytes_out"] > 0 and c["connected_since"] > 0 and
	 c["datapath"] in ("kernel", "userspace") and c["reconnects"] == 0'
lab_check "status (text) names the connection and its interface" status_text_shows_connection
lab_check "the password is in no process's argv or environment" password_not_in_proc
lab_check "up again while connected is refused" refused_again_while_connected

# --- an unauthorized caller -------------------------------------------------------------------
lab_check "nobody: Connect is AccessDenied" gdbus_refused Connect lab "{'password': 'x'}"
lab_check "nobody: Disconnect is AccessDenied" gdbus_refused Disconnect lab
lab_check "nobody: SaveProfile is AccessDenied" gdbus_refused SaveProfile stored \
	"{'vpn.gateway': '192.0.2.9'}" "{}"
lab_check "nobody: ImportProfile and DeleteProfile are AccessDenied" import_and_delete_refused
lab_check "nobody: 'l2tp-connect down' is refused and says why" down_refused_with_reason
lab_check "nobody: still connected after those attempts" json_check 'c["state"] == "connected"'
lab_check "nobody: GetProfile of a profile with a stored password shows no secret" \
	get_profile_shows_no_secret
lab_check "nobody: the profile files themselves are unreadable" profile_file_unreadable
lab_check "nobody: 'l2tp-connect list' lists the profiles through the service" list_as_nobody
lab_check "nobody: 'show' through the service: the settings, the password only as stored" \
	show_as_nobody_hides_secret
lab_check "nobody: 'show --show-secrets' is refused" show_secrets_refused_for_nobody
lab_check "nobody: 'export' through the service carries no secret" export_as_nobody_has_no_secret
lab_check "nobody: edit, add, delete and import are refused and say why" \
	modifications_refused_for_nobody
lab_check "nobody: the profiles are as they were" profiles_unchanged_after_refusals
lab_check "the permitted user edits through the service; the stored password stays" \
	edit_as_permitted_user

# --- down --------------------------------------------------------------------------------------
lab_check "down as the permitted user" down_as_permitted_user
lab_check "after down: no pppd, no ppp link, routes as before, no records" nothing_left_behind
lab_check "after down: status shows lab disconnected" json_check 'c["state"] == "disconnected"'

# --- two connections at once --------------------------------------------------------------------
up_as "$USER_OK" pair
lab_check "two at once: lab connects" grep -q '^connected lab' "$LAB_OUT/up-pair.out"
lab_check "two at once: lab2 connects too" up_second_profile
lab_check "two at once: status lists both connected, on different interfaces" two_connected
lab_check "two at once: down lab2 leaves lab connected" down_one_keeps_other
lab_check "two at once: down lab too" down_as_permitted_user
lab_check "two at once: nothing left behind" nothing_left_behind

# lab2 (never-default) first: it adds the host route to the gateway; lab, whose default route
# goes through its tunnel, finds it there. lab2 goes: the route must stay for lab.
lab_check "shared host route: lab2 connects first" up_second_profile
up_as "$USER_OK" shared
lab_check "shared host route: lab connects second" grep -q '^connected lab' "$LAB_OUT/up-shared.out"
lab_check "shared host route: down lab2 keeps lab connected" down_one_keeps_other
lab_check "shared host route: the host route to the gateway is still there" host_route_stays_for_lab
lab_check "shared host route: lab still pings through its tunnel" \
	lab_ping lac "$LAB_LNS_PPP_ADDR"
lab_check "shared host route: lab went on (no reconnect)" json_check 'c["reconnects"] == 0'
lab_check "shared host route: down lab" down_as_permitted_user
lab_check "shared host route: nothing left behind" nothing_left_behind

# --- the server's pppd stops answering: the user hears about the LCP echoes ---------------------
lab_check "echo timeout: lab2 connects" up_second_profile
lab_check "echo timeout: SIGSTOP the LNS's pppd" lns_pppd_stop
lab_wait_until 30 lab2_ended
lab_check "echo timeout: lab2 ended, saying the server stopped answering LCP echoes (3 × 1 s)" \
	json_check_of lab2 \
	'"stopped answering LCP echo requests (3 unanswered, one every 1 s" in c["last_error"]'
lns_stopped_pppd_kill
lab_check "echo timeout: nothing left behind" lab_wait_until 10 nothing_left_behind

# --- the LNS dies and comes back: the service reconnects ---------------------------------------
up_as "$USER_OK" second
lab_check "up again connects" grep -q '^connected lab' "$LAB_OUT/up-second.out"
lab_check "kill -9 the LNS's xl2tpd" lns_kill_9
killed_at=$(uptime_s)
lns_stale_pppd_stop
lab_lns_start --auth chap --log xl2tpd-lns-restarted.log || lab_bail "LNS did not restart"
restore_debian_ppp_options
lab_wait_until $((DEAD_PEER_S + 8)) noticed_dead_peer
noticed_at=$(uptime_s)
lab_check "the service noticed the dead peer within the dead-peer timeout ($DEAD_PEER_S s + 4 s)" \
	noticed_in_time $((DEAD_PEER_S + 4))
lab_check "it reconnected by itself and status shows the reconnect" \
	lab_wait_until 40 connected_with_reconnect
lab_check "status --json after the reconnect: one reconnect, the reason in last_error" json_check \
	'c["reconnects"] == 1 and c["last_error"] != "" and c["local_address"] != ""'
lab_check "ping through the re-established tunnel" lab_ping lac "$LAB_LNS_PPP_ADDR"
lab_check "the restarted LNS saw the new session" \
	lab_log_has "$LAB_OUT/xl2tpd-lns-restarted.log" "Call established with"

# --- kill -9 the service: the next instance cleans up -------------------------------------------
lab_check "kill -9 the service while connected" kill_9_daemon
lab_check "the dead instance's records are still there (net state, pppd pid)" \
	dead_instance_left_records
started_at=$(uptime_s)
lab_check "a new instance starts" daemon_start
lab_check "within 5 s: no pppd, no ppp link, routes as before, no records" \
	lab_wait_until 5 nothing_left_behind
lab_diag "cleanup took $(awk -v a="$started_at" -v b="$(uptime_s)" 'BEGIN { print b - a }') s"
lab_check "the new instance said what it cleaned up" \
	lab_log_has "$LAB_OUT/daemon.log" "cleaned up [0-9]+ thing"
lab_check "and it connects again" connects_again

# --- SIGTERM: a clean teardown of everything ----------------------------------------------------
lab_check "SIGTERM: the service disconnects and exits 0" term_daemon
lab_check "SIGTERM: nothing left behind" nothing_left_behind
lab_check "SIGTERM: the LNS saw our StopCCN" \
	lab_log_has "$LAB_OUT/xl2tpd-lns-restarted.log" "Connection closed to|StopCCN"
lab_check "the password is in none of the service's logs" password_not_in_daemon_log

kill "$polkitd_pid" "$bus_pid" 2>/dev/null
lab_lns_stop
lab_finish
