#!/bin/bash
# Boot the scenarios of one variant and report them: per MSI-X device its
# vectors, chip, domain chain and interrupts delivered, the guest's checks
# and the boot-time KUnit results of each kernel.
# Usage: scenarios.sh <variant> <results-file> <scenario>...
set -euo pipefail
. "$(dirname "$0")/lib.sh"

variant=$1 results=$2
mkdir -p "$OUT"
shift 2
guest=() kunit=() rc=0
for s in "$@"; do
	log "booting scenario $s ($variant)"
	if "$TOP/scripts/boot.sh" "$s" "$variant"; then
		guest+=(--guest "$OUT/$variant/$s.log")
		# KUnit once per kernel: the vtd and its boots carry it.
		case $s in
		vtd) kunit+=(--kunit "x86_64=$OUT/$variant/$s.log") ;;
		its) kunit+=(--kunit "arm64=$OUT/$variant/$s.log") ;;
		esac
	else
		echo "FAIL boot/$s/booted" >>"$results"
		rc=1
	fi
done
[ ${#guest[@]} -gt 0 ] || exit 1
python3 "$TOP/scripts/report.py" --kunit-py "$(src_dir "$variant")/tools/testing/kunit/kunit.py" \
	--results "$results" "${kunit[@]}" "${guest[@]}" || rc=1
exit $rc
