#!/bin/sh
# Runs one libFuzzer binary for a while over a scratch copy of its seed corpus and reports
# the outcome as TAP. Builds nothing.
#   run-fuzz.sh FUZZ_BINARY CORPUS_DIR      (FUZZ_SECONDS, default 20)
# A crashing input is kept beside the binary as <fuzzer>-crash-<sha1> (or -timeout-, -leak-,
# -oom-), so it can be replayed with `FUZZ_BINARY FILE` and turned into a unit test.
set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 FUZZ_BINARY CORPUS_DIR" >&2
	exit 2
fi
fuzzer=$1
seeds=$2
name=$(basename "$fuzzer")
seconds=${FUZZ_SECONDS:-20}

echo "1..1"
if [ ! -x "$fuzzer" ]; then
	echo "not ok 1 - $name: $fuzzer is not built"
	exit 1
fi
if [ ! -d "$seeds" ]; then
	echo "not ok 1 - $name: seed corpus $seeds is missing"
	exit 1
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/$name.XXXXXX") || exit 1
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/corpus" "$scratch/artifacts"
cp "$seeds"/* "$scratch/corpus/"

# -timeout: an input that takes 10 s is a hang worth reporting, not a slow machine.
if "$fuzzer" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
	-artifact_prefix="$scratch/artifacts/" "$scratch/corpus" >"$scratch/log" 2>&1; then
	runs=$(sed -n 's/^stat::number_of_executed_units:[[:space:]]*//p' "$scratch/log")
	echo "ok 1 - $name: ${runs:-?} runs, no crash"
	exit 0
fi

crash=$(ls "$scratch/artifacts" | head -n 1)
if [ -n "$crash" ]; then
	kept="$(dirname "$fuzzer")/$name-$crash"
	cp "$scratch/artifacts/$crash" "$kept"
	echo "not ok 1 - $name: $crash, input kept as $kept"
else
	echo "not ok 1 - $name: the fuzzer failed without leaving a crash input"
fi
tail -n 40 "$scratch/log" | sed 's/^/# /'
exit 1
