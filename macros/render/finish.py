"""The last step for every HTML page the site writes, themed or standalone."""

from __future__ import annotations

import re

from .security import secure_page

# Blocks whose whitespace matters.
_KEEP_AS_IS = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_INDENTED_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")


def compact_whitespace(html: str) -> str:
    """Drop indentation and blank lines, which are about a tenth of a themed
    page. A newline stays wherever there was whitespace, so text reads the same."""
    parts = _KEEP_AS_IS.split(html)
    # split() yields: text, whole kept block, its tag name, text, ...
    out = []
    for index, part in enumerate(parts):
        kind = index % 3
        if kind == 0:
            out.append(_INDENTED_LINES.sub("\n", part))
        elif kind == 1:
            out.append(part)
    return "".join(out)


def finish_page(html: str, *, preview: bool = False) -> str:
    """A page ready to write: compacted, with its security policy in place.
    `preview` is for `mkdocs serve`; raises security.InlineScriptError."""
    return secure_page(compact_whitespace(html), preview=preview)
