#!/usr/bin/env bash
# What the tests need from Debian, installed only when missing:
# - chromium (+ Thai fonts) for the browser tests: Playwright never downloads a browser here;
# - the ICU library, with which the search index cuts Thai words as the browser does;
# - npm and a Java runtime for axe-core and the Nu HTML Checker (tests/js).
set -euo pipefail
missing=()
[ -x "${PSEA_CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium fonts-thai-tlwg)
ldconfig -p 2>/dev/null | grep -q 'libicuuc\.so' || missing+=(libicu-dev)
command -v npm >/dev/null || missing+=(npm)
command -v java >/dev/null || missing+=(default-jre-headless)
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "Installing from Debian: ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
