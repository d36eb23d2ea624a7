#!/usr/bin/env bash
# Set up everything the tests need (first run only), then run the whole suite:
# unit tests, builds, the quality gates and the real-browser tests.
# Extra arguments go to pytest, for example: -k quiz
source "$(dirname "$0")/_setup.sh" tests/requirements.txt

# Debian's Chromium, never a downloaded browser.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium from Debian"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need Debian's Chromium: sudo apt-get install -y chromium" >&2
    exit 1
  fi
fi

# The Nu HTML Checker (vnu-jar, from npm) runs on Java.
if ! command -v java >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
  else
    echo "The HTML checker needs Java: sudo apt-get install -y default-jre-headless" >&2
    exit 1
  fi
fi
if [ ! -f tests/node_modules/vnu-jar/build/dist/vnu.jar ]; then
  (cd tests && npm ci --no-audit --no-fund --silent)
fi

exec .venv/bin/python -m pytest "$@"
