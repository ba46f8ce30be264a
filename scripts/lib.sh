# Common helpers for the scripts in this directory; sourced, not run.
# shellcheck shell=bash

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${CACHE:-$TOP/.cache}
SRC=$CACHE/linux		# work tree: base commit + the series
BASE_SRC=$CACHE/linux-base	# worktree of the base commit, for base builds
BUILD=$CACHE/build		# out-of-tree build directories
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

# Source directory for a variant: the series work tree or the base worktree.
src_dir() {
	case $1 in
	patched) echo "$SRC" ;;
	base) echo "$BASE_SRC" ;;
	bisect) echo "$CACHE/linux-bisect" ;;
	*) die "unknown variant '$1' (patched, base or bisect)" ;;
	esac
}

build_dir() {
	echo "$BUILD/$1/$2"
}

# The base worktree, made on first use.
need_base_tree() {
	need_tree
	[ -d "$BASE_SRC" ] ||
		git -C "$SRC" worktree add -q --detach "$BASE_SRC" "$BASE_TAG"
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
