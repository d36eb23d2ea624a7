"""The plan of generated pages: which pages exist, their titles and renderers.

Adding a brief adds its page, a place in the listings, on its theme pages and
in search, with no other file edited: every page below is derived from the
content. Listings are paginated so no page grows with the number of briefs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Sequence

from markupsafe import Markup

from ..content.markdown import plain_text
from ..content.model import Brief
from .analysis import EXPORT_COLUMNS, STATUS_NAMES, STATUS_ORDER, selections, summaries_by, summarise, theme_stats, year_ranges
from .charts import Bar, bar_chart
from . import seminars
from .environment import percent, render
from .quiz_order import options_shown
from .routes import slugify
from .site import Site

BRIEFS_PER_PAGE = 50
THEME_BRIEFS_PER_PAGE = 25
MATRIX_ROWS_PER_PAGE = 50


@dataclass(frozen=True)
class Page:
    src: str  # the page's name, as MkDocs would call a Markdown file
    title: str
    render: Callable[[], str]  # HTML of the page's main content
    kind: str  # "brief", "theme", "listing", ... : one of every kind is accessibility-tested
    description: str = ""
    standalone: bool = False  # a whole HTML document, written outside the theme (handouts, forms)
    parent: tuple[str, str] | None = None  # (title, page) a standalone page belongs to


def linker(site: Site, src: str) -> Callable[..., str]:
    def link(target: str, fragment: str | None = None) -> str:
        return site.router.href(target, src, fragment)

    return link


def paginate(items: Sequence, per_page: int) -> list[Sequence]:
    """Items in pages of `per_page`; always at least one (possibly empty) page."""
    count = max(1, math.ceil(len(items) / per_page))
    return [items[i * per_page : (i + 1) * per_page] for i in range(count)]


# -- briefs ----------------------------------------------------------------------


def brief_sections(brief: Brief, has_quiz: bool) -> list[tuple[str, str]]:
    sections = [("background", "Background")]
    if brief.engagement:
        sections.append(("engagement", "Who took part"))
    if brief.key_questions:
        sections.append(("key-questions", "Key questions"))
    if brief.why_it_matters:
        sections.append(("why-it-matters", "Why it matters"))
    sections += [("learning", "Learning"), ("recommendations", "Recommendations")]
    if brief.suggestions:
        sections.append(("suggestions", "Suggestions"))
    sections.append(("reflective-questions", "Questions for reflection"))
    if brief.resources:
        sections.append(("resources", "Resources"))
    if has_quiz:
        sections.append(("quiz", "Check your learning"))
    if brief.notes:
        sections.append(("notes", "Notes"))
    return sections


def render_brief(site: Site, brief: Brief) -> str:
    src = site.router.brief(brief.slug)
    quiz = site.content.quizzes.get(brief.quiz) if brief.quiz else None
    sections = brief_sections(brief, quiz is not None)
    return render(
        "brief.html",
        brief=brief,
        site=site,
        link=linker(site, src),
        quiz=quiz,
        sections=sections,
        slide_notes=seminars.slide_notes(brief, [anchor for anchor, _ in sections]),
        related=site.related(brief),
    )


def brief_pages(site: Site) -> list[Page]:
    return [
        Page(site.router.brief(b.slug), b.title, lambda b=b: render_brief(site, b), "brief", b.summary)
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


def _listing(
    site: Site,
    *,
    kind: str,
    title: str,
    intro: str,
    briefs: Sequence[Brief],
    route: Callable[[int], str],
    label: str,
    group_by_year: bool = True,
    main: bool = False,
) -> list[Page]:
    chunks = paginate(briefs, BRIEFS_PER_PAGE)
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        src = route(number)
        page_title = title if number == 1 else f"{title} (page {number} of {len(chunks)})"

        def content(src=src, chunk=chunk, number=number, page_title=page_title):
            link = linker(site, src)
            return render(
                "listing.html",
                site=site,
                link=link,
                title=page_title,
                intro=intro,
                groups=_year_groups(chunk) if group_by_year else ([("", list(chunk))] if chunk else []),
                empty_message="There are no briefs here yet.",
                pages=len(chunks),
                current=number,
                page_link=lambda n: link(route(n)),
                pagination_label=label,
                show_filters=main,
                show_browse=main,
                main=main,  # facet listings leave out theme tags: the same briefs are listed four ways
            )

        pages.append(Page(src, page_title, content, kind, intro))
    return pages


def listing_pages(site: Site) -> list[Page]:
    r = site.router
    count = len(site.briefs)
    pages = _listing(
        site,
        kind="listing",
        title="Briefs",
        intro=f"{count:,} learning {'brief' if count == 1 else 'briefs'} from reviews, newest first.",
        briefs=site.briefs,
        route=r.briefs_listing,
        label="Pages of briefs",
        main=True,
    )
    for year, briefs in site.briefs_by_year.items():
        pages += _listing(
            site, kind="listing-facet", title=f"Briefs published in {year}",
            intro=f"{len(briefs):,} published in {year}, newest first.",
            briefs=briefs, route=lambda n, y=year: r.by_year(y, n), label=f"Pages of briefs from {year}",
            group_by_year=False,
        )
    for review_type, briefs in site.briefs_by_type.items():
        name = briefs[0].review_type_name
        pages += _listing(
            site, kind="listing-facet", title=f"{name}s",
            intro=f"{len(briefs):,} {'brief' if len(briefs) == 1 else 'briefs'} from a {name.lower()} ({review_type}), newest first.",
            briefs=briefs, route=lambda n, t=review_type: r.by_type(t, n), label=f"Pages of {name.lower()}s",
        )
    for partnership in site.partnerships.values():
        briefs = partnership.briefs
        pages += _listing(
            site, kind="listing-facet", title=f"Briefs from {partnership.name}",
            intro=f"{len(briefs):,} {'brief' if len(briefs) == 1 else 'briefs'} published by {partnership.name}, newest first.",
            briefs=briefs, route=lambda n, p=partnership.name: r.by_partnership(p, n),
            label=f"Pages of briefs from {partnership.name}",
        )
    pages.append(
        Page(r.partnerships_index, "Partnerships", lambda: render(
            "partnerships.html", site=site, link=linker(site, r.partnerships_index),
        ), "listing-facet", "Every partnership with a published brief.")
    )
    return pages


# -- themes ----------------------------------------------------------------------


def theme_pages(site: Site) -> list[Page]:
    r = site.router
    pages = []
    for theme in site.content.themes.values():
        briefs = site.briefs_by_theme.get(theme.id, [])
        total_points = sum(len(l.points) for b in briefs if (l := b.learning_for(theme.id)))
        chunks = paginate(briefs, THEME_BRIEFS_PER_PAGE)
        for number, chunk in enumerate(chunks, start=1):
            src = r.theme(theme.id, number)
            title = theme.title if number == 1 else f"{theme.title} (page {number} of {len(chunks)})"

            def content(src=src, chunk=chunk, number=number, theme=theme, briefs=briefs,
                        total_points=total_points, chunks=chunks):
                link = linker(site, src)
                return render(
                    "theme.html",
                    site=site,
                    link=link,
                    theme=theme,
                    briefs=chunk,
                    first_number=(number - 1) * THEME_BRIEFS_PER_PAGE + 1,
                    total_briefs=len(briefs),
                    total_points=total_points,
                    quizzes=site.quizzes_by_theme.get(theme.id, []),
                    pages=len(chunks),
                    current=number,
                    page_link=lambda n: link(r.theme(theme.id, n)),
                )

            pages.append(Page(src, title, content, "theme", theme.description))
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
    chunks = paginate(site.briefs, MATRIX_ROWS_PER_PAGE)
    chunk = chunks[number - 1]
    first = (number - 1) * MATRIX_ROWS_PER_PAGE + 1
    return MatrixPage(chunk, first, first + len(chunk) - 1, len(site.briefs), number, len(chunks),
                      lambda n: link(site.router.theme_matrix(n)))


def themes_overview_pages(site: Site) -> list[Page]:
    r = site.router
    years = sorted(site.briefs_by_year)
    ranges = year_ranges(years)
    chosen_selections = selections(site.briefs)
    # The filter form's choices, "type/years" as its fields name them, and the
    # page each leads to; a choice with no page has no brief to count.
    choices = {
        f"{slugify(s.review_type) if s.review_type else 'all'}/"
        f"{f'{s.first_year}-{s.last_year}' if s.first_year else 'all-years'}":
            r.themes_overview(s.review_type, s.first_year, s.last_year)
        for s in chosen_selections
    }
    pages = []
    for selection in chosen_selections:
        src = r.themes_overview(selection.review_type, selection.first_year, selection.last_year)
        title = "Themes" if selection.is_everything else f"Themes: {selection.describe()}"

        def content(src=src, selection=selection):
            link = linker(site, src)
            chosen = [b for b in site.briefs if selection.matches(b)]
            stats = theme_stats(site.content.themes.values(), chosen)
            chart = bar_chart(
                "theme-chart",
                f"Share of briefs raising each theme: {selection.describe()}",
                f"Bar chart of how many of the {len(chosen)} briefs raise each theme. The same figures are in the table that follows.",
                [Bar(s.theme.title, s.briefs, s.total_briefs, f"{s.briefs} of {s.total_briefs} ({percent(s.briefs, s.total_briefs)})") for s in stats],
            )
            return render(
                "themes_index.html", site=site, link=link, page_src=src, selection=selection, years=years,
                year_ranges=ranges, since_years=[first for first, last in ranges if first != last],
                filter_pages={choice: link(target) for choice, target in choices.items()},
                total=len(chosen), stats=stats, chart=Markup(chart),
                matrix=_matrix(site, 1, link) if selection.is_everything else None,
            )

        pages.append(Page(src, title, content, "themes-index" if selection.is_everything else "themes-overview",
                          "How often each theme comes up across the published briefs."))
    for number in range(2, len(paginate(site.briefs, MATRIX_ROWS_PER_PAGE)) + 1):
        src = r.theme_matrix(number)
        pages.append(Page(src, f"Theme matrix (page {number})", lambda src=src, number=number: render(
            "theme_matrix.html", site=site, link=linker(site, src), matrix=_matrix(site, number, linker(site, src))),
            "theme-matrix", "Which brief raises which theme."))
    return pages


def recommendation_pages(site: Site) -> list[Page]:
    r = site.router
    rows = site.recommendation_rows
    chunks = site.recommendation_pages
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        src = r.recommendations_page(number)
        title = "Recommendations tracker" if number == 1 else f"Recommendations tracker (page {number} of {len(chunks)})"

        def content(src=src, chunk=chunk, number=number):
            link = linker(site, src)
            return render(
                "recommendations.html", site=site, link=link, rows=chunk, current=number, pages=len(chunks),
                page_link=lambda n: link(r.recommendations_page(n)),
                overall=summarise("All", rows),
                by_partnership=summaries_by(rows, lambda row: row.brief.partnership),
                by_lead=summaries_by(rows, lambda row: row.lead),
                statuses=STATUS_ORDER, status_names=STATUS_NAMES,
            )

        pages.append(Page(src, title, content, "recommendations", "Every recommendation from every brief, with status and due date."))
    about = r.recommendations_about_data
    pages.append(Page(about, "About the recommendations data", lambda: render(
        "recommendations_about_data.html", site=site, link=linker(site, about), columns=EXPORT_COLUMNS),
        "recommendations-about-data", "What each column of recommendations.csv and recommendations.json means."))
    return pages


def quiz_pages(site: Site) -> list[Page]:
    r = site.router
    pages = [Page(r.quizzes_index, "Quizzes", lambda: render(
        "quizzes_index.html", site=site, link=linker(site, r.quizzes_index)), "quizzes-index",
        "Self-check quizzes on recognising abuse, Think Family and referral pathways.")]
    for quiz in site.content.quizzes.values():
        src = r.quiz(quiz.id)
        pages.append(Page(src, quiz.title, lambda quiz=quiz, src=src: render(
            "quiz.html", site=site, quiz=quiz, options_shown=options_shown(quiz), link=linker(site, src)),
            "quiz", plain_text(quiz.intro)))
    return pages


def seminar_pages(site: Site) -> list[Page]:
    """Per brief, a 7-minute briefing handout; per theme, a seminar pack; and one
    printable feedback form for every briefing and seminar. (Slides are not a
    page of their own: present mode shows the brief page itself as slides.)"""
    r = site.router
    pages = []
    for brief in site.briefs:
        handout = r.brief_handout(brief.slug)
        pages.append(Page(
            handout, f"7-minute briefing: {brief.title}", lambda b=brief, src=handout: render(
                "handout.html", site=site, brief=b, link=linker(site, src), **seminars.handout_context(site, b)),
            "brief-handout", brief.summary, standalone=True, parent=(brief.title, r.brief(brief.slug)),
        ))
    for theme in site.content.themes.values():
        pack = r.seminar_pack(theme.id)

        def pack_content(theme=theme, src=pack):
            briefs = seminars.pack_briefs(site, theme)
            quizzes = site.quizzes_by_theme.get(theme.id, [])
            return render(
                "seminar.html", site=site, link=linker(site, src), theme=theme, briefs=briefs,
                total_briefs=len(site.briefs_by_theme.get(theme.id, [])),
                questions=seminars.discussion_questions(site, theme, briefs),
                plan=seminars.session_plan(briefs, bool(quizzes)), quizzes=quizzes,
            )

        pages.append(Page(pack, f"Seminar pack: {theme.title}", pack_content, "seminar-pack",
                          f"A session plan for a seminar on {theme.title.lower()}."))
    form = r.feedback_form
    pages.append(Page(
        form, "Feedback form", lambda: render("feedback.html", site=site, link=linker(site, form)),
        "feedback", "A printable feedback form for team briefings and seminars.", standalone=True,
    ))
    return pages


def search_page(site: Site) -> Page:
    src = site.router.search
    return Page(src, "Search", lambda: render("search.html", site=site, link=linker(site, src)),
                "search", "Search briefs, quizzes and pages.")


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
