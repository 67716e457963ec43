#!/bin/sh
# The lab itself works: the reference client (xl2tpd + pppd, kernel data path) connects to the
# reference LNS with PAP, CHAP and MS-CHAPv2, directly and through the NAT router, IP flows
# through the PPP link, and iperf3 measures it.
[ -n "${LAB_INSIDE:-}" ] ||
	exec /bin/sh "$(dirname "$0")/run" --timeout "${LAB_TIMEOUT:-240}" "$0" "$@"
. "$top_srcdir/tests/lab/lib.sh"

lab_plan 15

# connect AUTH [lab_lns_start options]: the reference client connects to an LNS requiring AUTH;
# three test points: ppp0 up, ping through it, the LNS logged the session.
connect() {
	auth=$1
	shift
	LAB_LNS_PPPD_LOG=$LAB_OUT/pppd-lns-$auth.log
	lab_lns_start --auth "$auth" --log "xl2tpd-lns-$auth.log" "$@" ||
		lab_bail "the reference LNS does not start"
	LAB_LAC_LOG=$LAB_OUT/xl2tpd-lac-$auth.log
	LAB_LAC_PPPD_LOG=$LAB_OUT/pppd-lac-$auth.log
	if ! lab_check "reference client brings ppp0 up ($auth)" lab_xl2tpd_client_start; then
		lab_diag_file "$LAB_LNS_LOG"
		lab_diag_file "$LAB_LAC_PPPD_LOG"
	fi
	lab_check "ping $LAB_LNS_PPP_ADDR through ppp0 ($auth)" lab_ping lac "$LAB_LNS_PPP_ADDR" 3
	lab_check "the LNS logged the session ($auth)" lab_lns_session_established
}

disconnect() {
	lab_xl2tpd_client_stop
	lab_lns_stop
}

lns_pppd_used() {
	lab_log_has "$LAB_LNS_PPPD_LOG" "$1"
}

measure_throughput() {
	lab_iperf_server lns "$LAB_LNS_PPP_ADDR" || return 1
	mbits=$(lab_iperf_client lac "$LAB_LNS_PPP_ADDR" 2) || return 1
	lab_diag "reference client throughput: $mbits Mbit/s"
	# Anything that moved at all: this is a measurement, not a benchmark verdict.
	awk -v m="$mbits" 'BEGIN { exit !(m > 0) }'
}

lab_net_setup || lab_bail "cannot create the lab network"
lab_check "lac reaches the LNS over the veth" lab_ping lac "$LAB_LNS_ADDR" 1

connect pap
lab_check "the LNS's pppd authenticated the peer with PAP" \
	lns_pppd_used "PAP peer authentication succeeded"
disconnect

connect chap
lab_check "iperf3 measures TCP throughput through ppp0" measure_throughput
lab_iperf_server_stop
disconnect

ip netns del lns && ip netns del lac || lab_bail "cannot remove the direct network"
lab_net_setup --nat || lab_bail "cannot create the NAT network"
lab_check "lac reaches the LNS through the masquerading router" lab_ping lac "$LAB_LNS_ADDR" 1
connect mschap-v2 --flow-bit
lab_check "the LNS's pppd authenticated the peer with MS-CHAPv2" \
	lns_pppd_used "rcvd \[LCP ConfAck .*<auth chap MS-v2>"
lab_check "the LNS saw the tunnel come from the router's address" \
	lab_log_has "$LAB_LNS_LOG" "Connection established to $LAB_NAT_WAN_ADDR,"
disconnect

lab_finish
