#!/bin/bash
# make htmldocs of Documentation/core-api (SPHINXDIRS=core-api, Debian's
# python3-sphinx) out of tree, and fail on any Sphinx or kernel-doc warning
# in the page the series adds or in a file the series touches; warnings of
# the base's own pages and files are printed, not failed.
# Usage: htmldocs.sh
set -uo pipefail
. "$(dirname "$0")/lib.sh"

need_tree
out=$CACHE/docs
logf=$OUT/htmldocs.log
mkdir -p "$out" "$OUT"
# Debian's sphinx is for Debian's python3, which a python3 earlier in PATH
# may not be.
(cd "$SRC" && PATH=/usr/bin:$PATH make O="$out" SPHINXDIRS=core-api \
	SPHINXOPTS=-E htmldocs) \
	>"$logf" 2>&1
rc=$?
# The build writes some generated pages into the source tree.
git -C "$SRC" clean -fq Documentation/networking/netlink_spec/ 2>/dev/null
if [ $rc != 0 ]; then
	tail -n 20 "$logf" >&2
	die "make htmldocs failed; log: ${logf#"$TOP"/}"
fi
touched=$(git -C "$SRC" diff --name-only "$BASE_TAG..$BRANCH")
bad=0
while IFS= read -r line; do
	hit=
	for f in $touched; do
		case $line in *"$f"*) hit=$f ;; esac
	done
	case $line in *msi-device-domains*) hit=msi-device-domains.rst ;; esac
	if [ -n "$hit" ]; then
		echo "series: $line"
		bad=$((bad + 1))
	else
		echo "base:   $line"
	fi
done < <(grep -E 'WARNING|ERROR|warning:|error:' "$logf" | grep -v 'dot(1) not found')
log "htmldocs core-api: $bad warnings in the series' pages and files"
[ "$bad" = 0 ]
