"""Everything the renderers need about the whole site, computed once per build."""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain, groupby
from operator import itemgetter
from typing import Callable, TypeVar

from ..content.loader import Content
from ..content.model import REVIEW_TYPES, Brief, Quiz
from ..content.settings import SiteSettings
from .analysis import (
    STATUS_ORDER, RecommendationRow, Selection, ThemeCounts, export_record, recommendation_rows, selections, status_by_quarter,
    summaries_by, summarise,
)
from .routes import Router, slugify

T = TypeVar("T")

RECOMMENDATIONS_PER_PAGE = 100
RELATED_CANDIDATES = 300  # the newest briefs on each theme that related() considers


@dataclass(frozen=True)
class Partnership:
    slug: str
    name: str
    briefs: tuple[Brief, ...]


class Memo:
    """Work done for one brief (its search entry, its open-data record, its
    rows of the recommendation downloads), kept from one `mkdocs serve`
    rebuild to the next: an unchanged file's brief is the same object build
    after build (loader._read_files), so its results hold. Other work (related briefs, a page the theme renders) is kept with
    the inputs it was made from, and holds while they are equal. Everything
    is forgotten when what every page shares changes (Site.shared_inputs),
    and a result unused for a whole build is dropped.
    A plain build keeps nothing (`keep=False`): holding every brief's results
    at once would raise its peak memory, at 10,000 briefs past 1 GB."""

    def __init__(self, keep: bool = False) -> None:
        self.keep = keep
        self._shared: tuple | None = None
        # (what, id of the object) -> (the object, result); (what, None) -> (inputs, result)
        self._results: dict[tuple[str, int | None], tuple[object, object]] = {}
        self._last: dict[tuple[str, int | None], tuple[object, object]] = {}

    def start(self, shared: tuple) -> None:
        """A new build, with these shared inputs."""
        self._last = self._results if shared == self._shared else {}
        self._results, self._shared = {}, shared

    def get(self, what: str, of: object, make: Callable[[], T]) -> T:
        if not self.keep:
            return make()
        key = (what, id(of))
        found = self._results.get(key) or self._last.get(key)
        # The object itself is kept with its result, so its id is not reused meanwhile.
        if found is None or found[0] is not of:
            found = (of, make())
        self._results[key] = found
        return found[1]

    def keyed(self, what: str, inputs: tuple, make: Callable[[], T]) -> T:
        """A result that holds while `inputs` are equal (in value, not identity)."""
        if not self.keep:
            return make()
        key = (what, None)
        found = self._results.get(key) or self._last.get(key)
        if found is None or found[0] != inputs:
            found = (inputs, make())
        self._results[key] = found
        return found[1]

    def revise(self, what: str, make: Callable[[T | None], T]) -> T:
        """`make`'s result, given the last build's (None at first, and always in
        a plain build): for work cheaper to patch than to redo. `make` checks
        what the last result was made from."""
        if not self.keep:
            return make(None)
        key = (what, None)
        found = self._results.get(key) or self._last.get(key)
        result = make(found[1] if found else None)
        self._results[key] = (None, result)
        return result

    def same(self, what: str, value: T) -> T:
        """`value`, or the last build's if it is equal. Many pages' inputs hold
        the same whole-site value (the tracker's counts, the themes' facts);
        this compares it once, and their fingerprints then compare it by identity."""
        return self.keyed(what, value, lambda: value)


@dataclass
class Site:
    content: Content
    settings: SiteSettings
    router: Router = field(default_factory=Router)
    today: dt.date = field(default_factory=dt.date.today)  # the build date: "overdue" is relative to it
    site_name: str = "Learning from reviews"
    site_description: str = ""  # for pages with no description of their own
    site_url: str = "https://learning.example.org/"  # absolute addresses in the feed and downloads
    memo: Memo = field(default_factory=Memo, repr=False, compare=False)  # `mkdocs serve` keeps one between builds

    def __post_init__(self) -> None:
        self.memo.start(self.shared_inputs)

    @property
    def briefs(self) -> list[Brief]:
        return self.content.briefs

    @cached_property
    def shared_inputs(self) -> tuple:
        """What any page may show, besides what it declares itself (pages.Page.inputs):
        a change here rewrites every page of a `mkdocs serve` preview."""
        return (self.settings, tuple(self.content.themes.items()), tuple(self.content.quizzes.items()),
                self.today, self.site_name, self.site_description, self.site_url, self.router.use_directory_urls)

    @cached_property
    def facet_counts(self) -> tuple:
        """How many briefs each type, year, theme and partnership has: what the
        filter forms and the browse links show."""
        return (
            tuple((key, len(briefs)) for key, briefs in self.briefs_by_type.items()),
            tuple((key, len(briefs)) for key, briefs in self.briefs_by_year.items()),
            tuple((key, len(briefs)) for key, briefs in self.briefs_by_theme.items()),
            tuple((p.slug, p.name, len(p.briefs)) for p in self.partnerships.values()),
        )

    @cached_property
    def theme_facts(self) -> tuple:
        """What the themes overview counts and filters by (analysis.theme_stats):
        each brief's year, type and themes, its learning points by theme and
        its recommendations' themes. In the order of the briefs' slugs, not of
        the listings, which the overview never shows: a brief that moves in
        the listings (a new title, say) leaves every page of the overview alone.
        Each brief's facts are kept with it, so comparing them with the last
        build's is mostly comparing each with itself."""
        return self.memo.same("theme facts", tuple(
            self.memo.get("theme facts of", b, lambda b=b: (
                b.year, b.review_type, b.themes, tuple((item.theme, len(item.points)) for item in b.learning),
                tuple(rec.themes for rec in b.recommendations)))
            for b in sorted(self.briefs, key=lambda b: b.slug)))

    @cached_property
    def theme_counts(self) -> dict[tuple[str, int], ThemeCounts]:
        """The themes overview's counts for each review type and year: each of
        its pages adds up the ones it covers, rather than counting every brief
        again (174 pages at 10,000 briefs)."""
        groups: dict[tuple[str, int], list[Brief]] = defaultdict(list)
        for brief in self.briefs:
            groups[(brief.review_type, brief.year)].append(brief)
        return {cell: ThemeCounts.of(briefs) for cell, briefs in groups.items()}

    @cached_property
    def briefs_by_theme(self) -> dict[str, list[Brief]]:
        index: dict[str, list[Brief]] = {theme_id: [] for theme_id in self.content.themes}
        for brief in self.briefs:
            for theme_id in brief.themes:
                index.setdefault(theme_id, []).append(brief)
        return index

    @cached_property
    def quizzes_by_theme(self) -> dict[str, list[Quiz]]:
        index: dict[str, list[Quiz]] = defaultdict(list)
        for quiz in self.content.quizzes.values():
            for theme_id in quiz.themes:
                index[theme_id].append(quiz)
        return index

    @cached_property
    def briefs_by_year(self) -> dict[int, list[Brief]]:
        index: dict[int, list[Brief]] = {}
        for brief in self.briefs:
            index.setdefault(brief.year, []).append(brief)
        return index

    @cached_property
    def briefs_by_type(self) -> dict[str, list[Brief]]:
        index: dict[str, list[Brief]] = {}
        for review_type in REVIEW_TYPES:
            matching = [b for b in self.briefs if b.review_type == review_type]
            if matching:
                index[review_type] = matching
        return index

    @cached_property
    def partnerships(self) -> dict[str, Partnership]:
        """By slug; names that differ only in case or punctuation are one partnership."""
        grouped: dict[str, list[Brief]] = {}
        for brief in self.briefs:
            grouped.setdefault(slugify(brief.partnership), []).append(brief)
        result = {}
        for slug, briefs in sorted(grouped.items()):
            name = Counter(b.partnership for b in briefs).most_common(1)[0][0]
            result[slug] = Partnership(slug, name, tuple(briefs))
        return result

    @cached_property
    def learning_points_by_theme(self) -> dict[str, int]:
        counts: Counter = Counter()
        for brief in self.briefs:
            for item in brief.learning:
                counts[item.theme] += len(item.points)
        return dict(counts)

    @cached_property
    def overview_selections(self) -> list[Selection]:
        """Every filter the themes overview has a page for (analysis.selections)."""
        return selections(self.briefs)

    @cached_property
    def overview_choices(self) -> dict[str, str]:
        """The overview filter form's choices, "type/years" as its fields name
        them, and the page each leads to; a choice with no page has no brief."""
        return {
            f"{slugify(s.review_type) if s.review_type else 'all'}/"
            f"{f'{s.first_year}-{s.last_year}' if s.first_year else 'all-years'}":
                self.router.themes_overview(s.review_type, s.first_year, s.last_year)
            for s in self.overview_selections
        }

    @cached_property
    def recommendation_rows(self) -> list[RecommendationRow]:
        # A brief's rows say what the build date makes of its recommendations;
        # `mkdocs serve` keeps an unchanged brief's, so pages compare them by identity.
        return [row for brief in self.briefs for row in self.memo.get(
            "recommendation rows", brief, lambda: recommendation_rows([brief], self.today, self.settings.no_update_months))]

    @cached_property
    def statuses_in_use(self) -> list[str]:
        """The statuses the recommendations have, in order: a column or an
        option for a status nobody uses only makes a table wider."""
        used = {row.status for row in self.recommendation_rows}
        return [s for s in STATUS_ORDER if s in used] or list(STATUS_ORDER)

    @cached_property
    def recommendation_records(self) -> list[dict]:
        """Each recommendation row as the downloads and the tracker's data have it."""
        return [record for _, _, records in self.recommendations_by_brief for record in records]

    @cached_property
    def recommendations_by_brief(self) -> list[tuple[Brief, list[RecommendationRow], list[dict]]]:
        """(brief, its rows, their records) for each brief with recommendations,
        in the rows' order: the downloads are made a brief at a time, so that
        `mkdocs serve` can keep each unchanged brief's part (Memo)."""
        titles = {theme_id: theme.title for theme_id, theme in self.content.themes.items()}
        grouped = []
        for _, rows in groupby(self.recommendation_rows, key=lambda row: id(row.brief)):
            rows = list(rows)
            brief = rows[0].brief
            url = self.address(self.router.brief(brief.slug))
            grouped.append((brief, rows, self.memo.get(
                "recommendation records", brief, lambda: [export_record(row, url, titles) for row in rows])))
        return grouped

    @cached_property
    def tracker_summaries(self) -> dict[str, object]:
        """Counts by status overall, by partnership, by lead and by year of review.
        Kept while what they count is the same, in any order: a brief's new
        title or summary leaves them, and every tracker page, alone."""
        rows = self.recommendation_rows
        counted = dict(Counter((row.brief.partnership, row.lead, row.review_year, row.status, row.overdue, row.quiet)
                               for row in rows))
        return self.memo.same("tracker summaries", self.memo.keyed("tracker summaries of rows", counted, lambda: {
            "overall": summarise("All", rows),
            "by_partnership": summaries_by(rows, lambda row: row.brief.partnership),
            "by_lead": summaries_by(rows, lambda row: row.lead),
            "by_year": summaries_by(rows, lambda row: str(row.review_year)),
        }))

    @cached_property
    def status_history(self) -> list[tuple[str, dict[str, int]]]:
        """The recommendations by status at the end of each quarter (the
        tracker's chart), kept while each row's brief date and recommendation
        are the same: counting them is a pass over every row per quarter."""
        rows = self.recommendation_rows
        made_from = (self.today, tuple((row.brief.published, row.recommendation) for row in rows))
        return self.memo.keyed("status history", made_from, lambda: status_by_quarter(rows, self.today))

    @cached_property
    def _rows_by_id(self) -> dict[str, RecommendationRow]:
        return {row.row_id: row for row in self.recommendation_rows}

    def row_of(self, brief: Brief, number: int) -> RecommendationRow:
        """What the build date says about a brief's recommendation (overdue, quiet)."""
        return self._rows_by_id[f"rec-{brief.slug}-{number}"]

    @cached_property
    def recommendation_pages(self) -> list[list[RecommendationRow]]:
        rows = self.recommendation_rows
        size = RECOMMENDATIONS_PER_PAGE
        return [rows[i : i + size] for i in range(0, len(rows), size)] or [[]]

    @cached_property
    def _recommendation_page_of(self) -> dict[str, int]:
        return {
            row.brief.slug: number
            for number, rows in reversed(list(enumerate(self.recommendation_pages, start=1)))
            for row in rows
        }

    def recommendations_link(self, brief: Brief) -> tuple[str, str]:
        """(page, fragment) of the tracker where a brief's rows start."""
        number = self._recommendation_page_of.get(brief.slug, 1)
        return self.router.recommendations_page(number), f"rec-{brief.slug}-1"

    def address(self, src: str) -> str:
        """The page's full address, for the feed, the downloads and paper."""
        return self.site_url.rstrip("/") + "/" + self.router.url(src)

    def theme_title(self, theme_id: str) -> str:
        theme = self.content.themes.get(theme_id)
        return theme.title if theme else theme_id

    @cached_property
    def _related_index(self) -> tuple[list[Brief], dict[str, int], dict[str, list[int]]]:
        """Briefs in tie-break order for `related` (newest, then by name), each
        brief's place in that order, and the places of each theme's briefs."""
        ordered = sorted(self.briefs, key=lambda b: (-b.published.toordinal(), b.slug))
        place = {b.slug: i for i, b in enumerate(ordered)}
        by_theme = {t: sorted(place[b.slug] for b in briefs) for t, briefs in self.briefs_by_theme.items()}
        return ordered, place, by_theme

    def related(self, brief: Brief, limit: int = 3) -> list[tuple[Brief, int]]:
        """Among the newest RELATED_CANDIDATES briefs on each of its themes, the
        ones sharing the most themes with `brief`, then the newest.

        Never every pair: each brief looks at a bounded number of others, so
        the work grows in line with the library (at 10,000 briefs a theme can
        have thousands). On a site with fewer briefs a theme than the bound,
        this is exactly "most shared themes, then newest". Counting and ranking
        are left to C; places are counted in ascending order, and nlargest
        keeps that order among equal counts."""
        ordered, place, by_theme = self._related_index
        best = self._related_found.get((brief.slug, limit))
        if best is None:
            shared = Counter(sorted(chain.from_iterable(by_theme.get(t, ())[:RELATED_CANDIDATES] for t in brief.themes)))
            shared.pop(place[brief.slug], None)
            best = self._related_found[brief.slug, limit] = heapq.nlargest(limit, shared.items(), key=itemgetter(1))
        return [(ordered[number], count) for number, count in best]

    @cached_property
    def _related_found(self) -> dict[tuple[str, int], list[tuple[int, int]]]:
        """related()'s answers, as places in _related_index's order. Only each
        brief's date, name and themes decide them, so `mkdocs serve` keeps them
        from one rebuild to the next until one of those changes; taken in that
        order, not the listings', a new title that moves a brief in the
        listings keeps them too."""
        facts = tuple((b.slug, b.published, b.themes) for b in self._related_index[0])
        return self.memo.keyed("related briefs", facts, dict)
