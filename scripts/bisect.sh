#!/bin/bash
# Build every prefix of the series on x86_64 and arm64, incrementally, in a
# worktree of its own; stops at the first patch that breaks a build.
# BISECT_FROM=k starts at the k-th prefix (those before it built already),
# BISECT_TO=k stops after the k-th.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

need_tree
bsrc=$(src_dir bisect)
[ -d "$bsrc" ] || git -C "$SRC" worktree add -q --detach "$bsrc" "$BASE_TAG"
commits=$(git -C "$SRC" rev-list --reverse "$BASE_TAG..$BRANCH")
n=$(echo "$commits" | grep -c . || true)
[ "$n" -gt 0 ] || { log "bisect: the series is empty, nothing to build"; exit 0; }
from=${BISECT_FROM:-1} to=${BISECT_TO:-$n}
k=0
for c in $commits; do
	k=$((k + 1))
	[ "$k" -ge "$from" ] && [ "$k" -le "$to" ] || continue
	git -C "$bsrc" checkout -q --detach "$c"
	log "bisect $k/$n: $(git -C "$bsrc" log -1 --format=%s)"
	for arch in x86_64 arm64; do
		"$TOP/scripts/build.sh" "$arch" bisect ||
			die "bisect: patch $k/$n breaks the $arch build: $(git -C "$bsrc" log -1 --format=%s)"
	done
done
log "bisect: prefixes $from to $to of $n build on x86_64 and arm64"
