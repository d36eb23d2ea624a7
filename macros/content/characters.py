"""Characters author text may not hold, declared once.

Control characters break the XML of the feed and sitemap and can drive a
terminal that prints them; invisible characters (a zero-width space, a
right-to-left override, a tag character, a filler) make text or an address
read differently from what it is, or hide a phone number from the
anonymisation check. Validation refuses them all in every field, with the
field's line; messages that repeat an author's text show them as visible
escapes.

"Invisible" is every Unicode format character (category Cf) except the
zero-width joiner and non-joiner, which emoji and some scripts need; the
fillers that render as nothing; and the noncharacters, which XML refuses.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls, DEL and C1 controls. Tab and line feed are allowed only in
# fields that may span lines.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_TAB_OR_NEWLINE = re.compile("[\t\n]")
_JOINERS = frozenset("\u200c\u200d")
_FILLERS = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180e\u2800\u3164\uffa0")


def _invisible(character: str) -> bool:
    code = ord(character)
    if character in _JOINERS:
        return False
    if character in _FILLERS or 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
        return True
    return unicodedata.category(character) in ("Cf", "Cs")


def describe(character: str) -> str:
    """'U+202E (RIGHT-TO-LEFT OVERRIDE)', for messages."""
    name = unicodedata.name(character, "")
    if not name:
        name = {"\t": "TAB", "\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\x1b": "ESCAPE", "\x00": "NULL"}.get(
            character, "CONTROL CHARACTER" if _CONTROL.match(character) else "INVISIBLE CHARACTER")
    return f"U+{ord(character):04X} ({name})"


def first_forbidden(text: str, *, multiline: bool) -> re.Match | None:
    """Where `text` holds a character it may not, or None."""
    found = _CONTROL.search(text) or (None if multiline else _TAB_OR_NEWLINE.search(text))
    if not text.isascii():
        for index, character in enumerate(text):
            if found is not None and index >= found.start():
                break
            if ord(character) > 0x7F and _invisible(character):
                found = re.compile(re.escape(character)).search(text, index)
                break
    return found


def shown_safely(text: str) -> str:
    """`text` with every control and invisible character written as an escape,
    so a message that repeats it cannot drive a terminal or hide anything."""
    def escape(character: str) -> str:
        code = ord(character)
        return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"

    if text.isascii() and text.isprintable():  # most messages: nothing to escape
        return text
    return "".join(
        escape(c) if (_CONTROL.match(c) or c in "\t\n" or (ord(c) > 0x7F and _invisible(c))) else c for c in text
    )
