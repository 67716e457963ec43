#!/bin/sh
# The profile commands of the built l2tp-connect against a scratch profile directory (TAP).
set -u

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
cli="$top_builddir/cli/l2tp-connect"
data="$top_srcdir/tests/data/profiles"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/l2c-cli.XXXXXX") || exit 1
trap 'rm -rf "$scratch"' EXIT
L2TP_CONNECT_PROFILE_DIR="$scratch/profiles"
export L2TP_CONNECT_PROFILE_DIR
LC_ALL=C.UTF-8
export LC_ALL

n=0
failed=0
ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}
not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
	[ -f "$scratch/err" ] && sed 's/^/# stderr: /' "$scratch/err"
	[ -f "$scratch/out" ] && sed 's/^/# stdout: /' "$scratch/out"
}
check() { # description, then a command that must succeed
	desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# run EXPECTED_STATUS ARGS...: runs the CLI with stdin from /dev/null unless $stdin is set.
run() {
	want=$1
	shift
	"$cli" "$@" <"${stdin:-/dev/null}" >"$scratch/out" 2>"$scratch/err"
	got=$?
	[ "$got" -eq "$want" ] || {
		echo "# exit status $got, wanted $want: l2tp-connect $*"
		return 1
	}
}

# "section/key=value" lines of a keyfile, sorted: the same for equal keyfiles.
flatten() {
	awk '/^[[:space:]]*(#|$)/ { next }
	     /^\[/ { section = $0; next }
	     { print section "/" $0 }' "$1" | LC_ALL=C sort
}

no_profile_stored() {
	[ ! -e "$L2TP_CONNECT_PROFILE_DIR/$1.conf" ]
}

if run 0 --help && grep -q '^  import' "$scratch/out" && grep -q 'Exit status' "$scratch/out"; then
	ok "--help exits 0 and lists the commands"
else
	not_ok "--help exits 0 and lists the commands"
fi

all_help=yes
for c in list show import export add edit delete keys; do
	run 0 "$c" --help && grep -q "^Usage: l2tp-connect $c" "$scratch/out" &&
		grep -q 'Example' "$scratch/out" || all_help=no
done
check "every command's --help has a usage line and examples" [ "$all_help" = yes ]

check "an unknown command is a usage error (2)" run 2 frobnicate

check "import of a NetworkManager-l2tp export succeeds" run 0 import "$data/psk.nmconnection"
check "import names the profile after [connection] id" grep -q "'Office-VPN'" "$scratch/out"
check "the stored file has mode 0600" \
	sh -c '[ "$(stat -c %a "$1")" = 600 ]' sh "$L2TP_CONNECT_PROFILE_DIR/Office-VPN.conf"

run 0 list
check "list shows the imported profile" grep -qx 'Office-VPN' "$scratch/out"

run 0 export Office-VPN --with-secrets
cp "$scratch/out" "$scratch/exported"
flatten "$data/psk.nmconnection" >"$scratch/before"
flatten "$scratch/exported" >"$scratch/after"
check "import then export gives back every key and value" cmp -s "$scratch/before" "$scratch/after"

run 0 export Office-VPN
check "export without --with-secrets leaves the secrets out" \
	sh -c '! grep -q -e "vpn-secrets" -e "Ex4mple" "$1"' sh "$scratch/out"

run 0 show Office-VPN
check "show hides the stored PSK" \
	sh -c 'grep -q "ipsec-psk .*= (hidden)" "$1" && ! grep -q Ex4mple "$1"' sh "$scratch/out"
check "show marks defaults and says which secrets are asked for" \
	sh -c 'grep -q "mtu .*= 1400  (default)" "$1" &&
	       grep -q "password .*= (not stored: asked for by your agent at connect)" "$1"' \
	sh "$scratch/out"
if [ "$(id -u)" -eq 0 ]; then
	run 0 show Office-VPN --show-secrets
	check "show --show-secrets prints the PSK to root" grep -q 'Ex4mple PSK' "$scratch/out"
else
	run 1 show Office-VPN --show-secrets
	check "show --show-secrets is refused to other users" ! grep -q 'Ex4mple' "$scratch/out"
fi

check "importing the same profile again is refused (5)" run 5 import "$data/psk.nmconnection"

check "add with an out-of-range MTU fails as invalid (3)" \
	run 3 add bad gateway=vpn.example.com mtu=70000
check "... naming the key and the problem" \
	grep -qF '[vpn] mtu: 70000 is out of range (575–1500)' "$scratch/err"
check "... and stores nothing" no_profile_stored bad

check "add with a newline in user fails (3)" run 3 add bad gateway=vpn.example.com \
	"user=alice
plugin evil.so"
check "... naming the key and the problem" grep -qF '[vpn] user: contains a newline' "$scratch/err"

check "a secret as KEY=VALUE is refused as a usage error (2)" \
	run 2 add bad gateway=vpn.example.com ipsec-enabled=yes ipsec-psk=hunter2
check "... without echoing it, and nothing is stored" \
	sh -c '! grep -q hunter2 "$1" && [ ! -e "$2" ]' sh "$scratch/err" \
	"$L2TP_CONNECT_PROFILE_DIR/bad.conf"

check "an ambiguous key is a usage error (2)" run 2 add bad gateway=vpn.example.com method=manual
check "a bad profile name is a usage error (2)" run 2 add ../evil gateway=vpn.example.com

printf 'ipsec-psk=s3cret psk\n' >"$scratch/secrets"
stdin="$scratch/secrets" run 0 add lab gateway=192.0.2.7 user=bob ipsec-enabled=yes \
	password-flags=2 ipv4.never-default=true ipv4.route1=10.20.0.0/16 --secrets-from-stdin
status=$?
run 0 export lab --with-secrets
check "add with --secrets-from-stdin stores the secret" \
	sh -c '[ "$1" -eq 0 ] && grep -qx "ipsec-psk=s3cret psk" "$2" &&
	       grep -qx "route1=10.20.0.0/16" "$2"' sh "$status" "$scratch/out"

run 0 edit lab mtu=1300
run 0 show lab
check "edit changes a value" grep -q 'mtu .*= 1300$' "$scratch/out"
run 0 edit lab mtu=
run 0 show lab
check "edit KEY= brings the default back" grep -q 'mtu .*= 1400  (default)' "$scratch/out"

check "edit of a missing profile fails as not found (4)" run 4 edit nosuch mtu=1300

check "delete removes the profile" run 0 delete lab
check "show of a deleted profile fails as not found (4)" run 4 show lab

# A hostile download: the newline would start a new pppd option.
printf '[vpn]\nservice-type=org.freedesktop.NetworkManager.l2tp\ngateway=vpn.example.com\nuser=a\\nplugin /tmp/x.so\n' \
	>"$scratch/evil.nmconnection"
run 3 import "$scratch/evil.nmconnection"
check "importing an injection attempt fails (3) and stores nothing" \
	sh -c 'grep -qF "[vpn] user: contains a newline" "$1" && [ ! -e "$2" ]' sh \
	"$scratch/err" "$L2TP_CONNECT_PROFILE_DIR/evil.conf"

echo "1..$n"
[ "$failed" -eq 0 ]
