"""Patterns across briefs: theme counts and the recommendations tracker.

Everything is counted here at build time from the YAML; pages, charts, tables
and downloads only present these numbers, so a chart and its table cannot
disagree, and a hand count of the files gives the same answer.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from ..content.markdown import plain_text
from ..content.model import REVIEW_TYPES, STATUSES, Brief, Recommendation, Theme

NOT_RECORDED = "not-recorded"
STATUS_ORDER = (*STATUSES, NOT_RECORDED)
STATUS_NAMES = {**STATUSES, NOT_RECORDED: "Not recorded"}


@dataclass(frozen=True)
class ThemeStats:
    theme: Theme
    briefs: int  # briefs that list the theme
    total_briefs: int  # briefs in the selection
    learning_points: int  # points under the theme in those briefs
    recommendations: int  # recommendations tagged with the theme

    @property
    def share(self) -> float:
        return self.briefs / self.total_briefs if self.total_briefs else 0.0


def theme_stats(themes: Iterable[Theme], briefs: Sequence[Brief]) -> list[ThemeStats]:
    listed: Counter = Counter()
    points: Counter = Counter()
    recommendations: Counter = Counter()
    for brief in briefs:
        listed.update(set(brief.themes))
        for item in brief.learning:
            points[item.theme] += len(item.points)
        for rec in brief.recommendations:
            recommendations.update(set(rec.themes))
    return [
        ThemeStats(theme, listed[theme.id], len(briefs), points[theme.id], recommendations[theme.id])
        for theme in themes
    ]


@dataclass(frozen=True)
class Selection:
    """Which briefs an overview counts: a review type (or all) and a year range."""

    review_type: str | None
    first_year: int | None
    last_year: int | None

    def matches(self, brief: Brief) -> bool:
        if self.review_type and brief.review_type != self.review_type:
            return False
        if self.first_year and brief.year < self.first_year:
            return False
        if self.last_year and brief.year > self.last_year:
            return False
        return True

    def describe(self) -> str:
        kind = REVIEW_TYPES[self.review_type] + "s" if self.review_type else "All briefs"
        if self.first_year is None:
            return kind
        if self.first_year == self.last_year:
            return f"{kind}, {self.first_year}"
        return f"{kind}, {self.first_year} to {self.last_year}"

    @property
    def is_everything(self) -> bool:
        return self.review_type is None and self.first_year is None


SINCE_YEARS = 10  # "since" filters for the most recent years only


def year_ranges(years: Sequence[int]) -> list[tuple[int, int]]:
    """The year ranges the overview offers: each single year, and "since" each
    of the last SINCE_YEARS years after the first, up to the latest. (Since
    the first year is every year.)"""
    years = sorted(set(years))
    ranges = [(year, year) for year in years]
    ranges += [(first, years[-1]) for first in years[1:-1][-SINCE_YEARS:]]
    return ranges


def selections(briefs: Sequence[Brief]) -> list[Selection]:
    """Every filter the themes overview has a page for: all types, then each
    type with briefs, by each year range that holds at least one brief of
    that type. An empty combination has no page (the filter form says so), so
    the pages grow with the briefs, never with types times years."""
    years = sorted({b.year for b in briefs})
    types = [None] + [t for t in REVIEW_TYPES if any(b.review_type == t for b in briefs)]
    result = []
    for review_type in types:
        type_years = {b.year for b in briefs if review_type is None or b.review_type == review_type}
        result.append(Selection(review_type, None, None))
        result += [
            Selection(review_type, first, last)
            for first, last in year_ranges(years)
            if any(first <= year <= last for year in type_years)
        ]
    return result


# -- recommendations -----------------------------------------------------------------


@dataclass(frozen=True)
class RecommendationRow:
    brief: Brief
    recommendation: Recommendation
    overdue: bool

    @property
    def status(self) -> str:
        return self.recommendation.status or NOT_RECORDED

    @property
    def row_id(self) -> str:
        return f"rec-{self.brief.slug}-{self.recommendation.number}"

    @property
    def lead(self) -> str:
        return self.recommendation.lead or "Not recorded"


def is_overdue(rec: Recommendation, today: dt.date) -> bool:
    """Past its due date on the build date and not complete."""
    return rec.due is not None and rec.due < today and rec.status != "complete"


def recommendation_rows(briefs: Sequence[Brief], today: dt.date) -> list[RecommendationRow]:
    return [
        RecommendationRow(brief, rec, is_overdue(rec, today))
        for brief in briefs
        for rec in brief.recommendations
    ]


@dataclass(frozen=True)
class StatusSummary:
    name: str  # what is being summarised: "All partnerships", a partnership, a lead
    total: int
    counts: dict[str, int]  # status -> count, every status present
    overdue: int


def summarise(name: str, rows: Sequence[RecommendationRow]) -> StatusSummary:
    counts = Counter(row.status for row in rows)
    return StatusSummary(
        name=name,
        total=len(rows),
        counts={status: counts.get(status, 0) for status in STATUS_ORDER},
        overdue=sum(1 for row in rows if row.overdue),
    )


def summaries_by(rows: Sequence[RecommendationRow], key: Callable[[RecommendationRow], str]) -> list[StatusSummary]:
    groups: dict[str, list[RecommendationRow]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return [summarise(name, group) for name, group in sorted(groups.items(), key=lambda item: item[0].casefold())]


# -- downloads -----------------------------------------------------------------------

@dataclass(frozen=True)
class ExportColumn:
    name: str
    meaning: str  # plain words, for the "About the data" page and the README


# The stable columns of recommendations.csv and of each object in
# recommendations.json, in order, declared once: the files, the site's "About
# the data" page and the README's table all come from here. Add columns at the end.
EXPORT_COLUMNS = (
    ExportColumn("id", "The brief's slug, # and the recommendation's number, such as kent-2014#2. It stays the same while the brief's recommendations keep their order."),
    ExportColumn("brief_slug", "The brief's short name, as in its web address."),
    ExportColumn("brief_title", "The brief's title."),
    ExportColumn("brief_url", "The brief's full web address."),
    ExportColumn("partnership", "The partnership that commissioned the review."),
    ExportColumn("review_type", "The kind of review as a code, such as DHR."),
    ExportColumn("published", "When the brief was published on this site, as YYYY-MM-DD."),
    ExportColumn("number", "The recommendation's place in the brief, counting from 1."),
    ExportColumn("text", "The recommendation, as plain text."),
    ExportColumn("lead", "The agency or role that leads the action; empty if none is recorded."),
    ExportColumn("themes", "Theme ids: separated by ; in the CSV, a list in the JSON."),
    ExportColumn("status", "not-started, in-progress, complete or not-recorded."),
    ExportColumn("due", "The due date as YYYY-MM-DD; empty if none is set."),
    ExportColumn("overdue", "Whether it was due before the site was built and is not complete: yes or no in the CSV, true or false in the JSON."),
    ExportColumn("evidence", "What shows the action was done, as plain text; may be empty."),
    ExportColumn("review_type_label", "The kind of review in full, such as Domestic Homicide Review."),
    ExportColumn("theme_labels", "The themes' names, in the same order as themes: separated by ; in the CSV, a list in the JSON."),
    ExportColumn("status_label", "The status as people say it, such as In progress or Not recorded."),
)
CSV_COLUMNS = tuple(column.name for column in EXPORT_COLUMNS)

COLUMNS_README_START = "<!-- recommendation-columns:start (generated by scripts/update_schemas.py; do not edit) -->"
COLUMNS_README_END = "<!-- recommendation-columns:end -->"


def columns_reference() -> str:
    """The README's table of download columns, between its markers."""
    rows = [f"  | `{c.name}` | {c.meaning} |" for c in EXPORT_COLUMNS]
    return "\n".join([COLUMNS_README_START, "", "  | Column | Meaning |", "  |---|---|", *rows, "", COLUMNS_README_END])


def export_record(row: RecommendationRow, brief_url: str, theme_titles: dict[str, str]) -> dict:
    rec = row.recommendation
    return {
        "id": f"{row.brief.slug}#{rec.number}",
        "brief_slug": row.brief.slug,
        "brief_title": row.brief.title,
        "brief_url": brief_url,
        "partnership": row.brief.partnership,
        "review_type": row.brief.review_type,
        "published": row.brief.published.isoformat(),
        "number": rec.number,
        "text": plain_text(rec.text),
        "lead": rec.lead or "",
        "themes": list(rec.themes),
        "status": row.status,
        "due": rec.due.isoformat() if rec.due else "",
        "overdue": row.overdue,
        "evidence": plain_text(rec.evidence) if rec.evidence else "",
        "review_type_label": row.brief.review_type_name,
        "theme_labels": [theme_titles.get(t, t) for t in rec.themes],
        "status_label": STATUS_NAMES[row.status],
    }
