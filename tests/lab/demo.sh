#!/bin/sh
# make demo: l2tp-connect's main job, shown step by step in the lab. The reference server
# (libreswan IKEv1 responder with a PSK, xl2tpd LNS, pppd) runs in netns lns; l2tp-connect
# connects to it from netns lac with `up --foreground`, the password and PSK on stdin. Then a
# ping through the tunnel, the interface, routes and IPsec SAs, and SIGTERM: the connection
# must come down leaving nothing behind.
#
#   tests/lab/run tests/lab/demo.sh [--no-ipsec]
#
# Human-readable output on stdout; exits 1 when a step fails.
# shellcheck disable=SC2154 # top_srcdir and top_builddir come from tests/lab/run
[ -n "${LAB_INSIDE:-}" ] || exec "$(dirname "$0")/run" --timeout "${LAB_TIMEOUT:-300}" "$0" "$@"
. "$top_srcdir/tests/lab/lib.sh"
. "$top_srcdir/tests/lab/lib-ipsec.sh"

L2C=$top_builddir/cli/l2tp-connect
PLUGIN=$top_builddir/core/ppp/plugin/l2tp-connect-pppd.so
PROFILE=$LAB_OUT/office.nmconnection
CLIENT_LOG=$LAB_OUT/l2tp-connect.log
CLIENT_FIFO=/run/l2c-demo-client.fifo
USE_IPSEC=yes
[ "${1:-}" = --no-ipsec ] && USE_IPSEC=no

step() {
	echo
	echo "== $*"
}

# show COMMAND...: print the command as typed in netns lac, then its output, indented.
show() {
	echo "lac\$ $*"
	ip netns exec lac "$@" >"$LAB_OUT/show.out" 2>&1
	show_status=$?
	sed 's/^/    /' "$LAB_OUT/show.out"
	return "$show_status"
}

fail() {
	echo
	echo "demo FAILED: $*"
	[ -f "$CLIENT_LOG" ] && lab_diag_file "$CLIENT_LOG" 30
	exit 1
}

# ESP keys are secrets even in a lab; the demo shows the SAs, not their keys.
hide_keys() {
	sed -E 's/0x[0-9a-f]{16,}/0x(key hidden)/g'
}

write_profile() {
	cat >"$PROFILE" <<EOF
[connection]
id=office
uuid=5d0c6a4e-2b1f-4f7e-9a53-0d6c2f1e7a10
type=vpn
autoconnect=false

[vpn]
service-type=org.freedesktop.NetworkManager.l2tp
gateway=$LAB_LNS_ADDR
user=$LAB_PPP_USER
password-flags=1
EOF
	if [ "$USE_IPSEC" = yes ]; then
		printf 'ipsec-enabled=yes\nipsec-psk-flags=1\n' >>"$PROFILE"
	fi
	printf '\n[ipv4]\nmethod=auto\n' >>"$PROFILE"
}

secrets() {
	printf 'password=%s\n' "$LAB_PPP_PASSWORD"
	[ "$USE_IPSEC" = yes ] && printf 'ipsec-psk=%s\n' "$LAB_IPSEC_PSK"
}

# The client's stdout and stderr, shown as they come (indented) and kept in $CLIENT_LOG.
start_client() {
	rm -f "$CLIENT_FIFO"
	mkfifo "$CLIENT_FIFO" || return 1
	: >"$CLIENT_LOG"
	while IFS= read -r line; do
		echo "    | $line"
		echo "$line" >>"$CLIENT_LOG"
	done <"$CLIENT_FIFO" &
	reader_pid=$!
	secrets | ip netns exec lac "$L2C" up "$PROFILE" --foreground --secrets-from-stdin \
		--pppd-plugin "$PLUGIN" >"$CLIENT_FIFO" 2>&1 &
	client_pid=$!
}

connected() {
	grep -q '^connected ' "$CLIENT_LOG"
}

routes_snapshot() {
	ip -n lac -4 route show table all | grep -v '^local\|^broadcast' | sort
}

lac_has_process() {
	for pid in $(ip netns pids lac); do
		[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$1" ] && return 0
	done
	return 1
}

# check DESCRIPTION COMMAND...: one line of the teardown report.
checks_failed=0
check() {
	check_desc=$1
	shift
	if "$@" >/dev/null 2>&1; then
		echo "    ok: $check_desc"
	else
		echo "    NOT OK: $check_desc"
		checks_failed=$((checks_failed + 1))
	fi
}

{ [ -x "$L2C" ] && [ -f "$PLUGIN" ]; } || fail "build l2tp-connect and its pppd plugin first (make)"
if [ "$USE_IPSEC" = yes ] && ! command -v ipsec >/dev/null; then
	fail "libreswan is not installed (tests/lab/run tests/lab/demo.sh --no-ipsec runs without)"
fi

if [ "$USE_IPSEC" = yes ]; then
	echo "l2tp-connect demo: an L2TP/IPsec (IKEv1, pre-shared key) connection in the lab"
else
	echo "l2tp-connect demo: a plain L2TP connection in the lab (no IPsec)"
fi
step "The lab network (User-Mode Linux, two network namespaces)"
echo "    lac (the client)  192.0.2.2  <-- veth -->  192.0.2.1  lns (the server)"
lab_net_setup || fail "cannot create the lab network"
# The gateway is reached through the client's default route, as on a laptop's LAN.
lab_ipsec_client_route

step "The server in netns lns"
if [ "$USE_IPSEC" = yes ]; then
	lab_ipsec_lns_start || fail "the libreswan responder does not start"
	echo "    libreswan $(ipsec --version 2>/dev/null | sed -n 's/.*Libreswan \([^ ]*\).*/\1/p'):" \
		"IKEv1 responder, PSK, ESP transport mode for UDP port 1701"
fi
lab_lns_start --auth chap --log xl2tpd-lns.log || fail "the LNS (xl2tpd) does not start"
echo "    xl2tpd LNS on 192.0.2.1:1701, pppd with CHAP, user $LAB_PPP_USER," \
	"addresses 198.51.100.10-20, server end $LAB_LNS_PPP_ADDR"

step "The profile: a NetworkManager-l2tp keyfile ($PROFILE)"
write_profile
sed 's/^/    /' "$PROFILE"
routes_before=$(routes_snapshot)

step "Connecting"
if [ "$USE_IPSEC" = yes ]; then
	printf '%s\n' "lac\$ printf 'password=...\\nipsec-psk=...\\n' |"
else
	printf '%s\n' "lac\$ printf 'password=...\\n' |"
fi
echo "      l2tp-connect up $(basename "$PROFILE") --foreground --secrets-from-stdin"
start_client || fail "cannot start l2tp-connect"
started=$(date +%s%3N)
if ! lab_wait_until 60 connected; then
	lab_pid_gone "$client_pid" && fail "l2tp-connect exited without connecting"
	fail "l2tp-connect did not connect within 60 s"
fi
elapsed=$(($(date +%s%3N) - started))
step "Connected after $((elapsed / 1000)).$(printf '%03d' $((elapsed % 1000))) s:"
grep '^connected ' "$CLIENT_LOG" | sed 's/^/    /'

step "Through the tunnel"
show ping -n -c 3 -i 0.3 -W 2 "$LAB_LNS_PPP_ADDR" || fail "no ping through the tunnel"
show ip addr show ppp0
show ip route
if [ "$USE_IPSEC" = yes ]; then
	echo "lac\$ ip xfrm state"
	ip -n lac xfrm state | hide_keys | sed 's/^/    /'
	[ -n "$(ip -n lac xfrm state)" ] || fail "no IPsec SA in the kernel"
fi

step "Disconnecting: SIGTERM to l2tp-connect"
kill -TERM "$client_pid"
if ! lab_wait_gone "$client_pid" 30; then
	kill -KILL "$client_pid" 2>/dev/null
	fail "l2tp-connect did not exit within 30 s of SIGTERM"
fi
wait "$client_pid"
status=$?
wait "$reader_pid" 2>/dev/null

step "Down: what is left"
check "l2tp-connect exited with status $status" [ "$status" = 0 ]
check "no ppp0 in the client" lab_ppp_down lac
check "no pppd in the client" lab_not lac_has_process pppd
check "routes as before the connection" [ "$(routes_snapshot)" = "$routes_before" ]
check "the server saw the tunnel closed (StopCCN)" \
	lab_wait_for_log "$LAB_LNS_LOG" "Connection closed to|StopCCN" 5
if [ "$USE_IPSEC" = yes ]; then
	check "no IPsec SA or policy in the client" \
		sh -c '[ -z "$(ip -n lac xfrm state)$(ip -n lac xfrm policy)" ]'
	check "no pluto of ours in the client" lab_not lac_has_process pluto
fi
show ip route
[ "$checks_failed" = 0 ] || fail "$checks_failed teardown checks failed"
echo
echo "demo OK: connected, pinged $LAB_LNS_PPP_ADDR through the tunnel, and came down cleanly."
echo "(logs: $LAB_OUT)"
exit 0
