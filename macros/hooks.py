"""MkDocs loads hook files by path (`hooks:` in mkdocs.yml) and calls their
on_* functions. This one puts the project on the import path and makes those
functions the methods of one LearningBriefsPlugin (macros/plugin.py), which
keeps each build's state on itself."""

import sys
from pathlib import Path

_PROJECT = str(Path(__file__).resolve().parent.parent)
if _PROJECT not in sys.path:
    sys.path.insert(0, _PROJECT)

from macros.plugin import LearningBriefsPlugin  # noqa: E402

learning_briefs = LearningBriefsPlugin()  # found by the macros through plugin_of(config)
globals().update({name: getattr(learning_briefs, name) for name in dir(LearningBriefsPlugin) if name.startswith("on_")})
