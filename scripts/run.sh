#!/bin/bash
# The main job (README command 1): install what is needed, build the
# patched kernel, boot it and report what every MSI-X device did: x86_64
# on q35 with VT-d interrupt remapping (scenario vtd), or arm64 on virt
# with a GICv3 ITS (scenario its).
# Usage: run.sh [x86_64|arm64]      (make run [ARCH=arm64])
set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$TOP/scripts/deps.sh"
if git -C "$SRC" rev-parse -q --verify "refs/heads/$BRANCH" >/dev/null 2>&1; then
	log "using the work tree as it is: $(git -C "$SRC" rev-list --count "$BASE_TAG..$BRANCH") commits on $BASE_TAG ('make tree' re-applies patches/)"
else
	"$TOP/scripts/tree.sh"
fi
arch=${1:-x86_64}
case $arch in
x86_64) scenario=vtd ;;
arm64) scenario=its ;;
*) die "unknown arch '$arch' (x86_64 or arm64)" ;;
esac
"$TOP/scripts/build.sh" "$arch" patched
mkdir -p "$OUT"
: >"$OUT/run-results.txt"
# The report is kept in $OUT/run-report.txt too (make figures copies it
# into README.md as the sample of this command's output).
{
	rc=0
	"$TOP/scripts/scenarios.sh" patched "$OUT/run-results.txt" "$scenario" || rc=1
	log "report done in $(elapsed): $([ $rc = 0 ] && echo PASS || echo FAIL)"
	exit $rc
} 2>&1 | tee "$OUT/run-report.txt"
