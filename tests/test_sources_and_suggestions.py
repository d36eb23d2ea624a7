"""A brief keeps the review's own dates, source and status straight: the
review's date is never the brief's, suggestions are never recommendations,
and generated wording reads as written by a person."""

from __future__ import annotations

import csv
import io
import json
import textwrap

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, build, make_project
from macros.content.fields import PartialDate
from macros.content.loader import load_content
from macros.render.analysis import CSV_COLUMNS, EXPORT_COLUMNS, JSON_ONLY_FIELDS

FULL = (FIXTURES / "briefs" / "valid" / "full.yml").read_text(encoding="utf-8")


def brief_with(extra: str, base: str = FULL) -> str:
    return base.replace("published: 2025-06-30\n", "published: 2025-06-30\n" + textwrap.dedent(extra), 1)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    plain = FULL.replace("title: Every field in use", "title: No source given")
    for field in ("review_published: 2024-11\n", "suggestions:\n  - Consider a shared risk register for repeat victims.\n"):
        plain = plain.replace(field, "")
    plain = plain[: plain.index("source:\n")] + plain[plain.index("summary:"):]
    project = make_project(tmp_path_factory.mktemp("sources"), briefs={"full.yml": FULL, "plain.yml": plain},
                           seed_briefs=False)
    result = build(project)
    assert result.returncode == 0, result.output
    return result.site


def words(text: str) -> str:
    return " ".join(text.split())


def facts(html: str) -> dict[str, str]:
    soup = BeautifulSoup(html, "html.parser")
    return {words(div.dt.get_text()): words(div.dd.get_text())
            for div in soup.select(".lb-brief__header .lb-facts > div")}


def test_the_page_names_the_review_date_its_source_and_the_brief_date_apart(site):
    shown = facts((site / "briefs/full/index.html").read_text(encoding="utf-8"))
    assert shown["Review published"] == "November 2024"
    assert shown["Source"] == "Exampleshire DHR overview report: Adult A (November 2024)"
    assert shown["Brief published"] == "30 June 2025"
    soup = BeautifulSoup((site / "briefs/full/index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one('.lb-facts time[datetime="2024-11"]') is not None, "a month is a valid <time>"


def test_a_brief_without_them_says_nothing_it_does_not_know(site):
    shown = facts((site / "briefs/plain/index.html").read_text(encoding="utf-8"))
    assert "Review published" not in shown and "Source" not in shown
    assert shown["Brief published"] == "30 June 2025"


def test_the_handout_names_its_source_with_an_address_that_survives_paper(site):
    soup = BeautifulSoup((site / "briefs/full/index.html").read_text(encoding="utf-8"), "html.parser")
    kicker = soup.select_one(".lb-handout__kicker").get_text(" ", strip=True)
    assert "review published November 2024" in kicker and "2025" not in kicker
    source = words(soup.select_one(".lb-handout__source").get_text())
    assert "Drawn from Exampleshire DHR overview report: Adult A" in source
    assert "https://www.gov.uk/government/collections/domestic-homicide-review-library" in source.replace("\u200b", "")
    plain = BeautifulSoup((site / "briefs/plain/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "brief published 30 June 2025" in plain.select_one(".lb-handout__kicker").get_text(" ", strip=True)
    assert "Drawn from" not in plain.select_one(".lb-handout__source").get_text()


def test_suggestions_are_shown_as_suggestions_and_never_tracked(site):
    page = BeautifulSoup((site / "briefs/full/index.html").read_text(encoding="utf-8"), "html.parser")
    section = page.select_one("section[aria-labelledby=suggestions]")
    assert section is not None and "Consider a shared risk register" in section.get_text()
    assert "not followed up in the tracker" in section.get_text()
    assert "Consider a shared risk register" not in page.select_one("section[aria-labelledby=recommendations]").get_text()
    for download in ("recommendations.csv", "recommendations.json"):
        assert "shared risk register" not in (site / "recommendations" / download).read_text(encoding="utf-8")
    tracker = (site / "recommendations/index.html").read_text(encoding="utf-8")
    assert "shared risk register" not in tracker


def test_a_brief_with_suggestions_but_no_recommendations_says_so_on_paper(tmp_path):
    body = FULL[: FULL.index("recommendations:\n")] + FULL[FULL.index("suggestions:\n"):]
    project = make_project(tmp_path / "p", briefs={"ideas.yml": body}, seed_briefs=False)
    result = build(project)
    assert result.returncode == 0, result.output
    page = BeautifulSoup((result.site / "briefs/ideas/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "The review made no formal recommendations; its suggestions follow." in page.get_text(" ")
    handout = page.select_one("#handout")
    actions = handout.select_one("section[aria-labelledby=handout-actions]")
    assert actions.h2.get_text(" ", strip=True).endswith("What the review suggested")
    assert "Consider a shared risk register" in actions.get_text()


def test_a_background_that_is_only_a_table_leaves_no_empty_part_in_the_handout(tmp_path):
    table = "background: |\n  | Agency | Contacts |\n  |---|---|\n  | Police | 4 |\n"
    body = FULL.replace(FULL[FULL.index("background: |"):FULL.index("engagement:")], table)
    project = make_project(tmp_path / "p", briefs={"table.yml": body}, seed_briefs=False)
    result = build(project)
    assert result.returncode == 0, result.output
    page = BeautifulSoup((result.site / "briefs/table/index.html").read_text(encoding="utf-8"), "html.parser")
    handout = page.select_one("#handout")
    assert handout.select_one("[aria-labelledby=handout-background]") is None
    numbers = [n.get_text() for n in handout.select(".lb-handout__number")]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]


def test_a_table_in_a_learning_point_or_recommendation_is_left_to_the_full_brief(tmp_path):
    """On paper a table's cells run together as words ("Police 4 Health 7"):
    the handout keeps the prose and says, in its place, where the table went."""
    table = r'"Contacts before the death:\n\n| Agency | Contacts |\n|---|---|\n| Heddlu | 4 |\n"'
    body = (FULL.replace("      - Review risk when violence escalates.", f"      - {table}")
                .replace("  - text: Audit risk assessments every quarter.", f"  - text: {table}"))
    project = make_project(tmp_path / "p", briefs={"table.yml": body}, seed_briefs=False)
    result = build(project)
    assert result.returncode == 0, result.output
    page = BeautifulSoup((result.site / "briefs/table/index.html").read_text(encoding="utf-8"), "html.parser")
    handout = page.select_one("#handout")
    findings = handout.select_one("[aria-labelledby=handout-findings]").get_text(" ", strip=True)
    actions = handout.select_one("[aria-labelledby=handout-actions]").get_text(" ", strip=True)
    for part in (findings, actions):
        assert "Contacts before the death: [a table: see the full brief]" in part, part
        assert "Heddlu" not in part, part
    # The brief itself still has the table.
    assert page.select_one(".lb-brief table") is not None


@pytest.mark.parametrize("value, words", [
    ("November 2013", "is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD"),
    ("2013-13", "2013-13 is not a real date"),
    ("2013-02-30", "2013-02-30 is not a real date"),
    ("2013-00", "2013-00 is not a real date"),  # passed, then stopped the build with a traceback
    ("2013-11-00", "2013-11-00 is not a real date"),
    ("1913-11", "1913-11 is before 1970"),
    ("13", "is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD"),
])
def test_a_review_date_is_never_more_precise_than_written_and_never_impossible(tmp_path, value, words):
    (tmp_path / "briefs").mkdir()
    (tmp_path / "quizzes").mkdir()
    from conftest import ROOT
    (tmp_path / "briefs/_themes.yml").write_bytes((ROOT / "briefs/_themes.yml").read_bytes())
    (tmp_path / "briefs/dated.yml").write_text(FULL.replace("review_published: 2024-11", f"review_published: {value}")
                                               .replace("quiz: ", "# quiz: "), encoding="utf-8")
    problems = [str(p) for p in load_content(tmp_path).problems]
    assert any("briefs/dated.yml:6: review_published:" in p and words in p for p in problems), problems


def test_partial_dates_read_as_written():
    assert PartialDate(2013).text == "2013" and PartialDate(2013).isoformat() == "2013"
    assert PartialDate(2013, 11).text == "November 2013" and PartialDate(2013, 11).isoformat() == "2013-11"
    assert PartialDate(2013, 11, 5).text == "5 November 2013"


def test_the_about_the_data_page_describes_every_column_in_order(site):
    soup = BeautifulSoup((site / "recommendations/about-the-data/index.html").read_text(encoding="utf-8"), "html.parser")
    rows = [(tr.th.get_text(" ", strip=True), tr.td.get_text(" ", strip=True)) for tr in soup.select("tbody tr")]
    assert rows == [(c.name, c.meaning) for c in EXPORT_COLUMNS] + [(f"{c.name} (JSON only)", c.meaning) for c in JSON_ONLY_FIELDS]
    rows = rows[: len(EXPORT_COLUMNS)]
    header = next(csv.reader(io.StringIO((site / "recommendations/recommendations.csv").read_text(encoding="utf-8"))))
    assert tuple(header) == CSV_COLUMNS == tuple(name for name, _ in rows)
    document = json.loads((site / "recommendations/recommendations.json").read_text(encoding="utf-8"))
    assert document["columns"] == [name for name, _ in rows]
    tracker = BeautifulSoup((site / "recommendations/index.html").read_text(encoding="utf-8"), "html.parser")
    link = tracker.find("a", string="What each column means")
    assert link is not None and link["href"] == "about-the-data/"
    assert "README" not in tracker.get_text()


def test_seminar_packs_keep_theme_names_as_written(tmp_path):
    from conftest import ROOT
    themes = (ROOT / "briefs/_themes.yml").read_text(encoding="utf-8")
    project = make_project(tmp_path / "p")
    result = build(project)
    assert result.returncode == 0, result.output
    text = BeautifulSoup((result.site / "themes/think-family/seminar/index.html").read_text(encoding="utf-8"),
                         "html.parser").get_text(" ")
    assert "Think Family" in text and "think family" not in text
    assert "show up in your own" not in text
    assert "describe what 1 review" not in text and "“Think Family”" in text
    assert "id: think-family" in themes
