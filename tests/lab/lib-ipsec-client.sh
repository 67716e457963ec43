# Sourced by the L2TP/IPsec lab tests after lib.sh and lib-ipsec.sh: `l2tp-connect up
# --foreground` as the client in netns lac, its profiles, its runs in the background, and the
# test points of one good connect (connect_and_check) and one failing (fail_and_check). A test
# defines check_extra LABEL for test points of its own while a connection is up.
# shellcheck shell=sh

L2C=$top_builddir/cli/l2tp-connect
PLUGIN=$top_builddir/core/ppp/plugin/l2tp-connect-pppd.so
PROFILE=$LAB_OUT/lab.nmconnection
RUNTIME=/run/l2tp-connect-lab
# A client gives up on a server that does not answer well within a minute.
FAILURE_SECONDS=60
WRONG_PSK=not-the-lab-psk-42
# The profile's name (and so its connection's), its gateway and extra [ipv4] lines.
PROFILE_ID=lab-ipsec
PROFILE_GATEWAY=$LAB_LNS_ADDR
PROFILE_IPV4=

write_profile() {
	cat >"$PROFILE" <<EOF
[connection]
id=$PROFILE_ID
uuid=$(printf '%s' "$PROFILE_ID" | md5sum | sed -E 's/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/\1-\2-\3-\4-\5/')
type=vpn
autoconnect=false

[vpn]
service-type=org.freedesktop.NetworkManager.l2tp
gateway=$PROFILE_GATEWAY
user=$LAB_PPP_USER
password-flags=1
ipsec-enabled=yes
$1

[ipv4]
method=auto
$PROFILE_IPV4
EOF
}

psk_profile() {
	write_profile "ipsec-psk-flags=1
$1"
}

# cert_profile [CERT [KEY [CERTPASS-FLAGS [CA]]]]: certificate authentication; by default the
# client's PKCS#12 file, its password asked for (flags 1; 4 = an unencrypted key needs none),
# and the lab CA.
cert_profile() {
	write_profile "machine-auth-type=tls
machine-cert=${1:-$LAB_IPSEC_PKI/client.p12}
machine-key=${2:-${1:-$LAB_IPSEC_PKI/client.p12}}
machine-ca=${4:-$LAB_IPSEC_PKI/ca.pem}
machine-certpass-flags=${3:-1}"
}

# The client's key encrypted (PKCS#8, AES) with the PKCS#12 password.
make_encrypted_key() {
	openssl pkcs8 -topk8 -v2 aes-256-cbc -in "$LAB_IPSEC_PKI/client.key" \
		-passout "pass:$LAB_IPSEC_P12_PASS" -out "$LAB_IPSEC_PKI/client-enc.key"
}

# A CA that signed nothing the lab uses.
make_other_ca() {
	LAB_SAN=DNS:other.lab openssl req -x509 -new -newkey rsa:2048 -nodes -days 2 \
		-subj "/O=elsewhere/CN=Other CA" -config "$LAB_IPSEC_PKI/openssl.cnf" -extensions ca \
		-keyout "$LAB_IPSEC_PKI/other-ca.key" -out "$LAB_IPSEC_PKI/other-ca.pem" \
		2>>"$LAB_IPSEC_PKI/openssl.log"
}

# Certificates once per run; the certificate-authenticated responder for each scenario.
cert_lns_start() {
	[ -f "$LAB_IPSEC_PKI/client.pem" ] ||
		lab_ipsec_make_pki || lab_bail "cannot make the certificates (openssl)"
	lns_start "$1" --cert
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

# The secrets as grep patterns in a file, so that no grep carries them in its argv.
SECRETS_FILE=/run/l2c-lab-secrets
printf '%s\n' "$LAB_IPSEC_PSK" "$WRONG_PSK" "$LAB_PPP_PASSWORD" "$LAB_IPSEC_P12_PASS" \
	>"$SECRETS_FILE"

# Fails if one of the secrets is in any process's argv or environment right now.
secrets_not_in_proc() {
	! grep -a -l -F -f "$SECRETS_FILE" /proc/[0-9]*/cmdline /proc/[0-9]*/environ 2>/dev/null
}

secrets_not_in_logs() {
	! grep -a -l -F -f "$SECRETS_FILE" "$LAB_OUT"/up-* "$LAB_OUT"/pluto-lac-*
}

# Copies lines from stdin to FILE, each prefixed with the guest's uptime: where time goes.
timestamp_lines() {
	while IFS= read -r line; do
		read -r now _ </proc/uptime
		printf '%s %s\n' "$now" "$line"
	done >"$1"
}

# up NAME SECRETS: start the client in the background, SECRETS (lines) on its stdin. Its log
# goes to up-NAME.err with timestamps.
up() {
	up_name=$1
	: >"$LAB_OUT/up-$up_name.out"
	up_fifo=/run/l2c-lab-up-$up_name.fifo
	rm -f "$up_fifo"
	mkfifo "$up_fifo"
	timestamp_lines "$LAB_OUT/up-$up_name.err" <"$up_fifo" &
	up_log_pid=$!
	up_started=$(date +%s)
	printf '%s\n' "$2" |
		ip netns exec lac "$L2C" up "$PROFILE" --foreground --secrets-from-stdin \
			--pppd-plugin "$PLUGIN" --runtime-dir "$RUNTIME" -v \
			>"$LAB_OUT/up-$up_name.out" 2>"$up_fifo" &
	up_pid=$!
}

# Our pluto's log goes with its directory at disconnect; the lab keeps a copy.
keep_client_pluto_log() {
	cp "$RUNTIME"/pluto/pluto.log "$LAB_OUT/pluto-lac-$1.log" 2>/dev/null
}

connected() {
	grep -q '^connected ' "$LAB_OUT/up-$up_name.out"
}

# Waits for the client to exit; its status in $up_status, its run time in $up_seconds.
wait_up_exit() {
	up_status=
	if lab_wait_gone "$up_pid" "$1"; then
		wait "$up_pid"
		up_status=$?
	fi
	up_seconds=$(($(date +%s) - up_started))
	# The log's last lines, once everything writing to it is gone.
	lab_wait_gone "$up_log_pid" 5 && wait "$up_log_pid"
	rm -f "$up_fifo"
}

# An ESP transport-mode SA with the profile's gateway (other SAs may be there too).
xfrm_has_esp_transport() {
	ip -n lac xfrm state | tee "$LAB_OUT/xfrm-$up_name.txt" |
		awk -v gw="$PROFILE_GATEWAY" '/^src / { with_gw = $2 == gw || $4 == gw }
			with_gw && /proto esp .*mode transport/ { found = 1 }
			END { exit !found }'
}

xfrm_has_espinudp() {
	ip -n lac xfrm state | grep -q 'encap type espinudp'
}

no_clear_l2tp_reached_lns() {
	dropped=$(lab_ipsec_lns_clear_l2tp_dropped)
	echo "clear L2TP packets the LNS dropped: ${dropped:-no rule}"
	[ "$dropped" = 0 ]
}

nothing_of_ppp_left() {
	! lac_has_pppd && ! ip -n lac -o link show | grep -q ': ppp' &&
		[ "$(routes_snapshot)" = "$routes_before" ]
}

# What "nothing of IPsec left" means; a test with other IPsec on the host redefines it.
ipsec_nothing_left() {
	lab_ipsec_nothing_left "$RUNTIME"
}

nothing_left() {
	nothing_of_ppp_left && ipsec_nothing_left
}

# The reference LNS behind a libreswan responder: lns_start [lab_ipsec_lns_start options].
lns_start() {
	lab_lns_stop
	lab_ipsec_lns_stop
	lab_lns_start --auth chap --log "xl2tpd-$1.log" || lab_bail "the LNS did not start"
	shift
	lab_ipsec_lns_start "$@" || lab_bail "the libreswan responder did not start"
}

# connect_and_check LABEL SECRETS: the test points of one good connect and disconnect.
connect_and_check() {
	label=$1
	up "$label" "$2"
	if lab_wait_until 60 connected; then
		lab_ok "$label: connected ($(cat "$LAB_OUT/up-$label.out"))"
	else
		lab_not_ok "$label: connected"
		lab_diag_file "$LAB_OUT/up-$label.err" 30
	fi
	keep_client_pluto_log "$label"
	times=$(grep -Eo 'connected in [0-9]+ ms \(IPsec [0-9]+ ms.*' "$LAB_OUT/up-$label.err")
	if [ -n "$times" ]; then
		lab_ok "$label: the supervisor logged the connect time"
		lab_diag "$label: $times"
	else
		lab_not_ok "$label: the supervisor logged the connect time"
	fi
	lab_check "$label: ping $LAB_LNS_PPP_ADDR through the tunnel" \
		lab_ping lac "$LAB_LNS_PPP_ADDR" 2
	lab_check "$label: ip xfrm state shows ESP transport-mode SAs" xfrm_has_esp_transport
	lab_check "$label: no clear L2TP ever reached the LNS" no_clear_l2tp_reached_lns
	lab_check "$label: no secret is in any process's argv or environment" \
		secrets_not_in_proc
	check_extra "$label"
	kill -TERM "$up_pid"
	wait_up_exit 20
	lab_check "$label: SIGTERM disconnects and exits 0 (status ${up_status:-still running})" \
		[ "${up_status:-x}" = 0 ]
	lab_check "$label: nothing left of PPP: no pppd, no ppp link, routes as before" \
		nothing_of_ppp_left
	lab_check "$label: nothing left of IPsec: no pluto, XFRM, chains or files" \
		ipsec_nothing_left
}

# fail_and_check LABEL SECRETS MESSAGE-ERE WHAT: a connect that must fail.
fail_and_check() {
	label=$1
	up "$label" "$2"
	wait_up_exit $((FAILURE_SECONDS + 30))
	[ -n "$up_status" ] || kill -TERM "$up_pid"
	lab_check "$label: exits non-zero (status ${up_status:-still running})" \
		sh -c '[ -n "$1" ] && [ "$1" -ne 0 ]' sh "$up_status"
	lab_check "$label: gives up within $FAILURE_SECONDS s (${up_seconds} s)" \
		[ "$up_seconds" -lt "$FAILURE_SECONDS" ]
	if lab_check "$label: the message says $4" grep -Eq -- "$3" "$LAB_OUT/up-$label.err"; then
		lab_diag "$label: $(grep -E -- "$3" "$LAB_OUT/up-$label.err" | head -n 1)"
	fi
	lab_wait_until 5 nothing_left
	lab_check "$label: nothing left (no pluto, XFRM, chains, files, pppd; routes as before)" \
		nothing_left
}

# Guest uptime in centiseconds, without starting a process.
uptime_cs() {
	read -r uptime_now _ </proc/uptime
	uptime_frac=${uptime_now#*.}
	echo $((${uptime_now%.*} * 100 + ${uptime_frac#0}))
}

# cancel_and_check: SIGTERM while IKE retransmits to a server that drops UDP 500.
direct_network() {
	lab_net_setup || lab_bail "cannot create the lab network"
	lab_ipsec_client_route
	routes_before=$(routes_snapshot)
	lab_ipsec_lns_drop_clear_l2tp || lab_bail "cannot install the LNS's clear-L2TP drop rule"
}

nat_network() {
	lab_lns_stop
	lab_ipsec_lns_stop
	ip netns del lac
	ip netns del lns
	lab_net_setup --nat || lab_bail "cannot create the NAT lab network"
	routes_before=$(routes_snapshot)
	lab_ipsec_lns_drop_clear_l2tp || lab_bail "cannot install the LNS's clear-L2TP drop rule"
}
