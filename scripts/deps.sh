#!/bin/bash
# Install what the tooling needs from Debian's archive: the base source
# package, compilers, QEMU and busybox for both architectures.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PKGS="make gcc libc6-dev flex bison bc libelf-dev libssl-dev cpio xz-utils
perl python3 python3-ply python3-git python3-pytest python3-matplotlib python3-sphinx rsync git ccache gcc-aarch64-linux-gnu libc6-dev-arm64-cross
qemu-system-x86 qemu-system-arm ipxe-qemu busybox-static sparse"

missing=
for p in $PKGS; do
	dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
have_base=$(dpkg-query -W -f '${Version}' "$BASE_PACKAGE" 2>/dev/null || true)
have_arm64=$(dpkg --print-foreign-architectures | grep -c arm64 || true)

if [ -n "$missing" ] || [ -z "$have_base" ] || [ "$have_arm64" = 0 ]; then
	[ "$(id -u)" = 0 ] || die "need root to install:$missing $BASE_PACKAGE"
	[ "$have_arm64" = 0 ] && dpkg --add-architecture arm64
	log "apt-get update"
	apt-get update -qq || die "apt-get update failed"
fi
if [ -n "$missing" ]; then
	log "installing:$missing"
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends $missing >/dev/null ||
		die "apt-get install failed for:$missing"
fi
if [ -z "$have_base" ]; then
	log "installing $BASE_PACKAGE=$BASE_VERSION"
	if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		"$BASE_PACKAGE=$BASE_VERSION" >/dev/null 2>&1; then
		log "WARNING: $BASE_PACKAGE $BASE_VERSION is not in the archive any more; installing its newest version"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			"$BASE_PACKAGE" >/dev/null ||
			die "cannot install $BASE_PACKAGE"
	fi
fi

# The arm64 guest's busybox: Debian's arm64 busybox-static, unpacked here.
bb=$CACHE/busybox-arm64/bin/busybox
if [ ! -x "$bb" ]; then
	log "fetching busybox-static:arm64"
	mkdir -p "$CACHE/dl"
	rm -f "$CACHE"/dl/busybox-static_*arm64.deb
	(cd "$CACHE/dl" && apt-get download -qq -o APT::Sandbox::User=root busybox-static:arm64) ||
		die "apt-get download busybox-static:arm64 failed"
	dpkg-deb -x "$CACHE"/dl/busybox-static_*_arm64.deb "$CACHE/busybox-arm64"
	[ -x "$bb" ] || die "busybox-static:arm64 has no bin/busybox"
fi
log "dependencies present"
