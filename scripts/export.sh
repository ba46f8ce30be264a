#!/bin/bash
# Export the work tree's commits (base..series) to patches/ as
# git format-patch files plus a series file.  Deterministic: zeroed commit
# ids, no version signature, the cover letter from and dated like the last
# patch, so apply followed by export changes nothing on any machine.
# Usage: export.sh [--to DIR]   (default: patches/)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

dest=$TOP/patches
[ "${1:-}" = --to ] && dest=$2
need_tree
cd "$SRC"
[ -z "$(git status --porcelain --untracked-files=no)" ] ||
	log "WARNING: uncommitted changes in $SRC are not exported"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=$(git rev-list --count "$BASE_TAG..$BRANCH")
opts=(--zero-commit --no-signature --base="$BASE_TAG" -o "$tmp")
if [ "$n" -gt 0 ]; then
	if [ -z "$(git config "branch.$BRANCH.description" || true)" ]; then
		log "WARNING: no cover letter text: git -C $SRC branch --edit-description $BRANCH"
	fi
	opts+=(--cover-letter --cover-from-description=subject)
	git format-patch -q "${opts[@]}" "$BASE_TAG..$BRANCH"
	# The cover letter is the series' own: its author and date are those
	# of the last patch, never this machine's git identity or clock.
	last=$(git log -1 --format=%aD "$BRANCH")
	from=$(git log -1 --format='%an <%ae>' "$BRANCH")
	awk -v from="From: $from" -v date="Date: $last" '
		hdr && /^$/ { hdr = 0 }
		hdr && /^From: / { print from; skip = 1; next }
		hdr && /^Date: / { print date; skip = 1; next }
		hdr && skip && /^[ \t]/ { next }
		{ skip = 0; print }' hdr=1 "$tmp/0000-cover-letter.patch" >"$tmp/cover"
	mv "$tmp/cover" "$tmp/0000-cover-letter.patch"
fi

mkdir -p "$dest"
rm -f "$dest"/*.patch
{
	echo "# Applied in this order onto the base (see base.conf) by 'make tree'."
	for f in "$tmp"/*.patch; do
		[ -e "$f" ] || continue
		cp "$f" "$dest/"
		case ${f##*/} in
		0000-cover-letter.patch) ;;
		*) echo "${f##*/}" ;;
		esac
	done
} >"$dest/series"
log "exported $n patches to $dest"
