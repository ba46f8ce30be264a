#!/bin/bash
# The test command (README command 2, called by .ci/run): the series
# applies, every patch is checkpatch --strict clean, the patched kernels
# build on x86_64 and arm64, the four QEMU scenarios pass their checks and
# KUnit passes on both architectures.  Ends with "N passed, N failed".
set -uo pipefail
. "$(dirname "$0")/lib.sh"

mkdir -p "$OUT"
results=$OUT/results.txt
timings=$OUT/timings.txt
: >"$results"
: >"$timings"

stage() { # stage <name> <command...>: run, time and record a step
	local name=$1 t0 rc
	shift
	t0=$(date +%s)
	log "== $name"
	"$@" && rc=0 || rc=$?
	printf '%-28s %4d s  %s\n' "$name" $(($(date +%s) - t0)) \
		"$([ $rc = 0 ] && echo ok || echo FAILED)" >>"$timings"
	return $rc
}
result() { # result <name> <command...>: a stage that is one test
	local name=$1
	shift
	if stage "$name" "$@"; then
		echo "PASS $name" >>"$results"
	else
		echo "FAIL $name" >>"$results"
		return 1
	fi
}

stage deps "$TOP/scripts/deps.sh" || die "cannot install the dependencies"
result series/apply "$TOP/scripts/tree.sh" || {
	echo "0 passed, 1 failed"
	exit 1
}
stage checkpatch "$TOP/scripts/checkpatch.sh" "$results"
built=
for arch in x86_64 arm64; do
	result "build/$arch" "$TOP/scripts/build.sh" "$arch" patched && built="$built $arch"
done
[ "$built" = " x86_64 arm64" ] && result warnings/w1-sparse "$TOP/scripts/warnings.sh"
scen=
case $built in *x86_64*) scen="vtd noiommu amd" ;; esac
case $built in *arm64*) scen="$scen its" ;; esac
# shellcheck disable=SC2086
[ -n "$scen" ] && stage "boot ($scen)" "$TOP/scripts/scenarios.sh" patched "$results" $scen

echo
echo "Stage timings:"
cat "$timings"
echo
grep '^FAIL' "$results" || true
pass=$(grep -c '^PASS' "$results")
skip=$(grep -c '^SKIP' "$results")
fail=$(grep -c '^FAIL' "$results")
log "total time $(elapsed); results in ${results#"$TOP"/}"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ] && [ "$pass" -gt 0 ]
