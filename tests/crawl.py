"""Finding every page of a built site by following its links, as a visitor could."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.error import HTTPError
from urllib.request import urlopen

# Fragments that show a page another way (by CSS :target), so count as a page
# of their own: the 7-minute briefing handout is the brief page at #handout.
VIEWS = {"handout"}

# One page of every kind, recognised by its address under the site root.
PAGE_KINDS = [
    ("home", r"^$"),
    ("brief-listing", r"^briefs/$"),
    ("brief-listing-facet", r"^briefs/by-[a-z]+/.+"),
    ("brief-handout", r"^briefs/[^/]+/#handout$"),
    ("brief", r"^briefs/[^/]+/$"),
    ("themes-index", r"^themes/$"),
    ("themes-overview", r"^themes/overview/.+"),
    ("theme-matrix", r"^themes/matrix/.+"),
    ("seminar-pack", r"^themes/[^/]+/seminar/$"),
    ("theme", r"^themes/[^/]+/$"),
    ("quizzes-index", r"^quizzes/$"),
    ("quiz", r"^quizzes/[^/]+/$"),
    ("recommendations", r"^recommendations/$"),
    ("feedback-form", r"^feedback/$"),
    ("search", r"^search/$"),
    ("content-page", r"^[a-z-]+/$"),
]


def kind_of(relative: str) -> str | None:
    for kind, pattern in PAGE_KINDS:
        if re.match(pattern, relative):
            return kind
    return None


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def crawl(base: str, limit: int = 2000, broken: list[str] | None = None) -> list[str]:
    """Every HTML page reachable from `base` without leaving it; dead links go in `broken`."""
    seen: list[str] = []
    queue = [base]
    visited = set()
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in visited:
            continue
        visited.add(url)
        try:
            with urlopen(url) as response:
                if "text/html" not in response.headers.get("Content-Type", ""):
                    continue
                body = response.read().decode("utf-8")
        except HTTPError:
            if broken is not None:
                broken.append(url)
            continue
        seen.append(url)
        parser = _Links()
        parser.feed(body)
        for href in parser.links:
            target, fragment = urldefrag(urljoin(url, href))
            if fragment in VIEWS and target.startswith(base) and f"{target}#{fragment}" not in seen:
                seen.append(f"{target}#{fragment}")  # another view of a page, reached by a link to it
            path = urlsplit(target).path
            if target.startswith(base) and (path.endswith("/") or path.endswith(".html")) and target not in visited:
                queue.append(target)
    return seen


def one_of_each_kind(base: str, pages: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for url in pages:
        kind = kind_of(url[len(base):].split("?")[0])
        if kind and kind not in found:
            found[kind] = url
    return found
