# Sourced by lab tests after lib.sh: a libreswan L2TP/IPsec responder in netns "lns", set up
# the way stock libreswan + xl2tpd servers are (leftprotoport=17/1701, rightprotoport=17/%any,
# PSK, IKEv1, pfs=no). Its files and log live under $LAB_OUT/ipsec-lns.
# shellcheck shell=sh

LAB_IPSEC_LNS_DIR=$LAB_OUT/ipsec-lns
LAB_IPSEC_PSK=lab-psk-0123456789abcdef

# lab_ipsec_lns_start [--psk KEY] [--ike LIST] [--esp LIST]
lab_ipsec_lns_start() {
	lab_ipsec_psk=$LAB_IPSEC_PSK
	lab_ipsec_ike=
	lab_ipsec_esp=
	while [ $# -gt 0 ]; do
		case "$1" in
		--psk) lab_ipsec_psk=$2; shift ;;
		--ike) lab_ipsec_ike=$2; shift ;;
		--esp) lab_ipsec_esp=$2; shift ;;
		esac
		shift
	done
	rm -rf "$LAB_IPSEC_LNS_DIR"
	mkdir -p "$LAB_IPSEC_LNS_DIR/run" "$LAB_IPSEC_LNS_DIR/nss" || return 1
	chmod 700 "$LAB_IPSEC_LNS_DIR"
	{
		printf 'config setup\n\tikev1-policy=accept\n\nconn l2tp-lns\n'
		printf '\ttype=transport\n\tauthby=secret\n\tleft=%s\n' "$LAB_LNS_ADDR"
		printf '\tleftprotoport=17/1701\n\tright=%%any\n\trightprotoport=17/%%any\n'
		printf '\tikev2=no\n\tpfs=no\n\tauto=add\n'
		[ -n "$lab_ipsec_ike" ] && printf '\tike=%s\n' "$lab_ipsec_ike"
		[ -n "$lab_ipsec_esp" ] && printf '\tesp=%s\n' "$lab_ipsec_esp"
	} >"$LAB_IPSEC_LNS_DIR/ipsec.conf"
	printf ': PSK "%s"\n' "$lab_ipsec_psk" >"$LAB_IPSEC_LNS_DIR/ipsec.secrets"
	chmod 600 "$LAB_IPSEC_LNS_DIR/ipsec.secrets"
	ipsec initnss --nssdir "$LAB_IPSEC_LNS_DIR/nss" >/dev/null 2>&1 || return 1
	ip netns exec lns ipsec pluto --config "$LAB_IPSEC_LNS_DIR/ipsec.conf" \
		--secretsfile "$LAB_IPSEC_LNS_DIR/ipsec.secrets" --nssdir "$LAB_IPSEC_LNS_DIR/nss" \
		--rundir "$LAB_IPSEC_LNS_DIR/run" --ipsecdir "$LAB_IPSEC_LNS_DIR" --nofork --stderrlog \
		>"$LAB_IPSEC_LNS_DIR/pluto.log" 2>&1 &
	lab_wait_for_log "$LAB_IPSEC_LNS_DIR/pluto.log" "listening for IKE messages" 10
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

# Nothing of the driver may survive a run: no pluto, no XFRM, no chains, no files.
lab_ipsec_nothing_left() {
	if pgrep -f "pluto.*$LAB_OUT/ipsec-rt" >/dev/null; then
		lab_diag "a pluto of ours is still running"
		return 1
	fi
	if [ -n "$(ip netns exec lac ip xfrm state)$(ip netns exec lac ip xfrm policy)" ]; then
		lab_diag "XFRM left in lac: $(ip netns exec lac ip xfrm state; ip netns exec lac ip xfrm policy)"
		return 1
	fi
	if ip netns exec lac iptables -S | grep -q l2c-; then
		lab_diag "iptables chains left: $(ip netns exec lac iptables -S | grep l2c-)"
		return 1
	fi
	if [ -n "$(ls -A "$LAB_OUT/ipsec-rt" 2>/dev/null)" ]; then
		lab_diag "files left: $(ls -R "$LAB_OUT/ipsec-rt")"
		return 1
	fi
	return 0
}
