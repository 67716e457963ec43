#!/bin/sh
# core/ipsec against a libreswan responder: the ESP transport SA comes up and goes down with
# nothing left behind; a wrong PSK and disjoint proposals give their own messages.
[ -n "${LAB_INSIDE:-}" ] ||
	exec "$(dirname "$0")/run" --timeout "${LAB_TIMEOUT:-300}" "$0" "$@"
. "$top_srcdir/tests/lab/lib.sh"
. "$top_srcdir/tests/lab/lib-ipsec.sh"

lab_plan 10

PROBE=$top_builddir/tests/lab/ipsec-probe
RT=$LAB_OUT/ipsec-rt
[ -x "$PROBE" ] || lab_bail "build tests/lab/ipsec-probe first (make check builds it)"
command -v ipsec >/dev/null || lab_bail "libreswan is not installed"

lab_net_setup || lab_bail "cannot create the lab network"
lab_ipsec_client_route

# probe LOGNAME ARGS...: runs the driver in netns lac; output in $LAB_OUT/LOGNAME.out
probe() {
	name=$1
	shift
	ip netns exec lac "$PROBE" --runtime-dir "$RT" --gateway "$LAB_LNS_ADDR" \
		--retransmit-timeout 6 "$@" >"$LAB_OUT/$name.out" 2>"$LAB_OUT/$name.err"
}

lab_ipsec_lns_start || lab_bail "the libreswan responder does not start"
probe up --psk "$LAB_IPSEC_PSK"
status=$?
[ $status -eq 0 ] || { lab_diag_file "$LAB_OUT/up.out"; lab_diag_file "$LAB_OUT/up.err"; }
lab_result $status "the driver brings the SA up with the right PSK"
lab_check "whack --trafficstatus lists it" grep -q "trafficstatus listed" "$LAB_OUT/up.out"
lab_check "ip xfrm state shows ESP transport SAs" \
	sh -c "sed -n '/xfrm-begin/,/xfrm-end/p' '$LAB_OUT/up.out' | grep -q 'proto esp .*mode transport'"
lab_check "nothing is left after teardown" lab_ipsec_nothing_left

probe wrongpsk --psk "not-the-right-key-000"
lab_check "a wrong PSK fails as psk-mismatch" grep -q "failed psk-mismatch" "$LAB_OUT/wrongpsk.out"
lab_check "nothing is left after the PSK failure" lab_ipsec_nothing_left
lab_ipsec_lns_stop

lab_ipsec_lns_start --ike aes128-sha2_512-modp4096 || lab_bail "responder restart failed"
probe ikeprop --psk "$LAB_IPSEC_PSK"
lab_check "disjoint IKE proposals fail as ike-proposal" \
	grep -q "failed ike-proposal" "$LAB_OUT/ikeprop.out"
lab_ipsec_lns_stop

lab_ipsec_lns_start --esp aes_gcm256-null || lab_bail "responder restart failed"
probe espprop --psk "$LAB_IPSEC_PSK"
lab_check "disjoint ESP proposals fail as esp-proposal" \
	grep -q "failed esp-proposal" "$LAB_OUT/espprop.out"
lab_ipsec_lns_stop
lab_check "nothing is left after the proposal failures" lab_ipsec_nothing_left

lab_ipsec_lns_stop
probe noserver --psk "$LAB_IPSEC_PSK"
lab_check "no responder fails as no-response or port-unreachable" \
	grep -q -E "failed (no-response|port-unreachable)" "$LAB_OUT/noserver.out"

lab_finish
