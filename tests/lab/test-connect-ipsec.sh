#!/bin/sh
# `l2tp-connect up --foreground` through IPsec (libreswan) to the reference LNS, which takes
# L2TP only from inside IPsec: a pre-shared key, the same behind a masquerading router (NAT-T),
# and certificates (PKCS#12; PEM with a separate key file, also an encrypted one); a wrong PSK,
# a proposal mismatch, a key that is not the certificate's and a server certificate from
# another CA than machine-ca fail with their own messages within a bounded time. After every
# run nothing is left (no pluto, XFRM state or policy, iptables chains, files, routes), and no
# secret showed in any argv, environment or log.
#
# Each certificate connection pins the server's certificate to its own machine-ca (rightca):
# with one connection up on the lab CA, a second one to the same server whose machine-ca is
# another CA fails, although the first one's CA is in the shared pluto's store.
#
# A disconnect while IKE still waits for the server ends at once; a server that never answers
# on UDP 500 is named as such within a bounded time.
#
#   test-connect-ipsec.sh [psk] [cert] [pem] [pemenc] [badkey] [wrongpsk] [proposal] [cancel]
#                         [nat] [noanswer] [wrongca] [pinca]
#                         (default: all)
[ -n "${LAB_INSIDE:-}" ] ||
	exec /bin/sh "$(dirname "$0")/run" --timeout "${LAB_TIMEOUT:-600}" "$0" "$@"
. "$top_srcdir/tests/lab/lib.sh"
. "$top_srcdir/tests/lab/lib-ipsec.sh"
. "$top_srcdir/tests/lab/lib-ipsec-client.sh"

scenarios=${*:-psk cert pem pemenc badkey wrongca pinca wrongpsk proposal cancel noanswer nat}
plan=1
for s in $scenarios; do
	case "$s" in
	psk) plan=$((plan + 9)) ;;
	cert | pem | pemenc) plan=$((plan + 11)) ;;
	nat) plan=$((plan + 10)) ;;
	pinca) plan=$((plan + 9)) ;;
	wrongpsk | proposal | badkey | wrongca | noanswer) plan=$((plan + 4)) ;;
	cancel) plan=$((plan + 3)) ;;
	*) lab_bail "unknown scenario $s" ;;
	esac
done
lab_plan $plan

[ -x "$L2C" ] || lab_bail "build cli/l2tp-connect first"
command -v ipsec >/dev/null || lab_bail "libreswan is not installed"

check_extra() {
	case "$1" in
	nat)
		lab_check "nat: ESP is UDP-encapsulated (encap espinudp)" xfrm_has_espinudp
		;;
	cert | pem | pemenc)
		lab_check "$1: the server authenticated the client by its certificate" \
			lab_log_has "$LAB_IPSEC_LNS_DIR/pluto.log" \
			"CN=client.lab.*(RSA|authenticated)|(RSA|authenticated).*CN=client.lab"
		lab_check "$1: the server's certificate is pinned to the lab CA (rightca)" \
			conf_pins_lab_ca
		;;
	esac
}

LAB_CA_DN="O=l2tp-connect lab, CN=Lab CA"

# The connection's rendered ipsec.conf (in the runtime directory while it is up) names the
# lab CA as the one its server's certificate must chain to.
conf_pins_lab_ca() {
	name=$(basename "$PROFILE")
	cp "$RUNTIME/ipsec-$name/ipsec.conf" "$LAB_OUT/ipsec-$name.conf" &&
		grep -qxF "	rightca=\"$LAB_CA_DN\"" "$LAB_OUT/ipsec-$name.conf"
}

# The lab CA's connection up, then one to the same server with another CA as machine-ca: the
# shared pluto's store trusts the lab CA (the first one imported it), yet the second must
# fail, because its server's certificate is pinned to its own CA. The second goes to the
# server's second address: to the first one, pluto would reuse the first connection's IKE SA
# (IKEv1 shares Phase 1 per peer) and check no certificate at all.
SECOND_GW=192.0.2.3
pinca_scenario() {
	[ -f "$LAB_IPSEC_PKI/client.pem" ] ||
		lab_ipsec_make_pki || lab_bail "cannot make the certificates (openssl)"
	ip -n lns addr add "$SECOND_GW/24" dev eth0 2>/dev/null
	lns_start pinca --cert --also "$SECOND_GW"
	make_other_ca || lab_bail "cannot make the other CA (openssl)"
	PROFILE=$LAB_OUT/pinca-a.nmconnection PROFILE_ID=lab-pinca-a
	cert_profile "$LAB_IPSEC_PKI/client.pem" "$LAB_IPSEC_PKI/client.key" 4
	up pinca-a "password=$LAB_PPP_PASSWORD"
	pinca_a_pid=$up_pid pinca_a_log=$up_log_pid pinca_a_fifo=$up_fifo
	lab_check "pinca: the connection with the lab CA comes up" lab_wait_until 60 connected
	lab_check "pinca: its server's certificate is pinned to the lab CA (rightca)" \
		conf_pins_lab_ca
	PROFILE=$LAB_OUT/pinca-b.nmconnection PROFILE_ID=lab-pinca-b PROFILE_GATEWAY=$SECOND_GW
	PROFILE_IPV4="never-default=true"
	cert_profile "$LAB_IPSEC_PKI/client.pem" "$LAB_IPSEC_PKI/client.key" 4 \
		"$LAB_IPSEC_PKI/other-ca.pem"
	# The server's name in its certificate: only the CA is wrong, not the ID.
	sed -i '/^\[vpn\]$/a ipsec-remote-id=@lns.lab' "$PROFILE"
	up pinca-b "password=$LAB_PPP_PASSWORD"
	wait_up_exit $((FAILURE_SECONDS + 30))
	[ -n "$up_status" ] || kill -TERM "$up_pid"
	keep_client_pluto_log pinca
	lab_check "pinca: the other CA's connection exits non-zero (status ${up_status:-still running})" \
		sh -c '[ -n "$1" ] && [ "$1" -ne 0 ]' sh "$up_status"
	lab_check "pinca: it gives up within $FAILURE_SECONDS s (${up_seconds} s)" \
		[ "$up_seconds" -lt "$FAILURE_SECONDS" ]
	if lab_check "pinca: the message says the certificate check failed (not on its ID)" \
		sh -c 'grep -E "IPsec: certificate" "$1" | grep -qv subjectAltName' sh \
		"$LAB_OUT/up-pinca-b.err"; then
		lab_diag "pinca: $(grep -E "IPsec: certificate" "$LAB_OUT/up-pinca-b.err" | head -n 1)"
	fi
	# Without the pin the server passes IKE on the first connection's CA, and only L2TP fails.
	lab_check "pinca: no IPsec SA with the server that its own CA did not sign" \
		lab_not grep -q "IPsec SA established" "$LAB_OUT/up-pinca-b.err"
	lab_check "pinca: the first connection still pings" lab_ping lac "$LAB_LNS_PPP_ADDR" 2
	up_pid=$pinca_a_pid up_log_pid=$pinca_a_log up_fifo=$pinca_a_fifo up_name=pinca-a
	kill -TERM "$up_pid"
	wait_up_exit 20
	lab_check "pinca: the first disconnects and exits 0 (status ${up_status:-still running})" \
		[ "${up_status:-x}" = 0 ]
	lab_wait_until 5 nothing_left
	lab_check "pinca: nothing left (no pluto, XFRM, chains, files, pppd; routes as before)" \
		nothing_left
	PROFILE=$LAB_OUT/lab.nmconnection PROFILE_ID=lab-ipsec PROFILE_GATEWAY=$LAB_LNS_ADDR
	PROFILE_IPV4=
	ip -n lns addr del "$SECOND_GW/24" dev eth0 2>/dev/null
}
cancel_and_check() {
	ip netns exec lns iptables-legacy -w -I INPUT -p udp --dport 500 -j DROP
	up cancel "ipsec-psk=$LAB_IPSEC_PSK
password=$LAB_PPP_PASSWORD"
	lab_wait_for_log "$LAB_OUT/up-cancel.err" "negotiating with" 30
	# A moment into the retransmissions.
	sleep 1
	cancel_at=$(uptime_cs)
	kill -TERM "$up_pid"
	wait_up_exit 30
	cancel_cs=$(($(uptime_cs) - cancel_at))
	cancel_seconds=$((cancel_cs / 100)).$((cancel_cs % 100 / 10))
	ip netns exec lns iptables-legacy -w -D INPUT -p udp --dport 500 -j DROP
	lab_check "cancel: SIGTERM during IKE exits 0 (status ${up_status:-still running})" \
		[ "${up_status:-x}" = 0 ]
	lab_check "cancel: it does not wait for IKE to time out (${cancel_seconds} s)" \
		[ "$cancel_cs" -le 800 ]
	lab_check "cancel: nothing left (no pluto, XFRM, chains, files, pppd; routes as before)" \
		nothing_left
}

direct_network
for s in $scenarios; do
	case "$s" in
	psk)
		lns_start psk
		psk_profile ""
		connect_and_check psk "ipsec-psk=$LAB_IPSEC_PSK
password=$LAB_PPP_PASSWORD"
		;;
	cert)
		cert_lns_start cert
		cert_profile
		connect_and_check cert "machine-certpass=$LAB_IPSEC_P12_PASS
password=$LAB_PPP_PASSWORD"
		;;
	pem)
		cert_lns_start pem
		cert_profile "$LAB_IPSEC_PKI/client.pem" "$LAB_IPSEC_PKI/client.key" 4
		connect_and_check pem "password=$LAB_PPP_PASSWORD"
		;;
	pemenc)
		cert_lns_start pemenc
		make_encrypted_key || lab_bail "cannot encrypt the client key (openssl)"
		cert_profile "$LAB_IPSEC_PKI/client.pem" "$LAB_IPSEC_PKI/client-enc.key"
		connect_and_check pemenc "machine-certpass=$LAB_IPSEC_P12_PASS
password=$LAB_PPP_PASSWORD"
		;;
	badkey)
		cert_lns_start badkey
		cert_profile "$LAB_IPSEC_PKI/client.pem" "$LAB_IPSEC_PKI/server.key" 4
		fail_and_check badkey "password=$LAB_PPP_PASSWORD" \
			"machine-key: .*server.key is not the private key of the certificate" \
			"the key is not the certificate's"
		;;
	wrongca)
		cert_lns_start wrongca
		make_other_ca || lab_bail "cannot make the other CA (openssl)"
		cert_profile "$LAB_IPSEC_PKI/client.pem" "$LAB_IPSEC_PKI/client.key" 4 \
			"$LAB_IPSEC_PKI/other-ca.pem"
		fail_and_check wrongca "password=$LAB_PPP_PASSWORD" "IPsec: certificate" \
			"the certificate check failed"
		;;
	pinca) pinca_scenario ;;
	wrongpsk)
		lns_start wrongpsk
		psk_profile ""
		fail_and_check wrongpsk "ipsec-psk=$WRONG_PSK
password=$LAB_PPP_PASSWORD" "pre-shared key" "the pre-shared key is wrong"
		;;
	proposal)
		lns_start proposal --ike aes128-sha2_512-modp3072
		psk_profile "ipsec-ike=aes256-sha1-modp2048"
		fail_and_check proposal "ipsec-psk=$LAB_IPSEC_PSK
password=$LAB_PPP_PASSWORD" "proposals.*aes256-sha1-modp2048" \
			"no proposal was accepted, listing what was offered"
		;;
	cancel)
		lns_start cancel
		psk_profile ""
		cancel_and_check
		;;
	noanswer)
		lns_start noanswer
		psk_profile ""
		ip netns exec lns iptables-legacy -w -I INPUT -p udp --dport 500 -j DROP
		fail_and_check noanswer "ipsec-psk=$LAB_IPSEC_PSK
password=$LAB_PPP_PASSWORD" "no response from $LAB_LNS_ADDR on UDP 500" \
			"the server did not answer on UDP 500"
		ip netns exec lns iptables-legacy -w -D INPUT -p udp --dport 500 -j DROP
		;;
	nat)
		nat_network
		lns_start nat
		psk_profile ""
		connect_and_check nat "ipsec-psk=$LAB_IPSEC_PSK
password=$LAB_PPP_PASSWORD"
		;;
	esac
done

lab_check "no secret is in any of l2tp-connect's logs" secrets_not_in_logs
lab_lns_stop
lab_ipsec_lns_stop
lab_finish
