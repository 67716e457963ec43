# Sourced by lab tests after lib.sh: a libreswan L2TP/IPsec responder in netns "lns", set up
# the way stock libreswan + xl2tpd servers are (leftprotoport=17/1701, rightprotoport=17/%any,
# PSK or certificates, IKEv1, pfs=no). Its files and log live under $LAB_OUT/ipsec-lns.
# shellcheck shell=sh

LAB_IPSEC_LNS_DIR=$LAB_OUT/ipsec-lns
LAB_IPSEC_PSK=lab-psk-0123456789abcdef
# lab_ipsec_make_pki puts ca.pem, server.p12 and client.p12 (this password) here.
LAB_IPSEC_PKI=$LAB_OUT/pki
LAB_IPSEC_P12_PASS=lab-p12-pass-4711

# lab_ipsec_lns_start [--psk KEY] [--ike LIST] [--esp LIST] [--cert] [--also ADDR]
#   --cert  authenticate with the server certificate from lab_ipsec_make_pki (RSA signatures)
#           and accept clients whose certificate the lab CA signed, instead of the PSK
#   --also  answer on ADDR too (a second gateway address of the LNS host), authenticated as
#           on the first
lab_ipsec_lns_start() {
	lab_ipsec_psk=$LAB_IPSEC_PSK
	lab_ipsec_ike=
	lab_ipsec_esp=
	lab_ipsec_cert=
	lab_ipsec_also=
	while [ $# -gt 0 ]; do
		case "$1" in
		--psk) lab_ipsec_psk=$2; shift ;;
		--ike) lab_ipsec_ike=$2; shift ;;
		--esp) lab_ipsec_esp=$2; shift ;;
		--cert) lab_ipsec_cert=yes ;;
		--also) lab_ipsec_also=$2; shift ;;
		esac
		shift
	done
	rm -rf "$LAB_IPSEC_LNS_DIR"
	mkdir -p "$LAB_IPSEC_LNS_DIR/run" "$LAB_IPSEC_LNS_DIR/nss" || return 1
	chmod 700 "$LAB_IPSEC_LNS_DIR"
	{
		printf 'config setup\n\tikev1-policy=accept\n'
		if [ -n "$lab_ipsec_also" ]; then
			printf '\nconn l2tp-lns-also\n\ttype=transport\n\tleft=%s\n' "$lab_ipsec_also"
			printf '\tleftprotoport=17/1701\n\tright=%%any\n\trightprotoport=17/%%any\n'
			printf '\tikev2=no\n\tpfs=no\n\tauto=add\n'
			lab_ipsec_lns_auth
		fi
		printf '\nconn l2tp-lns\n'
		printf '\ttype=transport\n\tleft=%s\n' "$LAB_LNS_ADDR"
		printf '\tleftprotoport=17/1701\n\tright=%%any\n\trightprotoport=17/%%any\n'
		printf '\tikev2=no\n\tpfs=no\n\tauto=add\n'
		lab_ipsec_lns_auth
		[ -n "$lab_ipsec_ike" ] && printf '\tike=%s\n' "$lab_ipsec_ike"
		[ -n "$lab_ipsec_esp" ] && printf '\tesp=%s\n' "$lab_ipsec_esp"
	} >"$LAB_IPSEC_LNS_DIR/ipsec.conf"
	printf ': PSK "%s"\n' "$lab_ipsec_psk" >"$LAB_IPSEC_LNS_DIR/ipsec.secrets"
	chmod 600 "$LAB_IPSEC_LNS_DIR/ipsec.secrets"
	ipsec initnss --nssdir "$LAB_IPSEC_LNS_DIR/nss" >/dev/null 2>&1 || return 1
	if [ -n "$lab_ipsec_cert" ]; then
		lab_ipsec_lns_import_certs || return 1
	fi
	ip netns exec lns ipsec pluto --config "$LAB_IPSEC_LNS_DIR/ipsec.conf" \
		--secretsfile "$LAB_IPSEC_LNS_DIR/ipsec.secrets" --nssdir "$LAB_IPSEC_LNS_DIR/nss" \
		--rundir "$LAB_IPSEC_LNS_DIR/run" --ipsecdir "$LAB_IPSEC_LNS_DIR" --nofork --stderrlog \
		>"$LAB_IPSEC_LNS_DIR/pluto.log" 2>&1 &
	lab_wait_for_log "$LAB_IPSEC_LNS_DIR/pluto.log" "listening for IKE messages" 10
}

# The responder's authentication lines of a conn: certificates or the PSK.
lab_ipsec_lns_auth() {
	if [ -n "$lab_ipsec_cert" ]; then
		printf '\tauthby=rsasig\n\tleftcert=lab-server\n\tleftid=%%fromcert\n'
		printf '\tleftsendcert=always\n\tleftrsasigkey=%%cert\n'
		printf '\trightid=%%fromcert\n\trightca=%%same\n\trightrsasigkey=%%cert\n'
	else
		printf '\tauthby=secret\n'
	fi
}

# The server's certificate and key, and the lab CA as the only issuer it trusts.
lab_ipsec_lns_import_certs() {
	lab_ipsec_nss=sql:$LAB_IPSEC_LNS_DIR/nss
	certutil -A -d "$lab_ipsec_nss" -n lab-ca -t CT,, -a -i "$LAB_IPSEC_PKI/ca.pem" || return 1
	printf '%s\n' "$LAB_IPSEC_P12_PASS" >"$LAB_IPSEC_LNS_DIR/p12.pw"
	pk12util -i "$LAB_IPSEC_PKI/server.p12" -d "$lab_ipsec_nss" -w "$LAB_IPSEC_LNS_DIR/p12.pw" \
		>/dev/null || return 1
	rm -f "$LAB_IPSEC_LNS_DIR/p12.pw"
}

# lab_ipsec_make_pki: a CA and two RSA certificates it signed, made with openssl (libreswan
# signs IKEv1 with RSA only): the server's (CN=lns.lab; its IKE ID is its DN) and the client's
# (CN=client.lab), each a PKCS#12 file with the CA inside and password $LAB_IPSEC_P12_PASS.
# Friendly names: lab-server, and "lab client" (with a space, as other tools' files often
# have), which the client must not rely on.
lab_ipsec_make_pki() {
	lab_pki=$LAB_IPSEC_PKI
	rm -rf "$lab_pki"
	mkdir -p "$lab_pki" || return 1
	cat >"$lab_pki/openssl.cnf" <<'EOF'
[req]
distinguished_name = dn
[dn]
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ee]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = $ENV::LAB_SAN
authorityKeyIdentifier = keyid
EOF
	LAB_SAN=DNS:ca.lab openssl req -x509 -new -newkey rsa:2048 -nodes -days 2 \
		-subj "/O=l2tp-connect lab/CN=Lab CA" -config "$lab_pki/openssl.cnf" -extensions ca \
		-keyout "$lab_pki/ca.key" -out "$lab_pki/ca.pem" 2>"$lab_pki/openssl.log" || return 1
	lab_ipsec_make_cert server lns.lab lab-server "DNS:lns.lab,IP:$LAB_LNS_ADDR" &&
		lab_ipsec_make_cert client client.lab "lab client" DNS:client.lab
}

# lab_ipsec_make_cert NAME CN FRIENDLY-NAME SUBJECT-ALT-NAME
lab_ipsec_make_cert() {
	LAB_SAN=$4 openssl req -new -newkey rsa:2048 -nodes -subj "/O=l2tp-connect lab/CN=$2" \
		-config "$lab_pki/openssl.cnf" -keyout "$lab_pki/$1.key" -out "$lab_pki/$1.csr" \
		2>>"$lab_pki/openssl.log" || return 1
	LAB_SAN=$4 openssl x509 -req -in "$lab_pki/$1.csr" -CA "$lab_pki/ca.pem" \
		-CAkey "$lab_pki/ca.key" -CAcreateserial -days 2 -extfile "$lab_pki/openssl.cnf" \
		-extensions ee -out "$lab_pki/$1.pem" 2>>"$lab_pki/openssl.log" || return 1
	openssl pkcs12 -export -inkey "$lab_pki/$1.key" -in "$lab_pki/$1.pem" \
		-certfile "$lab_pki/ca.pem" -name "$3" -passout "pass:$LAB_IPSEC_P12_PASS" \
		-out "$lab_pki/$1.p12" 2>>"$lab_pki/openssl.log"
}

# lab_ipsec_lns_drop_clear_l2tp: as L2TP/IPsec servers are set up, the LNS takes L2TP only
# from inside IPsec. lab_ipsec_lns_clear_l2tp_dropped prints how many packets the rule dropped.
lab_ipsec_lns_drop_clear_l2tp() {
	ip netns exec lns iptables-legacy -w -I INPUT -p udp --dport 1701 \
		-m policy --dir in --pol none -j DROP
}

lab_ipsec_lns_clear_l2tp_dropped() {
	ip netns exec lns iptables-legacy -w -L INPUT -v -x -n |
		awk '$3 == "DROP" && /dpt:1701/ && /pol none/ { print $1 }'
}

lab_ipsec_lns_stop() {
	[ -S "$LAB_IPSEC_LNS_DIR/run/pluto.ctl" ] || return 0
	ip netns exec lns ipsec whack --ctlsocket "$LAB_IPSEC_LNS_DIR/run/pluto.ctl" --shutdown \
		>/dev/null 2>&1
	lab_kill_pidfile "$LAB_IPSEC_LNS_DIR/run/pluto.pid"
	ip netns exec lns ip xfrm state flush
	ip netns exec lns ip xfrm policy flush
}

# The client netns needs a default route for left=%defaultroute.
lab_ipsec_client_route() {
	ip -n lac route replace default via "$LAB_LNS_ADDR"
}

# lab_ipsec_nothing_left [RUNTIME-DIR]: nothing of the driver survives a run: no pluto in netns
# lac, no XFRM state or policy there, no iptables chains of ours (nft or legacy), no file in
# RUNTIME-DIR (default $LAB_OUT/ipsec-rt).
lab_ipsec_nothing_left() {
	lab_ipsec_rt=${1:-$LAB_OUT/ipsec-rt}
	for lab_pid in $(ip netns pids lac); do
		if [ "$(cat "/proc/$lab_pid/comm" 2>/dev/null)" = pluto ]; then
			lab_diag "a pluto is still running in lac: pid $lab_pid"
			return 1
		fi
	done
	if [ -n "$(ip netns exec lac ip xfrm state)$(ip netns exec lac ip xfrm policy)" ]; then
		lab_diag "XFRM left in lac: $(ip netns exec lac ip xfrm state; ip netns exec lac ip xfrm policy)"
		return 1
	fi
	for lab_iptables in iptables iptables-legacy; do
		if ip netns exec lac "$lab_iptables" -w -S 2>/dev/null | grep -q l2c-; then
			lab_diag "$lab_iptables chains left: $(ip netns exec lac "$lab_iptables" -S | grep l2c-)"
			return 1
		fi
	done
	if [ -n "$(lab_runtime_leftovers "$lab_ipsec_rt")" ]; then
		lab_diag "files left: $(ls -R "$lab_ipsec_rt")"
		return 1
	fi
	return 0
}

# A "system" libreswan in netns lac, as the distribution's service runs it: /etc/ipsec.conf,
# /etc/ipsec.secrets, the NSS database in /var/lib/ipsec/nss, its socket /run/pluto/pluto.ctl
# (all in the guest's overlay), with a connection of its own, LAB_SYSTEM_CONN, and a key for
# it. Log: $LAB_OUT/pluto-system.log.
#   lab_ipsec_system_start [--no-include] [--no-ikev1]
#   --no-include  ipsec.secrets holds its key itself and includes nothing from /etc/ipsec.d
#   --no-ikev1    leave ikev1-policy at Debian's default (drop)
LAB_SYSTEM_CONN=unrelated-office
LAB_SYSTEM_PEER=203.0.113.7
lab_ipsec_system_start() {
	lab_sys_include=yes
	lab_sys_ikev1=accept
	while [ $# -gt 0 ]; do
		case "$1" in
		--no-include) lab_sys_include= ;;
		--no-ikev1) lab_sys_ikev1= ;;
		esac
		shift
	done
	lab_ipsec_system_stop
	mkdir -p /etc/ipsec.d /run/pluto || return 1
	rm -f /etc/ipsec.conf /etc/ipsec.secrets /etc/ipsec.d/*.secrets /etc/ipsec.d/*.conf
	{
		printf 'config setup\n'
		[ -n "$lab_sys_ikev1" ] && printf '\tikev1-policy=accept\n'
		printf '\nconn %s\n\ttype=transport\n\tauthby=secret\n' "$LAB_SYSTEM_CONN"
		printf '\tleft=%s\n\tright=%s\n\tikev2=insist\n\tauto=add\n' \
			"$LAB_LAC_ADDR" "$LAB_SYSTEM_PEER"
	} >/etc/ipsec.conf
	lab_sys_line="$LAB_LAC_ADDR $LAB_SYSTEM_PEER : PSK \"unrelated-office-key\""
	if [ -n "$lab_sys_include" ]; then
		printf 'include /etc/ipsec.d/*.secrets\n' >/etc/ipsec.secrets
		printf '%s\n' "$lab_sys_line" >"/etc/ipsec.d/$LAB_SYSTEM_CONN.secrets"
		chmod 600 "/etc/ipsec.d/$LAB_SYSTEM_CONN.secrets"
	else
		printf '%s\n' "$lab_sys_line" >/etc/ipsec.secrets
	fi
	chmod 600 /etc/ipsec.secrets
	rm -rf /var/lib/ipsec/nss
	mkdir -p /var/lib/ipsec/nss
	ipsec initnss >/dev/null 2>&1 || return 1
	# As Debian's ipsec.service starts it.
	ip netns exec lac ipsec pluto --config /etc/ipsec.conf --nofork --stderrlog \
		>"$LAB_OUT/pluto-system.log" 2>&1 &
	lab_wait_for_log "$LAB_OUT/pluto-system.log" "listening for IKE messages" 10 &&
		lab_wait_until 5 test -S /run/pluto/pluto.ctl
}

lab_ipsec_system_whack() {
	ip netns exec lac ipsec whack --ctlsocket /run/pluto/pluto.ctl "$@"
}

lab_ipsec_system_running() {
	lab_ipsec_system_whack --status >/dev/null 2>&1
}

lab_ipsec_system_stop() {
	[ -S /run/pluto/pluto.ctl ] || return 0
	lab_ipsec_system_whack --shutdown >/dev/null 2>&1
	lab_kill_pidfile /run/pluto/pluto.pid
	rm -f /run/pluto/pluto.ctl
	ip -n lac xfrm state flush
	ip -n lac xfrm policy flush
}

# An SA and a policy someone else put into the kernel by hand (SPI 0x4711, UDP port 4242):
# nobody's IKE daemon may touch them.
lab_ipsec_foreign_xfrm_add() {
	ip -n lac xfrm state add src "$LAB_LAC_ADDR" dst "$LAB_SYSTEM_PEER" proto esp spi 0x4711 \
		mode transport reqid 4711 enc 'cbc(aes)' 0x00112233445566778899aabbccddeeff \
		auth 'hmac(sha1)' 0x00112233445566778899aabbccddeeff00112233 &&
		ip -n lac xfrm policy add src "$LAB_LAC_ADDR/32" dst "$LAB_SYSTEM_PEER/32" proto udp \
			dport 4242 dir out tmpl src "$LAB_LAC_ADDR" dst "$LAB_SYSTEM_PEER" proto esp \
			mode transport reqid 4711
}

lab_ipsec_foreign_xfrm_present() {
	ip -n lac xfrm state | grep -q 'spi 0x00004711' &&
		ip -n lac xfrm policy | grep -q 'dport 4242'
}
