#!/usr/bin/env bash
# Set up everything the tests need (first run only), then run the whole suite:
# unit tests, builds, the quality gates and the real-browser tests.
# Python packages come from the lock, tests/requirements.txt (hashes checked);
# the Nu HTML Checker from npm's lock, tests/package-lock.json (npm ci).
# Extra arguments go to pytest, for example: -k quiz
source "$(dirname "$0")/_setup.sh" tests/requirements.txt

# Programs from Debian: `debian_program COMMAND PACKAGE WHY`. Chromium is
# Debian's, never a browser that a test tool downloads.
debian_program() {
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing $2 from Debian ($3)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  else
    echo "$3 need $2: sudo apt-get install -y $2" >&2
    exit 1
  fi
}
debian_program chromium chromium "the browser tests"
debian_program java default-jre-headless "the Nu HTML Checker"

NPM_MADE_FROM="tests/node_modules/.made-from-lock"
if [ "$(cat "$NPM_MADE_FROM" 2>/dev/null || true)" != "$(sha256sum tests/package-lock.json | cut -d' ' -f1)" ]; then
  (cd tests && npm ci --no-audit --no-fund --silent)
  sha256sum tests/package-lock.json | cut -d' ' -f1 > "$NPM_MADE_FROM"
fi

exec .venv/bin/python -m pytest "$@"
