"""Characters author text may not hold, declared once.

Control characters break the XML of the feed and sitemap and can drive a
terminal that prints them; invisible formatting characters (a zero-width
space, a right-to-left override) make text or an address read differently
from what it is. Validation refuses both in every field, with the field's
line; messages that repeat an author's text show them as visible escapes.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls, DEL and C1 controls. Tab and line feed are allowed only in
# fields that may span lines.
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
# Zero-width space, left-to-right and right-to-left marks, the bidirectional
# embeddings, overrides and isolates, word joiner and friends, and the
# zero-width no-break space. (Zero-width joiners stay: emoji need them.)
_INVISIBLE = "\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u2028\u2029"
_NOT_IN_TEXT = re.compile(f"[{_CONTROL}{_INVISIBLE}]")
_NOT_IN_ONE_LINE = re.compile(f"[\t\n{_CONTROL}{_INVISIBLE}]")


def describe(character: str) -> str:
    """'U+202E (RIGHT-TO-LEFT OVERRIDE)', for messages."""
    name = unicodedata.name(character, "")
    if not name:
        name = {"\t": "TAB", "\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\x1b": "ESCAPE", "\x00": "NULL"}.get(
            character, "CONTROL CHARACTER")
    return f"U+{ord(character):04X} ({name})"


def first_forbidden(text: str, *, multiline: bool) -> re.Match | None:
    """Where `text` holds a character it may not, or None."""
    return (_NOT_IN_TEXT if multiline else _NOT_IN_ONE_LINE).search(text)


def shown_safely(text: str) -> str:
    """`text` with every control and invisible character written as an escape,
    so a message that repeats it cannot drive a terminal or hide anything."""
    return _NOT_IN_ONE_LINE.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) > 0xFF
                                else f"\\x{ord(m.group()):02x}", text)
