#!/bin/sh
# `l2tp-connect up --foreground` against the reference LNS (no IPsec): PAP, CHAP and
# MS-CHAPv2 on the kernel data path, the userspace data path, the automatic fallback when the
# kernel has no l2tp_ppp, a wrong password, and teardown on SIGTERM leaving nothing behind.
# The password must never show in any process's argv or environment, nor in our logs.
[ -n "${LAB_INSIDE:-}" ] ||
	exec /bin/sh "$(dirname "$0")/run" --timeout "${LAB_TIMEOUT:-600}" "$0" "$@"
. "$top_srcdir/tests/lab/lib.sh"

L2C=$top_builddir/cli/l2tp-connect
PLUGIN=$top_builddir/core/ppp/plugin/l2tp-connect-pppd.so
PROFILE=$LAB_OUT/lab.nmconnection

lab_plan 39

# Debian's /etc/ppp/options says `auth` (make the peer authenticate), which breaks a client
# that does not neutralise it; keep the real file for these tests.
cp /etc/ppp/options "$LAB_OUT/debian-ppp-options"
restore_debian_ppp_options() {
	cp "$LAB_OUT/debian-ppp-options" /etc/ppp/options
}

write_profile() {
	cat >"$PROFILE" <<EOF
[connection]
id=lab
uuid=0b5a3c36-4c8e-4c43-9d4f-3f0fb0a1a001
type=vpn
autoconnect=false

[vpn]
service-type=org.freedesktop.NetworkManager.l2tp
gateway=$LAB_LNS_ADDR
user=$LAB_PPP_USER
password-flags=1
$1

[ipv4]
method=auto
EOF
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

lac_has_ppp_link() {
	ip -n lac -o link show | grep -q ': ppp'
}

# Fails if the password is in any process's argv or environment right now.
password_not_in_proc() {
	for f in /proc/[0-9]*/cmdline /proc/[0-9]*/environ; do
		if tr '\0' '\n' <"$f" 2>/dev/null | grep -q -- "$LAB_PPP_PASSWORD"; then
			echo "found in $f"
			return 1
		fi
	done
	return 0
}

# up NAME [OPTIONS...]: start the client in the background, the password on stdin.
up() {
	up_name=$1
	shift
	: >"$LAB_OUT/up-$up_name.out"
	printf 'password=%s\n' "$LAB_PPP_PASSWORD" |
		ip netns exec lac "$L2C" up "$PROFILE" --foreground --secrets-from-stdin \
			--pppd-plugin "$PLUGIN" --runtime-dir /run/l2tp-connect-lab -v "$@" \
			>"$LAB_OUT/up-$up_name.out" 2>"$LAB_OUT/up-$up_name.err" &
	up_pid=$!
}

connected() {
	grep -q '^connected ' "$LAB_OUT/up-$up_name.out"
}

# Waits for the client to exit; its status in $up_status.
wait_up_exit() {
	up_status=
	if lab_wait_gone "$up_pid" "$1"; then
		wait "$up_pid"
		up_status=$?
	fi
}

nothing_left_behind() {
	! lac_has_pppd && ! lac_has_ppp_link && [ "$(routes_snapshot)" = "$routes_before" ] &&
		[ -z "$(ls -A /run/l2tp-connect-lab 2>/dev/null | grep -v '^ipsec')" ]
}

# connect_and_check LABEL AUTH [OPTIONS...]: six test points for one good connect.
connect_and_check() {
	label=$1
	auth=$2
	shift 2
	lab_lns_stop
	lab_lns_start --auth "$auth" --log "xl2tpd-$label.log" || lab_bail "LNS did not start"
	restore_debian_ppp_options
	up "$label" "$@"
	if lab_wait_until 20 connected; then
		lab_ok "$label: connected ($(cat "$LAB_OUT/up-$label.out"))"
	else
		lab_not_ok "$label: connected"
		lab_diag_file "$LAB_OUT/up-$label.err" 30
	fi
	lab_check "$label: ping 198.51.100.1 through the tunnel" \
		ip netns exec lac ping -c 2 -W 2 "$LAB_LNS_PPP_ADDR"
	lab_check "$label: the default route goes through ppp (0.0.0.0/1 + 128.0.0.0/1)" \
		sh -c 'ip -n lac route show | grep -q "^0.0.0.0/1 dev ppp" &&
			ip -n lac route show | grep -q "^128.0.0.0/1 dev ppp"'
	lab_check "$label: the password is in no process's argv or environment" \
		password_not_in_proc
	kill -TERM "$up_pid"
	wait_up_exit 15
	lab_check "$label: SIGTERM disconnects and exits 0 (status ${up_status:-still running})" \
		[ "${up_status:-x}" = 0 ]
	lab_check "$label: nothing left: no pppd, no ppp link, routes as before" \
		nothing_left_behind
}

lab_net_setup || lab_bail "network setup failed"
routes_before=$(routes_snapshot)
write_profile ""

connect_and_check pap pap
connect_and_check chap chap
connect_and_check mschapv2 mschap-v2
lab_check "mschapv2: xl2tpd saw our CDN and StopCCN (clean close)" \
	lab_log_has "$LAB_OUT/xl2tpd-mschapv2.log" "Connection closed to|StopCCN"
connect_and_check userspace chap --datapath userspace
lab_check "userspace: the client reports the userspace data path" \
	grep -q 'data path userspace' "$LAB_OUT/up-userspace.out"

# The password never reaches our own logs, even at -v.
lab_check "the password is in none of l2tp-connect's logs" \
	sh -c '! grep -l -- "$1" "$2"/up-*.err' sh "$LAB_PPP_PASSWORD" "$LAB_OUT"

# A wrong password: a specific message within 10 s, and nothing left behind.
lab_lns_stop
lab_lns_start --auth mschap-v2 --log xl2tpd-wrongpw.log || lab_bail "LNS did not start"
restore_debian_ppp_options
: >"$LAB_OUT/up-wrongpw.out"
start=$(date +%s)
printf 'password=%s\n' "not-the-password" |
	ip netns exec lac "$L2C" up "$PROFILE" --foreground --secrets-from-stdin \
		--pppd-plugin "$PLUGIN" --runtime-dir /run/l2tp-connect-lab \
		>"$LAB_OUT/up-wrongpw.out" 2>"$LAB_OUT/up-wrongpw.err" &
up_pid=$!
wait_up_exit 20
elapsed=$(($(date +%s) - start))
lab_check "wrong password: exits non-zero (status ${up_status:-still running})" \
	sh -c '[ -n "$1" ] && [ "$1" -ne 0 ]' sh "$up_status"
lab_check "wrong password: it took at most 10 s (${elapsed} s)" [ "$elapsed" -le 10 ]
lab_check "wrong password: the message says PPP authentication failed (MS-CHAPv2)" \
	grep -Eq 'PPP.*authentication failed.*MS-CHAPv2|MS-CHAPv2.*authentication failed' \
	"$LAB_OUT/up-wrongpw.err"
lab_check "wrong password: nothing left behind" nothing_left_behind

# Kernel without l2tp_ppp: the automatic fallback to the userspace data path. The LNS's
# xl2tpd, on the same kernel, then uses its own userspace path too.
lab_lns_stop
# Opening a PPPoL2TP socket would load the module again: forbid that, as a kernel built
# without it would.
echo "install l2tp_ppp /bin/false" >/etc/modprobe.d/l2c-lab-no-l2tp-ppp.conf
# The LNS's pppd may still hold its PPPoL2TP socket for a moment after xl2tpd has gone.
lab_check "l2tp_ppp is unloaded" lab_wait_until 10 sh -c \
	'modprobe -r l2tp_ppp 2>/dev/null || rmmod l2tp_ppp 2>/dev/null; ! grep -q "^l2tp_ppp " /proc/modules'
connect_and_check fallback chap
lab_check "fallback: the client chose the userspace data path by itself" \
	grep -q 'data path userspace' "$LAB_OUT/up-fallback.out"
lab_lns_stop
rm -f /etc/modprobe.d/l2c-lab-no-l2tp-ppp.conf
modprobe l2tp_ppp

lab_finish
