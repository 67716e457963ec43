# TAP test points for the shell unit tests; sourced after setting $scratch (a scratch
# directory the test removes). `check DESCRIPTION COMMAND...` is one test point, the
# command's output shown on failure; `skip REASON` one skipped. $failed counts failures.
n=0
failed=0
check() {
	desc=$1
	shift
	n=$((n + 1))
	if "$@" >"$scratch/out" 2>&1; then
		echo "ok $n - $desc"
	else
		failed=$((failed + 1))
		echo "not ok $n - $desc"
		sed 's/^/# /' "$scratch/out"
	fi
}
skip() {
	n=$((n + 1))
	echo "ok $n # SKIP $1"
}
