#!/bin/bash
# Make the .config of one build: tinyconfig, then the fragment
# config/<arch>.config, then olddefconfig.  An option of the fragment that
# the final .config lost is an error that names it.
# Usage: config.sh <arch> <variant>   (variant debug adds config/debug.config)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

arch=$1 variant=$2
src=$(src_dir "$variant")
out=$(build_dir "$variant" "$arch")
frag=$TOP/config/$arch.config
# Options that only the series brings (its tests): merged for every
# variant, required only of the whole series (the base has just the test
# patches, a bisect prefix may predate them).
series=$TOP/config/series.config
cross=$(arch_cross "$arch")
mkdir -p "$out"

kmake() {
	make -s -C "$src" O="$out" ARCH="$arch" CROSS_COMPILE="$cross" "$@"
}

kmake tinyconfig >/dev/null
frags=("$frag" "$series")
[ "$variant" = debug ] && frags+=("$TOP/config/debug.config")
"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "${frags[@]}" >/dev/null
kmake olddefconfig >/dev/null

# The bisect builds make every option of the series which can be a module
# one, so that modpost fails the patch whose module uses an interface the
# kernel does not export.  Only tristate options: a bool set to m would be
# dropped, which the check after olddefconfig would catch.
if [ "$variant" = bisect ]; then
	"$src/scripts/config" --file "$out/.config" --enable MODULES
	sed -n 's/^CONFIG_\([A-Z0-9_]*\)=y$/\1/p' "$series" | while read -r opt; do
		if git -C "$src" grep -h -A1 "^config $opt\$" -- '*Kconfig*' |
			grep -q '^[[:space:]]*tristate'; then
			"$src/scripts/config" --file "$out/.config" --module "$opt"
		fi
	done
	kmake olddefconfig >/dev/null
	sed -n 's/^\(CONFIG_[A-Z0-9_]*\)=y$/\1/p' "$series" | while read -r opt; do
		# An option the prefix does not have yet is simply absent
		grep -q "^$opt=" "$out/.config" ||
			! git -C "$src" grep -q "^config ${opt#CONFIG_}\$" -- '*Kconfig*' ||
			die "$arch bisect: $opt lost in .config"
	done
fi

check=("$frag")
case $variant in
patched) check+=("$series") ;;
debug) check+=("$series" "$TOP/config/debug.config") ;;
esac
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
done < <(cat "${check[@]}")
[ -z "$lost" ] || die "$arch $variant: fragment options lost in .config:$lost"
log "$arch $variant: .config from tinyconfig + ${frags[*]#"$TOP"/}"
