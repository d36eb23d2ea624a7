"""Everything a build validates, in one call: the site settings in mkdocs.yml,
the theme vocabulary, the quizzes and the briefs, with the personal-data check.

Used by the MkDocs adapter and by scripts/validate.py, so both report the same
problems in the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .loader import Content, load_content
from .personal_data import personal_data_check
from .problems import Problem
from .settings import SiteSettings, load_settings


@dataclass
class Project:
    settings: SiteSettings | None  # None when the settings block has problems
    content: Content
    problems: list[Problem]


def load_project(config_file: Path, workers: int = 1) -> Project:
    """`workers`: processes to read the briefs with (see workers.py for when more than one is safe)."""
    config_file = Path(config_file)
    settings, problems = load_settings(config_file)
    check = personal_data_check(settings) if settings else None
    result = load_content(config_file.parent, extra_checks=[check] if check else [], workers=workers)
    return Project(settings, result.content, problems + result.problems)
