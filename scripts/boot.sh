#!/bin/bash
# Boot one scenario in QEMU (TCG) and save its console log.
# Usage: boot.sh <scenario> <variant>
#   vtd      x86_64 q35, intel-iommu with interrupt remapping
#   noiommu  x86_64 q35, no IOMMU
#   its      arm64 virt, GICv3 with ITS
#   v2m      arm64 virt, GICv2 with a GICv2m frame (64 SPIs for MSIs)
#   amd      x86_64 q35, amd-iommu with interrupt remapping
# Every scenario has two virtio-net NICs joined by a QEMU hub, virtio-rng,
# an NVMe disk (all MSI-X), an xhci controller with multi-message MSI only
# and a USB keyboard on it (xhci and the virtio-rng are unbound and bound
# $REBINDS times by the guest), an edu device and, at 00:10.0, a
# virtio-rng with 257 MSI-X vectors which the guest hands to the
# pci_msi_test driver for selftests/irq/pci_msix.sh and then to vfio-pci
# (no-IOMMU mode where there is no IOMMU) for selftests/irq/vfio_msix;
# both bring up $GROW vectors one at a time (on v2m as many as the frame
# has left); at 00:11.0 a virtio-rng with 2048 MSI-X vectors, on which
# the its scenario measures what the ITS spends on a device; and behind a
# PCIe-to-PCI bridge at 00:12.0 two virtio-rngs which alias to one
# requester ID. edu raises its own MSI $MOVING times while the MSI moves
# between the CPUs, and CPU 1 goes offline and online $HOTPLUG times
# under it.
# -> $OUT/<variant>/<scenario>.log
set -euo pipefail
. "$(dirname "$0")/lib.sh"

scenario=$1 variant=$2
# The debug kernels (KASAN, lockdep, kmemleak ..) need KASAN's shadow
# memory.  The timeout fits the counts below on either kind of kernel:
# make test lowers the counts for its debug kernels, which run several
# times slower under TCG, and a plain arm64 ITS kernel with these counts
# (make run ARCH=arm64) outlasted 300 s.
case $variant in
debug) mem=1G ;;
*) mem=512M ;;
esac
timeout=${BOOT_TIMEOUT:-900}
REBINDS=${REBINDS:-1000}
GROW=${GROW:-256}
MOVING=${MOVING:-100000}
HOTPLUG=${HOTPLUG:-100}
expect=virtio_net,virtio_net,virtio_rng,nvme

case $scenario in
vtd) arch=x86_64 opt="-device intel-iommu,intremap=on" ;;
amd) arch=x86_64 opt="-device amd-iommu,intremap=on" ;;
noiommu) arch=x86_64 opt= ;;
its) arch=arm64 opt="gic-version=3,its=on" ;;
v2m) arch=arm64 opt="gic-version=2" ;;
*) die "unknown scenario '$scenario' (vtd, noiommu, its, v2m, amd)" ;;
esac

qemu_arch "$arch" "$(build_dir "$variant" "$arch")" "$opt"
command -v "${QEMU[0]}" >/dev/null || die "${QEMU[0]} missing (run 'make deps')"
[ -f "$KERNEL" ] || die "no kernel at $KERNEL (run 'make build ARCH=$arch')"
initrd=$CACHE/initramfs-$arch-$variant.cpio
"$TOP/scripts/initramfs.sh" "$arch" "$variant" >/dev/null

disk=$CACHE/nvme.img
[ -f "$disk" ] || truncate -s 16M "$disk"

mkdir -p "$OUT/$variant"
logf=$OUT/$variant/$scenario.log
t0=$(date +%s.%N)
timeout "$timeout" "${QEMU[@]}" -smp 2 -m "$mem" \
	-nodefaults -display none -serial stdio -no-reboot \
	-kernel "$KERNEL" -initrd "$initrd" \
	-append "console=$CONSOLE panic=-1 log_buf_len=8M msitest.scenario=$scenario msitest.expect=$expect msitest.rebinds=$REBINDS msitest.msixdev=0000:00:10.0 msitest.ecodev=0000:00:11.0 msitest.aliasbr=0000:00:12.0 msitest.grow=$GROW msitest.moving=$MOVING msitest.hotplug=$HOTPLUG vfio.enable_unsafe_noiommu_mode=1" \
	-netdev hubport,id=n0,hubid=0 -device virtio-net-pci,netdev=n0 \
	-netdev hubport,id=n1,hubid=0 -device virtio-net-pci,netdev=n1 \
	-device virtio-rng-pci \
	-device virtio-rng-pci,vectors=257,addr=10.0 \
	-device virtio-rng-pci,vectors=2048,addr=11.0 \
	-device pcie-pci-bridge,id=pcibr,addr=12.0 \
	-device virtio-rng-pci,bus=pcibr,addr=1.0 \
	-device virtio-rng-pci,bus=pcibr,addr=2.0 \
	-drive file="$disk",if=none,id=nvm,format=raw \
	-device nvme,serial=msi0001,drive=nvm \
	-device nec-usb-xhci,msix=off,msi=on,id=xhci -device usb-kbd,bus=xhci.0 \
	-device edu,dma_mask=0xffffffffffffffff \
	</dev/null >"$logf" 2>&1 &
qpid=$!
# Every 30 s: the check the guest is at.
while ! wait_for "$qpid" 30; do
	at=$(grep -a '^msi-boot: \(check\|running\)' "$logf" | tail -1 | tr -d '\r' || true)
	log "$scenario ($variant): ${at:-booting}"
done
wait "$qpid" && rc=0 || rc=$?
secs=$(echo "$(date +%s.%N) - $t0" | bc)
printf '%.1f\n' "$secs" >"$OUT/$variant/$scenario.secs"
[ "$rc" = 124 ] && die "$scenario ($variant): QEMU timed out after ${timeout}s; console log: $logf"
[ "$rc" = 0 ] || die "$scenario ($variant): QEMU exited with $rc; console log: $logf"
grep -q '^msi-boot: end' "$logf" ||
	die "$scenario ($variant): the guest did not finish its checks; console log: $logf"
log "$scenario ($variant): booted and powered off in $(printf '%.1f' "$secs") s"
