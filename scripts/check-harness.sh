#!/bin/bash
# Tests of the harness itself: scripts/report.py, figures.py and plot.py
# against the console logs in tests/harness/fixtures/ (tests/harness/*.py,
# pytest).  No kernel is built or booted; it takes seconds.  report.py
# parses KTAP with the kernel's tools/testing/kunit/kunit.py: the work
# tree's, else the one of the base tarball, extracted once to
# .cache/kunit-tool/.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# Debian's python3-pytest is for Debian's python3; a python3 earlier in
# PATH (pyenv, a virtualenv) may not have it.
export PATH=/usr/bin:$PATH
python3 -c 'import pytest' 2>/dev/null ||
	die "python3-pytest missing (run 'make deps')"

kunit_py=$SRC/tools/testing/kunit/kunit.py
tool=$CACHE/kunit-tool
[ -f "$kunit_py" ] || kunit_py=$tool/tools/testing/kunit/kunit.py
if [ ! -f "$kunit_py" ]; then
	[ -f "$BASE_TARBALL" ] ||
		die "no kernel tree at $SRC and no $BASE_TARBALL (run 'make deps')"
	log "extracting tools/testing/kunit/ from $BASE_TARBALL"
	rm -rf "$tool" "$tool.tmp"
	mkdir -p "$tool.tmp"
	tar -xJf "$BASE_TARBALL" -C "$tool.tmp" --strip-components=1 \
		--wildcards '*/tools/testing/kunit/*' ||
		die "cannot extract tools/testing/kunit/ from $BASE_TARBALL"
	mv "$tool.tmp" "$tool"
	[ -f "$kunit_py" ] || die "$BASE_TARBALL has no tools/testing/kunit/kunit.py"
fi

cd "$TOP"
KUNIT_PY=$kunit_py PYTHONDONTWRITEBYTECODE=1 \
	python3 -m pytest -q -p no:cacheprovider tests/harness
