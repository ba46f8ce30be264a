#!/bin/bash
# Build the guest initramfs of one architecture and variant: Debian's
# static busybox, guest/init and the variant's irq selftests installed
# the kselftest way under /kselftest, packed by the kernel's own
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

# The irq selftests as kselftest installs them (run_kselftest.sh, the
# kselftest helpers, irq/), against the UAPI headers of the variant's own
# build, static for the guest.
build=$(build_dir "$variant" "$arch")
[ -f "$build/.config" ] || die "no kernel build in ${build#"$TOP"/} (make build)"
karch=$arch
[ "$arch" = x86_64 ] && karch=x86
make -s -C "$(src_dir "$variant")" O="$build" ARCH="$karch" headers >&2 ||
	die "cannot install the UAPI headers of ${build#"$TOP"/}"
ksft=$CACHE/kselftest-$arch-$variant
rm -rf "$ksft"
make -s -C "$selftests/.." O="$build" ARCH="$karch" CROSS_COMPILE="$cross" \
	TARGETS=irq USERLDFLAGS=-static KSFT_INSTALL_PATH="$ksft" install >&2 ||
	die "cannot build the irq selftests for $arch"
[ -x "$ksft/run_kselftest.sh" ] && grep -q '^irq:' "$ksft/kselftest-list.txt" ||
	die "kselftest install of irq incomplete in ${ksft#"$TOP"/}"

cpio=$CACHE/initramfs-$arch-$variant.cpio
spec=$cpio.spec
{
	echo "dir /kselftest 755 0 0"
	for d in /dev /bin /sbin /proc /sys /tmp /usr /usr/bin; do
		echo "dir $d 755 0 0"
	done
	(cd "$ksft" && find . -mindepth 1 | sort) | while read -r f; do
		if [ -d "$ksft/$f" ]; then
			echo "dir /kselftest/${f#./} 755 0 0"
		else
			echo "file /kselftest/${f#./} $ksft/${f#./} $(stat -c %a "$ksft/$f") 0 0"
		fi
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
