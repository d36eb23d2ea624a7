"""Files the build writes besides the theme's pages.

Standalone pages (slides, handouts, forms) are whole HTML documents rendered
outside the theme; the search index, feeds and downloads are data files. All
are pure functions of the `Site`, written here in one place.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Iterable

from ..content.problems import Problem, format_report
from ..content.settings import SiteSettings
from .environment import render
from .pages import Page, linker
from .search_index import SearchDoc, build_index, site_docs
from .security import header_files, secure_page
from .site import Site

BRAND_CSS = "assets/brand.css"


def brand_css(settings: SiteSettings) -> str:
    """The partnership's colours as CSS variables for the theme and our components."""
    p, a = settings.primary_colour, settings.accent_colour
    return (
        "/* Generated from extra.site in mkdocs.yml; edit the colours there. */\n"
        ":root, [data-md-color-scheme=default] {\n"
        f"  --lb-primary: {p};\n  --lb-accent: {a};\n"
        f"  --md-primary-fg-color: {p};\n  --md-primary-fg-color--light: {p};\n"
        f"  --md-primary-fg-color--dark: {p};\n  --md-accent-fg-color: {a};\n"
        f"  --md-typeset-a-color: {a};\n"
        "}\n"
    )


def problems_banner(problems: list[Problem]) -> str:
    """Shown on every page of `mkdocs serve` while content has problems."""
    return (
        '<div class="lb-problems" role="alert"><h2>Content problems</h2>'
        "<p>These files are left out of the preview until they are fixed. "
        "A real build would stop here and leave the published site unchanged.</p>"
        f"<pre>{html.escape(format_report(problems))}</pre></div>"
    )


def render_standalone(site: Site, page: Page) -> str:
    return render(
        "standalone.html",
        site=site,
        page=page,
        link=linker(site, page.src),
        content=page.render(),
    )


def write_outputs(site: Site, pages: Iterable[Page], site_dir: Path, page_docs: Iterable[SearchDoc] = ()) -> set[str]:
    """Write standalone pages and data files; return the inline-script hashes used."""
    hashes: set[str] = set()
    files: dict[str, str] = {}
    for page in pages:
        if page.standalone:
            document, page_hashes = secure_page(render_standalone(site, page))
            hashes |= page_hashes
            files[site.router.output_path(page.src)] = document
    files.update(build_index(site, site_docs(site, page_docs)).files())
    for relative, text in files.items():
        target = site_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return hashes


def write_header_files(hashes: set[str], site_dir: Path) -> None:
    for name, text in header_files(hashes).items():
        (site_dir / name).write_text(text, encoding="utf-8")
