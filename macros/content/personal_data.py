"""The anonymisation check: stop a build when a brief seems to contain personal data.

Published reviews must be anonymised. Each pattern below looks for one kind of
identifying detail. Deliberate exceptions (an agency's published phone line, say)
go in briefs/_personal_data_allowlist.yml, one entry per piece of text; helpline
numbers in the site settings are always allowed.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from . import yaml_source
from .fields import INVALID, Context, FieldDef, ListOf, Record, Text
from .model import Brief
from .problems import Problem, ProblemLog

ALLOWLIST_FILE = "briefs/_personal_data_allowlist.yml"
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE = (
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\s+\d{{4}}"
    rf"|(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
    r"|\d{4}-\d{2}-\d{2}"
    r"|(?:in\s+)?(?:19|20)\d{2}"
)
# Capitalised words that start sentences or name things other than people.
_NOT_NAMES = frozenset(
    """A An The In On At Of For By From To With Between During After Before Since Until
    And But Or If When Where While This That These Those There Their They It Its We Our
    Section Sections Table Figure Page Chapter Appendix Annex Part Schedule Paragraph Article
    Recommendation Recommendations Review Reviews Theme Themes Item Items Question Questions
    Step Stage Level Tier Year Years Month Months Week Weeks Day Days Phase Total Age Ages
    Children Victims Victim Perpetrators Perpetrator Adults Women Men Girls Boys People
    Agencies Agency Cases Case Families Family Households Staff Practitioners Report Reports
    Someone Anyone Everyone Nobody Somebody Anybody Person Persons Young Older
    Act Regulation Regulations Rule Rules Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    """.split()
) | frozenset(MONTHS.split("|"))
_NAME = r"(?P<name>[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?(?:\s[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?)?)"


@dataclass(frozen=True)
class Pattern:
    kind: str  # what we think it is, for the message
    regex: re.Pattern
    keep: Callable[[re.Match, "Rules"], bool] = lambda match, rules: True
    skip_field: Callable[[str], bool] = lambda path: False


@dataclass(frozen=True)
class Rules:
    helpline_digits: frozenset[str]


def _digits(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    return "0" + digits[2:] if digits.startswith("44") else digits


def _is_phone(match: re.Match, rules: Rules) -> bool:
    digits = _digits(match.group(0))
    return len(digits) in (10, 11) and digits not in rules.helpline_digits


def _nhs_checksum_ok(digits: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def _is_nhs_number(match: re.Match, rules: Rules) -> bool:
    digits = re.sub(r"\D", "", match.group("number"))
    return bool(match.group("label")) or _nhs_checksum_ok(digits)


def _is_name(match: re.Match, rules: Rules) -> bool:
    words = match.group("name").split()
    return words[0] not in _NOT_NAMES and words[-1] not in _NOT_NAMES


PATTERNS: tuple[Pattern, ...] = (
    Pattern("a UK postcode", re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s?[0-9][ABD-HJLNP-UW-Z]{2}\b", re.I)),
    Pattern("an NHS number", re.compile(r"(?P<label>\bNHS\s*(?:no\.?|number)?[:\s]*)?\b(?P<number>\d{3}[ -]?\d{3}[ -]?\d{4})\b", re.I), keep=_is_nhs_number),
    Pattern("a phone number", re.compile(r"(?<![\w/.-])(?:\+44\s?\(?0?\)?\s?|\(?0)\d[\d ()-]{7,13}\d(?![\w/-])"), keep=_is_phone),
    Pattern("a National Insurance number", re.compile(r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b")),
    Pattern("an email address", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"), skip_field=lambda path: path.startswith("resources[")),
    Pattern("a date of birth", re.compile(rf"\b(?:born|d\.?o\.?b\.?|date of birth)\b[^.;\n]{{0,30}}?\b(?:{_DATE})\b", re.I)),
    Pattern("an exact age next to a name", re.compile(
        rf"\b{_NAME}(?:\s*,\s*(?:aged?\s+)?\d{{1,3}}\s*(?:,|years?\b)|\s*\(\s*(?:aged?\s+)?\d{{1,3}}\s*(?:years?(?:\s+old)?)?\)|,?\s+(?:was\s+|is\s+)?aged?\s+\d{{1,3}}\b)"
    ), keep=_is_name),
    Pattern("an exact age next to a name", re.compile(rf"\b\d{{1,3}}[- ]years?[- ]old\s+{_NAME}"), keep=_is_name),
)


ALLOWED_ENTRY = Record(
    name="an allow-list entry",
    fields=[
        FieldDef("file", Text(one_line=True), True, description="The brief's file, for example briefs/my-brief.yml.", example="file: briefs/my-brief.yml"),
        FieldDef("text", Text(one_line=True), True, description="The exact text the check stopped on.", example='text: "01632 960123"'),
        FieldDef("reason", Text(), True, description="Why publishing it is right.", example="reason: The council's published safeguarding line."),
    ],
)
ALLOWLIST = ListOf(item=ALLOWED_ENTRY)


def load_allowlist(root: Path, problems: list[Problem]) -> dict[str, set[str]]:
    """file -> the texts allowed in it."""
    path = root / ALLOWLIST_FILE
    if not os.path.lexists(path):
        return {}
    log = ProblemLog(ALLOWLIST_FILE)
    node, _ = yaml_source.load(path, log, root=root)
    value = ALLOWLIST.convert(node, Context(log=log), "") if node is not None else INVALID
    problems.extend(log.problems)
    if value is INVALID or log.problems:
        return {}
    allowed: dict[str, set[str]] = {}
    for entry in value:
        name = entry["file"] if entry["file"].startswith("briefs/") else "briefs/" + entry["file"]
        allowed.setdefault(name, set()).add(_normalise(entry["text"]))
    return allowed


_ANY_DIGIT = re.compile(r"\d")


def _normalise(text: str) -> str:
    return " ".join(text.split())


@lru_cache(maxsize=256)
def _file_lines(path: str) -> tuple[str, ...]:
    try:
        return tuple(Path(path).read_text(encoding="utf-8-sig").splitlines())
    except OSError:
        return ()


def _line_of(found: str, first: int, last: int, source: Path | None) -> int:
    """The line an author should open: where the match starts inside the field."""
    if source is None:
        return first
    lines = _file_lines(str(source))
    head = found.split()[0] if found.split() else found
    for number in range(first, min(last, len(lines)) + 1):
        if head in lines[number - 1]:
            return number
    return first


def find_personal_data(brief: Brief, rules: Rules, allowed: Iterable[str] = (), source: Path | None = None) -> list[Problem]:
    allowed = set(allowed)
    problems = []
    for text in brief.texts:
        # Every pattern needs a digit, except email addresses, which need "@":
        # most texts can be passed over without running seven regexes.
        if "@" not in text.value and not _ANY_DIGIT.search(text.value):
            continue
        for pattern in PATTERNS:
            if pattern.skip_field(text.path):
                continue
            for match in pattern.regex.finditer(text.value):
                found = _normalise(match.group(0).strip(" ,("))
                if not pattern.keep(match, rules) or found in allowed:
                    continue
                problems.append(
                    Problem(
                        brief.path,
                        _line_of(found, text.line, text.end_line, source),
                        text.path,
                        f'contains what looks like {pattern.kind} ("{found}"). Published briefs must be anonymised.',
                        f"Remove or generalise it; if it is deliberate and safe to publish, add it to {ALLOWLIST_FILE}.",
                    )
                )
    return problems


def personal_data_check(settings):
    """A check for `load_content(extra_checks=...)`, using the site's helplines."""
    helplines = frozenset(_digits(h.phone) for h in settings.helplines if h.phone)
    rules = Rules(helpline_digits=helplines)
    state: dict = {}

    def check(brief: Brief, problems: list[Problem], project_root: Path) -> None:
        if "allowed" not in state:
            state["allowed"] = load_allowlist(project_root, problems)
        problems.extend(
            find_personal_data(brief, rules, state["allowed"].get(brief.path, ()), project_root / brief.path)
        )

    return check
