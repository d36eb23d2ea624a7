"""One build pipeline: pages are data, each frame is decided once, and a theme
feature that works page by page either works on every generated page or the
build refuses it by name."""

from __future__ import annotations

import pickle
import re

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, build, make_project
from macros.content.model import BRIEF, BRIEF_SECTIONS, NOTE_SECTIONS, Brief
from macros.content.project import load_project
from macros.render.build import Build, BuildError, EditLinks
from macros.render.pages import Frame, plan_pages

REPO = "https://github.com/example-csp/learning-briefs"
EDITABLE = {
    "theme:\n": f"repo_url: {REPO}\nedit_uri: edit/main/docs/\ntheme:\n  features:\n    - content.action.edit\n    - content.action.view\n",
}
VALID = FIXTURES / "briefs" / "valid"


@pytest.fixture(scope="module")
def editable_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("editable"), settings=EDITABLE,
                           briefs={p.name: p.read_text(encoding="utf-8") for p in VALID.glob("*.yml")})
    result = build(project)
    assert result.returncode == 0, result.output
    return result.site


def edit_links(site, page: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    return [(a.get("title", ""), a["href"]) for a in soup.select("a.md-content__button")]


def test_edit_this_page_on_a_brief_leads_to_its_yaml(editable_site):
    # The first brief at its folder depth is the shell's model, the others are filled shells: both.
    for slug in ("full", "minimal", "hostile", "familial-homicide-in-a-care-home"):
        assert edit_links(editable_site, f"briefs/{slug}/index.html") == [
            ("Edit this page", f"{REPO}/edit/main/briefs/{slug}.yml"),
            ("View source of this page", f"{REPO}/raw/main/briefs/{slug}.yml"),
        ], slug


def test_edit_links_lead_to_each_pages_own_source(editable_site):
    assert edit_links(editable_site, "quizzes/think-family/index.html")[0][1] == f"{REPO}/edit/main/quizzes/think-family.yml"
    assert edit_links(editable_site, "about-reviews/index.html")[0][1] == f"{REPO}/edit/main/docs/about-reviews.md"
    # Listings, theme pages and the tracker are made from many files: no edit link.
    for page in ("briefs/index.html", "themes/carers/index.html", "recommendations/index.html", "themes/index.html",
                 "briefs/by-year/2025/index.html"):
        assert edit_links(editable_site, page) == [], page
    # No page carries the shell's stand-in address.
    for path in editable_site.rglob("*.html"):
        assert "lb-shell-" not in path.read_text(encoding="utf-8"), path


def test_an_edit_uri_that_does_not_point_at_the_docs_folder_is_refused_by_name(tmp_path):
    project = make_project(tmp_path / "p", settings={"theme:\n": f"repo_url: {REPO}\nedit_uri: blob/main/\ntheme:\n"})
    result = build(project)
    assert result.returncode == 1
    assert "edit_uri (blob/main/) does not end with the docs folder (docs/)" in result.output
    assert "Traceback" not in result.output
    with pytest.raises(BuildError):
        EditLinks.from_settings(REPO, "edit/main/", "docs")
    assert EditLinks.from_settings(REPO, "edit/main/site/docs/", "docs").url("briefs/a.yml") == f"{REPO}/edit/main/site/briefs/a.yml"
    assert EditLinks.from_settings(None, None, "docs") is None


@pytest.mark.parametrize("plugin", ["search", "tags"])
def test_a_plugin_that_works_page_by_page_is_refused_by_name(tmp_path, plugin):
    project = make_project(tmp_path / "p", settings={"plugins:\n": f"plugins:\n  - {plugin}\n"})
    result = build(project)
    assert result.returncode == 1
    assert f"mkdocs.yml: plugins.{plugin}: \"{plugin}\" works page by page" in result.output
    assert "Traceback" not in result.output


def test_pages_are_data_that_can_be_pickled_and_read():
    project = load_project(ROOT / "mkdocs.yml")
    build_ = Build.plan(project, [], use_directory_urls=True, site_name="S", site_description="", site_url="https://x.example/",
                        serving=False, edit_links=None)
    pages = plan_pages(build_.site)
    restored = pickle.loads(pickle.dumps(pages))
    assert [p.src for p in restored] == [p.src for p in pages]
    brief_page = next(p for p in restored if p.kind == "brief")
    assert brief_page.source_file == f"briefs/{brief_page.args[0].slug}.yml"
    assert "<h1" in brief_page.render(build_.site)


def test_each_page_gets_one_frame_decided_in_one_place():
    project = load_project(ROOT / "mkdocs.yml")
    build_ = Build.plan(project, [], use_directory_urls=True, site_name="S", site_description="", site_url="https://x.example/",
                        serving=False, edit_links=None)
    for_theme = build_.frame_pages({"briefs/index.md", "themes/index.md"})
    assert set(build_.frames) == set(build_.pages)
    assert build_.frames["briefs/index.md"] is Frame.THEME
    assert build_.frames[build_.site.router.feedback_form] is Frame.STANDALONE
    assert not [page for page in build_.pages.values() if page.standalone and page.kind != "feedback"]
    shell_models = set(build_.shell_models)
    assert {src for src, _ in for_theme} == {"briefs/index.md", "themes/index.md"} | shell_models
    # One shell per folder depth, and every shell page at a depth with a shell.
    assert len(set(build_.shell_models.values())) == len(build_.shell_models)


def test_the_brief_is_declared_once():
    """The fields an author writes are the dataclass's declared fields, in order."""
    import dataclasses
    declared = [f.name for f in dataclasses.fields(Brief) if "content" in f.metadata]
    assert [f.name for f in BRIEF.fields] == declared
    required = {f.name for f in dataclasses.fields(Brief) if f.default is dataclasses.MISSING
                and f.default_factory is dataclasses.MISSING}
    assert required == {f.name for f in BRIEF.fields if f.required}
    # Every section shows a field of the brief, and notes can be written for the slides that take them.
    assert {s.field for s in BRIEF_SECTIONS} <= set(declared)
    assert set(NOTE_SECTIONS) - {"title"} <= {s.field for s in BRIEF_SECTIONS}


def test_the_brief_template_has_a_body_for_every_section():
    template = (ROOT / "macros/render/templates/_brief_sections.html").read_text(encoding="utf-8")
    defined = set(re.findall(r"{% macro (\w+)\(", template))
    assert {s.field for s in BRIEF_SECTIONS} == defined


SCRIPTS = ROOT / "overrides/assets/javascripts"


def names_read(script: str, pattern: str) -> set[str]:
    return set(re.findall(pattern, (SCRIPTS / script).read_text(encoding="utf-8")))


def test_scripts_read_only_the_columns_the_build_writes():
    """Python and JavaScript agree on the data by name: every name a script
    reads from a table is a column the build declares."""
    from macros.render.outputs import TRACKER_BRIEF_COLUMNS, TRACKER_ROW_COLUMNS
    from macros.render.search_index import CHOICE_COLUMNS, SEARCH_DOC_COLUMNS, SUMMARY_COLUMNS

    doc_fields = names_read("search.js", r"\bdoc\.(\w+)")
    assert doc_fields and doc_fields <= set(SEARCH_DOC_COLUMNS), doc_fields - set(SEARCH_DOC_COLUMNS)
    entry_fields = names_read("search.js", r"\bentry\.(\w+)")
    assert entry_fields == set(SUMMARY_COLUMNS), entry_fields
    choice_fields = names_read("search.js", r"(?:catalog\.(?:types|themes|partnerships)\[[^\]]+\]|\(theme, index\).*?\btheme)\.(\w+)")
    assert choice_fields and choice_fields <= set(CHOICE_COLUMNS), choice_fields
    brief_fields = names_read("recommendations.js", r"\br\.brief\.(\w+)")
    assert brief_fields and brief_fields <= set(TRACKER_BRIEF_COLUMNS), brief_fields
    computed = {"brief", "theme_titles", "status_name"}  # set by the script itself from named data
    row_fields = names_read("recommendations.js", r"\b(?:r|record)\.(\w+)") - computed
    assert row_fields and row_fields <= set(TRACKER_ROW_COLUMNS), row_fields - set(TRACKER_ROW_COLUMNS)
    for script in ("search.js", "recommendations.js"):
        text = (SCRIPTS / script).read_text(encoding="utf-8")
        assert not re.search(r"\b(?:doc|entry|r|record|row)\[\d+\]", text), f"{script} reads a value by its position"


def test_a_table_row_must_have_a_value_for_each_column():
    from macros.render.script_data import data_table
    assert data_table(("a", "b"), [(1, 2)]) == {"columns": ["a", "b"], "rows": [[1, 2]]}
    with pytest.raises(ValueError):
        data_table(("a", "b"), [(1,)])
