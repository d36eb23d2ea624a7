"""Everything a build validates, in one call: the site settings in mkdocs.yml,
the theme vocabulary, the quizzes and the briefs, with the personal-data check.

Used by the MkDocs adapter and by scripts/validate.py, so both report the same
problems in the same words.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from .fields import TextValue
from .loader import Content, load_content, sort_briefs
from .sources import harvest
from .personal_data import PersonalDataCheck
from .problems import Problem
from .settings import SiteSettings, helpline_phones, load_settings


@dataclass
class Project:
    settings: SiteSettings | None  # None when the settings block has problems
    content: Content
    problems: list[Problem]
    warnings: list[Problem]  # advice on content that still builds


def _epoch_date(epoch: str) -> dt.date | None:
    try:
        return dt.datetime.fromtimestamp(int(epoch.strip()), tz=dt.timezone.utc).date()
    except (ValueError, OverflowError, OSError):
        return None


def build_date() -> dt.date:
    """Today, or SOURCE_DATE_EPOCH for reproducible builds (and tests of "overdue");
    an unusable SOURCE_DATE_EPOCH is a problem load_project reports."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return (_epoch_date(epoch) if epoch else None) or dt.date.today()


def _build_date_problems() -> list[Problem]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and _epoch_date(epoch) is None:
        return [Problem("SOURCE_DATE_EPOCH (environment variable)", None, None,
                        f'is "{epoch}", which is not a date as seconds since 1 January 1970.',
                        "Set it to a whole number of seconds (for 20 November 2026: 1795132800), or unset it to build with today's date.")]
    return []


def _hand_written_page_problems(root: Path, docs: Path | None, check: PersonalDataCheck) -> list[Problem]:
    """The anonymisation check over the pages people write in docs/ (home,
    about, accessibility), which are published as they are."""
    problems: list[Problem] = []
    for page in sorted(docs.rglob("*.md")) if docs and docs.is_dir() else ():
        try:
            text = page.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # MkDocs reports a page it cannot read
        shown = page.relative_to(root).as_posix() if page.is_relative_to(root) else str(page)
        problems += check(shown, "", [TextValue("page", 1, text.count("\n") + 1, text, "markdown")], text)
    return problems


def load_project(config_file: Path, workers: int = 1, today: dt.date | None = None, preview: bool = False) -> Project:
    """`workers`: processes to read the briefs with (see workers.py for when more than one is safe).
    `today`: the build date, which no recorded update may be later than (default: build_date()).
    `preview`: for `mkdocs serve`, which reuses other sites' data for a while between saves."""
    config_file = Path(config_file)
    settings, problems = load_settings(config_file)
    problems = _build_date_problems() + problems
    # With settings that have problems the build stops; the helplines that are
    # valid on their own are still exempt, so the report names only real problems.
    phones = [h.phone for h in settings.helplines if h.phone] if settings else helpline_phones(config_file)
    check = PersonalDataCheck(config_file.parent, phones)
    if settings:  # the partnership's own words are published too (the footer, helpline names, docs/)
        problems += check(config_file.name, "", [t for t in settings.texts if not t.path.endswith(".phone")],
                          config_file.read_text(encoding="utf-8-sig"))
        problems += _hand_written_page_problems(config_file.parent, settings.docs_dir, check)
    today = today or build_date()
    result = load_content(config_file.parent, checks=[check], workers=workers, today=today)
    content = result.content
    if settings and settings.sources:
        # Other partnerships' open data joins this site's content (sources.py).
        harvested = harvest(config_file.parent, settings.sources, content.themes, {b.slug for b in content.briefs},
                            checks=[check], today=today, reuse_downloads=preview, site_url=settings.site_url)
        problems += harvested.problems
        content = Content(themes=harvested.themes, briefs=sort_briefs([*content.briefs, *harvested.briefs]),
                          quizzes=content.quizzes, harvested_theme_ids=frozenset(harvested.themes) - frozenset(content.themes))
    return Project(settings, content, problems + check.problems + result.problems, result.warnings)
