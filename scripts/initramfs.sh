#!/bin/bash
# Build the guest initramfs of one architecture and variant: Debian's
# static busybox, guest/init and the variant's tools/testing/selftests/irq
# scripts and C programs (built static), packed by the kernel's own
# gen_init_cpio.
# Usage: initramfs.sh <arch> <variant>   -> $CACHE/initramfs-<arch>-<variant>.cpio
set -euo pipefail
. "$(dirname "$0")/lib.sh"

arch=$1 variant=${2:-patched}
selftests=$(src_dir "$variant")/tools/testing/selftests/irq
cross=$(arch_cross "$arch")
case $arch in
x86_64) bb=/bin/busybox ;;
arm64) bb=$CACHE/busybox-arm64/bin/busybox ;;
*) die "unknown arch '$arch'" ;;
esac
[ -x "$bb" ] || die "$bb missing (run 'make deps')"
[ -x /bin/busybox ] || die "/bin/busybox missing (package busybox-static; run 'make deps')"
need_tree

gen=$CACHE/tools/gen_init_cpio
if [ ! -x "$gen" ] || [ "$SRC/usr/gen_init_cpio.c" -nt "$gen" ]; then
	mkdir -p "$CACHE/tools"
	gcc -O2 -o "$gen" "$SRC/usr/gen_init_cpio.c"
fi

# The C selftests, static for the guest.
bindir=$CACHE/selftests-$arch-$variant
mkdir -p "$bindir"
for c in "$selftests"/*.c; do
	[ -f "$c" ] || continue
	b=$bindir/$(basename "$c" .c)
	"${cross}gcc" -static -O2 -Wall -I"$selftests/.." -o "$b" "$c" >&2 ||
		die "cannot build ${c#"$TOP"/} for $arch"
done

cpio=$CACHE/initramfs-$arch-$variant.cpio
spec=$cpio.spec
{
	for d in /dev /bin /sbin /proc /sys /tmp /selftests /selftests/irq; do
		echo "dir $d 755 0 0"
	done
	for f in "$selftests"/*.sh "$bindir"/*; do
		[ -f "$f" ] && echo "file /selftests/irq/${f##*/} $f 755 0 0"
	done
	echo "nod /dev/console 600 0 0 c 5 1"
	echo "file /bin/busybox $bb 755 0 0"
	# Applet names from the host's busybox-static: same Debian version.
	/bin/busybox --list | while read -r a; do
		[ "$a" = busybox ] || echo "slink /bin/$a busybox 777 0 0"
	done
	echo "file /init $TOP/guest/init 755 0 0"
} >"$spec"
"$gen" "$spec" >"$cpio"
log "${cpio##*/}: $(stat -c %s "$cpio") bytes"
