#!/usr/bin/env bash
# Runs a command in a private D-Bus session with an unlocked gnome-keyring
# (a Secret Service), as a headless machine has none. See
# shared/design/PLATFORM-NOTES.md: without a bus the keyring answers
# PlatformFailure, without --unlock NoStorageAccess.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }
tmp=$(mktemp -d /tmp/ssa-keyring.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME=$tmp XDG_RUNTIME_DIR=$tmp
chmod 700 "$tmp"
exec_in_session='
  printf %s throwaway-keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  export SSA_TEST_KEYRING=1
  "$@"
'
dbus-run-session -- sh -c "$exec_in_session" sh "$@"
