#!/bin/sh
# Our L2TP engine (core/l2tp, driven by tests/lab/l2tp-probe) against the reference LNS
# (xl2tpd 1.3.18): tunnel and session up and a clean teardown, with and without tunnel
# authentication and hidden AVPs, a wrong secret, a lossy path, and captures that Wireshark's
# dissector must find well-formed.
[ -n "${LAB_INSIDE:-}" ] ||
	exec /bin/sh "$(dirname "$0")/run" --timeout "${LAB_TIMEOUT:-300}" "$0" "$@"
. "$top_srcdir/tests/lab/lib.sh"

lab_plan 21

probe=$top_builddir/tests/lab/l2tp-probe
[ -x "$probe" ] || lab_bail "$probe is not built (run make first)"
lab_net_setup || lab_bail "cannot create the lab network"

SECRET=lab-tunnel-secret
printf '%s\n' "$SECRET" >"$LAB_OUT/secret"
printf '%s\n' "not-the-$SECRET" >"$LAB_OUT/wrong-secret"
chmod 600 "$LAB_OUT/secret" "$LAB_OUT/wrong-secret"

# run_probe NAME [probe options]: run the probe from the LAC netns; its stdout and stderr go to
# $LAB_OUT/probe-NAME.out/.err and its exit status to $probe_status. timeout(1) backs up the
# probe's own give-up in case it hangs.
run_probe() {
	name=$1
	shift
	probe_out=$LAB_OUT/probe-$name.out
	probe_err=$LAB_OUT/probe-$name.err
	ip netns exec lac timeout -k 5 "${PROBE_TIMEOUT:-60}" "$probe" --server "$LAB_LNS_ADDR" \
		--verbose "$@" >"$probe_out" 2>"$probe_err"
	probe_status=$?
}

# The probe printed the tunnel, the session and a clean close, and exited 0.
probe_went_up_and_closed_clean() {
	[ "$probe_status" -eq 0 ] &&
		grep -q "^tunnel up local-tid=[1-9][0-9]* peer-tid=[1-9][0-9]* peer=$LAB_LNS_ADDR:1701" \
			"$probe_out" &&
		grep -q "^session up local-sid=[1-9][0-9]* peer-sid=[1-9][0-9]*" "$probe_out" &&
		grep -q "^closed clean" "$probe_out"
}

# check_probe_up_and_clean DESCRIPTION: one test point; shows the logs when it fails.
check_probe_up_and_clean() {
	if probe_went_up_and_closed_clean; then
		lab_ok "$1"
		return 0
	fi
	lab_not_ok "$1"
	lab_diag "l2tp-probe exited $probe_status"
	lab_diag_file "$probe_out" 5
	lab_diag_file "$probe_err" 20
	lab_diag_file "$LAB_LNS_LOG" 20
	return 1
}

# xl2tpd saw our tunnel and our call come up.
lns_saw_session() {
	lab_log_has "$LAB_LNS_LOG" "Connection established to $LAB_LAC_ADDR, [0-9]+" &&
		lab_log_has "$LAB_LNS_LOG" "Call established with $LAB_LAC_ADDR"
}

# xl2tpd received our CDN, then our StopCCN with result 1 (general request to clear), and
# never had to give up on us.
lns_saw_clean_close() {
	cdn=$(grep -n "message type 14 (Call-Disconnect-Notify)" "$LAB_LNS_LOG" | head -n1)
	stop=$(grep -n "message type 4 (Stop-Control-Connection-Notification)" "$LAB_LNS_LOG" |
		head -n1)
	[ -n "$cdn" ] && [ -n "$stop" ] || return 1
	[ "${cdn%%:*}" -lt "${stop%%:*}" ] || return 1
	lab_log_has "$LAB_LNS_LOG" "peer closing for reason 1 " &&
		! lab_log_has "$LAB_LNS_LOG" "Maximum retries exceeded|bad control packet"
}

# One capture of every case, dissected once at the end: tshark is slow to start in UML.
capture=$LAB_OUT/l2tp.pcapng
lab_capture_start "$capture" lns eth0 "udp port 1701" || lab_bail "cannot capture on the LNS"

# (a) No tunnel authentication.
lab_lns_start --auth none --log xl2tpd-lns-plain.log || lab_bail "the reference LNS does not start"
run_probe plain --hold 1
check_probe_up_and_clean "tunnel and session up, then closed clean (no tunnel auth)"
lab_check "xl2tpd established the tunnel and the call" lns_saw_session
lab_check "xl2tpd got our CDN, then our StopCCN, and closed cleanly" lns_saw_clean_close
lab_lns_stop

# (b) Tunnel authentication (challenge = yes) with the right secret.
lab_lns_start --auth none --challenge "$SECRET" --log xl2tpd-lns-challenge.log ||
	lab_bail "the reference LNS does not start"
run_probe challenge --hold 1 --secret-file "$LAB_OUT/secret"
check_probe_up_and_clean "up and closed clean with challenge = yes and the right secret"
lab_check "xl2tpd accepted our challenge response and the call" lns_saw_session
lab_check "xl2tpd closed cleanly (challenge)" lns_saw_clean_close
lab_lns_stop

# (c) Hidden AVPs both ways (hidden bit = yes) with the secret.
lab_lns_start --auth none --challenge "$SECRET" --hidden --log xl2tpd-lns-hidden.log ||
	lab_bail "the reference LNS does not start"
run_probe hidden --hold 1 --secret-file "$LAB_OUT/secret" --hide-avps
check_probe_up_and_clean "up and closed clean with hidden AVPs (hidden bit = yes)"
lab_check "xl2tpd decoded our hidden AVPs and established the call" lns_saw_session
lab_check "xl2tpd closed cleanly (hidden AVPs)" lns_saw_clean_close
lab_lns_stop

# (d) The wrong tunnel secret: a clear error naming the secret, exit 1, no session.
lab_lns_start --auth none --challenge "$SECRET" --log xl2tpd-lns-wrong-secret.log ||
	lab_bail "the reference LNS does not start"
run_probe wrong-secret --hold 1 --secret-file "$LAB_OUT/wrong-secret"
lab_check "a wrong tunnel secret makes the probe exit 1 (it exited $probe_status)" \
	test "$probe_status" -eq 1
lab_check "the error says the secret is wrong (stderr mentions the secret)" \
	grep -Eiq "secret" "$probe_err"
lab_diag_file "$probe_err" 3
lab_check "no session came up with the wrong secret" lab_not grep -q '^session up' "$probe_out"
lab_lns_stop

# (e) 20 % of the LNS's packets lost at random: retransmission still gets the call up.
# Only coming up is required: xl2tpd forgets a tunnel as soon as it has a StopCCN, so when its
# ZLB for the StopCCN is lost our retransmissions go unanswered (RFC 2661 §5.7 wants it to keep
# acknowledging them) and the probe cannot report a clean close.
lab_lns_start --auth none --loss 20 --log xl2tpd-lns-loss.log ||
	lab_bail "the reference LNS does not start"
PROBE_TIMEOUT=120 run_probe loss --hold 1
probe_came_up() {
	grep -q "^tunnel up local-tid=" "$probe_out" && grep -q "^session up local-sid=" "$probe_out"
}
lab_check "tunnel and session up with 20 % loss on the LNS's side" probe_came_up ||
	lab_diag_file "$probe_err" 20
lab_diag "with 20 % loss the probe exited $probe_status: $(tail -n 1 "$probe_out" "$probe_err" |
	grep -v '^==>' | grep . | tr '\n' ' ')"
lab_check "xl2tpd established the call despite the loss" lns_saw_session
lab_lns_stop

# (e) again with a loss that is the same on every run: the LNS's first two packets (its SCCRP
# and whatever it sends next) are lost, so the handshake only completes by retransmission.
lab_lns_start --auth none --drop-first 2 --log xl2tpd-lns-drop.log ||
	lab_bail "the reference LNS does not start"
PROBE_TIMEOUT=120 run_probe drop --hold 1
check_probe_up_and_clean "up and closed clean when the LNS's first two packets are lost"
lab_check "xl2tpd established the call despite the lost packets" lns_saw_session
lab_lns_stop

# (g) An ephemeral local port (RFC 2661 §8.1 lets the LAC pick any source port).
lab_lns_start --auth none --log xl2tpd-lns-ephemeral.log ||
	lab_bail "the reference LNS does not start"
run_probe ephemeral --hold 1 --ephemeral-port
check_probe_up_and_clean "up and closed clean from an ephemeral source port"
lns_saw_ephemeral_port() {
	grep -E "Connection established to $LAB_LAC_ADDR, [0-9]+" "$LAB_LNS_LOG" |
		grep -vq ", 1701\."
}
lab_check "xl2tpd saw the tunnel come from a port other than 1701" lns_saw_ephemeral_port
lab_lns_stop

# (f) Wireshark's L2TP dissector finds nothing malformed in anything we sent or received,
# (a) and (c) included.
lab_capture_stop
table=$LAB_OUT/l2tp.fields
lab_tshark_fields "$capture" frame.number ip.src l2tp.type l2tp.avp.hidden _ws.malformed \
	_ws.expert.severity >"$table"

# Control messages (l2tp.type 1) we sent: the six of (a) alone, and more.
count_our_control_messages() {
	awk -F '\t' -v us="$LAB_LAC_ADDR" '$2 == us && $3 == 1' "$table" | grep -c .
}
# Malformed by the dissector, or an expert item of severity "error" (0x00800000).
count_malformed() {
	awk -F '\t' '$5 != "" || $6 ~ /(^|,)8388608(,|$)/' "$table" | grep -c .
}
count_our_hidden_avps() {
	awk -F '\t' -v us="$LAB_LAC_ADDR" '$2 == us && $4 ~ /(^|,)1(,|$)/' "$table" | grep -c .
}
ours=$(count_our_control_messages)
lab_check "the capture holds our control messages ($ours)" test "$ours" -ge 12
malformed=$(count_malformed)
lab_check "tshark finds no malformed L2TP packet in the capture ($malformed)" test "$malformed" = 0
[ "$malformed" = 0 ] || lab_diag_file "$table" 40
hidden=$(count_our_hidden_avps)
lab_check "the messages we sent in (c) carried hidden AVPs ($hidden)" test "$hidden" -gt 0

lab_finish
