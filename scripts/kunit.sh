#!/bin/bash
# The series' KUnit suites the way KUnit users run them: kunit.py run with
# the .kunitconfig of kernel/irq and of drivers/pci/msi, a small kernel of
# its own per architecture booted in QEMU, offline.  Each run's console
# log is then checked like a boot's KUnit results (scripts/report.py):
# every suite and case of expect/kunit-kunitpy-<arch>.txt must pass.
# Usage: kunit.sh [<results-file>]      (make kunit; ARCHS="x86_64 arm64")
set -uo pipefail
. "$(dirname "$0")/lib.sh"

results=${1:-$OUT/kunit-results.txt}
need_tree
mkdir -p "$OUT"
[ $# -gt 0 ] || : >"$results"
export CCACHE_BASEDIR=$CACHE CCACHE_NOHASHDIR=1 CCACHE_SLOPPINESS=time_macros
kunit_py=$SRC/tools/testing/kunit/kunit.py
rc=0
for arch in ${ARCHS:-x86_64 arm64}; do
	cross=$(arch_cross "$arch")
	build=$CACHE/kunit/$arch
	logf=$OUT/kunit.py-$arch.log
	args=(run --arch="$arch" --build_dir="$build" --jobs=$(($(nproc) + 1))
	      --timeout=900 --kunitconfig=kernel/irq
	      --kunitconfig=drivers/pci/msi --make_options="CC=ccache ${cross}gcc")
	[ -n "$cross" ] && args+=(--cross_compile="$cross")
	mkdir -p "$build"
	rm -f "$build/test.log"
	log "kunit.py run --arch=$arch --kunitconfig=kernel/irq --kunitconfig=drivers/pci/msi"
	(cd "$SRC" && python3 "$kunit_py" "${args[@]}") >"$logf" 2>&1 || {
		tail -n 15 "$logf" >&2
		echo "FAIL kunit.py/$arch/run" >>"$results"
		rc=1
	}
	grep -E '^\[[0-9:]+\] (Testing complete|Elapsed time)' "$logf" >&2 || true
	if [ -s "$build/test.log" ]; then
		python3 "$TOP/scripts/report.py" --kunit-py "$kunit_py" \
			--results "$results" --expect "$TOP/expect" \
			${UPDATE_EXPECT:+--update-expect} \
			--kunit "kunitpy-$arch=$build/test.log" || rc=1
	else
		echo "FAIL kunit.py/$arch/log" >>"$results"
		rc=1
	fi
done
[ $# -gt 0 ] || { grep -c '^PASS' "$results" | sed 's/$/ passed/'; grep '^FAIL' "$results"; }
exit $rc
