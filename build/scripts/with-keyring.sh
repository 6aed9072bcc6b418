#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a throwaway, unlocked gnome-keyring (a real
# Secret Service) and a throwaway HOME and runtime dir, so tests touch neither the user's keychain,
# nor their running keyring daemon, nor their files.
# Usage: build/scripts/with-keyring.sh CMD ARGS...
set -euo pipefail
if [ -n "${AKVAULT_IN_KEYRING_SESSION:-}" ]; then exec "$@"; fi
for tool in dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null || { echo "with-keyring: $tool is missing; install Debian packages dbus and gnome-keyring (see README)" >&2; exit 1; }
done
repo="$(cd "$(dirname "$0")/../.." && pwd)"
export PATH="$repo/node_modules/.bin:$PATH"
export npm_config_cache="${npm_config_cache:-$HOME/.npm}"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/akvault-keyring.XXXXXX")"
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT
mkdir -p "$tmp/home/.local/share/keyrings" "$tmp/home/.cache" "$tmp/run"
chmod 700 "$tmp/run"
# A private runtime dir and no inherited control socket: --replace below can only ever replace the
# daemon of this throwaway session, never a keyring the user has running.
unset GNOME_KEYRING_CONTROL SSH_AUTH_SOCK DBUS_SESSION_BUS_ADDRESS
export HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/run" XDG_DATA_HOME="$tmp/home/.local/share" XDG_CONFIG_HOME="$tmp/home/.config" XDG_CACHE_HOME="$tmp/home/.cache"
export AKVAULT_IN_KEYRING_SESSION=1
# gnome-keyring-daemon reads the unlock password on stdin and prints the control socket variables.
# Not exec'd: the EXIT trap must run to remove the throwaway folders.
dbus-run-session -- bash -c '
  eval "$(printf "%s" "throwaway-test-password" | gnome-keyring-daemon --unlock --replace --components=secrets 2>/dev/null)"
  export GNOME_KEYRING_CONTROL
  exec "$@"
' with-keyring "$@" 2> >(grep --line-buffered -v "Failed to set fd limit" >&2)
