#!/usr/bin/env bash
# Browser tests use Debian's chromium package; Playwright never downloads a browser of its own.
set -euo pipefail
if [ -x "${PSEA_CHROMIUM:-/usr/bin/chromium}" ]; then
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "Installing Debian's chromium for the browser tests..." >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-thai-tlwg >/dev/null
