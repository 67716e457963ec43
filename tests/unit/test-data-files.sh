#!/bin/sh
# The data files the build makes from .in templates and po/: the AppStream metainfo passes
# `appstreamcli validate --no-net`, the .desktop files pass desktop-file-validate, the polkit
# policy is well-formed XML and declares every action l2tp-connectd asks polkit about, and
# each file carries the German translation of every message its template has.
# A validator that is not installed (appstream, desktop-file-utils, libxml2-utils) skips its
# test point; the tray app's files are skipped when the build has no GUI.
set -u

srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
builddir=$(cd "${top_builddir:-.}" && pwd)
metainfo=gui/org.l2tpconnect.Gui.metainfo.xml
desktops="gui/l2tp-connect-gui.desktop gui/l2tp-connect-gui-autostart.desktop"
policy=daemon/org.l2tpconnect.policy

scratch=$(mktemp -d "${TMPDIR:-/tmp}/l2c-test-data.XXXXXX") || exit 99
trap 'rm -rf "$scratch"' EXIT

. "$srcdir/tests/unit/tap.sh"
# check_with TOOL DESCRIPTION COMMAND...: a test point that needs TOOL installed.
check_with() {
	tool=$1
	shift
	if command -v "$tool" >/dev/null 2>&1; then
		check "$@"
	else
		skip "$tool is not installed: $1"
	fi
}

gui=no
grep -q '^S\["ENABLE_GUI_TRUE"\]=""' "$builddir/config.status" && gui=yes

# check_gui DESCRIPTION COMMAND...: a test point on the tray app's files.
check_gui() {
	if [ "$gui" = yes ]; then
		check "$@"
	else
		skip "the build has no GUI: $1"
	fi
}

metainfo_is_valid() {
	appstreamcli validate --no-net --explain "$builddir/$metainfo"
}

# The action ids the service passes to polkit (L2C_ACTION_* in daemon/authority.h).
asked_actions() {
	sed -n 's/^#define[[:space:]]*L2C_ACTION_[A-Z_]*[[:space:]]*"\(.*\)".*/\1/p' \
		"$srcdir/daemon/authority.h"
}

policy_declares_asked_actions() {
	xmllint --noout "$builddir/$policy" || return 1
	actions=$(asked_actions)
	[ -n "$actions" ] || { echo "no L2C_ACTION_* in daemon/authority.h"; return 1; }
	status=0
	for action in $actions; do
		grep -qF "<action id=\"$action\">" "$builddir/$policy" ||
			{ echo "the policy does not declare $action"; status=1; }
	done
	return $status
}

# The German of each message in the template, as `msgid<TAB>msgstr` lines in $scratch/de.tsv:
# the template's messages (xgettext, with the ITS rules the build used) merged with po/de.po.
german_messages_of() {
	(cd "$srcdir" && xgettext --from-code=UTF-8 -o "$scratch/template.pot" "$1.in") || return 1
	msgmerge -q --no-fuzzy-matching -o "$scratch/merged.po" "$srcdir/po/de.po" \
		"$scratch/template.pot" || return 1
	# msgmerge keeps de.po's other messages as obsolete ones.
	msgattrib --no-obsolete -o "$scratch/template-de.po" "$scratch/merged.po" || return 1
	# shellcheck disable=SC2016
	msgexec -i "$scratch/template-de.po" sh -c \
		'[ -n "$MSGEXEC_MSGID" ] && printf "%s\t%s\n" "$MSGEXEC_MSGID" "$(cat)"; exit 0' \
		>"$scratch/de.tsv"
}

# has_german FILE: each message of FILE's template is translated, and FILE holds the German
# as a [de] key (.desktop) or an xml:lang="de" element.
has_german() {
	german_messages_of "$1" || return 1
	[ -s "$scratch/de.tsv" ] || { echo "$1.in has no translatable messages"; return 1; }
	status=0
	tab=$(printf '\t')
	while IFS=$tab read -r msgid msgstr; do
		if [ -z "$msgstr" ]; then
			echo "po/de.po does not translate \"$msgid\""
			status=1
			continue
		fi
		case "$1" in
		*.desktop) grep -qF -- "[de]=$msgstr" "$builddir/$1" ;;
		*) grep -qF -- "xml:lang=\"de\">$msgstr<" "$builddir/$1" ;;
		esac || { echo "$1 lacks the German \"$msgstr\""; status=1; }
	done <"$scratch/de.tsv"
	return $status
}

for tool in xgettext msgmerge msgattrib msgexec; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool (gettext) is not installed"
		exit 0
	fi
done

echo "1..8"
if [ "$gui" = yes ]; then
	check_with appstreamcli "appstreamcli validate --no-net accepts $metainfo" metainfo_is_valid
	for f in $desktops; do
		check_with desktop-file-validate "desktop-file-validate accepts $f" \
			desktop-file-validate "$builddir/$f"
	done
else
	for f in $metainfo $desktops; do
		skip "the build has no GUI: $f"
	done
fi
check_with xmllint "$policy is well-formed and declares every action the service asks" \
	policy_declares_asked_actions
check "$policy has the German of every message" has_german "$policy"
check_gui "$metainfo has the German of every message" has_german "$metainfo"
for f in $desktops; do
	check_gui "$f has the German of every message" has_german "$f"
done
[ "$failed" -eq 0 ]
