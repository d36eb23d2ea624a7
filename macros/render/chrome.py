"""Furniture every page carries: the quick exit and the footer; and the 404 page's content.

Rendered by our templates both for theme pages (through the glue's page
context) and for standalone pages, so there is one version of each.
"""

from __future__ import annotations

from markupsafe import Markup

from .environment import render
from .pages import linker
from .site import Site


def page_chrome(site: Site, src: str, absolute_base: str | None = None) -> dict[str, Markup]:
    """`absolute_base` (the site's path, "/" or "/sub/path/") is for the 404 page,
    which the server shows at any address, so its links cannot be relative."""
    if absolute_base is None:
        link = linker(site, src)
    else:
        def link(target: str, fragment: str | None = None) -> str:
            return absolute_base + site.router.url(target) + (f"#{fragment}" if fragment else "")
    chrome = {
        "quick_exit": Markup(render("_quick_exit.html", site=site, link=link)),
        "footer": Markup(render("_footer.html", site=site, link=link)),
    }
    if absolute_base is not None:
        chrome["not_found"] = Markup(render("_not_found.html", site=site, link=link))
    return chrome
