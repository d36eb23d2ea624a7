"""The plan of generated pages: which pages exist, their titles and renderers.

Adding a brief adds its page, a place in the listings, on its theme pages and
in search, with no other file edited: every page below is derived from the
content. Listings are paginated so no page grows with the number of briefs.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from enum import Enum
from typing import Callable, Iterable, NamedTuple, Sequence

from markupsafe import Markup

from ..content.markdown import plain_text
from ..content.model import Brief, Quiz, Theme
from .analysis import (
    EXPORT_COLUMNS, JSON_ONLY_FIELDS, STATUS_NAMES, RecommendationRow, ThemeCounts, months_before, theme_stats,
    year_ranges,
)
from .charts import Bar, StackedBar, bar_chart, stacked_chart
from . import seminars
from .environment import percent, render
from .quiz_order import options_shown
from .routes import slugify
from .site import Site

BRIEFS_PER_PAGE = 50
THEME_BRIEFS_PER_PAGE = 25
MATRIX_ROWS_PER_PAGE = 50
BOARD_REPORT_MONTHS = 3  # the board report's "changed since" when no date is chosen: a quarter
BOARD_REPORT_HISTORY_MONTHS = 12  # the earliest date a reader can choose: the page holds a year of changes
BOARD_REPORT_LIST_LIMIT = 20  # overdue and quiet rows listed on the board report; the tracker has the rest


class Frame(Enum):
    """What is put around a page's content; decided once per build (build.py)."""

    THEME = "theme"  # the theme renders the page: the pages listed in mkdocs.yml's nav
    SHELL = "shell"  # the theme's page for its folder depth, with this content filled in (shell.py)
    STANDALONE = "standalone"  # a whole document of our own: the feedback form


def _not_declared(site: Site, src: str, *args) -> tuple:
    # A page that does not say what it shows is never taken as unchanged.
    return (object(),)


@dataclass(frozen=True)
class Page:
    """A generated page, as data: its address, its template, and a function
    (module level, so a page can be pickled and read) that gives the template
    everything it needs beyond `site` and `link`.

    `inputs` says what the page shows beyond what every page shows
    (`Site.shared_inputs`): `mkdocs serve` rewrites a page only when these
    differ from the last build's (build.py). Compared with ==, which is quick
    for content that was not re-read: an unchanged file's brief is the same
    object build after build (loader._read_files)."""

    src: str  # the page's name, as MkDocs would call a Markdown file
    title: str
    kind: str  # "brief", "theme", "listing", ... : one of every kind is accessibility-tested
    template: str
    context: Callable[..., dict]  # context(site, src, *args) -> the template's variables
    args: tuple = ()
    description: str = ""
    standalone: bool = False  # a whole HTML document, written outside the theme (the feedback form)
    source_file: str | None = None  # the content file it shows ("briefs/x.yml"), for edit links
    canonical_url: str | None = None  # set when the page's original is elsewhere (a harvested brief)
    inputs: Callable[..., tuple] = _not_declared  # inputs(site, src, *args)

    def fingerprint(self, site: Site) -> tuple:
        """Everything this page's HTML is made from, but the shared inputs."""
        return (self.title, self.description, self.template, self.canonical_url,
                self.inputs(site, self.src, *self.args))

    def render(self, site: Site) -> str:
        """The HTML of the page's main content."""
        return render(self.template, site=site, link=linker(site, self.src), **self.context(site, self.src, *self.args))


def _nothing(site: Site, src: str) -> dict:
    return {}


def _no_inputs(site: Site, src: str, *args) -> tuple:
    # The page shows only what every page shows.
    return ()


def linker(site: Site, src: str) -> Callable[..., str]:
    def link(target: str, fragment: str | None = None) -> str:
        return site.router.href(target, src, fragment)

    return link


def page_count(items: Sequence, per_page: int) -> int:
    """How many pages of `per_page` the items fill; always at least one (possibly empty) page."""
    return max(1, math.ceil(len(items) / per_page))


def page_of(items: Sequence, per_page: int, number: int) -> Sequence:
    """The items on page `number` (from 1) of pages of `per_page`. Every
    listing page asks for its own page only: slicing out all of them for
    each was a tenth of a save at 10,000 briefs."""
    return items[(number - 1) * per_page : number * per_page]


# -- briefs ----------------------------------------------------------------------


def _brief_context(site: Site, src: str, brief: Brief) -> dict:
    quiz = site.content.quizzes.get(brief.quiz) if brief.quiz else None
    sections = brief.sections(quiz is not None)
    return {
        "brief": brief,
        "quiz": quiz,
        "sections": sections,
        "slide_notes": seminars.slide_notes(brief, sections),
        "related": site.related(brief),
        "handout": seminars.handout_context(site, brief),
    }


def _brief_inputs(site: Site, src: str, brief: Brief) -> tuple:
    # The template also asks the site for the brief's tracker rows and where they start.
    return (brief, tuple(site.related(brief)), site.recommendations_link(brief),
            tuple(site.row_of(brief, r.number) for r in brief.recommendations))


def brief_pages(site: Site) -> list[Page]:
    return [
        Page(site.router.brief(b.slug), b.title, "brief", "brief.html", _brief_context, (b,), b.summary,
             source_file=None if b.origin else b.path, canonical_url=b.origin.url if b.origin else None,
             inputs=_brief_inputs)
        for b in site.briefs
    ]


# -- listings --------------------------------------------------------------------


def _year_groups(briefs: Sequence[Brief]) -> list[tuple[str, list[Brief]]]:
    groups: list[tuple[str, list[Brief]]] = []
    for brief in briefs:
        if not groups or groups[-1][0] != str(brief.year):
            groups.append((str(brief.year), []))
        groups[-1][1].append(brief)
    return groups


@dataclass(frozen=True)
class Listing:
    """One paginated list of briefs: the main listing, or one year, type or partnership."""

    kind: str
    title: str
    intro: str
    briefs: tuple[Brief, ...]
    route: str  # a Router method name: "briefs_listing", "by_year", ...
    route_args: tuple  # its arguments before the page number
    label: str  # the pagination's name
    group_by_year: bool = True
    main: bool = False

    def src(self, site: Site, number: int) -> str:
        return getattr(site.router, self.route)(*self.route_args, number)


def _listing_context(site: Site, src: str, listing: Listing, number: int, pages: int, title: str) -> dict:
    chunk = page_of(listing.briefs, BRIEFS_PER_PAGE, number)
    link = linker(site, src)
    return {
        "title": title,
        "intro": listing.intro,
        "groups": _year_groups(chunk) if listing.group_by_year else ([("", list(chunk))] if chunk else []),
        "empty_message": "There are no briefs here yet.",
        "pages": pages,
        "current": number,
        "page_link": lambda n: link(listing.src(site, n)),
        "pagination_label": listing.label,
        "show_filters": listing.main,
        "show_browse": listing.main,
        "main": listing.main,  # facet listings leave out theme tags: the same briefs are listed four ways
    }


def _listing_inputs(site: Site, src: str, listing: Listing, number: int, pages: int, title: str) -> tuple:
    # The filter form and the browse links count briefs by facet.
    return (tuple(page_of(listing.briefs, BRIEFS_PER_PAGE, number)), pages, listing.intro, listing.label,
            site.facet_counts)


def _facets_inputs(site: Site, src: str) -> tuple:
    return (site.facet_counts,)


def _listing(site: Site, listing: Listing) -> list[Page]:
    count = page_count(listing.briefs, BRIEFS_PER_PAGE)
    pages = []
    for number in range(1, count + 1):
        title = listing.title if number == 1 else f"{listing.title} (page {number} of {count})"
        pages.append(Page(listing.src(site, number), title, listing.kind, "listing.html", _listing_context,
                          (listing, number, count, title), listing.intro, inputs=_listing_inputs))
    return pages


def listing_pages(site: Site) -> list[Page]:
    r = site.router
    count = len(site.briefs)
    listings = [Listing(
        "listing", "Briefs", f"{count:,} learning {'brief' if count == 1 else 'briefs'} from reviews, newest first.",
        tuple(site.briefs), "briefs_listing", (), "Pages of briefs", main=True,
    )]
    for year, briefs in site.briefs_by_year.items():
        listings.append(Listing(
            "listing-facet", f"Briefs published in {year}", f"{len(briefs):,} published in {year}, newest first.",
            tuple(briefs), "by_year", (year,), f"Pages of briefs from {year}", group_by_year=False,
        ))
    for review_type, briefs in site.briefs_by_type.items():
        name = briefs[0].review_type_name
        listings.append(Listing(
            "listing-facet", f"{name}s",
            f"{len(briefs):,} {'brief' if len(briefs) == 1 else 'briefs'} from a {name.lower()} ({review_type}), newest first.",
            tuple(briefs), "by_type", (review_type,), f"Pages of {name.lower()}s",
        ))
    for partnership in site.partnerships.values():
        briefs = partnership.briefs
        listings.append(Listing(
            "listing-facet", f"Briefs from {partnership.name}",
            f"{len(briefs):,} {'brief' if len(briefs) == 1 else 'briefs'} published by {partnership.name}, newest first.",
            tuple(briefs), "by_partnership", (partnership.name,), f"Pages of briefs from {partnership.name}",
        ))
    pages = [page for listing in listings for page in _listing(site, listing)]
    pages.append(Page(r.partnerships_index, "Partnerships", "listing-facet", "partnerships.html", _nothing, (),
                      "Every partnership with a published brief.", inputs=_facets_inputs))
    return pages


# -- themes ----------------------------------------------------------------------


def _theme_context(site: Site, src: str, theme: Theme, number: int) -> dict:
    briefs = site.briefs_by_theme.get(theme.id, [])
    link = linker(site, src)
    return {
        "theme": theme,
        "briefs": page_of(briefs, THEME_BRIEFS_PER_PAGE, number),
        "first_number": (number - 1) * THEME_BRIEFS_PER_PAGE + 1,
        "total_briefs": len(briefs),
        "total_points": site.learning_points_by_theme.get(theme.id, 0),
        "quizzes": site.quizzes_by_theme.get(theme.id, []),
        "pages": page_count(briefs, THEME_BRIEFS_PER_PAGE),
        "current": number,
        "page_link": lambda n: link(site.router.theme(theme.id, n)),
    }


def _theme_inputs(site: Site, src: str, theme: Theme, number: int) -> tuple:
    briefs = site.briefs_by_theme.get(theme.id, [])
    return (tuple(page_of(briefs, THEME_BRIEFS_PER_PAGE, number)), len(briefs),
            site.learning_points_by_theme.get(theme.id, 0))


def theme_pages(site: Site) -> list[Page]:
    pages = []
    for theme in site.content.themes.values():
        count = page_count(site.briefs_by_theme.get(theme.id, []), THEME_BRIEFS_PER_PAGE)
        for number in range(1, count + 1):
            title = theme.title if number == 1 else f"{theme.title} (page {number} of {count})"
            pages.append(Page(site.router.theme(theme.id, number), title, "theme", "theme.html", _theme_context,
                              (theme, number), theme.description, inputs=_theme_inputs))
    return pages


@dataclass(frozen=True)
class MatrixPage:
    briefs: Sequence[Brief]
    first: int
    last: int
    total: int
    current: int
    pages: int
    page_link: Callable[[int], str]


def _matrix(site: Site, number: int, link: Callable[..., str]) -> MatrixPage:
    chunk = page_of(site.briefs, MATRIX_ROWS_PER_PAGE, number)
    first = (number - 1) * MATRIX_ROWS_PER_PAGE + 1
    return MatrixPage(chunk, first, first + len(chunk) - 1, len(site.briefs), number,
                      page_count(site.briefs, MATRIX_ROWS_PER_PAGE),
                      lambda n: link(site.router.theme_matrix(n)))


def _overview_context(site: Site, src: str, selection) -> dict:
    link = linker(site, src)
    years = sorted(site.briefs_by_year)
    ranges = year_ranges(years)
    counts = ThemeCounts.total(c for (review_type, year), c in site.theme_counts.items()
                               if selection.covers(review_type, year))
    stats = theme_stats(site.content.themes.values(), counts)
    chart = bar_chart(
        "theme-chart",
        f"Share of briefs raising each theme: {selection.describe()}",
        f"Bar chart of how many of the {counts.briefs} briefs raise each theme. The same figures are in the table that follows.",
        [Bar(s.theme.title, s.briefs, s.total_briefs, f"{s.briefs} of {s.total_briefs} ({percent(s.briefs, s.total_briefs)})") for s in stats],
    )
    return {
        "page_src": src, "selection": selection, "years": years,
        "year_ranges": ranges, "since_years": [first for first, last in ranges if first != last],
        "filter_pages": {choice: link(target) for choice, target in site.overview_choices.items()},
        "total": counts.briefs, "stats": stats, "chart": Markup(chart),
        "matrix": _matrix(site, 1, link) if selection.is_everything else None,
    }


def _matrix_context(site: Site, src: str, number: int) -> dict:
    return {"matrix": _matrix(site, number, linker(site, src))}


def _matrix_rows(site: Site, number: int) -> tuple:
    """What a page of the matrix shows of each of its briefs."""
    return tuple((b.slug, b.title, b.year, b.themes) for b in page_of(site.briefs, MATRIX_ROWS_PER_PAGE, number))


def _overview_inputs(site: Site, src: str, selection) -> tuple:
    # The counts and the filters; the whole overview starts the matrix too.
    return (site.theme_facts, _matrix_rows(site, 1) if selection.is_everything else ())


def _matrix_inputs(site: Site, src: str, number: int) -> tuple:
    return (_matrix_rows(site, number), len(site.briefs))


def themes_overview_pages(site: Site) -> list[Page]:
    r = site.router
    pages = []
    for selection in site.overview_selections:
        src = r.themes_overview(selection.review_type, selection.first_year, selection.last_year)
        title = "Themes" if selection.is_everything else f"Themes: {selection.describe()}"
        pages.append(Page(src, title, "themes-index" if selection.is_everything else "themes-overview",
                          "themes_index.html", _overview_context, (selection,),
                          "How often each theme comes up across the published briefs.", inputs=_overview_inputs))
    for number in range(2, page_count(site.briefs, MATRIX_ROWS_PER_PAGE) + 1):
        pages.append(Page(r.theme_matrix(number), f"Theme matrix (page {number})", "theme-matrix",
                          "theme_matrix.html", _matrix_context, (number,), "Which brief raises which theme.",
                          inputs=_matrix_inputs))
    return pages


def _status_history_chart(site: Site) -> Markup:
    statuses = site.statuses_in_use
    history = site.status_history
    if len(history) < 2:
        return Markup("")
    bars = []
    for label, counts in history:
        total = sum(counts.values())
        words = ", ".join(f"{counts[s]} {STATUS_NAMES[s].lower()}" for s in statuses if counts[s])
        bars.append(StackedBar(label, [(s, counts[s]) for s in statuses], f"{total}: {words}"))
    chart = stacked_chart(
        "status-history", "Recommendations by status at the end of each quarter",
        "Each bar is one quarter, split by status; the figures are printed beside each bar.", bars)
    return Markup(render("_status_history.html", chart=Markup(chart), history=history,
                         statuses=statuses, status_names=STATUS_NAMES))


def _tracker_context(site: Site, src: str, number: int) -> dict:
    r = site.router
    link = linker(site, src)
    return {
        "rows": site.recommendation_pages[number - 1], "current": number, "pages": len(site.recommendation_pages),
        "page_link": lambda n: link(r.recommendations_page(n)),
        # Counted once for the whole site (every page's filters list the leads and partnerships).
        **site.tracker_summaries,
        "history": _status_history_chart(site) if number == 1 else Markup(""),
        "statuses": site.statuses_in_use, "status_names": STATUS_NAMES,
    }


def _tracker_inputs(site: Site, src: str, number: int) -> tuple:
    # Every page's filters and summaries count all the rows; the first page charts their history too.
    return (tuple(site.recommendation_pages[number - 1]), len(site.recommendation_pages), site.tracker_summaries,
            tuple(site.statuses_in_use), site.status_history if number == 1 else ())


def _all_rows_inputs(site: Site, src: str) -> tuple:
    return (tuple(site.recommendation_rows),)


def _board_report_context(site: Site, src: str) -> dict:
    rows = site.recommendation_rows
    since = months_before(site.today, BOARD_REPORT_MONTHS)
    earliest = months_before(site.today, BOARD_REPORT_HISTORY_MONTHS)
    changes = sorted(
        ((update, row) for row in rows for update in row.recommendation.updates if update.date >= earliest),
        key=lambda pair: (pair[0].date, pair[1].row_id), reverse=True,
    )
    return {
        "since": since, "earliest": earliest, "changes": changes,
        "recent": sum(1 for update, _ in changes if update.date >= since),
        "overall": site.tracker_summaries["overall"],
        # Longest overdue and longest quiet first, and only the first few: a
        # board reads the worst, and a library of thousands would otherwise
        # print hundreds of pages (and sort 30,000 rows at every save).
        "overdue": _worst((row for row in rows if row.overdue), lambda row: (row.recommendation.due, row.row_id)),
        "quiet": _worst((row for row in rows if row.quiet),
                        lambda row: (row.recommendation.last_update or row.brief.published, row.row_id)),
        "statuses": site.statuses_in_use, "status_names": STATUS_NAMES,
    }


class Shortlist(NamedTuple):
    """The rows a board report lists under a heading, and how many there are in all."""

    rows: list[RecommendationRow]
    total: int


def _worst(rows: Iterable[RecommendationRow], oldest_first: Callable) -> Shortlist:
    """The first BOARD_REPORT_LIST_LIMIT rows in that order."""
    rows = list(rows)
    return Shortlist(heapq.nsmallest(BOARD_REPORT_LIST_LIMIT, rows, key=oldest_first), len(rows))


def _columns_context(site: Site, src: str) -> dict:
    return {"columns": EXPORT_COLUMNS, "json_only": JSON_ONLY_FIELDS}


def recommendation_pages(site: Site) -> list[Page]:
    r = site.router
    count = len(site.recommendation_pages)
    pages = []
    for number in range(1, count + 1):
        title = "Recommendations tracker" if number == 1 else f"Recommendations tracker (page {number} of {count})"
        pages.append(Page(r.recommendations_page(number), title, "recommendations", "recommendations.html",
                          _tracker_context, (number,), "Every recommendation from every brief, with status and due date.",
                          inputs=_tracker_inputs))
    pages.append(Page(r.board_report, "Board report: recommendations", "board-report", "board_report.html",
                      _board_report_context, (), "What changed, what is overdue and what has gone quiet, for a partnership board.",
                      inputs=_all_rows_inputs))
    pages.append(Page(r.recommendations_about_data, "About the recommendations data", "recommendations-about-data",
                      "recommendations_about_data.html", _columns_context, (),
                      "What each column of recommendations.csv and recommendations.json means.", inputs=_no_inputs))
    return pages


def _quiz_context(site: Site, src: str, quiz: Quiz) -> dict:
    return {"quiz": quiz, "options_shown": options_shown(quiz)}


def quiz_pages(site: Site) -> list[Page]:
    r = site.router
    pages = [Page(r.quizzes_index, "Quizzes", "quizzes-index", "quizzes_index.html", _nothing, (),
                  "Self-check quizzes on what the reviews found.", inputs=_no_inputs)]
    for quiz in site.content.quizzes.values():
        pages.append(Page(r.quiz(quiz.id), quiz.title, "quiz", "quiz.html", _quiz_context, (quiz,),
                          plain_text(quiz.intro), source_file=quiz.path, inputs=_no_inputs))
    return pages


def _pack_context(site: Site, src: str, theme: Theme) -> dict:
    briefs = seminars.pack_briefs(site, theme)
    quizzes = site.quizzes_by_theme.get(theme.id, [])
    return {
        "theme": theme, "briefs": briefs, "total_briefs": len(site.briefs_by_theme.get(theme.id, [])),
        "questions": seminars.discussion_questions(site, theme, briefs),
        "plan": seminars.session_plan(briefs, bool(quizzes)), "quizzes": quizzes,
    }


def _pack_inputs(site: Site, src: str, theme: Theme) -> tuple:
    return (tuple(seminars.pack_briefs(site, theme)), len(site.briefs_by_theme.get(theme.id, [])))


def seminar_pages(site: Site) -> list[Page]:
    """Per theme, a seminar pack, and one printable feedback form for every
    briefing and seminar. (Neither slides nor the 7-minute briefing handout is
    a page of its own: both are views of the brief page.)"""
    r = site.router
    pages = [
        Page(r.seminar_pack(theme.id), f"Seminar pack: {theme.title}", "seminar-pack", "seminar.html",
             _pack_context, (theme,), f"A session plan for a seminar on the theme “{theme.title}”.",
             inputs=_pack_inputs)
        for theme in site.content.themes.values()
    ]
    pages.append(Page(r.feedback_form, "Feedback form", "feedback", "feedback.html", _nothing, (),
                      "A printable feedback form for team briefings and seminars.", standalone=True,
                      inputs=_no_inputs))
    return pages


def search_page(site: Site) -> Page:
    return Page(site.router.search, "Search", "search", "search.html", _nothing, (), "Search briefs, quizzes and pages.",
                inputs=_facets_inputs)  # its filter form lists the types, partnerships and years


def plan_pages(site: Site) -> list[Page]:
    """Every generated page of the site."""
    return [
        *listing_pages(site),
        *brief_pages(site),
        *themes_overview_pages(site),
        *recommendation_pages(site),
        *theme_pages(site),
        *quiz_pages(site),
        *seminar_pages(site),
        search_page(site),
    ]
