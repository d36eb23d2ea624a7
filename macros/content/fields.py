"""The field types of the content model.

Each type does three jobs from one definition, so they cannot drift apart:
it converts a YAML node into a Python value (logging a `Problem` with line and
field when the node is wrong), it describes itself as JSON Schema for editors,
and it describes itself in words for the README's field reference.

Scalars are read as the text the author typed (`node.value`), never through
YAML's implicit typing, so `title: no` is the text "no" and `012` stays "012".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .characters import describe, first_forbidden
from .markdown import disallowed_links, has_heading, reader_text, too_costly
from .problems import Problem, ProblemLog, did_you_mean
from .urls import ALLOWED_SCHEMES, normalise_url, schemes_text, url_problem

INVALID = object()  # conversion failed; a problem has been logged
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_PATTERN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


MAX_ID = 80  # an id or slug names a folder of the site, and file names stop at 255 bytes


def slugify(text: str, fallback: str = "other") -> str:
    """A lowercase ASCII id (letters, digits, hyphens) for free text such as a
    title. A long one is cut short, and ends with a digest of the whole, so
    that two long names that begin alike still get slugs of their own."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or fallback
    if len(slug) <= MAX_ID:
        return slug
    digest = hashlib.blake2b(slug.encode(), digest_size=4).hexdigest()
    return slug[: MAX_ID - len(digest) - 1].rstrip("-") + "-" + digest


_NULLS = {"", "~", "null", "Null", "NULL"}


@dataclass(frozen=True)
class TextValue:
    """One piece of author text and where it sits, for checks that scan prose."""

    path: str
    line: int
    end_line: int
    value: str
    kind: str  # "text", "markdown" or "url"


@dataclass
class Context:
    """What conversion needs beyond the node: where to log, and the known ids."""

    log: ProblemLog
    theme_ids: frozenset[str] | None = None
    quiz_ids: frozenset[str] | None = None
    today: dt.date | None = None  # the build date: nothing recorded can be later
    lines: dict[str, int] = field(default_factory=dict)
    texts: list[TextValue] = field(default_factory=list)
    # Advice that does not stop the build (a quiz that gives its answers away,
    # say), printed with file and line like problems.
    warnings: list[Problem] = field(default_factory=list)

    def warn(self, where: str, message: str, fix: str = "", line: int | None = None) -> None:
        self.warnings.append(Problem(self.log.path, line if line is not None else self.lines.get(where), where or None, message, fix))

    def problem(self, node: Node | None, where: str, message: str, fix: str = "", line: int | None = None) -> object:
        # A field's line is its key's line (set by Record), which is where an
        # author looks even when the value is a list starting on the next line.
        if line is None and where:
            line = self.lines.get(where)
        if line is None and node is not None:
            line = node.start_mark.line + 1
        self.log.add(line, where, message, fix)
        return INVALID


def _kind_of(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a set of fields"
    if isinstance(node, SequenceNode):
        return "a list"
    return "a single value"


def _colon_in_text(node: Node, field_line: int | None, list_item: bool) -> bool:
    """A one-line `- Point: detail` or `title: A: B` that YAML turned into a
    one-field mapping, rather than a deliberate nested block on later lines."""
    if not isinstance(node, MappingNode) or len(node.value) != 1:
        return False
    key, value = node.value[0]
    inline = list_item or field_line == node.start_mark.line + 1
    return (
        inline
        and isinstance(key, ScalarNode)
        and not key.style
        and key.start_mark.line == value.start_mark.line
    )


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and not node.style and node.value in _NULLS


class Spec:
    label = "value"  # how the README names the type
    description = ""

    def convert(self, node: Node, ctx: Context, where: str) -> Any:
        raise NotImplementedError

    def json_schema(self, vocab: "Vocabulary") -> dict:
        raise NotImplementedError


@dataclass(frozen=True)
class Vocabulary:
    """Ids the schema can offer as choices (themes are per site)."""

    theme_ids: Sequence[str] = ()


# -- scalars -------------------------------------------------------------------


class _Scalar(Spec):
    expected = "a single value"
    multiline = False  # may the value hold tabs and line breaks?

    def scalar(self, node: Node, ctx: Context, where: str) -> str | object:
        ctx.lines.setdefault(where, node.start_mark.line + 1)
        if _colon_in_text(node, ctx.lines.get(where), where.endswith("]")):
            return ctx.problem(
                node,
                where,
                'looks like text containing ": " (a colon and a space), which YAML reads as a field name.',
                'Put the whole text in double quotes, for example: - "Point one: the detail".',
            )
        if not isinstance(node, ScalarNode):
            return ctx.problem(
                node, where, f"should be {self.expected}, not {_kind_of(node)}.", self.example_fix()
            )
        if _is_null(node) or not node.value.strip():
            return ctx.problem(
                node, where, "is empty.", "Fill it in, or delete the line if the field is optional."
            )
        leading = len(node.value) - len(node.value.lstrip())
        forbidden = first_forbidden(node.value.strip(), multiline=self.multiline)
        if forbidden:
            # A block scalar's text starts on the line after its | or >.
            first = node.start_mark.line + 1 + (1 if node.style in ("|", ">") else 0)
            offset = leading + forbidden.start()
            return ctx.problem(
                node,
                where,
                f"contains {describe(forbidden.group())}, which is not allowed here.",
                "Delete it; it often comes with text pasted from another program. Retype the text if you cannot see it.",
                line=first + node.value[:offset].count("\n"),
            )
        return node.value

    def example_fix(self) -> str:
        return ""


@dataclass
class Text(_Scalar):
    """Plain text: shown exactly as written, never as Markdown or HTML."""

    one_line: bool = False
    one_paragraph: bool = False
    description: str = ""

    @property
    def multiline(self) -> bool:
        return not self.one_line

    @property
    def label(self) -> str:
        if self.one_line:
            return "text (one line)"
        if self.one_paragraph:
            return "plain text (one paragraph)"
        return "text"

    expected = "text"

    def example_fix(self) -> str:
        return 'Write it as text on the same line, for example: title: "A clear title".'

    def convert(self, node, ctx, where):
        raw = self.scalar(node, ctx, where)
        if raw is INVALID:
            return INVALID
        value = raw.strip()
        if self.one_line and "\n" in value:
            return ctx.problem(node, where, "should be on one line.", "Join the lines into one.")
        if self.one_paragraph and re.search(r"\n\s*\n", value):
            return ctx.problem(
                node,
                where,
                "should be a single paragraph.",
                "Remove the blank lines; longer detail belongs in background.",
            )
        if self.one_paragraph:
            value = re.sub(r"\s*\n\s*", " ", value)
        _record_text(node, ctx, where, value, "text")
        return value

    def json_schema(self, vocab):
        schema = {"type": "string", "minLength": 1}
        if self.one_line:
            schema["pattern"] = r"^[^\n]*$"
        return _described(schema, self.description)


@dataclass
class Markdown(_Scalar):
    """Long text in Markdown. Raw HTML in it is shown as text, never live."""

    description: str = ""
    # False for a short field shown inside a page's own headings (a recommendation,
    # an update's note): a heading there would break the page's outline.
    headings: bool = True
    label = "Markdown"
    expected = "Markdown text"
    multiline = True

    def example_fix(self) -> str:
        return "Write the text after the field name; use | and indented lines for paragraphs."

    def convert(self, node, ctx, where):
        raw = self.scalar(node, ctx, where)
        if raw is INVALID:
            return INVALID
        value = raw.strip("\n").rstrip()
        costly = too_costly(value)
        if costly:
            return ctx.problem(node, where, costly, "Remove stray brackets or indentation, or split the text into shorter fields.")
        try:
            rejected = disallowed_links(value)
        except RecursionError:
            return ctx.problem(node, where, "is nested too deeply to read.", "Remove the extra levels of lists or quotes.")
        if "&" in value:
            # An HTML entity can put an invisible character on the page that the text itself does not hold.
            hidden = first_forbidden(reader_text(value), multiline=True)
            if hidden:
                return ctx.problem(node, where, f"writes {describe(hidden.group())} as an HTML entity, which is not allowed.",
                                   "Delete the entity (the &...; code).")
        for href in rejected:
            ctx.problem(
                node,
                where,
                f'links to "{href}", which is not an allowed address.',
                f"Links may only use {schemes_text()}; write the full address.",
            )
        if not self.headings and has_heading(value):
            ctx.problem(node, where, "has a heading (a line starting with #, or underlined with = or -), which this "
                        "field cannot hold: it sits under the page's own headings.",
                        "Write it as a sentence, or in **bold**; a line of only --- needs a blank line above it.")
        _record_text(node, ctx, where, value, "markdown")
        return value

    def json_schema(self, vocab):
        return _described({"type": "string", "minLength": 1}, self.description)


EARLIEST_YEAR = 1970  # no review, brief, update or due date comes earlier


@dataclass
class Date(_Scalar):
    description: str = ""
    label = "date (YYYY-MM-DD)"
    expected = "a date"

    def example_fix(self) -> str:
        return "Write the date as YYYY-MM-DD, for example 2024-05-31."

    def convert(self, node, ctx, where):
        raw = self.scalar(node, ctx, where)
        if raw is INVALID:
            return INVALID
        match = DATE_PATTERN.match(raw.strip())
        if not match:
            return ctx.problem(
                node, where, f'"{raw.strip()}" is not a date in the form YYYY-MM-DD.', self.example_fix()
            )
        try:
            value = dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            return ctx.problem(
                node, where, f"{raw.strip()} is not a real date.", "Check the day and the month."
            )
        if value.year < EARLIEST_YEAR:  # a typo such as 0205 for 2025, not a date anything here has
            return ctx.problem(node, where, f"{raw.strip()} is before {EARLIEST_YEAR}.", "Check the year.")
        return value

    def json_schema(self, vocab):
        return _described(
            {"type": "string", "format": "date", "pattern": DATE_PATTERN.pattern}, self.description
        )


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day, and no more precisely:
    a source that says "November 2013" must not be given a day it never had."""

    year: int
    month: int | None = None
    day: int | None = None

    def isoformat(self) -> str:
        return "-".join([f"{self.year:04d}"] + [f"{part:02d}" for part in (self.month, self.day) if part])

    @property
    def text(self) -> str:
        """GOV.UK style: 2013, November 2013 or 5 November 2013."""
        if self.month is None:
            return str(self.year)
        month = dt.date(self.year, self.month, 1).strftime("%B")
        return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"


PARTIAL_DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass
class PartialDateSpec(_Scalar):
    description: str = ""
    label = "date (YYYY, YYYY-MM or YYYY-MM-DD)"
    expected = "a date"

    def example_fix(self) -> str:
        return "Write the year (2013), the year and month (2013-11), or the full date (2013-11-05), as the source gives it."

    def convert(self, node, ctx, where):
        raw = self.scalar(node, ctx, where)
        if raw is INVALID:
            return INVALID
        match = PARTIAL_DATE_PATTERN.match(raw.strip())
        if not match:
            return ctx.problem(node, where, f'"{raw.strip()}" is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD.',
                               self.example_fix())
        year, month, day = (int(part) if part else None for part in match.groups())
        try:  # month 00 or day 00 is not a real date either
            dt.date(year, 1 if month is None else month, 1 if day is None else day)
        except ValueError:
            return ctx.problem(node, where, f"{raw.strip()} is not a real date.", "Check the month and the day.")
        if year < EARLIEST_YEAR:
            return ctx.problem(node, where, f"{raw.strip()} is before {EARLIEST_YEAR}.", "Check the year.")
        return PartialDate(year, month, day)

    def json_schema(self, vocab):
        return _described({"type": "string", "pattern": PARTIAL_DATE_PATTERN.pattern}, self.description)


@dataclass
class Choice(_Scalar):
    values: Sequence[str] = ()
    names: dict[str, str] = field(default_factory=dict)  # value -> full name, for docs
    description: str = ""
    expected = "one of the listed values"

    @property
    def label(self) -> str:
        return "one of: " + ", ".join(f"`{v}`" for v in self.values)

    def convert(self, node, ctx, where):
        raw = self.scalar(node, ctx, where)
        if raw is INVALID:
            return INVALID
        value = raw.strip()
        if value not in self.values:
            return ctx.problem(
                node,
                where,
                f'"{value}" is not one of the allowed values.{did_you_mean(value, self.values)}',
                "Use one of: " + ", ".join(self.values) + ".",
            )
        return value

    def json_schema(self, vocab):
        return _described({"type": "string", "enum": list(self.values)}, self.description)


@dataclass
class Boolean(_Scalar):
    description: str = ""
    label = "true or false"
    expected = "true or false"

    def convert(self, node, ctx, where):
        raw = self.scalar(node, ctx, where)
        if raw is INVALID:
            return INVALID
        value = raw.strip().lower()
        if value in ("true", "false") and not node.style:
            return value == "true"
        return ctx.problem(node, where, f'"{raw.strip()}" is not true or false.', "Write true or false.")

    def json_schema(self, vocab):
        return _described({"type": "boolean"}, self.description)


@dataclass
class Integer(_Scalar):
    minimum: int = 0
    maximum: int = 100
    description: str = ""
    expected = "a whole number"

    @property
    def label(self) -> str:
        return f"whole number, {self.minimum} to {self.maximum}"

    def convert(self, node, ctx, where):
        raw = self.scalar(node, ctx, where)
        if raw is INVALID:
            return INVALID
        text = raw.strip()
        if not re.fullmatch(r"[0-9]+", text):
            return ctx.problem(
                node, where, f'"{text}" is not a whole number.', f"Write a number from {self.minimum} to {self.maximum}, with no % sign."
            )
        value = int(text)
        if not self.minimum <= value <= self.maximum:
            return ctx.problem(
                node, where, f"{value} is out of range.", f"Use a number from {self.minimum} to {self.maximum}."
            )
        return value

    def json_schema(self, vocab):
        return _described(
            {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}, self.description
        )


@dataclass
class Url(_Scalar):
    description: str = ""
    schemes: tuple[str, ...] = ALLOWED_SCHEMES
    expected = "a web address"

    @property
    def label(self) -> str:
        return "web address (" + schemes_text(self.schemes).replace("://", "").replace(":", "") + ")"

    def convert(self, node, ctx, where):
        raw = self.scalar(node, ctx, where)
        if raw is INVALID:
            return INVALID
        value = raw.strip()
        problem = url_problem(value, self.schemes)
        if problem:
            return ctx.problem(node, where, problem, f"Use a full address starting with {schemes_text(self.schemes)}.")
        _record_text(node, ctx, where, value, "url")
        return normalise_url(value)

    def json_schema(self, vocab):
        patterns = {"https": r"https://[^\s/?#]+\S*", "http": r"http://[^\s/?#]+\S*",
                    "mailto": r"mailto:\S*@\S*", "tel": r"tel:\+?[0-9()-]{3,}"}
        return _described(
            {"type": "string", "pattern": "^(" + "|".join(patterns[s] for s in self.schemes) + ")$"},
            self.description,
        )


@dataclass
class PhoneNumber(_Scalar):
    """A number people will dial from the page, often in danger: a typo here
    is a wrong number on every page, so its shape is checked."""

    description: str = ""
    label = "phone number (UK, or international starting with +)"
    expected = "a phone number"
    SHORT_CODES = re.compile(r"^(?:999|112|111|101|105|116\d{3})$")  # 999, NHS 111, police 101, 116 123 ...

    def example_fix(self) -> str:
        return "Write it as people dial it: 0808 2000 247, 116 123, or +353 1 234 5678."

    def convert(self, node, ctx, where):
        raw = self.scalar(node, ctx, where)
        if raw is INVALID:
            return INVALID
        value = " ".join(raw.split())
        if not re.fullmatch(r"\+?[0-9][0-9 ()-]*[0-9]", value):
            return ctx.problem(node, where, f'"{value}" is not a phone number: only digits, spaces, brackets, hyphens and a leading + may be in one.',
                               "Check for letters typed for digits (I for 1, O for 0). " + self.example_fix())
        digits = re.sub(r"\D", "", value)
        if value.startswith("+"):
            fits = 7 <= len(digits) <= 15  # the longest number in the international plan
        else:
            # Most numbers have 11 digits; some 10, and a few freephone lines 8 (Childline, 0800 1111).
            fits = bool(self.SHORT_CODES.match(digits)) or (digits.startswith("0") and 8 <= len(digits) <= 11)
        if not fits:
            return ctx.problem(node, where, f'"{value}" has {len(digits)} digits, which no UK number has: a number '
                               "starting with 0 has 8 to 11, and a short code is one such as 999, 111 or 116 123.",
                               "Check it against the service's own website. " + self.example_fix())
        return value

    def json_schema(self, vocab):
        return _described({"type": "string", "pattern": r"^\+?[0-9][0-9 ()-]*[0-9]$"}, self.description)


@dataclass
class DataSource(_Scalar):
    """Another site's open data: an http(s) address, or a path relative to
    mkdocs.yml (a copy saved alongside, or a site built next to this one)."""

    description: str = ""
    label = "web address (https, http) or relative path of a briefs.json"
    expected = "an address"

    def convert(self, node, ctx, where):
        raw = self.scalar(node, ctx, where)
        if raw is INVALID:
            return INVALID
        value = raw.strip()
        if re.match(r"^[a-z][a-z0-9+.-]*:", value, re.I):
            problem = url_problem(value, ("https", "http"))
            if problem:
                return ctx.problem(node, where, problem, "Use the https:// address of the other site's data/briefs.json.")
            return value
        parts = value.replace("\\", "/").split("/")
        if value.startswith(("/", "\\")) or ".." in parts or not value.endswith(".json"):
            return ctx.problem(node, where, f'"{value}" is neither a web address nor a path to a .json file inside this project.',
                               "Give the https:// address of the other site's data/briefs.json, or a path such as "
                               "sources/northshire.json, relative to mkdocs.yml.")
        return value

    def json_schema(self, vocab):
        return _described({"type": "string"}, self.description)


@dataclass
class SiteAddress(_Scalar):
    """The address a site is published at. The theme prints it inside HTML
    attributes and script strings, so only the characters a real address
    needs are accepted: no quotes, spaces, query or fragment."""

    description: str = ""
    label = "web address of the site (https or http)"
    expected = "a web address"
    PATTERN = re.compile(r"^https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~%/-]*)?$")

    def convert(self, node, ctx, where):
        raw = self.scalar(node, ctx, where)
        if raw is INVALID:
            return INVALID
        value = raw  # not stripped: a space before or after is refused, not quietly published
        if not self.PATTERN.match(value):
            return ctx.problem(
                node, where, f'"{value}" is not a web address a site can be published at.',
                "Write it as https://www.example.gov.uk/ or https://www.example.gov.uk/sub/path/: "
                "letters, digits, dots, hyphens and slashes, with no spaces, quotes, ? or #.",
            )
        return value

    def json_schema(self, vocab):
        return _described({"type": "string", "pattern": self.PATTERN.pattern}, self.description)


@dataclass
class FilePath(_Scalar):
    """A file of the site (a logo, an icon), relative to docs/. The theme
    prints it into an HTML attribute, so it is held to plain path characters."""

    suffixes: tuple[str, ...] = (".svg", ".png")
    description: str = ""
    expected = "a file name"
    PATTERN = re.compile(r"^(?!.*(?:^|/)\.\.?(?:/|$))[A-Za-z0-9_][A-Za-z0-9._/-]*$")

    @property
    def label(self) -> str:
        return "file in docs/ (" + ", ".join(self.suffixes) + ")"

    def convert(self, node, ctx, where):
        raw = self.scalar(node, ctx, where)
        if raw is INVALID:
            return INVALID
        value = raw.strip()
        if not self.PATTERN.match(value) or not value.lower().endswith(self.suffixes):
            return ctx.problem(
                node, where, f'"{value}" is not the name of a {" or ".join(self.suffixes)} file inside docs/.',
                "Write the path from docs/, such as assets/logo.svg: letters, digits, hyphens, "
                "underscores, dots and slashes, with no .. and no leading /.",
            )
        return value

    def json_schema(self, vocab):
        return _described({"type": "string", "pattern": self.PATTERN.pattern}, self.description)


@dataclass
class Email(_Scalar):
    description: str = ""
    label = "email address"
    expected = "an email address"
    PATTERN = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")

    def convert(self, node, ctx, where):
        raw = self.scalar(node, ctx, where)
        if raw is INVALID:
            return INVALID
        value = raw.strip()
        if not self.PATTERN.match(value):
            return ctx.problem(node, where, f'"{value}" is not an email address.',
                               "Write it as name@example.gov.uk, with nothing around it.")
        return value

    def json_schema(self, vocab):
        return _described({"type": "string", "pattern": self.PATTERN.pattern}, self.description)


@dataclass
class Id(_Scalar):
    """An identifier: lowercase letters, digits and single hyphens."""

    description: str = ""
    label = f"id (lowercase letters, digits and hyphens; at most {MAX_ID})"
    expected = "an id"

    def convert(self, node, ctx, where):
        raw = self.scalar(node, ctx, where)
        if raw is INVALID:
            return INVALID
        value = raw.strip()
        if not ID_PATTERN.match(value):
            return ctx.problem(
                node,
                where,
                f'"{value}" is not a valid id.',
                "Use lowercase letters, digits and single hyphens, for example think-family.",
            )
        if len(value) > MAX_ID:
            return ctx.problem(
                node,
                where,
                f"is {len(value)} characters long; an id names a folder of the site, so it can have at most {MAX_ID}.",
                "Shorten it to a few words, for example think-family.",
            )
        return value

    def json_schema(self, vocab):
        return _described({"type": "string", "pattern": ID_PATTERN.pattern, "maxLength": MAX_ID}, self.description)


@dataclass
class ThemeRef(Id):
    description: str = ""
    label = "theme id"
    expected = "a theme id"

    def convert(self, node, ctx, where):
        if ctx.theme_ids is None:
            return Id.convert(self, node, ctx, where)
        raw = self.scalar(node, ctx, where)
        if raw is INVALID:
            return INVALID
        value = raw.strip()
        if value not in ctx.theme_ids:
            return ctx.problem(
                node,
                where,
                f'"{value}" is not a known theme.{did_you_mean(value, sorted(ctx.theme_ids))}',
                "Use an id from briefs/_themes.yml, or add the theme there first.",
            )
        return value

    def json_schema(self, vocab):
        if vocab.theme_ids:
            return _described({"type": "string", "enum": list(vocab.theme_ids)}, self.description)
        return Id.json_schema(self, vocab)


@dataclass
class QuizRef(Id):
    description: str = ""
    label = "quiz id"
    expected = "a quiz id"

    def convert(self, node, ctx, where):
        value = Id.convert(self, node, ctx, where)
        if value is INVALID:
            return INVALID
        if ctx.quiz_ids is not None and value not in ctx.quiz_ids:
            return ctx.problem(
                node,
                where,
                f'names the quiz "{value}", but there is no quizzes/{value}.yml.'
                + did_you_mean(value, sorted(ctx.quiz_ids)),
                "Check the quiz id (its file name without .yml), or remove the line.",
            )
        return value


# -- containers ----------------------------------------------------------------


@dataclass
class ListOf(Spec):
    item: Spec = None  # type: ignore[assignment]
    min_items: int = 0
    unique: bool = False
    description: str = ""

    @property
    def label(self) -> str:
        if isinstance(self.item, Record):
            return "list of items"
        return f"list of {self.item.label}"

    def convert(self, node, ctx, where):
        ctx.lines.setdefault(where, node.start_mark.line + 1)
        if not isinstance(node, SequenceNode):
            if _is_null(node):
                return ctx.problem(
                    node, where, "is empty.", "Add items (each on its own line starting with '- '), or delete the line."
                )
            return ctx.problem(
                node,
                where,
                f"should be a list, not {_kind_of(node)}.",
                "Put each item on its own line, starting with '- '.",
            )
        if len(node.value) < self.min_items:
            noun = "item" if self.min_items == 1 else "items"
            return ctx.problem(
                node, where, f"needs at least {self.min_items} {noun}.", "Add the missing items."
            )
        values = []
        seen: dict[Any, int] = {}
        failed = False
        for index, child in enumerate(node.value, start=1):
            here = f"{where}[{index}]"
            value = self.item.convert(child, ctx, here)
            if value is INVALID:
                failed = True
                continue
            if self.unique and isinstance(value, str):
                if value in seen:
                    ctx.problem(
                        child, here, f'repeats "{value}" (already item {seen[value]}).', "Delete the repeat."
                    )
                    failed = True
                    continue
                seen[value] = index
            values.append(value)
        return INVALID if failed else values

    def json_schema(self, vocab):
        schema: dict = {"type": "array", "items": self.item.json_schema(vocab)}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.unique:
            schema["uniqueItems"] = True
        return _described(schema, self.description)


@dataclass
class FieldDef:
    name: str
    spec: Spec
    required: bool = False
    default: Any = None
    description: str = ""
    example: str = ""  # YAML, shown in the README


def content_field(spec: Spec, *, required: bool = False, default: Any = dataclasses.MISSING,
                  description: str = "", example: str = "") -> Any:
    """A field of a model dataclass that authors write in YAML: the one place
    its type, whether it is required, its default, its description (for the
    README and editors) and its example are declared. `Record.of` reads them.

    A required field has no default, so the dataclass cannot be built without
    it; an optional one defaults to `default`, or to None."""
    # An empty list or mapping is the same as leaving the field out: no default to document.
    documented = None if default is dataclasses.MISSING or default in ((), [], {}) else default
    definition = FieldDef("", spec, required, documented, description, example)
    metadata = {"content": definition}
    if required:
        return dataclasses.field(metadata=metadata)
    if isinstance(default, (dict, list)):
        return dataclasses.field(default_factory=lambda: type(default)(default), metadata=metadata)
    return dataclasses.field(default=None if default is dataclasses.MISSING else default, metadata=metadata)


Check = Callable[[dict, Context, str], None]


def _frozen(value: Any) -> Any:
    """Lists from YAML as tuples, for frozen model dataclasses."""
    return tuple(value) if isinstance(value, list) else value


@functools.cache
def content_fields(model: type) -> tuple[tuple[str, FieldDef], ...]:
    """(name, definition) of each `content_field` of a model dataclass, in the
    order they are declared: what an author writes, and the open data holds."""
    return tuple((f.name, f.metadata["content"]) for f in dataclasses.fields(model)
                 if f.metadata.get("content") is not None)


@dataclass
class Record(Spec):
    """A mapping with known fields. Unknown fields are errors: a typo must not drop content."""

    name: str = "item"
    fields: Sequence[FieldDef] = ()
    checks: Sequence[Check] = ()
    description: str = ""
    model: type | None = None  # the dataclass a valid mapping becomes; None: a dict
    label = "set of fields"

    @classmethod
    def of(cls, model: type, name: str, checks: Sequence[Check] = (), description: str = "") -> "Record":
        """The record of a model dataclass, from its `content_field`s in the
        order they are declared (which is the order of the README)."""
        fields = [dataclasses.replace(definition, name=field_name) for field_name, definition in content_fields(model)]
        return cls(name=name, fields=fields, checks=checks, description=description, model=model)

    def field(self, name: str) -> FieldDef:
        return next(f for f in self.fields if f.name == name)

    def convert(self, node, ctx, where):
        ctx.lines.setdefault(where, node.start_mark.line + 1)
        if not isinstance(node, MappingNode):
            return ctx.problem(
                node,
                where or None,
                f"should be {self.name} written as fields (name: value), not {_kind_of(node)}.",
                f"Start each line with a field name and a colon, for example: {self.fields[0].name}: ...",
            )
        known = {f.name: f for f in self.fields}
        present: dict[str, Node] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, ScalarNode) else ""
            here = f"{where}.{name}" if where else name
            if name not in known:
                ctx.problem(
                    key,
                    here,
                    f'"{name}" is not a field of {self.name}.{did_you_mean(name, list(known))}',
                    "Fields are: " + ", ".join(known) + ".",
                )
                continue
            present.setdefault(name, value)  # duplicates are reported by yaml_source
            ctx.lines.setdefault(here, key.start_mark.line + 1)
        result: dict[str, Any] = {}
        failed = False
        for f in self.fields:
            here = f"{where}.{f.name}" if where else f.name
            if f.name not in present:
                if f.required:
                    ctx.problem(
                        node,
                        here,
                        f"is missing from {self.name}.",
                        f"Add a line: {f.example.splitlines()[0] if f.example else f.name + ': ...'}",
                    )
                    failed = True
                elif f.default is not None and self.model is None:  # a model has its own defaults
                    result[f.name] = f.default
                continue
            value = f.spec.convert(present[f.name], ctx, here)
            if value is INVALID:
                failed = True
            else:
                result[f.name] = value
        if failed:
            return INVALID
        for check in self.checks:
            check(result, ctx, where)
        if self.model is None:
            return result
        return self.model(**{name: _frozen(value) for name, value in result.items()})

    def json_schema(self, vocab):
        schema = {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                f.name: _described(f.spec.json_schema(vocab), f.description) for f in self.fields
            },
        }
        required = [f.name for f in self.fields if f.required]
        if required:
            schema["required"] = required
        return _described(schema, self.description)


def _described(schema: dict, description: str) -> dict:
    if description and "description" not in schema:
        schema = {"description": description, **schema}
    return schema


def _record_text(node: Node, ctx: Context, where: str, value: str, kind: str) -> None:
    ctx.texts.append(
        TextValue(where, node.start_mark.line + 1, node.end_mark.line + 1, value, kind)
    )



@dataclass
class Colour(_Scalar):
    """A colour as #rrggbb; `contrast_with_white` guards text drawn on it."""

    description: str = ""
    needs_contrast_with_white: bool = False
    label = "colour (#rrggbb)"
    expected = "a colour"

    def convert(self, node, ctx, where):
        raw = self.scalar(node, ctx, where)
        if raw is INVALID:
            return INVALID
        value = raw.strip()
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
            return ctx.problem(node, where, f'"{value}" is not a colour.', 'Write it as # and six hex digits in quotes, for example "#1d4f76".')
        if self.needs_contrast_with_white and contrast_ratio(value, "#ffffff") < 4.5:
            ratio = contrast_ratio(value, "#ffffff")
            return ctx.problem(
                node,
                where,
                f"{value} is too light for white text (contrast {ratio:.1f}:1; WCAG AA needs 4.5:1).",
                "Choose a darker shade.",
            )
        return value.lower()

    def json_schema(self, vocab):
        return _described({"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"}, self.description)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio between two #rrggbb colours."""
    a, b = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)
