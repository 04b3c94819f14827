#!/usr/bin/env bash
# The installers as an investor's machine meets them: builds the .deb and
# the .rpm (scripts/package.sh), lints the .deb (lintian: no error) and the
# AppStream metainfo, installs the .deb with apt-get and its dependencies,
# starts the installed /usr/bin/ssa-desktop under Xvfb and runs the e2e
# smoke test on it (tests/e2e/tests/installed.rs), removes the package and
# checks that none of its files is left. Then the signed updates: the run
# makes a publisher key and a stranger's, builds version 0.1.1, installs
# 0.1.0 and lets tests/e2e/tests/update.rs offer it 0.1.1 over loopback
# (refused when changed, signed by the stranger, older, or an old release
# relabelled as new; installed and restarted into when good). Prints the installers' sizes.
# Needs scripts/install-deps.sh to have run; uses sudo when not root.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-$PWD/target}
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"

# The run's own publisher key (and a stranger's): a release is signed with
# the publisher's key, which never enters the repository; the packages built
# here trust this run's key instead of the release key in tauri.conf.json.
keys=$(mktemp -d)
trap 'rm -rf "$keys"' EXIT
tauri=ui/node_modules/.bin/tauri
$tauri signer generate --ci -f -p "" -w "$keys/publisher.key" >/dev/null
$tauri signer generate --ci -f -p "" -w "$keys/stranger.key" >/dev/null
trust="{\"plugins\":{\"updater\":{\"pubkey\":\"$(cat "$keys/publisher.key.pub")\"}}}"

echo "== installers: .deb and .rpm"
scripts/package.sh --config "$trust"
deb=$(ls -t "$target"/release/bundle/deb/*.deb | head -1)
rpm=$(ls -t "$target"/release/bundle/rpm/*.rpm | head -1)
echo "sizes: $(du -k "$deb" | cut -f1) KiB $(basename "$deb"); $(du -k "$rpm" | cut -f1) KiB $(basename "$rpm")"

echo "== lintian and appstream"
# Errors fail; warnings and notes are printed for the packager to read.
lintian --fail-on error --info "$deb"
appstreamcli validate --no-net packaging/linux/hk.ssadesktop.app.metainfo.xml
rpm -qpl "$rpm" | grep -x /usr/bin/ssa-desktop >/dev/null

echo "== install, run, remove"
$sudo dpkg --remove ssa-desktop >/dev/null 2>&1 || true
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q -o DPkg::Lock::Timeout=300 "$deb"
files=$(dpkg -L ssa-desktop)
for f in /usr/bin/ssa-desktop /usr/share/metainfo/hk.ssadesktop.app.metainfo.xml \
  /usr/share/doc/ssa-desktop/copyright /usr/share/icons/hicolor/512x512/apps/ssa-desktop.png; do
  grep -qx "$f" <<<"$files" || { echo "the package lacks $f" >&2; exit 1; }
done
grep -l "^Exec=ssa-desktop" /usr/share/applications/*.desktop >/dev/null
SSA_INSTALLED_APP=/usr/bin/ssa-desktop xvfb-run -a -s "-screen 0 1280x900x24" \
  scripts/with-keyring.sh cargo test -p ssa-e2e --test installed -- --test-threads=1

echo "== signed updates: 0.1.0 offered 0.1.1 over loopback"
cp "$deb" "$keys/installed.deb"
$tauri build --ci --bundles deb --config "{\"version\":\"0.1.1\",${trust:1}"
cp "$(ls -t "$target"/release/bundle/deb/*0.1.1*.deb | head -1)" "$keys/update.deb"
$tauri signer sign -f "$keys/publisher.key" -p "" --app-version 0.1.1 "$keys/update.deb" >/dev/null
# The installed version's package, signed for what it is (0.1.0): a feed
# that offers it as 0.1.1 relabels an old release.
$tauri signer sign -f "$keys/publisher.key" -p "" --app-version 0.1.0 "$keys/installed.deb" >/dev/null
cp "$keys/update.deb" "$keys/stranger.deb"
$tauri signer sign -f "$keys/stranger.key" -p "" --app-version 0.1.1 "$keys/stranger.deb" >/dev/null
SSA_INSTALLED_APP=/usr/bin/ssa-desktop SSA_UPDATE_FILES=$keys xvfb-run -a -s "-screen 0 1280x900x24" \
  scripts/with-keyring.sh cargo test -p ssa-e2e --test update -- --test-threads=1
[ "$(dpkg-query -W -f='${Version}' ssa-desktop)" = 0.1.1 ] || { echo "0.1.1 is not installed" >&2; exit 1; }
files=$(sort -u <(echo "$files") <(dpkg -L ssa-desktop))

DEBIAN_FRONTEND=noninteractive $sudo apt-get remove -y -q --purge ssa-desktop
left=0
while read -r f; do
  # Folders shared with other packages (/usr/share/icons/...) stay.
  if [ -e "$f" ] && [ ! -d "$f" ]; then echo "left behind: $f" >&2; left=1; fi
done <<<"$files"
[ "$left" = 0 ] || exit 1
echo "the package installed, ran and left nothing behind"
