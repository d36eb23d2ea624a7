"""Whole builds with MkDocs: valid content appears, hostile content stays inert,
bad content stops the build with a clear message and leaves the last site alone."""

from __future__ import annotations

import hashlib
import html
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, build, make_project
from macros.content.loader import load_content
from macros.content.markdown import plain_text
from macros.content.project import load_project
from macros.content.urls import normalise_url
from macros.render.pages import plan_pages
from macros.render.site import Site

VALID = FIXTURES / "briefs" / "valid"


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def page_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.parts).split())


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory):
    project = make_project(
        tmp_path_factory.mktemp("valid"),
        briefs={p.name: p.read_text(encoding="utf-8") for p in VALID.glob("*.yml")},
    )
    result = build(project)
    assert result.returncode == 0, result.output
    return project, result.site


@pytest.mark.parametrize("name", sorted(p.stem for p in VALID.glob("*.yml")))
def test_every_text_of_a_valid_brief_appears_on_its_page(fixture_build, name):
    project, site = fixture_build
    brief = next(b for b in load_content(project).content.briefs if b.slug == name)
    page = site / "briefs" / name / "index.html"
    source = page.read_text(encoding="utf-8")
    text = page_text(page)
    page_words = set(words(text))
    for value in brief.texts:
        if value.path.startswith("facilitator_notes") or value.path.endswith("facilitator_notes"):
            continue  # presenter-only, tested with present mode
        if value.kind == "url":
            assert f'href="{html.escape(normalise_url(value.value))}"' in source, value.path
        elif value.kind == "text":
            assert " ".join(value.value.split()) in text, value.path
        else:
            missing = [w for w in words(plain_text(value.value)) if w not in page_words]
            assert not missing, (value.path, missing)


def test_hostile_content_is_shown_as_text_never_run(fixture_build):
    _, site = fixture_build
    page = site / "briefs" / "hostile" / "index.html"
    source = page.read_text(encoding="utf-8")
    text = page_text(page)
    scripts = re.findall(r"<script\b[^>]*>", source)
    assert all('src="' in tag or 'type="application/json"' in tag or tag == "<script>" for tag in scripts)
    inline = re.findall(r"<script>(.*?)</script>", source, flags=re.S)
    assert not any("alert" in body for body in inline)
    tags = _Tags()
    tags.feed(source)
    assert not [t for t, attrs in tags.found if t in ("iframe", "style", "object", "embed")]
    assert not [(t, a) for t, attrs in tags.found for a, _ in attrs if a.startswith("on")]
    assert not [v for t, attrs in tags.found for a, v in attrs if a in ("href", "src") and v and v.lower().startswith("javascript:")]
    assert not [v for t, attrs in tags.found if t == "img" for a, v in attrs if a == "src" and not v.startswith(("../", "data:"))]
    assert "<b>bold</b>" not in source and "<i>italic</i>" not in source
    for literal in ("{{ config.site_name }}", "{{ macros_info() }}", "{% include 'x' %}", "{{ 7 * 7 }}", "<script>alert('background')</script>", "--8<--"):
        assert literal in text, literal
    title = re.search(r"<title>(.*?)</title>", source, flags=re.S).group(1)
    assert html.unescape(title).startswith("<script>alert('title')</script> Hostile & <b>bold</b>")
    assert 'content="Summary with &lt;img' in source  # meta description escaped


def test_quiz_pages_listings_and_themes_are_generated(built_site):
    for path in ("index.html", "briefs/index.html", "themes/index.html", "themes/carers/index.html",
                 "quizzes/index.html", "quizzes/think-family/index.html", "search/index.html",
                 "briefs/by-year/2026/index.html", "briefs/by-type/dhr/index.html",
                 "briefs/by-partnership/index.html", "briefs/by-partnership/kent-and-medway/index.html"):
        assert (built_site / path).is_file(), path


def test_every_page_has_its_own_title_and_address_and_no_placeholder(built_site):
    # Most generated pages are one shell per folder depth, filled in (render/shell.py).
    project = load_project(ROOT / "mkdocs.yml")
    site = Site(content=project.content, settings=project.settings)
    planned = [p for p in plan_pages(site) if not p.standalone]
    assert len(planned) > 50
    for page in planned:
        path = site.router.output_path(page.src)
        source = (built_site / path).read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", source, flags=re.S).group(1)
        assert title == f"{html.escape(page.title)} - Learning from reviews", path
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', source).group(1)
        assert canonical == "https://learning.example.org/" + site.router.url(page.src), path
        description = re.search(r'<meta name="description" content="([^"]*)">', source).group(1)
        assert description == html.escape(page.description or project_description()), path
    for path in built_site.rglob("*.html"):
        assert "lb-shell-" not in path.read_text(encoding="utf-8"), path


def project_description() -> str:
    return re.search(r"^site_description: (.*)$", (ROOT / "mkdocs.yml").read_text(), flags=re.M).group(1)


def test_pages_load_the_sites_scripts_as_one_deferred_file(built_site):
    # One request instead of seven, fetched without holding back the first paint.
    for path in ("briefs/familial-homicide-in-a-care-home/index.html", "feedback/index.html"):
        tags = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", (built_site / path).read_text(encoding="utf-8"))
        assert tags and all(" defer" in tag for tag in tags), tags
        assert sum("site-bundle.js" in tag for tag in tags) == 1, tags
    bundle = (built_site / "assets/javascripts/site-bundle.js").read_text(encoding="utf-8")
    sources = sorted((ROOT / "overrides/assets/javascripts").glob("*.js"))
    listed = re.findall(r"^  - (assets/javascripts/\S+\.js)$", (ROOT / "mkdocs.yml").read_text(), flags=re.M)
    assert sorted(listed) == sorted(f"assets/javascripts/{p.name}" for p in sources)
    for source in sources:
        assert source.read_text(encoding="utf-8").strip() in bundle, source.name
        assert not (built_site / "assets/javascripts" / source.name).exists()


def test_no_page_lists_every_brief_in_its_navigation(built_site):
    brief = (built_site / "briefs/familial-homicide-in-a-care-home/index.html").read_text()
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', brief, flags=re.S).group(0)
    assert "kent-and-medway-lessons-learned" not in nav


def test_no_third_party_addresses_in_assets_or_head(built_site):
    home = (built_site / "index.html").read_text()
    head = home.split("</head>")[0]
    assert "fonts.googleapis" not in head and "fonts.gstatic" not in head
    tags = _Tags()
    tags.feed(head)
    for tag, attrs in tags.found:
        attrs = dict(attrs)
        fetched = attrs.get("src") if tag in ("script", "img") else None
        if tag == "link" and attrs.get("rel") != "canonical":
            fetched = attrs.get("href")
        assert not (fetched or "").startswith(("http:", "https:", "//")), (tag, attrs)


# -- failures -------------------------------------------------------------------------


def digest(folder: Path) -> str:
    sha = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            sha.update(str(path.relative_to(folder)).encode())
            sha.update(path.read_bytes())
    return sha.hexdigest()


@pytest.fixture(scope="module")
def good_project(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("good"))
    result = build(project)
    assert result.returncode == 0, result.output
    return project


@pytest.mark.parametrize(
    "fixture",
    ["unknown-field.yml", "alias-bomb.yml", "yaml-tag.yml", "not-utf8.yml", "empty.yml", "top-level-list.yml", "bad-url.yml"],
)
def test_invalid_content_fails_with_a_message_and_leaves_site_untouched(good_project, fixture):
    target = good_project / "briefs" / fixture
    target.write_bytes((FIXTURES / "briefs" / "invalid" / fixture).read_bytes())
    before = digest(good_project / "site")
    try:
        result = build(good_project)
    finally:
        target.unlink()
    assert result.returncode != 0
    assert f"briefs/{fixture}" in result.output
    assert "Traceback" not in result.output
    assert "Nothing was built; the last good site/ is unchanged." in result.output
    assert digest(good_project / "site") == before
    assert not (good_project / "site.building").exists()


def test_a_late_strict_failure_also_leaves_site_untouched(good_project):
    page = good_project / "docs" / "broken-link.md"
    page.write_text("# Broken\n\n[nowhere](does-not-exist.md)\n")
    before = digest(good_project / "site")
    try:
        result = build(good_project)
    finally:
        page.unlink()
    assert result.returncode != 0
    assert "does-not-exist.md" in result.output
    assert digest(good_project / "site") == before


def test_a_dirty_build_is_refused_with_what_to_do_and_leaves_site_untouched(good_project):
    # --dirty would hand the plugin only the changed pages of docs/: search and the sitemap would lose the rest.
    (good_project / "docs" / "index.md").touch()
    before = digest(good_project / "site")
    completed = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--dirty"], cwd=good_project,
                               capture_output=True, text=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert completed.returncode != 0
    output = completed.stdout + completed.stderr
    assert "cannot be built with --dirty" in output and "without --dirty" in output, output[-2000:]
    assert "Traceback" not in output
    assert digest(good_project / "site") == before


def test_all_problems_are_reported_in_one_build(good_project):
    names = ["unknown-field.yml", "impossible-date.yml", "missing-quiz.yml"]
    for name in names:
        (good_project / "briefs" / name).write_bytes((FIXTURES / "briefs" / "invalid" / name).read_bytes())
    try:
        result = build(good_project)
    finally:
        for name in names:
            (good_project / "briefs" / name).unlink()
    assert result.returncode != 0
    for name in names:
        assert f"briefs/{name}:" in result.output
    assert "problems in 3 files" in result.output


def test_personal_data_fails_the_build(good_project):
    target = good_project / "briefs" / "postcode.yml"
    target.write_text((FIXTURES / "briefs" / "personal-data" / "postcode.yml").read_text())
    try:
        result = build(good_project)
    finally:
        target.unlink()
    assert result.returncode != 0
    assert 'briefs/postcode.yml:8: background: contains what looks like a UK postcode ("SW1A 1AA")' in result.output


def test_bad_site_settings_are_reported_with_line(tmp_path):
    project = make_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace('primary_colour: "#1d4f76"', 'primary_colour: "#ffff00"'))
    result = build(project)
    assert result.returncode != 0
    assert "mkdocs.yml:" in result.output and "extra.site.primary_colour" in result.output
    assert "too light for white text" in result.output


def test_a_partnership_name_too_long_for_a_folder_name_still_builds(tmp_path):
    project = make_project(tmp_path / "project")
    brief = next(p for p in sorted((project / "briefs").glob("*.yml")) if not p.name.startswith("_"))
    name = "The " + "Very " * 60 + "Long Community Safety Partnership"  # a slug of over 300 characters
    text = brief.read_text(encoding="utf-8")
    brief.write_text(re.sub(r"^partnership: .*$", f"partnership: {name}", text, count=1, flags=re.M), encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output[-3000:]
    folders = [p.name for p in (result.site / "briefs" / "by-partnership").iterdir() if p.name.startswith("the-very")]
    assert len(folders) == 1 and len(folders[0]) <= 80
    assert name in (result.site / "briefs" / "by-partnership" / folders[0] / "index.html").read_text(encoding="utf-8")


_BUILD_IN_PROCESS = """
import atexit, runpy, signal, sys
atexit.register(lambda: print("python tore down"))
sys.argv = [sys.argv[1], "build", "--quiet"]
try:
    runpy.run_module("mkdocs", run_name="__main__")
except SystemExit as end:
    print("returned", end.code)
print("signals-as-they-were", all(signal.getsignal(s) is signal.SIG_DFL for s in (signal.SIGTERM, signal.SIGHUP)))
"""


@pytest.mark.parametrize("as_command, ends_at_once", [("mkdocs", True), ("a-script-of-ours", False)])
def test_a_finished_build_ends_without_tearing_python_down_only_as_the_mkdocs_command(tmp_path, as_command, ends_at_once):
    """Freeing the loaded content as Python exits took 2-3 s at 10,000 briefs,
    after the site was in place. A program that runs a build in its own
    process carries on as usual."""
    project = make_project(tmp_path / "p")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-c", _BUILD_IN_PROCESS, as_command], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert (project / "site/briefs/familial-homicide-in-a-care-home/index.html").is_file()
    said = done.stdout.split()
    assert ("python" not in said) == ends_at_once, done.stdout
    if not ends_at_once:  # the build stopped on SIGTERM as on Ctrl-C only while it ran
        assert "signals-as-they-were True" in done.stdout, done.stdout


def test_a_build_that_fails_its_strict_check_after_writing_still_fails(tmp_path):
    """MkDocs checks --strict warnings after the last page is written; the early
    end of a finished build must never turn that failure into success."""
    project = make_project(tmp_path / "p")
    assert build(project).returncode == 0
    before = sorted(p.relative_to(project / "site") for p in (project / "site").rglob("*"))
    (project / "docs/about-reviews.md").write_text(
        (project / "docs/about-reviews.md").read_text(encoding="utf-8") + "\n[A page that is not there](not-there.md)\n",
        encoding="utf-8")
    result = build(project)
    assert result.returncode == 1 and "strict mode" in result.output, result.output[-2000:]
    assert sorted(p.relative_to(project / "site") for p in (project / "site").rglob("*")) == before
