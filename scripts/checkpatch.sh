#!/bin/bash
# checkpatch.pl --strict on every patch of the series.  The excuses: the
# missing Signed-off-by (the DCO sign-off belongs to whoever submits), and
# on a fix marked for stable the missing Fixes: tag, as the base tarball
# has no history to take a commit id from (one that cannot be checked here
# is left out rather than guessed).
# Usage: checkpatch.sh [results-file]
set -euo pipefail
. "$(dirname "$0")/lib.sh"

results=${1:-/dev/null}
# checkpatch's SPDX check runs scripts/spdxcheck.py, which needs the
# python3-ply that Debian's python3 has.
export PATH=/usr/bin:$PATH
need_tree
fail=0 n=0
while IFS= read -r p; do
	n=$((n + 1))
	name=${p##*/}
	ignore=MISSING_SIGN_OFF
	grep -q '^Cc: stable@vger.kernel.org' "$p" && ignore=$ignore,MISSING_FIXES_TAG
	if out=$(cd "$SRC" && ./scripts/checkpatch.pl --strict --quiet \
		--ignore "$ignore" --show-types "$p" 2>&1); then
		echo "PASS checkpatch/$name" >>"$results"
	else
		echo "FAIL checkpatch/$name" >>"$results"
		echo "$out"
		log "checkpatch --strict: $name is not clean"
		fail=1
	fi
done < <(series_patches)
log "checkpatch --strict: $n patches checked"
exit $fail
