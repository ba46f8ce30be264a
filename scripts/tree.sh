#!/bin/bash
# Make the work tree: branch "series" = base + every patch of patches/series,
# applied with git am -3.  Refuses to throw away commits or changes that are
# not exported yet, unless FORCE=1.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$TOP/scripts/fetch-base.sh"
cd "$SRC"

if [ "${FORCE:-0}" != 1 ] && git rev-parse -q --verify "refs/heads/$BRANCH" >/dev/null; then
	[ -d .git/rebase-apply ] && die "a 'git am' is in progress in $SRC: finish or abort it"
	[ -z "$(git status --porcelain)" ] ||
		die "uncommitted changes in $SRC: commit and 'make export', or FORCE=1 to drop them"
	if [ "$(git rev-parse "$BRANCH")" != "$(git rev-parse "$BASE_TAG^{commit}")" ]; then
		tmp=$(mktemp -d)
		"$TOP/scripts/export.sh" --to "$tmp" >/dev/null
		if ! diff -rq "$tmp" "$TOP/patches" >/dev/null; then
			rm -rf "$tmp"
			die "$BRANCH has commits that differ from patches/: 'make export' first, or FORCE=1 to drop them"
		fi
		rm -rf "$tmp"
	fi
fi

git am --abort >/dev/null 2>&1 || true
git checkout -q -f -B "$BRANCH" "$BASE_TAG"
git clean -q -fdx -e /.cache

n=0
while IFS= read -r p; do
	[ -f "$p" ] || die "patches/series names ${p#"$TOP"/}, which does not exist"
	if ! msg=$(git am -3 -q "$p" 2>&1); then
		files=$(echo "$msg" | sed -n -e 's/^error: patch failed: \([^:]*\):.*/\1/p' \
			-e 's/^error: \([^:]*\): patch does not apply/\1/p' \
			-e 's/^error: \([^:]*\): does not exist in index/\1/p' \
			-e 's/^error: sha1 information is lacking or useless (\(.*\))\./\1/p' \
			-e 's/^CONFLICT ([^)]*): .* in \(.*\)$/\1/p' | sort -u | tr '\n' ' ')
		git am --abort >/dev/null 2>&1 || true
		echo "$msg" >&2
		die "patch ${p#"$TOP"/} does not apply to $BASE_PACKAGE $(dpkg-query -W -f '${Version}' "$BASE_PACKAGE"): ${files:-see above}"
	fi
	n=$((n + 1))
done < <(series_patches)

# The cover letter's subject and text become the branch description, from
# which 'make export' writes it again.
cover=$TOP/patches/0000-cover-letter.patch
if [ -f "$cover" ]; then
	git mailinfo .git/cover.msg .git/cover.patch <"$cover" >.git/cover.info
	{
		sed -n 's/^Subject: //p' .git/cover.info
		echo
		# The text ends where format-patch's shortlog ("Name (N):") starts.
		awk '/^[^ ].* \([0-9]+\):$/ { exit } { print }' .git/cover.msg
	} | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' >.git/cover.desc
	git config "branch.$BRANCH.description" "$(cat .git/cover.desc)"
	rm -f .git/cover.msg .git/cover.patch .git/cover.info .git/cover.desc
fi
log "work tree $SRC: $BASE_TAG + $n patches on branch $BRANCH"
