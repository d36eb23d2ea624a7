"""Publishing gates: the Nu HTML Checker and linkchecker over HTTP, on the site
as published at a domain root and under a council's sub-path.

Each gate is also shown to fail on a copy of the site with a planted fault, so a
green run means the gate looked, not that it was switched off.
(`mkdocs build --strict` is the `built_site` fixture; axe-core is in
test_accessibility.py.)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import ROOT, build, make_project, serve

VNU = ROOT / "tests" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Material's drawer and search toggles are checkboxes with autocomplete="off",
# in base.html outside any block; the toolchain notes list it as a stock-theme
# finding. Only that exact message is filtered.
VNU_FILTER = ".*Attribute “autocomplete” is only allowed when the input type is.*"
LINKCHECKER_RC = ROOT / "tests" / "linkcheckerrc"
# linkchecker throttles to about 3 requests a second per host unless the server
# answers with a LinkChecker header; the test server sends it.
UNTHROTTLED = {"LinkChecker": "local test server"}
SUB_PATH = "/community-safety/learning/"


def run_vnu(site: Path) -> subprocess.CompletedProcess:
    if not VNU.exists():
        pytest.fail("vnu-jar is missing: run bash scripts/test.sh (it runs npm ci in tests/)")
    return subprocess.run(
        ["java", "-jar", str(VNU), "--skip-non-html", "--errors-only", "--filterpattern", VNU_FILTER, str(site)],
        capture_output=True, text=True, timeout=300,
    )


def run_linkchecker(url: str) -> subprocess.CompletedProcess:
    linkchecker = Path(sys.executable).with_name("linkchecker")
    return subprocess.run(
        [str(linkchecker), "--no-status", "--no-robots", "--threads", "4", "-f", str(LINKCHECKER_RC), url],
        capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory) -> Path:
    """The project built for publishing under https://www.example-council.gov.uk/community-safety/learning/."""
    project = make_project(tmp_path_factory.mktemp("subpath"))
    result = build(project, env={"SITE_URL": "https://www.example-council.gov.uk" + SUB_PATH})
    assert result.returncode == 0, result.output
    return result.site


# -- Nu HTML Checker ----------------------------------------------------------------------


def test_every_page_is_valid_html(built_site):
    checked = run_vnu(built_site)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_every_page_of_the_fixture_site_is_valid_html(fixture_site):
    checked = run_vnu(fixture_site)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_html_checker_catches_invalid_markup(built_site, tmp_path):
    site = shutil.copytree(built_site, tmp_path / "site")
    page = site / "about-reviews" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("<main", "<main><li>stray</li>", 1), encoding="utf-8")
    checked = run_vnu(site)
    assert checked.returncode == 1
    assert "about-reviews/index.html" in checked.stdout + checked.stderr


# -- linkchecker ----------------------------------------------------------------------


def test_no_broken_links_or_anchors(built_site):
    with serve(built_site, headers=UNTHROTTLED) as url:
        checked = run_linkchecker(url)
    assert checked.returncode == 0, checked.stdout
    assert " 0 errors found" in checked.stdout


def test_no_broken_links_under_a_sub_path(sub_path_site):
    with serve(sub_path_site, prefix=SUB_PATH, headers=UNTHROTTLED) as url:
        checked = run_linkchecker(url)
    assert checked.returncode == 0, checked.stdout
    # Enough pages were followed to mean something: every brief, theme and quiz.
    checked_count = int(checked.stdout.rsplit(" links in ", 1)[0].rsplit("\n", 1)[-1].split()[-1])
    assert checked_count > 100


def test_the_link_checker_catches_broken_links_and_anchors(sub_path_site, tmp_path):
    site = shutil.copytree(sub_path_site, tmp_path / "site")
    page = site / "about-reviews" / "index.html"
    planted = (
        '<a href="../briefs/no-such-brief/">gone</a>'
        '<a href="../quizzes/#no-such-anchor">anchor</a>'
        '<a href="/search/?escaped-the-sub-path">root</a>'
    )
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", planted + "</main>", 1), encoding="utf-8")
    with serve(site, prefix=SUB_PATH, headers=UNTHROTTLED) as url:
        checked = run_linkchecker(url)
    assert checked.returncode == 1
    # Each fault is reported as what it is, not merely mentioned: a tool update
    # that quietly stops checking anchors (as beautifulsoup4 4.15.0 was found to
    # do to LinkChecker 10.6.0) fails here.
    reports = {block.split("\n", 1)[0].strip(): block for block in checked.stdout.split("\nURL ")[1:]}
    assert "Error: 404" in reports["`../briefs/no-such-brief/'"]
    assert "Anchor `no-such-anchor'" in reports["`../quizzes/#no-such-anchor'"]
    assert "not found" in reports["`../quizzes/#no-such-anchor'"]
    assert "Error: 404" in reports["`/search/?escaped-the-sub-path'"]


# -- the sub-path site in a browser --------------------------------------------------------


def test_a_sub_path_site_works_in_the_browser(page, sub_path_site, outside_requests, page_errors):
    failed: list[str] = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    with serve(sub_path_site, prefix=SUB_PATH) as url:
        page.goto(url + "briefs/familial-homicide-in-a-care-home/", wait_until="networkidle")
        expect(page.get_by_role("button", name="Exit this page")).to_be_visible()
        page.goto(url, wait_until="networkidle")
        page.get_by_label("Search briefs, quizzes and pages").fill("grandson care home")
        page.get_by_role("button", name="Search").click()
        expect(page.locator(".lb-search__results li").first).to_contain_text("familial homicide in a care home")
        assert page.url.startswith(url + "search/")
        page.goto(url + "quizzes/think-family/", wait_until="networkidle")
        expect(page.get_by_role("heading", level=1)).to_have_text("Think Family")
    assert failed == []
    assert outside_requests == []
    assert page_errors == []
