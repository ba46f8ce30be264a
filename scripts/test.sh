#!/bin/bash
# The test command (README command 2, called by .ci/run): the harness
# passes its own tests, the series applies, every patch is checkpatch
# --strict clean, the debug kernels (config/debug.config: KASAN, lockdep,
# kmemleak, UBSAN ..) build on x86_64 and arm64 without new W=1, sparse or
# kernel-doc warnings, and the five QEMU scenarios pass every check and
# KUnit suite of expect/ with a clean kernel log.  Every stage that fails
# is a failure of its own.  Ends with "N passed, N failed".
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
		"$([ $rc = 0 ] && echo ok || echo "FAILED ($rc)")" >>"$timings"
	[ $rc = 0 ] || echo "FAIL stage/$name" >>"$results"
	return $rc
}
result() { # result <name> <command...>: a stage that is one test
	local name=$1
	shift
	stage "$name" "$@" && echo "PASS $name" >>"$results"
}
summary() { # the closing lines, also when a stage ends the run early
	local pass skip fail

	printf '%-28s %4d s\n' total $(($(date +%s) - START_TIME)) >>"$timings"
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
}

# make test runs the debug kernels, which are several times slower under
# TCG than the plain ones of make run: 20 rebinds instead of 1000, 64
# vectors grown one at a time instead of 256 (re-enabling costs n^2), and
# edu's MSI raised 20000 times while it moves and 20 CPU offline/online
# cycles instead of 100000 and 100, so that a fresh machine runs it all
# within CI's time.
variant=debug
export REBINDS=${REBINDS:-20} GROW=${GROW:-64} MOVING=${MOVING:-20000} \
	HOTPLUG=${HOTPLUG:-20}

if ! stage deps "$TOP/scripts/deps.sh"; then
	summary
	exit 1
fi
result harness/self-test "$TOP/scripts/check-harness.sh"
if ! result series/apply "$TOP/scripts/tree.sh"; then
	summary
	exit 1
fi
stage checkpatch "$TOP/scripts/checkpatch.sh" "$results"
# SCENARIOS (make test SCENARIOS="vtd its") boots some only, and builds
# and runs KUnit on their architectures only.
want=${SCENARIOS:-vtd noiommu amd its v2m}
archs=
for s in $want; do
	case $s in
	vtd | noiommu | amd) a=x86_64 ;;
	its | v2m) a=arm64 ;;
	*) echo "unknown scenario '$s' (vtd noiommu amd its v2m)" >&2; exit 2 ;;
	esac
	case " $archs " in *" $a "*) ;; *) archs="$archs $a" ;; esac
done
built=
for arch in x86_64 arm64; do
	case " $archs " in *" $arch "*) ;; *) continue ;; esac
	result "build/$arch" "$TOP/scripts/build.sh" "$arch" $variant && built="$built $arch"
done
if [ "$built" = " x86_64 arm64" ]; then
	result warnings/w1-sparse-kernel-doc "$TOP/scripts/warnings.sh" $variant
elif [ "$archs" = " x86_64 arm64" ]; then
	echo "FAIL warnings/w1-sparse-kernel-doc" >>"$results"
fi
result docs/htmldocs-core-api "$TOP/scripts/htmldocs.sh"
scen=
for s in $want; do
	case $s in vtd | noiommu | amd) a=x86_64 ;; *) a=arm64 ;; esac
	case " $built " in *" $a "*) scen="$scen $s" ;; esac
done
scen=${scen# }
# shellcheck disable=SC2086
[ -n "$scen" ] && stage "boot ($scen)" "$TOP/scripts/scenarios.sh" $variant "$results" $scen
# A scenario whose kernel did not build has not run: its checks are missing.
for s in $want; do
	case " $scen " in *" $s "*) ;; *) echo "FAIL boot/$s/not-run" >>"$results" ;; esac
done
# The KUnit suites once more, as their users run them: kunit.py run with
# the directories' .kunitconfig, on a small kernel of its own.  On x86_64
# only unless KUNITPY_ARCHS says otherwise: the arm64 debug kernels run the
# same suites at boot, and a cold kunit.py build costs six minutes an
# architecture; make kunit runs both.
kp=
for a in ${KUNITPY_ARCHS:-x86_64}; do
	case " $archs " in *" $a "*) kp="$kp $a" ;; esac
done
kp=${kp:-$archs}
stage "kunit.py (${kp# })" env ARCHS="${kp# }" "$TOP/scripts/kunit.sh" "$results"

summary
