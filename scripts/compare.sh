#!/bin/bash
# Base against patched in one run: build both variants on both
# architectures, boot the given scenarios on each and print the two reports
# and a side-by-side summary; then the figures as data and the plots of
# the README (scripts/figures.py, scripts/plot.py).
# Usage: compare.sh <scenario>...
set -uo pipefail
. "$(dirname "$0")/lib.sh"

scen=${*:-vtd noiommu amd its v2m}
need_base_tree
for variant in base patched; do
	for arch in x86_64 arm64; do
		"$TOP/scripts/build.sh" "$arch" "$variant" || exit 1
	done
done
for variant in base patched; do
	: >"$OUT/compare-$variant.txt"
	echo "=== $variant"
	# shellcheck disable=SC2086
	"$TOP/scripts/scenarios.sh" "$variant" "$OUT/compare-$variant.txt" $scen |
		tee "$OUT/compare-$variant.log"
done
echo
# The summary, also kept for the README (readme_figures.py compare)
{
	printf '%-10s %22s %22s\n' scenario base patched
	for s in $scen; do
		col() {
			local r=$OUT/compare-$1.txt
			printf '%s/%s pass, %ss' \
				"$(grep -c "^PASS boot/$s/" "$r")" \
				"$(grep -c "boot/$s/" "$r")" \
				"$(cat "$OUT/$1/$s.secs" 2>/dev/null || echo '?')"
		}
		printf '%-10s %22s %22s\n' "$s" "$(col base)" "$(col patched)"
	done
	echo
	echo "Figures (guest diagnostics, base then patched):"
	for s in $scen; do
		for variant in base patched; do
			awk -v s="$s" -v v="$variant" '
				/^Scenario / { cur = $2; sub(":", "", cur) }
				/^    figure: / && cur == s {
					sub(/^    figure: /, ""); print "  " s " " v ": " $0
				}' "$OUT/compare-$variant.log"
		done
	done
} | tee "$OUT/compare-summary.txt"
echo
# The figures of every variant there is as data ($OUT/figures.json) and
# the README's two plots of them (docs/p1-grow.png, docs/p2-alloc-free.png).
# Debian's python3-matplotlib is for Debian's python3, which a python3
# earlier in PATH (pyenv, a virtualenv) may not be.
PATH=/usr/bin:$PATH python3 "$TOP/scripts/figures.py" &&
	PATH=/usr/bin:$PATH python3 "$TOP/scripts/plot.py"
