"""Pieces that hand-written pages in docs/ pull in through macros."""

from __future__ import annotations

import datetime as dt

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


def setting(site: Site, name: str) -> str:
    value = getattr(site.settings, name)
    if isinstance(value, dt.date):
        return long_date(value)
    return "" if value is None else str(value)
