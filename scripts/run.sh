#!/bin/bash
# The main job (README command 1): install what is needed, build the
# patched x86_64 kernel, boot it on q35 with VT-d interrupt remapping and
# report what every MSI-X device did.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$TOP/scripts/deps.sh"
if git -C "$SRC" rev-parse -q --verify "refs/heads/$BRANCH" >/dev/null 2>&1; then
	log "using the work tree as it is: $(git -C "$SRC" rev-list --count "$BASE_TAG..$BRANCH") commits on $BASE_TAG ('make tree' re-applies patches/)"
else
	"$TOP/scripts/tree.sh"
fi
"$TOP/scripts/build.sh" x86_64 patched
mkdir -p "$OUT"
: >"$OUT/run-results.txt"
# The report is kept in $OUT/run-report.txt too (make figures copies it
# into README.md as the sample of this command's output).
{
	rc=0
	"$TOP/scripts/scenarios.sh" patched "$OUT/run-results.txt" vtd || rc=1
	log "report done in $(elapsed): $([ $rc = 0 ] && echo PASS || echo FAIL)"
	exit $rc
} 2>&1 | tee "$OUT/run-report.txt"
