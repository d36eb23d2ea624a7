"""The anonymisation check: stop a build when content seems to hold personal data.

Published reviews must be anonymised. Each pattern below looks for one kind of
identifying detail, in the forms people really write it: phone numbers with
+44 (0), dots, hyphens or non-breaking spaces; "D.O.B."; National Insurance
numbers in lower case or with separators; names with accents. Every text of a
brief or a quiz is checked as written and, for Markdown, as a reader sees it
(so "0770**0** 900123" or "&#48;7700 900123" are found), and so is each file
name, which is a public address.

Some things look like personal data and are not: counts in brackets after a
place ("Kent (12)"), age ranges ("aged 16 to 24"), cohorts ("born between
2011 and 2013"), an ISBN. The patterns leave those alone, and the tests hold
a brief of each that must build.

Deliberate exceptions (an agency's published phone line, say) go in
briefs/_personal_data_allowlist.yml, one entry per piece of text; helpline
numbers in the site settings are always allowed.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from . import yaml_source
from .fields import INVALID, Context, FieldDef, ListOf, Record, Text, TextValue
from .markdown import reader_text
from .problems import Problem, ProblemLog
from .uk_places import PLACE_ENDINGS

ALLOWLIST_FILE = "briefs/_personal_data_allowlist.yml"

# -- the pieces patterns are made of ---------------------------------------------------

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH = rf"(?:{MONTHS}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
_FULL_DATE = (
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{2,4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
    r"|\d{4}-\d{2}-\d{2}"
)
_DATE = rf"{_FULL_DATE}|{_MONTH}\s+(?:19|20)\d{{2}}|(?:19|20)\d{{2}}"
# Between two digits of a number: the separators people type, the non-breaking
# and thin spaces word processors put in, and none.
_SEP = r"[\s.\-\u2010-\u2013/]?"
# A phone number after its first digit: up to three separators between digits
# ("07700 - 900123"), not followed by more of a word, path or decimal.
_PHONE_REST = r"(?:[\s.\-()\u2010-\u2013]{0,3}\d){8,11}(?![\w/\-]|\.\d)"

# Letters of the Latin scripts used in the UK and Ireland, accents included
# (Zoë, Siân, Seán, Ŵyn): a name starts with an upper-case one.
_LATIN = [chr(c) for c in (*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00))]
_UPPER = "".join(c for c in _LATIN if c.isalpha() and c.isupper())
_LOWER = "".join(c for c in _LATIN if c.isalpha() and c.islower())
# McDonald, MacGregor and O'Neil are one name each.
_WORD = rf"[{_UPPER}][{_LOWER}]+(?:[{_UPPER}][{_LOWER}]+)?(?:['’-][{_UPPER}]?[{_LOWER}]+)?"
_NAME = rf"(?P<name>{_WORD}(?:\s{_WORD})?)"
# Capitalised words that start sentences or name things other than people.
_NOT_NAMES = frozenset(
    """A An The In On At Of For By From To With Between During After Before Since Until
    And But Or If When Where While This That These Those There Their They It Its We Our
    Section Sections Table Figure Page Chapter Appendix Annex Part Schedule Paragraph Article
    Recommendation Recommendations Review Reviews Theme Themes Item Items Question Questions
    Step Stage Level Tier Year Years Month Months Week Weeks Day Days Phase Total Age Ages
    Children Victims Victim Perpetrators Perpetrator Adults Women Men Girls Boys People
    Agencies Agency Cases Case Families Family Households Staff Practitioners Report Reports
    Someone Anyone Everyone Nobody Somebody Anybody Person Persons Young Older Under Over Aged
    Act Regulation Regulations Rule Rules Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    England Wales Scotland Ireland Britain UK London
    """.split()
) | frozenset(MONTHS.split("|"))
# An age as people write it: "34", "aged 34", "34 years", "34 yrs", "34-year-old".
_YEARS = r"(?:[\s-]*(?:years?|yrs?)(?:[\s-]+old)?|\s*y\.?o\.?)"
# Words before a capitalised word that make it a place, not a person: "in Kent (12)".
_PLACE_BEFORE = re.compile(r"\b(?:in|across|from|within|throughout|around|near|of|for|to|by|at)\s+$", re.I)
_YEARS_AFTER = re.compile(rf"^{_YEARS}")
_AGE_RANGE_AFTER = re.compile(r"^\s*(?:to|-|–|—|and|or|and over|plus|\+)\s*\d*", re.I)
_LOOK_AROUND = 40  # characters before or after a match that a rule may read: never the whole text


@dataclass(frozen=True)
class Pattern:
    kind: str  # what we think it is, for the message
    regex: re.Pattern
    keep: Callable[[re.Match, "Rules"], bool] = lambda match, rules: True
    skip_field: Callable[[str], bool] = lambda path: False


@dataclass(frozen=True)
class Rules:
    helpline_digits: frozenset[str]


def uk_digits(text: str) -> str:
    """A UK phone number's digits as dialled at home: +44 (0)20 ... is 020 ..."""
    digits = re.sub(r"\D", "", text)
    if digits.startswith("0044"):
        digits = digits[2:]
    if digits.startswith("44"):
        rest = digits[2:]
        digits = "0" + (rest[1:] if rest.startswith("0") else rest)
    return digits


def _after_isbn(match: re.Match) -> bool:
    """A book's number ("ISBN 0-19-852663-6"), which can pass for a phone or NHS number."""
    return bool(re.search(r"ISBN(?:-1[03])?:?\s*(?:97[89][\s-]?)?$", match.string[max(0, match.start() - 20): match.start()], re.I))


def _is_phone(match: re.Match, rules: Rules) -> bool:
    digits = uk_digits(match.group(0))
    return len(digits) in (10, 11) and digits not in rules.helpline_digits and not _after_isbn(match)


def _nhs_checksum_ok(digits: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def _is_nhs_number(match: re.Match, rules: Rules) -> bool:
    digits = re.sub(r"\D", "", match.group("number"))
    return bool(match.group("label")) or (_nhs_checksum_ok(digits) and not _after_isbn(match))


def _names_a_person(match: re.Match) -> bool:
    """The capitalised words are a name, not a sentence's first word or a place."""
    name = match.group("name")
    words = name.split()
    return words[0] not in _NOT_NAMES and words[-1] not in _NOT_NAMES and name not in PLACE_ENDINGS


def _is_age(match: re.Match, rules: Rules) -> bool:
    """A name, then an age that is not the start of a range ("aged 16 to 24")."""
    after = match.string[match.end("age"): match.end("age") + _LOOK_AROUND]
    after = _YEARS_AFTER.sub("", after, count=1)  # "34-year-old" is an age, not the range "34-…"
    return _names_a_person(match) and not _AGE_RANGE_AFTER.match(after)


def _is_age_in_brackets(match: re.Match, rules: Rules) -> bool:
    """"Zoë (34)", but not "in Kent (12)": a bare number in brackets after a
    place is a count."""
    if not _is_age(match, rules):
        return False
    before = match.string[max(0, match.start() - _LOOK_AROUND): match.start()]
    return bool(match.group("aged")) or not _PLACE_BEFORE.search(before)


PATTERNS: tuple[Pattern, ...] = (
    Pattern("a UK postcode", re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?[\s\-]{0,2}[0-9][ABD-HJLNP-UW-Z]{2}\b", re.I)),
    Pattern("an NHS number", re.compile(
        rf"(?P<label>\bNHS\s*(?:no\.?|number)?[:\s]*)?(?<![\w./])(?P<number>\d{{3}}{_SEP}\d{{3}}{_SEP}\d{{4}})(?![\w]|[.\-/]\d)", re.I),
        keep=_is_nhs_number),
    Pattern("a phone number", re.compile(
        rf"(?<![\w/.\-+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?[\s.\-]?|\(?0)\d{_PHONE_REST}"),
        keep=_is_phone),
    # Run on after an abbreviation ("Tel.07700 900123", "mob.07700…"), or in a WhatsApp link.
    Pattern("a phone number", re.compile(
        rf"\b(?:tel|mob|ph|no|phone|mobile)\.\s?(?:(?:\+|00)\s?44\s?|0)\d{_PHONE_REST}", re.I), keep=_is_phone),
    Pattern("a phone number", re.compile(r"\bwa\.me/\+?\d{10,13}\b", re.I), keep=_is_phone),
    Pattern("a National Insurance number", re.compile(
        rf"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-TW-Z][A-CEGHJ-NP-TW-Z]{_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}[A-D]\b", re.I)),
    # Without its final letter only where it is named as one: "AB123456" alone
    # is as likely a company or case number.
    Pattern("a National Insurance number", re.compile(
        rf"\b(?:national\s+insurance(?:\s+(?:no\.?|number))?|NI\s*(?:no\.?|number)|NINO)\b[\s:]*(?:(?:is|was)\s+)?"
        rf"(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-TW-Z][A-CEGHJ-NP-TW-Z]{_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}\b(?!{_SEP}[A-D]\b)", re.I)),
    # Bounded on both sides of the "@", so that a long run of "a.a.a." is read in linear time.
    Pattern("an email address", re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}\b"),
            skip_field=lambda path: path.startswith("resources[")),
    # "DOB" or "date of birth" then a date; a year alone only straight after
    # the label ("DOB: 1961"), since "date of birth in 2019" is when something
    # happened. "born" then a day or a month, but not a year alone, which is
    # how cohorts are described ("born in 2012").
    Pattern("a date of birth", re.compile(
        rf"\b(?:d\.?\s?o\.?\s?b|date\s+of\s+birth)\b\.?[\s:,–-]*(?:(?:was|is)\s+)?"
        rf"(?:(?:(?:on|of)\s+)?(?:the\s+)?(?:{_FULL_DATE}|{_MONTH}\s+(?:19|20)\d{{2}})|(?:19|20)\d{{2}})\b", re.I)),
    Pattern("a date of birth", re.compile(
        rf"\bborn\b[\s:,–-]*(?:(?:on|in)\s+)?(?:the\s+)?(?:{_FULL_DATE}|{_MONTH}\s+(?:19|20)\d{{2}})\b", re.I)),
    Pattern("an exact age next to a name", re.compile(
        rf"\b{_NAME}\s*,\s*(?:aged?\s+)?(?P<age>\d{{1,3}}){_YEARS}?\s*(?=[,.;:)]|$|\s+(?:and|was|is|who|had|has|lived|died)\b)"),
        keep=_is_age),
    Pattern("an exact age next to a name", re.compile(
        rf"\b{_NAME}\s*\(\s*(?P<aged>(?:aged?|age:?)\s+)?(?P<age>\d{{1,3}}){_YEARS}?\s*\)"),
        keep=_is_age_in_brackets),
    Pattern("an exact age next to a name", re.compile(
        rf"\b{_NAME},?\s+(?:(?:was|is)\s+)?aged?\s+(?P<age>\d{{1,3}})\b"), keep=_is_age),
    Pattern("an exact age next to a name", re.compile(
        rf"\b{_NAME},?\s+(?:was|is)\s+(?P<age>\d{{1,3}})(?:{_YEARS}|(?=\s*(?:[,.;:)]|$|\s+(?:when|and|at|on|in)\b)))"),
        keep=_is_age),
    Pattern("an exact age next to a name", re.compile(
        rf"\b{_NAME},?\s+an?\s+(?P<age>\d{{1,3}})[\s-]*years?[\s-]+old\b"), keep=_is_age),
    Pattern("an exact age next to a name", re.compile(rf"\b\d{{1,3}}[- ]years?[- ]old\s+{_NAME}"),
            keep=lambda match, rules: _names_a_person(match)),
)


# -- the allow-list -----------------------------------------------------------------------

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
        name = entry["file"] if "/" in entry["file"] else "briefs/" + entry["file"]
        allowed.setdefault(name, set()).add(_normalise(entry["text"]))
    return allowed


# -- finding ---------------------------------------------------------------------------------

_WORTH_CHECKING = re.compile(r"[\d@]")


def _normalise(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


def find_in_text(text: str, rules: Rules, field: str = "") -> list[tuple[str, str]]:
    """(kind, the text found) for each likely piece of personal data in `text`."""
    if not _WORTH_CHECKING.search(text):  # every pattern needs a digit or "@"
        return []
    text = text.replace("\u00ad", "")  # a soft hyphen is invisible
    found = []
    for pattern in PATTERNS:
        if pattern.skip_field(field):
            continue
        for match in pattern.regex.finditer(text):
            if pattern.keep(match, rules):
                found.append((pattern.kind, _normalise(match.group(0).strip(" ,("))))
    return found


# Words of a file name read as they are, not as a name: about an age, and
# what a file numbers ("northshire-dhr-3" is a third review, not "Northshire Dhr, 3").
_PLAIN_IN_NAMES = frozenset("""
    aged age years year old was is
    dhr dhrs dardr sar sars cspr lcspr scr mhr ohr review reviews brief briefs learning seminar quiz copy part
    version v no number draft case issue edition phase stage round session module
""".split())


def spoken_name(name: str) -> str:
    """A file name or address part as words: a public address, so "zoe-34" is
    checked as "Zoe, 34"."""
    parts = name.split("-")
    return " ".join(
        (part if part in _PLAIN_IN_NAMES else part.capitalize())
        + ("," if part.isalpha() and part not in _PLAIN_IN_NAMES and following.isdigit() else "")
        for part, following in zip(parts, parts[1:] + [""])
    )


def _readable(text: TextValue) -> list[str]:
    """The text as written and, for Markdown, as a reader sees it."""
    if text.kind != "markdown":
        return [text.value]
    shown = reader_text(text.value)
    return [text.value] if " ".join(shown.split()) == " ".join(text.value.split()) else [text.value, shown]


def _line_of(found: str, text: TextValue, source_lines: Sequence[str]) -> int:
    """The line an author should open: where the match starts inside the field.
    Found only as a reader sees it ("0770**0**"), it is looked for by its digits."""
    lines = range(text.line, min(text.end_line, len(source_lines)) + 1)
    head = found.split()[0] if found.split() else found
    for number in lines:
        if head in source_lines[number - 1]:
            return number
    tail = re.sub(r"\D", "", found)[-6:]
    for number in lines:
        if len(tail) == 6 and tail in re.sub(r"\D", "", html.unescape(source_lines[number - 1])):
            return number
    return text.line


class PersonalDataCheck:
    """The check for one project: its helplines and its allow-list, read once.
    `problems` holds what is wrong with the allow-list itself."""

    def __init__(self, root: Path, helpline_phones: Iterable[str] = ()):
        self.rules = Rules(helpline_digits=frozenset(uk_digits(p) for p in helpline_phones))
        self.problems: list[Problem] = []
        self.allowed = load_allowlist(Path(root), self.problems)
        # What a file's verdict depends on besides the file: a re-read brief
        # is only reused while these stay the same.
        self.key = (self.rules, frozenset((f, frozenset(t)) for f, t in self.allowed.items()))

    def __call__(self, path: str, name: str, texts: Iterable[TextValue], source: str) -> list[Problem]:
        """Problems for the file `path` (its id `name`, its `texts`, its `source` text)."""
        allowed = self.allowed.get(path, set())
        fix = f"Remove or generalise it; if it is deliberate and safe to publish, add it to {ALLOWLIST_FILE}."
        problems: dict[tuple, Problem] = {}
        for kind, found in find_in_text(spoken_name(name), self.rules):
            if found not in allowed:
                problems[(kind, found)] = Problem(path, None, "file name", f'contains what looks like {kind} ("{found}"). '
                                                  "The file name is the page's web address.", "Rename the file. " + fix)
        lines = source.splitlines()
        for text in texts:
            for readable in _readable(text):
                for kind, found in find_in_text(readable, self.rules, text.path):
                    if found in allowed or (kind, found, text.path) in problems:
                        continue
                    problems[(kind, found, text.path)] = Problem(
                        path, _line_of(found, text, lines), text.path,
                        f'contains what looks like {kind} ("{found}"). Published content must be anonymised.', fix,
                    )
        return list(problems.values())
