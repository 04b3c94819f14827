#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build, run and test SSA
# Desktop: Tauri's GTK/WebKit libraries, Xvfb, the WebKit WebDriver, a
# Secret Service (gnome-keyring on D-Bus), a CJK font, PostgreSQL, Node.js
# packages for the window, and tauri-driver. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"

packages=(
  build-essential pkg-config libssl-dev file curl ca-certificates openssl
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev
  librsvg2-dev libayatana-appindicator3-dev libdbus-1-dev
  xvfb xauth x11-apps webkit2gtk-driver dbus dbus-x11 gnome-keyring fonts-noto-cjk
  postgresql
  poppler-utils
  lintian appstream rpm
  sudo
)
# The machine's own Node.js (often NodeSource's, which carries npm) is kept;
# Debian's is installed only where there is none.
command -v npm >/dev/null || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  # apt-get update does not honour DPkg::Lock::Timeout: retry it.
  for i in 1 2 3 4 5; do $sudo apt-get update -q && break; sleep $((i * 5)); done
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends \
    -o DPkg::Lock::Timeout=300 "${missing[@]}"
fi

command -v cargo >/dev/null || { echo "cargo (rustup) is needed: https://rustup.rs" >&2; exit 1; }
command -v tauri-driver >/dev/null || cargo install tauri-driver --locked --version 2.1.0

if [ -f ui/package.json ]; then
  (cd ui && npm ci --no-audit --no-fund)
fi
