"""Recommendations followed up: dated updates, checked with file and line,
shown as a timeline, flagged when overdue or quiet, summarised for a board,
and kept whole in the downloads. The build date is fixed (conftest:
2026-11-20), so every flag below is known in advance."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import textwrap

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from conftest import build, make_project, pdf_pages, serve
from looking import PHONE, layout_problems, printed_past_the_edge
from macros.content.loader import load_content
from macros.render.analysis import months_before, recommendation_rows, status_by_quarter

TODAY = dt.date(2026, 11, 20)

# A brief as a monitoring group keeps it: one recommendation per case the flags must get right.
MONITORED = textwrap.dedent("""\
    title: Monitored recommendations
    review_type: DHR
    partnership: Northshire Community Safety Partnership
    published: 2025-01-15
    review_published: 2024-10
    summary: A brief whose recommendations are followed up quarter by quarter.
    background: The review looked at how agencies shared information.
    themes: [information-sharing]
    learning:
      - theme: information-sharing
        points:
          - Share what you know when it is lawful and safe.
    recommendations:
      - text: Audit information sharing between health and police.
        lead: Northshire Police
        due: 2026-12-31
        updates:
          - date: 2025-02-10
            status: in-progress
            note: Audit scoped with the health trust.
            by: Northshire Police
          - date: 2026-01-15
            status: in-progress
            note: Audit of the first 20 cases done.
          - date: 2026-10-01
            status: in-progress
            note: First audit of 40 cases under way.
            by: Community Safety Partnership
      - text: Publish a multi-agency information sharing protocol.
        lead: Community Safety Partnership
        due: 2025-12-31
        updates:
          - date: 2025-03-01
            status: in-progress
            note: Draft protocol circulated to partners.
      - text: Train frontline staff in the new protocol.
        lead: Safeguarding Adults Board
        due: 2025-06-30
        updates:
          - date: 2025-06-20
            status: complete
            note: Training delivered across partners.
            evidence: 240 staff trained; course evaluation on file.
      - text: Replace the paper referral form with an online one.
        lead: Northshire Council
        updates:
          - date: 2025-05-05
            status: not-accepted
            note: The regional online form replaces it; no local form will be made.
      - text: Review the out-of-hours contact list.
        lead: Northshire Council
        status: not-started
    """)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("monitored"), briefs={"monitored.yml": MONITORED}, seed_briefs=False)
    result = build(project)
    assert result.returncode == 0, result.output
    return result.site


def rows_of(site) -> dict[str, dict]:
    text = (site / "recommendations/recommendations.csv").read_text(encoding="utf-8")
    return {row["id"]: row for row in csv.DictReader(io.StringIO(text))}


def test_the_flags_follow_the_build_date():
    content = load_content_of(MONITORED)
    rows = {row.recommendation.number: row for row in recommendation_rows(content.briefs, TODAY, 6)}
    # 1: in progress, updated 50 days ago, due next month: neither quiet nor overdue.
    assert (rows[1].status, rows[1].quiet, rows[1].overdue, rows[1].days_since_update) == ("in-progress", False, False, 50)
    # 2: in progress, last heard of in March 2025 and due in 2025: quiet and overdue.
    assert (rows[2].quiet, rows[2].overdue) == (True, True)
    # 3: complete, long ago: closed, so neither.
    assert (rows[3].status, rows[3].quiet, rows[3].overdue) == ("complete", False, False)
    # 4: not accepted: closed.
    assert (rows[4].status, rows[4].quiet) == ("not-accepted", False)
    # 5: a status with no updates, in a brief published in January 2025: quiet.
    assert (rows[5].status, rows[5].quiet, rows[5].days_since_update) == ("not-started", True, None)
    # A longer window: the March 2025 update is within two years.
    longer = {row.recommendation.number: row for row in recommendation_rows(content.briefs, TODAY, 24)}
    assert not longer[2].quiet and not longer[5].quiet


def load_content_of(brief: str, tmp=None):
    import tempfile
    from pathlib import Path

    from conftest import ROOT

    folder = Path(tempfile.mkdtemp())
    (folder / "briefs").mkdir()
    (folder / "quizzes").mkdir()
    (folder / "briefs/_themes.yml").write_bytes((ROOT / "briefs/_themes.yml").read_bytes())
    (folder / "briefs/monitored.yml").write_text(brief, encoding="utf-8")
    result = load_content(folder, today=TODAY)
    assert result.problems == [], result.problems
    return result.content


def test_months_before_keeps_to_real_days():
    assert months_before(dt.date(2026, 8, 31), 6) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2026, 1, 15), 1) == dt.date(2025, 12, 15)


def test_the_brief_page_shows_every_note_as_a_timeline(site):
    page = BeautifulSoup((site / "briefs/monitored/index.html").read_text(encoding="utf-8"), "html.parser")
    text = " ".join(page.get_text(" ").split())
    for note in ("Audit scoped with the health trust.", "First audit of 40 cases under way.",
                 "Draft protocol circulated to partners.", "Training delivered across partners.",
                 "The regional online form replaces it; no local form will be made.", "240 staff trained; course evaluation on file."):
        assert note in text, note
    first = page.select_one("#rec-1")
    items = first.select("ol.lb-timeline > li")
    assert [" ".join(li.p.get_text(" ").split()) for li in items] == [
        "1 October 2026 · , In progress · , Community Safety Partnership",
        "15 January 2026 · , In progress",
        "10 February 2025 · , In progress · , Northshire Police",
    ], "newest first, each with its date, status and who reported it"
    second = " ".join(page.select_one("#rec-2").get_text(" ").split())
    assert "Overdue" in second and "No update for over 6 months" in second
    assert "No update for over" not in " ".join(first.get_text(" ").split())


def test_the_tracker_and_the_csv_show_the_latest_status_and_update(site):
    rows = rows_of(site)
    assert rows["monitored#1"]["status"] == "in-progress" and rows["monitored#1"]["last_update"] == "2026-10-01"
    assert rows["monitored#1"]["days_since_update"] == "50" and rows["monitored#1"]["no_update"] == "no"
    assert rows["monitored#2"]["no_update"] == "yes" and rows["monitored#2"]["overdue"] == "yes"
    assert rows["monitored#3"]["status_label"] == "Complete"
    assert rows["monitored#3"]["evidence"] == "240 staff trained; course evaluation on file."
    assert rows["monitored#4"]["status_label"] == "Not accepted" and rows["monitored#4"]["overdue"] == "no"
    assert rows["monitored#5"]["last_update"] == "" and rows["monitored#5"]["no_update"] == "yes"
    tracker = BeautifulSoup((site / "recommendations/index.html").read_text(encoding="utf-8"), "html.parser")
    cell = " ".join(tracker.select_one("#rec-monitored-1 td[data-label=Status]").get_text(" ").split())
    assert cell == "In progress Updated 1 October 2026"
    assert [o["value"] for o in tracker.select("#rec-status option")][-2:] == ["overdue", "no-update"]
    summary = " ".join(tracker.select_one(".lb-status-summary").get_text(" ").split())
    assert "No update for over 6 months: 2 of 5 (40%)" in summary
    assert tracker.select_one("#by-year-of-review") is not None
    assert "2024" in tracker.select_one("#by-year-of-review-caption").find_parent("table").get_text()


def test_the_json_keeps_the_whole_history(site):
    document = json.loads((site / "recommendations/recommendations.json").read_text(encoding="utf-8"))
    assert document["schema_version"] == 2 and document["no_update_months"] == 6
    first = next(r for r in document["recommendations"] if r["id"] == "monitored#1")
    assert [(u["date"], u["status"], u["by"]) for u in first["updates"]] == [
        ("2025-02-10", "in-progress", "Northshire Police"), ("2026-01-15", "in-progress", ""),
        ("2026-10-01", "in-progress", "Community Safety Partnership")]
    assert first["updates"][2]["note"] == "First audit of 40 cases under way."
    assert next(r for r in document["recommendations"] if r["id"] == "monitored#5")["updates"] == []


def test_status_over_time_counts_each_quarter_from_the_updates():
    content = load_content_of(MONITORED)
    history = dict(status_by_quarter(recommendation_rows(content.briefs, TODAY, 6), TODAY))
    # End of March 2025: 1 in progress (Feb), 2 in progress (1 March), 3 not yet
    # updated, 4 not yet updated, 5 not started throughout.
    assert history["Q1 2025"]["in-progress"] == 2 and history["Q1 2025"]["not-started"] == 1
    assert history["Q1 2025"]["not-recorded"] == 2
    assert history["Q2 2025"]["complete"] == 1 and history["Q2 2025"]["not-accepted"] == 1
    assert "Q4 2026 (to date)" in history


# -- validation -------------------------------------------------------------------------


def problems_for(tmp_path, brief: str) -> tuple[list[str], list[str]]:
    from conftest import ROOT

    (tmp_path / "briefs").mkdir(exist_ok=True)
    (tmp_path / "quizzes").mkdir(exist_ok=True)
    (tmp_path / "briefs/_themes.yml").write_bytes((ROOT / "briefs/_themes.yml").read_bytes())
    (tmp_path / "briefs/checked.yml").write_text(brief, encoding="utf-8")
    result = load_content(tmp_path, today=TODAY)
    return [str(p) for p in result.problems], [str(w) for w in result.warnings]


def with_updates(updates: str, status: str = "") -> str:
    head = MONITORED[: MONITORED.index("recommendations:")]
    return head + "recommendations:\n  - text: Do it.\n" + status + "    updates:\n" + textwrap.indent(textwrap.dedent(updates), "      ")


@pytest.mark.parametrize("updates, status, line, field, words", [
    ("- date: 2025-05-01\n  status: in-progress\n- date: 2025-03-01\n  status: in-progress\n", "",
     18, "recommendations[1].updates[2].date", "2025-03-01 is earlier than the update before it (2025-05-01). List updates oldest first."),
    ("- date: 2026-12-01\n  status: in-progress\n", "",
     16, "recommendations[1].updates[1].date", "2026-12-01 is later than today (2026-11-20)."),
    ("- date: 2025-05-01\n  status: in-progress\n", "    status: complete\n",
     15, "recommendations[1].status", 'is "complete", but the latest update says "in-progress".'),
    ("- date: 2025-05-01\n  status: in-progress\n  note: \"# Done\"\n", "",
     18, "recommendations[1].updates[1].note", "has a heading"),
    ("- date: 0205-05-01\n  status: in-progress\n", "",
     16, "recommendations[1].updates[1].date", "0205-05-01 is before 1970. Check the year."),
    ("- date: 2025-05-01\n  status: superseded\n", "",
     17, "recommendations[1].updates[1].status", 'is "superseded" but the update has no note saying why.'),
    ("- date: 2025-05-01\n  status: in-progress\n  by: Jane Smith\n", "",
     18, "recommendations[1].updates[1].by", '"Jane Smith" looks like a person\'s name'),
])
def test_each_rule_is_reported_with_file_line_and_field(tmp_path, updates, status, line, field, words):
    problems, _ = problems_for(tmp_path, with_updates(updates, status))
    assert any(p.startswith(f"briefs/checked.yml:{line}: {field}:") and words in p for p in problems), problems


def test_a_complete_update_without_evidence_is_a_warning_not_an_error(tmp_path):
    problems, warnings = problems_for(tmp_path, with_updates("- date: 2025-05-01\n  status: complete\n  note: Done.\n"))
    assert problems == []
    assert any("briefs/checked.yml:17: recommendations[1].updates[1].status: marks the recommendation complete without evidence." in w
               for w in warnings), warnings


def test_a_role_or_agency_is_accepted_as_who_reported(tmp_path):
    for by in ("Adult Social Care", "Northshire Police", "Community Safety Partnership", "MARAC Coordinator"):
        problems, _ = problems_for(tmp_path, with_updates(f"- date: 2025-05-01\n  status: in-progress\n  by: {by}\n"))
        assert problems == [], (by, problems)


# A hostile tester's list: names as people write them, and agencies that are not names.
NAMES = ["J Smith", "J. Smith", "DS Jane Smith", "DC Smith", "Mrs. Smith", "Prof. Jane Smith", "jane smith",
         "Smith, Jane", "SMITH, Jane", "Mary O'Neill", "Jane McDonald", "Siân Jones", "Seán Ó Briain",
         "Aoife Ní Bhriain", "Rhodri ap Gwilym", "Jane Anne Marie Smith", "Jane Smith, Head of Safeguarding",
         "Jane Smith (Police)", "PC 1234 Jane Smith", "J\u0430ne Smith", "Mr Smith", "Dr Patel", "Cllr Jane Smith",
         # A role word let any name beside it through.
         "Named Nurse Sarah Jones", "Head of Safeguarding Jane Smith", "Safeguarding Lead Jane Smith",
         "Jane Smith Head of Safeguarding"]
AGENCIES = ["Victim Support", "Citizens Advice", "Named Nurse", "Designated Doctor", "Early Help", "Public Protection",
            "Northshire Fire", "Community Rehabilitation Company", "Kent and Medway", "Greater Manchester", "Home Office",
            "Women's Aid", "HM Prison and Probation Service", "Head of Safeguarding", "Police, Probation",
            "Integrated Care Board (ICB)", "Agency 8", "CAMHS", "Safeguarding Lead, Northshire Council",
            "Head of Public Health", "Designated Nurse for Safeguarding Children", "Adult Social Care North Yorkshire",
            "Domestic Abuse Lead Greater Manchester", "MARAC Coordinator Kent and Medway"]


def test_a_persons_name_is_told_from_a_role_or_an_agency():
    from macros.content.model import names_a_person

    assert [name for name in NAMES if not names_a_person(name)] == []
    assert [agency for agency in AGENCIES if names_a_person(agency)] == []


def test_a_lead_is_held_to_the_same_rule(tmp_path):
    brief = with_updates("- date: 2025-05-01\n  status: in-progress\n").replace("  - text: Do it.\n", "  - text: Do it.\n    lead: DS Jane Smith\n")
    problems, _ = problems_for(tmp_path, brief)
    assert any("recommendations[1].lead:" in p and '"DS Jane Smith" looks like a person\'s name' in p for p in problems), problems


def test_a_status_without_updates_follows_the_rules_of_an_update(tmp_path):
    head = MONITORED[: MONITORED.index("recommendations:")]
    problems, warnings = problems_for(tmp_path, head + "recommendations:\n  - text: Do it.\n    status: not-accepted\n"
                                      "  - text: Do that.\n    status: complete\n")
    assert any('recommendations[1].status: is "not-accepted" with no update saying why.' in p for p in problems), problems
    assert any("recommendations[2].status: marks the recommendation complete without evidence." in w for w in warnings), warnings


def test_a_reopened_recommendation_does_not_show_its_old_evidence():
    from macros.content.model import Recommendation, Update
    from macros.render.analysis import RecommendationRow

    closed = Update(date=dt.date(2025, 3, 1), status="complete", note="Closed.", evidence="Audit showed full compliance.")
    reopened = Update(date=dt.date(2026, 10, 1), status="in-progress", note="Reopened.")
    row = lambda *updates: RecommendationRow(None, Recommendation(text="R", updates=updates), False, False, None)
    assert row(closed).evidence == "Audit showed full compliance."
    assert row(closed, reopened).evidence is None


def test_personal_data_comes_with_the_other_problems_in_one_run(tmp_path):
    brief = with_updates("- date: 2026-01-01\n  status: in-progress\n  note: Called 07700 900123.\n"
                         "- date: 2027-01-01\n  status: in-progress\n")
    from macros.content.personal_data import PersonalDataCheck

    problems_for(tmp_path, brief)
    problems = [str(p) for p in load_content(tmp_path, checks=[PersonalDataCheck(tmp_path)], today=TODAY).problems]
    assert any("is later than today" in p for p in problems) and any("phone number" in p for p in problems), problems


# -- in a browser ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site_url(site):
    with serve(site) as url:
        yield url


@pytest.mark.parametrize("width", [390, 1280])
def test_the_timeline_and_the_board_report_fit_the_screen(browser, site_url, width):
    settings = {"viewport": {"width": width, "height": 844}, **({"is_mobile": True, "has_touch": True} if width < 800 else {})}
    context = browser.new_context(**settings)
    page = context.new_page()
    page.goto(site_url + "briefs/monitored/#rec-1", wait_until="networkidle")
    assert layout_problems(page) == []
    expect(page.locator("#rec-1 .lb-timeline li").first).to_be_visible()
    page.goto(site_url + "recommendations/board-report/", wait_until="networkidle")
    assert layout_problems(page) == []
    expect(page.get_by_role("heading", level=1)).to_have_text("Board report: recommendations")
    expect(page.get_by_text("Built on 20 November 2026")).to_be_visible()
    changed = page.locator("[data-lb-changes] > li:visible")
    expect(changed).to_have_count(1)  # since 20 August 2026: the October update
    since = page.get_by_label("Show changes since")
    since.fill("2026-01-01")
    since.dispatch_event("change")
    expect(changed).to_have_count(2)  # January and October 2026
    assert "since=2026-01-01" in page.url
    # The page holds a year of changes: an earlier date is refused, not half-answered.
    assert since.get_attribute("min") == "2025-11-20"
    since.fill("2025-01-01")
    since.dispatch_event("change")
    expect(changed).to_have_count(2)
    # A date after the build date cannot be answered either: refused, and taken out of the address.
    page.goto(site_url + "recommendations/board-report/?since=9999-12-31", wait_until="networkidle")
    expect(page.get_by_role("heading", name="Changed since 20 August 2026")).to_be_visible()
    assert "since=" not in page.url
    quiet = page.locator("section[aria-labelledby=quiet] li")
    expect(quiet).to_have_count(2)
    context.close()


def test_the_board_report_without_javascript_shows_the_last_quarter(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "recommendations/board-report/")
    expect(page.locator("[data-lb-changes] > li:visible")).to_have_count(1)
    expect(page.get_by_role("heading", name="Changed since 20 August 2026")).to_be_visible()
    context.close()


def test_the_board_report_prints_on_a4(page, site_url, tmp_path):
    page.goto(site_url + "recommendations/board-report/", wait_until="networkidle")
    assert printed_past_the_edge(page, "15mm") == []
    page.emulate_media(media="print")
    expect(page.get_by_text("Show changes since")).to_be_hidden()
    pdf = page.pdf(path=str(tmp_path / "board.pdf"), format="A4", prefer_css_page_size=True)
    assert 1 <= pdf_pages(pdf) <= 2
    sizes = page.locator("main p, main li").evaluate_all(
        "nodes => nodes.filter(n => n.offsetParent !== null && n.innerText.trim()).map(n => parseFloat(getComputedStyle(n).fontSize))")
    assert min(sizes) >= 10 * 96 / 72 - 0.01


def test_a_long_board_report_lists_the_worst_and_points_to_the_rest(tmp_path):
    """At library scale thousands can be overdue: the report lists the longest
    overdue, oldest first, and links to the tracker's filter for every one."""
    recommendations = "".join(
        f"  - text: Recommendation number {n} about training.\n    lead: Northshire Police\n    due: 2024-{1 + n % 12:02d}-{1 + n % 28:02d}\n"
        for n in range(1, 26)
    )
    brief = MONITORED.split("recommendations:\n")[0] + "recommendations:\n" + recommendations
    project = make_project(tmp_path, briefs={"many.yml": brief}, seed_briefs=False)
    result = build(project)
    assert result.returncode == 0, result.output
    page = BeautifulSoup((project / "site/recommendations/board-report/index.html").read_text(encoding="utf-8"), "html.parser")
    overdue = page.select_one("section[aria-labelledby=overdue]")
    items = overdue.select("li")
    assert len(items) == 20
    assert "The 20 longest overdue of 25, oldest first." in overdue.get_text(" ")
    assert overdue.select_one("a[href$='?status=overdue']").get_text() == "See all 25 in the tracker"
    every_due = sorted(f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}" for n in range(1, 26))
    assert [li.select_one("time")["datetime"] for li in items] == every_due[:20]
