#!/bin/bash
# Build one kernel out of tree with ccache.
# Usage: build.sh <arch> <variant>   (variant: patched | debug | base | bisect)
# Prints a progress line every 30 s: objects compiled so far, and the share
# of the last build of the same directory when there was one.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

arch=$1 variant=$2
src=$(src_dir "$variant")
out=$(build_dir "$variant" "$arch")
cross=$(arch_cross "$arch")
[ "$variant" = base ] && need_base_tree
[ -f "$src/Makefile" ] || die "no source tree at $src (run 'make tree')"
command -v ccache >/dev/null || die "ccache missing (run 'make deps')"
command -v "${cross}gcc" >/dev/null || die "${cross}gcc missing (run 'make deps')"

"$TOP/scripts/config.sh" "$arch" "$variant"

# Same paths and identity for every build, so base, patched and bisect
# builds share ccache hits.
export CCACHE_BASEDIR=$CACHE CCACHE_NOHASHDIR=1 CCACHE_SLOPPINESS=time_macros
export KBUILD_BUILD_TIMESTAMP="@0" KBUILD_BUILD_USER=msi KBUILD_BUILD_HOST=qemu
jobs=$(($(nproc) + 1))
logf=$out/build.log
last=$(cat "$out/.objects" 2>/dev/null || true)
log "building $arch ($variant) in ${out#"$TOP"/}"
make -C "$src" O="$out" ARCH="$arch" CROSS_COMPILE="$cross" \
	CC="ccache ${cross}gcc" -j"$jobs" >"$logf" 2>&1 &
pid=$!
while ! wait_for "$pid" 30; do
	done_=$(grep -c '^  CC ' "$logf" || true)
	[ "${last:-0}" -gt 0 ] || last=
	log "building $arch ($variant): $done_ objects compiled${last:+ ($((done_ * 100 / last))% of the $last of the last build)}"
done
if ! wait "$pid"; then
	grep -E -m 20 'error|Error' "$logf" >&2 || tail -20 "$logf" >&2
	die "$arch $variant build failed; full log: $logf"
fi
case $arch in
x86_64) img=arch/x86/boot/bzImage ;;
arm64) img=arch/arm64/boot/Image ;;
esac
grep -c '^  CC ' "$logf" >"$out/.objects" || true
warn=$(grep -c 'warning:' "$logf" || true)
log "built $arch ($variant): $img $(stat -c %s "$out/$img") bytes, $warn compiler warnings"
