#!/bin/bash
# Turn Debian's linux-source tarball into a git repository whose first
# commit, tagged "base", is the tree the series applies to.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ -f "$BASE_TARBALL" ] ||
	die "$BASE_TARBALL missing: package $BASE_PACKAGE is not installed (run 'make deps')"
have=$(dpkg-query -W -f '${Version}' "$BASE_PACKAGE")
if [ "$have" != "$BASE_VERSION" ]; then
	log "WARNING: the series is made against $BASE_PACKAGE $BASE_VERSION, but $have is installed."
	log "WARNING: patches are applied with 'git am -3'; a conflict names the patch and file."
fi

if git -C "$SRC" rev-parse -q --verify "refs/tags/$BASE_TAG" >/dev/null 2>&1; then
	tagged=$(git -C "$SRC" tag -l --format='%(contents:subject)' "$BASE_TAG")
	if [ "$tagged" = "$BASE_PACKAGE $have" ]; then
		log "base tree present: $tagged"
		exit 0
	fi
	die "$SRC holds '$tagged', not $BASE_PACKAGE $have: export your work, then 'make distclean'"
fi

log "unpacking $BASE_TARBALL"
tmp=$CACHE/unpack.$$
rm -rf "$tmp" && mkdir -p "$tmp"
tar -xJf "$BASE_TARBALL" -C "$tmp"
rm -rf "$SRC"
mv "$tmp"/linux-source-* "$SRC"
rmdir "$tmp"

# Debian's tarball ignores everything at the top level ("/*" and
# "!/debian/" after a "Debian packaging" comment), which would hide every
# new file.  Drop that stanza; the rest of the tree is kept as shipped.
sed -i '/^# Debian packaging/,$d' "$SRC/.gitignore"
sed -i '${/^#$/d}' "$SRC/.gitignore"

log "committing the base tree"
cd "$SRC"
git init -q -b "$BRANCH"
# Commits made in the work tree need an identity; keep the user's own.
git config user.name >/dev/null || git config user.name msi-series
git config user.email >/dev/null || git config user.email msi-series@localhost
git config gc.auto 0
git add -A
# Fixed identity and date: the base commit id depends on the tree alone,
# so the base-commit: line in the exported patches is stable.
GIT_AUTHOR_NAME="Debian $BASE_PACKAGE" GIT_AUTHOR_EMAIL=none@localhost \
GIT_COMMITTER_NAME="Debian $BASE_PACKAGE" GIT_COMMITTER_EMAIL=none@localhost \
GIT_AUTHOR_DATE="2000-01-01T00:00:00Z" GIT_COMMITTER_DATE="2000-01-01T00:00:00Z" \
	git commit -q -m "Linux $BASE_PACKAGE $have" -m "Unpacked from $BASE_TARBALL; Debian's top-level ignore rule dropped from .gitignore."
git tag -a -m "$BASE_PACKAGE $have" "$BASE_TAG"
log "base tree ready: $(git rev-parse --short HEAD) ($BASE_PACKAGE $have)"
