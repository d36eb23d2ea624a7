# Shared by serve.sh and test.sh: make .venv (Python 3.11 or newer) hold exactly
# the lock file given as $1, installed with its hashes checked. Sourced, not run.
#
# The environment is a function of the lock: when the lock changes, .venv is
# made again from nothing, so no package left over from an older lock can mask
# a missing one. A .venv made from the tests' lock also serves the site (the
# site's lock takes the same versions; scripts/lock.py --check makes sure).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NO_MKDOCS_2_WARNING=1
LOCK="$1"
PYTHON="${PYTHON:-}"
if [ -z "$PYTHON" ]; then
  for candidate in python3.11 python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      PYTHON="$candidate"; break
    fi
  done
fi
if [ -z "$PYTHON" ]; then
  echo "Python 3.11 or newer is needed. Install it, or set PYTHON=/path/to/python3.11." >&2
  exit 1
fi

lock_id() { echo "$1 $(sha256sum "$1" | cut -d' ' -f1)"; }
MADE_FROM=".venv/.made-from-lock"
current="$(cat "$MADE_FROM" 2>/dev/null || true)"
if [ "$current" != "$(lock_id "$LOCK")" ] && { [ "$LOCK" != requirements.txt ] || [ "$current" != "$(lock_id tests/requirements.txt)" ]; }; then
  [ -d .venv ] && echo "Making .venv again: $LOCK has changed since it was made"
  rm -rf .venv
  echo "Creating .venv with $PYTHON and installing $LOCK"
  "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install -qq --disable-pip-version-check --require-hashes -r "$LOCK"
  .venv/bin/python -m pip check --disable-pip-version-check
  lock_id "$LOCK" > "$MADE_FROM"
fi
