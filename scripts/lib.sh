# Common helpers for the scripts in this directory; sourced, not run.
# shellcheck shell=bash

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${CACHE:-$TOP/.cache}
SRC=$CACHE/linux		# work tree: base commit + the series
BASE_SRC=$CACHE/base/linux	# worktree of the base commit, for base builds
OUT=$CACHE/out			# boot logs, KTAP, reports
BRANCH=series
BASE_TAG=base
# shellcheck source=../base.conf
. "$TOP/base.conf"

START_TIME=${START_TIME:-$(date +%s)}
export START_TIME

elapsed() {
	local s=$(($(date +%s) - START_TIME))

	printf '%d:%02d' $((s / 60)) $((s % 60))
}

log() {
	printf '[%s] %s\n' "$(elapsed)" "$*"
}

die() {
	printf '[%s] ERROR: %s\n' "$(elapsed)" "$*" >&2
	exit 1
}

# Each variant has a root holding linux/ (its source) and build/<variant>/
# <arch>/: the same relative path from build to source for every variant,
# so ccache (CCACHE_BASEDIR) shares hits between patched, base and bisect.
# The debug variant is the patched source with config/debug.config.
variant_root() {
	case $1 in
	patched | debug) echo "$CACHE" ;;
	base | bisect) echo "$CACHE/$1" ;;
	*) die "unknown variant '$1' (patched, debug, base or bisect)" ;;
	esac
}

src_dir() {
	echo "$(variant_root "$1")/linux"
}

build_dir() {
	echo "$(variant_root "$1")/build/$1/$2"
}

# The base worktree, made on first use: the base plus patches BASE_TESTS
# of the series (tests only, see base.conf), picked onto the base commit.
# It is made again only when those patches change.
need_base_tree() {
	local revs="" n rev stamp=$CACHE/base/picked

	need_tree
	for n in $BASE_TESTS; do
		rev=$(git -C "$SRC" rev-list --reverse "$BASE_TAG..$BRANCH" | sed -n "${n}p")
		[ -n "$rev" ] || die "the series has no patch $n (BASE_TESTS in base.conf)"
		revs="$revs $rev"
	done
	[ -d "$BASE_SRC" ] ||
		git -C "$SRC" worktree add -q --detach "$BASE_SRC" "$BASE_TAG"
	[ "$(cat "$stamp" 2>/dev/null)" = "$revs" ] && return 0
	git -C "$BASE_SRC" cherry-pick --abort 2>/dev/null || true
	git -C "$BASE_SRC" checkout -q --detach "$BASE_TAG"
	# shellcheck disable=SC2086
	[ -z "$revs" ] || git -C "$BASE_SRC" cherry-pick $revs >/dev/null ||
		die "patches $BASE_TESTS do not apply to the base on their own"
	echo "$revs" >"$stamp"
}

need_tree() {
	[ -d "$SRC/.git" ] || die "no kernel tree at $SRC: run 'make tree' first"
}

# Series patch files in order (the cover letter is not in patches/series).
series_patches() {
	grep -v -e '^#' -e '^[[:space:]]*$' "$TOP/patches/series" 2>/dev/null |
		sed "s|^|$TOP/patches/|"
}

arch_cross() {
	case $1 in
	x86_64) echo "" ;;
	arm64) echo aarch64-linux-gnu- ;;
	*) die "unknown arch '$1' (x86_64 or arm64)" ;;
	esac
}

# qemu_arch <arch> <build dir> [<machine option>]: set QEMU (emulator,
# machine and CPU, an array), KERNEL (the image in <build dir>) and CONSOLE
# for <arch>.  The option is a device after q35 on x86_64 ("-device
# intel-iommu,intremap=on") and virt's GIC on arm64 ("gic-version=2").
# shellcheck disable=SC2034 # QEMU, KERNEL and CONSOLE are for the caller
qemu_arch() {
	local opt=${3:-}

	case $1 in
	x86_64)
		QEMU=(qemu-system-x86_64 -machine q35 -cpu max)
		# shellcheck disable=SC2206 # the option is words to split
		[ -z "$opt" ] || QEMU+=($opt)
		KERNEL=$2/arch/x86/boot/bzImage CONSOLE=ttyS0
		;;
	arm64)
		QEMU=(qemu-system-aarch64 -machine "virt${opt:+,$opt}" -cpu cortex-a57)
		KERNEL=$2/arch/arm64/boot/Image CONSOLE=ttyAMA0
		;;
	*) die "unknown arch '$1' (x86_64 or arm64)" ;;
	esac
}

# wait_for <pid> <seconds>: true once <pid> has exited (reap it with
# wait), false if it is still running after <seconds>.
wait_for() {
	local i=0

	while kill -0 "$1" 2>/dev/null; do
		[ "$i" -ge "$2" ] && return 1
		sleep 1
		i=$((i + 1))
	done
	return 0
}
