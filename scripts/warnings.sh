#!/bin/bash
# Compile the C files the series touches with W=1 and sparse (C=2), on
# x86_64 and arm64, and run kernel-doc -Wall on every C file and header it
# touches; fail on any warning in a line the series adds, headers
# included.  Warnings elsewhere in those files are the base's and are only
# counted.  Needs the builds of the variant (default patched; make test
# passes debug).
# Usage: warnings.sh [variant]
set -euo pipefail
. "$(dirname "$0")/lib.sh"

variant=${1:-patched}
need_tree
command -v sparse >/dev/null || die "sparse missing (run 'make deps')"
files=$(git -C "$SRC" diff --name-only --diff-filter=d "$BASE_TAG" "$BRANCH" -- '*.c')
[ -n "$files" ] || { log "the series touches no C file"; exit 0; }

# "file:first:count" of every hunk the series adds, in C files and headers.
added=$(git -C "$SRC" diff -U0 "$BASE_TAG" "$BRANCH" -- '*.c' '*.h' | awk '
	/^\+\+\+ b\// { f = substr($2, 3) }
	/^@@/ { split($3, a, ","); n = (a[2] == "" ? 1 : a[2]);
		if (n) print f ":" substr(a[1], 2) ":" n }')

# mine: the warnings of a log ("file:line[:col]: warning: ...") in lines
# the series adds.
mine() {
	grep -E '^[^ :]+:[0-9]+:([0-9]+:)? (warning|error):' "$1" |
		sed -e "s|^$SRC/||" -e 's|^\(\.\./\)*linux/||' | awk -v added="$added" '
		BEGIN { n = split(added, h, "\n")
			for (i = 1; i <= n; i++) { split(h[i], p, ":"); f[i] = p[1]; s[i] = p[2]; c[i] = p[3] } }
		{ split($0, w, ":")
		  for (i = 1; i <= n; i++)
			if (w[1] == f[i] && w[2] >= s[i] && w[2] < s[i] + c[i]) { print; break } }' || true
}

new=0
mkdir -p "$OUT"
for arch in x86_64 arm64; do
	out=$(build_dir "$variant" "$arch")
	[ -f "$out/.config" ] || die "no $arch build in $out (make build ARCH=$arch VARIANT=$variant)"
	objs=
	for f in $files; do
		# Only what this configuration builds.
		[ -f "$out/${f%.c}.o" ] && objs="$objs ${f%.c}.o"
	done
	[ -n "$objs" ] || continue
	logf=$OUT/warnings-$arch.log
	# shellcheck disable=SC2086
	make -s -C "$SRC" O="$out" ARCH="$arch" CROSS_COMPILE="$(arch_cross "$arch")" \
		W=1 C=2 $objs >"$logf" 2>&1 || die "$arch: W=1 C=2 build failed: $logf"
	total=$(grep -c -E '(warning|error):' "$logf" || true)
	m=$(mine "$logf")
	log "$arch: W=1 + sparse on$objs: $total warnings in these files, $(echo -n "$m" | grep -c . || true) in lines the series adds"
	if [ -n "$m" ]; then
		echo "$m"
		new=1
	fi
done

# kernel-doc on every C file and header the series touches, against the
# same files in the base: a warning is the series' when the base's file
# does not have it (compared without line numbers, which the series moves;
# kernel-doc reports a struct's warnings at its last line, which may be
# the base's).
docs=$(git -C "$SRC" diff --name-only --diff-filter=d "$BASE_TAG" "$BRANCH" -- '*.c' '*.h')
logf=$OUT/warnings-kernel-doc.log
basedir=$(mktemp -d)
trap 'rm -rf "$basedir"' EXIT
for f in $docs; do
	git -C "$SRC" cat-file -e "$BASE_TAG:$f" 2>/dev/null || continue
	mkdir -p "$basedir/$(dirname "$f")"
	git -C "$SRC" show "$BASE_TAG:$f" >"$basedir/$f"
done
kdoc() { # kdoc <dir>: kernel-doc warnings of $docs in <dir>, "file: message"
	(cd "$1" && for f in $docs; do
		[ -f "$f" ] || continue
		"$SRC/scripts/kernel-doc" -none -Wall "$f" 2>&1
	done) | sed -n 's/^\([^: ]*\):[0-9]*: \(warning\|error\): /\1: \2: /p' | sort
}
kdoc "$SRC" >"$logf"
m=$(kdoc "$basedir" | comm -13 - "$logf")
log "kernel-doc -Wall on $(echo $docs | wc -w) files: $(wc -l <"$logf") warnings, $(echo -n "$m" | grep -c . || true) the base does not have"
if [ -n "$m" ]; then
	echo "$m"
	new=1
fi
exit $new
