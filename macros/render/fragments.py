"""Pieces that hand-written pages in docs/ pull in through macros."""

from __future__ import annotations

import datetime as dt
import html
import re

from .environment import long_date, render
from .pages import linker
from .site import Site


def latest_briefs(site: Site, src: str, count: int) -> str:
    return render("_latest.html", site=site, link=linker(site, src), briefs=site.briefs[:count])


def theme_list(site: Site, src: str) -> str:
    return render("_theme_list.html", site=site, link=linker(site, src))


def search_box(site: Site, src: str) -> str:
    return render("_search_box.html", site=site, link=linker(site, src))


def helplines(site: Site, src: str) -> str:
    return render("_helplines.html", site=site, link=linker(site, src))


# Python-Markdown's backslash escapes (with the tables extension's "|").
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


def markdown_literal(text: str) -> str:
    """`text` as Markdown that shows it exactly as written: HTML as text, and
    no character taken as emphasis, a link or a list."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", html.escape(text, quote=False))


def setting(site: Site, name: str) -> str:
    """A setting for a hand-written page, as literal Markdown: settings are data too."""
    value = site.site_name if name == "site_name" else getattr(site.settings, name)
    if isinstance(value, dt.date):
        return long_date(value)
    return "" if value is None else markdown_literal(str(value))
