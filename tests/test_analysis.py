"""Themes analysis, the recommendations tracker and the feeds, checked against
a hand count of three held-out briefs (tests/fixtures/briefs/analysis)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import feedparser
import pytest

from conftest import BUILD_EPOCH, FIXTURES, build, make_project
from macros.content.loader import load_content
from macros.content.model import REVIEW_TYPES
from macros.render.analysis import (
    CSV_COLUMNS,
    Selection,
    recommendation_rows,
    selections,
    year_ranges,
    summaries_by,
    summarise,
    ThemeCounts,
    theme_stats,
)

HELD_OUT = FIXTURES / "briefs" / "analysis"
BUILD_DATE = dt.datetime.fromtimestamp(int(BUILD_EPOCH), tz=dt.timezone.utc).date()


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return make_project(
        tmp_path_factory.mktemp("analysis"),
        briefs={p.name: p.read_text() for p in HELD_OUT.glob("*.yml")},
        seed_briefs=False,
    )


@pytest.fixture(scope="module")
def content(project):
    result = load_content(project)
    assert result.ok, result.problems
    return result.content


@pytest.fixture(scope="module")
def site(project):
    result = build(project)
    assert result.returncode == 0, result.output
    return result.site


# -- counting ------------------------------------------------------------------------


def test_theme_counts_match_a_hand_count(content):
    stats = {s.theme.id: s for s in theme_stats(content.themes.values(), ThemeCounts.of(content.briefs))}
    assert (stats["carers"].briefs, stats["carers"].total_briefs) == (2, 3)
    assert (stats["training"].briefs, stats["recording"].briefs, stats["risk-assessment"].briefs) == (2, 1, 1)
    assert stats["think-family"].briefs == 0
    assert [stats[t].learning_points for t in ("carers", "training", "recording", "risk-assessment")] == [3, 2, 3, 2]
    assert [stats[t].recommendations for t in ("carers", "training", "recording", "risk-assessment")] == [2, 1, 1, 1]


def test_status_counts_and_overdue_against_the_build_date(content):
    rows = recommendation_rows(content.briefs, BUILD_DATE)
    overall = summarise("All", rows)
    assert overall.total == 5
    assert overall.counts == {"not-started": 1, "in-progress": 1, "complete": 2, "not-accepted": 0, "superseded": 0,
                              "not-recorded": 1}
    assert overall.overdue == 2
    assert sorted(r.row_id for r in rows if r.overdue) == ["rec-alpha-2", "rec-bravo-2"]
    by_partnership = {s.name: s for s in summaries_by(rows, lambda r: r.brief.partnership)}
    assert (by_partnership["Northshire"].total, by_partnership["Northshire"].overdue) == (3, 1)
    assert by_partnership["Southshire"].counts["not-recorded"] == 1
    by_lead = {s.name: s.total for s in summaries_by(rows, lambda r: r.lead)}
    assert by_lead == {"Adult Social Care": 2, "Not recorded": 1, "Police": 2}


def test_summaries_are_in_the_same_order_whatever_order_the_rows_come_in():
    """Names that differ only in case included: `mkdocs serve` keeps the
    tracker's summaries while what they count is the same (Site.tracker_summaries)."""
    rows = [SimpleNamespace(lead=lead, status="complete", overdue=False, quiet=False)
            for lead in ("Police", "police", "Adult Social Care", "POLICE", "adult social care")]
    orders = {tuple(s.name for s in summaries_by(ordered, lambda r: r.lead)) for ordered in (rows, rows[::-1], rows[2:] + rows[:2])}
    assert orders == {("Adult Social Care", "adult social care", "POLICE", "Police", "police")}


def test_selections_cover_every_type_and_year_range_with_briefs(content):
    found = selections(content.briefs)
    assert Selection(None, None, None) in found
    assert Selection("DHR", 2024, 2025) in found and Selection("SAR", 2024, 2024) in found
    assert Selection("SAR", 2023, 2023) not in found and Selection("DHR", 2024, 2024) not in found
    # all: every type, 3 years, since 2024; DHR: all, 2023, 2025, since 2024; SAR: all, 2024, since 2024
    assert len(found) == 5 + 4 + 3


def test_year_ranges_grow_linearly_with_the_years_covered():
    assert year_ranges([2020, 2021, 2022, 2023]) == [
        (2020, 2020), (2021, 2021), (2022, 2022), (2023, 2023), (2021, 2023), (2022, 2023)
    ]
    assert len(year_ranges(list(range(2000, 2026)))) == 26 + 10  # "since" only for recent years


def test_overview_pages_grow_with_the_briefs_not_with_types_times_years():
    """120 briefs, each in a year of its own and spread over the review types:
    every combination of type and year would be over 1,600 pages."""
    types = list(REVIEW_TYPES)
    briefs = [
        SimpleNamespace(year=1900 + i, review_type=types[i % len(types)], published=dt.date(1900 + i, 1, 1))
        for i in range(120)
    ]
    found = selections(briefs)
    assert all(any(s.matches(b) for b in briefs) for s in found), "no page for an empty combination"
    assert len(found) <= 4 * len(briefs)


def test_overview_counts_added_up_by_type_and_year_equal_counting_the_briefs(content):
    # The overview adds up counts kept per review type and year (Site.theme_counts).
    cells = {}
    for brief in content.briefs:
        cells.setdefault((brief.review_type, brief.year), []).append(brief)
    kept = {cell: ThemeCounts.of(briefs) for cell, briefs in cells.items()}
    chosen_somewhere = 0
    for selection in [Selection(None, None, None), *selections(content.briefs)]:
        chosen = [b for b in content.briefs if selection.matches(b)]
        added = ThemeCounts.total(c for cell, c in kept.items() if selection.covers(*cell))
        assert theme_stats(content.themes.values(), added) == theme_stats(content.themes.values(), ThemeCounts.of(chosen))
        chosen_somewhere += 0 < len(chosen) < len(content.briefs)
    assert chosen_somewhere  # some selections really were parts of the whole


def test_empty_selection_has_no_division_by_zero(content):
    nothing = [b for b in content.briefs if Selection("SAR", 2023, 2023).matches(b)]
    stats = theme_stats(content.themes.values(), ThemeCounts.of(nothing))
    assert all(s.briefs == 0 and s.share == 0 for s in stats)


# -- pages ---------------------------------------------------------------------------


class _Table(HTMLParser):
    """Rows of the first table with data-lb-chart-table, as lists of cell texts."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self.inside = False
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and "data-lb-chart-table" in dict(attrs):
            self.inside = True
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = False
        elif self.inside and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def table_and_chart(page: Path):
    html = page.read_text()
    parser = _Table()
    parser.feed(html)
    table = {row[0]: row[1:] for row in parser.rows[1:]}
    chart = dict(re.findall(r'class="lb-chart__label">([^<]+)</span>.*?class="lb-chart__value">([^<]+)</span>', html))
    return table, chart


def test_overview_table_and_chart_agree_with_the_hand_count(site):
    table, chart = table_and_chart(site / "themes" / "index.html")
    assert table["Carers"] == ["2 of 3", "67%", "3", "2"]
    assert table["Recording"] == ["1 of 3", "33%", "3", "1"]
    assert table["Think Family"] == ["0 of 3", "0%", "0", "0"]
    assert set(chart) == set(table)
    for theme, cells in table.items():
        assert chart[theme] == f"{cells[0]} ({cells[1]})", theme


def test_filtered_overviews(site):
    table, chart = table_and_chart(site / "themes/overview/dhr/all-years/index.html")
    assert table["Training"][:2] == ["2 of 2", "100%"]
    assert table["Carers"][:2] == ["1 of 2", "50%"]
    table, _ = table_and_chart(site / "themes/overview/all/2024-2025/index.html")
    assert table["Carers"][:2] == ["1 of 2", "50%"]
    # No SAR was published in 2023: no page draws bars of "0 of 0".
    assert not (site / "themes/overview/sar/2023-2023").exists()


def test_matrix_marks_each_brief_theme_pair(site):
    html = (site / "themes" / "index.html").read_text()
    matrix = html[html.index('class="lb-table lb-matrix"'):]
    alpha_row = matrix[matrix.index("Alpha review"):].split("</tr>")[0]
    assert alpha_row.count("●") == 3


def test_empty_states(site):
    assert "No brief raises this theme yet." in (site / "themes/think-family/index.html").read_text()
    assert "The review made no formal recommendations." in (site / "briefs/charlie/index.html").read_text()


def test_tracker_page_shows_the_counts(site):
    html = (site / "recommendations/index.html").read_text()
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "Complete : 2 of 5 (40%)" in text.replace("Complete</span>", "Complete")
    assert "Overdue : 2 of 5 (40%)" in text
    assert html.count('</time> <strong class="lb-overdue">Overdue</strong>') == 2  # flags in the table
    for row_id in ("rec-alpha-1", "rec-alpha-2", "rec-alpha-3", "rec-bravo-1", "rec-bravo-2"):
        assert f'id="{row_id}"' in html


def test_brief_links_to_its_rows_in_the_tracker(site):
    html = (site / "briefs/alpha/index.html").read_text()
    assert 'href="../../recommendations/#rec-alpha-1"' in html


def test_csv_download_matches_the_hand_count(site):
    with open(site / "recommendations/recommendations.csv", newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames) == CSV_COLUMNS
        rows = list(reader)
    assert len(rows) == 5
    by_id = {row["id"]: row for row in rows}
    assert by_id["alpha#2"]["overdue"] == "yes" and by_id["alpha#2"]["status"] == "in-progress"
    assert by_id["alpha#2"]["themes"] == "training;carers"
    assert by_id["alpha#2"]["theme_labels"] == "Training;Carers"  # names beside the codes
    assert by_id["alpha#2"]["status_label"] == "In progress" and by_id["bravo#2"]["status_label"] == "Not recorded"
    assert by_id["alpha#2"]["review_type_label"] == "Domestic Homicide Review"
    assert by_id["bravo#2"]["status"] == "not-recorded" and by_id["bravo#2"]["lead"] == ""
    assert by_id["alpha#3"]["overdue"] == "no"
    assert by_id["alpha#1"]["brief_url"].endswith("/briefs/alpha/")


def test_json_download_has_the_documented_schema(site):
    document = json.loads((site / "recommendations/recommendations.json").read_text())
    assert document["schema_version"] == 2
    assert document["build_date"] == BUILD_DATE.isoformat()
    assert document["columns"] == list(CSV_COLUMNS)
    assert [set(r) for r in document["recommendations"]] == [set(CSV_COLUMNS) | {"updates"}] * 5
    assert sum(r["overdue"] for r in document["recommendations"]) == 2


def test_atom_feed_is_valid_and_newest_first(site):
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert [e.title for e in feed.entries] == ["Charlie review", "Bravo review", "Alpha review"]
    first = feed.entries[0]
    assert first.link == "https://learning.example.org/briefs/charlie/"
    assert first.summary.startswith("Third held-out brief")
    assert first.published.startswith("2025-11-30")
    assert {t.term for t in first.tags} == {"DHR", "training"}


def test_sitemap_lists_the_briefs(site):
    sitemap = (site / "sitemap.xml").read_text()
    for slug in ("alpha", "bravo", "charlie"):
        assert f"https://learning.example.org/briefs/{slug}/" in sitemap


def test_related_briefs_share_the_most_themes(site):
    html = (site / "briefs/alpha/index.html").read_text()
    related = html[html.index('id="related"'):]
    titles = re.findall(r'lb-card__title"><a [^>]+>([^<]+)</a>', related)
    assert titles == ["Charlie review", "Bravo review"]  # one shared theme each; newer first
    assert "1 shared theme" in related


def test_recommendation_filters_in_the_browser(page, site):
    from conftest import serve

    with serve(site) as url:
        page.goto(url + "recommendations/", wait_until="networkidle")
        page.get_by_label("Status", exact=True).select_option("overdue")
        rows = page.locator("[data-lb-rec-rows] tr")
        from playwright.sync_api import expect

        expect(rows).to_have_count(2)
        expect(page.locator("[data-lb-rec-count]")).to_have_text("Showing 2 of 5 recommendations.")
        page.get_by_label("Status", exact=True).select_option("")
        page.get_by_label("Lead", exact=True).select_option("Police")
        expect(rows).to_have_count(2)
        page.get_by_label("Theme", exact=True).select_option("carers")
        expect(rows).to_have_count(0)
        page.get_by_label("Lead", exact=True).select_option("")
        expect(rows).to_have_count(2)

        page.goto(url + "themes/", wait_until="networkidle")
        page.get_by_label("Type of review").select_option("dhr")
        page.get_by_label("Years").select_option(label="2025")
        page.get_by_role("button", name="Show").click()
        page.wait_for_url("**/themes/overview/dhr/2025-2025/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Themes: Domestic Homicide Reviews, 2025")
        page.get_by_label("Type of review").select_option("sar")
        page.get_by_label("Years").select_option(label="2023")
        page.get_by_role("button", name="Show").click()
        expect(page.get_by_role("status")).to_contain_text("No briefs match this filter")
        page.get_by_role("link", name="Clear the filters").click()
        page.wait_for_url(url + "themes/")
