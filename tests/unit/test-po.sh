#!/bin/sh
# The translation pipeline, end to end: every file with a translatable string is in
# po/POTFILES.in, the committed catalogue and translations are what `make update-po` would
# write (so it leaves a committed tree unchanged), every translation compiles with
# `msgfmt -c` and is complete, and the CLI speaks German under LANGUAGE=de.
#
# The CLI binds its text domain to LOCALEDIR at build time, so the last part runs
# tests/unit/l2tp-connect-po: the CLI built with LOCALEDIR = tests/unit/po-locale, where this
# test puts the .mo compiled from po/de.po.
set -u

srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
builddir=$(cd "${top_builddir:-.}" && pwd)
domain=l2tp-connect
cli=$builddir/tests/unit/l2tp-connect-po
localedir=$builddir/tests/unit/po-locale

scratch=$(mktemp -d "${TMPDIR:-/tmp}/l2c-test-po.XXXXXX") || exit 99
trap 'rm -rf "$scratch"' EXIT

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
}
# check DESCRIPTION COMMAND...: one test point; the command's output is shown on failure.
check() {
	desc=$1
	shift
	if "$@" >"$scratch/out" 2>&1; then
		ok "$desc"
	else
		not_ok "$desc"
		sed 's/^/# /' "$scratch/out"
	fi
}

potfiles() {
	sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$srcdir/po/POTFILES.in"
}

linguas() {
	sed -e 's/#.*//' "$srcdir/po/LINGUAS" | tr -s ' \t' '\n\n' | sed '/^$/d'
}

# A file has translatable strings when xgettext, with the catalogue's keywords, finds some
# (a grep alone would also match `_(` in comments).
xgettext_keywords() {
	sed -n 's/^XGETTEXT_OPTIONS *=//p' "$srcdir/po/Makevars" | tr ' ' '\n' | grep '^--keyword='
}

has_messages() {
	# shellcheck disable=SC2046
	[ -n "$(cd "$srcdir" && xgettext $(xgettext_keywords) --from-code=UTF-8 -o - "$1" 2>/dev/null)" ]
}

sources_with_messages() {
	(cd "$srcdir" && find core cli daemon gui -name '*.[ch]' 2>/dev/null) | sort |
		while read -r f; do
			grep -qE '(^|[^A-Za-z0-9_])N?C?_\(' "$srcdir/$f" || continue
			has_messages "$f" && echo "$f"
		done
}

all_marked_files_listed() {
	potfiles | sort >"$scratch/listed"
	missing=$(sources_with_messages | sort | comm -23 - "$scratch/listed")
	[ -z "$missing" ] || { echo "not in po/POTFILES.in:"; echo "$missing"; return 1; }
}

all_listed_files_exist() {
	status=0
	for f in $(potfiles); do
		[ -f "$srcdir/$f" ] || { echo "po/POTFILES.in lists $f, which does not exist"; status=1; }
	done
	return $status
}

# Text people read in the polkit policy, a .desktop file or AppStream metainfo goes through
# the catalogue too: each such file is built from a .in template listed in po/POTFILES.in
# (msgfmt --xml / --desktop merges the translations back).
data_files() {
	(cd "$srcdir" && find daemon gui \( -name '*.policy' -o -name '*.desktop' \
		-o -name '*.metainfo.xml' -o -name '*.policy.in' -o -name '*.desktop.in' \
		-o -name '*.metainfo.xml.in' \) 2>/dev/null) | sort
}

# Prints the templates missing from po/POTFILES.in; the files with no template to
# $scratch/untemplated.
data_templates_unlisted() {
	potfiles >"$scratch/listed"
	: >"$scratch/untemplated"
	for f in $(data_files); do
		case "$f" in
		*.in) grep -qx "$f" "$scratch/listed" || echo "$f" ;;
		*) [ -f "$srcdir/$f.in" ] || echo "$f" >>"$scratch/untemplated" ;;
		esac
	done
}

data_files_are_templated() {
	unlisted=$(data_templates_unlisted)
	[ -z "$unlisted" ] && [ ! -s "$scratch/untemplated" ] && return 0
	[ -z "$unlisted" ] || echo "$unlisted" | sed 's/^/not in po\/POTFILES.in: /'
	sed 's/^/English only, no .in template: /' "$scratch/untemplated"
	return 1
}

# Runs the po/ Makefile's own catalogue rule on copies: it replaces the copy only when the
# messages changed (it ignores POT-Creation-Date), exactly as `make update-po` would.
# xgettext reads the sources from top_srcdir through POTFILES.in; the Makefile's POTFILES
# (the same files as prerequisites, possibly relative to the build's po/) are not needed.
catalogue_is_current() {
	mkdir -p "$scratch/po"
	cp "$srcdir/po/POTFILES.in" "$srcdir/po/remove-potcdate.sin" "$srcdir/po/$domain.pot" \
		"$scratch/po/" || return 1
	(cd "$scratch/po" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s \
		-f "$builddir/po/Makefile" srcdir="$scratch/po" VPATH="$scratch/po" \
		top_srcdir="$srcdir" POTFILES= "$domain.pot-update") || return 1
	cmp -s "$scratch/po/$domain.pot" "$srcdir/po/$domain.pot" && return 0
	echo "po/$domain.pot is out of date; run 'make update-po' and commit po/. Changes:"
	grep -v '^"POT-Creation-Date:' "$srcdir/po/$domain.pot" >"$scratch/old.pot"
	grep -v '^"POT-Creation-Date:' "$scratch/po/$domain.pot" | diff "$scratch/old.pot" - | head -n 40
	return 1
}

po_files_match_linguas() {
	linguas | sort >"$scratch/linguas"
	(cd "$srcdir/po" && ls -- *.po 2>/dev/null) | sed 's/\.po$//' | sort >"$scratch/pofiles"
	[ -s "$scratch/linguas" ] || { echo "po/LINGUAS names no language"; return 1; }
	cmp -s "$scratch/linguas" "$scratch/pofiles" && return 0
	echo "po/LINGUAS and po/*.po differ:"
	diff "$scratch/linguas" "$scratch/pofiles"
	return 1
}

# update-po merges each translation with the catalogue (po/Makefile.in.in, .po-update).
po_is_merged() {
	msgmerge -q --lang="$1" --previous -o "$scratch/$1.merged.po" \
		"$srcdir/po/$1.po" "$srcdir/po/$domain.pot" || return 1
	cmp -s "$scratch/$1.merged.po" "$srcdir/po/$1.po" && return 0
	echo "po/$1.po is not merged with the catalogue; run 'make update-po'. Changes:"
	diff "$srcdir/po/$1.po" "$scratch/$1.merged.po" | head -n 40
	return 1
}

po_is_complete() {
	stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$srcdir/po/$1.po" 2>&1) || return 1
	echo "$stats"
	case "$stats" in
	*fuzzy* | *untranslated*)
		echo "the first untranslated or fuzzy messages:"
		msgattrib --only-fuzzy --no-obsolete "$srcdir/po/$1.po" 2>/dev/null | grep -A1 '^msgid' | head -n 20
		msgattrib --untranslated --no-obsolete "$srcdir/po/$1.po" 2>/dev/null | grep -A1 '^msgid' | head -n 20
		return 1
		;;
	esac
}

install_german_catalogue() {
	mkdir -p "$localedir/de/LC_MESSAGES" &&
		msgfmt -o "$localedir/de/LC_MESSAGES/$domain.mo" "$srcdir/po/de.po"
}

# What the catalogue says for MSGID in German (gettext(1) reads the same .mo).
german() {
	LC_ALL=C.UTF-8 LANGUAGE=de TEXTDOMAINDIR=$localedir gettext -d "$domain" -- "$1"
}

# run_cli LANGUAGE ARGS...
run_cli() {
	run_language=$1
	shift
	LC_ALL=C.UTF-8 LANGUAGE=$run_language L2TP_CONNECT_PROFILE_DIR=$scratch/profiles "$cli" "$@"
}

# output_has_german FILE MSGID: FILE holds the German translation of MSGID (which must have one).
output_has_german() {
	text=$(german "$2")
	if [ "$text" = "$2" ]; then
		echo "po/de.po has no translation of \"$2\""
		return 1
	fi
	grep -qF -- "$text" "$1" && return 0
	echo "expected \"$text\" in:"
	cat "$1"
	return 1
}

help_is_german() {
	run_cli de --help >"$scratch/help-de" 2>&1
	output_has_german "$scratch/help-de" "list the stored profiles"
}

help_is_english_without_language() {
	LC_ALL=C L2TP_CONNECT_PROFILE_DIR=$scratch/profiles "$cli" --help >"$scratch/help-c" 2>&1
	grep -qF "list the stored profiles" "$scratch/help-c" || { cat "$scratch/help-c"; return 1; }
}

# An error from core/profile, through the CLI: the core layers translate too.
core_error_is_german() {
	mkdir -p "$scratch/profiles"
	run_cli de show nosuch >"$scratch/show-de" 2>&1
	fmt=$(german "no profile named '%s' in %s")
	prefix=${fmt%%\'*}
	if [ "$fmt" = "no profile named '%s' in %s" ]; then
		echo "po/de.po has no translation of \"no profile named '%s' in %s\""
		return 1
	fi
	grep -qF -- "$prefix" "$scratch/show-de" && grep -qF nosuch "$scratch/show-de" && return 0
	echo "expected \"$prefix...nosuch\" in:"
	cat "$scratch/show-de"
	return 1
}

for tool in xgettext msgfmt msgmerge msgattrib gettext make; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool (gettext) is not installed"
		exit 0
	fi
done

langs=$(linguas)
echo "1..$((9 + 3 * $(echo "$langs" | grep -c .)))"
check "every source file with a translatable string is in po/POTFILES.in" \
	all_marked_files_listed
check "every file po/POTFILES.in lists exists" all_listed_files_exist
check "the polkit policy, .desktop and metainfo files are translated through the catalogue" \
	data_files_are_templated
check "po/$domain.pot is current: make update-po would not change it" catalogue_is_current
check "po/LINGUAS names exactly the po/*.po files" po_files_match_linguas
for lang in $langs; do
	check "po/$lang.po passes msgfmt -c" msgfmt -c -o /dev/null "$srcdir/po/$lang.po"
	check "po/$lang.po is merged with the catalogue (make update-po would not change it)" \
		po_is_merged "$lang"
	check "po/$lang.po translates every message (no fuzzy, no untranslated)" \
		po_is_complete "$lang"
done
check "po/de.po compiles into the test locale directory" install_german_catalogue
check "LANGUAGE=de: l2tp-connect --help is German" help_is_german
check "no LANGUAGE, C locale: l2tp-connect --help stays English" \
	help_is_english_without_language
check "LANGUAGE=de: an error from core/profile is German" core_error_is_german
[ "$failed" -eq 0 ]
