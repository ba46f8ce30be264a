#!/bin/bash
# Make the .config of one build: tinyconfig, then the fragment
# config/<arch>.config, then olddefconfig.  An option of the fragment that
# the final .config lost is an error that names it.
# Usage: config.sh <arch> <variant>
set -euo pipefail
. "$(dirname "$0")/lib.sh"

arch=$1 variant=$2
src=$(src_dir "$variant")
out=$(build_dir "$variant" "$arch")
frag=$TOP/config/$arch.config
cross=$(arch_cross "$arch")
mkdir -p "$out"

kmake() {
	make -s -C "$src" O="$out" ARCH="$arch" CROSS_COMPILE="$cross" "$@"
}

kmake tinyconfig >/dev/null
"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "$frag" >/dev/null
kmake olddefconfig >/dev/null

lost=
while IFS= read -r line; do
	case $line in
	CONFIG_*=*) opt=${line%%=*} ;;
	"# CONFIG_"*" is not set") opt=${line#\# }; opt=${opt%% *} ;;
	*) continue ;;
	esac
	got=$(grep -E "^($opt=|# $opt is not set)" "$out/.config" || true)
	if [ "$line" != "$got" ] && ! { [ -z "$got" ] && [ "${line#\# }" != "$line" ]; }; then
		lost="$lost $line (got: ${got:-absent})"
	fi
done <"$frag"
[ -z "$lost" ] || die "$arch: fragment options lost in .config:$lost"
log "$arch $variant: .config from tinyconfig + config/$arch.config"
