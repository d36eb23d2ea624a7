#!/usr/bin/env bash
# Set everything up (first run only) and serve the site at http://127.0.0.1:8000/
# with live reload, including when a brief or quiz YAML file is saved.
# Extra arguments go to `mkdocs serve`, for example: -a 0.0.0.0:8000
source "$(dirname "$0")/_setup.sh" requirements.txt
exec .venv/bin/mkdocs serve "$@"
