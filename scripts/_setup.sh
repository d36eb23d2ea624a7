# Shared by serve.sh and test.sh: create .venv with Python 3.11+ and install
# the requirements file given as $1. Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NO_MKDOCS_2_WARNING=1
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
if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv with $PYTHON"
  "$PYTHON" -m venv .venv
fi
STAMP=".venv/.installed-$(basename "$(dirname "$1")")-$(cksum < "$1" | cut -d' ' -f1)-$(cksum < requirements.txt | cut -d' ' -f1)"
if [ ! -f "$STAMP" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$1"
  touch "$STAMP"
fi
