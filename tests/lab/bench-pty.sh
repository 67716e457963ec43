#!/bin/sh
# The ceiling of the userspace data path: how many PPP frames a pty with pppd's line discipline
# carries per second in each direction, read or written in large chunks by a program that does
# nothing else (tests/lab/pty-ceiling.c). Compare with the relay's figures from bench-lab.sh.
#
#   tests/lab/run tests/lab/bench-pty.sh [--seconds S] [--frame-len N]
[ -n "${LAB_INSIDE:-}" ] || exec "$(dirname "$0")/run" --timeout "${LAB_TIMEOUT:-300}" "$0" "$@"
. "$top_srcdir/tests/lab/lib.sh"

seconds=5
frame_len=1400
while [ $# -gt 0 ]; do
	case "$1" in
	--seconds) seconds=$2; shift ;;
	--frame-len) frame_len=$2; shift ;;
	*) echo "usage: bench-pty.sh [--seconds S] [--frame-len N]" >&2; exit 2 ;;
	esac
	shift
done

probe=$top_builddir/tests/lab/pty-ceiling
[ -x "$probe" ] || lab_bail "build tests/lab/pty-ceiling first (make)"
status=0
for direction in up down; do
	for accm in ffffffff 0; do
		[ "$direction" = down ] && [ "$accm" = 0 ] && continue # the ACCM is for sending
		ip netns add ptyc
		printf 'ACCM %-8s ' "$accm"
		ip netns exec ptyc "$probe" "$direction" "$seconds" --frame-len "$frame_len" \
			--accm "$accm" || status=1
		ip netns del ptyc
	done
done
exit "$status"
