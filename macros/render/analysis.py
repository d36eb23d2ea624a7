"""Patterns across briefs: theme counts and the recommendations tracker.

Everything is counted here at build time from the YAML; pages, charts, tables
and downloads only present these numbers, so a chart and its table cannot
disagree, and a hand count of the files gives the same answer.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from ..content.markdown import plain_text
from ..content.model import CLOSED_STATUSES, REVIEW_TYPES, STATUSES, Brief, Recommendation, Theme

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


@dataclass
class ThemeCounts:
    """What theme stats are made from, for a set of briefs. Counts of sets
    with no brief in common add up, so the themes overview counts each review
    type and year once and adds up the cells each of its pages covers."""

    briefs: int = 0
    listed: Counter = field(default_factory=Counter)  # briefs that list each theme
    points: Counter = field(default_factory=Counter)  # learning points under each theme
    recommendations: Counter = field(default_factory=Counter)  # recommendations tagged with each theme

    @classmethod
    def of(cls, briefs: Iterable[Brief]) -> ThemeCounts:
        counts = cls()
        for brief in briefs:
            counts.briefs += 1
            counts.listed.update(set(brief.themes))
            for item in brief.learning:
                counts.points[item.theme] += len(item.points)
            for rec in brief.recommendations:
                counts.recommendations.update(set(rec.themes))
        return counts

    @classmethod
    def total(cls, parts: Iterable[ThemeCounts]) -> ThemeCounts:
        counts = cls()
        for part in parts:
            counts.briefs += part.briefs
            counts.listed.update(part.listed)
            counts.points.update(part.points)
            counts.recommendations.update(part.recommendations)
        return counts


def theme_stats(themes: Iterable[Theme], counts: ThemeCounts) -> list[ThemeStats]:
    return [
        ThemeStats(theme, counts.listed[theme.id], counts.briefs, counts.points[theme.id], counts.recommendations[theme.id])
        for theme in themes
    ]


@dataclass(frozen=True)
class Selection:
    """Which briefs an overview counts: a review type (or all) and a year range."""

    review_type: str | None
    first_year: int | None
    last_year: int | None

    def matches(self, brief: Brief) -> bool:
        return self.covers(brief.review_type, brief.year)

    def covers(self, review_type: str, year: int) -> bool:
        """Whether briefs of this type and year are in the selection."""
        if self.review_type and review_type != self.review_type:
            return False
        if self.first_year and year < self.first_year:
            return False
        if self.last_year and year > self.last_year:
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


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier (the 31st becomes the last day of a shorter month)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


@dataclass(frozen=True)
class RecommendationRow:
    """A recommendation with what the build date says about it."""

    brief: Brief
    recommendation: Recommendation
    overdue: bool  # past its due date and still open
    quiet: bool  # still open, with no update (or, without updates, no publication) since the window began
    days_since_update: int | None  # since the last update; None when there are none

    @property
    def status(self) -> str:
        return self.recommendation.current_status or NOT_RECORDED

    @property
    def row_id(self) -> str:
        return f"rec-{self.brief.slug}-{self.recommendation.number}"

    @property
    def lead(self) -> str:
        return self.recommendation.lead or "Not recorded"

    @property
    def evidence(self) -> str | None:
        """What shows the current status: the evidence of the latest of the
        updates that left it in that status (a reopened recommendation's old
        evidence shows nothing now), else the recommendation's own."""
        rec = self.recommendation
        for update in reversed(rec.updates):
            if update.status != rec.current_status:
                break
            if update.evidence:
                return update.evidence
        return rec.evidence

    @property
    def review_year(self) -> int:
        """The year of the review itself when known, else of the brief."""
        return self.brief.review_published.year if self.brief.review_published else self.brief.published.year


def is_open(rec: Recommendation) -> bool:
    return rec.current_status not in CLOSED_STATUSES


def is_overdue(rec: Recommendation, today: dt.date) -> bool:
    """Past its due date on the build date and not closed."""
    return rec.due is not None and rec.due < today and is_open(rec)


def recommendation_rows(briefs: Sequence[Brief], today: dt.date, quiet_months: int = 6) -> list[RecommendationRow]:
    quiet_since = months_before(today, quiet_months)
    rows = []
    for brief in briefs:
        for rec in brief.recommendations:
            last_heard = rec.last_update or brief.published
            rows.append(RecommendationRow(
                brief, rec, is_overdue(rec, today),
                quiet=is_open(rec) and last_heard < quiet_since,
                days_since_update=(today - rec.last_update).days if rec.last_update else None,
            ))
    return rows


HISTORY_QUARTERS = 12  # three years of quarters: enough to see a trend, short enough to read


def quarter_end(day: dt.date) -> dt.date:
    month = (day.month - 1) // 3 * 3 + 3
    return dt.date(day.year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def status_by_quarter(rows: Sequence[RecommendationRow], today: dt.date,
                      quarters: int = HISTORY_QUARTERS) -> list[tuple[str, dict[str, int]]]:
    """("Q1 2025", status -> count) at the end of each quarter, the current one
    counted as at the build date, for the last `quarters` quarters since the
    first brief with recommendations. A recommendation counts from its brief's
    publication, with the status of its latest update by then; one with no
    updates counts with its written status throughout, since nothing says when
    it changed."""
    if not rows:
        return []
    start = quarter_end(min(row.brief.published for row in rows))
    ends = []
    end = quarter_end(today)
    while end >= start and len(ends) < quarters:
        ends.append(min(end, today))
        end = quarter_end(dt.date(end.year, end.month, 1) - dt.timedelta(days=80))
    history = []
    for day in reversed(ends):
        counts = Counter()
        for row in rows:
            if row.brief.published > day:
                continue
            counts[row.recommendation.status_on(day) or NOT_RECORDED] += 1
        label = f"Q{(day.month - 1) // 3 + 1} {day.year}" + (" (to date)" if day == today and quarter_end(today) != today else "")
        history.append((label, {status: counts.get(status, 0) for status in STATUS_ORDER}))
    return history


@dataclass(frozen=True)
class StatusSummary:
    name: str  # what is being summarised: "All partnerships", a partnership, a lead
    total: int
    counts: dict[str, int]  # status -> count, every status present
    overdue: int
    quiet: int


def summarise(name: str, rows: Sequence[RecommendationRow]) -> StatusSummary:
    counts = Counter(row.status for row in rows)
    return StatusSummary(
        name=name,
        total=len(rows),
        counts={status: counts.get(status, 0) for status in STATUS_ORDER},
        overdue=sum(1 for row in rows if row.overdue),
        quiet=sum(1 for row in rows if row.quiet),
    )


def summaries_by(rows: Sequence[RecommendationRow], key: Callable[[RecommendationRow], str]) -> list[StatusSummary]:
    """One summary per name, in alphabetical order whatever order the rows
    come in: "Police" and "police" are ordered by their letters' case too, so
    the tracker can keep the summaries while what they count is the same."""
    groups: dict[str, list[RecommendationRow]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return [summarise(name, group) for name, group in sorted(groups.items(), key=lambda item: (item[0].casefold(), item[0]))]


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
    ExportColumn("status", "The current status (the latest update's): not-started, in-progress, complete, not-accepted, superseded or not-recorded."),
    ExportColumn("due", "The due date as YYYY-MM-DD; empty if none is set."),
    ExportColumn("overdue", "Whether it was due before the site was built and is still open (not complete, not accepted or superseded): yes or no in the CSV, true or false in the JSON."),
    ExportColumn("evidence", "What shows the current status, as plain text: the latest evidence among the updates that left it in that status, else the recommendation's own; may be empty."),
    ExportColumn("review_type_label", "The kind of review in full, such as Domestic Homicide Review."),
    ExportColumn("theme_labels", "The themes' names, in the same order as themes: separated by ; in the CSV, a list in the JSON."),
    ExportColumn("status_label", "The status as people say it, such as In progress or Not recorded."),
    ExportColumn("last_update", "The date of the latest update, as YYYY-MM-DD; empty if there are none."),
    ExportColumn("days_since_update", "Days from the latest update to the build date; empty if there are none."),
    ExportColumn("no_update", "Whether it is still open and has gone quiet: no update (or, with no updates, no publication) within the site's window, six months unless the partnership sets another: yes or no in the CSV, true or false in the JSON."),
)
# In recommendations.json only, after the columns: the whole history.
JSON_ONLY_FIELDS = (
    ExportColumn("updates", "Every update, oldest first, each with date, status, status_label, note, evidence and by (a role or agency); an empty list if there are none."),
)
CSV_COLUMNS = tuple(column.name for column in EXPORT_COLUMNS)

COLUMNS_README_START = "<!-- recommendation-columns:start (generated by scripts/update_schemas.py; do not edit) -->"
COLUMNS_README_END = "<!-- recommendation-columns:end -->"


def columns_table(start: str, end: str, columns: Sequence[ExportColumn], json_only: Sequence[ExportColumn] = (),
                  indent: str = "") -> str:
    """A README table of a download's columns, between its generated-section markers."""
    rows = [f"{indent}| `{c.name}` | {c.meaning} |" for c in columns]
    rows += [f"{indent}| `{c.name}` (JSON only) | {c.meaning} |" for c in json_only]
    return "\n".join([start, "", f"{indent}| Column | Meaning |", f"{indent}|---|---|", *rows, "", end])


def columns_reference() -> str:
    """The README's table of the recommendation downloads' columns (inside a list item, so indented)."""
    return columns_table(COLUMNS_README_START, COLUMNS_README_END, EXPORT_COLUMNS, JSON_ONLY_FIELDS, indent="  ")


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
        "evidence": plain_text(row.evidence) if row.evidence else "",
        "review_type_label": row.brief.review_type_name,
        "theme_labels": [theme_titles.get(t, t) for t in rec.themes],
        "status_label": STATUS_NAMES[row.status],
        "last_update": rec.last_update.isoformat() if rec.last_update else "",
        "days_since_update": row.days_since_update if row.days_since_update is not None else "",
        "no_update": row.quiet,
    }


def export_history(rec: Recommendation) -> list[dict]:
    """A recommendation's updates for recommendations.json (JSON_ONLY_FIELDS)."""
    return [
        {"date": u.date.isoformat(), "status": u.status, "status_label": STATUS_NAMES[u.status],
         "note": plain_text(u.note) if u.note else "", "evidence": plain_text(u.evidence) if u.evidence else "",
         "by": u.by or ""}
        for u in rec.updates
    ]
