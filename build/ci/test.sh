#!/usr/bin/env bash
# The README's test command: installs what the tests need on a fresh Debian/Ubuntu machine, then runs
# every suite (typecheck, lint, build, unit, integration, browser, and Electron e2e where possible).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash build/ci/install-system-deps.sh test
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm ci --no-audit --no-fund
npm test
