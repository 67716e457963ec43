# tests/lab: the User-Mode-Linux lab and the tests that connect to a real LNS in it.
#
# Each lab test is a shell script that, started on the host (as make check does, through
# SH_LOG_COMPILER), re-runs itself inside UML via tests/lab/run; its TAP output reaches the TAP
# driver unchanged. run prints "1..0 # SKIP" when linux.uml is not installed.
# tests/lab/l2tp-probe, which test-l2tp-engine.sh drives, is built by core/l2tp/local.mk.

LAB_TESTS = \
	tests/lab/test-lab-reference.sh \
	tests/lab/test-l2tp-engine.sh \
	tests/lab/test-daemon.sh

if ENABLE_LAB_TESTS
TESTS += $(LAB_TESTS)
endif

EXTRA_DIST += \
	$(LAB_TESTS) \
	tests/lab/README.md \
	tests/lab/lib.sh \
	tests/lab/run \
	tests/lab/uml-init

# make bench and make demo (top Makefile.am) run these in the lab.
EXTRA_DIST += \
	tests/lab/bench.sh \
	tests/lab/bench-lab.sh \
	tests/lab/bench-pty.sh \
	tests/lab/bench-events.py \
	tests/lab/demo.sh

# Results of lab runs (logs, captures), one directory per test.
clean-local: clean-lab-out
clean-lab-out:
	-rm -rf tests/lab/out

.PHONY: clean-lab-out
