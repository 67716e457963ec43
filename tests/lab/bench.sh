#!/bin/sh
# make bench: connect-time and throughput figures of l2tp-connect next to the xl2tpd-based
# reference client, measured in one User-Mode-Linux boot by tests/lab/bench-lab.sh.
#
#   tests/lab/bench.sh [--runs N] [--seconds S]
#
# N connects per client and setup (default 5, or $BENCH_RUNS), S seconds of iperf3 per
# direction (default 10, or $BENCH_SECONDS). The tables go to stdout, every figure to
# $top_builddir/tests/lab/out/bench-lab/bench.tsv. Not pass/fail: the exit status is non-zero
# only when a measurement could not be made (or the lab cannot boot).
set -u

here=$(cd "$(dirname "$0")" && pwd -P)
uml=${LAB_UML:-linux.uml}
if ! command -v "$uml" >/dev/null 2>&1; then
	echo "bench: $uml (Debian package user-mode-linux) is not installed; the benchmark runs in" \
		"the lab" >&2
	exit 1
fi
if [ -z "${top_builddir:-}" ] && [ ! -f config.status ]; then
	echo "bench: run it from a build directory (make bench), or set top_builddir" >&2
	exit 2
fi

runs=${BENCH_RUNS:-5}
seconds=${BENCH_SECONDS:-10}
while [ $# -gt 0 ]; do
	case "$1" in
	--runs) runs=$2; shift ;;
	--seconds) seconds=$2; shift ;;
	*) echo "usage: $0 [--runs N] [--seconds S]" >&2; exit 2 ;;
	esac
	shift
done

# About 25 s per connect and teardown pair of runs, 7 setups of iperf3 both ways, the boot.
timeout_s=${LAB_TIMEOUT:-$((180 + runs * 4 * 25 + 7 * (2 * seconds + 40)))}
echo "bench: booting the lab; $runs connects per client and setup, iperf3 $seconds s each way" \
	"(a few minutes)" >&2
exec "$here/run" --timeout "$timeout_s" "$here/bench-lab.sh" --runs "$runs" --seconds "$seconds"
