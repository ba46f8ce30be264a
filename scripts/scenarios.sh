#!/bin/bash
# Boot the scenarios of one variant and report them: per MSI-X device its
# vectors, chip, domain chain and interrupts delivered, the guest's checks
# and the boot-time KUnit results of each kernel, checked against the
# lists in expect/ (UPDATE_EXPECT=1 writes them from this run instead).
# Usage: scenarios.sh <variant> <results-file> <scenario>...
set -euo pipefail
. "$(dirname "$0")/lib.sh"

variant=$1 results=$2
mkdir -p "$OUT"
shift 2
guest=() kunit=() rc=0
for s in "$@"; do
	log "booting scenario $s ($variant)"
	# Never read a log of an earlier run.
	rm -f "$OUT/$variant/$s.log" "$OUT/$variant/$s.secs"
	"$TOP/scripts/boot.sh" "$s" "$variant" || {
		echo "FAIL boot/$s/booted" >>"$results"
		rc=1
	}
	# A log that stops half way is read too: report.py names where it
	# stopped and what the kernel said before.
	logf=$OUT/$variant/$s.log
	[ -s "$logf" ] || continue
	guest+=(--guest "$logf")
	# KUnit once per kernel: the vtd and its boots carry it.
	case $s in
	vtd) kunit+=(--kunit "x86_64=$logf") ;;
	its) kunit+=(--kunit "arm64=$logf") ;;
	esac
done
[ ${#guest[@]} -gt 0 ] || exit 1
# What must run is checked in (expect/) for the series' kernels; the base
# and bisect prefixes run fewer tests.
expect=()
case $variant in
patched | debug) expect=(--expect "$TOP/expect" ${UPDATE_EXPECT:+--update-expect}) ;;
esac
python3 "$TOP/scripts/report.py" --kunit-py "$(src_dir "$variant")/tools/testing/kunit/kunit.py" \
	--results "$results" "${expect[@]}" "${kunit[@]}" "${guest[@]}" || rc=1
# Every run's figures as data: $OUT/figures.json, of every variant's logs.
python3 "$TOP/scripts/figures.py" --quiet ||
	log "WARNING: scripts/figures.py failed: $OUT/figures.json not written"
exit $rc
