#!/usr/bin/env bash
# Builds the installers this machine can make: the .deb and the .rpm, with
# Tauri's bundler through the Tauri CLI that `npm ci` put in ui/node_modules
# (its prebuilt binary: seconds, where `cargo install tauri-cli` compiles
# for over 10 minutes). They land in $CARGO_TARGET_DIR/release/bundle/.
# Windows (.msi, NSIS) and macOS (.dmg) are configured in tauri.conf.json
# and built on those systems: see docs/packaging.md.
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian wants the changelog compressed, reproducibly (no name, no time).
gzip -9n -c packaging/linux/changelog > packaging/linux/changelog.gz
ui/node_modules/.bin/tauri build --ci --bundles deb,rpm "$@"
