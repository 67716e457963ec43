#!/bin/sh
# `l2tp-connect up --foreground` through IPsec (libreswan) to the reference LNS, which takes
# L2TP only from inside IPsec: a pre-shared key, the same behind a masquerading router (NAT-T),
# and certificates (PKCS#12; PEM with a separate key file, also an encrypted one); a wrong PSK,
# a proposal mismatch, a key that is not the certificate's and a server certificate from
# another CA than machine-ca fail with their own messages within a bounded time. After every run nothing is left (no pluto, XFRM state or policy, iptables
# chains, files, routes), and no secret showed in any argv, environment or log.
#
# A disconnect while IKE still waits for the server ends at once; a server that never answers
# on UDP 500 is named as such within a bounded time.
#
#   test-connect-ipsec.sh [psk] [cert] [pem] [pemenc] [badkey] [wrongpsk] [proposal] [cancel]
#                         [nat] [noanswer] [wrongca]
#                         (default: all)
[ -n "${LAB_INSIDE:-}" ] ||
	exec /bin/sh "$(dirname "$0")/run" --timeout "${LAB_TIMEOUT:-600}" "$0" "$@"
. "$top_srcdir/tests/lab/lib.sh"
. "$top_srcdir/tests/lab/lib-ipsec.sh"
. "$top_srcdir/tests/lab/lib-ipsec-client.sh"

scenarios=${*:-psk cert pem pemenc badkey wrongca wrongpsk proposal cancel noanswer nat}
plan=1
for s in $scenarios; do
	case "$s" in
	psk) plan=$((plan + 9)) ;;
	cert | pem | pemenc | nat) plan=$((plan + 10)) ;;
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
		;;
	esac
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
