"""Where every generated page lives, and how one page links to another.

Pages are named by source-like paths ("briefs/foo.md"), the same names MkDocs
uses, and turned into addresses the way MkDocs does: "briefs/foo/" with
directory URLs (a web server), "briefs/foo.html" without (the offline pack
opened from disk). Every link is relative, so the site works at the root of a
domain, under a sub-path such as /community-safety/learning/, or from file://.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from ..content.fields import slugify


@dataclass(frozen=True)
class Router:
    use_directory_urls: bool = True

    # -- page names --------------------------------------------------------------
    home = "index.md"
    briefs_index = "briefs/index.md"
    themes_index = "themes/index.md"
    quizzes_index = "quizzes/index.md"
    search = "search/index.md"
    recommendations = "recommendations/index.md"
    recommendations_csv = "recommendations/recommendations.csv"
    recommendations_json = "recommendations/recommendations.json"
    recommendations_data = "recommendations/data.js"
    recommendations_about_data = "recommendations/about-the-data.md"
    board_report = "recommendations/board-report.md"
    feed = "feed.xml"
    feedback_form = "feedback.md"
    partnerships_index = "briefs/by-partnership/index.md"
    # The 7-minute briefing handout is a view of its brief's page, at this
    # fragment (templates/_handout.html), not a page of its own.
    handout_anchor = "handout"

    @staticmethod
    def _paged(base: str, page: int) -> str:
        """base is "x/index.md" or "x/y.md"; page 1 is base, page n is x[/y]/page/n.md."""
        if page <= 1:
            return base
        stem = base[: -len("/index.md")] if base.endswith("/index.md") else base[: -len(".md")]
        return f"{stem}/page/{page}.md"

    def briefs_listing(self, page: int = 1) -> str:
        return self._paged(self.briefs_index, page)

    def brief(self, slug: str) -> str:
        return f"briefs/{slug}.md"

    def by_year(self, year: int, page: int = 1) -> str:
        return self._paged(f"briefs/by-year/{year}.md", page)

    def by_type(self, review_type: str, page: int = 1) -> str:
        return self._paged(f"briefs/by-type/{slugify(review_type)}.md", page)

    def by_partnership(self, partnership: str, page: int = 1) -> str:
        slug = slugify(partnership)
        if slug == "index":  # a partnership called "Index" must not take the list of partnerships' address
            slug = "index-partnership"
        return self._paged(f"briefs/by-partnership/{slug}.md", page)

    def theme(self, theme_id: str, page: int = 1) -> str:
        return self._paged(f"themes/{theme_id}/index.md", page)

    def themes_overview(self, review_type: str | None, first_year: int | None, last_year: int | None) -> str:
        if review_type is None and first_year is None:
            return self.themes_index
        kind = slugify(review_type) if review_type else "all"
        years = f"{first_year}-{last_year}" if first_year is not None else "all-years"
        return f"themes/overview/{kind}/{years}.md"

    def theme_matrix(self, page: int) -> str:
        """Page 1 of the brief-by-theme matrix is on the themes overview itself."""
        return self.themes_index if page <= 1 else f"themes/matrix/page/{page}.md"

    def recommendations_page(self, page: int = 1) -> str:
        return self._paged(self.recommendations, page)

    def seminar_pack(self, theme_id: str) -> str:
        return f"themes/{theme_id}/seminar.md"

    def quiz(self, quiz_id: str) -> str:
        return f"quizzes/{quiz_id}.md"

    # -- addresses ---------------------------------------------------------------

    def url(self, src: str) -> str:
        """Site-relative address of a page or a plain file ("feed.xml")."""
        if not src.endswith(".md"):
            return src
        stem = src[:-3]
        name = posixpath.basename(stem)
        if not self.use_directory_urls:
            return stem + ".html"
        if name == "index":
            parent = posixpath.dirname(stem)
            return parent + "/" if parent else ""
        return stem + "/"

    def output_path(self, src: str) -> str:
        """Path of the written file inside site/."""
        url = self.url(src)
        if url == "" or url.endswith("/"):
            return url + "index.html"
        return url

    def href(self, target: str, from_src: str, fragment: str | None = None) -> str:
        """Relative link from the page `from_src` to `target` (a page or a plain file)."""
        target_url = self.url(target)
        from_url = self.url(from_src)
        from_dir = from_url if (from_url == "" or from_url.endswith("/")) else posixpath.dirname(from_url)
        relative = _relative_path(target_url, from_dir)
        if target_url == "" or target_url.endswith("/"):
            relative = "./" if relative == "." else relative + "/"
        return relative + (f"#{fragment}" if fragment else "")


def _relative_path(target: str, from_dir: str) -> str:
    """posixpath.relpath for site-relative addresses (no "..", no leading "/"),
    without its filesystem calls: a site of 2,000 briefs makes a million links."""
    to_parts = [part for part in target.split("/") if part]
    from_parts = [part for part in from_dir.split("/") if part]
    common = 0
    for a, b in zip(to_parts, from_parts):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(from_parts) - common) + to_parts[common:]
    return "/".join(parts) or "."
