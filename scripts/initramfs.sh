#!/bin/bash
# Build the guest initramfs of one architecture: Debian's static busybox
# and guest/init, packed by the kernel's own gen_init_cpio.
# Usage: initramfs.sh <arch>   -> $CACHE/initramfs-<arch>.cpio
set -euo pipefail
. "$(dirname "$0")/lib.sh"

arch=$1
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

spec=$CACHE/initramfs-$arch.spec
{
	for d in /dev /bin /sbin /proc /sys /tmp; do
		echo "dir $d 755 0 0"
	done
	echo "nod /dev/console 600 0 0 c 5 1"
	echo "file /bin/busybox $bb 755 0 0"
	# Applet names from the host's busybox-static: same Debian version.
	/bin/busybox --list | while read -r a; do
		[ "$a" = busybox ] || echo "slink /bin/$a busybox 777 0 0"
	done
	echo "file /init $TOP/guest/init 755 0 0"
} >"$spec"
"$gen" "$spec" >"$CACHE/initramfs-$arch.cpio"
log "initramfs-$arch.cpio: $(stat -c %s "$CACHE/initramfs-$arch.cpio") bytes"
