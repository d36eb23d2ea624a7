"""MkDocs loads hook files by path, so this file only puts the project on the
import path and hands over to the real adapter, macros/mkdocs_glue.py."""

import sys
from pathlib import Path

_PROJECT = str(Path(__file__).resolve().parent.parent)
if _PROJECT not in sys.path:
    sys.path.insert(0, _PROJECT)

from macros.mkdocs_glue import *  # noqa: E402,F401,F403
