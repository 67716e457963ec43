# Sourced by lab test scripts, inside User-Mode Linux (see tests/lab/run and README.md).
#
# TAP helpers, the test network (network namespaces joined by veth), the reference LNS
# (xl2tpd + pppd), the reference client (xl2tpd as LAC + pppd, kernel data path, the recipe
# NetworkManager-l2tp uses), packet capture and iperf3 helpers.
#
# Every file a helper writes (configurations, logs, captures) goes under $LAB_OUT, which is a
# directory on the host: it survives the boot and the test harness keeps it.
# Starting a process inside UML costs ~10 ms, so waits poll every 0.1 s rather than spin.
# shellcheck shell=sh

if [ -z "${LAB_INSIDE:-}" ]; then
	echo "Bail out! lib.sh is for scripts running inside the lab (tests/lab/run SCRIPT)"
	exit 99
fi
: "${LAB_OUT:?}" "${top_srcdir:?}" "${top_builddir:?}"

PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH

# The test network. Addresses come only from the documentation ranges (RFC 5737).
LAB_LNS_ADDR=192.0.2.1
LAB_LAC_ADDR=192.0.2.2
LAB_NAT_WAN_ADDR=192.0.2.254
LAB_NAT_LAN_ADDR=198.51.100.129
LAB_NAT_LAC_ADDR=198.51.100.130
# Inside the tunnel: the LNS end of PPP and the pool it assigns from (the lower half of
# 198.51.100.0/24; the upper half is the LAN behind the NAT router).
LAB_LNS_PPP_ADDR=198.51.100.1
LAB_PPP_POOL=198.51.100.10-198.51.100.20
LAB_PPP_USER=testuser
LAB_PPP_PASSWORD=testpass

# ---------------------------------------------------------------------------------------------
# TAP

lab_tests_run=0
lab_tests_failed=0
lab_tests_planned=

lab_plan() {
	lab_tests_planned=$1
	echo "1..$1"
}

lab_diag() {
	printf '%s\n' "$*" | sed 's/^/# /'
}

# Show a file's last lines as TAP diagnostics (after a failure).
lab_diag_file() {
	lab_diag_lines=${2:-15}
	[ -f "$1" ] || { lab_diag "($1 does not exist)"; return 0; }
	lab_diag "--- last $lab_diag_lines lines of $1:"
	tail -n "$lab_diag_lines" "$1" | sed 's/^/#   /'
}

# $LAB_OUT/timeline.log: the guest's uptime at each test point, to see where the time goes.
lab_timeline() {
	read -r lab_uptime _ </proc/uptime
	echo "$lab_uptime $*" >>"$LAB_OUT/timeline.log"
}

lab_ok() {
	lab_tests_run=$((lab_tests_run + 1))
	echo "ok $lab_tests_run - $*"
	lab_timeline "ok $lab_tests_run - $*"
}

lab_not_ok() {
	lab_tests_run=$((lab_tests_run + 1))
	lab_tests_failed=$((lab_tests_failed + 1))
	echo "not ok $lab_tests_run - $*"
	lab_timeline "not ok $lab_tests_run - $*"
}

# lab_result STATUS DESCRIPTION: ok when STATUS is 0.
lab_result() {
	lab_result_status=$1
	shift
	if [ "$lab_result_status" -eq 0 ]; then
		lab_ok "$@"
	else
		lab_not_ok "$@"
	fi
	return "$lab_result_status"
}

lab_skip() {
	lab_tests_run=$((lab_tests_run + 1))
	echo "ok $lab_tests_run - $1 # SKIP ${2:-}"
	lab_timeline "skip $lab_tests_run - $1"
}

# lab_check DESCRIPTION COMMAND [ARGS...]: one test point from a command's exit status. The
# command's output goes to $LAB_OUT/check-N.log and is shown as diagnostics when it fails.
lab_check() {
	lab_check_desc=$1
	shift
	lab_check_log=$LAB_OUT/check-$((lab_tests_run + 1)).log
	"$@" >"$lab_check_log" 2>&1
	lab_check_status=$?
	if [ "$lab_check_status" -eq 0 ]; then
		lab_ok "$lab_check_desc"
	else
		lab_not_ok "$lab_check_desc"
		lab_diag "command failed ($lab_check_status): $*"
		lab_diag_file "$lab_check_log"
	fi
	return "$lab_check_status"
}

# lab_not COMMAND [ARGS...]: succeeds when COMMAND fails (for lab_check).
lab_not() {
	! "$@"
}

lab_bail() {
	echo "Bail out! $*"
	exit 99
}

# End of a test script: the exit status says whether every planned test passed.
lab_finish() {
	if [ -n "$lab_tests_planned" ] && [ "$lab_tests_run" -ne "$lab_tests_planned" ]; then
		lab_diag "planned $lab_tests_planned tests but ran $lab_tests_run"
		exit 1
	fi
	[ "$lab_tests_failed" -eq 0 ] || exit 1
	exit 0
}

# ---------------------------------------------------------------------------------------------
# Waiting

# lab_now: whole seconds of guest uptime, without starting a process.
lab_now() {
	read -r lab_now_uptime _ </proc/uptime
	lab_now=${lab_now_uptime%.*}
}

# lab_wait_until SECONDS COMMAND [ARGS...]: poll COMMAND every 0.1 s until it succeeds, for
# SECONDS of wall-clock time (a loaded host slows every poll down).
# lab_runtime_leftovers DIR: what a client left in its runtime directory, one name a line.
# routes.lock stays: connections of ours take turns on shared routes through it.
lab_runtime_leftovers() {
	ls -A "$1" 2>/dev/null | grep -v '^routes\.lock$'
}

lab_wait_until() {
	lab_now
	lab_wait_deadline=$((lab_now + $1))
	shift
	while [ "$lab_now" -lt "$lab_wait_deadline" ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
		lab_now
	done
	"$@" >/dev/null 2>&1
}

# lab_wait_for_log FILE PATTERN SECONDS: wait until FILE has a line matching PATTERN (ERE).
lab_wait_for_log() {
	lab_wait_until "$3" grep -Eq -- "$2" "$1"
}

# lab_log_has FILE PATTERN: does FILE have a line matching PATTERN (ERE)?
lab_log_has() {
	grep -Eq -- "$2" "$1" 2>/dev/null
}

# lab_wait_gone PID SECONDS: wait for a process to exit.
lab_wait_gone() {
	lab_wait_until "$2" lab_pid_gone "$1"
}

lab_pid_gone() {
	! kill -0 "$1" 2>/dev/null
}

# lab_kill_pidfile PIDFILE: TERM the process, KILL it after 3 s.
lab_kill_pidfile() {
	[ -f "$1" ] || return 0
	read -r lab_kill_pid <"$1"
	rm -f "$1"
	[ -n "$lab_kill_pid" ] || return 0
	kill "$lab_kill_pid" 2>/dev/null || return 0
	lab_wait_gone "$lab_kill_pid" 3 || kill -9 "$lab_kill_pid" 2>/dev/null
	return 0
}

# ---------------------------------------------------------------------------------------------
# Network

# lab_net_setup [--nat]: netns "lns" (192.0.2.1/24) and "lac" (192.0.2.2/24) joined by veth
# (each end is "eth0"). With --nat a masquerading router netns "nat" sits between them:
# lac 198.51.100.130/25 -> nat 198.51.100.129/25 | 192.0.2.254/24 -> lns 192.0.2.1/24.
# Sets LAB_LAC_ADDR to the address the LAC sends from.
lab_net_setup() {
	ip netns add lns && ip netns add lac || return 1
	ip -n lns link set lo up
	ip -n lac link set lo up
	if [ "${1:-}" = --nat ]; then
		lab_net_setup_nat
	else
		ip link add eth0 netns lns type veth peer name eth0 netns lac || return 1
		ip -n lns addr add "$LAB_LNS_ADDR/24" dev eth0
		ip -n lac addr add "$LAB_LAC_ADDR/24" dev eth0
		ip -n lns link set eth0 up
		ip -n lac link set eth0 up
	fi
}

lab_net_setup_nat() {
	ip netns add nat || return 1
	ip -n nat link set lo up
	ip link add eth0 netns lns type veth peer name wan netns nat || return 1
	ip link add eth0 netns lac type veth peer name lan netns nat || return 1
	ip -n lns addr add "$LAB_LNS_ADDR/24" dev eth0
	ip -n nat addr add "$LAB_NAT_WAN_ADDR/24" dev wan
	ip -n nat addr add "$LAB_NAT_LAN_ADDR/25" dev lan
	ip -n lac addr add "$LAB_NAT_LAC_ADDR/25" dev eth0
	for lab_link in "lns eth0" "nat wan" "nat lan" "lac eth0"; do
		# shellcheck disable=SC2086
		set -- $lab_link
		ip -n "$1" link set "$2" up
	done
	ip -n lac route add default via "$LAB_NAT_LAN_ADDR"
	ip netns exec nat sysctl -qw net.ipv4.ip_forward=1
	ip netns exec nat iptables-legacy -w -t nat -A POSTROUTING -o wan -j MASQUERADE
	LAB_LAC_ADDR=$LAB_NAT_LAC_ADDR
}

# lab_set_loss NETNS IFACE PERCENT: drop PERCENT of the packets leaving IFACE (0 removes it).
lab_set_loss() {
	ip netns exec "$1" tc qdisc del dev "$2" root 2>/dev/null
	[ "$3" = 0 ] && return 0
	ip netns exec "$1" tc qdisc add dev "$2" root netem loss "$3%"
}

# ---------------------------------------------------------------------------------------------
# PPP secrets (shared by both ends: the LAC's pppd and the LNS's pppd find testuser in them)

lab_ppp_setup() {
	mkdir -p /etc/ppp
	# The host's /etc/ppp/options (seen through the overlay) would add "auth" and modem
	# options to every pppd; the lab's pppds get exactly the options their files give.
	rm -f /etc/ppp/options
	echo "# l2tp-connect lab: options come from each pppd's own file" >/etc/ppp/options
	# Debian's ip-up/ip-down hooks run run-parts; process starts being slow in UML, they add
	# seconds to every connect and hang-up and do nothing the lab needs.
	rm -f /etc/ppp/ip-pre-up /etc/ppp/ip-up /etc/ppp/ip-down /etc/ppp/ipv6-up \
		/etc/ppp/ipv6-down
	for lab_f in pap-secrets chap-secrets; do
		# Removed first: overwriting would copy the host's file up into the overlay, which
		# a host user other than root may not read.
		rm -f "/etc/ppp/$lab_f"
		printf '%s * %s *\n' "$LAB_PPP_USER" "$LAB_PPP_PASSWORD" >"/etc/ppp/$lab_f"
		chmod 600 "/etc/ppp/$lab_f"
	done
}

# ---------------------------------------------------------------------------------------------
# The reference LNS: xl2tpd 1.3.18 + pppd in netns "lns"

LAB_LNS_DIR=$LAB_OUT/lns
LAB_LNS_LOG=$LAB_OUT/xl2tpd-lns.log
LAB_LNS_PPPD_LOG=$LAB_OUT/pppd-lns.log
LAB_LNS_PIDFILE=/run/xl2tpd/lns.pid

lab_lns_usage() {
	echo "lab_lns_start: unknown option $1" >&2
	echo "usage: lab_lns_start [--challenge SECRET] [--hidden] [--flow-bit]" \
		"[--auth none|pap|chap|mschap-v2] [--loss PCT] [--drop-first N] [--debug-packet]" \
		"[--log NAME]" >&2
	return 2
}

# lab_lns_start [options]: start the LNS, listening on 192.0.2.1:1701.
#   --challenge SECRET  tunnel authentication (challenge = yes, SECRET in l2tp-secrets)
#   --hidden            hide AVPs (hidden bit = yes; needs --challenge for the secret)
#   --flow-bit          flow bit = yes
#   --auth METHOD       what the LNS's pppd requires: none, pap, chap (default), mschap-v2
#   --loss PCT          netem loss on the LNS's veth (packets it sends), at random
#   --drop-first N      drop the first N UDP packets the LNS sends from port 1701 (its SCCRP
#                       first): a loss that is the same on every run
#   --debug-packet      also log every packet (xl2tpd's "debug packet")
#   --log NAME          log to $LAB_OUT/NAME instead of xl2tpd-lns.log
# Sets LAB_LNS_LOG (xl2tpd's log). The LNS's pppd appends to $LAB_LNS_PPPD_LOG, which a test
# may point elsewhere before the call.
lab_lns_start() {
	lab_lns_secret=
	lab_lns_hidden=no
	lab_lns_flow=no
	lab_lns_auth=chap
	lab_lns_loss=0
	lab_lns_drop_first=0
	lab_lns_debug_packet=no
	LAB_LNS_LOG=$LAB_OUT/xl2tpd-lns.log
	while [ $# -gt 0 ]; do
		case "$1" in
		--challenge) lab_lns_secret=$2; shift ;;
		--hidden) lab_lns_hidden=yes ;;
		--flow-bit) lab_lns_flow=yes ;;
		--auth) lab_lns_auth=$2; shift ;;
		--loss) lab_lns_loss=$2; shift ;;
		--drop-first) lab_lns_drop_first=$2; shift ;;
		--debug-packet) lab_lns_debug_packet=yes ;;
		--log) LAB_LNS_LOG=$LAB_OUT/$2; shift ;;
		*) lab_lns_usage "$1"; return 2 ;;
		esac
		shift
	done
	mkdir -p "$LAB_LNS_DIR" /run/xl2tpd
	lab_ppp_setup
	lab_lns_write_config || return 1
	lab_set_loss lns eth0 "$lab_lns_loss" || return 1
	lab_lns_drop_first_packets "$lab_lns_drop_first" || return 1
	: >"$LAB_LNS_LOG"
	# -D: stay in the foreground and log to stderr, so the log is a file in $LAB_OUT.
	ip netns exec lns xl2tpd -D -c "$LAB_LNS_DIR/xl2tpd.conf" -p "$LAB_LNS_PIDFILE" \
		-C "${LAB_LNS_PIDFILE%.pid}-control" >"$LAB_LNS_LOG" 2>&1 &
	if ! lab_wait_for_log "$LAB_LNS_LOG" "Listening on IP address" 10; then
		echo "lab_lns_start: xl2tpd did not start" >&2
		cat "$LAB_LNS_LOG" >&2
		return 1
	fi
}

# Each rule has its own packet counter and drops the first packet that reaches it (then one in
# a billion): N rules in a row drop exactly the first N packets.
lab_lns_drop_first_packets() {
	lab_drop_n=$1
	while [ "$lab_drop_n" -gt 0 ]; do
		ip netns exec lns iptables-legacy -w -A OUTPUT -p udp --sport 1701 \
			-m statistic --mode nth --every 1000000000 --packet 0 -j DROP || return 1
		lab_drop_n=$((lab_drop_n - 1))
	done
}

lab_lns_write_config() {
	lab_lns_conf=$LAB_LNS_DIR/xl2tpd.conf
	{
		echo "[global]"
		echo "listen-addr = $LAB_LNS_ADDR"
		echo "port = 1701"
		echo "auth file = $LAB_LNS_DIR/l2tp-secrets"
		echo "access control = no"
		echo "debug avp = yes"
		echo "debug network = yes"
		echo "debug state = yes"
		echo "debug tunnel = yes"
		echo "debug packet = $lab_lns_debug_packet"
		echo
		echo "[lns default]"
		echo "ip range = $LAB_PPP_POOL"
		echo "local ip = $LAB_LNS_PPP_ADDR"
		echo "name = lns"
		echo "hostname = lns"
		echo "length bit = yes"
		echo "flow bit = $lab_lns_flow"
		echo "hidden bit = $lab_lns_hidden"
		echo "challenge = $([ -n "$lab_lns_secret" ] && echo yes || echo no)"
		echo "ppp debug = yes"
		echo "pppoptfile = $LAB_LNS_DIR/options.pppd"
		# The LNS never authenticates itself to the client, only the other way round.
		echo "refuse pap = yes"
		echo "refuse chap = yes"
		lab_lns_auth_lines || return 1
	} >"$lab_lns_conf" || return 1
	# xl2tpd looks the secret up by (our hostname, peer hostname); "*" matches any.
	printf '* * %s\n' "${lab_lns_secret:-unused-no-challenge}" >"$LAB_LNS_DIR/l2tp-secrets"
	chmod 600 "$LAB_LNS_DIR/l2tp-secrets"
	{
		echo "noccp"
		echo "nodefaultroute"
		echo "lcp-echo-interval 0"
		echo "logfile $LAB_LNS_PPPD_LOG"
		if [ "$lab_lns_auth" = mschap-v2 ]; then
			echo "require-mschap-v2"
		fi
	} >"$LAB_LNS_DIR/options.pppd"
}

lab_lns_auth_lines() {
	case "$lab_lns_auth" in
	none)
		echo "require authentication = no"
		;;
	pap)
		echo "require authentication = yes"
		echo "require pap = yes"
		;;
	chap)
		echo "require authentication = yes"
		echo "require chap = yes"
		;;
	mschap-v2)
		# xl2tpd only knows PAP and CHAP; the method goes into the pppd options file.
		echo "require authentication = yes"
		;;
	*)
		echo "lab_lns_start: unknown --auth $lab_lns_auth" >&2
		return 1
		;;
	esac
}

lab_lns_stop() {
	lab_kill_pidfile "$LAB_LNS_PIDFILE"
	lab_set_loss lns eth0 0
	ip netns exec lns iptables-legacy -w -F OUTPUT 2>/dev/null
	return 0
}

# Did the LNS log an incoming call (session) / a tunnel coming up?
lab_lns_session_established() {
	lab_log_has "$LAB_LNS_LOG" "Call established with"
}

lab_lns_tunnel_established() {
	lab_log_has "$LAB_LNS_LOG" "Connection established to"
}

# ---------------------------------------------------------------------------------------------
# The reference client: xl2tpd as LAC + pppd in netns "lac", kernel data path (PPPoL2TP), the
# way NetworkManager-l2tp drives xl2tpd.

LAB_LAC_DIR=$LAB_OUT/lac
LAB_LAC_LOG=$LAB_OUT/xl2tpd-lac.log
LAB_LAC_PPPD_LOG=$LAB_OUT/pppd-lac.log
LAB_LAC_PIDFILE=/run/xl2tpd/lac.pid

# lab_xl2tpd_client_start [--secret SECRET] [--hidden] [--timeout SECONDS]: connect to the LNS
# and wait until ppp0 in netns lac has its address (returns 1 if not within the timeout).
lab_xl2tpd_client_start() {
	lab_lac_secret=
	lab_lac_hidden=no
	lab_lac_timeout=30
	while [ $# -gt 0 ]; do
		case "$1" in
		--secret) lab_lac_secret=$2; shift ;;
		--hidden) lab_lac_hidden=yes ;;
		--timeout) lab_lac_timeout=$2; shift ;;
		*) echo "lab_xl2tpd_client_start: unknown option $1" >&2; return 2 ;;
		esac
		shift
	done
	mkdir -p "$LAB_LAC_DIR" /run/xl2tpd
	lab_ppp_setup
	lab_xl2tpd_client_write_config
	: >"$LAB_LAC_LOG"
	ip netns exec lac xl2tpd -D -c "$LAB_LAC_DIR/xl2tpd.conf" -p "$LAB_LAC_PIDFILE" \
		-C /run/xl2tpd/lac-control >"$LAB_LAC_LOG" 2>&1 &
	if ! lab_wait_until "$lab_lac_timeout" lab_ppp_up lac; then
		echo "lab_xl2tpd_client_start: ppp0 did not come up in $lab_lac_timeout s" >&2
		return 1
	fi
}

lab_xl2tpd_client_write_config() {
	{
		echo "[global]"
		echo "port = 1701"
		echo "auth file = $LAB_LAC_DIR/l2tp-secrets"
		echo "access control = no"
		echo "debug avp = yes"
		echo "debug network = yes"
		echo "debug state = yes"
		echo "debug tunnel = yes"
		echo
		echo "[lac lab]"
		echo "lns = $LAB_LNS_ADDR"
		echo "autodial = yes"
		echo "redial = no"
		echo "length bit = yes"
		echo "hidden bit = $lab_lac_hidden"
		echo "challenge = $([ -n "$lab_lac_secret" ] && echo yes || echo no)"
		echo "require authentication = no"
		echo "name = $LAB_PPP_USER"
		echo "pppoptfile = $LAB_LAC_DIR/options.pppd"
	} >"$LAB_LAC_DIR/xl2tpd.conf"
	printf '* * %s\n' "${lab_lac_secret:-unused-no-challenge}" >"$LAB_LAC_DIR/l2tp-secrets"
	chmod 600 "$LAB_LAC_DIR/l2tp-secrets"
	# NetworkManager-l2tp's pppd options for the kernel data path, minus its plugin.
	{
		echo "noauth"
		echo "noipdefault"
		echo "nodefaultroute"
		echo "noccp"
		echo "novj"
		echo "refuse-eap"
		echo "mtu 1400"
		echo "mru 1400"
		echo "lcp-echo-failure 5"
		echo "lcp-echo-interval 30"
		echo "linkname lab-lac"
		echo "user $LAB_PPP_USER"
		echo "password $LAB_PPP_PASSWORD"
		echo "debug"
		echo "logfile $LAB_LAC_PPPD_LOG"
	} >"$LAB_LAC_DIR/options.pppd"
	chmod 600 "$LAB_LAC_DIR/options.pppd"
}

# Hang up the way a user does: pppd terminates LCP over the live session and exits, xl2tpd
# clears the call (CDN), then the tunnel is closed (StopCCN). Asking xl2tpd to hang up first
# would leave pppd sending LCP TermReqs into a deleted session for seconds.
lab_xl2tpd_client_stop() {
	lab_kill_pidfile /run/ppp-lab-lac.pid
	lab_wait_until 5 lab_ppp_down lac
	# A FIFO without a reader would block the writer: only while xl2tpd runs, and bounded.
	if [ -f "$LAB_LAC_PIDFILE" ] && [ -p /run/xl2tpd/lac-control ]; then
		# shellcheck disable=SC2016 # $1 is for the inner shell
		timeout 3 sh -c 'echo "d lab" >"$1"' sh /run/xl2tpd/lac-control &&
			lab_wait_for_log "$LAB_LAC_LOG" "Connection [0-9]+ closed" 3
	fi
	lab_kill_pidfile "$LAB_LAC_PIDFILE"
	return 0
}

# lab_ppp_up NETNS: does ppp0 in NETNS have an IPv4 address?
lab_ppp_up() {
	ip -n "$1" -4 addr show dev ppp0 2>/dev/null | grep -q "inet "
}

lab_ppp_down() {
	! ip -n "$1" link show dev ppp0 >/dev/null 2>&1
}

# lab_ping NETNS ADDR [COUNT]: ping succeeds when every echo is answered.
lab_ping() {
	ip netns exec "$1" ping -n -q -c "${3:-3}" -i 0.2 -W 2 "$2"
}

# ---------------------------------------------------------------------------------------------
# Packet capture (dumpcap) and dissection (tshark)

lab_capture_pid=

# lab_capture_start FILE [NETNS [IFACE [FILTER]]]: capture (default: lns eth0, udp) into FILE
# and return once dumpcap has written the file header, i.e. is capturing. dumpcap drops root's
# right to override file permissions, and $LAB_OUT belongs to whoever runs UML on the host: it
# writes to the guest's /run and lab_capture_stop copies the file to FILE.
lab_capture_start() {
	lab_capture_file=$1
	lab_capture_tmp=/run/lab-capture/$(basename "$1")
	mkdir -p /run/lab-capture
	rm -f "$lab_capture_file" "$lab_capture_tmp"
	ip netns exec "${2:-lns}" dumpcap -q -i "${3:-eth0}" -f "${4:-udp}" -w "$lab_capture_tmp" \
		>"$lab_capture_file.log" 2>&1 &
	lab_capture_pid=$!
	if ! lab_wait_until 20 test -s "$lab_capture_tmp"; then
		echo "lab_capture_start: dumpcap did not start" >&2
		cat "$lab_capture_file.log" >&2
		return 1
	fi
}

lab_capture_stop() {
	[ -n "$lab_capture_pid" ] || return 0
	# libpcap hands packets over in blocks, one per 250 ms at the latest; a block not yet
	# handed over when dumpcap is told to stop is lost, and with it the last messages.
	sleep 0.6
	kill -INT "$lab_capture_pid" 2>/dev/null
	lab_wait_gone "$lab_capture_pid" 10 || kill -9 "$lab_capture_pid" 2>/dev/null
	wait "$lab_capture_pid" 2>/dev/null
	lab_capture_pid=
	cp "$lab_capture_tmp" "$lab_capture_file"
}

# lab_tshark FILE [tshark options]: dissect a capture, UDP 1701 as L2TP.
lab_tshark() {
	lab_tshark_file=$1
	shift
	tshark -n -r "$lab_tshark_file" -d udp.port==1701,l2tp "$@" 2>/dev/null
}

# lab_tshark_fields FILE FIELD...: one tab-separated line per packet with the fields' values
# (multiple occurrences comma-separated). tshark takes seconds to start inside UML: dissect a
# capture once with every field a test needs rather than once per question.
lab_tshark_fields() {
	lab_tshark_file=$1
	shift
	for lab_field in "$@"; do
		set -- "$@" -e "$lab_field"
		shift
	done
	lab_tshark "$lab_tshark_file" -T fields -E separator=/t -E occurrence=a -E aggregator=, "$@"
}

# lab_tshark_count FILE FILTER: how many packets match a display filter.
lab_tshark_count() {
	lab_tshark "$1" -Y "$2" -T fields -e frame.number | grep -c .
}

# lab_tshark_malformed FILE: how many packets the dissectors found malformed (0 is good).
lab_tshark_malformed() {
	lab_tshark_count "$1" "$LAB_TSHARK_MALFORMED"
}
LAB_TSHARK_MALFORMED="_ws.malformed || _ws.expert.severity == error"

# ---------------------------------------------------------------------------------------------
# Throughput (iperf3)

LAB_IPERF_PIDFILE=/run/l2c-iperf3.pid

# lab_iperf_server NETNS [BIND_ADDR]: start an iperf3 server that serves one test.
lab_iperf_server() {
	rm -f "$LAB_OUT/iperf3-server.log"
	ip netns exec "$1" iperf3 -s -1 -D --forceflush ${2:+-B "$2"} -I "$LAB_IPERF_PIDFILE" \
		--logfile "$LAB_OUT/iperf3-server.log" || return 1
	lab_wait_for_log "$LAB_OUT/iperf3-server.log" "Server listening" 10
}

lab_iperf_server_stop() {
	lab_kill_pidfile "$LAB_IPERF_PIDFILE"
}

# lab_iperf_client NETNS SERVER [SECONDS [iperf3 options]]: print the received Mbit/s.
lab_iperf_client() {
	lab_iperf_ns=$1
	lab_iperf_server_addr=$2
	lab_iperf_seconds=${3:-5}
	shift 2
	[ $# -gt 0 ] && shift
	ip netns exec "$lab_iperf_ns" iperf3 -c "$lab_iperf_server_addr" -t "$lab_iperf_seconds" -J \
		"$@" >"$LAB_OUT/iperf3-client.json" 2>&1 || return 1
	python3 -c '
import json, sys
result = json.load(open(sys.argv[1]))
print("%.1f" % (result["end"]["sum_received"]["bits_per_second"] / 1e6))
' "$LAB_OUT/iperf3-client.json"
}
