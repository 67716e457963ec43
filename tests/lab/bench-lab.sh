#!/bin/sh
# The benchmark, inside one lab boot (make bench runs it through tests/lab/bench.sh):
#
#   tests/lab/run --timeout 1200 tests/lab/bench-lab.sh [--runs N] [--seconds S]
#       [--only SECTION[,SECTION...]] [--strace] [--top]
#
# Sections (all by default): connect (1. without IPsec), throughput (2. without IPsec; with
# pty-ceiling built, also the pty's own ceiling: tests/lab/bench-pty.sh), daemon (3.), ipsec
# (1. and 2. with IPsec), userspace-lns (2. with userspace at both ends).
# --strace: count the relay's system calls (strace -c) during each userspace iperf3 run, into
# $LAB_OUT/runs/strace-*.txt; it slows the relay, so those throughput figures are not
# comparable.
# --top: the lab's ten largest CPU users (processes and kernel threads) during each iperf3 run,
# into $LAB_OUT/runs/top-*.txt, to see where the time goes besides the client.
#
# 1. Connect time, N runs each (interleaved, so a busy host slows every client alike), from
#    starting the client until ppp0 has its address, split into phases: l2tp-connect
#    (`up --foreground`) and the xl2tpd-based reference client (NetworkManager-l2tp's recipe),
#    without IPsec and with IPsec PSK (libreswan initiator: pluto, `ipsec auto --add`,
#    `ipsec auto --up`, then xl2tpd).
# 2. iperf3 TCP throughput through the tunnel (S seconds each way, lac -> 198.51.100.1 and
#    back) on the kernel and userspace data paths, with and without IPsec (N runs each,
#    interleaved, without; one with), and the CPU the client's processes used meanwhile.
# 3. l2tp-connectd at rest: its memory and wakeups, idle and with a connection up.
#
# Prints two tables on stdout and writes every figure to $LAB_OUT/bench.tsv; progress goes to
# stderr. Not pass/fail: no figure is judged, but the exit status is 1 when a measurement could
# not be made. Each run's logs and time stamps stay in $LAB_OUT/runs/.
# shellcheck disable=SC2154 # top_srcdir, top_builddir: from tests/lab/run; ev_*: see event()
[ -n "${LAB_INSIDE:-}" ] || exec "$(dirname "$0")/run" --timeout "${LAB_TIMEOUT:-1200}" "$0" "$@"
. "$top_srcdir/tests/lab/lib.sh"
. "$top_srcdir/tests/lab/lib-ipsec.sh"

BENCH_RUNS=5
BENCH_SECONDS=10
BENCH_SECTIONS=connect,throughput,daemon,ipsec,userspace-lns
BENCH_STRACE=no
BENCH_TOP=no
tp_run=1 # the throughput run being recorded
while [ $# -gt 0 ]; do
	case "$1" in
	--runs) BENCH_RUNS=$2; shift ;;
	--seconds) BENCH_SECONDS=$2; shift ;;
	--only) BENCH_SECTIONS=$2; shift ;;
	--strace) BENCH_STRACE=yes ;;
	--top) BENCH_TOP=yes ;;
	*)
		echo "usage: bench-lab.sh [--runs N] [--seconds S] [--only SECTION,...] [--strace]" \
			"[--top]" >&2
		exit 2
		;;
	esac
	shift
done

# section NAME: whether NAME is to run.
section() {
	case ",$BENCH_SECTIONS," in
	*",$1,"*) return 0 ;;
	*) return 1 ;;
	esac
}

L2C=$top_builddir/cli/l2tp-connect
PLUGIN=$top_builddir/core/ppp/plugin/l2tp-connect-pppd.so
RUNS=$LAB_OUT/runs
TSV=$LAB_OUT/bench.tsv
# The connect timeout: the slowest IPsec connect seen in the lab takes about 15 s.
CONNECT_TIMEOUT=60
bench_failed=0

progress() {
	echo "bench: $*" >&2
}

now_ms() {
	date +%s%3N
}

# record SECTION SETUP RUN METRIC VALUE: one line of bench.tsv (VALUE NA: not measured).
record() {
	printf '%s\t%s\t%s\t%s\t%s\n' "$@" >>"$TSV"
}

measurement_failed() {
	progress "FAILED: $*"
	bench_failed=1
}

# ---------------------------------------------------------------------------------------------
# Time stamps: bench-events.py follows the client's logs and the addresses appearing in netns
# lac, and reports named events on a fifo; the shell waits on it without polling.

EVENTS_FIFO=/run/l2c-bench-events.fifo
EVENT_NAMES="ready timeout ppp_up connected ike_start ike_done l2tp_start ppp_start call_up"
EVENT_NAMES="$EVENT_NAMES pluto_ready"
events_pid=

# events_start RUN bench-events.py-options...: start following; returns once it is ready.
events_start() {
	events_stop
	for event in $EVENT_NAMES; do
		eval "ev_$event="
	done
	events_log=$RUNS/$1.events
	shift
	rm -f "$EVENTS_FIFO"
	mkfifo "$EVENTS_FIFO" || return 1
	ip netns exec lac python3 "$top_srcdir/tests/lab/bench-events.py" --notify "$EVENTS_FIFO" \
		--log "$events_log" --timeout "$CONNECT_TIMEOUT" --addresses addr "$@" &
	events_pid=$!
	# Opening a fifo waits for the other end: should the follower die before it opens its
	# end, the watchdog opens one so that the read fails instead of hanging.
	(sleep 20 && [ -p "$EVENTS_FIFO" ] && exec 6>"$EVENTS_FIFO") 2>/dev/null &
	events_watchdog=$!
	exec 5<"$EVENTS_FIFO"
	kill "$events_watchdog" 2>/dev/null
	event ready
}

events_stop() {
	[ -n "$events_pid" ] || return 0
	kill "$events_pid" 2>/dev/null
	wait "$events_pid" 2>/dev/null
	exec 5<&-
	events_pid=
	rm -f "$EVENTS_FIFO"
}

# event NAME: wait until NAME has happened; its time (ms since the epoch) is then in $ev_NAME.
# Fails when the follower timed out or died.
event() {
	while eval "[ -z \"\$ev_$1\" ]"; do
		[ -z "$ev_timeout" ] || return 1
		# shellcheck disable=SC2034 # event_ms is used through eval
		read -r event_name event_ms <&5 || return 1
		case " $EVENT_NAMES " in
		*" $event_name "*) eval "ev_$event_name=\$event_ms" ;;
		esac
	done
}

# span FROM TO: milliseconds between two events (or times), NA when one is missing.
span() {
	if [ -n "$1" ] && [ -n "$2" ]; then
		echo $(($2 - $1))
	else
		echo NA
	fi
}

# ---------------------------------------------------------------------------------------------
# The lab's state between runs

lac_has_process() {
	for pid in $(ip netns pids lac); do
		[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$1" ] && return 0
	done
	return 1
}

lns_has_no_sa() {
	[ -z "$(ip -n lns xfrm state)" ]
}

# Every run starts from the same state: no PPP on either side, no pluto and no SA in lac, the
# LNS's SAs deleted.
settle() {
	lab_wait_until 15 lab_ppp_down lac || progress "warning: ppp0 still exists in lac"
	lab_wait_until 15 lab_ppp_down lns || progress "warning: ppp0 still exists in lns"
	lab_wait_until 15 lab_not lac_has_process pluto || progress "warning: pluto runs in lac"
	lab_wait_until 15 lns_has_no_sa || progress "warning: the LNS still has SAs"
	ip -n lac xfrm state flush
	ip -n lac xfrm policy flush
}

# The kernel instantiates each ESP transform, crypto self-tests included, the first time a
# state uses it. uml-init does this at boot; make sure, so the first IPsec connect timed does
# not pay for it. aes256-sha1 is what both clients negotiate with the lab's responder.
warm_up_esp() {
	grep -q 'authenc(hmac(sha1),cbc(aes))' /proc/crypto && return 0
	progress "instantiating the ESP transforms"
	ip netns add bench-warm || return 1
	ip -n bench-warm xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp spi 0x1001 \
		mode transport enc 'cbc(aes)' "0x$(printf '%064d' 1)" \
		auth-trunc 'hmac(sha1)' "0x$(printf '%040d' 1)" 96
	ip -n bench-warm xfrm state flush
	ip netns del bench-warm
}

# ---------------------------------------------------------------------------------------------
# l2tp-connect

PROFILE_PLAIN=$LAB_OUT/bench.nmconnection
PROFILE_IPSEC=$LAB_OUT/bench-ipsec.nmconnection

write_profile() {
	cat >"$1" <<EOF
[connection]
id=bench
uuid=0b5a3c36-4c8e-4c43-9d4f-3f0fb0a1b001
type=vpn
autoconnect=false

[vpn]
service-type=org.freedesktop.NetworkManager.l2tp
gateway=$LAB_LNS_ADDR
user=$LAB_PPP_USER
password-flags=1
$2

[ipv4]
method=auto
EOF
}

l2c_secrets() {
	printf 'password=%s\n' "$LAB_PPP_PASSWORD"
	[ "$1" = "$PROFILE_IPSEC" ] && printf 'ipsec-psk=%s\n' "$LAB_IPSEC_PSK"
}

# l2c_connect RUN PROFILE [up options]: start l2tp-connect and return once it printed
# "connected" and ppp0 has its address; $l2c_pid is its pid, $t0 when it was started.
l2c_connect() {
	run=$1
	profile=$2
	shift 2
	run_out=$RUNS/$run.out
	run_err=$RUNS/$run.err
	events_start "$run" --file "out=$run_out" --file "err=$run_err" \
		--event 'ppp_up=addr:^new ppp0 ' --event 'connected=out:^connected ' \
		--event 'ike_start=err:negotiating with' --event 'ike_done=err:IPsec SA established' \
		--event 'l2tp_start=err:stage L2TP' --event 'ppp_start=err:stage PPP' || return 1
	t0=$(now_ms)
	l2c_secrets "$profile" |
		ip netns exec lac "$L2C" up "$profile" --foreground --secrets-from-stdin \
			--pppd-plugin "$PLUGIN" --runtime-dir /run/l2tp-connect-bench -v "$@" \
			>"$run_out" 2>"$run_err" &
	l2c_pid=$!
	event connected && event ppp_up
}

l2c_disconnect() {
	kill -TERM "$l2c_pid" 2>/dev/null
	if ! lab_wait_gone "$l2c_pid" 30; then
		measurement_failed "l2tp-connect did not exit within 30 s of SIGTERM"
		kill -KILL "$l2c_pid" 2>/dev/null
	fi
	wait "$l2c_pid" 2>/dev/null
	events_stop
	settle
}

# l2c_self_reported FILE: l2tp-connect's own phase times, "total ipsec l2tp ppp network" (ms).
l2c_self_reported() {
	# "connected in T ms (IPsec A ms, L2TP B ms, PPP C ms, network D ms)"
	sed -n 's/.*: connected in //p' "$1" | tr -d '(),' | awk 'NR == 1 { print $1, $4, $7, $10, $13 }'
}

# ---------------------------------------------------------------------------------------------
# The reference client: xl2tpd + pppd (lib.sh), with a libreswan initiator for IPsec the way
# NetworkManager-l2tp drives it: start pluto, wait for it, `ipsec auto --add`, `--up`, xl2tpd.

LAC_IPSEC_DIR=$LAB_OUT/ipsec-lac

xl2tpd_ipsec_prepare() {
	mkdir -p "$LAC_IPSEC_DIR/run" "$LAC_IPSEC_DIR/nss" || return 1
	chmod 700 "$LAC_IPSEC_DIR"
	# l2tp-connect's default proposals (core/ipsec/ipsec_conn.c, for a libreswan without
	# modp1024), so both clients negotiate the same ESP transform.
	cat >"$LAC_IPSEC_DIR/ipsec.conf" <<EOF
config setup
	ikev1-policy=accept

conn bench
	type=transport
	authby=secret
	left=%defaultroute
	leftprotoport=17/1701
	right=$LAB_LNS_ADDR
	rightid=%any
	rightprotoport=17/1701
	ikev2=no
	pfs=no
	ike=aes256-sha2_256-modp2048,aes256-sha2_256-modp1536,aes256-sha1-modp2048,aes256-sha1-modp1536
	esp=aes256-sha1,aes128-sha1,3des-sha1
	auto=add
EOF
	printf '%%any %s : PSK "%s"\n' "$LAB_LNS_ADDR" "$LAB_IPSEC_PSK" >"$LAC_IPSEC_DIR/ipsec.secrets"
	chmod 600 "$LAC_IPSEC_DIR/ipsec.secrets"
	ipsec initnss --nssdir "$LAC_IPSEC_DIR/nss" >/dev/null 2>&1
}

# lac_ipsec_auto ARGS...: `ipsec auto` for the initiator (its options go before the action).
lac_ipsec_auto() {
	ip netns exec lac ipsec auto --ctlsocket "$LAC_IPSEC_DIR/run/pluto.ctl" "$@"
}

# xl2tpd_connect RUN IPSEC(yes|no): connect and return once ppp0 has its address; the phase
# boundaries are in $t0, $t_added (pluto up, conn added), $t_ike (SA up), $t_l2tp (xl2tpd
# started), $ev_call_up and $ev_ppp_up.
xl2tpd_connect() {
	run=$1
	LAB_LAC_LOG=$RUNS/$run.xl2tpd.log
	LAB_LAC_PPPD_LOG=$RUNS/$run.pppd.log
	run_pluto_log=$RUNS/$run.pluto.log
	lab_lac_secret=
	lab_lac_hidden=no
	mkdir -p "$LAB_LAC_DIR" /run/xl2tpd
	lab_xl2tpd_client_write_config
	events_start "$run" --file "xl2tpd=$LAB_LAC_LOG" --file "pluto=$run_pluto_log" \
		--event 'ppp_up=addr:^new ppp0 ' --event 'call_up=xl2tpd:Call established with' \
		--event 'pluto_ready=pluto:listening for IKE messages' || return 1
	t0=$(now_ms)
	t_added=
	t_ike=
	if [ "$2" = yes ]; then
		xl2tpd_ipsec_up "$run" || return 1
	fi
	t_l2tp=${t_ike:-$t0}
	ip netns exec lac xl2tpd -D -c "$LAB_LAC_DIR/xl2tpd.conf" -p "$LAB_LAC_PIDFILE" \
		-C /run/xl2tpd/lac-control >"$LAB_LAC_LOG" 2>&1 &
	event ppp_up
}

xl2tpd_ipsec_up() {
	ip netns exec lac ipsec pluto --config "$LAC_IPSEC_DIR/ipsec.conf" \
		--secretsfile "$LAC_IPSEC_DIR/ipsec.secrets" --nssdir "$LAC_IPSEC_DIR/nss" \
		--rundir "$LAC_IPSEC_DIR/run" --ipsecdir "$LAC_IPSEC_DIR" --nofork --stderrlog \
		>"$run_pluto_log" 2>&1 &
	event pluto_ready || return 1
	lac_ipsec_auto --config "$LAC_IPSEC_DIR/ipsec.conf" --add bench \
		>"$RUNS/$1.auto-add.log" 2>&1 || return 1
	t_added=$(now_ms)
	lac_ipsec_auto --up bench >"$RUNS/$1.auto-up.log" 2>&1 || return 1
	t_ike=$(now_ms)
}

xl2tpd_disconnect() {
	lab_xl2tpd_client_stop
	if [ -S "$LAC_IPSEC_DIR/run/pluto.ctl" ]; then
		ip netns exec lac ipsec whack --ctlsocket "$LAC_IPSEC_DIR/run/pluto.ctl" --shutdown \
			>/dev/null 2>&1
		lab_kill_pidfile "$LAC_IPSEC_DIR/run/pluto.pid"
	fi
	events_stop
	settle
}

# ---------------------------------------------------------------------------------------------
# Connect time

# time_l2c SETUP RUN PROFILE [up options]: one timed connect, recorded.
time_l2c() {
	setup=$1
	run_no=$2
	shift 2
	if ! l2c_connect "$setup-$run_no" "$@"; then
		measurement_failed "$setup run $run_no: l2tp-connect did not connect (see $RUNS)"
		record connect "$setup" "$run_no" total_ms NA
		l2c_disconnect
		return 1
	fi
	if [ -n "$ev_ike_start" ]; then
		record connect "$setup" "$run_no" start_ms "$(span "$t0" "$ev_ike_start")"
		record connect "$setup" "$run_no" ike_ms "$(span "$ev_ike_start" "$ev_ike_done")"
	else
		record connect "$setup" "$run_no" start_ms "$(span "$t0" "$ev_l2tp_start")"
	fi
	record connect "$setup" "$run_no" l2tp_ms "$(span "$ev_l2tp_start" "$ev_ppp_start")"
	record connect "$setup" "$run_no" ppp_ms "$(span "$ev_ppp_start" "$ev_ppp_up")"
	record connect "$setup" "$run_no" total_ms "$(span "$t0" "$ev_ppp_up")"
	record connect "$setup" "$run_no" connected_ms "$(span "$t0" "$ev_connected")"
	# shellcheck disable=SC2046
	set -- $(l2c_self_reported "$RUNS/$setup-$run_no.err")
	if [ $# -eq 5 ]; then
		record connect "$setup" "$run_no" self_total_ms "$1"
		record connect "$setup" "$run_no" self_ipsec_ms "$2"
		record connect "$setup" "$run_no" self_l2tp_ms "$3"
		record connect "$setup" "$run_no" self_ppp_ms "$4"
		record connect "$setup" "$run_no" self_network_ms "$5"
	fi
	progress "$setup run $run_no: ppp0 up after $(span "$t0" "$ev_ppp_up") ms"
	l2c_disconnect
}

# time_xl2tpd SETUP RUN IPSEC(yes|no): one timed connect of the reference client, recorded.
time_xl2tpd() {
	if ! xl2tpd_connect "$1-$2" "$3"; then
		measurement_failed "$1 run $2: the xl2tpd client did not connect (see $RUNS)"
		record connect "$1" "$2" total_ms NA
		xl2tpd_disconnect
		return 1
	fi
	if [ "$3" = yes ]; then
		record connect "$1" "$2" start_ms "$(span "$t0" "$t_added")"
		record connect "$1" "$2" ike_ms "$(span "$t_added" "$t_ike")"
	fi
	record connect "$1" "$2" l2tp_ms "$(span "$t_l2tp" "$ev_call_up")"
	record connect "$1" "$2" ppp_ms "$(span "$ev_call_up" "$ev_ppp_up")"
	record connect "$1" "$2" total_ms "$(span "$t0" "$ev_ppp_up")"
	progress "$1 run $2: ppp0 up after $(span "$t0" "$ev_ppp_up") ms"
	xl2tpd_disconnect
}

# time_connects IPSEC(yes|no): N runs of each client, alternating.
time_connects() {
	if [ "$1" = yes ]; then
		l2c_setup=l2c-ipsec
		ref_setup=xl2tpd-ipsec
		profile=$PROFILE_IPSEC
	else
		l2c_setup=l2c
		ref_setup=xl2tpd
		profile=$PROFILE_PLAIN
	fi
	l2c_ok=1
	ref_ok=1
	i=1
	while [ "$i" -le "$BENCH_RUNS" ]; do
		# After a failure the remaining runs of that client would fail the same way, slowly.
		[ "$l2c_ok" = 1 ] && { time_l2c "$l2c_setup" "$i" "$profile" || l2c_ok=0; }
		[ "$ref_ok" = 1 ] && { time_xl2tpd "$ref_setup" "$i" "$1" || ref_ok=0; }
		i=$((i + 1))
	done
}

# ---------------------------------------------------------------------------------------------
# Throughput

# cpu_ticks PID...: CPU time the processes used so far, user + system (proc(5): utime,
# stime), in 1/100 s. UML counts the time its kernel spends on a process's system calls as
# user time, so the split would say nothing.
cpu_ticks() {
	cpu_sum=0
	for pid in "$@"; do
		cpu_sum=$((cpu_sum + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
	done
	echo "$cpu_sum"
}

# idle_ticks: the lab CPU's idle time so far (proc(5): /proc/stat), in 1/100 s.
idle_ticks() {
	awk '$1 == "cpu" { print $5; exit }' /proc/stat
}

# all_ticks: "pid comm ticks" for every process and kernel thread (comm without spaces).
all_ticks() {
	for stat in /proc/[0-9]*/stat; do
		sed 's/(\(.*\))/\1/; s/ /_/g; s/_/ /; s/_\([A-Z]\)_/ \1 /' "$stat" 2>/dev/null
	done | awk '{ split($0, f, " "); n = split(f[4], r, "_"); print f[1], f[2], r[11] + r[12] }'
}

# top_start / top_stop RUN: with --top, the largest CPU users between the two calls.
top_start() {
	[ "$BENCH_TOP" = yes ] && all_ticks >"$RUNS/.top-before"
}

top_stop() {
	[ "$BENCH_TOP" = yes ] || return 0
	all_ticks | awk -v ms="$2" 'NR == FNR { before[$1] = $3; next }
		{ used = $3 - before[$1]; if (used > 0) printf "%5.1f%% %s %s\n", used * 1000 / ms, $1, $2 }' \
		"$RUNS/.top-before" - | sort -rn | head -n 10 >"$RUNS/top-$1.txt"
}

# strace_start RUN PID: with --strace, count PID's system calls (userspace relay runs only).
strace_pid=
strace_start() {
	case "$BENCH_STRACE:$1" in
	yes:l2c-userspace*) ;;
	*) return 0 ;;
	esac
	strace -c -f -o "$RUNS/strace-$1.txt" -p "$2" 2>/dev/null &
	strace_pid=$!
	sleep 1
}

strace_stop() {
	[ -n "$strace_pid" ] || return 0
	kill -INT "$strace_pid" 2>/dev/null
	wait "$strace_pid" 2>/dev/null
	strace_pid=
}

# iperf_one SETUP DIRECTION(up|down) PIDS: one iperf3 test; records Mbit/s and the CPU share the
# client's processes used (percent of one CPU; the l2tp-connect process is the relay).
iperf_one() {
	iperf_setup=$1
	direction=$2
	shift 2
	reverse=
	[ "$direction" = down ] && reverse=-R
	if ! lab_iperf_server lns "$LAB_LNS_PPP_ADDR"; then
		measurement_failed "$iperf_setup: the iperf3 server did not start"
		record throughput "$iperf_setup" "$tp_run" "${direction}_mbps" NA
		return 1
	fi
	cpu_before=$(cpu_ticks "$@")
	each_before=$(for pid in "$@"; do cpu_ticks "$pid"; done)
	idle_before=$(idle_ticks)
	strace_start "$iperf_setup-$direction" "$1"
	top_start
	start=$(now_ms)
	# shellcheck disable=SC2086
	mbps=$(lab_iperf_client lac "$LAB_LNS_PPP_ADDR" "$BENCH_SECONDS" $reverse)
	status=$?
	elapsed_ms=$(($(now_ms) - start))
	top_stop "$iperf_setup-$direction" "$elapsed_ms"
	strace_stop
	cpu_used=$(($(cpu_ticks "$@") - cpu_before))
	idle_used=$(($(idle_ticks) - idle_before))
	process_no=1
	for pid in "$@"; do
		before=$(echo "$each_before" | sed -n "${process_no}p")
		record throughput "$iperf_setup" "$tp_run" "${direction}_cpu_pct_$(cat "/proc/$pid/comm")" \
			"$((($(cpu_ticks "$pid") - before) * 1000 / elapsed_ms))"
		process_no=$((process_no + 1))
	done
	record throughput "$iperf_setup" "$tp_run" "${direction}_lab_idle_pct" \
		"$((idle_used * 1000 / elapsed_ms))"
	lab_iperf_server_stop
	cp "$LAB_OUT/iperf3-client.json" "$RUNS/iperf-$iperf_setup-$direction.json" 2>/dev/null
	if [ "$status" -ne 0 ] || [ -z "$mbps" ]; then
		measurement_failed "$iperf_setup: iperf3 $direction failed"
		record throughput "$iperf_setup" "$tp_run" "${direction}_mbps" NA
		return 1
	fi
	record throughput "$iperf_setup" "$tp_run" "${direction}_mbps" "$mbps"
	# Ticks are 10 ms: ticks * 1000 / ms is percent.
	record throughput "$iperf_setup" "$tp_run" "${direction}_client_cpu_pct" \
		"$((cpu_used * 1000 / elapsed_ms))"
	progress "$iperf_setup $direction: $mbps Mbit/s"
}

iperf_both() {
	iperf_one "$1" up "$2" "$3"
	iperf_one "$1" down "$2" "$3"
}

# child_pid PARENT COMM: the pid of PARENT's child named COMM.
child_pid() {
	for pid in $(ip netns pids lac); do
		[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ] || continue
		[ "$(awk '{ print $4 }' "/proc/$pid/stat")" = "$1" ] && echo "$pid" && return 0
	done
	return 1
}

# throughput_l2c SETUP PROFILE [up options]
throughput_l2c() {
	tp_setup=$1
	shift
	if ! l2c_connect "iperf-$tp_setup" "$@"; then
		measurement_failed "$tp_setup: l2tp-connect did not connect (see $RUNS)"
		record throughput "$tp_setup" "$tp_run" up_mbps NA
		l2c_disconnect
		return 1
	fi
	progress "$tp_setup: $(cat "$RUNS/iperf-$tp_setup.out")"
	events_stop # its polling would take the CPU from the measurement
	iperf_both "$tp_setup" "$l2c_pid" "$(child_pid "$l2c_pid" pppd)"
	l2c_disconnect
}

# throughput_xl2tpd SETUP IPSEC(yes|no)
throughput_xl2tpd() {
	if ! xl2tpd_connect "iperf-$1" "$2"; then
		measurement_failed "$1: the xl2tpd client did not connect (see $RUNS)"
		record throughput "$1" "$tp_run" up_mbps NA
		xl2tpd_disconnect
		return 1
	fi
	events_stop
	iperf_both "$1" "$(cat "$LAB_LAC_PIDFILE")" "$(head -n 1 /run/ppp-lab-lac.pid)"
	xl2tpd_disconnect
}

# pty_ceiling: what the pty alone carries each way (tests/lab/pty-ceiling.c, the way
# bench-pty.sh runs it: ACCM 0 and a cheap sender upstream), the userspace relay's ceiling.
# Mbit/s of PPP frames (iperf3 counts TCP payload, about 4% less per frame).
PTY_CEILING=$top_builddir/tests/lab/pty-ceiling
pty_ceiling() {
	[ -x "$PTY_CEILING" ] || return 0
	for direction in up down; do
		ip netns add bench-pty || return 1
		ceiling=$(ip netns exec bench-pty "$PTY_CEILING" "$direction" "$BENCH_SECONDS" \
			--accm 0 --batch 32 2>>"$RUNS/pty-ceiling.err" |
			sed -n 's/.*, \([0-9.]*\) Mbit\/s of PPP frames.*/\1/p')
		ip netns del bench-pty
		record throughput pty-ceiling "$tp_run" "${direction}_mbps" "${ceiling:-NA}"
		progress "pty ceiling $direction: ${ceiling:-failed} Mbit/s"
	done
}

# ---------------------------------------------------------------------------------------------
# l2tp-connectd at rest: resident memory and wakeups (context switches of all its threads per
# second), idle with no connection and with one connection up but no traffic. A private bus of
# its own (no polkit: on a session-type bus the service allows its own uid, root here).

L2CD=$top_builddir/daemon/l2tp-connectd
REST_SECONDS=10

proc_rss_kb() {
	awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}

proc_switches() {
	cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches:/ { n += $2 } END { print n + 0 }'
}

# daemon_rest SETUP: one sample of memory and wakeups over REST_SECONDS.
daemon_rest() {
	rest_before=$(proc_switches "$daemon_pid")
	sleep "$REST_SECONDS"
	rest_after=$(proc_switches "$daemon_pid")
	record daemon "$1" 1 rss_kb "$(proc_rss_kb "$daemon_pid")"
	record daemon "$1" 1 wakeups_per_s \
		"$(awk -v a="$rest_before" -v b="$rest_after" -v t="$REST_SECONDS" \
			'BEGIN { printf "%.1f", (b - a) / t }')"
}

daemon_at_rest() {
	bus=unix:path=$LAB_OUT/daemon-bus.socket
	profiles=$LAB_OUT/daemon-profiles
	mkdir -p "$profiles" && chmod 700 "$profiles"
	cp "$PROFILE_PLAIN" "$profiles/lab.conf" && chmod 600 "$profiles/lab.conf"
	dbus-daemon --session --address="$bus" --nofork --nopidfile \
		>"$RUNS/daemon-bus.log" 2>&1 &
	bus_pid=$!
	lab_wait_until 10 test -S "$LAB_OUT/daemon-bus.socket" ||
		{ measurement_failed "no private bus for l2tp-connectd"; return; }
	ip netns exec lac "$L2CD" --address "$bus" --profile-dir "$profiles" \
		--runtime-dir /run/l2tp-connect-bench-daemon --pppd-plugin "$PLUGIN" \
		>"$RUNS/daemon.log" 2>&1 &
	daemon_pid=$!
	sleep 2
	daemon_rest idle
	if printf 'password=%s\n' "$LAB_PPP_PASSWORD" |
		L2TP_CONNECT_BUS_ADDRESS=$bus "$L2C" up lab --secrets-from-stdin \
			>"$RUNS/daemon-up.log" 2>&1; then
		daemon_rest connected
		L2TP_CONNECT_BUS_ADDRESS=$bus "$L2C" down lab >>"$RUNS/daemon-up.log" 2>&1
	else
		measurement_failed "l2tp-connectd did not connect (see $RUNS/daemon-up.log)"
	fi
	kill "$daemon_pid" 2>/dev/null
	lab_wait_gone "$daemon_pid" 10
	kill "$bus_pid" 2>/dev/null
}

daemon_row() {
	printf '%-46s %10s %10s\n' "$2" "$(value_of daemon "$1" rss_kb)" \
		"$(value_of daemon "$1" wakeups_per_s)"
}

# ---------------------------------------------------------------------------------------------
# The tables

# runs_of SECTION SETUP METRIC: "median min count" of the recorded runs, "failed" when every
# run failed, "-" when none was recorded.
runs_of() {
	awk -F '\t' -v s="$1" -v u="$2" -v m="$3" '
		$1 == s && $2 == u && $4 == m { if ($5 == "NA") failed = 1; else v[n++] = $5 }
		END {
			if (n == 0) { print failed ? "failed" : "-"; exit }
			for (i = 0; i < n; i++)
				for (j = i + 1; j < n; j++)
					if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
			print (n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2), v[0], n
		}' "$TSV"
}

# stat_of SECTION SETUP METRIC: "median (min)" in seconds of the recorded runs, or "-".
stat_of() {
	runs_of "$@" | awk -v runs="$BENCH_RUNS" '
		NF < 3 { print; next }
		{ printf "%.2f (%.2f)%s\n", $1 / 1000, $2 / 1000, $3 < runs ? "*" : "" }'
}

# median_of SECTION SETUP METRIC: the median of the recorded runs as recorded, or "-".
median_of() {
	runs_of "$@" | awk '{ print $1 }'
}

value_of() {
	awk -F '\t' -v s="$1" -v u="$2" -v m="$3" '
		$1 == s && $2 == u && $4 == m { print ($5 == "NA" ? "failed" : $5); found = 1; exit }
		END { if (!found) print "-" }' "$TSV"
}

# ratio_of SETUP REFERENCE METRIC: SETUP's figure in percent of REFERENCE's, or "-".
ratio_of() {
	awk -v a="$(median_of throughput "$1" "$3")" -v b="$(median_of throughput "$2" "$3")" \
		'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.0f\n", 100 * a / b; else print "-" }'
}

connect_row() {
	printf '%-34s' "$2"
	for metric in start_ms ike_ms l2tp_ms ppp_ms total_ms connected_ms; do
		printf ' %-13s' "$(stat_of connect "$1" "$metric")"
	done
	echo
}

throughput_row() {
	printf '%-46s %8s %8s %8s %8s\n' "$2" "$(median_of throughput "$1" up_mbps)" \
		"$(median_of throughput "$1" down_mbps)" \
		"$(median_of throughput "$1" up_client_cpu_pct)" \
		"$(median_of throughput "$1" down_client_cpu_pct)"
}

self_reported_row() {
	printf '  %-32s' "$2"
	for metric in self_ipsec_ms self_l2tp_ms self_ppp_ms self_network_ms self_total_ms; do
		printf ' %-13s' "$(stat_of connect "$1" "$metric")"
	done
	echo
}

print_tables() {
	echo
	echo "Connect time in seconds, median (min) of $BENCH_RUNS runs (* fewer runs succeeded)"
	printf '%-34s %-13s %-13s %-13s %-13s %-13s %-13s\n' setup start IKE L2TP PPP \
		"ppp0 up" connected
	connect_row l2c "l2tp-connect"
	connect_row xl2tpd "xl2tpd + pppd"
	connect_row l2c-ipsec "l2tp-connect, IPsec PSK"
	connect_row xl2tpd-ipsec "libreswan + xl2tpd + pppd, PSK"
	echo "  start: until the first IKE packet (IPsec; for xl2tpd: pluto started, auto --add)"
	echo "  or the first L2TP step (l2tp-connect); IKE: until the SA is up (auto --up);"
	echo "  L2TP: until the session is established (xl2tpd: includes its start);"
	echo "  PPP: until ppp0 has its address; ppp0 up: the total from starting the client;"
	echo "  connected: l2tp-connect printed \"connected\" (routes set)."
	echo "l2tp-connect's own report (IPsec, L2TP, PPP, network, total):"
	self_reported_row l2c "no IPsec"
	self_reported_row l2c-ipsec "IPsec PSK"
	echo
	echo "Throughput through the tunnel: iperf3 TCP, $BENCH_SECONDS s each way, Mbit/s (median of"
	echo "$BENCH_RUNS runs without IPsec, 1 with); CPU: percent of the lab's one CPU used meanwhile by"
	echo "the client's processes (l2tp-connect or xl2tpd, and pppd; the kernel data path uses none)"
	printf '%-46s %8s %8s %8s %8s\n' setup "lac->lns" "lns->lac" "CPU up" "CPU down"
	throughput_row l2c-kernel "l2tp-connect, kernel data path"
	throughput_row l2c-userspace "l2tp-connect, userspace data path"
	throughput_row xl2tpd-kernel "xl2tpd + pppd, kernel data path"
	throughput_row l2c-ipsec-kernel "l2tp-connect, IPsec, kernel data path"
	throughput_row xl2tpd-ipsec-kernel "libreswan + xl2tpd + pppd, kernel data path"
	throughput_row xl2tpd-userspace "xl2tpd + pppd, userspace (LNS userspace too)"
	throughput_row l2c-userspace-lns-userspace "l2tp-connect, userspace (LNS userspace too)"
	printf '%-46s %8s %8s\n' "l2tp-connect userspace / xl2tpd kernel, %" \
		"$(ratio_of l2c-userspace xl2tpd-kernel up_mbps)" \
		"$(ratio_of l2c-userspace xl2tpd-kernel down_mbps)"
	throughput_row pty-ceiling "the pty alone (pty-ceiling, no TCP, no L2TP)"
	printf '%-46s %8s %8s\n' "l2tp-connect userspace / the pty alone, %" \
		"$(ratio_of l2c-userspace pty-ceiling up_mbps)" \
		"$(ratio_of l2c-userspace pty-ceiling down_mbps)"
	echo
	echo "l2tp-connectd at rest, over $REST_SECONDS s: resident memory and wakeups"
	printf '%-46s %10s %10s\n' state "RSS KiB" wakeups/s
	daemon_row idle "no connection"
	daemon_row connected "one connection up, no traffic"
	echo
	echo "Figures: $TSV; logs: $RUNS"
}

# ---------------------------------------------------------------------------------------------

mkdir -p "$RUNS"
printf 'section\tsetup\trun\tmetric\tvalue\n' >"$TSV"
{ [ -x "$L2C" ] && [ -f "$PLUGIN" ]; } ||
	lab_bail "build l2tp-connect and its pppd plugin first (make)"
command -v ipsec >/dev/null || ! section ipsec || lab_bail "libreswan is not installed"

lab_net_setup || lab_bail "cannot create the lab network"
lab_ipsec_client_route
warm_up_esp || lab_bail "cannot instantiate the ESP transforms"
write_profile "$PROFILE_PLAIN" ""
write_profile "$PROFILE_IPSEC" "ipsec-enabled=yes
ipsec-psk-flags=1"
xl2tpd_ipsec_prepare || lab_bail "cannot prepare the libreswan initiator"

lab_lns_start --auth chap --log xl2tpd-lns.log || lab_bail "the LNS does not start"
if section connect; then
	progress "connect time without IPsec, $BENCH_RUNS runs per client"
	time_connects no
fi
if section throughput; then
	progress "throughput without IPsec, $BENCH_SECONDS s per direction"
	# N runs each, interleaved, so a busy host slows every setup alike.
	tp_run=1
	while [ "$tp_run" -le "$BENCH_RUNS" ]; do
		throughput_l2c l2c-kernel "$PROFILE_PLAIN" --datapath kernel
		throughput_l2c l2c-userspace "$PROFILE_PLAIN" --datapath userspace
		throughput_xl2tpd xl2tpd-kernel no
		pty_ceiling
		tp_run=$((tp_run + 1))
	done
	tp_run=1
fi

if section daemon; then
	progress "l2tp-connectd at rest"
	daemon_at_rest
fi

if section ipsec; then
	lab_ipsec_lns_start || lab_bail "the libreswan responder does not start"
	progress "connect time with IPsec PSK"
	time_connects yes
	progress "throughput with IPsec"
	throughput_l2c l2c-ipsec-kernel "$PROFILE_IPSEC" --datapath kernel
	throughput_xl2tpd xl2tpd-ipsec-kernel yes
	lab_ipsec_lns_stop
fi
lab_lns_stop

# Without l2tp_ppp (as on a kernel built without it) xl2tpd, at both ends, relays in userspace.
if section userspace-lns; then
	progress "throughput with userspace data paths at both ends"
	echo "install l2tp_ppp /bin/false" >/etc/modprobe.d/l2c-bench-no-l2tp-ppp.conf
	modprobe -r l2tp_ppp 2>/dev/null || rmmod l2tp_ppp 2>/dev/null
	if grep -q '^l2tp_ppp ' /proc/modules; then
		measurement_failed "cannot unload l2tp_ppp"
	else
		lab_lns_start --auth chap --log xl2tpd-lns-userspace.log ||
			lab_bail "the LNS does not start"
		throughput_xl2tpd xl2tpd-userspace no
		throughput_l2c l2c-userspace-lns-userspace "$PROFILE_PLAIN" --datapath userspace
		lab_lns_stop
	fi
fi

print_tables
[ "$bench_failed" = 0 ] || { echo "Some measurements failed; see above and $RUNS." >&2; exit 1; }
exit 0
