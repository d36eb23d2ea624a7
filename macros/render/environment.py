"""The Jinja environment for our page templates.

Autoescaping is on: every author string is escaped unless it has been through
the content Markdown converter, which keeps HTML as text. Undefined names are
errors, so a template typo fails the build instead of printing nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from ..content.markdown import is_inline, plain_text, to_html, to_inline_html
from .analysis import STATUS_NAMES

TEMPLATES = Path(__file__).parent / "templates"


def long_date(value: dt.date) -> str:
    """GOV.UK style: 5 April 2023."""
    return f"{value.day} {value:%B %Y}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count:,} {word}"


def breakable_address(address: str) -> Markup:
    """A web address shown as text that wraps only after a "/" of its path,
    never in the middle of a word or straight after "https://" (GOV.UK's
    advice for printed addresses)."""
    scheme, rest = re.match(r"^([a-z][a-z0-9+.-]*://)?(.*)$", address, re.I | re.S).groups()
    return Markup(escape(scheme or "")) + Markup(
        "".join(escape(part) + (Markup("<wbr>") if part.endswith("/") else Markup(""))
                for part in re.split(r"(?<=/)", rest))
    )


def percent(part: int, whole: int) -> str:
    """Whole percentage, or an en dash when there is nothing to divide by."""
    if not whole:
        return "–"
    return f"{round(100 * part / whole)}%"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        # The templates are part of the code, not content: never look at their
        # files again once loaded (every render would otherwise check each
        # template's modification time, 60,000 times at 10,000 briefs).
        auto_reload=False,
    )
    env.filters["md"] = lambda text: Markup(to_html(text))
    env.filters["md_inline"] = lambda text: Markup(to_inline_html(text))
    env.filters["plain"] = plain_text  # Markdown as one line of text, where a summary is wanted
    env.filters["long_date"] = long_date
    env.filters["plural"] = plural
    env.filters["breakable_address"] = breakable_address
    env.tests["inline_markdown"] = is_inline
    env.globals["percent"] = percent
    env.globals["status_names"] = STATUS_NAMES  # a recommendation's or update's status, as people say it
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
