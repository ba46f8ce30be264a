#!/bin/bash
# The series' KUnit suites and test drivers as modules: build the whole
# series as make bisect builds its prefixes (every tristate option of
# config/series.config a module), boot each architecture in QEMU with an
# initramfs that loads every module the build made, and check the KTAP
# each suite prints when loaded like a boot's KUnit results
# (scripts/report.py, expect/kunit-modules-<arch>.txt).  A module that does
# not load, a kernel report on the console or a taint but KUnit's fails.
# Usage: kunit-modules.sh [<results-file>]   (make kunit-modules; ARCHS=...)
set -uo pipefail
. "$(dirname "$0")/lib.sh"

results=${1:-$OUT/kunit-modules-results.txt}
need_tree
bsrc=$(src_dir bisect)
[ -d "$bsrc" ] || git -C "$SRC" worktree add -q --detach "$bsrc" "$BASE_TAG"
git -C "$bsrc" checkout -q --detach "$BRANCH" || die "cannot check out $BRANCH in $bsrc"
mkdir -p "$OUT"
[ $# -gt 0 ] || : >"$results"
rc=0
for arch in ${ARCHS:-x86_64 arm64}; do
	"$TOP/scripts/build.sh" "$arch" bisect || {
		echo "FAIL kunit/modules-$arch/build" >>"$results"
		rc=1
		continue
	}
	build=$(build_dir bisect "$arch")
	# kunit_parent first: the suites use its parent domains
	mods=$(cd "$build" && find . -name '*.ko' | sort |
		awk '/kunit_parent/ { print; next } { rest = rest $0 "\n" }
		     END { printf "%s", rest }')
	[ -n "$mods" ] || { echo "FAIL kunit/modules-$arch/none" >>"$results"; rc=1; continue; }
	rd=$CACHE/modules-$arch
	rm -rf "$rd" && mkdir -p "$rd/bin" "$rd/proc" "$rd/m"
	# arm64: a GICv3 with an ITS, the parent the ITS suites need
	case $arch in
	x86_64) cp /usr/bin/busybox "$rd/bin/"; opt= ;;
	arm64) cp "$CACHE/busybox-arm64/bin/busybox" "$rd/bin/"; opt=gic-version=3,its=on ;;
	esac
	qemu_arch "$arch" "$build" "$opt"
	for m in $mods; do cp "$build/$m" "$rd/m/"; done
	{
		echo '#!/bin/busybox sh'
		echo '/bin/busybox mount -t proc proc /proc'
		for m in $mods; do
			m=$(basename "$m")
			echo "/bin/busybox insmod /m/$m || echo 'msi-modules: $m did not load'"
		done
		echo 'echo "msi-boot: tainted $(/bin/busybox cat /proc/sys/kernel/tainted)"'
		echo '/bin/busybox poweroff -f'
	} >"$rd/init"
	chmod +x "$rd/init"
	(cd "$rd" && find . | cpio -o -H newc 2>/dev/null) >"$rd.cpio"
	logf=$OUT/kunit-modules-$arch.log
	log "booting $arch with $(echo "$mods" | wc -l) modules"
	timeout 600 "${QEMU[@]}" -smp 2 -m 1G -nodefaults -display none \
		-serial stdio -no-reboot -kernel "$KERNEL" -initrd "$rd.cpio" \
		-append "console=$CONSOLE panic=-1" >"$logf" 2>&1
	# Each module loads; nothing on the console but what KUnit prints;
	# no taint but TAINT_TEST (bit 18), which every KUnit run sets
	for m in $mods; do
		m=$(basename "$m" .ko)
		if grep -q "msi-modules: $m.ko did not load" "$logf"; then
			echo "FAIL kunit/modules-$arch/load/$m" >>"$results"
		else
			echo "PASS kunit/modules-$arch/load/$m" >>"$results"
		fi
	done
	# report.py's list of what the kernel prints when it finds a bug
	if python3 -c 'import re, sys; sys.path.insert(0, sys.argv[1]); import report
sys.exit(0 if report.SPLATS.search(open(sys.argv[2], errors="replace").read()) else 1)' \
		"$TOP/scripts" "$logf"; then
		echo "FAIL kunit/modules-$arch/kernel_log_clean" >>"$results"
	else
		echo "PASS kunit/modules-$arch/kernel_log_clean" >>"$results"
	fi
	taint=$(sed -n 's/^msi-boot: tainted \([0-9]*\).*/\1/p' "$logf")
	if [ "${taint:-x}" = 262144 ]; then
		echo "PASS kunit/modules-$arch/tainted_by_kunit_only" >>"$results"
	else
		echo "FAIL kunit/modules-$arch/tainted_by_kunit_only" >>"$results"
	fi
	python3 "$TOP/scripts/report.py" --kunit-py "$SRC/tools/testing/kunit/kunit.py" \
		--results "$results" --expect "$TOP/expect" \
		${UPDATE_EXPECT:+--update-expect} \
		--kunit "modules-$arch=$logf" || rc=1
done
grep -q '^FAIL' "$results" && rc=1
[ $# -gt 0 ] || { grep -c '^PASS' "$results" | sed 's/$/ passed/'; grep '^FAIL' "$results"; }
exit $rc
