"""Markdown for author text, with content kept as data.

Raw HTML typed into YAML is shown as text, never live: Python-Markdown's raw
HTML block and inline handlers are removed, so `<script>` becomes escaped text.
Links may only use the allowed schemes; any other link is rendered as plain
text and reported by validation. Images would make the reader's browser fetch
from wherever the author pointed, so they become ordinary links (or plain
text inside a link, since a link may not hold another), and their addresses
are checked like links. Author headings are shifted down two levels to sit
under the page's own section headings.

Python-Markdown takes time that grows with the square of the number of
unclosed "[" in a field (40 KB of "![" took 78 seconds), so a field with more
than `MAX_BRACKETS` is refused by validation before it is ever converted.
"""

from __future__ import annotations

import re
import string
import threading
from contextlib import contextmanager
from html import unescape
from typing import Iterable, Iterator
from xml.etree import ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .urls import is_allowed_url, normalise_url

_HEADING_SHIFT = 2
MAX_BRACKETS = 400  # a long field with many links holds a few dozen
MAX_INDENT = 64  # spaces before a line: 16 levels of nested list, far more than prose needs


def too_costly(text: str) -> str | None:
    """Why converting `text` would take too long, or recurse too deep
    (Python-Markdown nests a function call per level of indentation), or None."""
    brackets = text.count("[")
    if brackets > MAX_BRACKETS:
        return f'has {brackets:,} "[" brackets; a field may have at most {MAX_BRACKETS}.'
    indent = max((len(line) - len(line.lstrip(" \t")) for line in text.splitlines()), default=0)
    if indent > MAX_INDENT:
        return f"has a line indented by {indent} spaces, nested too deeply to read; at most {MAX_INDENT}."
    return None


class _ContentIsData(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        rejected: list[str] = []
        for parent in root.iter():
            for index, element in enumerate(list(parent)):
                if element.tag == "a":
                    href = element.get("href", "")
                    if not is_allowed_url(href):
                        rejected.append(href)
                        element.tag = "span"
                        element.attrib.clear()
                    else:
                        element.set("href", normalise_url(href))
                elif element.tag == "img":
                    src = element.get("src", "")
                    if not is_allowed_url(src):
                        rejected.append(src)
                    parent.remove(element)
                    parent.insert(index, _image_as_link(element, inside_link=parent.tag == "a"))
                elif re.fullmatch(r"h[1-6]", element.tag):
                    level = min(6, int(element.tag[1]) + _HEADING_SHIFT)
                    element.tag = f"h{level}"
                elif element.tag in ("th", "td") and "style" in element.attrib:
                    # A column aligned with ":" in its table: the site's policy
                    # blocks inline styles, so the alignment goes as a class.
                    align = re.fullmatch(r"text-align: (left|right|center);", element.attrib.pop("style"))
                    if align:
                        element.set("class", f"lb-align-{align.group(1)}")
        self.md.rejected_links = rejected  # type: ignore[attr-defined]


def _image_as_link(image: etree.Element, inside_link: bool) -> etree.Element:
    src = image.get("src", "")
    label = "Image: " + (image.get("alt") or src)
    element = etree.Element("a" if is_allowed_url(src) and not inside_link else "span")
    if element.tag == "a":
        element.set("href", normalise_url(src))
    element.text = label
    element.tail = image.tail
    return element


class ContentMarkdown(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.deregister("automail")  # its obfuscated href hides the scheme
        md.treeprocessors.register(_ContentIsData(md), "content_is_data", 0)


_local = threading.local()


def _converter() -> markdown.Markdown:
    if not hasattr(_local, "md"):
        _local.md = markdown.Markdown(
            extensions=[ContentMarkdown(), "tables", "sane_lists", "fenced_code"],
            output_format="html",
        )
    return _local.md


# Most fields are plain prose: letters, digits, spaces and ordinary punctuation,
# with no character that Markdown gives a meaning to. Their HTML is simply
# paragraphs, and building it directly spares Python-Markdown (about 0.3 ms a
# field, or seconds at 2,000 briefs). tests/test_markdown.py checks that both
# ways give the same HTML.
_NOT_PROSE_CHARACTER = re.compile(r"[^\w \n.,;:'\"?()/%\u2018\u2019\u201c\u201d\u2013\u2014-]|_")
_TYPOGRAPHIC_MARKS = "\u2018\u2019\u201c\u201d\u2013\u2014"  # the prose characters beyond ASCII, other than letters and digits
_ASCII_PROSE = (string.ascii_letters + string.digits + " \n.,;:'\"?()/%-").encode("ascii")
_NUMBERED_ITEM = re.compile(r"\d+[.)]")


def _only_prose_characters(text: str) -> bool:
    """Whether `text` holds no character outside _NOT_PROSE_CHARACTER's set.
    Every field is checked, several times, so ASCII text (most text, once its
    curly quotes and dashes are set aside) is checked byte by byte, 20 to 30
    times quicker than the pattern, which at 10,000 briefs took seconds."""
    if not text.isascii():
        for mark in _TYPOGRAPHIC_MARKS:
            text = text.replace(mark, " ")
        if not text.isascii():  # letters or digits of other scripts: the pattern knows them
            return not _NOT_PROSE_CHARACTER.search(text)
    return not text.encode("ascii").translate(None, _ASCII_PROSE)


def _no_markdown_line(text: str) -> bool:
    """No line starts as a list item or an indented block ("- ", " ", "2014."
    or "2014)") or ends in a space (two make a line break)."""
    for line in text.strip("\n").split("\n"):
        if line.startswith((" ", "-")) or line.endswith(" ") or (line[:1].isdigit() and _NUMBERED_ITEM.match(line)):
            return False
    return True


def _is_plain_prose(text: str) -> bool:
    return _only_prose_characters(text) and _no_markdown_line(text)


def _plain_prose_html(text: str) -> str | None:
    """HTML for `text` if it is plain prose, else None."""
    if not _is_plain_prose(text):
        return None
    # Paragraphs are parted by runs of two or more line breaks; a piece of a
    # longer run left on a paragraph is stripped off it.
    paragraphs = [p.strip("\n") for p in text.strip("\n").split("\n\n")]
    return "\n".join(f"<p>{p}</p>" for p in paragraphs if p)


Conversion = tuple[str, tuple[str, ...]]  # (HTML, rejected links)

# Every field is converted once per process and the result shared by pages,
# search and feeds. A plain dict rather than lru_cache, so that conversions
# made in worker processes (reading briefs) can be handed back to this one;
# but not plain prose, most fields, which is quicker to make again where it is
# needed than to send between processes and keep in every one.
_CONVERTED: dict[str, Conversion] = {}
# A long `mkdocs serve` session, in which every save of a long field adds its
# new text, starts again past this many characters of text and HTML.
_MAX_CONVERTED_CHARACTERS = 1 << 27
_converted_characters = 0
_recording: list[list[tuple[str, Conversion]]] = []


def _convert(text: str) -> Conversion:
    done = _CONVERTED.get(text)
    if done is not None:
        return done
    prose = _plain_prose_html(text)
    if prose is not None:
        done = (prose, ())
    else:
        md = _converter()
        md.reset()
        done = (md.convert(text), tuple(getattr(md, "rejected_links", ())))
        for new in _recording:
            new.append((text, done))
    _keep(text, done)
    return done


def _keep(text: str, done: Conversion) -> None:
    global _converted_characters
    if text in _CONVERTED:
        return
    size = len(text) + len(done[0])
    if _converted_characters + size > _MAX_CONVERTED_CHARACTERS:
        _CONVERTED.clear()
        _converted_characters = 0
    _CONVERTED[text] = done
    _converted_characters += size


@contextmanager
def recording_conversions() -> Iterator[list[tuple[str, Conversion]]]:
    """Collects the conversions first made inside the block, for `remember`."""
    new: list[tuple[str, Conversion]] = []
    _recording.append(new)
    try:
        yield new
    finally:
        _recording.remove(new)


def remember(conversions: Iterable[tuple[str, Conversion]]) -> None:
    """Keep conversions another process made, so this one need not repeat them."""
    for text, done in conversions:
        _keep(text, done)


def to_html(text: str) -> str:
    """Block HTML for a Markdown field."""
    return _convert(text)[0]


def to_inline_html(text: str) -> str:
    """Inline HTML for a short Markdown field (a list point, a prompt, feedback).

    A single paragraph loses its <p> so it can sit inside <li> or <legend>;
    anything longer keeps its blocks.
    """
    html = to_html(text)
    match = re.fullmatch(r"<p>(.*)</p>", html, flags=re.S)
    if match and "<p>" not in match.group(1):
        return match.group(1)
    return html


def is_inline(text: str) -> bool:
    html = to_html(text)
    return bool(re.fullmatch(r"<p>(?:(?!</?p>).)*</p>", html, flags=re.S))


def disallowed_links(text: str) -> tuple[str, ...]:
    return _convert(text)[1]


def has_heading(text: str) -> bool:
    """Whether the field, converted, holds a heading ("# Title", or a line
    underlined with = or -)."""
    return re.search(r"<h[1-6]\b", to_html(text)) is not None


_BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|h[1-6]|blockquote|pre|table|thead|tbody|tr|td|th|br|hr|div)\b[^>]*>")


def reader_text(text: str) -> str:
    """What a reader sees of a Markdown field, character for character: inline
    markup gone without a trace ("0770**0**" reads "07700"), entities decoded,
    blocks on lines of their own."""
    html = _BLOCK_TAG.sub("\n", to_html(text))
    return unescape(re.sub(r"<[^>]+>", "", html))


# Tags inside a line of text: gone without a trace, so "a <a>link</a>." reads
# "a link.", not "a link ." as it did when every tag became a space.
_INLINE_TAG = re.compile(r"</?(?:a|em|strong|b|i|code|span|abbr|sub|sup|small|mark|q|s|u|del|ins)\b[^>]*>")


def _words_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", _INLINE_TAG.sub("", html)))).strip()


def plain_text(text: str) -> str:
    """The words of a Markdown field, for search, feeds and slides' speaker text."""
    if _is_plain_prose(text):  # its HTML is its words in paragraphs, with nothing to decode
        return " ".join(text.split())
    return _words_of(to_html(text))


_TABLE = re.compile(r"<table\b.*?</table>", re.S)


def prose_text(text: str, table_as: str = "") -> tuple[str, bool]:
    """The words of a Markdown field with each table replaced by `table_as`:
    as a run of words a table reads wrongly ("Heddlu 4 Yes Bwrdd Iechyd 7 No").
    And whether there was a table. For the 7-minute briefing handout, whose
    short text points to the full brief for the rest."""
    if _is_plain_prose(text):
        return " ".join(text.split()), False
    html, tables = _TABLE.subn(f" {table_as} ", to_html(text))
    return _words_of(html), tables > 0
