#!/usr/bin/env bash
# Debian/Ubuntu packages akvault needs. `runtime`: to build keytar and run the app; `test`: also what the
# test suite drives for real (Secret Service, D-Bus, Chromium, shells, a virtual display).
# Installs only what is missing; uses sudo when not root.
set -euo pipefail
runtime=(libsecret-1-dev pkg-config build-essential python3)
test=(gnome-keyring dbus dbus-x11 libsecret-tools chromium dash fish zsh xvfb faketime)
want=("${runtime[@]}")
[ "${1:-test}" = test ] && want+=("${test[@]}")
missing=()
for p in "${want[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "install-system-deps: not a Debian/Ubuntu machine; install these yourself: ${missing[*]}" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
