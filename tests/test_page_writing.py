"""Generated pages made from the theme's shell, written on one process or several."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest

from conftest import ROOT
from macros.content.project import load_project
from macros.render import parallel
from macros.render.pages import plan_pages
from macros.render.parallel import Job, PageWriter
from macros.render.routes import Router
from macros.render.shell import CONTENT, DESCRIPTION, TITLE, Shell, ShellError, depth
from macros.render.site import Site


def themed_page(canonical: str = "https://example.org/briefs/a/") -> str:
    """A stand-in for the theme's output for a page given the placeholders."""
    return (
        f'<html><head><title>{TITLE} - Site</title><meta name="description" content="{DESCRIPTION}">'
        f'<link rel="canonical" href="{canonical}"></head>'
        f'<body><header>{TITLE}</header><nav><a href="../../">Home</a></nav>'
        f"<article>{CONTENT}</article></body></html>"
    )


# -- the shell ---------------------------------------------------------------------


def test_a_shell_is_filled_with_each_pages_own_title_description_address_and_content():
    shell = Shell.capture(themed_page(), "briefs/a/", "https://example.org/briefs/a/")
    page = shell.fill(title="Tom & Jerry <b>", description='Said "no"', page_url="briefs/b/", content="<h1>B</h1>")
    assert page == (
        '<html><head><title>Tom &amp; Jerry &lt;b&gt; - Site</title><meta name="description" '
        'content="Said &quot;no&quot;"><link rel="canonical" href="https://example.org/briefs/b/"></head>'
        "<body><header>Tom &amp; Jerry &lt;b&gt;</header><nav><a href=\"../../\">Home</a></nav>"
        "<article><h1>B</h1></article></body></html>"
    )


def test_content_that_looks_like_a_placeholder_is_left_alone():
    shell = Shell.capture(themed_page(), "briefs/a/", "https://example.org/briefs/a/")
    page = shell.fill(title=TITLE, description="d", page_url="briefs/b/", content=f"<h1>{DESCRIPTION}</h1>")
    assert f"<article><h1>{DESCRIPTION}</h1></article>" in page
    assert f"<title>{TITLE} - Site</title>" in page


def test_a_site_without_an_address_has_no_canonical_link():
    shell = Shell.capture(themed_page().replace('<link rel="canonical" href="https://example.org/briefs/a/">', ""),
                          "briefs/a/", None)
    assert "canonical" not in shell.fill(title="t", description="d", page_url="briefs/b/", content="<h1>x</h1>")


@pytest.mark.parametrize(
    "output, canonical",
    [
        (themed_page().replace(CONTENT, ""), "https://example.org/briefs/a/"),  # content not printed
        (themed_page().replace(CONTENT, CONTENT * 2), "https://example.org/briefs/a/"),  # printed twice
        (themed_page(), "https://example.org/other/"),  # the address is not the page's
    ],
    ids=["no-content", "content-twice", "wrong-address"],
)
def test_a_theme_page_that_cannot_be_a_shell_is_refused(output, canonical):
    with pytest.raises(ShellError):
        Shell.capture(output, "briefs/a/", canonical)


def test_depth_is_the_number_of_folders_above_the_page():
    assert depth("index.html") == 0
    assert depth("briefs/a/index.html") == 2
    assert depth("briefs/a.html") == 1


# -- writing pages -------------------------------------------------------------------


def _job(site_dir: Path) -> Job:
    project = load_project(ROOT / "mkdocs.yml")
    site = Site(content=project.content, settings=project.settings, router=Router(True), today=dt.date(2026, 11, 19),
                site_description="About the site")
    pages = plan_pages(site)
    prefix = "../" * 6
    shells = {
        d: Shell.capture(themed_page().replace("../../", prefix[: 3 * d]), "briefs/a/", "https://example.org/briefs/a/")
        for d in range(7)
    }
    return Job(site, pages, site_dir, shells=shells, preview=False)


def _written(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in folder.rglob("*.html")}


def test_pages_written_on_two_processes_are_those_written_on_one(tmp_path, monkeypatch):
    serial = PageWriter(_job(tmp_path / "serial"), workers=1)
    assert not serial.parallel
    serial.finish()

    monkeypatch.setattr(parallel, "MIN_PAGES_FOR_WORKERS", 1)  # the project's own site is small
    forked = PageWriter(_job(tmp_path / "forked"), workers=2)
    assert forked.parallel
    forked.finish()

    one, two = _written(tmp_path / "serial"), _written(tmp_path / "forked")
    assert one == two
    job = _job(tmp_path / "unused")
    assert len(one) == len(job.pages)
    brief = job.site.briefs[0]
    page = one[f"briefs/{brief.slug}/index.html"]
    assert f"<title>{html.escape(brief.title)} - Site</title>" in page
    assert f'href="https://example.org/briefs/{brief.slug}/"' in page
    assert re.search(r'<nav><a href="\.\./\.\./">Home</a></nav>', page)  # the shell for its depth
