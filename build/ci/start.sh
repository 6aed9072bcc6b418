#!/usr/bin/env bash
# The README's start command: installs, builds and starts the tray app. Where no Electron binary can be
# had (no network to fetch it, or a machine without a desktop), it starts `akvault serve --ui` instead.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash build/ci/install-system-deps.sh runtime
npm ci --no-audit --no-fund
npm run build
# electron-vite launches the binary named by ELECTRON_EXEC_PATH (it does not read the override).
if [ -n "${ELECTRON_OVERRIDE_DIST_PATH:-}" ]; then
  export ELECTRON_EXEC_PATH="$ELECTRON_OVERRIDE_DIST_PATH/electron"
  exec npx electron-vite preview
fi
# Electron fetches its binary on first use; where that cannot be done, fall back to the browser UI.
if npx --no-install install-electron --no >/dev/null 2>&1; then
  exec npx electron-vite preview
fi
echo "No Electron binary available: starting the tray-less browser UI instead." >&2
# Without an OS keychain (no D-Bus Secret Service) the page offers to create the encrypted vault file.
exec node bin/akvault.cjs serve --ui
