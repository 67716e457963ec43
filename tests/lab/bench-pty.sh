#!/bin/sh
# The ceiling of the userspace data path: how many PPP frames a pty with pppd's line discipline
# carries per second in each direction, read or written in large chunks by a program that does
# nothing else (tests/lab/pty-ceiling.c). Compare with the relay's figures from bench-lab.sh.
#
#   tests/lab/run tests/lab/bench-pty.sh [--runs N] [--seconds S] [--frame-len N]
#
# up: the kernel's async HDLC encoder (what pppd's side sends) → the master, read and decoded;
# the sender floods UDP through the ppp interface, one datagram per system call (batch 1) or
# 32 (batch 32, a cheaper sender, closer to TCP's large writes), with every control character
# escaped (ACCM ffffffff) or none (ACCM 0, what pppd uses when the LNS asks for it).
# down: HDLC frames written into the master, 40 per write, decoded by the kernel.
[ -n "${LAB_INSIDE:-}" ] || exec "$(dirname "$0")/run" --timeout "${LAB_TIMEOUT:-600}" "$0" "$@"
. "$top_srcdir/tests/lab/lib.sh"

runs=1
seconds=5
frame_len=1400
while [ $# -gt 0 ]; do
	case "$1" in
	--runs) runs=$2; shift ;;
	--seconds) seconds=$2; shift ;;
	--frame-len) frame_len=$2; shift ;;
	*) echo "usage: bench-pty.sh [--runs N] [--seconds S] [--frame-len N]" >&2; exit 2 ;;
	esac
	shift
done

probe=$top_builddir/tests/lab/pty-ceiling
[ -x "$probe" ] || lab_bail "build tests/lab/pty-ceiling first (make)"
status=0

# one DIRECTION ACCM BATCH: one measurement in a network namespace of its own.
one() {
	ip netns add ptyc || return 1
	printf '%-4s ACCM %-8s batch %-2s  ' "$1" "$2" "$3"
	ip netns exec ptyc "$probe" "$1" "$seconds" --frame-len "$frame_len" --accm "$2" \
		--batch "$3" || status=1
	ip netns del ptyc
}

run=1
while [ "$run" -le "$runs" ]; do
	one up ffffffff 1
	one up 0 1
	one up 0 32
	one down ffffffff 1
	run=$((run + 1))
done
exit "$status"
