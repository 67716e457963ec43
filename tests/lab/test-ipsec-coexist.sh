#!/bin/sh
# L2TP/IPsec next to other IPsec on the same host, and next to itself:
#   system      a "system" libreswan runs (its own connection, and an SA and a policy put in
#               by hand): the connection goes into that pluto through its control socket,
#               connects and pings; afterwards that pluto still runs with its own connection,
#               ours and our key are gone from it, and the foreign SA and policy are intact.
#   sysnoinclude  the system's ipsec.secrets includes nothing from /etc/ipsec.d: a clear
#               message, nothing written, nothing left.
#   sysnoikev1  the system pluto refuses IKEv1: a message that says so and how to fix it.
#   ephemeral   ephemeral-port=yes: L2TP leaves from a port other than 1701, inside IPsec.
#   busy1701    another program holds UDP 1701: the same, without being asked.
#   two         two connections to two gateways at once, both ping; one goes down, the other
#               keeps working with its SA.
#
#   test-ipsec-coexist.sh [SCENARIO...]   (default: all)
[ -n "${LAB_INSIDE:-}" ] ||
	exec /bin/sh "$(dirname "$0")/run" --timeout "${LAB_TIMEOUT:-900}" "$0" "$@"
. "$top_srcdir/tests/lab/lib.sh"
. "$top_srcdir/tests/lab/lib-ipsec.sh"
. "$top_srcdir/tests/lab/lib-ipsec-client.sh"

SECOND_GW=192.0.2.3
SECOND_PPP_ADDR=198.51.100.2

scenarios=${*:-system sysnoinclude sysnoikev1 ephemeral busy1701 two}
plan=1
for s in $scenarios; do
	case "$s" in
	system) plan=$((plan + 13)) ;;
	sysnoinclude) plan=$((plan + 6)) ;;
	sysnoikev1) plan=$((plan + 4)) ;;
	ephemeral) plan=$((plan + 10)) ;;
	busy1701) plan=$((plan + 11)) ;;
	two) plan=$((plan + 12)) ;;
	*) lab_bail "unknown scenario $s" ;;
	esac
done
lab_plan $plan

[ -x "$L2C" ] || lab_bail "build cli/l2tp-connect first"
command -v ipsec >/dev/null || lab_bail "libreswan is not installed"

GOOD_SECRETS="ipsec-psk=$LAB_IPSEC_PSK
password=$LAB_PPP_PASSWORD"

# --- with a system pluto --------------------------------------------------------------------

system_lists() {
	lab_ipsec_system_whack --status 2>/dev/null | grep -q "\"$1\""
}

plutos_in_lac() {
	for pid in $(ip netns pids lac); do
		[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = pluto ] && echo "$pid"
	done
}

only_the_system_pluto() {
	[ "$(plutos_in_lac | wc -l)" = 1 ]
}

our_dropin() {
	ls /etc/ipsec.d/l2tp-connect-*.secrets 2>/dev/null
}

# With a system pluto, "nothing left" means: that pluto as it was (running, its connection,
# the foreign SA and policy), and nothing of ours in it, in /etc/ipsec.d, iptables or
# the runtime directory.
system_nothing_left() {
	lab_ipsec_system_running || { echo "the system pluto stopped"; return 1; }
	system_lists "$LAB_SYSTEM_CONN" || { echo "its own connection is gone"; return 1; }
	if lab_ipsec_system_whack --status | grep 'l2c-'; then
		echo "our connection is still in the system pluto"
		return 1
	fi
	[ -z "$(our_dropin)" ] || { echo "left in /etc/ipsec.d: $(our_dropin)"; return 1; }
	lab_ipsec_foreign_xfrm_present || { echo "the foreign SA or policy is gone"; return 1; }
	if ip -n lac xfrm state | grep -q "$LAB_LNS_ADDR"; then
		echo "an SA with the gateway is left"
		return 1
	fi
	only_the_system_pluto || { echo "plutos in lac: $(plutos_in_lac)"; return 1; }
	for t in iptables iptables-legacy; do
		if ip netns exec lac "$t" -w -S 2>/dev/null | grep l2c-; then
			echo "$t chains left"
			return 1
		fi
	done
	[ -z "$(lab_runtime_leftovers "$RUNTIME")" ] || { ls -R "$RUNTIME"; return 1; }
}

check_extra() {
	case "$1" in
	system)
		lab_check "system: our connection is in the system pluto" system_lists "l2c-lab.nmconnection"
		lab_check "system: no pluto of our own runs beside it" only_the_system_pluto
		lab_check "system: the foreign SA and policy are still there while connected" \
			lab_ipsec_foreign_xfrm_present
		;;
	ephemeral | busy1701)
		lab_check "$1: L2TP leaves from a port other than 1701" l2tp_port_is_ephemeral
		;;
	esac
}

system_scenario() {
	lns_start system
	lab_ipsec_system_start || lab_bail "the system pluto did not start"
	lab_ipsec_foreign_xfrm_add || lab_bail "cannot add the foreign SA and policy"
	psk_profile ""
	ipsec_nothing_left() { system_nothing_left; }
	connect_and_check system "$GOOD_SECRETS"
	lab_check "system: the system pluto's log shows our connection's SA" \
		lab_log_has "$LAB_OUT/pluto-system.log" '"l2c-lab.nmconnection".*(established|IPsec SA)'
	lab_ipsec_system_stop
	ipsec_nothing_left() { lab_ipsec_nothing_left "$RUNTIME"; }
}

secrets_unchanged() {
	cmp /etc/ipsec.secrets "$LAB_OUT/ipsec.secrets.before"
}

sysnoinclude_scenario() {
	lns_start sysnoinclude
	lab_ipsec_system_start --no-include || lab_bail "the system pluto did not start"
	cp /etc/ipsec.secrets "$LAB_OUT/ipsec.secrets.before"
	psk_profile ""
	ipsec_nothing_left() { system_nothing_left; }
	lab_ipsec_foreign_xfrm_add || lab_bail "cannot add the foreign SA and policy"
	fail_and_check sysnoinclude "$GOOD_SECRETS" \
		"reads pre-shared keys only from /etc/ipsec.secrets, which does not include /etc/ipsec.d/\*\.secrets" \
		"where the system reads keys from and what to add"
	lab_check "sysnoinclude: /etc/ipsec.secrets is untouched" secrets_unchanged
	lab_check "sysnoinclude: the system pluto's connection is still there" \
		system_lists "$LAB_SYSTEM_CONN"
	lab_ipsec_system_stop
	ipsec_nothing_left() { lab_ipsec_nothing_left "$RUNTIME"; }
}

sysnoikev1_scenario() {
	lns_start sysnoikev1
	lab_ipsec_system_start --no-ikev1 || lab_bail "the system pluto did not start"
	lab_ipsec_foreign_xfrm_add || lab_bail "cannot add the foreign SA and policy"
	psk_profile ""
	ipsec_nothing_left() { system_nothing_left; }
	fail_and_check sysnoikev1 "$GOOD_SECRETS" "refuses IKEv1.*ikev1-policy=accept" \
		"IKEv1 is off in the running IPsec service and how to turn it on"
	lab_ipsec_system_stop
	ipsec_nothing_left() { lab_ipsec_nothing_left "$RUNTIME"; }
}

# --- the L2TP source port ------------------------------------------------------------------

# A UDP socket of ours towards the gateway's port 1701, from a local port other than 1701
# (ss prints the local address just before the peer's).
l2tp_port_is_ephemeral() {
	ip netns exec lac ss -Hun >"$LAB_OUT/ss-$up_name.txt"
	awk -v gw="$PROFILE_GATEWAY:1701" '{ for (i = 2; i <= NF; i++) if ($i == gw) {
			n = split($(i - 1), a, ":"); print a[n] } }' "$LAB_OUT/ss-$up_name.txt" |
		grep -qvx 1701
}

ephemeral_scenario() {
	lns_start ephemeral
	psk_profile "ephemeral-port=yes"
	connect_and_check ephemeral "$GOOD_SECRETS"
}

busy1701_scenario() {
	lns_start busy1701
	ip netns exec lac python3 -c 'import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("0.0.0.0", 1701))
time.sleep(3600)' &
	holder=$!
	lab_wait_until 5 sh -c 'ip netns exec lac ss -Hunl | grep -q ":1701 "'
	psk_profile ""
	connect_and_check busy1701 "$GOOD_SECRETS"
	lab_check "busy1701: the log says why the port is ephemeral" \
		lab_log_has "$LAB_OUT/up-busy1701.err" "port 1701 unavailable"
	kill "$holder"
	wait "$holder" 2>/dev/null
}

# --- two connections at once -------------------------------------------------------------

# The LNS host answers on a second address with a second xl2tpd (its own PPP addresses).
second_lns_start() {
	ip -n lns addr add "$SECOND_GW/24" dev eth0 2>/dev/null
	lns_start two-a --also "$SECOND_GW"
	(
		LAB_LNS_ADDR=$SECOND_GW
		LAB_LNS_DIR=$LAB_OUT/lns-second
		LAB_LNS_PIDFILE=/run/xl2tpd/lns-second.pid
		LAB_LNS_PPP_ADDR=$SECOND_PPP_ADDR
		LAB_PPP_POOL=198.51.100.21-198.51.100.30
		lab_lns_start --auth chap --log xl2tpd-two-b.log
	) || lab_bail "the second xl2tpd did not start"
}

# save_up NAME / use_up NAME: keep the background client's variables apart per connection.
save_up() {
	eval "${1}_pid=\$up_pid ${1}_log=\$up_log_pid ${1}_fifo=\$up_fifo ${1}_started=\$up_started"
}

use_up() {
	eval "up_pid=\$${1}_pid up_log_pid=\$${1}_log up_fifo=\$${1}_fifo up_started=\$${1}_started"
	up_name=$1
}

sa_with() {
	ip -n lac xfrm state | grep -q "src $1 dst\|dst $1\$"
}

two_scenario() {
	second_lns_start
	PROFILE=$LAB_OUT/two-a.nmconnection PROFILE_ID=lab-a PROFILE_GATEWAY=$LAB_LNS_ADDR
	psk_profile ""
	up two-a "$GOOD_SECRETS"
	save_up two_a
	lab_check "two: the first connection comes up" lab_wait_until 60 connected
	PROFILE=$LAB_OUT/two-b.nmconnection PROFILE_ID=lab-b PROFILE_GATEWAY=$SECOND_GW
	PROFILE_IPV4="never-default=true"
	psk_profile ""
	up two-b "$GOOD_SECRETS"
	save_up two_b
	lab_check "two: the second comes up beside it" lab_wait_until 60 connected
	lab_check "two: ping through the first" lab_ping lac "$LAB_LNS_PPP_ADDR" 2
	lab_check "two: ping through the second" lab_ping lac "$SECOND_PPP_ADDR" 2
	lab_check "two: SAs with both gateways" sh -c \
		"ip -n lac xfrm state | grep -q 'dst $LAB_LNS_ADDR' && ip -n lac xfrm state | grep -q 'dst $SECOND_GW'"
	lab_check "two: one pluto serves both" sh -c '[ "$(ip netns pids lac | while read -r p; do cat /proc/$p/comm; done | grep -c "^pluto$")" = 1 ]'
	use_up two_a
	kill -TERM "$up_pid"
	wait_up_exit 20
	lab_check "two: the first disconnects and exits 0 (status ${up_status:-still running})" \
		[ "${up_status:-x}" = 0 ]
	lab_check "two: the second's SA is intact" sa_with "$SECOND_GW"
	lab_check "two: the first's SA is gone" lab_not sa_with "$LAB_LNS_ADDR"
	lab_check "two: ping through the second still works" lab_ping lac "$SECOND_PPP_ADDR" 2
	use_up two_b
	kill -TERM "$up_pid"
	wait_up_exit 20
	lab_check "two: the second disconnects and exits 0 (status ${up_status:-still running})" \
		[ "${up_status:-x}" = 0 ]
	lab_wait_until 5 nothing_left
	lab_check "two: nothing left (no pluto, XFRM, chains, files, pppd; routes as before)" \
		nothing_left
	PROFILE=$LAB_OUT/lab.nmconnection PROFILE_ID=lab-ipsec PROFILE_GATEWAY=$LAB_LNS_ADDR
	PROFILE_IPV4=
}

direct_network
for s in $scenarios; do
	"${s}_scenario"
done

lab_check "no secret is in any of l2tp-connect's logs" secrets_not_in_logs
lab_lns_stop
lab_ipsec_lns_stop
lab_finish
